"""Who may see what about a resident: the privacy rules, in one place (DESIGN.md §9, DOMAIN.md §8).

Three kinds of personal information are protected:

- **ID numbers and phones** are masked for everyone by default (``420281********0017``,
  ``138****1234``). The roles in ``actor.UNMASK_ROLES`` may ask for the full value (显示完整, an
  unmasked export); every such view writes an audit row.
- **Sensitive categories** (the person categories flagged ``sensitive`` in codes.json: 刑满释放,
  社区矫正, 严重精神障碍, 吸毒, 艾滋病危险, 重点青少年, 重点上访; and any tag saved with its
  ``sensitive`` flag) are visible only to ``actor.SENSITIVE_ROLES``. Other roles don't see those
  tags at all: not in lists, not in counts, not in exports.
- **Minors** (younger than the ``privacy.minor_age`` setting, 14 by default: PIPL art. 28) are
  shown only to ``MINOR_ROLES``; for other roles the name is shortened to the surname, the birth
  date, address, phone and notes are withheld, the ID stays masked, and categories that only
  minors have (留守儿童, 困境儿童 …) are hidden.

How other services use this module:

- a list or export page: ``rows = mask_rows(actor, [dict(...) for each person])`` (one policy
  lookup for the whole page), or ``mask_person_fields(actor, row)`` for a single record;
- a query over person tags: ``.where(tag_filter(actor))`` so hidden categories never leave SQL;
- a count by category: ``visible_categories(actor, codes)`` to drop the columns it may not show;
- 显示完整 on a record the service has already loaded through its scope check:
  ``reveal(actor, "person", uid, ["id_number", "phone"], birth_date=...)`` (checks and audits);
- an export with ``--unmask``: ``require_unmask(actor)`` before writing, then
  ``record_export(actor, "person", path, rows, unmasked=True)`` after.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from gridapp import dialect, ids, refdata
from gridapp.errors import PermissionDenied
from gridapp.models import PersonTag
from gridapp.services import audit
from gridapp.services.actor import (
    GRID_WORKER, ROLE_NAMES_ZH, SENSITIVE_ROLES, TOWNSHIP, UNMASK_ROLES, VILLAGE_ADMIN, Actor,
)

# Roles that may see data on minors: the people who look after 留守儿童 and 困境儿童 in person.
MINOR_ROLES = frozenset({GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP})

MINOR_AGE_SETTING = "privacy.minor_age"
DEFAULT_MINOR_AGE = 14

# Fields withheld from a minor's row for roles outside MINOR_ROLES.
_MINOR_WITHHELD = ("birth_date", "address", "notes", "occupation", "education")


@dataclass(frozen=True)
class Policy:
    """What one actor may see, resolved once for a page of rows."""

    can_see_sensitive: bool
    can_see_minors: bool
    can_unmask: bool
    minor_age: int
    today: dt.date
    hidden_categories: frozenset[str]


def can_see_sensitive(actor: Actor) -> bool:
    return actor.role in SENSITIVE_ROLES


def can_see_minors(actor: Actor) -> bool:
    return actor.role in MINOR_ROLES


def can_unmask(actor: Actor) -> bool:
    return actor.role in UNMASK_ROLES


def minor_age() -> int:
    value = refdata.setting(MINOR_AGE_SETTING)
    return int(value) if value and value.isdigit() else DEFAULT_MINOR_AGE


def minor_categories() -> frozenset[str]:
    """Person categories that only minors have (留守儿童, 困境儿童, 重点青少年)."""
    c = refdata.codes()
    return frozenset(code for code, _ in c.items("person_category")
                     if c.extra("person_category", code).get("minors"))


def policy(actor: Actor, today: dt.date | None = None) -> Policy:
    sensitive = can_see_sensitive(actor)
    minors = can_see_minors(actor)
    hidden: set[str] = set()
    if not sensitive:
        hidden |= refdata.sensitive_categories()
    if not minors:
        hidden |= minor_categories()
    return Policy(can_see_sensitive=sensitive, can_see_minors=minors, can_unmask=can_unmask(actor),
                  minor_age=minor_age(), today=today or dt.date.today(), hidden_categories=frozenset(hidden))


def age_on(birth_date: dt.date, today: dt.date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def birth_date_of(row: dict) -> dt.date | None:
    """The row's birth date, or the one inside its ID number."""
    birth = row.get("birth_date")
    if isinstance(birth, dt.datetime):
        return birth.date()
    if isinstance(birth, dt.date):
        return birth
    number = ids.normalize_id(row.get("id_number") or "")
    if len(number) == 18 and number[:14].isdigit():
        try:
            return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            return None
    return None


def is_minor(row_or_birth: dict | dt.date | None, *, today: dt.date | None = None,
             age: int | None = None) -> bool:
    birth = birth_date_of(row_or_birth) if isinstance(row_or_birth, dict) else row_or_birth
    if birth is None:
        return False
    return age_on(birth, today or dt.date.today()) < (minor_age() if age is None else age)


def _short_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name


def mask_person_fields(actor: Actor, row: dict, *, unmask: bool = False, policy_: Policy | None = None) -> dict:
    """A copy of ``row`` (a person's fields as a dict) fit for ``actor`` to see.

    Keys handled when present: ``id_number``, ``phone`` (masked unless ``unmask`` and the role
    may unmask; ``unmask`` by a role that may not raises PermissionDenied), ``name`` and the
    fields in ``_MINOR_WITHHELD`` (for a minor and a role outside MINOR_ROLES), and
    ``categories`` (an iterable of person category codes: hidden ones are dropped). The result
    has ``masked_minor`` True when a minor's data was withheld. Unknown keys pass unchanged.
    """
    p = policy_ or policy(actor)
    if unmask and not p.can_unmask:
        raise PermissionDenied(_unmask_denied())
    out = dict(row)
    minor_hidden = not p.can_see_minors and is_minor(row, today=p.today, age=p.minor_age)
    full = unmask and not minor_hidden
    if out.get("id_number") and not full:
        out["id_number"] = ids.mask_id(out["id_number"])
    if out.get("phone") and not full:
        out["phone"] = ids.mask_phone(out["phone"])
    if "categories" in out and out["categories"] is not None:
        out["categories"] = tuple(c for c in out["categories"] if c not in p.hidden_categories)
    if minor_hidden:
        if out.get("name"):
            out["name"] = _short_name(out["name"])
        for key in _MINOR_WITHHELD:
            if key in out:
                out[key] = None
    out["masked_minor"] = minor_hidden
    return out


def mask_rows(actor: Actor, rows: Iterable[dict], *, unmask: bool = False) -> list[dict]:
    """``mask_person_fields`` for a page of rows, with the policy looked up once."""
    p = policy(actor)
    return [mask_person_fields(actor, r, unmask=unmask, policy_=p) for r in rows]


def visible_categories(actor: Actor, categories: Iterable[str]) -> list[str]:
    """The category codes ``actor`` may see, in the given order."""
    hidden = policy(actor).hidden_categories
    return [c for c in categories if c not in hidden]


def tag_filter(actor: Actor, model=PersonTag) -> pw.Expression:
    """WHERE expression on PersonTag (or an alias) keeping only tags ``actor`` may see."""
    p = policy(actor)
    expr: pw.Expression = dialect.true()
    if not p.can_see_sensitive:
        expr &= model.sensitive == False  # noqa: E712 - peewee expression
    if p.hidden_categories:
        expr &= model.category.not_in(sorted(p.hidden_categories))
    return expr


def _unmask_denied() -> str:
    allowed = "、".join(ROLE_NAMES_ZH[r] for r in sorted(UNMASK_ROLES))
    return f"查看完整身份证号和电话仅限{allowed}"


def require_unmask(actor: Actor) -> None:
    if not can_unmask(actor):
        raise PermissionDenied(_unmask_denied())


def reveal(actor: Actor, entity: str, uid: str, fields: Iterable[str], *,
           birth_date: dt.date | None = None, categories: Iterable[str] = ()) -> None:
    """显示完整: check that ``actor`` may see the full fields of this record and audit it.

    The caller has loaded the record through its own scope check. ``birth_date`` makes the
    minors rule apply; ``categories`` the sensitive-category rule.
    """
    require_unmask(actor)
    p = policy(actor)
    if birth_date is not None and not p.can_see_minors and is_minor(birth_date, today=p.today, age=p.minor_age):
        raise PermissionDenied(f"未满{p.minor_age}周岁人员的信息仅限网格员、村(社区)管理员和乡镇综治中心查看")
    shown = sorted(set(categories) & p.hidden_categories)
    if shown:
        raise PermissionDenied("该人员属于敏感人群，您的角色无权查看其完整信息")
    audit.record(actor, "view_sensitive", entity, uid, {"fields": sorted(set(fields))})


def record_export(actor: Actor, entity: str, path, rows: int, *, unmasked: bool,
                  filters: dict | None = None) -> None:
    """Audit an export (every unmasked one must be; masked ones may be)."""
    if unmasked:
        require_unmask(actor)
    details = {"file": str(path), "rows": rows, "unmasked": unmasked}
    if filters:
        details["filters"] = filters
    audit.record(actor, "export", entity, None, details)

"""People (人): register, search, edit, move, soft delete and restore residents; special-group tags.

Rules kept here:

* 公民身份号码 is unique among live people; a clash names the person already registered.
  The same name and birth date in the same village is only a warning the caller may confirm.
* The birth date and sex come from the ID number when there is one.
* Denormalised keys are kept in step on every write: scope codes (from the household or grid),
  ``name_tokens`` (FTS), ``pinyin``/``initials``, ``id_rev``/``phone_rev`` (tail search).
* Tags: a tag is *live* while it is not deleted, has started (``since`` is today or earlier) and
  its ``until`` is empty or not yet past (``until`` is the last day it applies), as the worklist,
  the 工作台 and the summary count. Lists, filters and counts use live tags; a person's form edits
  the *open* ones (not ended, started or not). Sensitive categories are invisible to roles that
  may not see them: they are left out of rows, can't be used as filters, and can't be added or removed.
* The list (``page``/``count``) is the living register: 死亡 and 迁出 people are left out unless
  the query's ``residence`` asks for them (or is ``ANY_RESIDENCE``); the 回收站 lists every status,
  and a household's members are always all shown, each with their status.
* Every change bumps ``version`` and writes an audit row with the changed fields.
"""
from __future__ import annotations

import datetime as dt
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import reduce

import peewee as pw

from gridapp import ids, refdata, text
from gridapp.errors import (
    DuplicateError, NeedsConfirmation, NotFoundError, PermissionDenied, StaleRecordError,
    ValidationError, ValidationErrors,
)
from gridapp.models import Division, Grid, Household, Person, PersonTag, database, now
from gridapp.services import audit, search
from gridapp.services.actor import (
    GRID_WORKER, TOWNSHIP, VILLAGE_ADMIN, Actor, division_name, in_scope, require_role, scope_filter,
)

HEAD = "02"
SELF = "01"
NAME_MAX = 50
TAG_DETAILS_MAX = 4000
MIN_BIRTH = dt.date(1900, 1, 1)
PERSON_FIELDS = ("household_id", "grid_id", "village_code", "name", "id_number", "sex", "birth_date",
                 "ethnic", "relation", "is_head", "phone", "residence", "political", "education",
                 "occupation", "reg_address", "notes")
TAG_FIELDS = ("category", "attention", "since", "until", "details", "sensitive")
PERSON_SORTS = ("name", "birth_date", "village", "household")
WRITER_ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP)
GONE_RESIDENCE = ("死亡", "迁出")  # off the living register
ANY_RESIDENCE = "*"  # PersonQuery.residence: every status, 死亡 and 迁出 included


# --------------------------------------------------------------------------- dataclasses
@dataclass(frozen=True)
class TagInput:
    category: str
    attention: str = "02"
    since: dt.date | None = None
    until: dt.date | None = None
    details: dict | None = None


@dataclass(frozen=True)
class TagRow:
    id: int
    uid: str
    category: str
    category_name: str
    attention: str
    attention_name: str
    since: dt.date
    until: dt.date | None
    sensitive: bool
    details: dict | None


@dataclass(frozen=True)
class PersonInput:
    name: str
    id_number: str | None = None
    sex: str | None = None
    birth_date: dt.date | None = None
    ethnic: str = "汉族"
    relation: str = "99"
    phone: str | None = None
    residence: str = "户籍在册"
    political: str | None = None
    education: str | None = None
    occupation: str | None = None
    notes: str | None = None
    tags: tuple[TagInput, ...] = ()
    reg_address: str | None = None  # 户籍地址; on update None keeps the stored one, "" clears it


@dataclass(frozen=True)
class PersonQuery:
    text: str = ""
    township_code: str | None = None
    village_code: str | None = None
    grid_id: int | None = None
    category: str | None = None
    attention: str | None = None
    residence: str | None = None  # None: the living register (no 死亡/迁出); ANY_RESIDENCE: everyone
    deleted: bool = False
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class PersonRow:
    id: int
    uid: str
    version: int
    household_id: int | None
    household_number: str
    name: str
    relation: str | None
    relation_name: str
    is_head: bool
    sex: str | None
    birth_date: dt.date | None
    age: int | None
    id_masked: str
    phone_masked: str
    residence: str
    village_name: str
    grid_name: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class PersonDetail:
    id: int
    uid: str
    version: int
    household_id: int | None
    household_number: str
    name: str
    relation: str | None
    relation_name: str
    is_head: bool
    sex: str | None
    birth_date: dt.date | None
    age: int | None
    id_masked: str
    phone_masked: str
    residence: str
    village_name: str
    grid_name: str
    tags: tuple[TagRow, ...]
    ethnic: str | None
    political: str | None
    political_name: str
    education: str | None
    occupation: str | None
    reg_address: str | None
    notes: str | None
    id_number: str | None  # masked unless ``revealed``
    phone: str | None  # masked unless ``revealed``
    revealed: bool
    grid_id: int | None
    village_code: str | None
    tag_history: tuple[TagRow, ...]  # ended tags, newest first
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None


@dataclass(frozen=True)
class IdCheck:
    ok: bool
    normalized: str
    birth_date: dt.date | None
    sex: str | None
    message: str


# --------------------------------------------------------------------------- shared helpers
def require_writer(actor: Actor) -> None:
    require_role(actor, *WRITER_ROLES, what="维护居民信息")


def touch(record, actor: Actor, at: dt.datetime | None = None) -> None:
    """Mark a record changed by the actor: version + 1, updated_at/by."""
    record.version += 1
    record.updated_at = at or now()
    record.updated_by = actor.login


def save_checked(record, expected_version: int | None) -> None:
    """Save a touched record only if nobody changed it since ``expected_version`` was read."""
    model = type(record)
    if expected_version is None:
        record.save()
        return
    data = {f: record.__data__.get(f.name) for f in model._meta.sorted_fields if f.name != "id"}
    n = model.update(data).where((model.id == record.id) & (model.version == expected_version)).execute()
    if n != 1:
        raise StaleRecordError("记录已被他人修改，请刷新后重试")


def check_version(record, version: int | None) -> None:
    if version is not None and record.version != version:
        raise StaleRecordError("记录已被他人修改，请刷新后重试")


def live_tag() -> pw.Expression:
    """Tags that apply today: not deleted, started (since <= today), not ended (until empty or >= today)."""
    today = dt.date.today()
    return open_tag() & (PersonTag.since <= today)


def open_tag() -> pw.Expression:
    """Tags not deleted and not ended, started or not: what a person's form shows and edits."""
    return PersonTag.deleted_at.is_null() & (PersonTag.until.is_null() | (PersonTag.until >= dt.date.today()))


def hidden_categories(actor: Actor) -> frozenset[str]:
    return frozenset() if actor.can_see_sensitive else refdata.sensitive_categories()


def category_choices(actor: Actor) -> list[tuple[str, str]]:
    """Person categories the actor may see, filter by and assign, in code-table order."""
    hidden = hidden_categories(actor)
    return [(c, n) for c, n in refdata.codes().items("person_category") if c not in hidden]


def age_on(birth: dt.date | None, day: dt.date | None = None) -> int | None:
    if birth is None:
        return None
    day = day or dt.date.today()
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def snapshot(record, fields: Sequence[str]) -> dict:
    return {f: getattr(record, f) for f in fields}


# --------------------------------------------------------------------------- ID check
def check_id(value) -> IdCheck:
    """Live feedback for the ID field: the normalised number, what it says, or what is wrong."""
    normalized = ids.normalize_id(value)
    if not normalized:
        return IdCheck(False, "", None, None, "")
    try:
        info = ids.parse_id(value)
    except ValidationError as exc:
        return IdCheck(False, normalized, None, None, exc.message)
    return IdCheck(True, info.number, info.birth_date, info.sex, "")


# --------------------------------------------------------------------------- input cleaning
def normalize_name(value) -> str:
    """Width folded, spaces collapsed; no spaces inside a Chinese name; one kind of middle dot."""
    name = text.clean(value)
    for dot in ("•", "・", "．", "‧", "∙"):
        name = name.replace(dot, "·")
    if any(search.is_cjk(ch) for ch in name):
        name = name.replace(" ", "")
    return name.strip("·").strip()


def _name_error(name: str) -> str | None:
    if not name:
        return "姓名不能为空"
    if len(name) > NAME_MAX:
        return f"姓名不能超过{NAME_MAX}个字"
    if any(ch.isdigit() for ch in name):
        return "姓名不能包含数字"
    bad = [ch for ch in name if not (search.is_cjk(ch) or ch.isascii() and ch.isalpha() or ch in "· ")]
    if bad:
        return f"姓名含有不允许的字符：{''.join(dict.fromkeys(bad))}"
    return None


def _code(table: str, value, label: str, field: str, errors: list, *, by_name: bool = False):
    """A code-table value given as code or name → its code (or its name with ``by_name``)."""
    value = text.clean(value)
    if not value:
        return None
    c = refdata.codes()
    code = c.code(table, value)
    if code is None and table == "ethnic":
        code = c.code(table, value + "族")
    if code is None:
        errors.append(ValidationError(f"{label}“{value}”不在代码表中", field=field))
        return None
    return c.name(table, code) if by_name else code


@dataclass
class CleanPerson:
    values: dict
    tags: list[dict]


def clean_person(actor: Actor, data: PersonInput, errors: list, *, in_household: bool, is_head: bool,
                 prefix: str = "") -> CleanPerson:
    """Field values ready to store (and the tags to set); problems go to ``errors`` with fields
    named ``prefix + attr``. Reads code tables only; the households service and the household
    importer check their rows with it."""
    def err(message: str, field: str) -> None:
        errors.append(ValidationError(message, field=prefix + field))

    values: dict = {}
    name = normalize_name(data.name)
    problem = _name_error(name)
    if problem:
        err(problem, "name")
    values["name"] = name

    birth, sex = data.birth_date, text.clean(data.sex) or None
    if isinstance(birth, dt.datetime):
        birth = birth.date()
    if birth is not None and not isinstance(birth, dt.date):
        err("出生日期格式不正确", "birth_date")
        birth = None
    if sex is not None:
        code = refdata.codes().code("sex", sex)
        if code is None:
            err(f"性别只能是男或女，实际为“{sex}”", "sex")
            sex = None
        else:
            sex = refdata.codes().name("sex", code)
    number = ids.normalize_id(data.id_number)
    values["id_number"] = number or None
    if number:
        try:
            info = ids.parse_id(data.id_number)
        except ValidationError as exc:
            err(exc.message, "id_number")
        else:
            if birth is not None and birth != info.birth_date:
                err(f"出生日期与公民身份号码不一致（身份证号中为 {info.birth_date.isoformat()}）", "birth_date")
            if sex is not None and sex != info.sex:
                err(f"性别与公民身份号码不一致（身份证号中为{info.sex}）", "sex")
            birth, sex = info.birth_date, info.sex
    if birth is not None and not number:
        if birth > dt.date.today():
            err("出生日期不能晚于今天", "birth_date")
        elif birth < MIN_BIRTH:
            err("出生日期不能早于1900年", "birth_date")
    values["birth_date"], values["sex"] = birth, sex

    values["ethnic"] = _code("ethnic", data.ethnic, "民族", prefix + "ethnic", errors, by_name=True)
    values["residence"] = _code("residence", data.residence, "人员状态", prefix + "residence", errors) or "户籍在册"
    values["political"] = _code("political", data.political, "政治面貌", prefix + "political", errors)
    values["education"] = _code("education", data.education, "文化程度", prefix + "education", errors)
    relation = _code("relation", data.relation, "与户主关系", prefix + "relation", errors)
    if not in_household:
        relation = None
    elif is_head:
        if relation not in (None, HEAD, SELF, "99"):
            err("户主的与户主关系只能是“户主”；更换户主请使用“设为户主”", "relation")
        relation = HEAD
    elif relation in (HEAD, SELF):
        err("每户只能有一位户主；更换户主请使用“设为户主”", "relation")
    values["relation"] = relation or ("99" if in_household else None)

    phone = ids.normalize_phone(data.phone)
    if phone:
        try:
            phone = ids.validate_phone(phone)
        except ValidationError as exc:
            err(exc.message, "phone")
    values["phone"] = phone or None
    occupation = text.clean(data.occupation)
    if len(occupation) > 64:
        err("职业不能超过64个字", "occupation")
    values["occupation"] = occupation or None
    reg_address = text.clean(data.reg_address)
    if len(reg_address) > 200:
        err("户籍地址不能超过200个字", "reg_address")
    values["reg_address"] = reg_address or None
    notes = text.clean_multiline(data.notes)
    if len(notes) > 2000:
        err("备注不能超过2000个字", "notes")
    values["notes"] = notes or None
    return CleanPerson(values, _clean_tags(actor, data.tags, err))


def _clean_tags(actor: Actor, tags: Sequence[TagInput], err) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    c = refdata.codes()
    hidden = hidden_categories(actor)
    sensitive = refdata.sensitive_categories()
    today = dt.date.today()
    for tag in tags:
        category = c.code("person_category", text.clean(tag.category))
        if category is None:
            err(f"人员类别“{tag.category}”不在代码表中", "tags")
            continue
        name = c.name("person_category", category)
        if category in hidden:
            err(f"您无权登记人员类别“{name}”", "tags")
            continue
        if category in seen:
            err(f"人员类别“{name}”重复", "tags")
            continue
        seen.add(category)
        attention = c.code("attention", text.clean(tag.attention) or "02")
        if attention is None:
            err(f"{name}的关注程度只能是高、中或低", "tags")
        since, until = _tag_date(tag.since, name, "开始", err) or today, _tag_date(tag.until, name, "结束", err)
        if since > today:
            err(f"{name}的开始日期不能晚于今天", "tags")
        if until is not None and until < since:
            err(f"{name}的结束日期不能早于开始日期", "tags")
        details = _tag_details(tag.details, name, err)
        out.append(dict(category=category, attention=attention or "02", since=since, until=until,
                        details=details, sensitive=category in sensitive))
    return out


def _tag_date(value, name: str, which: str, err) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    err(f"{name}的{which}日期格式不正确", "tags")
    return None


def _tag_details(value, name: str, err) -> str | None:
    """The per-category details as stored (JSON), or None."""
    if not value:
        return None
    try:
        details = json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False) \
            if isinstance(value, dict) else None
    except (TypeError, ValueError):
        details = None
    if details is None:
        err(f"{name}的详细信息格式不正确", "tags")
    elif len(details) > TAG_DETAILS_MAX:
        err(f"{name}的详细信息过长（最多{TAG_DETAILS_MAX}个字符）", "tags")
    return details


def duplicate_id_error(number: str | None, exclude_id: int | None = None, field: str = "id_number"):
    """DuplicateError naming the live person who already has this ID number, or None."""
    if not number:
        return None
    where = (Person.id_number == number) & Person.deleted_at.is_null()
    if exclude_id is not None:
        where &= Person.id != exclude_id
    other = Person.get_or_none(where)
    if other is None:
        return None
    return DuplicateError(f"公民身份号码已登记：{_describe(other)}", field=field, existing=other.uid)


def _describe(person: Person) -> str:
    """姓名（乡镇 村，户号 N） for messages that point to an existing record."""
    place = " ".join(n for n in (division_name(person.township_code), division_name(person.village_code)) if n)
    number = Household.get_by_id(person.household_id).number if person.household_id else None
    where = "，".join(x for x in (place, f"户号 {number}" if number else "") if x)
    return f"{person.name}（{where}）" if where else person.name


def check_similar(values: dict, village_code: str | None, exclude_id: int | None = None,
                  field: str = "name") -> None:
    """NeedsConfirmation when the village has a live person with the same name and birth date."""
    if not values.get("birth_date") or not village_code:
        return
    where = ((Person.village_code == village_code) & (Person.name == values["name"])
             & (Person.birth_date == values["birth_date"]) & Person.deleted_at.is_null())
    if exclude_id is not None:
        where &= Person.id != exclude_id
    other = Person.get_or_none(where)
    if other is not None:
        raise NeedsConfirmation(
            f"本村已有同名且出生日期相同的人员：{_describe(other)}。请确认不是同一人后再保存。", field=field,
            code="similar_person")


def validate(actor: Actor, data: PersonInput, person_id: int | None = None,
             household_id: int | None = None) -> list[ValidationError]:
    """Every field error at once (a duplicate ID number included), for the form's live checks."""
    errors: list[ValidationError] = []
    person = _load(actor, person_id) if person_id is not None else None
    household_id = household_id if household_id is not None else (person.household_id if person else None)
    if household_id is not None:
        _household(actor, household_id)
    is_head = bool(person and person.is_head and person.household_id == household_id)
    cleaned = clean_person(actor, data, errors, in_household=household_id is not None, is_head=is_head)
    if not any(e.field == "id_number" for e in errors):
        dup = duplicate_id_error(cleaned.values["id_number"], person_id)
        if dup:
            errors.append(dup)
    return errors


# --------------------------------------------------------------------------- reading
def _load(actor: Actor, person_id: int, *, deleted: bool | None = False) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None or (deleted is False and person.deleted_at is not None):
        raise NotFoundError("该人员不存在或已删除")
    if deleted is True and person.deleted_at is None:
        raise NotFoundError("该人员不在回收站中")
    if not in_scope(actor, person):
        raise PermissionDenied("该人员不在您的管辖范围内")
    return person


def _household(actor: Actor, household_id: int) -> Household:
    household = Household.get_or_none((Household.id == household_id) & Household.deleted_at.is_null())
    if household is None:
        raise ValidationError("所选户不存在或已删除", field="household_id")
    if not in_scope(actor, household):
        raise PermissionDenied(f"户号 {household.number} 不在您的管辖范围内")
    return household


def _where(actor: Actor, query: PersonQuery, *, with_text: bool = True) -> pw.Expression:
    """The people the query lists (without ``with_text``: before the search text is applied)."""
    where = _units(actor, query, Person) & _person_filters(actor, query)
    match = search.classify(query.text) if with_text else None
    if match is not None:
        where &= search.person_condition(match, with_address=True, township=search_township(actor, query))
    return where


def _units(actor: Actor, query: PersonQuery, model) -> pw.Expression:
    """The actor's scope and the query's unit filters, on people or on households (whose members
    carry the household's grid and division codes)."""
    where = scope_filter(actor, model)
    if query.township_code:
        where &= model.township_code == query.township_code
    if query.village_code:
        where &= model.village_code == query.village_code
    if query.grid_id:
        where &= model.grid == query.grid_id
    return where


def _person_filters(actor: Actor, query: PersonQuery) -> pw.Expression:
    """Live or in the 回收站, 人员状态 and category: what a person is tested for besides the units."""
    where = Person.deleted_at.is_null(False) if query.deleted else Person.deleted_at.is_null()
    if query.residence == ANY_RESIDENCE:
        pass
    elif query.residence:
        where &= Person.residence == query.residence
    elif not query.deleted:
        where &= Person.residence.not_in(GONE_RESIDENCE)
    if query.category or query.attention:
        where &= Person.id.in_(PersonTag.select(PersonTag.person).where(tag_filter(actor, query.category,
                                                                                   query.attention)))
    return where


def search_township(actor: Actor, query) -> str | None:
    """The one township a search (of people or households) is confined to, by scope or filter."""
    village = query.village_code
    return actor.township_code or query.township_code or (village[:9] if village else None)


def tag_filter(actor: Actor, category: str | None, attention: str | None = None) -> pw.Expression:
    """Live tags of a category (and attention level) the actor may filter by."""
    where = live_tag()
    hidden = hidden_categories(actor)
    if category:
        if category in hidden:
            raise PermissionDenied("您无权按该人员类别查询")
        where &= PersonTag.category == category
    elif hidden:
        where &= PersonTag.category.not_in(list(hidden))
    if attention:
        where &= PersonTag.attention == attention
    return where


def count(actor: Actor, query: PersonQuery = PersonQuery(), *, up_to: int | None = None) -> int:
    """How many people the query finds (a search also keeps its first page, see FirstPages).

    With ``up_to`` counting stops past it, and a result above ``up_to`` only says there are more:
    the list shows "超过 10,000 人" at once while the exact count runs in the background (a
    county's people, or a broad search such as "1单元", are hundreds of thousands to count)."""
    where = _where(actor, query)
    match = search.classify(query.text)
    if match is None:
        return search.count_up_to(Person.select(Person.id).where(where), up_to)
    first = _walked_ids(actor, query, 0, search.PAGE)
    if first is not None:  # a broad search: the first page walked, the matches counted arm by arm
        search.FIRST_PAGES.keep("person", actor, query, first)
        return _count_matches(actor, query, match, up_to)
    plain = Person.select(pw.fn.COUNT(Person.id)).where(where)
    return search.FIRST_PAGES.count("person", actor, query, _ordered_ids(query, where), plain)


def _count_matches(actor: Actor, query: PersonQuery, match: search.Match, up_to: int | None = None) -> int:
    """The number of live people a search finds (to ``up_to`` + 1 at most), counted as the union
    of its arms, each with every condition of the list inside it, so no match is read twice:
    people by their keys, and the members of the scope's households whose address matches (a
    join the full-text index drives: counting can stop after ``up_to``)."""
    listed = _units(actor, query, Person) & _person_filters(actor, query)
    arms = [Person.select(Person.id).where(arm & listed)
            for arm in search.person_arms(match, search_township(actor, query))]
    if match.kind == "mixed":
        members = (Person.select(Person.id)
                   .join(Household, on=(Household.id == Person.household))
                   .where(_units(actor, query, Household) & Household.deleted_at.is_null()
                          & _person_filters(actor, query)))
        members = search.with_text(members, Household, match.value)
        if members is not None:
            arms.append(members)
    return search.count_arms(arms, up_to)


def page(actor: Actor, query: PersonQuery = PersonQuery(), offset: int = 0, limit: int = 200) -> list[PersonRow]:
    """One page of people, filtered and sorted in SQL (two queries, whatever the page size)."""
    wanted = search.FIRST_PAGES.ids("person", actor, query, offset, limit)
    if wanted is None:
        wanted = _walked_ids(actor, query, offset, limit)
    if wanted is None:
        ordered = _ordered_ids(query, _where(actor, query))
        wanted = [r[0] for r in ordered.offset(offset).limit(limit).tuples()]
    rows = {r.id: r for r in person_rows(actor, _row_select().where(Person.id.in_(wanted)))}
    return [rows[i] for i in wanted]


def _walked_ids(actor: Actor, query: PersonQuery, offset: int, limit: int) -> list[int] | None:
    """A page of a broad search of live people by name, found by walking the list in name order
    (see search.is_broad); None when the search is narrow or the walk fell short.

    Each row of the walk is tested by its own columns (and its household's address), never
    against a list of every match collected first: a broad search reads the few thousand rows
    the walk passes, not the hundreds of thousands it matches."""
    match = search.classify(query.text)
    # names and pinyin cluster in name order (every 王 sorts under "wang"): a walk from the top
    # would find none of them; addresses, ID and phone tails are spread over it
    if match is None or match.kind not in ("mixed", "tail", "phone") or query.sort != "name" or query.deleted:
        return None
    needed = offset + limit
    keys = search.key_ids(match, search_township(actor, query))
    addresses = search.address_ids(match) if match.kind == "mixed" else []
    rows = Person.select(pw.fn.MAX(Person.id)).scalar() or 0
    # an address brings the members of its household: about three people per match
    if not search.is_broad(keys + addresses, needed, rows, margin=1 / 3 if addresses else search.WALK_MARGIN):
        return None
    base = _where(actor, query, with_text=False)
    order = _sort_keys(query)
    listed = scope_filter(actor, Person) & Person.deleted_at.is_null()  # the scope's (pinyin) index alone
    bound = search.walk_bound(Person.select().where(listed), Person.pinyin, query.descending)
    if bound is not None:
        base &= bound
    walk = Person.select(Person.id)
    hits = search.person_arms(match, on_row=True)
    if addresses:
        walk = walk.join(Household, pw.JOIN.LEFT_OUTER, on=(Household.id == Person.household))
        hits.append(search.token_like(Household.addr_tokens, match.value))
    if not hits:
        return None
    walk = walk.where(base & reduce(operator.or_, hits)).order_by(*order).limit(needed)
    found = [r[0] for r in walk.tuples()]
    if len(found) < needed and bound is not None:
        return None  # the matches lie further down the list
    return found[offset:]


def _ordered_ids(query: PersonQuery, where: pw.Expression) -> pw.ModelSelect:
    """The ids of the people found, in the query's order."""
    ids_query = Person.select(Person.id).where(where)
    if query.sort in ("village", "household"):
        ids_query = ids_query.join(Household, pw.JOIN.LEFT_OUTER, on=(Household.id == Person.household))
    return ids_query.order_by(*_sort_keys(query))


def _sort_keys(query: PersonQuery) -> list:
    """The ORDER BY of the query's sort (the id last, so the order is total)."""
    if query.sort not in PERSON_SORTS:
        raise ValidationError(f"不支持的排序方式：{query.sort}", field="sort")
    order = {
        "name": [Person.pinyin, Person.name],
        "birth_date": [Person.birth_date],
        "village": [Person.village_code, Household.number, Person.is_head.desc(), Person.relation],
        "household": [Household.number, Person.is_head.desc(), Person.relation],
    }[query.sort] + [Person.id]
    if query.descending:
        order = [flip(o) for o in order]
    return order


def flip(order) -> pw.Node:
    """The opposite direction of a sort key (a column or an ``Ordering``)."""
    if isinstance(order, pw.Ordering):
        return order.node.asc() if order.direction.upper() == "DESC" else order.node.desc()
    return pw.Ordering(order, "DESC")


_ROW_COLUMNS = (Person.id, Person.uid, Person.version, Person.household, Person.name, Person.relation,
                Person.is_head, Person.sex, Person.birth_date, Person.id_number, Person.phone, Person.residence,
                Person.village_code)


def _row_select() -> pw.ModelSelect:
    """The columns of a PersonRow, as dicts (plain tuples are what a 200-row page can afford)."""
    return (Person.select(*_ROW_COLUMNS, Household.number.alias("household_number"),
                          Grid.name.alias("grid_name"), Division.name.alias("village_name"))
            .join(Household, pw.JOIN.LEFT_OUTER, on=(Household.id == Person.household))
            .switch(Person).join(Grid, pw.JOIN.LEFT_OUTER, on=(Grid.id == Person.grid))
            .switch(Person).join(Division, pw.JOIN.LEFT_OUTER, on=(Division.code == Person.village_code))
            .dicts())


def person_rows(actor: Actor, query) -> list[PersonRow]:
    """Rows for people selected with ``_row_select()``; tags in one more query."""
    people = list(query)
    tags = _tag_names(actor, [p["id"] for p in people])
    relations = dict(refdata.codes().items("relation"))
    today = dt.date.today()
    return [_row(p, tags.get(p["id"], ()), relations, today) for p in people]


def members_of(actor: Actor, household: Household) -> list[PersonRow]:
    """The household's members (live, or those deleted with it): head first, then by relation."""
    if household.deleted_at is None:
        alive = Person.deleted_at.is_null()
    else:
        alive = Person.deleted_at == household.deleted_at
    q = (_row_select().where((Person.household == household.id) & alive)
         .order_by(Person.is_head.desc(), Person.relation, Person.birth_date, Person.id))
    return person_rows(actor, q)


def _tag_names(actor: Actor, person_ids: list[int]) -> dict[int, tuple[str, ...]]:
    if not person_ids:
        return {}
    c = refdata.codes()
    order = {code: i for i, (code, _) in enumerate(c.items("person_category"))}
    hidden = hidden_categories(actor)
    found: dict[int, set[str]] = {}
    for t in (PersonTag.select(PersonTag.person, PersonTag.category, PersonTag.sensitive)
              .where(PersonTag.person.in_(person_ids) & live_tag()).tuples()):
        person_id, category, sensitive = t
        if category in hidden or (sensitive and not actor.can_see_sensitive):
            continue
        found.setdefault(person_id, set()).add(category)
    return {pid: tuple(c.name("person_category", k, k) for k in sorted(cats, key=lambda k: order.get(k, 999)))
            for pid, cats in found.items()}


def _row(p: dict, tags: tuple[str, ...], relations: dict[str, str], today: dt.date) -> PersonRow:
    return PersonRow(
        id=p["id"], uid=p["uid"], version=p["version"], household_id=p["household"],
        household_number=p["household_number"] or "", name=p["name"], relation=p["relation"],
        relation_name=relations.get(p["relation"], ""), is_head=bool(p["is_head"]), sex=p["sex"],
        birth_date=p["birth_date"], age=age_on(p["birth_date"], today),
        id_masked=ids.mask_id(p["id_number"]) if p["id_number"] else "",
        phone_masked=ids.mask_phone(p["phone"]) if p["phone"] else "", residence=p["residence"],
        village_name=p["village_name"] or p["village_code"] or "", grid_name=p["grid_name"] or "", tags=tags)


def get(actor: Actor, person_id: int) -> PersonDetail:
    """One person (also from the 回收站), IDs and phones masked."""
    return _detail(actor, _load(actor, person_id, deleted=None), revealed=False)


def reveal(actor: Actor, person_id: int) -> PersonDetail:
    """The person with the full ID number and phone; the view is written to the audit log."""
    if not actor.can_unmask:
        raise PermissionDenied("您无权查看完整的身份证号和电话")
    person = _load(actor, person_id, deleted=None)
    with database.atomic():
        audit.record(actor, "view_sensitive", "person", person.uid, {"fields": ["id_number", "phone"]})
    return _detail(actor, person, revealed=True)


def _detail(actor: Actor, p: Person, *, revealed: bool) -> PersonDetail:
    c = refdata.codes()
    row = _row(_row_select().where(Person.id == p.id).get(), (), dict(c.items("relation")), dt.date.today())
    hidden = hidden_categories(actor)
    live, history = [], []
    today = dt.date.today()
    for t in (PersonTag.select().where((PersonTag.person == p.id) & PersonTag.deleted_at.is_null())
              .order_by(PersonTag.since.desc(), PersonTag.id)):
        if t.category in hidden or (t.sensitive and not actor.can_see_sensitive):
            continue
        tag = TagRow(id=t.id, uid=t.uid, category=t.category,
                     category_name=c.name("person_category", t.category, t.category),
                     attention=t.attention, attention_name=c.name("attention", t.attention), since=t.since,
                     until=t.until, sensitive=bool(t.sensitive),
                     details=json.loads(t.details) if t.details else None)
        (live if t.until is None or t.until >= today else history).append(tag)
    order = {code: i for i, (code, _) in enumerate(c.items("person_category"))}
    live.sort(key=lambda t: order.get(t.category, 999))
    fields = {f: getattr(row, f) for f in PersonRow.__dataclass_fields__ if f != "tags"}
    return PersonDetail(
        **fields, tags=tuple(live), ethnic=p.ethnic, political=p.political,
        political_name=c.name("political", p.political), education=p.education, occupation=p.occupation,
        reg_address=p.reg_address, notes=p.notes,
        id_number=(p.id_number if revealed else ids.mask_id(p.id_number)) if p.id_number else None,
        phone=(p.phone if revealed else ids.mask_phone(p.phone)) if p.phone else None,
        revealed=revealed, grid_id=p.grid_id, village_code=p.village_code, tag_history=tuple(history),
        created_at=p.created_at, updated_at=p.updated_at, deleted_at=p.deleted_at)


# --------------------------------------------------------------------------- writing
def place(person: Person, household: Household | None, grid: Grid | None) -> None:
    """Copy the denormalised scope columns from the household (or, for a floating person, the grid)."""
    source = household or grid
    person.household = household.id if household else None
    person.grid = household.grid_id if household else grid.id
    person.village_code = source.village_code
    person.township_code = source.township_code
    person.county_code = source.county_code


def set_keys(person: Person) -> None:
    """Search keys derived from the name, ID number and phone."""
    person.name_tokens = text.tokens(person.name)
    person.pinyin, person.initials = text.pinyin_keys(person.name)
    person.id_rev = ids.reverse_key(person.id_number) or None
    person.phone_rev = ids.reverse_key(person.phone) or None


def insert_person(actor: Actor, cleaned: CleanPerson, *, household: Household | None, grid: Grid | None,
                  is_head: bool = False, at: dt.datetime | None = None) -> Person:
    """Insert a cleaned person with their tags and audit rows (inside the caller's transaction)."""
    at = at or now()
    person = Person(**cleaned.values, is_head=is_head, created_at=at, updated_at=at,
                    created_by=actor.login, updated_by=actor.login)
    place(person, household, grid)
    set_keys(person)
    person.save(force_insert=True)
    audit.record(actor, "create", "person", person.uid, audit.diff({}, snapshot(person, PERSON_FIELDS)))
    _apply_tags(actor, person, cleaned.tags, at)
    return person


def create(actor: Actor, data: PersonInput, household_id: int | None = None, confirm: bool = False, *,
           grid_id: int | None = None) -> PersonDetail:
    """Register a person in a household (or, with ``grid_id`` and no household, a floating person)."""
    require_writer(actor)
    household = _household(actor, household_id) if household_id is not None else None
    grid = None
    if household is None:
        if grid_id is None:
            raise ValidationError("请选择所属户（未落户的流动人员请选择网格）", field="household_id")
        from gridapp.services.grids import load_grid
        grid = load_grid(actor, grid_id)
    errors: list[ValidationError] = []
    cleaned = clean_person(actor, data, errors, in_household=household is not None, is_head=False)
    _raise(errors)
    with database.atomic():
        dup = duplicate_id_error(cleaned.values["id_number"])
        if dup:
            raise dup
        if not confirm:
            check_similar(cleaned.values, (household or grid).village_code)
        person = insert_person(actor, cleaned, household=household, grid=grid)
    return get(actor, person.id)


def update(actor: Actor, person_id: int, data: PersonInput, version: int, confirm: bool = False) -> PersonDetail:
    """Change a person's fields and tags (``data.tags`` replaces the live tags the actor can see).

    An ID number or phone given exactly as shown masked (``420281********0017``) means unchanged,
    so a form filled from ``get()`` can be saved without revealing them.
    """
    require_writer(actor)
    person = _load(actor, person_id)
    check_version(person, version)
    data = unmask_input(data, person.id_number, person.phone)
    if data.reg_address is None:  # not part of every form: None keeps it, "" clears it
        data = replace(data, reg_address=person.reg_address)
    errors: list[ValidationError] = []
    cleaned = clean_person(actor, data, errors, in_household=person.household_id is not None,
                            is_head=bool(person.is_head))
    _raise(errors)
    with database.atomic():
        dup = duplicate_id_error(cleaned.values["id_number"], person.id)
        if dup:
            raise dup
        before = snapshot(person, PERSON_FIELDS)
        changed_identity = (cleaned.values["name"], cleaned.values["birth_date"]) != (person.name, person.birth_date)
        if changed_identity and not confirm:
            check_similar(cleaned.values, person.village_code, person.id)
        for key, value in cleaned.values.items():
            setattr(person, key, value)
        changes = audit.diff(before, snapshot(person, PERSON_FIELDS))
        at = now()
        if changes:
            set_keys(person)
            touch(person, actor, at)
            save_checked(person, version)
            audit.record(actor, "update", "person", person.uid, changes)
        _apply_tags(actor, person, cleaned.tags, at)
    return get(actor, person.id)


def unmask_input(data, id_number: str | None, phone: str | None):
    """``data`` with a masked ID number/phone that matches the stored one replaced by the stored one."""
    changes = {}
    if getattr(data, "id_number", None) and id_number and data.id_number == ids.mask_id(id_number):
        changes["id_number"] = id_number
    if data.phone and phone and data.phone == ids.mask_phone(phone):
        changes["phone"] = phone
    return replace(data, **changes) if changes else data


def as_input(detail: PersonDetail) -> PersonInput:
    """The PersonInput that reproduces a person (ID and phone as shown), to fill an edit form."""
    return PersonInput(
        name=detail.name, id_number=detail.id_number, sex=detail.sex, birth_date=detail.birth_date,
        ethnic=detail.ethnic or "汉族", relation=detail.relation or "99", phone=detail.phone,
        residence=detail.residence, political=detail.political, education=detail.education,
        occupation=detail.occupation, notes=detail.notes, reg_address=detail.reg_address,
        tags=tuple(TagInput(t.category, t.attention, t.since, t.until, t.details) for t in detail.tags))


def set_tags(actor: Actor, person_id: int, tags: Sequence[TagInput]) -> PersonDetail:
    """Replace the person's live tags the actor can see; ended tags keep their history."""
    require_writer(actor)
    person = _load(actor, person_id)
    errors: list[ValidationError] = []
    cleaned = _clean_tags(actor, tags, lambda message, field: errors.append(ValidationError(message, field=field)))
    _raise(errors)
    with database.atomic():
        _apply_tags(actor, person, cleaned, now())
    return get(actor, person.id)


def _apply_tags(actor: Actor, person: Person, wanted: list[dict], at: dt.datetime) -> None:
    """Make the live visible tags equal ``wanted``: update kept ones, end dropped ones, add new ones.

    A dropped tag gets ``until`` = yesterday (it applied up to then); one that started today or
    later was a mistake and is deleted instead.
    """
    hidden = hidden_categories(actor)
    today = at.date()
    current = {t.category: t for t in PersonTag.select().where((PersonTag.person == person.id) & open_tag())
               if t.category not in hidden and not (t.sensitive and not actor.can_see_sensitive)}
    for category, tag in current.items():
        if any(w["category"] == category for w in wanted):
            continue
        before = snapshot(tag, TAG_FIELDS + ("deleted_at",))
        if tag.since >= today:
            tag.deleted_at = at
            action = "delete"
        else:
            tag.until = today - dt.timedelta(days=1)
            action = "update"
        touch(tag, actor, at)
        tag.save()
        audit.record(actor, action, "person_tag", tag.uid,
                     {"person": person.uid, **audit.diff(before, snapshot(tag, TAG_FIELDS + ("deleted_at",)))})
    for values in wanted:
        tag = current.get(values["category"])
        if tag is None:
            tag = PersonTag.create(person=person.id, **values, created_at=at, updated_at=at,
                                   created_by=actor.login, updated_by=actor.login)
            audit.record(actor, "create", "person_tag", tag.uid,
                         {"person": person.uid, **audit.diff({}, snapshot(tag, TAG_FIELDS))})
            continue
        before = snapshot(tag, TAG_FIELDS)
        for key, value in values.items():
            setattr(tag, key, value)
        changes = audit.diff(before, snapshot(tag, TAG_FIELDS))
        if changes:
            touch(tag, actor, at)
            tag.save()
            audit.record(actor, "update", "person_tag", tag.uid, {"person": person.uid, **changes})


def delete(actor: Actor, person_id: int, new_head_id: int | None = None, *,
           relations: dict[int, str] | None = None, version: int | None = None) -> None:
    """Move a person to the 回收站. Deleting the head needs ``new_head_id`` (another live member,
    who becomes head in the same transaction); the last member goes only with the household."""
    require_writer(actor)
    person = _load(actor, person_id)
    check_version(person, version)
    with database.atomic():
        if person.household_id is not None:
            others = Person.select().where((Person.household == person.household_id) & (Person.id != person.id)
                                           & Person.deleted_at.is_null())
            if not others.exists():
                raise ValidationError("该户只剩这一位成员；如需删除，请删除整户", field="person_id")
            if person.is_head:
                if new_head_id is None:
                    raise ValidationError("删除户主前请先指定新户主", field="new_head_id")
                household = Household.get_by_id(person.household_id)
                change_head(actor, household, new_head_id, relations or {})
                person = Person.get_by_id(person.id)
        at = now()
        before = snapshot(person, PERSON_FIELDS + ("deleted_at",))
        person.deleted_at = at
        touch(person, actor, at)
        person.save()
        audit.record(actor, "delete", "person", person.uid,
                     audit.diff(before, snapshot(person, PERSON_FIELDS + ("deleted_at",))))


def restore(actor: Actor, person_id: int) -> PersonDetail:
    """Bring a person back from the 回收站 (into their household, as a member, not as head)."""
    require_writer(actor)
    person = _load(actor, person_id, deleted=True)
    with database.atomic():
        if person.household_id is not None:
            household = Household.get_by_id(person.household_id)
            if household.deleted_at is not None:
                raise ValidationError(f"所属户（户号 {household.number}）已删除，请先恢复该户", field="household_id")
        dup = duplicate_id_error(person.id_number, person.id)
        if dup:
            raise DuplicateError(f"无法恢复：{dup.message}", field="id_number", existing=dup.existing)
        before = snapshot(person, PERSON_FIELDS + ("deleted_at",))
        person.deleted_at = None
        if person.is_head:
            person.is_head = False
            person.relation = "99"
        touch(person, actor)
        person.save()
        audit.record(actor, "restore", "person", person.uid,
                     audit.diff(before, snapshot(person, PERSON_FIELDS + ("deleted_at",))))
    return get(actor, person.id)


def move(actor: Actor, person_id: int, household_id: int, relation: str, *,
         version: int | None = None) -> PersonDetail:
    """Move a member to another household with a new relation to its head."""
    require_writer(actor)
    person = _load(actor, person_id)
    check_version(person, version)
    target = _household(actor, household_id)
    if person.household_id == target.id:
        raise ValidationError("该人员已在此户中", field="household_id")
    if person.is_head:
        raise ValidationError("该人员是户主；请先为原户指定新户主，再迁移", field="person_id")
    errors: list[ValidationError] = []
    code = _code("relation", relation, "与户主关系", "relation", errors)
    if code in (HEAD, SELF):
        errors.append(ValidationError("每户只能有一位户主；更换户主请使用“设为户主”", field="relation"))
    _raise(errors)
    with database.atomic():
        before = snapshot(person, PERSON_FIELDS + ("township_code", "county_code"))
        place(person, target, None)
        person.relation = code or "99"
        touch(person, actor)
        save_checked(person, person.version - 1)
        audit.record(actor, "move", "person", person.uid,
                     audit.diff(before, snapshot(person, PERSON_FIELDS + ("township_code", "county_code"))))
    return get(actor, person.id)


def change_head(actor: Actor, household: Household, new_head_id: int, relations: dict[int, str]) -> None:
    """Make a live member the head and set the others' relations (inside the caller's transaction).

    ``relations`` maps member ids to their relation to the new head; members left out keep theirs.
    """
    members = {p.id: p for p in Person.select().where((Person.household == household.id)
                                                        & Person.deleted_at.is_null())}
    if new_head_id not in members:
        raise ValidationError("新户主必须是本户的在册成员", field="new_head_id")
    errors: list[ValidationError] = []
    codes: dict[int, str] = {}
    for pid, value in relations.items():
        if pid not in members or pid == new_head_id:
            continue
        code = _code("relation", value, "与户主关系", "relations", errors)
        if code in (HEAD, SELF):
            errors.append(ValidationError(f"{members[pid].name}不能同时是户主", field="relations"))
        elif code:
            codes[pid] = code
    _raise(errors)
    at = now()
    for pid, person in members.items():
        before = snapshot(person, PERSON_FIELDS)
        person.is_head = pid == new_head_id
        person.relation = HEAD if person.is_head else codes.get(pid, person.relation)
        if person.relation == HEAD and not person.is_head:
            person.relation = "99"
        changes = audit.diff(before, snapshot(person, PERSON_FIELDS))
        if changes:
            touch(person, actor, at)
            person.save()
            audit.record(actor, "update", "person", person.uid, changes)


def _raise(errors: list[ValidationError]) -> None:
    """Input errors are always raised together, as ValidationErrors."""
    if errors:
        raise ValidationErrors(errors)

"""Ledger exports (``gridapp export households|people|visits|events``): flat sheets that re-import.

* One row per record under a title row, with the Chinese headers of the importers (DESIGN.md §7),
  so an exported ledger imports again as it is (the importers skip the title row): households
  and people use the household register's columns (one row per person; the people ledger also
  lists residents not placed in a household), visits the 走访台账's, events the
  矛盾纠纷排查化解台账's.
* Auto-filter and a frozen header; A4 landscape, fit to width, the header repeated on every page.
* ID numbers and phones are masked (``420281********0017``) unless ``unmask`` is asked for, which
  needs a role that may (``Actor.can_unmask``). Every export writes an ``export`` audit row
  (with ``unmasked``). Sensitive categories are left out of 人员类别, and 随访 of patients out of
  the visit ledger, for roles that may not see them.
* Dates are written as ``2026-03-02`` text (times only when there is one), ID numbers and phones
  as text; text that looks like a formula is neutralised (``xlsx.safe_cell``).
* Rows are streamed from one query into a write-only workbook; it is written to a temporary file
  and renamed, so a cancelled or failed export leaves no file (and no temporary files).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from gridapp import ids, refdata, workflow
from gridapp.errors import Cancelled, PermissionDenied, ValidationError
from gridapp.importers import columns, resolve_unit
from gridapp.models import Division, Event, EventParty, Grid, Household, Person, PersonTag, Visit, database
from gridapp.reports import xlsx
from gridapp.services import audit
from gridapp.services.actor import (
    GRID_WORKER, TOWNSHIP, VILLAGE_ADMIN, Actor, division_in_scope, require_role, scope_filter,
)

KINDS = ("households", "people", "visits", "events")
TITLES = {"households": "户籍人口登记台账", "people": "人员信息台账", "visits": "走访台账", "events": "矛盾纠纷排查化解台账"}
IMPORT_KIND = {"households": "households", "people": "households", "visits": "visits", "events": "events"}
WIDTHS = {"id_number": 21, "address": 26, "reg_address": 26, "tags": 16, "notes": 20, "description": 36,
          "title": 22, "findings": 20, "parties": 16, "number": 22, "visited_at": 12, "registered_at": 12,
          "closed_at": 12, "name": 10, "head_name": 10, "village": 12, "township": 12}
CHECK_EVERY = 2000


@dataclass(frozen=True)
class LedgerOutcome:
    kind: str
    path: str
    rows: int
    unmasked: bool


def headers(kind: str) -> tuple[str, ...]:
    return tuple(c.header for c in columns(IMPORT_KIND[kind]))


def _text_date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else value.strftime("%Y-%m-%d")
    return value.isoformat()


def _unit_filter(actor: Actor, model, unit) -> pw.Expression:
    division = resolve_unit(unit)
    if division is None:
        return pw.SQL("1 = 1")
    if not division_in_scope(actor, division.code):
        raise PermissionDenied(f"{division.name}不在您的管辖范围内")
    return getattr(model, f"{division.level}_code") == division.code


def _dates(column, date_from: dt.date | None, date_to: dt.date | None) -> pw.Expression:
    where = pw.SQL("1 = 1")
    if date_from is not None:
        where &= column >= dt.datetime.combine(date_from, dt.time())
    if date_to is not None:
        where &= column < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time())
    return where


class _Masks:
    """``ids.mask_id``/``ids.mask_phone``, with a fast path for the stored (already normalised)
    18-character IDs and 11-digit mobiles that gives the same result."""

    def __init__(self, unmask: bool):
        self.unmask = unmask

    def id(self, number: str | None) -> str | None:
        if self.unmask or not number:
            return number
        if len(number) == 18:
            return number[:6] + "********" + number[14:]
        return ids.mask_id(number)

    def phone(self, phone: str | None) -> str | None:
        if self.unmask or not phone:
            return phone
        if len(phone) == 11 and phone.isdigit():
            return phone[:3] + "****" + phone[7:]
        return ids.mask_phone(phone)


# --------------------------------------------------------------------------- rows
def _people_rows(actor: Actor, where: pw.Expression, masks: _Masks, *, placed_only: bool) -> Iterator[tuple]:
    names = {d.code: d.name for d in Division.select(Division.code, Division.name)}
    codes = refdata.codes()
    relation = dict(codes.items("relation"))
    category = dict(codes.items("person_category"))
    hidden = frozenset() if actor.can_see_sensitive else refdata.sensitive_categories()
    if placed_only:
        where &= Person.household.is_null(False)
    tags: dict[int, list[str]] = defaultdict(list)
    today = dt.date.today()
    for person_id, cat in (PersonTag.select(PersonTag.person, PersonTag.category)
                           .join(Person, on=(Person.id == PersonTag.person))
                           .where(where & PersonTag.deleted_at.is_null() & (PersonTag.since <= today)
                                  & (PersonTag.until.is_null() | (PersonTag.until >= today)))
                           .order_by(PersonTag.person, PersonTag.id).tuples().iterator()):
        if cat not in hidden:
            tags[person_id].append(category.get(cat, cat))
    heads = dict(Person.select(Person.household, Person.name)
                 .where(where & Person.is_head & Person.household.is_null(False)).tuples())
    query = (Person.select(Person.id, Person.township_code, Person.village_code, Grid.name, Household.number,
                           Person.household, Person.name, Person.relation, Person.is_head, Person.sex, Person.ethnic,
                           Person.id_number, Person.birth_date, Person.phone, Household.address, Person.reg_address,
                           Person.residence, Person.notes)
             .join(Household, pw.JOIN.LEFT_OUTER, on=(Household.id == Person.household))
             .switch(Person).join(Grid, pw.JOIN.LEFT_OUTER, on=(Grid.id == Person.grid))
             .where(where)
             .order_by(Person.township_code, Person.village_code, Household.number, Person.is_head.desc(),
                       Person.relation, Person.id))
    for (pid, township, village, grid, number, household, name, rel, is_head, sex, ethnic, id_number, birth, phone,
         address, reg_address, residence, notes) in _raw(query):
        yield (names.get(township, township), names.get(village, village), grid, number, heads.get(household),
               name, relation.get(rel, rel) if household else None, sex, ethnic, masks.id(id_number),
               _text_date(birth), masks.phone(phone), address or None, reg_address, residence,
               "、".join(tags.get(pid, ())) or None, notes)


def _raw(query: pw.Query):
    """The rows of a query straight from the cursor: no per-value conversion (dates stay ISO text
    on SQLite; ``_text_date`` takes either)."""
    sql, params = query.sql()
    return database.execute_sql(sql, params)


def _visit_rows(actor: Actor, where: pw.Expression, masks: _Masks) -> Iterator[tuple]:
    names = {d.code: d.name for d in Division.select(Division.code, Division.name)}
    target = Person.alias()
    home = Household.alias()
    where &= Visit.place.is_null()
    if not actor.can_see_sensitive:
        where &= Visit.kind != "随访"
    query = (Visit.select(Visit.visited_at, Visit.visitor_name, target.name, target.id_number, Visit.township_code,
                          Visit.village_code, pw.fn.COALESCE(Household.number, home.number), Visit.method, Visit.notes,
                          Visit.state, Visit.risk_grade, Visit.findings, Visit.household)
             .join(target, pw.JOIN.LEFT_OUTER, on=(target.id == Visit.person))
             .switch(Visit).join(Household, pw.JOIN.LEFT_OUTER, on=(Household.id == Visit.household))
             .switch(Visit).join(home, pw.JOIN.LEFT_OUTER, on=(home.id == target.household))
             .where(where).order_by(Visit.visited_at, Visit.id))
    for (at, visitor, name, id_number, township, village, number, method, notes, state, grade, findings,
         household) in _raw(query):
        yield (_text_date(at), visitor or None, name, masks.id(id_number), names.get(township, township),
               names.get(village, village), number, method, notes, state, grade, findings)


def ledger_state(state: str, outcome: str | None, level: str, escalated: bool, kind: str) -> str:
    """The word a ledger uses for an event's state (the events importer reads it back)."""
    if state == workflow.CLOSED:
        return {"化解成功": "已化解", "未化解": "未化解"}.get(outcome or "", "已办结")
    if state == workflow.HANDLING:
        return "调解中" if kind == "矛盾纠纷" else "处置中"
    if state == workflow.REGISTERED and escalated:
        return "上报县" if level == workflow.COUNTY_LEVEL else "已上报"
    return state


def _event_rows(actor: Actor, where: pw.Expression) -> Iterator[tuple]:
    from gridapp.importers.events import OTHER_KIND

    names = {d.code: d.name for d in Division.select(Division.code, Division.name)}
    codes = refdata.codes()
    category = {**dict(codes.items("dispute_category")), **dict(codes.items("hazard_category"))}
    parties: dict[int, list[str]] = defaultdict(list)
    for event_id, name in (EventParty.select(EventParty.event, EventParty.name)
                           .join(Event, on=(Event.id == EventParty.event))
                           .where(where & EventParty.deleted_at.is_null()).order_by(EventParty.id).tuples()):
        parties[event_id].append(name)
    query = (Event.select(Event.id, Event.number, Event.registered_at, Event.township_code, Event.village_code,
                          Grid.name, Event.kind, Event.category, Event.title, Event.description, Event.people_count,
                          Event.state, Event.outcome, Event.level, Event.escalated, Event.method, Event.closed_at,
                          Event.mediator)
             .join(Grid, pw.JOIN.LEFT_OUTER, on=(Grid.id == Event.grid))
             .where(where).order_by(Event.registered_at, Event.id))
    for (eid, number, registered, township, village, grid, kind, cat, title, description, people, state, outcome,
         level, escalated, method, closed, mediator) in query.tuples().iterator():
        if kind == "其他":
            kind_text = OTHER_KIND
        elif cat and kind in ("矛盾纠纷", "安全隐患"):
            kind_text = category.get(cat, kind)
        else:
            kind_text = kind
        yield (number, _text_date(_day(registered)), names.get(township, township), names.get(village, village),
               grid, kind_text, title, description or None, "、".join(parties.get(eid, ())) or None, people,
               ledger_state(state, outcome, level, escalated, kind), method,
               _text_date(_day(closed)) if closed else None, mediator)


def _day(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def ledger_rows(actor: Actor, kind: str, *, unit=None, date_from: dt.date | None = None,
                date_to: dt.date | None = None, unmask: bool = False) -> Iterator[tuple]:
    """The rows of a ledger, one tuple per record, in the order of ``headers(kind)``."""
    if kind not in KINDS:
        raise ValidationError(f"不支持的台账类型：{kind}（可选 {'、'.join(KINDS)}）", field="kind")
    masks = _Masks(unmask)
    if kind in ("households", "people"):
        where = (scope_filter(actor, Person) & Person.deleted_at.is_null() & _unit_filter(actor, Person, unit)
                 & _dates(Person.created_at, date_from, date_to))
        return _people_rows(actor, where, masks, placed_only=kind == "households")
    if kind == "visits":
        where = (scope_filter(actor, Visit) & Visit.deleted_at.is_null() & _unit_filter(actor, Visit, unit)
                 & _dates(Visit.visited_at, date_from, date_to))
        return _visit_rows(actor, where, masks)
    where = (scope_filter(actor, Event) & Event.deleted_at.is_null() & _unit_filter(actor, Event, unit)
             & _dates(Event.registered_at, date_from, date_to))
    return _event_rows(actor, where)


def _count(actor: Actor, kind: str, unit, date_from, date_to) -> int:
    if kind in ("households", "people"):
        where = (scope_filter(actor, Person) & Person.deleted_at.is_null() & _unit_filter(actor, Person, unit)
                 & _dates(Person.created_at, date_from, date_to))
        if kind == "households":
            where &= Person.household.is_null(False)
        return Person.select().where(where).count()
    model, column = (Visit, Visit.visited_at) if kind == "visits" else (Event, Event.registered_at)
    where = (scope_filter(actor, model) & model.deleted_at.is_null() & _unit_filter(actor, model, unit)
             & _dates(column, date_from, date_to))
    if model is Visit:
        where &= Visit.place.is_null()
    return model.select().where(where).count()


# --------------------------------------------------------------------------- writing
def _title(actor: Actor, kind: str, unit) -> str:
    division = resolve_unit(unit)
    if division is None and actor.scope_code:
        division = Division.get_or_none(Division.code == actor.scope_code)
    return f"{division.name if division else ''}{TITLES[kind]}"


def export_ledger(actor: Actor, kind: str, path, *, unit=None, date_from: dt.date | None = None,
                  date_to: dt.date | None = None, unmask: bool = False,
                  on_progress: Callable[[int, int], None] = lambda done, total: None,
                  is_cancelled: Callable[[], bool] = lambda: False) -> LedgerOutcome:
    """Write a ledger workbook (see the module docstring). PermissionDenied for ``unmask`` without
    the right; Cancelled when cancelled (no file is left)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    if kind not in KINDS:
        raise ValidationError(f"不支持的台账类型：{kind}（可选 {'、'.join(KINDS)}）", field="kind")
    require_role(actor, GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP, what="导出台账")
    if unmask and not actor.can_unmask:
        raise PermissionDenied("您无权导出完整的身份证号和电话（可导出打码的台账）")
    if date_from and date_to and date_to < date_from:
        raise ValidationError(f"结束日期（{date_to:%Y-%m-%d}）早于开始日期（{date_from:%Y-%m-%d}）", field="date_to")
    cols = columns(IMPORT_KIND[kind])
    title = _title(actor, kind, unit)
    total = _count(actor, kind, unit, date_from, date_to)
    written = 0

    def save(tmp: Path) -> None:
        nonlocal written
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(TITLES[kind])
        try:
            for i, col in enumerate(cols, 1):
                ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(col.field, max(8, 2 * len(col.header) + 2))
            ws.freeze_panes = "A3"
            xlsx.print_setup(ws, header_rows="2:2", freeze=None)
            ws.append([xlsx.title_cell(ws, title)])
            ws.append(xlsx.header_cells(ws, [c.header for c in cols]))
            safe = xlsx.safe_cell
            on_progress(0, total)
            for written, row in enumerate(ledger_rows(actor, kind, unit=unit, date_from=date_from, date_to=date_to,
                                                      unmask=unmask), 1):
                ws.append([safe(v) for v in row])
                if written % CHECK_EVERY == 0:
                    if is_cancelled():
                        raise Cancelled()
                    on_progress(written, total)
            ws.auto_filter.ref = f"A2:{get_column_letter(len(cols))}{written + 2}"
            if is_cancelled():
                raise Cancelled()
        except BaseException:
            xlsx.discard(ws)
            raise
        wb.save(tmp)

    with database.atomic():  # one consistent snapshot of the rows
        result = xlsx.save_atomic(save, path)
        audit.record(actor, "export", kind, None, {"rows": written, "unmasked": unmask, "file": result.name,
                                                   "unit": getattr(resolve_unit(unit), "code", None)})
    on_progress(total, total)
    return LedgerOutcome(kind=kind, path=str(result), rows=written, unmasked=unmask)

"""Recording, editing and listing visits (走访/随访) and inspections (巡查).

A visit has exactly one target: a household, a person or a place. Recording one:

- checks the target is in the actor's scope (grid workers: their grids);
- validates every field with a Chinese message naming it (``ValidationError.field`` is the
  ``VisitInput`` attribute): time not in the future, 方式 and 对象状态 from the code tables;
- requires a 危险性 grade 0–5 for a person with a live 严重精神障碍患者 (``jsza``) tag, and refuses
  one for anybody else; such visits are 随访, place visits are 巡查, the rest 走访;
- for a place, requires an answer (合格/不合格/不适用) for every active checklist item of its
  category and stores the answers with the item texts (a later checklist edit doesn't change them);
- copies attachments into the content-addressed store (``attachments.store``);
- writes the visit, its attachment rows and an audit row in one transaction, and returns the
  visit with the target's new due date (``worklist.due_for``), which is also kept on the visit as
  下次应访日期.

Editing: only the author may edit or delete a visit, within ``EDIT_DAYS`` (7) days of recording
it; after that it is read-only, except for a system administrator. Every edit is audited with
its field changes, and ``expected_version`` guards against a concurrent edit.

API::

    form(actor, kind, target_id) -> VisitForm                 # what the dialog needs to show
    record(actor, kind, target_id, data=VisitInput(), attachments=()) -> RecordedVisit
    update(actor, visit_id, data, *, expected_version=None) -> VisitRow
    delete(actor, visit_id, *, expected_version=None) -> None
    add_attachments(actor, visit_id, paths) -> VisitRow
    remove_attachment(actor, attachment_id) -> VisitRow
    get(actor, visit_id) -> VisitRow
    input_of(actor, visit_id) -> VisitInput                    # prefill the edit dialog
    edit_refusal(actor, visit_id) -> str | None                # why the actor may not edit it
    history_for_household(actor, household_id, *, include_members=True, limit=200) -> list[VisitRow]
    history_for_person(actor, person_id, *, limit=200) -> list[VisitRow]
    history_for_place(actor, place_id, *, limit=200) -> list[VisitRow]
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from gridapp import dialect, refdata
from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError, ValidationErrors
from gridapp.models import (
    Attachment, ChecklistItem, Event, Household, Person, PersonTag, Place, Visit, database, now,
)
from gridapp.services import attachments as att_service
from gridapp.services import audit, worklist
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN, Actor, require_in_scope, require_role
from gridapp.text import clean, clean_multiline

EDIT_DAYS = 7
RISK_CATEGORY = "jsza"
CHECK_RESULTS = ("合格", "不合格", "不适用")
FAILED = "不合格"
TARGET_KINDS = ("household", "person", "place")
EARLIEST = dt.datetime(2000, 1, 1)
CLOCK_SKEW = dt.timedelta(minutes=10)
TEXT_MAX = 4000
RECORD_ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP)
_KIND_NAMES = {"household": "住户", "person": "人员", "place": "场所"}


@dataclass(frozen=True)
class VisitInput:
    """The fields of the visit dialog. ``checklist`` maps a checklist item id (or its text) to
    合格/不合格/不适用; ``kind`` may ask for 随访 instead of 走访 (places are always 巡查)."""

    visited_at: dt.datetime | dt.date | None = None  # None: now
    method: str = "入户"
    companions: str = ""
    state: str = "正常"
    risk_grade: int | None = None
    notes: str = ""
    findings: str = ""
    checklist: dict | None = None
    kind: str | None = None


@dataclass(frozen=True)
class CheckResult:
    item_id: int | None
    text: str
    result: str  # 合格/不合格/不适用
    hazard_category: str  # the 安全隐患 category a 不合格 answer becomes


@dataclass(frozen=True)
class VisitRow:
    id: int
    uid: str
    version: int
    kind: str  # 走访/随访/巡查
    target_kind: str  # household/person/place
    target_id: int
    target_name: str
    grid_id: int | None
    village_code: str
    visitor_id: int | None
    visitor_name: str
    visited_at: dt.datetime
    method: str
    companions: str
    state: str
    risk_grade: int | None
    notes: str
    findings: str
    checklist: tuple[CheckResult, ...]
    next_due: dt.date | None
    created_at: dt.datetime
    attachments: tuple[att_service.AttachmentRow, ...] = ()
    event_ids: tuple[int, ...] = ()  # events reported from this visit

    @property
    def failed_items(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checklist if c.result == FAILED)


@dataclass(frozen=True)
class RecordedVisit:
    visit: VisitRow
    due: worklist.DueInfo | None  # the target's new due date (None: not scheduled)


@dataclass(frozen=True)
class ChecklistEntry:
    id: int
    text: str
    hazard_category: str


@dataclass(frozen=True)
class VisitForm:
    target_kind: str
    target_id: int
    target_name: str
    kind: str  # the default 走访/随访/巡查
    needs_risk_grade: bool  # show the 危险性 field (and require it)
    checklist: tuple[ChecklistEntry, ...]  # places: the items to answer
    methods: tuple[str, ...]
    states: tuple[str, ...]
    due: worklist.DueInfo | None
    last_risk_grade: int | None = None


# --------------------------------------------------------------------------- recording
def form(actor: Actor, kind: str, target_id: int) -> VisitForm:
    """What the visit dialog shows for a target: risk grade or checklist, choices, due date."""
    target = _load_target(actor, kind, target_id)
    needs_grade = kind == "person" and _has_live_risk_tag(target_id, dt.date.today())
    last_grade = None
    if needs_grade:
        last = (Visit.select(Visit.risk_grade).where((Visit.person == target_id) & Visit.deleted_at.is_null()
                                                     & Visit.risk_grade.is_null(False))
                .order_by(Visit.visited_at.desc()).first())
        last_grade = last.risk_grade if last else None
    items = tuple(ChecklistEntry(i.id, i.text, i.hazard_category) for i in _checklist_items(target)) \
        if kind == "place" else ()
    codes = refdata.codes()
    return VisitForm(target_kind=kind, target_id=target_id, target_name=_target_names([(kind, target_id)])[
        (kind, target_id)], kind=_default_kind(kind, needs_grade), needs_risk_grade=needs_grade, checklist=items,
        methods=tuple(c for c, _ in codes.items("visit_method")),
        states=tuple(c for c, _ in codes.items("visit_state")), due=worklist.due_for(actor, kind, target_id),
        last_risk_grade=last_grade)


def record(actor: Actor, kind: str, target_id: int, data: VisitInput = VisitInput(),
           attachments=()) -> RecordedVisit:
    """Save a visit of a household, person or place; returns it and the target's new due date."""
    require_role(actor, *RECORD_ROLES, what="登记走访")
    target = _load_target(actor, kind, target_id)
    values = _validate(kind, target, data)
    stored = att_service.store_all(attachments)
    with database.atomic():
        visit = Visit.create(
            household=target if kind == "household" else None, person=target if kind == "person" else None,
            place=target if kind == "place" else None, grid=target.grid_id, village_code=target.village_code,
            township_code=target.township_code, county_code=target.county_code, visitor=actor.user_id,
            visitor_name=actor.display_name, created_by=actor.login, updated_by=actor.login, **values)
        att_service.add_rows(actor, stored, visit=visit)
        due = worklist.due_for(actor, kind, target_id)
        visit.next_due = due.due if due else None
        visit.save(only=[Visit.next_due])
        audit.record(actor, "create", "visit", visit.uid,
                     {"target": f"{kind}:{target.uid}", **{k: values[k] for k in _AUDITED if k in values}})
    return RecordedVisit(visit=_rows([visit])[0], due=due)


def update(actor: Actor, visit_id: int, data: VisitInput, *, expected_version: int | None = None) -> VisitRow:
    """Replace the editable fields of a visit (author within 7 days, or a system administrator)."""
    with database.atomic():
        visit = _load_for_edit(actor, visit_id, expected_version)
        kind, target_id = _target_of(visit)
        target = {"household": Household, "person": Person, "place": Place}[kind].get_by_id(target_id)
        if data.visited_at is None:
            data = replace(data, visited_at=visit.visited_at)
        values = _validate(kind, target, data)
        before = {k: getattr(visit, k) for k in values}
        for k, v in values.items():
            setattr(visit, k, v)
        changes = audit.diff(before, values)
        if changes:
            visit.version += 1
            visit.updated_at, visit.updated_by = now(), actor.login
            visit.save()
            due = worklist.due_for(actor, kind, target_id) if _in_scope_quiet(actor, target) else None
            if due is not None and due.due != visit.next_due:
                visit.next_due = due.due
                visit.save(only=[Visit.next_due])
            audit.record(actor, "update", "visit", visit.uid, changes)
    return _rows([visit])[0]


def delete(actor: Actor, visit_id: int, *, expected_version: int | None = None) -> None:
    """Soft-delete a visit (same rule as editing); the target's due date goes back at once."""
    with database.atomic():
        visit = _load_for_edit(actor, visit_id, expected_version)
        visit.deleted_at = now()
        visit.version += 1
        visit.updated_at, visit.updated_by = now(), actor.login
        visit.save()
        audit.record(actor, "delete", "visit", visit.uid, {"visited_at": visit.visited_at})


def add_attachments(actor: Actor, visit_id: int, paths) -> VisitRow:
    stored = att_service.store_all(paths)
    with database.atomic():
        visit = _load_for_edit(actor, visit_id, None)
        att_service.add_rows(actor, stored, visit=visit)
    return _rows([visit])[0]


def remove_attachment(actor: Actor, attachment_id: int) -> VisitRow:
    att = Attachment.get_or_none((Attachment.id == attachment_id) & Attachment.deleted_at.is_null()
                                 & Attachment.visit.is_null(False))
    if att is None:
        raise NotFoundError("附件不存在或已删除")
    with database.atomic():
        visit = _load_for_edit(actor, att.visit_id, None)
        att_service.remove_row(actor, att)
    return _rows([visit])[0]


def get(actor: Actor, visit_id: int) -> VisitRow:
    return _rows([_load(actor, visit_id)])[0]


def input_of(actor: Actor, visit_id: int) -> VisitInput:
    """The visit as dialog input, to prefill the edit dialog (``update`` takes it back)."""
    row = get(actor, visit_id)
    return VisitInput(visited_at=row.visited_at, method=row.method, companions=row.companions, state=row.state,
                      risk_grade=row.risk_grade, notes=row.notes, findings=row.findings,
                      checklist={c.text: c.result for c in row.checklist} or None, kind=row.kind)


def edit_refusal(actor: Actor, visit_id: int) -> str | None:
    """Why the actor may not edit or delete this visit (None: they may)."""
    return _refusal(actor, _load(actor, visit_id))


# --------------------------------------------------------------------------- history
def history_for_household(actor: Actor, household_id: int, *, include_members: bool = True,
                          limit: int = 200) -> list[VisitRow]:
    """Visits of a household, newest first; with ``include_members`` also those of its members."""
    _load_target(actor, "household", household_id)
    where = Visit.household == household_id
    if include_members:
        members = Person.select(Person.id).where(Person.household == household_id)
        where |= Visit.person.in_(members)
    return _history(where, limit)


def history_for_person(actor: Actor, person_id: int, *, limit: int = 200) -> list[VisitRow]:
    _load_target(actor, "person", person_id)
    return _history(Visit.person == person_id, limit)


def history_for_place(actor: Actor, place_id: int, *, limit: int = 200) -> list[VisitRow]:
    _load_target(actor, "place", place_id)
    return _history(Visit.place == place_id, limit)


def _history(where, limit: int) -> list[VisitRow]:
    visits = list(Visit.select().where(where & Visit.deleted_at.is_null())
                  .order_by(Visit.visited_at.desc(), Visit.id.desc()).limit(max(1, min(int(limit), 1000))))
    return _rows(visits)


# --------------------------------------------------------------------------- validation
_AUDITED = ("kind", "visited_at", "method", "state", "risk_grade", "companions", "findings")


def _validate(kind: str, target, data: VisitInput) -> dict:
    """The visit's column values from the dialog input, or every field error at once."""
    errors: list[ValidationError] = []
    codes = refdata.codes()

    def fail(message: str, name: str) -> None:
        errors.append(ValidationError(message, field=name))

    visited_at = _visited_at(data.visited_at, fail)
    day = visited_at.date() if visited_at else dt.date.today()
    method = clean(data.method)
    if method not in dict(codes.items("visit_method")):
        fail(f"走访方式应为{'、'.join(c for c, _ in codes.items('visit_method'))}之一", "method")
    state = clean(data.state)
    if state not in dict(codes.items("visit_state")):
        fail(f"对象状态应为{'、'.join(c for c, _ in codes.items('visit_state'))}之一", "state")
    needs_grade = kind == "person" and _has_live_risk_tag(target.id, day)
    grade = _risk_grade(data.risk_grade, needs_grade, fail)
    checklist = _checklist(target, data.checklist, fail) if kind == "place" else None
    if kind != "place" and data.checklist:
        fail("只有场所巡查需要填写巡查项目", "checklist")
    texts = {}
    for name, label, limit in (("companions", "陪同人员", 100), ("notes", "情况记录", TEXT_MAX),
                               ("findings", "发现问题", TEXT_MAX)):
        value = clean_multiline(getattr(data, name))
        if len(value) > limit:
            fail(f"{label}不能超过{limit}个字（现为{len(value)}个字）", name)
        texts[name] = value or None
    requested = clean(data.kind) or None
    if requested and kind == "place" and requested != "巡查":
        fail("场所只能登记巡查", "kind")
    elif requested and kind != "place" and requested not in ("走访", "随访"):
        fail("走访类型应为 走访 或 随访", "kind")
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return dict(kind=requested or _default_kind(kind, needs_grade), visited_at=visited_at, method=method,
                state=state, risk_grade=grade, checklist=checklist, **texts)


def _visited_at(value, fail) -> dt.datetime | None:
    if value is None:
        return now()
    if isinstance(value, dt.datetime):
        stamp = value.replace(microsecond=0, tzinfo=None)
    elif isinstance(value, dt.date):
        stamp = dt.datetime.combine(value, dt.time(0, 0))
    else:
        fail("走访时间格式不正确", "visited_at")
        return None
    if stamp > now() + CLOCK_SKEW:
        fail(f"走访时间不能晚于现在（{stamp:%Y-%m-%d %H:%M}）", "visited_at")
    elif stamp < EARLIEST:
        fail(f"走访时间不能早于{EARLIEST:%Y年}", "visited_at")
    return stamp


def _risk_grade(value, needs: bool, fail) -> int | None:
    if value is None or value == "":
        if needs:
            fail("严重精神障碍患者每次随访都须填写危险性评估（0–5级）", "risk_grade")
        return None
    if not needs:
        fail("只有严重精神障碍患者需要填写危险性评估", "risk_grade")
        return None
    try:
        grade = int(str(value).strip().rstrip("级"))
    except ValueError:
        fail(f"危险性评估应为0–5级，实际为“{value}”", "risk_grade")
        return None
    if isinstance(value, bool) or not 0 <= grade <= 5:
        fail(f"危险性评估应为0–5级，实际为“{value}”", "risk_grade")
        return None
    return grade


def _checklist(place: Place, answers: dict | None, fail) -> str | None:
    items = _checklist_items(place)
    answers = dict(answers or {})
    by_text = {clean(i.text): i for i in items}
    by_id = {i.id: i for i in items}
    chosen: dict[int, str] = {}
    for key, result in answers.items():
        item = by_id.get(key) if isinstance(key, int) else by_text.get(clean(str(key)))
        if item is None:
            fail(f"“{key}”不是{place.category}的巡查项目", "checklist")
            continue
        result = clean(result)
        chosen[item.id] = result
        if result not in CHECK_RESULTS:
            fail(f"巡查项目“{item.text}”应为 合格、不合格 或 不适用", "checklist")
    missing = [i.text for i in items if i.id not in chosen]
    if missing:
        fail(f"请填写巡查项目：{'、'.join(missing)}", "checklist")
    if not items:
        return None
    return json.dumps([{"id": i.id, "text": i.text, "result": chosen.get(i.id), "hazard": i.hazard_category}
                       for i in items], ensure_ascii=False)


def _checklist_items(place: Place) -> list[ChecklistItem]:
    return list(ChecklistItem.select().where((ChecklistItem.place_category == place.category)
                                             & ChecklistItem.active & ChecklistItem.deleted_at.is_null())
                .order_by(ChecklistItem.sort, ChecklistItem.id))


def _has_live_risk_tag(person_id: int, day: dt.date) -> bool:
    iso = day.isoformat()
    return PersonTag.select().where(
        (PersonTag.person == person_id) & (PersonTag.category == RISK_CATEGORY) & PersonTag.deleted_at.is_null()
        & (PersonTag.since <= iso) & (PersonTag.until.is_null() | (PersonTag.until >= iso))).exists()


def _default_kind(kind: str, risk: bool) -> str:
    return "巡查" if kind == "place" else "随访" if risk else "走访"


# --------------------------------------------------------------------------- loading and rows
def _load_target(actor: Actor, kind: str, target_id: int):
    if kind not in TARGET_KINDS:
        raise ValidationError(f"走访对象应为住户、人员或场所（{kind}）", field="target")
    model = {"household": Household, "person": Person, "place": Place}[kind]
    target = model.get_or_none((model.id == target_id) & model.deleted_at.is_null())
    if target is None:
        raise NotFoundError(f"{_KIND_NAMES[kind]}不存在或已删除")
    require_in_scope(actor, target, f"该{_KIND_NAMES[kind]}")
    return target


def _in_scope_quiet(actor: Actor, target) -> bool:
    try:
        require_in_scope(actor, target)
    except PermissionDenied:
        return False
    return True


def _load(actor: Actor, visit_id: int, *, lock: bool = False) -> Visit:
    """The live visit in the actor's scope; ``lock``: held until the transaction ends (to change it)."""
    query = Visit.select().where((Visit.id == visit_id) & Visit.deleted_at.is_null())
    visit = (dialect.for_update(query) if lock else query).first()
    if visit is None:
        raise NotFoundError("走访记录不存在或已删除")
    require_in_scope(actor, visit, "该走访记录")
    return visit


def _refusal(actor: Actor, visit: Visit) -> str | None:
    if actor.role == SYSADMIN:
        return None
    if visit.visitor_id is None or visit.visitor_id != actor.user_id:
        return "只有走访人本人可以修改该走访记录"
    if now() - visit.created_at > dt.timedelta(days=EDIT_DAYS):
        return f"走访记录登记已超过{EDIT_DAYS}天，不能再修改；如需更正请联系系统管理员"
    return None


def _load_for_edit(actor: Actor, visit_id: int, expected_version: int | None) -> Visit:
    visit = _load(actor, visit_id, lock=True)
    refusal = _refusal(actor, visit)
    if refusal:
        raise PermissionDenied(refusal)
    if expected_version is not None and visit.version != expected_version:
        raise StaleRecordError()
    return visit


def _target_of(visit: Visit) -> tuple[str, int]:
    if visit.place_id is not None:
        return "place", visit.place_id
    if visit.person_id is not None:
        return "person", visit.person_id
    return "household", visit.household_id


def _target_names(keys) -> dict[tuple[str, int], str]:
    ids = {k: sorted({i for kind, i in keys if kind == k}) for k in TARGET_KINDS}
    names: dict[tuple[str, int], str] = {}
    if ids["household"]:
        heads = dict(Person.select(Person.household, Person.name).where(
            Person.household.in_(ids["household"]) & Person.is_head & Person.deleted_at.is_null()).tuples())
        for hid, number in Household.select(Household.id, Household.number).where(
                Household.id.in_(ids["household"])).tuples():
            names[("household", hid)] = f"{number} {heads.get(hid, '')}".strip()
    if ids["person"]:
        names.update({("person", pid): name for pid, name in Person.select(Person.id, Person.name).where(
            Person.id.in_(ids["person"])).tuples()})
    if ids["place"]:
        names.update({("place", pid): name for pid, name in Place.select(Place.id, Place.name).where(
            Place.id.in_(ids["place"])).tuples()})
    return names


def _rows(visits: list[Visit]) -> list[VisitRow]:
    """VisitRows for visits, with a fixed number of queries whatever their number."""
    if not visits:
        return []
    ids = [v.id for v in visits]
    targets = {v.id: _target_of(v) for v in visits}
    names = _target_names(targets.values())
    atts: dict[int, list] = {}
    for a in Attachment.select().where(Attachment.visit.in_(ids) & Attachment.deleted_at.is_null()).order_by(
            Attachment.id):
        atts.setdefault(a.visit_id, []).append(att_service.to_row(a))
    events: dict[int, list[int]] = {}
    for event_id, visit_id in Event.select(Event.id, Event.visit).where(
            Event.visit.in_(ids) & Event.deleted_at.is_null()).order_by(Event.id).tuples():
        events.setdefault(visit_id, []).append(event_id)
    out = []
    for v in visits:
        kind, target_id = targets[v.id]
        checks = tuple(CheckResult(item_id=c.get("id"), text=c["text"], result=c.get("result") or "",
                                   hazard_category=c.get("hazard") or "H99")
                       for c in json.loads(v.checklist)) if v.checklist else ()
        out.append(VisitRow(
            id=v.id, uid=v.uid, version=v.version, kind=v.kind, target_kind=kind, target_id=target_id,
            target_name=names.get((kind, target_id), ""), grid_id=v.grid_id, village_code=v.village_code,
            visitor_id=v.visitor_id, visitor_name=v.visitor_name, visited_at=v.visited_at, method=v.method,
            companions=v.companions or "", state=v.state, risk_grade=v.risk_grade, notes=v.notes or "",
            findings=v.findings or "", checklist=checks, next_due=v.next_due, created_at=v.created_at,
            attachments=tuple(atts.get(v.id, ())), event_ids=tuple(events.get(v.id, ()))))
    return out

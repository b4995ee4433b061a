"""Events (事件): reporting, numbering, the workflow to resolution, lists and links.

**Reporting.** ``report(actor, EventDraft)`` registers an event (state 已登记, action 登记) in the
actor's unit: a grid worker in one of their grids, a village actor in their village, a township
centre in its township; the level that owns it (村/乡镇/县) is the reporter's. The deadline is the
registration date plus the kind's time limit (Setting ``time_limit.<kind>``, editable with
``set_time_limit``); an earlier deadline may be given, a later one needs 申请延期.
``draft_from_visit`` prefills a draft from a visit (发现问题 → 生成事件) and ``create_from_visit``
reports it in one call; ``create_from_inspection`` turns a 不合格 checklist answer into a 安全隐患
event of the item's hazard category. Both link the event back to the visit (``Event.visit``).

**Numbers** are ``<township code>-<year>-<5-digit seq>`` from ``EventSequence``, taken inside the
write transaction that inserts the event by one ``INSERT … ON CONFLICT DO UPDATE … RETURNING``. On
SQLite that transaction starts with BEGIN IMMEDIATE, so two clients on one database file queue for
the write lock; on PostgreSQL the statement locks the township's sequence row until the event's
transaction ends, so a second client waits and then reads the next number. A failed insert rolls
the number back, so numbers are unique and gap-free per township and year.

**Concurrent changes.** ``update`` and ``transition`` read the event ``FOR UPDATE`` on PostgreSQL
(``dialect.for_update``): two clients acting on one event run one after the other, and the second
one's checks (state, version) see the first one's change, so neither change is lost.

**Workflow.** ``transition(actor, event_id, action, ...)`` applies one action of the state machine
in ``gridapp.workflow`` (where states, actions, roles, required fields and refusal messages are
data); a refusal raises ``WorkflowError`` with the Chinese reason, a missing field
``ValidationError`` naming it. Every action writes one ``EventAction`` (actor, time, from → to,
note, details): the timeline is exactly these rows. ``available_actions`` tells the UI which
buttons to show and, for disabled ones, why.

**Overdue** = deadline before today and not closed (已办结/已回访/已归档). **按时办结** = the time of
the latest 办结 action is on or before the deadline (``on_time``; None while not closed).

**Scope.** Everything is limited to the actor's scope: a grid worker sees the events of their
grids, a village its village, a township centre its township (escalated events included), a
county centre the county.

API::

    report(actor, draft: EventDraft, attachments=()) -> EventDetail
    update(actor, event_id, draft: EventDraft, *, expected_version=None) -> EventDetail
    draft_of(actor, event_id) -> EventDraft                          # prefill the edit dialog
    edit_refusal(actor, event_id) -> str | None                      # why update would refuse
    validate_draft(actor, draft, event_id=None) -> list[ValidationError]   # check a form, write nothing
    draft_from_visit(actor, visit_id) -> EventDraft
    create_from_visit(actor, visit_id, **overrides) -> EventDetail
    create_from_inspection(actor, visit_id, item) -> EventDetail      # item: checklist item id or text
    transition(actor, event_id, action, *, note=None, outcome=None, method=None, mediator=None,
               agreement=None, agreement_date=None, satisfaction=None, until=None,
               expected_version=None) -> EventDetail
    available_actions(actor, event_id) -> list[ActionOption]
    get(actor, event_id) -> EventDetail
    timeline(actor, event_id) -> list[ActionRow]
    page(actor, query=EventQuery(), *, offset=0, limit=200) -> list[EventRow]
    count(actor, query=EventQuery()) -> int
    events_for_household(actor, household_id) -> list[EventRow]
    events_for_person(actor, person_id) -> list[EventRow]
    party_contact(actor, party_id) -> PartyContact                   # unmasked, audited
    add_attachments(actor, event_id, paths) -> EventDetail
    remove_attachment(actor, attachment_id) -> EventDetail
    time_limits() -> dict[str, int]
    set_time_limit(actor, kind, days) -> None
    select_rows(where) -> query; rows(actor, query) -> list[EventRow]   # list rows for other services
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass, field, fields, replace

import peewee as pw

from gridapp import dialect, ids, refdata, workflow
from gridapp.errors import (
    DatabaseError, DuplicateError, NotFoundError, PermissionDenied, StaleRecordError, ValidationError,
    ValidationErrors, WorkflowError,
)
from gridapp.models import (
    Attachment, Division, Event, EventAction, EventParty, EventSequence, Grid, Household, Person, Place, Setting,
    User, Visit, database, now,
)
from gridapp.services import attachments as att_service
from gridapp.services import audit
from gridapp.services.actor import (
    GRID_WORKER, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN, Actor, division_in_scope, in_scope, require_in_scope,
    require_role, scope_filter,
)
from gridapp.text import clean, clean_multiline, one_line

REPORT_ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP)
TEXT_MAX = 4000
MAX_PEOPLE = 100000
BUSY_RETRIES = 5
HAZARD = "安全隐患"
DISPUTE = "矛盾纠纷"
OTHER_REPORT = "其他"  # the statistics class of a dispute category with no other
_CATEGORY_TABLE = {DISPUTE: "dispute_category", HAZARD: "hazard_category"}
_TIER = {"grid": 0, "village": 0, "township": 1, "county": 2, "all": 3}


# --------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class PartyInput:
    """当事人: a linked resident (``person_id``), or a name with an optional ID number and phone."""

    person_id: int | None = None
    name: str = ""
    id_number: str | None = None
    phone: str | None = None
    role: str = "当事人"


@dataclass(frozen=True)
class EventDraft:
    kind: str = DISPUTE
    title: str = ""
    category: str | None = None  # 矛盾纠纷: GB/T 31000 code; 安全隐患: H01…; else optional
    description: str = ""
    occurred_at: dt.datetime | None = None
    location: str = ""
    place_id: int | None = None
    grid_id: int | None = None
    village_code: str | None = None  # when there is no grid (a village or township actor)
    parties: tuple[PartyInput, ...] = ()
    scale: str = "一般"  # 一般/较大/重大
    people_count: int = 1
    priority: str = "黄"  # 红/橙/黄
    deadline: dt.date | None = None  # None: registration date + the kind's time limit
    visit_id: int | None = None


@dataclass(frozen=True)
class EventQuery:
    state: str | tuple[str, ...] | None = None
    kind: str | None = None
    category: str | None = None  # a code; a GB/T parent code also matches its children
    report_category: str | None = None  # 矛盾纠纷 of one township statistics class (合同, 其他 …)
    overdue: bool | None = None
    supervised: bool | None = None  # 督办
    mine: bool = False  # I handle it or I reported it
    escalated: bool | None = None
    level: str | None = None  # 村/乡镇/县: who owns it now
    text: str | None = None  # a fragment of the number or the title
    grid_id: int | None = None
    village_code: str | None = None
    registered_from: dt.date | None = None
    registered_to: dt.date | None = None
    sort: str = "registered"  # registered (newest first) | deadline (soonest first)


@dataclass(frozen=True)
class PartyRow:
    id: int
    person_id: int | None
    name: str
    id_number: str  # masked
    phone: str  # masked
    role: str


@dataclass(frozen=True)
class PartyContact:
    name: str
    id_number: str
    phone: str


@dataclass(frozen=True)
class ActionRow:
    id: int
    action: str
    from_state: str | None
    to_state: str
    actor_id: int | None
    actor_name: str
    at: dt.datetime
    note: str
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ActionOption:
    action: str  # the action code, e.g. 受理
    label: str  # English source text for the UI to translate
    visible: bool  # the action applies to the event's state and level (else hide it)
    enabled: bool
    reason: str  # why it is disabled (tooltip); "" when enabled
    required: tuple[tuple[str, str], ...]  # (field, Chinese label) the dialog must ask for
    accepts: tuple[str, ...]  # every field the action takes


@dataclass(frozen=True)
class EventRow:
    id: int
    uid: str
    version: int
    number: str
    kind: str
    category: str | None
    category_name: str
    report_category: str  # 矛盾纠纷: the flat statistics class (婚姻家庭 …)
    title: str
    state: str
    level: str
    escalated: bool
    supervised: bool
    priority: str
    deadline: dt.date | None
    registered_at: dt.datetime
    grid_id: int | None
    grid_name: str
    village_code: str
    village_name: str
    reporter_id: int | None
    reporter_name: str
    handler_id: int | None
    handler_name: str
    overdue: bool
    closed_at: dt.datetime | None
    on_time: bool | None  # 按时办结, from the latest 办结 action; None while not closed
    extension_pending: bool
    people_count: int


@dataclass(frozen=True)
class EventDetail(EventRow):
    description: str
    occurred_at: dt.datetime | None
    location: str
    place_id: int | None
    place_name: str
    scale: str
    method: str | None
    outcome: str | None
    mediator: str | None
    agreement: str | None
    agreement_date: dt.date | None
    satisfaction: str | None
    supervision_note: str | None
    extension_until: dt.date | None
    extension_reason: str | None
    visit_id: int | None
    parties: tuple[PartyRow, ...]
    timeline: tuple[ActionRow, ...]
    attachments: tuple[att_service.AttachmentRow, ...]


# --------------------------------------------------------------------------- reporting
def report(actor: Actor, draft: EventDraft, attachments=()) -> EventDetail:
    """Register an event: number, deadline, parties, attachments and its 登记 action, in one transaction."""
    require_role(actor, *REPORT_ROLES, what="登记事件")
    registered = now()
    values, parties = _validate(actor, draft, registered.date())
    stored = att_service.store_all(attachments)
    level = _reporting_level(actor)

    def insert() -> Event:
        number = _next_number(values["township_code"], registered.year)
        event = Event.create(number=number, registered_at=registered, state=workflow.REGISTERED, level=level,
                             reporter=actor.user_id, reporter_name=actor.display_name, created_by=actor.login,
                             updated_by=actor.login, **values)
        _save_parties(actor, event, parties)
        att_service.add_rows(actor, stored, event=event)
        _action(actor, event, workflow.REGISTER, None, workflow.REGISTERED, at=registered,
                details={"deadline": values["deadline"], "level": level})
        audit.record(actor, "create", "event", event.uid,
                     {"number": number, **{k: _plain(values[k]) for k in _AUDITED if k in values}})
        return event

    event = _write(insert)
    return get(actor, event.id)


def update(actor: Actor, event_id: int, draft: EventDraft, *, expected_version: int | None = None) -> EventDetail:
    """Correct an open event. While 已登记/已退回 its reporter or owner may; while 已受理/处置中 its
    owner. The township (and so the number) can't change; a new kind recomputes the deadline."""
    with database.atomic():
        event = _load(actor, event_id, lock=True)
        refusal = _edit_refusal(actor, event)
        if refusal:
            raise WorkflowError(refusal)
        if expected_version is not None and event.version != expected_version:
            raise StaleRecordError()
        if draft.deadline is None and draft.kind == event.kind:
            draft = replace(draft, deadline=event.deadline)
        values, parties = _validate(actor, draft, event.registered_at.date(), event=event)
        if values["township_code"] != event.township_code:
            raise ValidationError("事件编号属于原乡镇，不能改到其他乡镇", field="grid_id")
        values.pop("visit", None)
        before = {k: _plain(getattr(event, k)) for k in values}
        changes = audit.diff(before, {k: _plain(v) for k, v in values.items()})
        old_parties = _party_tuples(event.id)
        new_parties = [(p["person"].id if p["person"] else None, p["name"], p["id_number"], p["phone"], p["role"])
                       for p in parties]
        if old_parties != new_parties:
            changes["parties"] = [[p[1] for p in old_parties], [p[1] for p in new_parties]]
            EventParty.update(deleted_at=now(), updated_at=now(), updated_by=actor.login,
                              version=EventParty.version + 1).where(
                (EventParty.event == event.id) & EventParty.deleted_at.is_null()).execute()
            _save_parties(actor, event, parties)
        if changes:
            for k, v in values.items():
                setattr(event, k, v)
            event.version += 1
            event.updated_at, event.updated_by = now(), actor.login
            event.save()
            audit.record(actor, "update", "event", event.uid, changes)
    return get(actor, event_id)


def edit_refusal(actor: Actor, event_id: int) -> str | None:
    """Why ``update`` would refuse this actor for this event (None: it would accept)."""
    return _edit_refusal(actor, _load(actor, event_id))


def validate_draft(actor: Actor, draft: EventDraft, event_id: int | None = None) -> list[ValidationError]:
    """Every field error ``report`` (or ``update`` of ``event_id``) would raise for ``draft``,
    without writing anything, so a form can show them all at once. A record outside the actor's
    scope is refused (PermissionDenied), as ``report`` and ``update`` refuse it."""
    event = _load(actor, event_id) if event_id is not None else None
    registered = event.registered_at.date() if event is not None else now().date()
    try:
        _validate(actor, draft, registered, event=event)
    except ValidationErrors as exc:
        return list(exc.errors)
    except ValidationError as exc:
        return [exc]
    return []


def draft_of(actor: Actor, event_id: int) -> EventDraft:
    """The event as a draft, to prefill the edit dialog (``update`` takes it back)."""
    event = _load(actor, event_id)
    parties = tuple(PartyInput(person_id=p.person_id, role=p.role) if p.person_id else
                    PartyInput(name=p.name, id_number=p.id_number, phone=p.phone, role=p.role)
                    for p in EventParty.select().where((EventParty.event == event.id)
                                                       & EventParty.deleted_at.is_null()).order_by(EventParty.id))
    return EventDraft(kind=event.kind, title=event.title, category=event.category, description=event.description,
                      occurred_at=event.occurred_at, location=event.location, place_id=event.place_id,
                      grid_id=event.grid_id, village_code=event.village_code if event.grid_id is None else None,
                      parties=parties, scale=event.scale, people_count=event.people_count, priority=event.priority,
                      deadline=event.deadline, visit_id=event.visit_id)


def draft_from_visit(actor: Actor, visit_id: int) -> EventDraft:
    """A draft prefilled from a visit (发现问题 → 生成事件), linked back to it."""
    visit = _visit(actor, visit_id)
    findings = (visit.findings or "").strip()
    first_line = findings.splitlines()[0].strip() if findings else ""
    parties: tuple[PartyInput, ...] = ()
    location = ""
    if visit.person_id is not None:
        person = visit.person
        parties = (PartyInput(person_id=person.id),)
        location = person.household.address if person.household_id else ""
        title = first_line or f"走访{person.name}发现问题"
    elif visit.household_id is not None:
        head = Person.get_or_none((Person.household == visit.household_id) & Person.is_head
                                  & Person.deleted_at.is_null())
        parties = (PartyInput(person_id=head.id),) if head else ()
        location = visit.household.address
        title = first_line or f"走访{visit.household.number}户发现问题"
    else:
        place = visit.place
        parties = (_place_party(place),) if (place.contact_id or place.contact_name) else ()
        location = place.address or place.name
        title = first_line or f"巡查{place.name}发现问题"
    return EventDraft(kind=HAZARD if visit.place_id else DISPUTE, title=title[:200],
                      description=findings or (visit.notes or ""), occurred_at=visit.visited_at, location=location,
                      place_id=visit.place_id, grid_id=visit.grid_id,
                      village_code=visit.village_code if visit.grid_id is None else None, parties=parties,
                      visit_id=visit.id)


def create_from_visit(actor: Actor, visit_id: int, **overrides) -> EventDetail:
    """Report an event from a visit in one call; ``overrides`` replace fields of the draft."""
    unknown = set(overrides) - {f.name for f in fields(EventDraft)}
    if unknown:
        raise ValidationError(f"事件没有这些字段：{'、'.join(sorted(unknown))}", field=sorted(unknown)[0])
    return report(actor, replace(draft_from_visit(actor, visit_id), **overrides))


def create_from_inspection(actor: Actor, visit_id: int, item: int | str) -> EventDetail:
    """Turn one 不合格 answer of an inspection into a 安全隐患 event (once per item)."""
    visit = _visit(actor, visit_id)
    if visit.place_id is None or not visit.checklist:
        raise ValidationError("该记录不是场所巡查，没有巡查项目", field="visit_id")
    answers = json.loads(visit.checklist)
    found = next((a for a in answers if (isinstance(item, int) and a.get("id") == item)
                  or (isinstance(item, str) and clean(a.get("text")) == clean(item))), None)
    if found is None:
        raise ValidationError(f"该巡查记录中没有巡查项目“{item}”", field="item")
    if found.get("result") != "不合格":
        raise ValidationError(f"巡查项目“{found['text']}”为{found.get('result') or '未填写'}，只有不合格项可以生成隐患事件",
                              field="item")
    place = visit.place
    title = _line(f"{place.name}：{found['text']}不合格")[:200]
    existing = Event.get_or_none((Event.visit == visit.id) & (Event.title == title) & Event.deleted_at.is_null())
    if existing is not None:
        raise DuplicateError(f"该巡查项目已生成隐患事件 {existing.number}", field="item", existing=existing.uid)
    description = f"{visit.visited_at:%Y-%m-%d}巡查{place.name}（{place.category}）发现“{found['text']}”不合格。"
    if visit.findings:
        description += "\n" + visit.findings.strip()
    draft = replace(draft_from_visit(actor, visit_id), kind=HAZARD, category=found.get("hazard") or "H99",
                    title=title, description=description)
    return report(actor, draft)


# --------------------------------------------------------------------------- workflow
def transition(actor: Actor, event_id: int, action: str, *, note: str | None = None, outcome: str | None = None,
               method: str | None = None, mediator: str | None = None, agreement: str | None = None,
               agreement_date: dt.date | None = None, satisfaction: str | None = None,
               until: dt.date | None = None, expected_version: int | None = None) -> EventDetail:
    """Apply one workflow action; refused with WorkflowError (state, role, guards) or
    ValidationError (a missing or wrong field)."""
    spec = workflow.spec(action)
    given = {"note": note, "outcome": outcome, "method": method, "mediator": mediator, "agreement": agreement,
             "agreement_date": agreement_date, "satisfaction": satisfaction, "until": until}
    given = {k: v if v is None or k in ("agreement_date", "until") else
             clean_multiline(v) if k in ("note", "agreement") else clean(v) for k, v in given.items()}
    if isinstance(given["agreement_date"], dt.datetime):
        given["agreement_date"] = given["agreement_date"].date()
    with database.atomic():
        event = _load(actor, event_id, lock=True)
        refusal = workflow.refusal(action, _facts(actor, event), actor.role, _relations(actor, event))
        if refusal:
            raise WorkflowError(refusal)
        if expected_version is not None and event.version != expected_version:
            raise StaleRecordError()
        _check_fields(spec, given, event)
        at = now()
        before_state = event.state
        details = _apply(actor, event, spec, given, at)
        event.state = workflow.target_state(action, before_state)
        event.version += 1
        event.updated_at, event.updated_by = at, actor.login
        event.save()
        _action(actor, event, action, before_state, event.state, at=at, note=given["note"], details=details)
        audit.record(actor, "update", "event", event.uid,
                     {"action": action, "state": [before_state, event.state], **details})
    return get(actor, event_id)


def available_actions(actor: Actor, event_id: int) -> list[ActionOption]:
    """Every action with whether this actor may perform it now and, if not, why."""
    event = _load(actor, event_id)
    facts, relations = _facts(actor, event), _relations(actor, event)
    out = []
    for code in workflow.ACTION_ORDER:
        spec = workflow.ACTIONS[code]
        reason = workflow.refusal(code, facts, actor.role, relations) or ""
        visible = event.state in spec.from_states and event.level in spec.from_levels
        out.append(ActionOption(action=code, label=spec.label, visible=visible, enabled=not reason, reason=reason,
                                required=spec.required, accepts=spec.accepts))
    return out


def _facts(actor: Actor, event: Event) -> workflow.EventFacts:
    return workflow.EventFacts(state=event.state, level=event.level,
                               extension_pending=event.extension_until is not None,
                               satisfaction=event.satisfaction,
                               reported_by_actor=actor.user_id is not None and event.reporter_id == actor.user_id)


def _relations(actor: Actor, event: Event) -> frozenset[str]:
    """OWNER/SUPERIOR/REPORTER between an actor (already known to be in scope) and an event."""
    tier = _TIER[actor.level]
    rank = workflow.LEVEL_RANK.get(event.level, 0)
    rel = set()
    if tier == rank or tier == 3:
        rel.add(workflow.OWNER)
    if tier > rank and actor.role == TOWNSHIP:
        rel.add(workflow.SUPERIOR)
    if (actor.user_id is not None and event.reporter_id == actor.user_id) or (
            event.reporter_id is None and workflow.OWNER in rel):
        rel.add(workflow.REPORTER)
    return frozenset(rel)


def _check_fields(spec: workflow.ActionSpec, given: dict, event: Event) -> None:
    errors = [ValidationError(message, field=name) for name, message in workflow.missing_fields(spec.code, given)]
    for name, value in given.items():
        if value in (None, ""):
            continue
        if name not in spec.accepts:
            errors.append(ValidationError(f"“{spec.code}”不需要填写{workflow.FIELD_LABELS[name]}", field=name))
        elif name in workflow.FIELD_CHOICES and value not in workflow.FIELD_CHOICES[name]:
            errors.append(ValidationError(
                f"{workflow.FIELD_LABELS[name]}应为{'、'.join(workflow.FIELD_CHOICES[name])}之一", field=name))
        elif name in ("note", "agreement") and len(value) > TEXT_MAX:
            errors.append(ValidationError(f"{workflow.FIELD_LABELS[name]}不能超过{TEXT_MAX}个字", field=name))
        elif name == "mediator" and len(value) > 64:
            errors.append(ValidationError("调解员姓名不能超过64个字", field=name))
    today = dt.date.today()
    agreement_date = given["agreement_date"]
    if agreement_date is not None and not isinstance(agreement_date, dt.date):
        errors.append(ValidationError("协议日期格式不正确", field="agreement_date"))
    elif agreement_date is not None and agreement_date > today:
        errors.append(ValidationError("协议日期不能晚于今天", field="agreement_date"))
    until = given["until"]
    if until is not None:
        if not isinstance(until, dt.date) or isinstance(until, dt.datetime):
            errors.append(ValidationError("延期日期格式不正确", field="until"))
        elif until <= max(event.deadline or today, today):
            errors.append(ValidationError(
                f"延期日期应晚于当前期限（{event.deadline or today:%Y-%m-%d}）和今天", field="until"))
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)


def _apply(actor: Actor, event: Event, spec: workflow.ActionSpec, given: dict, at: dt.datetime) -> dict:
    """The action's effects on the event besides the state; returns the details to record."""
    code = spec.code
    if code in (workflow.ACCEPT, workflow.START):
        if code == workflow.ACCEPT or event.handler_id is None:
            event.handler = actor.user_id
        return {"handler": actor.display_name}
    if code == workflow.CLOSE:
        event.outcome, event.method = given["outcome"], given["method"]
        event.mediator = given["mediator"] or None
        event.agreement = given["agreement"] or None
        event.agreement_date = given["agreement_date"] or (at.date() if event.agreement else None)
        event.closed_at = at
        event.extension_until = event.extension_reason = None
        if event.handler_id is None:
            event.handler = actor.user_id
        return {k: _plain(v) for k, v in (("outcome", event.outcome), ("method", event.method),
                                          ("mediator", event.mediator), ("agreement_date", event.agreement_date),
                                          ("deadline", event.deadline)) if v is not None}
    if code == workflow.FOLLOW_UP:
        event.satisfaction = given["satisfaction"]
        return {"satisfaction": event.satisfaction}
    if code == workflow.REOPEN:
        details = {"outcome": event.outcome, "satisfaction": event.satisfaction}
        event.outcome = event.satisfaction = event.closed_at = None
        return details
    if code == workflow.REQUEST_EXTENSION:
        event.extension_until, event.extension_reason = given["until"], given["note"]
        return {"until": given["until"].isoformat(), "deadline": _plain(event.deadline)}
    if code == workflow.APPROVE_EXTENSION:
        details = {"from": _plain(event.deadline), "to": event.extension_until.isoformat()}
        event.deadline = event.extension_until
        event.extension_until = event.extension_reason = None
        return details
    if code == workflow.REFUSE_EXTENSION:
        details = {"requested": event.extension_until.isoformat()}
        event.extension_until = event.extension_reason = None
        return details
    if code in (workflow.ESCALATE_TOWNSHIP, workflow.ESCALATE_COUNTY):
        details = {"level": [event.level, spec.to_level]}
        event.level, event.escalated, event.handler = spec.to_level, True, None
        return details
    if code == workflow.SUPERVISE:
        event.supervised, event.supervision_note = True, given["note"]
        return {"supervised": True}
    return {}


def _edit_refusal(actor: Actor, event: Event) -> str | None:
    if actor.role not in REPORT_ROLES:
        return "只有网格员、村(社区)管理员和乡镇综治中心可以修改事件"
    if event.state in workflow.CLOSED_STATES:
        return f"事件已{event.state[1:]}，不能再修改"
    relations = _relations(actor, event)
    if event.state in (workflow.REGISTERED, workflow.RETURNED):
        if relations & {workflow.OWNER, workflow.REPORTER}:
            return None
        return "只有事件的登记人或承办单位可以修改事件"
    if workflow.OWNER in relations:
        return None
    return "只有事件的承办单位可以修改事件"


# --------------------------------------------------------------------------- reading
def get(actor: Actor, event_id: int) -> EventDetail:
    event = _load(actor, event_id)
    row = rows(actor, [event])[0]
    parties = tuple(PartyRow(id=p.id, person_id=p.person_id, name=p.name, id_number=ids.mask_id(p.id_number)
                             if p.id_number else "", phone=ids.mask_phone(p.phone) if p.phone else "", role=p.role)
                    for p in EventParty.select().where((EventParty.event == event.id)
                                                       & EventParty.deleted_at.is_null()).order_by(EventParty.id))
    place_name = event.place.name if event.place_id else ""
    return EventDetail(
        **{f.name: getattr(row, f.name) for f in fields(EventRow)},
        description=event.description, occurred_at=event.occurred_at, location=event.location,
        place_id=event.place_id, place_name=place_name, scale=event.scale, method=event.method,
        outcome=event.outcome, mediator=event.mediator, agreement=event.agreement,
        agreement_date=event.agreement_date, satisfaction=event.satisfaction,
        supervision_note=event.supervision_note, extension_until=event.extension_until,
        extension_reason=event.extension_reason, visit_id=event.visit_id, parties=parties,
        timeline=tuple(_timeline(event.id)), attachments=tuple(att_service.rows_for(event_id=event.id)))


def timeline(actor: Actor, event_id: int) -> list[ActionRow]:
    """The event's history: exactly its actions, oldest first."""
    _load(actor, event_id)
    return _timeline(event_id)


def page(actor: Actor, query: EventQuery = EventQuery(), *, offset: int = 0, limit: int = 200,
         today: dt.date | None = None) -> list[EventRow]:
    """One page of events in scope with the query's filters, sorted in SQL."""
    q = select_rows(_where(actor, query, today or dt.date.today()))
    if query.sort == "deadline":
        q = q.order_by(Event.deadline.asc(nulls="LAST"), Event.id)
    elif query.sort == "registered":
        q = q.order_by(Event.registered_at.desc(), Event.id.desc())
    else:
        raise ValidationError("排序应为 registered（登记时间）或 deadline（期限）", field="sort")
    return rows(actor, q.offset(max(0, int(offset))).limit(max(1, min(int(limit), 1000))), today=today)


def count(actor: Actor, query: EventQuery = EventQuery(), *, today: dt.date | None = None) -> int:
    return Event.select().where(_where(actor, query, today or dt.date.today())).count()


def events_for_household(actor: Actor, household_id: int) -> list[EventRow]:
    """Events with a member of the household as a party, or reported from a visit to the
    household or a member; newest first."""
    household = Household.get_or_none((Household.id == household_id) & Household.deleted_at.is_null())
    if household is None:
        raise NotFoundError("住户不存在或已删除")
    require_in_scope(actor, household, "该住户")
    members = Person.select(Person.id).where(Person.household == household_id)
    visits = Visit.select(Visit.id).where((Visit.household == household_id) | Visit.person.in_(members))
    return _linked(actor, EventParty.person.in_(members), visits)


def events_for_person(actor: Actor, person_id: int) -> list[EventRow]:
    """Events with the person as a party, or reported from a visit to them; newest first."""
    person = Person.get_or_none((Person.id == person_id) & Person.deleted_at.is_null())
    if person is None:
        raise NotFoundError("人员不存在或已删除")
    require_in_scope(actor, person, "该人员")
    return _linked(actor, EventParty.person == person_id, Visit.select(Visit.id).where(Visit.person == person_id))


def _linked(actor: Actor, party_condition, visits) -> list[EventRow]:
    parties = EventParty.select(EventParty.event).where(party_condition & EventParty.deleted_at.is_null())
    return rows(actor, select_rows(Event.deleted_at.is_null() & scope_filter(actor, Event)
                                   & (Event.id.in_(parties) | Event.visit.in_(visits)))
                .order_by(Event.registered_at.desc(), Event.id.desc()))


def party_contact(actor: Actor, party_id: int) -> PartyContact:
    """A party's full ID number and phone (显示完整); writes a view_sensitive audit row."""
    party = EventParty.get_or_none((EventParty.id == party_id) & EventParty.deleted_at.is_null())
    if party is None:
        raise NotFoundError("当事人不存在")
    event = _load(actor, party.event_id)
    if not actor.can_unmask:
        raise PermissionDenied("您的角色不能查看完整的身份证号和电话")
    audit.record(actor, "view_sensitive", "event_party", party.uid, {"event": event.number})
    return PartyContact(name=party.name, id_number=party.id_number or "", phone=party.phone or "")


def add_attachments(actor: Actor, event_id: int, paths) -> EventDetail:
    stored = att_service.store_all(paths)
    with database.atomic():
        event = _load_for_attachments(actor, event_id)
        att_service.add_rows(actor, stored, event=event)
    return get(actor, event_id)


def remove_attachment(actor: Actor, attachment_id: int) -> EventDetail:
    att = Attachment.get_or_none((Attachment.id == attachment_id) & Attachment.deleted_at.is_null()
                                 & Attachment.event.is_null(False))
    if att is None:
        raise NotFoundError("附件不存在或已删除")
    with database.atomic():
        _load_for_attachments(actor, att.event_id)
        att_service.remove_row(actor, att)
    return get(actor, att.event_id)


# --------------------------------------------------------------------------- time limits
def time_limits() -> dict[str, int]:
    """Days from registration to the deadline, per kind (Setting ``time_limit.<kind>``)."""
    out = {}
    for kind in workflow.KINDS:
        value = refdata.setting(f"time_limit.{kind}")
        out[kind] = int(value) if value and value.isdigit() else 15
    return out


def set_time_limit(actor: Actor, kind: str, days: int) -> None:
    require_role(actor, TOWNSHIP, SYSADMIN, what="修改办理时限")
    if kind not in workflow.KINDS:
        raise ValidationError(f"事件类型应为{'、'.join(workflow.KINDS)}之一", field="kind")
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 365:
        raise ValidationError("办理时限应为1到365天", field="days")
    before = time_limits()[kind]
    with database.atomic():
        Setting.insert(key=f"time_limit.{kind}", value=str(days)).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: str(days)}).execute()
        audit.record(actor, "update", "setting", f"time_limit.{kind}", {"days": [before, days]})


# --------------------------------------------------------------------------- numbering
def _next_number(township_code: str, year: int) -> str:
    """The next number of a township and year; call inside the event's write transaction."""
    (last,), = (EventSequence.insert(township_code=township_code, year=year, last=1)
                .on_conflict(conflict_target=[EventSequence.township_code, EventSequence.year],
                             update={EventSequence.last: EventSequence.last + 1})
                .returning(EventSequence.last).tuples().execute())
    return f"{township_code}-{year}-{last:05d}"


def _write(work):
    """Run ``work`` in a write transaction that holds the write lock from its start (SQLite
    BEGIN IMMEDIATE), retrying when another client keeps the database busy."""
    for attempt in range(BUSY_RETRIES):
        try:
            if database.in_transaction() or not isinstance(database.obj, pw.SqliteDatabase):
                with database.atomic():
                    return work()
            with database.atomic(lock_type="IMMEDIATE"):
                return work()
        except pw.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or database.in_transaction():
                raise
            if attempt == BUSY_RETRIES - 1:
                raise DatabaseError("数据库正忙（其他客户端正在写入），请稍后重试") from exc
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------- validation
_AUDITED = ("kind", "category", "title", "grid", "village_code", "priority", "deadline", "place", "visit")


def _reporting_level(actor: Actor) -> str:
    return {"county": workflow.COUNTY_LEVEL, "township": workflow.TOWNSHIP_LEVEL,
            "all": workflow.TOWNSHIP_LEVEL}.get(actor.level, workflow.VILLAGE_LEVEL)


def _validate(actor: Actor, draft: EventDraft, registered: dt.date, event: Event | None = None):
    """Column values and party rows from a draft, or every field error at once."""
    errors: list[ValidationError] = []

    def fail(message: str, name: str) -> None:
        errors.append(ValidationError(message, field=name))

    kind = clean(draft.kind)
    if kind not in workflow.KINDS:
        fail(f"事件类型应为{'、'.join(workflow.KINDS)}之一", "kind")
    category = _category(kind, draft.category, fail)
    title = _line(draft.title)
    if not title:
        fail("请填写事件标题", "title")
    elif len(title) > 200:
        fail("事件标题不能超过200个字", "title")
    description = clean_multiline(draft.description)
    if len(description) > TEXT_MAX:
        fail(f"简要情况不能超过{TEXT_MAX}个字", "description")
    occurred = draft.occurred_at
    if occurred is not None:
        if not isinstance(occurred, dt.datetime):
            occurred = dt.datetime.combine(occurred, dt.time(0, 0)) if isinstance(occurred, dt.date) else None
            if occurred is None:
                fail("发生时间格式不正确", "occurred_at")
        if occurred is not None and occurred > now() + dt.timedelta(minutes=10):
            fail("发生时间不能晚于现在", "occurred_at")
    location = _line(draft.location)
    if len(location) > 200:
        fail("发生地点不能超过200个字", "location")
    visit = _draft_visit(actor, draft.visit_id, fail)
    place = _draft_place(actor, draft.place_id, fail)
    unit = _unit(actor, draft, place, visit, fail)
    scale = clean(draft.scale) or "一般"
    if scale not in workflow.SCALES:
        fail(f"事件规模应为{'、'.join(workflow.SCALES)}之一", "scale")
    priority = clean(draft.priority) or "黄"
    if priority not in workflow.PRIORITIES:
        fail("风险等级应为 红、橙 或 黄", "priority")
    people = draft.people_count
    if isinstance(people, bool) or not isinstance(people, int) or not 1 <= people <= MAX_PEOPLE:
        fail("涉及人数应为1以上的整数", "people_count")
    deadline = _deadline(kind, registered, draft.deadline, event, fail)
    parties = [_party(actor, p, n, fail) for n, p in enumerate(draft.parties, start=1)]
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    grid, village, township, county = unit
    return (dict(kind=kind, category=category, title=title, description=description, occurred_at=occurred,
                 location=location or (place.address if place else ""), place=place, grid=grid,
                 village_code=village, township_code=township, county_code=county, scale=scale,
                 people_count=people, priority=priority, deadline=deadline, visit=visit),
            [p for p in parties if p is not None])


def _category(kind: str, category: str | None, fail) -> str | None:
    category = clean(category) or None
    table = _CATEGORY_TABLE.get(kind)
    if table is None:
        if category and len(category) > 8:
            fail("事件类别代码不能超过8个字符", "category")
        return category
    codes = refdata.codes()
    if not category:
        fail(f"{kind}须选择类别", "category")
        return None
    found = codes.code(table, category)
    if found is None:
        fail(f"未知的{kind}类别：{category}", "category")
    return found


def _deadline(kind: str, registered: dt.date, given: dt.date | None, event: Event | None, fail) -> dt.date | None:
    limit = registered + dt.timedelta(days=time_limits().get(kind, 15))
    if given is None:
        return limit
    if isinstance(given, dt.datetime) or not isinstance(given, dt.date):
        fail("办理期限格式不正确", "deadline")
        return None
    if event is not None and given == event.deadline:
        return given  # unchanged (it may have been extended beyond the time limit)
    if given < registered:
        fail("办理期限不能早于登记日期", "deadline")
    elif given > limit:
        fail(f"办理期限不能超过{kind}的时限（{limit:%Y-%m-%d}），如需更长请申请延期", "deadline")
    return given


def _draft_visit(actor: Actor, visit_id: int | None, fail) -> Visit | None:
    if visit_id is None:
        return None
    visit = Visit.get_or_none((Visit.id == visit_id) & Visit.deleted_at.is_null())
    if visit is None:
        fail("关联的走访记录不存在或已删除", "visit_id")
        return None
    if not in_scope(actor, visit):
        raise PermissionDenied("关联的走访记录不在您的管辖范围内")
    return visit


def _draft_place(actor: Actor, place_id: int | None, fail) -> Place | None:
    if place_id is None:
        return None
    place = Place.get_or_none((Place.id == place_id) & Place.deleted_at.is_null())
    if place is None:
        fail("场所不存在或已删除", "place_id")
        return None
    if not in_scope(actor, place):
        raise PermissionDenied(f"{place.name}不在您的管辖范围内")
    return place


def _unit(actor: Actor, draft: EventDraft, place: Place | None, visit: Visit | None, fail):
    """(grid, village, township, county) of the event, from the draft, its place or visit, or the actor."""
    grid_id = draft.grid_id
    if grid_id is None and place is not None:
        grid_id = place.grid_id
    if grid_id is None and visit is not None:
        grid_id = visit.grid_id
    if grid_id is None and actor.role == GRID_WORKER and len(actor.grid_ids) == 1:
        grid_id = actor.grid_ids[0]
    if grid_id is not None:
        grid = Grid.get_or_none((Grid.id == grid_id) & Grid.deleted_at.is_null())
        if grid is None:
            fail("网格不存在", "grid_id")
            return None, None, None, None
        if not in_scope(actor, grid):
            raise PermissionDenied(f"{grid.name}不在您的管辖范围内")
        return grid, grid.village_code, grid.township_code, grid.county_code
    if actor.role == GRID_WORKER:
        fail("请选择事件所在的网格", "grid_id")
        return None, None, None, None
    village = draft.village_code or (actor.scope_code if actor.level == "village" else None)
    if village:
        division = Division.get_or_none((Division.code == village) & (Division.level == "village"))
        if division is None:
            fail(f"村(社区)代码不存在：{village}", "village_code")
            return None, None, None, None
        if not division_in_scope(actor, village):
            raise PermissionDenied(f"{division.name}不在您的管辖范围内")
        return None, village, village[:9], village[:6]
    if actor.level == "township":
        return None, None, actor.scope_code, actor.scope_code[:6]
    fail("请选择事件所在的村(社区)或网格", "village_code")
    return None, None, None, None


def _party(actor: Actor, p: PartyInput, n: int, fail) -> dict | None:
    role = clean(p.role) or "当事人"
    if len(role) > 16:
        fail(f"第{n}位当事人的身份不能超过16个字", "parties")
    if p.person_id is not None:
        person = Person.get_or_none((Person.id == p.person_id) & Person.deleted_at.is_null())
        if person is None:
            fail(f"第{n}位当事人不存在或已删除", "parties")
            return None
        if not in_scope(actor, person):
            fail(f"第{n}位当事人不在您的管辖范围内，请按姓名填写", "parties")
            return None
        return dict(person=person, name=person.name, id_number=person.id_number, phone=person.phone, role=role)
    name = clean(p.name)
    if not name:
        fail(f"请填写第{n}位当事人的姓名", "parties")
        return None
    if len(name) > 64:
        fail(f"第{n}位当事人的姓名不能超过64个字", "parties")
    number = None
    if p.id_number and clean(p.id_number):
        try:
            number = ids.parse_id(p.id_number, field=f"第{n}位当事人的身份证号").number
        except ValidationError as exc:
            fail(exc.message, "parties")
    phone = None
    if p.phone and clean(p.phone):
        try:
            phone = ids.validate_phone(p.phone, field=f"第{n}位当事人的电话")
        except ValidationError as exc:
            fail(exc.message, "parties")
    return dict(person=None, name=name, id_number=number, phone=phone, role=role)


def _place_party(place: Place) -> PartyInput:
    if place.contact_id is not None:
        return PartyInput(person_id=place.contact_id, role="场所负责人")
    return PartyInput(name=place.contact_name or "", phone=place.contact_phone, role="场所负责人")


# --------------------------------------------------------------------------- helpers
def _load(actor: Actor, event_id: int, *, lock: bool = False) -> Event:
    """The live event in the actor's scope; ``lock``: held until the transaction ends (to change it)."""
    query = Event.select().where((Event.id == event_id) & Event.deleted_at.is_null())
    event = (dialect.for_update(query) if lock else query).first()
    if event is None:
        raise NotFoundError("事件不存在或已删除")
    require_in_scope(actor, event, "该事件")
    return event


def _load_for_attachments(actor: Actor, event_id: int) -> Event:
    event = _load(actor, event_id, lock=True)
    if actor.role not in REPORT_ROLES:
        raise PermissionDenied("只有网格员、村(社区)管理员和乡镇综治中心可以添加或删除事件附件")
    if event.state == workflow.ARCHIVED:
        raise WorkflowError("事件已归档，不能再修改附件")
    return event


def _visit(actor: Actor, visit_id: int) -> Visit:
    visit = Visit.get_or_none((Visit.id == visit_id) & Visit.deleted_at.is_null())
    if visit is None:
        raise NotFoundError("走访记录不存在或已删除")
    require_in_scope(actor, visit, "该走访记录")
    return visit


def _where(actor: Actor, query: EventQuery, today: dt.date) -> pw.Expression:
    where = Event.deleted_at.is_null() & scope_filter(actor, Event)
    if query.state:
        states = (query.state,) if isinstance(query.state, str) else tuple(query.state)
        where &= Event.state.in_(states)
    if query.kind:
        where &= Event.kind == query.kind
    if query.category:
        where &= Event.category.startswith(query.category)
    if query.report_category:
        where &= _in_report_category(clean(query.report_category))
    closed = Event.state.in_(sorted(workflow.CLOSED_STATES))
    if query.overdue is True:
        where &= (Event.deadline < today) & ~closed
    elif query.overdue is False:
        where &= Event.deadline.is_null() | (Event.deadline >= today) | closed
    if query.supervised is not None:
        where &= Event.supervised == query.supervised
    if query.escalated is not None:
        where &= Event.escalated == query.escalated
    if query.level:
        where &= Event.level == query.level
    if query.mine:
        me = actor.user_id if actor.user_id is not None else -1
        where &= (Event.handler == me) | (Event.reporter == me)
    if query.grid_id is not None:
        where &= Event.grid == query.grid_id
    if query.village_code:
        where &= Event.village_code == query.village_code
    if query.registered_from:
        where &= Event.registered_at >= dt.datetime.combine(query.registered_from, dt.time(0, 0))
    if query.registered_to:
        where &= Event.registered_at < dt.datetime.combine(query.registered_to + dt.timedelta(days=1), dt.time(0, 0))
    text = clean(query.text)
    if text:
        where &= Event.number.contains(text) | Event.title.contains(text)
    return where


def _in_report_category(name: str) -> pw.Expression:
    """矛盾纠纷 whose GB/T category maps to the statistics class ``name`` (the ``report`` extra of
    dispute_category), as the summary and the 工作台 count them: a category the table doesn't
    know (an old ledger's) counts as 其他."""
    codes = refdata.codes()
    report_of = {c: codes.extra("dispute_category", c).get("report", OTHER_REPORT)
                 for c, _ in codes.items("dispute_category")}
    if name not in set(report_of.values()) | {n for _, n in codes.items("dispute_report")}:
        raise ValidationError(f"未知的矛盾纠纷统计分类：{name}", field="report_category")
    members = Event.category.in_(sorted(c for c, r in report_of.items() if r == name))
    if name == OTHER_REPORT:
        members |= Event.category.is_null() | Event.category.not_in(sorted(report_of))
    return (Event.kind == DISPUTE) & members


# The columns of a list row: selected as plain tuples, not model instances (the 事件 page reads
# 200 at a time, and building Event objects was half the cost of a page).
_ROW_COLUMNS = (
    Event.id, Event.uid, Event.version, Event.number, Event.kind, Event.category, Event.title, Event.state,
    Event.level, Event.escalated, Event.supervised, Event.priority, Event.deadline, Event.registered_at,
    Event.grid.alias("grid_id"), Event.village_code, Event.reporter.alias("reporter_id"), Event.reporter_name,
    Event.handler.alias("handler_id"), Event.closed_at, Event.extension_until, Event.people_count,
)


def select_rows(where: pw.Expression) -> pw.ModelSelect:
    """A query for the list-row columns of the events matching ``where``; order and page it, then
    pass it to ``rows()``."""
    return Event.select(*_ROW_COLUMNS).where(where)


def rows(actor: Actor, events, *, today: dt.date | None = None) -> list[EventRow]:
    """EventRows for a ``select_rows()`` query (or Event objects), with a fixed number of queries
    for any number of events."""
    del actor  # rows are built for events already scoped by the caller
    if isinstance(events, pw.ModelSelect):
        events = list(events.namedtuples())
    if not events:
        return []
    today = today or dt.date.today()
    ids_ = [e.id for e in events]
    users = {e.reporter_id for e in events} | {e.handler_id for e in events}
    names = dict(User.select(User.id, User.display_name).where(User.id.in_([u for u in users if u])).tuples())
    grids = dict(Grid.select(Grid.id, Grid.name).where(Grid.id.in_({e.grid_id for e in events if e.grid_id}))
                 .tuples())
    villages = dict(Division.select(Division.code, Division.name).where(
        Division.code.in_({e.village_code for e in events if e.village_code})).tuples())
    closes = dict(EventAction.select(EventAction.event, pw.fn.MAX(EventAction.at)).where(
        EventAction.event.in_(ids_) & (EventAction.action == workflow.CLOSE) & EventAction.deleted_at.is_null())
        .group_by(EventAction.event).tuples())
    codes = refdata.codes()
    out = []
    for e in events:
        closed = e.state in workflow.CLOSED_STATES
        closed_at = _datetime(closes.get(e.id)) if closed else None
        table = _CATEGORY_TABLE.get(e.kind)
        category_name = codes.name(table, e.category, e.category or "") if table else (e.category or "")
        report = codes.extra("dispute_category", e.category).get("report", "") if e.kind == DISPUTE else ""
        out.append(EventRow(
            id=e.id, uid=e.uid, version=e.version, number=e.number, kind=e.kind, category=e.category,
            category_name=category_name, report_category=report, title=e.title, state=e.state, level=e.level,
            escalated=e.escalated, supervised=e.supervised, priority=e.priority, deadline=e.deadline,
            registered_at=e.registered_at, grid_id=e.grid_id, grid_name=grids.get(e.grid_id, ""),
            village_code=e.village_code or "", village_name=villages.get(e.village_code, ""),
            reporter_id=e.reporter_id, reporter_name=e.reporter_name or names.get(e.reporter_id, ""),
            handler_id=e.handler_id, handler_name=names.get(e.handler_id, "") if e.handler_id else "",
            overdue=not closed and e.deadline is not None and e.deadline < today,
            closed_at=closed_at or (e.closed_at if closed else None),
            on_time=(closed_at.date() <= e.deadline if closed_at and e.deadline else None) if closed else None,
            extension_pending=e.extension_until is not None, people_count=e.people_count))
    return out


def _datetime(value) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _timeline(event_id: int) -> list[ActionRow]:
    return [ActionRow(id=a.id, action=a.action, from_state=a.from_state, to_state=a.to_state, actor_id=a.actor_id,
                      actor_name=a.actor_name, at=a.at, note=a.note or "",
                      details=json.loads(a.details) if a.details else {})
            for a in EventAction.select().where((EventAction.event == event_id) & EventAction.deleted_at.is_null())
            .order_by(EventAction.at, EventAction.id)]


def _action(actor: Actor, event: Event, action: str, from_state: str | None, to_state: str, *, at: dt.datetime,
            note: str | None = None, details: dict | None = None) -> EventAction:
    clean_details = {k: _plain(v) for k, v in (details or {}).items()}
    return EventAction.create(event=event, action=action, from_state=from_state, to_state=to_state,
                              actor=actor.user_id, actor_name=actor.display_name, at=at, note=note or None,
                              details=json.dumps(clean_details, ensure_ascii=False) if clean_details else None,
                              created_by=actor.login, updated_by=actor.login)


def _save_parties(actor: Actor, event: Event, parties: list[dict]) -> None:
    for p in parties:
        EventParty.create(event=event, person=p["person"], name=p["name"], id_number=p["id_number"],
                          phone=p["phone"], role=p["role"], created_by=actor.login, updated_by=actor.login)


def _party_tuples(event_id: int) -> list[tuple]:
    return [(p.person_id, p.name, p.id_number, p.phone, p.role) for p in EventParty.select().where(
        (EventParty.event == event_id) & EventParty.deleted_at.is_null()).order_by(EventParty.id)]


def _line(text: str | None) -> str:
    """One line of free text: white space collapsed, Chinese punctuation kept as typed."""
    return one_line(text)


def _plain(value):
    if isinstance(value, pw.Model):
        return value.id
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value

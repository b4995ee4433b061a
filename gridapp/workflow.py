"""The event (事件) state machine, as data, in one place.

States::

    已登记 ─受理→ 已受理 ─处置→ 处置中 ─办结→ 已办结 ─回访→ 已回访 ─归档→ 已归档
      │  ↑           │                                        │
      退回 重新提交    退回                          重新处置 (回访不满意) → 处置中
      ↓  │           ↓
     已退回 ←────────┘

Side actions that keep the state: 申请延期 (the owner asks for a later deadline), 同意延期/拒绝延期
(the level above decides), 督办 (the level above urges, with a note). 上报乡镇/上报县 pass the event
up one level: the level above owns it from then on and must 受理 it again (state → 已登记).

Who may act is expressed relative to the event, never by role alone:

- ``OWNER``: the unit that owns the event at its current ``level`` (村: the grid worker of its grid
  or the village administrator; 乡镇: the township centre; 县: the county centre);
- ``SUPERIOR``: a township/county centre above the event's level (in scope);
- ``REPORTER``: the user who registered it (or the owner, for an imported event with no reporter).

``ACTIONS`` holds every action: the states it may start from, the state it leads to, the roles
that may ever perform it, who relative to the event, the fields it requires and its guards.
``refusal()`` applies the table to the facts of one event and one actor and returns the Chinese
message that explains a refusal (or None when the action is allowed); ``missing_fields()`` checks
the fields. ``gridapp.services.events`` does the database side; nothing here touches it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from gridapp.i18n import QT_TRANSLATE_NOOP
from gridapp.services.actor import GRID_WORKER, ROLE_NAMES_ZH, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN

ROLE_ORDER = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP, SYSADMIN)

# --------------------------------------------------------------------------- states
REGISTERED = "已登记"
ACCEPTED = "已受理"
HANDLING = "处置中"
CLOSED = "已办结"
FOLLOWED_UP = "已回访"
ARCHIVED = "已归档"
RETURNED = "已退回"

STATES: tuple[str, ...] = (REGISTERED, ACCEPTED, HANDLING, CLOSED, FOLLOWED_UP, ARCHIVED, RETURNED)
CLOSED_STATES = frozenset({CLOSED, FOLLOWED_UP, ARCHIVED})  # 办结 and after: never overdue
OPEN_STATES = frozenset(STATES) - CLOSED_STATES

STATE_LABELS = {
    REGISTERED: QT_TRANSLATE_NOOP("Workflow", "Registered"),
    ACCEPTED: QT_TRANSLATE_NOOP("Workflow", "Accepted"),
    HANDLING: QT_TRANSLATE_NOOP("Workflow", "In progress"),
    CLOSED: QT_TRANSLATE_NOOP("Workflow", "Closed"),
    FOLLOWED_UP: QT_TRANSLATE_NOOP("Workflow", "Followed up"),
    ARCHIVED: QT_TRANSLATE_NOOP("Workflow", "Archived"),
    RETURNED: QT_TRANSLATE_NOOP("Workflow", "Returned"),
}

# --------------------------------------------------------------------------- levels
VILLAGE_LEVEL = "村"
TOWNSHIP_LEVEL = "乡镇"
COUNTY_LEVEL = "县"
LEVELS: tuple[str, ...] = (VILLAGE_LEVEL, TOWNSHIP_LEVEL, COUNTY_LEVEL)
LEVEL_RANK = {VILLAGE_LEVEL: 0, TOWNSHIP_LEVEL: 1, COUNTY_LEVEL: 2}
# The roles that own an event at each level.
LEVEL_ROLES = {
    VILLAGE_LEVEL: frozenset({GRID_WORKER, VILLAGE_ADMIN}),
    TOWNSHIP_LEVEL: frozenset({TOWNSHIP}),
    COUNTY_LEVEL: frozenset({TOWNSHIP}),
}

# --------------------------------------------------------------------------- field values
OUTCOMES = ("化解成功", "未化解")
METHODS = ("人民调解", "行政调解", "司法调解", "信访", "其他")
SATISFACTIONS = ("满意", "基本满意", "不满意")
PRIORITIES = ("红", "橙", "黄")
SCALES = ("一般", "较大", "重大")
KINDS = ("矛盾纠纷", "安全隐患", "治安", "民生诉求", "其他")
MEDIATION = "人民调解"
DISSATISFIED = "不满意"

FIELD_CHOICES = {"outcome": OUTCOMES, "method": METHODS, "satisfaction": SATISFACTIONS}

# Chinese names of the action fields, for messages (the note is named per action).
FIELD_LABELS = {
    "note": "说明",
    "outcome": "化解结果",
    "method": "化解方式",
    "mediator": "调解员",
    "agreement": "调解协议",
    "agreement_date": "协议日期",
    "satisfaction": "回访满意度",
    "until": "延期至",
}

# --------------------------------------------------------------------------- who
OWNER = "owner"
SUPERIOR = "superior"
REPORTER = "reporter"

_WHO_NAMES = {OWNER: "事件的承办单位", SUPERIOR: "上级综治中心", REPORTER: "事件的登记人"}

# --------------------------------------------------------------------------- guards
# name -> (predicate over EventFacts, message when it fails)
EXTENSION_PENDING = "extension_pending"
NO_EXTENSION_PENDING = "no_extension_pending"
DISSATISFIED_FOLLOW_UP = "dissatisfied"
NOT_OWN_REPORT = "not_own_report"


@dataclass(frozen=True)
class EventFacts:
    """What the state machine needs to know about one event."""

    state: str
    level: str = VILLAGE_LEVEL
    extension_pending: bool = False
    satisfaction: str | None = None
    reported_by_actor: bool = False  # the acting user registered it


GUARDS = {
    EXTENSION_PENDING: (lambda f: f.extension_pending, "该事件没有待审批的延期申请"),
    NO_EXTENSION_PENDING: (lambda f: not f.extension_pending, "已有一条延期申请等待审批，请勿重复申请"),
    DISSATISFIED_FOLLOW_UP: (lambda f: f.satisfaction == DISSATISFIED, "只有回访“不满意”的事件才能重新处置"),
    NOT_OWN_REPORT: (lambda f: not f.reported_by_actor, "不能退回自己登记的事件，如需更正请直接修改"),
}


# --------------------------------------------------------------------------- actions
@dataclass(frozen=True)
class ActionSpec:
    code: str  # stored in EventAction.action and shown in Chinese
    label: str  # English source for the UI (QT_TRANSLATE_NOOP)
    from_states: tuple[str, ...]
    to_state: str | None  # None: the state does not change
    roles: frozenset[str]  # the roles that may ever perform it
    who: frozenset[str]  # OWNER / SUPERIOR / REPORTER: any one of them suffices
    required: tuple[tuple[str, str], ...] = ()  # (field, Chinese label) always required
    required_when: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # (field, value, then required)
    guards: tuple[str, ...] = ()
    from_levels: tuple[str, ...] = LEVELS  # 上报: the levels it may start from
    to_level: str | None = None  # 上报: the level it passes the event to
    fields: tuple[str, ...] = field(default=())  # optional fields it accepts besides the required

    @property
    def accepts(self) -> tuple[str, ...]:
        extra = tuple(f for _, _, fs in self.required_when for f in fs)
        return tuple(dict.fromkeys(("note", *(f for f, _ in self.required), *extra, *self.fields)))


REGISTER = "登记"  # the first action of every event (not offered as a button)
ACCEPT = "受理"
RETURN = "退回"
RESUBMIT = "重新提交"
START = "处置"
CLOSE = "办结"
FOLLOW_UP = "回访"
REOPEN = "重新处置"
ARCHIVE = "归档"
REQUEST_EXTENSION = "申请延期"
APPROVE_EXTENSION = "同意延期"
REFUSE_EXTENSION = "拒绝延期"
ESCALATE_TOWNSHIP = "上报乡镇"
ESCALATE_COUNTY = "上报县"
SUPERVISE = "督办"

_HANDLERS = LEVEL_ROLES[VILLAGE_LEVEL] | LEVEL_ROLES[TOWNSHIP_LEVEL]
_WORKING = (ACCEPTED, HANDLING)

ACTIONS: dict[str, ActionSpec] = {a.code: a for a in (
    ActionSpec(ACCEPT, QT_TRANSLATE_NOOP("Workflow", "Accept"), (REGISTERED,), ACCEPTED,
               _HANDLERS, frozenset({OWNER})),
    ActionSpec(START, QT_TRANSLATE_NOOP("Workflow", "Start handling"), (ACCEPTED,), HANDLING,
               _HANDLERS, frozenset({OWNER})),
    ActionSpec(CLOSE, QT_TRANSLATE_NOOP("Workflow", "Close"), (HANDLING,), CLOSED,
               _HANDLERS, frozenset({OWNER}),
               required=(("outcome", "化解结果"), ("method", "化解方式")),
               required_when=(("method", MEDIATION, ("mediator", "agreement")),),
               fields=("agreement_date",)),
    ActionSpec(FOLLOW_UP, QT_TRANSLATE_NOOP("Workflow", "Follow up"), (CLOSED,), FOLLOWED_UP,
               _HANDLERS, frozenset({OWNER, SUPERIOR}),
               required=(("satisfaction", "回访满意度"),)),
    ActionSpec(REOPEN, QT_TRANSLATE_NOOP("Workflow", "Reopen"), (FOLLOWED_UP,), HANDLING,
               _HANDLERS, frozenset({OWNER, SUPERIOR}),
               required=(("note", "重新处置原因"),), guards=(DISSATISFIED_FOLLOW_UP,)),
    ActionSpec(ARCHIVE, QT_TRANSLATE_NOOP("Workflow", "Archive"), (FOLLOWED_UP,), ARCHIVED,
               _HANDLERS, frozenset({OWNER, SUPERIOR})),
    ActionSpec(RETURN, QT_TRANSLATE_NOOP("Workflow", "Return to reporter"), (REGISTERED, ACCEPTED), RETURNED,
               _HANDLERS, frozenset({OWNER}),
               required=(("note", "退回原因"),), guards=(NOT_OWN_REPORT,)),
    ActionSpec(RESUBMIT, QT_TRANSLATE_NOOP("Workflow", "Resubmit"), (RETURNED,), REGISTERED,
               _HANDLERS, frozenset({REPORTER})),
    ActionSpec(REQUEST_EXTENSION, QT_TRANSLATE_NOOP("Workflow", "Request extension"), _WORKING, None,
               _HANDLERS, frozenset({OWNER}),
               required=(("until", "延期至"), ("note", "延期理由")), guards=(NO_EXTENSION_PENDING,)),
    ActionSpec(APPROVE_EXTENSION, QT_TRANSLATE_NOOP("Workflow", "Approve extension"), _WORKING, None,
               frozenset({TOWNSHIP}), frozenset({SUPERIOR}), guards=(EXTENSION_PENDING,)),
    ActionSpec(REFUSE_EXTENSION, QT_TRANSLATE_NOOP("Workflow", "Refuse extension"), _WORKING, None,
               frozenset({TOWNSHIP}), frozenset({SUPERIOR}),
               required=(("note", "拒绝理由"),), guards=(EXTENSION_PENDING,)),
    ActionSpec(ESCALATE_TOWNSHIP, QT_TRANSLATE_NOOP("Workflow", "Report to township"),
               (REGISTERED, ACCEPTED, HANDLING), REGISTERED,
               LEVEL_ROLES[VILLAGE_LEVEL], frozenset({OWNER}),
               required=(("note", "上报理由"),), from_levels=(VILLAGE_LEVEL,), to_level=TOWNSHIP_LEVEL),
    ActionSpec(ESCALATE_COUNTY, QT_TRANSLATE_NOOP("Workflow", "Report to county"),
               (REGISTERED, ACCEPTED, HANDLING), REGISTERED,
               LEVEL_ROLES[TOWNSHIP_LEVEL], frozenset({OWNER}),
               required=(("note", "上报理由"),), from_levels=(TOWNSHIP_LEVEL,), to_level=COUNTY_LEVEL),
    ActionSpec(SUPERVISE, QT_TRANSLATE_NOOP("Workflow", "Supervise"),
               (REGISTERED, ACCEPTED, HANDLING, RETURNED), None,
               frozenset({TOWNSHIP}), frozenset({SUPERIOR}),
               required=(("note", "督办意见"),)),
)}

# The order in which the UI offers the actions.
ACTION_ORDER: tuple[str, ...] = tuple(ACTIONS)


def spec(action: str) -> ActionSpec:
    try:
        return ACTIONS[action]
    except KeyError:
        from gridapp.errors import WorkflowError

        raise WorkflowError(f"未知的事件操作：{action}") from None


# --------------------------------------------------------------------------- checks
def state_refusal(action: str, state: str) -> str | None:
    """The message when ``action`` can't start from ``state`` (None when it can)."""
    a = spec(action)
    if state in a.from_states:
        return None
    allowed = "、".join(f"“{s}”" for s in a.from_states)
    return f"事件当前为“{state}”，不能{a.code}（{a.code}只能在{allowed}状态下进行）"


def refusal(action: str, facts: EventFacts, role: str, relations: frozenset[str]) -> str | None:
    """Why ``action`` is refused for this event and actor, or None when it is allowed.

    ``relations`` is the set of OWNER/SUPERIOR/REPORTER that hold between the actor and the event.
    Checks run in a fixed order (state, level, role, who, guards) so the message names the
    first obstacle.
    """
    a = spec(action)
    message = state_refusal(action, facts.state)
    if message:
        return message
    if facts.level not in a.from_levels:
        return f"事件已由{facts.level}级承办，不能再{a.code}"
    if role not in a.roles:
        allowed = "、".join(ROLE_NAMES_ZH[r] for r in ROLE_ORDER if r in a.roles)
        return f"“{a.code}”仅限{allowed}操作"
    if not (relations & a.who):
        names = "或".join(_WHO_NAMES[w] for w in (OWNER, SUPERIOR, REPORTER) if w in a.who)
        where = f"（当前由{facts.level}级承办）" if OWNER in a.who or SUPERIOR in a.who else ""
        return f"只有{names}可以{a.code}{where}"
    for guard in a.guards:
        predicate, message = GUARDS[guard]
        if not predicate(facts):
            return message
    return None


def missing_fields(action: str, values: dict) -> list[tuple[str, str]]:
    """(field, message) for every required field of ``action`` that is empty in ``values``."""
    a = spec(action)
    missing = [(name, f"请填写{label}") for name, label in a.required if _empty(values.get(name))]
    for name, value, then in a.required_when:
        if values.get(name) == value:
            missing += [(f, f"{value}须填写{FIELD_LABELS[f]}") for f in then if _empty(values.get(f))]
    return missing


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def target_state(action: str, state: str) -> str:
    """The state after ``action`` from ``state`` (the same state for side actions)."""
    a = spec(action)
    return a.to_state or state

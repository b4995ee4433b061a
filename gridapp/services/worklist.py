"""The worklist (待访): who is due for a visit, computed in SQL at query time.

Nothing is stored: every call joins the live rules (``VisitRule``), tags and visits, so a rule
change, a new tag, an ended tag or a recorded visit shows at once.

Due dates (DOMAIN.md §5):

- **Households** follow the ``household`` rule; **places** follow ``place:<category>``.
  due = last visit + interval, or (never visited) the day the record was created + interval
  (a visit dated before the record was registered, e.g. an imported one, still counts).
- **People** follow the rules of their live tags (not deleted, started, not ended: ``until`` is
  empty or today or later) whose category has a rule. For each tag,
  due = max(last visit, tag start) + interval; the person's due date is the earliest of these,
  so a person in several groups takes the shortest interval, and a visit before a tag started
  doesn't count for that tag. Deleted, dead (死亡) and moved-out (迁出) people are not listed.
- **Risk grade** (严重精神障碍患者, while the tag is live): when the latest visit that recorded a
  危险性 grade has a grade of at least ``risk_force_min_grade`` (3), the interval is at most
  ``risk_force_days`` (14) from the last visit, until a later visit records a lower grade.

All date arithmetic is on day numbers (days since 1970-01-01, ``dialect.day_number``); the SQL
that differs between SQLite and PostgreSQL comes from ``gridapp.dialect``.

Views: ``overdue`` (due before today), ``today`` (due today), ``week`` (due today to today + 6),
``month`` (due by the end of the statistical month, overdue included: what is still to visit this
month), ``all`` (everything scheduled). Urgency = overdue days × attention weight (高 3, 中 2, 低 1;
households and places 1); the list is sorted by urgency, then due date, then weight.

**This month** (``month_progress``, the 工作台's 本月走访): each scheduled target counts once, as
*due* (the ``month`` view) or *done* (visited since the month started and not due again before it
ends); the month is the statistical month (report cutoff day).

API::

    view(actor, view="overdue", *, by=None, grid_id=None, village_code=None, kind=None,
         offset=0, limit=200) -> Worklist                     # page + total + counts (with overdue
                                                              # events per unit), one pass
    page(actor, view="overdue", *, grid_id=None, village_code=None, kind=None,
         offset=0, limit=200) -> WorkPage                     # items of one page + total
    counts(actor, *, by=None, grid_id=None, village_code=None, kind=None) -> list[WorkCount]
                                                              # per grid (grid worker, village) or
                                                              # per village (township, county)
    month_progress(actor, *, grid_id=None, village_code=None) -> MonthProgress
                                                              # this month: overdue, done, still due
    due_for(actor, kind, target_id) -> DueInfo | None         # one target (after recording a visit)
    is_listed(actor, view, kind, target_id) -> bool
    target_ids(actor, view, kind, *, grid_id=None, village_code=None) -> list[int]
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from gridapp import dialect, refdata, workflow
from gridapp.errors import NotFoundError, ValidationError
from gridapp.models import Division, Event, Grid, Household, Person, PersonTag, Place, VisitRule
from gridapp.reports import periods
from gridapp.services import rules
from gridapp.services.actor import GRID_WORKER, Actor, require_in_scope, scope_filter

VIEWS = ("overdue", "today", "week", "month", "all")
KINDS = ("household", "person", "place")
KIND_NAMES = {"household": "住户", "person": "重点人员", "place": "场所"}
WEEK_DAYS = 7
ATTENTION_WEIGHT = {"01": 3, "02": 2, "03": 1}
GONE_RESIDENCE = ("死亡", "迁出")
RISK_CATEGORY = "jsza"  # 严重精神障碍患者: the group whose visits record a 危险性 grade
EPOCH = dt.date(1970, 1, 1)
MAX_LIMIT = 1000


@dataclass(frozen=True)
class WorkItem:
    kind: str  # household | person | place
    target_id: int
    name: str  # household: 户号 and head; person: name; place: name
    address: str
    grid_id: int | None
    grid_name: str
    village_code: str
    village_name: str
    categories: tuple[str, ...]  # person: the scheduled groups; place: its category
    attention: str | None  # person: the highest attention (01/02/03)
    interval_days: int
    last_visit: dt.date | None
    due: dt.date
    overdue_days: int  # > 0 overdue by that many days, 0 due today, < 0 days left
    urgency: int  # overdue days × attention weight (0 when not overdue)
    reason: str  # 严重精神障碍患者（高）14天 / 危险性评估3级，强制14天 …


@dataclass(frozen=True)
class WorkPage:
    items: tuple[WorkItem, ...]
    total: int


@dataclass(frozen=True)
class WorkCount:
    code: str  # grid id (as text) or village code
    name: str
    overdue: int
    today: int
    week: int
    scheduled: int
    overdue_events: int = 0  # events of the unit past their deadline and not closed
    month: int = 0  # due by the end of the statistical month, overdue included


@dataclass(frozen=True)
class DueInfo:
    kind: str
    target_id: int
    interval_days: int
    last_visit: dt.date | None
    due: dt.date
    overdue_days: int
    reason: str

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


@dataclass(frozen=True)
class MonthProgress:
    """This statistical month's visits over the scheduled targets (each counted once)."""

    start: dt.date
    end: dt.date
    overdue: int  # due before today
    done: int  # visited since the month started and not due again by its end
    due: int  # due by its end, overdue included (the ``month`` view)

    @property
    def total(self) -> int:
        return self.done + self.due


@dataclass(frozen=True)
class Worklist:
    """One view of the worklist: a page of items, the view's total and the counts per unit."""

    items: tuple[WorkItem, ...]
    total: int
    counts: tuple[WorkCount, ...]
    overdue_events: int  # events in scope past their deadline and not closed (超期事件)


# --------------------------------------------------------------------------- public
def view(actor: Actor, view: str = "overdue", *, by: str | None = None, grid_id: int | None = None,
         village_code: str | None = None, kind: str | None = None, offset: int = 0, limit: int = 200,
         today: dt.date | None = None) -> Worklist:
    """A page of one view, most urgent first, with the counts per grid or village, from one pass
    over the due dates (what the 走访 page shows)."""
    return _run(actor, view, by, grid_id, village_code, kind, offset, limit, today or dt.date.today())


def page(actor: Actor, view: str = "overdue", *, grid_id: int | None = None, village_code: str | None = None,
         kind: str | None = None, offset: int = 0, limit: int = 200, today: dt.date | None = None) -> WorkPage:
    """One page of the worklist, most urgent first, and the number of items in the view."""
    found = _run(actor, view, None, grid_id, village_code, kind, offset, limit, today or dt.date.today())
    return WorkPage(items=found.items, total=found.total)


def counts(actor: Actor, *, by: str | None = None, grid_id: int | None = None, village_code: str | None = None,
           kind: str | None = None, today: dt.date | None = None) -> list[WorkCount]:
    """Overdue / due today / due this week / scheduled, per grid or per village.

    ``by`` defaults to ``grid`` for grid workers and village actors, ``village`` above.
    """
    found = _run(actor, "all", by, grid_id, village_code, kind, 0, 0, today or dt.date.today())
    return list(found.counts)


def month_progress(actor: Actor, *, grid_id: int | None = None, village_code: str | None = None,
                   today: dt.date | None = None) -> MonthProgress:
    """Overdue, done and still due this statistical month, over every scheduled target in scope
    (one pass over exact due dates: a member's visit this month counts for the household)."""
    today = today or dt.date.today()
    month = _month(today)
    t, first, last = _day_of(today), _day_of(month.start), _day_of(month.end)
    due_sql, params = _due_sql(actor, today, grid_id=grid_id, village_code=village_code)
    sql = (f"{due_sql} SELECT COALESCE(SUM(CASE WHEN due_day < {t} THEN 1 ELSE 0 END), 0), "
           f"COALESCE(SUM(CASE WHEN due_day > {last} AND last_day >= {first} THEN 1 ELSE 0 END), 0), "
           f"COALESCE(SUM(CASE WHEN due_day <= {last} THEN 1 ELSE 0 END), 0) FROM due")
    overdue, done, due = dialect.execute(sql, params).fetchone()
    return MonthProgress(start=month.start, end=month.end, overdue=int(overdue), done=int(done), due=int(due))


def _run(actor: Actor, view: str, by: str | None, grid_id, village_code, kind, offset: int, limit: int,
         today: dt.date) -> Worklist:
    """One query: the page of ``view`` (none when ``limit`` is 0) and the counts per unit."""
    by = by or ("grid" if actor.role == GRID_WORKER or actor.level == "village" else "village")
    if by not in ("grid", "village"):
        raise ValidationError("统计口径应为 grid（按网格）或 village（按村）", field="by")
    t = _day_of(today)
    month_end = _day_of(_month(today).end)
    view_sql, view_params = _view_condition(view, t, month_end)
    limit = max(0, min(int(limit), MAX_LIMIT))
    # the counts and the views but "all" look no further than the end of the week or the month
    horizon = None if view == "all" and limit else max(t + WEEK_DAYS, month_end + 1)
    due_sql, params = _due_sql(actor, today, grid_id=grid_id, village_code=village_code, kind=kind,
                               materialized=True, horizon=horizon)
    key = "grid_id" if by == "grid" else "village_code"
    urgency = f"CASE WHEN due_day < {t} THEN ({t} - due_day) * weight ELSE 0 END"
    sql = (f"{due_sql}, pg AS (SELECT kind, id, grid_id, village_code, interval_days, weight, last_day, due_day, "
           f"{urgency} AS urgency FROM due WHERE {view_sql} "
           "ORDER BY urgency DESC, due_day, weight DESC, kind, id LIMIT ? OFFSET ?) "
           "SELECT 'item', kind, id, grid_id, village_code, interval_days, weight, last_day, due_day, urgency "
           "FROM pg UNION ALL "
           f"SELECT 'count', NULL, NULL, {'grid_id' if by == 'grid' else 'NULL'}, "
           f"{'MIN(village_code)' if by == 'grid' else 'village_code'}, "
           f"SUM(CASE WHEN due_day < {t} THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN due_day = {t} THEN 1 ELSE 0 END), "
           f"SUM(CASE WHEN due_day >= {t} AND due_day < {t + WEEK_DAYS} THEN 1 ELSE 0 END), "
           f"COUNT(*), SUM(CASE WHEN due_day <= {month_end} THEN 1 ELSE 0 END) "
           f"FROM due GROUP BY {'grid_id' if by == 'grid' else 'village_code'}")
    rows = dialect.execute(sql, [*params, *view_params, limit, max(0, int(offset))]).fetchall()
    items = sorted((r[1:] for r in rows if r[0] == "item"), key=lambda r: (-r[8], r[7], -r[5], r[0], r[1]))
    groups = [r for r in rows if r[0] == "count"]
    column = {"overdue": 5, "today": 6, "week": 7, "all": 8, "month": 9}[view]
    total = sum(r[column] for r in groups)
    late = _overdue_events(actor, by, grid_id, village_code, today)
    return Worklist(items=tuple(_items(actor, items, today)), total=total,
                    counts=tuple(_counts(groups, late, by)), overdue_events=sum(late.values()))


def _overdue_events(actor: Actor, by: str, grid_id, village_code, today: dt.date) -> dict:
    """Overdue events per grid id or village code, in scope and the filters."""
    key = Event.grid if by == "grid" else Event.village_code
    where = (Event.deleted_at.is_null() & scope_filter(actor, Event) & (Event.deadline < today)
             & Event.state.not_in(sorted(workflow.CLOSED_STATES)))
    if grid_id is not None:
        where &= Event.grid == grid_id
    if village_code:
        where &= Event.village_code == village_code
    return dict(Event.select(key, pw.fn.COUNT(Event.id)).where(where).group_by(key).tuples())


def _counts(groups, late: dict, by: str) -> list[WorkCount]:
    """WorkCounts from ('count', _, _, grid_id, village_code, overdue, today, week, scheduled, month)
    rows and the overdue events per unit (a unit with late events but nobody to visit is kept)."""
    index = 3 if by == "grid" else 4
    rows = {r[index]: r[5:10] for r in groups}
    for unit in late:
        rows.setdefault(unit, (0, 0, 0, 0, 0))
    if by == "grid":
        names = _grid_names([u for u in rows if u is not None])
        out = [WorkCount(code=str(u) if u is not None else "", name=names.get(u, "未分网格"), overdue=r[0],
                         today=r[1], week=r[2], scheduled=r[3], overdue_events=late.get(u, 0), month=r[4])
               for u, r in rows.items()]
        return sorted(out, key=lambda c: (c.code == "", c.name))
    names = _division_names(list(rows))
    out = [WorkCount(code=u or "", name=names.get(u, u) if u else "乡镇直属", overdue=r[0],
                     today=r[1], week=r[2], scheduled=r[3], overdue_events=late.get(u, 0), month=r[4])
           for u, r in rows.items()]
    return sorted(out, key=lambda c: (c.code == "", c.code))


def due_for(actor: Actor, kind: str, target_id: int, *, today: dt.date | None = None) -> DueInfo | None:
    """The due date of one household, person or place (None when it isn't scheduled)."""
    today = today or dt.date.today()
    _check_kind(kind)
    _load_target(actor, kind, target_id)
    due_sql, params = _due_sql(actor, today, kind=kind, target_id=target_id)
    row = dialect.execute(f"{due_sql} SELECT kind, id, grid_id, village_code, interval_days, weight, "
                          "last_day, due_day, 0 FROM due", params).fetchone()
    if row is None:
        return None
    item = _items(actor, [row], today)[0]
    return DueInfo(kind=kind, target_id=target_id, interval_days=item.interval_days, last_visit=item.last_visit,
                   due=item.due, overdue_days=item.overdue_days, reason=item.reason)


def is_listed(actor: Actor, view: str, kind: str, target_id: int, *, today: dt.date | None = None) -> bool:
    """Whether one target is in a view of the actor's worklist now."""
    due = due_for(actor, kind, target_id, today=today)
    if due is None:
        return False
    if view == "overdue":
        return due.overdue_days > 0
    if view == "today":
        return due.overdue_days == 0
    if view == "week":
        return -WEEK_DAYS < due.overdue_days <= 0
    if view == "month":
        return due.due <= _month(today or dt.date.today()).end
    _view_condition(view, 0, 0)
    return True


def target_ids(actor: Actor, view: str, kind: str, *, grid_id: int | None = None, village_code: str | None = None,
               today: dt.date | None = None) -> list[int]:
    """The ids of one kind of target in a view (for example the overdue places, as a filter)."""
    today = today or dt.date.today()
    month_end = _day_of(_month(today).end)
    due_sql, params = _due_sql(actor, today, grid_id=grid_id, village_code=village_code, kind=kind,
                               horizon=max(_day_of(today) + WEEK_DAYS, month_end + 1))
    view_sql, view_params = _view_condition(view, _day_of(today), month_end)
    return [r[0] for r in dialect.execute(f"{due_sql} SELECT id FROM due WHERE {view_sql}",
                                   [*params, *view_params]).fetchall()]


# --------------------------------------------------------------------------- SQL
def _day_of(day: dt.date) -> int:
    return (day - EPOCH).days


def _from_day(n: int | None) -> dt.date | None:
    return None if n is None else EPOCH + dt.timedelta(days=n)


def _month(today: dt.date) -> periods.Period:
    """The statistical month of ``today`` (report cutoff day), as the summary and the 工作台 count."""
    return periods.month_of(today, periods.cutoff_day())


def _view_condition(view: str, t: int, month_end: int) -> tuple[str, list]:
    if view == "overdue":
        return "due_day < ?", [t]
    if view == "today":
        return "due_day = ?", [t]
    if view == "week":
        return "due_day >= ? AND due_day < ?", [t, t + WEEK_DAYS]
    if view == "month":
        return "due_day <= ?", [month_end]
    if view == "all":
        return "1 = 1", []
    raise ValidationError(f"未知的待访视图：{view}（应为 overdue/today/week/month/all）", field="view")


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise ValidationError(f"未知的走访对象类型：{kind}", field="kind")


def _scope(actor: Actor, alias: str, grid_id, village_code, target_id) -> tuple[str, list]:
    """WHERE conditions limiting ``alias`` (household/person/place) to the actor and the filters."""
    parts, params = [], []
    if actor.role == GRID_WORKER:
        if actor.grid_ids:
            parts.append(f"{alias}.grid_id IN ({', '.join('?' * len(actor.grid_ids))})")
            params += list(actor.grid_ids)
        else:
            parts.append("1 = 0")
    elif actor.scope_code:
        column = {6: "county_code", 9: "township_code", 12: "village_code"}[len(actor.scope_code)]
        parts.append(f"{alias}.{column} = ?")
        params.append(actor.scope_code)
    if grid_id is not None:
        parts.append(f"{alias}.grid_id = ?")
        params.append(grid_id)
    if village_code:
        parts.append(f"{alias}.village_code = ?")
        params.append(village_code)
    if target_id is not None:
        parts.append(f"{alias}.id = ?")
        params.append(target_id)
    return " AND ".join(parts) or "1 = 1", params


def _last_visit(column: str, alias: str) -> str:
    """The latest live visit of a target: one step backwards in the (target, visited_at,
    deleted_at) index."""
    return (f"(SELECT v.visited_at FROM visit v WHERE v.{column} = {alias}.id AND v.deleted_at IS NULL "
            "ORDER BY v.visited_at DESC LIMIT 1)")


def _last_member_visit(alias: str) -> str:
    """The latest live visit of any live member of household ``alias``: the members come from the
    (household_id, deleted_at) index alone, and each one's latest visit is one step into its index."""
    return ("(SELECT MAX((SELECT v.visited_at FROM visit v WHERE v.person_id = m.id AND v.deleted_at IS NULL "
            f"ORDER BY v.visited_at DESC LIMIT 1)) FROM person m WHERE m.household_id = {alias}.id "
            "AND m.deleted_at IS NULL)")


def _base_due(last: str, since: str, interval: str) -> str:
    """max(last visit, start) + interval, in day numbers (the start when never visited)."""
    return f"CASE WHEN {last} IS NULL OR {last} < {since} THEN {since} ELSE {last} END + {interval}"


def _due_sql(actor: Actor, today: dt.date, *, grid_id=None, village_code=None, kind=None,
             target_id=None, materialized: bool = False, horizon: int | None = None) -> tuple[str, list]:
    """A WITH clause whose last table ``due`` holds (kind, id, grid_id, village_code,
    interval_days, weight, last_day, due_day) for every scheduled target in scope.

    The last visit of each target is looked up once, in a MATERIALIZED table: SQLite would
    otherwise copy the correlated subquery into every expression that uses it.

    A household's last visit is its own or a live member's, whichever is later. With ``horizon``
    (a day number) the members' visits are looked up only for households due before it by their
    own visits: a member's visit can only put the due date later, so a household due on or after
    the horizon stays there, with its own last visit and due date (a lower bound). Counts and the
    views up to the horizon are exact; a township's 40,000 households cost a tenth of the lookups.
    """
    _check_kind(kind)
    iso = today.isoformat()
    ctes: list[str] = []
    arms: list[str] = []
    params: list = []
    if kind in (None, "household"):
        where, p = _scope(actor, "h", grid_id, village_code, target_id)
        ctes.append(
            "hl AS MATERIALIZED (SELECT h.id AS id, h.grid_id AS grid_id, h.village_code AS village_code, "
            f"r.interval_days AS interval_days, {dialect.day_number('h.created_at')} AS since_day, "
            f"{_last_visit('household_id', 'h')} AS own_at "
            "FROM household h JOIN visit_rule r ON r.target = 'household' AND r.attention = '' "
            f"AND r.deleted_at IS NULL WHERE h.deleted_at IS NULL AND {where})")
        last = dialect.day_number(dialect.latest("own_at", _last_member_visit("hl")))
        if horizon is not None:
            own_day = dialect.day_number("own_at")
            last = (f"CASE WHEN COALESCE({own_day}, since_day) + interval_days < {int(horizon)} "
                    f"THEN {last} ELSE {own_day} END")
        ctes.append("hv AS MATERIALIZED (SELECT id, grid_id, village_code, interval_days, since_day, "
                    f"{last} AS last_day FROM hl)")
        params += p
        # the day a household was registered stands in for a visit until the first one
        arms.append("SELECT 'household' AS kind, id, grid_id, village_code, interval_days, 1 AS weight, last_day, "
                    "COALESCE(last_day, since_day) + interval_days AS due_day FROM hv")
    if kind in (None, "place"):
        where, p = _scope(actor, "pl", grid_id, village_code, target_id)
        ctes.append(
            "plv AS MATERIALIZED (SELECT pl.id AS id, pl.grid_id AS grid_id, pl.village_code AS village_code, "
            f"r.interval_days AS interval_days, {dialect.day_number('pl.created_at')} AS since_day, "
            f"{dialect.day_number(_last_visit('place_id', 'pl'))} AS last_day "
            "FROM place pl JOIN visit_rule r ON r.target = 'place:' || pl.category AND r.attention = '' "
            f"AND r.deleted_at IS NULL WHERE pl.deleted_at IS NULL AND {where})")
        params += p
        arms.append("SELECT 'place' AS kind, id, grid_id, village_code, interval_days, 1 AS weight, last_day, "
                    "COALESCE(last_day, since_day) + interval_days AS due_day FROM plv")
    if kind in (None, "person"):
        where, p = _scope(actor, "s", grid_id, village_code, target_id)
        # one row per live tag whose category has a rule, with the person's last visit. The people
        # in scope come from an index that holds every column read of them (s: person_report, the
        # unit's live people), then their tags from the (person, category, attention, since,
        # until, deleted_at) index (t) and the rules (r): no table row is read. CROSS JOIN keeps
        # that order in SQLite.
        ctes.append(
            "tv AS MATERIALIZED (SELECT s.id AS id, s.grid_id AS grid_id, s.village_code AS village_code, "
            "r.interval_days AS interval_days, t.category AS category, "
            "CASE t.attention WHEN '01' THEN 3 WHEN '02' THEN 2 ELSE 1 END AS weight, "
            f"{dialect.day_number('t.since')} AS since_day, "
            f"{dialect.day_number(_last_visit('person_id', 's'))} AS last_day "
            "FROM person s CROSS JOIN person_tag t CROSS JOIN visit_rule r "
            f"WHERE {where} AND s.deleted_at IS NULL "
            f"AND s.residence NOT IN ('{GONE_RESIDENCE[0]}', '{GONE_RESIDENCE[1]}') "
            "AND t.person_id = s.id AND t.deleted_at IS NULL AND t.since <= ? AND (t.until IS NULL OR t.until >= ?) "
            "AND r.target = t.category AND r.attention = t.attention AND r.deleted_at IS NULL)")
        params += [*p, iso, iso]
        # per person: the earliest of its tags' due dates, and (in the risk group) the grade of
        # the latest visit that recorded one
        ctes.append(
            "ps AS MATERIALIZED (SELECT id, grid_id, village_code, MIN(interval_days) AS interval_days, "
            "MAX(weight) AS weight, MAX(last_day) AS last_day, "
            f"MIN({_base_due('last_day', 'since_day', 'interval_days')}) AS base_due, "
            f"CASE WHEN MAX(CASE WHEN category = '{RISK_CATEGORY}' THEN 1 ELSE 0 END) = 1 THEN "
            "(SELECT v.risk_grade FROM visit v WHERE v.person_id = tv.id AND v.deleted_at IS NULL "
            "AND v.risk_grade IS NOT NULL ORDER BY v.visited_at DESC LIMIT 1) END AS grade "
            "FROM tv GROUP BY id, grid_id, village_code)")
        # a high risk grade caps the interval at the forced days from the last visit
        force = rules.risk_force()
        arms.append(
            "SELECT 'person' AS kind, id, grid_id, village_code, "
            f"CASE WHEN grade >= {force.min_grade} AND interval_days > {force.days} THEN {force.days} "
            "ELSE interval_days END AS interval_days, weight, last_day, "
            f"CASE WHEN grade >= {force.min_grade} AND last_day + {force.days} < base_due "
            f"THEN last_day + {force.days} ELSE base_due END AS due_day FROM ps")
    ctes.append(f"due AS {'MATERIALIZED ' if materialized else ''}({' UNION ALL '.join(arms)})")
    return "WITH " + ", ".join(ctes), params


# --------------------------------------------------------------------------- rows
def _items(actor: Actor, rows, today: dt.date) -> list[WorkItem]:
    """Turn (kind, id, grid_id, village_code, interval, weight, last_day, due_day, urgency, …) rows
    into WorkItems, with a fixed number of queries for the whole page."""
    t = _day_of(today)
    ids = {k: [r[1] for r in rows if r[0] == k] for k in KINDS}
    labels = {**_household_labels(ids["household"]), **_person_labels(actor, ids["person"], rows, today),
              **_place_labels(ids["place"])}
    grids = _grid_names([r[2] for r in rows if r[2] is not None])
    villages = _division_names([r[3] for r in rows])
    items = []
    for kind, target_id, grid_id, village, interval_days, weight, last_day, due_day, *_ in rows:
        name, address, categories, attention, reason = labels[(kind, target_id)]
        items.append(WorkItem(
            kind=kind, target_id=target_id, name=name, address=address, grid_id=grid_id,
            grid_name=grids.get(grid_id, "") if grid_id is not None else "", village_code=village or "",
            village_name=villages.get(village, village or ""), categories=categories, attention=attention,
            interval_days=interval_days, last_visit=_from_day(last_day), due=_from_day(due_day),
            overdue_days=t - due_day, urgency=max(0, t - due_day) * weight,
            reason=reason or f"{interval_days}天"))
    return items


def _household_labels(ids: list[int]) -> dict:
    if not ids:
        return {}
    heads = {p.household_id: p.name for p in Person.select(Person.household, Person.name).where(
        Person.household.in_(ids) & Person.is_head & Person.deleted_at.is_null())}
    days = rules.interval(rules.HOUSEHOLD)
    out = {}
    for h in Household.select(Household.id, Household.number, Household.address).where(Household.id.in_(ids)):
        head = heads.get(h.id, "")
        name = f"{h.number} {head}".strip()
        out[("household", h.id)] = (name, h.address, (), None, f"全部住户{days}天" if days else "")
    return out


def _place_labels(ids: list[int]) -> dict:
    if not ids:
        return {}
    out = {}
    for pl in Place.select(Place.id, Place.name, Place.address, Place.category).where(Place.id.in_(ids)):
        days = rules.interval(rules.PLACE_PREFIX + pl.category)
        out[("place", pl.id)] = (pl.name, pl.address, (pl.category,), None,
                                 f"{pl.category}{days}天" if days else "")
    return out


def _person_labels(actor: Actor, ids: list[int], rows, today: dt.date) -> dict:
    if not ids:
        return {}
    iso = today.isoformat()
    codes = refdata.codes()
    sensitive = refdata.sensitive_categories()
    table = {(r.target, r.attention): r.interval_days
             for r in VisitRule.select().where(VisitRule.deleted_at.is_null())}
    tags: dict[int, list[tuple[int, str, str]]] = {}
    for t in PersonTag.select(PersonTag.person, PersonTag.category, PersonTag.attention).where(
            PersonTag.person.in_(ids) & PersonTag.deleted_at.is_null() & (PersonTag.since <= iso)
            & (PersonTag.until.is_null() | (PersonTag.until >= iso))):
        days = table.get((t.category, t.attention))
        if days is not None:
            tags.setdefault(t.person_id, []).append((days, t.category, t.attention))
    intervals = {r[1]: r[4] for r in rows if r[0] == "person"}
    addresses = dict(Person.select(Person.id, Household.address).join(Household).where(Person.id.in_(ids))
                     .tuples())
    force = rules.risk_force()
    out = {}
    for p in Person.select(Person.id, Person.name).where(Person.id.in_(ids)):
        mine = sorted(tags.get(p.id, []))
        shown = [c for _, c, _ in mine if actor.can_see_sensitive or c not in sensitive]
        categories = tuple(dict.fromkeys(codes.name("person_category", c, c) for c in shown))
        if len(shown) < len(mine):
            categories += ("重点人员",)
        attention = min((a for _, _, a in mine), default=None)
        effective = intervals.get(p.id)
        if mine and effective is not None and effective < mine[0][0]:
            reason = f"危险性评估{force.min_grade}级及以上，强制{force.days}天"
        elif mine:
            days, category, att = mine[0]
            label = (codes.name("person_category", category, category)
                     if actor.can_see_sensitive or category not in sensitive else "重点人员")
            reason = f"{label}（{codes.name('attention', att, att)}）{days}天"
        else:
            reason = ""
        out[("person", p.id)] = (p.name, addresses.get(p.id) or "", categories, attention, reason)
    return out


def _grid_names(ids) -> dict[int, str]:
    ids = sorted(set(ids))
    if not ids:
        return {}
    return dict(Grid.select(Grid.id, Grid.name).where(Grid.id.in_(ids)).tuples())


def _division_names(codes) -> dict[str, str]:
    codes = sorted({c for c in codes if c})
    if not codes:
        return {}
    return dict(Division.select(Division.code, Division.name).where(Division.code.in_(codes)).tuples())


def _load_target(actor: Actor, kind: str, target_id: int):
    model = {"household": Household, "person": Person, "place": Place}[kind]
    record = model.get_or_none((model.id == target_id) & model.deleted_at.is_null())
    if record is None:
        raise NotFoundError(f"{KIND_NAMES[kind]}不存在或已删除")
    require_in_scope(actor, record, f"该{KIND_NAMES[kind]}")
    return record

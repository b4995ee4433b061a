"""The township summary workbook (DESIGN.md §8): compute the figures, then write the form.

``compute_summary(actor, unit_code, date_from, date_to, compare=False) -> Summary`` and
``write_summary(actor, unit_code, date_from, date_to, path, compare=False, ...)``.

Rows are the grids of a village, the villages of a township or the townships of a county, plus a
合计 row (computed from all the unit's data, so events of the township itself, or of no grid, are
in the total and in a row of their own: 乡镇本级 / 未划分网格).

统计口径 (the counting rules; the README repeats them):

* 户数 and 人口 are the live records when the report is made (户籍 = every resident except
  流动, 死亡 and 迁出; 流动 = 人员状态 流动). 重点人群 counts people whose tag of the category is on at
  the period end (started on or before it, not ended before it).
* Visits count by their visit date. 实访户次 = visits of a household or of a person (inspections
  of places are not 户次); 走访覆盖率 = households visited in the period (directly, or through a
  member) ÷ households in the unit.
* 应访户次: each household is due every N days (the ``household`` visit rule): first at
  (last visit before the period, or the household's registration) + N, then every N days; the
  due dates on or before the period end are counted (one for all the time already overdue at
  the start). 逾期未访 = households whose next due date is before the period end (or today, for a
  period not over yet) and that have no visit since it fell due.
* An event counts in the period in which it was registered (已退回 events are left out).
  排查(受理)数 = 矛盾纠纷 registered in the period; 化解数 = those closed with 化解成功 by the period
  end; 在调数 = those not closed at the period end; 化解率 = 化解数 ÷ 排查(受理)数. 上报数 counts the
  escalations (上报乡镇/上报县 actions) of 矛盾纠纷 done in the period. 安全隐患 发现 = 安全隐患
  registered in the period, 整改 = those closed by its end. 超期事件 = events registered in the
  period that were closed after their deadline or are still open past it at the period end.
* 按时办结率 = events closed on or before their deadline ÷ events closed (registered in the
  period, closed by its end).
* 严重精神障碍患者 (DOMAIN.md §7): 在册 = patients on the register at the period end; 在管 = those
  with at least one complete 随访 in the period (the person was seen: 正常/异常, with a 危险性
  grade); 管理率 = 在管 ÷ 在册; 规范管理 = patients whose visits were never more than 3 months apart
  over the period (from their last visit before it, or from their registration, to the period
  end); 规范管理率 = 规范管理 ÷ 在册.
* Other groups: 应访/逾期 as for households, with the group's visit rule and the tag's start
  date; 按期走访率 = (在册 − 逾期未访) ÷ 在册.
* 同比 compares with the same period a year earlier, 环比 with the period just before; 增减 =
  (本期 − 比较期) ÷ 比较期 (for a rate: the difference in percentage points).

All figures come from a handful of GROUP BY queries over the unit (and a per-household pass in
Python for the due dates), never one query per row.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import peewee as pw

from gridapp import refdata, workflow
from gridapp.errors import Cancelled, PermissionDenied, ValidationError
from gridapp.dialect import count_rows, day_number
from gridapp.models import (
    Division, Event, EventAction, Grid, Household, Person, PersonTag, User, Visit, VisitRule, database, now,
)
from gridapp.reports import periods, xlsx
from gridapp.services import audit
from gridapp.services.actor import TOWNSHIP, VILLAGE_ADMIN, Actor, division_in_scope, require_role

DISPUTE, HAZARD = "矛盾纠纷", "安全隐患"
GONE = ("死亡", "迁出")
FLOATING = "流动"
SEEN_STATES = ("正常", "异常")
MENTAL = "jsza"
GROUP_COLUMNS = (("xmsf", "刑满释放"), ("sqjz", "社区矫正"), ("jsza", "严重精神障碍"), ("xdry", "吸毒"),
                 ("azbw", "艾滋病危险"), ("zdqsn", "重点青少年"), ("zdsf", "重点上访"))
CARE_GROUP = "关爱人群"
ESCALATIONS = (workflow.ESCALATE_TOWNSHIP, workflow.ESCALATE_COUNTY)
STANDARD_MONTHS = 3
ROW_LEVEL = {"village": "grid", "township": "village", "county": "township"}
OWN_ROW = {"village": "未划分网格", "township": "乡镇本级", "county": "县本级"}


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class UnitRow:
    """One row of 总表 (a grid, village or township; or the 合计)."""

    key: object  # grid id, division code, None for the unit's own row, "total"
    name: str
    grids: int = 0
    households: int = 0
    residents: int = 0  # 户籍
    floating: int = 0  # 流动
    groups: tuple[int, ...] = ()  # GROUP_COLUMNS then 关爱人群
    visits_due: int = 0  # 应访户次
    visits_done: int = 0  # 实访户次
    households_visited: int = 0
    overdue_households: int = 0  # 逾期未访
    disputes: int = 0  # 排查(受理)数
    resolved: int = 0  # 化解数
    mediating: int = 0  # 在调数
    escalated: int = 0  # 上报数
    hazards: int = 0  # 安全隐患 发现
    hazards_fixed: int = 0  # 安全隐患 整改
    overdue_events: int = 0  # 超期事件
    closed: int = 0  # events closed (for 按时办结率)
    closed_on_time: int = 0

    @property
    def coverage(self) -> float | None:
        return _rate(self.households_visited, self.households)

    @property
    def resolution_rate(self) -> float | None:
        return _rate(self.resolved, self.disputes)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.closed_on_time, self.closed)


@dataclass(frozen=True)
class CategoryRow:
    """矛盾纠纷 of one unit row (by category) or of one category (for the unit)."""

    key: object
    name: str
    by_category: tuple[int, ...] = ()  # 排查数 per report category (unit rows only)
    disputes: int = 0
    resolved: int = 0
    mediating: int = 0
    people: int = 0  # 涉及人数

    @property
    def resolution_rate(self) -> float | None:
        return _rate(self.resolved, self.disputes)


@dataclass(frozen=True)
class MentalRow:
    key: object
    name: str
    registered: int = 0  # 在册
    managed: int = 0  # 在管
    standard: int = 0  # 规范管理
    followups: int = 0  # 随访人次
    overdue: int = 0  # 逾期未随访

    @property
    def management_rate(self) -> float | None:
        return _rate(self.managed, self.registered)

    @property
    def standard_rate(self) -> float | None:
        return _rate(self.standard, self.registered)


@dataclass(frozen=True)
class GroupRow:
    """Visit compliance of one special group over the unit."""

    category: str
    name: str
    registered: int = 0
    due: int | None = None  # None: the group has no visit rule
    done: int = 0
    overdue: int | None = None

    @property
    def on_schedule_rate(self) -> float | None:
        return None if self.overdue is None else _rate(self.registered - self.overdue, self.registered)


@dataclass(frozen=True)
class WorkerRow:
    name: str
    village: str
    grids: str
    visits: int = 0  # 走访、随访 and 巡查
    reported: int = 0
    closed: int = 0
    closed_on_time: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.closed_on_time, self.closed)


@dataclass(frozen=True)
class Summary:
    unit_code: str
    unit_name: str
    unit_level: str  # village | township | county
    row_label: str  # 网格 | 村(社区) | 乡镇(街道)
    period: periods.Period
    rows: tuple[UnitRow, ...]
    total: UnitRow
    household_interval: int
    categories: tuple[str, ...]  # the flat dispute list of township statistics
    category_rows: tuple[CategoryRow, ...]  # one per unit row, then 合计
    category_totals: tuple[CategoryRow, ...]  # one per category, then 合计
    mental_rows: tuple[MentalRow, ...]  # one per unit row, then 合计
    groups: tuple[GroupRow, ...]
    workers: tuple[WorkerRow, ...]
    compare: bool = False
    year_ago: periods.Period | None = None
    year_ago_rows: dict = field(default_factory=dict)  # unit row key -> UnitRow (and "total")
    previous: periods.Period | None = None
    previous_total: UnitRow | None = None
    made_at: dt.datetime | None = None


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def change(current: float | int | None, before: float | int | None) -> float | None:
    """增减: relative for counts, the difference for rates (both fractions, shown as %)."""
    if current is None or before is None:
        return None
    if isinstance(current, float) or isinstance(before, float):
        return current - before
    return (current - before) / before if before else None


# --------------------------------------------------------------------------- helpers
def _day(value) -> dt.date | None:
    """A date from what an aggregate returns (a datetime, a date or ISO text)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def _due_count(first_due: dt.date, start: dt.date, end: dt.date, interval: int) -> int:
    """Due dates first_due, +interval, … on or before ``end`` (all those before ``start`` count once)."""
    if first_due > end:
        return 0
    return 1 + (end - max(first_due, start)).days // interval


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())


class _Unit:
    """The unit being reported on and the column that splits it into rows, per model."""

    def __init__(self, division: Division):
        self.division = division
        self.level = division.level
        self.code = division.code
        self.townships = [d for (d,) in Division.select(Division.code).where(
            (Division.parent == division.code) & (Division.level == "township")).order_by(Division.code).tuples()] \
            if self.level == "county" else []

    def scope(self, model) -> pw.Expression:
        """The unit's rows of ``model``, written to match the report indexes (models.py): the
        chain county → township → village for households and people, the township code first for
        visits and events (their indexes start with it; a county names its townships, so each one's
        period is a range of the index rather than the county's whole history)."""
        c = self.code
        if model in (Visit, Event):
            if self.level == "county":
                if self.townships:
                    return model.township_code.in_(self.townships)
                return model.township_code.between(c + "000", c + "999")
            where = model.township_code == c[:9]
            return where & (model.village_code == c) if self.level == "village" else where
        if model in (Household, Person):
            where = model.county_code == c[:6]
            if self.level != "county":
                where &= model.township_code == c[:9]
            if self.level == "village":
                where &= model.village_code == c
            return where
        return getattr(model, f"{self.level}_code") == c

    def key(self, model) -> pw.Field:
        row_level = ROW_LEVEL[self.level]
        if row_level == "grid":
            return model.id if model is Grid else model.grid
        return getattr(model, f"{row_level}_code")


def _interval(target: str, attention: str = "") -> int | None:
    rule = VisitRule.get_or_none((VisitRule.target == target) & (VisitRule.attention == attention)
                                 & VisitRule.deleted_at.is_null())
    return rule.interval_days if rule else None


# --------------------------------------------------------------------------- flows (period figures)
@dataclass
class _Flow:
    """Period figures per row key (each a dict key -> int)."""

    visits_done: dict = field(default_factory=lambda: defaultdict(int))
    households_visited: dict = field(default_factory=lambda: defaultdict(int))
    visits_due: dict = field(default_factory=lambda: defaultdict(int))
    overdue_households: dict = field(default_factory=lambda: defaultdict(int))
    disputes: dict = field(default_factory=lambda: defaultdict(int))
    resolved: dict = field(default_factory=lambda: defaultdict(int))
    mediating: dict = field(default_factory=lambda: defaultdict(int))
    escalated: dict = field(default_factory=lambda: defaultdict(int))
    hazards: dict = field(default_factory=lambda: defaultdict(int))
    hazards_fixed: dict = field(default_factory=lambda: defaultdict(int))
    overdue_events: dict = field(default_factory=lambda: defaultdict(int))
    closed: dict = field(default_factory=lambda: defaultdict(int))
    closed_on_time: dict = field(default_factory=lambda: defaultdict(int))
    category: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0])))
    totals_visited: int = 0  # distinct households visited over the whole unit
    by_visitor: dict = field(default_factory=lambda: defaultdict(int))  # user id or name -> visits (巡查 too)
    households: dict = field(default_factory=lambda: defaultdict(int))  # live households per row key
    person_visits: dict = field(default_factory=dict)  # see _person_visits


def _visit_counts(unit: _Unit, start: dt.date, end: dt.date, flow: _Flow, *, by_visitor: bool) -> None:
    """实访户次 per row (and, with ``by_visitor``, the visits of each visitor, 巡查 included)."""
    lo, hi = _bounds(start, end)
    target = pw.Case(None, [(Visit.place.is_null(), 1)], 0)
    period = unit.scope(Visit) & Visit.deleted_at.is_null() & (Visit.visited_at >= lo) & (Visit.visited_at < hi)
    for key, n in (Visit.select(unit.key(Visit), pw.fn.SUM(target)).where(period)
                   .group_by(unit.key(Visit)).tuples()):
        flow.visits_done[key] += n or 0
    if not by_visitor:
        return
    # from the (visitor, visited_at, township_code, village_code, deleted_at) index alone, in its order
    for visitor, n in (Visit.select(Visit.visitor, count_rows()).where(period & Visit.visitor.is_null(False))
                       .group_by(Visit.visitor).tuples()):
        flow.by_visitor[visitor] += n
    for name, n in (Visit.select(Visit.visitor_name, count_rows())
                    .where(period & Visit.visitor.is_null()).group_by(Visit.visitor_name).tuples()):
        if name:
            flow.by_visitor[name] += n


EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def _window_days(interval: int) -> int:
    """How far before the period visits are read: the longest visit interval (household rule,
    group rules, the 3 months of 规范管理), so one read serves households and groups alike."""
    days = [interval, 31 * STANDARD_MONTHS + 1]
    days += [d for (d,) in VisitRule.select(VisitRule.interval_days).where(VisitRule.deleted_at.is_null()).tuples()]
    return max(days)


def _sql_stamp(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _person_visits(unit: _Unit, window: dt.datetime, lo: dt.datetime, hi: dt.datetime) -> tuple[dict, dict]:
    """({person id: (last visit day before ``lo``, last visit day in [lo, hi), visits in [lo, hi))},
    {household id: (last member visit day before ``lo``, last one in [lo, hi))}) since ``window``.

    The visits are grouped by person in a subquery: for a county from the (person, visited_at,
    deleted_at) index alone (few people are visited, compared with the people of a county), for a
    township or a village from the visit_report index (township_code, visited_at … person); the
    people are then joined by primary key for their households."""
    p = database.obj.param
    scope, params = "", []
    if unit.level != "county":
        scope = f" AND v.township_code = {p}"
        params.append(unit.code[:9])
        if unit.level == "village":
            scope += f" AND v.village_code = {p}"
            params.append(unit.code)
    sql = (f"SELECT a.person_id, pe.household_id, {day_number('a.b')}, {day_number('a.i')}, a.n FROM ("
           f"SELECT v.person_id, MAX(CASE WHEN v.visited_at < {p} THEN v.visited_at END) AS b, "
           f"MAX(CASE WHEN v.visited_at >= {p} THEN v.visited_at END) AS i, "
           f"SUM(CASE WHEN v.visited_at >= {p} THEN 1 ELSE 0 END) AS n "
           f"FROM visit v WHERE v.person_id IS NOT NULL AND v.deleted_at IS NULL "
           f"AND v.visited_at >= {p} AND v.visited_at < {p}{scope} GROUP BY v.person_id) a "
           f"LEFT JOIN person pe ON pe.id = a.person_id AND pe.deleted_at IS NULL")
    lo_text = _sql_stamp(lo)
    cursor = database.execute_sql(sql, [lo_text, lo_text, lo_text, _sql_stamp(window), _sql_stamp(hi), *params])
    people: dict[int, tuple] = {}
    households: dict[int, tuple] = {}
    for person, household_id, b, i, n in cursor:
        people[person] = (b, i, n or 0)
        if household_id is not None:
            b0, i0 = households.get(household_id, (None, None))
            households[household_id] = (max(filter(None, (b, b0)), default=None),
                                        max(filter(None, (i, i0)), default=None))
    return people, households


def _from_day(day: int) -> dt.date:
    return dt.date.fromordinal(day + EPOCH_ORDINAL)


def _household_visits(unit: _Unit, start: dt.date, end: dt.date, interval: int, today: dt.date, flow: _Flow,
                      check: Callable[[], None]) -> None:
    """Households, households visited, 应访户次 and 逾期未访, per row.

    One query returns, for every live household of the unit (from the household_report index), its
    row key, the day it was registered and the days of its last own visit before and in the
    period (two index seeks each; day numbers, so nothing is parsed per row); the visits of its
    members are merged in from ``_person_visits``.
    """
    lo, hi = _bounds(start, end)
    window = dt.datetime.combine(start - dt.timedelta(days=_window_days(interval)), dt.time())
    flow.person_visits, members = _person_visits(unit, window, lo, hi)
    check()
    p = database.obj.param
    key = {"grid": "grid_id", "village": "village_code", "township": "township_code"}[ROW_LEVEL[unit.level]]
    scope = ["h.county_code = " + p]
    params = [unit.code[:6]]
    if unit.level != "county":
        scope.append("h.township_code = " + p)
        params.append(unit.code[:9])
    if unit.level == "village":
        scope.append("h.village_code = " + p)
        params.append(unit.code)
    last = ("(SELECT MAX(v.visited_at) FROM visit v WHERE v.household_id = h.id AND v.deleted_at IS NULL "
            f"AND v.visited_at >= {p} AND v.visited_at < {p})")  # two seeks into (household, visited_at, deleted_at)
    sql = (f"SELECT h.id, h.{key}, {day_number('h.created_at')}, {day_number(last)}, "
           f"{day_number(last)} "
           f"FROM household h WHERE {' AND '.join(scope)} AND h.deleted_at IS NULL")
    cursor = database.execute_sql(sql, [_sql_stamp(window), _sql_stamp(lo), _sql_stamp(lo), _sql_stamp(hi), *params])
    first, last = start.toordinal() - EPOCH_ORDINAL, end.toordinal() - EPOCH_ORDINAL
    ref = min(end, today).toordinal() - EPOCH_ORDINAL
    households, visited, due, overdue = flow.households, flow.households_visited, flow.visits_due, \
        flow.overdue_households
    for n, (household_id, key_value, registered, before_day, within_day) in enumerate(cursor):
        if n % 50000 == 0:
            check()
        if household_id in members:
            b, i = members[household_id]
            before_day = max(filter(None, (before_day, b)), default=None)
            within_day = max(filter(None, (within_day, i)), default=None)
        households[key_value] += 1
        if within_day is not None:
            visited[key_value] += 1
            flow.totals_visited += 1
        first_due = max(registered, before_day or registered) + interval
        if first_due <= last:
            due[key_value] += 1 + (last - max(first_due, first)) // interval
        if max(registered, within_day or before_day or registered) + interval < ref:
            overdue[key_value] += 1


def _events(unit: _Unit, start: dt.date, end: dt.date, today: dt.date, flow: _Flow, report_of: dict) -> None:
    lo, hi = _bounds(start, end)
    ref = min(end, today)
    query = (Event.select(unit.key(Event), Event.kind, Event.category, Event.outcome, Event.closed_at, Event.deadline,
                          Event.people_count)
             .where(unit.scope(Event) & Event.deleted_at.is_null() & (Event.registered_at >= lo)
                    & (Event.registered_at < hi) & (Event.state != workflow.RETURNED)))
    for key, kind, category, outcome, closed_at, deadline, people in query.tuples().iterator():
        closed_day = _day(closed_at)
        closed = closed_day is not None and closed_day <= end
        deadline = _day(deadline)
        if deadline is not None and (closed and closed_day > deadline or not closed and deadline < ref):
            flow.overdue_events[key] += 1
        if closed:
            flow.closed[key] += 1
            if deadline is None or closed_day <= deadline:
                flow.closed_on_time[key] += 1
        if kind == DISPUTE:
            flow.disputes[key] += 1
            resolved = closed and outcome == "化解成功"
            flow.resolved[key] += resolved
            flow.mediating[key] += not closed
            counts = flow.category[key][report_of.get(category, "其他")]
            counts[0] += 1
            counts[1] += resolved
            counts[2] += not closed
            counts[3] += people or 0
        elif kind == HAZARD:
            flow.hazards[key] += 1
            flow.hazards_fixed[key] += closed
    escalations = (EventAction.select(unit.key(Event), pw.fn.COUNT(EventAction.id))
                   .join(Event, on=(Event.id == EventAction.event))
                   .where(unit.scope(Event) & Event.deleted_at.is_null() & (Event.kind == DISPUTE)
                          & EventAction.action.in_(ESCALATIONS) & (EventAction.at >= lo) & (EventAction.at < hi))
                   .group_by(unit.key(Event)))
    for key, n in escalations.tuples():
        flow.escalated[key] += n


def _flow(unit: _Unit, start: dt.date, end: dt.date, interval: int, today: dt.date, report_of: dict,
          check: Callable[[], None], *, by_visitor: bool = False) -> _Flow:
    flow = _Flow()
    _visit_counts(unit, start, end, flow, by_visitor=by_visitor)
    _household_visits(unit, start, end, interval, today, flow, check)
    check()
    _events(unit, start, end, today, flow, report_of)
    return flow


_FLOW_FIELDS = ("visits_due", "visits_done", "households_visited", "overdue_households", "disputes", "resolved",
                "mediating", "escalated", "hazards", "hazards_fixed", "overdue_events", "closed", "closed_on_time")


def _apply_flow(row: UnitRow, flow: _Flow) -> UnitRow:
    return replace(row, **{f: getattr(flow, f).get(row.key, 0) for f in _FLOW_FIELDS})


def _flow_total(row: UnitRow, flow: _Flow) -> UnitRow:
    values = {f: sum(getattr(flow, f).values()) for f in _FLOW_FIELDS}
    values["households_visited"] = flow.totals_visited
    return replace(row, **values)


# --------------------------------------------------------------------------- stock (register figures)
def _stock(unit: _Unit, end: dt.date, care: frozenset[str]) -> dict:
    """{key: {"grids", "residents", "floating", category: n}} at the period end (households are
    counted by the pass over households that works out the due dates)."""
    out: dict = defaultdict(lambda: defaultdict(int))
    for key, n in (Grid.select(unit.key(Grid), pw.fn.COUNT(Grid.id))
                   .where(unit.scope(Grid) & Grid.deleted_at.is_null()).group_by(unit.key(Grid)).tuples()):
        out[key]["grids"] += n
    floating = pw.fn.SUM(pw.Case(None, [(Person.residence == FLOATING, 1)], 0))
    for key, n, moving in (Person.select(unit.key(Person), count_rows(), floating)
                           .where(unit.scope(Person) & Person.deleted_at.is_null() & Person.residence.not_in(GONE))
                           .group_by(unit.key(Person)).tuples()):
        out[key]["residents"] += n - (moving or 0)
        out[key]["floating"] += moving or 0
    group = pw.Case(None, [(PersonTag.category.in_(list(care)), CARE_GROUP)], PersonTag.category)
    for key, category, n in (PersonTag.select(unit.key(Person), group, pw.fn.COUNT(PersonTag.person.distinct()))
                             .join(Person, on=(Person.id == PersonTag.person))
                             .where(_tag_live(end) & unit.scope(Person) & Person.deleted_at.is_null()
                                    & Person.residence.not_in(GONE))
                             .group_by(unit.key(Person), group).tuples()):
        out[key][category] += n
    return out


def _tag_live(day: dt.date) -> pw.Expression:
    return (PersonTag.deleted_at.is_null() & (PersonTag.since <= day)
            & (PersonTag.until.is_null() | (PersonTag.until >= day)))


# --------------------------------------------------------------------------- special groups
def _stamp_text(column) -> pw.Node:
    """A timestamp column as ISO text (``2026-03-05 09:00:00``), which compares like the time and
    costs no conversion per row."""
    return column.cast("TEXT")


def _groups(unit: _Unit, start: dt.date, end: dt.date, today: dt.date, check,
            person_visits: dict) -> tuple[dict, list[GroupRow]]:
    """(严重精神障碍 figures per row key, one GroupRow per other category) for the special groups;
    ``person_visits`` is the period's ``_person_visits`` (the other groups need no more)."""
    codes = refdata.codes()
    rules = {(r.target, r.attention): r.interval_days for r in VisitRule.select().where(VisitRule.deleted_at.is_null())}
    force_days = int(refdata.setting("risk_force_days", "14"))
    force_grade = int(refdata.setting("risk_force_min_grade", "3"))
    longest = max([d for d in rules.values()] + [31 * STANDARD_MONTHS + 1])
    lo, hi = _bounds(start, end)
    lo_text, hi_text = str(lo), str(hi)
    window = dt.datetime.combine(start - dt.timedelta(days=longest), dt.time())
    ref = min(end, today)
    ref_day = ref.toordinal() - EPOCH_ORDINAL
    tags = list(PersonTag.select(PersonTag.person, unit.key(Person), PersonTag.category, PersonTag.attention,
                                 PersonTag.since)
                .join(Person, on=(Person.id == PersonTag.person))
                .where(_tag_live(end) & unit.scope(Person) & Person.deleted_at.is_null()
                       & Person.residence.not_in(GONE)).tuples())
    check()
    span = Visit.deleted_at.is_null() & (Visit.visited_at >= window) & (Visit.visited_at < hi)
    # Patients: every visit (the gaps between them decide 规范管理; the grades force intervals).
    visits: dict[int, list] = defaultdict(list)  # person -> [(time text, state, grade)]
    patients = sorted({t[0] for t in tags if t[2] == MENTAL})
    for k in range(0, len(patients), 500):
        for person, at, state, grade in (Visit.select(Visit.person, _stamp_text(Visit.visited_at), Visit.state,
                                                      Visit.risk_grade)
                                         .where(Visit.person.in_(patients[k:k + 500]) & span).tuples()):
            visits[person].append((at, state, grade))
    for seen in visits.values():
        seen.sort(key=lambda v: v[0])
    check()
    mental: dict = defaultdict(lambda: [0, 0, 0, 0, 0])  # registered, managed, standard, followups, overdue
    groups: dict = defaultdict(lambda: [0, 0, 0, 0])  # registered, due, done, overdue
    for person, key, category, attention, since in tags:
        since = _day(since)
        since_text = str(since)
        interval = rules.get((category, attention)) or rules.get((category, ""))
        g = groups[category]
        g[0] += 1
        if category != MENTAL:
            b, i, n = person_visits.get(person, (None, None, 0))
            g[2] += n
            if interval:
                since_day = since.toordinal() - EPOCH_ORDINAL
                last_before = b if b is not None and b >= since_day else None
                first_due = max(since_day, last_before or since_day) + interval
                g[1] += _due_count(_from_day(first_due), start, end, interval)
                last = i if i is not None else last_before
                g[3] += max(since_day, last or since_day) + interval < ref_day
            continue
        seen = visits.get(person, ())
        before = [v for v in seen if since_text <= v[0] < lo_text]
        within = [v for v in seen if v[0] >= lo_text]
        g[2] += len(within)
        overdue = False
        last_before = _day(before[-1][0]) if before else None
        if interval:
            graded = [v for v in seen if v[2] is not None and v[0][:10] <= str(ref)]
            if graded and graded[-1][2] >= force_grade:
                interval = min(interval, force_days)
            first_due = max(since, last_before or since) + dt.timedelta(days=interval)
            g[1] += _due_count(first_due, start, end, interval)
            last = _day(within[-1][0]) if within else last_before
            overdue = max(since, last or since) + dt.timedelta(days=interval) < ref
            g[3] += overdue
        m = mental[key]
        m[0] += 1
        m[1] += any(v[1] in SEEN_STATES and v[2] is not None for v in within)
        m[3] += len(within)
        m[4] += overdue
        points = [max(last_before or since, since)] + [_day(v[0]) for v in within] + [ref]
        m[2] += all(b <= _add_months(a, STANDARD_MONTHS) for a, b in zip(points, points[1:]))
    has_rule = {t for t, _ in rules}
    group_rows = [GroupRow(category=c, name=name, registered=groups[c][0], due=groups[c][1] if c in has_rule else None,
                           done=groups[c][2], overdue=groups[c][3] if c in has_rule else None)
                  for c, name in codes.items("person_category") if c != MENTAL]
    return mental, group_rows


# --------------------------------------------------------------------------- workers
def _workers(unit: _Unit, start: dt.date, end: dt.date, by_visitor: dict) -> list[WorkerRow]:
    """Visits (from the period's flow), events reported and closed (on time), per worker: the grid
    workers of the unit's grids, and anybody else who visited or handled something in it."""
    lo, hi = _bounds(start, end)
    villages = {d.code: d.name for d in Division.select().where(Division.level == "village")}
    assigned: dict[int, list] = defaultdict(list)
    for grid in Grid.select().where(unit.scope(Grid) & Grid.deleted_at.is_null() & Grid.worker.is_null(False)):
        assigned[grid.worker_id].append(grid)
    stats: dict = defaultdict(lambda: [0, 0, 0, 0])  # visits, reported, closed, on time
    for who, n in by_visitor.items():
        stats[who][0] += n
    in_period = (unit.scope(Event) & Event.deleted_at.is_null() & (Event.registered_at >= lo)
                 & (Event.registered_at < hi) & (Event.state != workflow.RETURNED))
    for uid, name, n in (Event.select(Event.reporter, Event.reporter_name, pw.fn.COUNT(Event.id)).where(in_period)
                         .group_by(Event.reporter, Event.reporter_name).tuples()):
        if uid is not None or name:
            stats[uid if uid is not None else name][1] += n
    owner = pw.fn.COALESCE(Event.handler, Event.reporter)
    for uid, closed_at, deadline in (Event.select(owner, Event.closed_at, Event.deadline)
                                     .where(in_period & Event.closed_at.is_null(False) & (Event.closed_at < hi))
                                     .tuples()):
        if uid is None:
            continue
        stats[uid][2] += 1
        deadline = _day(deadline)
        stats[uid][3] += deadline is None or _day(closed_at) <= deadline
    ids = [w for w in set(assigned) | set(stats) if isinstance(w, int)]
    users = {u.id: u for u in User.select().where(User.id.in_(ids))} if ids else {}
    rows = []
    for who in sorted(set(assigned) | set(stats), key=lambda w: (
            min((g.code for g in assigned.get(w, [])), default="~"), str(w))):
        user = users.get(who) if isinstance(who, int) else None
        grids = sorted(assigned.get(who, []), key=lambda g: g.code)
        s = stats.get(who, [0, 0, 0, 0])
        village = "、".join(dict.fromkeys(villages.get(g.village_code, "") for g in grids))
        if user is not None and not grids and user.scope_code in villages:
            village = villages[user.scope_code]
        rows.append(WorkerRow(name=user.display_name if user else str(who), village=village,
                              grids="、".join(g.name for g in grids), visits=s[0], reported=s[1], closed=s[2],
                              closed_on_time=s[3]))
    return rows


# --------------------------------------------------------------------------- compute
def _unit_division(actor: Actor, unit_code: str) -> Division:
    require_role(actor, VILLAGE_ADMIN, TOWNSHIP, what="汇总表")
    division = Division.get_or_none(Division.code == str(unit_code).strip())
    if division is None:
        raise ValidationError(f"单位代码不存在：{unit_code}", field="unit")
    if not division_in_scope(actor, division.code):
        raise PermissionDenied(f"{division.name}不在您的管辖范围内")
    return division


def _row_units(unit: _Unit) -> list[tuple[object, str]]:
    if unit.level == "village":
        return [(g.id, g.name) for g in Grid.select().where((Grid.village_code == unit.code)
                                                            & Grid.deleted_at.is_null()).order_by(Grid.code)]
    return [(d.code, d.name) for d in Division.select().where(Division.parent == unit.code).order_by(Division.code)]


def compute_summary(actor: Actor, unit_code: str, date_from: dt.date, date_to: dt.date, compare: bool = False, *,
                    today: dt.date | None = None,
                    is_cancelled: Callable[[], bool] = lambda: False,
                    on_progress: Callable[[int, int], None] = lambda done, total: None) -> Summary:
    """Every figure of the summary workbook (see the module docstring for the counting rules)."""
    division = _unit_division(actor, unit_code)
    if date_to < date_from:
        raise ValidationError(f"结束日期（{date_to:%Y-%m-%d}）早于开始日期（{date_from:%Y-%m-%d}）", field="date_to")
    today = today or dt.date.today()
    cutoff = periods.cutoff_day()
    period = periods.identify(date_from, date_to, cutoff)

    def check() -> None:
        if is_cancelled():
            raise Cancelled()

    unit = _Unit(division)
    codes = refdata.codes()
    care = frozenset(c for c, _ in codes.items("person_category")
                     if codes.extra("person_category", c).get("group") == CARE_GROUP)
    categories = tuple(n for _, n in codes.items("dispute_report"))
    report_of = {c: codes.extra("dispute_category", c).get("report", "其他") for c, _ in codes.items("dispute_category")}
    interval = _interval("household") or 180
    steps = 6 if compare else 4
    on_progress(0, steps)

    with database.atomic():  # one consistent read of every figure
        stock = _stock(unit, date_to, care)
        check()
        on_progress(1, steps)
        flow = _flow(unit, date_from, date_to, interval, today, report_of, check, by_visitor=True)
        on_progress(2, steps)
        mental, group_rows = _groups(unit, date_from, date_to, today, check, flow.person_visits)
        workers = _workers(unit, date_from, date_to, flow.by_visitor)
        on_progress(3, steps)
        year_ago = previous = None
        year_flow = previous_flow = None
        if compare:
            year_ago = periods.year_earlier(period)
            year_flow = _flow(unit, year_ago.start, year_ago.end, interval, today, report_of, check)
            on_progress(4, steps)
            previous = periods.previous(period)
            previous_flow = _flow(unit, previous.start, previous.end, interval, today, report_of, check)
            on_progress(5, steps)

    units = _row_units(unit)
    known = {k for k, _ in units}
    data_keys = (set(stock) | set(flow.households) | {k for f in _FLOW_FIELDS for k in getattr(flow, f)}
                 | set(flow.category) | set(mental))
    if any(k not in known for k in data_keys):
        units.append((None, OWN_ROW[unit.level]))

    def unit_row(key, name: str) -> UnitRow:
        s = stock.get(key, {})
        groups = tuple(s.get(c, 0) for c, _ in GROUP_COLUMNS) + (s.get(CARE_GROUP, 0),)
        return UnitRow(key=key, name=name, grids=s.get("grids", 0), households=flow.households.get(key, 0),
                       residents=s.get("residents", 0), floating=s.get("floating", 0), groups=groups)

    rows = [_apply_flow(unit_row(k, n), flow) for k, n in units]
    stock_total = UnitRow(key="total", name="合计", grids=sum(r.grids for r in rows),
                          households=sum(r.households for r in rows), residents=sum(r.residents for r in rows),
                          floating=sum(r.floating for r in rows),
                          groups=tuple(map(sum, zip(*(r.groups for r in rows)))) if rows else ())
    total = _flow_total(stock_total, flow)

    def category_row(key, name: str) -> CategoryRow:
        by = flow.category.get(key, {})
        return CategoryRow(key=key, name=name, by_category=tuple(by.get(c, [0])[0] for c in categories),
                           disputes=sum(v[0] for v in by.values()), resolved=sum(v[1] for v in by.values()),
                           mediating=sum(v[2] for v in by.values()), people=sum(v[3] for v in by.values()))

    category_rows = [category_row(k, n) for k, n in units]
    category_rows.append(CategoryRow(key="total", name="合计",
                                     by_category=tuple(map(sum, zip(*(r.by_category for r in category_rows)))),
                                     **{f: sum(getattr(r, f) for r in category_rows)
                                        for f in ("disputes", "resolved", "mediating", "people")}))
    per_category = defaultdict(lambda: [0, 0, 0, 0])
    for by in flow.category.values():
        for c, v in by.items():
            per_category[c] = [a + b for a, b in zip(per_category[c], v)]
    category_totals = [CategoryRow(key=c, name=c, disputes=v[0], resolved=v[1], mediating=v[2], people=v[3])
                       for c in categories for v in [per_category.get(c, [0, 0, 0, 0])]]
    category_totals.append(CategoryRow(key="total", name="合计", **{
        f: sum(getattr(r, f) for r in category_totals) for f in ("disputes", "resolved", "mediating", "people")}))

    mental_rows = [MentalRow(k, n, *mental.get(k, [0, 0, 0, 0, 0])) for k, n in units]
    mental_rows.append(MentalRow("total", "合计", *(sum(getattr(r, f.name) for r in mental_rows)
                                                    for f in fields(MentalRow)[2:])))

    year_rows: dict = {}
    if year_flow is not None:
        year_rows = {r.key: _apply_flow(replace(r, **{f: 0 for f in _FLOW_FIELDS}), year_flow) for r in rows}
        year_rows["total"] = _flow_total(stock_total, year_flow)
    on_progress(steps, steps)
    return Summary(
        unit_code=division.code, unit_name=division.name, unit_level=division.level,
        row_label={"village": "网格", "township": "村(社区)", "county": "乡镇(街道)"}[division.level],
        period=period, rows=tuple(rows), total=total, household_interval=interval, categories=categories,
        category_rows=tuple(category_rows), category_totals=tuple(category_totals), mental_rows=tuple(mental_rows),
        groups=tuple(group_rows), workers=tuple(workers), compare=compare, year_ago=year_ago, year_ago_rows=year_rows,
        previous=previous, previous_total=_flow_total(stock_total, previous_flow) if previous_flow else None,
        made_at=now())


# --------------------------------------------------------------------------- writing
def write_summary(actor: Actor, unit_code: str, date_from: dt.date, date_to: dt.date, path, compare: bool = False,
                  on_progress: Callable[[int, int], None] = lambda done, total: None,
                  is_cancelled: Callable[[], bool] = lambda: False, *, today: dt.date | None = None) -> Path:
    """Compute the summary and write it as a workbook at ``path`` (temp file + rename; a cancel
    or a failure leaves no file). The export is written to the audit log."""
    def progress(done: int, total: int) -> None:
        on_progress(done * 80 // max(total, 1), 100)

    summary = compute_summary(actor, unit_code, date_from, date_to, compare, today=today,
                              is_cancelled=is_cancelled, on_progress=progress)
    path = save_summary(summary, path, is_cancelled=is_cancelled)
    with database.atomic():
        audit.record(actor, "export", "summary", None, {
            "unit": summary.unit_code, "from": date_from, "to": date_to, "compare": compare, "file": Path(path).name})
    on_progress(100, 100)
    return path


def _pct(value: float | None):
    return "—" if value is None else value


def _fraction(numerator: int, denominator: int) -> str:
    rate = _rate(numerator, denominator)
    return f"{numerator} ÷ {denominator} = {rate:.1%}" if rate is not None else f"{numerator} ÷ {denominator}（分母为0，不计算）"


def _sheet_head(ws, summary: Summary, title: str, ncols: int) -> int:
    made = summary.made_at or now()
    return xlsx.title_block(ws, f"{summary.unit_name}{title}", ncols, (
        f"填报单位：{summary.unit_name}",
        f"统计时段：{summary.period.label}（{summary.period.range_text}）",
        f"制表日期：{made:%Y年%m月%d日}"))


def _finish(ws, widths: list[float], header_rows: str, freeze: str) -> None:
    xlsx.column_widths(ws, widths)
    xlsx.print_setup(ws, header_rows=header_rows, freeze=freeze)


_OVERVIEW = (("实访户次", "visits_done", False), ("走访覆盖率", "coverage", True),
             ("排查(受理)数", "disputes", False), ("化解数", "resolved", False), ("化解率", "resolution_rate", True),
             ("上报数", "escalated", False), ("安全隐患发现", "hazards", False), ("超期事件", "overdue_events", False))
_YEAR_COLUMNS = (("实访户次", "visits_done"), ("排查数", "disputes"), ("化解数", "resolved"), ("隐患发现", "hazards"))


def _overview_sheet(ws, s: Summary) -> None:
    columns = [(s.row_label, None), ("网格数", None), ("户数", None), ("户籍", "人口"), ("流动", "人口")]
    columns += [(name, "重点人群") for _, name in GROUP_COLUMNS] + [(CARE_GROUP, "重点人群")]
    columns += [("应访户次", "走访"), ("实访户次", "走访"), ("走访覆盖率", "走访"), ("逾期未访", "走访"),
                ("排查(受理)数", "矛盾纠纷"), ("化解数", "矛盾纠纷"), ("化解率", "矛盾纠纷"), ("在调数", "矛盾纠纷"),
                ("上报数", "矛盾纠纷"), ("发现", "安全隐患"), ("整改", "安全隐患"), ("超期事件", None)]
    if s.compare:
        for label, _ in _YEAR_COLUMNS:
            columns += [(f"{label}上年同期", "同比"), (f"{label}增减", "同比")]
    n = len(columns)
    formats = [None] * n
    rate_columns = {"走访覆盖率", "化解率"} | {f"{label}增减" for label, _ in _YEAR_COLUMNS}
    for i, (label, _) in enumerate(columns):
        if label in rate_columns:
            formats[i] = xlsx.PERCENT
    top = _sheet_head(ws, s, "网格化服务管理工作汇总表", n)
    row = xlsx.header_block(ws, top, columns)
    first = row
    for r in (*s.rows, s.total):
        values = [r.name, r.grids, r.households, r.residents, r.floating, *r.groups, r.visits_due, r.visits_done,
                  _pct(r.coverage), r.overdue_households, r.disputes, r.resolved, _pct(r.resolution_rate),
                  r.mediating, r.escalated, r.hazards, r.hazards_fixed, r.overdue_events]
        if s.compare:
            before = s.year_ago_rows.get(r.key)
            for _, attr in _YEAR_COLUMNS:
                old = getattr(before, attr) if before else None
                values += [old, _pct(change(getattr(r, attr), old))]
        xlsx.body_row(ws, row, values, formats, total=r.key == "total")
        row += 1
    t = s.total
    notes = [
        "说明：1. 户数、人口为制表时在册数（户籍含外出、常住；流动为人员状态“流动”）；重点人群为期末在册人数"
        f"（{CARE_GROUP}：独居/空巢/留守老人、留守妇女儿童、困境儿童、残疾人、低保、特困供养、退役军人）。",
        f"2. 走访覆盖率 = 本期走访到的户数 ÷ 户数（合计：{_fraction(t.households_visited, t.households)}）。"
        "实访户次含入户走访和对人员的走访、随访，不含场所巡查；走访日期在统计时段内的计入。",
        f"3. 应访户次：每户每{s.household_interval}天应走访一次，按上次走访（或建档）日期推算本期应走访的户次；"
        "逾期未访：期末已超过走访周期仍未走访的户数。",
        f"4. 化解率 = 化解数 ÷ 排查(受理)数（合计：{_fraction(t.resolved, t.disputes)}）。事件按登记日期计入统计时段；"
        "化解数为本期登记、期末前化解成功的矛盾纠纷；在调数为本期登记、期末尚未办结的；上报数为本期上报乡镇、上报县的次数。",
        "5. 安全隐患：发现为本期登记的安全隐患，整改为其中期末前已办结的；超期事件为本期登记、超过办理期限才办结或期末仍未办结的事件。",
    ]
    if s.compare and s.year_ago is not None:
        notes.append(f"6. 同比：与上年同期（{s.year_ago.range_text}）比较，增减 = （本期 − 上年同期）÷ 上年同期。")
    row = xlsx.note_rows(ws, row, n, notes)
    if s.compare and s.previous_total is not None and s.year_ago_rows:
        row = _comparison_block(ws, row + 1, s)
    xlsx.signature_row(ws, row, n)
    _finish(ws, [16] + [7.5] * (n - 1), f"{top}:{top + 1}", f"B{first}")


def _comparison_block(ws, row: int, s: Summary) -> int:
    """The 环比/同比 overview of the totals (本期, 上期, 环比, 上年同期, 同比)."""
    ws.cell(row=row, column=1, value=f"本期与上期（{s.previous.label}）、上年同期（{s.year_ago.label}）对比（合计）"
            ).font = xlsx.HEADER_FONT
    row += 1
    columns = [("指标", None), ("本期", None), ("上期", None), ("环比增减", None), ("上年同期", None), ("同比增减", None)]
    row = xlsx.header_block(ws, row, columns)
    now_t, prev_t, year_t = s.total, s.previous_total, s.year_ago_rows["total"]
    for label, attr, is_rate in _OVERVIEW:
        current, before, old = (getattr(x, attr) for x in (now_t, prev_t, year_t))
        fmt = xlsx.PERCENT if is_rate else None
        xlsx.body_row(ws, row, [label, _pct(current), _pct(before), _pct(change(current, before)), _pct(old),
                                _pct(change(current, old))], [None, fmt, fmt, xlsx.PERCENT, fmt, xlsx.PERCENT])
        row += 1
    return xlsx.note_rows(ws, row, 6, ["增减 = （本期 − 比较期）÷ 比较期；比率（走访覆盖率、化解率）的增减为百分点之差。"])


def _category_sheet(ws, s: Summary) -> None:
    columns = [(s.row_label, None)] + [(c, "排查(受理)数（按类别）") for c in s.categories]
    columns += [("排查(受理)数", "合计"), ("化解数", "合计"), ("化解率", "合计"), ("涉及人数", "合计")]
    n = len(columns)
    formats = [None] * (n - 2) + [xlsx.PERCENT, None]
    top = _sheet_head(ws, s, "矛盾纠纷分类统计表", n)
    row = xlsx.header_block(ws, top, columns)
    first = row
    for r in s.category_rows:
        xlsx.body_row(ws, row, [r.name, *r.by_category, r.disputes, r.resolved, _pct(r.resolution_rate), r.people],
                      formats, total=r.key == "total")
        row += 1
    total = s.category_rows[-1]
    row = xlsx.note_rows(ws, row, n, [
        f"说明：化解率 = 化解数 ÷ 排查(受理)数（合计：{_fraction(total.resolved, total.disputes)}）。"
        "按登记日期计入；类别按国标 GB/T 31000 类别归入乡镇统计分类。"])
    row += 1
    ws.cell(row=row, column=1, value="按类别汇总").font = xlsx.HEADER_FONT
    row = xlsx.header_block(ws, row + 1, [("类别", None), ("排查(受理)数", None), ("化解数", None), ("化解率", None),
                                          ("在调数", None), ("涉及人数", None)])
    for r in s.category_totals:
        xlsx.body_row(ws, row, [r.name, r.disputes, r.resolved, _pct(r.resolution_rate), r.mediating, r.people],
                      [None, None, None, xlsx.PERCENT, None, None], total=r.key == "total")
        row += 1
    xlsx.signature_row(ws, row, n)
    _finish(ws, [16] + [6.5] * (n - 1), f"{top}:{top + 1}", f"B{first}")


def _groups_sheet(ws, s: Summary) -> None:
    columns = [(s.row_label, None), ("在册", "严重精神障碍患者"), ("在管", "严重精神障碍患者"),
               ("管理率", "严重精神障碍患者"), ("规范管理", "严重精神障碍患者"), ("规范管理率", "严重精神障碍患者"),
               ("随访人次", "严重精神障碍患者"), ("逾期未随访", "严重精神障碍患者")]
    n = len(columns)
    pct = xlsx.PERCENT
    top = _sheet_head(ws, s, "重点人群管理情况统计表", n)
    row = xlsx.header_block(ws, top, columns)
    first = row
    for r in s.mental_rows:
        xlsx.body_row(ws, row, [r.name, r.registered, r.managed, _pct(r.management_rate), r.standard,
                                _pct(r.standard_rate), r.followups, r.overdue],
                      [None, None, None, pct, None, pct, None, None], total=r.key == "total")
        row += 1
    t = s.mental_rows[-1]
    row = xlsx.note_rows(ws, row, n, [
        f"说明：1. 管理率 = 在管 ÷ 在册（合计：{_fraction(t.managed, t.registered)}）；在管为本期至少有一次完整随访"
        "（见到本人、状态正常或异常并作危险性评估）的患者。",
        f"2. 规范管理率 = 规范管理 ÷ 在册（合计：{_fraction(t.standard, t.registered)}）；规范管理为本期内（自上次随访"
        "或登记起至期末）相邻两次随访间隔均不超过3个月的患者。全国目标为80%。",
    ])
    row += 1
    ws.cell(row=row, column=1, value="其他重点人群走访情况").font = xlsx.HEADER_FONT
    row = xlsx.header_block(ws, row + 1, [("人员类别", None), ("在册人数", None), ("应访人次", None), ("实访人次", None),
                                          ("逾期未访人数", None), ("按期走访率", None)])
    for g in s.groups:
        xlsx.body_row(ws, row, [g.name, g.registered, "—" if g.due is None else g.due, g.done,
                                "—" if g.overdue is None else g.overdue, _pct(g.on_schedule_rate)],
                      [None, None, None, None, None, pct])
        row += 1
    ruled = [g for g in s.groups if g.overdue is not None]
    registered = sum(g.registered for g in ruled)
    overdue = sum(g.overdue for g in ruled)
    xlsx.body_row(ws, row, ["合计", sum(g.registered for g in s.groups), sum(g.due for g in ruled),
                            sum(g.done for g in s.groups), overdue, _pct(_rate(registered - overdue, registered))],
                  [None, None, None, None, None, pct], total=True)
    row = xlsx.note_rows(ws, row + 1, n, [
        "说明：按期走访率 = （在册人数 − 逾期未访人数）÷ 在册人数"
        f"（合计：{_fraction(registered - overdue, registered)}，只计有走访周期规定的类别）；一人属多个类别时分别计算；"
        "“—”表示该类别没有走访周期规定。"])
    xlsx.signature_row(ws, row, n)
    _finish(ws, [18, 9, 9, 9, 9, 11, 9, 10], f"{top}:{top + 1}", f"B{first}")


def _workers_sheet(ws, s: Summary) -> None:
    columns = [("网格员", None), ("所在村(社区)", None), ("负责网格", None), ("走访次数", None),
               ("上报事件", "事件"), ("办结事件", "事件"), ("按时办结", "事件"), ("按时办结率", "事件")]
    n = len(columns)
    formats = [None] * 7 + [xlsx.PERCENT]
    top = _sheet_head(ws, s, "网格员工作量统计表", n)
    row = xlsx.header_block(ws, top, columns)
    first = row
    for w in s.workers:
        xlsx.body_row(ws, row, [w.name, w.village, w.grids, w.visits, w.reported, w.closed, w.closed_on_time,
                                _pct(w.on_time_rate)], formats)
        row += 1
    sums = [sum(getattr(w, f) for w in s.workers) for f in ("visits", "reported", "closed", "closed_on_time")]
    xlsx.body_row(ws, row, ["合计", "", "", *sums, _pct(_rate(sums[3], sums[2]))], formats, total=True)
    row = xlsx.note_rows(ws, row + 1, n, [
        f"说明：按时办结率 = 按时办结 ÷ 办结事件（合计：{_fraction(sums[3], sums[2])}）；事件为本期登记、期末前办结的，"
        "按承办人（无承办人时按登记人）统计；走访次数按走访人统计，含随访和场所巡查。"])
    xlsx.signature_row(ws, row, n)
    _finish(ws, [12, 14, 16, 9, 9, 9, 9, 10], f"{top}:{top + 1}", f"D{first}")


SHEETS = (("总表", _overview_sheet), ("矛盾纠纷分类", _category_sheet), ("重点人群管理", _groups_sheet),
          ("网格员工作量", _workers_sheet))


def save_summary(summary: Summary, path, *, is_cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Write a computed summary as the four-sheet workbook (values only, no formulas)."""
    from openpyxl import Workbook

    def save(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for title, build in SHEETS:
            if is_cancelled():
                raise Cancelled()
            build(wb.create_sheet(title), summary)
        wb.save(tmp)

    return xlsx.save_atomic(save, path)

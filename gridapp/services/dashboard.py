"""工作台: what needs doing in the actor's scope, at a glance, from a handful of GROUP BY queries.

``load(actor, today=None) -> Dashboard`` reads everything the first page shows in one read
transaction. Every card and bar carries a ``Link``: the page key and the filters of the list
that shows what it counts (the pages' ``apply_filter`` keys).

统计口径 (the counting rules):

* **户数**: live households. **人口**: live people except 死亡 and 迁出 (as the summary counts
  户籍 + 流动), with 流动 among them.
* **重点人群**: people (live, not 死亡/迁出) with at least one live tag (not deleted, started, not
  ended); a person in several groups counts once. Sensitive categories count only for actors who
  may see them. The breakdown per category links to the people list of the category.
* **本月走访** done ÷ due, over the targets the worklist schedules (households, people in groups
  with a visit rule, places), each counted once (``worklist.month_progress``): still to visit =
  those due by the end of the month, overdue included (the 走访 page's 本月 view, which the card
  opens); done = those visited this month and not due again before it ends; due = done + still to
  visit. The month is the statistical month (report cutoff day).
* **逾期未访**: scheduled targets whose due date is before today (the 走访 page's 逾期 view).
* **在办事件**: events not closed (办结/回访/归档), 已退回 included (the 事件 page's 未办结);
  **超期事件**: those past their deadline; **督办**: those the level above urged.
* **本年化解率** = 化解数 ÷ 排查(受理)数 of this statistical year, as the summary counts them:
  矛盾纠纷 registered this year (已退回 left out); 化解 = closed with 化解成功.

Charts:

* events registered this year (已退回 left out) by category: 矛盾纠纷 by the township statistics
  class (the ``report`` mapping of dispute_category; a bar opens the events of its class,
  ``report_category``), the other kinds each as one bar;
* events registered (已退回 left out) and events closed 化解成功, per statistical month over the
  last 12 months;
* visit coverage for the current half-year: households visited since it started (directly or
  through a member) ÷ live households, per grid (grid workers, village actors), per village
  (township) or per township (county and above).
"""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from gridapp import refdata, workflow
from gridapp.models import Division, Event, Grid, Household, Person, PersonTag, Visit, database
from gridapp.reports.periods import Period, month as month_period
from gridapp.services import people, reporting, worklist
from gridapp.services.actor import GRID_WORKER, Actor, division_name, scope_filter

DISPUTE = "矛盾纠纷"
RESOLVED = "化解成功"
GONE = ("死亡", "迁出")
FLOATING = "流动"
OTHER_KIND = "其他"
OTHER_KIND_LABEL = "其他事件"  # the kind 其他, told apart from the dispute class 其他
MONTHS = 12
UNIT_LEVELS = ("grid", "village", "township")


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Link:
    """Where a click goes: a page key and the filters of its ``apply_filter`` (dates as ISO text)."""

    page: str
    filters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    link: Link | None = None
    group: str = ""  # the event kind of a category bar


@dataclass(frozen=True)
class Card:
    value: int
    total: int | None = None  # the denominator of a ratio (本月走访, 本年化解率)
    extra: int | None = None  # 人口: of them 流动; 本月走访: still to visit this month
    link: Link | None = None
    breakdown: tuple[Bar, ...] = ()  # 重点人群: people per category

    @property
    def rate(self) -> float | None:
        return self.value / self.total if self.total else None


@dataclass(frozen=True)
class MonthBar:
    year: int
    month: int
    start: dt.date
    end: dt.date
    registered: int
    resolved: int
    link: Link


@dataclass(frozen=True)
class CoverageBar:
    key: str  # grid id (as text) or division code
    name: str
    visited: int
    households: int
    link: Link

    @property
    def rate(self) -> float | None:
        return self.visited / self.households if self.households else None


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    scope_name: str  # the actor's unit ("" for everything)
    unit_level: str  # what the coverage bars are: grid | village | township
    month: Period
    year: Period
    half: Period
    households: Card
    population: Card
    groups: Card
    visits_month: Card
    overdue_visits: Card
    open_events: Card
    overdue_events: Card
    supervised: Card
    resolution: Card
    categories: tuple[Bar, ...]
    months: tuple[MonthBar, ...]
    coverage: tuple[CoverageBar, ...]

    @property
    def is_empty(self) -> bool:
        """Nothing registered yet: no households, people or events in scope."""
        return (self.households.value == 0 and self.population.value == 0 and self.open_events.value == 0
                and not self.categories and not any(m.registered or m.resolved for m in self.months))


# --------------------------------------------------------------------------- public
def load(actor: Actor, today: dt.date | None = None) -> Dashboard:
    """Every figure of the 工作台 for the actor's scope (see the module docstring)."""
    today = today or dt.date.today()
    cutoff = reporting.cutoff_day()
    month = reporting.current_period("month", today, cutoff)
    year = reporting.current_period("year", today, cutoff)
    half = reporting.current_period("half", today, cutoff)
    level = unit_level(actor)
    with database.atomic():  # one consistent read
        coverage = _coverage(actor, level, half)
        households = sum(c.households for c in coverage)
        population, floating = _population(actor)
        groups = _groups(actor, today)
        progress = worklist.month_progress(actor, today=today)
        overdue, done, remaining = progress.overdue, progress.done, progress.due
        open_events, late_events, supervised = _event_states(actor, today)
        categories, disputes, resolved = _year_events(actor, year)
        months = _months(actor, today, cutoff)
    open_filter = {"state": "open"}
    year_filter = _registered(year.start, year.end)
    return Dashboard(
        today=today, scope_name=_scope_name(actor), unit_level=level, month=month, year=year, half=half,
        households=Card(households, link=Link("households", {"deleted": False})),
        population=Card(population, extra=floating, link=Link("people", {"deleted": False})),
        groups=groups,
        visits_month=Card(done, total=done + remaining, extra=remaining, link=Link("visits", {"view": "month"})),
        overdue_visits=Card(overdue, link=Link("visits", {"view": "overdue"})),
        open_events=Card(open_events, link=Link("events", open_filter)),
        overdue_events=Card(late_events, link=Link("events", {"overdue": True})),
        supervised=Card(supervised, link=Link("events", {**open_filter, "supervised": True})),
        resolution=Card(resolved, total=disputes, link=Link("events", {"kind": DISPUTE, **year_filter})),
        categories=categories, months=months, coverage=tuple(coverage))


def unit_level(actor: Actor) -> str:
    """What the coverage chart compares: grids (a grid worker, a village), villages (a township)
    or townships (a county, or everything)."""
    if actor.role == GRID_WORKER or actor.level == "village":
        return "grid"
    return "village" if actor.level == "township" else "township"


# --------------------------------------------------------------------------- helpers
def _registered(start: dt.date, end: dt.date) -> dict:
    return {"registered_from": start.isoformat(), "registered_to": end.isoformat()}


def _count_if(condition: pw.Expression) -> pw.Node:
    return pw.fn.COALESCE(pw.fn.SUM(pw.Case(None, [(condition, 1)], 0)), 0)


def _register_scope(actor: Actor, model) -> pw.Expression:
    """Households or people in scope, written as the prefix of their covering report indexes
    (county → township → village), so counts and groupings never read the table rows."""
    code = actor.scope_code
    if actor.role == GRID_WORKER or not code:
        return scope_filter(actor, model)
    where = model.county_code == code[:6]
    if len(code) >= 9:
        where &= model.township_code == code[:9]
    if len(code) == 12:
        where &= model.village_code == code
    return where


def _scope_name(actor: Actor) -> str:
    if actor.role == GRID_WORKER:
        names = Grid.select(Grid.name).where(Grid.id.in_(list(actor.grid_ids))).order_by(Grid.code).tuples()
        return "、".join(n for (n,) in names)
    return division_name(actor.scope_code)


def _day(value) -> dt.date:
    """A date from what DATE() returns (ISO text in SQLite, a date in PostgreSQL)."""
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


# --------------------------------------------------------------------------- register
def _coverage(actor: Actor, level: str, half: Period) -> list[CoverageBar]:
    """Households and households visited since the half-year started, per unit (one query)."""
    since = _midnight(half.start)
    direct = Visit.select(pw.SQL("1")).where((Visit.household == Household.id) & (Visit.visited_at >= since)
                                              & Visit.deleted_at.is_null())
    member = (Visit.select(pw.SQL("1")).join(Person, on=(Visit.person == Person.id))
              .where((Person.household == Household.id) & Person.deleted_at.is_null()
                     & (Visit.visited_at >= since) & Visit.deleted_at.is_null()))
    key = {"grid": Household.grid, "village": Household.village_code, "township": Household.township_code}[level]
    rows = (Household.select(key, pw.fn.COUNT(Household.id), _count_if(pw.fn.EXISTS(direct) | pw.fn.EXISTS(member)))
            .where(_register_scope(actor, Household) & Household.deleted_at.is_null()).group_by(key).tuples())
    counts = {k: (n, visited) for k, n, visited in rows}
    if level == "grid":
        units = (Grid.select(Grid.id, Grid.name, Grid.village_code).where(Grid.id.in_(list(counts)))
                 .order_by(Grid.code).tuples())
        return [CoverageBar(str(gid), name, counts[gid][1], counts[gid][0],
                            Link("households", {"village_code": village, "grid_id": gid}))
                for gid, name, village in units]
    names = dict(Division.select(Division.code, Division.name).where(Division.code.in_(list(counts))).tuples())
    filter_key = f"{level}_code"
    return [CoverageBar(code, names.get(code, code), visited, n, Link("households", {filter_key: code}))
            for code, (n, visited) in sorted(counts.items())]


def _population(actor: Actor) -> tuple[int, int]:
    """(people, of them 流动) in scope, 死亡 and 迁出 left out."""
    row = (Person.select(pw.fn.COUNT(Person.id), _count_if(Person.residence == FLOATING))
           .where(_register_scope(actor, Person) & Person.deleted_at.is_null() & Person.residence.not_in(GONE))
           .tuples().get())
    return row[0], row[1]


def _groups(actor: Actor, today: dt.date) -> Card:
    """People with a live tag (each once), and per category, the categories the actor may see."""
    hidden = people.hidden_categories(actor)
    live = (PersonTag.deleted_at.is_null() & (PersonTag.since <= today)
            & (PersonTag.until.is_null() | (PersonTag.until >= today)))
    if hidden:
        live &= PersonTag.category.not_in(sorted(hidden))
    # the people in scope from their covering index first, then their tags (CROSS JOIN keeps
    # that order in SQLite): a township reads its own people, not every tag of the county
    pairs = (Person.select(PersonTag.person, PersonTag.category).join(PersonTag, pw.JOIN.CROSS)
             .where((PersonTag.person == Person.id) & live & _register_scope(actor, Person)
                    & Person.deleted_at.is_null() & Person.residence.not_in(GONE)))
    inner, params = pairs.sql()
    rows = database.execute_sql(
        f"WITH tagged (person_id, category) AS MATERIALIZED ({inner}) "
        "SELECT category, COUNT(DISTINCT person_id) FROM tagged GROUP BY category "
        "UNION ALL SELECT NULL, COUNT(DISTINCT person_id) FROM tagged", params).fetchall()
    per_category = {category: n for category, n in rows if category is not None}
    total = next((n for category, n in rows if category is None), 0)
    breakdown = tuple(Bar(name, per_category[code], Link("people", {"category": code}))
                      for code, name in refdata.codes().items("person_category") if per_category.get(code))
    return Card(total, breakdown=breakdown)


# --------------------------------------------------------------------------- events
def _events(actor: Actor) -> pw.Expression:
    return scope_filter(actor, Event) & Event.deleted_at.is_null()


def _event_states(actor: Actor, today: dt.date) -> tuple[int, int, int]:
    """(not closed, of them past the deadline, of them urged by the level above)."""
    open_ = Event.state.in_(sorted(workflow.OPEN_STATES))
    row = (Event.select(_count_if(open_), _count_if(open_ & (Event.deadline < today)),
                        _count_if(open_ & (Event.supervised == True)))  # noqa: E712 - peewee expression
           .where(_events(actor)).tuples().get())
    return int(row[0]), int(row[1]), int(row[2])


def _year_events(actor: Actor, year: Period) -> tuple[tuple[Bar, ...], int, int]:
    """(bars per category, 矛盾纠纷 registered, of them 化解成功) for the events registered in the year."""
    lo, hi = _midnight(year.start), _midnight(year.end + dt.timedelta(days=1))
    resolved = _count_if((Event.outcome == RESOLVED) & Event.closed_at.is_null(False) & (Event.closed_at < hi))
    rows = (Event.select(Event.kind, Event.category, pw.fn.COUNT(Event.id), resolved)
            .where(_events(actor) & (Event.registered_at >= lo) & (Event.registered_at < hi)
                   & (Event.state != workflow.RETURNED))
            .group_by(Event.kind, Event.category).tuples())
    codes = refdata.codes()
    report_of = {c: codes.extra("dispute_category", c).get("report", "其他") for c, _ in codes.items("dispute_category")}
    disputes: dict[str, int] = {}
    kinds: dict[str, int] = {}
    registered = resolved_count = 0
    for kind, category, n, ok in rows:
        if kind == DISPUTE:
            name = report_of.get(category, "其他")
            disputes[name] = disputes.get(name, 0) + n
            registered += n
            resolved_count += ok
        else:
            kinds[kind] = kinds.get(kind, 0) + n
    period = _registered(year.start, year.end)
    bars = [Bar(name, n, Link("events", {"kind": DISPUTE, "report_category": name, **period}), DISPUTE)
            for name, n in sorted(disputes.items(), key=lambda item: (-item[1], _report_order(codes, item[0])))]
    order = [k for k in workflow.KINDS if k != DISPUTE]
    for kind, n in sorted(kinds.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)):
        label = OTHER_KIND_LABEL if kind == OTHER_KIND else kind
        bars.append(Bar(label, n, Link("events", {"kind": kind, **period}), kind))
    return tuple(bars), registered, int(resolved_count)


def _report_order(codes, name: str) -> int:
    names = [n for _, n in codes.items("dispute_report")]
    return names.index(name) if name in names else len(names)


def _months(actor: Actor, today: dt.date, cutoff: int | None) -> tuple[MonthBar, ...]:
    """Events registered and events resolved per statistical month, the last 12 months."""
    y, m = reporting.report_month(today, cutoff)
    spans = []
    for back in range(MONTHS - 1, -1, -1):
        total = y * 12 + m - 1 - back
        spans.append(month_period(total // 12, total % 12 + 1, cutoff))
    lo, hi = _midnight(spans[0].start), _midnight(spans[-1].end + dt.timedelta(days=1))
    starts = [p.start for p in spans]
    registered = [0] * MONTHS
    resolved = [0] * MONTHS
    day = pw.fn.DATE(Event.registered_at).coerce(False)
    for value, n in (Event.select(day, pw.fn.COUNT(Event.id))
                     .where(_events(actor) & (Event.registered_at >= lo) & (Event.registered_at < hi)
                            & (Event.state != workflow.RETURNED)).group_by(day).tuples()):
        registered[bisect.bisect_right(starts, _day(value)) - 1] += n
    day = pw.fn.DATE(Event.closed_at).coerce(False)
    for value, n in (Event.select(day, pw.fn.COUNT(Event.id))
                     .where(_events(actor) & (Event.outcome == RESOLVED) & (Event.closed_at >= lo)
                            & (Event.closed_at < hi)).group_by(day).tuples()):
        resolved[bisect.bisect_right(starts, _day(value)) - 1] += n
    return tuple(MonthBar(p.year, p.index, p.start, p.end, registered[i], resolved[i],
                          Link("events", _registered(p.start, p.end)))
                 for i, p in enumerate(spans))

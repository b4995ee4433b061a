"""工作台 figures on a hand-made world whose expected numbers are worked out in the comments.

Today is 2026-05-20: the month is May, the year 2026, the half-year 2026-01-01..06-30, and the
monthly chart runs from June 2025 to May 2026. 金山店镇 has 土桥村 (grids g1, g2) and 马坪村 (g3);
g4 is in 大箕铺镇 (another township, never counted for 金山店镇).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from gridapp import refdata
from gridapp.models import Event, Person, Visit, now
from gridapp.services import dashboard, events
from gridapp.services.dashboard import Link
from gridapp.services.events import EventQuery

TODAY = dt.date(2026, 5, 20)
YEAR = {"registered_from": "2026-01-01", "registered_to": "2026-12-31"}


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0))


def visit(target, day: dt.date, *, grade: int | None = None, deleted: bool = False) -> Visit:
    kind = type(target).__name__.lower()
    return Visit.create(**{kind: target}, grid=target.grid_id, village_code=target.village_code,
                        township_code=target.township_code, county_code=target.county_code, visited_at=at(day, 10),
                        risk_grade=grade, deleted_at=now() if deleted else None)


def head(household) -> Person:
    return Person.get((Person.household == household.id) & Person.is_head)


_numbers = iter(range(1, 1000))


def event(grid, kind: str, registered: dt.date, *, category: str | None = None, state: str = "已登记",
          deadline: dt.date | None = None, outcome: str | None = None, closed: dt.date | None = None,
          supervised: bool = False, deleted: bool = False) -> Event:
    return Event.create(number=f"{grid.township_code}-{registered.year}-{next(_numbers):05d}", kind=kind,
                        category=category, title=f"{kind}事件", registered_at=at(registered), grid=grid,
                        village_code=grid.village_code, township_code=grid.township_code,
                        county_code=grid.county_code, state=state, deadline=deadline, outcome=outcome,
                        closed_at=at(closed, 16) if closed else None, supervised=supervised,
                        deleted_at=now() if deleted else None)


@pytest.fixture
def world(visit_world):
    w = visit_world
    registered = dt.date(2025, 1, 1)
    # households (the household rule: every 180 days)
    h1 = w.household(w.g1, created=registered)  # visited 03-10 (and its 李独居 05-18): done, covered
    p_a = w.person(w.g1, "李独居", household=h1)  # 独居老人 and 空巢老人 (7 days), visited 05-18: due again 05-25
    p_b = w.person(w.g1, "王流动", household=h1, residence="流动")  # a tag that ended in January
    h2 = w.household(w.g1, created=registered)  # only a deleted visit: overdue, not covered
    w.person(w.g1, "删除人", household=h2).delete_instance()  # gone for good: never counted
    h3 = w.household(w.g2, created=registered)  # its head visited 05-05: done, covered
    p_dead = w.person(w.g2, "赵已故", household=h3, residence="死亡")
    h4 = w.household(w.g3, created=registered)  # own visit 2025-12-20, then 孙患者 02-01: covered, due 07-31
    p_sens = w.person(w.g3, "孙患者", household=h4)  # 严重精神障碍 (60 days), visited 02-01: overdue
    h5 = w.household(w.g4, created=registered)  # 大箕铺镇, visited 05-01
    shop = w.place(w.g1, created=dt.date(2026, 1, 1))  # 沿街店铺 (90 days), inspected 05-03: done

    since = dt.date(2026, 1, 1)
    w.tag(p_a, "djlr", "01", since=since)
    w.tag(p_a, "kclr", "01", since=since)
    w.tag(p_sens, "jsza", "02", since=since)
    w.tag(p_b, "cjr", "02", since=dt.date(2025, 1, 1), until=dt.date(2026, 1, 31))  # ended
    w.tag(head(h2), "dbh", "02", since=dt.date(2026, 6, 1))  # not started yet
    w.tag(p_dead, "djlr", "02", since=since)  # dead: not counted

    visit(h1, dt.date(2026, 3, 10))
    visit(p_a, dt.date(2026, 5, 18))
    visit(h2, dt.date(2026, 4, 1), deleted=True)
    visit(head(h3), dt.date(2026, 5, 5))
    visit(h4, dt.date(2025, 12, 20))
    visit(p_sens, dt.date(2026, 2, 1), grade=1)
    visit(h5, dt.date(2026, 5, 1))
    visit(shop, dt.date(2026, 5, 3))

    g1, g2, g4 = w.g1, w.g2, w.g4
    event(g1, "矛盾纠纷", dt.date(2026, 2, 10), category="0101", state="已办结", outcome="化解成功",
          closed=dt.date(2026, 3, 1))
    event(g1, "矛盾纠纷", dt.date(2026, 4, 5), category="0102", state="处置中", deadline=dt.date(2026, 5, 5),
          supervised=True)
    event(g2, "矛盾纠纷", dt.date(2026, 5, 10), category="0601", state="已办结", outcome="未化解",
          closed=dt.date(2026, 5, 15))
    event(g2, "矛盾纠纷", dt.date(2025, 12, 20), category="02", state="已回访", outcome="化解成功",
          closed=dt.date(2026, 1, 5))
    event(g1, "安全隐患", dt.date(2026, 3, 3), category="H01", state="已受理", deadline=dt.date(2026, 6, 1))
    event(g1, "矛盾纠纷", dt.date(2026, 5, 12), category="02", state="已退回")
    event(g1, "治安", dt.date(2026, 1, 15), deleted=True)
    event(g2, "其他", dt.date(2026, 5, 2), deadline=dt.date(2026, 5, 19))
    event(g4, "矛盾纠纷", dt.date(2026, 3, 1), category="02")
    event(g1, "矛盾纠纷", dt.date(2025, 5, 10), category="02", state="已归档", outcome="化解成功",
          closed=dt.date(2025, 6, 10))
    event(g2, "民生诉求", dt.date(2026, 3, 20), state="已办结", outcome="化解成功", closed=dt.date(2026, 4, 1),
          supervised=True)
    return SimpleNamespace(w=w, actors=w.actors, g1=w.g1, g2=w.g2, g3=w.g3, g4=w.g4)


def test_township_cards(world):
    d = dashboard.load(world.actors.township, today=TODAY)
    assert d.scope_name == "金山店镇" and d.unit_level == "village"
    assert (d.month.start, d.month.end) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31))
    assert d.households.value == 4
    assert (d.population.value, d.population.extra) == (7, 1)  # 死亡 and deleted people left out
    assert d.groups.value == 2  # 李独居 (two groups, counted once) and 孙患者
    assert [(b.label, b.value) for b in d.groups.breakdown] == [("严重精神障碍患者", 1), ("独居老人", 1), ("空巢老人", 1)]
    assert d.groups.breakdown[1].link == Link("people", {"category": "djlr"})
    # done (visited in May, not due again in it): h1 and h3 (through a member), the shop;
    # still due: h2 and 孙患者 (overdue), 李独居 (visited 05-18, due again 05-25)
    assert (d.visits_month.value, d.visits_month.total, d.visits_month.extra) == (3, 6, 3)
    assert d.visits_month.rate == pytest.approx(3 / 6)
    assert d.visits_month.link == Link("visits", {"view": "month"})
    assert d.overdue_visits.value == 2
    assert d.overdue_visits.link == Link("visits", {"view": "overdue"})
    assert d.open_events.value == 4  # 处置中, 已受理, 已退回, 已登记
    assert d.open_events.link == Link("events", {"state": "open"})
    assert d.overdue_events.value == 2
    assert d.overdue_events.link == Link("events", {"overdue": True})
    assert d.supervised.value == 1  # the closed 民生诉求 was urged too, but it is done
    assert d.supervised.link == Link("events", {"state": "open", "supervised": True})
    # 化解率: 矛盾纠纷 registered in 2026 (not the returned one) = 3, 化解成功 = 1
    assert (d.resolution.value, d.resolution.total) == (1, 3)
    assert d.resolution.rate == pytest.approx(1 / 3)
    assert d.resolution.link == Link("events", {"kind": "矛盾纠纷", **YEAR})
    assert not d.is_empty


def test_events_by_category_this_year(world):
    d = dashboard.load(world.actors.township, today=TODAY)
    assert [(b.label, b.value, b.group) for b in d.categories] == [
        ("婚姻家庭", 2, "矛盾纠纷"), ("合同", 1, "矛盾纠纷"),
        ("安全隐患", 1, "安全隐患"), ("民生诉求", 1, "民生诉求"), ("其他事件", 1, "其他")]
    by_label = {b.label: b.link for b in d.categories}
    assert by_label["婚姻家庭"] == Link("events", {"kind": "矛盾纠纷", "report_category": "婚姻家庭", **YEAR})
    assert by_label["合同"] == Link("events", {"kind": "矛盾纠纷", "report_category": "合同", **YEAR})
    assert by_label["其他事件"] == Link("events", {"kind": "其他", **YEAR})


def test_registered_and_resolved_per_month(world):
    d = dashboard.load(world.actors.township, today=TODAY)
    assert [(m.year, m.month) for m in d.months][:2] == [(2025, 6), (2025, 7)]
    assert [(m.year, m.month) for m in d.months][-1] == (2026, 5)
    assert [m.registered for m in d.months] == [0, 0, 0, 0, 0, 0, 1, 0, 1, 2, 1, 2]
    assert [m.resolved for m in d.months] == [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0]
    assert d.months[9].link == Link("events", {"registered_from": "2026-03-01", "registered_to": "2026-03-31"})


def test_coverage_per_village_for_a_township(world):
    d = dashboard.load(world.actors.township, today=TODAY)
    assert (d.half.start, d.half.end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert [(c.key, c.name, c.visited, c.households) for c in d.coverage] == [
        ("420281103200", "土桥村", 2, 3), ("420281103201", "马坪村", 1, 1)]
    assert d.coverage[0].rate == pytest.approx(2 / 3) and d.coverage[1].rate == 1
    assert d.coverage[0].link == Link("households", {"village_code": "420281103200"})


def test_a_grid_worker_sees_their_grid(world):
    d = dashboard.load(world.actors.worker1, today=TODAY)
    assert d.scope_name == "土桥一网格" and d.unit_level == "grid"
    assert (d.households.value, d.population.value, d.population.extra) == (2, 4, 1)
    assert d.groups.value == 1
    assert (d.visits_month.value, d.visits_month.total, d.overdue_visits.value) == (2, 4, 1)
    assert (d.open_events.value, d.overdue_events.value, d.supervised.value) == (3, 1, 1)
    assert (d.resolution.value, d.resolution.total) == (1, 2)
    g1 = world.g1
    assert [(c.key, c.name, c.visited, c.households) for c in d.coverage] == [(str(g1.id), "土桥一网格", 1, 2)]
    assert d.coverage[0].link == Link("households", {"village_code": "420281103200", "grid_id": g1.id})


def test_a_village_compares_its_grids(world):
    d = dashboard.load(world.actors.village, today=TODAY)
    assert d.unit_level == "grid" and d.households.value == 3
    assert [(c.name, c.visited, c.households) for c in d.coverage] == [("土桥一网格", 1, 2), ("土桥二网格", 1, 1)]


def test_a_county_compares_its_townships(world):
    d = dashboard.load(world.actors.county, today=TODAY)
    assert d.unit_level == "township" and d.households.value == 5
    assert [(c.key, c.name, c.visited, c.households) for c in d.coverage] == [
        ("420281103", "金山店镇", 3, 4), ("420281109", "大箕铺镇", 1, 1)]
    assert d.coverage[1].link == Link("households", {"township_code": "420281109"})
    assert (d.resolution.value, d.resolution.total) == (1, 4)  # 大箕铺镇's 矛盾纠纷 too


def test_sensitive_groups_count_only_for_roles_that_may_see_them(world):
    d = dashboard.load(world.actors.admin, today=TODAY)
    assert d.groups.value == 1  # 李独居; 孙患者 is only in a sensitive group
    assert [b.label for b in d.groups.breakdown] == ["独居老人", "空巢老人"]


def test_months_follow_the_report_cutoff_day(world):
    refdata.put_setting("report_cutoff_day", "25")
    d = dashboard.load(world.actors.township, today=dt.date(2026, 5, 27))  # already June's month
    assert (d.month.start, d.month.end) == (dt.date(2026, 5, 26), dt.date(2026, 6, 25))
    assert [(m.year, m.month) for m in d.months][-1] == (2026, 6)
    june, may = d.months[-1], d.months[-2]
    assert (june.registered, may.registered) == (0, 2)  # 05-02 and 05-10 fall in Apr 26 – May 25


def test_an_empty_database(db):
    from gridapp.services.actor import system_actor

    d = dashboard.load(system_actor(), today=TODAY)
    assert d.is_empty
    assert d.scope_name == "" and d.unit_level == "township"
    assert (d.households.value, d.population.value, d.groups.value, d.overdue_visits.value) == (0, 0, 0, 0)
    assert (d.visits_month.value, d.visits_month.total, d.visits_month.rate) == (0, 0, None)
    assert (d.resolution.value, d.resolution.total, d.resolution.rate) == (0, 0, None)
    assert d.categories == () and d.coverage == () and d.groups.breakdown == ()
    assert len(d.months) == 12 and not any(m.registered or m.resolved for m in d.months)


def test_a_grid_worker_without_grids_sees_nothing(world):
    from gridapp.models import User
    from gridapp.services.actor import actor_for

    idle = actor_for(User.create(login="idle", display_name="新网格员", role="grid_worker", scope_code="420281103200"))
    d = dashboard.load(idle, today=TODAY)
    assert (d.households.value, d.open_events.value, d.overdue_visits.value, d.resolution.total) == (0, 0, 0, 0)
    assert d.coverage == ()


def test_the_dashboard_reads_a_fixed_number_of_queries(world, monkeypatch):
    """A handful of GROUP BY queries, whatever the number of units, households or events."""
    from gridapp.models import database

    statements: list[str] = []
    execute = database.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        statements.append(sql)
        return execute(sql, params, *args, **kwargs)

    dashboard.load(world.actors.county, today=TODAY)  # code tables are read once and cached
    monkeypatch.setattr(database.obj, "execute_sql", counting)
    dashboard.load(world.actors.county, today=TODAY)
    few = len(statements)
    for n in range(30):
        h = world.w.household(world.g3 if n % 2 else world.g4)
        visit(h, dt.date(2026, 4, n % 28 + 1))
        event(world.g4, "治安", dt.date(2026, 4, n % 28 + 1))
    statements.clear()
    dashboard.load(world.actors.county, today=TODAY)
    assert len(statements) == few <= 15


def test_each_bar_and_the_resolution_card_open_exactly_the_events_they_count(world):
    """The filters on a link, given to the events service the way the 事件 page does, list as many
    events as the bar or card shows (已退回 aside, which the figures leave out)."""
    t = world.actors.township
    d = dashboard.load(t, today=TODAY)

    def listed(link: Link) -> int:
        f = dict(link.filters)
        query = EventQuery(kind=f.get("kind"), report_category=f.get("report_category"),
                           registered_from=dt.date.fromisoformat(f["registered_from"]),
                           registered_to=dt.date.fromisoformat(f["registered_to"]))
        return events.count(t, query) - events.count(t, dataclasses.replace(query, state="已退回"))

    for bar in d.categories:
        assert listed(bar.link) == bar.value, bar.label
    assert listed(d.resolution.link) == d.resolution.total
    for month in d.months:
        assert listed(month.link) == month.registered, (month.year, month.month)


def test_the_visits_card_still_to_visit_is_the_month_worklist(world):
    """本月走访's “still to visit” is exactly what the 走访 page's 本月 view lists."""
    from gridapp.services import worklist

    for actor in (world.actors.township, world.actors.village, world.actors.worker1):
        d = dashboard.load(actor, today=TODAY)
        assert d.visits_month.extra == worklist.page(actor, "month", today=TODAY).total
        assert d.overdue_visits.value == worklist.page(actor, "overdue", today=TODAY).total

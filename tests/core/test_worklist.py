"""Due dates and the worklist (待访): computed in SQL at query time from rules, tags and visits."""
from __future__ import annotations

import datetime as dt

import pytest

from gridapp.errors import NotFoundError, PermissionDenied, ValidationError
from gridapp.models import Person, PersonTag, Visit, VisitRule, now
from gridapp.services import rules, worklist

TODAY = dt.date(2024, 6, 1)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def visit(target, days_ago: int, grade: int | None = None, deleted: bool = False) -> Visit:
    kind = type(target).__name__.lower()
    return Visit.create(**{kind: target}, grid=target.grid_id, village_code=target.village_code,
                        township_code=target.township_code, county_code=target.county_code,
                        visited_at=dt.datetime.combine(ago(days_ago), dt.time(10, 30)), risk_grade=grade,
                        deleted_at=now() if deleted else None)


def due(actor, kind, target) -> worklist.DueInfo | None:
    return worklist.due_for(actor, kind, target.id, today=TODAY)


def ids(page) -> list[tuple[str, int]]:
    return [(i.kind, i.target_id) for i in page.items]


def test_never_visited_household_is_due_interval_after_it_was_registered(visit_world):
    w = visit_world
    h = w.household(w.g1, created=ago(183))
    info = due(w.actors.worker1, "household", h)
    assert info.due == ago(3) and info.overdue_days == 3 and info.last_visit is None
    assert info.interval_days == 180 and info.reason == "全部住户180天"


def test_visited_household_is_due_interval_after_its_last_live_visit(visit_world):
    w = visit_world
    h = w.household(w.g1, created=ago(900))
    visit(h, 400)
    visit(h, 170)
    visit(h, 5, deleted=True)  # a deleted visit doesn't count
    info = due(w.actors.worker1, "household", h)
    assert info.last_visit == ago(170) and info.due == ago(170) + dt.timedelta(days=180)
    assert info.overdue_days == -10


def test_a_visit_to_a_member_counts_as_a_visit_to_the_household(visit_world):
    """Visiting the 独居老人 of a household is a visit to the household, as the summary's
    走访覆盖率 counts it; a deleted member's visits don't count."""
    w = visit_world
    h = w.household(w.g1, created=ago(900))
    visit(h, 300)
    member = w.person(w.g1, "李四", household=h)
    visit(member, 20)
    gone = w.person(w.g1, "王五", household=h)
    visit(gone, 2)
    Person.update(deleted_at=now()).where(Person.id == gone.id).execute()
    info = due(w.actors.worker1, "household", h)
    assert info.last_visit == ago(20) and info.due == ago(20) + dt.timedelta(days=180)
    assert ("household", h.id) not in ids(worklist.view(w.actors.worker1, "overdue", today=TODAY))


def test_a_member_visit_after_the_household_visit_shows_in_every_view_and_count(visit_world):
    """The counts and the due-soon views look up members' visits only for households due soon by
    their own visits; a later member visit still shows in the full list, and nothing is miscounted."""
    w = visit_world
    soon = w.household(w.g1, created=ago(900))
    visit(soon, 175)  # due in 5 days by its own visit
    visit(w.person(w.g1, "李四", household=soon), 3)  # due in 177 days by the member's
    later = w.household(w.g1, created=ago(900))
    visit(later, 30)  # due in 150 days by its own visit
    visit(w.person(w.g1, "王五", household=later), 1)  # in 179 days by the member's
    worker = w.actors.worker1
    for view in ("overdue", "today", "week"):
        assert ids(worklist.view(worker, view, today=TODAY)) == []
    listed = {i.target_id: i for i in worklist.view(worker, "all", kind="household", today=TODAY).items}
    assert (listed[soon.id].last_visit, listed[soon.id].due) == (ago(3), ago(3) + dt.timedelta(days=180))
    assert (listed[later.id].last_visit, listed[later.id].due) == (ago(1), ago(1) + dt.timedelta(days=180))
    (count,) = worklist.counts(worker, kind="household", today=TODAY)
    assert (count.overdue, count.today, count.week, count.scheduled) == (0, 0, 0, 2)
    assert worklist.target_ids(worker, "week", "household", today=TODAY) == []


def test_never_visited_person_is_due_interval_after_the_tag_started(visit_world):
    w = visit_world
    p = w.person(w.g1, "李四")
    w.tag(p, "djlr", "02", since=ago(40))
    info = due(w.actors.worker1, "person", p)
    assert info.due == ago(10) and info.interval_days == 30
    assert info.reason == "独居老人（中）30天"


def test_person_in_several_groups_takes_the_shortest_interval(visit_world):
    w = visit_world
    p = w.person(w.g1, "王五")
    w.tag(p, "jsza", "03", since=ago(1000))  # 90 days
    w.tag(p, "djlr", "01", since=ago(1000))  # 7 days
    visit(p, 20)
    info = due(w.actors.worker1, "person", p)
    assert info.interval_days == 7 and info.due == ago(13)
    assert info.reason == "独居老人（高）7天"


def test_a_visit_before_a_tag_started_does_not_count_for_that_tag(visit_world):
    w = visit_world
    p = w.person(w.g1)
    visit(p, 300)
    w.tag(p, "djlr", "01", since=ago(3))  # 7 days from the tag's start, not from the old visit
    assert due(w.actors.worker1, "person", p).due == ago(3) + dt.timedelta(days=7)


def test_risk_grade_3_forces_14_days_until_a_later_visit_records_a_lower_grade(visit_world):
    w = visit_world
    p = w.person(w.g1, "赵六")
    w.tag(p, "jsza", "03", since=ago(1000))  # 90 days normally
    visit(p, 60, grade=1)
    assert due(w.actors.worker1, "person", p).due == ago(60) + dt.timedelta(days=90)

    visit(p, 20, grade=3)
    forced = due(w.actors.worker1, "person", p)
    assert forced.due == ago(6) and forced.interval_days == 14 and forced.overdue_days == 6
    assert "危险性评估3级" in forced.reason and "14天" in forced.reason

    visit(p, 10)  # a visit without a grade keeps the force, from the newest visit
    assert due(w.actors.worker1, "person", p).due == ago(10) + dt.timedelta(days=14)

    visit(p, 5, grade=2)  # a lower grade lifts it
    lifted = due(w.actors.worker1, "person", p)
    assert lifted.due == ago(5) + dt.timedelta(days=90) and lifted.interval_days == 90

    visit(p, 2, grade=5)
    assert due(w.actors.worker1, "person", p).due == ago(2) + dt.timedelta(days=14)


def test_risk_force_settings_apply_at_once(visit_world):
    w = visit_world
    p = w.person(w.g1)
    w.tag(p, "jsza", "03", since=ago(1000))
    visit(p, 20, grade=2)
    assert due(w.actors.worker1, "person", p).interval_days == 90
    rules.set_risk_force(w.actors.admin, days=10, min_grade=2)
    assert due(w.actors.worker1, "person", p).due == ago(10)


def test_a_rule_change_applies_at_once(visit_world):
    w = visit_world
    h = w.household(w.g1, created=ago(900))
    visit(h, 100)
    assert due(w.actors.worker1, "household", h).overdue_days == -80
    rule = VisitRule.get(VisitRule.target == "household")
    rules.update_rule(w.actors.township, rule.id, 90)
    assert due(w.actors.worker1, "household", h).overdue_days == 10
    assert worklist.is_listed(w.actors.worker1, "overdue", "household", h.id, today=TODAY)


def test_removing_a_rule_unschedules_its_group(visit_world):
    w = visit_world
    p = w.person(w.g1)
    w.tag(p, "djlr", "02", since=ago(100))
    rule = VisitRule.get((VisitRule.target == "djlr") & (VisitRule.attention == "02"))
    rules.remove_rule(w.actors.admin, rule.id)
    assert due(w.actors.worker1, "person", p) is None
    rules.set_rule(w.actors.admin, "djlr", "02", 10)
    assert due(w.actors.worker1, "person", p).interval_days == 10


@pytest.mark.parametrize("change", ["tag_deleted", "tag_ended", "tag_future", "person_deleted", "person_dead",
                                    "no_rule"])
def test_tags_and_people_that_do_not_count(visit_world, change):
    w = visit_world
    p = w.person(w.g1)
    tag = w.tag(p, "cjr" if change == "no_rule" else "djlr", "01", since=ago(100))
    if change == "tag_deleted":
        PersonTag.update(deleted_at=now()).where(PersonTag.id == tag.id).execute()
    elif change == "tag_ended":
        PersonTag.update(until=ago(1)).where(PersonTag.id == tag.id).execute()
    elif change == "tag_future":
        PersonTag.update(since=TODAY + dt.timedelta(days=1)).where(PersonTag.id == tag.id).execute()
    elif change == "person_deleted":
        Person.update(deleted_at=now()).where(Person.id == p.id).execute()
    elif change == "person_dead":
        Person.update(residence="死亡").where(Person.id == p.id).execute()
    page = worklist.page(w.actors.worker1, "all", kind="person", today=TODAY)
    assert ("person", p.id) not in ids(page)


def test_a_tag_ending_today_still_counts(visit_world):
    w = visit_world
    p = w.person(w.g1)
    w.tag(p, "djlr", "01", since=ago(100), until=TODAY)
    assert due(w.actors.worker1, "person", p).overdue_days == 93


def test_an_ended_tag_no_longer_shortens_the_interval(visit_world):
    w = visit_world
    p = w.person(w.g1)
    w.tag(p, "djlr", "01", since=ago(500), until=ago(30))
    w.tag(p, "djlr", "03", since=ago(30))
    visit(p, 20)
    info = due(w.actors.worker1, "person", p)
    assert info.interval_days == 90 and info.due == ago(20) + dt.timedelta(days=90)


def test_places_follow_the_rule_of_their_category(visit_world):
    w = visit_world
    rental = w.place(w.g1, "出租房屋", "出租屋", created=ago(40))
    shop = w.place(w.g1, "沿街店铺", "小卖部", created=ago(40))
    assert due(w.actors.worker1, "place", rental).overdue_days == 10
    assert due(w.actors.worker1, "place", shop).overdue_days == -50
    visit(rental, 1)
    assert due(w.actors.worker1, "place", rental).due == ago(1) + dt.timedelta(days=30)


def test_views_split_by_due_date(visit_world):
    w = visit_world
    overdue = w.household(w.g1, created=ago(181))
    today = w.household(w.g1, created=ago(180))
    in_six = w.household(w.g1, created=ago(174))
    in_seven = w.household(w.g1, created=ago(173))
    actor = w.actors.worker1
    assert ids(worklist.page(actor, "overdue", today=TODAY)) == [("household", overdue.id)]
    assert ids(worklist.page(actor, "today", today=TODAY)) == [("household", today.id)]
    assert set(ids(worklist.page(actor, "week", today=TODAY))) == {("household", today.id),
                                                                    ("household", in_six.id)}
    assert worklist.page(actor, "all", today=TODAY).total == 4
    assert ("household", in_seven.id) in ids(worklist.page(actor, "all", today=TODAY))
    with pytest.raises(ValidationError) as err:
        worklist.page(actor, "fortnight", today=TODAY)
    assert err.value.field == "view"


def test_overdue_list_is_sorted_by_overdue_days_times_attention(visit_world):
    w = visit_world
    h = w.household(w.g1, created=ago(190))  # 10 days × 1 = 10
    high = w.person(w.g1, "高关注")
    w.tag(high, "djlr", "01", since=ago(11))  # 4 days × 3 = 12
    low = w.person(w.g1, "低关注")
    w.tag(low, "djlr", "03", since=ago(101))  # 11 days × 1 = 11
    mid = w.person(w.g1, "中关注")
    w.tag(mid, "djlr", "02", since=ago(35))  # 5 days × 2 = 10, due later than the household
    page = worklist.page(w.actors.worker1, "overdue", today=TODAY)
    assert ids(page) == [("person", high.id), ("person", low.id), ("household", h.id), ("person", mid.id)]
    assert [i.urgency for i in page.items] == [12, 11, 10, 10]
    first = page.items[0]
    assert first.name == "高关注" and first.categories == ("独居老人",) and first.attention == "01"
    assert first.grid_name == "土桥一网格" and first.village_name == "土桥村"
    household = page.items[2]
    assert household.name.endswith("户主") and household.address == "土桥村1号"


def test_paging_keeps_the_total(visit_world):
    w = visit_world
    for n in range(5):
        w.household(w.g1, created=ago(181 + n))
    first = worklist.page(w.actors.worker1, "overdue", limit=2, today=TODAY)
    rest = worklist.page(w.actors.worker1, "overdue", offset=2, limit=10, today=TODAY)
    beyond = worklist.page(w.actors.worker1, "overdue", offset=10, limit=10, today=TODAY)
    assert first.total == rest.total == beyond.total == 5
    assert len(first.items) == 2 and len(rest.items) == 3 and beyond.items == ()
    assert [i.overdue_days for i in first.items + rest.items] == [5, 4, 3, 2, 1]


def test_each_actor_sees_only_its_scope(visit_world):
    w = visit_world
    h1 = w.household(w.g1, created=ago(200))
    h2 = w.household(w.g2, created=ago(200))
    h3 = w.household(w.g3, created=ago(200))
    h4 = w.household(w.g4, created=ago(200))
    seen = {name: set(ids(worklist.page(getattr(w.actors, name), "overdue", today=TODAY)))
            for name in ("worker1", "worker2", "village", "township", "county", "other_township")}
    assert seen["worker1"] == {("household", h1.id)}
    assert seen["worker2"] == {("household", h2.id)}
    assert seen["village"] == {("household", h1.id), ("household", h2.id)}
    assert seen["township"] == {("household", h.id) for h in (h1, h2, h3)}
    assert seen["county"] == {("household", h.id) for h in (h1, h2, h3, h4)}
    assert seen["other_township"] == {("household", h4.id)}
    with pytest.raises(PermissionDenied):
        due(w.actors.worker1, "household", h2)
    with pytest.raises(NotFoundError):
        worklist.due_for(w.actors.worker1, "household", 99999)


def test_counts_per_grid_for_a_village_and_per_village_for_a_township(visit_world):
    w = visit_world
    w.household(w.g1, created=ago(200))  # overdue
    w.household(w.g1, created=ago(180))  # today
    w.household(w.g2, created=ago(176))  # this week
    w.household(w.g3, created=ago(200))  # overdue, 马坪村
    p = w.person(w.g2)
    w.tag(p, "djlr", "01", since=ago(8))  # overdue
    by_grid = worklist.counts(w.actors.village, today=TODAY)
    assert [(c.name, c.overdue, c.today, c.week, c.scheduled) for c in by_grid] == [
        ("土桥一网格", 1, 1, 1, 2), ("土桥二网格", 1, 0, 1, 2)]
    by_village = worklist.counts(w.actors.township, today=TODAY)
    assert [(c.code, c.name, c.overdue, c.scheduled) for c in by_village] == [
        ("420281103200", "土桥村", 2, 4), ("420281103201", "马坪村", 1, 1)]
    mine = worklist.counts(w.actors.worker1, today=TODAY)
    assert [(c.code, c.overdue) for c in mine] == [(str(w.g1.id), 1)]
    only_people = worklist.counts(w.actors.township, kind="person", today=TODAY)
    assert [(c.name, c.overdue) for c in only_people] == [("土桥村", 1)]


def test_filters_by_grid_village_and_kind(visit_world):
    w = visit_world
    h1 = w.household(w.g1, created=ago(200))
    w.household(w.g2, created=ago(200))
    place = w.place(w.g1, "出租房屋", created=ago(60))
    actor = w.actors.township
    assert ids(worklist.page(actor, "overdue", grid_id=w.g1.id, kind="household", today=TODAY)) == [
        ("household", h1.id)]
    assert ids(worklist.page(actor, "overdue", kind="place", today=TODAY)) == [("place", place.id)]
    assert worklist.page(actor, "overdue", village_code="420281103201", today=TODAY).total == 0


def test_sensitive_groups_are_named_only_to_roles_that_may_see_them(visit_world):
    w = visit_world
    p = w.person(w.g1, "某患者")
    w.tag(p, "jsza", "01", since=ago(30))
    worker_item = worklist.page(w.actors.worker1, "overdue", today=TODAY).items[0]
    admin_item = worklist.page(w.actors.admin, "overdue", today=TODAY).items[0]
    assert worker_item.categories == ("严重精神障碍患者",)
    assert admin_item.categories == ("重点人员",) and "严重精神障碍" not in admin_item.reason


def test_effective_interval_agrees_with_the_worklist(visit_world):
    w = visit_world
    p = w.person(w.g1)
    w.tag(p, "jsza", "02", since=ago(300))
    assert rules.effective_interval(w.actors.worker1, "person", p.id).days == 60
    visit(p, 3, grade=4)
    eff = rules.effective_interval(w.actors.worker1, "person", p.id)
    assert eff.days == 14 and "强制14天" in eff.reason
    untagged = w.person(w.g1)
    assert rules.effective_interval(w.actors.worker1, "person", untagged.id).days is None


def test_one_pass_view_gives_the_page_its_total_and_the_counts(visit_world):
    w = visit_world
    for n in range(3):
        w.household(w.g1, created=ago(181 + n))
    w.household(w.g2, created=ago(190))
    w.household(w.g2, created=ago(10))
    found = worklist.view(w.actors.village, "overdue", limit=2, today=TODAY)
    assert found.total == 4 and [i.overdue_days for i in found.items] == [10, 3]
    assert [(c.name, c.overdue, c.scheduled) for c in found.counts] == [("土桥一网格", 3, 3), ("土桥二网格", 1, 2)]
    by_village = worklist.view(w.actors.village, "all", by="village", today=TODAY)
    assert by_village.total == 5 and [(c.name, c.overdue) for c in by_village.counts] == [("土桥村", 4)]
    with pytest.raises(ValidationError) as err:
        worklist.view(w.actors.village, by="street", today=TODAY)
    assert err.value.field == "by"


def test_overdue_events_show_in_the_worklist_per_unit(visit_world):
    from gridapp.models import Event
    from gridapp.services import events

    w = visit_world
    w.household(w.g1, created=ago(200))
    late = events.report(w.actors.worker1, events.EventDraft(kind="治安", title="深夜喧哗", grid_id=w.g1.id))
    on_time = events.report(w.actors.worker2, events.EventDraft(kind="治安", title="乱停车", grid_id=w.g2.id))
    township = events.report(w.actors.township, events.EventDraft(kind="民生诉求", title="镇区路灯"))
    closed = events.report(w.actors.worker1, events.EventDraft(kind="治安", title="已处理", grid_id=w.g1.id))
    past = dt.date.today() - dt.timedelta(days=1)
    Event.update(deadline=past).where(Event.id.in_([late.id, township.id, closed.id])).execute()
    Event.update(state="已办结").where(Event.id == closed.id).execute()
    assert on_time.deadline > dt.date.today()
    by_grid = worklist.view(w.actors.village, "overdue", today=dt.date.today())
    assert by_grid.overdue_events == 1
    assert [(c.name, c.overdue, c.overdue_events) for c in by_grid.counts] == [("土桥一网格", 1, 1)]
    by_village = worklist.view(w.actors.township, "overdue", today=dt.date.today())
    assert by_village.overdue_events == 2
    assert [(c.name, c.overdue_events) for c in by_village.counts] == [("土桥村", 1), ("乡镇直属", 1)]
    assert worklist.view(w.actors.worker2, "overdue", today=dt.date.today()).overdue_events == 0


def test_the_risk_force_ends_with_the_patient_tag(visit_world):
    w = visit_world
    p = w.person(w.g1)
    w.tag(p, "jsza", "03", since=ago(500), until=ago(1))
    w.tag(p, "djlr", "03", since=ago(500))
    visit(p, 20, grade=4)
    info = due(w.actors.worker1, "person", p)
    assert info.interval_days == 90 and info.due == ago(20) + dt.timedelta(days=90)


def test_the_month_view_lists_what_is_due_by_the_end_of_the_statistical_month(visit_world):
    """本月: due by the month's end (overdue included), exact even where a member's visit moves a
    household's due date past it; the report cutoff day moves the month, as in the summary."""
    from gridapp import refdata

    w = visit_world
    late = w.household(w.g1, created=ago(181))  # due 05-31
    last_day = w.household(w.g1, created=ago(151))  # due 06-30
    july = w.household(w.g1, created=ago(150))  # due 07-01
    moved = w.household(w.g1, created=ago(900))
    visit(moved, 170)  # due 06-11 by its own visit …
    visit(w.person(w.g1, "李四", household=moved), 2)  # … but a member was visited two days ago
    actor = w.actors.worker1
    month = {late.id, last_day.id}
    assert {i.target_id for i in worklist.page(actor, "month", today=TODAY).items} == month
    assert worklist.page(actor, "month", today=TODAY).total == 2
    (count,) = worklist.counts(actor, today=TODAY)
    assert (count.overdue, count.week, count.month, count.scheduled) == (1, 0, 2, 4)
    assert set(worklist.target_ids(actor, "month", "household", today=TODAY)) == month
    assert worklist.is_listed(actor, "month", "household", last_day.id, today=TODAY)
    assert not worklist.is_listed(actor, "month", "household", july.id, today=TODAY)
    assert not worklist.is_listed(actor, "month", "household", moved.id, today=TODAY)
    refdata.put_setting("report_cutoff_day", "25")  # June runs from 05-26 to 06-25
    assert {i.target_id for i in worklist.page(actor, "month", today=TODAY).items} == {late.id}


def test_month_progress_counts_each_scheduled_target_once(visit_world):
    """The 工作台's 本月走访: done = visited this month and not due again before it ends; still due =
    the 本月 view (overdue included); a target visited this month but due again is still due."""
    w = visit_world
    done = w.household(w.g1, created=ago(900))
    visit(done, 0)  # today, the first of June: due in November
    again = w.person(w.g1, "王独居")
    w.tag(again, "djlr", "01", since=ago(100))  # every 7 days
    visit(again, 0)  # visited today, due again on 06-08
    later = w.household(w.g1, created=ago(900))
    visit(later, 100)  # visited in February, due in August: neither
    overdue = w.household(w.g2, created=ago(200))
    progress = worklist.month_progress(w.actors.village, today=TODAY)
    assert (progress.overdue, progress.done, progress.due) == (1, 1, 2)
    assert (progress.start, progress.end) == (dt.date(2024, 6, 1), dt.date(2024, 6, 30))
    listed = worklist.page(w.actors.village, "month", today=TODAY)
    assert {(i.kind, i.target_id) for i in listed.items} == {("person", again.id), ("household", overdue.id)}
    assert listed.total == progress.due
    assert worklist.month_progress(w.actors.worker1, today=TODAY).due == 1  # scoped: g1 only

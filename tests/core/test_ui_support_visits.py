"""The questions the visit and event pages ask of the core."""
from __future__ import annotations

from gridapp.services import events, ui_support_visits
from gridapp.services.events import EventDraft


def test_event_edit_refusal_follows_the_update_rule(visit_world):
    w = visit_world
    draft = EventDraft(kind="治安", title="夜间有人翻墙", grid_id=w.g1.id)
    event = events.report(w.actors.worker1, draft)
    assert ui_support_visits.event_edit_refusal(w.actors.worker1, event.id) is None
    assert "登记人或承办单位" in ui_support_visits.event_edit_refusal(w.actors.township, event.id)
    events.transition(w.actors.worker1, event.id, "受理")
    events.transition(w.actors.worker1, event.id, "处置")
    events.transition(w.actors.worker1, event.id, "办结", outcome="化解成功", method="其他")
    refusal = ui_support_visits.event_edit_refusal(w.actors.worker1, event.id)
    assert refusal == "事件已办结，不能再修改"


def test_event_draft_errors_lists_every_field_and_writes_nothing(visit_world):
    w = visit_world
    found = ui_support_visits.event_draft_errors(w.actors.worker1, EventDraft(kind="矛盾纠纷", people_count=0))
    assert {e.field for e in found} == {"category", "title", "people_count"}
    assert events.count(w.actors.worker1) == 0
    good = EventDraft(kind="治安", title="夜间有人翻墙", grid_id=w.g1.id)
    assert ui_support_visits.event_draft_errors(w.actors.worker1, good) == []

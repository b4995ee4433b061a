"""Event numbers: <township>-<year>-<5 digits>, unique and gap-free per township and year."""
from __future__ import annotations

import datetime as dt
import threading

import pytest

from gridapp.models import Event, EventSequence, database
from gridapp.services import attachments, events
from gridapp.services.events import EventDraft

YEAR = dt.date.today().year


def draft(grid) -> EventDraft:
    return EventDraft(kind="治安", title="夜间噪音扰民", grid_id=grid.id)


def test_numbers_count_up_per_township(visit_world):
    w = visit_world
    first = events.report(w.actors.worker1, draft(w.g1))
    second = events.report(w.actors.worker2, draft(w.g2))
    elsewhere = events.report(w.actors.worker4, draft(w.g4))
    assert first.number == f"420281103-{YEAR}-00001"
    assert second.number == f"420281103-{YEAR}-00002"
    assert elsewhere.number == f"420281109-{YEAR}-00001"


def test_a_new_year_starts_a_new_sequence(visit_world):
    w = visit_world
    EventSequence.create(township_code="420281103", year=YEAR - 1, last=812)
    assert events.report(w.actors.worker1, draft(w.g1)).number == f"420281103-{YEAR}-00001"
    assert EventSequence.get(year=YEAR - 1).last == 812


def test_a_failed_report_gives_its_number_back(visit_world, monkeypatch, tmp_path):
    w = visit_world
    events.report(w.actors.worker1, draft(w.g1))
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"jpeg")

    def broken(*args, **kwargs):
        raise OSError("disk went away")

    monkeypatch.setattr(attachments, "add_rows", broken)
    with pytest.raises(OSError):
        events.report(w.actors.worker1, draft(w.g1), attachments=[photo])
    monkeypatch.undo()
    third = events.report(w.actors.worker1, draft(w.g1))
    assert third.number == f"420281103-{YEAR}-00002"
    assert Event.select().count() == 2


def test_two_clients_writing_at_once_get_unique_gap_free_numbers(visit_world):
    """Two threads, each with its own connection to the same database file, report events at
    the same time."""
    w = visit_world
    per_client = 15
    start = threading.Barrier(2)
    numbers: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def client(actor, grid):
        database.connect(reuse_if_open=True)
        try:
            start.wait()
            for _ in range(per_client):
                number = events.report(actor, draft(grid)).number
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # reported to the test thread below
            failures.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=client, args=(w.actors.worker1, w.g1)),
               threading.Thread(target=client, args=(w.actors.worker2, w.g2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not failures, failures
    assert len(numbers) == 2 * per_client == len(set(numbers))
    assert sorted(numbers) == [f"420281103-{YEAR}-{n:05d}" for n in range(1, 2 * per_client + 1)]
    assert EventSequence.get(township_code="420281103", year=YEAR).last == 2 * per_client

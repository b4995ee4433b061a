"""Many clients on one PostgreSQL server (a networked township).

8 worker processes record visits, report events, correct them and move them through their states
at the same time, for GRIDAPP_PG_SOAK_SECONDS (60 by default; fewer for a quick local run). Each
worker counts what it changed. Afterwards the database must agree with the sum of the workers'
counts: no lost update (an event's version, its actions and its audit rows match the transitions
and corrections that succeeded, and its actions chain state to state), event numbers unique and
gap-free for the township and year, and an audit row for every change. The workers aim most of
their changes at the same few events, so they keep colliding: a refused transition (the state
moved on) or a stale correction (the version moved on) is counted, never applied.

And 8 clients starting together on an empty server create its schema once.
"""
from __future__ import annotations

import multiprocessing
import os
import random
import time
from collections import Counter, defaultdict
from dataclasses import replace

import pytest

from gridapp import workflow
from gridapp.models import AuditLog, Event, EventAction, EventSequence, Visit

PG_URL = os.environ.get("GRIDAPP_TEST_PG")
WORKERS = 8
TOWNSHIP = "420281103"  # 金山店镇
VILLAGE = "420281103200"  # 土桥村
HOUSEHOLDS = 40
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not PG_URL, reason="GRIDAPP_TEST_PG names no PostgreSQL server"),
]

# the forward path of an event, and the fields each step needs
NEXT = {
    workflow.REGISTERED: (workflow.ACCEPT, {}),
    workflow.ACCEPTED: (workflow.START, {}),
    workflow.HANDLING: (workflow.CLOSE, {"outcome": "化解成功", "method": "行政调解"}),
    workflow.CLOSED: (workflow.FOLLOW_UP, {"satisfaction": "满意"}),
    workflow.FOLLOWED_UP: (workflow.ARCHIVE, {}),
}


def soak_seconds() -> float:
    return float(os.environ.get("GRIDAPP_PG_SOAK_SECONDS", "60"))


def _open(url: str) -> list[int]:
    """A client starting: open the server's database (creating or upgrading its schema)."""
    from gridapp import db as gdb
    from gridapp.models import SchemaVersion

    gdb.open_database(url)
    versions = [v.version for v in SchemaVersion.select()]
    gdb.close_database()
    return versions


def _worker(args: tuple) -> dict:
    """One client: its own process and connection, acting as township clerk ``login``."""
    url, login, seconds, seed = args
    from gridapp import db as gdb
    from gridapp.errors import StaleRecordError, WorkflowError
    from gridapp.models import Event, Grid, Household
    from gridapp.services import events, visits
    from gridapp.services.actor import actor_for
    from gridapp.services.events import EventDraft

    gdb.open_database(url)
    actor = actor_for(login)
    rng = random.Random(seed)
    grids = [g.id for g in Grid.select(Grid.id)]
    homes = [h.id for h in Household.select(Household.id)]
    done = {"visits": 0, "reported": [], "moves": [], "edits": [], "stale": 0, "refused": 0}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.3:
            visits.record(actor, "household", rng.choice(homes), visits.VisitInput(notes=f"{login} 入户走访"))
            done["visits"] += 1
        elif roll < 0.45:
            event = events.report(actor, EventDraft(kind="治安", title=f"{login} 报告的事件",
                                                    grid_id=rng.choice(grids)))
            done["reported"].append(event.number)
        else:
            open_ids = [e.id for e in Event.select(Event.id).where(Event.state != workflow.ARCHIVED)
                        .order_by(Event.id).limit(30)]
            if not open_ids:
                continue
            event_id = rng.choice(open_ids[:3] if rng.random() < 0.7 else open_ids)
            seen = events.get(actor, event_id)
            if seen.state not in NEXT:
                continue
            version = seen.version if rng.random() < 0.5 else None
            editing = seen.state in (workflow.REGISTERED, workflow.ACCEPTED) and rng.random() < 0.3
            try:
                if editing:  # a correction: a new version, no new state
                    title = f"{login} 更正 {len(done['edits']) + 1}"
                    events.update(actor, event_id, replace(events.draft_of(actor, event_id), title=title),
                                  expected_version=seen.version)
                else:
                    action, fields = NEXT[seen.state]
                    events.transition(actor, event_id, action, expected_version=version, **fields)
            except StaleRecordError:
                done["stale"] += 1
            except WorkflowError:
                done["refused"] += 1
            else:
                done["edits" if editing else "moves"].append((event_id, "update" if editing else action))
    gdb.close_database()
    return done


@pytest.fixture
def township(tmp_path, monkeypatch):
    """A fresh schema with the township's clerks (one per worker), two grids and some households."""
    from gridapp import db as gdb
    from gridapp import refdata
    from gridapp.models import Grid, User
    from gridapp.services import households
    from gridapp.services.actor import actor_for
    from gridapp.services.households import HouseholdInput
    from gridapp.services.people import PersonInput
    from tests.conftest import _fresh_postgres

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    gdb.open_database(_fresh_postgres(PG_URL))
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    logins = [f"clerk{n}" for n in range(WORKERS)]
    for login in logins:
        User.create(login=login, display_name=login, role="township", scope_code=TOWNSHIP)
    grids = [Grid.create(code=f"{VILLAGE}{n:02d}", name=f"土桥{n}网格", village_code=VILLAGE,
                         township_code=TOWNSHIP, county_code=TOWNSHIP[:6]) for n in (1, 2)]
    clerk = actor_for(logins[0])
    for n in range(HOUSEHOLDS):
        households.create(clerk, HouseholdInput(grid_id=grids[n % 2].id, number=f"{n + 1:04d}",
                                                address=f"土桥村{n + 1}号"),
                          head=PersonInput(name=SURNAMES[n % 20] + "大山小河"[n // 20], relation="02"))
    yield logins
    gdb.close_database()


def test_clients_starting_together_on_an_empty_server_create_the_schema_once(tmp_path, monkeypatch):
    from gridapp import migrations
    from tests.conftest import _fresh_postgres

    monkeypatch.setenv("GRIDAPP_DATA_DIR", str(tmp_path / "data"))
    url = _fresh_postgres(PG_URL)
    with multiprocessing.get_context("spawn").Pool(WORKERS) as pool:
        assert pool.map(_open, [url] * WORKERS) == [[migrations.LATEST]] * WORKERS


def test_many_clients_lose_nothing(township):
    seconds = soak_seconds()
    started = AuditLog.select().count()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(WORKERS) as pool:
        results = pool.map(_worker, [(PG_URL, login, seconds, n) for n, login in enumerate(township)])

    visits_made = sum(r["visits"] for r in results)
    reported = [number for r in results for number in r["reported"]]
    moves = [tuple(m) for r in results for m in r["moves"]]
    edits = Counter(event_id for r in results for event_id, _ in r["edits"])
    summary = (f"visits {visits_made}, events {len(reported)}, transitions {len(moves)}, "
               f"edits {sum(edits.values())}, "
               f"stale {sum(r['stale'] for r in results)}, refused {sum(r['refused'] for r in results)}")
    print(summary)
    assert visits_made and reported and moves, summary

    # visits: every one stored, each with its audit row
    assert Visit.select().count() == visits_made
    audit = Counter((a.action, a.entity) for a in AuditLog.select().where(AuditLog.id > started))
    assert audit[("create", "visit")] == visits_made

    # numbers: unique and gap-free for the township and year
    year = int(reported[0].split("-")[1])
    assert sorted(reported) == [f"{TOWNSHIP}-{year}-{n:05d}" for n in range(1, len(reported) + 1)], summary
    assert sorted(e.number for e in Event.select(Event.number)) == sorted(reported)
    assert EventSequence.get(township_code=TOWNSHIP, year=year).last == len(reported)
    assert audit[("create", "event")] == len(reported)

    # transitions and edits: no lost update, an audit row each, one action per transition,
    # states chained
    per_event = Counter(event_id for event_id, _ in moves)
    assert audit[("update", "event")] == len(moves) + sum(edits.values())
    trail = defaultdict(list)
    for a in EventAction.select().order_by(EventAction.id):
        trail[a.event_id].append(a)
    uids = Counter(a.uid for a in AuditLog.select(AuditLog.uid).where(
        (AuditLog.id > started) & (AuditLog.entity == "event")))
    for event in Event.select():
        steps = trail[event.id]
        assert event.version == 1 + per_event[event.id] + edits[event.id], (event.number, summary)
        assert len(steps) == 1 + per_event[event.id] == uids[event.uid] - edits[event.id], event.number
        assert steps[0].action == workflow.REGISTER
        for before, after in zip(steps, steps[1:]):
            assert after.from_state == before.to_state, (event.number, [s.action for s in steps])
        assert event.state == steps[-1].to_state
    assert Counter(action for _, action in moves) == Counter(
        a.action for a in EventAction.select().where(EventAction.action != workflow.REGISTER))

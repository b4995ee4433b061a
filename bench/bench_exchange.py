"""Exchange a village's register between a station and its township; prints the figures.

    python bench/bench_exchange.py [--households 5000] [--seed 1]

Target (issue 8): exporting and importing a village's year — about 5,000 households with their
people, visits and events — under 10 s each way.

The village comes from ``gridapp.demo.build``. The demo spreads households over villages of about
600, so the bench gathers the whole demo into one village (大箕铺镇 石应高村, 户号 prefixed with
their original village to stay unique) before the station exports it. The demo holds two years of
visits and events; the bench keeps the last year (``--years 2`` keeps both). Wall and CPU seconds
are printed: on a shared machine the CPU figure is the steadier one. Then:

1. station → township, first (full) package: export, then import into an empty township;
2. township → station: the acknowledgement package back (what a station imports after each trip);
3. station → township again after 1% of the residents and 50 events changed: the daily package.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

VILLAGE = "420281109200"
TOWN = VILLAGE[:9]
SECRET = "bench-exchange-secret-0001"


def _open(path: Path, data: Path):
    from gridapp import db

    os.environ["GRIDAPP_DATA_DIR"] = str(data)
    db.close_database()
    return db.open_database(path)


def build_station(path: Path, data: Path, households: int, seed: int, years: int = 1) -> dict:
    from gridapp import demo
    from gridapp.models import database
    from gridapp.services import exchange
    from gridapp.services.actor import system_actor

    _open(path, data)
    started = time.perf_counter()
    summary = demo.build(households, seed)
    built = time.perf_counter() - started
    with database.atomic():
        if years < 2:
            cutoff = f"{time.localtime().tm_year - 1}{time.strftime('-%m-%d')}"
            for sql in ("DELETE FROM event_action WHERE event_id IN (SELECT id FROM event WHERE registered_at < ?)",
                        "DELETE FROM event_party WHERE event_id IN (SELECT id FROM event WHERE registered_at < ?)",
                        "DELETE FROM attachment WHERE event_id IN (SELECT id FROM event WHERE registered_at < ?)",
                        "DELETE FROM event WHERE registered_at < ?",
                        "UPDATE event SET visit_id = NULL "
                        "WHERE visit_id IN (SELECT id FROM visit WHERE visited_at < ?)",
                        "DELETE FROM attachment WHERE visit_id IN (SELECT id FROM visit WHERE visited_at < ?)",
                        "DELETE FROM visit WHERE visited_at < ?"):
                database.execute_sql(sql, (cutoff,))
        for table in ("grid", "place", "visit"):
            database.execute_sql(f"UPDATE {table} SET village_code = ?, township_code = ?", (VILLAGE, TOWN))
        database.execute_sql("UPDATE household SET number = village_code || '-' || number, "
                             "village_code = ?, township_code = ?", (VILLAGE, TOWN))
        for table in ("person", "event"):
            database.execute_sql(f"UPDATE {table} SET village_code = ?, township_code = ? "
                                 "WHERE village_code IS NOT NULL", (VILLAGE, TOWN))
        database.execute_sql("UPDATE user SET scope_code = ? WHERE scope_code IS NOT NULL AND length(scope_code) = 12",
                             (VILLAGE,))
    system = system_actor()
    exchange.setup_station(system, "S200", "石应高村服务站", village_code=VILLAGE, secret=SECRET)
    exchange.register_peer(system, "T109", "大箕铺镇综治中心", TOWN)
    return {"summary": summary, "seconds": built}


def build_township(path: Path, data: Path) -> None:
    from gridapp import refdata
    from gridapp.services import exchange
    from gridapp.services.actor import system_actor

    _open(path, data)
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    system = system_actor()
    exchange.setup_station(system, "T109", "大箕铺镇综治中心", township_code=TOWN)
    exchange.register_peer(system, "S200", "石应高村服务站", VILLAGE, SECRET)


def timed(label: str, work):
    started, cpu = time.perf_counter(), time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{label:<46} {seconds:6.2f} s (cpu {cpu:5.2f} s)   {result.summary}")
    return result, seconds


def change_some(fraction: float, events: int) -> None:
    from gridapp.models import Event, Person, database, now

    with database.atomic():
        ids = [p.id for p in Person.select(Person.id).order_by(Person.id)]
        step = max(1, int(1 / fraction))
        stamp = now()
        (Person.update(occupation="个体户", version=Person.version + 1, updated_at=stamp, updated_by="bench")
         .where(Person.id.in_(ids[::step])).execute())
        chosen = [e.id for e in Event.select(Event.id).order_by(Event.id).limit(events)]
        (Event.update(supervised=True, supervision_note="请加快办理", version=Event.version + 1, updated_at=stamp,
                      updated_by="bench").where(Event.id.in_(chosen)).execute())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", type=int, default=1, choices=(1, 2), help="years of visits and events kept")
    args = parser.parse_args()

    from gridapp.models import Event, Household, Person, Visit
    from gridapp.services import exchange
    from gridapp.services.actor import system_actor

    with tempfile.TemporaryDirectory(prefix="bench-exchange-") as tmp:
        root = Path(tmp)
        station = (root / "station" / "gridapp.sqlite3", root / "station")
        township = (root / "township" / "gridapp.sqlite3", root / "township")
        built = build_station(*station, args.households, args.seed, args.years)
        counts = {m.__name__: m.select().count() for m in (Household, Person, Visit, Event)}
        print(f"village built by demo.build in {built['seconds']:.1f} s: "
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        build_township(*township)
        actor = system_actor()
        pkg1 = root / "usb" / "s200-1.gridpkg"

        _open(*station)
        result, export_s = timed("station → township: export (full register)",
                                 lambda: exchange.export_package(actor, pkg1))
        print(f"{'':<46} package {result.size / 1024 / 1024:.1f} MB, {result.records:,} records")
        _open(*township)
        _, import_s = timed("station → township: import into empty township",
                            lambda: exchange.import_package(actor, pkg1))
        pkg2 = root / "usb" / "t109-1.gridpkg"
        timed("township → station: export (acknowledgement)",
              lambda: exchange.export_package(actor, pkg2, receiver="S200"))
        _open(*station)
        timed("township → station: import", lambda: exchange.import_package(actor, pkg2))
        change_some(0.01, 50)
        pkg3 = root / "usb" / "s200-2.gridpkg"
        timed("station → township: export after 1% changed", lambda: exchange.export_package(actor, pkg3))
        _open(*township)
        timed("station → township: import of that package", lambda: exchange.import_package(actor, pkg3))
        again = root / "usb" / "s200-1.gridpkg"
        timed("station → township: the first package again", lambda: exchange.import_package(actor, again))
        from gridapp import db

        db.close_database()
    verdict = "OK" if export_s < 10 and import_s < 10 else "TOO SLOW"
    print(f"target < 10 s each way: export {export_s:.2f} s, import {import_s:.2f} s — {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

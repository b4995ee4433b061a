"""Login time: what a person waits for after pressing 登录, and what a password guess costs.

    python bench/bench_login.py [--runs 30] [--encrypted]

Prints the median and the slowest of: hashing a password (scrypt n=16384, r=8, p=1), a successful
``authenticate`` (hash check + counter reset + audit row + Actor), a wrong password (counted
towards the lockout), an unknown login (answered as slowly as a known one), and unlocking an
idle-locked client (``verify_password``). With ``--encrypted`` the database is a SQLCipher file,
and opening it (the key derivation) is timed too. Works on a throw-away database in a temp folder.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gridapp import db as gdb  # noqa: E402
from gridapp import refdata  # noqa: E402
from gridapp.errors import PermissionDenied  # noqa: E402
from gridapp.models import User  # noqa: E402
from gridapp.services import accounts  # noqa: E402

PASSWORD = "Grid2026ok"
PASSPHRASE = "bench-passphrase-1"


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def show(label: str, seconds: list[float]) -> None:
    print(f"{label:<34} median {statistics.median(seconds) * 1000:7.1f} ms   max {max(seconds) * 1000:7.1f} ms"
          f"   ({len(seconds)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--encrypted", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["GRIDAPP_DATA_DIR"] = folder
        path = Path(folder) / "login.sqlite3"
        key = PASSPHRASE if args.encrypted else None
        gdb.open_database(path, passphrase=key)
        refdata.load_county("420281")
        refdata.load_codes()
        refdata.load_defaults()
        accounts.create_first_admin("admin", PASSWORD)
        admin = accounts.authenticate("admin", PASSWORD)
        accounts.create_user(admin, "zhang", "张三", "grid_worker", "420281103200", PASSWORD)

        show("hash a password (scrypt)", timed(lambda: accounts.hash_password(PASSWORD), args.runs))
        show("login (right password)", timed(lambda: accounts.authenticate("zhang", PASSWORD), args.runs))

        def wrong():
            try:
                accounts.authenticate("zhang", "Wrong2026x")
            except PermissionDenied:
                pass
            User.update(failed_logins=0, locked_until=None).where(User.login == "zhang").execute()

        def unknown():
            try:
                accounts.authenticate("nobody", PASSWORD)
            except PermissionDenied:
                pass

        show("login (wrong password)", timed(wrong, args.runs))
        show("login (unknown user)", timed(unknown, args.runs))
        actor = accounts.authenticate("zhang", PASSWORD)
        show("unlock idle client", timed(lambda: accounts.verify_password(actor, PASSWORD), args.runs))
        gdb.close_database()
        if args.encrypted:
            def reopen():
                gdb.open_database(path, passphrase=key)
                User.select().count()
                gdb.close_database()

            show("open encrypted database (KDF)", timed(reopen, max(3, args.runs // 5)))
        guesses = 1 / statistics.median(timed(lambda: accounts.check_password_hash("x", accounts.hash_password("y")),
                                               5)) * 2
        print(f"offline guessing cost: about {guesses:.0f} guesses per second per core against one stolen hash")


if __name__ == "__main__":
    main()

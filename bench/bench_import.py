"""Import a 20,000-row household workbook into a fresh database; prints the figures.

    python bench/bench_import.py [--rows 20000]

Target (issue 5): under 20 s, validation included. The workbook has one row per person in
households of 1–5 members spread over the villages of 金山店镇, with tags on some rows; a second
run of the same file shows the cost of an idempotent re-import.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_workbook(path: Path, rows: int, seed: int = 5) -> int:
    from openpyxl import Workbook

    from gridapp.ids import make_id

    rnd = random.Random(seed)
    villages = ["新村社区", "富民社区", "土桥村", "马坪村", "向阳村", "山下村", "火石村", "白合村", "梅山村", "龙口村"]
    surnames = "张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华"
    tags = ["", "", "", "", "独居老人", "低保户", "残疾人、低保户", "留守儿童", "退役军人"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("户籍人口")
    ws.append(["金山店镇户籍人口登记表"])
    ws.append(["乡镇(街道)", "村(社区)", "网格", "户号", "户主姓名", "姓名", "与户主关系", "性别", "民族", "公民身份号码",
               "出生日期", "联系电话", "现住址", "户籍地址", "人口类型", "人员类别", "备注"])
    n, household = 0, 0
    used: set[str] = set()
    while n < rows:
        household += 1
        village = villages[household % len(villages)]
        size = min(rnd.randint(1, 5), rows - n)
        head = rnd.choice(surnames) + rnd.choice(given) + rnd.choice(given)
        for k in range(size):
            while True:
                birth = dt.date(1940, 1, 1) + dt.timedelta(days=rnd.randrange(0, 29000))
                number = make_id("420281", birth, rnd.randrange(0, 1000))
                if number not in used:
                    used.add(number)
                    break
            name = head if k == 0 else head[0] + rnd.choice(given) + rnd.choice(given)
            relation = ["户主", "妻", "子", "女", "母亲"][k]
            ws.append(["金山店镇", village, f"第{household % 3 + 1}网格", f"{household:05d}", head, name, relation,
                       None, "汉族", number, None, f"138{rnd.randrange(10**8):08d}" if k == 0 else None,
                       f"{village}{household % 40}组{household}号", None, "户籍人口", rnd.choice(tags), None])
            n += 1
    wb.save(path)
    return household


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["GRIDAPP_DATA_DIR"] = str(work / "data")
    from gridapp import db, refdata
    from gridapp.importers import import_file
    from gridapp.services.actor import system_actor

    book = work / "households.xlsx"
    t = time.perf_counter()
    households = make_workbook(book, args.rows)
    print(f"workbook: {args.rows} rows, {households} households, {book.stat().st_size / 1e6:.1f} MB "
          f"(built in {time.perf_counter() - t:.1f} s)")
    db.open_database(work / "bench.sqlite3")
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()
    actor = system_actor()
    for label in ("first import", "re-import"):
        t, cpu = time.perf_counter(), time.process_time()
        outcome = import_file(actor, "households", book)
        elapsed, cpu = time.perf_counter() - t, time.process_time() - cpu
        print(f"{label}: {elapsed:.1f} s wall, {cpu:.1f} s CPU  {outcome.as_json()}  (target < 20 s)")
    db.close_database()


if __name__ == "__main__":
    main()

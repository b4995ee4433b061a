"""``gridapp demo``: build the deterministic demo county into the opened database."""
from __future__ import annotations

from gridapp import demo
from gridapp.commands.progress import TextProgress


def run(args) -> int:
    """Build ``args.households`` households with ``args.seed``; progress on stderr, a summary on stdout."""
    with TextProgress("生成演示数据") as progress:
        s = demo.build(households=args.households, seed=args.seed, on_progress=progress)
    print(f"演示县已生成：{s.townships} 个乡镇（街道）、{s.villages} 个村（社区）、{s.grids} 个网格、"
          f"{s.users} 个账号、{s.households} 户 {s.persons} 人、重点人群 {s.tags} 人次、场所 {s.places} 处、"
          f"走访 {s.visits} 次、事件 {s.events} 件（办理记录 {s.actions} 条），用时 {s.seconds:.1f} 秒")
    return 0

"""Timing helpers shared by the benchmarks: repeated runs with wall and CPU time, one printed line."""
from __future__ import annotations

import statistics
import time


class Rollback(Exception):
    """Raised inside a transaction to undo a measured write."""


def measure(fn, runs: int) -> tuple[list[float], list[float], object]:
    """``fn`` once to warm up, then ``runs`` times: (wall ms, CPU ms, the last result)."""
    fn()
    walls, cpus, result = [], [], None
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        walls.append((time.perf_counter() - w0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return walls, cpus, result


def line(label: str, walls: list[float], cpus: list[float], target: float | None = None, width: int = 46) -> None:
    """p50 and p95 of the wall times, the CPU median, and whether the median meets ``target``."""
    walls, cpus = sorted(walls), sorted(cpus)
    p95 = walls[max(0, round(0.95 * len(walls)) - 1)]
    verdict = ""
    if target is not None:
        verdict = f"  target < {target:.0f} ms: {'ok' if statistics.median(walls) < target else 'MISSED'}"
    print(f"  {label:<{width}} p50 {statistics.median(walls):6.1f} ms  p95 {p95:6.1f} ms  "
          f"(cpu p50 {statistics.median(cpus):6.1f} ms){verdict}")

"""A text progress bar for long commands: an ``on_progress(done, total)`` callable."""
from __future__ import annotations

import sys
import time


class TextProgress:
    """Redraws one line on a terminal; on a pipe or file, prints a line every 10 percent."""

    def __init__(self, label: str, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_step = -1
        self._last_draw = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        fraction = min(max(done / total, 0.0), 1.0)
        if self.tty:
            now = time.monotonic()
            if now - self._last_draw < 0.1 and done < total:
                return
            self._last_draw = now
            bar = "#" * int(fraction * 30)
            self.stream.write(f"\r{self.label} [{bar:<30}] {fraction:6.1%}")
            self.stream.flush()
            self._drawn = True
        else:
            step = int(fraction * 10)
            if step != self._last_step:
                self._last_step = step
                self.stream.write(f"{self.label}：{fraction:.0%}\n")
                self.stream.flush()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()

"""Paper forms as plain data: what a printed page says, not how it is drawn.

Services build a ``PrintForm`` (入户登记表, 走访记录, 调解协议书, 汇总总表); the desktop client renders
it with Qt's print support (``ui/printing.py``) to the printer, a preview or a PDF. Keeping the content
here means the text of every form is tested without Qt, and every form reads the same on paper.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FormTable:
    """A table whose header row repeats on every printed page."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    # Relative column widths (same length as headers); None spreads them evenly.
    widths: tuple[int, ...] | None = None


@dataclass(frozen=True)
class FormSection:
    """A heading with a paragraph of free text (facts of a case, an agreement …)."""

    heading: str
    text: str


@dataclass(frozen=True)
class PrintForm:
    title: str
    station: str  # the station or unit printed under the title
    fields: tuple[tuple[str, str], ...] = ()  # label/value pairs laid out two per line
    tables: tuple[FormTable, ...] = ()
    sections: tuple[FormSection, ...] = ()
    signatures: tuple[str, ...] = ()  # labels of signature lines, e.g. 当事人（签名）
    note: str = ""  # a small print line under the content (masking note, legal basis …)
    landscape: bool = False
    printed_on: str = ""  # 打印日期, filled by the builder
    extra: dict = field(default_factory=dict, compare=False)

    def plain_text(self) -> str:
        """Everything the form says, in reading order (for tests and accessibility)."""
        parts = [self.title, self.station, self.printed_on]
        parts += [f"{k}：{v}" for k, v in self.fields]
        for t in self.tables:
            parts.append(t.caption)
            parts.append(" ".join(t.headers))
            parts += [" ".join(r) for r in t.rows]
        for s in self.sections:
            parts += [s.heading, s.text]
        parts += list(self.signatures)
        parts.append(self.note)
        return "\n".join(p for p in parts if p)

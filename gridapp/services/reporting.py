"""报表 and 导入 for the desktop client: the summary, the ledger exports and the ledger imports.

The work itself lives in ``gridapp.reports`` (summary, ledgers, the printable 总表) and
``gridapp.importers`` (preview, import, templates); this module is the one door the 报表 page and
the import wizard go through, and adds what a form needs around them:

* who may do what (``may_summarize``, ``may_export_ledgers``, ``may_import``, ``may_unmask``);
* the period a picker describes (month, quarter, half-year, year with the cutoff day set in 设置,
  or a custom range), the period running today and the last complete month (the default);
* the default file names: ``金山店镇网格化服务管理工作汇总表_2026年10月.xlsx``,
  ``金山店镇走访台账_2026-11-28.xlsx``, ``households_traps_未导入的行.xlsx``.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from gridapp.errors import ValidationError
from gridapp.importers import KINDS as IMPORT_KINDS
from gridapp.importers import ImportOutcome, Preview, RowError, import_file, preview
from gridapp.importers.templates import TITLES as TEMPLATE_TITLES
from gridapp.importers.templates import write_template
from gridapp.reports import periods
from gridapp.reports.ledgers import KINDS as LEDGER_KINDS
from gridapp.reports.ledgers import TITLES as LEDGER_TITLES
from gridapp.reports.ledgers import LedgerOutcome, export_ledger
from gridapp.reports.periods import Period
from gridapp.reports.summary import CARE_GROUP, GROUP_COLUMNS, Summary, UnitRow, compute_summary, write_summary
from gridapp.reports.summary_form import COMPARED, comparison, fraction, percent, summary_form
from gridapp.services.actor import GRID_WORKER, TOWNSHIP, VILLAGE_ADMIN, Actor

SUMMARY_ROLES = frozenset({VILLAGE_ADMIN, TOWNSHIP})
LEDGER_ROLES = frozenset({GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP})
IMPORT_ROLES = LEDGER_ROLES
GROUP_NAMES = tuple(name for _, name in GROUP_COLUMNS) + (CARE_GROUP,)  # UnitRow.groups, in order
SUMMARY_TITLE = "网格化服务管理工作汇总表"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows refuses in a file name, and spaces


# --------------------------------------------------------------------------- permissions
def may_summarize(actor: Actor) -> bool:
    """汇总表: village administrators and township centres."""
    return actor.role in SUMMARY_ROLES


def may_export_ledgers(actor: Actor) -> bool:
    return actor.role in LEDGER_ROLES


def may_import(actor: Actor) -> bool:
    return actor.role in IMPORT_ROLES


def may_unmask(actor: Actor) -> bool:
    """Whether the actor may export full ID numbers and phones (the export is audited)."""
    return actor.can_unmask and may_export_ledgers(actor)


# --------------------------------------------------------------------------- periods
def cutoff_day() -> int | None:
    """The report cutoff day set in 设置 (None: calendar months)."""
    return periods.cutoff_day()


def period(kind: str, year: int = 0, index: int = 0, date_from: dt.date | None = None,
           date_to: dt.date | None = None, cutoff: int | None = None) -> Period:
    """The period of a picker: ``month`` (index 1–12), ``quarter`` (1–4), ``half`` (1–2), ``year``
    under ``cutoff``, or ``custom`` from ``date_from`` to ``date_to``. ValidationError names the
    field at fault."""
    if kind == "month":
        return periods.month(year, index, cutoff)
    if kind == "quarter":
        return periods.quarter(year, index, cutoff)
    if kind == "half":
        return periods.half(year, index, cutoff)
    if kind == "year":
        return periods.year(year, cutoff)
    if kind == "custom":
        if date_from is None:
            raise ValidationError("请填写开始日期", field="date_from")
        if date_to is None:
            raise ValidationError("请填写结束日期", field="date_to")
        return periods.custom(date_from, date_to)
    raise ValidationError(f"不支持的统计时段类型：{kind}", field="period")


def report_month(day: dt.date, cutoff: int | None) -> tuple[int, int]:
    """(year, month) of the statistical month that ``day`` falls in: with a cutoff of 25,
    10-26 already belongs to November, and 12-26 to January of the next year."""
    if cutoff and day.day > cutoff:
        return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return day.year, day.month


def current_period(kind: str, today: dt.date, cutoff: int | None) -> Period:
    """The period of ``kind`` (not custom) that contains ``today``."""
    y, m = report_month(today, cutoff)
    index = {"month": m, "quarter": (m - 1) // 3 + 1, "half": (m - 1) // 6 + 1, "year": 0}[kind]
    return period(kind, y, index, cutoff=cutoff)


def default_period(today: dt.date, cutoff: int | None) -> Period:
    """What a clerk reports on by default: the last complete month."""
    return periods.previous(current_period("month", today, cutoff))


# --------------------------------------------------------------------------- file names
def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text).strip("_.")


def summary_file_name(unit_name: str, period_: Period) -> str:
    """``金山店镇网格化服务管理工作汇总表_2026年10月.xlsx``."""
    return f"{_safe(unit_name)}{SUMMARY_TITLE}_{_safe(period_.label)}.xlsx"


def ledger_file_name(unit_name: str, kind: str, day: dt.date) -> str:
    """``金山店镇走访台账_2026-11-28.xlsx``."""
    return f"{_safe(unit_name)}{LEDGER_TITLES[kind]}_{day:%Y-%m-%d}.xlsx"


def template_file_name(kind: str) -> str:
    """``户籍人口信息导入模板.xlsx``."""
    return f"{TEMPLATE_TITLES[kind][1]}.xlsx"


def errors_file_name(source: str | Path) -> str:
    """The rejected rows of ``households.xlsx``: ``households_未导入的行.xlsx``."""
    return f"{Path(source).stem}_未导入的行.xlsx"


__all__ = [
    "may_summarize", "may_export_ledgers", "may_import", "may_unmask", "cutoff_day", "period", "report_month",
    "current_period", "default_period", "summary_file_name", "ledger_file_name", "errors_file_name",
    "template_file_name",
    "compute_summary", "write_summary", "summary_form", "comparison", "fraction", "percent", "COMPARED",
    "export_ledger", "import_file", "preview", "write_template", "Summary", "UnitRow", "Period",
    "LedgerOutcome", "ImportOutcome", "Preview", "RowError", "GROUP_NAMES", "LEDGER_KINDS", "LEDGER_TITLES",
    "IMPORT_KINDS", "SUMMARY_TITLE",
]

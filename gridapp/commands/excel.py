"""CLI handlers for ``gridapp import``, ``gridapp export`` and ``gridapp template`` (DESIGN.md §6).

``gridapp.cli`` parses the options and calls these with the parsed ``args`` and the acting user.
Each returns the exit code: 0 ok, 3 when an import rejected some rows (the good ones are
committed; ``--errors`` lists the rest). Input errors are raised as ``GridappError`` and turned
into exit code 1 by ``gridapp.cli``. Progress goes to stderr; ``--json`` prints the outcome as
the last line of stdout.
"""
from __future__ import annotations

import datetime as dt
import json

from gridapp.commands.progress import TextProgress
from gridapp.errors import ValidationError
from gridapp.importers import KIND_LABELS, import_file, resolve_unit
from gridapp.reports import periods

EXIT_OK, EXIT_PARTIAL = 0, 3
SHOWN_ERRORS = 20


def _date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(f"{option} 的日期格式应为 YYYY-MM-DD，实际为“{value}”", field=option) from None


def _range(args) -> tuple[dt.date | None, dt.date | None]:
    """--period wins over --from/--to; the months follow the cutoff day set in 设置."""
    if getattr(args, "period", None):
        period = periods.parse(args.period, periods.cutoff_day())
        return period.start, period.end
    start, end = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if start and end and end < start:
        raise ValidationError(f"--to（{end}）早于 --from（{start}）", field="--to")
    return start, end


def run_import(args, actor) -> int:
    with TextProgress(f"导入{KIND_LABELS[args.kind]}") as progress:
        outcome = import_file(actor, args.kind, args.file, unit=getattr(args, "unit", None), dry_run=args.dry_run,
                              errors_path=args.errors, on_progress=progress)
    created = {"households": f"新建户 {outcome.households_created}，新建人员 {outcome.persons_created}",
               "visits": f"新增走访 {outcome.visits_created}",
               "events": f"新增事件 {outcome.events_created}"}[args.kind]
    print(f"共 {outcome.rows} 行：可导入 {outcome.accepted} 行，拒绝 {outcome.rejected} 行；{created}，"
          f"新建网格 {outcome.grids_created}，更新 {outcome.updated}")
    if outcome.dry_run:
        print("试运行：只做了校验，没有写入数据库")
    for error in outcome.errors[:SHOWN_ERRORS]:
        print(f"  第{error.row_number}行：{error.message}")
    if len(outcome.errors) > SHOWN_ERRORS:
        print(f"  ……另有 {len(outcome.errors) - SHOWN_ERRORS} 行被拒绝")
    if outcome.errors_path:
        print(f"被拒绝的行及原因已写入 {outcome.errors_path}（改正后可单独再导入）")
    elif outcome.errors:
        print("可用 --errors OUT.xlsx 把被拒绝的行及原因写成工作簿")
    if args.json:
        print(json.dumps(outcome.as_json(), ensure_ascii=False))
    return EXIT_PARTIAL if outcome.rejected else EXIT_OK


def run_export(args, actor) -> int:
    start, end = _range(args)
    if args.kind == "summary":
        from gridapp.reports.summary import write_summary

        if not args.unit:
            raise ValidationError("导出汇总表须用 --unit 指定单位（村、乡镇或县的名称或代码）", field="--unit")
        if start is None or end is None:
            raise ValidationError("请用 --from 和 --to（或 --period，如 2026-10、2026Q3、2026H1、2026）指定统计时段",
                                  field="--from")
        division = resolve_unit(args.unit)
        with TextProgress("汇总") as progress:
            path = write_summary(actor, division.code, start, end, args.output, compare=args.compare,
                                 on_progress=progress)
        label = periods.identify(start, end, periods.cutoff_day()).label
        print(f"已导出{division.name}汇总表（{label}）：{path}")
        return EXIT_OK
    from gridapp.reports.ledgers import TITLES, export_ledger

    with TextProgress("导出") as progress:
        outcome = export_ledger(actor, args.kind, args.output, unit=args.unit, date_from=start, date_to=end,
                                unmask=args.unmask, on_progress=progress)
    masked = "身份证号和电话为完整号码（已记入审计日志）" if outcome.unmasked else "身份证号和电话已打码"
    print(f"已导出{TITLES[args.kind]} {outcome.rows} 行（{masked}）：{outcome.path}")
    return EXIT_OK


def run_template(args) -> int:
    from gridapp.importers.templates import write_template

    path = write_template(args.kind, args.output)
    print(f"已生成{KIND_LABELS[args.kind]}导入模板：{path}")
    return EXIT_OK

"""Importing the Excel ledgers people already keep: households, visits and events (DESIGN.md §7).

``import_file()`` reads the workbook (``sheet.read_table``), checks every row before anything is
written, then writes the accepted rows in ONE transaction (so an interruption or a cancel leaves
nothing of the import), and reports an ``ImportOutcome``. ``preview()`` does the reading and
checking only, for the import wizard.

Each bad row is rejected with a Chinese reason that names its column (``公民身份号码：校验位错误：
应为 7，实际为 X``); ``errors_path`` receives the rejected rows with their original cells plus
原行号 and 错误原因, and that file, once corrected, imports on its own (the two extra columns are
ignored).

Places: 乡镇(街道) and 村(社区) are resolved by name or code among the known divisions (the unit
chosen for the import is the default when the file has no such column); a 网格 named in the file
that doesn't exist yet in its village is created (``grids_created``).

Keys (re-importing the same file changes nothing and creates nothing): persons by ID number
(by name within their household when there is none), households by village + 户号, events by
编号, visits by date + target + visitor.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import peewee as pw

from gridapp import db as gdb
from gridapp import dialect
from gridapp.errors import Cancelled, GridappError, PermissionDenied, ValidationError
from gridapp.importers.cells import clean_text
from gridapp.importers.sheet import Column, SheetRow, Table, read_table
from gridapp.models import Division, Grid, database
from gridapp.services import audit
from gridapp.services.actor import (
    GRID_WORKER, TOWNSHIP, VILLAGE_ADMIN, Actor, division_in_scope, require_role,
)

KINDS = ("households", "visits", "events")
KIND_LABELS = {"households": "户籍人口", "visits": "走访记录", "events": "矛盾纠纷排查化解台账"}
PREVIEW_ROWS = 20
_LONG_QUOTE = re.compile(r"“([^”]{31,})”")  # a long cell quoted back in a message is shortened
ERROR_HEADERS = ("原行号", "错误原因")


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class RowError:
    row_number: int  # the row in the workbook, as Excel shows it
    column: str | None  # the file's header of the first column at fault (None: the whole row)
    message: str  # every reason of the row, each starting with its column: "姓名：不能为空；…"
    cells: tuple  # the row's original cells (merged cells filled)


@dataclass(frozen=True)
class ImportOutcome:
    kind: str
    rows: int
    accepted: int
    rejected: int
    households_created: int = 0
    persons_created: int = 0
    grids_created: int = 0
    updated: int = 0
    events_created: int = 0
    visits_created: int = 0
    errors: tuple[RowError, ...] = ()
    mapping: dict = field(default_factory=dict)  # header in the file -> field
    dry_run: bool = False
    errors_path: str | None = None

    def as_json(self) -> dict:
        """The ``--json`` object of DESIGN.md §6."""
        out = {"rows": self.rows, "accepted": self.accepted, "rejected": self.rejected}
        if self.kind == "households":
            out.update(households_created=self.households_created, persons_created=self.persons_created)
        elif self.kind == "events":
            out["events_created"] = self.events_created
        else:
            out["visits_created"] = self.visits_created
        out.update(grids_created=self.grids_created, updated=self.updated)
        if self.dry_run:
            out["dry_run"] = True
        if self.errors_path:
            out["errors_file"] = self.errors_path
        return out


@dataclass(frozen=True)
class Preview:
    kind: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]  # the file's header texts
    mapping: dict  # header text -> field
    labels: dict  # field -> the canonical Chinese header
    unmapped: tuple[str, ...]  # headers in the file that will be ignored
    sample: tuple[tuple[int, tuple[str, ...]], ...]  # (row number, cell texts) of the first rows
    rows: int
    good: int
    bad: int
    errors: tuple[RowError, ...]


# --------------------------------------------------------------------------- shared machinery
class RowProblems:
    """Collects the reasons of one row, each prefixed with the file's header of its column."""

    def __init__(self, table: Table, columns: dict[str, Column]):
        self._table = table
        self._columns = columns
        self._header_of = {f: h for h, f in table.mapping.items()}
        self.items: list[tuple[str | None, str]] = []

    def header(self, fld: str | None) -> str | None:
        if fld is None:
            return None
        if fld in self._header_of:
            return self._header_of[fld]
        col = self._columns.get(fld)
        return col.header if col else fld

    def add(self, fld: str | None, message: str) -> None:
        message = _LONG_QUOTE.sub(lambda m: f"“{m.group(1)[:20]}…”", message)
        header = self.header(fld)
        if header:
            for label in (header, self._columns[fld].header if fld in self._columns else header):
                if message.startswith(label) and len(message) > len(label):
                    message = message[len(label):].lstrip("：:")
                    break
            message = f"{header}：{message}"
        self.items.append((header, message))

    def error(self, fld: str | None, exc: ValidationError) -> None:
        self.add(fld, exc.message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def row_error(self, row: SheetRow) -> RowError:
        return RowError(row_number=row.number, column=self.items[0][0], message="；".join(
            dict.fromkeys(m for _, m in self.items)), cells=row.cells)


class Places:
    """Resolves 乡镇(街道)/村(社区)/网格 cells to known divisions and grids, in memory.

    A grid named in the file that its village doesn't have yet is created by ``grid_id`` when the
    first accepted row needs it (so a grid named only by rejected rows is never created).
    """

    def __init__(self, actor: Actor, unit: Division | None):
        self.actor = actor
        self.unit = unit
        self.divisions = {d.code: d for d in Division.select()}
        self.townships = [d for d in self.divisions.values() if d.level == "township"]
        self.villages = [d for d in self.divisions.values() if d.level == "village"]
        self.grids: dict[str, list[Grid]] = {}
        for g in Grid.select().where(Grid.deleted_at.is_null()):
            self.grids.setdefault(g.village_code, []).append(g)
        self.new_grids: dict[tuple[str, str], int | None] = {}  # (village, name) -> id once created
        self.created = 0
        self._in_scope: dict[str, bool] = {}
        self._cache: dict[tuple, tuple] = {}

    def _scope_ok(self, code: str) -> bool:
        if code not in self._in_scope:
            self._in_scope[code] = division_in_scope(self.actor, code)
        return self._in_scope[code]

    @staticmethod
    def _match(candidates, text: str, suffixes: tuple[str, ...]):
        exact = [d for d in candidates if text in (d.code, d.name)]
        if exact:
            return exact
        return [d for d in candidates if any(d.name == text + s for s in suffixes)
                or any(text == d.name + s for s in ("委员会", "居委会", "村委会", "办事处"))]

    def default(self, level: str) -> Division | None:
        """The unit's division at ``level`` (or the one that contains it), if the unit fixes it."""
        if self.unit is None:
            return None
        code = {"township": 9, "village": 12}[level]
        if len(self.unit.code) >= code:
            return self.divisions.get(self.unit.code[:code])
        return None

    def _memo(self, key: tuple, compute):
        """Each distinct cell is resolved once per import (a ledger repeats its places on every row)."""
        if key not in self._cache:
            try:
                self._cache[key] = (compute(), None)
            except GridappError as exc:
                self._cache[key] = (None, exc)
        result, error = self._cache[key]
        if error is not None:
            raise error
        return result

    def township(self, value) -> str | None:
        text = clean_text(value).replace(" ", "")
        return self._memo(("township", text), lambda: self._township(text))

    def village(self, township: str | None, value) -> str:
        text = clean_text(value).replace(" ", "")
        return self._memo(("village", township, text), lambda: self._village(township, text))

    def grid(self, village: str, value) -> tuple[int | None, str | None]:
        """(grid id, None) for a known grid, (None, name) for one to create; checks scope."""
        text = clean_text(value)
        return self._memo(("grid", village, text), lambda: self._grid(village, text))

    def _township(self, text: str) -> str | None:
        if not text:
            d = self.default("township")
            return d.code if d else None
        scope = self.unit.code if self.unit else ""
        known = self._match(self.townships, text, ("镇", "乡", "街道", "街道办事处"))
        found = [d for d in known if d.code.startswith(scope[:9]) or scope.startswith(d.code)]
        if not found and known:
            raise ValidationError(f"{known[0].name}不在导入单位（{self.unit.name}）范围内", field="township")
        if not found:
            raise ValidationError(f"乡镇(街道)“{text}”不存在（可填写名称或9位代码）", field="township")
        code = found[0].code
        # A village's ledger names the township above it: the township need only contain the
        # actor's scope; the village (checked next) decides.
        if not (self._scope_ok(code) or (self.actor.scope_code or "").startswith(code)):
            raise PermissionDenied(f"{found[0].name}不在您的管辖范围内")
        return code

    def _village(self, township: str | None, text: str) -> str:
        if not text:
            d = self.default("village")
            if d is None:
                raise ValidationError("村(社区)不能为空（文件中没有村(社区)列时，请选择导入到哪个村(社区)）",
                                      field="village")
            if township and not d.code.startswith(township):
                raise ValidationError(f"导入单位{d.name}不属于该乡镇(街道)", field="village")
            return d.code
        prefix = township or (self.unit.code if self.unit else "")
        found = self._match([v for v in self.villages if v.code.startswith(prefix)], text, ("村", "社区"))
        if not found:
            where = self.divisions[prefix].name if prefix in self.divisions else "已知区划"
            raise ValidationError(f"村(社区)“{text}”在{where}中不存在（可填写名称或12位代码）", field="village")
        if len(found) > 1:
            names = "、".join(self.divisions[v.parent].name for v in found if v.parent in self.divisions)
            raise ValidationError(f"村(社区)“{text}”有重名（{names}），请填写乡镇(街道)列", field="village")
        if not self._scope_ok(found[0].code):
            raise PermissionDenied(f"{found[0].name}不在您的管辖范围内")
        return found[0].code

    def _grid(self, village: str, text: str) -> tuple[int | None, str | None]:
        grids = self.grids.get(village, [])
        if self.actor.role == GRID_WORKER:
            grids = [g for g in grids if g.id in self.actor.grid_ids]
        if not text:
            if len(grids) == 1:
                return grids[0].id, None
            name = self.divisions[village].name
            if not grids:
                raise ValidationError(f"网格不能为空：{name}还没有网格，请填写网格名称（导入时自动新建）", field="grid")
            raise ValidationError(f"网格不能为空：{name}有{len(grids)}个网格，请填写网格名称", field="grid")
        for g in grids:
            if text in (g.name, g.code):
                return g.id, None
        if self.actor.role == GRID_WORKER:
            raise PermissionDenied(f"网格“{text}”不是您负责的网格（网格员不能新建网格）")
        if len(text) > 64:
            raise ValidationError("网格名称不能超过64个字", field="grid")
        self.new_grids.setdefault((village, text), None)
        return None, text

    def grid_id(self, village: str, grid_id: int | None, new_name: str | None) -> int:
        """The id of a known grid, or of the new one, created on first use (inside the caller's
        transaction) through the grid service."""
        if grid_id is not None:
            return grid_id
        if self.new_grids.get((village, new_name)) is None:
            from gridapp.services import grids

            self.new_grids[(village, new_name)] = grids.create_grid(self.actor, village, new_name).id
            self.created += 1
        return self.new_grids[(village, new_name)]


@dataclass
class Batch:
    """What an importer's ``prepare`` found: rows to write, rejected rows, planned counts."""

    errors: list[RowError] = field(default_factory=list)
    accepted: int = 0
    counts: dict = field(default_factory=dict)
    payload: object = None


@dataclass
class Context:
    actor: Actor
    table: Table
    places: Places
    step: Callable[[int, int], None]
    is_cancelled: Callable[[], bool]

    def check_cancel(self) -> None:
        if self.is_cancelled():
            raise Cancelled()


def bulk_insert(model, rows: list[dict]) -> None:
    """Insert many rows of one model with a single prepared statement (``executemany``).

    Peewee's ``insert_many`` builds one SQL text per batch, which costs more than the insert
    itself for tens of thousands of rows. Every dict must have the same keys (field names);
    values go through each field's ``db_value`` exactly as peewee would send them.
    """
    if not rows:
        return
    db = database.obj
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, pw.AutoField)]
    defaults = {f.name: f.default for f in fields if f.name not in rows[0]}
    def quote(name: str) -> str:
        return db.quote[0] + name + db.quote[1]

    sql = (f"INSERT INTO {quote(model._meta.table_name)} ({', '.join(quote(f.column_name) for f in fields)}) "
           f"VALUES ({', '.join(['?'] * len(fields))})")

    def value(row: dict, f):
        if f.name in row:
            return f.db_value(row[f.name])
        default = defaults[f.name]
        return f.db_value(default() if callable(default) else default)

    values = [tuple(value(row, f) for f in fields) for row in rows]
    try:
        dialect.execute_many(sql, values)
    except Exception as exc:  # the raw driver's errors: a full disk must say so, as peewee's do
        translated = gdb.write_error(exc, Path(str(getattr(db, "path", ""))))
        if translated is not None:
            raise translated from exc
        raise


def _importer(kind: str):
    if kind == "households":
        from gridapp.importers import households as module
    elif kind == "visits":
        from gridapp.importers import visits as module
    elif kind == "events":
        from gridapp.importers import events as module
    else:
        raise ValidationError(f"不支持的导入类型：{kind}（可选 households、visits、events）", field="kind")
    return module


def columns(kind: str) -> tuple[Column, ...]:
    """The importable columns of a kind, in template order."""
    return _importer(kind).COLUMNS


def resolve_unit(unit) -> Division | None:
    """A division from its code or name (None passes through)."""
    if unit is None or isinstance(unit, Division):
        return unit
    text = clean_text(unit).replace(" ", "")
    if not text:
        return None
    found = list(Division.select().where((Division.code == text) | (Division.name == text)))
    if not found:
        found = [d for d in Division.select().where(Division.name.startswith(text))
                 if d.name in {text + s for s in ("镇", "乡", "街道", "村", "社区", "市", "县", "区")}]
    if not found:
        raise ValidationError(f"单位“{text}”不存在（可填写区划名称或代码）", field="unit")
    if len(found) > 1:
        raise ValidationError(f"单位“{text}”有重名，请填写区划代码", field="unit")
    return found[0]


def _default_unit(actor: Actor) -> Division | None:
    if actor.role == GRID_WORKER and actor.grid_ids:
        villages = {g.village_code for g in Grid.select(Grid.village_code).where(Grid.id.in_(list(actor.grid_ids)))}
        return Division.get_or_none(Division.code == villages.pop()) if len(villages) == 1 else None
    return Division.get_or_none(Division.code == actor.scope_code) if actor.scope_code else None


class _Progress:
    """Maps the phases (read 0–40 %, check 40–70 %, write 70–100 %) onto one 0–100 bar."""

    SPANS = {"read": (0, 40), "check": (40, 70), "write": (70, 100)}

    def __init__(self, on_progress):
        self.on_progress = on_progress

    def phase(self, name: str) -> Callable[[int, int], None]:
        lo, hi = self.SPANS[name]

        def report(done: int, total: int) -> None:
            self.on_progress(lo + (hi - lo) * min(done, total) // max(total, 1), 100)
        return report


def _prepare(actor: Actor, kind: str, path, unit, progress: _Progress, is_cancelled):
    require_role(actor, GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP, what="导入台账")
    module = _importer(kind)
    unit_division = resolve_unit(unit) or _default_unit(actor)
    if unit_division is not None and not division_in_scope(actor, unit_division.code):
        raise PermissionDenied(f"{unit_division.name}不在您的管辖范围内")
    table = read_table(path, module.COLUMNS, on_progress=progress.phase("read"), is_cancelled=is_cancelled)
    ctx = Context(actor=actor, table=table, places=Places(actor, unit_division),
                  step=progress.phase("check"), is_cancelled=is_cancelled)
    batch = module.prepare(ctx)
    batch.errors.sort(key=lambda e: e.row_number)
    return module, table, ctx, batch


def import_file(actor: Actor, kind: str, path, *, unit=None, dry_run: bool = False, errors_path=None,
                on_progress: Callable[[int, int], None] = lambda done, total: None,
                is_cancelled: Callable[[], bool] = lambda: False) -> ImportOutcome:
    """Import a ledger workbook; see the module docstring. ``unit`` (a code, a name or a Division)
    is the default place when the file has no 乡镇/村 columns. Raises ValidationError when the
    file can't be read at all, Cancelled when cancelled (nothing is written then)."""
    progress = _Progress(on_progress)
    module, table, ctx, batch = _prepare(actor, kind, path, unit, progress, is_cancelled)
    counts = dict(batch.counts)
    if not dry_run and batch.accepted:
        ctx.step = progress.phase("write")
        with database.atomic():
            module.commit(ctx, batch)
            counts["grids_created"] = ctx.places.created
            ctx.check_cancel()
            audit.record(actor, "import", kind, None, {
                "file": Path(path).name, "rows": len(table.rows), "accepted": batch.accepted,
                "rejected": len(batch.errors), **counts})
        if batch.accepted >= ANALYZE_ROWS:
            refresh_statistics()
    written = None
    if errors_path and batch.errors:
        written = str(write_errors(table, batch.errors, errors_path))
    on_progress(100, 100)
    return ImportOutcome(kind=kind, rows=len(table.rows), accepted=batch.accepted, rejected=len(batch.errors),
                         errors=tuple(batch.errors), mapping=dict(table.mapping), dry_run=dry_run,
                         errors_path=written, **{k: v for k, v in counts.items() if k in _COUNT_FIELDS})


ANALYZE_ROWS = 1000  # an import this large refreshes the query planner's statistics


def refresh_statistics() -> None:
    """Let SQLite's query planner see the tables as they are now (after a large import): ANALYZE
    with a small sample per index (about 0.1 s on a county of 300,000 households). PostgreSQL's
    autovacuum does this by itself."""
    if dialect.is_postgres():
        return
    before = database.execute_sql("PRAGMA analysis_limit").fetchone()[0]
    database.execute_sql("PRAGMA analysis_limit=400")
    try:
        database.execute_sql("ANALYZE")
    finally:
        database.execute_sql(f"PRAGMA analysis_limit={int(before)}")


_COUNT_FIELDS = ("households_created", "persons_created", "grids_created", "updated", "events_created",
                 "visits_created")


def preview(actor: Actor, kind: str, path, unit=None, *,
            on_progress: Callable[[int, int], None] = lambda done, total: None,
            is_cancelled: Callable[[], bool] = lambda: False) -> Preview:
    """What an import would do, without writing: the detected header mapping, the first rows and
    the numbers of good and bad rows (with the reasons)."""
    module, table, ctx, batch = _prepare(actor, kind, path, unit, _Progress(on_progress), is_cancelled)
    labels = {c.field: c.header for c in module.COLUMNS}
    sample = tuple((r.number, tuple(clean_text(v) for v in r.cells[:len(table.headers)]))
                   for r in table.rows[:PREVIEW_ROWS])
    on_progress(100, 100)
    return Preview(kind=kind, sheet=table.sheet, header_row=table.header_row, headers=table.headers,
                   mapping=dict(table.mapping), labels=labels,
                   unmapped=tuple(h for h in table.headers if h and h not in table.mapping),
                   sample=sample, rows=len(table.rows), good=batch.accepted, bad=len(batch.errors),
                   errors=tuple(batch.errors))


def write_errors(table: Table, errors, path) -> Path:
    """The rejected rows with their original cells, plus 原行号 and 错误原因 (re-importable)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    from gridapp.reports.xlsx import save_atomic, safe_cell

    width = max([len(table.headers)] + [len(e.cells) for e in errors])
    headers = list(table.headers) + [""] * (width - len(table.headers))

    def save(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = "未导入的行"
        ws.append([safe_cell(h) for h in headers] + list(ERROR_HEADERS))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        red = PatternFill("solid", fgColor="FCE4D6")
        for e in errors:
            cells = [safe_cell(v) for v in e.cells] + [None] * (width - len(e.cells))
            ws.append(cells + [e.row_number, e.message])
            ws.cell(row=ws.max_row, column=width + 2).fill = red
            for c, value in enumerate(e.cells, 1):
                if isinstance(value, (dt.date, dt.datetime)):
                    ws.cell(row=ws.max_row, column=c).number_format = "yyyy-mm-dd"
        ws.freeze_panes = "A2"
        ws.column_dimensions[ws.cell(row=1, column=width + 2).column_letter].width = 60
        wb.save(tmp)

    return save_atomic(save, path)


__all__ = ["ImportOutcome", "Preview", "RowError", "import_file", "preview", "columns", "write_errors",
           "resolve_unit", "KINDS", "KIND_LABELS"]

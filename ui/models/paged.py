"""A table model that pages rows in from a service: only what the view shows is loaded.

Sorting and filtering happen in the service's SQL: ``sort()`` rewrites the query and re-runs it;
there is never a QSortFilterProxyModel over these rows (it would only see the fetched ones).

    model = PagedTableModel(
        columns=[(self.tr("Household no."), "number", "number"),
                 (self.tr("Head"), "head_name", "head"),
                 (self.tr("Phone"), lambda r: ids.mask_phone(r.phone))],   # not sortable
        count_fn=lambda q: households.count(actor, q),
        page_fn=lambda q, offset, limit: households.page(actor, q, offset=offset, limit=limit))
    model.set_query(HouseholdQuery(text="zs"))

A column is ``(header, attr_or_callable)`` or ``(header, attr_or_callable, sort_key)``. Sorting a
column calls ``with_sort(query, sort_key, descending)``; the default sets the query dataclass's
``sort`` field to ``sort_key`` (prefixed with ``-`` when descending).
"""
from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

Column = tuple  # (header, attr_or_callable[, sort_key])


def release_freed_memory() -> None:
    """Hand the memory a large query freed back to the operating system.

    A county-wide worklist or count makes SQLite allocate tens of megabytes for its temporary
    tables and frees them when done; glibc keeps freed memory in the process, so the client would
    stay that much larger (the 300k-household county: 394 MB resident after visiting every page,
    228 MB with this). Only glibc needs it; elsewhere this does nothing."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None


def default_with_sort(query: Any, key: str, descending: bool) -> Any:
    return dataclasses.replace(query, sort=("-" if descending else "") + key)


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(str(v) for v in value)
    return str(value)


class PagedTableModel(QAbstractTableModel):
    PAGE = 200

    total_changed = Signal(int)

    def __init__(self, columns: Sequence[Column], count_fn: Callable[[Any], int],
                 page_fn: Callable[[Any, int, int], Sequence[Any]], parent=None, *,
                 with_sort: Callable[[Any, str, bool], Any] = default_with_sort,
                 query: Any = None):
        super().__init__(parent)
        self._columns = [tuple(c) for c in columns]
        self._count_fn = count_fn
        self._page_fn = page_fn
        self._with_sort = with_sort
        self._query = query
        self._rows: list[Any] = []
        self._total = 0
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        if query is not None:
            self.set_query(query)

    # ------------------------------------------------------------------ query
    @property
    def query(self) -> Any:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def loaded(self) -> int:
        """How many rows are in memory now (at most a few pages right after a query)."""
        return len(self._rows)

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_query(self, query: Any) -> None:
        """Run a new query: count it, and load the first page."""
        self.beginResetModel()
        self._query = query
        self._rows = []
        self._total = self._count_fn(query) if query is not None else 0
        if self._total:
            self._rows = list(self._page_fn(query, 0, self.PAGE))
        self.endResetModel()
        self.total_changed.emit(self._total)
        release_freed_memory()

    def refresh(self) -> None:
        """Re-run the current query (after an edit), keeping as many rows loaded as before."""
        if self._query is None:
            return
        keep = max(len(self._rows), self.PAGE)
        self.beginResetModel()
        self._total = self._count_fn(self._query)
        self._rows = []
        while len(self._rows) < min(keep, self._total):
            batch = list(self._page_fn(self._query, len(self._rows), self.PAGE))
            if not batch:
                break
            self._rows.extend(batch)
        self.endResetModel()
        self.total_changed.emit(self._total)

    def row_at(self, index: QModelIndex | int) -> Any:
        row = index if isinstance(index, int) else index.row()
        if 0 <= row < len(self._rows):
            return self._rows[row]
        return None

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        """The position of the first loaded row for which ``predicate`` holds, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    # ------------------------------------------------------------------ paging
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._query is None:
            return
        start = len(self._rows)
        batch = list(self._page_fn(self._query, start, self.PAGE))
        if not batch:
            self._total = start  # rows vanished since the count: stop asking
            return
        self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
        self._rows.extend(batch)
        self.endInsertRows()

    # ------------------------------------------------------------------ model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section][0]
            if role == Qt.ItemDataRole.ToolTipRole and not self.is_sortable(section):
                return self.tr("This column can't be sorted")
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def value(self, row: Any, column: int) -> Any:
        getter = self._columns[column][1]
        return getter(row) if callable(getter) else getattr(row, getter, None)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = display(self.value(self._rows[index.row()], index.column()))
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 12 else None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            value = self.value(self._rows[index.row()], index.column())
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()]
        return None

    # ------------------------------------------------------------------ sorting (in SQL)
    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and len(self._columns[column]) > 2 \
            and self._columns[column][2] is not None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column) or self._query is None:
            return
        self._sort_column, self._sort_order = column, order
        key = self._columns[column][2]
        self.set_query(self._with_sort(self._query, key, order == Qt.SortOrder.DescendingOrder))

    @property
    def sort_column(self) -> int:
        return self._sort_column

"""Table models of the households page: the paged household list and a household's members."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from gridapp.services import households
from gridapp.services.actor import Actor
from gridapp.services.people import GONE_RESIDENCE
from gridapp.services.search import COUNT_UP_TO
from ui.jobs import Job
from ui.jobs import start as start_job
from ui.models.paged import PagedTableModel, display, release_freed_memory

GONE_TEXT = "#9e9e9e"  # a member who died or moved out


class CountingTableModel(PagedTableModel):
    """A paged model that shows the first page at once and counts the total on a worker thread.

    Counting every match of a broad search (a surname, two initials) on a county of 300k
    households takes longer than reading the 200 rows the view shows. So a new query reads the
    first page; when it is not full, that is the total; otherwise the view already shows it and
    may page further while a background job counts. ``counting`` is True until then, and
    ``total_changed`` fires once the total is known. A count that arrives after the query
    changed again is dropped.

    With ``count_up_to_fn(query, n)`` (a count that stops past ``n``, see people.count) the job
    first counts to COUNT_UP_TO: below it that is the total; above it ``at_least_changed`` says
    so ("超过 10,000 人，正在统计…") within milliseconds, and the exact count follows.
    """

    counting_changed = Signal(bool)
    at_least_changed = Signal(int)

    def __init__(self, *args, count_up_to_fn: Callable[[Any, int], int] | None = None, **kwargs):
        self._generation = 0
        self._job = None
        self._at_least = 0
        self.counting = False
        self._count_up_to_fn = count_up_to_fn
        super().__init__(*args, **kwargs)

    @property
    def at_least(self) -> int:
        """While counting: how many rows the query is known to have at least."""
        return max(self._at_least, len(self._rows))

    def set_query(self, query: Any) -> None:
        self._generation += 1
        generation = self._generation
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self.beginResetModel()
        self._query = query
        self._rows = list(self._page_fn(query, 0, self.PAGE)) if query is not None else []
        exact = len(self._rows) < self.PAGE
        self._total = len(self._rows) if exact else len(self._rows) + 1  # more may follow
        self.endResetModel()
        if exact:
            self._set_counting(False)
            self.total_changed.emit(self._total)
            return
        self._at_least = 0
        self._set_counting(True)
        count_fn, up_to_fn = self._count_fn, self._count_up_to_fn

        def counting(on_progress, is_cancelled):
            if is_cancelled():  # a count queued behind others may be stale before it starts
                return None
            if up_to_fn is not None:
                found = up_to_fn(query, COUNT_UP_TO)
                if found <= COUNT_UP_TO:
                    return found
                on_progress(COUNT_UP_TO, 0)
                if is_cancelled():
                    return None
            return count_fn(query)

        job = Job(counting)
        job.signals.progress.connect(lambda done, _total: self._on_at_least(generation, done))
        job.signals.finished.connect(lambda total: self._on_counted(generation, total))
        job.signals.failed.connect(lambda _message: self._on_counted(generation, None))
        self._job = start_job(job)

    def _on_at_least(self, generation: int, at_least: int) -> None:
        if generation != self._generation or not self.counting:
            return
        self._at_least = at_least
        self.at_least_changed.emit(self.at_least)

    def _on_counted(self, generation: int, total: int | None) -> None:
        if generation != self._generation:
            return
        self._job = None
        if total is None:  # the count failed: page on until the rows run out
            self._set_counting(False)
            return
        self._total = max(int(total), len(self._rows))
        self._set_counting(False)
        self.total_changed.emit(self._total)
        release_freed_memory()  # what the count's connection used on the worker thread

    def _set_counting(self, counting: bool) -> None:
        if counting != self.counting:
            self.counting = counting
            self.counting_changed.emit(counting)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid() or self._query is None:
            return
        start = len(self._rows)
        batch = list(self._page_fn(self._query, start, self.PAGE))
        if batch:
            self.beginInsertRows(QModelIndex(), start, start + len(batch) - 1)
            self._rows.extend(batch)
            self.endInsertRows()
        if self.counting:  # still counting: another page may follow a full one
            self._total = len(self._rows) + (1 if len(batch) == self.PAGE else 0)
        elif not batch:
            self._total = start  # rows vanished since the count: stop asking

    def refresh(self) -> None:
        self._generation += 1  # a count still running belongs to the rows before the change
        if self._job is not None:
            self._job.cancel()
            self._job = None
        self._set_counting(False)
        super().refresh()


class HouseholdTableModel(CountingTableModel):
    """Households in the actor's scope, filtered, sorted and paged in by the household service."""

    def __init__(self, actor: Actor, parent=None):
        columns = [
            (self.tr("Household no."), "number", "number"),
            (self.tr("Head"), "head_name", "head"),
            (self.tr("Address"), "address", "address"),
            (self.tr("Members"), "member_count", "members"),
            (self.tr("Grid"), "grid_name", "grid"),
            (self.tr("Type"), "reg_type", "reg_type"),
            (self.tr("Tags"), "tags"),
            (self.tr("Phone"), "phone_masked"),
        ]
        super().__init__(columns,
                         count_fn=lambda q: households.count(actor, q),
                         count_up_to_fn=lambda q, n: households.count(actor, q, up_to=n),
                         page_fn=lambda q, offset, limit: households.page(actor, q, offset=offset, limit=limit),
                         parent=parent, with_sort=sort_query)


def sort_query(query: Any, key: str, descending: bool) -> Any:
    """Household and person queries carry ``sort`` and ``descending`` as two fields; a key written
    ``-birth_date`` sorts that column the other way round (an age column sorts by birth date)."""
    if key.startswith("-"):
        key, descending = key[1:], not descending
    return dataclasses.replace(query, sort=key, descending=descending)


class RowListModel(QAbstractTableModel):
    """A short list of dataclass rows held in memory (a household's members, its visits)."""

    def __init__(self, columns: Sequence[tuple], parent=None):
        super().__init__(parent)
        self._columns = [tuple(c) for c in columns]
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, index: QModelIndex | int) -> Any:
        row = index if isinstance(index, int) else index.row()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, predicate) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        getter = self._columns[index.column()][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = display(getter(row) if callable(getter) else getattr(row, getter, None))
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 12 else None
        if role == Qt.ItemDataRole.FontRole and getattr(row, "is_head", False):
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None


class MemberTableModel(RowListModel):
    """The live members of one household, head first, with their status (死亡 and 迁出 greyed: they
    stay in the household, off the living register); 显示完整 puts one member's full values in."""

    def __init__(self, parent=None):
        super().__init__([
            (self.tr("Name"), "name"),
            (self.tr("Relation"), "relation_name"),
            (self.tr("Sex"), "sex"),
            (self.tr("Age"), "age"),
            (self.tr("Status"), "residence"),
            (self.tr("ID number"), lambda r: self._revealed.get(r.id, (r.id_masked, None))[0]),
            (self.tr("Phone"), lambda r: self._revealed.get(r.id, (None, r.phone_masked))[1]),
            (self.tr("Tags"), "tags"),
        ], parent)
        self._revealed: dict[int, tuple[str, str]] = {}

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._revealed.clear()
        super().set_rows(rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            row = self.row_at(index)
            return QColor(GONE_TEXT) if row is not None and row.residence in GONE_RESIDENCE else None
        return super().data(index, role)

    def reveal(self, person_id: int, id_number: str | None, phone: str | None) -> None:
        """Show the full ID number and phone of one member (after people.reveal wrote the audit row)."""
        row = self.find_row(lambda r: r.id == person_id)
        if row < 0:
            return
        self._revealed[person_id] = (id_number or "", phone or "")
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def is_revealed(self, person_id: int) -> bool:
        return person_id in self._revealed

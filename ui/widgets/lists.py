"""The list table every page shows: whole-row single selection, read-only, one line per row, column
widths given, sorting (when the page sorts) done by the model in SQL — and the grey sentence that
stands in the empty list."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QSettings, QSize, Qt
from PySide6.QtWidgets import (QAbstractItemView, QAbstractScrollArea, QHeaderView, QLabel, QSplitter,
                               QTableView, QWidget)


def list_table(parent: QWidget, name: str, model: QAbstractItemModel, widths: Sequence[int], *,
               sort: tuple[int, Qt.SortOrder] | None = None, alternating: bool = True) -> QTableView:
    """A QTableView over ``model``; with ``sort`` (column, order) the header sorts, and clicks go to
    the model's ``sort()``, which re-queries (never a proxy)."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(alternating)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(26)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    if sort is not None:
        header.setSortIndicator(*sort)
        header.setSortIndicatorShown(True)
        table.setSortingEnabled(True)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


class _FillViewport(QObject):
    """Keeps a label over a view's viewport the size of that viewport, whatever resizes it (the
    window, a splitter, a scroll bar appearing)."""

    def __init__(self, label: QLabel):
        super().__init__(label)
        self._label = label

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self._label.resize(watched.size())
        return False


def empty_label(table: QAbstractScrollArea, name: str = "list_empty") -> QLabel:
    """The grey sentence shown over an empty list (hidden until the page sets its text), always
    covering the list's viewport."""
    viewport = table.viewport()
    label = QLabel(viewport)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: #777; padding: 24px;")
    label.resize(viewport.size())
    viewport.installEventFilter(_FillViewport(label))
    label.hide()
    return label


class CountLabel(QLabel):
    """The "共 N 户" at the end of a list's filter row: at least ``min_width`` wide so the row does
    not shift with every count, and never narrower than its text ("超过 10,000 人，正在统计…"
    included): the search box and the filters give way instead."""

    def __init__(self, parent: QWidget, min_width: int = 110):
        super().__init__(parent)
        self._min_width = min_width
        self.setObjectName("count")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        return QSize(max(self._min_width, hint.width()), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def follow(self, model, counting_text: Callable[[int], str], total_text: Callable[[int], str]) -> None:
        """Show a CountingTableModel's count: ``counting_text(n)`` ("超过 n 户，正在统计…") while it
        counts, ``total_text(total)`` once the total is known. The page keeps the texts (its
        translations); the label keeps the wiring."""
        model.counting_changed.connect(lambda counting: counting and self.setText(counting_text(model.at_least)))
        model.at_least_changed.connect(lambda at_least: self.setText(counting_text(at_least)))
        model.total_changed.connect(lambda total: self.setText(total_text(total)))


def list_splitter(parent: QWidget, name: str, left: QWidget, right: QWidget, sizes: Sequence[int],
                  settings: QSettings, key: str) -> QSplitter:
    """The list on the left, its detail on the right (3:2), neither collapsible; the positions the
    person left it in come back from ``settings[key]`` (pages save them there on close)."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName(name)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setChildrenCollapsible(False)
    splitter.setSizes(list(sizes))
    state = settings.value(key)
    if state:
        splitter.restoreState(state)
    return splitter

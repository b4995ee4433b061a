"""The paged table model: only a page or two loaded, more on scrolling, sorting re-queries."""
from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from ui.models.paged import PagedTableModel


@dataclasses.dataclass(frozen=True)
class Row:
    id: int
    name: str
    size: int
    born: dt.date | None


@dataclasses.dataclass(frozen=True)
class Query:
    text: str = ""
    sort: str = "id"


class FakeService:
    """count/page over 1000 rows in 'SQL' (a list), recording the calls."""

    def __init__(self, n: int = 1000):
        self.rows = [Row(i, f"户{i:04d}", i % 7, dt.date(1950, 1, 1) + dt.timedelta(days=i) if i % 5 else None)
                     for i in range(n)]
        self.calls: list[tuple] = []

    def _select(self, q: Query) -> list[Row]:
        rows = [r for r in self.rows if q.text in r.name]
        key = q.sort.lstrip("-")
        return sorted(rows, key=lambda r: (getattr(r, key), r.id), reverse=q.sort.startswith("-"))

    def count(self, q: Query) -> int:
        self.calls.append(("count", q))
        return len(self._select(q))

    def page(self, q: Query, offset: int, limit: int) -> list[Row]:
        self.calls.append(("page", q, offset, limit))
        return self._select(q)[offset:offset + limit]


@pytest.fixture
def service():
    return FakeService()


@pytest.fixture
def model(service):
    return PagedTableModel([("户号", "name", "name"), ("人数", "size", "size"), ("生日", "born"),
                            ("标记", lambda r: r.id % 2 == 0)],
                           service.count, service.page, query=Query())


def test_model_is_well_behaved(qtmodeltester, model):
    qtmodeltester.check(model)


def test_only_the_first_page_is_loaded_until_the_view_scrolls(qtbot, model, service):
    changes: list[int] = []
    model.total_changed.connect(changes.append)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    assert model.total == 1000
    assert model.loaded <= 2 * model.PAGE
    assert model.canFetchMore()
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.loaded > model.PAGE)
    assert model.loaded < model.total
    offsets = [c[2] for c in service.calls if c[0] == "page"]
    assert offsets[:2] == [0, model.PAGE]
    model.set_query(Query(text="户09"))
    assert changes == [100]
    assert model.loaded == 100 and not model.canFetchMore()


def test_display_values(model):
    index = model.index(0, 2)
    assert model.data(index) == ""  # None shows as nothing
    assert model.data(model.index(1, 2)) == "1950-01-02"
    assert model.data(model.index(2, 3)) == "✓" and model.data(model.index(1, 3)) == ""
    assert model.data(model.index(3, 1), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "户号"
    assert model.row_at(model.index(5, 0)).id == 5
    assert model.row_at(5000) is None


def test_sorting_requeries_in_the_service(model, service):
    service.calls.clear()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert service.calls[0] == ("count", Query(sort="-name"))
    assert model.row_at(0).name == "户0999"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.query.sort == "size" and model.row_at(0).size == 0
    calls = len(service.calls)
    model.sort(2, Qt.SortOrder.AscendingOrder)  # no sort key: nothing happens
    assert len(service.calls) == calls and model.query.sort == "size"
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == "此列不能排序"


def test_refresh_keeps_the_loaded_rows(model, service):
    model.fetchMore()
    model.fetchMore()
    assert model.loaded == 600
    service.rows = service.rows[1:]
    model.refresh()
    assert model.total == 999 and model.loaded == 600
    assert model.row_at(0).id == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc keeps freed memory; other C libraries don't")
def test_memory_a_query_freed_goes_back_to_the_system():
    """Like a county-wide query's temporary tables: many small blocks allocated and freed."""
    from ui.models.paged import release_freed_memory

    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    resident = _rss_mb()
    blocks = [libc.malloc(4000) for _ in range(25_000)]  # about 100 MB
    for block in blocks:
        ctypes.memset(block, 1, 4000)
    grown = _rss_mb()
    for block in reversed(blocks[1:]):  # the first stays, as something still in use would
        libc.free(block)
    assert _rss_mb() > resident + 60  # freed, but kept by the process
    release_freed_memory()
    assert _rss_mb() < grown - 60
    libc.free(blocks[0])


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")

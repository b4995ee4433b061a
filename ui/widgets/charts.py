"""Small bar charts drawn with QPainter: no QtCharts (it is in PySide6-Addons; see README, Charts).

- ``BarChart``: horizontal bars with a label on the left and the value at the end of each bar.
- ``MonthChart``: vertical bars grouped per month, two or more series, a legend and a value axis.
- ``CoverageChart``: horizontal bars of a rate (0–100 %) on a full-width track, coloured by level,
  with the percentage and numerator/denominator at the end.

Every chart takes plain lists (labels, values, colours, tooltips) from its page, shows a tooltip
for the bar under the mouse, emits ``bar_clicked(index)`` when a bar is clicked, and draws an
empty-state text when it has nothing to show. Labels are measured with the widget's font and
the charts ask for the room they need (``minimumSizeHint``), so Chinese labels are not cut off
(put a long chart in a ``QScrollArea``). Painting needs no screen: ``render()`` into a ``QImage``.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

MARGIN = 8
TEXT_COLOR = QColor("#37474f")
MUTED_COLOR = QColor("#78909c")
GRID_COLOR = QColor("#e3e7ea")
TRACK_COLOR = QColor("#eef1f3")
HOVER_COLOR = QColor(0, 0, 0, 18)
DEFAULT_COLOR = QColor("#1e88e5")
LEVEL_COLORS = ((0.8, QColor("#43a047")), (0.5, QColor("#fb8c00")), (0.0, QColor("#e53935")))


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 2.5, 5 × 10^n that is at least ``value`` (an axis maximum)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            if factor * step >= value and float(factor * step).is_integer():
                return int(factor * step)
        step *= 10


def level_color(rate: float | None) -> QColor:
    """Green from 80 %, orange from 50 %, red below (grey when there is no rate)."""
    if rate is None:
        return MUTED_COLOR
    return next(color for floor, color in LEVEL_COLORS if rate >= floor)


class _Chart(QWidget):
    """Hover, click and tooltip handling shared by the charts; subclasses lay out ``_hits``."""

    bar_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.empty_text = ""
        self.tooltips: list[str] = []
        self._hits: list[tuple[QRectF, int]] = []  # clickable areas of the last layout
        self._hover = -1
        self._pressed = -1

    # ------------------------------------------------------------------ data
    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.update()

    def count(self) -> int:
        """The number of bars; each chart type says (an empty chart by default)."""
        return 0

    def _changed(self) -> None:
        self._hover = self._pressed = -1
        self.updateGeometry()
        self.update()

    # ------------------------------------------------------------------ geometry
    def bar_rect(self, index: int) -> QRectF:
        """The clickable area of bar ``index`` in the current size (empty when there is none)."""
        self._layout()
        return next((rect for rect, i in self._hits if i == index), QRectF())

    def index_at(self, pos: QPointF) -> int:
        """The bar under ``pos``, or -1."""
        self._layout()
        return next((i for rect, i in self._hits if rect.contains(pos)), -1)

    def _layout(self) -> None:
        self._hits = []

    def _small_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        return font

    # ------------------------------------------------------------------ events
    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self.index_at(QPointF(event.pos()))
            if 0 <= index < len(self.tooltips) and self.tooltips[index]:
                QToolTip.showText(event.globalPos(), self.tooltips[index], self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        index = self.index_at(event.position())
        if index != self._hover:
            self._hover = index
            self.setCursor(Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        if self._hover != -1:
            self._hover = -1
            self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = self.index_at(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.index_at(event.position())
            pressed, self._pressed = self._pressed, -1
            if index >= 0 and index == pressed:
                self.bar_clicked.emit(index)
        super().mouseReleaseEvent(event)

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._layout()
        if self.count() == 0:
            painter.setPen(MUTED_COLOR)
            painter.drawText(QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
        else:
            self._paint(painter)
        painter.end()

    def _paint(self, painter: QPainter) -> None:
        """Draw the bars; each chart type draws its own (nothing by default)."""

    def _paint_hover(self, painter: QPainter) -> None:
        rect = next((r for r, i in self._hits if i == self._hover), None)
        if rect is not None:
            painter.fillRect(rect, HOVER_COLOR)


class BarChart(_Chart):
    """Horizontal bars: ``set_bars(labels, values, colors=None, tooltips=None)``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[int] = []
        self.colors: list[QColor] = []

    def set_bars(self, labels: Sequence[str], values: Sequence[int], colors: Sequence[QColor | str] | None = None,
                 tooltips: Sequence[str] | None = None) -> None:
        self.labels, self.values = list(labels), [int(v) for v in values]
        self.colors = [QColor(c) for c in colors] if colors else [DEFAULT_COLOR] * len(self.labels)
        self.tooltips = list(tooltips) if tooltips else [f"{label}：{value}" for label, value in
                                                          zip(self.labels, self.values)]
        self._changed()

    def count(self) -> int:
        return len(self.labels)

    # ------------------------------------------------------------------ geometry
    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + 10

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max((metrics.horizontalAdvance(label) for label in self.labels), default=0) + 10

    def _value_text(self, index: int) -> str:
        return str(self.values[index])

    def _value_width(self) -> int:
        metrics = QFontMetrics(self._small_font())
        return max((metrics.horizontalAdvance(self._value_text(i)) for i in range(self.count())), default=0) + 10

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        if not self.count():
            return QSize(160, 80)
        return QSize(self._label_width() + self._value_width() + 60 + 2 * MARGIN,
                     self.count() * self._row_height() + 2 * MARGIN)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.minimumSizeHint()
        return QSize(max(hint.width(), 360), max(hint.height(), 220))

    def _geometry(self) -> tuple[float, float, float, float]:
        """(label width, bar area left, bar area width, row height) in the current size."""
        width = self.width() - 2 * MARGIN
        label_w = min(self._label_width(), width * 0.5)
        value_w = self._value_width()
        row = self._row_height()
        row_h = min(row * 1.6, max(row, (self.height() - 2 * MARGIN) / max(1, self.count())))
        left = MARGIN + label_w
        return label_w, left, max(10.0, width - label_w - value_w), row_h

    def _layout(self) -> None:
        _, _, _, row_h = self._geometry()
        self._hits = [(QRectF(0, MARGIN + i * row_h, self.width(), row_h), i) for i in range(self.count())]

    def _fraction(self, index: int) -> float:
        top = max(self.values, default=0)
        return self.values[index] / top if top > 0 else 0.0

    # ------------------------------------------------------------------ painting
    def _paint(self, painter: QPainter) -> None:
        label_w, left, bar_w, row_h = self._geometry()
        self._paint_hover(painter)
        metrics = QFontMetrics(self.font())
        small = self._small_font()
        for i in range(self.count()):
            top = MARGIN + i * row_h
            thickness = min(row_h * 0.62, metrics.height() + 4)
            bar_top = top + (row_h - thickness) / 2
            painter.setPen(TEXT_COLOR)
            painter.setFont(self.font())
            label = metrics.elidedText(self.labels[i], Qt.TextElideMode.ElideRight, int(label_w - 8))
            painter.drawText(QRectF(MARGIN, top, label_w - 8, row_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            self._paint_bar(painter, i, QRectF(left, bar_top, bar_w, thickness))
            painter.setFont(small)
            painter.setPen(TEXT_COLOR)
            end = left + self._bar_length(i, bar_w) + 5
            painter.drawText(QRectF(end, top, self.width() - end, row_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._value_text(i))

    def _bar_length(self, index: int, width: float) -> float:
        fraction = self._fraction(index)
        return max(2.0, width * fraction) if self.values[index] else 0.0

    def _paint_bar(self, painter: QPainter, index: int, area: QRectF) -> None:
        length = self._bar_length(index, area.width())
        if length:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colors[index] if index < len(self.colors) else DEFAULT_COLOR)
            painter.drawRoundedRect(QRectF(area.left(), area.top(), length, area.height()), 3, 3)


class CoverageChart(BarChart):
    """Horizontal rate bars: ``set_rates(labels, numerators, denominators, tooltips=None)``."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.totals: list[int] = []

    def set_rates(self, labels: Sequence[str], numerators: Sequence[int], denominators: Sequence[int],
                  tooltips: Sequence[str] | None = None) -> None:
        self.totals = [int(d) for d in denominators]
        rates = [n / d if d else None for n, d in zip(numerators, denominators)]
        self.set_bars(labels, numerators, [level_color(r) for r in rates], tooltips)

    def rate(self, index: int) -> float | None:
        total = self.totals[index] if index < len(self.totals) else 0
        return self.values[index] / total if total else None

    def _value_text(self, index: int) -> str:
        rate = self.rate(index)
        total = self.totals[index] if index < len(self.totals) else 0
        return f"{rate:.1%}  {self.values[index]}/{total}" if rate is not None else "—"

    def _fraction(self, index: int) -> float:
        return min(1.0, self.rate(index) or 0.0)

    def _bar_length(self, index: int, width: float) -> float:
        return width

    def _paint_bar(self, painter: QPainter, index: int, area: QRectF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRACK_COLOR)
        painter.drawRoundedRect(area, 3, 3)
        filled = area.width() * self._fraction(index)
        if filled > 0:
            painter.setBrush(self.colors[index])
            painter.drawRoundedRect(QRectF(area.left(), area.top(), max(3.0, filled), area.height()), 3, 3)


class MonthChart(_Chart):
    """Vertical bars grouped per period: ``set_series(labels, series, tooltips=None)`` where
    ``series`` is a list of (name, colour, values), one value per label."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.series: list[tuple[str, QColor, list[int]]] = []

    def set_series(self, labels: Sequence[str], series: Sequence[tuple[str, QColor | str, Sequence[int]]],
                   tooltips: Sequence[str] | None = None) -> None:
        self.labels = list(labels)
        self.series = [(name, QColor(color), [int(v) for v in values]) for name, color, values in series]
        self.tooltips = list(tooltips) if tooltips else [
            label + "\n" + "\n".join(f"{name}：{values[i]}" for name, _, values in self.series)
            for i, label in enumerate(self.labels)]
        self._changed()

    def count(self) -> int:
        """Periods with something to show (an all-zero chart draws its empty text)."""
        return len(self.labels) if any(any(values) for _, _, values in self.series) else 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = QFontMetrics(self._small_font())
        column = max((metrics.horizontalAdvance(label) for label in self.labels), default=20) + 6
        return QSize(max(200, column * max(1, len(self.labels)) + self._axis_width() + 2 * MARGIN),
                     6 * QFontMetrics(self.font()).height() + 2 * MARGIN)

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.minimumSizeHint()
        return QSize(max(hint.width(), 420), max(hint.height(), 240))

    def _top(self) -> int:
        return max((max(values, default=0) for _, _, values in self.series), default=0)

    def _axis_width(self) -> int:
        return QFontMetrics(self._small_font()).horizontalAdvance(str(nice_ceiling(self._top()))) + 8

    def _plot(self) -> QRectF:
        line = QFontMetrics(self.font()).height()
        small = QFontMetrics(self._small_font()).height()
        left = MARGIN + self._axis_width()
        top = MARGIN + line + 8 + small  # the legend, and room for the values above the bars
        bottom = self.height() - MARGIN - small - 6
        return QRectF(left, top, max(10.0, self.width() - MARGIN - left), max(10.0, bottom - top))

    def _layout(self) -> None:
        plot = self._plot()
        n = max(1, len(self.labels))
        column = plot.width() / n
        self._hits = [(QRectF(plot.left() + i * column, MARGIN, column, self.height() - 2 * MARGIN), i)
                      for i in range(len(self.labels))] if self.count() else []

    def _paint(self, painter: QPainter) -> None:
        plot = self._plot()
        top = nice_ceiling(self._top())
        small = self._small_font()
        small_metrics = QFontMetrics(small)
        self._paint_hover(painter)
        # legend
        painter.setFont(self.font())
        metrics = QFontMetrics(self.font())
        x = plot.left()
        for name, color, _ in self.series:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(QRectF(x, MARGIN + (metrics.height() - 10) / 2, 10, 10), 2, 2)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QPointF(x + 14, MARGIN + metrics.ascent()), name)
            x += 14 + metrics.horizontalAdvance(name) + 16
        # value axis: 0, half, top
        painter.setFont(small)
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED_COLOR)
            value = top * fraction
            text = str(int(value)) if float(value).is_integer() else f"{value:g}"
            box = QRectF(MARGIN, y - small_metrics.height() / 2, self._axis_width() - 6, small_metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        # bars, values and period labels
        n = max(1, len(self.labels))
        column = plot.width() / n
        groups = max(1, len(self.series))
        bar_w = min(28.0, column * 0.7 / groups)
        for i, label in enumerate(self.labels):
            left = plot.left() + i * column + (column - bar_w * groups) / 2
            for s, (_, color, values) in enumerate(self.series):
                value = values[i] if i < len(values) else 0
                height = plot.height() * value / top
                rect = QRectF(left + s * bar_w, plot.bottom() - height, bar_w - 2, height)
                if value:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(color)
                    painter.drawRect(rect)
                    text = str(value)
                    if small_metrics.horizontalAdvance(text) + 2 <= bar_w:  # else only in the tooltip
                        painter.setPen(TEXT_COLOR)
                        painter.drawText(QRectF(rect.center().x() - 20, rect.top() - small_metrics.height() - 1, 40,
                                                small_metrics.height()), Qt.AlignmentFlag.AlignCenter, text)
            painter.setPen(TEXT_COLOR)
            painter.drawText(QRectF(plot.left() + i * column, plot.bottom() + 4, column, small_metrics.height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)

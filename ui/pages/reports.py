"""报表: the township summary workbook, the ledgers, and bringing ledgers in.

* 汇总表: choose the unit (county, township or village within the user's scope) and the period
  (month, quarter, half-year or year under the cutoff day set in 设置, or a custom range), and
  whether to compare with the previous period (环比) and a year earlier (同比).
  - 预览 counts the 总表 in the background and shows it here: one row per village (or grid, or
    township) and the 合计 row; rates read as numerator ÷ denominator = percent.
  - 生成汇总表 writes the four-sheet workbook in the background (progress, 取消) to the file
    chosen, then offers to open it or its folder. A cancelled export leaves no file.
  - 打印预览 shows the 总表 as an A4 landscape form.
* 台账: export the households, people, visits or events ledger of a unit (optionally of a date
  range), masked unless the user may and asks to 显示完整身份证号; 导入台账 opens the import wizard.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QFormLayout, QFrame,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStackedWidget,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from gridapp.errors import ValidationError
from gridapp.services import reporting
from ui import jobs
from ui.context import AppContext
from ui.dialogs.import_wizard import ImportWizard
from ui.print_actions import add_print_actions
from ui.widgets import ask, outputs
from ui.widgets.unit_picker import UnitPicker

FIRST_YEAR = 2015
NAME_WIDTH = 120
NUMBER_WIDTH = 64
RATE_WIDTH = 132
LEDGER_IMPORT_KIND = {"households": "households", "people": "households", "visits": "visits", "events": "events"}


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(parent: QWidget, name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class PeriodPicker(QWidget):
    """Month, quarter, half-year, year (under the cutoff day) or a custom range; the dates below."""

    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.cutoff = reporting.cutoff_day()
        self.kind = QComboBox(self)
        self.kind.setObjectName("period_kind")
        for text, key in ((self.tr("Month"), "month"), (self.tr("Quarter"), "quarter"),
                          (self.tr("Half-year"), "half"), (self.tr("Year"), "year"),
                          (self.tr("Custom range"), "custom")):
            self.kind.addItem(text, key)
        self.year = QComboBox(self)
        self.year.setObjectName("period_year")
        for y in range(today.year + 1, FIRST_YEAR - 1, -1):
            self.year.addItem(self.tr("Year %1").replace("%1", str(y)), y)
        self.index = QComboBox(self)
        self.index.setObjectName("period_index")
        self.index.setMinimumContentsLength(6)
        default = reporting.default_period(today, self.cutoff)
        self.date_from = _date_edit(self, "date_from", default.start)
        self.date_to = _date_edit(self, "date_to", default.end)
        self.to_label = QLabel(self.tr("to"), self)
        self.range_label = QLabel(self)
        self.range_label.setObjectName("period_range")
        self.range_label.setWordWrap(True)

        row = QHBoxLayout()
        row.setSpacing(6)
        for widget in (self.kind, self.year, self.index, self.date_from, self.to_label, self.date_to):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.range_label)

        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        for widget in (self.year, self.index):
            widget.currentIndexChanged.connect(self._update)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._update)
        self.set_period(default)

    # ------------------------------------------------------------------ values
    def period_kind(self) -> str:
        return self.kind.currentData()

    def period(self) -> reporting.Period:
        """The chosen period; ValidationError (naming date_from/date_to) for a bad custom range."""
        kind = self.period_kind()
        if kind == "custom":
            return reporting.period("custom", date_from=_pydate(self.date_from.date()),
                                    date_to=_pydate(self.date_to.date()))
        return reporting.period(kind, self.year.currentData(), self.index.currentData() or 0, cutoff=self.cutoff)

    def error(self) -> str:
        try:
            self.period()
        except ValidationError as exc:
            return exc.message
        return ""

    def set_period(self, period: reporting.Period) -> None:
        for widget in (self.kind, self.year, self.index):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(period.kind))
        self._fill_index()
        if period.kind == "custom":
            self.date_from.setDate(_qdate(period.start))
            self.date_to.setDate(_qdate(period.end))
        else:
            self.year.setCurrentIndex(max(self.year.findData(period.year), 0))
            self.index.setCurrentIndex(max(self.index.findData(period.index), 0))
        for widget in (self.kind, self.year, self.index):
            widget.blockSignals(False)
        self._update()

    def set_cutoff(self, cutoff: int | None) -> None:
        """The cutoff day changed in 设置: the same month now covers other dates."""
        if cutoff != self.cutoff:
            self.cutoff = cutoff
            self._update()

    # ------------------------------------------------------------------ updating
    def _fill_index(self) -> None:
        kind = self.period_kind()
        self.index.clear()
        if kind == "month":
            for m in range(1, 13):
                self.index.addItem(self.tr("Month %1").replace("%1", str(m)), m)
        elif kind == "quarter":
            for q in range(1, 5):
                self.index.addItem(self.tr("Quarter %1").replace("%1", str(q)), q)
        elif kind == "half":
            self.index.addItem(self.tr("First half"), 1)
            self.index.addItem(self.tr("Second half"), 2)

    def _on_kind_changed(self, *_args) -> None:
        kind = self.period_kind()
        if kind == "custom":
            self.index.clear()
        else:
            current = reporting.current_period("month", self.today, self.cutoff)
            default = reporting.default_period(self.today, self.cutoff)
            self.index.blockSignals(True)
            self._fill_index()
            chosen = default if kind == "month" else reporting.current_period(kind, default.end, self.cutoff)
            self.index.setCurrentIndex(max(self.index.findData(chosen.index), 0))
            self.index.blockSignals(False)
            self.year.blockSignals(True)
            self.year.setCurrentIndex(max(self.year.findData(chosen.year or current.year), 0))
            self.year.blockSignals(False)
        self._update()

    def _update(self, *_args) -> None:
        custom = self.period_kind() == "custom"
        self.year.setVisible(not custom)
        self.index.setVisible(self.period_kind() in ("month", "quarter", "half"))
        for widget in (self.date_from, self.to_label, self.date_to):
            widget.setVisible(custom)
        try:
            period = self.period()
        except ValidationError as exc:
            self.range_label.setText(exc.message)
            self.range_label.setStyleSheet("color: #c62828;")
        else:
            text = self.tr("%1 to %2 (%3 days)").replace("%1", period.start.isoformat()) \
                .replace("%2", period.end.isoformat()).replace("%3", str(period.days))
            if not custom:
                text += "  " + (self.tr("Months end on day %1 (set in Settings)").replace("%1", str(self.cutoff))
                                if self.cutoff else self.tr("Calendar months"))
            self.range_label.setText(text)
            self.range_label.setStyleSheet("color: #555;")
        self.changed.emit()


class ReportsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.summary: reporting.Summary | None = None
        self._summary_key: tuple | None = None
        self.job: jobs.Job | None = None
        self.last_path: Path | None = None
        self._build()
        self._connect()
        self._update_actions()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        today = dt.date.today()
        actor = self.ctx.actor

        # 汇总表
        self.summary_box = QGroupBox(self.tr("Summary workbook (汇总表)"), self)
        self.summary_box.setObjectName("summary_box")
        self.summary_unit = UnitPicker(self.ctx, self.summary_box)
        self.summary_unit.setObjectName("summary_unit")
        self.period = PeriodPicker(today, self.summary_box)
        self.compare = QCheckBox(self.tr("Compare with the previous period (环比) and a year earlier (同比)"),
                                 self.summary_box)
        self.compare.setObjectName("compare")
        self.preview_button = QPushButton(self.tr("&Preview"), self.summary_box)
        self.preview_button.setObjectName("preview_summary")
        self.preview_button.setToolTip(self.tr("Count the 总表 and show it below"))
        self.save_button = QPushButton(self.tr("&Save summary workbook…"), self.summary_box)
        self.save_button.setObjectName("save_summary")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Write all four sheets to an Excel workbook (Ctrl+S)"))
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        summary_buttons = QHBoxLayout()
        for button in (self.preview_button, self.save_button):
            summary_buttons.addWidget(button)
        # 打印预览 (its arrow: 打印…, 导出PDF…) of the 总表, counted first when the choices changed.
        self.print_actions = add_print_actions(summary_buttons, self, self.ctx, self.summary_form_then,
                                               deferred=True)
        self.print_button = self.print_actions.button
        self.print_button.setObjectName("print_summary")
        summary_buttons.addStretch(1)
        summary_form = QFormLayout(self.summary_box)
        summary_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        summary_form.setVerticalSpacing(8)
        summary_form.addRow(self.tr("&Unit:"), self.summary_unit)
        summary_form.addRow(self.tr("Period:"), self.period)
        summary_form.addRow("", self.compare)
        summary_form.addRow("", summary_buttons)

        # 台账
        self.ledger_box = QGroupBox(self.tr("Ledgers (台账)"), self)
        self.ledger_box.setObjectName("ledger_box")
        self.ledger_kind = QComboBox(self.ledger_box)
        self.ledger_kind.setObjectName("ledger_kind")
        for text, key in ((self.tr("Household register (户籍人口登记台账)"), "households"),
                          (self.tr("People (人员信息台账)"), "people"),
                          (self.tr("Visits (走访台账)"), "visits"),
                          (self.tr("Disputes and events (矛盾纠纷排查化解台账)"), "events")):
            self.ledger_kind.addItem(text, key)
        self.ledger_unit = UnitPicker(self.ctx, self.ledger_box)
        self.ledger_unit.setObjectName("ledger_unit")
        self.ledger_dates = QCheckBox(self.ledger_box)
        self.ledger_dates.setObjectName("ledger_dates")
        year_start = dt.date(today.year, 1, 1)
        self.ledger_from = _date_edit(self.ledger_box, "ledger_from", year_start)
        self.ledger_to = _date_edit(self.ledger_box, "ledger_to", today)
        dates_row = QHBoxLayout()
        dates_row.setSpacing(6)
        dates_row.addWidget(self.ledger_dates)
        dates_row.addWidget(self.ledger_from)
        dates_row.addWidget(QLabel(self.tr("to"), self.ledger_box))
        dates_row.addWidget(self.ledger_to)
        dates_row.addStretch(1)
        self.unmask = QCheckBox(self.tr("Show full ID numbers and phones (the export is logged)"), self.ledger_box)
        self.unmask.setObjectName("unmask")
        self.export_button = QPushButton(self.tr("&Export ledger…"), self.ledger_box)
        self.export_button.setObjectName("export_ledger")
        self.import_button = QPushButton(self.tr("&Import a ledger…"), self.ledger_box)
        self.import_button.setObjectName("import_ledger")
        self.import_button.setToolTip(self.tr("Bring a household register, visit ledger or event ledger kept "
                                              "in Excel into the register"))
        ledger_buttons = QHBoxLayout()
        ledger_buttons.addWidget(self.export_button)
        ledger_buttons.addWidget(self.import_button)
        ledger_buttons.addStretch(1)
        ledger_form = QFormLayout(self.ledger_box)
        ledger_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        ledger_form.setVerticalSpacing(8)
        ledger_form.addRow(self.tr("&Ledger:"), self.ledger_kind)
        ledger_form.addRow(self.tr("U&nit:"), self.ledger_unit)
        ledger_form.addRow(self.tr("Dates:"), dates_row)
        ledger_form.addRow("", self.unmask)
        ledger_form.addRow("", ledger_buttons)

        boxes = QHBoxLayout()
        boxes.setSpacing(10)
        boxes.addWidget(self.summary_box, 5)
        boxes.addWidget(self.ledger_box, 4)

        # the file just written
        self.result_bar = QFrame(self)
        self.result_bar.setObjectName("result_bar")
        self.result_bar.setStyleSheet("QFrame#result_bar { background: #eef6ea; border: 1px solid #c5e1b5; "
                                      "border-radius: 4px; }")
        self.result_label = QLabel(self.result_bar)
        self.result_label.setObjectName("result_label")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_file_button = QPushButton(self.tr("&Open file"), self.result_bar)
        self.open_file_button.setObjectName("open_file")
        self.open_folder_button = QPushButton(self.tr("Open &folder"), self.result_bar)
        self.open_folder_button.setObjectName("open_folder")
        bar = QHBoxLayout(self.result_bar)
        bar.setContentsMargins(10, 6, 10, 6)
        bar.addWidget(self.result_label, 1)
        bar.addWidget(self.open_file_button)
        bar.addWidget(self.open_folder_button)
        self.result_bar.hide()

        # the 总表 on screen
        self.caption = QLabel(self)
        self.caption.setObjectName("preview_caption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-weight: bold;")
        self.work = QTableWidget(0, 0, self)
        self.work.setObjectName("work")
        self.basics = QTableWidget(0, 0, self)
        self.basics.setObjectName("basics")
        self.comparison = QTableWidget(0, 6, self)
        self.comparison.setObjectName("comparison")
        for table in (self.work, self.basics, self.comparison):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setAlternatingRowColors(True)
            table.setWordWrap(False)
            table.verticalHeader().hide()
            table.verticalHeader().setDefaultSectionSize(26)
        self.comparison.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("preview_tabs")
        self.tabs.addTab(self.work, self.tr("Visits and events"))
        self.tabs.addTab(self.basics, self.tr("Households, people and groups"))
        self.tabs.addTab(self.comparison, self.tr("Comparison (同比/环比)"))
        self.empty_label = QLabel(self.tr("Choose the unit and the period, then click “Preview” to see the "
                                          "figures of the 总表 here.\n“Save summary workbook” writes all four "
                                          "sheets (总表, 矛盾纠纷分类, 重点人群管理, 网格员工作量) to an Excel file."),
                                  self)
        self.empty_label.setObjectName("preview_empty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #777; padding: 24px; border: 1px dashed #ccc; border-radius: 4px;")
        self.preview_stack = QStackedWidget(self)
        self.preview_stack.setObjectName("preview_stack")
        self.preview_stack.addWidget(self.empty_label)
        self.preview_stack.addWidget(self.tabs)
        self.note = QLabel(self)
        self.note.setObjectName("preview_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666;")
        self.note.setText(self.tr("Households, people and groups are those on the register at the end of the "
                                  "period; visits count by their date and events by the date they were "
                                  "registered. 走访覆盖率 = households visited ÷ households; 化解率 = resolved ÷ "
                                  "disputes registered."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        layout.addLayout(boxes)
        layout.addWidget(self.result_bar)
        layout.addWidget(self.caption)
        layout.addWidget(self.preview_stack, 1)
        layout.addWidget(self.note)

        if not reporting.may_summarize(actor):
            self.summary_box.setEnabled(False)
            self.summary_box.setToolTip(self.tr("Summaries are for village administrators and township "
                                                "centres"))
        self._update_ledger_dates()
        self.caption.hide()

    def _connect(self) -> None:
        self.summary_unit.changed.connect(self._on_summary_choice_changed)
        self.period.changed.connect(self._on_summary_choice_changed)
        self.compare.toggled.connect(self._on_summary_choice_changed)
        self.preview_button.clicked.connect(lambda: self.preview_summary())
        self.save_button.clicked.connect(self.save_summary)
        self.save_shortcut.activated.connect(lambda: self.save_button.isEnabled() and self.save_summary())
        self.ledger_kind.currentIndexChanged.connect(self._update_ledger_dates)
        self.ledger_unit.changed.connect(self._update_actions)
        self.ledger_dates.toggled.connect(self._update_ledger_dates)
        self.export_button.clicked.connect(self.export_ledger)
        self.import_button.clicked.connect(self.import_ledger)
        self.open_file_button.clicked.connect(lambda: self.last_path and outputs.open_local(self.last_path))
        self.open_folder_button.clicked.connect(lambda: self.last_path and outputs.open_folder(self.last_path))
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)

    # ------------------------------------------------------------------ state
    def _summary_choice(self) -> tuple:
        period = self.period.period()
        return self.summary_unit.unit_code(), period.start, period.end, self.compare.isChecked()

    def _on_summary_choice_changed(self, *_args) -> None:
        if self.summary is not None:
            self._show_caption()
        self._update_actions()

    def _update_actions(self) -> None:
        error = self.period.error()
        allowed = reporting.may_summarize(self.ctx.actor)
        enabled = allowed and not error and self.summary_unit.unit_code() is not None
        for button in (self.preview_button, self.save_button):
            button.setEnabled(enabled)
        self.print_actions.set_available(enabled, error or "")
        self.preview_button.setToolTip(error or self.tr("Count the 总表 and show it below"))
        self.save_button.setToolTip(error or self.tr("Write all four sheets to an Excel workbook (Ctrl+S)"))

        ledgers = reporting.may_export_ledgers(self.ctx.actor)
        self.export_button.setEnabled(ledgers and self.ledger_unit.unit_code() is not None)
        self.export_button.setToolTip("" if ledgers else self.tr("Your role can't export ledgers"))
        self.import_button.setEnabled(reporting.may_import(self.ctx.actor))
        if not reporting.may_import(self.ctx.actor):
            self.import_button.setToolTip(self.tr("Your role can't import ledgers"))
        may_unmask = reporting.may_unmask(self.ctx.actor)
        self.unmask.setEnabled(may_unmask)
        if not may_unmask:
            self.unmask.setChecked(False)
            self.unmask.setToolTip(self.tr("Your role may not export full ID numbers and phones; the ledger "
                                           "is exported masked (420281********0017, 138****1234)"))
        else:
            self.unmask.setToolTip(self.tr("Full numbers are written to the file and the export is recorded in "
                                           "the audit log; keep the file safe"))

    def _update_ledger_dates(self, *_args) -> None:
        kind = self.ledger_kind.currentData()
        self.ledger_dates.setText(self.tr("Visited from") if kind == "visits" else self.tr("Registered from"))
        for edit in (self.ledger_from, self.ledger_to):
            edit.setEnabled(self.ledger_dates.isChecked())

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity == "settings":
            self.period.set_cutoff(reporting.cutoff_day())

    def refresh(self) -> None:
        """F5: the cutoff day again, and the preview recounted when one is shown."""
        self.period.set_cutoff(reporting.cutoff_day())
        if self.summary is not None:
            self.preview_summary()

    # ------------------------------------------------------------------ summary
    def _checked_choice(self) -> tuple | None:
        try:
            return self._summary_choice()
        except ValidationError as exc:
            ask.warning(self, self.tr("Period"), exc.message)
            return None

    def _summary_job(self, title: str, fn, on_finished) -> None:
        self.job = jobs.run_job(self, title, fn, on_finished=on_finished, on_cancelled=self._on_cancelled)

    def preview_summary(self, then=None) -> None:
        """Count the 总表 in the background and show it (then call ``then(summary)``)."""
        choice = self._checked_choice()
        if choice is None:
            return
        unit, start, end, compare = choice
        actor = self.ctx.actor

        def work(on_progress, is_cancelled):
            return reporting.compute_summary(actor, unit, start, end, compare, on_progress=on_progress,
                                             is_cancelled=is_cancelled)

        def finished(summary) -> None:
            self.show_summary(summary, choice)
            if then is not None:
                then(summary)

        self._summary_job(self.tr("Counting the summary of %1").replace("%1", self.summary_unit.unit_name()),
                          work, finished)

    def save_summary(self) -> None:
        choice = self._checked_choice()
        if choice is None:
            return
        unit, start, end, compare = choice
        name = reporting.summary_file_name(self.summary_unit.unit_name(), self.period.period())
        path = outputs.choose_save_path(self, self.ctx.settings, self.tr("Save the summary workbook"), name)
        if path is None:
            return
        actor = self.ctx.actor

        def work(on_progress, is_cancelled):
            return reporting.write_summary(actor, unit, start, end, path, compare, on_progress=on_progress,
                                           is_cancelled=is_cancelled)

        self._summary_job(self.tr("Writing %1").replace("%1", path.name), work,
                          lambda written: self._show_saved(Path(written), self.tr("Summary saved: %1")
                                                           .replace("%1", str(written))))

    def summary_form_then(self, deliver) -> None:
        """The 总表 as a paper form, to ``deliver`` (counted first when the preview shows other choices)."""
        choice = self._checked_choice()
        if choice is None:
            return
        if self.summary is not None and self._summary_key == choice:
            deliver(reporting.summary_form(self.summary))
        else:
            self.preview_summary(then=lambda summary: deliver(reporting.summary_form(summary)))

    def show_summary(self, summary: reporting.Summary, choice: tuple | None = None) -> None:
        self.summary, self._summary_key = summary, choice
        self._fill_figures(summary)
        self._fill_comparison(summary)
        self.preview_stack.setCurrentWidget(self.tabs)
        self._show_caption()

    def _show_caption(self) -> None:
        s = self.summary
        text = self.tr("%1 · %2 (%3)").replace("%1", s.unit_name).replace("%2", s.period.label) \
            .replace("%3", s.period.range_text)
        try:
            stale = self._summary_choice() != self._summary_key
        except ValidationError:
            stale = True
        if stale:
            text += "  " + self.tr("— the choices above have changed; click “Preview” to count again")
        self.caption.setText(text)
        self.caption.setStyleSheet("font-weight: bold;" + (" color: #b26a00;" if stale else ""))
        self.caption.show()

    def work_headers(self, summary: reporting.Summary) -> list[str]:
        return [summary.row_label, self.tr("Visits due"), self.tr("Visits made"), self.tr("Visit coverage"),
                self.tr("Overdue households"), self.tr("Disputes"), self.tr("Resolved"), self.tr("Resolution rate"),
                self.tr("Mediating"), self.tr("Escalated"), self.tr("Hazards found"), self.tr("Hazards fixed"),
                self.tr("Overdue events")]

    def basics_headers(self, summary: reporting.Summary) -> list[str]:
        return [summary.row_label, self.tr("Grids"), self.tr("Households"), self.tr("Residents (户籍)"),
                self.tr("Floating (流动)")] + list(reporting.GROUP_NAMES)

    def _rate_item(self, numerator: int, denominator: int, meaning: str) -> QTableWidgetItem:
        if denominator:
            text = f"{numerator} ÷ {denominator} = {numerator / denominator:.1%}"
        else:
            text = f"{numerator} ÷ 0 = —"
        item = self._number_item(text)
        item.setToolTip(meaning)
        return item

    @staticmethod
    def _number_item(value) -> QTableWidgetItem:
        item = QTableWidgetItem(str(value))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _fill_figures(self, s: reporting.Summary) -> None:
        """The 总表 in two tables: the period's work, and the register at its end."""
        coverage = self.tr("Households visited in the period ÷ households")
        resolution = self.tr("Disputes resolved by the end of the period ÷ disputes registered in it")
        work, basics = [], []
        for row in (*s.rows, s.total):
            work.append([QTableWidgetItem(row.name)]
                        + [self._number_item(v) for v in (row.visits_due, row.visits_done)]
                        + [self._rate_item(row.households_visited, row.households, coverage)]
                        + [self._number_item(v) for v in (row.overdue_households, row.disputes, row.resolved)]
                        + [self._rate_item(row.resolved, row.disputes, resolution)]
                        + [self._number_item(v) for v in (row.mediating, row.escalated, row.hazards,
                                                          row.hazards_fixed, row.overdue_events)])
            basics.append([QTableWidgetItem(row.name)]
                          + [self._number_item(v) for v in (row.grids, row.households, row.residents, row.floating,
                                                            *row.groups)])
        rate_headers = {self.tr("Visit coverage"), self.tr("Resolution rate")}
        self._fill_table(self.work, self.work_headers(s), work, rate_headers)
        self._fill_table(self.basics, self.basics_headers(s), basics, set())

    def _fill_table(self, table: QTableWidget, headers: list[str], rows: list[list[QTableWidgetItem]],
                    rate_headers: set[str]) -> None:
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, items in enumerate(rows):
            total = r == len(rows) - 1
            for c, item in enumerate(items):
                if total:  # the 合计 row
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QColor("#e8eef6"))
                table.setItem(r, c, item)
        metrics = table.horizontalHeader().fontMetrics()
        for c, header in enumerate(headers):
            least = NAME_WIDTH if c == 0 else RATE_WIDTH if header in rate_headers else NUMBER_WIDTH
            table.setColumnWidth(c, max(least, metrics.horizontalAdvance(header) + 18))
            table.horizontalHeaderItem(c).setToolTip(header)

    def _fill_comparison(self, s: reporting.Summary) -> None:
        rows = reporting.comparison(s)
        self.tabs.setTabEnabled(2, bool(rows))
        self.tabs.setTabToolTip(2, "" if rows else self.tr("Tick 同比、环比 and preview again to compare"))
        self.comparison.clear()
        if not rows:
            self.comparison.setRowCount(0)
            if self.tabs.currentIndex() == 2:
                self.tabs.setCurrentIndex(0)
            return
        labels = {"visits_done": self.tr("Visits made"), "coverage": self.tr("Visit coverage"),
                  "disputes": self.tr("Disputes"), "resolved": self.tr("Resolved"),
                  "resolution_rate": self.tr("Resolution rate"), "escalated": self.tr("Escalated"),
                  "hazards": self.tr("Hazards found"), "overdue_events": self.tr("Overdue events")}
        rates = {attr for attr, _label, is_rate in reporting.COMPARED if is_rate}
        self.comparison.setHorizontalHeaderLabels([
            self.tr("Total of the unit"), self.tr("This period"),
            self.tr("Previous period (%1)").replace("%1", s.previous.label), self.tr("Change (环比)"),
            self.tr("A year earlier (%1)").replace("%1", s.year_ago.label), self.tr("Change (同比)")])
        self.comparison.setRowCount(len(rows))
        for r, (attr, current, before, vs_before, old, vs_old) in enumerate(rows):
            is_rate = attr in rates
            cells = [labels[attr], self._value(current, is_rate), self._value(before, is_rate),
                     self._change(vs_before, is_rate), self._value(old, is_rate), self._change(vs_old, is_rate)]
            for c, text in enumerate(cells):
                self.comparison.setItem(r, c, QTableWidgetItem(text) if c == 0 else self._number_item(text))

    @staticmethod
    def _value(value, is_rate: bool) -> str:
        return reporting.percent(value) if is_rate else ("—" if value is None else str(value))

    def _change(self, value: float | None, is_rate: bool) -> str:
        if value is None:
            return "—"
        if is_rate:
            return self.tr("%1 points").replace("%1", f"{value * 100:+.1f}")
        return f"{value:+.1%}"

    # ------------------------------------------------------------------ ledgers
    def ledger_range(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.ledger_dates.isChecked():
            return None, None
        return _pydate(self.ledger_from.date()), _pydate(self.ledger_to.date())

    def export_ledger(self) -> None:
        kind = self.ledger_kind.currentData()
        unit, unit_name = self.ledger_unit.unit_code(), self.ledger_unit.unit_name()
        date_from, date_to = self.ledger_range()
        if date_from and date_to and date_to < date_from:
            ask.warning(self, self.tr("Dates"), self.tr("The end date is before the start date."))
            return
        unmask = self.unmask.isChecked() and self.unmask.isEnabled()
        name = reporting.ledger_file_name(unit_name, kind, dt.date.today())
        path = outputs.choose_save_path(self, self.ctx.settings, self.tr("Export the ledger"), name)
        if path is None:
            return
        actor = self.ctx.actor

        def work(on_progress, is_cancelled):
            return reporting.export_ledger(actor, kind, path, unit=unit, date_from=date_from, date_to=date_to,
                                           unmask=unmask, on_progress=on_progress, is_cancelled=is_cancelled)

        def finished(outcome) -> None:
            masked = self.tr("full ID numbers and phones") if outcome.unmasked else \
                self.tr("ID numbers and phones masked")
            self._show_saved(Path(outcome.path), self.tr("%1 rows exported (%2): %3")
                             .replace("%1", f"{outcome.rows:,}").replace("%2", masked)
                             .replace("%3", outcome.path))

        self.job = jobs.run_job(self, self.tr("Exporting %1").replace("%1", path.name), work, on_finished=finished,
                                on_cancelled=self._on_cancelled)

    def import_ledger(self) -> None:
        kind = LEDGER_IMPORT_KIND[self.ledger_kind.currentData()]
        ImportWizard.ask(self, self.ctx, kind=kind)

    # ------------------------------------------------------------------ results
    def _show_saved(self, path: Path, message: str) -> None:
        self.last_path = path
        self.result_label.setText("✓ " + message)
        self.result_label.setStyleSheet("")
        self.open_file_button.show()
        self.open_folder_button.show()
        self.result_bar.show()

    def _on_cancelled(self) -> None:
        self.result_label.setText(self.tr("Cancelled; no file was written."))
        self.result_label.setStyleSheet("color: #666;")
        self.open_file_button.hide()
        self.open_folder_button.hide()
        self.result_bar.show()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> ReportsPage:
    """For ui.screenshots: the page on its own, last month of the busiest village counted with 同比/环比."""
    page = ReportsPage(ctx, parent)
    page.setWindowFlag(Qt.WindowType.Window)
    page.setMinimumSize(1216, 720)
    from collections import Counter

    from gridapp.services import grids

    counts = Counter()
    for g in grids.list_grids(ctx.actor):
        counts[g.village_code] += g.household_count
    if counts:
        page.summary_unit.set_unit(counts.most_common(1)[0][0])
    page.compare.setChecked(True)
    synchronous = jobs.SYNCHRONOUS
    jobs.SYNCHRONOUS = True
    try:
        page.preview_summary()
    finally:
        jobs.SYNCHRONOUS = synchronous
    return page

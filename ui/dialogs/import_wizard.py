"""导入台账: bring a ledger workbook people already keep into the register, without retyping.

1. 选择文件 (``SourcePage``): the kind of ledger, the file, and the unit its rows belong to when
   it has no 乡镇(街道)/村(社区) columns; 下载导入模板 writes an empty workbook with the headers.
2. 检查 (``CheckPage``): what was read, before anything is written: the header row found and the
   field each column maps to (the columns that will be ignored are listed), the first rows, and
   the number of good and bad rows with the reason of every bad one.
3. 导入 (``ImportPage``): the import runs in the background with a progress bar and 取消; the good
   rows are committed in one transaction, so a cancel leaves nothing behind.
4. 完成 (``ResultPage``): accepted, rejected and created counts; 保存未导入的行 writes the rejected
   rows with 原行号 and 错误原因 (the CLI's ``--errors``), which import on their own once corrected,
   and opens the file.

``ImportWizard.ask(parent, ctx, kind=None) -> ImportOutcome | None``.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QRadioButton, QTableWidget, QTableWidgetItem,
                               QTabWidget, QVBoxLayout, QWidget, QWizard, QWizardPage)

from gridapp.errors import GridappError
from gridapp.services import reporting
from ui import jobs
from ui.context import AppContext
from ui.widgets import ask, outputs
from ui.widgets.unit_picker import UnitPicker

KINDS = ("households", "visits", "events")
CHANGED_ENTITIES = {"households": ("household", "person"), "visits": ("visit",), "events": ("event",)}
BAD_ROW_BRUSH = QBrush(QColor("#fde2e1"))
GOOD_STYLE = "color: #1b5e20;"
BAD_STYLE = "color: #c62828;"
MUTED_STYLE = "color: #666;"


def _table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _item(text, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem("" if text is None else str(text))
    if tooltip:
        item.setToolTip(tooltip)
    return item


class SourcePage(QWizardPage):
    """Which ledger, which file, and where rows without place columns go."""

    def __init__(self, ctx: AppContext, kind: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.preview: reporting.Preview | None = None
        self._preview_key: tuple | None = None
        self._validating = False
        self.setTitle(self.tr("Choose the ledger to import"))
        self.setSubTitle(self.tr("Nothing is written until you have checked what was read on the next page."))

        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        descriptions = {
            "households": self.tr("Household register: one row per person, the members of a household grouped "
                                  "by household number"),
            "visits": self.tr("Visit ledger: one row per visit (date, visitor, person or household visited)"),
            "events": self.tr("Dispute and event ledger (矛盾纠纷排查化解台账): one row per event"),
        }
        kinds_box = QVBoxLayout()
        kinds_box.setSpacing(4)
        for key in KINDS:
            button = QRadioButton(descriptions[key], self)
            button.setObjectName(f"kind_{key}")
            self.kind_group.addButton(button)
            self.kind_buttons[key] = button
            kinds_box.addWidget(button)
        self.kind_buttons[kind if kind in KINDS else "households"].setChecked(True)

        self.file = QLineEdit(self)
        self.file.setObjectName("file")
        self.file.setPlaceholderText(self.tr("An .xlsx workbook saved from Excel or WPS"))
        self.browse_button = QPushButton(self.tr("&Browse…"), self)
        self.browse_button.setObjectName("browse")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse_button)

        self.unit = UnitPicker(ctx, self, all_villages_text=self.tr("Village from the file"))
        unit_note = QLabel(self.tr("Used for rows of a file without 乡镇(街道) or 村(社区) columns. A grid named in "
                                   "the file that the village doesn't have yet is created."), self)
        unit_note.setWordWrap(True)
        unit_note.setStyleSheet(MUTED_STYLE)

        self.template_button = QPushButton(self.tr("Download an empty &template…"), self)
        self.template_button.setObjectName("template")
        self.template_button.setToolTip(self.tr("An empty workbook with the right headers, a notes row and "
                                                "drop-down lists, to fill in and import"))
        self.error = QLabel(self)
        self.error.setObjectName("source_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(BAD_STYLE)
        self.error.hide()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Ledger:"), kinds_box)
        form.addRow(self.tr("&File:"), file_row)
        form.addRow(self.tr("Default &unit:"), self.unit)
        form.addRow("", unit_note)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        form.addRow("", template_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.file.textChanged.connect(self._on_input_changed)
        self.kind_group.buttonToggled.connect(self._on_input_changed)
        self.unit.changed.connect(self._on_input_changed)
        self.browse_button.clicked.connect(self.browse)
        self.template_button.clicked.connect(self.save_template)

    # ------------------------------------------------------------------ values
    def kind(self) -> str:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def set_kind(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def path(self) -> Path | None:
        text = self.file.text().strip().strip('"')
        return Path(text) if text else None

    def unit_code(self) -> str | None:
        return self.unit.unit_code()

    def key(self) -> tuple:
        return self.kind(), str(self.path()), self.unit_code()

    def _on_input_changed(self, *_args) -> None:
        self.error.hide()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.path() is not None

    # ------------------------------------------------------------------ actions
    def browse(self) -> None:
        path = outputs.choose_open_path(self, self.ctx.settings, self.tr("Choose the ledger workbook"))
        if path is not None:
            self.file.setText(str(path))

    def save_template(self) -> None:
        kind = self.kind()
        path = outputs.choose_save_path(self, self.ctx.settings, self.tr("Save the import template"),
                                        reporting.template_file_name(kind))
        if path is None:
            return
        try:
            reporting.write_template(kind, path)
        except GridappError as exc:
            ask.error(self, self.tr("Template"), exc.message)
            return
        outputs.open_local(path)

    def validatePage(self) -> bool:  # noqa: N802
        """Read and check the file (in the background) before showing what was read."""
        if self.preview is not None and self._preview_key == self.key():
            return True
        path = self.path()
        if path is None or not path.is_file():
            self._show_error(self.tr("The file %1 doesn't exist.").replace("%1", str(path or "")))
            return False
        key, actor, unit, kind = self.key(), self.ctx.actor, self.unit_code(), self.kind()

        def work(on_progress, is_cancelled):
            return reporting.preview(actor, kind, path, unit, on_progress=on_progress, is_cancelled=is_cancelled)

        def finished(result) -> None:
            self.preview, self._preview_key = result, key
            if not self._validating:  # it ran in the background: go on now
                self.wizard().next()

        self._validating = True
        try:
            jobs.run_job(self, self.tr("Reading %1").replace("%1", path.name), work, on_finished=finished,
                         on_failed=self._show_error)
        finally:
            self._validating = False
        return self.preview is not None and self._preview_key == key

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()


class CheckPage(QWizardPage):
    """The header mapping, the first rows and the good/bad counts with the reasons."""

    def __init__(self, source: SourcePage, parent: QWidget | None = None):
        super().__init__(parent)
        self.source = source
        self.setTitle(self.tr("Check what was read"))
        self.setCommitPage(True)
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("check_tabs")
        self.mapping = _table(self, "mapping", [self.tr("Column in the file"), self.tr("Imported as")])
        self.unmapped = QLabel(self)
        self.unmapped.setObjectName("unmapped")
        self.unmapped.setWordWrap(True)
        self.unmapped.setStyleSheet(MUTED_STYLE)
        mapping_tab = QWidget(self)
        mapping_layout = QVBoxLayout(mapping_tab)
        mapping_layout.addWidget(self.mapping, 1)
        mapping_layout.addWidget(self.unmapped)
        self.sample = _table(self, "sample", [])
        self.problems = _table(self, "problems", [self.tr("Row"), self.tr("Column"), self.tr("Reason")])
        self.tabs.addTab(mapping_tab, self.tr("Columns"))
        self.tabs.addTab(self.sample, self.tr("First rows"))
        self.tabs.addTab(self.problems, self.tr("Rows with problems"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addWidget(self.tabs, 1)

    def initializePage(self) -> None:  # noqa: N802
        p = self.source.preview
        if p is None:
            return
        self.setSubTitle(self.tr("Sheet “%1”, header in row %2. Nothing has been written yet.")
                         .replace("%1", p.sheet).replace("%2", str(p.header_row)))
        if p.good:
            text = self.tr("%1 rows in the file: <b style='color:#1b5e20'>%2 can be imported</b>, "
                           "<b style='color:#c62828'>%3 have problems</b> and will be left out.")
        else:
            text = self.tr("%1 rows in the file: none can be imported (<b style='color:#c62828'>%3 have "
                           "problems</b>). Correct the file using the reasons below and choose it again.")
        self.counts.setText(text.replace("%1", str(p.rows)).replace("%2", str(p.good)).replace("%3", str(p.bad)))
        self._fill_mapping(p)
        self._fill_sample(p)
        self._fill_problems(p)
        self.tabs.setTabText(2, self.tr("Rows with problems (%1)").replace("%1", str(p.bad)))
        self.tabs.setTabEnabled(2, p.bad > 0)
        self.tabs.setCurrentIndex(0)
        self.wizard().setButtonText(QWizard.WizardButton.CommitButton,
                                    self.tr("&Import %1 rows").replace("%1", str(p.good)))

    def _fill_mapping(self, p) -> None:
        headers = [h for h in p.headers if h]
        self.mapping.setRowCount(len(headers))
        for row, header in enumerate(headers):
            field = p.mapping.get(header)
            self.mapping.setItem(row, 0, _item(header))
            target = _item(p.labels.get(field, field) if field else self.tr("(not imported)"))
            if not field:
                target.setForeground(QBrush(QColor("#888")))
            self.mapping.setItem(row, 1, target)
        self.mapping.setColumnWidth(0, 220)
        if p.unmapped:
            self.unmapped.setText(self.tr("Not recognised, left out: %1").replace("%1", "、".join(p.unmapped)))
        else:
            self.unmapped.setText(self.tr("Every column was recognised."))

    def _fill_sample(self, p) -> None:
        reasons = {e.row_number: e.message for e in p.errors}
        self.sample.clear()
        self.sample.setColumnCount(len(p.headers) + 2)
        self.sample.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Problem")] + [h or "" for h in p.headers])
        self.sample.setRowCount(len(p.sample))
        for row, (number, cells) in enumerate(p.sample):
            reason = reasons.get(number, "")
            items = [_item(number, reason), _item(reason, reason)] + [_item(c, reason) for c in cells]
            for column, item in enumerate(items):
                if reason:
                    item.setBackground(BAD_ROW_BRUSH)
                self.sample.setItem(row, column, item)
        self.sample.resizeColumnsToContents()
        for column in range(self.sample.columnCount()):
            self.sample.setColumnWidth(column, min(self.sample.columnWidth(column), 320 if column == 1 else 180))

    def _fill_problems(self, p) -> None:
        self.problems.setRowCount(len(p.errors))
        for row, e in enumerate(p.errors):
            self.problems.setItem(row, 0, _item(e.row_number))
            self.problems.setItem(row, 1, _item(e.column or ""))
            self.problems.setItem(row, 2, _item(e.message, e.message))
        self.problems.setColumnWidth(0, 60)
        self.problems.setColumnWidth(1, 120)

    def isComplete(self) -> bool:  # noqa: N802
        return self.source.preview is not None and self.source.preview.good > 0


class ImportPage(QWizardPage):
    """The import itself, in the background, with a progress bar and a cancel button."""

    def __init__(self, ctx: AppContext, source: SourcePage, errors_dir: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.errors_dir = errors_dir
        self.outcome: reporting.ImportOutcome | None = None
        self.job: jobs.Job | None = None
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(self.tr("The rows checked on the previous page are being written to the register."))
        self.status = QLabel(self)
        self.status.setObjectName("import_status")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("import_progress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton(self.tr("&Cancel import"), self)
        self.cancel_button.setObjectName("cancel_import")
        self.retry_button = QPushButton(self.tr("&Start again"), self)
        self.retry_button.setObjectName("retry_import")
        self.retry_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button.clicked.connect(self.start)

    def initializePage(self) -> None:  # noqa: N802
        QTimer.singleShot(0, self.start)  # show the page first, then start

    def running(self) -> bool:
        return self.job is not None and not self.job.done

    def start(self) -> None:
        if self.running() or self.outcome is not None:
            return
        actor, kind, unit, path = self.ctx.actor, self.source.kind(), self.source.unit_code(), self.source.path()
        errors_path = self.errors_dir / reporting.errors_file_name(path)
        self.status.setText(self.tr("Importing %1… The good rows are written together at the end, so "
                                    "cancelling leaves the register as it was.").replace("%1", path.name))
        self.status.setStyleSheet("")
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.retry_button.hide()

        def work(on_progress, is_cancelled):
            return reporting.import_file(actor, kind, path, unit=unit, errors_path=errors_path,
                                         on_progress=on_progress, is_cancelled=is_cancelled)

        job = jobs.Job(work)
        job.signals.progress.connect(self._on_job_progress)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        job.signals.cancelled.connect(self._on_job_cancelled)
        self.job = job
        jobs.start(job)

    def cancel(self) -> None:
        if self.running():
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling…"))
            self.job.cancel()

    def _on_job_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))

    def _on_job_finished(self, outcome) -> None:
        self.outcome = outcome
        self.progress.setValue(self.progress.maximum())
        self.cancel_button.hide()
        for entity in CHANGED_ENTITIES[outcome.kind]:
            self.ctx.bus.data_changed.emit(entity)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            QTimer.singleShot(0, wizard.next)

    def _stopped(self, message: str, style: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet(style)
        self.progress.setValue(0)
        self.cancel_button.hide()
        self.retry_button.show()
        wizard = self.wizard()
        if isinstance(wizard, ImportWizard):
            wizard.job_stopped()

    def _on_job_failed(self, message: str) -> None:
        self._stopped(self.tr("The import failed, nothing was written: %1").replace("%1", message), BAD_STYLE)

    def _on_job_cancelled(self) -> None:
        self._stopped(self.tr("The import was cancelled. Nothing was written to the register."), "")

    def isComplete(self) -> bool:  # noqa: N802
        return self.outcome is not None


class ResultPage(QWizardPage):
    """What the import did, and the rejected rows to save and correct."""

    def __init__(self, ctx: AppContext, source: SourcePage, importing: ImportPage, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.source = source
        self.importing = importing
        self.saved_path: Path | None = None
        self.setTitle(self.tr("Import finished"))
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setVerticalSpacing(8)
        self.figures: dict[str, QLabel] = {}
        self.rejected_note = QLabel(self)
        self.rejected_note.setObjectName("rejected_note")
        self.rejected_note.setWordWrap(True)
        self.save_errors_button = QPushButton(self.tr("&Save the rows not imported…"), self)
        self.save_errors_button.setObjectName("save_errors")
        self.saved_label = QLabel(self)
        self.saved_label.setObjectName("saved_errors")
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved_label.setStyleSheet(GOOD_STYLE)
        self.saved_label.hide()
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_errors_button)
        save_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.rejected_note)
        layout.addLayout(save_row)
        layout.addWidget(self.saved_label)
        layout.addStretch(1)
        self.save_errors_button.clicked.connect(self.save_errors)

    def initializePage(self) -> None:  # noqa: N802
        outcome = self.importing.outcome
        if outcome is None:
            return
        self.setSubTitle(self.tr("What the import of %1 did.").replace("%1", self.source.path().name))
        while self.form.rowCount():
            self.form.removeRow(0)
        self.figures.clear()
        created = {"households": [("households_created", self.tr("New households:")),
                                  ("persons_created", self.tr("New people:"))],
                   "visits": [("visits_created", self.tr("New visits:"))],
                   "events": [("events_created", self.tr("New events:"))]}[outcome.kind]
        rows = [("rows", self.tr("Rows in the file:")), ("accepted", self.tr("Imported:")),
                ("rejected", self.tr("Not imported:"))] + created + [
            ("updated", self.tr("Already there, updated:")), ("grids_created", self.tr("New grids:"))]
        for attr, label in rows:
            value = QLabel(str(getattr(outcome, attr)), self)
            value.setObjectName(f"result_{attr}")
            if attr == "rejected" and outcome.rejected:
                value.setStyleSheet(BAD_STYLE + " font-weight: bold;")
            elif attr == "accepted":
                value.setStyleSheet(GOOD_STYLE + " font-weight: bold;")
            self.figures[attr] = value
            self.form.addRow(label, value)
        if outcome.rejected:
            self.rejected_note.setText(self.tr("%1 rows were not imported. Save them with their row number and "
                                               "the reason (原行号, 错误原因), correct them, and import that file on "
                                               "its own.").replace("%1", str(outcome.rejected)))
        else:
            self.rejected_note.setText(self.tr("Every row was imported."))
        self.save_errors_button.setVisible(bool(outcome.rejected))
        self.save_errors_button.setEnabled(bool(outcome.errors_path))

    def save_errors(self) -> None:
        outcome = self.importing.outcome
        if outcome is None or not outcome.errors_path:
            return
        source = self.source.path()
        path = outputs.choose_save_path(self, self.ctx.settings, self.tr("Save the rows not imported"),
                                        reporting.errors_file_name(source), folder=source.parent)
        if path is None:
            return
        try:
            shutil.copyfile(outcome.errors_path, path)
        except OSError as exc:
            ask.error(self, self.tr("Save the rows not imported"),
                      self.tr("Can't write %1: %2").replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
            return
        self.saved_path = path
        self.saved_label.setText(self.tr("Saved to %1").replace("%1", str(path)))
        self.saved_label.show()
        outputs.open_local(path)


class ImportWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, kind: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ImportWizard")
        self.setWindowTitle(self.tr("Import a ledger"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setMinimumSize(860, 620)
        errors_dir = Path(tempfile.mkdtemp(prefix="gridapp-import-"))  # the rejected rows, until saved
        self._errors_dir = errors_dir
        self.destroyed.connect(lambda *_args: shutil.rmtree(errors_dir, ignore_errors=True))
        self._close_when_stopped = False
        self.source_page = SourcePage(ctx, kind, self)
        self.check_page = CheckPage(self.source_page, self)
        self.import_page = ImportPage(ctx, self.source_page, errors_dir, self)
        self.result_page = ResultPage(ctx, self.source_page, self.import_page, self)
        for page in (self.source_page, self.check_page, self.import_page, self.result_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Close"))

    @property
    def outcome(self) -> reporting.ImportOutcome | None:
        return self.import_page.outcome

    def reject(self) -> None:
        """Esc or 取消 while importing cancels the import first, then closes."""
        if self.import_page.running():
            self._close_when_stopped = True
            self.import_page.cancel()
            return
        super().reject()

    def job_stopped(self) -> None:
        if self._close_when_stopped:
            self._close_when_stopped = False
            super().reject()

    def done(self, result: int) -> None:
        super().done(result)
        shutil.rmtree(self._errors_dir, ignore_errors=True)

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, kind: str | None = None) -> reporting.ImportOutcome | None:
        """Run the wizard; the outcome of the import, or None when nothing was imported."""
        wizard = cls(ctx, parent, kind)
        try:
            wizard.exec()
            return wizard.outcome
        finally:
            wizard.deleteLater()


def _wrong_check(id_number: str) -> str:
    return id_number[:-1] + ("1" if id_number[-1] == "0" else "0")


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> ImportWizard:
    """For ui.screenshots: a small household register with two bad rows, read and checked."""
    import datetime as dt

    from openpyxl import Workbook

    from gridapp import ids

    folder = Path(tempfile.mkdtemp(prefix="gridapp-shot-"))
    path = folder / "土桥村户籍人口登记表.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "户籍人口"
    ws.append(["金山店镇土桥村户籍人口登记表"])
    ws.append(["序号", "乡镇", "村(社区)", "网格", "户号", "户主姓名", "姓名", "与户主关系", "性别", "身份证号",
               "联系电话", "现住址", "人员类别", "填表说明"])
    people = [("H101", "陈国强", "陈国强", "户主", "男", ids.make_id("420281", dt.date(1961, 5, 3), 11)),
              ("H101", "陈国强", "周桂兰", "妻子", "女", ids.make_id("420281", dt.date(1963, 8, 19), 22)),
              ("H101", "陈国强", "陈小军", "孙子", "男", ids.make_id("420281", dt.date(2014, 2, 7), 31)),
              ("H102", "刘志明", "刘志明", "户主", "男", _wrong_check(ids.make_id("420281", dt.date(1975, 11, 30), 51))),
              ("H103", "黄丽", "黄丽", "户主", "女", ids.make_id("420281", dt.date(1988, 1, 12), 62)),
              ("H103", "黄丽", "黄子涵", "女儿", "女", ids.make_id("420281", dt.date(2016, 6, 1), 64))]
    for n, (number, head, name, relation, sex, id_number) in enumerate(people, 1):
        tags = "留守儿童" if name == "陈小军" else "五好家庭" if name == "黄子涵" else ""
        ws.append([n, "金山店镇", "土桥村", "第一网格", number, head, name, relation, sex, id_number,
                   f"138712300{n:02d}", f"土桥村一组{n + 10}号", tags, ""])
    wb.save(path)
    wizard = ImportWizard(ctx, parent, "households")
    wizard.source_page.file.setText(str(path))
    wizard.source_page.unit.set_unit("420281103200")
    synchronous = jobs.SYNCHRONOUS
    jobs.SYNCHRONOUS = True
    try:
        wizard.show()
        wizard.next()
    finally:
        jobs.SYNCHRONOUS = synchronous
    wizard.check_page.tabs.setCurrentIndex(1)
    return wizard

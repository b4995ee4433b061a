"""设置 → 审计日志: who did what, when (系统管理员: everything; 乡镇综治中心: its own staff).

Filter by user, action, record type and time; the list pages in from the service (newest first),
the row chosen shows its details in full below, and the filtered rows can be exported to Excel
in the background. The log itself can't be changed from anywhere.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from gridapp.errors import GridappError
from gridapp.services import auditlog
from gridapp.services.actor import ROLE_LABELS
from gridapp.services.auditlog import AuditFilter
from ui import jobs
from ui.context import AppContext
from ui.dialogs.person import date_edit, from_qdate
from ui.models.paged import PagedTableModel
from ui.widgets import ask
from ui.widgets.lists import CountLabel, empty_label, list_table

ALL_TIME, LAST_7, LAST_30, LAST_365, CUSTOM = "all", "7", "30", "365", "custom"
COLUMN_WIDTHS = (140, 90, 90, 110, 80)


def action_label(action: str) -> str:
    label = auditlog.ACTION_LABELS.get(action)
    return QCoreApplication.translate("AuditAction", label) if label else action


class AuditTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.allowed = True
        try:
            auditlog.require_viewer(ctx.actor)
        except GridappError:
            self.allowed = False
        actor = ctx.actor
        self.model = PagedTableModel(
            [(self.tr("Time"), lambda r: f"{r.at:%Y-%m-%d %H:%M:%S}"),
             (self.tr("Login"), lambda r: r.user or self.tr("(unknown)")),
             (self.tr("Name"), "user_name"),
             (self.tr("Action"), lambda r: action_label(r.action)),
             (self.tr("Record"), "entity_name"),
             (self.tr("Details"), "summary")],
            count_fn=lambda q: auditlog.count_audit(actor, q),
            page_fn=lambda q, offset, limit: auditlog.query_audit(actor, q, offset=offset, limit=limit).rows,
            parent=self)
        self._build()
        self._connect()
        if self.allowed:
            self.run_query()
        else:
            self.setEnabled(False)
            self._show_empty(self.tr("The audit log is for system administrators and township centres."))

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.user = QComboBox(self)
        self.user.setObjectName("user_filter")
        self.user.addItem(self.tr("All users"), None)
        if self.allowed:
            for login, name in auditlog.audit_users(self.ctx.actor):
                self.user.addItem(f"{name}（{login}）", login)
        self.action = QComboBox(self)
        self.action.setObjectName("action_filter")
        self.action.addItem(self.tr("All actions"), None)
        for action in auditlog.ACTION_LABELS:
            self.action.addItem(action_label(action), action)
        self.entity = QComboBox(self)
        self.entity.setObjectName("entity_filter")
        self.entity.addItem(self.tr("All records"), None)
        seen = set()
        for entity, name in auditlog.ENTITY_NAMES_ZH.items():
            if name not in seen:
                seen.add(name)
                self.entity.addItem(name, entity)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        for text, value in ((self.tr("Last 7 days"), LAST_7), (self.tr("Last 30 days"), LAST_30),
                            (self.tr("Last 12 months"), LAST_365), (self.tr("All time"), ALL_TIME),
                            (self.tr("From … to …"), CUSTOM)):
            self.period.addItem(text, value)
        self.period.setCurrentIndex(self.period.findData(LAST_30))
        self.since = date_edit(self, optional=False)
        self.since.setObjectName("since")
        self.until = date_edit(self, optional=False)
        self.until.setObjectName("until")
        self.until_label = QLabel(self.tr("to"), self)
        for combo in (self.user, self.action, self.entity, self.period):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setObjectName("export")
        self.count_label = CountLabel(self, 90)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        for widget in (self.user, self.action, self.entity, self.period, self.since, self.until_label, self.until):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.export_button)

        self.table = list_table(self, "audit", self.model, COLUMN_WIDTHS)
        self.empty_label = empty_label(self.table)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("details")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("Choose a row to see everything it recorded."))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 110])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self.refresh_shortcut = QShortcut(QKeySequence("F5"), self)
        self.refresh_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._on_period_changed()

    def _connect(self) -> None:
        for combo in (self.user, self.action, self.entity):
            combo.currentIndexChanged.connect(self.run_query)
        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.since.dateChanged.connect(self.run_query)
        self.until.dateChanged.connect(self.run_query)
        self.export_button.clicked.connect(self.export)
        self.model.total_changed.connect(self._on_model_total_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.refresh_shortcut.activated.connect(self.refresh)

    # ------------------------------------------------------------------ query
    def _on_period_changed(self, *_args) -> None:
        custom = self.period.currentData() == CUSTOM
        for widget in (self.since, self.until_label, self.until):
            widget.setVisible(custom)
        if custom:
            today = QDate.currentDate()
            for edit, value in ((self.since, today.addDays(-30)), (self.until, today)):
                edit.blockSignals(True)
                edit.setDate(value)
                edit.blockSignals(False)
        self.run_query()

    def filters(self) -> AuditFilter:
        period = self.period.currentData()
        since = until = None
        if period == CUSTOM:
            since, until = from_qdate(self.since.date()), from_qdate(self.until.date())
        elif period != ALL_TIME:
            since = dt.date.today() - dt.timedelta(days=int(period))
        action = self.action.currentData()
        return AuditFilter(user=self.user.currentData(), actions=(action,) if action else (),
                           entity=self.entity.currentData(), since=since, until=until)

    def run_query(self, *_args) -> None:
        if not self.allowed:
            return
        filters = self.filters()
        if filters.since and filters.until and filters.since > filters.until:
            self.model.set_query(None)
            self._show_empty(self.tr("The start date is after the end date."))
            return
        try:
            self.model.set_query(filters)
        except GridappError as exc:
            self._show_empty(exc.message)
            return
        self.details.clear()
        if self.model.total:
            self.empty_label.hide()
        else:
            self._show_empty(self.tr("Nothing was recorded with these filters. Choose a longer period or "
                                     "“All …”."))

    def refresh(self) -> None:
        if self.allowed:
            self.model.refresh()

    def _show_empty(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.show()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()  # what happened since the tab was last looked at

    def _on_model_total_changed(self, total: int) -> None:
        self.count_label.setText(self.tr("%1 rows").replace("%1", f"{total:,}"))
        self.export_button.setEnabled(total > 0)
        self.export_button.setToolTip("" if total else self.tr("Nothing to export with these filters"))

    def _on_table_current_row_changed(self, current, _previous) -> None:
        row = self.model.row_at(current) if current.isValid() else None
        if row is None:
            self.details.clear()
            return
        lines = [f"{row.at:%Y-%m-%d %H:%M:%S}  {row.user_name or row.user or ''}（{row.user or ''}）  "
                 f"{action_label(row.action)}  {row.entity_name}",
                 self.tr("Record id: %1").replace("%1", row.uid or "—")]
        for key, value in (row.changes or {}).items():
            label = auditlog.KEY_NAMES_ZH.get(key, key)
            if isinstance(value, list) and len(value) == 2 and key != "fields":
                lines.append(f"{label}：{self._value(key, value[0])} → {self._value(key, value[1])}")
            else:
                lines.append(f"{label}：{self._value(key, value)}")
        self.details.setPlainText("\n".join(lines))

    def _value(self, key: str, value) -> str:
        """One recorded value in full, in words where the log keeps a code."""
        if value in (None, ""):
            return self.tr("(empty)")
        if key == "role" and value in ROLE_LABELS:
            return QCoreApplication.translate("Roles", ROLE_LABELS[value])
        if isinstance(value, (bool, str)) and value in auditlog.VALUE_NAMES_ZH:
            return auditlog.VALUE_NAMES_ZH[value]
        if isinstance(value, (list, dict)):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    # ------------------------------------------------------------------ export
    def export(self) -> None:
        if not self.allowed or not self.model.total:
            return
        default = Path.home() / f"审计日志-{dt.date.today():%Y%m%d}.xlsx"
        path = ask.save_file(self, self.tr("Export the audit log"), str(default), self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        actor, filters = self.ctx.actor, self.filters()

        def work(on_progress, is_cancelled):
            return auditlog.export_audit(actor, path, filters, on_progress=on_progress, is_cancelled=is_cancelled)

        def finished(rows: int) -> None:
            ask.info(self, self.tr("Export the audit log"),
                     self.tr("%1 rows written to %2.").replace("%1", f"{rows:,}").replace("%2", path))
            self.refresh()  # the export is itself in the log

        jobs.run_job(self, self.tr("Exporting the audit log…"), work, on_finished=finished,
                     on_cancelled=lambda: ask.info(self, self.tr("Export the audit log"),
                                                   self.tr("Cancelled; no file was written.")))

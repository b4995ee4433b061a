"""Restoring data from a backup, and the check before the client opens a database.

``RestoreDialog.ask(parent, ctx)``: choose one of the backups beside the database (or any backup
file, e.g. from a USB stick); its date, size and counts are shown before anything happens, the
restore asks for confirmation and runs in the background (the backup is verified first and the
current data is kept as a backup), and afterwards everyone logs in again on the restored data
(bus ``data_changed('database')``). Returns the ``RestoreResult`` or None.

``check_before_open(path, passphrase)``: ``backups.startup_check`` before opening; a damaged
database is never opened silently: the person is offered the newest good backup, or told there
is none.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gridapp import crypto
from gridapp import db as gdb
from gridapp.errors import DatabaseError, GridappError
from gridapp.services import backups
from gridapp.services.backups import BackupInfo, StartupStatus
from ui import jobs
from ui.context import AppContext
from ui.widgets import ask
from ui.widgets.lists import empty_label

PROBLEM_COLOR = "#c62828"
translate = QCoreApplication.translate


def describe_counts(counts: dict | None) -> str:
    """``1,204 households, 3,877 people, 5,120 visits, 88 events`` (or why they are unknown)."""
    if counts is None:
        return translate("RestoreDialog", "contents unknown")
    return translate("RestoreDialog", "%1 households, %2 people, %3 visits, %4 events") \
        .replace("%1", f"{counts.get('household', 0):,}").replace("%2", f"{counts.get('person', 0):,}") \
        .replace("%3", f"{counts.get('visit', 0):,}").replace("%4", f"{counts.get('event', 0):,}")


def format_size(size: int) -> str:
    if size >= 1024 ** 3:
        return f"{size / 1024 ** 3:.1f} GB"
    if size >= 1024 ** 2:
        return f"{size / 1024 ** 2:.1f} MB"
    return f"{max(size, 0) / 1024:.0f} KB"


def kind_label(kind: str) -> str:
    labels = {"auto": translate("RestoreDialog", "Automatic"),
              "manual": translate("RestoreDialog", "Manual or other file"),
              "before-restore": translate("RestoreDialog", "Data before a restore"),
              "damaged": translate("RestoreDialog", "Damaged database")}
    return labels.get(kind, kind)


# --------------------------------------------------------------------------- before opening
def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == crypto.SQLITE_HEADER
    except OSError:
        return False


def check_before_open(path: str | Path, passphrase: str | None = None) -> StartupStatus | None:
    """The startup check of ``path``; None when the database must not be opened (the person was
    told why). A damaged file is replaced by its newest good backup only when the person agrees."""
    from ui.session import run_busy

    path = Path(path)
    if not path.is_file() or (not passphrase and not _is_sqlite_file(path)):
        return StartupStatus(ok=True, problems=(), newest_good_backup=None)  # opening explains the rest
    title = translate("RestoreDialog", "The database is damaged")
    try:
        status = backups.startup_check(path, passphrase)
    except DatabaseError as exc:
        ask.error(None, translate("App", "Can't open the database"), exc.message)
        return None
    if status.ok:
        return status
    problems = "\n".join(status.problems[:3])
    good = status.newest_good_backup
    if good is None:
        text = translate("RestoreDialog", "The database %1 is damaged:\n%2\n\nThere is no good backup beside it to "
                                          "restore from, so it is not opened. Please tell your support contact; do "
                                          "not delete the file.")
        ask.error(None, title, text.replace("%1", str(path)).replace("%2", problems))
        return None
    when = f"{good.when:%Y-%m-%d %H:%M}"
    question = translate("RestoreDialog", "The database %1 is damaged:\n%2\n\nThe newest good backup is from %3 "
                                          "(%4; %5).\n\nRestore it now? Whatever was entered after that backup will "
                                          "have to be entered again. The damaged file is kept in the backups folder."
                                          "\n\nNo: close GridApp without opening the database.")
    question = question.replace("%1", str(path)).replace("%2", problems).replace("%3", when) \
        .replace("%4", describe_counts(good.counts)).replace("%5", format_size(good.size))
    if not ask.confirm(None, title, question):
        return None

    def recover(on_progress, is_cancelled):
        try:
            return backups.recover_from_backup(path, good.path, passphrase)
        finally:
            gdb.close_database()  # this thread's connection; the client opens the file afresh

    result, error = run_busy(None, translate("RestoreDialog", "Restoring the backup of %1…").replace("%1", when),
                             recover)
    if error:
        ask.error(None, title, translate("RestoreDialog", "The restore failed: %1\n\nThe database is not opened.")
                  .replace("%1", error))
        return None
    ask.info(None, translate("RestoreDialog", "Restored"),
             translate("RestoreDialog", "The backup of %1 was restored (%2). The damaged file was kept as %3.")
             .replace("%1", when).replace("%2", describe_counts(result.counts))
             .replace("%3", str(result.previous_kept_as or "")))
    return StartupStatus(ok=True, problems=(), newest_good_backup=None)


# --------------------------------------------------------------------------- the dialog
class BackupTable(QTableWidget):
    """Backups with their date, kind, size and counts; an unusable one in red, with the reason."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 8, parent)
        self.setObjectName("backups")
        self.infos: list[BackupInfo] = []
        self.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Kind"), self.tr("Size"), self.tr("Households"),
                                        self.tr("People"), self.tr("Visits"), self.tr("Events"), self.tr("Status")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 150, 80, 80, 80, 80, 70)):
            self.setColumnWidth(column, width)
        self.empty = empty_label(self, "empty")

    def set_infos(self, infos: list[BackupInfo]) -> None:
        self.infos = list(infos)
        self.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            counts = info.counts or {}
            values = (f"{info.when:%Y-%m-%d %H:%M}", kind_label(info.kind), format_size(info.size),
                      *(f"{counts[k]:,}" if k in counts else "—" for k in backups.COUNTED),
                      self.tr("Good") if info.ok else info.problem)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if 2 <= column <= 6:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not info.ok:
                    item.setForeground(Qt.GlobalColor.darkRed)
                item.setToolTip(str(info.path))
                self.setItem(row, column, item)
        self.empty.setVisible(not self.infos)

    def selected(self) -> BackupInfo | None:
        rows = self.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None


class RestoreDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, backup_path: str | Path | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_value: backups.RestoreResult | None = None
        self.infos: list[BackupInfo] = []
        self.setObjectName("RestoreDialog")
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.setMinimumSize(860, 520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        intro = QLabel(self.tr("Restoring replaces <b>all</b> data of this station with the data of the backup. The "
                               "current data is kept as a backup first, so a restore can itself be undone. After "
                               "the restore everyone logs in again."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.current = QLabel(self)
        self.current.setObjectName("current")
        self.current.setWordWrap(True)
        layout.addWidget(self.current)

        self.table = BackupTable(self)
        layout.addWidget(self.table, 1)

        chosen = QGroupBox(self.tr("Backup chosen"), self)
        chosen_layout = QVBoxLayout(chosen)
        self.details = QLabel(self.tr("Choose a backup in the list."), chosen)
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        chosen_layout.addWidget(self.details)
        layout.addWidget(chosen)

        buttons = QHBoxLayout()
        self.file_button = QPushButton(self.tr("Choose a &file…"), self)
        self.file_button.setObjectName("choose_file")
        self.file_button.setAutoDefault(False)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = self.box.addButton(self.tr("&Restore this backup…"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore")
        self.restore_button.setEnabled(False)
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.box)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.file_button.clicked.connect(self._on_file_button_clicked)
        self.restore_button.clicked.connect(self.restore)
        self.box.rejected.connect(self.reject)
        self._load(backup_path)

    # ------------------------------------------------------------------ list
    # Reading a backup's counts scans its tables (about a second each on a 300k-household county):
    # the list, the current counts and a chosen file are read in the background.
    def _load(self, select: str | Path | None) -> None:
        self._select = Path(select) if select else None
        self._added: list[BackupInfo] = []
        self.table.empty.setText(self.tr("Reading the backups…"))
        self.table.set_infos([])
        passphrase, db_path = gdb.passphrase_of(), self.ctx.db_path

        def read(on_progress, is_cancelled):
            listed = backups.list_backups()
            current = None if gdb.is_postgres() else backups.probe(db_path, passphrase, check=None).counts
            return listed, current

        job = jobs.Job(read)
        job.signals.finished.connect(self._on_backups_read)
        job.signals.failed.connect(self._on_backups_failed)
        jobs.start(job)

    def _on_backups_read(self, result) -> None:
        self.infos, current = result
        self.current.setText(self.tr("The station holds now: %1.").replace("%1", describe_counts(current))
                             if current is not None else "")
        self.table.empty.setText(self.tr("There are no backups beside this database yet. Choose a backup file "
                                         "(for example from a USB drive) with “Choose a file…”."))
        self._fill()
        row = next((i for i, b in enumerate(self.infos) if b.path == self._select), -1)
        if row < 0 and self._select is not None:
            self.add_file(self._select)
        elif row >= 0:
            self.table.selectRow(row)
        elif self.infos:
            self.table.selectRow(next((i for i, b in enumerate(self.infos) if b.ok), 0))

    def _on_backups_failed(self, message: str) -> None:
        self.table.empty.setText(message)
        self._fill()

    def _fill(self) -> None:
        added = {b.path for b in self._added}
        self.infos = self._added + [b for b in self.infos if b.path not in added]
        self.table.set_infos(self.infos)

    def selected(self) -> BackupInfo | None:
        return self.table.selected()

    def add_file(self, path: str | Path) -> None:
        """Read a backup file from elsewhere (in the background); it goes to the top of the list,
        chosen."""
        passphrase = gdb.passphrase_of()
        unreadable = self.tr("Can't read %1: %2")

        def read(on_progress, is_cancelled):
            try:
                return backups.probe(path, passphrase, check=None)
            except OSError as exc:
                raise GridappError(unreadable.replace("%1", str(path)).replace("%2", exc.strerror or str(exc))) from exc

        job = jobs.Job(read)
        job.signals.finished.connect(self._on_file_read)
        job.signals.failed.connect(lambda message: ask.error(self, self.tr("Restore from a backup"), message))
        jobs.start(job)

    def _on_file_read(self, info: BackupInfo) -> None:
        self._added = [info] + [b for b in self._added if b.path != info.path]
        self._fill()
        self.table.selectRow(0)

    def _on_file_button_clicked(self) -> None:
        path = ask.open_file(self, self.tr("Choose a backup file"), str(backups.backup_folder()),
                             self.tr("GridApp databases (*.sqlite3 *.db);;All files (*)"))
        if path:
            self.add_file(path)

    def _on_table_item_selection_changed(self) -> None:
        info = self.selected()
        if info is None:
            self.details.setText(self.tr("Choose a backup in the list."))
            self.restore_button.setEnabled(False)
            return
        text = self.tr("<b>%1</b><br>Made %2 · %3 · %4<br>Contains %5.") \
            .replace("%1", info.path.name).replace("%2", f"{info.when:%Y-%m-%d %H:%M}") \
            .replace("%3", kind_label(info.kind)).replace("%4", format_size(info.size)) \
            .replace("%5", describe_counts(info.counts))
        if not info.ok:
            text += f"<br><span style='color:{PROBLEM_COLOR}'>" + self.tr("Can't be restored: %1") \
                .replace("%1", info.problem) + "</span>"
        self.details.setText(text)
        self.restore_button.setEnabled(info.ok)
        self.restore_button.setToolTip("" if info.ok else info.problem)

    # ------------------------------------------------------------------ restore
    def restore(self) -> bool:
        from ui.session import run_busy

        info = self.selected()
        if info is None or not info.ok:
            return False
        when = f"{info.when:%Y-%m-%d %H:%M}"
        question = self.tr("Replace all data of this station with the backup of %1?\n\nThe backup holds %2.\n\nThe "
                           "current data is kept as a backup first. Everyone logs in again afterwards.") \
            .replace("%1", when).replace("%2", describe_counts(info.counts))
        if not ask.confirm(self, self.tr("Restore from a backup"), question):
            return False
        actor, path = self.ctx.actor, info.path

        def work(on_progress, is_cancelled):
            try:
                return backups.restore_backup(actor, path)
            finally:
                gdb.close_database()  # this thread's connection to the restored file

        gdb.close_database()  # this (the GUI) thread's connection: the file is about to be replaced
        result, error = run_busy(self, self.tr("Restoring the backup of %1…").replace("%1", when), work)
        if error:
            ask.error(self, self.tr("Restore failed"), error)
            return False
        self.result_value = result
        ask.info(self, self.tr("Restored"),
                 self.tr("The backup of %1 was restored: %2.\n\nThe data before the restore was kept as %3.\n\n"
                         "Please log in again.").replace("%1", when).replace("%2", describe_counts(result.counts))
                 .replace("%3", str(result.previous_kept_as or "—")))
        self.accept()
        self.ctx.bus.data_changed.emit("database")
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, backup_path: str | Path | None = None):
        """The ``RestoreResult`` once restored, or None."""
        dialog = cls(ctx, parent, backup_path=backup_path)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> RestoreDialog:
    """For ui.screenshots: the restore dialog over the backups beside the database (one is made
    first when there is none)."""
    if not backups.list_backups():
        gdb.backup()
    return RestoreDialog(ctx, parent)

"""设置 → 备份与恢复: where the backups are, the list of them, a backup now, a restore.

Automatic backups are made once a day and when the client closes (ui.session); this tab shows
them with their date, size and contents, makes one on demand (in the background), copies one to
a file of the administrator's choice (e.g. on a USB drive), and opens the restore dialog.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gridapp import db as gdb
from gridapp.services import backups, settings
from gridapp.services.actor import SYSADMIN
from ui import jobs
from ui.context import AppContext
from ui.dialogs.restore import BackupTable, RestoreDialog, describe_counts, format_size
from ui.widgets import ask


class BackupTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.admin = ctx.actor.role == SYSADMIN
        self.networked = gdb.is_postgres()
        self._listing: jobs.Job | None = None
        self._select: Path | None = None
        self._again = False
        self._shown = False
        self._build()
        self._connect()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)

        where = QGroupBox(self.tr("Where the backups are"), self)
        where_layout = QVBoxLayout(where)
        row = QHBoxLayout()
        self.folder = QLabel(where)
        self.folder.setObjectName("folder")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open folder"), where)
        self.open_button.setObjectName("open_folder")
        row.addWidget(self.folder, 1)
        row.addWidget(self.open_button)
        where_layout.addLayout(row)
        self.policy = QLabel(where)
        self.policy.setObjectName("policy")
        self.policy.setWordWrap(True)
        self.policy.setStyleSheet("color: #555;")
        where_layout.addWidget(self.policy)
        layout.addWidget(where)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.backup_button.setObjectName("backup_now")
        self.copy_button = QPushButton(self.tr("Back up &to a file…"), self)
        self.copy_button.setObjectName("backup_to_file")
        self.restore_button = QPushButton(self.tr("&Restore from a backup…"), self)
        self.restore_button.setObjectName("restore")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        for button in (self.backup_button, self.copy_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)

        self.table = BackupTable(self)
        layout.addWidget(self.table, 1)

        for button in (self.backup_button, self.copy_button, self.restore_button):
            button.setEnabled(self.admin and not self.networked)
            if self.networked:
                button.setToolTip(self.tr("A networked database is backed up on its server"))
            elif not self.admin:
                button.setToolTip(self.tr("Only the system administrator makes backups and restores them"))

    def _connect(self) -> None:
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.backup_button.clicked.connect(self.backup_now)
        self.copy_button.clicked.connect(self.backup_to_file)
        self.restore_button.clicked.connect(self.restore)
        self.table.doubleClicked.connect(lambda _index: self.restore())

    def refresh(self) -> None:
        if self.networked:
            self.folder.setText(self.tr("The database is on a server (%1); the server makes the backups.")
                                .replace("%1", self.ctx.db_path))
            self.open_button.hide()
            self.policy.hide()
            self.table.set_infos([])
            return
        folder = backups.backup_folder()
        self.folder.setText(str(folder))
        self.open_button.setEnabled(folder.is_dir())
        self.open_button.setToolTip("" if folder.is_dir() else
                                    self.tr("The folder does not exist yet: it is created with the first backup."))
        daily = settings.get_int("backup.keep_daily") or 7
        weekly = settings.get_int("backup.keep_weekly") or 0
        self.policy.setText(self.tr("A backup is made automatically once a day and when GridApp closes. The newest "
                                    "backup of each of the last %1 days and of %2 earlier weeks is kept. Copy the "
                                    "folder to a USB drive regularly, so a broken disk loses nothing.")
                            .replace("%1", str(daily)).replace("%2", str(weekly)))
        if self._listing is not None and not self._listing.done:
            self._again = True  # read once more when the list being read now arrives
            return
        self.table.empty.setText(self.tr("Reading the backups…"))
        self.table.set_infos([])
        job = jobs.Job(lambda on_progress, is_cancelled: backups.list_backups())
        job.signals.finished.connect(self._on_backups_listed)
        job.signals.failed.connect(self._on_backups_failed)
        self._listing = jobs.start(job)

    def _on_backups_listed(self, infos: list[backups.BackupInfo]) -> None:
        self.table.empty.setText(self.tr("No backups yet. The first one is made today, or click “Back up now”."))
        self.table.set_infos(infos)
        total = sum(b.size for b in infos)
        self.count_label.setText(self.tr("%1 backups, %2").replace("%1", str(len(infos)))
                                 .replace("%2", format_size(total)) if infos else "")
        row = next((i for i, b in enumerate(infos) if b.path == self._select), -1)
        if row >= 0:
            self.table.selectRow(row)
            self._select = None
        if self._again:
            self._again = False
            self._listing = None
            self.refresh()

    def _on_backups_failed(self, message: str) -> None:
        self.table.empty.setText(message)
        self.table.set_infos([])

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._shown:  # the list is read when the tab is first looked at, not with the page
            self._shown = True
            self.refresh()

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backups.backup_folder())))

    # ------------------------------------------------------------------ actions
    def backup_now(self) -> None:
        if not self.backup_button.isEnabled():
            return
        actor = self.ctx.actor

        def work(on_progress, is_cancelled):
            return backups.backup_now(actor, on_progress=on_progress, is_cancelled=is_cancelled)

        jobs.run_job(self, self.tr("Backing up…"), work, on_finished=self._on_backup_finished)

    def _on_backup_finished(self, info: backups.BackupInfo) -> None:
        self._select = info.path
        self.refresh()
        ask.info(self, self.tr("Backup made"), self.tr("Backup %1 made (%2; %3).").replace("%1", info.path.name)
                 .replace("%2", format_size(info.size)).replace("%3", describe_counts(info.counts)))

    def backup_to_file(self) -> None:
        if not self.copy_button.isEnabled():
            return
        default = Path.home() / f"gridapp-{dt.datetime.now():%Y%m%d-%H%M}.sqlite3"
        path = ask.save_file(self, self.tr("Back up to a file"), str(default),
                             self.tr("GridApp databases (*.sqlite3)"))
        if not path:
            return
        actor = self.ctx.actor

        def work(on_progress, is_cancelled):
            return backups.backup_now(actor, path, on_progress=on_progress, is_cancelled=is_cancelled)

        jobs.run_job(self, self.tr("Backing up…"), work, on_finished=lambda info: ask.info(
            self, self.tr("Backup made"), self.tr("The data was copied to %1 (%2). Keep the file safe: it holds "
                                                  "residents' personal data.").replace("%1", str(info.path))
            .replace("%2", format_size(info.size))))

    def restore(self) -> None:
        if not self.restore_button.isEnabled():
            return
        chosen = self.table.selected()
        RestoreDialog.ask(self, self.ctx, chosen.path if chosen is not None else None)
        self.refresh()

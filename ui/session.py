"""One sitting at the station: who works now, the idle lock, and the automatic backups.

- ``log_in(station_name)``: the login dialog, then, when an administrator has reset the password,
  the forced change of password (cancelling it goes back to the login dialog).
- ``IdleWatcher``: an application-wide event filter; every key press, click, wheel turn or mouse
  move restarts a timer, and ``idle`` fires when it runs out.
- ``Session``: shows the main window of the person who logged in and looks after it:
  after ``idle_lock_minutes`` (Setting, default 15; a change in 设置 applies at once) a lock
  screen covers the window until the password is typed again, or someone else logs in;
  ``backup_if_due`` at the start and every hour, in the background; ``backup_on_close`` when the
  window closes; the whole database check in the background when the check before opening only
  covered the core tables; and after a restore from 设置 (bus ``data_changed('database')``) a
  fresh login on the restored data.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from gridapp import db as gdb
from gridapp.services import accounts, backups, codes, settings
from gridapp.services.actor import Actor
from ui import jobs
from ui.context import AppContext
from ui.widgets import ask

DEFAULT_IDLE_MINUTES = 15
BACKUP_CHECK_MS = 60 * 60 * 1000  # backup_if_due every hour: one backup a day even if never closed
STARTUP_DELAY_MS = 3000  # the first backup and the full check wait until the window is up
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


def idle_minutes() -> int:
    return settings.get_int("idle_lock_minutes") or DEFAULT_IDLE_MINUTES


def log_in(station_name: str, parent: QWidget | None = None) -> Actor | None:
    """Who logs in (None: they cancelled). A password an administrator reset must be replaced
    before anything else."""
    from ui.dialogs.change_password import ChangePasswordDialog
    from ui.dialogs.login import LoginDialog

    while True:
        actor = LoginDialog.ask(parent, station_name)
        if actor is None:
            return None
        if not accounts.current_user(actor).must_change_password:
            return actor
        if ChangePasswordDialog.ask(parent, actor, forced=True) is not None:
            return actor


class IdleWatcher(QObject):
    """Fires ``idle`` once nobody has touched keyboard or mouse for ``interval_ms``."""

    idle = Signal()

    def __init__(self, interval_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle)
        self._watching = False

    @property
    def interval_ms(self) -> int:
        return self.timer.interval()

    def set_interval_ms(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)
        if self._watching:
            self.timer.start()

    def start(self) -> None:
        if not self._watching:
            QCoreApplication.instance().installEventFilter(self)
            self._watching = True
        self.timer.start()

    def stop(self) -> None:
        if self._watching:
            QCoreApplication.instance().removeEventFilter(self)
            self._watching = False
        self.timer.stop()

    @property
    def watching(self) -> bool:
        return self._watching

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in INPUT_EVENTS:
            self.timer.start()
        return False


class Session(QObject):
    """The main window of whoever is logged in, with the idle lock and the automatic backups.

    ``lock`` False (nobody logged in: no accounts, or the demo county) leaves the idle lock off.
    ``full_check`` True runs the whole database check in the background after the window shows.
    """

    window_changed = Signal(QWidget)  # a new main window (after switching user or a restore)
    locked = Signal()
    unlocked = Signal()

    def __init__(self, ctx: AppContext, *, lock: bool = True, demo: bool = False, full_check: bool = False,
                 passphrase: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.demo = demo
        self._lock_allowed = lock
        self.window = None
        self.lock_dialog = None
        self._full_check = full_check
        self._passphrase = passphrase
        self._leaving = False  # the window closes for a new login, not an exit: no close-time backup
        self._finished = False
        self._backup_job: jobs.Job | None = None
        self.idle = IdleWatcher(idle_minutes() * 60_000, self)
        self.idle.idle.connect(self.lock)
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.backup_if_due)
        self.startup_timer = QTimer(self)
        self.startup_timer.setSingleShot(True)
        self.startup_timer.setInterval(STARTUP_DELAY_MS)
        self.startup_timer.timeout.connect(self._on_startup_timer_timeout)

    @property
    def lock_enabled(self) -> bool:
        """Whether the idle lock applies: someone logged in with a password."""
        return self._lock_allowed and self.ctx.actor.user_id is not None

    # ------------------------------------------------------------------ lifetime
    def start(self):
        """Show the main window and start the timers; today's backup (and the full check, when
        due) follow once the window is up. Returns the window."""
        self._show(self.ctx)
        self.backup_timer.start()
        self.startup_timer.start()
        return self.window

    def _on_startup_timer_timeout(self) -> None:
        self.backup_if_due()
        if self._full_check:
            self._full_check = False
            self.run_full_check()

    def _show(self, ctx: AppContext) -> None:
        from ui import app as ui_app

        self.ctx = ctx
        self.window = ui_app.show_main_window(ctx)
        self.window.installEventFilter(self)
        ctx.bus.data_changed.connect(self._on_bus_data_changed)
        if self.lock_enabled:
            self.idle.set_interval_ms(idle_minutes() * 60_000)
            self.idle.start()
        else:
            self.idle.stop()
        self.window_changed.emit(self.window)

    def finish(self) -> None:
        """The event loop has ended: stop watching (a later close makes no backup)."""
        self._finished = True
        self.idle.stop()
        self.backup_timer.stop()
        self.startup_timer.stop()
        if self.window is not None:
            self.window.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close and not self._leaving \
                and not self._finished:
            self.idle.stop()
            self.backup_on_close()
        return False

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity == "settings":
            self.idle.set_interval_ms(idle_minutes() * 60_000)
        elif entity == "database":  # restored from a backup: everyone logs in again
            QTimer.singleShot(0, self.switch_user)

    # ------------------------------------------------------------------ idle lock
    def lock(self) -> None:
        """Cover the window until the password is typed again."""
        if self.lock_dialog is not None or self.window is None or not self.lock_enabled:
            return
        from ui.dialogs.lock import LockDialog

        self.idle.stop()
        self.lock_dialog = LockDialog.cover(self.window, self.ctx.actor)
        self.lock_dialog.finished.connect(self._on_lock_dialog_finished)
        self.locked.emit()

    def _on_lock_dialog_finished(self, result: int) -> None:
        from ui.dialogs.lock import SWITCH_USER

        self.lock_dialog = None
        if result == SWITCH_USER:
            QTimer.singleShot(0, self.switch_user)
            return
        self.idle.start()
        self.unlocked.emit()

    def switch_user(self) -> None:
        """Close the window (and any form left open, unsaved) and let someone log in; quit when
        they cancel."""
        from ui import app as ui_app

        if self.window is None:
            return
        application = QApplication.instance()
        quit_on_close = application.quitOnLastWindowClosed()
        application.setQuitOnLastWindowClosed(False)
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        old, self.window = self.window, None
        self._leaving = True
        old.close()
        old.removeEventFilter(self)
        old.deleteLater()
        self._leaving = False
        try:
            actor = ui_app.choose_actor(codes.station_info().name or self.ctx.station_name,
                                        allow_login=not self.demo)
            if actor is None:
                self.backup_on_close()
                application.quit()
                return
            self._show(ui_app.make_context(actor, self.ctx.db_path, self.ctx.settings, demo=self.demo))
        finally:
            application.setQuitOnLastWindowClosed(quit_on_close)

    # ------------------------------------------------------------------ backups
    def backup_if_due(self) -> None:
        """Today's automatic backup, in the background, when there is none yet."""
        if self._backup_job is not None and not self._backup_job.done:
            return
        job = jobs.Job(lambda on_progress, is_cancelled: backups.backup_if_due())
        job.signals.failed.connect(self._on_backup_failed)
        self._backup_job = jobs.start(job)

    def _on_backup_failed(self, message: str) -> None:
        ask.warning(self.window, self.tr("Automatic backup failed"),
                    self.tr("Today's automatic backup could not be made: %1\n\nThe data itself is not affected. "
                            "Please free some disk space or tell your support contact.").replace("%1", message))

    def backup_on_close(self) -> None:
        """The backup when the client closes (skipped when nothing changed since the last one)."""
        if gdb.database.obj is None:
            return
        _result, message = run_busy(self.window, self.tr("Backing up before closing…"),
                                    lambda on_progress, is_cancelled: backups.backup_on_close())
        if message:
            ask.warning(self.window, self.tr("Backup failed"),
                        self.tr("The backup on closing could not be made: %1\n\nThe data itself is saved.")
                        .replace("%1", message))

    def run_full_check(self) -> None:
        """The whole database check, in the background (the check before opening covered only the
        core tables of this large file); a warning when it finds damage."""
        path = self.ctx.db_path
        passphrase = self._passphrase

        def check(on_progress, is_cancelled):
            return backups.startup_check(path, passphrase, find_backup=False, full=True)

        job = jobs.Job(check)
        job.signals.finished.connect(self._on_full_check_finished)
        job.signals.failed.connect(self._on_full_check_failed)
        jobs.start(job)

    def _on_full_check_finished(self, status) -> None:
        if status.ok:
            return
        ask.warning(self.window, self.tr("The database is damaged"),
                    self.tr("The full check of the database found problems:\n%1\n\nKeep working only as long as "
                            "needed. An administrator should restore the newest good backup in Settings → Backup "
                            "and restore, and tell your support contact.")
                    .replace("%1", "\n".join(status.problems[:5])))

    def _on_full_check_failed(self, message: str) -> None:
        ask.warning(self.window, self.tr("The database is damaged"),
                    self.tr("The full check of the database could not finish: %1").replace("%1", message))


def run_busy(parent: QWidget | None, title: str, fn: Callable) -> tuple[object, str | None]:
    """Run ``fn(on_progress, is_cancelled)`` in the background behind a progress dialog without a
    cancel button, and wait for it: (its result, None), or (None, the failure message)."""
    outcome: dict[str, object] = {}
    job = jobs.Job(fn)
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(360)
    loop = QEventLoop()

    def ended(kind: str, value=None) -> None:
        outcome[kind] = value
        loop.quit()

    job.signals.finished.connect(lambda result: ended("ok", result))
    job.signals.failed.connect(lambda message: ended("error", message))
    job.signals.cancelled.connect(lambda: ended("cancelled"))
    jobs.start(job)
    if not outcome:
        loop.exec()
    dialog.reset()
    dialog.deleteLater()
    return outcome.get("ok"), outcome.get("error")

"""Background jobs: a plain core function ``fn(on_progress, is_cancelled) -> result`` on a worker thread.

The function runs on a ``QThreadPool`` thread with its own database connection; its results and
progress come back to the GUI thread through ``JobSignals`` (queued connections). ``run_job`` adds a
``QProgressDialog`` whose 取消 button cancels the job. Tests set ``SYNCHRONOUS = True`` to run jobs
inline on the calling thread.
"""
from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gridapp import db as gdb
from gridapp.errors import Cancelled, GridappError

SYNCHRONOUS = False

_running: set[Job] = set()  # keeps Python wrappers of running jobs alive until they finish


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the function's result
    failed = Signal(str)  # a message for a person
    cancelled = Signal()


class Job(QRunnable):
    """Runs ``fn(on_progress, is_cancelled)``; emits exactly one of finished/failed/cancelled."""

    def __init__(self, fn: Callable[[Callable[[int, int], None], Callable[[], bool]], object]):
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _on_progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(int(done), int(total))
        if SYNCHRONOUS:
            QCoreApplication.processEvents()

    def run(self) -> None:
        try:
            with _worker_connection():
                result = self.fn(self._on_progress, self.is_cancelled)
        except Cancelled:
            self._finish(self.signals.cancelled.emit)
            return
        except GridappError as exc:
            self._finish(self.signals.failed.emit, exc.message)
            return
        except Exception as exc:  # noqa: BLE001 - a person gets a message, the log gets the trace
            traceback.print_exc()
            self._finish(self.signals.failed.emit,
                         QCoreApplication.translate("Job", "Unexpected error: %1").replace("%1", str(exc)))
            return
        if self.is_cancelled():
            self._finish(self.signals.cancelled.emit)
        else:
            self._finish(self.signals.finished.emit, result)

    def _finish(self, emit, *args) -> None:
        self.done = True
        try:
            emit(*args)
        except RuntimeError:  # the application is shutting down and took the signals object along
            pass


@contextlib.contextmanager
def _worker_connection():
    """A connection of the worker thread's own, closed when the job ends (inline: the caller's)."""
    database = gdb.database.obj
    if SYNCHRONOUS or database is None or threading.current_thread() is threading.main_thread():
        yield
        return
    with database.connection_context():
        yield


def start(job: Job) -> Job:
    """Start a job on the global thread pool (or inline when ``SYNCHRONOUS``)."""
    _running.add(job)

    def release(*_args) -> None:
        # Deferred: queued deliveries of this job's signals must reach their slots first.
        QTimer.singleShot(0, lambda: _running.discard(job))

    for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
        signal.connect(release)
    if SYNCHRONOUS:
        job.run()
    else:
        QThreadPool.globalInstance().start(job)
    return job


def run_job(parent: QWidget | None, title: str, fn, on_finished: Callable[[object], None] | None = None,
            on_failed: Callable[[str], None] | None = None,
            on_cancelled: Callable[[], None] | None = None) -> Job:
    """Run ``fn`` in the background behind a modal progress dialog with a cancel button.

    ``on_finished(result)`` runs on the GUI thread when the job succeeds; a failure shows its
    message (through ``on_failed`` or an error box); a cancel closes the dialog (and calls
    ``on_cancelled``). The callbacks are connected before the job starts, so none is missed.
    """
    from ui.widgets import ask

    job = Job(fn)
    dialog = QProgressDialog(title, QCoreApplication.translate("Job", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setMinimumWidth(360)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(job.cancel)

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)

    def finished(result) -> None:
        dialog.reset()
        dialog.deleteLater()
        if on_finished is not None:
            on_finished(result)

    def failed(message: str) -> None:
        dialog.reset()
        dialog.deleteLater()
        if on_failed is not None:
            on_failed(message)
        else:
            ask.error(parent, title, message)

    def cancelled() -> None:
        dialog.reset()
        dialog.deleteLater()
        if on_cancelled is not None:
            on_cancelled()

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finished)
    job.signals.failed.connect(failed)
    job.signals.cancelled.connect(cancelled)
    job.dialog = dialog
    start(job)
    return job

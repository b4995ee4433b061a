"""Background jobs: progress, result, failure and cancel arrive on the GUI thread as signals."""
from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from gridapp.errors import Cancelled, ValidationError
from gridapp.services import codes
from ui import jobs


def test_job_reports_progress_and_result_from_a_worker_thread(qtbot, db):
    seen: list[tuple[int, int]] = []
    threads: list[threading.Thread] = []

    def work(on_progress, is_cancelled):
        threads.append(threading.current_thread())
        for i in range(1, 4):
            on_progress(i, 3)
        return [name for _code, name in codes.townships()]  # the worker's own connection

    job = jobs.Job(work)
    job.signals.progress.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(job.signals.finished, timeout=10000) as blocker:
        jobs.start(job)
    assert threads[0] is not threading.main_thread()
    assert "金山店镇" in blocker.args[0]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_job_failure_carries_the_message(qtbot):
    def work(on_progress, is_cancelled):
        raise ValidationError("户数必须是整数", field="households")

    job = jobs.Job(work)
    with qtbot.waitSignal(job.signals.failed, timeout=10000) as blocker:
        jobs.start(job)
    assert blocker.args == ["户数必须是整数"]


def test_unexpected_error_becomes_a_message(qtbot, capsys):
    job = jobs.Job(lambda on_progress, is_cancelled: 1 / 0)
    with qtbot.waitSignal(job.signals.failed, timeout=10000) as blocker:
        jobs.start(job)
    assert blocker.args[0].startswith("意外错误：") and "division by zero" in blocker.args[0]
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_cancel_stops_the_work_and_signals_cancelled(qtbot):
    started = threading.Event()
    steps: list[int] = []

    def work(on_progress, is_cancelled):
        started.set()
        for i in range(500):
            if is_cancelled():
                raise Cancelled()
            steps.append(i)
            time.sleep(0.01)
        return "finished anyway"

    job = jobs.Job(work)
    finished: list = []
    job.signals.finished.connect(finished.append)
    with qtbot.waitSignal(job.signals.cancelled, timeout=10000):
        jobs.start(job)
        assert started.wait(5)
        job.cancel()
    assert len(steps) < 500 and finished == []


@pytest.mark.usefixtures("sync_jobs")
def test_synchronous_mode_runs_inline_for_tests():
    results: list = []
    job = jobs.run_job(None, "统计", lambda on_progress, is_cancelled: 42, on_finished=results.append)
    assert job.done and results == [42]


def test_run_job_shows_a_progress_dialog_and_reports_failure(qtbot, asked):
    release = threading.Event()

    def work(on_progress, is_cancelled):
        on_progress(1, 4)
        release.wait(5)
        raise ValidationError("文件已被其他程序打开")

    job = jobs.run_job(None, "导出住户", work)
    assert job.dialog.labelText() == "导出住户"
    assert [b.text() for b in job.dialog.findChildren(QPushButton)] == ["取消"]
    qtbot.waitUntil(lambda: job.dialog.maximum() == 4)
    with qtbot.waitSignal(job.signals.failed, timeout=10000):
        release.set()
    assert asked == [("error", "导出住户", "文件已被其他程序打开")]


def test_cancel_button_of_the_progress_dialog_cancels_the_job(qtbot):
    def work(on_progress, is_cancelled):
        while not is_cancelled():
            time.sleep(0.01)
        raise Cancelled()

    job = jobs.run_job(None, "生成演示数据", work)
    qtbot.waitUntil(job.dialog.isVisible, timeout=5000)  # shown once the work takes a moment
    (cancel,) = job.dialog.findChildren(QPushButton)
    with qtbot.waitSignal(job.signals.cancelled, timeout=10000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert job.is_cancelled()

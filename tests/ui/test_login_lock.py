"""Logging in, the lockout, the forced change of a reset password, the idle lock and the backups
a session makes, driven through the real dialogs on a temporary database."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gridapp.services import accounts, auditlog, backups
from gridapp.services import settings as settings_service
from gridapp.services.actor import GRID_WORKER, actor_for
from gridapp.services.auditlog import AuditFilter
from tests.ui.conftest import VILLAGE_CODE

ADMIN_PASSWORD = "Admin2024x"
WORKER_PASSWORD = "Worker2024x"


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


@pytest.fixture
def admin(db, station):
    info = accounts.create_first_admin("admin", ADMIN_PASSWORD, "系统管理员")
    return actor_for(info.id)


@pytest.fixture
def worker(admin):
    """李网格, a grid worker who has chosen their own password (no forced change)."""
    info = accounts.create_user(admin, "liwg", "李网格", GRID_WORKER, VILLAGE_CODE, "Temp2024x")
    accounts.change_password(actor_for(info.id), "Temp2024x", WORKER_PASSWORD)
    return actor_for(info.id)


@pytest.fixture
def worker_ctx(worker, settings, db, station):
    from ui.context import AppBus, AppContext

    return AppContext(actor=worker, db_path=str(db.path), station_name=station.name, settings=settings, bus=AppBus())


@pytest.fixture
def session(qtbot, worker_ctx, sync_jobs):
    from ui.session import Session

    s = Session(worker_ctx)
    s.startup_timer.setInterval(60_000)  # no backup in the middle of a test unless it asks for one
    s.start()  # the session replaces and deletes windows itself: closed below, not by qtbot
    qtbot.waitExposed(s.window)
    yield s
    s.finish()
    if s.lock_dialog is not None:
        s.lock_dialog.done(1)
    if s.window is not None:
        s.window.close()
        s.window.deleteLater()


def login_dialog(qtbot):
    from ui.dialogs.login import LoginDialog

    dialog = LoginDialog("土桥村网格服务站")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def try_login(qtbot, dialog, login: str, password: str) -> None:
    dialog.login.clear()
    qtbot.keyClicks(dialog.login, login)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


# --------------------------------------------------------------------------- login and lockout
def test_five_wrong_passwords_lock_the_account_and_say_until_when(qtbot, worker):
    dialog = login_dialog(qtbot)
    for attempt in range(1, 5):
        try_login(qtbot, dialog, "liwg", "Wrong2024x")
        assert dialog.isVisible()
        assert f"再错 {5 - attempt} 次将锁定账号 15 分钟" in dialog.message.text()
    try_login(qtbot, dialog, "liwg", "Wrong2024x")
    locked_until = accounts.get_user(actor_for("admin"), worker.user_id).locked_until
    assert locked_until is not None
    assert dialog.message.text() == f"密码错误；已连续输错 5 次，账号锁定至 {locked_until:%Y-%m-%d %H:%M}"
    # even the right password is refused now, with the time the lock ends
    try_login(qtbot, dialog, "liwg", WORKER_PASSWORD)
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.actor is None
    assert f"请于 {locked_until:%Y-%m-%d %H:%M} 后再试" in dialog.message.text()
    failed = auditlog.query_audit(actor_for("admin"), AuditFilter(user="liwg", actions=("login_failed",))).total
    assert failed == 6


def test_an_administrator_unlocks_and_the_right_password_then_logs_in(qtbot, worker, admin):
    dialog = login_dialog(qtbot)
    for _ in range(5):
        try_login(qtbot, dialog, "liwg", "Wrong2024x")
    accounts.unlock_user(admin, worker.user_id)
    try_login(qtbot, dialog, "liwg", WORKER_PASSWORD)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.actor.login == "liwg"


# --------------------------------------------------------------------------- forced change of password
def test_a_reset_password_must_be_changed_before_the_window_opens(qtbot, worker, admin, monkeypatch):
    from ui.dialogs.change_password import ChangePasswordDialog
    from ui.dialogs.login import LoginDialog
    from ui.session import log_in

    accounts.reset_password(admin, worker.user_id, "Reset2024x")
    seen = {}

    def login_ask(cls, parent=None, station_name=""):
        dialog = login_dialog(qtbot)
        try_login(qtbot, dialog, "liwg", "Reset2024x")
        assert dialog.result() == dialog.DialogCode.Accepted
        return dialog.actor

    def change_ask(cls, parent, actor, *, forced=False):
        dialog = ChangePasswordDialog(actor, parent, forced=forced)
        qtbot.addWidget(dialog)
        dialog.show()
        seen["forced"] = forced
        qtbot.keyClicks(dialog.old_password, "Reset2024x")
        qtbot.keyClicks(dialog.pair.password, "12345678")
        seen["weak"] = dialog.pair.strength.text()
        click(qtbot, dialog.save_button)
        assert dialog.isVisible()  # a weak password is not taken
        dialog.pair.password.clear()
        qtbot.keyClicks(dialog.pair.password, "Mine2024yz")
        seen["strong"] = dialog.pair.strength.text()
        qtbot.keyClicks(dialog.pair.repeat, "Mine2024yz")
        click(qtbot, dialog.save_button)
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.general.text()
        return dialog.result_value

    monkeypatch.setattr(LoginDialog, "ask", classmethod(login_ask))
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(change_ask))
    actor = log_in("站")
    assert actor.login == "liwg"
    assert seen["forced"] is True
    assert seen["weak"] == "密码须同时包含字母和数字"
    assert seen["strong"].startswith("✓")
    assert accounts.current_user(actor).must_change_password is False
    assert accounts.authenticate("liwg", "Mine2024yz").login == "liwg"


def test_leaving_the_forced_change_goes_back_to_the_login(qtbot, worker, admin, monkeypatch):
    from ui.dialogs.change_password import ChangePasswordDialog
    from ui.dialogs.login import LoginDialog
    from ui.session import log_in

    accounts.reset_password(admin, worker.user_id, "Reset2024x")
    logins = []

    def login_ask(cls, parent=None, station_name=""):
        logins.append(1)
        return actor_for("liwg") if len(logins) == 1 else None

    monkeypatch.setattr(LoginDialog, "ask", classmethod(login_ask))
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, *a, **k: None))
    assert log_in("站") is None
    assert len(logins) == 2  # the change was cancelled: the login dialog came back (and was cancelled)


def test_change_password_dialog_says_why_the_old_password_is_refused(qtbot, worker):
    from ui.dialogs.change_password import ChangePasswordDialog

    dialog = ChangePasswordDialog(worker)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old_password, "NotMine2024")
    qtbot.keyClicks(dialog.pair.password, "Mine2024yz")
    qtbot.keyClicks(dialog.pair.repeat, "Mine2024yx")
    click(qtbot, dialog.save_button)
    assert dialog.errors.error("new_password2") == "两次输入的密码不一致，请再输入一次。"
    dialog.pair.repeat.clear()
    qtbot.keyClicks(dialog.pair.repeat, "Mine2024yz")
    click(qtbot, dialog.save_button)
    assert dialog.errors.error("old_password") == "原密码不正确"
    assert dialog.isVisible()


# --------------------------------------------------------------------------- idle lock
def test_idle_lock_covers_the_window_and_the_password_unlocks_it(qtbot, session, worker):
    session.idle.set_interval_ms(80)
    qtbot.waitUntil(lambda: session.lock_dialog is not None, timeout=3000)
    lock = session.lock_dialog
    assert lock.isVisible() and lock.isModal()
    assert lock.geometry() == session.window.frameGeometry()  # the window's data is covered
    qtbot.keyClick(lock, Qt.Key.Key_Escape)
    assert lock.isVisible()  # Esc does not uncover it
    qtbot.keyClicks(lock.password, "Wrong2024x")
    qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert lock.isVisible()
    assert lock.message.text() == "密码错误。多次输错将锁定账号。"
    with qtbot.waitSignal(session.unlocked, timeout=3000):
        qtbot.keyClicks(lock.password, WORKER_PASSWORD)
        qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert session.lock_dialog is None
    assert session.idle.timer.isActive()  # watching again
    rows = auditlog.query_audit(actor_for("admin"), AuditFilter(user="liwg", actions=("unlock_session",)))
    assert rows.total == 1


def test_input_keeps_the_lock_away(qtbot, session):
    session.idle.set_interval_ms(400)
    for _ in range(6):
        qtbot.wait(150)
        qtbot.keyClick(session.window, Qt.Key.Key_Shift)  # someone is working
        assert session.lock_dialog is None
    qtbot.waitUntil(lambda: session.lock_dialog is not None, timeout=3000)


def test_the_idle_minutes_setting_applies_at_once(qtbot, session, admin):
    assert session.idle.interval_ms == 15 * 60_000
    settings_service.set_setting(admin, "idle_lock_minutes", "3")
    session.ctx.bus.data_changed.emit("settings")
    assert session.idle.interval_ms == 3 * 60_000


def test_wrong_passwords_on_the_lock_screen_lock_the_account(qtbot, session):
    session.lock()
    lock = session.lock_dialog
    for _ in range(5):
        qtbot.keyClicks(lock.password, "Wrong2024x")
        qtbot.keyClick(lock.password, Qt.Key.Key_Return)
    assert "锁定至" in lock.message.text()
    assert not lock.unlock_button.isEnabled() and not lock.password.isEnabled()
    assert lock.switch_button.text() == "重新登录(&L)"


def test_switch_user_from_the_lock_screen_returns_to_the_login(qtbot, session, admin, monkeypatch):
    from ui.dialogs.login import LoginDialog

    old_window = session.window
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a: admin))
    session.lock()
    with qtbot.waitSignal(session.window_changed, timeout=3000):
        click(qtbot, session.lock_dialog.switch_button)
    assert session.window is not old_window and session.window.isVisible()
    assert session.window.ctx.actor.login == "admin"
    assert not old_window.isVisible()


def test_nobody_logged_in_means_no_idle_lock(qtbot, ctx, sync_jobs):
    import dataclasses

    from gridapp.services.actor import system_actor
    from ui.session import Session

    s = Session(dataclasses.replace(ctx, actor=system_actor()))
    s.start()
    qtbot.addWidget(s.window)
    s.idle.set_interval_ms(30)
    qtbot.wait(200)
    assert s.lock_dialog is None and not s.idle.watching
    s.finish()
    s.window.close()


# --------------------------------------------------------------------------- backups of a session
def test_a_session_backs_up_when_due_and_when_the_window_closes(qtbot, worker_ctx, sync_jobs):
    from ui.session import Session

    s = Session(worker_ctx)
    s.startup_timer.setInterval(0)
    s.start()
    qtbot.addWidget(s.window)
    qtbot.waitUntil(lambda: len(backups.list_backups()) == 1, timeout=5000)
    first = backups.list_backups()[0]
    assert first.kind == "auto" and first.counts is not None
    s.backup_if_due()
    s.backup_on_close()
    assert [b.path for b in backups.list_backups()] == [first.path]  # done today, nothing changed since
    qtbot.wait(1100)  # backups are named by the second
    admin = actor_for("admin")
    accounts.update_user(admin, worker_ctx.actor.user_id,
                         accounts.get_user(admin, worker_ctx.actor.user_id).version, phone="13912345678")
    s.window.close()  # changed since the backup: closing backs up again (today's older one rotates away)
    (newest,) = backups.list_backups()
    assert newest.path != first.path and newest.when > first.when
    s.finish()


def test_the_client_opens_no_window_until_a_reset_password_is_changed(qtbot, db, worker, admin, monkeypatch):
    import sys

    from gridapp import db as gdb
    from ui import app
    from ui.dialogs.change_password import ChangePasswordDialog
    from ui.dialogs.login import LoginDialog

    accounts.reset_password(admin, worker.user_id, "Reset2024x")
    path = str(db.path)
    gdb.close_database()
    answers = [actor_for(worker.user_id), None]  # logs in with the temporary password, then gives up
    changes = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # main() installs its own
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda cls, *a: answers.pop(0)))
    monkeypatch.setattr(ChangePasswordDialog, "ask", classmethod(lambda cls, parent, actor, forced=False:
                                                                 changes.append((actor.login, forced))))
    monkeypatch.setattr(app, "show_main_window", lambda ctx: pytest.fail("no window before the password is changed"))
    assert app.main(db=path) == 0
    assert changes == [("liwg", True)] and answers == []

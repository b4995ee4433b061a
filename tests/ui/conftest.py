"""Shared UI fixtures: offscreen Qt with zh_CN translators, temporary settings, an AppContext for
a township clerk on the ``db`` fixture, and the main window.

- ``settings``: a QSettings ini file under tmp_path (never the user's own settings).
- ``station``: the ``db`` fixture set up as 金山店镇 / 土桥村 with grids 第一网格 and 第二网格.
- ``ctx``: AppContext for a township actor (金山店镇) on that database.
- ``main_window``: MainWindow(ctx), shown.
- ``sync_jobs``: ui.jobs.SYNCHRONOUS = True for the test.
- ``type_text(widget, text)``: types any text key by key, Chinese included (qtbot.keyClicks
  aborts the process on non-ASCII characters: Qt's QTest asserts in qasciikey.cpp).
- ``asked`` (autouse): every ui.widgets.ask call is recorded instead of opening a modal box;
  ``asked.confirm_answer`` is what ask.confirm returns (True unless a test changes it),
  ``asked.file`` what ask.open_file/save_file/directory return (None), ``asked.secret`` what
  ask.password returns (None: cancelled).
"""
from __future__ import annotations

import pytest

TOWNSHIP_CODE = "420281103"  # 金山店镇
VILLAGE_CODE = "420281103200"  # 土桥村
GRID_NAMES = ("第一网格", "第二网格")

# Offscreen-platform chatter that says nothing about our code.
QT_LOG_IGNORE = (
    "This plugin does not support propagateSizeHints",
)


def pytest_configure(config):
    for pattern in QT_LOG_IGNORE:
        config.addinivalue_line("qt_log_ignore", pattern)


@pytest.fixture(scope="session", autouse=True)
def _qt_session(qapp, tmp_path_factory):
    """Name the application, keep QSettings away from the user's files, use a CJK font, zh_CN."""
    from PySide6.QtCore import QSettings

    from ui import app as ui_app
    from ui import i18n

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, folder)
    qapp.setOrganizationName(ui_app.ORGANIZATION)
    qapp.setApplicationName(ui_app.APPLICATION)
    ui_app.configure_font(qapp)
    i18n.install(i18n.DEFAULT_LANGUAGE)
    yield
    i18n.install(i18n.DEFAULT_LANGUAGE)


class Asked(list):
    """The ask.* calls a test made: (function name, title, text) tuples."""

    confirm_answer = True
    file: str | None = None
    secret: str | None = None

    def kinds(self) -> list[str]:
        return [kind for kind, *_ in self]


@pytest.fixture(autouse=True)
def asked(monkeypatch) -> Asked:
    from ui.widgets import ask

    calls = Asked()

    def recorder(kind, result=None):
        def record(parent, title, text="", *args, **kwargs):
            calls.append((kind, title, text))
            return result() if callable(result) else result
        return record

    for kind in ("info", "warning", "error", "about"):
        monkeypatch.setattr(ask, kind, recorder(kind))
    monkeypatch.setattr(ask, "confirm", recorder("confirm", lambda: calls.confirm_answer))
    for kind in ("open_file", "save_file", "directory"):
        monkeypatch.setattr(ask, kind, recorder(kind, lambda: calls.file))
    monkeypatch.setattr(ask, "password", recorder("password", lambda: calls.secret))
    return calls


def type_text_into(widget, text: str) -> None:
    """Key presses a person would make; non-ASCII characters arrive as committed text."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            QTest.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


@pytest.fixture
def type_text():
    return type_text_into


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sync_jobs(monkeypatch):
    from ui import jobs

    monkeypatch.setattr(jobs, "SYNCHRONOUS", True)


@pytest.fixture
def station(db):
    """The test database set up as a station of 金山店镇 / 土桥村 with two grids."""
    from gridapp.services import codes
    from gridapp.services.actor import system_actor

    return codes.setup_station(system_actor(), TOWNSHIP_CODE, VILLAGE_CODE, list(GRID_NAMES))


@pytest.fixture
def township_actor(db, station):
    """A township-centre clerk of 金山店镇 (a real user row, so services can reference it)."""
    from gridapp.models import User
    from gridapp.services.actor import TOWNSHIP, actor_for

    user = User.create(login="clerk", display_name="王文书", role=TOWNSHIP, scope_code=TOWNSHIP_CODE)
    return actor_for(user)


@pytest.fixture
def ctx(db, station, township_actor, settings):
    from ui.context import AppBus, AppContext

    return AppContext(actor=township_actor, db_path=str(db.path), station_name=station.name,
                      settings=settings, bus=AppBus())


@pytest.fixture
def main_window(qtbot, ctx):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window

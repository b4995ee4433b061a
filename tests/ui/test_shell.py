"""The shell: main window, navigation, status bar, layout memory, language, shortcuts, first run,
login, and the --smoke run."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

import gridapp
from gridapp.errors import PermissionDenied
from gridapp.services import codes
from ui import pages as registry
from ui.main_window import MainWindow
from ui.pages.placeholder import ErrorPage, PlaceholderPage

ROOT = Path(__file__).resolve().parents[2]


def click_nav(qtbot, window: MainWindow, key: str) -> None:
    item = window.nav.item(window.page_keys().index(key))
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, f"{text} is not offered"
    combo.setCurrentIndex(index)


class SearchablePage(QWidget):
    """A page offering the optional hooks the shell wires (Ctrl+F, Ctrl+N, apply_filter)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.calls: list = []

    def focus_search(self):
        self.calls.append("focus_search")

    def new_record(self):
        self.calls.append("new_record")

    def apply_filter(self, filters):
        self.calls.append(("apply_filter", filters))


class BrokenPage(QWidget):
    def __init__(self, ctx, parent=None):
        raise RuntimeError("page bug")


# --------------------------------------------------------------------------- main window
def test_navigation_lists_the_pages_in_order_and_switches_to_each(main_window, qtbot):
    keys = main_window.page_keys()
    assert keys == ["dashboard", "households", "people", "places", "visits", "events", "reports", "settings"]
    labels = [main_window.nav.item(i).text() for i in range(main_window.nav.count())]
    assert labels == ["工作台", "住户", "人员", "场所", "走访", "事件", "报表", "设置"]
    for key in keys:
        click_nav(qtbot, main_window, key)
        assert main_window.current_key() == key
        page = main_window.loaded_pages()[key]
        assert main_window.stack.currentWidget() is page
        assert page.isVisible()
        assert not isinstance(page, ErrorPage), page.details


def test_pages_are_built_only_when_first_shown(main_window, qtbot):
    assert list(main_window.loaded_pages()) == ["dashboard"]
    click_nav(qtbot, main_window, "reports")
    assert list(main_window.loaded_pages()) == ["dashboard", "reports"]


def test_status_bar_shows_station_user_and_database(main_window, ctx):
    assert main_window.status_station.text() == "服务站：土桥村网格服务站"
    assert main_window.status_user.text() == "用户：王文书（乡镇综治中心）"
    assert main_window.status_db.text() == f"数据库：{ctx.db_path}"
    assert main_window.windowTitle() == f"网格通 {gridapp.__version__}"


def test_geometry_and_splitter_are_remembered(qtbot, ctx):
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 520)  # within the offscreen screen (800 × 600): restoring clamps to the screen
    first.splitter.setSizes([200, 520])
    qtbot.waitUntil(lambda: first.width() == 720)
    sizes = first.splitter.sizes()
    first.close()

    reread = QSettings(ctx.settings.fileName(), QSettings.Format.IniFormat)
    ctx.settings = reread
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (720, 520)
    assert second.splitter.sizes() == sizes
    assert sizes[0] == 200


def test_missing_page_module_shows_a_placeholder(main_window, monkeypatch, qtbot):
    monkeypatch.setitem(registry.PAGES, "places", ("ui.pages.no_such_page:NoPage", "Places"))
    click_nav(qtbot, main_window, "places")
    page = main_window.current_page()
    assert isinstance(page, PlaceholderPage)
    assert page.title == "场所"


def test_broken_page_shows_an_error_page_not_a_crash(main_window, monkeypatch, qtbot, capsys):
    monkeypatch.setitem(registry.PAGES, "places", (f"{__name__}:BrokenPage", "Places"))
    click_nav(qtbot, main_window, "places")
    page = main_window.current_page()
    assert isinstance(page, ErrorPage)
    assert "page bug" in page.details
    assert "page bug" in capsys.readouterr().out


def test_ctrl_f_and_ctrl_n_reach_the_current_page(main_window, monkeypatch, qtbot):
    monkeypatch.setitem(registry.PAGES, "places", (f"{__name__}:SearchablePage", "Places"))
    click_nav(qtbot, main_window, "dashboard")
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # nothing to search
    click_nav(qtbot, main_window, "places")
    page = main_window.current_page()
    assert main_window.find_action.isEnabled() and main_window.new_action.isEnabled()
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.calls == ["focus_search", "new_record"]


def test_a_page_binding_ctrl_f_itself_keeps_it(main_window, monkeypatch, qtbot):
    from PySide6.QtGui import QKeySequence, QShortcut

    monkeypatch.setitem(registry.PAGES, "places", (f"{__name__}:SearchablePage", "Places"))
    page = main_window.page("places")
    own = []
    QShortcut(QKeySequence("Ctrl+F"), page).activated.connect(lambda: own.append("own"))
    click_nav(qtbot, main_window, "places")
    assert not main_window.find_action.isEnabled()
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert own == ["own"] and page.calls == []


def test_bus_navigate_and_open_record_reach_the_page(main_window, monkeypatch, ctx):
    monkeypatch.setitem(registry.PAGES, "events", (f"{__name__}:SearchablePage", "Events"))
    ctx.bus.navigate.emit("events", {"state": "超期"})
    ctx.bus.open_event.emit(42)
    assert main_window.current_key() == "events"
    assert main_window.current_page().calls == [("apply_filter", {"state": "超期"}),
                                                ("apply_filter", {"event_id": 42})]


def test_about_shows_the_version(main_window, asked):
    main_window.about_action.trigger()
    kind, title, text = asked[-1]
    assert (kind, title) == ("about", "关于网格通")
    assert gridapp.__version__ in text and "网格通" in text


def test_switching_to_english_in_settings_retranslates_the_window(main_window, qtbot, ctx):
    from ui import i18n

    try:
        click_nav(qtbot, main_window, "settings")
        combo = main_window.current_page().findChild(QComboBox, "language")
        choose(combo, "English")
        qtbot.waitUntil(lambda: main_window.nav.item(1).text() == "Households")
        assert main_window.windowTitle() == f"GridApp {gridapp.__version__}"
        assert main_window.status_station.text().startswith("Station: ")
        assert ctx.settings.value(i18n.SETTINGS_KEY) == "en"
        assert main_window.current_key() == "settings"
        combo = main_window.current_page().findChild(QComboBox, "language")  # the page was rebuilt
        choose(combo, "中文（简体）")
        qtbot.waitUntil(lambda: main_window.nav.item(1).text() == "住户")
        assert ctx.settings.value(i18n.SETTINGS_KEY) == "zh_CN"
    finally:
        i18n.install(i18n.DEFAULT_LANGUAGE)


def test_settings_show_station_and_storage_locations(main_window, qtbot, ctx):
    from PySide6.QtWidgets import QLabel, QTabWidget

    click_nav(qtbot, main_window, "settings")
    page = main_window.current_page()
    tabs = page.findChild(QTabWidget)
    assert tabs.tabText(0) == "常规"
    assert page.findChild(QLabel, "station_name").text() == "土桥村网格服务站"
    assert page.findChild(QLabel, "db_path").text() == ctx.db_path
    assert page.findChild(QLabel, "backup_path").text() == str(Path(ctx.db_path).parent / "backups")


# --------------------------------------------------------------------------- first run
@pytest.fixture
def setup_dialog(qtbot, db):
    from ui.dialogs.setup import SetupDialog

    codes.ensure_reference_data()
    dialog = SetupDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_admin(type_text, dialog) -> None:
    if not dialog.needs_admin:
        return
    for widget, text in ((dialog.display_name, "李管理"), (dialog.password, "Grid-2024!x"),
                         (dialog.password2, "Grid-2024!x")):
        type_text(widget, text)


def test_first_run_is_detected_on_an_empty_database(db):
    codes.ensure_reference_data()
    assert codes.is_first_run()


def test_setup_dialog_creates_the_station_and_its_grids(setup_dialog, qtbot, type_text):
    from gridapp.services import grids
    from gridapp.services.actor import system_actor
    from ui.dialogs.setup import CONFIGURED

    dialog = setup_dialog
    assert not dialog.village.isEnabled()
    choose(dialog.township, "金山店镇")
    assert dialog.village.isEnabled()
    choose(dialog.village, "土桥村")
    assert dialog.station_name.placeholderText() == "土桥村网格服务站"
    type_text(dialog.grid_name, "第一网格")
    qtbot.keyClick(dialog.grid_name, Qt.Key.Key_Return)  # Enter adds the grid, it does not finish
    assert dialog.isVisible()
    type_text(dialog.grid_name, "  第二网格 ")
    qtbot.mouseClick(dialog.add_grid, Qt.MouseButton.LeftButton)
    type_text(dialog.grid_name, "第三网格")  # typed but not added: Finish takes it too
    fill_admin(type_text, dialog)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_kind == CONFIGURED
    info = codes.station_info()
    assert (info.name, info.township_code, info.village_code) == ("土桥村网格服务站", "420281103", "420281103200")
    assert [g.name for g in grids.list_grids(system_actor(), "420281103200")] == ["第一网格", "第二网格", "第三网格"]
    assert not codes.is_first_run()


def test_setup_dialog_shows_errors_next_to_the_fields(setup_dialog, qtbot, type_text):
    dialog = setup_dialog
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.errors.error("township") == "请选择乡镇（街道）"
    choose(dialog.township, "金山店镇")
    assert dialog.errors.error("township") == ""
    type_text(dialog.grid_name, "第一网格")
    qtbot.keyClick(dialog.grid_name, Qt.Key.Key_Return)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    assert dialog.errors.error("village") == "创建网格前请先选择村（社区）"
    type_text(dialog.grid_name, "第一网格")
    qtbot.keyClick(dialog.grid_name, Qt.Key.Key_Return)
    assert dialog.errors.error("grids") == "网格名称“第一网格”重复了"
    assert dialog.grid_names() == ["第一网格"]
    assert codes.is_first_run()


def test_setup_dialog_offers_the_demo_county(setup_dialog, qtbot):
    from ui.dialogs.setup import DEMO

    qtbot.mouseClick(setup_dialog.demo_button, Qt.MouseButton.LeftButton)
    assert setup_dialog.result_kind == DEMO
    assert codes.is_first_run()


def test_setup_station_rejects_a_village_of_another_township(db):
    from gridapp.errors import ValidationError
    from gridapp.services.actor import system_actor

    codes.ensure_reference_data()
    with pytest.raises(ValidationError) as caught:
        codes.setup_station(system_actor(), "420281001", "420281103200", [])
    assert caught.value.field == "village" and "东岳路街道" in caught.value.message


# --------------------------------------------------------------------------- login
class FakeAccounts:
    def __init__(self, actor):
        self.actor = actor
        self.tried: list[tuple[str, str]] = []

    def authenticate(self, login, password):
        self.tried.append((login, password))
        if password != "right":
            raise PermissionDenied("登录名或密码错误")
        return self.actor


def test_login_dialog_shows_the_refusal_and_returns_the_actor(qtbot, monkeypatch, township_actor):
    from ui.dialogs import login

    fake = FakeAccounts(township_actor)
    monkeypatch.setattr(login, "accounts_module", lambda: fake)
    dialog = login.LoginDialog("土桥村网格服务站")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.login, Qt.Key.Key_Return)
    assert dialog.message.text() == "请输入登录名。" and fake.tried == []
    qtbot.keyClicks(dialog.login, "clerk")
    qtbot.keyClicks(dialog.password, "wrong")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == "登录名或密码错误"
    assert dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, "right")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == township_actor
    assert fake.tried == [("clerk", "wrong"), ("clerk", "right")]


def test_without_password_accounts_the_client_opens_as_the_system_actor(db, monkeypatch):
    from ui import app
    from ui.dialogs import login

    monkeypatch.setattr(login, "accounts_module", lambda: FakeAccounts(None))
    monkeypatch.setattr(login.LoginDialog, "ask", classmethod(lambda cls, *a: pytest.fail("no login expected")))
    actor = app.choose_actor("站")
    assert actor.login == "system"


# --------------------------------------------------------------------------- app
def test_a_database_that_cannot_be_opened_is_explained(tmp_path, asked, monkeypatch):
    from gridapp import crypto
    from ui import app

    monkeypatch.setattr(crypto, "available", lambda: False)
    bad = tmp_path / "notes.sqlite3"
    bad.write_text("these are not the droids")
    assert app.open_database(bad) is None
    assert len(asked) == 1
    kind, title, text = asked[0]
    assert (kind, title) == ("error", "无法打开数据库")
    assert text.startswith("该文件不是网格通数据库") and str(bad) in text


def test_an_encrypted_looking_file_asks_for_its_passphrase(tmp_path, asked, monkeypatch):
    from gridapp import crypto
    from ui import app

    monkeypatch.setattr(crypto, "available", lambda: True)
    sealed = tmp_path / "sealed.sqlite3"
    sealed.write_bytes(bytes(range(64)))
    assert app.open_database(sealed) is None  # the person cancelled the passphrase prompt
    assert asked.kinds() == ["password"]
    assert str(sealed) in asked[0][2]


def test_smoke_run_exits_0(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GRIDAPP_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ui.launcher", "--smoke"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "8 pages visited, no errors" in result.stdout


def test_smoke_run_fails_when_a_page_module_is_missing(tmp_path):
    """A bundle that lost a page module shows a placeholder; the smoke run must not pass then."""
    code = ("import sys; import ui.pages as p; p.PAGES['places'] = ('ui.pages.no_such_page:Nothing', '场所');"
            "from ui.app import run_smoke; sys.exit(run_smoke(households=50, duration_ms=600))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GRIDAPP_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode != 0
    assert "page places: its module is missing" in result.stdout + result.stderr


def test_client_main_runs_first_run_setup_then_opens_the_window(tmp_path, monkeypatch):
    """`gridapp --db NEW` on an empty file: setup dialog, then the main window on that file."""
    from PySide6.QtWidgets import QApplication

    from gridapp import db as gdb
    from gridapp.services.actor import system_actor
    from ui import app
    from ui.dialogs import setup

    def fake_setup(cls, parent=None):
        codes.setup_station(system_actor(), "420281103", "420281103200", ["第一网格"])
        return setup.CONFIGURED

    shown: list[MainWindow] = []
    real_show = app.show_main_window
    monkeypatch.setattr(setup.SetupDialog, "ask", classmethod(fake_setup))
    monkeypatch.setattr(app, "show_main_window", lambda ctx: shown.append(real_show(ctx)) or shown[-1])
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)
    path = tmp_path / "station.sqlite3"
    try:
        assert app.main(db=str(path)) == 0
    finally:
        gdb.close_database()
    (window,) = shown
    assert window.ctx.db_path == str(path)
    assert window.ctx.station_name == "土桥村网格服务站"
    assert window.ctx.actor.login == "system"
    window.close()


def test_client_main_stops_when_setup_is_cancelled(tmp_path, monkeypatch):
    from gridapp import db as gdb
    from ui import app
    from ui.dialogs import setup

    monkeypatch.setattr(setup.SetupDialog, "ask", classmethod(lambda cls, parent=None: None))
    monkeypatch.setattr(app, "show_main_window", lambda ctx: pytest.fail("no window after a cancelled setup"))
    try:
        assert app.main(db=str(tmp_path / "station.sqlite3")) == 0
    finally:
        gdb.close_database()


def test_demo_county_is_built_in_the_background_once(tmp_path, qtbot):
    from gridapp import db as gdb
    from ui import app

    path = tmp_path / "demo.sqlite3"
    try:
        assert app.open_demo(path, 20, interactive=True) == str(path)
        assert gdb.check(quick=True).counts["household"] == 20
        assert not (tmp_path / "demo.sqlite3.part").exists()
        gdb.close_database()
        assert app.open_demo(path, 40, interactive=True) == str(path)  # reused, not rebuilt
        assert gdb.check(quick=True).counts["household"] == 20
    finally:
        gdb.close_database()


def test_a_failed_demo_build_leaves_nothing_behind(tmp_path, monkeypatch, asked):
    from gridapp import db as gdb
    from gridapp import demo
    from gridapp.errors import ValidationError
    from ui import app

    def broken(**kwargs):
        kwargs["on_progress"](1, 10)
        raise ValidationError("磁盘已满")

    monkeypatch.setattr(demo, "build", broken)
    try:
        assert app.open_demo(tmp_path / "demo.sqlite3", 20, interactive=True) is None
    finally:
        gdb.close_database()
    assert asked[-1][2] == "磁盘已满"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("demo")) == []


def test_an_unexpected_error_is_told_in_plain_words(asked, capsys):
    from gridapp.errors import NotFoundError
    from ui import app

    try:
        {}["grid"]
    except KeyError as exc:
        app.report_unexpected(KeyError, exc, exc.__traceback__)
    app.report_unexpected(NotFoundError, NotFoundError("该户已被删除"), None)
    (kind, title, text), second = asked
    assert (kind, title) == ("error", "意外错误")
    assert text.startswith("程序出错：KeyError: 'grid'") and "之前保存的数据不受影响" in text
    assert second == ("error", "网格通", "该户已被删除")
    assert "Traceback" in capsys.readouterr().err

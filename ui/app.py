"""Opening the desktop client: application, translators, database, first run, login, main window.

``main(db=None, demo=False, smoke=False) -> int`` is what ``gridapp`` with no command calls
(through ``gridapp.cli``). ``--smoke`` opens the main window on a small temporary demo database,
runs the event loop briefly and exits 0, or nonzero on any failure.
"""
from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QtMsgType, QTimer, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from gridapp import crypto
from gridapp import db as gdb
from gridapp import paths
from gridapp.errors import DatabaseError, GridappError
from gridapp.services import codes
from gridapp.services.actor import Actor, system_actor
from ui import i18n, jobs
from ui.context import AppBus, AppContext
from ui.pages.placeholder import ErrorPage, PlaceholderPage
from ui.widgets import ask

ORGANIZATION = "gridapp"
APPLICATION = "gridapp"
CJK_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI",
                "Microsoft YaHei", "SimHei")
DEMO_HOUSEHOLDS = 3000
SMOKE_HOUSEHOLDS = 300
SMOKE_MS = 1500
DEMO_SEED = 1
FULL_CHECK_PENDING: set[str] = set()  # large files whose check before opening covered the core tables only


def icon_path() -> Path:
    return paths.resource("icons", "gridapp.png")


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists), named, with icon, font and translators."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("")
    if icon_path().exists():
        app.setWindowIcon(QIcon(str(icon_path())))
    configure_font(app)
    return app


def configure_font(app: QApplication) -> str | None:
    """Offscreen (tests, screenshots, smoke) there is no desktop to pick a CJK font: choose one."""
    if app.platformName() != "offscreen":
        return None
    families = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in families), None)
    if family:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    return family


def open_settings(path: str | os.PathLike | None = None) -> QSettings:
    """The user's settings; an ini file at ``path`` instead when given (smoke runs, tests)."""
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(ORGANIZATION, APPLICATION)


def open_database(target: str | os.PathLike | None) -> str | None:
    """Open the database and make sure the reference data is there; the path, or None after
    telling the person why it could not be opened. An encrypted file asks for its passphrase."""
    title = QCoreApplication.translate("App", "Can't open the database")
    passphrase = None
    path = gdb.resolve_target(target)
    if crypto.available() and not gdb.is_url(path) and Path(path).is_file() and crypto.looks_encrypted(path):
        passphrase = ask.password(None, QCoreApplication.translate("App", "Encrypted database"),
                                  QCoreApplication.translate("App", "Passphrase of %1:").replace("%1", path))
        if passphrase is None:
            return None
    if not gdb.is_url(path):  # never open a damaged file silently: offer its newest good backup
        from ui.dialogs.restore import check_before_open

        status = check_before_open(path, passphrase)
        if status is None:
            return None
        if not status.complete:
            FULL_CHECK_PENDING.add(str(Path(path)))
    try:
        database = gdb.open_database(target, passphrase=passphrase)
        codes.ensure_reference_data()
    except DatabaseError as exc:
        ask.error(None, title, exc.message)
        return None
    return str(getattr(database, "path", None) or path)


def build_demo(path: Path, households: int, *, interactive: bool) -> bool:
    """Build the demo county into ``path`` (through a temporary file, so a cancelled build leaves
    nothing behind). Interactive: in the background behind a progress dialog."""
    from gridapp import demo

    part = path.with_name(path.name + ".part")
    for leftover in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
        leftover.unlink(missing_ok=True)
    gdb.open_database(part)
    codes.ensure_reference_data()
    gdb.close_database()  # the builder takes the file for itself (exclusive bulk-load pragmas)

    def work(on_progress, is_cancelled):
        return demo.build(households=households, seed=DEMO_SEED, on_progress=on_progress,
                          is_cancelled=is_cancelled)

    if interactive:
        outcome: dict[str, object] = {}
        loop = QEventLoop()
        title = QCoreApplication.translate("App", "Building the demo county (%1 households)…") \
            .replace("%1", str(households))

        def ended(kind: str, value=None) -> None:
            outcome[kind] = value
            loop.quit()

        jobs.run_job(None, title, work, on_finished=lambda r: ended("ok", r),
                     on_failed=lambda m: ended("error", m), on_cancelled=lambda: ended("cancelled"))
        if not outcome:  # the job's signals arrive through this loop (unless jobs run inline)
            loop.exec()
        gdb.close_database()
        if "error" in outcome:
            ask.error(None, title, str(outcome["error"]))
        if "ok" not in outcome:
            part.unlink(missing_ok=True)
            return False
    else:
        try:
            work(lambda done, total: None, lambda: False)
        finally:
            gdb.close_database()
    os.replace(part, path)
    return True


def open_demo(path: Path, households: int, *, interactive: bool = True) -> str | None:
    """Open the demo database at ``path``, building it first when it has no households."""
    if path.exists():
        opened = open_database(path)
        if opened is None:
            return None
        if not codes.is_first_run():
            return opened
        gdb.close_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not build_demo(path, households, interactive=interactive):
            return None
    except GridappError as exc:
        ask.error(None, QCoreApplication.translate("App", "Can't build the demo county"), exc.message)
        return None
    return open_database(path)


def demo_path() -> Path:
    return paths.data_dir() / "demo.sqlite3"


def choose_actor(station_name: str, *, allow_login: bool = True) -> Actor | None:
    """Who works now: the logged-in user when accounts exist (after changing a password an
    administrator reset), else the system actor."""
    from ui.dialogs.login import accounts_module
    from ui.session import log_in

    if allow_login and accounts_module() is not None and codes.login_required():
        return log_in(station_name)
    return system_actor()


def make_context(actor: Actor, db_path: str, settings: QSettings, *, demo: bool = False) -> AppContext:
    station = codes.station_info()
    name = station.name
    if not name and demo:
        county = codes.county()
        name = QCoreApplication.translate("App", "%1 (demo)").replace("%1", county[1] if county else "")
    return AppContext(actor=actor, db_path=db_path, station_name=name, settings=settings, bus=AppBus())


def main(db: str | os.PathLike | None = None, demo: bool = False, smoke: bool = False) -> int:
    """Run the client; the process exit code."""
    if smoke:
        return run_smoke()
    app = create_application()
    settings = open_settings()
    i18n.install(i18n.language_from(settings))
    sys.excepthook = report_unexpected

    if demo:
        db_path = open_demo(demo_path(), DEMO_HOUSEHOLDS)
    else:
        db_path = open_database(db)
    if db_path is None:
        return 2
    if not demo and codes.is_first_run():
        from ui.dialogs.setup import DEMO, SetupDialog

        choice = SetupDialog.ask(None)
        if choice is None:
            return 0
        if choice == DEMO:
            gdb.close_database()
            demo = True
            db_path = open_demo(demo_path(), DEMO_HOUSEHOLDS)
            if db_path is None:
                return 2
    station = codes.station_info()
    actor = choose_actor(station.name, allow_login=not demo)
    if actor is None:
        return 0
    from ui.session import Session

    session = Session(make_context(actor, db_path, settings, demo=demo), lock=not demo, demo=demo,
                      full_check=str(Path(db_path)) in FULL_CHECK_PENDING, passphrase=gdb.passphrase_of())
    session.start()
    code = app.exec()
    session.finish()
    if session.window is not None:
        session.window.deleteLater()
    gdb.close_database()
    return code


def report_unexpected(kind, value, tb) -> None:
    """An error nobody planned for: keep the trace for support, tell the person in plain words."""
    details = "".join(traceback.format_exception(kind, value, tb))
    print(details, file=sys.stderr)
    if isinstance(value, GridappError):
        ask.error(None, QCoreApplication.translate("App", "GridApp"), value.message)
        return
    ask.error(None, QCoreApplication.translate("App", "Unexpected error"),
              QCoreApplication.translate("App", "Something went wrong: %1\n\nData saved before is not affected; "
                                                "what was being saved just now may need to be entered again. If it "
                                                "happens again, please tell your support contact.")
              .replace("%1", f"{kind.__name__}: {value}"))


def show_main_window(ctx: AppContext):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    return window


def run_smoke(households: int = SMOKE_HOUSEHOLDS, duration_ms: int = SMOKE_MS) -> int:
    """Open the main window on a temporary demo database, visit every page, quit; 0 when all went well."""
    failures: list[str] = []
    previous_hook = sys.excepthook

    def hook(kind, value, tb):
        failures.append("".join(traceback.format_exception(kind, value, tb)))
        previous_hook(kind, value, tb)

    def messages(kind, _context, message):
        if "propagateSizeHints" in message:  # offscreen-platform chatter
            return
        print(message, file=sys.stderr)
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            failures.append(message)

    sys.excepthook = hook
    previous_handler = qInstallMessageHandler(messages)
    try:
        with tempfile.TemporaryDirectory(prefix="gridapp-smoke-") as tmp:
            os.environ["GRIDAPP_DATA_DIR"] = tmp
            app = create_application()
            i18n.install(i18n.DEFAULT_LANGUAGE)
            db_path = open_demo(Path(tmp) / "demo.sqlite3", households, interactive=False)
            if db_path is None:
                return 2
            settings = open_settings(Path(tmp) / "settings.ini")
            window = show_main_window(make_context(system_actor(), db_path, settings, demo=True))
            keys = window.page_keys()
            step = max(duration_ms // (len(keys) + 1), 50)
            for n, key in enumerate(keys, 1):
                QTimer.singleShot(step * n, lambda key=key: window.show_page(key))
            QTimer.singleShot(duration_ms, app.quit)
            app.exec()
            for key, page in window.loaded_pages().items():
                if isinstance(page, ErrorPage):
                    failures.append(f"page {key}: {page.details}")
                elif isinstance(page, PlaceholderPage):  # every page is written: a missing module is a bug
                    failures.append(f"page {key}: its module is missing (placeholder shown)")
            window.close()
            window.deleteLater()
            gdb.close_database()
            print(f"smoke: main window shown on {households} demo households, {len(keys)} pages visited"
                  + (f", {len(failures)} errors" if failures else ", no errors"))
    except Exception:  # noqa: BLE001 - the smoke test reports, it does not crash
        failures.append(traceback.format_exc())
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0

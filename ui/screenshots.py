"""Render every page (and selected dialogs) offscreen to PNG files for the README and the guide.

    python -m ui.screenshots [--db PATH] [--out docs/screenshots] [--households N]

Without ``--db`` a demo county is built in a temporary folder. Pages come from the registry in
``ui.pages`` and are shown as the township actor (系统, 乡镇综治中心); the tabs of 设置 are shot one
by one as a system administrator (the database's first one, made when there is none), after one
backup so the 备份与恢复 tab lists something, and so are the account dialogs in ``ADMIN_DIALOGS``.
Dialogs come from ``DIALOGS`` below, where each area adds a line ``(file stem, "module:function")``
whose function ``f(ctx, parent) -> QWidget`` returns the dialog filled in as a person would see it
(not exec()'d).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1366, 768)
SETTLE_MS = 400  # time for a page's first queries and layout before the shot

DIALOGS: list[tuple[str, str]] = [
    ("dialog_setup", "ui.screenshots:setup_dialog"),
    ("dialog_login", "ui.screenshots:login_dialog"),
    ("dialog_household", "ui.dialogs.household:screenshot_sample"),
    ("dialog_person", "ui.dialogs.person:screenshot_sample"),
    ("dialog_person_check", "ui.dialogs.person:screenshot_check"),
    ("dialog_move", "ui.dialogs.move:screenshot_sample"),
    ("dialog_set_head", "ui.dialogs.set_head:screenshot_sample"),
    ("dialog_user", "ui.dialogs.user:screenshot_sample"),
    ("dialog_change_password", "ui.dialogs.change_password:screenshot_sample"),
    ("dialog_lock", "ui.dialogs.lock:screenshot_sample"),
    ("dialog_handover", "ui.dialogs.handover:screenshot_sample"),
    ("dialog_restore", "ui.dialogs.restore:screenshot_sample"),
    ("dialog_visit", "ui.dialogs.visit:screenshot_sample"),
    ("dialog_inspection", "ui.dialogs.inspection:screenshot_sample"),
    ("dialog_event", "ui.dialogs.event:screenshot_sample"),
    ("dialog_event_action", "ui.dialogs.event_action:screenshot_sample"),
    ("dialog_place", "ui.dialogs.place:screenshot_sample"),
    ("dialog_import_wizard", "ui.dialogs.import_wizard:screenshot_sample"),
    ("07_reports_preview", "ui.pages.reports:screenshot_sample"),
    ("print_preview", "ui.print_actions:screenshot_sample"),
]


# What a system administrator does (accounts, backups): shot as one, like the 设置 tabs.
ADMIN_DIALOGS = frozenset({"dialog_user", "dialog_handover", "dialog_restore", "dialog_change_password",
                           "dialog_lock"})
ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "Shots2026ok"


def admin_actor():
    """The first active system administrator of the database, made when there is none."""
    from gridapp.services import accounts
    from gridapp.services.actor import SYSADMIN, SYSTEM, actor_for

    found = accounts.list_users(SYSTEM, include_inactive=False, role=SYSADMIN)
    if not found:
        accounts.create_first_admin(ADMIN_LOGIN, ADMIN_PASSWORD, "系统管理员")
        return actor_for(ADMIN_LOGIN)
    return actor_for(found[0].id)


def setup_dialog(ctx, parent):
    from ui.dialogs.setup import SetupDialog

    dialog = SetupDialog(parent)
    dialog.township.setCurrentIndex(dialog.township.findText("金山店镇"))
    dialog.village.setCurrentIndex(dialog.village.findText("土桥村"))
    for name in ("第一网格", "第二网格", "第三网格"):
        dialog.grids.addItem(name)
    return dialog


def login_dialog(ctx, parent):
    from ui.dialogs.login import LoginDialog

    dialog = LoginDialog(ctx.station_name, parent)
    dialog.login.setText("admin")
    return dialog


def load_factory(spec: str):
    module_name, _, name = spec.partition(":")
    return getattr(importlib.import_module(module_name), name)


def shoot(widget, path: Path) -> Path:
    from PySide6.QtCore import QEventLoop, QTimer

    # An event loop, not QTest.qWait: qWait keeps the GIL, so background jobs (the 工作台's
    # figures, a list's count) would hardly run while it waits.
    loop = QEventLoop()
    QTimer.singleShot(SETTLE_MS, loop.quit)
    loop.exec()
    widget.grab().save(str(path), "PNG")
    return path


def render(db_path: str, out: Path, *, demo: bool, settings_path: Path) -> list[Path]:
    from PySide6.QtWidgets import QTabWidget

    from gridapp.services import backups
    from gridapp.services.actor import system_actor
    from ui import app as ui_app

    settings = ui_app.open_settings(settings_path)  # the pages' splitters and columns, thrown away
    ctx = ui_app.make_context(system_actor(), db_path, settings, demo=demo)
    admin = ui_app.make_context(admin_actor(), db_path, settings, demo=demo)
    backups.backup_now(admin.actor)
    written: list[Path] = []
    window = _window(ui_app, ctx)
    keys = window.page_keys()
    for n, key in enumerate(keys, 1):
        if key != "settings":
            window.show_page(key)
            written.append(shoot(window, out / f"{n:02d}_{key}.png"))
    if "settings" in keys:
        n = keys.index("settings") + 1
        admin_window = _window(ui_app, admin)
        tabs = admin_window.show_page("settings").findChild(QTabWidget)
        for t in range(tabs.count() if tabs else 1):
            if tabs is not None:
                tabs.setCurrentIndex(t)
            written.append(shoot(admin_window, out / (f"{n:02d}_settings.png" if t == 0 else
                                                      f"{n:02d}_settings_{t + 1}.png")))
        admin_window.close()
    for stem, spec in DIALOGS:
        dialog = load_factory(spec)(admin if stem in ADMIN_DIALOGS else ctx, window)
        dialog.show()
        dialog.adjustSize()
        written.append(shoot(dialog, out / f"{stem}.png"))
        dialog.close()
        dialog.deleteLater()
    window.close()
    return written


def _window(ui_app, ctx):
    window = ui_app.show_main_window(ctx)
    window.resize(*SIZE)
    return window


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database to show (default: a demo county built in a temporary folder)")
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--households", type=int, default=2000, help="size of the demo county")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from gridapp import db as gdb
    from ui import app as ui_app
    from ui import i18n

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gridapp-shots-") as tmp:
        os.environ["GRIDAPP_DATA_DIR"] = tmp
        ui_app.create_application()
        i18n.install("zh_CN")
        if args.db:
            db_path = ui_app.open_database(args.db)
        else:
            db_path = ui_app.open_demo(Path(tmp) / "demo.sqlite3", args.households, interactive=False)
        if db_path is None:
            return 2
        written = render(db_path, out, demo=not args.db, settings_path=Path(tmp) / "screenshots.ini")
        gdb.close_database()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

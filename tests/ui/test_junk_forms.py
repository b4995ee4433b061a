"""Bad input sweep (issue 6) through the forms: pasted and typed junk in the person, household,
visit, event and place dialogs.

Each dialog starts filled with valid values; one text field at a time gets a nasty string (set as
a paste sets it, and a few typed key by key), then Ctrl+S. Either the record is saved and its
stored text is sane, or the dialog stays open with a Chinese message next to that field and
nothing is saved. An exception in a slot would fail the test (pytest-qt captures them). The
number of junk inputs tried is added to build/junk-sweep.json (key ``ui``).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit

from gridapp import ids
from gridapp.models import Event, Household, Person, Place, Visit
from gridapp.services import grids, households, places
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput
from gridapp.services.places import PlaceInput
from tests.core.test_junk_sweep import assert_sane
from tests.ui.conftest import VILLAGE_CODE, type_text_into

REPORT = Path(__file__).resolve().parents[2] / "build" / "junk-sweep.json"
CJK = re.compile(r"[\u3400-\u9fff]")
NASTY = (
    "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x.example","点我")',
    "", "   ", "\t\t", "\u3000\u3000", "\n\n\n", "\r\n换行\r\n",
    "\u202e张三", "\u202egnp.exe", "张\x00三", "\x07\x08\x1b[31m红", "\u200b\u200b", "\ufeff",
    "长" * 5000, "a" * 100_000, "😀😀", "𠀀𠀁𠀂", "e\u0301\u0301\u0301",
    "Robert'); DROP TABLE person;--", "<b>粗</b><script>alert(1)</script>", "%s%n{0}\\", "'\"",
    "١٢٣٤", "１３８００１３８０００", "4.20281198503120E+17", "NULL",
)
TYPED = ("=cmd|' /C calc'!A0", "张\u202e三", "  -2+3  ")
tried = {"pasted": 0, "typed": 0, "saved": 0, "refused": 0}


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    saved = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    saved["ui"] = dict(tried, total=tried["pasted"] + tried["typed"])
    REPORT.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")


@dataclass
class Form:
    """How to open one dialog filled with valid values, which text fields to junk, what it saves."""

    open: Callable[[], QDialog]
    fields: tuple[str, ...]
    model: type


@pytest.fixture
def world(ctx):
    grid = grids.list_grids(ctx.actor, VILLAGE_CODE)[0]
    home = households.create(ctx.actor, HouseholdInput(grid_id=grid.id, number="0301", address="土桥村一组3号"),
                             PersonInput(name="刘德明", id_number=ids.make_id("420281", dt.date(1960, 2, 2), 19)))
    shop = places.create(ctx.actor, PlaceInput(grid_id=grid.id, category="沿街店铺", name="好又多超市"))
    return {"grid": grid.id, "home": home.id, "shop": shop.id}


_serial = itertools.count(1)


def new_id() -> str:
    """A valid ID number no other person of the test has."""
    return ids.make_id("420281", dt.date(1980, 1, 1) + dt.timedelta(days=next(_serial) * 37), 21)


def forms(ctx, world) -> dict[str, Form]:
    from ui.dialogs.event import EventDialog
    from ui.dialogs.household import HouseholdDialog
    from ui.dialogs.person import PersonDialog
    from ui.dialogs.place import PlaceDialog
    from ui.dialogs.visit import Target, VisitDialog

    def person():
        dialog = PersonDialog(ctx, household_id=world["home"])
        dialog.name.setText("刘小红")
        dialog.relation.setCurrentIndex(dialog.relation.findData("30"))
        dialog.id_number.setText(new_id())
        dialog.phone.setText("13871234567")
        dialog.occupation.setText("务农")
        dialog.notes.setPlainText("常住")
        return dialog

    def household():
        dialog = HouseholdDialog(ctx, grid_id=world["grid"])
        dialog.head = PersonInput(name="陈国强", id_number=new_id(), relation="02")
        dialog.address.setText("土桥村二组8号")
        dialog.phone.setText("0714-8123456")
        dialog.notes.setPlainText("租住")
        return dialog

    def visit():
        dialog = VisitDialog(ctx, target=Target("household", world["home"], "0301 刘德明"))
        dialog.companions.setText("村干部李明")
        dialog.notes.setPlainText("家中正常")
        dialog.findings.setPlainText("")
        return dialog

    def event():
        dialog = EventDialog(ctx)
        dialog.kind.setCurrentIndex(dialog.kind.findData("矛盾纠纷"))
        dialog.category.setCurrentIndex(dialog.category.findData("02"))
        dialog.unit.setCurrentIndex(dialog.unit.findData(f"grid:{world['grid']}"))
        dialog.title.setText("两户排水沟纠纷")
        dialog.description.setPlainText("排水沟堵塞")
        dialog.location.setText("土桥村三组")
        return dialog

    def place():
        dialog = PlaceDialog(ctx, grid_id=world["grid"], category="出租房屋")
        dialog.name.setText("陈家出租屋")
        dialog.address.setText("土桥村五组")
        dialog.contact_name.setText("陈房东")
        dialog.contact_phone.setText("13972345678")
        dialog.notes.setPlainText("三层")
        return dialog

    return {"person": Form(person, ("name", "id_number", "phone", "occupation", "notes"), Person),
            "household": Form(household, ("number", "address", "phone", "notes"), Household),
            "visit": Form(visit, ("companions", "notes", "findings"), Visit),
            "event": Form(event, ("title", "description", "location"), Event),
            "place": Form(place, ("name", "address", "contact_name", "contact_phone", "notes"), Place)}


def text_of(widget) -> str:
    return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()


def paste(widget, text: str) -> None:
    """What a paste leaves in the field (a line edit keeps at most its maximum length)."""
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        assert isinstance(widget, QLineEdit)
        widget.setText(text)


def opened(qtbot, form: Form) -> QDialog:
    dialog = form.open()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def try_save(qtbot, form: Form, dialog: QDialog, field: str) -> bool:
    """Save (the button, or Ctrl+S while the button is blocked); True when the record was saved (and is sane), False when it was refused with a
    message next to ``field`` and nothing was saved."""
    before = form.model.select().count()
    if dialog.save_button.isEnabled():
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    else:  # a form that blocks Save while a field is red still answers Ctrl+S with its messages
        dialog.save_shortcut.activated.emit()
    if dialog.result() == QDialog.DialogCode.Accepted:
        assert form.model.select().count() == before + 1
        assert_sane(form.model.get_by_id(dialog.result_value.id))
        tried["saved"] += 1
        return True
    message = dialog.error(field) if hasattr(dialog, "error") else dialog.errors.error(field)
    assert CJK.search(message), (field, message, dialog.general.text())
    assert dialog.isVisible() and form.model.select().count() == before
    tried["refused"] += 1
    return False


@pytest.mark.parametrize("name", ["person", "household", "visit", "event", "place"])
def test_pasted_junk_is_saved_sanely_or_refused_next_to_its_field(qtbot, ctx, world, name):
    form = forms(ctx, world)[name]
    dialog = opened(qtbot, form)
    assert try_save(qtbot, form, dialog, form.fields[0])  # the valid values alone are saved
    dialog = None
    for field in form.fields:
        for junk in NASTY:
            dialog = dialog or opened(qtbot, form)
            widget = getattr(dialog, field)
            valid = text_of(widget)
            paste(widget, junk)
            tried["pasted"] += 1
            if try_save(qtbot, form, dialog, field):
                dialog = None
            else:
                paste(widget, valid)


@pytest.mark.parametrize("name,field", [("person", "name"), ("event", "title"), ("place", "name"),
                                        ("household", "address")])
def test_typed_junk_too(qtbot, ctx, world, name, field):
    form = forms(ctx, world)[name]
    for junk in TYPED:
        dialog = opened(qtbot, form)
        widget = getattr(dialog, field)
        widget.clear()
        widget.setFocus()
        type_text_into(widget, junk)
        tried["typed"] += 1
        assert text_of(widget) == junk
        try_save(qtbot, form, dialog, field)

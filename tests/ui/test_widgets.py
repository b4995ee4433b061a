"""Shared widgets: the debounced search box and field errors in forms."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from gridapp.errors import ValidationError, ValidationErrors
from ui.widgets.form import FormErrors
from ui.widgets.search_box import SearchBox


def test_search_box_reports_once_after_the_pause(qtbot, type_text):
    box = SearchBox()
    qtbot.addWidget(box)
    seen: list[str] = []
    box.search_changed.connect(seen.append)
    with qtbot.waitSignal(box.search_changed, timeout=2000) as blocker:
        type_text(box, "zs 张")
    assert blocker.args == ["zs 张"]
    assert seen == ["zs 张"]
    assert box.placeholderText().startswith("搜索：")


def test_search_box_enter_and_clear_report_at_once(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    seen: list[str] = []
    box.search_changed.connect(seen.append)
    qtbot.keyClicks(box, "0017")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert seen == ["0017"]
    box.clear()
    assert seen == ["0017", ""]
    qtbot.wait(300)
    assert seen == ["0017", ""]  # the pending timer found nothing new


def make_form():
    widget = QWidget()
    form = QFormLayout(widget)
    name, id_number = QLineEdit(widget), QLineEdit(widget)
    phone_row = QHBoxLayout()
    phone = QLineEdit(widget)
    phone_row.addWidget(phone)
    phone_row.addWidget(QPushButton("…", widget))
    form.addRow("姓名", name)
    form.addRow("身份证号", id_number)
    form.addRow("电话", phone_row)
    general = QLabel(widget)
    general.hide()
    form.addRow(general)
    errors = FormErrors(form, general)
    errors.register_all({"name": name, "id_number": id_number, "phone": phone})
    return widget, errors, name, id_number, phone, general


def test_form_errors_sit_next_to_their_fields(qtbot):
    widget, errors, name, id_number, phone, general = make_form()
    qtbot.addWidget(widget)
    widget.show()
    assert not errors.has_errors()
    errors.show(ValidationErrors([
        ValidationError("身份证号校验位错误：应为 7，实际为 X", field="id_number"),
        ValidationError("手机号应为 11 位", field="phone"),
    ]))
    assert errors.has_errors()
    assert errors.error("id_number") == "身份证号校验位错误：应为 7，实际为 X"
    assert errors.error("phone") == "手机号应为 11 位"
    assert errors.error("name") == ""
    label = widget.findChild(QLabel, "error_id_number")
    assert label.isVisible()
    form = widget.layout()
    row_of_field, _ = form.getWidgetPosition(id_number)
    assert form.getWidgetPosition(label)[0] == row_of_field + 1  # right under its field
    assert id_number.hasFocus() or not widget.isActiveWindow()
    errors.clear_error("id_number")
    assert errors.error("id_number") == "" and not label.isVisible()
    errors.clear()
    assert not errors.has_errors()


def test_errors_without_a_field_go_to_the_general_label(qtbot):
    widget, errors, *_rest, general = make_form()
    qtbot.addWidget(widget)
    widget.show()
    errors.set_error(None, "记录已被他人修改，请刷新后重试")
    assert general.isVisible() and general.text() == "记录已被他人修改，请刷新后重试"
    assert errors.has_errors()
    errors.clear()
    assert not general.isVisible() and not errors.has_errors()


def test_the_empty_list_sentence_covers_the_list_whatever_resizes_it(qtbot):
    """The sentence over an empty list follows its viewport: the window, and also a splitter
    dragged by hand (which never told the page it was resized)."""
    from PySide6.QtWidgets import QSplitter, QTableView

    from ui.widgets.lists import empty_label

    splitter = QSplitter()
    qtbot.addWidget(splitter)
    table, other = QTableView(), QWidget()
    splitter.addWidget(table)
    splitter.addWidget(other)
    label = empty_label(table)
    label.setText("还没有登记住户。")
    label.show()
    splitter.resize(900, 400)
    splitter.show()
    qtbot.waitExposed(splitter)
    splitter.setSizes([700, 200])
    qtbot.waitUntil(lambda: label.size() == table.viewport().size())
    wide = label.width()
    splitter.setSizes([200, 700])  # the person drags the splitter
    qtbot.waitUntil(lambda: label.size() == table.viewport().size())
    assert label.width() < wide - 300

"""Errors shown next to the field that causes them.

``FormErrors(form_layout)``: register the input widgets by the field name the services use
(``ValidationError.field``); ``set_error(field, message)`` puts a red message under that row and
outlines the widget; ``show(exc)`` takes a ``ValidationError``/``ValidationErrors`` directly.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from gridapp.errors import GridappError, ValidationErrors

_ERROR_STYLE = "color: #c62828;"
_INVALID_PROPERTY = "invalid"


class FormErrors:
    def __init__(self, form_layout: QFormLayout, general: QLabel | None = None):
        self._layout = form_layout
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        self._general = general
        self._general_field: str | None = None

    def register(self, field: str, widget: QWidget) -> None:
        """Tie ``field`` to ``widget`` (which must already be in the form layout)."""
        self._widgets[field] = widget
        label = QLabel(widget.parentWidget())
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(_ERROR_STYLE)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        row, _role = self._layout.getWidgetPosition(widget)
        if row < 0:  # the widget sits inside a row's layout: find the row through its parent chain
            for r in range(self._layout.rowCount()):
                item = self._layout.itemAt(r, QFormLayout.ItemRole.FieldRole)
                if item is not None and item.layout() is not None and _layout_contains(item.layout(), widget):
                    row = r
                    break
        if row < 0:
            raise ValueError(f"{field}: widget is not in the form")
        self._layout.insertRow(row + 1, "", label)
        self._labels[field] = label

    def register_all(self, widgets: dict[str, QWidget]) -> None:
        for field, widget in widgets.items():
            self.register(field, widget)

    def widget(self, field: str) -> QWidget | None:
        return self._widgets.get(field)

    def set_error(self, field: str | None, message: str) -> None:
        """Show ``message`` under ``field``'s widget, or in the general label for other fields."""
        label = self._labels.get(field or "")
        if label is None:
            if self._general is None:
                raise KeyError(f"no widget registered for field {field!r} and no general label")
            self._general.setText(message)
            self._general.setStyleSheet(_ERROR_STYLE)
            self._general.show()
            self._general_field = field or ""
            return
        label.setText(message)
        label.show()
        widget = self._widgets[field]
        widget.setProperty(_INVALID_PROPERTY, True)
        widget.setStyleSheet("border: 1px solid #c62828;")
        widget.setToolTip(message)

    def clear_error(self, field: str) -> None:
        label = self._labels.get(field)
        if label is not None:
            label.clear()
            label.hide()
            widget = self._widgets[field]
            widget.setProperty(_INVALID_PROPERTY, False)
            widget.setStyleSheet("")
            widget.setToolTip("")
        if self._general is not None and self._general_field == field:
            self._general.clear()
            self._general.hide()
            self._general_field = None

    def clear(self) -> None:
        for field in self._labels:
            self.clear_error(field)
        if self._general is not None:
            self._general.clear()
            self._general.hide()
            self._general_field = None

    def error(self, field: str) -> str:
        """The message shown for ``field`` now ('' when none)."""
        label = self._labels.get(field)
        if label is not None:
            return label.text() if not label.isHidden() else ""
        if self._general is not None and self._general_field == field:
            return self._general.text()
        return ""

    def has_errors(self) -> bool:
        shown = any(not label.isHidden() and label.text() for label in self._labels.values())
        return shown or bool(self._general is not None and self._general_field is not None)

    def show(self, exc: GridappError) -> None:
        """Show every field error of a ValidationError/ValidationErrors; focus the first field."""
        errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
        for e in errors:
            self.set_error(e.field, e.message)
        first = next((self._widgets[e.field] for e in errors if e.field in self._widgets), None)
        if first is not None:
            first.setFocus()


def _layout_contains(layout, widget: QWidget) -> bool:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget:
            return True
        if item.layout() is not None and _layout_contains(item.layout(), widget):
            return True
    return False

"""A search field that reports what was typed once the person pauses (250 ms)."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 250


class SearchBox(QLineEdit):
    """``search_changed(text)`` fires 250 ms after the last keystroke, and at once on Enter."""

    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, placeholder: str | None = None):
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder if placeholder is not None else
                                self.tr("Search: name, pinyin initials, ID or phone tail, address (Ctrl+F)"))
        self.setMinimumWidth(220)  # room for an ID number; the filters beside it need the rest
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._last: str | None = None
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._emit_now)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_text_changed(self, text: str) -> None:
        if not text:  # the clear button: no need to wait
            self._emit_now()

    def _emit_now(self) -> None:
        self._timer.stop()
        self._emit()

    def _emit(self) -> None:
        text = self.text().strip()
        if text != self._last:
            self._last = text
            self.search_changed.emit(text)

    def focus(self) -> None:
        """Ctrl+F: put the cursor here with the current text selected."""
        self.setFocus()
        self.selectAll()

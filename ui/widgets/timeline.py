"""An event's timeline: its actions, oldest first, one card each (who, when, what was said).

The timeline only shows what it is given (``events.ActionRow``s); ``state_label``/``action_label``
translate the workflow's stored Chinese codes through its English source labels, so the page and
the dialogs name states and actions the same way.
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from gridapp import workflow
from ui.models.paged import display

# Colours of the states: a dot per card and the badge on the events page.
STATE_COLORS = {
    workflow.REGISTERED: "#1565c0", workflow.ACCEPTED: "#00838f", workflow.HANDLING: "#ef6c00",
    workflow.CLOSED: "#2e7d32", workflow.FOLLOWED_UP: "#558b2f", workflow.ARCHIVED: "#757575",
    workflow.RETURNED: "#c62828",
}


def state_label(state: str | None) -> str:
    """The translated name of a stored state (已登记 …)."""
    if not state:
        return ""
    source = workflow.STATE_LABELS.get(state)
    return QCoreApplication.translate("Workflow", source) if source else state


def action_label(code: str) -> str:
    """The translated name of a stored action code (受理 …); 登记 is the first action of every event."""
    if code == workflow.REGISTER:
        return QCoreApplication.translate("Timeline", "Register")
    spec = workflow.ACTIONS.get(code)
    return QCoreApplication.translate("Workflow", spec.label) if spec else code


_DETAIL_LABELS = (
    ("handler", QT_TRANSLATE_NOOP("Timeline", "Handler")),
    ("outcome", QT_TRANSLATE_NOOP("Timeline", "Outcome")),
    ("method", QT_TRANSLATE_NOOP("Timeline", "Method")),
    ("mediator", QT_TRANSLATE_NOOP("Timeline", "Mediator")),
    ("agreement_date", QT_TRANSLATE_NOOP("Timeline", "Agreement date")),
    ("satisfaction", QT_TRANSLATE_NOOP("Timeline", "Satisfaction")),
    ("until", QT_TRANSLATE_NOOP("Timeline", "Extend to")),
    ("requested", QT_TRANSLATE_NOOP("Timeline", "Requested")),
    ("deadline", QT_TRANSLATE_NOOP("Timeline", "Deadline")),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def _details_text(details: dict) -> str:
    """The details worth a person's attention, as one line (deadlines, outcome, levels …)."""
    parts = [f"{_translate(label)}: {details[key]}" for key, label in _DETAIL_LABELS
             if details.get(key) not in (None, "")]
    if details.get("from") and details.get("to"):
        parts.append(QCoreApplication.translate("Timeline", "Deadline %1 → %2")
                     .replace("%1", str(details["from"])).replace("%2", str(details["to"])))
    level = details.get("level")
    if isinstance(level, list) and len(level) == 2:
        parts.append(QCoreApplication.translate("Timeline", "Level %1 → %2")
                     .replace("%1", str(level[0])).replace("%2", str(level[1])))
    return "；".join(parts)


class TimelineCard(QFrame):
    """One action: a coloured dot, the action and its state change, who and when, the note."""

    def __init__(self, row, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = row
        self.setObjectName("timeline_card")
        color = STATE_COLORS.get(row.to_state, "#546e7a")
        dot = QLabel("●", self)
        dot.setStyleSheet(f"color: {color}; font-size: 14pt;")
        dot.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        dot.setFixedWidth(20)
        change = ""
        if row.from_state and row.from_state != row.to_state:
            change = f"  <span style='color:#666'>{escape(state_label(row.from_state))} → " \
                     f"{escape(state_label(row.to_state))}</span>"
        self.heading = QLabel(f"<b>{escape(action_label(row.action))}</b>{change}", self)
        self.heading.setObjectName("timeline_heading")
        self.meta = QLabel(f"{display(row.at)} · {row.actor_name or '—'}", self)
        self.meta.setStyleSheet("color: #666;")
        self.note = QLabel(row.note, self)
        self.note.setObjectName("timeline_note")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setVisible(bool(row.note))
        details = _details_text(row.details or {})
        self.details = QLabel(details, self)
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: #455a64;")
        self.details.setVisible(bool(details))
        text = QVBoxLayout()
        text.setSpacing(2)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.heading)
        text.addWidget(self.meta)
        text.addWidget(self.note)
        text.addWidget(self.details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(dot)
        layout.addLayout(text, 1)

    def text(self) -> str:
        """What the card says, as plain text (for tests and the clipboard)."""
        return " ".join(x for x in (action_label(self.row.action), state_label(self.row.to_state),
                                    self.row.actor_name, self.row.note, self.details.text()) if x)


class TimelineView(QFrame):
    """The actions of one event, oldest first (the way the case developed). It grows with its
    cards; the pane that holds it scrolls."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 4)
        self._layout.setSpacing(2)
        self.empty = QLabel(self.tr("No actions yet."), self)
        self.empty.setStyleSheet("color: #777; padding: 8px;")
        self._layout.addWidget(self.empty)
        self.cards: list[TimelineCard] = []

    def set_actions(self, rows: Sequence) -> None:
        for card in self.cards:
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for row in rows:
            card = TimelineCard(row, self)
            self._layout.addWidget(card)
            self.cards.append(card)
        self.empty.setVisible(not self.cards)

    def texts(self) -> list[str]:
        return [card.text() for card in self.cards]

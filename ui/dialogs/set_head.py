"""Make another member the 户主, confirming how everyone else relates to the new head.

``SetHeadDialog.ask(parent, ctx, detail, new_head_id=..., leaving_id=None)`` returns
``(new_head_id, {person_id: relation code})`` or None. With ``leaving_id`` (the head is being
deleted) the person chooses the new head among the other members first.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from gridapp.errors import GridappError
from gridapp.services import codes, households
from ui.context import AppContext
from ui.dialogs.person import HEAD, SELF, select_data


class SetHeadDialog(QDialog):
    def __init__(self, ctx: AppContext, detail, parent: QWidget | None = None, *,
                 new_head_id: int | None = None, leaving_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.leaving_id = leaving_id
        self._relations = [(c, n) for c, n in codes.items("relation") if c not in (HEAD, SELF)]
        self.setObjectName("SetHeadDialog")
        self.setMinimumWidth(560)
        candidates = [m for m in detail.members if m.id != leaving_id]
        if new_head_id is None and candidates:
            new_head_id = next((m.id for m in candidates if not m.is_head), candidates[0].id)
        leaving = next((m for m in detail.members if m.id == leaving_id), None)
        self.setWindowTitle(self.tr("Change the head of household %1").replace("%1", detail.number))

        intro = QLabel(self)
        intro.setWordWrap(True)
        if leaving is not None:
            intro.setText(self.tr("%1 is the head of this household. Before removing them, choose the new "
                                  "head and check how the others relate to them.").replace("%1", leaving.name))
        else:
            intro.setText(self.tr("Check how each member relates to the new head. The suggestions come from "
                                  "their relation to the present head; change any that are wrong."))
        self.head = QComboBox(self)
        self.head.setObjectName("new_head")
        for m in candidates:
            self.head.addItem(m.name, m.id)
        select_data(self.head, new_head_id)
        self.head.setEnabled(leaving_id is not None)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("relations")
        self.table.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Relation to present head"),
                                              self.tr("Relation to new head")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("&New head:"), self.head)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.head.currentIndexChanged.connect(self._fill)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill()

    def _fill(self, *_args) -> None:
        new_head_id = self.head.currentData()
        self.table.setRowCount(0)
        try:
            suggested = households.suggest_relations(self.ctx.actor, self.detail.id, new_head_id) \
                if new_head_id is not None else {}
        except GridappError as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.ok_button.setEnabled(False)
            return
        self.error.hide()
        self.ok_button.setEnabled(new_head_id is not None)
        for member in self.detail.members:
            if member.id in (new_head_id, self.leaving_id):
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(member.name)
            name.setData(Qt.ItemDataRole.UserRole, member.id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(member.relation_name))
            combo = QComboBox(self.table)
            for code, relation in self._relations:
                combo.addItem(relation, code)
            select_data(combo, suggested.get(member.id, member.relation))
            self.table.setCellWidget(row, 2, combo)

    def relations(self) -> dict[int, str]:
        out = {}
        for row in range(self.table.rowCount()):
            person_id = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            out[person_id] = self.table.cellWidget(row, 2).currentData()
        return out

    def new_head_id(self) -> int | None:
        return self.head.currentData()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, detail, *, new_head_id: int | None = None,
            leaving_id: int | None = None) -> tuple[int, dict[int, str]] | None:
        dialog = cls(ctx, detail, parent, new_head_id=new_head_id, leaving_id=leaving_id)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.new_head_id() is None:
                return None
            return dialog.new_head_id(), dialog.relations()
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> SetHeadDialog:
    """For ui.screenshots: making a grown child of a large household its head."""
    from gridapp.services.households import HouseholdQuery

    rows = households.page(ctx.actor, HouseholdQuery(sort="members", descending=True), limit=1)
    detail = households.get(ctx.actor, rows[0].id)
    child = next((m for m in detail.members if m.relation and m.relation[:1] in "23"), detail.members[-1])
    return SetHeadDialog(ctx, detail, parent, new_head_id=child.id)

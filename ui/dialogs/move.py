"""Move a household (with its members) to another grid: ``MoveDialog.ask(parent, ctx, detail) -> grid id``."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from gridapp.services import grids
from ui.context import AppContext
from ui.dialogs.person import select_data


class MoveDialog(QDialog):
    def __init__(self, ctx: AppContext, detail, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.setObjectName("MoveDialog")
        self.setWindowTitle(self.tr("Move household %1 to another grid").replace("%1", detail.number))
        self.setMinimumWidth(480)
        self._grids = [g for g in grids.list_grids(ctx.actor)]
        villages: dict[str, str] = {}
        for g in self._grids:
            villages.setdefault(g.village_code, g.village_name)

        intro = QLabel(self.tr("The household and all its members move to the grid you choose. "
                               "Their visits and events stay with them."), self)
        intro.setWordWrap(True)
        current = QLabel(f"{detail.village_name} · {detail.grid_name}", self)
        current.setObjectName("current_grid")
        self.village = QComboBox(self)
        self.village.setObjectName("village")
        for code, name in villages.items():
            self.village.addItem(name, code)
        self.grid = QComboBox(self)
        self.grid.setObjectName("grid")
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setStyleSheet("color: #777;")
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(self.tr("Now in:"), current)
        form.addRow(self.tr("&Village:"), self.village)
        form.addRow(self.tr("&Grid:"), self.grid)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok")
        self.ok_button.setText(self.tr("&Move"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.village.currentIndexChanged.connect(self._fill_grids)
        self.grid.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        select_data(self.village, detail.village_code)
        self._fill_grids()
        self.setTabOrder(self.village, self.grid)
        self.setTabOrder(self.grid, self.ok_button)

    def _fill_grids(self, *_args) -> None:
        code = self.village.currentData()
        self.grid.blockSignals(True)
        self.grid.clear()
        for g in self._grids:
            if g.village_code == code and g.id != self.detail.grid_id:
                worker = f"（{g.worker_name}）" if g.worker_name else ""
                self.grid.addItem(f"{g.name}{worker}", g.id)
        self.grid.blockSignals(False)
        self._update()

    def _update(self, *_args) -> None:
        empty = self.grid.count() == 0
        self.ok_button.setEnabled(not empty)
        self.note.setText(self.tr("This village has no other grid; choose another village.") if empty else "")
        self.note.setVisible(empty)

    def grid_id(self) -> int | None:
        return self.grid.currentData()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, detail) -> int | None:
        """The grid chosen for the household, or None when cancelled."""
        dialog = cls(ctx, detail, parent)
        try:
            return dialog.grid_id() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> MoveDialog:
    """For ui.screenshots: moving the first household of the list."""
    from gridapp.services import households
    from gridapp.services.households import HouseholdQuery

    first = households.page(ctx.actor, HouseholdQuery(), limit=1)[0]
    return MoveDialog(ctx, households.get(ctx.actor, first.id), parent)

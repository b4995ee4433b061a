"""Choose a unit (县、乡镇 or 村) within the actor's scope with two cascaded combos.

* A county-level user picks ``大冶市（全县）`` or a township, then 全部村（社区） or one village.
* A township clerk's township is fixed (the combo shows it, disabled); they pick a village or
  the whole township.
* A village administrator's or grid worker's village(s) are the only choices; the township combo
  is hidden.

``unit_code()`` is always a division code (the village when one is chosen, else the township or
county of the first combo); ``unit_name()`` its name. ``changed`` fires on every change.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from gridapp.services import grids
from ui.context import AppContext


class UnitPicker(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, all_villages_text: str | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._all_villages_text = all_villages_text or self.tr("All villages")
        self._names: dict[str, str] = {}
        self.township = QComboBox(self)
        self.township.setObjectName("unit_township")
        self.village = QComboBox(self)
        self.village.setObjectName("unit_village")
        for combo in (self.township, self.village):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumContentsLength(8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.township)
        layout.addWidget(self.village)
        layout.addStretch(1)

        roots = grids.divisions(ctx.actor)
        self._villages_only = bool(roots) and all(r.level == "village" for r in roots)
        self._fixed_villages = [r for r in roots if r.level == "village"]
        if self._villages_only:
            self.township.hide()
        for root in roots:
            self._names[root.code] = root.name
            if root.level == "county":
                self.township.addItem(self.tr("%1 (whole county)").replace("%1", root.name), root.code)
                for d in grids.divisions(ctx.actor, root.code):
                    self._names[d.code] = d.name
                    self.township.addItem(d.name, d.code)
            elif root.level == "township":
                self.township.addItem(root.name, root.code)
        if self.township.count() == 1:
            self.township.setEnabled(False)
            self.township.setToolTip(self.tr("Your scope is %1").replace("%1", self.township.itemText(0)))
        self.township.currentIndexChanged.connect(self._fill_villages)
        self.village.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._fill_villages()

    def _fill_villages(self, *_args) -> None:
        code = self.township.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        if self._villages_only:
            villages = self._fixed_villages
        else:
            if code and len(code) == 9:
                self.village.addItem(self._all_villages_text, None)
            villages = grids.divisions(self.ctx.actor, code) if code and len(code) == 9 else []
        for d in villages:
            self._names[d.code] = d.name
            self.village.addItem(d.name, d.code)
        enabled = self.village.count() > 1
        self.village.setEnabled(enabled)
        if not enabled and not villages and not self._villages_only:
            self.village.addItem(self.tr("Choose a township to pick a village"), None)
        self.village.setToolTip("" if enabled else self.tr("Choose a township first") if not villages
                                else self.tr("Your scope is %1").replace("%1", self.village.currentText()))
        self.village.blockSignals(False)
        self.changed.emit()

    def unit_code(self) -> str | None:
        """The chosen division (None only when the actor's scope holds no division at all)."""
        return self.village.currentData() or self.township.currentData()

    def unit_name(self) -> str:
        code = self.unit_code()
        return self._names.get(code, "") if code else ""

    def is_village(self) -> bool:
        return bool(self.village.currentData())

    def set_unit(self, code: str | None) -> None:
        """Choose ``code`` (a township or village in the lists); unknown codes change nothing."""
        if not code:
            return
        township = code[:9] if len(code) == 12 else code
        index = self.township.findData(township)
        if index >= 0 and index != self.township.currentIndex():
            self.township.setCurrentIndex(index)
        if len(code) == 12:
            index = self.village.findData(code)
            if index >= 0:
                self.village.setCurrentIndex(index)
        elif self.village.count() and self.village.itemData(0) is None:
            self.village.setCurrentIndex(0)

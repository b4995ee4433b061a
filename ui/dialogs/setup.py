"""First run: which township, village and grids this station serves, and the first administrator.

Or, to look around first, the demo county. ``SetupDialog.ask(parent)`` returns ``CONFIGURED``,
``DEMO`` or None (cancelled).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget)

from gridapp.errors import GridappError, ValidationError, ValidationErrors
from gridapp.services import codes
from gridapp.services.actor import system_actor
from ui.dialogs.login import accounts_module
from ui.widgets.form import FormErrors

CONFIGURED = "configured"
DEMO = "demo"


class SetupDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.result_kind: str | None = None
        self.accounts = accounts_module()
        # The administrator is created here unless accounts are not installed or one exists already.
        self.needs_admin = self.accounts is not None and not codes.login_required()
        self.setWindowTitle(self.tr("Set up this station"))
        self.setMinimumWidth(560)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(12)

        welcome = QLabel(self.tr("<b>Welcome to GridApp.</b> Choose the township, village and grids this "
                                 "station looks after, and create the administrator account. To look "
                                 "around first, open the demo county instead."), self)
        welcome.setWordWrap(True)
        outer.addWidget(welcome)

        station = QGroupBox(self.tr("Station"), self)
        self.station_form = QFormLayout(station)
        self.station_form.setSpacing(8)
        county = codes.county()
        self.township = QComboBox(station)
        self.township.setObjectName("township")
        self.township.addItem(self.tr("Choose…"), None)
        for code_, name in codes.townships(county[0] if county else None):
            self.township.addItem(name, code_)
        self.village = QComboBox(station)
        self.village.setObjectName("village")
        self.village.setEnabled(False)
        self.village.setToolTip(self.tr("Choose the township first"))
        self.station_name = QLineEdit(station)
        self.station_name.setObjectName("station_name")
        self.station_name.setMaxLength(64)
        self.grid_name = QLineEdit(station)
        self.grid_name.setObjectName("grid_name")
        self.grid_name.setPlaceholderText(self.tr("e.g. 第一网格, then Enter"))
        self.add_grid = QPushButton(self.tr("&Add grid"), station)
        self.add_grid.setObjectName("add_grid")
        self.grids = QListWidget(station)
        self.grids.setObjectName("grids")
        self.grids.setMaximumHeight(110)
        self.remove_grid = QPushButton(self.tr("&Remove"), station)
        self.remove_grid.setEnabled(False)
        grid_row = QHBoxLayout()
        grid_row.addWidget(self.grid_name, 1)
        grid_row.addWidget(self.add_grid)
        list_row = QHBoxLayout()
        list_row.addWidget(self.grids, 1)
        list_row.addWidget(self.remove_grid, 0, Qt.AlignmentFlag.AlignTop)
        grid_box = QVBoxLayout()
        grid_box.addLayout(grid_row)
        grid_box.addLayout(list_row)
        county_label = QLabel(county[1] if county else "—", station)
        self.station_form.addRow(self.tr("County:"), county_label)
        self.station_form.addRow(self.tr("&Township:"), self.township)
        self.station_form.addRow(self.tr("&Village:"), self.village)
        self.station_form.addRow(self.tr("Station &name:"), self.station_name)
        grids_label = QLabel(self.tr("&Grids:"), station)
        grids_label.setBuddy(self.grid_name)
        self.station_form.addRow(grids_label, grid_box)
        outer.addWidget(station)

        admin = QGroupBox(self.tr("Administrator"), self)
        self.admin_form = QFormLayout(admin)
        self.admin_form.setSpacing(8)
        self.login = QLineEdit(admin)
        self.login.setObjectName("login")
        self.login.setText("admin")
        self.display_name = QLineEdit(admin)
        self.display_name.setObjectName("display_name")
        self.password = QLineEdit(admin)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password2 = QLineEdit(admin)
        self.password2.setObjectName("password2")
        self.password2.setEchoMode(QLineEdit.EchoMode.Password)
        minimum = getattr(self.accounts, "MIN_PASSWORD", None)
        if minimum:
            self.password.setPlaceholderText(self.tr("At least %1 characters").replace("%1", str(minimum)))
        self.admin_form.addRow(self.tr("&Login:"), self.login)
        self.admin_form.addRow(self.tr("&Display name:"), self.display_name)
        self.admin_form.addRow(self.tr("&Password:"), self.password)
        self.admin_form.addRow(self.tr("Password &again:"), self.password2)
        if not self.needs_admin:
            for widget in (self.login, self.display_name, self.password, self.password2):
                widget.setEnabled(False)
            if self.accounts is None:
                text = self.tr("User accounts are not available in this version: the station opens "
                               "without logging in.")
            else:
                text = self.tr("An administrator account exists already: log in with it after setup.")
            note = QLabel(text, admin)
            note.setObjectName("admin_note")
            note.setWordWrap(True)
            self.admin_form.insertRow(0, note)
        outer.addWidget(admin)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        outer.addWidget(self.general)

        self.buttons = QDialogButtonBox(self)
        self.finish_button = self.buttons.addButton(self.tr("&Finish setup"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.finish_button.setObjectName("finish")
        self.finish_button.setDefault(True)
        self.demo_button = self.buttons.addButton(self.tr("Open the &demo county"),
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.demo_button.setObjectName("demo")
        self.demo_button.setAutoDefault(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        outer.addWidget(self.buttons)

        self.errors = FormErrors(self.station_form, self.general)
        self.errors.register_all({"township": self.township, "village": self.village,
                                  "name": self.station_name, "grids": self.grid_name})
        self.admin_errors = FormErrors(self.admin_form, self.general)
        self.admin_errors.register_all({"login": self.login, "display_name": self.display_name,
                                        "password": self.password, "password2": self.password2})

        self.township.currentIndexChanged.connect(self._on_township_current_index_changed)
        self.village.currentIndexChanged.connect(self._update_station_placeholder)
        self.grid_name.installEventFilter(self)  # Enter adds the grid instead of finishing
        self.add_grid.clicked.connect(self._on_add_grid_clicked)
        self.add_grid.setAutoDefault(False)
        self.remove_grid.setAutoDefault(False)
        self.remove_grid.clicked.connect(self._on_remove_grid_clicked)
        self.grids.currentRowChanged.connect(lambda row: self.remove_grid.setEnabled(row >= 0))
        self.finish_button.clicked.connect(self._on_finish_clicked)
        self.demo_button.clicked.connect(self._on_demo_clicked)
        self.buttons.rejected.connect(self.reject)
        self.setTabOrder(self.township, self.village)
        self.setTabOrder(self.village, self.station_name)
        self.setTabOrder(self.station_name, self.grid_name)
        self.setTabOrder(self.grid_name, self.add_grid)
        self.setTabOrder(self.add_grid, self.grids)
        self.setTabOrder(self.grids, self.login)
        self.setTabOrder(self.login, self.display_name)
        self.setTabOrder(self.display_name, self.password)
        self.setTabOrder(self.password, self.password2)
        self._update_station_placeholder()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.grid_name and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_add_grid_clicked()
            return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ station
    def _on_township_current_index_changed(self, _index: int) -> None:
        code_ = self.township.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        if code_:
            self.village.addItem(self.tr("(none: the township centre itself)"), None)
            for v_code, name in codes.villages(code_):
                self.village.addItem(name, v_code)
        self.village.blockSignals(False)
        self.village.setEnabled(bool(code_))
        self.village.setToolTip("" if code_ else self.tr("Choose the township first"))
        self.errors.clear_error("township")
        self._update_station_placeholder()

    def _update_station_placeholder(self, *_args) -> None:
        township, village = self.township.currentData(), self.village.currentData()
        if village:
            default = self.village.currentText() + "网格服务站"
        elif township:
            default = self.township.currentText() + "综治中心"
        else:
            default = ""
        self.station_name.setPlaceholderText(default)
        self.errors.clear_error("village")

    def grid_names(self) -> list[str]:
        return [self.grids.item(i).text() for i in range(self.grids.count())]

    def _on_add_grid_clicked(self) -> None:
        self.errors.clear_error("grids")
        name = self.grid_name.text()
        try:
            names = codes.clean_grid_names(self.grid_names() + [name])
        except ValidationError as exc:
            self.errors.set_error("grids", exc.message)
            return
        if len(names) > self.grids.count():
            self.grids.addItem(names[-1])
        self.grid_name.clear()
        self.grid_name.setFocus()

    def _on_remove_grid_clicked(self) -> None:
        row = self.grids.currentRow()
        if row >= 0:
            self.grids.takeItem(row)

    # ------------------------------------------------------------------ finish
    def _admin_errors(self) -> list[ValidationError]:
        if not self.needs_admin:
            return []
        found = []
        if not self.login.text().strip():
            found.append(ValidationError(self.tr("Please enter a login name."), field="login"))
        if not self.display_name.text().strip():
            found.append(ValidationError(self.tr("Please enter the administrator's name."), field="display_name"))
        if not self.password.text():
            found.append(ValidationError(self.tr("Please choose a password."), field="password"))
        elif self.password.text() != self.password2.text():
            found.append(ValidationError(self.tr("The two passwords differ."), field="password2"))
        return found

    def _on_finish_clicked(self) -> None:
        self.errors.clear()
        self.admin_errors.clear()
        if self.grid_name.text().strip():  # a name typed but not added yet counts
            self._on_add_grid_clicked()
            if self.errors.has_errors():
                return
        admin_problems = self._admin_errors()
        actor = system_actor()
        try:
            codes.setup_station(actor, self.township.currentData(), self.village.currentData(),
                                self.grid_names(), self.station_name.text())
        except GridappError as exc:
            self.errors.show(exc)
            if admin_problems:
                self.admin_errors.show(ValidationErrors(admin_problems))
            return
        if admin_problems:
            self.admin_errors.show(ValidationErrors(admin_problems))
            return
        if self.needs_admin:
            try:
                self.accounts.create_first_admin(self.login.text().strip(), self.password.text(),
                                                 self.display_name.text().strip())
            except GridappError as exc:
                self.admin_errors.show(exc)
                return
        self.result_kind = CONFIGURED
        self.accept()

    def _on_demo_clicked(self) -> None:
        self.result_kind = DEMO
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> str | None:
        """``CONFIGURED`` (station and administrator saved), ``DEMO``, or None when cancelled."""
        dialog = cls(parent)
        return dialog.result_kind if dialog.exec() == QDialog.DialogCode.Accepted else None

"""A user account: login, name, role, scope, grids, password and phone (系统管理员 only).

The scope follows the role: a grid worker belongs to a village (or a whole township) and looks
after some of its grids; a village administrator to a village; a township centre to a township
(or the county); a system administrator to the whole installation. Choosing grids for a worker
hands them over through ``accounts.assign_grid``, so each grid's history records it.
``UserDialog.ask(parent, ctx, user_id=None)`` returns the saved ``UserInfo`` or None.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

from gridapp.errors import GridappError, StaleRecordError, ValidationError, ValidationErrors
from gridapp.services import accounts, codes, grids
from gridapp.services.actor import GRID_WORKER, ROLE_LABELS, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN
from ui.context import AppContext
from ui.dialogs.change_password import PasswordPair
from ui.dialogs.person import select_data
from ui.widgets import ask
from ui.widgets.form import FormErrors


def role_label(role: str) -> str:
    return QCoreApplication.translate("Roles", ROLE_LABELS.get(role, role))


class UserDialog(QDialog):
    FIELDS = ("login", "display_name", "role", "scope_code", "grids", "password", "password2", "phone")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, user_id: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user: accounts.UserInfo | None = accounts.get_user(ctx.actor, user_id) if user_id is not None else None
        self.result_value: accounts.UserInfo | None = None
        self.setObjectName("UserDialog")
        self.setMinimumWidth(560)
        self._build()
        self._fill()
        self._connect()
        self.login.setFocus()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        self.form = QFormLayout()
        self.form.setSpacing(8)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.login = QLineEdit(self)
        self.login.setObjectName("login")
        self.login.setMaxLength(32)
        self.login.setPlaceholderText(self.tr("Letters, digits or Chinese, e.g. zhangsan"))
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("display_name")
        self.display_name.setMaxLength(32)
        self.role = QComboBox(self)
        self.role.setObjectName("role")
        for role in accounts.ROLES:
            self.role.addItem(role_label(role), role)
        self.township = QComboBox(self)
        self.township.setObjectName("township")
        self.village = QComboBox(self)
        self.village.setObjectName("village")
        self.scope_note = QLabel(self)
        self.scope_note.setObjectName("scope_note")
        self.scope_note.setWordWrap(True)
        self.scope_note.setStyleSheet("color: #666;")
        self.grids = QListWidget(self)
        self.grids.setObjectName("grids")
        self.grids.setMaximumHeight(120)
        self.grids_label = QLabel(self.tr("&Grids looked after:"), self)
        self.grids_label.setBuddy(self.grids)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(20)
        self.phone.setPlaceholderText(self.tr("Mobile or 0714- landline (optional)"))

        self.form.addRow(self.tr("&Login:"), self.login)
        self.form.addRow(self.tr("&Name:"), self.display_name)
        self.form.addRow(self.tr("&Role:"), self.role)
        self.township_label = QLabel(self.tr("&Township:"), self)
        self.township_label.setBuddy(self.township)
        self.form.addRow(self.township_label, self.township)
        self.village_label = QLabel(self.tr("&Village:"), self)
        self.village_label.setBuddy(self.village)
        self.form.addRow(self.village_label, self.village)
        self.form.addRow("", self.scope_note)
        self.form.addRow(self.grids_label, self.grids)
        self.pair = PasswordPair(self.form, self)
        self.form.addRow(self.tr("P&hone:"), self.phone)
        layout.addLayout(self.form)

        self.general = QLabel(self)
        self.general.setObjectName("general_error")
        self.general.setWordWrap(True)
        self.general.hide()
        layout.addWidget(self.general)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        layout.addWidget(self.buttons)
        self.errors = FormErrors(self.form, self.general)
        self.errors.register_all({"login": self.login, "display_name": self.display_name, "role": self.role,
                                  "scope_code": self.village, "grids": self.grids, "password2": self.pair.repeat,
                                  "phone": self.phone})
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)

    def _fill(self) -> None:
        county = codes.county()
        self._county = county
        self.township.blockSignals(True)
        if county:
            self.township.addItem(self.tr("%1 (whole county)").replace("%1", county[1]), county[0])
        for code_, name in codes.townships(county[0] if county else None):
            self.township.addItem(name, code_)
        self.township.blockSignals(False)
        u = self.user
        if u is None:
            self.setWindowTitle(self.tr("New user"))
            select_data(self.role, GRID_WORKER)
            station = codes.station_info()
            self._set_scope(station.village_code or station.township_code)
            self.pair.password_label.setText(self.tr("&Password:"))
        else:
            self.setWindowTitle(self.tr("Edit user %1").replace("%1", u.display_name))
            self.login.setText(u.login)
            self.display_name.setText(u.display_name)
            select_data(self.role, u.role)
            self._set_scope(u.scope_code)
            self.phone.setText(u.phone or "")
            self.pair.set_visible(False)  # passwords are reset from the list, not edited here
        self._on_role_changed()

    def _connect(self) -> None:
        self.role.currentIndexChanged.connect(self._on_role_changed)
        self.township.currentIndexChanged.connect(self._on_township_current_index_changed)
        self.village.currentIndexChanged.connect(self._fill_grids)
        self.login.textChanged.connect(self._on_login_text_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut.activated.connect(self.save)
        self.setTabOrder(self.login, self.display_name)
        self.setTabOrder(self.display_name, self.role)
        self.setTabOrder(self.role, self.township)
        self.setTabOrder(self.township, self.village)
        self.setTabOrder(self.village, self.grids)
        self.setTabOrder(self.grids, self.pair.password)
        self.setTabOrder(self.pair.password, self.pair.repeat)
        self.setTabOrder(self.pair.repeat, self.phone)

    # ------------------------------------------------------------------ scope cascade
    def _set_scope(self, scope_code: str | None) -> None:
        code_ = scope_code or ""
        township = code_[:9] if len(code_) >= 9 else (code_ or None)
        self.township.blockSignals(True)
        select_data(self.township, township)
        self.township.blockSignals(False)
        self._fill_villages()
        self.village.blockSignals(True)
        select_data(self.village, code_ if len(code_) == 12 else None)
        self.village.blockSignals(False)

    def _fill_villages(self) -> None:
        township = self.township.currentData()
        self.village.blockSignals(True)
        self.village.clear()
        if self.role.currentData() != VILLAGE_ADMIN:
            self.village.addItem(self.tr("(the whole township)"), None)
        if township and len(township) == 9:
            for code_, name in codes.villages(township):
                self.village.addItem(name, code_)
        self.village.blockSignals(False)

    def _on_township_current_index_changed(self, _index: int) -> None:
        self._fill_villages()
        self.errors.clear_error("scope_code")
        self._fill_grids()

    def _on_role_changed(self, *_args) -> None:
        role = self.role.currentData()
        keep = self.scope_code()
        # The county is a township centre's choice only (the county's 综治中心).
        county_item = 0 if self._county else -1
        if county_item == 0:
            item = self.township.model().item(0)
            item.setEnabled(role == TOWNSHIP)
        self._set_scope(keep)
        if role != TOWNSHIP and self.township.currentIndex() == county_item:
            self.township.setCurrentIndex(min(1, self.township.count() - 1))
        for widget in (self.township_label, self.township):
            widget.setVisible(role != SYSADMIN)
        for widget in (self.village_label, self.village):
            widget.setVisible(role in (GRID_WORKER, VILLAGE_ADMIN))
        for widget in (self.grids_label, self.grids):
            widget.setVisible(role == GRID_WORKER)
        notes = {
            GRID_WORKER: self.tr("A grid worker sees only the grids ticked below. Ticking a grid another worker "
                                 "looks after hands it over (it shows in the grid's history)."),
            VILLAGE_ADMIN: self.tr("A village administrator sees the whole village."),
            TOWNSHIP: self.tr("A township centre sees its township (or, for the county, every township)."),
            SYSADMIN: self.tr("A system administrator manages users, settings and backups, and sees no resident "
                              "data in full."),
        }
        self.scope_note.setText(notes.get(role, ""))
        self.errors.clear_error("scope_code")
        self._fill_grids()

    def scope_code(self) -> str | None:
        role = self.role.currentData()
        if role == SYSADMIN:
            return None
        if role in (GRID_WORKER, VILLAGE_ADMIN) and self.village.currentData():
            return self.village.currentData()
        return self.township.currentData()

    def _fill_grids(self, *_args) -> None:
        if self.role.currentData() != GRID_WORKER:
            self.grids.clear()
            return
        ticked = set(self.ticked_grids()) if self.grids.count() else \
            {g.id for g in self._own_grids()}
        scope = self.scope_code() or ""
        self.grids.clear()
        rows = [g for g in grids.list_grids(self.ctx.actor) if scope and g.village_code.startswith(scope)]
        for g in rows:
            text = g.name if len(scope) == 12 else f"{g.village_name} · {g.name}"
            if g.worker_id and (self.user is None or g.worker_id != self.user.id):
                text += self.tr(" (now %1)").replace("%1", g.worker_name)
            item = QListWidgetItem(text, self.grids)
            item.setData(Qt.ItemDataRole.UserRole, g.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if g.id in ticked else Qt.CheckState.Unchecked)
        if not rows:
            item = QListWidgetItem(self.tr("No grids here yet: a village or township administrator creates "
                                           "them"), self.grids)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _own_grids(self):
        if self.user is None:
            return []
        return [g for g in grids.list_grids(self.ctx.actor) if g.worker_id == self.user.id]

    def ticked_grids(self) -> list[int]:
        out = []
        for row in range(self.grids.count()):
            item = self.grids.item(row)
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole) is not None:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_grid_ticked(self, grid_id: int, ticked: bool = True) -> None:
        for row in range(self.grids.count()):
            item = self.grids.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == grid_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def _on_login_text_changed(self, text: str) -> None:
        self.pair.login = text.strip()
        self.pair.password.textChanged.emit(self.pair.password.text())  # the rule compares with the login
        self.errors.clear_error("login")

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        self.errors.clear()
        if self.user is None:
            problems = [p for p in self.pair.errors() if p.field == "password2"]
            if problems:
                self.errors.set_error("password2", problems[0].message)
                self.pair.repeat.setFocus()
                return False
        try:
            info = self._create() if self.user is None else self._update()
        except StaleRecordError as exc:
            ask.warning(self, self.tr("Changed meanwhile"), exc.message + self.tr(" The form now shows the account as "
                                                                                  "saved by the other person; check it "
                                                                                  "and save again."))
            self.reload()
            return False
        except (ValidationError, ValidationErrors) as exc:
            self._show_errors(exc)
            return False
        except GridappError as exc:
            self.errors.set_error(None, exc.message)
            return False
        self.result_value = info
        self.ctx.bus.data_changed.emit("user")
        self.accept()
        return True

    def _show_errors(self, exc: GridappError) -> None:
        for error in exc.errors if isinstance(exc, ValidationErrors) else [exc]:
            if error.field == "password":
                self.pair.strength.setText(error.message)
                self.pair.strength.setStyleSheet("color: #c62828;")
                self.pair.password.setFocus()
            elif error.field == "worker_id":
                self.errors.set_error("grids", error.message)
            else:
                self.errors.set_error(error.field if error.field in self.FIELDS else None, error.message)
                widget = self.errors.widget(error.field or "")
                if widget is not None:
                    widget.setFocus()

    def _create(self) -> accounts.UserInfo:
        actor = self.ctx.actor
        info = accounts.create_user(actor, self.login.text(), self.display_name.text(), self.role.currentData(),
                                    self.scope_code(), self.pair.text(), self.phone.text())
        self.user = info  # saved: a failure below leaves an account to edit, not one to create again
        if info.role == GRID_WORKER:
            for grid_id in self.ticked_grids():
                accounts.assign_grid(actor, grid_id, info.id, note=self.tr("New account"))
        return accounts.get_user(actor, info.id)

    def _update(self) -> accounts.UserInfo:
        actor, u = self.ctx.actor, self.user
        info = accounts.update_user(actor, u.id, u.version, display_name=self.display_name.text(),
                                    phone=self.phone.text(), login=self.login.text())
        own = {g.id for g in self._own_grids()}
        wanted = set(self.ticked_grids()) if self.role.currentData() == GRID_WORKER else set()
        for grid_id in sorted(own - wanted):
            accounts.assign_grid(actor, grid_id, None, note=self.tr("Taken from %1 in the user's account")
                                 .replace("%1", u.display_name))
        if (self.role.currentData(), self.scope_code()) != (u.role, u.scope_code):
            info = accounts.change_scope(actor, u.id, info.version, self.role.currentData(), self.scope_code())
        for grid_id in sorted(wanted - own):
            accounts.assign_grid(actor, grid_id, u.id)
        return accounts.get_user(actor, u.id)

    def reload(self) -> None:
        """Show the account as it is saved now (after someone else changed it)."""
        if self.user is None:
            return
        self.user = accounts.get_user(self.ctx.actor, self.user.id)
        self.login.setText(self.user.login)
        self.display_name.setText(self.user.display_name)
        select_data(self.role, self.user.role)
        self._set_scope(self.user.scope_code)
        self.phone.setText(self.user.phone or "")
        self.grids.clear()
        self._on_role_changed()

    # ------------------------------------------------------------------ entry point
    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, user_id: int | None = None) -> accounts.UserInfo | None:
        dialog = cls(ctx, parent, user_id=user_id)
        try:
            return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()


def screenshot_sample(ctx: AppContext, parent: QWidget | None = None) -> UserDialog:
    """For ui.screenshots: a new grid worker for a village with grids, a weak password typed."""
    import dataclasses

    from gridapp.services.actor import SYSTEM

    admin = dataclasses.replace(ctx, actor=SYSTEM)
    dialog = UserDialog(admin, parent)
    dialog.login.setText("zhangwei")
    dialog.display_name.setText("张伟")
    free = [g for g in grids.list_grids(SYSTEM) if g.worker_id is None] or grids.list_grids(SYSTEM)
    if free:
        dialog._set_scope(free[0].village_code)
        dialog._fill_grids()
        dialog.set_grid_ticked(free[0].id)
    dialog.pair.password.setText("zhang123")
    dialog.pair.repeat.setText("zhang12")
    dialog.phone.setText("13912345678")
    return dialog

"""设置 → 用户: the accounts of this installation and grid handover.

The system administrator creates, edits, disables and enables users, resets passwords and
unlocks accounts. Village and township administrators see the users of their area and hand
grids over. A grid worker has nothing to manage here.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolBar, QVBoxLayout, QWidget

from gridapp.errors import GridappError, PermissionDenied, ValidationError
from gridapp.services import accounts
from gridapp.services.accounts import UserInfo
from gridapp.services.actor import GRID_WORKER, SYSADMIN
from ui.context import AppContext
from ui.dialogs.change_password import ResetPasswordDialog
from ui.dialogs.handover import HandoverDialog
from ui.dialogs.user import UserDialog, role_label
from ui.widgets import ask
from ui.widgets.lists import empty_label, list_table

COLUMN_WIDTHS = (160, 80, 110, 130, 150, 110, 150)


class UserTableModel(QAbstractTableModel):
    """The users, few enough to hold in memory (a station has tens, a county a few hundred)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[UserInfo] = []
        self.headers = [self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Scope"), self.tr("Grids"),
                        self.tr("Phone"), self.tr("Status"), self.tr("Last login")]

    def set_rows(self, rows: list[UserInfo]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, index: QModelIndex | int) -> UserInfo | None:
        row = index if isinstance(index, int) else index.row()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def find_row(self, user_id: int) -> int:
        return next((i for i, u in enumerate(self.rows) if u.id == user_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def status(self, u: UserInfo) -> str:
        if not u.active:
            return self.tr("Disabled")
        if u.locked:
            return self.tr("Locked until %1").replace("%1", f"{u.locked_until:%m-%d %H:%M}")
        if u.must_change_password:
            return self.tr("Active (temporary password)")
        return self.tr("Active")

    def value(self, u: UserInfo, column: int) -> str:
        if column == 0:
            return u.login
        if column == 1:
            return u.display_name
        if column == 2:
            return role_label(u.role)
        if column == 3:
            return u.scope_name if u.scope_code else self.tr("Whole installation")
        if column == 4:
            return "、".join(u.grids) if u.role == GRID_WORKER else ""
        if column == 5:
            return u.phone or ""
        if column == 6:
            return self.status(u)
        return f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else self.tr("never")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        u = self.row_at(index) if index.isValid() else None
        if u is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.value(u, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4 and u.grids:
            return "\n".join(u.grids)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not u.active:
                return Qt.GlobalColor.gray
            if u.locked and index.column() == 6:
                return Qt.GlobalColor.darkRed
        return None


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.admin = ctx.actor.role == SYSADMIN
        self.manager = ctx.actor.role in accounts.MANAGERS
        self.model = UserTableModel(self)
        self._build()
        self._connect()
        self.refresh()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.new_action = self._action(self.tr("New user"), "new_user", QKeySequence("Ctrl+N"))
        self.edit_action = self._action(self.tr("Edit"), "edit_user")
        self.disable_action = self._action(self.tr("Disable"), "disable_user")
        self.reset_action = self._action(self.tr("Reset password"), "reset_password")
        self.unlock_action = self._action(self.tr("Unlock"), "unlock_user")
        self.handover_action = self._action(self.tr("Grid handover…"), "handover")
        for action in (self.new_action, self.edit_action, self.disable_action, self.reset_action,
                       self.unlock_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.handover_action)
        self.show_disabled = QCheckBox(self.tr("Show disabled accounts"), self)
        self.show_disabled.setObjectName("show_disabled")
        self.show_disabled.setChecked(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count")
        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addStretch(1)
        top.addWidget(self.show_disabled)
        top.addWidget(self.count_label)
        layout.addLayout(top)

        self.table = list_table(self, "users", self.model, COLUMN_WIDTHS)
        layout.addWidget(self.table, 1)
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        layout.addWidget(self.note)
        self.empty_label = empty_label(self.table)

    def _action(self, text: str, name: str, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.new_action.triggered.connect(self.new_user)
        self.edit_action.triggered.connect(self.edit_user)
        self.disable_action.triggered.connect(self.toggle_active)
        self.reset_action.triggered.connect(self.reset_password)
        self.unlock_action.triggered.connect(self.unlock)
        self.handover_action.triggered.connect(self.handover)
        self.show_disabled.toggled.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.activated.connect(lambda _index: self.edit_user())
        self.ctx.bus.data_changed.connect(self._on_bus_data_changed)

    # ------------------------------------------------------------------ data
    def refresh(self, *_args) -> None:
        keep = self.selected()
        if not self.manager:
            self.model.set_rows([])
            self._empty(self.tr("User accounts are managed by the system administrator. Ask them to add a colleague, "
                                "reset a password or hand a grid over."))
            self._update_actions()
            return
        try:
            rows = accounts.list_users(self.ctx.actor, include_inactive=self.show_disabled.isChecked())
        except GridappError as exc:
            rows = []
            self._empty(exc.message)
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%1 users").replace("%1", str(len(rows))))
        if rows:
            self.empty_label.hide()
        elif self.manager:
            self._empty(self.tr("No user accounts yet. Click “New user” (Ctrl+N) to add the first one."))
        if keep is not None:
            self.select_user(keep.id)
        self.note.setText(self.tr("Five wrong passwords in a row lock an account for a while; “Unlock” lets the "
                                  "person try again at once. A disabled account keeps its history but can't log in.")
                          if self.admin else
                          self.tr("Only the system administrator creates and changes accounts; you can hand grids "
                                  "of your area over to another worker."))
        self._update_actions()

    def _empty(self, text: str) -> None:
        self.empty_label.setText(text)
        self.empty_label.show()

    def _on_bus_data_changed(self, entity: str) -> None:
        if entity in ("user", "settings"):
            self.refresh()

    def selected(self) -> UserInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def select_user(self, user_id: int) -> None:
        row = self.model.find_row(user_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_actions(self, *_args) -> None:
        u = self.selected()
        no_role = self.tr("Only the system administrator manages accounts")
        pick = self.tr("Choose a user in the list first")

        def state(action: QAction, enabled: bool, reason: str) -> None:
            action.setEnabled(enabled)
            action.setToolTip(action.text() if enabled else reason)

        state(self.new_action, self.admin, no_role)
        for action in (self.edit_action, self.disable_action, self.reset_action):
            state(action, self.admin and u is not None, no_role if not self.admin else pick)
        self.disable_action.setText(self.tr("Enable") if u is not None and not u.active else self.tr("Disable"))
        state(self.unlock_action, self.admin and u is not None and u.locked,
              no_role if not self.admin else pick if u is None else self.tr("This account is not locked"))
        state(self.handover_action, self.manager, self.tr("Only administrators hand grids over"))

    # ------------------------------------------------------------------ actions
    def new_record(self) -> None:
        self.new_user()

    def new_user(self) -> None:
        if not self.new_action.isEnabled():
            return
        info = UserDialog.ask(self, self.ctx)
        if info is not None:
            self.refresh()
            self.select_user(info.id)

    def edit_user(self) -> None:
        u = self.selected()
        if u is None or not self.edit_action.isEnabled():
            return
        try:
            info = UserDialog.ask(self, self.ctx, user_id=u.id)
        except GridappError as exc:
            ask.error(self, self.tr("Edit user"), exc.message)
            return
        self.refresh()
        if info is not None:
            self.select_user(info.id)

    def toggle_active(self) -> None:
        u = self.selected()
        if u is None or not self.disable_action.isEnabled():
            return
        if u.active:
            if not ask.confirm(self, self.tr("Disable user"),
                               self.tr("Disable the account of %1 (%2)? They can no longer log in; what they "
                                       "recorded stays.").replace("%1", u.display_name).replace("%2", u.login)):
                return
            self._write(lambda: accounts.disable_user(self.ctx.actor, u.id, u.version), self.tr("Disable user"))
        else:
            self._write(lambda: accounts.enable_user(self.ctx.actor, u.id, u.version), self.tr("Enable user"))

    def reset_password(self) -> None:
        u = self.selected()
        if u is None or not self.reset_action.isEnabled():
            return
        if ResetPasswordDialog.ask(self, self.ctx, u) is not None:
            ask.info(self, self.tr("Reset password"),
                     self.tr("%1 has a temporary password now and must choose their own at the next login.")
                     .replace("%1", u.display_name))
            self.refresh()

    def unlock(self) -> None:
        u = self.selected()
        if u is None or not self.unlock_action.isEnabled():
            return
        if self._write(lambda: accounts.unlock_user(self.ctx.actor, u.id), self.tr("Unlock")):
            ask.info(self, self.tr("Unlock"), self.tr("%1 can log in again.").replace("%1", u.display_name))

    def handover(self) -> None:
        if not self.handover_action.isEnabled():
            return
        u = self.selected()
        worker_id = u.id if u is not None and u.role == GRID_WORKER and u.grids else None
        try:
            history = HandoverDialog.ask(self, self.ctx, worker_id=worker_id)
        except GridappError as exc:
            ask.error(self, self.tr("Grid handover"), exc.message)
            return
        if history is not None:
            self.refresh()

    def _write(self, fn, title: str) -> bool:
        try:
            info = fn()
        except (ValidationError, PermissionDenied) as exc:
            ask.warning(self, title, exc.message)
            self.refresh()
            return False
        except GridappError as exc:
            ask.error(self, title, exc.message)
            self.refresh()
            return False
        self.refresh()
        self.select_user(info.id)
        return True

"""打印预览 / 打印 / 导出PDF for the paper form of whatever a page shows, in one place.

    actions = add_print_actions(toolbar_or_menu_or_layout, parent, ctx,
                                lambda: print_forms.visit_form(ctx.actor, visit_id))
    actions.set_available(row is not None, self.tr("Choose a visit first"))

``build_form()`` returns the ``PrintForm`` to print (or None when there is nothing to print); a
``GridappError`` it raises is shown to the person in a message box, nothing else happens. With
``deferred=True`` it is called as ``build_form(deliver)`` instead and calls ``deliver(form)`` when
the form is ready (a summary counted in the background). With ``unmask_option=True`` a role that
may unmask gets a checkable 完整证件号 entry, and the next form is built with ``build_form(unmask=True)``
(the service audits every record printed in full); the entry unticks itself after that one form.

On a toolbar or a layout the actions sit in one 打印预览 button whose arrow opens 打印 and 导出PDF
(with ``title``: a button of that name, e.g. 打印调解协议书, that opens all three); on a menu they are
added as entries. Ctrl+P opens the preview while the focus is in ``parent``.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QBoxLayout, QMenu, QPushButton, QToolBar, QToolButton, QWidget

from gridapp.errors import GridappError
from gridapp.reports.forms import PrintForm
from ui import printing
from ui.context import AppContext
from ui.widgets import ask, outputs


class PrintActions(QObject):
    """The three print actions of one form (and the unmask toggle when offered)."""

    def __init__(self, parent: QWidget, ctx: AppContext, build_form: Callable, *, unmask_option: bool = False,
                 deferred: bool = False):
        super().__init__(parent)
        self.widget = parent
        self.ctx = ctx
        self.build_form = build_form
        self.deferred = deferred
        self.preview_action = self._action(self.tr("Print preview…"), "print_preview", self.preview)
        self.preview_action.setShortcut(QKeySequence("Ctrl+P"))
        self.preview_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        parent.addAction(self.preview_action)
        self.print_action = self._action(self.tr("Print…"), "print_form", self.print_form)
        self.pdf_action = self._action(self.tr("Export PDF…"), "export_pdf", self.export_pdf)
        self.unmask_action: QAction | None = None
        if unmask_option and ctx.actor.can_unmask:
            self.unmask_action = QAction(self.tr("Print full ID numbers and phones"), parent)
            self.unmask_action.setObjectName("print_unmasked")
            self.unmask_action.setCheckable(True)
            self.unmask_action.setToolTip(self.tr("Full numbers on the next form printed: every record "
                                                  "printed this way is written to the audit log"))
        self.button: QAbstractButton | None = None
        self._titled = False
        self.menu = QMenu(parent)
        self.menu.setObjectName("print_menu")
        self.menu.addActions([self.preview_action, self.print_action, self.pdf_action])
        if self.unmask_action is not None:
            self.menu.addSeparator()
            self.menu.addAction(self.unmask_action)
        self.set_available(True)

    def _action(self, text: str, name: str, slot) -> QAction:
        action = QAction(text, self.widget)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        extra = [self.unmask_action] if self.unmask_action is not None else []
        return [self.preview_action, self.print_action, self.pdf_action, *extra]

    def make_button(self, title: str | None = None) -> QAbstractButton:
        """One 打印预览 button whose arrow opens the other actions; or, with ``title``, a push button
        of that name (like the buttons beside it) whose menu holds all of them."""
        if title:
            button: QAbstractButton = QPushButton(title, self.widget)
        else:
            button = QToolButton(self.widget)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setDefaultAction(self.preview_action)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setObjectName("print_button")
        button.setMenu(self.menu)
        self.button = button
        self._titled = bool(title)
        self.set_available(self.preview_action.isEnabled(), self.preview_action.toolTip())
        return button

    def set_available(self, enabled: bool, reason: str = "") -> None:
        """Enable the actions, or disable them with ``reason`` as their tooltip."""
        tips = {self.preview_action: self.tr("Show the printed form on screen (Ctrl+P); print it from there"),
                self.print_action: self.tr("Print the form on a printer"),
                self.pdf_action: self.tr("Save the form as an A4 PDF file")}
        for action, tip in tips.items():
            action.setEnabled(enabled)
            action.setToolTip(tip if enabled or not reason else reason)
        if self.button is not None and self._titled:  # a button with a default action follows it
            self.button.setEnabled(enabled)
            self.button.setToolTip(self.tr("Print preview, print or save as PDF") if enabled else reason)

    @property
    def unmasked(self) -> bool:
        return self.unmask_action is not None and self.unmask_action.isChecked()

    # ------------------------------------------------------------------ doing it
    def with_form(self, then: Callable[[PrintForm], None]) -> None:
        """Build the form and hand it to ``then``; a refusal is shown, not raised."""
        def deliver(form: PrintForm | None) -> None:
            if form is not None:
                then(form)

        try:
            if self.deferred:
                self.build_form(deliver)
            elif self.unmask_action is not None:
                unmask = self.unmasked
                self.unmask_action.setChecked(False)  # full numbers for this one form only
                deliver(self.build_form(unmask=unmask))
            else:
                deliver(self.build_form())
        except GridappError as exc:
            ask.error(self.widget, self.tr("Can't print"), exc.message)

    def preview(self) -> None:
        if self.preview_action.isEnabled():
            self.with_form(lambda form: printing.preview(self.widget, form))

    def print_form(self) -> None:
        if self.print_action.isEnabled():
            self.with_form(lambda form: printing.print_form(self.widget, form))

    def export_pdf(self) -> None:
        if self.pdf_action.isEnabled():
            self.with_form(self.save_pdf)

    def save_pdf(self, form: PrintForm) -> Path | None:
        """Ask where, write the PDF, say how many pages went where; the path, or None."""
        name = form.extra.get("file_name") or f"{form.title}.pdf"
        start = outputs.default_folder(self.ctx.settings) / name
        chosen = ask.save_file(self.widget, self.tr("Export PDF"), str(start), self.tr("PDF files (*.pdf)"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            pages = printing.save_pdf(form, path)
        except OSError as exc:
            ask.error(self.widget, self.tr("Export PDF"),
                      self.tr("The PDF could not be written: %1").replace("%1", exc.strerror or str(exc)))
            return None
        self.ctx.settings.setValue(outputs.FOLDER_KEY, str(path.parent))
        ask.info(self.widget, self.tr("Export PDF"),
                 self.tr("%1 saved (%2 pages):\n%3").replace("%1", form.title).replace("%2", str(pages))
                 .replace("%3", str(path)))
        return path


def add_print_actions(target: QToolBar | QMenu | QBoxLayout, parent: QWidget, ctx: AppContext,
                      build_form: Callable, *, unmask_option: bool = False, deferred: bool = False,
                      title: str | None = None) -> PrintActions:
    """Put 打印预览 / 打印 / 导出PDF for ``build_form``'s form on ``target`` (see the module docstring)."""
    actions = PrintActions(parent, ctx, build_form, unmask_option=unmask_option, deferred=deferred)
    if isinstance(target, QMenu):
        target.addActions(actions.menu.actions())
    else:  # a toolbar or a layout
        target.addWidget(actions.make_button(title))
    return actions


def screenshot_sample(ctx: AppContext, parent: QWidget | None) -> QWidget:
    """The print preview of the first household's 入户登记表, for docs/screenshots."""
    from gridapp.reports import print_forms
    from gridapp.services import households

    first = households.page(ctx.actor, limit=1)[0]
    dialog = printing.preview_dialog(parent, print_forms.household_form(ctx.actor, first.id))
    dialog.setMinimumSize(1000, 760)  # the screenshot tool fits dialogs to their size hint
    return dialog


__all__ = ["PrintActions", "add_print_actions", "screenshot_sample"]

"""The one exception family of the core.

Every error carries a user-facing message in Chinese. Form and import errors also name
the field (or column) they concern, so a dialog can show the message next to the field
and an importer can write it into the 错误原因 column.
"""
from __future__ import annotations


class GridappError(Exception):
    """Base class: ``message`` is shown to a person as it is."""

    exit_code = 1

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ValidationError(GridappError):
    """Bad input in a form field or an imported cell."""


class ValidationErrors(GridappError):
    """Several field errors found at once (a form checks every field before saving)."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = list(errors)
        super().__init__("；".join(e.message for e in self.errors),
                         field=self.errors[0].field if self.errors else None)


class DuplicateError(ValidationError):
    """A record with the same key exists; ``existing`` points to it (a uid) when known."""

    def __init__(self, message: str, *, field: str | None = None, existing: str | None = None):
        super().__init__(message, field=field)
        self.existing = existing


class NeedsConfirmation(GridappError):
    """A warning that the caller may confirm (for example same name and birthday)."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "confirm"):
        super().__init__(message, field=field)
        self.code = code


class NotFoundError(GridappError):
    """The record does not exist (or was deleted)."""


class PermissionDenied(GridappError):
    """The acting user may not do this, or the record is outside their scope."""


class StaleRecordError(GridappError):
    """The record was changed by someone else since it was read."""

    def __init__(self, message: str = "记录已被他人修改，请刷新后重试", *, field: str | None = None):
        super().__init__(message, field=field)


class WorkflowError(GridappError):
    """An event action that the state machine does not allow now."""


class DatabaseError(GridappError):
    """The database can't be opened, is damaged, locked or too new."""

    exit_code = 2


class Cancelled(GridappError):
    """Long work was cancelled by the person who started it."""

    def __init__(self, message: str = "已取消"):
        super().__init__(message)

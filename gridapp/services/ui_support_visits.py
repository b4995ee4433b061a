"""Small read-only questions the 走访/事件/场所 pages ask that the core services answer privately.

API::

    event_edit_refusal(actor, event_id) -> str | None   # why the actor may not correct the event
    event_draft_errors(actor, draft, event_id=None) -> list[ValidationError]   # check a form, write nothing
"""
from __future__ import annotations

from gridapp.errors import ValidationError, ValidationErrors
from gridapp.models import now
from gridapp.services import events
from gridapp.services.actor import Actor


def event_edit_refusal(actor: Actor, event_id: int) -> str | None:
    """Why ``events.update`` would refuse this actor for this event (None: it would accept)."""
    return events._edit_refusal(actor, events._load(actor, event_id))  # noqa: SLF001 - same rule, no copy


def event_draft_errors(actor: Actor, draft: events.EventDraft, event_id: int | None = None) -> list[ValidationError]:
    """Every field error ``events.report`` (or ``events.update`` of ``event_id``) would raise for
    ``draft``, without writing anything, so a form can show them all at once."""
    event = events._load(actor, event_id) if event_id is not None else None  # noqa: SLF001
    registered = event.registered_at.date() if event is not None else now().date()
    try:
        events._validate(actor, draft, registered, event=event)  # noqa: SLF001 - the same checks, no copy
    except ValidationErrors as exc:
        return list(exc.errors)
    except ValidationError as exc:
        return [exc]
    return []

"""Small read-only questions the 走访/事件/场所 pages ask that the core services answer privately.

API::

    event_edit_refusal(actor, event_id) -> str | None   # why the actor may not correct the event
"""
from __future__ import annotations

from gridapp.services import events
from gridapp.services.actor import Actor


def event_edit_refusal(actor: Actor, event_id: int) -> str | None:
    """Why ``events.update`` would refuse this actor for this event (None: it would accept)."""
    return events._edit_refusal(actor, events._load(actor, event_id))  # noqa: SLF001 - same rule, no copy

"""Audit rows: append-only, written in the same transaction as the change they describe."""
from __future__ import annotations

import datetime as dt
import json

from gridapp.models import AuditLog
from gridapp.services.actor import Actor


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def record(actor: Actor | None, action: str, entity: str | None = None, uid: str | None = None,
           changes: dict | None = None) -> None:
    AuditLog.create(user=actor.login if actor else None, action=action, entity=entity, uid=uid,
                    changes=json.dumps({k: _plain(v) for k, v in changes.items()}, ensure_ascii=False)
                    if changes else None)


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for the fields that changed."""
    return {k: [_plain(before.get(k)), _plain(after.get(k))]
            for k in after if _plain(before.get(k)) != _plain(after.get(k))}

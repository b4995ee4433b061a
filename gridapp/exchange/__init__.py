"""Exchange packages between village stations and their township (issue 8).

A station's records reach the township, and the township's decisions reach the station, as signed
zip files carried on a USB stick. The pieces:

- ``package``: the file format (manifest, signature, JSON Lines records, attachments) and how a
  record is encoded (foreign keys as uids);
- ``export``: which records a package carries — those in scope whose content differs from what the
  receiver is known to have (the per-peer *base*), plus the records they point to that it lacks;
- ``merge``: verifying a package and merging it by uid in one transaction, with a 3-way merge
  against the base, acknowledgements, and the natural-key rules (event numbers, reference data);
- ``conflicts``: the 3-way field merge and the conflicts a person resolves (冲突处理).

``gridapp.services.exchange`` is the entry point for the CLI and the UI (actor, scope, audit).

Change tracking needs no hooks in the other services: each side keeps, per peer and record, the
state both sides are known to share (``ExchangeBase``: set when a record is received, and when the
peer acknowledges a package that carried it). A record changed here is one whose content differs
from its base; a record changed there is one whose incoming content differs from its base.
"""
from __future__ import annotations

from dataclasses import dataclass

STATION = "station"
TOWNSHIP = "township"

# Setting rows. The name, township, village and secret are also edited in 设置 (services.settings);
# a station has a village, a township centre only a township.
SETTING_ID = "station.id"
SETTING_NAME = "station.name"
SETTING_TOWNSHIP = "station.township"
SETTING_VILLAGE = "station.village"
SETTING_SECRET = "exchange.secret"


@dataclass(frozen=True)
class Station:
    """This database's identity in exchanges."""

    station_id: str
    name: str
    kind: str  # station | township
    scope_code: str  # a village code for a station, a township code for a township


def narrower(*scopes: str | None) -> str | None:
    """The intersection of nested division scopes ('' or None: everything), or None if disjoint."""
    result = ""
    for scope in scopes:
        scope = scope or ""
        if scope.startswith(result):
            result = scope
        elif not result.startswith(scope):
            return None
    return result

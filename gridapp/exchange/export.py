"""Choosing and writing what a package carries.

A package for a peer carries every record in the exchange scope whose content differs from its
base for that peer (what the peer is known to have), or every record with ``full``. It also
carries records the peer already has that have since left the scope (a household moved to
another village), and — as *references* — records the chosen ones point to that the peer lacks
(the township user who handles a station's event). A record with an open conflict stays home
until a person has resolved it. Reference data (code tables, divisions, shared settings, visit
rules and checklists) only travels from a township to its stations.

The records sent are kept in ``ExchangeSent`` until the peer acknowledges the package; they then
become the base. Until then every later package carries them again, so a lost package or a lost
acknowledgement costs nothing but a few bytes.
"""
from __future__ import annotations

import functools
import operator
from collections import defaultdict
from dataclasses import dataclass, field

import peewee as pw

from gridapp import dialect
from gridapp.errors import Cancelled
from gridapp.exchange import TOWNSHIP, Station
from gridapp.exchange.package import (
    ENTITY_LABELS, Table, canonical, decode_value, encode_value, jsonl, record_hash, strip_for, table, tables,
)
from gridapp.models import (
    CodeItem, Division, ExchangeBase, ExchangeConflict, ExchangePeer, ExchangeSent, Setting, database,
)

CHUNK = 500

# Child tables take the scope of the record they belong to.
PARENTS = {"grid_assignment": ("grid",), "person_tag": ("person",), "event_party": ("event",),
           "event_action": ("event",), "attachment": ("event", "visit")}
# Reference tables: no division of their own; the township's copy is authoritative and only a
# township sends them (visit rules, checklists, and any tracked table added without scope columns).
REFERENCE_TABLES = frozenset(
    t.entity for t in tables()
    if t.entity not in PARENTS and t.entity != "user" and not hasattr(t.model, "village_code"))
# Settings a township shares with its stations.
SHARED_SETTING_PREFIXES = ("time_limit.", "risk_force_", "report_cutoff_day")


def chunks(items, size: int = CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


# --------------------------------------------------------------------------- scope
def code_in(column, scope: str) -> pw.Expression:
    """``column`` lies within the division ``scope`` (index-friendly range, not LIKE)."""
    if not scope:
        return column.is_null(False) | column.is_null()
    if len(scope) >= 12:
        return column == scope
    if scope.isdigit() and scope.strip("9"):
        following = str(int(scope) + 1).zfill(len(scope))  # digit strings sort alike in every collation
        return (column >= scope) & (column < following)
    return column.startswith(scope)


def scope_condition(tbl: Table, scope: str) -> pw.Expression | None:
    """Rows of ``tbl`` within ``scope``; None for reference tables (no scope)."""
    model = tbl.model
    if tbl.entity in REFERENCE_TABLES:
        return None
    if tbl.entity in PARENTS:
        cond = None
        for name in PARENTS[tbl.entity]:
            parent = table(name)
            sub = parent.model.select(parent.model.id).where(scope_condition(parent, scope))
            part = getattr(model, name).in_(sub)
            cond = part if cond is None else cond | part
        return cond
    if tbl.entity == "user":
        return code_in(model.scope_code, scope) & model.scope_code.is_null(False)
    if model.village_code.null:
        return code_in(model.village_code, scope) | (model.village_code.is_null() & code_in(model.township_code, scope))
    return code_in(model.village_code, scope)


def record_code(entity: str, record: dict) -> str:
    """The division code a record (encoded) belongs to, for tables with scope columns."""
    if entity == "user":
        return record.get("scope_code") or ""
    return record.get("village_code") or record.get("township_code") or record.get("county_code") or ""


def within(code: str, scope: str) -> bool:
    return bool(code) and code.startswith(scope) if scope else True


class MissingReference(Exception):
    """A record points to a uid this database does not have (internal: merge turns it into a skip)."""

    def __init__(self, column: str, uid: str):
        super().__init__(f"{column} → {uid}")
        self.column = column
        self.uid = uid


# --------------------------------------------------------------------------- raw row access
# Packages move tens of thousands of rows; building a Peewee query or model object per row costs
# more than the rest of the work together, so rows are read and written through the DB-API cursor.
# Values keep their stored text form (SQLite keeps dates and times as ISO text).
def fetch(query) -> list[tuple]:
    return database.execute(query).fetchall()


def fetch_in(query, field: pw.Field, values) -> list[tuple]:
    """``query`` (one table, no ordering) limited to rows whose ``field`` is among ``values``,
    in chunks; the SQL is built once rather than a Peewee expression per value."""
    sql, params = query.sql()
    glue = " AND " if " WHERE " in sql else " WHERE "
    param = database.obj.param
    out = []
    for part in chunks(values):
        placeholders = ", ".join([param] * len(part))
        out.extend(database.execute_sql(f'{sql}{glue}"{field.column_name}" IN ({placeholders})',
                                        [*params, *part]).fetchall())
    return out


def execute_many(sql: str, rows: list[tuple]) -> None:
    """``sql`` with ``?`` placeholders, run for every row (placeholders adapted to the database)."""
    dialect.execute_many(sql, rows)


def insert_sql(model, columns: list[str], conflict: list[str] | None = None) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{model._meta.table_name}" ({cols}) VALUES ({", ".join("?" for _ in columns)})'
    if conflict:
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in conflict)
        sql += f' ON CONFLICT ({", ".join(conflict)}) DO UPDATE SET {updates}'
    return sql


# --------------------------------------------------------------------------- uids
class UidMap:
    """Local integer id ↔ uid for each model, looked up in bulk and cached."""

    def __init__(self):
        self._uid: dict[type, dict[int, str]] = defaultdict(dict)
        self._id: dict[type, dict[str, int]] = defaultdict(dict)

    def add(self, model, id_: int, uid: str) -> None:
        self._uid[model][id_] = uid
        self._id[model][uid] = id_

    def forget(self, model, uid: str) -> None:
        id_ = self._id[model].pop(uid, None)
        if id_ is not None:
            self._uid[model].pop(id_, None)

    def uids(self, model, ids) -> dict[int, str]:
        known = self._uid[model]
        missing = {i for i in ids if i is not None and i not in known}
        for id_, uid in fetch_in(model.select(model.id, model.uid), model.id, missing):
            self.add(model, id_, uid)
        return known

    def ids(self, model, uids) -> dict[str, int]:
        known = self._id[model]
        missing = {u for u in uids if u is not None and u not in known}
        for id_, uid in fetch_in(model.select(model.id, model.uid), model.uid, missing):
            self.add(model, id_, uid)
        return known


def _bool(value):
    return None if value is None else bool(value)


def _date(value):
    return value if value is None or isinstance(value, str) else value.isoformat()


def _datetime(value):
    if value is None:
        return None
    if isinstance(value, str):
        return value[:19] if len(value) > 19 else value
    return encode_value(value)


def _converter(field: pw.Field):
    if isinstance(field, pw.BooleanField):
        return _bool
    if isinstance(field, pw.DateTimeField):
        return _datetime
    if isinstance(field, pw.DateField):
        return _date
    return None


def select_rows(tbl: Table, where) -> list[tuple]:
    """(id, *values in column order) of the rows matching ``where``, as stored."""
    return fetch(tbl.model.select(tbl.model.id, *(c.field for c in tbl.columns)).where(where))


def encode_rows(tbl: Table, rows: list[tuple], uids: UidMap) -> list[tuple[int, dict]]:
    """Rows from ``select_rows`` as (local id, encoded record) pairs."""
    names = [c.name for c in tbl.columns]
    steps = []
    for pos, col in enumerate(tbl.columns, start=1):
        if col.ref is not None:
            mapping = uids.uids(col.ref, {r[pos] for r in rows})
            steps.append((pos, mapping.get))
        else:
            conv = _converter(col.field)
            if conv is not None:
                steps.append((pos, conv))
    uid_at = names.index("uid") + 1
    out = []
    add = uids.add
    model = tbl.model
    for row in rows:
        if steps:
            row = list(row)
            for pos, conv in steps:
                value = row[pos]
                if value is not None:
                    row[pos] = conv(value)
        add(model, row[0], row[uid_at])
        out.append((row[0], dict(zip(names, row[1:]))))
    return out


def local_records(tbl: Table, uid_list, uids: UidMap) -> dict[str, tuple[int, dict]]:
    """The local rows with these uids, encoded, by uid."""
    query = tbl.model.select(tbl.model.id, *(c.field for c in tbl.columns))
    rows = fetch_in(query, tbl.model.uid, list(uid_list))
    return {rec["uid"]: (id_, rec) for id_, rec in encode_rows(tbl, rows, uids)}


def insert_rows(tbl: Table, records: list[dict], uids: UidMap) -> list[dict]:
    """Insert encoded records (foreign keys resolved through ``uids``); returns those skipped for
    a missing reference, each with the ``MissingReference`` under ``"_missing"``."""
    names = {c.name for c in tbl.columns}
    local_only = [f for f in tbl.model._meta.sorted_fields if f.name != "id" and f.name not in names]
    columns = [c.field.column_name for c in tbl.columns] + [f.column_name for f in local_only]
    rows, skipped = [], []
    fk_ids = {col.name: uids.ids(col.ref, {rec.get(col.name) for rec in records}) for col in tbl.foreign_keys}
    for rec in records:
        row = []
        try:
            for col in tbl.columns:
                value = rec.get(col.name)
                if value is None:
                    row.append(None)
                elif col.ref is not None:
                    id_ = fk_ids[col.name].get(value)
                    if id_ is None:
                        raise MissingReference(col.name, value)
                    row.append(id_)
                elif isinstance(col.field, pw.BooleanField):
                    row.append(bool(value))
                else:
                    row.append(value)
        except MissingReference as exc:
            skipped.append({**rec, "_missing": exc})
            continue
        for f in local_only:
            value = f.default() if callable(f.default) else f.default
            row.append(encode_value(value))
        rows.append(tuple(row))
    execute_many(insert_sql(tbl.model, columns), rows)
    return skipped


# --------------------------------------------------------------------------- reference data
def refdata_records(county_code: str) -> dict[str, list[tuple[str, dict]]]:
    """Code tables, the county's divisions and the shared settings, as (key, record) pairs."""
    codes = [(f"code:{c.table}:{c.code}", {"table": c.table, "code": c.code, "name": c.name, "parent": c.parent,
                                             "extra": c.extra, "sort": c.sort})
             for c in CodeItem.select().order_by(CodeItem.table, CodeItem.sort)]
    divisions = [(f"division:{d.code}", {"code": d.code, "name": d.name, "level": d.level, "parent": d.parent,
                                         "county_code": d.county_code, "kind": d.kind, "example": d.example})
                 for d in Division.select().where(Division.county_code == county_code).order_by(Division.code)]
    shared = functools.reduce(operator.or_, [Setting.key.startswith(p) for p in SHARED_SETTING_PREFIXES])
    settings = [(f"setting:{s.key}", {"key": s.key, "value": s.value})
                for s in Setting.select().where(shared).order_by(Setting.key)]
    return {"code_item": codes, "division": divisions, "setting": settings}


# --------------------------------------------------------------------------- selection
@dataclass
class Outgoing:
    entity: str
    uid: str  # record uid, or the reference-data key
    record: dict
    line: str
    hash: str


@dataclass
class Selection:
    records: dict[str, list[Outgoing]] = field(default_factory=lambda: defaultdict(list))
    references: dict[str, list[Outgoing]] = field(default_factory=lambda: defaultdict(list))
    refdata: dict[str, list[Outgoing]] = field(default_factory=lambda: defaultdict(list))

    def all(self):
        for group in (self.records, self.references, self.refdata):
            for items in group.values():
                yield from items

    @property
    def record_count(self) -> int:
        return sum(len(v) for v in self.records.values())

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.records.items() if v}

    def reference_counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.references.items() if v}

    def refdata_counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.refdata.items() if v}

    @property
    def tombstones(self) -> int:
        return sum(1 for items in self.records.values() for o in items if o.record.get("deleted_at"))

    def time_range(self) -> tuple[str | None, str | None]:
        stamps = [o.record["updated_at"] for items in self.records.values() for o in items
                  if o.record.get("updated_at")]
        return (min(stamps), max(stamps)) if stamps else (None, None)

    def attachment_hashes(self) -> set[str]:
        files = (*self.records.get("attachment", ()), *self.references.get("attachment", ()))
        return {o.record["sha256"] for o in files if not o.record.get("deleted_at") and o.record.get("sha256")}


def _outgoing(entity: str, rec: dict, receiver_scope: str, key: str | None = None) -> Outgoing:
    rec = strip_for(entity, rec, receiver_scope)
    line = canonical(rec)
    return Outgoing(entity=entity, uid=key or rec["uid"], record=rec, line=line, hash=record_hash(line))


def select(me: Station, peer: ExchangePeer, scope: str, *, full: bool,
           on_progress=lambda done, total: None, is_cancelled=lambda: False) -> Selection:
    """What to send to ``peer``: the records within ``scope`` that differ from their base."""
    base: dict[str, tuple[str, str]] = {
        uid: (entity, h) for uid, entity, h in
        fetch(ExchangeBase.select(ExchangeBase.uid, ExchangeBase.entity, ExchangeBase.hash)
              .where(ExchangeBase.peer == peer.peer_id))}
    base_by_entity: dict[str, set[str]] = defaultdict(set)
    for uid, (entity, _h) in base.items():
        base_by_entity[entity].add(uid)
    held = {u for (u,) in ExchangeConflict.select(ExchangeConflict.record_uid).where(
        (ExchangeConflict.peer == peer.peer_id) & (ExchangeConflict.status == "open")).tuples()}
    sends_reference = me.kind == TOWNSHIP
    uids = UidMap()
    selection = Selection()
    chosen: set[str] = set()
    all_tables = tables()
    total = len(all_tables) + 2
    for n, tbl in enumerate(all_tables):
        if is_cancelled():
            raise Cancelled()
        on_progress(n, total)
        cond = scope_condition(tbl, scope)
        if cond is None and not sends_reference:
            continue
        rows = select_rows(tbl, cond if cond is not None else pw.SQL("1 = 1"))
        seen = {r[1 + _uid_pos(tbl)] for r in rows}
        moved = base_by_entity.get(tbl.entity, set()) - seen
        rows.extend(fetch_in(tbl.model.select(tbl.model.id, *(c.field for c in tbl.columns)), tbl.model.uid, moved))
        for _id, rec in encode_rows(tbl, rows, uids):
            if rec["uid"] in held:
                continue
            out = _outgoing(tbl.entity, rec, peer.scope_code)
            known = base.get(out.uid)
            if full or known is None or known[1] != out.hash:
                selection.records[tbl.entity].append(out)
                chosen.add(out.uid)
    _add_references(selection, chosen, base, peer, uids)
    on_progress(len(all_tables), total)
    if sends_reference:
        for kind, items in refdata_records(peer.scope_code[:6]).items():
            for key, rec in items:
                out = _outgoing(kind, rec, peer.scope_code, key=key)
                known = base.get(key)
                if full or known is None or known[1] != out.hash:
                    selection.refdata[kind].append(out)
    on_progress(total - 1, total)
    return selection


def _uid_pos(tbl: Table) -> int:
    return next(i for i, c in enumerate(tbl.columns) if c.name == "uid")


def _add_references(selection: Selection, chosen: set[str], base: dict, peer: ExchangePeer, uids: UidMap) -> None:
    """Add the records the chosen ones point to that the peer lacks (walking back the dependency order)."""
    for tbl in reversed(tables()):
        wanted: set[str] = set()
        for group in (selection.records, selection.references):
            for entity, items in group.items():
                for col in table(entity).foreign_keys:
                    if col.ref is not tbl.model:
                        continue
                    for out in items:
                        ref_uid = out.record.get(col.name)
                        if ref_uid and ref_uid not in chosen and ref_uid not in base:
                            wanted.add(ref_uid)
        for uid, (_id, rec) in local_records(tbl, wanted, uids).items():
            out = _outgoing(tbl.entity, rec, peer.scope_code)
            selection.references[tbl.entity].append(out)
            chosen.add(uid)


# --------------------------------------------------------------------------- bookkeeping
def remember_sent(peer_id: str, seq: int, stamp: int, selection: Selection) -> None:
    """Keep what was sent until the peer acknowledges it."""
    execute_many(insert_sql(ExchangeSent, ["peer", "seq", "uid", "entity", "hash", "data", "stamp"]),
                 [(peer_id, seq, o.uid, o.entity, o.hash, o.line, stamp) for o in selection.all()])


def parts(selection: Selection) -> list[tuple[str, bytes]]:
    """The record files of a package, in dependency order."""
    out = []
    for prefix, group in (("records", selection.records), ("refs", selection.references),
                          ("refdata", selection.refdata)):
        for entity, items in group.items():
            if items:
                out.append((f"{prefix}/{entity}.jsonl", jsonl([o.line for o in items])))
    return out


def describe_counts(counts: dict[str, int]) -> str:
    return "，".join(f"{ENTITY_LABELS.get(k, k)} {v}" for k, v in counts.items() if v) or "无变更"


def decode_row(tbl: Table, rec: dict, uids: UidMap, *, with_uid: bool = True) -> dict:
    """An encoded record as {field name: Python value} for an insert or update (foreign keys as
    local ids, which ``uids`` must already know: call ``uids.ids`` for the batch first)."""
    out = {}
    for col in tbl.columns:
        if col.name not in rec or (col.name == "uid" and not with_uid):
            continue
        value = rec[col.name]
        if col.ref is not None:
            if value is None:
                out[col.field.name] = None
                continue
            id_ = uids.ids(col.ref, (value,)).get(value)
            if id_ is None:
                raise MissingReference(col.name, value)
            out[col.field.name] = id_
        else:
            out[col.field.name] = decode_value(col.field, value)
    return out

"""Reading a package into this database: verify, check the order, merge by uid, acknowledge.

``verify()`` refuses a foreign, unknown, tampered or truncated package before anything is written.
``apply()`` runs inside the caller's transaction and, table by table in dependency order, decides
for each incoming record:

- new here → inserted (after the natural-key rules below);
- same content as here → nothing to do;
- unchanged here since the base → the incoming version replaces it;
- unchanged there since the base → this side's version stays (and goes back in the next package);
- changed on both sides → the 3-way field merge of ``conflicts``; overlapping changes become a
  conflict that keeps both versions.

Scope. A township takes from a station only records within that station's scope (for a record it
holds outside that scope, its own version stands and goes back). A station takes the township's
records within its own scope, plus any record it already holds (the township is the authority: it
may move a household away, reassign a grid, rename one of its users). References — records a
package carries only because others point to them — are inserted when missing, never overwrite.

Natural keys. Records created independently on two sides can share a key that must stay unique:

- event numbers: the township keeps the station's event and gives it the next free number of the
  township (the new number goes back to the station); a station gives way the same way to the
  township's number. Numbering sequences move past every number seen, so they stop colliding;
- visit rules and checklist items (seeded on every database): a station adopts the township's uid;
- other keys (a login, a grid code, a 户号, an ID number): a record never exchanged before adopts
  the incoming uid, and the two versions are merged as above; otherwise the package is refused
  with the record named, so a person can remove the duplicate first.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field

import peewee as pw

from gridapp.errors import Cancelled, ValidationError
from gridapp.exchange import TOWNSHIP, Station, conflicts
from gridapp.exchange.export import (
    PARENTS, REFERENCE_TABLES, MissingReference, UidMap, chunks, decode_row, execute_many, fetch, fetch_in,
    insert_rows, insert_sql, local_records, record_code, within,
)
from gridapp.exchange.package import Package, Table, canonical, record_hash, strip_for, table, tables
from gridapp.models import (
    CodeItem, Division, Event, EventSequence, ExchangeBase, ExchangePeer, ExchangeSent, Setting, now,
)

# (fields, live records only)
NATURAL_KEYS = {
    "user": (("login",), False),
    "grid": (("code",), False),
    "household": (("village_code", "number"), True),
    "person": (("id_number",), True),
    "event": (("number",), False),
    "visit_rule": (("target", "attention"), False),
    "checklist_item": (("place_category", "text"), True),
}
KEY_LABELS = {"login": "登录名", "code": "网格编码", "number": "编号", "id_number": "公民身份号码",
              "village_code": "村(社区)", "target": "对象", "attention": "关注程度", "place_category": "场所类别",
              "text": "检查项"}
EVENT_NUMBER = re.compile(r"^(\d{9})-(\d{4})-(\d{5,})$")


@dataclass
class MergeReport:
    inserted: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    merged: Counter = field(default_factory=Counter)
    unchanged: int = 0
    kept_local: int = 0  # changed only here: this side's version stays and goes back
    conflicts: int = 0  # new conflicts
    conflicts_refreshed: int = 0  # records already in conflict, the peer's version updated
    ignored: int = 0  # outside the scope, already here: this side's version stays
    skipped: list = field(default_factory=list)  # (entity, uid, reason)
    resend: set = field(default_factory=set)  # skipped uids the sender should send again
    renumbered: list = field(default_factory=list)  # (old number, new number)
    adopted: int = 0
    references: int = 0
    refdata: int = 0
    attachments: int = 0
    acknowledged: int | None = None  # our package number the peer confirmed

    def counts(self) -> dict:
        return {"inserted": dict(self.inserted), "updated": dict(self.updated), "merged": dict(self.merged),
                "unchanged": self.unchanged, "kept_local": self.kept_local, "conflicts": self.conflicts,
                "conflicts_refreshed": self.conflicts_refreshed, "ignored": self.ignored,
                "skipped": len(self.skipped), "renumbered": len(self.renumbered), "adopted": self.adopted,
                "references": self.references, "refdata": self.refdata, "attachments": self.attachments}


# --------------------------------------------------------------------------- verification and order
def verify(path, me: Station, secret_of) -> tuple[Package, ExchangePeer]:
    """Open a package or acknowledgement and prove it: addressed to us, from a known peer, signed
    with that pair's secret, every part intact. Nothing is written."""
    pkg = Package(path)
    sender = pkg.sender_id
    sender_name = (pkg.manifest.get("sender") or {}).get("name") or sender
    if pkg.receiver_id != me.station_id:
        raise ValidationError(
            f"此交换包是发给“{pkg.receiver_id or '未知'}”的，本机是“{me.station_id}”（{me.name}），不能导入",
            field="file")
    peer = ExchangePeer.get_or_none(ExchangePeer.peer_id == sender)
    if peer is None:
        raise ValidationError(
            f"交换包来自未登记的站点“{sender_name}”（编号 {sender or '未知'}）。请先在交换设置中登记该站点及其交换密钥",
            field="file")
    pkg.verify(secret_of(peer))
    if pkg.kind not in ("package", "ack"):
        raise ValidationError(f"无法识别的交换文件类型：{pkg.kind}", field="file")
    return pkg, peer


def check_order(pkg: Package, peer: ExchangePeer) -> bool:
    """True if the package was imported already (or superseded by a later one). Refuses a package
    that builds on one not imported here, naming the missing number."""
    seq = int(pkg.manifest.get("seq") or 0)
    since = int(pkg.manifest.get("since") or 0)
    if seq <= peer.in_seq:
        return True
    if since > peer.in_seq:
        missing = peer.in_seq + 1
        raise ValidationError(
            f"交换包顺序不对：缺少来自“{peer.name}”的第 {missing} 号交换包（本包为第 {seq} 号，"
            f"接续第 {since} 号）。请先导入第 {missing} 号交换包，或请对方完整导出（--full）后再导入",
            field="file")
    return False


# --------------------------------------------------------------------------- acknowledgements
_BASE_SQL = insert_sql(ExchangeBase, ["peer", "uid", "entity", "hash", "data", "stamp"], conflict=["peer", "uid"])


def set_base(peer_id: str, rows: list[dict]) -> None:
    """Upsert base rows ({uid, entity, hash, data, stamp}); the last row of a uid wins."""
    latest = {r["uid"]: r for r in rows}
    execute_many(_BASE_SQL, [(peer_id, r["uid"], r["entity"], r["hash"], r["data"], r["stamp"])
                             for r in latest.values()])


def apply_ack(peer: ExchangePeer, ack: dict, *, in_package: bool = False) -> int | None:
    """The peer imported our packages up to ``ack['seq']``: what they carried becomes the base
    (except records it had to skip, and records received from the peer since). Returns the
    acknowledged number when it is new.

    An acknowledgement of a package this database does not remember writing means it was restored
    from a backup: inside a package, numbering moves past it so the peer never takes a new package
    for one it already has; a separate acknowledgement file like that is refused."""
    try:
        seq = int(ack.get("seq") or 0)
    except (TypeError, ValueError) as exc:
        raise ValidationError("确认回执内容无效", field="file") from exc
    if seq > peer.out_seq and in_package:
        peer.out_seq = peer.out_acked = seq
        peer.save(only=[ExchangePeer.out_seq, ExchangePeer.out_acked])
        return None
    if seq > peer.out_seq:
        raise ValidationError(
            f"确认回执的编号（第 {seq} 号）超出本机导出给“{peer.name}”的交换包（最后为第 {peer.out_seq} 号），回执无效",
            field="file")
    if seq <= peer.out_acked:
        return None
    skipped = set(ack.get("skipped") or ())
    sent = {}
    for uid, entity, h, data, stamp in fetch(
            ExchangeSent.select(ExchangeSent.uid, ExchangeSent.entity, ExchangeSent.hash, ExchangeSent.data,
                                ExchangeSent.stamp)
            .where((ExchangeSent.peer == peer.peer_id) & (ExchangeSent.seq <= seq))
            .order_by(ExchangeSent.seq, ExchangeSent.id)):
        if uid not in skipped:
            sent[uid] = {"uid": uid, "entity": entity, "hash": h, "data": data, "stamp": stamp}
    stamps = dict(fetch(ExchangeBase.select(ExchangeBase.uid, ExchangeBase.stamp)
                        .where(ExchangeBase.peer == peer.peer_id)))
    set_base(peer.peer_id, [r for r in sent.values() if stamps.get(r["uid"], -1) < r["stamp"]])
    ExchangeSent.delete().where((ExchangeSent.peer == peer.peer_id) & (ExchangeSent.seq <= seq)).execute()
    peer.out_acked = seq
    peer.save(only=[ExchangePeer.out_acked])
    return seq


# --------------------------------------------------------------------------- merging
class _Merger:
    def __init__(self, pkg: Package, peer: ExchangePeer, me: Station, scope: str, login: str, stamp: int):
        self.pkg, self.peer, self.me, self.scope, self.login, self.stamp = pkg, peer, me, scope, login, stamp
        self.authority = peer.kind == TOWNSHIP  # the township's records win at a station
        self.report = MergeReport()
        self.uids = UidMap()
        self.codes: dict[str, str] = {}  # uid → division code, for the children of processed records
        self.base_rows: list[dict] = []
        self.numbers_taken: set[str] = set()

    # ------------------------------------------------------------------ scope
    def code_of(self, tbl: Table, rec: dict) -> str:
        parents = PARENTS.get(tbl.entity)
        if not parents:
            return record_code(tbl.entity, rec)
        for name in parents:
            puid = rec.get(name)
            if puid:
                return self._parent_code(table(name), puid)
        return ""

    def _parent_code(self, parent: Table, uid: str) -> str:
        if uid not in self.codes:
            found = local_records(parent, [uid], self.uids).get(uid)
            self.codes[uid] = self.code_of(parent, found[1]) if found else ""
        return self.codes[uid]

    def allowed(self, tbl: Table, rec: dict, existing: dict | None) -> bool:
        if tbl.entity in REFERENCE_TABLES:
            return self.authority
        incoming_ok = within(self.code_of(tbl, rec), self.scope)
        if self.authority:  # the township's copy of anything the station holds wins
            return incoming_ok or existing is not None
        return incoming_ok and (existing is None or within(self.code_of(tbl, existing), self.scope))

    # ------------------------------------------------------------------ tables
    def table(self, tbl: Table) -> None:
        regular = self.pkg.entries(f"records/{tbl.entity}.jsonl")
        refs = self.pkg.entries(f"refs/{tbl.entity}.jsonl")
        if not regular and not refs:
            return
        if tbl.entity in REFERENCE_TABLES and not self.authority:
            self.report.ignored += len(regular)
            return
        incoming = [(rec, line, False) for line, rec in regular] + [(rec, line, True) for line, rec in refs]
        uid_list = [rec["uid"] for rec, _line, _ref in incoming]
        local = local_records(tbl, uid_list, self.uids)
        base = self._base(uid_list)
        held = conflicts.open_for(self.peer.peer_id, uid_list)
        for col in tbl.foreign_keys:
            self.uids.ids(col.ref, {rec.get(col.name) for rec, _line, _ref in incoming})
        twins = self._twins(tbl, [rec for rec, _line, _ref in incoming if rec["uid"] not in local])
        inserts: list[tuple[dict, dict, bool]] = []  # (record, its base row, is a reference)
        for rec, line, is_ref in incoming:
            uid = rec["uid"]
            h = record_hash(line)
            existing = local.get(uid)
            if is_ref:
                if existing is None and self._adopt(tbl, rec, twins) is None:
                    self._queue(tbl, rec, self._base_row(tbl, uid, h, line), twins, inserts, is_ref=True)
                continue
            if not self.allowed(tbl, rec, existing[1] if existing else None):
                if existing is not None:
                    self.report.ignored += 1
                    self.base_rows.append(self._base_row(tbl, uid, h, line))
                else:
                    self.report.skipped.append((tbl.entity, uid, "不在该站点的管辖范围内"))
                continue
            if existing is None:
                adopted = self._adopt(tbl, rec, twins)
                if adopted is None:
                    self._queue(tbl, rec, self._base_row(tbl, uid, h, line), twins, inserts, is_ref=False)
                    continue
                existing = adopted
            self._merge(tbl, rec, line, h, existing, base.get(uid), held.get(uid))
        self._flush(tbl, inserts)

    def _merge(self, tbl: Table, rec: dict, line: str, h: str, existing: tuple[int, dict],
               base: tuple[str, str] | None, conflict) -> None:
        id_, lrec = existing
        uid = rec["uid"]
        lrec = strip_for(tbl.entity, lrec, self.me.scope_code)
        lh = record_hash(canonical(lrec))
        self.codes[uid] = self.code_of(tbl, lrec)
        if lh == h:
            self.report.unchanged += 1
        elif conflict is not None:
            conflicts.refresh_remote(conflict, rec)
            self.report.conflicts_refreshed += 1
        elif (base is not None and base[0] == lh) or (self.authority and tbl.entity in REFERENCE_TABLES):
            if not self._update(tbl, id_, lrec, rec):
                return
            self.report.updated[tbl.entity] += 1
        elif base is not None and base[0] == h:
            self.report.kept_local += 1
        else:
            shared = json.loads(base[1]) if base else None
            outcome = conflicts.three_way(shared, lrec, rec)
            if outcome.conflicting:
                conflicts.record(self.peer.peer_id, tbl.entity, lrec, rec, shared, outcome.conflicting,
                                 self.code_of(tbl, lrec))
                self.report.conflicts += 1
            else:
                if not self._update(tbl, id_, lrec, outcome.record):
                    return
                self.report.merged[tbl.entity] += 1
        self.base_rows.append(self._base_row(tbl, uid, h, line))

    def _update(self, tbl: Table, id_: int, lrec: dict, rec: dict) -> bool:
        if tbl.entity == "event" and rec.get("number") != lrec.get("number"):
            rec = self._number_for_update(rec, id_)
        try:
            values = decode_row(tbl, rec, self.uids, with_uid=False)
        except MissingReference as exc:
            self._skip(tbl, rec, exc)
            return False
        tbl.model.update(values).where(tbl.model.id == id_).execute()
        self.codes[rec["uid"]] = self.code_of(tbl, rec)
        return True

    def _queue(self, tbl: Table, rec: dict, base_row: dict, twins: dict, inserts: list, *, is_ref: bool) -> None:
        """A new record, inserted with the rest of its table by ``_flush``."""
        if tbl.entity == "event":
            rec = self._number_for_insert(rec, twins)
        inserts.append((rec, base_row, is_ref))

    def _skip(self, tbl: Table, rec: dict, exc: MissingReference) -> None:
        self.report.skipped.append((tbl.entity, rec["uid"], f"引用的记录（{exc.column}）在本机不存在"))
        self.report.resend.add(rec["uid"])

    def _flush(self, tbl: Table, inserts: list[tuple[dict, dict, bool]]) -> None:
        missing = {r["uid"]: r["_missing"] for r in insert_rows(tbl, [rec for rec, _b, _r in inserts], self.uids)}
        for rec, base_row, is_ref in inserts:
            if rec["uid"] in missing:
                self._skip(tbl, rec, missing[rec["uid"]])
                continue
            self.base_rows.append(base_row)
            self.codes[rec["uid"]] = self.code_of(tbl, rec)
            if is_ref:
                self.report.references += 1
            else:
                self.report.inserted[tbl.entity] += 1
        self.uids.ids(tbl.model, [rec["uid"] for rec, _b, _r in inserts if rec["uid"] not in missing])

    def _base(self, uid_list) -> dict[str, tuple[str, str]]:
        query = ExchangeBase.select(ExchangeBase.uid, ExchangeBase.hash, ExchangeBase.data).where(
            ExchangeBase.peer == self.peer.peer_id)
        return {uid: (h, data) for uid, h, data in fetch_in(query, ExchangeBase.uid, uid_list)}

    def _base_row(self, tbl: Table, uid: str, h: str, line: str) -> dict:
        return {"uid": uid, "entity": tbl.entity, "hash": h, "data": line, "stamp": self.stamp}

    # ------------------------------------------------------------------ natural keys
    def _key(self, tbl: Table, rec: dict) -> tuple | None:
        spec = NATURAL_KEYS.get(tbl.entity)
        if spec is None:
            return None
        fields, live_only = spec
        if live_only and rec.get("deleted_at"):
            return None
        key = tuple(rec.get(f) for f in fields)
        return None if any(v is None for v in key) or key[0] == "" else key

    def _twins(self, tbl: Table, new: list[dict]) -> dict[tuple, tuple[int, str]]:
        """Local records holding the natural keys of the new records: key → (id, uid)."""
        spec = NATURAL_KEYS.get(tbl.entity)
        if spec is None:
            return {}
        fields, live_only = spec
        keys = {k for k in (self._key(tbl, rec) for rec in new) if k is not None}
        out = {}
        model = tbl.model
        first = getattr(model, fields[0])
        for part in chunks({k[0] for k in keys}):
            where = first.in_(part)
            if live_only:
                where &= model.deleted_at.is_null()
            for row in model.select(model.id, model.uid, *(getattr(model, f) for f in fields)).where(where).tuples():
                key = tuple(row[2:])
                if key in keys:
                    out[key] = (row[0], row[1])
        return out

    def _adopt(self, tbl: Table, rec: dict, twins: dict) -> tuple[int, dict] | None:
        """A local twin (same natural key, another uid) that becomes this record, or None."""
        key = self._key(tbl, rec)
        twin = twins.get(key) if key is not None else None
        if twin is None or tbl.entity == "event":
            return None
        id_, twin_uid = twin
        exchanged = (ExchangeBase.select().where(ExchangeBase.uid == twin_uid).exists()
                     or ExchangeSent.select().where(ExchangeSent.uid == twin_uid).exists())
        if exchanged and not (self.authority and tbl.entity in REFERENCE_TABLES):
            fields = NATURAL_KEYS[tbl.entity][0]
            described = "，".join(f"{KEY_LABELS.get(f, f)} {v}" for f, v in zip(fields, key))
            raise ValidationError(
                f"交换包中的{tbl.label}“{conflicts.label_of(tbl.entity, rec)}”与本机另一条已交换过的记录重复"
                f"（{described}），无法自动合并。请核对后删除或修改其中一条，再重新导入", field="file")
        tbl.model.update(uid=rec["uid"]).where(tbl.model.id == id_).execute()
        self.uids.forget(tbl.model, twin_uid)
        self.uids.add(tbl.model, id_, rec["uid"])
        del twins[key]
        self.report.adopted += 1
        return local_records(tbl, [rec["uid"]], self.uids)[rec["uid"]]

    def _number_for_insert(self, rec: dict, twins: dict) -> dict:
        number = rec.get("number")
        twin = twins.get((number,))
        if twin is None and number not in self.numbers_taken:
            self.numbers_taken.add(number)
            return rec
        return self._give_way(rec, twin[0] if twin else None)

    def _number_for_update(self, rec: dict, id_: int) -> dict:
        number = rec.get("number")
        clash = Event.get_or_none((Event.number == number) & (Event.id != id_))
        if clash is None:
            return rec
        return self._give_way(rec, clash.id)

    def _give_way(self, rec: dict, local_id: int | None) -> dict:
        """Two events share a number. At the township the incoming event takes the next free number;
        at a station its own event does, and the township's number stands."""
        number = rec["number"]
        if self.me.kind == TOWNSHIP or local_id is None:
            new = self._next_number(number)
            self.report.renumbered.append((number, new))
            return {**rec, "number": new}
        local = Event.get_by_id(local_id)
        new = self._next_number(number)
        Event.update(number=new, version=Event.version + 1, updated_at=now(), updated_by=self.login).where(
            Event.id == local_id).execute()
        self.report.renumbered.append((local.number, new))
        self.numbers_taken.add(number)
        return rec

    def _next_number(self, number: str) -> str:
        m = EVENT_NUMBER.match(number or "")
        township, year = (m.group(1), int(m.group(2))) if m else (self.me.scope_code[:9], now().year)
        prefix = f"{township}-{year}-"
        highest = Event.select(pw.fn.MAX(Event.number)).where(Event.number.startswith(prefix)).scalar()
        seq_row = EventSequence.get_or_none((EventSequence.township_code == township) & (EventSequence.year == year))
        last = max(seq_row.last if seq_row else 0, _seq_of(highest), *(_seq_of(n) for n in self.numbers_taken
                                                                        if n and n.startswith(prefix)))
        candidate = f"{prefix}{last + 1:05d}"
        self.numbers_taken.add(candidate)
        bump_sequence(township, year, last + 1)
        return candidate

    # ------------------------------------------------------------------ reference data, files
    def refdata(self) -> None:
        if not self.authority:
            return
        for rec in self.pkg.refdata("code_item"):
            (CodeItem.insert(**rec).on_conflict(
                conflict_target=[CodeItem.table, CodeItem.code],
                preserve=[CodeItem.name, CodeItem.parent, CodeItem.extra, CodeItem.sort]).execute())
            self.report.refdata += 1
        for rec in self.pkg.refdata("division"):
            (Division.insert(**rec).on_conflict(conflict_target=[Division.code], preserve=[
                Division.name, Division.level, Division.parent, Division.county_code, Division.kind, Division.example])
             .execute())
            self.report.refdata += 1
        for rec in self.pkg.refdata("setting"):
            Setting.insert(**rec).on_conflict(conflict_target=[Setting.key], preserve=[Setting.value]).execute()
            self.report.refdata += 1
        if self.report.refdata:
            from gridapp import refdata

            refdata._clear_codes()

    def attachments(self, is_cancelled) -> None:
        from gridapp.services import attachments as store

        for sha in self.pkg.attachment_hashes():
            if is_cancelled():
                raise Cancelled()
            target = store.path_for(sha)
            if target.is_file():
                continue
            data = self.pkg.read_attachment(sha)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, target)
            except OSError as exc:
                raise ValidationError(f"无法保存交换包中的附件：{exc.strerror or exc}", field="file") from exc
            self.report.attachments += 1

    def sequences(self) -> None:
        """Move every event numbering sequence past the numbers this package brought."""
        highest: dict[tuple[str, int], int] = {}
        for rec in self.pkg.records("event") + self.pkg.references("event"):
            m = EVENT_NUMBER.match(rec.get("number") or "")
            if m:
                key = (m.group(1), int(m.group(2)))
                highest[key] = max(highest.get(key, 0), int(m.group(3)))
        for (township, year), last in highest.items():
            bump_sequence(township, year, last)


def bump_sequence(township: str, year: int, last: int) -> None:
    row = EventSequence.get_or_none((EventSequence.township_code == township) & (EventSequence.year == year))
    if row is None:
        EventSequence.insert(township_code=township, year=year, last=last).execute()
    elif row.last < last:
        EventSequence.update(last=last).where((EventSequence.township_code == township)
                                              & (EventSequence.year == year)).execute()


def _seq_of(number: str | None) -> int:
    m = EVENT_NUMBER.match(number or "")
    return int(m.group(3)) if m else 0


def apply(pkg: Package, peer: ExchangePeer, me: Station, scope: str, login: str, stamp: int,
          on_progress=lambda done, total: None, is_cancelled=lambda: False) -> MergeReport:
    """Merge a verified package (call inside one transaction). Updates the peer's counters."""
    merger = _Merger(pkg, peer, me, scope, login, stamp)
    ack = pkg.manifest.get("ack")
    if ack:
        merger.report.acknowledged = apply_ack(peer, ack, in_package=True)
    all_tables = tables()
    total = len(all_tables) + 2
    for n, tbl in enumerate(all_tables):
        if is_cancelled():
            raise Cancelled()
        on_progress(n, total)
        merger.table(tbl)
    merger.refdata()
    merger.sequences()
    merger.attachments(is_cancelled)
    set_base(peer.peer_id, merger.base_rows)
    peer.in_seq = int(pkg.manifest["seq"])
    peer.in_skipped = json.dumps(sorted(merger.report.resend)) if merger.report.resend else None
    peer.save(only=[ExchangePeer.in_seq, ExchangePeer.in_skipped])
    on_progress(total, total)
    return merger.report

"""Exchange packages between a village station and its township: the use cases (issue 8).

Setup. Each database has an identity (``station.id``, ``station.name``, and ``station.village``
for a station or only ``station.township`` for a township centre) and a list of peers. A station
has one peer, its township; a township has one peer per station. Each station has an exchange
secret (``exchange.secret``, at least 16 characters) that the township registers with the station:
every package and acknowledgement between the two is signed with it.

Daily use. ``export_package`` writes the changes the receiver has not acknowledged yet;
``import_package`` verifies a package (or an acknowledgement), merges it and can write the
acknowledgement to carry back; packages also carry the acknowledgement of the last package
received, so a lost acknowledgement file costs nothing. Records both sides changed in the same
fields become conflicts, listed by ``list_conflicts`` and settled by ``resolve_conflict``.

Every function takes the acting user first, checks role and scope, writes in one transaction with
an audit row, and returns frozen dataclasses.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from gridapp import migrations, refdata
from gridapp.db import write_transaction
from gridapp.errors import NotFoundError, PermissionDenied, ValidationError
from gridapp.exchange import (
    SETTING_ID, SETTING_NAME, SETTING_SECRET, SETTING_TOWNSHIP, SETTING_VILLAGE, STATION, TOWNSHIP, Station,
    conflicts, export, merge, narrower,
)
from gridapp.exchange.conflicts import ConflictField, ConflictRow
from gridapp.exchange.package import (
    ACK_SUFFIX, ENTITY_LABELS, FORMAT, FORMAT_VERSION, SUFFIX, PackageWriter,
)
from gridapp.models import Division, ExchangeConflict, ExchangeLog, ExchangePeer, Setting, now
from gridapp.services import attachments as store
from gridapp.services import audit
from gridapp.services.actor import SYSADMIN, Actor, VILLAGE_ADMIN, require_role
from gridapp.services.actor import TOWNSHIP as TOWNSHIP_ROLE
from gridapp.text import clean

__all__ = [
    "StationInfo", "PeerRow", "ExportResult", "ImportResult", "SkippedRecord", "LogRow", "ConflictRow",
    "ConflictField", "new_secret", "station", "setup_station", "register_peer", "list_peers",
    "suggested_filename", "export_package", "import_package", "write_acknowledgement", "list_conflicts",
    "get_conflict", "resolve_conflict", "history", "SUFFIX", "ACK_SUFFIX",
]

EXCHANGE_ROLES = (VILLAGE_ADMIN, TOWNSHIP_ROLE, SYSADMIN)
SETUP_ROLES = (TOWNSHIP_ROLE, SYSADMIN)
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")
MIN_SECRET = 16


# --------------------------------------------------------------------------- rows
@dataclass(frozen=True)
class StationInfo:
    station_id: str
    name: str
    kind: str  # station | township
    scope_code: str
    scope_name: str
    has_secret: bool


@dataclass(frozen=True)
class PeerRow:
    peer_id: str
    name: str
    kind: str
    scope_code: str
    scope_name: str
    out_seq: int  # last package written for the peer
    out_acked: int  # last of those it acknowledged
    in_seq: int  # last package imported from it
    open_conflicts: int


@dataclass(frozen=True)
class ExportResult:
    path: str
    peer_id: str
    peer_name: str
    seq: int
    since: int  # the acknowledged package it builds on (0: a full package)
    full: bool
    counts: dict  # table → records
    records: int
    tombstones: int
    references: int
    refdata: int
    attachments: int
    missing_files: tuple[str, ...]  # attachment files not found in this station's store
    size: int
    time_from: str | None
    time_to: str | None

    @property
    def summary(self) -> str:
        what = export.describe_counts(self.counts)
        extra = []
        if self.tombstones:
            extra.append(f"其中删除 {self.tombstones}")
        if self.attachments:
            extra.append(f"附件文件 {self.attachments}")
        if self.refdata:
            extra.append(f"参考数据 {self.refdata}")
        tail = f"（{'，'.join(extra)}）" if extra else ""
        return f"已导出给“{self.peer_name}”的第 {self.seq} 号交换包：{what}{tail}"


@dataclass(frozen=True)
class SkippedRecord:
    entity: str
    entity_label: str
    uid: str
    reason: str


@dataclass(frozen=True)
class ImportResult:
    path: str
    kind: str  # package | ack
    peer_id: str
    peer_name: str
    seq: int  # the package number (for an acknowledgement: the number it confirms)
    duplicate: bool  # imported before: nothing changed
    inserted: dict
    updated: dict
    merged: dict
    unchanged: int
    kept_local: int
    conflicts: int
    conflicts_refreshed: int
    ignored: int
    skipped: tuple[SkippedRecord, ...]
    renumbered: tuple[tuple[str, str], ...]  # event numbers changed to keep them unique
    adopted: int
    references: int
    refdata: int
    attachments: int
    acknowledged: int | None  # our package number the peer confirmed with this file
    ack_seq: int  # what our acknowledgement confirms
    ack_path: str | None

    @property
    def summary(self) -> str:
        if self.kind == "ack":
            if self.acknowledged:
                return f"“{self.peer_name}”已确认收到第 {self.acknowledged} 号交换包"
            return f"“{self.peer_name}”的确认回执（第 {self.seq} 号）此前已处理，无需重复导入"
        if self.duplicate:
            return f"来自“{self.peer_name}”的第 {self.seq} 号交换包此前已导入，未做任何更改"
        parts = [f"新增 {sum(self.inserted.values())}", f"更新 {sum(self.updated.values())}"]
        if self.merged:
            parts.append(f"合并 {sum(self.merged.values())}")
        if self.conflicts or self.conflicts_refreshed:
            parts.append(f"冲突 {self.conflicts + self.conflicts_refreshed}（请在冲突处理中选择保留的版本）")
        if self.skipped:
            parts.append(f"未导入 {len(self.skipped)}")
        if self.renumbered:
            parts.append(f"事件重新编号 {len(self.renumbered)}")
        if self.attachments:
            parts.append(f"附件文件 {self.attachments}")
        return f"已导入来自“{self.peer_name}”的第 {self.seq} 号交换包：{'，'.join(parts)}"


@dataclass(frozen=True)
class LogRow:
    id: int
    peer_id: str
    direction: str  # export | import | ack
    seq: int
    at: object
    user: str | None
    file: str | None
    counts: dict


# --------------------------------------------------------------------------- identity and peers
def new_secret() -> str:
    """A fresh exchange secret to read out or copy to the township (32 characters)."""
    return secrets.token_urlsafe(24)


def _setting(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None and row.value not in (None, "") else None


def _me() -> Station:
    station_id = _setting(SETTING_ID)
    village, township = _setting(SETTING_VILLAGE), _setting(SETTING_TOWNSHIP)
    if not station_id or not (village or township):
        raise ValidationError("本机尚未设置站点身份（站点编号和所属村或乡镇），请先在交换设置中完成设置", field="station_id")
    kind, scope = (STATION, village) if village else (TOWNSHIP, township)
    return Station(station_id=station_id, name=_setting(SETTING_NAME) or station_id, kind=kind, scope_code=scope)


def _division_name(code: str | None) -> str:
    d = Division.get_or_none(Division.code == code) if code else None
    return d.name if d else (code or "")


def _info(me: Station) -> StationInfo:
    return StationInfo(station_id=me.station_id, name=me.name, kind=me.kind, scope_code=me.scope_code,
                       scope_name=_division_name(me.scope_code), has_secret=bool(_setting(SETTING_SECRET)))


def station(actor: Actor) -> StationInfo | None:
    """This database's exchange identity, or None before setup."""
    try:
        return _info(_me())
    except ValidationError:
        return None


def _check_id(value: str, field: str, what: str) -> str:
    value = clean(value)
    if not value:
        raise ValidationError(f"{what}不能为空", field=field)
    if not _ID_RE.match(value):
        raise ValidationError(f"{what}只能由字母、数字和 - _ . 组成，最多 32 位：{value[:40]}", field=field)
    return value


def _check_name(value: str, field: str, what: str) -> str:
    value = clean(value)
    if not value:
        raise ValidationError(f"{what}不能为空", field=field)
    if len(value) > 64:
        raise ValidationError(f"{what}不能超过 64 个字", field=field)
    return value


def _check_secret(value: str | None, field: str = "secret") -> str:
    value = (value or "").strip()
    if len(value) < MIN_SECRET:
        raise ValidationError(f"交换密钥至少 {MIN_SECRET} 位（现为 {len(value)} 位）", field=field)
    if len(value) > 200 or any(ord(c) < 32 for c in value):
        raise ValidationError("交换密钥不能超过 200 位，也不能包含控制字符", field=field)
    return value


def _division(code: str | None, level: str, field: str) -> Division:
    code = clean(code)
    d = Division.get_or_none((Division.code == code) & (Division.level == level)) if code else None
    if d is None:
        what = "村(社区)" if level == "village" else "乡镇(街道)"
        raise ValidationError(f"{what}代码不存在：{code or '（空）'}", field=field)
    return d


def setup_station(actor: Actor, station_id: str, name: str, *, village_code: str | None = None,
                  township_code: str | None = None, secret: str | None = None) -> StationInfo:
    """Set this database's identity: a village station (``village_code``; its secret is generated
    when not given) or a township centre (``township_code`` only)."""
    require_role(actor, *SETUP_ROLES, what="设置交换站点")
    station_id = _check_id(station_id, "station_id", "站点编号")
    name = _check_name(name, "name", "站点名称")
    if village_code:
        village = _division(village_code, "village", "village_code")
        scope, township = village.code, village.code[:9]
        secret = _check_secret(secret) if secret is not None else (_setting(SETTING_SECRET) or new_secret())
    else:
        scope = township = _division(township_code, "township", "township_code").code
        secret = _check_secret(secret) if secret is not None else None
    if actor.scope_code and not scope.startswith(actor.scope_code):
        raise PermissionDenied(f"“{_division_name(scope)}”不在您的管辖范围内")
    current = _setting(SETTING_ID)
    if current and current != station_id and ExchangeLog.select().exists():
        raise ValidationError(f"本机已用站点编号“{current}”交换过数据，不能再改为“{station_id}”", field="station_id")
    with write_transaction():
        refdata.put_setting(SETTING_ID, station_id)
        refdata.put_setting(SETTING_NAME, name)
        refdata.put_setting(SETTING_TOWNSHIP, township)
        refdata.put_setting(SETTING_VILLAGE, scope if village_code else None)
        if secret is not None:
            refdata.put_setting(SETTING_SECRET, secret)
        audit.record(actor, "update", "setting", None, {"station.id": station_id, "station.name": name,
                                                        "scope": scope, "secret_changed": secret is not None})
    return _info(_me())


def station_secret(actor: Actor) -> str | None:
    """This station's exchange secret, to be typed in at the township when it registers the
    station. Shown only to the roles that set stations up; every showing is audited."""
    require_role(actor, *SETUP_ROLES, what="查看交换密钥")
    secret = _setting(SETTING_SECRET)
    if secret:
        audit.record(actor, "view_sensitive", "setting", None, {"key": SETTING_SECRET})
    return secret


def register_peer(actor: Actor, peer_id: str, name: str, scope_code: str, secret: str | None = None) -> PeerRow:
    """Register (or update) who this database exchanges with. At a station: its township (the
    secret is the station's own exchange secret). At a township: a station, its village and the
    secret the station shows in its setup."""
    require_role(actor, *SETUP_ROLES, what="登记交换站点")
    me = _me()
    peer_id = _check_id(peer_id, "peer_id", "对方站点编号")
    name = _check_name(name, "name", "对方站点名称")
    if peer_id == me.station_id:
        raise ValidationError("对方站点编号不能与本机相同", field="peer_id")
    new_station_secret = False
    if me.kind == STATION:
        kind = TOWNSHIP
        scope = _division(scope_code, "township", "scope_code").code
        if scope != me.scope_code[:9]:
            raise ValidationError(f"本站属于“{_division_name(me.scope_code[:9])}”，不能与“{_division_name(scope)}”交换",
                                  field="scope_code")
        secret = _check_secret(secret if secret is not None else _setting(SETTING_SECRET))
        new_station_secret = secret != _setting(SETTING_SECRET)
        if ExchangePeer.select().where((ExchangePeer.kind == TOWNSHIP) & (ExchangePeer.peer_id != peer_id)).exists():
            raise ValidationError("本站已登记了所属乡镇；一个站点只与一个乡镇交换", field="peer_id")
    else:
        kind = STATION
        scope = _division(scope_code, "village", "scope_code").code
        if not scope.startswith(me.scope_code):
            raise ValidationError(f"“{_division_name(scope)}”不属于本乡镇（{_division_name(me.scope_code)}）",
                                  field="scope_code")
        secret = _check_secret(secret)
        clash = ExchangePeer.get_or_none((ExchangePeer.scope_code == scope) & (ExchangePeer.peer_id != peer_id))
        if clash is not None:
            raise ValidationError(f"“{_division_name(scope)}”已由站点“{clash.name}”（{clash.peer_id}）登记",
                                  field="scope_code")
    if actor.scope_code and not scope.startswith(actor.scope_code) and not actor.scope_code.startswith(scope):
        raise PermissionDenied(f"“{_division_name(scope)}”不在您的管辖范围内")
    with write_transaction():
        if me.kind == STATION and new_station_secret:
            refdata.put_setting(SETTING_SECRET, secret)
        peer = ExchangePeer.get_or_none(ExchangePeer.peer_id == peer_id)
        if peer is None:
            ExchangePeer.create(peer_id=peer_id, name=name, kind=kind, scope_code=scope, secret=secret)
            action = "create"
        else:
            if peer.scope_code != scope and (peer.in_seq or peer.out_seq):
                raise ValidationError(f"站点“{peer.name}”已交换过数据，不能改变其范围", field="scope_code")
            ExchangePeer.update(name=name, kind=kind, scope_code=scope, secret=secret).where(
                ExchangePeer.peer_id == peer_id).execute()
            action = "update"
        audit.record(actor, action, "exchange_peer", None, {"peer": peer_id, "name": name, "scope": scope})
    return _peer_row(ExchangePeer.get_by_id(peer_id))


def _secret(peer: ExchangePeer) -> str:
    """The pair's secret: at a station its own exchange secret (which 设置 may have changed)."""
    if peer.kind == TOWNSHIP:
        return _setting(SETTING_SECRET) or peer.secret
    return peer.secret


def _peer_row(peer: ExchangePeer) -> PeerRow:
    open_count = ExchangeConflict.select().where((ExchangeConflict.peer == peer.peer_id)
                                                 & (ExchangeConflict.status == conflicts.OPEN)).count()
    return PeerRow(peer_id=peer.peer_id, name=peer.name, kind=peer.kind, scope_code=peer.scope_code,
                   scope_name=_division_name(peer.scope_code), out_seq=peer.out_seq, out_acked=peer.out_acked,
                   in_seq=peer.in_seq, open_conflicts=open_count)


def list_peers(actor: Actor) -> list[PeerRow]:
    require_role(actor, *EXCHANGE_ROLES, what="数据交换")
    peers = ExchangePeer.select().order_by(ExchangePeer.kind.desc(), ExchangePeer.peer_id)
    return [_peer_row(p) for p in peers if _peer_visible(actor, p)]


def _peer_visible(actor: Actor, peer: ExchangePeer) -> bool:
    return narrower(peer.scope_code, actor.scope_code) is not None


def _receiver(me: Station, receiver: str | None) -> ExchangePeer:
    receiver = clean(receiver) or TOWNSHIP
    if receiver == TOWNSHIP:
        peer = ExchangePeer.get_or_none(ExchangePeer.kind == TOWNSHIP)
        if peer is None:
            if me.kind == TOWNSHIP:
                raise ValidationError("本机是乡镇，请用 --to 指定接收的站点编号", field="receiver")
            raise ValidationError("本站尚未登记所属乡镇，请先在交换设置中登记", field="receiver")
        return peer
    peer = ExchangePeer.get_or_none(ExchangePeer.peer_id == receiver)
    if peer is None:
        known = "、".join(p.peer_id for p in ExchangePeer.select().order_by(ExchangePeer.peer_id)) or "无"
        raise ValidationError(f"未登记的接收方：{receiver}（已登记：{known}）", field="receiver")
    return peer


def _scope(actor: Actor, me: Station, peer: ExchangePeer) -> str:
    scope = narrower(me.scope_code, peer.scope_code, actor.scope_code)
    if scope is None:
        raise PermissionDenied(f"与“{peer.name}”交换的数据不在您的管辖范围内")
    return scope


def suggested_filename(actor: Actor, receiver: str = TOWNSHIP) -> str:
    """A file name for the next package to ``receiver``, e.g. ``S01-to-T420281109-0003.gridpkg``."""
    me = _me()
    peer = _receiver(me, receiver)
    return f"{me.station_id}-to-{peer.peer_id}-{peer.out_seq + 1:04d}{SUFFIX}"


# --------------------------------------------------------------------------- export
def export_package(actor: Actor, path, receiver: str = TOWNSHIP, full: bool = False,
                   on_progress=lambda done, total: None, is_cancelled=lambda: False) -> ExportResult:
    """Write the package for ``receiver`` (``township``, or a station id at a township) to ``path``."""
    require_role(actor, *EXCHANGE_ROLES, what="导出交换包")
    me = _me()
    peer = _receiver(me, receiver)
    scope = _scope(actor, me, peer)
    path = Path(path)
    if path.is_dir():
        raise ValidationError(f"输出路径是一个文件夹，请给出文件名（如 {me.station_id}-to-{peer.peer_id}{SUFFIX}）",
                              field="output")
    with write_transaction():
        peer = ExchangePeer.get_by_id(peer.peer_id)
        seq = peer.out_seq + 1
        since = 0 if full else peer.out_acked
        log = ExchangeLog.create(peer=peer.peer_id, direction="export", seq=seq, user=actor.login, file=str(path))
        selection = export.select(me, peer, scope, full=full, on_progress=on_progress, is_cancelled=is_cancelled)
        time_from, time_to = selection.time_range()
        tombstones = selection.tombstones
        with PackageWriter(path) as writer:
            for name, data in export.parts(selection):
                writer.add(name, data)
            missing = []
            for sha in sorted(selection.attachment_hashes()):
                source = store.path_for(sha)
                if source.is_file():
                    writer.add_file(f"attachments/{sha}", source, sha)
                else:
                    missing.append(sha)
            manifest = {
                "format": FORMAT, "format_version": FORMAT_VERSION, "kind": "package",
                "schema_version": migrations.LATEST,
                "sender": {"id": me.station_id, "name": me.name, "kind": me.kind, "scope": me.scope_code},
                "receiver": {"id": peer.peer_id, "name": peer.name},
                "seq": seq, "since": since, "full": full, "created_at": now().isoformat(sep=" "),
                "time_range": {"from": time_from, "to": time_to},
                "counts": selection.counts(), "references": selection.reference_counts(),
                "refdata": selection.refdata_counts(), "tombstones": tombstones,
                "attachments": len(selection.attachment_hashes()) - len(missing), "missing_files": missing,
                "ack": _ack(peer),
            }
            size, log.sha256 = writer.finish(manifest, _secret(peer))
            export.remember_sent(peer.peer_id, seq, log.id, selection)
            peer.out_seq = seq
            peer.save(only=[ExchangePeer.out_seq])
            counts = selection.counts()
            log.counts = json.dumps({"records": counts, "tombstones": tombstones}, ensure_ascii=False)
            log.save()
            audit.record(actor, "export", "exchange", None, {
                "to": peer.peer_id, "seq": seq, "since": since, "full": full, "file": str(path), "counts": counts,
                "tombstones": tombstones, "sha256": log.sha256})
            writer.publish()  # last: a failure above leaves neither the file nor the bookkeeping
    on_progress(1, 1)
    return ExportResult(path=str(path), peer_id=peer.peer_id, peer_name=peer.name, seq=seq, since=since, full=full,
                        counts=counts, records=selection.record_count, tombstones=tombstones,
                        references=sum(selection.reference_counts().values()),
                        refdata=sum(selection.refdata_counts().values()),
                        attachments=manifest["attachments"], missing_files=tuple(missing), size=size,
                        time_from=time_from, time_to=time_to)


def _ack(peer: ExchangePeer) -> dict | None:
    if not peer.in_seq:
        return None
    return {"seq": peer.in_seq, "skipped": json.loads(peer.in_skipped) if peer.in_skipped else []}


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- import
def import_package(actor: Actor, path, ack_path=None, on_progress=lambda done, total: None,
                   is_cancelled=lambda: False) -> ImportResult:
    """Verify and merge a package (or take in an acknowledgement file). With ``ack_path`` the
    acknowledgement to carry back to the sender is written there too."""
    require_role(actor, *EXCHANGE_ROLES, what="导入交换包")
    me = _me()
    try:
        pkg, peer = merge.verify(path, me, _secret)
    except ValidationError as exc:
        _refused(actor, path, exc)
        raise
    if pkg.kind == "ack":
        return _import_ack(actor, path, pkg, peer)
    scope = _scope(actor, me, peer)
    seq = int(pkg.manifest.get("seq") or 0)
    try:
        with write_transaction():
            peer = ExchangePeer.get_by_id(peer.peer_id)
            duplicate = merge.check_order(pkg, peer)
            log = ExchangeLog.create(peer=peer.peer_id, direction="import", seq=seq, user=actor.login, file=str(path),
                                     sha256=_file_sha(Path(path)))
            if duplicate:
                report = merge.MergeReport()
            else:
                report = merge.apply(pkg, peer, me, scope, actor.login, log.id, on_progress, is_cancelled)
            log.counts = json.dumps({**report.counts(), "duplicate": duplicate}, ensure_ascii=False)
            log.save()
            audit.record(actor, "import", "exchange", None, {
                "from": peer.peer_id, "seq": seq, "file": str(path), "duplicate": duplicate, **report.counts()})
    except ValidationError as exc:
        _refused(actor, path, exc)
        raise
    written = str(write_acknowledgement(actor, peer.peer_id, ack_path)) if ack_path else None
    on_progress(1, 1)
    return ImportResult(
        path=str(path), kind="package", peer_id=peer.peer_id, peer_name=peer.name, seq=seq, duplicate=duplicate,
        inserted=_nonzero(report.inserted), updated=_nonzero(report.updated), merged=_nonzero(report.merged),
        unchanged=report.unchanged, kept_local=report.kept_local, conflicts=report.conflicts,
        conflicts_refreshed=report.conflicts_refreshed, ignored=report.ignored,
        skipped=tuple(SkippedRecord(entity=e, entity_label=ENTITY_LABELS.get(e, e), uid=u, reason=r)
                      for e, u, r in report.skipped),
        renumbered=tuple(report.renumbered), adopted=report.adopted, references=report.references,
        refdata=report.refdata, attachments=report.attachments, acknowledged=report.acknowledged,
        ack_seq=ExchangePeer.get_by_id(peer.peer_id).in_seq, ack_path=written)


def _nonzero(counter) -> dict:
    return {k: v for k, v in counter.items() if v}


def _refused(actor: Actor, path, exc: ValidationError) -> None:
    with write_transaction():
        audit.record(actor, "import", "exchange", None, {"file": str(path), "refused": exc.message})


def _import_ack(actor: Actor, path, pkg, peer: ExchangePeer) -> ImportResult:
    ack = pkg.manifest.get("ack") or {}
    try:
        with write_transaction():
            peer = ExchangePeer.get_by_id(peer.peer_id)
            acknowledged = merge.apply_ack(peer, ack)
            ExchangeLog.create(peer=peer.peer_id, direction="ack", seq=int(ack.get("seq") or 0), user=actor.login,
                               file=str(path), counts=json.dumps({"new": acknowledged is not None}))
            audit.record(actor, "import", "exchange", None, {"from": peer.peer_id, "ack": ack.get("seq"),
                                                             "file": str(path), "new": acknowledged is not None})
    except ValidationError as exc:
        _refused(actor, path, exc)
        raise
    return ImportResult(path=str(path), kind="ack", peer_id=peer.peer_id, peer_name=peer.name,
                        seq=int(ack.get("seq") or 0), duplicate=acknowledged is None, inserted={}, updated={},
                        merged={}, unchanged=0, kept_local=0, conflicts=0, conflicts_refreshed=0, ignored=0,
                        skipped=(), renumbered=(), adopted=0, references=0, refdata=0, attachments=0,
                        acknowledged=acknowledged, ack_seq=peer.in_seq, ack_path=None)


def write_acknowledgement(actor: Actor, peer_id: str, path) -> Path:
    """Write a signed acknowledgement of the last package imported from ``peer_id``."""
    require_role(actor, *EXCHANGE_ROLES, what="导出确认回执")
    me = _me()
    peer = ExchangePeer.get_or_none(ExchangePeer.peer_id == peer_id)
    if peer is None:
        raise NotFoundError(f"未登记的站点：{peer_id}")
    if not _peer_visible(actor, peer):
        raise PermissionDenied(f"站点“{peer.name}”不在您的管辖范围内")
    if not peer.in_seq:
        raise ValidationError(f"尚未导入过来自“{peer.name}”的交换包，没有可确认的内容", field="peer_id")
    manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "kind": "ack",
                "schema_version": migrations.LATEST,
                "sender": {"id": me.station_id, "name": me.name, "kind": me.kind, "scope": me.scope_code},
                "receiver": {"id": peer.peer_id, "name": peer.name}, "created_at": now().isoformat(sep=" "),
                "ack": _ack(peer)}
    with PackageWriter(path) as writer:
        writer.finish(manifest, _secret(peer))
        return writer.publish()


def history(actor: Actor, peer_id: str | None = None, limit: int = 100) -> list[LogRow]:
    """Packages written and read, newest first."""
    require_role(actor, *EXCHANGE_ROLES, what="查看交换记录")
    visible = [p.peer_id for p in ExchangePeer.select() if _peer_visible(actor, p)]
    query = ExchangeLog.select().where(ExchangeLog.peer.in_(visible))
    if peer_id:
        query = query.where(ExchangeLog.peer == peer_id)
    return [LogRow(id=r.id, peer_id=r.peer, direction=r.direction, seq=r.seq, at=r.at, user=r.user, file=r.file,
                   counts=json.loads(r.counts) if r.counts else {})
            for r in query.order_by(ExchangeLog.id.desc()).limit(limit)]


# --------------------------------------------------------------------------- conflicts
def _conflict_query(actor: Actor):
    query = ExchangeConflict.select()
    if actor.scope_code:
        query = query.where(export.code_in(ExchangeConflict.scope_code, actor.scope_code))
    return query


def list_conflicts(actor: Actor, status: str | None = conflicts.OPEN) -> list[ConflictRow]:
    """Conflicts in the actor's scope (open ones by default; None: all), oldest first."""
    require_role(actor, *EXCHANGE_ROLES, what="冲突处理")
    query = _conflict_query(actor)
    if status:
        query = query.where(ExchangeConflict.status == status)
    return [conflicts.view(c) for c in query.order_by(ExchangeConflict.id)]


def _load_conflict(actor: Actor, conflict_id: int) -> ExchangeConflict:
    found = _conflict_query(actor).where(ExchangeConflict.id == conflict_id).first()
    if found is None:
        raise NotFoundError("冲突记录不存在或不在您的管辖范围内")
    return found


def get_conflict(actor: Actor, conflict_id: int) -> ConflictRow:
    require_role(actor, *EXCHANGE_ROLES, what="冲突处理")
    return conflicts.view(_load_conflict(actor, conflict_id))


def resolve_conflict(actor: Actor, conflict_id: int, choice: str | None = None,
                     fields: dict[str, str] | None = None) -> ConflictRow:
    """Keep ``choice`` ("local": this side's version, "remote": the peer's) for the whole record,
    or choose per field with ``fields`` {field: "local" | "remote"}. The result goes to the peer
    with the next package."""
    require_role(actor, *EXCHANGE_ROLES, what="冲突处理")
    with write_transaction():
        conflict = _load_conflict(actor, conflict_id)
        before, after, chosen = conflicts.resolve(conflict, actor.login, choice, fields)
        audit.record(actor, "update", conflict.entity, conflict.record_uid,
                     {"conflict": conflict.id, "choice": choice or chosen,
                      **{k: [before.get(k), after.get(k)] for k in chosen if before.get(k) != after.get(k)}})
    return conflicts.view(conflict)

"""The exchange package: what travels on the USB stick, and how records are encoded in it.

A package is a zip file::

    manifest.json            sender, receiver, sequence number, what it builds on, time range,
                             counts, schema version, the acknowledgement it carries, and the
                             SHA-256 and size of every other part
    signature                HMAC-SHA256 of manifest.json with the pair's exchange secret
    records/<table>.jsonl    changed records, one JSON object a line (tombstones included)
    refs/<table>.jsonl       records the receiver lacks but the changed records point to
    refdata/<kind>.jsonl     code tables, divisions and shared settings (township → station)
    attachments/<sha256>     the files of the attachment records, content-addressed

An acknowledgement file has the same shape with only a manifest (``kind: "ack"``) and its
signature. Because the manifest holds the checksum of every part and the signature covers the
manifest, checking the signature and then each checksum proves the whole package is what the
sender wrote; nothing is written to the database before both checks pass.

Records. A record is encoded as a flat JSON object of its fields. Foreign keys carry the uid of
the record they point to (integer ids differ between databases), dates are ``YYYY-MM-DD`` and
times ``YYYY-MM-DD HH:MM:SS`` (China Standard Time). Fields that only mean something on one
machine (the integer id, a user's failed-login counter and lock) are not exchanged.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import peewee as pw

from gridapp import migrations
from gridapp.errors import ValidationError
from gridapp.models import TRACKED_MODELS, User

FORMAT = "gridapp-exchange"
FORMAT_VERSION = 1
SUFFIX = ".gridpkg"
ACK_SUFFIX = ".gridack"
MANIFEST = "manifest.json"
SIGNATURE = "signature"

META_FIELDS = ("uid", "version", "created_at", "created_by", "updated_at", "updated_by")
LOCAL_ONLY_FIELDS = {"user": frozenset({"failed_logins", "locked_until", "last_login_at"})}

ENTITY_LABELS = {
    "user": "用户", "grid": "网格", "grid_assignment": "网格员任职", "household": "户", "person": "人员",
    "person_tag": "人员类别", "place": "场所", "visit_rule": "走访周期规则", "checklist_item": "巡查检查项",
    "visit": "走访记录", "event": "事件", "event_party": "事件当事人", "event_action": "事件办理记录",
    "attachment": "附件", "code_item": "代码", "division": "区划", "setting": "设置",
}


# --------------------------------------------------------------------------- record encoding
@dataclass(frozen=True)
class Column:
    name: str  # the key in the package: the field name (``grid`` for the column grid_id)
    field: pw.Field
    ref: type | None = None  # the model a foreign key points to


@dataclass(frozen=True)
class Table:
    model: type
    entity: str  # the table name, also the file name in the package
    columns: tuple[Column, ...]

    @property
    def label(self) -> str:
        return ENTITY_LABELS.get(self.entity, self.entity)

    def column(self, name: str) -> Column | None:
        for c in self.columns:
            if c.name == name:
                return c
        return None

    @property
    def foreign_keys(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.ref is not None)


@lru_cache(maxsize=None)
def tables() -> tuple[Table, ...]:
    """Every tracked model in dependency order (a table only points to tables before it)."""
    out = []
    for model in TRACKED_MODELS:
        entity = model._meta.table_name
        skip = LOCAL_ONLY_FIELDS.get(entity, frozenset())
        cols = []
        for f in model._meta.sorted_fields:
            if f.name == "id" or f.name in skip:
                continue
            ref = f.rel_model if isinstance(f, pw.ForeignKeyField) else None
            cols.append(Column(name=f.name, field=f, ref=ref))
        out.append(Table(model=model, entity=entity, columns=tuple(cols)))
    return tuple(out)


def table(entity: str) -> Table:
    for t in tables():
        if t.entity == entity:
            return t
    raise KeyError(entity)


def encode_value(value):
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def decode_value(field: pw.Field, value):
    """A package value back to the Python value the field expects."""
    if value is None:
        return None
    if isinstance(field, pw.DateTimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(field, pw.DateField):
        return dt.date.fromisoformat(value)
    if isinstance(field, pw.BooleanField):
        return bool(value)
    return value


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(record: dict) -> str:
    """The one JSON text of a record: the package line, and the input of its hash."""
    return _CANONICAL.encode(record)


def record_hash(line: str) -> str:
    return hashlib.sha1(line.encode("utf-8")).hexdigest()


def strip_for(entity: str, record: dict, receiver_scope: str) -> dict:
    """What a receiver may hold of a record: a password hash only travels to the scope of its user."""
    if entity == User._meta.table_name and record.get("password_hash"):
        scope = record.get("scope_code") or ""
        if not scope.startswith(receiver_scope):
            record = {**record, "password_hash": None}
    return record


# --------------------------------------------------------------------------- signing
def sign(secret: str, manifest_bytes: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), manifest_bytes, hashlib.sha256).hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- writing
class PackageWriter:
    """Writes a package to a temporary file beside ``path``. ``finish()`` signs and closes it,
    ``publish()`` renames it into place; ``abort()`` (or leaving the ``with`` block by an exception)
    removes the temporary file, so a failure or a cancel never leaves a package under ``path``."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        except OSError as exc:
            raise ValidationError(f"无法写入交换包文件 {self.path}：{exc.strerror or exc}", field="output") from exc
        os.close(fd)
        self.tmp = Path(tmp)
        self.parts: dict[str, dict] = {}
        self._zip = zipfile.ZipFile(self.tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            self.abort()

    def add(self, name: str, data: bytes) -> None:
        self.parts[name] = {"sha256": sha256_bytes(data), "size": len(data)}
        self._write(lambda: self._zip.writestr(name, data))

    def add_file(self, name: str, source: Path, sha256: str) -> None:
        """A file already known by its content hash (an attachment)."""
        self.parts[name] = {"sha256": sha256, "size": source.stat().st_size}
        self._write(lambda: self._zip.write(source, name, compress_type=zipfile.ZIP_STORED))

    def finish(self, manifest: dict, secret: str) -> tuple[int, str]:
        """Add the manifest and its signature and close the file: (size, SHA-256 of the file)."""
        manifest = {**manifest, "parts": self.parts}
        raw = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        self._write(lambda: self._zip.writestr(MANIFEST, raw))
        self._write(lambda: self._zip.writestr(SIGNATURE, f"hmac-sha256:{sign(secret, raw)}\n"))
        self._write(self._zip.close)
        digest = hashlib.sha256()
        with self.tmp.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return self.tmp.stat().st_size, digest.hexdigest()

    def publish(self) -> Path:
        try:
            os.replace(self.tmp, self.path)
        except OSError as exc:
            self.abort()
            raise ValidationError(f"无法写入交换包文件 {self.path}：{exc.strerror or exc}", field="output") from exc
        return self.path

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self._zip.close()
        with contextlib.suppress(OSError):
            self.tmp.unlink()

    def _write(self, action) -> None:
        try:
            action()
        except OSError as exc:
            self.abort()
            if getattr(exc, "errno", None) == 28:
                raise ValidationError("磁盘（或U盘）已满，交换包未写完，已删除未完成的文件", field="output") from exc
            raise ValidationError(f"无法写入交换包文件 {self.path}：{exc.strerror or exc}", field="output") from exc


def jsonl(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


# --------------------------------------------------------------------------- reading
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DAMAGED = "交换包已损坏、不完整或被改动过，已拒绝导入（未写入任何数据）：{name}"


class Package:
    """An opened package or acknowledgement. The manifest is not trusted until ``verify()``."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        if not self.path.is_file():
            raise ValidationError(f"交换包文件不存在：{self.path}", field="file")
        self._parts: dict[str, bytes] = {}
        self.verified = False
        try:
            with zipfile.ZipFile(self.path) as zf:
                names = set(zf.namelist())
                if MANIFEST not in names or SIGNATURE not in names:
                    raise ValidationError(f"该文件不是网格通交换包（缺少清单或签名）：{self.path.name}", field="file")
                self.raw_manifest = zf.read(MANIFEST)
                self.signature = zf.read(SIGNATURE).decode("ascii").strip()
                self._names = names - {MANIFEST, SIGNATURE}
            self.manifest = json.loads(self.raw_manifest.decode("utf-8"))
        except ValidationError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, UnicodeDecodeError, ValueError) as exc:
            raise ValidationError(_DAMAGED.format(name=self.path.name), field="file") from exc
        if not isinstance(self.manifest, dict) or self.manifest.get("format") != FORMAT:
            raise ValidationError(f"该文件不是网格通交换包：{self.path.name}", field="file")
        if self.manifest.get("format_version", 0) > FORMAT_VERSION or \
                self.manifest.get("schema_version", 0) > migrations.LATEST:
            raise ValidationError("该交换包由更新版本的网格通生成，请先升级本机程序后再导入", field="file")

    @property
    def kind(self) -> str:
        return self.manifest.get("kind", "package")

    @property
    def sender_id(self) -> str:
        return str((self.manifest.get("sender") or {}).get("id") or "")

    @property
    def receiver_id(self) -> str:
        return str((self.manifest.get("receiver") or {}).get("id") or "")

    def verify(self, secret: str) -> None:
        """Check the signature, then every part's checksum; keep the parts in memory."""
        expected = f"hmac-sha256:{sign(secret, self.raw_manifest)}"
        if not hmac.compare_digest(expected, self.signature):
            raise ValidationError(
                f"交换包签名不符：文件被改动过，或与发送方“{self.sender_id}”约定的交换密钥不一致，已拒绝导入",
                field="file")
        parts = self.manifest.get("parts") or {}
        extra = self._names - set(parts)
        if extra:
            raise ValidationError(f"交换包含有清单以外的文件（{sorted(extra)[0]}），可能被改动过，已拒绝导入",
                                  field="file")
        try:
            with zipfile.ZipFile(self.path) as zf:
                for name, info in parts.items():
                    if name not in self._names:
                        raise ValidationError(f"交换包不完整：缺少 {name}，已拒绝导入", field="file")
                    data = zf.read(name)
                    if len(data) != info.get("size") or sha256_bytes(data) != info.get("sha256"):
                        raise ValidationError(f"交换包校验失败：{name} 与清单中的校验值不符，已拒绝导入",
                                              field="file")
                    if not name.startswith("attachments/"):
                        self._parts[name] = data
        except ValidationError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise ValidationError(_DAMAGED.format(name=self.path.name), field="file") from exc
        self.attachment_hashes()
        self.verified = True

    def entries(self, name: str) -> list[tuple[str, dict]]:
        """(line, record) pairs of a JSON Lines part; the line is the record's canonical text."""
        if not self.verified:
            raise RuntimeError("a package's records are read only after verify()")
        data = self._parts.get(name)
        if not data:
            return []
        try:
            out = [(line, json.loads(line)) for line in data.decode("utf-8").splitlines() if line]
        except ValueError as exc:
            raise ValidationError(f"交换包中的 {name} 无法解析，已拒绝导入", field="file") from exc
        if not all(isinstance(rec, dict) and isinstance(rec.get("uid", ""), str) for _line, rec in out):
            raise ValidationError(f"交换包中的 {name} 内容无效，已拒绝导入", field="file")
        return out

    def lines(self, name: str) -> list[dict]:
        return [rec for _line, rec in self.entries(name)]

    def records(self, entity: str) -> list[dict]:
        return self.lines(f"records/{entity}.jsonl")

    def references(self, entity: str) -> list[dict]:
        return self.lines(f"refs/{entity}.jsonl")

    def refdata(self, kind: str) -> list[dict]:
        return self.lines(f"refdata/{kind}.jsonl")

    def attachment_hashes(self) -> list[str]:
        prefix = "attachments/"
        names = [n[len(prefix):] for n in (self.manifest.get("parts") or {}) if n.startswith(prefix)]
        if not all(_SHA256.fullmatch(n) for n in names):
            raise ValidationError("交换包中的附件名称无效，已拒绝导入", field="file")
        return sorted(names)

    def read_attachment(self, sha256: str) -> bytes:
        with zipfile.ZipFile(self.path) as zf:
            data = zf.read(f"attachments/{sha256}")
        if sha256_bytes(data) != sha256:
            raise ValidationError(f"交换包中的附件 {sha256[:12]}… 校验失败，已拒绝导入", field="file")
        return data

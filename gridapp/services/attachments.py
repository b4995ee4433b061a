"""Attachments (photos, scans) of visits and events, stored content-addressed.

A file is copied once to ``root()/<sha256[:2]>/<sha256>`` (``root()`` is ``attachments/`` beside
the database file, which by default is ``gridapp.paths.data_dir()/attachments``): the same photo
attached twice, or to two records, is stored once. The copy goes to a temporary name first and is renamed into place, so an interrupted
copy never leaves a damaged file under a hash name. Files are never deleted by the application;
detaching only soft-deletes the ``Attachment`` row. Thumbnails are a UI concern.

``store()`` only copies; the visit and event services create the ``Attachment`` rows (in the
transaction of the record they belong to) through ``add_rows()`` and list them with ``rows_for()``.

API::

    root() -> Path
    store(path) -> StoredFile
    path_for(sha256) -> Path
    add_rows(actor, stored, *, visit=None, event=None) -> list[AttachmentRow]
    rows_for(*, visit_id=None, event_id=None) -> list[AttachmentRow]
    remove_row(actor, attachment) -> None         # for the owner services, after their edit checks
    open_path(actor, attachment_id) -> Path       # scope-checked through its visit or event
    copy_out(actor, attachment_id, target) -> Path

Removing an attachment goes through its owner (``visits.remove_attachment``,
``events.remove_attachment``), which applies the owner's edit rules first.
"""
from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from gridapp.errors import NotFoundError, ValidationError
from gridapp.models import Attachment, Event, Visit, database, now
from gridapp.paths import data_dir
from gridapp.services import audit
from gridapp.services.actor import Actor, require_in_scope

MAX_BYTES = 50 * 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    filename: str  # the original file name, without its folder
    sha256: str
    size: int
    mime: str


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    uid: str
    filename: str
    sha256: str
    size: int
    mime: str
    path: str  # where the stored copy lives
    is_image: bool


def root() -> Path:
    """``attachments/`` beside the database file, like ``backups/`` (DESIGN.md §5); for a server
    database, in the data folder. With the default database both are ``data_dir()/attachments``."""
    if isinstance(database.obj, pw.SqliteDatabase) and getattr(database.obj, "path", None):
        return Path(database.obj.path).parent / "attachments"
    return data_dir() / "attachments"


def path_for(sha256: str) -> Path:
    return root() / sha256[:2] / sha256


def store(path: str | os.PathLike) -> StoredFile:
    """Copy a file into the content-addressed store (once per content) and describe it."""
    source = Path(path)
    if not source.is_file():
        raise ValidationError(f"找不到附件文件：{source}", field="attachments")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise ValidationError(f"附件“{source.name}”超过{MAX_BYTES // (1024 * 1024)}MB，请压缩后再添加",
                              field="attachments")
    target_dir = root()
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=target_dir)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, source.open("rb") as src:
                for chunk in iter(lambda: src.read(_CHUNK), b""):
                    digest.update(chunk)
                    out.write(chunk)
            sha = digest.hexdigest()
            final = path_for(sha)
            if final.is_file() and final.stat().st_size == size:
                tmp.unlink()
            else:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    except PermissionError as exc:
        raise ValidationError(f"无法保存附件“{source.name}”：没有权限（{exc.filename}）", field="attachments") from exc
    except OSError as exc:
        if getattr(exc, "errno", None) == 28:
            raise ValidationError("磁盘已满，附件未能保存", field="attachments") from exc
        raise ValidationError(f"无法保存附件“{source.name}”：{exc.strerror or exc}", field="attachments") from exc
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return StoredFile(filename=source.name, sha256=sha, size=size, mime=mime)


def store_all(paths) -> list[StoredFile]:
    return [store(p) for p in paths or ()]


def add_rows(actor: Actor, stored: list[StoredFile], *, visit: Visit | None = None,
             event: Event | None = None) -> list[AttachmentRow]:
    """Attachment rows for stored files (call inside the owner's write transaction)."""
    rows = []
    for f in stored:
        att = Attachment.create(visit=visit, event=event, filename=f.filename[:255], sha256=f.sha256,
                                size=f.size, mime=f.mime[:64], created_by=actor.login, updated_by=actor.login)
        owner = {"visit": visit.uid} if visit is not None else {"event": event.uid if event else None}
        audit.record(actor, "create", "attachment", att.uid, {**owner, "filename": f.filename, "sha256": f.sha256})
        rows.append(to_row(att))
    return rows


def rows_for(*, visit_id: int | None = None, event_id: int | None = None) -> list[AttachmentRow]:
    where = Attachment.deleted_at.is_null()
    where &= (Attachment.visit == visit_id) if visit_id is not None else (Attachment.event == event_id)
    return [to_row(a) for a in Attachment.select().where(where).order_by(Attachment.id)]


def remove_row(actor: Actor, att: Attachment) -> None:
    """Soft-delete an attachment row (the stored file stays: it may be shared). The caller has
    checked that the actor may change the owner record."""
    with database.atomic():
        att.deleted_at = now()
        att.version += 1
        att.updated_at, att.updated_by = now(), actor.login
        att.save()
        audit.record(actor, "delete", "attachment", att.uid, {"filename": att.filename})


def open_path(actor: Actor, attachment_id: int) -> Path:
    """The stored file of an attachment the actor may see."""
    att = _load(actor, attachment_id)
    path = path_for(att.sha256)
    if not path.is_file():
        raise NotFoundError(f"附件文件“{att.filename}”已丢失（{path}）")
    return path


def copy_out(actor: Actor, attachment_id: int, target: str | os.PathLike) -> Path:
    """Save a copy of an attachment under ``target`` (temp name, then renamed)."""
    source = open_path(actor, attachment_id)
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    return target


def _load(actor: Actor, attachment_id: int) -> Attachment:
    att = Attachment.get_or_none((Attachment.id == attachment_id) & Attachment.deleted_at.is_null())
    if att is None:
        raise NotFoundError("附件不存在或已删除")
    owner = att.visit if att.visit_id is not None else att.event
    require_in_scope(actor, owner, "该附件")
    return att


def to_row(att: Attachment) -> AttachmentRow:
    return AttachmentRow(id=att.id, uid=att.uid, filename=att.filename, sha256=att.sha256, size=att.size,
                         mime=att.mime, path=str(path_for(att.sha256)), is_image=att.mime.startswith("image/"))

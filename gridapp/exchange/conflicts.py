"""The 3-way field merge, and the conflicts a person resolves (冲突处理).

When both sides changed a record since they last shared it, each field is decided on its own:
a field changed on one side only takes that side's value, a field both sides changed to the same
value is fine. Only a field both sides changed to *different* values — or a deletion on one side
against edits on the other — makes a conflict. A conflict keeps this side's record as it is, and
keeps the peer's version (and the shared base) in ``ExchangeConflict``; nothing is lost, and the
record stays out of packages to that peer until a person has chosen, for the whole record or
field by field, which version to keep.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from gridapp.errors import NotFoundError, ValidationError
from gridapp.exchange.export import MissingReference, UidMap, decode_row, local_records
from gridapp.exchange.package import ENTITY_LABELS, META_FIELDS, table
from gridapp.models import ExchangeConflict, ExchangePeer, now

# Search keys computed from another field: they follow that field and are never shown.
DERIVED = {"name_tokens": "name", "pinyin": "name", "initials": "name", "id_rev": "id_number",
           "phone_rev": "phone", "addr_tokens": "address"}

FIELD_LABELS = {
    "name": "姓名/名称", "id_number": "公民身份号码", "sex": "性别", "birth_date": "出生日期", "ethnic": "民族",
    "relation": "与户主关系", "is_head": "是否户主", "phone": "联系电话", "residence": "居住状态",
    "political": "政治面貌", "education": "文化程度", "occupation": "职业", "notes": "备注",
    "household": "所属户", "grid": "网格", "village_code": "村(社区)", "township_code": "乡镇(街道)",
    "county_code": "县(市、区)", "number": "编号/户号", "address": "地址", "reg_type": "户籍类型",
    "housing": "住房情况", "category": "类别", "attention": "关注程度", "since": "起始日期",
    "until": "截止日期", "details": "详细信息", "sensitive": "敏感", "title": "标题", "description": "简要情况",
    "state": "状态", "level": "办理层级", "handler": "承办人", "deadline": "办理期限", "priority": "风险等级",
    "scale": "规模", "people_count": "涉及人数", "outcome": "化解结果", "method": "化解方式",
    "mediator": "调解员", "agreement": "调解协议", "agreement_date": "协议日期", "closed_at": "办结时间",
    "satisfaction": "满意度", "escalated": "已上报", "supervised": "督办", "supervision_note": "督办意见",
    "visited_at": "走访时间", "kind": "类型", "findings": "发现问题", "risk_grade": "危险性评估",
    "display_name": "显示名", "role": "角色", "scope_code": "管辖范围", "active": "启用", "worker": "网格员",
    "interval_days": "间隔天数", "deleted_at": "删除时间", "location": "地点", "occurred_at": "发生时间",
    "reporter_name": "上报人", "contact_name": "联系人", "filename": "文件名", "to_state": "办理后状态",
    "note": "说明", "password_hash": "密码",
}

OPEN = "open"
RESOLVED = "resolved"
LOCAL = "local"
REMOTE = "remote"


def _empty(value) -> bool:
    return value is None or value == ""


@dataclass(frozen=True)
class MergeOutcome:
    record: dict  # the merged record (this side's record where fields conflict)
    conflicting: tuple[str, ...]  # fields both sides changed differently (with deleted_at for delete vs edit)
    local_changed: tuple[str, ...]
    remote_changed: tuple[str, ...]


def content_fields(*records: dict) -> list[str]:
    names = set()
    for rec in records:
        names |= set(rec)
    return sorted(names - set(META_FIELDS))


def three_way(base: dict | None, local: dict, remote: dict) -> MergeOutcome:
    """Merge field by field against ``base`` (None: no shared version; then a value fills a blank)."""
    fields = content_fields(local, remote)
    if base is None:
        local_changed = [f for f in fields if local.get(f) != remote.get(f) and not _empty(local.get(f))]
        remote_changed = [f for f in fields if local.get(f) != remote.get(f) and not _empty(remote.get(f))]
    else:
        local_changed = [f for f in fields if local.get(f) != base.get(f)]
        remote_changed = [f for f in fields if remote.get(f) != base.get(f)]
    both = set(local_changed) & set(remote_changed)
    conflicting = {f for f in both if local.get(f) != remote.get(f)}
    deleted_local = "deleted_at" in local_changed and "deleted_at" not in remote_changed
    deleted_remote = "deleted_at" in remote_changed and "deleted_at" not in local_changed
    if deleted_local and any(f != "deleted_at" for f in remote_changed):
        conflicting |= {"deleted_at", *(f for f in remote_changed if local.get(f) != remote.get(f))}
    if deleted_remote and any(f != "deleted_at" for f in local_changed):
        conflicting |= {"deleted_at", *(f for f in local_changed if local.get(f) != remote.get(f))}
    merged = dict(local)
    for f in remote_changed:
        if f not in local_changed:
            merged[f] = remote.get(f)
    newer = remote if (remote.get("updated_at") or "") > (local.get("updated_at") or "") else local
    merged["version"] = max(local.get("version") or 0, remote.get("version") or 0) + 1
    merged["updated_at"] = newer.get("updated_at")
    merged["updated_by"] = newer.get("updated_by")
    return MergeOutcome(record=merged, conflicting=tuple(sorted(conflicting)),
                        local_changed=tuple(local_changed), remote_changed=tuple(remote_changed))


def label_of(entity: str, rec: dict) -> str:
    """What a person recognises a record by."""
    if entity == "person":
        return rec.get("name") or ""
    if entity == "household":
        return " ".join(x for x in (f"户号 {rec.get('number') or ''}", rec.get("address") or "") if x.strip())
    if entity == "event":
        return f"{rec.get('number') or ''} {rec.get('title') or ''}".strip()
    if entity == "user":
        return f"{rec.get('display_name') or ''}（{rec.get('login') or ''}）"
    if entity == "visit":
        return f"{rec.get('visited_at') or ''} {rec.get('visitor_name') or ''}".strip()
    if entity in ("grid", "place"):
        return rec.get("name") or ""
    if entity == "event_party":
        return rec.get("name") or ""
    if entity == "attachment":
        return rec.get("filename") or ""
    return ENTITY_LABELS.get(entity, entity)


# --------------------------------------------------------------------------- recording
def open_for(peer_id: str, record_uids) -> dict[str, ExchangeConflict]:
    held = ExchangeConflict.select().where((ExchangeConflict.peer == peer_id) & (ExchangeConflict.status == OPEN))
    if not held.exists():
        return {}
    wanted = set(record_uids)
    return {c.record_uid: c for c in held if c.record_uid in wanted}


def record(peer_id: str, entity: str, local: dict, remote: dict, base: dict | None, fields, scope_code: str) -> None:
    ExchangeConflict.create(peer=peer_id, entity=entity, record_uid=local["uid"], scope_code=scope_code or "",
                            label=label_of(entity, local)[:200], local=_dumps(local), remote=_dumps(remote),
                            base=_dumps(base) if base is not None else None, fields=_dumps(sorted(fields)))


def refresh_remote(conflict: ExchangeConflict, remote: dict) -> None:
    """A newer version of the peer's record arrived while the conflict is open: keep the newest."""
    conflict.remote = _dumps(remote)
    conflict.save(only=[ExchangeConflict.remote])


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


# --------------------------------------------------------------------------- viewing and resolving
@dataclass(frozen=True)
class ConflictField:
    name: str
    label: str
    local: object
    remote: object
    base: object
    conflicting: bool  # both sides changed it differently: a person must choose
    default: str | None  # "local" | "remote" for a field only one side changed; None when conflicting


@dataclass(frozen=True)
class ConflictRow:
    id: int
    entity: str
    entity_label: str
    record_uid: str
    label: str
    peer_id: str
    peer_name: str
    scope_code: str
    status: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None
    resolved_by: str | None
    fields: tuple[ConflictField, ...]  # every field whose two versions differ, conflicting ones first


def current_local(conflict: ExchangeConflict) -> dict:
    tbl = table(conflict.entity)
    found = local_records(tbl, [conflict.record_uid], UidMap())
    if conflict.record_uid not in found:
        raise NotFoundError(f"冲突涉及的{tbl.label}已不存在")
    return found[conflict.record_uid][1]


def view(conflict: ExchangeConflict) -> ConflictRow:
    remote = json.loads(conflict.remote)
    base = json.loads(conflict.base) if conflict.base else None
    local = current_local(conflict) if conflict.status == OPEN else json.loads(conflict.local)
    outcome = three_way(base, local, remote)
    fields = []
    for f in content_fields(local, remote):
        if f in DERIVED or local.get(f) == remote.get(f):
            continue
        conflicting = f in outcome.conflicting
        default = None if conflicting else (REMOTE if outcome.record.get(f) == remote.get(f) else LOCAL)
        fields.append(ConflictField(name=f, label=FIELD_LABELS.get(f, f), local=local.get(f), remote=remote.get(f),
                                    base=(base or {}).get(f), conflicting=conflicting, default=default))
    fields.sort(key=lambda cf: (not cf.conflicting, cf.name))
    peer = ExchangePeer.get_or_none(ExchangePeer.peer_id == conflict.peer)
    return ConflictRow(id=conflict.id, entity=conflict.entity,
                       entity_label=ENTITY_LABELS.get(conflict.entity, conflict.entity),
                       record_uid=conflict.record_uid, label=conflict.label, peer_id=conflict.peer,
                       peer_name=peer.name if peer else conflict.peer, scope_code=conflict.scope_code,
                       status=conflict.status, created_at=conflict.created_at, resolved_at=conflict.resolved_at,
                       resolved_by=conflict.resolved_by, fields=tuple(fields))


def resolve(conflict: ExchangeConflict, login: str, choice: str | None = None,
            picks: dict[str, str] | None = None) -> tuple[dict, dict, dict[str, str]]:
    """Write the chosen version to the record; returns (before, after, the choice per field).

    ``choice`` "local" or "remote" keeps that whole version; otherwise ``picks`` names the side per
    field, and fields not named take their default (the side that changed them). Every conflicting
    field must be named.
    """
    if conflict.status != OPEN:
        raise ValidationError("该冲突已处理过", field="conflict")
    if choice not in (None, LOCAL, REMOTE):
        raise ValidationError(f"无法识别的处理方式：{choice}（应为 local 或 remote）", field="choice")
    row = view(conflict)
    picks = dict(picks or {})
    names = {f.name for f in row.fields}
    for name, side in picks.items():
        if name not in names:
            raise ValidationError(f"字段“{FIELD_LABELS.get(name, name)}”两个版本相同或不存在，无需选择", field=name)
        if side not in (LOCAL, REMOTE):
            raise ValidationError(f"字段“{FIELD_LABELS.get(name, name)}”的选择应为 local 或 remote", field=name)
    chosen: dict[str, str] = {}
    for f in row.fields:
        side = choice or picks.get(f.name) or f.default
        if side is None:
            raise ValidationError(f"请为“{f.label}”选择保留本机还是对方的值", field=f.name)
        chosen[f.name] = side
    local = current_local(conflict)
    remote = json.loads(conflict.remote)
    result = dict(local)
    for name, side in chosen.items():
        if side == REMOTE:
            result[name] = remote.get(name)
    for derived, source in DERIVED.items():
        if source in chosen and chosen[source] == REMOTE and derived in remote:
            result[derived] = remote.get(derived)
    if choice == REMOTE:
        for f in content_fields(local, remote):
            result[f] = remote.get(f)
    result["version"] = max(local.get("version") or 0, remote.get("version") or 0) + 1
    result["updated_at"] = now().isoformat(sep=" ")
    result["updated_by"] = login
    tbl = table(conflict.entity)
    try:
        values = decode_row(tbl, result, UidMap(), with_uid=False)
    except MissingReference as exc:
        raise ValidationError(f"对方版本的“{FIELD_LABELS.get(exc.column, exc.column)}”指向本机没有的记录，"
                              "请保留本机的值", field=exc.column) from exc
    tbl.model.update(values).where(tbl.model.uid == conflict.record_uid).execute()
    conflict.status = RESOLVED
    conflict.resolved_at = now()
    conflict.resolved_by = login
    conflict.local = _dumps(local)
    conflict.resolution = _dumps(chosen)
    conflict.save()
    return local, result, chosen

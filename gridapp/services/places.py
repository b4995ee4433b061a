"""The register of places (场所) and their inspection checklists (巡查项目).

Places are the targets of inspections: 出租房屋, 沿街店铺, 小微企业/作坊, 在建工地, 学校周边, 养老机构,
宗教场所, 其他. Each belongs to a grid (scope columns are copied from it) and has an owner or
contact: a resident (``contact_person_id``) or a free-text name and phone. A grid worker registers
places in their grids, a village or township actor anywhere in their unit.

Checklists are data (``ChecklistItem`` rows per place category, defaults from
resources/data/checklists.json): an inspection answers each active item 合格/不合格/不适用
(``visits.record``), and a 不合格 item becomes a 安全隐患 event of the item's hazard category
(``events.create_from_inspection``). The township centre or the system administrator edits them;
items are deactivated, never deleted, since recorded inspections keep their answers by text.

API::

    create(actor, data: PlaceInput) -> PlaceRow
    update(actor, place_id, data: PlaceInput, *, expected_version=None) -> PlaceRow
    delete(actor, place_id, *, expected_version=None) -> None
    restore(actor, place_id) -> PlaceRow
    get(actor, place_id) -> PlaceRow                                   # contact phone in full
    page(actor, query=PlaceQuery(), *, offset=0, limit=200) -> list[PlaceRow]   # phones masked
    count(actor, query=PlaceQuery()) -> int
    checklist(category) -> list[ChecklistItemRow]                       # the active items, in order
    checklist_items(actor, category=None) -> list[ChecklistItemRow]     # all, for the settings page
    add_checklist_item(actor, category, text, hazard_category="H99") -> ChecklistItemRow
    update_checklist_item(actor, item_id, *, text=None, hazard_category=None, sort=None,
                          active=None) -> ChecklistItemRow
    open_hazards(actor, place_id) -> list[events.EventRow]              # 安全隐患 events not yet closed
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from gridapp import dialect, ids, refdata, workflow
from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError, ValidationErrors
from gridapp.models import ChecklistItem, Division, Event, Grid, Person, Place, Visit, database, now
from gridapp.services import audit, events, worklist
from gridapp.services.actor import (
    GRID_WORKER, SYSADMIN, TOWNSHIP, VILLAGE_ADMIN, Actor, in_scope, require_in_scope, require_role, scope_filter,
)
from gridapp.text import clean, clean_multiline, one_line

EDIT_ROLES = (GRID_WORKER, VILLAGE_ADMIN, TOWNSHIP)
HAZARD = "安全隐患"


@dataclass(frozen=True)
class PlaceInput:
    grid_id: int | None = None
    category: str = ""
    name: str = ""
    address: str = ""
    contact_person_id: int | None = None  # a resident; name and phone default to theirs
    contact_name: str = ""
    contact_phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PlaceQuery:
    text: str | None = None  # a fragment of the name, address or contact name
    category: str | None = None
    grid_id: int | None = None
    village_code: str | None = None
    overdue_only: bool = False  # never inspected or last inspection older than the rule


@dataclass(frozen=True)
class PlaceRow:
    id: int
    uid: str
    version: int
    grid_id: int
    grid_name: str
    village_code: str
    village_name: str
    category: str
    name: str
    address: str
    contact_person_id: int | None
    contact_name: str
    contact_phone: str  # masked in page(), in full in get()
    notes: str
    last_inspected: dt.datetime | None
    open_hazards: int
    deleted: bool = False


@dataclass(frozen=True)
class ChecklistItemRow:
    id: int
    category: str
    text: str
    sort: int
    hazard_category: str
    hazard_name: str
    active: bool


# --------------------------------------------------------------------------- register
def create(actor: Actor, data: PlaceInput) -> PlaceRow:
    require_role(actor, *EDIT_ROLES, what="登记场所")
    values = _validate(actor, data)
    with database.atomic():
        place = Place.create(created_by=actor.login, updated_by=actor.login, **values)
        audit.record(actor, "create", "place", place.uid, {k: _plain(values[k]) for k in values})
    return get(actor, place.id)


def update(actor: Actor, place_id: int, data: PlaceInput, *, expected_version: int | None = None) -> PlaceRow:
    require_role(actor, *EDIT_ROLES, what="修改场所")
    with database.atomic():
        place = _load(actor, place_id, lock=True)
        if expected_version is not None and place.version != expected_version:
            raise StaleRecordError()
        values = _validate(actor, data)
        before = {k: _plain(getattr(place, k)) for k in values}
        changes = audit.diff(before, {k: _plain(v) for k, v in values.items()})
        if changes:
            for k, v in values.items():
                setattr(place, k, v)
            place.version += 1
            place.updated_at, place.updated_by = now(), actor.login
            place.save()
            audit.record(actor, "update", "place", place.uid, changes)
    return get(actor, place_id)


def delete(actor: Actor, place_id: int, *, expected_version: int | None = None) -> None:
    """Soft delete (回收站): the place leaves the register and the worklist."""
    require_role(actor, *EDIT_ROLES, what="删除场所")
    with database.atomic():
        place = _load(actor, place_id, lock=True)
        if expected_version is not None and place.version != expected_version:
            raise StaleRecordError()
        place.deleted_at = now()
        place.version += 1
        place.updated_at, place.updated_by = now(), actor.login
        place.save()
        audit.record(actor, "delete", "place", place.uid, {"name": place.name})


def restore(actor: Actor, place_id: int) -> PlaceRow:
    require_role(actor, *EDIT_ROLES, what="恢复场所")
    with database.atomic():
        place = Place.get_or_none((Place.id == place_id) & Place.deleted_at.is_null(False))
        if place is None:
            raise NotFoundError("回收站中没有该场所")
        require_in_scope(actor, place, "该场所")
        place.deleted_at = None
        place.version += 1
        place.updated_at, place.updated_by = now(), actor.login
        place.save()
        audit.record(actor, "restore", "place", place.uid, {"name": place.name})
    return get(actor, place_id)


def get(actor: Actor, place_id: int) -> PlaceRow:
    place = _load(actor, place_id)
    return _rows([place], mask=False)[0]


def page(actor: Actor, query: PlaceQuery = PlaceQuery(), *, offset: int = 0, limit: int = 200) -> list[PlaceRow]:
    """One page of places in scope, by village, grid, category and name; contact phones masked."""
    places = list(Place.select().where(_where(actor, query))
                  .order_by(Place.village_code, Place.grid, Place.category, Place.name, Place.id)
                  .offset(max(0, int(offset))).limit(max(1, min(int(limit), 1000))))
    return _rows(places, mask=True)


def count(actor: Actor, query: PlaceQuery = PlaceQuery()) -> int:
    return Place.select().where(_where(actor, query)).count()


def _where(actor: Actor, query: PlaceQuery) -> pw.Expression:
    where = Place.deleted_at.is_null() & scope_filter(actor, Place)
    if query.category:
        where &= Place.category == query.category
    if query.grid_id is not None:
        where &= Place.grid == query.grid_id
    if query.village_code:
        where &= Place.village_code == query.village_code
    text = clean(query.text)
    if text:
        where &= Place.name.contains(text) | Place.address.contains(text) | Place.contact_name.contains(text)
    if query.overdue_only:
        where &= Place.id.in_(worklist.target_ids(actor, "overdue", "place") or [0])
    return where


def open_hazards(actor: Actor, place_id: int) -> list[events.EventRow]:
    """The place's 安全隐患 events that are not closed yet, oldest first."""
    _load(actor, place_id)
    return events.rows(actor, events.select_rows(
        (Event.place == place_id) & (Event.kind == HAZARD) & Event.state.in_(sorted(workflow.OPEN_STATES))
        & Event.deleted_at.is_null() & scope_filter(actor, Event)).order_by(Event.registered_at, Event.id))


# --------------------------------------------------------------------------- checklists
def checklist(category: str) -> list[ChecklistItemRow]:
    """The active inspection items of a place category, in order."""
    return [_item_row(i) for i in ChecklistItem.select().where(
        (ChecklistItem.place_category == category) & ChecklistItem.active & ChecklistItem.deleted_at.is_null())
        .order_by(ChecklistItem.sort, ChecklistItem.id)]


def checklist_items(actor: Actor, category: str | None = None) -> list[ChecklistItemRow]:
    """Every item (active or not) for the settings page, by category and order."""
    del actor  # the checklists are public within the installation
    where = ChecklistItem.deleted_at.is_null()
    if category:
        where &= ChecklistItem.place_category == category
    order = {c: n for n, (c, _) in enumerate(refdata.codes().items("place_category"))}
    items = [_item_row(i) for i in ChecklistItem.select().where(where)]
    return sorted(items, key=lambda i: (order.get(i.category, len(order)), i.sort, i.id))


def add_checklist_item(actor: Actor, category: str, text: str, hazard_category: str = "H99") -> ChecklistItemRow:
    require_role(actor, TOWNSHIP, SYSADMIN, what="修改巡查项目")
    category = _check_category(category)
    text = _check_item_text(text)
    hazard = _check_hazard(hazard_category)
    with database.atomic():
        clash = ChecklistItem.get_or_none((ChecklistItem.place_category == category) & (ChecklistItem.text == text)
                                          & ChecklistItem.deleted_at.is_null())
        if clash is not None:
            raise ValidationError(f"{category}已有巡查项目“{text}”", field="text")
        last = ChecklistItem.select(pw.fn.MAX(ChecklistItem.sort)).where(
            ChecklistItem.place_category == category).scalar()
        item = ChecklistItem.create(place_category=category, text=text, hazard_category=hazard,
                                    sort=(last or 0) + 1, created_by=actor.login, updated_by=actor.login)
        audit.record(actor, "create", "checklist_item", item.uid,
                     {"category": category, "text": text, "hazard_category": hazard})
    return _item_row(item)


def update_checklist_item(actor: Actor, item_id: int, *, text: str | None = None, hazard_category: str | None = None,
                          sort: int | None = None, active: bool | None = None) -> ChecklistItemRow:
    require_role(actor, TOWNSHIP, SYSADMIN, what="修改巡查项目")
    with database.atomic():
        item = ChecklistItem.get_or_none((ChecklistItem.id == item_id) & ChecklistItem.deleted_at.is_null())
        if item is None:
            raise NotFoundError("巡查项目不存在")
        after = {"text": _check_item_text(text) if text is not None else item.text,
                 "hazard_category": _check_hazard(hazard_category) if hazard_category is not None
                 else item.hazard_category,
                 "sort": int(sort) if sort is not None else item.sort,
                 "active": bool(active) if active is not None else item.active}
        changes = audit.diff({k: getattr(item, k) for k in after}, after)
        if changes:
            for k, v in after.items():
                setattr(item, k, v)
            item.version += 1
            item.updated_at, item.updated_by = now(), actor.login
            item.save()
            audit.record(actor, "update", "checklist_item", item.uid, changes)
    return _item_row(item)


# --------------------------------------------------------------------------- helpers
def _load(actor: Actor, place_id: int, *, lock: bool = False) -> Place:
    """The live place in the actor's scope; ``lock``: held until the transaction ends (to change it)."""
    query = Place.select().where((Place.id == place_id) & Place.deleted_at.is_null())
    place = (dialect.for_update(query) if lock else query).first()
    if place is None:
        raise NotFoundError("场所不存在或已删除")
    require_in_scope(actor, place, "该场所")
    return place


def _validate(actor: Actor, data: PlaceInput) -> dict:
    errors: list[ValidationError] = []

    def fail(message: str, name: str) -> None:
        errors.append(ValidationError(message, field=name))

    grid = _grid(actor, data.grid_id, fail)
    category = clean(data.category)
    if category not in dict(refdata.codes().items("place_category")):
        fail(f"场所类别应为{'、'.join(c for c, _ in refdata.codes().items('place_category'))}之一", "category")
    name = _line(data.name)
    if not name:
        fail("请填写场所名称", "name")
    elif len(name) > 100:
        fail("场所名称不能超过100个字", "name")
    address = _line(data.address)
    if len(address) > 200:
        fail("地址不能超过200个字", "address")
    contact = None
    if data.contact_person_id is not None:
        contact = Person.get_or_none((Person.id == data.contact_person_id) & Person.deleted_at.is_null())
        if contact is None:
            fail("联系人不存在或已删除", "contact_person_id")
        elif not in_scope(actor, contact):
            fail("联系人不在您的管辖范围内", "contact_person_id")
            contact = None
    contact_name = clean(data.contact_name) or (contact.name if contact else "")
    if len(contact_name) > 64:
        fail("联系人姓名不能超过64个字", "contact_name")
    phone = clean(data.contact_phone) or (contact.phone if contact and contact.phone else "")
    if phone:
        try:
            phone = ids.validate_phone(phone, field="联系电话")
        except ValidationError as exc:
            fail(exc.message, "contact_phone")
    notes = clean_multiline(data.notes)
    if len(notes) > 2000:
        fail("备注不能超过2000个字", "notes")
    if errors:
        raise errors[0] if len(errors) == 1 else ValidationErrors(errors)
    return dict(grid=grid, village_code=grid.village_code, township_code=grid.township_code,
                county_code=grid.county_code, category=category, name=name, address=address,
                contact=contact, contact_name=contact_name or None, contact_phone=phone or None, notes=notes or None)


def _grid(actor: Actor, grid_id: int | None, fail) -> Grid | None:
    if grid_id is None:
        if actor.role == GRID_WORKER and len(actor.grid_ids) == 1:
            grid_id = actor.grid_ids[0]
        else:
            fail("请选择场所所在的网格", "grid_id")
            return None
    grid = Grid.get_or_none((Grid.id == grid_id) & Grid.deleted_at.is_null())
    if grid is None:
        fail("网格不存在", "grid_id")
        return None
    if not in_scope(actor, grid):
        raise PermissionDenied(f"{grid.name}不在您的管辖范围内")
    return grid


def _line(text: str | None) -> str:
    """One line of free text: white space collapsed, Chinese punctuation kept as typed."""
    return one_line(text)


def _plain(value):
    if isinstance(value, pw.Model):
        return value.id
    return value


def _rows(places: list[Place], *, mask: bool) -> list[PlaceRow]:
    if not places:
        return []
    ids_ = [p.id for p in places]
    grids = dict(Grid.select(Grid.id, Grid.name).where(Grid.id.in_({p.grid_id for p in places})).tuples())
    villages = dict(Division.select(Division.code, Division.name).where(
        Division.code.in_({p.village_code for p in places})).tuples())
    last = dict(Visit.select(Visit.place, pw.fn.MAX(Visit.visited_at)).where(
        Visit.place.in_(ids_) & Visit.deleted_at.is_null()).group_by(Visit.place).tuples())
    hazards = dict(Event.select(Event.place, pw.fn.COUNT(Event.id)).where(
        Event.place.in_(ids_) & (Event.kind == HAZARD) & Event.state.in_(sorted(workflow.OPEN_STATES))
        & Event.deleted_at.is_null()).group_by(Event.place).tuples())
    out = []
    for p in places:
        phone = p.contact_phone or ""
        last_at = last.get(p.id)
        if isinstance(last_at, str):
            last_at = dt.datetime.fromisoformat(last_at)
        out.append(PlaceRow(
            id=p.id, uid=p.uid, version=p.version, grid_id=p.grid_id, grid_name=grids.get(p.grid_id, ""),
            village_code=p.village_code, village_name=villages.get(p.village_code, p.village_code),
            category=p.category, name=p.name, address=p.address, contact_person_id=p.contact_id,
            contact_name=p.contact_name or "", contact_phone=ids.mask_phone(phone) if mask and phone else phone,
            notes=p.notes or "", last_inspected=last_at, open_hazards=hazards.get(p.id, 0),
            deleted=p.deleted_at is not None))
    return out


def _check_category(category: str) -> str:
    category = clean(category)
    if category not in dict(refdata.codes().items("place_category")):
        raise ValidationError(f"未知的场所类别：{category}", field="category")
    return category


def _check_item_text(text: str) -> str:
    text = clean(text)
    if not text:
        raise ValidationError("请填写巡查项目名称", field="text")
    if len(text) > 100:
        raise ValidationError("巡查项目名称不能超过100个字", field="text")
    return text


def _check_hazard(code: str) -> str:
    codes = refdata.codes()
    found = codes.code("hazard_category", clean(code))
    if found is None:
        raise ValidationError(f"隐患类别应为{'、'.join(n for _, n in codes.items('hazard_category'))}之一",
                              field="hazard_category")
    return found


def _item_row(item: ChecklistItem) -> ChecklistItemRow:
    return ChecklistItemRow(id=item.id, category=item.place_category, text=item.text, sort=item.sort,
                            hazard_category=item.hazard_category,
                            hazard_name=refdata.codes().name("hazard_category", item.hazard_category,
                                                             item.hazard_category),
                            active=item.active)

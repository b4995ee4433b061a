"""Households (户): register, search, edit, move to another grid, change the head, soft delete, restore.

Invariants kept here: every live household has exactly one live head (户主, relation 02); its
members carry the household's grid and division codes (moved with it); a household and the
members it had are deleted and restored together. Every change bumps ``version`` and writes an
audit row with the changed fields.
"""
from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

import peewee as pw

from gridapp import ids, refdata, text
from gridapp.errors import DuplicateError, NotFoundError, PermissionDenied, ValidationError
from gridapp.models import Division, Grid, Household, Person, PersonTag, database, now
from gridapp.services import audit, people, search
from gridapp.services.actor import Actor, division_name, in_scope, scope_filter
from gridapp.services.grids import load_grid
from gridapp.services.people import PersonInput, PersonRow

HOUSEHOLD_FIELDS = ("grid_id", "village_code", "township_code", "county_code", "number", "address",
                    "reg_type", "housing", "phone", "notes")
HOUSEHOLD_SORTS = ("number", "head", "address", "members", "grid", "reg_type")
NUMBER_MAX = 32


@dataclass(frozen=True)
class HouseholdQuery:
    text: str = ""
    township_code: str | None = None
    village_code: str | None = None
    grid_id: int | None = None
    category: str | None = None  # a live member has a live tag of this person category
    residence: str | None = None  # a live member has this residence status
    deleted: bool = False  # True: the 回收站 only
    sort: str = "number"
    descending: bool = False


@dataclass(frozen=True)
class HouseholdRow:
    id: int
    uid: str
    version: int
    number: str
    head_name: str
    address: str
    member_count: int
    grid_id: int
    grid_name: str
    village_name: str
    reg_type: str
    housing: str
    tags: tuple[str, ...]
    phone_masked: str
    deleted_at: dt.datetime | None


@dataclass(frozen=True)
class HouseholdInput:
    grid_id: int
    number: str
    address: str = ""
    reg_type: str = "户籍户"
    housing: str = "自有"
    phone: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class HouseholdDetail:
    id: int
    uid: str
    version: int
    number: str
    head_name: str
    address: str
    member_count: int
    grid_id: int
    grid_name: str
    village_name: str
    reg_type: str
    housing: str
    tags: tuple[str, ...]
    phone_masked: str
    deleted_at: dt.datetime | None
    phone: str | None  # masked unless ``revealed``
    notes: str | None
    township_name: str
    village_code: str
    township_code: str
    created_at: dt.datetime
    updated_at: dt.datetime
    members: tuple[PersonRow, ...]  # head first, then by relation
    revealed: bool = False


# --------------------------------------------------------------------------- reading
def _where(actor: Actor, query: HouseholdQuery, *, with_text: bool = True) -> pw.Expression:
    """The households the query lists (without ``with_text``: before the search text is applied)."""
    if query.deleted:
        where = scope_filter(actor, Household) & Household.deleted_at.is_null(False)
        member_live = pw.SQL("1 = 1")
    else:
        where = scope_filter(actor, Household) & Household.deleted_at.is_null()
        member_live = Person.deleted_at.is_null()
    listed = where
    if query.township_code:
        where &= Household.township_code == query.township_code
    if query.village_code:
        where &= Household.village_code == query.village_code
    if query.grid_id:
        where &= Household.grid == query.grid_id
    if query.category:
        tagged = (Person.select(Person.household).join(PersonTag, on=(PersonTag.person == Person.id))
                  .where(people.tag_filter(actor, query.category) & member_live))
        where &= Household.id.in_(tagged)
    if query.residence:
        where &= Household.id.in_(Person.select(Person.household)
                                  .where((Person.residence == query.residence) & member_live))
    match = search.classify(query.text) if with_text else None
    if match is not None:
        where &= search.household_condition(match, member_live, listed, people.search_township(actor, query))
    return where


def _members_alive(person=Person, household=Household, deleted: bool | None = None) -> pw.Expression:
    """The members a household row counts: live ones, or for a deleted household those deleted
    with it. ``deleted`` says which kind of household is listed, when known: the plain
    ``deleted_at IS NULL`` of live lists lets SQLite use the partial index of heads."""
    if deleted is False:
        return person.deleted_at.is_null()
    if deleted is True:
        return person.deleted_at == household.deleted_at
    return ((person.deleted_at.is_null() & household.deleted_at.is_null())
            | (person.deleted_at == household.deleted_at))


def count(actor: Actor, query: HouseholdQuery = HouseholdQuery(), *, up_to: int | None = None) -> int:
    """How many households the query finds (a search also keeps its first page, see FirstPages).

    With ``up_to`` counting stops past it, and a result above ``up_to`` only says there are more
    (see people.count): a broad search counts to ``up_to`` and keeps the first page it walked."""
    where = _where(actor, query)
    if search.classify(query.text) is None:
        return search.count_up_to(Household.select(Household.id).where(where), up_to)
    if up_to is not None:
        first = _walked_ids(actor, query, 0, search.PAGE)
        if first is not None:
            search.FIRST_PAGES.keep("household", actor, query, first)
            return _count_matches(actor, query, search.classify(query.text), up_to)
    plain = Household.select(pw.fn.COUNT(Household.id)).where(where)
    return search.FIRST_PAGES.count("household", actor, query, _ordered_ids(query, where), plain)


def _count_matches(actor: Actor, query: HouseholdQuery, match: search.Match, up_to: int | None) -> int:
    """The number of live households a search finds (to ``up_to`` + 1 at most), as the union of
    its arms, each with every condition of the list inside it and each a query the database can
    stream and stop: households with a member whose keys or name match, and households whose
    own address, phone or 户号 match (see people._count_matches)."""
    listed = _where(actor, query, with_text=False)
    value = match.value

    def with_members(condition=None) -> pw.ModelSelect:
        found = (Household.select(Household.id).distinct()
                 .join(Person, on=(Person.household == Household.id))
                 .where(listed & Person.deleted_at.is_null()))
        return found.where(condition) if condition is not None else found

    arms = []
    if match.kind in ("name", "mixed"):
        if search.could_be_name(value):
            arms.append(search.with_text(with_members(), Person, value))
        arms.append(search.with_text(Household.select(Household.id).where(listed), Household, value))
    else:
        arms.extend(with_members(arm) for arm in search.person_arms(match, people.search_township(actor, query)))
    if match.kind in ("tail", "phone") and value.replace("-", "").isdigit():
        arms.append(Household.select(Household.id).where(
            listed & search.prefix(Household.phone_rev, ids.reverse_key(value))))
    if match.kind in ("tail", "phone", "mixed") and len(value) <= 32:
        arms.append(Household.select(Household.id).where(listed & (Household.number == value)))
    return search.count_arms([arm for arm in arms if arm is not None], up_to)


def page(actor: Actor, query: HouseholdQuery = HouseholdQuery(), offset: int = 0,
         limit: int = 200) -> list[HouseholdRow]:
    """One page of households, filtered and sorted in SQL: three queries whatever the page size."""
    wanted = search.FIRST_PAGES.ids("household", actor, query, offset, limit)
    if wanted is None:
        wanted = _walked_ids(actor, query, offset, limit)
    if wanted is None:
        ordered = _ordered_ids(query, _where(actor, query))
        wanted = [r[0] for r in ordered.offset(offset).limit(limit).tuples()]
    rows = {r.id: r for r in _rows(actor, Household.id.in_(wanted), deleted=query.deleted)}
    return [rows[i] for i in wanted]


def _walked_ids(actor: Actor, query: HouseholdQuery, offset: int, limit: int) -> list[int] | None:
    """A page of a broad search of live households by 户号, found by walking the list in 户号 order
    (see search.is_broad); None when the search is narrow or the walk fell short."""
    match = search.classify(query.text)
    if match is None or query.sort != "number" or query.deleted:
        return None
    needed = offset + limit
    members, own = search.key_ids(match, people.search_township(actor, query)), search.address_ids(match)
    rows = Household.select(pw.fn.MAX(Household.id)).scalar() or 0
    if not search.is_broad(members + own, needed, rows):
        return None
    base = _where(actor, query, with_text=False)
    listed = _where(actor, HouseholdQuery(), with_text=False)
    order = _sort_keys(query)
    bound = search.walk_bound(Household.select().where(listed), Household.number, query.descending)
    if bound is not None:
        base &= bound
    # each row is tested by its own columns and its members' (see people._walked_ids)
    kind, value = match.kind, match.value
    member = Person.alias()
    hits = search.person_arms(match, on_row=True, person=member)
    if kind in ("name", "mixed"):
        hits.append(search.token_like(Household.addr_tokens, value))
    if kind in ("tail", "phone") and value.replace("-", "").isdigit():
        hits.append(search.prefix(search.unindexed(Household.phone_rev), ids.reverse_key(value)))
    if kind in ("tail", "phone", "mixed") and len(value) <= 32:
        hits.append(Household.number == value)
    hit = reduce(operator.or_, [h for h in hits if h is not None])
    # the number is selected too: PostgreSQL wants a DISTINCT query's ORDER BY in its select list
    walk = (Household.select(Household.id, Household.number).distinct()
            .join(member, pw.JOIN.LEFT_OUTER, on=((member.household == Household.id) & member.deleted_at.is_null()))
            .where(base & hit).order_by(*order).limit(needed))
    found = [r[0] for r in walk.tuples()]
    if len(found) < needed and bound is not None:
        return None  # the matches lie further down the list
    return found[offset:]


def _ordered_ids(query: HouseholdQuery, where: pw.Expression) -> pw.ModelSelect:
    """The ids of the households found, in the query's order."""
    ids_query = Household.select(Household.id).where(where)
    if query.sort == "grid":
        ids_query = ids_query.join(Grid, on=(Grid.id == Household.grid))
    return ids_query.order_by(*_sort_keys(query))


def _sort_keys(query: HouseholdQuery) -> list:
    """The ORDER BY of the query's sort (the id last, so the order is total)."""
    if query.sort not in HOUSEHOLD_SORTS:
        raise ValidationError(f"不支持的排序方式：{query.sort}", field="sort")
    member = Person.alias()
    alive = _members_alive(member, deleted=query.deleted)
    order = {
        "number": [Household.number],
        "head": [member.select(member.pinyin).where((member.household == Household.id) & member.is_head & alive)
                 .limit(1)],
        "address": [Household.address, Household.number],
        "members": [member.select(pw.fn.COUNT(member.id)).where((member.household == Household.id) & alive),
                    Household.number],
        "grid": [Grid.code, Household.number],
        "reg_type": [Household.reg_type, Household.number],
    }[query.sort] + [Household.id]
    if query.descending:
        order = [people.flip(o) for o in order]
    return order


def _rows(actor: Actor, where: pw.Expression, deleted: bool | None = None) -> list[HouseholdRow]:
    member = Person.alias()
    alive = _members_alive(member, deleted=deleted)
    head = (member.select(member.name).where((member.household == Household.id) & member.is_head & alive)
            .limit(1))
    size = member.select(pw.fn.COUNT(member.id)).where((member.household == Household.id) & alive)
    columns = (Household.id, Household.uid, Household.version, Household.number, Household.address, Household.grid,
               Household.village_code, Household.reg_type, Household.housing, Household.phone, Household.deleted_at)
    households = list(Household.select(*columns, head.alias("head_name"), size.alias("member_count"),
                                       Grid.name.alias("grid_name"), Division.name.alias("village_name"))
                      .join(Grid, on=(Grid.id == Household.grid))
                      .switch(Household)
                      .join(Division, pw.JOIN.LEFT_OUTER, on=(Division.code == Household.village_code))
                      .where(where).dicts())
    tags = _tags(actor, [h["id"] for h in households])
    return [HouseholdRow(id=h["id"], uid=h["uid"], version=h["version"], number=h["number"],
                         head_name=h["head_name"] or "", address=h["address"], member_count=h["member_count"],
                         grid_id=h["grid"], grid_name=h["grid_name"], village_name=h["village_name"] or h["village_code"],
                         reg_type=h["reg_type"], housing=h["housing"], tags=tags.get(h["id"], ()),
                         phone_masked=ids.mask_phone(h["phone"]) if h["phone"] else "", deleted_at=h["deleted_at"])
            for h in households]


def _tags(actor: Actor, household_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Names of the live tags of the members, per household, sensitive ones only for those allowed."""
    if not household_ids:
        return {}
    c = refdata.codes()
    order = {code: i for i, (code, _) in enumerate(c.items("person_category"))}
    hidden = people.hidden_categories(actor)
    found: dict[int, set[str]] = {}
    query = (PersonTag.select(Person.household, PersonTag.category, PersonTag.sensitive)
             .join(Person, on=(Person.id == PersonTag.person))
             .join(Household, on=(Household.id == Person.household))
             .where(Person.household.in_(household_ids) & people.live_tag() & _members_alive())
             .distinct().tuples())
    for household_id, category, sensitive in query:
        if category in hidden or (sensitive and not actor.can_see_sensitive):
            continue
        found.setdefault(household_id, set()).add(category)
    return {hid: tuple(c.name("person_category", k, k) for k in sorted(cats, key=lambda k: order.get(k, 999)))
            for hid, cats in found.items()}


def _load(actor: Actor, household_id: int, *, deleted: bool | None = False) -> Household:
    household = Household.get_or_none(Household.id == household_id)
    if household is None or (deleted is False and household.deleted_at is not None):
        raise NotFoundError("该户不存在或已删除")
    if deleted is True and household.deleted_at is None:
        raise NotFoundError("该户不在回收站中")
    if not in_scope(actor, household):
        raise PermissionDenied(f"户号 {household.number} 不在您的管辖范围内")
    return household


def get(actor: Actor, household_id: int) -> HouseholdDetail:
    """One household with its members (also from the 回收站); phone masked."""
    return _detail(actor, _load(actor, household_id, deleted=None), revealed=False)


def reveal(actor: Actor, household_id: int) -> HouseholdDetail:
    """The household with its full phone number; the view is written to the audit log."""
    if not actor.can_unmask:
        raise PermissionDenied("您无权查看完整的电话号码")
    household = _load(actor, household_id, deleted=None)
    with database.atomic():
        audit.record(actor, "view_sensitive", "household", household.uid, {"fields": ["phone"]})
    return _detail(actor, household, revealed=True)


def _detail(actor: Actor, household: Household, *, revealed: bool) -> HouseholdDetail:
    row = _rows(actor, Household.id == household.id, deleted=household.deleted_at is not None)[0]
    members = people.members_of(actor, household)
    fields = {f: getattr(row, f) for f in HouseholdRow.__dataclass_fields__}
    phone = household.phone
    return HouseholdDetail(
        **fields, phone=(phone if revealed else ids.mask_phone(phone)) if phone else None, notes=household.notes,
        township_name=division_name(household.township_code), village_code=household.village_code,
        township_code=household.township_code, created_at=household.created_at,
        updated_at=household.updated_at, members=tuple(members), revealed=revealed)


def next_number(actor: Actor, grid_id: int) -> str:
    """A free 户号 for a new household in the grid's village: one past the highest numeric one."""
    grid = load_grid(actor, grid_id)
    numbers = [n for (n,) in Household.select(Household.number).where(Household.village_code == grid.village_code)
               .tuples() if n.isdigit()]
    if not numbers:
        return "0001"
    top = max(numbers, key=int)
    return str(int(top) + 1).zfill(len(top))


# --------------------------------------------------------------------------- writing
def _clean(actor: Actor, data: HouseholdInput, errors: list[ValidationError]) -> tuple[dict, Grid | None]:
    values: dict = {}
    grid = None
    try:
        grid = load_grid(actor, data.grid_id)
    except ValidationError as exc:
        errors.append(exc)
    number = text.clean(data.number).replace(" ", "")
    if not number:
        errors.append(ValidationError("户号不能为空", field="number"))
    elif len(number) > NUMBER_MAX:
        errors.append(ValidationError(f"户号不能超过{NUMBER_MAX}个字符", field="number"))
    values["number"] = number
    address = text.clean(data.address)
    if len(address) > 200:
        errors.append(ValidationError("现住址不能超过200个字", field="address"))
    values["address"] = address
    c = refdata.codes()
    for field, table, label, default in (("reg_type", "reg_type", "户类型", "户籍户"),
                                         ("housing", "housing", "住房情况", "自有")):
        value = text.clean(getattr(data, field)) or default
        code = c.code(table, value)
        if code is None:
            allowed = "、".join(n for _, n in c.items(table))
            errors.append(ValidationError(f"{label}只能是{allowed}，实际为“{value}”", field=field))
        values[field] = code or default
    phone = ids.normalize_phone(data.phone)
    if phone:
        try:
            phone = ids.validate_phone(phone)
        except ValidationError as exc:
            errors.append(ValidationError(exc.message, field="phone"))
    values["phone"] = phone or None
    notes = text.clean_multiline(data.notes)
    if len(notes) > 2000:
        errors.append(ValidationError("备注不能超过2000个字", field="notes"))
    values["notes"] = notes or None
    return values, grid


def _check_number(number: str, village_code: str, exclude_id: int | None = None) -> None:
    where = ((Household.village_code == village_code) & (Household.number == number)
             & Household.deleted_at.is_null())
    if exclude_id is not None:
        where &= Household.id != exclude_id
    other = Household.get_or_none(where)
    if other is not None:
        head = Person.get_or_none((Person.household == other.id) & Person.is_head & Person.deleted_at.is_null())
        who = f"（户主 {head.name}）" if head else ""
        raise DuplicateError(f"户号 {number} 在{division_name(village_code)}已被使用{who}",
                             field="number", existing=other.uid)


def _place(household: Household, grid: Grid) -> None:
    household.grid = grid.id
    household.village_code = grid.village_code
    household.township_code = grid.township_code
    household.county_code = grid.county_code


def set_keys(household: Household) -> None:
    """The search keys of a household row: address tokens and the reversed phone (for its tail)."""
    household.addr_tokens = text.tokens(household.address)
    household.phone_rev = ids.reverse_key(household.phone) or None


def create(actor: Actor, data: HouseholdInput, head: PersonInput, members: Sequence[PersonInput] = (),
           confirm: bool = False) -> HouseholdDetail:
    """A new household with its head (relation 02) and members, in one transaction.

    Field errors of the head and members are named ``head.<field>`` and ``members[i].<field>``.
    """
    people.require_writer(actor)
    errors: list[ValidationError] = []
    values, grid = _clean(actor, data, errors)
    cleaned = [("head.", people.clean_person(actor, head, errors, in_household=True, is_head=True,
                                             prefix="head."))]
    for i, member in enumerate(members):
        prefix = f"members[{i}]."
        cleaned.append((prefix, people.clean_person(actor, member, errors, in_household=True, is_head=False,
                                                    prefix=prefix)))
    seen: dict[str, str] = {}
    for prefix, c in cleaned:
        number = c.values["id_number"]
        if number and number in seen:
            errors.append(ValidationError(f"公民身份号码与{seen[number]}重复", field=prefix + "id_number"))
        elif number:
            seen[number] = c.values["name"] or "另一成员"
    people._raise(errors)
    with database.atomic():
        _check_number(values["number"], grid.village_code)
        for prefix, c in cleaned:
            dup = people.duplicate_id_error(c.values["id_number"], field=prefix + "id_number")
            if dup:
                raise dup
            if not confirm:
                people.check_similar(c.values, grid.village_code, field=prefix + "name")
        at = now()
        household = Household(**values, created_at=at, updated_at=at, created_by=actor.login,
                              updated_by=actor.login)
        _place(household, grid)
        set_keys(household)
        household.save(force_insert=True)
        audit.record(actor, "create", "household", household.uid,
                     audit.diff({}, people.snapshot(household, HOUSEHOLD_FIELDS)))
        for i, (_, c) in enumerate(cleaned):
            people.insert_person(actor, c, household=household, grid=None, is_head=i == 0, at=at)
    return get(actor, household.id)


def update(actor: Actor, household_id: int, data: HouseholdInput, version: int) -> HouseholdDetail:
    """Change the household's fields; a different grid moves it (and its members) there."""
    people.require_writer(actor)
    household = _load(actor, household_id)
    people.check_version(household, version)
    data = people.unmask_input(data, None, household.phone)
    errors: list[ValidationError] = []
    values, grid = _clean(actor, data, errors)
    people._raise(errors)
    with database.atomic():
        _check_number(values["number"], grid.village_code, household.id)
        before = people.snapshot(household, HOUSEHOLD_FIELDS)
        for key, value in values.items():
            setattr(household, key, value)
        moved = grid.id != household.grid_id
        if moved:
            _place(household, grid)
        changes = audit.diff(before, people.snapshot(household, HOUSEHOLD_FIELDS))
        if changes:
            at = now()
            set_keys(household)
            people.touch(household, actor, at)
            people.save_checked(household, version)
            if moved:
                _move_members(actor, household, at)
            audit.record(actor, "move" if moved else "update", "household", household.uid, changes)
    return get(actor, household.id)


def move(actor: Actor, household_id: int, grid_id: int, *, version: int | None = None) -> HouseholdDetail:
    """Move the household, with its members, to another grid (possibly in another village)."""
    people.require_writer(actor)
    household = _load(actor, household_id)
    people.check_version(household, version)
    grid = load_grid(actor, grid_id)
    if grid.id == household.grid_id:
        return get(actor, household.id)
    with database.atomic():
        _check_number(household.number, grid.village_code, household.id)
        before = people.snapshot(household, HOUSEHOLD_FIELDS)
        at = now()
        _place(household, grid)
        people.touch(household, actor, at)
        people.save_checked(household, household.version - 1)
        _move_members(actor, household, at)
        audit.record(actor, "move", "household", household.uid,
                     audit.diff(before, people.snapshot(household, HOUSEHOLD_FIELDS)))
    return get(actor, household.id)


def _move_members(actor: Actor, household: Household, at: dt.datetime) -> None:
    """Carry the household's grid and division codes to all its members (those in the 回收站 too)."""
    (Person.update(grid=household.grid_id, village_code=household.village_code,
                   township_code=household.township_code, county_code=household.county_code,
                   version=Person.version + 1, updated_at=at, updated_by=actor.login)
     .where(Person.household == household.id).execute())


def delete(actor: Actor, household_id: int, *, version: int | None = None) -> None:
    """Move the household and its live members to the 回收站 (one timestamp, restored together).

    The timestamp is what ties the members to the household: it is moved on by a second if a
    member deleted earlier on its own has the same one, so that member stays deleted on restore.
    """
    people.require_writer(actor)
    household = _load(actor, household_id)
    people.check_version(household, version)
    at = now()
    with database.atomic():
        members = list(Person.select().where((Person.household == household.id) & Person.deleted_at.is_null()))
        earlier = {p.deleted_at for p in Person.select(Person.deleted_at).where(
            (Person.household == household.id) & Person.deleted_at.is_null(False))}
        while at in earlier:
            at += dt.timedelta(seconds=1)
        for person in members:
            person.deleted_at = at
            people.touch(person, actor, at)
            person.save()
            audit.record(actor, "delete", "person", person.uid, {"deleted_at": [None, at.isoformat()],
                                                                 "household": household.uid})
        household.deleted_at = at
        people.touch(household, actor, at)
        people.save_checked(household, household.version - 1)
        audit.record(actor, "delete", "household", household.uid,
                     {"deleted_at": [None, at.isoformat()], "members": [p.uid for p in members]})


def restore(actor: Actor, household_id: int) -> HouseholdDetail:
    """Bring the household back from the 回收站 with the members deleted with it.

    Refused when its 户号 or a member's ID number is now used by a live record.
    """
    people.require_writer(actor)
    household = _load(actor, household_id, deleted=True)
    if Grid.get_or_none((Grid.id == household.grid_id) & Grid.deleted_at.is_null()) is None:
        raise ValidationError("该户所属的网格已删除，请先把该户移到其他网格", field="grid_id")
    members = list(Person.select().where((Person.household == household.id)
                                         & (Person.deleted_at == household.deleted_at)))
    with database.atomic():
        _check_number(household.number, household.village_code, household.id)
        for person in members:
            dup = people.duplicate_id_error(person.id_number, person.id)
            if dup:
                raise DuplicateError(f"无法恢复：成员{person.name}的{dup.message}", field="id_number",
                                     existing=dup.existing)
        at = now()
        before = household.deleted_at
        for person in members:
            person.deleted_at = None
            people.touch(person, actor, at)
            person.save()
            audit.record(actor, "restore", "person", person.uid,
                         {"deleted_at": [before.isoformat(), None], "household": household.uid})
        household.deleted_at = None
        people.touch(household, actor, at)
        household.save()
        audit.record(actor, "restore", "household", household.uid,
                     {"deleted_at": [before.isoformat(), None], "members": [p.uid for p in members]})
    return get(actor, household.id)


def set_head(actor: Actor, household_id: int, person_id: int,
             relations: dict[int, str] | None = None) -> HouseholdDetail:
    """Make another member the head in one action.

    The new head gets relation 02; the old head gets ``relations[old_id]`` or the suggested
    relation (see ``suggest_relations``); other members' relations change only as given.
    """
    people.require_writer(actor)
    household = _load(actor, household_id)
    old = Person.get_or_none((Person.household == household.id) & Person.is_head & Person.deleted_at.is_null())
    relations = dict(relations or {})
    if old is not None and old.id != person_id and old.id not in relations:
        relations[old.id] = suggest_relations(actor, household_id, person_id)[old.id]
    with database.atomic():
        people.change_head(actor, household, person_id, relations)
        new = Person.get_by_id(person_id)
        if old is None or old.id != new.id:
            people.touch(household, actor)
            household.save()
            audit.record(actor, "update", "household", household.uid,
                         {"head": [old.uid if old else None, new.uid]})
    return get(actor, household.id)


def suggest_relations(actor: Actor, household_id: int, new_head_id: int) -> dict[int, str]:
    """Proposed relation codes of the other live members to ``new_head_id``, for the person who
    changes the head to confirm. Derived from each one's relation to the old head; where that
    does not determine it, 97 其他亲属 (or 99 非亲属 for non-relatives)."""
    household = _load(actor, household_id)
    members = {p.id: p for p in Person.select().where((Person.household == household.id)
                                                        & Person.deleted_at.is_null())}
    new = members.get(new_head_id)
    if new is None:
        raise ValidationError("新户主必须是本户的在册成员", field="new_head_id")
    old = next((p for p in members.values() if p.is_head), None)
    if old is None or old.id == new.id:
        return {pid: p.relation for pid, p in members.items() if pid != new.id}
    groups = [_group(p.relation) for p in members.values()]
    return {pid: (_old_head_to_new(p, new) if p.id == old.id else _member_to_new(p, old, new, groups))
            for pid, p in members.items() if pid != new.id}


def _group(code: str | None) -> str:
    code = code or ""
    if code in ("10", "11", "12"):
        return "spouse"
    if code in ("28", "38"):
        return "child_in_law"
    if code[:1] in ("2", "3"):
        return "child"
    if code[:1] == "4":
        return "grandchild"
    if code in ("53", "54", "55", "56"):
        return "parent_in_law"
    if code[:1] == "5":
        return "parent"
    if code[:1] == "6":
        return "grandparent"
    if code[:1] == "7":
        return "sibling"
    if code in ("", "99"):
        return "none"
    return "relative"


def _by_sex(person: Person, male: str, female: str, unknown: str) -> str:
    return {"男": male, "女": female}.get(person.sex, unknown)


def _old_head_to_new(old: Person, new: Person) -> str:
    """The old head's relation to the new head, from the new head's relation to the old one."""
    r = new.relation or ""
    group = _group(r)
    if group == "spouse":
        return _by_sex(old, "11", "12", "10")
    if group == "child":
        return _by_sex(old, "57", "58", "50") if r in ("27", "37") else _by_sex(old, "51", "52", "50")
    if group == "child_in_law":
        return _by_sex(old, "55", "56", "50") if r == "28" else _by_sex(old, "53", "54", "50")
    if group == "parent":
        return _by_sex(old, "20", "30", "97")
    if group == "parent_in_law":
        return "38" if r in ("53", "54") else "28"
    if group == "grandchild":
        return _by_sex(old, "63", "64", "60") if r in ("43", "44") else _by_sex(old, "61", "62", "60")
    if group == "grandparent":
        return _by_sex(old, "43", "44", "40") if r in ("63", "64") else _by_sex(old, "41", "42", "40")
    if group == "sibling":
        if r in ("71", "75"):
            return _by_sex(old, "73", "77", "70")
        if r in ("73", "77"):
            return _by_sex(old, "71", "75", "70")
        return "70" if r == "70" else "79"
    return "99" if group == "none" else "97"


def _member_to_new(x: Person, old: Person, new: Person, groups: list[str]) -> str:
    """Another member's relation to the new head, from both relations to the old head."""
    gx, gn, rn = _group(x.relation), _group(new.relation), new.relation or ""
    if gx == "none":
        return "99"
    if gx == "spouse":
        if gn == "child":
            return _by_sex(x, "57", "58", "50") if rn in ("27", "37") else _by_sex(x, "51", "52", "50")
        if gn == "child_in_law":
            return _by_sex(x, "55", "56", "50") if rn == "28" else _by_sex(x, "53", "54", "50")
        if gn == "parent":
            return _by_sex(old, "38", "28", _by_sex(x, "28", "38", "97"))
        if gn == "grandchild":
            return _by_sex(x, "61", "62", "60")
    elif gx == "child":
        if gn == "spouse":
            return x.relation
        if gn == "child":
            return _sibling(x, new)
        if gn in ("parent", "parent_in_law"):
            via_son = rn in ("53", "54") or (rn not in ("55", "56") and old.sex == "男")
            return _by_sex(x, "41", "42", "40") if via_son else _by_sex(x, "43", "44", "40")
    elif gx == "child_in_law":
        if gn == "spouse":
            return x.relation
        if gn == "child" and groups.count("child_in_law") == 1:
            son = new.sex == "男" if new.sex else rn[:1] == "2"
            if (x.relation == "38") == son:
                return _by_sex(x, "11", "12", "10")
    elif gx == "grandchild":
        if gn == "child" and groups.count("child") == 1:
            return _by_sex(x, "20", "30", "97")
    elif gx == "parent":
        if gn == "spouse":
            if new.sex == "女":
                return _by_sex(x, "53", "54", "50")
            if new.sex == "男":
                return _by_sex(x, "55", "56", "50")
        if gn == "child":
            return _by_sex(old, _by_sex(x, "61", "62", "60"), _by_sex(x, "63", "64", "60"), "60")
        if gn == "sibling":
            return x.relation
    elif gx == "sibling":
        if gn == "sibling":
            return _sibling(x, new)
        if gn == "parent":
            return _by_sex(x, "20", "30", "97")
    return "97"


def _sibling(x: Person, new: Person) -> str:
    """兄/弟/姐/妹 of the new head by birth dates, else 70 兄弟姐妹."""
    if x.birth_date is None or new.birth_date is None or x.birth_date == new.birth_date:
        return "70"
    older = x.birth_date < new.birth_date
    return _by_sex(x, "71" if older else "73", "75" if older else "77", "70")

"""Importing a household register (户籍人口登记表): one row per person, households grouped by 户号.

Rules (the same as the household and people services, whose cleaning functions are reused):

* A household is its village + 户号. Its head is the row whose 与户主关系 is 户主/本人, or, when
  that cell is empty, whose 姓名 equals 户主姓名. A new household without a head row is refused
  (all its rows), and so are the other rows of a household whose head row is refused; an
  existing household keeps its head (a different person claiming to be head is refused).
* 与户主关系 is a GB/T 4761 name or code, or a common word for one (妻子 → 12 妻, 儿子 → 20 子,
  女儿 → 30 女 …). 人员类别 holds several category names separated by 、，, ; or /; an unknown
  one refuses the row and is named.
* A person is keyed by ID number (by name within the household when the row has none). A person
  already registered in another household is refused (moving people is done in the app). For an
  existing person only the cells the file fills in are compared; a difference updates the
  record (version + 1, audit row) and a blank cell never erases anything.
* 人口类型 gives the person's 人员状态 (户籍人口 → 户籍在册, 流动人口 → 流动, 常住 …) and, on the head
  row, the household's 户类型 (流动人口 → 流动户; 空挂户 and 人户分离户 are accepted as such).

New households, persons and tags are inserted in bulk (one ``import`` audit row describes the
whole import); updates of existing records are written one by one with their own audit rows.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gridapp import refdata
from gridapp.errors import GridappError, ValidationError
from gridapp.importers import Batch, Context, RowProblems, bulk_insert
from gridapp.importers.cells import (
    check_phone_text, clean_text, filled, long_text, parse_date, parse_id_cell, split_list, text_value,
)
from gridapp.importers.sheet import Column
from gridapp.models import Household, Person, PersonTag, new_uid, now
from gridapp.services import audit, households, people
from gridapp.services.actor import in_scope

COLUMNS = (
    Column("township", "乡镇(街道)", ("乡镇", "街道", "乡镇街道", "镇(街道)", "所属乡镇"),
           note="名称或9位代码；可不填，导入时选择单位"),
    Column("village", "村(社区)", ("村", "社区", "村社区", "村(居)", "村居", "所属村(社区)", "村(居)委会"),
           note="名称或12位代码；可不填，导入时选择单位"),
    Column("grid", "网格", ("所属网格", "网格名称"), note="网格名称；本村没有的网格会自动新建"),
    Column("number", "户号", ("户编号", "户籍编号"), required=True, note="必填；同一户的成员填同一户号"),
    Column("head_name", "户主姓名", ("户主",), note="同一户的成员填同一户主"),
    Column("name", "姓名", ("成员姓名", "人员姓名"), required=True, note="必填"),
    Column("relation", "与户主关系", ("与户主的关系", "关系"), note="户主、妻、子、女、父亲、母亲……"),
    Column("sex", "性别", (), note="男/女；有身份证号时可不填"),
    Column("ethnic", "民族", (), note="如 汉族"),
    Column("id_number", "公民身份号码", ("身份证号", "身份证号码", "证件号码", "身份证"),
           note="18位；请把本列设为“文本”格式"),
    Column("birth_date", "出生日期", ("出生年月日",), note="如 1985-03-12；有身份证号时可不填"),
    Column("phone", "联系电话", ("手机号", "电话", "手机", "手机号码", "联系方式"), note="11位手机号或0714-8123456"),
    Column("address", "现住址", ("居住地址", "住址", "现居住地址", "家庭住址"), note="户的地址"),
    Column("reg_address", "户籍地址", ("户籍地", "户籍所在地", "户籍地详址")),
    Column("population_type", "人口类型", ("户籍类型",), note="户籍人口/流动人口/常住/外出……"),
    Column("tags", "人员类别", ("重点人群", "标签", "特殊人群", "人员标签"),
           note="可填多个，用顿号（、）或逗号分隔"),
    Column("notes", "备注", ("说明备注",)),
)

HEAD_CODES = ("01", "02")
RELATION_WORDS = {
    "妻子": "12", "老婆": "12", "丈夫": "11", "老公": "11", "儿子": "20", "女儿": "30", "儿媳妇": "38",
    "媳妇": "38", "父": "51", "母": "52", "爸爸": "51", "妈妈": "52", "父子": "20", "母子": "20", "父女": "30",
    "母女": "30", "孙": "41", "外孙": "43", "哥哥": "71", "弟弟": "73", "姐": "75", "妹": "77", "侄儿": "93",
    "爷爷": "61", "奶奶": "62", "外公": "63", "外婆": "64", "租户": "99", "租客": "99", "保姆": "99",
    "亲属": "97", "其他亲戚": "97",
}
POPULATION_TYPES = {  # 人口类型 cell -> (人员状态, 户类型 implied on the head row or None)
    "户籍人口": ("户籍在册", "户籍户"), "户籍": ("户籍在册", "户籍户"), "户籍在册": ("户籍在册", None),
    "常住人口": ("常住", None), "常住": ("常住", None), "流动人口": ("流动", "流动户"), "流动": ("流动", "流动户"),
    "寄住人口": ("流动", "流动户"), "外出人口": ("外出", None), "外出": ("外出", None), "死亡": ("死亡", None),
    "迁出": ("迁出", None), "空挂户": ("户籍在册", "空挂户"), "人户分离": ("户籍在册", "人户分离户"),
    "人户分离户": ("户籍在册", "人户分离户"), "户籍户": ("户籍在册", "户籍户"), "流动户": ("流动", "流动户"),
}
PERSON_COLUMNS = {"name": "name", "id_number": "id_number", "sex": "sex", "birth_date": "birth_date",
                  "ethnic": "ethnic", "relation": "relation", "phone": "phone", "residence": "population_type",
                  "tags": "tags", "notes": "notes"}
UPDATABLE = ("name", "sex", "birth_date", "ethnic", "relation", "phone", "residence", "notes", "reg_address")
CHUNK = 400


@dataclass
class _Member:
    row: object
    problems: RowProblems
    village: str
    grid: tuple
    number: str
    head_name: str | None
    is_head: bool
    cleaned: people.CleanPerson
    given: set
    address: str | None
    reg_type: str | None
    reg_address: str | None
    existing: Person | None = None
    household_key: tuple = ()
    grid_error: str | None = None


@dataclass
class _Plan:
    new_households: list = field(default_factory=list)  # (key, members, values)
    new_members: list = field(default_factory=list)  # (household Household, members) for existing households
    updates: list = field(default_factory=list)  # (Person, changes dict, new tags)
    household_updates: list = field(default_factory=list)  # (Household, changes dict)


def _relation_code(value) -> str | None:
    """The GB/T 4761 code of a relation cell (a name, a code or a common word); the text itself
    when unknown, so the people service names it in its message."""
    text = clean_text(value).replace(" ", "")
    if not text:
        return None
    return RELATION_WORDS.get(text) or refdata.codes().code("relation", text) or text


def _parse_row(ctx: Context, row, columns: dict) -> _Member | RowProblems:
    v = row.values
    problems = RowProblems(ctx.table, columns)
    village = grid = number = None
    try:
        township = ctx.places.township(v.get("township"))
    except GridappError as exc:
        problems.add("township", exc.message)
        township = None
    if not problems:
        try:
            village = ctx.places.village(township, v.get("village"))
        except GridappError as exc:
            problems.add("village", exc.message)
    grid_error = None
    if village:
        try:
            grid = ctx.places.grid(village, v.get("grid"))
        except GridappError as exc:
            grid_error = exc.message  # matters only for a row that creates a household
    number = clean_text(v.get("number")).replace(" ", "")
    if not number:
        problems.add("number", "不能为空")
    elif len(number) > households.NUMBER_MAX:
        problems.add("number", f"不能超过{households.NUMBER_MAX}个字符")
    head_name = people.normalize_name(v.get("head_name")) or None
    name = people.normalize_name(v.get("name"))

    relation = _relation_code(v.get("relation"))
    is_head = relation in HEAD_CODES or (relation is None and head_name is not None and name == head_name)

    population = clean_text(v.get("population_type")).replace(" ", "")
    residence, reg_type = None, None
    if population:
        if population not in POPULATION_TYPES:
            allowed = "、".join(k for k in POPULATION_TYPES if k.endswith(("人口", "户")))
            problems.add("population_type", f"“{population}”无法识别（可填 {allowed} 等）")
        else:
            residence, reg_type = POPULATION_TYPES[population]

    birth = sex_text = None
    try:
        birth = parse_date(v.get("birth_date"), "出生日期")
    except ValidationError as exc:
        problems.error("birth_date", exc)
    id_number = None
    try:
        id_number = parse_id_cell(v.get("id_number"), "公民身份号码")
    except ValidationError as exc:
        problems.error("id_number", exc)
    sex_text = clean_text(v.get("sex")) or None
    phone = clean_text(v.get("phone"))
    try:
        check_phone_text(phone, "联系电话")
    except ValidationError as exc:
        problems.error("phone", exc)
        phone = ""
    address = reg_address = notes = None
    for fld, label, maxlen in (("address", "现住址", 200), ("reg_address", "户籍地址", 200)):
        try:
            value = text_value(v.get(fld), label, max_len=maxlen)
        except ValidationError as exc:
            problems.error(fld, exc)
            value = None
        if fld == "address":
            address = value
        else:
            reg_address = value
    try:
        notes = long_text(v.get("notes"), "备注")
    except ValidationError as exc:
        problems.error("notes", exc)
    tags = tuple(people.TagInput(category=t) for t in split_list(v.get("tags")))

    data = people.PersonInput(name=name, id_number=id_number, sex=sex_text, birth_date=birth,
                              ethnic=clean_text(v.get("ethnic")) or None, relation=relation or "",
                              phone=phone or None, residence=residence or "", notes=notes, tags=tags)
    errors: list[ValidationError] = []
    cleaned = people.clean_person(ctx.actor, data, errors, in_household=True, is_head=is_head)
    for exc in errors:
        problems.add(PERSON_COLUMNS.get(exc.field or ""), exc.message)
    if not is_head and relation is None:
        problems.add("relation", "不能为空（户主填“户主”，其他成员填与户主的关系，如 妻、子、女）")
    if problems:
        return problems
    cleaned.values["reg_address"] = reg_address
    given = {f for f, col in (("name", "name"), ("sex", "sex"), ("birth_date", "birth_date"),
                              ("ethnic", "ethnic"), ("relation", "relation"), ("phone", "phone"),
                              ("residence", "population_type"), ("notes", "notes"),
                              ("reg_address", "reg_address"), ("id_number", "id_number"))
             if filled(v.get(col))}
    if id_number:
        given |= {"sex", "birth_date"}
    return _Member(row=row, problems=problems, village=village, grid=grid, number=number, head_name=head_name,
                   is_head=is_head, cleaned=cleaned, given=given, address=address, reg_type=reg_type,
                   reg_address=reg_address, household_key=(village, number), grid_error=grid_error)


def _chunks(items, size=CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _existing_people(numbers) -> dict[str, Person]:
    found: dict[str, Person] = {}
    for chunk in _chunks(numbers):
        for p in Person.select().where(Person.id_number.in_(chunk) & Person.deleted_at.is_null()):
            found[p.id_number] = p
    return found


def _existing_households(keys) -> tuple[dict, dict]:
    """{(village, number): Household} and {household id: [live members]}."""
    by_village: dict[str, set] = {}
    for village, number in keys:
        by_village.setdefault(village, set()).add(number)
    found: dict[tuple, Household] = {}
    for village, numbers in by_village.items():
        for chunk in _chunks(numbers):
            for h in Household.select().where((Household.village_code == village) & Household.number.in_(chunk)
                                              & Household.deleted_at.is_null()):
                found[(h.village_code, h.number)] = h
    members: dict[int, list] = {}
    for chunk in _chunks([h.id for h in found.values()]):
        for p in Person.select().where(Person.household.in_(chunk) & Person.deleted_at.is_null()):
            members.setdefault(p.household_id, []).append(p)
    return found, members


def _describe(ctx: Context, person: Person, household_numbers: dict) -> str:
    village = ctx.places.divisions.get(person.village_code)
    number = household_numbers.get(person.household_id)
    where = "，".join(x for x in ((village.name if village else ""), f"户号 {number}" if number else "未落户") if x)
    return f"{person.name}（{where}）"


def _changes(person: Person, member: _Member) -> dict:
    changes = {}
    if person.id_number is None and member.cleaned.values["id_number"]:
        changes["id_number"] = member.cleaned.values["id_number"]
    for f in UPDATABLE:
        if f not in member.given or (f == "relation" and person.is_head):
            continue
        new = member.cleaned.values.get(f)
        if new is not None and new != getattr(person, f):
            changes[f] = new
    return changes


def _new_tags(person_id: int | None, member: _Member, live: dict) -> list[dict]:
    have = live.get(person_id, set()) if person_id else set()
    return [t for t in member.cleaned.tags if t["category"] not in have]


def prepare(ctx: Context) -> Batch:
    columns = {c.field: c for c in COLUMNS}
    batch = Batch()
    members: list[_Member] = []
    rows = ctx.table.rows
    for i, row in enumerate(rows):
        if i % 200 == 0:
            ctx.check_cancel()
            ctx.step(i, len(rows) * 2)
        result = _parse_row(ctx, row, columns)
        if isinstance(result, RowProblems):
            batch.errors.append(result.row_error(row))
        else:
            members.append(result)

    first_row: dict[str, int] = {}
    unique: list[_Member] = []
    for m in members:
        number = m.cleaned.values["id_number"]
        if number and number in first_row:
            m.problems.add("id_number", f"与第{first_row[number]}行重复（同一人在文件中出现了两次）")
            batch.errors.append(m.problems.row_error(m.row))
            continue
        if number:
            first_row[number] = m.row.number
        unique.append(m)
    ctx.check_cancel()
    ctx.step(len(rows), len(rows) * 2)

    by_id = _existing_people(first_row)
    existing_households, existing_members = _existing_households({m.household_key for m in unique})
    numbers_of = {h.id: h.number for h in existing_households.values()}
    other_ids = {p.household_id for p in by_id.values() if p.household_id and p.household_id not in numbers_of}
    for chunk in _chunks(other_ids):
        numbers_of.update({h.id: h.number for h in Household.select(Household.id, Household.number)
                           .where(Household.id.in_(chunk))})
    live_tags: dict[int, set] = {}
    known_ids = [p.id for p in by_id.values()] + [p.id for ps in existing_members.values() for p in ps]
    for chunk in _chunks(known_ids):
        for person_id, category in (PersonTag.select(PersonTag.person, PersonTag.category)
                                    .where(PersonTag.person.in_(chunk) & people.open_tag()).tuples()):
            live_tags.setdefault(person_id, set()).add(category)

    groups: dict[tuple, list[_Member]] = {}
    for m in unique:
        groups.setdefault(m.household_key, []).append(m)
    plan = _Plan()
    counts = {"households_created": 0, "persons_created": 0, "updated": 0}
    grids: set = set()

    def reject(m: _Member, fld: str | None, message: str) -> None:
        m.problems.add(fld, message)
        batch.errors.append(m.problems.row_error(m.row))

    for key, group in groups.items():
        household = existing_households.get(key)
        if household is not None and not in_scope(ctx.actor, household):
            for m in group:
                reject(m, "number", f"户号 {key[1]} 不在您的管辖范围内")
            continue
        if household is None and group[0].grid_error:
            for m in group:
                reject(m, "grid", group[0].grid_error)
            continue
        members_now = existing_members.get(household.id, []) if household else []
        accepted: list[_Member] = []
        for m in group:
            number = m.cleaned.values["id_number"]
            match = by_id.get(number) if number else None
            if match is None and household is not None:
                match = next((p for p in members_now if p.name == m.cleaned.values["name"]
                              and (not number or not p.id_number)), None)
            if match is not None and (household is None or match.household_id != household.id):
                reject(m, "id_number", f"该人员已登记为 {_describe(ctx, match, numbers_of)}；"
                                       "如需迁户，请在系统中办理")
                continue
            m.existing = match
            accepted.append(m)
        heads = [m for m in accepted if m.is_head]
        if household is None:
            if not heads:
                for m in accepted:
                    reject(m, "relation", f"户号 {key[1]} 没有可导入的户主行（户主行缺失或有错误；与户主关系填“户主”，"
                                          "或姓名与户主姓名相同），本户未导入")
                continue
            for extra in heads[1:]:
                reject(extra, "relation", f"户号 {key[1]} 已有户主（第{heads[0].row.number}行）")
            head = heads[0]
            accepted = [m for m in accepted if m is head or not m.is_head]
        else:
            head_now = next((p for p in members_now if p.is_head), None)
            head_id = head_now.id if head_now else None
            for m in heads:
                if m.existing is None or m.existing.id != head_id:
                    who = head_now.name if head_now else "另一人"
                    reject(m, "relation", f"户号 {key[1]} 已有户主 {who}；更换户主请在系统中办理")
            accepted = [m for m in accepted if not m.is_head or (m.existing is not None and m.existing.id == head_id)]
            head = next((m for m in accepted if m.is_head), None)
        head_name = head.cleaned.values["name"] if head else None
        if head is None and household is not None:
            head_now = next((p for p in members_now if p.is_head), None)
            head_name = head_now.name if head_now else None
        kept = []
        for m in accepted:
            if m.head_name and head_name and m.head_name != head_name:
                reject(m, "head_name", f"“{m.head_name}”与本户户主“{head_name}”不一致（户号 {key[1]}）")
                continue
            kept.append(m)
        if household is None and head not in kept:
            for m in kept:
                reject(m, "number", f"户号 {key[1]} 的户主行（第{head.row.number}行）有错误，本户未导入")
            continue
        if not kept:
            continue
        batch.accepted += len(kept)
        new = [m for m in kept if m.existing is None]
        for m in kept:
            if m.existing is None:
                continue
            changes = _changes(m.existing, m)
            tags = _new_tags(m.existing.id, m, live_tags)
            if changes or tags:
                plan.updates.append((m.existing, changes, tags))
                counts["updated"] += 1
        counts["persons_created"] += len(new)
        source = head or kept[0]
        if household is None:
            counts["households_created"] += 1
            if source.grid[1]:
                grids.add((source.village, source.grid[1]))
            plan.new_households.append((key, source, kept))
            continue
        household_changes = {}
        address = next((m.address for m in kept if m.address), None)
        if address and address != household.address:
            household_changes["address"] = address
        if source.is_head and source.reg_type and source.reg_type != household.reg_type:
            household_changes["reg_type"] = source.reg_type
        if household_changes:
            plan.household_updates.append((household, household_changes))
            counts["updated"] += 1
        if new:
            plan.new_members.append((household, new))
    counts["grids_created"] = len(grids)
    batch.counts = counts
    batch.payload = plan
    ctx.step(len(rows) * 2, len(rows) * 2)
    return batch


def _rows(records) -> list[dict]:
    """Field values of unsaved model instances, every dict with the same keys (id left out)."""
    names = [f.name for f in type(records[0])._meta.sorted_fields if f.name != "id"]
    return [{n: r.__data__.get(n) for n in names} for r in records]


def _insert_people(ctx: Context, entries: list[tuple[Household, _Member]], at: dt.datetime) -> None:
    actor = ctx.actor
    persons: list[tuple[Person, _Member]] = []
    for household, m in entries:
        p = Person(**m.cleaned.values, is_head=m.is_head,
                   uid=new_uid(), created_at=at, updated_at=at, created_by=actor.login, updated_by=actor.login)
        people.place(p, household, None)
        people.set_keys(p)
        persons.append((p, m))
    total = len(persons)
    for n, chunk in enumerate(_chunks(persons)):
        ctx.check_cancel()
        ctx.step(n * CHUNK, max(total, 1))
        bulk_insert(Person, _rows([p for p, _ in chunk]))
        id_of = dict(Person.select(Person.uid, Person.id).where(Person.uid.in_([p.uid for p, _ in chunk])).tuples())
        tags = [dict(t, person=id_of[p.uid], uid=new_uid(), created_at=at, updated_at=at, created_by=actor.login,
                     updated_by=actor.login) for p, m in chunk for t in m.cleaned.tags]
        bulk_insert(PersonTag, tags)


def commit(ctx: Context, batch: Batch) -> None:
    plan: _Plan = batch.payload
    actor, at = ctx.actor, now()
    created: list[tuple[Household, _Member]] = []
    new_households: list[Household] = []
    for key, source, kept in plan.new_households:
        village, number = key
        grid_id = ctx.places.grid_id(village, *source.grid)
        address = next((m.address for m in [source, *kept] if m.address), "") or ""
        h = Household(uid=new_uid(), number=number, address=address, reg_type=source.reg_type or "户籍户",
                      phone=source.cleaned.values.get("phone"), grid=grid_id, village_code=village,
                      township_code=village[:9], county_code=village[:6], created_at=at, updated_at=at,
                      created_by=actor.login, updated_by=actor.login)
        households.set_keys(h)
        new_households.append(h)
        created.extend((h, m) for m in kept)
    for chunk in _chunks(new_households):
        ctx.check_cancel()
        bulk_insert(Household, _rows(chunk))
        id_of = dict(Household.select(Household.uid, Household.id)
                     .where(Household.uid.in_([h.uid for h in chunk])).tuples())
        for h in chunk:
            h.id = id_of[h.uid]
    for household, new in plan.new_members:
        created.extend((household, m) for m in new)
    _insert_people(ctx, created, at)
    for person, changes, tags in plan.updates:
        ctx.check_cancel()
        if changes:
            before = people.snapshot(person, tuple(changes))
            for f, value in changes.items():
                setattr(person, f, value)
            people.set_keys(person)
            people.touch(person, actor, at)
            person.save()
            audit.record(actor, "update", "person", person.uid, audit.diff(before, changes))
        for t in tags:
            tag = PersonTag.create(person=person.id, **t, created_at=at, updated_at=at, created_by=actor.login,
                                   updated_by=actor.login)
            audit.record(actor, "create", "person_tag", tag.uid, {"person": person.uid, "category": t["category"]})
    for household, changes in plan.household_updates:
        before = people.snapshot(household, tuple(changes))
        for f, value in changes.items():
            setattr(household, f, value)
        households.set_keys(household)
        people.touch(household, actor, at)
        household.save()
        audit.record(actor, "update", "household", household.uid, audit.diff(before, changes))

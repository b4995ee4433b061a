"""Importing a visit ledger (走访台账): one row per visit of a person or a household.

* The target is the person with the row's ID number, or the household with the row's 户号 in
  its 村(社区) (from the file or the unit chosen for the import), or, with neither, the only
  person of that name in the village. It must be registered already (import the household
  register first) and lie in the actor's scope.
* 走访方式 and 人员状态 are names from the code tables or common words for them (上门 → 入户,
  电话回访 → 电话, 不在家 → 外出 …); empty cells mean 入户 and 正常.
* 危险性评估 follows the visit service's rule: required (0–5) for a person with a live
  严重精神障碍患者 tag, refused for anybody else; such visits are 随访, the others 走访.
* The key is date + target + visitor (网格员; the importing user when the cell is empty). A row
  whose visit is already recorded updates its 方式/状态/情况/发现问题/危险性 when they differ,
  and creates nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gridapp import refdata
from gridapp.errors import GridappError, ValidationError
from gridapp.importers import Batch, Context, RowProblems, bulk_insert
from gridapp.importers.cells import clean_text, long_text, parse_datetime, parse_id_cell, parse_int, text_value
from gridapp.importers.sheet import Column
from gridapp.models import Household, Person, User, Visit, new_uid, now
from gridapp.services import audit, visits
from gridapp.services.actor import in_scope

COLUMNS = (
    Column("visited_at", "走访日期", ("日期", "走访时间", "随访日期", "巡查日期", "走访日期时间"), required=True,
           note="必填，如 2026-03-02"),
    Column("visitor", "网格员", ("走访人", "走访人员", "随访人", "随访医生", "走访网格员"), note="走访人姓名；不填为导入人"),
    Column("name", "被访人", ("姓名", "被访人姓名", "走访对象", "随访对象"), note="人员走访填写"),
    Column("id_number", "公民身份号码", ("身份证号", "身份证号码", "证件号码", "身份证"),
           note="人员走访填写（18位，文本格式）"),
    Column("township", "乡镇(街道)", ("乡镇", "街道", "乡镇街道"), note="可不填"),
    Column("village", "村(社区)", ("村", "社区", "村社区", "村(居)"), note="住户走访填写，或导入时选择"),
    Column("number", "户号", ("户编号",), note="住户走访填写（无身份证号时）"),
    Column("method", "走访方式", ("方式", "随访形式", "走访形式", "形式"), note="入户/电话/视频/来访"),
    Column("notes", "走访情况", ("情况记录", "走访内容", "随访情况", "走访记录"), note=""),
    Column("state", "人员状态", ("对象状态", "本人状态"), note="正常/异常/外出/失访/死亡"),
    Column("risk_grade", "危险性评估", ("危险等级", "危险性等级", "危险性评估等级"),
           note="严重精神障碍患者必填，0–5级"),
    Column("findings", "发现问题", ("存在问题", "发现的问题"), note=""),
)

METHOD_WORDS = {"上门": "入户", "入户走访": "入户", "上门走访": "入户", "走访": "入户", "面访": "入户",
                "电话回访": "电话", "电话随访": "电话", "电话联系": "电话", "电话走访": "电话",
                "视频通话": "视频", "微信视频": "视频", "视频随访": "视频", "到访": "来访", "来电来访": "来访"}
STATE_WORDS = {"在家": "正常", "稳定": "正常", "良好": "正常", "不在家": "外出", "外出务工": "外出",
               "联系不上": "失访", "失联": "失访", "去世": "死亡", "已故": "死亡"}
UPDATABLE = ("method", "state", "notes", "findings", "risk_grade")


@dataclass
class _Row:
    row: object
    kind: str  # household | person
    target: object
    values: dict
    key: tuple


def _code(table: str, words: dict, value, label: str, default: str) -> str:
    text = clean_text(value).replace(" ", "")
    if not text:
        return default
    names = [n for _, n in refdata.codes().items(table)]
    found = words.get(text, text)
    if found not in names:
        raise ValidationError(f"“{text}”无法识别（可填 {'、'.join(names)}）", field=label)
    return found


class _Targets:
    """Persons by ID number and households by (village, 户号), loaded in bulk."""

    def __init__(self, numbers: set[str], households: set[tuple[str, str]]):
        self.people: dict[str, Person] = {}
        numbers = sorted(numbers)
        for i in range(0, len(numbers), 400):
            for p in Person.select().where(Person.id_number.in_(numbers[i:i + 400]) & Person.deleted_at.is_null()):
                self.people[p.id_number] = p
        self.households: dict[tuple[str, str], Household] = {}
        for village, number in households:
            h = Household.get_or_none((Household.village_code == village) & (Household.number == number)
                                      & Household.deleted_at.is_null())
            if h is not None:
                self.households[(village, number)] = h


def _users() -> dict[str, User]:
    users: dict[str, User] = {}
    for u in User.select().where(User.deleted_at.is_null()):
        users.setdefault(u.display_name, u)
        users.setdefault(u.login, u)
    return users


def _place(ctx: Context, v: dict, problems: RowProblems) -> str | None:
    """The village of the row (None when neither the file nor the unit names one)."""
    try:
        township = ctx.places.township(v.get("township"))
        if clean_text(v.get("village")) or ctx.places.default("village"):
            return ctx.places.village(township, v.get("village"))
    except GridappError as exc:
        problems.add("village" if clean_text(v.get("village")) else "township", exc.message)
    return None


def prepare(ctx: Context) -> Batch:
    columns = {c.field: c for c in COLUMNS}
    rows = ctx.table.rows
    batch = Batch()
    parsed = []
    numbers, house_keys = set(), set()
    for i, row in enumerate(rows):
        if i % 200 == 0:
            ctx.check_cancel()
            ctx.step(i, len(rows) * 2)
        v = row.values
        problems = RowProblems(ctx.table, columns)
        values: dict = {}
        try:
            values["visited_at"] = parse_datetime(v.get("visited_at"), "走访日期")
            if values["visited_at"] is None:
                problems.add("visited_at", "不能为空")
            else:
                visits._visited_at(values["visited_at"], lambda m, f: problems.add("visited_at", m))
        except ValidationError as exc:
            problems.error("visited_at", exc)
        id_number = None
        try:
            id_number = parse_id_cell(v.get("id_number"))
        except ValidationError as exc:
            problems.error("id_number", exc)
        village = _place(ctx, v, problems)
        number = clean_text(v.get("number")).replace(" ", "")
        for fld, table, words, default in (("method", "visit_method", METHOD_WORDS, "入户"),
                                           ("state", "visit_state", STATE_WORDS, "正常")):
            try:
                values[fld] = _code(table, words, v.get(fld), columns[fld].header, default)
            except ValidationError as exc:
                problems.error(fld, exc)
        try:
            values["risk_grade"] = parse_int(v.get("risk_grade"), "危险性评估", low=0, high=5)
        except ValidationError as exc:
            problems.error("risk_grade", exc)
        for fld, label in (("notes", "走访情况"), ("findings", "发现问题")):
            try:
                values[fld] = long_text(v.get(fld), label, max_len=visits.TEXT_MAX)
            except ValidationError as exc:
                problems.error(fld, exc)
        for fld, label in (("visitor", "网格员"), ("name", "被访人")):
            try:
                values[fld] = text_value(v.get(fld), label, max_len=64)
            except ValidationError as exc:
                problems.error(fld, exc)
        values["visitor_name"] = values.pop("visitor", None) or ctx.actor.display_name
        if not id_number and not number and not problems:
            if not values.get("name"):
                problems.add("id_number", "请填写被访人的公民身份号码，或住户的户号")
        if id_number:
            numbers.add(id_number)
        elif number and village:
            house_keys.add((village, number))
        parsed.append((row, problems, values, id_number, village, number))

    targets = _Targets(numbers, house_keys)
    users = _users()
    found: list[_Row] = []
    for row, problems, values, id_number, village, number in parsed:
        if problems:
            batch.errors.append(problems.row_error(row))
            continue
        kind, target, fld = _target(ctx, problems, values, id_number, village, number, targets)
        if target is not None:
            if not in_scope(ctx.actor, target):
                who = target.name if kind == "person" else f"户号 {target.number} 的住户"
                problems.add(fld, f"{who}不在您的管辖范围内")
            else:
                needs = kind == "person" and visits._has_live_risk_tag(target.id, values["visited_at"].date())
                grade = visits._risk_grade(values["risk_grade"], needs, lambda m, f: problems.add("risk_grade", m))
                values["risk_grade"] = grade
                values["kind"] = visits._default_kind(kind, needs)
        if problems:
            batch.errors.append(problems.row_error(row))
            continue
        key = (values["visited_at"].date(), kind, target.id, values["visitor_name"])
        found.append(_Row(row=row, kind=kind, target=target, values=values, key=key))
    ctx.step(len(rows), len(rows) * 2)

    existing = _existing(found)
    first: dict[tuple, int] = {}
    plan_new, plan_update = [], []
    for r in found:
        if r.key in first:
            problems = RowProblems(ctx.table, columns)
            problems.add("visited_at", f"与第{first[r.key]}行是同一次走访（日期、被访对象、走访人都相同）")
            batch.errors.append(problems.row_error(r.row))
            continue
        first[r.key] = r.row.number
        batch.accepted += 1
        visit = existing.get(r.key)
        if visit is None:
            plan_new.append(r)
            continue
        changes = {f: r.values[f] for f in UPDATABLE if r.values.get(f) is not None and r.values[f] != getattr(visit, f)}
        if changes:
            plan_update.append((visit, changes))
    users_by_name = {name: u.id for name, u in users.items()}
    batch.counts = {"visits_created": len(plan_new), "updated": len(plan_update)}
    batch.payload = (plan_new, plan_update, users_by_name)
    ctx.step(len(rows) * 2, len(rows) * 2)
    return batch


def _target(ctx: Context, problems: RowProblems, values: dict, id_number, village, number, targets: _Targets):
    name = values.get("name")
    if id_number:
        person = targets.people.get(id_number)
        if person is None:
            problems.add("id_number", "未找到该人员（请先导入或登记户籍人口）")
            return "person", None, "id_number"
        if name and name.replace(" ", "") != person.name:
            problems.add("name", f"“{name}”与该身份证号登记的姓名“{person.name}”不一致")
        return "person", person, "id_number"
    if number:
        if village is None:
            problems.add("village", "按户号走访时须填写村(社区)，或在导入时选择村(社区)")
            return "household", None, "number"
        household = targets.households.get((village, number))
        if household is None:
            problems.add("number", f"{ctx.places.divisions[village].name}没有户号为 {number} 的住户")
        return "household", household, "number"
    where = (Person.name == name.replace(" ", "")) & Person.deleted_at.is_null()
    if village:
        where &= Person.village_code == village
    matches = list(Person.select().where(where).limit(3))
    if len(matches) == 1:
        return "person", matches[0], "name"
    if matches:
        problems.add("name", f"有多位名为“{name}”的人员，请填写公民身份号码")
    else:
        problems.add("name", f"未找到名为“{name}”的人员，请填写公民身份号码")
    return "person", None, "name"


def _existing(rows: list[_Row]) -> dict[tuple, Visit]:
    """Recorded visits with the same key as a row (same day, target and visitor name)."""
    if not rows:
        return {}
    start = min(r.key[0] for r in rows)
    end = max(r.key[0] for r in rows) + dt.timedelta(days=1)
    found: dict[tuple, Visit] = {}
    for kind, model_field in (("person", Visit.person), ("household", Visit.household)):
        wanted = sorted({r.target.id for r in rows if r.kind == kind})
        for i in range(0, len(wanted), 400):
            query = Visit.select().where(
                model_field.in_(wanted[i:i + 400]) & Visit.deleted_at.is_null()
                & (Visit.visited_at >= dt.datetime.combine(start, dt.time()))
                & (Visit.visited_at < dt.datetime.combine(end, dt.time())))
            for visit in query:
                target = visit.person_id if kind == "person" else visit.household_id
                found[(visit.visited_at.date(), kind, target, visit.visitor_name)] = visit
    return found


def commit(ctx: Context, batch: Batch) -> None:
    plan_new, plan_update, users = batch.payload
    actor, at = ctx.actor, now()
    rows = []
    for r in plan_new:
        t = r.target
        v = r.values
        rows.append(dict(
            uid=new_uid(), household=t.id if r.kind == "household" else None,
            person=t.id if r.kind == "person" else None, place=None, grid=t.grid_id,
            village_code=t.village_code, township_code=t.township_code, county_code=t.county_code,
            kind=v["kind"], visitor=users.get(v["visitor_name"]), visitor_name=v["visitor_name"],
            visited_at=v["visited_at"], method=v["method"], state=v["state"], risk_grade=v["risk_grade"],
            notes=v["notes"], findings=v["findings"], created_at=at, updated_at=at, created_by=actor.login,
            updated_by=actor.login))
    for i in range(0, len(rows), 500):
        ctx.check_cancel()
        ctx.step(i, max(len(rows), 1))
        bulk_insert(Visit, rows[i:i + 500])
    for visit, changes in plan_update:
        before = {f: getattr(visit, f) for f in changes}
        for f, value in changes.items():
            setattr(visit, f, value)
        visit.version += 1
        visit.updated_at, visit.updated_by = at, actor.login
        visit.save()
        audit.record(actor, "update", "visit", visit.uid, audit.diff(before, changes))

"""Importing a 矛盾纠纷排查化解台账 (or any ledger of events): one row per event.

* 事件类型/纠纷类型/类别 is a GB/T 31000 dispute class (邻里, 婚恋家庭, 宅基地 …, with or without
  the word 纠纷), a class of the township's flat statistics list (婚姻家庭, 劳动争议 …), a 安全隐患
  class (消防 …), an event kind (治安, 民生诉求, 矛盾纠纷 …) or ``kind/class``.
* 状态 maps onto the state machine of ``gridapp.workflow`` and the actions it implies are recorded
  as EventActions marked ``imported`` (导入):

  ==========================  ==================================================  ==========
  ledger 状态                  actions                                             state
  ==========================  ==================================================  ==========
  已登记/待受理                登记                                                已登记
  已受理/受理                  登记, 受理                                          已受理
  调解中/处置中/办理中          登记, 受理, 处置                                    处置中
  已化解/调解成功              登记, 受理, 处置, 办结 (化解成功)                   已办结
  未化解/调解不成功            登记, 受理, 处置, 办结 (未化解)                     已办结
  已办结/已整改/已结案          登记, 受理, 处置, 办结                              已办结
  已回访 / 已归档              … 办结, 回访 (, 归档)                               已回访/已归档
  已上报/上报乡镇              登记, 上报乡镇 (level 乡镇; from a 乡镇 event: 上报县)  已登记
  上报县                      登记, 上报乡镇, 上报县 (level 县)                   已登记
  已退回                      登记, 退回                                          已退回
  ==========================  ==================================================  ==========

  登记/受理/处置/上报 are dated on the 登记日期, 办结/回访/归档 on the 办结日期 (the 登记日期 when
  the ledger has none). The deadline is the 登记日期 plus the kind's time limit.
* 编号 in our own form (``<township>-<year>-<5 digits>``) is kept as the event's number (its
  township must match the row's) and the township's sequence is moved past it; any other 编号
  is kept as ``source_number`` (原编号) and the event gets the next number of its township. A
  row without 编号 gets a new number too.
* Keys: our number; else the ledger's 编号 within the township; else (township, 登记日期, 标题).
  An event already imported is left as it is: its history continues in the app.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from gridapp import refdata, workflow
from gridapp.errors import GridappError, ValidationError
from gridapp.importers import Batch, Context, RowProblems
from gridapp.importers.cells import (
    clean_text, long_text, parse_date, parse_datetime, parse_int, split_list, text_value,
)
from gridapp.importers.sheet import Column
from gridapp.models import Event, EventAction, EventParty, EventSequence, now
from gridapp.services import audit, events

COLUMNS = (
    Column("number", "编号", ("事件编号", "案件编号", "登记编号", "纠纷编号"), note="可不填（自动编号）"),
    Column("registered_at", "登记日期", ("受理日期", "上报日期", "排查日期", "登记时间"), required=True,
           note="必填，如 2026-01-05"),
    Column("township", "乡镇(街道)", ("乡镇", "街道", "乡镇街道"), note="可不填，导入时选择单位"),
    Column("village", "村(社区)", ("村", "社区", "村社区", "村(居)"), note="可不填"),
    Column("grid", "网格", ("所属网格",), note="可不填；本村没有的网格会自动新建"),
    Column("category", "事件类型", ("纠纷类型", "类别", "纠纷类别", "矛盾纠纷类型", "事件类别", "类型"), required=True,
           note="如 邻里、婚姻家庭、宅基地、劳动争议、消防"),
    Column("title", "标题", ("事项", "纠纷事项", "事由", "事件名称"), note="可不填（取简要情况开头）"),
    Column("description", "简要情况", ("内容", "基本情况", "纠纷简要情况", "事件描述", "主要内容")),
    Column("parties", "当事人", ("当事人姓名", "双方当事人"), note="多人用顿号（、）分隔"),
    Column("people_count", "涉及人数", ("人数",), note="不填按当事人人数"),
    Column("state", "状态", ("办理状态", "化解状态", "处理状态", "办理情况"), required=True,
           note="已化解/调解中/未化解/已上报/已办结/已受理"),
    Column("method", "化解方式", ("调解方式", "处理方式", "调处方式"), note="人民调解/行政调解/司法调解/信访/其他"),
    Column("closed_at", "办结日期", ("化解日期", "结案日期", "办结时间", "调结日期")),
    Column("mediator", "调解员", ("承办人", "调解人", "经办人", "承办人员")),
)

OUR_NUMBER = re.compile(r"(\d{9})-(\d{4})-(\d{5})")
_REG = [(workflow.REGISTER, None, workflow.REGISTERED)]
_ACC = _REG + [(workflow.ACCEPT, workflow.REGISTERED, workflow.ACCEPTED)]
_HAN = _ACC + [(workflow.START, workflow.ACCEPTED, workflow.HANDLING)]
_CLO = _HAN + [(workflow.CLOSE, workflow.HANDLING, workflow.CLOSED)]
_FOL = _CLO + [(workflow.FOLLOW_UP, workflow.CLOSED, workflow.FOLLOWED_UP)]
_ARC = _FOL + [(workflow.ARCHIVE, workflow.FOLLOWED_UP, workflow.ARCHIVED)]
_RET = _REG + [(workflow.RETURN, workflow.REGISTERED, workflow.RETURNED)]
ESCALATE, ESCALATE_COUNTY = "escalate", "escalate_county"

# ledger 状态 -> (actions, outcome)
STATES: dict[str, tuple] = {}
for _names, _plan in (
        (("已登记", "登记", "待受理", "未受理", "新登记"), (_REG, None)),
        (("已受理", "受理", "受理中", "待处置", "已排查"), (_ACC, None)),
        (("调解中", "处置中", "办理中", "正在调解", "在调", "处理中", "化解中", "正在处理", "正在办理"), (_HAN, None)),
        (("已化解", "化解成功", "调解成功", "成功", "已调解", "已调处", "化解"), (_CLO, "化解成功")),
        (("未化解", "调解不成功", "调解失败", "不成功", "化解失败", "未成功"), (_CLO, "未化解")),
        (("已办结", "办结", "已结案", "结案", "已处理", "已整改", "整改完毕", "已完成"), (_CLO, None)),
        (("已回访",), (_FOL, None)), (("已归档",), (_ARC, None)), (("已退回", "退回"), (_RET, None)),
        (("已上报", "上报", "上报乡镇", "已上报乡镇", "移交乡镇", "上交"), (ESCALATE, None)),
        (("上报县", "已上报县", "上报县级", "移交县", "已上报县级"), (ESCALATE_COUNTY, None))):
    for _name in _names:
        STATES[_name] = _plan

CATEGORY_WORDS = {  # common ledger words -> GB/T 31000 code
    "婚姻": "0101", "婚姻家庭": "01", "家庭": "01", "赡养": "0102", "抚养": "0102", "继承": "0103",
    "拖欠工资": "07", "劳动争议": "07", "劳资": "07", "欠薪": "07", "土地": "09", "山林": "0903",
    "征地": "1102", "拆迁": "1101", "征地拆迁": "11", "医疗": "0502", "道路交通": "0503", "交通": "0503",
    "物业": "0402", "环境污染": "0504", "村务管理": "12", "村务": "12", "损害赔偿": "05", "房屋宅基地": "0902",
    "合同": "06", "借贷": "08", "民间借贷": "08",
}
METHOD_WORDS = {"人民调解委员会调解": "人民调解", "调委会调解": "人民调解", "村调解": "人民调解", "行政": "行政调解",
                "司法": "司法调解", "诉讼": "司法调解", "诉调对接": "司法调解"}
_SPLIT = re.compile(r"[/／\-－—:：]")
OTHER_KIND = "其他事件"  # the event kind 其他 (a bare 其他 in a dispute ledger means the dispute class 其他)


def _category(value) -> tuple[str, str | None]:
    """(kind, category code) of a 类型 cell, or ValidationError."""
    text = clean_text(value).replace(" ", "")
    if not text:
        raise ValidationError("不能为空（如 邻里、婚姻家庭、宅基地、消防）", field="category")
    c = refdata.codes()
    parts = [p for p in _SPLIT.split(text) if p]
    if len(parts) == 2 and parts[0] in workflow.KINDS:
        kind, rest = parts
        found = _class_of(c, rest)
        if found is None or (found[0] != kind and kind in (events.DISPUTE, events.HAZARD)):
            raise ValidationError(f"“{rest}”不是{kind}的类别", field="category")
        return kind, found[1] if found[0] == kind else None
    found = _class_of(c, text)
    if found is None:
        raise ValidationError(f"“{text}”无法识别：请填写矛盾纠纷类别（如 邻里、婚姻家庭、宅基地、劳动争议）、"
                              "安全隐患类别（如 消防）或事件类型（治安、民生诉求）", field="category")
    return found


def _class_of(c, text: str) -> tuple[str, str | None] | None:
    for candidate in dict.fromkeys((text, text.removesuffix("纠纷"), text.removesuffix("类"),
                                    text.removesuffix("矛盾纠纷"), text.removesuffix("问题"))):
        if not candidate:
            continue
        if candidate in (events.DISPUTE, "矛盾"):
            return events.DISPUTE, "99"
        if candidate == OTHER_KIND:
            return "其他", None
        if candidate == events.HAZARD:
            return events.HAZARD, "H99"
        if candidate in workflow.KINDS:
            return candidate, None
        code = c.code("dispute_category", candidate)
        if code:
            return events.DISPUTE, code
        if candidate in CATEGORY_WORDS:
            return events.DISPUTE, CATEGORY_WORDS[candidate]
        for code_, name in c.items("dispute_report"):
            if candidate in (name, name.split("(")[0]):
                return events.DISPUTE, _first_class(c, name)
        code = c.code("hazard_category", candidate)
        if code:
            return events.HAZARD, code
    return None


def _first_class(c, report_name: str) -> str:
    """The first GB/T class that the flat statistics list maps to ``report_name``."""
    for code, _ in c.items("dispute_category"):
        if c.extra("dispute_category", code).get("report") == report_name:
            return code
    return "99"


def _place(ctx: Context, v: dict, problems: RowProblems) -> tuple:
    """(township, village or None, grid reference) of a row; problems name the column at fault."""
    places = ctx.places
    try:
        township = places.township(v.get("township"))
    except GridappError as exc:
        problems.add("township", exc.message)
        return None, None, (None, None)
    village, grid = None, (None, None)
    if clean_text(v.get("village")) or places.default("village"):
        try:
            village = places.village(township, v.get("village"))
        except GridappError as exc:
            problems.add("village", exc.message)
            return township, None, grid
        township = village[:9]
        if clean_text(v.get("grid")):
            try:
                grid = places.grid(village, v.get("grid"))
            except GridappError as exc:
                problems.add("grid", exc.message)
    if township is None:
        problems.add("township", "不能为空（文件中没有乡镇(街道)列时，请选择导入到哪个乡镇）")
    return township, village, grid


@dataclass
class _Row:
    row: object
    values: dict
    parties: list
    actions: object
    outcome: str | None
    key: tuple
    number: str | None  # our number, kept
    source_number: str | None


def prepare(ctx: Context) -> Batch:
    columns = {c.field: c for c in COLUMNS}
    rows = ctx.table.rows
    batch = Batch()
    found: list[_Row] = []
    limits = events.time_limits()
    today = now()
    for i, row in enumerate(rows):
        if i % 200 == 0:
            ctx.check_cancel()
            ctx.step(i, len(rows) * 2)
        v = row.values
        problems = RowProblems(ctx.table, columns)
        values: dict = {}
        registered = None
        try:
            registered = parse_datetime(v.get("registered_at"), "登记日期")
            if registered is None:
                problems.add("registered_at", "不能为空")
            elif registered > today:
                problems.add("registered_at", f"不能晚于今天（{registered:%Y-%m-%d}）")
        except ValidationError as exc:
            problems.error("registered_at", exc)
        township, village, grid = _place(ctx, v, problems)
        kind = category = None
        try:
            kind, category = _category(v.get("category"))
        except ValidationError as exc:
            problems.error("category", exc)
        state_text = clean_text(v.get("state")).replace(" ", "")
        plan = STATES.get(state_text)
        if not state_text:
            problems.add("state", "不能为空（可填 已化解、调解中、未化解、已上报、已办结、已受理）")
        elif plan is None:
            problems.add("state", f"“{state_text}”无法识别（可填 已化解、调解中、未化解、已上报、已办结、已受理、已退回）")
        try:
            values["title"] = text_value(v.get("title"), "标题", max_len=200)
        except ValidationError as exc:
            problems.error("title", exc)
        try:
            values["description"] = long_text(v.get("description"), "简要情况", max_len=events.TEXT_MAX) or ""
        except ValidationError as exc:
            problems.error("description", exc)
        parties = split_list(v.get("parties"))
        for name in parties:
            if len(name) > 64:
                problems.add("parties", f"当事人姓名“{name[:10]}…”过长（最多64个字）")
        try:
            count = parse_int(v.get("people_count"), "涉及人数", low=1, high=events.MAX_PEOPLE)
        except ValidationError as exc:
            problems.error("people_count", exc)
            count = None
        method = clean_text(v.get("method")).replace(" ", "") or None
        if method:
            method = METHOD_WORDS.get(method, method)
            if method not in workflow.METHODS:
                problems.add("method", f"“{method}”无法识别（可填 {'、'.join(workflow.METHODS)}）")
        closed = None
        try:
            closed = parse_date(v.get("closed_at"), "办结日期")
        except ValidationError as exc:
            problems.error("closed_at", exc)
        closing = plan is not None and isinstance(plan[0], list) and any(a[0] == workflow.CLOSE for a in plan[0])
        if closed and plan is not None and not closing:
            problems.add("closed_at", f"状态为“{state_text}”的事件尚未办结，不应填写办结日期")
        if closed and registered and closed < registered.date():
            problems.add("closed_at", f"{closed:%Y-%m-%d} 早于登记日期")
        if closed and closed > today.date():
            problems.add("closed_at", f"不能晚于今天（{closed:%Y-%m-%d}）")
        try:
            values["mediator"] = text_value(v.get("mediator"), "调解员", max_len=64)
        except ValidationError as exc:
            problems.error("mediator", exc)
        number_text = clean_text(v.get("number")).replace(" ", "")
        our = OUR_NUMBER.fullmatch(number_text)
        if our and township and our.group(1) != township:
            problems.add("number", f"乡镇代码 {our.group(1)} 与乡镇(街道) {township} 不符")
        if len(number_text) > 64:
            problems.add("number", "过长（最多64个字符）")
        if problems:
            batch.errors.append(problems.row_error(row))
            continue
        title = values["title"] or (values["description"][:30] if values["description"] else "")
        if not title:
            name = refdata.codes().name("dispute_category" if kind == events.DISPUTE else "hazard_category",
                                        category, kind)
            title = f"{name}纠纷" if kind == events.DISPUTE else name
        closed_at = dt.datetime.combine(closed, dt.time(0, 0)) if closed else (registered if closing else None)
        values.update(kind=kind, category=category, title=title, registered_at=registered, township_code=township,
                      county_code=township[:6], village_code=village, grid=grid, method=method,
                      people_count=count or max(1, len(parties)), closed_at=closed_at,
                      deadline=registered.date() + dt.timedelta(days=limits.get(kind, 15)))
        if our:
            key = ("number", number_text)
        elif number_text:
            key = ("source", township, number_text)
        else:
            key = ("title", township, registered.date(), title)
        found.append(_Row(row=row, values=values, parties=parties, actions=plan[0], outcome=plan[1], key=key,
                          number=number_text if our else None, source_number=number_text if number_text and not our
                          else None))
    ctx.step(len(rows), len(rows) * 2)

    existing = _existing(found)
    first: dict[tuple, int] = {}
    new: list[_Row] = []
    for r in found:
        if r.key in first:
            problems = RowProblems(ctx.table, columns)
            fld = "number" if r.key[0] != "title" else "title"
            problems.add(fld, f"与第{first[r.key]}行是同一事件")
            batch.errors.append(problems.row_error(r.row))
            continue
        first[r.key] = r.row.number
        batch.accepted += 1
        if r.key not in existing:
            new.append(r)
    grids = {(r.values["village_code"], r.values["grid"][1]) for r in new if r.values["grid"][1]}
    batch.counts = {"events_created": len(new), "updated": 0, "grids_created": len(grids)}
    batch.payload = new
    ctx.step(len(rows) * 2, len(rows) * 2)
    return batch


def _existing(rows: list[_Row]) -> set[tuple]:
    keys: set[tuple] = set()
    numbers = [r.key[1] for r in rows if r.key[0] == "number"]
    for i in range(0, len(numbers), 400):
        keys.update(("number", n) for (n,) in Event.select(Event.number)
                    .where(Event.number.in_(numbers[i:i + 400])).tuples())
    sources = [r.key[2] for r in rows if r.key[0] == "source"]
    for i in range(0, len(sources), 400):
        keys.update(("source", t, n) for t, n in Event.select(Event.township_code, Event.source_number)
                    .where(Event.source_number.in_(sources[i:i + 400]) & Event.deleted_at.is_null()).tuples())
    titled = [r for r in rows if r.key[0] == "title"]
    if titled:
        start = min(r.values["registered_at"] for r in titled).replace(hour=0, minute=0, second=0)
        end = max(r.values["registered_at"] for r in titled) + dt.timedelta(days=1)
        for t, at, title in (Event.select(Event.township_code, Event.registered_at, Event.title)
                             .where((Event.registered_at >= start) & (Event.registered_at < end)
                                    & Event.deleted_at.is_null()).tuples()):
            keys.add(("title", t, at.date(), title))
    return keys


def _escalations(level: str, plan) -> list[tuple]:
    """The escalation actions for 已上报 (one level up) or 上报县 (up to the county)."""
    steps = []
    if level == workflow.VILLAGE_LEVEL:
        steps.append((workflow.ESCALATE_TOWNSHIP, workflow.TOWNSHIP_LEVEL))
        level = workflow.TOWNSHIP_LEVEL
    if plan == ESCALATE_COUNTY or not steps:
        steps.append((workflow.ESCALATE_COUNTY, workflow.COUNTY_LEVEL))
    return [(a, workflow.REGISTERED, workflow.REGISTERED, lvl) for a, lvl in steps]


def _bump_sequence(number: str) -> None:
    m = OUR_NUMBER.fullmatch(number)
    township, year, seq = m.group(1), int(m.group(2)), int(m.group(3))
    key = (EventSequence.township_code == township) & (EventSequence.year == year)
    EventSequence.insert(township_code=township, year=year, last=0).on_conflict_ignore().execute()
    EventSequence.update(last=seq).where(key & (EventSequence.last < seq)).execute()


def commit(ctx: Context, batch: Batch) -> None:
    actor, at = ctx.actor, now()
    rows: list[_Row] = batch.payload
    for r in rows:
        if r.number:
            _bump_sequence(r.number)
    for i, r in enumerate(rows):
        if i % 100 == 0:
            ctx.check_cancel()
            ctx.step(i, len(rows))
        v = dict(r.values)
        grid_ref = v.pop("grid")
        closed_at = v.pop("closed_at")
        village = v["village_code"]
        grid_id = ctx.places.grid_id(village, *grid_ref) if village and (grid_ref[0] or grid_ref[1]) else None
        level = workflow.VILLAGE_LEVEL if village else workflow.TOWNSHIP_LEVEL
        registered = v["registered_at"]
        number = r.number or events._next_number(v["township_code"], registered.year)
        actions = [(a, f, t, None) for a, f, t in r.actions] if isinstance(r.actions, list) else \
            [(workflow.REGISTER, None, workflow.REGISTERED, None)] + _escalations(level, r.actions)
        state = actions[-1][2]
        for _, _, _, new_level in actions:
            level = new_level or level
        closed = state in workflow.CLOSED_STATES
        event = Event.create(
            number=number, source_number=r.source_number, grid=grid_id, level=level, state=state,
            escalated=any(a[3] for a in actions), outcome=r.outcome if closed else None,
            closed_at=closed_at if closed else None, imported=True, reporter_name="",
            created_at=at, updated_at=at, created_by=actor.login, updated_by=actor.login, **v)
        for name in r.parties:
            EventParty.create(event=event, name=name, created_by=actor.login, updated_by=actor.login)
        for action, from_state, to_state, new_level in actions:
            when = event.closed_at if action in (workflow.CLOSE, workflow.FOLLOW_UP, workflow.ARCHIVE) else registered
            details = {"level": new_level} if new_level else {"outcome": r.outcome} if \
                action == workflow.CLOSE and r.outcome else None
            EventAction.create(event=event, action=action, from_state=from_state, to_state=to_state,
                               actor=actor.user_id, actor_name=actor.display_name, at=when or registered,
                               note="导入", details=_json(details), imported=True, created_at=at, updated_at=at,
                               created_by=actor.login, updated_by=actor.login)
        audit.record(actor, "create", "event", event.uid,
                     {"number": number, "source_number": r.source_number, "state": state, "imported": True})


def _json(details: dict | None) -> str | None:
    return json.dumps(details, ensure_ascii=False) if details else None

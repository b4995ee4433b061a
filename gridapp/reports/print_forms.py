"""Paper forms of single records: 入户登记表, 走访记录 and 调解协议书, as ``PrintForm`` content.

Every builder reads through the services with the acting user, so the form shows exactly what
that user may see: records outside their scope are refused, sensitive categories they may not see
are left out, and ID numbers and phones are masked. ``household_form(..., unmask=True)`` prints
the full numbers for a role that may unmask, through the services' reveal path, so every member
printed in full is written to the audit log like a 显示完整 on screen.

The desktop client renders the forms (``ui/printing.py``); the PDF file name it proposes is
``form.extra["file_name"]``.
"""
from __future__ import annotations

import datetime as dt
import re

from gridapp import workflow
from gridapp.errors import GridappError, ValidationError, WorkflowError
from gridapp.reports.forms import FormSection, FormTable, PrintForm
from gridapp.services import codes, events, grids, households, people, privacy, visits
from gridapp.services.actor import Actor, division_name

HOUSEHOLD_TITLE = "入户登记表"
AGREEMENT_TITLE = "人民调解协议书"
MASKED_NOTE = "注：公民身份号码、联系电话按规定隐去部分数字；未成年人及特殊人群信息按权限显示。"
UNMASKED_NOTE = ("注：本表含完整的公民身份号码和联系电话，打印已记入审计日志。"
                 "请妥善保管，用后按规定销毁，不得外传。")
MEMBER_HEADERS = ("序号", "姓名", "与户主关系", "性别", "出生日期", "公民身份号码", "联系电话", "人员类别")
MEMBER_WIDTHS = (2, 4, 5, 2, 5, 9, 6, 6)
TARGET_NAMES = {"household": "住户", "person": "人员", "place": "场所"}
AGREEMENT_CLAUSE = ("本协议经各方当事人、调解员签名并加盖人民调解委员会印章后生效，各方当事人应当按照约定履行。"
                    "经人民调解委员会调解达成的调解协议，具有法律约束力（《中华人民共和国人民调解法》第三十一条）。"
                    "本协议一式{copies}份，各方当事人、人民调解委员会各执一份。")

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')  # characters Windows refuses in a file name, and spaces


def file_name(*parts: str) -> str:
    """``入户登记表_0012_张三.pdf``: the parts joined, characters a file name can't hold replaced."""
    stem = "_".join(_UNSAFE.sub("_", p).strip("_.") for p in parts if p)
    return f"{stem}.pdf"


def _day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return f"{value:%Y年%m月%d日}"


def _printed_on(today: dt.date | None) -> str:
    return _day(today or dt.date.today())


def _station(township_code: str | None, village_code: str | None) -> str:
    """The station's name, or (before the station is set up) the record's township and village."""
    name = codes.station_info().name
    if name:
        return name
    return division_name(township_code) + division_name(village_code)


# --------------------------------------------------------------------------- 入户登记表
def household_form(actor: Actor, household_id: int, unmask: bool = False, *,
                   today: dt.date | None = None) -> PrintForm:
    """The 入户登记表 of one household: its facts, members, special groups and signature lines.

    ``unmask``: full ID numbers and phones (refused for a role that may not unmask; audited)."""
    if unmask:
        privacy.require_unmask(actor)
        household = households.reveal(actor, household_id)
    else:
        household = households.get(actor, household_id)
    if household.deleted_at is not None:
        raise ValidationError(f"户号 {household.number} 在回收站中，请先恢复再打印入户登记表", field="household_id")
    policy = privacy.policy(actor)
    rows = []
    for n, member in enumerate(household.members, 1):
        number, phone = member.id_masked, member.phone_masked
        if unmask:
            full = people.reveal(actor, member.id)
            number, phone = full.id_number or "", full.phone or ""
        shown = privacy.mask_person_fields(actor, {"name": member.name, "birth_date": member.birth_date},
                                           policy_=policy)
        rows.append((str(n), shown["name"], member.relation_name or ("户主" if member.is_head else ""),
                     member.sex or "", shown["birth_date"].isoformat() if shown["birth_date"] else "",
                     number, phone, "、".join(member.tags)))
    fields = (
        ("户号", household.number),
        ("户主", household.head_name),
        ("乡镇(街道)", household.township_name),
        ("村(社区)", household.village_name),
        ("网格", household.grid_name),
        ("家庭人数", f"{household.member_count}人"),
        ("户籍类型", household.reg_type),
        ("住房情况", household.housing),
        ("现住址", household.address),
        ("联系电话", household.phone or ""),
        ("重点人群", "、".join(household.tags) or "无"),
        ("备注", household.notes or ""),
    )
    return PrintForm(
        title=HOUSEHOLD_TITLE,
        station=_station(household.township_code, household.village_code),
        fields=fields,
        tables=(FormTable(headers=MEMBER_HEADERS, rows=tuple(rows), caption="家庭成员", widths=MEMBER_WIDTHS),),
        signatures=("户主（签名）", "登记人（签名）", "登记日期", "审核人（签名）"),
        note=UNMASKED_NOTE if unmask else MASKED_NOTE,
        printed_on=_printed_on(today),
        extra={"file_name": file_name(HOUSEHOLD_TITLE, household.number, household.head_name)},
    )


# --------------------------------------------------------------------------- 走访记录
def visit_form(actor: Actor, visit_id: int, *, today: dt.date | None = None) -> PrintForm:
    """The record of one visit (走访/随访) or inspection (巡查), with its checklist and signature lines."""
    visit = visits.get(actor, visit_id)
    title = f"{visit.kind}记录"
    inspection = visit.target_kind == "place"
    grid_name = ""
    if visit.grid_id is not None:
        try:
            grid_name = grids.get_grid(actor, visit.grid_id).name
        except GridappError:  # the grid was removed since: the visit still prints
            grid_name = ""
    village = division_name(visit.village_code)
    fields = [
        ("对象类型", TARGET_NAMES.get(visit.target_kind, visit.target_kind)),
        ("巡查场所" if inspection else f"{visit.kind}对象", visit.target_name),
        ("村(社区)", village),
        ("网格", grid_name),
        ("时间", f"{visit.visited_at:%Y-%m-%d %H:%M}"),
        ("方式", visit.method),
        ("陪同人员", visit.companions or "无"),
        ("对象状态", visit.state),
    ]
    if visit.risk_grade is not None:
        fields.append(("危险性评估", f"{visit.risk_grade}级"))
    fields += [(f"{visit.kind}人", visit.visitor_name),
               ("下次应访日期", _day(visit.next_due) or "—")]
    numbers = _event_numbers(actor, visit.event_ids)
    if numbers:
        fields.append(("生成事件", "、".join(numbers)))
    if visit.attachments:
        fields.append(("附件", f"{len(visit.attachments)}个（照片等另附）"))
    tables = ()
    if visit.checklist:
        rows = tuple((str(n), c.text, c.result) for n, c in enumerate(visit.checklist, 1))
        failed = len(visit.failed_items)
        caption = f"检查项目（不合格 {failed} 项）" if failed else "检查项目（均未发现问题）"
        tables = (FormTable(headers=("序号", "检查项目", "结果"), rows=rows, caption=caption, widths=(1, 9, 2)),)
    sections = (FormSection("情况记录", visit.notes), FormSection("发现问题", visit.findings or "未发现问题"))
    signatures = (f"{visit.kind}人（签名）", "场所负责人（签名）" if inspection else "被访人（签名）")
    return PrintForm(
        title=title,
        station=_station(visit.village_code[:9], visit.village_code),
        fields=tuple(fields),
        tables=tables,
        sections=sections,
        signatures=signatures + ("日期",),
        printed_on=_printed_on(today),
        extra={"file_name": file_name(title, visit.target_name, f"{visit.visited_at:%Y-%m-%d}")},
    )


def _event_numbers(actor: Actor, event_ids: tuple[int, ...]) -> list[str]:
    """The numbers of the events a visit produced that the actor may see."""
    numbers = []
    for event_id in event_ids:
        try:
            numbers.append(events.get(actor, event_id).number)
        except GridappError:  # escalated out of the actor's scope, or deleted
            continue
    return numbers


# --------------------------------------------------------------------------- 调解协议书
def agreement_refusal(event: events.EventDetail) -> str | None:
    """Why this event has no 调解协议书 to print (None: it has one)."""
    if event.state not in workflow.CLOSED_STATES:
        return f"事件 {event.number} 尚未办结，办结后才能打印调解协议书"
    if event.method != workflow.MEDIATION:
        how = f"“{event.method}”" if event.method else "未填写"
        return f"事件 {event.number} 的化解方式为{how}，只有经人民调解办结的事件才有调解协议书"
    if event.outcome != workflow.OUTCOMES[0]:
        return f"事件 {event.number} 调解未成功（{event.outcome or '未填写结果'}），没有调解协议可打印"
    if not (event.agreement or "").strip():
        return f"事件 {event.number} 没有填写调解协议内容，无法打印调解协议书"
    return None


def agreement_form(actor: Actor, event_id: int, *, today: dt.date | None = None) -> PrintForm:
    """The 人民调解协议书 of a dispute resolved by 人民调解: parties (IDs masked), the facts, the
    agreement, the mediator and date, and signature lines for every party, the mediator and the
    committee's seal. Refused with WorkflowError for any other event."""
    event = events.get(actor, event_id)
    refusal = agreement_refusal(event)
    if refusal:
        raise WorkflowError(refusal)
    committee = f"{event.village_name or division_name(event.village_code[:9])}人民调解委员会"
    agreed = event.agreement_date or (event.closed_at.date() if event.closed_at else None)
    parties = tuple((str(n), p.name, p.role, p.id_number, p.phone) for n, p in enumerate(event.parties, 1))
    fields = (
        ("协议编号", event.number),
        ("纠纷类型", event.category_name or event.kind),
        ("受理日期", _day(event.registered_at)),
        ("协议日期", _day(agreed)),
        ("调解员", event.mediator or ""),
        ("调解组织", committee),
    )
    tables = ()
    if parties:
        tables = (FormTable(headers=("序号", "姓名", "身份", "公民身份号码", "联系电话"), rows=parties,
                            caption="当事人", widths=(1, 3, 3, 5, 4)),)
    copies = len(event.parties) + 1
    signatures = tuple(f"当事人 {p.name}（签名）" for p in event.parties) + (
        f"调解员 {event.mediator}（签名）" if event.mediator else "调解员（签名）",
        f"{committee}（盖章）", "日期")
    return PrintForm(
        title=AGREEMENT_TITLE,
        station=_station(event.village_code[:9], event.village_code),
        fields=fields,
        tables=tables,
        sections=(FormSection("纠纷主要事实、争议事项", event.description or event.title),
                  FormSection("经调解，当事人自愿达成如下协议", event.agreement or ""),
                  FormSection("履行约定", AGREEMENT_CLAUSE.format(copies=copies))),
        signatures=signatures,
        note=MASKED_NOTE,
        printed_on=_printed_on(today),
        extra={"file_name": file_name(AGREEMENT_TITLE, event.number)},
    )


__all__ = ["household_form", "visit_form", "agreement_form", "agreement_refusal", "file_name",
           "HOUSEHOLD_TITLE", "AGREEMENT_TITLE", "MASKED_NOTE", "UNMASKED_NOTE", "MEMBER_HEADERS"]

"""Build the import fixture workbooks in tests/data (run: python tests/data/make_fixtures.py).

Each workbook imitates a ledger as grid workers keep it and holds the traps the importers must
handle. The expected outcome of every row is written next to it here and asserted, literally, in
tests/core/test_import_*.py.

households_traps.xlsx (金山店镇 土桥村):
  title rows, a 序号 column, merged 户号/户主姓名/现住址 and place cells, a blank row, a 合计 footer
  and the 填表人 line; headers with synonyms and (必填)/* marks.
  H001  6 rows accepted: birth dates in six forms (an Excel date, 1957/8/1, 1980.5.6, 1983-02-03,
        2010年6月1日, the number 20120915), full-width digits and a lowercase x in ID numbers, 妻子/
        儿子/孙子/孙女 relations, two tags in one cell.
  H002  2 rows rejected: the head's ID is stored as a number (so the household has no head).
  H003  1 row accepted (the head, new grid 第三网格), 3 rejected: a bad check digit, the same
        person as row H001's head, an unknown tag.
  H004  2 rows accepted: the head found by 户主姓名 (relation empty), 流动人口.
visits_ledger.xlsx: see VISITS below; events_ledger.xlsx: see EVENTS below.
"""
from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402

from gridapp.ids import check_char, make_id  # noqa: E402

AREA = "420281"
FIXED_TIME = dt.datetime(2026, 3, 1, 8, 0, 0)


def id_with_x(birth: dt.date, male: bool) -> str:
    """A valid ID number born on ``birth`` whose check character is X."""
    for seq in range(1 if male else 2, 1000, 2):
        first17 = f"{AREA}{birth:%Y%m%d}{seq:03d}"
        if check_char(first17) == "X":
            return first17 + "X"
    raise ValueError("no sequence gives X")


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "0" <= c <= "9" else c for c in text)


def bad_check(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


# People (the tests import these to look records up).
ZHANG_JIANGUO = make_id(AREA, dt.date(1955, 3, 12), 11)
LI_XIUYING = make_id(AREA, dt.date(1957, 8, 1), 22)
ZHANG_WEI = id_with_x(dt.date(1980, 5, 6), male=True)
ZHANG_LI = make_id(AREA, dt.date(1983, 2, 3), 42)
ZHANG_XIAOMING = make_id(AREA, dt.date(2010, 6, 1), 31)
ZHANG_XIAOHONG = make_id(AREA, dt.date(2012, 9, 15), 44)
WANG_DALI = make_id(AREA, dt.date(1962, 1, 20), 51)
WANG_XIAOLI = make_id(AREA, dt.date(1990, 10, 10), 53)
LIU_FANG = make_id(AREA, dt.date(1975, 4, 4), 62)
LIU_YANG = make_id(AREA, dt.date(2001, 7, 7), 71)
LIU_XIAO = make_id(AREA, dt.date(2004, 12, 24), 82)
CHEN_JING = make_id("421002", dt.date(1992, 11, 30), 92)
ZHOU_JIE = make_id("421002", dt.date(1990, 2, 28), 91)

HOUSEHOLD_HEADERS = ["序号", "乡镇（街道）", "村(社区)", "网格", "户号*", "户主姓名", "姓名（必填）", "与户主关系",
                     "性别", "民族", "身份证号", "出生日期", "手机号", "现住址", "户籍地址", "人口类型", "人员类别",
                     "备注"]


def households_traps(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "户籍人口"
    ws.append(["金山店镇土桥村户籍人口登记表"])
    ws.merge_cells("A1:R1")
    ws["A1"].font = Font(size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(["填报单位：土桥村村民委员会", None, None, None, None, None, None, None, None, None,
               "填报日期：2026年3月1日"])
    ws.append([])
    ws.append(HOUSEHOLD_HEADERS)
    town, village = "金山店镇", "土桥村"
    rows = [
        # H001 (rows 5–10): place, 户号, 户主姓名 and 现住址 merged over its six members
        [1, town, village, "第一网格", "H001", "张建国", "张建国", "户主", "男", "汉族", ZHANG_JIANGUO,
         dt.datetime(1955, 3, 12), "13871234567", "土桥村一组12号", "湖北省大冶市金山店镇土桥村一组", "户籍人口",
         "退役军人、低保户", "老党员"],
        [2, None, None, None, None, None, "李秀英", "妻子", "女", "汉", full_width(LI_XIUYING), "1957/8/1",
         None, None, None, "户籍人口", None, None],
        [3, None, None, None, None, None, "张伟", "儿子", "男", "汉族", ZHANG_WEI.lower(), "1980.5.6",
         "138 0000 1234", None, None, "外出", None, "在武汉务工"],
        [4, None, None, None, None, None, "张丽", "儿媳", "女", "汉族", ZHANG_LI, "1983-02-03",
         None, None, None, "户籍人口", None, None],
        [5, None, None, None, None, None, "张小明", "孙子", None, "汉族", ZHANG_XIAOMING, "2010年6月1日",
         None, None, None, "户籍人口", "留守儿童", None],
        [6, None, None, None, None, None, "张小红", "孙女", "女", "汉族", ZHANG_XIAOHONG, 20120915,
         None, None, None, "户籍人口", "留守儿童", None],
        # H002 (rows 11–12): the head's ID went through a numeric cell
        [7, town, village, "第一网格", "H002", "王大力", "王大力", "户主", "男", "汉族", int(WANG_DALI),
         None, None, "土桥村二组3号", None, "户籍人口", None, None],
        [8, town, village, "第一网格", "H002", "王大力", "王小力", "儿子", "男", "汉族", WANG_XIAOLI,
         None, None, "土桥村二组3号", None, "户籍人口", None, None],
        # row 13 blank
        [None] * 18,
        # H003 (rows 14–17): a grid the village doesn't have yet
        [9, town, village, "第三网格", "H003", "刘芳", "刘芳", "户主", "女", "汉族", LIU_FANG, None, None,
         "土桥村三组8号", None, "户籍人口", "留守妇女", None],
        [10, town, village, "第三网格", "H003", "刘芳", "刘洋", "儿子", "男", "汉族", bad_check(LIU_YANG), None,
         None, "土桥村三组8号", None, "户籍人口", None, None],
        [11, town, village, "第三网格", "H003", "刘芳", "张建国", "父亲", "男", "汉族", ZHANG_JIANGUO, None,
         None, "土桥村三组8号", None, "户籍人口", None, None],
        [12, town, village, "第三网格", "H003", "刘芳", "刘晓", "女儿", "女", "汉族", LIU_XIAO, None, None,
         "土桥村三组8号", None, "户籍人口", "五好家庭", None],
        # H004 (rows 18–19): the head is found by 户主姓名
        [13, town, village, "第一网格", "H004", "陈静", "陈静", None, "女", "汉族", CHEN_JING, None,
         "0714-8765432", "土桥村四组1号", None, "流动人口", None, None],
        [14, town, village, "第一网格", "H004", "陈静", "周杰", "丈夫", "男", "汉族", ZHOU_JIE, None,
         None, "土桥村四组1号", None, "流动人口", None, None],
    ]
    for row in rows:
        ws.append(row)
    ws.cell(row=5, column=12).number_format = "yyyy-mm-dd"
    for col in "BCDEFN":
        ws.merge_cells(f"{col}5:{col}10")
    ws.append(["合计", None, None, None, "4户", None, "14人"])
    ws.append(["填表人：王网格", None, None, None, None, "审核人：", None, None, "负责人："])
    _save(wb, path)


def _save(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps (document properties and zip entries), so that running this
    script again gives byte-identical files."""
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = "gridapp tests"
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


# visits_ledger.xlsx (after households_traps.xlsx is imported), rows 3–11:
VISITS_HEADERS = ["走访日期", "走访人", "被访人", "身份证号", "户号", "村(社区)", "走访方式", "情况记录", "人员状态",
                  "危险等级", "发现问题"]
VISITS = [
    # accepted: a person visit by ID
    [dt.datetime(2026, 3, 2), "王网格", "张建国", ZHANG_JIANGUO, None, None, "入户", "身体健康，生活正常", "正常", None, None],
    # accepted: a household visit by 户号 (+ village), 电话回访 → 电话
    ["2026/3/5", "王网格", None, None, "H004", "土桥村", "电话回访", "了解务工情况", None, None, "房屋漏雨"],
    # rejected: valid ID, nobody registered with it
    ["2026-03-06", "王网格", "赵六", make_id(AREA, dt.date(1970, 1, 1), 13), None, None, "入户", "走访", "正常", None, None],
    # rejected: 2026-02-30 is no date
    ["2026-02-30", "王网格", "张建国", ZHANG_JIANGUO, None, None, "入户", "走访", "正常", None, None],
    # rejected: risk grade out of range
    ["2026-03-07", "王网格", "李秀英", LI_XIUYING, None, None, "入户", "走访", "正常", "7级", None],
    # rejected: the same visit as row 3 (date + target + visitor)
    ["2026年3月2日", "王网格", "张建国", ZHANG_JIANGUO, None, None, "入户", "重复登记", "正常", None, None],
    # rejected: unknown method
    ["2026-03-08", "王网格", "张伟", ZHANG_WEI, None, None, "飞鸽传书", "走访", "外出", None, None],
    # accepted: 上门 → 入户, person state 外出
    [20260309, "李书记", "张伟", ZHANG_WEI, None, None, "上门", "本人在外务工，与家属交谈", "外出", None, None],
    # rejected: a risk grade for somebody who is not a 严重精神障碍患者
    ["2026-03-10", "王网格", "张丽", ZHANG_LI, None, None, "入户", "走访", "正常", "1级", None],
]


def visits_ledger(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "走访台账"
    ws.append(["土桥村走访台账（2026年3月）"])
    ws.merge_cells("A1:K1")
    ws.append(VISITS_HEADERS)
    for row in VISITS:
        ws.append(row)
    ws.cell(row=3, column=1).number_format = "yyyy-mm-dd"
    ws.append([None] * 11)
    ws.append(["填表人：王网格"])
    _save(wb, path)


# events_ledger.xlsx (金山店镇), rows 3–11:
EVENTS_HEADERS = ["序号", "编号", "登记日期", "乡镇(街道)", "村(社区)", "网格", "纠纷类型", "事项", "简要情况", "当事人",
                  "涉及人数", "办理状态", "化解方式", "化解日期", "调解员"]
OUR_NUMBER = "420281103-2026-00007"
EVENTS = [
    # accepted, no 编号: a new number in the township's sequence; 已化解 → 已办结 化解成功
    [1, None, "2026-01-05", "金山店镇", "土桥村", "第一网格", "邻里纠纷", "宅旁排水沟堵塞纠纷", "张某与王某因排水沟发生争执",
     "张某、王某", 2, "已化解", "人民调解", "2026-01-10", "李调解"],
    # accepted, a ledger's own number (kept as 原编号); 调解中 → 处置中
    [2, "TQ-2026-002", "2026-01-06", "金山店镇", "土桥村", "第一网格", "婚姻家庭", "赡养老人纠纷", "子女对赡养费有分歧",
     "刘某；刘某某", None, "调解中", None, None, "李调解"],
    # accepted, our own number format; 已上报 → escalated to the township
    [3, OUR_NUMBER, dt.datetime(2026, 2, 1), "金山店镇", "土桥村", None, "宅基地", "宅基地边界纠纷", "两户因宅基地边界争执",
     "陈某、周某", 2, "已上报", None, None, None],
    # accepted: 未化解 → 已办结 未化解
    [4, "TQ-2026-004", "2026-02-10", "金山店镇", "马坪村", None, "劳动争议", "拖欠工资", "包工头拖欠工资",
     "工人甲、包工头乙", 12, "未化解", "行政调解", "2026-02-20", "王主任"],
    # rejected: unknown state
    [5, "TQ-2026-005", "2026-02-11", "金山店镇", "土桥村", None, "邻里", "噪音", "装修噪音", "甲、乙", 2, "搁置", None,
     None, None],
    # rejected: unknown type
    [6, "TQ-2026-006", "2026-02-12", "金山店镇", "土桥村", None, "外星人入侵", "怪事", "怪事", "甲", 1, "受理", None,
     None, None],
    # rejected: no 登记日期
    [7, "TQ-2026-007", None, "金山店镇", "土桥村", None, "邻里", "占道", "占道堆放", "甲、乙", 2, "受理", None, None, None],
    # accepted: 安全隐患 (消防) 已受理
    [8, "TQ-2026-008", "2026-03-01", "金山店镇", "土桥村", None, "消防", "楼道堆放杂物", "楼道堆放杂物影响通行", None, None,
     "受理", None, None, None],
    # rejected: unknown village
    [9, "TQ-2026-009", "2026-03-02", "金山店镇", "不存在村", None, "邻里", "噪音", "噪音", "甲、乙", 2, "受理", None, None,
     None],
]


def events_ledger(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "矛盾纠纷排查化解台账"
    ws.append(["金山店镇矛盾纠纷排查化解台账"])
    ws.merge_cells("A1:O1")
    ws.append(EVENTS_HEADERS)
    for row in EVENTS:
        ws.append(row)
    ws.append(["合计", None, None, None, None, None, None, "9件"])
    _save(wb, path)


def main() -> None:
    households_traps(HERE / "households_traps.xlsx")
    visits_ledger(HERE / "visits_ledger.xlsx")
    events_ledger(HERE / "events_ledger.xlsx")
    print(f"fixtures written to {HERE}")


if __name__ == "__main__":
    main()

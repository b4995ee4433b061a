import datetime as dt
import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridapp import ids
from gridapp.errors import (
    DuplicateError, NeedsConfirmation, NotFoundError, PermissionDenied, StaleRecordError, ValidationError,
    ValidationErrors,
)
from gridapp.models import AuditLog, Person, PersonTag
from gridapp.services import actor as actor_module
from gridapp.services import households, people
from gridapp.services.actor import GRID_WORKER, SYSADMIN, TOWNSHIP as TOWNSHIP_ROLE, VILLAGE_ADMIN
from gridapp.services.people import PersonInput, PersonQuery, TagInput
from tests.core.factories import (
    OTHER_TOWNSHIP_VILLAGE, OTHER_VILLAGE, TOWNSHIP, VILLAGE, make_actor, make_grid, make_household,
    make_id_number, person_input,
)

ID = "420281198503120017"  # 1985-03-12, 男
TODAY = dt.date.today()


@pytest.fixture
def area(db):
    """A grid in 石应高村 with a township clerk and a household of three."""
    grid = make_grid()
    clerk = make_actor(TOWNSHIP_ROLE, TOWNSHIP)
    home = make_household(clerk, grid.id, 3, number="0001")
    return grid, clerk, home


def audit_rows(uid, action=None):
    q = AuditLog.select().where(AuditLog.uid == uid)
    if action:
        q = q.where(AuditLog.action == action)
    return [json.loads(r.changes) if r.changes else {} for r in q.order_by(AuditLog.id)]


# --------------------------------------------------------------------------- check_id
def test_check_id_gives_birth_date_and_sex():
    check = people.check_id(" 4202811985０３120017 ")
    assert check == people.IdCheck(True, ID, dt.date(1985, 3, 12), "男", "")


def test_check_id_says_what_the_check_digit_should_be():
    check = people.check_id("420281198503120018")
    assert not check.ok and "应为 7" in check.message and check.normalized == "420281198503120018"


def test_check_id_on_partial_and_empty_input():
    assert people.check_id("").message == "" and not people.check_id("").ok
    assert "实际为10位" in people.check_id("4202811985").message


# --------------------------------------------------------------------------- validate
def test_validate_reports_every_field_at_once(area):
    grid, clerk, home = area
    data = PersonInput(name="张3", id_number="420281198503120018", phone="12345", sex="未知",
                       ethnic="火星族", residence="在外", education="博士后", tags=(TagInput("nope"),))
    errors = people.validate(clerk, data, household_id=home.id)
    assert {e.field for e in errors} == {"name", "id_number", "phone", "sex", "ethnic", "residence",
                                         "education", "tags"}
    assert all(e.message for e in errors)


def test_validate_points_to_the_person_who_has_the_id_already(area):
    grid, clerk, home = area
    existing = people.get(clerk, home.members[0].id)
    number = Person.get_by_id(existing.id).id_number
    errors = people.validate(clerk, PersonInput(name="李四", id_number=number.lower()))
    assert [type(e) for e in errors] == [DuplicateError]
    assert errors[0].existing == existing.uid
    assert existing.name in errors[0].message and "石应高村" in errors[0].message and "0001" in errors[0].message
    assert people.validate(clerk, PersonInput(name=existing.name, id_number=number), person_id=existing.id) == []


@given(name=st.lists(st.sampled_from("张王李欧阳明华秀英"), min_size=2, max_size=4),
       spaces=st.lists(st.sampled_from([" ", "\u3000", "  ", "\t"]), min_size=5, max_size=5))
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_names_lose_stray_and_full_width_spaces(area, name, spaces):
    grid, clerk, home = area
    plain = "".join(name)
    messy = spaces[0] + "".join(a + b for a, b in zip(name, spaces[1:] + [""] * len(name)))
    assert people.normalize_name(messy) == plain
    assert people.validate(clerk, PersonInput(name=messy), household_id=home.id) == []


@pytest.mark.parametrize("raw, expected", [
    ("ＺＨＡＮＧ San", "ZHANG San"), ("阿依古丽 • 买买提", "阿依古丽·买买提"), ("  Mary   Smith ", "Mary Smith"),
])
def test_names_are_normalised(raw, expected):
    assert people.normalize_name(raw) == expected


@pytest.mark.parametrize("name, message", [("", "姓名不能为空"), ("张3", "不能包含数字"), ("张#三", "不允许的字符：#"),
                                           ("张" * 51, "不能超过50个字")])
def test_bad_names_are_refused(area, name, message):
    grid, clerk, home = area
    errors = people.validate(clerk, PersonInput(name=name), household_id=home.id)
    assert [(e.field, message in e.message) for e in errors] == [("name", True)]


@given(birth=st.dates(dt.date(1930, 1, 1), dt.date(2020, 12, 31)), seq=st.integers(0, 999),
       width=st.booleans(), spaced=st.booleans(), lower=st.booleans())
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_messy_id_numbers_validate_and_give_birth_and_sex(area, birth, seq, width, spaced, lower):
    grid, clerk, home = area
    number = ids.make_id("420281", birth, seq)
    messy = number
    if lower:
        messy = messy.replace("X", "x")
    if width:
        messy = "".join(chr(ord(c) + 0xFEE0) for c in messy)
    if spaced:
        messy = f" {messy[:6]} {messy[6:14]}\u3000{messy[14:]} "
    data = PersonInput(name="王五", id_number=messy, birth_date=birth, sex="男" if seq % 2 else "女")
    assert people.validate(clerk, data, household_id=home.id) == []
    check = people.check_id(messy)
    assert (check.ok, check.normalized, check.birth_date) == (True, number, birth)


def test_birth_date_and_sex_must_agree_with_the_id(area):
    grid, clerk, home = area
    errors = people.validate(clerk, PersonInput(name="王五", id_number=ID, birth_date=dt.date(1985, 3, 13),
                                                sex="女"), household_id=home.id)
    assert {(e.field, e.message) for e in errors} == {
        ("birth_date", "出生日期与公民身份号码不一致（身份证号中为 1985-03-12）"),
        ("sex", "性别与公民身份号码不一致（身份证号中为男）")}


# --------------------------------------------------------------------------- create
def test_create_derives_birth_and_sex_keeps_search_keys_and_audits(area):
    grid, clerk, home = area
    person = people.create(clerk, PersonInput(name=" 张 三 ", id_number=ID.replace("0017", "0017"),
                                              phone="138 0000 1234", relation="30",
                                              tags=(TagInput("djlr", "01", dt.date(2024, 1, 1)),)),
                           household_id=home.id)
    assert (person.name, person.birth_date, person.sex, person.age) == ("张三", dt.date(1985, 3, 12), "男",
                                                                         people.age_on(dt.date(1985, 3, 12)))
    assert person.id_masked == "420281********0017" and person.id_number == "420281********0017"
    assert person.phone == "138****1234" and not person.revealed
    assert (person.relation, person.relation_name, person.is_head) == ("30", "女", False)
    assert [t.category_name for t in person.tags] == ["独居老人"]
    row = Person.get_by_id(person.id)
    assert (row.pinyin, row.initials, row.name_tokens) == ("zhangsan", "zs", "张 三")
    assert (row.id_rev, row.phone_rev) == (ID[::-1], "13800001234"[::-1])
    assert (row.grid_id, row.village_code, row.township_code, row.county_code) == (
        grid.id, VILLAGE, TOWNSHIP, "420281")
    created = audit_rows(person.uid, "create")[0]
    assert created["name"] == [None, "张三"] and created["id_number"] == [None, ID]
    assert audit_rows(PersonTag.get(PersonTag.person == person.id).uid, "create")


def test_create_refuses_a_live_duplicate_id_but_not_a_deleted_one(area):
    grid, clerk, home = area
    first = people.create(clerk, PersonInput(name="张三", id_number=ID), household_id=home.id)
    other = make_household(clerk, make_grid(OTHER_VILLAGE).id, 1, number="0009")
    with pytest.raises(DuplicateError) as info:
        people.create(clerk, PersonInput(name="张叁", id_number=ID), household_id=other.id)
    assert info.value.field == "id_number" and info.value.existing == first.uid
    assert info.value.message == "公民身份号码已登记：张三（大箕铺镇 石应高村，户号 0001）"
    people.delete(clerk, first.id)
    again = people.create(clerk, PersonInput(name="张叁", id_number=ID), household_id=other.id)
    assert again.village_name == "袁家咀村"


def test_same_name_and_birth_in_the_village_needs_confirmation(area):
    grid, clerk, home = area
    born = dt.date(1990, 5, 6)
    people.create(clerk, PersonInput(name="李梅", birth_date=born), household_id=home.id)
    with pytest.raises(NeedsConfirmation, match="本村已有同名且出生日期相同的人员：李梅") as info:
        people.create(clerk, PersonInput(name="李梅", birth_date=born), household_id=home.id)
    assert info.value.field == "name"
    confirmed = people.create(clerk, PersonInput(name="李梅", birth_date=born), household_id=home.id, confirm=True)
    assert confirmed.name == "李梅"
    elsewhere = make_household(clerk, make_grid(OTHER_VILLAGE).id, 1)
    assert people.create(clerk, PersonInput(name="李梅", birth_date=born), household_id=elsewhere.id).name == "李梅"


def test_field_errors_are_raised_together(area):
    grid, clerk, home = area
    with pytest.raises(ValidationErrors) as info:
        people.create(clerk, PersonInput(name="", phone="abc"), household_id=home.id)
    assert [e.field for e in info.value.errors] == ["name", "phone"]
    with pytest.raises(ValidationErrors, match="每户只能有一位户主"):
        people.create(clerk, PersonInput(name="赵六", relation="02"), household_id=home.id)


def test_a_floating_person_needs_a_grid(area):
    grid, clerk, home = area
    with pytest.raises(ValidationError) as info:
        people.create(clerk, PersonInput(name="流动人员"))
    assert info.value.field == "household_id"
    floating = people.create(clerk, PersonInput(name="流动人员", residence="流动"), grid_id=grid.id)
    assert (floating.household_id, floating.relation, floating.grid_name) == (None, None, "一网格")


def test_only_resident_roles_write(area):
    grid, clerk, home = area
    admin = make_actor(SYSADMIN)
    with pytest.raises(PermissionDenied):
        people.create(admin, PersonInput(name="王五"), household_id=home.id)


# --------------------------------------------------------------------------- update
def test_update_checks_the_version_and_audits_only_what_changed(area):
    grid, clerk, home = area
    member = home.members[1]
    data = PersonInput(name="欧阳 明华", id_number=None, birth_date=dt.date(1960, 1, 2), sex="女",
                       relation="10", occupation="务农")
    person = people.get(clerk, member.id)
    saved = people.update(clerk, member.id, data, version=person.version)
    assert (saved.version, saved.name, saved.occupation) == (person.version + 1, "欧阳明华", "务农")
    row = Person.get_by_id(member.id)
    assert (row.pinyin, row.initials, row.updated_by, row.id_number, row.id_rev) == (
        "ouyangminghua", "oymh", clerk.login, None, None)
    changes = audit_rows(member.uid, "update")[-1]
    assert changes["name"] == [member.name, "欧阳明华"] and "residence" not in changes
    with pytest.raises(StaleRecordError, match="记录已被他人修改"):
        people.update(clerk, member.id, data, version=person.version)


def test_update_keeps_the_registered_address_unless_given(area):
    grid, clerk, home = area
    person = people.get(clerk, home.members[1].id)
    data = replace(people.as_input(person), reg_address="湖北省大冶市大箕铺镇石应高村")
    saved = people.update(clerk, person.id, data, version=person.version)
    kept = people.update(clerk, person.id, replace(data, reg_address=None, occupation="教师"), version=saved.version)
    assert kept.reg_address == "湖北省大冶市大箕铺镇石应高村" and kept.occupation == "教师"
    cleared = people.update(clerk, person.id, replace(data, reg_address=""), version=kept.version)
    assert cleared.reg_address is None


def test_the_head_keeps_relation_02(area):
    grid, clerk, home = area
    head = home.members[0]
    with pytest.raises(ValidationErrors, match="设为户主") as info:
        people.update(clerk, head.id, PersonInput(name=head.name, relation="10"), version=head.version)
    assert info.value.errors[0].field == "relation"
    kept = people.update(clerk, head.id, PersonInput(name=head.name, relation="02", occupation="退休"),
                         version=head.version)
    assert kept.is_head and kept.relation == "02"


def test_update_tags_replace_the_visible_live_ones(area):
    grid, clerk, home = area
    person = people.get(clerk, home.members[1].id)
    data = replace(people.as_input(person), tags=(TagInput("dbh", "03", dt.date(2020, 1, 1)),))
    assert data.id_number == person.id_masked  # shown masked, kept as stored
    saved = people.update(clerk, person.id, data, version=person.version)
    assert [(t.category, t.attention_name) for t in saved.tags] == [("dbh", "低")]
    assert saved.version == person.version  # only tags changed
    stored = Person.get_by_id(person.id).id_number
    assert "*" not in stored and ids.mask_id(stored) == person.id_masked


# --------------------------------------------------------------------------- tags
def test_set_tags_adds_updates_and_ends_keeping_history(area):
    grid, clerk, home = area
    pid = home.members[0].id
    old = dt.date(2023, 1, 1)
    people.set_tags(clerk, pid, [TagInput("djlr", "01", old), TagInput("cjr", "02", old, details={"等级": "二级"})])
    after = people.set_tags(clerk, pid, [TagInput("cjr", "01", old, details={"等级": "二级"}),
                                         TagInput("tyjr", "03", TODAY)])
    assert [(t.category, t.attention) for t in after.tags] == [("cjr", "01"), ("tyjr", "03")]
    assert after.tags[0].details == {"等级": "二级"}
    assert [(t.category, t.until) for t in after.tag_history] == [("djlr", TODAY - dt.timedelta(days=1))]
    final = people.set_tags(clerk, pid, [TagInput("cjr", "01", old, details={"等级": "二级"})])
    assert [t.category for t in final.tags] == ["cjr"]
    mistaken = PersonTag.get((PersonTag.person == pid) & (PersonTag.category == "tyjr"))
    assert mistaken.deleted_at is not None  # started today: a correction, not history
    assert [r.get("attention") for r in audit_rows(PersonTag.get((PersonTag.person == pid)
                                                                 & (PersonTag.category == "cjr")).uid, "update")] \
        == [["02", "01"]]


@pytest.mark.parametrize("tags, message", [
    ([TagInput("djlr", since=TODAY), TagInput("独居老人", since=TODAY)], "重复"),
    ([TagInput("djlr", since=TODAY + dt.timedelta(days=1))], "开始日期不能晚于今天"),
    ([TagInput("djlr", since=TODAY, until=TODAY - dt.timedelta(days=3))], "结束日期不能早于开始日期"),
    ([TagInput("djlr", "09", since=TODAY)], "关注程度只能是高、中或低"),
])
def test_bad_tags_are_refused(area, tags, message):
    grid, clerk, home = area
    with pytest.raises(ValidationErrors, match=message):
        people.set_tags(clerk, home.members[0].id, tags)


def test_sensitive_tags_are_invisible_and_untouchable_without_the_right(area, monkeypatch):
    grid, clerk, home = area
    pid = home.members[0].id
    people.set_tags(clerk, pid, [TagInput("jsza", "01", dt.date(2022, 1, 1)), TagInput("djlr", "02", TODAY)])
    monkeypatch.setattr(actor_module, "SENSITIVE_ROLES", frozenset({TOWNSHIP_ROLE}))
    village = make_actor(VILLAGE_ADMIN, VILLAGE)
    assert [t.category for t in people.get(village, pid).tags] == ["djlr"]
    assert "jsza" not in dict(people.category_choices(village)) and "djlr" in dict(people.category_choices(village))
    assert people.page(village, PersonQuery(text=home.members[0].name))[0].tags == ("独居老人",)
    with pytest.raises(PermissionDenied):
        people.count(village, PersonQuery(category="jsza"))
    with pytest.raises(ValidationErrors, match="无权登记"):
        people.set_tags(village, pid, [TagInput("jsza", since=TODAY)])
    people.set_tags(village, pid, [])
    assert [t.category for t in people.get(clerk, pid).tags] == ["jsza"]
    assert people.get(clerk, pid).tags[0].sensitive


# --------------------------------------------------------------------------- delete / restore / move
def test_deleting_the_head_needs_a_new_head(area):
    grid, clerk, home = area
    head, spouse = home.members[0], home.members[1]
    with pytest.raises(ValidationError, match="删除户主前请先指定新户主") as info:
        people.delete(clerk, head.id)
    assert info.value.field == "new_head_id"
    people.delete(clerk, head.id, new_head_id=spouse.id)
    after = households.get(clerk, home.id)
    assert [(m.id, m.is_head, m.relation) for m in after.members][:1] == [(spouse.id, True, "02")]
    assert head.id not in [m.id for m in after.members] and after.head_name == spouse.name
    assert audit_rows(head.uid, "delete")[0]["deleted_at"][0] is None


def test_the_last_member_goes_only_with_the_household(area):
    grid, clerk, home = area
    single = make_household(clerk, grid.id, 1)
    with pytest.raises(ValidationError, match="请删除整户"):
        people.delete(clerk, single.members[0].id, new_head_id=single.members[0].id)


def test_delete_checks_the_version_when_given(area):
    grid, clerk, home = area
    with pytest.raises(StaleRecordError):
        people.delete(clerk, home.members[2].id, version=home.members[2].version + 5)


def test_restore_brings_a_member_back_unless_the_id_is_taken(area):
    grid, clerk, home = area
    member = home.members[2]
    number = Person.get_by_id(member.id).id_number
    people.delete(clerk, member.id)
    assert people.count(clerk, PersonQuery(deleted=True)) == 1
    with pytest.raises(NotFoundError):
        people.update(clerk, member.id, PersonInput(name="x"), version=member.version + 1)
    taker = people.create(clerk, PersonInput(name="占用者", id_number=number), household_id=home.id)
    with pytest.raises(DuplicateError, match="无法恢复：公民身份号码已登记：占用者"):
        people.restore(clerk, member.id)
    people.delete(clerk, taker.id)
    back = people.restore(clerk, member.id)
    assert back.deleted_at is None and not back.is_head
    assert audit_rows(member.uid, "restore")


def test_move_to_another_household_updates_scope_columns(area):
    grid, clerk, home = area
    other = make_household(clerk, make_grid(OTHER_VILLAGE).id, 1, number="0100")
    member = home.members[1]
    moved = people.move(clerk, member.id, other.id, "97")
    row = Person.get_by_id(member.id)
    assert (moved.household_number, moved.relation, row.village_code, row.grid_id) == (
        "0100", "97", OTHER_VILLAGE, other.grid_id)
    assert audit_rows(member.uid, "move")[0]["village_code"] == [VILLAGE, OTHER_VILLAGE]
    with pytest.raises(ValidationError, match="请先为原户指定新户主"):
        people.move(clerk, home.members[0].id, other.id, "97")
    with pytest.raises(ValidationErrors, match="每户只能有一位户主"):
        people.move(clerk, home.members[2].id, other.id, "02")


# --------------------------------------------------------------------------- reveal / scope / listing
def test_reveal_shows_the_full_id_and_is_audited(area):
    grid, clerk, home = area
    head = home.members[0]
    full = people.reveal(clerk, head.id)
    assert full.revealed and full.id_number == Person.get_by_id(head.id).id_number
    assert audit_rows(head.uid, "view_sensitive") == [{"fields": ["id_number", "phone"]}]
    with pytest.raises(PermissionDenied):
        people.reveal(make_actor(SYSADMIN), head.id)


def test_every_function_keeps_to_the_actor_scope(area):
    grid, clerk, home = area
    other_grid = make_grid(VILLAGE, "二网格")
    theirs = make_household(clerk, other_grid.id, 2)
    far = make_household(make_actor(TOWNSHIP_ROLE, OTHER_TOWNSHIP_VILLAGE[:9]), make_grid(OTHER_TOWNSHIP_VILLAGE).id, 1)
    worker = make_actor(GRID_WORKER, grid_ids=(grid.id,))
    village = make_actor(VILLAGE_ADMIN, VILLAGE)
    pid = theirs.members[1].id
    for call in (lambda: people.get(worker, pid), lambda: people.reveal(worker, pid),
                 lambda: people.update(worker, pid, PersonInput(name="x"), 1),
                 lambda: people.delete(worker, pid), lambda: people.set_tags(worker, pid, []),
                 lambda: people.move(worker, home.members[1].id, theirs.id, "97"),
                 lambda: people.create(worker, PersonInput(name="x"), household_id=theirs.id),
                 lambda: people.get(village, far.members[0].id), lambda: people.get(clerk, far.members[0].id)):
        with pytest.raises(PermissionDenied):
            call()
    assert {p.household_id for p in people.page(worker)} == {home.id}
    assert people.count(village) == 5 and people.count(clerk) == 5
    assert people.count(make_actor(TOWNSHIP_ROLE, "420281")) == 6
    assert people.count(clerk, PersonQuery(grid_id=other_grid.id)) == 2


def test_page_sorts_in_sql_and_filters(area):
    grid, clerk, home = area
    grid2 = make_grid(OTHER_VILLAGE)
    make_household(clerk, grid2.id, head=person_input("阿明", male=True), members=[
        person_input("周杰", relation="20", residence="外出"), person_input("白雪", relation="30")])
    names = [p.name for p in people.page(clerk, PersonQuery(village_code=OTHER_VILLAGE))]
    assert names == ["阿明", "白雪", "周杰"]
    assert [p.name for p in people.page(clerk, PersonQuery(village_code=OTHER_VILLAGE, descending=True))] == \
        ["周杰", "白雪", "阿明"]
    births = [p.birth_date for p in people.page(clerk, PersonQuery(sort="birth_date"))]
    assert births == sorted(births)
    by_household = people.page(clerk, PersonQuery(sort="household"))
    assert by_household[0].is_head and by_household[0].household_number == "0001"
    assert [p.name for p in people.page(clerk, PersonQuery(residence="外出"))] == ["周杰"]
    assert [p.village_name for p in people.page(clerk, PersonQuery(sort="village"))][-1] == "袁家咀村"
    assert len(people.page(clerk, offset=2, limit=3)) == 3
    with pytest.raises(ValidationError):
        people.page(clerk, PersonQuery(sort="nonsense"))


def test_filter_by_category_and_attention(area):
    grid, clerk, home = area
    a, b = home.members[0].id, home.members[1].id
    people.set_tags(clerk, a, [TagInput("djlr", "01", dt.date(2024, 1, 1))])
    people.set_tags(clerk, b, [TagInput("djlr", "03", dt.date(2024, 1, 1)),
                               TagInput("cjr", "01", dt.date(2024, 1, 1), until=dt.date(2024, 6, 1))])
    assert [p.id for p in people.page(clerk, PersonQuery(category="djlr"))] == sorted(
        [a, b], key=lambda i: Person.get_by_id(i).pinyin)
    assert [p.id for p in people.page(clerk, PersonQuery(category="djlr", attention="01"))] == [a]
    assert people.count(clerk, PersonQuery(category="cjr")) == 0  # ended
    assert people.count(clerk, PersonQuery(attention="03")) == 1


def test_make_id_number_helper_is_valid(db):
    assert ids.is_valid_id(make_id_number())


def test_the_list_is_the_living_register_unless_the_status_asks_for_more(area):
    """死亡 and 迁出 people leave the list (and its count), as the 工作台's 人口 counts; the status
    filter lists them when asked, ANY_RESIDENCE lists everyone, and the household keeps them all."""
    grid, clerk, home = area
    dead, moved, stays = (m.id for m in home.members)
    Person.update(residence="死亡").where(Person.id == dead).execute()
    Person.update(residence="迁出").where(Person.id == moved).execute()
    assert [p.id for p in people.page(clerk)] == [stays] and people.count(clerk) == 1
    assert [p.id for p in people.page(clerk, PersonQuery(residence="死亡"))] == [dead]
    assert people.count(clerk, PersonQuery(residence="迁出")) == 1
    assert people.count(clerk, PersonQuery(residence=people.ANY_RESIDENCE)) == 3
    name = Person.get_by_id(dead).name
    assert people.count(clerk, PersonQuery(text=name)) == 0
    assert people.count(clerk, PersonQuery(text=name, residence=people.ANY_RESIDENCE)) == 1
    assert {m.residence for m in households.get(clerk, home.id).members} == {"死亡", "迁出", "户籍在册"}
    people.delete(clerk, moved)
    assert people.count(clerk, PersonQuery(deleted=True)) == 1  # the 回收站 shows every status


def test_a_tag_starting_later_is_not_live_yet(area):
    """A tag is live when since <= today and (until empty or >= today), as the worklist, the
    工作台 and the summary count it; one that starts tomorrow shows on the form but not in lists."""
    grid, clerk, home = area
    person = home.members[0].id
    people.set_tags(clerk, person, [TagInput("djlr", "01", dt.date(2024, 1, 1))])
    tag = PersonTag.get(PersonTag.person == person)
    PersonTag.update(since=TODAY + dt.timedelta(days=1)).where(PersonTag.id == tag.id).execute()
    assert people.count(clerk, PersonQuery(category="djlr")) == 0
    assert people.page(clerk, PersonQuery(text=Person.get_by_id(person).name))[0].tags == ()
    assert not PersonTag.select().where(people.live_tag()).exists()
    assert [t.category for t in people.get(clerk, person).tags] == ["djlr"]  # the form still shows it
    PersonTag.update(since=TODAY).where(PersonTag.id == tag.id).execute()
    assert people.count(clerk, PersonQuery(category="djlr")) == 1
    PersonTag.update(since=TODAY + dt.timedelta(days=3)).where(PersonTag.id == tag.id).execute()
    people.set_tags(clerk, person, [])  # the form dropped it: a tag not started yet is deleted
    assert PersonTag.get_by_id(tag.id).deleted_at is not None

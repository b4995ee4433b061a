import datetime as dt

import pytest

from gridapp.services import households, people, search
from gridapp.services.actor import TOWNSHIP as TOWNSHIP_ROLE
from gridapp.services.households import HouseholdQuery
from gridapp.services.people import PersonInput, PersonQuery, TagInput
from tests.core.backends import sqlite_only
from tests.core.factories import OTHER_VILLAGE, TOWNSHIP, make_actor, make_grid, make_household, person_input

ZHANG_ID = "420281198503120017"
OUYANG_ID = "42028119900101127X"


@pytest.mark.parametrize("raw, kind, value", [
    ("420281198503120017", "id", "420281198503120017"),
    (" 4202811990010112７x ", "id", "42028119900101127X"),
    ("0017", "tail", "0017"),
    ("23x", "mixed", "23x"),
    ("12123X", "tail", "12123X"),
    ("1234567", "phone", "1234567"),
    ("139 1234 5678", "phone", "13912345678"),
    ("0714-8123456", "phone", "0714-8123456"),
    ("ZhangS", "pinyin", "zhangs"),
    ("z s", "pinyin", "zs"),
    ("张三", "name", "张三"),
    ("明", "name", "明"),
    ("柯大兴村12号", "mixed", "柯大兴村12号"),
    ("12", "mixed", "12"),
    ("   ", None, None),
])
def test_classify(raw, kind, value):
    match = search.classify(raw)
    assert (match.kind, match.value) == (kind, value) if kind else match is None


@pytest.fixture
def town(db):
    """Two villages of one township with a few named residents."""
    grid, grid2 = make_grid(), make_grid(OTHER_VILLAGE)
    clerk = make_actor(TOWNSHIP_ROLE, TOWNSHIP)
    zhang = make_household(clerk, grid.id, number="0001", address="石应高村三组18号", phone="0714-8123456",
                           head=PersonInput(name="张三", id_number=ZHANG_ID, phone="13912345678"),
                           members=[person_input("李秀英", relation="12", phone="13800005678"),
                                    person_input("张小明", relation="20")])
    ouyang = make_household(clerk, grid2.id, number="0002", address="袁家咀村五组6号",
                            head=PersonInput(name="欧阳明华", id_number=OUYANG_ID),
                            members=[person_input("赵六", relation="12", residence="外出")])
    other = make_household(clerk, grid2.id, number="0003", address="袁家咀村一组1号",
                           head=person_input("王五"), members=[])
    return clerk, {"zhang": zhang, "ouyang": ouyang, "other": other}


def household_hits(clerk, text, **filters):
    query = HouseholdQuery(text=text, **filters)
    found = [h.number for h in households.page(clerk, query)]
    assert households.count(clerk, query) == len(found)
    return found


def person_hits(clerk, text, **filters):
    query = PersonQuery(text=text, **filters)
    found = sorted(p.name for p in people.page(clerk, query))
    assert people.count(clerk, query) == len(found)
    return found


@pytest.mark.parametrize("text, persons, homes", [
    ("张三", ["张三"], ["0001"]),  # 2-character name
    ("明", ["张小明", "欧阳明华"], ["0001", "0002"]),  # one character in the middle of a name
    ("阳明", ["欧阳明华"], ["0002"]),
    ("zs", ["张三"], ["0001"]),  # initials
    ("zsan", [], []),
    ("zh", [], []),  # two letters are initials only
    ("zhan", ["张三", "张小明"], ["0001"]),  # three and more: initials or full pinyin prefix
    ("zha", ["张三", "张小明", "赵六"], ["0001", "0002"]),
    ("zhangs", ["张三"], ["0001"]),  # full pinyin prefix
    ("ZHANGXIAO", ["张小明"], ["0001"]),
    ("oymh", ["欧阳明华"], ["0002"]),
    ("0017", ["张三"], ["0001"]),  # ID tail, 4
    ("120017", ["张三"], ["0001"]),  # ID tail, 6
    ("01127x", ["欧阳明华"], ["0002"]),  # ID tail ending in X
    (ZHANG_ID, ["张三"], ["0001"]),  # whole ID
    ("5678", ["张三", "李秀英"], ["0001"]),  # phone tails (4)
    ("00005678", ["李秀英"], ["0001"]),
    ("13912345678", ["张三"], ["0001"]),  # whole phone
    ("8123456", [], ["0001"]),  # the household's landline
    ("五组", [], ["0002"]),  # address fragment
    ("三组18", ["张三", "张小明", "李秀英"], ["0001"]),  # mixed text: a name or the address
    ("袁家咀村", [], ["0002", "0003"]),
    ("0003", [], ["0003"]),  # 户号
    ("李四", [], []),
])
def test_search_by_each_kind(town, text, persons, homes):
    clerk, _ = town
    assert person_hits(clerk, text) == sorted(persons)
    assert household_hits(clerk, text) == homes


def test_search_follows_renames_and_phone_changes(town):
    clerk, homes = town
    member = homes["zhang"].members[2]
    detail = people.get(clerk, member.id)
    people.update(clerk, member.id, PersonInput(name="张晓东", relation="20", phone="15000002222",
                                                id_number=detail.id_number), version=detail.version)
    assert person_hits(clerk, "明") == ["欧阳明华"]
    assert person_hits(clerk, "zxd") == ["张晓东"] and person_hits(clerk, "晓东") == ["张晓东"]
    assert person_hits(clerk, "2222") == ["张晓东"]
    home = homes["other"]
    households.update(clerk, home.id, households.HouseholdInput(home.grid_id, home.number, "柳林路7号"),
                      version=home.version)
    assert household_hits(clerk, "柳林") == ["0003"] and household_hits(clerk, "一组") == []


def test_search_combines_with_filters(town):
    clerk, homes = town
    people.set_tags(clerk, homes["zhang"].members[1].id, [TagInput("lsfn", "02", dt.date(2024, 1, 1))])
    assert household_hits(clerk, "明", village_code=OTHER_VILLAGE) == ["0002"]
    assert household_hits(clerk, "明", category="lsfn") == ["0001"]
    assert household_hits(clerk, "明", residence="外出") == ["0002"]
    assert household_hits(clerk, "zs", grid_id=homes["ouyang"].grid_id) == []
    assert person_hits(clerk, "明", village_code=OTHER_VILLAGE) == ["欧阳明华"]
    assert person_hits(clerk, "5678", category="lsfn") == ["李秀英"]
    assert person_hits(clerk, "zl", residence="常住") == []
    assert person_hits(clerk, "zl", residence="外出") == ["赵六"]


def test_deleted_records_are_found_only_in_the_recycle_bin(town):
    clerk, homes = town
    households.delete(clerk, homes["ouyang"].id)
    assert household_hits(clerk, "oymh") == []
    assert household_hits(clerk, "oymh", deleted=True) == ["0002"]
    assert person_hits(clerk, "明") == ["张小明"]
    assert person_hits(clerk, "明", deleted=True) == ["欧阳明华"]


def test_search_stays_inside_the_scope(town):
    clerk, _ = town
    village = make_actor("village_admin", OTHER_VILLAGE)
    assert household_hits(village, "明") == ["0002"]
    assert person_hits(village, "5678") == []
    assert person_hits(make_actor(TOWNSHIP_ROLE, "420281103"), "张三") == []


def test_count_keeps_the_first_page_until_anything_changes(town, monkeypatch):
    sqlite_only("the first-page cache keyed by the file's change counters")
    clerk, homes = town
    query = HouseholdQuery(text="明")
    assert households.count(clerk, query) == 2
    calls = []
    for name in ("_ordered_ids", "_walked_ids"):  # the two ways a page is looked up
        real = getattr(households, name)
        monkeypatch.setattr(households, name, lambda *a, real=real: calls.append(a) or real(*a))
    assert [h.number for h in households.page(clerk, query)] == ["0001", "0002"]
    assert calls == []  # taken from the count's pass
    assert [h.number for h in households.page(clerk, query, offset=1)] == ["0002"] and calls
    households.count(clerk, query)
    make_household(clerk, homes["zhang"].grid_id, number="0000", head=PersonInput(name="李明"), members=[])
    assert [h.number for h in households.page(clerk, query)] == ["0000", "0001", "0002"]


def test_a_write_by_another_connection_makes_the_first_page_stale(town):
    import sqlite3

    from gridapp.models import database

    sqlite_only("a second connection to the database file")
    clerk, homes = town
    query = PersonQuery(text="明")
    assert people.count(clerk, query) == 2
    other = sqlite3.connect(database.obj.path)
    other.execute("UPDATE person SET deleted_at = '2024-01-01 00:00:00' WHERE name = '张小明'")
    other.commit()
    other.close()
    assert [p.name for p in people.page(clerk, query)] == ["欧阳明华"]


@pytest.mark.parametrize("descending", [False, True])
def test_a_broad_search_pages_alike_walked_in_list_order_or_found_first(db, monkeypatch, descending):
    """A search matching much of the list is answered by walking the list in 户号 order; when the
    first rows of the walk hold too few matches for the page, the matches are found first after
    all. Every page is the same either way."""
    clerk = make_actor(TOWNSHIP_ROLE, TOWNSHIP)
    grid = make_grid()
    for number, surname in (("0001", "李"), ("0002", "王"), ("0003", "王"), ("0004", "李"), ("0005", "王"),
                            ("0006", "李")):
        make_household(clerk, grid.id, number=number, head=person_input(surname + "小明"), members=[])
    make_household(clerk, grid.id, number="0007", address="王家湾1号", head=person_input("李四"), members=[])
    matches = ["0002", "0003", "0005", "0007"]
    if descending:
        matches.reverse()
    query = HouseholdQuery(text="王", descending=descending)
    pages = [(offset, limit) for offset in range(5) for limit in (1, 2, 3)]
    monkeypatch.setattr(households, "_walked_ids", lambda *args: None)
    found_first = {(o, n): [h.number for h in households.page(clerk, query, o, n)] for o, n in pages}
    assert found_first == {(o, n): matches[o:o + n] for o, n in pages}
    monkeypatch.undo()
    monkeypatch.setattr(search, "WALK_ROWS", 3)  # the walk stops after three households of the list
    monkeypatch.setattr(search, "is_broad", lambda *args, **kwargs: True)  # and is tried for any search
    walks = []
    bound = search.walk_bound
    monkeypatch.setattr(search, "walk_bound", lambda *args: walks.append(args) or bound(*args))
    walked = {(o, n): [h.number for h in households.page(clerk, query, o, n)] for o, n in pages}
    assert walked == found_first and len(walks) == len(pages)


@pytest.mark.parametrize("descending", [False, True])
def test_people_found_by_address_page_alike_walked_in_name_order_or_found_first(db, monkeypatch, descending):
    """People searched by a piece of their address: walked in name order, or found first when the
    first rows of the walk hold too few matches; the same pages either way, the living register only."""
    clerk = make_actor(TOWNSHIP_ROLE, TOWNSHIP)
    grid = make_grid()
    make_household(clerk, grid.id, number="0001", address="东风路1栋1单元101室",
                   head=person_input("艾青"), members=[person_input("周立", relation="12")])
    make_household(clerk, grid.id, number="0002", address="东风路1栋2单元101室",
                   head=person_input("白云"), members=[person_input("马原", relation="12", residence="死亡")])
    make_household(clerk, grid.id, number="0003", address="新港村三组8号",
                   head=person_input("蔡明"), members=[person_input("丁一", relation="12")])
    make_household(clerk, grid.id, number="0004", address="东风路3栋1单元402室",
                   head=person_input("万方"), members=[])
    matches = ["艾青", "白云", "周立"]  # by pinyin: ai, bai, zhou; 马原 (死亡) is off the register
    if descending:
        matches.reverse()
    query = PersonQuery(text="东风路1", descending=descending)  # mixed text: names and addresses
    pages = [(offset, limit) for offset in range(4) for limit in (1, 2, 3)]
    monkeypatch.setattr(people, "_walked_ids", lambda *args: None)
    found_first = {(o, n): [p.name for p in people.page(clerk, query, o, n)] for o, n in pages}
    assert found_first == {(o, n): matches[o:o + n] for o, n in pages}
    monkeypatch.undo()
    monkeypatch.setattr(search, "WALK_ROWS", 2)
    monkeypatch.setattr(search, "is_broad", lambda *args, **kwargs: True)
    walks = []
    bound = search.walk_bound
    monkeypatch.setattr(search, "walk_bound", lambda *args: walks.append(args) or bound(*args))
    walked = {(o, n): [p.name for p in people.page(clerk, query, o, n)] for o, n in pages}
    assert walked == found_first and len(walks) == len(pages)
    # a broad search is counted arm by arm: the same totals, with the list's filters
    assert people.count(clerk, query) == 3
    assert people.count(clerk, PersonQuery(text="东风路1", residence=people.ANY_RESIDENCE)) == 4
    assert people.count(clerk, PersonQuery(text="东风路1", residence="死亡")) == 1
    assert people.count(clerk, PersonQuery(text="东风路1", village_code=OTHER_VILLAGE)) == 0
    monkeypatch.setattr(people, "_walked_ids", lambda *args: None)  # counted with the first page found first
    assert people.count(clerk, PersonQuery(text="东风路1", grid_id=grid.id)) == 3

"""Counting a search to a limit, and walks that test each row by its own columns.

A list shows "超过 10,000 人" at once for a broad search and the exact count when it lands
(``count(..., up_to=)``); the first page of a broad search is found by walking the list in its
order and testing each row (``token_like`` for names and addresses, key ranges for ID and phone
tails), which must find exactly what the indexes find.
"""
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gridapp import text
from gridapp.models import Person
from gridapp.services import households, people, search
from gridapp.services.actor import TOWNSHIP as TOWNSHIP_ROLE
from gridapp.services.households import HouseholdQuery
from gridapp.services.people import PersonInput, PersonQuery
from tests.core.factories import OTHER_VILLAGE, TOWNSHIP, make_actor, make_grid, make_household, person_input

ADDRESS_CHARS = "东风路一二三组号栋单元室小区村12305６Ａa-·（）# "


@settings(max_examples=300, deadline=None)
@given(address=st.text(ADDRESS_CHARS, max_size=16), fragment=st.text(ADDRESS_CHARS, min_size=1, max_size=5),
       inside=st.booleans(), start=st.integers(0, 16))
def test_a_row_test_matches_exactly_what_the_full_text_index_matches(address, fragment, inside, start):
    """``token_like`` on the token column and the FTS5 phrase query agree for any text: a walk
    that tests rows finds the same households as the index."""
    if inside and address:  # often a real piece of the address, messy characters and all
        start %= len(address)
        fragment = address[start:start + len(fragment)] or fragment
    phrase = text.fts_phrase(fragment)
    if phrase is None:
        assert search.token_like(Person.name_tokens, fragment) is None
        return
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE h (id INTEGER PRIMARY KEY, addr_tokens TEXT)")
    con.execute("CREATE VIRTUAL TABLE h_fts USING fts5(addr_tokens, content='h', content_rowid='id')")
    con.execute("INSERT INTO h VALUES (1, ?)", (text.tokens(address),))
    con.execute("INSERT INTO h_fts (rowid, addr_tokens) VALUES (1, ?)", (text.tokens(address),))
    by_index = con.execute("SELECT count(*) FROM h_fts WHERE h_fts MATCH ?", (phrase,)).fetchone()[0]
    # what token_like asks of the row: peewee's contains() is LIKE '%…%' on SQLite
    expression = search.token_like(Person.name_tokens, fragment)
    pattern = expression.rhs
    by_row = con.execute("SELECT count(*) FROM h WHERE addr_tokens LIKE ?", (pattern,)).fetchone()[0]
    assert by_row == by_index, (address, fragment)


@pytest.fixture
def street(db):
    """Households on two streets of one township; some members share ID tails with phones."""
    clerk = make_actor(TOWNSHIP_ROLE, TOWNSHIP)
    grid, grid2 = make_grid(), make_grid(OTHER_VILLAGE)
    for n in range(1, 7):
        make_household(clerk, (grid if n % 2 else grid2).id, number=f"{n:04d}", address=f"东风路{n}栋1单元{n}01室",
                       head=person_input(phone=f"1390000{n:04d}"),
                       members=[person_input(relation="20"), person_input(relation="20", residence="死亡")])
    make_household(clerk, grid.id, number="0700", address="新港村三组8号",  # no phone or ID ends so
                   head=PersonInput(name="丁一"), members=[person_input(relation="12")])
    return clerk, grid


QUERIES = ["", "东风路", "1单元", "01室", "三组8号", "栋1", "0001", "0004", "丁一", "dy", "13900000002", "0003",
           "0700", "东风路9"]


def exact_and_capped(service, clerk, query):
    exact = service.count(clerk, query)
    return exact, {up_to: service.count(clerk, query, up_to=up_to) for up_to in range(0, exact + 3)}


@pytest.mark.parametrize("walked", [False, True])
def test_a_count_to_a_limit_is_exact_below_it_and_says_more_above_it(street, monkeypatch, walked):
    clerk, _grid = street
    if walked:  # broad: the first page walked in list order and the matches counted arm by arm
        monkeypatch.setattr(search, "is_broad", lambda *args, **kwargs: True)
        monkeypatch.setattr(search, "WALK_ROWS", 10_000)  # longer than the list: the walk is taken
    for text_ in QUERIES:
        for service, query in ((people, PersonQuery(text=text_)), (households, HouseholdQuery(text=text_))):
            exact, capped = exact_and_capped(service, clerk, query)
            for up_to, found in capped.items():
                if exact <= up_to:
                    assert found == exact, (service.__name__, text_, up_to)
                else:
                    assert found > up_to, (service.__name__, text_, up_to)
    assert people.count(clerk, PersonQuery(text="01室")) == 12  # the dead are off the living register
    assert people.count(clerk, PersonQuery(text="01室", residence=people.ANY_RESIDENCE)) == 18
    assert households.count(clerk, HouseholdQuery(text="01室")) == 6


def test_arms_that_overlap_are_counted_once_even_to_a_limit(street):
    """Two arms of three people each, the same three: 3, not "more than 4"."""
    clerk, _grid = street
    alive = Person.deleted_at.is_null() & (Person.residence != "死亡")
    three = Person.select(Person.id).where(alive).order_by(Person.id).limit(3)
    same = Person.select(Person.id).where(Person.id.in_(three))
    assert search.count_arms([same, same], up_to=4) == 3
    assert search.count_arms([same, same]) == 3
    others = Person.select(Person.id).where(alive & Person.id.not_in(three))
    assert search.count_arms([same, others], up_to=4) > 4
    assert search.count_arms([same, others]) == Person.select().where(alive).count()
    assert search.count_arms([], up_to=4) == 0


# a walk of 3 rows falls short and hands over; one of 10,000 rows walks this whole list and must
# find every page itself
WALKS = [3, 10_000]


@pytest.mark.parametrize("walk_rows", WALKS)
@pytest.mark.parametrize("descending", [False, True])
def test_people_found_by_id_or_phone_tail_page_alike_walked_or_found_first(street, monkeypatch, descending,
                                                                           walk_rows):
    """A tail is an ID number's end or a phone's: the walk tests both on each row, the other way
    reads the two indexes; every page is the same."""
    clerk, _grid = street
    pages = [(offset, limit) for offset in range(4) for limit in (1, 2, 3)]
    for tail in ("0001", "0004", "00005"):
        query = PersonQuery(text=tail, descending=descending)
        monkeypatch.setattr(people, "_walked_ids", lambda *args: None)
        found_first = {(o, n): [p.id for p in people.page(clerk, query, o, n)] for o, n in pages}
        assert any(found_first.values())
        monkeypatch.undo()
        monkeypatch.setattr(search, "WALK_ROWS", walk_rows)
        monkeypatch.setattr(search, "is_broad", lambda *args, **kwargs: True)
        walked = {(o, n): [p.id for p in people.page(clerk, query, o, n)] for o, n in pages}
        monkeypatch.undo()
        assert walked == found_first, tail


@pytest.mark.parametrize("walk_rows", WALKS)
@pytest.mark.parametrize("text_", ["1单元", "01室", "0003", "0700", "丁一", "dy", "13900000002"])
def test_households_found_by_members_or_own_keys_page_alike_walked_or_found_first(street, monkeypatch, text_,
                                                                                   walk_rows):
    clerk, _grid = street
    query = HouseholdQuery(text=text_)
    pages = [(offset, limit) for offset in range(4) for limit in (1, 2, 3)]
    monkeypatch.setattr(households, "_walked_ids", lambda *args: None)
    found_first = {(o, n): [h.number for h in households.page(clerk, query, o, n)] for o, n in pages}
    assert found_first[(0, 3)]
    monkeypatch.undo()
    monkeypatch.setattr(search, "WALK_ROWS", walk_rows)
    monkeypatch.setattr(search, "is_broad", lambda *args, **kwargs: True)
    assert {(o, n): [h.number for h in households.page(clerk, query, o, n)] for o, n in pages} == found_first


def test_a_search_with_a_digit_does_not_look_among_names(street, monkeypatch):
    """No name holds a digit (people refuse one), so "东风路1" reads the address index only."""
    assert not search.could_be_name("东风路1") and search.could_be_name("东风路")
    assert search.key_ids(search.classify("东风路1")) == []
    assert search.person_arms(search.classify("东风路1")) == []
    assert len(search.key_ids(search.classify("东风路"))) == 1

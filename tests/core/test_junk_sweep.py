"""Bad input sweep (issue 6): hypothesis-generated junk into every form service and every importer.

Forms: each example starts from a valid input and replaces one to three of its fields with junk
(random text with control characters, RTL overrides, huge strings, white space only, formulas,
dates in year 1, 1899 and 9999, far-future times, negative and huge numbers, wrong types, None).
Every call either succeeds and stores sane values (trimmed, within the column's length, read
back as the service normalised them) or raises a gridapp error with a Chinese message naming
the field, having written nothing at all.

Imports: workbooks of junk cells under the households/visits/events headers, mixed with good
rows. ``import_file`` never crashes: each bad row is rejected with a reason that names its
column, the good rows are imported, and the outcome's counts add up.

The number of junk inputs tried is written to build/junk-sweep.json (key ``core``).
"""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import os
import re
from pathlib import Path

import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from gridapp import db as gdb
from gridapp import text
from gridapp.errors import GridappError, ValidationError, ValidationErrors
from gridapp.importers import columns, import_file, preview
from gridapp.models import ALL_MODELS, Event, Household, Person, Place, User, Visit
from gridapp.services import accounts, events, households, people, places, rules, visits
from gridapp.services import settings as app_settings
from gridapp.services.actor import SYSADMIN, TOWNSHIP
from gridapp.services.events import EventDetail, EventDraft, PartyInput
from gridapp.services.households import HouseholdInput
from gridapp.services.people import PersonInput, TagInput
from gridapp.services.places import PlaceInput
from gridapp.services.visits import VisitInput
from tests.core.factories import (
    TOWNSHIP as TOWNSHIP_CODE, VILLAGE, make_actor, make_grid, make_household, make_id_number, next_n,
    person_input,
)

REPORT = Path(__file__).resolve().parents[2] / "build" / "junk-sweep.json"
TRIED: collections.Counter = collections.Counter()
CJK = re.compile(r"[\u3400-\u9fff]")
# Never stored: control characters (tab and line breaks aside) and the marks that reorder text on
# screen (U+202E shows "exe.gnp" as "png.exe").
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

# JUNK_EXAMPLES=400 runs a deeper sweep (about 3 minutes); the default keeps the suite quick.
sweep = settings(max_examples=int(os.environ.get("JUNK_EXAMPLES", 60)), deadline=None, derandomize=True,
                 database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                        HealthCheck.data_too_large, HealthCheck.large_base_example])


# --------------------------------------------------------------------------- junk
FORMULAS = ("=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","点我")', "=1+1",
            "=", "+", "-", "@", "-12.5", "+8613800138000", "\t=1", "\r=1")
BLANKS = ("", " ", "   ", "\t", "\n", "\r\n", "\u3000", "\u00a0", " \u3000 \t\r\n ", "\x0b\x0c")
TRICKY = ("\u202e", "\u202egnp.exe", "\u2067عربي\u2069", "\u200b", "\ufeff张三", "张\x00三", "张三\x07", "Robert'); DROP TABLE person;--",
          "%s%s%n", "{0}{name}", "NULL", "None", "null", "../../etc/passwd", "<script>alert(1)</script>",
          "😀", "𠀀𠀁", "é", "Ⅻ", "١٢٣", "１３８００１３８０００", "4.20281198503120E+17", "0", "-1",
          "9" * 40, "\x7f\x80\x9f", "\ud7ff\ue000\uffff")
BIG = st.builds(lambda ch, n: ch * n, st.sampled_from(["长", "a", " ", "=", "\x00", "\u202e", "张三 ", "1"]),
                st.sampled_from([10_000, 100_000, 1_000_000]))
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x1F), max_size=12),
    st.text(st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "Co")), max_size=12),
    st.sampled_from(FORMULAS + BLANKS + TRICKY),
    st.builds(str.__add__, st.sampled_from(FORMULAS), st.text(max_size=12)),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=20, max_size=60),  # long names
    BIG,
)
WHEN = st.one_of(
    st.sampled_from([dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(9999, 12, 31),
                     dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59), dt.datetime(2999, 1, 1)]),
    st.dates(), st.datetimes(),
)
NUMBER = st.one_of(st.integers(), st.integers(-2**70, 2**70), st.sampled_from([0, -1, 2**31, 2**63, -2**63, 4.2e17]),
                   st.floats(allow_nan=True, allow_infinity=True), st.booleans())
ANY = st.one_of(TEXT, TEXT, TEXT, NUMBER, WHEN, st.none())
DATE_JUNK = st.one_of(WHEN, WHEN, TEXT, NUMBER, st.none())
INT_JUNK = st.one_of(NUMBER, NUMBER, TEXT, WHEN, st.none())
# Record references (grid, place, visit, contact) are picked from lists, never typed: stale or
# wrong ones, not numbers beyond SQLite's 64-bit integers.
REFERENCES = (None, 0, -1, 10**9, True, "1", 1.5)


def junk_for(value_type) -> st.SearchStrategy:
    """Junk for a field: mostly of its own kind, sometimes of any kind (wrong types)."""
    name = str(value_type)
    if "date" in name:
        return DATE_JUNK
    if "int" in name:
        return INT_JUNK
    return ANY


def junked(draw, base, fields: tuple[str, ...] | None = None, *, extra: dict | None = None):
    """``base`` (a dataclass) with one to three of ``fields`` replaced by junk; counts them."""
    hints = {f.name: f.type for f in dataclasses.fields(base)}
    names = fields or tuple(hints)
    chosen = draw(st.sets(st.sampled_from(names), min_size=1, max_size=min(3, len(names))))
    changes = {}
    for name in sorted(chosen):
        strategy = extra[name] if extra and name in extra else junk_for(hints[name])
        changes[name] = draw(strategy, label=name)
    TRIED["form values"] += len(changes)
    return dataclasses.replace(base, **changes), changes


# --------------------------------------------------------------------------- checks
def row_counts() -> dict[str, int]:
    return {m.__name__: m.select().count() for m in ALL_MODELS}


def assert_clear(exc: GridappError) -> None:
    """A Chinese message, and for form errors the field(s) it concerns."""
    assert CJK.search(exc.message), exc.message
    if isinstance(exc, ValidationErrors):
        assert exc.errors and all(e.field and CJK.search(e.message) for e in exc.errors), exc.errors
    elif isinstance(exc, ValidationError):
        assert exc.field, exc.message


def attempt(call):
    """The call's result, or None when it was refused cleanly (and wrote nothing)."""
    before = row_counts()
    try:
        result = call()
    except GridappError as exc:
        assert_clear(exc)
        assert row_counts() == before, f"a refused call wrote rows: {exc.message[:200]}"
        TRIED["refused"] += 1
        return None
    TRIED["accepted"] += 1
    return result


def assert_sane(record: pw.Model) -> None:
    """Stored text is trimmed, free of control characters and fits its column."""
    for field in record._meta.sorted_fields:
        value = getattr(record, field.name if not isinstance(field, pw.ForeignKeyField) else field.name + "_id")
        if not isinstance(value, str):
            continue
        assert value == value.strip(), (field.name, value[:50])
        assert not UNWANTED.search(value), (field.name, value[:50])
        if isinstance(field, pw.CharField):
            assert len(value) <= field.max_length, (field.name, len(value), field.max_length)


def as_line(value) -> str | None:
    """What a one-line text field stores for an accepted input."""
    return text.clean(value) or None


def as_text(value) -> str | None:
    """What a multi-line text field stores for an accepted input."""
    return text.clean_multiline(value) or None


# --------------------------------------------------------------------------- world
class World(dict):
    """The records every sweep works on (shown briefly in hypothesis' failure reports)."""

    def __repr__(self) -> str:
        return "world"


@pytest.fixture
def world(db):
    grid = make_grid()
    clerk = make_actor(TOWNSHIP, TOWNSHIP_CODE)
    home = make_household(clerk, grid.id, n_members=2)
    patient = people.create(clerk, person_input(tags=(TagInput("jsza", "01", dt.date(2020, 1, 1)),)),
                            household_id=home.id, confirm=True)
    shop = places.create(clerk, PlaceInput(grid_id=grid.id, category="沿街店铺", name="好又多超市"))
    admin = make_actor(SYSADMIN)
    return World(grid=grid, clerk=clerk, home=home, patient=patient, shop=shop, admin=admin)


def person_form() -> PersonInput:
    return person_input(relation="20", occupation="农民", reg_address="大箕铺镇", notes="无", phone="13871234567",
                        tags=(TagInput("djlr", "02", dt.date(2024, 1, 1)),))


def household_form(world) -> HouseholdInput:
    return HouseholdInput(grid_id=world["grid"].id, number=f"J{next_n()}", address="石应高村3组",
                          phone="0714-8123456", notes="租住")


def visit_forms(world) -> list[tuple[str, int, VisitInput]]:
    return [("household", world["home"].id, VisitInput(method="入户", companions="村干部", notes="正常")),
            ("person", world["patient"].id, VisitInput(method="电话", risk_grade=1, notes="服药规律")),
            ("place", world["shop"].id, VisitInput(checklist={i.id: "合格" for i in places.checklist("沿街店铺")}))]


def event_form(world) -> EventDraft:
    return EventDraft(kind="矛盾纠纷", category="02", title="邻里排水纠纷", description="两户因排水沟堵塞发生争执",
                      location="石应高村3组", grid_id=world["grid"].id,
                      parties=(PartyInput(name="张某", phone="13871234567"), PartyInput(person_id=world["patient"].id)))


def handled_event(world) -> EventDetail:
    """An event in 处置中, ready for 办结."""
    event = events.report(world["clerk"], EventDraft(kind="矛盾纠纷", category="02", title="排水纠纷",
                                                     grid_id=world["grid"].id))
    events.transition(world["clerk"], event.id, "受理")
    return events.transition(world["clerk"], event.id, "处置")


def close_fields() -> dict:
    return dict(note="双方签字", outcome="化解成功", method="人民调解", mediator="李调解", agreement="甲方疏通排水沟",
                agreement_date=dt.date.today())


def place_form(world) -> PlaceInput:
    return PlaceInput(grid_id=world["grid"].id, category="出租房屋", name="张家出租屋", address="石应高村5组",
                      contact_name="张房东", contact_phone="13871234567", notes="三层")


def user_fields() -> dict:
    return dict(login=f"user{next_n()}", display_name="王网格", role="village_admin", scope_code=VILLAGE,
                password="Grid2026pass", phone="13871234567")


def test_every_form_accepts_its_input_before_the_junk(world):
    """The sweeps start from these inputs: each is accepted as it is, so a junk field is what
    any refusal below is about."""
    clerk, admin = world["clerk"], world["admin"]
    people.create(clerk, person_form(), household_id=world["home"].id, confirm=True)
    households.create(clerk, household_form(world), person_input(male=True), confirm=True)
    for kind, target, form in visit_forms(world):
        visits.record(clerk, kind, target, form)
    events.report(clerk, event_form(world))
    assert events.transition(clerk, handled_event(world).id, "办结", **close_fields()).state == "已办结"
    places.create(clerk, place_form(world))
    accounts.create_user(admin, **user_fields())
    member = people.get(clerk, world["home"].members[1].id)
    people.update(clerk, member.id, people.as_input(member), member.version, confirm=True)
    event = events.report(clerk, event_form(world))
    events.update(clerk, event.id, events.draft_of(clerk, event.id), expected_version=event.version)
    visit = visits.record(clerk, "household", world["home"].id, VisitInput(notes="正常")).visit
    visits.update(clerk, visit.id, visits.input_of(clerk, visit.id), expected_version=visit.version)


def test_the_longest_accepted_values_fit_their_columns(world):
    """Every text at its form's limit is stored whole, search keys included (a 50-character name
    has a pinyin key of up to 300 letters)."""
    clerk = world["clerk"]
    person = people.create(clerk, dataclasses.replace(
        person_form(), name="庄" * people.NAME_MAX, occupation="职" * 64, reg_address="址" * 200, notes="注" * 2000),
        household_id=world["home"].id, confirm=True)
    home = households.create(clerk, dataclasses.replace(household_form(world), number="号" * households.NUMBER_MAX,
                                                        address="址" * 200, notes="注" * 2000),
                             dataclasses.replace(person_input(male=True), name="双" * people.NAME_MAX), confirm=True)
    visit = visits.record(clerk, "household", home.id, VisitInput(companions="陪" * 100, notes="情" * visits.TEXT_MAX,
                                                                  findings="问" * visits.TEXT_MAX)).visit
    event = events.report(clerk, dataclasses.replace(event_form(world), title="题" * 200, location="地" * 200,
                                                     description="述" * events.TEXT_MAX,
                                                     parties=(PartyInput(name="当" * 64, role="身" * 16),)))
    place = places.create(clerk, dataclasses.replace(place_form(world), name="名" * 100, address="址" * 200,
                                                     contact_name="联" * 64, notes="注" * 2000))
    for record in (Person.get_by_id(person.id), Household.get_by_id(home.id), Visit.get_by_id(visit.id),
                   Event.get_by_id(event.id), Place.get_by_id(place.id), *Person.select().where(
                       Person.household == home.id)):
        assert_sane(record)
    assert Person.get_by_id(person.id).pinyin == "zhuang" * people.NAME_MAX


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    saved = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    saved["core"] = dict(TRIED, total=TRIED["form values"] + TRIED["import cells"])
    REPORT.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\njunk sweep (core): {saved['core']}")


# --------------------------------------------------------------------------- forms
@sweep
@given(data=st.data())
def test_person_form_junk(world, data):
    clerk = world["clerk"]
    base = person_form()
    tag = base.tags[0]
    if data.draw(st.booleans(), label="junk tag"):
        tag, _ = junked(data.draw, tag)
    form, _ = junked(data.draw, dataclasses.replace(base, tags=(tag,)),
                        tuple(f for f in PersonInput.__dataclass_fields__ if f != "tags"))
    detail = attempt(lambda: people.create(clerk, form, household_id=world["home"].id, confirm=True))
    if detail is None:
        return
    stored = Person.get_by_id(detail.id)
    assert_sane(stored)
    assert people.get(clerk, detail.id) == detail
    assert stored.name == people.normalize_name(form.name) and stored.name_tokens == text.tokens(stored.name)
    assert (stored.occupation, stored.reg_address) == (as_line(form.occupation), as_line(form.reg_address))
    assert stored.notes == as_text(form.notes)


@sweep
@given(data=st.data())
def test_person_edit_junk(world, data):
    """Editing a person as the form does: the shown (masked) values back, some fields junk."""
    clerk, member = world["clerk"], world["home"].members[1]
    shown = people.get(clerk, member.id)
    form, _ = junked(data.draw, people.as_input(shown), tuple(f for f in PersonInput.__dataclass_fields__
                                                                 if f != "tags"))
    detail = attempt(lambda: people.update(clerk, member.id, form, shown.version, confirm=True))
    if detail is None:
        return
    stored = Person.get_by_id(member.id)
    assert_sane(stored)
    assert stored.name == people.normalize_name(form.name) and stored.notes == as_text(form.notes)
    assert stored.is_head is False and stored.household_id == world["home"].id


@sweep
@given(data=st.data())
def test_household_form_junk(world, data):
    clerk = world["clerk"]
    form, _ = junked(data.draw, household_form(world),
                     extra={"grid_id": st.one_of(st.sampled_from(REFERENCES), st.just(world["grid"].id))})
    head = person_input(male=True)
    if data.draw(st.booleans(), label="junk head"):
        head, _ = junked(data.draw, head, ("name", "id_number", "birth_date", "sex", "phone", "notes"))
    detail = attempt(lambda: households.create(clerk, form, head, confirm=True))
    if detail is None:
        return
    stored = Household.get_by_id(detail.id)
    assert_sane(stored)
    assert households.get(clerk, detail.id) == detail
    assert stored.address == (as_line(form.address) or "") and stored.notes == as_text(form.notes)
    assert stored.addr_tokens == text.tokens(stored.address)
    assert_sane(Person.get((Person.household == stored.id) & Person.is_head))


@sweep
@given(data=st.data())
def test_visit_form_junk(world, data):
    clerk = world["clerk"]
    kind, target, base = data.draw(st.sampled_from(visit_forms(world)), label="target")
    form, _ = junked(data.draw, base, extra={
        "checklist": st.one_of(st.none(), st.dictionaries(st.one_of(TEXT, NUMBER), ANY, max_size=3)),
        "kind": st.one_of(ANY, st.sampled_from(["走访", "随访", "巡查"]))})
    recorded = attempt(lambda: visits.record(clerk, kind, target, form))
    if recorded is None:
        return
    stored = Visit.get_by_id(recorded.visit.id)
    assert_sane(stored)
    assert visits.get(clerk, stored.id) == recorded.visit
    assert (stored.companions, stored.notes, stored.findings) == (
        as_text(form.companions), as_text(form.notes), as_text(form.findings))
    assert dt.datetime(2000, 1, 1) <= stored.visited_at <= dt.datetime.now() + dt.timedelta(hours=9)


@sweep
@given(data=st.data())
def test_event_form_junk(world, data):
    clerk = world["clerk"]
    base = event_form(world)
    party = st.builds(PartyInput, person_id=st.one_of(st.none(), st.sampled_from([0, -1, 10**9])), name=ANY,
                      id_number=ANY, phone=ANY, role=ANY)
    ids_ = st.sampled_from(REFERENCES)
    form, _ = junked(data.draw, base, extra={
        "parties": st.lists(party, max_size=3).map(tuple), "place_id": ids_, "visit_id": ids_,
        "grid_id": st.one_of(ids_, st.just(world["grid"].id)),
        "village_code": st.one_of(ANY, st.sampled_from([VILLAGE, "420281103200", "999999999999"]))})
    detail = attempt(lambda: events.report(clerk, form))
    if detail is None:
        return
    stored = Event.get_by_id(detail.id)
    assert_sane(stored)
    assert events.get(clerk, detail.id) == detail
    assert stored.title == text.one_line(form.title) and stored.description == (as_text(form.description) or "")
    assert 1 <= stored.people_count <= events.MAX_PEOPLE


@sweep
@given(data=st.data())
def test_event_and_visit_edit_junk(world, data):
    """Editing an open event and a visit recorded today, from the drafts the dialogs start with."""
    clerk = world["clerk"]
    event = events.report(clerk, EventDraft(kind="矛盾纠纷", category="02", title="排水纠纷", grid_id=world["grid"].id))
    form, _ = junked(data.draw, events.draft_of(clerk, event.id), ("title", "category", "description",
                                                                      "occurred_at", "location", "scale",
                                                                      "people_count", "priority", "deadline"))
    detail = attempt(lambda: events.update(clerk, event.id, form, expected_version=event.version))
    if detail is not None:
        assert_sane(Event.get_by_id(event.id))
        assert detail.number == event.number and detail.version in (event.version, event.version + 1)
    visit = visits.record(clerk, "household", world["home"].id, VisitInput(notes="正常")).visit
    form, _ = junked(data.draw, visits.input_of(clerk, visit.id), ("visited_at", "method", "companions", "state",
                                                                      "notes", "findings", "kind"))
    row = attempt(lambda: visits.update(clerk, visit.id, form, expected_version=visit.version))
    if row is not None:
        assert_sane(Visit.get_by_id(visit.id))
        assert row.notes == (as_text(form.notes) or "")


@sweep
@given(data=st.data())
def test_event_action_junk(world, data):
    """The 办结 fields (化解方式, 调解员, 调解协议 …) of an event being handled."""
    clerk = world["clerk"]
    event = handled_event(world)
    fields_ = close_fields()
    name = data.draw(st.sampled_from(sorted(fields_)), label="field")
    fields_[name] = data.draw(DATE_JUNK if name == "agreement_date" else ANY, label=name)
    TRIED["form values"] += 1
    detail = attempt(lambda: events.transition(clerk, event.id, "办结", **fields_))
    if detail is None:
        return
    stored = Event.get_by_id(event.id)
    assert_sane(stored)
    assert stored.state == "已办结" and stored.agreement == (as_text(fields_["agreement"]))


@sweep
@given(data=st.data())
def test_place_form_junk(world, data):
    clerk = world["clerk"]
    base = place_form(world)
    ids_ = st.sampled_from(REFERENCES)
    form, _ = junked(data.draw, base, extra={"grid_id": st.one_of(ids_, st.just(world["grid"].id)),
                                                "contact_person_id": st.one_of(ids_, st.just(world["patient"].id))})
    row = attempt(lambda: places.create(clerk, form))
    if row is None:
        return
    stored = Place.get_by_id(row.id)
    assert_sane(stored)
    assert places.get(clerk, row.id) == row
    assert stored.name == text.one_line(form.name) and stored.notes == as_text(form.notes)


@sweep
@given(data=st.data())
def test_tag_junk(world, data):
    clerk = world["clerk"]
    tags = []
    for category in data.draw(st.lists(st.sampled_from(["djlr", "lset", "jsza", "cjr"]), min_size=1, max_size=3,
                                       unique=True), label="categories"):
        tag, _ = junked(data.draw, TagInput(category, "02", dt.date(2023, 5, 1)),
                        extra={"details": st.one_of(st.none(), st.dictionaries(TEXT, ANY, max_size=3), ANY)})
        tags.append(tag)
    detail = attempt(lambda: people.set_tags(clerk, world["patient"].id, tags))
    if detail is not None:
        for tag in detail.tags:
            assert tag.since <= dt.date.today() and (tag.until is None or tag.until >= tag.since)


@sweep
@given(data=st.data())
def test_user_fields_junk(world, data):
    admin = world["admin"]
    fields_ = user_fields()
    for name in data.draw(st.sets(st.sampled_from(sorted(fields_)), min_size=1, max_size=2), label="fields"):
        fields_[name] = data.draw(ANY, label=name)
        TRIED["form values"] += 1
    info = attempt(lambda: accounts.create_user(admin, **fields_))
    if info is not None:
        assert_sane(User.get_by_id(info.id))
    target = accounts.list_users(admin)[0]
    change = data.draw(st.sampled_from(["display_name", "phone", "login"]), label="update")
    value = data.draw(ANY, label="value")
    TRIED["form values"] += 1
    updated = attempt(lambda: accounts.update_user(admin, target.id, target.version, **{change: value}))
    if updated is not None:
        assert_sane(User.get_by_id(updated.id))


@sweep
@given(data=st.data())
def test_settings_and_rules_junk(world, data):
    admin = world["admin"]
    keys = [s.key for s in app_settings.list_settings(admin) if s.key != "station.id"]
    key = data.draw(st.sampled_from(keys + ["time_limit.矛盾纠纷", "no.such.key"]), label="key")
    value = data.draw(ANY, label="value")
    TRIED["form values"] += 1
    shown = attempt(lambda: app_settings.set_settings(admin, {key: value}))
    if shown is not None:
        stored = app_settings.get(key)
        assert stored is None or (stored == stored.strip() and len(stored) <= 200)
    TRIED["form values"] += 1
    rule = rules.list_rules(admin)[0]
    days = data.draw(INT_JUNK, label="days")
    row = attempt(lambda: rules.update_rule(admin, rule.id, days))
    if row is not None:
        assert 1 <= row.interval_days <= rules.MAX_INTERVAL
    TRIED["form values"] += 2
    target, attention = data.draw(st.tuples(st.one_of(ANY, st.sampled_from(["jsza", "household", "place:出租房屋"])),
                                            st.one_of(ANY, st.sampled_from(["01", "02", ""]))), label="rule")
    attempt(lambda: rules.set_rule(admin, target, attention, 30))


# --------------------------------------------------------------------------- imports
NOT_XML = re.compile("[\ufffe\uffff]")


def writable(value):
    """A value openpyxl can write (it refuses the characters XML 1.0 can't hold)."""
    return NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", value)) if isinstance(value, str) else value


CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.text(st.characters(max_codepoint=0x1F), max_size=8),
    st.sampled_from(FORMULAS + BLANKS + TRICKY + ("=SUM(A1:A3)", "=1/0", "=A1", "#N/A")),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["长", "a", " ", "1", "=", "张三、"]), st.sampled_from([300, 4001, 32767])),
    st.integers(-10**20, 10**20),
    st.sampled_from([4.2e17, 4.20281198503120e17, 1e308, -1e-308, 0.5, 44000.75, -1, 2958465, 2958466]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.sampled_from([dt.datetime(9999, 12, 31), dt.date(9999, 12, 31), dt.datetime(1900, 1, 1), dt.date(1900, 3, 1),
                     dt.datetime(2999, 1, 1, 12, 30), dt.time(25 % 24, 61 % 60)]),
    st.dates(min_value=dt.date(1900, 3, 1)), st.datetimes(min_value=dt.datetime(1900, 3, 1)),
).map(writable)


def household_row(n: int, village: str, grid: str) -> dict:
    name = f"张{'一二三四五六七八九十'[n % 10]}{'甲乙丙丁戊己庚辛壬癸'[n // 10 % 10]}"
    return {"township": "大箕铺镇", "village": village, "grid": grid, "number": f"G{n}", "head_name": name,
            "name": name, "relation": "户主", "sex": None, "ethnic": "汉族", "id_number": make_id_number(n),
            "birth_date": None, "phone": "13871234567", "address": "石应高村1组", "reg_address": "大冶市",
            "population_type": "户籍人口", "tags": "独居老人", "notes": "'=cmd|' /C calc'!A0 备注"}


def visit_row(n: int, person: Person, day: dt.date) -> dict:
    return {"visited_at": day.isoformat(), "visitor": "王网格", "name": person.name, "id_number": person.id_number,
            "township": "大箕铺镇", "village": "石应高村", "number": None, "method": "入户", "notes": f"第{n}次走访",
            "state": "正常", "risk_grade": None, "findings": None}


def event_row(n: int) -> dict:
    return {"number": f"DJ-G{n}", "registered_at": "2025-06-01", "township": "大箕铺镇", "village": "石应高村",
            "grid": "一网格", "category": "邻里", "title": f"第{n}号邻里纠纷", "description": "排水沟堵塞",
            "parties": "张某、王某", "people_count": 2, "state": "调解中", "method": None, "closed_at": None,
            "mediator": "李调解"}


def junk_workbook(draw, path: Path, kind: str, good: list[dict], template) -> tuple[list[int], list[int]]:
    """Good rows and junk rows (each cell kept from ``template`` or junk) under the kind's headers,
    in a random order; returns the row numbers of the good and the junk rows."""
    fields_ = [c.field for c in columns(kind)]
    rows = [("good", [row.get(f) for f in fields_]) for row in good]
    for i in range(draw(st.integers(1, 6), label="junk rows")):
        base = template(i)
        cells = []
        for f in fields_:
            if draw(st.booleans(), label=f"junk {f}"):
                cells.append(draw(CELL, label=f))
                TRIED["import cells"] += 1
            else:
                cells.append(base.get(f))
        rows.append(("junk", cells))
    rows = draw(st.permutations(rows), label="order")
    wb = Workbook()
    ws = wb.active
    ws.append(["户籍人口登记台账（导入测试）"])
    ws.append([c.header for c in columns(kind)])
    for _, cells in rows:
        ws.append(cells)
    wb.save(path)
    TRIED["workbooks"] += 1
    numbers = {"good": [], "junk": []}
    for n, (what, _) in enumerate(rows, start=3):
        numbers[what].append(n)
    return numbers["good"], numbers["junk"]


def imported(actor, kind: str, path: Path, **options):
    """``import_file`` after ``preview`` (the wizard's two steps), which must agree."""
    shown = preview(actor, kind, path, unit=VILLAGE)
    outcome = import_file(actor, kind, path, unit=VILLAGE, **options)
    assert (shown.rows, shown.good, shown.bad) == (outcome.rows, outcome.accepted, outcome.rejected)
    return outcome


def check_outcome(outcome, good: list[int], junk: list[int], kind: str) -> None:
    headers = {c.header for c in columns(kind)}
    assert outcome.accepted + outcome.rejected == outcome.rows
    assert len(good) <= outcome.rows <= len(good) + len(junk)
    rejected = {e.row_number for e in outcome.errors}
    assert len(rejected) == outcome.rejected and rejected <= set(junk), outcome.errors
    for e in outcome.errors:
        assert e.column in headers and e.message.startswith(e.column + "："), e
        assert CJK.search(e.message[len(e.column) + 1:]), e


@pytest.fixture
def register(world):
    """The village has its grid; the world's household members can be visited."""
    return world


@sweep
@given(data=st.data())
def test_household_import_junk(register, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("junk") / "households.xlsx"
    good = [household_row(next_n(), "石应高村", "一网格") for _ in range(data.draw(st.integers(0, 3), label="good"))]
    good_rows, junk_rows = junk_workbook(data.draw, path, "households", good,
                                         lambda i: household_row(next_n(), "石应高村", "一网格"))
    before = Household.select().count()
    outcome = imported(register["clerk"], "households", path, errors_path=path.with_name("errors.xlsx"))
    check_outcome(outcome, good_rows, junk_rows, "households")
    for row in good:
        person = Person.get(Person.id_number == row["id_number"])
        assert person.is_head and person.notes == row["notes"][1:]  # the neutralising ' dropped
        assert_sane(person)
        assert_sane(Household.get_by_id(person.household_id))
    assert Household.select().count() == before + outcome.households_created
    assert gdb.check().ok


@sweep
@given(data=st.data())
def test_visit_import_junk(register, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("junk") / "visits.xlsx"
    members = list(Person.select().where((Person.household == register["home"].id)
                                         & (Person.id != register["patient"].id)))
    start = dt.date(2025, 1, 1) + dt.timedelta(days=next_n() % 300)
    good = [visit_row(n, members[n % len(members)], start + dt.timedelta(days=n))
            for n in range(data.draw(st.integers(0, 3), label="good"))]
    good_rows, junk_rows = junk_workbook(data.draw, path, "visits", good,
                                         lambda i: visit_row(i, members[0], dt.date(2024, 1, 1) + dt.timedelta(days=i)))
    before = Visit.select().count()
    outcome = imported(register["clerk"], "visits", path)
    check_outcome(outcome, good_rows, junk_rows, "visits")
    assert Visit.select().count() == before + outcome.visits_created
    for row in good:
        visit = Visit.get((Visit.visited_at == dt.datetime.fromisoformat(row["visited_at"]))
                          & (Visit.person == Person.get(Person.id_number == row["id_number"]).id))
        assert_sane(visit)
    assert gdb.check().ok


@sweep
@given(data=st.data())
def test_event_import_junk(register, tmp_path_factory, data):
    path = tmp_path_factory.mktemp("junk") / "events.xlsx"
    good = [event_row(next_n()) for _ in range(data.draw(st.integers(0, 3), label="good"))]
    good_rows, junk_rows = junk_workbook(data.draw, path, "events", good, lambda i: event_row(next_n()))
    before = Event.select().count()
    outcome = imported(register["clerk"], "events", path)
    check_outcome(outcome, good_rows, junk_rows, "events")
    assert Event.select().count() == before + outcome.events_created
    for row in good:
        event = Event.get(Event.source_number == row["number"])
        assert event.title == row["title"] and event.state == "处置中"
        assert_sane(event)
    assert gdb.check().ok

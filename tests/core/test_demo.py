"""The demo county: deterministic, internally consistent and plausible."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

import pytest

from gridapp import db as gdb
from gridapp import demo, ids, refdata, text, workflow
from gridapp.errors import Cancelled, ValidationError
from gridapp.models import User, database

TODAY = dt.date(2026, 6, 30)


def _open(path):
    gdb.open_database(path)
    refdata.load_county("420281")
    refdata.load_codes()
    refdata.load_defaults()


def _build(path, households, seed, **kwargs):
    _open(path)
    return demo.build(households, seed, today=TODAY, **kwargs)


def _rows(sql, *params):
    return database.obj.execute_sql(sql, params).fetchall()


def _dump():
    return {table: _rows(f'SELECT * FROM "{table}" ORDER BY id')
            for table in ("household", "person", "person_tag", "visit", "event", "event_action")}


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    """A 3,000-household county (seed 1), open for the duration of the module's tests."""
    summary = _build(tmp_path_factory.mktemp("county") / "county.sqlite3", 3000, 1)
    yield summary
    gdb.close_database()


@pytest.fixture
def reopen(county, tmp_path_factory):
    """For tests that open other databases: put the county back afterwards."""
    path = database.obj.path
    yield
    gdb.close_database()
    gdb.open_database(path)


# --------------------------------------------------------------------------- determinism
def test_same_seed_gives_identical_rows_and_another_seed_does_not(county, reopen, tmp_path):
    dumps = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        _build(tmp_path / f"{name}.sqlite3", 1000, seed)
        dumps.append(_dump())
        gdb.close_database()
    same, again, other = dumps
    for table in same:
        assert same[table] == again[table], table
        assert same[table], table
    assert same["household"] != other["household"]
    assert same["person"] != other["person"]


# --------------------------------------------------------------------------- structure
def test_summary_counts_match_the_tables(county):
    assert county.households == 3000
    assert county.persons == _rows("SELECT count(*) FROM person")[0][0]
    assert county.visits == _rows("SELECT count(*) FROM visit")[0][0]
    assert county.events == _rows("SELECT count(*) FROM event")[0][0]
    assert county.actions == _rows("SELECT count(*) FROM event_action")[0][0]
    assert county.tags == _rows("SELECT count(*) FROM person_tag")[0][0]
    assert county.places == _rows("SELECT count(*) FROM place")[0][0]
    assert county.grids == _rows("SELECT count(*) FROM grid")[0][0]


def test_database_check_passes(county):
    result = gdb.check()
    assert result.ok, result.problems
    assert result.counts["household"] == 3000


def test_every_township_has_ten_to_twentysix_villages_and_real_ones_are_kept(county):
    per_township = dict(_rows("SELECT parent, count(*) FROM division WHERE level = 'village' GROUP BY parent"))
    assert len(per_township) == 18
    assert all(10 <= n <= 26 for n in per_township.values()), per_township
    real = _rows("SELECT name, example FROM division WHERE code IN ('420281103200', '420281004206', "
                 "'420281109206')")
    assert set(real) == {("大塘洲村", 0), ("柯大兴村", 1), ("土桥村", 0)}
    names = _rows("SELECT parent, name FROM division WHERE level = 'village'")
    assert len(names) == len(set(names))
    generated = _rows("SELECT code, name, kind FROM division WHERE level = 'village' AND example "
                      "AND parent != '420281109'")
    assert generated
    for code, name, kind in generated:
        assert (code[9] == "0") == (kind == "社区") and name.endswith(kind)


def test_about_one_grid_per_300_households_each_with_its_worker(county):
    grids = _rows("SELECT g.code, g.name, g.village_code, u.login, u.role, u.scope_code, "
                  "(SELECT count(*) FROM household h WHERE h.grid_id = g.id) FROM grid g JOIN user u "
                  "ON u.id = g.worker_id")
    assert len(grids) == county.grids
    assert 3000 / 300 * 0.7 <= len(grids) <= 3000 / 300 * 1.4
    for code, name, village, login, role, scope, households in grids:
        assert code[:12] == village and login == f"wg{code}"
        assert role == "grid_worker" and scope == village
        assert name.startswith("第") and name.endswith("网格")
        assert 100 <= households <= 500
    roles = Counter(r for (r,) in _rows("SELECT role FROM user"))
    villages = _rows("SELECT count(DISTINCT village_code), count(DISTINCT township_code) FROM household")[0]
    assert roles["village_admin"] == villages[0]
    assert roles["township"] == villages[1] + 1  # and the county centre
    assert roles["sysadmin"] == 1


# --------------------------------------------------------------------------- people
def test_id_numbers_are_valid_unique_and_agree_with_birth_date_and_sex(county):
    people = _rows("SELECT id_number, birth_date, sex, id_rev FROM person")
    assert len({p[0] for p in people}) == len(people)
    for number, birth, sex, rev in people:
        info = ids.parse_id(number, today=TODAY)
        assert (info.birth_date.isoformat(), info.sex) == (birth, sex)
        assert rev == number[::-1]
    areas = Counter(p[0][:6] for p in people)
    assert areas.most_common(1)[0][0] == "420281"
    assert len(areas) > 3


def test_households_have_one_head_and_relations_that_make_sense(county):
    members = defaultdict(list)
    for row in _rows("SELECT household_id, relation, sex, birth_date, is_head FROM person"):
        members[row[0]].append(row)
    sizes = Counter(len(m) for m in members.values())
    assert set(sizes) <= {1, 2, 3, 4, 5, 6}
    assert 2.9 <= sum(n * k for n, k in sizes.items()) / 3000 <= 3.5

    def age(birth):
        return (TODAY - dt.date.fromisoformat(birth)).days / 365.25

    for rows in members.values():
        heads = [r for r in rows if r[4]]
        assert len(heads) == 1 and heads[0][1] == "02"
        head_sex, head_age = heads[0][2], age(heads[0][3])
        for _, relation, sex, birth, is_head in rows:
            if relation == "10":
                assert sex != head_sex and abs(age(birth) - head_age) < 10
            elif relation[0] in "23" and relation not in ("28", "38"):
                assert head_age - age(birth) >= 15
                assert sex == ("男" if relation[0] == "2" else "女")
            elif relation in ("51", "52"):
                assert age(birth) - head_age >= 15
            elif relation in ("41", "42"):
                assert head_age - age(birth) >= 30


def test_derived_search_columns_are_filled_as_the_services_fill_them(county):
    for name, tokens, pinyin, initials, phone, phone_rev in _rows(
            "SELECT name, name_tokens, pinyin, initials, phone, phone_rev FROM person"):
        assert tokens == text.tokens(name)
        assert (pinyin, initials) == text.pinyin_keys(name)
        assert phone_rev == (phone[::-1] if phone else None)
        if phone:
            ids.validate_phone(phone)
    for address, tokens, phone, phone_rev in _rows("SELECT address, addr_tokens, phone, phone_rev FROM household"):
        assert tokens == text.tokens(address)
        assert phone_rev == (phone[::-1] if phone else None)
    mismatched = _rows("SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id "
                       "JOIN grid g ON g.id = h.grid_id WHERE p.grid_id != h.grid_id OR "
                       "p.village_code != g.village_code OR h.village_code != g.village_code OR "
                       "p.township_code != substr(g.village_code, 1, 9) OR p.county_code != '420281'")
    assert mismatched == [(0,)]


def test_full_text_indexes_find_names_and_addresses(county):
    name, address = _rows("SELECT p.name, h.address FROM person p JOIN household h ON h.id = p.household_id "
                          "ORDER BY p.id LIMIT 1 OFFSET 777")[0]
    found = _rows("SELECT p.name FROM person_fts JOIN person p ON p.id = person_fts.rowid "
                  "WHERE person_fts MATCH ?", text.fts_phrase(name))
    assert (name,) in found
    found = _rows("SELECT h.address FROM household_fts JOIN household h ON h.id = household_fts.rowid "
                  "WHERE household_fts MATCH ?", text.fts_phrase(address))
    assert (address,) in found


# --------------------------------------------------------------------------- special groups
def test_special_groups_come_at_plausible_rates(county):
    persons = county.persons
    counts = dict(_rows("SELECT category, count(*) FROM person_tag GROUP BY category"))
    assert 0.012 <= counts["djlr"] / persons <= 0.03
    assert 0.003 <= counts["lset"] / persons <= 0.02
    assert 0.0005 <= counts["jsza"] / persons <= 0.008
    assert 0.002 <= counts["xmsf"] / persons <= 0.01
    assert counts.get("sqjz", 0) / persons <= 0.006
    assert {"cjr", "dbh", "tyjr", "kclr"} <= set(counts)


def test_tags_fit_the_person_and_carry_the_sensitive_flag(county):
    sensitive = refdata.sensitive_categories()
    rows = _rows("SELECT t.category, t.sensitive, t.since, t.attention, t.details, p.birth_date, p.household_id "
                 "FROM person_tag t JOIN person p ON p.id = t.person_id")
    size = dict(_rows("SELECT household_id, count(*) FROM person GROUP BY household_id"))
    for category, flag, since, attention, details, birth, household in rows:
        assert bool(flag) == (category in sensitive)
        assert attention in ("01", "02", "03")
        since = dt.date.fromisoformat(since)
        assert dt.date.fromisoformat(birth) <= since <= TODAY
        age = (TODAY - dt.date.fromisoformat(birth)).days / 365.25
        if category == "djlr":
            assert age >= 65 and size[household] == 1
        if category == "lset":
            assert age < 18
            away = _rows("SELECT residence FROM person WHERE household_id = ? AND (relation LIKE '2%' "
                         "OR relation = '38')", household)
            assert away and all(r == ("外出",) for r in away)
        if category == "jsza":
            assert 0 <= json.loads(details)["risk"] <= 5


# --------------------------------------------------------------------------- visits and places
def test_visits_mostly_follow_the_rules_with_some_overdue(county):
    last = dict(_rows("SELECT household_id, max(visited_at) FROM visit WHERE household_id IS NOT NULL "
                      "GROUP BY household_id"))
    assert len(last) >= 2900
    overdue = sum(1 for at in last.values() if dt.date.fromisoformat(at[:10]) < TODAY - dt.timedelta(days=180))
    assert 0.02 <= overdue / 3000 <= 0.15
    first, latest = _rows("SELECT min(visited_at), max(visited_at) FROM visit")[0]
    assert first >= (TODAY - dt.timedelta(days=731)).isoformat() and latest < TODAY.isoformat()
    assert _rows("SELECT max(at) FROM event_action")[0][0] < TODAY.isoformat()
    wrong_visitor = _rows("SELECT count(*) FROM visit v JOIN grid g ON g.id = v.grid_id "
                          "WHERE v.visitor_id != g.worker_id")
    assert wrong_visitor == [(0,)]
    graded = _rows("SELECT v.kind, v.risk_grade, v.visited_at, (SELECT min(t.since) FROM person_tag t "
                   "WHERE t.person_id = v.person_id AND t.category = 'jsza') FROM visit v")
    for kind, grade, at, since in graded:  # a grade exactly when the person has a live 严重精神障碍 tag
        assert (grade is not None) == (kind == "随访") == (since is not None and since <= at[:10])
    grades = Counter(g for (g,) in _rows("SELECT risk_grade FROM visit WHERE kind = '随访'"))
    assert grades and set(grades) <= set(range(6))
    assert sum(grades[g] for g in (0, 1, 2)) > 0.7 * sum(grades.values())
    methods = Counter(m for (m,) in _rows("SELECT method FROM visit"))
    assert methods.most_common(1)[0][0] == "入户"


def test_places_have_local_contacts_and_inspections_with_checklists(county):
    assert 3000 / 20 * 0.7 <= county.places <= 3000 / 20 * 1.3
    strangers = _rows("SELECT count(*) FROM place pl JOIN person p ON p.id = pl.contact_id "
                      "WHERE p.grid_id != pl.grid_id OR p.name != pl.contact_name")
    assert strangers == [(0,)]
    items = defaultdict(list)
    for item_id, category, item, hazard in _rows("SELECT id, place_category, text, hazard_category FROM "
                                                 "checklist_item ORDER BY sort, id"):
        items[category].append((item_id, item, hazard))
    results = Counter()
    for category, checklist, kind in _rows("SELECT p.category, v.checklist, v.kind FROM visit v "
                                           "JOIN place p ON p.id = v.place_id"):
        answers = json.loads(checklist)
        assert kind == "巡查"
        assert [(a["id"], a["text"], a["hazard"]) for a in answers] == items[category]
        assert {a["result"] for a in answers} <= {"合格", "不合格"}
        results[all(a["result"] == "合格" for a in answers)] += 1
    assert results[True] > 0.8 * sum(results.values()) and results[False] > 0


# --------------------------------------------------------------------------- events
def test_event_numbers_are_gap_free_per_township_and_year(county):
    assert 3000 * 2 / 60 * 0.6 <= county.events <= 3000 * 2 / 60 * 1.4
    seqs = defaultdict(list)
    for number, township, registered in _rows("SELECT number, township_code, registered_at FROM event"):
        prefix, year, seq = number.split("-")
        assert prefix == township and year == registered[:4] and len(seq) == 5
        seqs[(prefix, int(year))].append((int(seq), registered))
    last = {(t, y): n for t, y, n in _rows("SELECT township_code, year, last FROM event_sequence")}
    assert set(last) == set(seqs)
    for key, items in seqs.items():
        items.sort()
        assert [s for s, _ in items] == list(range(1, len(items) + 1))
        assert [r for _, r in items] == sorted(r for _, r in items)
        assert last[key] == len(items)


def test_every_event_history_follows_the_workflow_and_ends_in_its_state(county):
    actions = defaultdict(list)
    for row in _rows("SELECT event_id, action, from_state, to_state, at FROM event_action ORDER BY event_id, at, id"):
        actions[row[0]].append(row[1:])
    events = _rows("SELECT id, state, level, escalated, supervised, outcome, method, mediator, agreement, "
                   "satisfaction, closed_at, deadline, registered_at, supervision_note FROM event")
    states = Counter()
    for (eid, state, level, escalated, supervised, outcome, method, mediator, agreement, satisfaction, closed_at,
         deadline, registered, supervision_note) in events:
        history = actions[eid]
        assert history[0][:3] == (workflow.REGISTER, None, workflow.REGISTERED)
        assert history[0][3] == registered
        for (action, from_state, to_state, _), previous in zip(history[1:], history):
            assert from_state == previous[2]
            assert workflow.state_refusal(action, from_state) is None, (action, from_state)
            assert to_state == workflow.target_state(action, from_state)
        assert history[-1][2] == state
        assert bool(escalated) == (level != workflow.VILLAGE_LEVEL)
        assert bool(supervised) == any(a[0] == workflow.SUPERVISE for a in history) == bool(supervision_note)
        if state in workflow.CLOSED_STATES:
            assert outcome in workflow.OUTCOMES and method in workflow.METHODS and closed_at
            assert not workflow.missing_fields(workflow.CLOSE, {"outcome": outcome, "method": method,
                                                                "mediator": mediator, "agreement": agreement})
        if state in (workflow.FOLLOWED_UP, workflow.ARCHIVED):
            assert satisfaction in workflow.SATISFACTIONS
        assert deadline >= registered[:10]
        states[state] += 1
    closed = sum(states[s] for s in workflow.CLOSED_STATES)
    assert closed > 0.7 * len(events)
    recent = (TODAY - dt.timedelta(days=7)).isoformat()
    assert _rows("SELECT count(*) FROM event WHERE registered_at >= ? AND state = ?", recent, workflow.ARCHIVED) == [(0,)]
    old = (TODAY - dt.timedelta(days=120)).isoformat()
    old_open, old_all = _rows("SELECT sum(state NOT IN ('已办结', '已回访', '已归档')), count(*) FROM event "
                              "WHERE registered_at < ?", old)[0]
    assert old_open < 0.1 * old_all


def test_event_kinds_and_categories_come_from_the_code_tables(county):
    codes = refdata.codes()
    disputes = {c for c, _ in codes.items("dispute_category")}
    hazards = {c for c, _ in codes.items("hazard_category")}
    kinds = Counter()
    for kind, category in _rows("SELECT kind, category FROM event"):
        kinds[kind] += 1
        if kind == "矛盾纠纷":
            assert category in disputes
        elif kind == "安全隐患":
            assert category in hazards
    assert kinds.most_common(1)[0][0] == "矛盾纠纷"
    assert set(kinds) <= set(workflow.KINDS)
    found = _rows("SELECT e.category, e.place_id, v.place_id, v.checklist, v.findings, e.title "
                  "FROM event e JOIN visit v ON v.id = e.visit_id")
    assert found
    for category, place, visited, checklist, findings, title in found:
        failed = [a for a in json.loads(checklist) if a["result"] == "不合格"]
        assert visited == place and len(failed) == 1 and findings == title
        assert category == failed[0]["hazard"]


# --------------------------------------------------------------------------- refusals and cancel
def test_refuses_a_database_that_already_has_households(county):
    with pytest.raises(ValidationError) as caught:
        demo.build(100, 1, today=TODAY)
    assert caught.value.field == "households"
    assert _rows("SELECT count(*) FROM household") == [(3000,)]


@pytest.mark.parametrize("households, seed", [(0, 1), (-5, 1), (demo.MAX_HOUSEHOLDS + 1, 1), (10, "x")])
def test_refuses_bad_arguments(db, households, seed):
    with pytest.raises(ValidationError) as caught:
        demo.build(households, seed, today=TODAY)
    assert caught.value.field == ("seed" if seed == "x" else "households")


def _schema():
    if gdb.is_postgres():
        return _rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                     "ORDER BY indexname")
    return _rows("SELECT type, name, sql FROM sqlite_master ORDER BY name")


def test_cancel_leaves_the_database_as_it_was(db, tmp_path):
    before = _schema()
    divisions = _rows("SELECT count(*) FROM division")
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(Cancelled):
        demo.build(1500, 1, today=TODAY, is_cancelled=cancelled)
    for table in ("household", "person", "visit", "event", "grid", "user"):
        assert _rows(f'SELECT count(*) FROM "{table}"') == [(0,)], table
    assert _rows("SELECT count(*) FROM division") == divisions
    assert _schema() == before
    if not gdb.is_postgres():
        assert _rows("PRAGMA foreign_keys") == [(1,)]
        assert _rows("PRAGMA journal_mode") == [("wal",)]
        assert not (tmp_path / "test.sqlite3.demo-stage").exists()
    summary = demo.build(300, 1, today=TODAY)  # and the database is still usable
    assert summary.households == 300


def test_progress_is_reported_up_to_the_total(db):
    seen = []
    demo.build(300, 2, today=TODAY, on_progress=lambda done, total: seen.append((done, total)))
    totals = {t for _, t in seen}
    assert len(totals) == 1 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert gdb.check().ok
    # The rows took their ids from the loader: the database hands out the next ones after them.
    user = User.create(login="after-demo", display_name="后来的账号", role="grid_worker")
    assert user.id == _rows('SELECT max(id) FROM "user"')[0][0]


def test_cli_builds_and_prints_a_summary(tmp_path, capsys):
    from gridapp import cli

    path = tmp_path / "cli.sqlite3"
    assert cli.main(["--db", str(path), "demo", "--households", "300", "--seed", "3"]) == 0
    out, err = capsys.readouterr()
    assert "演示县已生成" in out and "300 户" in out
    assert "生成演示数据：100%" in err
    assert cli.main(["--db", str(path), "demo", "--households", "300"]) == 1
    assert "已有住户" in capsys.readouterr().err

"""Accounts: password hashing and strength, login and lockout, user management, grid handover."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError
from gridapp.models import AuditLog, Event, EventAction, Grid, GridAssignment, User
from gridapp.services import accounts
from gridapp.services.actor import actor_for

PASSWORD = "Grid2026ok"
VILLAGE = "420281103200"  # 金山店镇 土桥村
OTHER_VILLAGE = "420281103201"  # 金山店镇 马坪村
TOWNSHIP = "420281103"
OTHER_TOWNSHIP = "420281109"


@pytest.fixture
def admin(any_db):
    """The first administrator, logged in: on every backend, and on an encrypted database."""
    accounts.create_first_admin("admin", PASSWORD, "管理员")
    return accounts.authenticate("admin", PASSWORD)


def make(admin, login, role="grid_worker", scope=VILLAGE, password=PASSWORD):
    return accounts.create_user(admin, login, f"{login}姓名", role, scope, password)


def audit_rows(action=None, user=None):
    query = AuditLog.select().order_by(AuditLog.id)
    if action:
        query = query.where(AuditLog.action == action)
    if user:
        query = query.where(AuditLog.user == user)
    return [(r.user, r.action, r.entity, json.loads(r.changes) if r.changes else None) for r in query]


# --------------------------------------------------------------------------- hashing
def test_hash_is_self_describing_salted_and_verifies():
    a, b = accounts.hash_password("Secret123"), accounts.hash_password("Secret123")
    assert a.startswith("scrypt$n=16384,r=8,p=1$") and len(a.split("$")) == 4
    assert a != b  # a fresh salt each time
    assert accounts.check_password_hash("Secret123", a)
    assert not accounts.check_password_hash("Secret124", a)
    assert not accounts.needs_rehash(a)


@pytest.mark.parametrize("stored", [None, "", "plain", "scrypt$n=16384,r=8,p=1$!!$!!",
                                    "scrypt$n=1000,r=8,p=1$AAAA$AAAA", "md5$abc"])
def test_malformed_hash_never_matches(stored):
    assert not accounts.check_password_hash("anything1", stored)
    assert accounts.needs_rehash(stored)


def test_tampered_hash_fails():
    stored = accounts.hash_password("Secret123")
    head, salt, digest = stored.rsplit("$", 2)
    flipped = ("B" if digest[0] != "B" else "C") + digest[1:]
    assert not accounts.check_password_hash("Secret123", f"{head}${salt}${flipped}")


def test_old_parameters_still_verify_and_are_upgraded_at_login(admin):
    user = make(admin, "old")
    weak = accounts.hash_password("Older2020x", n=1024)
    User.update(password_hash=weak).where(User.id == user.id).execute()
    assert accounts.needs_rehash(weak)
    accounts.authenticate("old", "Older2020x")
    stored = User.get_by_id(user.id).password_hash
    assert stored.startswith("scrypt$n=16384,") and accounts.check_password_hash("Older2020x", stored)


# --------------------------------------------------------------------------- strength
@pytest.mark.parametrize("password, fragment", [
    ("", "请输入密码"),
    ("Ab1", "至少 8 位"),
    ("abcdefgh", "字母和数字"),
    ("12345678", "字母和数字"),
    ("zhang2026", "不能与登录名相同"),
    ("ZHANG2026", "不能与登录名相同"),
    ("abc\n12345", "控制字符"),
    ("Password1", "过于常见"),
    ("a1" * 65, "不能超过"),
])
def test_weak_passwords_refused_with_reason(password, fragment):
    with pytest.raises(ValidationError) as exc:
        accounts.check_password_strength(password, "zhang2026")
    assert fragment in exc.value.message and exc.value.field == "password"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40), st.text(alphabet="abcz019", min_size=1, max_size=10))
def test_strength_rule_accepts_exactly_what_it_promises(password, login):
    try:
        accounts.check_password_strength(password, login)
    except ValidationError as exc:
        assert exc.field == "password" and exc.message
        return
    assert 8 <= len(password) <= 128
    assert any(c.isascii() and c.isalpha() for c in password) and any(c.isdigit() for c in password)
    assert password.lower() != login.lower()


# --------------------------------------------------------------------------- first admin and login
def test_first_admin_only_once(db):
    info = accounts.create_first_admin("admin", PASSWORD)
    assert info.role == "sysadmin" and info.scope_code is None
    with pytest.raises(PermissionDenied, match="已有系统管理员"):
        accounts.create_first_admin("admin2", PASSWORD)
    assert audit_rows("create") == [("system", "create", "user",
                                     {"login": [None, "admin"], "display_name": [None, "admin"],
                                      "role": [None, "sysadmin"]})]


def test_login_success_audited_and_returns_actor(admin):
    user = make(admin, "zhang")
    actor = accounts.authenticate("  ZHANG ", PASSWORD)  # logins ignore case and stray spaces
    assert (actor.user_id, actor.role, actor.scope_code) == (user.id, "grid_worker", VILLAGE)
    assert ("zhang", "login", "user", None) in audit_rows("login")
    assert User.get_by_id(user.id).last_login_at is not None


def test_unknown_login_and_wrong_password_say_the_same_and_are_audited(admin):
    make(admin, "zhang")
    with pytest.raises(PermissionDenied, match="^用户名或密码错误$"):
        accounts.authenticate("nobody", PASSWORD)
    with pytest.raises(PermissionDenied, match="用户名或密码错误（再错 4 次"):
        accounts.authenticate("zhang", "Wrong2026x")
    failed = audit_rows("login_failed")
    assert failed[0] == (None, "login_failed", "user", {"login": "nobody", "reason": "unknown_login"})
    assert failed[1][0] == "zhang" and failed[1][3]["reason"] == "wrong_password"


def test_five_failures_lock_for_fifteen_minutes(admin, monkeypatch):
    user = make(admin, "zhang")
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="用户名或密码错误"):
            accounts.authenticate("zhang", "Wrong2026x")
    with pytest.raises(PermissionDenied, match="已连续输错 5 次，账号锁定至"):
        accounts.authenticate("zhang", "Wrong2026x")
    locked_until = User.get_by_id(user.id).locked_until
    assert dt.timedelta(minutes=14) < locked_until - accounts.now() <= dt.timedelta(minutes=15)
    with pytest.raises(PermissionDenied, match=f"请于 {locked_until:%Y-%m-%d %H:%M} 后再试") as exc:
        accounts.authenticate("zhang", PASSWORD)  # even the right password
    assert exc.value.field == "login"
    assert audit_rows("login_failed")[-1][3] == {"reason": "locked"}
    later = locked_until + dt.timedelta(seconds=1)
    monkeypatch.setattr(accounts, "now", lambda: later)
    assert accounts.authenticate("zhang", PASSWORD).login == "zhang"


def test_success_resets_the_failure_count(admin):
    make(admin, "zhang")
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            accounts.authenticate("zhang", "Wrong2026x")
    accounts.authenticate("zhang", PASSWORD)
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="再错"):
            accounts.authenticate("zhang", "Wrong2026x")
    assert accounts.authenticate("zhang", PASSWORD).login == "zhang"


def test_lockout_limits_come_from_settings(admin):
    from gridapp.services import settings as app_settings

    app_settings.set_settings(admin, {"login.max_failures": 3, "login.lock_minutes": 60})
    user = make(admin, "zhang")
    for _ in range(2):
        with pytest.raises(PermissionDenied):
            accounts.authenticate("zhang", "Wrong2026x")
    with pytest.raises(PermissionDenied, match="已连续输错 3 次"):
        accounts.authenticate("zhang", "Wrong2026x")
    assert User.get_by_id(user.id).locked_until - accounts.now() > dt.timedelta(minutes=59)


def test_admin_unlocks(admin):
    user = make(admin, "zhang")
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            accounts.authenticate("zhang", "Wrong2026x")
    assert accounts.get_user(admin, user.id).locked
    info = accounts.unlock_user(admin, user.id)
    assert not info.locked and info.failed_logins == 0
    assert accounts.authenticate("zhang", PASSWORD).login == "zhang"
    assert audit_rows("unlock")[0][:3] == ("admin", "unlock", "user")


def test_disabled_account_cannot_log_in(admin):
    user = make(admin, "zhang")
    accounts.disable_user(admin, user.id, user.version)
    with pytest.raises(PermissionDenied, match="已停用"):
        accounts.authenticate("zhang", PASSWORD)
    assert audit_rows("login_failed")[-1][3] == {"reason": "disabled"}
    enabled = accounts.enable_user(admin, user.id, user.version + 1)
    assert enabled.active and accounts.authenticate("zhang", PASSWORD)


def test_idle_unlock_checks_the_password_and_counts_failures(admin):
    make(admin, "zhang")
    actor = accounts.authenticate("zhang", PASSWORD)
    assert accounts.verify_password(actor, PASSWORD) is True
    assert audit_rows("unlock_session")[0][:2] == ("zhang", "unlock_session")
    for _ in range(4):
        assert accounts.verify_password(actor, "Wrong2026x") is False
    with pytest.raises(PermissionDenied, match="锁定至"):
        accounts.verify_password(actor, "Wrong2026x")
    with pytest.raises(PermissionDenied, match="已锁定"):
        accounts.verify_password(actor, PASSWORD)


# --------------------------------------------------------------------------- passwords
def test_reset_forces_a_change_and_change_clears_it(admin):
    user = make(admin, "zhang")
    assert user.must_change_password  # a new account's first password was set by the admin
    info = accounts.reset_password(admin, user.id, "Temp2026pw")
    assert info.must_change_password and info.version == user.version + 1
    actor = accounts.authenticate("zhang", "Temp2026pw")
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(actor, "Wrong2026x", "Mine2026pw")
    assert exc.value.field == "old_password"
    with pytest.raises(ValidationError) as exc:
        accounts.change_password(actor, "Temp2026pw", "short1")
    assert exc.value.field == "new_password"
    info = accounts.change_password(actor, "Temp2026pw", "Mine2026pw")
    assert not info.must_change_password
    assert accounts.authenticate("zhang", "Mine2026pw")
    changes = [c for _, a, e, c in audit_rows("update") if e == "user"]
    assert all("Mine2026pw" not in json.dumps(c) and "Temp2026pw" not in json.dumps(c) for c in changes)


# --------------------------------------------------------------------------- user management
def test_create_user_validates_every_field(admin):
    make(admin, "zhang")
    cases = [
        (dict(login="ZHANG"), "login", "已被使用"),
        (dict(login="a"), "login", "2–32 位"),
        (dict(login="=cmd"), "login", "2–32 位"),
        (dict(login="system"), "login", "保留"),
        (dict(display_name="  "), "display_name", "不能为空"),
        (dict(role="boss"), "role", "未知的角色"),
        (dict(role="village_admin", scope=TOWNSHIP), "scope_code", "应为村(社区)"),
        (dict(role="township", scope=None), "scope_code", "须指定管辖范围"),
        (dict(scope="999999999"), "scope_code", "不存在"),
        (dict(password="abc"), "password", "至少 8 位"),
    ]
    for override, field, fragment in cases:
        args = dict(login="li", display_name="李四", role="grid_worker", scope=VILLAGE, password=PASSWORD) | override
        with pytest.raises(ValidationError) as exc:
            accounts.create_user(admin, args["login"], args["display_name"], args["role"], args["scope"],
                                 args["password"])
        assert (exc.value.field, fragment in exc.value.message) == (field, True), (override, exc.value.message)
    assert User.select().count() == 2


def test_only_the_system_administrator_manages_users(admin):
    user = make(admin, "zhang")
    clerk = actor_for(make(admin, "clerk", "township", TOWNSHIP).id)
    with pytest.raises(PermissionDenied, match="仅限系统管理员"):
        accounts.create_user(clerk, "li", "李四", "grid_worker", VILLAGE, PASSWORD)
    with pytest.raises(PermissionDenied):
        accounts.reset_password(clerk, user.id, "Temp2026pw")
    with pytest.raises(PermissionDenied):
        accounts.disable_user(clerk, user.id, user.version)


def test_stale_version_is_refused(admin):
    user = make(admin, "zhang")
    accounts.update_user(admin, user.id, user.version, display_name="张三")
    with pytest.raises(StaleRecordError, match="记录已被他人修改"):
        accounts.update_user(admin, user.id, user.version, phone="13812345678")
    info = accounts.get_user(admin, user.id)
    assert (info.display_name, info.phone, info.version) == ("张三", None, user.version + 1)
    assert audit_rows("update")[-1][3] == {"display_name": ["zhang姓名", "张三"]}


def test_last_admin_and_self_are_protected(admin):
    me = accounts.current_user(admin)
    with pytest.raises(ValidationError, match="不能停用自己"):
        accounts.disable_user(admin, me.id, me.version)
    with pytest.raises(ValidationError, match="最后一个"):
        accounts.change_scope(admin, me.id, me.version, "township", TOWNSHIP)
    second = make(admin, "admin2", "sysadmin", None)
    accounts.change_scope(admin, second.id, second.version, "township", TOWNSHIP)
    assert accounts.get_user(admin, second.id).role == "township"


def test_list_users_by_scope(admin):
    worker = make(admin, "w1")
    make(admin, "w2", scope=OTHER_VILLAGE)
    make(admin, "far", scope="420281109200")
    village = make(admin, "va", "village_admin", VILLAGE)
    clerk = make(admin, "clerk", "township", TOWNSHIP)
    assert {u.login for u in accounts.list_users(admin)} == {"admin", "w1", "w2", "far", "va", "clerk"}
    as_clerk = accounts.list_users(actor_for(clerk.id))
    assert {u.login for u in as_clerk} == {"w1", "w2", "va", "clerk"}
    assert {u.login for u in accounts.list_users(actor_for(village.id))} == {"w1", "va"}
    with pytest.raises(PermissionDenied):
        accounts.list_users(actor_for(worker.id))
    with pytest.raises(PermissionDenied, match="不在您的管辖范围"):
        accounts.get_user(actor_for(village.id), User.get(User.login == "w2").id)
    assert accounts.get_user(actor_for(worker.id), worker.id).login == "w1"  # oneself


# --------------------------------------------------------------------------- grid handover
def _grid(code, village=VILLAGE, worker=None):
    return Grid.create(code=code, name=f"网格{code[-2:]}", village_code=village, township_code=village[:9],
                       county_code=village[:6], worker=worker)


def test_handover_closes_the_previous_assignment(admin):
    first, second = make(admin, "w1"), make(admin, "w2")
    grid = _grid("42028110320001")
    village = actor_for(make(admin, "va", "village_admin", VILLAGE).id)
    start = dt.date.today() - dt.timedelta(days=30)
    accounts.assign_grid(village, grid.id, first.id, start=start, note="首任")
    history = accounts.assign_grid(village, grid.id, second.id, note="张三调走")
    assert [(h.worker_id, h.start, h.end) for h in history] == [
        (second.id, dt.date.today(), None), (first.id, start, dt.date.today())]
    assert Grid.get_by_id(grid.id).worker_id == second.id
    assert actor_for(second.id).grid_ids == (grid.id,) and actor_for(first.id).grid_ids == ()
    assert audit_rows("update")[-1][3]["worker_id"] == [first.id, second.id]
    vacated = accounts.assign_grid(village, grid.id, None)
    assert vacated[0].end == dt.date.today() and Grid.get_by_id(grid.id).worker_id is None


def test_handover_refusals(admin):
    worker, far = make(admin, "w1"), make(admin, "far", scope="420281109200")
    grid = _grid("42028110320001")
    other = _grid("42028110320101", OTHER_VILLAGE)
    village = actor_for(make(admin, "va", "village_admin", VILLAGE).id)
    with pytest.raises(ValidationError, match="管辖范围不包含") as exc:
        accounts.assign_grid(village, grid.id, far.id)
    assert exc.value.field == "worker_id"
    with pytest.raises(PermissionDenied, match="不在您的管辖范围"):
        accounts.assign_grid(village, other.id, worker.id)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        accounts.assign_grid(village, grid.id, worker.id, start=dt.date.today() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="不是网格员"):
        accounts.assign_grid(village, grid.id, User.get(User.login == "va").id)
    accounts.assign_grid(village, grid.id, worker.id)
    with pytest.raises(ValidationError, match="已由"):
        accounts.assign_grid(village, grid.id, worker.id)
    second = make(admin, "w2")
    with pytest.raises(ValidationError, match="不能早于上一任"):
        accounts.assign_grid(village, grid.id, second.id, start=dt.date.today() - dt.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        accounts.assign_grid(actor_for(worker.id), grid.id, second.id)
    assert GridAssignment.select().count() == 1


def test_worker_with_grids_must_hand_over_before_leaving(admin):
    worker, successor = make(admin, "w1"), make(admin, "w2")
    grid = _grid("42028110320001")
    accounts.assign_grid(admin, grid.id, worker.id)
    with pytest.raises(ValidationError, match="请先办理网格移交"):
        accounts.disable_user(admin, worker.id, worker.version)
    with pytest.raises(ValidationError, match="请先办理网格移交"):
        accounts.change_scope(admin, worker.id, worker.version, "grid_worker", OTHER_VILLAGE)
    accounts.assign_grid(admin, grid.id, successor.id)
    assert not accounts.disable_user(admin, worker.id, worker.version).active


def _event(n, grid, *, handler=None, reporter=None, state="处置中", deadline=None):
    return Event.create(number=f"{grid.township_code}-2026-{n:05d}", kind="矛盾纠纷", title=f"纠纷{n}",
                        grid=grid, village_code=grid.village_code, township_code=grid.township_code,
                        county_code=grid.county_code, handler=handler, reporter=reporter, state=state,
                        deadline=deadline)


def test_departing_worker_items_and_reassignment(admin):
    from gridapp.models import Household

    worker, successor = make(admin, "w1"), make(admin, "w2")
    grid = _grid("42028110320001")
    accounts.assign_grid(admin, grid.id, worker.id)
    overdue_day = dt.date.today() - dt.timedelta(days=1)
    handled = _event(1, grid, handler=worker.id, deadline=overdue_day)
    reported = _event(2, grid, reporter=worker.id, state="已登记")
    _event(3, grid, handler=worker.id, state="已办结")
    _event(4, grid, handler=successor.id, reporter=worker.id)
    old = accounts.now() - dt.timedelta(days=400)
    household = Household.create(grid=grid, village_code=VILLAGE, township_code=TOWNSHIP, county_code="420281",
                                 number="H1", created_at=old)
    clerk = actor_for(make(admin, "clerk", "township", TOWNSHIP).id)

    items = accounts.departing_worker_items(clerk, worker.id)
    assert [(e.number, e.relation, e.overdue) for e in items.open_events] == [
        (handled.number, "承办", True), (reported.number, "登记", False)]
    assert [(t.kind, t.target_id) for t in items.overdue_targets] == [("household", household.id)]
    open_events, overdue = items  # unpacks as a pair

    accounts.assign_grid(clerk, grid.id, successor.id)
    assert accounts.reassign_events(clerk, [e.id for e in open_events], successor.id, note="离职移交") == 2
    assert accounts.departing_worker_items(clerk, worker.id).open_events == ()
    action = EventAction.get(EventAction.event == handled.id)
    assert (action.action, action.from_state, action.to_state) == ("改派", "处置中", "处置中")
    assert "改为w2姓名" in action.note and "离职移交" in action.note
    assert Event.get_by_id(handled.id).version == 2


def test_reassignment_refusals(admin):
    worker, successor = make(admin, "w1"), make(admin, "w2")
    far = make(admin, "far", scope="420281109200")
    grid = _grid("42028110320001", worker=worker.id)
    _grid("42028110320002", worker=successor.id)
    far_grid = _grid("42028110920001", "420281109200", worker=far.id)
    event = _event(1, grid, handler=worker.id)
    closed = _event(2, grid, handler=worker.id, state="已归档")
    far_event = _event(1, far_grid, handler=far.id)
    clerk = actor_for(make(admin, "clerk", "township", TOWNSHIP).id)
    with pytest.raises(ValidationError, match="不在w2姓名的管辖范围"):  # w2 works another grid
        accounts.reassign_events(clerk, [event.id], successor.id)
    with pytest.raises(ValidationError, match="无需改派"):
        accounts.reassign_events(clerk, [closed.id], User.get(User.login == "clerk").id)
    with pytest.raises(PermissionDenied, match="有不在您管辖范围内的事件"):
        accounts.reassign_events(clerk, [far_event.id], User.get(User.login == "clerk").id)
    with pytest.raises(NotFoundError):
        accounts.reassign_events(clerk, [event.id, 99999], User.get(User.login == "clerk").id)
    with pytest.raises(PermissionDenied):
        accounts.departing_worker_items(clerk, far.id)
    assert accounts.reassign_events(clerk, [event.id], User.get(User.login == "clerk").id) == 1
    assert EventAction.select().count() == 1

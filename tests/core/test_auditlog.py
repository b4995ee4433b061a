"""The audit log: append-only, what is audited, the scoped viewer and its Excel export; settings."""
from __future__ import annotations

import datetime as dt
import errno
import json
import os

import peewee as pw
import pytest
from openpyxl import load_workbook

from gridapp import db as gdb
from gridapp.errors import Cancelled, GridappError, PermissionDenied, ValidationError, ValidationErrors
from gridapp.models import AuditLog, User, database
from gridapp.services import accounts, auditlog, privacy
from gridapp.services import settings as app_settings
from gridapp.services.actor import actor_for
from gridapp.services.auditlog import AuditFilter

PASSWORD = "Grid2026ok"


@pytest.fixture
def people(any_db):
    """An administrator and four users: on every backend, and on an encrypted database."""
    accounts.create_first_admin("admin", PASSWORD)
    admin = accounts.authenticate("admin", PASSWORD)
    made = {}
    for login, role, scope in (("w1", "grid_worker", "420281103200"), ("clerk", "township", "420281103"),
                               ("far", "grid_worker", "420281109200"), ("va", "village_admin", "420281103200")):
        made[login] = accounts.create_user(admin, login, f"{login}姓名", role, scope, PASSWORD)
    return admin, {k: actor_for(v.id) for k, v in made.items()}


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


# --------------------------------------------------------------------------- append-only
def test_raw_update_and_delete_on_the_audit_log_fail(people):
    count = AuditLog.select().count()
    assert count > 0
    for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", 'UPDATE audit_log SET "user" = NULL WHERE id = 1',
                "TRUNCATE audit_log" if gdb.is_postgres() else "DELETE FROM audit_log WHERE id = 1"):
        with pytest.raises(pw.DatabaseError, match="append-only"):
            with database.atomic():
                database.execute_sql(sql)
    assert AuditLog.select().count() == count
    assert AuditLog.select().where(AuditLog.action == "x").count() == 0


def test_the_service_offers_no_way_to_change_the_log():
    public = {n for n in dir(auditlog) if not n.startswith("_") and callable(getattr(auditlog, n))}
    assert not {n for n in public if any(w in n for w in ("delete", "update", "purge", "clear", "edit"))}


# --------------------------------------------------------------------------- what is audited
def test_reveal_and_unmasked_export_are_audited_and_role_checked(people):
    admin, a = people
    privacy.reveal(a["w1"], "person", "abc", ["phone", "id_number"])
    privacy.record_export(a["clerk"], "person", "/tmp/people.xlsx", 12, unmasked=True)
    with pytest.raises(PermissionDenied, match="仅限"):
        privacy.reveal(admin, "person", "abc", ["id_number"])  # 系统管理员 may not unmask
    with pytest.raises(PermissionDenied):
        privacy.record_export(admin, "person", "/tmp/x.xlsx", 1, unmasked=True)
    rows = auditlog.query_audit(admin, AuditFilter(actions=("view_sensitive", "export"))).rows
    assert [(r.user, r.action, r.changes) for r in rows] == [
        ("clerk", "export", {"file": "/tmp/people.xlsx", "rows": 12, "unmasked": True}),
        ("w1", "view_sensitive", {"fields": ["id_number", "phone"]}),
    ]


def test_settings_changes_are_validated_scoped_and_audited(people):
    admin, a = people
    app_settings.set_settings(admin, {"idle_lock_minutes": "30", "exchange.secret": "s3cret-s3cret-s3cret"})
    assert app_settings.get_int("idle_lock_minutes") == 30
    row = auditlog.query_audit(admin, AuditFilter(entity="setting")).rows[0]
    assert row.changes == {"idle_lock_minutes": ["15", "30"], "exchange.secret": [None, "***"]}
    shown = {s.key: s.value for s in app_settings.list_settings(admin)}
    assert shown["exchange.secret"] == app_settings.SECRET_SHOWN and shown["idle_lock_minutes"] == "30"
    with pytest.raises(ValidationErrors) as exc:
        app_settings.set_settings(admin, {"idle_lock_minutes": "0", "report_cutoff_day": "31x"})
    assert {e.field for e in exc.value.errors} == {"idle_lock_minutes", "report_cutoff_day"}
    with pytest.raises(ValidationError, match="未知的设置项"):
        app_settings.set_setting(admin, "no.such", "1")
    with pytest.raises(ValidationError, match="村\\(社区\\)|所属村"):
        app_settings.set_setting(admin, "station.village", "420281103")
    # a township clerk may set the report cutoff and time limits, not the login policy
    assert app_settings.set_setting(a["clerk"], "report_cutoff_day", 25).value == "25"
    assert app_settings.set_setting(a["clerk"], "time_limit.矛盾纠纷", "20").label == "矛盾纠纷办理时限（天）"
    with pytest.raises(PermissionDenied, match="仅限系统管理员"):
        app_settings.set_setting(a["clerk"], "idle_lock_minutes", "5")
    assert {s.key for s in app_settings.list_settings(a["clerk"])} >= {"report_cutoff_day", "time_limit.矛盾纠纷"}
    with pytest.raises(PermissionDenied):
        app_settings.list_settings(a["w1"])
    assert app_settings.set_setting(admin, "report_cutoff_day", "").value is None  # back to 自然月


def test_user_changes_and_logins_are_audited(people):
    admin, a = people
    kinds = {(r.user, r.action, r.entity) for r in auditlog.query_audit(admin, limit=1000).rows}
    assert {("system", "create", "user"), ("admin", "login", "user"), ("admin", "create", "user")} <= kinds


# --------------------------------------------------------------------------- viewer
def test_who_may_read_the_log(people):
    admin, a = people
    with pytest.raises(PermissionDenied):
        auditlog.query_audit(a["w1"])
    with pytest.raises(PermissionDenied):
        auditlog.query_audit(a["va"])
    privacy.reveal(a["w1"], "person", "near", ["phone"])
    privacy.reveal(a["far"], "person", "far", ["phone"])
    with pytest.raises(PermissionDenied):
        accounts.authenticate("ghost", "whatever1")
    clerk_rows = auditlog.query_audit(a["clerk"], limit=1000).rows
    assert {r.user for r in clerk_rows} <= {"w1", "clerk", "va"}
    assert "near" in {r.uid for r in clerk_rows} and "far" not in {r.uid for r in clerk_rows}
    admin_rows = auditlog.query_audit(admin, limit=1000).rows
    assert {"far", "near"} <= {r.uid for r in admin_rows} and None in {r.user for r in admin_rows}
    assert {login for login, _ in auditlog.audit_users(a["clerk"])} == {"w1", "clerk", "va"}


def test_filters_and_paging(people):
    admin, a = people
    for i in range(25):
        privacy.reveal(a["w1"], "person", f"p{i:02d}", ["phone"])
    page = auditlog.query_audit(admin, AuditFilter(user="w1", actions=("view_sensitive",)), offset=10, limit=10)
    assert page.total == 25 and [r.uid for r in page.rows] == [f"p{i:02d}" for i in range(14, 4, -1)]
    assert auditlog.count_audit(admin, AuditFilter(entity="person", uid="p03")) == 1
    today = dt.date.today()
    assert auditlog.count_audit(admin, AuditFilter(user="w1", since=today, until=today)) == 25
    assert auditlog.count_audit(admin, AuditFilter(user="w1", until=today - dt.timedelta(days=1))) == 0
    with pytest.raises(ValidationError, match="开始时间不能晚于结束时间"):
        auditlog.query_audit(admin, AuditFilter(since=today, until=today - dt.timedelta(days=1)))
    assert page.rows[0].action_name == "查看完整信息" and page.rows[0].user_name == "w1姓名"


# --------------------------------------------------------------------------- export
def test_export_writes_the_filtered_rows_safely(people, out):
    admin, a = people
    privacy.reveal(a["w1"], "person", "=cmd|' /C calc'!A0", ["phone"])
    progress = []
    target = out / "audit.xlsx"
    n = auditlog.export_audit(admin, target, AuditFilter(user="w1"), on_progress=lambda d, t: progress.append((d, t)))
    assert n == 1 and progress[-1] == (1, 1)
    ws = load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == auditlog.HEADERS
    assert rows[1][1:6] == ("w1", "w1姓名", "查看完整信息", "人员", "'=cmd|' /C calc'!A0")
    for row in rows:
        for value in row:
            assert not (isinstance(value, str) and value[:1] in "=+-@"), value
    assert auditlog.query_audit(admin, AuditFilter(entity="audit_log")).rows[0].changes["rows"] == 1
    assert list(out.iterdir()) == [target]


def test_export_refused_outside_role(people, out):
    admin, a = people
    with pytest.raises(PermissionDenied):
        auditlog.export_audit(a["va"], out / "a.xlsx")
    assert list(out.iterdir()) == []


def test_cancelled_export_leaves_nothing(people, out):
    admin, a = people
    target = out / "audit.xlsx"
    with pytest.raises(Cancelled):
        auditlog.export_audit(admin, target, is_cancelled=lambda: True)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("error, fragment", [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "不可写"),
                                             (errno.EACCES, "不可写")])
def test_disk_full_or_read_only_folder_says_so(people, out, monkeypatch, error, fragment):
    admin, _ = people
    target = out / "audit.xlsx"

    def failing_replace(src, dst):
        raise (PermissionError if error == errno.EACCES else OSError)(error, os.strerror(error))

    monkeypatch.setattr(auditlog.os, "replace", failing_replace)
    with pytest.raises(GridappError, match=fragment):
        auditlog.export_audit(admin, target)
    assert list(out.iterdir()) == []


def test_users_can_read_their_own_account_but_not_the_log(people):
    _, a = people
    assert accounts.current_user(a["w1"]).login == "w1"
    assert User.select().count() == 5
    with pytest.raises(PermissionDenied):
        auditlog.audit_users(a["w1"])


def test_changes_are_json(people):
    admin, _ = people
    for r in AuditLog.select().where(AuditLog.changes.is_null(False)):
        assert isinstance(json.loads(r.changes), dict)


def test_the_system_and_the_demo_build_read_in_chinese(people):
    """Rows of headless commands name the 系统 actor, and the demo build's details have labels."""
    from gridapp.services import audit
    from gridapp.services.actor import system_actor

    admin, _ = people
    audit.record(system_actor(), "import", "database", None,
                 {"source": "演示数据", "county": "420281", "households": 2000, "seed": 1})
    row = auditlog.query_audit(admin, AuditFilter(user="system")).rows[0]
    assert row.user_name == "系统"
    assert row.summary == "来源：演示数据；县(市、区)：420281；户数：2000；随机种子：1"

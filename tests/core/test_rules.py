"""Visit rules: the shipped defaults, editing by an administrator, validation and audit."""
from __future__ import annotations

import json

import pytest

from gridapp.errors import NotFoundError, PermissionDenied, StaleRecordError, ValidationError
from gridapp.models import AuditLog, VisitRule
from gridapp.services import rules


def rule(target: str, attention: str = "") -> rules.RuleRow:
    return next(r for r in rules.list_rules(None) if (r.target, r.attention) == (target, attention))


def test_the_defaults_of_domain_section_5(db):
    table = {(r.target, r.attention): r.interval_days for r in rules.list_rules(None)}
    assert [table[("jsza", a)] for a in ("01", "02", "03")] == [14, 60, 90]
    assert [table[("sqjz", a)] for a in ("01", "02", "03")] == [30, 30, 30]
    assert [table[("xmsf", a)] for a in ("01", "02", "03")] == [30, 30, 30]
    assert [table[("djlr", a)] for a in ("01", "02", "03")] == [7, 30, 90]
    assert [table[("kclr", a)] for a in ("01", "02", "03")] == [7, 30, 90]
    assert table[("lset", "01")] == table[("kjet", "03")] == 30
    assert table[("household", "")] == 180
    assert table[("place:出租房屋", "")] == table[("place:小微企业/作坊", "")] == 30
    assert table[("place:沿街店铺", "")] == table[("place:学校周边", "")] == 90
    assert rules.risk_force() == rules.RiskForce(days=14, min_grade=3)


def test_rules_are_listed_people_first_then_households_then_places_with_names(db):
    rows = rules.list_rules(None)
    kinds = ["place" if r.target.startswith("place:") else "household" if r.target == "household" else "person"
             for r in rows]
    assert kinds == sorted(kinds, key=["person", "household", "place"].index)
    first = rows[0]
    assert (first.target, first.target_name, first.attention_name) == ("xmsf", "刑满释放人员", "高")
    assert rule("household").target_name == "全部住户" and rule("place:养老机构").target_name == "场所：养老机构"


def test_an_administrator_or_the_township_changes_an_interval_and_it_is_audited(visit_world):
    w = visit_world
    row = rule("jsza", "02")
    changed = rules.update_rule(w.actors.township, row.id, 45, expected_version=row.version)
    assert changed.interval_days == 45 and changed.version == row.version + 1
    assert rules.interval("jsza", "02") == 45
    audit = AuditLog.get((AuditLog.entity == "visit_rule") & (AuditLog.action == "update"))
    assert audit.user == "township" and json.loads(audit.changes) == {"interval_days": [60, 45]}
    with pytest.raises(StaleRecordError):
        rules.update_rule(w.actors.admin, row.id, 50, expected_version=row.version)
    for actor in (w.actors.worker1, w.actors.village):
        with pytest.raises(PermissionDenied, match="修改走访周期"):
            rules.update_rule(actor, row.id, 30)


def test_an_unchanged_interval_writes_nothing(visit_world):
    w = visit_world
    row = rule("household")
    assert rules.update_rule(w.actors.admin, row.id, 180).version == row.version
    assert not AuditLog.select().where(AuditLog.entity == "visit_rule").exists()


@pytest.mark.parametrize("days,message", [(0, "1到3650天"), (3651, "1到3650天"), ("半年", "整数"), (None, "整数")])
def test_intervals_must_be_whole_days_in_range(visit_world, days, message):
    with pytest.raises(ValidationError, match=message) as err:
        rules.update_rule(visit_world.actors.admin, rule("household").id, days)
    assert err.value.field == "interval_days"


def test_a_numeric_text_interval_is_accepted(visit_world):
    assert rules.update_rule(visit_world.actors.admin, rule("household").id, " 90 ").interval_days == 90


def test_new_rules_for_unscheduled_groups_and_their_validation(visit_world):
    admin = visit_world.actors.admin
    created = rules.set_rule(admin, "xdry", "01", 15)
    assert (created.target_name, created.attention_name, created.interval_days) == ("吸毒人员", "高", 15)
    assert rules.set_rule(admin, "xdry", "01", 20).id == created.id
    with pytest.raises(ValidationError) as unknown:
        rules.set_rule(admin, "vip", "01", 7)
    assert unknown.value.field == "target"
    with pytest.raises(ValidationError) as attention:
        rules.set_rule(admin, "household", "01", 90)
    assert attention.value.field == "attention"
    with pytest.raises(ValidationError) as level:
        rules.set_rule(admin, "xdry", "04", 7)
    assert level.value.field == "attention"
    with pytest.raises(ValidationError, match="未知的场所类别"):
        rules.set_rule(admin, "place:网吧", "", 30)


def test_removed_rules_disappear_and_can_be_brought_back(visit_world):
    admin = visit_world.actors.admin
    row = rule("kjet", "03")
    rules.remove_rule(admin, row.id)
    assert ("kjet", "03") not in {(r.target, r.attention) for r in rules.list_rules(None)}
    assert rules.interval("kjet", "03") is None
    with pytest.raises(NotFoundError):
        rules.update_rule(admin, row.id, 10)
    back = rules.set_rule(admin, "kjet", "03", 60)
    assert back.id == row.id and back.interval_days == 60
    assert VisitRule.get_by_id(row.id).deleted_at is None
    actions = [a.action for a in AuditLog.select().where(AuditLog.entity == "visit_rule").order_by(AuditLog.id)]
    assert actions == ["delete", "update"]


def test_risk_force_settings_are_validated_and_audited(visit_world):
    w = visit_world
    assert rules.set_risk_force(w.actors.admin, 10, 4) == rules.RiskForce(days=10, min_grade=4)
    assert rules.risk_force() == rules.RiskForce(days=10, min_grade=4)
    with pytest.raises(ValidationError) as grade:
        rules.set_risk_force(w.actors.admin, 10, 6)
    assert grade.value.field == "risk_force_min_grade"
    with pytest.raises(PermissionDenied):
        rules.set_risk_force(w.actors.worker1, 7, 3)
    audit = AuditLog.get((AuditLog.entity == "setting") & (AuditLog.uid == "risk_force"))
    assert json.loads(audit.changes) == {"days": [14, 10], "min_grade": [3, 4]}

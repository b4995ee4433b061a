"""Visit rules (走访周期): how often each kind of target must be visited.

A rule maps a *target* and an attention level (关注程度 01 高 / 02 中 / 03 低) to an interval in days:

- a person category code (``jsza`` 严重精神障碍患者, ``djlr`` 独居老人 …) with an attention level;
- ``household`` (every household, attention ``""``);
- ``place:<category>`` (``place:出租房屋`` …, attention ``""``) for inspections.

A category without a rule is not scheduled (its people are covered by the household visit).
Two settings complete the rules: a visit whose 危险性 grade is at least ``risk_force_min_grade``
(default 3) forces ``risk_force_days`` (default 14) until a later visit records a lower grade.

Due dates are never stored: ``gridapp.services.worklist`` joins these rows at query time, so an edit
applies at once. Everyone may read the rules; the township centre and the system administrator
may change them (every change is audited).

API::

    list_rules(actor) -> list[RuleRow]
    update_rule(actor, rule_id, interval_days, *, expected_version=None) -> RuleRow
    set_rule(actor, target, attention, interval_days) -> RuleRow      # create, revive or change
    remove_rule(actor, rule_id) -> None                               # the target is no longer scheduled
    risk_force() -> RiskForce
    set_risk_force(actor, days, min_grade) -> RiskForce
    interval(target, attention="") -> int | None
    effective_interval(actor, kind, target_id) -> EffectiveInterval   # what applies to one target now
    target_label(target) -> str
"""
from __future__ import annotations

from dataclasses import dataclass

from gridapp import dialect, refdata
from gridapp.errors import NotFoundError, StaleRecordError, ValidationError
from gridapp.models import Setting, VisitRule, database, now
from gridapp.services import audit
from gridapp.services.actor import SYSADMIN, TOWNSHIP, Actor, require_role
from gridapp.text import clean

HOUSEHOLD = "household"
PLACE_PREFIX = "place:"
ATTENTIONS = ("01", "02", "03")
MAX_INTERVAL = 3650
RISK_DAYS_KEY = "risk_force_days"
RISK_GRADE_KEY = "risk_force_min_grade"


@dataclass(frozen=True)
class RuleRow:
    id: int
    target: str  # person category code, "household" or "place:<category>"
    target_name: str  # 严重精神障碍患者 / 全部住户 / 场所：出租房屋
    attention: str  # 01/02/03, or "" for households and places
    attention_name: str  # 高/中/低, or ""
    interval_days: int
    version: int


@dataclass(frozen=True)
class RiskForce:
    days: int  # the forced interval
    min_grade: int  # from this 危险性 grade up


@dataclass(frozen=True)
class EffectiveInterval:
    days: int | None  # None: the target is not scheduled (no live tag with a rule)
    reason: str  # 严重精神障碍患者（高）14天 / 危险性评估3级，强制14天 / 全部住户180天


def list_rules(actor: Actor) -> list[RuleRow]:
    """Every live rule: person categories in code-table order, then households, then places."""
    del actor  # the rules are public within the installation
    rows = [_row(r) for r in VisitRule.select().where(VisitRule.deleted_at.is_null())]
    return sorted(rows, key=_sort_key)


def update_rule(actor: Actor, rule_id: int, interval_days: int, *,
                expected_version: int | None = None) -> RuleRow:
    """Change the interval of one rule; it applies to every due date at once."""
    require_role(actor, TOWNSHIP, SYSADMIN, what="修改走访周期")
    days = _check_days(interval_days)
    with database.atomic():
        rule = dialect.for_update(VisitRule.select().where(
            (VisitRule.id == rule_id) & VisitRule.deleted_at.is_null())).first()
        if rule is None:
            raise NotFoundError("走访周期规则不存在或已删除")
        if expected_version is not None and rule.version != expected_version:
            raise StaleRecordError()
        _save(actor, rule, days)
    return _row(rule)


def set_rule(actor: Actor, target: str, attention: str, interval_days: int) -> RuleRow:
    """Create the rule for ``target`` + ``attention`` (or change or revive it)."""
    require_role(actor, TOWNSHIP, SYSADMIN, what="修改走访周期")
    target, attention = _check_target(target, attention)
    days = _check_days(interval_days)
    with database.atomic():
        rule = VisitRule.get_or_none((VisitRule.target == target) & (VisitRule.attention == attention))
        if rule is None:
            rule = VisitRule.create(target=target, attention=attention, interval_days=days,
                                    created_by=actor.login, updated_by=actor.login)
            audit.record(actor, "create", "visit_rule", rule.uid,
                         {"target": target, "attention": attention, "interval_days": days})
        else:
            revived = rule.deleted_at is not None
            rule.deleted_at = None
            _save(actor, rule, days, extra={"deleted_at": ["deleted", None]} if revived else None)
    return _row(rule)


def remove_rule(actor: Actor, rule_id: int) -> None:
    """Stop scheduling the rule's target (soft delete; ``set_rule`` brings it back)."""
    require_role(actor, TOWNSHIP, SYSADMIN, what="删除走访周期")
    with database.atomic():
        rule = VisitRule.get_or_none((VisitRule.id == rule_id) & VisitRule.deleted_at.is_null())
        if rule is None:
            raise NotFoundError("走访周期规则不存在或已删除")
        rule.deleted_at = now()
        rule.version += 1
        rule.updated_at, rule.updated_by = now(), actor.login
        rule.save()
        audit.record(actor, "delete", "visit_rule", rule.uid,
                     {"target": rule.target, "attention": rule.attention})


def risk_force() -> RiskForce:
    return RiskForce(days=int(refdata.setting(RISK_DAYS_KEY, "14")),
                     min_grade=int(refdata.setting(RISK_GRADE_KEY, "3")))


def set_risk_force(actor: Actor, days: int, min_grade: int) -> RiskForce:
    require_role(actor, TOWNSHIP, SYSADMIN, what="修改危险性强制周期")
    days = _check_days(days, field="risk_force_days")
    if not isinstance(min_grade, int) or isinstance(min_grade, bool) or not 1 <= min_grade <= 5:
        raise ValidationError("强制周期的起始危险性等级应为1–5级", field="risk_force_min_grade")
    before = risk_force()
    with database.atomic():
        for key, value in ((RISK_DAYS_KEY, days), (RISK_GRADE_KEY, min_grade)):
            Setting.insert(key=key, value=str(value)).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: str(value)}).execute()
        audit.record(actor, "update", "setting", "risk_force",
                     {"days": [before.days, days], "min_grade": [before.min_grade, min_grade]})
    return RiskForce(days=days, min_grade=min_grade)


def interval(target: str, attention: str = "") -> int | None:
    """The live rule's interval for a target and attention level, or None."""
    rule = VisitRule.get_or_none((VisitRule.target == target) & (VisitRule.attention == attention)
                                 & VisitRule.deleted_at.is_null())
    return rule.interval_days if rule else None


def effective_interval(actor: Actor, kind: str, target_id: int) -> EffectiveInterval:
    """The interval that applies to one household, person or place today, and why.

    It comes from the same SQL as the worklist (``worklist.due_for``), so the two never disagree.
    """
    from gridapp.services import worklist

    due = worklist.due_for(actor, kind, target_id)
    if due is None:
        return EffectiveInterval(days=None, reason="未纳入走访计划")
    return EffectiveInterval(days=due.interval_days, reason=due.reason)


def target_label(target: str) -> str:
    if target == HOUSEHOLD:
        return "全部住户"
    if target.startswith(PLACE_PREFIX):
        return f"场所：{target[len(PLACE_PREFIX):]}"
    return refdata.codes().name("person_category", target, target)


# --------------------------------------------------------------------------- helpers
def _save(actor: Actor, rule: VisitRule, days: int, extra: dict | None = None) -> None:
    changes = dict(extra or {})
    if rule.interval_days != days:
        changes["interval_days"] = [rule.interval_days, days]
    if not changes:
        return
    rule.interval_days = days
    rule.version += 1
    rule.updated_at, rule.updated_by = now(), actor.login
    rule.save()
    audit.record(actor, "update", "visit_rule", rule.uid, changes)


def _check_days(value, field: str = "interval_days") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = int(str(value).strip())
        except ValueError:
            raise ValidationError("走访周期应为整数天数", field=field) from None
    if not 1 <= value <= MAX_INTERVAL:
        raise ValidationError(f"走访周期应在1到{MAX_INTERVAL}天之间，实际为{value}天", field=field)
    return value


def _check_target(target: str, attention: str) -> tuple[str, str]:
    target = clean(target)
    attention = clean(attention)
    codes = refdata.codes()
    if target == HOUSEHOLD or target.startswith(PLACE_PREFIX):
        if target.startswith(PLACE_PREFIX):
            category = target[len(PLACE_PREFIX):]
            if category not in dict(codes.items("place_category")):
                raise ValidationError(f"未知的场所类别：{category}", field="target")
        if attention:
            raise ValidationError("住户和场所的走访周期不分关注程度", field="attention")
        return target, ""
    if target not in dict(codes.items("person_category")):
        raise ValidationError(f"未知的人员类别：{target}", field="target")
    if attention not in ATTENTIONS:
        raise ValidationError("关注程度应为 高(01)、中(02) 或 低(03)", field="attention")
    return target, attention


def _row(rule: VisitRule) -> RuleRow:
    return RuleRow(id=rule.id, target=rule.target, target_name=target_label(rule.target),
                   attention=rule.attention,
                   attention_name=refdata.codes().name("attention", rule.attention) if rule.attention else "",
                   interval_days=rule.interval_days, version=rule.version)


def _sort_key(row: RuleRow):
    codes = refdata.codes()
    if row.target == HOUSEHOLD:
        group, order = 1, 0
    elif row.target.startswith(PLACE_PREFIX):
        places = [c for c, _ in codes.items("place_category")]
        category = row.target[len(PLACE_PREFIX):]
        group, order = 2, places.index(category) if category in places else len(places)
    else:
        people = [c for c, _ in codes.items("person_category")]
        group, order = 0, people.index(row.target) if row.target in people else len(people)
    return group, order, row.attention

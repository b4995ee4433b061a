"""Peewee models: the data model of DESIGN.md §4.

The database is bound at run time through ``database`` (a ``DatabaseProxy``), so tests bind a
fresh temporary file per test and the CLI binds the file or URL it was given.

Keys. Every record that travels between stations has a ``uid`` (UUID hex) that is its identity
everywhere: exchange packages, audit rows and references across databases use it. The table's
primary key is an integer ``id``: SQLite's FTS5 index needs an integer rowid, and a county database
of 1M people keeps its foreign keys and indexes about a third smaller with integers than with
36-character text (measured in bench/bench_build.py's database size). Exchange translates integer
foreign keys to uids on the way out and back on the way in.

Denormalised scope columns. Households, people, places, visits and events carry the codes of
their village, township and county (``village_code``…) so that scoping and the per-unit report
queries are single-index range scans. The household and person services keep them in step on
every create and move.
"""
from __future__ import annotations

import datetime as dt
import uuid

import peewee as pw

database = pw.DatabaseProxy()

CST = dt.timezone(dt.timedelta(hours=8))


def now() -> dt.datetime:
    """China Standard Time, naive, to the second."""
    return dt.datetime.now(CST).replace(tzinfo=None, microsecond=0)


def new_uid() -> str:
    return uuid.uuid4().hex


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class TrackedModel(BaseModel):
    """A record that travels between stations: identity, version, who/when, soft delete."""

    id = pw.AutoField()
    uid = pw.CharField(max_length=32, unique=True, default=new_uid)
    version = pw.IntegerField(default=1)
    created_at = pw.DateTimeField(default=now)
    created_by = pw.CharField(max_length=64, null=True)
    # not indexed: nothing looks records up by when they changed (exchange compares hashes), and
    # on visits and people the index would cost seconds of every large import and demo build
    updated_at = pw.DateTimeField(default=now)
    updated_by = pw.CharField(max_length=64, null=True)
    deleted_at = pw.DateTimeField(null=True)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# --------------------------------------------------------------------------- reference data
class Division(BaseModel):
    """An administrative division: county (6-digit code), township (9), village (12)."""

    code = pw.CharField(max_length=12, primary_key=True)
    name = pw.CharField(max_length=64)
    level = pw.CharField(max_length=8)  # county | township | village
    parent = pw.CharField(max_length=12, null=True, index=True)
    county_code = pw.CharField(max_length=6, index=True)
    kind = pw.CharField(max_length=8, default="")  # 街道/镇/乡/社区/村/…
    example = pw.BooleanField(default=False)  # 示例 code: not an official statistical code


class CodeItem(BaseModel):
    """A row of a code table (与户主关系, 民族, 政治面貌, 人员类别, 事件类别 …)."""

    table = pw.CharField(max_length=32)
    code = pw.CharField(max_length=16)
    name = pw.CharField(max_length=64)
    parent = pw.CharField(max_length=16, null=True)
    extra = pw.TextField(null=True)  # JSON: sensitive flag, report mapping, time limit …
    sort = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("table", "code"), True),)


class Setting(BaseModel):
    key = pw.CharField(max_length=64, primary_key=True)
    value = pw.TextField(null=True)


class SchemaVersion(BaseModel):
    version = pw.IntegerField()
    applied_at = pw.DateTimeField(default=now)


# --------------------------------------------------------------------------- people and places
class User(TrackedModel):
    login = pw.CharField(max_length=64, unique=True)
    display_name = pw.CharField(max_length=64)
    password_hash = pw.TextField(null=True)
    role = pw.CharField(max_length=16)  # grid_worker | village_admin | township | sysadmin
    scope_code = pw.CharField(max_length=12, null=True)  # division code (village/township/county)
    phone = pw.CharField(max_length=20, null=True)
    active = pw.BooleanField(default=True)
    failed_logins = pw.IntegerField(default=0)
    locked_until = pw.DateTimeField(null=True)
    last_login_at = pw.DateTimeField(null=True)
    must_change_password = pw.BooleanField(default=False)  # after a reset by an administrator


class Grid(TrackedModel):
    """网格: a part of a village looked after by one grid worker."""

    code = pw.CharField(max_length=16, unique=True)
    name = pw.CharField(max_length=64)
    village_code = pw.CharField(max_length=12, index=True)
    township_code = pw.CharField(max_length=9, index=True)
    county_code = pw.CharField(max_length=6, index=True)
    worker = pw.ForeignKeyField(User, null=True, backref="grids", on_delete="SET NULL")


class GridAssignment(TrackedModel):
    """Who looked after a grid, from when to when (handover history)."""

    grid = pw.ForeignKeyField(Grid, backref="assignments", on_delete="CASCADE")
    worker = pw.ForeignKeyField(User, backref="assignments", on_delete="CASCADE")
    start = pw.DateField()
    end = pw.DateField(null=True)
    note = pw.TextField(null=True)


class Household(TrackedModel):
    """户: one registered household; exactly one live member is the head (户主)."""

    grid = pw.ForeignKeyField(Grid, backref="households", on_delete="RESTRICT")
    village_code = pw.CharField(max_length=12)
    township_code = pw.CharField(max_length=9)
    county_code = pw.CharField(max_length=6)
    number = pw.CharField(max_length=32)  # 户号
    address = pw.CharField(max_length=200, default="")
    addr_tokens = pw.TextField(default="")  # the address split for the FTS index
    reg_type = pw.CharField(max_length=16, default="户籍户")  # 户籍户/流动户/空挂户/人户分离户
    housing = pw.CharField(max_length=16, default="自有")  # 自有/租住/借住/其他
    phone = pw.CharField(max_length=20, null=True)
    phone_rev = pw.CharField(max_length=20, null=True)
    notes = pw.TextField(null=True)

    class Meta:
        # The live households of a unit by 户号 (the default list, and its count from the index
        # alone) are partial indexes added below the class; (village_code, number) of live
        # households is the unique index of migrations step 1.
        indexes = ((("phone_rev",), False),)


class Person(TrackedModel):
    """人: a resident; a floating person may not be placed in a household yet."""

    # household: indexed with deleted_at and residence in Meta (a household's live members from the index alone)
    household = pw.ForeignKeyField(Household, null=True, backref="members", on_delete="RESTRICT", index=False)
    grid = pw.ForeignKeyField(Grid, null=True, backref="people", on_delete="RESTRICT")
    village_code = pw.CharField(max_length=12, null=True)
    township_code = pw.CharField(max_length=9, null=True)
    county_code = pw.CharField(max_length=6, null=True)
    name = pw.CharField(max_length=64)
    name_tokens = pw.TextField(default="")  # the name split for the FTS index
    # a name of up to 50 characters (people.NAME_MAX) has up to 6 pinyin letters per character
    pinyin = pw.CharField(max_length=320, default="")  # zhangsan
    initials = pw.CharField(max_length=64, default="")  # zs
    id_number = pw.CharField(max_length=18, null=True)
    id_rev = pw.CharField(max_length=18, null=True)  # reversed, for tail search
    sex = pw.CharField(max_length=2, null=True)  # 男/女
    birth_date = pw.DateField(null=True)
    ethnic = pw.CharField(max_length=16, null=True)  # name (code table stores the code)
    relation = pw.CharField(max_length=4, null=True)  # GB/T 4761 code
    is_head = pw.BooleanField(default=False)
    phone = pw.CharField(max_length=20, null=True)
    phone_rev = pw.CharField(max_length=20, null=True)
    residence = pw.CharField(max_length=8, default="户籍在册")  # 户籍在册/常住/流动/外出/死亡/迁出
    political = pw.CharField(max_length=4, null=True)  # GB/T 4762 code
    education = pw.CharField(max_length=16, null=True)
    occupation = pw.CharField(max_length=64, null=True)
    reg_address = pw.CharField(max_length=200, null=True)  # 户籍地址 (the hukou address, from ledgers)
    notes = pw.TextField(null=True)

    class Meta:
        # id_number: looked up among live people only, by the unique partial index of migrations
        # step 1 (person_live_id_number); the search finds an ID through id_rev.
        indexes = (
            (("household", "deleted_at", "residence"), False),  # a household's live members on the register
            # search keys, covering the household search (key → live? → township → household)
            # without reading the person rows
            (("id_rev", "deleted_at", "township_code", "household"), False),
            (("phone_rev", "deleted_at", "township_code", "household"), False),
            (("pinyin", "deleted_at", "township_code", "household"), False),
            (("initials", "deleted_at", "township_code", "household"), False),
            (("name",), False),
            (("village_code", "name", "birth_date"), False),
        )


# Partial indexes: live rows of a unit in list order (counts come from the index alone), and the
# few deleted rows for the 回收站.
for _field in (Household.township_code, Household.county_code, Household.grid):
    Household.add_index(Household.index(_field, Household.number).where(Household.deleted_at.is_null()))
for _field in (Person.township_code, Person.county_code):
    Person.add_index(Person.index(_field, Person.pinyin).where(Person.deleted_at.is_null()))
# the head of each live household: its name in list rows, and the list sorted by 户主 (is_head and
# deleted_at are columns too, or SQLite 3.40 would still read the person row)
Person.add_index(Person.index(Person.household, Person.is_head, Person.deleted_at, Person.pinyin, Person.name,
                              name="person_live_head").where(Person.is_head & Person.deleted_at.is_null()))
for _model in (Household, Person):
    _model.add_index(_model.index(_model.deleted_at, name=f"{_model._meta.table_name}_binned")
                     .where(_model.deleted_at.is_null(False)))
del _field, _model


class PersonTag(TrackedModel):
    """Membership of a special group (特殊人群/重点人群)."""

    person = pw.ForeignKeyField(Person, backref="tags", on_delete="CASCADE", index=False)  # indexed in Meta
    category = pw.CharField(max_length=16)  # code from the person_category table
    attention = pw.CharField(max_length=2, default="02")  # 01 高 / 02 中 / 03 低
    since = pw.DateField()
    until = pw.DateField(null=True)
    details = pw.TextField(null=True)  # JSON, per category
    sensitive = pw.BooleanField(default=False)

    class Meta:
        # a person's tags with what the worklist and the lists check of them, from the index alone
        indexes = ((("person", "category", "attention", "since", "until", "deleted_at"), False),
                   (("category", "attention"), False))


class Place(TrackedModel):
    """场所: a target of inspections (巡查)."""

    grid = pw.ForeignKeyField(Grid, backref="places", on_delete="RESTRICT")
    village_code = pw.CharField(max_length=12, index=True)
    township_code = pw.CharField(max_length=9, index=True)
    county_code = pw.CharField(max_length=6)
    category = pw.CharField(max_length=16, index=True)
    name = pw.CharField(max_length=100)
    address = pw.CharField(max_length=200, default="")
    contact = pw.ForeignKeyField(Person, null=True, backref="places", on_delete="SET NULL")
    contact_name = pw.CharField(max_length=64, null=True)
    contact_phone = pw.CharField(max_length=20, null=True)
    notes = pw.TextField(null=True)


class VisitRule(TrackedModel):
    """target (a person category code, ``household`` or ``place:<category>``) + attention → days."""

    target = pw.CharField(max_length=32)
    attention = pw.CharField(max_length=2, default="")  # "" for rules without attention levels
    interval_days = pw.IntegerField()

    class Meta:
        indexes = ((("target", "attention"), True),)


class ChecklistItem(TrackedModel):
    """One item of the inspection checklist of a place category (editable data)."""

    place_category = pw.CharField(max_length=16, index=True)
    text = pw.CharField(max_length=100)
    sort = pw.IntegerField(default=0)
    hazard_category = pw.CharField(max_length=16, default="其他")  # 安全隐患 category if 不合格
    active = pw.BooleanField(default=True)


class Visit(TrackedModel):
    """走访/巡查/随访 record: its target is a household, a person or a place."""

    # No single-column indexes on household/person/place/visitor: the (x, visited_at) indexes in
    # Meta serve those lookups and the foreign-key checks, and a county has millions of visits.
    household = pw.ForeignKeyField(Household, null=True, backref="visits", on_delete="RESTRICT", index=False)
    person = pw.ForeignKeyField(Person, null=True, backref="visits", on_delete="RESTRICT", index=False)
    place = pw.ForeignKeyField(Place, null=True, backref="visits", on_delete="RESTRICT", index=False)
    grid = pw.ForeignKeyField(Grid, null=True, on_delete="RESTRICT")
    village_code = pw.CharField(max_length=12)
    township_code = pw.CharField(max_length=9)
    county_code = pw.CharField(max_length=6)
    kind = pw.CharField(max_length=4, default="走访")  # 走访/巡查/随访
    visitor = pw.ForeignKeyField(User, null=True, backref="visits", on_delete="SET NULL", index=False)
    visitor_name = pw.CharField(max_length=64, default="")
    visited_at = pw.DateTimeField()
    method = pw.CharField(max_length=4, default="入户")  # 入户/电话/视频/来访
    companions = pw.CharField(max_length=100, null=True)
    state = pw.CharField(max_length=4, default="正常")  # 正常/异常/外出/失访/死亡
    risk_grade = pw.IntegerField(null=True)  # 0–5, for 严重精神障碍患者
    notes = pw.TextField(null=True)
    findings = pw.TextField(null=True)
    checklist = pw.TextField(null=True)  # JSON {item: 合格/不合格/不适用} for inspections
    next_due = pw.DateField(null=True)

    class Meta:
        # A township's visits: the visit_report index below (its live visits, which is what every
        # query of a township asks for); a village's (and an exchange's village range) here.
        indexes = ((("village_code", "visited_at"), False),)


# A worker's visits; with the unit's codes, the summary counts each worker's visits in a township
# or a county from the index alone.
Visit.add_index(Visit.index(Visit.visitor, Visit.visited_at, Visit.township_code, Visit.village_code,
                            Visit.deleted_at, name="visit_visitor"))
# The visits of each target, deleted_at last: the worklist's "latest live visit of each target"
# reads only the index. Partial: a visit has one kind of target, so each index holds only the
# visits of its kind (a third of the entries; a county builds them seconds faster).
for _field in (Visit.person, Visit.household, Visit.place):
    Visit.add_index(Visit.index(_field, Visit.visited_at, Visit.deleted_at).where(_field.is_null(False)))
del _field


# Covering indexes of the summary report (gridapp/reports/summary.py): the live rows of a unit
# with every column its GROUP BY queries read (deleted_at too: SQLite only answers from the index
# alone when the index holds every column the query names), so they never touch the table rows.
Household.add_index(Household.index(Household.county_code, Household.township_code, Household.village_code,
                                    Household.grid, Household.created_at, Household.deleted_at,
                                    name="household_report").where(Household.deleted_at.is_null()))
Person.add_index(Person.index(Person.county_code, Person.township_code, Person.village_code, Person.grid,
                              Person.residence, Person.household, Person.deleted_at, name="person_report")
                 .where(Person.deleted_at.is_null()))
Visit.add_index(Visit.index(Visit.township_code, Visit.visited_at, Visit.village_code, Visit.grid, Visit.place,
                            Visit.visitor, Visit.household, Visit.person, Visit.deleted_at, name="visit_report")
                .where(Visit.deleted_at.is_null()))


class Event(TrackedModel):
    """事件: a 矛盾纠纷, 安全隐患, 治安 issue or 民生诉求, followed to resolution."""

    number = pw.CharField(max_length=24, unique=True)  # <township>-<year>-<5-digit seq>
    source_number = pw.CharField(max_length=64, null=True, index=True)  # 编号 of an imported ledger row
    kind = pw.CharField(max_length=8)  # 矛盾纠纷/安全隐患/治安/民生诉求/其他
    category = pw.CharField(max_length=8, null=True)  # GB/T 31000 code or our sub-category code
    title = pw.CharField(max_length=200)
    description = pw.TextField(default="")
    occurred_at = pw.DateTimeField(null=True)
    registered_at = pw.DateTimeField(default=now)
    location = pw.CharField(max_length=200, default="")
    place = pw.ForeignKeyField(Place, null=True, backref="events", on_delete="SET NULL")
    grid = pw.ForeignKeyField(Grid, null=True, backref="events", on_delete="RESTRICT")
    village_code = pw.CharField(max_length=12, null=True)
    township_code = pw.CharField(max_length=9)
    county_code = pw.CharField(max_length=6)
    reporter = pw.ForeignKeyField(User, null=True, backref="reported_events", on_delete="SET NULL")
    reporter_name = pw.CharField(max_length=64, default="")
    handler = pw.ForeignKeyField(User, null=True, backref="handled_events", on_delete="SET NULL")
    scale = pw.CharField(max_length=8, default="一般")  # 一般/较大/重大
    people_count = pw.IntegerField(default=1)
    priority = pw.CharField(max_length=2, default="黄")  # 红/橙/黄
    deadline = pw.DateField(null=True)
    state = pw.CharField(max_length=8, default="已登记")
    level = pw.CharField(max_length=4, default="村")  # who owns it now: 村/乡镇/县
    escalated = pw.BooleanField(default=False)
    supervised = pw.BooleanField(default=False)  # 督办
    supervision_note = pw.TextField(null=True)  # the latest 督办 note, shown highlighted to the handler
    extension_until = pw.DateField(null=True)  # a pending 申请延期: the requested deadline
    extension_reason = pw.TextField(null=True)
    method = pw.CharField(max_length=8, null=True)  # 化解方式: 人民调解/行政调解/司法调解/信访/其他
    outcome = pw.CharField(max_length=8, null=True)  # 化解成功/未化解
    mediator = pw.CharField(max_length=64, null=True)
    agreement = pw.TextField(null=True)
    agreement_date = pw.DateField(null=True)
    closed_at = pw.DateTimeField(null=True)
    satisfaction = pw.CharField(max_length=8, null=True)  # 满意/基本满意/不满意
    visit = pw.ForeignKeyField(Visit, null=True, backref="events", on_delete="SET NULL")
    imported = pw.BooleanField(default=False)

    class Meta:
        indexes = (
            (("township_code", "registered_at"), False),
            (("village_code", "registered_at"), False),
            (("grid", "registered_at"), False),
            (("state", "deadline"), False),
        )


class EventParty(TrackedModel):
    """当事人: a linked resident, or free text with name, ID and phone."""

    event = pw.ForeignKeyField(Event, backref="parties", on_delete="CASCADE")
    person = pw.ForeignKeyField(Person, null=True, backref="event_parties", on_delete="SET NULL")
    name = pw.CharField(max_length=64)
    id_number = pw.CharField(max_length=18, null=True)
    phone = pw.CharField(max_length=20, null=True)
    role = pw.CharField(max_length=16, default="当事人")


class EventAction(TrackedModel):
    """One step of an event's history; the timeline is exactly these rows."""

    event = pw.ForeignKeyField(Event, backref="actions", on_delete="CASCADE")
    action = pw.CharField(max_length=16)
    from_state = pw.CharField(max_length=8, null=True)
    to_state = pw.CharField(max_length=8)
    actor = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    actor_name = pw.CharField(max_length=64, default="")
    at = pw.DateTimeField(default=now)
    note = pw.TextField(null=True)
    details = pw.TextField(null=True)  # JSON: the fields the action set (outcome, satisfaction, new deadline …)
    imported = pw.BooleanField(default=False)  # implied by an imported ledger row (导入)

    class Meta:
        indexes = ((("event", "at"), False), (("action", "at"), False))


class EventSequence(BaseModel):
    """The last number given per township and year (gap-free numbering)."""

    township_code = pw.CharField(max_length=9)
    year = pw.IntegerField()
    last = pw.IntegerField(default=0)

    class Meta:
        primary_key = pw.CompositeKey("township_code", "year")


class Attachment(TrackedModel):
    """A file attached to an event or a visit, stored content-addressed under the data folder."""

    event = pw.ForeignKeyField(Event, null=True, backref="attachments", on_delete="CASCADE")
    visit = pw.ForeignKeyField(Visit, null=True, backref="attachments", on_delete="CASCADE")
    filename = pw.CharField(max_length=255)
    sha256 = pw.CharField(max_length=64, index=True)
    size = pw.IntegerField()
    mime = pw.CharField(max_length=64, default="application/octet-stream")


class AuditLog(BaseModel):
    """Append-only: the application never changes or deletes a row (triggers refuse it)."""

    id = pw.AutoField()
    at = pw.DateTimeField(default=now, index=True)
    user = pw.CharField(max_length=64, null=True, index=True)  # login
    action = pw.CharField(max_length=24, index=True)
    entity = pw.CharField(max_length=32, null=True)
    uid = pw.CharField(max_length=32, null=True)
    changes = pw.TextField(null=True)  # JSON {field: [before, after]} or details


# --------------------------------------------------------------------------- exchange (gridapp.exchange)
class ExchangePeer(BaseModel):
    """A station or township this database exchanges packages with, and the pair's shared secret."""

    peer_id = pw.CharField(max_length=32, primary_key=True)
    name = pw.CharField(max_length=64)
    kind = pw.CharField(max_length=8)  # station | township
    scope_code = pw.CharField(max_length=12)  # the division whose records the pair exchanges
    secret = pw.TextField()
    out_seq = pw.IntegerField(default=0)  # last package number written for the peer
    out_acked = pw.IntegerField(default=0)  # highest of those the peer acknowledged
    in_seq = pw.IntegerField(default=0)  # last package number imported from the peer
    in_skipped = pw.TextField(null=True)  # JSON uids the last import left out (named in acknowledgements)
    created_at = pw.DateTimeField(default=now)


class ExchangeLog(BaseModel):
    """One package written or read, or one acknowledgement; its id orders the exchange history."""

    id = pw.AutoField()
    peer = pw.CharField(max_length=32, index=True)
    direction = pw.CharField(max_length=8)  # export | import | ack
    seq = pw.IntegerField()
    at = pw.DateTimeField(default=now)
    user = pw.CharField(max_length=64, null=True)
    file = pw.TextField(null=True)
    sha256 = pw.CharField(max_length=64, null=True)
    counts = pw.TextField(null=True)  # JSON


class ExchangeBase(BaseModel):
    """Per peer and record: the state both sides are known to share (the base of a 3-way merge)."""

    peer = pw.CharField(max_length=32)
    uid = pw.CharField(max_length=80)  # a record uid, or a reference-data key such as "code:relation:01"
    entity = pw.CharField(max_length=32)
    hash = pw.CharField(max_length=40)
    data = pw.TextField()  # the record as exchanged (JSON)
    stamp = pw.IntegerField()  # ExchangeLog id of the exchange that set it

    class Meta:
        primary_key = pw.CompositeKey("peer", "uid")
        indexes = ((("uid",), False),)


class ExchangeSent(BaseModel):
    """A record sent in a package the peer has not acknowledged yet (becomes its base on acknowledgement)."""

    id = pw.AutoField()
    peer = pw.CharField(max_length=32)
    seq = pw.IntegerField()
    uid = pw.CharField(max_length=80, index=True)
    entity = pw.CharField(max_length=32)
    hash = pw.CharField(max_length=40)
    data = pw.TextField()
    stamp = pw.IntegerField()

    class Meta:
        indexes = ((("peer", "seq"), False),)


class ExchangeConflict(BaseModel):
    """Both sides changed the same fields of a record: both versions are kept for a person (冲突处理)."""

    id = pw.AutoField()
    peer = pw.CharField(max_length=32)
    entity = pw.CharField(max_length=32)
    record_uid = pw.CharField(max_length=32, index=True)
    scope_code = pw.CharField(max_length=12, default="")  # the record's village (or township) code
    label = pw.CharField(max_length=200, default="")  # what a person recognises: a name, an event number
    local = pw.TextField()  # JSON: this side's version when the conflict was found
    remote = pw.TextField()  # JSON: the peer's version (the latest one received)
    base = pw.TextField(null=True)  # JSON: the last shared version, if any
    fields = pw.TextField()  # JSON: the fields both sides changed differently
    status = pw.CharField(max_length=8, default="open", index=True)  # open | resolved
    created_at = pw.DateTimeField(default=now)
    resolved_at = pw.DateTimeField(null=True)
    resolved_by = pw.CharField(max_length=64, null=True)
    resolution = pw.TextField(null=True)  # JSON {field: "local" | "remote"}


TRACKED_MODELS: tuple[type[TrackedModel], ...] = (
    User, Grid, GridAssignment, Household, Person, PersonTag, Place, VisitRule, ChecklistItem,
    Visit, Event, EventParty, EventAction, Attachment,
)

EXCHANGE_MODELS: tuple[type[BaseModel], ...] = (
    ExchangePeer, ExchangeLog, ExchangeBase, ExchangeSent, ExchangeConflict,
)

ALL_MODELS: tuple[type[BaseModel], ...] = (
    Division, CodeItem, Setting, SchemaVersion, *TRACKED_MODELS, EventSequence, AuditLog,
    *EXCHANGE_MODELS,
)

"""Text search shared by the household and person lists.

One search box takes anything a grid worker might type. ``classify()`` decides what it is:

=================  ==========================================================================
``id``             18 characters (17 digits and a digit or X): the whole 公民身份号码, exact.
``tail``           4–6 digits (the last may be X): the end of an ID number or of a phone.
``phone``          7–11 digits, or a landline with its dash: a phone number, whole or its end.
``pinyin``         ASCII letters: the start of the initials of a name (``zs`` → 张三) and, from
                   three letters on, of its full pinyin (``zhangs``). Two letters are read as
                   initials only, the 首字母 convention; as a pinyin prefix they would match
                   whole surnames (``ch`` → every 陈 and 程).
``name``           Chinese characters (any length, even one): a substring of a name; for
                   households also of the address.
``mixed``          anything else (``柯大兴村12号``): a substring of a name or an address.
=================  ==========================================================================

Tail and prefix searches are range predicates (``col >= x AND col < x || U+FFFF``) on the
reversed (``id_rev``, ``phone_rev``) or pinyin columns, so SQLite answers them from an index and
the same SQL runs on PostgreSQL. Substrings use the token columns (``name_tokens``,
``addr_tokens``: one token per character, ``gridapp.text.tokens``): on SQLite a phrase query on the
FTS5 tables ``person_fts``/``household_fts``, which finds a substring of any length; on PostgreSQL
the GIN index on the token arrays narrows the rows and ``LIKE`` checks the substring.
"""
from __future__ import annotations

import operator
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import reduce

import peewee as pw

from gridapp import ids, text
from gridapp.db import is_postgres
from gridapp.models import Household, Person, database

ID_RE = re.compile(r"\d{17}[\dX]")
TAIL_RE = re.compile(r"\d{3,5}[\dX]")
PHONE_RE = re.compile(r"\d{7,11}")
LANDLINE_RE = re.compile(r"0\d{2,3}-\d{3,8}")
_TOP = "\uffff"
NOTHING = pw.SQL("1 = 0")


@dataclass(frozen=True)
class Match:
    """What a search text was taken for (see the module docstring) and the value searched."""

    kind: str  # id | tail | phone | pinyin | name | mixed
    value: str


def classify(raw: str | None) -> Match | None:
    """Classify the search box text; None when there is nothing to search for."""
    cleaned = text.clean(raw)
    if not cleaned:
        return None
    compact = cleaned.replace(" ", "")
    upper = compact.upper()
    if ID_RE.fullmatch(upper):
        return Match("id", upper)
    if TAIL_RE.fullmatch(upper):
        return Match("tail", upper)
    if PHONE_RE.fullmatch(compact):
        return Match("phone", compact)
    if LANDLINE_RE.fullmatch(compact):
        return Match("phone", ids.normalize_phone(compact))
    if text.is_ascii_letters(compact):
        return Match("pinyin", compact.lower())
    if all(is_cjk(ch) for ch in compact):
        return Match("name", compact)
    return Match("mixed", cleaned)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x323AF or ch == "〇"


def prefix(column, value: str) -> pw.Expression:
    """``column`` starts with ``value``, as a range an index can answer."""
    return (column >= value) & (column < value + _TOP)


class PersonFts(pw.Model):
    """The FTS5 index of person names (SQLite); only ever read here."""

    rowid = pw.IntegerField(primary_key=True, column_name="rowid")
    name_tokens = pw.TextField()

    class Meta:
        database = database
        table_name = "person_fts"


class HouseholdFts(pw.Model):
    """The FTS5 index of household addresses (SQLite); only ever read here."""

    rowid = pw.IntegerField(primary_key=True, column_name="rowid")
    addr_tokens = pw.TextField()

    class Meta:
        database = database
        table_name = "household_fts"


def text_ids(model, value: str) -> pw.Select | None:
    """ids of ``Person`` (name) or ``Household`` (address) rows containing ``value``; None when
    there is nothing to search for."""
    tokens = text.tokens(value)
    if not tokens:
        return None
    if is_postgres():
        return model.select(model.id).where(tokens_contain(model, tokens))
    fts = PersonFts if model is Person else HouseholdFts
    return fts.select(fts.rowid).where(fts_match(fts, value))


def fts_match(fts, value: str) -> pw.Expression:
    """SQLite: the rows of the full-text table ``fts`` whose text contains ``value`` (a phrase)."""
    column = fts.name_tokens if fts is PersonFts else fts.addr_tokens
    return pw.Expression(column, "MATCH", text.fts_phrase(value))


def tokens_contain(model, tokens: str) -> pw.Expression:
    """PostgreSQL: the ``model`` rows (Person by name, Household by address) whose token column
    holds ``tokens`` as a substring; the GIN index on the token array narrows them first."""
    column = model.name_tokens if model is Person else model.addr_tokens
    return (pw.Expression(pw.fn.string_to_array(column, " "), "@>", pw.fn.string_to_array(tokens, " "))
            & pw.Expression(column, "LIKE", f"%{tokens}%"))


def person_arms(match: Match, township: str | None = None, *, on_row: bool = False,
                person=Person) -> list[pw.Expression]:
    """Conditions on Person whose union is the match, each answerable from one index alone.

    ``township`` (when the search is confined to one) is checked inside the search-key indexes
    (key, deleted_at, township_code, household_id), so a township's search never carries the
    rest of the county's matches along. With ``on_row`` the keys are tested on the row (for a
    walk in list order, see ``unindexed()``; names then by ``token_like``); ``person`` may be an
    alias of Person (the members of a household).
    """
    kind, value = match.kind, match.value
    key = unindexed if on_row else (lambda column: column)
    if kind == "id":  # id_rev is the ID reversed: its search-key index answers the whole number too
        arms = [key(person.id_rev) == ids.reverse_key(value)]
    elif kind == "tail":
        arms = [prefix(key(person.id_rev), ids.reverse_key(value))]
        if value.isdigit():
            arms.append(prefix(key(person.phone_rev), ids.reverse_key(value)))
    elif kind == "phone":
        arms = [prefix(key(person.phone_rev), ids.reverse_key(value))]
    elif kind == "pinyin":
        arms = [prefix(key(person.initials), value)]
        if len(value) >= 3:
            arms.append(prefix(key(person.pinyin), value))
    elif on_row:
        like = token_like(person.name_tokens, value) if could_be_name(value) else None
        arms = [like] if like is not None else []
    elif could_be_name(value):
        names = text_ids(Person, value)
        arms = [person.id.in_(names)] if names is not None else []
    else:  # a digit ("1栋2单元"): no name holds one (people.normalize_name refuses them)
        arms = []
    if township:
        arms = [arm & (person.township_code == township) for arm in arms]
    return arms


def could_be_name(value: str) -> bool:
    """Whether a name could contain ``value``: names hold no digits."""
    return not any(ch.isdigit() for ch in value)


def token_like(column, value: str) -> pw.Expression | None:
    """``column`` (a token column: ``name_tokens``, ``addr_tokens``) contains ``value`` as a
    substring: the phrase of the full-text index, tested on the row itself. Tokens are single
    letters, digits or characters joined by one space, so the pattern holds no wildcard."""
    tokens = text.tokens(value)
    return column.contains(tokens) if tokens else None  # LIKE on SQLite (peewee's "LIKE" is GLOB there)


def with_text(select: pw.ModelSelect, model, value: str) -> pw.ModelSelect | None:
    """``select`` (which reads ``model``) narrowed to the people whose name (``model`` Person) or
    the households whose address (Household) contains ``value``; None when there is nothing to
    search for. On SQLite a join with the full-text index, which the database can stream from
    (``LIMIT`` stops it early) where ``IN (…)`` would collect every match first."""
    tokens = text.tokens(value)
    if not tokens:
        return None
    if is_postgres():
        return select.where(tokens_contain(model, tokens))
    fts = PersonFts if model is Person else HouseholdFts
    return select.join_from(model, fts, on=(fts.rowid == model.id)).where(fts_match(fts, value))


COUNT_UP_TO = 10_000  # a list counts this far at once, and shows "超过 10,000" beyond it meanwhile


def count_up_to(select: pw.Select, up_to: int | None) -> int:
    """The rows of ``select``, counted to ``up_to`` + 1 at most (all of them without ``up_to``)."""
    return select.count() if up_to is None else select.limit(up_to + 1).count()


def count_arms(arms: list[pw.Select], up_to: int | None = None) -> int:
    """The number of distinct ids the ``arms`` select (each one column of ids).

    With ``up_to`` the count stops past it: each arm is counted to ``up_to`` + 1 first (each one a
    query SQLite streams and stops), and one arm above ``up_to`` is the answer; only when all of
    them are below it is their union counted, which then costs at most a few times ``up_to``."""
    if not arms:
        return 0
    if up_to is not None and len(arms) > 1:
        for arm in arms:
            found = count_up_to(arm, up_to)
            if found > up_to:
                return found
    if len(arms) == 1:
        return count_up_to(arms[0], up_to)
    return count_up_to(reduce(operator.or_, arms), up_to)


def union(selects: list) -> pw.Node:
    """``UNION ALL`` of the selects (an ``IN`` does not care about duplicates)."""
    if not selects:
        return Person.select(Person.id).where(NOTHING)
    return reduce(operator.add, selects)


def person_condition(match: Match, *, with_address: bool = False, township: str | None = None) -> pw.Expression:
    """People whose own keys match (name, pinyin, ID, phone); with ``with_address`` and mixed
    text, also the members of households whose address contains it.

    One ``id IN (SELECT … UNION ALL SELECT …)``: each arm reads one index (the search keys cover
    the id), and SQLite takes the matches first instead of walking the whole scope in list order
    and testing every row, which its estimates for range predicates would otherwise prefer.
    """
    arms = [Person.select(Person.id).where(arm) for arm in person_arms(match, township)]
    if match.kind == "mixed" and with_address:
        addresses = text_ids(Household, match.value)
        if addresses is not None:
            if township:  # the township's households first: their members are all the list reads
                addresses = Household.select(Household.id).where(Household.id.in_(addresses)
                                                                 & (Household.township_code == township))
            arms.append(Person.select(Person.id).where(Person.household.in_(addresses)))
    return Person.id.in_(union(arms))


def household_condition(match: Match, member_live: pw.Expression, households: pw.Expression,
                        township: str | None = None) -> pw.Expression:
    """Households with a member that matches (``member_live`` limits the members considered),
    or whose own keys match: address substring, phone, 户号 (looked up among ``households``:
    the scope and live/deleted condition, so that the scope's 户号 index answers it).

    One ``id IN (SELECT … UNION ALL SELECT …)``: each member arm reads only a covering index
    (key, deleted_at, household_id), and the household rows read are only those that matched.
    """
    arms = [Person.select(Person.household).where(arm & member_live) for arm in person_arms(match, township)]
    kind, value = match.kind, match.value
    if kind in ("tail", "phone") and value.replace("-", "").isdigit():
        arms.append(Household.select(Household.id).where(prefix(Household.phone_rev, ids.reverse_key(value))))
    if kind in ("tail", "phone", "mixed") and len(value) <= 32:
        arms.append(Household.select(Household.id).where((Household.number == value) & households))
    if kind in ("name", "mixed"):
        addresses = text_ids(Household, value)
        if addresses is not None:
            arms.append(addresses)
    return Household.id.in_(union(arms))


# --------------------------------------------------------------------------- broad searches
# A search that matches a large share of the list (a surname, two initials, "1单元") is answered
# in list order: the scope's list index is walked and the rows that match are kept until the page
# is full, instead of finding every match and sorting them all (a surname: 47,000 households of a
# county sorted to show 200). Membership is tested against the key matches, each an ``IN`` list
# built once from one index (or the full-text index); a row is tested by its own keys and by the
# ids of its live members. The walk is bounded: when WALK_ROWS rows of the list hold fewer matches
# than the page needs, the caller finds the matches first after all.
WALK_ROWS = 10_000
WALK_MARGIN = 3  # matches of a key per matching list row, at most (several members of a family)


def key_ids(match: Match, township: str | None = None) -> list[pw.Select]:
    """Selects of the ids of people whose own keys match, each from one index (the full-text
    index for names, across the database; a key index within ``township``): no person row is read."""
    if match.kind in ("name", "mixed"):
        names = text_ids(Person, match.value) if could_be_name(match.value) else None
        return [names] if names is not None else []
    return [Person.select(Person.id).where(arm) for arm in person_arms(match, township)]


def address_ids(match: Match) -> list[pw.Select]:
    """Selects of the ids of households whose address contains the text (names and mixed text)."""
    addresses = text_ids(Household, match.value) if match.kind in ("name", "mixed") else None
    return [addresses] if addresses is not None else []


def is_broad(selects: list[pw.Select], needed: int, rows: int, margin: float = WALK_MARGIN) -> bool:
    """Whether the key matches (``selects``) are so many, against the ``rows`` of the whole table
    (the largest list), that a walk of at most WALK_ROWS rows in list order is expected to find
    ``needed`` of them (``margin``: matches per matching row). They are counted up to that
    threshold only: a narrow search pays for its few."""
    threshold = max(1, int(needed * rows * margin / WALK_ROWS))
    found = 0
    for select in selects:
        found += select.limit(threshold - found).count()
        if found >= threshold:
            return True
    return False


def unindexed(column) -> pw.Node:
    """``+column``: the same value, but SQLite will not answer a condition on it from an index,
    so a walk in list order is not turned into a lookup of every match followed by a sort.
    (PostgreSQL plans by its statistics, and has no unary plus for text: the column as it is.)"""
    if is_postgres():
        return column
    return pw.NodeList((pw.SQL("+"), column), glue="")


def walk_bound(listed: pw.ModelSelect, key, descending: bool) -> pw.Expression | None:
    """A condition on the first sort ``key`` of a list that stops a walk after about WALK_ROWS
    rows of ``listed`` (a query of the list, or a wider one, whose index holds ``key``); None when
    the list is shorter. A walk that stops there short of a page is answered the other way."""
    row = listed.select(key).order_by(key.desc() if descending else key).offset(WALK_ROWS).limit(1).tuples().first()
    if row is None:
        return None
    return key >= row[0] if descending else key <= row[0]


# --------------------------------------------------------------------------- count + first page
PAGE = 200


class FirstPages:
    """The first page of a text search, fetched by ``count()`` in the same pass as the total.

    A list view asks for the count and then for the first page of the same query; for a search
    that matches thousands of rows, finding them is most of the work, so ``count()`` runs
    ``SELECT id, count(*) OVER () … ORDER BY … LIMIT 200`` once and ``page(offset=0)`` takes the
    ids from here. An entry is keyed by the connection and SQLite's change counters (this
    connection's ``total_changes`` and the file's ``data_version``), so any write, here or by
    another connection, makes it unusable. Only on SQLite.
    """

    def __init__(self, size: int = 8):
        self.size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(kind: str, actor, query):
        db = database.obj
        if db is None or is_postgres(db):
            return None
        con = db.connection()
        version = con.execute("PRAGMA data_version").fetchone()[0]
        # the connection itself, not its id(): an entry keeps it alive, so a new connection can
        # never pass for it
        return (kind, con, con.total_changes, version, actor, query)

    def count(self, kind: str, actor, query, ordered_ids: pw.ModelSelect, plain_count: pw.ModelSelect) -> int:
        """The total of a search, keeping its first page; ``ordered_ids`` selects the sorted ids."""
        key = self._key(kind, actor, query)
        if key is None:
            return plain_count.scalar()
        rows = list(ordered_ids.select_extend(pw.fn.COUNT(pw.SQL("*")).over().alias("total"))
                    .limit(PAGE).tuples())
        total = rows[0][-1] if rows else 0
        with self._lock:
            self._entries[key] = [r[0] for r in rows]
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return total

    def keep(self, kind: str, actor, query, ids: list[int]) -> None:
        """Keep the first page of a search whose total was counted another way."""
        key = self._key(kind, actor, query)
        if key is None:
            return
        with self._lock:
            self._entries[key] = list(ids[:PAGE])
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def ids(self, kind: str, actor, query, offset: int, limit: int) -> list[int] | None:
        """The ids of a page that ``count()`` already found, or None."""
        if offset != 0 or limit > PAGE:
            return None
        key = self._key(kind, actor, query)
        with self._lock:
            found = self._entries.get(key) if key is not None else None
        return found[:limit] if found is not None else None


FIRST_PAGES = FirstPages()

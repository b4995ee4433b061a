"""Text search shared by the household and person lists.

One search box takes anything a grid worker might type. ``classify()`` decides what it is:

=================  ==========================================================================
``id``             18 characters (17 digits and a digit or X): the whole 公民身份号码, exact.
``tail``           4–6 digits (the last may be X): the end of an ID number or of a phone.
``phone``          7–11 digits, or a landline with its dash: a phone number, whole or its end.
``pinyin``         ASCII letters: the start of the full pinyin (``zhangs``) or of the initials
                   (``zs``) of a name.
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
from dataclasses import dataclass
from functools import reduce

import peewee as pw

from gridapp import ids, text
from gridapp.db import is_postgres
from gridapp.models import Household, Person

ID_RE = re.compile(r"\d{17}[\dX]")
TAIL_RE = re.compile(r"\d{3,5}[\dX]")
PHONE_RE = re.compile(r"\d{7,11}")
LANDLINE_RE = re.compile(r"0\d{2,3}-\d{3,8}")
_TOP = "\uffff"


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
    if all(_is_cjk(ch) for ch in compact):
        return Match("name", compact)
    return Match("mixed", cleaned)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x323AF or ch == "〇"


def prefix(column, value: str) -> pw.Expression:
    """``column`` starts with ``value``, as a range an index can answer."""
    return (column >= value) & (column < value + _TOP)


NOTHING = pw.SQL("1 = 0")


def fts_ids(table: str, phrase: str) -> pw.NodeList:
    """``(SELECT rowid FROM <table> WHERE <table> MATCH phrase)`` for an ``IN`` test."""
    return pw.NodeList((pw.SQL(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [phrase]),), parens=True)


def contains_text(model, value: str) -> pw.Expression:
    """Rows of ``Person`` (name) or ``Household`` (address) containing ``value`` as a substring."""
    tokens = text.tokens(value)
    if not tokens:
        return NOTHING
    column = model.name_tokens if model is Person else model.addr_tokens
    if is_postgres():
        array = pw.fn.string_to_array(column, " ")
        return (pw.Expression(array, "@>", pw.fn.string_to_array(tokens, " "))
                & pw.Expression(column, "LIKE", f"%{tokens}%"))
    table = "person_fts" if model is Person else "household_fts"
    return model.id.in_(fts_ids(table, text.fts_phrase(value)))


def person_arms(match: Match) -> list[pw.Expression]:
    """Conditions on Person whose union is the match, each answerable from one index alone."""
    kind, value = match.kind, match.value
    if kind == "id":
        return [Person.id_number == value]
    if kind == "tail":
        arms = [prefix(Person.id_rev, ids.reverse_key(value))]
        if value.isdigit():
            arms.append(prefix(Person.phone_rev, ids.reverse_key(value)))
        return arms
    if kind == "phone":
        return [prefix(Person.phone_rev, ids.reverse_key(value))]
    if kind == "pinyin":
        return [prefix(Person.initials, value), prefix(Person.pinyin, value)]
    return [contains_text(Person, value)]


def person_condition(match: Match, *, with_address: bool = False) -> pw.Expression:
    """People whose own keys match (name, pinyin, ID, phone).

    ``with_address`` adds people whose household address contains mixed text (``mixed`` only).
    """
    cond = reduce(operator.or_, person_arms(match))
    if match.kind == "mixed" and with_address:
        cond |= Person.household.in_(Household.select(Household.id).where(contains_text(Household, match.value)))
    return cond


def household_condition(match: Match, member_live: pw.Expression, households: pw.Expression) -> pw.Expression:
    """Households with a member that matches (``member_live`` limits the members considered),
    or whose own keys match: address substring, phone, 户号 (looked up among ``households``:
    the scope and live/deleted condition, so that the scope's 户号 index answers it).

    One ``id IN (…)`` per index: each member subquery reads only a covering index
    (key, deleted_at, household_id), and SQLite unions the lists before touching a household row.
    """
    arms = [Household.id.in_(Person.select(Person.household).where(arm & member_live))
            for arm in person_arms(match)]
    kind, value = match.kind, match.value
    if kind in ("tail", "phone") and value.replace("-", "").isdigit():
        arms.append(prefix(Household.phone_rev, ids.reverse_key(value)))
    if kind in ("tail", "phone", "mixed", "pinyin") and len(value) <= 32:
        arms.append(Household.id.in_(Household.select(Household.id).where((Household.number == value) & households)))
    if kind in ("name", "mixed"):
        arms.append(contains_text(Household, value))
    return reduce(operator.or_, arms)

"""Text helpers shared by services, importers and search: width folding, search tokens, pinyin."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE_RE = re.compile(r"\s+")
# Characters no form field wants stored: C0/C1 controls other than tab and line breaks, zero-width
# and direction marks (U+202E reverses what follows on screen), BOM. The importers drop the same.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def fold_width(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width; ideographic space to space."""
    out = []
    for ch in text:
        code = ord(ch)
        if code == 0x3000:
            out.append(" ")
        elif 0xFF01 <= code <= 0xFF5E:
            out.append(chr(code - 0xFEE0))
        else:
            out.append(ch)
    return "".join(out)


def clean(text) -> str:
    """Fold width, drop control characters, turn every run of white space into one space and strip."""
    if text is None:
        return ""
    text = fold_width(str(text)).replace("\u00a0", " ")
    if not text.isprintable():
        text = _CONTROL_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


def clean_multiline(text) -> str:
    """Multi-line free text (notes, descriptions) as typed: control characters dropped, line breaks
    kept as ``\n``, stripped; any other value as its text."""
    if text is None:
        return ""
    text = str(text)
    if not text.isprintable():
        text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def one_line(text) -> str:
    """One line of free text: control characters dropped, white space collapsed, Chinese
    punctuation kept as typed (no width folding)."""
    return " ".join(clean_multiline(text).split())


def tokens(text: str | None) -> str:
    """One token per character for the FTS index: ``张三`` → ``张 三``.

    Letters and digits are kept one per token too, so a phrase query for any substring of a
    name or an address finds it, whatever its length.
    """
    if not text:
        return ""
    return " ".join(ch for ch in clean(text).lower() if ch.isalnum())


def fts_phrase(text: str) -> str | None:
    """An FTS5 phrase query matching ``text`` as a substring, or None if nothing searchable."""
    toks = tokens(text)
    if not toks:
        return None
    return '"' + toks.replace('"', "") + '"'


@lru_cache(maxsize=65536)
def _char_pinyin(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    if not ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"):
        return ch.lower() if ch.isalnum() else ""
    return lazy_pinyin(ch, style=Style.NORMAL)[0].lower()


# Surnames whose reading as a surname differs from the common reading of the character.
_SURNAME_READINGS = {"单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "查": "zha",
                     "盖": "ge", "区": "ou", "乐": "yue", "缪": "miao", "覃": "qin", "尉": "yu",
                     "员": "yun", "召": "shao", "秘": "bi", "万": "wan", "长": "chang", "重": "chong"}


@lru_cache(maxsize=200000)
def pinyin_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) of a person's name: 张三 → ("zhangsan", "zs")."""
    name = clean(name)
    syllables = []
    for i, ch in enumerate(name):
        if i == 0 and ch in _SURNAME_READINGS:
            syllables.append(_SURNAME_READINGS[ch])
        else:
            py = _char_pinyin(ch)
            if py:
                syllables.append(py)
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def is_ascii_letters(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalpha()


def strip_nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)

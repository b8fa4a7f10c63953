"""Unit names: the normalisation shared by the rules, paper matching and repeat checks, and
when two names mean the same unit.

Units write their own names many ways: with （盖章）, full- or half-width brackets, quotes,
spaces inside, 科学技术协会 for 科协, 有限责任公司 for 有限公司, with or without the
province (湖南省…, 省…). `normalise_org` removes the spelling differences that never change
which unit is meant; `same_org` also drops the province prefix and follows alias groups.
How similar two different names are (学会 for 协会, a short form) is a score, not identity:
see `validators.name_similarity`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Brackets after NFKC: （） become (), but these CJK styles survive NFKC.
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")",
                           "[": "(", "]": ")", "〖": "(", "〗": ")"})
_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
_SEAL = re.compile(r"\((?:盖章|公章|签章|章|盖公章)\)|盖章$")
_SPACE = re.compile(r"\s+")
_PROVINCE = re.compile(r"^(?:湖南省|省)(?=.)")
_TRAILING_PUNCT = re.compile(r"[:：,，.。;；、]+$")

# Replacements that never change the unit meant (longest first).
_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("科学技术协会", "科协"),
    ("有限责任公司", "有限公司"),
)

# Words whose presence settles the applicant type; checked in this order.
_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("高校科协", re.compile(r"(?:大学|学院|学校)科协$")),
    ("企业（园区）科协", re.compile(r"(?:公司|集团|园区|开发区|高新区|产业基地\)?|工业园|企业)科协$")),
    ("市州科协", re.compile(r"^[^省]{1,12}?(?:市|州|自治州)科协$")),
    ("省级学会", re.compile(r"^(?:湖南省|省).*(?:学会|协会|研究会|联合会)$")),
)


# Cached: a check of 500 forms against the history and the ledger normalises the same few
# hundred names hundreds of thousands of times.
@lru_cache(maxsize=16384)
def normalise_org(name: str | None) -> str:
    """Return the unit name with spelling-only differences removed.

    Must: apply NFKC, drop whitespace, quotes, a （盖章）-style mark and trailing punctuation,
    unify bracket styles to ASCII (), and shorten 科学技术协会→科协, 有限责任公司→有限公司.
    Keeps the province prefix (use `org_key` to drop it). `None` gives "".
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    text = _SPACE.sub("", text)
    text = _QUOTES.sub("", text)
    text = _SEAL.sub("", text)
    text = _TRAILING_PUNCT.sub("", text)
    for long, short in _SYNONYMS:
        text = text.replace(long, short)
    return text


@lru_cache(maxsize=16384)
def org_key(name: str | None) -> str:
    """The comparison key: `normalise_org` plus the 湖南省/省 prefix dropped
    (the guide itself writes 省企业科协联合会 for 湖南省企业科协联合会)."""
    return _PROVINCE.sub("", normalise_org(name))


def same_org(a: str | None, b: str | None, aliases: Iterable[Iterable[str]] = ()) -> bool:
    """True when `a` and `b` name the same unit.

    Equal keys (see `org_key`) are the same unit; so are two names that appear in one
    alias group (e.g. the guide's designated unit with its short names). 学会 vs 协会 is
    NOT equality: use `name_similarity.org_similarity` for that doubt.
    """
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    for group in aliases:
        keys = {org_key(n) for n in group}
        if ka in keys and kb in keys:
            return True
    return False


def infer_applicant_type(name: str | None) -> str | None:
    """The applicant type the name alone settles (e.g. 某某大学科协 → 高校科协), else None.

    Conservative on purpose: a name that does not settle the type gives None and the
    type-dependent rules fall back to what the form states.
    """
    key = normalise_org(name)
    if not key:
        return None
    for type_name, pattern in _TYPE_PATTERNS:
        if pattern.search(key):
            return type_name
    return None

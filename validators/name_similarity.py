"""How similar two unit names or two project names are: fuzzy scores on top of
`org_names.normalise_org`. They never decide alone; the caller's thresholds do.

- `org_similarity` (0–100) is the repeat-funding rule's doubt about a unit: 学会/协会/研究会 are
  read alike because people mix them up when typing a name.
- The rest serve paper matching, in [0, 1]. A clerk types a unit or project name from the
  envelope: short forms (水利学会, 省光学学会, 湖南公路学会), 学会 for 协会, 科协 for 科学技术协会
  or 科学技术学会, truncated project names (第3届湘江机器人…), titles in 《》, a generic item name
  (学术交流项目) instead of the title.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz, process

from shenbao.validators.guide import ITEM_NAMES
from shenbao.validators.org_names import normalise_org, org_key

_PREFIX = re.compile(r"^(?:湖南省|省|湖南(?!大学|师范大学))(?=..)")
_BRACKETED = re.compile(r"\([^()]*\)")
_PROJECT_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>·•、，,。.:：;；!！?？\-—_/]")
_PROJECT_SUFFIX = re.compile(r"(?:项目|工作)$")
_BRACKETS = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")",
                           "[": "(", "]": ")"})

# A ledger "project name" that is only the guide's item or category name says which kind of
# project it is, not which one (学术交流项目, 学会服务站建设项目).
CATEGORY_NAMES = ("科技创新服务能力建设", "学会自身能力建设")

# A receipt's project name that is a prefix of the form's title of at least this many
# characters is a title typed short, not a coincidence.
MIN_PREFIX_CHARS = 4
PREFIX_SCORE = 0.95
# Only a name clearly shorter than the title is looked for inside it; names of similar length
# are compared whole (else shared boilerplate would pass for a typed-short title).
PARTIAL_MAX_COVERAGE = 0.75


def org_similarity(a: str | None, b: str | None) -> float:
    """Fuzzy score 0–100 between two unit names, after `org_key`; 学会/协会/研究会 are
    treated alike here because people mix them up when typing a name."""
    ka, kb = org_key(a), org_key(b)
    if not ka or not kb:
        return 0.0
    ka, kb = (re.sub(r"(?:协会|研究会)$", "学会", k) for k in (ka, kb))
    return float(fuzz.ratio(ka, kb))


@lru_cache(maxsize=8192)
def org_match_key(name: str | None) -> str:
    """The unit name reduced for fuzzy comparison with a ledger entry.

    On top of `normalise_org`: the 湖南省/省/湖南 prefix dropped, 科学技术学会 read as 科协
    (a 科学技术协会 is often typed 科学技术学会 and vice versa), and 协会 read as 学会 (clerks
    mix them up; the name and project must still agree for a strong match)."""
    key = normalise_org(name or "")
    key = _PREFIX.sub("", key)
    key = key.replace("科学技术学会", "科协").replace("协会", "学会")
    return key


def org_name_similarity(a: str | None, b: str | None) -> float | None:
    """Similarity in [0, 1] of two unit names, or None when either is missing.

    The better of the names compared whole and without bracketed parts
    (长沙经济技术开发区（星沙产业基地）科协 vs 长沙经济技术开发区科协), scaled down by how much
    the names differ once their common ending is removed: the head of a Chinese unit name is
    what tells units apart (衡阳市科协 vs 岳阳市科协 share 4 of 5 characters yet are two units)."""
    ka, kb = org_match_key(a), org_match_key(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return 1.0
    best = 0.0
    for x, y in ((ka, kb), (_BRACKETED.sub("", ka), _BRACKETED.sub("", kb))):
        if not x or not y:
            continue
        if x == y:
            return 1.0
        whole = fuzz.ratio(x, y) / 100
        # Names this different are not looked at more closely: they are never a candidate.
        stem = _stem_similarity(x, y) if whole >= 0.4 else 0.0
        best = max(best, whole * (0.5 + 0.5 * stem))
    return round(best, 4)


def org_similarity_bounds(names_a: list[str], names_b: list[str]) -> NDArray[np.float64]:
    """For every pair, an upper bound of `org_name_similarity` (NaN where a name is missing),
    computed in bulk so that clearly different units need no closer look."""
    keys_a = [org_match_key(n) for n in names_a]
    keys_b = [org_match_key(n) for n in names_b]
    whole = process.cdist(keys_a, keys_b, scorer=fuzz.ratio)
    bare = process.cdist([_BRACKETED.sub("", k) for k in keys_a], [_BRACKETED.sub("", k) for k in keys_b],
                         scorer=fuzz.ratio)
    bounds = np.maximum(whole, bare).astype(np.float64) / 100
    bounds[[not k for k in keys_a], :] = np.nan
    bounds[:, [not k for k in keys_b]] = np.nan
    return bounds


def project_similarity_bounds(receipt_names: Sequence[str | None], form_names: Sequence[str | None],
                              exact: NDArray[np.bool_] | None = None) -> NDArray[np.float64]:
    """For every (receipt, form) pair, an upper bound of `project_name_similarity` (NaN where
    that is None), computed in bulk: the whole titles' ratio (the stem factor only lowers it),
    `PREFIX_SCORE` where one starts the other, and the part that looks for a short name inside
    a long title — at its best possible value, except for the pairs `exact` marks (the few
    still in question), where it is computed."""
    keys_a = [project_key(n) for n in receipt_names]
    keys_b = [project_key(n) for n in form_names]
    bounds = process.cdist(keys_a, keys_b, scorer=fuzz.ratio, dtype=np.float64) / 100
    len_a = np.array([len(k) for k in keys_a])[:, None]
    len_b = np.array([len(k) for k in keys_b])[None, :]
    short, long = np.minimum(len_a, len_b), np.maximum(len_a, len_b)
    coverage = short / np.maximum(long, 1)
    inside = (short >= MIN_PREFIX_CHARS) & (coverage <= PARTIAL_MAX_COVERAGE)
    partial = np.ones_like(bounds)
    if exact is not None:
        for i, j in zip(*np.nonzero(exact & inside)):
            a, b = sorted((keys_a[i], keys_b[j]), key=len)
            partial[i, j] = fuzz.partial_ratio(a, b) / 100
    bounds = np.maximum(bounds, np.where(inside, partial * (0.7 + 0.3 * coverage), 0.0))
    for i, j in _prefix_pairs(keys_a, keys_b):
        bounds[i, j] = max(bounds[i, j], PREFIX_SCORE)
    bounds[[not k for k in keys_a], :] = np.nan
    bounds[:, [not k for k in keys_b]] = np.nan
    return bounds


def _prefix_pairs(keys_a: Sequence[str], keys_b: Sequence[str]) -> list[tuple[int, int]]:
    """(i, j) where the shorter of two different keys, at least `MIN_PREFIX_CHARS` long,
    starts the longer: found through the keys' prefixes, not by trying every pair."""
    starts: dict[str, list[int]] = {}
    whole: dict[str, list[int]] = {}
    for j, key in enumerate(keys_b):
        whole.setdefault(key, []).append(j)
        for n in range(MIN_PREFIX_CHARS, len(key)):
            starts.setdefault(key[:n], []).append(j)
    pairs: list[tuple[int, int]] = []
    for i, key in enumerate(keys_a):
        pairs.extend((i, j) for j in starts.get(key, ()))  # key starts keys_b[j]
        for n in range(MIN_PREFIX_CHARS, len(key)):
            pairs.extend((i, j) for j in whole.get(key[:n], ()))  # keys_b[j] starts key
    return pairs


def _stem_similarity(a: str, b: str) -> float:
    """Similarity of what remains of two names after their common ending; a shorter head
    whose characters all appear in order in the longer one is an abbreviation (0.85 at least)."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    x, y = a[:len(a) - n], b[:len(b) - n]
    if not x or not y:
        return 0.5
    short, long = sorted((x, y), key=len)
    ratio = fuzz.ratio(x, y) / 100
    it = iter(long)
    if all(ch in it for ch in short):
        return max(ratio, 0.85)
    return ratio


@lru_cache(maxsize=8192)
def project_key(name: str | None) -> str:
    """A project name without quotes, title marks, spaces, punctuation, bracket-style
    differences, the province prefix or a trailing 项目/工作."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKETS)
    text = _PROJECT_NOISE.sub("", text)
    text = _PREFIX.sub("", text)
    return _PROJECT_SUFFIX.sub("", text)


@lru_cache(maxsize=8192)
def project_to_item(name: str | None) -> str | None:
    """The guide's item (or category) name when `name` is nothing more than that, else None."""
    key = project_key(name)
    if not key:
        return None
    for item in (*ITEM_NAMES, *CATEGORY_NAMES):
        item_key = project_key(item)
        if key == item_key or fuzz.ratio(key, item_key) >= 90:
            return str(item)
    return None


def project_name_similarity(receipt_name: str | None, form_name: str | None) -> float | None:
    """Similarity in [0, 1] of the ledger's project name with the form's, or None when
    either is missing (a missing name is no evidence either way).

    Titles compared whole are scaled down by how much they differ before their common ending:
    many titles share boilerplate (…产业乡村振兴学会服务站建设) and differ only in the place and
    product at the start. A receipt name that starts the form's title (typed short) scores
    `PREFIX_SCORE`; a name found inside the title scores by how much of the title it covers."""
    ka, kb = project_key(receipt_name), project_key(form_name)
    if not ka or not kb:
        return None
    if ka == kb:
        return 1.0
    whole = fuzz.ratio(ka, kb) / 100 * (0.5 + 0.5 * _stem_similarity(ka, kb))
    short, long = sorted((ka, kb), key=len)
    best = whole
    if len(short) >= MIN_PREFIX_CHARS:
        if long.startswith(short):
            best = max(best, PREFIX_SCORE)
        coverage = len(short) / len(long)
        if coverage <= PARTIAL_MAX_COVERAGE:
            partial = fuzz.partial_ratio(short, long) / 100
            best = max(best, partial * (0.7 + 0.3 * coverage))
    return round(best, 4)

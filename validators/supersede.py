"""Which emailed applications are earlier versions of a later one (a resend).

A unit that finds a mistake mails the corrected 申报书 again; the register keeps both rows
and marks the earlier one SUPERSEDED, pointing at the latest version. Two different
projects from one unit (even in one email) are not resends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

from rapidfuzz import fuzz

from shenbao.record import Fields
from shenbao.validators.org_names import org_key

# Subject words that say "this replaces what I sent before".
RESEND_WORDS: tuple[str, ...] = (
    "更正", "修改", "修正", "修订", "重发", "重新发送", "补发", "再次", "替换", "更新", "最新",
    "以此为准", "以此版为准", "终版", "最终版", "第二版", "新版",
)
NAME_SIMILARITY = 85.0  # project-name ratio (0–100) above which two versions are one project


class Version(NamedTuple):
    """One emailed application. A plain 4-tuple (key, received_at, sender, fields) is
    accepted too; `subject` then defaults to ""."""

    key: str
    received_at: datetime
    sender: str
    fields: Fields
    subject: str = ""


def find_superseded(apps: Iterable[Sequence[object]]) -> dict[str, str]:
    """Map the key of every superseded version to the key of the latest version.

    Two versions are the same application when they come from different emails and
    (a) name the same applicant (normalised) and the same or a very similar project, or
    (b) come from the same sender for the same item and the later subject looks like a
    resend (更正, 重发, 以此为准 …). Versions are grouped transitively; the latest
    `received_at` (then the larger key) wins. Versions from one email never supersede
    each other: one email may carry several projects.
    """
    versions = [Version(*a) for a in apps]  # type: ignore[arg-type]
    parent = list(range(len(versions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only versions sharing a unit or a sender can be one application (`_same_application`):
    # comparing those pairs alone gives the same groups as comparing every pair, and a call of
    # 500 forms has a few thousand such pairs instead of 125,000.
    ordered = sorted(range(len(versions)), key=lambda i: _order(versions[i]))
    for i, j in _pairs_sharing_unit_or_sender(versions, ordered):
        if _same_application(versions[i], versions[j]):
            parent[find(i)] = find(j)

    groups: dict[int, list[int]] = {}
    for i in range(len(versions)):
        groups.setdefault(find(i), []).append(i)
    result: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        latest = max(members, key=lambda i: _order(versions[i]))
        for i in members:
            if i != latest:
                result[versions[i].key] = versions[latest].key
    return result


# A template's placeholder left in a value (湖南省××学会, 张××, 某某项目): it names no unit or
# project, so versions sharing it are not thereby one application.
_PLACEHOLDER_RE = re.compile(r"[×xXＸｘ＊*○〇]{2,}|某某")


def _named(value: str | None) -> str | None:
    """`value`, or None when it is a template's placeholder."""
    return None if value is None or _PLACEHOLDER_RE.search(value) else value


def _pairs_sharing_unit_or_sender(versions: Sequence[Version], ordered: Sequence[int]) -> list[tuple[int, int]]:
    """(earlier, later) index pairs, in `ordered`'s order, of versions naming the same unit
    (`org_key`) or sent from the same address: every pair `_same_application` may accept."""
    buckets: dict[tuple[str, str], list[int]] = {}
    for i in ordered:
        v = versions[i]
        unit = _unit_base(org_key(_named(v.fields.applicant_org)))
        if unit:
            buckets.setdefault(("unit", unit), []).append(i)
        if v.sender:
            buckets.setdefault(("sender", v.sender.lower()), []).append(i)
    rank = {i: pos for pos, i in enumerate(ordered)}
    pairs = {(a, b) for members in buckets.values() for n, a in enumerate(members) for b in members[n + 1:]}
    return sorted(pairs, key=lambda p: (rank[p[0]], rank[p[1]]))


def _unit_base(key: str) -> str:
    """A unit's key without the notes in brackets after it (土壤肥料学会(秘书处)(原名:…, a
    version read with its office and former name) and the 科协 it may end in: a university (a
    city, a company) and its 科协 apply as one (one version reads 长沙理工大学 where the next
    reads 长沙理工大学科学技术协会)."""
    key = _NOTES_AFTER_RE.sub("", key)
    return key[:-2] if key.endswith("科协") and len(key) > 4 else key


# Bracketed notes closing a unit's key (org_key writes brackets half-width), the last perhaps cut.
_NOTES_AFTER_RE = re.compile(r"(?:\([^()]{1,20}(?:\)|$))+$")


def _one_unit(a: str, b: str) -> bool:
    """Whether two unit keys name one applicant: equal, or equal once `_unit_base` has taken
    off the notes in brackets and the 科协 (a university and its 科协; a unit read with its office)."""
    return bool(a and b) and (a == b or (_unit_base(a) == _unit_base(b) != "" and a != b))


def _order(v: Version) -> tuple[datetime, str]:
    return (v.received_at, v.key)


def _message_of(v: Version) -> tuple[str, object]:
    # Keys are "<message sha256>#<n>": the part before '#' names the email.
    if "#" in v.key:
        return ("key", v.key.split("#", 1)[0])
    return ("sent", (v.sender.lower(), v.received_at))


def _same_application(earlier: Version, later: Version) -> bool:
    if _message_of(earlier) == _message_of(later):
        return False
    a, b = (v.fields.model_copy(update={"applicant_org": _named(v.fields.applicant_org),
                                        "project_name": _named(v.fields.project_name)}) for v in (earlier, later))
    same_unit = _one_unit(org_key(a.applicant_org), org_key(b.applicant_org))
    if same_unit and a.project_name and b.project_name:
        if name_similarity(a.project_name, b.project_name) >= NAME_SIMILARITY:
            return True
    same_sender = bool(earlier.sender) and earlier.sender.lower() == later.sender.lower()
    units_conflict = bool(a.applicant_org and b.applicant_org) and not same_unit
    if (same_sender and not units_conflict and a.project_name and b.project_name
            and name_similarity(a.project_name, b.project_name) >= NAME_SIMILARITY):
        return True  # one version's unit could not be read; the sender and project agree
    same_item = bool(a.subcategory) and a.subcategory == b.subcategory
    if same_sender and same_item and looks_like_resend(later.subject):
        # A corrected name is fine, but a different unit is a different application.
        return same_unit or not (a.applicant_org and b.applicant_org)
    return False


def name_similarity(a: str, b: str) -> float:
    """Project-name similarity 0–100, ignoring spaces, quotes and bracket styles. Names built
    on one pattern whose distinguishing words differ (湖南省白茶产业科技创新联盟建设 and
    湖南省槟榔产业科技创新联盟建设) are two projects: 0."""
    ca, cb = (_clean(x) for x in (a, b))
    if _different_subjects(ca, cb) or _numbers_differ(ca, cb):
        return 0.0
    return float(fuzz.ratio(ca, cb))


# What tells two names of one pattern apart: both differing middles carry at least this many
# Han characters (a typo or a corrected numeral changes one) and have almost nothing in common.
_SUBJECT_MIN_HAN = 2
_SUBJECT_SIMILARITY = 50.0


# Figures, or Chinese numerals, in a name: …讲座1 and …讲座2, 第十二届 and 第十三届 are two projects.
_ARABIC_RE = re.compile(r"\d+")
_CHINESE_NUMERALS_RE = re.compile(r"[一二三四五六七八九十百零〇两]+")


def _numbers_differ(a: str, b: str) -> bool:
    """Whether both names carry figures (or both Chinese numerals) and not the same ones. A
    number one name has and the other not (2024年 typed or left out) decides nothing."""
    for pattern in (_ARABIC_RE, _CHINESE_NUMERALS_RE):
        x, y = pattern.findall(a), pattern.findall(b)
        if x and y and x != y:
            return True
    return False


def _different_subjects(a: str, b: str) -> bool:
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    mid_a, mid_b = a[start: len(a) - end], b[start: len(b) - end]
    han = re.compile(r"[\u4e00-\u9fff]")
    if len(han.findall(mid_a)) < _SUBJECT_MIN_HAN or len(han.findall(mid_b)) < _SUBJECT_MIN_HAN:
        return False
    return fuzz.ratio(mid_a, mid_b) < _SUBJECT_SIMILARITY


def _clean(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\"'“”‘’「」『』《》()（）\[\]【】]", "", text)


def looks_like_resend(subject: str) -> bool:
    """True when a subject says it replaces an earlier mail (更正版, 重发, 以此为准 …)."""
    flat = unicodedata.normalize("NFKC", subject or "")
    return any(word in flat for word in RESEND_WORDS)

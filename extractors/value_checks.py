"""Every value checks itself: one cell's text → a value, a repair made, or a doubt.

Each `check_*` function is pure and reads one field's text (as a form states it) into a
`Checked`: the value (None when the text holds none), the repair it made when the text did
not pass but exactly one repair fits (a note for the reviewer: "the post goes to a note, the
name stays"), and the doubt, in Chinese, when the text fails and no single repair fits. What a
plausible value looks like (posts, the call's years, the funding cap, mail domains) is data:
`[values]` in config/labels.toml.

The rules of thumb, shared by every check: a value that is clearly not of its kind (a phone
number in the name cell, "见附件") is None; a value that is only doubtful is kept and doubted;
a value is never guessed beyond the one repair the text leaves open.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

from shenbao.extractors.labels import Labels
from shenbao.extractors.traditional import to_simplified, traditional_count
from shenbao.extractors.values import (
    clean_org_name,
    clean_person_name,
    clean_project_name,
    text_to_email,
    text_to_funding_amounts,
    text_to_funding_parts,
    text_to_funding_wan,
    text_to_phone,
    written_amounts,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Checked(Generic[T]):
    """A value read and checked: `repair` says (in Chinese) what was changed to make it pass,
    `doubt` why it is still doubted. At most one of the two is set."""

    value: T | None
    repair: str = ""
    doubt: str = ""


@dataclass(frozen=True)
class ValueRules:
    """`[values]` of labels.toml."""

    posts: tuple[str, ...]  # longest first
    nothing: frozenset[str]
    years: tuple[int, int]
    funding_floor_wan: float
    funding_cap_wan: float
    mail_domains: tuple[str, ...]
    top_level_domains: frozenset[str]
    org_endings: frozenset[str]
    org_endings_never_doubled: frozenset[str]
    compound_surnames: frozenset[str]
    surnames: frozenset[str]
    places: frozenset[str]
    post_heads: frozenset[str]
    project_cut_endings: tuple[str, ...]  # longest first
    ethnic_groups: frozenset[str] = frozenset()
    departments: tuple[str, ...] = ()  # longest first
    project_endings: tuple[str, ...] = ()
    project_kinds: frozenset[str] = frozenset()


@cache
def load_value_rules() -> ValueRules:
    """The packaged `[values]` (read once per process)."""
    text = importlib.resources.files("shenbao.config").joinpath("labels.toml").read_text("utf-8")
    return value_rules_from_toml(text)


def value_rules_from_toml(text: str) -> ValueRules:
    """`[values]` of a labels file; a missing key raises KeyError (a bug in the packaged file)."""
    data = tomllib.loads(text)["values"]
    low, high = data["years"]
    return ValueRules(
        # An office before a post is part of the post (张三办公室主任 → 张三 + 办公室主任).
        posts=tuple(sorted({*data["posts"], *(d + p for d in data["departments"] for p in data["posts"])},
                           key=len, reverse=True)),
        nothing=frozenset(data["nothing"]),
        years=(int(low), int(high)),
        funding_floor_wan=float(data["funding_floor_wan"]),
        funding_cap_wan=float(data["funding_cap_wan"]),
        mail_domains=tuple(d.lower() for d in data["mail_domains"]),
        top_level_domains=frozenset(d.lower() for d in data["top_level_domains"]),
        org_endings=frozenset(data["org_endings"]),
        org_endings_never_doubled=frozenset(data["org_endings_never_doubled"]),
        compound_surnames=frozenset(data["compound_surnames"]),
        surnames=frozenset(re.sub(r"\s", "", data["surnames"])),
        places=frozenset(data["places"]),
        post_heads=frozenset(data["post_heads"]),
        project_cut_endings=tuple(sorted(data["project_cut_endings"], key=len, reverse=True)),
        ethnic_groups=frozenset(data["ethnic_groups"]),
        departments=tuple(sorted(data["departments"], key=len, reverse=True)),
        project_endings=tuple(data["project_endings"]),
        project_kinds=frozenset(data.get("project_kinds", ())),
    )


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _shown(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()[:40]


# --------------------------------------------------------------------------- names of people

_HAN = "\u4e00-\u9fff"
_HAN_NAME_RE = re.compile(f"[{_HAN}]{{2,4}}")
# A form of this call is filled in Chinese: a name, project or unit with no Han character in it
# cannot be checked against anything, and on bilingual templates it is most often the label's
# English read as the value (Project Title, Applicant). Kept, and doubted with that reason.
_NO_HAN = "{what}“{value}”没有汉字，可能读到的是表格里的英文标签，无法核对，请人工确认"
# Names of the minorities and of foreigners written in Han characters: 买买提·艾力.
_DOTTED_NAME_RE = re.compile(f"[{_HAN}]{{1,10}}(?:[·•・][{_HAN}]{{1,10}}){{1,3}}")
_LATIN_NAME_RE = re.compile(r"[A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){1,3}")
_NAME_TOKENS_MAX = 12  # pieces of a person's value: name, posts, sex, unit … never more
# (A bracket holds at most 200 characters: an open run with no end made every start scan the rest.)
_BRACKETED_RE = re.compile(r"[（(\[【]([^）)\]】]{0,200})[）)\]】]")
_NAME_SEPARATORS_RE = re.compile(r"[，,、/／|；;：:\s]+")


# A name followed by its romanisation, as bilingual templates and name cards write it
# (赵春生ZhaoChunsheng, 冯爱华 Feng Aihua, 冯爱华（Feng Aihua）): pinyin, one syllable a character.
# The pinyin right after a name, with more after it (伍立新Wu Lixin，秘书长).
_ROMANISED_HEAD_RE = re.compile(f"([{_HAN}]{{2,4}})\\s*([A-Za-z][A-Za-z' \\-]*[A-Za-z])\\s*(?=[，,、;；/（(])")
# A unit's name after a person's (刘建华，湖南师范大学) has at least this many characters: a
# two-character token ending as units do (李学) is a second name.
_UNIT_AFTER_NAME_MIN = 4
_ROMANISED_RE = re.compile(f"([{_HAN}]{{2,4}})\\s*[（(]?\\s*([A-Za-z][A-Za-z' \\-]*[A-Za-z])\\s*[）)]?")
_PINYIN_INITIALS = ("", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh",
                    "r", "z", "c", "s", "y", "w")
_PINYIN_FINALS = ("a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "ia",
                  "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan", "un",
                  "uang", "ue", "ve")
_PINYIN_SYLLABLES = frozenset(i + f for i in _PINYIN_INITIALS for f in _PINYIN_FINALS)


def _pinyin_syllables(latin: str, count: int) -> bool:
    """Whether `latin` (spaces, hyphens and capitals ignored) splits into exactly `count`
    pinyin syllables: a name's romanisation, one syllable for each of its characters."""
    letters = re.sub(r"[\s'\-]", "", latin).lower()
    ways: list[set[int]] = [set() for _ in range(len(letters) + 1)]  # syllable counts reaching each place
    ways[0].add(0)
    for start in range(len(letters)):
        if not ways[start]:
            continue
        for end in range(start + 1, min(start + 6, len(letters)) + 1):
            if letters[start:end] in _PINYIN_SYLLABLES:
                ways[end].update(n + 1 for n in ways[start] if n < count)
    return count in ways[len(letters)]


def is_person_name(text: str) -> bool:
    """2–4 Han characters, a dotted name (买买提·艾力) or a Latin name of 2–4 words."""
    return any(p.fullmatch(text) for p in (_HAN_NAME_RE, _DOTTED_NAME_RE, _LATIN_NAME_RE))


def _post_split(token: str, posts: tuple[str, ...]) -> tuple[str, str] | None:
    """(name, post) when `token` is a post glued before or after something: 王某主任 →
    ("王某", "主任"), 教授王某 → ("王某", "教授"); None when it carries no post. The first
    post in `posts` order that ends or starts the token wins, its ending before its start."""
    order, lengths = _post_lookup(posts)
    best: tuple[int, int, str] | None = None  # (post's place in order, 0 ending / 1 start, post)
    for n in lengths:
        if n >= len(token):
            continue  # a post as long as the token is the token itself: no name is left
        for side, piece in ((0, token[-n:]), (1, token[:n])):
            place = order.get(piece)
            if place is not None and (best is None or (place, side) < best[:2]):
                best = (place, side, piece)
    if best is None:
        return None
    place, side, post = best
    return (token[: -len(post)], post) if side == 0 else (token[len(post):], post)


def _peel_posts(token: str, posts: tuple[str, ...]) -> tuple[str, list[str]]:
    """`token` without the posts glued to it, and those posts, outermost first: 王小明教授 →
    王小明 + 教授; 丁刚教授教授 (the post typed again after a cell that held it) → 丁刚 + 教授,
    教授. Peeling stops at a name of 2–4 characters that carries no post, and never leaves
    fewer than two characters (王教授 stays whole: a surname and a post, not a name)."""
    peeled: list[str] = []
    while not (_HAN_NAME_RE.fullmatch(token) and _post_split(token, posts) is None):
        split = _post_split(token, posts)
        if split is None or len(split[0]) < 2:
            break
        token = split[0]
        peeled.append(split[1])
    return token, peeled


@cache
def _post_lookup(posts: tuple[str, ...]) -> tuple[dict[str, int], tuple[int, ...]]:
    """Each post's first place in `posts`, and the posts' lengths: a token is looked up by its
    ends (a few dict lookups) instead of tried against each of the list's posts."""
    order: dict[str, int] = {}
    for place, post in enumerate(posts):
        order.setdefault(post, place)
    return order, tuple(sorted({len(p) for p in posts if p}))


_NAME_CAPTION_RE = re.compile(r"\s*姓\s*名\s*[:：]?\s*(?=[\u4e00-\u9fff])")


def _surname_doubt(name: str, rules: ValueRules) -> str:
    """Why a Han name of 2–4 characters is doubted for its first character: no surname of
    labels.toml starts it (办公室主: an office and half a post; an OCR misreading). "" when
    it is not such a name or starts with a surname."""
    if not _HAN_NAME_RE.fullmatch(name) or name[0] in rules.surnames or name[:2] in rules.compound_surnames:
        return ""
    return f"“{name}”的第一个字“{name[0]}”不是常见的姓氏，可能不是姓名或有误读，请人工核对"


def _gender_doubt(name: str, rules: ValueRules) -> str:
    """Why a Han name of three or four characters ending in 男 or 女 is doubted: the sex
    written after the name (苏强男, 贺国庆男), or a name that ends so (李亚男): which, only the
    form shows. "" otherwise."""
    dotted = re.fullmatch(f"[{_HAN}]+[·・][{_HAN}]{{3,}}", name) is not None  # 买买提江·吐尔逊男
    if not dotted and (len(name) not in (3, 4) or name[-1] not in "男女" or not _HAN_NAME_RE.fullmatch(name)
                       or name[:2] in rules.compound_surnames and len(name) == 3) or name[-1] not in "男女":
        return ""
    return f"“{name}”末尾的“{name[-1]}”可能是填写的性别（也可能是名字的一部分），姓名可能是“{name[:-1]}”，请核对原件"


def _sex_glued_to_four(name: str, rules: ValueRules) -> bool:
    """Whether `name` is a three-character name with the sex after it (郭文博男, 汪红梅女): four
    Han characters, a single surname first, no compound surname, 男 or 女 last."""
    return (len(name) == 4 and name[-1] in "男女" and _HAN_NAME_RE.fullmatch(name) is not None
            and name[0] in rules.surnames and name[:2] not in rules.compound_surnames)


def _cut_post_doubt(name: str, rules: ValueRules) -> str:
    """Why a name of three or four Han characters is doubted for its end: the first two
    characters of a longer post, not a post themselves (叶平常务: 常务副理事长 cut at a line or
    box edge), or, for three, a post's first character no given name ends with (汪霞研, labels.toml
    `post_heads`). "" otherwise. Doubted, not cut: which post it was, and whether it was one,
    cannot be told."""
    if len(name) not in (3, 4) or not _HAN_NAME_RE.fullmatch(name):
        return ""
    # (女 of 女士 is a sex's doubt: _gender_doubt)
    address = next((a for a in _FORMS_OF_ADDRESS if len(a) == 2 and a[0] == name[-1] and a[0] not in "男女"), None)
    if address is not None and name[:2] not in rules.compound_surnames:
        # 龚少华同: 同志 cut at the line's end, its 志 on the next line (an OFD's or a PDF's).
        return f"“{name}”末尾的“{name[-1]}”像是称呼“{address}”的开头（可能换行或被截断），姓名可能是“{name[:-1]}”，请核对原件"
    ends = _post_tails(rules.posts).get(name[-2:])
    if ends is not None:
        # 雷事长: 雷丹（理事长） read with 丹（理 lost: the end of a post, not of a name.
        return f"“{name}”末尾的“{name[-2:]}”像是职务（如“{ends}”）的后半（姓名或职务可能被误读、漏读），请核对原件"
    if name[-2:] in _post_heads(rules.posts):
        tail = name[-2:]
    elif len(name) == 3 and name[-1] in rules.post_heads and name[:2] not in rules.compound_surnames:
        tail = name[-1]
    else:
        return ""
    kept = name[: -len(tail)]
    maybe = f"，姓名可能是“{kept}”" if len(kept) >= 2 else ""
    return f"“{name}”末尾的“{tail}”像是职务的开头（职务可能换行或被截断）{maybe}，请核对原件"


@cache
def _post_tails(posts: tuple[str, ...]) -> dict[str, str]:
    """The last two characters of each post longer than two that are not a post themselves,
    with the shortest post they end (事长 → 理事长, 程师 → 工程师)."""
    tails: dict[str, str] = {}
    for post in sorted(posts, key=lambda p: (len(p), p)):
        if len(post) > 2 and post[-2:] not in posts:
            tails.setdefault(post[-2:], post)
    return tails


@cache
def _post_heads(posts: tuple[str, ...]) -> frozenset[str]:
    """The first two characters of each post longer than two that are not a post themselves
    (常务 of 常务副理事长, 副理 of 副理事长)."""
    return frozenset(p[:2] for p in posts if len(p) > 2 and p[:2] not in posts)


# The names templates give as examples (例：张三): one that opens a longer name in a value is
# the example's rest left in the cell (hidden text a conversion made visible), or the name's
# own start (张三丰) — which one, only the original shows.
_EXAMPLE_NAMES = ("张三", "李四", "王五", "赵六")
# A phone run into a name's cell, with its label or without: 赵丹手机19288786077, 毛杰，手机137.5182.3942.
_PHONE_AFTER_NAME_RE = re.compile(r"[，,;；\s]*(?:(?:手机|电话|联系电话|联系方式|办公电话|座机|移动电话)(?:号码)?\s*[:：]?\s*)?"
                                  r"\+?\d[\d.\-\s()]{6,}\d.*$")
# The sex captioned before the name: 性别男郭海波, 性别：女 李娜.
_SEX_CAPTION_FIRST_RE = re.compile(r"\s*性别\s*[:：]?\s*([男女])\s*[，,;；/]?\s*")
# An e-mail address run into a name's cell (its letters right after the name).
_MAILBOX_IN_NAME_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# A person's sex written after the name, set apart by a comma, a space or brackets (田宏伟，男;
# 曹海波 男; 王伟（男）; 李娜 性别：女). Without a separator (李亚男) the name may end so: doubted
# by _gender_doubt, not cut.
_SEX_AFTER_NAME_RE = re.compile(
    r"([^\s，,、;；/（(]{2,}?)\s*(?:[，,、;；/]\s*|\s+|(?=[（(]))[（(]?\s*(?:性别\s*[:：]?\s*)?([男女])性?\s*[）)]?")
# The patterns run on a name's cell only when it is this short (a name with its post, sex and
# phone): a long run of padding cannot make them backtrack for long.
_SHORT_CELL = 60
# Forms of address labels.toml lists among the posts (龚丹同志): said to be what they are.
_FORMS_OF_ADDRESS = frozenset({"同志", "先生", "女士"})


# An office of the unit (its 秘书处, 办公室, 学术部) written before a person's name.
_OFFICE_WORDS = r"(?:秘书处|办公室|[学术组织宣传综合科普会员联络]{2}部)"
_OFFICE_HEAD_RE = re.compile(f"\\s*([{_HAN}]{{0,8}}?{_OFFICE_WORDS})[\\s:：，,]*")


def _office_before_name(text: str, rules: ValueRules) -> re.Match[str] | None:
    """The office opening `text` when a name follows it and nothing else does, but for a form
    of address after the name (秘书处沈志远老师) or a bracket closing it (办公室买买提江·吐尔逊
    （秘书处）, 办公室任志远（办公室）: the name's check then takes the bracket's words). The
    offices are those of `_OFFICE_WORDS` and labels.toml's departments (科技处尹刚)."""
    for pattern in (_OFFICE_HEAD_RE, _departments_head(rules)):
        m = pattern.match(text)
        if m is None:
            continue
        rest = _CLOSING_BRACKET_RE.sub("", text[m.end():].strip())
        if is_person_name(_ADDRESSED_RE.sub("", rest)):
            return m
    return None


_CLOSING_BRACKET_RE = re.compile(r"\s*[（(][^（）()]{1,8}[）)]$")


@cache
def _departments_head(rules: ValueRules) -> re.Pattern[str]:
    words = "|".join(re.escape(d) for d in rules.departments) or "(?!)"
    return re.compile(f"\\s*([{_HAN}]{{0,8}}?(?:{words}))[\\s:：，,]*")


# A form of address after a name (labels.toml lists 老师 among the posts, the others as forms of address).
_ADDRESSED_RE = re.compile(f"(?:{'|'.join(sorted(_FORMS_OF_ADDRESS | {'老师'}))})$")


# A birth year and month after a name: ，1968.9 / (1981年4月生) / 、1975年生 / （出生年月：1980.05）.
_BIRTH_TAIL_RE = re.compile(r"[ \u3000]?[，,、（(]?[ \u3000]?(?:出生年月[:：]?)?((?:19|20)\d{2})(?:[.．/\-年]\d{1,2}月?)?"
                            r"年?(?:生|出生)?[)）]?[ \u3000]?$")
_BIRTH_TAIL_CHARS = 24


# A person's staff number after the name, bracketed or not (王伟（工号：20051234）, 王伟 职工号20051234):
# a number of the unit's, no part of the name.
_STAFF_NUMBER_TAIL_RE = re.compile(r"[ \u3000]?[，,、（(]?[ \u3000]?(?:职工号|工号|员工号|员工编号|职工编号|教工号|人事编号)"
                                   r"[ \u3000]?[:：]?[ \u3000]?([A-Za-z0-9][A-Za-z0-9\-]{1,15})[ \u3000]?[)）]?[ \u3000]?$")
_STAFF_NUMBER_TAIL_CHARS = 32


# A caption that follows a name in a person's row, run on after it (王伟工号, 李娜手机).
_LABEL_TAIL_RE = re.compile(r"(?:工号|手机|电话|邮箱|职务|职称|性别|年龄|学历|单位)$")


# A unit's name after a person's, opening with the province (…艾海提湖南中医药大学, 张伟，湘潭大学).
_UNIT_AFTER_NAME_RE = re.compile(f"(.+?)[\\s，,、]*((?:湖南|湘)[{_HAN}]{{0,14}}?(?:大学|学院|学会|协会|科协|医院|公司|研究所|研究院|中心))")
# The same with the unit starting as late as it can: where the two differ, the split is in doubt.
_UNIT_AFTER_NAME_LAST_RE = re.compile(_UNIT_AFTER_NAME_RE.pattern.replace("(.+?)", "(.+)", 1))
_NAME_WITH_UNIT_MAX = 40  # longer is no name cell: the pattern is not tried on it


# A bracket opened after a name and never closed (王伟（副主任, …（办公): at most 8 characters
# of it, looked for in the text's last characters only.
_AND_OTHERS_RE = re.compile(r" ?(?:等人|等同志|等)$")
# What a bracket after a name says when the person is not (or no longer) the one named: 现由…负责,
# 已调离, 张华代, 改由…, 接替, 离职.
_HANDED_OVER_RE = re.compile(r"现由|改由|已调|调离|离职|接替|已退|代$|^代|由.{1,4}负责")
# A WeChat ID after a name, in brackets or not: 微信号：wxid_…, （微信号xut6435）, 微信 abc123.
_WECHAT_TAIL_RE = re.compile(r"[ ，,]?[（(]? ?(?:微信号?|微信ID|WeChat|wechat|VX|vx) ?[:：]? ?[A-Za-z][A-Za-z0-9_\-]{3,40} ?[)）]?$")
_WECHAT_TAIL_CHARS = 64
_UNCLOSED_TAIL_RE = re.compile(r" ?[（(][^（()）]{0,8}$")
_UNCLOSED_TAIL_CHARS = 12


def _post_or_number_begun(inner: str, rules: ValueRules) -> bool:
    """Whether a bracket's text cut short is nothing, the start of a phone number, or the start
    of a post (办公 of 办公室主任, 副主任): what may follow a name. Another name, or words saying
    the person is not the one (王伟（已调离，现由…, 李明（张华代), are not."""
    if not inner or re.match(r"[+＋\d]", inner):
        return True
    return not re.search(r"[已现由代改调退替换接]", inner) and any(
        post.startswith(inner) or inner.startswith(post) for post in rules.posts)


def check_person_name(text: str, rules: ValueRules | None = None) -> Checked[str]:
    """A person's name, checked (see _person_name); one opening with a template's example
    name and going on with a name of its own (张三魏强) is doubted."""
    wechat = _WECHAT_TAIL_RE.search(text, max(0, len(text) - _WECHAT_TAIL_CHARS))
    if wechat is not None and wechat.start() >= 2:
        # 余芳微信号：wxid_ce4179e610c3 / 尹嘉怡（微信号xut6435）: the person's WeChat ID after the name.
        inner = check_person_name(text[:wechat.start()], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"姓名后的“{wechat.group().strip(' （()）')}”是微信号，已移入备注，姓名记为“{inner.value}”",
                                 inner)
    others = _AND_OTHERS_RE.search(text, max(0, len(text) - 6))
    if others is not None and others.start() >= 2:
        # 王伟等 / 王伟等人: the leader named with a team; the leader is the one named.
        inner = check_person_name(text[:others.start()], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"姓名后的“{others.group().strip()}”表示还有其他成员，已去掉，姓名记为“{inner.value}”", inner)
    unclosed = _UNCLOSED_TAIL_RE.search(text, max(0, len(text) - _UNCLOSED_TAIL_CHARS))
    if (unclosed is not None and unclosed.start() >= 2 and not re.search(r"[（(]", text[:unclosed.start()])
            and _post_or_number_begun(unclosed.group(0).strip(" （("), rules or load_value_rules())):
        # 迪丽娜尔·阿布都拉（办公: a post in brackets cut at the cell's or the line's end; the
        # name before it is whole, what the bracket held goes to the notes.
        inner = check_person_name(text[:unclosed.start()], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"姓名后未写完的括号“{unclosed.group(0).strip()}”不属于姓名，已移入备注，姓名记为“{inner.value}”",
                                 inner)
    staff = _STAFF_NUMBER_TAIL_RE.search(text, max(0, len(text) - _STAFF_NUMBER_TAIL_CHARS))
    if staff is not None and staff.start() >= 2:
        inner = check_person_name(text[:staff.start()], rules)
        if inner.value and not inner.doubt:
            number = staff.group(0).strip(" \u3000，,、（()）")
            return _after_repair(f"姓名后的“{number}”是工号，已移入备注，姓名记为“{inner.value}”", inner)
    # (Searched in the text's last characters only: a long cell of spaces would make the
    # pattern's runs of \s* try every split.)
    tail = text[-_BIRTH_TAIL_CHARS:] if len(text) > _BIRTH_TAIL_CHARS else text
    birth = _BIRTH_TAIL_RE.search(tail)
    if birth is not None and tail is not text:
        birth = _BIRTH_TAIL_RE.search(text, len(text) - len(tail))
    if birth is not None and birth.start() >= 2 and 1930 <= int(birth.group(1)) <= 2010:
        # 曹秀英，1968.9 / 冯秀英（1981年4月生）: the person's birth month after the name, as a
        # personnel form asks for it. The name stays, the date goes to the notes.
        inner = check_person_name(text[:birth.start()], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"姓名后的“{birth.group(0).strip(' ，,、（()）')}”是出生年月，已移入备注，姓名记为“{inner.value}”",
                                 inner)
    unit = _UNIT_AFTER_NAME_RE.fullmatch(text.strip()) if len(text) <= _NAME_WITH_UNIT_MAX else None
    if unit is not None:
        # 阿依古丽·艾海提湖南中医药大学: the person's unit run on after the name (a people table's
        # next cell, read as one); a unit opening with the province is no part of any name.
        # Only where one split fits: 刘建湘湘潭大学 splits after 刘建 or after 刘建湘 (doubted).
        last = _UNIT_AFTER_NAME_LAST_RE.fullmatch(text.strip())
        if last is not None and last.group(1).strip(" \u3000，,、") != unit.group(1).strip(" \u3000，,、"):
            return Checked(re.sub(r"\s+", "", text), doubt=f"“{_shown(text)}”像是姓名后连着所在单位，但从哪里分开不能确定，请核对原件")
        inner = check_person_name(unit.group(1), rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"“{_shown(text)}”中的“{unit.group(2)}”是所在单位，已移入备注，姓名记为“{inner.value}”", inner)
    checked = _person_name(text, rules)
    value = checked.value or ""
    if not checked.doubt and re.fullmatch(f"[{_HAN}]{{4}}", value) and value[-1] == value[0] \
            and value[:2] not in (rules or load_value_rules()).compound_surnames:
        # 刘翠兰刘: the surname again after a whole name — the next cell's or line's name begun
        # (a row continued over a page), not a name of four characters.
        return Checked(value, doubt=f"姓名“{value}”末尾的“{value[-1]}”与姓相同，可能连上了下一栏的姓名，请核对原件")
    label = _LABEL_TAIL_RE.search(value) if not checked.doubt and len(value) >= 4 else None
    if label is not None and is_person_name(value[:label.start()]):
        # 王伟工号: the next cell's caption (工号, 手机 …) run on after a two-character name read
        # as a name of four characters.
        return Checked(value, doubt=f"姓名“{value}”末尾的“{label.group(0)}”像是下一栏的栏目名，姓名可能是“{value[:label.start()]}”，请核对原件")
    example = next((e for e in _EXAMPLE_NAMES if value.startswith(e)), None)
    if example is None or checked.doubt or len(value) < len(example) + 2 or not is_person_name(value[len(example):]):
        return checked
    return Checked(value, doubt=f"姓名“{value}”以模板示例常用的“{example}”开头，可能混入了示例文字，请核对原件")


def _person_name(text: str, rules: ValueRules | None = None) -> Checked[str]:
    """A person's name from a name cell. A post or title written with it (王某（常务副理事长）,
    王某 教授, 教授王某) is taken off into the repair note when exactly one name remains;
    several names, or a post with no name left, keep the text and doubt it. Digits only
    (a phone in the name cell) or a "nothing" word is None."""
    rules = rules or load_value_rules()
    placeholder = _after_placeholder(text, lambda rest: check_person_name(rest, rules), "姓名",
                                     never_opens=("姓名",)) \
        or _after_example(text, lambda rest: check_person_name(rest, rules), "姓名")
    if placeholder is not None:
        return placeholder
    caption = _NAME_CAPTION_RE.match(text)
    if caption is not None:
        # 姓名黄卫东: the caption typed into the value's cell, no space between (a person's
        # details as one cell each: 姓名… | 手机…). No name starts with it.
        return _after_repair(f"“{_shown(text)}”开头的“{caption.group(0).strip()}”是栏目名，已去掉",
                             check_person_name(text[caption.end():], rules))
    flat = unicodedata.normalize("NFKC", text)[:_SHORT_CELL * 2]
    reach = _MAILBOX_IN_NAME_RE.search(flat) or _PHONE_AFTER_NAME_RE.search(flat)
    if reach is not None and reach.start() >= 2:
        # 袁德明ｋｌｕｑｓｑｕ＠１２６．ｃｏｍ, 赵丹手机19288786077, 毛杰，手机137.5182.3942（微信同号）: how
        # to reach the person, which the next cells asked for, run into the name's.
        inner = check_person_name(flat[:reach.start()], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"姓名栏中连着联系方式“{reach.group(0).strip(' ，,;；')}”，已移入备注，"
                                 f"姓名记为“{inner.value}”", inner)
    office = _office_before_name(text, rules)
    if office is not None:
        # 学会秘书处伍文博, 学会办公室 张宏伟: where the person works, written before the name.
        inner = check_person_name(text[office.end():], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"“{_shown(text.strip())}”开头的“{office.group(1)}”是所在部门，已移入备注，"
                                 f"姓名记为“{inner.value}”", inner)
    sex_first = _SEX_CAPTION_FIRST_RE.match(text)
    if sex_first is not None and sex_first.end() < len(text):
        # 性别男郭海波: the person's details as they were filled, the sex before the name.
        inner = check_person_name(text[sex_first.end():], rules)
        if inner.value and not inner.doubt:
            return _after_repair(f"“{_shown(text)}”中的“{sex_first.group(1)}”是性别，已移入备注，姓名记为“{inner.value}”",
                                 inner)
    sex = _SEX_AFTER_NAME_RE.fullmatch(text.strip()) if len(text) <= _SHORT_CELL else None
    if sex is not None:
        # 田宏伟，男 / 王伟（男）: the sex, set apart from the name, goes to the note. A name spaced
        # out (李 亚 男) has a space inside its first part and is not this; a space alone (李亚 男)
        # may be a text layer's stray gap inside 李亚男: doubted, not repaired.
        inner = check_person_name(sex.group(1), rules)
        said = f"“{_shown(text.strip())}”中的“{sex.group(2)}”是性别，已移入备注，姓名记为“{inner.value}”"
        if inner.value and not inner.doubt and not sex.group(0)[len(sex.group(1)):].strip().startswith(sex.group(2)):
            return _after_repair(said, inner)
        if inner.value and not inner.doubt:
            return Checked(inner.value, doubt=f"“{_shown(text.strip())}”末尾的“{sex.group(2)}”可能是填写的性别（也可能是"
                                              f"名字的一部分），姓名记为“{inner.value}”，请核对原件")
    name = clean_person_name(text)
    if not name or name in rules.nothing:
        return Checked(None)
    if not re.search(f"[{_HAN}A-Za-z]", name):
        return Checked(None, doubt=f"姓名栏填写的“{_shown(name)}”不是姓名")
    once, times = repeated(name, shortest=2)
    if times > 1:
        inner = check_person_name(once, rules)
        if inner.doubt:
            return inner
        said = f"姓名栏的“{_shown(once)}”重复出现了{times}次，按一次记录"
        return Checked(inner.value, repair="；".join(filter(None, (said, inner.repair))))
    if not re.search(f"[{_HAN}]", name):
        return Checked(name, doubt=_NO_HAN.format(what="姓名", value=_shown(name)))
    romanised = _ROMANISED_RE.fullmatch(name)
    if romanised and _pinyin_syllables(romanised.group(2), len(romanised.group(1))):
        han, latin = romanised.group(1), romanised.group(2)
        inner = check_person_name(han, rules)
        if not inner.doubt and inner.value:
            said = f"“{name}”中的“{latin}”是姓名的拼音，已移入备注，姓名记为“{inner.value}”"
            return Checked(inner.value, repair="；".join(filter(None, (said, inner.repair))))
    glued = _post_split(name, rules.posts)
    if is_person_name(name) and (glued is None or not glued[0]):
        if _sex_glued_to_four(name, rules):
            # 郭文博男: a single surname and three more characters, the last 男 or 女 — a name of
            # four characters is a compound surname's (欧阳亚男, doubted below), so the sex a
            # lost column gap joined to the name goes to the note.
            return Checked(name[:-1], repair=f"“{name}”末尾的“{name[-1]}”是性别，已移入备注，姓名记为“{name[:-1]}”")
        return Checked(name, doubt=_surname_doubt(name, rules) or _cut_post_doubt(name, rules) or _gender_doubt(name, rules))
    romanised_head = _ROMANISED_HEAD_RE.match(name)
    if romanised_head and _pinyin_syllables(romanised_head.group(2), len(romanised_head.group(1))):
        # 伍立新Wu Lixin，秘书长: the name's pinyin between the name and what follows it.
        inner = check_person_name(romanised_head.group(1) + name[romanised_head.end():], rules)
        if not inner.doubt and inner.value:
            said = f"“{name}”中的“{romanised_head.group(2)}”是姓名的拼音，已移入备注"
            return Checked(inner.value, repair="；".join(filter(None, (said, inner.repair))))
    bracketed = [m.group(1).strip() for m in _BRACKETED_RE.finditer(name) if m.group(1).strip()]
    notes = [b for b in bracketed if b not in rules.ethnic_groups]
    ethnic = [b for b in bracketed if b in rules.ethnic_groups]  # 王伟（土家族）
    names: list[str] = []
    posts: list[str] = []
    sexes: list[str] = []
    units: list[str] = []
    tokens = [t for t in _NAME_SEPARATORS_RE.split(_BRACKETED_RE.sub(" ", name)) if t]
    if len(tokens) > _NAME_TOKENS_MAX:
        # No person's cell holds so many pieces (a cell padded with brackets, a list pasted in):
        # not read piece by piece against every post.
        return Checked(name, doubt=f"“{_shown(name)}”不像一个人的姓名（应为2至4个汉字，或带“·”的姓名），请人工核对")
    for token in tokens:
        if token in rules.posts:
            posts.append(token)
            continue
        if token in rules.ethnic_groups:
            ethnic.append(token)  # 杨立新，土家族
            continue
        if names and len(token) >= _UNIT_AFTER_NAME_MIN and looks_like_org(token, rules):
            units.append(token)  # 刘建华，湖南师范大学: where the person works, after the name
            continue
        if token[0] in "男女" and (token in ("男", "女", "男性", "女性") or token[1:] in rules.posts):
            # 许嘉怡，女副秘书长: the sex, set apart from the name, and maybe a post after it.
            sexes.append(token[0])
            posts.extend([token[1:]] if token[1:] in rules.posts else [])
            continue
        rest, peeled = _peel_posts(token, rules.posts)
        last = _post_split(rest, rules.posts)
        if (last is not None and re.fullmatch(f"[{_HAN}]", last[0])) or (peeled and rest in rules.compound_surnames):
            return Checked(name, doubt=f"“{_shown(name)}”只写了姓和职务，不是完整的姓名，请人工核对")
        if peeled and is_person_name(rest):
            names.append(rest)
            posts.extend(peeled)
        elif is_person_name(token):
            names.append(token)
        else:
            posts.append(token)
    unknown = [p for p in posts if not any(p.endswith(w) or p.startswith(w) for w in rules.posts)]
    handed = next((b for b in notes if _HANDED_OVER_RE.search(b)), None)
    if handed is not None:
        # 王伟（现由李娜负责）, 李明（张华代）: the bracket says the person named is not, or no
        # longer, the one: no post to move to the notes.
        return Checked(name, doubt=f"“{_shown(name)}”括号中的“{handed}”说明此人可能不是（或不再是）该栏的人员，请核对原件")
    if len(names) == 1 and not unknown and not _surname_doubt(names[0], rules):
        moved = "、".join(dict.fromkeys(notes + posts))
        kind = "称呼" if set(dict.fromkeys(notes + posts)) <= _FORMS_OF_ADDRESS else "职务/职称"
        parts = [f"“{moved}”是{kind}" if moved else "", f"“{'、'.join(dict.fromkeys(sexes))}”是性别" if sexes else "",
                 f"“{'、'.join(ethnic)}”是民族" if ethnic else "", f"“{'、'.join(units)}”是所在单位" if units else ""]
        said = f"“{name}”中的{'，'.join(filter(None, parts))}，已移入备注，姓名记为“{names[0]}”"
        # 冯晓东 男 教授: the post goes, and the sex the spacing joined to the name is doubted.
        joined_sex = _gender_doubt(names[0], rules)
        return Checked(names[0], doubt=f"{said}；{joined_sex}") if joined_sex else Checked(names[0], repair=said)
    if len(names) > 1:
        return Checked(name, doubt=f"姓名栏填写了多个姓名（“{_shown(name)}”），请人工确认")
    return Checked(name, doubt=f"“{_shown(name)}”不像一个人的姓名（应为2至4个汉字，或带“·”的姓名），请人工核对")


# --------------------------------------------------------------------------- project and unit names

# A section number closing a value: the next section's numbering glued on (…学术年会（二）).
_ENUMERATOR_TAIL_RE = re.compile(
    r"\s*(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、.．])\s*$")
# A label-like word and its colon inside a value: the next pair swallowed (… 项目类别：学术交流).
_LABEL_WORDS = ("名称", "类别", "类型", "单位", "负责人", "联系人", "时间", "电话", "手机", "经费", "金额",
                "日期", "地址", "邮箱", "级别", "性质", "期限", "周期")
_LABEL_LIKE_RE = re.compile(f"[{_HAN}]{{0,2}}(?:{'|'.join(_LABEL_WORDS)})\\s*[：:]")
_MIN_PROJECT_CHARS = 4
# An ordinal closing the name (…第14届, 第三期): a name says what the ordinal counts.
_ORDINAL_TAIL_RE = re.compile(r"第\s*[\d一二三四五六七八九十百零〇]+\s*[届期次]\s*$")
# A project name written as a title, in 《》 (as ledgers and letters quote it): the marks go.
# A name wrapped whole in title marks or quotation marks (《某论坛》, “某论坛”, "某论坛", 「某论坛」);
# inner quotes (“科创中国”试点城市建设) belong to the name and are not this.
# (【…】 too: a name typed inside the template's placeholder brackets, 【项目名称】 → 【某某论坛】.)
_TITLE_MARKS_RE = re.compile(r"《([^《》]+)》|“([^“”]+)”|\"([^\"]+)\"|「([^「」]+)」|『([^『』]+)』|【([^【】]+)】")

_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def without_stray_quotes(name: str) -> str:
    """`name` without the quote marks at its edges that belong to no part of it: a pair around
    the whole name whose inside is itself well quoted (“岳阳市“科创中国”试点城市建设”), or a mark
    at an edge with no partner (a cell Excel quoted, pasted as text with its line break: "湖南省
    电机工程学会 — its closing quote went with the next line). A name's own quoted words
    (“科创中国”湖南中心) stay."""
    def balanced(text: str, open_: str, close: str) -> bool:
        depth = 0
        for ch in text:
            depth += (ch == open_) - (ch == close)
            if depth < 0:
                return False
        return depth == 0

    text = name.strip()
    for open_, close in _QUOTE_PAIRS.items():
        if len(text) > 2 and text[0] == open_ and text[-1] == close and balanced(text[1:-1], open_, close):
            return without_stray_quotes(text[1:-1])
        if text[:1] == open_ and text.count(open_) > text.count(close):
            return without_stray_quotes(text[1:])
        if text[-1:] == close and text.count(close) > text.count(open_):
            return without_stray_quotes(text[:-1])
    for mark in "\"'":
        if text.count(mark) % 2 and (text[:1] == mark or text[-1:] == mark):
            return without_stray_quotes(text[1:] if text[:1] == mark else text[:-1])
    return text

# What a project's or a unit's name is written with: Han, letters and digits of any script,
# spaces and the punctuation names really carry (互联网+, 学会（筹）, “一带一路”, 3·15, 湘/鄂).
# Anything else — a box or tick left from the template (□ √), a blank's underscore, a star or
# a bullet someone typed, an ellipsis where the text was cut — is not part of a name, and
# which of several readings is meant cannot be told: the value is kept and doubted.
_NAME_PUNCTUATION = frozenset("“”‘’\"'《》〈〉（）()［］[]【】—–-－‐·・•、，,。.：:；;/／+＋&＆%％ \u3000")


def odd_symbols(name: str) -> str:
    """The characters of `name` a name is not written with (see _NAME_PUNCTUATION), each once.
    A × between digits is a product (“4×4”现代化产业体系); elsewhere it is a template's
    placeholder (湖南省××学会)."""
    name = re.sub(r"(?<=\d)\s*[×xX]\s*(?=\d)", "", name)
    return "".join(dict.fromkeys(ch for ch in name if not ch.isalnum() and ch not in _NAME_PUNCTUATION))


def _doubt_symbols(checked: Checked[str], what: str) -> Checked[str]:
    """`checked` doubted when its value holds characters no name is written with, or a long
    piece of itself twice."""
    if checked.value is None or checked.doubt:
        return checked
    odd = odd_symbols(checked.value)
    piece = repeated_piece(checked.value)
    if odd:
        said = f"{what}“{_shown(checked.value)}”中有名称里不该有的符号“{odd}”（可能是模板里的方框、下划线或别的记号），请核对原件"
    elif piece is not None:
        said = f"{what}“{_shown(checked.value)}”中“{piece}”一段重复出现（可能是单元格内容重复或残缺），请核对原件"
    else:
        return checked
    return Checked(checked.value, doubt="；".join(filter(None, (checked.repair, said))))



def _swallowed_label(name: str, labels: Labels | None) -> re.Match[str] | None:
    """A printed label (or a label-like word) and its colon after the name's start: the known
    labels first, so that "…年会项目类别：" is cut before 项目类别, not before 年会."""
    # An option list's group heading (科技创新服务能力建设项目：) is what follows 项目类别 too.
    groups = set(labels.items.values()) if labels else set()
    known = [re.escape(lab) for lab in (*(labels.all_labels() if labels else ()), *groups) if len(lab) >= 2]
    if known:
        m = re.compile(f"(?:{'|'.join(known)})\\s*[：:]").search(name, 1)
        if m is not None:
            return m
    return _LABEL_LIKE_RE.search(name, 1)


def _after_repair(said: str, rest: Checked[T]) -> Checked[T]:
    """The check of what a repair left (`rest`), with the repair (`said`) noted first: in its
    doubt when it is doubted, else among the repairs."""
    if rest.doubt:
        return Checked(rest.value, doubt=f"{said}；{rest.doubt}")
    return Checked(rest.value, repair="；".join(filter(None, (said, rest.repair))))


# A piece of this many characters or more written twice in one name: a name does not repeat
# itself, a cell whose text was given several times over with a piece lost does.
_REPEAT_PIECE = 6


def _holds_han(piece: str) -> bool:
    return re.search(f"[{_HAN}]", piece) is not None


def repeated_piece(name: str, size: int = _REPEAT_PIECE, counts: Callable[[str], bool] = _holds_han) -> str | None:
    """The first piece of `size` characters that `counts` (by default: Han among them) that
    `name` holds twice without overlap; None when there is none."""
    for start in range(len(name) - 2 * size + 1):
        piece = name[start:start + size]
        if counts(piece) and name.find(piece, start + size) >= 0:
            return piece
    return None


# Words of a template's prompt that no project name uses (（请填写项目全称）, 填写单位全称).
_TEMPLATE_PROMPT_RE = re.compile(r"请填|填写|请勾选|请选择|简明扼要|不超过\s*\d+\s*[个]?字|\d+\s*字以内")


# The template's placeholder left before what was typed after it (××××××××项目资兴市…建设,
# ××××学会湖南省隧道学会, ×××程静): a run of × and, maybe, the word the placeholder stood for.
_PLACEHOLDER_HEAD_RE = re.compile(r"\s*[×✕]{2,}\s*")
# A project's or unit's name typed after a placeholder is a whole name (a place, then what):
# shorter, the rest may be the template's own example (××学会 | 学术年会).
_NAMED_AFTER_PLACEHOLDER = 6
# Words no unit's name opens with: after a placeholder they are the placeholder's (××学会).
_NO_UNIT_OPENS_WITH = ("研究会", "学会", "协会", "科协", "单位", "名称")
_PLACEHOLDER_WORDS = ("研究会", "项目", "学会", "协会", "科协", "单位", "名称", "姓名")
# How a whole project's name opens that no name goes on with after 项目 (××××项目2024年湖南省…论坛,
# ××项目第13届…, ××项目湖南省…建设, ××项目资兴市…服务站建设): after a placeholder and 项目, that
# word was the placeholder's.
# (A year then a name, not a date: ××项目2024年5月至… is no name. A place is one of Hunan's:
# 管理区… after 项目 is 项目管理区…'s own start.)
_NAME_OPENING_AFTER_WORD_RE = re.compile(r"\d{4}\s*年度?(?=[\u4e00-\u9fff]{4})|第\s*[\d一二三四五六七八九十]+\s*[届期次]|湖南|湘")


# A template's example left before the value (例：2024年××学会学术年会“某论坛”, 例：湖南省××学会某科协,
# 例：张三 王伟): 例 and the example, its placeholder or example name showing it for one.
_EXAMPLE_HEAD_RE = re.compile(r"\s*例\s*[：:]\s*")
_EXAMPLE_END_RE = re.compile(r"学术年会|年会|论坛|研讨会|学会|协会|研究会|科协")
_EXAMPLE_NAMES_RE = re.compile(r"(?:张三|李四|王五|赵六)\s*")


_BRACKETED_REMARK_RE = re.compile(r"\s*[（(][^（()）]*[)）]\s*")


def _after_example(text: str, check: Callable[[str], Checked[str]], what: str) -> Checked[str] | None:
    """`text` without the template's example left before it (例：…), when what follows passes
    `check` undoubted; None when `text` opens with no example or what follows is in doubt. The
    example holds a placeholder (××) and ends in a word such names end in; of its possible
    ends, the longest after which a value passes is taken (例：2024年××学会学术年会“某论坛”)."""
    head = _EXAMPLE_HEAD_RE.match(text)
    if head is None:
        return None
    ends = [head.end()]
    names = _EXAMPLE_NAMES_RE.match(text, head.end())
    if names is not None:
        ends.append(names.end())
    stop = re.search(r"[“”\s：:]", text[head.end():])
    span = text[head.end(): head.end() + stop.start()] if stop is not None else text[head.end():]
    if "××" in span:
        ends += [head.end() + m.end() for m in _EXAMPLE_END_RE.finditer(span) if "××" in span[:m.end()]]
    for end in sorted(set(ends), reverse=True):
        if end >= len(text) or _BRACKETED_REMARK_RE.fullmatch(text, end):
            # Nothing after it but a remark in brackets (…论坛（以下简称“某论坛”）): that end cut
            # the value's own name off as the example's.
            continue
        checked = check(text[end:])
        if checked.value and not checked.doubt and not _EXAMPLE_NAMES_RE.fullmatch(checked.value):
            if end == head.end():
                # Only 例： before it: the template's example itself, left unfilled, as likely.
                return Checked(checked.value, doubt=f"{what}前写有“例：”，可能是模板的填写示例未改，请核对原件")
            said = f"{what}前的“{text[:end].strip()}”是申报书模板的填写示例，已去掉"
            return Checked(checked.value, repair="；".join(filter(None, (said, checked.repair))))
    return None


def _opens_a_name(text: str, labels: Labels | None = None) -> bool:
    """Whether `text` opens as a whole project's name does that no name goes on with after 项目:
    a year then words, an edition, the province, one of Hunan's places (load_value_rules), the
    name's opening quote (××项目《…研讨会》), or one of the guide's items (××项目省级学会网站管理平台
    建设与运维: no name says 项目省级学会…); a line's break inside it (…网站管↵理平台…) is no part of it."""
    stripped = re.sub(r"\s+", "", text)
    return (_NAME_OPENING_AFTER_WORD_RE.match(stripped) is not None
            or stripped[:1] in "《“\"「"
            or any(stripped.startswith(place) for place in load_value_rules().places)
            or (labels is not None and any(stripped.startswith(item) for item in labels.items)))


def _after_placeholder(text: str, check: Callable[[str], Checked[str]], what: str,
                       shortest: int = 1, never_opens: tuple[str, ...] = (),
                       opens_name_after_word: bool = False, labels: Labels | None = None) -> Checked[str] | None:
    """`text` without the template's placeholder before it, when what follows passes `check`
    undoubted: the placeholder with the word it stood for when no value opens with that word
    (`never_opens`: ××××学会 | 湖南省隧道学会), or the × alone when no such word follows them
    (××× | 程静), or with 项目 when `opens_name_after_word` and a name's opening follows it
    (××××项目2024年…论坛). None when `text` opens with no placeholder, when the word after it may be the
    value's own start (××项目管理能力提升研修班, ××学会服务站建设), or when nothing of `shortest`
    characters after it passes: its doubt stays (××××学会学术年会 is the template's example)."""
    head = _PLACEHOLDER_HEAD_RE.match(text)
    if head is None or head.end() >= len(text):
        return None
    rest = text[head.end():]
    word = next((w for w in _PLACEHOLDER_WORDS if rest.startswith(w)), "")
    if word and word not in never_opens and not (word == "项目" and opens_name_after_word
                                                 and _opens_a_name(rest[len(word):], labels)):
        return None  # ××学会服务站建设: the word may be the placeholder's or the name's own start
    kept = rest[len(word):].lstrip()
    if len(kept) < shortest or kept in _PLACEHOLDER_WORDS:
        return None
    checked = check(kept)
    if not checked.value or checked.doubt:
        return None
    said = f"{what}前的“{text[: len(text) - len(kept)].strip()}”是申报书模板的占位提示，已去掉"
    return Checked(checked.value, repair="；".join(filter(None, (said, checked.repair))))


def check_project_name(text: str, labels: Labels | None = None, rules: ValueRules | None = None) -> Checked[str]:
    """A project name, repaired or doubted by _project_name, then doubted when it holds
    characters no name is written with or opens with a misread place."""
    placeholder = _after_placeholder(text, lambda rest: check_project_name(rest, labels, rules), "项目名称",
                                     shortest=_NAMED_AFTER_PLACEHOLDER, opens_name_after_word=True, labels=labels) \
        or _after_example(text, lambda rest: check_project_name(rest, labels, rules), "项目名称")
    if placeholder is not None:
        return placeholder
    english = _ENGLISH_NAME_RE.search(text)
    after = text[english.end():].lstrip()[:1] if english is not None else ""
    if english is not None and after and after in "）)" and _english_words(english.group(1)) \
            and len(_ENGLISH_NAME_RE.findall(text)) == 1:
        # （长株潭…学术交流会（Changsha-Zhuzhou-Xiangtan Academic Exchange Meeting …）），申请…: the
        # name's English translation inside the brackets a letter's sentence puts the name in (one
        # closing the name is _project_name's).
        rest = text[:english.start()] + text[english.end():]
        if len(re.findall(f"[{_HAN}]", rest)) >= _MIN_PROJECT_CHARS:
            said = f"项目名称后括号中的英文名称“{' '.join(english.group(1).split())}”已移入备注"
            return _after_repair(said, check_project_name(rest, labels, rules))
    swapped = _EDITION_SWAPPED_RE.match(text)
    if swapped is not None:
        # 8第届湖南岩土工程学术交流会: a scan's OCR set the edition's number, a box of its own,
        # before 第 (its box began left of 第's); 第8届 is the only reading.
        fixed = f"第{swapped.group(1)}{swapped.group(2)}{text[swapped.end():]}"
        said = f"项目名称开头的“{_shown(swapped.group(0).strip())}”是“第{swapped.group(1)}{swapped.group(2)}”的识别错序，已改正"
        return _after_repair(said, check_project_name(fixed, labels, rules))
    heading = _TEMPLATE_HEADING_RE.fullmatch(text.strip())
    if heading is not None:
        # 项目名称：填表说明： the next page's heading read as the value (a scan whose name cell
        # was left empty or not read): no name was read.
        return Checked(None, doubt=f"项目名称一栏读到的是“{heading.group(0).strip()}”（申报书模板的标题），未读到项目名称，请核对原件")
    clause = _BRACKETED_THEN_CLAUSE_RE.fullmatch(text.strip())
    if clause is not None and len(clause.group(1).strip()) >= _MIN_PROJECT_CHARS:
        # 项目名称为：（洪江市楠竹科技服务站建设），申请省科协资助经费…: a letter's sentence, the
        # name in brackets and the sentence going on after them (or the brackets alone).
        said = (f"项目名称写在括号中，其后的“{_shown(clause.group(2))}”是句子的其余部分，已去掉" if clause.group(2)
                else "项目名称两侧的括号不属于名称，已去掉")
        return _after_repair(said, check_project_name(clause.group(1), labels, rules))
    unquoted = without_stray_quotes(text)
    # (a plain pair around the name is _project_name's, which says which marks they were)
    if unquoted != text.strip() and len(unquoted) >= _MIN_PROJECT_CHARS and not _TITLE_MARKS_RE.fullmatch(text.strip()):
        said = f"项目名称前后的引号不属于名称，已去掉，记为“{_shown(unquoted)}”"
        return _after_repair(said, check_project_name(unquoted, labels, rules))
    note = _NUMBERED_NOTE_TAIL_RE.search(text)
    if note is not None and note.start() > 0:
        kept = check_project_name(text[:note.start()], labels, rules)
        if kept.value and not kept.doubt:
            return _after_repair(f"项目名称后连着的“{_shown(note.group(0).strip())}”是填表说明，已去掉", kept)
    checked = _doubt_generic_start(_doubt_symbols(_project_name(text, labels, rules), "项目名称"),
                                   _GENERIC_PROJECT_START_RE, "项目名称")
    code = _LETTER_CODE_TAIL_RE.search(checked.value or "")
    if code is None or checked.doubt:
        return checked
    return Checked(checked.value, doubt=f"项目名称“{_shown(checked.value or '')}”末尾的“{code.group(0).strip()}”"
                                        "像是选项的字母代号（可能连上了别的栏目），请核对原件")


# A name in brackets and a sentence going on after them: （…），申请省科协资助经费….
_BRACKETED_THEN_CLAUSE_RE = re.compile(r"[（(]([^（()）]+)[）)]\s*([，,；;。].*)?", re.S)
# The template's own headings, which no project is called.
# (项目概况, 基本信息: a group's caption printed down the table's first column, read beside the label.)
_TEMPLATE_HEADING_RE = re.compile(r"(?:填表说明|填报说明|填写说明|说明|备注|注|(?:项目)?(?:基本)?(?:情况|信息)|(?:项目)?概况|项目申报书|申报书)"
                                  r"\s*[：:]?")
# An edition's number read before its 第 (8第届…, 12 第期…).
_EDITION_SWAPPED_RE = re.compile(r"\s*(\d{1,3})\s*第\s*([届期次])")
# A numbered note of the template run on after a value, set apart by a space (… 1.项目名称应简明
# 扼要，不超过30字。): a line the reader took for the value's wrap.
_NUMBERED_NOTE_TAIL_RE = re.compile(r"\s+\d{1,2}\s*[.．、]\s*[\u4e00-\u9fff].{4,}$")
# One Latin letter in brackets closing a name (…学术交流会 (A)): an option's letter code from a
# column beside the name (项目类别 A/B/C), not a part of the name.
_LETTER_CODE_TAIL_RE = re.compile(r"\s*[（(]\s*[A-Za-z]\s*[）)]\s*$")


# The place a name opens with, after a year or an edition, 服务 or 湖南省: the first run of Han
# characters up to 市, 县 or 区 (资兴市葡萄产业…, 服务溆浦县百合产业…, 岳阳市科协).
_PLACE_HEAD_RE = re.compile(r"(?:(?:19|20)\d{2}\s*年度?|第\s*[\d一二三四五六七八九十]+\s*[届期])?\s*(?:服务)?(?:湖南省)?"
                            r"([\u4e00-\u9fff]{1,7}?[市县区])")


def doubt_misread_place(checked: Checked[str], what: str, rules: ValueRules | None = None) -> Checked[str]:
    """`checked` doubted when its value, read by OCR, opens with a place that is none of
    Hunan's but one character away from exactly one of them (激浦县 for 溆浦县). Which place
    is meant is said, never put in. Typed text is left alone: 武汉市 and 衡水市 are places too."""
    rules = rules or load_value_rules()
    name = checked.value or ""
    head = _PLACE_HEAD_RE.match(name)
    if checked.doubt or head is None or head.group(1) in rules.places:
        return checked
    place = head.group(1)
    near = [p for p in rules.places if len(p) == len(place) and sum(a != b for a, b in zip(p, place)) == 1]
    if len(near) != 1:
        return checked
    said = f"{what}中的“{place}”不是湖南省的县市名称，可能是“{near[0]}”的误读，请核对原件"
    return Checked(checked.value, doubt="；".join(filter(None, (checked.repair, said))))


def _item_prefix(name: str, labels: Labels | None) -> str | None:
    """The guide item a project name is prefixed with (学术交流类：…, 【学会服务站建设】…,
    （学术交流）…), as written, or None."""
    if labels is None:
        return None
    for item in sorted(labels.items, key=len, reverse=True):
        m = re.match(f"\\s*(?:[【\\[（(]\\s*{re.escape(item)}(?:类|项目)?\\s*[】\\]）)]|{re.escape(item)}(?:类|项目)\\s*[：:])\\s*", name)
        if m is not None:
            return m.group(0)
    return None


def item_named_before(name: str, labels: Labels) -> str | None:
    """The guide item a project name is prefixed with (【科技创新联盟建设】…), by its name in
    the guide, or None."""
    prefix = _item_prefix(name, labels)
    return next((item for item in sorted(labels.items, key=len, reverse=True) if prefix and item in prefix), None)


# The short name a project will go by, in brackets after its name: （简称“某某联盟”）.
# An item's or a project's code in brackets after the name: （指南编号：2024-FW-04）, (项目编号 XM-12),
# （编号：2024001）. Letters, figures and dashes only after the word.
_ITEM_CODE_TAIL_RE = re.compile(r"\s*[（(]\s*(?:指南|项目|申报|条目|选题)?(?:编号|代码|代号)\s*[:：]?\s*"
                                r"[A-Za-z0-9][A-Za-z0-9\-－—_/. ]{1,24}\s*[)）]\s*(?P<footnote>[1-9¹²³]?)\s*$")
# A name said to be provisional after it: （暂定）, (暂定名), （名称暂定）, （拟）.
# When and where the project is to be held, in brackets after its name: （拟于2024年8月在株洲举办）,
# （2024年6月，株洲）, (2024年7月·常德). A month of a year, then a place or 举办, within the bracket.
_WHEN_WHERE_TAIL_RE = re.compile(r" ?[（(] ?(?:拟|计划|预计)?(?:于|定于|在)? ?(?:20\d{2} ?年)? ?\d{1,2} ?月"
                                 r"(?:[上中下]旬|份|底|初)?[^（()）]{0,16}?(?:举办|召开|举行|[，,·、 ] ?[\u4e00-\u9fff]{2,6}) ?[)）] ?$")
# (Looked for in the name's last characters only, spaces run together: a long run would make
# the pattern's optional parts try every split.)
_WHEN_WHERE_TAIL_CHARS = 40
# A kind of project in brackets closing a name: （高端学术活动类）, (服务乡村振兴类项目), （高端学术活动）.
_KIND_TAIL_RE = re.compile(r" ?[（(] ?([\u4e00-\u9fff]{2,12}?)(?:类项目|类|项目)? ?[)）] ?$")
_KIND_TAIL_CHARS = 24
# The unit's ranking of its own applications after the name: （本单位推荐第3项）, （推荐排序：1）,
# （排序第2）, （推荐顺序：第1）.
_RANK_TAIL_RE = re.compile(r" ?[（(] ?(?:本单位)?(?:推荐 ?(?:排序|顺序|排名)?|排序|顺序|排名)[:：]? ?(?:第 ?)?"
                           r"[\d一二三四五六七八九十]{1,3} ?(?:项|位|名)? ?[)）] ?$")
_RANK_TAIL_CHARS = 20
# A photo box's caption after the name: （照片）, (一寸免冠照片), （相片）.
_PHOTO_BOX_TAIL_RE = re.compile(r"\s*[（(]\s*(?:[一二1-2]寸)?(?:免冠)?(?:彩色|蓝底|红底)?(?:照片|相片)\s*[)）]\s*$")
_TENTATIVE_TAIL_RE = re.compile(r"\s*[（(]\s*(?:暂定名?称?|名称暂定|拟定?名?称?|暂拟|待定)\s*[)）]\s*$")
_PROJECT_SHORT_NAME_RE = re.compile(r"\s*[（(]\s*(?:以下)?简称\s*[：:]?\s*[“\"「『]?[^（()）]{1,20}?[”\"」』]?\s*[)）]\s*$")


def _project_name(text: str, labels: Labels | None, rules: ValueRules | None) -> Checked[str]:
    """A project name that neither swallowed the next label (项目名称：XX 项目类别：…) nor
    ends in the next section's number (…学术年会（二）, …论坛 二、): either is cut off when
    a name of at least four characters remains."""
    rules = rules or load_value_rules()
    name = clean_project_name(text)
    if not name or name in rules.nothing:
        return Checked(None)
    once, times = repeated(name)
    if times > 1:
        said = f"项目名称“{_shown(once)}”在单元格中重复出现了{times}次，按一次记录"
        return _after_repair(said, _project_name(once, labels, rules))
    if not re.search(f"[{_HAN}]", name):
        return Checked(name, doubt=_NO_HAN.format(what="项目名称", value=_shown(name)))
    prompt = _PROMPT_TAIL_RE.search(name)
    if prompt is not None and prompt.start() >= _MIN_PROJECT_CHARS and _TEMPLATE_PROMPT_RE.search(prompt.group()):
        # …联盟建设（限30字以内）: the template's bracketed prompt left after the name typed before it.
        said = f"项目名称后的“{prompt.group().strip()}”是申报书模板的填写提示，已去掉"
        return _after_repair(said, _project_name(name[: prompt.start()], labels, rules))
    pipe = _PIPE_TAIL_RE.search(name)
    if pipe is not None and pipe.start() >= _MIN_PROJECT_CHARS:
        # …学会服务站 |: a text table's column rule (a form typed as | 项目名称 | … |) after the value.
        return _after_repair("项目名称末尾的“|”是文字表格的分隔线，已去掉", _project_name(name[: pipe.start()], labels, rules))
    if _TEMPLATE_PROMPT_RE.search(name):
        # What is left of the template's grey prompt (cut by a line, a narrow cell or OCR):
        # the value may be missing or hidden behind it.
        return Checked(name, doubt=f"项目名称“{_shown(name)}”含申报书模板的填写提示，可能只读到了提示或未填写，请核对原件")
    if _ORDINAL_TAIL_RE.search(name):
        # 第14届 | 湖南化学学术交流会: what the ordinal counts went to a line or cell not read.
        return Checked(name, doubt=f"项目名称“{_shown(name)}”以届次/期次结尾，后面的名称可能换行后未读到，请核对原件")
    item = _item_prefix(name, labels)
    if item is not None and len(name) - len(item) >= _MIN_PROJECT_CHARS:
        # 学术交流类：某某论坛, 【学术交流】某某论坛: the guide's item written before the name.
        said = f"项目名称前的“{item.strip()}”是申报的指南项目，不属于名称，已去掉"
        return _after_repair(said, _project_name(name[len(item):], labels, rules))
    quoted = _TITLE_MARKS_RE.fullmatch(name)
    if quoted is not None:
        inner = check_project_name(next(g for g in quoted.groups() if g), labels, rules)
        marks = name[0] + name[-1]
        kind = {"《》": "书名号", "【】": "方括号"}.get(marks, "引号")
        said = f"项目名称两侧的{kind}{marks}不属于名称，已去掉，记为“{_shown(inner.value or '')}”"
        return inner if inner.doubt else Checked(inner.value, repair="；".join(filter(None, (said, inner.repair))))
    stop = _SENTENCE_END_RE.search(name)
    if stop is not None and stop.start() >= _MIN_PROJECT_CHARS:
        # A full stop typed after the name (…学术交流会。) as at the end of a sentence.
        said = f"项目名称末尾的“{stop.group().strip()}”是标点，不属于名称，已去掉"
        return _after_repair(said, _project_name(name[: stop.start()], labels, rules))
    tail_at = max(len(name) - _ENGLISH_TAIL_CHARS, 0)
    english = _ENGLISH_TAIL_RE.search(name, tail_at)
    if english is not None and english.start() >= _MIN_PROJECT_CHARS and _english_words(english.group(1)):
        # The project's English name after it (…学术年会（2024 Hunan Optics Annual Conference）).
        said = f"项目名称后括号中的英文名称“{' '.join(english.group(1).split())}”已移入备注"
        return _after_repair(said, _project_name(name[: english.start()], labels, rules))
    tail_at = max(len(name) - _WHEN_WHERE_TAIL_CHARS, 0)
    when = _WHEN_WHERE_TAIL_RE.search(re.sub(r"\s+", " ", name[tail_at:]))
    if when is not None and tail_at + when.start() >= _MIN_PROJECT_CHARS:
        # …高峰论坛（拟于2024年8月在株洲举办）, …论坛(2024年7月·常德): when and where it is to be
        # held, a remark for the office, not the name.
        said = f"项目名称后括号中的“{when.group().strip(' （()）')}”是举办时间和地点，已移入备注"
        return _after_repair(said, _project_name(name[: tail_at + when.start()], labels, rules))
    tagged = _KIND_TAIL_RE.search(name, max(len(name) - _KIND_TAIL_CHARS, 0))
    if tagged is not None and tagged.start() >= _MIN_PROJECT_CHARS and tagged.group(1) in rules.project_kinds:
        # …学术研讨会（高端学术活动类）: the guide's kind of project, which says which kind, not which project.
        said = f"项目名称后括号中的“{tagged.group().strip(' （()）')}”是指南中的项目类型，已移入备注"
        return _after_repair(said, _project_name(name[:tagged.start()], labels, rules))
    rank = _RANK_TAIL_RE.search(name, max(len(name) - _RANK_TAIL_CHARS, 0))
    if rank is not None and rank.start() >= _MIN_PROJECT_CHARS:
        # …科技服务站建设（本单位推荐第3项）, （推荐排序：1）: the unit's own ranking of its
        # applications, for the office, not the project's name.
        said = f"项目名称后括号中的“{rank.group().strip(' （()）')}”是本单位的推荐排序，已移入备注"
        return _after_repair(said, _project_name(name[: rank.start()], labels, rules))
    photo = _PHOTO_BOX_TAIL_RE.search(name)
    if photo is not None and photo.start() >= _MIN_PROJECT_CHARS:
        # …科技创新联盟建设（照片）: a personnel-style grid's photo box beside the name's cell,
        # read on its line; no project is named after a photo.
        said = f"项目名称后的“{photo.group().strip()}”是表格中照片栏的字样，不属于名称，已去掉"
        return _after_repair(said, _project_name(name[: photo.start()], labels, rules))
    tentative = _TENTATIVE_TAIL_RE.search(name)
    if tentative is not None and tentative.start() >= _MIN_PROJECT_CHARS:
        # …学术论坛（暂定名）: the name as it stands, said to be provisional.
        said = f"项目名称后的“{tentative.group().strip()}”说明名称尚未最终确定，已移入备注"
        return _after_repair(said, _project_name(name[: tentative.start()], labels, rules))
    code = _ITEM_CODE_TAIL_RE.search(name)
    if code is not None and code.start() >= _MIN_PROJECT_CHARS:
        # …学术论坛（指南编号：2024-FW-04）: the guide's item code, a reference, not the name.
        # A footnote's number may follow the bracket (…（指南编号：2024-FW-03)1): it goes too.
        mark = code.group("footnote")
        said = (f"项目名称后括号中的“{name[code.start():code.start('footnote')].strip(' （()）')}”是编号，不属于名称，"
                f"已移入备注" + (f"（其后的“{mark}”是脚注标号，已去掉）" if mark else ""))
        return _after_repair(said, _project_name(name[: code.start()], labels, rules))
    short = _PROJECT_SHORT_NAME_RE.search(name)
    if short is not None and short.start() >= _MIN_PROJECT_CHARS:
        # …科技创新联盟建设（简称“某某联盟”）: the short name the unit will use, not the name.
        said = f"项目名称后括号中写的是简称（{short.group().strip(' （()）')}），已移入备注"
        return _after_repair(said, _project_name(name[: short.start()], labels, rules))
    cut = name
    label = _swallowed_label(cut, labels)
    if label is not None:
        cut = cut[: label.start()].rstrip(" ，,；;、")
    tail = _ENUMERATOR_TAIL_RE.search(cut)
    if tail is not None and tail.start() >= _MIN_PROJECT_CHARS:
        cut = cut[: tail.start()].rstrip()
    if cut == name:
        return _doubt_cut_end(Checked(name), rules)
    if len(cut) < _MIN_PROJECT_CHARS:
        return Checked(name, doubt=f"项目名称“{_shown(name)}”混入了其他栏目的内容，无法确定名称的范围，请人工核对")
    said = f"项目名称原文为“{_shown(name)}”，末尾的“{name[len(cut):].strip()}”不属于名称，已去掉"
    # What is left is checked as a name of its own: 《平江县柑橘科技服务站建设》 项目类别… keeps no 《》.
    return _after_repair(said, _project_name(cut, labels, rules))


# A bracket closing a value, holding a template's prompt (（限30字以内）, （请填写全称）): judged by
# _TEMPLATE_PROMPT_RE on the bracket's words.
_PROMPT_TAIL_RE = re.compile(r"\s*[（(][^（）()]{2,20}[）)]\s*$")
# A text table's column rule closing a value.
_PIPE_TAIL_RE = re.compile(r"\s*[|｜]+\s*$")
# A sentence's end typed after a value: 。 ； ; . (one or more), nothing after.
_SENTENCE_END_RE = re.compile(r"(?<![\d\s])\s*[。；;．.]+\s*$")  # after a figure: an item number (年会2.)
# A name's English translation in brackets: Latin words, digits and the punctuation titles
# carry, no Han; at most 200 characters (bounded: a cell of 20,000 letters and spaces took 8 s
# with an open run). `_english_words` says whether it is one.
_ENGLISH_NAME_RE = re.compile(r"\s?[（(]\s?([A-Za-z0-9][A-Za-z0-9 \n,.&'’:：\-–/]{1,200}?)\s?[）)]")
_ENGLISH_TAIL_RE = re.compile(_ENGLISH_NAME_RE.pattern + r"\s{0,3}$")
_ENGLISH_TAIL_CHARS = 220  # the tail looked in: the longest translation and its brackets


def _english_words(inner: str) -> bool:
    """Whether a bracket's text is an English name: at least two words of two letters or more
    (an acronym alone, （AI）, may be the name's), or, its spaces lost to a scan's OCR, two
    capitalised words run together (2024HunanEcologicalEconomicsSymposium)."""
    return len(re.findall(r"[A-Za-z]{2,}", inner)) >= 2 or len(re.findall(r"[A-Z][a-z]{2,}", inner)) >= 2

# brackets of either width count as one kind
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("「", "」"), ("【", "】"))
# A name ending in a number of one or two digits right after a word: a page number or a
# footnote's mark read into it (全省高校科协交14), never how a name ends.
NUMBER_TAIL_RE = re.compile(r"(?<=[\u4e00-\u9fff》”）)】])\s?(\d{1,2})$")  # the number is group 1
# Only a place (汝城县, 长沙市), maybe after the year or the edition that opens many names
# (2024年湖南省, 第5届湖南省): the rest of the name went to a line or a cell not read.
_PLACE_ONLY_RE = re.compile(r"(?:(?:19|20)\d{2}\s*年度?|第\s*[\d一二三四五六七八九十]+\s*[届期])?"
                            r"(?!.*城市$)(?:[\u4e00-\u9fff]{1,3}[省市县区州]|[\u4e00-\u9fff]{2,8}自治[县州])")


def ends_like_project(name: str, rules: ValueRules | None = None) -> bool:
    """Whether a project's name ends in a word most names of this call end with (labels.toml
    `project_endings`: 论坛, 年会, 建设 …), a closing bracket or quote aside. Many good names end
    otherwise: this tells a wrapped name's two pieces apart, it doubts nothing."""
    rules = rules or load_value_rules()
    core = name.rstrip("》」”’）) ")
    return any(core.endswith(e) for e in rules.project_endings)


def _doubt_cut_end(checked: Checked[str], rules: ValueRules) -> Checked[str]:
    """Doubt a project name cut short: it ends in a word no name ends with (labels.toml
    `project_cut_endings`), in a one- or two-digit number, holds an unpaired bracket or quote
    (《长株潭材料研究标), or is a place alone."""
    name = checked.value or ""
    ending = next((e for e in rules.project_cut_endings if name.endswith(e)), None)
    if ending is not None:
        return Checked(name, doubt=f"项目名称“{_shown(name)}”以“{ending}”结尾，后面的名称可能换行后未读到，请核对原件")
    if NUMBER_TAIL_RE.search(name):
        return Checked(name, doubt=f"项目名称“{_shown(name)}”以数字结尾，可能混入了页码或脚注标号，也可能被截断，请核对原件")
    paired = name.replace("(", "（").replace(")", "）")
    unpaired = next((a + b for a, b in _PAIRS if paired.count(a) != paired.count(b)), None)
    if unpaired is not None:
        return Checked(name, doubt=f"项目名称“{_shown(name)}”中的“{unpaired}”不成对，名称可能不完整，请核对原件")
    if _PLACE_ONLY_RE.fullmatch(name) or name in rules.places:
        return Checked(name, doubt=f"项目名称“{_shown(name)}”到地名就结束了，后面的名称可能换行后未读到，请核对原件")
    return checked


_ITEM_HEAD_MIN = 4  # characters of a guide item's name a project name must end with to be doubted
_DROPPED_TAILS = frozenset({"建设"})


def doubt_cut_item(checked: Checked[str], labels: Labels | None) -> Checked[str]:
    """Doubt a project name, read by OCR, that ends in the head of one of the guide's items,
    not the whole item (“科创中国”湖南 | 中心建设与运营, 湖南省学会制度 | 机制建设): the rest of
    the item's name went to a line or a box not read. A head missing only 建设 is a name of its
    own; typed names end so on purpose too (…创新工程, …科技创新), so typed text is left alone."""
    name = checked.value or ""
    if checked.doubt or labels is None:
        return checked
    for item in labels.items:
        # Without its last 建设 an item's name is how projects are named (…学会服务站, …科技创新联盟).
        heads = [item[:k] for k in range(_ITEM_HEAD_MIN, len(item)) if item[k:] not in _DROPPED_TAILS]
        if any(name.endswith(head) for head in heads) and not name.endswith(item):
            return Checked(name, doubt=f"项目名称“{_shown(name)}”以指南项目“{item}”的前半部分结尾，"
                                       "后面的名称可能换行后未读到，请核对原件")
    return checked


# A date closing a unit's name: the signature block's date glued on (某学会 2024年4月25日).
_DATE_TAIL_RE = re.compile(r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?|\d{4}[-./]\d{1,2}[-./]\d{1,2}|年\s*月\s*日)\s*$")


# A unit's 统一社会信用代码 (18 characters, GB 32100-2015) written after its name, with or
# without its label and brackets: not part of the name. (A scan may read 一 as a dash: 统—.)
_CREDIT_CODE_RE = re.compile(
    r"[，,；;、]?（?(?:统[一—－-]社会信用代码|社会信用代码|信用代码)?[：:]?[0-9A-HJ-NPQRTUWXY]{18}）?$"
    # Labelled, it may carry a character or two of what stood beside it (a seal's 学 read by OCR).
    r"|[，,；;、]?（?(?:统[一—－-]社会信用代码|社会信用代码|信用代码)[：:]?\s*[0-9A-HJ-NPQRTUWXY]{18}）?[\u4e00-\u9fff]{1,2}$")
# The code's label opened after the name with the code itself cut off (某中心（统一社会信用代码：
# | 5243…） over two lines of a cell): the label and what of the code there is are no name's.
_CREDIT_CODE_CUT_RE = re.compile(r"[，,；;、]?[（(]?(?:统[一—－-]社会信用代码|社会信用代码|信用代码)[：:]?\s*[0-9A-HJ-NPQRTUWXY]{0,17}$")


# A run of letters and digits as long as a code, left inside a name (…学会51430000MJ4181071A学会).
_CODE_INSIDE_RE = re.compile(r"[0-9A-Z]{15,}")


# The unit's English name in brackets after it: 湖南省光学学会（Hunan Society of Optics）. Latin
# letters only (an abbreviation in brackets, 湖南省人工智能学会（HAIS）, is English too).
# The unit's English name after its own: in brackets, in brackets cut where the line wrapped
# (郴州市科协（Chenzhou Association for Science), or after a space, two words at least.
# A unit's own office in brackets after its name: （秘书处）, （学会办公室）, （学术部）.
_OFFICE_TAIL_RE = re.compile(r"[（(]\s*([\u4e00-\u9fff]{0,6}(?:秘书处|办公室|秘书长办公室|[学术组织宣传综合科普会员]{2}部))\s*[)）]\s*$")
_ENGLISH_NAME_TAIL_RE = re.compile(r"\s*[（(]\s*([A-Za-z][A-Za-z\s.,&'’\-]*)[)）]\s*$"
                                   r"|\s*[（(]\s*([A-Za-z][A-Za-z.,&'’\-]*(?:\s+[A-Za-z.,&'’\-]+)+)\s*$"
                                   r"|(?<=[\u4e00-\u9fff])\s*([A-Z][A-Za-z.,&'’\-]*(?:\s+[A-Za-z.,&'’\-]+)+)\s*$")


# The short or former name a unit gives after its name (（简称“娄底市科协”）, （原名：湖南省某研究中心）).
_SHORT_NAME_TAIL_RE = re.compile(r"\s*[（(]\s*(?:(?:以下)?简称|原名|曾用名|原称|更名前为?|原(?=[\u4e00-\u9fff]{4}))\s*[：:]?\s*[“\"「『]?[^（()）]{1,20}?[”\"」』]?\s*[)）]\s*$")


_ORG_TEXT_MAX = 300
# A bracket closing a unit's value (what it holds is judged by _TEMPLATE_PROMPT_RE).
_PROMPT_BRACKET_TAIL_RE = re.compile(r" ?[（(][^（()）]{2,24}[)）] ?$")
# A social organisation's rating in brackets after its name: （3A级社会组织）, （AAAA级学会）, （5A）.
_RATING_TAIL_RE = re.compile(r" ?[（(] ?(?:[1-5１-５]A|A{2,5}|[一二三四五]A)级?[\u4e00-\u9fff]{0,6} ?[)）]$")
# The body a society answers to, in brackets after its name: （业务主管单位：湖南省科协）, （挂靠单位：…）.
_SUPERVISOR_TAIL_RE = re.compile(r" ?[（(] ?(?:(?:业务)?(?:主管|挂靠|指导)单位 ?[:：]?|挂靠(?:于|在)? ?)[^（()）]{2,30}[)）]$")
_SUPERVISOR_TAIL_CHARS = 45
# A unit's name marked as still being set up: （筹）, （筹备）, （筹委会）.
_PREPARING_TAIL_RE = re.compile(r" ?[（(]筹(?:备|备中|委会|建|备组)?[）)]$")


def check_org_name(text: str, rules: ValueRules | None = None) -> Checked[str]:
    """A unit's name, repaired or doubted by _org_name, then doubted when it holds characters
    no name is written with."""
    if len(text) > _ORG_TEXT_MAX:
        # No unit's name, nor one with what a cell adds to it: not taken apart rule by rule (a
        # cell of 20,000 brackets ran half a minute into a RecursionError).
        return Checked(text.strip(), doubt=f"单位名称一栏的内容过长（{len(text)}个字符），不像单位名称，请核对原件")
    placeholder = _after_placeholder(text, lambda rest: check_org_name(rest, rules), "单位名称",
                                     shortest=_NAMED_AFTER_PLACEHOLDER, never_opens=_NO_UNIT_OPENS_WITH) \
        or _after_example(text, lambda rest: check_org_name(rest, rules), "单位名称")
    if placeholder is not None:
        return placeholder
    if traditional_count(text):
        # 湖南省技術转移研究院: one traditional character in a unit's name (a recogniser's variant,
        # or a character typed so); the unit's registered name is simplified, and staff search it so.
        simplified = to_simplified(text)
        said = f"单位名称“{_shown(text)}”中的繁体字已按简体记为“{_shown(simplified)}”"
        return _after_repair(said, check_org_name(simplified, rules))
    cleaned = clean_org_name(text).strip()
    rating = _RATING_TAIL_RE.search(cleaned, max(len(cleaned) - 20, 0))
    if rating is not None and rating.start() >= 4:
        # 湖南省渔业学会（3A级社会组织）: the rating the civil-affairs office gave the unit, no part of its name.
        return _after_repair(f"单位名称后括号中的“{rating.group().strip(' （()）')}”是单位的评估等级，已移入备注",
                             check_org_name(cleaned[:rating.start()], rules))
    supervisor = _SUPERVISOR_TAIL_RE.search(cleaned, max(len(cleaned) - _SUPERVISOR_TAIL_CHARS, 0))
    if supervisor is not None and supervisor.start() >= 4:
        # 湖南省蜂业学会（业务主管单位：湖南省科协）: the body the unit answers to, another unit.
        return _after_repair(f"单位名称后括号中的“{supervisor.group().strip(' （()）')}”是其业务主管（挂靠）单位，已移入备注",
                             check_org_name(cleaned[:supervisor.start()], rules))
    preparing = _PREPARING_TAIL_RE.search(cleaned)
    if preparing is not None and preparing.start() >= 4 and not _PREPARING_TAIL_RE.search(cleaned[:preparing.start()]):
        # 邵阳市科协（筹）: a unit still being set up; its name is the one before the bracket, and
        # whether such a unit may apply is the office's question, so it is asked.
        inner = check_org_name(cleaned[:preparing.start()], rules)
        said = f"单位名称后的“{preparing.group().strip()}”表示该单位尚在筹备中，已移入备注"
        asked = f"申报单位注明“{preparing.group().strip()}”（尚在筹备中），请核对其是否具备申报资格"
        return Checked(inner.value, repair="；".join(filter(None, (said, inner.repair))),
                       doubt="；".join(filter(None, (inner.doubt, asked))))
    address = _ADDRESS_BRACKET_RE.search(cleaned)
    if address is not None and address.start() >= 4:
        # 湖南省麻醉学会（长沙市芙蓉区建设路243号）: the unit's address, which the name is not.
        return _after_repair(f"单位名称后括号中的地址“{address.group(1)}”已移入备注",
                             check_org_name(cleaned[:address.start()], rules))
    unquoted = without_stray_quotes(cleaned)
    if unquoted != cleaned and unquoted:
        return _after_repair("单位名称前后的引号不属于名称，已去掉", check_org_name(unquoted, rules))
    prompt = _PROMPT_BRACKET_TAIL_RE.search(cleaned, max(len(cleaned) - 30, 0))
    if prompt is not None and prompt.start() >= 4 and _TEMPLATE_PROMPT_RE.search(prompt.group()) \
            and looks_like_org(cleaned[:prompt.start()], rules):
        # 张家界市科协（填写单位全称）: the template's prompt left after a whole name typed before it.
        return _after_repair(f"单位名称后括号中的“{prompt.group().strip(' （()）')}”是申报书模板的填写提示，已去掉",
                             check_org_name(cleaned[:prompt.start()], rules))
    bracketed = _IN_PLACEHOLDER_RE.fullmatch(cleaned)
    if bracketed is not None:
        # 【湖南省桥梁学会】: typed inside the template's placeholder brackets.
        return _after_repair("单位名称两侧的方括号【】不属于名称，已去掉", check_org_name(bracketed.group(1), rules))
    checked = _doubt_generic_start(_doubt_symbols(_org_name(text, rules), "单位名称"), _GENERIC_UNIT_START_RE, "单位名称")
    if not checked.doubt and checked.value and _TEMPLATE_PROMPT_RE.search(checked.value):
        # What is left of the template's prompt ((填写单位全称，与公章一致 a scan lost the bracket of).
        return Checked(checked.value, repair=checked.repair,
                       doubt=f"单位名称“{_shown(checked.value)}”含申报书模板的填写提示，可能只读到了提示或未填写，请核对原件")
    if not checked.doubt and checked.value and _KIND_OF_UNIT_ONLY_RE.fullmatch(checked.value):
        # 科学技术协会: a kind of unit, not a unit (a scan's line break left 怀化学院 on the line above).
        return Checked(checked.value, repair=checked.repair,
                       doubt=f"单位名称“{checked.value}”只写了单位的类别，没有写明是哪个单位（可能只读到了名称的后半部分），请核对原件")
    return checked


# A unit's kind with no owner named: no unit is called only this.
# (湖南省科学技术协会 is a unit: the association itself.)
_KIND_OF_UNIT_ONLY_RE = re.compile(r"科学技术协会|科技协会|(?:湖南省?)?(?:学会|协会|研究会|促进会|联合会|研究院|研究所)")
_IN_PLACEHOLDER_RE = re.compile(r"【([^【】]+)】")
# An address in brackets after a unit's name: a road or street (路, 街, 巷, 大道) and a number (号).
_ADDRESS_BRACKET_RE = re.compile(r"[（(]([^（()）]*[路街巷道][^（()）]*\d+\s*号[^（()）]*)[）)]$")


# Words that end names, never open them: a name opening with one holds the rest of something
# else before it (学会长沙理工大学科协: 例：某某学会 left from a template; 年会长株潭…高峰论坛).
_GENERIC_UNIT_START_RE = re.compile(r"(?:学会|协会|研究会|科协|委员会)(?=[\u4e00-\u9fff]{4})")
_GENERIC_PROJECT_START_RE = re.compile(r"(?:年会|论坛|研讨会|交流会)(?=[\u4e00-\u9fff]{4})")


def _doubt_generic_start(checked: Checked[str], start: re.Pattern[str], what: str) -> Checked[str]:
    """`checked`, doubted when its value opens with a word names end with (see above)."""
    value = checked.value or ""
    m = start.match(value)
    if m is None or checked.doubt:
        return checked
    return Checked(value, doubt=f"{what}“{_shown(value)}”以“{m.group(0)}”开头，像是混入了别的文字（如模板示例），请核对原件")


def _org_name(text: str, rules: ValueRules | None) -> Checked[str]:
    """A unit's name without （盖章）/（公章）/盖章处 (clean_org_name) and without the signing
    date written after it; "" stays None."""
    rules = rules or load_value_rules()
    name = clean_org_name(text)
    if not name or name in rules.nothing:
        return Checked(None)
    once, times = repeated(name)
    if times > 1:
        said = f"申报单位“{_shown(once)}”在单元格中重复出现了{times}次，按一次记录"
        return _after_repair(said, _org_name(once, rules))
    code = _CREDIT_CODE_RE.search(name)
    if code is not None and code.start() >= 2:
        kept = name[: code.start()].rstrip("，,；;、 ")
        return _after_repair(f"申报单位后的“{code.group(0).strip('（）')}”是统一社会信用代码，已移入备注，"
                             f"单位名称记为“{kept}”", _org_name(kept, rules))
    cut = _CREDIT_CODE_CUT_RE.search(name)
    if cut is not None and cut.start() >= 2:
        kept = name[: cut.start()].rstrip("，,；;、 ")
        return _after_repair(f"申报单位后的“{cut.group(0).strip('（(')}”是统一社会信用代码一栏（代码不全），已去掉，"
                             f"单位名称记为“{kept}”", _org_name(kept, rules))
    if _CODE_INSIDE_RE.search(name):
        return Checked(name, doubt=f"单位名称“{_shown(name)}”中夹有一串编码（可能是统一社会信用代码），请核对原件")
    english = _ENGLISH_NAME_TAIL_RE.search(name)
    if english is not None and english.start() >= 2:
        kept = name[: english.start()].rstrip()
        words = next(g for g in english.groups() if g)
        return _after_repair(f"申报单位后的“{words.strip()}”是单位的英文名称，已移入备注，"
                             f"单位名称记为“{kept}”", _org_name(kept, rules))
    if name[-1] in "（(" and len(name) > 4:
        # 湖南省碳中和发展研究中心（: what the bracket held went to the next line or cell (（盖章）).
        return _after_repair(f"单位名称“{_shown(name)}”末尾的“{name[-1]}”不成对，已去掉", _org_name(name[:-1].rstrip(), rules))
    if name[-1] in "）)" and name.count("（") + name.count("(") < name.count("）") + name.count(")"):
        # 湖南省某学会）: the closing bracket of a list the unit stood in (（参与单位：…）).
        return _after_repair(f"单位名称“{_shown(name)}”末尾的“{name[-1]}”不成对，已去掉", _org_name(name[:-1], rules))
    short = _SHORT_NAME_TAIL_RE.search(name)
    if short is not None and short.start() >= 2:
        kept = name[: short.start()].rstrip()
        return _after_repair(f"申报单位后括号中写的是单位的简称或原名（{short.group(0).strip().strip('（）()')}），已移入备注，"
                             f"单位名称记为“{kept}”", _org_name(kept, rules))
    office = _OFFICE_TAIL_RE.search(name)
    if office is not None and office.start() >= 4 and "科协" not in office.group(1):
        # (湖南大学（科协办公室）: the applicant may be the university's 科协, not it: left to doubt.)
        # 湖南省海洋学会（秘书处）: the office that fills the form in, not the unit that applies.
        kept = name[: office.start()].rstrip()
        return _after_repair(f"申报单位后括号中的“{office.group(1)}”是承办的内设部门，已移入备注，单位名称记为“{kept}”",
                             _org_name(kept, rules))
    tail = _DATE_TAIL_RE.search(name)
    if tail is not None and tail.start() >= 2:
        kept = name[: tail.start()].rstrip("，,；;、 ")
        return _after_repair(f"申报单位后的日期“{name[tail.start():]}”不属于单位名称，已去掉", _org_name(kept, rules))
    if not re.search(f"[{_HAN}]", name):
        return Checked(name, doubt=_NO_HAN.format(what="单位名称", value=_shown(name)))
    if not looks_like_org(name, rules):
        return Checked(name, doubt=f"单位名称“{_shown(name)}”的结尾不像单位名称（可能被截断或连上了别的文字），请核对原件")
    if len(name) >= 4 and name[-1] == name[-2] and name[-1] in rules.org_endings:
        if name[-1] not in rules.org_endings_never_doubled:
            return Checked(name, doubt=f"单位名称“{_shown(name)}”结尾的“{name[-1]}”写了两次，请核对原件")
        # 湖南省风能学会会: OCR (or a double key press) wrote the name's last character twice;
        # no unit's name ends in 会会, 院院 or 司司, so the one repair is to drop it.
        kept = name[:-1]
        return _after_repair(f"单位名称“{_shown(name)}”结尾的“{name[-1]}”重复，按“{_shown(kept)}”记录", _org_name(kept, rules))
    if re.match(f"省[{_HAN}]", name):
        # 省硅酸盐学会: the province before 省 went to a line, a cell or a box not read (市 and
        # 县 start real words: 市场监督管理局, 县域经济研究会).
        return Checked(name, doubt=f"单位名称“{_shown(name)}”以“省”开头，前面的省名可能未读到，请核对原件")
    if re.search("[：:]", name):
        # 长沙理工大学科学技术协会：参与单位湖南省烟草学会 — no unit's name holds a colon.
        return Checked(name, doubt=f"单位名称“{_shown(name)}”中有冒号，可能连上了其他栏目的内容，请核对原件")
    return Checked(name)


def repeated(text: str, shortest: int = 4) -> tuple[str, int]:
    """(the text once, how many times) when `text` is one piece of at least `shortest`
    characters, Han among them, written several times over (a converted file's content control
    can give its text four times); (text, 1) otherwise."""
    n = len(text)
    for size in range(shortest, n // 2 + 1):
        if n % size == 0 and text[:size] * (n // size) == text and re.search(f"[{_HAN}]", text[:size]):
            return text[:size], n // size
    for times in (4, 3, 2):
        once = _runs_repeated(text, times)
        if once is not None:
            return once, times
    return text, 1


def _runs_repeated(text: str, times: int) -> str | None:
    """The text once when every line of it was given `times` times over, line after line
    (a content control over a unit's name wrapped on two lines: 湖南省湖南省…隧道学会隧道学会…);
    None unless the whole text is such runs, at least two, each of two or more characters."""
    pieces: list[str] = []
    pos = 0
    while pos < len(text):
        size = next((k for k in range(2, (len(text) - pos) // times + 1)
                     if text[pos:pos + k] * times == text[pos:pos + k * times]), None)
        if size is None:
            return None
        pieces.append(text[pos:pos + size])
        pos += size * times
    if len(pieces) < 2 or not re.search(f"[{_HAN}]", "".join(pieces)):
        return None
    return "".join(pieces)


_TRAILING_NOTE_RE = re.compile(r"(?:（[^（）]*）)+$")


def looks_like_org(name: str, rules: ValueRules | None = None) -> bool:
    """Whether a unit's name ends as units' names do (labels.toml `org_endings`), a trailing
    bracketed note aside: 湖南省某学会（筹） yes, 湖南省老 or 某学会项目负责人及 no. Only a Han
    ending is judged (a Latin name has no such list)."""
    rules = rules or load_value_rules()
    core = _TRAILING_NOTE_RE.sub("", name).rstrip()
    if not core:
        return False
    if core[-1].isdigit() and re.search(f"[{_HAN}]", core):
        return False  # 湖南14: a Han name's end replaced by digits (a cut, a page number, OCR)
    if not re.search(r"[^\W\d_]", core):
        return False  # 16, 2024-05: figures and marks only (a page number, a date read as a unit)
    if re.fullmatch(f"[{_HAN}]{{1,2}}", core):
        return False  # 学会, 科协: an ending with its head cut off (中科院 is three, and a unit)
    return not re.match(f"[{_HAN}]", core[-1]) or core[-1] in rules.org_endings


# --------------------------------------------------------------------------- phones and e-mail

_CUT_EXTENSION_RE = re.compile(r"(?:转|[(（]?\s*分机号?\s*[:：]?|-)\s*\d\s*$")
_EXTENSION_RE = re.compile(r"(?:转|[(（]?\s*分机号?\s*[:：]?|ext\.?|EXT\.?|-)\s*(\d{2,5})\s*$")
# What a number may carry after it, in brackets: （办）, （办公室）, (O), （手机）.
_ANNOTATION_TAIL_RE = re.compile(r"(?:\s*[(（][^()（）\d]{1,6}[)）])+\s*$")
# 长沙 (0731) numbers have eight digits; other area codes have seven or eight.
_EIGHT_DIGIT_AREAS = frozenset({"010", "020", "021", "022", "023", "024", "025", "027", "028", "029", "0731"})


# When a number is answered (工作日9:00-17:30, 8:30-12:00，14:30-17:30): its figures are no part
# of the number or its extension. The times go, with the words that say when; an extension
# beside them stays (（分机8012，工作日8:30-17:30） keeps 分机8012).
_HOURS_RE = re.compile(r"(?:工作日|工作时间|周一至周五|上午|下午|[\s，,、;；]){0,8}\d{1,2}\s*[:：]\s*\d{2}"
                       r"(?:\s*[-—–~～至到]\s*\d{1,2}\s*[:：]\s*\d{2})?")
_SPACE_RUN_RE = re.compile(r"[ \t\u3000]{2,}")
_EMPTIED_BRACKET_RE = re.compile(r"[(（][\s，,、;；]*[)）]|[\s，,、;；]{1,8}(?=[)）])")
# A number wrapped in a narrow cell: a line ending at its hyphen (0737- / 58186011), or one
# digit carried to the next line (5818601 / 1（办）). Two whole numbers on two lines stay apart.
_WRAPPED_NUMBER_RE = re.compile(r"(?<=-)[ \t]*\n\s*(?=\d)|(?<=\d)[ \t]*\n\s*(?=\d(?![\d:：]))")


# Digits joined by dashes alone (spaces and other marks part two numbers): one number and its
# extension hold at most _LONGEST_ONE_NUMBER of them (an area code, eight digits, five of an extension).
_DIGIT_RUN_RE = re.compile(r"\d[\d\-－—–]*")
_LONGEST_ONE_NUMBER = 17


def check_phone(text: str) -> Checked[str]:
    """A mobile (11 digits, 1[3-9]…), a landline with its area code (0731-85821051) or a local
    number. Digits that make no number ("1380000000", ten digits) are None and doubted; a
    landline of the wrong length for its area code, or a local number without an area code, is
    kept and doubted; an extension is kept after 转 (0731-85821051转8012). The hours a number is
    answered in brackets after it are left out, and a number wrapped in its cell is joined."""
    if not text or not text.strip():
        return Checked(None)
    # Runs of spaces as one: the patterns below try every start in a run (a cell padded with
    # 20,000 spaces took 8 s); one space parts two numbers as well as many.
    text = _SPACE_RUN_RE.sub(" ", text)
    text = _WRAPPED_NUMBER_RE.sub("", _EMPTIED_BRACKET_RE.sub("", _HOURS_RE.sub("", text)))
    value = text_to_phone(text)
    digits = re.sub(r"\D", "", _nfkc(text))
    if value is None:
        if len(digits) >= 5:
            return Checked(None, doubt=f"电话“{_shown(text)}”不是有效的号码（{len(digits)}位数字），无法识别")
        if len(digits) >= 3:
            # The head of a number whose rest wrapped to a line or cell not read (１３４ | ６５１９…).
            return Checked(None, doubt=f"电话“{_shown(text)}”只有{len(digits)}位数字，号码可能被截断，请核对原件")
        return Checked(None)
    if value.startswith("1") and len(value) == 11:
        longest = max((len(re.sub(r"\D", "", run)) for run in _DIGIT_RUN_RE.findall(_nfkc(text))), default=0)
        if longest > _LONGEST_ONE_NUMBER:
            # １３２-８２５９-１５２０１３２１３２-…: a cell's number written over itself (a form's
            # fields duplicated), the mobile read out of the middle of the run.
            return Checked(value, doubt=f"电话一栏“{_shown(text)}”是一串{longest}位连在一起的数字，读出的“{value}”未必是原号码，请核对原件")
        return Checked(value)
    if value.startswith("1") and "-" not in value:
        # Too short for a mobile, and no landline starts with 1 (a scan lost digits: 174 6550).
        return Checked(value, doubt=f"电话“{value}”只有{len(value)}位数字，不是完整的手机号码，请核对原件")
    if "-" in value:
        area, number = value.split("-", 1)
        if area in _EIGHT_DIGIT_AREAS and len(number) != 8:
            return Checked(value, doubt=f"固定电话“{value}”的区号{area}应接8位号码，请人工核对")
        # Spaces out: OCR spaces the digits of a number and of its extension (0731-5 43 2 71 39转6 714).
        after = re.sub(r"\s+", "", _nfkc(text)).split(number, 1)[-1]
        # Up to the next clause: 0734-27499297-3231，邮箱：… (a person's details in one cell), or
        # the next sentence: a cover letter's 联系电话：0731-75729917转7297。特此函报… (a scan's lines).
        # A table's pipe after it (a Markdown table pasted as text: 0731-31844506转3849 |) ends it too.
        after = re.split(r"[,;、。|｜]|邮箱|电子邮|e-?mail", after, maxsplit=1, flags=re.IGNORECASE)[0]
        # A sentence's full stop after it (联系电话：0731-85821051转8012。) is no part of it.
        ext = _EXTENSION_RE.search(_ANNOTATION_TAIL_RE.sub("", after.rstrip("。.，；;")).rstrip("）)"))
        if ext is not None:
            # Part of the number staff dial: written one way (转), however the form wrote it
            # (-8012, （分机8012）, ext. 8012).
            return Checked(f"{value}转{ext.group(1)}")
        cut = _CUT_EXTENSION_RE.search(_ANNOTATION_TAIL_RE.sub("", after.rstrip("。.，；;")).rstrip("）)"))
        if cut is not None:
            # 0731-26999771-1: one digit after the number is an extension's first (a scan's line
            # or a narrow cell ended there); no extension has one digit.
            return Checked(value, doubt=f"固定电话“{value}”后的“{cut.group(0).strip()}”可能是分机号的开头，其余未读到，"
                                        "请核对原件")
        return Checked(value)
    return Checked(value, doubt=f"电话“{value}”没有区号，请人工核对")


def _one_edit_apart(a: str, b: str) -> bool:
    """One substitution, insertion or deletion turns a into b."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


_ADDRESS_HEAD_RE = re.compile(r"[A-Za-z0-9._%+\-]*[A-Za-z][A-Za-z0-9._%+\-]*")
_ADDRESS_REST_RE = re.compile(r"([A-Za-z0-9._%+\-]*)(?:[@＠]|[（(\[［]\s*at\s*[)）\]］])", re.IGNORECASE)
# Characters of the local part left after a wrap that make the wrap sure (d（at）yeah.net): no
# address is made so short; a longer rest (min@…) may be an address of its own after a word.
_WRAPPED_REST_MAX = 2


def _joined_address(text: str) -> tuple[str, str]:
    """`text` with an address wrapped in its cell joined again, and a doubt when a wrap is
    possible but not sure. A line that is one word of letters (no @, no spaces, not a number:
    a phone or a QQ number on the line before is no part of the address) followed by a line
    reaching the @ after at most _WRAPPED_REST_MAX characters is joined (fyex / d（at）yeah.net);
    after more (zhou / min@hnast.org.cn) the lines stay apart and the address is doubted."""
    lines = text.split("\n")
    out, doubt = lines[0], ""
    for line in lines[1:]:
        head, rest = out.strip(), _ADDRESS_REST_RE.match(line.strip())
        if rest is not None and _ADDRESS_HEAD_RE.fullmatch(head.split("\n")[-1]):
            if len(rest.group(1)) <= _WRAPPED_REST_MAX:
                out = out.rstrip() + line.strip()
                continue
            doubt = (f"电子邮箱上一行的“{head.splitlines()[-1]}”可能是地址换行的前半部分，"
                     "请核对完整地址")
        out += "\n" + line
    return out, doubt


def check_email(text: str, rules: ValueRules | None = None) -> Checked[str]:
    """An e-mail address whose domain is plausible. A domain one edit away from exactly one
    common provider (qq.con, 163.co, qq.corn) is that provider; an unknown top-level domain
    is kept and doubted; a cell with @ but no address is None and doubted."""
    rules = rules or load_value_rules()
    if not text or not text.strip():
        return Checked(None)
    text, wrapped = _joined_address(text)
    value = text_to_email(text)
    if value is not None and wrapped:
        return Checked(value, doubt=wrapped)
    spelled = ""
    dot = _CHINESE_DOT_RE.search(text) if value is None and "@" in _nfkc(text) else None
    if dot is not None:
        # The dots typed in Chinese mode (lina2023@163。com), or a scan's dots read as middle
        # dots (lina@hnast·org·cn): between a domain's parts.
        dotted = text_to_email(_CHINESE_DOT_RE.sub(".", text))
        if dotted is not None:
            said = {"。": "中文句号", "．": "中文句号", "，": "逗号", ",": "逗号"}.get(dot.group(0), "间隔号或度数符号")
            return _checked_domain(dotted, rules, note=f"电子邮箱“{_shown(text)}”中的“{dot.group(0)}”是{said}，"
                                                       f"已按“.”记为“{dotted}”")
    if value is None and "@" not in _nfkc(text):
        # Written against address harvesters (lina（at）163.com, lina[at]163.com, lina#163.com):
        # one such mark, and an address once it is @.
        marks = _AT_SPELLED_RE.findall(_nfkc(text))
        if len(marks) == 1:
            value = text_to_email(_AT_SPELLED_RE.sub("@", _nfkc(text)))
            spelled = marks[0].strip()
    if value is None:
        if "@" in _nfkc(text):
            return Checked(None, doubt=f"电子邮箱“{_shown(text)}”不是有效的地址，无法识别")
        return Checked(None)
    if spelled:
        return _checked_domain(value, rules, note=f"电子邮箱“{_shown(text)}”以“{spelled}”代替@，已记为“{value}”")
    return _checked_domain(value, rules)


# A Chinese full stop between letters or digits of an address (163。com, sina。com。cn).
_CHINESE_DOT_RE = re.compile(r"(?<=[A-Za-z0-9])[。．·・•°º˚，,](?=[A-Za-z0-9])")
# How people spell @ to keep harvesters off: (at), [at], ＃, or at between spaces.
_AT_SPELLED_RE = re.compile(r"\s*[(\[【]\s*at\s*[)\]】]\s*|#|\s+at\s+", re.IGNORECASE)


def _checked_domain(value: str, rules: ValueRules, note: str = "") -> Checked[str]:
    """`value` with its domain checked (see check_email); `note` is the repair said beside it."""
    local, domain = value.rsplit("@", 1)
    domain = domain.lower()
    if domain in rules.mail_domains:
        return Checked(value, repair=note)
    near = [d for d in rules.mail_domains if _one_edit_apart(domain, d) or domain.replace("rn", "m") == d]
    if len(near) == 1:
        fixed = f"{local}@{near[0]}"
        return Checked(fixed, repair="；".join(filter(None, (note, f"电子邮箱“{value}”的域名有误，已按常用邮箱改为“{fixed}”"))))
    if domain.rsplit(".", 1)[-1] not in rules.top_level_domains:
        return Checked(value, doubt=f"电子邮箱“{value}”的域名“{domain}”不像有效域名，请人工核对")
    return Checked(value, repair=note)


# --------------------------------------------------------------------------- dates and amounts

_BAD_MONTH_RE = re.compile(r"(?:19|20)\d{2}\s*[年./\-]\s*(\d{1,2})(?!\d)")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")


def check_date(value: str | None, text: str, what: str, rules: ValueRules | None = None) -> Checked[str]:
    """A date read from `text` (YYYY-MM or YYYY-MM-DD) whose year is one this call can carry.
    A text that holds figures but no date this field can take is None and doubted: a month
    that does not exist (2024年13月), a year alone (2024年, what a reader gives when the
    month sits in a cell it did not join), an end the text does not state (2024年5月起).
    `what` names the field in the doubt (开始时间 / 完成时间)."""
    rules = rules or load_value_rules()
    if value is None:
        s = _nfkc(text or "")
        bad = next((m.group(1) for m in _BAD_MONTH_RE.finditer(s) if not 1 <= int(m.group(1)) <= 12), None)
        if bad is not None:
            return Checked(None, doubt=f"{what}“{_shown(text)}”中的月份“{bad}”不存在，无法识别")
        figures = re.findall(r"\d+", s)
        if figures and all(_YEAR_RE.fullmatch(f) for f in figures):
            return Checked(None, doubt=f"{what}栏只读到年份“{_shown(text)}”，没有月份，无法识别，请人工核对")
        if figures:
            return Checked(None, doubt=f"无法从“{_shown(text)}”读出{what}，请人工核对")
        return Checked(None)
    low, high = rules.years
    if not low <= int(value[:4]) <= high:
        return Checked(value, doubt=f"{what}{value}的年份不在本次申报的合理范围（{low}—{high}年）内，请人工核对")
    return Checked(value)


# "80.000元": a dot grouping thousands (or OCR's reading of a comma) — 元 has two decimals
# at most, so the text states either 80 000 元 or 80 元, and nothing says which.
_DOT_THOUSANDS_RE = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])\s*[元圆]")


# In a cell that states the whole budget ("总经费13万元，其中申请省科协资助8万元，自筹5万元"), the
# clause that asks for money names the request; the others name the total or the unit's share.
_ASKING_RE = re.compile("申请|资助|申报")
_NOT_ASKING_RE = re.compile("总|自筹|配套|其他|其它|合计")


def _requested_amount(text: str, unit_hint: str | None) -> tuple[str, float] | None:
    """(clause, amount) when exactly one clause of the cell asks for money and holds one amount."""
    asking = []
    for clause in re.split(r"[，,；;。\n]", text):
        if _ASKING_RE.search(clause) and not _NOT_ASKING_RE.search(clause):
            found = list(dict.fromkeys(text_to_funding_amounts(clause, unit_hint)))
            if len(found) == 1:
                asking.append((clause.strip(), found[0]))
    return asking[0] if len(asking) == 1 else None


# A grant paid in parts (首期6万元，验收后4万元，合计10万元): the parts' words, and what a total
# or a share of the unit's own money is called (其中自筹2万元 is no part of the grant).
_PART_WORDS_RE = re.compile(r"首期|一期|二期|三期|第[一二三1-3]期|尾款|余款|验收后|结题后|中期|预拨|分期|分[两二三]次|第[一二三1-3]次")
_TOTAL_WORDS_RE = re.compile(r"合计|共计|总计|累计|共")
_OWN_MONEY_RE = re.compile(r"其中|自筹|配套|匹配|其他|其它")


def _paid_in_parts(text: str, amounts: list[float], unit_hint: str | None) -> Checked[float] | None:
    """The grant of a cell that pays it in parts: the amount that is the sum of all the others
    (10万元（首期6万元，尾款4万元）, …合计10万元), else the parts' sum when every amount stands in a
    clause of its own that names its part (首期5万元，尾款5万元); None otherwise (then the cell's
    several amounts stay doubted)."""
    if len(amounts) < 2 or not _PART_WORDS_RE.search(text) or _OWN_MONEY_RE.search(text):
        return None
    for n, total in enumerate(amounts):
        others = amounts[:n] + amounts[n + 1:]
        if len(others) >= 2 and abs(sum(others) - total) < 1e-6:
            return Checked(total, repair=f"申请经费分期写出（“{_shown(text)}”），各期之和与{total:g}万元相符，按{total:g}万元读取")
    clauses = [c for c in re.split(r"[，,；;。\n]", text) if text_to_funding_amounts(c, unit_hint)]
    if all(len(text_to_funding_amounts(c, unit_hint)) == 1 and _PART_WORDS_RE.search(c) for c in clauses) \
            and len(clauses) == len(amounts) and not _TOTAL_WORDS_RE.search(text):
        total = round(sum(amounts), 6)
        return Checked(total, repair=f"申请经费分期写出（“{_shown(text)}”），按各期之和{total:g}万元读取")
    return None


# Words that make a part of a cell a source of money, not an expense.
_SOURCE_WORDS_RE = re.compile("申请|资助|预算|来源|单位|自筹|配套|总经费")
# A sum written out (0.9+0.8+0.6+0.4+0.3=3（万元）): its parts and its result.
_SUM_RE = re.compile(r"((?:\d+(?:\.\d+)?\s*[+＋]\s*)+\d+(?:\.\d+)?)\s*[=＝]\s*(\d+(?:\.\d+)?)")


def _broken_down(text: str, every: list[float], unit_hint: str | None) -> Checked[float] | None:
    """The amount of a cell that breaks it down by expense — 11万元（其中：专家咨询费3.3万元，会议
    会务费2.8万元…） or 0.9+0.8+0.6+0.4+0.3=3（万元） — when the parts add up to it exactly; None
    otherwise. The unit's own money (自筹, 配套) is no breakdown of the grant."""
    if re.search("自筹|配套|匹配|单位出资", text):
        return None
    flat = _nfkc(text)
    written = _SUM_RE.search(flat) if len(flat) <= 200 else None  # (a cell, not a page of figures)
    if written is not None:
        parts = [float(x) for x in re.split(r"\s*\+\s*", written.group(1))]
        if abs(sum(parts) - float(written.group(2))) < 1e-6:
            rest = _check_funding(flat[written.start(2):], unit_hint)
            if rest.value is not None and not rest.doubt:
                return Checked(rest.value, repair=f"申请经费写成算式（“{_shown(text)}”），各项之和与结果相符，按{rest.value:g}万元读取")
        return None
    if len(every) < 3 or abs(sum(every[1:]) - every[0]) > 1e-6:
        return None
    clauses = [c for c in re.split(r"[，,；;。\n（）()]", text) if text_to_funding_amounts(c, unit_hint)]
    # Each part an expense (专家咨询费, 差旅费), none a source of money (申请…经费, 依托单位经费).
    if len(clauses) != len(every) or not all(re.search("(?<!经)费", c) and not _SOURCE_WORDS_RE.search(c)
                                               for c in clauses[1:]):
        return None
    return Checked(every[0], repair=f"申请经费后列出的各项支出之和与{every[0]:g}万元相符，按{every[0]:g}万元读取")


_YEAR_IN_TEXT_RE = re.compile(r"(?:19|20)\d{2}\s*年")
_DATE_NOT_AMOUNT_RE = re.compile(r"(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*月?")
_YEAR_BEFORE_AMOUNT_RE = re.compile(r"\s*(?:19|20)\d{2}\s*年度?\s*(?:申请|拟申请)?(?:经费|资助|金额)?\s*[：:]?\s*")


# One digit right after an amount written out in 大写 (陆万元整2).
_MARK_AFTER_WRITTEN_RE = re.compile(r"[零壹贰叁肆伍陆柒捌玖拾佰仟万圆元整]\s?\d$")
# Superscript digits closing a value: a footnote's mark (NFKC would make ² a digit of the value).
_SUPERSCRIPT_TAIL_RE = re.compile(r"[⁰¹²³⁴-⁹]+\s*$")
# A bracket opened and never closed at a value's end (壹拾贰万元(120000): the value goes on in a
# line or a cell that was not read with it.
_UNCLOSED_TAIL_RE = re.compile(r"[（(][^）)]*$")


# An amount with its cents run into the next amount (90000.0070000.00), or any figure with two
# decimal points (9.07.0: 9.0 struck through, 7.0 written after it, the stroke lost in the
# file's text); a dotted date (2024.3.1, 2024.03.01) is no such thing.
_AMOUNTS_RUN_TOGETHER_RE = re.compile(r"\d+\.\d{2}\d+\.\d{1,2}(?!\d)"
                                      r"|(?<![\d.])(?!(?:19|20)\d{2}\.)\d{1,6}\.\d+\.\d+(?![\d.])")


# An amount in 元 grouped by four digits (7,5000元, 12，0000.00元): one comma, before the last four.
_MYRIAD_GROUPED_RE = re.compile(r"(?<![\d.,，])(\d{1,4})[,，](\d{4})(?![\d,，])(?=\s*(?:[.．]\d{1,2})?\s*元)")
# A middle dot between two digits of an amount (6·5万元).
_MIDDLE_DOT_DECIMAL_RE = re.compile(r"(?<=\d)[·•・‧∙](?=\d+\s*(?:万元|万|元|$))")


def check_funding(text: str, unit_hint: str | None, rules: ValueRules | None = None) -> Checked[float]:
    """_check_funding, and an amount whose text ends inside an open bracket doubted: what
    the bracket held, maybe a second amount, was cut off."""
    mark = _SUPERSCRIPT_TAIL_RE.search(text)
    if mark is not None:
        # 85000² under 申请经费（元）: a footnote's superscript number, not a digit of the amount.
        return _after_repair(f"申请经费末尾的上标“{mark.group(0).strip()}”是脚注标号，已去掉",
                             check_funding(text[:mark.start()], unit_hint, rules))
    grouped = _MYRIAD_GROUPED_RE.search(text)
    if grouped is not None:
        # 7,5000元: the digits grouped by 万 (four), as some write money: one amount, 75000元.
        whole = grouped.group(1) + grouped.group(2)
        return _after_repair(f"申请经费“{_shown(text.strip())}”中的“{grouped.group(0)}”是按万位分节的{whole}",
                             check_funding(text[:grouped.start()] + whole + text[grouped.end():], unit_hint, rules))
    dot = _MIDDLE_DOT_DECIMAL_RE.search(text)
    if dot is not None:
        # 6·5万元: a middle dot (typed with a Chinese keyboard's 。 key's neighbour, or a scan's
        # reading of a point) between digits is the decimal point; no amount is written 6 and 5.
        return _after_repair(f"申请经费“{_shown(text.strip())}”中数字之间的“{dot.group(0)}”是小数点",
                             check_funding(text[:dot.start()] + "." + text[dot.end():], unit_hint, rules))
    checked = _check_funding(text, unit_hint, rules)
    if checked.value is None or checked.doubt or not _UNCLOSED_TAIL_RE.search(text.strip()):
        return checked
    return Checked(checked.value, doubt=f"申请经费“{_shown(text.strip())}”的括号没有写完，内容可能换行或被截断，请核对原件")


def _check_funding(text: str, unit_hint: str | None, rules: ValueRules | None = None) -> Checked[float]:
    """申请经费 in 万元, plausible: above the floor and not above the cap. An amount that is
    plausible only in the other unit (80000 under 申请经费（万元）, 8 under 金额（元）) is read in
    that unit; 大写 and 小写 that disagree keep the 小写 and are doubted; so are several
    different amounts in one cell (8万元（其中自筹2万元）). A dot that may group thousands
    (80.000元) leaves the amount unread, and doubted."""
    rules = rules or load_value_rules()
    year = _YEAR_BEFORE_AMOUNT_RE.match(_nfkc(text))
    rest = _nfkc(text)[year.end():] if year is not None else ""
    # Only a cell about one year: 2022年获资助3万元，2024年申请8万元 is read clause by clause below.
    if year is not None and not _YEAR_IN_TEXT_RE.search(rest) and len(set(text_to_funding_amounts(rest, unit_hint))) == 1 \
            and (re.search("[元圆万]", rest) or re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", rest)):
        # 2024年度8万元, 2024年申请8万元: the year the money is asked for, not an amount.
        return check_funding(rest, unit_hint, rules)
    if _DATE_NOT_AMOUNT_RE.search(_nfkc(text)) and not re.search("[元圆万]", _nfkc(text)):
        return Checked(None, doubt=f"申请经费栏写的“{_shown(text)}”是日期，不是金额，请人工核对")
    value = text_to_funding_wan(text, unit_hint)
    if value is None:
        return Checked(None)
    # (thousands' commas out first: 80,000.0060,000.00 is 80000.00 and 60000.00 run together)
    if (joined := _AMOUNTS_RUN_TOGETHER_RE.search(re.sub(r"(?<=\d),(?=\d{3})", "", _nfkc(text)))) is not None:
        # 90000.0070000.00: two amounts with their cents, one maybe struck through, that a scan's
        # OCR or a pasted text ran together; no one number is written there.
        return Checked(None, doubt=f"申请经费“{_shown(text)}”中的“{joined.group(0)}”像是两个金额连在一起（其中一个可能已划掉），"
                                   "金额未读出，请核对原件")
    if (dotted := _DOT_THOUSANDS_RE.search(_nfkc(text))) is not None:
        return Checked(None, doubt=f"申请经费“{_shown(text)}”中的“{dotted.group(0).rstrip('元圆 ')}”"
                                   "无法确定“.”是小数点还是千位分隔符，金额未读出，请人工核对")
    arabic, written = text_to_funding_parts(text, unit_hint)
    if arabic is not None and written is not None and abs(arabic - round(written * 10_000, 6)) < 1e-6:
        return Checked(written)  # 捌万元整（80000）under 申请经费（万元）: the 大写 settles the unit
    if arabic is not None and written is not None and abs(arabic - written) > 1e-6:
        if _MARK_AFTER_WRITTEN_RE.search(_nfkc(text).strip()):
            # 陆万元整2: one digit right after an amount written out in full is a footnote's
            # number (申请经费²) more likely than a second amount; still, a person looks.
            return Checked(written, doubt=f"申请经费“{_shown(text)}”末尾的数字可能是脚注标号，已按大写金额读作"
                                          f"{written:g}万元，请核对原件")
        return Checked(value, doubt=f"申请经费的大写金额（{written:g}万元）与小写金额（{arabic:g}万元）不一致：“{_shown(text)}”")
    written_out = list(dict.fromkeys(written_amounts(text, unit_hint)))
    parts = written_out[1:]
    if len(written_out) > 1 and not abs(sum(parts) - written_out[0]) < 1e-6:
        # (伍万元整（分两期：首期叁万元，二期贰万元） is one amount and its parts.)
        # Two amounts in 大写 (one struck through, a scan or print does not show which).
        shown = "、".join(f"{a:g}万元" for a in written_out)
        return Checked(value, doubt=f"申请经费栏写有多个大写金额（{shown}），已取第一个{value:g}万元，请人工核对")
    every = text_to_funding_amounts(text, unit_hint)
    amounts = list(dict.fromkeys(every))
    if (paid := _paid_in_parts(text, every, unit_hint)) is not None:
        return paid
    if len(amounts) > 1 and (whole := _broken_down(text, every, unit_hint)) is not None:
        return whole
    if len(amounts) > 1 and (asked := _requested_amount(text, unit_hint)) is not None:
        clause, amount = asked
        return Checked(amount, repair=f"申请经费栏写有多个金额（“{_shown(text)}”），按“{clause}”读作{amount:g}万元")
    if len(amounts) > 1:
        shown = "、".join(f"{a:g}万元" for a in amounts)
        return Checked(value, doubt=f"申请经费栏写有多个金额（{shown}），已取第一个{value:g}万元，请人工核对")
    low, high = rules.funding_floor_wan, rules.funding_cap_wan
    if low <= value <= high:
        return Checked(value)
    if value <= 0:
        return Checked(None, doubt=f"申请经费“{_shown(text)}”不是有效金额")
    other = round(value / 10_000, 6) if value > high else round(value * 10_000, 6)
    if low <= other <= high:
        unit, other_unit = ("万元", "元") if value > high else ("元", "万元")
        if other < 1:
            # 1210 under 申请经费（万元）: 1,210元 is no sum a project asks for either; a digit
            # misread or two numbers run together is as likely as a unit mistaken.
            return Checked(other, doubt=f"申请经费“{_shown(text)}”按{unit}为{value:g}万元，不合常理；按{other_unit}为"
                                        f"{other:g}万元，也不像申请的金额，请核对原件")
        return Checked(other, repair=f"申请经费“{_shown(text)}”按{unit}为{value:g}万元，不合常理；按{other_unit}读作{other:g}万元")
    return Checked(value, doubt=f"申请经费{value:g}万元不在合理范围（{low:g}—{high:g}万元）内，请人工核对")

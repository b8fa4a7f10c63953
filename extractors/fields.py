"""Labelled pairs → the contract's fields: one 申报书 read from one file.

`doctext_to_form(doc)` is pure: it returns None when the document is not a 申报书 (an
expert list, a council resolution, a meeting plan…), otherwise an ExtractedForm whose
fields are what the form states, each with its evidence. A value the form does not state,
or states unreadably, is None — never a guess. Every value checks itself on the way
(extractors.value_checks): a value that fails is repaired when exactly one repair fits (the
repair goes to the notes), otherwise kept and doubted. Values kept but doubtful (a weak OCR
reading, a failed self-check, an amount that disagrees with the budget, a cover page that
disagrees with the table) are listed in `low_confidence`, each with its Chinese reason in
`doubts`.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from shenbao.extractors.checkbox import (CHOSEN, CHOSEN_MARKS, UNCHOSEN_MARKS, answers_to_glyphs,
                                         misread_marks_to_glyphs, normalise_checkbox_glyphs)
from shenbao.extractors.labels import Labels, load_labels
from shenbao.extractors.traditional import simplified_doc
from shenbao.extractors.pairs import LabelledPair, option_key, rows_to_pairs, squeeze, without_line_numbers
from shenbao.extractors.value_checks import (
    NUMBER_TAIL_RE,
    Checked,
    check_date,
    check_email,
    check_funding,
    check_org_name,
    check_person_name,
    check_phone,
    check_project_name,
    doubt_cut_item,
    doubt_misread_place,
    item_named_before,
    load_value_rules,
    looks_like_org,
    repeated,
    repeated_piece,
)
from shenbao.extractors.values import (
    clean_org_name,
    half_width_alnum,
    text_to_date,
    text_to_funding_amounts,
    text_to_funding_wan,
    text_to_period,
)
from shenbao.record import DocText, Evidence, ExtractedForm, Fields, FormFacts, Row, half_turned, recognition_doubt

T = TypeVar("T")

# A document is taken for a form when at least this share of the core field groups is found.
FORM_THRESHOLD = 0.5
_CORE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("project_name",), ("applicant_org", "lead_org"), ("leader_name",), ("funding", "total_funding"),
    ("period", "start_date", "end_date"), ("subcategory",),
)

# Core groups whose labels an OCR'd page titled 申报书 must show to be taken for the form
# even when their values could not be paired (see _score).
_UNREAD_FORM_LABELS = 5

_PAREN_TICK_RE = re.compile(r"\(\s*[√✓✔☑■×✗x*]\s*\)")
_PAREN_EMPTY_RE = re.compile(r"\(\s*\)")
_PAREN_CROSS_RE = re.compile(r"\(\s*[×✗x]\s*\)")
_ORG_SPLIT_RE = re.compile(r"[、，,；;/\n]+|\s{2,}")
_ROLE_NOTE_RE = re.compile(r"[（(]\s*(牵头单位|牵头|参与单位|参与|合作单位)\s*[)）]")
_NOTHING = {"无", "/", "-", "—", "否", "不涉及", "空", "暂无"}


def _keyed_text(text: str, keys: list[tuple[str, str]], ocr: bool) -> str:
    """The comparison form of an option list; from OCR, with misread boxes turned back into
    glyphs ("口学术交流" → "☐学术交流", "团学会服务站建设" → "☑学会服务站建设")."""
    s = option_key(text)
    options = [k for k, _ in keys]
    return answers_to_glyphs(misread_marks_to_glyphs(s, options) if ocr else s, options)


def choose_option(text: str, options: dict[str, str] | list[str] | tuple[str, ...],
                  ocr: bool = False) -> tuple[str | None, int]:
    """The option the text marks as chosen, and how many were marked.

    Reads a mark before the option (☑ ■ √ ✓ ✔ ☒), a tick in brackets after (or before) it
    ("学术交流（√）"), or — when the text carries no checkbox at all — the one option the
    text names ("科技创新服务能力建设项目—学会服务站建设"). Several chosen options give
    (None, n): the form is ambiguous. With `ocr`, box characters an OCR engine misreads
    (口, 回, 团, █, V) count as boxes when an option follows them."""
    keys = sorted(((option_key(o), o) for o in options), key=lambda kv: -len(kv[0]))
    # A value joined from several lines is read whole: the chosen letter （ A ） may stand on the
    # label's line and the lettered options on the lines after it.
    s = _keyed_text(normalise_checkbox_glyphs(text), keys, ocr)
    chosen: list[str] = []

    def after(pos: int) -> str | None:
        rest = s[pos:].lstrip(CHOSEN_MARKS + UNCHOSEN_MARKS)
        return next((o for k, o in keys if rest.startswith(k)), None)

    for i, ch in enumerate(s):
        if ch in CHOSEN_MARKS and (option := after(i + 1)) is not None:
            chosen.append(option)
    # A cross beside a tick says no (学术交流（√） 学会服务站建设（×）): only ticks choose then.
    crossed_out = bool(chosen) or any(_PAREN_TICK_RE.fullmatch(m.group(0)) and not _PAREN_CROSS_RE.fullmatch(m.group(0))
                                      for m in _PAREN_TICK_RE.finditer(s))
    for m in _PAREN_TICK_RE.finditer(s):
        if crossed_out and _PAREN_CROSS_RE.fullmatch(m.group(0)):
            continue
        before = next((o for k, o in keys if s[: m.start()].rstrip().endswith(k)), None)
        option = before if before is not None else after(m.end())
        if option is not None:
            chosen.append(option)
    if not chosen and not any(ch in s for ch in UNCHOSEN_MARKS):
        # A list without boxes whose one tick follows the option it marks, with no option
        # after it (…学会服务站建设√ at the list's end or its line's): that option.
        for i, ch in enumerate(s):
            if ch in CHOSEN_MARKS and after(i + 1) is None:
                before = next((o for k, o in keys if s[:i].endswith(k)), None)
                if before is not None:
                    chosen.append(before)
    unique = list(dict.fromkeys(chosen))
    if unique:
        return (unique[0], 1) if len(unique) == 1 else (None, len(unique))
    if any(ch in s for ch in UNCHOSEN_MARKS) or _PAREN_EMPTY_RE.search(s):
        return None, 0  # a printed checklist with nothing ticked
    named = [o for k, o in keys if k in s]
    # "企业(园区)科协" also contains no shorter option, but guard anyway: keep only names that
    # are not part of a longer named option.
    named = [o for o in named if not any(o != p and option_key(o) in option_key(p) for p in named)]
    if len(named) == 1:
        return named[0], 1
    return None, len(named)


def _has_chosen_mark(text: str) -> bool:
    """Whether `text` marks anything as chosen (several marks make a multiple choice; none, with
    several options named, an option list marked in a way not known)."""
    return any(ch in CHOSEN_MARKS for ch in normalise_checkbox_glyphs(text))


def unboxed_option(text: str, options: dict[str, str] | list[str] | tuple[str, ...],
                   ocr: bool = False) -> str | None:
    """In a printed checklist with no visible tick, the one option whose box is missing.

    A tick written over the box ("√学术交流 □…") that the reader could not recognise
    leaves the chosen option as the only one without ☐ or "（ ）". Callers must treat the
    answer as doubtful (low confidence). `ocr` as for choose_option."""
    s = _keyed_text(text, [(option_key(o), o) for o in options], ocr)
    if not any(ch in s for ch in UNCHOSEN_MARKS) and not _PAREN_EMPTY_RE.search(s):
        return None
    taken = [False] * len(s)
    found: list[tuple[bool, str]] = []
    for key, option in sorted(((option_key(o), o) for o in options), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(key), s):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * (m.end() - m.start())
            boxed = (m.start() > 0 and s[m.start() - 1] in UNCHOSEN_MARKS) or bool(
                _PAREN_EMPTY_RE.match(s, m.end()))
            found.append((boxed, option))
    unboxed = [o for boxed, o in found if not boxed]
    return unboxed[0] if len(unboxed) == 1 and len(found) >= 2 else None


# How a letter or a form written as prose names its project: 申报“某某论坛”项目; the unit that
# applies stands before it in the clause (…要求，湖南省某学会（盖章）申报“…”项目).
_TOLD_PROJECT_RE = re.compile(r"申报\s*[“\"「『]([^“”\"「」『』]{4,40})[”\"」』]\s*项目")
_CLAUSE_HEAD_RE = re.compile(r"[，,。；;：:]\s*([^，,。；;：:]{4,40}?)\s*(?:决定)?$")


# A covering letter naming who applies (附件是湖南省某学会申报的“某论坛”项目申报书): the unit
# right before 申报/报送/提交 and a quoted project.
_MAIL_TELLS_UNIT_RE = re.compile(r"([\u4e00-\u9fff（）()·]{4,40}?)\s*(?:申报|报送|提交)的?\s*[“\"「《]")
_MAIL_LEAD_WORDS_RE = re.compile(r"^(?:.*?(?:附件(?:是|为)|现将|兹将|兹有|特将|今将|这是|我单位|我会|推荐的?))")


def unit_told_in_mail(body: str) -> tuple[str, str] | None:
    """(the unit, the line naming it) when the mail's text names one applying unit before a
    quoted project, and only one; None otherwise."""
    found: dict[str, str] = {}
    for line in body.splitlines()[:40]:
        for m in _MAIL_TELLS_UNIT_RE.finditer(line):
            unit = clean_org_name(_MAIL_LEAD_WORDS_RE.sub("", m.group(1)))
            if looks_like_org(unit) and not check_org_name(unit).doubt:
                found.setdefault(unit, line.strip())
    return next(iter(found.items())) if len(found) == 1 else None


# The province before a unit's name (a city of it may follow): the one place that needs no list.
_PROVINCE = "湖南省"
_PLACE_WINDOW = 12  # characters before a unit's name looked at for its place
_SOCIETY_END_RE = re.compile(r"(?:学会|协会|研究会|联合会|促进会|科协|科学技术协会)$")


def unit_with_place_in_mail(unit: str, texts: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(where, the unit with its place) when one of the mail's `texts` ((where, text): the form's
    file name, the subject, the body) names `unit` right after the province or one of Hunan's
    places that the form's name lacks (湖南省自然辩证法学会…申报书.tif for a form read as
    自然辩证法学会); None when the form's own name opens with a place, or no text names one before
    it, or two texts name different ones."""
    flat = re.sub(r"\s+", "", unit)
    places = load_value_rules().places
    if len(flat) < 4 or flat.startswith(_PROVINCE) or any(flat.startswith(p) for p in places):
        return None
    found: dict[str, str] = {}
    for where, text in texts:
        text = re.sub(r"\s+", "", text)
        at = text.find(flat)
        while at >= 0:
            before = text[max(0, at - _PLACE_WINDOW):at]
            # The longest of Hunan's places (or the province, with a city of it) right before it;
            # a place other than the province only before a society or a 科协 (长沙市岳麓区中南大学
            # is an address, not the university's name).
            place = max((p for p in places if before.endswith(p)), key=len, default="") \
                if _SOCIETY_END_RE.search(flat) else ""
            if before[:len(before) - len(place)].endswith(_PROVINCE):
                place = _PROVINCE + place
            if place:
                found.setdefault(place + flat, where)
            at = text.find(flat, at + 1)
    return (next(iter(found.values())), next(iter(found))) if len(found) == 1 else None


# Characters a recogniser may drop from a unit's name (_lost_characters): two dropped may leave
# another unit's name (湖南省标准化学会 → 湖南省化学会).
_MOST_LOST = 1


def _lost_characters(read: str, told: str) -> bool:
    """Whether `read` is `told` with a character dropped from inside it (same first and last
    characters, the rest in order)."""
    if not 1 <= len(told) - len(read) <= _MOST_LOST or read[:1] != told[:1] or read[-1:] != told[-1:]:
        return False
    rest = iter(told)
    return all(ch in rest for ch in read)


def with_unit_from_mail(form: ExtractedForm, body: str, subject: str = "") -> ExtractedForm:
    """`form` with the applying unit its mail names, when the form gave none: doubted, with the
    mail's line as its evidence (a scan whose unit's cell was not read). A unit the form gave
    without the place the mail names it with (a scan that lost its first characters, a unit that
    wrote itself short) takes the mail's name when the form's was read from a scan and the
    place is the province or one of Hunan's (load_value_rules), noted; a scan's reading one
    character short of the letter's is doubted. A typed unit's name is left as typed."""
    if form.fields.applicant_org is not None:
        read = form.fields.applicant_org
        evidence = form.evidence.get("applicant_org")
        if evidence is None or evidence.confidence >= 1.0:
            return form  # typed: the form's own words stand, whatever the mail calls the unit
        fuller = unit_with_place_in_mail(read, (("附件文件名", form.file), ("邮件主题", subject), ("邮件正文", body)))
        told = unit_told_in_mail(body) if fuller is None else None
        if fuller is not None:
            # 自然辩证法学会 from a scan, 湖南省自然辩证法学会 in the file's name: the recogniser
            # lost the place. Its own doubts (a low score) stay with the value.
            said = f"扫描识别的申报单位“{read}”前没有地名，{fuller[0]}中为“{fuller[1]}”，按其记录"
            return form.model_copy(update={"fields": form.fields.model_copy(update={"applicant_org": fuller[1]}),
                                           "notes": (*form.notes, said)})
        if told is not None and _lost_characters(read, told[0]):
            # 湖南省标化学会 on a scan, 湖南省标准化学会 in the letter: a dropped character, or
            # another unit (湖南省化学会 | 湖南省化工学会): said, not put in.
            said = f"扫描识别的申报单位“{read}”与邮件正文所写“{told[0]}”只差一个字，可能漏识别了一个字，请核对原件"
            return form.model_copy(update={"low_confidence": tuple(dict.fromkeys((*form.low_confidence, "applicant_org"))),
                                           "doubts": {**form.doubts, "applicant_org": said}})
        return form
    told = unit_told_in_mail(body)
    if told is None:
        return form
    unit, line = told
    doubt = f"申报书中未能读出申报单位，按邮件正文“{line[:40]}”记为“{unit}”"
    return form.model_copy(update={
        "fields": form.fields.model_copy(update={"applicant_org": unit}),
        "evidence": {**form.evidence, "applicant_org": Evidence(file="邮件正文", where="正文", text=line[:200])},
        "low_confidence": tuple(dict.fromkeys((*form.low_confidence, "applicant_org"))),
        "doubts": {**form.doubts, "applicant_org": doubt},
        "notes": (*form.notes, doubt)})


def _told_in_prose(doc: DocText) -> tuple[LabelledPair | None, LabelledPair] | None:
    """(the unit, the project) a sentence of the document names — 湖南省某学会申报“某某论坛”项目 —
    as pairs placed on the row where the sentence names the project; None when none does. The
    rows of a page are read as one text: a sentence runs over the lines it wraps on."""
    rows = [r for r in without_line_numbers(list(doc.rows)) if r.source in ("line", "ocr", "paragraph")]
    texts = ["".join(c.text for c in r.cells) for r in rows]
    joined, starts = "", []
    for text in texts:
        starts.append(len(joined))
        joined += text
    told = list(_TOLD_PROJECT_RE.finditer(joined))
    if not told:
        return None

    def unit_before(m: re.Match[str]) -> str:
        head = _CLAUSE_HEAD_RE.search(joined[max(0, m.start() - 60):m.start()])
        unit = clean_org_name(head.group(1)) if head is not None else ""
        return unit if unit and looks_like_org(unit) else ""

    # A cover letter says 我单位…决定申报“…”项目, the form's prose 湖南省某学会申报“…”项目: the
    # sentence that names the unit is taken, else the first.
    m = next((m for m in told if unit_before(m)), told[0])
    at = max(k for k, start in enumerate(starts) if start <= m.start())
    cell = rows[at].cells[0]

    def placed(field: str, value: str) -> LabelledPair:
        return LabelledPair(field, "正文", value, cell.where, 1.0 if cell.score is None else cell.score, "basic",
                            cell.page, cell.box)

    unit = unit_before(m)
    return (placed("applicant_org", unit) if unit else None), placed("project_name", m.group(1))


def lone_listed_option(text: str, options: dict[str, str] | list[str] | tuple[str, ...]) -> str | None:
    """The one option a list still shows, its box empty, where the form lists them all: the
    others hidden (隐藏文字) or deleted, so that print shows the choice alone."""
    s = option_key(normalise_checkbox_glyphs(text))
    if not any(ch in s for ch in UNCHOSEN_MARKS) or any(ch in s for ch in CHOSEN_MARKS):
        return None
    named = [o for o in options if option_key(o) in s]
    named = [o for o in named if not any(o != p and option_key(o) in option_key(p) for p in named)]
    return named[0] if len(named) == 1 else None


def listed_options(text: str, options: dict[str, str] | list[str] | tuple[str, ...]) -> int:
    """How many of `options` the text names, boxed or not."""
    s = option_key(normalise_checkbox_glyphs(text))
    return sum(1 for o in options if option_key(o) in s)


def list_not_seen(reader: _Reader, name: str, options: dict[str, str] | list[str] | tuple[str, ...],
                  what: str) -> None:
    """The form's option row for `name` was read, but not its list: its value names no more
    than one option and nothing was chosen from it (科技创新服务能力建设项目： with the options on
    lines the reader did not join, a type typed in words of the unit's own). A template lists
    its options, so the choice is on the form, unread: doubted with what was read, not called
    missing. Options listed and none ticked stay missing."""
    pairs = reader.of(name)
    if not pairs or any(listed_options(p.value_text, options) > 1 or not p.value_text.strip() for p in pairs):
        return  # (a blank cell on the form is missing: the sender must fill it in)
    pair = pairs[0]
    shown = re.sub(r"\s+", " ", pair.value_text).strip()[:40]
    reader.note_evidence(name, pair)
    read = f"只读到“{shown}”" if shown else "没有读到内容"
    reader.doubt(name, f"{what}一栏{read}，没有看到可选的各项（可能排在别处或排版未能识别），请人工核对选的是哪一项")
    reader.unread.append(name)


_NEXT_ITEM_TAIL_RE = re.compile(r"\s*\d{1,2}\s*[.．、]\s*$")


def split_orgs(text: str) -> list[str]:
    """Unit names from a list such as "甲学会（牵头）、乙学会、丙学会", cleaned, in order.

    A name broken by a line wrap (a PDF's text layer: "湖南省老\n年医学学会") is joined again
    when only the joined text ends as a unit's name does, or when what follows the wrap is one
    character (no unit's name), or when what precedes it is a head of at most three characters
    that is no unit's name (…、湖 | 南省未来研究学会); a list separator (、，；) never is."""
    # The next question's number read onto the end of the answer (无 | 6. 项目负责人…: 无6.).
    text = _NEXT_ITEM_TAIL_RE.sub("", text or "")
    out: list[str] = []
    wrapped = False  # the gap before this part is only a line break or spaces
    head = ""  # a cut head that stood just before a wrap (湖), waiting for the rest of its name
    pos = 0
    for m in [*_ORG_SPLIT_RE.finditer(text or ""), None]:
        part = (text or "")[pos:m.start() if m is not None else None]
        name = _unbracketed(repeated(clean_org_name(part))[0])
        if head:
            if name and looks_like_org(head + name) and (len(head) <= 3 or not looks_like_org(name)):
                name = head + name
            elif len(head) >= 2:
                out.append(head)
            head = ""
        wraps_next = m is not None and not m.group(0).strip()
        # A lone character after a wrap is no unit of its own: it ends the name above (湖南省林业经济学 | 会).
        if name and out and wrapped and (len(name) == 1 or not looks_like_org(out[-1])) \
                and looks_like_org(out[-1] + name):
            out[-1] += name
        elif name and name not in _NOTHING and wraps_next and not looks_like_org(name):
            head = name  # its name goes on after the wrap (joined above, or kept as it was)
        elif name and name not in _NOTHING and len(name) >= 2:
            out.append(name)
        if m is not None:
            wrapped, pos = wraps_next, m.end()
    if head and len(head) >= 2:
        out.append(head)
    named = [name for name in out if re.search("[\u4e00-\u9fff]", name)]
    # A part with no Han among named units is no unit (a credit code listed after the names); a
    # list of figures alone is kept for its doubt to show (参与单位 | 16).
    return named if named else out


# A value that only refers to the cover page's (同封面, 见封面, 详见封面, 同首页).
_SEE_COVER_RE = re.compile(r"[（(]?(?:同|见|详见|参见|如)(?:封面|首页|封页|第一页|第1页)(?:所填|所列)?[)）]?[。.]?")


class _Reader:
    """Picks each field's value from the pairs: the 基本情况 part first, the cover second."""

    def __init__(self, doc: DocText, pairs: list[LabelledPair], labels: Labels) -> None:
        self.doc = doc
        self.pairs = pairs
        self.labels = labels
        self.evidence: dict[str, Evidence] = {}
        self.low: list[str] = []
        self.doubts: dict[str, str] = {}  # field → Chinese reason it is doubted (ExtractedForm.doubts)
        self.notes: list[str] = []
        self.guessed: list[str] = []  # doubted fields read by elimination (ExtractedForm.guessed)
        self.unread: list[str] = []  # fields on the form whose value could not be read (FormFacts.unread)
        # Pages scanned upside down, their boxes in the reading frame (reading_frame).
        self.turned_pages = frozenset(c.page for r in doc.rows for c in r.cells if c.turned and c.page is not None)

    def of(self, *fields: str) -> list[LabelledPair]:
        body = [p for p in self.pairs if p.field in fields and p.section not in ("cover", "signoff")]
        cover = [p for p in self.pairs if p.field in fields and p.section == "cover"]
        if cover:
            # 项目名称 | 同封面: the table sends the reader to the cover, which holds the value.
            body = [p for p in body if not _SEE_COVER_RE.fullmatch(re.sub(r"\s", "", p.value_text))]
        # The sign-off lines at the form's foot: the people's last resort (pairs.signoff), and
        # not for a person the form names elsewhere (李四 in the table, 肖涛 signing: the
        # table's contact is not given the signer's phone).
        named = {_PERSON_OF.get(f, f) for f in fields}
        if any(p.field in named and p.section != "signoff" and p.value_text.strip() for p in self.pairs):
            return body + cover
        signed = [p for p in self.pairs if p.field in fields and p.section == "signoff"]
        return body + cover + signed

    def pick(self, name: str, fields: tuple[str, ...], parse: Callable[[LabelledPair], T | None]) -> T | None:
        """The first readable value among the pairs of `fields`; records evidence for `name`."""
        for pair in self.of(*fields):
            if not pair.value_text.strip():
                continue
            value = parse(pair)
            if value is None or value == "":
                continue
            self.note_evidence(name, pair)
            return value
        return None

    def note_evidence(self, name: str, pair: LabelledPair) -> None:
        """Record where `name`'s value was read (file, page and box for the evidence image)
        and doubt it when the recogniser itself was unsure of it. OCR text as such is no
        reason: on a scan every value is OCR text, and a flag on every field tells nobody
        anything."""
        # (The label as printed may end in its own colon: one colon is shown, not 申报单位：：.)
        text = f"{pair.raw_label.rstrip(' 　:：')}：{pair.value_text}".strip()
        box = pair.box
        if box is not None and pair.page in self.turned_pages:
            box = half_turned(box)  # back onto the page as scanned, where the picture is cut (reading_frame)
        self.evidence[name] = Evidence(file=self.doc.file, where=pair.where, text=text[:300],
                                       confidence=pair.confidence, sha256=self.doc.sha256, page=pair.page,
                                       box=box)
        if pair.doubtful:
            if name not in self.low:
                self.low.append(name)
            self.doubts.setdefault(name, recognition_doubt(pair.confidence))

    def pick_checked(self, name: str, fields: tuple[str, ...],
                     check: Callable[[LabelledPair], Checked[T]]) -> T | None:
        """Like pick, through a value self-check (extractors.value_checks): a repair made is
        noted, a value kept but doubted is doubted with the check's reason. A pair whose text
        holds no value gives way to the next (the cover after the table); when none holds one,
        the first failed check's reason is kept, with its pair as the evidence."""
        failed: tuple[LabelledPair, str] | None = None
        for pair in self.of(*fields):
            if not pair.value_text.strip():
                continue
            checked = check(pair)
            if checked.value is None or checked.value == "":
                if checked.doubt and failed is None:
                    failed = (pair, checked.doubt)
                continue
            self.note_evidence(name, pair)
            if checked.repair:
                self.notes.append(checked.repair)
            if checked.doubt:
                self.doubt(name, checked.doubt)
            return checked.value
        if failed is not None:
            self.note_evidence(name, failed[0])
            self.doubt(name, failed[1])
        return None

    def doubt(self, name: str, reason: str) -> None:
        """Doubt `name`'s value (kept, or None when unreadable) for `reason` (Chinese)."""
        if name not in self.low:
            self.low.append(name)
        known = self.doubts.get(name, "")
        if reason not in known:
            self.doubts[name] = f"{known}；{reason}" if known else reason

    def note_doubt(self, name: str, pair: LabelledPair, note: str) -> None:
        """A value kept but read by inference: evidence, a note, and a doubt giving the note
        as its reason."""
        self.note_evidence(name, pair)
        if note:
            self.notes.append(note)
        self.doubt(name, note or "由其他栏目推断得出")

    def unmarked_options(self, name: str, pair: LabelledPair, what: str) -> None:
        """`pair` lists the options of `what` but marks none in a way the reader knows (no box,
        tick or emphasis): the choice is on the form but unread, not missing. It stays None,
        doubted with the place, and the required-fields rule does not call it missing."""
        self.note_evidence(name, pair)
        self.doubt(name, f"{what}一栏列出了选项，但看不出选的是哪一项（没有勾选符号，也没有加粗、下划线、颜色等标记）")
        self.unread.append(name)

    def cross_check(self, name: str, field: str, clean: Callable[[str], str], label_cn: str) -> None:
        """The cover page repeats some fields: a disagreement is noted and the value doubted.
        A blank the template leaves for it ("____________") is not a value."""
        def filled(text: str) -> str:
            value = clean(text)
            return value if re.search(r"[\u4e00-\u9fff0-9A-Za-z]", value) else ""

        body = next((v for p in self.pairs if p.field == field and p.section not in ("cover", "signoff")
                     if (v := filled(p.value_text))), "")
        cover = next((v for p in self.pairs if p.field == field and p.section == "cover" if (v := filled(p.value_text))), "")

        def key(s: str) -> str:
            return squeeze(s).replace("科学技术协会", "科协")

        # A cover line may wrap the name, so a cover value that starts the table's is the same.
        if body and cover and not (key(body).startswith(key(cover)) or key(cover).startswith(key(body))):
            self.notes.append(f"封面与基本情况表的{label_cn}不一致：封面为“{cover}”，表内为“{body}”，已采用表内")
            self.doubt(name, f"封面的{label_cn}为“{cover}”，与基本情况表的“{body}”不一致")


def _unit_hint(label: str) -> str | None:
    s = squeeze(label)
    if "万元" in s or "(万)" in s:
        return "万元"
    if "(元)" in s or s.endswith("元"):
        return "元"
    return None


def _funding(pair: LabelledPair) -> float | None:
    return text_to_funding_wan(pair.value_text, _unit_hint(pair.raw_label))


def _checked_project(labels: Labels) -> Callable[[str], str]:
    return lambda text: check_project_name(text, labels).value or ""


def _checked_org(text: str) -> str:
    return check_org_name(unit_line(text)).value or ""


def unit_line(text: str) -> str:
    """The unit's name from a 申报单位 value: its first line (a seal note or a date may follow),
    joined with the next when the name was broken over two lines of its cell (湖南省 / 光学学会):
    only the first line is cut short and only the joined text ends as a unit's name does."""
    lines = [line.strip() for line in (text or "").split("\n") if line.strip()]
    if len(lines) >= 2:
        # The second line's credit code or signing date (check_org_name's repairs) is no part of the name.
        first, tail = clean_org_name(lines[0]), check_org_name(lines[1]).value or ""
        joined = check_org_name(lines[0] + lines[1])
        if not looks_like_org(first) and joined.repair and joined.value and looks_like_org(joined.value) \
                and joined.value.startswith(first[:2]) and len(joined.value) < len(first):
            # 湖南省某学会（统一社会信用代 / 码：5143…）: the wrap cut the credit code, which
            # comes off whole once the lines are joined.
            return lines[0] + lines[1]
        # The second line is the rest of a name, not a unit of its own (湖南省物理学会) nor a
        # date: no place or school in it, and short unless the first line is plainly cut.
        rest_of_name = bool(tail) and not _OWN_UNIT_RE.search(tail) and (
            not looks_like_org(first) or len(tail) <= _NAME_TAIL_MAX)
        if first and rest_of_name and looks_like_org(first + tail):
            return lines[0] + lines[1]
    return lines[0] if lines else ""


# What only a whole unit's name holds: a place or a school (a tail like 科学技术协会 has none).
_OWN_UNIT_RE = re.compile(r"[省市州县]|湖南|大学|学院|\d")
_NAME_TAIL_MAX = 6  # 科学技术协会


# The contact written as the leader (同负责人, 同项目负责人, 同上（项目负责人）, 与负责人相同) and
# the contact's phone as the leader's (同负责人手机).
_SAME_AS_LEADER_RE = re.compile(r"(?:同上)?[（(]?(?:同|即|与)(?:项目)?负责人(?:手机|电话|手机号码?)?(?:相同|一致)?[）)]?"
                                r"|同上[（(](?:项目)?负责人(?:手机|电话)?[）)]"
                                # a scan's reading of the same: the bracket misread, 项目…负责 still in it (not 单位负责人)
                                r"|同上[（(]项目[^（()）]{0,4}负责[^（()）]{0,4}[）)]")
# A contact's cell saying only "as above" (同上): the leader's value, the one person a form names
# before its contact; doubted, since the row above may be another of the leader's details.
_DITTO_RE = re.compile(r"同上|同左|同前")


def same_as_leader(text: str, leader_value: str | None, what: str) -> Checked[str] | None:
    """The leader's value for a contact's cell that says it is the leader's (see
    _SAME_AS_LEADER_RE), said in a note; doubted and empty when the leader's is not known;
    None when the cell says something else."""
    # (：同项目负责人: a colon typed before the value; 同负责人， a prose clause's comma after it)
    said = re.sub(r"\s+", "", text).strip("：:").rstrip("，,。；;")
    ditto = _DITTO_RE.fullmatch(said) is not None
    if not ditto and not _SAME_AS_LEADER_RE.fullmatch(said):
        return None
    if leader_value is None:
        return Checked(None, doubt=f"{what}填写“{said}”，但项目负责人的这一项未能读出，请人工核对")
    if ditto:
        return Checked(leader_value, doubt=f"{what}填写“{said}”，按项目负责人的“{leader_value}”记录，请核对")
    return Checked(leader_value, repair=f"{what}填写“{said}”，按项目负责人的“{leader_value}”记录")


# Whose value a phone or e-mail field is (the sign-off lines' people, _Reader.of).
_PERSON_OF = {"leader_phone": "leader_name", "contact_phone": "contact_name", "contact_email": "contact_name"}

# The amount's cell sending the reader to the budget (详见经费预算表, 见“三、经费预算”).
_SEE_BUDGET_RE = re.compile(r"见.{0,10}预算")


def from_budget(text: str, budget_total: float | None) -> Checked[float] | None:
    """The budget table's 合计 for an amount's cell that names no amount but the budget, said in
    a note; doubted and empty when the form's budget total was not read; None otherwise."""
    said = re.sub(r"\s+", "", text)
    # An amount written beside the reference is the amount (详见预算表，八万元); the number of
    # an annex or a table it names is not (详见附件2经费预算表).
    named = re.sub(r"(?:附件|附表|表|第)[0-9０-９一二三四五六七八九十]+|[（(][一二三四五六七八九十]+[)）]"
                   r"|[一二三四五六七八九十]+[、.．]", "", said)
    if not _SEE_BUDGET_RE.search(said) or re.search(r"\d|[０-９壹贰叁肆伍陆柒捌玖拾一二三四五六七八九十百千万两]", named):
        return None
    if budget_total is None:
        return Checked(None, doubt=f"申请经费栏写“{said}”，但未读到经费预算表的合计，请人工核对")
    return Checked(budget_total, repair=f"申请经费栏写“{said}”，按经费预算表的合计{budget_total:g}万元记录")


# The name that opens a 项目负责人简介 paragraph: 邓超（男），办公室主任，… / 邓超，男，1975年生，…
_BIO_NAME_RE = re.compile(r"\s*(?:姓名[:：]\s*)?([^\s，,、（(：:。；;]{2,12})(?=[\s，,、（(：:。；;])")


def _leader_from_bio(r: _Reader) -> str | None:
    """The leader named by the opening of the form's 项目负责人简介, for a form that names the
    leader nowhere else: taken only when that opening is a name that checks clean (a bio
    opening 该同志… or 长期从事… names nobody, and the leader stays missing)."""
    for pair in r.of("leader_bio"):
        m = _BIO_NAME_RE.match(pair.value_text)
        checked = check_person_name(m.group(1)) if m is not None else None
        if checked is not None and checked.value and not checked.doubt:
            r.note_evidence("leader_name", pair)
            if checked.repair:
                r.notes.append(checked.repair)
            return checked.value
    return None


def _checked_person(text: str) -> str:
    return check_person_name(text).value or ""


def _period_text(reader: _Reader, field: str) -> str:
    """The text a date was (or could not be) read from, for its self-check."""
    return next((p.value_text for p in reader.of("period", field) if p.value_text.strip()), "")


_PERIOD_PIECE = 8
# Words any period repeats (2024年…至2024年…, 星期一…星期一): no sign of a garbled cell.
_DATE_WORDS = frozenset("年月日号至到起止自从开始结束星期周一二三四五六七")


# Characters of a period's text that, found twice, say the cell's text came several times over
# (2024年7月1号至10月31号年2024年7月1号…): no period writes twelve characters twice.
_REPEATED_DATES = 12


def _repeated_words(text: str) -> str | None:
    """A piece of _PERIOD_PIECE characters holding two words that are no date's (启动, 完成)
    that `text` holds twice; None when there is none."""
    return repeated_piece(text, _PERIOD_PIECE,
                          lambda piece: sum("\u4e00" <= ch <= "\u9fff" and ch not in _DATE_WORDS for ch in piece) >= 2)


def _check_dates(reader: _Reader, start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """Each date plausible on its own (a month that exists, a year this call can carry), and
    the start not after the end."""
    checked = {name: check_date(value, _period_text(reader, name), what)
               for name, value, what in (("start_date", start, "开始时间"), ("end_date", end, "完成时间"))}
    for name, c in checked.items():
        if c.doubt:
            if name not in reader.evidence and (seen := next(iter(reader.of("period", name)), None)) is not None:
                reader.note_evidence(name, seen)
            reader.doubt(name, c.doubt)
    start, end = checked["start_date"].value, checked["end_date"].value
    for name, value in (("start_date", start), ("end_date", end)):
        # A cell whose text came several times over, pieces lost between (a converted
        # content control's placeholder and value interleaved): which date is meant is unsure.
        text = _period_text(reader, name)
        if value is not None and (piece := _repeated_words(text) or repeated_piece(text, _REPEATED_DATES,
                                                                                     lambda _: True)) is not None:
            reader.doubt(name, f"起止时间栏中“{piece}”一段重复出现（内容可能重复或残缺），请核对原件")
    if start and end and start[:len(end)] > end[:len(start)]:
        for name in ("start_date", "end_date"):
            reader.doubt(name, f"开始时间{start}晚于完成时间{end}")
    return start, end


# The word a sentence names an e-mail address with, the address after it (no colon: 电子邮箱蔡艳<…>).
_EMAIL_WORD_RE = re.compile(r"(?:电子邮箱|电子邮件|邮箱|[Ee]-?mail)")


def _email_said_after(pair: LabelledPair) -> Checked[str]:
    """The e-mail address named after 邮箱 within another value (nothing when it names none)."""
    said = _EMAIL_WORD_RE.search(pair.value_text)
    if said is None or pair.value_text[:said.start()].rstrip()[-1:] not in ("", "，", ",", "；", ";", "。"):
        return Checked(None)  # 负责人邮箱, 学会邮箱, 丁振宇邮箱: someone else's address
    return check_email(pair.value_text[said.end():said.end() + 80])


# A unit named as the body whose 科协 applies (…有限公司, …大学), by the type that 科协 is.
_PARENT_BODY_RE = re.compile(r"(公司|集团|大学|学院)$")
_PARENT_BODY_TYPES = {"公司": "企业（园区）科协", "集团": "企业（园区）科协", "大学": "高校科协", "学院": "高校科协"}


def _check_type_against_name(reader: _Reader, labels: Labels, applicant: str | None, kind: str | None) -> None:
    """A type ticked on the form that the unit's own name contradicts (市州科协 ticked by
    “某大学科协”) is doubted: one of the two is misread or mis-ticked."""
    if not applicant or reader.evidence.get("applicant_type") is reader.evidence.get("applicant_org"):
        return
    parent = _PARENT_BODY_RE.search(applicant)
    if parent is not None and "applicant_org" not in reader.doubts:
        if _PARENT_BODY_TYPES.get(parent.group(1)) == kind:
            # 湖南岳麓工程机械有限公司 ticked 企业（园区）科协: the company, not its 科协, as if the
            # name's end (科协) went to a line not read.
            reader.doubt("applicant_org", f"单位类型为“{kind}”，单位名称“{applicant}”却是{parent.group(1)}本身，"
                                          "可能漏了“科协”（或换行后未读到），请核对原件")
        elif kind is None:
            # The type not read either (湖南工程学院 | 科学技术协会 on two lines of a scan, the
            # second lost): a university or a company is no applicant the guide names, its 科协 is.
            reader.doubt("applicant_org", f"单位名称“{applicant}”是{parent.group(1)}本身，申报单位应为其科协，"
                                          "可能漏了“科协”（或换行后未读到），请核对原件")
    if not kind:
        return
    by_name = next((rule.applicant_type for rule in labels.type_rules if any(p.search(applicant) for p in rule.patterns)),
                   None)
    contradicted = True
    if by_name is not None and by_name != kind:
        reader.doubt("applicant_type", f"单位类型勾选为“{kind}”，但按单位名称“{applicant}”应为“{by_name}”")
    elif by_name is None and any(rule.applicant_type == kind and rule.named_so for rule in labels.type_rules):
        reader.doubt("applicant_type", f"单位类型勾选为“{kind}”，但单位名称“{applicant}”不像{kind}的名称")
    else:
        contradicted = False
    if contradicted and "applicant_type" in reader.guessed:
        # Read by elimination and contradicted by the name: no longer a reading the rules may
        # judge by (ExtractedForm.guessed); what follows from it goes to a person as a doubt.
        reader.guessed[:] = [g for g in reader.guessed if g != "applicant_type"]


def strip_boilerplate(text: str, labels: Labels) -> str:
    """An opinion box's text without the template's printed lines: a box holding only
    "（企业（园区）科协、其他单位须经所在市州科协审核）… 市州科协（盖章） 年 月 日" is ""."""
    phrases = sorted((squeeze(b) for b in labels.boilerplate), key=len, reverse=True)
    kept: list[str] = []
    for line in (text or "").split("\n"):
        rest = squeeze(line)
        for phrase in phrases:
            rest = rest.replace(phrase, "")
        # What is left must hold a Han character or a digit: a signature scrawl read by OCR
        # ("wM", "~", "☑☑") is not an opinion.
        if re.search(r"[\u4e00-\u9fff\d]", rest):
            kept.append(line.strip())
    return "\n".join(kept).strip()


# A unit's role written as a label before it (牵头单位：甲学会).
_ROLE_LABEL_RE = re.compile(r"\s*(牵头单位|牵头申报单位|参与单位|参与申报单位|合作单位)\s*[:：]\s*(.+)")


def _unbracketed(text: str) -> str:
    """`text` without a bracket left open or closed at either end (（ 甲学会, 乙学会 ）。): the
    bracket of the sentence the list stood in."""
    s = text.strip().rstrip("。.；;，,").strip()
    if s.endswith(("）", ")")) and s.count("（") + s.count("(") < s.count("）") + s.count(")"):
        s = s[:-1].rstrip()
    if s.startswith(("（", "(")) and s.count("（") + s.count("(") > s.count("）") + s.count(")"):
        s = s[1:].lstrip()
    return s


def orgs_with_roles(text: str) -> list[tuple[str, str]]:
    """Units listed in one value with their role note: ("甲学会", "lead"), ("乙学会",
    "partner") or ("丙学会", "") when the list does not say."""
    out: list[tuple[str, str]] = []
    for part in _ORG_SPLIT_RE.split(_NEXT_ITEM_TAIL_RE.sub("", text or "")):  # (无6.: see split_orgs)
        role = _ROLE_NOTE_RE.search(part)
        labelled = _ROLE_LABEL_RE.match(_unbracketed(part))
        if labelled is not None:
            # 联合申报（牵头单位：甲学会；参与单位：乙学会）: each unit after its role's label.
            name = _unbracketed(clean_org_name(labelled.group(2)))
            if name and name not in _NOTHING and len(name) >= 2:
                out.append((name, "lead" if "牵头" in labelled.group(1) else "partner"))
            continue
        name = _unbracketed(clean_org_name(_ROLE_NOTE_RE.sub("", part)))
        if not name or name in _NOTHING or len(name) < 2:
            continue
        out.append((name, "" if role is None else "lead" if "牵头" in role.group(1) else "partner"))
    return out


def _joint_units(reader: _Reader, applicant: str | None) -> tuple[str | None, str | None, tuple[str, ...], bool]:
    """(applicant_org, lead_org, partner_orgs, is_joint) from 牵头单位 / 参与单位 /
    联合申报单位 / 是否联合申报 and from a 申报单位 value that lists several units.

    With stated roles the applicant is the lead; without them lead_org stays None (the
    guide requires roles: JOINT_ROLES_MISSING) and the other listed units are partners."""
    listed: list[tuple[str, str]] = []
    lead_pair = next((p for p in reader.of("lead_org") if split_orgs(p.value_text)), None)
    if lead_pair is not None:
        listed.append((split_orgs(lead_pair.value_text)[0], "lead"))
        reader.note_evidence("lead_org", lead_pair)
    for pair in reader.of("partner_orgs"):
        names = split_orgs(pair.value_text)
        listed += [(name, "partner") for name in names]
        if names and "partner_orgs" not in reader.evidence:
            reader.note_evidence("partner_orgs", pair)
    for pair in reader.of("joint_orgs"):
        listed += orgs_with_roles(pair.value_text)
    own = orgs_with_roles(applicant or "")
    if own:
        applicant = own[0][0]
        listed += own
    lead = next((name for name, role in listed if role == "lead"), None)
    if lead is not None:
        applicant = lead
    main_unit = lead if lead is not None else applicant
    # The 申报单位 cell's one unit read as the lead's head or tail (怀化学院 | 科学技术协会 on two
    # lines of a scan, the cell read 科学技术协会; 牵头单位：怀化学院科学技术协会) is the lead itself.
    part_of_lead = {name for name, _ in own if len(own) == 1 and lead is not None and name != lead
                    and (lead.endswith(name) or lead.startswith(name))}
    partners = tuple(dict.fromkeys(name for name, role in listed
                                   if name != main_unit and role != "lead" and name not in part_of_lead))
    odd = [name for name in (*([lead] if lead else []), *partners)
           if not looks_like_org(name) or ":" in name or "：" in name]  # a colon: another item glued on
    if odd:
        field = "partner_orgs" if set(odd) & set(partners) else "lead_org"
        reader.doubt(field, "、".join(f"“{n}”" for n in odd) + "不像单位名称（可能被截断或连上了别的文字），请核对原件")
    own_name = [name for name in partners if main_unit and len(main_unit) >= 4 and main_unit in name]
    if own_name and "partner_orgs" not in reader.doubts:
        # 湖南省茶叶学会（Hunan Society of Tea Science）: the applicant's name with its English
        # name, read as units of their own.
        reader.doubt("partner_orgs", "参与单位" + "、".join(f"“{n}”" for n in own_name)
                     + f"含有申报单位“{main_unit}”本身的名称，可能不是另一个单位（如单位的中英文名称被拆开读成了几个单位），请核对原件")
    said_joint = any(choose_option(p.value_text, ["是", "否"])[0] == "是" for p in reader.of("is_joint"))
    return applicant, lead, partners, bool(lead or partners or said_joint)


def _facts(reader: _Reader, labels: Labels, is_joint: bool) -> FormFacts:
    """What the validators need beyond the fields: opinion boxes, budget, content."""
    budget_pair = next((p for p in reader.pairs if p.field == "budget_total" and _funding(p) is not None), None)
    total_pair = next((p for p in reader.of("total_funding") if _funding(p) is not None), None)
    notes = set(footnotes(reader.doc).values())
    approval = next((t for p in reader.pairs if p.field == "approval"
                     if (t := strip_boilerplate(_without_page_furniture(p.value_text, notes), labels))), "")
    review = next((t for p in reader.pairs if p.field == "city_review"
                   if (t := strip_boilerplate(_without_page_furniture(p.value_text, notes), labels))), "")
    content = "\n".join(p.value_text for p in reader.pairs if p.field == "content" and p.value_text).strip()
    return FormFacts(
        approval_text=approval,
        approval_box=any(p.field == "approval" for p in reader.pairs),
        city_review_text=review,
        is_joint=is_joint,
        budget_total_wan=_funding(budget_pair) if budget_pair else None,
        total_funding_wan=_funding(total_pair) if total_pair else None,
        content_text=content,
        seal=reader.doc.seal,
    )


_CAPITAL_I_AMONG_LOWER_RE = re.compile(r"I.*[a-z]|[a-z].*I")
_NUMBERED_LINE_RE = re.compile(r"\s*\d{1,2}\s*(.+?)\s*")
# A page's number in its footer: 第1页，共2页 / 第 1 页 / - 1 - / 1/2.
_PAGE_NUMBER_LINE_RE = re.compile(r"\s*(?:第\s*\d+\s*页\s*[，,、]?\s*(?:共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|\d+\s*/\s*\d+)\s*")


def _without_page_furniture(text: str, notes: set[str]) -> str:
    """`text` without the lines that are the page's footnotes (1 项目名称须与…一致。) or its
    number (第1页，共2页): the last opinion box runs down to the page's foot, and a box holding
    only its stamp prompt, the footnotes and the page number is still empty."""
    return "\n".join(line for line in text.split("\n")
                      if not (_PAGE_NUMBER_LINE_RE.fullmatch(line)
                              or ((m := _NUMBERED_LINE_RE.fullmatch(line)) is not None and m.group(1) in notes)))


def tick_between_options(text: str, options: dict[str, str] | list[str] | tuple[str, ...]) -> bool:
    """True when a list without boxes has its one tick glued to an option on each side
    ("学术交流☑科技创新联盟建设", as a PDF's text layer gives "学术交流√  科技创新联盟建设"
    once the gap is lost): it may mark either, so the reading must be doubted."""
    if any(ch in text for ch in UNCHOSEN_MARKS) or text.count(CHOSEN) != 1:
        return False
    i = text.index(CHOSEN)
    before, after = option_key(text[:i]), option_key(text[i + 1:])
    if i == 0 or text[i - 1].isspace() or i + 1 >= len(text) or text[i + 1].isspace():
        return False
    keys = [option_key(o) for o in options]
    return any(before.endswith(k) for k in keys) and any(after.startswith(k) for k in keys)


_BETWEEN = "勾选符号夹在“{before}”和“{after}”两项之间，无法确定勾选的是哪一项，暂按其后一项读作“{chosen}”"
_BETWEEN_BY_FORM = ("勾选符号夹在“{before}”和“{after}”两项之间；本表另一栏的勾选符号写在所选项之后，"
                    "按同样的写法读作其前一项“{chosen}”")


def mark_follows_option(text: str, options: dict[str, str] | list[str] | tuple[str, ...]) -> bool:
    """True when a list without boxes has its one tick right after an option and no option
    after the tick (…学会服务站建设√ ending the list): this filler writes the tick after the
    option it marks. (Read as written: normalising moves a tick to before an option.)"""
    s = option_key(text)
    if any(ch in s for ch in UNCHOSEN_MARKS) or sum(s.count(ch) for ch in CHOSEN_MARKS) != 1:
        return False
    i = next(k for k, ch in enumerate(s) if ch in CHOSEN_MARKS)
    keys = [option_key(o) for o in options]
    return any(s[:i].endswith(k) for k in keys) and not any(s[i + 1:].lstrip().startswith(k) for k in keys)


def option_before_tick(text: str, options: dict[str, str] | list[str] | tuple[str, ...]) -> str | None:
    """The option that ends right where the list's one tick stands."""
    s = option_key(normalise_checkbox_glyphs(text))
    i = next((k for k, ch in enumerate(s) if ch in CHOSEN_MARKS), -1)
    keys = sorted(((option_key(o), o) for o in options), key=lambda kv: -len(kv[0]))
    return next((o for k, o in keys if i > 0 and s[:i].endswith(k)), None)


def _between_doubt(text: str, chosen: str) -> str:
    i = text.index(CHOSEN)
    return _BETWEEN.format(before=text[max(0, i - 6):i], after=text[i + 1:i + 7], chosen=chosen)


def _type_after_name(reader: _Reader, labels: Labels, applicant: str | None) -> tuple[str | None, str | None]:
    """A unit type written in brackets after the unit's name, where a form has no 单位类型 row
    (湖南省园艺学会（省级学会）): the name without it, and the type."""
    if applicant is None:
        return applicant, None
    # Matched whole against the known types, so a type with brackets of its own
    # (…公司科协（企业（园区）科协）) comes off entire.
    said = next((t for t in sorted((*labels.applicant_types, *labels.type_aliases), key=len, reverse=True)
                 if applicant.endswith(f"（{t}）") and len(applicant) - len(t) - 2 >= 2), None)
    if said is None:
        return applicant, None
    kept = applicant[: len(applicant) - len(said) - 2]
    reader.notes.append(f"申报单位后括号中的“{said}”是单位类型，单位名称记为“{kept}”")
    return kept, labels.type_aliases.get(said, said)


def _applicant_type(reader: _Reader, labels: Labels, applicant: str | None,
                    stated: str | None = None) -> str | None:
    pairs = reader.of("applicant_type")
    if not pairs and stated is not None:
        if "applicant_org" in reader.evidence:  # the type is read where the unit's name is
            reader.evidence["applicant_type"] = reader.evidence["applicant_org"]
        return stated
    options = list(labels.applicant_types) + list(labels.type_aliases)
    for pair in pairs:
        chosen, count = choose_option(pair.value_text, options, reader.doc.ocr)
        if chosen is not None:
            reader.note_evidence("applicant_type", pair)
            if tick_between_options(pair.value_text, options):
                before = option_before_tick(pair.value_text, options)
                if before is not None and any(mark_follows_option(p.value_text, labels.items)
                                              for p in reader.of("subcategory")):
                    i = normalise_checkbox_glyphs(pair.value_text).find(CHOSEN)
                    reader.doubt("applicant_type", _BETWEEN_BY_FORM.format(
                        before=pair.value_text[max(0, i - 6):i], after=pair.value_text[i + 1:i + 7], chosen=before))
                    return labels.type_aliases.get(before, before)
                reader.doubt("applicant_type", _between_doubt(pair.value_text, chosen))
            return labels.type_aliases.get(chosen, chosen)
        if count > 1 and not _has_chosen_mark(pair.value_text):
            reader.unmarked_options("applicant_type", pair, "单位类型")
            return None
        if count > 1:
            reader.notes.append(f"单位类型勾选了多项（{count}项），未采用：“{pair.value_text.strip()[:60]}”")
            return None
        if (guess := unboxed_option(pair.value_text, options, reader.doc.ocr)) is not None:
            reader.note_doubt("applicant_type", pair, f"单位类型未见勾选符号，按唯一不带方框的选项读作“{guess}”")
            reader.guessed.append("applicant_type")
            return labels.type_aliases.get(guess, guess)
        if (lone := lone_listed_option(pair.value_text, options)) is not None:
            reader.note_doubt("applicant_type", pair, f"单位类型一栏只列出了“{lone}”一项（其他选项可能被隐藏或删去），按此读取")
            reader.guessed.append("applicant_type")
            return labels.type_aliases.get(lone, lone)
    if pairs:
        list_not_seen(reader, "applicant_type", options, "单位类型")
        return None  # the form has a type field but it is unreadable: never infer over it
    told = _type_told_by_name(labels, applicant)
    if told is not None:
        if "applicant_org" in reader.evidence:  # the unit's name is what was read
            reader.evidence["applicant_type"] = reader.evidence["applicant_org"]
        reader.notes.append(f"表中无单位类型栏，按单位名称“{applicant}”判断为{told}")
        return told
    # Neither the type's row nor a name that tells it: the type decides which rules apply (the
    # city's review, the approval body), so an empty cell here is a doubt, not a fact.
    reader.doubt("applicant_type", "申报书中未读到单位类型一栏" + ("，申报单位名称也看不出单位类型" if applicant
                                                               else "，申报单位也未能读出") + "，请人工核对")
    return None


def _type_told_by_name(labels: Labels, applicant: str | None) -> str | None:
    """The type the unit's name tells (labels.toml `type_rules`: …大学科学技术协会 a 高校科协),
    or None."""
    for rule in labels.type_rules:
        if applicant and any(p.search(applicant) for p in rule.patterns):
            return rule.applicant_type
    return None


def _subcategory(reader: _Reader, labels: Labels) -> str | None:
    for pair in reader.of("subcategory"):
        chosen, count = choose_option(pair.value_text, labels.items, reader.doc.ocr)
        if chosen is not None:
            reader.note_evidence("subcategory", pair)
            reader.note_evidence("category", pair)
            if tick_between_options(pair.value_text, labels.items):
                reader.doubt("subcategory", _between_doubt(pair.value_text, chosen))
            return chosen
        if count > 1 and not _has_chosen_mark(pair.value_text):
            named = next((item for p in reader.of("project_name")
                          if (item := item_named_before(p.value_text, labels)) is not None), None)
            if named is not None and option_key(named) in option_key(pair.value_text):
                # 【科技创新联盟建设】湖南省…联盟建设 over a list marked in no way the reader
                # knows: the unit named its item before the project's name.
                reader.note_doubt("subcategory", pair, f"项目类别未见勾选标记，按项目名称前写明的“【{named}】”读作“{named}”")
                reader.guessed.append("subcategory")
                reader.note_evidence("category", pair)
                reader.doubt("category", f"项目类别随申报项目“{named}”推断，而申报项目未见勾选标记")
                return named
            reader.unmarked_options("subcategory", pair, "项目类别")
            return None
        if count > 1:
            reader.notes.append(f"项目类别勾选了多项（{count}项），未采用")
            return None
        if (guess := unboxed_option(pair.value_text, labels.items, reader.doc.ocr)) is not None:
            reader.note_doubt("subcategory", pair, f"项目类别未见勾选符号，按唯一不带方框的选项读作“{guess}”")
            reader.guessed.append("subcategory")
            reader.note_evidence("category", pair)
            reader.doubt("category", f"项目类别随申报项目“{guess}”推断，而申报项目未见勾选符号")
            return guess
        if (lone := lone_listed_option(pair.value_text, labels.items)) is not None:
            reader.note_doubt("subcategory", pair, f"项目类别一栏只列出了“{lone}”一项（其他选项可能被隐藏或删去），按此读取")
            reader.guessed.append("subcategory")
            reader.note_evidence("category", pair)
            reader.doubt("category", f"项目类别随申报项目“{lone}”推断，而申报项目未见勾选符号")
            return lone
    list_not_seen(reader, "subcategory", labels.items, "项目类别")
    return None


# Contract field → the pair fields whose printed label stands for it on the form.
_LABELLED_BY: dict[str, tuple[str, ...]] = {
    "project_name": ("project_name",), "subcategory": ("subcategory",),
    "applicant_org": ("applicant_org", "lead_org"), "applicant_type": ("applicant_type",),
    "leader_name": ("leader_name",), "leader_phone": ("leader_phone",),
    "contact_name": ("contact_name",), "contact_phone": ("contact_phone",),
    "contact_email": ("contact_email", "leader_email"), "funding_wan": ("funding",),
    "start_date": ("period", "start_date"), "end_date": ("period", "end_date"),
}


# Fields chosen from printed options: their readers tell options left unmarked (a blank) from
# options marked in a way not known (unmarked_options), and infer the type from the unit's
# name when the form has no type row.
_CHOICES = frozenset({"subcategory", "applicant_type"})


def _flag_unreadable(reader: _Reader, fields: Fields) -> tuple[str, ...]:
    """A field with no value is "missing" only when the form shows its label and nothing valid
    beside it. Otherwise it is "cannot read": it stays None (never a guess), is doubted with
    the reason and the place when there is one, and goes to FormFacts.unread so the
    required-fields rule does not call it missing:
    - on an OCRed form, its label was seen but the value came out empty or unreadable (the
      recogniser may have missed the handwriting or a faint print);
    - its label is nowhere on the form: a form laid out in a way the reader does not know
      puts the value where it does not look, and a template never lacks a required row.
    On typed text a label with a blank or an invalid value beside it is missing (MISSING_FIELD,
    with the check's reason as a doubt): the sender must correct it."""
    unread: list[str] = []
    for name, sources in _LABELLED_BY.items():
        if getattr(fields, name) is not None or name in reader.unread:
            continue
        seen = next(iter(reader.of(*sources)), None)
        if seen is None:
            if name in _CHOICES:
                continue  # read from elsewhere when the form has no such row (see their readers)
            what = next((label for label, field in reader.labels.field_labels.items() if field == sources[0]), name)
            reader.doubt(name, f"申报书中没有找到“{what}”一栏，可能未填，也可能写在不常见的位置或用了别的栏目名")
            unread.append(name)
            continue
        if not reader.doc.ocr:
            # Typed text is read for certain: a blank is missing, and a value that fails its
            # check (a 10-digit mobile, 见附件) is no valid value, said with the check's reason.
            continue
        shown = seen.value_text.strip()[:40]
        if name not in reader.evidence:
            reader.note_evidence(name, seen)
        what = f"内容识别为“{shown}”，无法读出" if shown else "内容为空或无法识别"
        reader.notes.append(f"扫描件上有“{seen.raw_label}”一栏（{seen.where}），但{what}，请人工核对原件")
        reader.doubt(name, f"扫描件上有“{seen.raw_label}”一栏，但{what}")
        unread.append(name)
    return tuple(unread)


def form_score(doc: DocText, labels: Labels | None = None) -> float:
    """How much the document looks like a 申报书, in [0, 1]: the share of core field groups
    (名称, 单位, 负责人, 经费, 起止时间, 类别) it has a value for, plus a little when its title
    says 申报书."""
    labels = labels or load_labels()
    return _score(doc, rows_to_pairs(reading_frame(simplified_doc(doc)), labels))


def _score(doc: DocText, pairs: list[LabelledPair]) -> float:
    found = {p.field for p in pairs if p.value_text.strip()}
    share = sum(1 for group in _CORE_GROUPS if found & set(group)) / len(_CORE_GROUPS)
    titled = any("申报书" in squeeze(c.text) for row in doc.rows[:12] for c in row.cells)
    score = min(1.0, share + (0.1 if titled and share > 0 else 0.0))
    if doc.ocr and titled and score < FORM_THRESHOLD:
        # A scan or photo titled 申报书 that shows the form's labels but whose values OCR could
        # not pair (wrapped narrow columns, a skewed photo) is the form, unread: its fields are
        # "cannot tell" for staff to read, not "no form, ask for it again".
        labelled = {p.field for p in pairs}
        if sum(1 for group in _CORE_GROUPS if labelled & set(group)) >= _UNREAD_FORM_LABELS:
            return FORM_THRESHOLD
    return score


def doctext_to_form(doc: DocText, labels: Labels | None = None) -> ExtractedForm | None:
    """The 申报书 in `doc`, or None when the document is not one (see module docstring)."""
    return score_and_form(doc, labels)[1]


def reading_frame(doc: DocText) -> DocText:
    """`doc` with the boxes of cells read on a page scanned upside down turned with the page
    (Cell.turned), so that a label stands left of its value and a row above the next, as
    every reading of a layout expects; the evidence's box is turned back (_Reader.note_evidence)."""
    if not any(c.turned and c.box is not None for r in doc.rows for c in r.cells):
        return doc
    rows = tuple(r.model_copy(update={"cells": tuple(c.model_copy(update={"box": half_turned(c.box)})
                                                     if c.turned and c.box is not None else c for c in r.cells)})
                 for r in doc.rows)
    return doc.model_copy(update={"rows": rows})


def score_and_form(doc: DocText, labels: Labels | None = None) -> tuple[float, ExtractedForm | None]:
    """form_score(doc) and doctext_to_form(doc) from one reading of the label/value pairs
    (finding the pairs is most of the work of both: half of reading a typical .docx)."""
    labels = labels or load_labels()
    doc = reading_frame(simplified_doc(doc))
    pairs = rows_to_pairs(doc, labels)
    score = _score(doc, pairs)
    if score < FORM_THRESHOLD:
        return score, None
    return score, _form(doc, pairs, labels)


def forms_in(doc: DocText, labels: Labels | None = None) -> tuple[float, list[ExtractedForm]]:
    """score_and_form, and every 申报书 of a file that holds several one after the other (two
    applications of a unit typed into one document: 申报书（2项）.docx). The file is cut before
    each of its title lines (…申报书, …申报表, standing alone). A piece that reads as a whole
    form — its project named, its amount or its period read — starts a form; a piece naming a
    project and nothing more (a cover page) belongs to the form whose project it names (before
    or after it); a piece naming no project belongs to the form before it (a later page); the
    template's filled-in example (××) to none. Several forms only when every named piece finds
    its form and the forms name clearly different projects (not one inside the other, not two
    spellings of one: 第三届/第3届); one form after an example is read without it; in any other
    case the file is one form, read whole, as before: a wrong split would make one
    application two rows, or lose one."""
    labels = labels or load_labels()
    doc = reading_frame(simplified_doc(doc))
    pairs = rows_to_pairs(doc, labels)
    score = _score(doc, pairs)
    if score < FORM_THRESHOLD:
        return score, []
    whole = _form(doc, pairs, labels)
    starts = [i for i, row in enumerate(doc.rows) if i and _is_title_row(row)]
    if not starts or sum(1 for p in pairs if p.field == "project_name") < 2:
        return score, [whole]  # one title, or one project name: one form (the usual file, cheaply)
    pieces = [doc.rows[a:b] for a, b in zip([0, *starts], [*starts, len(doc.rows)])]
    kinds: list[tuple[str, str]] = []  # per piece: (example | form | named | none, its project name)
    for piece in pieces:
        form = _piece_form(doc, piece, labels)
        name = squeeze(form.fields.project_name or "") if form is not None else ""
        if form is not None and _is_example(form):
            kinds.append(("example", name))
        elif form is not None and name and (form.fields.funding_wan is not None
                                            or (form.fields.start_date and form.fields.end_date)):
            kinds.append(("form", name))
        else:
            kinds.append(("named" if name else "none", name))
    forms_at = [k for k, (kind, _) in enumerate(kinds) if kind == "form"]
    examples = sum(1 for kind, _ in kinds if kind == "example")
    if not forms_at or (len(forms_at) == 1 and not examples):
        return score, [whole]
    groups: dict[int, list[Row]] = {k: [] for k in forms_at}
    for k, (kind, name) in enumerate(kinds):
        before = max((f for f in forms_at if f <= k), default=None)
        after = min((f for f in forms_at if f > k), default=None)
        if kind == "example":
            continue
        if kind == "form":
            owner: int | None = k
        elif kind == "named":
            # A cover names the project of the form it stands before (or, last, after).
            owner = next((f for f in (after, before) if f is not None and _same_project(name, kinds[f][1])), None)
            if owner is None:
                return score, [whole]  # a project no form of the file names: never dropped, never guessed
        else:
            owner = before if before is not None else after
        assert owner is not None
        groups[owner].extend(pieces[k])
    forms = [_piece_form(doc, groups[k], labels) for k in forms_at]
    if any(f is None for f in forms):
        return score, [whole]
    found = [f for f in forms if f is not None]
    if len(found) == 1:
        return score, found  # one form after the template's example: read without it
    names = [squeeze(f.fields.project_name or "") for f in found]
    if any(_same_project(a, b) for i, a in enumerate(names) for b in names[i + 1:]):
        return score, [whole]  # one project twice (a copy kept with its revision): one form
    return score, [f.model_copy(update={"notes": (*f.notes, f"文件“{doc.file}”中有{len(found)}份申报书，此为第{k}份")})
                   for k, f in enumerate(found, start=1)]


_SAME_PROJECT_RATIO = 0.75


def _same_project(a: str, b: str) -> bool:
    """Whether two project names are one project's: one inside the other, or alike enough to
    be two spellings of it (第三届 / 第3届, a word added on the cover). Not when both carry
    figures and not the same (第12届… / 第11届…), nor when each has words of its own where they
    differ (…湖南化工青年科学家论坛 / …湖南竹产业青年科学家论坛: two subjects, two projects)."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    figures_a, figures_b = _FIGURES_RE.findall(a), _FIGURES_RE.findall(b)
    if figures_a and figures_b and figures_a != figures_b:
        return False
    head = len(os.path.commonprefix([a, b]))
    tail = len(os.path.commonprefix([a[head:][::-1], b[head:][::-1]]))
    own_a, own_b = a[head:len(a) - tail], b[head:len(b) - tail]
    if len(_HAN_RE.findall(own_a)) >= _OWN_WORD_HAN and len(_HAN_RE.findall(own_b)) >= _OWN_WORD_HAN:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= _SAME_PROJECT_RATIO


_FIGURES_RE = re.compile(r"\d+")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_OWN_WORD_HAN = 2  # Han characters each name has of its own where they differ: a word, not a spelling


# A title line of its own closing with 申报书 or 申报表 (2024年度…项目申报书, 项目申报表).
_TITLE_RE = re.compile(r"申报[书表]\s*$")
_TITLE_MAX_CHARS = 48
_PLACEHOLDER_RE = re.compile(r"××")  # the template's; a 第XX届 may be a real Roman numeral


# A line's number in the margin of a page printed with 行号, before the line's text or in a
# cell of its own: a title line numbered so is still a title line.
_TITLE_LINE_NUMBER_RE = re.compile(r"\d{1,3}(?:\s+|$)")


def _is_title_row(row: Row) -> bool:
    if row.source == "table":
        return False
    cells = list(row.cells)
    if len(cells) == 2 and _TITLE_LINE_NUMBER_RE.fullmatch(cells[0].text.strip()):
        cells = cells[1:]
    if len(cells) != 1:
        return False
    text = squeeze(_TITLE_LINE_NUMBER_RE.sub("", cells[0].text.strip(), count=1))
    return len(text) <= _TITLE_MAX_CHARS and bool(_TITLE_RE.search(text))


def _piece_form(doc: DocText, rows: Sequence[Row], labels: Labels) -> ExtractedForm | None:
    """The form read from `rows` of `doc` alone, when they are one."""
    piece = doc.model_copy(update={"rows": tuple(rows)})
    pairs = rows_to_pairs(piece, labels)
    return _form(piece, pairs, labels) if _score(piece, pairs) >= FORM_THRESHOLD else None


def _is_example(form: ExtractedForm) -> bool:
    """Whether the form is the template's example: its project or leader a placeholder (××)."""
    return any(_PLACEHOLDER_RE.search(v or "") for v in (form.fields.project_name, form.fields.leader_name))


# A period of months with no year (5月—12月, 5月份至12月份, in prose before the clause's stop):
# the form's own year is meant.
_MONTHS_ONLY_RE = re.compile(r"^\s*(?:自|从)?\s*(\d{1,2})\s*月份?\s*(?:起)?\s*(?:至|到|—|–|-|－|~|～)+\s*(\d{1,2})\s*月份?\s*(?:止)?\s*[。；;，,.]?\s*$")
# The year a form is for, in its title (2024年度湖南省科协…提升计划 / 项目申报书): a title line
# among the first rows, not a year the text mentions (学会2023年度学术年会的延续).
_TITLE_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_WORDS = ("申报书", "申报表", "计划")
_TITLE_ROWS = 15


def _period_of(text: str) -> tuple[str | None, str | None]:
    """The period a value states: its first line's when that line is a whole period (a scan's
    next lines run on into the value: 2024年三月—十二月 | 审批记录 | 冯强发起申请 2024-04-17 16:42
    ends on an approval's date, not the project's), else the whole text's (2024年3月 | 至2024年12月)."""
    first = text.strip().split("\n", 1)[0]
    start, end = text_to_period(first)
    return (start, end) if start is not None and end is not None else text_to_period(text)


def _period_without_year(r: _Reader) -> tuple[str | None, str | None]:
    """(start, end) of a period written as months alone (5月—12月), in the year the form's
    title names (2024年度…申报书), repaired with a note; doubted when no title names one year."""
    for pair in r.of("period"):
        m = _MONTHS_ONLY_RE.match(half_width_alnum(pair.value_text))
        if m is None or not (1 <= int(m.group(1)) <= int(m.group(2)) <= 12):
            continue
        years = {y.group(1) for row in r.doc.rows[:_TITLE_ROWS] for cell in row.cells
                 if any(word in cell.text for word in _TITLE_WORDS) for y in _TITLE_YEAR_RE.finditer(cell.text)}
        r.note_evidence("start_date", pair)
        r.note_evidence("end_date", pair)
        if len(years) != 1:
            for name in ("start_date", "end_date"):
                r.doubt(name, f"起止时间“{pair.value_text.strip()}”没有写年份，申报书中也找不到唯一的年度，请人工核对")
            return None, None
        (year,) = years
        r.notes.append(f"起止时间“{pair.value_text.strip()}”没有写年份，按申报书标题的{year}年度记录")
        return f"{year}-{int(m.group(1)):02d}", f"{year}-{int(m.group(2)):02d}"
    return None, None


# A footnote at a page's foot (1 项目名称须与申报单位公章一致。): its number, then its text, with
# a space or without: OCR joins the number to the text, and so does the text layer a scanner's
# OCR lays under a searchable scan, and a PDF's raised mark (1项目名称须与…).
# (A page printed with 行号 may put the line's number before it: 28 1 项目名称须与…)
_FOOTNOTE_RE = re.compile(r"^\s*(?:\d{1,3}\s+)?(\d{1,2})\s*([\u4e00-\u9fff].{3,})$")
_FOOTNOTE_FOOT = 0.7  # a footnote's line starts below this fraction of the page's height


_PICTURE_FOOT_LINES = 3  # a picture's last lines, where a scanned page's footnotes sit


def footnotes(doc: DocText) -> dict[str, str]:
    """The document's footnotes by number: lines at a page's foot that start with a number."""
    out: dict[str, str] = {}
    # A page scanned into a Word file is read as a picture whose lines carry no box: its foot
    # is its last lines (where: "Word文件中的图片（image1.jpg） 第1页 第41行第1块").
    pictures: dict[str, list[int]] = {}
    for i, row in enumerate(doc.rows):
        if row.source == "ocr" and row.cells[0].box is None and " " in row.cells[0].where:
            pictures.setdefault(row.cells[0].where.rsplit(" ", 1)[0], []).append(i)
    # (A line of one piece: a budget table's last row, 5 | 宣传推广费 | 0.8, may end a page too.)
    picture_feet = {i for lines in pictures.values() for i in lines[-_PICTURE_FOOT_LINES:]
                    if len(doc.rows[i].cells) == 1}
    for i, row in enumerate(doc.rows):
        cell = row.cells[0]
        if row.source == "table" or (cell.box is None and i not in picture_feet) or (
                cell.box is not None and cell.box[1] < _FOOTNOTE_FOOT):
            continue  # a line without a place (Word) is no page's foot
        m = _FOOTNOTE_RE.match(" ".join(c.text for c in row.cells))
        if m is not None:
            out.setdefault(m.group(1), m.group(2).strip())
    return out


# An amount ending in a digit that may be a footnote's number printed after it (10.0² → 10.02).
# Only a second decimal: a whole number ending in 1 or 2 is too common to doubt for it.
_DIGIT_THEN_NOTE_RE = re.compile(r"\d[.．]\d(\d)\s*(?:万元|万|元)?$")


# A whole amount in 元 whose last figure may be a footnote's number run into it (900002: 90000
# and note 2): the round part and that figure.
_WHOLE_THEN_NOTE_RE = re.compile(r"(\d{4,12})(\d)\s?元?")


_CLAUSE_END = "；;，,。"


def without_footnote_mark(checked: Checked[T], text: str, notes: dict[str, str],
                          check: Callable[[str], Checked[T]]) -> Checked[T]:
    """`checked` (check(text)), or, when `text` ends in the number of one of the document's
    footnotes right after a word, the check of `text` without it and a note saying so."""
    # A footnote's number printed after the value (学术年会¹), perhaps before the sentence's
    # stop in prose (伍万元整²；).
    bare = text.rstrip().rstrip(_CLAUSE_END)
    m = NUMBER_TAIL_RE.search(bare)
    if m is None or m.group(1) not in notes:
        return checked
    again = check(bare[:m.start()])
    if again.value is None or again.doubt:
        return again if again.value is not None else checked
    said = f"末尾的“{m.group(1)}”是脚注标号（脚注：{notes[m.group(1)]}），已去掉"
    return Checked(again.value, repair="；".join(filter(None, (said, again.repair))))


def _form(doc: DocText, pairs: list[LabelledPair], labels: Labels) -> ExtractedForm:
    r = _Reader(doc, pairs, labels)
    notes = footnotes(doc)

    def project_check(text: str) -> Checked[str]:
        return check_project_name(text, labels)

    project = r.pick_checked("project_name", ("project_name",),
                             lambda p: without_footnote_mark(project_check(p.value_text), p.value_text, notes,
                                                             project_check))
    r.cross_check("project_name", "project_name", _checked_project(labels), "项目名称")
    told = _told_in_prose(doc) if project is None or not r.of("applicant_org") else None
    if project is None and told is not None:
        project = without_footnote_mark(project_check(told[1].value_text), told[1].value_text, notes,
                                        project_check).value
        r.note_doubt("project_name", told[1], "项目名称取自申报书正文的叙述（申报“……”项目），请核对")
    applicant = r.pick_checked("applicant_org", ("applicant_org",), lambda p: check_org_name(unit_line(p.value_text)))
    if applicant is None and told is not None and told[0] is not None:
        applicant = check_org_name(told[0].value_text).value
        r.note_doubt("applicant_org", told[0], "申报单位取自申报书正文的叙述（某单位申报“……”项目），请核对")
    r.cross_check("applicant_org", "applicant_org", _checked_org, "申报单位")
    if doc.ocr:
        # What only a misreading makes: a Hunan place one character off, a guide item's name cut.
        for name, value, checks in (
                ("project_name", project, (lambda c: doubt_cut_item(c, labels), lambda c: doubt_misread_place(c, "项目名称"))),
                ("applicant_org", applicant, (lambda c: doubt_misread_place(c, "单位名称"),))):
            for check in checks:
                if value is not None and name not in r.doubts and (said := check(Checked(value)).doubt):
                    r.doubt(name, said)
    applicant, stated_type = _type_after_name(r, labels, applicant)
    applicant, lead, partners, is_joint = _joint_units(r, applicant)
    facts = _facts(r, labels, is_joint)
    if lead is not None and "lead_org" in r.evidence:
        r.evidence["applicant_org"] = r.evidence["lead_org"]
    subcategory = _subcategory(r, labels)
    if subcategory is None and "subcategory" in r.doubts and "category" not in r.doubts:
        # The category is the item's: with the item in doubt, so is the empty category cell.
        if "subcategory" in r.evidence:
            r.evidence["category"] = r.evidence["subcategory"]
        r.doubt("category", "项目类别随申报项目而定，而申报项目未能读出")
    leader = r.pick_checked("leader_name", ("leader_name",), lambda p: check_person_name(p.value_text))
    if leader is None and not any(p.value_text.strip() for p in r.of("leader_name")):
        leader = _leader_from_bio(r)
    r.cross_check("leader_name", "leader_name", _checked_person, "项目负责人")

    def funding_check(text: str, label: str) -> Checked[float]:
        return check_funding(text, _unit_hint(label))

    funding = r.pick_checked("funding_wan", ("funding",),
                             lambda p: from_budget(p.value_text, facts.budget_total_wan)
                             or without_footnote_mark(funding_check(p.value_text, p.raw_label), p.value_text, notes,
                                                      lambda text: funding_check(text, p.raw_label)))
    seen = re.split(r"[:：]", r.evidence["funding_wan"].text)[-1].strip() if (
        funding is not None and "funding_wan" in r.evidence) else ""
    glued = _DIGIT_THEN_NOTE_RE.search(seen)
    if glued is not None and glued.group(1) in notes and "funding_wan" not in r.doubts:
        # 10.0² read as 10.02: a footnote's number glued to an amount's last digit may be either.
        r.doubt("funding_wan", f"申请经费“{seen}”末尾的“{glued.group(1)}”可能是脚注标号（脚注{glued.group(1)}："
                               f"{notes[glued.group(1)][:30]}），也可能是金额的一部分，请核对原件")
    joined = _WHOLE_THEN_NOTE_RE.fullmatch(seen.strip()) if funding is not None else None
    if joined is not None and joined.group(2) in notes and int(joined.group(1)) % 1000 == 0 \
            and abs(funding - int(joined.group(1) + joined.group(2)) / 10000) < 1e-9:  # type: ignore[operator]
        # 900002 in a cell of 元 where footnote 2 exists: 90000 with its mark run into it (a
        # superscript the reader saw as a figure). The round amount is the one repair when the
        # budget table adds up to it; otherwise either may be meant.
        bare = int(joined.group(1)) / 10000
        note = f"申请经费“{seen}”末尾的“{joined.group(2)}”是脚注标号（脚注：{notes[joined.group(2)][:30]}）"
        if facts.budget_total_wan is not None and abs(bare - facts.budget_total_wan) < 1e-6:
            r.notes.append(f"{note}，与经费预算表合计相符，按{bare:g}万元记录")
            funding = bare
        elif "funding_wan" not in r.doubts:
            r.doubt("funding_wan", f"{note[:-1]}？也可能是金额的一部分，请核对原件")
    if funding is not None and facts.budget_total_wan is not None and abs(funding - facts.budget_total_wan) > 1e-6:
        budget = facts.budget_total_wan
        listed = list(dict.fromkeys(text_to_funding_amounts(
            seen, _unit_hint(re.split(r"[:：]", r.evidence["funding_wan"].text)[0]))))
        if "funding_wan" in r.doubts and len(listed) > 1 and sum(1 for a in listed if abs(a - budget) < 1e-6) == 1:
            # 8万元6万元 with 8万元 struck through by hand (a scan or a print does not show the
            # strike): the amount the budget table adds up to is the one kept, and still doubted.
            shown = "、".join(f"{a:g}万元" for a in listed)
            del r.doubts["funding_wan"]  # the cell's first-amount doubt no longer says what was kept
            r.doubt("funding_wan", f"申请经费栏写有多个金额（{shown}），已取与经费预算表合计相符的{budget:g}万元"
                                   "（其余金额可能是划掉的旧数），请核对原件")
            funding = budget
        else:
            r.notes.append(f"申请经费{funding:g}万元与经费预算合计{budget:g}万元不一致")
            r.doubt("funding_wan", f"申请经费{funding:g}万元与经费预算表的合计{budget:g}万元不一致")

    start = r.pick("start_date", ("period",), lambda p: _period_of(p.value_text)[0])
    end = r.pick("end_date", ("period",), lambda p: _period_of(p.value_text)[1])
    if start is None and end is None:
        start, end = _period_without_year(r)
    if start is None:
        start = r.pick("start_date", ("start_date",), lambda p: text_to_date(p.value_text))
    if end is None:
        end = r.pick("end_date", ("end_date",), lambda p: text_to_date(p.value_text))
    start, end = _check_dates(r, start, end)

    email = r.pick_checked("contact_email", ("contact_email",), lambda p: check_email(p.value_text))
    if email is None:
        email = r.pick_checked("contact_email", ("leader_email",), lambda p: check_email(p.value_text))
    if email is None and "contact_email" not in r.evidence:
        # A letter's sentence run on past its label (联系电话150…，电子邮箱蔡艳<…@foxmail.com>): the
        # address the contact's other value names after 邮箱.
        email = r.pick_checked("contact_email", ("contact_phone", "contact_name"), _email_said_after)
    if email is not None and r.doc.ocr and _CAPITAL_I_AMONG_LOWER_RE.search(email.split("@")[0]):
        # Ihrzs@…: OCR reads a lower-case l as a capital I; an address is rarely typed in mixed case.
        r.doubt("contact_email", f"扫描件上的电子邮箱“{email}”中的“I”可能是小写字母“l”（识别时两者难以区分），请核对原件")
    applicant_type = _applicant_type(r, labels, applicant, stated_type)
    _check_type_against_name(r, labels, applicant, applicant_type)

    leader_phone = r.pick_checked("leader_phone", ("leader_phone",), lambda p: check_phone(p.value_text))
    contact = r.pick_checked("contact_name", ("contact_name",),
                             lambda p: same_as_leader(p.value_text, leader, "项目联系人") or check_person_name(p.value_text))
    contact_phone = r.pick_checked("contact_phone", ("contact_phone",),
                                   lambda p: same_as_leader(p.value_text, leader_phone, "联系电话") or check_phone(p.value_text))
    def said_same(name: str) -> bool:  # the contact's cell for `name` says it is the leader's
        return any(_SAME_AS_LEADER_RE.fullmatch(re.sub(r"\s+", "", p.value_text).strip("：:")) for p in r.of(name))

    if contact_phone is None and said_same("contact_name") and leader_phone is not None and "contact_phone" not in r.doubts:
        # 联系人：同项目负责人, its phone cell left empty: the one person's number is the leader's.
        contact_phone = leader_phone
        if "leader_phone" in r.evidence:
            r.evidence["contact_phone"] = r.evidence["leader_phone"]
        r.notes.append(f"项目联系人即项目负责人，联系电话一栏未填，按负责人手机“{leader_phone}”记录")
    if (contact_phone is not None and contact_phone == leader_phone and len(contact_phone) == 11
            and contact and leader and contact != leader and not said_same("contact_phone")
            and "contact_phone" not in r.doubts):
        # Two people, one mobile: a mobile is one person's, so one of the two cells was read
        # from the other's line (a table whose header tiers shifted a column).
        r.doubt("contact_phone", f"联系人{contact}的电话与负责人{leader}的手机是同一个号码（{contact_phone}），"
                                 "可能读到了负责人的一栏，请核对原件")
    # A contact written as the leader carries the leader's doubt with it.
    for name, source, value in (("contact_name", "leader_name", contact), ("contact_phone", "leader_phone", contact_phone)):
        if value is not None and source in r.low and said_same(name):
            r.doubt(name, "照抄的项目负责人一项本身存疑：" + r.doubts.get(source, ""))

    fields = Fields(
        project_name=project,
        category=labels.items.get(subcategory) if subcategory else None,
        subcategory=subcategory,
        applicant_org=applicant,
        applicant_type=applicant_type,
        lead_org=lead,
        partner_orgs=partners,
        leader_name=leader,
        leader_phone=leader_phone,
        contact_name=contact,
        contact_phone=contact_phone,
        contact_email=email,
        funding_wan=funding,
        start_date=start,
        end_date=end,
    )
    unread = tuple(dict.fromkeys((*r.unread, *_flag_unreadable(r, fields))))
    if unread:
        facts = facts.model_copy(update={"unread": unread})
    return ExtractedForm(
        file=doc.file,
        sha256=doc.sha256,
        fields=fields,
        evidence=r.evidence,
        facts=facts,
        low_confidence=tuple(r.low),
        doubts=dict(r.doubts),
        guessed=tuple(dict.fromkeys(g for g in r.guessed if g in r.doubts)),
        notes=tuple(r.notes) + tuple(doc.notes),
    )

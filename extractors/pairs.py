"""Rows of cells → labelled pairs: which printed label each piece of text stands next to.

`rows_to_pairs(doc, labels)` reads every layout the office receives:

- a label cell followed by its value cell, one or several pairs per row (2-, 4- or 6-column
  grids, merged value cells repeated or not); a period split into one cell per date part
  ("起止时间 | 2024年 | 5月 | 至 | 2024年 | 12月") is one value; a footnote mark on a label
  ("申请经费①") is part of the label;
- an OCR line of several boxes under a value that was alone on its line continues that value
  (an option list cut into boxes differently on each line);
- "label：value" in one cell, several per cell or per line, including OCR boxes that merged a
  pair with the next label ("负责人：张三联系电话：138…"): text is split at known labels
  (longest match first), never at whitespace alone;
- a label row above its value row (one-column forms), where the value may itself hold
  "姓名：… 手机：…" for the person the label names;
- a header row of several labels above a row of values ("项目类别 | 单位类型" over "学术交流 |
  省级学会"): each value goes to the label it stands under, by column or — where OCR left out
  empty cells or a grid merged some — by where the cells sit on the page;
- numbered items ("（一）项目名称：…", "二、申报单位 …"): the next item's number ends a value;
- PDF text lines "项目名称 某某研究" (label, space, value) and their wrapped continuation lines;
- small header tables: people (姓名 | 职务 | 电话 | 电子邮箱 with a row per person), joint
  units (单位名称 | 承担角色) and the budget (支出科目 | 金额（元）… 合计).

Each pair keeps its place: the page and the box (label and value cells united, on the
value's page) for the evidence image, and how sure the reader is of the value — for OCR text
the lowest of the recogniser's own scores over the value's cells, for a text layer 1.0.

Besides field pairs it emits the text of the opinion boxes (`approval`, `city_review`), the
project content (`content`) and the budget total (`budget_total`, raw label = the amount
column's header, which carries the unit). Pairs keep document order; the first non-empty
value of a field in the 基本情况 part is the one to use, the cover page is the fallback.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from shenbao.extractors.checkbox import (
    CHOSEN, CHOSEN_MARKS, LETTERED_OPTION_RE, NUMBER_CHOICE_RE, UNCHOSEN, UNCHOSEN_MARKS,
    misread_marks_to_glyphs, normalise_checkbox_glyphs,
)
from shenbao.extractors.labels import Labels
from shenbao.extractors.markdown_rows import markdown_tables
from shenbao.extractors.text_cleanup import fix_radicals, without_format_chars
from shenbao.extractors.value_checks import check_person_name, ends_like_project, is_person_name, looks_like_org
from shenbao.extractors.values import text_to_period
from shenbao.record import Box, Cell, DocText, Row

# Confidence of a value read from OCR text whose recogniser gave no score for it.
OCR_CONFIDENCE = 0.6
# A value whose confidence (the recogniser's lowest score over its cells) is below this is
# doubtful. Measured on the public sample's nine scans and on generated forms scanned at
# 150 dpi with their values blurred, speckled or shrunk one by one: right values scored a
# median 0.999, a tenth of them below 0.97 and none below 0.92 on whole scans; misread
# values scored 0.53–0.97 (hm@ for hn@ 0.954–0.966, a wrong Han character 0.93), 8 of 9
# below 0.97. With the two lower cut-offs below, the public sample's scans get 0, 0, 3, 0,
# 1, 0, 1, 0, 0 flags from scores.
DOUBTFUL_BELOW = 0.97
# Dates and amounts: the dash of a period ("2024年5月—2024年11月") alone pulls a clean line to
# ~0.963, and what is read is parsed and checked for plausibility afterwards.
NUMBER_DOUBTFUL_BELOW = 0.95
# For an option list (项目类别, 单位类型) the score is the whole list's, mostly its box glyphs
# (right choices scored 0.91–0.97), and the choice itself is checked against the vocabulary.
OPTION_DOUBTFUL_BELOW = 0.9
_CUT_OFFS: dict[str, float] = {
    **dict.fromkeys(("period", "start_date", "end_date", "funding", "total_funding", "budget_total"),
                    NUMBER_DOUBTFUL_BELOW),
    **dict.fromkeys(("subcategory", "applicant_type", "is_joint"), OPTION_DOUBTFUL_BELOW),
}

_UNITS = ("万元", "元", "万", "盖章", "签章", "签字", "公章", "章")
# A footnote mark printed on a label ("申请经费①", "申请经费（万元）※"): read as part of the label.
_NOTE_MARKS = frozenset("※*＊†‡¹²³⁰⁴⁵⁶⁷⁸⁹" + "".join(chr(c) for c in range(0x2460, 0x2474)))
_NOTE = "※"
_ITEM_NUMBER = r"(?:[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十\d]+[)]|\d+[、.]|第[一二三四五六七八九十]+部分)"
# An item number, or the star an online system prints before a required label (*项目名称：;
# ＊ reads as * after NFKC), or both.
_NUMBERING_RE = re.compile(f"^(?:[*※]\\s*{_ITEM_NUMBER}?|{_ITEM_NUMBER})\\s*")
_HEADING_NUMBER_RE = re.compile(f"^{_ITEM_NUMBER}\\s*")
_TOTAL_RE = re.compile(r"^(?:合计|总计|合\s+计|总\s+计)")
# A column header the vocabulary need not know ("子项", "序号"): a few Han characters. A 序号
# header may carry the row's own number, which OCR joins to it across the ruling (序号1).
_HEADER_WORD_RE = re.compile(r"[\u4e00-\u9fff]{1,4}|序号\d{1,3}")
# An item number closing a value, where the next item's label follows it ("…学术年会（二）").
_TRAILING_NUMBER_RE = re.compile(r"(?:[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}、|\s[*※])\s*$")


@dataclass(frozen=True)
class LabelledPair:
    """One value found next to one label.

    `field` is a `[fields]` key of labels.toml, a person field resolved from context
    (leader_name, leader_phone, leader_email, contact_name, contact_phone, contact_email),
    one of approval / city_review / content / budget_total, or "_other" for labels that are
    read only to stop other values. `section` is cover, basic, budget, … (the form part)."""

    field: str
    raw_label: str
    value_text: str
    where: str
    confidence: float = 1.0
    section: str = "basic"
    page: int | None = None  # 1-based page of the value (PDF, scan, photo); None for Word
    box: Box | None = None  # label and value cells united, on that page (record.Box)

    @property
    def doubtful(self) -> bool:
        """True when the reader was unsure of the value's text (a low OCR score)."""
        return self.confidence < _CUT_OFFS.get(self.field, DOUBTFUL_BELOW)


def match_form(text: str) -> str:
    """Comparison form of text, one character for one character (so that slices of it map to
    slices of the original): radicals fixed, full-width forms to ASCII, padding to a space,
    ASCII lower-cased."""
    return "".join(map(_match_char, text))


@functools.lru_cache(maxsize=65536)
def _match_char(ch: str) -> str:
    """match_form of one character. Cached: a form has a few hundred distinct characters and
    match_form sees each of them thousands of times (a third of reading a .docx, uncached)."""
    n = unicodedata.normalize("NFKC", fix_radicals(ch))
    if len(n) != 1:
        n = ch
    if n in "\t\u00a0\u2002\u2003\u2009\u3000":
        n = " "
    return n.lower()


def squeeze(text: str) -> str:
    """Comparison form without any whitespace (for labels, headings and boilerplate)."""
    return re.sub(r"\s+", "", match_form(text))


_QUOTES_RE = re.compile("[“”\"'‘’「」『』]")
# An option matrix has at least this many option rows (a form's checklists have 5 or more).
_MATRIX_MIN_ROWS = 3
# Group cells an option matrix may show beside its options.
_MATRIX_GROUP_WORDS = frozenset({"其他", "其它"})
# A mark cell: a box, tick or letter, bracketed or not, nothing else (OCR reads boxes as 口/回/团).
_GLYPHS_RE = re.compile(f"[{CHOSEN}{UNCHOSEN}]")
_MARK_RE = re.compile(r"^[\[\]()【】☐☑☒□■√✓✔×✗xXvV*●○◉◯⊙▣◼⊠✅❑❏⬜口回团]{1,4}$")


def option_key(text: str) -> str:
    """Comparison form of an option's text: squeezed, without quotation marks."""
    return _QUOTES_RE.sub("", squeeze(text))


def _is_mark(key: str) -> bool:
    return bool(_MARK_RE.match(key))


def _option_in(key: str, labels: Labels) -> tuple[str, str, str] | None:
    """(field, option, mark text) when `key` is an option of the item or unit-type lists,
    alone or with a mark before or after it."""
    for field, options in (("subcategory", labels.items), ("applicant_type", labels.applicant_types)):
        for option in options:
            k = option_key(option)
            if key == k:
                return field, option, ""
            if key.startswith(k) and _is_mark(key[len(k):]):
                return field, option, key[len(k):]
            if key.endswith(k) and _is_mark(key[: -len(k)]):
                return field, option, key[: -len(k)]
    return None


# Fields whose value may run over several cells of a row (option lists, checkboxes).
_SPREAD_FIELDS = frozenset({"subcategory", "applicant_type", "is_joint"})
# Fields whose value a form may split into one cell per date part ("起止时间 | 2024年 | 5月 | 至
# | 2024年 | 12月", "开始 | 2024年5月 | 结束 | 2024年12月"): such cells join the value.
_DATE_FIELDS = frozenset({"period", "start_date", "end_date"})
_DATE_PIECE_RE = re.compile(r"(?:[\d年月日号至到起止自—–~/.\- ]|开始|结束|完成|时间|日期)+")


def _join_cells(texts: list[str]) -> str:
    """Texts of neighbouring cells as one value; a merged cell repeated by a reader counts once.
    A number written one digit to a cell (five cells or more: a mobile, a postcode) is one number."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) >= _DIGIT_CELLS_MIN and all(_ONE_DIGIT_RE.fullmatch(t) for t in filled):
        return "".join(filled)
    out: list[str] = []
    for text in texts:
        if text.strip() and (not out or out[-1] != text):
            out.append(text)
    return " ".join(out)


@dataclass
class _Draft:
    """A pair while the rows are still being read (a wrapped line may extend its value)."""

    field: str
    raw_label: str
    value: str
    where: str
    section: str
    label_cells: tuple[Cell, ...]  # where the label was printed (place only)
    value_cells: list[Cell]  # what the value was read from (place and score)
    ocr: bool  # read from an OCR row

    def to_pair(self) -> LabelledPair:
        page, box = _place(self.label_cells, self.value_cells)
        value = _unbulleted(_uncounted(_unhinted(_unblanked(without_format_chars(self.value)))))
        return LabelledPair(self.field, self.raw_label, value, self.where,
                            self.confidence(), self.section, page, box)

    def confidence(self) -> float:
        """The lowest score over the value's cells (the label's when the value is empty): a
        text layer's cell counts 1.0, an OCR cell without a score OCR_CONFIDENCE."""
        cells = [c for c in self.value_cells if c.text.strip()] or list(self.label_cells)
        fallback = OCR_CONFIDENCE if self.ocr else 1.0
        return min((c.score if c.score is not None else fallback for c in cells), default=1.0)


# The template's blank (____ or ＿＿＿) a value was typed into: its underscores are no part
# of the value. One underscore stays (an e-mail's a_b@…).
_BLANK_RUN_RE = re.compile(r"[ \t]*[_＿]{2,}[ \t]*")


def _unblanked(value: str) -> str:
    """`value` without the blank's underscores (a lone one left at either end by OCR goes too)
    and without the tail of a tab's leader dots before it (……蔡一鸣, .魏洋 as OCR cuts them)."""
    if "_" in value or "＿" in value:
        value = _BLANK_RUN_RE.sub(" ", value).strip().strip("_＿").strip()
    if value[:1] in _RULE_BARS or value[-1:] in _RULE_BARS:
        # A table's vertical rule read with the value (|13746979188, |无 on a scan): no value
        # starts or ends with a bar.
        value = value.strip(_RULE_BARS + " ").strip()
    return _LEADER_HEAD_RE.sub("", value) if value[:1] in ".…·・" else value


_RULE_BARS = "|丨│┃｜"


_LEADER_HEAD_RE = re.compile(r"^(?:[.·・]{2,}|…+)[.…·・]*\s*|^[.·・](?=[\u4e00-\u9fff])")


# The template's own instruction left in front of or after the value typed next to it
# (（请填写项目全称）, （填写单位全称，与公章一致）, 不超过30字): bracketed text that tells
# how to fill the field, or a length limit closing the value. Template text, like the blank's
# underscores, is no part of what the sender wrote.
_HINT_WORDS = r"(?:请填|填写|填报|须与|应与|与公章一致|与印章一致|全称|不超过\d+个?字|\d+字以内|限\d+字|如：|例如)"
_HINT_RE = re.compile(f"[（(][^（）()]{{0,30}}?{_HINT_WORDS}[^（）()]{{0,30}}[）)]")
_LIMIT_TAIL_RE = re.compile(r"[（(]?(?:不超过|限)\d+个?字(?:以内)?[）)]?\s*$")


# An instruction whose closing bracket a scan lost, the value run on after it: (填写单位全称，与公章
# 一致湖南洞庭…科协: up to the last of the words such instructions end with, within its length.
_UNCLOSED_HINT_RE = re.compile(f"^\\s*[（(](?=[^（）()]{{0,12}}?{_HINT_WORDS})[^（）()]{{0,18}}(?:一致|全称|姓名|号码)(?![）)])")


# The bullet that opens the next line (➤ 项目负责人：… under ➤ 项目名称：…), read at the end of
# this line's value when a scan's line ran on into it: no value ends with one.
_BULLETS = "➢➣➤▶►▸‣•◆◇❖✦✧"
_TRAILING_BULLET_RE = re.compile(f"(?:\\s*[{_BULLETS}])+\\s*$")
_BULLET_TAIL = 16


def _unbulleted(value: str) -> str:
    """`value` without a bullet at its end (see _TRAILING_BULLET_RE)."""
    stripped = value.rstrip()
    if not stripped or stripped[-1] not in _BULLETS:
        return value
    # (Searched in the last characters only: a run of spaces before a word would make the
    # pattern try every start.)
    head, tail = stripped[:-_BULLET_TAIL], stripped[-_BULLET_TAIL:]
    return head + _TRAILING_BULLET_RE.sub("", tail)


def _unhinted(value: str) -> str:
    """`value` without the template's instructions (see _HINT_RE, _UNCLOSED_HINT_RE)."""
    if "字" not in value and "填" not in value and "全称" not in value and "与" not in value and "如" not in value:
        return value
    value = _LIMIT_TAIL_RE.sub("", _HINT_RE.sub("", value)).strip()
    return _UNCLOSED_HINT_RE.sub("", value).strip()


# A web form's character counter printed under or after its input box (茶陵县蔬菜科技服务站建设
# 16/50, 王思琪3/20), as a 申报系统's page printed or copied from the browser shows it: the
# characters typed out of the box's limit. A usual limit, no more typed than it, after text.
# (A footnote's number may stand between: 《…》1 19/50.)
_COUNTER_RE = re.compile(r"(?:(?<=[^\d\s/])|(?<=[^\d\s/]\d\s))\s*(?P<n>\d{1,4})\s*/\s*(?P<limit>\d{2,4})\s*$")
_COUNTER_TAIL = 16
_COUNTER_LIMITS = frozenset({10, 15, 16, 20, 25, 30, 32, 40, 50, 60, 64, 80, 100, 120, 128, 150, 200, 255, 256,
                             300, 500, 800, 1000, 1500, 2000, 3000, 5000})


def _uncounted(value: str) -> str:
    """`value` without a web form's character counter at its end (see _COUNTER_RE)."""
    # (Looked for in the value's last characters: a counter is short, a cell may be long.)
    stripped = value.rstrip()
    tail = stripped[-_COUNTER_TAIL:]
    m = _COUNTER_RE.search(tail) if "/" in tail else None
    if m is None or int(m["limit"]) not in _COUNTER_LIMITS or not 0 < int(m["n"]) <= int(m["limit"]):
        return value
    return stripped[: len(stripped) - len(tail) + m.start()].rstrip()


def _place(label: tuple[Cell, ...], value: list[Cell]) -> tuple[int | None, Box | None]:
    """The page of the value (of the label when the value has none) and the union of the
    label's and the value's boxes on that page."""
    page = next((c.page for c in value if c.page is not None and c.text.strip()), None)
    if page is None:
        page = next((c.page for c in (*value, *label) if c.page is not None), None)
    boxes = [c.box for c in (*label, *value) if c.page == page and c.box is not None]
    if page is None or not boxes:
        return page, None
    return page, (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                  max(b[3] for b in boxes))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int  # after the label, its unit and its colon
    label: str  # canonical label as written in labels.toml
    unit: str  # "万元", "元", "盖章", … or ""
    raw: str  # the label as printed
    prefix: str = ""  # a person label before it in the same cell ("项目负责人" of 项目负责人手机)


class _Matcher:
    """Finds known labels in text: spaced or not, with an optional unit and colon."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self.canonical: dict[str, str] = {}
        parts: list[str] = []
        for label in labels.all_labels():
            key = squeeze(label)
            self.canonical.setdefault(key, label)
            parts.append("[ ]*".join(re.escape(ch) for ch in key))
        units = "|".join("[ ]*".join(re.escape(ch) for ch in u) for u in _UNITS)
        self.regex = re.compile(
            f"(?P<label>{'|'.join(parts)})(?:[ ]*{_NOTE})?(?P<unit>[ ]*\\([ ]*(?:{units})[ ]*(?:\\)|(?=\\n|$)))?"
            f"(?:[ ]*{_NOTE})?[ ]*(?P<colon>:|{_LEADER_DOTS}|为(?![主准止期]))?"
        )
        # Every label's beginnings (项, 项目, 项目名 …): a label spaced out one character a cell
        # is joined while its pieces go on spelling one.
        self.prefixes = frozenset(key[:n] for key in self.canonical for n in range(1, len(key) + 1))
        self.english = frozenset(_english_key(w) for w in labels.english_words)
        self.figure_labels = frozenset(
            squeeze(label) for label in (*labels.person_phone,
                                         *(k for k, f in labels.field_labels.items() if f in _FIGURE_FIELDS)))
        self.address_labels = frozenset(
            squeeze(label) for label in (*labels.person_email,
                                         *(k for k, f in labels.field_labels.items() if f in _ADDRESS_FIELDS)))

    def is_translation(self, text: str) -> bool:
        """True when `text` is only a label's English (Project Title, E-mail, Tel.): words
        of labels.toml `english_words`, nothing else."""
        if not _LATIN_ONLY_RE.fullmatch(text):
            return False
        # A scan's OCR may drop the space between two words (ProjectTitle, JointApplicants).
        words = [w for w in _ENGLISH_SPLIT_RE.split(_CAMEL_RE.sub(r"\1 \2", text)) if w]
        return bool(words) and all(_english_key(w) in self.english for w in words)

    def spaced_labels_joined(self, row: Row) -> Row:
        """A label spaced out to the width of its column (手　机, 邮　箱) that a PDF's text
        line or OCR cut into one cell per character: the pieces joined into one label cell."""
        cells = list(row.cells)
        k, changed = 0, False
        while k + 1 < len(cells):
            left, right = cells[k].text.strip(), cells[k + 1].text.strip()
            if (end := self._spelled_over(cells, k)) is not None:
                # 项 | 目 | 名 | 称 (分散对齐 over a wide label cell): three pieces or more.
                joined = cells[k]
                for cell in cells[k + 1:end]:
                    joined = _joined(joined, cell)
                cells[k:end] = [joined]
                changed = True
            elif (0 < len(left) <= _SPACED_PIECE_MAX and 0 < len(right) <= _SPACED_PIECE_MAX and _near(cells[k], cells[k + 1])
                    and self.whole_label(left) is None and self.whole_label(left + right) is not None):
                cells[k:k + 2] = [_joined(cells[k], cells[k + 1])]
                changed = True
            elif (cut := self._label_head_cut(left, right)) is not None:
                # 彭海燕手 | 机： — a narrow label cell's first character printed against the
                # value before it: the character goes back to its label.
                cells[k] = cells[k].model_copy(update={"text": left[:-cut]})
                cells[k + 1] = cells[k + 1].model_copy(update={"text": left[-cut:] + right})
                changed = True
            elif left and (tail := _VALUE_TAIL_BEFORE_STAR_RE.match(right)) is not None \
                    and self.whole_label(left) is None and self.whole_label(right[tail.end():]) is not None:
                # 热依拉·买合木提研究 | 员*负责人手机： — the value's last characters wrapped into
                # the next cell, before the star that opens its label: they go back to the value.
                cells[k] = cells[k].model_copy(update={"text": cells[k].text.rstrip() + tail.group(1)})
                cells[k + 1] = cells[k + 1].model_copy(update={"text": right[tail.end() - 1:]})
                changed = True
            k += 1
        return row.model_copy(update={"cells": tuple(cells)}) if changed else row

    def _spelled_over(self, cells: list[Cell], k: int) -> int | None:
        """The end of the run of three or more short cells from `k` that spell one label
        together (the longest such), or None."""
        spelled, end, j = "", None, k
        while j < len(cells) and 0 < len(piece := squeeze(cells[j].text)) <= _SPACED_PIECE_MAX \
                and (j == k or _near(cells[j - 1], cells[j])) and (spelled + self.norm(piece)) in self.prefixes:
            spelled += self.norm(piece)
            j += 1
            if j - k >= 3 and spelled in self.canonical:
                end = j
        return end

    def labels_in_lenticular_brackets(self, row: Row) -> Row:
        """Labels a template sets in 【】 (or ［］, 〖〗) instead of a colon, at the start of a
        cell (【项目名称】某论坛, 【负责人手机】190 8459 5458): each such label gets a colon in place of
        its brackets. A bracketed word that is no label (【学术交流】某论坛: the item named before
        a project's name) is left as it is."""
        cells = []
        for cell in row.cells:
            m = _LENTICULAR_LABEL_RE.match(cell.text)
            if m is not None and self.whole_label(m.group(1)) is not None:
                cell = cell.model_copy(update={"text": f"{m.group(1)}：{cell.text[m.end():]}"})
            cells.append(cell)
        return row.model_copy(update={"cells": tuple(cells)}) if cells != list(row.cells) else row

    def values_above_labels(self, rows: list[Row]) -> list[Row]:
        """Paragraphs that give each value before its label (2024年4月至10月 | 起止时间 | 人民币十万元 |
        申请经费 | …): a form of grouped text boxes whose anchors a converter wrote bottom to
        top. A run of at least _REVERSED_MIN such pairs, a bare value, then the label alone on
        its paragraph, ending in a label that nothing but a heading, a table or the text's end
        follows, is written the right way round (label, then value); any other run is left."""
        # Each row's label when it is a paragraph holding nothing else, once (None: no such row).
        labels = [self.whole_label(r.cells[0].text) if self._bare_paragraph(r) else None for r in rows]
        bare = [self._bare_paragraph(r) for r in rows]
        out: list[Row] = []
        i = 0
        while i < len(rows):
            j = i
            while j + 1 < len(rows) and bare[j] and labels[j] is None and labels[j + 1] is not None:
                j += 2
            ends = j >= len(rows) or rows[j].source == "table" \
                or heading_section(rows[j].cells[0].text, self.labels) is not None \
                or (labels[j] is not None and (j + 1 >= len(rows) or not bare[j + 1] or labels[j + 1] is not None))
            fields = {hit.label for k in range(i + 1, j, 2) if (hit := labels[k]) is not None}
            if (j - i) // 2 >= _REVERSED_MIN and ends and len(fields) >= _REVERSED_MIN:
                for k in range(i, j, 2):
                    out += [rows[k + 1], rows[k]]
                i = j
            elif j > i:
                out += rows[i:j]
                i = j
            else:
                out.append(rows[i])
                i += 1
        return out

    @staticmethod
    def _bare_paragraph(row: Row) -> bool:
        return row.source == "paragraph" and len(row.cells) == 1 and bool(row.cells[0].text.strip())

    def captions_after_values(self, row: Row) -> Row:
        """A row whose every cell carries its caption after its value, in brackets (戴国庆 副主席
        （项目负责人） | 15876154925 （负责人手机）: a form pasted as text, each caption once under
        its cell): each cell becomes its label and its value. A row with any other cell is left
        as it is (项目联系人 | 同上（项目负责人）: that bracket is the value's; 1 | 张三（项目负责人）
        | 教授: a team table's row)."""
        split: list[Cell] = []
        for cell in row.cells:
            if not cell.text.strip():
                continue
            m = _CAPTION_AFTER_RE.fullmatch(cell.text)
            hit = self.whole_label(m.group(2)) if m is not None else None
            if (m is None or hit is None or not _names_a_field(hit.label, self.labels)
                    or _DITTO_BEFORE_BRACKET_RE.fullmatch(m.group(1))
                    or self.whole_label(m.group(1)) is not None or self.hits(m.group(1))):
                return row
            split += [cell.model_copy(update={"text": m.group(2)}), cell.model_copy(update={"text": m.group(1)})]
        return row.model_copy(update={"cells": tuple(split)}) if split else row

    def labels_glued_to_values(self, rows: list[Row]) -> list[Row]:
        """A form pasted as plain text that lost its table's gaps: each line a label run into
        its value (项目名称宁乡市中药材科技服务站建设；, 单位类型☑省级学会), a second label after
        the first value (项目负责人吕洋博士负责人手机 15016257941). When at least
        _GLUED_FIELDS_MIN lines open so with the labels of different fields, each such line gets
        a colon after its label and a space before a later label followed by a space or colon, and
        is then read as any "label：value" line. A label run into an instruction (项目名称应简明扼要,
        申请经费以万元为单位) is no such line; one on its own line is no document's setting."""
        glued: dict[int, tuple[int, str]] = {}
        for i, row in enumerate(rows):
            if row.source not in ("line", "ocr", "paragraph"):
                continue
            text = row.cells[0].text
            norm = self.norm(text)
            m = self.regex.match(norm, numbering_end(text))
            if m is None or m.group("colon") or m.group("unit") or m.end() >= len(norm.rstrip()):
                continue
            label = self.canonical[re.sub(r"\s+", "", m.group("label"))]
            lab = self.labels
            field = lab.field_labels.get(label) or next(
                (kind for kind, words in (("name", lab.person_name), ("phone", lab.person_phone),
                                          ("email", lab.person_email)) if label in words), None)
            rest = text[m.end():]
            if (field is None or norm[m.end() - 1].isspace() or rest.startswith(_GLUED_NOT_VALUE)
                    or numbering_end(text) or _SENTENCE_RE.search(rest) or any(w in rest for w in _GLUED_INSTRUCTION)):
                continue  # a numbered note, a sentence or an instruction: 1.项目名称填写项目全称，不超过30字。
            if _WHOLE_BRACKET_RE.fullmatch(rest.strip()) and any(c.text.strip() for c in row.cells[1:]):
                continue  # 负责人手机(11 位手机号码) | 191…: the label's hint in its cell, the value beside it
            glued[i] = (m.end(), field)
        if len({field for _, field in glued.values()}) < _GLUED_FIELDS_MIN:
            return rows
        out = list(rows)
        for i, (end, _) in glued.items():
            first = rows[i].cells[0]
            value = self._spaced_before_labels(first.text[end:])
            out[i] = rows[i].model_copy(update={"cells": (first.model_copy(update={"text": f"{first.text[:end]}：{value}"}),
                                                          *rows[i].cells[1:])})
        return out

    def _spaced_before_labels(self, text: str) -> str:
        """`text` with a space before each label that a space or colon follows but a value's
        character precedes (吕洋博士负责人手机 150… → 吕洋博士 负责人手机 150…), and a colon
        after a phone's or date's label run into its figure to the text's end as well
        (石文博负责人手机15491887335 → 石文博 负责人手机：15491887335)."""
        norm = self.norm(text)
        cuts: list[tuple[int, int]] = []  # (label's start, its end when a colon goes there, else -1)
        pos = 1
        while pos < len(norm):
            m = self.regex.match(norm, pos)
            if m is not None and not norm[pos - 1].isspace() and m.end() < len(norm):
                if m.group("colon") or norm[m.end() - 1].isspace():
                    cuts.append((pos, -1))
                    pos = m.end()
                    continue
                if (re.sub(r"\s+", "", m.group("label")) in self.figure_labels
                        and _GLUED_FIGURE_RE.fullmatch(norm[m.end():].strip()) is not None):
                    cuts.append((pos, m.end()))
                    pos = m.end()
                    continue
            pos += 1
        for cut, colon in reversed(cuts):
            if colon >= 0:
                text = f"{text[:colon]}：{text[colon:]}"
            text = f"{text[:cut]} {text[cut:]}"
        return text

    def cells_wrapped_over_lines(self, rows: list[Row]) -> list[Row]:
        """A grid without rules exported as text lines (an OFD, a PDF) whose cells wrap: the
        lines right under a row of labels and values that hold no label of their own and whose
        every piece stands in one column of that row (under its left edge, short of the next
        column) are that row's cells going on: （填写负责人姓 | 名）徐红梅, 0733- | 72548514,
        申请省科协资 | 助（万元）. Each piece joins its column's cell. A piece under a label joins
        it only when the two make a label; a line any piece of which fits no column is left as
        it is (a paragraph's wrapped line starts at the margin, under the row's first label)."""
        out: list[Row] = []
        flags: list[bool] | None = None  # which cells of out[-1] are labels, while it may take lines
        for row in rows:
            merged = self._wrapped_into(out[-1], row, flags) if out and flags is not None else None
            if merged is not None:
                out[-1] = merged
                continue
            out.append(row)
            flags = self._pairs_row(row)
        return out

    def _pairs_row(self, row: Row) -> list[bool] | None:
        """Which filled cells of a text line are labels, when the line is a row of labels and
        values whose cells may wrap below it; None for any other row (a header row of labels
        leaves its values to header_row)."""
        heads = [c for c in row.cells if c.text.strip()]
        if row.source != "line" or len(heads) < 2 or any(c.box is None or c.page != heads[0].page for c in heads):
            return None
        # (A label's head a narrow column wrapped, 项目 | 名称 on the line below, counts as one.)
        labels = [self.whole_label(c.text) is not None or bool(self.hits(c.text))
                  or (len(key := squeeze(c.text)) >= 2 and self.norm(key) in self.prefixes) for c in heads]
        return labels if any(labels) and 2 * sum(labels) <= len(heads) else None

    def _wrapped_into(self, above: Row, row: Row, labels: list[bool]) -> Row | None:
        heads = [c for c in above.cells if c.text.strip()]
        pieces = [c for c in row.cells if c.text.strip()]
        if row.source != "line" or not pieces or any(c.box is None or c.page != heads[0].page for c in pieces):
            return None
        top = max(c.box[3] for c in heads if c.box is not None)
        height = min(c.box[3] - c.box[1] for c in heads if c.box is not None)
        # Below the row's top by a third of a line at least: lines set tight overlap (an OFD's
        # boxes are its font's height, more than the line's pitch).
        start = min(c.box[1] for c in heads if c.box is not None) + height * 0.3
        if any(c.box is None or not start <= c.box[1] < top + height * 1.3 for c in pieces):
            return None  # not the next line down
        cells = list(heads)
        used: set[int] = set()  # columns this line has added to: a second piece was apart by a gap
        for piece in pieces:
            assert piece.box is not None
            text = piece.text.strip()
            column = next((k for k, head in enumerate(heads)
                           if head.box is not None and head.box[0] - height <= piece.box[0]
                           and (k + 1 == len(heads) or piece.box[2] <= (heads[k + 1].box or head.box)[0] + height * 0.5)), None)
            # (Under a label's head the piece may be a label itself: 负责人 | 手机 is 负责人手机.)
            if column is None or _ITEM_NUMBER_RE.match(text) or (not labels[column] and (
                    self.hits(text) or self.whole_label(text) is not None)):
                return None
            # A label's pieces make one word; a value's lines stay lines, as a cell's wrapped
            # text reads elsewhere (an option list's lines must not run into each other).
            joined = cells[column].text.rstrip() + (" " if column in used else "" if labels[column] else "\n") + text
            whole = self.whole_label(joined) if labels[column] else None
            if len(joined) > _WRAPPED_CELL_MAX or (labels[column] and (whole is None or (
                    whole.prefix and (self.hits(text) or self.whole_label(text) is not None)))):
                return None  # (项目名称 | 申报单位: two labels, one a line under the other)
            cells[column] = _with_text_below(cells[column], piece, joined)
            used.add(column)
        return above.model_copy(update={"cells": tuple(cells)})

    def _label_head_cut(self, left: str, right: str) -> int | None:
        """How many of `left`'s last characters begin the label that `right` ends with its
        colon (手 | 机：), when `right` alone is no label and `left` keeps a value; else None."""
        if not right.endswith((":", "：")) or len(right) > _SPACED_PIECE_MAX or self.whole_label(right) is not None:
            return None
        for cut in (1, 2):
            if (len(left) > cut and self.whole_label(left[-cut:] + right) is not None
                    and self.whole_label(left[-cut:]) is None):
                return cut
        return None

    def untranslated(self, cell: Cell) -> Cell:
        """`cell` without a bilingual template's English: a cell of English only is emptied
        (it is no value; its place in the row is kept), a label with its English beside or
        under it keeps the label (项目名称Project Title → 项目名称)."""
        text = cell.text.strip()
        if not _LATIN_RE.search(text):
            return cell
        if self.is_translation(text):
            return cell.model_copy(update={"text": ""})
        m = _HAN_THEN_LATIN_RE.fullmatch(text)
        if m is not None and self.is_translation(m.group(2)) and self.whole_label(m.group(1)) is not None:
            return cell.model_copy(update={"text": m.group(1)})
        return cell

    @staticmethod
    def norm(text: str) -> str:
        """match_form(text) with every footnote mark as _NOTE (one character for one, as
        match_form keeps them): NFKC reads "①" as the digit 1."""
        return "".join(_NOTE if ch in _NOTE_MARKS else n for ch, n in zip(text, match_form(text)))

    def hits(self, text: str) -> list[_Hit]:
        """Labels in `text`, left to right. A label needs a colon after it, or whitespace (or
        the text's edge) on both sides: "申请经费 6万元" is a pair, "4.申请经费以万元为单位"
        is not."""
        norm = self.norm(text)
        found: list[_Hit] = []
        pos = 0
        while pos < len(norm):
            m = self.regex.match(norm, pos)
            end = None if m is None else m.end() if self.accepted(norm, m) else _instruction_end(norm, m)
            if m is not None and end is not None:
                key = re.sub(r"\s+", "", m.group("label"))
                unit = re.sub(r"[\s()]", "", m.group("unit") or "")
                found.append(_Hit(m.start(), end, self.canonical[key], unit, text[m.start():end]))
                pos = end
            else:
                pos += 1
        return found

    def accepted(self, norm: str, m: re.Match[str]) -> bool:
        if m.start() > 0 and norm[m.start() - 1] in "同即与" and m.group("label").startswith(("负责人", "项目负责人")):
            # 联系人：同负责人 联系电话：…: "as the leader" is a value, not the label 负责人联系电话
            # spaced out (fields.same_as_leader reads it).
            return False
        line_start = m.start() == 0 or norm[m.start() - 1] in "\n|"
        # A clause of running prose opens after a line's start or a comma, semicolon or stop.
        clause_start = line_start or norm[m.start() - 1] in _CLAUSE_STOPS
        if m.group("colon"):
            # "项目负责人为王五" in a sentence is a pair; "以申报单位为主体" is not. A scan's one or
            # two leader dots end a label box of its own, not a sentence (请如实填写项目名称.).
            colon = m.group("colon").strip()
            if colon[:1] in ".·・" and len(colon.rstrip(".·・ ")) == 0 and len(colon) <= 2:
                return m.start() == 0 or m.start() == numbering_end(norm) or norm[m.start() - 1] in "\n|"
            return not colon.startswith("为") or clause_start
        before_ok = line_start or norm[m.start() - 1] == " " or m.start() == numbering_end(norm)
        after_ok = m.end() == len(norm) or norm[m.end()] in " \n" or norm[m.end() - 1] == " "
        # A caption over its value in a narrow box: a PDF's cell text joins the two lines
        # when the value (a phone, a period) is wider than the room left after the caption,
        # "负责人手机19751345322". A phone or period label opening a line with a digit right
        # after it is that. Amount labels are not: "总经费13万元，其中申请…" is a sentence.
        if not clause_start:
            return before_ok and after_ok
        if m.end() >= len(norm):
            # …（工作时间），电子邮箱 | anm1059@…: a clause's label ending the line, its value on
            # the next.
            return True
        label = re.sub(r"\s+", "", m.group("label"))
        # What follows: the line's rest, or in prose its clause (…（工作时间），电子邮箱…).
        clause = _clause(norm[m.end():])
        rests = (norm[m.end():].split("\n", 1)[0].strip(), clause) if line_start else (clause,)
        # (An area code in brackets opens a phone too: 联系电话（0731）8412…, or a country code: 手机+86170…)
        glued_figure = ((norm[m.end()] in _ASCII_DIGITS or (norm[m.end()] in "(+" and norm[m.end() + 1:m.end() + 2].isdigit()))
                        and label in self.figure_labels
                        and any(_GLUED_FIGURE_RE.fullmatch(rest) is not None for rest in rests))
        glued_address = (norm[m.end()].isascii() and norm[m.end()].isalnum() and label in self.address_labels
                         and any(_GLUED_ADDRESS_RE.fullmatch(rest) is not None for rest in rests))
        return (before_ok and after_ok) or glued_figure or glued_address

    def cut_labels_rejoined(self, text: str) -> str:
        """`text` with the line breaks a cell's wrapping put inside a label that opens a clause
        and ends in its colon (…；参与单\n位：湖南省…) taken out. Only there: 项目\n负责人 after a
        value's last word (…服务项目 | 负责人：) is the value's end and the next label."""
        pos = 0
        while (m := _CUT_LABEL_RE.search(text, pos)) is not None:
            joined = m.group(2) + m.group(3)
            if self.whole_label(joined + "：") is not None:
                text = text[:m.start(2)] + joined + text[m.end(3):]
            pos = m.start(2) + 1
        return text

    def whole_label(self, text: str) -> _Hit | None:
        """The hit when the text is nothing but one label (with unit/colon)."""
        stripped = text.strip()
        if not stripped or len(stripped) > _LONGEST_LABEL_TEXT:
            return None
        english = _TRANSLATED_LABEL_RE.fullmatch(stripped)
        if english is not None:
            # A bilingual template: the label's English on the lines below it (项目名称 / Project Title).
            return self.whole_label(english.group(1))
        if "\n" in stripped and len(stripped) <= _WRAPPED_LABEL_MAX:
            # A label broken by hand over two lines of a narrow cell (项目负 / 责人).
            return self.whole_label(re.sub(r"\s*\n\s*", "", stripped))
        hits = self.hits(stripped)
        if len(hits) == 1 and hits[0].start in (0, numbering_end(stripped)) and not stripped[hits[0].end:].strip():
            return hits[0]
        starless = _REQUIRED_MARK_RE.sub("", stripped)
        if starless != stripped and starless:
            # An online form's printout marks its required questions: 2. 项目类别 *（单选）,
            # 3. 申报单位（全称）*. The star is no part of the label, wherever it stands, nor is
            # the question's number. (A section's heading, 二、项目类别（限选一项）, has no star.)
            return self.whole_label(starless[numbering_end(starless):])
        return self._decorated_label(stripped)

    def _decorated_label(self, text: str) -> _Hit | None:
        """A label cell that adds to a known label: a second label ("项目负责人手机"), an
        alternative ("联系电话/手机") or a remark in brackets ("项目名称（全称）")."""
        norm = self.norm(text)
        m = self.regex.match(norm)
        if m is None or m.group("colon") or len(norm) > 24 or norm[m.end() - 1] == " ":
            return None
        first = self.canonical[re.sub(r"\s+", "", m.group("label"))]
        unit = re.sub(r"[\s()]", "", m.group("unit") or "")
        rest = text[m.end():]
        second = self.whole_label(rest) if rest.strip() else None
        if second is not None and not second.prefix:
            return _Hit(0, len(text), second.label, second.unit, text, prefix=first)
        # (nothing after the remark's closing bracket: 项目负责人（填写负责人姓名）欧阳湘君 holds a value)
        if re.fullmatch(r"\s*(?:[/／][^\d@:：()（）]{0,14}|[(（][^\d@:：()（）]{0,14}[)）]?)[:：]?\s*", rest):
            return _Hit(0, len(text), first, unit, text)
        # The template's instruction kept in the label, figures and all: 项目名称（不超过30字）,
        # 起止时间（不晚于2024年12月）, 负责人手机（11位手机号码）. Its words say it is an
        # instruction, not a value.
        if (re.fullmatch(r"\s*[(（][^@:：()（）]{1,18}[)）]\s*[:：]?\s*", rest)
                and (any(word in rest for word in _INSTRUCTION_WORDS) or _DIGITS_COUNT_RE.search(rest))):
            return _Hit(0, len(text), first, unit, text)
        return None


# Value-then-label paragraph pairs (of as many fields) that make a form written bottom to top.
_REVERSED_MIN = 4
# A label in 【】 at a cell's start: 【项目名称】, ［申报单位］, 〖起止时间〗 (see labels_in_lenticular_brackets).
_LENTICULAR_LABEL_RE = re.compile(r"\s*[【［〖\[]\s*([^【】［］〖〗\[\]\n]{2,16}?)\s*[】］〗\]]\s*[:：]?\s*")
# A required question's star (*, ＊), with the spaces around it.
_REQUIRED_MARK_RE = re.compile(r"\s*[*＊]\s*")
_ASCII_DIGITS = frozenset("0123456789")
# Captions naming a unit's name inside a unit's group of rows (申报单位 | 单位名称 | …).
_NAME_OF_UNIT = frozenset({"单位名称", "名称", "全称", "单位全称"})
# A title row grouping the applicant's own rows in a sectioned table.
_UNIT_GROUP_RE = re.compile(r"(?:[一二三四五六七八九十\d]+[、.．]?)?申报单位(?:基本)?(?:信息|情况|概况)")
_UNIT_FIELDS = frozenset({"applicant_org", "lead_org", "partner_orgs", "joint_orgs"})
def _breaks_an_address(value: str, rest: str) -> bool:
    """Whether an address may have been broken between `value` and `rest`: at its @ or a dot
    (ontio@ | 139.com, chenyj@csu. | edu.cn), the rest no address of its own."""
    return (value.endswith(("@", "＠", ".")) or rest.startswith(("@", "＠", "."))) and not _WHOLE_EMAIL_RE.fullmatch(rest)


# An e-mail address whole: a name, @, a domain with a dot in it.
_WHOLE_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}[@＠][A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,4}")
# A body whose 科协 applies (…大学, …学院, …有限公司, …集团), and that 科协 alone on a line, the
# stamp's prompt after it or not: 科学技术协会(公章).
_PARENT_BODY_END_RE = re.compile(r"(?:大学|学院|公司|集团)$")
_KEXIE_ALONE_RE = re.compile(r"(?:科学技术协会|科协)(?:[（(](?:公章|盖章)[）)])?")
# What a glued figure is, alone to the line's end: a phone, or a date or period opening with its
# year. "实施周期12个月以内，须于…" and "完成时间2024年12月31日前，逾期…" are instructions.
_GLUED_FIGURE_RE = re.compile(r"[\d\s\-+()]{7,}(?:(?:转|分机号?|ext\.?)\s*\d{2,5}\)?)?(?:\([^()]{1,24}\))?"
                              r"|\d{4}[\d\s年月日号.\-/~～—–至到起止]*")
# An address glued to its caption in a sentence (联系人：王某，电子邮箱wang@163.com): the clause
# is one address and nothing else.
_GLUED_ADDRESS_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*(?:@|#|\s*[(\[]\s*at\s*[)\]]\s*)[A-Za-z0-9.\-]+\.[A-Za-z]{2,}",
                               re.IGNORECASE)
# Fields whose value is a figure a caption may be glued to (see _Matcher.accepted).
_FIGURE_FIELDS = frozenset({"leader_phone", "contact_phone", "period", "start_date", "end_date"})
_ADDRESS_FIELDS = frozenset({"contact_email", "leader_email"})
# A tab's leader dots between a label and its value (项目名称………………某某论坛), as a
# table-less template fills the gap: they end the label as a colon does. A scan's OCR keeps
# one or two of them (项目名称.. | 某某论坛, 项目负责人. | 苏芳): those count at the text's end
# only (a label box of its own); inside a sentence two dots are punctuation (请按项目名称..填写).
_LEADER_DOTS = r"(?:[.·・]{3,}|…+|[.·・]{1,2}(?=\s*$))[.…·・ ]*"
# A line number printed in the margin (行号) before a printed line: "12 项目负责人…", or a cell "12".
_LINE_NUMBER_RE = re.compile(r"(\d{1,3})(?:\s+(?=\S)|$)")
_LINE_NUMBERS_MIN = 5  # numbered lines on a page before the numbers count as the margin's


_COLON_CELL_RE = re.compile(r"\s*[:：]\s*")


def colon_cells_into_labels(rows: list[Row]) -> list[Row]:
    """A table's column that holds only the colons (项目名称 | ： | 湖南省…论坛: a cover page's
    fill-ins laid out by a borderless table; on its PDF or scan a text box of its own): each
    colon joins the label before it, so that the value is the cell after it, not the colon."""
    out: list[Row] = []
    for row in rows:
        cells = list(row.cells)
        if row.source != "paragraph" and any(_COLON_CELL_RE.fullmatch(c.text) for c in cells[1:]):
            merged: list[Cell] = []
            for cell in cells:
                if merged and _COLON_CELL_RE.fullmatch(cell.text) and merged[-1].text.strip():
                    merged[-1] = merged[-1].model_copy(update={"text": merged[-1].text.rstrip() + "："})
                else:
                    merged.append(cell)
            row = row.model_copy(update={"cells": tuple(merged)})
        out.append(row)
    return out


def stacked_label_cells(rows: list[Row], labels: Labels) -> list[Row]:
    """A table row of two cells whose first holds several labels one per line (项目联系人 /
    联系电话 / 电子邮箱) and whose second holds as many lines of values, one per label: a form
    that saved rows by stacking its pairs. Such a row becomes one row per line, each label
    beside its value (both cells keep their place on the page)."""
    out: list[Row] = []
    for row in rows:
        if row.source == "table" and len(row.cells) == 2:
            left, right = ([line.strip() for line in cell.text.split("\n") if line.strip()] for cell in row.cells)
            if 2 <= len(left) == len(right) and all(is_label(line, labels) for line in left):
                out.extend(row.model_copy(update={"cells": (row.cells[0].model_copy(update={"text": a}),
                                                            row.cells[1].model_copy(update={"text": b}))})
                           for a, b in zip(left, right))
                continue
        out.append(row)
    return out


def textboxes_into_empty_cells(rows: list[Row]) -> list[Row]:
    """Values typed into text boxes laid over a table's empty value cells: the Word reader
    gives each box as a row of its own (文本框N) right after the row it is anchored in. The
    one-line boxes that follow a table row fill its empty cells after a filled one (the value
    places; under a header row of as many cells, its empty cells under a header), in order,
    when there are no more boxes than such cells."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        boxes: list[Row] = []
        while (i + 1 + len(boxes) < len(rows) and (nxt := rows[i + 1 + len(boxes)]).source == "paragraph"
               and len(nxt.cells) == 1 and nxt.cells[0].where.startswith("文本框")
               and "\n" not in nxt.cells[0].text.strip()):  # a box of several lines is a form part of its own
            boxes.append(nxt)
        empty = [k for k in range(1, len(row.cells)) if not row.cells[k].text.strip() and row.cells[k - 1].text.strip()]
        above = out[-1] if out else None
        if len(boxes) > len(empty) and above is not None and above.source == "table" \
                and len(above.cells) == len(row.cells):
            # Values under a header row (项目负责人 | 负责人手机 over two empty cells): every empty
            # cell under a filled header is a value place.
            empty = [k for k, c in enumerate(row.cells) if not c.text.strip() and above.cells[k].text.strip()]
        if row.source != "table" or not boxes or len(boxes) > len(empty):
            out.append(row)
            i += 1
            continue
        cells = list(row.cells)
        for k, box in zip(empty, boxes):
            cells[k] = cells[k].model_copy(update={"text": box.cells[0].text})
        out.append(row.model_copy(update={"cells": tuple(cells)}))
        i += 1 + len(boxes)
    return out


# A table drawn with box-drawing characters in a fixed-width font (制表符): │ between cells,
# lines of ─ ┌ ┬ ┼ ├ ┤ └ ┴ ┘ between rows.
_GRID_BAR = "│┃"
_GRID_RULE_RE = re.compile(r"[\s─━┄┅┈┉═┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╔╗╚╝╠╣╦╩╬║│┃]+")
_GRID_SPACE = " \t\u3000"
# What makes a line a rule between rows: a horizontal or a corner (a line of bars and padding is
# a blank line inside the row's cells).
_GRID_LINE_RE = re.compile("[─━┄┅┈┉═┌┍┎┏┐┑┒┓└┕┖┗┘┙┚┛├┝┞┟┠┡┢┣┤┥┦┧┨┩┪┫┬┭┮┯┰┱┲┳┴┵┶┷┸┹┺┻┼┽┾┿╀╁╂╃╄╅╆╇╈╉╊╋╔╗╚╝╠╣╦╩╬]")
_BOXES_AT_END_RE = re.compile(f"[{re.escape(CHOSEN_MARKS + UNCHOSEN_MARKS + CHOSEN + UNCHOSEN)}][\\s\u3000]*$")


def _grid_cells(row: Row) -> list[Cell] | None:
    """The cells of a text line drawn as a table row (│项目名称　│某某论坛　│), each cut at its │
    and trimmed of the padding; None when the line is no such row."""
    text = "".join(c.text for c in row.cells).strip()
    if len(text) < 2 or text[0] not in _GRID_BAR or sum(text.count(b) for b in _GRID_BAR) < 2:
        return None
    cells: list[Cell] = []
    for cell in row.cells:
        pieces = re.split(f"[{_GRID_BAR}]", cell.text)
        # A piece starts a new cell after each │ (the first one, before any │, goes on the
        # cell before: a PDF line may be cut at a gap inside a cell).
        for n, piece in enumerate(pieces):
            piece = piece.strip(_GRID_SPACE)
            if n == 0 and cells:
                if piece:
                    cells[-1] = cells[-1].model_copy(update={"text": f"{cells[-1].text}{piece}"})
                continue
            if n == 0 and not piece:
                continue
            cells.append(cell.model_copy(update={"text": piece}))
    while cells and not cells[-1].text:
        cells.pop()  # after the closing │
    # A box at a cell's end belongs to the option at the next cell's start: a wrapped line of
    # a fixed-width layout puts it before the │ (│单位类型 ☑│省级学会 ☐市州科协 …│, │ ☐│学术交流 …│).
    for k in range(len(cells) - 1):
        m = _BOXES_AT_END_RE.search(cells[k].text)
        if m is not None:
            cells[k + 1] = cells[k + 1].model_copy(update={"text": m.group(0).strip() + cells[k + 1].text})
            cells[k] = cells[k].model_copy(update={"text": cells[k].text[: m.start()].strip(_GRID_SPACE)})
    return cells or None


def _with_lines(upper: Cell, lower: Cell) -> Cell:
    """`upper` with `lower`'s text as its next line, the boxes united when on one page."""
    if not lower.text:
        return upper
    box = upper.box
    if upper.page == lower.page and upper.box is not None and lower.box is not None:
        a, b = upper.box, lower.box
        box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    text = f"{upper.text}\n{lower.text}" if upper.text else lower.text
    return upper.model_copy(update={"text": text, "box": box})


def box_drawn_grid(rows: list[Row]) -> list[Row]:
    """Text lines that draw a table with box-drawing characters as the table's rows: the rule
    lines between rows go, each │-cut line becomes a row of cells, and the lines after it whose
    first (label) cell is empty go on its cells as their next lines (a long value, an option
    list), as a table cell holds them. Paragraphs (Word) and text lines (PDF) only."""
    out: list[Row] = []
    grid: list[Cell] | None = None  # the drawn row being built

    def close() -> None:
        nonlocal grid
        if grid is not None:
            out.append(Row(cells=tuple(grid), source="table"))
            grid = None

    for row in rows:
        if row.source not in ("paragraph", "line"):
            close()
            out.append(row)
            continue
        text = "".join(c.text for c in row.cells)
        if text.strip() and _GRID_RULE_RE.fullmatch(text) and _GRID_LINE_RE.search(text):
            close()  # a rule between drawn rows
            continue
        cells = _grid_cells(row)
        if cells is None and grid is not None and text.strip() and not text.strip(_GRID_BAR + _GRID_SPACE):
            continue  # a blank line inside the drawn row's cells (│　　　│　　　│)
        if cells is None:
            close()
            out.append(row)
            continue
        if grid is not None and not cells[0].text and len(cells) <= len(grid):
            grid = [_with_lines(g, c) for g, c in zip(grid, [*cells, *grid[len(cells):]][:len(grid)])] \
                if len(cells) == len(grid) else \
                [_with_lines(g, c) for g, c in zip(grid, cells)] + grid[len(cells):]
            continue
        close()
        grid = cells
    close()
    return out


_TABLE_OF_RE = re.compile(r"(?:第(\d+)页 )?表(\d+) 第\d+行")


_BESIDE_GAP = 0.01  # of the page width between a table and text set beside it (Word wraps 0.32 cm away: 0.015)


def lines_beside_tables(rows: list[Row]) -> list[Row]:
    """Text set beside a PDF's table (a table that text wraps around: the template's notes and
    the next part's heading to its right) comes, by height, between the table's rows: each
    line between the first and the last row of one table on one page that stands wholly left
    or right of the table, apart by a gap, is put after the table's last row, keeping its
    order. Only beside a table whose every row has its value's cell and most rows a value in
    it: a table whose value column the reader missed (no rule on its right) has its values as
    lines beside it, and those are its rows' values."""
    table_rows: dict[tuple[str, str], list[int]] = {}
    for k, row in enumerate(rows):
        m = _TABLE_OF_RE.search(row.cells[0].where) if row.source == "table" and row.cells else None
        if m is not None and row.cells[0].page is not None and all(c.box is not None for c in row.cells):
            table_rows.setdefault((m.group(1) or "", m.group(2)), []).append(k)
    moved: dict[int, list[int]] = {}  # a table's last row → the lines put after it
    away: set[int] = set()
    for at in table_rows.values():
        # (A row whose value went into its label's cell, 负责人手机19423220220 | (empty), has its
        # value column all the same.)
        filled = [sum(1 for c in rows[k].cells if c.text.strip()) for k in at]
        if len(at) < 2 or any(len(rows[k].cells) < 2 for k in at) or 2 * sum(1 for n in filled if n >= 2) < len(at):
            continue
        page = rows[at[0]].cells[0].page
        left = min(c.box[0] for k in at for c in rows[k].cells if c.box is not None)
        right = max(c.box[2] for k in at for c in rows[k].cells if c.box is not None)
        for k in range(at[0] + 1, at[-1]):
            row = rows[k]
            if row.source == "table" or not row.cells or k in away:
                continue
            if all(c.page == page and c.box is not None
                   and (c.box[2] <= left - _BESIDE_GAP or c.box[0] >= right + _BESIDE_GAP) for c in row.cells):
                moved.setdefault(at[-1], []).append(k)
                away.add(k)
    if not moved:
        return rows
    out: list[Row] = []
    for k, row in enumerate(rows):
        if k not in away:
            out.append(row)
        out.extend(rows[j] for j in moved.get(k, []))
    return out


def tables_one_after_another(rows: list[Row]) -> list[Row]:
    """Two tables set side by side (the leader's card beside the contact's) whose rows a PDF
    reader gives interleaved by height (项目负责人 | 项目联系人 | 姓名 唐海波 | 姓名 徐少华 …):
    within each run of table rows, the rows of each table together, tables in the order they
    first appear (left before right), rows of one table in their order."""
    out: list[Row] = []
    run: list[Row] = []

    def table_of(row: Row) -> tuple[str, str] | None:
        m = _TABLE_OF_RE.search(row.cells[0].where) if row.cells else None
        return (m.group(1) or "", m.group(2)) if m is not None else None

    def flush() -> None:
        ids = [table_of(r) for r in run]
        order = list(dict.fromkeys(ids))
        # Only when tables interleave: a run that goes table by table is left as it is.
        changes = [t for k, t in enumerate(ids) if k == 0 or t != ids[k - 1]]
        interleaved = len(changes) > len(order)
        out.extend(sorted(run, key=lambda r: order.index(table_of(r))) if interleaved else run)
        run.clear()

    for row in rows:
        # A PDF's tables only (cells with a page): a Word table nested in another's cell
        # comes in its place in the text, which is its reading order.
        if row.source == "table" and row.cells and row.cells[0].page is not None and table_of(row) is not None:
            run.append(row)
            continue
        flush()
        out.append(row)
    flush()
    return out


def without_line_numbers(rows: list[Row]) -> list[Row]:
    """`rows` without the line numbers of a page printed with 行号: on a page where at least
    _LINE_NUMBERS_MIN text lines open with a number and those numbers mostly rise by one from
    line to line, each such number is dropped (a cell of its own, or the head of the first
    cell). Numbered items (1.学术交流, 2024年) are no such numbers: a space or a cell's end must
    follow the number."""
    by_page: dict[int | None, list[tuple[int, int]]] = {}
    lines_on: dict[int | None, int] = {}
    first_line: dict[int | None, int] = {}  # each page's first text line
    serial_pages = {row.cells[0].page for row in rows if any(squeeze(c.text) == "序号" for c in row.cells)}
    for i, row in enumerate(rows):
        if row.source not in ("line", "ocr"):
            continue
        first_line.setdefault(row.cells[0].page, i)
        lines_on[row.cells[0].page] = lines_on.get(row.cells[0].page, 0) + 1
        m = _LINE_NUMBER_RE.match(row.cells[0].text.strip())
        if m is not None:
            by_page.setdefault(row.cells[0].page, []).append((i, int(m.group(1))))
    drop: set[int] = set()
    for page, found in by_page.items():
        steps = sum(1 for (_, a), (_, b) in zip(found, found[1:]) if b == a + 1)
        # Most of the page's lines, not a table's 序号 column (1 | 专家咨询费 | 2.7 …) on a scan;
        # or fewer (Word numbers no line of a table) rising by one nearly throughout, on a page
        # without a 序号 column.
        if len(found) >= _LINE_NUMBERS_MIN and steps * 2 >= len(found) and (
                len(found) * 2 >= lines_on[page] or (page not in serial_pages and (steps + 1) * 5 >= len(found) * 4)):
            drop.update(i for i, _ in found)
    if drop:
        # Numbering is the document's setting: a page of few lines (a heading, a table, a
        # note) carries it too when its numbers are exactly 1, 2, 3 … from its first line,
        # unless the page has a 序号 column (1 | 周建华 | 教授 … are the table's own numbers).
        numbered = {page for page, found in by_page.items() if found[0][0] == first_line.get(page)}
        for page, found in by_page.items():
            if (page in numbered and page not in serial_pages and len(found) * 2 >= lines_on[page]
                    and [n for _, n in found] == list(range(1, len(found) + 1))):
                drop.update(i for i, _ in found)
    if not drop:
        return rows
    out: list[Row] = []
    for i, row in enumerate(rows):
        if i not in drop:
            out.append(row)
            continue
        first = row.cells[0]
        rest = _LINE_NUMBER_RE.sub("", first.text.strip(), count=1)
        cells = ((first.model_copy(update={"text": rest}),) if rest else ()) + tuple(row.cells[1:])
        if cells:
            out.append(row.model_copy(update={"cells": cells}))
    return out


# A caption in brackets under its value: (项目名称), （负责人手机）.
_CAPTION_RE = re.compile(r"[（(]\s*([^（）()]{2,12}?)\s*[)）]")
_CLAUSE_STOPS = ",;。"  # as match_form writes ，；。
_CLAUSE_END = r"[,;。]"
_ONE_DIGIT_RE = re.compile(r"[0-9０-９]")
_DIGIT_CELLS_MIN = 5
_SPACED_PIECE_MAX = 3  # the longest piece of a label spaced out over its column (联系 | 电话)
_SPACED_GAP = 4  # the widest gap between two such pieces, in line heights
# A value with its caption after it in brackets: 第14届湖南麻醉高峰论坛 （项目名称）.
_CAPTION_AFTER_RE = re.compile(r"\s*(\S.*?)\s*[（(]([^（()）]{2,12})[)）]\s*", re.DOTALL)
# "As above" before a bracket (同上（项目负责人）): the bracket says whose value is meant; it is
# the cell's value, not a value with its caption.
_DITTO_BEFORE_BRACKET_RE = re.compile(r"(?:同上|同左|同前|见上|同|即)\s*")
# A label cell opening with one or two characters before the star of a required label
# (员*负责人手机：): the value before it wrapped into it.
_VALUE_TAIL_BEFORE_STAR_RE = re.compile(r"([\u4e00-\u9fff]{1,2})\s*[*＊]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_CAMEL_RE = re.compile(r"([a-z])([A-Z])")
# (Figures only inside a word: Funds Requested (10,000 CNY) is a translation, 10,000 one of its words.)
_LATIN_ONLY_RE = re.compile(r"[A-Za-z][A-Za-z0-9 .,'/&()（）\-:：\n]*")
_ENGLISH_SPLIT_RE = re.compile(r"[\s/&()（）:：]+|,(?!\d{3})\s*")
# A label, then its English on the same line or the next (OCR joins them: 项目名称Project Title).
_HAN_THEN_LATIN_RE = re.compile(r"(.*[\u4e00-\u9fff）)])\s*([A-Za-z][^\u4e00-\u9fff]*)", re.S)


def _names_a_field(label: str, labels: Labels) -> bool:
    """Whether a label names a field, on its own or by whose it is (联系电话, 电子邮箱)."""
    return (labels.field_labels.get(label) is not None or label in labels.person_phone
            or label in labels.person_email or label in labels.person_name)


def _english_key(word: str) -> str:
    """A word as english_words holds it: lower case, without . - ' or a possessive's 's
    (E-mail = email, Tel. = tel, Leader's = leader)."""
    return re.sub(r"[.\-']", "", re.sub(r"['’]s$", "", word.lower()))


# A label with its English translation on the line(s) below: Han text, then only Latin words.
# (Each further English line must open after a line break: "(letters\n?)+" would try every way
# of cutting one run of letters into pieces, exponential on a long cell that is no label.)
_TRANSLATED_LABEL_RE = re.compile(
    r"(.*[\u4e00-\u9fff][^\n]*?)\s*\n\s*([A-Za-z][A-Za-z .,'/&()\-]*(?:\n[A-Za-z][A-Za-z .,'/&()\-]*)*\n?)[:：]?\s*", re.S)
# A label with its translation, remark and colon is never longer than this: longer text is no label.
_LONGEST_LABEL_TEXT = 120
# A people table's column saying what each person does (项目分工 | 项目负责人，总体统筹).
_ROLE_HEADINGS = ("分工", "角色", "承担任务", "职责")


# Headings a people table puts beside 姓名 (a cell there holding anything else is a name).
# A title over the project's people: roles joined (项目负责人及联系人), perhaps with 信息/情况.
_ROLES_JOIN_RE = re.compile(r"[及和与、/]")
# (… or a pointer to the annex that holds them: 项目负责人及联系人详见附表1.)
_ROLES_TITLE_TAIL_RE = re.compile(r"(?:(?:的)?(?:基本)?(?:信息|情况)|[（(]?(?:详)?见附[表件][\d一二三四五]?[)）]?)$")
# A label's unit alone in its cell: （万元）, (元), （单位：万元）.
_UNIT_CELL_RE = re.compile(r"[（(](?:单位[:：]?)?(万元|元)[)）]")
# A short label, a space or a colon, then its value, in one cell.
_LABEL_THEN_VALUE_RE = re.compile(r"^(\S{2,6}?)(?:\s*[:：]\s*|\s+)(\S.*)$", re.S)
# A seal's or a stamp's single character OCR reads between two cards' columns (学, 会).
_LONE_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_PEOPLE_HEADER_WORDS = frozenset({"职务", "职称", "职务/职称", "职务职称", "性别", "单位", "工作单位", "所在单位", "部门",
                                  "序号", "角色", "分工", "项目分工", "身份证号", "身份证号码", "学历", "年龄", "出生年月",
                                  "专业", "备注", "签字", "本人签字"})
# A cell this short with a line break in it may be one label wrapped by hand (项目负 / 责人).
_WRAPPED_LABEL_MAX = 12
# What an instruction says right after a label (项目名称应简明扼要, 申请经费以万元为单位, 项目负责人须为…):
# a label run into these is no value's.
_GLUED_NOT_VALUE = ("应", "须", "需", "请", "以", "为", "不", "可", "要", "由", "按", "只", "仅", "必", "原则", "一般",
                    "是", "指", "和", "与", "及", "、", "等", "的", "栏", "一栏", "中", "内", "）", ")", "填", "盖章",
                    "最高", "最低", "最多", "截至", "截止", "年龄", "如", "若", "原则上", "签字", "签名")
_GLUED_FIELDS_MIN = 4
_GLUED_INSTRUCTION = ("填写", "填报", "不超过", "不得", "须", "应当", "以内", "为准", "请")
_SENTENCE_RE = re.compile(r"。\s*$|[，,].*(?:须|应|不得|不超过|以内)")
_LABEL_HEAD_MAX = 5  # characters of a label a line break may leave at the end of the line above
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
_OPTION_HEAD_MIN = 4
# The longest text a wrapped grid cell gathers: a form's cell holds a name, a phone, a few option
# lines; more is a page of text lines that merely stand in columns.
_WRAPPED_CELL_MAX = 160  # characters of an option's head that stand for it when a narrow cell wrapped it
# How many digits a value has, as a template's instruction says it ((11位手机号码), （6位）).
_DIGITS_COUNT_RE = re.compile(r"\d+\s*位")
# Words of a template's instruction in brackets after a label (项目名称（不超过30字）).
_INSTRUCTION_WORDS = ("不超过", "不晚于", "不早于", "不少于", "不多于", "以内", "限", "字", "须", "请", "全称", "填写")
_INSTRUCTION_MAX = 18  # characters inside such a bracket
# _INSTRUCTION_WORDS without the single characters a unit's name holds too (有限公司, 语言文字学会):
# a label with a value in brackets after it (申报单位（湖南科技有限公司）) is no label's instruction.
_INSTRUCTION_PHRASES = ("不超过", "不晚于", "不早于", "不少于", "不多于", "以内", "限选", "限填", "限报", "字以内", "须",
                        "请", "全称", "填写")


def _instruction_end(norm: str, m: re.Match[str]) -> int | None:
    """Where a label that opens a line ends when the template's instruction follows it in
    brackets (负责人手机(11位手机号码), 电子邮箱(用于接收通知), 申报单位(须与公章一致)), then the
    line's end, a space, a cell's edge or a colon: past the bracket (and the colon). None for
    any other bracket: a value typed in one (项目负责人(张三)), an area code (联系电话(0731)…)."""
    at = m.end()
    if m.group("colon") or at >= len(norm) or norm[at] not in "(（":
        return None
    if not (m.start() == 0 or norm[m.start() - 1] in "\n|"):
        return None  # (二、项目类别（限选一项）: a part's heading, numbered)
    bracket = _bracketed(norm, at)
    if bracket is None:
        return None
    inner, after = bracket
    if len(inner) > _INSTRUCTION_MAX or not (any(w in inner for w in _INSTRUCTION_PHRASES) or _DIGITS_COUNT_RE.search(inner)
                                             or _BRACKET_HINT_RE.fullmatch(inner)):
        return None
    if after < len(norm) and norm[after] not in " \n|:：":
        return None
    return after + 1 if norm[after:after + 1] in (":", "：") else after


# One compiled matcher per vocabulary object (vocabularies live for the whole process).
_MATCHERS: dict[int, tuple[Labels, _Matcher]] = {}


def _matcher(labels: Labels) -> _Matcher:
    entry = _MATCHERS.get(id(labels))
    if entry is None or entry[0] is not labels:
        entry = (labels, _Matcher(labels))
        _MATCHERS[id(labels)] = entry
    return entry[1]


def numbering_end(text: str) -> int:
    """Length of the item number that opens `text` ("（二）", "二、", "3.", a required label's
    star), 0 without one."""
    m = _NUMBERING_RE.match(match_form(text))
    return m.end() if m else 0


def label_first(hits: list[_Hit], text: str) -> bool:
    """True when `text` opens with its first label hit, after an item number at most."""
    return bool(hits) and hits[0].start in (0, numbering_end(text))


def _trim_item_number(value: str) -> str:
    """A value cut where the next item's label starts, without that item's number."""
    m = _TRAILING_NUMBER_RE.search(match_form(value))
    return value[: m.start()] if m else value


# A colon with text after it (brackets aside): "label：value", which no heading is
# (二、项目主要内容： and 三、项目经费预算（单位：万元） are headings).
_LABEL_VALUE_RE = re.compile("[:：].")
_DATE_ONLY_RE = re.compile(r"[\d\s年月日.\-/_]*")
_BRACKETED_RE = re.compile(r"[（(][^（）()]*[)）]")


def heading_section(text: str, labels: Labels, misread: bool = False) -> str | None:
    """The form part a heading opens ("二、项目内容" → content), or None for any other text.
    `misread`: the text is OCR's, so a chapter heading one character in three off still counts."""
    s = squeeze(text)
    numbered = _HEADING_NUMBER_RE.match(s)  # a star marks a required label, never a heading
    body = s[numbered.end():] if numbered else s
    if not body or len(body) > (16 if numbered else 13):
        # 填写示例（正式填报时请删除本页）: a heading with its remark on one line
        remark = _HEADING_REMARK_RE.search(body)
        bare = body[:remark.start()] if remark is not None else ""
        if bare and any(bare == squeeze(w) for w in labels.sections.get("example", ())):
            return "example"
        return None
    for section, words in labels.sections.items():
        for word in words:
            w = squeeze(word)
            # A numbered heading may name its part inside (（三）项目经费预算); a numbered item
            # "（十一）申请经费：详见经费预算表" is a label and its value, never a heading.
            inside = numbered and w in body and not _LABEL_VALUE_RE.search(_BRACKETED_RE.sub("", body))
            if body == w or (section not in ("notes", "example") and (body.startswith(w) or inside)):
                return section
            if section == "example" and body.startswith(w) and _HEADING_REMARK_RE.fullmatch(body[len(w):]):
                return section
    lost = _CHAPTER_NUMERAL_RE.match(s)
    if lost is not None and not numbered:
        # 五市州科协审核意见: the chapter's 、 lost (a scan, a text layer); the rest is the heading's
        # words exactly.
        rest = s[lost.end():]
        for section, words in labels.sections.items():
            if section not in ("notes", "example") and any(rest == squeeze(w) and len(rest) >= 4 for w in words):
                return section
    if misread and _CHAPTER_RE.match(s):
        # 四、申报单位章贝: a scan's misreading of a chapter heading's words. As long as one of
        # them, at most one character in three different, in place: the heading it was.
        near = [section for section, words in labels.sections.items() for word in words
                if len(w := squeeze(word)) == len(body) >= 4 and sum(a != b for a, b in zip(w, body)) <= len(w) // 3]
        if len(set(near)) == 1:
            return near[0]
    return None


# A chapter's numeral with its 、 lost or turned into a space (五市州科协审核意见, 五 申报单位意见).
_CHAPTER_NUMERAL_RE = re.compile(r"^[一二三四五六七八九十]{1,2}\s*")
# A chapter's number (一、 to 十、): the form's parts, never its numbered items (（四）单位类型).
_CHAPTER_RE = re.compile(r"^[一二三四五六七八九十]{1,2}\s*[、.．]")


# Slashes joining the parts of a compound label and of its value (项目负责人／职务／手机).
_SLASH_RE = re.compile(r"\s*[／/]\s*")
_COMMA_RE = re.compile(r"[，,、；;]")
_WIDE_SLASH_RE = re.compile(r"\s*／\s*")
_PHONE_LINE_RE = re.compile(r"^[+＋(（]?[\d\s\-—－()（）+＋]{7,}\d\s*(?:[（(][^（）()]{1,4}[)）])?$")
_EMAIL_LINE_RE = re.compile(r"^\S+[@＠]\S+\.\S+$")


def _one_person_by_commas(value: str) -> tuple[str, str, str] | None:
    """`stacked_person` of a value parted by commas (邓洋，办公室主任，+86 196-1544-9868), only
    when its words are one person's name and at most a post after it: 王伟，李娜，139… names two
    people, whom no split may join into one name."""
    stacked = stacked_person("\n".join(_COMMA_RE.split(value)))
    if stacked is None:
        return None
    words = [w.strip() for w in _COMMA_RE.split(value) if w.strip() and w.strip() in stacked[0]]
    if not words:
        return None
    first, named = check_person_name(words[0]), check_person_name("".join(words))
    return stacked if first.value and named.value == first.value and not named.doubt else None


def stacked_person(value: str) -> tuple[str, str, str] | None:
    """(name and post, phones, e-mail) of a person's value written one part a line (姓名 /
    职务 / 手机 / 邮箱); None unless it has at least two lines and one is a phone or an e-mail."""
    lines = [line.strip() for line in value.strip().split("\n") if line.strip()]
    if len(lines) < 2:
        return None
    phones = [line for line in lines if _PHONE_LINE_RE.match(line)]
    emails = [line for line in lines if _EMAIL_LINE_RE.match(line)]
    words = [line for line in lines if line not in phones and line not in emails]
    if not (phones or emails) or not words or len(emails) > 1:
        return None
    return "".join(words), " ".join(phones), "".join(emails)


_BOX_SECTIONS = frozenset({"approval", "city_review", "content", "goals", "budget"})
_ANNEX_RE = re.compile(r"附(?:表|件)[0-9一二三四五六七八九十]{1,2}[:：]?")  # 附表1, never a bare 附件：
_HEADING_REMARK_RE = re.compile(r"[:：]?[（(][^（）()]*[)）][:：]?$|[:：]$")
# The line closing a filled example: 注：以上内容仅为填写示例 / 以上为示例.
_EXAMPLE_END_RE = re.compile(r"以上.{0,12}(?:示例|样例|范例)|(?:示例|样例|范例)(?:结束|完)")


# An option's own number in a numbered list (①学术交流, 6.创新工程专业职称评审), answered by number.
_OPTION_NUMBER_RE = re.compile(r"^(?:[①-⑳]|\d{1,2}[.、．]?)(?=[\u4e00-\u9fff“])")
_ITEM_NUMBER_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])")


def _only_label(text: str, labels: Labels) -> _Hit | None:
    """The hit when `text` is exactly one known label (spaced or not, with its unit and colon);
    None for a label with additions ("申请经费（万元）备注") or any other text."""
    stripped = text.strip()
    hits = _matcher(labels).hits(stripped) if stripped else []
    return hits[0] if len(hits) == 1 and hits[0].start == 0 and not stripped[hits[0].end:].strip() else None


def is_label(text: str, labels: Labels) -> bool:
    """True when `text` is exactly one known label (see _only_label)."""
    return _only_label(text, labels) is not None


def field_of_label(text: str, labels: Labels) -> str | None:
    """The field `text` names when it is exactly one field label (项目名称, 申报单位 …), None
    for any other text, a person's label (手机, 电话) and a label read only to skip it."""
    hit = _only_label(text, labels)
    return labels.field_labels.get(hit.label) if hit is not None else None


def field_opening(text: str, labels: Labels) -> str | None:
    """The field whose label opens `text`, joined to its value or not (项目名称：…, 项目名称 …,
    项目名称绿色低碳…), or the opinion box a part's heading opens (四、申报单位意见); None for
    any other text and for a person's label (手机, 电话)."""
    stripped = text.strip()
    section = heading_section(stripped, labels) if stripped else None
    if section in ("approval", "city_review"):
        return section
    m = _matcher(labels)
    hit = m.regex.match(m.norm(stripped), numbering_end(stripped))
    return labels.field_labels.get(m.canonical[re.sub(r"\s+", "", hit.group("label"))]) if hit is not None else None


def starts_new_item(text: str, labels: Labels) -> bool:
    """True when `text` opens a new form item rather than continuing the one above: it is a
    known label (alone, or followed by its colon), a part heading, or a Chinese-numbered line
    ("二、…", "（三）…"). OCR readers use it so that a label printed under a short value is
    never glued onto that value as a wrapped tail."""
    stripped = text.strip()
    if not stripped:
        return False
    if heading_section(stripped, labels) is not None or _ITEM_NUMBER_RE.match(stripped):
        return True
    m = _matcher(labels)
    if m.whole_label(stripped) is not None:
        return True
    hit = m.regex.match(m.norm(stripped))
    return hit is not None and bool(hit.group("colon"))


class _Builder:
    """Walks the rows once, keeping the state a reader keeps: the form part, the person the
    last label named, and any open header table."""

    def __init__(self, doc: DocText, labels: Labels) -> None:
        self.doc = doc
        self.labels = labels
        self.m = _matcher(labels)
        self.pairs: list[_Draft] = []
        self.section = "cover"
        self.role: str | None = None
        self.unit_rows = False  # under a group row titled 申报单位信息: its 单位名称 is the applicant's
        self.box: list[str] = []  # text of the current opinion box / content part
        self.box_where = ""
        self.heading_where = ""
        self.table: tuple[str, dict[str, int], int] | None = None  # kind, columns, header width
        # A people grid by columns read off a page (OCR, PDF lines): its role cells, whose places
        # say whose each value is, OCR having left the empty cells out.
        self.role_heads: list[tuple[str, Cell]] = []
        self.budget_unit = ""
        self.last_row_pair: int | None = None  # index of the pair a wrapped line may continue
        self.last_table_pair: int | None = None  # the last pair of the table row just read
        self.last_row_alone = False  # that pair was the only one of its line
        self.people_last: dict[str, int] = {}  # people-table pairs of the last person read
        self.ocr_row = False  # the row being read came from OCR
        self.line_row = False  # … from OCR or a PDF's text lines
        self.loose: list[Row] = []  # rows since the last pair that gave none (a caption below may claim them)
        self.signing = False  # the last row was a sign-off line naming one of the project's people
        self.example_fields: set[str] = set()  # the fields the example's labels named so far
        self.before_example = "cover"  # the part a filled example interrupted, and its page
        self.example_page: int | None = None
        # cells an option matrix may show beside its options: the items' 项目类别
        self.groups = {option_key(c) for c in labels.items.values()} | _MATRIX_GROUP_WORDS
        self._categories = {option_key(c) for c in labels.items.values()}
        self._options = {option_key(o) for o in (*labels.items, *labels.applicant_types)}
        self._option_names = (*labels.items, *labels.applicant_types)

    # ------------------------------------------------------------------ emitting
    def resolve(self, label: str) -> str:
        """The field a label names here; person labels follow the last person named."""
        lab = self.labels
        field = lab.field_labels.get(label)
        if field is not None:
            if field in ("leader_name", "leader_bio"):
                self.role = "leader"
            elif field == "contact_name":
                self.role = "contact"
            return field
        if label in lab.person_name:
            return f"{self.role}_name" if self.role else "_other"
        if label in lab.person_phone:
            default = "leader" if label in lab.phone_default_leader else "contact"
            return f"{self.role or default}_phone"
        if label in lab.person_email:
            return f"{self.role or 'contact'}_email"
        return "_other"

    def emit(self, field: str, raw_label: str, value: str, where: str, label: tuple[Cell, ...] = (),
             cells: tuple[Cell, ...] = ()) -> int:
        """Record a pair read from the `label` cells and the value's `cells`."""
        self.pairs.append(_Draft(field, raw_label, value.strip(), where, self.section, label, list(cells), self.ocr_row))
        return len(self.pairs) - 1

    def extend(self, index: int, text: str, cells: tuple[Cell, ...]) -> None:
        """Add a wrapped line's text (and where it was read) to pair `index`."""
        self.pairs[index].value += text
        self.pairs[index].value_cells.extend(cells)

    def emit_labelled(self, hit: _Hit, value: str, where: str, label: tuple[Cell, ...] = (),
                      cells: tuple[Cell, ...] = ()) -> int:
        """Emit a label's value; a value that itself holds pairs ("姓名：王五 手机：…") gives
        those pairs, read for the person the outer label named."""
        if (split := self.compound(hit, value)) is not None:
            index = -1
            for part, part_hit, text in split:
                if part_hit.prefix:
                    self.resolve(part_hit.prefix)  # 项目联系人手机/邮箱: the contact's, not the last person's
                index = self.emit(self.resolve(part_hit.label), part, text, where, label, cells)
            return index
        if hit.prefix:
            self.resolve(hit.prefix)  # 项目负责人手机: the person first, then what of them
        field = self.resolve(hit.label)
        raw = hit.raw.strip()
        if hit.unit and hit.unit not in raw:
            raw += f"（{hit.unit}）"
        value = self.m.cut_labels_rejoined(value)
        inner = self.m.hits(value)
        person, _, kind = field.partition("_")
        if inner or person not in ("leader", "contact"):
            stacked = None
        elif kind == "name":
            # 李军 / 主任 / 153-7694-4575 under 项目负责人（姓名、职务、手机）: one line each, or
            # parted by slashes, or by commas (邓洋，办公室主任，+86 196-1544-9868)
            stacked = (stacked_person(value) or stacked_person("\n".join(_SLASH_RE.split(value)))
                       or _one_person_by_commas(value))
        else:
            # 蔡军/13499379572/dnmi@sohu.com beside 项目联系人联系电话, a scan having lost the label's
            # slashes: the person's parts, when the name comes first (not 139…／微信同号).
            parts = _SLASH_RE.split(value.strip())
            stacked = stacked_person("\n".join(parts)) if is_person_name(parts[0]) else None
        if stacked is not None:
            field = f"{person}_name"
            index = self.emit(field, raw, stacked[0], where, label, cells)
            for what, text in (("phone", stacked[1]), ("email", stacked[2])):
                if text:
                    index = self.emit(f"{person}_{what}", raw, text, where, label, cells)
            return index
        if not inner:
            return self.emit(field, raw, value, where, label, cells)
        index = self.emit(field, raw, _trim_item_number(value[: inner[0].start]), where, label, cells)
        for k, sub in enumerate(inner):
            end = inner[k + 1].start if k + 1 < len(inner) else len(value)
            text = value[sub.end:end]
            index = self.emit(self.resolve(sub.label), sub.raw.strip(),
                              _trim_item_number(text) if k + 1 < len(inner) else text, where, label, cells)
        return index

    def kind_of(self, label: str) -> str:
        """What a label asks for, without moving the reader's person: its field, or the kind
        of a person's label (name, phone, e-mail), or the label itself for one read to skip."""
        lab = self.labels
        if (field := lab.field_labels.get(label)) is not None:
            return field
        for kind, words in (("name", lab.person_name), ("phone", lab.person_phone), ("email", lab.person_email)):
            if label in words:
                return kind
        return label

    def compound(self, hit: _Hit, value: str) -> list[tuple[str, _Hit, str]] | None:
        """A label naming several things joined by slashes, over a value of as many parts
        joined the same way (项目负责人／职务／手机 | 谭雨欣／副主席／172…, 申请经费（万元）／起止时间 |
        7／2024-03-01至2024-11-30): each part goes to its own label. Labels side by side that
        ask for the same thing are one label's alternatives (联系电话/手机), and a value whose
        parts do not come out as many (2024/3/1, a part left out) is not split: None."""
        # A slash closing the label or the value is the template's, where its line wrapped.
        label_text = re.sub(r"[\s:：／/]+$", "", hit.raw)
        if not _SLASH_RE.search(label_text):
            return None
        groups: list[tuple[str, _Hit]] = []
        for piece in _SLASH_RE.split(label_text):
            part = self.m.whole_label(piece)
            if part is None:
                return None
            kind = self.kind_of(part.prefix or part.label)
            if groups and self.kind_of(groups[-1][1].prefix or groups[-1][1].label) == kind:
                groups[-1] = (f"{groups[-1][0]}/{piece}", groups[-1][1])
            else:
                groups.append((piece, part))
        if len(groups) < 2:
            return None
        # The value splits where the label does: full-width slashes when the label has them
        # (a date's 2024/3/1 keeps its ASCII ones), else any slash.
        splitter = _WIDE_SLASH_RE if "／" in label_text and "／" in value else _SLASH_RE
        texts = splitter.split(re.sub(r"[\s／/]+$", "", value))
        if len(texts) != len(groups):
            return None
        return [(piece, part, text) for (piece, part), text in zip(groups, texts)]

    def signoff(self, filled: list[Cell]) -> bool:
        """A sign-off line naming one of the project's people: it opens with 项目负责人,
        项目联系人 or 填表人 and a value after the label, or, right after such a line, with a
        phone or e-mail label. The unit's own 负责人（签字） inside an opinion box is no such line."""
        text = " ".join(c.text for c in filled)
        hits = self.m.hits(text)
        ends = [h.start for h in hits[1:]] + [len(text)]
        # A value, not a blank or the signing date (项目负责人（签字）：　　2024年5月20日).
        if not hits or hits[0].start != 0 or not any(
                text[h.end:end].strip() and not _DATE_ONLY_RE.fullmatch(text[h.end:end].strip())
                for h, end in zip(hits, ends)):
            return False
        opener = squeeze(hits[0].raw)
        if opener.startswith(("项目负责人", "项目联系人", "填表人")):
            return True
        label = hits[0].label
        field = self.labels.field_labels.get(label, "")
        return self.signing and (field in ("contact_phone", "contact_email", "leader_phone")
                                 or label in self.labels.person_phone or label in self.labels.person_email)

    def emit_text_pairs(self, text: str, where: str, cells: tuple[Cell, ...] = ()) -> int | None:
        """Every "label：value" in a piece of text (read from `cells`); the index of the last
        pair. A value followed by another label loses the next item's number."""
        hits = self.m.hits(text)
        last = None
        for k, hit in enumerate(hits):
            end = hits[k + 1].start if k + 1 < len(hits) else len(text)
            value = text[hit.end:end]
            last = self.emit_labelled(hit, _trim_item_number(value) if k + 1 < len(hits) else value, where, (), cells)
        return last

    # ------------------------------------------------------------------ parts and boxes
    def close_box(self) -> None:
        if self.section in ("approval", "city_review", "content", "goals"):
            field = "content" if self.section in ("content", "goals") else self.section
            self.emit(field, self.section, "\n".join(self.box), self.box_where or self.heading_where)
        self.box = []
        self.box_where = ""

    def open_section(self, section: str, where: str, page: int | None = None) -> None:
        self.close_box()
        if section == "example" and self.section != "example":
            self.before_example, self.example_page = self.section, page
            self.example_fields = set()
        self.section = section
        self.role = None
        self.table = None
        self.signing = False
        self.heading_where = where

    # ------------------------------------------------------------------ header tables
    def start_table(self, row: Row) -> bool:
        """Recognise the header row of a people, joint-unit or budget table."""
        texts = [squeeze(c.text) for c in row.cells]
        joined = "".join(texts)
        if len(row.cells) == 1 and row.source != "table":
            texts = [squeeze(t) for t in re.split(r"\s{1,}", match_form(row.cells[0].text).strip())]
        if any(t in ("支出科目", "预算科目", "费用名称", "支出内容", "开支科目", "科目") for t in texts) and re.search(
            "金额|预算|资助|万元|元", joined
        ):
            amount = next((i for i, t in enumerate(texts) if re.search("金额|资助|预算数|万元|\\(元\\)", t)), -1)
            header = row.cells[0].text if amount < 0 or len(row.cells) == 1 else row.cells[amount].text
            self.table = ("budget", {"amount": amount}, len(texts))
            self.budget_unit = header
            return True
        if len(row.cells) < 2:
            return False
        if ("姓名" in texts and any(t in self.labels.person_phone or t in self.labels.person_email for t in texts)
                and not self._names_a_person(row, texts.index("姓名"))):
            cols = {}
            for i, t in enumerate(texts):
                if t == "姓名":
                    cols["name"] = i
                elif any(word in t for word in _ROLE_HEADINGS) and "role" not in cols:
                    cols["role"] = i  # 项目分工: whose row is the leader's when no cell names the role
                elif t in self.labels.person_phone and "phone" not in cols:
                    cols["phone"] = i
                elif t in self.labels.person_phone and "phone2" not in cols:
                    cols["phone2"] = i  # 办公电话 | 手机: people fill one of the two
                elif t in self.labels.person_email:
                    cols["email"] = i
            self.table = ("people", cols, len(texts))
            return True
        name_col = next((i for i, t in enumerate(texts) if t in ("单位名称", "单位", "联合申报单位名称")), None)
        role_col = next((i for i, t in enumerate(texts) if "角色" in t or "身份" in t or t == "类别"), -1)
        if name_col is not None and (role_col >= 0 or "序号" in texts):
            self.table = ("joint", {"name": name_col, "role": role_col}, len(texts))
            return True
        return False

    def _names_a_person(self, row: Row, name_col: int) -> bool:
        """Whether the cell after 姓名 holds a name rather than the next heading: then the row is
        one person's labelled cells (项目联系人 | 姓名 | 汪涛 | 办公电话 | …), not a people table's
        header."""
        if name_col + 1 >= len(row.cells):
            return False
        text = row.cells[name_col + 1].text.strip()
        key = squeeze(text)
        return bool(text) and self.m.whole_label(text) is None and key not in _PEOPLE_HEADER_WORDS and not (
            key in self.labels.person_phone or key in self.labels.person_email)

    def table_row(self, row: Row) -> bool:
        """Consume a row of the open header table; False when the table has ended."""
        assert self.table is not None
        kind, cols, width = self.table
        cells = row.cells
        if kind == "budget":
            first = squeeze(cells[0].text) if cells else ""
            if _TOTAL_RE.match(first) or (len(cells) > 1 and _TOTAL_RE.match(squeeze(cells[1].text))):
                self.emit("budget_total", self.budget_unit, self.total_text(row, cols["amount"], width),
                          row.cells[0].where, (), row.cells)
                self.table = None
            return True
        if kind == "people":
            return self.people_row(row, cols, width)
        if kind == "role_columns":
            return self.role_column_row(row, cols)
        # joint units: a row that starts with a label or a heading is past the table
        if len(cells) < 2 or heading_section(cells[0].text, self.labels) or self.m.hits(cells[0].text):
            self.table = None
            return False
        name_i = cols["name"]
        if name_i >= len(cells) or not cells[name_i].text.strip():
            self.table = None
            return False
        role_text = cells[cols["role"]].text if 0 <= cols["role"] < len(cells) else ""
        field = self.labels.field_labels.get(squeeze(role_text)) if role_text else None
        if field is None and role_text:
            field = "lead_org" if "牵头" in role_text else "partner_orgs" if "参与" in role_text else None
        self.emit(field or "joint_orgs", role_text.strip() or "单位名称", cells[name_i].text, cells[name_i].where,
                  (), (cells[name_i],))
        return True

    def role_columns_header(self, row: Row) -> bool:
        """Whether `row` heads a people grid filled column by column: 项目人员 | 项目负责人 |
        项目联系人, then a row per attribute (姓名 | 王某 | 李某, 手机 | … | …). Opens it."""
        boxed = row.source in ("line", "ocr") and all(c.box is not None for c in row.cells)
        if (row.source != "table" and not boxed) or len(row.cells) < 3 \
                or self.person_role(row.cells[0].text) is not None:
            return False
        roles = {i: self.person_role(c.text) for i, c in enumerate(row.cells) if i > 0 and c.text.strip()}
        if len(roles) < 2 or None in roles.values() or len(set(roles.values())) != len(roles):
            return False
        self.table = ("role_columns", {str(who): i for i, who in roles.items()}, len(row.cells))
        self.role_heads = [(str(who), row.cells[i]) for i, who in roles.items()] if boxed else []
        return True

    def tiered_people(self, rows: list[Row], i: int) -> int | None:
        """People under two tiers of headers: a row naming only the roles (项目负责人 |
        项目联系人, each over several columns), a row of their attributes (姓名 | 职务 | 手机 |
        姓名 | 电话 | 电子邮箱), then one row of values. Each attribute belongs to the role at
        or before its column (by the table's column numbers, else by the cells' places on the
        page), each value to the attribute above it. Returns the index after the values, None
        for any other rows."""
        if i + 2 >= len(rows):
            return None
        roles_row, heads_row, values_row = rows[i], rows[i + 1], rows[i + 2]
        roles = [(c, who) for c in roles_row.cells if c.text.strip() and (who := self.person_role(c.text))]
        if len(roles) < 2 or len(roles) != sum(1 for c in roles_row.cells if c.text.strip()) \
                or len({who for _, who in roles}) != len(roles):
            return None
        heads = [c for c in heads_row.cells if c.text.strip()]
        attributes = [self.attribute_of(c.text) for c in heads]
        if sum(1 for a in attributes if a == "name") < len(roles) or None in attributes:
            return None
        values = [c for c in values_row.cells if c.text.strip()]
        if not values or any(self.m.whole_label(c.text) is not None or self.person_role(c.text) for c in values):
            return None
        place = _place_in_row if all(_table_column(c) is not None for c in (*roles_row.cells, *heads, *values)) \
            else _place_on_page if all(c.box is not None for c in (*[c for c, _ in roles], *heads, *values)) else None
        if place is None:
            return None
        owner = [place(h, [c for c, _ in roles], before=True) for h in heads]
        # A scan's values wrapped in their cells (努尔 | 兰·哈力木, 185 9576 | 4399): the lines
        # right below, each piece under its attribute.
        wrapped = self.wrapped_under(rows, i + 3, heads, values) \
            if place is _place_on_page and values_row.source in ("line", "ocr") else []
        under: dict[int, list[Cell]] = {}
        for cell in (*values, *(c for line in wrapped for c in line)):
            k = place(cell, heads, before=False)
            if k is not None:
                under.setdefault(k, []).append(cell)
        for k, cells in under.items():
            role = owner[k]
            if role is None or attributes[k] == "post":
                continue
            role_cell, who = roles[role]
            self.emit(f"{who}_{attributes[k]}", f"{role_cell.text.strip()} {heads[k].text.strip()}",
                      _join_cells([c.text for c in cells]), cells[0].where, (role_cell, heads[k]), tuple(cells))
        return i + 3 + len(wrapped)

    def roles_title(self, text: str) -> bool:
        """Whether `text` is a title naming only the project's people (项目负责人及联系人,
        负责人和联系人信息, 项目负责人、联系人情况)."""
        parts = _ROLES_JOIN_RE.split(_ROLES_TITLE_TAIL_RE.sub("", squeeze(text).rstrip(":：")))
        return len(parts) >= 2 and all(p and self.person_role(p) for p in parts)

    def role_cards(self, rows: list[Row], i: int) -> int | None:
        """People on cards set side by side, read off a page as lines (a scan, a PDF's text):
        a line naming only the roles (项目负责人 | 项目联系人), then lines of the cards' labels
        and values side by side (姓名 | 王伟 | 姓名 | 李娜, 手机 | 138… | 电话 | 0731…). The
        first such line holds one 姓名 per card, left to right in the roles' order. A line
        with a label per card gives them in that order; with another count, each label goes to
        the card whose column (its 姓名's place) it stands in, which needs the cells' places
        (a picture's OCR in a Word file has none: the cards end there, and the line is read
        as any other). A value is the text after its label, short of the next label and of
        the next card's column. Returns the index after the cards' lines, None for other rows."""
        roles_row = rows[i]
        if roles_row.source not in ("line", "ocr") or i + 1 >= len(rows):
            return None
        roles = [who for c in roles_row.cells if c.text.strip() and (who := self.person_role(c.text))]
        if len(roles) < 2 or len(roles) != sum(1 for c in roles_row.cells if c.text.strip()) \
                or len(set(roles)) != len(roles):
            return None
        first = [c for c in rows[i + 1].cells if c.text.strip()]
        if rows[i + 1].source != roles_row.source or not first or self.attribute_of(first[0].text) is None \
                or [a for c in first if (a := self.attribute_of(c.text))] != ["name"] * len(roles):
            return None
        columns = [c.box[0] if c.box is not None else None for c in first if self.attribute_of(c.text)]
        j = i + 1
        last: dict[int, int] = {}  # each card's last pair
        while j < len(rows):
            cells = [part for c in rows[j].cells if c.text.strip() for part in self.label_apart(c)]
            placed = all(c.box is not None for c in cells) and None not in columns
            lead = next((k for k, c in enumerate(cells) if self.attribute_of(c.text)), len(cells))
            if (rows[j].source == roles_row.source and placed and 0 < lead < len(cells) and 0 in last
                    and all(c.box[0] < (columns[1] or 0.0) for c in cells[:lead])):  # type: ignore[index]
                # 袁德明同 | 志（副主席） 电话 …: the left card's value wrapped onto a line that
                # goes on with the cards' labels.
                self.extend(last[0], "".join(c.text for c in cells[:lead]), tuple(cells[:lead]))
                cells = cells[lead:]
            if rows[j].source != roles_row.source or not cells or self.attribute_of(cells[0].text) is None:
                break
            at = [k for k, c in enumerate(cells) if self.attribute_of(c.text)]
            if len(at) != len(roles) and not placed:
                break
            for n, k in enumerate(at):
                box = cells[k].box
                card = n if len(at) == len(roles) or box is None else \
                    min(range(len(roles)), key=lambda r: abs((columns[r] or 0.0) - box[0]))
                end = at[n + 1] if n + 1 < len(at) else len(cells)
                # (Short of the next card's column: a wrapped line of the next card's value.)
                limit = columns[card + 1] if placed and card + 1 < len(roles) else None
                values = [c for c in cells[k + 1:end] if limit is None or (c.box is not None and c.box[0] < limit)]
                if len(values) > 1:  # a seal's characters OCR read between the cards (学, 会)
                    values = [c for c in values if not _LONE_HAN_RE.fullmatch(c.text.strip())] or values[:1]
                attribute = self.attribute_of(cells[k].text)
                if values and attribute != "post":
                    last[card] = self.emit(f"{roles[card]}_{attribute}", cells[k].text.strip(),
                                           "".join(c.text for c in values), values[0].where, (cells[k],), tuple(values))
            j += 1
        return j

    def label_apart(self, cell: Cell) -> tuple[Cell, ...]:
        """A cell holding a person's attribute label and its value (电子邮箱 a@b.cn, 手机：138…,
        OCR having seen no gap between them) as the label's cell and the value's; any other
        cell as it is."""
        m = _LABEL_THEN_VALUE_RE.match(cell.text.strip())
        if m is None or self.attribute_of(m.group(1)) is None:
            return (cell,)
        return (cell.model_copy(update={"text": m.group(1)}), cell.model_copy(update={"text": m.group(2)}))

    def attribute_of(self, text: str) -> str | None:
        """name / phone / email / post for a people header's attribute cell, None for others."""
        key = squeeze(text).rstrip(":：")
        return ("name" if key in self.labels.person_name
                else "phone" if key in self.labels.person_phone else "email" if key in self.labels.person_email
                else "post" if key in _PEOPLE_HEADER_WORDS else None)

    def role_column_row(self, row: Row, cols: dict[str, int]) -> bool:
        """One attribute row of a people grid by columns (role_columns_header); False at the
        first row whose first cell is no person's attribute."""
        cells = row.cells
        attribute = self.attribute_of(cells[0].text) if cells else None
        if attribute is None:
            self.table = None
            return False
        if attribute != "post" and self.role_heads:
            heads = [c for _, c in self.role_heads]
            if row.source not in ("line", "ocr") or any(c.box is None or c.page != heads[0].page for c in cells):
                self.table = None
                return False
            for cell in (c for c in cells[1:] if c.text.strip()):
                who = self.role_heads[_column_of(cell, heads)][0]
                self.emit(f"{who}_{attribute}", cells[0].text.strip(), cell.text, cell.where, (cells[0],), (cell,))
        elif attribute != "post":
            for who, col in cols.items():
                if col < len(cells) and cells[col].text.strip():
                    self.emit(f"{who}_{attribute}", cells[0].text.strip(), cells[col].text, cells[col].where,
                              (cells[0],), (cells[col],))
        return True

    def person_role(self, text: str) -> str | None:
        """leader / contact for a people-table row's first cell. OCR may cut the label where
        the cell wrapped ("项目负责" + "人" on the next line), so a clear prefix counts."""
        key = squeeze(text).rstrip(":")
        if len(key) < 2:
            return None
        for label, field in self.labels.field_labels.items():
            if field in ("leader_name", "contact_name") and squeeze(label).startswith(key):
                if key == squeeze(label) or len(key) >= 3:
                    return "leader" if field == "leader_name" else "contact"
        return None

    def role_with_name(self, text: str) -> tuple[str, str] | None:
        """(leader / contact, the name) for a role cell that holds the person's name after its
        label (项目负责人\n程晓燕, 项目联系人：朱思琪), the name cell beside it left empty."""
        for line_break in ("\n", "：", ":", " ", "\u3000"):
            head, sep, rest = text.strip().partition(line_break)
            name = squeeze(rest).strip("：:")
            # (Its pinyin or a post after the name, in brackets or not — 董志远（Dong Zhiyuan） —
            # is the name's check's to take off: the name is what stands before it.)
            core = re.sub(r"[A-Za-z\s.]+$", "", _BRACKETED_RE.sub("", name)).strip()  # …or after it: 陆丹 Lu Dan
            if (sep and is_person_name(core) and not any(word in name for word in _NOT_A_NAME)
                    and (who := self.person_role(head)) is not None):
                return who, name
        return None

    def people_row(self, row: Row, cols: dict[str, int], width: int) -> bool:
        """One row of a people table; False when the table has ended. The row's person is the
        leader or the contact by its first cell (项目负责人 | 王某 | …) or, in a team table
        numbered 1, 2, …, by its 分工 cell (项目负责人，总体统筹). A first cell holding the
        name after the role (项目负责人\n程晓燕) gives the name when the name cell is empty."""
        cells = row.cells
        found = self.person_cells(cells, cols, width)
        role = found.pop("role", None)
        who = self.person_role(cells[0].text) if cells else None
        named = self.role_with_name(cells[0].text) if cells and who is None else None
        if named is not None:
            who = named[0]
            if not (found.get("name") and found["name"].text.strip()):
                found["name"] = Cell(text=named[1], where=cells[0].where, page=cells[0].page, box=cells[0].box)
        elif cells and who is None and "\n" in cells[0].text.strip():
            # 项目负责人\n（签名）: the role on the cell's first line, a note under it.
            who = self.person_role(cells[0].text.strip().split("\n", 1)[0])
        if who is None and role is not None and (duty := role.text):
            who = "leader" if "负责人" in duty else "contact" if "联系人" in duty else None
            if who is None:
                return True  # another member of the team
        if who is not None:
            self.people_last = {}
            for key, cell in found.items():
                self.people_last[key] = self.emit(f"{who}_{key}", cells[0].text.strip(), cell.text, cell.where,
                                                  (cells[0],), (cell,))
            return True
        hits = self.m.hits(cells[0].text) if cells else []
        if row.source in ("line", "ocr") and not (hits and hits[0].start == 0) and self.people_last:
            # A wrapped OCR cell: digits finish a phone cut at its hyphen ("0731-" / "33098374").
            # Letters finish an e-mail address cut before its end ("…@qq.co" / "m").
            phone, email = self.people_last.get("phone"), self.people_last.get("email")
            for cell in cells:
                text = cell.text.strip()
                if phone is not None and re.fullmatch(r"\d{4,8}", text) and self.pairs[phone].value.endswith("-"):
                    self.extend(phone, text, (cell,))
                elif email is not None and re.fullmatch(r"[a-z]{1,3}", text) and "@" in self.pairs[email].value:
                    self.extend(email, text, (cell,))
            return True
        self.table = None
        return False

    @staticmethod
    def person_cells(cells: tuple[Cell, ...], cols: dict[str, int], width: int) -> dict[str, Cell]:
        """Name, phone and e-mail cells of a people-table row. By column when the row is as
        wide as the header; otherwise (OCR drops empty cells) by what the text looks like."""
        # A header without a cell above the role column ("姓名 | 职务 | 电话") is one short.
        offset = 1 if cols.get("name") == 0 else 0
        if len(cells) == width + offset:
            by_column = {key: cells[i + offset] for key, i in cols.items() if i + offset < len(cells)}
            second = by_column.pop("phone2", None)
            if second is not None and second.text.strip() and not by_column.get("phone", second).text.strip():
                by_column["phone"] = second
            return by_column
        found: dict[str, Cell] = {}
        rest = [c for c in cells[1:] if c.text.strip()]
        for cell in rest:
            if "email" not in found and "@" in cell.text:
                found["email"] = cell
            elif "phone" not in found and re.search(r"\d{3,}", cell.text):
                found["phone"] = cell
        if rest and rest[0] not in found.values():
            found["name"] = rest[0]
        return found

    def people_header(self, row: Row) -> bool:
        """Whether `row` opens a people table (the team table a 项目主要内容 part may hold)."""
        texts = [squeeze(c.text) for c in row.cells]
        return (row.source == "table" and len(row.cells) >= 2 and "姓名" in texts
                and any(t in self.labels.person_phone or t in self.labels.person_email for t in texts))

    def total_text(self, row: Row, amount: int, width: int) -> str:
        cells = row.cells
        if len(cells) == 1:
            m = re.search(r"(?:合|总)\s*计\s*[:：]?\s*(\S+)", cells[0].text)
            return m.group(1) if m else ""
        candidates = []
        if amount >= 0:
            j = amount - (width - len(cells)) if len(cells) < width else amount
            if 0 < j < len(cells):
                candidates.append(cells[j].text)
        candidates += [c.text for c in cells[1:]]
        return next((t for t in candidates if re.search(r"\d|[壹贰叁肆伍陆柒捌玖拾]", t)), "")

    # ------------------------------------------------------------------ rows
    def run(self) -> list[LabelledPair]:
        rows = [r if not any(_LATIN_RE.search(c.text) for c in r.cells)
                else r.model_copy(update={"cells": tuple(self.m.untranslated(c) for c in r.cells)})
                for r in self.doc.rows]
        rows = [r for r in rows if any(c.text.strip() for c in r.cells)]
        rows = markdown_tables(rows)
        rows = box_drawn_grid(rows)
        rows = tables_one_after_another(lines_beside_tables(rows))
        rows = without_line_numbers(rows)
        rows = stacked_label_cells(rows, self.labels)
        rows = colon_cells_into_labels(rows)
        rows = self.m.labels_glued_to_values(rows)
        rows = textboxes_into_empty_cells(rows)
        # A table's cells too: a PDF-to-Word converter cuts each label over two cells of a
        # grid of slivers (项目 | 名称, 项目负 | 责人).
        # (A label alone on its line, its value on the lines below, is two such pieces: 项目 | 类别.)
        rows = [self.m.spaced_labels_joined(r) if (r.source in ("line", "ocr", "table") and len(r.cells) > 2)
                or (r.source in ("line", "ocr") and len(r.cells) == 2) else r
                for r in rows]
        rows = self.m.cells_wrapped_over_lines(rows)  # once the labels cut into pieces are whole
        rows = [self.m.captions_after_values(self.m.labels_in_lenticular_brackets(r)) for r in rows]
        rows = self.m.values_above_labels(rows)
        i = 0
        while i < len(rows):
            i = self.row(rows, i)
        self.close_box()
        self.bracketed_blanks(rows)
        self.units_wrapped_to_next_paragraph(rows)
        self.names_wrapped_to_next_paragraph(rows)
        self.emails_wrapped_to_next_paragraph(rows)
        return [d.to_pair() for d in self.pairs]

    def emails_wrapped_to_next_paragraph(self, rows: list[Row]) -> None:
        """An e-mail address broken after its @ or a dot, the rest a paragraph of its own
        (E-mail：ontio@ | 139.com): joined when only together they are an address."""
        self._wrapped_to_next_paragraph(rows, frozenset({"contact_email", "leader_email"}), r"\s|[，,；;。（(]",
                                        lambda text: _WHOLE_EMAIL_RE.fullmatch(text.strip()) is not None,
                                        allowed=_breaks_an_address)

    def names_wrapped_to_next_paragraph(self, rows: list[Row]) -> None:
        """A project's name a PDF's text pasted into Word broke at its line's end, each line a
        paragraph (项目名称：2024年湖南省公 | 路学术论坛（简称：…）): the next paragraph's text up to
        a bracket or a colon joins the name when the name alone ends in no word names end with
        (labels.toml `project_endings`) and only together they do."""
        self._wrapped_to_next_paragraph(rows, frozenset({"project_name"}), r"[（(：:\s]", ends_like_project)

    def units_wrapped_to_next_paragraph(self, rows: list[Row]) -> None:
        """A unit's name a sender broke with Enter (申报单位（盖章）：娄底市 | 科协(公章)): the
        short paragraph after a unit's value that no label opens joins it when only together
        are they a unit's name."""
        # (Up to what follows it on that line: 铁道学会 统一社会信用代码：…)
        # A university or a company is a unit's name alone too, but its 科协 on the next line
        # (中南林业科技大学 | 科学技术协会(公章)) is the applicant's name's end.
        self._wrapped_to_next_paragraph(rows, _UNIT_FIELDS, r"\s|统一社会信用代码|[:：]",
                                        lambda text: looks_like_org(_unhinted(text)),
                                        lambda value, rest: bool(_PARENT_BODY_END_RE.search(value)
                                                                 and _KEXIE_ALONE_RE.fullmatch(rest)))

    def _wrapped_to_next_paragraph(self, rows: list[Row], fields: frozenset[str], cut: str,
                                   whole: Callable[[str], bool],
                                   ends: Callable[[str, str], bool] = lambda value, rest: False,
                                   allowed: Callable[[str, str], bool] = lambda value, rest: True) -> None:
        """A value of `fields` read from one paragraph takes the next paragraph's text up to
        `cut` when the value is not `whole` alone and is with it, or when `ends(value, text)`
        says the text is the value's end (and no label opens that text)."""
        at = {id(c): k for k, r in enumerate(rows) for c in r.cells}
        for draft in self.pairs:
            if draft.field not in fields or len(draft.value_cells) != 1:
                continue
            k = at.get(id(draft.value_cells[0]))
            if k is None or k + 1 >= len(rows) or rows[k].source != "paragraph" or rows[k + 1].source != "paragraph":
                continue
            rest = re.split(cut, rows[k + 1].cells[0].text.strip(), maxsplit=1)[0]
            value = draft.value.strip()
            if not value or not rest or len(rest) > 16 or self.m.hits(rest) or not allowed(value, rest):
                continue
            if not ends(value, rest) and (whole(value) or not whole(value + rest)):
                continue
            draft.value = value + rest
            draft.value_cells.append(rows[k + 1].cells[0])

    def bracketed_blanks(self, rows: list[Row]) -> None:
        """A form written as sentences with its blanks in brackets — 我单位（某学会）现申报……，
        项目名称为（某论坛），申请省科协资助经费（5万元）……项目负责人（张三），手机（…） — read
        label by label: each bracket's text is the value of the label just before it. Only the
        fields no other pair gave are taken, and only when the text has at least
        _MIN_BLANKS such brackets (a template's 申请经费（万元） is a label's unit, not a blank)."""
        prose = [r for r in rows if r.source in ("line", "ocr", "paragraph")]
        joined, starts = "", []
        for r in prose:
            starts.append(len(joined))
            joined += "".join(c.text for c in r.cells)
        found: list[tuple[str, str, int]] = []  # (label, value, where it starts in joined)
        for m in _bracket_label_re(self.labels).finditer(joined):
            bracket = _bracketed(joined, m.end() - 1)
            if bracket is None or not _blank_value(bracket[0]):
                continue
            if joined[bracket[1]:].lstrip()[:1] in (":", "："):
                continue  # 项目名称（不超过30字）： the label's hint, its value after the colon
            found.append((m.group("label"), bracket[0], m.start()))
        if len(found) < _MIN_BLANKS:
            return
        # A pair the rows gave counts unless it is the sentence itself from the bracket on: cut
        # at the line's end (项目名称为（湖南省米粉 | 产业…）) or running on past the bracket into
        # the sentence (（某论坛），申请省科协资助经费…). Then it gives way to the bracket. A bracket
        # the value goes on from on a line of its own is the pair's own (（ A ） | A.学术交流 …).
        cut = [d for d in self.pairs if _sentence_from_bracket(d.value.lstrip())]
        given = {d.field for d in self.pairs if _unblanked(d.value).strip() and d not in cut}
        saved = self.section, self.role
        self.section, self.role = "basic", None
        for label, value, at in found:
            field = ("applicant_org" if label == "我单位"
                     else "funding" if label.endswith("经费") and re.search("申请|资助", label)
                     else "_other" if label.endswith("经费") and label not in self.labels.field_labels
                     else self.resolve(label))
            if field == "_other" or field in given:
                continue
            self.pairs = [d for d in self.pairs if not (d.field == field and d in cut)]
            row = prose[max(k for k, start in enumerate(starts) if start <= at)]
            cell = next((c for c in row.cells if c.text.strip()), row.cells[0])
            self.emit(field, label, re.sub(r"\s+", "", value) if field in _LONG_VALUE_FIELDS else value.strip(),
                      cell.where, (cell,), (cell,))
            given.add(field)
        self.section, self.role = saved

    def row(self, rows: list[Row], i: int) -> int:
        row = rows[i]
        self.ocr_row = row.source == "ocr"
        self.line_row = row.source in ("ocr", "line")  # cells cut at gaps, not a table's cells
        filled = [c for c in row.cells if c.text.strip()]
        if (len(filled) == 2 and row.source in ("line", "ocr") and _LINE_NUMBER_CELL_RE.fullmatch(filled[0].text)
                and heading_section(filled[1].text, self.labels, misread=self.ocr_row) is not None):
            # 1 | 填写示例: a heading after its line's number (行号 a page kept too few of to be
            # dropped as such: the example's table rows carry none).
            filled = filled[1:]
        if len(filled) == 1 and _UNIT_GROUP_RE.fullmatch(squeeze(filled[0].text)):
            # A table's rows grouped under a title row (申报单位信息 | 单位名称 | 单位类型 …):
            # the group's 单位名称 names the applicant.
            self.unit_rows = True
            return i + 1
        if (self.unit_rows and len(filled) >= 2 and squeeze(filled[0].text).rstrip("：:") in _NAME_OF_UNIT
                and (unit := self.m.whole_label("申报单位")) is not None):
            self.unit_rows = False
            self.emit_labelled(unit, filled[1].text, filled[1].where, (filled[0],), (filled[1],))
            return i + 1
        if len(filled) == 1:
            self.unit_rows = False  # another group's title, or a heading
            section = heading_section(filled[0].text, self.labels, misread=self.ocr_row)
            if section is None and self.section in _BOX_SECTIONS and _ANNEX_RE.fullmatch(squeeze(filled[0].text)):
                # 附表1 after the form's boxes: an annexed table (the people, the joint units)
                # the form refers to (详见附表1), read as the basic part is.
                section = "basic"
            if section is not None:
                self.open_section(section, filled[0].where, filled[0].page)
                self.last_row_pair = None
                self.loose = []
                return i + 1
            if self.roles_title(filled[0].text):
                # 项目负责人及联系人 over the people's cards: a title, no wrapped line of the
                # value above (a joint unit's, a category's).
                self.last_row_pair = self.last_table_pair = None
                return i + 1
        if self.section in ("content", "goals"):
            # The project team's table inside the content part names the leader when the
            # basic table does not (项目组主要成员: 序号 | 姓名 | … | 项目分工 | 手机).
            if self.table is not None and self.table[0] == "people" and self.table_row(row):
                return i + 1
            if self.people_header(row) and self.start_table(row):
                return i + 1
        if self.section == "example":
            # The example's rows are not the applicant's: skipped to its end (a line saying
            # so, the next heading above, the next page of a printed form, or a label the
            # example already showed: the form's own table starting again at 项目名称).
            page = row.cells[0].page
            fields = {f for c in filled for h in self.m.hits(c.text) if (f := self.labels.field_labels.get(h.label))}
            if (page is not None and self.example_page is not None and page != self.example_page) \
                    or fields & self.example_fields:
                self.section = self.before_example
            else:
                self.example_fields |= fields
                if _EXAMPLE_END_RE.search(squeeze(" ".join(c.text for c in filled))):
                    self.section = self.before_example
                return i + 1
        if self.section in ("approval", "city_review") and row.source != "table" and self.signoff(filled):
            # The project's people named in sign-off lines under the last box (项目负责人（签字）：
            # 王伟 手机：…, 填表人（项目联系人）：…, 电子邮箱：…): their pairs, read only where
            # neither the basic part nor the cover gives the field, never the box's text.
            box, self.section = self.section, "signoff"  # read after the basic part's and the cover's
            for cell in filled:
                self.emit_text_pairs(cell.text, cell.where, (cell,))
            self.section, self.signing = box, True
            return i + 1
        self.signing = False
        if self.section in ("basic", "cover") and len(filled) == 1 and _NOTE_LINE_RE.match(filled[0].text):
            # 注：项目名称应简明扼要… under a field (the template's grey note rows): an
            # instruction, no value's wrapped line.
            self.last_row_pair = self.last_table_pair = None
            return i + 1
        if self.section in ("approval", "city_review", "content", "goals"):
            # Everything up to the next heading is the box's (or the part's) text.
            self.box.append("\n".join(c.text for c in filled))
            self.box_where = self.box_where or filled[0].where
            return i + 1
        if self.section == "notes":
            # The instructions end at the next heading, or at the first table or label line
            # when the form has no heading there.
            hits = self.m.hits(filled[0].text)
            if not (row.source == "table" or (hits and hits[0].start == 0)):
                return i + 1
            self.section = "basic"
        if self.table is not None and self.table[0] == "role_columns" and self.table_row(row):
            return i + 1
        if (after := self.tiered_people(rows, i)) is not None or (after := self.role_cards(rows, i)) is not None:
            self.last_row_pair = None
            return after
        if self.role_columns_header(row):
            self.last_row_pair = None
            return i + 1
        if (heads := self.caption_row(row)) is not None:
            self.captioned(heads)
            return i + 1
        if i + 1 < len(rows) and self.loose_allowed(row) and self.caption_row(rows[i + 1]) is not None:
            self.loose.append(row)  # the values a caption row below names: read there
            return i + 1
        if self.table is not None and self.table_row(row):
            self.last_row_pair = None
            return i + 1
        if self.start_table(row):
            self.last_row_pair = None
            return i + 1
        if (after := self.option_matrix(rows, i)) is not None:
            self.last_row_pair = None
            return after
        before = (len(self.pairs), self.last_row_pair, self.pairs[-1].value if self.pairs else "")
        after_row = self.label_row(rows, i, filled)
        if (len(self.pairs), self.last_row_pair, self.pairs[-1].value if self.pairs else "") == before:
            if self.loose_allowed(row):
                self.loose.extend(rows[i:after_row])
        else:
            self.loose = []
        return after_row

    # ------------------------------------------------------------------ captions below values
    def loose_allowed(self, row: Row) -> bool:
        return row.source in ("line", "ocr", "paragraph") and self.section in ("basic", "cover")

    def caption_row(self, row: Row) -> list[tuple[Cell, _Hit]] | None:
        """The captions of a row that holds only labels in brackets ((项目名称), (项目负责人) |
        (负责人手机)): a form whose values stand on the lines above their captions."""
        filled = [c for c in row.cells if c.text.strip()]
        if not filled or row.source not in ("line", "ocr", "paragraph", "table"):
            return None
        heads: list[tuple[Cell, _Hit]] = []
        for cell in filled:
            m = _CAPTION_RE.fullmatch(cell.text.strip())
            hit = self.m.whole_label(m.group(1)) if m is not None else None
            if hit is None:
                return None
            heads.append((cell, hit))
        return heads

    def inner_label_only(self, text: str) -> bool:
        """Whether `text` is a value that names its own kind before it (手机：1380…, 座机：…,
        邮箱：…): a sub-label typed into a value cell, not a label of the form."""
        hits = self.m.hits(text)
        kinds = {*self.labels.person_phone, *self.labels.person_email}
        return (bool(hits) and hits[0].start == 0 and all(h.label in kinds for h in hits)
                and bool(text[hits[-1].end:].strip()))  # a value follows: 手 机 alone is a label cell

    def caption_in_cell(self, cell: Cell) -> tuple[_Hit, str] | None:
        """(the caption, the value) of a cell whose last line is a label in brackets under the
        value's lines."""
        text = cell.text.strip()
        if "\n" not in text:
            return None
        value, _, last = text.rpartition("\n")
        m = _CAPTION_RE.fullmatch(last.strip())
        hit = self.m.whole_label(m.group(1)) if m is not None else None
        return (hit, value.strip()) if hit is not None and value.strip() else None

    def captioned(self, heads: list[tuple[Cell, _Hit]]) -> None:
        """Pair each caption with the loose rows above it: all of them for a caption alone on
        its row, else the last loose row's cells by where they stand (or by order)."""
        rows, self.loose = self.loose, []
        self.last_row_pair = None
        if not rows:
            for cell, hit in heads:
                self.emit_labelled(hit, "", cell.where, (cell,))
            return
        if len(heads) == 1:
            cell, hit = heads[0]
            cells = tuple(c for r in rows for c in r.cells if c.text.strip())
            text = "\n".join(" ".join(c.text.strip() for c in r.cells if c.text.strip()) for r in rows)
            self.emit_labelled(hit, text, cells[0].where if cells else cell.where, (cell,), cells)
            return
        values = [c for c in rows[-1].cells if c.text.strip()]
        columns: list[list[Cell]] = [[] for _ in heads]
        if all(c.box is not None for c in values) and all(c.box is not None for c, _ in heads):
            for value in values:
                columns[_column_of(value, [c for c, _ in heads])].append(value)
        elif len(values) == len(heads):
            columns = [[v] for v in values]
        for (cell, hit), group in zip(heads, columns):
            text = " ".join(c.text.strip() for c in group)
            self.emit_labelled(hit, text, group[0].where if group else cell.where, (cell,), tuple(group))

    def option_matrix(self, rows: list[Row], i: int) -> int | None:
        """A checklist laid out as a table, one option per row with its mark in a column of
        its own (类别 | 项目 | 选择): the run of option rows from `i` becomes one pair whose
        value reads like an inline checklist ("[V]学术交流 [ ]科技创新联盟建设 …"), so that
        the option readers see what a clerk sees. The row after the run is returned."""
        first = self._option_row(rows[i])
        if first is None:
            return None
        field, run = first[0], [first[1]]
        j = i + 1
        while j < len(rows) and (nxt := self._option_row(rows[j])) is not None and nxt[0] == field:
            run.append(nxt[1])
            j += 1
        if len(run) < _MATRIX_MIN_ROWS:
            return None
        text = normalise_checkbox_glyphs("  ".join(f"{mark}{option}" for option, mark, _ in run))
        cells = tuple(c for _, _, row_cells in run for c in row_cells)
        label = {"subcategory": "项目类别", "applicant_type": "单位类型"}[field]
        self.emit(field, label, text, cells[0].where, (), cells)
        return j

    def _option_row(self, row: Row) -> tuple[str, tuple[str, str, tuple[Cell, ...]]] | None:
        """(field, (option text, mark, cells read)) when `row` is one line of an option matrix:
        one cell names an option (item or unit type), possibly with its mark, the others are
        group names (项目类别 of the item) or a short mark, or empty."""
        lab = self.labels
        found: tuple[str, str] | None = None
        marks: list[str] = []
        used: list[Cell] = []
        for cell in row.cells:
            key = option_key(cell.text)
            if not key:
                continue
            hit = _option_in(key, lab)
            if hit is not None and found is None:
                found = hit[:2]
                marks.append(hit[2])
                used.append(cell)
            elif key in self.groups:
                continue
            elif _is_mark(key):
                marks.append(cell.text.strip())
                used.append(cell)
            else:
                return None
        if found is None:
            return None
        field, option = found
        return field, (option, "".join(marks), tuple(used))

    def label_row(self, rows: list[Row], i: int, filled: list[Cell]) -> int:
        row = rows[i]
        # One label alone on its row: the value is the next row (one-column forms).
        if len(filled) == 1 and (hit := self.m.whole_label(filled[0].text)) is not None:
            field = self.labels.field_labels.get(hit.label)
            value, where, below, j = self.vertical_value(rows, i + 1, field)
            if lines_above := self.value_head_above(rows, i, filled[0], below, field):
                above = "\n".join(" ".join(c.text.strip() for c in cells) for cells in _by_line(lines_above))
                value = f"{above}{value}" if len(lines_above) == 1 else f"{above}\n{value}"
                where, below = lines_above[0].where, (*lines_above, *below)
            self.last_row_pair = self.emit_labelled(hit, value, where or filled[0].where, (filled[0],), below)
            return j
        # A row of labels above a row of values, column by column.
        if (after := self.header_row(rows, i, filled)) is not None:
            self.last_row_pair = None
            return after
        # A wrapped PDF/OCR line continues the previous line's last value; a line opening with
        # the next item's number ("（二）…", "三、…") ends it.
        text = filled[0].text
        if row.source == "paragraph" and len(filled) == 1 and self.continues_options(rows, i):
            assert self.last_row_pair is not None
            self.extend(self.last_row_pair, "\n" + text, (filled[0],))
            return i + 1
        if (row.source in ("line", "ocr") and len(filled) == 1 and self.last_row_pair is not None
                and not _ITEM_NUMBER_RE.match(text.strip())):
            if (moved := self.label_head_from_line_above(text)) != text:
                emitted = self.emit_text_pairs(moved, filled[0].where, (filled[0],))
                self.last_row_pair = emitted if emitted is not None else self.last_row_pair
                return i + 1
            hits = self.m.hits(text)
            # (A line opening an option list is no wrapped line of a name above it.)
            options = self.pairs[self.last_row_pair].field not in _SPREAD_FIELDS and self.opens_options(text)
            if not label_first(hits, text) and not options:
                head = (_trim_item_number(text[: hits[0].start]) if hits else text).strip()
                if head:
                    self.extend(self.last_row_pair, "\n" + head, (filled[0],))
                tail = self.emit_text_pairs(text[hits[0].start:], filled[0].where, (filled[0],)) if hits else None
                self.last_row_pair = tail if tail is not None else self.last_row_pair
                return i + 1
        if (row.source == "table" and len(filled) == 1 and self.last_table_pair is not None
                and (self.pairs[self.last_table_pair].field in _LONG_VALUE_FIELDS
                     or self.period_goes_on(self.last_table_pair, text))
                and not self.m.hits(text) and self.continues_cell_above(filled[0], self.last_table_pair)):
            # The template's row was too short for the value: it goes on in the next row, whose
            # label cell is merged with the label above (a vMerge continuation, not read).
            self.extend(self.last_table_pair, "\n" + text, (filled[0],))
            self.last_table_pair = None
            return i + 1
        if (len(filled) > 1 and self.last_row_pair is not None
                and (row.source == "ocr" or (row.source == "line" and self.pairs[self.last_row_pair].field in _SPREAD_FIELDS
                                             and self.option_cells(filled)))
                and self.wraps_last_value(filled)):
            # (A PDF's or OFD's line of option boxes under 项目类别 likewise: "[V]学术交流 ‖ [ ]…".)
            assert self.last_row_pair is not None
            self.extend(self.last_row_pair, "\n" + " ".join(c.text.strip() for c in filled), tuple(filled))
            return i + 1
        cells = list(row.cells)
        last: int | None = None
        first_pair = len(self.pairs)
        k = 0
        while k < len(cells):
            cell = cells[k]
            hit = self.m.whole_label(cell.text)
            if hit is None and (captioned := self.caption_in_cell(cell)) is not None:
                # "湖南省某学会（盖章）\n（申报单位）": the value above its caption, in one cell.
                last = self.emit_labelled(captioned[0], captioned[1], cell.where, (cell,), (cell,))
                k += 1
                continue
            if hit is not None:
                label_cells: tuple[Cell, ...] = (cell,)
                if (not hit.unit and k + 2 < len(cells) and (unit := _UNIT_CELL_RE.fullmatch(squeeze(cells[k + 1].text)))
                        and any(c.text.strip() for c in cells[k + 2:])):
                    # 申请经费 | （万元） | 5.5: the label's unit in a cell of its own (a grid of
                    # slivers a converter made) is the label's, not the value.
                    hit, label_cells = replace(hit, unit=unit.group(1)), (cell, cells[k + 1])
                    k += 1
                taken, after = self.value_cells(cells, k + 1, hit)
                if taken and self.spans_from_above(row, cell, _join_cells([c.text for c in taken])):
                    # The label's cell spans this row too (a PDF repeats it on each row): the
                    # value cut over the two rows (起：2024年 | 4月止：2024年9月, …学术年 | 会) goes on.
                    assert self.last_table_pair is not None
                    self.extend(self.last_table_pair, _join_cells([c.text for c in taken]), tuple(taken))
                    last = self.last_table_pair
                    k = after
                    continue
                if taken:
                    text = _join_cells([c.text for c in taken])
                    where = next((c.where for c in taken if c.text.strip()), taken[0].where)
                    last = self.emit_labelled(hit, text, where, label_cells, tuple(taken))
                    k = after
                    continue
                last = self.emit_labelled(hit, "", cell.where, label_cells)
            elif cell.text.strip():
                # the document's first pair is index 0: kept like any other
                text_pair = self.emit_text_pairs(cell.text, cell.where, (cell,))
                if (text_pair is None and last is not None and row.source in ("line", "ocr")
                        and self.pairs[last].field in _SPREAD_FIELDS and _holds_marks(cell.text)):
                    # "项目类别：科技创新服务能力建设项目：  ☐学会服务站建设…": a gap on the line
                    # split the checklist from its label; the options are the label's value.
                    self.extend(last, " " + cell.text.strip(), (cell,))
                last = text_pair if text_pair is not None else last
            k += 1
        self.last_row_pair = last if row.source in ("line", "ocr", "paragraph") else None
        self.last_table_pair = last if row.source == "table" else None
        self.last_row_alone = len(self.pairs) - first_pair == 1
        return i + 1

    def opens_options(self, text: str) -> bool:
        """Whether a line opens or carries an option list (科技创新服务能力建设项目：…, ☐省级学会
        ☐市州科协 …, OCR's 口 for a box): a project's or a unit's name does not go on with it."""
        key = option_key(text)
        return any(key.startswith(c) for c in self._categories) or (
            _holds_marks(misread_marks_to_glyphs(text, self._option_names)) and sum(1 for o in self._options if o in key) >= 2)

    def value_head_above(self, rows: list[Row], i: int, label: Cell, below: tuple[Cell, ...],
                         field: str | None) -> tuple[Cell, ...]:
        """The first lines of a value wrapped over several lines in a cell whose label stands in
        the middle of its height (a scan's or a PDF's lines: …长株潭柑橘新材 | 项目名称 | 料应用
        学术论坛): the line just above the label, read as no pair, in the value's column and
        reaching down into the label's line — for an option list (项目类别, 单位类型) the lines
        above it too, each touching the next, in that column."""
        if not below or label.box is None or below[0].box is None:
            return ()
        taken: list[Cell] = []
        lower_top = label.box[1]
        for k in range(i - 1, -1, -1):
            if not any(rows[k] is r for r in self.loose) or rows[k].source not in ("line", "ocr"):
                break
            cells = [c for c in rows[k].cells if c.text.strip()]
            if not cells or any(c.box is None or c.page != label.page or c.box[0] <= label.box[2] for c in cells) \
                    or any(self.m.hits(c.text) for c in cells):
                break
            top, bottom = min(c.box[1] for c in cells), max(c.box[3] for c in cells)  # type: ignore[index]
            if k == i - 1:
                # (An option list's line may hold its boxes apart: 口 | 口 | 口.)
                if not top < label.box[1] <= bottom + _TOUCHING or field not in _SPREAD_FIELDS and (
                        len(cells) != 1 or abs(cells[0].box[0] - below[0].box[0]) > _SAME_COLUMN):  # type: ignore[index]
                    break
            elif bottom + _TOUCHING < lower_top - (bottom - top):
                break  # a gap of a line's height: no wrap of this value
            taken[:0] = cells
            lower_top = top
            if field not in _SPREAD_FIELDS:
                break
        return tuple(taken)

    def spans_from_above(self, row: Row, cell: Cell, text: str) -> bool:
        """Whether `cell` is the label cell of the last table pair, repeated on this row because
        it spans both (its place is the one it had), and that pair is a value that may run on
        (a name, a unit, the item's options) or a period that `text` finishes."""
        index = self.last_table_pair
        if row.source != "table" or index is None or not (
                self.pairs[index].field in _LONG_VALUE_FIELDS or self.period_goes_on(index, text)):
            return False
        return any(c.where == cell.where and c.page == cell.page for c in self.pairs[index].label_cells)

    def period_goes_on(self, index: int, text: str) -> bool:
        """Whether `text` (the row below) finishes pair `index`, a period cut before its end:
        it opens as a period's rest does, and the two read together give a start and an end."""
        if not self.half_period(index) or not _PERIOD_REST_RE.match(text.strip()):
            return False
        start, end = text_to_period(self.pairs[index].value + text)
        return start is not None and end is not None

    def half_period(self, index: int) -> bool:
        """Whether pair `index` is a period cut before its end (起止时间 | 二〇二四年, the rest
        in the row below): no end can be read from it yet."""
        pair = self.pairs[index]
        return pair.field == "period" and text_to_period(pair.value)[1] is None

    def continues_cell_above(self, cell: Cell, index: int) -> bool:
        """Whether `cell` (alone on its table row) stands right under the last cell of pair
        `index`'s value, in the same table, and not in the table's first column (a label's)."""
        cells = self.pairs[index].value_cells
        above = _TABLE_PLACE_RE.search(cells[-1].where) if cells else None
        here = _TABLE_PLACE_RE.search(cell.where)
        if above is None or here is None or cell.page != cells[-1].page:
            return False
        return (here["table"] == above["table"] and int(here["row"]) == int(above["row"]) + 1
                and here["col"] == above["col"] != "1")

    def continues_options(self, rows: list[Row], i: int) -> bool:
        """True when Word paragraph `i` carries on an option list whose label stood on an
        earlier paragraph (项目类别　科技创新服务能力建设项目： | ☐学术交流 ☑科技创新联盟建设 … |
        学会自身能力建设项目： | ☐…): a paragraph of marked options, or a group heading (a
        category of the guide) followed by one, with no label of its own."""
        if self.last_row_pair is None or self.pairs[self.last_row_pair].field not in _SPREAD_FIELDS:
            return False

        def marked(k: int) -> bool:
            if k >= len(rows) or rows[k].source != "paragraph" or len(rows[k].cells) != 1:
                return False
            text = normalise_checkbox_glyphs(rows[k].cells[0].text)
            if self.m.hits(text):
                return False
            # The list's answer by number on a paragraph of its own (所选序号：⑤, （填序号）5).
            if NUMBER_CHOICE_RE.fullmatch(unicodedata.normalize("NFKC", text).strip()):
                return True
            # Marks, or (the chosen one marked by formatting only, or none, or a letter given in
            # brackets above: A.学术交流 B.科技创新联盟建设) nothing but options and their groups.
            plain = LETTERED_OPTION_RE.sub(" ", _GLYPHS_RE.sub(" ", text))
            # (An option answered after its colon, 学术交流：是 科技创新联盟建设：否, is one too.)
            # (So is a numbered option, ⑥创新工程专业职称评审, when its answer comes by number.)
            pieces = [option_key(_OPTION_NUMBER_RE.sub("", p)) for p in re.split(r"[\s:：]+", plain)
                      if p and p not in ("是", "否")]
            return bool(_GLYPHS_RE.search(text)) or (
                len(pieces) >= 2 and all(p in self._options or p in self._categories for p in pieces)
                and any(p in self._options for p in pieces))

        heading = option_key(rows[i].cells[0].text).rstrip("：:")
        return marked(i) or (heading in self._categories and marked(i + 1))

    def label_head_from_line_above(self, text: str) -> str:
        """`text`, a line going on from the last value, with the head of a label that the line
        break cut off that value's end (…壹拾柒万圆整；起止时 | 间:20240701-…, a paragraph of
        pairs photographed): the head comes off the value and opens the line, when the two
        make a label followed by its colon."""
        assert self.last_row_pair is not None
        own = self.m.hits(text.lstrip())
        # A line opening with a label of its own (…建设项目 | 负责人：张三) keeps it, unless the
        # head makes a longer label of it in prose (…蔡艳老师，联系 | 电话150…: 联系电话).
        opening = own[0].end if label_first(own, text.lstrip()) else 0
        draft = self.pairs[self.last_row_pair]
        before = draft.value.rstrip()
        for cut in range(_LABEL_HEAD_MAX, 0, -1):  # the longest label: 电子邮 | 箱 is 电子邮箱, not 邮箱
            head = before[-cut:]
            if len(head) < cut or not _HAN_RUN_RE.fullmatch(head):
                continue
            hits = self.m.hits(head + text.lstrip())
            # The label's colon, or in prose the clause it opens (…冯晓东（秘书），联 | 系电话…).
            opens = ":" in self.m.norm(hits[0].raw) if hits else False
            after_stop = before[:-cut].rstrip().endswith(tuple(_CLAUSE_STOPS + "，；。"))
            opens = (opens or after_stop) if not opening else bool(hits) and after_stop and hits[0].end - cut >= opening
            if hits and hits[0].start == 0 and hits[0].end > cut and self.m.regex.match(
                    self.m.norm(head + text.lstrip())) is not None and opens:
                draft.value = before[:-cut]
                return head + text.lstrip()
        return text

    def option_cells(self, cells: list[Cell]) -> bool:
        """Whether every cell of a line is part of an option list: a box or tick (alone or
        before its option: √ | 学术交流, [ ]科普), an option or a group of the guide's lists, or
        the head of an option a narrow cell wrapped (“科创中国”湖南中心建设与运)."""
        for cell in cells:
            text = normalise_checkbox_glyphs(cell.text).strip()
            if _opens_with_box(text) or _holds_marks(text):
                continue
            key = option_key(text).rstrip(":：")
            if key in self._options or key in self._categories:
                continue
            if len(key) < _OPTION_HEAD_MIN or not any(o.startswith(key) for o in self._options):
                return False
        return True

    def wraps_last_value(self, cells: list[Cell]) -> bool:
        """True when an OCR line of several boxes continues the previous line's value: that
        value was the only one on its line, and every box stands right of where the value
        starts and holds no label, item number or heading. An option list runs over several
        lines, and the engine cuts each line into boxes of its own ("☑学术交流 ☐科技创新联盟建设"
        | "☐“科创中国”试点城市建设")."""
        if self.last_row_pair is None or not self.last_row_alone:
            return False
        start = next((c.box for c in self.pairs[self.last_row_pair].value_cells if c.box is not None), None)
        if start is None:
            return False
        for cell in cells:
            text = cell.text.strip()
            if (cell.box is None or cell.page != self.pairs[self.last_row_pair].value_cells[0].page
                    or cell.box[0] < start[0] - (start[3] - start[1])
                    or self.m.hits(text) or _ITEM_NUMBER_RE.match(text) or heading_section(text, self.labels)):
                return False
        return True

    def header_row(self, rows: list[Row], i: int, filled: list[Cell]) -> int | None:
        """A row of two or more labels above a row holding no label of its own ("项目类别 |
        子项 | 单位类型" over their values): each value cell is read for the label it stands
        under, and the index of the row after the values is returned; None for any other row.

        A short header the vocabulary does not know ("子项" after "项目类别") qualifies the
        label before it: its column's values join that label's value. Cells pair by place
        where the reader gave boxes (OCR leaves empty cells out and splits values, a grid
        merges cells): a value cell belongs to the header it overlaps most across the page, or
        failing that to the nearest one; without boxes (Word), by column when both rows have
        as many cells."""
        if len(filled) < 2 or i + 1 >= len(rows):
            return None
        hits = [self.m.whole_label(c.text) for c in filled]
        known = sum(1 for h in hits if h is not None)
        if known < 2 or any(h is None and not _HEADER_WORD_RE.fullmatch(squeeze(c.text))
                            for c, h in zip(filled, hits)):
            return None
        below = rows[i + 1]
        values = [c for c in below.cells if c.text.strip()]
        # Cell for cell under a header of as many cells (a Word or sheet grid, no boxes), blanks
        # stand in their columns: a row of values may leave several empty (联合申报单位, 备注).
        grid = len(below.cells) == len(rows[i].cells) and all(c.box is None for c in below.cells)
        if (not values or any(self.m.hits(c.text) and not self.inner_label_only(c.text) for c in below.cells)
                or (known < len(filled) and len(values) < (2 if grid else len(filled) - 1))
                or (len(values) == 1 and heading_section(values[0].text, self.labels))
                or self.starts_table(below)):
            return None
        row = rows[i]
        columns: list[list[Cell]] = [[] for _ in filled]
        after = i + 2
        if all(c.box is not None for c in (*filled, *values)) and len({c.page for c in (*filled, *values)}) == 1:
            for cell in values:
                columns[_column_of(cell, filled)].append(cell)
            wrapped = self.wrapped_under(rows, after, filled, values) if below.source in ("line", "ocr") else []
            for cell in (c for line in wrapped for c in line):
                columns[_column_of(cell, filled)].append(cell)
            after += len(wrapped)
        elif len(below.cells) == len(row.cells):
            for top, under in zip(row.cells, below.cells):
                if top.text.strip():
                    columns[filled.index(top)].append(under)
        else:
            return None
        owner = -1  # the label an unknown header qualifies
        groups: dict[int, list[Cell]] = {}
        for k, hit in enumerate(hits):
            owner = k if hit is not None else owner
            if owner >= 0:
                groups.setdefault(owner, []).extend(columns[k])
        for k, group in groups.items():
            head = hits[k]
            assert head is not None
            text = _join_cells([c.text for c in group])
            self.emit_labelled(head, text, group[0].where if group else filled[k].where, (filled[k],), tuple(group))
        return after

    def wrapped_under(self, rows: list[Row], j: int, heads: list[Cell], values: list[Cell]) -> list[list[Cell]]:
        """The cells of the lines that carry on a header row's values on a PDF or scan (a value
        wrapped in its cell: 壹拾贰万元(120000 | 元)壹拾万元 | (100000元)): lines right below,
        as close as a line's height, with no label, heading or item number, each cell under a
        header. At most three lines."""
        taken: list[list[Cell]] = []
        last = values
        for row in rows[j:j + 3]:
            cells = [c for c in row.cells if c.text.strip()]
            text = " ".join(c.text for c in cells)
            if (row.source != rows[j - 1].source or not cells or any(c.box is None for c in cells)
                    or {c.page for c in cells} != {heads[0].page}
                    or any(self.m.hits(c.text) for c in cells) or heading_section(text, self.labels)
                    or _ITEM_NUMBER_RE.match(text.strip()) or _FOOTNOTE_LINE_RE.match(text.strip())
                    or self.starts_table(row)):
                break
            height = max(c.box[3] - c.box[1] for c in last if c.box is not None)
            top, bottom = min(c.box[1] for c in cells if c.box), max(c.box[3] for c in last if c.box)
            if top - bottom > height * 0.8 or not all(
                    any(min(c.box[2], h.box[2]) - max(c.box[0], h.box[0]) > 0 for h in heads if h.box)
                    for c in cells if c.box):
                break
            taken.append(cells)
            last = cells
        return taken

    def value_cells(self, cells: list[Cell], k: int, hit: _Hit) -> tuple[list[Cell], int]:
        """The cells that hold a label cell's value — the next cell, or for a checklist, which
        OCR and merged grids spread over several cells, every cell up to the next label — and
        the index of the first cell after them (OCR boxes of one value come back as one)."""
        taken: list[Cell] = []
        field = self.labels.field_labels.get(hit.label)
        spread = field in _SPREAD_FIELDS
        if (field in _UNIT_FIELDS and k + 1 < len(cells) and squeeze(cells[k].text).rstrip(":：") in _NAME_OF_UNIT
                and cells[k + 1].text.strip()):
            k += 1  # 申报单位 | 单位名称 | 湖南省某学会: a group label over the row's own "name" caption
        while k < len(cells) and self.m.whole_label(cells[k].text) is None:
            if taken and self.ocr_row and _split_box(taken[-1], cells[k]):
                # The engine cut one value into two boxes ("贺" + "晓琳" on a smudged scan).
                taken[-1] = _merged(taken[-1], cells[k])
            elif (taken and self.line_row and field in ("project_name", "applicant_org") and taken[-1].text.strip()
                  and _WHOLE_BRACKET_RE.fullmatch(cells[k].text.strip())):
                # …建设与运营（2024年度） | （湖南省微生物学会）: a name's closing bracket, boxed apart.
                taken[-1] = _merged(taken[-1], cells[k])
            elif (field in _DATE_FIELDS and taken and _DATE_PIECE_RE.fullmatch(squeeze(cells[k].text))
                  and all(_DATE_PIECE_RE.fullmatch(squeeze(c.text)) for c in taken if c.text.strip())):
                taken.append(cells[k])  # one part of a date split over cells
            elif taken and self.line_row and _spread_out(
                    "leader_name" if hit.label in self.labels.person_name else field,
                    taken[-1].text.strip(), cells[k].text.strip()):
                taken[-1] = _merged(taken[-1], cells[k])  # a name set 分散对齐 over its cell
            elif (taken and _ONE_DIGIT_RE.fullmatch(cells[k].text.strip())
                  and all(_ONE_DIGIT_RE.fullmatch(c.text.strip()) for c in taken if c.text.strip())):
                taken.append(cells[k])  # a number written one digit to a cell (一格一字)
            elif taken and not spread and taken[-1].text.strip():
                break  # an empty cell left by a grid span is skipped when a value follows it
            else:
                taken.append(cells[k])
            k += 1
        end = k
        while taken and not taken[-1].text.strip() and len(taken) > 1:
            taken.pop()
            end -= 1
        return taken, end

    def vertical_value(self, rows: list[Row], j: int, field: str | None = None) -> tuple[str, str, tuple[Cell, ...], int]:
        """The value below a lone label, where it was read, its cells, and the index of the
        row after it. Wrapped PDF/OCR lines that start with no label or item number are part
        of the same value."""
        if j >= len(rows):
            return "", "", (), j
        first = rows[j]
        filled = [c for c in first.cells if c.text.strip()]
        if (
            not filled
            or (len(filled) == 1 and (heading_section(filled[0].text, self.labels) or self.roles_title(filled[0].text)
                                      or _NOTE_LINE_RE.match(filled[0].text)))
            or self.m.whole_label(filled[0].text)
            or self.starts_table(first)
        ):
            return "", "", (), j
        parts = [" ".join(c.text for c in filled)]
        taken = list(filled)
        j += 1
        while first.source in ("line", "ocr") and j < len(rows) and rows[j].source == first.source:
            cells = [c for c in rows[j].cells if c.text.strip()]
            text = " ".join(c.text for c in cells)
            hits = self.m.hits(text)
            # (whole_label: a label with its hint before the colon, 申报项目类别（限选一项）：)
            if (label_first(hits, text) or heading_section(text, self.labels) or self.roles_title(text)
                    or _NOTE_LINE_RE.match(text) or (field not in _SPREAD_FIELDS and self.opens_options(text))
                    or _ITEM_NUMBER_RE.match(text.strip())
                    or _FOOTNOTE_LINE_RE.match(text.strip())
                    or len(parts) >= 8 or (len(cells) == 1 and self.m.whole_label(text) is not None)):
                break
            parts.append(text)
            taken += cells
            j += 1
        return "\n".join(parts), filled[0].where, tuple(taken), j

    def starts_table(self, row: Row) -> bool:
        saved = self.table, self.budget_unit
        found = self.start_table(row)
        self.table, self.budget_unit = saved
        return found


# A text wholly in one pair of brackets: （湖南省微生物学会）.
_WHOLE_BRACKET_RE = re.compile(r"[（(][^（）()]{2,30}[）)]")
# A footnote's line (1 项目名称须与申报单位公章一致。): its number, a space, its text.
# How far apart (of the page's width) two lines' left edges may be in one column, and how far
# (of its height) a line may end above the next and still touch it.
_SAME_COLUMN = 0.03
_TOUCHING = 0.005
# A label a cell's wrapping cut at a line break, opening a clause and closed by its colon:
# (before it) (the head) \n (the tail up to the colon).
_CUT_LABEL_RE = re.compile(r"(^|[；;，,。])([\u4e00-\u9fff]{1,6})\n([\u4e00-\u9fff]{1,6})(?=\s*[:：])")
# A line's number alone in its cell (行号).
_LINE_NUMBER_CELL_RE = re.compile(r"\s*\d{1,3}\s*")
# A note line under a field (注：…, 说明：…, （注）…, ※…): the template's instruction.
_NOTE_LINE_RE = re.compile(r"\s*(?:[（(]\s*注\s*[)）]|(?:注|说明|注意|提示)\s*[:：]|※)")
_FOOTNOTE_LINE_RE = re.compile(r"\d{1,2}(?:\s+|\s*[.．、]\s*)[\u4e00-\u9fff]")
# How many bracketed blanks make a text a form written as sentences (Builder.bracketed_blanks).
_MIN_BLANKS = 3
# What a bracket after a label says when it is no blank filled in: the label's unit or a hint.
_BRACKET_HINT_RE = re.compile(r"^\s*(?:万?元|盖章|签[字章名]|公章|章|[限单多]选.*|可多选|.{0,6}填写.*|.*[√☑□☐].*|"
                              r"不超过.*|.*与公章一致.*|全称.*|.*字以内|[须应]为.*|用于.*|负责.{0,6}|\d+\s*位.*|.{0,6}号码|"
                              r"(?:姓名|职务|职称|手机|电话)(?:[、/／](?:姓名|职务|职称|手机|电话))*)\s*$")


def _bracket_label_re(labels: Labels) -> re.Pattern[str]:
    """A known label (or 我单位, or a …经费 phrase) followed by 为/是 and an opening bracket
    (compiled once per vocabulary: re's own cache keeps the pattern)."""
    names = sorted({*labels.field_labels, *labels.person_phone, *labels.person_email, *labels.person_name},
                   key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if len(n) >= 2)
    return re.compile(rf"(?P<label>我单位|[^，。；、（）()\s]{{0,8}}经费|{alternatives})\s*(?:为|是)?\s*[（(]")


def _clause(text: str) -> str:
    """`text` up to the first comma, semicolon or stop outside brackets (+86193-2852-6145
    (8:30-12:00，14:30-17:30)，…: the hours are the phone's)."""
    depth = 0
    for k, ch in enumerate(text):
        depth += 1 if ch in "(（" else -1 if ch in ")）" and depth else 0
        if depth == 0 and re.match(_CLAUSE_END, ch):
            return text[:k].strip()
    return text.strip()


def _near(left: Cell, right: Cell) -> bool:
    """Whether two pieces of a line may be one label spaced out over its cell: apart by at
    most _SPACED_GAP line heights (单位 | 类型 a column apart are two labels' heads)."""
    if left.box is None or right.box is None:
        return True
    return right.box[0] - left.box[2] <= _SPACED_GAP * (left.box[3] - left.box[1])


def _by_line(cells: tuple[Cell, ...]) -> list[list[Cell]]:
    """`cells` (placed, in reading order) grouped by the line they stand on."""
    lines: list[list[Cell]] = []
    for cell in cells:
        if lines and lines[-1][-1].box is not None and cell.box is not None \
                and cell.box[1] < lines[-1][-1].box[3] - 0.3 * (lines[-1][-1].box[3] - lines[-1][-1].box[1]):
            lines[-1].append(cell)
        else:
            lines.append([cell])
    return lines


def _bracketed(text: str, opening: int) -> tuple[str, int] | None:
    """The text inside the bracket that opens at `opening` (its inner brackets kept) and where
    the text after the bracket starts; None when it does not close within 80 characters."""
    depth = 0
    for k in range(opening, min(len(text), opening + 82)):
        if text[k] in "（(":
            depth += 1
        elif text[k] in "）)":
            depth -= 1
            if depth == 0:
                return text[opening + 1:k], k + 1
    return None


def _sentence_from_bracket(value: str) -> bool:
    """Whether a pair's value is a sentence's bracketed blank and what follows it: an opening
    bracket that does not close, or closes before a comma or a full stop."""
    if value[:1] not in ("（", "("):
        return False
    bracket = _bracketed(value, 0)
    return bracket is None or value[bracket[1]:][:1] in ("，", ",", "。", "；", ";", "、")


def _blank_value(value: str) -> bool:
    """Whether a bracket's text is a value typed into a blank, not empty and no hint."""
    bare = value.strip(" \t\u3000_＿")
    return bool(bare) and _BRACKET_HINT_RE.fullmatch(bare) is None


# Values long enough to run on into the next row (not a person, a phone or an amount: a cell under
# 张三 may be a second leader, under 5万元 a note on it).
_LONG_VALUE_FIELDS = frozenset({"project_name", "applicant_org", "lead_org", "partner_orgs", "joint_orgs",
                                "category", "subcategory", "applicant_type"})
# What a role cell says under its label that is no person's name (项目负责人\n签字).
_NOT_A_NAME = ("签", "章", "本人", "姓名", "同上", "见上", "填写", "手写", "如下", "附后")
# The rest of a cut period in the row below goes on with a month, a year or the word to the
# end (七月至…, 4月止：…, 至2024年11月), not with a note in brackets (（项目须于…前结题）).
_PERIOD_REST_RE = re.compile(r"[\d一二三四五六七八九十〇零]|[至到止—–~～－-]")
# A table cell's place as readers write it (表1 第2行第2列, 第3页 表1 第2行第2列).
_TABLE_PLACE_RE = re.compile(r"(?P<table>表\d+)\s*第(?P<row>\d+)行第(?P<col>\d+)列")


def _holds_marks(text: str) -> bool:
    """Whether `text` shows a checkbox or a tick, chosen or not."""
    marked = normalise_checkbox_glyphs(text)
    return any(ch in marked for ch in (*CHOSEN_MARKS, *UNCHOSEN_MARKS))


# A bracketed box before an option, ticked or empty ("[V]学术交流", "[ ]科普"), as a text export
# writes checkboxes.
_BRACKET_BOX_RE = re.compile(r"\s*[\[【［]\s*[VvXx√✓✔]?\s*[\]】］]")


def _opens_with_box(text: str) -> bool:
    """Whether `text` is an option behind its box: a checkbox glyph or a bracketed box first."""
    return _BRACKET_BOX_RE.match(text) is not None or normalise_checkbox_glyphs(text).lstrip()[:1] in (
        *CHOSEN_MARKS, *UNCHOSEN_MARKS)


def _with_text_below(cell: Cell, below: Cell, text: str) -> Cell:
    """`cell` holding `text`, its box grown over `below`'s."""
    box = cell.box if below.box is None or cell.box is None else (
        min(cell.box[0], below.box[0]), min(cell.box[1], below.box[1]),
        max(cell.box[2], below.box[2]), max(cell.box[3], below.box[3]))
    return cell.model_copy(update={"text": text, "box": box})


def _split_box(left: Cell, right: Cell) -> bool:
    """True when OCR box `right` continues `left` on the same line: it starts less than a
    character's width after `left` ends (a column gap is many characters wide)."""
    a, b, text = left.box, right.box, left.text.strip()
    if a is None or b is None or left.page != right.page or not text or not right.text.strip():
        return False
    char = (a[2] - a[0]) / len(text)
    return -char < b[0] - a[2] < char


def _joined(left: Cell, right: Cell, gap: str = "") -> Cell:
    """Two cells of one line as one: the texts joined with `gap`, the boxes united (none when
    either has none), the lower score."""
    box = None if left.box is None or right.box is None else (
        min(left.box[0], right.box[0]), min(left.box[1], right.box[1]),
        max(left.box[2], right.box[2]), max(left.box[3], right.box[3]))
    scores = [s for s in (left.score, right.score) if s is not None]
    return Cell(text=left.text.strip() + gap + right.text.strip(), where=left.where, page=left.page, box=box,
                score=min(scores) if scores else None)


_HAN_ONLY_RE = re.compile(r"[\u4e00-\u9fff]+")
_PERSON_FIELDS = frozenset({"leader_name", "contact_name"})


def _spread_out(field: str | None, left: str, right: str) -> bool:
    """Whether `right` goes on the value `left` began, both pieces of one name set 分散对齐
    over its cell (周 | 国 | 庆, 湖南省科技评估发展研 | 究 | 中心), which a PDF's line or OCR cuts
    at the wide gaps: a person's name of at most four characters in pieces of one or two, or a
    unit's name that does not yet end as one (one character a piece, maybe), continued by a
    piece of at most three."""
    if (field in _PERSON_FIELDS and len(right) == 1 and len(left) < _SPREAD_NAME_MAX
            and (right in _NAME_DOTS or any(d in left for d in _NAME_DOTS)) and _DOTTED_NAME_RE.fullmatch(left + right)):
        return True  # 古 | 丽 | 米 | 拉 | · | 阿 | 不 | 都 …: a name with its dot, one piece a character
    if not (_HAN_ONLY_RE.fullmatch(left) and _HAN_ONLY_RE.fullmatch(right)):
        return False
    if field in _PERSON_FIELDS:
        return len(right) <= 2 and len(left) <= 3 and len(left) + len(right) <= 4
    # (A unit's name may be spread one character a piece: 湖 | 南 | 理 | 工 | 学 | 院.)
    # A lone character is no value of its own (湖南理工学 | 院: 学 may end a name, not here).
    return field in _UNIT_FIELDS and len(right) <= 3 and (len(right) == 1 or not looks_like_org(left))


_NAME_DOTS = "·・•"
_DOTTED_NAME_RE = re.compile(r"[\u4e00-\u9fff·・•]+")
_SPREAD_NAME_MAX = 16  # characters of a dotted name spread one a piece (古丽米拉·阿不都热依木)


def _merged(left: Cell, right: Cell) -> Cell:
    """Two OCR boxes of one value as one cell: a space kept between two runs of Latin letters
    or digits."""
    gap = " " if re.match(r"[0-9A-Za-z]", right.text.strip()) and re.search(r"[0-9A-Za-z]$", left.text.strip()) else ""
    return _joined(left, right, gap)


def _table_column(cell: Cell) -> int | None:
    """The grid column a table cell starts at, from its place ("表1 第3行第4列"), else None."""
    m = _TABLE_PLACE_RE.search(cell.where)
    return int(m.group("col")) if m else None


def _place_in_row(cell: Cell, heads: list[Cell], *, before: bool) -> int | None:
    """Index of the head `cell` belongs to by grid column: the last head starting at or before
    its column (`before`, a head spanning columns), else the head in its very column."""
    col = _table_column(cell)
    cols = [_table_column(h) for h in heads]
    if col is None:
        return None
    if before:
        at = [k for k, c in enumerate(cols) if c is not None and c <= col]
        return at[-1] if at else None
    return next((k for k, c in enumerate(cols) if c == col), None)


def _place_on_page(cell: Cell, heads: list[Cell], *, before: bool) -> int | None:
    """Index of the head `cell` stands under on the page (`_column_of`)."""
    return _column_of(cell, heads) if heads else None


def _column_of(cell: Cell, heads: list[Cell]) -> int:
    """Index of the header cell `cell` stands under: the one whose horizontal extent overlaps
    it most, else the one whose centre is nearest (every cell has a box)."""
    assert cell.box is not None
    x0, x1 = cell.box[0], cell.box[2]
    spans = [(h.box[0], h.box[2]) for h in heads if h.box is not None]
    overlaps = [min(x1, b) - max(x0, a) for a, b in spans]
    best = max(range(len(spans)), key=lambda k: overlaps[k])
    if overlaps[best] > 0:
        return best
    centre = (x0 + x1) / 2
    return min(range(len(spans)), key=lambda k: abs((spans[k][0] + spans[k][1]) / 2 - centre))


def rows_to_pairs(doc: DocText, labels: Labels) -> list[LabelledPair]:
    """Every labelled value of the document, in document order (see the module docstring)."""
    return _Builder(doc, labels).run()

"""The eighth set of held-out variants: layouts, checkbox encodings, amount and period
formats and value decorations. Their held-out score has been seen (run of 2026-12-05 at
51c167f), so both splits now draw them and dev tunes on them; the held-out split has none of
its own until a new set is written.

They follow how offices lay out, fill and pass on a Word 申报书: the basic part set in two
newspaper columns (分栏) between continuous section breaks; label⇥value lines whose tab stop
fills the gap with leader dots (制表位前导符), as 目录-like templates do; a form drawn as a grid of
text boxes (label boxes and value boxes placed on the page, nothing in a table); a template
that wants mobiles and the postcode one digit to a box (一格一字); a □ whose black character
shading (字符底纹) makes it look filled in print while its character stays □; boxes that are
the bullets of a bulleted list (the ☑ or □ lives in numbering.xml, not in the text); a
template's Wingdings 2 boxes seen where that font is missing (R for ☑, £ for □); the chosen
option framed by a character border (字符边框); 8.0000万元 (four decimals, as finance systems keep
万元); 7万5千元整 (digits with Chinese units); 2024年5-12月; 2024年5月至年底; the e-mail as a mail
client copies a contact (李娜 <lina@163.com>); names and the unit set 分散对齐 in their cells;
values left as mail-merge fields (MERGEFIELD results, the form filled from a spreadsheet by
邮件合并); the template's examples left as hidden text (隐藏文字) before the values.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none
changes the truth: the truth is the planned `App`, whatever the form shows.

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import random
import re
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Box, Boxes, Cell, Columns, Leaders, Table, plain
from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS, half_widths
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "newspaper_columns": "the basic part as label：value paragraphs set in two newspaper columns with a rule "
                         "between (分栏: w:cols num=2 in a section between two continuous section breaks); a "
                         "printed line holds one field of each column side by side",
    "dot_leaders": "no table: one paragraph per field, the label, a tab whose stop at 4.2 cm is filled with "
                   "leader dots (w:tab leader=dot), the value; a value's further lines hang at the stop",
    "textbox_grid": "a grid drawn with DrawingML text boxes (wps:txbx, bordered, placed from one anchor "
                    "paragraph): a shaded label box and a value box per field, no table",
    "digit_cells": "a 12-column table whose mobiles and postcode are written one digit to a cell (一格一字); "
                   "the other values span the 11 digit columns",
}
WORD_ONLY_LAYOUTS: frozenset[str] = frozenset()

CHECKBOXES: dict[str, str] = {
    "shaded_box": "every option keeps its □ as text; the chosen one's □ has black character shading "
                  "(w:shd fill 000000 on the run) so it prints as a filled square",
    "bullet_boxes": "each option a paragraph of a bulleted list whose bullet is □, the chosen one's list's "
                    "bullet ☑ (w:numPr; the glyph in numbering.xml's w:lvlText, not in the text); options on "
                    "a line with text before them show the glyph as text",
    "lost_symbol_font": "a template's Wingdings 2 boxes where that font is missing: R for the chosen one's ☑, "
                        "£ for the others' □, in the text font (R学术交流  £学会服务站建设)",
    "char_border": "no marks: the chosen option framed by a character border (字符边框, w:bdr on its runs)",
}
# Encodings that mark nothing in a selection column (cb_matrix): the form shows a dev one there.
NO_COLUMN_CHECKBOXES = frozenset({"char_border"})
_COLUMN_STAND_INS = ("ballot", "tick_replace", "square")
# Encodings written for a whole option list (each option a paragraph of its own).
LIST_CHECKBOXES = frozenset({"bullet_boxes"})

FUNDINGS: dict[str, str] = {
    "wan_4dp": "8.0000万元, 7.5000万元 (万元 to four decimal places, as finance systems keep it)",
    "digit_units": "8万元整, 7万5千元整, 25万元整 (digits with the Chinese units 万/千 and 整)",
}
DATES: dict[str, str] = {
    "year_month_span": "2024年5-12月 (one year, the months as a range; across years 2024年3月-2025年6月)",
    "to_year_end": "2024年5月至年底 (the end as 年底 when it is December of the start's year; otherwise "
                   "2024年3月至2025年6月底, 2024年3月至2025年底)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "email_with_name": "the e-mail as a mail client copies a contact: 李娜 <lina@163.com>, 李娜<lina@163.com>",
    "distributed_names": "the leader's and the contact's names and the unit's name set 分散对齐 (w:jc "
                         "distribute) in their own cells: spread over the cell's width in print",
    "merge_fields": "the project name, the unit and the leader's name are MERGEFIELD fields (邮件合并 from a "
                    "spreadsheet) whose saved results are the values (files sent as .docx only)",
    "hidden_example": "the template's examples left before the values as hidden text (隐藏文字, w:vanish): "
                      "例：2024年××学会学术年会, 例：湖南省××学会, 例：张三 — in the file, not on screen or paper",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so each showed often enough to count.
WEIGHT = 3.0
WEIGHTS: dict[str, float] = {name: 4.0 for name in LAYOUTS}
DECORATION_ODDS: dict[str, float] = {"email_with_name": 0.15, "distributed_names": 0.4, "merge_fields": 0.35,
                                     "hidden_example": 0.2}
# Formats that carry the .docx itself (build.OOXML_FORMATS, which this module cannot import):
# LibreOffice's .doc and PDF of a merge field may show the field's name instead of its result.
_OOXML_FORMATS = frozenset({"docx", "zip_utf8", "zip_gbk", "7z", "enc_docx_pw"})
# Layouts whose names and unit each sit alone in a cell or box (a paragraph of their own).
_OWN_CELL_LAYOUTS = frozenset({"header_row", "alt_cols", "spaced_2col", "merged_grid", "people_table", "split_dates",
                               "cb_matrix", "two_tables", "vertical_group_labels", "starred_system_print",
                               "textbox_grid", "digit_cells"})
_EXAMPLES = {"project": "例：2024年××学会学术年会", "org": "例：湖南省××学会", "leader": "例：张三"}
_MERGE_NAMES = {"project": "项目名称", "org": "申报单位", "leader": "负责人"}
_MOBILE = re.compile(r"1\d{10}")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "shaded_box":
        return f"[shd]□[/shd]{label}" if chosen else f"□{label}"
    if style == "bullet_boxes":
        return f"[bullet:{1 if chosen else 0}]{label}"
    if style == "lost_symbol_font":
        return f"{'R' if chosen else '£'}{label}"
    if style == "char_border":
        return f"[bdr]{label}[/bdr]" if chosen else label
    raise ValueError(style)


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """Each category's items as list paragraphs under its name."""
    if style not in LIST_CHECKBOXES:
        raise ValueError(style)
    lines: list[str] = []
    for category, its in items.items():
        lines += [f"{category}：", *(option_text(i == chosen, i, style) for i in its)]
    return "\n".join(lines)


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    if style not in LIST_CHECKBOXES:
        raise ValueError(style)
    return "\n".join(option_text(o == chosen, o, style) for o in options)


def funding_text(app: App, style: str) -> str:
    yuan = round(app.funding_wan * 10000)
    if style == "wan_4dp":
        return f"{app.funding_wan:.4f}万元"
    if style == "digit_units":
        wan, rest = divmod(yuan, 10000)
        qian, rest = divmod(rest, 1000)
        bai = rest // 100
        out = (f"{wan}万" if wan else "") + (f"{qian}千" if qian else "") + (f"{bai}百" if bai else "")
        return out + "元整"
    raise ValueError(style)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "year_month_span":
        if s.year == e.year:
            return f"{s.year}年{s.month}-{e.month}月"
        return f"{s.year}年{s.month}月-{e.year}年{e.month}月"
    if style == "to_year_end":
        if e.month == 12:
            return f"{s.year}年{s.month}月至年底" if e.year == s.year else f"{s.year}年{s.month}月至{e.year}年底"
        return f"{s.year}年{s.month}月至{e.year}年{e.month}月底"
    raise ValueError(style)


def email_text(email: str | None, contact: str, decorations: tuple[str, ...], typed: str) -> str:
    """`typed` (the e-mail as the other decorations left it) as a mail client copies a contact."""
    if not email or "email_with_name" not in decorations:
        return typed
    return f"{contact}{' ' if len(contact) % 2 else ''}<{typed}>"


def value_text(kind: str, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` (kind: project, org, leader or contact) as this set's decorations leave it."""
    if not typed:
        return typed
    if "merge_fields" in decorations and kind in _MERGE_NAMES and "\n" not in typed:
        typed = f"[mf:{_MERGE_NAMES[kind]}]{typed}[/mf]"
    if "hidden_example" in decorations and kind in _EXAMPLES:
        typed = f"[hide]{_EXAMPLES[kind]}[/hide]{typed}"
    if "distributed_names" in decorations and kind in ("org", "leader", "contact"):
        typed = f"[dist]{typed}"
    return typed


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str,
                     drawn_before: tuple[str, ...]) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    # A merge field's result holds the value alone: no grey prompt or comment inside it.
    plain_values = not {"hint_left_in", "comments_left"} & set(drawn_before)
    shows = {
        "email_with_name": bool(app.contact_email) and layout not in PICTURE_LAYOUTS,
        "distributed_names": layout in _OWN_CELL_LAYOUTS,
        "merge_fields": fmt in _OOXML_FORMATS and layout not in PICTURE_LAYOUTS and plain_values,
        "hidden_example": layout not in PICTURE_LAYOUTS,
    }
    return tuple(d for d in drawn if shows[d])


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a selection column holds marks apart from the
    options, so an encoding that marks nothing there gives way to one that does."""
    if layout != "cb_matrix" or checkbox not in NO_COLUMN_CHECKBOXES:
        return checkbox
    return _COLUMN_STAND_INS[sum(map(ord, aid)) % len(_COLUMN_STAND_INS)]


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "newspaper_columns":
        return _newspaper_columns(v)
    if v.look.layout == "dot_leaders":
        return _dot_leaders(v)
    if v.look.layout == "textbox_grid":
        return _textbox_grid(v)
    if v.look.layout == "digit_cells":
        return _digit_cells(v)
    raise ValueError(v.look.layout)


def _pairs(v: _V) -> list[tuple[str, str]]:
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    pairs += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
              ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
              ("起止时间", v.period)]
    return pairs


def _newspaper_columns(v: _V) -> tuple[Block, ...]:
    c = v.colon
    lines: list[str] = []
    for label, value in _pairs(v):
        first, *more = value.split("\n")
        lines += [f"{label}{c}{first}", *more]
    return (Para("一、基本情况", "heading"), Columns(tuple(lines)))


def _dot_leaders(v: _V) -> tuple[Block, ...]:
    return (Para("一、基本情况", "heading"), Leaders(tuple(_pairs(v))))


# A grid of boxes 16.6 cm wide: labels 3.4 cm, values 13.2 cm; 10.5 pt text inside 0.2 cm insets
# (half-width characters of about 0.19 cm: 66 to a value's line, 14 to a label's are counted),
# 0.56 cm a line and 0.35 cm of insets and slack a box.
_LABEL_CM, _VALUE_CM, _LINE_CM, _PAD_CM = 3.4, 13.2, 0.56, 0.35
_VALUE_CHARS, _LABEL_CHARS = 62, 14


def box_height(text: str, chars: int) -> float:
    """How tall (cm) a box `chars` half-width characters wide must be for `text`."""
    lines = sum(max(1, -(-half_widths(plain(line)) // chars)) for line in text.split("\n"))
    return round(lines * _LINE_CM + _PAD_CM, 2)


def _textbox_grid(v: _V) -> tuple[Block, ...]:
    boxes: list[Box] = []
    y = 0.0
    for label, value in _pairs(v):
        h = max(box_height(value, _VALUE_CHARS), box_height(label, _LABEL_CHARS))
        boxes.append(Box(0.0, y, _LABEL_CM, h, (label,), shade=True))
        boxes.append(Box(_LABEL_CM, y, _VALUE_CM, h, tuple(value.split("\n"))))
        y = round(y + h, 2)
    return (Para("一、基本情况", "heading"), Boxes(tuple(boxes), round(y + 0.3, 2)))


_DIGITS = 11  # a mobile's digits: the width of the value columns


def digit_row(typed: str, phone: str | None, width: int = _DIGITS) -> tuple[Cell, ...] | None:
    """The value cells of a phone (or postcode) written one digit to a cell, or None when the
    number as typed is not its digits alone (spaces and hyphens between them are dropped)."""
    shown = plain(typed)
    if not phone or not re.fullmatch(r"[\d -]+", shown) or re.sub(r"[ -]", "", shown) != phone.replace("-", ""):
        return None
    digits = re.sub(r"[ -]", "", shown)
    if len(digits) > width:
        return None
    cells = [Cell(d) for d in digits]
    if len(digits) < width:
        cells.append(Cell("", width - len(digits)))
    return tuple(cells)


def _digit_cells(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, ...]] = []
    for label, value in _pairs(v):
        phone = {"负责人手机": app.leader_phone, "联系电话": app.contact_phone}.get(label)
        digits = digit_row(value, phone if phone and _MOBILE.fullmatch(phone) else None)
        rows.append((Cell(label), *digits) if digits else (Cell(label), Cell(value, _DIGITS)))
        if label == "电子邮箱":
            post = digit_row(app.postcode, app.postcode)
            rows.append((Cell("邮政编码"), *post) if post else (Cell("邮政编码"), Cell(app.postcode, _DIGITS)))
    return (Para("一、基本情况", "heading"), Table((3.4, *(0.8,) * _DIGITS), tuple(rows)))

"""The seventh set of held-out variants: layouts, checkbox encodings, amount and period
formats and value decorations. Their held-out score has been seen (run of 2026-12-05 at
b15ba4e), so both splits now draw them and dev tunes on them; the held-out split has none of
its own until a new set is written.

They follow what happens to a Word 申报书 between the template and the mailbox: group labels
written top to bottom (竖排) in a merged column, as printed forms carry them; a template that
went through a PDF-to-Word converter, every label and value a frame placed on the page and
written labels first; an old government template whose values sit in Word 2003 text form
fields (窗体域); a form printed from an online 申报系统, its required labels starred and a
申报编号 and print time above it; a √ in a floating text box laid over the template's □, boxes
that are tiny pictures, a choice written out under a list left unticked, a √ made by pen on
the printout before it was scanned or photographed; the unit of the amount given once above
the table (金额单位：万元), a thousands separator typed full-width (80，000元); a period given
as its start and length (自2024年5月起，为期8个月), years written with two digits (24年5月);
a watermark on every page, reviewers' comments (批注) left in, mobiles with +86 before them,
a sheet scanned upside down or a photo whose pixels lie on their side.

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

from benchmarks.gencorpus.docmodel import Block, Cell, Frame, Table, Watermark, plain
from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS, half_widths
from benchmarks.gencorpus.media import PenTicks
from shenbao.demo.forms import PageBreak, Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "vertical_group_labels": "3-column table whose first column groups the rows under labels written top to "
                             "bottom (竖排, w:textDirection tbRlV) in vertically merged cells: 项目概况, 申报单位, "
                             "负责人, 联系人; the rows' own labels (姓名, 手机, 电话…) repeat between groups",
    "converted_frames": "the template went through a PDF-to-Word converter: every label and every value is a frame "
                        "placed on the page (w:framePr, page-anchored), the labels' frames written before all the "
                        "values' (the document's order is not the reading order), on a page of their own",
    "legacy_form_fields": "an old government template (窗体): every value typed into a Word 2003 text form field "
                          "(FORMTEXT, w:ffData/w:textInput, the value as the field's result between separate and "
                          "end) in a 2-column table (Word formats only)",
    "starred_system_print": "printed from an online 申报系统: 申报编号 and 打印时间 above the table, required labels "
                            "starred in red (*项目名称：), a 4-column table, a system line below (本表由系统生成)",
}
# LibreOffice's .doc and PDF keep a text form field's result but a PDF no field: only Word files
# show the construct.
WORD_ONLY_LAYOUTS = frozenset({"legacy_form_fields"})

CHECKBOXES: dict[str, str] = {
    "floating_tick": "every option keeps its □; a small borderless text box holding a √ (wps:txbx) floats over "
                     "the chosen option's □",
    "box_pictures": "the boxes are tiny inline pictures (a PNG of □, of ☑ for the chosen option), no box or mark "
                    "in the text",
    "choice_written_below": "every □ left empty, the choice written out after the list: 所选类别：学会服务站建设, "
                            "本单位类型：省级学会",
    "pen_tick": "every □ left empty in the file; the chosen ones ticked by pen on the printout before it was "
                "scanned or photographed (scans and photos only)",
}
# A pen tick is drawn on the printed page: only scans and photos carry one.
SCAN_ONLY_CHECKBOXES = frozenset({"pen_tick"})
# Encodings written for a whole option list (the choice follows the list).
LIST_CHECKBOXES = frozenset({"choice_written_below"})
# Encodings that mark nothing next to an option in a selection column (cb_matrix): the form
# shows a dev encoding there instead.
NO_COLUMN_CHECKBOXES = frozenset({"choice_written_below", "pen_tick"})
_COLUMN_STAND_INS = ("ballot", "tick_replace", "square")

FUNDINGS: dict[str, str] = {
    "unit_note": "8 in the value cell, the unit given once in a right-aligned line above the basic part: "
                 "金额单位：万元 (the label says 申请经费 only)",
    "yuan_fullwidth_comma": "80，000元, 75，000元 (元 with the thousands separator typed as a full-width comma)",
}
DATES: dict[str, str] = {
    "start_plus_duration": "自2024年5月起，为期8个月 (the start and the length in months: the end is counted)",
    "two_digit_year": "24年5月—24年12月 (years written with two digits)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "watermark": "a grey diagonal text watermark on every page (Word's 水印, a VML text path in the header): "
                 "仅供2024年度项目申报使用 or the unit's name",
    "comments_left": "reviewers' comments (批注) left in, anchored on the project name and on the amount: "
                     "请核对名称与公章、正文是否一致, 经费与预算表合计核对无误 (Word formats only)",
    "phone_country_code": "mobiles typed with the country code as phone contacts copy them: +86 13807312345, "
                          "+86-138…",
    "turned_page": "the first page scanned upside down (scan PDF), or the first photo's pixels on their side with "
                   "an EXIF orientation that turns them upright (phone photos)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so each showed often enough to count; a pen tick (scans and
# photos only) and the form fields (Word files only) more again.
WEIGHT = 3.0
WEIGHTS: dict[str, float] = {"pen_tick": 8.0, "legacy_form_fields": 5.0}
DECORATION_ODDS: dict[str, float] = {"watermark": 0.15, "comments_left": 0.3, "phone_country_code": 0.18,
                                     "turned_page": 0.5}
SCAN_FORMATS = frozenset({"scan_pdf", "photo_jpg"})
# Formats whose files keep a Word comment (LibreOffice prints none into a PDF): build.WORD_FORMATS,
# which this module cannot import (build imports it through forms).
_WORD_FORMATS = frozenset({"docx", "doc", "wps", "zip_utf8", "zip_gbk", "7z", "enc_docx_pw"})
_WATERMARKS = ("仅供2024年度项目申报使用", "{org}")
_COMMENTS = {"project": "请核对名称与公章、正文是否一致", "funding": "经费与预算表合计核对无误"}
_MOBILE = re.compile(r"1\d{10}")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "floating_tick":
        return f"[tick]□{label}" if chosen else f"□{label}"
    if style == "box_pictures":
        return f"[boxpic:{1 if chosen else 0}]{label}"
    if style in ("choice_written_below", "pen_tick"):
        return f"□{label}"
    raise ValueError(style)


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """The category list left unticked, the chosen item written on a line after it."""
    if style != "choice_written_below":
        raise ValueError(style)
    lines: list[str] = []
    for category, its in items.items():
        lines += [f"{category}：", "  ".join(option_text(False, i, style) for i in its)]
    return "\n".join((*lines, f"所选类别：{chosen}"))


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    if style != "choice_written_below":
        raise ValueError(style)
    return "  ".join(option_text(False, o, style) for o in options) + f"\n本单位类型：{chosen}"


def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import wan_str

    if style == "unit_note":
        return wan_str(app.funding_wan)
    if style == "yuan_fullwidth_comma":
        return f"{round(app.funding_wan * 10000):,}".replace(",", "，") + "元"
    raise ValueError(style)


def months(app: App) -> int:
    return (app.end.year - app.start.year) * 12 + app.end.month - app.start.month + 1


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "start_plus_duration":
        return f"自{s.year}年{s.month}月起，为期{months(app)}个月"
    if style == "two_digit_year":
        return f"{s.year % 100:02d}年{s.month}月—{e.year % 100:02d}年{e.month}月"
    raise ValueError(style)


def phone_text(phone: str | None, decorations: tuple[str, ...], typed: str) -> str:
    """`typed` (the phone as the other decorations left it), a mobile after +86."""
    if not phone or "phone_country_code" not in decorations or not _MOBILE.fullmatch(phone):
        return typed
    return ("+86-" if sum(map(ord, phone)) % 3 == 0 else "+86 ") + typed


def commented(kind: str, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` under a reviewer's comment (kind: project or funding)."""
    if "comments_left" not in decorations or not typed:
        return typed
    return f"[cm:{_COMMENTS[kind]}]{typed}[/cm]"


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    shows = {
        "watermark": True,
        "comments_left": fmt in _WORD_FORMATS and layout not in PICTURE_LAYOUTS,  # no comment on a picture
        "phone_country_code": any(p and _MOBILE.fullmatch(p) for p in (app.leader_phone, app.contact_phone)),
        "turned_page": fmt in SCAN_FORMATS,
    }
    return tuple(d for d in drawn if shows[d])


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a selection column holds marks apart from the
    options, so an encoding that marks nothing there gives way to one that does (the same one
    for the same application). A converter's frames anchor a floating √ at the page's margin, far
    from its □: a form of frames gives way too."""
    if layout == "converted_frames" and checkbox == "floating_tick":
        return _COLUMN_STAND_INS[sum(map(ord, aid)) % len(_COLUMN_STAND_INS)]
    if layout != "cb_matrix" or checkbox not in NO_COLUMN_CHECKBOXES:
        return checkbox
    return _COLUMN_STAND_INS[sum(map(ord, aid)) % len(_COLUMN_STAND_INS)]


def pen_ticks(app: App, checkbox: str) -> PenTicks | None:
    """The options ticked by pen on the printout of a form with `checkbox`, if any."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES

    if checkbox != "pen_tick":
        return None
    return PenTicks((app.subcategory, app.applicant_type), (*(i for its in CATEGORY_ITEMS.values() for i in its), *TYPES))


def document_blocks(v: _V) -> tuple[Block, ...]:
    """What this set puts before the whole form: the watermark of every page."""
    out: list[Block] = []
    if "watermark" in v.look.value_decos:
        out.append(Watermark(_WATERMARKS[sum(map(ord, v.app.aid)) % 2].format(org=v.app.applicant_org)))
    return tuple(out)


def unit_note(v: _V) -> tuple[Block, ...]:
    """The line above the basic part that gives the amount's unit, for the amount written bare."""
    return (Para("金额单位：万元", "right"),) if v.look.funding == "unit_note" else ()


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "vertical_group_labels":
        return _vertical_group_labels(v)
    if v.look.layout == "converted_frames":
        return _converted_frames(v)
    if v.look.layout == "legacy_form_fields":
        return _legacy_form_fields(v)
    if v.look.layout == "starred_system_print":
        return _starred_system_print(v)
    raise ValueError(v.look.layout)


def _grouped(group: str, rows: list[tuple[str, str]]) -> list[tuple[Cell, ...]]:
    return [(Cell(group if i == 0 else "", vmerge="restart" if i == 0 else "continue", vertical=True),
             Cell(label), Cell(value)) for i, (label, value) in enumerate(rows)]


def _vertical_group_labels(v: _V) -> tuple[Block, ...]:
    unit = [("单位名称", v.org), ("单位类型", v.type)]
    if v.joint:
        unit.append((v.joint_label, v.joint))
    rows = (_grouped("项目概况", [("项目名称", v.project), ("项目类别", v.category), (v.funding_label, v.funding),
                                 ("起止时间", v.period)])
            + _grouped("申报单位", unit)
            + _grouped("负责人", [("姓　　名", v.name), ("职务/职称", v.app.leader_post), ("手　　机", v.leader_phone)])
            + _grouped("联系人", [("姓　　名", v.contact), ("电　　话", v.contact_phone), ("电子邮箱", v.email)]))
    return (Para("一、基本情况", "heading"), Table((0.5, 1.1, 4.4), tuple(rows)))


# Frames of a converted page: labels from 2.4 cm, values from 5.8 cm, 12.4 cm wide (56 or so
# half-width characters of 10.5 pt to a line: 52 are counted); a paragraph's first line takes about 0.85 cm with
# the spacing around it, each further line 0.55 cm.
_LABEL_X, _VALUE_X, _LABEL_W, _VALUE_W = 2.4, 5.8, 3.2, 12.4
_FIRST_ROW_CM, _PARA_CM, _LINE_CM, _ROW_GAP_CM, _CHARS_PER_LINE = 5.0, 0.85, 0.55, 0.15, 52


def frame_height(text: str) -> float:
    """How tall (cm) `text` is in a value's frame, each line of it a paragraph."""
    lines = [max(1, -(-half_widths(plain(line)) // _CHARS_PER_LINE)) for line in text.split("\n")]
    return sum(_PARA_CM + (n - 1) * _LINE_CM for n in lines)


def _converted_frames(v: _V) -> tuple[Block, ...]:
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    pairs += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
              ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding), ("起止时间", v.period)]
    labels: list[Block] = [Frame(_LABEL_X, _FIRST_ROW_CM - 1.1, 8.0, ("一、基本情况",))]
    values: list[Block] = []
    y = _FIRST_ROW_CM
    for label, value in pairs:
        labels.append(Frame(_LABEL_X, y, _LABEL_W, (f"{label}：",)))
        values.append(Frame(_VALUE_X, y, _VALUE_W, tuple(value.split("\n"))))
        y += frame_height(value) + _ROW_GAP_CM
    # The frames hold the page alone: what follows starts on the next page.
    return (*labels, *values, PageBreak())


def _field(text: str) -> str:
    """Each line of `text` as a text form field's result (a field holds one paragraph)."""
    return "\n".join(f"[ft]{line}[/ft]" for line in text.split("\n"))


def _legacy_form_fields(v: _V) -> tuple[Block, ...]:
    rows = [("项目名称", _field(v.project)), ("项目类别", v.category), ("申报单位", _field(v.org)), ("单位类型", v.type)]
    if v.joint:
        rows.append((v.joint_label, _field(v.joint)))
    rows += [("项目负责人", _field(v.name)), ("负责人手机", _field(v.leader_phone)), ("项目联系人", _field(v.contact)),
             ("联系电话", _field(v.contact_phone)), ("电子邮箱", _field(v.email)),
             (v.funding_label, _field(v.funding)), ("起止时间", _field(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.3, 4.2), tuple((Cell(k), Cell(val)) for k, val in rows)))


def _star(label: str) -> str:
    return f"[red]*[/red]{label}："


def _starred_system_print(v: _V) -> tuple[Block, ...]:
    app = v.app
    number = f"HNKX2024-{sum(map(ord, app.aid + app.applicant_org)) % 9000 + 1000:04d}"
    printed = f"2024-04-{10 + sum(map(ord, app.project_name)) % 19:02d} {9 + len(app.aid) % 8:02d}:{len(app.project_name):02d}"
    rows: list[tuple[Cell, ...]] = [(Cell(_star("项目名称")), Cell(v.project, 3)),
                                    (Cell(_star("项目类别")), Cell(v.category, 3)),
                                    (Cell(_star("申报单位")), Cell(v.org, 3)), (Cell(_star("单位类型")), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(f"{v.joint_label}："), Cell(v.joint, 3)))
    rows += [(Cell(_star("项目负责人")), Cell(v.name), Cell(_star("负责人手机")), Cell(v.leader_phone)),
             (Cell(_star("项目联系人")), Cell(v.contact), Cell(_star("联系电话")), Cell(v.contact_phone)),
             (Cell(_star("电子邮箱")), Cell(v.email, 3)),
             (Cell(_star(v.funding_label)), Cell(v.funding), Cell(_star("起止时间")), Cell(v.period))]
    return (Para(f"申报编号：{number}　　　　打印时间：{printed}", "right"), Para("一、项目基本信息", "heading"),
            Table((1.2, 1.9, 1.2, 1.9), tuple(rows)),
            Para("注：带*为必填项。本表由系统生成，打印后加盖单位公章。", "note"))

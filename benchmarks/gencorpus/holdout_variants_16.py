"""The sixteenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at 67f1d0d), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, print and send a Word 申报书 template: a cover whose fill-ins are
the only place the project, the unit, the leader and the leader's mobile are written, the basic
table saying 同封面 in their cells; the guide's 形式审查自查表 filled in (√ in every row) before the
basic table; the answers of an online 信息收集表 exported as a document (numbered questions with
their * marks, each answer on the line below); a 6-column grid whose amount's unit and the
landline's area code sit in cells of their own (8 | 万元, 区号 0731 | 号码 84000000); a table
cut into bands by full-width section rows (项目信息, 申报单位信息, 项目负责人, 项目联系人), the people's
rows under the same labels (姓名, 手机). The options not chosen greyed out (the chosen one
left black, no box); the template's prompt （请在□内打“√”） kept before each option list; the
chosen option's tick written by pen after its words on the printout. The amount as the sum of
the budget's lines (2.4+2+1.6+1.2+0.8=8万元), or with its share of the project's total (8万元（占
项目总经费的61.5%）); the period written in two styles at its two ends (2024.5—2024年12月), or its
length first (8个月（2024年5月—2024年12月）). 同志 after the leader's name; the unit's office in
brackets after it (湖南省光学学会（秘书处）); mobiles grouped with dots (138.0731.2345); a backup
e-mail after the e-mail; the project's name in quotation marks (“…”); an empty paragraph typed
before the project and the unit in their cells. Sent as the Word file and its PDF in one mail;
saved by Word as a single-file web page (MHTML) under a .doc name; zipped on a Mac (names in
UTF-8 without the zip's UTF-8 flag, __MACOSX and .DS_Store beside them); with the form printed to
PDF inside the archive; as Apple Mail sends files (Content-Disposition: inline); a body in HTML
only (no text/plain part); a file whose name lost its extension.

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (同封面 points at the cover's value; 同志, an office in brackets, the
quotation marks, a backup e-mail, the dots in a mobile, an empty line before a value are no part of
it; the sum's result and the amount before its share are the amount; the period's ends are its
months whatever their style; the length before a period is no part of it).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import struct
import zipfile
from dataclasses import replace
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, Table
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import FormPlan, MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V
    from benchmarks.gencorpus.media import PenMarks

LAYOUTS: dict[str, str] = {
    "same_as_cover": "a cover whose underlined fill-ins are the only place the project, the unit, the leader and the "
                     "leader's mobile are written; the basic table (2 columns) says 同封面 or 见封面 in their cells "
                     "and holds the rest",
    "checklist_first": "the guide's 申报材料形式审查自查表 filled in before the basic part (序号 | 审查内容 | 自查结果, "
                       "a √ or 是 in every row: 申报单位符合申报条件, 申请经费未超过资助上限…), then a 4-column basic "
                       "table",
    "questionnaire_print": "the answers of an online 信息收集表 (腾讯文档, 问卷星) exported as a document: the form's "
                           "title, 提交时间 and 填写人, then numbered questions with the required mark (1. 项目名称 *, "
                           "2. 项目类别 *（单选）), each answer on the line below; no table",
    "unit_cells": "a 6-column grid whose amount's unit has a cell of its own (申请经费 | 8 | 万元 | 其中自筹 | 2 | 万元) "
                  "and whose landline is split into its area code and number (联系电话 | 区号 | 0731 | 号码 | "
                  "84000000)",
    "section_rows": "a 4-column table cut into bands by full-width shaded section rows (项目信息, 申报单位信息, "
                    "项目负责人, 项目联系人, 经费及期限): the unit under 单位名称, the leader's and the contact's "
                    "rows under the same labels (姓　　名 | … | 手　　机 / 电　　话)",
}
# Layouts with a cover of their own (its fill-ins hold values the table does not).
COVER_LAYOUTS = frozenset({"same_as_cover"})
# Table layouts whose project and unit stand alone in their cells (an empty line typed before them).
CELL_LAYOUTS = frozenset({"checklist_first", "unit_cells", "section_rows"})

CHECKBOXES: dict[str, str] = {
    "others_grey": "no marks and no boxes: the options not chosen set in grey (灰色字体), the chosen one left black "
                   "(Word files and their PDFs)",
    "prompt_kept": "the template's prompt （请在□内打“√”，限选一项） kept before each option list, its □ and √ "
                   "part of the text; the chosen option's □ replaced by √",
    "pen_tick_after": "every □ left empty in the file; a tick written by pen right after the chosen option's words "
                      "on the printout, not in its box (scans and photos only)",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()
# Encodings the scans and photos of this set do not carry (a grey printed, copied and scanned).
NOT_SCAN_CHECKBOXES = frozenset({"others_grey"})
SCAN_ONLY_CHECKBOXES = frozenset({"pen_tick_after"})
# Encodings that write each option list as a whole (its prompt before the options).
LIST_CHECKBOXES = frozenset({"prompt_kept"})

FUNDINGS: dict[str, str] = {
    "sum_expression": "2.4+2+1.6+1.2+0.8=8万元, 合计：2.4+2+1.6+1.2+0.8=8（万元） (the budget's lines in 万元 added "
                      "up, the amount their sum)",
    "amount_with_share": "8万元（占项目总经费的61.5%）, 8万元（占总经费100%） (the amount and its share of the "
                         "project's total)",
}
DATES: dict[str, str] = {
    "mixed_ends": "2024.5—2024年12月, 2024年5月—2024.12, 2024-05至2024年12月 (each end written in its own style)",
    "duration_first": "8个月（2024年5月—2024年12月）, 共8个月，即2024年5月至12月 (the length first, then the period)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "name_tongzhi": "同志 after the leader's name: 王伟同志",
    "org_office_paren": "the unit's office that fills the form in brackets after the unit: 湖南省光学学会（秘书处）, "
                        "长沙市科协（办公室）",
    "phone_dotted": "mobiles grouped with dots: 138.0731.2345 (leader's and contact's)",
    "email_backup": "a backup e-mail after the e-mail: lina@163.com（备用：123456@qq.com）, lina@163.com；备用邮箱 …",
    "project_in_quotes": "the project's name in quotation marks wherever it is typed: “2024年湖南省光学学术年会”",
    "leading_blank_line": "an empty paragraph typed (Enter) before the project and the unit in their cells, to "
                          "centre them by eye (table layouts)",
    "word_and_pdf": "sent as the Word file and, in the same mail, its PDF (另存为PDF): two files of one application "
                    "(forms sent as .docx, .doc or .wps)",
    "mht_as_doc": "saved by Word as 单个文件网页 (MHTML: the Word HTML in a multipart/related MIME document, "
                  "quoted-printable) and sent under a .doc name (forms sent as Word 97 files, in place of an RTF or "
                  "XML export)",
    "macos_zip": "zipped on a Mac (归档实用工具): the names in UTF-8 without the zip's UTF-8 flag, __MACOSX/._… "
                 "AppleDouble files and a .DS_Store beside the files (.zip archives, in place of the unit's zip tool)",
    "pdf_in_archive": "the archive holds the form printed to PDF, not the Word file (archives)",
    "inline_disposition": "sent as Apple Mail sends files: every attachment Content-Disposition: inline (with its "
                          "filename), x-unix-mode in its Content-Type (Apple Mail)",
    "html_only_body": "the body in HTML only: no text/plain part beside it, the HTML one directly in the mail "
                      "(phone mail apps)",
    "no_extension_name": "the file's name lost its extension (申报书 rather than 申报书.docx), its content the form",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count; the pen's, drawn
# for the few scans and photos only, more.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "others_grey": 5.0, "prompt_kept": 5.0,
                             "pen_tick_after": 10.0}
DECORATION_ODDS: dict[str, float] = {"name_tongzhi": 0.15, "org_office_paren": 0.2, "phone_dotted": 0.15,
                                     "email_backup": 0.2, "project_in_quotes": 0.15, "leading_blank_line": 0.25,
                                     "word_and_pdf": 0.4, "mht_as_doc": 0.9, "macos_zip": 0.5,
                                     "pdf_in_archive": 0.35, "no_extension_name": 0.12}
# The mails' own odds (`settle`): among the mails each way fits.
INLINE_ODDS, HTML_ONLY_ODDS = 0.6, 0.2

VALUE_DECORATIONS = frozenset({"name_tongzhi", "org_office_paren", "phone_dotted", "email_backup",
                               "project_in_quotes", "leading_blank_line"})
PER_FILE = frozenset({"word_and_pdf", "mht_as_doc", "macos_zip", "pdf_in_archive", "no_extension_name"})
PER_MAIL = frozenset({"inline_disposition", "html_only_body"})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
# The formats each way of sending a file is for, and the earlier ways it is not sent with.
_WAY_FORMATS = {"word_and_pdf": frozenset({"docx", "doc", "wps"}), "mht_as_doc": frozenset({"doc"}),
                "macos_zip": frozenset({"zip_utf8", "zip_gbk"}), "pdf_in_archive": frozenset({"zip_utf8", "zip_gbk", "7z"}),
                "no_extension_name": frozenset({"docx", "pdf", "doc"})}
_NEVER_WITH = frozenset({"one_file_two_forms", "cloud_link_only", "body_fields_sigpage", "body_html_form"})
_CONFLICTS = {"word_and_pdf": _NEVER_WITH | {"word_and_scan", "misnamed_ext", "html_doc", "scan_in_docx", "rtf_as_doc",
                                             "wordml_doc"},
              "mht_as_doc": _NEVER_WITH | {"html_doc", "misnamed_ext", "word_and_scan", "scan_in_docx"},
              "macos_zip": _NEVER_WITH | {"nested_archive", "archive_password"},
              "pdf_in_archive": _NEVER_WITH,
              "no_extension_name": _NEVER_WITH | {"app_default_names", "misnamed_ext", "attached_twice", "word_and_scan",
                                                  "unit_only_name", "scan_in_docx", "html_doc"}}
_ARCHIVES = frozenset({"zip_utf8", "zip_gbk", "7z"})
# Ways of sending whose mail holds no plain attachments or body of its own.
_NOT_PER_MAIL = frozenset({"forwarded_eml", "body_html_form", "body_pictures", "tnef_winmail", "body_fields_sigpage",
                           "inline_forward", "forward_chain", "raw_8bit_headers", "cloud_link_only"})
# Layouts whose values are no typed text of an ordinary paragraph or cell (pictures, sheets, a
# system's print, grids of characters, frames, fields, controls, boxes): the fifteenth set's list.
_NO_MARK_LAYOUTS = frozenset({"table_screenshot", "excel_object", "sheet_paste", "system_pdf", "text_grid",
                              "textbox_grid", "grouped_boxes", "table_in_textbox", "converted_frames",
                              "scan_background", "legacy_form_fields", "content_controls", "digit_cells",
                              "textbox_frame", "excel_print", "cb_matrix", "sheet_row_xlsx"})
_STAND_INS = ("ballot", "square", "tick_replace")
_PLAIN_LAYOUTS = _NO_MARK_LAYOUTS - {"cb_matrix", "sheet_row_xlsx"}
# Earlier table layouts whose project and unit stand alone in their cells (no cover fill-in of them).
_EARLIER_CELL_LAYOUTS = frozenset({"header_row", "alt_cols", "spaced_2col", "merged_grid", "people_table",
                                   "two_tables", "continued_table", "nested_people", "outer_frame", "remarks_column",
                                   "row_tables", "side_by_side_people", "wps_header_footer", "wrapped_table",
                                   "bilingual_labels", "personal_details", "old_template", "ragged_rows",
                                   "one_big_table", "diagonal_people", "paired_grid", "sdt_wrapped"})
# Layouts whose amount is typed as its cells need it (8 | 万元).
_WAN_LAYOUTS = frozenset({"unit_cells"})

_OFFICES = {"学会": ("秘书处", "学会办公室"), "科协": ("办公室", "组织宣传部"), "": ("办公室", "综合部")}
_BACKUP_FORMS = ("{main}（备用：{backup}）", "{main}；备用邮箱：{backup}", "{main}/{backup}（备用）")
_CHECKS = ("申报单位符合指南规定的申报条件", "申报书各栏目填写完整，无漏项", "申请经费未超过本类项目资助上限",
           "项目执行期符合指南要求", "申报单位意见已签字并加盖公章", "纸质材料一式3份已寄送")
_PROMPT = "（请在□内打“√”，限选一项）"
_PROMPT_TYPE = "（请在□内打“√”）"


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "others_grey":
        return label if chosen else f"[grey]{label}[/grey]"
    if style == "prompt_kept":
        return f"{'√' if chosen else '□'}{label}"
    if style in SCAN_ONLY_CHECKBOXES:
        return f"□{label}"
    raise ValueError(style)


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """The option lists of the category with the template's prompt before each (prompt_kept)."""
    lines: list[str] = []
    for category, its in items.items():
        lines.append(f"{category}：{_PROMPT}")
        lines.append("  ".join(option_text(i == chosen, i, style) for i in its))
    return "\n".join(lines)


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    return _PROMPT_TYPE + "  ".join(option_text(o == chosen, o, style) for o in options)


def checkbox_for(checkbox: str, layout: str, aid: str, fmt: str) -> str:
    """The encoding a form of `layout` sent as `fmt` shows: this set's marks need options that are
    text of a paragraph or a cell; a grey on a scan is no mark."""
    if checkbox in CHECKBOXES and layout in _NO_MARK_LAYOUTS:
        return "text_only" if layout == "sheet_row_xlsx" else _pick(aid + "-16box", _STAND_INS)
    if checkbox in NOT_SCAN_CHECKBOXES and fmt in _SCANS:
        return _pick(aid + "-16grey", _STAND_INS)
    return checkbox


def pen_marks(app: App, checkbox: str) -> PenMarks | None:
    """The ticks a pen wrote after the chosen options' words on the printout (pen_tick_after)."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES
    from benchmarks.gencorpus.media import PenMarks, PenTicks

    if checkbox not in SCAN_ONLY_CHECKBOXES:  # (or the seventeenth set's pen)
        from benchmarks.gencorpus.holdout_variants_17 import pen_marks as later_pen

        return later_pen(app, checkbox)
    options = (*(i for its in CATEGORY_ITEMS.values() for i in its), *TYPES)
    return PenMarks("tick_after", PenTicks((app.subcategory, app.applicant_type), options))


# ---------------------------------------------------------------------------- amounts and periods

def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import budget_lines, wan_str

    wan = wan_str(app.funding_wan)
    if style == "sum_expression":
        parts = "+".join(wan_str(y / 10000) for _, y in budget_lines(app))
        return _pick(app.aid + "-sum", (f"{parts}={wan}万元", f"合计：{parts}={wan}（万元）"))
    if style == "amount_with_share":
        total = app.funding_wan + app.self_raised_wan
        share = f"{100 * app.funding_wan / total:.1f}".removesuffix(".0")
        return _pick(app.aid + "-share", (f"{wan}万元（占项目总经费的{share}%）", f"{wan}万元（占总经费{share}%）"))
    raise ValueError(style)


def months(app: App) -> int:
    return (app.end.year - app.start.year) * 12 + app.end.month - app.start.month + 1


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "mixed_ends":
        return _pick(app.aid + "-mixed", (f"{s.year}.{s.month}—{e.year}年{e.month}月", f"{s.year}年{s.month}月—{e.year}.{e.month}",
                                          f"{s.year}-{s.month:02d}至{e.year}年{e.month}月"))
    if style == "duration_first":
        forms: tuple[str, ...] = (f"{months(app)}个月（{s.year}年{s.month}月—{e.year}年{e.month}月）",)
        if s.year == e.year:
            forms += (f"共{months(app)}个月，即{s.year}年{s.month}月至{e.month}月",)
        return _pick(app.aid + "-length", forms)
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def office(org: str) -> str:
    kind = "学会" if org.endswith("学会") else "科协" if org.endswith(("科协", "科学技术协会")) else ""
    return _pick(org + "-office", _OFFICES[kind])


def backup_email(app: App) -> str:
    k = int(hashlib.sha1((app.aid + "-backup").encode()).hexdigest()[:10], 16)
    return f"{100_000_000 + k % 2_900_000_000}@qq.com"


def dotted(phone: str) -> str:
    return f"{phone[:3]}.{phone[3:7]}.{phone[7:]}"


def spot(typed: str, value: str | None) -> int | None:
    """Where `value` is typed in `typed` as text (not inside a mark's brackets: [seal:…], [mail:…]),
    or None: this set's decorations go on the value there, whatever the earlier sets put around it."""
    if not value:
        return None
    for m in re.finditer(re.escape(value), typed):
        before = typed[:m.start()]
        if before.rfind("[") <= before.rfind("]"):
            return m.start()
    return None


def _around(typed: str, value: str, new: str) -> str:
    k = spot(typed, value)
    assert k is not None
    return typed[:k] + new + typed[k + len(value):]


def _mobile(phone: str | None) -> bool:
    return bool(phone) and re.fullmatch(r"1\d{10}", str(phone)) is not None


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each on the clean value where it is
    typed as text, what the earlier sets put around it kept)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "project_in_quotes" in decos and spot(v.project, app.project_name) is not None:
        v.project = _around(v.project, app.project_name, f"“{app.project_name}”")
    if "org_office_paren" in decos and spot(v.org, app.applicant_org) is not None:
        v.org = _around(v.org, app.applicant_org, f"{app.applicant_org}（{office(app.applicant_org)}）")
    if "name_tongzhi" in decos and spot(v.name, app.leader_name) is not None:
        v.name = _around(v.name, app.leader_name, f"{app.leader_name}同志")
    if "phone_dotted" in decos:
        for attr, phone in (("leader_phone", app.leader_phone), ("contact_phone", app.contact_phone)):
            if _mobile(phone) and spot(getattr(v, attr), phone) is not None:
                setattr(v, attr, _around(getattr(v, attr), str(phone), dotted(str(phone))))
    if "email_backup" in decos and _backed(v.email, app.contact_email):
        assert app.contact_email
        v.email = _around(v.email, app.contact_email, _pick(app.aid + "-backup", _BACKUP_FORMS).format(
            main=app.contact_email, backup=backup_email(app)))
    if "leading_blank_line" in decos:
        for attr in ("project", "org"):
            text = getattr(v, attr)
            if text and "\n" not in text:
                setattr(v, attr, "\n" + text)


def _backed(typed: str, email: str | None) -> bool:
    """Whether a backup e-mail can follow the e-mail (typed as text, no mark around it)."""
    return bool(email) and "[" not in typed and spot(typed, email) is not None


def _shows(d: str, app: App, v: _V, layout: str, fmt: str, kept: set[str]) -> bool:
    """Whether this set's decoration `d` shows on `app` typed as `v` in a form of `layout` sent as
    `fmt`, given the decorations `kept` drawn before it."""
    typed_ok = layout not in _PLAIN_LAYOUTS
    if d == "project_in_quotes":
        return typed_ok and spot(v.project, app.project_name) is not None and "project_quoted" not in kept
    if d == "org_office_paren":
        return typed_ok and spot(v.org, app.applicant_org) is not None
    if d == "name_tongzhi":
        return typed_ok and spot(v.name, app.leader_name) is not None and "name_gender" not in kept
    if d == "phone_dotted":
        return typed_ok and any(_mobile(p) and spot(t, p) is not None for p, t in (
            (app.leader_phone, v.leader_phone), (app.contact_phone, v.contact_phone)))
    if d == "email_backup":
        return typed_ok and _backed(v.email, app.contact_email)
    if d == "leading_blank_line":
        return layout in CELL_LAYOUTS | _EARLIER_CELL_LAYOUTS and any(t and "\n" not in t for t in (v.project, v.org))
    if d in PER_FILE:
        return fmt in _WAY_FORMATS[d] and not _CONFLICTS[d] & kept and layout != "sheet_row_xlsx"
    raise ValueError(d)


def drawn(rng: random.Random, app: App | None, look: Look, fmt: str) -> Look:
    """`look` with this set's draws after every earlier set's: the amount a layout needs, the
    decorations that show on `app` in `fmt` (a file sent one way of this set's at most), a pen's
    tick kept off a screenshot."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus.forms import _V, form_blocks

    box = checkbox_for(look.checkbox, look.layout, app.aid if app else "", fmt)
    fund = "wan" if look.layout in _WAN_LAYOUTS else look.funding
    look = replace(look, checkbox=box, funding=fund)
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None or look.layout == "system_pdf":
        return look
    kept = list(look.value_decos)
    if box in SCAN_ONLY_CHECKBOXES and "long_screenshot" in kept:  # (no pen on a screen)
        kept.remove("long_screenshot")
    mine: list[str] = []
    for d in draws:
        v = _V(app, replace(look, value_decos=tuple(kept + mine), decorations=(*_names(look), *kept, *mine)))
        if not _shows(d, app, v, look.layout, fmt, set(kept)):
            continue
        if d in PER_FILE and PER_FILE & set(mine):  # (one way of sending a file)
            continue
        if d == "mht_as_doc":  # (what a web page can show; the one export of the .doc: no RTF or XML of it)
            if not hv12.html_ok(form_blocks(app, look)):
                continue
            kept = [k for k in kept if k not in ("rtf_as_doc", "wordml_doc")]
        mine.append(d)
    decos = tuple(kept) + tuple(d for d in DECORATION_ODDS if d in mine)
    return replace(look, value_decos=decos, decorations=(*_names(look), *decos))


def _names(look: Look) -> tuple[str, ...]:
    return tuple(d for d in look.decorations if d.startswith(("name_", "org_")) and d not in look.value_decos)


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "same_as_cover":
        return _same_as_cover(v)
    if layout == "checklist_first":
        return _checklist_first(v)
    if layout == "questionnaire_print":
        return _questionnaire(v)
    if layout == "unit_cells":
        return _unit_cells(v)
    if layout == "section_rows":
        return _section_rows(v)
    raise ValueError(layout)


def cover_lines(v: _V) -> list[Block]:
    """The cover's fill-ins (same_as_cover): the only place the project, the unit, the leader and
    the leader's mobile are written."""
    c = v.colon
    return [Para(f"项目名称{c}[u]{v.project}[/u]"), Para(f"申报单位（盖章）{c}[u]{v.org}[/u]"),
            Para(f"项目负责人{c}[u]{v.name}[/u]"), Para(f"负责人手机{c}[u]{v.leader_phone}[/u]"),
            Para(f"填报日期{c}[u]2024年4月[/u]")]


def _same_as_cover(v: _V) -> tuple[Block, ...]:
    same = _pick(v.app.aid + "-same", ("同封面", "见封面"))
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(same)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(same)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    rows += [(Cell("项目负责人"), Cell(same)), (Cell("负责人手机"), Cell(same)), (Cell("项目联系人"), Cell(v.contact)),
             (Cell("联系电话"), Cell(v.contact_phone)), (Cell("电子邮箱"), Cell(v.email)),
             (Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.3, 4.0), tuple(rows)))


def _grid(v: _V) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project, 3)), (Cell("项目类别"), Cell(v.category, 3)),
                                    (Cell("申报单位"), Cell(v.org, 3)), (Cell("单位类型"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 3)))
    rows += [(Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone)),
             (Cell("项目联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email, 3)), (Cell(v.funding_label), Cell(v.funding, 3)),
             (Cell("起止时间"), Cell(v.period, 3))]
    return rows


def _checklist_first(v: _V) -> tuple[Block, ...]:
    mark = _pick(v.app.aid + "-check", ("√", "是", "☑"))
    checks: list[tuple[Cell, ...]] = [(Cell("序号", shade=True), Cell("审查内容", shade=True),
                                       Cell("自查结果", shade=True))]
    checks += [(Cell(str(k)), Cell(text), Cell(mark)) for k, text in enumerate(_CHECKS, 1)]
    return (Para("申报材料形式审查自查表", "heading"), Table((0.6, 4.0, 1.0), tuple(checks)),
            Para("一、基本情况", "heading"), Table((1.2, 2.1, 1.1, 2.1), tuple(_grid(v))))


def questions(v: _V) -> list[tuple[str, str]]:
    """The collection form's questions and their answers, in its order."""
    out = [("项目名称 *", v.project), ("项目类别 *（单选）", v.category), ("申报单位（全称）*", v.org),
           ("单位类型 *（单选）", v.type)]
    if v.joint:
        out.append((f"{v.joint_label}", v.joint))
    out += [("项目负责人姓名 *", v.name), ("项目负责人手机 *", v.leader_phone), ("项目联系人姓名 *", v.contact),
            ("联系人电话 *", v.contact_phone), ("电子邮箱 *", v.email), (f"{v.funding_label} *", v.funding),
            ("项目起止时间 *", v.period)]
    return out


def _questionnaire(v: _V) -> tuple[Block, ...]:
    app = v.app
    k = int(hashlib.sha1(app.aid.encode()).hexdigest()[:6], 16)
    out: list[Block] = [Para("2024年度省科协科技创新服务能力提升计划项目申报信息收集表", "heading"),
                        Para(f"提交时间：2024-04-{10 + k % 19:02d} {8 + k % 12:02d}:{k % 60:02d}:{k % 53:02d}　　"
                             f"填写人：{app.contact_name}"),
                        Para("一、基本情况", "heading")]
    for n, (question, answer) in enumerate(questions(v), 1):
        out += [Para(f"{n}. {question}"), Para(f"　　{answer}".replace("\n", "\n　　"))]
    return tuple(out)


def _landline(phone: str | None, typed: str) -> tuple[str, str] | None:
    m = re.fullmatch(r"(0\d{2,3})-(\d{7,8})", typed)
    return (m.group(1), m.group(2)) if m and phone == typed else None


def _unit_cells(v: _V) -> tuple[Block, ...]:
    from benchmarks.gencorpus.forms import wan_str

    app = v.app
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project, 5)), (Cell("项目类别"), Cell(v.category, 5)),
                                    (Cell("申报单位"), Cell(v.org, 5)), (Cell("单位类型"), Cell(v.type, 5))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 5)))
    rows.append((Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone, 3)))
    split = _landline(app.contact_phone, v.contact_phone)
    if split:
        rows.append((Cell("联系电话"), Cell("区号"), Cell(split[0]), Cell("号码"), Cell(split[1], 2)))
    else:
        rows.append((Cell("联系电话"), Cell(v.contact_phone, 5)))
    rows.append((Cell("项目联系人"), Cell(v.contact), Cell("电子邮箱"), Cell(v.email, 3)))
    amount = re.fullmatch(r"(\d+(?:\.\d+)?)万元", v.funding)
    if amount:
        rows.append((Cell("申请经费"), Cell(amount.group(1)), Cell("万元"), Cell("其中自筹"),
                     Cell(wan_str(app.self_raised_wan)), Cell("万元")))
    else:
        rows.append((Cell(v.funding_label), Cell(v.funding, 5)))
    rows.append((Cell("起止时间"), Cell(v.period, 5)))
    return (Para("一、基本情况", "heading"), Table((1.2, 1.3, 0.8, 1.0, 1.3, 0.8), tuple(rows)))


def _section_rows(v: _V) -> tuple[Block, ...]:
    def band(title: str) -> tuple[Cell, ...]:
        return (Cell(title, 4, shade=True),)

    rows: list[tuple[Cell, ...]] = [band("项目信息"), (Cell("项目名称"), Cell(v.project, 3)),
                                    (Cell("项目类别"), Cell(v.category, 3)), band("申报单位信息"),
                                    (Cell("单位名称"), Cell(v.org, 3)), (Cell("单位类型"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 3)))
    rows += [band("项目负责人"), (Cell("姓　　名"), Cell(v.name), Cell("手　　机"), Cell(v.leader_phone)),
             band("项目联系人"), (Cell("姓　　名"), Cell(v.contact), Cell("电　　话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email, 3)), band("经费及期限"),
             (Cell(v.funding_label), Cell(v.funding, 3)), (Cell("起止时间"), Cell(v.period, 3))]
    return (Table((1.2, 2.1, 1.1, 2.1), tuple(rows)),)


# ---------------------------------------------------------------------------- how the mail is sent

def _without(look: Look, decoration: str) -> Look:
    return replace(look, decorations=tuple(d for d in look.decorations if d != decoration),
                   value_decos=tuple(d for d in look.value_decos if d != decoration))


def _with(look: Look, decoration: str) -> Look:
    if decoration in look.decorations:
        return look
    return replace(look, decorations=(*look.decorations, decoration), value_decos=(*look.value_decos, decoration))


def settle(mails: list[MailPlan]) -> None:
    """The mails' ways of sending (no draw of a plan's generator: each mail draws by its message
    id): a file sent an earlier set's way after all (two forms in one file, a form behind a link,
    Outlook's winmail.dat…) or not sent keeps no way of a file of this set's; a name without its
    extension only for a mail's one file; Apple Mail's inline files; a body in HTML only."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            decos = set(f.look.decorations)
            drop = set(PER_FILE) if f not in sent else {w for w in PER_FILE if _CONFLICTS[w] & decos}
            if len(m.forms) > 1:
                drop.add("no_extension_name")
            for way in drop & decos:
                f.look = _without(f.look, way)
        if not sent or m.forwarded is not None or m.pasted is not None or m.inline \
                or {d for f in m.forms for d in f.look.decorations} & _NOT_PER_MAIL:
            continue
        if m.client == "apple" and _odds(m.message_id + "-inline", INLINE_ODDS):
            for f in sent:
                f.look = _with(f.look, "inline_disposition")
        elif m.client in ("qq", "coremail", "foxmail") and _odds(m.message_id + "-htmlonly", HTML_ONLY_ODDS):
            for f in sent:
                f.look = _with(f.look, "html_only_body")


def printed_too(decorations: tuple[str, ...]) -> bool:
    """Whether the form's PDF is sent too (beside its Word file, or in its archive)."""
    return bool({"word_and_pdf", "pdf_in_archive"} & set(decorations))


def pdf_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + ".pdf"


def archived_form(name: str, docx: bytes, pdf: bytes | None, decorations: tuple[str, ...]) -> tuple[str, bytes]:
    """The form's member of an archive: the Word file, or its PDF (pdf_in_archive)."""
    if "pdf_in_archive" in decorations:
        assert pdf is not None
        return pdf_name(name), pdf
    return name, docx


def as_mht(decorations: tuple[str, ...]) -> bool:
    return "mht_as_doc" in decorations


def mht(html: bytes) -> bytes:
    """Word's 单个文件网页 of the form: the Word HTML as the one part of a multipart/related MIME
    document (quoted-printable, its charset as its meta names it), Word's note to browsers first."""
    import quopri

    m = re.search(rb"charset=([A-Za-z0-9_-]+)", html)
    charset = m.group(1).decode("ascii") if m else "utf-8"
    codec = "gbk" if charset.lower() in ("gb2312", "gbk", "gb18030") else "utf-8"
    k = hashlib.sha1(html).hexdigest().upper()
    boundary = f"----=_NextPart_01DA{k[:4]}.{k[4:12]}"
    body = quopri.encodestring(html.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")).replace(b"\r\n", b"\n")
    note = ("此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的浏览器或编辑器不支持“Web 档案”"
            "文件。请下载支持“Web 档案”的浏览器。")
    out = (b"MIME-Version: 1.0\nX-Document-Type: Worddocument\nContent-Type: multipart/related; boundary=\""
           + boundary.encode() + b"\"\n\n" + note.encode(codec) + b"\n\n--" + boundary.encode()
           + b"\nContent-Location: file:///C:/" + k[:8].encode() + b"/file.htm\n"
           + b"Content-Transfer-Encoding: quoted-printable\nContent-Type: text/html; charset=\"" + charset.encode()
           + b"\"\n\n" + body + b"\n\n--" + boundary.encode() + b"--\n")
    return out.replace(b"\n", b"\r\n")


# A Mac's zip: the AppleDouble header of a file with no resource fork (its Finder info only).
_APPLE_DOUBLE = (struct.pack(">IIH", 0x00051607, 0x00020000, 0) + b"Mac OS X        " + struct.pack(">H", 2)
                 + struct.pack(">III", 9, 50, 32) + struct.pack(">III", 2, 82, 0) + b"\0" * 32)
_DS_STORE = b"\0\0\0\1Bud1" + b"\0" * 2040


def mac_zip(members: list[tuple[str, bytes]]) -> bytes:
    """`members` as the Mac's Archive Utility zips a folder: each file's AppleDouble ._ file under
    __MACOSX/, a .DS_Store, the names in UTF-8 without the UTF-8 flag (general purpose bit 11)."""
    folders = sorted({name.rsplit("/", 1)[0] + "/" for name, _ in members if "/" in name})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for folder in folders:
            zf.writestr(zipfile.ZipInfo(folder, (2024, 4, 20, 10, 15, 0)), b"")
        root = folders[0] if folders else ""
        zf.writestr(zipfile.ZipInfo(root + ".DS_Store", (2024, 4, 20, 10, 15, 0)), _DS_STORE)
        for name, data in members:
            zf.writestr(zipfile.ZipInfo(name, (2024, 4, 20, 10, 14, 0)), data, zipfile.ZIP_DEFLATED)
        for name, _ in members:
            head, _, tail = name.rpartition("/")
            zf.writestr(zipfile.ZipInfo(f"__MACOSX/{head + '/' if head else ''}._{tail}", (2024, 4, 20, 10, 14, 0)),
                        _APPLE_DOUBLE)
    return _clear_utf8_flags(out.getvalue())


def _clear_utf8_flags(data: bytes) -> bytes:
    """The zip with general purpose bit 11 (UTF-8 names) cleared in every local and central header."""
    raw = bytearray(data)
    end = raw.rfind(b"PK\x05\x06")
    count, _, start = struct.unpack("<HII", raw[end + 10:end + 20])
    pos = start
    for _ in range(count):
        assert raw[pos:pos + 4] == b"PK\x01\x02"
        flags = struct.unpack("<H", raw[pos + 8:pos + 10])[0] & ~0x0800
        raw[pos + 8:pos + 10] = struct.pack("<H", flags)
        local = struct.unpack("<I", raw[pos + 42:pos + 46])[0]
        raw[local + 6:local + 8] = struct.pack("<H", struct.unpack("<H", raw[local + 6:local + 8])[0] & ~0x0800)
        n, e, c = struct.unpack("<HHH", raw[pos + 28:pos + 34])
        pos += 46 + n + e + c
    return bytes(raw)


def no_extension(m: MailPlan, f: FormPlan, first: int) -> None:
    """`f`'s files, added to `m` from `first` on, under their names without the extension."""
    for k in range(first, len(m.attachments)):
        name, data, mime = m.attachments[k]
        if "." in name:
            m.attachments[k] = (name.rsplit(".", 1)[0], data, mime)
    for entry in m.files[first:]:
        if not entry.get("in_zip") and "." in str(entry["name"]):
            entry["name"] = str(entry["name"]).rsplit(".", 1)[0]


# The parts of a message whose files this set's mail ways rewrite.
_ALTERNATIVE = re.compile(rb"Content-Type: multipart/alternative;\r\n\tboundary=\"([^\"]+)\"\r\n\r\n"
                          rb"--\1\r\n.*?\r\n--\1\r\n(Content-Type: text/html;.*?)\r\n--\1--\r\n", re.S)
_ATTACHED = re.compile(rb"(Content-Type: [^\r\n;]+)((?:;\r\n\tname[^\r\n]*(?:\r\n\t[^\r\n]*)*)?)\r\n"
                       rb"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment")


def mail_ways(eml: bytes, decorations: set[str]) -> bytes:
    """The message's bytes as its client sent them: a body in HTML only; files inline."""
    if "html_only_body" in decorations:
        eml = _ALTERNATIVE.sub(lambda m: m.group(2) + b"\r\n", eml, count=1)
    if "inline_disposition" in decorations:
        eml = _ATTACHED.sub(lambda m: m.group(1) + b";\r\n\tx-unix-mode=0644" + m.group(2)
                            + b"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: inline", eml)
    return eml


def mail_decorations(m: MailPlan) -> set[str]:
    return {d for f in m.forms for d in f.look.decorations} & PER_MAIL

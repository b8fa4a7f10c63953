"""The seventeenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at ba3cf44), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, convert and send a Word 申报书 template: the basic part typed as
Word's multi-level list (多级列表), its numbers (（一）, 1.) in numbering.xml and the leader's and
the contact's 姓名/手机 items under their own; a short table whose people and money rows join
their labels with slashes (项目负责人／职务／手机 | 王伟／理事长／138…); the template's grey 注 rows
kept under the fields they explain (the guide's amounts and deadline among them); the basic part
as one or two running paragraphs of labelled values; the template's text copied out of its PDF and
pasted as plain text (each row a line, a long value continued alone on the next). The options as
a small grid pasted into their cell, each box a cell of its own (√ in the chosen one's); ✓
(U+2713) for the chosen box; the options that do not apply struck through by pen on the
printout. The amount with the guide's per-item unit after it (8万元/项), or in 元 with the unit
given once above the table (金额单位：元); the period month first (05/2024—12/2024), or with 到
for 至. The template's note left after the value (（不超过30字）, （须与公章一致）); the leader's
workplace after the name; the project's short name after it; a picture of the leader's
handwritten signature after the typed name; the leader's post on the next line; the contact's
office before the name. Sent as OFD (版式文件) in place of the PDF; packed as a RAR5 archive;
saved as a Word template (.dotx) or a macro-enabled document (.docm); exported page by page as
PNG pictures (WPS 输出为图片) in place of photos; packed with Word's ~$ owner file beside the form;
sent from a phone's share menu (the subject the file's name, the body the app's signature); with
an Outlook or Foxmail signature holding the unit's logo (multipart/related).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (a note, a workplace, a short name, a post, an office, a signature
are no part of the values they stand by; 8万元/项 is 8万元; a bare figure under 金额单位：元 is in
元; 05/2024 is May 2024; an option left unstruck among struck ones is the chosen one; the files
sent are the form whatever their container).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import io
import random
import re
import struct
import zipfile
import zlib
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from benchmarks.gencorpus.docmodel import Block, Cell, SheetPaste, Table, TableBox, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import FormPlan, MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V
    from benchmarks.gencorpus.media import PenMarks

LAYOUTS: dict[str, str] = {
    "outline_list": "no table: the basic part as Word's multi-level list (多级列表): each field an item numbered （一）"
                    "（二）… by the list, the leader's and the contact's 姓名, 职务 or 联系电话, 手机 or 电子邮箱 items "
                    "1. 2. 3. under 项目负责人 and 项目联系人; the numbers in numbering.xml, none in the text",
    "slashed_pairs": "2-column table whose people and money rows join their labels and their values with slashes "
                     "(项目负责人／职务／手机 | 王伟／理事长／13807312345, 项目联系人／联系电话／电子邮箱 | …, "
                     "申请经费／起止时间 | 8万元／2024年5月—2024年12月), as units shorten a long template",
    "note_rows": "4-column table with the template's 注 kept as grey rows spanning the table under the fields they "
                 "explain (注：填写单位全称，须与公章一致; the guide's amounts per item under the amount, its "
                 "deadline under the period)",
    "runon_paragraph": "no table: the basic part as one or two running paragraphs of labelled values (项目名称：…；"
                       "申报单位：…；项目负责人：王伟，手机：…；…), the option lists inline",
    "pdf_text_pasted": "no table: the template's text copied out of its PDF and pasted as plain text: each row a "
                       "line (the label, a space, the value; a row's two pairs one after the other), a value "
                       "longer than its cell continued alone on the next line where the PDF wrapped it",
}
# Layouts with no table cell of their own for the option lists.
_PARAGRAPH_LAYOUTS = frozenset({"outline_list", "runon_paragraph", "pdf_text_pasted"})
# Layouts with a cell or an item of the leader's post beside the name.
_POST_LAYOUTS = frozenset({"outline_list", "slashed_pairs"})

CHECKBOXES: dict[str, str] = {
    "cell_boxes": "the options in a small grid pasted into their cell: each option's box a cell of its own before "
                  "it (two options a row, three for the unit's type), √ typed in the chosen one's box cell, the "
                  "others' empty (table layouts)",
    "thin_check": "the chosen option's □ replaced by ✓ (U+2713, from a Mac's or an input method's symbols), □ "
                  "before the others",
    "pen_strike_others": "every □ left empty in the file; on the printout each option that does not apply struck "
                         "through by pen, the chosen ones left as printed (scans and photos only)",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()
SCAN_ONLY_CHECKBOXES = frozenset({"pen_strike_others"})
# Encodings that write each option list as a whole (a grid in place of the list).
LIST_CHECKBOXES = frozenset({"cell_boxes"})

FUNDINGS: dict[str, str] = {
    "per_item_suffix": "8万元/项, 8万元/个, 8万元／项 (the amount with the guide's per-item unit after it, as the "
                       "guide writes 5—10万元/个)",
    "unit_note_yuan": "80000, 80000.00 or 80,000 in the value cell, the unit given once in a right-aligned line "
                      "above the basic part (金额单位：元, 单位：元); the label says 申请经费 only, the budget is in 元",
}
# Amounts whose unit is in the line above the table only (the budget in 元 too).
YUAN_NOTE_FUNDINGS = frozenset({"unit_note_yuan"})
DATES: dict[str, str] = {
    "month_slash_year": "05/2024—12/2024, 5/2024-12/2024, 05/2024 - 12/2024 (the month before the year, slashed, "
                        "as a sheet's mm/yyyy cells print it)",
    "dao_connector": "2024年5月到2024年12月, 2024年5月到12月, 从2024年5月到12月 (到 typed for 至)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "hint_after": "the template's note left after the value typed before it: 2024年湖南省光学学术年会（不超过30字）, "
                  "湖南省光学学会（全称，须与公章一致）",
    "name_workplace": "the leader's workplace after the name: 王伟（中南大学）, 王伟　湖南农业大学, 王伟，湖南省人民医院",
    "project_abbrev": "the project's short name after it: 2024年湖南省光学学术年会（简称“光学学术年会”）, "
                      "…（以下简称：…）",
    "signature_picture": "a picture of the leader's handwritten signature (a scan cut out, 电子签名) pasted right "
                         "after the typed name",
    "name_post_below": "the leader's post on the next line under the name (Shift+Enter): 王伟↵理事长 (layouts "
                       "without a post of their own)",
    "contact_dept_before": "the contact's office before the name: 办公室　李娜, 学会秘书处 李娜, 综合部李娜",
    "ofd_export": "sent as OFD (版式文件, GB/T 33190) in place of the PDF, as WPS's 输出为OFD or a 国产化 office suite "
                  "writes it: a zip of XML pages whose text objects carry the characters and their places, the "
                  "table's rules as paths (forms sent as PDF)",
    "rar_archive": "packed with WinRAR as a RAR5 archive (.rar, the files stored) in place of the zip or the 7z",
    "template_saved": "saved as a Word template (.dotx) or a macro-enabled document (.docm) by a slip in 另存为: "
                      "the package of the .docx with that content type and extension (forms sent as .docx)",
    "pages_png": "exported page by page as pictures (WPS 输出为图片, PNG, 150 dpi) and sent as those: clean pages, "
                 "no desk, no pen, no seal (in place of phone photos)",
    "lock_file_packed": "the archive also holds Word's owner file of the form (~$报书.docx, 162 bytes: the folder "
                        "was packed while the form was open)",
    "subject_is_filename": "sent from a phone's share menu (微信 or WPS → 邮件): the subject is the attached file's "
                           "name, the body only the app's signature (发自我的iPhone, 发自网易邮箱大师…)",
    "signature_logo": "sent with an Outlook or Foxmail signature holding the unit's logo: the body and the logo "
                      "(image001.png by its Content-ID) in a multipart/related, the signature's lines after the text",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count; the pen's, drawn
# for the few scans and photos only, more.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "cell_boxes": 7.0, "thin_check": 5.0,
                             "pen_strike_others": 10.0}
DECORATION_ODDS: dict[str, float] = {"hint_after": 0.2, "name_workplace": 0.2, "project_abbrev": 0.15,
                                     "signature_picture": 0.12, "name_post_below": 0.3, "contact_dept_before": 0.12,
                                     "ofd_export": 0.35, "rar_archive": 0.45, "template_saved": 0.35,
                                     "pages_png": 0.55, "lock_file_packed": 0.35}
# The mails' own odds (`settle`): among the mails each way fits.
PHONE_ODDS, LOGO_ODDS = 0.4, 0.4

VALUE_DECORATIONS = frozenset({"hint_after", "name_workplace", "project_abbrev", "signature_picture",
                               "name_post_below", "contact_dept_before"})
PER_FILE = frozenset({"ofd_export", "rar_archive", "template_saved", "pages_png", "lock_file_packed"})
PER_MAIL = frozenset({"subject_is_filename", "signature_logo"})
# The decorations of the leader's name (one of them a form), and the earlier ones that put the
# name inside a field, a smart tag or a text box (nothing typed after it there).
_NAME_DECORATIONS = frozenset({"name_workplace", "signature_picture", "name_post_below"})
_IN_FIELDS = frozenset({"merge_fields", "smart_tags", "value_textbox"})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_ARCHIVES = frozenset({"zip_utf8", "zip_gbk", "7z"})
# The formats each way of sending a file is for, and the earlier ways it is not sent with.
_WAY_FORMATS = {"ofd_export": frozenset({"pdf"}), "rar_archive": _ARCHIVES, "template_saved": frozenset({"docx"}),
                "pages_png": frozenset({"photo_jpg"}), "lock_file_packed": _ARCHIVES}
_NEVER_WITH = frozenset({"one_file_two_forms", "cloud_link_only", "body_fields_sigpage", "body_html_form",
                         "mht_as_doc", "no_extension_name"})
_CONFLICTS = {"ofd_export": _NEVER_WITH | {"no_tounicode", "app_default_names"},
              "rar_archive": _NEVER_WITH | {"archive_password", "macos_zip"},
              "template_saved": _NEVER_WITH | {"misnamed_ext", "scan_in_docx", "app_default_names", "html_doc"},
              "pages_png": _NEVER_WITH,
              "lock_file_packed": _NEVER_WITH | {"archive_password", "macos_zip", "nested_archive"}}
# The ways of a file one of which a file is sent (a lock file goes into whichever archive is made).
_ONE_WAY = PER_FILE - {"lock_file_packed"}
# The earlier ways of photographing a printout that pages exported by a program replace.
_PHOTO_WAYS = frozenset({"body_pictures", "long_screenshot", "phone_scanner_pdf", "turned_page", "keystone_photo",
                         "pages_reversed", "app_default_names", "two_up_print"})
# Every pen of the sets (a page exported by a program carries none).
_PEN_CHECKBOXES = frozenset({"pen_tick", "pen_circle", "pen_underline", "pen_fill_box", "pen_tick_after",
                             "pen_strike_others"})
# Ways of sending whose mail holds no plain attachments or body of its own (the sixteenth set's
# list, its own ways of a mail and a reply's threading with them).
_NOT_PER_MAIL = frozenset({"forwarded_eml", "body_html_form", "body_pictures", "tnef_winmail", "body_fields_sigpage",
                           "inline_forward", "forward_chain", "raw_8bit_headers", "cloud_link_only", "reply_to_notice",
                           "inline_disposition", "html_only_body"})
# Layouts whose values are no typed text of an ordinary paragraph or cell (pictures, sheets, a
# system's print, grids of characters, frames, fields, controls, boxes): the sixteenth set's list.
_NO_MARK_LAYOUTS = frozenset({"table_screenshot", "excel_object", "sheet_paste", "system_pdf", "text_grid",
                              "textbox_grid", "grouped_boxes", "table_in_textbox", "converted_frames",
                              "scan_background", "legacy_form_fields", "content_controls", "digit_cells",
                              "textbox_frame", "excel_print", "cb_matrix", "sheet_row_xlsx"})
_STAND_INS = ("ballot", "square", "tick_replace")
_PLAIN_LAYOUTS = _NO_MARK_LAYOUTS - {"cb_matrix", "sheet_row_xlsx"}
# Layouts whose amount is printed from the planned numbers, not from the typed value and the line above it.
_OWN_AMOUNT_LAYOUTS = frozenset({"system_pdf", "excel_print", "sheet_row_xlsx", "alt_cols", "unit_cells"})

_PROJECT_HINTS = ("（不超过30字）", "（限30字以内）", "（30字以内）")
_ORG_HINTS = ("（全称，须与公章一致）", "（须与公章一致）", "（填写单位全称）")
_ABBREV_FORMS = ("（简称“{s}”）", "（以下简称“{s}”）", "（简称：{s}）")
_WORKPLACE_FORMS = ("（{w}）", "　{w}", "，{w}")
_WORKPLACES = ("中南大学", "湖南大学", "湖南师范大学", "湘潭大学", "长沙理工大学", "湖南农业大学", "中南林业科技大学",
               "湖南中医药大学", "湖南省农业科学院", "中南大学湘雅医院", "湖南省人民医院", "湖南省林业科学院",
               "中国科学院亚热带农业生态研究所", "湖南省地质院")
_DEPARTMENTS = {"学会": ("学会秘书处", "秘书处", "学会办公室"), "科协": ("办公室", "学会部", "科普部"),
                "": ("办公室", "综合部", "科技处")}
_DEPT_GAPS = ("　", " ", "")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- marks

# What a form's option lists say before the grid replaces them (never printed: `finished` swaps
# them for the grid, and the draw keeps cell_boxes only for forms where both are whole cells).
CATEGORY_GRID = "⟦cell_boxes:category⟧"
TYPE_GRID = "⟦cell_boxes:type⟧"


def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "thin_check":
        return f"{'✓' if chosen else '□'}{label}"
    if style == "cell_boxes":  # (one option on its own: its box cell's mark before it)
        return f"{'√' if chosen else '□'}{label}"
    if style in SCAN_ONLY_CHECKBOXES:
        return f"□{label}"
    raise ValueError(style)


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    assert style in LIST_CHECKBOXES
    return CATEGORY_GRID


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    assert style in LIST_CHECKBOXES
    return TYPE_GRID


def _grid(groups: list[tuple[str, tuple[str, ...]]], chosen: str, per_row: int) -> Table:
    """The options as a grid: a heading row for each group that has one, then `per_row` options a
    row, each after its box cell (√ in the chosen one's)."""
    rows: list[tuple[Cell, ...]] = []
    for heading, options in groups:
        if heading:
            rows.append((Cell(heading, 2 * per_row),))
        for k in range(0, len(options), per_row):
            row: list[Cell] = []
            chunk = options[k:k + per_row]
            for n, option in enumerate(chunk):
                last = n == len(chunk) - 1
                row += [Cell("√" if option == chosen else ""),
                        Cell(option, 1 + (2 * (per_row - len(chunk)) if last else 0))]
            rows.append(tuple(row))
    widths = (0.45, 2.6) * per_row if per_row == 2 else (0.45, 1.55) * per_row
    return Table(widths, tuple(rows))


def _gridded(cell: Cell, app: App) -> Cell:
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES

    if cell.text == CATEGORY_GRID:
        return replace(cell, text="", nested=_grid(list(CATEGORY_ITEMS.items()), app.subcategory, 2))
    if cell.text == TYPE_GRID:
        return replace(cell, text="", nested=_grid([("", TYPES)], app.applicant_type, 3))
    if cell.nested is not None:
        return replace(cell, nested=_table_gridded(cell.nested, app))
    return cell


def _table_gridded(table: Table, app: App) -> Table:
    return replace(table, rows=tuple(tuple(_gridded(c, app) for c in row) for row in table.rows))


def finished(app: App, look: Look, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The form's blocks with this set's grids of options in the cells that hold their lists."""
    if look.checkbox not in LIST_CHECKBOXES:
        return blocks
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            block = _table_gridded(block, app)
        elif isinstance(block, (TableBox, SheetPaste)):
            block = replace(block, table=_table_gridded(block.table, app))
        out.append(block)
    return tuple(out)


def _grids_fit(app: App, look: Look, compact: bool) -> bool:
    """Whether every option list of the form stands alone in a table cell, so that the grids took
    their places (and no list is written some other way)."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, NO_TYPE_LAYOUTS, TYPES, form_blocks

    raw = repr(form_blocks(app, look, compact=compact))
    if CATEGORY_GRID in raw or TYPE_GRID in raw:
        return False
    grids = [_grid(list(CATEGORY_ITEMS.items()), app.subcategory, 2)]
    if look.layout not in NO_TYPE_LAYOUTS:
        grids.append(_grid([("", TYPES)], app.applicant_type, 3))
    return all(repr(grid) in raw for grid in grids)


def checkbox_for(checkbox: str, app: App | None, look: Look, fmt: str) -> str:
    """The encoding a form of `look.layout` sent as `fmt` shows: this set's marks need options that
    are text of a paragraph or a cell; its grid needs lists that stand alone in table cells."""
    aid = app.aid if app else ""
    layout = look.layout
    if checkbox not in CHECKBOXES:
        return checkbox
    if layout in _NO_MARK_LAYOUTS:
        return "text_only" if layout == "sheet_row_xlsx" else _pick(aid + "-17box", _STAND_INS)
    if checkbox in LIST_CHECKBOXES:
        if app is None or layout in _PARAGRAPH_LAYOUTS or not _grids_fit(app, replace(look, checkbox=checkbox),
                                                                           fmt in _SCANS):
            return _pick(aid + "-17grid", _STAND_INS)
    return checkbox


def pen_marks(app: App, checkbox: str) -> PenMarks | None:
    """The strokes a pen drew through the options that do not apply on the printout (pen_strike_others)."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES
    from benchmarks.gencorpus.media import PenMarks, PenTicks

    if checkbox not in SCAN_ONLY_CHECKBOXES:
        return None
    options = (*(i for its in CATEGORY_ITEMS.values() for i in its), *TYPES)
    others = tuple(o for o in options if o not in (app.subcategory, app.applicant_type))
    return PenMarks("strike", PenTicks(others, options))


# ---------------------------------------------------------------------------- amounts and periods

def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import wan_str

    wan = wan_str(app.funding_wan)
    if style == "per_item_suffix":
        return _pick(app.aid + "-per", (f"{wan}万元/项", f"{wan}万元/个", f"{wan}万元／项"))
    if style == "unit_note_yuan":
        yuan = round(app.funding_wan * 10000)
        return _pick(app.aid + "-yuan", (f"{yuan}", f"{yuan}.00", f"{yuan:,}"))
    raise ValueError(style)


def funding_for(funding: str, layout: str, aid: str) -> str:
    """The amount a form of `layout` shows: a bare figure needs the line above the table that gives
    its unit, which a layout printing its own amount does not carry."""
    if funding in YUAN_NOTE_FUNDINGS and layout in _OWN_AMOUNT_LAYOUTS:
        return _pick(aid + "-17fund", ("wan", "yuan"))
    return funding


def unit_note(v: _V) -> tuple[Block, ...]:
    """The line above the basic part that gives the amount's unit (unit_note_yuan)."""
    if v.look.funding not in YUAN_NOTE_FUNDINGS:
        return ()
    return (Para(_pick(v.app.aid + "-note", ("金额单位：元", "单位：元")), "right"),)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "month_slash_year":
        return _pick(app.aid + "-msy", (f"{s.month:02d}/{s.year}—{e.month:02d}/{e.year}",
                                        f"{s.month}/{s.year}-{e.month}/{e.year}",
                                        f"{s.month:02d}/{s.year} - {e.month:02d}/{e.year}"))
    if style == "dao_connector":
        forms: tuple[str, ...] = (f"{s.year}年{s.month}月到{e.year}年{e.month}月",)
        if s.year == e.year:
            forms += (f"{s.year}年{s.month}月到{e.month}月", f"从{s.year}年{s.month}月到{e.month}月")
        return _pick(app.aid + "-dao", forms)
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def spot(typed: str, value: str | None) -> int | None:
    """Where `value` is typed in `typed` as text (not inside a mark's brackets: [seal:…], [mail:…])."""
    if not value:
        return None
    for m in re.finditer(re.escape(value), typed):
        before = typed[:m.start()]
        if before.rfind("[") <= before.rfind("]"):
            return m.start()
    return None


def _after_is_empty(typed: str, value: str) -> bool:
    """Whether nothing a reader sees follows `value` where it is typed in `typed` (only markup)."""
    k = spot(typed, value)
    return k is not None and not plain(typed[k + len(value):]).strip()


def _before_is_empty(typed: str, value: str) -> bool:
    k = spot(typed, value)
    return k is not None and not plain(typed[:k]).strip()


def _insert_after(typed: str, value: str, text: str) -> str:
    k = spot(typed, value)
    assert k is not None
    end = k + len(value)
    return typed[:end] + text + typed[end:]


def short_name(project: str) -> str | None:
    """The project's short name (its name less the year, the province, 建设), or None when nothing
    shortens it."""
    from benchmarks.gencorpus.holdout_variants_15 import short_project

    short = short_project(project)
    return None if short.startswith(project) or len(short) < 4 else short


def workplace(app: App) -> str:
    return _pick(app.aid + "-work", _WORKPLACES)


def department(org: str, aid: str) -> str:
    kind = "学会" if org.endswith("学会") else "科协" if org.endswith(("科协", "科学技术协会")) else ""
    return _pick(aid + "-dept", _DEPARTMENTS[kind])


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each on the clean value where it is
    typed as text, what the earlier sets put around it kept)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "hint_after" in decos:
        for attr, value, hints in (("project", app.project_name, _PROJECT_HINTS),
                                   ("org", app.applicant_org, _ORG_HINTS)):
            text = getattr(v, attr)
            if _after_is_empty(text, value):
                setattr(v, attr, _insert_after(text, value, _pick(f"{app.aid}-hint-{attr}", hints)))
    short = short_name(app.project_name)
    if "project_abbrev" in decos and short and _after_is_empty(v.project, app.project_name):
        v.project = _insert_after(v.project, app.project_name, _pick(app.aid + "-abbr", _ABBREV_FORMS).format(s=short))
    if "name_workplace" in decos and _after_is_empty(v.name, app.leader_name):
        work = _pick(app.aid + "-wf", _WORKPLACE_FORMS).format(w=workplace(app))
        v.name = _insert_after(v.name, app.leader_name, work)
    if "name_post_below" in decos and _after_is_empty(v.name, app.leader_name):
        v.name = _insert_after(v.name, app.leader_name, f"[br]{app.leader_post}")
    if "signature_picture" in decos and spot(v.name, app.leader_name) is not None:
        v.name = _insert_after(v.name, app.leader_name, f"[sig:{app.leader_name}]")
    if "contact_dept_before" in decos and _before_is_empty(v.contact, app.contact_name):
        k = spot(v.contact, app.contact_name)
        assert k is not None
        dept = department(app.applicant_org, app.aid) + _pick(app.aid + "-gap", _DEPT_GAPS)
        v.contact = v.contact[:k] + dept + v.contact[k:]


def _shows(d: str, app: App, v: _V, look: Look, fmt: str, kept: set[str], mine: list[str]) -> bool:
    """Whether this set's decoration `d` shows on `app` typed as `v` in a form of `look` sent as
    `fmt`, given the decorations `kept` drawn before it and this set's `mine`."""
    from benchmarks.gencorpus.forms import _basic

    layout = look.layout
    # (A value typed as text: no picture, sheet, field or frame holds it, nor a workbook's cell.)
    typed_ok = layout not in _PLAIN_LAYOUTS | {"sheet_row_xlsx"}
    if d in ("hint_after", "project_abbrev") and "merge_fields" in kept:  # (the values a field's results)
        return False
    if d == "hint_after":
        return typed_ok and "hint_left_in" not in kept and "project_abbrev" not in mine and (
            _after_is_empty(v.project, app.project_name) or _after_is_empty(v.org, app.applicant_org))
    if d == "project_abbrev":
        return typed_ok and "hint_after" not in mine and short_name(app.project_name) is not None \
            and _after_is_empty(v.project, app.project_name)
    if d in _NAME_DECORATIONS:
        if not typed_ok or _NAME_DECORATIONS & set(mine) or spot(v.name, app.leader_name) is None:
            return False
        if _IN_FIELDS & kept:  # (the name a field's result, a smart tag's text, a text box's)
            return False
        if d == "signature_picture":  # (a picture: no web page of the form, no pasted body)
            return not {"mht_as_doc", "html_doc"} & kept
        if not _after_is_empty(v.name, app.leader_name):
            return False
        if d == "name_post_below":  # (no post cell or item of its own, no post before the name)
            basic = repr(_basic(v)).replace("创新工程专业职称评审", "")
            return layout not in _POST_LAYOUTS and app.leader_post not in plain(v.name) \
                and not re.search("职　*务|职　*称", basic)
        return True
    if d == "contact_dept_before":
        return typed_ok and _before_is_empty(v.contact, app.contact_name)
    if d in PER_FILE:
        if fmt not in _WAY_FORMATS[d] or _CONFLICTS[d] & kept or layout == "sheet_row_xlsx":
            return False
        if d == "pages_png":
            return look.checkbox not in _PEN_CHECKBOXES
        return True
    raise ValueError(d)


def drawn(rng: random.Random, app: App | None, look: Look, fmt: str) -> Look:
    """`look` with this set's draws after every earlier set's: the encoding and the amount a layout
    can show, the decorations that show on `app` in `fmt` (a file sent one way of this set's at
    most), a pen's strokes kept off a screenshot."""
    from benchmarks.gencorpus.forms import _V

    box = checkbox_for(look.checkbox, app, look, fmt)
    fund = funding_for(look.funding, look.layout, app.aid if app else "")
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
        if not _shows(d, app, v, look, fmt, set(kept), mine):
            continue
        if d in _ONE_WAY and _ONE_WAY & set(mine):  # (one way of sending a file)
            continue
        if d == "pages_png":  # (the program's pages in place of the photos: no photo's ways)
            kept = [k for k in kept if k not in _PHOTO_WAYS]
        mine.append(d)
    decos = tuple(kept) + tuple(d for d in DECORATION_ODDS if d in mine)
    return replace(look, value_decos=decos, decorations=(*_names(look), *decos))


def _names(look: Look) -> tuple[str, ...]:
    return tuple(d for d in look.decorations if d.startswith(("name_", "org_")) and d not in look.value_decos)


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "outline_list":
        return _outline_list(v)
    if layout == "slashed_pairs":
        return _slashed_pairs(v)
    if layout == "note_rows":
        return _note_rows(v)
    if layout == "runon_paragraph":
        return _runon_paragraph(v)
    if layout == "pdf_text_pasted":
        return _pdf_text_pasted(v)
    raise ValueError(layout)


def _outline_list(v: _V) -> tuple[Block, ...]:
    c = v.colon
    lines: list[str] = []

    def item(label: str, value: str, level: int = 0) -> None:
        first, *rest = value.split("\n")
        lines.append(f"[num:{level}]{label}{c}{first}")
        lines.extend(rest)  # (an option list's further lines under its item, unnumbered)

    item("项目名称", v.project)
    item("项目类别", v.category)
    item("申报单位", v.org)
    item("单位类型", v.type)
    if v.joint:
        item(v.joint_label, v.joint)
    lines.append("[num:0]项目负责人")
    item("姓名", v.name, 1)
    item("职务", v.app.leader_post, 1)
    item("手机", v.leader_phone, 1)
    lines.append("[num:0]项目联系人")
    item("姓名", v.contact, 1)
    item("联系电话", v.contact_phone, 1)
    item("电子邮箱", v.email, 1)
    item(v.funding_label, v.funding)
    item("起止时间", v.period)
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


_SLASHES = ("／", "/")


def _slashed_pairs(v: _V) -> tuple[Block, ...]:
    app = v.app
    groups = [(("项目负责人", "职务", "手机"), (v.name, app.leader_post, v.leader_phone)),
              (("项目联系人", "联系电话", "电子邮箱"), (v.contact, v.contact_phone, v.email)),
              ((v.funding_label, "起止时间"), (v.funding, v.period))]
    first = _pick(app.aid + "-slash", _SLASHES)
    order = (first, *(s for s in _SLASHES if s != first))
    usable = [s for s in order if not any(s in plain(x) for _, values in groups for x in values)]
    spaced = _pick(app.aid + "-slashgap", ("", " "))
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    for labels, values in groups:
        slash = next((s for s in usable), None) or next(
            (s for s in order if not any(s in plain(x) for x in values)), None)
        if slash is None or any("\n" in x for x in values):  # (a value of lines of its own keeps its rows)
            rows += [(Cell(label), Cell(value)) for label, value in zip(labels, values)]
        else:
            rows.append((Cell(slash.join(labels)), Cell(f"{spaced}{slash}{spaced}".join(values))))
    return (Para("一、基本情况", "heading"), Table((1.6, 4.0), tuple(rows)))


_NOTES = {
    "项目名称": "注：项目名称应简明扼要，与申报内容相符，不超过30字。",
    "项目类别": "注：每个项目只能选择一个类别。",
    "申报单位": "注：填写申报单位全称，须与公章一致；联合申报的须注明牵头单位和参与单位。",
    "people": "注：项目负责人须为申报单位在职人员；联系人请填写具体经办人及常用联系方式。",
    "经费": "注：学术交流、学会服务站建设5—10万元/个，科技创新联盟建设10—25万元/个，定向委托项目按指南所列金额填写。",
    "期限": "注：除指南特别注明完成时限的项目外，所有项目原则上应于2024年12月底前完成。",
}


def _note_rows(v: _V) -> tuple[Block, ...]:
    def note(key: str) -> tuple[Cell, ...]:
        return (Cell(f"[grey]{_NOTES[key]}[/grey]", 4),)

    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project, 3)), note("项目名称"),
                                    (Cell("项目类别"), Cell(v.category, 3)), note("项目类别"),
                                    (Cell("申报单位"), Cell(v.org, 3))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 3)))
    rows += [note("申报单位"), (Cell("单位类型"), Cell(v.type, 3)),
             (Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone)),
             (Cell("项目联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email, 3)), note("people"),
             (Cell(v.funding_label), Cell(v.funding, 3)), note("经费"),
             (Cell("起止时间"), Cell(v.period, 3)), note("期限")]
    return (Para("一、基本情况", "heading"), Table((1.2, 2.1, 1.1, 2.1), tuple(rows)))


def _runon_paragraph(v: _V) -> tuple[Block, ...]:
    c = v.colon
    category, kind = v.category.replace("\n", " "), v.type.replace("\n", " ")
    first = f"　　项目名称{c}{v.project}；项目类别{c}{category}；申报单位{c}{v.org}；单位类型{c}{kind}"
    if v.joint:
        first += f"；{v.joint_label}{c}{v.joint}"
    second = (f"项目负责人{c}{v.name}，手机{c}{v.leader_phone}；项目联系人{c}{v.contact}，联系电话{c}{v.contact_phone}，"
              f"电子邮箱{c}{v.email}；{v.funding_label}{c}{v.funding}；起止时间{c}{v.period}。")
    if _pick(v.app.aid + "-runon", ("one", "two")) == "one":
        paras = [Para(f"{first}；{second}")]
    else:
        paras = [Para(f"{first}。"), Para(f"　　{second}")]
    return (Para("一、基本情况", "heading"), *paras)


# A cell of the template's PDF holds this many half-width characters on a line (13 Han characters).
PASTED_WIDTH = 26


def _width(ch: str) -> int:
    return 1 if ord(ch) < 0x2E80 else 2


def wrapped(value: str, width: int = PASTED_WIDTH) -> list[str]:
    """`value`'s lines as the PDF wrapped them in a cell `width` half-width characters wide (a run
    of Latin letters, digits and their signs is not cut; a value with markup is left whole)."""
    if "[" in value:
        return value.split("\n")
    out: list[str] = []
    for line in value.split("\n"):
        cut: list[str] = []
        current, used = "", 0
        for token in re.findall(r"[A-Za-z0-9@._\-+/%,]+|.", line):
            size = sum(_width(ch) for ch in token)
            if current and used + size > width:
                cut.append(current)
                current, used = "", 0
            current += token
            used += size
        cut.append(current)
        out += cut
    return out


def _pdf_text_pasted(v: _V) -> tuple[Block, ...]:
    singles = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        singles.append((v.joint_label, v.joint))
    lines = ["一、基本情况"]
    for label, value in singles:
        first, *rest = wrapped(value) if label != "项目类别" and label != "单位类型" else value.split("\n")
        lines += [f"{label} {first}", *rest]
    for (l1, v1), (l2, v2) in ((("项目负责人", v.name), ("负责人手机", v.leader_phone)),
                               (("项目联系人", v.contact), ("联系电话", v.contact_phone))):
        head, *more = v1.split("\n")
        lines += [f"{l1} {head} {l2} {v2}", *more] if not more else [f"{l1} {head}", *more, f"{l2} {v2}"]
    for label, value in (("电子邮箱", v.email), (v.funding_label, v.funding), ("起止时间", v.period)):
        first, *rest = wrapped(value)
        lines += [f"{label} {first}", *rest]
    return tuple(Para(line) for line in lines)


# ---------------------------------------------------------------------------- pictures

_INK = ((20, 30, 90), (10, 10, 10), (25, 45, 130))


def signature_png(name: str) -> bytes:
    """`name` signed by hand as a cut-out scan shows it: the characters leaning and joined by a
    running stroke, a flourish under them, in ballpoint ink on a transparent ground; the same for
    the same name."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from benchmarks.gencorpus.media import _CJK_FONT

    rng = random.Random(f"signature-{name}")
    size = 92
    font = ImageFont.truetype(str(_CJK_FONT), size) if _CJK_FONT.exists() else ImageFont.load_default()
    w, h = int(size * (len(name) * 0.95 + 0.9)), int(size * 1.7)
    img = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(img)
    x = size * 0.3
    for ch in name:
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size * 0.4, size * 0.3), ch, font=font, fill=255)
        glyph = glyph.rotate(rng.uniform(-14, 4), resample=Image.Resampling.BICUBIC)
        glyph = glyph.transform(glyph.size, Image.Transform.AFFINE, (1, rng.uniform(0.2, 0.45), -size * 0.3, 0, 1, 0),
                                resample=Image.Resampling.BICUBIC)
        img.paste(255, (int(x - size * 0.35), int(rng.uniform(-0.1, 0.15) * size)), glyph)
        x += size * rng.uniform(0.72, 0.9)
    base = h * 0.82
    points = [(size * 0.2, base - size * 0.1)]
    for k in range(1, 9):
        points.append((size * 0.2 + (x - size * 0.1) * k / 8, base + rng.uniform(-0.12, 0.08) * size))
    d.line(points, fill=255, width=max(3, size // 16), joint="curve")
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    ink = Image.new("RGBA", (w, h), (*rng.choice(_INK), 255))
    out = Image.new("RGBA", (w, h), (255, 255, 255, 0))
    out.paste(ink, (0, 0), img)
    raw = io.BytesIO()
    out.save(raw, "PNG")
    return raw.getvalue()


def logo_png(org: str) -> bytes:
    """A unit's logo as a mail signature carries it: a round emblem and the unit's name beside it,
    in its colour, on white; the same for the same unit."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.gencorpus.media import _CJK_FONT

    rng = random.Random(f"logo-{org}")
    colour = rng.choice(((0, 84, 166), (180, 30, 40), (0, 120, 80)))
    img = Image.new("RGB", (360, 72), "white")
    d = ImageDraw.Draw(img)
    d.ellipse((6, 6, 66, 66), outline=colour, width=5)
    d.ellipse((22, 22, 50, 50), fill=colour)
    font = ImageFont.truetype(str(_CJK_FONT), 22) if _CJK_FONT.exists() else ImageFont.load_default()
    d.text((80, 22), org[:12], font=font, fill=colour)
    raw = io.BytesIO()
    img.save(raw, "PNG")
    return raw.getvalue()


def page_pngs(pdf: bytes) -> list[bytes]:
    """The form's pages as WPS's 输出为图片 writes them: each page a PNG at 150 dpi, white, nothing else."""
    from benchmarks.gencorpus.media import _pages

    out = []
    for page in _pages(pdf, 150, 8):
        raw = io.BytesIO()
        page.save(raw, "PNG", dpi=(150, 150))
        out.append(raw.getvalue())
    return out


def png_name(name: str, k: int, aid: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return _pick(aid + "-png", (f"{stem}_{k}.png", f"{stem}_{k:02d}.png", f"{stem}（第{k}页）.png"))


# ---------------------------------------------------------------------------- OFD

_OFD_NS = "http://www.ofdspec.org/2016"
_MM = 25.4 / 72


def _mm(v: float) -> str:
    return f"{v * _MM:.3f}".rstrip("0").rstrip(".") or "0"


def ofd_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + ".ofd"


def ofd(pdf: bytes, title: str, author: str, when: datetime) -> bytes:
    """The PDF's pages as an OFD package (GB/T 33190-2016): OFD.xml, the document, a font resource
    (宋体, not embedded), each page's text objects (a run of characters on one baseline, their
    advances as DeltaX), its paths (rules, shading, shapes: their segments as AbbreviatedData) and
    its pictures (image objects and their PNGs), in mm from the page's top left corner."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    ids = iter(range(10, 1_000_000))
    pages: list[tuple[float, float, str]] = []
    media: list[tuple[int, bytes]] = []
    try:
        for page in doc:
            width, height = page.get_size()
            objects: list[str] = []
            for kind, obj, matrix in _page_objects(page):
                if kind == "path":
                    objects += _ofd_path(obj, matrix, height, next(ids))
                else:
                    rid = next(ids)
                    shown = _ofd_image(pdfium.PdfImage(obj, page=page, pdf=doc), matrix, height, rid, next(ids))
                    if shown is not None:
                        media.append((rid, shown[1]))
                        objects.append(shown[0])
            objects += _ofd_text(page.get_textpage(), height, ids)
            pages.append((width, height, "\n".join(objects)))
    finally:
        doc.close()
    out = io.BytesIO()
    doc_id = hashlib.md5(pdf[:4096] + title.encode()).hexdigest()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        zf.writestr("OFD.xml", head + f'<ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
                    f"<ofd:DocInfo><ofd:DocID>{doc_id}</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>"
                    f"<ofd:Author>{escape(author)}</ofd:Author><ofd:CreationDate>{when:%Y-%m-%d}</ofd:CreationDate>"
                    "<ofd:Creator>WPS Office</ofd:Creator><ofd:CreatorVersion>12.8.2.1115</ofd:CreatorVersion>"
                    "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        listed = "".join(f'<ofd:Page ID="{k + 1}" BaseLoc="Pages/Page_{k}/Content.xml"/>' for k in range(len(pages)))
        width, height = pages[0][:2] if pages else (595.0, 842.0)
        layers = [next(ids) for _ in pages]
        zf.writestr("Doc_0/Document.xml", head + f'<ofd:Document xmlns:ofd="{_OFD_NS}"><ofd:CommonData>'
                    f"<ofd:MaxUnitID>{next(ids)}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {_mm(width)} "
                    f"{_mm(height)}</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                    "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>"
                    f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>")
        zf.writestr("Doc_0/PublicRes.xml", head + f'<ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
                    '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体" Charset="unicode"/></ofd:Fonts></ofd:Res>')
        medias = "".join(f'<ofd:MultiMedia ID="{rid}" Type="Image" Format="PNG"><ofd:MediaFile>image_{rid}.png'
                         "</ofd:MediaFile></ofd:MultiMedia>" for rid, _ in media)
        zf.writestr("Doc_0/DocumentRes.xml", head + f'<ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res">'
                    f"<ofd:MultiMedias>{medias}</ofd:MultiMedias></ofd:Res>")
        for rid, data in media:
            zf.writestr(f"Doc_0/Res/image_{rid}.png", data)
        for k, ((w, h, body), layer) in enumerate(zip(pages, layers)):
            zf.writestr(f"Doc_0/Pages/Page_{k}/Content.xml", head + f'<ofd:Page xmlns:ofd="{_OFD_NS}"><ofd:Area>'
                        f"<ofd:PhysicalBox>0 0 {_mm(w)} {_mm(h)}</ofd:PhysicalBox></ofd:Area><ofd:Content>"
                        f'<ofd:Layer ID="{layer}" Type="Body">\n{body}\n</ofd:Layer></ofd:Content></ofd:Page>')
    return out.getvalue()


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _compose(outer: Matrix, inner: Matrix) -> Matrix:
    """The matrix that applies `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    x0, y0 = _apply(outer, e, f)
    return (outer[0] * a + outer[2] * b, outer[1] * a + outer[3] * b,
            outer[0] * c + outer[2] * d, outer[1] * c + outer[3] * d, x0, y0)


def _matrix(obj: Any) -> Matrix:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _page_objects(page: Any) -> list[tuple[str, Any, Matrix]]:
    """The page's paths and images with the matrix that places each on the page (the form
    XObjects they are drawn in followed down)."""
    import pypdfium2.raw as pdfium_c

    found: list[tuple[str, Any, Matrix]] = []

    def walk(objects: list[Any], outer: Matrix, depth: int) -> None:
        for obj in objects:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            matrix = _compose(outer, _matrix(obj))
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                found.append(("path", obj, matrix))
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                found.append(("image", obj, matrix))
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                walk([pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))],
                     matrix, depth + 1)

    walk([pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))],
         _IDENTITY, 0)
    return found


def _colour(obj: Any, stroke: bool) -> tuple[int, int, int]:
    import ctypes

    import pypdfium2.raw as pdfium_c

    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    get = pdfium_c.FPDFPageObj_GetStrokeColor if stroke else pdfium_c.FPDFPageObj_GetFillColor
    if not get(obj, r, g, b, a):
        return 0, 0, 0
    return r.value, g.value, b.value


def _ofd_path(obj: Any, matrix: Matrix, height: float, ident: int) -> list[str]:
    """A path of the PDF as an OFD path object: its segments (moves, lines, Bézier curves, closes)
    in mm from its boundary's corner, stroked and filled as the PDF draws it."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroked)
    if not fill_mode.value and not stroked.value:
        return []
    points: list[tuple[int, float, float, bool]] = []
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        sx, sy = ctypes.c_float(), ctypes.c_float()
        pdfium_c.FPDFPathSegment_GetPoint(seg, sx, sy)
        px, py = _apply(matrix, sx.value, sy.value)
        points.append((pdfium_c.FPDFPathSegment_GetType(seg), px, height - py,
                       bool(pdfium_c.FPDFPathSegment_GetClose(seg))))
    if not points:
        return []
    width = ctypes.c_float()
    line = width.value if pdfium_c.FPDFPageObj_GetStrokeWidth(obj, width) else 1.0
    scale = (abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])) ** 0.5 or 1.0
    pad = line * scale / 2
    left, top = min(p[1] for p in points) - pad, min(p[2] for p in points) - pad
    right, bottom = max(p[1] for p in points) + pad, max(p[2] for p in points) + pad
    data: list[str] = []
    pending: list[str] = []
    for kind, x, y, close in points:
        at = f"{_mm(x - left)} {_mm(y - top)}"
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            data.append(f"M {at}")
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            pending.append(at)
            if len(pending) == 3:
                data.append("B " + " ".join(pending))
                pending = []
        else:
            data.append(f"L {at}")
        if close and not pending:
            data.append("C")
    attrs = [f'ID="{ident}"', f'Boundary="{_mm(left)} {_mm(top)} {_mm(max(right - left, 0.3))} '
                              f'{_mm(max(bottom - top, 0.3))}"']
    inner = ""
    if stroked.value:
        attrs.append(f'LineWidth="{_mm(max(line * scale, 0.3))}"')
        r, g, b = _colour(obj, True)
        inner += f'<ofd:StrokeColor Value="{r} {g} {b}"/>'
    else:
        attrs.append('Stroke="false"')
    if fill_mode.value:
        attrs.append('Fill="true"')
        r, g, b = _colour(obj, False)
        inner += f'<ofd:FillColor Value="{r} {g} {b}"/>'
    return [f"<ofd:PathObject {' '.join(attrs)}>{inner}<ofd:AbbreviatedData>{' '.join(data)}</ofd:AbbreviatedData>"
            "</ofd:PathObject>"]


def _ofd_image(image: Any, matrix: Matrix, height: float, resource: int, ident: int) -> tuple[str, bytes] | None:
    """A picture of the PDF as an OFD image object over its place (the unit square its matrix
    maps onto the page) and its PNG."""
    corners = [_apply(matrix, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    left, right = min(c[0] for c in corners), max(c[0] for c in corners)
    top, bottom = height - max(c[1] for c in corners), height - min(c[1] for c in corners)
    if right - left < 0.5 or bottom - top < 0.5:
        return None
    try:
        picture = image.get_bitmap(render=True).to_pil()
    except Exception:  # (a mask or a stencil pdfium cannot draw alone: the picture is left out)
        return None
    raw = io.BytesIO()
    picture.save(raw, "PNG")
    w, h = right - left, bottom - top
    return (f'<ofd:ImageObject ID="{ident}" Boundary="{_mm(left)} {_mm(top)} {_mm(w)} {_mm(h)}" '
            f'CTM="{_mm(w)} 0 0 {_mm(h)} 0 0" ResourceID="{resource}"/>', raw.getvalue())


def _ofd_text(text: Any, height: float, ids: Any) -> list[str]:
    """The page's characters as OFD text objects: one for each run on one baseline, in one size and
    colour, without a gap wider than two characters."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    runs: list[list[tuple[str, float, float, float, tuple[int, int, int]]]] = []
    for i in range(text.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(text.raw, i)
        if code < 0x20 or 0xD800 <= code < 0xE000 or code in (0xFFFE, 0xFFFF) \
                or pdfium_c.FPDFText_IsGenerated(text.raw, i) == 1:
            if runs and runs[-1]:  # (a space or a line's end the PDF does not draw: the run ends there)
                runs.append([])
            continue
        ch = chr(code)
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
        size = pdfium_c.FPDFText_GetFontSize(text.raw, i) or 10.5
        cr, cg, cb, ca = (ctypes.c_uint() for _ in range(4))
        colour = (0, 0, 0)
        if pdfium_c.FPDFText_GetFillColor(text.raw, i, cr, cg, cb, ca):
            colour = (cr.value, cg.value, cb.value)
        char = (ch, x.value, height - y.value, size, colour)
        last = runs[-1][-1] if runs and runs[-1] else None
        if last is not None and abs(last[2] - char[2]) < 0.6 and abs(last[3] - size) < 0.2 and last[4] == colour \
                and 0 <= char[1] - last[1] <= size * 2.2:
            runs[-1].append(char)
        elif runs and not runs[-1]:
            runs[-1].append(char)
        else:
            runs.append([char])
    out = []
    for run in runs:
        while run and run[-1][0].isspace():
            run.pop()
        while run and run[0][0].isspace():
            run.pop(0)
        if not run:
            continue
        size = run[0][3]
        x0, base = run[0][1], run[0][2]
        advance = size if ord(run[-1][0]) >= 0x2E80 else size * 0.5
        width = run[-1][1] - x0 + advance
        deltas = " ".join(_mm(b[1] - a[1]) for a, b in zip(run, run[1:]))
        r, g, b = run[0][4]
        fill = f'<ofd:FillColor Value="{r} {g} {b}"/>' if (r, g, b) != (0, 0, 0) else ""
        delta = f' DeltaX="{deltas}"' if deltas else ""
        out.append(f'<ofd:TextObject ID="{next(ids)}" Boundary="{_mm(x0)} {_mm(base - size)} {_mm(width)} '
                   f'{_mm(size * 1.35)}" Font="2" Size="{_mm(size)}">{fill}<ofd:TextCode X="0" Y="{_mm(size)}"'
                   f"{delta}>{escape(''.join(c[0] for c in run))}</ofd:TextCode></ofd:TextObject>")
    return out


# ---------------------------------------------------------------------------- RAR, a template, a lock file

_RAR5 = b"Rar!\x1a\x07\x01\x00"


def _vint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _rar_block(fields: bytes) -> bytes:
    """A RAR5 header: its CRC32 over its size and fields, its size, its fields."""
    body = _vint(len(fields)) + fields
    return struct.pack("<I", zlib.crc32(body)) + body


def rar(members: list[tuple[str, bytes]], when: datetime) -> bytes:
    """`members` as WinRAR 5 stores them in a RAR5 archive (压缩方式：存储): the main header, a file
    header (UTF-8 name, Windows attributes, modification time, CRC32, method 0) and the bytes of
    each file, the folders they are in as directory entries first, the end of the archive."""
    stamp = int(when.timestamp())
    out = bytearray(_RAR5)
    out += _rar_block(_vint(1) + _vint(0) + _vint(0))  # main archive header: no flags
    folders = sorted({name.rsplit("/", 1)[0] for name, _ in members if "/" in name})
    for folder in folders:
        name = folder.encode("utf-8")
        fields = (_vint(2) + _vint(0x0002) + _vint(0) + _vint(0x0001 | 0x0002) + _vint(0) + _vint(0x10)
                  + struct.pack("<I", stamp) + _vint(0) + _vint(0) + _vint(len(name)) + name)
        out += _rar_block(fields)
    for member, data in members:
        name = member.encode("utf-8")
        fields = (_vint(2) + _vint(0x0002) + _vint(len(data)) + _vint(0x0002 | 0x0004) + _vint(len(data))
                  + _vint(0x20) + struct.pack("<I", stamp) + struct.pack("<I", zlib.crc32(data)) + _vint(0)
                  + _vint(0) + _vint(len(name)) + name)
        out += _rar_block(fields) + data
    out += _rar_block(_vint(5) + _vint(0) + _vint(0))  # end of archive
    return bytes(out)


_TEMPLATE_TYPES = {
    "dotx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.template"),
    "docm": ("application/vnd.ms-word.document.macroEnabled.main+xml",
             "application/vnd.ms-word.document.macroEnabled.12"),
}
TEMPLATE_MIMES = {ext: mime for ext, (_, mime) in _TEMPLATE_TYPES.items()}
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def template(name: str, docx: bytes, aid: str) -> tuple[str, bytes, str]:
    """The .docx saved as a Word template or a macro-enabled document: (name, bytes, extension); the
    package's parts as they were, its main part's content type the other one."""
    ext = _pick(aid + "-tpl", ("dotx", "dotx", "docm"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                assert _DOCUMENT_TYPE.encode() in data
                data = data.replace(_DOCUMENT_TYPE.encode(), _TEMPLATE_TYPES[ext][0].encode())
            dst.writestr(info, data)
    return name.rsplit(".", 1)[0] + "." + ext, out.getvalue(), ext


def owner_file_name(name: str) -> str:
    """Word's owner file (所有者文件) of `name`: ~$ over its first two characters (one for a name of
    seven, none for a shorter one)."""
    folder, _, base = name.rpartition("/")
    stem = base.rsplit(".", 1)[0]
    cut = 2 if len(stem) >= 8 else 1 if len(stem) == 7 else 0
    return (folder + "/" if folder else "") + "~$" + base[cut:]


def owner_file(user: str) -> bytes:
    """The 162 bytes of Word's owner file: the user's name's length and the name in the system's
    code page, padded to 54 bytes, then its length and the name again in UTF-16."""
    ansi = user.encode("gbk", errors="replace")[:53]
    wide = user.encode("utf-16-le")[:100]
    head = bytes([len(ansi)]) + ansi.ljust(53, b" ")
    data = head + struct.pack("<H", len(user)) + wide
    return data.ljust(162, b"\0")[:162]


def packed_junk(folder: str, form_name: str, f: FormPlan) -> list[tuple[str, bytes]]:
    """What else the folder packed with the form held (lock_file_packed): the form's owner file."""
    if "lock_file_packed" not in f.look.decorations:
        return []
    word_name = form_name.rsplit(".", 1)[0] + ".docx"
    user = _pick(f.app.aid + "-user", ("Administrator", "lenovo", "USER", f.app.contact_name))
    return [(owner_file_name(folder + word_name), owner_file(user))]


# ---------------------------------------------------------------------------- how the mail is sent

def _without(look: Look, decoration: str) -> Look:
    return replace(look, decorations=tuple(d for d in look.decorations if d != decoration),
                   value_decos=tuple(d for d in look.value_decos if d != decoration))


def _with(look: Look, decoration: str) -> Look:
    if decoration in look.decorations:
        return look
    return replace(look, decorations=(*look.decorations, decoration), value_decos=(*look.value_decos, decoration))


_PHONE_SIGNATURES = {"apple": ("发自我的iPhone", "发自我的 iPad"), "coremail": ("发自网易邮箱大师", "发自我的网易邮箱手机智能版"),
                     "qq": ("发自我的iPhone", "来自我的华为手机", "发自我的荣耀手机")}
_AMOUNT_LINE = re.compile(r"^(申请经费[^：:\n]*[：:]\s*)([\d,.]+)\s*$", re.M)


def settle(mails: list[MailPlan]) -> None:
    """The mails' ways of sending (no draw of a plan's generator: each mail draws by its message
    id): a file sent an earlier set's way after all (two forms in one file, a form behind a link,
    the fields in the body…) or not sent keeps no way of a file of this set's; an amount in 元
    typed into a mail's body says its unit there; a phone's share menu; a signature's logo."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            decos = set(f.look.decorations)
            drop = set(PER_FILE) if f not in sent else {w for w in PER_FILE
                                                        if _CONFLICTS[w] & decos or f.fmt not in _WAY_FORMATS[w]}
            for way in drop & decos:
                f.look = _without(f.look, way)
            if f.look.funding in YUAN_NOTE_FUNDINGS and "body_fields_sigpage" in decos:
                m.body = _AMOUNT_LINE.sub(lambda found: f"{found.group(1)}{found.group(2)}元", m.body)
        ways = {d for f in m.forms for d in f.look.decorations}
        if not sent or m.forwarded is not None or m.pasted is not None or m.inline or ways & _NOT_PER_MAIL:
            continue
        if _phone_shared(m, sent) and _odds(m.message_id + "-share", PHONE_ODDS):
            for f in sent:
                f.look = _with(f.look, "subject_is_filename")
            m.body = "\n\n" + _pick(m.message_id + "-sig", _PHONE_SIGNATURES[m.client])
        elif m.client in ("outlook", "foxmail") and _odds(m.message_id + "-logo", LOGO_ODDS):
            for f in sent:
                f.look = _with(f.look, "signature_logo")


def _phone_shared(m: MailPlan, sent: list[FormPlan]) -> bool:
    """A mail of one form a phone app can share: one file (no password to give, no earlier version)."""
    return m.client in _PHONE_SIGNATURES and len(m.forms) == 1 and len(sent) == 1 and not m.password \
        and m.scenario in ("single", "joint_roles", "designated_ok") and sent[0].fmt in (
            "docx", "pdf", "doc", "wps", "zip_utf8", "zip_gbk", "7z")


def mail_decorations(m: MailPlan) -> set[str]:
    return {d for f in m.forms for d in f.look.decorations} & PER_MAIL


def shared_subject(m: MailPlan) -> None:
    """The subject a phone's share menu gives the mail: the attached file's name."""
    if "subject_is_filename" in mail_decorations(m) and m.attachments:
        m.subject = m.attachments[0][0]


_MAIN_BOUNDARY = re.compile(rb'boundary="([^"]+)"')


def logo_name(m: MailPlan) -> str:
    return "image001.png" if m.client == "outlook" else _pick(m.message_id + "-logoname", ("logo.png", "签名.png"))


def signature_lines(m: MailPlan) -> list[str]:
    f = m.forms[0]
    lines = ["--", f.app.contact_name, f.app.applicant_org]
    if f.app.contact_phone:
        lines.append(f"电话：{f.app.contact_phone}")
    if f.app.address:
        lines.append(f"地址：{f.app.address}")
    return lines


def with_logo(eml: bytes, m: MailPlan) -> bytes:
    """`eml` (a multipart/mixed message as shenbao.demo.mail writes it, header habits applied) with
    the client's signature: its lines after the body's text, the logo shown by its Content-ID in
    the HTML, the body and the logo in a multipart/related where the body was."""
    head, _, body = eml.partition(b"\r\n\r\n")
    found = _MAIN_BOUNDARY.search(head)
    assert found is not None
    parts = re.split(rb"\r\n--" + re.escape(found.group(1)) + rb"(?=\r\n|--)", body)
    preamble, inner, last = parts[0], [p[2:] for p in parts[1:-1]], parts[-1]
    alternative, rest = inner[0], inner[1:]
    key = hashlib.sha1(m.message_id.encode()).hexdigest().upper()
    name = logo_name(m)
    cid = f"{name}@01DA{key[:4]}.{key[4:12]}"
    logo = logo_png(m.forms[0].app.applicant_org)
    encoded = base64.encodebytes(logo).replace(b"\n", b"\r\n").rstrip(b"\r\n")
    picture = (f"Content-Type: image/png;\r\n\tname=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n"
               f"Content-ID: <{cid}>\r\nContent-Disposition: inline;\r\n\tfilename=\"{name}\"\r\n\r\n").encode()
    picture = _encoded_header_names(picture, name) + encoded
    boundary = found.group(1) + b"_rel"
    related = (b"Content-Type: multipart/related;\r\n\ttype=\"multipart/alternative\";\r\n\tboundary=\"" + boundary
               + b"\"\r\n\r\n--" + boundary + b"\r\n" + _signed(alternative, signature_lines(m), cid)
               + b"\r\n--" + boundary + b"\r\n" + picture + b"\r\n--" + boundary + b"--\r\n")
    delim = b"\r\n--" + found.group(1)
    out = head + b"\r\n\r\n" + preamble + delim + b"\r\n" + related
    for part in rest:
        out += delim + b"\r\n" + part
    return out + delim + last


def _encoded_header_names(part: bytes, name: str) -> bytes:
    """A picture's header whose name is not ASCII as the client encodes it (RFC 2047, UTF-8)."""
    if name.isascii():
        return part
    word = "=?utf-8?B?" + base64.b64encode(name.encode()).decode() + "?="
    return part.replace(f'"{name}"'.encode(), f'"{word}"'.encode())


def _signed(alternative: bytes, lines: list[str], cid: str) -> bytes:
    """The multipart/alternative body with the signature after its text: its lines in the plain
    text part, its lines and the logo in the HTML (base64, in each part's own charset)."""
    head, _, body = alternative.partition(b"\r\n\r\n")
    found = _MAIN_BOUNDARY.search(head)
    assert found is not None
    parts = re.split(rb"\r\n--" + re.escape(found.group(1)) + rb"(?=\r\n|--)", b"\r\n" + body)
    out = []
    for part in (p[2:] for p in parts[1:-1]):
        msg = email.message_from_bytes(part, policy=email.policy.default)
        charset = msg.get_content_charset() or "utf-8"
        text = str(msg.get_content())  # type: ignore[attr-defined]
        if msg.get_content_type() == "text/html":
            shown = ("<div><br></div><div style=\"color:#595959;font-size:12px\">"
                     + "".join(f"<div>{escape(line)}</div>" for line in lines)
                     + f"<div><img src=\"cid:{cid}\" width=\"180\" height=\"36\"></div></div>")
            text = text.replace("</body>", shown + "</body>", 1) if "</body>" in text else text + shown
            kind = "html"
        else:
            text = text.rstrip("\r\n") + "\r\n\r\n" + "\r\n".join(lines) + "\r\n"
            kind = "plain"
        data = base64.encodebytes(text.encode(charset, errors="xmlcharrefreplace")).replace(b"\n", b"\r\n")
        out.append((f"Content-Type: text/{kind};\r\n\tcharset=\"{charset}\"\r\nContent-Transfer-Encoding: base64"
                    "\r\n\r\n").encode() + data.rstrip(b"\r\n"))
    delim = b"\r\n--" + found.group(1)
    return head + b"\r\n\r\n" + parts[0][2:] + b"".join(delim + b"\r\n" + p for p in out) + delim + parts[-1]


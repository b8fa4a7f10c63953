"""The fourteenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at 67ebbb6), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, convert, print, scan and send a Word 申报书 template: last year's
template filled in again, its labels as they were then (承担单位, 经办人, 申请资助额度, 项目执行期); the
basic table with cells deleted at the ends of its rows, rows ending where their values do
(w:gridAfter); the whole form one long table whose heading row Word repeats on every page
(标题行重复) and whose rows break across pages; the form laid out in an Excel workbook and
printed to PDF from the spreadsheet (sheet, gridlines, page footer, cells in the sheet's order);
the people as a grid under a 斜线表头 (a corner cell with a diagonal rule, 职称 and 职务 apart);
the basic table converted to text (表格转换成文本, paragraph marks between the cells), each cell a
paragraph of its own. Boxes from the Wingdings 2 font inserted as symbols (插入 → 符号: w:sym
F052/F0A3, not typed letters); the green ✅ of a phone's emoji keyboard; radio buttons ◉/○ as a web
form prints them; the chosen options circled by pen on the printout before it was scanned. The
amount with 人民币 after it (8万元人民币), in 大写 with the traditional 萬 (人民币捌萬元整), or with a
note in brackets (8万元（不含自筹）); the period with 份 after its months (2024年5月份至12月份), with
no year at all (5月—12月: the form's year), or typed in full-width digits (２０２４年５月—…). The
unit's short name after it (（简称：省光学学会）); the e-mail's dots typed in Chinese mode (。); the
leader's name and mobile typed into their label cells, the value cells left empty; the project's
English name after it; a full stop typed after the values; Word 2003 smart tags (智能标记) left
around names, the amount and dates. Sent as a .docx holding only the scans of the stamped
printout; forwarded inline twice; in an archive inside an archive; as a reply to the
association's notice (the notice quoted below); with the subject and the files' names as raw GBK
bytes in the headers; printed two pages to a sheet (缩印); as a PDF whose fonts lost their
ToUnicode maps (text copies as garbage); scanned faint and at an angle, or in black and white
(1 bit, CCITT G4); photographed at a slant (the sheet a trapezoid).

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none changes
the truth: the truth is the planned `App` (a short name, an English name, a note or a full stop
after a value is no part of it; 人民币 and 萬 are the amount's currency and 万; a period with no
year is the form's year, 2024; 。 in an e-mail is its dot).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import subprocess
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.gencorpus.docmodel import Block, Cell, Picture, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "old_template": "last year's (2023) template filled in: 4-column grid with its labels as they were (项目类型, "
                    "承担单位, 单位性质, 合作单位, 负责人 | 移动电话, 经办人 | 办公电话, 电子信箱, 申请资助额度, 项目执行期)",
    "ragged_rows": "4-column basic table whose rows end where their values do: the empty cells at a row's end "
                   "deleted (删除单元格, 右侧单元格左移), the row shorter than the grid (w:gridAfter, w:wAfter)",
    "one_big_table": "the whole form one 4-column table (栏　目 | 填写内容 heading row repeated at the top of every "
                     "page: 标题行重复, w:tblHeader; rows allowed to break across pages): the basic part, 项目主要内容, "
                     "the budget (nested), the units' opinions, each part a shaded row",
    "excel_print": "the form laid out in an Excel workbook (a sheet 申报书: labels over two columns, values merged "
                   "over the rest, wrapped, the budget in cells, the opinions in tall merged cells) and printed to "
                   "PDF from the spreadsheet (fit to the page's width, 第 1 页，共 2 页 in the footer): the file's "
                   "text in the sheet's order, a column's cells before the next's (forms sent as PDF only)",
    "diagonal_people": "6-column table: the project and the unit as label | value rows, then the people as a grid "
                       "under a corner cell with a diagonal rule (斜线表头: 信息 over 人员, w:tl2br), the rows 项目负责人 "
                       "and 项目联系人, the columns 姓名 | 职称 | 职务 | 联系电话 | 电子邮箱, then the amount and the period",
    "cells_as_paragraphs": "the basic table converted to text (表格转换成文本, 段落标记 as the separator): every cell a "
                           "paragraph of its own, labels and values alternating with no colon, a row of four cells "
                           "four paragraphs (项目负责人 ¶ 王伟 ¶ 手机 ¶ 138…)",
}
# Layouts drawn for forms sent as PDF only (the spreadsheet's print is the file itself).
PDF_ONLY_LAYOUTS = frozenset({"excel_print"})
# Layouts that are the whole form, not its basic part only.
WHOLE_FORM_LAYOUTS = frozenset({"one_big_table"})

CHECKBOXES: dict[str, str] = {
    "wingdings2_sym": "the boxes inserted from the Wingdings 2 font with Insert Symbol (w:sym w:font=\"Wingdings 2\" "
                      "F052 ☑ before the chosen option, F0A3 □ before the others): no character of the text (Word "
                      "formats only)",
    "green_check": "✅ (U+2705, a phone's emoji keyboard or WeChat) before the chosen option, □ before the others "
                   "(Word formats only: a PDF printer without an emoji font draws no tick)",
    "radio_fisheye": "◉学会服务站建设  ○学术交流: radio buttons as an online form prints them, ◉ (U+25C9) the chosen",
    "pen_circle": "every □ left empty in the file; the chosen options circled by pen on the printout before it was "
                  "scanned or photographed (scans and photos only)",
}
WORD_ONLY_CHECKBOXES = frozenset({"wingdings2_sym", "green_check"})
SCAN_ONLY_CHECKBOXES = frozenset({"pen_circle"})

FUNDINGS: dict[str, str] = {
    "wan_rmb_suffix": "8万元人民币, 7.5万元人民币 (the currency after the unit)",
    "daxie_traditional": "人民币捌萬元整, 柒萬伍仟元整 (大写 with the traditional 萬, as printed cheques and bank forms "
                         "write it)",
    "wan_with_note": "8万元（不含自筹）, 7.5万元（申请省科协资助部分）: the amount and a note in brackets",
}
DATES: dict[str, str] = {
    "month_fen": "2024年5月份至12月份, 2024年5月份—2024年12月份 (份 after the months; across years 2024年3月份至"
                 "2025年6月份)",
    "no_year": "5月—12月, 5月至12月 (no year: the form's, 2024; across years 2024年3月—2025年6月)",
    "fullwidth_period": "２０２４年５月—２０２４年１２月, ２０２４．５—２０２４．１２ (digits and point typed in full-width "
                        "mode)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "org_abbrev": "the unit's short name after it: 湖南省光学学会（简称：省光学学会）, 长沙市科学技术协会（简称“长沙市科协”）",
    "email_cn_period": "the e-mail's dots typed in Chinese mode: lina2023@163。com",
    "value_in_label_cell": "the leader's name and mobile typed into their label cells after the label (项目负责人：王伟, "
                           "手机　138…), the value cells beside them left empty (table layouts with a label cell "
                           "before each)",
    "project_english": "the project's English name after it: 2024年湖南省光学学术年会（2024 Hunan Optics Annual "
                       "Conference）",
    "trailing_punctuation": "a full stop (。 or ；) typed after the project name, the unit and the contact's phone",
    "smart_tags": "Word 2003 smart tags (智能标记, w:smartTag) left around the people's names (PersonName), the amount "
                  "(chmetcnv, UnitName 万元) and full dates (chsdate): the text inside them, not in runs of the "
                  "paragraph (files sent as .docx)",
    "scan_in_docx": "sent as a .docx holding only the scans of the signed and stamped printout, a picture to a page "
                    "(the text is pixels)",
    "forward_chain": "forwarded inline twice (the applicant to a colleague or the city's 科协, then on to the "
                     "mailbox): two quoted header blocks one inside the other, 转发：转发：… as the subject",
    "nested_archive": "an archive inside an archive: the unit's .zip (the form and its attachments) inside the .zip "
                      "or .7z that was sent",
    "reply_to_notice": "sent as a reply to the association's notice: 回复：关于组织申报…的通知 as the subject, "
                       "In-Reply-To and References, the notice quoted below the applicant's lines",
    "raw_8bit_headers": "the subject and the attachments' names as raw GBK bytes in the headers (no RFC 2047 or 2231 "
                        "encoding), as some clients and relays write them",
    "two_up_print": "printed two pages to a sheet (缩印: 每版打印2页), the sheet landscape, the pages side by side and "
                    "smaller (PDFs, and scans of such a printout)",
    "no_tounicode": "a PDF whose fonts have no ToUnicode map (as some printers and converters write them): the "
                    "glyphs print, the text copies as garbage",
    "faint_skewed_scan": "scanned faint (toner low, grey text on a yellowed ground) and turned by 2.5–5 degrees",
    "bilevel_scan": "scanned in black and white (1 bit, CCITT G4, the red seal dropped out by the scanner's red "
                    "channel), as copiers' 文字 mode writes",
    "keystone_photo": "photographed at a slant: the sheet a trapezoid, its far edge narrower (phone photos)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count; the spreadsheet's
# print, drawn for PDF forms only, the encodings of Word files only and the pen's circles, drawn
# for scans and photos only, more again.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "excel_print": 16.0, "wingdings2_sym": 8.0,
                             "green_check": 8.0, "radio_fisheye": 5.0, "pen_circle": 12.0}
DECORATION_ODDS: dict[str, float] = {"org_abbrev": 0.6, "email_cn_period": 0.2, "value_in_label_cell": 0.5,
                                     "project_english": 0.6, "trailing_punctuation": 0.3, "smart_tags": 0.55,
                                     "scan_in_docx": 0.4, "nested_archive": 0.45, "two_up_print": 0.2,
                                     "no_tounicode": 0.22, "faint_skewed_scan": 0.35, "bilevel_scan": 0.45,
                                     "keystone_photo": 0.55}
# The mails' own odds (`settle`): among the mails each way fits.
REPLY_ODDS, CHAIN_ODDS, RAW_ODDS = 0.08, 0.06, 0.09

_WORD_FORMATS = frozenset({"docx", "doc", "wps", "zip_utf8", "zip_gbk", "7z", "enc_docx_pw"})
_OOXML_FORMATS = _WORD_FORMATS - {"doc", "wps"}
_ARCHIVES = frozenset({"zip_utf8", "zip_gbk", "7z"})
_SCANS = frozenset({"scan_pdf", "photo_jpg"})
# Ways of sending one file or printing it (dropped from a file that holds two forms or none).
PER_FILE = frozenset({"scan_in_docx", "nested_archive", "two_up_print", "no_tounicode", "faint_skewed_scan",
                      "bilevel_scan", "keystone_photo"})
# Ways of sending a whole mail (settled per mail).
PER_MAIL = frozenset({"forward_chain", "reply_to_notice", "raw_8bit_headers"})
# The earlier sets' ways of sending a mail a form of this set's is not sent with (the mail is one
# plain message: no forwarded attachment, no body holding the form).
_NOT_WITH = frozenset({"forwarded_eml", "body_html_form", "body_pictures"})

# What an Excel sheet's cells hold of the encodings: characters only (a sheet's print shows no
# Word formatting, field, control or shape).
_SHEET_CHECKBOXES = frozenset({"ballot", "square", "tick_replace", "tick_paren", "v_letter", "text_only", "circle",
                               "tick_after", "spaced_marks", "ballot_x", "paren_before", "box_then_tick", "letter_code",
                               "kou_boxes", "choice_written_below", "tick_cross", "box_after", "heavy_check",
                               "others_removed", "lenticular_tick", "boxed_square", "shi_marker", "radio_fisheye"})
_SHEET_STAND_INS = ("ballot", "square", "radio_fisheye")
# Layouts whose options are no text of a printed page (a picture, a worksheet object): a pen's
# circle has nothing to find, and a tick from an emoji or a symbol font nothing to be drawn in.
_PICTURE_LAYOUTS = frozenset({"table_screenshot", "excel_object", "cb_matrix"})
_COLUMN_STAND_INS = ("ballot", "tick_replace", "square")
# What people type into a spreadsheet's cells (no Word formatting, object, field or revision):
# the other sets' decorations a sheet's print keeps, and this set's.
_SHEET_DECORATIONS = frozenset({"org_credit_code", "phone_marked", "phone_spaced", "email_fullwidth", "phone_wechat",
                                "contact_role", "project_quoted", "phone_country_code", "email_with_name",
                                "inner_labels", "name_middle_dot", "phone_extension", "email_at_word", "wu_for_empty",
                                "contact_ditto", "post_before_name", "name_title", "phone_fullwidth",
                                "project_fullwidth_digits", "forwarded_eml", "app_default_names", "phone_hours",
                                "org_english", "email_fullwidth_all", "name_pinyin", "name_titles_slash",
                                "attached_twice", "inline_forward", "name_post_paren", "name_post_space", "name_spaced",
                                "org_seal", "org_gongzhang", "org_abbrev", "email_cn_period", "project_english",
                                "trailing_punctuation", "two_up_print", "no_tounicode", *PER_MAIL})
# A 申报系统's own PDF (the thirteenth set's): drawn from what its fields were given, no way of
# printing it is a person's.
_SYSTEM_LAYOUTS = frozenset({"system_pdf"})
# Layouts with a cell of their own for the leader's post: no post typed before the name.
_POST_LAYOUTS = frozenset({"diagonal_people"})
# Layouts whose label cells stand right before the leader's name and mobile (value_in_label_cell).
# (Not where a value is a field or a control, written a digit to a cell, or cut over cells.)
LABEL_CELL_LAYOUTS = frozenset({"alt_cols", "cb_matrix", "continued_rows", "continued_table", "merged_grid",
                                "nested_people", "outer_frame", "people_table", "personal_details", "remarks_column",
                                "row_tables", "side_by_side_people", "spaced_2col", "split_dates", "two_tables",
                                "type_in_org", "wps_header_footer", "wrapped_table", "landscape_twoup",
                                "vertical_group_labels", "old_template", "ragged_rows", "one_big_table",
                                "diagonal_people"})
# Layouts where no smart tag may wrap a value: a picture, a worksheet, a system's print or a
# spreadsheet's, a grid of characters, boxes measured to their text, frames, fields and controls,
# digits a cell each.
UNTAGGED_LAYOUTS = frozenset({"table_screenshot", "excel_object", "sheet_paste", "system_pdf", "text_grid",
                              "textbox_grid", "grouped_boxes", "table_in_textbox", "converted_frames",
                              "scan_background", "legacy_form_fields", "content_controls", "digit_cells",
                              "textbox_frame", *PDF_ONLY_LAYOUTS})
# Decorations that write the unit, the project, the e-mail or the phone so that more after them
# would pile up or not read (a code, a break, a seal, a field, a prompt, a revision).
_ORG_TAKEN = frozenset({"org_credit_code", "org_linebreak", "seal_image", "tracked_fill", "merge_fields",
                        "hint_left_in", "distributed_names", "org_english", "squeezed_text"})
_PROJECT_TAKEN = frozenset({"project_quoted", "project_softbreak", "hint_left_in", "tracked_fill", "merge_fields",
                            "comments_left", "footnote_marks", "squeezed_text", "project_fullwidth_digits",
                            "hidden_example"})
# Decorations that write the leader's name otherwise than as it is (a title, a prompt, a field, a
# revision, a box, spread or padded letters, a post, a pinyin).
_NAME_TAKEN = frozenset({"name_title", "hint_left_in", "tracked_fill", "merge_fields", "value_textbox",
                         "distributed_names", "name_gap", "post_before_name", "name_pinyin", "name_titles_slash"})
_CONTACT_TAKEN = frozenset({"contact_role", "name_gap", "contact_ditto", "distributed_names", "hint_left_in",
                            "tracked_fill", "merge_fields"})
_EMAIL_TAKEN = frozenset({"email_fullwidth", "email_hyperlink", "email_at_word", "email_fullwidth_all",
                          "email_with_name"})

_ABBREV_FORMS = ("（简称：{a}）", "（简称“{a}”）")
_STOPS = ("。", "；")
_NOTES = ("（不含自筹）", "（申请省科协资助部分）", "（不含单位自筹经费）")
_DAXIE_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_EVENT_ENGLISH = {"学术年会": "Annual Conference", "学术论坛": "Academic Forum", "学术研讨会": "Symposium",
                  "高峰论坛": "Summit Forum", "青年科学家论坛": "Young Scientists Forum",
                  "学术交流会": "Academic Exchange Meeting"}
_ORDINALS = {1: "st", 2: "nd", 3: "rd"}
THEME_ENGLISH = {
    "高质量发展": "High-Quality Development", "关键核心技术": "Key Core Technologies",
    "数字化转型": "Digital Transformation", "绿色低碳": "Green and Low-Carbon Development",
    "智能制造": "Intelligent Manufacturing", "乡村产业": "Rural Industries", "生态保护": "Ecological Protection",
    "种业创新": "Seed Industry Innovation", "新材料应用": "New Materials Application", "健康湖南": "Healthy Hunan",
    "人工智能赋能": "AI Empowerment", "产学研融合": "Industry-University-Research Integration",
    "青年科技人才": "Young Scientific Talents", "科技成果转化": "Transfer of Scientific Achievements",
    "标准体系建设": "Standard System Construction", "安全生产": "Work Safety", "防灾减灾": "Disaster Prevention and Reduction",
    "碳达峰碳中和": "Carbon Peaking and Carbon Neutrality", "先进计算": "Advanced Computing",
    "现代农业装备": "Modern Agricultural Equipment",
}


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- names in short and in English

def abbreviation(org: str) -> str | None:
    """The unit's short name as it calls itself (省光学学会, 长沙市科协, 湖南大学科协), or None."""
    m = re.fullmatch(r"湖南省(.+)学会", org)
    if m and "学会" not in m.group(1):
        return f"省{m.group(1)}学会"
    m = re.fullmatch(r"(.+)科学技术协会", org)
    if m:
        return f"{m.group(1)}科协"
    return None


def project_english(project: str) -> str | None:
    """The English name an academic event gives itself on its posters (2024 Hunan Optics Annual
    Conference, The 5th Hunan Optics Academic Forum), or None for a name the tables cannot put
    into English."""
    from benchmarks.gencorpus.holdout_variants_13 import DISCIPLINE_ENGLISH

    kinds = "|".join(sorted(_EVENT_ENGLISH, key=len, reverse=True))
    m = re.fullmatch(rf"2024年湖南省(.+?)({kinds})", project)
    if m and m.group(1) in DISCIPLINE_ENGLISH:
        return f"2024 Hunan {DISCIPLINE_ENGLISH[m.group(1)]} {_EVENT_ENGLISH[m.group(2)]}"
    m = re.fullmatch(rf"第(\d+)届湖南(.+?)({kinds})", project)
    if m and m.group(2) in DISCIPLINE_ENGLISH:
        n = int(m.group(1))
        suffix = "th" if 10 <= n % 100 <= 20 else _ORDINALS.get(n % 10, "th")
        return f"The {n}{suffix} Hunan {DISCIPLINE_ENGLISH[m.group(2)]} {_EVENT_ENGLISH[m.group(3)]}"
    themes = "|".join(sorted(THEME_ENGLISH, key=len, reverse=True))
    m = re.fullmatch(rf"长株潭(.+?)({themes})({kinds})", project)
    if m and m.group(1) in DISCIPLINE_ENGLISH:
        return (f"Changsha-Zhuzhou-Xiangtan {_EVENT_ENGLISH[m.group(3)]} on {DISCIPLINE_ENGLISH[m.group(1)]} and "
                f"{THEME_ENGLISH[m.group(2)]}")
    m = re.fullmatch(rf"({themes})与(.+?)创新发展({kinds})", project)
    if m and m.group(2) in DISCIPLINE_ENGLISH:
        return (f"{_EVENT_ENGLISH[m.group(3)]} on {THEME_ENGLISH[m.group(1)]} and Innovative Development of "
                f"{DISCIPLINE_ENGLISH[m.group(2)]}")
    return None


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "wingdings2_sym":
        return f"[ws2:{'F052' if chosen else 'F0A3'}]{label}"
    if style == "green_check":
        return f"{'✅' if chosen else '□'}{label}"
    if style == "radio_fisheye":
        return f"{'◉' if chosen else '○'}{label}"
    if style == "pen_circle":
        return f"□{label}"
    raise ValueError(style)


def daxie_traditional(wan: float) -> str:
    """An amount in 万元 in 大写 with 萬 (捌萬元整, 柒萬伍仟元整, 贰拾伍萬元整)."""
    yuan = round(wan * 10000)
    w, rest = divmod(yuan, 10000)
    out = ""
    if w:
        tens, ones = divmod(w, 10)
        out += (_DAXIE_DIGITS[tens] + "拾" if tens else "") + (_DAXIE_DIGITS[ones] if ones else "") + "萬"
    q, rest = divmod(rest, 1000)
    b = rest // 100
    if q:
        out += _DAXIE_DIGITS[q] + "仟"
    if b:
        out += ("零" if not q and w else "") + _DAXIE_DIGITS[b] + "佰"
    return out + "元整"


def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import wan_str

    if style == "wan_rmb_suffix":
        return f"{wan_str(app.funding_wan)}万元人民币"
    if style == "daxie_traditional":
        return _pick(app.aid + "-trad", ("人民币", "")) + daxie_traditional(app.funding_wan)
    if style == "wan_with_note":
        return f"{wan_str(app.funding_wan)}万元{_pick(app.aid + '-note', _NOTES)}"
    raise ValueError(style)


def fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "month_fen":
        if e.year != s.year:
            return f"{s.year}年{s.month}月份至{e.year}年{e.month}月份"
        return _pick(app.aid + "-fen", (f"{s.year}年{s.month}月份至{e.month}月份",
                                        f"{s.year}年{s.month}月份—{e.year}年{e.month}月份"))
    if style == "no_year":
        if e.year != s.year or s.year != 2024:  # (a form's year is 2024: a period beyond it names its years)
            return f"{s.year}年{s.month}月—{e.year}年{e.month}月"
        return _pick(app.aid + "-noyear", (f"{s.month}月—{e.month}月", f"{s.month}月至{e.month}月",
                                           f"{s.month}月-{e.month}月"))
    if style == "fullwidth_period":
        typed = _pick(app.aid + "-fw", (f"{s.year}年{s.month}月—{e.year}年{e.month}月",
                                        f"{s.year}.{s.month}—{e.year}.{e.month}"))
        return fullwidth(typed)
    raise ValueError(style)


def _plain_value(typed: str, value: str) -> bool:
    """Whether `typed` is `value` as it stands, nothing before or after it, no markup."""
    return typed == value and "[" not in typed


def project_text(app: App, typed: str, decorations: tuple[str, ...]) -> str:
    """The project name with its English name and a full stop after it."""
    name = app.project_name
    if "project_english" in decorations and (english := project_english(name)) and name in typed \
            and "[" not in typed:
        typed = typed.replace(name, f"{name}（{english}）", 1)
    if "trailing_punctuation" in decorations and typed.endswith(("）", name)) and "[" not in typed:
        typed += _pick(app.aid + "-stop", _STOPS)
    return typed


def org_text(app: App, typed: str, decorations: tuple[str, ...]) -> str:
    """The unit with its short name and a full stop after it."""
    org = app.applicant_org
    if "org_abbrev" in decorations and (short := abbreviation(org)) and _plain_value(typed, org):
        typed = org + _pick(app.aid + "-abbr", _ABBREV_FORMS).format(a=short)
    if "trailing_punctuation" in decorations and typed.startswith(org) and "[" not in typed:
        typed += _pick(app.aid + "-stop", _STOPS)
    return typed


def email_text(email: str | None, typed: str, decorations: tuple[str, ...]) -> str:
    """The e-mail (as the other decorations left it) with its dots typed in Chinese mode."""
    if not email or "email_cn_period" not in decorations or email not in typed or "[" in typed:
        return typed
    return typed.replace(email, email.replace(".", "。"))


def phone_text(app: App, typed: str, decorations: tuple[str, ...]) -> str:
    """The contact's phone with a full stop after it."""
    if "trailing_punctuation" not in decorations or not app.contact_phone or not _plain_value(typed, app.contact_phone):
        return typed
    return typed + _pick(app.aid + "-stop", _STOPS)


_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_WAN = re.compile(r"(\d+(?:\.\d+)?)万元")


def tagged(v: _V) -> None:
    """Word 2003's smart tags left around the names, the amount and the full dates of `v`."""
    app, decos = v.app, v.look.value_decos
    if "smart_tags" not in decos:
        return
    for attr, name in (("name", app.leader_name), ("contact", app.contact_name)):
        if _plain_value(getattr(v, attr), name):
            setattr(v, attr, f"[st:PersonName|ProductID={name}]{name}[/st]")
    amount = _WAN.fullmatch(v.funding)
    if amount:
        v.funding = (f"[st:chmetcnv|UnitName=万元|SourceValue={amount.group(1)}|HasSpace=False|Negative=False"
                     f"|NumberType=1|TCSC=0]{v.funding}[/st]")
    if "[" not in v.period:
        v.period = _FULL_DATE.sub(lambda m: (f"[st:chsdate|Year={m.group(1)}|Month={m.group(2)}|Day={m.group(3)}"
                                             f"|IsLunarDate=False|IsROCDate=False]{m.group(0)}[/st]"), v.period)


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a spreadsheet's cells hold characters only; a pen's
    circle, an emoji's tick or a symbol font's box needs its options printed as text (no picture,
    worksheet object or selection column)."""
    if layout in PDF_ONLY_LAYOUTS and checkbox not in _SHEET_CHECKBOXES:
        return _pick(aid + "-sheet", _SHEET_STAND_INS)
    if layout in _PICTURE_LAYOUTS and checkbox in CHECKBOXES and checkbox != "radio_fisheye":
        return _pick(aid + "-column", _COLUMN_STAND_INS)
    return checkbox


def shown(decorations: tuple[str, ...], layout: str) -> tuple[str, ...]:
    """The decorations drawn earlier less those a form of `layout` cannot show: in a spreadsheet's
    print nothing but typed text, no post before a name that has a post cell beside it."""
    if layout in PDF_ONLY_LAYOUTS:
        return tuple(d for d in decorations if d in _SHEET_DECORATIONS)
    if layout in _POST_LAYOUTS:
        return tuple(d for d in decorations if d != "post_before_name")
    return decorations


# Layouts that take no other writing of the unit's name: type_in_org and prose_letter write it
# their own way, and cover_table's cover fills it in as it is (its table has no unit row).
_NO_ORG_LAYOUTS = frozenset({"type_in_org", "prose_letter", "cover_table"})


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str, drawn_before: tuple[str, ...],
                     name_deco: str, org_deco: str) -> tuple[str, ...]:
    """This set's decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None or layout in _SYSTEM_LAYOUTS:  # (a system's own PDF: what its fields were given)
        return ()
    before = set(drawn_before)
    sheet = layout in PDF_ONLY_LAYOUTS
    shows = {
        "org_abbrev": abbreviation(app.applicant_org) is not None and org_deco == "plain"
                      and not _ORG_TAKEN & before and layout not in _NO_ORG_LAYOUTS,
        "email_cn_period": bool(app.contact_email) and not _EMAIL_TAKEN & before,
        "value_in_label_cell": layout in LABEL_CELL_LAYOUTS
                               and not {"value_textbox", "tracked_fill", "merge_fields", "hint_left_in"} & before,
        "project_english": project_english(app.project_name) is not None and not _PROJECT_TAKEN & before,
        "trailing_punctuation": not _ORG_TAKEN & before or not _PROJECT_TAKEN & before,
        "smart_tags": fmt in _OOXML_FORMATS and layout not in UNTAGGED_LAYOUTS
                      and (name_deco == "plain" and not _NAME_TAKEN & before or not _CONTACT_TAKEN & before),
        "scan_in_docx": fmt == "docx" and not {"misnamed_ext", "word_and_scan"} & before,
        "nested_archive": fmt in _ARCHIVES,
        "two_up_print": fmt in ("pdf", "scan_pdf") and not sheet,
        "no_tounicode": fmt == "pdf",
        "faint_skewed_scan": fmt == "scan_pdf",
        "bilevel_scan": fmt == "scan_pdf" and "faint_skewed_scan" not in drawn,
        "keystone_photo": fmt == "photo_jpg",
    }
    return tuple(d for d in drawn if shows[d])


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "old_template":
        return _old_template(v)
    if layout == "ragged_rows":
        return _ragged_rows(v)
    if layout == "one_big_table":
        return (Para("一、基本情况", "heading"), Table((1.3, 1.9, 1.1, 1.9), tuple(_big_basic_rows(v))))
    if layout == "excel_print":
        return (Para("一、基本情况", "heading"),
                Table((1.2, 4.0), tuple((Cell(label), Cell(value)) for label, value in pairs(v))))
    if layout == "diagonal_people":
        return _diagonal_people(v)
    if layout == "cells_as_paragraphs":
        return _cells_as_paragraphs(v)
    raise ValueError(layout)


def _head(v: _V) -> list[tuple[str, str]]:
    out = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        out.append((v.joint_label, v.joint))
    return out


def pairs(v: _V) -> list[tuple[str, str]]:
    """The basic part's (label, value) rows, as typed."""
    return _head(v) + [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
                       ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
                       ("起止时间", v.period)]


OLD_FUNDING_LABEL = "申请资助额度"


def old_labels(v: _V) -> tuple[str, str]:
    """Last year's labels for the amount and the joint units."""
    funding = v.funding_label.replace("申请经费", OLD_FUNDING_LABEL)
    return funding, "合作单位"


def _old_template(v: _V) -> tuple[Block, ...]:
    funding, joint = old_labels(v)
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project, 3)), (Cell("项目类型"), Cell(v.category, 3)),
                                    (Cell("承担单位"), Cell(v.org, 3)), (Cell("单位性质"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(joint), Cell(v.joint, 3)))
    rows += [(Cell("负责人"), Cell(v.name), Cell("移动电话"), Cell(v.leader_phone)),
             (Cell("经办人"), Cell(v.contact), Cell("办公电话"), Cell(v.contact_phone)),
             (Cell("电子信箱"), Cell(v.email, 3)), (Cell(funding), Cell(v.funding, 3)),
             (Cell("项目执行期"), Cell(v.period, 3))]
    return (Para("一、项目概况", "heading"), Table((1.2, 2.0, 1.1, 2.0), tuple(rows)))


def _ragged_rows(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project, 3)), (Cell("项目类别"), Cell(v.category, 3)),
                                    (Cell("申报单位"), Cell(v.org, 2)), (Cell("单位类型"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 3)))
    rows += [(Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone)),
             (Cell("项目联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email)), (Cell(v.funding_label), Cell(v.funding)),
             (Cell("起止时间"), Cell(v.period, 2))]
    return (Para("一、基本情况", "heading"), Table((1.1, 2.5, 1.0, 2.4), tuple(rows), ragged=True))


BIG_HEADER = ("栏　目", "填　写　内　容")
_CONTENT_PROMPT = "（项目背景、主要内容、实施计划、预期成果，限1500字）"


def _big_basic_rows(v: _V) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = [(Cell(label), Cell(value, 3)) for label, value in _head(v)]
    rows += [(Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone)),
             (Cell("项目联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email, 3)), (Cell(v.funding_label), Cell(v.funding, 3)),
             (Cell("起止时间"), Cell(v.period, 3))]
    return rows


def whole_form(v: _V, compact: bool) -> tuple[Block, ...]:
    """The form after its cover as one table (see LAYOUTS["one_big_table"]); a scan's or a
    photo's printout leaves the content and the budget out, as the other layouts do."""
    from benchmarks.gencorpus.forms import YUAN_LABEL_FUNDINGS, _budget

    app, look = v.app, v.look

    def part(title: str) -> tuple[Cell, ...]:
        return (Cell(title, 4, shade=True),)

    rows: list[tuple[Cell, ...]] = [(Cell(BIG_HEADER[0], shade=True), Cell(BIG_HEADER[1], 3, shade=True)),
                                    part("一、基本情况"), *_big_basic_rows(v)]
    if not compact:
        rows += [part("二、项目主要内容"), (Cell("\n".join((f"[grey]{_CONTENT_PROMPT}[/grey]", *app.content,
                                                              *_more_content(app))), 4),)]
        unit_yuan = look.funding in ("yuan", "yuan_comma") or look.funding in YUAN_LABEL_FUNDINGS
        rows += [part("三、经费预算"), (Cell("", 4, nested=_budget(app, unit_yuan)),),
                 part("四、项目组主要成员"), (Cell("", 4, nested=_team(v)),),
                 part("五、绩效目标"), (Cell("", 4, nested=_targets(app)),)]
    # (The opinions' cells are tall, for the signatures and the seals.)
    approval = "\n".join((app.approval_text, "", "", "负责人（签字）：", "", "（单位盖章）", "2024年4月　日"))
    review = "\n".join((app.city_review_text or " ", "", "", "", "（市州科协盖章）", "年　月　日"))
    opinions = ("六、申报单位意见", "七、市州科协审核意见") if not compact else ("二、申报单位意见", "三、市州科协审核意见")
    rows += [part(opinions[0]), (Cell(approval, 4),), part(opinions[1]), (Cell(review, 4),)]
    return (Table((1.3, 1.9, 1.1, 1.9), tuple(rows), header_rows=1),)


def _team(v: _V) -> Table:
    """The team: the leader first, the members after, the contact last (序号 | 姓名 | 职务/职称 | 项目分工 | 联系电话)."""
    app = v.app
    rows: list[tuple[Cell, ...]] = [tuple(Cell(h) for h in ("序号", "姓名", "职务/职称", "项目分工", "联系电话"))]
    people = [(v.name, app.leader_post, "项目负责人，总体统筹", v.leader_phone)]
    people += [(name, post, "组织实施", phone) for name, post, phone in app.members]
    people.append((v.contact, "办公室", "联络协调、材料报送", v.contact_phone))
    rows += [(Cell(str(k)), Cell(n), Cell(p), Cell(r), Cell(ph)) for k, (n, p, r, ph) in enumerate(people, 1)]
    return Table((0.5, 1.0, 1.3, 1.8, 1.6), tuple(rows))


def _targets(app: App) -> Table:
    """The 绩效目标 table the newer templates ask for: indicators and their values."""
    rows = [("一级指标", "二级指标", "指标值"), ("产出指标", "举办活动（场次）", "≥3"),
            ("产出指标", "服务人数（人次）", "≥200"), ("产出指标", "形成报告（份）", "1"),
            ("效益指标", "社会效益", "提升服务能力"), ("满意度指标", "服务对象满意度", "≥90%")]
    return Table((1.2, 2.0, 1.4), tuple(tuple(Cell(c) for c in r) for r in rows))


def _more_content(app: App) -> tuple[str, ...]:
    """What a unit writes under 项目主要内容 besides the three short paragraphs: the plan by months
    and the expected results (so that the table runs over a page)."""
    s, e = app.start, app.end
    return (f"四、实施计划。{s.year}年{s.month}月完成方案制定和专家遴选；其后组织调研、交流与服务活动，"
            f"{e.year}年{e.month}月完成总结验收。",
            "五、预期成果。形成调研报告1份、工作简报若干期，服务企业和基层科技工作者不少于200人次，"
            "相关成果报送省科协。",
            "六、经费使用。经费严格按照省科协项目经费管理有关规定使用，专款专用，接受审计监督。")


_TITLES = ("教授", "研究员", "高级工程师", "副教授", "副研究员", "正高级工程师")
_CONTACT_TITLES = ("工程师", "助理研究员", "讲师", "/")
_CONTACT_POSTS = ("办公室主任", "秘书处干事", "办公室")
_TITLE_POSTS = frozenset({"教授", "研究员", "高级工程师"})  # posts (in pools.POSTS) that are titles, not offices
DIAGONAL_CORNER = "信息\n人员"
DIAGONAL_COLUMNS = ("姓名", "职称", "职务", "联系电话", "电子邮箱")


def people_titles(app: App) -> tuple[tuple[str, str], tuple[str, str]]:
    """(职称, 职务) of the leader and of the contact: a post that is a title goes under 职称."""
    if app.leader_post in _TITLE_POSTS:
        leader = (app.leader_post, "/")
    else:
        leader = (_pick(app.aid + "-title", _TITLES), app.leader_post)
    return leader, (_pick(app.aid + "-ctitle", _CONTACT_TITLES), _pick(app.aid + "-cpost", _CONTACT_POSTS))


def _diagonal_people(v: _V) -> tuple[Block, ...]:
    (lt, lp), (ct, cp) = people_titles(v.app)
    rows: list[tuple[Cell, ...]] = [(Cell(label), Cell(value, 5)) for label, value in _head(v)]
    rows += [(Cell(DIAGONAL_CORNER, diagonal=True), *(Cell(h, shade=True) for h in DIAGONAL_COLUMNS)),
             (Cell("项目负责人"), Cell(v.name), Cell(lt), Cell(lp), Cell(v.leader_phone), Cell("")),
             (Cell("项目联系人"), Cell(v.contact), Cell(ct), Cell(cp), Cell(v.contact_phone), Cell(v.email)),
             (Cell(v.funding_label), Cell(v.funding, 5)), (Cell("起止时间"), Cell(v.period, 5))]
    return (Para("一、基本情况", "heading"), Table((1.25, 1.0, 1.05, 1.1, 1.4, 1.9), tuple(rows)))


def _cells_as_paragraphs(v: _V) -> tuple[Block, ...]:
    """Each cell of a 4-column basic table a paragraph, in the table's order (a row's cells left
    to right); a cell's own lines stay lines."""
    cells: list[str] = []
    for label, value in _head(v):
        cells += [label, value]
    cells += ["项目负责人", v.name, "手机", v.leader_phone, "项目联系人", v.contact, "联系电话", v.contact_phone,
              "电子邮箱", v.email, v.funding_label, v.funding, "起止时间", v.period]
    return (Para("一、基本情况", "heading"), *(Para(text) for text in cells if text))


# ---------------------------------------------------------------------------- a value typed into its label's cell

_LEADER_LABELS = frozenset({"项目负责人", "负责人", "姓名"})
_PHONE_LABELS = frozenset({"负责人手机", "手机", "移动电话", "手机号码"})
_INTO_LABEL = ("：", "　", "\n")


def after_basic(v: _V, blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """`blocks` with the leader's name and mobile moved into their label cells (value_in_label_cell)."""
    if "value_in_label_cell" not in v.look.value_decos:
        return blocks
    sep = _pick(v.app.aid + "-into", _INTO_LABEL)
    values = {plain(v.name): _LEADER_LABELS, plain(v.leader_phone): _PHONE_LABELS}
    return tuple(_into_labels(b, values, sep) if isinstance(b, Table) else b for b in blocks)


def _into_labels(table: Table, values: dict[str, frozenset[str]], sep: str) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for row in table.rows:
        cells = list(row)
        for i in range(len(cells) - 1):
            label, value = cells[i], cells[i + 1]
            bare = re.sub(r"[\s　]", "", plain(label.text))
            shown_value = plain(value.text)
            if shown_value and shown_value in values and bare in values[shown_value] and value.vmerge is None:
                cells[i] = replace(label, text=f"{label.text}{sep}{value.text}")
                cells[i + 1] = replace(value, text="")
        rows.append(tuple(replace(c, nested=_into_labels(c.nested, values, sep)) if c.nested else c for c in cells))
    return replace(table, rows=tuple(rows))


# ---------------------------------------------------------------------------- a spreadsheet's print

def drawn_pdf(look: Look) -> bool:
    """Whether the form's PDF is a spreadsheet's print, not LibreOffice Writer's of the .docx."""
    return look.layout in PDF_ONLY_LAYOUTS


_SHEET_COLUMNS = (10.0, 9.0, 9.0, 9.0, 10.0, 9.0, 9.0, 10.0)  # A–H, in the sheet's character widths
_SHEET_LINE_PT = 15.0


def _sheet_lines(text: str, width: float) -> int:
    from benchmarks.gencorpus.holdout_variants_12 import cells

    return sum(max(1, -(-cells(line) // max(1, int(width - 1.5)))) for line in text.split("\n"))


def sheet_xlsx(app: App, look: Look) -> bytes:
    """The form as the office's Excel version of it (see LAYOUTS["excel_print"]): the values the
    form's other layouts would carry, as typed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from benchmarks.gencorpus.forms import _V, budget_lines, wan_str

    v = _V(app, look)
    wb = Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = app.contact_name
    wb.properties.title = "项目申报书"
    ws = wb.active
    assert ws is not None
    ws.title = "申报书"
    for k, width in enumerate(_SHEET_COLUMNS):
        ws.column_dimensions[chr(ord("A") + k)].width = width
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="宋体", size=11)
    row = 1

    def put(spans: list[tuple[int, int, str]], *, bold: bool = False, ruled: bool = True, size: float = 11,
            centre: bool = False, height: float | None = None) -> None:
        nonlocal row
        lines = 1
        for first, last, text in spans:
            if last > first:
                ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
            ws.cell(row, first, plain(text))
            lines = max(lines, _sheet_lines(plain(text), sum(_SHEET_COLUMNS[first - 1:last])))
            for col in range(first, last + 1):
                cell = ws.cell(row, col)
                cell.font = Font(name="宋体", size=size, bold=bold) if (bold or size != 11) else font
                cell.alignment = Alignment(wrap_text=True, vertical="center",
                                           horizontal="center" if centre else "left")
                if ruled:
                    cell.border = box
        ws.row_dimensions[row].height = height or lines * _SHEET_LINE_PT + 5
        row += 1

    put([(1, 8, "2024年度湖南省科协科技创新服务能力提升计划项目申报书")], bold=True, ruled=False, size=16,
        centre=True, height=32)
    put([(1, 8, "填报日期：2024年4月　日")], ruled=False)
    put([(1, 8, "一、基本情况")], bold=True, ruled=False)
    people = {"项目负责人": ("负责人手机", "手机"), "项目联系人": ("联系电话", "电话")}
    values = dict(pairs(v))
    for label, value in pairs(v):
        if label in ("负责人手机", "联系电话"):
            continue
        if label in people:
            key, short = people[label]
            put([(1, 2, label), (3, 4, value), (5, 5, short), (6, 8, values[key])])
        else:
            put([(1, 2, label), (3, 8, value)])
    put([(1, 8, "二、项目主要内容")], bold=True, ruled=False)
    put([(1, 8, "\n".join(app.content))])
    put([(1, 8, "三、经费预算（单位：万元）")], bold=True, ruled=False)
    put([(1, 1, "序号"), (2, 4, "支出科目"), (5, 6, "金额"), (7, 8, "测算依据")], centre=True)
    for k, (name, yuan) in enumerate(budget_lines(app), 1):
        put([(1, 1, str(k)), (2, 4, name), (5, 6, wan_str(yuan / 10000)), (7, 8, "按实际需要")])
    put([(1, 4, "合计"), (5, 6, wan_str(app.funding_wan)), (7, 8, "")])
    put([(1, 8, "四、申报单位意见")], bold=True, ruled=False)
    put([(1, 8, "\n".join((app.approval_text, "", "负责人（签字）：　　　　　　　（单位盖章）", "2024年4月　日")))])
    put([(1, 8, "五、市州科协审核意见")], bold=True, ruled=False)
    put([(1, 8, "\n".join((app.city_review_text or " ", "", "（市州科协盖章）　　　　年　月　日")))])
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    raw = io.BytesIO()
    wb.save(raw)
    return raw.getvalue()


def sheet_pdfs(forms: dict[str, tuple[App, Look]], work: Path) -> dict[str, bytes]:
    """The forms' workbooks printed to PDF by LibreOffice Calc in one call (keys are file stems)."""
    if not forms:
        return {}
    src, out = work / "src-xlsx", work / "out-xlsx"
    src.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    for stem, (app, look) in forms.items():
        (src / f"{stem}.xlsx").write_bytes(sheet_xlsx(app, look))
    names = sorted(str(src / f"{stem}.xlsx") for stem in forms)
    profile = work / "lo-profile"
    for i in range(0, len(names), 60):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf:calc_pdf_Export", "--outdir", str(out), *names[i:i + 60]],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    result: dict[str, bytes] = {}
    for stem in forms:
        path = out / f"{stem}.pdf"
        if not path.exists():
            raise RuntimeError(f"soffice wrote no {path.name}")
        result[stem] = path.read_bytes()
    return result


# ---------------------------------------------------------------------------- PDFs as printers write them

def two_up(pdf: bytes) -> bytes:
    """Two pages to a landscape A4 sheet (每版打印2页): each page scaled to half the sheet, side
    by side, the text still text."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    width, height = 841.89, 595.28
    pages = list(reader.pages)
    for k in range(0, len(pages), 2):
        sheet = PageObject.create_blank_page(width=width, height=height)
        for slot, page in enumerate(pages[k:k + 2]):
            pw, ph = float(page.mediabox.width), float(page.mediabox.height)
            scale = min((width / 2 - 24) / pw, (height - 24) / ph)
            x = slot * width / 2 + (width / 2 - pw * scale) / 2
            y = (height - ph * scale) / 2
            sheet.merge_transformed_page(page, Transformation().scale(scale, scale).translate(x, y))
        writer.add_page(sheet)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def without_tounicode(pdf: bytes) -> bytes:
    """The PDF with every font's ToUnicode map removed (the glyphs as they were)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for page in writer.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
            for child in font.get("/DescendantFonts", []):
                child = child.get_object()
                if "/ToUnicode" in child:
                    del child[NameObject("/ToUnicode")]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def printed(pdf: bytes, decorations: tuple[str, ...]) -> bytes:
    """The PDF as the unit's printer wrote it: two pages to a sheet, fonts without their maps."""
    if "two_up_print" in decorations:
        pdf = two_up(pdf)
    if "no_tounicode" in decorations:
        pdf = without_tounicode(pdf)
    return pdf


def scan_style(decorations: tuple[str, ...]) -> str:
    if "faint_skewed_scan" in decorations:
        return "faint_skewed"
    if "bilevel_scan" in decorations:
        return "bilevel"
    return ""


def pen_rings(app: App, checkbox: str) -> Any:
    """The options circled by pen on the printout of a form with `checkbox`, if any (a PenTicks)."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES
    from benchmarks.gencorpus.media import PenTicks

    if checkbox != "pen_circle":
        return None
    return PenTicks((app.subcategory, app.applicant_type), (*(i for its in CATEGORY_ITEMS.values() for i in its), *TYPES))


def scanned_docx(pdf: bytes, rng: random.Random, seal: str, author: str) -> bytes:
    """The stamped printout scanned and its pages pasted into a Word file, a picture to a page
    (the scanner's JPEGs as they are)."""
    from pypdf import PdfReader

    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.media import scan_pdf

    scan = PdfReader(io.BytesIO(scan_pdf(pdf, rng, seal)))
    # (A picture as wide as the text is taller than half a page: each page's picture is on a page of its own.)
    return build_docx(tuple(Picture(page.images[0].data, 16.4) for page in scan.pages), author)


def scanned_name(name: str) -> str:
    stem, _, ext = name.rpartition(".")
    return f"{stem}（盖章扫描版）.{ext}"


def inner_archive_name(app: App) -> str:
    return _pick(app.aid + "-inner", (f"{app.applicant_org}.zip", f"{app.applicant_org}申报材料.zip",
                                      "申报材料.zip"))


# ---------------------------------------------------------------------------- how the mail is sent

def _with(look: Look, decoration: str) -> Look:
    if decoration in look.decorations:
        return look
    return replace(look, decorations=(*look.decorations, decoration), value_decos=(*look.value_decos, decoration))


def _without(look: Look, decorations: frozenset[str]) -> Look:
    return replace(look, decorations=tuple(d for d in look.decorations if d not in decorations),
                   value_decos=tuple(d for d in look.value_decos if d not in decorations))


def settle(mails: list[MailPlan]) -> None:
    """The mails' ways of sending (no draw of a plan's generator: each mail draws by its
    message id): a file holding two forms or pasted into a body keeps none of this set's ways of
    sending a file; a reply to the notice, a forward of a forward, raw GBK headers."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt != "none"]
        for f in sent:
            if {"one_file_two_forms", "body_html_form"} & set(f.look.decorations):
                f.look = _without(f.look, PER_FILE)
            if "scan_in_docx" in f.look.decorations:
                f.filename = scanned_name(f.filename)
        if not sent or m.forwarded is not None or _NOT_WITH & {d for f in sent for d in f.look.decorations}:
            continue
        ways: list[str] = []
        if m.scenario != "resend" and not any("inline_forward" in f.look.decorations for f in sent) \
                and _odds(m.message_id + "-reply", REPLY_ODDS):
            _reply_to_notice(m)
            ways.append("reply_to_notice")
        elif m.scenario != "resend" and _odds(m.message_id + "-chain", CHAIN_ODDS):
            _forward_chain(m, once=any("inline_forward" in f.look.decorations for f in sent))
            ways.append("forward_chain")
        if _odds(m.message_id + "-raw", RAW_ODDS):
            ways.append("raw_8bit_headers")
        for f in sent:
            for way in ways:
                f.look = _with(f.look, way)


NOTICE_SUBJECT = "关于组织申报2024年度湖南省科协科技创新服务能力提升计划项目的通知"
NOTICE_SENDER = ("湖南省科协科技创新部", "hnkxxhb@126.com")
NOTICE_ID = "<20240408150512.1a2b3c4d@126.com>"
NOTICE_LINES = (
    "各有关单位：",
    "现将《2024年度湖南省科协科技创新服务能力提升计划项目申报指南》（附件1）印发给你们，请按要求认真组织申报。",
    "一、申报类别：科技创新服务能力建设项目（学术交流、科技创新联盟建设、“科创中国”试点城市建设、学会服务站建设等）"
    "和学会自身能力建设项目。",
    "二、请于2024年4月30日17:00前将申报书电子版发送至hnkxxhb@126.com，纸质版一式3份寄送至长沙市东风路17号"
    "（省科协办公楼204室），邮编：410005。",
    "三、联系人及电话：杨青（0731—85821051，13875958029）。",
    "附件：1.申报指南 2.项目申报书",
    "湖南省科协科技创新部",
    "2024年4月8日",
)
_REPLY_PREFIX = {"qq": "回复：", "foxmail": "回复：", "outlook": "答复: ", "coremail": "Re:", "apple": "回复：",
                 "thunderbird": "Re: "}


def _reply_to_notice(m: MailPlan) -> None:
    """The unit answers the notice it received: its lines above, the notice quoted below as its
    client quotes (a header block, or > before each line), the reply's threading headers."""
    from benchmarks.gencorpus.holdout_variants_13 import _QUOTE_RULES

    name, address = NOTICE_SENDER
    if m.client in ("apple", "thunderbird"):
        intro = ("在 2024年4月8日，下午3:05，湖南省科协科技创新部 <hnkxxhb@126.com> 写道：" if m.client == "apple"
                 else "在 2024/4/8 15:05, 湖南省科协科技创新部 写道:")
        quoted = [intro, *(f"> {line}" for line in NOTICE_LINES)]
    else:
        header = [f"发件人: \"{name}\"<{address}>;", "发送时间: 2024年4月8日(星期一) 下午3:05",
                  f"收件人: \"{m.sender_name}\"<{m.sender}>;", f"主题: {NOTICE_SUBJECT}"]
        if m.client not in ("qq", "foxmail"):
            header = [f"发件人: {name} <{address}>", "发送时间: 2024年4月8日 15:05",
                      f"收件人: {m.sender_name} <{m.sender}>", f"主题: {NOTICE_SUBJECT}"]
        quoted = [_QUOTE_RULES[m.client], *header, "", *NOTICE_LINES]
    m.body = "\n".join((m.body, "", "", *quoted))
    m.subject = _REPLY_PREFIX[m.client] + NOTICE_SUBJECT
    m.headers = (("In-Reply-To", NOTICE_ID), ("References", NOTICE_ID))


_CHAIN_NOTES = ("请查收。", "转给您，请查收，谢谢！", "您好，转发申报材料，请查收。")


def _forward_chain(m: MailPlan, once: bool) -> None:
    """The mail forwarded inline by someone (the thirteenth set's forward, unless it was `once`
    already), then forwarded again by a second person: a second note above the first forward's
    header block."""
    from benchmarks.gencorpus import pools
    from benchmarks.gencorpus.holdout_variants_13 import _FORWARD_PREFIX, _QUOTE_RULES, _WEEKDAYS, _forward_inline

    if not once:
        _forward_inline(m)
    rng = random.Random(f"forward-chain-{m.message_id}")
    second, address = pools.person(rng), pools.email(rng)
    when = m.sent_at - timedelta(minutes=rng.randint(10, 300))
    if m.client in ("qq", "foxmail"):
        header = [f"发件人: \"{m.sender_name}\"<{m.sender}>;",
                  f"发送时间: {when.year}年{when.month}月{when.day}日(星期{_WEEKDAYS[when.weekday()]}) "
                  f"{'上午' if when.hour < 12 else '下午'}{(when.hour - 1) % 12 + 1}:{when.minute:02d}",
                  f"收件人: \"{second}\"<{address}>;", f"主题: {m.subject}"]
    else:
        header = [f"发件人: {m.sender_name} <{m.sender}>", f"发送时间: {when.year}年{when.month}月{when.day}日 {when:%H:%M}",
                  f"收件人: {second} <{address}>", f"主题: {m.subject}"]
    m.body = "\n".join((rng.choice(_CHAIN_NOTES), "", "", _QUOTE_RULES[m.client], *header, "", m.body))
    m.subject = _FORWARD_PREFIX[m.client] + m.subject
    m.sender, m.sender_name = address, second
    h = hashlib.sha1(f"chain-{m.message_id}".encode()).hexdigest()
    m.message_id = f"<{h[:16]}.{h[16:28]}@{address.rsplit('@', 1)[1]}>"


_RFC2231 = re.compile(rb"(filename|name)\*(?:0\*)?=([\w-]+)''([^;\r\n]*)((?:;\r\n\t\1\*\d+\*=[^;\r\n]*)*)")
_PIECES = re.compile(rb"\*\d+\*=([^;\r\n]*)")
_ENCODED_PARAM = re.compile(rb"((?:file)?name)=\"(=\?[^\"]*\?=)\"")
_SUBJECT = re.compile(rb"^Subject: ((?:[^\r\n]|\r\n[ \t])*)", re.M)


def _gbk(text: str) -> bytes | None:
    try:
        return text.encode("gbk")
    except UnicodeEncodeError:
        return None


def _decoded(value: bytes) -> str:
    from email.header import decode_header, make_header

    return str(make_header(decode_header(value.decode("ascii").replace("\r\n", ""))))


def raw_headers(eml: bytes) -> bytes:
    """`eml` with its Subject and its parts' file names as raw GBK bytes (no encoded words, no
    RFC 2231 parameters); a name GBK cannot hold is left as it was."""
    from urllib.parse import unquote_to_bytes

    head, sep, body = eml.partition(b"\r\n\r\n")
    subject = _SUBJECT.search(head)
    if subject is not None and (raw := _gbk(_decoded(subject.group(1)))) is not None:
        head = head[:subject.start(1)] + raw + head[subject.end(1):]

    def encoded(m: re.Match[bytes]) -> bytes:
        raw = _gbk(_decoded(m.group(2)))
        return m.group(1) + b"=\"" + raw + b"\"" if raw is not None else m.group(0)

    def rfc2231(m: re.Match[bytes]) -> bytes:
        data = unquote_to_bytes(m.group(3)) + b"".join(unquote_to_bytes(p) for p in _PIECES.findall(m.group(4)))
        raw = _gbk(data.decode(m.group(2).decode()))
        return m.group(1) + b"=\"" + raw + b"\"" if raw is not None else m.group(0)

    body = _RFC2231.sub(rfc2231, _ENCODED_PARAM.sub(encoded, body))
    return head + sep + body

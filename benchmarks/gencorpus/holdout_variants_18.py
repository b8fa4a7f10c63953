"""The eighteenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-07 at 0e43d2d), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, convert and send the call's Word/WPS 申报书 template today: the basic
part written by an AI chat assistant (文心一言, 豆包, Kimi) and pasted with its Markdown left in (a
pipe table, | 项目名称 | … |, after the assistant's opening sentence); the basic table copied out of
an Excel sheet and pasted as plain text (选择性粘贴 → 无格式文本: a row a paragraph, its cells
separated by tabs, a cell of several lines in Excel's double quotes); the template's grid with thin
empty cells left between each label and its value (the template redrawn or converted, each value
typed into the wider cell after the blank one); the basic part as two tables side by side in a
borderless layout table (project and unit on the left, people and money on the right, as units
fit it onto one page); the basic part as WeChat-style lines with the labels in 【】 (【项目名称】…),
as a notice copied from a 公众号 or a chat is laid out. The options numbered ①②③… with the chosen
one's number written after the list (所选序号：⑤); a Markdown task list's [x] for the chosen option
and [ ] for the others; ◆ for the chosen option and ◇ for the others (an input method's symbol
palette). The amount in 千元 (80千元, as finance offices' tables count), or in 万元 with its 元 in
brackets (8万元（80000元）); the period with two-digit years and dots (24.05-24.12), or with the
Chinese IME's doubled dash ——. The contact's name followed by 老师 (李娜老师, as schools and
associations name their staff); the project's name marked as provisional (（暂定名）); the project and
the unit left inside the template's 【】 placeholders they were typed into; the applicant's hedge
after the period or the amount (（以立项批复时间为准）, （以实际批复金额为准）); the e-mail typed as the
mailto: address copied from a link. Sent packed by a 国产 (UOS, 麒麟) desktop's archive manager as
.tar.gz; an archive split into 7-Zip volumes (.7z.001, .7z.002) because of a mailbox's limit; a
7z archive named .zip (好压/360压缩 set to 7z, the name typed .zip); phone photos saved as WebP (微信's
saved pictures, an Android gallery's export); a file whose name carries its extension twice
(申报书.docx.docx, 申报书.docx.pdf: extensions hidden by Windows, typed again); a file whose
extension is upper-case (.DOCX, .PDF, as a scanner or an old system's share names it); a mail
whose encoded-words (RFC 2047) are cut in the middle of a character (the subject's and the
files' names, as some clients and gateways cut them by bytes).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (Markdown's pipes and a chat's brackets are no part of a value; 80千元
is 8万元; 24.05 is May 2024; a ◆, an [x] or the number written after the list names the chosen
option; 老师, 暂定名, a placeholder's 【】, a hedge and mailto: are no part of the values they stand by;
the files sent are the form whatever their container, their names or their headers).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import hashlib
import io
import random
import re
import tarfile
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from benchmarks.gencorpus import holdout_variants_14 as hv14
from benchmarks.gencorpus import holdout_variants_15 as hv15
from benchmarks.gencorpus import holdout_variants_16 as hv16
from benchmarks.gencorpus import holdout_variants_17 as hv17
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "markdown_table": "no table: the basic part as an AI chat assistant wrote it and it was pasted with its Markdown "
                      "left in: the assistant's opening sentence, then a pipe table (| 项目 | 内容 |, | --- | --- |, "
                      "| 项目名称 | … |), a cell's several lines joined by <br>",
    "tsv_pasted": "no table: the basic table copied out of an Excel sheet and pasted as plain text (无格式文本): a row "
                  "a paragraph, its cells separated by tabs (项目负责人⇥王伟⇥负责人手机⇥138…), a cell of several lines "
                  "in Excel's double quotes over as many paragraphs",
    "spacer_columns": "6-column grid with a thin empty cell between each label and its value (label | blank | value "
                      "| label | blank | value), as a redrawn or converted template leaves them, the value typed "
                      "into the wider cell after the blank",
    "side_by_side": "two 2-column tables side by side in a borderless layout table: the project and the unit on the "
                    "left, the people, the amount and the period on the right, each under its own heading",
    "bracket_labels": "no table: WeChat-style lines, each label in 【】 and its value after it (【项目名称】…, "
                      "【项目负责人】王伟), as a notice copied from a 公众号 or a chat lays them out",
}
# Layouts with no table at all.
_PARAGRAPH_LAYOUTS = frozenset({"markdown_table", "tsv_pasted", "bracket_labels"})

CHECKBOXES: dict[str, str] = {
    "numbered_choice": "the options numbered ①②③… and the chosen one's number written after the list "
                       "(所选序号：⑤, 选择：⑤, （填序号）5), no mark on any option",
    "md_task": "a Markdown task list's boxes: [x] before the chosen option, [ ] before the others",
    "diamond": "◆ before the chosen option, ◇ before the others (an input method's symbol palette)",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()
# Encodings that write each option list as a whole (the numbers and the answer after them).
LIST_CHECKBOXES = frozenset({"numbered_choice"})

FUNDINGS: dict[str, str] = {
    "qian_yuan": "80千元, 80.0千元, 80 千元 (the amount in thousands of 元, as finance offices' tables count)",
    "wan_yuan_paren": "8万元（80000元）, 8万元（80,000元）, 8万元（即80000元） (万元 with its 元 in brackets)",
}
DATES: dict[str, str] = {
    "two_digit_dotted": "24.05-24.12, 24.5—24.12, 24.05～24.12 (two-digit years, year and month joined by a dot)",
    "double_dash": "2024年5月——2024年12月, 2024.05——2024.12 (the Chinese input method's doubled dash for —)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "contact_laoshi": "the contact's name followed by 老师 (李娜老师), as schools and associations name their staff",
    "project_tentative": "the project's name marked as provisional: 2024年湖南省光学学术年会（暂定名）, …（暂定）",
    "placeholder_brackets": "the project and the unit left inside the template's 【】 placeholders they were typed "
                            "into: 【2024年湖南省光学学术年会】, 【湖南省光学学会】",
    "period_hedge": "the applicant's hedge after the period: 2024年5月—2024年12月（以立项批复时间为准）",
    "amount_hedge": "the applicant's hedge after the amount: 8万元（以实际批复金额为准）",
    "mailto_typed": "the e-mail typed as the mailto: address copied from a link (mailto:lina@hnoptics.org.cn)",
    "tar_gz_archive": "packed as .tar.gz by a 国产 desktop's archive manager (UOS, 麒麟 归档管理器), UTF-8 names, in "
                      "place of the zip or the 7z",
    "split_volumes": "the archive split into 7-Zip volumes (name.7z.001, name.7z.002; name.zip.001…) sent together, "
                     "as a mailbox's attachment limit makes people split it",
    "archive_ext_mismatch": "a 7z archive sent under a .zip name (好压 or 360压缩 set to 7z, the name typed .zip)",
    "photos_webp": "the phone photos saved as WebP (微信's saved pictures, an Android gallery's export), .webp names "
                   "(in place of a program's pages as PNG, where those were drawn)",
    "double_extension": "the file's name carries its extension twice, Windows hiding the first: 申报书.docx.docx, "
                        "申报书.pdf.pdf, 申报书.docx.pdf (forms sent as .docx or PDF)",
    "upper_ext": "the file's extension upper-case, as a scanner's or an old system's share names it: 申报书.DOCX, "
                 "申报书.PDF (forms sent as .docx or PDF)",
    "split_encoded_words": "the mail's encoded-words (RFC 2047: the subject, the files' names) cut by bytes, in the "
                           "middle of a character, as some clients and mail gateways fold them",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 4.0 for name in LAYOUTS}, "numbered_choice": 5.0, "md_task": 4.0,
                             "diamond": 4.0}
DECORATION_ODDS: dict[str, float] = {"contact_laoshi": 0.2, "project_tentative": 0.15, "placeholder_brackets": 0.15,
                                     "period_hedge": 0.15, "amount_hedge": 0.15, "mailto_typed": 0.2,
                                     "archive_ext_mismatch": 0.6, "tar_gz_archive": 0.45, "split_volumes": 0.5,
                                     "photos_webp": 0.8, "double_extension": 0.25, "upper_ext": 0.25}
# The mails' own odds (`settle`).
SPLIT_WORD_ODDS = 0.2

VALUE_DECORATIONS = frozenset({"contact_laoshi", "project_tentative", "placeholder_brackets", "period_hedge",
                               "amount_hedge", "mailto_typed"})
PER_FILE = frozenset({"tar_gz_archive", "split_volumes", "archive_ext_mismatch", "photos_webp", "double_extension",
                      "upper_ext"})
PER_MAIL = frozenset({"split_encoded_words"})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_ARCHIVES = frozenset({"zip_utf8", "zip_gbk", "7z"})
_WAY_FORMATS = {"tar_gz_archive": _ARCHIVES, "split_volumes": _ARCHIVES, "archive_ext_mismatch": frozenset({"7z"}),
                "photos_webp": frozenset({"photo_jpg"}), "double_extension": frozenset({"docx", "pdf"}),
                "upper_ext": frozenset({"docx", "pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with: those that send
# no file of the form's own (two forms in one file, a link, the fields in the body, the form in the
# body, a web page, the files inside winmail.dat), and for each way those that make its file
# otherwise (a locked archive, a Mac's zip, a RAR; photos pasted into the body, a program's pages, a
# scanner app's files, a photo turned by its EXIF; a name given by a program, the other Word
# format's extension, a template, OFD, the Word file and its PDF).
_NEVER_WITH = hv17._NEVER_WITH | {"tnef_winmail", "cloud_link_only"}
_ARCHIVE_CONFLICTS = _NEVER_WITH | {"archive_password", "macos_zip", "rar_archive"}
_NAME_CONFLICTS = _NEVER_WITH | {"misnamed_ext", "template_saved", "ofd_export", "app_default_names", "word_and_pdf"}
_CONFLICTS = {"tar_gz_archive": _ARCHIVE_CONFLICTS, "split_volumes": _ARCHIVE_CONFLICTS,
              "archive_ext_mismatch": _ARCHIVE_CONFLICTS,
              "photos_webp": _NEVER_WITH | hv15.PER_FILE | {"body_pictures", "turned_page", "app_default_names"},
              "double_extension": _NAME_CONFLICTS, "upper_ext": _NAME_CONFLICTS}
# The earlier sets' ways of sending a mail that rebuild it (a forward, a body of its own, raw
# headers, winmail.dat) or name it by its file (a phone's share menu): no words of theirs are cut.
MAIL_CONFLICTS = hv17._NOT_PER_MAIL | {"subject_is_filename"}
# Layouts whose values are no typed text of an ordinary paragraph or cell (the seventeenth set's
# list) and those that print their amount from the planned numbers.
_NO_MARK_LAYOUTS = hv17._NO_MARK_LAYOUTS
_STAND_INS = hv17._STAND_INS
_PLAIN_LAYOUTS = hv17._PLAIN_LAYOUTS | {"sheet_row_xlsx"}
_OWN_AMOUNT_LAYOUTS = hv17._OWN_AMOUNT_LAYOUTS

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_ANSWERS = ("所选序号：{c}", "选择：{c}", "（填序号）{d}")
_TENTATIVE = ("（暂定名）", "（暂定）", "（名称暂定）")
_PERIOD_HEDGES = ("（以立项批复时间为准）", "（具体以批复为准）", "（暂定，以实际立项时间为准）")
_AMOUNT_HEDGES = ("（以实际批复金额为准）", "（最终以批复为准）")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "diamond":
        return f"{'◆' if chosen else '◇'}{label}"
    if style == "md_task":
        return f"[{'x' if chosen else ' '}] {label}"
    if style == "numbered_choice":  # (an option on its own: no mark; `checkbox_for` keeps the lists whole)
        return label
    raise ValueError(style)


def _numbered(groups: list[tuple[str, tuple[str, ...]]], chosen: str, key: str) -> str:
    lines: list[str] = []
    k = 0
    number = 0
    for heading, options in groups:
        items = []
        for option in options:
            if option == chosen:
                number = k + 1
            items.append(f"{_CIRCLED[k]}{option}")
            k += 1
        lines.append((f"{heading}：" if heading else "") + "  ".join(items))
    answer = _pick(key, _ANSWERS).format(c=_CIRCLED[number - 1], d=number)
    return "\n".join((*lines, answer))


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    assert style in LIST_CHECKBOXES
    return _numbered(list(items.items()), chosen, f"{chosen}-18cat")


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    assert style in LIST_CHECKBOXES
    return _numbered([("", options)], chosen, f"{chosen}-18type")


def _lists_whole(app: App, look: Look, compact: bool) -> bool:
    """Whether the form writes each numbered option list as a whole (the answer after its list)."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, NO_TYPE_LAYOUTS, TYPES, form_blocks

    shown = plain(repr(form_blocks(app, look, compact=compact)).replace("\\n", "\n"))
    lists = [category_text(CATEGORY_ITEMS, app.subcategory, look.checkbox)]
    if look.layout not in NO_TYPE_LAYOUTS:
        lists.append(options_text(TYPES, app.applicant_type, look.checkbox))
    return all(all(line in shown for line in text.split("\n")) for text in lists)


def checkbox_for(checkbox: str, app: App | None, look: Look, fmt: str) -> str:
    """The encoding a form of `look.layout` sent as `fmt` shows: this set's marks need options that
    are text of a paragraph or a cell; its numbers need lists the form writes whole."""
    aid = app.aid if app else ""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick(aid + "-18box", _STAND_INS)
    if checkbox in LIST_CHECKBOXES and (app is None or not _lists_whole(app, replace(look, checkbox=checkbox),
                                                                        fmt in _SCANS)):
        return _pick(aid + "-18list", _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- amounts and periods

def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import wan_str

    wan = wan_str(app.funding_wan)
    yuan = round(app.funding_wan * 10000)
    if style == "qian_yuan":
        qian = f"{yuan / 1000:g}"
        return _pick(app.aid + "-qian", (f"{qian}千元", f"{yuan / 1000:.1f}千元", f"{qian} 千元"))
    if style == "wan_yuan_paren":
        return _pick(app.aid + "-wy", (f"{wan}万元（{yuan}元）", f"{wan}万元（{yuan:,}元）", f"{wan}万元（即{yuan}元）"))
    raise ValueError(style)


def funding_for(funding: str, layout: str, aid: str) -> str:
    """The amount a form of `layout` shows: a layout printing its own amount keeps its own."""
    if funding in FUNDINGS and layout in _OWN_AMOUNT_LAYOUTS:
        return _pick(aid + "-18fund", ("wan", "yuan"))
    return funding


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "two_digit_dotted":
        return _pick(app.aid + "-yy", (f"{s.year % 100}.{s.month:02d}-{e.year % 100}.{e.month:02d}",
                                       f"{s.year % 100}.{s.month}—{e.year % 100}.{e.month}",
                                       f"{s.year % 100}.{s.month:02d}～{e.year % 100}.{e.month:02d}"))
    if style == "double_dash":
        return _pick(app.aid + "-dd", (f"{s.year}年{s.month}月——{e.year}年{e.month}月",
                                       f"{s.year}.{s.month:02d}——{e.year}.{e.month:02d}"))
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _after_is_empty(typed: str, value: str | None) -> bool:
    k = hv17.spot(typed, value)
    return value is not None and k is not None and not plain(typed[k + len(value):]).strip()


def _before_is_empty(typed: str, value: str | None) -> bool:
    k = hv17.spot(typed, value)
    return k is not None and not plain(typed[:k]).strip()


def _around(typed: str, value: str, before: str, after: str) -> str:
    k = hv17.spot(typed, value)
    assert k is not None
    end = k + len(value)
    return typed[:k] + before + value + after + typed[end:]


def _whole(text: str) -> bool:
    """A value typed on one line without markup (a hedge goes after it)."""
    return bool(text) and "\n" not in text and "[" not in text


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each on the clean value where it is
    typed as text, what the earlier sets put around it kept)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "placeholder_brackets" in decos:
        for attr, value in (("project", app.project_name), ("org", app.applicant_org)):
            text = getattr(v, attr)
            if _after_is_empty(text, value) and _before_is_empty(text, value):
                setattr(v, attr, _around(text, value, "【", "】"))
    if "project_tentative" in decos and _after_is_empty(v.project, app.project_name):
        v.project = _around(v.project, app.project_name, "", _pick(app.aid + "-tent", _TENTATIVE))
    if "contact_laoshi" in decos and _after_is_empty(v.contact, app.contact_name):
        v.contact = _around(v.contact, app.contact_name, "", "老师")
    if "mailto_typed" in decos and _before_is_empty(v.email, app.contact_email):
        v.email = _around(v.email, str(app.contact_email), "mailto:", "")
    if "period_hedge" in decos and _whole(v.period):
        v.period += _pick(app.aid + "-ph", _PERIOD_HEDGES)
    if "amount_hedge" in decos and _whole(v.funding):
        v.funding += _pick(app.aid + "-ah", _AMOUNT_HEDGES)


# What each value decoration adds where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "contact_laoshi":
        return app.contact_name + "老师"
    if d == "project_tentative":
        return app.project_name + _pick(app.aid + "-tent", _TENTATIVE)
    if d == "placeholder_brackets":
        return "【" + app.project_name + "】"
    if d == "period_hedge":
        return _pick(app.aid + "-ph", _PERIOD_HEDGES)
    if d == "amount_hedge":
        return _pick(app.aid + "-ah", _AMOUNT_HEDGES)
    if d == "mailto_typed":
        return f"mailto:{app.contact_email}"
    raise ValueError(d)


def _shown(app: App, look: Look, compact: bool, text: str) -> bool:
    from benchmarks.gencorpus.forms import form_blocks

    return text in plain(repr(form_blocks(app, look, compact=compact)).replace("\\n", "\n"))


def _shows(d: str, app: App, look: Look, fmt: str, kept: set[str], mine: list[str]) -> bool:
    """Whether this set's decoration `d` shows on `app` in a form of `look` sent as `fmt`, given
    the decorations `kept` drawn before it and this set's `mine`."""
    layout = look.layout
    if d in VALUE_DECORATIONS:
        if layout in _PLAIN_LAYOUTS or "merge_fields" in kept:
            return False
        if d == "mailto_typed" and not app.contact_email:
            return False
        # (One decoration of the project's name a form.)
        if d in ("project_tentative", "placeholder_brackets") and {"project_tentative", "placeholder_brackets"} & \
                set(mine):
            return False
        with_it = replace(look, value_decos=(*look.value_decos, *mine, d), decorations=(*look.decorations, *mine, d))
        without = replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))
        compact = fmt in _SCANS
        text = marker(d, app)
        return _shown(app, with_it, compact, text) and not _shown(app, without, compact, text)
    if d in PER_FILE:
        return fmt in _WAY_FORMATS[d] and not _CONFLICTS[d] & kept and layout != "sheet_row_xlsx"
    raise ValueError(d)


def drawn(rng: random.Random, app: App | None, look: Look, fmt: str) -> Look:
    """`look` with this set's draws after every earlier set's: the encoding and the amount a layout
    can show, the decorations that show on `app` in `fmt` (a file sent one way of this set's at most)."""
    box = checkbox_for(look.checkbox, app, look, fmt)
    fund = funding_for(look.funding, look.layout, app.aid if app else "")
    look = replace(look, checkbox=box, funding=fund)
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None or look.layout == "system_pdf":
        return look
    kept = set(look.decorations)
    mine: list[str] = []
    for d in draws:
        if d in PER_FILE and PER_FILE & set(mine):  # (one way of sending a file)
            continue
        if _shows(d, app, look, fmt, kept, mine):
            mine.append(d)
            if d == "photos_webp":  # (the phone's photos in place of a program's pages: WebP files)
                look = hv17._without(look, "pages_png")
    if not mine:
        return look
    return replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))


# ---------------------------------------------------------------------------- layouts

def _pairs(v: _V) -> list[tuple[str, str]]:
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    return pairs + [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
                    ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
                    ("起止时间", v.period)]


def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "markdown_table":
        return _markdown_table(v)
    if layout == "tsv_pasted":
        return _tsv_pasted(v)
    if layout == "spacer_columns":
        return _spacer_columns(v)
    if layout == "side_by_side":
        return _side_by_side(v)
    if layout == "bracket_labels":
        return _bracket_labels(v)
    raise ValueError(layout)


_MD_INTROS = ("以下是整理好的申报书基本信息：", "好的，以下是按申报书格式整理的基本情况表：", "")
_MD_HEADS = (("项目", "内容"), ("栏目", "填写内容"), ("字段", "信息"))


def _markdown_table(v: _V) -> tuple[Block, ...]:
    aid = v.app.aid
    head = _MD_HEADS[int(hashlib.sha1((aid + "-mdh").encode()).hexdigest(), 16) % len(_MD_HEADS)]
    rule = _pick(aid + "-mdr", ("| --- | --- |", "|------|------|", "|:---|:---|"))
    lines = [line for line in (_pick(aid + "-md", _MD_INTROS),) if line]
    lines += [f"| {head[0]} | {head[1]} |", rule]
    lines += [f"| {label} | {value.replace(chr(10), '<br>')} |" for label, value in _pairs(v)]
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


def excel_cell(value: str) -> str:
    """A cell's text as Excel copies it as text: a cell of several lines (or with a double quote)
    in double quotes, its quotes doubled."""
    if "\n" in value or '"' in value:
        return '"' + value.replace('"', '""') + '"'
    return value


def _tsv_pasted(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[str, ...]] = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org),
                                   ("单位类型", v.type)]
    if v.joint:
        rows.append((v.joint_label, v.joint))
    rows += [("项目负责人", v.name, "负责人手机", v.leader_phone), ("项目联系人", v.contact, "联系电话", v.contact_phone),
             ("电子邮箱", v.email), (v.funding_label, v.funding, "起止时间", v.period)]
    return (Para("一、基本情况", "heading"), *(Para("\t".join(excel_cell(c) for c in row)) for row in rows))


def _spacer_columns(v: _V) -> tuple[Block, ...]:
    def full(label: str, value: str) -> tuple[Cell, ...]:
        return (Cell(label), Cell(""), Cell(value, 4))

    def pair(l1: str, v1: str, l2: str, v2: str) -> tuple[Cell, ...]:
        return (Cell(l1), Cell(""), Cell(v1), Cell(l2), Cell(""), Cell(v2))

    rows = [full("项目名称", v.project), full("项目类别", v.category), full("申报单位", v.org), full("单位类型", v.type)]
    if v.joint:
        rows.append(full(v.joint_label, v.joint))
    rows += [pair("项目负责人", v.name, "手机", v.leader_phone), pair("项目联系人", v.contact, "联系电话", v.contact_phone),
             full("电子邮箱", v.email), pair(v.funding_label, v.funding, "起止时间", v.period)]
    return (Para("一、基本情况", "heading"), Table((1.2, 0.2, 1.9, 1.0, 0.2, 1.9), tuple(rows)))


def _side_by_side(v: _V) -> tuple[Block, ...]:
    left: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        left.append((Cell(v.joint_label), Cell(v.joint)))
    right = [(Cell("项目负责人"), Cell(v.name)), (Cell("负责人手机"), Cell(v.leader_phone)),
             (Cell("项目联系人"), Cell(v.contact)), (Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email)), (Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
    outer = Table((1.0, 1.0), ((Cell("（一）项目及申报单位", nested=Table((0.8, 2.0), tuple(left))),
                                Cell("（二）人员及经费", nested=Table((0.8, 2.0), tuple(right)))),), borders=False)
    return (Para("一、基本情况", "heading"), outer)


def _bracket_labels(v: _V) -> tuple[Block, ...]:
    lines: list[str] = []
    for label, value in _pairs(v):
        first, *rest = value.split("\n")
        lines += [f"【{label}】{first}", *rest]
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


# ---------------------------------------------------------------------------- files

MIMES = {"tar.gz": "application/x-gzip", "webp": "image/webp", "part": "application/octet-stream"}


def tar_gz(members: list[tuple[str, bytes]], when: datetime) -> bytes:
    """`members` as a 国产 desktop's archive manager packs them: a POSIX (pax) tar, UTF-8 names, the
    folders as entries of their own, gzip'd; the same bytes for the same members and time."""
    stamp = int(when.timestamp())
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT, encoding="utf-8") as tf:
        for folder in sorted({name.rsplit("/", 1)[0] for name, _ in members if "/" in name}):
            info = tarfile.TarInfo(folder)
            info.type, info.mode, info.mtime, info.uname, info.gname = tarfile.DIRTYPE, 0o755, stamp, "uos", "uos"
            tf.addfile(info)
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime, info.uname, info.gname = len(data), 0o644, stamp, "uos", "uos"
            tf.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=stamp) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def archive_files(aname: str, archive: bytes, ext: str, decorations: tuple[str, ...]) -> list[tuple[str, bytes, str]]:
    """The attachments an archive goes as: (name, bytes, the extension its MIME type is looked up by)."""
    if "archive_ext_mismatch" in decorations and ext == "7z":
        return [(aname[:-len(".7z")] + ".zip", archive, "zip")]
    if "split_volumes" in decorations:
        size = -(-len(archive) // 2)
        size = -(-size // 1024) * 1024  # (the volume size typed in KB)
        chunks = [archive[k:k + size] for k in range(0, len(archive), size)]
        return [(f"{aname}.{k:03d}", chunk, "part") for k, chunk in enumerate(chunks, 1)]
    return [(aname, archive, ext)]


def webp(jpeg: bytes) -> bytes:
    """A phone photo as WebP (quality 80), its pixels as the JPEG's."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg)).convert("RGB").save(out, "WEBP", quality=80, method=4)
    return out.getvalue()


def photo_name(name: str) -> str:
    return name.rsplit(".", 1)[0] + ".webp"


def sent_name(name: str, decorations: tuple[str, ...], ext: str, aid: str) -> str:
    """The name a .docx or a PDF goes under: its extension twice or upper-case (this set's ways);
    `name` as it is otherwise."""
    if not {"double_extension", "upper_ext"} & set(decorations):
        return name
    stem = name.rsplit(".", 1)[0]
    if "double_extension" in decorations:
        before = _pick(aid + "-dbl", (ext, ext, "docx")) if ext == "pdf" else ext
        return f"{stem}.{before}.{ext}"
    if "upper_ext" in decorations:
        return f"{stem}.{ext.upper()}"
    return f"{stem}.{ext}"


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
    id): a file sent an earlier set's way after all that makes it otherwise, sent in another format
    or not sent keeps no way of a file of this set's; a mail no earlier set's way rebuilds may have
    its encoded-words cut by bytes."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            decos = set(f.look.decorations)
            drop = set(PER_FILE) if f not in sent else {w for w in PER_FILE
                                                        if _CONFLICTS[w] & decos or f.fmt not in _WAY_FORMATS[w]}
            for way in drop & decos:
                f.look = _without(f.look, way)
            # (An earlier set's way settled after the draw may show the form otherwise: what no
            # longer shows is not claimed.)
            compact = f.fmt in _SCANS
            for d in sorted(set(f.look.value_decos) & VALUE_DECORATIONS):
                if not _shown(f.app, f.look, compact, marker(d, f.app)):
                    f.look = _without(f.look, d)
            if f.look.checkbox in LIST_CHECKBOXES and not _lists_whole(f.app, f.look, compact):
                f.look = replace(f.look, checkbox=_pick(f.app.aid + "-18list", _STAND_INS))
        ways = {d for f in m.forms for d in f.look.decorations}
        if not sent or m.forwarded is not None or m.pasted is not None or m.inline or ways & MAIL_CONFLICTS \
                or m.subject.isascii():
            continue
        if _odds(m.message_id + "-18words", SPLIT_WORD_ODDS):
            for f in sent:
                f.look = _with(f.look, "split_encoded_words")


def mail_decorations(m: MailPlan) -> set[str]:
    return {d for f in m.forms for d in f.look.decorations} & PER_MAIL


_WORD = rb"=\?([A-Za-z0-9_-]+)\?[Bb]\?([A-Za-z0-9+/=]*)\?="
_RUN = re.compile(_WORD + rb"(?:(?:\r\n)?[ \t]*=\?\1\?[Bb]\?[A-Za-z0-9+/=]*\?=)*")


def _codec(charset: str) -> str:
    return "gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset


def _boundaries(data: bytes, codec: str) -> set[int]:
    """The byte offsets at which `data`'s characters start (and its end)."""
    out, k = {len(data)}, 0
    text = data.decode(codec)
    for ch in text:
        out.add(k)
        k += len(ch.encode(codec))
    return out


def _resplit(found: re.Match[bytes]) -> bytes:
    charset = found.group(1).decode("ascii")
    words = re.findall(rb"=\?[^?]+\?[Bb]\?([A-Za-z0-9+/=]*)\?=", found.group(0))
    try:
        data = b"".join(base64.b64decode(w) for w in words)
        starts = _boundaries(data, _codec(charset))
    except (binascii.Error, UnicodeDecodeError, LookupError):
        return found.group(0)
    if len(data) < 4 or all(k in starts for k in range(len(data))):  # (ASCII only: nothing to cut)
        return found.group(0)
    # A size of cut that lands inside a character at least once (whole characters otherwise cut alike).
    size = next((n for n in range(31, 1, -1) if any(k not in starts for k in range(n, len(data), n))), 31)
    pieces = [data[k:k + size] for k in range(0, len(data), size)]
    return b"\r\n\t".join(b"=?" + found.group(1) + b"?B?" + base64.b64encode(p) + b"?=" for p in pieces)


def split_words(eml: bytes) -> bytes:
    """`eml` with its headers' runs of B encoded-words re-cut every few bytes, so that a word ends
    in the middle of a character (the next word holds its other bytes); the bodies are untouched."""
    head, sep, rest = eml.partition(b"\r\n\r\n")
    out = [_RUN.sub(_resplit, head) + sep]
    # (Each part's header block: after a boundary line up to its blank line.)
    pieces = re.split(rb"(\r\n--[^\r\n]+\r\n)", rest)
    for k, piece in enumerate(pieces):
        if k % 2 == 1 or k == 0:
            out.append(piece)
            continue
        part_head, part_sep, part_body = piece.partition(b"\r\n\r\n")
        out.append(_RUN.sub(_resplit, part_head) + part_sep + part_body)
    return b"".join(out)

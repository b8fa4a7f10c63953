"""The nineteenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-07 at 9e158a2), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, approve, convert and send the call's Word/WPS 申报书 template today:
the basic part printed from a 钉钉 or 企业微信 approval (审批单: the approval's number, its creator
and department, the fields as a two-column table, then the approval record with the leader's 同意
and the print's time); the template's labels and headings in traditional characters (項目名稱,
申報單位, 聯繫電話: a template passed through WPS's 简转繁 for a partner and filled in again, the
values typed in simplified); the basic part pasted from a WeChat chat record (合并转发的聊天记录:
each message under its sender's name and time, the contact's and the leader's messages holding the
fields); a table whose rows pair two fields, both labels stacked in the label cell and both values
stacked line for line in the value cell (项目负责人↵负责人手机 | 王伟↵138…); a government OA's
发文稿纸 exported with the form (签发, 核稿, 拟稿单位, 拟稿人 and its phone, 标题, 主送) above a
two-column basic table. The chosen option after ★ and the others after ☆; the chosen option's □
replaced by a pointing hand ☞; ⊠ (a squared ×, from an input method's symbol palette) for the
chosen one, □ for the others. The amount in 萬元 (8萬元, as a 简转繁 leaves it) or in the chat
shorthand w (8w, 8W, 8w元); the period as a system's export writes date-time stamps (2024-05-01
00:00:00 至 2024-12-31 23:59:59, 2024/5/1 0:00—2024/12/31 0:00), or with the months in Chinese
numerals after a year in digits (2024年五月至2024年十二月). The unit's name in traditional
characters (湖南省光學學會); the unit's address after it (湖南省光学学会（长沙市芙蓉中路…）); the leader's
ethnicity after the name (王伟（土家族）, as Hunan's forms of people ask for 民族); the contact's
mobile followed by the group's short number (13807312345（短号：612345）, 集团V网短号); the e-mail
with its first letter capitalised by a phone keyboard (Lina2023@163.com); the project's name in
corner brackets 「」. Sent as a .docx saved in Word's Strict Open XML (另存为 → Strict Open XML 文档:
the purl.oclc.org namespaces, conformance="strict"); a PDF whose owner password restricts copying
and editing, no password to open it (as 签章 systems and OAs write them); a PDF that an electronic
seal system signed after printing (电子签章: an incremental update appending a stamp annotation, the
first revision's bytes untouched); a scan of a one-sided printout scanned duplex (a blank back, a
little grey, after every page); a zip whose members are compressed with BZip2 or LZMA (7-Zip's or
360压缩's zip with another method); a mail whose attachments are base64 in one unbroken line (an
OA's or a gateway's mailer, no 76-character lines).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (an approval's number, creator and record, a 稿纸's fields and a
chat's senders and times are no values of the form; 項目名稱 is 项目名称; 8萬元 and 8w are 8万元; a
date-time stamp's days are the period's; 五月 is May; 湖南省光學學會 is 湖南省光学学会; an address,
an ethnicity, a short number, 「」 are no part of the values they stand by; Lina2023@163.com is
lina2023@163.com; the files sent are the form whatever their packaging, restrictions, seals,
blank pages or transfer encoding).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import zipfile
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from benchmarks.gencorpus import holdout_variants_17 as hv17
from benchmarks.gencorpus import holdout_variants_18 as hv18
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from benchmarks.gencorpus.pools import GIVEN, SURNAMES
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "approval_print": "a 钉钉 or 企业微信 approval (审批单) printed: its title, 审批编号 (a long number), 创建人 (the "
                      "contact), 所在部门 and 创建时间, the fields as a 2-column table, then 审批记录 (the contact 发起, "
                      "the leader 同意 with a time) and 打印人/打印时间",
    "trad_labels": "2-column table whose labels and heading are in traditional characters (一、基本情況, 項目名稱, "
                   "申報單位, 項目負責人, 聯繫電話, 電子郵箱, 申請經費, 起止時間), as a template passed through WPS's "
                   "简转繁 and filled in again; the values typed in simplified",
    "chat_record": "no table: the basic part pasted from a WeChat chat record (合并转发的聊天记录): its title, then "
                   "each message under its sender's name and time (李娜 4月18日 10:15), the contact's messages "
                   "giving the project, the unit and the money, the leader's his name and mobile",
    "stacked_pairs": "2-column table whose rows pair two fields: both labels on two lines of the label cell "
                     "(项目负责人↵负责人手机) and both values line for line in the value cell (王伟↵138…); a value "
                     "of several lines keeps a row of its own",
    "oa_draft_sheet": "a government OA's 发文稿纸 exported with the form: a grid of 签发, 核稿, 拟稿单位, 拟稿人 and "
                      "its phone, 标题 (关于申报…的函), 主送 and 文号, then the form's 2-column basic table",
}
# Layouts with no table at all.
_PARAGRAPH_LAYOUTS = frozenset({"chat_record"})

CHECKBOXES: dict[str, str] = {
    "star_chosen": "★ before the chosen option, ☆ before the others (an input method's symbol palette)",
    "pointer_chosen": "the chosen option's □ replaced by a pointing hand ☞, □ before the others",
    "squared_times": "⊠ (U+22A0, a squared ×) before the chosen option, □ before the others",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {
    "wan_traditional": "8萬元, 8 萬元, 人民幣8萬元 (萬 for 万, as 简转繁 leaves the amount)",
    "w_shorthand": "8w, 8W, 8w元 (the chat shorthand w for 万)",
}
DATES: dict[str, str] = {
    "datetime_stamps": "2024-05-01 00:00:00 至 2024-12-31 23:59:59, 2024/5/1 0:00—2024/12/31 0:00 (date-time stamps "
                       "as a system's or a sheet's export writes them; the days are the period's)",
    "cn_month_names": "2024年五月至2024年十二月, 2024年五月—十二月 (the year in digits, the months in Chinese numerals)",
}
DAY_DATES: frozenset[str] = frozenset({"datetime_stamps"})

DECORATIONS: dict[str, str] = {
    "org_traditional": "the unit's name in traditional characters where the basic part gives it: 湖南省光學學會, "
                       "長沙市科學技術協會 (the truth is the simplified name)",
    "org_address": "the unit's address after its name: 湖南省光学学会（长沙市芙蓉中路123号）",
    "name_ethnicity": "the leader's ethnicity after the name: 王伟（土家族）, 王伟，苗族 (Hunan's forms of people ask for "
                      "民族)",
    "phone_short_code": "the contact's mobile followed by the group's short number: 13807312345（短号：612345）, "
                        "13807312345/短号612345 (集团V网短号)",
    "email_capitalised": "the e-mail's first letter capitalised by a phone keyboard: Lina2023@163.com (the truth is "
                         "the address as planned)",
    "project_corner_quotes": "the project's name in corner brackets wherever it is typed: 「2024年湖南省光学学术年会」",
    "strict_ooxml": "the .docx saved as Word's Strict Open XML (另存为 → Strict Open XML 文档): the parts in the "
                    "purl.oclc.org namespaces, w:document conformance=\"strict\" (forms sent as .docx)",
    "pdf_copy_locked": "the PDF restricted by an owner password only (no copying, no editing; it opens without a "
                       "password), as 签章 systems and OAs write them (forms sent as PDF)",
    "pdf_esign_increment": "the PDF signed by an electronic seal system after printing (电子签章): an incremental "
                           "update appended, adding a red stamp annotation over the first page; the printed "
                           "revision's bytes untouched (forms sent as PDF)",
    "duplex_blank_backs": "a one-sided printout scanned duplex: a blank back (light grey, a little noise) after "
                          "every page of the scan (scanned PDFs)",
    "zip_bzip2": "a zip whose members are compressed with BZip2 or LZMA (7-Zip's or 360压缩's zip with another "
                 "method) in place of Deflate (.zip archives)",
    "base64_one_line": "the mail's attachments in base64 on one unbroken line each (an OA's or a gateway's mailer, "
                       "no 76-character lines)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 4.0 for name in LAYOUTS}, "star_chosen": 4.0, "pointer_chosen": 4.0,
                             "squared_times": 4.0}
DECORATION_ODDS: dict[str, float] = {"org_traditional": 0.12, "org_address": 0.3, "name_ethnicity": 0.35,
                                     "phone_short_code": 0.2, "email_capitalised": 0.2, "project_corner_quotes": 0.15,
                                     "strict_ooxml": 0.6, "pdf_copy_locked": 0.3, "pdf_esign_increment": 0.45,
                                     "duplex_blank_backs": 0.9, "zip_bzip2": 0.9}
# The mails' own odds (`settle`).
ONE_LINE_ODDS = 0.15

VALUE_DECORATIONS = frozenset({"org_traditional", "org_address", "name_ethnicity", "phone_short_code",
                               "email_capitalised", "project_corner_quotes"})
PER_FILE = frozenset({"strict_ooxml", "pdf_copy_locked", "pdf_esign_increment", "duplex_blank_backs", "zip_bzip2"})
PER_MAIL = frozenset({"base64_one_line"})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"strict_ooxml": frozenset({"docx"}), "pdf_copy_locked": frozenset({"pdf"}),
                "pdf_esign_increment": frozenset({"pdf"}), "duplex_blank_backs": frozenset({"scan_pdf"}),
                "zip_bzip2": frozenset({"zip_utf8", "zip_gbk"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with: those that send
# no file of the form's own (the eighteenth set's list), and for each way those that make its file
# otherwise (a sheet, another Word format's name, a template, a scan's pages; OFD, a PDF without
# ToUnicode maps printed two-up; the fifteenth set's own scans; an archive locked, made on a Mac,
# RAR, tar.gz, 7z volumes).
_NEVER_WITH = hv18._NEVER_WITH
_CONFLICTS = {"strict_ooxml": _NEVER_WITH | {"misnamed_ext", "template_saved", "scan_in_docx", "html_doc",
                                             "app_default_names"},
              "pdf_copy_locked": _NEVER_WITH | {"ofd_export", "no_tounicode", "word_and_pdf"},
              "pdf_esign_increment": _NEVER_WITH | {"ofd_export", "no_tounicode", "word_and_pdf"},
              "duplex_blank_backs": _NEVER_WITH | {"ocr_text_layer", "tiff_scan", "fax_scan", "phone_scanner_pdf",
                                                   "long_screenshot", "pages_reversed", "two_up_print"},
              "zip_bzip2": _NEVER_WITH | {"archive_password", "macos_zip", "rar_archive", "tar_gz_archive",
                                          "split_volumes", "archive_ext_mismatch"}}
# The earlier sets' ways of sending a mail that rebuild it or cut its words: none of theirs is
# re-encoded.
MAIL_CONFLICTS = hv18.MAIL_CONFLICTS | {"split_encoded_words"}
_NO_MARK_LAYOUTS = hv17._NO_MARK_LAYOUTS
_STAND_INS = hv17._STAND_INS
_PLAIN_LAYOUTS = hv18._PLAIN_LAYOUTS
_OWN_AMOUNT_LAYOUTS = hv17._OWN_AMOUNT_LAYOUTS

_ETHNICITIES = ("土家族", "苗族", "侗族", "瑶族", "白族", "回族")
_ETHNIC_FORMS = ("（{e}）", "，{e}", "　{e}")
_SHORT_FORMS = ("（短号：{s}）", "/短号{s}", "（V网短号{s}）")

# Simplified characters and their traditional forms (the characters of the pools' units and the
# form's labels; a character not listed is the same in both).
_TRAD = dict(zip(
    "学会协术产业农华师范长阳张怀娄县医药电机动计仪测绘质标准气园艺兽经济护蚕复预卫"
    "桥铁属盐蚀储风环诱变态辩证来图数统叶烟渔营养与体乡发展验广东国网络联团门区馆厅处办书记员级专职务"
    "实设划项类别单负责系话邮请费时间报况审见签湘潭邵阳岳郴娄怀张门坛业维创新研究院湾态兴际应关节从听选"
    "种药数讯讲评论总结优质资师范树园们对会议纪经营销",
    "學會協術產業農華師範長陽張懷婁縣醫藥電機動計儀測繪質標準氣園藝獸經濟護蠶復預衛"
    "橋鐵屬鹽蝕儲風環誘變態辯證來圖數統葉煙漁營養與體鄉發展驗廣東國網絡聯團門區館廳處辦書記員級專職務"
    "實設劃項類別單負責係話郵請費時間報況審見簽湘潭邵陽嶽郴婁懷張門壇業維創新研究院灣態興際應關節從聽選"
    "種藥數訊講評論總結優質資師範樹園們對會議紀經營銷",
))
_TRAD["系"] = "繫"  # (联系 → 聯繫)
_TRAD["岳"] = "岳"  # (岳阳, 岳麓: 岳 as it is)


def traditional(text: str) -> str:
    """`text` in traditional characters (as WPS's 简转繁 converts the pools' names and the labels)."""
    return "".join(_TRAD.get(ch, ch) for ch in text)


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


def _number(key: str, digits: int) -> str:
    return str(int(hashlib.sha1(key.encode()).hexdigest(), 16))[:digits]


def _stranger(key: str, avoid: set[str]) -> str:
    """A made-up person's name for a stationery's field (no one of the form's)."""
    for k in range(50):
        name = _pick(f"{key}-s{k}", SURNAMES) + _pick(f"{key}-g{k}", GIVEN)
        if name not in avoid and not any(name in a or a in name for a in avoid):
            return name
    raise AssertionError(key)


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "star_chosen":
        return f"{'★' if chosen else '☆'}{label}"
    if style == "pointer_chosen":
        return f"{'☞' if chosen else '□'}{label}"
    if style == "squared_times":
        return f"{'⊠' if chosen else '□'}{label}"
    raise ValueError(style)


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's marks need options that are text of
    a paragraph or a cell."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-19box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- amounts and periods

def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import wan_str

    wan = wan_str(app.funding_wan)
    if style == "wan_traditional":
        return _pick(app.aid + "-wtr", (f"{wan}萬元", f"{wan} 萬元", f"人民幣{wan}萬元"))
    if style == "w_shorthand":
        return _pick(app.aid + "-wsh", (f"{wan}w", f"{wan}W", f"{wan}w元"))
    raise ValueError(style)


def funding_for(funding: str, layout: str, aid: str) -> str:
    """The amount a form of `layout` shows: a layout printing its own amount keeps its own."""
    if funding in FUNDINGS and layout in _OWN_AMOUNT_LAYOUTS:
        return _pick(aid + "-19fund", ("wan", "yuan"))
    return funding


_CN_MONTHS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "datetime_stamps":
        return _pick(app.aid + "-dts", (f"{s.isoformat()} 00:00:00 至 {e.isoformat()} 23:59:59",
                                        f"{s.year}/{s.month}/{s.day} 0:00—{e.year}/{e.month}/{e.day} 0:00",
                                        f"{s.isoformat()} 00:00 ~ {e.isoformat()} 00:00"))
    if style == "cn_month_names":
        if s.year == e.year and _pick(app.aid + "-cnm", ("full", "short")) == "short":
            return f"{s.year}年{_CN_MONTHS[s.month]}月—{_CN_MONTHS[e.month]}月"
        return f"{s.year}年{_CN_MONTHS[s.month]}月至{e.year}年{_CN_MONTHS[e.month]}月"
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _after_is_empty(typed: str, value: str | None) -> bool:
    k = hv17.spot(typed, value)
    return value is not None and k is not None and not plain(typed[k + len(value):]).strip()


def _before_is_empty(typed: str, value: str | None) -> bool:
    k = hv17.spot(typed, value)
    return k is not None and not plain(typed[:k]).strip()


def _around(typed: str, value: str, before: str, after: str, into: str | None = None) -> str:
    k = hv17.spot(typed, value)
    assert k is not None
    return typed[:k] + before + (value if into is None else into) + after + typed[k + len(value):]


def capitalised(address: str) -> str:
    return address[:1].upper() + address[1:]


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each on the clean value where it is
    typed as text, what the earlier sets put around it kept)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    # (Each where the value is typed alone: nothing an earlier set typed before or after it.)
    if "project_corner_quotes" in decos and _alone(v.project, app.project_name):
        v.project = _around(v.project, app.project_name, "「", "」")
    if "org_address" in decos and app.address and _alone(v.org, app.applicant_org):
        v.org = _around(v.org, app.applicant_org, "", f"（{app.address}）")
    if "org_traditional" in decos and _alone(v.org, app.applicant_org):
        v.org = _around(v.org, app.applicant_org, "", "", traditional(app.applicant_org))
    if "name_ethnicity" in decos and _after_is_empty(v.name, app.leader_name):
        v.name = _around(v.name, app.leader_name, "", _ethnicity(app))
    if "phone_short_code" in decos and _after_is_empty(v.contact_phone, app.contact_phone):
        v.contact_phone = _around(v.contact_phone, str(app.contact_phone), "", _short_code(app))
    if "email_capitalised" in decos and app.contact_email and _alone(v.email, app.contact_email):
        v.email = _around(v.email, app.contact_email, "", "", capitalised(app.contact_email))


def _alone(typed: str, value: str | None) -> bool:
    return _after_is_empty(typed, value) and _before_is_empty(typed, value)


def _ethnicity(app: App) -> str:
    return _pick(app.aid + "-eth-form", _ETHNIC_FORMS).format(e=_pick(app.aid + "-eth", _ETHNICITIES))


def _short_code(app: App) -> str:
    return _pick(app.aid + "-short-form", _SHORT_FORMS).format(s="6" + _number(app.aid + "-short", 5))


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "project_corner_quotes":
        return f"「{app.project_name}」"
    if d == "org_address":
        return f"（{app.address}）"
    if d == "org_traditional":
        return traditional(app.applicant_org)
    if d == "name_ethnicity":
        return app.leader_name + _ethnicity(app)
    if d == "phone_short_code":
        return f"{app.contact_phone}{_short_code(app)}"
    if d == "email_capitalised":
        return capitalised(str(app.contact_email))
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
        if d == "email_capitalised" and not (app.contact_email and app.contact_email[:1].islower()):
            return False
        if d == "phone_short_code" and not (app.contact_phone and app.contact_phone.startswith("1")):
            return False
        if d == "org_address" and not app.address:
            return False
        if d == "org_traditional" and traditional(app.applicant_org) == app.applicant_org:
            return False
        # (One decoration of the unit's name a form.)
        if d in ("org_traditional", "org_address") and {"org_traditional", "org_address"} & set(mine):
            return False
        with_it = replace(look, value_decos=(*look.value_decos, *mine, d), decorations=(*look.decorations, *mine, d))
        without = replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))
        compact = fmt in _SCANS
        text = marker(d, app)
        return _shown(app, with_it, compact, text) and not _shown(app, without, compact, text)
    if d in PER_FILE:
        return fmt in _WAY_FORMATS[d] and not _CONFLICTS[d] & kept and layout not in ("sheet_row_xlsx", "system_pdf")
    raise ValueError(d)


def drawn(rng: random.Random, app: App | None, look: Look, fmt: str) -> Look:
    """`look` with this set's draws after every earlier set's: the encoding and the amount a layout
    can show, the decorations that show on `app` in `fmt` (a file sent one way of this set's at most)."""
    box = checkbox_for(look.checkbox, app, look)
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
    if layout == "approval_print":
        return _approval_print(v)
    if layout == "trad_labels":
        return _trad_labels(v)
    if layout == "chat_record":
        return _chat_record(v)
    if layout == "stacked_pairs":
        return _stacked_pairs(v)
    if layout == "oa_draft_sheet":
        return _oa_draft_sheet(v)
    raise ValueError(layout)


def _two_columns(pairs: list[tuple[str, str]]) -> Table:
    return Table((1.0, 3.0), tuple((Cell(label), Cell(value)) for label, value in pairs))


def _approval_print(v: _V) -> tuple[Block, ...]:
    app = v.app
    number = "2024" + _number(app.aid + "-apr", 13)
    app_name = _pick(app.aid + "-apr-app", ("钉钉", "企业微信"))
    dept = _pick(app.aid + "-apr-dept", ("办公室", "学会秘书处", "综合部", "科技处"))
    head = [Para("项目申报审批", "title"),
            Para(f"审批编号：{number}"),
            Para(f"创建人：{app.contact_name}　　所在部门：{dept}"),
            Para("创建时间：2024-04-17 16:42")]
    record = [Para("审批记录", "heading"),
              Para(f"{app.contact_name}　发起申请　2024-04-17 16:42"),
              Para(f"{app.leader_name}　已同意　2024-04-18 09:05"),
              Para(f"打印人：{app.contact_name}　　打印时间：2024-04-18 10:11　　来自{app_name}")]
    return (*head, Para("一、基本情况", "heading"), _two_columns(_pairs(v)), *record)


_TRAD_LABELS = {"项目名称": "項目名稱", "项目类别": "項目類別", "申报单位": "申報單位", "单位类型": "單位類型",
                "项目负责人": "項目負責人", "负责人手机": "負責人手機", "项目联系人": "項目聯繫人",
                "联系电话": "聯繫電話", "电子邮箱": "電子郵箱", "起止时间": "起止時間"}


def _trad_labels(v: _V) -> tuple[Block, ...]:
    pairs = [(_TRAD_LABELS.get(label, traditional(label)), value) for label, value in _pairs(v)]
    return (Para("一、基本情況", "heading"), _two_columns(pairs))


def _chat_record(v: _V) -> tuple[Block, ...]:
    app = v.app
    contact, leader = app.contact_name, app.leader_name
    lines = [f"“{contact}”和“{leader}”的聊天记录"]
    messages = [(contact, "4月18日 10:15", [("项目名称", v.project), ("申报单位", v.org), ("单位类型", v.type),
                                            ("项目类别", v.category)]),
                (leader, "4月18日 10:21", [("项目负责人", v.name), ("负责人手机", v.leader_phone)]),
                (contact, "4月18日 10:24", [("项目联系人", v.contact), ("联系电话", v.contact_phone),
                                            ("电子邮箱", v.email), (v.funding_label, v.funding),
                                            ("起止时间", v.period)])]
    if v.joint:
        messages[0][2].append((v.joint_label, v.joint))
    for sender, when, fields in messages:
        lines.append(f"{sender} {when}")
        for label, value in fields:
            lines.extend(f"{label}：{value}".split("\n"))
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


def _stacked_pairs(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    for group in ((("项目负责人", v.name), ("负责人手机", v.leader_phone)),
                  (("项目联系人", v.contact), ("联系电话", v.contact_phone), ("电子邮箱", v.email)),
                  ((v.funding_label, v.funding), ("起止时间", v.period))):
        if any("\n" in plain(value) for _, value in group):  # (a value of several lines: a row each)
            rows += [(Cell(label), Cell(value)) for label, value in group]
        else:
            rows.append((Cell("\n".join(label for label, _ in group)), Cell("\n".join(value for _, value in group))))
    return (Para("一、基本情况", "heading"), Table((1.0, 3.0), tuple(rows)))


def _oa_draft_sheet(v: _V) -> tuple[Block, ...]:
    app = v.app
    avoid = {app.leader_name, app.contact_name}
    signer, checker = _stranger(app.aid + "-oa1", avoid), _stranger(app.aid + "-oa2", avoid)
    year_no = _number(app.aid + "-oa-no", 2)
    sheet = Table((1.0, 1.6, 1.0, 1.6), (
        (Cell("签发"), Cell(signer), Cell("核稿"), Cell(checker)),
        (Cell("拟稿单位"), Cell(app.applicant_org), Cell("拟稿人"), Cell(app.contact_name)),
        (Cell("电话"), Cell(str(app.contact_phone or "")), Cell("文号"), Cell(f"〔2024〕{year_no}号")),
        (Cell("标题"), Cell(f"关于申报2024年度省科协项目的函", 3)),
        (Cell("主送"), Cell("湖南省科学技术协会", 3)),
    ))
    return (Para("发文稿纸", "title"), sheet, Para("附件：申报书", "body"), Para("一、基本情况", "heading"),
            _two_columns(_pairs(v)))


# ---------------------------------------------------------------------------- files

_STRICT = (
    ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     "http://purl.oclc.org/ooxml/officeDocument/relationships"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "http://purl.oclc.org/ooxml/drawingml/main"),
    ("http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
     "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"),
    ("http://schemas.openxmlformats.org/drawingml/2006/picture", "http://purl.oclc.org/ooxml/drawingml/picture"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math"),
)


def strict_docx(docx: bytes) -> bytes:
    """`docx` as Word saves it in Strict Open XML: every part's transitional namespaces (and the
    relationships' types) in the purl.oclc.org ones, the document conformance="strict"."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith((".xml", ".rels")):
                text = data.decode("utf-8")
                for old, new in _STRICT:
                    text = text.replace(old, new)
                if info.filename.endswith(".rels"):  # the relationships' types
                    text = text.replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                                        "http://purl.oclc.org/ooxml/officeDocument/relationships/")
                if info.filename == "word/document.xml":
                    text = re.sub(r"<w:document\b", '<w:document w:conformance="strict"', text, count=1)
                data = text.encode("utf-8")
            dst.writestr(info, data)
    return out.getvalue()


def copy_locked(pdf: bytes, aid: str) -> bytes:
    """`pdf` restricted by an owner password only: it opens without one, copying and editing are
    not permitted (printing is)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import UserAccessPermissions as P

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="", owner_password="oa" + _number(aid + "-owner", 8),
                   permissions_flag=P.PRINT | P.PRINT_TO_REPRESENTATION, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def esigned(pdf: bytes, org: str, when: datetime) -> bytes:
    """`pdf` with an electronic seal system's incremental update: the printed revision's bytes
    first, as they were, then a stamp annotation (a red ring and star drawn in its appearance
    stream) over the first page and the new trailer."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, \
        StreamObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(reader, incremental=True)
    page = writer.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    size = 120.0
    x0, y0 = width - size - 80, 120.0
    ring = ("1 0 0 RG 1 0 0 rg 3 w\n"
            "60 110 m 87.6 110 110 87.6 110 60 c 110 32.4 87.6 10 60 10 c 32.4 10 10 32.4 10 60 c "
            "10 87.6 32.4 110 60 110 c S\n"
            "60 80 m 65.9 68.1 l 79 66.2 l 69.5 56.9 l 71.8 43.8 l 60 50 l 48.2 43.8 l 50.5 56.9 l "
            "41 66.2 l 54.1 68.1 l h f\n")
    appearance = StreamObject()
    appearance.set_data(ring.encode("ascii"))
    appearance.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                       NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(size),
                                                         FloatObject(size)])})
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Stamp"),
        NameObject("/Rect"): ArrayObject([FloatObject(x0), FloatObject(y0), FloatObject(x0 + size),
                                          FloatObject(y0 + size)]),
        NameObject("/F"): NumberObject(4),
        NameObject("/Name"): NameObject("/Approved"),
        NameObject("/T"): TextStringObject(org),
        NameObject("/Contents"): TextStringObject(f"{org} 电子签章"),
        NameObject("/M"): TextStringObject(when.strftime("D:%Y%m%d%H%M%S+08'00'")),
        NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
    })
    if "/Annots" not in page:
        page[NameObject("/Annots")] = ArrayObject()
    page["/Annots"].append(writer._add_object(annotation))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_sent(pdf: bytes, decorations: tuple[str, ...], aid: str, org: str, when: datetime) -> bytes:
    """The PDF a form printed to PDF goes as: restricted or e-sealed (this set's ways), else as it is."""
    if "pdf_copy_locked" in decorations:
        return copy_locked(pdf, aid)
    if "pdf_esign_increment" in decorations:
        return esigned(pdf, org, when)
    return pdf


def docx_sent(docx: bytes, decorations: tuple[str, ...]) -> bytes:
    return strict_docx(docx) if "strict_ooxml" in decorations else docx


def blank_back(width: int, height: int, key: str) -> bytes:
    """A blank page's scan: light grey with a little noise and a faint shadow at the top (JPEG)."""
    from PIL import Image, ImageDraw

    rnd = random.Random(key)
    grey = rnd.randint(236, 246)
    page = Image.new("L", (width, height), grey)
    draw = ImageDraw.Draw(page)
    for _ in range(width * height // 400):
        x, y = rnd.randrange(width), rnd.randrange(height)
        draw.point((x, y), fill=grey - rnd.randint(8, 30))
    draw.rectangle((0, 0, width, max(2, height // 300)), fill=grey - 25)
    out = io.BytesIO()
    page.save(out, "JPEG", quality=70)
    return out.getvalue()


def duplex(scan: bytes, key: str) -> bytes:
    """`scan` (an image-only PDF) with a blank back after every page, each the size of its page."""
    from pypdf import PdfReader, PdfWriter
    from PIL import Image

    reader = PdfReader(io.BytesIO(scan))
    writer = PdfWriter()
    for k, page in enumerate(reader.pages):
        writer.add_page(page)
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        image = Image.open(io.BytesIO(blank_back(int(w * 200 / 72), int(h * 200 / 72), f"{key}-{k}")))
        back = io.BytesIO()
        image.save(back, "PDF", resolution=200.0)
        writer.add_page(PdfReader(io.BytesIO(back.getvalue())).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scan_sent(scan: bytes, decorations: tuple[str, ...], aid: str) -> bytes:
    return duplex(scan, aid + "-duplex") if "duplex_blank_backs" in decorations else scan


class _GbkInfo(zipfile.ZipInfo):
    """A member whose name is written as GBK bytes without the UTF-8 flag (Windows' zip in China)."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 (zipfile's own name)
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def other_method_zip(members: list[tuple[str, bytes]], gbk: bool, aid: str) -> bytes:
    """`members` zipped with BZip2 or LZMA in place of Deflate; UTF-8 names flagged as such, or
    GBK names without the flag (as the zip's format asked)."""
    method = zipfile.ZIP_BZIP2 if _pick(aid + "-zipm", ("bz", "lz")) == "bz" else zipfile.ZIP_LZMA
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as zf:
        for name, data in members:
            info = (_GbkInfo if gbk else zipfile.ZipInfo)(name, date_time=(2024, 4, 18, 10, 0, 0))
            info.compress_type = method
            zf.writestr(info, data)
    return out.getvalue()


def zip_method(archive: bytes) -> set[int]:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {i.compress_type for i in zf.infolist()}


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
    its attachments' base64 on one line."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            decos = set(f.look.decorations)
            drop = set(PER_FILE) if f not in sent else {w for w in PER_FILE
                                                        if _CONFLICTS[w] & decos or f.fmt not in _WAY_FORMATS[w]}
            for way in drop & decos:
                f.look = _without(f.look, way)
            compact = f.fmt in _SCANS
            for d in sorted(set(f.look.value_decos) & VALUE_DECORATIONS):
                if not _shown(f.app, f.look, compact, marker(d, f.app)):
                    f.look = _without(f.look, d)
        ways = {d for f in m.forms for d in f.look.decorations}
        if not sent or m.forwarded is not None or m.pasted is not None or m.inline or ways & MAIL_CONFLICTS:
            continue
        if _odds(m.message_id + "-19oneline", ONE_LINE_ODDS):
            for f in sent:
                f.look = _with(f.look, "base64_one_line")


def mail_decorations(m: MailPlan) -> set[str]:
    return {d for f in m.forms for d in f.look.decorations} & PER_MAIL


def one_line_base64(eml: bytes) -> bytes:
    """`eml` with every base64 body of a part that has a file name re-encoded on one line."""
    head, sep, rest = eml.partition(b"\r\n\r\n")
    pieces = re.split(rb"(\r\n--[^\r\n]+\r\n)", rest)
    out = [head + sep]
    for k, piece in enumerate(pieces):
        if k % 2 == 1 or k == 0:
            out.append(piece)
            continue
        part_head, part_sep, part_body = piece.partition(b"\r\n\r\n")
        if re.search(rb"(?im)^content-transfer-encoding:\s*base64", part_head) and \
                re.search(rb"(?i)(file)?name[*0-9]*=", part_head):
            part_body = b"".join(part_body.split(b"\r\n"))
        out.append(part_head + part_sep + part_body)
    return b"".join(out)

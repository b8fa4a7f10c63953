"""The twentieth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-07 at 25d4d81), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, copy, export and send the call's Word/WPS 申报书 template today: a
personnel-style grid whose right-hand column is the leader's photo box (贴照片处, merged down over
the first rows, left empty); the basic part copied out of an online 申报系统's page in the browser
and pasted (the breadcrumb, each label with its * on a line, the value on the next, a text box's
character counter 12/50 under it, the page's buttons at the end); a template whose label cells
carry the guide's 填写说明 on a second line (（不超过30字）, （单项不超过10万元）, （不超过12个月）: figures that
are no values); a template with the association's own fields left blank for it (申报编号 above the
table, 以下由受理单位填写 below it: 受理人, 受理日期 and an unticked 形式审查 □合格 □不合格); a
three-column table with each label's English between the label and the value (for a partner's or
a foreign member's reading). The chosen option after ◎ and the others after ○; （已选） after the
chosen option (as a form system's export marks it), the others bare; a capital V typed in place
of the chosen option's □. The amount in 大写 without 元 (捌万, 柒万伍仟, as typed in a hurry), or in
thousands with k (80k, 80K, 80k元); the period in English month names (May 2024 - Dec 2024,
May–Dec 2024), or as dotted days with the end's year left out (2024.5.1-12.31). The contact
named as an online document's or a group chat's @mention (@李娜); （筹） after the unit (a unit
still in preparation, the name the association registers without it); the leader's birth month
after the name (王伟（1975.03）); the leader's office landline after the mobile (13807312345／0731-
84123456（办）); the guide's item code after the project's name (（指南编号：2024-XS-03）); the e-mail
broken after its @ onto the cell's next line (a narrow cell). Sent as a .docx whose editing is
restricted (限制编辑: w:documentProtection in settings.xml, the file opens as it is); as a PDF
exported with WPS's 输出为图片PDF (every page a picture, no text, clean: no scanner's noise); in a zip
streamed by a web drive's 打包下载 (every member's sizes in a data descriptor after it, bit 3 set);
under a name a mail client or a gateway cut short (the stem cut to its first characters, the
extension kept); through the recipient's mail gateway, which put 【外部邮件】 before the subject and
a warning banner above the body.

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (a photo box, a page's breadcrumb, counters and buttons, the
guide's hints, the association's blank fields and the English labels are no values of the form;
◎, （已选） and V mark the chosen option; 捌万 and 80k are 8万元; May 2024 is 2024年5月; @李娜 is
李娜; （筹）, a birth month, an office landline and an item code are no part of the values they
stand by; the broken e-mail is one address; the files sent are the form whatever their
protection, pictures, packing, names or the gateway's marks).

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
from typing import TYPE_CHECKING

from benchmarks.gencorpus import holdout_variants_17 as hv17
from benchmarks.gencorpus import holdout_variants_18 as hv18
from benchmarks.gencorpus import holdout_variants_19 as hv19
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "photo_cell_grid": "a personnel-style 5-column grid (label | value | label | value | photo): the leader's "
                       "photo box (贴照片处, 负责人近期免冠照片) merged down over the first four rows and left empty, "
                       "long values spanning the columns beside it",
    "web_page_copy": "no table: the basic part copied from an online 申报系统's page and pasted: the breadcrumb "
                     "(首页 > 项目申报 > 填写申报书), each label with its * on a line, the value on the next, a text "
                     "box's character counter (12/50) under it, the page's buttons (保存草稿 提交申报 返回) at the end",
    "label_cell_hints": "2-column table whose label cells carry the guide's 填写说明 on a second line (（不超过30字）, "
                        "（单项不超过10万元）, （不超过12个月）): figures of the guide's beside the values",
    "office_use_blank": "2-column table framed by the association's own fields left blank: 申报编号（由受理单位填写） "
                        "above it, 以下由受理单位填写 below it (受理人, 受理日期, 形式审查 □合格 □不合格, unticked)",
    "bilingual_columns": "3-column table: the Chinese label, its English (Project Title, Applicant Organization, "
                         "Funds Requested (10,000 CNY) …) and the value, under a header row 项目 | Item | 填写内容",
}
# Layouts with no table at all.
_PARAGRAPH_LAYOUTS = frozenset({"web_page_copy"})

CHECKBOXES: dict[str, str] = {
    "double_circle": "◎ before the chosen option, ○ before the others (as printed forms mark a choice)",
    "selected_word": "（已选） after the chosen option, the others bare (a form system's export)",
    "v_for_box": "a capital V typed in place of the chosen option's □, □ before the others",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {
    "daxie_bare": "捌万, 柒万伍仟, 贰拾伍万 (大写 without 元 or 整, typed in a hurry)",
    "k_shorthand": "80k, 80K, 80k元 (thousands of 元 with k)",
}
DATES: dict[str, str] = {
    "english_months": "May 2024 - Dec 2024, May 2024 – December 2024, May–Dec 2024 (English month names)",
    "dot_day_short": "2024.5.1-12.31, 2024.05.01-12.31 (dotted days, the end's year left out when it is the "
                     "start's; across years 2024.3.1-2025.6.30)",
}
DAY_DATES: frozenset[str] = frozenset({"dot_day_short"})

DECORATIONS: dict[str, str] = {
    "contact_at_mention": "the contact named as an @mention of an online document or a group chat: @李娜",
    "org_preparatory": "（筹） after the unit's name: 湖南省光学学会（筹） (the truth is the name without it)",
    "name_birth_month": "the leader's birth month after the name: 王伟（1975.03）, 王伟（1975年3月生）",
    "phone_office_after": "the leader's office landline after the mobile: 13807312345／0731-84123456（办）, "
                          "13807312345，办公室0731-84123456",
    "project_guide_code": "the guide's item code after the project's name: （指南编号：2024-XS-03）",
    "email_broken": "the e-mail broken after its @ onto the cell's next line (lina2023@↵163.com, a narrow cell)",
    "docx_edit_restricted": "the .docx's editing restricted (限制编辑: w:documentProtection w:edit=\"readOnly\" or "
                            "\"forms\", enforced, in settings.xml): it opens as it is (forms sent as .docx)",
    "pdf_image_export": "the PDF exported as pictures (WPS 输出为图片PDF / 纯图PDF): every page an image, no text, "
                        "clean (forms sent as PDF)",
    "zip_streamed": "a zip streamed by a web drive's 打包下载: each member's sizes and CRC in a data descriptor after "
                    "its data (bit 3 set, zeros in the local headers) (.zip archives)",
    "name_cut_short": "the file's name cut short by a mail client or a gateway: the stem's first characters, the "
                      "extension kept (forms sent as .docx or PDF)",
    "gateway_banner": "the recipient's mail gateway put 【外部邮件】 before the subject and a warning banner above the "
                      "body's text (a mail no earlier set's way rebuilds)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 4.0 for name in LAYOUTS}, "double_circle": 4.0, "selected_word": 4.0,
                             "v_for_box": 4.0}
DECORATION_ODDS: dict[str, float] = {"contact_at_mention": 0.2, "org_preparatory": 0.35, "name_birth_month": 0.3,
                                     "phone_office_after": 0.25, "project_guide_code": 0.2, "email_broken": 0.2,
                                     "docx_edit_restricted": 0.9, "pdf_image_export": 0.35, "zip_streamed": 0.5,
                                     "name_cut_short": 0.25}
# The mails' own odds (`settle`).
GATEWAY_ODDS = 0.15

VALUE_DECORATIONS = frozenset({"contact_at_mention", "org_preparatory", "name_birth_month", "phone_office_after",
                               "project_guide_code", "email_broken"})
PER_FILE = frozenset({"docx_edit_restricted", "pdf_image_export", "zip_streamed", "name_cut_short"})
PER_MAIL = frozenset({"gateway_banner"})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"docx_edit_restricted": frozenset({"docx"}), "pdf_image_export": frozenset({"pdf"}),
                "zip_streamed": frozenset({"zip_utf8", "zip_gbk"}), "name_cut_short": frozenset({"docx", "pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with (those that send
# no file of the form's own, and those that make its file, its archive or its name otherwise).
_NEVER_WITH = hv18._NEVER_WITH
_CONFLICTS = {"docx_edit_restricted": hv19._CONFLICTS["strict_ooxml"] | {"strict_ooxml"},
              "pdf_image_export": hv19._CONFLICTS["pdf_copy_locked"] | {"pdf_copy_locked", "pdf_esign_increment",
                                                                         "two_up_print"},
              # (A zip the nineteenth set packs with BZip2 or LZMA is streamed with Deflate instead:
              # that set's way then goes, `drawn`.)
              "zip_streamed": hv19._CONFLICTS["zip_bzip2"],
              "name_cut_short": _NEVER_WITH | {"misnamed_ext", "template_saved", "ofd_export", "app_default_names",
                                               "word_and_pdf", "double_extension", "upper_ext", "unit_only_name",
                                               "attached_twice"}}
# The earlier sets' ways of sending a mail that rebuild it, quote another or cut its words: none
# of theirs passes the gateway here.
MAIL_CONFLICTS = hv19.MAIL_CONFLICTS | {"base64_one_line"}
_NO_MARK_LAYOUTS = hv17._NO_MARK_LAYOUTS
_STAND_INS = hv17._STAND_INS
_PLAIN_LAYOUTS = hv18._PLAIN_LAYOUTS
_OWN_AMOUNT_LAYOUTS = hv17._OWN_AMOUNT_LAYOUTS

_BIRTH_FORMS = ("（{y}.{m:02d}）", "（{y}年{m}月生）", "，{y}.{m}")
_OFFICE_FORMS = ("／{p}（办）", "，办公室{p}", "、{p}（办公室）")
_AREA_CODES = ("0731", "0730", "0734", "0735", "0736", "0739", "0743", "0744", "0745", "0746")
_GUIDE_CODES = ("XS", "FW", "KP", "ZX")
_CUT_LENGTHS = (12, 16, 20)


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


def _number(key: str, digits: int) -> str:
    return str(int(hashlib.sha1(key.encode()).hexdigest(), 16))[:digits]


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "double_circle":
        return f"{'◎' if chosen else '○'}{label}"
    if style == "selected_word":
        return f"{label}（已选）" if chosen else label
    if style == "v_for_box":
        return f"{'V' if chosen else '□'}{label}"
    raise ValueError(style)


def mark(style: str, label: str) -> str:
    """The chosen option as its encoding writes it."""
    return option_text(True, label, style)


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's marks need options that are text of
    a paragraph or a cell."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-20box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- amounts and periods

def _k(wan: float) -> str:
    thousands = round(wan * 10, 3)
    return str(int(thousands)) if thousands == int(thousands) else f"{thousands:g}"


def funding_text(app: App, style: str) -> str:
    from benchmarks.gencorpus.forms import daxie

    if style == "daxie_bare":
        spelled = daxie(app.funding_wan)
        return re.sub(r"元(整|正)?$", "", spelled)
    if style == "k_shorthand":
        return _pick(app.aid + "-k", (f"{_k(app.funding_wan)}k", f"{_k(app.funding_wan)}K", f"{_k(app.funding_wan)}k元"))
    raise ValueError(style)


def funding_for(funding: str, layout: str, aid: str) -> str:
    """The amount a form of `layout` shows: a layout printing its own amount keeps its own."""
    if funding in FUNDINGS and layout in _OWN_AMOUNT_LAYOUTS:
        return _pick(aid + "-20fund", ("wan", "yuan"))
    return funding


_MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_MON = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "english_months":
        how = _pick(app.aid + "-en", ("short", "long", "range"))
        if how == "range" and s.year == e.year:
            return f"{_MON[s.month]}–{_MON[e.month]} {s.year}"
        if how == "long":
            return f"{_MONTHS[s.month]} {s.year} – {_MONTHS[e.month]} {e.year}"
        return f"{_MON[s.month]} {s.year} - {_MON[e.month]} {e.year}"
    if style == "dot_day_short":
        padded = _pick(app.aid + "-dds", ("plain", "padded")) == "padded"
        start = f"{s.year}.{s.month:02d}.{s.day:02d}" if padded else f"{s.year}.{s.month}.{s.day}"
        end = f"{e.month:02d}.{e.day:02d}" if padded else f"{e.month}.{e.day}"
        return f"{start}-{end}" if s.year == e.year else f"{start}-{e.year}.{end}"
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _alone(typed: str, value: str | None) -> bool:
    return hv19._after_is_empty(typed, value) and hv19._before_is_empty(typed, value)


def _birth(app: App) -> str:
    year = 1958 + int(_number(app.aid + "-born", 2)) % 30
    month = 1 + int(_number(app.aid + "-born-m", 2)) % 12
    return _pick(app.aid + "-born-form", _BIRTH_FORMS).format(y=year, m=month)


def _office(app: App) -> str:
    phone = f"{_pick(app.aid + '-area', _AREA_CODES)}-8{_number(app.aid + '-office', 7)}"
    return _pick(app.aid + "-office-form", _OFFICE_FORMS).format(p=phone)


def _guide_code(app: App) -> str:
    return f"（指南编号：2024-{_pick(app.aid + '-code', _GUIDE_CODES)}-0{1 + int(_number(app.aid + '-code-n', 1)) % 9}）"


def broken_email(address: str) -> str:
    local, _, domain = address.partition("@")
    return f"{local}@\n{domain}"


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each on the clean value where it is
    typed alone: nothing an earlier set typed before or after it)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "project_guide_code" in decos and _alone(v.project, app.project_name):
        v.project = hv19._around(v.project, app.project_name, "", _guide_code(app))
    if "org_preparatory" in decos and _alone(v.org, app.applicant_org):
        v.org = hv19._around(v.org, app.applicant_org, "", "（筹）")
    if "name_birth_month" in decos and _alone(v.name, app.leader_name):
        v.name = hv19._around(v.name, app.leader_name, "", _birth(app))
    if "contact_at_mention" in decos and _alone(v.contact, app.contact_name):
        v.contact = hv19._around(v.contact, app.contact_name, "@", "")
    if "phone_office_after" in decos and app.leader_phone and _alone(v.leader_phone, app.leader_phone):
        v.leader_phone = hv19._around(v.leader_phone, str(app.leader_phone), "", _office(app))
    if "email_broken" in decos and app.contact_email and _alone(v.email, app.contact_email):
        v.email = hv19._around(v.email, app.contact_email, "", "", broken_email(app.contact_email))


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "project_guide_code":
        return app.project_name + _guide_code(app)
    if d == "org_preparatory":
        return app.applicant_org + "（筹）"
    if d == "name_birth_month":
        return app.leader_name + _birth(app)
    if d == "contact_at_mention":
        return "@" + app.contact_name
    if d == "phone_office_after":
        return f"{app.leader_phone}{_office(app)}"
    if d == "email_broken":
        return broken_email(str(app.contact_email))
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
        if d == "phone_office_after" and not (app.leader_phone and app.leader_phone.startswith("1")):
            return False
        if d == "email_broken" and not (app.contact_email and "@" in app.contact_email):
            return False
        if d == "contact_at_mention" and app.contact_name == app.leader_name:
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
    if "zip_streamed" in mine:  # (one way of packing the archive: the stream's)
        look = _without(look, "zip_bzip2")
    return replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "photo_cell_grid":
        return _photo_cell_grid(v)
    if layout == "web_page_copy":
        return _web_page_copy(v)
    if layout == "label_cell_hints":
        return _label_cell_hints(v)
    if layout == "office_use_blank":
        return _office_use_blank(v)
    if layout == "bilingual_columns":
        return _bilingual_columns(v)
    raise ValueError(layout)


def _photo_cell_grid(v: _V) -> tuple[Block, ...]:
    photo = _pick(v.app.aid + "-photo", ("负责人\n近期免冠\n照片", "贴照片处", "（照片）"))
    rows: list[tuple[Cell, ...]] = [
        (Cell("项目名称"), Cell(v.project, 3), Cell(photo, vmerge="restart")),
        (Cell("申报单位"), Cell(v.org, 3), Cell("", vmerge="continue")),
        (Cell("项目负责人"), Cell(v.name), Cell("负责人手机"), Cell(v.leader_phone), Cell("", vmerge="continue")),
        (Cell("项目联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone), Cell("", vmerge="continue")),
        (Cell("电子邮箱"), Cell(v.email, 4)),
        (Cell("项目类别"), Cell(v.category, 4)),
        (Cell("单位类型"), Cell(v.type, 4)),
    ]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 4)))
    rows.append((Cell(v.funding_label), Cell(v.funding), Cell("起止时间"), Cell(v.period, 2)))
    return (Para("一、基本情况", "heading"), Table((1.0, 1.5, 1.0, 1.5, 1.0), tuple(rows)))


_LIMITS = {"项目名称": 50, "申报单位": 50, "项目负责人": 20, "项目联系人": 20, "电子邮箱": 50}


def _web_page_copy(v: _V) -> tuple[Block, ...]:
    lines = ["首页 > 项目申报 > 填写申报书", "填写申报书（第1步，共3步）", "基本信息"]
    for label, value in hv19._pairs(v):
        lines.append(f"* {label}")
        lines.extend(value.split("\n"))
        if label in _LIMITS:
            lines.append(f"{len(plain(value).replace(chr(10), ''))}/{_LIMITS[label]}")
    lines.append("保存草稿　　提交申报　　返回")
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


_HINTS = {"项目名称": "（不超过30字）", "项目类别": "（限选一项）", "申报单位": "（须与公章一致）", "单位类型": "（限选一项）",
          "项目负责人": "（须为本单位在职人员）", "负责人手机": "（11位手机号码）", "项目联系人": "（负责具体联络）",
          "联系电话": "（请填写手机号码）", "电子邮箱": "（用于接收通知）", "起止时间": "（不超过12个月）"}


def _label_cell_hints(v: _V) -> tuple[Block, ...]:
    rows = []
    for label, value in hv19._pairs(v):
        hint = "（单项不超过10万元）" if label == v.funding_label else _HINTS.get(label, "")
        rows.append((Cell(f"{label}\n{hint}" if hint else label), Cell(value)))
    return (Para("一、基本情况", "heading"), Table((1.2, 3.0), tuple(rows)))


def _office_use_blank(v: _V) -> tuple[Block, ...]:
    office = Table((1.0, 1.5, 1.0, 1.5), (
        (Cell("以下由受理单位填写", 4, shade=True),),
        (Cell("受理人"), Cell(""), Cell("受理日期"), Cell("　　年　　月　　日")),
        (Cell("形式审查"), Cell("□合格　□不合格", 3)),
    ))
    return (Para("申报编号：＿＿＿＿＿＿（由受理单位填写）"), Para("一、基本情况", "heading"),
            hv19._two_columns(hv19._pairs(v)), office)


_ENGLISH = {"项目名称": "Project Title", "项目类别": "Category", "申报单位": "Applicant Organization",
            "单位类型": "Type of Organization", "项目负责人": "Project Leader", "负责人手机": "Leader's Mobile",
            "项目联系人": "Contact Person", "联系电话": "Telephone", "电子邮箱": "E-mail",
            "起止时间": "Project Period"}


def _bilingual_columns(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = [(Cell("项目", shade=True), Cell("Item", shade=True),
                                     Cell("填写内容", shade=True))]
    for label, value in hv19._pairs(v):
        english = ("Funds Requested (10,000 CNY)" if "万元" in label else "Funds Requested (CNY)" if "元" in label
                   else "Funds Requested") if label == v.funding_label else _ENGLISH.get(label, "Partner Organization")
        rows.append((Cell(label), Cell(english), Cell(value)))
    return (Para("一、基本情况 Basic Information", "heading"), Table((1.1, 1.5, 2.8), tuple(rows)))


# ---------------------------------------------------------------------------- files

def restricted_docx(docx: bytes, aid: str) -> bytes:
    """`docx` with its editing restricted (限制编辑): an enforced w:documentProtection first in
    settings.xml (readOnly or forms, as the template's maker set it), no password hash."""
    edit = _pick(aid + "-protect", ("readOnly", "forms"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/settings.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<w:settings\b[^>]*>)", rf'\1<w:documentProtection w:edit="{edit}" w:enforcement="1"/>',
                              text, count=1)
                data = text.encode("utf-8")
            dst.writestr(info, data)
        assert "word/settings.xml" in names
    return out.getvalue()


def image_pdf(pdf: bytes, dpi: int = 150) -> bytes:
    """`pdf` as WPS's 输出为图片PDF writes it: every page rendered to a picture, one picture a page."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        pages = [doc[k].render(scale=dpi / 72).to_pil().convert("RGB") for k in range(len(doc))]
    finally:
        doc.close()
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return out.getvalue()


def docx_sent(docx: bytes, decorations: tuple[str, ...], aid: str) -> bytes:
    return restricted_docx(docx, aid) if "docx_edit_restricted" in decorations else docx


def pdf_sent(pdf: bytes, decorations: tuple[str, ...]) -> bytes:
    return image_pdf(pdf) if "pdf_image_export" in decorations else pdf


def sent_name(name: str, decorations: tuple[str, ...], aid: str) -> str:
    """The file's name as sent: cut short (its stem's first characters, the extension kept)."""
    if "name_cut_short" not in decorations or "." not in name:
        return name
    stem, ext = name.rsplit(".", 1)
    keep = int(_pick(aid + "-cut", tuple(str(n) for n in _CUT_LENGTHS)))
    return f"{stem[:keep]}.{ext}" if len(stem) > keep else name


class _Stream(io.RawIOBase):
    """A write-only stream that cannot seek (a web drive's download being written)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: bytes) -> int:  # type: ignore[override]
        self.data += b
        return len(b)


def streamed_zip(members: list[tuple[str, bytes]], gbk: bool) -> bytes:
    """`members` zipped as a stream is (bit 3: sizes and CRC in a data descriptor after each member's
    data); UTF-8 names flagged as such, or GBK names without the flag (as the zip's format asked)."""
    stream = _Stream()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as zf:  # type: ignore[arg-type]
        for name, data in members:
            info = (hv19._GbkInfo if gbk else zipfile.ZipInfo)(name, date_time=(2024, 4, 18, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return bytes(stream.data)


def descriptor_flags(archive: bytes) -> set[bool]:
    """Whether each member of `archive` has its sizes in a data descriptor (bit 3)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return {bool(i.flag_bits & 0x08) for i in zf.infolist()}


# ---------------------------------------------------------------------------- how the mail is sent

_BANNERS = ("【外部邮件提醒】此邮件来自外部，请勿轻易点击链接或打开附件，注意核实发件人身份。",
            "［外部邮件］该邮件来自组织外部，请谨慎处理其中的链接和附件。")
_PREFIXES = ("【外部邮件】", "[外部邮件]", "[EXTERNAL] ")


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
    or not sent keeps no way of a file of this set's; a value decoration no longer shown goes; a
    mail no earlier set's way rebuilds may pass the recipient's gateway (its subject and body
    marked)."""
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
        if _odds(m.message_id + "-20gateway", GATEWAY_ODDS):
            for f in sent:
                f.look = _with(f.look, "gateway_banner")


def mail_decorations(m: MailPlan) -> set[str]:
    return {d for f in m.forms for d in f.look.decorations} & PER_MAIL


def gateway(m: MailPlan) -> None:
    """`m` as the recipient's gateway passes it on: a prefix before its subject, a banner above its
    body's text (before the mail is written, so its truth has the subject as received)."""
    if "gateway_banner" not in mail_decorations(m):
        return
    prefix = _pick(m.message_id + "-gw-prefix", _PREFIXES)
    if not m.subject.startswith(prefix):
        m.subject = prefix + m.subject
        m.body = _pick(m.message_id + "-gw-banner", _BANNERS) + "\n\n" + m.body

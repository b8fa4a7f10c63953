"""The twenty-fourth set of held-out variants: layouts, a checkbox encoding, a period format, value
decorations and ways a form is sent, written blind (without reading the extraction code). Held-out
only: dev never draws one of them (every draw of this set comes after dev's and the earlier held-out
sets', and only when the plan is held-out's; each is drawn from a hash of the application's own key
and, in forms.draw_variant, of the draw's number, never from the plan's generator or from lower
digits of its numbers), so dev's corpora and the earlier sets' draws stay what they were.

They follow how offices fill and send the call's Word/WPS 申报书 template: the basic part as a
2-column table whose narrow label cells hold their labels one character to a line (项↵目↵名↵称,
Enter typed after each character, as narrow label columns are filled); the basic part's people
written as the template's 项目负责人简介 paragraph (王伟，理事长，研究员，…。手机：138…) and a
联系方式 line, the table holding the project, the unit, the amount and the period only. The boxes
as the old government templates' MACROBUTTON fields (双击打勾: { MACROBUTTON CheckIt ☑ }, the glyph
the field's display text in its instruction, no result). The period to the hour, as contracts and
notices write it (2024年5月1日0时至2024年12月31日24时). The unit's social-organisation rating after
its name (湖南省光学学会（5A级社会组织）); the guide's direction or status after the project's name
(…学术年会（高端学术活动）, …服务站（服务乡村振兴类）, …（定向委托）); the contact's WeChat ID after
the name (李娜（微信：lina2023）). Sent as Word for the web packages a .docx (its main part
word/document2.xml, the package's relationships pointing to it); as a PDF whose signed pages
(申报单位意见 onwards) were printed, stamped, scanned and merged back into the exported PDF.

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (stacked characters are the label; the 简介 names the leader and
the 联系方式 line the contact; the MACROBUTTON's ☑ marks the chosen option; 0时 and 24时 are the
period's first and last days; the rating, the guide's note and the WeChat ID are no part of the
values they stand by; the files sent are the form whatever their main part is named and whichever
of their pages are scans).

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
from benchmarks.gencorpus import holdout_variants_19 as hv19
from benchmarks.gencorpus import holdout_variants_20 as hv20
from benchmarks.gencorpus import holdout_variants_23 as hv23
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "stacked_char_labels": "2-column table whose narrow label cells hold their labels one character to a line, "
                           "Enter typed after each (项↵目↵名↵称, 申↵请↵经↵费↵（万元）), the values in the wide cells",
    "leader_bio": "the table holds the project, the unit, the amount and the period; the people follow as the "
                  "template's 项目负责人简介 paragraph (王伟，理事长，研究员，长期从事…。手机：138…) and a 项目联系方式 "
                  "line (联系人：李娜　联系电话：…　电子邮箱：…)",
}

CHECKBOXES: dict[str, str] = {
    "macrobutton_box": "every option's box a MACROBUTTON field as old government templates carry them for "
                       "双击打勾 ({ MACROBUTTON CheckIt ☑ } before the chosen option, ☐ before the others): the "
                       "glyph is the field's display text in its instruction (w:instrText), no result",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {}
DATES: dict[str, str] = {
    "to_the_hour": "the period to the hour, as contracts and notices write it: 2024年5月1日0时至2024年12月31日24时, "
                   "自2024年5月1日零时起至2024年12月31日24时止, 2024年5月1日0时起至2024年12月31日24时止",
}
DAY_DATES: frozenset[str] = frozenset({"to_the_hour"})

DECORATIONS: dict[str, str] = {
    "org_rating": "a society's social-organisation rating after its name (省级学会 and 民非 units): "
                  "湖南省光学学会（5A级社会组织）, …（4A级学会）, …（AAAA级社会组织）",
    "project_guide_note": "the guide's direction or status after the project's name: …学术年会（高端学术活动）, "
                          "…学会服务站（服务乡村振兴类）, …（服务企业创新创业类）, …（定向委托）",
    "contact_wechat_id": "the contact's WeChat ID after the name: 李娜（微信：lina2023）, 李娜 微信号：wxid_…",
    "docx_main_part_renamed": "the .docx as Word for the web packages it: its main part word/document2.xml (with "
                              "word/_rels/document2.xml.rels), the package's relationship and the content types "
                              "pointing to it, no word/document.xml (forms sent as .docx)",
    "pdf_signed_pages_merged": "the exported PDF with its signed pages (申报单位意见 onwards) replaced by their scan: "
                               "printed, stamped, scanned and merged back with a PDF tool, the pages before them "
                               "still text (forms sent as PDF)",
}
# Held-out odds: new variants weighed up so that each shows often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "macrobutton_box": 5.0, "to_the_hour": 5.0}
DECORATION_ODDS: dict[str, float] = {"org_rating": 0.7, "project_guide_note": 0.6, "contact_wechat_id": 0.5,
                                     "docx_main_part_renamed": 0.8, "pdf_signed_pages_merged": 0.8}

VALUE_DECORATIONS = frozenset({"org_rating", "project_guide_note", "contact_wechat_id"})
PER_FILE = frozenset({"docx_main_part_renamed", "pdf_signed_pages_merged"})
PER_MAIL: frozenset[str] = frozenset()
NAMES = frozenset({*LAYOUTS, *CHECKBOXES, *FUNDINGS, *DATES, *DECORATIONS})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"docx_main_part_renamed": frozenset({"docx"}), "pdf_signed_pages_merged": frozenset({"pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with (Word for the web
# neither embeds fonts nor stores members or writes Strict XML; it keeps a restriction, WPS's custom
# properties and a file of pictures or of two forms as they were. A PDF merged with its scanned pages
# is not one printed two to a sheet, exported as pictures or e-sealed; one whose fonts lost their
# ToUnicode maps keeps them, and a PDF tool may lock what it merged).
_CONFLICTS = {"docx_main_part_renamed": hv23._CONFLICTS["fonts_embedded_docx"] - {"docx_edit_restricted"}
              | {"fonts_embedded_docx", "docx_stored"},
              "pdf_signed_pages_merged": hv20._CONFLICTS["pdf_image_export"] - {"no_tounicode", "pdf_copy_locked"}
              | {"pdf_image_export"}}
_NO_MARK_LAYOUTS = hv23._NO_MARK_LAYOUTS
_STAND_INS = hv23._STAND_INS
_PLAIN_LAYOUTS = hv23._PLAIN_LAYOUTS
# Layouts whose whole form is not written by this module's paragraphs (no signed pages of their own).
_OWN_PRINT_LAYOUTS = frozenset({"sheet_row_xlsx", "system_pdf", "excel_print"})

_RATINGS = ("（5A级社会组织）", "（4A级学会）", "（AAAA级社会组织）", "（3A级社会组织）")
_RATED_TYPES = frozenset({"省级学会", "民非组织"})
_DESIGNATED = frozenset({"“科创中国”湖南中心建设与运营", "创新工程专业职称评审", "学会制度机制建设",
                         "省级学会网站管理平台", "高校科协交流机制建设"})
_WECHAT_FORMS = ("（微信：{}）", " 微信号：{}", "（微信号{}）")
_TITLES = ("研究员", "教授", "高级工程师", "副教授", "正高级工程师")
_HOUR_FORMS = ("plain", "zero_start", "qi_zhi")


def _earlier_names() -> frozenset[str]:
    import importlib

    names: set[str] = set()
    for k in range(3, 24):
        module = importlib.import_module(f"benchmarks.gencorpus.holdout_variants_{k}")
        for table in ("LAYOUTS", "CHECKBOXES", "FUNDINGS", "DATES", "DECORATIONS"):
            names |= set(getattr(module, table))
    return frozenset(names)


# The draws this set takes the place of: those of the options of no earlier set from the third to the
# twenty-third (forms.py's own and holdout_variants.py's), so every draw of those sets stays.
EARLIER = _earlier_names()


class _NotEarlier:
    def __contains__(self, option: object) -> bool:
        return option not in EARLIER


TAKEN_FROM = _NotEarlier()


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


def draw_numbers(key: str, r: float) -> tuple[float, float]:
    """Two numbers in [0, 1) for forms.draw_variant's place of this set: a hash of the application's
    key and of the draw's own number `r` (its lower digits are the earlier sets', and run out of
    precision), so no earlier draw moves and two draws of one application differ."""
    h = hashlib.sha256(f"{key}|{r!r}|hv24".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2 ** 64, int.from_bytes(h[8:16], "big") / 2 ** 64


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "macrobutton_box":
        return f"[mb:{1 if chosen else 0}]{label}"
    raise ValueError(style)


def mark(style: str, label: str) -> str:
    """The chosen option as the form shows it."""
    return plain(option_text(True, label, style))


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's field needs options that are text."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-24box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- periods

def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "to_the_hour":
        how = _pick(app.aid + "-hour24", _HOUR_FORMS)
        start, end = f"{s.year}年{s.month}月{s.day}日", f"{e.year}年{e.month}月{e.day}日"
        if how == "plain":
            return f"{start}0时至{end}24时"
        if how == "zero_start":
            return f"自{start}零时起至{end}24时止"
        return f"{start}0时起至{end}24时止"
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _after_empty(typed: str, value: str | None) -> bool:
    """Whether nothing follows `value` where it is typed in `typed`, not even a mark (a footnote's
    number, a field's end): the note goes right after the value then."""
    k = hv17.spot(typed, value)
    return value is not None and k is not None and not typed[k + len(value):].strip()


def is_rated(app: App) -> bool:
    return app.applicant_type in _RATED_TYPES


def guide_note(app: App) -> str | None:
    """The guide's direction (学术交流, 学会服务站建设) or status (定向委托) of the application's item."""
    if app.subcategory == "学术交流":
        return _pick(app.aid + "-note24", ("（高端学术活动）", "（高端学术活动类）"))
    if app.subcategory == "学会服务站建设":
        return _pick(app.aid + "-note24", ("（服务乡村振兴类）", "（服务企业创新创业类）"))
    if app.subcategory in _DESIGNATED:
        return "（定向委托）"
    return None


def wechat_id(app: App) -> str:
    """The contact's WeChat ID: the mailbox's name where it can be one (6–20 characters from a
    letter), else an ID WeChat assigned (wxid_…)."""
    local = (app.contact_email or "").split("@")[0]
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]{5,19}", local):
        return local
    return "wxid_" + hashlib.sha1(f"{app.aid}-wx24".encode()).hexdigest()[:12]


def _rating(app: App) -> str:
    return _pick(app.aid + "-rating24", _RATINGS)


def _wechat(app: App) -> str:
    return _pick(app.aid + "-wechat24", _WECHAT_FORMS).format(wechat_id(app))


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each right after the clean value where
    nothing an earlier set typed follows it but the template's （盖章）)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "org_rating" in decos and is_rated(app) and hv23._before_seal(v.org, app.applicant_org):
        v.org = hv19._around(v.org, app.applicant_org, "", _rating(app))
    note = guide_note(app)
    if "project_guide_note" in decos and note and _after_empty(v.project, app.project_name):
        v.project = hv19._around(v.project, app.project_name, "", note)
    if "contact_wechat_id" in decos and _after_empty(v.contact, app.contact_name):
        v.contact = hv19._around(v.contact, app.contact_name, "", _wechat(app))


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "org_rating":
        return app.applicant_org + _rating(app)
    if d == "project_guide_note":
        return app.project_name + str(guide_note(app))
    if d == "contact_wechat_id":
        return app.contact_name + _wechat(app)
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
        if d == "org_rating" and not is_rated(app):
            return False
        if d == "project_guide_note" and guide_note(app) is None:
            return False
        with_it = replace(look, value_decos=(*look.value_decos, *mine, d), decorations=(*look.decorations, *mine, d))
        without = replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))
        compact = fmt in _SCANS
        text = marker(d, app)
        return _shown(app, with_it, compact, text) and not _shown(app, without, compact, text)
    if d in PER_FILE:
        return fmt in _WAY_FORMATS[d] and not _CONFLICTS[d] & kept and layout not in _OWN_PRINT_LAYOUTS
    raise ValueError(d)


def drawn(rng: random.Random, app: App | None, look: Look, fmt: str) -> Look:
    """`look` with this set's draws after every earlier set's: the encoding a layout can show, the
    decorations that show on `app` in `fmt` (a file sent one way of this set's at most). Each draw
    is the application's own (`rng` is not drawn from: the plan's later draws stay)."""
    look = replace(look, checkbox=checkbox_for(look.checkbox, app, look))
    if app is None or look.layout == "system_pdf":
        return look
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if _odds(f"{app.aid}-{fmt}-24-{d}", odds))
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

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "stacked_char_labels":
        return _stacked_char_labels(v)
    if layout == "leader_bio":
        return _leader_bio(v)
    raise ValueError(layout)


def stacked(label: str) -> str:
    """A label one character to a line, a bracketed unit (（万元）) kept on a line of its own."""
    base, bracket = re.fullmatch(r"(.*?)((?:[（(].*)?)", label).groups()  # type: ignore[union-attr]
    return "\n".join([*base, *([bracket] if bracket else [])])


def _stacked_char_labels(v: _V) -> tuple[Block, ...]:
    rows = tuple((Cell(stacked(label)), Cell(value)) for label, value in hv19._pairs(v))
    return (Para("一、基本情况", "heading"), Table((0.7, 4.6), rows))


def title(app: App) -> str:
    return _pick(app.aid + "-title24", _TITLES)


def _leader_bio(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, Cell]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                     (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    rows += [(Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
    bio = (f"{v.name}，{app.leader_post}，{title(app)}，长期从事本领域科技服务与学术交流工作，"
           f"熟悉项目组织实施。手机：{v.leader_phone}。")
    contact = f"联系人：{v.contact}　　联系电话：{v.contact_phone}　　电子邮箱：{v.email}"
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)),
            Para("（二）项目负责人简介", "heading"), Para(bio),
            Para("（三）项目联系方式", "heading"), Para(contact))


# ---------------------------------------------------------------------------- files

_MAIN = "word/document.xml"
_RENAMED = "word/document2.xml"


def main_part_renamed(docx: bytes) -> bytes:
    """`docx` as Word for the web packages it: the main part word/document2.xml and its
    relationships word/_rels/document2.xml.rels, the package relationship's target and the content
    types' override renamed with it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data, name = src.read(info), info.filename
            if name == _MAIN:
                name = _RENAMED
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/document2.xml.rels"
            elif name == "[Content_Types].xml":
                data = data.replace(b'PartName="/word/document.xml"', b'PartName="/word/document2.xml"')
            elif name == "_rels/.rels":
                data = re.sub(rb'Target="/?word/document\.xml"', b'Target="word/document2.xml"', data)
            dst.writestr(name, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main_part(docx: bytes) -> str | None:
    """The name of a .docx's main part, as its package relationship names it."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        rels = zf.read("_rels/.rels").decode("utf-8")
    m = re.search(r'Type="[^"]*/officeDocument"[^>]*Target="/?([^"]+)"|Target="/?([^"]+)"[^>]*Type="[^"]*/officeDocument"',
                  rels)
    return (m.group(1) or m.group(2)) if m else None


def docx_sent(docx: bytes, decorations: tuple[str, ...]) -> bytes:
    return main_part_renamed(docx) if "docx_main_part_renamed" in decorations else docx


_SIGNED = "申报单位意见"


def signed_page(pdf: bytes) -> int:
    """The index of the PDF's page where the signed part (申报单位意见) begins (the last if none)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(len(doc)):
            if _SIGNED in re.sub(r"\s+", "", doc[i].get_textpage().get_text_range()):
                return i
        return len(doc) - 1
    finally:
        doc.close()


def signed_pages_merged(pdf: bytes, aid: str, seal: str) -> bytes:
    """The exported PDF with its pages from the signed part on printed, stamped, scanned (a copier's
    scan, media.scan_pdf) and merged back after the text pages before them."""
    from pypdf import PdfReader, PdfWriter

    from benchmarks.gencorpus.media import scan_pdf

    reader = PdfReader(io.BytesIO(pdf))
    k = signed_page(pdf)
    tail = PdfWriter()
    for page in reader.pages[k:]:
        tail.add_page(page)
    raw = io.BytesIO()
    tail.write(raw)
    scanned = PdfReader(io.BytesIO(scan_pdf(raw.getvalue(), random.Random(f"{aid}-signed24"), seal)))
    out = PdfWriter()
    for page in reader.pages[:k]:
        out.add_page(page)
    for page in scanned.pages:
        out.add_page(page)
    out.add_metadata({"/Producer": "PDF24 Creator", "/Title": "申报书"})
    raw = io.BytesIO()
    out.write(raw)
    return raw.getvalue()


def pdf_sent(pdf: bytes, decorations: tuple[str, ...], aid: str, seal: str) -> bytes:
    return signed_pages_merged(pdf, aid, seal) if "pdf_signed_pages_merged" in decorations else pdf


# ---------------------------------------------------------------------------- how the mail is sent

def _without(look: Look, decoration: str) -> Look:
    return replace(look, decorations=tuple(d for d in look.decorations if d != decoration),
                   value_decos=tuple(d for d in look.value_decos if d != decoration))


def settle(mails: list[MailPlan]) -> None:
    """The mails' files (no draw of a plan's generator): a file sent an earlier set's way after all
    that makes it otherwise, sent in another format or not sent keeps no way of this set's; a value
    decoration no longer shown goes."""
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


def holdout_emails(mails: list[MailPlan], names: frozenset[str] = NAMES) -> int:
    """How many mails show a variant of this set's (or of `names`: the held-out split's own)."""
    return hv23.holdout_emails(mails, names)

"""The twenty-fifth set of held-out variants: layouts, a checkbox encoding, a period format, value
decorations and ways a form is sent, written blind (without reading the extraction code). Held-out
only: dev never draws one of them (every draw of this set comes after dev's and the earlier held-out
sets', and only when the plan is held-out's; each is drawn from a hash of the application's own key
and, in forms.draw_variant, of the draw's number, never from the plan's generator or from lower
digits of its numbers), so dev's corpora and the earlier sets' draws stay what they were.

They follow how offices fill and send the call's Word/WPS 申报书 template: the basic part as a
2-column table whose every value sits in a 1×1 table nested in its value cell (each value copied
as a cell from the unit's draft and pasted into the template's cell, which Word pastes as a nested
table); the basic part as a 2-column table whose people rows keep their labels one to a row while
their value cells were merged into one cell per person, the values typed in it one to a line in
the labels' order. Each option answered with a pair of boxes (学术交流（是□ 否☑）, the chosen one's
（是☑ 否□）). The period's days written in Chinese numerals as 公文 and contracts write dates
(二〇二四年五月一日至二〇二四年十二月三十一日, the 〇 typed ○ or 零 as often). The host institution of
a provincial society after the unit (湖南省光学学会（挂靠单位：国防科技大学）); the template's （签字）
after the leader's typed name (王伟（签字）); the unit's ranking of its applications after the
project's name (…学术年会（推荐排序：1）). Sent as a .docx marked final (Word's 标记为最终状态: the
custom property _MarkAsFinal); as a PDF with its Word file attached in a PDF editor (Acrobat's or
福昕's 附加文件: the .docx in the document's EmbeddedFiles).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (the nested tables and the merged cells are layout; 是☑ marks the
chosen option; the Chinese numerals name the period's days; the host institution, （签字） and the
ranking are no part of the values they stand by; the files sent are the form whether marked final
or carrying their Word file).

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
from benchmarks.gencorpus import holdout_variants_23 as hv23
from benchmarks.gencorpus import holdout_variants_24 as hv24
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "nested_value_cells": "2-column table whose every value sits in a 1×1 table nested in its value cell, as "
                          "Word pastes a cell copied from the unit's draft into the template's cell (粘贴为嵌套表)",
    "merged_value_rows": "2-column table whose people rows keep their labels one to a row (项目负责人, 负责人手机; "
                         "项目联系人, 联系电话, 电子邮箱) while their value cells were merged into one cell per person "
                         "(合并单元格), the values typed in it one to a line in the labels' order",
}

CHECKBOXES: dict[str, str] = {
    "yes_no_boxes": "each option answered with a pair of boxes, 是 and 否: 学会服务站建设（是☑ 否□）, "
                    "学术交流（是□ 否☑） (a ☑ on every option, under 是 for the chosen one only)",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {}
DATES: dict[str, str] = {
    "cn_numeral_days": "the period's days in Chinese numerals as 公文 and contracts write dates: "
                       "二〇二四年五月一日至二〇二四年十二月三十一日, 自二○二四年五月一日起至二○二四年十二月三十一日止, "
                       "二零二四年五月一日—二零二四年十二月三十一日 (〇, ○ or 零 for zero)",
}
DAY_DATES: frozenset[str] = frozenset({"cn_numeral_days"})

DECORATIONS: dict[str, str] = {
    "org_host_unit": "a provincial society's host institution after its name: 湖南省光学学会（挂靠单位：国防科技大学）, "
                     "…（挂靠中南大学）, …（业务挂靠：湖南省农业科学院）",
    "name_sign_note": "the template's 签字 note after the leader's typed name: 王伟（签字）, 王伟（签名）, 王伟（本人签字）",
    "project_rank_note": "the unit's ranking of its applications after the project's name, as 推荐单位 rank "
                         "what they send: …学术年会（推荐排序：1）, …（排序第2）, …（本单位推荐第1项）",
    "docx_marked_final": "the .docx marked final (Word's 标记为最终状态): docProps/custom.xml with the property "
                         "_MarkAsFinal true, Word opening it read-only under a bar (forms sent as .docx)",
    "pdf_source_attached": "the PDF with its Word file attached in a PDF editor (Acrobat's or 福昕's 附加文件: the "
                           ".docx in the document's EmbeddedFiles, a paperclip in the viewer) (forms sent as PDF)",
}
# Held-out odds: new variants weighed up so that each shows often enough to count.
WEIGHT = 4.0
# (Drawn after the twenty-fourth set, in the place of fewer draws: weighed a little higher to show as often.)
WEIGHTS: dict[str, float] = {**{name: 8.0 for name in LAYOUTS}, "yes_no_boxes": 8.0, "cn_numeral_days": 8.0}
DECORATION_ODDS: dict[str, float] = {"org_host_unit": 0.9, "name_sign_note": 0.9, "project_rank_note": 0.45,
                                     "docx_marked_final": 0.8, "pdf_source_attached": 0.8}

VALUE_DECORATIONS = frozenset({"org_host_unit", "name_sign_note", "project_rank_note"})
PER_FILE = frozenset({"docx_marked_final", "pdf_source_attached"})
PER_MAIL: frozenset[str] = frozenset()
NAMES = frozenset({*LAYOUTS, *CHECKBOXES, *FUNDINGS, *DATES, *DECORATIONS})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"docx_marked_final": frozenset({"docx"}), "pdf_source_attached": frozenset({"pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with (a file marked
# final in Word is not one WPS saved (its own custom properties) or saved as Strict XML, a template or
# a web page; Word for the web, a zip's stored members and embedded fonts keep the mark. A PDF a file
# was attached to is not one exported as pictures, e-sealed or locked afterwards, nor a file of two
# forms or one sent beside its Word file; its signed pages may have been merged back before).
_CONFLICTS = {"docx_marked_final": hv24._CONFLICTS["docx_main_part_renamed"] - {"docx_stored", "fonts_embedded_docx"}
              | {"wps_saved_docx"},
              "pdf_source_attached": hv24._CONFLICTS["pdf_signed_pages_merged"] - {"two_up_print"}
              | {"pdf_copy_locked"}}
_NO_MARK_LAYOUTS = hv24._NO_MARK_LAYOUTS
_STAND_INS = hv24._STAND_INS
_PLAIN_LAYOUTS = hv24._PLAIN_LAYOUTS
_OWN_PRINT_LAYOUTS = hv24._OWN_PRINT_LAYOUTS

_HOSTS = ("国防科技大学", "中南大学", "湖南大学", "湖南师范大学", "湘潭大学", "湖南农业大学", "长沙理工大学",
          "湖南省农业科学院", "湖南省人民医院", "湖南省科学技术信息研究所")
_HOST_FORMS = ("（挂靠单位：{}）", "（挂靠{}）", "（业务挂靠：{}）")
_HOSTED_TYPES = frozenset({"省级学会"})
_SIGN_NOTES = ("（签字）", "（签名）", "（本人签字）")
_RANK_FORMS = ("（推荐排序：{}）", "（排序第{}）", "（本单位推荐第{}项）")
_ZEROS = ("〇", "○", "零")
_CN_FORMS = ("zhi", "qi_zhi", "dash")
_DIGITS = "〇一二三四五六七八九"


def _earlier_names() -> frozenset[str]:
    import importlib

    names: set[str] = set()
    for k in range(3, 25):
        module = importlib.import_module(f"benchmarks.gencorpus.holdout_variants_{k}")
        for table in ("LAYOUTS", "CHECKBOXES", "FUNDINGS", "DATES", "DECORATIONS"):
            names |= set(getattr(module, table))
    return frozenset(names)


# The draws this set takes the place of: those of the options of no earlier set from the third to the
# twenty-fourth (forms.py's own and holdout_variants.py's), so every draw of those sets stays.
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
    key and of the draw's own number `r` (salted apart from the twenty-fourth set's), so no earlier
    draw moves and two draws of one application differ."""
    h = hashlib.sha256(f"{key}|{r!r}|hv25".encode()).digest()
    return int.from_bytes(h[:8], "big") / 2 ** 64, int.from_bytes(h[8:16], "big") / 2 ** 64


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "yes_no_boxes":
        return f"{label}（是☑ 否□）" if chosen else f"{label}（是□ 否☑）"
    raise ValueError(style)


def mark(style: str, label: str) -> str:
    """The chosen option as the form shows it."""
    return plain(option_text(True, label, style))


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's needs options that are text."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-25box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- periods

def cn_number(n: int) -> str:
    """1–31 as dates write them in Chinese numerals: 一, 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def cn_year(year: int, zero: str) -> str:
    return "".join(_DIGITS[int(d)] for d in str(year)).replace("〇", zero)


def cn_date(year: int, month: int, day: int, zero: str) -> str:
    return f"{cn_year(year, zero)}年{cn_number(month)}月{cn_number(day)}日"


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "cn_numeral_days":
        zero = _pick(app.aid + "-zero25", _ZEROS)
        how = _pick(app.aid + "-cn25", _CN_FORMS)
        start, end = cn_date(s.year, s.month, s.day, zero), cn_date(e.year, e.month, e.day, zero)
        if how == "zhi":
            return f"{start}至{end}"
        if how == "qi_zhi":
            return f"自{start}起至{end}止"
        return f"{start}—{end}"
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _after_empty(typed: str, value: str | None) -> bool:
    """Whether nothing follows `value` where it is typed in `typed`, not even a mark (a footnote's
    number, a field's end): the note goes right after the value then."""
    k = hv17.spot(typed, value)
    return value is not None and k is not None and not typed[k + len(value):].strip()


# What may close a value as it is typed (its quotation marks or brackets, the end of a comment, a
# colour, a squeeze or an insertion around it): a note typed after the value goes after these.
_CLOSERS = re.compile(r"(?:[”》」』】\"]|\[/(?:sq|cm|fc|ins)\])*")


def end_of(typed: str, value: str | None) -> int | None:
    """Where a note typed after `value` goes in `typed`: after the value and what closes it, when
    nothing a reader sees follows them (else None)."""
    k = hv17.spot(typed, value)
    if value is None or k is None:
        return None
    j = _CLOSERS.match(typed, k + len(value)).end()  # type: ignore[union-attr]
    return j if not plain(typed[j:]).strip() and "[fn:" not in typed[j:] else None


def is_hosted(app: App) -> bool:
    return app.applicant_type in _HOSTED_TYPES


def host_note(app: App) -> str:
    host = _pick(app.aid + "-host25", _HOSTS)
    return _pick(app.aid + "-hostform25", _HOST_FORMS).format(host)


def sign_note(app: App) -> str:
    return _pick(app.aid + "-sign25", _SIGN_NOTES)


def rank_note(app: App) -> str:
    rank = 1 + int(hashlib.sha1(f"{app.aid}-rank25".encode()).hexdigest(), 16) % 3
    return _pick(app.aid + "-rankform25", _RANK_FORMS).format(rank)


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each right after the clean value where
    nothing an earlier set typed follows it but the template's （盖章））."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "org_host_unit" in decos and is_hosted(app) and hv23._before_seal(v.org, app.applicant_org):
        v.org = hv19._around(v.org, app.applicant_org, "", host_note(app))
    if "name_sign_note" in decos and _after_empty(v.name, app.leader_name):
        v.name = hv19._around(v.name, app.leader_name, "", sign_note(app))
    j = end_of(v.project, app.project_name)
    if "project_rank_note" in decos and j is not None:
        v.project = v.project[:j] + rank_note(app) + v.project[j:]


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "org_host_unit":
        return app.applicant_org + host_note(app)
    if d == "name_sign_note":
        return app.leader_name + sign_note(app)
    if d == "project_rank_note":  # (after the name's closing marks, if any: the note alone is marker enough)
        return rank_note(app)
    raise ValueError(d)


def _shown(app: App, look: Look, compact: bool, text: str) -> bool:
    from benchmarks.gencorpus.forms import form_blocks

    return text in plain(repr(form_blocks(app, look, compact=compact)).replace("\\n", "\n"))


def _shows(d: str, app: App, look: Look, fmt: str, kept: set[str], mine: list[str]) -> bool:
    """Whether this set's decoration `d` shows on `app` in a form of `look` sent as `fmt`, given
    the decorations `kept` drawn before it and this set's `mine`."""
    layout = look.layout
    if d in VALUE_DECORATIONS:
        # (Not under floating text boxes laid over the cells, value_textbox's: a value written longer
        # wraps its row, and the boxes stay where they were, over the next row's text.)
        if layout in _PLAIN_LAYOUTS or kept & {"merge_fields", "value_textbox"}:
            return False
        if d == "org_host_unit" and not is_hosted(app):
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
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if _odds(f"{app.aid}-{fmt}-25-{d}", odds))
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
    if layout == "nested_value_cells":
        return _nested_value_cells(v)
    if layout == "merged_value_rows":
        return _merged_value_rows(v)
    raise ValueError(layout)


def pasted(value: str) -> Cell:
    """A value cell holding the value as a pasted cell: a 1×1 table nested in it."""
    return Cell("", nested=Table((1.0,), ((Cell(value),),)))


def _nested_value_cells(v: _V) -> tuple[Block, ...]:
    rows = tuple((Cell(label), pasted(value)) for label, value in hv19._pairs(v))
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), rows))


# The people's rows whose value cells are merged, a group to a person.
PEOPLE_GROUPS = (("项目负责人", "负责人手机"), ("项目联系人", "联系电话", "电子邮箱"))


def _merged_value_rows(v: _V) -> tuple[Block, ...]:
    pairs = dict(hv19._pairs(v))
    # (A person whose values take more than a line each keeps the rows as they were: one line a label.)
    grouped = {label for group in PEOPLE_GROUPS for label in group
               if all("\n" not in pairs[g] for g in group)}
    rows: list[tuple[Cell, Cell]] = []
    for label, value in hv19._pairs(v):
        if label not in grouped:
            rows.append((Cell(label), Cell(value)))
            continue
        group = next(g for g in PEOPLE_GROUPS if label in g)
        if label == group[0]:
            lines = "\n".join(pairs[g] for g in group)
            rows.append((Cell(label), Cell(lines, vmerge="restart")))
        else:
            rows.append((Cell(label), Cell("", vmerge="continue")))
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)))


# ---------------------------------------------------------------------------- files

_FINAL_PROPS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="_MarkAsFinal">'
                '<vt:bool>true</vt:bool></property></Properties>')
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def marked_final(docx: bytes) -> bytes:
    """`docx` as Word saves it marked final (文件 → 信息 → 保护文档 → 标记为最终状态): the custom
    property _MarkAsFinal in docProps/custom.xml, named by the package's relationships and content
    types; the document as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data, name = src.read(info), info.filename
            if name == "docProps/custom.xml":
                continue
            if name == "[Content_Types].xml" and b"/docProps/custom.xml" not in data:
                data = data.replace(b"</Types>", f'<Override PartName="/docProps/custom.xml" '
                                                 f'ContentType="{_CUSTOM_TYPE}"/></Types>'.encode())
            elif name == "_rels/.rels" and b"docProps/custom.xml" not in data:
                data = data.replace(b"</Relationships>", f'<Relationship Id="rId99" Type="{_CUSTOM_REL}" '
                                                         f'Target="docProps/custom.xml"/></Relationships>'.encode())
            dst.writestr(name, data, zipfile.ZIP_DEFLATED)
        dst.writestr("docProps/custom.xml", _FINAL_PROPS.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def is_marked_final(docx: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        if "docProps/custom.xml" not in zf.namelist():
            return False
        return b'name="_MarkAsFinal"><vt:bool>true</vt:bool>' in zf.read("docProps/custom.xml")


def docx_sent(docx: bytes, decorations: tuple[str, ...]) -> bytes:
    return marked_final(docx) if "docx_marked_final" in decorations else docx


def source_name(project: str) -> str:
    """The name of the Word file attached (the file the PDF was exported from)."""
    return f"{project}申报书.docx"


def source_attached(pdf: bytes, docx: bytes, name: str) -> bytes:
    """The PDF with its Word file attached as a PDF editor attaches one (附加文件: EmbeddedFiles);
    its pages as they were."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_attachment(name, docx)
    writer.add_metadata({"/Producer": "Adobe Acrobat Pro DC 21.1.20155"})
    raw = io.BytesIO()
    writer.write(raw)
    return raw.getvalue()


def attachments(pdf: bytes) -> dict[str, bytes]:
    """The files a PDF carries (name → bytes)."""
    from pypdf import PdfReader

    return {name: data[0] for name, data in PdfReader(io.BytesIO(pdf)).attachments.items()}


def pdf_sent(pdf: bytes, docx: bytes | None, decorations: tuple[str, ...], project: str) -> bytes:
    if "pdf_source_attached" in decorations and docx is not None:
        return source_attached(pdf, docx, source_name(project))
    return pdf


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

"""The twenty-second set of held-out variants: layouts, a checkbox encoding, a period format, value
decorations and ways a form is sent, written blind (without reading the extraction code). Held-out
only: dev never draws one of them (every draw of this set comes after dev's and the twenty-first
set's, and only when the plan is held-out's, each by the application's own key: no draw of the
plan's generator moves), so dev's corpora stay what they were.

They follow how offices fill and send the call's Word/WPS 申报书 template: the basic part laid out
as a cover page lays out its fill-ins, a borderless 3-column table whose middle column holds only
the colons (项目名称 | ： | …); the basic part typed as lines each led by a bullet typed from the
input method's symbol panel (➢项目名称：…). Each option after the template's blank, a √ typed on the
chosen one's (__√__学会服务站建设　_____学术交流). The period typed over three lines of its cell,
Enter pressed before and after the connector (2024年5月↵至↵2024年12月). The leader's staff number
after the name, as universities' research systems print a person (王伟（工号：20051234）); an event's
time and place after the project's name (…学术交流会（拟于2024年10月在长沙举办）); a landline
followed by （传真同号）. Sent as WPS saves a .docx (its docProps/custom.xml with KSOProductBuildVer,
WPS as the application); under the name the notice's annex number gives it (附件2：申报书.docx).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (the colon column and the bullets are layout; the √ on a blank marks
the chosen option; the period's lines are its two ends; the staff number, the event's time and
place and the fax note are no part of the values they stand by; the files sent are the form
whatever program saved them and whatever annex number their names carry).

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

from benchmarks.gencorpus import holdout_variants_11 as hv11
from benchmarks.gencorpus import holdout_variants_19 as hv19
from benchmarks.gencorpus import holdout_variants_21 as hv21
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "colon_column": "a cover page's way with fill-ins: a borderless 3-column table, the label, a column holding only "
                    "the colon (：), the value (项目名称 | ： | 2024年湖南省光学学术年会)",
    "bullet_lines": "no table: each field a line led by a bullet typed from the input method's symbol panel "
                    "(➢项目名称：…, ▶项目负责人：王伟, ➤ 起止时间：…); the option lists on the lines under their labels",
}
# Layouts with no table at all.
_PARAGRAPH_LAYOUTS = frozenset({"bullet_lines"})

CHECKBOXES: dict[str, str] = {
    "tick_on_blank": "the template's blank before each option, a √ typed on the chosen one's: "
                     "__√__学会服务站建设　_____学术交流",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {}
DATES: dict[str, str] = {
    "stacked_period": "the period over three lines of its cell, Enter pressed around the connector: 2024年5月↵至↵2024年12月, "
                      "2024.05—↵2024.12 (table layouts; elsewhere the month range as typed on one line)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "name_staff_id": "the leader's staff number after the name, as a university's research system prints a person: "
                     "王伟（工号：20051234）, 王伟(20051234), 王伟 工号2005123",
    "project_when_where": "an academic event's time and place after the project's name: "
                          "第15届湖南隧道学术交流会（拟于2024年10月在长沙举办）, …（2024年10月·岳阳）",
    "phone_fax_same": "the contact's landline followed by its fax note: 0731-84000000（传真同号）, …（兼传真）",
    "wps_saved_docx": "the .docx as WPS Office saves it: docProps/custom.xml with KSOProductBuildVer and ICV, WPS as "
                      "the application in docProps/app.xml (forms sent as .docx)",
    "annex_numbered_name": "the file named with the notice's annex number before it: 附件2：申报书.docx, "
                           "附件2-湖南省光学学会….pdf, 附件2 申报书.docx (forms sent as .docx or PDF)",
}
# Held-out odds: new variants weighed up so that each shows often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "tick_on_blank": 5.0, "stacked_period": 5.0}
DECORATION_ODDS: dict[str, float] = {"name_staff_id": 0.5, "project_when_where": 0.5, "phone_fax_same": 0.4,
                                     "wps_saved_docx": 0.6, "annex_numbered_name": 0.4}

VALUE_DECORATIONS = frozenset({"name_staff_id", "project_when_where", "phone_fax_same"})
PER_FILE = frozenset({"wps_saved_docx", "annex_numbered_name"})
PER_MAIL: frozenset[str] = frozenset()
NAMES = frozenset({*LAYOUTS, *CHECKBOXES, *FUNDINGS, *DATES, *DECORATIONS})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"wps_saved_docx": frozenset({"docx"}), "annex_numbered_name": frozenset({"docx", "pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with.
# (A file WPS saved may still be named by a program, hold only scans, hold two forms or lose its
# extension's name; an annex number goes before an extension typed twice or upper-case.)
_CONFLICTS = {"wps_saved_docx": hv21._CONFLICTS["docx_stored"] - {"app_default_names", "scan_in_docx",
                                                                  "one_file_two_forms", "no_extension_name"}
              | {"docx_stored"},
              "annex_numbered_name": hv21._CONFLICTS["download_copy_suffix"] - {"double_extension", "upper_ext"}
              | {"download_copy_suffix"}}
_NO_MARK_LAYOUTS = hv21._NO_MARK_LAYOUTS
_STAND_INS = hv21._STAND_INS
_PLAIN_LAYOUTS = hv21._PLAIN_LAYOUTS
# Layouts whose period is typed by a person into a table cell of its own (the period's lines stay in
# its cell): not a system's or a sheet's print, nor a cell the period shares with another field.
_CELL_PERIOD_LAYOUTS = frozenset({"alt_cols", "annex_people", "bilingual_columns", "bilingual_labels",
                                  "borderless_grid", "cb_matrix", "checklist_first", "colon_column",
                                  "continued_table", "cover_disagrees", "cover_table", "diagonal_people",
                                  "form_answer_table", "header_row", "label_cell_hints", "landscape_twoup",
                                  "leader_in_team", "merged_grid", "nested_people", "note_rows",
                                  "numbered_label_cells", "oa_draft_sheet", "office_use_blank", "old_template",
                                  "one_big_table", "outer_frame", "paired_grid", "people_columns",
                                  "people_in_signatures", "people_stacked", "people_table", "personal_details",
                                  "photo_cell_grid", "ragged_rows", "remarks_column", "row_tables", "same_as_cover",
                                  "sdt_wrapped", "section_rows", "seq_list", "side_by_side", "side_by_side_people",
                                  "spaced_2col", "spacer_columns", "tiered_header", "trad_labels", "two_tables",
                                  "type_in_org", "unit_cells", "vertical", "vertical_group_labels",
                                  "wps_header_footer", "wrapped_table"})

_STAFF_FORMS = ("（工号：{n}）", "({n})", " 工号{n}", "（职工号{n}）")
_EVENT_FORMS = ("（拟于{y}年{m}月在{c}举办）", "（{y}年{m}月·{c}）", "（{y}年{m}月，{c}）")
_CITIES = ("长沙", "株洲", "湘潭", "衡阳", "岳阳", "常德", "张家界", "郴州")
_FAX_NOTES = ("（传真同号）", "（兼传真）", "（同传真）")
_BULLETS = ("➢", "▶", "➤ ")
_ANNEX_SEPARATORS = ("：", "-", " ", "、")
_EVENT_WORDS = ("会", "论坛", "沙龙", "研讨", "交流")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _digits(key: str) -> int:
    return int(hashlib.sha1(key.encode()).hexdigest(), 16)


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "tick_on_blank":
        return f"__√__{label}" if chosen else f"_____{label}"
    raise ValueError(style)


def mark(style: str, label: str) -> str:
    """The chosen option as its encoding writes it."""
    return option_text(True, label, style)


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's marks need options that are text."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-22box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- periods

def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "stacked_period":
        how = _pick(app.aid + "-stack", ("cn", "dot", "cn_dash"))
        if how == "cn":
            return f"{s.year}年{s.month}月\n至\n{e.year}年{e.month}月"
        if how == "dot":
            return f"{s.year}.{s.month:02d}—\n{e.year}.{e.month:02d}"
        return f"{s.year}年{s.month}月—\n{e.year}年{e.month}月"
    raise ValueError(style)


def dates_for(dates: str, layout: str, aid: str) -> str:
    """The period a form of `layout` shows: its lines only in a cell of the period's own."""
    if dates in DATES and layout not in _CELL_PERIOD_LAYOUTS:
        return _pick(aid + "-22dates", ("cn_month", "dot_month"))
    return dates


# ---------------------------------------------------------------------------- values as typed

def _after_empty(typed: str, value: str | None) -> bool:
    return hv19._after_is_empty(typed, value)


def staff_number(app: App) -> str:
    d = _digits(app.aid + "-staff")
    return f"{1990 + d % 33}{(d // 33) % 10000:04d}"


def _staff(app: App) -> str:
    return _pick(app.aid + "-staffform", _STAFF_FORMS).format(n=staff_number(app))


def is_event(app: App) -> bool:
    return app.subcategory == "学术交流" and any(w in app.project_name for w in _EVENT_WORDS)


def _event(app: App) -> str:
    s, e = app.start, app.end
    months = (e.year - s.year) * 12 + e.month - s.month
    k = s.month - 1 + months // 2 + 1  # (a month inside the period)
    year, month = s.year + (k - 1) // 12, (k - 1) % 12 + 1
    return _pick(app.aid + "-event", _EVENT_FORMS).format(y=year, m=month, c=_pick(app.aid + "-city", _CITIES))


def is_plain_landline(phone: str | None) -> bool:
    return bool(phone and re.fullmatch(r"0\d{2,3}-\d{7,8}", phone) and not hv11.has_extension(phone))


def _fax(app: App) -> str:
    return _pick(app.aid + "-fax22", _FAX_NOTES)


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each right after the clean value where
    nothing an earlier set typed follows it)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "name_staff_id" in decos and _after_empty(v.name, app.leader_name):
        v.name = hv19._around(v.name, app.leader_name, "", _staff(app))
    if "project_when_where" in decos and is_event(app) and _after_empty(v.project, app.project_name):
        v.project = hv19._around(v.project, app.project_name, "", _event(app))
    if "phone_fax_same" in decos and is_plain_landline(app.contact_phone) \
            and _after_empty(v.contact_phone, app.contact_phone):
        assert app.contact_phone is not None
        v.contact_phone = hv19._around(v.contact_phone, app.contact_phone, "", _fax(app))


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "name_staff_id":
        return app.leader_name + _staff(app)
    if d == "project_when_where":
        return app.project_name + _event(app)
    if d == "phone_fax_same":
        return str(app.contact_phone) + _fax(app)
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
        if d == "project_when_where" and not is_event(app):
            return False
        if d == "phone_fax_same" and not is_plain_landline(app.contact_phone):
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
    """`look` with this set's draws after every earlier set's: the encoding and the period a layout
    can show, the decorations that show on `app` in `fmt` (a file sent one way of this set's at
    most). Each draw is the application's own (`rng` is not drawn from: the plan's later draws stay)."""
    box = checkbox_for(look.checkbox, app, look)
    dates = dates_for(look.dates, look.layout, app.aid if app else "")
    look = replace(look, checkbox=box, dates=dates)
    if app is None or look.layout == "system_pdf":
        return look
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if _odds(f"{app.aid}-{fmt}-22-{d}", odds))
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
    if layout == "colon_column":
        return _colon_column(v)
    if layout == "bullet_lines":
        return _bullet_lines(v)
    raise ValueError(layout)


def _colon_column(v: _V) -> tuple[Block, ...]:
    rows = tuple((Cell(label), Cell("："), Cell(value)) for label, value in hv19._pairs(v))
    return (Para("一、基本情况", "heading"), Table((1.3, 0.25, 3.2), rows, borders=False))


def _bullet_lines(v: _V) -> tuple[Block, ...]:
    bullet = _pick(v.app.aid + "-bullet", _BULLETS)
    lines: list[str] = []
    for label, value in hv19._pairs(v):
        lines.extend(f"{bullet}{label}：{value}".split("\n"))
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


# ---------------------------------------------------------------------------- files

_KSO_VERSION = "2052-12.1.0.16729"
_WPS_APP = "WPS Office_12.1.0.16729_F1E327BC-269C-435d-A152-05C5408002CA"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def _custom_xml(icv: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
            f'<vt:lpwstr>{_KSO_VERSION}</vt:lpwstr></property>'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV">'
            f'<vt:lpwstr>{icv}</vt:lpwstr></property></Properties>').encode("utf-8")


def wps_saved(docx: bytes, aid: str) -> bytes:
    """`docx` as WPS saves it: its custom properties (KSOProductBuildVer, ICV) in docProps/custom.xml,
    named in the package's content types and relationships, WPS as the application in app.xml."""
    icv = hashlib.md5((aid + "-icv").encode()).hexdigest().upper() + "_13"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml" and b"/docProps/custom.xml" not in data:
                data = data.replace(b"</Types>", f'<Override PartName="/docProps/custom.xml" '
                                                 f'ContentType="{_CUSTOM_TYPE}"/></Types>'.encode())
            elif info.filename == "_rels/.rels" and b"docProps/custom.xml" not in data:
                data = data.replace(b"</Relationships>", f'<Relationship Id="rId9" Type="{_CUSTOM_REL}" '
                                                         f'Target="docProps/custom.xml"/></Relationships>'.encode())
            elif info.filename == "docProps/app.xml":
                data = re.sub(rb"<Application>[^<]*</Application>", f"<Application>{_WPS_APP}</Application>".encode(),
                              data)
            elif info.filename == "docProps/custom.xml":
                data = _custom_xml(icv)
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        if "docProps/custom.xml" not in names:
            dst.writestr("docProps/custom.xml", _custom_xml(icv), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def kso_version(docx: bytes) -> str | None:
    """The KSOProductBuildVer a .docx's custom properties carry, if any."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        if "docProps/custom.xml" not in zf.namelist():
            return None
        m = re.search(rb'name="KSOProductBuildVer"><vt:lpwstr>([^<]*)<', zf.read("docProps/custom.xml"))
        return m.group(1).decode() if m else None


def docx_sent(docx: bytes, decorations: tuple[str, ...], aid: str) -> bytes:
    return wps_saved(docx, aid) if "wps_saved_docx" in decorations else docx


def annex_number(aid: str) -> str:
    return _pick(aid + "-annex", ("1", "2", "2", "3"))


def sent_name(name: str, decorations: tuple[str, ...], aid: str) -> str:
    """The file's name as sent: the notice's annex number before it (附件2：…)."""
    if "annex_numbered_name" not in decorations:
        return name
    return f"附件{annex_number(aid)}{_pick(aid + '-annexsep', _ANNEX_SEPARATORS)}{name}"


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
    return sum(any({f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & names
                   for f in m.forms) for m in mails)

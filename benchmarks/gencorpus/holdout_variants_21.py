"""The twenty-first set of held-out variants: layouts, checkbox encodings, an amount and a period
format, value decorations and ways a form is sent, written blind (without reading the extraction
code). Held-out only: dev never draws one of them (every draw of this set comes after dev's, and
only when the plan is held-out's, each by the application's own key: no draw of the plan's
generator moves), so dev's corpora stay what they were.

They follow how offices fill and send the call's Word/WPS 申报书 template: the basic table with its
label cells numbered by the unit (1、项目名称, （2）项目类别); the basic part typed as lines of two
label：value pairs each, full-width spaces between the pairs (no table); the answers of a 金山表单
collection exported to Word (提交者, 提交时间 and 填写设备 above a 序号 | 题目 | 回答 table, the
required questions marked （必填）). Each option followed by ：是 or ：否; the chosen option in 【】,
the others bare. The amount in 万元 with 整 after it (8万元整, 7.5万元整). The period's ends joined
by an arrow (2024年5月→2024年12月, 2024.05→2024.12). The contact's mobile typed after the contact's
name in the name's cell (李娜 13900000000); the unit's supervising body in brackets after it
(（主管单位：湖南省科学技术协会）); the leader's political status after the name (王伟（中共党员）); the
e-mail's own label typed again before it in its cell (邮箱：lina@163.com). Sent as a .docx whose
package members are stored without compression (a converter's or a phone app's save); under the
name a browser gives a second download of the same file (申报书 (1).docx).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (the label's number, the submission's data, 是/否 and 【】 mark the
chosen option; 8万元整 is 8万元; → joins the period's ends; the phone after the contact, the supervising
body, the political status and the echoed label are no part of the values they stand by; the
files sent are the form whatever their packing or their names).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from dataclasses import replace
from typing import TYPE_CHECKING

from benchmarks.gencorpus import holdout_variants_17 as hv17
from benchmarks.gencorpus import holdout_variants_19 as hv19
from benchmarks.gencorpus import holdout_variants_20 as hv20
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "numbered_label_cells": "2-column table whose label cells the unit numbered (1、项目名称, 2.项目类别, （3）申报单位)",
    "paired_lines": "no table: the basic part as lines of two label：value pairs each, full-width spaces between "
                    "the pairs (项目负责人：王伟　　　　负责人手机：138…); the options and long values on lines of their own",
    "form_answer_table": "a 金山表单 collection's answers exported to Word: 提交者, 提交时间 and 填写设备 above a "
                         "序号 | 题目 | 回答 table, the required questions marked （必填）",
}
# Layouts with no table at all.
_PARAGRAPH_LAYOUTS = frozenset({"paired_lines"})

CHECKBOXES: dict[str, str] = {
    "yes_no_after": "each option followed by ：是 (the chosen one) or ：否 (the others): 学术交流：否　学会服务站建设：是",
    "chosen_in_brackets": "the chosen option in 【】, the others bare: 学术交流　【学会服务站建设】",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {
    "wan_zheng": "8万元整, 7.5万元整 (digits in 万元 with 整 after them)",
}
DATES: dict[str, str] = {
    "arrow_range": "2024年5月→2024年12月, 2024.05→2024.12, 2024.5 → 2024.12 (the ends joined by an arrow)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "contact_with_phone": "the contact's mobile typed after the contact's name in the name's cell: 李娜 13900000000, "
                          "李娜（13900000000）",
    "org_supervisor": "the unit's supervising body in brackets after it: 湖南省光学学会（主管单位：湖南省科学技术协会）",
    "name_party_status": "the leader's political status after the name: 王伟（中共党员）, 王伟（九三学社社员）, 王伟，民盟盟员",
    "email_label_echo": "the e-mail's own label typed again before it in its cell: 邮箱：lina@163.com, "
                        "E-mail: lina@163.com",
    "docx_stored": "the .docx's package members stored without compression (ZIP_STORED, as a converter or a "
                   "phone app saves it): it opens as it is (forms sent as .docx)",
    "download_copy_suffix": "the file's name as a browser saves a second download of it: 申报书 (1).docx, "
                            "申报书(2).pdf (forms sent as .docx or PDF)",
}
# Held-out odds: new variants weighed up so that each shows often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "yes_no_after": 5.0, "chosen_in_brackets": 5.0,
                             "wan_zheng": 5.0, "arrow_range": 5.0}
DECORATION_ODDS: dict[str, float] = {"contact_with_phone": 0.35, "org_supervisor": 0.35, "name_party_status": 0.35,
                                     "email_label_echo": 0.35, "docx_stored": 0.7, "download_copy_suffix": 0.4}

VALUE_DECORATIONS = frozenset({"contact_with_phone", "org_supervisor", "name_party_status", "email_label_echo"})
PER_FILE = frozenset({"docx_stored", "download_copy_suffix"})
PER_MAIL: frozenset[str] = frozenset()

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"docx_stored": frozenset({"docx"}), "download_copy_suffix": frozenset({"docx", "pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with.
_CONFLICTS = {"docx_stored": hv20._CONFLICTS["docx_edit_restricted"] | {"docx_edit_restricted", "pdf_image_export"},
              "download_copy_suffix": hv20._CONFLICTS["name_cut_short"] | {"name_cut_short"}}
_NO_MARK_LAYOUTS = hv20._NO_MARK_LAYOUTS
_STAND_INS = hv20._STAND_INS
_PLAIN_LAYOUTS = hv20._PLAIN_LAYOUTS
_OWN_AMOUNT_LAYOUTS = hv20._OWN_AMOUNT_LAYOUTS

_SUPERVISORS = ("（主管单位：湖南省科学技术协会）", "（业务主管单位：湖南省科协）", "（主管单位：省科协）")
_STATUSES = ("（中共党员）", "（九三学社社员）", "，民盟盟员", "（无党派人士）")
_EMAIL_LABELS = ("邮箱：", "E-mail: ", "Email：")
_COPY_SUFFIXES = (" (1)", "(1)", " (2)", "（1）")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "yes_no_after":
        return f"{label}：{'是' if chosen else '否'}"
    if style == "chosen_in_brackets":
        return f"【{label}】" if chosen else label
    raise ValueError(style)


def mark(style: str, label: str) -> str:
    """The chosen option as its encoding writes it."""
    return option_text(True, label, style)


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's marks need options that are text."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-21box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- amounts and periods

def _wan(wan: float) -> str:
    return f"{round(wan, 4):g}"


def funding_text(app: App, style: str) -> str:
    if style == "wan_zheng":
        return f"{_wan(app.funding_wan)}万元整"
    raise ValueError(style)


def funding_for(funding: str, layout: str, aid: str) -> str:
    """The amount a form of `layout` shows: a layout printing its own amount keeps its own."""
    if funding in FUNDINGS and layout in _OWN_AMOUNT_LAYOUTS:
        return _pick(aid + "-21fund", ("wan", "yuan"))
    return funding


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "arrow_range":
        how = _pick(app.aid + "-arrow", ("cn", "dot", "dot_spaced"))
        if how == "cn":
            return f"{s.year}年{s.month}月→{e.year}年{e.month}月"
        if how == "dot":
            return f"{s.year}.{s.month:02d}→{e.year}.{e.month:02d}"
        return f"{s.year}.{s.month} → {e.year}.{e.month}"
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _alone(typed: str, value: str | None) -> bool:
    return hv19._after_is_empty(typed, value) and hv19._before_is_empty(typed, value)


def _contact_phone(app: App) -> str:
    how = _pick(app.aid + "-cwp", (" {p}", "（{p}）", "　{p}"))
    return how.format(p=app.contact_phone)


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each on the clean value where it is
    typed alone: nothing an earlier set typed before or after it)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "org_supervisor" in decos and _alone(v.org, app.applicant_org):
        v.org = hv19._around(v.org, app.applicant_org, "", _pick(app.aid + "-sup", _SUPERVISORS))
    if "name_party_status" in decos and _alone(v.name, app.leader_name):
        v.name = hv19._around(v.name, app.leader_name, "", _pick(app.aid + "-party", _STATUSES))
    if "contact_with_phone" in decos and app.contact_phone and _alone(v.contact, app.contact_name):
        v.contact = hv19._around(v.contact, app.contact_name, "", _contact_phone(app))
    if "email_label_echo" in decos and app.contact_email and _alone(v.email, app.contact_email):
        v.email = hv19._around(v.email, app.contact_email, _pick(app.aid + "-elab", _EMAIL_LABELS), "")


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "org_supervisor":
        return app.applicant_org + _pick(app.aid + "-sup", _SUPERVISORS)
    if d == "name_party_status":
        return app.leader_name + _pick(app.aid + "-party", _STATUSES)
    if d == "contact_with_phone":
        return app.contact_name + _contact_phone(app)
    if d == "email_label_echo":
        return _pick(app.aid + "-elab", _EMAIL_LABELS) + str(app.contact_email)
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
        if d == "contact_with_phone" and not (app.contact_phone and app.contact_phone.startswith("1")
                                              and app.contact_name != app.leader_name):
            return False
        if d == "email_label_echo" and not (app.contact_email and "@" in app.contact_email):
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
    can show, the decorations that show on `app` in `fmt` (a file sent one way of this set's at most).
    Each draw is the application's own (`rng` is not drawn from: the plan's later draws stay)."""
    box = checkbox_for(look.checkbox, app, look)
    fund = funding_for(look.funding, look.layout, app.aid if app else "")
    look = replace(look, checkbox=box, funding=fund)
    if app is None or look.layout == "system_pdf":
        return look
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if _odds(f"{app.aid}-{fmt}-21-{d}", odds))
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
    if layout == "numbered_label_cells":
        return _numbered_label_cells(v)
    if layout == "paired_lines":
        return _paired_lines(v)
    if layout == "form_answer_table":
        return _form_answer_table(v)
    raise ValueError(layout)


_NUMBERINGS = ("{k}、", "{k}.", "（{k}）")


def _numbered_label_cells(v: _V) -> tuple[Block, ...]:
    how = _pick(v.app.aid + "-num", _NUMBERINGS)
    rows = tuple((Cell(how.format(k=k) + label), Cell(value)) for k, (label, value) in enumerate(hv19._pairs(v), 1))
    return (Para("一、基本情况", "heading"), Table((1.2, 3.0), rows))


_ALONE = frozenset({"项目名称", "项目类别", "申报单位", "单位类型"})
_GAP = "　　　　"


def _paired_lines(v: _V) -> tuple[Block, ...]:
    lines: list[str] = []
    waiting: list[str] = []

    def flush() -> None:
        if waiting:
            lines.append(_GAP.join(waiting))
            waiting.clear()

    for label, value in hv19._pairs(v):
        if label in _ALONE or label == v.joint_label or "\n" in value or len(plain(value)) > 24:
            flush()
            lines.extend(f"{label}：{value}".split("\n"))
            continue
        waiting.append(f"{label}：{value}")
        if len(waiting) == 2:
            flush()
    flush()
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


_SUBMITTERS = ("学会秘书处", "晴天", "办公室-小王", "Sunny", "微信用户")
_REQUIRED = frozenset({"项目名称", "项目类别", "申报单位", "项目负责人", "负责人手机", "项目联系人", "联系电话"})


def _form_answer_table(v: _V) -> tuple[Block, ...]:
    app = v.app
    digits = int(hashlib.sha1((app.aid + "-kdocs").encode()).hexdigest(), 16)
    when = f"2024-04-{10 + digits % 18:02d} {8 + digits % 11:02d}:{digits % 60:02d}:{(digits // 60) % 60:02d}"
    head = [Para("湖南省科协项目申报信息收集", "title"),
            Para(f"提交者：{_pick(app.aid + '-kdocs-who', _SUBMITTERS)}"),
            Para(f"提交时间：{when}"),
            Para(f"填写设备：{_pick(app.aid + '-kdocs-dev', ('电脑', '手机'))}")]
    rows: list[tuple[Cell, ...]] = [(Cell("序号", shade=True), Cell("题目", shade=True), Cell("回答", shade=True))]
    for k, (label, value) in enumerate(hv19._pairs(v), 1):
        rows.append((Cell(str(k)), Cell(label + ("（必填）" if label in _REQUIRED else "")), Cell(value)))
    return (*head, Para("一、基本情况", "heading"), Table((0.5, 1.6, 3.0), tuple(rows)))


# ---------------------------------------------------------------------------- files

def stored_docx(docx: bytes) -> bytes:
    """`docx` with every package member stored (ZIP_STORED), in the package's own order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            data = src.read(info)
            info.compress_type = zipfile.ZIP_STORED
            dst.writestr(info, data)
    return out.getvalue()


def compress_types(docx: bytes) -> set[int]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {i.compress_type for i in zf.infolist()}


def docx_sent(docx: bytes, decorations: tuple[str, ...]) -> bytes:
    return stored_docx(docx) if "docx_stored" in decorations else docx


def sent_name(name: str, decorations: tuple[str, ...], aid: str) -> str:
    """The file's name as sent: a browser's second download's (a copy's number before the extension)."""
    if "download_copy_suffix" not in decorations or "." not in name:
        return name
    stem, ext = name.rsplit(".", 1)
    return f"{stem}{_pick(aid + '-copy', _COPY_SUFFIXES)}.{ext}"


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


def holdout_emails(mails: list[MailPlan]) -> int:
    """How many mails show a variant of this set's."""
    names = set(LAYOUTS) | set(CHECKBOXES) | set(FUNDINGS) | set(DATES) | set(DECORATIONS)
    return sum(any({f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & names
                   for f in m.forms) for m in mails)

"""The tenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at 9a9b19a), so both splits now draw them
and dev tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, convert and send a Word 申报书 template: the people moved out of the
basic table into a 附表 at the end of the form (项目负责人及联系人：详见附表1); the basic table set
to float (表格属性 → 文字环绕), the template's 填表说明 flowing beside it; the basic table
filled in Excel and pasted as an embedded worksheet object (only its preview picture in the
document, the values in the embedded .xlsx); the people's names, posts, phones and e-mail
stacked on the lines of one cell without sub-labels. Check box content controls whose symbols
the template's maker changed to Wingdings 2's ☑/□ (a w:sym of that font, as Word writes it); the
options that do not apply deleted with track changes on (修订) instead of a tick; a √ inserted
from the Symbol font (插入 → 符号, w:sym F0D6) in place of the chosen □; a heavy ✔ (U+2714) from
an input method's symbol panel in place of it. The amount as ￥8.00万元 (a yuan sign before 万元)
or as its two payments and their total (首期4.8万元，验收后3.2万元，合计8万元); the period as
2024.5-12 (the end's year implied) or as the year with its months in brackets (2024年度（5月—12月）).
Values typed over the template's placeholders with track changes on (the placeholder a tracked
deletion, the value a tracked insertion); footnotes (脚注) whose raised marks sit right after the
project name and the amount; the template's 填写示例 page (a sample form with made-up values)
left in before the form; the leader's name and mobile typed into floating text boxes laid over
their cells. Sent as an attachment of a forwarded message (作为附件转发: the forwarder's mail
carries the applicant's original mail, .eml, whose attachments are the form), or under the
name a program gave the file (新建 DOCX 文档.docx, 扫描全能王 2024-04-20 10.15.pdf, 微信图片_….jpg).

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none
changes the truth: the truth is the planned `App`, whatever the form shows (a sample page's
made-up values are the template's, not the application's).

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from benchmarks.gencorpus.docmodel import Block, Cell, OleObject, Table, plain
from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
from benchmarks.gencorpus.holdout_variants_7 import SCAN_FORMATS
from shenbao.demo.forms import PageBreak, Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "annex_people": "2-column basic table whose people row says 详见附表1: the leader and the contact (name, post, "
                    "phone, e-mail) and the team in 附表1 项目负责人及联系人信息表 at the end of the form, after the "
                    "units' opinions",
    "wrapped_table": "the basic table floats (w:tblpPr, 文字环绕: 环绕) at the left, 10.6 cm wide; the template's "
                     "填表说明 notes that follow it flow in the 5 cm beside it (printed lines mix a row and a note)",
    "excel_object": "the basic table filled in Excel and pasted as an embedded worksheet object (w:object with "
                    "o:OLEObject Excel.Sheet.12): the document holds its preview picture and the .xlsx, no value as "
                    "text of the document; the category and the type written out in their cells",
    "people_stacked": "2-column table whose people rows hold name, post and phone (the contact's name, phone and "
                      "e-mail) stacked on the lines of one cell, or one line apart by commas, with no sub-labels "
                      "(项目负责人（姓名、职务、手机）)",
}
WORD_ONLY_LAYOUTS: frozenset[str] = frozenset()

CHECKBOXES: dict[str, str] = {
    "cc_wingdings2": "check box content controls (w14:checkbox) whose symbols were changed to Wingdings 2: the "
                     "content a w:sym F052 (☑) for the chosen option, F0A3 (□) for the others (Word formats only)",
    "others_deleted": "the options that do not apply deleted with track changes on (w:del, never accepted); the "
                      "chosen one left with its empty □ (Word formats only)",
    "symbol_tick": "the chosen option's □ replaced by a √ inserted from the Symbol font (w:sym w:font=Symbol "
                   "w:char=F0D6), □ before the others (Word formats only)",
    "heavy_check": "the chosen option's □ replaced by a heavy check mark ✔ (U+2714) from an input method's "
                   "symbol panel, □ before the others",
}
WORD_ONLY_CHECKBOXES = frozenset({"cc_wingdings2", "others_deleted", "symbol_tick"})
# Encodings that mark nothing in a selection column (cb_matrix): the form shows another there.
NO_COLUMN_CHECKBOXES = frozenset({"others_deleted"})
_COLUMN_STAND_INS = ("ballot", "tick_replace", "square")

FUNDINGS: dict[str, str] = {
    "yen_wan": "￥8.00万元, ￥7.50万元 (a yuan sign before an amount in 万元, two decimals)",
    "tranches": "首期4.8万元，验收后3.2万元，合计8万元 (the two payments, 60 % and 40 %, then their total)",
}
DATES: dict[str, str] = {
    "dot_year_implied": "2024.5-12 (dotted, the end's year implied; across years 2024.3-2025.6)",
    "year_paren_months": "2024年度（5月—12月） (the year, its months in brackets; across years "
                         "2024—2025年度（2024年3月—2025年6月）)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "tracked_fill": "the project name, the unit and the leader typed over the template's placeholders with track "
                    "changes on: the placeholder (××××××××项目, ××××学会, ×××) a tracked deletion, the value a "
                    "tracked insertion, never accepted (Word formats only)",
    "footnote_marks": "footnotes (w:footnoteReference) right after the project name and the amount: a raised "
                      "number glued to the value, the note at the page's foot",
    "sample_page_left": "the template's 填写示例 page (a sample form with made-up values: 湖南省××学会, 张××, "
                        "10万元…) left in before the form (not in scans or photos)",
    "value_textbox": "the leader's name and mobile typed into borderless floating text boxes (wps:txbx) laid over "
                     "their cells, the cells themselves left empty",
    "forwarded_eml": "sent forwarded as an attachment: the mail carries the applicant's original message (.eml, "
                     "message/rfc822 or a saved .eml file) whose attachments are the form",
    "app_default_names": "the file under the name a program gave it: 新建 DOCX 文档.docx, 文档1.pdf, "
                         "扫描全能王 2024-04-20 10.15.pdf, 微信图片_20240420101530.jpg (not in archives)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count.
WEIGHT = 4.0
# The Word-only encodings more again, as only about half the forms are Word files.
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, **{name: 8.0 for name in WORD_ONLY_CHECKBOXES},
                             "heavy_check": 5.0}
DECORATION_ODDS: dict[str, float] = {"tracked_fill": 0.55, "footnote_marks": 0.2, "sample_page_left": 0.15,
                                     "value_textbox": 0.3, "forwarded_eml": 0.12, "app_default_names": 0.2}

# Formats whose files are Word's own (build.WORD_FORMATS, which this module cannot import).
_WORD_FORMATS = frozenset({"docx", "doc", "wps", "zip_utf8", "zip_gbk", "7z", "enc_docx_pw"})
_ARCHIVE_FORMATS = frozenset({"zip_utf8", "zip_gbk", "7z"})
# Layouts whose values are no text of the document: only what characters show there.
SHEET_LAYOUTS = frozenset({"excel_object"})
# Decorations a worksheet's cells cannot hold (no link, seal, revision, comment, field or
# formatting of Word's).
_NOT_IN_SHEETS = frozenset({"email_hyperlink", "seal_image", "funding_revised", "pasted_invisibles", "comments_left",
                            "distributed_names", "merge_fields", "hidden_example"})
# Layouts whose project name or amount sits where Word takes no footnote (a text box, a frame, a
# plain-text content control, a form field, a floating table) or that hold no text.
_NO_NOTE_LAYOUTS = frozenset({"textbox_frame", "textbox_grid", "converted_frames", "content_controls",
                              "legacy_form_fields", "wrapped_table"}) | PICTURE_LAYOUTS | SHEET_LAYOUTS
# Layouts whose leader's name and mobile each sit alone in a cell, where a text box is laid over.
_BOXED_LAYOUTS = frozenset({"header_row", "alt_cols", "spaced_2col", "merged_grid", "people_table", "split_dates",
                            "cb_matrix", "two_tables", "vertical_group_labels", "starred_system_print",
                            "borderless_grid", "continued_rows", "annex_people", "wrapped_table"})
# What a revision cannot wrap (a field, a hidden example, a prompt or a comment of its own).
_UNTRACKED_WITH = frozenset({"merge_fields", "hidden_example", "hint_left_in", "comments_left"})
_PLACEHOLDERS = {"project": "××××××××项目", "org": "××××学会", "leader": "×××"}
_NOTES = {"project": "项目名称须与申报单位公章、正文及预算表一致。", "funding": "指申请省科协资助的经费，不含单位自筹经费。"}


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "cc_wingdings2":
        return f"[cc2:{1 if chosen else 0}]{label}"
    if style == "others_deleted":
        return f"□{label}" if chosen else f"[del]□{label}[/del]"
    if style == "symbol_tick":
        return f"[sy:F0D6]{label}" if chosen else f"□{label}"
    if style == "heavy_check":
        return f"✔{label}" if chosen else f"□{label}"
    raise ValueError(style)


def _wan(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def tranches(wan: float) -> tuple[float, float]:
    """The first payment (60 %, to the hundred yuan) and the rest, in 万元."""
    yuan = round(wan * 10000)
    first = round(yuan * 0.6 / 100) * 100
    return first / 10000, (yuan - first) / 10000


def funding_text(app: App, style: str) -> str:
    if style == "yen_wan":
        return f"￥{app.funding_wan:.2f}万元"
    if style == "tranches":
        first, rest = tranches(app.funding_wan)
        return f"首期{_wan(first)}万元，验收后{_wan(rest)}万元，合计{_wan(app.funding_wan)}万元"
    raise ValueError(style)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "dot_year_implied":
        return f"{s.year}.{s.month}-{e.month}" if s.year == e.year else f"{s.year}.{s.month}-{e.year}.{e.month}"
    if style == "year_paren_months":
        if s.year == e.year:
            return f"{s.year}年度（{s.month}月—{e.month}月）"
        return f"{s.year}—{e.year}年度（{s.year}年{s.month}月—{e.year}年{e.month}月）"
    raise ValueError(style)


def _plain_enough(typed: str) -> bool:
    """Whether a revision can wrap `typed`: no markup but a line break or a leading 分散对齐."""
    rest = typed.removeprefix("[dist]").replace("[br]", "")
    return bool(rest) and "[" not in rest and "\n" not in rest


def value_text(kind: str, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` (kind: project, org, leader, phone or funding) as this set's decorations leave it."""
    if not typed:
        return typed
    if "tracked_fill" in decorations and kind in _PLACEHOLDERS and _plain_enough(typed):
        lead = "[dist]" if typed.startswith("[dist]") else ""
        typed = f"{lead}[del]{_PLACEHOLDERS[kind]}[/del][ins]{typed.removeprefix(lead)}[/ins]"
    if "footnote_marks" in decorations and kind in _NOTES:
        typed = f"{typed}[fn:{_NOTES[kind]}]"
    if "value_textbox" in decorations and kind in ("leader", "phone") and "\n" not in typed:
        typed = f"[tbx]{typed}[/tbx]"
    return typed


def shown(decorations: tuple[str, ...], layout: str) -> tuple[str, ...]:
    """The decorations drawn earlier less those `layout` cannot show."""
    if layout not in SHEET_LAYOUTS:
        return decorations
    return tuple(d for d in decorations if d not in _NOT_IN_SHEETS)


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str,
                     drawn_before: tuple[str, ...]) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    shows = {
        "tracked_fill": fmt in _WORD_FORMATS and layout not in PICTURE_LAYOUTS | SHEET_LAYOUTS | {"content_controls"}
                        and not _UNTRACKED_WITH & set(drawn_before),
        "footnote_marks": layout not in _NO_NOTE_LAYOUTS,
        # Scans and photos carry the form alone (forms.form_blocks' compact form).
        "sample_page_left": fmt not in SCAN_FORMATS,
        "value_textbox": layout in _BOXED_LAYOUTS,
        "forwarded_eml": True,
        "app_default_names": fmt not in _ARCHIVE_FORMATS,
    }
    return tuple(d for d in drawn if shows[d])


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a worksheet's cells hold the choice written out
    (text_only); a selection column holds marks apart from the options, so an encoding that
    marks nothing there gives way to one that does (the same one for the same application)."""
    if layout in SHEET_LAYOUTS:
        return "text_only"
    if layout != "cb_matrix" or checkbox not in NO_COLUMN_CHECKBOXES:
        return checkbox
    return _COLUMN_STAND_INS[sum(map(ord, aid)) % len(_COLUMN_STAND_INS)]


# ---------------------------------------------------------------------------- the whole document

SAMPLE_ROWS: tuple[tuple[str, str], ...] = (
    ("项目名称", "2024年湖南省××学会学术年会"), ("项目类别", "科技创新服务能力建设项目—学术交流"),
    ("申报单位", "湖南省××学会"), ("单位类型", "省级学会"), ("项目负责人", "张××"), ("负责人手机", "139××××××××"),
    ("项目联系人", "李××"), ("联系电话", "0731-8×××××××"), ("电子邮箱", "×××@163.com"), ("申请经费", "10万元"),
    ("起止时间", "2024年3月—2024年12月"),
)


def front_blocks(v: _V, compact: bool) -> tuple[Block, ...]:
    """The template's sample page, left in before the form (a page of its own)."""
    if "sample_page_left" not in v.look.value_decos or compact:
        return ()
    rows = tuple((Cell(label), Cell(value)) for label, value in SAMPLE_ROWS)
    return (Para("填写示例", "title"), Para("（正式填报时请删除本页）", "center"),
            Table((1.2, 4.0), rows), Para("注：以上内容仅为填写示例。", "note"), PageBreak())


def tail_blocks(v: _V) -> tuple[Block, ...]:
    """What this set puts after the whole form: the people's 附表 of annex_people."""
    if v.look.layout != "annex_people":
        return ()
    app = v.app
    rows: list[tuple[Cell, ...]] = [
        tuple(Cell(h, shade=True) for h in ("角　色", "姓　名", "职务/职称", "手机/电话", "电子邮箱")),
        (Cell("项目负责人"), Cell(v.name), Cell(app.leader_post), Cell(v.leader_phone), Cell("")),
        (Cell("项目联系人"), Cell(v.contact), Cell("联络员"), Cell(v.contact_phone), Cell(v.email)),
    ]
    rows += [(Cell("项目组成员"), Cell(n), Cell(p), Cell(ph), Cell("")) for n, p, ph in app.members]
    return (PageBreak(), Para("附表1", "body"), Para("项目负责人及联系人信息表", "title"),
            Table((1.0, 0.9, 1.2, 1.5, 1.8), tuple(rows)))


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "annex_people":
        return _annex_people(v)
    if v.look.layout == "wrapped_table":
        return _wrapped_table(v)
    if v.look.layout == "excel_object":
        return _excel_object(v)
    if v.look.layout == "people_stacked":
        return _people_stacked(v)
    raise ValueError(v.look.layout)


def _head_rows(v: _V) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    return rows


def _annex_people(v: _V) -> tuple[Block, ...]:
    rows = _head_rows(v) + [(Cell("项目负责人及联系人"), Cell("详见附表1")), (Cell(v.funding_label), Cell(v.funding)),
                            (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)))


WRAP_NOTES = ("填表说明：", "1.项目名称应简明扼要，不超过30字。", "2.申报单位须填写全称，与公章一致。",
              "3.项目类别、单位类型限选一项。", "4.申请经费以万元为单位。", "5.联合申报的须注明牵头单位和参与单位。")
WRAP_WIDTH_CM = 10.6


def _wrapped_table(v: _V) -> tuple[Block, ...]:
    rows = _head_rows(v) + [(Cell("项目负责人"), Cell(v.name)), (Cell("负责人手机"), Cell(v.leader_phone)),
                            (Cell("项目联系人"), Cell(v.contact)), (Cell("联系电话"), Cell(v.contact_phone)),
                            (Cell("电子邮箱"), Cell(v.email)), (Cell(v.funding_label), Cell(v.funding)),
                            (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.1, 3.0), tuple(rows), float_width_cm=WRAP_WIDTH_CM),
            *(Para(line, "note") for line in WRAP_NOTES))


def sheet_rows(v: _V) -> list[tuple[str, str]]:
    """The worksheet's rows as its cells hold them (label, value)."""
    app = v.app
    rows = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        rows.append((v.joint_label, v.joint))
    rows += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
             ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
             ("起止时间", v.period), ("通讯地址", app.address)]
    return [(label, plain(value)) for label, value in rows]


def sheet_xlsx(rows: list[tuple[str, str]]) -> bytes:
    """The embedded workbook: one sheet, labels in A, values in B as the cells hold them (text;
    a value of two lines has its line break inside the cell, Alt+Enter)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side

    from shenbao.demo.forms import normalise_ooxml

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 60
    thin = Side(style="thin", color="000000")
    for r, (label, value) in enumerate(rows, 1):
        head = ws.cell(r, 1, label)
        cell = ws.cell(r, 2, value)
        cell.number_format = "@"
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        for c in (head, cell):
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    raw = io.BytesIO()
    wb.save(raw)
    return normalise_ooxml(raw.getvalue())


def _excel_object(v: _V) -> tuple[Block, ...]:
    from benchmarks.gencorpus.media import table_png

    rows = sheet_rows(v)
    return Para("一、基本情况", "heading"), OleObject(table_png(rows), sheet_xlsx(rows), 15.5)


def stacked(parts: tuple[str, ...], aid: str) -> str:
    """The non-empty parts on the lines of one cell or, for some units, one line apart by commas."""
    present = [p for p in parts if p]
    return "，".join(present) if sum(map(ord, aid)) % 3 == 0 and not any("[" in p for p in present) else "\n".join(
        present)


def _people_stacked(v: _V) -> tuple[Block, ...]:
    app = v.app
    leader = stacked((v.name, app.leader_post, v.leader_phone), app.aid)
    contact = stacked((v.contact, v.contact_phone, v.email), app.aid)
    rows = _head_rows(v) + [(Cell("项目负责人\n（姓名、职务、手机）"), Cell(leader)),
                            (Cell("项目联系人\n（姓名、电话、邮箱）"), Cell(contact)),
                            (Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.3, 4.0), tuple(rows)))


# ---------------------------------------------------------------------------- how the mail is sent

def settle(mails: list[MailPlan]) -> None:
    """The mail-level ways of sending: a mail whose form was drawn forwarded is forwarded with
    every form it carries (the forwarder's subject and note; the applicant's message kept for
    its attachment); files are named by their programs form by form."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt != "none"]
        if not any("forwarded_eml" in f.look.decorations for f in sent):
            continue
        for f in sent:
            if "forwarded_eml" not in f.look.decorations:
                f.look = replace(f.look, decorations=(*f.look.decorations, "forwarded_eml"),
                                 value_decos=(*f.look.value_decos, "forwarded_eml"))
        m.forwarded = _inner(m)
        m.subject = _FORWARD_PREFIX[m.client] + m.subject
        m.body = f"{_forward_note(m)}\n{m.body}"


_FORWARD_PREFIX = {"qq": "转发：", "foxmail": "转发：", "outlook": "转发: ", "coremail": "Fw:", "apple": "转发：",
                   "thunderbird": "Fwd: "}


def _forward_note(m: MailPlan) -> str:
    app = m.forms[0].app
    return f"您好！转发{app.applicant_org}的项目申报邮件（原邮件见附件），请查收。"


def _inner(m: MailPlan) -> dict[str, Any]:
    """The applicant's original message, as the forwarder received it: from the leader (who
    filled the form) to the forwarder, hours before the forward."""
    from benchmarks.gencorpus import pools

    app = m.forms[0].app
    rng = random.Random(f"forward-{m.message_id}")
    sender = pools.email(rng)
    when = m.sent_at - timedelta(hours=rng.randint(2, 30), minutes=rng.randint(0, 59))
    h = hashlib.sha1(f"inner-{m.message_id}".encode()).hexdigest()
    return {"sender": sender, "sender_name": app.leader_name, "subject": m.subject, "body": m.body, "date": when,
            "message_id": f"<{h[:24]}@{sender.rsplit('@', 1)[1]}>", "client": rng.choice(("qq", "coremail", "outlook"))}


def forward(m: MailPlan) -> None:
    """Put the mail's attachments into the applicant's original message and attach that: the
    form's files are then `in_eml`, the message itself the attachment the mail carries."""
    from shenbao.demo.mail import build_eml

    inner = m.forwarded
    assert inner is not None
    data = build_eml(sender=inner["sender"], sender_name=inner["sender_name"], subject=inner["subject"],
                     body=inner["body"], attachments=m.attachments, date=inner["date"],
                     message_id=inner["message_id"], client_style=inner["client"], to=m.sender)
    name = re.sub(r'[\\/:*?"<>|]', "_", inner["subject"])[:60] + ".eml"
    for f in m.files:
        f["in_eml"] = True
    m.files.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "role": "form",
                    "accept_roles": ["form", "attachment"]})
    m.attachments = [(name, data, "message/rfc822")]


def rfc822_inline(eml: bytes) -> bytes:
    """The forwarded message as a message/rfc822 part written as it is (8bit), as Outlook,
    Coremail, Apple Mail and Thunderbird forward as attachment (shenbao.demo.mail writes every
    attachment in base64; QQ Mail and Foxmail send the .eml as a file, and keep that)."""
    import base64

    at = eml.find(b"Content-Type: message/rfc822")
    if at < 0:
        return eml
    b64 = b"Content-Transfer-Encoding: base64\r\n"
    cte = eml.index(b64, at)
    start = eml.index(b"\r\n\r\n", at) + 4
    end = eml.index(b"\r\n--", start)
    inner = base64.b64decode(eml[start:end])
    head = eml[:cte] + b"Content-Transfer-Encoding: 8bit\r\n" + eml[cte + len(b64):start]
    return head + inner.rstrip(b"\r\n") + eml[end:]


def sent_name(fmt: str, aid: str, when: datetime, page: int = 0) -> str:
    """The name a program gave the file of `fmt` (a phone photo's `page` counts from 1)."""
    k = sum(map(ord, aid))
    stamp = when - timedelta(minutes=k % 50 + 5)
    if fmt in ("docx", "enc_docx_pw", "enc_docx_nopw"):
        return ("新建 Microsoft Word 文档.docx", "新建 DOCX 文档.docx", "文档1.docx", "Doc1.docx")[k % 4]
    if fmt in ("pdf", "enc_pdf_pw"):
        return ("文档1.pdf", "新建 DOCX 文档.pdf", "Doc1.pdf")[k % 3]
    if fmt == "scan_pdf":
        return (f"扫描全能王 {stamp:%Y-%m-%d %H.%M}.pdf", f"CamScanner {stamp:%m-%d-%Y %H.%M}.pdf",
                f"SKMBT_C280{stamp:%y%m%d%H%M}0.pdf")[k % 3]
    if fmt == "photo_jpg":
        return f"微信图片_{stamp + timedelta(seconds=page):%Y%m%d%H%M%S}.jpg"
    if fmt == "doc":
        return ("新建 Microsoft Word 97 - 2003 文档.doc", "文档1.doc")[k % 2]
    if fmt == "wps":
        return ("新建 WPS文字 文档.wps", "新建文档.wps")[k % 2]
    raise ValueError(fmt)


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name (2)`… when the mail already carries a file of that name (as Windows names
    a second copy)."""
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    k = 2
    while f"{stem} ({k}).{ext}" in taken:
        k += 1
    return f"{stem} ({k}){dot}{ext}"

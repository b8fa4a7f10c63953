"""The third set of held-out variants: layouts, checkbox encodings, amount and period formats and
value decorations. Their held-out score has been seen (run of 2026-12-05), so both splits now
draw them and dev tunes on them; the held-out split has none of its own until a new set is
written.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none
changes the truth: the truth is the planned `App`, whatever the form shows.

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import hashlib
import random
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, PageFrame, Section, Table
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "fullwidth_block": "no table: label and value on one line, aligned with full-width spaces and no colon "
                       "(项目名称　　　　…), two people items to a line, option lists continued on indented lines",
    "landscape_twoup": "the basic table on a landscape page between portrait ones, labels in the 1st and 3rd "
                       "of four columns, broken by hand over two lines (项目负 / 责人, 联系 / 电话)",
    "type_in_org": "2-column table whose 单位类型 row the applicant deleted: the type is written after the "
                   "unit, 湖南省光学学会（省级学会）",
    "wps_header_footer": "2-column table in a document whose every page carries the header 湖南省科学技术协会 "
                         "and the footer 第 1 页 共 5 页 (PAGE/NUMPAGES fields), as WPS templates print",
}
CHECKBOXES: dict[str, str] = {
    "spaced_marks": "■ chosen / □ others with a space between mark and label, the lists broken over lines "
                    "(two or three options to a line)",
    "highlight_chosen": "no marks: the chosen option highlighted yellow (Word's 突出显示; Word formats only)",
}
WORD_ONLY_CHECKBOXES = frozenset({"highlight_chosen"})  # a PDF's text keeps no highlight
# Encodings that mark the chosen label itself: a selection column (cb_matrix) gets a √ instead.
MARKLESS_CHECKBOXES = frozenset({"highlight_chosen"})
FUNDINGS: dict[str, str] = {
    "wan_short": "8万 (万 without 元), 7.5万",
    "daxie_paren_yuan": "捌万元（80000元）: 大写 first, the 元 figure in brackets",
}
DATES: dict[str, str] = {
    "padded_month": "2024年05月至2024年12月 (months zero-padded)",
    "day_dash_short": "2024年5月1日—12月31日 (days; end year implied when it is the start's)",
}
DAY_DATES = frozenset({"day_dash_short"})
DECORATIONS: dict[str, str] = {
    "phone_spaced": "mobiles grouped with spaces 138 0731 2345, landlines with the area code in brackets "
                    "（0731）84000000",
    "contact_role": "the contact's role after the name: 李娜（秘书）, 李娜（办公室）",
    "org_credit_code": "the unit's 统一社会信用代码 after its name: 湖南省光学学会（统一社会信用代码：51430000MJ…）",
}
# Held-out odds: new variants weigh more than old ones so each shows up often enough to count.
WEIGHT = 2.0
DECORATION_ODDS = 0.25
_ROLES = ("秘书", "办公室", "联络员", "秘书处")
HEADER = "湖南省科学技术协会"
FOOTER = "第 {PAGE} 页 共 {NUMPAGES} 页"


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "spaced_marks":
        return f"{'■' if chosen else '□'} {label}"
    if style == "highlight_chosen":
        return f"[hl]{label}[/hl]" if chosen else label
    raise ValueError(style)


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    """One option list; `spaced_marks` breaks it over lines as a narrow cell makes people do."""
    marked = [option_text(o == chosen, o, style) for o in options]
    if style != "spaced_marks":
        return "  ".join(marked)
    per_line = 3 if len(options) > 5 else 2
    return "\n".join("　".join(marked[i:i + per_line]) for i in range(0, len(marked), per_line))


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    lines: list[str] = []
    for category, options in items.items():
        lines += [f"{category}：", options_text(options, chosen, style)]
    return "\n".join(lines)


def funding_text(app: App, style: str) -> str:
    # forms imports this module; by the time a form is drawn forms is loaded.
    from benchmarks.gencorpus.forms import daxie

    if style == "wan_short":
        return f"{app.funding_wan:g}万"
    if style == "daxie_paren_yuan":
        return f"{daxie(app.funding_wan).removesuffix('整')}（{round(app.funding_wan * 10000)}元）"
    raise ValueError(style)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "padded_month":
        return f"{s.year}年{s.month:02d}月至{e.year}年{e.month:02d}月"
    if style == "day_dash_short":
        end = f"{e.month}月{e.day}日" if e.year == s.year else f"{e.year}年{e.month}月{e.day}日"
        return f"{s.year}年{s.month}月{s.day}日—{end}"
    raise ValueError(style)


def pick_decorations(rng: random.Random, earlier: tuple[str, ...], org_deco: str) -> tuple[str, ...]:
    """This set's value decorations for one form; `earlier` are those already drawn.
    Two groupings of one phone, or a code after a unit that already carries （盖章）, would be one
    decoration too many."""
    drawn = tuple(d for d in DECORATIONS if rng.random() < DECORATION_ODDS)
    return tuple(d for d in drawn if not (d == "phone_spaced" and "phone_marked" in earlier)
                 and not (d == "org_credit_code" and org_deco != "plain"))


def _pick(text: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(text.encode()).hexdigest(), 16) % len(options)]


def phone_text(phone: str | None, decorations: tuple[str, ...], typed: str) -> str:
    """The phone grouped with spaces; `typed` (the phone as the other decorations left it) otherwise."""
    if not phone or "phone_spaced" not in decorations:
        return typed
    if phone.startswith("1") and len(phone) == 11:
        return f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    area, _, number = phone.partition("-")
    return f"（{area}）{number}" if number else phone


def contact_text(name: str, decorations: tuple[str, ...]) -> str:
    return f"{name}（{_pick(name, _ROLES)}）" if "contact_role" in decorations else name


def credit_code(org: str, kind: str) -> str:
    """An 18-character 统一社会信用代码 of the shape the unit's kind has (社会团体 51…, 民非 52…,
    事业单位 12…, 企业 91…); invented, fixed per unit."""
    head = {"省级学会": "51430000MJ", "民非组织": "52430000MJ", "企业（园区）科协": "91430100"}.get(kind, "12430000")
    digest = int(hashlib.sha1(org.encode()).hexdigest(), 16)
    body = f"{digest % 10 ** (17 - len(head)):0{17 - len(head)}d}"
    return head + body + "0123456789ABCDEFGHJKLMNPQRTUWXY"[digest % 31]


def org_text(app: App, decorations: tuple[str, ...]) -> str:
    if "org_credit_code" not in decorations:
        return app.applicant_org
    code = credit_code(app.applicant_org, app.applicant_type)
    if _pick(app.applicant_org, ("paren", "space")) == "paren":
        return f"{app.applicant_org}（统一社会信用代码：{code}）"
    return f"{app.applicant_org}　统一社会信用代码：{code}"


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "fullwidth_block":
        return _fullwidth_block(v)
    if v.look.layout == "landscape_twoup":
        return _landscape_twoup(v)
    if v.look.layout == "type_in_org":
        return _type_in_org(v)
    if v.look.layout == "wps_header_footer":
        return _wps_header_footer(v)
    raise ValueError(v.look.layout)


def _fullwidth_block(v: _V) -> tuple[Block, ...]:
    app = v.app
    top: list[tuple[str, str]] = [("项目名称", v.project), ("项目类别", v.category),
                                  ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        top.append((v.joint_label, v.joint))
    bottom = [(v.funding_label, v.funding), ("起止时间", v.period), ("电子邮箱", v.email)]
    width = max(len(k) for k, _ in top + bottom + [("项目负责人", "")]) + 2

    def lines(label: str, value: str) -> list[str]:
        # An option list's further lines are indented to the value column.
        first, *rest = value.split("\n")
        return [label + "　" * (width - len(label)) + first, *("　" * width + more for more in rest)]

    out = [line for k, val in top for line in lines(k, val)]
    # People and their phones two to a line, the second label padded to four characters.
    for label, person, label2, phone in (("项目负责人", v.name, "手　　机", v.leader_phone),
                                        ("项目联系人", v.contact, "联系电话", v.contact_phone)):
        out += lines(label, person + "　" * max(2, 9 - len(person)) + label2 + "　　" + phone)
    out += [line for k, val in bottom for line in lines(k, val)]
    return (Para("一、基本情况", "heading"), *(Para(line) for line in out))


def _landscape_twoup(v: _V) -> tuple[Block, ...]:
    app = v.app
    unit = v.funding_label.removeprefix("申请经费").rstrip("①")  # （万元）, （元） or nothing
    money = f"申请经费\n{unit}" if unit else "申请\n经费"
    rows: list[tuple[Cell, ...]] = [
        (Cell("项目\n名称"), Cell(v.project, 3)),
        (Cell("项目\n类别"), Cell(v.category, 3)),
        (Cell("申报\n单位"), Cell(v.org), Cell("单位\n类型"), Cell(v.type)),
    ]
    if v.joint:
        rows.append((Cell("联合\n申报" if app.roles_stated else "联合申\n报单位"), Cell(v.joint, 3)))
    rows += [
        (Cell("项目负\n责人"), Cell(v.name), Cell("负责人\n手机"), Cell(v.leader_phone)),
        (Cell("项目联\n系人"), Cell(v.contact), Cell("联系\n电话"), Cell(v.contact_phone)),
        (Cell("电子\n邮箱"), Cell(v.email), Cell("通讯\n地址"), Cell(app.address)),
        (Cell(money), Cell(v.funding), Cell("起止\n时间"), Cell(v.period)),
    ]
    return (Section(landscape=True), Para("一、基本情况", "heading"), Table((0.8, 4.2, 0.8, 4.2), tuple(rows)),
            Section(landscape=False))


def _type_in_org(v: _V) -> tuple[Block, ...]:
    app = v.app
    org = v.org.replace(app.applicant_org, f"{app.applicant_org}（{app.applicant_type}）", 1)
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(org))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    rows += [(Cell("项目负责人"), Cell(v.name)), (Cell("职务/职称"), Cell(app.leader_post)),
             (Cell("负责人手机"), Cell(v.leader_phone)), (Cell("项目联系人"), Cell(v.contact)),
             (Cell("联系电话"), Cell(v.contact_phone)), (Cell("电子邮箱"), Cell(v.email)),
             (Cell(v.funding_label), Cell(v.funding)), (Cell("项目起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.3, 4.2), tuple(rows)))


def _wps_header_footer(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project, 3)),
                                    (Cell("项目类别"), Cell(v.category, 3)),
                                    (Cell("申报单位"), Cell(v.org, 3)), (Cell("单位类型"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 3)))
    rows += [(Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone)),
             (Cell("联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email, 3)), (Cell(v.funding_label), Cell(v.funding, 3)),
             (Cell("起止时间"), Cell(v.period, 3))]
    return (PageFrame(HEADER, FOOTER), Para("一、项目基本信息", "heading"),
            Table((1.3, 1.9, 1.0, 1.8), tuple(rows)))

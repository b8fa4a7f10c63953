"""The second set of held-out variants: layouts, checkbox encodings, amount and period formats and
value decorations. Their held-out score has been seen (run of 2026-12-05), so both splits now
draw them and dev tunes on them; the held-out split has none of its own until a new set is
written.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps
the clean value recoverable by a careful reader, and none changes the truth: the truth is
the planned `App`, whatever the form shows.

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, Table
from shenbao.demo.forms import PageBreak, Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "seq_list": "the unit re-typed the table as 序号|项目|内容 rows, labels keep the template's notes and "
                "full-width colons (项目名称（不超过30字）：), rows the applicant inserted have no number",
    "continued_table": "one 6-column table broken by a page break: 续表 and the repeated header row on the next "
                       "page, people as rows under 姓名|职务/职称|办公电话|手机|电子邮箱",
    "nested_people": "2-column table whose 项目负责人及联系人 cell holds a table pasted into it "
                     "(角色|姓名|职务|手机/电话|电子邮箱)",
}
CHECKBOXES: dict[str, str] = {
    "tick_after": "a √ typed right after the chosen item, the others left bare (学术交流√  学会服务站建设)",
    "wingdings2_text": "the template's boxes typed in the Wingdings 2 font: R (☑) chosen, £ (□) others",
}
WORD_ONLY_CHECKBOXES = frozenset({"wingdings2_text"})  # the font's letters mean nothing once printed without it
FUNDINGS: dict[str, str] = {
    "wan_2dp": "8.00万元",
    "with_total": "总经费13万元，其中申请省科协资助8万元，自筹5万元 (无自筹: 申请省科协资助8万元，无自筹)",
}
DATES: dict[str, str] = {
    "dot_endash": "2024.3–2024.12 (unpadded months, en dash)",
    "month_end": "2024年3月至12月底 (end year implied when it is the start's)",
}
DECORATIONS: dict[str, str] = {
    "name_title": "a title run on after the leader's name: 王伟博士, 李娜教授",
    "phone_marked": "mobiles grouped 138-0731-2345, landlines followed by （办）",
    "email_fullwidth": "the @ of the e-mail typed full-width: abc＠163.com",
}
# Dev's value decorations, as the truth tags name them (forms.NAME_DECOS, forms.ORG_DECOS).
DEV_DECORATIONS: dict[str, str] = {
    "name_post_paren": "王伟（理事长）", "name_post_space": "王伟　理事长", "name_spaced": "王　伟",
    "org_seal": "湖南省光学学会（盖章）", "org_gongzhang": "湖南省光学学会(公章)",
}
DECORATION_ODDS = 0.25
_TITLES = ("博士", "教授", "研究员")


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "tick_after":
        return f"{label}√" if chosen else label
    if style == "wingdings2_text":
        return f"[w2:{'R' if chosen else '£'}]{label}"
    raise ValueError(style)


def funding_text(app: App, style: str) -> str:
    if style == "wan_2dp":
        return f"{app.funding_wan:.2f}万元"
    if style == "with_total":
        fund, own = app.funding_wan, app.self_raised_wan
        if not own:
            return f"申请省科协资助{fund:g}万元，无自筹"
        return f"总经费{fund + own:g}万元，其中申请省科协资助{fund:g}万元，自筹{own:g}万元"
    raise ValueError(style)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "dot_endash":
        return f"{s.year}.{s.month}\u2013{e.year}.{e.month}"
    if style == "month_end":
        end = f"{e.month}月底" if e.year == s.year else f"{e.year}年{e.month}月底"
        return f"{s.year}年{s.month}月至{end}"
    raise ValueError(style)


def pick_decorations(rng: random.Random) -> tuple[str, ...]:
    return tuple(d for d in DECORATIONS if rng.random() < DECORATION_ODDS)


def name_text(name: str, decorations: tuple[str, ...]) -> str:
    if "name_title" in decorations:
        return name + _TITLES[sum(map(ord, name)) % len(_TITLES)]
    return name


def phone_text(phone: str | None, decorations: tuple[str, ...]) -> str:
    if not phone:
        return ""
    if "phone_marked" not in decorations:
        return phone
    if phone.startswith("1") and len(phone) == 11:
        return f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
    return f"{phone}（办）"


def email_text(email: str | None, decorations: tuple[str, ...]) -> str:
    if not email:
        return ""
    return email.replace("@", "＠") if "email_fullwidth" in decorations else email


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "seq_list":
        return _seq_list(v)
    if v.look.layout == "continued_table":
        return _continued_table(v)
    if v.look.layout == "nested_people":
        return _nested_people(v)
    raise ValueError(v.look.layout)


def _seq_list(v: _V) -> tuple[Block, ...]:
    app = v.app
    # (label, value, numbered): a row the applicant inserted is left without a number.
    items: list[tuple[str, str, bool]] = [
        ("项目名称（不超过30字）", v.project, True), ("项目类别（限选一项）", v.category, True),
        ("申报单位（全称，与公章一致）", v.org, True), ("单位类型", v.type, True)]
    if v.joint:
        items.append((v.joint_label, v.joint, False))
    items += [("项目负责人", v.name, True), ("职务/职称", app.leader_post, True),
              ("负责人手机", v.leader_phone, True), ("项目实施地点", app.address[:3], False),
              ("项目联系人", v.contact, True), ("联系电话", v.contact_phone, True),
              ("电子邮箱", v.email, True), (v.funding_label, v.funding, True),
              ("项目起止时间（不晚于2024年12月）", v.period, True),
              ("预期成果", "举办活动不少于2场，形成总结报告1份", False)]
    rows: list[tuple[Cell, ...]] = [(Cell("序号", shade=True), Cell("项　目", shade=True), Cell("内　容", shade=True))]
    n = 0
    for label, value, numbered in items:
        n += numbered
        rows.append((Cell(str(n) if numbered else ""), Cell(f"{label}："), Cell(value)))
    return (Para("一、项目基本信息", "heading"), Table((0.5, 1.9, 3.6), tuple(rows)))


def _continued_table(v: _V) -> tuple[Block, ...]:
    app = v.app
    head = (Cell("栏　目", 2, shade=True), Cell("填写内容", 4, shade=True))
    first: list[tuple[Cell, ...]] = [(Cell("项目基本信息表", 6, shade=True),), head,
                                     (Cell("项目名称", 2), Cell(v.project, 4)),
                                     (Cell("项目类别", 2), Cell(v.category, 4)),
                                     (Cell("申报单位", 2), Cell(v.org, 4)), (Cell("单位类型", 2), Cell(v.type, 4))]
    if v.joint:
        first.append((Cell(v.joint_label, 2), Cell(v.joint, 4)))

    def phones(phone: str | None, shown: str) -> tuple[Cell, Cell]:
        # A landline goes under 办公电话, a mobile under 手机, as people fill two columns.
        office = bool(phone) and str(phone).startswith("0")
        return Cell(shown if office else ""), Cell("" if office else shown)

    rest: list[tuple[Cell, ...]] = [
        head,
        tuple(Cell(h, shade=True) for h in ("人　员", "姓　名", "职务/职称", "办公电话", "手　机", "电子邮箱")),
        (Cell("项目负责人"), Cell(v.name), Cell(app.leader_post), *phones(app.leader_phone, v.leader_phone),
         Cell("")),
        (Cell("项目联系人"), Cell(v.contact), Cell(""), *phones(app.contact_phone, v.contact_phone),
         Cell(v.email)),
        (Cell(v.funding_label, 2), Cell(v.funding, 4)),
        (Cell("自筹经费（万元）", 2), Cell(f"{app.self_raised_wan:g}", 4)),
        (Cell("起止时间", 2), Cell(v.period, 4)),
    ]
    widths = (0.9, 0.8, 1.0, 1.5, 1.5, 1.8)
    return (Para("一、基本情况", "heading"), Table(widths, tuple(first)), PageBreak(),
            Para("续表", "right"), Table(widths, tuple(rest)))


def _nested_people(v: _V) -> tuple[Block, ...]:
    app = v.app
    people = Table((0.7, 0.8, 0.9, 1.7, 2.1), (
        tuple(Cell(h, shade=True) for h in ("角色", "姓名", "职务", "手机/电话", "电子邮箱")),
        (Cell("负责人"), Cell(v.name), Cell(app.leader_post), Cell(v.leader_phone), Cell("")),
        (Cell("联系人"), Cell(v.contact), Cell(""), Cell(v.contact_phone), Cell(v.email)),
    ))
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    rows += [(Cell("项目负责人及联系人"), Cell("", nested=people)), (Cell(v.funding_label), Cell(v.funding)),
             (Cell("实施周期"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.0, 4.6), tuple(rows)))

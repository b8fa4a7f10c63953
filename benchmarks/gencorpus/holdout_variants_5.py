"""The fifth set of held-out variants: layouts, checkbox encodings, amount and period formats and
value decorations. Their held-out score has been seen (run of 2026-12-05), so both splits now
draw them and dev tunes on them; the held-out split has none of its own until a new set is
written.

They follow how offices fill a 申报书 when the template is old or home-made: blanks of
underscores typed into, a 备注 column of the template's notes and samples next to the
values, the leader named only in the 项目组主要成员 table further down, the whole
基本情况 typed into one framed cell with Tab between two fields; Word 2003 窗体域 check
boxes, a √ typed beside the template's □, the chosen option's letter written in brackets,
the chosen option coloured red; the amount in 元 with the unit in the label only, or in
万元 followed by its 其中 breakdown; 2024.5.1—2024.12.31 and 起：…　止：…; an electronic
seal pasted over the unit's name, an e-mail Word turned into a link, （微信同号） after a
mobile, the project name in 《》.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none
changes the truth: the truth is the planned `App`, whatever the form shows.

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "underscore_blanks": "no table: the template's blanks of underscores (项目名称：____________) typed into, the "
                         "underscores left on either side of the value (__湖南省光学学会______, or ＿ full-width); "
                         "people and phones two to a line",
    "remarks_column": "4-column table 序号|栏目|填写内容|备注 whose 备注 column keeps the template's notes and "
                      "samples (全称，与公章一致，如：湖南省××学会; 11位手机号码; 须在2024年12月31日前完成)",
    "leader_in_team": "the basic table has no 项目负责人 row: the leader is the first row of a 项目组主要成员 table "
                      "further down (序号|姓名|工作单位|职务/职称|项目分工|手机), after 项目主要内容, 分工 "
                      "项目负责人，总体统筹",
    "one_cell_tabs": "the whole 基本情况 typed into one framed cell (a 1×1 table) as key：value lines, a second "
                     "field on the same line after a few presses of Tab (项目负责人：王伟<Tab><Tab>手机：…)",
}
CHECKBOXES: dict[str, str] = {
    "form_field": "Word 2003 窗体域 check boxes (FORMCHECKBOX fields, w:ffData/w:checkBox, w:checked on the "
                  "chosen one) as old government .doc templates carry them (Word formats only)",
    "box_then_tick": "the template's □ kept before every option and a √ typed right after the chosen one's "
                     "(□√学术交流  □学会服务站建设)",
    "letter_code": "options lettered A. B. C. … and the chosen letter written in brackets before the list "
                   "（ E ）A.学术交流 … E.学会服务站建设",
    "red_chosen": "no marks: the chosen option in red (Word formats only)",
}
WORD_ONLY_CHECKBOXES = frozenset({"form_field", "red_chosen"})  # PDF text keeps neither fields nor colour
# Encodings that mark no option with a symbol of its own: a selection column (cb_matrix) gets a √.
MARKLESS_CHECKBOXES = frozenset({"red_chosen", "letter_code"})
# Encodings written for a whole option list (the letters run on across it).
LIST_CHECKBOXES = frozenset({"letter_code"})
FUNDINGS: dict[str, str] = {
    "yuan_label": "80000 with the unit in the label only: 申请经费（元）",
    "wan_breakdown": "8万元（其中：专家咨询费2.4万元，会议会务费2万元，…）: the total, then the budget's "
                     "lines in brackets",
}
YUAN_LABEL_FUNDINGS = frozenset({"yuan_label"})
DATES: dict[str, str] = {
    "dot_day": "2024.5.1—2024.12.31 (dotted dates with days, unpadded)",
    "qi_zhi": "起：2024年5月　止：2024年12月 (start and end each after its own label, in one cell)",
}
DAY_DATES = frozenset({"dot_day"})
DECORATIONS: dict[str, str] = {
    "seal_image": "an electronic seal (a red round PNG with the unit's name on its rim) floating over the "
                  "unit's name in the basic part (wp:anchor, wrapNone, in front of the text)",
    "email_hyperlink": "the e-mail as Word's AutoFormat leaves it: a w:hyperlink to mailto:…, blue and underlined",
    "phone_wechat": "（微信同号） after the mobiles (leader's and contact's)",
    "project_quoted": "the project name in 书名号 wherever it is typed: 《2024年湖南省光学学术年会》",
}
# Held-out odds: new variants weigh more than old ones so each shows up often enough to count;
# the Word-only encodings more again, as only about half the forms are Word files.
WEIGHT = 3.0
WEIGHTS: dict[str, float] = {"form_field": 5.0, "red_chosen": 5.0, "box_then_tick": 2.5, "letter_code": 2.5,
                             "yuan_label": 2.5, "wan_breakdown": 2.5, "dot_day": 2.5, "qi_zhi": 2.5}
DECORATION_ODDS: dict[str, float] = {"seal_image": 0.18, "email_hyperlink": 0.2, "phone_wechat": 0.18,
                                     "project_quoted": 0.15}
# Layouts whose basic part carries no unit name of v.org (the text box is left alone too: a
# picture anchored inside a VML text box is not what people paste into).
_NO_SEAL_LAYOUTS = frozenset({"cover_table", "textbox_frame"})
# Layouts whose unit name sits in a paragraph's line, where a typed Enter starts a new item.
PARAGRAPH_LAYOUTS = frozenset({"underscore_blanks", "one_cell_tabs"})
_WECHAT = ("（微信同号）", "(微信同号)", "（同微信）")
_LETTERS = "ABCDEFGHIJ"


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "form_field":
        return f"[ff:{1 if chosen else 0}]{label}"
    if style == "box_then_tick":
        return f"□√{label}" if chosen else f"□{label}"
    if style == "red_chosen":
        return f"[red]{label}[/red]" if chosen else label
    if style == "letter_code":  # one option alone: its letter is unknown, as in a selection column
        return label
    raise ValueError(style)


def _lettered(options: tuple[str, ...], first: int) -> list[str]:
    return [f"{_LETTERS[first + i]}.{o}" for i, o in enumerate(options)]


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    """One option list: the chosen letter in brackets, then the lettered options."""
    if style != "letter_code":
        return "  ".join(option_text(o == chosen, o, style) for o in options)
    return f"（ {_LETTERS[options.index(chosen)]} ）" + "　".join(_lettered(options, 0))


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """The category list: with `letter_code` the letters run on from one category to the next."""
    if style != "letter_code":
        raise ValueError(style)
    flat = [o for options in items.values() for o in options]
    lines = [f"（ {_LETTERS[flat.index(chosen)]} ）"]
    first = 0
    for category, options in items.items():
        lines.append(f"{category}：" + "　".join(_lettered(options, first)))
        first += len(options)
    return "\n".join(lines)


def funding_text(app: App, style: str) -> str:
    # forms imports this module; by the time a form is drawn forms is loaded.
    from benchmarks.gencorpus.forms import budget_lines, wan_str

    if style == "yuan_label":
        return str(round(app.funding_wan * 10000))
    if style == "wan_breakdown":
        parts = "，".join(f"{name}{wan_str(yuan / 10000)}万元" for name, yuan in budget_lines(app))
        return f"{wan_str(app.funding_wan)}万元（其中：{parts}）"
    raise ValueError(style)


def funding_head(app: App, style: str, typed: str) -> str:
    """The part of the typed amount that states the amount (the breakdown after it does not)."""
    return typed.split("（其中", 1)[0] if style == "wan_breakdown" else typed


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "dot_day":
        return f"{s.year}.{s.month}.{s.day}—{e.year}.{e.month}.{e.day}"
    if style == "qi_zhi":
        return f"起：{s.year}年{s.month}月　止：{e.year}年{e.month}月"
    raise ValueError(style)


def pick_decorations(rng: random.Random, app: App | None, layout: str,
                     earlier: tuple[str, ...]) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only;
    `earlier` are those already drawn (Word links no address typed with a full-width ＠)."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    shows = {
        "seal_image": layout not in _NO_SEAL_LAYOUTS,
        "email_hyperlink": bool(app.contact_email) and "email_fullwidth" not in earlier,
        "phone_wechat": any(p and p.startswith("1") for p in (app.leader_phone, app.contact_phone)),
        "project_quoted": True,
    }
    return tuple(d for d in drawn if shows[d])


def phone_text(phone: str | None, decorations: tuple[str, ...], typed: str) -> str:
    """`typed` (the phone as the other decorations left it), a mobile followed by （微信同号）."""
    if not phone or "phone_wechat" not in decorations or not phone.startswith("1"):
        return typed
    return typed + _WECHAT[sum(map(ord, phone)) % len(_WECHAT)]


def email_text(email: str | None, decorations: tuple[str, ...], typed: str) -> str:
    if not email or "email_hyperlink" not in decorations:
        return typed
    return f"[mail:{email}]{typed}[/mail]"


def project_text(name: str, decorations: tuple[str, ...]) -> str:
    return f"《{name}》" if "project_quoted" in decorations else name


def sealed(org_typed: str, org: str, decorations: tuple[str, ...]) -> str:
    """The unit as typed with the seal's picture anchored after it."""
    return f"{org_typed}[seal:{org}]" if "seal_image" in decorations else org_typed


def blank(value: str, app: App, width: int = 18) -> str:
    """`value` typed into a blank of underscores: two are left before it, the rest after; half
    the templates draw their blanks with half-width _, the others with full-width ＿."""
    mark = "_" if int(app.aid.rsplit("-", 1)[-1]) % 2 else "＿"
    return mark * 2 + value + mark * max(2, width - len(plain(value)))


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "underscore_blanks":
        return _underscore_blanks(v)
    if v.look.layout == "remarks_column":
        return _remarks_column(v)
    if v.look.layout == "leader_in_team":
        return _leader_in_team(v)
    if v.look.layout == "one_cell_tabs":
        return _one_cell_tabs(v)
    raise ValueError(v.look.layout)


def _underscore_blanks(v: _V) -> tuple[Block, ...]:
    app, c = v.app, v.colon
    lines = [f"项目名称{c}{blank(v.project, app, 30)}", f"项目类别{c}", *v.category.split("\n"),
             f"申报单位{c}{blank(v.org, app, 24)}", f"单位类型{c}", *v.type.split("\n")]
    if v.joint:
        lines.append(f"{v.joint_label}{c}{blank(v.joint, app, 24)}")
    lines += [f"项目负责人{c}{blank(v.name, app, 8)}　手机{c}{blank(v.leader_phone, app, 14)}",
              f"项目联系人{c}{blank(v.contact, app, 8)}　联系电话{c}{blank(v.contact_phone, app, 14)}",
              f"电子邮箱{c}{blank(v.email, app, 24)}",
              f"{v.funding_label}{c}{blank(v.funding, app, 12)}",
              f"起止时间{c}{blank(v.period, app, 24)}"]
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


_REMARKS = {
    "项目名称": "不超过30字", "项目类别": "限选一项", "申报单位": "全称，与公章一致，如：湖南省××学会",
    "联合申报": "须注明牵头单位和参与单位", "联合申报单位": "须注明牵头单位和参与单位",
    "项目负责人": "须为申报单位在职人员", "负责人手机": "11位手机号码", "联系电话": "手机或办公电话（带区号）",
    "起止时间": "须在2024年12月31日前完成",
}


def _remarks_column(v: _V) -> tuple[Block, ...]:
    app = v.app
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    pairs += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
              ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
              ("起止时间", v.period)]
    notes = dict(_REMARKS)
    notes[v.funding_label] = "申请省科协资助部分，不含自筹"
    rows: list[tuple[Cell, ...]] = [tuple(Cell(h, shade=True) for h in ("序号", "栏　目", "填写内容", "备　注"))]
    rows += [(Cell(str(i)), Cell(k), Cell(val), Cell(notes.get(k, ""))) for i, (k, val) in enumerate(pairs, 1)]
    rows.append((Cell(str(len(pairs) + 1)), Cell("通讯地址"), Cell(app.address), Cell("邮编" + app.postcode)))
    return (Para("一、项目基本情况", "heading"), Table((0.5, 1.3, 3.1, 1.6), tuple(rows)))


def _leader_in_team(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                    (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    rows += [(Cell("项目联系人"), Cell(v.contact)), (Cell("联系电话"), Cell(v.contact_phone)),
             (Cell("电子邮箱"), Cell(v.email)), (Cell(v.funding_label), Cell(v.funding)),
             (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)))


_TASKS = ("活动组织与专家联络", "宣传推广", "资料整理与总结")


def team_blocks(v: _V) -> tuple[Block, ...]:
    """The 项目组主要成员 table, for the layout that names the leader there only; nothing else."""
    if v.look.layout != "leader_in_team":
        return ()
    app = v.app
    units = (app.applicant_org, *app.partners)
    rows: list[tuple[Cell, ...]] = [
        tuple(Cell(h, shade=True) for h in ("序号", "姓　名", "工作单位", "职务/职称", "项目分工", "手　机")),
        (Cell("1"), Cell(v.name), Cell(app.applicant_org), Cell(app.leader_post), Cell("项目负责人，总体统筹"),
         Cell(v.leader_phone)),
    ]
    for i, (name, post, phone) in enumerate(app.members):
        rows.append((Cell(str(i + 2)), Cell(name), Cell(units[(i + 1) % len(units)]), Cell(post),
                     Cell(_TASKS[i % len(_TASKS)]), Cell(phone)))
    # The 手机 column is wide enough for a mobile in full-width digits on one line.
    return (Para("项目组主要成员", "heading"), Table((0.45, 0.8, 1.6, 0.9, 1.35, 2.1), tuple(rows)))


def _tabbed(first: str, second: str) -> str:
    """Two fields on one line, the second after as many Tabs as it takes to line it up."""
    return first + "\t" * max(1, 4 - len(first) // 4) + second


def _one_cell_tabs(v: _V) -> tuple[Block, ...]:
    app, c = v.app, v.colon
    lines = [f"项目名称{c}{v.project}", f"项目类别{c}", *v.category.split("\n"), f"申报单位{c}{v.org}",
             f"单位类型{c}{v.type}"]
    if v.joint:
        lines.append(f"{v.joint_label}{c}{v.joint}")
    lines += [_tabbed(f"项目负责人{c}{v.name}", f"手机{c}{v.leader_phone}"),
              _tabbed(f"项目联系人{c}{v.contact}", f"联系电话{c}{v.contact_phone}"),
              _tabbed(f"电子邮箱{c}{v.email}", f"邮政编码{c}{app.postcode}"),
              f"{v.funding_label}{c}{v.funding}", f"起止时间{c}{v.period}", f"通讯地址{c}{app.address}"]
    return (Para("一、基本情况", "heading"), Table((1.0,), ((Cell("\n".join(lines)),),)))

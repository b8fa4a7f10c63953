"""One application as the unit typed it: the clean values (what a careful clerk
transcribes, i.e. the truth) and the way they were written and laid out.

`App` holds the clean values; `Look` the choices of presentation; `form_blocks(app, look)`
draws the whole 申报书 in one of the layouts. Truth is taken from `App`, never read back
from the document.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass, field, replace
from datetime import date

from benchmarks.gencorpus import holdout_variants as hv
from benchmarks.gencorpus import holdout_variants_3 as hv3
from benchmarks.gencorpus import holdout_variants_4 as hv4
from benchmarks.gencorpus import holdout_variants_5 as hv5
from benchmarks.gencorpus import holdout_variants_6 as hv6
from benchmarks.gencorpus import holdout_variants_7 as hv7
from benchmarks.gencorpus import holdout_variants_8 as hv8
from benchmarks.gencorpus import holdout_variants_9 as hv9
from benchmarks.gencorpus import holdout_variants_10 as hv10
from benchmarks.gencorpus import holdout_variants_11 as hv11
from benchmarks.gencorpus import holdout_variants_12 as hv12
from benchmarks.gencorpus import holdout_variants_13 as hv13
from benchmarks.gencorpus import holdout_variants_14 as hv14
from benchmarks.gencorpus import holdout_variants_15 as hv15
from benchmarks.gencorpus import holdout_variants_16 as hv16
from benchmarks.gencorpus import holdout_variants_17 as hv17
from benchmarks.gencorpus import holdout_variants_18 as hv18
from benchmarks.gencorpus import holdout_variants_19 as hv19
from benchmarks.gencorpus import holdout_variants_20 as hv20
from benchmarks.gencorpus import holdout_variants_21 as hv21
from benchmarks.gencorpus import holdout_variants_22 as hv22
from benchmarks.gencorpus import holdout_variants_23 as hv23
from benchmarks.gencorpus import holdout_variants_24 as hv24
from benchmarks.gencorpus import holdout_variants_25 as hv25
from benchmarks.gencorpus.docmodel import Block, Cell, Table
from shenbao.demo.forms import PageBreak, Para

CATEGORY_ITEMS: dict[str, tuple[str, ...]] = {
    "科技创新服务能力建设项目": ("学术交流", "科技创新联盟建设", "“科创中国”试点城市建设",
                                 "“科创中国”湖南中心建设与运营", "学会服务站建设"),
    "学会自身能力建设项目": ("创新工程专业职称评审", "学会制度机制建设", "省级学会网站管理平台", "高校科协交流机制建设"),
}
TYPES: tuple[str, ...] = ("省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他")

LAYOUTS: dict[str, str] = {
    "header_row": "labels in a header row, values in the row below (4-column grid)",
    "alt_cols": "6-column grid, label/value alternating, 项目总经费/申请资助/自筹 in one row",
    "numbered_paras": "basic information as numbered paragraphs （一）项目名称：…, some two to a line",
    "kv_lines": "key：value lines without any table, mixed full-/half-width colons",
    "cover_table": "cover page with underlined fill-ins (项目名称、申报单位（盖章）…) + table for the rest",
    "spaced_2col": "2-column table, labels spaced 项 目 名 称 / 项　目　名　称",
    "merged_grid": "3-column grid, vertically merged group labels (项目负责人 over 姓名/职务/手机)",
    "people_table": "basic table + a 项目组成员 table (角色|姓名|职务|手机|邮箱) with extra members",
    "split_dates": "7-column grid, period split over cells 2024年 | 5月 | 至 | 2024年 | 12月",
    "inline_cells": "label and value in one cell (项目负责人：…), two per row",
    "vertical": "one column: label row above value row, people packed into one cell",
    "cb_matrix": "项目类别 as its own table, one item per row with a selection column",
    "two_tables": "unit table and project table, labels with ①② footnote marks, 注 lines below",
    **hv.LAYOUTS,
    **hv3.LAYOUTS,
    **hv4.LAYOUTS,
    **hv5.LAYOUTS,
    **hv6.LAYOUTS,
    **hv7.LAYOUTS,
    **hv8.LAYOUTS,
    **hv9.LAYOUTS,
    **hv10.LAYOUTS,
    **hv11.LAYOUTS,
    **hv12.LAYOUTS,
    **hv13.LAYOUTS,
    **hv14.LAYOUTS,
    **hv15.LAYOUTS,
    **hv16.LAYOUTS,
    **hv17.LAYOUTS,
    **hv18.LAYOUTS,
    **hv19.LAYOUTS,
    **hv20.LAYOUTS,
    **hv21.LAYOUTS,
    **hv22.LAYOUTS,
    **hv23.LAYOUTS,
    **hv24.LAYOUTS,
    **hv25.LAYOUTS,
}
# Held-out variants move to dev once their held-out score has been seen (and tuning on them
# begins): the first ones (cb_matrix, two_tables, circle, daxie_xiaoxie, range_short) after the
# runs of 2026-12-04, those of holdout_variants.py, holdout_variants_3.py, holdout_variants_4.py,
# holdout_variants_5.py, holdout_variants_6.py, holdout_variants_7.py, holdout_variants_8.py and
# holdout_variants_9.py after their runs of 2026-12-05, those of holdout_variants_10.py,
# holdout_variants_11.py, holdout_variants_12.py, holdout_variants_13.py,
# holdout_variants_14.py, holdout_variants_15.py, holdout_variants_16.py and holdout_variants_17.py
# after their runs of 2026-12-06, those of holdout_variants_18.py, holdout_variants_19.py and
# holdout_variants_20.py after their runs of 2026-12-07. The held-out split's own variants are those
# of holdout_variants_21.py, holdout_variants_22.py, holdout_variants_23.py, holdout_variants_24.py and
# holdout_variants_25.py; each table lists them last, so dev's lists (held-out ones left out) are what
# they were.
HOLDOUT_LAYOUTS: frozenset[str] = (frozenset(hv21.LAYOUTS) | frozenset(hv22.LAYOUTS) | frozenset(hv23.LAYOUTS)
    | frozenset(hv24.LAYOUTS) | frozenset(hv25.LAYOUTS))
# Layouts that write no 单位类型 (then applicant_type is not scored).
NO_TYPE_LAYOUTS = frozenset({"kv_lines", "inline_cells"})

CHECKBOXES: dict[str, str] = {
    "ballot": "☑ chosen / □ others",
    "square": "■ chosen / □ others",
    "tick_replace": "√ replaces the □ of the chosen item",
    "tick_paren": "学术交流（√）  学会服务站建设（  ）",
    "v_letter": "[V] chosen / [ ] others (a V typed into brackets)",
    "wingdings": "Wingdings symbols (w:sym F0FE checked, F0A8 unchecked) as Word's Insert Symbol writes",
    "content_control": "Word checkbox content controls (w14:checkbox ☒/☐)",
    "bold_chosen": "no marks: the chosen option in bold (Word formats only)",
    "underline_chosen": "no marks: the chosen option underlined (Word formats only)",
    "text_only": "only the chosen item is written",
    "circle": "● chosen / ○ others",
    **hv.CHECKBOXES,
    **hv3.CHECKBOXES,
    **hv4.CHECKBOXES,
    **hv5.CHECKBOXES,
    **hv6.CHECKBOXES,
    **hv7.CHECKBOXES,
    **hv8.CHECKBOXES,
    **hv9.CHECKBOXES,
    **hv10.CHECKBOXES,
    **hv11.CHECKBOXES,
    **hv12.CHECKBOXES,
    **hv13.CHECKBOXES,
    **hv14.CHECKBOXES,
    **hv15.CHECKBOXES,
    **hv16.CHECKBOXES,
    **hv17.CHECKBOXES,
    **hv18.CHECKBOXES,
    **hv19.CHECKBOXES,
    **hv20.CHECKBOXES,
    **hv21.CHECKBOXES,
    **hv22.CHECKBOXES,
    **hv23.CHECKBOXES,
    **hv24.CHECKBOXES,
    **hv25.CHECKBOXES,
}
HOLDOUT_CHECKBOXES: frozenset[str] = (frozenset(hv21.CHECKBOXES) | frozenset(hv22.CHECKBOXES) | frozenset(hv23.CHECKBOXES)
    | frozenset(hv24.CHECKBOXES) | frozenset(hv25.CHECKBOXES))
WORD_ONLY_CHECKBOXES = frozenset({"bold_chosen", "underline_chosen", "content_control", "wingdings"}
                                 | hv.WORD_ONLY_CHECKBOXES | hv3.WORD_ONLY_CHECKBOXES | hv4.WORD_ONLY_CHECKBOXES
                                 | hv5.WORD_ONLY_CHECKBOXES | hv6.WORD_ONLY_CHECKBOXES | hv9.WORD_ONLY_CHECKBOXES
                                 | hv10.WORD_ONLY_CHECKBOXES | hv11.WORD_ONLY_CHECKBOXES | hv12.WORD_ONLY_CHECKBOXES
                                 | hv13.WORD_ONLY_CHECKBOXES | hv14.WORD_ONLY_CHECKBOXES | hv15.WORD_ONLY_CHECKBOXES
                                 | hv16.WORD_ONLY_CHECKBOXES | hv17.WORD_ONLY_CHECKBOXES)
# Encodings LibreOffice does not carry into .doc or PDF: for files sent as .docx only.
OOXML_ONLY_CHECKBOXES = (hv6.OOXML_ONLY_CHECKBOXES | hv11.OOXML_ONLY_CHECKBOXES | hv12.OOXML_ONLY_CHECKBOXES
                         | hv15.OOXML_ONLY_CHECKBOXES)

FUNDINGS: dict[str, str] = {
    "wan": "8万元", "bare": "8 (unit in the label)", "decimal": "8.0 (unit in the label)", "yuan": "80000元",
    "yuan_comma": "80,000元", "rmb": "￥80,000.00", "daxie": "捌万元整", "both": "捌万元整（￥80,000.00）",
    "wan_paren": "8（万元）", "renminbi": "人民币8万元", "daxie_xiaoxie": "大写：捌万元整　小写：80000元",
    **hv.FUNDINGS,
    **hv3.FUNDINGS,
    **hv4.FUNDINGS,
    **hv5.FUNDINGS,
    **hv6.FUNDINGS,
    **hv7.FUNDINGS,
    **hv8.FUNDINGS,
    **hv9.FUNDINGS,
    **hv10.FUNDINGS,
    **hv11.FUNDINGS,
    **hv12.FUNDINGS,
    **hv13.FUNDINGS,
    **hv14.FUNDINGS,
    **hv15.FUNDINGS,
    **hv16.FUNDINGS,
    **hv17.FUNDINGS,
    **hv18.FUNDINGS,
    **hv19.FUNDINGS,
    **hv20.FUNDINGS,
    **hv21.FUNDINGS,
    **hv22.FUNDINGS,
    **hv23.FUNDINGS,
    **hv24.FUNDINGS,
    **hv25.FUNDINGS,
}
HOLDOUT_FUNDINGS: frozenset[str] = (frozenset(hv21.FUNDINGS) | frozenset(hv22.FUNDINGS) | frozenset(hv23.FUNDINGS)
    | frozenset(hv24.FUNDINGS) | frozenset(hv25.FUNDINGS))
# Amounts in 元 whose unit is in the label only.
YUAN_LABEL_FUNDINGS = hv5.YUAN_LABEL_FUNDINGS | hv11.YUAN_LABEL_FUNDINGS

DATES: dict[str, str] = {
    "cn_month": "2024年3月—2024年12月", "dot_month": "2024.03-2024.12", "slash_day": "2024/3/1至2024/12/31",
    "cn_day": "2024年3月1日至2024年12月31日", "dash_month": "2024-03～2024-12",
    "from_to": "自2024年3月起至2024年12月止", "range_short": "2024年3月-12月 (end year implied)",
    **hv.DATES,
    **hv3.DATES,
    **hv4.DATES,
    **hv5.DATES,
    **hv6.DATES,
    **hv7.DATES,
    **hv8.DATES,
    **hv9.DATES,
    **hv10.DATES,
    **hv11.DATES,
    **hv12.DATES,
    **hv13.DATES,
    **hv14.DATES,
    **hv15.DATES,
    **hv16.DATES,
    **hv17.DATES,
    **hv18.DATES,
    **hv19.DATES,
    **hv20.DATES,
    **hv21.DATES,
    **hv22.DATES,
    **hv23.DATES,
    **hv24.DATES,
    **hv25.DATES,
}
HOLDOUT_DATES: frozenset[str] = (frozenset(hv21.DATES) | frozenset(hv22.DATES) | frozenset(hv23.DATES)
    | frozenset(hv24.DATES) | frozenset(hv25.DATES))
DAY_DATES = (frozenset({"slash_day", "cn_day"}) | hv3.DAY_DATES | hv4.DAY_DATES | hv5.DAY_DATES | hv6.DAY_DATES
             | hv7.DAY_DATES | hv8.DAY_DATES | hv9.DAY_DATES | hv10.DAY_DATES | hv11.DAY_DATES | hv12.DAY_DATES
             | hv13.DAY_DATES | hv14.DAY_DATES | hv15.DAY_DATES | hv16.DAY_DATES | hv17.DAY_DATES
             | hv18.DAY_DATES | hv19.DAY_DATES | hv20.DAY_DATES | hv21.DAY_DATES | hv22.DAY_DATES
             | hv23.DAY_DATES | hv24.DAY_DATES | hv25.DAY_DATES)

NAME_DECOS = ("plain", "plain", "post_paren", "post_space", "spaced")
ORG_DECOS = ("plain", "plain", "seal", "gongzhang")
DECORATIONS: dict[str, str] = {**hv.DEV_DECORATIONS, **hv.DECORATIONS, **hv3.DECORATIONS, **hv4.DECORATIONS,
                               **hv5.DECORATIONS, **hv6.DECORATIONS, **hv7.DECORATIONS, **hv8.DECORATIONS,
                               **hv9.DECORATIONS, **hv10.DECORATIONS, **hv11.DECORATIONS, **hv12.DECORATIONS,
                               **hv13.DECORATIONS, **hv14.DECORATIONS, **hv15.DECORATIONS,
                               **hv16.DECORATIONS, **hv17.DECORATIONS, **hv18.DECORATIONS,
                               **hv19.DECORATIONS, **hv20.DECORATIONS, **hv21.DECORATIONS,
                               **hv22.DECORATIONS, **hv23.DECORATIONS, **hv24.DECORATIONS,
                               **hv25.DECORATIONS}
HOLDOUT_DECORATIONS: frozenset[str] = (frozenset(hv21.DECORATIONS) | frozenset(hv22.DECORATIONS) | frozenset(hv23.DECORATIONS)
    | frozenset(hv24.DECORATIONS) | frozenset(hv25.DECORATIONS))


@dataclass(frozen=True)
class App:
    """The clean values of one application (what the truth says)."""

    aid: str
    project_name: str
    subcategory: str
    applicant_org: str
    applicant_type: str
    leader_name: str
    leader_post: str
    leader_phone: str | None
    contact_name: str
    contact_phone: str | None
    contact_email: str | None
    funding_wan: float
    start: date
    end: date
    approval_text: str
    city_review_text: str
    partners: tuple[str, ...] = ()
    roles_stated: bool = True
    self_raised_wan: float = 0.0
    address: str = ""
    postcode: str = "410000"
    content: tuple[str, ...] = ()
    members: tuple[tuple[str, str, str], ...] = ()  # extra team members: (name, post, phone)

    @property
    def category(self) -> str:
        return next(c for c, items in CATEGORY_ITEMS.items() if self.subcategory in items)


@dataclass(frozen=True)
class Look:
    layout: str
    checkbox: str
    funding: str
    dates: str
    name_deco: str = "plain"
    org_deco: str = "plain"
    half_colon: bool = False
    cover: bool = True  # cover page + 填报说明 before the tables
    footnotes: bool = False
    decorations: tuple[str, ...] = field(default_factory=tuple)  # every decoration, as the tags name them
    value_decos: tuple[str, ...] = ()  # those of holdout_variants*.DECORATIONS among them


# ---------------------------------------------------------------------------- values as typed

_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def daxie(wan: float) -> str:
    """An amount in 万元 as 大写 (捌万元整, 柒万伍仟元整, 贰拾伍万元整)."""
    yuan = round(wan * 10000)
    w, rest = divmod(yuan, 10000)
    out = ""
    if w:
        tens, ones = divmod(w, 10)
        if tens:
            out += ("" if tens == 1 and False else _DIGITS[tens]) + "拾"
        if ones:
            out += _DIGITS[ones]
        out += "万"
    q, rest = divmod(rest, 1000)
    b, rest = divmod(rest, 100)
    if q:
        out += _DIGITS[q] + "仟"
    if b:
        out += ("零" if not q and w else "") + _DIGITS[b] + "佰"
    return out + "元整"


def wan_str(wan: float) -> str:
    return f"{wan:g}" if wan == int(wan) else f"{wan:.1f}".rstrip("0").rstrip(".")


def funding_text(wan: float, style: str) -> str:
    yuan = round(wan * 10000)
    return {
        "wan": f"{wan_str(wan)}万元",
        "bare": wan_str(wan),
        "decimal": f"{wan:.1f}",
        "yuan": f"{yuan}元",
        "yuan_comma": f"{yuan:,}元",
        "rmb": f"￥{yuan:,.2f}",
        "daxie": daxie(wan),
        "both": f"{daxie(wan)}（￥{yuan:,.2f}）",
        "wan_paren": f"{wan_str(wan)}（万元）",
        "renminbi": f"人民币{wan_str(wan)}万元",
        "daxie_xiaoxie": f"大写：{daxie(wan)}　小写：{yuan}元",
    }[style]


def funding_label(style: str) -> str:
    if style in YUAN_LABEL_FUNDINGS:
        return "申请经费（元）"
    return "申请经费（万元）" if style in ("bare", "decimal") or style in hv13.WAN_LABEL_FUNDINGS else "申请经费"


def _ym(d: date, style: str) -> str:
    if style == "dot_month":
        return f"{d.year}.{d.month:02d}"
    if style == "dash_month":
        return f"{d.year}-{d.month:02d}"
    if style == "slash_day":
        return f"{d.year}/{d.month}/{d.day}"
    if style == "cn_day":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.year}年{d.month}月"


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "cn_month":
        return f"{_ym(s, style)}—{_ym(e, style)}"
    if style == "dot_month":
        return f"{_ym(s, style)}-{_ym(e, style)}"
    if style == "dash_month":
        return f"{_ym(s, style)}～{_ym(e, style)}"
    if style in ("slash_day", "cn_day"):
        return f"{_ym(s, style)}至{_ym(e, style)}"
    if style == "from_to":
        return f"自{_ym(s, style)}起至{_ym(e, style)}止"
    # range_short: the end's year is left out when it is the start's year.
    if s.year == e.year:
        return f"{s.year}年{s.month}月-{e.month}月"
    return f"{_ym(s, 'cn_month')}-{_ym(e, 'cn_month')}"


def name_text(name: str, post: str, deco: str) -> str:
    if deco == "post_paren":
        return f"{name}（{post}）"
    if deco == "post_space":
        return f"{name}　{post}"
    if deco == "spaced" and len(name) == 2:
        return f"{name[0]}　{name[1]}"
    return name


def org_text(org: str, deco: str) -> str:
    return {"seal": f"{org}（盖章）", "gongzhang": f"{org}(公章)"}.get(deco, org)


def _opt(chosen: bool, label: str, style: str) -> str:
    if style == "ballot":
        return f"{'☑' if chosen else '□'}{label}"
    if style == "square":
        return f"{'■' if chosen else '□'}{label}"
    if style == "circle":
        return f"{'●' if chosen else '○'}{label}"
    if style == "tick_replace":
        return f"{'√' if chosen else '□'}{label}"
    if style == "tick_paren":
        return f"{label}（√）" if chosen else f"{label}（  ）"
    if style == "v_letter":
        return f"[{'V' if chosen else ' '}]{label}"
    if style == "wingdings":
        return f"[wd:{'F0FE' if chosen else 'F0A8'}]{label}"
    if style == "content_control":
        return f"[cb:{1 if chosen else 0}]{label}"
    if style == "bold_chosen":
        return f"[b]{label}[/b]" if chosen else label
    if style == "underline_chosen":
        return f"[u]{label}[/u]" if chosen else label
    if style in hv3.CHECKBOXES:
        return hv3.option_text(chosen, label, style)
    if style in hv4.CHECKBOXES:
        return hv4.option_text(chosen, label, style)
    if style in hv5.CHECKBOXES:
        return hv5.option_text(chosen, label, style)
    if style in hv6.CHECKBOXES:
        return hv6.option_text(chosen, label, style)
    if style in hv7.CHECKBOXES:
        return hv7.option_text(chosen, label, style)
    if style in hv8.CHECKBOXES:
        return hv8.option_text(chosen, label, style)
    if style in hv9.CHECKBOXES:
        return hv9.option_text(chosen, label, style)
    if style in hv10.CHECKBOXES:
        return hv10.option_text(chosen, label, style)
    if style in hv11.CHECKBOXES:
        return hv11.option_text(chosen, label, style)
    if style in hv12.CHECKBOXES:
        return hv12.option_text(chosen, label, style)
    if style in hv13.CHECKBOXES:
        return hv13.option_text(chosen, label, style)
    if style in hv14.CHECKBOXES:
        return hv14.option_text(chosen, label, style)
    if style in hv15.CHECKBOXES:
        return hv15.option_text(chosen, label, style)
    if style in hv16.CHECKBOXES:
        return hv16.option_text(chosen, label, style)
    if style in hv17.CHECKBOXES:
        return hv17.option_text(chosen, label, style)
    if style in hv18.CHECKBOXES:
        return hv18.option_text(chosen, label, style)
    if style in hv19.CHECKBOXES:
        return hv19.option_text(chosen, label, style)
    if style in hv20.CHECKBOXES:
        return hv20.option_text(chosen, label, style)
    if style in hv21.CHECKBOXES:
        return hv21.option_text(chosen, label, style)
    if style in hv22.CHECKBOXES:
        return hv22.option_text(chosen, label, style)
    if style in hv23.CHECKBOXES:
        return hv23.option_text(chosen, label, style)
    if style in hv24.CHECKBOXES:
        return hv24.option_text(chosen, label, style)
    if style in hv25.CHECKBOXES:
        return hv25.option_text(chosen, label, style)
    return hv.option_text(chosen, label, style)


def category_text(app: App, style: str) -> str:
    if style == "text_only":
        return f"{app.category}—{app.subcategory}"
    if style in hv3.CHECKBOXES:
        return hv3.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv5.LIST_CHECKBOXES:
        return hv5.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv6.LIST_CHECKBOXES:
        return hv6.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv7.LIST_CHECKBOXES:
        return hv7.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv8.LIST_CHECKBOXES:
        return hv8.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv9.LIST_CHECKBOXES:
        return hv9.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv12.LIST_CHECKBOXES:
        return hv12.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv16.LIST_CHECKBOXES:
        return hv16.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv17.LIST_CHECKBOXES:
        return hv17.category_text(CATEGORY_ITEMS, app.subcategory, style)
    if style in hv18.LIST_CHECKBOXES:
        return hv18.category_text(CATEGORY_ITEMS, app.subcategory, style)
    lines: list[str] = []
    for category, items in CATEGORY_ITEMS.items():
        lines.append(f"{category}：")
        lines.append("  ".join(_opt(i == app.subcategory, i, style) for i in items))
    return "\n".join(lines)


def type_text(app: App, style: str) -> str:
    if style == "text_only":
        return app.applicant_type
    if style in hv3.CHECKBOXES:
        return hv3.options_text(TYPES, app.applicant_type, style)
    if style in hv5.LIST_CHECKBOXES:
        return hv5.options_text(TYPES, app.applicant_type, style)
    if style in hv6.LIST_CHECKBOXES:
        return hv6.options_text(TYPES, app.applicant_type, style)
    if style in hv7.LIST_CHECKBOXES:
        return hv7.options_text(TYPES, app.applicant_type, style)
    if style in hv8.LIST_CHECKBOXES:
        return hv8.options_text(TYPES, app.applicant_type, style)
    if style in hv9.LIST_CHECKBOXES:
        return hv9.options_text(TYPES, app.applicant_type, style)
    if style in hv12.LIST_CHECKBOXES:
        return hv12.options_text(TYPES, app.applicant_type, style)
    if style in hv16.LIST_CHECKBOXES:
        return hv16.options_text(TYPES, app.applicant_type, style)
    if style in hv17.LIST_CHECKBOXES:
        return hv17.options_text(TYPES, app.applicant_type, style)
    if style in hv18.LIST_CHECKBOXES:
        return hv18.options_text(TYPES, app.applicant_type, style)
    return "  ".join(_opt(t == app.applicant_type, t, style) for t in TYPES)


def joint_text(app: App) -> str:
    if not app.partners:
        return ""
    if app.roles_stated:
        return f"牵头单位：{app.applicant_org}；参与单位：{'、'.join(app.partners)}"
    return f"{'、'.join((app.applicant_org, *app.partners))}"


# ---------------------------------------------------------------------------- the document

_INSTRUCTIONS = (
    "1.申报书各栏目须如实填写，不能表述清楚的部分可另加附页。",
    "2.“项目类别”只能选择一项，请在对应选项上标记。",
    "3.申请经费以万元为单位；经费预算合计须与申请经费一致。",
    "4.两个以上单位联合申报的，须注明牵头单位和参与单位。",
    "5.企业（园区）科协、民非组织及其他单位须经所在地市州科协审核。",
)


def typed_funding(app: App, style: str) -> str:
    if style in hv3.FUNDINGS:
        return hv3.funding_text(app, style)
    if style in hv4.FUNDINGS:
        return hv4.funding_text(app, style)
    if style in hv.FUNDINGS:
        return hv.funding_text(app, style)
    if style in hv5.FUNDINGS:
        return hv5.funding_text(app, style)
    if style in hv6.FUNDINGS:
        return hv6.funding_text(app, style)
    if style in hv7.FUNDINGS:
        return hv7.funding_text(app, style)
    if style in hv8.FUNDINGS:
        return hv8.funding_text(app, style)
    if style in hv9.FUNDINGS:
        return hv9.funding_text(app, style)
    if style in hv10.FUNDINGS:
        return hv10.funding_text(app, style)
    if style in hv11.FUNDINGS:
        return hv11.funding_text(app, style)
    if style in hv12.FUNDINGS:
        return hv12.funding_text(app, style)
    if style in hv13.FUNDINGS:
        return hv13.funding_text(app, style)
    if style in hv14.FUNDINGS:
        return hv14.funding_text(app, style)
    if style in hv15.FUNDINGS:
        return hv15.funding_text(app, style)
    if style in hv16.FUNDINGS:
        return hv16.funding_text(app, style)
    if style in hv17.FUNDINGS:
        return hv17.funding_text(app, style)
    if style in hv18.FUNDINGS:
        return hv18.funding_text(app, style)
    if style in hv19.FUNDINGS:
        return hv19.funding_text(app, style)
    if style in hv20.FUNDINGS:
        return hv20.funding_text(app, style)
    if style in hv21.FUNDINGS:
        return hv21.funding_text(app, style)
    return funding_text(app.funding_wan, style)


class _V:
    """The typed strings of one app under one look."""

    def __init__(self, app: App, look: Look) -> None:
        self.app, self.look = app, look
        colon = ":" if look.half_colon else "："
        self.colon = colon
        decos = look.value_decos
        leader = app.leader_name if look.name_deco != "plain" else hv4.gap_name(app.leader_name, decos)
        self.project = hv7.commented("project", hv6.hinted("project", hv5.project_text(hv6.project_text(
            app.project_name, decos), decos), decos), decos)
        self.name = hv6.hinted("leader", hv.name_text(name_text(leader, app.leader_post, look.name_deco), decos), decos)
        self.contact = hv3.contact_text(hv4.gap_name(app.contact_name, decos), decos)
        self.org = hv6.org_text(org_text(hv3.org_text(app, decos), look.org_deco), app.applicant_org, decos)
        if "org_linebreak" in decos:
            self.org = self.org.replace(app.applicant_org, hv4.broken_org(app.applicant_org), 1)
        self.org = hv6.hinted("org", hv5.sealed(self.org, app.applicant_org, decos), decos)
        self.leader_phone = hv6.hinted("phone", hv7.phone_text(app.leader_phone, decos, hv5.phone_text(
            app.leader_phone, decos, hv4.phone_text(app.leader_phone, decos, hv3.phone_text(
                app.leader_phone, decos, hv.phone_text(app.leader_phone, decos))))), decos)
        self.contact_phone = hv7.phone_text(app.contact_phone, decos, hv5.phone_text(app.contact_phone, decos, hv4.phone_text(
            app.contact_phone, decos, hv3.phone_text(app.contact_phone, decos, hv.phone_text(app.contact_phone, decos)))))
        self.email = hv6.email_text(app.contact_email, decos, hv5.email_text(app.contact_email, decos, hv.email_text(
            app.contact_email, decos)))
        self.funding = typed_funding(app, look.funding)
        if "funding_revised" in decos:
            earlier = replace(app, funding_wan=hv4.earlier_funding(app.funding_wan))
            self.funding = hv4.revised(self.funding, typed_funding(earlier, look.funding))
        self.funding = hv7.commented("funding", self.funding, decos)
        self.funding_label = funding_label(look.funding) + ("①" if look.footnotes else "")
        if look.dates in hv3.DATES:
            self.period = hv3.period_text(app, look.dates)
        elif look.dates in hv4.DATES:
            self.period = hv4.period_text(app, look.dates)
        elif look.dates in hv5.DATES:
            self.period = hv5.period_text(app, look.dates)
        elif look.dates in hv6.DATES:
            self.period = hv6.period_text(app, look.dates)
        elif look.dates in hv7.DATES:
            self.period = hv7.period_text(app, look.dates)
        elif look.dates in hv8.DATES:
            self.period = hv8.period_text(app, look.dates)
        elif look.dates in hv9.DATES:
            self.period = hv9.period_text(app, look.dates)
        elif look.dates in hv10.DATES:
            self.period = hv10.period_text(app, look.dates)
        elif look.dates in hv11.DATES:
            self.period = hv11.period_text(app, look.dates)
        elif look.dates in hv12.DATES:
            self.period = hv12.period_text(app, look.dates)
        elif look.dates in hv13.DATES:
            self.period = hv13.period_text(app, look.dates)
        elif look.dates in hv14.DATES:
            self.period = hv14.period_text(app, look.dates)
        elif look.dates in hv15.DATES:
            self.period = hv15.period_text(app, look.dates)
        elif look.dates in hv16.DATES:
            self.period = hv16.period_text(app, look.dates)
        elif look.dates in hv17.DATES:
            self.period = hv17.period_text(app, look.dates)
        elif look.dates in hv18.DATES:
            self.period = hv18.period_text(app, look.dates)
        elif look.dates in hv19.DATES:
            self.period = hv19.period_text(app, look.dates)
        elif look.dates in hv20.DATES:
            self.period = hv20.period_text(app, look.dates)
        elif look.dates in hv21.DATES:
            self.period = hv21.period_text(app, look.dates)
        elif look.dates in hv22.DATES:
            self.period = hv22.period_text(app, look.dates)
        elif look.dates in hv23.DATES:
            self.period = hv23.period_text(app, look.dates)
        elif look.dates in hv24.DATES:
            self.period = hv24.period_text(app, look.dates)
        elif look.dates in hv25.DATES:
            self.period = hv25.period_text(app, look.dates)
        elif look.dates in hv.DATES:
            self.period = hv.period_text(app, look.dates)
        else:
            self.period = period_text(app, look.dates)
        self.category = category_text(app, look.checkbox)
        self.type = type_text(app, look.checkbox)
        self.joint = joint_text(app)
        self.joint_label = "联合申报" if app.roles_stated else "联合申报单位"
        self.project = hv8.value_text("project", self.project, decos)
        self.org = hv8.value_text("org", self.org, decos)
        self.name = hv8.value_text("leader", self.name, decos)
        self.contact = hv8.value_text("contact", self.contact, decos)
        self.email = hv8.email_text(app.contact_email, app.contact_name, decos, self.email)
        self.leader_phone = hv9.phone_text(app.leader_phone, self.leader_phone, decos, leader=True)
        self.contact_phone = hv9.phone_text(app.contact_phone, self.contact_phone, decos, leader=False)
        self.email = hv9.email_text(app.contact_email, self.email, decos)
        self.project = hv10.value_text("project", self.project, decos)
        self.org = hv10.value_text("org", self.org, decos)
        self.name = hv10.value_text("leader", self.name, decos)
        self.leader_phone = hv10.value_text("phone", self.leader_phone, decos)
        self.funding = hv10.value_text("funding", self.funding, decos)
        self.email = hv11.email_text(app.contact_email, self.email, decos)
        self.leader_phone = hv11.empty_text(self.leader_phone, decos, app.aid)
        self.contact_phone = hv11.empty_text(self.contact_phone, decos, app.aid)
        self.email = hv11.empty_text(self.email, decos, app.aid)
        if not self.joint and "wu_for_empty" in decos:  # the template's 联合申报单位 row, answered
            self.joint, self.joint_label = hv11.empty_text("", decos, app.aid), "联合申报单位"
        # The twelfth set's (on both splits since its held-out run).
        if "contact_ditto" in decos and app.contact_name == app.leader_name:
            self.contact = hv12.ditto_name(app.aid)
            if app.contact_phone and app.contact_phone == app.leader_phone:
                self.contact_phone = hv12.ditto_phone(app.aid, self.contact_phone)
        if "post_before_name" in decos:
            self.name = hv12.post_name(app, self.name)
        if "squeezed_text" in decos:
            self.project, self.org = hv12.squeezed(self.project), hv12.squeezed(self.org)
        if "struck_old_value" in decos:
            last_round = replace(app, funding_wan=hv4.earlier_funding(app.funding_wan))
            self.funding = hv12.struck(typed_funding(last_round, look.funding), self.funding)
        # The thirteenth set's (on both splits since its held-out run).
        self.leader_phone = hv13.phone_text(app.leader_phone, self.leader_phone, decos, app.aid, contact=False)
        self.contact_phone = hv13.phone_text(app.contact_phone, self.contact_phone, decos, app.aid + "-c", contact=True)
        self.email = hv13.email_text(app.contact_email, self.email, decos)
        self.org = hv13.org_text(app.applicant_org, self.org, decos)
        self.name = hv13.name_text(app, self.name, decos)
        # The fourteenth set's (on both splits since its held-out run).
        self.project = hv14.project_text(app, self.project, decos)
        self.org = hv14.org_text(app, self.org, decos)
        self.email = hv14.email_text(app.contact_email, self.email, decos)
        self.contact_phone = hv14.phone_text(app, self.contact_phone, decos)
        hv14.tagged(self)
        # The fifteenth set's (on both splits since its held-out run).
        hv15.typed(self)
        # The sixteenth set's (on both splits since its held-out run).
        hv16.typed(self)
        # The seventeenth set's (on both splits since its held-out run).
        hv17.typed(self)
        # The eighteenth set's (on both splits since its held-out run).
        hv18.typed(self)
        # The nineteenth set's (on both splits since its held-out run).
        hv19.typed(self)
        # The twentieth set's (on both splits since its held-out run).
        hv20.typed(self)
        # The twenty-first set's (held-out only: dev never draws one of them).
        hv21.typed(self)
        # The twenty-second set's (held-out only too, after the twenty-first's).
        hv22.typed(self)
        # The twenty-third set's (held-out only too, after the twenty-second's).
        hv23.typed(self)
        # The twenty-fourth set's (held-out only too, after the twenty-third's).
        hv24.typed(self)
        # The twenty-fifth set's (held-out only too, after the twenty-fourth's).
        hv25.typed(self)


def _spaced(label: str, how: str) -> str:
    if how == "half":
        return " ".join(label)
    if how == "full":
        return "　".join(label) if len(label) <= 5 else label
    return label


def _basic(v: _V) -> tuple[Block, ...]:
    app, look, layout = v.app, v.look, v.look.layout
    c = v.colon
    if layout == "header_row":
        rows: list[tuple[Cell, ...]] = [
            (Cell("项目名称", 2, shade=True), Cell("项目类别", 2, shade=True)),
            (Cell(v.project, 2), Cell(v.category, 2)),
            (Cell("申报单位", 2, shade=True), Cell("单位类型", 2, shade=True)),
            (Cell(v.org, 2), Cell(v.type, 2)),
        ]
        if v.joint:
            rows += [(Cell(v.joint_label, 4, shade=True),), (Cell(v.joint, 4),)]
        rows += [
            (Cell("项目负责人", shade=True), Cell("负责人手机", shade=True), Cell("联系人", shade=True),
             Cell("联系人电话", shade=True)),
            (Cell(v.name), Cell(v.leader_phone), Cell(v.contact), Cell(v.contact_phone)),
            (Cell("电子邮箱", shade=True), Cell("通讯地址", shade=True), Cell(v.funding_label, shade=True),
             Cell("起止时间", shade=True)),
            (Cell(v.email), Cell(app.address), Cell(v.funding), Cell(v.period)),
        ]
        return (Table((1.0, 1.0, 1.0, 1.2), tuple(rows)),)
    if layout == "alt_cols":
        total = app.funding_wan + app.self_raised_wan
        rows = [
            (Cell("项目名称"), Cell(v.project, 5)),
            (Cell("申报单位"), Cell(v.org, 3), Cell("邮编"), Cell(app.postcode)),
            (Cell("单位类型"), Cell(v.type, 5)),
            (Cell("项目类别"), Cell(v.category, 5)),
        ]
        if v.joint:
            rows.append((Cell(v.joint_label), Cell(v.joint, 5)))
        rows += [
            (Cell("负责人"), Cell(v.name), Cell("职务"), Cell(app.leader_post), Cell("手机"), Cell(v.leader_phone)),
            (Cell("联系人"), Cell(v.contact), Cell("电话"), Cell(v.contact_phone), Cell("邮箱"),
             Cell(v.email)),
            (Cell("项目总经费（万元）"), Cell(wan_str(total)), Cell("申请省科协资助（万元）"),
             Cell(wan_str(app.funding_wan)), Cell("自筹（万元）"), Cell(wan_str(app.self_raised_wan))),
            (Cell("实施周期"), Cell(v.period, 5)),
        ]
        return (Table((1.1, 1.3, 1.1, 1.1, 0.9, 1.5), tuple(rows)),)
    if layout == "numbered_paras":
        items = [("项目名称", v.project), ("申报单位", v.org), ("单位类型", v.type),
                 ("项目类别", v.category.replace("\n", " "))]
        if v.joint:
            items.append((v.joint_label, v.joint))
        items += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
                  ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
                  ("实施期限", v.period)]
        nums = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三")
        lines: list[str] = []
        pending = ""
        for i, (k, val) in enumerate(items):
            text = f"（{nums[i]}）{k}{c}{val}"
            # Short people/phone items are often typed two to a line.
            if k in ("项目负责人", "项目联系人") and len(val) < 12:
                pending = text
                continue
            if pending:
                text = pending + "　　" + text
                pending = ""
            lines.append(text)
        if pending:
            lines.append(pending)
        return (Para("一、基本信息", "heading"), *(Para(line) for line in lines))
    if layout == "kv_lines":
        lines = [f"项目名称{c}{v.project}", f"项目类别{c}{v.category.replace(chr(10), ' ')}",
                 f"申报单位{c}{v.org}"]
        if v.joint:
            lines.append(f"{v.joint_label}{c}{v.joint}")
        lines += [f"项目负责人{c}{v.name}", f"手机{c}{v.leader_phone}", f"联系人{c}{v.contact}",
                  f"联系电话{c}{v.contact_phone}", f"E-mail{c}{v.email}", f"{v.funding_label}{c}{v.funding}",
                  f"项目起止时间{c}{v.period}", f"通讯地址{c}{app.address}"]
        return (Para("基本信息", "heading"), *(Para(line) for line in lines))
    if layout == "cover_table":
        rows = [(Cell("项目类别"), Cell(v.category)), (Cell("单位类型"), Cell(v.type))]
        if v.joint:
            rows.append((Cell(v.joint_label), Cell(v.joint)))
        rows += [(Cell("联系人"), Cell(v.contact)), (Cell("联系电话"), Cell(v.contact_phone)),
                 (Cell("电子邮箱"), Cell(v.email)), (Cell(v.funding_label), Cell(v.funding)),
                 (Cell("起止时间"), Cell(v.period)), (Cell("通讯地址"), Cell(app.address))]
        return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)))
    if layout == "spaced_2col":
        how = "half" if len(app.aid) % 2 else "full"
        pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位性质", v.type)]
        if v.joint:
            pairs.append((v.joint_label, v.joint))
        pairs += [("负责人", v.name), ("手机", v.leader_phone), ("联系人", v.contact),
                  ("电话", v.contact_phone), ("邮箱", v.email), (funding_label(look.funding), v.funding),
                  ("起止时间", v.period)]
        rows = [(Cell("一、项目基本情况", 2, shade=True),)]
        rows += [(Cell(_spaced(k, how)), Cell(val)) for k, val in pairs]
        return (Table((1.3, 4.2), tuple(rows)),)
    if layout == "merged_grid":
        rows = [(Cell("项目名称", 2), Cell(v.project)), (Cell("项目类别", 2), Cell(v.category)),
                (Cell("申报单位", 2), Cell(v.org)), (Cell("单位类型", 2), Cell(v.type))]
        if v.joint:
            rows.append((Cell(v.joint_label, 2), Cell(v.joint)))
        rows += [
            (Cell("项目负责人", vmerge="restart"), Cell("姓　名"), Cell(v.name)),
            (Cell("", vmerge="continue"), Cell("职　务"), Cell(app.leader_post)),
            (Cell("", vmerge="continue"), Cell("手　机"), Cell(v.leader_phone)),
            (Cell("项目联系人", vmerge="restart"), Cell("姓　名"), Cell(v.contact)),
            (Cell("", vmerge="continue"), Cell("电　话"), Cell(v.contact_phone)),
            (Cell("", vmerge="continue"), Cell("邮　箱"), Cell(v.email)),
            (Cell("经费预算", vmerge="restart"), Cell("申请金额（元）" if look.funding in YUAN_LABEL_FUNDINGS
                                                      else "申请金额"), Cell(v.funding)),
            (Cell("", vmerge="continue"), Cell("其中自筹"), Cell(f"{wan_str(app.self_raised_wan)}万元")),
            (Cell("起止时间", 2), Cell(v.period)),
        ]
        return (Table((1.0, 0.9, 3.6), tuple(rows)),)
    if layout == "people_table":
        rows = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
        if v.joint:
            rows.append((Cell(v.joint_label), Cell(v.joint)))
        rows += [(Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
        people: list[tuple[Cell, ...]] = [
            tuple(Cell(h, shade=True) for h in ("角色", "姓名", "职务/职称", "手机", "电子邮箱")),
            (Cell("负责人"), Cell(v.name), Cell(app.leader_post), Cell(v.leader_phone), Cell("")),
            (Cell("联系人"), Cell(v.contact), Cell("办公室"), Cell(v.contact_phone), Cell(v.email)),
        ]
        people += [(Cell("成员"), Cell(n), Cell(p), Cell(ph), Cell("")) for n, p, ph in app.members]
        return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)),
                Para("项目组主要成员", "heading"), Table((0.8, 1.0, 1.2, 1.4, 1.8), tuple(people)))
    if layout == "split_dates":
        s, e = app.start, app.end
        day = look.dates in DAY_DATES
        sm = f"{s.month}月{s.day}日" if day else f"{s.month}月"
        em = f"{e.month}月{e.day}日" if day else f"{e.month}月"
        rows = [(Cell("项目名称", 2), Cell(v.project, 5)), (Cell("项目类别", 2), Cell(v.category, 5)),
                (Cell("申报单位", 2), Cell(v.org, 5)), (Cell("单位类型", 2), Cell(v.type, 5))]
        if v.joint:
            rows.append((Cell(v.joint_label, 2), Cell(v.joint, 5)))
        rows += [
            (Cell("负责人", 2), Cell(v.name, 2), Cell("手机"), Cell(v.leader_phone, 2)),
            (Cell("联系人", 2), Cell(v.contact, 2), Cell("电话"), Cell(v.contact_phone, 2)),
            (Cell("电子邮箱", 2), Cell(v.email, 5)),
            (Cell(v.funding_label, 2), Cell(v.funding, 5)),
            (Cell("起止时间", 2), Cell(f"{s.year}年"), Cell(sm), Cell("至"), Cell(f"{e.year}年"), Cell(em)),
        ]
        return (Para("一、基本情况", "heading"), Table((0.9, 0.6, 1.0, 1.0, 0.5, 1.0, 1.0), tuple(rows)))
    if layout == "inline_cells":
        rows = [(Cell(f"项目名称{c}{v.project}", 2),), (Cell(f"项目类别{c}{v.category}", 2),),
                (Cell(f"申报单位{c}{v.org}", 2),)]
        if v.joint:
            rows.append((Cell(f"{v.joint_label}{c}{v.joint}", 2),))
        rows += [(Cell(f"项目负责人{c}{v.name}"), Cell(f"手机{c}{v.leader_phone}")),
                 (Cell(f"联系人{c}{v.contact}"), Cell(f"联系电话{c}{v.contact_phone}")),
                 (Cell(f"电子邮箱{c}{v.email}"), Cell(f"邮编{c}{app.postcode}")),
                 (Cell(f"{v.funding_label}{c}{v.funding}"), Cell(f"项目周期{c}{v.period}"))]
        return (Para("一、基本情况", "heading"), Table((1.0, 1.0), tuple(rows)))
    if layout == "vertical":
        pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
        if v.joint:
            pairs.append((v.joint_label, v.joint))
        pairs += [("项目负责人", f"姓名{c}{v.name}　　职务{c}{app.leader_post}　　手机{c}{v.leader_phone}"),
                  ("项目联系人", f"姓名{c}{v.contact}　　电话{c}{v.contact_phone}　　邮箱{c}{v.email}"),
                  (v.funding_label, v.funding), ("项目实施时间", v.period)]
        rows = []
        for k, val in pairs:
            rows += [(Cell(k, shade=True),), (Cell(val),)]
        return (Para("一、基本情况", "heading"), Table((1.0,), tuple(rows)))
    if layout == "cb_matrix":
        mark = {"text_only": "√"}.get(look.checkbox)
        rows = [(Cell("类别", shade=True), Cell("项目", shade=True), Cell("选择", shade=True))]
        for category, its in CATEGORY_ITEMS.items():
            for i, item in enumerate(its):
                chosen = item == app.subcategory
                if mark is not None:
                    sel = mark if chosen else ""
                elif look.checkbox in ("bold_chosen", "underline_chosen") or look.checkbox in (
                        hv3.MARKLESS_CHECKBOXES | hv4.MARKLESS_CHECKBOXES | hv5.MARKLESS_CHECKBOXES
                        | hv6.MARKLESS_CHECKBOXES):
                    sel = "√" if chosen else ""
                else:
                    sel = _opt(chosen, "", look.checkbox)
                rows.append((Cell(category if i == 0 else "", vmerge="restart" if i == 0 else "continue"),
                             Cell(item), Cell(sel)))
        basic = [(Cell("项目名称"), Cell(v.project)), (Cell("申报单位"), Cell(v.org)),
                 (Cell("单位类型"), Cell(v.type))]
        if v.joint:
            basic.append((Cell(v.joint_label), Cell(v.joint)))
        basic += [(Cell("项目负责人"), Cell(v.name)), (Cell("负责人手机"), Cell(v.leader_phone)),
                  (Cell("联系人"), Cell(v.contact)), (Cell("联系人电话"), Cell(v.contact_phone)),
                  (Cell("电子邮箱"), Cell(v.email)), (Cell(v.funding_label), Cell(v.funding)),
                  (Cell("执行期"), Cell(v.period))]
        return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(basic)),
                Para("二、项目类别（限选一项）", "heading"), Table((2.0, 2.4, 0.8), tuple(rows)))
    if layout == "two_tables":
        unit: list[tuple[Cell, ...]] = [(Cell("申报单位②"), Cell(v.org, 3)), (Cell("单位类型"), Cell(v.type, 3))]
        if v.joint:
            unit.append((Cell(v.joint_label), Cell(v.joint, 3)))
        unit += [(Cell("项目负责人"), Cell(v.name), Cell("手机"), Cell(v.leader_phone)),
                 (Cell("联系人"), Cell(v.contact), Cell("联系电话"), Cell(v.contact_phone)),
                 (Cell("电子邮箱"), Cell(v.email, 3))]
        proj = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                (Cell(v.funding_label.rstrip("①") + "①"), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
        return (Para("（一）申报单位信息", "heading"), Table((1.2, 1.6, 1.0, 1.6), tuple(unit)),
                Para("（二）项目信息", "heading"), Table((1.2, 4.0), tuple(proj)),
                Para("注：①指申请省科协资助的经费，不含自筹。②须与公章名称一致。", "note"))
    if look.layout in hv3.LAYOUTS:
        return hv3.basic_blocks(v)
    if look.layout in hv4.LAYOUTS:
        return hv4.basic_blocks(v)
    if look.layout in hv5.LAYOUTS:
        return hv5.basic_blocks(v)
    if look.layout in hv6.LAYOUTS:
        return hv6.basic_blocks(v)
    if look.layout in hv7.LAYOUTS:
        return hv7.basic_blocks(v)
    if look.layout in hv8.LAYOUTS:
        return hv8.basic_blocks(v)
    if look.layout in hv9.LAYOUTS:
        return hv9.basic_blocks(v)
    if look.layout in hv10.LAYOUTS:
        return hv10.basic_blocks(v)
    if look.layout in hv11.LAYOUTS:
        return hv11.basic_blocks(v)
    if look.layout in hv12.LAYOUTS:
        return hv12.basic_blocks(v)
    if look.layout in hv13.LAYOUTS:
        return hv13.basic_blocks(v)
    if look.layout in hv14.LAYOUTS:
        return hv14.basic_blocks(v)
    if look.layout in hv15.LAYOUTS:
        return hv15.basic_blocks(v)
    if look.layout in hv16.LAYOUTS:
        return hv16.basic_blocks(v)
    if look.layout in hv17.LAYOUTS:
        return hv17.basic_blocks(v)
    if look.layout in hv18.LAYOUTS:
        return hv18.basic_blocks(v)
    if look.layout in hv19.LAYOUTS:
        return hv19.basic_blocks(v)
    if look.layout in hv20.LAYOUTS:
        return hv20.basic_blocks(v)
    if look.layout in hv21.LAYOUTS:
        return hv21.basic_blocks(v)
    if look.layout in hv22.LAYOUTS:
        return hv22.basic_blocks(v)
    if look.layout in hv23.LAYOUTS:
        return hv23.basic_blocks(v)
    if look.layout in hv24.LAYOUTS:
        return hv24.basic_blocks(v)
    if look.layout in hv25.LAYOUTS:
        return hv25.basic_blocks(v)
    return hv.basic_blocks(v)


def budget_lines(app: App) -> list[tuple[str, int]]:
    """The budget's lines (支出科目, 元); they add up to the amount applied for."""
    shares = (0.3, 0.25, 0.2, 0.15, 0.1)
    names = ("专家咨询费", "会议会务费", "差旅费", "资料印刷费", "宣传推广费")
    total = round(app.funding_wan * 10000)
    amounts = [round(total * s / 1000) * 1000 for s in shares]
    amounts[-1] = total - sum(amounts[:-1])
    return list(zip(names, amounts))


def _budget(app: App, unit_yuan: bool) -> Table:
    total = round(app.funding_wan * 10000)

    def fmt(y: int) -> str:
        return str(y) if unit_yuan else wan_str(y / 10000)

    rows: list[tuple[Cell, ...]] = [(Cell("序号"), Cell("支出科目"), Cell(f"金额（{'元' if unit_yuan else '万元'}）"),
                                     Cell("测算依据"))]
    rows += [(Cell(str(i)), Cell(n), Cell(fmt(a)), Cell("按实际需要")) for i, (n, a) in enumerate(budget_lines(app), 1)]
    rows.append((Cell("合　计", 2), Cell(fmt(total)), Cell("")))
    return Table((0.6, 2.0, 1.2, 2.0), tuple(rows))


def form_blocks(app: App, look: Look, *, compact: bool = False) -> tuple[Block, ...]:
    """The whole form. `compact` (for scans and photos) leaves out the cover, the
    instructions and the long prose so the form stays at 1–3 pages."""
    v = _V(app, look)
    out: list[Block] = [*hv7.document_blocks(v), *hv9.document_blocks(v, compact)]
    if not compact and look.cover:
        cover: list[Block] = [Para("附件2", "body"), Para("2024年度湖南省科协科技创新服务能力提升计划", "title"),
                              Para("项目申报书", "title"), Para(" ")]
        c = v.colon
        if look.layout == "cover_table":
            cover += [Para(f"项目名称{c}[u]{v.project}[/u]"), Para(f"申报单位（盖章）{c}[u]{app.applicant_org}[/u]"),
                      Para(f"项目负责人{c}[u]{v.name}[/u]"), Para(f"负责人手机{c}[u]{v.leader_phone}[/u]"),
                      Para(f"填报日期{c}[u]2024年4月[/u]")]
        elif look.layout in hv15.COVER_LAYOUTS:  # (the cover's names, the table's are the form's)
            cover += hv15.cover_lines(v)
        elif look.layout in hv16.COVER_LAYOUTS:  # (the cover's values, the table's 同封面)
            cover += hv16.cover_lines(v)
        else:
            cover += [Para(f"申报单位（盖章）{c}____________"), Para(f"填报日期{c}2024年　月　日")]
        cover += [Para("湖南省科学技术协会制", "center"), PageBreak(), Para("填报说明", "title"),
                  *(Para(line) for line in _INSTRUCTIONS), PageBreak()]
        out += [*cover, *hv10.front_blocks(v, compact)]
    else:
        out += hv10.front_blocks(v, compact)
        out.append(Para("2024年度湖南省科协科技创新服务能力提升计划项目申报书", "title"))
        if look.layout == "cover_table":
            c = v.colon
            out += [Para(f"项目名称{c}[u]{v.project}[/u]"), Para(f"申报单位（盖章）{c}[u]{app.applicant_org}[/u]"),
                    Para(f"项目负责人{c}[u]{v.name}[/u]　　手机{c}[u]{v.leader_phone}[/u]")]
        elif look.layout in hv15.COVER_LAYOUTS:
            out += hv15.cover_lines(v)
        elif look.layout in hv16.COVER_LAYOUTS:
            out += hv16.cover_lines(v)
    if look.layout in hv14.WHOLE_FORM_LAYOUTS:  # the form after its cover one table
        return hv17.finished(app, look, (*out, *hv7.unit_note(v), *hv17.unit_note(v),
                                         *hv14.after_basic(v, hv14.whole_form(v, compact)), *hv10.tail_blocks(v),
                                         *hv12.tail_blocks(v)))
    out += [*hv7.unit_note(v), *hv17.unit_note(v), *hv14.after_basic(v, _basic(v))]
    if not compact:
        out += [Para("二、项目主要内容", "heading"), Table((1.0,), ((Cell("\n".join(app.content)),),))]
    # A layout may name the team (and its leader) in a table of its own, after the content.
    out += list(hv5.team_blocks(v))
    if not compact:
        unit_yuan = look.funding in ("yuan", "yuan_comma") or look.funding in YUAN_LABEL_FUNDINGS \
            or look.funding in hv17.YUAN_NOTE_FUNDINGS
        out += [Para("三、经费预算", "heading"), _budget(app, unit_yuan)]
    approval = "\n".join((app.approval_text, "", "负责人（签字）：", "（单位盖章）", "2024年4月　日"))
    review = "\n".join((app.city_review_text or " ", "", "（市州科协盖章）", "年　月　日"))
    out += [Para("四、申报单位意见", "heading"), Table((1.0,), ((Cell(approval),),)),
            Para("五、市州科协审核意见", "heading"), Table((1.0,), ((Cell(review),),)), *hv10.tail_blocks(v),
            *hv12.tail_blocks(v)]
    return hv17.finished(app, look, tuple(out))


# The digits of draw_variant's number that place the twenty-third set's variants (below the
# twenty-first set's at 2**20/2**36 and the twenty-second set's at 2**24/2**40).
_HV23_DIGITS = (33, 47)


def draw_variant(rng: random.Random, options: list[str], holdout_only: frozenset[str], holdout: bool,
                 weights: dict[str, float] | None = None, key: str = "") -> str:
    """One of `options`. Dev draws exactly as it always has (its corpora stay the same);
    held-out weighs its own variants up (holdout_variants_21.weight, holdout_variants_22.weight,
    holdout_variants_23.weight, holdout_variants_24.weight, holdout_variants_25.weight) so each is seen
    often. `key` names the application and what is drawn (the twenty-fourth and twenty-fifth sets'
    places are hashes of it)."""
    if not holdout and weights is None:
        return rng.choice(options)
    # The options every split draws are drawn as rng.choices draws them (one number of the plan's
    # generator), so a held-out plan's draws are what they were before its own sets were written; the
    # same number's lower digits then put one of the twenty-first set's own variants in their place,
    # at that set's share of the weights, and lower digits still one of the twenty-second set's in
    # the place of a draw of the options every split draws, at its share (so a held-out plan's draws,
    # the twenty-first set's among them, are what they were before the twenty-second set too, where
    # none of its variants takes their place); lower digits still (_HV23_DIGITS: (r * 2**33) % 1, (r * 2**47) % 1)
    # one of the twenty-third set's in the place of a draw of the options every split draws that
    # neither earlier held-out set took, at its share (the twenty-first and twenty-second sets' draws
    # stay what they were). The twenty-fourth set's take the place of a draw of an option of no set from
    # the third to the twenty-third (hv24.TAKEN_FROM: those sets' draws all stay), at their share of
    # those, by numbers hashed from `key` and the draw's number (hv24.draw_numbers: no digit of the
    # number an earlier set reads, and no precision run out). The twenty-fifth set's, after them, take
    # the place of a draw of an option of no set from the third to the twenty-fourth (hv25.TAKEN_FROM),
    # at their share of those, by numbers hashed from `key` and the draw's number apart from the
    # twenty-fourth set's (hv25.draw_numbers).
    own = [o for o in options if holdout and o in holdout_only and o not in hv22.NAMES and o not in hv23.NAMES
           and o not in hv24.NAMES and o not in hv25.NAMES]
    new = [o for o in options if holdout and o in holdout_only and o in hv22.NAMES]
    newer = [o for o in options if holdout and o in holdout_only and o in hv23.NAMES]
    newest = [o for o in options if holdout and o in holdout_only and o in hv24.NAMES]
    latest25 = [o for o in options if holdout and o in holdout_only and o in hv25.NAMES]
    rest = [o for o in options if o not in own and o not in new and o not in newer and o not in newest
            and o not in latest25]
    cum = list(itertools.accumulate((weights or {}).get(o, 1.0) for o in rest))
    r = rng.random()
    pick = rest[bisect.bisect(cum, r * cum[-1], 0, len(rest) - 1)]
    total = cum[-1]
    if own:
        mine = list(itertools.accumulate((weights or {}).get(o, 1.0) * hv21.weight(o) for o in own))
        if (r * 2 ** 20) % 1.0 * (cum[-1] + mine[-1]) < mine[-1]:
            pick = own[bisect.bisect(mine, (r * 2 ** 36) % 1.0 * mine[-1], 0, len(own) - 1)]
        total += mine[-1]
    if new:
        theirs = list(itertools.accumulate((weights or {}).get(o, 1.0) * hv22.weight(o) for o in new))
        if pick in rest and (r * 2 ** 24) % 1.0 * (total + theirs[-1]) < theirs[-1]:
            # (a twenty-first set's draw stays what it was too)
            pick = new[bisect.bisect(theirs, (r * 2 ** 40) % 1.0 * theirs[-1], 0, len(new) - 1)]
        total += theirs[-1]
    if newer and pick in rest:  # (the twenty-first and twenty-second sets' draws stay what they were)
        ours = list(itertools.accumulate((weights or {}).get(o, 1.0) * hv23.weight(o) for o in newer))
        if (r * 2 ** _HV23_DIGITS[0]) % 1.0 * (total + ours[-1]) < ours[-1]:
            pick = newer[bisect.bisect(ours, (r * 2 ** _HV23_DIGITS[1]) % 1.0 * ours[-1], 0, len(newer) - 1)]
    if newest and pick in hv24.TAKEN_FROM:  # (no draw of sets 3 to 23 moves)
        base = sum((weights or {}).get(o, 1.0) for o in rest if o in hv24.TAKEN_FROM)
        latest = list(itertools.accumulate((weights or {}).get(o, 1.0) * hv24.weight(o) for o in newest))
        place, which = hv24.draw_numbers(key, r)
        if place * (base + latest[-1]) < latest[-1]:
            pick = newest[bisect.bisect(latest, which * latest[-1], 0, len(newest) - 1)]
    if latest25 and pick in hv25.TAKEN_FROM:  # (no draw of sets 3 to 24 moves)
        base = sum((weights or {}).get(o, 1.0) for o in rest if o in hv25.TAKEN_FROM)
        ours25 = list(itertools.accumulate((weights or {}).get(o, 1.0) * hv25.weight(o) for o in latest25))
        place, which = hv25.draw_numbers(key, r)
        if place * (base + ours25[-1]) < ours25[-1]:
            pick = latest25[bisect.bisect(ours25, which * ours25[-1], 0, len(latest25) - 1)]
    return pick


def pick_look(rng: random.Random, layout: str, word_only_ok: bool, weights: dict[str, float],
              holdout: bool, app: App | None = None, ooxml_ok: bool = False, fmt: str = "") -> Look:
    """Presentation choices for one form; `weights` tilts them differently per split; Word-only
    encodings for Word files only, some (`ooxml_ok`) for files sent as .docx only, a pen's for
    scans and photos (`fmt`) only. Each set draws its decorations after the sets before it (so a
    new set left the earlier draws as they were), those that show on `app` in `fmt`."""
    boxes = [b for b in CHECKBOXES if (holdout or b not in HOLDOUT_CHECKBOXES)
             and (word_only_ok or b not in WORD_ONLY_CHECKBOXES)
             and (ooxml_ok or b not in OOXML_ONLY_CHECKBOXES)
             and (fmt in hv7.SCAN_FORMATS or b not in hv7.SCAN_ONLY_CHECKBOXES | hv14.SCAN_ONLY_CHECKBOXES
                  | hv15.SCAN_ONLY_CHECKBOXES | hv16.SCAN_ONLY_CHECKBOXES | hv17.SCAN_ONLY_CHECKBOXES)
             and (fmt not in hv7.SCAN_FORMATS or b not in hv16.NOT_SCAN_CHECKBOXES)
             # (the twenty-fourth set's only where the layout shows it: no stand-in takes an earlier draw's place)
             and (b not in hv24.CHECKBOXES or layout not in hv24._NO_MARK_LAYOUTS)
             and (b not in hv25.CHECKBOXES or layout not in hv25._NO_MARK_LAYOUTS)]
    funds = [f for f in FUNDINGS if holdout or f not in HOLDOUT_FUNDINGS]
    dates = [d for d in DATES if (holdout or d not in HOLDOUT_DATES)
             and (d not in hv24.DATES or layout != "split_dates")  # (that layout writes its own cells)
             and (d not in hv25.DATES or layout != "split_dates")]
    aid = app.aid if app else ""
    box = draw_variant(rng, boxes, HOLDOUT_CHECKBOXES, holdout, weights, key=f"{aid}-{fmt}-checkbox")
    if layout == "cb_matrix" and box == "text_only":
        box = "ballot"
    fund = draw_variant(rng, funds, HOLDOUT_FUNDINGS, holdout)
    if layout == "alt_cols":
        fund = "bare"  # that layout writes plain 万元 numbers in labelled cells
    name_deco = rng.choice(NAME_DECOS)
    org_deco = rng.choice(ORG_DECOS)
    decorations = tuple(d for d, on in (("name_" + name_deco, name_deco != "plain"),
                                        ("org_" + org_deco, org_deco != "plain")) if on)
    period = draw_variant(rng, dates, HOLDOUT_DATES, holdout, key=f"{aid}-{fmt}-dates")
    half_colon, cover, footnotes = rng.random() < 0.3, rng.random() < 0.7, rng.random() < 0.15
    # A title after a name that already carries a post would be one decoration too many.
    value_decos = tuple(d for d in hv.pick_decorations(rng) if d != "name_title" or name_deco == "plain")
    value_decos += hv3.pick_decorations(rng, value_decos, org_deco)
    value_decos += hv4.pick_decorations(rng, app, layout, word_only_ok, name_deco)
    value_decos += hv5.pick_decorations(rng, app, layout, value_decos)
    value_decos = hv6.shown(value_decos, layout) + hv6.pick_decorations(rng, app, layout)
    box = hv6.checkbox_for(box, layout, app.aid if app else "")
    value_decos += hv7.pick_decorations(rng, app, layout, fmt)
    box = hv7.checkbox_for(box, layout, app.aid if app else "")
    value_decos += hv8.pick_decorations(rng, app, layout, fmt, value_decos)
    box = hv8.checkbox_for(box, layout, app.aid if app else "")
    value_decos = hv9.shown(value_decos, layout) + hv9.pick_decorations(rng, app, layout, fmt, value_decos)
    box = hv9.checkbox_for(box, layout, app.aid if app else "")
    value_decos = hv10.shown(value_decos, layout) + hv10.pick_decorations(rng, app, layout, fmt, value_decos)
    box = hv10.checkbox_for(box, layout, app.aid if app else "")
    box = hv11.checkbox_for(box, layout, app.aid if app else "")
    period = hv11.dates_for(period, app)
    prints = box not in WORD_ONLY_CHECKBOXES | OOXML_ONLY_CHECKBOXES
    value_decos += hv11.pick_decorations(rng, app, layout, fmt, value_decos, prints)
    box = hv12.checkbox_for(box, layout, aid)
    fund = hv12.funding_for(fund, fmt, aid)
    value_decos = hv12.shown(value_decos, app, layout) + hv12.pick_decorations(
        rng, app, layout, fmt, value_decos, name_deco, fund)
    box = hv13.checkbox_for(box, layout, aid)
    value_decos = hv13.shown(value_decos, layout) + hv13.pick_decorations(
        rng, app, layout, fmt, value_decos, name_deco, org_deco)
    box = hv14.checkbox_for(box, layout, aid)
    value_decos = hv14.shown(value_decos, layout) + hv14.pick_decorations(
        rng, app, layout, fmt, value_decos, name_deco, org_deco)
    box = hv15.checkbox_for(box, layout, aid, fmt)
    drawn = Look(layout=layout, checkbox=box, funding=fund, dates=period, name_deco=name_deco, org_deco=org_deco,
                 half_colon=half_colon, cover=cover, footnotes=footnotes, decorations=decorations + value_decos,
                 value_decos=value_decos)
    value_decos = hv15.decorate(rng, app, drawn, fmt)
    look = Look(layout=layout, checkbox=box, funding=fund, dates=period, name_deco=name_deco,
                org_deco=org_deco, half_colon=half_colon, cover=cover, footnotes=footnotes,
                decorations=decorations + value_decos, value_decos=value_decos)
    look = hv16.drawn(rng, app, look, fmt)
    look = hv17.drawn(rng, app, look, fmt)
    look = hv18.drawn(rng, app, look, fmt)
    look = hv19.drawn(rng, app, look, fmt)
    look = hv20.drawn(rng, app, look, fmt)
    if holdout:  # the held-out sets' draws come last, so dev's stay what they were
        look = hv21.drawn(rng, app, look, fmt)
        look = hv22.drawn(rng, app, look, fmt)  # (after the twenty-first's: its draws stay what they were)
        look = hv23.drawn(rng, app, look, fmt)  # (after the twenty-second's: its draws stay what they were)
        look = hv24.drawn(rng, app, look, fmt)  # (after the twenty-third's: its draws stay what they were)
        look = hv25.drawn(rng, app, look, fmt)  # (after the twenty-fourth's: its draws stay what they were)
    # A 申报系统's export has none of what a person leaves in a Word file, and it shows what HTML
    # shows as Word shows it: a form HTML cannot show (a frame, a picture, a control) is sent as it was.
    if app is not None and hv12.as_html(look.decorations):
        exported = hv12.exported(look)
        look = exported if hv12.html_ok(form_blocks(app, exported)) else hv12.without(look, "html_doc")
    return look

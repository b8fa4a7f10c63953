"""The fourth set of held-out variants: layouts, checkbox encodings, amount and period formats and
value decorations. Their held-out score has been seen (run of 2026-12-05), so both splits now
draw them and dev tunes on them; the held-out split has none of its own until a new set is
written.

They follow how offices fill a Word 申报书 template: text boxes and content controls left by
whoever made the template, English lines under the labels, the personal and bank details
many 基本信息表 also ask for, symbols pasted in from another program, options struck through
instead of ticked, digits typed with the input method in full-width mode, names padded to
line up, a long unit name broken over two lines, a figure revised with track changes on.

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

from benchmarks.gencorpus.docmodel import Block, Cell, Table, TextBox
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "textbox_frame": "the basic information as key：value lines inside a bordered Word text box (VML v:textbox, "
                     "w:txbxContent) rather than in the body or a table",
    "bilingual_labels": "2-column table whose labels carry an English line under the Chinese "
                        "(项目名称 / Project Title, 申报单位 / Applicant), one cell each",
    "personal_details": "a 基本信息表 that also asks for 性别、出生年月、学历、身份证号码、邮编、开户银行、银行账号 "
                        "(long digit strings beside the phones); people in vertically merged blocks, the contact's "
                        "phone under 办公电话 or 手机",
    "content_controls": "every value typed into a Word plain-text content control (w:sdt with an alias), fields "
                        "left empty showing the placeholder 单击或点击此处输入文字。",
}
CHECKBOXES: dict[str, str] = {
    "wingdings_pua": "the boxes typed as private-use characters in the Wingdings font (U+F0FE chosen, U+F0A8 "
                     "others), as text pasted from Word's Insert Symbol into WPS keeps them (Word formats only)",
    "ballot_x": "☒ chosen / ☐ others, typed as text (U+2612 / U+2610)",
    "paren_before": "（√）学术交流　（ ）学会服务站建设: brackets before each option, a √ in the chosen one",
    "strike_others": "no marks: every option but the chosen one struck through (Word formats only)",
}
WORD_ONLY_CHECKBOXES = frozenset({"wingdings_pua", "strike_others"})  # no Wingdings font, no strike in PDF text
# Encodings that mark the options' labels: a selection column (cb_matrix) gets a √ instead.
MARKLESS_CHECKBOXES = frozenset({"strike_others"})
FUNDINGS: dict[str, str] = {
    "fullwidth_digits": "８万元, ７．５万元 (digits and point typed full-width)",
    "yen_half_yuan": "¥80,000.00元 (half-width yen sign, and 元 after the figure too)",
}
DATES: dict[str, str] = {
    "cn_numerals": "二〇二四年五月至二〇二四年十二月 (year and month in Chinese numerals)",
    "iso_day": "2024-05-01至2024-12-31 (ISO dates with days)",
}
DAY_DATES = frozenset({"iso_day"})
DECORATIONS: dict[str, str] = {
    "phone_fullwidth": "phones typed with full-width digits: １３８０７３１２３４５; landlines keep the area code "
                       "half-width: 0731-８４０００００",
    "name_gap": "two-character names padded with two half-width spaces to the width of three: 王  伟 "
                "(leader and contact)",
    "org_linebreak": "the unit's name broken over two lines of its cell by a typed Enter: 湖南省 / 光学学会",
    "funding_revised": "the amount revised with track changes on and never accepted: the old figure deleted "
                       "(w:del), the new one inserted (w:ins) (Word formats only)",
}
# Held-out odds: new variants weigh more than old ones so each shows up often enough to count;
# the Word-only encodings more again, as only about half the forms are Word files.
WEIGHT = 3.0
WEIGHTS: dict[str, float] = {"ballot_x": 2.5, "paren_before": 2.5, "wingdings_pua": 5.0, "strike_others": 5.0,
                             "fullwidth_digits": 2.5, "yen_half_yuan": 2.5, "cn_numerals": 2.5, "iso_day": 2.5}
DECORATION_ODDS: dict[str, float] = {"phone_fullwidth": 0.14, "name_gap": 0.18, "org_linebreak": 0.15,
                                     "funding_revised": 0.18}
# Layouts whose unit name is a paragraph's line, where a typed Enter would start a new item; the
# one that writes the type into the unit's cell; the one that writes the unit on the cover only.
_UNBROKEN_ORG_LAYOUTS = frozenset({"kv_lines", "numbered_paras", "fullwidth_block", "textbox_frame", "type_in_org",
                                   "cover_table", "underscore_blanks", "one_cell_tabs"})
# Layouts that write the amount from the number, not as typed (the revision would not show).
_NUMBER_FUNDING_LAYOUTS = frozenset({"alt_cols"})
_FULL = str.maketrans("0123456789.", "０１２３４５６７８９．")
_CN_DIGITS = "〇一二三四五六七八九"
_CN_MONTHS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "wingdings_pua":
        return f"[pua:{'F0FE' if chosen else 'F0A8'}]{label}"
    if style == "ballot_x":
        return f"{'☒' if chosen else '☐'}{label}"
    if style == "paren_before":
        return f"（√）{label}" if chosen else f"（ ）{label}"
    if style == "strike_others":
        return label if chosen else f"[s]{label}[/s]"
    raise ValueError(style)


def funding_text(app: App, style: str) -> str:
    if style == "fullwidth_digits":
        return f"{app.funding_wan:g}".translate(_FULL) + "万元"
    if style == "yen_half_yuan":
        return f"¥{round(app.funding_wan * 10000):,.2f}元"
    raise ValueError(style)


def _cn_year(year: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(year))


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "cn_numerals":
        return f"{_cn_year(s.year)}年{_CN_MONTHS[s.month]}月至{_cn_year(e.year)}年{_CN_MONTHS[e.month]}月"
    if style == "iso_day":
        return f"{s.isoformat()}至{e.isoformat()}"
    raise ValueError(style)


def pick_decorations(rng: random.Random, app: App | None, layout: str, word_only_ok: bool,
                     name_deco: str) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    shows = {
        "phone_fullwidth": bool(app.leader_phone or app.contact_phone),
        "name_gap": len(app.contact_name) == 2 or len(app.leader_name) == 2 and name_deco == "plain",
        "org_linebreak": layout not in _UNBROKEN_ORG_LAYOUTS,
        "funding_revised": word_only_ok and layout not in _NUMBER_FUNDING_LAYOUTS,
    }
    return tuple(d for d in drawn if shows[d])


def phone_text(phone: str | None, decorations: tuple[str, ...], typed: str) -> str:
    """`typed` (the phone as the other decorations left it) with its digits full-width; a
    landline's area code stays as typed, as people switch the input method after it."""
    if not phone or "phone_fullwidth" not in decorations:
        return typed
    area = phone.partition("-")[0] if not phone.startswith("1") else ""
    at = typed.find(area) + len(area) if area else 0
    return typed[:at] + typed[at:].translate(_FULL)


def gap_name(name: str, decorations: tuple[str, ...]) -> str:
    if "name_gap" in decorations and len(name) == 2:
        return f"{name[0]}  {name[1]}"
    return name


def broken_org(org: str) -> str:
    """Where people break a long unit name: after 湖南省, the university or the city, else halfway."""
    for head in ("湖南省", "大学", "学院", "有限公司", "市"):
        at = org.find(head)
        if at >= 0 and at + len(head) < len(org):
            return org[:at + len(head)] + "\n" + org[at + len(head):]
    half = len(org) // 2
    return org[:half] + "\n" + org[half:]


def revised(typed: str, earlier: str) -> str:
    """The amount as track changes show it: the earlier figure deleted, the new one inserted."""
    return f"[del]{earlier}[/del][ins]{typed}[/ins]"


def earlier_funding(wan: float) -> float:
    """The figure before the revision: a round sum a little above what was settled on."""
    return float(int(wan) + (2 if wan < 20 else 5))


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "textbox_frame":
        return _textbox_frame(v)
    if v.look.layout == "bilingual_labels":
        return _bilingual_labels(v)
    if v.look.layout == "personal_details":
        return _personal_details(v)
    if v.look.layout == "content_controls":
        return _content_controls(v)
    raise ValueError(v.look.layout)


def _textbox_frame(v: _V) -> tuple[Block, ...]:
    app, c = v.app, v.colon
    lines = [f"项目名称{c}{v.project}", f"项目类别{c}", *v.category.split("\n"), f"申报单位{c}{v.org}",
             f"单位类型{c}{v.type}"]
    if v.joint:
        lines.append(f"{v.joint_label}{c}{v.joint}")
    lines += [f"项目负责人{c}{v.name}　　手机{c}{v.leader_phone}",
              f"项目联系人{c}{v.contact}　　联系电话{c}{v.contact_phone}",
              f"电子邮箱{c}{v.email}", f"{v.funding_label}{c}{v.funding}", f"起止时间{c}{v.period}",
              f"通讯地址{c}{app.address}　　邮编{c}{app.postcode}"]
    return (Para("一、基本情况", "heading"), TextBox(tuple(lines)))


_ENGLISH = {
    "项目名称": "Project Title", "项目类别": "Category", "申报单位": "Applicant", "单位类型": "Type of Organization",
    "联合申报": "Joint Applicants", "联合申报单位": "Joint Applicants", "项目负责人": "Project Leader",
    "负责人手机": "Mobile", "项目联系人": "Contact Person", "联系电话": "Tel.", "电子邮箱": "E-mail",
    "起止时间": "Duration", "通讯地址": "Address",
}


def _bilingual_labels(v: _V) -> tuple[Block, ...]:
    app = v.app
    money = "申请经费（万元）\nFunding Requested (10,000 CNY)" if v.funding_label.startswith("申请经费（万元）") \
        else "申请经费（元）\nFunding Requested (CNY)" if v.funding_label.startswith("申请经费（元）") \
        else "申请经费\nFunding Requested"
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    pairs += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
              ("联系电话", v.contact_phone), ("电子邮箱", v.email)]
    rows: list[tuple[Cell, ...]] = [(Cell(f"{k}\n{_ENGLISH[k]}"), Cell(val)) for k, val in pairs]
    rows += [(Cell(money), Cell(v.funding)), (Cell(f"起止时间\n{_ENGLISH['起止时间']}"), Cell(v.period)),
             (Cell(f"通讯地址\n{_ENGLISH['通讯地址']}"), Cell(app.address))]
    return (Para("一、基本情况 Basic Information", "heading"), Table((1.6, 4.0), tuple(rows)))


def _digest(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16)


def id_number(name: str, born: tuple[int, int, int]) -> str:
    """An 18-character 居民身份证号码 with a valid check character; invented, fixed per name."""
    h = _digest(name)
    y, m, d = born
    body = f"4301{(h % 6) + 2:02d}{y}{m:02d}{d:02d}{h % 1000:03d}"
    factors = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(ch) * f for ch, f in zip(body, factors)) % 11]


def _personal_details(v: _V) -> tuple[Block, ...]:
    app = v.app
    h = _digest(app.leader_name)
    born = (1962 + h % 24, 1 + h % 12, 1 + h % 28)
    sex = ("男", "女")[h % 2]
    grade = ("研究生", "大学本科", "博士研究生")[h % 3]
    bank = ("中国建设银行长沙芙蓉支行", "中国工商银行长沙五一路支行", "长沙银行岳麓支行")[_digest(app.applicant_org) % 3]
    account = f"{4300 + _digest(app.applicant_org) % 100:04d}{_digest(app.applicant_org) % 10 ** 16:016d}"
    office = bool(app.contact_phone) and str(app.contact_phone).startswith("0")
    rows: list[tuple[Cell, ...]] = [
        (Cell("项目名称"), Cell(v.project, 4)),
        (Cell("项目类别"), Cell(v.category, 4)),
        (Cell("申报单位"), Cell(v.org, 2), Cell("邮　编"), Cell(app.postcode)),
        (Cell("单位类型"), Cell(v.type, 4)),
    ]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint, 4)))
    rows += [
        (Cell("开户银行"), Cell(bank, 2), Cell("银行账号"), Cell(account)),
        (Cell("项目负责人", vmerge="restart"), Cell("姓　名"), Cell(v.name), Cell("性　别"), Cell(sex)),
        (Cell("", vmerge="continue"), Cell("出生年月"), Cell(f"{born[0]}年{born[1]}月"), Cell("学　历"), Cell(grade)),
        (Cell("", vmerge="continue"), Cell("职务/职称"), Cell(app.leader_post), Cell("手　机"), Cell(v.leader_phone)),
        (Cell("", vmerge="continue"), Cell("身份证号码"), Cell(id_number(app.leader_name, born), 3)),
        (Cell("项目联系人", vmerge="restart"), Cell("姓　名"), Cell(v.contact), Cell("办公电话"),
         Cell(v.contact_phone if office else "")),
        (Cell("", vmerge="continue"), Cell("手　机"), Cell("" if office else v.contact_phone), Cell("电子邮箱"),
         Cell(v.email)),
        (Cell(v.funding_label), Cell(v.funding, 4)),
        (Cell("起止时间"), Cell(v.period, 4)),
    ]
    return (Para("一、项目基本信息表", "heading"), Table((1.1, 1.1, 1.6, 1.0, 1.8), tuple(rows)))


def _cc(alias: str, value: str) -> str:
    """`value` in content controls, one per line; an empty one shows the placeholder. Option
    lists keep their marks outside any control, as templates make them."""
    if not value:
        return "[ph]"
    if "[" in value:
        return value
    return "\n".join(f"[sdt:{alias}]{line}[/sdt]" for line in value.split("\n"))


def _content_controls(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, ...]] = [(Cell("项目名称"), Cell(_cc("项目名称", v.project), 3)),
                                    (Cell("项目类别"), Cell(v.category, 3)),
                                    (Cell("申报单位"), Cell(_cc("申报单位", v.org), 3)),
                                    (Cell("单位类型"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(_cc("联合申报", v.joint), 3)))
    rows += [(Cell("项目负责人"), Cell(_cc("负责人", v.name)), Cell("手机"), Cell(_cc("负责人手机", v.leader_phone))),
             (Cell("联系人"), Cell(_cc("联系人", v.contact)), Cell("联系电话"), Cell(_cc("联系电话", v.contact_phone))),
             (Cell("电子邮箱"), Cell(_cc("电子邮箱", v.email)), Cell("传真"), Cell("[ph]")),
             (Cell(v.funding_label), Cell(_cc("申请经费", v.funding), 3)),
             (Cell("起止时间"), Cell(_cc("起止时间", v.period), 3)),
             (Cell("备注"), Cell("[ph]", 3))]
    return (Para("一、项目基本信息", "heading"), Table((1.3, 1.9, 1.0, 1.8), tuple(rows)))

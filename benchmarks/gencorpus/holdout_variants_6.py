"""The sixth set of held-out variants: layouts, checkbox encodings, amount and period formats and
value decorations. Their held-out score has been seen (run of 2026-12-05), so both splits now
draw them and dev tunes on them; the held-out split has none of its own until a new set is
written.

They follow how offices fill, convert and send a Word 申报书: the 基本情况 in a table whose
rules were all removed (无框线) so that only aligned text is left, each field's caption and
its value in one box, the fields re-typed as the one-row 一览表 of a summary sheet on a
landscape page, the table filled in elsewhere and pasted as a screenshot; a √ put in the
chosen □ with 带圈字符 (an EQ field), the template's boxes typed as the character 口, the
chosen option circled with a drawn ellipse, a drop-down list content control; 人民币捌万圆整
as bank forms write it, 八万元 in everyday Chinese numerals; 202405-202412 as finance systems
print it, a period followed by its length in months; the template's grey prompts left in
front of the values typed after them, a long project name broken with Shift+Enter,
invisible characters pasted in with names copied from WeChat or a web page, the digits of a
project name typed with the input method in full-width mode.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none
changes the truth: the truth is the planned `App`, whatever the form shows.

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import random
import unicodedata
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, Picture, Section, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "borderless_grid": "4-column table with every rule removed (无框线: tblBorders nil): labels with colons in "
                       "the 1st and 3rd columns, the values beside them; printed, nothing but aligned text is left",
    "caption_boxes": "each field one box of a grid: its caption on the box's first line and the value on the "
                     "lines below it (项目名称 / 2024年湖南省光学学术年会), people and phones four boxes to a row",
    "summary_row": "on a landscape page, 项目类别 and 单位类型 in a small table, the rest re-typed as the one-row "
                   "项目基本信息一览表 of a summary sheet (序号|项目名称|申报单位|项目负责人|负责人手机|…|"
                   "起止时间) whose narrow columns wrap the values",
    "table_screenshot": "the 基本情况 table filled in elsewhere and pasted as a screenshot: a PNG of a ruled "
                        "2-column table, none of its values text in the document",
}
CHECKBOXES: dict[str, str] = {
    "eq_enclosed": "Word's 带圈字符 for the chosen option: an EQ field eq \\o\\ac(□,√) (a √ drawn in a □) before "
                   "it, □ before the others; Word draws it, LibreOffice drops it (real .docx files only)",
    "kou_boxes": "the template's boxes typed as the Han character 口 (quicker to type than □), the chosen "
                 "one's replaced by √: 口学术交流  √学会服务站建设",
    "ring_shape": "no marks: the chosen option circled with an ellipse drawn over the text (a floating wps "
                  "shape, no fill, red or black outline)",
    "dropdown_control": "a Word drop-down list content control (w:dropDownList naming every option) showing "
                        "the chosen option only (Word formats only)",
}
WORD_ONLY_CHECKBOXES = frozenset({"eq_enclosed", "dropdown_control"})
# LibreOffice drops an EQ field when it writes .doc or PDF: only files sent as .docx keep it.
OOXML_ONLY_CHECKBOXES = frozenset({"eq_enclosed"})
# Encodings that mark no option with a symbol of its own: a selection column (cb_matrix) gets a √.
MARKLESS_CHECKBOXES = frozenset({"ring_shape", "dropdown_control"})
# Encodings written for a whole option list (one control lists every option).
LIST_CHECKBOXES = frozenset({"dropdown_control"})
FUNDINGS: dict[str, str] = {
    "daxie_yuan_circle": "人民币捌万圆整, 人民币柒万伍仟圆整 (大写 with 圆 for 元, as bank forms write it)",
    "cn_lower_numerals": "八万元, 七万五千元, 二十五万元 (everyday Chinese numerals, not 大写)",
}
DATES: dict[str, str] = {
    "yyyymm_compact": "202405-202412 (year and month run together, as finance systems print them)",
    "months_counted": "2024年5月至2024年12月，共8个月 (the period followed by its length in months)",
}
DAY_DATES: frozenset[str] = frozenset()
DECORATIONS: dict[str, str] = {
    "hint_left_in": "the template's grey prompts left in front of the values typed after them: "
                    "（请填写项目全称）2024年…, （填写单位全称，与公章一致）湖南省…, （填写负责人姓名）王伟, "
                    "（请填写手机号码）138…",
    "project_softbreak": "a long project name broken over two lines with Shift+Enter (a manual line break, "
                         "w:br) wherever it is typed",
    "pasted_invisibles": "the project's and the unit's names pasted from a WeChat message or a web page: a "
                         "zero-width space before, a no-break space after; the e-mail followed by a no-break space",
    "project_fullwidth_digits": "the digits of the project name typed full-width: ２０２４年湖南省…, 第５届…",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed more than old ones so each showed up often enough to count;
# the Word-only encodings more again (the EQ field most: only .docx files can carry it).
WEIGHT = 3.0
WEIGHTS: dict[str, float] = {"eq_enclosed": 7.0, "dropdown_control": 5.0, "kou_boxes": 2.5, "ring_shape": 2.5,
                             "daxie_yuan_circle": 2.5, "cn_lower_numerals": 2.5, "yyyymm_compact": 2.5,
                             "months_counted": 2.5}
DECORATION_ODDS: dict[str, float] = {"hint_left_in": 0.18, "project_softbreak": 0.18, "pasted_invisibles": 0.15,
                                     "project_fullwidth_digits": 0.18}
# Layouts whose basic part is a picture: only what can be drawn shows there.
PICTURE_LAYOUTS = frozenset({"table_screenshot"})
# Encodings made of characters alone, which a screenshot shows as they are; another drawn for a
# screenshot gives way to one of these.
TEXT_CHECKBOXES = frozenset({"ballot", "square", "tick_replace", "tick_paren", "v_letter", "text_only", "circle",
                             "tick_after", "spaced_marks", "ballot_x", "paren_before", "box_then_tick", "letter_code",
                             "kou_boxes"})
_PICTURE_STAND_INS = ("ballot", "square", "tick_replace", "kou_boxes")
# Decorations that are no characters (a link, a seal, a tracked change, invisible ones): a
# picture of the table does not show them.
_NOT_IN_PICTURES = frozenset({"email_hyperlink", "seal_image", "funding_revised", "pasted_invisibles"})
_HINTS = {"project": "（请填写项目全称）", "org": "（填写单位全称，与公章一致）", "leader": "（填写负责人姓名）",
          "phone": "（请填写手机号码）"}
_FULL_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_DIGITS = "零一二三四五六七八九"
_BREAK_AFTER = "年省市县与暨届"  # where people break a long title to balance its two lines
_ZWSP, _NBSP = "\u200b", "\u00a0"


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def half_widths(text: str) -> int:
    """How many half-width characters wide `text` is (a Han character or full-width form is two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "eq_enclosed":
        return f"[eq]{label}" if chosen else f"□{label}"
    if style == "kou_boxes":
        return f"√{label}" if chosen else f"口{label}"
    if style == "ring_shape":
        return f"[ring:{half_widths(label)}]{label}" if chosen and label else label
    if style == "dropdown_control":  # one option alone: as in a selection column, only the chosen is named
        return label
    raise ValueError(style)


def options_text(options: tuple[str, ...], chosen: str, style: str, alias: str = "单位类型") -> str:
    """One option list; `dropdown_control` lists them all in one control showing the chosen one."""
    if style != "dropdown_control":
        return "  ".join(option_text(o == chosen, o, style) for o in options)
    return f"[dd:{alias}|{chosen}|{'|'.join(options)}]"


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """The category list as one drop-down whose entries name the category and the item."""
    if style != "dropdown_control":
        raise ValueError(style)
    entries = tuple(f"{category}—{item}" for category, its in items.items() for item in its)
    return options_text(entries, next(e for e in entries if e.endswith(f"—{chosen}")), style, "项目类别")


def _cn_number(n: int) -> str:
    """0 < n < 100 in everyday numerals: 八, 十, 十五, 二十五, 七十."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _CN_DIGITS[ones]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def funding_text(app: App, style: str) -> str:
    # forms imports this module; by the time a form is drawn forms is loaded.
    from benchmarks.gencorpus.forms import daxie

    if style == "daxie_yuan_circle":
        return "人民币" + daxie(app.funding_wan).replace("元整", "圆整")
    if style == "cn_lower_numerals":
        yuan = round(app.funding_wan * 10000)
        wan, rest = divmod(yuan, 10000)
        thousands, rest = divmod(rest, 1000)
        if rest or not 0 < wan < 100:  # amounts the guide allows are whole thousands under a million
            raise ValueError(app.funding_wan)
        return _cn_number(wan) + "万" + (_CN_DIGITS[thousands] + "千" if thousands else "") + "元"
    raise ValueError(style)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "yyyymm_compact":
        return f"{s.year}{s.month:02d}-{e.year}{e.month:02d}"
    if style == "months_counted":
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        return f"{s.year}年{s.month}月至{e.year}年{e.month}月，共{months}个月"
    raise ValueError(style)


def pick_decorations(rng: random.Random, app: App | None, layout: str) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    shows = {
        "hint_left_in": True,
        "project_softbreak": len(app.project_name) >= 12,
        "pasted_invisibles": layout not in PICTURE_LAYOUTS,
        "project_fullwidth_digits": any(ch.isascii() and ch.isdigit() for ch in app.project_name),
    }
    return tuple(d for d in drawn if shows[d])


def shown(decorations: tuple[str, ...], layout: str) -> tuple[str, ...]:
    """The decorations drawn earlier less those `layout` cannot show."""
    if layout not in PICTURE_LAYOUTS:
        return decorations
    return tuple(d for d in decorations if d not in _NOT_IN_PICTURES)


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a screenshot shows characters only, so another
    encoding gives way to one of those (the same one for the same application)."""
    if layout not in PICTURE_LAYOUTS or checkbox in TEXT_CHECKBOXES:
        return checkbox
    return _PICTURE_STAND_INS[sum(map(ord, aid)) % len(_PICTURE_STAND_INS)]


def break_at(name: str) -> int:
    """Where a long title is broken: after the word boundary nearest its middle (a character of
    _BREAK_AFTER), else at its middle."""
    middle = len(name) // 2
    spots = [i + 1 for i, ch in enumerate(name) if ch in _BREAK_AFTER and 3 <= i + 1 <= len(name) - 3]
    return min(spots, key=lambda at: (abs(at - middle), at)) if spots else middle


def project_text(name: str, decorations: tuple[str, ...]) -> str:
    if "project_fullwidth_digits" in decorations:
        name = name.translate(_FULL_DIGITS)
    if "project_softbreak" in decorations and len(name) >= 12:
        at = break_at(name)
        name = f"{name[:at]}[br]{name[at:]}"
    if "pasted_invisibles" in decorations:
        name = f"{_ZWSP}{name}{_NBSP}"
    return name


def org_text(typed: str, org: str, decorations: tuple[str, ...]) -> str:
    """`typed` (the unit as the other decorations left it), its name pasted with invisibles."""
    if "pasted_invisibles" not in decorations:
        return typed
    return typed.replace(org, f"{_ZWSP}{org}{_NBSP}", 1)


def email_text(email: str | None, decorations: tuple[str, ...], typed: str) -> str:
    return typed + _NBSP if email and "pasted_invisibles" in decorations else typed


def hinted(field: str, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` after the template's grey prompt for `field` (project, org, leader, phone)."""
    if "hint_left_in" not in decorations:
        return typed
    return f"[grey]{_HINTS[field]}[/grey]{typed}"


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "borderless_grid":
        return _borderless_grid(v)
    if v.look.layout == "caption_boxes":
        return _caption_boxes(v)
    if v.look.layout == "summary_row":
        return _summary_row(v)
    if v.look.layout == "table_screenshot":
        return _table_screenshot(v)
    raise ValueError(v.look.layout)


def _borderless_grid(v: _V) -> tuple[Block, ...]:
    c = v.colon
    rows: list[tuple[Cell, ...]] = [(Cell(f"项目名称{c}"), Cell(v.project, 3)), (Cell(f"项目类别{c}"), Cell(v.category, 3)),
                                    (Cell(f"申报单位{c}"), Cell(v.org, 3)), (Cell(f"单位类型{c}"), Cell(v.type, 3))]
    if v.joint:
        rows.append((Cell(f"{v.joint_label}{c}"), Cell(v.joint, 3)))
    rows += [(Cell(f"项目负责人{c}"), Cell(v.name), Cell(f"手　　机{c}"), Cell(v.leader_phone)),
             (Cell(f"项目联系人{c}"), Cell(v.contact), Cell(f"联系电话{c}"), Cell(v.contact_phone)),
             (Cell(f"电子邮箱{c}"), Cell(v.email, 3)),
             (Cell(f"{v.funding_label}{c}"), Cell(v.funding, 3)),
             (Cell(f"起止时间{c}"), Cell(v.period, 3))]
    return (Para("一、基本情况", "heading"), Table((1.3, 1.8, 1.1, 1.8), tuple(rows), borders=False))


def _box(caption: str, value: str, span: int = 1) -> Cell:
    return Cell(f"{caption}\n{value}", span)


def _caption_boxes(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, ...]] = [(_box("项目名称", v.project, 4),), (_box("项目类别", v.category, 4),),
                                    (_box("申报单位", v.org, 4),), (_box("单位类型", v.type, 4),)]
    if v.joint:
        rows.append((_box(v.joint_label, v.joint, 4),))
    rows += [(_box("项目负责人", v.name), _box("负责人手机", v.leader_phone), _box("项目联系人", v.contact),
              _box("联系电话", v.contact_phone)),
             (_box("电子邮箱", v.email, 2), _box(v.funding_label, v.funding), _box("起止时间", v.period)),
             (_box("通讯地址", app.address, 3), _box("邮政编码", app.postcode))]
    return (Para("一、基本情况", "heading"), Table((1.0, 1.0, 1.0, 1.0), tuple(rows)))


def _summary_row(v: _V) -> tuple[Block, ...]:
    kinds: list[tuple[Cell, ...]] = [(Cell("项目类别"), Cell(v.category)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        kinds.append((Cell(v.joint_label), Cell(v.joint)))
    heads = ("序号", "项目名称", "申报单位", "项目负责人", "负责人手机", "项目联系人", "联系电话", "电子邮箱",
             v.funding_label, "起止时间")
    values = ("1", v.project, v.org, v.name, v.leader_phone, v.contact, v.contact_phone, v.email, v.funding, v.period)
    # The phone columns hold an 11-digit mobile or a landline on one line; names and titles wrap.
    widths = (0.5, 2.0, 1.9, 1.0, 1.7, 1.0, 1.7, 2.0, 1.2, 1.7)
    return (Section(landscape=True), Para("一、项目基本信息一览表", "heading"), Table((1.2, 8.0), tuple(kinds)),
            Table(widths, (tuple(Cell(h, shade=True) for h in heads), tuple(Cell(x) for x in values))),
            Section(landscape=False))


def picture_rows(v: _V) -> list[tuple[str, str]]:
    """The screenshot's rows as it shows them (label, value)."""
    app = v.app
    rows = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        rows.append((v.joint_label, v.joint))
    rows += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
             ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
             ("起止时间", v.period), ("通讯地址", app.address)]
    return [(label, plain(value)) for label, value in rows]


def _table_screenshot(v: _V) -> tuple[Block, ...]:
    from benchmarks.gencorpus.media import table_png

    return Para("一、基本情况", "heading"), Picture(table_png(picture_rows(v)), 15.5)

"""The ninth set of held-out variants: layouts, checkbox encodings, amount and period formats
and value decorations, written blind (without reading the extraction code). Their held-out
score has been seen (run of 2026-12-05 at 90db57f), so both splits now draw them and dev tunes
on them; the held-out split has none of its own until a new set is written.

They follow how units re-type, fill, print and send a 申报书 when the template's table is not
used as it was meant: the basic part written as a letter's running prose (申报说明) that names
the category and the unit's type in words; the form re-typed as a report, each field a numbered
heading with its value in an indented paragraph below; a template whose rows are too short for
long values, so that a value is continued in the next row under the same (merged) label; a
cover-page style form whose values sit on underlined lines with their captions in brackets
below them. Options marked with √ in the chosen one's brackets and × in all the others';
the chosen option given emphasis dots (着重号) and nothing else (in Word files); an old template's drop-down
form fields (下拉型窗体域, FORMDROPDOWN) whose selected entry is the choice and is no text of the
document; the options not chosen hidden (隐藏文字) so that only the chosen one prints. The
amount as RMB 80,000.00 (a bank's or a finance system's way), or with its digits grouped by a
thin space (80 000元, as GB/T 15835 writes numbers); the period as a start and a deadline
(2024年5月启动，12月底前完成) or as a schedule of phases (筹备；组织实施；总结验收). Line
numbers (行号) left on in the margin of a template copied from a legal or official one; a
recommendation letter (申报函) put in front of the form in the same file; sub-labels typed into
the value cells (手机：…, 邮箱：…); a scanned stack fed the wrong way round, or photos sent
last page first.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none
changes the truth: the truth is the planned `App`, whatever the form shows.

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, LineNumbers, Table
from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS, break_at, half_widths
from benchmarks.gencorpus.holdout_variants_7 import SCAN_FORMATS
from shenbao.demo.forms import PageBreak, Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "prose_letter": "no table and no field labels for the unit and project: the basic part written as running "
                    "prose (申报说明), the category, the item and the unit's type named in words in its "
                    "sentences; the people, phones and e-mail in a sentence; the amount and period after labels",
    "heading_sections": "no table: each field a numbered heading paragraph in bold ((一)项目名称), its value in "
                        "the indented paragraph(s) below it",
    "continued_rows": "2-column table whose rows were too short for long values: the project name, a long unit "
                      "name, the option lists and other long values continue in the next row, whose label cell "
                      "is merged with the label above (vMerge)",
    "caption_below": "borderless 2-column grid in the style of a cover page: each value on an underlined line, "
                     "its caption in brackets on the line below it ((项目名称)), two fields to a row",
}
WORD_ONLY_LAYOUTS: frozenset[str] = frozenset()

CHECKBOXES: dict[str, str] = {
    "tick_cross": "every option answered: 学会服务站建设（√）  学术交流（×）: a √ in the chosen one's brackets, "
                  "a × in each of the others'",
    "emphasis_dots": "no marks: the chosen option given emphasis dots under its characters (着重号, w:em dot; "
                     "Word formats only: LibreOffice prints no emphasis marks)",
    "form_dropdown": "Word 2003 drop-down form fields (FORMDROPDOWN, w:ffData/w:ddList) for the category, the "
                     "item and the unit's type: the selected entry is the w:result index, no text of the runs",
    "others_hidden": "every option keeps its □; the options not chosen are hidden text (隐藏文字, w:vanish), so "
                     "print shows the chosen one alone while the file still lists them all",
}
WORD_ONLY_CHECKBOXES = frozenset({"emphasis_dots"})
# Encodings that mark nothing in a selection column (cb_matrix): the form shows another there.
NO_COLUMN_CHECKBOXES = frozenset({"emphasis_dots", "form_dropdown", "others_hidden"})
_COLUMN_STAND_INS = ("ballot", "tick_replace", "tick_paren")
# Encodings written for a whole option list at once.
LIST_CHECKBOXES = frozenset({"form_dropdown"})

FUNDINGS: dict[str, str] = {
    "rmb_code": "RMB 80,000.00, RMB 75,000.00 (the currency code before the 元 figure, as banks print it)",
    "space_grouped": "80 000元, 250 000元 (the digits grouped by three with a thin or plain space, GB/T 15835)",
}
DATES: dict[str, str] = {
    "start_finish": "2024年5月启动，12月底前完成 (a start and a deadline; across years 2024年3月启动，"
                    "2025年6月底前完成)",
    "phased_schedule": "2024年5月筹备启动；2024年6月—2024年11月组织实施；2024年12月总结验收 (the period as "
                       "a schedule of phases: the first phase starts it, the last ends it)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "line_numbers": "line numbers (行号, w:lnNumType, restarting on each page) in the left margin: printed before "
                    "the lines of the body's paragraphs (layouts whose values are paragraphs)",
    "cover_letter": "a recommendation letter (关于申报…的函, with a 文号, the project, the amount, the leader and the "
                    "contact) on a page of its own before the form, in the same file (not in scans or photos)",
    "inner_labels": "sub-labels typed into the value cells: 手机：13807312345, 座机：0731-84000000, "
                    "邮箱：lina@163.com (E-mail：…)",
    "pages_reversed": "scans and photos last page first: the stack fed the wrong way round, the photos sent "
                      "from the last page",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, **{name: 5.0 for name in CHECKBOXES}}
DECORATION_ODDS: dict[str, float] = {"line_numbers": 0.45, "cover_letter": 0.12, "inner_labels": 0.15,
                                     "pages_reversed": 0.5}
# Layouts whose values are body paragraphs (Word numbers those lines, not a table's).
PARAGRAPH_LAYOUTS = frozenset({"kv_lines", "numbered_paras", "fullwidth_block", "underscore_blanks", "dot_leaders",
                               "newspaper_columns", "prose_letter", "heading_sections"})
# What a sentence cannot hold: a unit's name broken by Enter, a prompt before a value.
_NOT_IN_PROSE = frozenset({"org_linebreak", "hint_left_in"})
_MOBILE = re.compile(r"1\d{10}")


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "tick_cross":
        return f"{label}（{'√' if chosen else '×'}）"
    if style == "emphasis_dots":
        return f"[em]{label}[/em]" if chosen and label else label
    if style == "others_hidden":
        return f"□{label}" if chosen else f"[hide]□{label}[/hide]"
    if style == "form_dropdown":  # one option alone (never drawn so: checkbox_for)
        return label
    raise ValueError(style)


def options_text(options: tuple[str, ...], chosen: str, style: str, name: str = "单位类型") -> str:
    if style not in LIST_CHECKBOXES:
        raise ValueError(style)
    return f"[fdd:{name}|{chosen}|{'|'.join(options)}]"


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """Two drop-downs, as two-level templates have them: the category, then the item."""
    category = next(c for c, its in items.items() if chosen in its)
    every = tuple(i for its in items.values() for i in its)
    return (f"类别：{options_text(tuple(items), category, style, '项目大类')}\n"
            f"项目：{options_text(every, chosen, style, '项目类别')}")


def funding_text(app: App, style: str) -> str:
    yuan = round(app.funding_wan * 10000)
    if style == "rmb_code":
        return f"RMB {yuan:,.2f}"
    if style == "space_grouped":
        sep = "\u2009" if len(app.aid) % 2 or sum(map(ord, app.aid)) % 2 else " "
        return f"{yuan:,}".replace(",", sep) + "元"
    raise ValueError(style)


def _months(s: date, e: date) -> int:
    return (e.year - s.year) * 12 + e.month - s.month


def _shift(d: date, months: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + months
    return n // 12, n % 12 + 1


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "start_finish":
        end = f"{e.month}月" if e.year == s.year else f"{e.year}年{e.month}月"
        return f"{s.year}年{s.month}月启动，{end}底前完成"
    if style == "phased_schedule":
        span = _months(s, e)
        if span < 2:  # too short for three phases: the start and the end
            return f"{s.year}年{s.month}月启动实施；{e.year}年{e.month}月总结验收"
        (y1, m1), (y2, m2) = _shift(s, 1), _shift(s, span - 1)
        middle = f"{y1}年{m1}月" if (y1, m1) == (y2, m2) else f"{y1}年{m1}月—{y2}年{m2}月"
        return f"{s.year}年{s.month}月筹备启动；{middle}组织实施；{e.year}年{e.month}月总结验收"
    raise ValueError(style)


def phone_text(phone: str | None, typed: str, decorations: tuple[str, ...], leader: bool) -> str:
    """`typed` (the phone as the other decorations left it) after a sub-label in its cell."""
    if not phone or not typed or "inner_labels" not in decorations:
        return typed
    if leader or _MOBILE.fullmatch(phone):
        return f"手机：{typed}"
    return f"{'座机' if len(phone) % 2 else '办公电话'}：{typed}"


def email_text(email: str | None, typed: str, decorations: tuple[str, ...]) -> str:
    if not email or not typed or "inner_labels" not in decorations:
        return typed
    return f"{'邮箱' if len(email) % 2 else 'E-mail'}：{typed}"


def shown(decorations: tuple[str, ...], layout: str) -> tuple[str, ...]:
    """The decorations drawn earlier less those `layout` cannot show."""
    if layout != "prose_letter":
        return decorations
    return tuple(d for d in decorations if d not in _NOT_IN_PROSE)


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str,
                     drawn_before: tuple[str, ...]) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    shows = {
        "line_numbers": layout in PARAGRAPH_LAYOUTS,
        # Scans and photos carry a few pages of the form only: a letter before it would push them out.
        "cover_letter": fmt not in SCAN_FORMATS,
        # A sentence names its phones itself; a prompt left in the cell stands where a sub-label would.
        "inner_labels": layout not in PICTURE_LAYOUTS and layout != "prose_letter"
                        and "hint_left_in" not in drawn_before
                        and any((app.leader_phone, app.contact_phone, app.contact_email)),
        "pages_reversed": fmt in SCAN_FORMATS,
    }
    return tuple(d for d in drawn if shows[d])


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: prose names the choice in words (text_only); a
    selection column holds marks apart from the options, so an encoding that marks nothing
    there gives way to one that does (the same one for the same application)."""
    if layout == "prose_letter":
        return "text_only"
    if layout != "cb_matrix" or checkbox not in NO_COLUMN_CHECKBOXES:
        return checkbox
    return _COLUMN_STAND_INS[sum(map(ord, aid)) % len(_COLUMN_STAND_INS)]


# ---------------------------------------------------------------------------- the whole document

def _letter_number(app: App) -> str:
    short = app.applicant_org.removeprefix("湖南省")[:2]
    return f"湘{short}〔2024〕{sum(map(ord, app.aid)) % 40 + 1}号"


def letter_blocks(app: App) -> tuple[Block, ...]:
    """The recommendation letter in front of the form: the unit's own words, its clean values."""
    wan = f"{app.funding_wan:g}"
    people = f"项目负责人：{app.leader_name}；联系人：{app.contact_name}"
    if app.contact_phone:
        people += f"，联系电话：{app.contact_phone}"
    day = sum(map(ord, app.aid)) % 20 + 8
    return (
        Para("关于申报2024年度湖南省科协科技创新服务能力提升计划项目的函", "title"),
        Para(_letter_number(app), "center"),
        Para("湖南省科学技术协会："),
        Para(f"　　根据《关于组织申报2024年度湖南省科协科技创新服务能力提升计划项目的通知》要求，我单位经研究，"
             f"决定申报“{app.project_name}”项目（{app.subcategory}），申请省科协资助经费{wan}万元。"),
        Para(f"　　{people}。"),
        Para("　　特此函报，请予审核支持。"),
        Para("　　附件：项目申报书"),
        Para(f"{app.applicant_org}（盖章）", "right"),
        Para(f"2024年4月{day}日", "right"),
        PageBreak(),
    )


def document_blocks(v: _V, compact: bool) -> tuple[Block, ...]:
    """What this set puts before the whole form: line numbers, a letter in front."""
    out: list[Block] = []
    if "line_numbers" in v.look.value_decos:
        out.append(LineNumbers())
    if "cover_letter" in v.look.value_decos and not compact:
        out += letter_blocks(v.app)
    return tuple(out)


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "prose_letter":
        return _prose_letter(v)
    if v.look.layout == "heading_sections":
        return _heading_sections(v)
    if v.look.layout == "continued_rows":
        return _continued_rows(v)
    if v.look.layout == "caption_below":
        return _caption_below(v)
    raise ValueError(v.look.layout)


def _pairs(v: _V) -> list[tuple[str, str]]:
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    pairs += [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
              ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
              ("起止时间", v.period)]
    return pairs


def _prose_letter(v: _V) -> tuple[Block, ...]:
    app, c = v.app, v.colon
    project = v.project if v.project.startswith("《") else f"“{v.project}”"
    lines = [f"　　根据《关于组织申报2024年度湖南省科协科技创新服务能力提升计划项目的通知》要求，{v.org}申报{project}"
             f"项目。申报单位类型为{app.applicant_type}，项目类别为{app.category}中的“{app.subcategory}”。"]
    if app.partners:
        if app.roles_stated:
            lines.append(f"　　本项目为联合申报项目，牵头单位为{app.applicant_org}，参与单位为{'、'.join(app.partners)}。")
        else:
            lines.append(f"　　本项目由{'、'.join((app.applicant_org, *app.partners))}联合申报。")
    leader = f"项目负责人为{v.name}" + (f"，手机{v.leader_phone}" if v.leader_phone else "")
    contact = f"项目联系人为{v.contact}" + (f"，联系电话{v.contact_phone}" if v.contact_phone else "")
    contact += f"，电子邮箱{v.email}" if v.email else ""
    lines.append(f"　　{leader}；{contact}。")
    lines.append(f"　　{v.funding_label}{c}{v.funding}；项目实施期限{c}{v.period}。")
    return (Para("一、基本情况", "heading"), *(Para(line) for line in lines))


_NUMS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四")


def _heading_sections(v: _V) -> tuple[Block, ...]:
    out: list[Block] = [Para("一、基本情况", "heading")]
    for i, (label, value) in enumerate(_pairs(v)):
        out.append(Para(f"[b]（{_NUMS[i]}）{label}[/b]"))
        # A list paragraph's bullet must start it: only plain text is indented.
        body = [line if line.startswith("[") else f"　　{line}" for line in value.split("\n")]
        out.append(Para("\n".join(body) if value else "　　"))
    return tuple(out)


_SPLIT_AT = re.compile(r"[；，、]")


def split_value(value: str) -> tuple[str, str] | None:
    """Where a value too long for its row is continued in the next: after its first half of
    lines, else (plain text only, markup kept whole) after the punctuation or the word boundary
    nearest its middle. None for a value that fits."""
    lines = value.split("\n")
    if len(lines) > 1:
        half = (len(lines) + 1) // 2
        return "\n".join(lines[:half]), "\n".join(lines[half:])
    if "[" in value or half_widths(value) < 26:
        return None
    middle = len(value) // 2
    spots = [m.end() for m in _SPLIT_AT.finditer(value) if 4 <= m.end() <= len(value) - 4]
    at = min(spots, key=lambda i: abs(i - middle)) if spots else break_at(value)
    return value[:at], value[at:]


def _continued_rows(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = []
    for label, value in _pairs(v):
        parts = split_value(value) if label in ("项目名称", "项目类别", "申报单位", "单位类型", v.joint_label,
                                                  v.funding_label, "起止时间") else None
        if parts is None:
            rows.append((Cell(label), Cell(value)))
        else:
            rows += [(Cell(label, vmerge="restart"), Cell(parts[0])), (Cell("", vmerge="continue"), Cell(parts[1]))]
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)))


_WIDE = frozenset({"项目名称", "项目类别", "申报单位", "单位类型", "联合申报", "联合申报单位", "起止时间"})


def _on_line(value: str) -> str:
    """The value on its underlined line (markup left as it is: the line is the cell's)."""
    lines = value.split("\n") if value else ["　　　　"]
    return "\n".join(line if "[" in line else f"[u]{line}[/u]" for line in lines)


def _caption_below(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = []
    pending: tuple[str, str] | None = None
    for label, value in _pairs(v):
        cell_text = f"{_on_line(value)}\n（{label}）"
        if label in _WIDE:
            if pending:
                rows.append((Cell(pending[1], 2),))
                pending = None
            rows.append((Cell(cell_text, 2),))
        elif pending is None:
            pending = (label, cell_text)
        else:
            rows.append((Cell(pending[1]), Cell(cell_text)))
            pending = None
    if pending:
        rows.append((Cell(pending[1], 2),))
    return (Para("一、基本情况", "heading"), Table((1.0, 1.0), tuple(rows), borders=False))

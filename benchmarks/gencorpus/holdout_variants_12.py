"""The twelfth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at aa593c2), so both splits now draw them
and dev tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, convert and send a Word 申报书 template: the basic part as a grid
drawn with box-drawing characters (制表符 ┌─┬─┐│) in lines of a fixed-width font, as templates
copied from a web page's or a notice's plain text carry it; a basic table without any person,
the leader and the contact named only in the sign-off lines at the foot of the form (项目负责人
（签字）, 填表人); a template received only as a scan, the scan laid behind the text (衬于文字下方)
and each value typed in a frame placed over its cell, no label being text; the leader's and the
contact's cards side by side, two small tables in a borderless table. A picture of a red tick
pasted in and floated over the chosen □; the options that do not apply simply deleted, the
chosen one left with its empty □; a tick from a phone's emoji keyboard (☑️, ✔️: the variation
selector U+FE0F after it) in place of the chosen □. The amount after the year (2024年度8万元),
or not in the basic table at all but in the budget's 合计 (详见经费预算表); the period with days
run together (20240501-20241231) or with each day's weekday as Word's 插入日期 writes it
(2024年5月1日（星期三）). A contact who is the leader and written so (同负责人); long names
squeezed into their cells (字符缩放, 紧缩); last round's amount struck through by hand before the
new one; the leader's post typed before the name (理事长 王伟). Sent as an online 申报系统's
导出Word file, which is HTML in Word's namespaces under a .doc name; or the phone photos of the
printed form pasted into the mail's body (inline parts of multipart/related), not attached.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader. A contact who is
the leader is the application's own (`people`, on both splits): the truth is the planned `App`,
whose contact then is the leader (his name and mobile); the other variants leave the truth as it
was (a struck figure is no value, the budget's 合计 is the amount, a weekday is no part of a date).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App` and
`Look` appear in annotations only.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import html
import random
import re
import unicodedata
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import (
    _TOKEN, Backdrop, Block, Cell, Columns, Frame, Leaders, LineNumbers, Mono, PageFrame, RuledRows, Section, Table,
    Watermark, plain,
)
from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
from benchmarks.gencorpus.holdout_variants_7 import SCAN_FORMATS, frame_height
from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS
from shenbao.demo.forms import PageBreak, Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "text_grid": "no table: the basic part as a grid drawn with box-drawing characters (制表符 ┌─┬─┐│├┼┤└┴┘) in "
                 "lines of a fixed-width font (新宋体, 7.5 pt), label and value padded with full-width spaces; a long "
                 "value or an option list goes on in the row's next lines, the label's cell left empty there",
    "people_in_signatures": "2-column basic table without any person: the leader and the contact are named only "
                            "in the sign-off lines at the foot of the form (项目负责人（签字）：王伟　手机：…, "
                            "填表人（项目联系人）：李娜　联系电话：…, 电子邮箱：…, 填表日期)",
    "scan_background": "the template only as a scan: a picture of the blank basic table (its title, labels and "
                       "rules as pixels) behind the text (衬于文字下方, page-anchored) on a page of its own, each "
                       "value typed in a frame (w:framePr) placed over its cell; no label is text of the document",
    "side_by_side_people": "2-column table for the project and the unit, then the leader's and the contact's "
                           "cards (small tables: 姓名, 职务/职称 or 电话, 手机 or 电子邮箱) side by side in the two "
                           "cells of a borderless 1×2 table, then the amount and the period",
}
WORD_ONLY_LAYOUTS: frozenset[str] = frozenset()

CHECKBOXES: dict[str, str] = {
    "tick_picture": "every option keeps its □; a picture of a red tick (a PNG pasted in, floating in front of the "
                    "text, wrapNone) lies over the chosen one's □, no mark in the text",
    "others_removed": "the options that do not apply deleted outright (no tracked change), the chosen one left "
                      "with its empty □, the other category's heading gone too: 科技创新服务能力建设项目：□学会服务站"
                      "建设, 单位类型 □省级学会",
    "emoji_tick": "the chosen option's □ replaced by a tick from a phone's emoji keyboard, ☑️ or ✔️ (U+2611 or "
                  "U+2714 followed by the variation selector U+FE0F), □ before the others",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()
OOXML_ONLY_CHECKBOXES: frozenset[str] = frozenset()
# Encodings written for a whole option list.
LIST_CHECKBOXES = frozenset({"others_removed"})
# A selection column (cb_matrix) lists every item: one box left empty there marks nothing.
NO_COLUMN_CHECKBOXES = frozenset({"others_removed"})
_COLUMN_STAND_INS = ("ballot", "tick_replace", "square")

FUNDINGS: dict[str, str] = {
    "year_prefixed": "2024年度8万元, 2024年申请8万元, 2024年度：7.5万元 (the year typed before the amount)",
    "see_budget": "详见经费预算表 (or 见“三、经费预算”) in the amount's cell: the amount is the budget table's "
                  "合计 only (forms that carry the budget: not scans or photos)",
}
DATES: dict[str, str] = {
    "compact_days": "20240501-20241231 (year, month and day run together, as finance systems and date fields print "
                    "them)",
    "with_weekday": "2024年5月1日（星期三）至2024年12月31日（星期二） (days with their weekdays, as Word's 插入日期 "
                    "writes a date)",
}
DAY_DATES = frozenset(DATES)

DECORATIONS: dict[str, str] = {
    "contact_ditto": "the contact is the leader and written so: 项目联系人 同负责人 / 同项目负责人 / 同上（项目负责人）, "
                     "the contact's phone 同负责人手机 or the leader's mobile again (the truth is the leader's name "
                     "and mobile)",
    "squeezed_text": "the project name and the unit squeezed into their cells: 字符缩放 72 % and character spacing "
                     "condensed (w:w, w:spacing on their runs)",
    "struck_old_value": "a revised form marked by hand: last round's amount struck through (删除线, w:strike, no "
                        "tracked change) right before the new one: 10万元8万元 with 10万元 struck",
    "post_before_name": "the leader's post typed before the name: 理事长 王伟, 教授　王伟, 秘书长王伟 (the truth is the "
                        "name)",
    "html_doc": "sent as an online 申报系统's 导出Word gives it: an HTML file in Word's namespaces (ProgId "
                "Word.Document, mso styles), in GB2312, GBK or UTF-8, under a .doc name (forms sent as Word 97 "
                "files only)",
    "body_pictures": "the phone photos of the printed form pasted into the mail's body: inline parts of a "
                     "multipart/related whose HTML shows them by Content-ID, no attachment (phone photos only)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "tick_picture": 6.0, "others_removed": 5.0,
                             "emoji_tick": 5.0, "see_budget": 5.0}
DECORATION_ODDS: dict[str, float] = {"squeezed_text": 0.25, "struck_old_value": 0.2, "post_before_name": 0.4,
                                     "html_doc": 0.8, "body_pictures": 0.7}
# The applications' own odds (`people`): a contact who is the leader.
DITTO_ODDS = 0.12

_EMOJI_TICKS = ("☑\ufe0f", "✔\ufe0f")
_DITTO_NAMES = ("同负责人", "同项目负责人", "同上（项目负责人）")
_DITTO_PHONES = ("同负责人手机", "")  # "": the leader's mobile typed again
_YEAR_AMOUNTS = ("2024年度{w}万元", "2024年申请{w}万元", "2024年度：{w}万元")
_SEE_BUDGET = ("详见经费预算表", "见“三、经费预算”", "详见经费预算表（合计）")
_BUDGET_STAND_INS = ("wan", "yuan", "daxie")
_POST_SEPARATORS = (" ", "　", "")
_WEEKDAYS = "一二三四五六日"
# Layouts whose values are pictures or a worksheet's cells: no run formatting of Word's there.
_NOT_TYPED_LAYOUTS = PICTURE_LAYOUTS | SHEET_LAYOUTS
# Layouts with a cell or a column of their own for the leader's post: no post before the name.
_POST_LAYOUTS = frozenset({"alt_cols", "merged_grid", "people_table", "nested_people", "continued_table", "seq_list",
                           "personal_details", "leader_in_team", "annex_people", "people_stacked", "people_columns",
                           "side_by_side_people", "prose_letter"})
# Layouts where 同负责人 would not read: a sentence, the sign-off lines.
_NO_DITTO_LAYOUTS = frozenset({"prose_letter", "people_in_signatures"})
# Amounts too long to have last round's figure before them.
_LONG_FUNDINGS = frozenset({"with_total", "wan_breakdown", "tranches", "daxie_xiaoxie", "see_budget", "unit_note"})
# Decorations the name could not take a post before (a prompt, a revision, a field, a text box,
# a spread name, a title after it).
_NAME_TAKEN = frozenset({"name_title", "hint_left_in", "tracked_fill", "merge_fields", "value_textbox",
                         "distributed_names"})
# The ways of sending an HTML export would not follow.
_NOT_WITH_HTML = frozenset({"misnamed_ext", "word_and_scan", "app_default_names"})
# What a person leaves in a Word file and a system's export never has (a revision, a comment, a
# note, hidden text, a pasted seal, a text box, a merge field, a watermark, line numbers).
_WORD_ONLY_DECORATIONS = frozenset({"tracked_fill", "funding_revised", "comments_left", "footnote_marks",
                                    "hidden_example", "seal_image", "value_textbox", "merge_fields", "watermark",
                                    "line_numbers"})
# Layouts that draw in text boxes or frames, where a pasted picture is not floated (a frame's
# first one LibreOffice does not even print).
_TEXT_BOX_LAYOUTS = frozenset({"textbox_frame", "textbox_grid", "converted_frames", "scan_background"})
_IN_TEXT_BOX_STAND_INS = ("ballot", "tick_replace", "heavy_check")
# Marks that float over the text from where the option starts: a frame's paragraph does not carry
# one from its start (LibreOffice prints it at the page's corner), so the scan's frames show none.
_FLOATING_MARKS = frozenset({"tick_picture", "ring_shape", "floating_tick", "freeform_tick"})


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


# ---------------------------------------------------------------------------- the applications' own values

def people(app: App, base: int) -> App:
    """`app` with the set's own contacts: for some applications whose leader and contact both
    have a phone, the contact is the leader himself (his name and mobile). Drawn per application,
    from its id and the corpus' base, so that no draw of the plan moves."""
    rng = random.Random(f"{base}-{app.aid}-ditto")
    if app.leader_phone and app.contact_phone and rng.random() < DITTO_ODDS:
        return replace(app, contact_name=app.leader_name, contact_phone=app.leader_phone)
    return app


def is_ditto(app: App) -> bool:
    """Whether the application's contact is its leader."""
    return bool(app.leader_phone) and app.contact_name == app.leader_name and app.contact_phone == app.leader_phone


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "tick_picture":
        return f"[tickpic]□{label}" if chosen else f"□{label}"
    if style == "emoji_tick":
        return f"{_pick(label, _EMOJI_TICKS)}{label}" if chosen else f"□{label}"
    if style == "others_removed":
        return f"□{label}" if chosen else ""
    raise ValueError(style)


def category_text(items: dict[str, tuple[str, ...]], chosen: str, style: str) -> str:
    """The category list with what does not apply deleted: the chosen item's category and it."""
    if style != "others_removed":
        raise ValueError(style)
    category = next(c for c, its in items.items() if chosen in its)
    return f"{category}：\n{option_text(True, chosen, style)}"


def options_text(options: tuple[str, ...], chosen: str, style: str) -> str:
    if style != "others_removed":
        raise ValueError(style)
    return option_text(True, chosen, style)


def funding_text(app: App, style: str) -> str:
    # forms imports this module; by the time a form is drawn forms is loaded.
    from benchmarks.gencorpus.forms import wan_str

    if style == "year_prefixed":
        return _pick(app.aid, _YEAR_AMOUNTS).format(w=wan_str(app.funding_wan))
    if style == "see_budget":
        return _pick(app.aid, _SEE_BUDGET)
    raise ValueError(style)


def weekday(d: date) -> str:
    return f"星期{_WEEKDAYS[d.weekday()]}"


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "compact_days":
        return f"{s:%Y%m%d}-{e:%Y%m%d}"
    if style == "with_weekday":
        return (f"{s.year}年{s.month}月{s.day}日（{weekday(s)}）至"
                f"{e.year}年{e.month}月{e.day}日（{weekday(e)}）")
    raise ValueError(style)


def ditto_name(aid: str) -> str:
    return _pick(aid, _DITTO_NAMES)


def ditto_phone(aid: str, typed: str) -> str:
    """The contact's phone when it is the leader's mobile: 同负责人手机, or `typed` again."""
    return _pick(aid + "-phone", _DITTO_PHONES) or typed


def post_name(app: App, typed: str) -> str:
    """`typed` (the leader's name) after his post."""
    return f"{app.leader_post}{_pick(app.aid + '-post', _POST_SEPARATORS)}{typed}"


def squeezed(typed: str) -> str:
    """`typed` squeezed, line by line (a line of its own is a paragraph of its own)."""
    return "\n".join(f"[sq]{line}[/sq]" if line else line for line in typed.split("\n"))


def struck(old: str, typed: str) -> str:
    """`typed` (the amount) after last round's figure `old`, struck through by hand."""
    return f"[s]{old}[/s]{typed}"


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a selection column lists every item, where one
    empty box would mark nothing; a text box or a frame takes no floating picture, and the scan's
    frames no mark floating from an option's start (the same stand-in for the same application)."""
    if layout == "cb_matrix" and checkbox in NO_COLUMN_CHECKBOXES:
        return _pick(aid, _COLUMN_STAND_INS)
    if layout in _TEXT_BOX_LAYOUTS and checkbox == "tick_picture" or layout == "scan_background" and (
            checkbox in _FLOATING_MARKS):
        return _pick(aid, _IN_TEXT_BOX_STAND_INS)
    return checkbox


def funding_for(funding: str, fmt: str, aid: str) -> str:
    """The amount's writing a form shows: scans and photos carry no budget table (the compact
    form), so the amount is written there."""
    if funding == "see_budget" and fmt in SCAN_FORMATS:
        return _pick(aid, _BUDGET_STAND_INS)
    return funding


def shown(decorations: tuple[str, ...], app: App | None, layout: str) -> tuple[str, ...]:
    """The decorations drawn earlier less those a form of `layout` cannot show with this set's:
    a contact written 同负责人 carries no role; a frame takes no footnote; a grid's line no
    manual line break."""
    drop: set[str] = set()
    if app is not None and is_ditto(app) and layout not in _NO_DITTO_LAYOUTS:
        drop.add("contact_role")
    if layout == "scan_background":
        drop.add("footnote_marks")
    if layout == "text_grid":
        drop.add("project_softbreak")
    return tuple(d for d in decorations if d not in drop)


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str, drawn_before: tuple[str, ...],
                     name_deco: str, funding: str) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only: the
    application's own (a contact who is the leader) and those drawn here."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    before = set(drawn_before)
    shows = {
        "squeezed_text": layout not in _NOT_TYPED_LAYOUTS,
        "struck_old_value": layout not in _NOT_TYPED_LAYOUTS | {"alt_cols"} and funding not in _LONG_FUNDINGS
                            and "funding_revised" not in before,
        "post_before_name": name_deco == "plain" and layout not in _POST_LAYOUTS and not _NAME_TAKEN & before,
        "html_doc": fmt == "doc" and not _NOT_WITH_HTML & before,
        "body_pictures": fmt == "photo_jpg" and "forwarded_eml" not in before,
    }
    own = ("contact_ditto",) if is_ditto(app) and layout not in _NO_DITTO_LAYOUTS else ()
    return own + tuple(d for d in drawn if shows[d])


def settle(mails: list[MailPlan]) -> None:
    """A forwarded mail carries the applicant's message as it was sent: photos pasted into that
    message's body are not this set's way of sending (the forward keeps them as its attachments)."""
    for m in mails:
        if m.forwarded is None:
            continue
        for f in m.forms:
            if "body_pictures" in f.look.decorations:
                f.look = without(f.look, "body_pictures")


def exported(look: Look) -> Look:
    """`look` as a 申报系统 exports the form: none of what only a person's Word file has."""
    for decoration in _WORD_ONLY_DECORATIONS & set(look.decorations):
        look = without(look, decoration)
    return look


def without(look: Look, decoration: str) -> Look:
    return replace(look, decorations=tuple(d for d in look.decorations if d != decoration),
                   value_decos=tuple(d for d in look.value_decos if d != decoration))


# ---------------------------------------------------------------------------- the whole document

def tail_blocks(v: _V) -> tuple[Block, ...]:
    """What this set puts after the whole form: the sign-off lines of people_in_signatures."""
    if v.look.layout != "people_in_signatures":
        return ()
    lines = ("", f"项目负责人（签字）：{v.name}　　　　手机：{v.leader_phone}",
             f"填表人（项目联系人）：{v.contact}　　　　联系电话：{v.contact_phone}", f"电子邮箱：{v.email}",
             "填表日期：2024年4月　日")
    return (Para("\n".join(lines)),)


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "text_grid":
        return _text_grid(v)
    if v.look.layout == "people_in_signatures":
        return _people_in_signatures(v)
    if v.look.layout == "scan_background":
        return _scan_background(v)
    if v.look.layout == "side_by_side_people":
        return _side_by_side_people(v)
    raise ValueError(v.look.layout)


def _head(v: _V) -> list[tuple[str, str]]:
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    return pairs


def _pairs(v: _V) -> list[tuple[str, str]]:
    return _head(v) + [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
                       ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
                       ("起止时间", v.period)]


# --- the grid of box-drawing characters

GRID_SIZE_PT = 7.5
GRID_WIDTH = 114  # half-width cells to a line of 7.5 pt (六号) in the 16.6 cm text width, with room to spare
_SEPARATORS = (" ", "　", "，", "；", "、", "：")
_PAIRED = re.compile(r"\[(b|u|hl|s|red|grey|em|shd|bdr|hide|del|ins|ft|sq|tbx)\].*?\[/\1\]"
                     r"|\[(sdt|mail|cm|mf):[^\]]*\].*?\[/\2\]")


def cells(text: str) -> int:
    """How many half-width cells `text` takes in a fixed-width CJK font: wide, full-width and
    ambiguous characters (□, √, ─, │ …) and other symbols (☑, ✔) two, combining and zero-width
    ones (the variation selector U+FE0F) none."""
    n = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf") or ch in "\ufe0f\u200b":
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") or unicodedata.category(ch) == "So" else 1
    return n


def printed(text: str) -> str:
    """What `text` (with markup) shows in print: a tracked deletion too, struck through."""
    return plain(re.sub(r"\[/?del\]", "", text))


def _atoms(text: str) -> list[str]:
    """`text` cut into what a line must not split: a span of formatting with its text, a token,
    a character."""
    out: list[str] = []
    pos = 0
    while pos < len(text):
        m = _PAIRED.match(text, pos) or _TOKEN.match(text, pos)
        end = m.end() if m else pos + 1
        out.append(text[pos:end])
        pos = end
    return out


def wrap(text: str, width: int) -> list[str]:
    """`text` (one line, with markup) broken into lines of at most `width` cells as shown, at a
    space or a punctuation mark where one is near the end of the line."""
    atoms: list[str] = []
    for atom in _atoms(text):
        if cells(printed(atom)) > width and _PAIRED.fullmatch(atom):  # a span too long for a line
            head = _TOKEN.match(atom)
            assert head is not None
            tail = atom.rindex("[")
            atoms += [atom[:head.end()], *_atoms(atom[head.end():tail]), atom[tail:]]
        else:
            atoms.append(atom)
    lines: list[str] = []
    line: list[str] = []
    used = 0
    for atom in atoms:
        w = cells(printed(atom))
        if line and used + w > width:
            breaks = [i for i, a in enumerate(line) if printed(a) in _SEPARATORS and i >= len(line) // 2]
            cut = breaks[-1] + 1 if breaks else len(line)
            lines.append("".join(line[:cut]).rstrip(" 　"))
            line = line[cut:]
            while line and printed(line[0]) in (" ", "　"):
                line = line[1:]
            used = sum(cells(printed(a)) for a in line)
        if not line and printed(atom) in (" ", "　"):  # no line starts with a space
            continue
        line.append(atom)
        used += w
    lines.append("".join(line))
    return lines


def _pad(text: str, width: int) -> str:
    gap = max(0, width - cells(printed(text)))
    return text + "　" * (gap // 2) + " " * (gap % 2)


def grid_lines(pairs: list[tuple[str, str]]) -> tuple[str, ...]:
    """The rows (label, value) as a grid of box-drawing characters, a value's lines one below
    the other beside its label."""
    label_w = max(12, max(cells(printed(label)) for label, _ in pairs) + 2)
    label_w += label_w % 2
    value_w = GRID_WIDTH - label_w - 6
    value_w -= value_w % 2

    def rule(left: str, middle: str, right: str) -> str:
        return left + "─" * (label_w // 2) + middle + "─" * (value_w // 2) + right

    out = [rule("┌", "┬", "┐")]
    for k, (label, value) in enumerate(pairs):
        texts = [line for part in value.replace("[br]", "\n").split("\n") for line in wrap(part, value_w)] or [""]
        for i, text in enumerate(texts):
            out.append(f"│{_pad(label if i == 0 else '', label_w)}│{_pad(text, value_w)}│")
        out.append(rule("├", "┼", "┤") if k < len(pairs) - 1 else rule("└", "┴", "┘"))
    return tuple(out)


def _text_grid(v: _V) -> tuple[Block, ...]:
    return (Para("一、基本情况", "heading"), Mono(grid_lines(_pairs(v)), GRID_SIZE_PT))


# --- the sign-off lines

def _people_in_signatures(v: _V) -> tuple[Block, ...]:
    rows = [(Cell(label), Cell(value)) for label, value in _head(v)]
    rows += [(Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple(rows)))


# --- the scan behind the text

BACK_X_CM, BACK_Y_CM, BACK_W_CM, BACK_LABEL_CM, BACK_TITLE_CM = 2.2, 3.4, 16.6, 3.4, 1.0
_BACK_PAD_CM = 0.35


def background_rows(pairs: list[tuple[str, str]]) -> list[tuple[str, str, float]]:
    """(label, value, row height in cm) of the scanned table: tall enough for the value's frame."""
    out = []
    for label, value in pairs:
        label_lines = -(-cells(plain(label)) // 12)
        # (A tracked deletion shows in print too: the frame is as tall as what it shows.)
        tall = frame_height(re.sub(r"\[/?del\]", "", value))
        out.append((label, value, round(max(tall, 0.55 * label_lines) + _BACK_PAD_CM, 2)))
    return out


def _scan_background(v: _V) -> tuple[Block, ...]:
    from benchmarks.gencorpus.media import blank_form_jpg

    rows = background_rows(_pairs(v))
    picture = blank_form_jpg([(label, h) for label, _, h in rows], BACK_W_CM, BACK_LABEL_CM, "一、基本情况",
                             BACK_TITLE_CM)
    height = BACK_TITLE_CM + sum(h for _, _, h in rows) + 0.02
    out: list[Block] = [Backdrop(picture, BACK_X_CM, BACK_Y_CM, BACK_W_CM, height)]
    y = BACK_Y_CM + BACK_TITLE_CM
    for _, value, h in rows:
        out.append(Frame(BACK_X_CM + BACK_LABEL_CM + 0.2, y + 0.12, BACK_W_CM - BACK_LABEL_CM - 0.45,
                         tuple(value.split("\n"))))
        y += h
    # The scan and the values hold the page alone: what follows starts on the next page.
    return (*out, PageBreak())


# --- the people's cards side by side

def _side_by_side_people(v: _V) -> tuple[Block, ...]:
    app = v.app
    leader = Table((1.0, 2.1), ((Cell("项目负责人", 2, shade=True),), (Cell("姓　名"), Cell(v.name)),
                                (Cell("职务/职称"), Cell(app.leader_post)), (Cell("手　机"), Cell(v.leader_phone))))
    contact = Table((1.0, 2.1), ((Cell("项目联系人", 2, shade=True),), (Cell("姓　名"), Cell(v.contact)),
                                 (Cell("电　话"), Cell(v.contact_phone)), (Cell("电子邮箱"), Cell(v.email))))
    cards = Table((1.0, 1.0), ((Cell("", nested=leader), Cell("", nested=contact)),), borders=False)
    head = Table((1.2, 4.0), tuple((Cell(label), Cell(value)) for label, value in _head(v)))
    tail = Table((1.2, 4.0), ((Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))))
    # (An empty paragraph keeps the last table apart: two tables in a row are one table.)
    return (Para("一、基本情况", "heading"), head, Para("项目负责人及联系人", "heading"), cards, Para(""), tail)


# ---------------------------------------------------------------------------- how the form is sent

def as_html(decorations: tuple[str, ...]) -> bool:
    """Whether the form is sent as the HTML a 申报系统 exports under a .doc name."""
    return "html_doc" in decorations


# Markup an HTML export carries as Word shows it (formatting, a line break, a link); nothing else.
_HTML_TAGS = {"b": "<b>", "/b": "</b>", "u": "<u>", "/u": "</u>", "s": "<s>", "/s": "</s>",
              "red": "<span style='color:red'>", "grey": "<span style='color:gray'>",
              "hl": "<span style='background:yellow;mso-highlight:yellow'>",
              "shd": "<span style='background:black;mso-shading:black'>",
              "bdr": "<span style='border:solid windowtext 1.0pt;padding:0cm'>",
              "br": "<br>", "sq": "", "/sq": "", "dist": "", "/mail": "</a>"}
for _tag in ("red", "grey", "hl", "shd", "bdr"):
    _HTML_TAGS[f"/{_tag}"] = "</span>"
_HTML_BLOCKS = (Para, Table, PageBreak, Section, PageFrame, Watermark, LineNumbers, Leaders, RuledRows, Columns, Mono)


def _texts(blocks: tuple[Block, ...]) -> list[str]:
    out: list[str] = []

    def table(t: Table) -> None:
        for row in t.rows:
            for c in row:
                out.append(c.text)
                if c.nested is not None:
                    table(c.nested)

    for block in blocks:
        if isinstance(block, Para):
            out.append(block.text)
        elif isinstance(block, Table):
            table(block)
        elif isinstance(block, (Leaders, RuledRows)):
            out += [f"{label}{value}" for label, value in block.rows]
        elif isinstance(block, (Columns, Mono)):
            out += list(block.lines)
    return out


def html_ok(blocks: tuple[Block, ...]) -> bool:
    """Whether an HTML export shows the form as its Word file does: paragraphs and tables only
    (no frame, text box, picture, object), marks and formatting HTML has (no field, control,
    revision, hidden text, note, comment or floating shape)."""
    if not all(isinstance(b, _HTML_BLOCKS) for b in blocks):
        return False
    for text in _texts(blocks):
        for m in _TOKEN.finditer(text):
            if not (m.group(1) in _HTML_TAGS or m.group(8)):
                return False
    return True


def _inline_html(text: str) -> str:
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        pos = m.end()
        if m.group(8):
            out.append(f"<a href=\"mailto:{html.escape(m.group(8))}\">")
        else:
            out.append(_HTML_TAGS[m.group(1)])
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out) or "&nbsp;"


_PARA_STYLES = {"title": " align=center style='text-align:center'><b><span style='font-size:16.0pt'",
                "heading": "><b><span style='font-size:12.0pt'", "note": "><span style='font-size:9.0pt'",
                "center": " align=center style='text-align:center'><span", "right": " align=right style='text-align:right'><span"}


def _para_html(text: str, style: str) -> str:
    head = _PARA_STYLES.get(style, "><span")
    close = "</span></b>" if style in ("title", "heading") else "</span>"
    return f"<p class=MsoNormal{head}>{_inline_html(text)}{close}</p>"


def _table_html(t: Table, width_pt: float) -> str:
    total = sum(t.widths)
    widths = [width_pt * w / total for w in t.widths]
    border = "border:solid windowtext 1.0pt" if t.borders else "border:none"
    # Where each row's cells start in the grid, for the rows a vertically merged cell spans.
    starts = []
    for row in t.rows:
        col, at = 0, []
        for c in row:
            at.append(col)
            col += c.span
        starts.append(at)
    out = [f"<table class=MsoTableGrid border={1 if t.borders else 0} cellspacing=0 cellpadding=0 "
           f"style='border-collapse:collapse;{border};mso-yfti-tbllook:1184'>"]
    for r, row in enumerate(t.rows):
        out.append("<tr>")
        for c, col in zip(row, starts[r]):
            if c.vmerge == "continue":
                continue
            span = 1
            if c.vmerge == "restart":
                while r + span < len(t.rows) and any(
                        cc.vmerge == "continue" and cc_col == col for cc, cc_col in zip(t.rows[r + span], starts[r + span])):
                    span += 1
            style = [border, "padding:0cm 5.4pt 0cm 5.4pt"]
            if c.shade:
                style.append("background:#D9D9D9")
            if c.vertical:
                style.append("layout-flow:vertical-ideographic")
            attrs = f" width={round(sum(widths[col:col + c.span]) * 96 / 72)}"
            attrs += f" colspan={c.span}" if c.span > 1 else ""
            attrs += f" rowspan={span}" if span > 1 else ""
            body = "".join(_para_html(line, "body") for line in c.text.split("\n"))
            if c.nested is not None:
                body += _table_html(c.nested, sum(widths[col:col + c.span]) * 0.94)
            out.append(f"<td{attrs} valign=top style='{';'.join(style)}'>{body}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


_TEXT_WIDTH_PT = 470.6
_PAGE_BREAK = "<br clear=all style='mso-special-character:line-break;page-break-before:always'>"
_WORD_HTML_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" \
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" \
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset={charset}">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:Zoom>100</w:Zoom>
  <w:DoNotOptimizeForBrowser/>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
@page WordSection1 {{size:595.3pt 841.9pt; margin:56.7pt 62.4pt 56.7pt 62.4pt; mso-header-margin:42.55pt;
  mso-footer-margin:49.6pt; mso-paper-source:0;}}
div.WordSection1 {{page:WordSection1;}}
p.MsoNormal, li.MsoNormal, div.MsoNormal {{margin:0cm; margin-bottom:.0001pt; text-align:justify;
  text-justify:inter-ideograph; mso-pagination:none; font-size:10.5pt; font-family:宋体;
  mso-ascii-font-family:"Times New Roman"; mso-hansi-font-family:"Times New Roman";}}
table.MsoTableGrid {{border-collapse:collapse;}}
-->
</style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<div class=WordSection1>
"""


def word_html(blocks: tuple[Block, ...], title: str) -> bytes:
    """The form as a 申报系统's 导出Word writes it: HTML in Word's namespaces, in GB2312 where
    every character has a code there, else GBK, else UTF-8 (the meta names the one used)."""
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            body += [_para_html(line, block.style) for line in block.text.split("\n")]
        elif isinstance(block, Table):
            body.append(_table_html(block, _TEXT_WIDTH_PT))
        elif isinstance(block, (PageBreak, Section)):
            body.append(_PAGE_BREAK)
        elif isinstance(block, (Leaders, RuledRows)):
            body += [_para_html(f"{label}：{value.replace(chr(10), '[br]')}", "body") for label, value in block.rows]
        elif isinstance(block, Columns):
            body += [_para_html(line, "body") for line in block.lines]
        elif isinstance(block, Mono):
            body += [f"<p class=MsoNormal><span style='font-size:{block.size_pt}pt;font-family:{block.font}'>"
                     f"{_inline_html(line)}</span></p>" for line in block.lines]
    text = _WORD_HTML_HEAD + "\n".join(body) + "\n</div>\n</body>\n</html>\n"
    for charset, codec in (("gb2312", "gb2312"), ("gbk", "gbk"), ("utf-8", "utf-8")):
        page = text.replace("{charset}", charset).replace("{title}", html.escape(title))
        try:
            return page.replace("\n", "\r\n").encode(codec)
        except UnicodeEncodeError:
            continue
    raise AssertionError("utf-8 encodes every page")


# --- photos in the body

def inline_pictures(eml: bytes, names: list[str]) -> bytes:
    """`eml` (a multipart/mixed message as shenbao.demo.mail writes it, header habits applied)
    with the attachments named `names` moved into its body: a multipart/related holding the
    multipart/alternative body, whose HTML now shows each picture by its Content-ID, and the
    pictures as inline image/jpeg parts; the other attachments stay where they were."""
    head, _, body = eml.partition(b"\r\n\r\n")
    found = re.search(rb'boundary="([^"]+)"', head)
    assert found is not None
    parts = re.split(rb"\r\n--" + re.escape(found.group(1)) + rb"(?=\r\n|--)", body)
    preamble, inner, last = parts[0], [p[2:] for p in parts[1:-1]], parts[-1]
    alternative, rest = inner[0], inner[1:]
    moved: list[tuple[bytes, str]] = []
    kept: list[bytes] = []
    for part in rest:
        msg = email.message_from_bytes(part, policy=email.policy.default)
        name = msg.get_filename()
        if name in names:
            cid = f"{hashlib.sha1(part).hexdigest()[:24]}@inline"
            moved.append((_inline_part(part, cid), cid))
        else:
            kept.append(part)
    if not moved:
        return eml
    related_boundary = found.group(1) + b"_rel"
    related = [b"Content-Type: multipart/related;\r\n\ttype=\"multipart/alternative\";\r\n\tboundary=\"" +
               related_boundary + b"\"\r\n\r\n--" + related_boundary + b"\r\n" + _with_pictures(alternative, moved)]
    related += [b"\r\n--" + related_boundary + b"\r\n" + part for part, _ in moved]
    related.append(b"\r\n--" + related_boundary + b"--\r\n")
    delim = b"\r\n--" + found.group(1)
    out = head + b"\r\n\r\n" + preamble + delim + b"\r\n" + b"".join(related)
    for part in kept:
        out += delim + b"\r\n" + part
    return out + delim + last


def _inline_part(part: bytes, cid: str) -> bytes:
    head, sep, data = part.partition(b"\r\n\r\n")
    head = re.sub(rb"Content-Type: [^;\r\n]+", b"Content-Type: image/jpeg", head, count=1)
    head = head.replace(b"Content-Disposition: attachment", b"Content-ID: <" + cid.encode() + b">\r\n"
                        b"Content-Disposition: inline", 1)
    return head + sep + data


def _with_pictures(alternative: bytes, pictures: list[tuple[bytes, str]]) -> bytes:
    """The multipart/alternative body with its HTML part rewritten to show `pictures` after the
    text (base64, in the part's own charset); its plain text part as it was."""
    head, _, body = alternative.partition(b"\r\n\r\n")
    found = re.search(rb'boundary="([^"]+)"', head)
    assert found is not None
    parts = re.split(rb"\r\n--" + re.escape(found.group(1)) + rb"(?=\r\n|--)", b"\r\n" + body)
    out = []
    for part in (p[2:] for p in parts[1:-1]):
        msg = email.message_from_bytes(part, policy=email.policy.default)
        if msg.get_content_type() == "text/html":
            charset = msg.get_content_charset() or "utf-8"
            page = str(msg.get_content())
            shown = "".join(f"<div><img src=\"cid:{cid}\" style=\"max-width:100%\"></div>" for _, cid in pictures)
            page = page.replace("</body>", shown + "</body>", 1) if "</body>" in page else page + shown
            encoded = base64.encodebytes(page.encode(charset, errors="xmlcharrefreplace")).replace(b"\n", b"\r\n")
            part = (f"Content-Type: text/html;\r\n\tcharset=\"{charset}\"\r\nContent-Transfer-Encoding: base64"
                    "\r\n\r\n").encode() + encoded.rstrip(b"\r\n")
        out.append(part)
    delim = b"\r\n--" + found.group(1)
    return head + b"\r\n\r\n" + parts[0][2:] + b"".join(delim + b"\r\n" + p for p in out) + delim + parts[-1]

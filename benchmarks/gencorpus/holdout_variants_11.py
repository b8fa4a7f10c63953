"""The eleventh set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at f1c9286), so both splits now draw them
and dev tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill and send a Word 申报书 template: the leader and the contact as two
columns of one grid whose rows are 姓名, 职务/职称, 手机/电话, 电子邮箱 (the people filled in
column by column); the basic table as a PDF-to-Word converter leaves it, labels cut over two cells
(项目 | 名称) and narrow empty slivers between the columns; no table at all but paragraphs ruled to
look like one (段落边框 round them and between them, a bar tab drawing the rule between label and
value); the table pasted row by row, each row a table of its own with an empty paragraph between.
Check boxes after their options (学术交流☑  学会服务站建设□, as many templates place them); Forms
2.0 check box controls (ActiveX, 控件工具箱) whose captions are the options; a tick drawn with the
freeform tool over the chosen □; a √ typed as an equation (插入 → 公式) in place of the chosen □.
The amount in 大写 down to its 角 and 分 (捌万元零角零分), or in 元 with two decimals and the unit in
the label only (申请经费（元） 80,000.00); the period by 旬 (2024年5月上旬至12月下旬) or by quarters
(2024年第二季度至第四季度). Leaders and contacts whose names are a given name and a father's name
joined by the 间隔号 (阿依古丽·艾海提); office phones with an extension (0731-84000000转8012);
the e-mail written against harvesters (lina（at）163.com, lina#163.com); empty fields written
无 or / as templates ask (联合申报单位：无). Sent as the Word file and, in the same mail, the scan
of its signed and stamped printout; or under a name whose extension is the other Word format's
(a .docx named .doc, a Word 97 file named .docx).

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader. The names with a
间隔号 and the extensions are the applications' own (`people`, on both splits): the truth is the
planned `App`, so it carries them as written; the other variants leave the truth as it was (无
is no value, a quarter is its months, an amount in 元 is the same amount in 万元).

This module imports nothing from forms.py at run time (forms.py imports it); `_V` and `App`
appear in annotations only.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING

from benchmarks.gencorpus.docmodel import Block, Cell, RuledRows, Table
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.forms import App, _V

LAYOUTS: dict[str, str] = {
    "people_columns": "3-column basic table whose people part is a grid filled column by column: the header row "
                      "项目负责人 | 项目联系人, then 姓名, 职务/职称, 手机/电话, 电子邮箱 rows, one value per person",
    "sliver_grid": "the basic table as a PDF-to-Word converter leaves it: a 10-column grid of uneven widths, every "
                   "label cut over two cells (项目 | 名称, 项目负 | 责人), values merged over the columns left, "
                   "narrow empty sliver cells at a row's start or end",
    "ruled_paragraphs": "no table: one paragraph per field, label⇥value, ruled to look like a table (paragraph "
                        "borders round the paragraphs and between them, a bar tab drawing the rule between label "
                        "and value); a value's further lines are line breaks in its paragraph",
    "row_tables": "the basic table pasted row by row: each row a table of its own (1×2, or 1×4 for a person and a "
                  "phone), an empty paragraph between, the label columns of slightly different widths",
}
WORD_ONLY_LAYOUTS: frozenset[str] = frozenset()

CHECKBOXES: dict[str, str] = {
    "box_after": "the template's boxes after the options: 学术交流□  学会服务站建设☑ (☑ after the chosen one)",
    "activex_checkbox": "Forms 2.0 check box ActiveX controls (w:object with w:control, Forms.CheckBox.1, a "
                        "property bag with Value and Caption) whose captions are the options; no option is text "
                        "of the document (files sent as .docx only)",
    "freeform_tick": "every option keeps its □; a tick drawn with the freeform tool (任意多边形: a floating "
                     "shape with a custom geometry, pen-blue, no text) lies over the chosen one's □",
    "equation_tick": "the chosen option's □ replaced by a √ typed as an inline equation (m:oMath, Cambria Math), "
                     "□ before the others (files sent as .docx only)",
}
# LibreOffice writes neither an ActiveX control nor an equation into .doc or PDF as Word shows
# them: only files sent as .docx carry the two.
WORD_ONLY_CHECKBOXES = frozenset({"activex_checkbox", "equation_tick"})
OOXML_ONLY_CHECKBOXES = frozenset({"activex_checkbox", "equation_tick"})

FUNDINGS: dict[str, str] = {
    "jiao_fen": "捌万元零角零分, 柒万伍仟元零角零分 (大写 down to 角 and 分, as invoices and bank slips write it)",
    "yuan_2dp_label": "80,000.00 with the unit in the label only: 申请经费（元）",
}
YUAN_LABEL_FUNDINGS = frozenset({"yuan_2dp_label"})
DATES: dict[str, str] = {
    "xun": "2024年5月上旬至12月下旬 (months and their 旬; across years 2024年3月上旬至2025年6月下旬)",
    "quarters": "2024年第二季度至第四季度 (where the period starts and ends with quarters; across years "
                "2024年第三季度至2025年第二季度); other periods are written by 旬",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "name_middle_dot": "the leader or the contact named as Uyghur and Kazakh people are, a given name and a "
                       "father's name joined by the 间隔号: 阿依古丽·艾海提 (the truth is the name as written)",
    "phone_extension": "the contact's office phone with its extension: 0731-84000000转8012, 0731-84000000-8012, "
                       "0731-84000000（分机8012） (the truth is the number as written)",
    "email_at_word": "the e-mail written against address harvesters: lina（at）163.com, lina[at]163.com, "
                     "lina#163.com",
    "wu_for_empty": "empty fields written as templates ask (无则填“无”): 联合申报单位 无 for a unit applying alone, "
                    "无 or / for a phone or an e-mail not given",
    "word_and_scan": "sent as the Word file (.docx, .doc or .wps) and, in the same mail, the scan of its signed "
                     "and stamped printout (…（盖章扫描件）.pdf): two files of one application",
    "misnamed_ext": "the form under the other Word format's extension: a .docx named .doc, a Word 97 file named "
                    ".docx (as a rename or a careless 另存为 leaves it)",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count; the encodings of
# .docx files only more again (about a third of the forms are sent as .docx), and the quarters,
# which fit one period in five.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, **{name: 12.0 for name in OOXML_ONLY_CHECKBOXES},
                             "box_after": 5.0, "freeform_tick": 5.0, "quarters": 8.0}
DECORATION_ODDS: dict[str, float] = {"email_at_word": 0.25, "wu_for_empty": 0.35, "word_and_scan": 0.6,
                                     "misnamed_ext": 0.25}
# The applications' own odds (`people`): a leader, a contact named with a 间隔号; a contact's
# office phone with an extension.
NAME_ODDS = (0.08, 0.06)
EXTENSION_ODDS = 0.3

MIDDLE_DOT = "·"  # U+00B7, the 间隔号 of GB/T 15834
NAMES_WITH_DOT = ("阿依古丽·艾海提", "买买提江·吐尔逊", "古丽米拉·阿不都热依木", "艾尔肯·吐拉洪", "热依拉·买合木提",
                  "努尔兰·哈力木", "迪丽娜尔·阿布都拉", "帕尔哈提·艾买提", "米热阿依·托合提", "阿卜杜萨拉木·依明")
_EXTENSIONS = ("转{n}", "-{n}", "（分机{n}）")
_EXTENSION = re.compile(r"(?:转|-|（分机)\d{3,4}）?$")
_AT_WORDS = ("（at）", "[at]", "#")
_EMPTY_MARKS = ("无", "/", "无")
# What a Word file shows that its LibreOffice print does not (a revision's markup, a merge
# field's name): a form with one of them is not scanned from that print.
_NOT_PRINTED = frozenset({"funding_revised", "tracked_fill", "merge_fields"})
# Formats that send the Word file itself, not an archive of it (build.FORMATS).
_WORD_FILES = frozenset({"docx", "doc", "wps"})
# Layouts that draw in text boxes, where Word takes neither a control nor a floating shape.
_TEXT_BOX_LAYOUTS = frozenset({"textbox_frame", "textbox_grid"})
_IN_TEXT_BOX_STAND_INS = ("ballot", "tick_replace", "box_after")
_SCAN_SUFFIXES = ("（盖章扫描件）", "-盖章版", "（签字盖章）")
CONTACT_POST = "办公室"


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


# ---------------------------------------------------------------------------- the applications' own values

def people(app: App, base: int) -> App:
    """`app` with the set's own people and phones: a leader or a contact named with a 间隔号, a
    contact's office phone with an extension (drawn per application, from its id and the corpus'
    base, so that no draw of the plan moves)."""
    rng = random.Random(f"{base}-{app.aid}-people")
    leader, contact, phone = app.leader_name, app.contact_name, app.contact_phone
    if rng.random() < NAME_ODDS[0]:
        leader = rng.choice(NAMES_WITH_DOT)
    if rng.random() < NAME_ODDS[1]:
        contact = rng.choice(tuple(n for n in NAMES_WITH_DOT if n != leader))
    if phone and phone.startswith("0") and rng.random() < EXTENSION_ODDS:
        phone += rng.choice(_EXTENSIONS).format(n=rng.randint(801, 8899))
    return replace(app, leader_name=leader, contact_name=contact, contact_phone=phone)


def has_extension(phone: str | None) -> bool:
    return bool(phone and phone.startswith("0") and _EXTENSION.search(phone))


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "box_after":
        return f"{label}{'☑' if chosen else '□'}"
    if style == "activex_checkbox":
        return f"[ax:{1 if chosen else 0}|{label}]"
    if style == "freeform_tick":
        return f"[ink]□{label}" if chosen else f"□{label}"
    if style == "equation_tick":
        return f"[om:√]{label}" if chosen else f"□{label}"
    raise ValueError(style)


def funding_text(app: App, style: str) -> str:
    # forms imports this module; by the time a form is drawn forms is loaded.
    from benchmarks.gencorpus.forms import daxie

    if style == "jiao_fen":
        return daxie(app.funding_wan).removesuffix("整") + "零角零分"
    if style == "yuan_2dp_label":
        return f"{round(app.funding_wan * 10000):,.2f}"
    raise ValueError(style)


_QUARTER_NAMES = "一二三四"


def _quarter(month: int) -> str:
    return f"第{_QUARTER_NAMES[(month - 1) // 3]}季度"


def fits_quarters(app: App) -> bool:
    """Whether the period starts on a quarter's first day and ends on a quarter's last."""
    after_end = app.end + timedelta(days=1)
    return app.start.day == 1 and app.start.month % 3 == 1 and after_end.day == 1 and app.end.month % 3 == 0


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "xun":
        end = f"{e.month}月下旬" if e.year == s.year else f"{e.year}年{e.month}月下旬"
        return f"{s.year}年{s.month}月上旬至{end}"
    if style == "quarters":
        if not fits_quarters(app):
            raise ValueError(f"{s}–{e} is no run of quarters")
        end = _quarter(e.month) if e.year == s.year else f"{e.year}年{_quarter(e.month)}"
        return f"{s.year}年{_quarter(s.month)}至{end}"
    raise ValueError(style)


def dates_for(dates: str, app: App | None) -> str:
    """The period's writing a form shows: by quarters only where they fit, by 旬 otherwise."""
    if dates == "quarters" and (app is None or not fits_quarters(app)):
        return "xun"
    return dates


def email_text(email: str | None, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` (the e-mail as the other decorations left it) with its @ written out."""
    if not email or "email_at_word" not in decorations or "@" not in typed:
        return typed
    return typed.replace("@", _pick(email, _AT_WORDS), 1)


def empty_text(typed: str, decorations: tuple[str, ...], aid: str) -> str:
    """What an empty field shows: 无 or / where the template asks for it, else nothing."""
    if typed or "wu_for_empty" not in decorations:
        return typed
    return _pick(aid, _EMPTY_MARKS)


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: Word takes no control or floating shape into a
    text box, so those give way there (the same stand-in for the same application)."""
    if layout in _TEXT_BOX_LAYOUTS and checkbox in ("activex_checkbox", "freeform_tick"):
        return _pick(aid, _IN_TEXT_BOX_STAND_INS)
    return checkbox


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str, drawn_before: tuple[str, ...],
                     box_prints: bool) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only: the
    application's own (its names and phones) and those drawn here. `box_prints`: the form's
    check boxes look in LibreOffice's print as they do in Word."""
    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    before = set(drawn_before)
    missing = not all((app.leader_phone, app.contact_phone, app.contact_email))
    shows = {
        "email_at_word": bool(app.contact_email) and not {"email_hyperlink", "email_fullwidth"} & before,
        # Running prose names the partners itself and would read 手机无.
        "wu_for_empty": layout != "prose_letter" and (not app.partners or missing),
        "word_and_scan": fmt in _WORD_FILES and box_prints and not _NOT_PRINTED & before,
        "misnamed_ext": fmt in ("docx", "doc") and "app_default_names" not in before,
    }
    own = tuple(d for d, on in (("name_middle_dot", MIDDLE_DOT in app.leader_name + app.contact_name),
                                ("phone_extension", has_extension(app.contact_phone))) if on)
    return own + tuple(d for d in drawn if shows[d])


# ---------------------------------------------------------------------------- how the files are sent

def scanned_too(decorations: tuple[str, ...]) -> bool:
    """Whether the mail carries the scan of the form's printout besides the Word file."""
    return "word_and_scan" in decorations


def scan_name(form_name: str, aid: str) -> str:
    """The scan's name: the Word file's, marked as the stamped copy."""
    return form_name.rsplit(".", 1)[0] + _pick(aid, _SCAN_SUFFIXES) + ".pdf"


def misnamed(name: str) -> str:
    """`name` under the other Word format's extension (.docx ↔ .doc)."""
    stem, _, ext = name.rpartition(".")
    return f"{stem}.{'doc' if ext.lower() == 'docx' else 'docx'}"



# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    if v.look.layout == "people_columns":
        return _people_columns(v)
    if v.look.layout == "sliver_grid":
        return _sliver_grid(v)
    if v.look.layout == "ruled_paragraphs":
        return _ruled_paragraphs(v)
    if v.look.layout == "row_tables":
        return _row_tables(v)
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


PEOPLE_ROWS = ("姓　　名", "职务/职称", "手机/电话", "电子邮箱")


def _people_columns(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, ...]] = [(Cell(label), Cell(value, 2)) for label, value in _head(v)]
    people = ((v.name, v.contact), (app.leader_post, CONTACT_POST), (v.leader_phone, v.contact_phone), ("", v.email))
    rows.append((Cell("项目人员", shade=True), Cell("项目负责人", shade=True), Cell("项目联系人", shade=True)))
    rows += [(Cell(label), Cell(leader), Cell(contact)) for label, (leader, contact) in zip(PEOPLE_ROWS, people)]
    rows += [(Cell(v.funding_label), Cell(v.funding, 2)), (Cell("起止时间"), Cell(v.period, 2))]
    return (Para("一、基本情况", "heading"), Table((1.2, 2.2, 2.2), tuple(rows)))


# A converter's grid: label halves, a sliver, the first value, a sliver, a second label's halves,
# a sliver, the second value, a sliver (cm, of a 16.6 cm text width).
SLIVER_WIDTHS = (1.25, 1.2, 0.22, 3.9, 0.18, 1.0, 1.1, 0.2, 3.45, 0.16)


def split_label(label: str) -> tuple[str, str]:
    """Where a converter cuts a label over two cells: before its bracket, else after its first half."""
    at = label.find("（")
    if at > 0:
        return label[:at], label[at:]
    half = (len(label) + 1) // 2
    return label[:half], label[half:]


def _sliver_grid(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = []
    pairs = dict(_pairs(v))
    people = (("项目负责人", "负责人手机"), ("项目联系人", "联系电话"))
    for label, value in _pairs(v):
        if label in ("负责人手机", "联系电话"):
            continue
        a, b = split_label(label)
        second = next((p for first, p in people if first == label), None)
        if second is not None:
            c, d = split_label(second)
            rows.append((Cell(a), Cell(b), Cell(value, 3), Cell(c), Cell(d), Cell(pairs[second], 3)))
        elif len(rows) % 2:
            rows.append((Cell(a), Cell(b), Cell(""), Cell(value, 7)))
        else:
            rows.append((Cell(a), Cell(b), Cell(value, 7), Cell("")))
    return (Para("一、基本情况", "heading"), Table(SLIVER_WIDTHS, tuple(rows)))


def _ruled_paragraphs(v: _V) -> tuple[Block, ...]:
    return (Para("一、基本情况", "heading"), RuledRows(tuple(_pairs(v))))


# The label column's width (cm) in each pasted table, by the row's place: tables pasted from
# different copies of the template do not line up.
_ROW_LABEL_CM = (3.2, 3.0, 3.4, 3.1)


def _row_tables(v: _V) -> tuple[Block, ...]:
    out: list[Block] = [Para("一、基本情况", "heading")]
    pairs = _pairs(v)
    people = {"项目负责人": "负责人手机", "项目联系人": "联系电话"}
    values = dict(pairs)
    k = 0
    for label, value in pairs:
        if label in people.values():
            continue
        lab = _ROW_LABEL_CM[k % len(_ROW_LABEL_CM)]
        if label in people:
            phone = people[label]
            table = Table((lab, 4.7, 2.6, 16.6 - 7.3 - lab), ((Cell(label), Cell(value), Cell(phone),
                                                               Cell(values[phone])),))
        else:
            table = Table((lab, 16.6 - lab), ((Cell(label), Cell(value)),))
        out += [table, Para("")]
        k += 1
    return tuple(out)

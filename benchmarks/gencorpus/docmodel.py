"""A small document model and its .docx writer.

Cell and paragraph text may carry inline markup, because the ways people mark a chosen
option need run-level control: `[b]…[/b]` bold, `[u]…[/u]` underlined, `[wd:F0FE]` a
Wingdings symbol (`w:sym`, what Word's Insert Symbol writes), `[cb:1]`/`[cb:0]` a Word
content-control checkbox (`w14:checkbox`, ticked or not), `[w2:R]` a character typed in the
Wingdings 2 font (R shows ☑, £ shows □: how many office templates carry their boxes),
`[hl]…[/hl]` highlighted yellow (Word's 突出显示), `[s]…[/s]` struck through, `[pua:F0FE]` a
private-use character typed in the Wingdings font (what text pasted from Insert Symbol into
WPS keeps), `[sdt:别名]…[/sdt]` a plain-text content control around its text, `[ph]` an empty
content control showing Word's placeholder, `[del]…[/del]` and `[ins]…[/ins]` a tracked
deletion and insertion (track changes left on), `[red]…[/red]` in red, `[ff:1]`/`[ff:0]` a
Word 2003 check-box form field (FORMCHECKBOX, ticked or not), `[mail:地址]…[/mail]` a
hyperlink to mailto:地址 as Word's AutoFormat makes it, `[seal:单位]` the unit's electronic
seal, a picture floating in front of the text around it, `[grey]…[/grey]` in grey (a
template's prompt), `[br]` a manual line break (Shift+Enter), `[eq]` a √ in a □ made with
带圈字符 (an EQ field), `[ring:N]` an ellipse drawn around the text after it, N half-width
characters wide, `[dd:别名|选中项|项1|项2|…]` a drop-down list content control showing the chosen
item, `[ft]…[/ft]` a Word 2003 text form field (FORMTEXT) whose result is the text between,
`[tick]` a small floating text box holding a √, laid over the character after it,
`[boxpic:1]`/`[boxpic:0]` a ticked or empty box as a tiny inline picture, `[cm:批注]…[/cm]` a
Word comment (批注) on the text between, `[shd]…[/shd]` with black character shading (底纹),
`[bdr]…[/bdr]` with a character border (字符边框), `[hide]…[/hide]` hidden text (隐藏文字, not
printed), `[mf:域名]…[/mf]` a MERGEFIELD (邮件合并域) whose result is the text between, `[dist]`
the paragraph 分散对齐 (distributed), `[bullet:1]`/`[bullet:0]` at a paragraph's start: the
paragraph is an item of a bulleted list whose bullet is ☑ or □ (elsewhere: that glyph as text),
`[em]…[/em]` with emphasis dots under each character (着重号), `[fdd:名|选中项|项1|项2|…]` a Word
2003 drop-down form field (FORMDROPDOWN) whose selected entry is the chosen item, `[cc2:1]`/`[cc2:0]`
a check box content control whose symbols were changed to Wingdings 2's ☑ and □ (w:sym F052/F0A3),
`[sy:F0D6]` a character of the Symbol font as Insert Symbol writes it (w:sym; F0D6 is √),
`[fn:注文]` a footnote (脚注) whose reference mark stands there and whose text is 注文,
`[tbx]…[/tbx]` the text between typed into a borderless floating text box laid over that spot,
`[ax:1|标题]`/`[ax:0|标题]` a Forms 2.0 check box ActiveX control (控件工具箱 → 复选框) whose
caption is 标题, ticked or not, `[ink]` a tick drawn with the freeform tool (任意多边形) floating
over the character after it, `[om:…]` the text between typed as an inline equation (公式, m:oMath),
`[sq]…[/sq]` squeezed to fit its cell (字符缩放 under 100 % and 紧缩 character spacing: w:w and
w:spacing on the runs), `[tickpic]` a picture of a tick pasted in and floated in front of the text
over the character after it, `[ws2:F052]` a character of the Wingdings 2 font as Word's Insert
Symbol writes it (w:sym; F052 shows ☑, F0A3 □), `[st:元素|名=值|…]…[/st]` a Word 2003 smart tag
(智能标记: w:smartTag of the Office smart tags, chsdate, chmetcnv or PersonName, its properties
the 名=值 pairs) around the text between, `[ccs:1]`/`[ccs:0]` a check box content control left
unticked (w14:checked 0) whose content was typed over: ☑ for 1, its own ☐ for 0 (what Word 2007 or
WPS leaves of a control it cannot tick), `[cs]…[/cs]` with Word's 字符底纹 (the button's 15 %
grey: w:shd pct15 on the runs), `[fc:RRGGBB]…[/fc]` typed in that colour in 楷体, `[num:L]` at a
paragraph's start: the paragraph is an item of level L (0 or 1) of a numbered outline (多级列表,
its numbers in numbering.xml), `[sig:姓名]` a picture of that name signed by hand, `[mb:1]`/`[mb:0]` a
MACROBUTTON field (MACROBUTTON CheckIt ☑ or ☐) whose display text is the box.
`\\n` separates paragraphs. A cell may also hold a nested table, below its text; a table may
have no borders at all. `Section` starts a new page in portrait or landscape; `PageFrame`
gives every page a header and a footer; `Columns` lays its lines out in two newspaper columns
(分栏) in a section of their own on the same page; `Leaders` writes label⇥value lines, the
tab's leader dots (制表位前导符) between; `Boxes` draws bordered text boxes (DrawingML) in a grid
placed from one anchor paragraph; `LineNumbers` numbers the lines of every page in the margin
(行号); `Watermark` lays a diagonal text watermark over every page
(Word's 水印, a VML text path in the header); `Frame` puts its lines in a frame at a fixed place
on the page (w:framePr, what PDF-to-Word converters write); `TextBox` draws its lines in a
bordered Word text box (VML, as Word writes for compatibility) instead of the body; `Picture`
is an inline picture (a PNG) on a line of its own; `OleObject` an embedded Excel worksheet
(嵌入的 Excel 工作表对象) shown by its preview picture. A table with `float_width_cm` floats
(文字环绕: 环绕) at the left margin, that wide, and the text after it flows beside it;
`RuledRows` writes label⇥value paragraphs ruled like a table without one (paragraph borders and a
bar tab between label and value); `Mono` writes lines in a fixed-width font (新宋体) with no
spacing between them, as a grid drawn with box-drawing characters (制表符) needs; `Backdrop` lays
a picture behind the text at a fixed place on the page (衬于文字下方), anchored in a paragraph of
its own; `TableBox` puts a table inside a text box placed as a character; `Group` combines text
boxes into one group shape (组合); `SheetPaste` is a table pasted from Excel with the sheet's
formatting kept. A cell may carry a diagonal rule from its top left corner (斜线表头), a table
repeat its first rows as a header on every page (标题行重复: w:tblHeader) and, `ragged`, have rows
shorter than its grid (cells deleted at a row's end: w:gridAfter).
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from typing import Any, Literal

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

# Paragraphs and page breaks are the demo's; cells and tables differ (vertical merges).
from shenbao.demo.forms import PageBreak, Para, normalise_ooxml

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


@dataclass(frozen=True)
class Cell:
    text: str
    span: int = 1
    vmerge: Literal["restart", "continue"] | None = None
    shade: bool = False
    nested: Table | None = None  # a table pasted into the cell, below its text
    vertical: bool = False  # the text runs top to bottom (竖排, w:textDirection tbRlV)
    diagonal: bool = False  # a rule from the top left to the bottom right corner (斜线表头, w:tl2br)


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]
    borders: bool = True  # False: every rule removed (无框线), the table only aligns its text
    float_width_cm: float | None = None  # a floating table (w:tblpPr) this wide, text wrapping beside it
    header_rows: int = 0  # the first rows repeat at the top of every page the table runs over (w:tblHeader)
    ragged: bool = False  # rows may span fewer columns than the grid: the cells after them deleted (w:gridAfter)


@dataclass(frozen=True)
class Section:
    """A new section on a new page; what follows is laid out in portrait or landscape."""

    landscape: bool


@dataclass(frozen=True)
class PageFrame:
    """The header and footer of every page; `{PAGE}` and `{NUMPAGES}` in them become Word fields."""

    header: str
    footer: str


@dataclass(frozen=True)
class TextBox:
    """Lines (with inline markup) in a bordered text box that sits in the text's flow."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Picture:
    """A PNG as an inline picture in a paragraph of its own, `width_cm` wide."""

    png: bytes
    width_cm: float


@dataclass(frozen=True)
class Watermark:
    """A grey diagonal text watermark behind the text of every page."""

    text: str


@dataclass(frozen=True)
class Frame:
    """Lines (with inline markup) in a frame whose top left corner sits `x_cm`, `y_cm` from the
    page's, `width_cm` wide: out of the text's flow, placed on the page of the text around it."""

    x_cm: float
    y_cm: float
    width_cm: float
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Columns:
    """Lines (with inline markup) in `count` newspaper columns (分栏, with a rule between), a
    section of their own that starts and ends on the page it is on (continuous breaks)."""

    lines: tuple[str, ...]
    count: int = 2


@dataclass(frozen=True)
class Leaders:
    """One paragraph per (label, value): the label, a tab to `tab_cm` filled with leader dots,
    the value; a value's further lines (\\n) hang at the tab."""

    rows: tuple[tuple[str, str], ...]
    tab_cm: float = 4.2


@dataclass(frozen=True)
class Box:
    """A bordered text box `x_cm`, `y_cm` from its anchor paragraph's column and top, of the
    given size, holding `lines` (shaded grey when `shade`)."""

    x_cm: float
    y_cm: float
    width_cm: float
    height_cm: float
    lines: tuple[str, ...]
    shade: bool = False


@dataclass(frozen=True)
class Boxes:
    """Text boxes floating from one empty anchor paragraph whose spacing below keeps
    `height_cm` free for them (the text after starts below the boxes)."""

    boxes: tuple[Box, ...]
    height_cm: float


@dataclass(frozen=True)
class LineNumbers:
    """Line numbers (行号, w:lnNumType) in the left margin of every section, restarting on each
    page: Word numbers the body's lines, not those of tables or text boxes."""

    count_by: int = 1


@dataclass(frozen=True)
class OleObject:
    """An embedded Excel worksheet (w:object: a VML picture of its preview and an o:OLEObject
    pointing at the .xlsx package part) in a paragraph of its own, `width_cm` wide."""

    png: bytes
    xlsx: bytes
    width_cm: float


@dataclass(frozen=True)
class RuledRows:
    """One paragraph per (label, value), ruled as if it were a table: box borders round the
    paragraphs and between them (w:pBdr with w:between: Word draws consecutive paragraphs of the
    same borders as one box), a bar tab (竖线对齐式制表位, w:tab val=bar) at `rule_cm` drawing the
    rule between label and value, the value after a tab to `tab_cm`; a value's further lines (\\n)
    are line breaks hanging at that tab."""

    rows: tuple[tuple[str, str], ...]
    rule_cm: float = 3.3
    tab_cm: float = 3.6


@dataclass(frozen=True)
class Mono:
    """Lines (with inline markup) in a fixed-width font, `size_pt` large, each a paragraph with no
    spacing before or after and single line spacing: what a grid drawn with box-drawing
    characters (制表符 ┌─┬─┐) keeps aligned only in such a font."""

    lines: tuple[str, ...]
    size_pt: float = 7.5
    font: str = "新宋体"
    # The Latin and shared characters' face (─, │, digits): fixed-width with full-width box-drawing
    # glyphs and half-width ASCII, as 新宋体's own are (LibreOffice has no 新宋体 to print with).
    latin_font: str = "Noto Sans Mono CJK SC"


@dataclass(frozen=True)
class Backdrop:
    """A picture (PNG or JPEG) behind the text (wp:anchor behindDoc, no wrapping) whose top left corner sits `x_cm`,
    `y_cm` from the page's, `width_cm` × `height_cm` large, anchored in an empty paragraph."""

    image: bytes
    x_cm: float
    y_cm: float
    width_cm: float
    height_cm: float


@dataclass(frozen=True)
class TableBox:
    """`lines` (with inline markup) and a table below them inside one bordered text box (DrawingML
    wps:txbx holding a w:tbl) that sits in a paragraph of its own as a character (嵌入型:
    wp:inline), `width_cm` wide and at least `height_cm` tall (the box grows with its text:
    a:spAutoFit), as people box a table to keep it in place."""

    table: Table
    width_cm: float
    height_cm: float
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """Bordered text boxes combined into one group (组合: wpg:wgp), each placed `x_cm`, `y_cm`
    from the group's top left corner, the group in a paragraph of its own as a character
    (wp:inline) and as large as the boxes' extent."""

    boxes: tuple[Box, ...]


@dataclass(frozen=True)
class SheetPaste:
    """A table copied from an Excel sheet and pasted into Word keeping the source's formatting
    (保留源格式): a fixed layout, every row at least `row_cm` high, each cell's text centred
    vertically in the sheet's font (等线, `size_pt`), figures right-aligned, no spacing between
    paragraphs."""

    table: Table
    row_cm: float = 0.5
    font: str = "等线"
    size_pt: float = 11.0


Block = (Table | Para | PageBreak | Section | PageFrame | TextBox | Picture | Watermark | Frame | Columns | Leaders
         | Boxes | LineNumbers | OleObject | RuledRows | Mono | Backdrop | TableBox | Group | SheetPaste)

_TOKEN = re.compile(r"\[(b|/b|u|/u|hl|/hl|s|/s|/sdt|ph|del|/del|ins|/ins|red|/red|/mail|grey|/grey|br|eq|ft|/ft|tick"
                    r"|/cm|shd|/shd|bdr|/bdr|hide|/hide|/mf|dist|em|/em|tbx|/tbx|ink|sq|/sq|tickpic|/st|cs|/cs|/fc)\]"
                    r"|\[wd:([0-9A-Fa-f]{4})\]"
                    r"|\[cb:([01])\]|\[w2:(.)\]|\[pua:([0-9A-Fa-f]{4})\]|\[sdt:([^\]]+)\]|\[ff:([01])\]"
                    r"|\[mail:([^\]]+)\]|\[seal:([^\]]+)\]|\[ring:(\d+)\]|\[dd:([^\]]+)\]|\[boxpic:([01])\]"
                    r"|\[cm:([^\]]+)\]|\[bullet:([01])\]|\[mf:([^\]]+)\]|\[fdd:([^\]]+)\]"
                    r"|\[cc2:([01])\]|\[sy:([0-9A-Fa-f]{4})\]|\[fn:([^\]]+)\]"
                    r"|\[ax:([01])\|([^\]]*)\]|\[om:([^\]]+)\]"
                    r"|\[ws2:([0-9A-Fa-f]{4})\]|\[st:([^\]]+)\]"
                    r"|\[ccs:([01])\]|\[fc:([0-9A-Fa-f]{6})\]"
                    r"|\[num:([01])\]|\[sig:([^\]]+)\]|\[mb:([01])\]")
# What Word shows for the Wingdings 2 characters the templates use.
_WINGDINGS2 = {"R": "☑", "£": "□", "S": "☒", "P": "✓"}
# What Word shows for the Wingdings 2 characters Insert Symbol writes (w:sym w:font="Wingdings 2").
_WINGDINGS2_SYM = {"F052": "☑", "F0A3": "□", "F053": "☒", "F050": "✓"}
# What Word shows for the Symbol font's characters (w:sym w:font="Symbol") the forms use.
_SYMBOL_FONT = {"F0D6": "√", "F0B4": "×"}
PLACEHOLDER = "单击或点击此处输入文字。"
_REVISION = ("张敏", "2024-04-22T16:05:00Z")  # author and time of the tracked changes


def plain(text: str) -> str:
    """The text without markup (Wingdings/checkbox controls shown as the glyphs Word shows)."""
    def sub(m: re.Match[str]) -> str:
        if m.group(2):
            return "þ" if m.group(2).upper() == "F0FE" else "¨"
        if m.group(3) or m.group(7):
            return "☒" if "1" in (m.group(3), m.group(7)) else "☐"
        if m.group(4):
            return _WINGDINGS2.get(m.group(4), m.group(4))
        if m.group(5):
            return chr(int(m.group(5), 16))
        if m.group(1) == "ph":
            return PLACEHOLDER
        if m.group(1) == "br":
            return "\n"
        if m.group(1) == "eq":
            return "☑"
        if m.group(1) == "tick":
            return "√"
        if m.group(12):
            return "☑" if m.group(12) == "1" else "□"
        if m.group(14):
            return "☑" if m.group(14) == "1" else "□"
        if m.group(11):
            return m.group(11).split("|")[1]
        if m.group(16):
            return m.group(16).split("|")[1]
        if m.group(17):
            return "☑" if m.group(17) == "1" else "□"
        if m.group(18):
            return _SYMBOL_FONT.get(m.group(18).upper(), chr(int(m.group(18), 16)))
        if m.group(20):  # the control draws its box and its caption
            return ("☑" if m.group(20) == "1" else "☐") + m.group(21)
        if m.group(22):
            return str(m.group(22))
        if m.group(1) in ("ink", "tickpic"):
            return "√"
        if m.group(23):
            return _WINGDINGS2_SYM.get(m.group(23).upper(), "")
        if m.group(25):
            return "☑" if m.group(25) == "1" else "☐"
        if m.group(29):  # (the twenty-fourth set's: a MACROBUTTON field shows its display text)
            return "☑" if m.group(29) == "1" else "☐"
        return ""
    # What Word shows once the changes are accepted: a deletion is gone.
    return _TOKEN.sub(sub, re.sub(r"\[(del|hide)\].*?\[/\1\]", "", text))


def _checkbox_sdt(checked: bool) -> etree._Element:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    sdt = etree.Element(f"{{{w}}}sdt", nsmap={"w": w, "w14": W14})
    pr = etree.SubElement(sdt, f"{{{w}}}sdtPr")
    box = etree.SubElement(pr, f"{{{W14}}}checkbox")
    etree.SubElement(box, f"{{{W14}}}checked").set(f"{{{W14}}}val", "1" if checked else "0")
    for tag, val in (("checkedState", "2612"), ("uncheckedState", "2610")):
        st = etree.SubElement(box, f"{{{W14}}}{tag}")
        st.set(f"{{{W14}}}val", val)
        st.set(f"{{{W14}}}font", "MS Gothic")
    content = etree.SubElement(sdt, f"{{{w}}}sdtContent")
    r = etree.SubElement(content, f"{{{w}}}r")
    rpr = etree.SubElement(r, f"{{{w}}}rPr")
    fonts = etree.SubElement(rpr, f"{{{w}}}rFonts")
    for a in ("ascii", "eastAsia", "hAnsi"):
        fonts.set(f"{{{w}}}{a}", "MS Gothic")
    t = etree.SubElement(r, f"{{{w}}}t")
    t.text = "☒" if checked else "☐"
    return sdt


def _sdt(alias: str | None) -> tuple[etree._Element, etree._Element]:
    """A plain-text content control (its content element to put runs in); `alias` None: an
    empty one showing the placeholder."""
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    sdt.append(pr)
    if alias is not None:
        for tag, val in (("w:alias", alias), ("w:tag", alias)):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            pr.append(el)
    ident = OxmlElement("w:id")
    ident.set(qn("w:val"), str(next(_ids)))
    pr.append(ident)
    if alias is None:
        pr.append(OxmlElement("w:showingPlcHdr"))
    pr.append(OxmlElement("w:text"))
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    return sdt, content


def _revision(tag: str) -> etree._Element:
    el = OxmlElement(tag)
    el.set(qn("w:id"), str(next(_ids)))
    el.set(qn("w:author"), _REVISION[0])
    el.set(qn("w:date"), _REVISION[1])
    return el


_ids = itertools.count(1)


def _form_checkbox(p: Paragraph, checked: bool) -> None:
    """A legacy check-box form field as Word writes it: a bookmark around begin (with the
    field's data), the FORMCHECKBOX instruction and end; no result text."""
    ident = str(next(_ids))
    name = f"Check{ident}"
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), name)
    p._p.append(start)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    data = OxmlElement("w:ffData")
    begin.append(data)
    for tag, val in (("w:name", name), ("w:enabled", None), ("w:calcOnExit", "0")):
        el = OxmlElement(tag)
        if val is not None:
            el.set(qn("w:val"), val)
        data.append(el)
    box = OxmlElement("w:checkBox")
    data.append(box)
    box.append(OxmlElement("w:sizeAuto"))
    default = OxmlElement("w:default")
    default.set(qn("w:val"), "0")
    box.append(default)
    if checked:
        box.append(OxmlElement("w:checked"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " FORMCHECKBOX "
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, end):
        p.add_run()._r.append(el)
    stop = OxmlElement("w:bookmarkEnd")
    stop.set(qn("w:id"), ident)
    p._p.append(stop)


_SEAL_CM = 4.0  # a unit's round seal is 4.0–4.2 cm across


def _seal_picture(run: Run, unit: str) -> None:
    """The unit's seal as a picture anchored to `run`, in front of the text (wrapNone), centred a
    little before the anchor so that it covers the end of the name typed before it."""
    from benchmarks.gencorpus.media import seal_png

    size = Cm(_SEAL_CM)
    inline = run.part.new_pic_inline(io.BytesIO(seal_png(unit)), size, size)
    anchor = OxmlElement("wp:anchor")
    for k, val in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"), ("simplePos", "0"),
                   ("relativeHeight", "251659264"), ("behindDoc", "0"), ("locked", "0"), ("layoutInCell", "0"),
                   ("allowOverlap", "1")):
        anchor.set(k, val)
    simple = OxmlElement("wp:simplePos")
    simple.set("x", "0")
    simple.set("y", "0")
    anchor.append(simple)
    for axis, relative, offset in (("H", "character", -0.7), ("V", "paragraph", -0.45)):
        pos = OxmlElement(f"wp:position{axis}")
        pos.set("relativeFrom", relative)
        off = OxmlElement("wp:posOffset")
        off.text = str(int(size * offset))
        pos.append(off)
        anchor.append(pos)
    extent, doc_pr, frame_pr, graphic = (inline.find(qn(t)) for t in ("wp:extent", "wp:docPr",
                                                                         "wp:cNvGraphicFramePr", "a:graphic"))
    effect = OxmlElement("wp:effectExtent")
    for k in ("l", "t", "r", "b"):
        effect.set(k, "0")
    for el in (extent, effect, OxmlElement("wp:wrapNone"), doc_pr, frame_pr, graphic):
        anchor.append(el)
    drawing = OxmlElement("w:drawing")
    drawing.append(anchor)
    run._r.append(drawing)


def _hyperlink(p: Paragraph, address: str) -> etree._Element:
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), p.part.relate_to(f"mailto:{address}", RT.HYPERLINK, is_external=True))
    link.set(qn("w:history"), "1")
    p._p.append(link)
    return link


def _field_run(p: Paragraph, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    p.add_run()._r.append(el)


def _instr_run(p: Paragraph, text: str, enclosure: bool = False) -> None:
    run = p.add_run()
    if enclosure:  # 带圈字符's 增大圈号: the enclosure a size up and lowered onto the text
        rpr = run._r.get_or_add_rPr()
        for tag, val in (("w:position", "-4"), ("w:sz", "31")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            rpr.append(el)
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    run._r.append(el)


def _macro_button(p: Paragraph, checked: bool) -> None:
    """A box as old templates make one clickable (双击打勾): the field MACROBUTTON CheckIt ☑ (or ☐),
    its display text the field's instruction's last word; no result text holds the glyph."""
    _field_run(p, "begin")
    _instr_run(p, f" MACROBUTTON CheckIt {'☑' if checked else '☐'} ")
    _field_run(p, "end")


def _enclosed_tick(p: Paragraph) -> None:
    """A √ inside a □ as Word's 带圈字符 writes it: the field eq \\o\\ac(□,√), the □ in a run of
    its own, no result text (Word lays the field out; no w:t holds a mark)."""
    _field_run(p, "begin")
    _instr_run(p, " ")
    _instr_run(p, "eq \\o\\ac(")
    _instr_run(p, "□", enclosure=True)
    _instr_run(p, ",√)")
    _field_run(p, "end")


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_EMU_PT = 12700


def _floating_shape(p: Paragraph, *, z_base: int, offsets: tuple[int, int], size: tuple[int, int], name: str,
                    geometry: str, text_box: bool = False) -> tuple[etree._Element, etree._Element]:
    """A shape floating in front of the text (no wrapping), anchored in a run of its own at the
    character where it stands and placed `offsets` points from it (across, down): the wps:wsp and
    its wps:spPr, already holding the size, the `geometry` and no fill; the caller adds the outline
    and the body. `name` is Word's name for it (椭圆, 文本框), numbered by the document's ids."""
    cx, cy = size
    ident = next(_ids)
    anchor = OxmlElement("wp:anchor")
    for k, val in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"), ("simplePos", "0"),
                   ("relativeHeight", str(z_base + ident)), ("behindDoc", "0"), ("locked", "0"),
                   ("layoutInCell", "1"), ("allowOverlap", "1")):
        anchor.set(k, val)
    simple = OxmlElement("wp:simplePos")
    simple.set("x", "0")
    simple.set("y", "0")
    anchor.append(simple)
    for axis, relative, offset in (("H", "character", offsets[0]), ("V", "line", offsets[1])):
        pos = OxmlElement(f"wp:position{axis}")
        pos.set("relativeFrom", relative)
        off = OxmlElement("wp:posOffset")
        off.text = str(offset * _EMU_PT)
        pos.append(off)
        anchor.append(pos)
    extent = OxmlElement("wp:extent")
    extent.set("cx", str(cx))
    extent.set("cy", str(cy))
    effect = OxmlElement("wp:effectExtent")
    for k in ("l", "t", "r", "b"):
        effect.set(k, "0")
    doc_pr = OxmlElement("wp:docPr")
    doc_pr.set("id", str(ident))
    doc_pr.set("name", f"{name} {ident}")
    for el in (extent, effect, OxmlElement("wp:wrapNone"), doc_pr, OxmlElement("wp:cNvGraphicFramePr")):
        anchor.append(el)
    a, wps = f"{{{_DRAWING}}}", f"{{{_WPS}}}"
    graphic = etree.SubElement(anchor, f"{a}graphic", nsmap={"a": _DRAWING})
    data = etree.SubElement(graphic, f"{a}graphicData", uri=_WPS)
    shape = etree.SubElement(data, f"{wps}wsp", nsmap={"wps": _WPS})
    etree.SubElement(shape, f"{wps}cNvSpPr", **({"txBox": "1"} if text_box else {}))
    props = etree.SubElement(shape, f"{wps}spPr")
    xfrm = etree.SubElement(props, f"{a}xfrm")
    etree.SubElement(xfrm, f"{a}off", x="0", y="0")
    etree.SubElement(xfrm, f"{a}ext", cx=str(cx), cy=str(cy))
    etree.SubElement(etree.SubElement(props, f"{a}prstGeom", prst=geometry), f"{a}avLst")
    etree.SubElement(props, f"{a}noFill")
    drawing = OxmlElement("w:drawing")
    drawing.append(anchor)
    p.add_run()._r.append(drawing)
    return shape, props


def _ring(p: Paragraph, half_widths: int, colour: str) -> None:
    """An ellipse shape (no fill) floating in front of the text, anchored where the text it
    circles begins: as wide as `half_widths` half-width characters of 10.5 pt and a little more,
    as tall as the line."""
    size = (int((half_widths * 5.25 + 14) * _EMU_PT), int(19 * _EMU_PT))
    shape, props = _floating_shape(p, z_base=251660288, offsets=(-7, -4), size=size, name="椭圆", geometry="ellipse")
    a = f"{{{_DRAWING}}}"
    line = etree.SubElement(props, f"{a}ln", w=str(_EMU_PT))
    etree.SubElement(etree.SubElement(line, f"{a}solidFill"), f"{a}srgbClr", val=colour)
    etree.SubElement(shape, f"{{{_WPS}}}bodyPr")


def _text_field(p: Paragraph, part: str) -> None:
    """One end of a Word 2003 text form field (FORMTEXT) as Word writes it: at "begin" the
    bookmark, begin (with the field's data), the instruction and separate; at "end" the end.
    The runs between are the field's result, the text the form shows."""
    if part == "end":
        _field_run(p, "end")
        stop = OxmlElement("w:bookmarkEnd")
        stop.set(qn("w:id"), str(_open_fields.pop()))
        p._p.append(stop)
        return
    ident = next(_ids)
    _open_fields.append(ident)
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), f"Text{ident}")
    p._p.append(start)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    data = OxmlElement("w:ffData")
    begin.append(data)
    for tag, val in (("w:name", f"Text{ident}"), ("w:enabled", None), ("w:calcOnExit", "0")):
        el = OxmlElement(tag)
        if val is not None:
            el.set(qn("w:val"), val)
        data.append(el)
    data.append(OxmlElement("w:textInput"))
    p.add_run()._r.append(begin)
    _instr_run(p, " FORMTEXT ")
    _field_run(p, "separate")


_open_fields: list[int] = []


def _tick_box(p: Paragraph) -> None:
    """A borderless, unfilled text box holding a bold √, floating in front of the text and
    anchored where the next character begins, a little raised: laid over the □ that follows
    (how a √ is put in a box a template will not let one type into)."""
    side = 14 * _EMU_PT
    shape, props = _floating_shape(p, z_base=251670000, offsets=(-1, -3), size=(side, side), name="文本框",
                                   geometry="rect", text_box=True)
    a, wps = f"{{{_DRAWING}}}", f"{{{_WPS}}}"
    etree.SubElement(etree.SubElement(props, f"{a}ln"), f"{a}noFill")
    box = etree.SubElement(shape, f"{wps}txbx")
    content = OxmlElement("w:txbxContent")
    box.append(content)
    inner = OxmlElement("w:p")
    content.append(inner)
    run = Run(OxmlElement("w:r"), p)
    inner.append(run._r)
    run.text = "√"
    run.bold = True
    run.font.size = Pt(12)
    etree.SubElement(shape, f"{wps}bodyPr", lIns="0", tIns="0", rIns="0", bIns="0")


_BOX_CM = 0.35  # about the size of the 10.5 pt text it stands in


def _box_picture(p: Paragraph, checked: bool) -> Run:
    from benchmarks.gencorpus.media import box_png

    run = p.add_run()
    run.add_picture(io.BytesIO(box_png(checked)), width=Cm(_BOX_CM))
    return run


_COMMENTER = ("王主任", "王")  # who left the comments (批注) in


_CHOOSE_ONE = "选择一项。"  # the first entry Word gives every drop-down list


def _dropdown(p: Paragraph, spec: str) -> Run:
    """A drop-down list content control: every item listed in its properties, the chosen one
    shown (the returned run, inside the control)."""
    alias, chosen, *items = spec.split("|")
    sdt = OxmlElement("w:sdt")
    pr = OxmlElement("w:sdtPr")
    sdt.append(pr)
    for tag, val in (("w:alias", alias), ("w:tag", alias), ("w:id", str(next(_ids)))):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        pr.append(el)
    listing = OxmlElement("w:dropDownList")
    pr.append(listing)
    for shown, value in ((_CHOOSE_ONE, ""), *((i, i) for i in items)):
        item = OxmlElement("w:listItem")
        item.set(qn("w:displayText"), shown)
        item.set(qn("w:value"), value)
        listing.append(item)
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    p._p.append(sdt)
    run = p.add_run(chosen)
    content.append(run._r)
    return run


def _char_frame(run: Run, shaded: bool) -> None:
    """Black character shading (Word's 字符底纹 set to black: the glyph is drawn over a black
    ground) or a single character border (字符边框) on `run`."""
    rpr = run._r.get_or_add_rPr()
    if shaded:
        el = OxmlElement("w:shd")
        el.set(qn("w:val"), "clear")
        el.set(qn("w:color"), "auto")
        el.set(qn("w:fill"), "000000")
    else:
        el = OxmlElement("w:bdr")
        for k, val in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "auto")):
            el.set(qn(k), val)
    rpr.append(el)


def _merge_field(p: Paragraph, name: str) -> None:
    """The start of a mail-merge field as Word writes it: begin, the instruction, separate; the
    runs after it up to [/mf] are the result (the record's value Word showed when saved)."""
    _field_run(p, "begin")
    _instr_run(p, f" MERGEFIELD {name} ")
    _field_run(p, "separate")


# Bulleted lists whose bullet is a box: (abstractNum, num) ids per document, checked and not.
_BULLET_NUMS: dict[bool, int] = {}
_BULLET_FONT = "Segoe UI Symbol"


def _bullet(p: Paragraph, checked: bool) -> None:
    """Make `p` an item of the bulleted list whose bullet is ☑ (`checked`) or □: the bullet
    is the list level's text in numbering.xml, not a character of the paragraph."""
    if checked not in _BULLET_NUMS:
        numbering = p.part.numbering_part.element  # type: ignore[attr-defined]
        ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        num_id, abstract_id = max(ids, default=0) + 1, max(abstract_ids, default=0) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), "0")
        for tag, val in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", "☑" if checked else "□"),
                         ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            level.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), "420")
        ind.set(qn("w:hanging"), "420")
        ppr.append(ind)
        level.append(ppr)
        rpr = OxmlElement("w:rPr")
        fonts = OxmlElement("w:rFonts")
        for a in ("ascii", "hAnsi", "eastAsia", "hint"):
            fonts.set(qn(f"w:{a}"), _BULLET_FONT if a != "hint" else "eastAsia")
        rpr.append(fonts)
        level.append(rpr)
        abstract.append(level)
        # The schema wants every abstractNum before the first num.
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        numbering.append(num)
        _BULLET_NUMS[checked] = num_id
    ppr = p._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = _BULLET_NUMS[checked]


_OUTLINE_NUMS: list[int] = []
# The outline's levels (the seventeenth set's): （一） in Chinese counting, then 1.
_OUTLINE_LEVELS = (("chineseCounting", "（%1）", 0, 640), ("decimal", "%2.", 640, 420))


def _outline(p: Paragraph, level: int) -> None:
    """Make `p` an item of level `level` of the document's one numbered outline (多级列表): its
    number, （一） or 1., is the level's text in numbering.xml, not a character of the paragraph; a
    level-1 item restarts its numbers after each level-0 one."""
    if not _OUTLINE_NUMS:
        numbering = p.part.numbering_part.element  # type: ignore[attr-defined]
        ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
        abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
        num_id, abstract_id = max(ids, default=0) + 1, max(abstract_ids, default=0) + 1
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(abstract_id))
        kind = OxmlElement("w:multiLevelType")
        kind.set(qn("w:val"), "multilevel")
        abstract.append(kind)
        for ilvl, (fmt, text, left, hanging) in enumerate(_OUTLINE_LEVELS):
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), str(ilvl))
            for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:lvlJc", "left")):
                el = OxmlElement(tag)
                el.set(qn("w:val"), val)
                lvl.append(el)
            ppr = OxmlElement("w:pPr")
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(left + hanging))
            ind.set(qn("w:hanging"), str(hanging))
            ppr.append(ind)
            lvl.append(ppr)
            abstract.append(lvl)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(num_id))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(abstract_id))
        num.append(ref)
        numbering.append(num)
        _OUTLINE_NUMS.append(num_id)
    num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = _OUTLINE_NUMS[0]


def _signature(p: Paragraph, name: str) -> Run:
    """A picture of `name` signed by hand (a scan of the signature, cut out and pasted in), inline
    where it stands, a line and a half high."""
    from benchmarks.gencorpus.holdout_variants_17 import signature_png

    run = p.add_run()
    run.add_picture(io.BytesIO(signature_png(name)), height=Cm(0.85))
    return run


def _form_dropdown(p: Paragraph, spec: str) -> None:
    """A Word 2003 drop-down form field (下拉型窗体域) as Word writes it: a bookmark around begin
    (whose field data list every entry and give the selected one's index), the FORMDROPDOWN
    instruction, separate and end with no result text between: Word shows the selected entry."""
    name, chosen, *items = spec.split("|")
    ident = str(next(_ids))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), f"Dropdown{ident}")
    p._p.append(start)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    data = OxmlElement("w:ffData")
    begin.append(data)
    for tag, val in (("w:name", f"Dropdown{ident}"), ("w:enabled", None), ("w:calcOnExit", "0")):
        el = OxmlElement(tag)
        if val is not None:
            el.set(qn("w:val"), val)
        data.append(el)
    help_text = OxmlElement("w:statusText")
    help_text.set(qn("w:type"), "text")
    help_text.set(qn("w:val"), f"请选择{name}")
    data.append(help_text)
    listing = OxmlElement("w:ddList")
    data.append(listing)
    result = OxmlElement("w:result")
    result.set(qn("w:val"), str(items.index(chosen)))
    listing.append(result)
    for item in items:
        entry = OxmlElement("w:listEntry")
        entry.set(qn("w:val"), item)
        listing.append(entry)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " FORMDROPDOWN "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for el in (begin, instr, separate, end):
        p.add_run()._r.append(el)
    stop = OxmlElement("w:bookmarkEnd")
    stop.set(qn("w:id"), ident)
    p._p.append(stop)



def _checkbox_wingdings2(p: Paragraph, checked: bool) -> None:
    """A check box content control whose checked and unchecked symbols the template's maker
    changed (属性 → 选中标记 → 更改) to Wingdings 2's ☑ (0x52) and □ (0xA3): the control's
    content is a w:sym of that font, as Word writes it, no character of the text."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    sdt = etree.Element(f"{{{w}}}sdt", nsmap={"w": w, "w14": W14})
    pr = etree.SubElement(sdt, f"{{{w}}}sdtPr")
    etree.SubElement(pr, f"{{{w}}}id").set(f"{{{w}}}val", str(next(_ids)))
    box = etree.SubElement(pr, f"{{{W14}}}checkbox")
    etree.SubElement(box, f"{{{W14}}}checked").set(f"{{{W14}}}val", "1" if checked else "0")
    for tag, val in (("checkedState", "0052"), ("uncheckedState", "00A3")):
        st = etree.SubElement(box, f"{{{W14}}}{tag}")
        st.set(f"{{{W14}}}val", val)
        st.set(f"{{{W14}}}font", "Wingdings 2")
    content = etree.SubElement(sdt, f"{{{w}}}sdtContent")
    r = etree.SubElement(content, f"{{{w}}}r")
    sym = etree.SubElement(r, f"{{{w}}}sym")
    sym.set(f"{{{w}}}font", "Wingdings 2")
    sym.set(f"{{{w}}}char", "F052" if checked else "F0A3")
    p._p.append(sdt)


# The footnotes typed while a document is built: (id, text), numbered from 1.
_notes: list[tuple[int, str]] = []


def _footnote(p: Paragraph, text: str) -> Run:
    """A footnote reference (w:footnoteReference, raised as Word's 脚注引用 style raises it) whose
    note, `text`, goes into the footnotes part; Word numbers the mark, no character of the text."""
    ident = len(_notes) + 1
    _notes.append((ident, text))
    run = p.add_run()
    rpr = run._r.get_or_add_rPr()
    raised = OxmlElement("w:vertAlign")
    raised.set(qn("w:val"), "superscript")
    rpr.append(raised)
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), str(ident))
    run._r.append(ref)
    return run


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# What may follow w:footnotePr in settings.xml (the schema's order).
_AFTER_FOOTNOTE_PR = ("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema",
                      "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
                      "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown",
                      "w:smartTagType", "w:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags",
                      "w:decimalSymbol", "w:listSeparator")


def _footnotes_part(doc: object) -> None:
    """/word/footnotes.xml with Word's separator (-1) and continuation separator (0) and the
    typed notes, related from the document part."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    root = etree.Element(f"{{{_W}}}footnotes", nsmap={"w": _W})
    for kind, special in (("separator", "-1"), ("continuationSeparator", "0")):
        note = etree.SubElement(root, f"{{{_W}}}footnote")
        note.set(f"{{{_W}}}type", kind)
        note.set(f"{{{_W}}}id", special)
        para = etree.SubElement(note, f"{{{_W}}}p")
        spacing = etree.SubElement(etree.SubElement(para, f"{{{_W}}}pPr"), f"{{{_W}}}spacing")
        spacing.set(f"{{{_W}}}after", "0")
        spacing.set(f"{{{_W}}}line", "240")
        spacing.set(f"{{{_W}}}lineRule", "auto")
        etree.SubElement(etree.SubElement(para, f"{{{_W}}}r"), f"{{{_W}}}{kind}")
    for ident, text in _notes:
        note = etree.SubElement(root, f"{{{_W}}}footnote")
        note.set(f"{{{_W}}}id", str(ident))
        para = etree.SubElement(note, f"{{{_W}}}p")
        size = etree.SubElement(etree.SubElement(etree.SubElement(para, f"{{{_W}}}pPr"), f"{{{_W}}}rPr"),
                                f"{{{_W}}}sz")
        size.set(f"{{{_W}}}val", "18")
        mark = etree.SubElement(para, f"{{{_W}}}r")
        mark_pr = etree.SubElement(mark, f"{{{_W}}}rPr")
        etree.SubElement(mark_pr, f"{{{_W}}}vertAlign").set(f"{{{_W}}}val", "superscript")
        etree.SubElement(mark, f"{{{_W}}}footnoteRef")
        body = etree.SubElement(para, f"{{{_W}}}r")
        etree.SubElement(etree.SubElement(body, f"{{{_W}}}rPr"), f"{{{_W}}}sz").set(f"{{{_W}}}val", "18")
        t = etree.SubElement(body, f"{{{_W}}}t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = f" {text}"
    # settings.xml names the separators, as Word writes it (w:footnotePr before w:compat).
    settings = doc.settings.element  # type: ignore[attr-defined]
    named = OxmlElement("w:footnotePr")
    for special in ("-1", "0"):
        el = OxmlElement("w:footnote")
        el.set(qn("w:id"), special)
        named.append(el)
    later = [c for c in settings if c.tag in {qn(t) for t in _AFTER_FOOTNOTE_PR}]
    if later:
        later[0].addprevious(named)
    else:
        settings.append(named)
    part = doc.part  # type: ignore[attr-defined]
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    notes = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, part.package)
    part.relate_to(notes, RT.FOOTNOTES)


def _half_widths(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _value_box(p: Paragraph, text: str, size: float | None) -> None:
    """`text` typed into a borderless, unfilled text box floating in front of the spot where it
    is anchored, a little raised (how people fill a cell of a form they cannot type into): the
    paragraph itself holds no character of it."""
    # As wide as what it shows with the changes marked (a deletion too), with room to spare.
    shown = plain(re.sub(r"\[/?del\]", "", text))
    width = int((_half_widths(shown) * 6.2 + 16) * _EMU_PT)
    shape, props = _floating_shape(p, z_base=251680000, offsets=(0, -2), size=(width, int(17 * _EMU_PT)),
                                   name="文本框", geometry="rect", text_box=True)
    a, wps = f"{{{_DRAWING}}}", f"{{{_WPS}}}"
    etree.SubElement(etree.SubElement(props, f"{a}ln"), f"{a}noFill")
    box = etree.SubElement(shape, f"{wps}txbx")
    content = OxmlElement("w:txbxContent")
    box.append(content)
    inner = OxmlElement("w:p")
    content.append(inner)
    _fill(Paragraph(inner, p._parent), text, size)
    etree.SubElement(shape, f"{wps}bodyPr", lIns="0", tIns="0", rIns="0", bIns="0", wrap="none")


def _fill(p: Paragraph, text: str, size: float | None = None, bold_all: bool = False) -> None:
    boxed = re.search(r"\[tbx\](.*?)\[/tbx\]", text)
    if boxed:  # a text box's text is a paragraph of its own, in the box
        _fill(p, text[:boxed.start()], size, bold_all)
        _value_box(p, boxed.group(1), size)
        _fill(p, text[boxed.end():], size, bold_all)
        return
    bold = underline = highlight = strike = deleted = red = linked = grey = False
    shaded = bordered = hidden = emphasis = squeezed = char_shaded = False
    colour: str | None = None  # the font colour values are typed in ([fc:…])
    into: etree._Element | None = None  # a content control's or a revision's element, or the paragraph
    commented: list[Run] | None = None  # the runs a comment being typed covers
    note = ""
    pos = 0

    def place(run: Run) -> None:
        if commented is not None:
            commented.append(run)
        if into is not None:
            into.append(run._r)  # moves the run out of the paragraph
        if deleted:
            for t in run._r.findall(qn("w:t")):
                t.tag = qn("w:delText")

    def add(chunk: str) -> None:
        if not chunk:
            return
        run = p.add_run(chunk)
        run.bold = bold or bold_all or None
        run.underline = underline or None
        run.font.strike = strike or None
        if red:
            run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
        if grey:
            run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        if linked:  # Word's Hyperlink style: blue, underlined
            run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
            run.underline = True
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if hidden:
            run.font.hidden = True
        if shaded or bordered:
            _char_frame(run, shaded)
        if emphasis:
            em = OxmlElement("w:em")
            em.set(qn("w:val"), "dot")
            run._r.get_or_add_rPr().append(em)
        if size:
            run.font.size = Pt(size)
        if squeezed:
            _squeeze(run)
        if char_shaded:
            _char_shading(run)
        if colour:
            _typed_colour(run, colour)
        place(run)

    for m in _TOKEN.finditer(text):
        add(text[pos:m.start()])
        pos = m.end()
        (tag, sym, cb, w2, pua, alias, ff, mail, seal, ring, dd, boxpic, comment, bullet, merge, fdd, cc2, symbol,
         note_text, control, caption, maths, sym2, smart, stale, typed_colour, outline, signer, macro) = m.groups()
        if macro:  # (the twenty-fourth set's: a MACROBUTTON field whose display text is the box)
            _macro_button(p, macro == "1")
        elif outline is not None:  # (the seventeenth set's: an item of a numbered outline)
            if m.start() == 0:
                _outline(p, int(outline))
        elif signer:  # (the seventeenth set's: a handwritten signature's picture)
            place(_signature(p, signer))
        elif stale:
            p._p.append(_stale_checkbox(stale == "1"))
        elif tag in ("cs", "/cs"):
            char_shaded = tag == "cs"
        elif typed_colour:
            colour = typed_colour
        elif tag == "/fc":
            colour = None
        elif sym2:
            run = p.add_run()
            el = OxmlElement("w:sym")
            el.set(qn("w:font"), "Wingdings 2")
            el.set(qn("w:char"), sym2.upper())
            run._r.append(el)
            if size:
                run.font.size = Pt(size)
            place(run)
        elif smart:
            into = _smart_tag(p, smart)
        elif tag == "/st":
            into = None
        elif tag in ("sq", "/sq"):
            squeezed = tag == "sq"
        elif tag == "tickpic":
            _tick_picture(p)
        elif control:
            _activex_checkbox(p, control == "1", caption)
        elif maths:
            _equation(p, maths)
        elif tag == "ink":
            _freeform_tick(p)
        elif cc2:
            _checkbox_wingdings2(p, cc2 == "1")
        elif symbol:
            run = p.add_run()
            el = OxmlElement("w:sym")
            el.set(qn("w:font"), "Symbol")
            el.set(qn("w:char"), symbol.upper())
            run._r.append(el)
            if size:
                run.font.size = Pt(size)
            place(run)
        elif note_text:
            place(_footnote(p, note_text))
        elif tag in ("em", "/em"):
            emphasis = tag == "em"
        elif fdd:
            _form_dropdown(p, fdd)
        elif tag in ("shd", "/shd"):
            shaded = tag == "shd"
        elif tag in ("bdr", "/bdr"):
            bordered = tag == "bdr"
        elif tag in ("hide", "/hide"):
            hidden = tag == "hide"
        elif tag == "dist":
            p.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
        elif merge:
            _merge_field(p, merge)
        elif tag == "/mf":
            _field_run(p, "end")
        elif bullet:
            if m.start() == 0:
                _bullet(p, bullet == "1")
            else:
                add("☑" if bullet == "1" else "□")
        elif comment:
            commented, note = [], comment
        elif tag == "/cm":
            if commented:
                p.part.document.add_comment(commented, text=note, author=_COMMENTER[0],  # type: ignore[attr-defined]
                                            initials=_COMMENTER[1])
            commented = None
        elif tag in ("ft", "/ft"):
            _text_field(p, "begin" if tag == "ft" else "end")
        elif tag == "tick":
            _tick_box(p)
        elif boxpic:
            place(_box_picture(p, boxpic == "1"))
        elif ring:
            _ring(p, int(ring), "000000" if int(ring) % 2 else "FF0000")
        elif dd:
            run = _dropdown(p, dd)
            if size:
                run.font.size = Pt(size)
        elif tag == "eq":
            _enclosed_tick(p)
        elif tag == "br":
            run = p.add_run()
            run._r.append(OxmlElement("w:br"))
            place(run)
        elif tag in ("grey", "/grey"):
            grey = tag == "grey"
        elif mail:
            into, linked = _hyperlink(p, mail), True
        elif tag == "/mail":
            into, linked = None, False
        elif ff:
            _form_checkbox(p, ff == "1")
        elif seal:
            _seal_picture(p.add_run(), seal)
        elif tag == "red":
            red = True
        elif tag == "/red":
            red = False
        elif alias or tag == "ph":
            sdt, content = _sdt(alias)
            p._p.append(sdt)
            into = content
            if tag == "ph":
                run = p.add_run(PLACEHOLDER)
                run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
                place(run)
                into = None
        elif tag in ("del", "ins"):
            into = _revision(f"w:{tag}")
            p._p.append(into)
            deleted = tag == "del"
        elif tag in ("/sdt", "/del", "/ins"):
            into, deleted = None, False
        elif tag == "s":
            strike = True
        elif tag == "/s":
            strike = False
        elif tag == "b":
            bold = True
        elif tag == "/b":
            bold = False
        elif tag == "u":
            underline = True
        elif tag == "/u":
            underline = False
        elif tag == "hl":
            highlight = True
        elif tag == "/hl":
            highlight = False
        elif sym:
            run = p.add_run()
            el = OxmlElement("w:sym")
            el.set(qn("w:font"), "Wingdings")
            el.set(qn("w:char"), sym.upper())
            run._r.append(el)
        elif cb:
            p._p.append(_checkbox_sdt(cb == "1"))
        elif w2:
            run = p.add_run(w2)
            fonts = OxmlElement("w:rFonts")
            for a in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{a}"), "Wingdings 2")
            run._r.get_or_add_rPr().insert(0, fonts)
            if size:
                run.font.size = Pt(size)
        elif pua:
            run = p.add_run(chr(int(pua, 16)))
            fonts = OxmlElement("w:rFonts")
            for a in ("ascii", "hAnsi", "eastAsia", "cs"):
                fonts.set(qn(f"w:{a}"), "Wingdings")
            run._r.get_or_add_rPr().insert(0, fonts)
            if size:
                run.font.size = Pt(size)
            place(run)
    add(text[pos:])


def _east_asian(doc: object) -> None:
    normal = doc.styles["Normal"]  # type: ignore[attr-defined]
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), "宋体")
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def build_docx(blocks: tuple[Block, ...], author: str) -> bytes:
    global _ids
    _ids = itertools.count(1)  # content-control and revision ids, the same for the same blocks
    _open_fields.clear()
    _BULLET_NUMS.clear()
    _OUTLINE_NUMS.clear()
    _notes.clear()
    doc = Document()
    _east_asian(doc)
    doc.core_properties.author = author
    doc.core_properties.last_modified_by = author
    doc.core_properties.title = "项目申报书"
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.0)
    width_cm = _TEXT_WIDTH_CM
    numbered: LineNumbers | None = None
    for block in blocks:
        if isinstance(block, LineNumbers):
            numbered = block
        elif isinstance(block, PageBreak):
            doc.add_page_break()  # type: ignore[no-untyped-call]
        elif isinstance(block, Section):
            width_cm = _new_section(doc, block.landscape)
        elif isinstance(block, PageFrame):
            _page_frame(doc, block)
        elif isinstance(block, Watermark):
            _watermark(doc, block.text)
        elif isinstance(block, Frame):
            for line in block.lines:
                p = doc.add_paragraph()
                _frame(p, block)
                _fill(p, line)
        elif isinstance(block, TextBox):
            _text_box(doc.add_paragraph(), block, width_cm)
        elif isinstance(block, Columns):
            _columns(doc, block)
        elif isinstance(block, Leaders):
            _leaders(doc, block)
        elif isinstance(block, RuledRows):
            _ruled_rows(doc, block)
        elif isinstance(block, Mono):
            _mono(doc, block)
        elif isinstance(block, Backdrop):
            _backdrop(doc.add_paragraph(), block)
        elif isinstance(block, TableBox):
            _table_box(doc.add_paragraph(), block)
        elif isinstance(block, Group):
            _group(doc.add_paragraph(), block)
        elif isinstance(block, SheetPaste):
            rows, cols = len(block.table.rows), len(block.table.widths)
            pasted = doc.add_table(rows=rows, cols=cols)  # type: ignore[no-untyped-call]
            _table(pasted, block.table, width_cm)
            _sheet_paste(pasted, block)
        elif isinstance(block, Boxes):
            _boxes(doc.add_paragraph(), block)
        elif isinstance(block, Picture):
            doc.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))  # type: ignore[no-untyped-call]
        elif isinstance(block, OleObject):
            _ole_object(doc.add_paragraph(), block)
        elif isinstance(block, Para):
            for line in block.text.split("\n"):
                p = doc.add_paragraph()
                size = {"title": 16.0, "heading": 12.0, "note": 9.0}.get(block.style)
                _fill(p, line, size, bold_all=block.style in ("title", "heading"))
                if block.style in ("title", "center"):
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif block.style == "right":
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            _table(doc.add_table(rows=len(block.rows), cols=len(block.widths)), block,  # type: ignore[no-untyped-call]
                   width_cm)
    if numbered is not None:
        _line_numbers(doc, numbered)
    if _notes:
        _footnotes_part(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_ooxml(raw.getvalue())


# What may follow w:lnNumType in a w:sectPr (the schema's order).
_AFTER_LNNUM = ("w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings")


def _line_numbers(doc: object, block: LineNumbers) -> None:
    """w:lnNumType in every section's properties (Word's 布局 → 行号 → 每页重编行号)."""
    body = doc.element.body  # type: ignore[attr-defined]
    for sect_pr in body.iter(qn("w:sectPr")):
        el = OxmlElement("w:lnNumType")
        for k, val in (("w:countBy", str(block.count_by)), ("w:distance", "283"), ("w:restart", "newPage")):
            el.set(qn(k), val)
        later = [c for c in sect_pr if c.tag in {qn(t) for t in _AFTER_LNNUM}]
        if later:
            later[0].addprevious(el)
        else:
            sect_pr.append(el)


_TEXT_WIDTH_CM = 16.6
_PAGE_CM = (21.0, 29.7)


def _new_section(doc: object, landscape: bool) -> float:
    """Start a section on a new page; the text width it leaves for tables, in cm."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
    short, long = Cm(_PAGE_CM[0]), Cm(_PAGE_CM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    return _PAGE_CM[1] - 4.4 if landscape else _TEXT_WIDTH_CM


def _set_columns(section: object, count: int) -> None:
    sect_pr = section._sectPr  # type: ignore[attr-defined]
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sect_pr.append(cols)
    for k in ("w:num", "w:sep"):
        if cols.get(qn(k)) is not None:
            del cols.attrib[qn(k)]
    cols.set(qn("w:space"), "425")
    if count > 1:
        cols.set(qn("w:num"), str(count))
        cols.set(qn("w:sep"), "1")


def _columns(doc: object, block: Columns) -> None:
    """A continuous section break, the lines in `count` columns, another continuous break
    after which the page has one column again (Word's 分栏 on a selection)."""
    new = doc.add_section(WD_SECTION.CONTINUOUS)  # type: ignore[attr-defined]
    _set_columns(new, block.count)
    for line in block.lines:
        _fill(doc.add_paragraph(), line)  # type: ignore[attr-defined]
    after = doc.add_section(WD_SECTION.CONTINUOUS)  # type: ignore[attr-defined]
    _set_columns(after, 1)


def _leaders(doc: object, block: Leaders) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

    for label, value in block.rows:
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        fmt = p.paragraph_format
        fmt.tab_stops.add_tab_stop(Cm(block.tab_cm), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
        fmt.left_indent = Cm(block.tab_cm)
        fmt.first_line_indent = Cm(-block.tab_cm)
        _fill(p, f"{label}\t" + value.replace("\n", "[br]"))


def _boxes(anchor: Paragraph, block: Boxes) -> None:
    """Each box a DrawingML text box (wps:txbx) floating from `anchor`, placed from its column
    and its top; `anchor` keeps the boxes' height free below it."""
    anchor.paragraph_format.space_after = Cm(block.height_cm)
    a, wps = f"{{{_DRAWING}}}", f"{{{_WPS}}}"
    for box in block.boxes:
        ident = next(_ids)
        cx, cy = int(Cm(box.width_cm)), int(Cm(box.height_cm))
        el = OxmlElement("wp:anchor")
        for k, val in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"), ("simplePos", "0"),
                       ("relativeHeight", str(251659264 + ident)), ("behindDoc", "0"), ("locked", "0"),
                       ("layoutInCell", "1"), ("allowOverlap", "1")):
            el.set(k, val)
        simple = OxmlElement("wp:simplePos")
        simple.set("x", "0")
        simple.set("y", "0")
        el.append(simple)
        for axis, relative, offset in (("H", "column", box.x_cm), ("V", "paragraph", box.y_cm)):
            pos = OxmlElement(f"wp:position{axis}")
            pos.set("relativeFrom", relative)
            off = OxmlElement("wp:posOffset")
            off.text = str(int(Cm(offset)))
            pos.append(off)
            el.append(pos)
        extent = OxmlElement("wp:extent")
        extent.set("cx", str(cx))
        extent.set("cy", str(cy))
        effect = OxmlElement("wp:effectExtent")
        for k in ("l", "t", "r", "b"):
            effect.set(k, "0")
        doc_pr = OxmlElement("wp:docPr")
        doc_pr.set("id", str(ident))
        doc_pr.set("name", f"文本框 {ident}")
        for part in (extent, effect, OxmlElement("wp:wrapNone"), doc_pr, OxmlElement("wp:cNvGraphicFramePr")):
            el.append(part)
        graphic = etree.SubElement(el, f"{a}graphic", nsmap={"a": _DRAWING})
        data = etree.SubElement(graphic, f"{a}graphicData", uri=_WPS)
        shape = etree.SubElement(data, f"{wps}wsp", nsmap={"wps": _WPS})
        etree.SubElement(shape, f"{wps}cNvSpPr", txBox="1")
        props = etree.SubElement(shape, f"{wps}spPr")
        xfrm = etree.SubElement(props, f"{a}xfrm")
        etree.SubElement(xfrm, f"{a}off", x="0", y="0")
        etree.SubElement(xfrm, f"{a}ext", cx=str(cx), cy=str(cy))
        etree.SubElement(etree.SubElement(props, f"{a}prstGeom", prst="rect"), f"{a}avLst")
        if box.shade:
            etree.SubElement(etree.SubElement(props, f"{a}solidFill"), f"{a}srgbClr", val="E7E6E6")
        else:
            etree.SubElement(props, f"{a}solidFill").append(etree.Element(f"{a}srgbClr", val="FFFFFF"))
        line = etree.SubElement(props, f"{a}ln", w=str(9525))
        etree.SubElement(etree.SubElement(line, f"{a}solidFill"), f"{a}srgbClr", val="000000")
        txbx = etree.SubElement(shape, f"{wps}txbx")
        content = OxmlElement("w:txbxContent")
        txbx.append(content)
        for text in box.lines:
            p_el = OxmlElement("w:p")
            content.append(p_el)
            inner = Paragraph(p_el, anchor._parent)
            inner.paragraph_format.space_after = Pt(0)
            inner.paragraph_format.space_before = Pt(0)
            _fill(inner, text)
        etree.SubElement(shape, f"{wps}bodyPr", lIns="72000", tIns="36000", rIns="72000", bIns="36000",
                         anchor="ctr")
        drawing = OxmlElement("w:drawing")
        drawing.append(el)
        anchor.add_run()._r.append(drawing)


_VML = "urn:schemas-microsoft-com:vml"
_OFFICE = "urn:schemas-microsoft-com:office:office"


def _text_box(anchor: Paragraph, box: TextBox, width_cm: float) -> None:
    """An inline VML text box in `anchor`'s paragraph, tall enough for its lines."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    pict = etree.SubElement(anchor.add_run()._r, f"{{{w}}}pict")
    # The text-box shape type as Word declares it before its first text box.
    kind = etree.SubElement(pict, f"{{{_VML}}}shapetype", nsmap={"v": _VML, "o": _OFFICE})
    for k, val in (("id", "_x0000_t202"), ("coordsize", "21600,21600"), (f"{{{_OFFICE}}}spt", "202"),
                   ("path", "m,l,21600r21600,l21600,xe")):
        kind.set(k, val)
    etree.SubElement(kind, f"{{{_VML}}}stroke").set("joinstyle", "miter")
    path = etree.SubElement(kind, f"{{{_VML}}}path")
    path.set("gradientshapeok", "t")
    path.set(f"{{{_OFFICE}}}connecttype", "rect")
    shape = etree.SubElement(pict, f"{{{_VML}}}shape", nsmap={"v": _VML, "o": _OFFICE})
    # About 38 characters to a line at 10.5 pt, 24 pt a paragraph with the template's spacing.
    lines = sum(max(1, -(-len(line) // 38)) for line in box.lines)
    shape.set("id", "文本框 1")
    shape.set(f"{{{_OFFICE}}}spid", "_x0000_s1026")
    shape.set("type", "#_x0000_t202")
    shape.set("style", f"width:{width_cm * 28.35:.0f}pt;height:{lines * 24 + 30}pt;mso-wrap-style:square")
    shape.set("strokeweight", "1pt")
    shape.set("strokecolor", "black")
    shape.set("filled", "f")
    textbox = etree.SubElement(shape, f"{{{_VML}}}textbox")
    textbox.set("inset", "7.2pt,7.2pt,7.2pt,7.2pt")
    textbox.set("style", "mso-fit-shape-to-text:t")  # Word and LibreOffice grow the box to its text
    content = etree.SubElement(textbox, f"{{{w}}}txbxContent")
    for line in box.lines:
        p_el = OxmlElement("w:p")
        content.append(p_el)
        _fill(Paragraph(p_el, anchor._parent), line)


_TWIPS_CM = 567


def _frame(p: Paragraph, frame: Frame) -> None:
    """The paragraph in a frame placed from the page's corner, nothing beside it (w:framePr
    first in its properties, as the schema orders them)."""
    pr = OxmlElement("w:framePr")
    for k, val in (("w:w", str(round(frame.width_cm * _TWIPS_CM))), ("w:hSpace", "180"), ("w:wrap", "notBeside"),
                   ("w:vAnchor", "page"), ("w:hAnchor", "page"), ("w:x", str(round(frame.x_cm * _TWIPS_CM))),
                   ("w:y", str(round(frame.y_cm * _TWIPS_CM)))):
        pr.set(qn(k), val)
    p._p.get_or_add_pPr().insert(0, pr)


# The VML of Word's 水印 → 自定义水印 → 文字水印: the WordArt shape type, then a silver text path
# turned 315° in the middle of the page, behind the text.
_WATERMARK = (
    '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="{v}" xmlns:o="{o}">'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/>'
    '<v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
    '<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/>'
    '<v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:55pt;rotation:315;'
    'z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" fillcolor="silver" '
    'stroked="f"><v:fill opacity=".5"/><v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string=""/>'
    '</v:shape></w:pict>'
)


def _watermark(doc: object, text: str) -> None:
    header = doc.sections[0].header  # type: ignore[attr-defined]
    pict = etree.fromstring(_WATERMARK.format(v=_VML, o=_OFFICE))
    pict.find(f".//{{{_VML}}}shape/{{{_VML}}}textpath").set("string", text)
    header.paragraphs[0].add_run()._r.append(pict)


_FIELD = re.compile(r"\{(PAGE|NUMPAGES)\}")


def _page_frame(doc: object, frame: PageFrame) -> None:
    # Later sections are linked to the first one's header and footer, as Word links them.
    section = doc.sections[0]  # type: ignore[attr-defined]
    for part, text in ((section.header, frame.header), (section.footer, frame.footer)):
        p = part.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pos = 0
        for m in _FIELD.finditer(text):
            if m.start() > pos:
                p.add_run(text[pos:m.start()])
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), f" {m.group(1)} ")
            shown = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            shown.append(t)
            field.append(shown)
            p._p.append(field)
            pos = m.end()
        if text[pos:]:
            p.add_run(text[pos:])


def _no_borders(table: DocxTable) -> None:
    """Every rule of the table set to nil, over the grid style: Word's 无框线."""
    pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    # The schema's order: tblBorders before shd, tblLayout, tblCellMar and tblLook.
    later = [el for tag in ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook") if (el := pr.find(qn(tag))) is not None]
    if later:
        later[0].addprevious(borders)
    else:
        pr.append(borders)


def _float(table: DocxTable) -> None:
    """Word's 表格属性 → 文字环绕: 环绕, placed at the left margin, text kept 0.32 cm off."""
    pr = table._tbl.tblPr
    el = OxmlElement("w:tblpPr")
    for k, val in (("w:leftFromText", "180"), ("w:rightFromText", "180"), ("w:vertAnchor", "text"),
                   ("w:horzAnchor", "margin"), ("w:tblpY", "120")):
        el.set(qn(k), val)
    overlap = OxmlElement("w:tblOverlap")
    overlap.set(qn("w:val"), "never")
    style = pr.find(qn("w:tblStyle"))
    if style is not None:
        style.addnext(el)
    else:
        pr.insert(0, el)
    el.addnext(overlap)


def _table(table: DocxTable, block: Table, width_cm: float) -> None:
    ncols = len(block.widths)
    deleted: list[tuple[Any, int]] = []  # a ragged table's rows and how many grid columns each lacks
    table._tbl.tblPr.style = "TableGrid"
    if not block.borders:
        _no_borders(table)
    if block.float_width_cm is not None:
        width_cm = block.float_width_cm
        _float(table)
    else:
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths)
    widths = [Cm(width_cm * w / total) for w in block.widths]
    for col, width in zip(table.columns, widths):
        col.width = width
    for tr, row in zip(table._tbl.tr_lst, block.rows):
        if sum(c.span for c in row) != ncols and not (block.ragged and sum(c.span for c in row) < ncols):
            raise ValueError(f"row spans {sum(c.span for c in row)} of {ncols} columns: {row}")
        if sum(c.span for c in row) < ncols:
            deleted.append((tr, ncols - sum(c.span for c in row)))
        tcs = [_Cell(tc, table) for tc in tr.tc_lst]
        col = 0
        for cell in row:
            for i in range(col, col + cell.span):
                tcs[i].width = widths[i]
            target = tcs[col]
            if cell.span > 1:
                target = target.merge(tcs[col + cell.span - 1])
            if cell.vmerge is not None:
                vm = OxmlElement("w:vMerge")
                if cell.vmerge == "restart":
                    vm.set(qn("w:val"), "restart")
                target._tc.get_or_add_tcPr().append(vm)
            if cell.vmerge != "continue":
                lines = cell.text.split("\n")
                _fill(target.paragraphs[0], lines[0])
                for line in lines[1:]:
                    _fill(target.add_paragraph(), line)
            if cell.nested is not None:
                inner = cell.nested
                span_cm = _TEXT_WIDTH_CM * sum(block.widths[col:col + cell.span]) / total
                _table(target.add_table(len(inner.rows), len(inner.widths)), inner, span_cm * 0.94)
            if cell.vertical:
                direction = OxmlElement("w:textDirection")
                direction.set(qn("w:val"), "tbRlV")
                target._tc.get_or_add_tcPr().append(direction)
            if cell.shade:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), "D9D9D9")
                target._tc.get_or_add_tcPr().append(shd)
            if cell.diagonal:
                _diagonal(target)
            col += cell.span
    for header in table._tbl.tr_lst[:block.header_rows]:
        _row_property(header, "w:tblHeader", {})
    for cut, missing in deleted:
        _cut_row(cut, missing, [int(w) for w in widths[ncols - missing:]])


# Word's picture shape type (_x0000_t75), declared before the first VML picture that uses it.
_SHAPETYPE_75 = (
    '<v:shapetype xmlns:v="{v}" xmlns:o="{o}" id="_x0000_t75" coordsize="21600,21600" o:spt="75" '
    'o:preferrelative="t" path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/>'
    '<v:formulas><v:f eqn="if lineDrawn pixelLineWidth 0"/><v:f eqn="sum @0 1 0"/><v:f eqn="sum 0 0 @1"/>'
    '<v:f eqn="prod @2 1 2"/><v:f eqn="prod @3 21600 pixelWidth"/><v:f eqn="prod @3 21600 pixelHeight"/>'
    '<v:f eqn="sum @0 0 1"/><v:f eqn="prod @6 1 2"/><v:f eqn="prod @7 21600 pixelWidth"/>'
    '<v:f eqn="sum @8 21600 0"/><v:f eqn="prod @7 21600 pixelHeight"/><v:f eqn="sum @10 21600 0"/></v:formulas>'
    '<v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/><o:lock v:ext="edit" aspectratio="t"/>'
    '</v:shapetype>'
)
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"


def _ole_object(p: Paragraph, block: OleObject) -> None:
    """An Excel worksheet pasted as an object (选择性粘贴 → Microsoft Excel 工作表 对象) as Word
    writes it: w:object holding the preview picture's VML shape and o:OLEObject (ProgID
    Excel.Sheet.12, embedded) whose r:id names the .xlsx package part."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from PIL import Image

    part = p.part
    image_rid, _ = part.get_or_add_image(io.BytesIO(block.png))
    n = sum(1 for rel in part.rels.values() if rel.reltype == _RT_PACKAGE) + 1
    sheet = Part(PackURI(f"/word/embeddings/Microsoft_Excel____{n if n > 1 else ''}.xlsx"), _XLSX, block.xlsx,
                 part.package)
    sheet_rid = part.relate_to(sheet, _RT_PACKAGE)
    w_px, h_px = Image.open(io.BytesIO(block.png)).size
    width_pt = block.width_cm * 28.3465
    height_pt = width_pt * h_px / w_px
    ident = next(_ids)
    obj = OxmlElement("w:object")
    obj.set(qn("w:dxaOrig"), str(round(width_pt * 20)))
    obj.set(qn("w:dyaOrig"), str(round(height_pt * 20)))
    obj.append(etree.fromstring(_SHAPETYPE_75.format(v=_VML, o=_OFFICE)))
    shape = etree.SubElement(obj, f"{{{_VML}}}shape", nsmap={"v": _VML, "o": _OFFICE})
    shape_id = f"_x0000_i{1024 + ident}"
    shape.set("id", shape_id)
    shape.set("type", "#_x0000_t75")
    shape.set("style", f"width:{width_pt:.1f}pt;height:{height_pt:.1f}pt")
    shape.set(f"{{{_OFFICE}}}ole", "")
    data = etree.SubElement(shape, f"{{{_VML}}}imagedata")
    data.set(qn("r:id"), image_rid)
    data.set(f"{{{_OFFICE}}}title", "")
    ole = etree.SubElement(obj, f"{{{_OFFICE}}}OLEObject", nsmap={"o": _OFFICE})
    for k, val in (("Type", "Embed"), ("ProgID", "Excel.Sheet.12"), ("ShapeID", shape_id), ("DrawAspect", "Content"),
                   ("ObjectID", f"_17{74000000 + ident:08d}")):
        ole.set(k, val)
    ole.set(qn("r:id"), sheet_rid)
    p.add_run()._r.append(obj)


# ---------------------------------------------------------------------------- the eleventh set's marks and rows

_RT_CONTROL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/control"
_ACTIVEX = "application/vnd.ms-office.activeX+xml"
_AX = "http://schemas.microsoft.com/office/2006/activeX"
_CHECKBOX_CLSID = "{8BD21D40-EC42-11CE-9E0D-00AA006002A5}"  # Forms.CheckBox.1
_CONTROL_PT = (13.0, 15.75)  # the box's width alone and a line's height, in points


def _activex_checkbox(p: Paragraph, checked: bool, caption: str) -> None:
    """A Forms 2.0 check box (控件工具箱 → 复选框) as Word writes an ActiveX control: w:object
    holding the VML picture of how it looks and w:control, whose r:id names the control's part
    (/word/activeX/activeXN.xml, its properties as a property bag: Value 1 when ticked, the
    caption); the caption is the control's, no character of the text."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from benchmarks.gencorpus.media import control_png

    part = p.part
    n = sum(1 for rel in part.rels.values() if rel.reltype == _RT_CONTROL) + 1
    root = etree.Element(f"{{{_AX}}}ocx", nsmap={"ax": _AX, "r": RT_NS})
    root.set(f"{{{_AX}}}classid", _CHECKBOX_CLSID)
    root.set(f"{{{_AX}}}persistence", "persistPropertyBag")
    width_pt = _CONTROL_PT[0] + _half_widths(caption) * 5.6
    himetric = f"{round(width_pt * 2540 / 72)};{round(_CONTROL_PT[1] * 2540 / 72)}"
    for name, value in (("VariousPropertyBits", "746588179"), ("BackColor", "2147483663"),
                        ("ForeColor", "2147483666"), ("DisplayStyle", "4"), ("Size", himetric),
                        ("Value", "1" if checked else "0"), ("Caption", caption), ("FontName", "宋体"),
                        ("FontHeight", "210"), ("FontCharSet", "134"), ("FontPitchAndFamily", "2")):
        prop = etree.SubElement(root, f"{{{_AX}}}ocxPr")
        prop.set(f"{{{_AX}}}name", name)
        prop.set(f"{{{_AX}}}value", value)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=False)
    control = Part(PackURI(f"/word/activeX/activeX{n}.xml"), _ACTIVEX, blob, part.package)
    control_rid = part.relate_to(control, _RT_CONTROL)
    image_rid, _ = part.get_or_add_image(io.BytesIO(control_png(checked, caption)))
    ident = next(_ids)
    obj = OxmlElement("w:object")
    obj.set(qn("w:dxaOrig"), str(round(width_pt * 20)))
    obj.set(qn("w:dyaOrig"), str(round(_CONTROL_PT[1] * 20)))
    obj.append(etree.fromstring(_SHAPETYPE_75.format(v=_VML, o=_OFFICE)))
    shape = etree.SubElement(obj, f"{{{_VML}}}shape", nsmap={"v": _VML, "o": _OFFICE})
    shape_id = f"_x0000_i{1024 + ident}"
    shape.set("id", shape_id)
    shape.set("type", "#_x0000_t75")
    shape.set("style", f"width:{width_pt:.2f}pt;height:{_CONTROL_PT[1]:.2f}pt")
    data = etree.SubElement(shape, f"{{{_VML}}}imagedata")
    data.set(qn("r:id"), image_rid)
    data.set(f"{{{_OFFICE}}}title", "")
    el = OxmlElement("w:control")
    el.set(qn("r:id"), control_rid)
    el.set(qn("w:name"), f"CheckBox{n}")
    el.set(qn("w:shapeid"), shape_id)
    obj.append(el)
    p.add_run()._r.append(obj)


RT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _equation(p: Paragraph, text: str) -> None:
    """`text` as an inline equation (插入 → 公式) as Word writes it: m:oMath holding a math run
    in Cambria Math whose text is an m:t, no w:t of the paragraph."""
    omath = etree.SubElement(p._p, f"{{{_MATH}}}oMath", nsmap={"m": _MATH})
    run = etree.SubElement(omath, f"{{{_MATH}}}r")
    fonts = OxmlElement("w:rFonts")
    for a in ("ascii", "hAnsi"):
        fonts.set(qn(f"w:{a}"), "Cambria Math")
    rpr = OxmlElement("w:rPr")
    rpr.append(fonts)
    run.append(rpr)
    etree.SubElement(run, f"{{{_MATH}}}t").text = text


# A tick as the freeform tool draws it: three points, in a 100 × 100 path.
_TICK_PATH = ((0, 58), (34, 100), (100, 0))


def _freeform_tick(p: Paragraph) -> None:
    """A tick drawn with the freeform tool (插入 → 形状 → 任意多边形) over the character after
    it: a floating shape in front of the text whose custom geometry is the tick's two strokes,
    in pen-blue, no fill; it is no character of the text."""
    side = 12 * _EMU_PT
    shape, props = _floating_shape(p, z_base=251690000, offsets=(0, -2), size=(side, side), name="任意多边形",
                                   geometry="rect")
    a = f"{{{_DRAWING}}}"
    preset = props.find(f"{a}prstGeom")
    assert preset is not None
    geometry = etree.Element(f"{a}custGeom")
    for tag in ("avLst", "gdLst", "ahLst", "cxnLst"):
        etree.SubElement(geometry, f"{a}{tag}")
    etree.SubElement(geometry, f"{a}rect", l="0", t="0", r="r", b="b")
    path = etree.SubElement(etree.SubElement(geometry, f"{a}pathLst"), f"{a}path", w="100", h="100")
    for k, (x, y) in enumerate(_TICK_PATH):
        step = etree.SubElement(path, f"{a}{'moveTo' if k == 0 else 'lnTo'}")
        etree.SubElement(step, f"{a}pt", x=str(x), y=str(y))
    preset.addprevious(geometry)
    props.remove(preset)
    line = etree.SubElement(props, f"{a}ln", w=str(int(1.75 * _EMU_PT)), cap="rnd")
    etree.SubElement(etree.SubElement(line, f"{a}solidFill"), f"{a}srgbClr", val="1F3A93")
    etree.SubElement(line, f"{a}round")
    etree.SubElement(shape, f"{{{_WPS}}}bodyPr")


def _ruled_rows(doc: object, block: RuledRows) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT

    for label, value in block.rows:
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        fmt = p.paragraph_format
        fmt.tab_stops.add_tab_stop(Cm(block.rule_cm), WD_TAB_ALIGNMENT.BAR)
        fmt.tab_stops.add_tab_stop(Cm(block.tab_cm), WD_TAB_ALIGNMENT.LEFT)
        fmt.left_indent = Cm(block.tab_cm)
        fmt.first_line_indent = Cm(-block.tab_cm)
        fmt.space_before = fmt.space_after = Pt(0)
        borders = OxmlElement("w:pBdr")
        for side in ("top", "left", "bottom", "right", "between"):
            el = OxmlElement(f"w:{side}")
            for k, val in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "auto")):
                el.set(qn(k), val)
            borders.append(el)
        p._p.get_or_add_pPr().insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens",
                                                    "w:spacing", "w:ind", "w:jc")
        _fill(p, f"{label}\t" + value.replace("\n", "[br]"))


# ---------------------------------------------------------------------------- the twelfth set's marks and blocks

# What may follow w:spacing and w:w in a run's properties (the schema's order).
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                  "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                  "w:oMath")
SQUEEZE = (72, -6)  # 字符缩放 72 %, character spacing condensed by 0.3 pt (twentieths of a point)


def _squeeze(run: Run) -> None:
    """字符缩放 and 紧缩 on `run` (w:w, w:spacing), as people squeeze a long name into its cell."""
    rpr = run._r.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(SQUEEZE[1]))
    rpr.insert_element_before(spacing, *_AFTER_SPACING)
    scale = OxmlElement("w:w")
    scale.set(qn("w:val"), str(SQUEEZE[0]))
    rpr.insert_element_before(scale, *_AFTER_SPACING[1:])


def _anchor_picture(run: Run, image: bytes, size: tuple[int, int], position: tuple[tuple[str, int], tuple[str, int]],
                    behind: bool, name: str) -> None:
    """`image` as a picture floating from `run` (no wrapping), `size` (EMU) large, placed at
    `position` ((relativeFrom, EMU) across, then down); behind the text or in front of it."""
    inline = run.part.new_pic_inline(io.BytesIO(image), size[0], size[1])
    ident = next(_ids)
    anchor = OxmlElement("wp:anchor")
    for k, val in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"), ("simplePos", "0"),
                   ("relativeHeight", str((251640000 if behind else 251700000) + ident)),
                   ("behindDoc", "1" if behind else "0"), ("locked", "0"), ("layoutInCell", "1"),
                   ("allowOverlap", "1")):
        anchor.set(k, val)
    simple = OxmlElement("wp:simplePos")
    simple.set("x", "0")
    simple.set("y", "0")
    anchor.append(simple)
    for axis, (relative, offset) in zip("HV", position):
        pos = OxmlElement(f"wp:position{axis}")
        pos.set("relativeFrom", relative)
        off = OxmlElement("wp:posOffset")
        off.text = str(offset)
        pos.append(off)
        anchor.append(pos)
    extent, doc_pr, frame_pr, graphic = (inline.find(qn(t)) for t in ("wp:extent", "wp:docPr",
                                                                         "wp:cNvGraphicFramePr", "a:graphic"))
    doc_pr.set("name", f"{name} {ident}")
    effect = OxmlElement("wp:effectExtent")
    for k in ("l", "t", "r", "b"):
        effect.set(k, "0")
    for el in (extent, effect, OxmlElement("wp:wrapNone"), doc_pr, frame_pr, graphic):
        anchor.append(el)
    drawing = OxmlElement("w:drawing")
    drawing.append(anchor)
    run._r.append(drawing)


_TICK_PT = 13.0  # a tick picture about a character's size


def _tick_picture(p: Paragraph) -> None:
    """A picture of a tick (a PNG with a transparent ground, as pasted from the web or a
    screenshot) floating in front of the text over the character after it, a little raised: no
    character of the text."""
    from benchmarks.gencorpus.media import tick_png

    side = int(_TICK_PT * _EMU_PT)
    _anchor_picture(p.add_run(), tick_png(), (side, side), (("character", _EMU_PT), ("line", -5 * _EMU_PT)),
                    behind=False, name="图片")


def _mono(doc: object, block: Mono) -> None:
    for line in block.lines:
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        fmt = p.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        _fill(p, line, block.size_pt)
        for r in p._p.iter(qn("w:r")):
            rpr = r.get_or_add_rPr()
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is None:
                fonts = OxmlElement("w:rFonts")
                rpr.insert(0, fonts)
            for a in ("ascii", "hAnsi", "eastAsia"):
                if fonts.get(qn(f"w:{a}")) is None:
                    fonts.set(qn(f"w:{a}"), block.font if a == "eastAsia" else block.latin_font)
            # As a Chinese input method types them: the box-drawing characters and the other
            # characters both scripts share are set in the East Asian font, full-width.
            if fonts.get(qn("w:hint")) is None:
                fonts.set(qn("w:hint"), "eastAsia")


def _backdrop(p: Paragraph, block: Backdrop) -> None:
    """The picture behind the text, placed from the page's corner, anchored in `p`."""
    size = (int(Cm(block.width_cm)), int(Cm(block.height_cm)))
    place = (("page", int(Cm(block.x_cm))), ("page", int(Cm(block.y_cm))))
    _anchor_picture(p.add_run(), block.image, size, place, behind=True, name="图片")


# ---------------------------------------------------------------------------- the thirteenth set's blocks

_WPG = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"


def _inline_graphic(p: Paragraph, size: tuple[int, int], name: str, uri: str) -> etree._Element:
    """A drawing placed as a character (wp:inline) in a run of its own at the end of `p`, `size`
    (EMU) large: its a:graphicData (of `uri`), for the caller to fill. `name` is Word's name for
    it, numbered by the document's ids."""
    ident = next(_ids)
    inline = OxmlElement("wp:inline")
    for k in ("distT", "distB", "distL", "distR"):
        inline.set(k, "0")
    extent = OxmlElement("wp:extent")
    extent.set("cx", str(size[0]))
    extent.set("cy", str(size[1]))
    effect = OxmlElement("wp:effectExtent")
    for k in ("l", "t", "r", "b"):
        effect.set(k, "0")
    doc_pr = OxmlElement("wp:docPr")
    doc_pr.set("id", str(ident))
    doc_pr.set("name", f"{name} {ident}")
    for el in (extent, effect, doc_pr, OxmlElement("wp:cNvGraphicFramePr")):
        inline.append(el)
    a = f"{{{_DRAWING}}}"
    graphic = etree.SubElement(inline, f"{a}graphic", nsmap={"a": _DRAWING})
    data = etree.SubElement(graphic, f"{a}graphicData", uri=uri)
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    p.add_run()._r.append(drawing)
    return data


def _box_shape(parent: etree._Element, box: Box, offset: tuple[int, int], ident: int | None) -> etree._Element:
    """A bordered rectangle text box (wps:wsp) under `parent`, at `offset` (EMU) in its parent's
    space and `box`'s size, white or shaded grey, black outline; a group's member names itself
    (wps:cNvPr, `ident`). Returns its w:txbxContent, empty."""
    a, wps = f"{{{_DRAWING}}}", f"{{{_WPS}}}"
    shape = etree.SubElement(parent, f"{wps}wsp", nsmap={"wps": _WPS})
    if ident is not None:
        etree.SubElement(shape, f"{wps}cNvPr", id=str(ident), name=f"文本框 {ident}")
    etree.SubElement(shape, f"{wps}cNvSpPr", txBox="1")
    props = etree.SubElement(shape, f"{wps}spPr")
    xfrm = etree.SubElement(props, f"{a}xfrm")
    etree.SubElement(xfrm, f"{a}off", x=str(offset[0]), y=str(offset[1]))
    etree.SubElement(xfrm, f"{a}ext", cx=str(int(Cm(box.width_cm))), cy=str(int(Cm(box.height_cm))))
    etree.SubElement(etree.SubElement(props, f"{a}prstGeom", prst="rect"), f"{a}avLst")
    etree.SubElement(etree.SubElement(props, f"{a}solidFill"), f"{a}srgbClr", val="E7E6E6" if box.shade else "FFFFFF")
    line = etree.SubElement(props, f"{a}ln", w="9525")
    etree.SubElement(etree.SubElement(line, f"{a}solidFill"), f"{a}srgbClr", val="000000")
    txbx = etree.SubElement(shape, f"{wps}txbx")
    content = OxmlElement("w:txbxContent")
    txbx.append(content)
    etree.SubElement(shape, f"{wps}bodyPr", lIns="72000", tIns="36000", rIns="72000", bIns="36000", anchor="ctr")
    return content


def _box_paragraphs(content: etree._Element, lines: tuple[str, ...], anchor: Paragraph) -> None:
    for text in lines:
        p_el = OxmlElement("w:p")
        content.append(p_el)
        inner = Paragraph(p_el, anchor._parent)
        inner.paragraph_format.space_after = Pt(0)
        inner.paragraph_format.space_before = Pt(0)
        _fill(inner, text)


def _table_box(p: Paragraph, block: TableBox) -> None:
    """The text box, its lines and its table (a table may stand in a text box as in a cell: the
    box's content ends with a paragraph after it, as Word requires)."""
    from docx.oxml.table import CT_Tbl

    box = Box(0.0, 0.0, block.width_cm, block.height_cm, ())
    data = _inline_graphic(p, (int(Cm(block.width_cm)), int(Cm(block.height_cm))), "文本框", _WPS)
    content = _box_shape(data, box, (0, 0), None)
    shape = content.getparent().getparent()
    body = shape.find(f"{{{_WPS}}}bodyPr")
    assert body is not None
    body.set("anchor", "t")
    etree.SubElement(body, f"{{{_DRAWING}}}spAutoFit")
    _box_paragraphs(content, block.lines, p)
    inner = block.table
    tbl = CT_Tbl.new_tbl(len(inner.rows), len(inner.widths), Cm(block.width_cm - 0.6))
    content.append(tbl)
    _table(DocxTable(tbl, p._parent), inner, block.width_cm - 0.6)
    content.append(OxmlElement("w:p"))


def _group(p: Paragraph, block: Group) -> None:
    """The boxes as members of one group shape whose child space is its own size in EMU."""
    a, wpg = f"{{{_DRAWING}}}", f"{{{_WPG}}}"
    right = max(int(Cm(b.x_cm + b.width_cm)) for b in block.boxes)
    bottom = max(int(Cm(b.y_cm + b.height_cm)) for b in block.boxes)
    data = _inline_graphic(p, (right, bottom), "组合", _WPG)
    group = etree.SubElement(data, f"{wpg}wgp", nsmap={"wpg": _WPG})
    etree.SubElement(group, f"{wpg}cNvGrpSpPr")
    xfrm = etree.SubElement(etree.SubElement(group, f"{wpg}grpSpPr"), f"{a}xfrm")
    for tag, x, y in (("off", 0, 0), ("ext", right, bottom), ("chOff", 0, 0), ("chExt", right, bottom)):
        etree.SubElement(xfrm, f"{a}{tag}", **({"x": str(x), "y": str(y)} if tag.endswith("ff")
                                               else {"cx": str(x), "cy": str(y)}))
    for box in block.boxes:
        content = _box_shape(group, box, (int(Cm(box.x_cm)), int(Cm(box.y_cm))), next(_ids))
        _box_paragraphs(content, box.lines, p)


_NUMBER = re.compile(r"[\d,.]+")


def _sheet_paste(table: DocxTable, block: SheetPaste) -> None:
    """What Word keeps of the sheet's formatting on a paste: the fixed layout, each row's height
    (atLeast), every cell centred vertically, the sheet's font and size on every run, figures
    right-aligned, paragraphs with no spacing."""
    pr = table._tbl.tblPr
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    later = [el for tag in ("w:tblCellMar", "w:tblLook") if (el := pr.find(qn(tag))) is not None]
    if later:
        later[0].addprevious(fixed)
    else:
        pr.append(fixed)
    for tr in table._tbl.tr_lst:
        height = tr.get_or_add_trPr()
        el = OxmlElement("w:trHeight")
        el.set(qn("w:val"), str(round(block.row_cm * _TWIPS_CM)))
        el.set(qn("w:hRule"), "atLeast")
        height.append(el)
        for tc in tr.tc_lst:
            tc_pr = tc.get_or_add_tcPr()
            align = OxmlElement("w:vAlign")
            align.set(qn("w:val"), "center")
            tc_pr.append(align)
            cell = _Cell(tc, table)
            figure = bool(_NUMBER.fullmatch(cell.text.strip()))
            for para in cell.paragraphs:
                fmt = para.paragraph_format
                fmt.space_before = fmt.space_after = Pt(0)
                fmt.line_spacing = 1.0
                if figure:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for r in table._tbl.iter(qn("w:r")):
        rpr = r.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for a in ("ascii", "hAnsi", "eastAsia"):
            if fonts.get(qn(f"w:{a}")) is None:
                fonts.set(qn(f"w:{a}"), block.font)
        if rpr.sz_val is None:
            rpr.sz_val = Pt(block.size_pt)


# ---------------------------------------------------------------------------- the fourteenth set's blocks

def _smart_tag(p: Paragraph, spec: str) -> etree._Element:
    """A Word 2003 smart tag (w:smartTag of urn:schemas-microsoft-com:office:smarttags) at the end
    of `p`, `spec` its element and its properties (chsdate|Year=2024|Month=5|Day=1): the element
    the runs after it go into until [/st]."""
    element, *pairs = spec.split("|")
    tag = OxmlElement("w:smartTag")
    tag.set(qn("w:uri"), "urn:schemas-microsoft-com:office:smarttags")
    tag.set(qn("w:element"), element)
    if pairs:
        props = OxmlElement("w:smartTagPr")
        for pair in pairs:
            name, _, value = pair.partition("=")
            attr = OxmlElement("w:attr")
            attr.set(qn("w:name"), name)
            attr.set(qn("w:val"), value)
            props.append(attr)
        tag.append(props)
    p._p.append(tag)
    return tag


# The schema's order of a cell's and a row's properties (what may come before what).
_TC_PR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
                "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
_TR_PR_ORDER = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
                "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden")


def _in_order(parent: etree._Element, el: etree._Element, order: tuple[str, ...]) -> None:
    """`el` into `parent` before the first child the schema puts after it."""
    rank = order.index("w:" + el.tag.split("}")[1])
    for child in parent:
        name = "w:" + child.tag.split("}")[1]
        if name in order and order.index(name) > rank:
            child.addprevious(el)
            return
    parent.append(el)


def _diagonal(cell: _Cell) -> None:
    """A rule from the cell's top left to its bottom right corner (绘制斜线表头 as people draw it:
    a top-left-to-bottom-right border), the first line of its text set right (the columns'
    heading) and the rest left (the rows')."""
    borders = OxmlElement("w:tcBorders")
    line = OxmlElement("w:tl2br")
    for key, val in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "auto")):
        line.set(qn(key), val)
    borders.append(line)
    _in_order(cell._tc.get_or_add_tcPr(), borders, _TC_PR_ORDER)
    for n, para in enumerate(cell.paragraphs):
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if n == 0 else WD_ALIGN_PARAGRAPH.LEFT


def _row_property(tr: Any, tag: str, attrs: dict[str, str]) -> None:
    el = OxmlElement(tag)
    for k, val in attrs.items():
        el.set(qn(k), val)
    _in_order(tr.get_or_add_trPr(), el, _TR_PR_ORDER)


def _cut_row(tr: Any, missing: int, widths: list[int]) -> None:
    """The row's last `missing` grid columns deleted (删除单元格, 右侧单元格左移): their empty cells
    gone, the row ending early (w:gridAfter, w:wAfter in twips)."""
    tcs = tr.tc_lst
    # python-docx made the row as wide as the grid: its trailing cells, one per column, are the deleted ones.
    for tc in tcs[len(tcs) - missing:]:
        tr.remove(tc)
    _row_property(tr, "w:gridAfter", {"w:val": str(missing)})
    _row_property(tr, "w:wAfter", {"w:w": str(round(sum(widths) / 635)), "w:type": "dxa"})


# ---------------------------------------------------------------------------- the fifteenth set's marks

def _stale_checkbox(typed_tick: bool) -> etree._Element:
    """A check box content control (w14:checkbox, ☒/☐ its states) that was never ticked: its
    state says unchecked; with `typed_tick` its ☐ was selected and ☑ typed in its place (Word 2007
    and WPS cannot tick such a control), so it shows ☑ while w14:checked stays 0."""
    sdt = _checkbox_sdt(False)
    if typed_tick:
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        run = sdt.find(f"{{{w}}}sdtContent/{{{w}}}r")
        assert run is not None
        fonts = run.find(f"{{{w}}}rPr/{{{w}}}rFonts")
        if fonts is not None:  # (typed in the paragraph's own font, not the control's MS Gothic)
            fonts.getparent().remove(fonts)
        run.find(f"{{{w}}}t").text = "☑"  # type: ignore[union-attr]
    return sdt


def _char_shading(run: Run) -> None:
    """Word's 字符底纹 button on `run`: a 15 % grey pattern behind the characters (w:shd pct15)."""
    el = OxmlElement("w:shd")
    for k, val in (("w:val", "pct15"), ("w:color", "auto"), ("w:fill", "FFFFFF")):
        el.set(qn(k), val)
    run._r.get_or_add_rPr().append(el)


def _typed_colour(run: Run, colour: str) -> None:
    """The run in `colour` and in 楷体 (Chinese text; the Latin text keeps its font), as values
    typed to stand out from a template's 宋体 labels."""
    run.font.color.rgb = RGBColor.from_string(colour.upper())
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), "楷体")

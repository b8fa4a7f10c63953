"""A small document model and its .docx writer.

Cell and paragraph text may carry inline markup, because the ways people mark a chosen
option need run-level control: `[b]…[/b]` bold, `[u]…[/u]` underlined, `[wd:F0FE]` a
Wingdings symbol (`w:sym`, what Word's Insert Symbol writes), `[cb:1]`/`[cb:0]` a Word
content-control checkbox (`w14:checkbox`, ticked or not), `[w2:R]` a character typed in the
Wingdings 2 font (R shows ☑, £ shows □: how many office templates carry their boxes),
`[hl]…[/hl]` highlighted yellow (Word's 突出显示). `\\n` separates paragraphs. A cell may
also hold a nested table, below its text. `Section` starts a new page in portrait or
landscape; `PageFrame` gives every page a header and a footer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Literal

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
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


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Section:
    """A new section on a new page; what follows is laid out in portrait or landscape."""

    landscape: bool


@dataclass(frozen=True)
class PageFrame:
    """The header and footer of every page; `{PAGE}` and `{NUMPAGES}` in them become Word fields."""

    header: str
    footer: str


Block = Table | Para | PageBreak | Section | PageFrame

_TOKEN = re.compile(r"\[(b|/b|u|/u|hl|/hl)\]|\[wd:([0-9A-Fa-f]{4})\]|\[cb:([01])\]|\[w2:(.)\]")
# What Word shows for the Wingdings 2 characters the templates use.
_WINGDINGS2 = {"R": "☑", "£": "□", "S": "☒", "P": "✓"}


def plain(text: str) -> str:
    """The text without markup (Wingdings/checkbox controls shown as the glyphs Word shows)."""
    def sub(m: re.Match[str]) -> str:
        if m.group(2):
            return "þ" if m.group(2).upper() == "F0FE" else "¨"
        if m.group(3):
            return "☒" if m.group(3) == "1" else "☐"
        if m.group(4):
            return _WINGDINGS2.get(m.group(4), m.group(4))
        return ""
    return _TOKEN.sub(sub, text)


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


def _fill(p: Paragraph, text: str, size: float | None = None, bold_all: bool = False) -> None:
    bold = underline = highlight = False
    pos = 0

    def add(chunk: str) -> None:
        if not chunk:
            return
        run = p.add_run(chunk)
        run.bold = bold or bold_all or None
        run.underline = underline or None
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if size:
            run.font.size = Pt(size)

    for m in _TOKEN.finditer(text):
        add(text[pos:m.start()])
        pos = m.end()
        tag, sym, cb, w2 = m.groups()
        if tag == "b":
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
    for block in blocks:
        if isinstance(block, PageBreak):
            doc.add_page_break()  # type: ignore[no-untyped-call]
        elif isinstance(block, Section):
            width_cm = _new_section(doc, block.landscape)
        elif isinstance(block, PageFrame):
            _page_frame(doc, block)
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
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_ooxml(raw.getvalue())


_TEXT_WIDTH_CM = 16.6
_PAGE_CM = (21.0, 29.7)


def _new_section(doc: object, landscape: bool) -> float:
    """Start a section on a new page; the text width it leaves for tables, in cm."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)  # type: ignore[attr-defined]
    short, long = Cm(_PAGE_CM[0]), Cm(_PAGE_CM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    return _PAGE_CM[1] - 4.4 if landscape else _TEXT_WIDTH_CM


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


def _table(table: DocxTable, block: Table, width_cm: float) -> None:
    ncols = len(block.widths)
    table._tbl.tblPr.style = "TableGrid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths)
    widths = [Cm(width_cm * w / total) for w in block.widths]
    for col, width in zip(table.columns, widths):
        col.width = width
    for tr, row in zip(table._tbl.tr_lst, block.rows):
        if sum(c.span for c in row) != ncols:
            raise ValueError(f"row spans {sum(c.span for c in row)} of {ncols} columns: {row}")
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
            if cell.shade:
                shd = OxmlElement("w:shd")
                shd.set(qn("w:val"), "clear")
                shd.set(qn("w:color"), "auto")
                shd.set(qn("w:fill"), "D9D9D9")
                target._tc.get_or_add_tcPr().append(shd)
            col += cell.span

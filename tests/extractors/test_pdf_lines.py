"""Text PDF pages read cheaply give the rows of the full layout: a page without ruling lines
becomes line rows built on pdfium's character columns (pdf_lines) with no table machinery and
no char dicts, a page with tables still gets its cells, and the shortcuts under them — the
columns, the table finder, the line boxes, the form-page and text-quality tests — answer what
the plain versions answer, on real PDFs built here (reportlab, the demo's forms, LibreOffice)."""

from __future__ import annotations

import ctypes
import math
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import TableFinder
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from shenbao.demo.forms import build_docx, build_pdf, example_spec
from shenbao.extractors import convert, pdf_layout, pdf_lines, pdf_reader, pdf_tables
from shenbao.extractors.pdf_layout import LIGATURES, PageColumns, page_columns
from shenbao.extractors.pdf_reader import (
    FORM_LABELS,
    chars_to_rows,
    layout_rows,
    pdf_to_doctext,
    pdfium_line_boxes,
    score_text_quality,
)
from shenbao.extractors.text_cleanup import fix_radicals, is_han, text_for_matching
from shenbao.record import Row
from tests.builders.pdf_quirks import (
    FONT,
    GridCell,
    combine,
    pdf_from,
    rotated_text,
    ruled_table,
    spaced_page,
)

# --------------------------------------------------------------------------- fixtures


def _prose_form_page(c: Canvas) -> None:
    """A form page without a single rule: what makes lines and parts of lines. A title in a
    bigger size; a label and its value far apart (two parts); label/value pairs separated by
    typed ideographic spaces (pdfium drops them: a gap); numbers set apart by small gaps;
    two sizes on one baseline and a raised footnote mark (one line); a box with a tick
    overprinted on it; a letter-spaced label; a little seal text at an angle (left out)."""
    c.setFont(FONT, 16)
    c.drawString(200, 780, "项目申报书")
    c.setFont(FONT, 12)
    c.drawString(72, 740, "项目名称：")
    c.drawString(300, 740, "湘江流域声景生态保护学术研讨会")
    c.drawString(72, 716, "负责人：欧阳立新\u3000\u3000\u3000职务：理事长")
    x = 72.0
    for part in ("联系电话", "0731", "-", "88762210"):
        c.drawString(x, 692, part)
        x += pdfmetrics.stringWidth(part, FONT, 12) + 4
    c.setFont(FONT, 9)
    c.drawString(x + 2, 692, "（手机）")
    c.setFont(FONT, 12)
    c.drawString(72, 668, "申请经费")
    c.setFont(FONT, 7)
    c.drawString(72 + pdfmetrics.stringWidth("申请经费", FONT, 12), 673, "1")
    c.setFont(FONT, 12)
    c.drawString(72, 644, "□学术交流")
    c.drawString(72, 644, "√")
    c.drawString(180, 644, "□科普活动")
    spaced_page("单位类型", gap=5, y=620)(c)
    c.drawString(160, 620, "省级学会")
    c.drawString(72, 596, "备注：hnsxxh@163.com  office staff 2024.5—2024.11")
    # a small size after a big one a little apart (a space by the small size's measure, not
    # by the big one's), and two letters printed on one place (kept in the order drawn)
    c.drawString(72, 572, "No.")
    c.setFont(FONT, 7)
    c.drawString(72 + pdfmetrics.stringWidth("No.", FONT, 12) + 2.5, 572, "A12")
    c.setFont(FONT, 12)
    for x, letter in ((150, "X"), (150, "Y"), (170, "Z")):
        c.drawString(x, 572, letter)
    # a sloping line, each character 3 pt below the one before: a line ends where a character
    # is too far from the line's first one, not from its neighbour
    for n, ch in enumerate("甲乙丙丁戊"):
        c.drawString(72 + 14 * n, 540 - 3 * n, ch)
    c.setFont(FONT, 10.12345)  # a size with more places than pdfplumber's rounded "size"
    c.drawString(72, 500, "项目周期：2024年")
    rotated_text("示例学会", x=420, y=480, angle=25)(c)


def _table_page(c: Canvas) -> None:
    """A ruled table with a row span and a column span, a heading above it and prose below."""
    c.drawString(72, 800, "一、基本情况")
    ruled_table([GridCell(0, 0, "项目名称"), GridCell(0, 1, "湖南省青年科技人才论坛", colspan=3),
                 GridCell(1, 0, "项目负责人", rowspan=2), GridCell(1, 1, "姓名"), GridCell(1, 2, "张三", colspan=2),
                 GridCell(2, 1, "电话"), GridCell(2, 2, "13812345678", colspan=2),
                 GridCell(3, 0, "申请经费"), GridCell(3, 1, "10万元"), GridCell(3, 2, "起止时间"),
                 GridCell(3, 3, "2024年3月至12月")], col_widths=[90, 110, 90, 160], top=780)(c)
    c.drawString(72, 640, "二、项目内容")
    c.drawString(72, 616, "（一）围绕学术交流开展工作，预计参会代表 260 人。")
    c.drawString(72, 592, "联系人：贺晓琳        电话：0731-88762210")
    # an L-shaped table: the text in the corner it leaves out is inside its box, in no cell
    ruled_table([GridCell(0, 0, "预算科目"), GridCell(0, 1, "金额"), GridCell(1, 0, "合计")],
                col_widths=[120, 120], top=560)(c)
    c.drawString(190, 515, "备注栏外")


@contextmanager
def _columns(data: bytes, index: int = 0) -> Iterator[PageColumns]:
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[index]
        yield page_columns(page, page.get_textpage())
    finally:
        doc.close()


def _both_paths(data: bytes, index: int) -> tuple[Any, Any]:
    """(the cheap reading, the full reading) of one page: chars_to_rows on the columns, and
    layout_rows on the same characters as pdfplumber's dicts."""
    with _columns(data, index) as page:
        cheap = chars_to_rows(page.chars, page.edges, page.bbox, index + 1)
        full = layout_rows(page.chars.as_dicts(), page.edges, page.bbox, index + 1)
    return cheap, full


def _dump(rows: list[Row]) -> list[dict[str, Any]]:
    return [r.model_dump() for r in rows]


def _pages(data: bytes) -> int:
    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


# --------------------------------------------------------------------------- the cheap path


def test_a_page_without_ruling_lines_is_read_from_the_columns_into_the_full_layouts_rows() -> None:
    data = pdf_from([_prose_form_page])
    with _columns(data) as page:
        assert not page.edges  # no rule: nothing for the table finder
        level = np.flatnonzero(page.chars.level)
        assert len(level) < len(page.chars)  # the seal text is there, and left out
        cheap = [row for _, _, row in pdf_lines.line_rows(page.chars, level, 1, page.bbox)]
        full = layout_rows(page.chars.as_dicts(), page.edges, page.bbox, 1)
    assert full is not None
    assert _dump(cheap) == _dump(full[0])
    texts = [[c.text for c in r.cells] for r in cheap]
    assert ["项目名称：", "湘江流域声景生态保护学术研讨会"] in texts  # a line in two parts
    assert any(t[0].startswith("联系电话 0731 - 88762210") for t in texts)
    assert any("☑学术交流" in t[0] for t in texts)
    assert ["No. A12", "XY Z"] in texts
    assert ["甲乙"] in texts and ["丙丁"] in texts  # the slope is cut where it leaves the first
    assert [r.cells[0].where for r in cheap][:2] == ["第1页 第1行", "第1页 第2行第1段"]
    assert all(r.source == "line" and all(c.box is not None for c in r.cells) for r in cheap)


def test_the_reader_gives_a_page_without_rules_the_rows_of_the_full_layout() -> None:
    data = pdf_from([_prose_form_page])
    with _columns(data) as page:
        full = layout_rows(page.chars.as_dicts(), page.edges, page.bbox, 1)
    read = pdf_to_doctext(data, "a.pdf", "sha")
    assert full is not None and _dump(list(read.rows)) == _dump(full[0])
    assert any("旋转文字" in n for n in read.notes)


def test_a_page_with_a_table_still_gets_its_cells_and_the_lines_around_it() -> None:
    data = pdf_from([_table_page])
    cheap, full = _both_paths(data, 0)
    assert cheap is not None and full is not None
    assert _dump(cheap[0]) == _dump(full[0]) and cheap[1:] == full[1:]
    table = [[c.text for c in r.cells] for r in cheap[0] if r.source == "table"]
    assert ["项目负责人", "电话", "13812345678"] in table  # the row span repeated
    assert ["申请经费", "10万元", "起止时间", "2024年3月至12月"] in table
    lines = [[c.text for c in r.cells] for r in cheap[0] if r.source == "line"]
    assert lines[0] == ["一、基本情况"] and ["联系人：贺晓琳", "电话：0731-88762210"] in lines
    assert not any("备注栏外" in t for line in lines for t in line)  # a table's gap holds no line
    read = pdf_to_doctext(data, "a.pdf", "sha")
    assert _dump(list(read.rows)) == _dump(cheap[0])


def test_a_wider_part_gap_keeps_two_spaces_by_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    # With the part gap above the pair gap, a gap between them is two spaces in one cell.
    for module in (pdf_lines, pdf_reader):
        monkeypatch.setattr(module, "CHUNK_GAP", 4.0)
    data = pdf_from([_table_page])
    cheap, full = _both_paths(data, 0)
    assert cheap is not None and full is not None and _dump(cheap[0]) == _dump(full[0])
    assert ["联系人：贺晓琳 电话：0731-88762210"] in [[c.text for c in r.cells] for r in cheap[0]]


@pytest.mark.parametrize("layout", ["grid4", "two_col_spaced", "inline_colon", "vertical"])
@pytest.mark.parametrize("checkbox", ["ballot", "square", "tick", "paren"])
def test_every_page_of_the_demo_forms_reads_the_same_by_both_paths(layout: str, checkbox: str) -> None:
    content = tuple(f"（{i}）围绕学术交流与科普服务开展第{i}项工作，预计参会代表260人。" * 3 for i in range(12))
    data = build_pdf(example_spec(layout=layout, checkbox=checkbox, content=content))
    tables = 0
    for index in range(_pages(data)):
        cheap, full = _both_paths(data, index)
        assert cheap is not None and full is not None
        assert _dump(cheap[0]) == _dump(full[0]) and cheap[1:] == full[1:], index
        tables += sum(r.source == "table" for r in cheap[0])
    assert tables  # the forms do hold tables


@pytest.mark.slow
@pytest.mark.skipif(not convert.available(), reason="LibreOffice not installed")
def test_a_form_printed_by_libreoffice_reads_the_same_by_both_paths() -> None:
    # Embedded font subsets, a text object per run of a few characters, as Word/WPS print.
    goals = tuple(f"{i}.完成第{i}项考核指标，形成可检查的成果材料。" for i in range(1, 30))
    data = convert.to_pdf(build_docx(example_spec(layout="vertical", checkbox="paren", goals=goals)), "f.docx")
    for index in range(_pages(data)):
        cheap, full = _both_paths(data, index)
        assert cheap is not None and full is not None
        assert _dump(cheap[0]) == _dump(full[0]) and cheap[1:] == full[1:], index


def _overprinted(c: Canvas) -> None:
    """A label drawn over by a longer copy of itself 0.3 pt to the right (fake bold that
    pdfium cannot drop as a repeated text object: the second one says more)."""
    c.drawString(72, 700, "项目名称：湖南省")
    c.drawString(72.3, 700, "项目名称：湖南省青年论坛")


def test_overprinted_duplicates_go_through_the_full_layout() -> None:
    data = pdf_from([_overprinted])
    with _columns(data) as page:
        assert pdf_reader._has_duplicates_in_columns(page.chars)
    cheap, full = _both_paths(data, 0)
    assert cheap is not None and full is not None and _dump(cheap[0]) == _dump(full[0])
    assert [[c.text for c in r.cells] for r in cheap[0]] == [["项目名称：湖南省青年论坛"]]


def test_a_page_without_duplicates_is_found_to_have_none() -> None:
    for data in (pdf_from([_prose_form_page, _table_page]), build_pdf(example_spec())):
        for index in range(_pages(data)):
            with _columns(data, index) as page:
                assert not pdf_reader._has_duplicates_in_columns(page.chars)
                assert pdf_reader._dedupe_chars(page.chars.as_dicts()) == page.chars.as_dicts()


# --------------------------------------------------------------------------- what the path stands on


def _one_by_one(textpage: pdfium.PdfTextPage, page_top: float) -> list[dict[str, Any]]:
    """pdfium's characters read one at a time through pypdfium2's own calls: the plain
    version of page_chars (its rules, one character after the other)."""
    tp = textpage.raw
    out: list[dict[str, Any]] = []
    last: tuple[int, Any, tuple[float, ...]] = (-2, None, ())
    obj_seen: Any = object()
    size = 0.0
    matrix: tuple[float, ...] = ()
    upright = True
    fs = pdfium_c.FS_MATRIX()
    pending = 0
    for i in range(pdfium_c.FPDFText_CountChars(tp)):
        code = pdfium_c.FPDFText_GetUnicode(tp, i)
        if 0xD800 <= code < 0xDC00:
            pending = code
            continue
        if 0xDC00 <= code < 0xE000 and pending:
            code = 0x10000 + ((pending - 0xD800) << 10) + (code - 0xDC00)
        pending = 0
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        text = LIGATURES.get(code, chr(code))
        if text.isspace() and (text in "\r\n" or pdfium_c.FPDFText_IsGenerated(tp, i) == 1):
            continue
        rect = pdfium_c.FS_RECTF()
        if not pdfium_c.FPDFText_GetLooseCharBox(tp, i, rect):
            continue
        address = ctypes.cast(pdfium_c.FPDFText_GetTextObject(tp, i), ctypes.c_void_p).value
        box = (rect.left, rect.right, rect.top, rect.bottom)
        if last[0] == i - 1 and last[1] == address and last[2] == box and pdf_layout._same_glyph(tp, i):
            out[-1]["text"] += text
            last = (i, address, box)
            continue
        last = (i, address, box)
        if address != obj_seen or address is None:
            obj_seen = address
            pdfium_c.FPDFText_GetMatrix(tp, i, fs)
            matrix = (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)
            upright = abs(fs.b) < 1e-6 and abs(fs.c) < 1e-6
            size = pdfium_c.FPDFText_GetFontSize(tp, i) * (abs(fs.d) if upright else math.hypot(fs.c, fs.d))
        x0, x1 = min(rect.left, rect.right), max(rect.left, rect.right)
        low, high = min(rect.bottom, rect.top), max(rect.bottom, rect.top)
        bottom = page_top - low
        top = bottom - size if upright and size > 0 else page_top - high
        out.append({"object_type": "char", "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                    "doctop": top, "width": x1 - x0, "height": bottom - top, "size": round(size, 3),
                    "upright": upright, "matrix": matrix, "fontname": ""})
    return out


def test_the_columns_hold_what_pdfium_says_of_each_character() -> None:
    pdfs = [pdf_from([_prose_form_page, _table_page]), build_pdf(example_spec(layout="inline_colon"))]
    for data in pdfs:
        doc = pdfium.PdfDocument(data)
        try:
            for index in range(len(doc)):
                page = doc[index]
                textpage = page.get_textpage()
                top = page.get_mediabox()[3]
                columns = pdf_layout.page_chars(textpage, top)
                reference = _one_by_one(textpage, top)
                assert columns.as_dicts() == reference, index
                assert columns.level.tolist() == [pdf_reader._is_level(c) for c in reference]
                picked = list(range(0, len(reference), 3))
                assert columns.as_dicts(picked) == [reference[i] for i in picked]
        finally:
            doc.close()


def _tables_side_by_side(c: Canvas) -> None:
    """Two tables with their rows at the same heights and a gap between them: points on one
    line that no rule joins."""
    cells = [GridCell(0, 0, "姓名"), GridCell(0, 1, "张三"), GridCell(1, 0, "电话"), GridCell(1, 1, "138")]
    ruled_table(cells, col_widths=[60, 80], x=60, top=700)(c)
    ruled_table(cells, col_widths=[60, 80], x=260, top=700)(c)


def test_the_table_finder_finds_the_cells_pdfplumbers_finds() -> None:
    class EdgePage:
        def __init__(self, edges: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> None:
            self.edges, self.bbox = edges, bbox

    found = 0
    for data in (pdf_from([_table_page, _tables_side_by_side]), build_pdf(example_spec()),
                 build_pdf(example_spec(layout="vertical"))):
        for index in range(_pages(data)):
            with _columns(data, index) as page:
                tables = TableFinder(EdgePage(page.edges, page.bbox), {}).tables  # type: ignore[arg-type]
                tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
                assert pdf_tables.find_table_cells(page.edges) == [
                    [tuple(float(v) for v in cell) for cell in t.cells] for t in tables], index
                found += len(tables)
    assert found >= 3


def test_a_line_of_many_text_objects_has_the_union_of_all_their_rectangles() -> None:
    # One text object per character: more rectangles on a line than the reader's first buffer.
    data = pdf_from([combine(spaced_page("项目名称湘江流域声景生态保护学术研讨会暨第三届年会", gap=2),
                             spaced_page("申报单位", gap=1, y=650))])
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[0]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        left, bottom, right, top = page.get_mediabox()
        boxes = pdfium_line_boxes(page, textpage, text)
        expected = []
        index = 0
        for line in text.split("\r\n"):
            first = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, index)
            last = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage.raw, index + len(line) - 1)
            rects = [textpage.get_rect(n) for n in range(textpage.count_rects(first, last - first + 1))]
            assert len(rects) > 16 or line == "申报单位"
            x0, x1 = min(r[0] for r in rects), max(r[2] for r in rects)  # left, bottom, right, top
            y0, y1 = min(r[1] for r in rects), max(r[3] for r in rects)
            expected.append(pdf_lines.page_fraction(x0 - left, top - y1, x1 - left, top - y0,
                                                    (0.0, 0.0, right - left, top - bottom)))
            index += len(line) + 2
    finally:
        doc.close()
    assert len(expected) == 2 and boxes == expected


# Stand-ins that fixing radicals or NFKC turn into a label's character: Kangxi and supplement
# radicals, a circled ideograph, Kanbun, compatibility ideographs.
_STAND_INS = {"目": "\u2f6c\u2eab", "见": "\u2ec5", "人": "\u2f08\u319f", "名": "\u3294", "类": "\ufaae",
              "周": "\U0002f83f", "型": "\U0002f855", "起": "\U0002f9d7", "止": "\u2f4c"}
_BETWEEN = st.sampled_from(["", "", " ", "\u3000", "\u200b", "\t", "\n", "\u00a8", "\ufeff", "：", "a"])


@st.composite
def _texts_around_labels(draw: st.DrawFn) -> str:
    """A label, its characters maybe written as stand-ins and with spaces or other characters
    between them, amid other text."""
    label = draw(st.sampled_from(FORM_LABELS))
    out = draw(st.sampled_from(["", "说明", "（", "a "]))
    for ch in label:
        out += draw(st.sampled_from([ch, *_STAND_INS.get(ch, "")])) + draw(_BETWEEN)
    return out + draw(st.sampled_from(["", "：值", "\u3038"]))


@settings(max_examples=400, deadline=None)
@given(st.one_of(_texts_around_labels(), st.text(max_size=30)))
def test_a_form_page_is_recognised_as_text_for_matching_recognises_it(text: str) -> None:
    assert pdf_reader._is_form_page(text) == any(label in text_for_matching(text) for label in FORM_LABELS)


def test_no_character_outside_the_radical_class_becomes_a_han_character() -> None:
    # the shortcut of _is_form_page: outside _MAY_BECOME_HAN, fixing radicals and NFKC leave
    # no Han character where there was none
    assert all(is_han(ch) for label in FORM_LABELS for ch in label)
    outside = (chr(o) for o in range(0x110000) if not 0xD800 <= o < 0xE000)
    for ch in outside:
        if is_han(ch) or pdf_reader._MAY_BECOME_HAN.match(ch):
            continue
        changed = unicodedata.normalize("NFKC", fix_radicals(ch))
        assert changed == ch or not any(is_han(c) for c in changed), hex(ord(ch))


def test_the_quality_scan_judges_every_character_by_the_readable_ranges() -> None:
    def readable(o: int) -> bool:
        return any(a <= o <= b for a, b in pdf_reader._READABLE)

    for start in range(0, 0x110000, 256):  # a block of code points at a time, counted both ways
        block = "".join(chr(o) for o in range(start, start + 256))
        printed = [o for o in range(start, start + 256) if not chr(o).isspace()]
        quality = score_text_quality(block)
        assert (quality.chars, quality.bad) == (len(printed), sum(not readable(o) for o in printed)), hex(start)
    mixed = "项目\u3000名称 (cid:12)\ufffd\ue000ab"  # 4 Han, a cid, two unreadable, two letters
    assert (score_text_quality(mixed).chars, score_text_quality(mixed).bad) == (9, 3)


def _red_ring_only(c: Canvas) -> None:
    c.setStrokeColorRGB(0.85, 0.1, 0.1)
    c.setLineWidth(3)
    c.circle(300, 500, 50, stroke=1, fill=0)


def _red_text(c: Canvas) -> None:
    c.setFillColorRGB(0.85, 0.1, 0.1)
    c.drawString(300, 500, "湖南省示例学会")


def _red_in_a_form_xobject(c: Canvas) -> None:
    c.beginForm("seal")
    c.setStrokeColorRGB(0.85, 0.1, 0.1)
    c.circle(50, 50, 40, stroke=1, fill=0)
    c.endForm()
    c.doForm("seal")


def _black_and_blue(c: Canvas) -> None:
    c.drawString(72, 700, "申报单位（盖章）")
    c.setStrokeColorRGB(0.1, 0.2, 0.8)
    c.circle(300, 500, 50, stroke=1, fill=0)


@pytest.mark.parametrize("draw, red", [(_red_ring_only, True), (_red_text, True), (_red_in_a_form_xobject, True),
                                       (_black_and_blue, False)])
def test_red_stroke_red_text_or_red_inside_a_form_may_show_a_seal(draw: Any, red: bool) -> None:
    doc = pdfium.PdfDocument(pdf_from([draw]))
    try:
        assert pdf_layout.may_show_red(doc[0]) is red
    finally:
        doc.close()

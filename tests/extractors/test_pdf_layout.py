"""pdfium's characters and ruling edges stand in for pdfplumber's: the same edges, the same
characters, the same table rows, on generated forms and on the quirk builders; the cases where
they cannot (a page drawn with too many segments) fall back to text lines with a note."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from shenbao.demo.forms import build_pdf, example_spec
from shenbao.extractors import pdf_layout
from shenbao.extractors.pdf_layout import LayoutTooComplex, may_show_red, page_layout
from shenbao.extractors.pdf_reader import _keep_object, layout_rows, pdf_to_doctext, plumber_page_rows
from tests.builders.pdf_quirks import (
    FONT,
    GridCell,
    combine,
    pdf_from,
    red_seal_vector,
    rotated_text,
    ruled_table,
    text_page,
)
from tests.hostile.builders import page_pdf


@contextmanager
def _both(data: bytes, index: int = 0) -> Iterator[tuple[pdf_layout.PageLayout, object]]:
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[index]
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            yield page_layout(page, page.get_textpage()), pdf.pages[index]
    finally:
        doc.close()


def _edge_set(edges: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return sorted((e["orientation"], round(float(e["x0"]), 1), round(float(e["top"]), 1),  # type: ignore[arg-type]
                   round(float(e["x1"]), 1), round(float(e["bottom"]), 1)) for e in edges)  # type: ignore[arg-type]


def _form_with_white_rule() -> bytes:
    cells = [GridCell(0, 0, "项目名称"), GridCell(0, 1, "湖南省青年科技人才论坛", colspan=3),
             GridCell(1, 0, "项目负责人", rowspan=2), GridCell(1, 1, "姓名"), GridCell(1, 2, "张三", colspan=2),
             GridCell(2, 1, "电话"), GridCell(2, 2, "13812345678", colspan=2),
             GridCell(3, 0, "申请经费"), GridCell(3, 1, "10万元"), GridCell(3, 2, "起止时间"),
             GridCell(3, 3, "2024年3月至12月")]
    return pdf_from([combine(text_page(["一、基本情况"], top=740),
                             ruled_table(cells, col_widths=[90, 110, 90, 160], top=700, white_rule_at_col=2))])


FORMS = {
    "grid form": lambda: build_pdf(example_spec()),
    "vertical form": lambda: build_pdf(example_spec(layout="vertical", checkbox="paren")),
    "white rule": _form_with_white_rule,
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_visible_edges_are_pdfplumbers_edges(name: str) -> None:
    data = FORMS[name]()
    pages = len(pdfium.PdfDocument(data))
    for index in range(pages):
        with _both(data, index) as (ours, theirs):
            assert _edge_set(ours.edges) == _edge_set(theirs.filter(_keep_object).edges), (name, index)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_table_rows_are_the_rows_pdfplumber_gives(name: str) -> None:
    data = FORMS[name]()
    pages = len(pdfium.PdfDocument(data))
    compared = 0
    for index in range(pages):
        with _both(data, index) as (ours, theirs):
            mine = layout_rows(ours.chars, ours.edges, ours.bbox, index + 1)
            reference = plumber_page_rows(theirs, index + 1)
        assert mine is not None and reference is not None
        as_text = [[(c.text, c.where) for c in r.cells] for r in mine[0]]
        assert as_text == [[(c.text, c.where) for c in r.cells] for r in reference[0]], (name, index)
        compared += sum(1 for r in mine[0] if r.source == "table")
    assert compared > 0  # the forms do hold tables


def test_characters_match_pdfplumbers_text_and_places() -> None:
    with _both(build_pdf(example_spec())) as (ours, theirs):
        mine = [c for c in ours.chars if not c["text"].isspace()]
        reference = [c for c in theirs.chars if not c["text"].isspace()]  # type: ignore[attr-defined]
    assert "".join(c["text"] for c in mine) == "".join(c["text"] for c in reference)
    for a, b in zip(mine, reference):
        # The right edge can differ a little: with a font the PDF does not embed, pdfium
        # measures the substitute font's glyph where pdfminer takes the PDF's widths.
        assert abs(a["x0"] - b["x0"]) < 0.5 and abs(a["x1"] - b["x1"]) < 0.16 * a["size"]
        assert abs(a["size"] - b["size"]) < 0.05
        assert abs((a["top"] + a["bottom"]) / 2 - (b["top"] + b["bottom"]) / 2) < 0.3 * a["size"]


def _scaled_text_pdf() -> bytes:
    """Text set with "1 Tf" and the size in the text matrix, as some PDF printers write it."""
    content = b"BT /F1 1 Tf 14 0 0 14 72 700 Tm (Project name) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return page_pdf(content, resources=b"/Resources << /Font << /F1 5 0 R >> >>", extra_objects=[font])


def test_a_size_carried_by_the_text_matrix_is_the_characters_size() -> None:
    with _both(_scaled_text_pdf()) as (ours, theirs):
        sizes = {round(c["size"], 2) for c in ours.chars}
        assert sizes == {14.0}
        assert ours.chars[0]["bottom"] - ours.chars[0]["top"] == pytest.approx(14.0)
        assert abs(ours.chars[0]["x0"] - theirs.chars[0]["x0"]) < 0.5  # type: ignore[attr-defined]


def _table_in_form_xobject() -> bytes:
    """A ruled table drawn inside a form XObject placed with a translation."""
    raw = io.BytesIO()
    c = Canvas(raw, invariant=1)
    c.beginForm("table")
    c.setLineWidth(0.6)
    for y in (0, 30, 60):
        c.line(0, y, 300, y)
    for x in (0, 120, 300):
        c.line(x, 0, x, 60)
    c.endForm()
    c.saveState()
    c.translate(80, 600)
    c.doForm("table")
    c.restoreState()
    c.setFont(FONT, 12)
    c.drawString(86, 640, "项目名称")
    c.drawString(206, 640, "青年论坛")
    c.drawString(86, 610, "申请经费")
    c.drawString(206, 610, "10万元")
    c.showPage()
    c.save()
    return raw.getvalue()


def test_rules_inside_a_form_xobject_are_placed_on_the_page() -> None:
    data = _table_in_form_xobject()
    with _both(data) as (ours, theirs):
        assert _edge_set(ours.edges) == _edge_set(theirs.edges)  # type: ignore[attr-defined]
        assert ours.edges
    rows = [[c.text for c in r.cells] for r in pdf_to_doctext(data, "a.pdf", "sha").rows]
    assert rows == [["项目名称", "青年论坛"], ["申请经费", "10万元"]]


def test_rotated_seal_text_keeps_its_tilt_for_the_reader() -> None:
    data = pdf_from([combine(text_page(["项目名称：青年论坛"], top=740),
                             rotated_text("湖南省示例学会", x=300, y=500, angle=30))])
    with _both(data) as (ours, _):
        tilted = [c for c in ours.chars if not c["upright"]]
    assert len(tilted) == len("湖南省示例学会")
    doc = pdf_to_doctext(data, "a.pdf", "sha")
    assert [[c.text for c in r.cells] for r in doc.rows] == [["项目名称：青年论坛"]]
    assert any("旋转文字" in n for n in doc.notes)


def test_only_a_page_painted_in_red_may_show_a_seal() -> None:
    plain = pdf_from([text_page(["申报单位（盖章）"], top=740)])
    sealed = pdf_from([combine(text_page(["申报单位（盖章）"], top=740), red_seal_vector(x=300, y=600))])

    def blue(c: Canvas) -> None:
        c.setFillColor(Color(0.1, 0.2, 0.8))
        c.rect(100, 100, 200, 200, fill=1, stroke=0)

    coloured = pdf_from([combine(text_page(["申报单位（盖章）"], top=740), blue)])
    for data, expected in ((plain, False), (sealed, True), (coloured, False)):
        doc = pdfium.PdfDocument(data)
        assert may_show_red(doc[0]) is expected
        doc.close()
    assert pdf_to_doctext(plain, "a.pdf", "sha").seal == "absent"
    assert pdf_to_doctext(sealed, "a.pdf", "sha").seal == "present"


def test_a_page_with_too_many_segments_is_read_as_lines_with_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [b"BT /F1 10 Tf 50 770 Td (Xiangmu mingcheng) Tj ET", b"0.5 w"]
    lines += [b"%d %d 8 8 re S" % (20 + (i % 70) * 8, 20 + (i // 70) * 8 % 740) for i in range(400)]
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    data = page_pdf(b"\n".join(lines), resources=b"/Resources << /Font << /F1 5 0 R >> >>", extra_objects=[font])
    # 400 rectangles are 1,600+ segments: lower the ceiling rather than build a huge page.
    monkeypatch.setattr(pdf_layout, "MAX_SEGMENTS", 1000)
    doc = pdfium.PdfDocument(data)
    with pytest.raises(LayoutTooComplex):
        page_layout(doc[0], doc[0].get_textpage())
    doc.close()
    monkeypatch.setattr("shenbao.extractors.pdf_reader.FORM_LABELS", ("Xiangmu",))
    read = pdf_to_doctext(data, "a.pdf", "sha")
    assert any("图形过于复杂" in n for n in read.notes)
    assert [[c.text for c in r.cells] for r in read.rows] == [["Xiangmu mingcheng"]]


def test_a_page_with_too_many_objects_is_not_walked_to_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    # Nested forms can multiply objects; the walk stops at a ceiling like the segment one.
    monkeypatch.setattr(pdf_layout, "MAX_OBJECTS", 3)
    doc = pdfium.PdfDocument(_table_in_form_xobject())
    with pytest.raises(LayoutTooComplex):
        page_layout(doc[0], doc[0].get_textpage())
    doc.close()

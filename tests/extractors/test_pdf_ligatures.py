"""A ligature glyph ("ff", "fi", "fl", "ffi") is one glyph whose text is several letters: every
letter is read, in table cells, in lines outside tables and in pages read as text, from a
LibreOffice PDF (which sets "ff" and "fl" as ligatures) and from a font that maps the glyph to
a ligature code point (U+FB00–FB06)."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.enum.text import WD_BREAK

from shenbao.extractors import convert
from shenbao.extractors.pdf_layout import page_layout
from shenbao.extractors.pdf_reader import pdf_to_doctext, plumber_page_rows
from shenbao.record import DocText
from tests.hostile.builders import page_pdf

needs_soffice = pytest.mark.skipif(not convert.available(), reason="LibreOffice not installed")

EMAIL = "mffby@163.com"


def _texts(doc: DocText, page: int) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in doc.rows if r.cells[0].page == page]


@pytest.fixture(scope="module")
def office_pdf() -> bytes:
    """Page 1 a form page (a label line and a ruled table: read by table reconstruction),
    page 2 a page without form labels (read from pdfium's text), printed by LibreOffice."""
    if not convert.available():
        pytest.skip("LibreOffice not installed")
    doc = Document()
    doc.add_paragraph("项目名称：office staff fluent")
    table = doc.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for row, (label, value) in enumerate([("联系人", "Jeffrey Duffy"), ("电子邮箱", EMAIL),
                                          ("备注", "official affiliation")]):
        table.cell(row, 0).text = label
        table.cell(row, 1).text = value
    doc.add_paragraph(f"office staff {EMAIL} fluent affirm").add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(f"附件：office staff {EMAIL} fluent")
    out = io.BytesIO()
    doc.save(out)
    return convert.to_pdf(out.getvalue(), "申报书.docx")


@pytest.mark.slow
@needs_soffice
def test_libreoffice_sets_these_words_with_ligature_glyphs(office_pdf: bytes) -> None:
    # Without ligature glyphs in the file the other tests would prove nothing.
    with pdfplumber.open(io.BytesIO(office_pdf)) as pdf:
        glyphs = {c["text"] for page in pdf.pages for c in page.chars if len(c["text"]) > 1}
    assert "ff" in glyphs


@pytest.mark.slow
@needs_soffice
def test_every_letter_of_a_ligature_is_read_in_cells_lines_and_text_pages(office_pdf: bytes) -> None:
    doc = pdf_to_doctext(office_pdf, "申报书.pdf", "sha")
    assert _texts(doc, 1) == [["项目名称：office staff fluent"],
                              ["联系人", "Jeffrey Duffy"],
                              ["电子邮箱", EMAIL],
                              ["备注", "official affiliation"],
                              [f"office staff {EMAIL} fluent affirm"]]
    assert _texts(doc, 2) == [[f"附件：office staff {EMAIL} fluent"]]


@pytest.mark.slow
@needs_soffice
def test_a_ligature_is_one_character_in_its_place_as_pdfplumber_gives_it(office_pdf: bytes) -> None:
    pdf = pdfium.PdfDocument(office_pdf)
    try:
        page = pdf[0]
        ours = [c for c in page_layout(page, page.get_textpage()).chars if not c["text"].isspace()]
    finally:
        pdf.close()
    with pdfplumber.open(io.BytesIO(office_pdf)) as plumber:
        theirs = [c for c in plumber.pages[0].chars if not c["text"].isspace()]
    assert [c["text"] for c in ours] == [c["text"] for c in theirs]
    # In the address each character starts where the one before ends: the ligature spans its
    # two letters and the characters after it keep their places (the cell and gap rules use them).
    texts = [c["text"] for c in ours]
    start = next(i for i in range(len(texts)) if "".join(texts[i:i + 3]) == "mffb")
    word = ours[start:start + len(EMAIL) - 1]
    assert "".join(c["text"] for c in word) == EMAIL
    for before, after in zip(word, word[1:]):
        assert abs(after["x0"] - before["x1"]) < 0.25 * before["size"], (before["text"], after["text"])


def _ligature_code_point_pdf() -> bytes:
    """Helvetica whose ToUnicode map reads "f" as U+FB03 (ﬃ) and "g" as U+FB00 (ﬀ), as a font
    that names its ligature glyphs by their code points gives them."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <66> <FB03> <67> <FB00> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    to_unicode = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return page_pdf(b"BT /F1 12 Tf 72 700 Td (ofce stag mgby@163.com) Tj ET",
                    resources=b"/Resources << /Font << /F1 5 0 R >> >>", extra_objects=[font, to_unicode])


def test_ligature_code_points_are_read_as_their_letters_by_every_route() -> None:
    data = _ligature_code_point_pdf()
    expected = f"office staff {EMAIL}"
    assert _texts(pdf_to_doctext(data, "a.pdf", "sha"), 1) == [[expected]]  # pdfium's text
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        chars = page_layout(page, page.get_textpage()).chars  # table reconstruction's characters
    finally:
        pdf.close()
    assert "".join(c["text"] for c in chars) == expected
    assert [c["text"] for c in chars][:4] == ["o", "ffi", "c", "e"]
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        assert "\ufb03" in "".join(c["text"] for c in plumber.pages[0].chars)  # what pdfminer says
        read = plumber_page_rows(plumber.pages[0], 1)  # the fallback when pdfium's layout fails
    assert read is not None
    assert [[c.text for c in r.cells] for r in read[0]] == [[expected]]


def test_glyphs_overprinted_in_one_text_object_are_no_ligature_letters() -> None:
    # "a", then "o" and "e" drawn on it by kerning steps back inside one TJ: one text object,
    # one advance box (Helvetica gives the three letters one width), three glyphs. Three
    # characters, as pdfplumber gives them, not one "aoe" glyph.
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    data = page_pdf(b"BT /F1 12 Tf 72 700 Td [(xa) 556 (o) 556 (ez)] TJ ET",
                    resources=b"/Resources << /Font << /F1 5 0 R >> >>", extra_objects=[font])
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        chars = page_layout(page, page.get_textpage()).chars
    finally:
        pdf.close()
    with pdfplumber.open(io.BytesIO(data)) as plumber:
        theirs = [c["text"] for c in plumber.pages[0].chars]
    assert [c["text"] for c in chars] == theirs == list("xaoez")
    assert chars[1]["x0"] == chars[2]["x0"] == chars[3]["x0"]  # the fixture really overprints

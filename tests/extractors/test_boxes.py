"""Where a value was read: page and box on every cell a PDF or OCR reader emits, carried by
the pairs into the field's evidence (for the register's evidence image). Boxes are fractions
of the page from its top-left corner; Word files have no pages and keep None."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from shenbao.demo.forms import build_docx, example_spec
from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.ocr_reader import image_to_doctext
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import Box, Cell, DocText
from tests.builders.pdf_quirks import PAGE, GridCell, cjk_font_path, form_image, pdf_from, ruled_table, text_page

# The table as ruled_table draws it: columns from x=60, rows of 28 pt from y=780 (PDF
# coordinates, y up).
WIDTHS = (110.0, 330.0)
LEFT, TOP, ROW = 60.0, 780.0, 28.0
PROJECT = "湘江流域声景生态保护学术研讨会"
TABLE = [
    GridCell(0, 0, "项目名称"), GridCell(0, 1, PROJECT),
    GridCell(1, 0, "申报单位"), GridCell(1, 1, "湖南省示例声学学会"),
    GridCell(2, 0, "项目负责人"), GridCell(2, 1, "欧阳立新"),
    GridCell(3, 0, "申请经费"), GridCell(3, 1, "8万元"),
]


def drawn(row: int, col: int, colspan: int = 1) -> Box:
    """Where ruled_table drew a cell, as fractions of the page from its top-left corner."""
    x0 = LEFT + sum(WIDTHS[:col])
    x1 = x0 + sum(WIDTHS[col:col + colspan])
    top = PAGE[1] - TOP + row * ROW
    return (x0 / PAGE[0], top / PAGE[1], x1 / PAGE[0], (top + ROW) / PAGE[1])


def cell_with(doc: DocText, text: str) -> Cell:
    return next(c for r in doc.rows for c in r.cells if c.text == text)


def test_a_table_cell_of_a_text_pdf_has_the_box_it_was_drawn_in() -> None:
    doc = pdf_to_doctext(pdf_from([ruled_table(TABLE, col_widths=WIDTHS)]), "申报书.pdf", "sha-of-file")
    cell = cell_with(doc, PROJECT)
    assert cell.page == 1
    assert cell.box == pytest.approx(drawn(0, 1), abs=0.003)
    assert cell.score is None  # a text layer has no recogniser score


def test_the_evidence_of_a_field_holds_its_file_page_and_label_and_value_box() -> None:
    data = pdf_from([text_page(["封面"]), ruled_table(TABLE, col_widths=WIDTHS)])
    form = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha-of-file"))
    assert form is not None and form.fields.project_name == PROJECT
    evidence = form.evidence["project_name"]
    assert (evidence.sha256, evidence.page, evidence.confidence) == ("sha-of-file", 2, 1.0)
    # Label and value cells united: from the label's left edge to the value's right edge.
    assert evidence.box == pytest.approx(drawn(0, 0, colspan=2), abs=0.003)
    assert form.evidence["leader_name"].box == pytest.approx(drawn(2, 0, colspan=2), abs=0.003)
    # Nothing read from the text layer is doubted; only the rows this table does not show are.
    assert all("没有找到" in form.doubts[f] for f in form.low_confidence)
    assert {"project_name", "leader_name"}.isdisjoint(form.low_confidence)


def test_a_plain_text_line_has_the_box_of_its_characters() -> None:
    # Not a form page: read as pypdfium2 text lines, 12 pt text at baselines 760 and 736.
    doc = pdf_to_doctext(pdf_from([text_page(["附件：专家名单", "张三教授湖南大学"])]), "附件.pdf", "s")
    first, second = cell_with(doc, "附件：专家名单"), cell_with(doc, "张三教授湖南大学")
    assert first.page == second.page == 1
    assert first.box is not None and second.box is not None
    assert first.box[0] == pytest.approx(72 / PAGE[0], abs=0.005)
    assert first.box[2] == pytest.approx((72 + 7 * 12) / PAGE[0], abs=0.01)  # seven 12 pt characters
    baseline = (PAGE[1] - 760) / PAGE[1]
    assert first.box[1] < baseline < first.box[3] + 0.005
    assert first.box[3] - first.box[1] < 18 / PAGE[1]  # one line tall
    assert second.box[1] - first.box[1] == pytest.approx(24 / PAGE[1], abs=0.004)


def test_a_line_outside_the_tables_of_a_form_page_has_its_box() -> None:
    page = text_page(["项目名称：某某学术年会", "申报单位：湖南省某某学会"], top=700)
    doc = pdf_to_doctext(pdf_from([page]), "申报书.pdf", "s")
    cell = cell_with(doc, "申报单位：湖南省某某学会")
    assert cell.page == 1 and cell.box is not None
    assert cell.box[0] == pytest.approx(72 / PAGE[0], abs=0.005)
    assert cell.box[1] < (PAGE[1] - 676) / PAGE[1] < cell.box[3] + 0.005


def test_word_cells_have_no_page_or_box() -> None:
    doc = docx_to_doctext(build_docx(example_spec()), "申报书.docx", "s")
    cells = [c for r in doc.rows for c in r.cells]
    assert cells and all(c.page is None and c.box is None and c.score is None for c in cells)
    form = doctext_to_form(doc)
    assert form is not None and form.evidence["project_name"].page is None


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_ocr_boxes_land_where_the_text_is_on_the_scan() -> None:
    # form_image writes line n at (80, 60 + n * line_height) on a page 1240 px wide (A4 at 150 dpi).
    lines = ["一、基本情况", "项目名称：湘江流域声景生态保护学术研讨会", "申报单位：湖南省示例声学学会"]
    image = form_image(lines, width=1240, line_height=60, font_size=30)
    out = io.BytesIO()
    image.save(out, format="PNG")
    doc = image_to_doctext(out.getvalue(), "扫描.png", "s")
    width, height = Image.open(io.BytesIO(out.getvalue())).size
    cell = cell_with(doc, "申报单位：湖南省示例声学学会")
    assert cell.page == 1 and cell.box is not None and cell.score is not None
    x0, y0, x1, y1 = cell.box
    assert x0 * width == pytest.approx(80, abs=12)
    assert x1 * width == pytest.approx(80 + 14 * 30, abs=25)  # 14 characters of 30 px
    assert y0 * height == pytest.approx(60 + 2 * 60, abs=12)
    assert y1 * height == pytest.approx(60 + 2 * 60 + 30, abs=14)
    assert 0.9 < cell.score <= 1.0

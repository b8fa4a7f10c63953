"""A period cut over two rows of the basic table (the template's row too short): in Word the
rest stands in the row below under a merged label cell; printed to PDF the label cell spans
both rows. The two pieces make one period."""

from __future__ import annotations

import hashlib
import io

from docx import Document

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, DocText, ExtractedForm, Row
from tests.builders.pdf_quirks import GridCell, pdf_from, ruled_table

HEAD = [("项目名称", "湘江流域声景生态保护学术研讨会"), ("项目类别", "☑学术交流 ☐科技创新联盟建设"),
        ("申报单位", "湖南省声学学会"), ("项目负责人", "欧阳立新"), ("申请经费（万元）", "8")]


def _docx_form(first: str, second: str) -> ExtractedForm:
    d = Document()
    d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    d.add_paragraph("一、基本情况")
    table = d.add_table(rows=0, cols=2)
    for label, value in HEAD:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    top, below = table.add_row().cells, table.add_row().cells
    top[0].text, top[1].text, below[1].text = "起止时间", first, second
    top[0].merge(below[0])
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    form = doctext_to_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    return form


def test_a_period_cut_over_two_word_rows_is_one_period() -> None:
    form = _docx_form("二〇二四年", "七月至二〇二四年十一月")
    assert (form.fields.start_date, form.fields.end_date) == ("2024-07", "2024-11")


def test_a_whole_period_is_not_joined_to_a_note_below_it() -> None:
    form = _docx_form("2024年5月至2024年11月", "另：2025年3月前提交结题报告")
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-11")


def test_a_period_cut_under_a_label_spanning_two_pdf_rows_is_one_period() -> None:
    cells = [GridCell(n, c, text) for n, pair in enumerate(HEAD) for c, text in enumerate(pair)]
    rows = len(HEAD)
    cells += [GridCell(rows, 0, "起止时间", rowspan=2), GridCell(rows, 1, "起：2024年"),
              GridCell(rows + 1, 1, "4月止：2024年9月")]
    data = pdf_from([ruled_table(cells, col_widths=(110.0, 330.0))])
    form = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha"))
    assert form is not None
    assert (form.fields.start_date, form.fields.end_date) == ("2024-04", "2024-09")


def test_a_project_name_cut_under_a_label_spanning_two_pdf_rows_is_one_name() -> None:
    cells = [GridCell(0, 0, "项目名称", rowspan=2), GridCell(0, 1, "标准体系建设与植物保护创新发展学术年"),
             GridCell(1, 1, "会"), GridCell(2, 0, "项目类别"), GridCell(2, 1, "☑学术交流 ☐科技创新联盟建设")]
    cells += [GridCell(n + 3, c, text) for n, pair in enumerate(HEAD[2:]) for c, text in enumerate(pair)]
    data = pdf_from([ruled_table(cells, col_widths=(110.0, 330.0))])
    form = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha"))
    assert form is not None and form.fields.project_name == "标准体系建设与植物保护创新发展学术年会"
    assert form.fields.subcategory == "学术交流"


def _ocr_form(period_lines: list[str]) -> ExtractedForm:
    """A photographed form's lines: the period's cell, then lines the reading ran on into it."""
    def line(texts: tuple[str, ...], n: int) -> Row:
        return Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行第{k}块", page=1,
                                    box=(0.1 + 0.4 * k, 0.03 * n, 0.5 + 0.4 * k, 0.03 * n + 0.02))
                               for k, t in enumerate(texts)), source="ocr")

    rows = [line(("一、基本情况",), 1)] + [line(pair, n) for n, pair in enumerate(HEAD, 2)]
    rows.append(line(("起止时间", period_lines[0]), 10))
    rows += [line((text,), n) for n, text in enumerate(period_lines[1:], 11)]
    form = doctext_to_form(DocText(file="照片.jpg", sha256="0" * 64, kind="image", rows=tuple(rows), ocr=True))
    assert form is not None
    return form


def test_a_whole_period_on_its_line_is_not_ended_by_a_date_the_reading_ran_on_into() -> None:
    form = _ocr_form(["2024年三月—十二月", "审批记录", "冯强发起申请 2024-04-17 16:42"])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-03", "2024-12")
    # A period whose end is on the next line still reads both lines.
    form = _ocr_form(["2024年3月", "至2024年12月"])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-03", "2024-12")

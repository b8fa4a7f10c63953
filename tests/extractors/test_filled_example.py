"""A filled example left in the form (填写示例 … 注：以上内容仅为填写示例): the template's
sample values (湖南省××学会, 张××) are not the applicant's and are never read as theirs."""

from __future__ import annotations

import hashlib

import pytest
from docx.document import Document as DocumentObject

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, DocText, ExtractedForm, Row
from tests.builders.docx_quirks import docx_from

EXAMPLE = (("项目名称", "2024年湖南省××学会学术年会"), ("申报单位", "湖南省××学会"), ("项目负责人", "张××"),
           ("负责人手机", "139××××××××"), ("申请经费", "10万元"), ("起止时间", "2024年3月—2024年12月"))
REAL = (("项目名称", "湘江流域生态修复学术研讨会"), ("申报单位", "湖南省生态学学会"), ("项目负责人", "周建华"),
        ("负责人手机", "13907311234"), ("申请经费", "6万元"), ("起止时间", "2024年5月—2024年11月"))


def _table(doc: DocumentObject, pairs: tuple[tuple[str, str], ...]) -> None:
    table = doc.add_table(rows=0, cols=2)
    for label, value in pairs:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value


def _read(data: bytes) -> ExtractedForm:
    doc = read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    _, form = score_and_form(doc)
    assert form is not None
    return form


def _assert_real(form: ExtractedForm) -> None:
    f = form.fields
    assert (f.project_name, f.applicant_org, f.leader_name, f.leader_phone, f.funding_wan, f.start_date,
            f.end_date) == ("湘江流域生态修复学术研讨会", "湖南省生态学学会", "周建华", "13907311234", 6.0,
                            "2024-05", "2024-11")


@pytest.mark.parametrize("heading", ["填写示例", "填写示例（正式填报时请删除本页）", "二、填表示例："])
def test_the_examples_values_are_skipped_up_to_the_line_that_closes_it(heading: str) -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        doc.add_paragraph(heading)
        _table(doc, EXAMPLE)
        doc.add_paragraph("注：以上内容仅为填写示例。")
        _table(doc, REAL)  # the form's own table follows without a heading

    _assert_real(_read(docx_from(build)))


def test_the_example_ends_at_the_next_heading() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        doc.add_paragraph("填写示例")
        _table(doc, EXAMPLE)
        doc.add_paragraph("一、基本情况")
        _table(doc, REAL)

    _assert_real(_read(docx_from(build)))


def test_a_printed_examples_page_ends_with_its_page() -> None:
    def line(text: str, page: int, n: int) -> Row:
        return Row(cells=(Cell(text=text, where=f"第{page}页 第{n}行", page=page),), source="line")

    rows = [line("项目申报书", 1, 1), line("填写示例", 2, 1)]
    rows += [line(f"{label}：{value}", 2, n) for n, (label, value) in enumerate(EXAMPLE, 2)]
    rows += [line(f"{label}：{value}", 3, n) for n, (label, value) in enumerate(REAL, 1)]
    _, form = score_and_form(DocText(file="申报书.pdf", sha256="0" * 64, kind="pdf", rows=tuple(rows)))
    assert form is not None
    _assert_real(form)


def test_an_example_after_the_form_leaves_the_forms_values_alone() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, REAL)
        doc.add_paragraph("填写示例")
        _table(doc, EXAMPLE)
        doc.add_paragraph("注：以上内容仅为填写示例。")

    _assert_real(_read(docx_from(build)))


def test_an_example_without_a_closing_line_ends_where_the_forms_own_table_starts_again() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        doc.add_paragraph("填表示例")
        _table(doc, EXAMPLE)
        _table(doc, REAL)  # 项目名称 again: the form's own table

    _assert_real(_read(docx_from(build)))


@pytest.mark.parametrize("word", ["样表", "示例：", "样表（本表由申报单位填写）"])
def test_a_bare_word_for_a_sample_opens_no_example(word: str) -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph(word)
        doc.add_paragraph("项目申报书")
        _table(doc, REAL)

    _assert_real(_read(docx_from(build)))


def test_a_table_whose_label_says_example_is_no_example_heading() -> None:
    """示例 inside a value or a longer line opens nothing: the form reads on."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        doc.add_paragraph("本项目拟建设学会服务站示例基地，形成可复制的经验。")
        _table(doc, REAL)

    _assert_real(_read(docx_from(build)))

"""A key：value form printed to PDF (no table) whose checklist stands apart from its label on
the same line (a tab or a run of spaces after 项目类别：科技创新服务能力建设项目：): the
options are the label's value, not a stray line."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from tests.builders.pdf_quirks import FONT, pdf_from

LINES = ["一、基本情况", "项目名称：湘江流域声景生态保护学术研讨会", None, "申报单位：湖南省声学学会",
         "项目负责人：欧阳立新", "负责人手机：13974901234", "申请经费：8万元", "起止时间：2024年5月至2024年11月"]


def _page(options: str, gap: float) -> bytes:
    head = "项目类别：科技创新服务能力建设项目："

    def draw(c: Canvas) -> None:
        c.setFont(FONT, 12)
        for n, line in enumerate(LINES):
            y = 760 - n * 24
            if line is None:
                c.drawString(72, y, head)
                c.drawString(72 + pdfmetrics.stringWidth(head, FONT, 12) + gap, y, options)
            else:
                c.drawString(72, y, line)

    return pdf_from([draw])


def test_options_set_apart_on_the_labels_line_are_its_value() -> None:
    form = doctext_to_form(pdf_to_doctext(_page("☐学术交流　☑学会服务站建设", 60), "申报书.pdf", "sha"))
    assert form is not None
    assert form.fields.subcategory == "学会服务站建设" and "subcategory" not in form.doubts


def test_the_same_line_without_a_gap_reads_the_same() -> None:
    # The control: one chunk of text, read by the label's own value.
    form = doctext_to_form(pdf_to_doctext(_page("☐学术交流　☑学会服务站建设", 0), "申报书.pdf", "sha"))
    assert form is not None and form.fields.subcategory == "学会服务站建设"


def test_text_without_marks_after_the_gap_is_not_taken_into_the_checklist() -> None:
    form = doctext_to_form(pdf_to_doctext(_page("（只能选择一项）", 60), "申报书.pdf", "sha"))
    assert form is not None and form.fields.subcategory is None

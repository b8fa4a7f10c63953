"""A footnote's reference mark raised after a value in a PDF (Word's and WPS's print of a
w:footnoteReference: …学术年会¹) is no part of the value; an exponent after a letter or a figure
(m², 10⁴) and a digit of the text's own size are kept."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import ExtractedForm
from tests.builders.pdf_quirks import FONT, GridCell, combine, pdf_from, ruled_table

NAME = "长株潭蜂业防灾减灾学术年会"
X_VALUE = 60 + 110 + 4  # ruled_table: the table at x=60, the value column after a 110 pt label column
NAME_BASELINE = 780 - 18


def _table(name_cell: str) -> list[GridCell]:
    return [GridCell(0, 0, "项目名称"), GridCell(0, 1, name_cell),
            GridCell(1, 0, "申报单位"), GridCell(1, 1, "湖南理工学院科协"),
            GridCell(2, 0, "项目负责人"), GridCell(2, 1, "金芳"),
            GridCell(3, 0, "申请经费"), GridCell(3, 1, "8万元"),
            GridCell(4, 0, "起止时间"), GridCell(4, 1, "2024年6月至2024年10月")]


def _mark(after: str, text: str, size: float, rise: float) -> Callable[[Canvas], None]:
    """The name's cell text `after` (12 pt), then `text` in `size` pt, `rise` pt above its
    baseline, right after it: in the order a word processor prints them."""
    def draw(c: Canvas) -> None:
        c.setFont(FONT, 12)
        c.drawString(X_VALUE, NAME_BASELINE, after)
        c.setFont(FONT, size)
        c.drawString(X_VALUE + pdfmetrics.stringWidth(after, FONT, 12) + 0.5, NAME_BASELINE + rise, text)
        c.setFont(FONT, 12)

    return draw


def _name(cell: str, *marks: Callable[[Canvas], None]) -> str | None:
    """The project name read from the table, its cell's text drawn by `marks` (or `cell`)."""
    data = pdf_from([combine(ruled_table(_table("" if marks else cell), col_widths=(110.0, 330.0)), *marks)])
    form: ExtractedForm | None = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha"))
    assert form is not None
    return form.fields.project_name


def test_a_raised_footnote_mark_after_the_name_is_no_part_of_it() -> None:
    assert _name(NAME, _mark(NAME, "1", 7, 5)) == NAME
    assert _name(NAME, _mark(NAME, "12", 7, 5)) == NAME  # the twelfth footnote


def test_a_digit_of_the_texts_size_or_on_its_line_is_kept() -> None:
    # The same digit not raised (a small figure on the line) or not smaller: the value's own.
    assert _name(NAME, _mark(NAME, "1", 7, 0)) != NAME
    assert _name(NAME, _mark(NAME, "1", 12, 5)) != NAME


def test_an_exponent_after_a_letter_is_kept() -> None:
    cell = "湘江流域500m"
    assert _name(cell, _mark(cell, "2", 7, 5)) == "湘江流域500m2"

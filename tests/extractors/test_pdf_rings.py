"""An option circled with a drawn ellipse in a PDF (a form filled in Word by circling the choice,
printed to PDF): the circled option is chosen; rings that circle no option choose nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from reportlab.pdfgen.canvas import Canvas

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import ExtractedForm
from tests.builders.pdf_quirks import GridCell, combine, pdf_from, ruled_table

# ruled_table: columns from x=60 (110 pt, then 330 pt), rows of 28 pt from y=780; a cell's text
# starts 4 pt in, its baseline 18 pt below the row's top; STSong-Light 12 pt is 12 pt a character.
OPTIONS = "学术交流　科技创新联盟建设　学会服务站建设"
TABLE = [GridCell(0, 0, "项目名称"), GridCell(0, 1, "湘江流域声景生态保护学术研讨会"),
         GridCell(1, 0, "项目类别"), GridCell(1, 1, OPTIONS),
         GridCell(2, 0, "申报单位"), GridCell(2, 1, "湖南省声学学会"),
         GridCell(3, 0, "项目负责人"), GridCell(3, 1, "欧阳立新"),
         GridCell(4, 0, "申请经费"), GridCell(4, 1, "8万元"),
         GridCell(5, 0, "起止时间"), GridCell(5, 1, "2024年5月至2024年11月")]
X_OPTIONS, BASELINE = 60 + 110 + 4, 780 - 28 - 18


def _ring(first: int, chars: int, *, fill: bool = False, height: float = 18,
          width: float | None = None) -> Callable[[Canvas], None]:
    """An ellipse around `chars` characters of OPTIONS from the `first`-th."""
    x0 = X_OPTIONS + 12 * first - 4
    x1 = x0 + (width if width is not None else 12 * chars + 8)
    mid = BASELINE + 4

    def draw(c: Canvas) -> None:
        c.setStrokeColorRGB(0.85, 0.1, 0.1)
        c.ellipse(x0, mid - height / 2, x1, mid + height / 2, stroke=1, fill=int(fill))

    return draw


def _rounded_box(first: int, chars: int) -> Callable[[Canvas], None]:
    """A box with rounded corners around the same characters: straight sides, not a ring."""
    def draw(c: Canvas) -> None:
        c.roundRect(X_OPTIONS + 12 * first - 4, BASELINE - 5, 12 * chars + 8, 18, 4, stroke=1, fill=0)

    return draw


def _form(*rings: Callable[[Canvas], None]) -> ExtractedForm:
    data = pdf_from([combine(ruled_table(TABLE, col_widths=(110.0, 330.0)), *rings)])
    form = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha"))
    assert form is not None
    return form


def test_the_option_a_ring_circles_is_chosen() -> None:
    form = _form(_ring(5, 8))  # 科技创新联盟建设
    assert form.fields.subcategory == "科技创新联盟建设" and "subcategory" not in form.low_confidence
    assert _form(_ring(0, 4)).fields.subcategory == "学术交流"


@pytest.mark.parametrize("ring", [
    _ring(5, 8, fill=True),  # a filled shape hides the text: a decoration, not a ring
    _ring(5, 8, height=40),  # over three font sizes high: circles a block, not an option
    _ring(5, 8, height=30, width=32),  # round, like a seal's ring
    _rounded_box(5, 8),
])
def test_shapes_that_are_no_ring_around_one_option_choose_nothing(ring: Callable[[Canvas], None]) -> None:
    form = _form(ring)
    assert form.fields.subcategory is None and "subcategory" in form.facts.unread

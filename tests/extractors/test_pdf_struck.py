"""Text struck through by hand (删除线) on a printed form: a revised form keeps last round's
amount, crossed out, before the new one. The Word reader drops struck runs; the PDF reader
sees only a rule drawn through the characters and must drop them too, while an underline,
a table's rule and crossed-out options are left as they were."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import ExtractedForm
from tests.builders.pdf_quirks import FONT, GridCell, combine, pdf_from, ruled_table

OLD, NEW = "12万元", "10万元"
TABLE = [GridCell(0, 0, "项目名称"), GridCell(0, 1, "湘江流域声景生态保护学术研讨会"),
         GridCell(1, 0, "项目类别"), GridCell(1, 1, "☑学术交流　□科技创新联盟建设"),
         GridCell(2, 0, "申报单位"), GridCell(2, 1, "湖南省声学学会"),
         GridCell(3, 0, "项目负责人"), GridCell(3, 1, "欧阳立新"),
         GridCell(4, 0, "申请经费"), GridCell(4, 1, f"{OLD}　{NEW}"),
         GridCell(5, 0, "起止时间"), GridCell(5, 1, "2024年5月至2024年11月")]
X_VALUE = 60 + 110 + 4  # ruled_table: the table at x=60, the value column after a 110 pt label column
AMOUNT_BASELINE = 780 - 4 * 28 - 18


def _rule(x0: float, x1: float, above_baseline: float, width: float = 0.6) -> Callable[[Canvas], None]:
    """A rule from x0 to x1 on the amount's line, `above_baseline` points over its baseline
    (STSong 12 pt: the glyphs stand 0–10 pt above it; a strike goes through them at ~3.5,
    an underline lies ~2 pt below)."""
    def draw(c: Canvas) -> None:
        c.setLineWidth(width)
        c.line(x0, AMOUNT_BASELINE + above_baseline, x1, AMOUNT_BASELINE + above_baseline)

    return draw


OLD_END = X_VALUE + pdfmetrics.stringWidth(OLD, FONT, 12)


def _form(*marks: Callable[[Canvas], None]) -> ExtractedForm:
    data = pdf_from([combine(ruled_table(TABLE, col_widths=(110.0, 330.0)), *marks)])
    form = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha"))
    assert form is not None
    return form


def test_an_amount_struck_through_is_no_part_of_the_value() -> None:
    form = _form(_rule(X_VALUE, OLD_END, 3.5))
    assert form.fields.funding_wan == 10.0
    assert "funding_wan" not in form.doubts  # one amount left: nothing to choose between
    assert form.fields.project_name == "湘江流域声景生态保护学术研讨会"


def test_without_the_strike_both_amounts_are_read_and_doubted() -> None:
    # The same form unstruck: the reader sees two amounts (the control for the test above).
    form = _form()
    assert "funding_wan" in form.doubts


def test_an_underline_is_not_a_strike() -> None:
    form = _form(_rule(X_VALUE, OLD_END, -2.0))
    assert "funding_wan" in form.doubts


def test_a_rule_much_longer_than_the_text_it_crosses_is_a_table_line() -> None:
    # Text overflowing onto a cell's border: the border crosses the text but runs the cell's width.
    form = _form(_rule(X_VALUE - 4, X_VALUE + 326, 3.5))
    assert "funding_wan" in form.doubts


def test_a_value_wholly_struck_keeps_its_text() -> None:
    # Nothing else on its line: what to read instead is unknown, so the value stays as typed
    # (and doubted for its two amounts), not emptied.
    new_end = X_VALUE + pdfmetrics.stringWidth(f"{OLD}　{NEW}", FONT, 12)
    form = _form(_rule(X_VALUE, new_end, 3.5))
    assert "funding_wan" in form.doubts


def test_struck_options_are_left_to_the_option_readers() -> None:
    # 学术交流 crossed out next to its tick: not dropped (an option is never deleted by a strike).
    baseline = 780 - 1 * 28 - 18
    start = X_VALUE + pdfmetrics.stringWidth("☑", FONT, 12)
    end = start + pdfmetrics.stringWidth("学术交流", FONT, 12)

    def strike_option(c: Canvas) -> None:
        c.setLineWidth(0.6)
        c.line(start, baseline + 3.5, end, baseline + 3.5)

    form = _form(strike_option, _rule(X_VALUE, OLD_END, 3.5))
    assert form.fields.subcategory == "学术交流"
    assert form.fields.funding_wan == 10.0


def test_a_short_rule_through_one_character_is_no_strike() -> None:
    # A dash or a mark over a single figure: dropping it would change the number.
    one = pdfmetrics.stringWidth("1", FONT, 12)
    form = _form(_rule(X_VALUE + 0.5, X_VALUE + one - 0.5, 3.5))
    assert form.fields.funding_wan == 12.0 and "funding_wan" in form.doubts


def test_a_strike_printed_piece_by_piece_is_one_strike() -> None:
    # LibreOffice prints a strike as one rule per stretch of text (figures, a space, 万元),
    # down to a character each.
    edges = [X_VALUE + pdfmetrics.stringWidth(OLD[:n], FONT, 12) for n in range(len(OLD) + 1)]
    form = _form(*(_rule(a - 0.2, b, 3.5) for a, b in zip(edges, edges[1:])))
    assert form.fields.funding_wan == 10.0 and "funding_wan" not in form.doubts


def test_strikes_a_tenth_of_a_point_apart_in_height_are_chained_left_to_right_only() -> None:
    # Two struck words on one line, their rules printed by two fonts 0.1 pt apart: the right
    # one's rule must not chain with the left one's over the unstruck text between them.
    from shenbao.extractors.pdf_layout import _collinear_runs

    def rule(x0: float, x1: float, top: float) -> dict[str, object]:
        return {"orientation": "h", "x0": x0, "x1": x1, "top": top, "bottom": top}

    edges = [rule(50, 60, 100.0), rule(10, 20, 100.1), rule(19.5, 30, 100.0), rule(10, 500, 300.0)]
    assert sorted(sorted(run) for run in _collinear_runs(edges)) == [[0], [1, 2], [3]]  # type: ignore[arg-type]


def test_an_underline_under_a_line_of_two_fonts_is_no_strike() -> None:
    # A fill-in line under the cover's value: the Latin figures' boxes reach deeper than the
    # Chinese glyphs', so the rule crosses the figures' boxes only — it must not take them out.
    def cover(c: Canvas) -> None:
        x, y = 72.0, 700.0
        for text, font in (("项目名称：湘江学术年会（", FONT), ("2024", "Helvetica"), ("年度）", FONT)):
            c.setFont(font, 12)
            c.drawString(x, y, text)
            x += pdfmetrics.stringWidth(text, font, 12)
        c.setLineWidth(0.8)
        c.line(72 + pdfmetrics.stringWidth("项目名称：", FONT, 12), y - 0.5, x, y - 0.5)

    doc = pdf_to_doctext(pdf_from([cover, combine(ruled_table(TABLE, col_widths=(110.0, 330.0)))]), "申报书.pdf", "sha")
    assert any("湘江学术年会（2024年度）" in c.text for row in doc.rows for c in row.cells)

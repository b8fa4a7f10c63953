"""Choices a printed PDF shows only by drawing: a frame round the chosen option (a character
border, 字符边框), a □ on a black square (its character shading); and a basic part set in two
newspaper columns (分栏) with a rule between, read column by column."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import ExtractedForm
from tests.builders.pdf_quirks import FONT, GridCell, combine, pdf_from, ruled_table, text_page

# As in test_pdf_rings: options from x=174, baseline 734; STSong-Light 12 pt is 12 pt a character.
OPTIONS = "学术交流　科技创新联盟建设　学会服务站建设"
TYPES = "□省级学会　□市州科协　□高校科协"
TABLE = [GridCell(0, 0, "项目名称"), GridCell(0, 1, "湘江流域声景生态保护学术研讨会"),
         GridCell(1, 0, "项目类别"), GridCell(1, 1, OPTIONS),
         GridCell(2, 0, "申报单位"), GridCell(2, 1, "湖南省声学学会"),
         GridCell(3, 0, "单位类型"), GridCell(3, 1, TYPES),
         GridCell(4, 0, "项目负责人"), GridCell(4, 1, "欧阳立新"),
         GridCell(5, 0, "申请经费"), GridCell(5, 1, "8万元"),
         GridCell(6, 0, "起止时间"), GridCell(6, 1, "2024年5月至2024年11月")]
X_OPTIONS, BASELINE = 60 + 110 + 4, 780 - 28 - 18
TYPES_BASELINE = 780 - 3 * 28 - 18


def _frame(first: int, chars: int, *, baseline: float = BASELINE) -> Callable[[Canvas], None]:
    """Four separate rules round `chars` characters from the `first`-th, as a character border prints."""
    x0, x1 = X_OPTIONS + 12 * first - 1, X_OPTIONS + 12 * (first + chars) + 1
    y0, y1 = baseline - 3, baseline + 11

    def draw(c: Canvas) -> None:
        c.setLineWidth(0.5)
        for a, b, p, q in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
            c.line(a, b, p, q)

    return draw


def _black_square(first: int) -> Callable[[Canvas], None]:
    """A filled black square behind the `first`-th character of the unit types' line."""
    def draw(c: Canvas) -> None:
        c.setFillColorRGB(0, 0, 0)
        c.rect(X_OPTIONS + 12 * first, TYPES_BASELINE - 2, 12, 13, stroke=0, fill=1)

    return draw


def _form(*marks: Callable[[Canvas], None]) -> ExtractedForm:
    data = pdf_from([combine(ruled_table(TABLE, col_widths=(110.0, 330.0)), *marks)])
    form = doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "sha"))
    assert form is not None
    return form


def test_the_framed_option_is_chosen() -> None:
    form = _form(_frame(5, 8))  # 科技创新联盟建设
    assert form.fields.subcategory == "科技创新联盟建设" and "subcategory" not in form.low_confidence
    assert _form(_frame(0, 4)).fields.subcategory == "学术交流"


def test_a_frame_round_no_option_or_round_part_of_two_chooses_nothing() -> None:
    assert _form().fields.subcategory is None
    assert _form(_frame(2, 5)).fields.subcategory is None  # 交流　科技: no option's name


def test_a_box_on_a_black_square_is_chosen_and_the_others_are_not() -> None:
    form = _form(_black_square(0))  # the □ of 省级学会
    assert form.fields.applicant_type == "省级学会" and "applicant_type" not in form.low_confidence
    assert _form(_black_square(6)).fields.applicant_type == "市州科协"  # (doubted: the name says 学会)
    assert _form().fields.applicant_type is None


def _columns(rule: bool, right_labels: bool = True) -> bytes:
    left = ["项目名称：湘江流域声景学术研讨会", "申报单位：湖南省声学学会", "单位类型：省级学会",
            "项目负责人：欧阳立新"]
    right = (["负责人手机：13812345678", "项目联系人：李娜", "联系电话：0731-84567890", "申请经费：8万元"]
             if right_labels else ["湖南省声学学会", "湖南省声学学会", "湖南省声学学会", "湖南省声学学会"])

    def draw(c: Canvas) -> None:
        c.setFont(FONT, 12)
        for n, text in enumerate(left):
            c.drawString(60, 700 - n * 24, text)
        for n, text in enumerate(right):
            c.drawString(320, 703 - n * 24, text)  # the columns' lines do not line up
        if rule:
            c.setLineWidth(0.5)
            c.line(305, 720, 305, 610)
        c.rect(60, 500, 200, 40)  # a table's worth of rules elsewhere, as the budget's
        c.rect(60, 460, 200, 40)
        c.line(160, 500, 160, 460)

    return pdf_from([combine(text_page(["2024年度项目申报书", "一、基本情况"], top=780), draw)])


def test_two_newspaper_columns_with_a_rule_are_read_one_after_the_other() -> None:
    doc = pdf_to_doctext(_columns(rule=True), "申报书.pdf", "sha")
    texts = [c.text for r in doc.rows for c in r.cells]
    at = texts.index("项目负责人：欧阳立新")
    assert texts[at + 1] == "负责人手机：13812345678", texts
    assert any("左栏" in c.where for r in doc.rows for c in r.cells)
    form = doctext_to_form(doc)
    assert form is not None and form.fields.leader_name == "欧阳立新" and form.fields.leader_phone == "13812345678"


def test_without_labels_on_both_sides_or_without_a_rule_lines_are_read_across() -> None:
    for data in (_columns(rule=False), _columns(rule=True, right_labels=False)):
        doc = pdf_to_doctext(data, "申报书.pdf", "sha")
        assert not any("左栏" in c.where for r in doc.rows for c in r.cells)


def _group_label_page(vertical: bool) -> bytes:
    """A table whose first column holds the group label 申报单位, written top to bottom in two
    columns read right to left (申报 on the right, 单位 on the left) — or, for contrast, the
    same cell with 申报 / 单位 as two lines of horizontal text."""
    cells = [GridCell(0, 1, "单位名称"), GridCell(0, 2, "湖南省声学学会"),
             GridCell(1, 1, "单位类型"), GridCell(1, 2, "☑省级学会 ☐市州科协"),
             GridCell(0, 0, "", rowspan=2)]

    def label(c: Canvas) -> None:
        c.setFont(FONT, 10.5)
        if vertical:  # columns 12 pt apart, characters 10.5 pt apart down a column
            for x, text in ((84.0, "申报"), (72.0, "单位")):
                for n, ch in enumerate(text):
                    c.drawString(x, 760 - n * 10.5, ch)
        else:  # lines 16 pt apart, characters 10.5 pt apart along a line
            for n, text in enumerate(("申报", "单位")):
                c.drawString(72.0, 760 - n * 16, text)

    return pdf_from([combine(ruled_table(cells, col_widths=(40.0, 80.0, 300.0)), label)])


def test_a_group_label_written_top_to_bottom_reads_in_its_columns_order() -> None:
    texts = [c.text for r in pdf_to_doctext(_group_label_page(True), "申报书.pdf", "sha").rows for c in r.cells]
    assert "申报单位" in texts, texts
    texts = [c.text for r in pdf_to_doctext(_group_label_page(False), "申报书.pdf", "sha").rows for c in r.cells]
    assert "申报单位" in texts or "申报\n单位" in texts, texts

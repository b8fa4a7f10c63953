"""Amounts and periods as offices really type them: the value functions for every format, their
self-checks, and real Word forms whose period is split over cells or whose labels carry a
footnote mark, read through read_document and score_and_form."""

from __future__ import annotations

import hashlib
import io

import pytest
from docx import Document

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from shenbao.extractors.value_checks import check_date, check_funding
from shenbao.extractors.values import text_to_funding_amounts, text_to_funding_wan, text_to_period
from shenbao.record import ExtractedForm
from tests.builders.pdf_quirks import GridCell, pdf_from, ruled_table

# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("人民币8万元", None, 8.0),
        ("人民币捌万元整", None, 8.0),
        ("8（万元）", None, 8.0),
        ("８（万元）", "元", 8.0),  # the unit written in brackets after the number wins over the label's
        ("80,000元", None, 8.0),
        ("80, 000元", None, 8.0),  # OCR of a comma-grouped amount
        ("80 000元", None, 8.0),
        ("1,250,000.00元", None, 125.0),
        ("捌万圆整", None, 8.0),
        ("伍仟圆整", None, 0.5),  # 圆 is 元: not 5000 万元
        ("柒万伍仟元整", None, 7.5),
        ("贰拾伍万元整（￥250,000.00）", None, 25.0),
        ("大写：捌万元整　小写：80000元", None, 8.0),
        ("10（万元）①", None, 10.0),  # a footnote mark is not the digit 1
        ("①10万元", None, 10.0),
    ],
)
def test_amounts_as_offices_type_them_are_read_in_wan(text: str, hint: str | None, expected: float) -> None:
    assert text_to_funding_wan(text, hint) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8万元（其中自筹2万元）", [8.0, 2.0]),
        ("8万元（80,000元）", [8.0, 8.0]),
        ("8万元，2024年拨付", [8.0]),  # a year is not an amount
        ("8万元①", [8.0]),
        ("", []),
    ],
)
def test_every_amount_with_a_unit_of_money_is_listed(text: str, expected: list[float]) -> None:
    assert text_to_funding_amounts(text) == pytest.approx(expected)


def test_two_different_amounts_in_the_funding_cell_are_doubted_not_chosen_silently() -> None:
    checked = check_funding("8万元（其中自筹2万元）", None)
    assert checked.value == 8.0
    assert checked.doubt == "申请经费栏写有多个金额（8万元、2万元），已取第一个8万元，请人工核对"


def test_the_same_amount_in_two_units_is_not_doubted() -> None:
    assert check_funding("8万元（80,000元）", None) == check_funding("8万元", None)
    assert check_funding("8万元（80,000元）", None).doubt == ""


def test_a_dot_that_may_group_thousands_leaves_the_amount_unread_and_doubted() -> None:
    checked = check_funding("80.000元", None)
    assert checked.value is None
    assert "“80.000”无法确定“.”是小数点还是千位分隔符" in checked.doubt


def test_an_amount_with_decimals_in_wan_is_not_taken_for_dotted_thousands() -> None:
    assert check_funding("8.500万元", None).value == 8.5
    assert check_funding("80,000.00元", None).value == 8.0


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a period typed over several cells, joined by the reader
        ("2024年 5月 至 2024年 12月", ("2024-05", "2024-12")),
        ("2024年 5月1日 至 2024年 12月31日", ("2024-05-01", "2024-12-31")),
        ("2024 年 5 月 至 2024 年 12 月", ("2024-05", "2024-12")),
        ("开始 2024年5月 结束 2024年12月", ("2024-05", "2024-12")),
        # an end without its own year
        ("2024年5月至同年12月", ("2024-05", "2024-12")),
        ("2024年10月至次年3月", ("2024-10", "2025-03")),
        ("2024年10月至翌年3月31日", ("2024-10", "2025-03-31")),
        ("自2024年3月起至12月止", ("2024-03", "2024-12")),
        ("2024.05.01-12.31", ("2024-05-01", "2024-12-31")),
        ("2024-05 ~ 12", ("2024-05", "2024-12")),
        # a remark in brackets after an end without its year
        ("2024.5.1-10.31（以立项批复时间为准）", ("2024-05-01", "2024-10-31")),
        ("2024.06.01-09.30(具体以批复为准)。", ("2024-06-01", "2024-09-30")),
        # a system's date-time stamps, their space lost by OCR
        ("2024-06-0100:00:00 至2024-10-3123:59:59", ("2024-06-01", "2024-10-31")),
        ("2024-06-01 00:00:00 至 2024-10-31 23:59:59", ("2024-06-01", "2024-10-31")),
        # English month names (a form filled in English, a bilingual template)
        ("June 2024 – December 2024", ("2024-06", "2024-12")),
        ("Mar–Sep 2024", ("2024-03", "2024-09")),
        ("march to october 2024", ("2024-03", "2024-10")),
        ("April2024-December", ("2024-04", "2024-12")),
        ("Apr. 2024 - Nov. 2024", ("2024-04", "2024-11")),
        ("Sept 2024 - June 2025", ("2024-09", "2025-06")),
        ("May 1, 2024 - Dec 31, 2024", ("2024-05-01", "2024-12-31")),
        ("1 May 2024 to 30 Nov 2024", ("2024-05-01", "2024-11-30")),
        ("Ｊｕｎｅ　２０２４～Ｏｃｔｏｂｅｒ　２０２４", ("2024-06", "2024-10")),
        # a word that only begins like a month is none (Mayor, Decade), nor is a month without a year
        ("Mayor 2024", (None, None)),
        ("May to December", (None, None)),
        ("2024年5月 Marketing", ("2024-05", None)),
        ("2024年5月至 Dec", ("2024-05", "2024-12")),
        # a year alone is no date
        ("2024年", (None, None)),
        ("2024年 月 至 2024年 月", (None, None)),
    ],
)
def test_periods_as_offices_type_them(text: str, expected: tuple[str | None, str | None]) -> None:
    assert text_to_period(text) == expected


def test_a_year_alone_is_doubted_as_a_date_without_its_month() -> None:
    checked = check_date(None, "2024年", "开始时间")
    assert checked.value is None
    assert checked.doubt == "开始时间栏只读到年份“2024年”，没有月份，无法识别，请人工核对"


def test_figures_that_hold_no_end_are_doubted() -> None:
    checked = check_date(None, "2024年5月起", "完成时间")
    assert checked.doubt == "无法从“2024年5月起”读出完成时间，请人工核对"


@pytest.mark.parametrize("text", ["", "见附件", "待定"])
def test_a_period_cell_without_figures_is_simply_empty(text: str) -> None:
    assert check_date(None, text, "开始时间").doubt == ""


# --------------------------------------------------------------------------- real Word forms

BASIC: list[tuple[str, ...]] = [
    ("项目名称", "第5届湘江流域生态保护学术研讨会"),
    ("项目类别", "☑学术交流 ☐科技创新联盟建设 ☐学会服务站建设"),
    ("申报单位", "湖南省生态学学会"),
    ("单位类型", "☑省级学会 ☐市州科协 ☐高校科协"),
    ("项目负责人", "欧阳立新", "手机", "13907318826"),
    ("联系人", "李晓燕", "电话", "0731-85821051"),
]


def _form(rows: list[tuple[str, ...]], cols: int = 0) -> ExtractedForm:
    """A 申报书 as a unit fills a Word grid: every row of `rows` is one table row whose first
    cell is the label; a row with fewer cells than the grid has its last cell spanning the rest."""
    width = cols or max(len(r) for r in rows)
    d = Document()
    d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    d.add_paragraph("一、基本情况")
    table = d.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    for tr, row in zip(table.rows, rows):
        cells = tr.cells
        for k, text in enumerate(row):
            cells[k].text = text
        if len(row) < width:
            cells[len(row) - 1].merge(cells[width - 1])
    d.add_paragraph("二、项目内容")
    d.add_paragraph("举办学术研讨会一次。")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    score, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None, score
    return form


def test_a_period_split_over_year_and_month_cells_is_read() -> None:
    form = _form([*BASIC, ("申请经费", "8万元"), ("起止时间", "2024年", "5月", "至", "2024年", "12月")])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-12")
    assert "start_date" not in form.low_confidence and "end_date" not in form.low_confidence
    assert "2024年" in form.evidence["start_date"].text and "12月" in form.evidence["end_date"].text


def test_a_period_split_over_cells_with_days_is_read() -> None:
    form = _form([*BASIC, ("申请经费", "8万元"), ("起止时间", "2024年", "5月1日", "至", "2024年", "12月31日")])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05-01", "2024-12-31")


def test_a_period_with_start_and_end_sub_cells_is_read() -> None:
    form = _form([*BASIC, ("申请经费", "8万元"), ("起止时间", "开始", "2024年5月", "结束", "2024年12月")])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-12")


def test_a_period_with_start_and_end_time_labels_is_read() -> None:
    form = _form([*BASIC, ("申请经费", "8万元"), ("开始时间", "2024年5月", "完成时间", "2024年12月")])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-12")


def test_split_period_cells_stop_at_the_next_label() -> None:
    form = _form([*BASIC, ("起止时间", "2024年", "5月", "至", "2024年", "12月", "申请经费", "8万元")])
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-12")
    assert form.fields.funding_wan == 8.0


def test_a_split_period_whose_months_are_left_blank_is_none_and_doubted() -> None:
    form = _form([*BASIC, ("申请经费", "8万元"), ("起止时间", "2024年", "月", "至", "2024年", "月")])
    assert (form.fields.start_date, form.fields.end_date) == (None, None)
    assert "没有月份" in form.doubts["start_date"] and "end_date" in form.low_confidence


@pytest.mark.parametrize(
    ("label", "value"),
    [("申请经费①", "10（万元）"), ("申请经费（万元）①", "10"), ("申请经费①", "壹拾万元整（￥100,000.00）"),
     ("申请经费※", "100000元")],
)
def test_a_footnote_mark_on_the_funding_label_does_not_hide_the_amount(label: str, value: str) -> None:
    form = _form([*BASIC, (label, value), ("起止时间", "2024年5月—2024年12月")])
    assert form.fields.funding_wan == 10.0
    assert "funding_wan" not in form.low_confidence


def test_a_footnote_marked_label_typed_with_its_value_in_one_cell_is_read() -> None:
    form = _form([*BASIC, ("申请经费①：80000元", "项目周期：2024年6月—2025年3月")])
    assert form.fields.funding_wan == 8.0
    assert (form.fields.start_date, form.fields.end_date) == ("2024-06", "2025-03")


def test_a_footnote_marked_label_in_a_header_row_keeps_its_column() -> None:
    form = _form([*BASIC, ("电子邮箱", "通讯地址", "申请经费（万元）①", "起止时间"),
                  ("hnstxh@163.com", "长沙市岳麓区麓山南路", "7.0", "自2024年5月起至2024年11月止")])
    assert form.fields.funding_wan == 7.0
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-11")


def test_a_period_split_over_cells_is_read_from_a_text_pdf() -> None:
    # The same grid printed to PDF: the reader gives one cell per ruled box.
    cells = [GridCell(0, 0, "项目名称"), GridCell(0, 1, "第5届湘江流域生态保护学术研讨会", colspan=5),
             GridCell(1, 0, "申报单位"), GridCell(1, 1, "湖南省生态学学会", colspan=5),
             GridCell(2, 0, "项目负责人"), GridCell(2, 1, "欧阳立新", colspan=5),
             GridCell(3, 0, "申请经费①"), GridCell(3, 1, "8万元", colspan=5),
             GridCell(4, 0, "起止时间"), GridCell(4, 1, "2024年"), GridCell(4, 2, "5月1日"), GridCell(4, 3, "至"),
             GridCell(4, 4, "2024年"), GridCell(4, 5, "12月31日")]
    data = pdf_from([ruled_table(cells, col_widths=(90.0, 70.0, 70.0, 40.0, 70.0, 80.0))])
    doc = read_document(data, "申报书.pdf", "pdf", hashlib.sha256(data).hexdigest())
    _, form = score_and_form(doc)
    assert form is not None
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05-01", "2024-12-31")
    assert form.fields.funding_wan == 8.0


@pytest.mark.parametrize(("text", "wan"), [
    ("50千元", 5.0), ("12.5千元", 1.25), ("50k", 5.0), ("0.5百万元", 50.0),
    ("7万5千元", 7.5), ("5千元", 0.5),  # the spoken units as before
])
def test_amounts_in_thousands_or_millions_of_yuan(text: str, wan: float) -> None:
    assert text_to_funding_wan(text) == wan

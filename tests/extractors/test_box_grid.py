"""A basic table drawn with box-drawing characters in a fixed-width font (制表符: │ between
cells, ─┌┬┼┤└ rule lines between rows), as typed in Word or printed to PDF: read as a table,
the continuation lines of a cell (a long value, an option list) joined to it."""

from __future__ import annotations

import hashlib

from docx.document import Document as DocumentObject

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.pairs import box_drawn_grid, tables_one_after_another
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, Row
from tests.builders.docx_quirks import docx_from

GRID = [
    "┌──────┬────────────────────────────┐",
    "│项目名称　│第3届湘江机器人技术高端学术论坛　　　│",
    "├──────┼────────────────────────────┤",
    "│项目类别　│科技创新服务能力建设项目：　　　　　│",
    "│　　　　　│☐学术交流　　　　　　　　　　　　　│",
    "│　　　　　│☑科技创新联盟建设　　　　　　　　　│",
    "├──────┼────────────────────────────┤",
    "│申报单位　│湖南省自动化学会（公章）　　　　　　│",
    "├──────┼────────────────────────────┤",
    "│单位类型　│☑省级学会　☐市州科协　☐高校科协　　│",
    "├──────┼────────────────────────────┤",
    "│项目负责人│覃湘宁　　　　　　　　　　　　　　　│",
    "├──────┼────────────────────────────┤",
    "│负责人手机│19904908035　　　　　　　　　　　　 │",
    "├──────┼────────────────────────────┤",
    "│申请经费　│8万元　　　　　　　　　　　　　　　 │",
    "├──────┼────────────────────────────┤",
    "│起止时间　│2024年5月—2024年12月　　　　　　　　│",
    "└──────┴────────────────────────────┘",
]


def grid_docx() -> bytes:
    def build(d: DocumentObject) -> None:
        d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        d.add_paragraph("一、基本情况")
        for line in GRID:
            d.add_paragraph(line).runs[0].font.name = "新宋体"
        d.add_paragraph("二、项目内容")
        d.add_paragraph("举办学术论坛一次，邀请国内专家作报告。")

    return docx_from(build)


def test_a_table_drawn_with_box_characters_is_read_as_a_table() -> None:
    data = grid_docx()
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    f = form.fields
    assert (f.project_name, f.subcategory, f.applicant_org, f.applicant_type) == (
        "第3届湘江机器人技术高端学术论坛", "科技创新联盟建设", "湖南省自动化学会", "省级学会")
    assert (f.leader_name, f.leader_phone, f.funding_wan, f.start_date, f.end_date) == (
        "覃湘宁", "19904908035", 8.0, "2024-05", "2024-12")


def line(*texts: str) -> Row:
    return Row(cells=tuple(Cell(text=t, where=f"第1页 第1行第{n}段", page=1, box=(0.1 * n, 0.1, 0.1 * n + 0.1, 0.12))
                           for n, t in enumerate(texts, 1)), source="line")


def test_rule_lines_go_continuation_lines_join_and_a_box_before_a_bar_goes_after_it() -> None:
    rows = [line("┌────┬──────┐"), line("│项目类别", "│科技创新服务能力建设项目：", "│"),
            line("│ ☐", "│学术交流 ☑科技创新联盟建设", "│"), line("├────┼──────┤"),
            line("│单位类型 ☑", "│省级学会 ☐市州科协", "│"), line("└────┴──────┘"), line("二、项目内容")]
    out = box_drawn_grid(rows)
    assert [[c.text for c in r.cells] for r in out] == [
        ["项目类别", "科技创新服务能力建设项目：\n☐学术交流 ☑科技创新联盟建设"],
        ["单位类型", "☑省级学会 ☐市州科协"],
        ["二、项目内容"],
    ]
    assert out[0].source == "table" and out[2].source == "line"
    assert out[0].cells[1].box == (0.2, 0.1, 0.30000000000000004, 0.12)


def test_a_line_with_a_bar_inside_text_is_no_drawn_row() -> None:
    rows = [line("联系电话：0731-85821051 │ 手机：13800000000")]
    assert box_drawn_grid(rows) == rows


def table_row(table: int, n: int, *texts: str) -> Row:
    return Row(cells=tuple(Cell(text=t, where=f"第1页 表{table} 第{n}行第{k}列", page=1)
                           for k, t in enumerate(texts, 1)), source="table")


def test_two_cards_side_by_side_read_one_after_the_other() -> None:
    rows = [table_row(2, 1, "项目负责人"), table_row(3, 1, "项目联系人"), table_row(2, 2, "姓名", "唐海波"),
            table_row(3, 2, "姓名", "徐少华"), table_row(2, 3, "手机", "13580299000"), table_row(3, 3, "电话", "19356326535")]
    out = tables_one_after_another(rows)
    assert [r.cells[-1].text for r in out] == ["项目负责人", "唐海波", "13580299000", "项目联系人", "徐少华", "19356326535"]


def test_tables_read_one_after_the_other_stay_as_they_are() -> None:
    rows = [table_row(1, 1, "项目名称", "某论坛"), table_row(1, 2, "申报单位", "某学会"), table_row(2, 1, "序号", "支出科目")]
    assert tables_one_after_another(rows) == rows


def test_a_word_table_nested_in_a_cell_stays_where_it_is() -> None:
    def word_row(table: int, n: int, *texts: str) -> Row:
        return Row(cells=tuple(Cell(text=t, where=f"表{table} 第{n}行第{k}列") for k, t in enumerate(texts, 1)))

    rows = [word_row(1, 5, "项目负责人及联系人", ""), word_row(2, 1, "角色", "姓名"), word_row(2, 2, "负责人", "冯磊"),
            word_row(1, 6, "申请经费", "12万元")]
    assert tables_one_after_another(rows) == rows


def test_a_tables_rule_read_with_a_value_is_no_part_of_it() -> None:
    from shenbao.extractors.pairs import _unblanked

    assert _unblanked("|13746979188") == "13746979188" and _unblanked("|无") == "无"
    assert _unblanked("0733-52349017 |") == "0733-52349017" and _unblanked("a|b") == "a|b"


def test_an_ocr_footnote_whose_number_is_joined_to_its_text_is_a_footnote() -> None:
    from shenbao.extractors.fields import footnotes
    from shenbao.record import DocText

    foot = Row(cells=(Cell(text="1项目名称须与申报单位公章一致。", where="第1页 第24行第1块", page=1,
                           box=(0.1, 0.9, 0.8, 0.92), score=0.99),), source="ocr")
    top = Row(cells=(Cell(text="1项目名称须与申报单位公章一致。", where="第1页 第2行第1块", page=1,
                          box=(0.1, 0.2, 0.8, 0.22), score=0.99),), source="ocr")
    assert footnotes(DocText(file="a.pdf", sha256="a" * 64, kind="scan", rows=(foot,))) == {"1": "项目名称须与申报单位公章一致。"}
    assert footnotes(DocText(file="a.pdf", sha256="a" * 64, kind="scan", rows=(top,))) == {}


def test_a_blank_padding_line_inside_a_drawn_cell_is_no_rule() -> None:
    rows = [line("│项目名称　│第3届湘江机器人技术高端学术论坛│"), line("│　　　　　│　　　　　　　　　│"),
            line("│　　　　　│（线上线下结合）　│"), line("├─────┼─────────┤")]
    out = box_drawn_grid(rows)
    assert [c.text for c in out[0].cells] == ["项目名称", "第3届湘江机器人技术高端学术论坛\n（线上线下结合）"]

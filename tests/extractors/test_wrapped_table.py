"""A table with text wrapped around it (Word's 文字环绕 on the basic table: the template's notes
and the next part's heading to its right) printed to PDF: the lines beside it come between its
rows by height and are read after it, even when a row's value went into its label's cell; and
a label the cell's wrapping cut at a line break (…；参与单\\n位：…) is read whole."""

from __future__ import annotations

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import _matcher, rows_to_pairs
from shenbao.record import Cell, DocText, Row


def _cell(text: str, where: str, x0: float, x1: float, y: float) -> Cell:
    return Cell(text=text, where=f"第1页 {where}", page=1, box=(x0, y, x1, y + 0.02))


def _table_row(n: int, label: str, value: str, y: float) -> Row:
    return Row(cells=(_cell(label, f"表1 第{n}行第1列", 0.1, 0.23, y), _cell(value, f"表1 第{n}行第2列", 0.23, 0.6, y)))


def _line(text: str, n: int, y: float, x0: float = 0.62) -> Row:
    return Row(cells=(_cell(text, f"第{n}行", x0, 0.88, y),), source="line")


def _doc() -> DocText:
    return DocText(file="申报书.pdf", sha256="s", kind="pdf", pages=1, rows=(
        _line("一、基本情况", 1, 0.07, 0.1), _line("填表说明：", 2, 0.1),
        _table_row(1, "项目名称", "洪江市楠竹产业学会服务站建设", 0.11), _line("1.项目名称应简明扼要，不超过30字。", 3, 0.12),
        _table_row(2, "申报单位", "湖南省护理管理学会", 0.25), _table_row(3, "单位类型", "☑省级学会 ☐市州科协", 0.27),
        _line("二、项目主要内容", 4, 0.28),
        _table_row(4, "联合申报", "牵头单位：湖南省护理管理学会；参与单\n位：湖南省土壤肥料学会、湖南省海洋学会", 0.3),
        _table_row(5, "项目负责人\n彭敏博士", "", 0.33), _table_row(6, "负责人手机19423220220", "", 0.36),
        _table_row(7, "项目联系人", "吕湘君", 0.4), _table_row(8, "联系电话", "15006503040", 0.42),
        _table_row(9, "申请经费", "伍万元整", 0.45), _table_row(10, "起止时间", "2024年3月—2024年10月", 0.48),
        _line("一、项目背景与必要性。数字化转型是当前工作重点。", 5, 0.49, 0.11),
    ))


def test_the_heading_beside_the_table_does_not_end_its_basic_part() -> None:
    pairs = {(p.field, p.value_text) for p in rows_to_pairs(_doc(), load_labels()) if p.section == "basic"}
    assert ("contact_name", "吕湘君") in pairs and ("period", "2024年3月—2024年10月") in pairs
    form = doctext_to_form(_doc())
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone, f.contact_phone, f.funding_wan) == ("彭敏", "19423220220", "15006503040", 5.0)


def test_a_label_cut_by_the_cells_wrapping_after_a_clause_is_read_whole() -> None:
    form = doctext_to_form(_doc())
    assert form is not None
    assert form.fields.lead_org == "湖南省护理管理学会"
    assert form.fields.partner_orgs == ("湖南省土壤肥料学会", "湖南省海洋学会")


def test_only_a_whole_label_opening_a_clause_is_rejoined() -> None:
    m = _matcher(load_labels())
    assert m.cut_labels_rejoined("牵头单\n位：甲；参与\n单位：乙") == "牵头单位：甲；参与单位：乙"
    for text in ("某某服务项目\n负责人：张三", "甲；乙丙\n丁：戊", "参与单\n位湖南省某学会"):
        assert m.cut_labels_rejoined(text) == text

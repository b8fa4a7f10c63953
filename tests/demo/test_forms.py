"""The form generator writes real .docx and text .pdf forms that readers can open."""

from __future__ import annotations

import dataclasses
import io

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from shenbao.demo.forms import (
    BudgetLine, FormSpec, build_docx, build_pdf, category_text, example_spec, type_text,
)

LAYOUTS = ("grid4", "two_col_spaced", "inline_colon", "vertical")

SPEC = FormSpec(
    project_name="湘江流域声景生态保护学术研讨会",
    subcategory="学术交流",
    applicant_org="湖南省测试声学学会",
    applicant_type="省级学会",
    leader_name="欧阳立新",
    leader_phone="13907318826",
    contact_name="贺晓琳",
    contact_phone="0731-88762210",
    contact_email="hnsxxh@163.com",
    funding="捌万元整（￥80,000.00）",
    period="2024年3月—2024年12月",
    approval_text="经学会常务理事会研究审议通过，同意申报。",
    budget_lines=(BudgetLine("会务费", "3", "场地"), BudgetLine("专家咨询费", "5", "专家报告")),
    budget_total="8",
    content=("一、项目背景。聚焦生态声学。",),
    goals=("1.举办学术活动1次；",),
)
VALUES = ("项目名称", "湘江流域声景生态保护学术研讨会", "湖南省测试声学学会", "欧阳立新", "13907318826", "贺晓琳",
          "0731-88762210", "hnsxxh@163.com", "捌万元整（￥80,000.00）", "2024年3月—2024年12月",
          "经学会常务理事会研究审议通过，同意申报。", "合　计", "五、申报单位意见", "六、市州科协审核意见")


def docx_text(data: bytes) -> str:
    """Every paragraph and every table cell, in document order."""
    doc = docx.Document(io.BytesIO(data))
    return "\n".join(t.text for t in doc.element.body.iter(qn("w:p")))


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def squash(text: str) -> str:
    # pdfplumber reports U+3000 as a space and puts spaces between table cells.
    return text.replace("\u3000", "").replace(" ", "").replace("\n", "")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_docx_of_every_layout_opens_and_holds_every_field_value(layout: str) -> None:
    text = docx_text(build_docx(dataclasses.replace(SPEC, layout=layout)))  # type: ignore[arg-type]
    for value in VALUES:
        assert value in text, value


@pytest.mark.parametrize("layout", LAYOUTS)
def test_pdf_of_every_layout_extracts_every_field_value(layout: str) -> None:
    text = squash(pdf_text(build_pdf(dataclasses.replace(SPEC, layout=layout))))  # type: ignore[arg-type]
    for value in VALUES:
        assert squash(value) in text, value


def test_grid4_docx_merges_value_cells_across_three_columns() -> None:
    doc = docx.Document(io.BytesIO(build_docx(SPEC)))
    basic = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目名称" and len(t.columns) == 4)
    first_row = basic.rows[0]._tr
    spans = [tc.tcPr.find(qn("w:gridSpan")) for tc in first_row.iter(qn("w:tc")) if tc.tcPr is not None]
    assert [s.get(qn("w:val")) for s in spans if s is not None] == ["3"]
    assert basic.cell(0, 1).text == basic.cell(0, 3).text == SPEC.project_name


def test_pdf_basic_table_is_found_as_ruled_cells() -> None:
    with pdfplumber.open(io.BytesIO(build_pdf(SPEC))) as pdf:
        rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
    assert ["申报单位", SPEC.applicant_org, None, None] in rows
    assert ["联系电话", SPEC.contact_phone, "电子邮箱", SPEC.contact_email] in rows


@pytest.mark.parametrize(("style", "chosen", "other"), [
    ("ballot", "☑学术交流", "□学会服务站建设"),
    ("square", "■学术交流", "□学会服务站建设"),
    ("tick", "√学术交流", "□学会服务站建设"),
    ("paren", "学术交流（√）", "学会服务站建设（  ）"),
])
def test_checkbox_style_marks_only_the_chosen_item(style: str, chosen: str, other: str) -> None:
    spec = dataclasses.replace(SPEC, checkbox=style)  # type: ignore[arg-type]
    text = category_text(spec)
    assert chosen in text and other in text
    assert text.count(chosen[0] if style != "paren" else "（√）") == 1
    assert "省级学会" in type_text(spec)


def test_ballot_box_survives_in_the_pdf_text_layer() -> None:
    text = pdf_text(build_pdf(dataclasses.replace(SPEC, checkbox="ballot")))
    # ☑ needs a TrueType fallback font; without one it degrades to √ — never to nothing.
    assert "☑学术交流" in text or "√学术交流" in text
    assert "□学会服务站建设" in text


def test_form_without_a_type_field_has_no_unit_type_row() -> None:
    spec = dataclasses.replace(SPEC, applicant_type=None, layout="inline_colon")
    text = docx_text(build_docx(spec))
    assert "单位类型" not in text and "市州科协" not in text.split("一、基本情况")[1].split("二、项目内容")[0]
    assert "申报单位：湖南省测试声学学会" in text


def test_missing_phone_leaves_the_value_cell_empty() -> None:
    doc = docx.Document(io.BytesIO(build_docx(dataclasses.replace(SPEC, leader_phone=""))))
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["负责人手机", "", "联 系 人", "贺晓琳"] in rows


def test_joint_application_names_lead_and_partner_units() -> None:
    spec = dataclasses.replace(SPEC, lead_org=SPEC.applicant_org, partner_orgs=("长沙理工大学科协",))
    text = docx_text(build_docx(spec))
    assert "牵头单位：湖南省测试声学学会；参与单位：长沙理工大学科协" in text
    unstated = docx_text(build_docx(dataclasses.replace(spec, lead_org=None)))
    assert "牵头单位" not in unstated.split("填 报 说 明")[1].split("一、基本情况")[1]


def test_budget_table_ends_with_the_total_row() -> None:
    doc = docx.Document(io.BytesIO(build_docx(SPEC)))
    budget = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    assert [c.text for c in budget.rows[-1].cells][1:3] == ["合　计", "8"]
    assert budget.rows[0].cells[2].text == "金额（万元）"


def test_city_review_box_is_empty_unless_a_review_is_given() -> None:
    blank = docx.Document(io.BytesIO(build_docx(SPEC)))
    reviewed = docx.Document(io.BytesIO(build_docx(dataclasses.replace(SPEC, city_review_text="同意推荐。株洲市科协"))))
    assert "同意推荐" not in blank.tables[-1].cell(0, 0).text
    assert "同意推荐。株洲市科协" in reviewed.tables[-1].cell(0, 0).text


def test_same_spec_gives_the_same_bytes() -> None:
    assert build_docx(SPEC) == build_docx(SPEC)
    assert build_pdf(SPEC) == build_pdf(SPEC)


def test_unknown_item_is_rejected() -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(SPEC, subcategory="学术会议")


def test_example_spec_varies_one_field_and_keeps_the_rest() -> None:
    spec = example_spec(leader_phone="", layout="vertical")
    assert spec.leader_phone == "" and spec.layout == "vertical"
    assert spec.category == "科技创新服务能力建设项目"
    text = docx_text(build_docx(spec))
    assert f"姓名：{spec.leader_name}　　职务/职称：{spec.leader_title}　　手机：" in text.split("\n")

"""A checklist laid out as a table of its own, one option per row and the mark in a column
(类别 | 项目 | 选择), as some units retype the 项目类别 part: read from a real .docx and a
LibreOffice PDF, in every mark style the readers know."""

from __future__ import annotations

import hashlib
import io

import pytest
from docx import Document

from shenbao.extractors.convert import to_pdf
from shenbao.extractors.fields import choose_option, score_and_form, tick_between_options
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, DocText, ExtractedForm, Row

ITEMS = [("科技创新服务能力建设项目", "学术交流"), ("", "科技创新联盟建设"), ("", "学会服务站建设"),
         ("学会自身能力建设项目", "创新工程专业职称评审"), ("", "学会制度机制建设")]
BASIC = [("项目名称", "湖南省茶叶产业科技创新联盟建设"), ("申报单位", "湖南省茶叶学会"), ("单位类型", "☑省级学会 ☐市州科协"),
         ("项目负责人", "王明"), ("负责人手机", "13812345678"), ("联系人", "李娜"), ("联系人电话", "13987654321"),
         ("电子邮箱", "lina@163.com"), ("申请经费", "10万元"), ("执行期", "2024年5月—2024年12月")]


def _docx(chosen: str, on: str, off: str) -> bytes:
    doc = Document()
    doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    doc.add_paragraph("一、基本情况")
    basic = doc.add_table(rows=len(BASIC), cols=2)
    for i, (label, value) in enumerate(BASIC):
        basic.cell(i, 0).text, basic.cell(i, 1).text = label, value
    doc.add_paragraph("二、项目类别（限选一项）")
    matrix = doc.add_table(rows=len(ITEMS) + 1, cols=3)
    for j, head in enumerate(("类别", "项目", "选择")):
        matrix.cell(0, j).text = head
    for i, (group, item) in enumerate(ITEMS, 1):
        matrix.cell(i, 0).text, matrix.cell(i, 1).text = group, item
        matrix.cell(i, 2).text = on if item == chosen else off
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _read(data: bytes, name: str = "申报书.docx", kind: str = "docx") -> ExtractedForm:
    doc = read_document(data, name, kind, hashlib.sha256(data).hexdigest())
    form = score_and_form(doc)[1]
    assert form is not None
    return form


@pytest.mark.parametrize(("on", "off"), [("[V]", "[ ]"), ("☑", "☐"), ("√", ""), ("●", "○"), ("■", "□")])
def test_the_ticked_row_of_an_option_table_is_the_item(on: str, off: str) -> None:
    form = _read(_docx("科技创新联盟建设", on, off))
    assert (form.fields.category, form.fields.subcategory) == ("科技创新服务能力建设项目", "科技创新联盟建设")
    assert "subcategory" not in form.low_confidence
    # 执行期 is a period label like 执行期限
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-12")


def test_two_ticked_rows_are_no_answer() -> None:
    data = _docx("学术交流", "☑", "☐")
    doc = read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    rows = list(doc.rows)
    twice = [Row(cells=tuple(Cell(text="☑" if c.text == "☐" and "学会服务站建设" in r.cells[1].text else c.text,
                                  where=c.where) for c in r.cells), source=r.source) if len(r.cells) == 3 else r
             for r in rows]
    form = score_and_form(doc.model_copy(update={"rows": tuple(twice)}))[1]
    assert form is not None and form.fields.subcategory is None


def test_rows_of_other_text_are_no_option_table() -> None:
    # A budget-like table whose rows name no option, and option names in running text.
    doc = DocText(file="x.docx", sha256="x", kind="docx", rows=(
        Row(cells=(Cell(text="学术交流", where="a"), Cell(text="经费3万元用于会议", where="b"))),
        Row(cells=(Cell(text="科技创新联盟建设", where="a"), Cell(text="另行申报", where="b"))),
        Row(cells=(Cell(text="学会服务站建设", where="a"), Cell(text="不申报", where="b"))),
    ))
    assert not [p for p in rows_to_pairs(doc, load_labels()) if p.field == "subcategory"]


def test_an_option_table_in_a_pdf_is_read_with_its_place() -> None:
    data = _docx("学会服务站建设", "[V]", "[ ]")
    pdf = to_pdf(data, "申报书.docx")
    form = _read(pdf, "申报书.pdf", "pdf")
    assert form.fields.subcategory == "学会服务站建设"
    ev = form.evidence["subcategory"]
    assert ev.page in (1, 2) and ev.box is not None


# ------------------------------------------------- a tick between two options, the gap lost

def _pdf_lines(*basics: str) -> DocText:
    """A PDF's text lines: the title, a basic part opening with `basics`, the rest of it."""
    texts = ("2024年度湖南省科协科技创新服务能力提升计划项目申报书", "一、基本信息", *basics,
             "（五）项目负责人：赵翠兰", "（六）申请经费：6万元", "（七）实施期限：2024年3月至2024年11月")
    return DocText(file="申报书.pdf", sha256="x", kind="pdf", rows=tuple(
        Row(cells=(Cell(text=text, where=f"第1页 第{n}行"),), source="line") for n, text in enumerate(texts, 1)))


def test_a_tick_glued_between_two_options_is_read_but_doubted() -> None:
    # A PDF's text layer drops the gap of "学术交流√  科技创新联盟建设": the tick may mark either.
    doc = _pdf_lines("（一）项目名称：长株潭渔业人工智能赋能学术研讨会", "（二）申报单位：株洲市科学技术协会",
                     "（三）单位类型：省级学会市州科协☑高校科协企业（园区）科协民非组织其他",
                     "（四）项目类别：学术交流☑科技创新联盟建设 学会服务站建设")
    form = score_and_form(doc)[1]
    assert form is not None
    assert {"subcategory", "applicant_type"} <= set(form.low_confidence)
    assert "无法确定勾选的是哪一项" in form.doubts["subcategory"]


@pytest.mark.parametrize("text", ["学术交流 ☑科技创新联盟建设", "☑学术交流科技创新联盟建设", "☐学术交流☑科技创新联盟建设"])
def test_a_tick_with_a_gap_or_a_box_list_is_not_in_doubt(text: str) -> None:
    assert not tick_between_options(text, load_labels().items)


def test_a_tick_after_the_last_option_marks_it_and_settles_a_glued_tick_elsewhere_on_the_form() -> None:
    # This filler writes the tick after the option: at the end of the item list it can mark only
    # the option before it; the unit type's tick, glued on both sides, is read the same way.
    doc = _pdf_lines("（一）项目名称：桃源县金银花科技服务站建设", "（二）申报单位：衡阳市科协",
                     "（三）单位类型：省级学会市州科协☑高校科协企业（园区）科协民非组织其他",
                     "（四）项目类别：学术交流科技创新联盟建设学会服务站建设☑")
    form = score_and_form(doc)[1]
    assert form is not None
    assert form.fields.subcategory == "学会服务站建设" and "subcategory" not in form.low_confidence
    assert form.fields.applicant_type == "市州科协" and "写在所选项之后" in form.doubts["applicant_type"]


def test_a_tick_after_an_option_ending_its_line_marks_that_option() -> None:
    text = ("科技创新服务能力建设项目：\n学术交流科技创新联盟建设“科创中国”试点城市建设“科创中国”湖南中心建设与运营学会服务\n"
            "站建设☑\n学会自身能力建设项目：\n创新工程专业职称评审学会制度机制建设省级学会网站管理平台高校科协交流机制建设")
    assert choose_option(text, load_labels().items, True) == ("学会服务站建设", 1)

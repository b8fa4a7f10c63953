"""Forms typed without a Word table: a Markdown table pasted from a chat assistant's answer,
labels set in 【】 instead of a colon, text boxes written bottom to top. Real .docx files, read
by the reader the pipeline uses."""

from __future__ import annotations

import hashlib
import io

from docx import Document

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.markdown_rows import markdown_tables
from shenbao.extractors.pairs import is_label
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, ExtractedForm, Row

TITLE = "2024年度湖南省科协科技创新服务能力提升计划项目申报书"


def _docx_form(paragraphs: list[str]) -> ExtractedForm:
    d = Document()
    d.add_paragraph(TITLE)
    d.add_paragraph("一、基本情况")
    for text in paragraphs:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    doc = read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    score, form = score_and_form(doc)
    assert form is not None, score
    return form


MARKDOWN = [
    "以下是整理好的申报书基本信息：",
    "| 栏目 | 填写内容 |",
    "|------|:------|",
    "| 项目名称 | 《关键核心技术与烟草创新发展学术研讨会》 |",
    "| 项目类别 | 科技创新服务能力建设项目：<br>☑学术交流 ☐科技创新联盟建设 ☐学会服务站建设 |",
    "| 申报单位 | 湘潭市<br>科学技术协会 |",
    "| 单位类型 | ☐省级学会 ☑市州科协 ☐高校科协 |",
    "| 项目负责人 | 卢磊 |",
    "| 负责人手机 | 159 3389 1465 |",
    "| 项目联系人 | @戴磊 |",
    "| 联系电话 | 13908230234 |",
    "| 电子邮箱 | pnr@yeah.net |",
    "| 申请经费 | 9万元 |",
    "| 起止时间 | 2024年6月至2024年11月 |",
]


def test_a_markdown_table_pasted_as_paragraphs_is_read_as_a_table() -> None:
    f = _docx_form(MARKDOWN).fields
    assert f.project_name == "关键核心技术与烟草创新发展学术研讨会"
    assert (f.category, f.subcategory) == ("科技创新服务能力建设项目", "学术交流")
    assert f.applicant_org == "湘潭市科学技术协会" and f.applicant_type == "市州科协"
    assert (f.leader_name, f.leader_phone) == ("卢磊", "15933891465")
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("戴磊", "13908230234", "pnr@yeah.net")
    assert (f.funding_wan, f.start_date, f.end_date) == (9.0, "2024-06", "2024-11")


def _lines(*texts: str) -> list[Row]:
    return [Row(cells=(Cell(text=t, where=f"第1页 第{n}行", page=1),), source="line") for n, t in enumerate(texts, 1)]


def test_a_markdown_row_a_reader_wrapped_over_lines_is_one_row() -> None:
    rows = markdown_tables(_lines("| 字段| 信息|", "|:---|:---|", "| 项目类别| 科技创新服务能力建设项目：<br>√学术交流□科技创新联盟",
                                  "建设□学会服务站建设|", "| 申报单位| 湖南中医药大学科协|"))
    assert [[c.text for c in r.cells] for r in rows] == [
        ["字段", "信息"], ["项目类别", "科技创新服务能力建设项目：\n√学术交流□科技创新联盟建设□学会服务站建设"],
        ["申报单位", "湖南中医药大学科协"]]
    assert all(r.source == "table" for r in rows)


def test_a_lone_line_with_bars_is_no_table() -> None:
    rows = _lines("| 注：请如实填写 |", "项目名称：某论坛")
    assert markdown_tables(rows) == rows


def test_labels_in_lenticular_brackets_are_labels() -> None:
    f = _docx_form(["【项目名称】学会服务站建设类：服务溆浦县黄精产业高质量发展学会服务站（限30字以内）",
                    "【项目类别】科技创新服务能力建设项目：☐学术交流 ☑学会服务站建设",
                    "【申报单位】岳阳市科协", "【单位类型】☐省级学会 ☑市州科协 ☐高校科协",
                    "【项目负责人】叶 敏", "【负责人手机】190 8459 5458", "【项目联系人】王 慧",
                    "【联系电话】15883617740", "【电子邮箱】hpbbw@126.com", "【申请经费】50000元",
                    "【起止时间】2024年3月至9月"]).fields
    assert f.project_name == "服务溆浦县黄精产业高质量发展学会服务站"
    assert (f.subcategory, f.applicant_org, f.applicant_type) == ("学会服务站建设", "岳阳市科协", "市州科协")
    assert (f.leader_name, f.leader_phone, f.contact_name, f.contact_phone) == ("叶敏", "19084595458", "王慧", "15883617740")
    assert (f.funding_wan, f.start_date, f.end_date) == (5.0, "2024-03", "2024-09")


def test_a_bracketed_word_that_is_no_label_stays_in_the_value() -> None:
    # 【学术交流】 before a project's name names its item; it is no label to read a value after.
    form = _docx_form(["项目名称：【学术交流】长株潭力学学术论坛", "【申报单位】湖南省力学学会",
                        "【项目负责人】张伟", "【负责人手机】13912345678", "【申请经费】5万元"])
    assert form.fields.project_name == "长株潭力学学术论坛"
    assert form.fields.applicant_org == "湖南省力学学会"
    assert not is_label("学术交流", load_labels())


def test_an_item_in_brackets_opening_a_value_cell_is_no_label() -> None:
    # A table's value cell opening with 【科技创新联盟建设】: the item the unit names before its
    # project, which tells the item when the option list shows no mark.
    d = Document()
    d.add_paragraph(TITLE)
    table = d.add_table(rows=0, cols=2)
    for label, value in (("项目名称", "【科技创新联盟建设】湖南省生猪产业科技创新联盟建设"),
                         ("项目类别", "科技创新服务能力建设项目：学术交流 科技创新联盟建设 学会服务站建设"),
                         ("申报单位", "湖南省畜牧兽医学会"), ("项目负责人", "罗霞"), ("负责人手机", "13912345678"),
                         ("申请经费", "5万元"), ("起止时间", "2024年3月至9月")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    assert form.fields.project_name == "湖南省生猪产业科技创新联盟建设"
    assert form.fields.subcategory == "科技创新联盟建设" and "subcategory" in form.low_confidence


BASIC = [("项目名称", "防灾减灾与物理创新发展学术论坛"), ("申报单位", "湖南蓝思数字科技有限公司科协"),
         ("项目负责人", "刘楚雄"), ("负责人手机", "15754631330"), ("项目联系人", "汪桂英"),
         ("联系电话", "18732539751"), ("申请经费", "人民币壹拾万圆整"), ("起止时间", "2024年04月至2024年10月")]


def test_text_boxes_written_bottom_to_top_pair_each_value_with_the_label_below_it() -> None:
    # A WPS form of grouped text boxes, converted: each value comes before its label, the last
    # field first.
    paragraphs = [text for label, value in reversed(BASIC) for text in (value, label)] + ["二、项目主要内容"]
    f = _docx_form(paragraphs).fields
    assert (f.project_name, f.applicant_org) == ("防灾减灾与物理创新发展学术论坛", "湖南蓝思数字科技有限公司科协")
    assert (f.leader_name, f.leader_phone, f.contact_name, f.contact_phone) == ("刘楚雄", "15754631330", "汪桂英", "18732539751")
    assert (f.funding_wan, f.start_date, f.end_date) == (10.0, "2024-04", "2024-10")


def test_labels_each_above_its_value_after_an_opening_sentence_stay_as_they_are() -> None:
    # An opening sentence, then label / value paragraphs: the run ends with a value, not a label.
    paragraphs = ["现将我单位申报项目的基本信息报送如下："] + [text for pair in BASIC for text in pair]
    f = _docx_form(paragraphs).fields
    assert (f.project_name, f.leader_phone, f.start_date) == ("防灾减灾与物理创新发展学术论坛", "15754631330", "2024-04")


def test_a_project_name_a_pasted_pdf_line_broke_joins_its_next_paragraph() -> None:
    # A PDF's text pasted into Word: each printed line a paragraph, the name cut at the line's end.
    rest = ["申报单位：湖南省公路学会", "项目负责人：任子轩", "负责人手机：13912345678", "申请经费：5万元"]
    form = _docx_form(["项目名称：2024年湖南省公", "路学术论坛（简称：公路学术", "论坛）", *rest])
    assert form.fields.project_name == "2024年湖南省公路学术论坛"
    # A name that already ends as names do takes nothing from the paragraph after it.
    kept = _docx_form(["项目名称：2024年湖南省公路学术论坛", "青年论坛（另行申报）", *rest])
    assert kept.fields.project_name == "2024年湖南省公路学术论坛"

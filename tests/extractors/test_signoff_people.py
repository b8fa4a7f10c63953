"""The project's people named only in the sign-off lines at the foot of the form (项目负责人（签字）：
王伟 手机：…, 填表人（项目联系人）：…, 电子邮箱：…), after the last opinion box: read as the
people's values when the basic table names nobody; the unit's own 负责人（签字） in a box, and
a city association's contact in its review, are not the project's people."""

from __future__ import annotations

import hashlib

from docx.document import Document as DocumentObject

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from shenbao.record import ExtractedForm
from tests.builders.docx_quirks import docx_from

BASIC = {
    "项目名称": "第3届湘江机器人技术高端学术论坛",
    "项目类别": "☑学术交流 ☐科技创新联盟建设",
    "申报单位": "湖南省自动化学会",
    "单位类型": "☑省级学会 ☐市州科协",
    "申请经费（万元）": "5",
    "起止时间": "2024年4月—2024年11月",
}


def form(basic: dict[str, str], city_box: str, foot: list[str]) -> ExtractedForm:
    def build(d: DocumentObject) -> None:
        d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        d.add_paragraph("一、基本情况")
        table = d.add_table(rows=0, cols=2)
        for label, value in basic.items():
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        d.add_paragraph("四、申报单位意见")
        d.add_table(rows=1, cols=1).cell(0, 0).text = "经理事会审议通过，同意申报。\n负责人（签字）：\n（单位盖章）"
        d.add_paragraph("五、市州科协审核意见")
        d.add_table(rows=1, cols=1).cell(0, 0).text = city_box
        for line in foot:
            d.add_paragraph(line)

    data = docx_from(build)
    _, read = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert read is not None
    return read


FOOT = ["项目负责人（签字）：颜 刚　手机：157 4940 7219(微信同号)",
        "填表人（项目联系人）：肖 涛　联系电话：（0736）32792292",
        "电子邮箱：邮箱：pdw＠163.com",
        "填表日期：2024年4月 日"]


def test_people_named_in_the_sign_off_lines_are_read() -> None:
    f = form(BASIC, "（市州科协盖章）", FOOT).fields
    assert (f.leader_name, f.leader_phone, f.contact_name, f.contact_phone, f.contact_email) == (
        "颜刚", "15749407219", "肖涛", "0736-32792292", "pdw@163.com")


def test_the_basic_tables_people_come_before_the_sign_off_lines() -> None:
    basic = {**BASIC, "项目负责人": "覃湘宁", "负责人手机": "19904908035", "联系人": "李四"}
    f = form(basic, "（市州科协盖章）", FOOT).fields
    assert (f.leader_name, f.leader_phone, f.contact_name) == ("覃湘宁", "19904908035", "李四")
    # The table's contact is not given the signer's phone and e-mail.
    assert f.contact_phone is None and f.contact_email is None


def test_a_city_reviewers_contact_in_its_box_is_not_the_projects() -> None:
    f = form(BASIC, "同意推荐。\n联系人：张三 电话：0731-84411234\n（市州科协盖章）", []).fields
    assert f.contact_name is None and f.contact_phone is None


def test_a_bare_form_filler_under_the_budget_is_not_the_contact() -> None:
    f = form(BASIC, "（市州科协盖章）", []).fields
    assert f.contact_name is None
    budget_note = form({**BASIC, "备注": "填表人：王会计 联系电话：0731-84411234"}, "（市州科协盖章）", []).fields
    assert budget_note.contact_name is None


def test_a_blank_sign_off_with_only_its_date_names_nobody() -> None:
    f = form(BASIC, "（市州科协盖章）", ["项目负责人（签字）：　　2024年5月20日"]).fields
    assert f.leader_name is None

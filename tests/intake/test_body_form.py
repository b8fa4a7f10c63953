"""A form copied from Word and pasted into the mail's body instead of attached: the plain-text
body keeps the table as lines of tab-separated cells; it is read as a file of its own (邮件正文.txt)
and gives the application's fields. A letter, or a mail with its form attached, is left as it is."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from shenbao.extraction import FileResult, message_to_submissions
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from shenbao.extractors.text_reader import text_to_doctext
from shenbao.intake.classify import BODY_FORM_NAME, with_body_form
from shenbao.intake.mime import parse_message
from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, Part, StoredMessage, Submission
from tests.builders.eml import attachment, mail, multipart, text_part
from tests.intake.file_builders import docx_bytes, pdf_bytes

PASTED = "\n".join([
    "2024年度湖南省科协科技创新服务能力提升计划项目申报书",
    "一、基本情况",
    "项目名称\t洞庭湖湿地候鸟监测技术交流会",
    "项目类别\t☐学术交流 ☑学会服务站建设 ☐科技创新联盟建设",
    "申报单位\t湖南省生态学学会",
    "单位类型\t☑省级学会 ☐市州科协 ☐高校科协",
    "项目负责人\t欧阳立新\t手机\t13907318826",
    "项目联系人\t周敏\t联系电话\t0731-84123456",
    "电子邮箱\tzhoumin@hnast.org.cn",
    "申请经费（万元）\t8",
    "起止时间\t2024年5月至2024年11月",
])
LETTER = "您好！\n附件为我会申报材料，请查收。\n湖南省生态学学会\n联系人：周敏 0731-84123456"


def _submissions(raw: bytes) -> list[Submission]:
    stored = StoredMessage(sha256=hashlib.sha256(raw).hexdigest(), message_id=None,
                           internaldate=datetime(2024, 4, 20, 10, tzinfo=timezone(timedelta(hours=8))), size=len(raw),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1))

    def read(part: Part, sha: str) -> FileResult:
        return FileResult(form=score_and_form(read_document(part.data, part.name, part.kind, sha))[1])

    return message_to_submissions(mail_of(stored, raw), read)


def test_a_form_pasted_into_the_body_is_read_as_the_application() -> None:
    raw = mail(subject="项目申报书", parts=[multipart("alternative", [
        text_part(PASTED), text_part("<table><tr><td>项目名称</td></tr></table>", subtype="html")])])
    (sub,) = _submissions(raw)
    assert sub.form is not None and not [f.code for f in sub.findings]
    f = sub.form.fields
    assert (f.project_name, f.applicant_org, f.subcategory, f.applicant_type) == (
        "洞庭湖湿地候鸟监测技术交流会", "湖南省生态学学会", "学会服务站建设", "省级学会")
    assert (f.leader_name, f.leader_phone, f.contact_name, f.contact_email, f.funding_wan) == (
        "欧阳立新", "13907318826", "周敏", "zhoumin@hnast.org.cn", 8.0)
    assert [(ref.name, ref.role, ref.kind) for ref in sub.files] == [(BODY_FORM_NAME, "form", "text")]


CONTACTS = "联系人\t周敏\n电话\t0731-84123456\n邮箱\tzm@163.com\n"


@pytest.mark.parametrize("raw", [
    mail(subject="项目申报书", body=LETTER.encode("utf-8")),  # a letter: no table in it
    # A document attached and a table in the body that is not the form's (no 项目名称, 申报单位).
    mail(subject="项目申报书", parts=[text_part(CONTACTS), attachment(pdf_bytes(), "申报书.pdf")]),
])
def test_a_letter_or_a_table_that_is_no_form_beside_a_document_gets_no_body_part(raw: bytes) -> None:
    parsed = parse_message(raw)
    assert with_body_form(parsed) == parsed


def test_a_form_pasted_beside_other_material_is_read_from_the_body() -> None:
    """The form pasted into the body, a meeting plan attached: the body gives the application."""
    raw = mail(subject="湖南省生态学学会申报材料", parts=[text_part(PASTED), attachment(docx_bytes("会议方案"),
                                                                                   "附件：会议方案.docx")])
    (sub,) = _submissions(raw)
    assert sub.form is not None and sub.form.fields.project_name == "洞庭湖湿地候鸟监测技术交流会"
    assert [(ref.name, ref.role) for ref in sub.files] == [("附件：会议方案.docx", "attachment"),
                                                           (BODY_FORM_NAME, "form")]


def test_an_older_template_pasted_beside_other_material_is_read_from_the_body() -> None:
    """An older template names the unit 承担单位: its form pasted into the body beside a meeting
    plan is still the form."""
    older = PASTED.replace("申报单位", "承担单位")
    raw = mail(subject="申报材料", parts=[text_part(older), attachment(docx_bytes("会议方案"), "附件：会议方案.docx")])
    (sub,) = _submissions(raw)
    assert sub.form is not None and sub.form.fields.applicant_org == "湖南省生态学学会"
    assert [(ref.name, ref.role) for ref in sub.files][-1] == (BODY_FORM_NAME, "form")


def test_a_form_attached_and_pasted_is_read_from_the_attachment() -> None:
    attached = docx_bytes(PASTED.replace("\t", "："))  # the same form as the attachment's text
    (sub,) = _submissions(mail(subject="项目申报书", parts=[text_part(PASTED), attachment(attached, "申报书.docx")]))
    assert sub.form is not None and sub.form.file == "申报书.docx"
    assert [(ref.name, ref.role) for ref in sub.files] == [("申报书.docx", "form")]


def test_the_body_part_is_added_once() -> None:
    once = with_body_form(parse_message(mail(subject="申报", body=PASTED.encode("utf-8"))))
    assert [p.name for p in once.parts] == [BODY_FORM_NAME] and with_body_form(once) == once


def test_tab_separated_lines_are_table_rows_and_other_lines_paragraphs() -> None:
    doc = text_to_doctext("标题\n项目名称\t某论坛\n\n申报单位\t\t湖南省某学会\n".encode("gb18030"), "a.txt", "s")
    assert [(r.source, [c.text for c in r.cells]) for r in doc.rows] == [
        ("paragraph", ["标题"]), ("table", ["项目名称", "某论坛"]), ("table", ["申报单位", "", "湖南省某学会"])]
    assert doc.rows[1].cells[1].where == "第2行第2格"


def test_bytes_that_are_no_text_are_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        text_to_doctext(bytes(range(128, 256)) * 4, "a.txt", "s")


def test_a_body_with_a_few_tabbed_lines_that_is_no_form_lists_no_file() -> None:
    """Contact lines typed with tabs in a letter: tried as a pasted form, it is none, so the mail
    keeps no file and the usual NO_FORM (nothing attached) rather than 'only other material'."""
    body = "您好：申报书盖章后立即发送。\n联系人\t周敏\n电话\t0731-84123456\n邮箱\tzm@163.com\n湖南省生态学学会"
    (sub,) = _submissions(mail(subject="项目申报", body=body.encode("utf-8")))
    assert sub.files == () and [f.code for f in sub.findings] == ["NO_FORM"]
    assert "没有可读取的申报书" in sub.findings[0].message


CAPTIONED = "\n".join([
    "一、基本情况",
    "洞庭湖湿地候鸟监测技术交流会 （项目名称）",
    "科技创新服务能力建设项目： 学术交流（　）  学会服务站建设（是） （项目类别）",
    "湖南省生态学学会（公章） （申报单位）",
    "省级学会（是）  市州科协（　） （单位类型）",
    "欧阳立新 副理事长 （项目负责人）\t13907318826 （负责人手机）",
    "周敏 （项目联系人）\t0731-84123456 （联系电话）",
    "zhoumin@hnast.org.cn （电子邮箱）\t8万元 （申请经费）",
    "2024年5月至2024年11月 （起止时间）",
    "三、经费预算",
    "序号\t支出科目\t金额（万元）",
    "1\t会议费\t8",
])


def test_a_pasted_form_whose_captions_follow_their_values_in_brackets_is_read() -> None:
    (sub,) = _submissions(mail(subject="项目申报书", body=CAPTIONED.encode("utf-8")))
    assert sub.form is not None
    f = sub.form.fields
    assert (f.project_name, f.applicant_org, f.subcategory, f.applicant_type) == (
        "洞庭湖湿地候鸟监测技术交流会", "湖南省生态学学会", "学会服务站建设", "省级学会")
    assert (f.leader_name, f.leader_phone, f.contact_name, f.contact_phone, f.contact_email, f.funding_wan) == (
        "欧阳立新", "13907318826", "周敏", "0731-84123456", "zhoumin@hnast.org.cn", 8.0)


def test_a_pasted_form_with_spaced_labels_beside_an_attachment_is_read_from_the_body() -> None:
    spaced = PASTED.replace("项目名称", "项　目　名　称").replace("申报单位", "申　报　单　位")
    raw = mail(subject="申报材料", parts=[text_part(spaced), attachment(docx_bytes("会议方案"), "会议方案.docx")])
    assert [p.name for p in with_body_form(parse_message(raw)).parts][-1] == BODY_FORM_NAME


TYPED = "\n".join([
    "您好！", "申报书基本信息如下，签字盖章页扫描件见附件，纸质版已邮寄：",
    "项目名称：长株潭预防医学产学研融合高峰论坛", "项目类别：科技创新服务能力建设项目—学术交流",
    "申报单位：湘潭大学科学技术协会(公章)", "单位类型：高校科协", "项目负责人：文振宇\u3000手机：17588932634",
    "项目联系人：龚红梅\u3000联系电话：0737-62472640", "电子邮箱：sanonrs@139.com", "申请经费：9万元",
    "起止时间：2024年5月至11月", "此致", "敬礼"])


def test_fields_typed_into_the_body_one_per_line_beside_a_signed_page_are_the_form() -> None:
    raw = mail(subject="湘潭大学科协申报材料", parts=[text_part(TYPED), attachment(docx_bytes("签字盖章页"), "签字盖章页.docx")])
    (sub,) = _submissions(raw)
    assert sub.form is not None and sub.form.file == BODY_FORM_NAME
    f = sub.form.fields
    assert (f.project_name, f.applicant_org, f.leader_name, f.contact_phone, f.funding_wan) == (
        "长株潭预防医学产学研融合高峰论坛", "湘潭大学科学技术协会", "文振宇", "0737-62472640", 9.0)


def test_a_cover_letter_naming_the_project_and_unit_gets_no_body_part() -> None:
    letter = "您好！\n项目名称：长株潭预防医学产学研融合高峰论坛\n申报单位：湘潭大学科学技术协会\n联系电话：0737-62472640\n此致"
    parsed = parse_message(mail(subject="申报", parts=[text_part(letter), attachment(pdf_bytes(), "申报书.pdf")]))
    assert with_body_form(parsed) == parsed

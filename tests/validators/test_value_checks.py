"""Values checked against each other and the rest of the mail: each cross-field and
cross-source check, the confirmations that trust a weak reading, and the register's review
findings built from them (on forms read from real .docx files where the form matters)."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from shenbao.record import (Evidence, recognition_doubt, ExtractedForm, Fields, FileRef, MailFacts, MessageLocation, StoredMessage,
                            Submission)
from shenbao.register import Inputs, Numbering, review_findings, validate
from shenbao.validators.guide import Guide
from shenbao.validators.value_checks import (
    MailSources,
    check_dates_in_call,
    check_item,
    check_people_vs_mail,
    check_unread_forms,
    check_project_vs_mail,
    check_unit_vs_mail,
    confirmed_fields,
    named_projects,
    review_values,
)
from tests.validators.forms import good_fields, guide_2024

CST = timezone(timedelta(hours=8))
PROJECT = "长江中游城市群智能传感学术研讨会"


@pytest.fixture(scope="module")
def guide() -> Guide:
    return guide_2024()


def codes_by_field(fields: Fields, guide: Guide, sources: MailSources = MailSources()) -> dict[str, str]:
    return {f.field or "": f.message for f in review_values(fields, {}, sources, guide).findings}


# --------------------------------------------------------------------------- dates and the item

def test_a_compliant_application_with_a_plain_mail_raises_nothing(guide: Guide) -> None:
    sources = MailSources(subject=f"湖南省传感器学会申报{PROJECT}", sender="lihua@example.org",
                          sender_name="湖南省传感器学会", body="附件为申报书，请查收。\n湖南省传感器学会",
                          form_file=f"{PROJECT}申报书.docx")
    assert review_values(good_fields(), {}, sources, guide).findings == ()


def test_a_start_before_the_calls_year_is_doubted(guide: Guide) -> None:
    evidence = {"start_date": Evidence(file="申报书.docx", where="表1 第11行第2列", text="起止时间：2023年5月—2024年12月")}
    (finding,) = check_dates_in_call(good_fields(start_date="2023-05"), evidence, guide)
    assert finding.code == "NEEDS_REVIEW" and finding.field == "start_date"
    assert "早于2024年" in finding.message and "2023年5月—2024年12月" in finding.message


def test_a_start_after_the_completion_limit_is_doubted(guide: Guide) -> None:
    assert "晚于指南要求的完成期限2024-12-31" in codes_by_field(good_fields(start_date="2025-02", end_date="2025-06"),
                                                                guide)["start_date"]


def test_an_end_before_the_calls_year_is_doubted_and_a_late_end_is_left_to_the_completion_rule(guide: Guide) -> None:
    assert "end_date" in codes_by_field(good_fields(start_date="2024-03", end_date="2023-12"), guide)
    assert codes_by_field(good_fields(end_date="2025-06"), guide) == {}


def test_a_category_that_is_not_the_items_in_the_guide_is_doubted(guide: Guide) -> None:
    (finding,) = check_item(good_fields(category="学会自身能力建设项目"), {}, guide)
    assert finding.field == "category" and "科技创新服务能力建设项目" in finding.message


def test_a_project_name_of_another_item_doubts_the_ticked_item(guide: Guide) -> None:
    """A misread tick (the option before or after the ticked one) shows against the name."""
    alliance = good_fields(project_name="湖南省辣椒产业科技创新联盟建设")
    (finding,) = check_item(alliance, {}, guide)
    assert finding.field == "subcategory" and "“联盟”" in finding.message and "科技创新联盟建设" in finding.message
    assert check_item(good_fields(project_name="湖南省辣椒产业科技创新联盟建设", subcategory="科技创新联盟建设"),
                      {}, guide) == []
    # A meeting about an alliance or a station is an academic exchange: words of two items.
    for name in ("长株潭科技创新联盟发展论坛", "湖南省智慧农业产业联盟年会暨成果交流会", "第三届湖南省学会服务站工作交流会"):
        assert check_item(good_fields(project_name=name), {}, guide) == []
    # A name with no item's words, or with words of two items, says nothing.
    assert check_item(good_fields(project_name="湖南省辣椒产业发展项目"), {}, guide) == []
    assert check_item(good_fields(project_name="服务站联盟学术研讨会", subcategory="科技创新联盟建设"), {}, guide) == []
    assert check_item(good_fields(project_name="湖南省辣椒产业学术研讨会"), {}, guide) == []


def test_a_type_the_guide_does_not_list_is_doubted(guide: Guide) -> None:
    assert "不是指南所列类型" in codes_by_field(good_fields(applicant_type="事业单位"), guide)["applicant_type"]


# --------------------------------------------------------------------------- project vs the mail

def test_an_unread_unit_type_is_doubted_because_eligibility_and_approval_cannot_be_checked(guide: Guide) -> None:
    found = codes_by_field(good_fields(applicant_type=None), guide)
    assert "未能读出单位类型，无法核对" in found["applicant_type"] and "审议要求" in found["applicant_type"]
    assert "applicant_type" not in codes_by_field(good_fields(), guide)


def test_a_subject_naming_a_clearly_different_project_is_doubted(guide: Guide) -> None:
    sources = MailSources(subject="湖南省传感器学会申报书-洞庭湖生态保护高端论坛", form_file="申报书.docx")
    (finding,) = check_project_vs_mail(good_fields(), {}, sources, guide)
    assert finding.field == "project_name"
    assert "洞庭湖生态保护高端论坛" in finding.message and PROJECT in finding.message


def test_a_form_file_name_naming_a_clearly_different_project_is_doubted(guide: Guide) -> None:
    sources = MailSources(subject="申报材料", form_file="《湘江机器人技术青年科学家论坛》申报书.docx")
    (finding,) = check_project_vs_mail(good_fields(), {}, sources, guide)
    assert "附件文件名" in finding.message


@pytest.mark.parametrize("subject", [
    "湖南省传感器学会关于申报2024年度省科协学术交流项目的函",  # names the item, not a project
    "湖南省传感器学会关于2024年度学术会议的函",  # a letter's wording around a generic word
    "2024年度科技创新服务能力提升计划项目申报（湖南省传感器学会）",
    f"申报书-湖南省传感器学会-{PROJECT}（修改版）",
    "长江中游智能传感研讨会申报",  # the same project, typed short
])
def test_subjects_that_name_no_other_project_are_no_evidence(guide: Guide, subject: str) -> None:
    assert check_project_vs_mail(good_fields(), {}, MailSources(subject=subject), guide) == []


def test_a_mail_carrying_several_forms_is_not_compared_with_its_subject(guide: Guide) -> None:
    sources = MailSources(subject="洞庭湖生态保护高端论坛等两个项目申报", form_files=2)
    assert check_project_vs_mail(good_fields(), {}, sources, guide) == []


def test_named_projects_drop_the_wrapping_of_subjects_and_file_names() -> None:
    assert named_projects("申报书-湖南省土木建筑学会-2024全国智能建造学术会议（长沙）.pdf") == ["2024全国智能建造学术会议(长沙)"]
    assert named_projects("湖南省公路学会申报材料") == []


# --------------------------------------------------------------------------- the unit vs the mail

def test_a_sender_naming_another_society_is_doubted() -> None:
    (finding,) = check_unit_vs_mail(good_fields(), {}, MailSources(sender_name="湖南省通信学会"))
    assert finding.field == "applicant_org" and "发件人为“湖南省通信学会”" in finding.message


def test_a_signature_naming_another_unit_is_doubted() -> None:
    sources = MailSources(body="您好：\n附件是我单位的申报书，请查收。\n\n湖南省通信学会\n2024年4月20日")
    (finding,) = check_unit_vs_mail(good_fields(), {}, sources)
    assert "邮件落款" in finding.message


@pytest.mark.parametrize("sources", [
    MailSources(sender_name="湖南省传感器学会"),
    MailSources(sender_name="湖南省传感器学会秘书处"),
    MailSources(sender_name="长沙市科协"),  # a 科协 forwards its members' forms
    MailSources(sender_name="李华"),
    MailSources(body="申报书已定稿，请转报省科协"),  # a sentence, not a signature
])
def test_senders_that_name_no_other_unit_are_no_evidence(sources: MailSources) -> None:
    assert check_unit_vs_mail(good_fields(), {}, sources) == []


def test_a_partner_sending_a_joint_application_is_no_evidence() -> None:
    fields = good_fields(lead_org="湖南省传感器学会", partner_orgs=("湖南省通信学会",))
    assert check_unit_vs_mail(fields, {}, MailSources(sender_name="湖南省通信学会")) == []


# --------------------------------------------------------------------------- confirmations

def test_values_the_mail_repeats_are_confirmed() -> None:
    sources = MailSources(subject=f"申报{PROJECT}", sender="lihua@example.org",
                          body="联系人：李华，电话 0731 8400 0000；负责人王明 138-0000-0000。湖南省传感器学会")
    assert confirmed_fields(good_fields(), sources) == {"project_name", "contact_email", "contact_phone",
                                                        "leader_phone", "leader_name", "contact_name",
                                                        "applicant_org"}


def test_a_part_of_a_name_the_mail_gives_whole_is_not_confirmed() -> None:
    # An OCR reading that kept one character of 李华 is not repeated by the mail's 李华.
    sources = MailSources(body="联系人：李华，负责人王明")
    assert confirmed_fields(good_fields(contact_name="李", leader_name="王明"), sources) == {"leader_name"}
    assert confirmed_fields(good_fields(contact_name="李华"), sources) >= {"contact_name"}
    # 王明 read off a form whose body names 王明华 (a name cut short) is no repetition either,
    # wherever 王明华 stands; a second, whole 王明 later in the body is.
    cut = good_fields(leader_name="王明")
    assert "leader_name" not in confirmed_fields(cut, MailSources(body="负责人王明华，联系人王明华"))
    assert "leader_name" in confirmed_fields(cut, MailSources(body="负责人王明华，联系人王明"))
    assert "leader_name" in confirmed_fields(cut, MailSources(body="负责人王明华；王明（138）"))


def test_values_the_mail_does_not_repeat_are_not_confirmed() -> None:
    sources = MailSources(subject="申报材料", sender="someone@qq.com", body="电话 13900000000")
    assert confirmed_fields(good_fields(), sources) == frozenset()


# --------------------------------------------------------------------------- the register's review findings

def stored(n: int) -> StoredMessage:
    return StoredMessage(sha256=f"{n:064x}", message_id=f"<m{n}@example.cn>",
                         internaldate=datetime(2024, 4, 10, 9, 0, tzinfo=CST),
                         location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=n), size=100)


def submission(form: ExtractedForm, *, subject: str = "申报材料", sender_name: str = "", n: int = 1) -> Submission:
    return Submission(key=f"{n:064x}#0", kind="application", message=stored(n), sender="x@qq.com", subject=subject,
                      files=(FileRef(name=form.file, sha256=form.sha256, role="form"),), form=form,
                      mail=MailFacts(sender="x@qq.com", sender_name=sender_name, subject=subject))


def scanned_form(confidence: float) -> ExtractedForm:
    evidence = {"project_name": Evidence(file="申报书扫描件.pdf", where="第3页 第2行", text=f"项目名称：{PROJECT}",
                                         confidence=confidence, page=3)}
    return ExtractedForm(file="申报书扫描件.pdf", sha256="e" * 64, fields=good_fields(), evidence=evidence,
                         low_confidence=("project_name",))


def test_a_weak_scan_reading_no_source_confirms_says_so(guide: Guide) -> None:
    (finding,) = review_findings(submission(scanned_form(0.82)), str, guide)
    assert finding.field == "project_name"
    assert "扫描件识别置信度0.82，且无其他来源可核对" in finding.message and "第3页 第2行" in (finding.evidence or "")


def test_a_weak_scan_reading_the_subject_repeats_is_trusted(guide: Guide) -> None:
    assert review_findings(submission(scanned_form(0.82), subject=f"申报{PROJECT}"), str, guide) == []


def test_a_weak_scan_reading_whose_recogniser_doubted_it_is_trusted_when_the_subject_repeats_it(guide: Guide) -> None:
    form = scanned_form(0.82).model_copy(update={"doubts": {"project_name": recognition_doubt(0.82)}})
    assert review_findings(submission(form, subject=f"申报{PROJECT}"), str, guide) == []


def test_a_name_cut_short_stays_doubted_though_the_subject_holds_it_whole(guide: Guide) -> None:
    """The subject holds 第14届…论坛: it repeats 第14届, but says nothing for a name ending there."""
    cut = "项目名称“第14届”以届次/期次结尾，后面的名称可能换行后未读到，请核对原件"
    form = scanned_form(0.97).model_copy(update={
        "fields": good_fields(project_name="第14届"),
        "doubts": {"project_name": f"{recognition_doubt(0.97)}；{cut}"}})
    (finding,) = review_findings(submission(form, subject="申报第14届湖南测绘地理信息高峰论坛"), str, guide)
    assert finding.field == "project_name" and "届次" in finding.message


def test_a_doubt_with_a_reason_is_the_findings_message_with_the_evidence(guide: Guide) -> None:
    form = scanned_form(1.0).model_copy(update={"doubts": {"project_name": "封面的项目名称为“甲”，与基本情况表的“乙”不一致"}})
    (finding,) = review_findings(submission(form, subject=f"申报{PROJECT}"), str, guide)
    assert "封面的项目名称为“甲”" in finding.message and PROJECT in finding.message


def docx_form(project: str, unit: str = "湖南省传感器学会", types: str = "☑省级学会 ☐市州科协",
              items: str = "☑学术交流 ☐学会服务站建设") -> ExtractedForm:
    d = Document()
    d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    d.add_paragraph("一、基本情况")
    table = d.add_table(rows=0, cols=2)
    for label, value in (("项目名称", project), ("项目类别", items), ("申报单位", unit),
                         ("单位类型", types), ("项目负责人", "王明"), ("负责人手机", "13800000000"),
                         ("联系人", "李华"), ("联系人电话", "0731-84000000"), ("联系人邮箱", "lihua@example.org"),
                         ("申请经费（万元）", "8"), ("起止时间", "2024年5月—2024年12月")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    d.add_paragraph("五、申报单位意见")
    d.add_paragraph("经本会第五届理事会第三次会议审议通过，同意申报。")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    return form


def test_validate_flags_a_form_whose_mail_names_another_project_and_unit(guide: Guide) -> None:
    form = docx_form(PROJECT)
    sub = submission(form, subject="湖南省通信学会申报书-洞庭湖生态保护高端论坛", sender_name="湖南省通信学会")
    verdict = validate([sub], Inputs(guide=guide), Numbering(ids={}, last_seq=0, year=2024))
    review = {f.field: f.message for f in verdict.findings[sub.key] if f.code == "NEEDS_REVIEW"}
    assert set(review) == {"project_name", "applicant_org"}
    assert "申报书.docx" in review["project_name"]  # the evidence shown


def test_validate_is_silent_on_a_form_whose_mail_agrees(guide: Guide) -> None:
    form = docx_form(PROJECT)
    sub = submission(form, subject=f"湖南省传感器学会申报{PROJECT}", sender_name="湖南省传感器学会")
    verdict = validate([sub], Inputs(guide=guide), Numbering(ids={}, last_seq=0, year=2024))
    assert "NEEDS_REVIEW" not in {f.code for f in verdict.findings[sub.key]}


def test_validate_states_a_rule_resting_on_a_doubted_type_as_a_doubt(guide: Guide) -> None:
    """市州科协 ticked for a unit no 市州科协 is named like: the type is doubted, and the
    ineligibility it would imply for 学术交流 comes as 待核实, not as a fact."""
    form = docx_form(PROJECT, unit="湖南省产业技术发展研究中心", types="☐省级学会 ☑市州科协")
    sub = submission(form, subject=f"湖南省产业技术发展研究中心申报{PROJECT}")
    verdict = validate([sub], Inputs(guide=guide), Numbering(ids={}, last_seq=0, year=2024))
    found = verdict.findings[sub.key]
    assert "APPLICANT_NOT_ELIGIBLE" not in {f.code for f in found}
    pending = [f for f in found if f.code == "NEEDS_REVIEW" and f.message.startswith("待核实：")]
    assert pending and all(f.field == "applicant_type" for f in pending)
    assert any("市州科协" in f.message for f in pending)


def test_validate_judges_by_an_item_read_by_elimination(guide: Guide) -> None:
    """An item read as the one option printed without a box is doubted for a person, but the
    rules still judge by it: 岳阳市科协 may not apply for 学术交流."""
    form = docx_form(PROJECT, unit="岳阳市科协", types="☐省级学会 ☑市州科协", items="学术交流 ☐学会服务站建设 ☐科技创新联盟建设")
    assert form.fields.subcategory == "学术交流" and form.guessed == ("subcategory",)
    sub = submission(form, subject=f"岳阳市科协申报{PROJECT}")
    verdict = validate([sub], Inputs(guide=guide), Numbering(ids={}, last_seq=0, year=2024))
    found = verdict.findings[sub.key]
    assert "APPLICANT_NOT_ELIGIBLE" in {f.code for f in found}
    assert any(f.code == "NEEDS_REVIEW" and f.field == "subcategory" for f in found)


def test_a_type_read_by_elimination_that_the_name_contradicts_is_not_judged_by(guide: Guide) -> None:
    """The one type printed without a box (其他), but the unit is a city's 科协: the approval
    and review rules that would follow from 其他 go to a person as doubts."""
    form = docx_form(PROJECT, unit="岳阳市科协", types="☐省级学会 ☐市州科协 其他")
    assert form.fields.applicant_type == "其他" and "applicant_type" not in form.guessed
    sub = submission(form, subject=f"岳阳市科协申报{PROJECT}")
    found = validate([sub], Inputs(guide=guide), Numbering(ids={}, last_seq=0, year=2024)).findings[sub.key]
    assert not {"MISSING_CITY_REVIEW", "APPLICANT_NOT_ELIGIBLE"} & {f.code for f in found}


def test_a_staff_correction_of_the_doubted_type_makes_the_rule_a_fact_again(guide: Guide) -> None:
    """Staff confirm the type in the register (更正值 市州科协): the doubt is settled, and the
    ineligibility it held back is stated as a finding."""
    from shenbao.staff_input import StaffWord

    form = docx_form(PROJECT, unit="湖南省产业技术发展研究中心", types="☐省级学会 ☑市州科协")
    sub = submission(form, subject=f"湖南省产业技术发展研究中心申报{PROJECT}")
    word = StaffWord("市州科协", datetime(2024, 5, 2, 9, 0, tzinfo=CST), "register.xlsx 核对")
    verdict = validate([sub], Inputs(guide=guide), Numbering(ids={}, last_seq=0, year=2024),
                       corrections={"2024-0001": {"applicant_type": word}})
    found = verdict.findings[sub.key]
    assert "APPLICANT_NOT_ELIGIBLE" in {f.code for f in found}
    assert not any(f.code == "NEEDS_REVIEW" and f.field == "applicant_type" for f in found)



def test_a_document_named_as_another_projects_form_but_not_read_as_one_is_flagged(guide: Guide) -> None:
    """The mail's second form, scanned upside down or in a layout not understood, is an
    attachment only: its name says what it is."""
    sources = MailSources(subject="湖南省渔业学会2024年度项目申报书（2项）",
                          unread_files=("湖南省渔业学会-第9届湖南渔业学术交流会申报书（盖章扫描件）.pdf", "附件2：理事会决议.docx"))
    (finding,) = check_unread_forms(good_fields(project_name="江华瑶族自治县莲子科技服务站建设"), sources, guide)
    assert finding.code == "NEEDS_REVIEW" and "第9届湖南渔业学术交流会" in finding.message
    assert "盖章扫描件" in (finding.evidence or "")
    # The same project's scan (a stamped copy of the form read), or a file not called a form: nothing.
    assert check_unread_forms(good_fields(project_name="第9届湖南渔业学术交流会"), sources, guide) == []
    other = MailSources(unread_files=("第9届湖南渔业学术交流会会议方案.docx",))
    assert check_unread_forms(good_fields(project_name="江华瑶族自治县莲子科技服务站建设"), other, guide) == []
    # A form file named after the call's item only names no project.
    item_only = MailSources(unread_files=("2024年度学术交流项目申报书.pdf", "申报书（学术交流类）扫描件.pdf",
                                          "湖南省渔业学会项目申报书（学术交流）.pdf"))
    assert check_unread_forms(good_fields(project_name="江华瑶族自治县莲子科技服务站建设"), item_only, guide) == []


def test_a_phone_with_its_extension_is_confirmed_by_a_signature_without_it() -> None:
    fields = Fields(contact_phone="0731-85821051转8012")
    assert "contact_phone" in confirmed_fields(fields, MailSources(body="联系人：王五 电话：0731-85821051"))
    assert "contact_phone" not in confirmed_fields(fields, MailSources(body="电话：0731-85821052"))


@pytest.mark.parametrize(("body", "flagged"), [
    ("附件是申报书，请查收。\n联系人：谭湘君  0731-69799701\n此致", True),  # same phone, another name
    ("联系人：宋宏伟，电话：0731-69799701", False),  # the same person
    ("联系人：谭湘君 13800001111", False),  # another phone: nothing to compare
    ("联系人：王老师 0731-69799701", False),  # a surname and a title name nobody in full
])
def test_a_covering_letters_contact_with_the_forms_phone_under_another_name_is_flagged(body: str,
                                                                                     flagged: bool) -> None:
    fields = Fields(contact_name="宋宏伟", contact_phone="0731-69799701")
    found = check_people_vs_mail(fields, {}, MailSources(body=body))
    assert [f.field for f in found] == (["contact_name"] if flagged else [])
    if flagged:
        assert "谭湘君" in found[0].message and "宋宏伟" in found[0].message


def test_a_phone_the_leader_shares_with_the_letters_contact_is_no_evidence_against_the_leader() -> None:
    fields = Fields(leader_name="王建国", leader_phone="0731-84561234", contact_name="谭湘君", contact_phone="0731-84561234")
    assert check_people_vs_mail(fields, {}, MailSources(body="联系人：谭湘君 0731-84561234")) == []
    office = Fields(contact_name="谭湘君", contact_phone="0731-84561234")
    assert check_people_vs_mail(office, {}, MailSources(body="联系人：学会办公室 电话：0731-84561234")) == []

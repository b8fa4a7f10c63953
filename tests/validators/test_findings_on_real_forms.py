"""Each finding code of the guide, on a real generated form: .docx (or PDF) bytes → the real
reader → field extraction → the shipped 2024 rules. The clean form gives no finding, so
every assertion below is caused by the one thing each test changes."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest

from shenbao.demo.forms import FormSpec, build_docx, build_pdf, example_spec
from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import ExtractedForm
from shenbao.validators.engine import check_application
from shenbao.validators.guide import default_guide_path, load_guide
from shenbao.validators.history import FundedProject

CST = timezone(timedelta(hours=8))
ON_TIME = datetime(2024, 4, 20, 10, 0, tzinfo=CST)
GUIDE = load_guide(default_guide_path())


def read(spec: FormSpec, fmt: str = "docx") -> ExtractedForm:
    data = build_docx(spec) if fmt == "docx" else build_pdf(spec)
    sha = hashlib.sha256(data).hexdigest()
    doc = docx_to_doctext(data, "申报书." + fmt, sha) if fmt == "docx" else pdf_to_doctext(data, "申报书.pdf", sha,
                                                                                          ocr=False)
    form = doctext_to_form(doc)
    assert form is not None
    return form


def codes(spec: FormSpec, *, fmt: str = "docx", received_at: datetime = ON_TIME,
          history: tuple[FundedProject, ...] = ()) -> set[str]:
    form = read(spec, fmt)
    findings = check_application(form.fields, form.facts, received_at, GUIDE, list(history))
    return {f.code for f in findings if f.severity == "error"}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_clean_example_form_has_no_error(fmt: str) -> None:
    assert codes(example_spec(), fmt=fmt) == set()


def test_wrong_applicant_type_is_not_eligible() -> None:
    spec = example_spec(applicant_org="株洲市示例科学技术协会", applicant_type="市州科协",
                        approval_text="经市科协党组会议审议通过，同意申报。")
    assert codes(spec) == {"APPLICANT_NOT_ELIGIBLE"}


def test_a_designated_item_applied_for_by_another_unit() -> None:
    spec = example_spec(subcategory="省级学会网站管理平台", funding="25万元")
    assert "DESIGNATED_ITEM" in codes(spec)


def test_the_designated_unit_may_apply_under_its_bracketed_seal_name() -> None:
    spec = example_spec(subcategory="“科创中国”湖南中心建设与运营", funding="70万元",
                        applicant_org="湖南省企业科协联合会（盖章）")
    assert "DESIGNATED_ITEM" not in codes(spec)


@pytest.mark.parametrize("funding", ["12万元", "120000元", "壹拾贰万元整（￥120,000.00）", "4.5"])
def test_funding_outside_the_item_range(funding: str) -> None:
    assert codes(example_spec(funding=funding)) == {"FUNDING_OUT_OF_RANGE"}


def test_completion_after_december_2024_is_too_late() -> None:
    assert codes(example_spec(period="2024年5月—2025年3月")) == {"END_DATE_TOO_LATE"}


def test_an_approval_by_the_wrong_body_is_missing_approval() -> None:
    spec = example_spec(approval_text="经理事长办公会议研究，同意申报。")
    assert codes(spec) == {"MISSING_APPROVAL"}


def test_an_enterprise_association_needs_the_city_review() -> None:
    spec = example_spec(applicant_org="长沙示例高新技术产业开发区科协", applicant_type="企业（园区）科协",
                        approval_text="经园区企业管理层会议审议通过，同意申报。", city_review_text="")
    assert codes(spec) == {"MISSING_CITY_REVIEW"}
    reviewed = example_spec(applicant_org="长沙示例高新技术产业开发区科协", applicant_type="企业（园区）科协",
                            approval_text="经园区企业管理层会议审议通过，同意申报。",
                            city_review_text="经审核，同意推荐申报。长沙市科协")
    assert codes(reviewed) == set()


def test_a_joint_application_without_roles() -> None:
    spec = example_spec(partner_orgs=("湖南省示例声学学会", "湖南省示例物理学会"), lead_org=None)
    assert "JOINT_ROLES_MISSING" in codes(spec)


def test_the_same_project_funded_last_year_is_a_repeat() -> None:
    history = (FundedProject(year=2023, applicant_org="湖南省示例声学学会", project_name="湘江流域声景生态保护学术研讨会",
                             category="学术交流"),)
    assert codes(example_spec(), history=history) == {"REPEAT_FUNDED"}


def test_a_missing_phone_is_a_missing_field_naming_it() -> None:
    form = read(example_spec(leader_phone=""))
    findings = check_application(form.fields, form.facts, ON_TIME, GUIDE, [])
    missing = [f for f in findings if f.code == "MISSING_FIELD"]
    assert [f.field for f in missing] == ["leader_phone"]
    assert "手机" in missing[0].message or "电话" in missing[0].message


def test_an_email_received_after_the_deadline_is_late_whatever_its_date_header() -> None:
    late = datetime(2024, 4, 30, 17, 0, 1, tzinfo=CST)
    assert codes(example_spec(), received_at=late) == {"LATE_ELECTRONIC"}
    assert codes(example_spec(), received_at=late - timedelta(seconds=2)) == set()

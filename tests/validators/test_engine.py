"""Each finding code of the guide's rules, produced from a form that breaks one rule."""

from __future__ import annotations

from datetime import datetime

import pytest

from shenbao.record import Finding
from shenbao.validators.engine import check_application
from shenbao.validators.guide import Guide
from shenbao.validators.history import FundedProject
from tests.validators.forms import CST, ON_TIME, good_facts, good_fields, guide_2024


@pytest.fixture(scope="module")
def guide() -> Guide:
    return guide_2024()


def codes(findings: tuple[Finding, ...]) -> list[str]:
    return [f.code for f in findings]


def only(findings: tuple[Finding, ...], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, findings
    return hits[0]


def test_a_field_a_scan_shows_but_could_not_be_read_is_not_called_missing(guide: Guide) -> None:
    # The reader doubts it (NEEDS_REVIEW with the place); the unit may well have filled it in.
    fields = good_fields(leader_name=None, contact_email=None)
    findings = check_application(fields, good_facts(unread=("leader_name",)), ON_TIME, guide, [])
    assert [f.field for f in findings if f.code == "MISSING_FIELD"] == ["contact_email"]


def test_compliant_application_has_no_findings(guide: Guide) -> None:
    assert check_application(good_fields(), good_facts(), ON_TIME, guide, []) == ()


def test_each_missing_field_is_its_own_finding_named_in_chinese(guide: Guide) -> None:
    fields = good_fields(leader_phone=None, contact_email="")
    findings = check_application(fields, good_facts(), ON_TIME, guide, [])
    missing = [f for f in findings if f.code == "MISSING_FIELD"]
    assert {f.field for f in missing} == {"leader_phone", "contact_email"}
    assert any("负责人电话" in f.message for f in missing)
    assert all(f.severity == "error" and f.clause == "一、3" for f in missing)


def test_funding_above_range_names_amount_item_range_and_clause(guide: Guide) -> None:
    finding = only(check_application(good_fields(funding_wan=12), good_facts(), ON_TIME, guide, []),
                   "FUNDING_OUT_OF_RANGE")
    assert finding.message == "申请经费12万元，超出“学术交流”项目5—10万元/个的范围（指南四（一）1（4））"
    assert finding.field == "funding_wan"


@pytest.mark.parametrize("amount", [5, 10, 7.5])
def test_funding_range_is_inclusive(guide: Guide, amount: float) -> None:
    assert "FUNDING_OUT_OF_RANGE" not in codes(
        check_application(good_fields(funding_wan=amount), good_facts(), ON_TIME, guide, []))


def test_funding_below_range_says_below(guide: Guide) -> None:
    finding = only(check_application(good_fields(funding_wan=4.5), good_facts(), ON_TIME, guide, []),
                   "FUNDING_OUT_OF_RANGE")
    assert "低于" in finding.message and "4.5万元" in finding.message


def test_fixed_funding_must_match_exactly(guide: Guide) -> None:
    fields = good_fields(subcategory="“科创中国”湖南中心建设与运营", applicant_org="湖南省企业科协联合会",
                         project_name="“科创中国·湖南中心”建设与运营（2024年度）")
    assert codes(check_application(fields.model_copy(update={"funding_wan": 70.0}), good_facts(),
                                   ON_TIME, guide, [])) == []
    finding = only(check_application(fields.model_copy(update={"funding_wan": 80.0}), good_facts(),
                                     ON_TIME, guide, []), "FUNDING_OUT_OF_RANGE")
    assert "70万元" in finding.message and "80万元" in finding.message


def test_month_end_date_means_end_of_that_month(guide: Guide) -> None:
    assert "END_DATE_TOO_LATE" not in codes(
        check_application(good_fields(end_date="2024-12"), good_facts(), ON_TIME, guide, []))
    finding = only(check_application(good_fields(end_date="2025-01"), good_facts(), ON_TIME, guide, []),
                   "END_DATE_TOO_LATE")
    assert "2025-01" in finding.message and "2024年12月底" in finding.message


def test_ineligible_type_for_item_is_reported(guide: Guide) -> None:
    fields = good_fields(applicant_org="岳阳市科协", applicant_type="市州科协")
    facts = good_facts(approval_text="经市科协党组会议审议通过")
    finding = only(check_application(fields, facts, ON_TIME, guide, []), "APPLICANT_NOT_ELIGIBLE")
    assert "市州科协" in finding.message and finding.clause == "四（一）1（2）"


def test_a_finding_resting_on_a_doubted_value_is_stated_as_a_doubt(guide: Guide) -> None:
    """The type was read but doubted: the ineligibility it implies is for a person to confirm,
    with the conclusion and the doubted value named; a finding on other values stays as it is."""
    fields = good_fields(applicant_org="岳阳市科协", applicant_type="市州科协", funding_wan=12)
    facts = good_facts(approval_text="经市科协党组会议审议通过")
    findings = check_application(fields, facts, ON_TIME, guide, [], {"applicant_type": "单位类型"})
    assert "APPLICANT_NOT_ELIGIBLE" not in codes(findings)
    doubt = only(findings, "NEEDS_REVIEW")
    assert doubt.field == "applicant_type" and doubt.severity == "warning"
    assert doubt.message.startswith("待核实：") and "市州科协" in doubt.message and "“单位类型”读取存疑" in doubt.message
    assert only(findings, "FUNDING_OUT_OF_RANGE").severity == "error"  # funding_wan is not in doubt
    # The same form with the type not in doubt: the finding is a fact.
    assert "APPLICANT_NOT_ELIGIBLE" in codes(check_application(fields, facts, ON_TIME, guide, [], {}))
    # A doubted item makes it a doubt too: whether the type may apply depends on the item.
    assert "APPLICANT_NOT_ELIGIBLE" not in codes(
        check_application(fields, facts, ON_TIME, guide, [], {"subcategory": "项目名称（指南条目）"}))


def test_a_finding_that_holds_whatever_the_doubted_value_is_stays_a_fact(guide: Guide) -> None:
    # The approval box names no type's body at all: whatever the unit's type, it is missing.
    fields = good_fields(applicant_type=None)
    doubted = {"applicant_type": "单位类型"}
    missing = only(check_application(fields, good_facts(approval_text="经单位科技处审核，同意申报。"), ON_TIME, guide, [],
                                     doubted), "MISSING_APPROVAL")
    assert missing.severity == "error" and "科技处" in missing.message
    # A body that is right for some type (常委会: 高校科协, 市州科协 …) rests on the type: a doubt.
    findings = check_application(fields, good_facts(approval_text="经常委会审议通过"), ON_TIME, guide, [],
                                 {"applicant_type": "单位类型", "applicant_org": "申报单位"})
    assert "MISSING_APPROVAL" not in codes(findings)
    stated = good_fields(applicant_type="省级学会")
    findings = check_application(stated, good_facts(approval_text="经常委会审议通过"), ON_TIME, guide, [], doubted)
    assert "MISSING_APPROVAL" not in codes(findings) and "理事会" in only(findings, "NEEDS_REVIEW").message


def test_a_finding_caused_by_a_doubted_value_being_absent_stays_a_doubt(guide: Guide) -> None:
    # The 参与单位 were read but doubted: "no 牵头单位" must not become a fact because emptying
    # the doubted 参与单位 would also give the finding.
    fields = good_fields(lead_org=None, partner_orgs=("湖南省植物学会：负责调研",))
    findings = check_application(fields, good_facts(is_joint=True), ON_TIME, guide, [], {"partner_orgs": "参与单位"})
    assert "JOINT_ROLES_MISSING" not in codes(findings)
    assert any(f.code == "NEEDS_REVIEW" and "牵头单位" in f.message for f in findings)


def test_designated_item_applied_for_by_another_unit(guide: Guide) -> None:
    fields = good_fields(subcategory="创新工程专业职称评审", applicant_org="湖南省城市规划学会",
                         funding_wan=30.0, project_name="湖南省创新工程专业高级职称评审工作")
    findings = check_application(fields, good_facts(), ON_TIME, guide, [])
    assert codes(findings) == ["DESIGNATED_ITEM"]
    assert "湖南省企业科协联合会" in findings[0].message


def test_designated_unit_may_use_its_short_or_full_name(guide: Guide) -> None:
    for name in ("衡阳市科协", "衡阳市科学技术协会"):
        fields = good_fields(subcategory="“科创中国”试点城市建设", applicant_org=name,
                             applicant_type="市州科协", funding_wan=10.0)
        facts = good_facts(approval_text="经市科协党组会议研究同意")
        assert codes(check_application(fields, facts, ON_TIME, guide, [])) == []


@pytest.mark.parametrize("text", [
    "经理事长办公会议研究，同意申报。",
    "经秘书处办公会议讨论通过",
    "同意申报",
    "科技处已审核",
    "未经理事会审议",
    "",
])
def test_text_that_is_not_the_required_body_is_missing_approval(guide: Guide, text: str) -> None:
    finding = only(check_application(good_fields(), good_facts(approval_text=text), ON_TIME, guide, []),
                   "MISSING_APPROVAL")
    assert "理事会或常务理事会" in finding.message


@pytest.mark.parametrize(("kind", "org", "text"), [
    ("省级学会", "湖南省传感器学会", "经第三届常务理事会第二次会议审议通过"),
    ("高校科协", "湖南大学科协", "经校科协常委会议审议通过"),
    ("企业（园区）科协", "长沙高新区科协", "经企业管理层会议审议通过"),
    ("民非组织", "湖南省智慧农业发展研究院", "经单位专题会议审议通过"),
])
def test_the_body_the_guide_names_for_the_type_is_approval(guide: Guide, kind: str, org: str, text: str) -> None:
    fields = good_fields(applicant_type=kind, applicant_org=org)
    facts = good_facts(approval_text=text, city_review_text="同意推荐。长沙市科协 2024年4月25日")
    assert codes(check_application(fields, facts, ON_TIME, guide, [])) == []


def test_a_council_approval_does_not_serve_a_city_association(guide: Guide) -> None:
    fields = good_fields(subcategory="学会服务站建设", applicant_org="株洲市科协", applicant_type="市州科协",
                         project_name="炎陵县黄桃产业学会服务站建设")
    finding = only(check_application(fields, good_facts(approval_text="经理事会审议通过"), ON_TIME, guide, []),
                   "MISSING_APPROVAL")
    assert "党组会议或常委会议" in finding.message


def test_enterprise_association_without_city_review_is_flagged(guide: Guide) -> None:
    fields = good_fields(applicant_type="企业（园区）科协", applicant_org="浏阳经济技术开发区科协")
    facts = good_facts(approval_text="经企业科协常委会议审议通过", city_review_text="（盖章）\n年  月  日")
    finding = only(check_application(fields, facts, ON_TIME, guide, []), "MISSING_CITY_REVIEW")
    assert "市州科协" in finding.message


def test_empty_city_review_is_fine_for_a_provincial_society(guide: Guide) -> None:
    assert check_application(good_fields(), good_facts(city_review_text=""), ON_TIME, guide, []) == ()


def test_joint_application_without_roles(guide: Guide) -> None:
    facts = good_facts(is_joint=True)
    finding = only(check_application(good_fields(), facts, ON_TIME, guide, []), "JOINT_ROLES_MISSING")
    assert "牵头单位和参与单位" in finding.message
    stated = good_fields(lead_org="湖南省传感器学会", partner_orgs=("湖南省仪器仪表学会",))
    assert check_application(stated, facts, ON_TIME, guide, []) == ()


HISTORY = [
    FundedProject(year=2023, applicant_org="省传感器学会", project_name="长江中游城市群智能传感学术研讨会",
                  category="学术交流"),
    FundedProject(year=2021, applicant_org="湖南省测绘学会", project_name="湘江实景三维专题研讨会",
                  category="学术交流"),
]


def test_same_unit_same_project_within_two_years_is_a_repeat(guide: Guide) -> None:
    finding = only(check_application(good_fields(), good_facts(), ON_TIME, guide, HISTORY), "REPEAT_FUNDED")
    assert "2023年" in finding.message and "省传感器学会" in finding.message


def test_funding_older_than_the_window_is_not_a_repeat(guide: Guide) -> None:
    fields = good_fields(applicant_org="湖南省测绘学会", project_name="湘江实景三维专题研讨会")
    assert check_application(fields, good_facts(), ON_TIME, guide, HISTORY) == ()


def test_same_project_name_from_another_unit_is_not_a_repeat(guide: Guide) -> None:
    fields = good_fields(applicant_org="湖南省电子学会")
    assert check_application(fields, good_facts(), ON_TIME, guide, HISTORY) == ()


def test_service_stations_in_different_counties_are_different_content(guide: Guide) -> None:
    history = [FundedProject(year=2023, applicant_org="湖南省林学会",
                             project_name="衡东县黄贡椒产业乡村振兴学会服务站建设")]
    fields = good_fields(subcategory="学会服务站建设", applicant_org="湖南省林学会",
                         project_name="江华县香芋产业乡村振兴学会服务站建设")
    assert check_application(fields, good_facts(), ON_TIME, guide, history) == ()


def test_continuing_item_funded_last_year_is_not_a_repeat(guide: Guide) -> None:
    history = [FundedProject(year=2023, applicant_org="衡阳市科协", project_name="衡阳市“科创中国”试点城市建设")]
    fields = good_fields(subcategory="“科创中国”试点城市建设", applicant_org="衡阳市科学技术协会",
                         applicant_type="市州科协", funding_wan=10.0, project_name="衡阳市“科创中国”试点城市建设")
    facts = good_facts(approval_text="经党组会议审议通过")
    assert check_application(fields, facts, ON_TIME, guide, history) == ()


def test_unit_name_doubt_asks_a_person_naming_the_candidate(guide: Guide) -> None:
    history = [FundedProject(year=2022, applicant_org="湖南省传感器协会",
                             project_name="长江中游城市群智能传感学术研讨会")]
    finding = only(check_application(good_fields(), good_facts(), ON_TIME, guide, history), "NEEDS_REVIEW")
    assert finding.severity == "warning" and "湖南省传感器协会" in finding.message


def test_mail_after_the_deadline_is_late(guide: Guide) -> None:
    late = datetime(2024, 4, 30, 17, 0, 1, tzinfo=CST)
    finding = only(check_application(good_fields(), good_facts(), late, guide, []), "LATE_ELECTRONIC")
    assert "2024年4月30日 17:00" in finding.message
    on_time = datetime(2024, 4, 30, 9, 0, 0, tzinfo=CST)  # 17:00 Beijing is 09:00 UTC
    assert check_application(good_fields(), good_facts(), on_time.replace(hour=17), guide, []) == ()


def test_deadline_is_compared_across_time_zones(guide: Guide) -> None:
    from datetime import timezone

    utc_late = datetime(2024, 4, 30, 9, 30, tzinfo=timezone.utc)  # 17:30 in Beijing
    assert "LATE_ELECTRONIC" in codes(check_application(good_fields(), good_facts(), utc_late, guide, []))


def test_rural_service_station_promising_too_few_activities_is_warned(guide: Guide) -> None:
    fields = good_fields(subcategory="学会服务站建设", project_name="宁远县脐橙产业乡村振兴学会服务站建设")
    facts = good_facts(content_text="组建8人专家团队，开展线上服务不少于12次，线下活动2次。")
    findings = check_application(fields, facts, ON_TIME, guide, [])
    warned = [f for f in findings if f.code == "SERVICE_STATION_TARGETS"]
    assert [("8人" in f.message, "2次" in f.message) for f in warned] == [(True, False), (False, True)]
    assert all(f.severity == "warning" for f in warned)
    enough = good_facts(content_text="建立十二人专家团队，线上服务15次，线下活动不少于3次。")
    assert check_application(fields, enough, ON_TIME, guide, []) == ()


def test_findings_are_sorted_errors_first(guide: Guide) -> None:
    history = [FundedProject(year=2022, applicant_org="湖南省传感器协会",
                             project_name="长江中游城市群智能传感学术研讨会")]
    findings = check_application(good_fields(funding_wan=20), good_facts(), ON_TIME, guide, history)
    assert [f.severity for f in findings] == ["error", "warning"]


def test_unknown_item_asks_a_person(guide: Guide) -> None:
    finding = only(check_application(good_fields(subcategory="科普活动"), good_facts(), ON_TIME, guide, []),
                   "NEEDS_REVIEW")
    assert "科普活动" in finding.message


def test_item_name_with_ascii_quotes_is_recognised(guide: Guide) -> None:
    fields = good_fields(subcategory='"科创中国"试点城市建设', applicant_org="岳阳市科协",
                         applicant_type="市州科协", funding_wan=10.0)
    assert check_application(fields, good_facts(approval_text="经党组会议审议通过"), ON_TIME, guide, []) == ()


def test_type_settled_by_the_name_is_used_when_the_form_has_no_type_field(guide: Guide) -> None:
    fields = good_fields(applicant_type=None, applicant_org="岳阳市科协")
    findings = check_application(fields, good_facts(approval_text="经党组会议审议通过"), ON_TIME, guide, [])
    assert codes(findings) == ["APPLICANT_NOT_ELIGIBLE"]


def test_city_review_box_with_only_its_printed_instruction_is_empty(guide: Guide) -> None:
    fields = good_fields(applicant_type="民非组织", applicant_org="湖南省智慧农业发展研究院")
    facts = good_facts(approval_text="经单位专题会议审议通过",
                       city_review_text="（企业（园区）科协、其他单位须经所在市州科协审核）\n市州科协（盖章）\n年　　月　　日")
    assert codes(check_application(fields, facts, ON_TIME, guide, [])) == ["MISSING_CITY_REVIEW"]
    signed = facts.model_copy(update={"city_review_text": "（企业（园区）科协、其他单位须经所在市州科协审核）"
                                                          "经审核，同意推荐。市州科协（盖章）2024年4月18日"})
    assert check_application(fields, signed, ON_TIME, guide, []) == ()


def test_ticked_type_in_a_whole_checkbox_line_is_the_type(guide: Guide) -> None:
    fields = good_fields(applicant_type="☐省级学会 ☑市州科协 ☐高校科协 ☐企业（园区）科协 ☐民非组织 ☐其他",
                         applicant_org="岳阳市科协")
    findings = check_application(fields, good_facts(approval_text="经党组会议审议通过"), ON_TIME, guide, [])
    assert codes(findings) == ["APPLICANT_NOT_ELIGIBLE"]


def test_history_of_a_continuing_item_never_makes_a_repeat_even_without_an_item(guide: Guide) -> None:
    history = [FundedProject(year=2023, applicant_org="衡阳市科协", project_name="衡阳市“科创中国”试点城市建设",
                             category="“科创中国”试点城市建设")]
    fields = good_fields(subcategory=None, applicant_org="衡阳市科协", applicant_type="市州科协",
                         project_name="衡阳市“科创中国”试点城市建设")
    findings = check_application(fields, good_facts(approval_text="经党组会议审议通过"), ON_TIME, guide, history)
    assert codes(findings) == ["MISSING_FIELD"]


def test_a_file_without_an_approval_box_is_looked_at_not_judged(guide: Guide) -> None:
    # A workbook's one row, or a form sent without its signature pages: nothing says whether the
    # council approved, so nothing says it did not either.
    findings = check_application(good_fields(), good_facts(approval_text="", approval_box=False), ON_TIME, guide, [])
    assert "MISSING_APPROVAL" not in codes(findings)
    doubt = only(findings, "NEEDS_REVIEW")
    assert doubt.severity == "warning" and "申报单位意见" in doubt.message and "理事会或常务理事会" in doubt.message
    # A box that is there and empty is a missing approval, as before.
    assert "MISSING_APPROVAL" in codes(check_application(good_fields(), good_facts(approval_text="", approval_box=True),
                                                         ON_TIME, guide, []))

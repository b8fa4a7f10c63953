"""Resent applications: the latest emailed version replaces the earlier ones."""

from __future__ import annotations

from datetime import datetime, timedelta

from shenbao.validators.supersede import find_superseded, looks_like_resend
from tests.validators.forms import ON_TIME, good_fields

LATER = ON_TIME + timedelta(hours=3)
LATEST = ON_TIME + timedelta(days=1)


def test_same_unit_same_project_in_a_later_mail_supersedes_the_earlier() -> None:
    first = good_fields(leader_phone=None)
    second = good_fields(applicant_org="湖南省传感器学会（盖章）")
    apps = [("m1#0", ON_TIME, "a@example.org", first), ("m2#0", LATER, "b@example.org", second)]
    assert find_superseded(apps) == {"m1#0": "m2#0"}


def test_three_versions_all_point_at_the_latest() -> None:
    apps = [
        ("m3#0", LATEST, "a@example.org", good_fields(project_name="长江中游城市群智能传感学术研讨会（修改稿）")),
        ("m1#0", ON_TIME, "a@example.org", good_fields()),
        ("m2#0", LATER, "a@example.org", good_fields()),
    ]
    assert find_superseded(apps) == {"m1#0": "m3#0", "m2#0": "m3#0"}


def test_two_projects_of_one_unit_in_one_mail_are_not_resends() -> None:
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields()),
        ("m1#1", ON_TIME, "a@example.org", good_fields()),
    ]
    assert find_superseded(apps) == {}


def test_different_projects_of_one_unit_in_two_mails_are_not_resends() -> None:
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields(project_name="第3届湘江智慧公路高端学术论坛")),
        ("m2#0", LATER, "a@example.org", good_fields(project_name="智慧公路技术创新与产业发展高端论坛")),
    ]
    assert find_superseded(apps) == {}


def test_same_project_name_from_two_units_is_not_a_resend() -> None:
    name = "麻阳苗族自治县冰糖橙产业乡村振兴学会服务站建设"
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields(project_name=name, applicant_org="湖南省化学化工学会")),
        ("m2#0", LATER, "b@example.org", good_fields(project_name=name, applicant_org="湖南省汽车工程学会")),
    ]
    assert find_superseded(apps) == {}


def test_renamed_project_resent_with_a_correction_subject_by_the_same_sender() -> None:
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields(project_name="智能传感研讨会"), "传感器学会申报"),
        ("m2#0", LATER, "A@example.org", good_fields(project_name="长江中游城市群智能传感前沿论坛"),
         "传感器学会申报（更正版，以此为准）"),
    ]
    assert find_superseded(apps) == {"m1#0": "m2#0"}
    plain = [apps[0], (*apps[1][:4], "传感器学会申报")]
    assert find_superseded(plain) == {}


def test_version_without_a_message_key_is_told_apart_by_sender_and_time() -> None:
    t = datetime(2024, 4, 20, 9, 0)
    apps = [("a", t, "x@example.org", good_fields()), ("b", t, "x@example.org", good_fields())]
    assert find_superseded(apps) == {}


def test_resend_words_in_subjects() -> None:
    assert looks_like_resend("Re: 重发：湖南省营养学会申报书（修改后）")
    assert not looks_like_resend("湖南省营养学会-学术交流项目申报")


def test_same_sender_same_project_with_an_unreadable_unit_is_a_resend() -> None:
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields(applicant_org=None)),
        ("m2#0", LATER, "a@example.org", good_fields()),
    ]
    assert find_superseded(apps) == {"m1#0": "m2#0"}


def test_one_units_two_projects_on_one_name_pattern_are_not_resends() -> None:
    # The same item twice, names differing only in their subject (白茶 / 槟榔): two projects.
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields(project_name="湖南省白茶产业科技创新联盟建设")),
        ("m2#0", LATER, "b@example.org", good_fields(project_name="湖南省槟榔产业科技创新联盟建设")),
    ]
    assert find_superseded(apps) == {}


def test_a_corrected_numeral_or_typo_in_the_name_is_still_a_resend() -> None:
    apps = [
        ("m1#0", ON_TIME, "a@example.org", good_fields(project_name="第6届湖南数学学术研讨会")),
        ("m2#0", LATER, "a@example.org", good_fields(project_name="第七届湖南数学学术研讨会")),
    ]
    assert find_superseded(apps) == {"m1#0": "m2#0"}


def test_forms_left_with_the_templates_placeholders_are_not_one_application() -> None:
    """Two units that both sent the template's example (湖南省××学会, 张××) sent two applications."""
    example = good_fields(project_name="2024年湖南省××学会学术年会", applicant_org="湖南省××学会")
    apps = [("m1#0", ON_TIME, "a@example.org", example), ("m2#0", LATER, "b@example.org", example)]
    assert find_superseded(apps) == {}
    # The same unit resending its own form is still a resend.
    real = good_fields()
    apps = [("m1#0", ON_TIME, "a@example.org", real), ("m2#0", LATER, "b@example.org", real)]
    assert find_superseded(apps) == {"m1#0": "m2#0"}


def test_a_university_and_its_kexie_naming_one_project_are_one_application() -> None:
    # One version read the unit without its 科协 (长沙理工大学), the corrected resend names it whole.
    first = good_fields(applicant_org="长沙理工大学", project_name="2024年湖南省标准化高峰论坛", subcategory=None)
    second = good_fields(applicant_org="长沙理工大学科学技术协会", project_name="2024年湖南省标准化高峰论坛",
                         subcategory=None)
    # From one address …
    assert find_superseded([("m1#0", ON_TIME, "hzf@126.com", first), ("m2#0", LATER, "hzf@126.com", second)]) == {
        "m1#0": "m2#0"}
    # … or from two.
    assert find_superseded([("m1#0", ON_TIME, "a@126.com", first), ("m2#0", LATER, "b@126.com", second)]) == {
        "m1#0": "m2#0"}
    # Another university's 科协 with the same project name is another application.
    other = good_fields(applicant_org="湖南大学科学技术协会", project_name="2024年湖南省标准化高峰论坛", subcategory=None)
    assert find_superseded([("m1#0", ON_TIME, "a@126.com", first), ("m2#0", LATER, "b@126.com", other)]) == {}


def test_a_unit_read_with_notes_in_brackets_is_the_same_unit() -> None:
    # The resend's unit read with its office and a cut former name: the same unit, one project.
    first = good_fields(applicant_org="湖南省土壤肥料学会", project_name="高质量发展与土壤肥料创新发展学术研讨会")
    second = good_fields(applicant_org="湖南省土壤肥料学会（秘书处）（原名：湖南", project_name="高质量发展与土壤肥料创新发展学术研讨会")
    assert find_superseded([("m1#0", ON_TIME, "a@sohu.com", first), ("m2#0", LATER, "a@sohu.com", second)]) == {
        "m1#0": "m2#0"}


def test_names_whose_numbers_differ_are_two_projects_not_a_resend() -> None:
    for a, b in (("浏阳市科普进社区系列讲座1", "浏阳市科普进社区系列讲座2"),
                 ("第十二届湖南省统计学术年会", "第十三届湖南省统计学术年会")):
        apps = [("m1#0", ON_TIME, "a@126.com", good_fields(project_name=a)),
                ("m2#0", LATER, "a@126.com", good_fields(project_name=b))]
        assert find_superseded(apps) == {}
    # The same numbers (a corrected word elsewhere): a resend still.
    apps = [("m1#0", ON_TIME, "a@126.com", good_fields(project_name="第十二届湖南省统计学术年会")),
            ("m2#0", LATER, "a@126.com", good_fields(project_name="第十二届湖南省统计学术研讨年会"))]
    assert find_superseded(apps) == {"m1#0": "m2#0"}

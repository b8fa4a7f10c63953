"""doctext_to_form: the contract's fields from each layout the office receives."""

from __future__ import annotations

import pytest

from shenbao.extractors.fields import (
    choose_option,
    doctext_to_form,
    form_score,
    strip_boilerplate,
    unboxed_option,
)
from shenbao.extractors.labels import load_labels
from shenbao.record import ExtractedForm
from shenbao.extractors.pdf_reader import pdf_to_doctext
from tests.builders.pdf_quirks import pdf_from, text_page
from tests.extractors import formdocs as f


def read(doc: object) -> ExtractedForm:
    form = doctext_to_form(doc)  # type: ignore[arg-type]
    assert form is not None
    return form


def test_l01_grid_of_four_columns_gives_every_field() -> None:
    form = read(f.l01_grid4())
    assert form.fields.model_dump() == {
        "project_name": "第3届湘江机器人技术高端学术论坛",
        "category": "科技创新服务能力建设项目",
        "subcategory": "学术交流",
        "applicant_org": "湖南省自动化学会",
        "applicant_type": "省级学会",
        "lead_org": None,
        "partner_orgs": (),
        "leader_name": "覃湘宁",
        "leader_phone": "19904908035",
        "contact_name": "李四",
        "contact_phone": "0731-85821051",
        "contact_email": "hnyzfgn@foxmail.com",
        "funding_wan": 5.0,
        "start_date": "2024-04",
        "end_date": "2024-11",
    }
    assert form.evidence["funding_wan"].text == "申请经费（万元）：5"
    assert form.evidence["funding_wan"].where == "第20行第2列"
    assert form.low_confidence == ()


def test_l01_opinion_boxes_lose_template_text_and_empty_city_box_is_empty() -> None:
    facts = read(f.l01_grid4()).facts
    assert facts.approval_text == "经本会第七届理事会第二次会议审议通过，同意申报。\n2024年4月25日"
    assert facts.city_review_text == ""
    assert facts.budget_total_wan == 5.0
    assert "岳阳" in facts.content_text and "参会人数" in facts.content_text
    assert facts.is_joint is False


def test_l02_spaced_labels_and_spaced_names_are_read() -> None:
    form = read(f.l02_spaced())
    assert form.fields.applicant_org == "湖南工程学院科学技术协会"
    assert form.fields.applicant_type == "高校科协"
    assert form.fields.leader_name == "蔡桂英"
    assert form.fields.leader_phone == "13575492473"
    assert form.fields.contact_phone == "0731-44772434"
    assert form.fields.funding_wan == 8.0
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05", "2024-12")


def test_l03_inline_colon_without_type_field_infers_type_from_the_unit_name() -> None:
    form = read(f.l03_inline())
    assert form.fields.subcategory == "科技创新联盟建设"
    assert form.fields.applicant_org == "湖南省检验检测学会"
    assert form.fields.applicant_type == "省级学会"
    assert form.fields.leader_phone == "18788182977"
    assert form.fields.contact_name == "钟平"
    assert form.fields.contact_email == "2701772604@qq.com"
    assert form.fields.funding_wan == 25.0
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05-20", "2024-10-31")
    assert any("单位名称" in n for n in form.notes)


@pytest.mark.parametrize(
    ("org", "expected"),
    [("长沙市科学技术协会", "市州科协"), ("中南大学科协", "高校科协"),
     ("长沙经济技术开发区（星沙产业基地）科协", "企业（园区）科协"), ("湖南省企业科协联合会", "省级学会"),
     ("某某科技有限公司", None)],
)
def test_type_is_inferred_only_when_the_name_settles_it(org: str, expected: str | None) -> None:
    doc = f.doc("一、基本信息", (f"项目名称：某某项目",), (f"申报单位：{org}",), ("项目负责人：张三",),
                ("申请经费：5万元",))
    assert read(doc).fields.applicant_type == expected


def test_l04_vertical_with_tick_paren_checkboxes_and_amount_in_words() -> None:
    form = read(f.l04_vertical(
        "科技创新服务能力建设项目：\n学术交流（√）  科技创新联盟建设（  ）  学会服务站建设（  ）",
        "省级学会（√）  市州科协（  ）  高校科协（  ）",
    ))
    assert form.fields.subcategory == "学术交流"
    assert form.fields.category == "科技创新服务能力建设项目"
    assert form.fields.applicant_type == "省级学会"
    assert form.fields.leader_name == "崔湘宁"
    assert form.fields.leader_phone == "18607529085"
    assert form.fields.contact_name == "王五"
    assert form.fields.contact_phone == "0731-43962335"
    assert form.fields.contact_email == "1740390375@qq.com"
    assert form.fields.funding_wan == 8.0
    assert form.facts.budget_total_wan == 8.0  # 80000 in a 金额（元） column


def test_l04_text_only_category_names_the_chosen_item() -> None:
    form = read(f.l04_vertical("科技创新服务能力建设项目—学会服务站建设", "省级学会", funding="陆万元整"))
    assert form.fields.subcategory == "学会服务站建设"
    assert form.fields.applicant_type == "省级学会"
    assert form.fields.funding_wan == 6.0
    # 6 万 requested against an 8 万 budget: kept, but a person must look.
    assert "funding_wan" in form.low_confidence
    assert any("不一致" in n for n in form.notes)


def test_l05_requested_funding_is_not_the_project_total_nor_self_raised() -> None:
    form = read(f.l05_grid6())
    assert form.fields.funding_wan == 8.0
    assert form.facts.total_funding_wan == 11.0
    assert form.facts.budget_total_wan == 8.0
    assert form.fields.applicant_type == "省级学会"
    assert form.fields.subcategory == "学术交流"
    assert form.fields.leader_name == "梁永红"
    assert form.fields.leader_phone == "18626463939"
    assert form.fields.contact_phone == "17348287371"
    assert form.fields.contact_email == "hnprq@hnast.org.cn"
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05-01", "2024-12-31")


def test_l06_nested_tables_give_people_and_joint_roles() -> None:
    form = read(f.l06_nested())
    assert form.fields.leader_name == "汪春生"
    assert form.fields.contact_name == "蔡建湘"
    assert form.fields.contact_email == "1942064260@qq.com"
    assert form.fields.applicant_org == "湖南省核学会"
    assert form.fields.lead_org == "湖南省核学会"
    assert form.fields.partner_orgs == ("湖南省岩石力学与工程学会", "湖南省机械工程学会")
    assert form.facts.is_joint is True
    assert form.fields.funding_wan == 8.0


def test_l06_without_joint_units_is_not_joint() -> None:
    form = read(f.l06_nested(joint=False))
    assert form.facts.is_joint is False
    assert form.fields.lead_org is None and form.fields.partner_orgs == ()


def test_joint_units_without_roles_leave_lead_org_empty() -> None:
    doc = f.doc("一、基本情况", ("项目名称",), ("某服务站建设",), ("申报单位",), ("湖南省地质学会、湖南省护理学会",),
                ("项目负责人",), ("姓名：陶超　　手机：15843382019",), ("申请经费",), ("￥60,000.00",),
                ("联合申报单位",), ("湖南省地质学会、湖南省护理学会",))
    form = read(doc)
    assert form.fields.applicant_org == "湖南省地质学会"
    assert form.fields.lead_org is None
    assert form.fields.partner_orgs == ("湖南省护理学会",)
    assert form.facts.is_joint is True


def test_lead_and_partner_labels_set_applicant_to_the_lead() -> None:
    doc = f.doc("一、基本情况", ("项目名称：某论坛",), ("申报单位：湖南省甲学会、湖南省乙学会",),
                ("牵头单位：湖南省乙学会", "参与单位：湖南省甲学会，湖南省丙学会"), ("项目负责人：张三",),
                ("申请经费：5万元",))
    form = read(doc)
    assert form.fields.lead_org == "湖南省乙学会"
    assert form.fields.applicant_org == "湖南省乙学会"
    assert form.fields.partner_orgs == ("湖南省甲学会", "湖南省丙学会")


def test_ocr_merged_pairs_are_read_and_marked_low_confidence() -> None:
    doc = f.doc(*f.lines("项目名称：某某学术年会", "申报单位：湖南省某学会",
                         "负责人：张三联系电话：13800000000", "申请经费：8万元项目周期：2024.03-2024.12",
                         source="ocr"), ocr=True)
    form = read(doc)
    assert form.fields.leader_name == "张三"
    assert form.fields.leader_phone == "13800000000"
    assert form.fields.funding_wan == 8.0
    assert (form.fields.start_date, form.fields.end_date) == ("2024-03", "2024-12")
    assert {"leader_name", "leader_phone", "funding_wan"} <= set(form.low_confidence)
    assert form.evidence["leader_phone"].confidence < 1.0


def test_cover_page_is_the_fallback_and_a_disagreement_is_noted() -> None:
    doc = f.doc("项目名称：旧名称论坛", "申报单位（盖章）：湖南省某学会", "项目负责人：张三", "联系电话：13800000000",
                "一、基本情况", ("项目名称", "新名称论坛"), ("申请经费", "5"), ("起止时间", "2024.03-2024.12"))
    form = read(doc)
    assert form.fields.project_name == "新名称论坛"
    assert form.fields.applicant_org == "湖南省某学会"
    assert form.fields.leader_phone == "13800000000"
    assert "project_name" in form.low_confidence
    assert any("封面" in n for n in form.notes)


def test_a_field_the_form_leaves_blank_is_none() -> None:
    doc = f.doc("一、基本情况", ("项目名称", "某论坛"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"),
                ("申请经费", ""), ("起止时间", "待定"), ("项目类别", "☐学术交流  ☐学会服务站建设"))
    form = read(doc)
    assert form.fields.funding_wan is None
    assert form.fields.start_date is None and form.fields.end_date is None
    assert form.fields.subcategory is None and form.fields.category is None
    assert "funding_wan" not in form.evidence


def test_two_ticked_items_are_not_chosen_for_the_form() -> None:
    doc = f.doc("一、基本情况", ("项目名称", "某论坛"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"),
                ("项目类别", "☑学术交流  ☑学会服务站建设"), ("申请经费", "5"))
    form = read(doc)
    assert form.fields.subcategory is None
    assert any("多项" in n for n in form.notes)


def test_a_filled_city_review_box_is_kept() -> None:
    doc = f.doc("一、基本情况", ("项目名称", "某论坛"), ("申报单位", "某科技有限公司科协"), ("项目负责人", "张三"),
                ("申请经费", "5"), "六、市州科协审核意见",
                ("（企业（园区）科协、其他单位须经所在市州科协审核）\n经审核，同意推荐。\n市州科协（盖章）\n2024年4月18日",))
    assert read(doc).facts.city_review_text == "经审核，同意推荐。\n2024年4月18日"


@pytest.mark.parametrize(
    "rows",
    [
        ("专家名单", "拟邀请专家名单（排名不分先后）", "张院士（中国工程院院士）", "李教授（湖南大学）"),
        ("理事会决议", "经理事会审议，同意申报2024年度湖南省科协科技创新服务能力提升计划项目。", "特此决议。"),
        ("会议方案", "一、会议主题", "二、会议时间和地点：拟于2024年下半年在长沙召开。", "四、日程安排：开幕式。"),
        ("服务站建设方案", "一、建设目标", "二、专家团队组成：建立10人以上专家团队。"),
    ],
)
def test_an_attachment_that_is_not_a_form_gives_none(rows: tuple[str, ...]) -> None:
    doc = f.doc(*rows)
    assert doctext_to_form(doc) is None
    assert form_score(doc) < 0.5


def test_a_complete_form_scores_higher_than_a_cover_page_alone() -> None:
    cover_only = f.doc(*f.COVER, "项目名称：某论坛", "申报单位（盖章）：湖南省某学会")
    assert form_score(f.l01_grid4()) == 1.0
    assert form_score(cover_only) < form_score(f.l01_grid4())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("■学术交流  □科技创新联盟建设", "学术交流"),
        ("□学术交流  √学会服务站建设", "学会服务站建设"),
        ("□学术交流  ✓学会服务站建设", "学会服务站建设"),
        ("☐学术交流 ☒“科创中国”试点城市建设", "“科创中国”试点城市建设"),
        ("□√学术交流  □学会服务站建设", "学术交流"),
        ("学术交流（  ）  学会制度机制建设（√）", "学会制度机制建设"),
        ("学术交流(✓)  学会服务站建设( )", "学术交流"),
        ("学会服务站建设", "学会服务站建设"),
        ("□学术交流  □学会服务站建设", None),
    ],
)
def test_every_checkbox_style_gives_the_chosen_item(text: str, expected: str | None) -> None:
    assert choose_option(text, load_labels().items)[0] == expected


def test_boilerplate_only_box_is_empty() -> None:
    box = "（企业（园区）科协、其他单位须经所在市州科协审核）\n\n市州科协（盖章）\n年　　月　　日"
    assert strip_boilerplate(box, load_labels()) == ""
    assert strip_boilerplate("市州科协（盖章）  年 月 日", load_labels()) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☐学术交流 ☐科技创新联盟建设 ☐“科创中国”湖南中心建设与运营学会服务站建设", "学会服务站建设"),
        ("学术交流（ ）  学会服务站建设  学会制度机制建设（ ）", "学会服务站建设"),
        ("☐学术交流 ☐学会服务站建设", None),
        ("学会服务站建设", None),
    ],
)
def test_checklist_with_one_box_missing_points_at_that_option(text: str, expected: str | None) -> None:
    assert unboxed_option(text, load_labels().items) == expected


def test_an_option_read_from_a_missing_box_is_kept_but_doubted() -> None:
    doc = f.doc("一、基本情况", ("项目名称", "某论坛"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"),
                ("项目类别", "☐学术交流 ☐科技创新联盟建设 学会服务站建设"), ("申请经费", "5"),
                ("单位性质", "省级学会 ☐市州科协 ☐高校科协"))
    form = read(doc)
    assert form.fields.subcategory == "学会服务站建设"
    assert form.fields.applicant_type == "省级学会"
    assert {"subcategory", "category", "applicant_type"} <= set(form.low_confidence)


def test_a_checklist_spread_over_several_cells_is_read_whole() -> None:
    doc = f.doc("一、基本情况", ("项目名称", "某论坛"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"),
                ("项目类别", "科技创新服务能力建设项目：", "☐学术交流☑学会服务站建设"), ("申请经费", "5"))
    assert read(doc).fields.subcategory == "学会服务站建设"


def test_instructions_without_a_following_heading_end_at_the_first_table_row() -> None:
    doc = f.doc(*f.NOTES, ("项目名称", "某论坛"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"),
                ("申请经费", "5"))
    form = read(doc)
    assert (form.fields.project_name, form.fields.funding_wan) == ("某论坛", 5.0)


def test_joint_units_with_role_notes_in_one_cell() -> None:
    doc = f.doc("一、基本情况", ("项目名称：某论坛",), ("申报单位：湖南省甲学会",), ("项目负责人：张三",),
                ("申请经费：5万元",), ("是否联合申报", "☑是  ☐否"),
                ("联合申报单位", "湖南省甲学会（牵头）、湖南省乙学会（参与）、湖南省丙学会"))
    form = read(doc)
    assert form.fields.lead_org == "湖南省甲学会"
    assert form.fields.applicant_org == "湖南省甲学会"
    assert form.fields.partner_orgs == ("湖南省乙学会", "湖南省丙学会")
    assert form.facts.is_joint is True


def test_a_joint_line_under_the_unit_line_names_the_roles_and_joins_no_unit() -> None:
    """联合申报：牵头单位：…；参与单位：… on the line after 申报单位 in a text PDF typed as lines:
    the line is the joint units' own, not more of the applicant's name."""
    lines = ["一、基本情况", "项目名称：某论坛", "申报单位：张家界市科协(公章)",
             "联合申报：牵头单位：张家界市科协；参与单位：湖南省质量管理学会、湖南省金属学会",
             "项目负责人：张三", "申请经费：5万元"]
    form = doctext_to_form(pdf_to_doctext(pdf_from([text_page(lines)]), "申报书.pdf", "sha"))
    assert form is not None
    assert (form.fields.applicant_org, form.fields.lead_org) == ("张家界市科协", "张家界市科协")
    assert form.fields.partner_orgs == ("湖南省质量管理学会", "湖南省金属学会")


def test_the_unit_cell_read_as_the_leads_tail_is_the_lead_not_a_partner() -> None:
    """A scan split 怀化学院 | 科学技术协会（盖章） over two lines and the unit cell gave the
    tail alone: the lead the joint line names ends with it, so it is the lead, no partner."""
    doc = f.doc("一、基本情况", ("项目名称：某论坛",), ("申报单位：科学技术协会（盖章）",),
                ("联合申报：牵头单位：怀化学院科学技术协会；参与单位：湖南省湖泊学会、湖南省地球物理学会",),
                ("项目负责人：张三",), ("申请经费：5万元",))
    form = read(doc)
    assert (form.fields.applicant_org, form.fields.lead_org) == ("怀化学院科学技术协会", "怀化学院科学技术协会")
    assert form.fields.partner_orgs == ("湖南省湖泊学会", "湖南省地球物理学会")
    # A unit cell naming another whole unit than the lead still lists it.
    doc = f.doc("一、基本情况", ("项目名称：某论坛",), ("申报单位：湖南省甲学会",),
                ("联合申报：牵头单位：湖南省乙学会；参与单位：湖南省丙学会",), ("项目负责人：张三",), ("申请经费：5万元",))
    assert read(doc).fields.partner_orgs == ("湖南省丙学会", "湖南省甲学会")


def test_a_form_that_answers_no_to_joint_and_lists_nothing_is_single() -> None:
    doc = f.doc("一、基本情况", ("项目名称：某论坛",), ("申报单位：湖南省甲学会",), ("项目负责人：张三",),
                ("申请经费：5万元",), ("是否联合申报", "☐是  ☑否"), ("联合申报单位", "无"))
    form = read(doc)
    assert form.facts.is_joint is False
    assert (form.fields.lead_org, form.fields.partner_orgs) == (None, ())


def test_ocr_split_blank_date_and_signature_scrawl_leave_the_city_box_empty() -> None:
    box = "（企业（园区）科协、其他单位须经所在市州科协审核）\n市州科协（盖章）\n年 月\n日\n单位负责人（签字）：wM"
    assert strip_boilerplate(box, load_labels()) == ""


def test_a_cover_name_cut_by_a_line_wrap_agrees_with_the_table() -> None:
    doc = f.doc("项目名称：湖南省全民营养健康学术发展蓝皮书（2024）编", "一、基本情况",
                ("项目名称", "湖南省全民营养健康学术发展蓝皮书（2024）编制与发布"), ("申报单位", "湖南省营养学会"),
                ("项目负责人", "张三"), ("申请经费", "5"))
    form = read(doc)
    assert form.fields.project_name == "湖南省全民营养健康学术发展蓝皮书（2024）编制与发布"
    assert "project_name" not in form.low_confidence and not any("封面" in n for n in form.notes)
    assert all("没有找到" in form.doubts[f] for f in form.low_confidence)  # rows this form lacks


def _with_choices(items: str, types: str) -> ExtractedForm:
    return read(f.doc(
        *f.COVER, "一、基本情况",
        ("项目名称", "第3届湘江机器人技术高端学术论坛"), ("项目类别", items),
        ("申报单位", "湖南省自动化学会"), ("单位类型", types),
        ("项目负责人", "覃湘宁", "负责人手机", "19904908035"),
        ("申请经费（万元）", "5", "起止时间", "2024-04～2024-11"),
        *f.TAIL, *f.budget(), *f.APPROVAL))


def test_an_option_row_whose_list_was_not_read_is_doubted_not_missing() -> None:
    # The category's heading alone (the options on lines the reader did not join), and a
    # type in the unit's own words: the choice is on the form, unread.
    form = _with_choices("科技创新服务能力建设项目：", "事业单位")
    assert form.fields.subcategory is None and form.fields.applicant_type is None
    assert {"subcategory", "applicant_type"} <= set(form.facts.unread)
    assert "只读到“科技创新服务能力建设项目：”" in form.doubts["subcategory"]
    assert "只读到“事业单位”" in form.doubts["applicant_type"]
    assert form.evidence["subcategory"].text.startswith("项目类别")


def test_a_listed_choice_with_nothing_ticked_stays_missing() -> None:
    form = _with_choices(f.ITEMS_GLYPH.format(a="□", b="□", c="□"), f.TYPES_GLYPH.format(a="□", b="□", c="□"))
    assert form.fields.subcategory is None and form.fields.applicant_type is None
    assert not {"subcategory", "applicant_type"} & set(form.facts.unread)
    blank = _with_choices("", "")  # cells left blank on a typed form: missing, for the sender to fill in
    assert not {"subcategory", "applicant_type"} & set(blank.facts.unread)


def test_the_evidence_of_a_label_typed_with_its_colon_shows_one_colon() -> None:
    form = read(f.doc(*f.COVER, "一、基本情况", *f.lines("项目名称：湘江流域生态修复学术研讨会", "申报单位：湖南省生态学学会",
                                                      "项目负责人：李军", "申请经费：6万元", "起止时间：2024年5月至11月")))
    assert form.evidence["project_name"].text == "项目名称：湘江流域生态修复学术研讨会"
    assert form.evidence["funding_wan"].text == "申请经费：6万元"

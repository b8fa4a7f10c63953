"""A form written as sentences with its blanks in brackets (我单位（某学会）现申报……项目名称为
（某论坛），申请省科协资助经费（5万元）……): each bracket's text is read as the value of the label
before it, a bracket cut by the line's end included; a template's label units in brackets
(申请经费（万元）) are no blanks."""

from __future__ import annotations

import hashlib

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.extractors.readers import read_document
from tests.builders.pdf_quirks import pdf_from, text_page
from tests.extractors import formdocs as f

LETTER = [
    "一、项目基本情况",
    "我单位（湖南省",
    "力学学会）现申报2024年度湖南省科协科技创新服务能力提升计划项目，项目名称为（湖南省米粉",
    "产业科技创新联盟建设），申请省科协资助经费（210，000元），项目实施期限为",
    "（2024年6月1日至2024年9月30日）。",
    "项目负责人（蒋思琪（主任）），手机（171-8226-0822）；项目联系人",
    "（曾艳），联系电话（0731-85821051），电子邮箱（eiuu8391@aliyun.com）。",
    "申报单位类型（在对应选项前标记）：",
    "☑省级学会 □市州科协 □高校科协 □企业（园区）科协 □民非组织 □其他",
    "申报项目类别（限选一项）：",
    "科技创新服务能力建设项目：",
    "□学术交流 ☑科技创新联盟建设 □学会服务站建设",
]


def test_each_bracket_is_the_value_of_the_label_before_it_in_a_text_pdf() -> None:
    data = pdf_from([text_page(LETTER, size=10)])
    doc = read_document(data, "申报书.pdf", "pdf", hashlib.sha256(data).hexdigest())
    score, form = score_and_form(doc)
    assert form is not None
    got = form.fields
    assert (got.applicant_org, got.project_name, got.funding_wan, got.start_date, got.end_date) == (
        "湖南省力学学会", "湖南省米粉产业科技创新联盟建设", 21.0, "2024-06-01", "2024-09-30")
    assert (got.leader_name, got.leader_phone, got.contact_name, got.contact_phone, got.contact_email) == (
        "蒋思琪", "17182260822", "曾艳", "0731-85821051", "eiuu8391@aliyun.com")
    # A label's hint in brackets ends the option list above it: the item is read, not swallowed.
    assert (got.applicant_type, got.subcategory) == ("省级学会", "科技创新联盟建设")


def test_brackets_are_read_only_in_a_text_that_has_several_and_never_over_a_labels_pair() -> None:
    labels = load_labels()
    # Two brackets after labels are no sentence form: 申请经费（万元） is the label's unit.
    doc = f.doc(*f.lines("项目名称：某某论坛", "申请经费（万元）：5", "项目负责人（签字）：张三"))
    assert [(p.field, p.value_text) for p in rows_to_pairs(doc, labels)] == [
        ("project_name", "某某论坛"), ("funding", "5"), ("leader_name", "张三")]
    # With three blanks, a field a labelled pair already gave keeps that pair's value.
    doc = f.doc(*f.lines("项目名称：某某论坛", "单位类型：省级学会", "项目负责人（张三），手机（13800000000），我单位（湖南省某学会）申报项目名称为（另一个论坛）"))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, labels)}
    assert pairs["project_name"] == "某某论坛"
    assert (pairs["applicant_org"], pairs["leader_name"], pairs["leader_phone"]) == (
        "湖南省某学会", "张三", "13800000000")


def test_one_bracket_after_a_label_is_no_blank() -> None:
    # 电子邮箱（必填）： is how a template asks, not what a sender typed.
    doc = f.doc(*f.lines("项目名称：某某论坛", "电子邮箱（必填）：", "项目负责人：张三"))
    assert "必填" not in [p.value_text for p in rows_to_pairs(doc, load_labels())]


def test_a_labels_hint_before_its_colon_is_no_blank() -> None:
    # A numbered form whose labels carry hints: 项目名称（不超过30字）： | (请填写项目全称) 某论坛.
    doc = f.doc(("1", "项目名称（不超过30字）：", "(请填写项目全称)湖南省储能青年科学家论坛"),
                ("2", "申报单位（全称，与公章一致）：", "郴州高新技术产业开发区科协"),
                ("3", "项目负责人（姓名）：", "毛新民"), ("4", "负责人手机（必填）：", "13900000000"),
                source="ocr", ocr=True)
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs.get("applicant_org") == "郴州高新技术产业开发区科协"
    assert "湖南省储能青年科学家论坛" in pairs.get("project_name", "")


def test_a_bracket_the_value_goes_on_from_stays_the_pairs_own() -> None:
    # （ A ） is the letter of an option listed below it: the list is needed to read it.
    doc = f.doc("（一）项目名称", "人工智能赋能与预防医学创新发展学术交流会", "（二）项目类别", "（ A ）",
                "科技创新服务能力建设项目：A.学术交流 B.科技创新联盟建设 C.学会服务站建设",
                "项目负责人（张三），手机（13800000000），我单位（湖南省预防医学会）")
    form = score_and_form(doc)[1]
    assert form is not None and form.fields.subcategory == "学术交流"


def test_only_the_funding_asked_for_is_the_funding() -> None:
    # 项目总经费 is the total, 自筹经费 the unit's own share: the 申请…经费 bracket is the value.
    line = "我单位（湖南省某学会）现申报，项目名称为（某论坛），项目总经费（10万元），其中申请省科协资助经费（5万元），自筹经费（5万元）。"
    pairs = {p.field: p.value_text for p in rows_to_pairs(f.doc(*f.lines(line)), load_labels())}
    assert pairs["funding"] == "5万元" and pairs["total_funding"] == "10万元"
    # Other costs in brackets are no funding at all.
    line = "我单位（湖南省某学会）现申报，项目名称为（某论坛），会议经费（2万元），差旅经费（1万元）。"
    assert "funding" not in {p.field for p in rows_to_pairs(f.doc(*f.lines(line)), load_labels())}

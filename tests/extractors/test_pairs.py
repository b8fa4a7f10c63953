"""rows_to_pairs: which label each piece of text stands next to, in every layout."""

from __future__ import annotations

import pytest

from shenbao.extractors.labels import LabelsError, load_labels, labels_from_toml
from shenbao.execution import run_isolated
from shenbao.extractors.pairs import LabelledPair, _matcher, heading_section, match_form, rows_to_pairs
from shenbao.record import Cell, DocText, Row
from tests.extractors import formdocs as f


def values(pairs: list[LabelledPair], field: str, section: str | None = None) -> list[str]:
    return [p.value_text for p in pairs if p.field == field and (section is None or p.section == section)]


def test_label_cell_and_value_cell_pair_up_two_per_row() -> None:
    pairs = rows_to_pairs(f.l01_grid4(), load_labels())
    assert values(pairs, "leader_name", "basic") == ["覃湘宁"]
    assert values(pairs, "leader_phone", "basic") == ["19904908035"]
    assert values(pairs, "contact_name", "basic") == ["李四"]
    assert values(pairs, "contact_phone", "basic") == ["0731-85821051"]
    assert values(pairs, "contact_email") == ["hnyzfgn@foxmail.com"]
    funding = [p for p in pairs if p.field == "funding"]
    assert [(p.raw_label, p.value_text, p.where) for p in funding] == [("申请经费（万元）", "5", "第20行第2列")]


def test_cover_page_pairs_are_marked_cover_and_its_phone_is_the_leaders() -> None:
    pairs = rows_to_pairs(f.l01_grid4(), load_labels())
    assert values(pairs, "project_name", "cover") == ["第3届湘江机器人技术高端学术论坛"]
    assert values(pairs, "leader_phone", "cover") == ["19904908035"]
    assert values(pairs, "applicant_org", "cover") == ["湖南省自动化学会"]


def test_spaced_labels_with_spaced_units_are_matched() -> None:
    pairs = rows_to_pairs(f.l02_spaced(), load_labels())
    funding = [p for p in pairs if p.field == "funding"]
    assert [(p.value_text, p.section) for p in funding] == [("8.0", "basic")]
    assert "万元" in funding[0].raw_label
    assert values(pairs, "period") == ["2024年5月—2024年12月"]


def test_instructions_do_not_yield_pairs() -> None:
    pairs = rows_to_pairs(f.l01_grid4(), load_labels())
    assert not [p for p in pairs if "精确到" in p.value_text or "联合申报" in p.value_text]


def test_several_label_colon_value_pairs_in_one_cell_are_split_at_known_labels() -> None:
    pairs = rows_to_pairs(f.l04_vertical("☑学术交流", "☑省级学会"), load_labels())
    assert values(pairs, "leader_name") == ["", "崔　湘宁"]  # outer label, then 姓名 inside
    assert values(pairs, "leader_phone") == ["18607529085"]
    assert values(pairs, "contact_name")[-1] == "王五"
    assert values(pairs, "contact_phone") == ["0731-43962335"]
    assert values(pairs, "contact_email") == ["1740390375@qq.com"]


def test_ocr_box_that_merged_two_pairs_is_split_without_whitespace() -> None:
    doc = f.doc(*f.lines("负责人：张三联系电话：13800000000", "申请经费：8万元项目周期：2024.03-2024.12",
                         source="ocr"), ocr=True)
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("leader_name", "张三"), ("leader_phone", "13800000000"),
        ("funding", "8万元"), ("period", "2024.03-2024.12"),
    ]
    assert all(p.confidence < 1.0 for p in pairs)


def test_pdf_line_with_label_space_value_pairs_and_wrapped_continuation() -> None:
    doc = f.doc(*f.lines("申请经费 6万元 起止时间 2024年3月—2024年12", "月", "项目名称 某某论坛"))
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("funding", "6万元"), ("period", "2024年3月—2024年12\n月"), ("project_name", "某某论坛"),
    ]


def test_the_documents_first_pair_is_continued_by_its_wrapped_line_too() -> None:
    # The first pair has index 0: a wrap must extend it like any later pair.
    doc = f.doc(*f.lines("项目名称：__第14届", "湖南化学学术交流会________", "申报单位：湖南省化学化工学会"))
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("project_name", "第14届\n湖南化学学术交流会"), ("applicant_org", "湖南省化学化工学会")]


def test_a_labels_first_character_printed_against_the_value_before_goes_back_to_the_label() -> None:
    # A borderless grid's narrow 手机 cell: its 手 ends the name's chunk of the PDF line.
    doc = f.doc(("项目负责人：", "彭海燕手", "机：", "13465194980"), ("项目联系人：", "李平电", "话：", "0731-85821051"),
                source="line")
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("leader_name", "彭海燕"), ("leader_phone", "13465194980"),
        ("contact_name", "李平"), ("contact_phone", "0731-85821051")]
    # A value that only ends like a label's head keeps its character when the next cell is a value.
    doc = f.doc(("项目负责人：", "张手", "13465194980"), source="line")
    assert values(rows_to_pairs(doc, load_labels()), "leader_name") == ["张手"]


def test_a_caption_box_with_the_templates_prompt_before_the_value_is_no_decorated_label() -> None:
    doc = f.doc(("项目负责人\n（填写负责人姓名）欧阳湘君", "负责人手机\n13801297484"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["欧阳湘君"] and values(pairs, "leader_phone") == ["13801297484"]
    # A remark in brackets closing the label is still part of the label.
    doc = f.doc(("项目负责人（姓名）", "欧阳湘君"))
    assert values(rows_to_pairs(doc, load_labels()), "leader_name") == ["欧阳湘君"]


def test_label_text_inside_a_sentence_is_not_a_label() -> None:
    doc = f.doc(*f.lines("4.申请经费以万元为单位，精确到小数点后一位。"))
    assert rows_to_pairs(doc, load_labels()) == []


def test_row_of_labels_above_row_of_values_pairs_by_column() -> None:
    doc = f.doc(("项目名称", "申报单位"), ("某某论坛", "湖南省某学会"))
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [("project_name", "某某论坛"), ("applicant_org", "湖南省某学会")]


def test_people_table_maps_columns_for_each_person() -> None:
    pairs = rows_to_pairs(f.l06_nested(), load_labels())
    assert values(pairs, "leader_name") == ["汪春生"]
    assert values(pairs, "leader_phone") == ["13923834246"]
    assert values(pairs, "contact_phone") == ["0731-53217868"]
    assert values(pairs, "contact_email") == ["1942064260@qq.com"]


def test_joint_unit_table_gives_roles_not_labels() -> None:
    pairs = rows_to_pairs(f.l06_nested(), load_labels())
    assert values(pairs, "lead_org") == ["湖南省核学会"]
    assert values(pairs, "partner_orgs") == ["湖南省岩石力学与工程学会", "湖南省机械工程学会"]


def test_budget_table_gives_total_with_its_unit_and_hides_its_headers() -> None:
    pairs = rows_to_pairs(f.l05_grid6(), load_labels())
    total = [p for p in pairs if p.field == "budget_total"]
    assert [(p.raw_label, p.value_text) for p in total] == [("申请资助（万元）", "8")]
    # The budget header 申请资助（万元） is not a second 申请经费.
    assert values(pairs, "funding") == ["8"]
    assert values(pairs, "total_funding") == ["11"]
    assert values(pairs, "self_funding") == ["3"]


def test_opinion_boxes_and_content_are_emitted_as_text() -> None:
    pairs = rows_to_pairs(f.l01_grid4(), load_labels())
    assert "理事会" in values(pairs, "approval")[0]
    assert values(pairs, "city_review")[0].startswith("（企业（园区）科协")
    assert any("岳阳" in v for v in values(pairs, "content"))


@pytest.mark.parametrize(
    ("text", "section"),
    [("二、项目内容", "content"), ("三、预期目标与考核指标", "goals"), ("填 报 说 明", "notes"),
     ("一、项目基本信息", "basic"), ("六、市州科协审核意见", "city_review"),
     ("一、项目内容。按照申报指南要求，继续做好科技创新联盟建设相关工作。", None), ("项目名称", None)],
)
def test_headings_open_form_parts(text: str, section: str | None) -> None:
    assert heading_section(text, load_labels()) == section


def test_kangxi_radicals_and_full_width_forms_match_labels() -> None:
    assert match_form("⽇期：") == "日期:"
    doc = f.doc(*f.lines("申请经费（万元）：８", "项⽬名称：某某"))
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [("funding", "８"), ("project_name", "某某")]


def test_an_admin_synonym_in_the_label_file_is_read_without_code() -> None:
    text = """
[fields]
project_name = ["课题名称"]
[person]
name = ["姓名"]
phone = ["电话"]
email = ["邮箱"]
phone_default_leader = ["手机"]
[other]
labels = ["备注"]
[sections]
basic = ["基本情况"]
[boilerplate]
lines = ["盖章"]
[items]
"学术交流" = "科技创新服务能力建设项目"
[applicant_types]
names = ["省级学会"]
"""
    pairs = rows_to_pairs(f.doc(("课题名称", "某某研究")), labels_from_toml(text))
    assert [(p.field, p.value_text) for p in pairs] == [("project_name", "某某研究")]


def test_a_malformed_label_file_reports_every_problem_in_chinese() -> None:
    with pytest.raises(LabelsError) as err:
        labels_from_toml('[fields]\nnot_a_field = ["x"]\nproject_name = "单个"\n')
    assert len(err.value.problems) >= 3
    assert any("not_a_field" in p for p in err.value.problems)


def test_ocr_people_table_without_empty_cells_is_read_by_what_cells_hold() -> None:
    doc = f.doc(*f.lines("人员信息", source="ocr"),
                Row(cells=tuple(Cell(text=t, where="第1页") for t in ("姓名", "职务/职称", "电话", "电子邮箱")),
                      source="ocr"),
                Row(cells=tuple(Cell(text=t, where="第1页") for t in ("项目负责", "龙子涵", "常务副理", "19974574726")),
                      source="ocr"),
                Row(cells=tuple(Cell(text=t, where="第1页") for t in ("人", "事长")), source="ocr"),
                Row(cells=tuple(Cell(text=t, where="第1页") for t in ("联系人", "肖德华", "0731-", "2382555212@qq.co")),
                      source="ocr"),
                Row(cells=tuple(Cell(text=t, where="第1页") for t in ("33098374", "m")), source="ocr"),
                ocr=True)
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["龙子涵"]
    assert values(pairs, "leader_phone") == ["19974574726"]
    assert values(pairs, "contact_name") == ["肖德华"]
    assert values(pairs, "contact_phone") == ["0731-33098374"]
    assert values(pairs, "contact_email") == ["2382555212@qq.com"]


def test_a_label_whose_unit_wrapped_to_the_next_line_is_still_a_label() -> None:
    doc = f.doc(*f.lines("项目名称 某论坛"), Row(cells=(Cell(text="申请经费（万", where="a"), Cell(text="6", where="b")),
                                                  source="ocr"))
    assert values(rows_to_pairs(doc, load_labels()), "funding") == ["6"]


def test_merged_value_cells_repeated_by_the_reader_count_once() -> None:
    doc = f.doc(("项目类别", "☑学术交流 ☐学会服务站建设", "☑学术交流 ☐学会服务站建设"), ("项目名称", "某论坛", "某论坛"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "subcategory") == ["☑学术交流 ☐学会服务站建设"]
    assert values(pairs, "project_name") == ["某论坛"]


@pytest.mark.parametrize(
    ("label", "field"),
    [("项目负责人手机", "leader_phone"), ("项目负责人姓名", "leader_name"), ("联系电话/手机", "contact_phone"),
     ("电子邮箱（E-mail）", "contact_email"), ("项目名称（全称）", "project_name"),
     ("申请经费（万元，保留一位小数）", "funding")],
)
def test_label_cells_with_a_remark_or_a_second_label_are_labels(label: str, field: str) -> None:
    pairs = rows_to_pairs(f.doc(("联系人", "李四"), (label, "13800000000")), load_labels())
    assert (pairs[-1].field, pairs[-1].value_text) == (field, "13800000000")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("项目负责人：张三", [("leader_name", "张三")]), ("项目名称 某论坛", [("project_name", "某论坛")]),
     ("项目负责人张三", [])],
)
def test_a_label_followed_by_its_value_is_not_a_decorated_label(cell: str, expected: list[tuple[str, str]]) -> None:
    pairs = rows_to_pairs(f.doc((cell, "备用")), load_labels())
    assert [(p.field, p.value_text) for p in pairs] == expected


def test_an_empty_span_cell_between_label_and_value_is_skipped() -> None:
    pairs = rows_to_pairs(f.doc(("项目名称", "", "某论坛"), ("联系电话", "", "电子邮箱", "a@b.cn")), load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("project_name", "某论坛"), ("contact_phone", ""), ("contact_email", "a@b.cn"),
    ]


# ----------------------------------------------------------------- numbered items

def test_the_next_items_number_is_not_glued_onto_a_value_on_the_same_line() -> None:
    doc = f.doc(*f.lines("（一）项目名称：某某学术年会（二）申报单位：湖南省某学会", "二、申请经费：8万元"))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert pairs == [("project_name", "某某学术年会"), ("applicant_org", "湖南省某学会"), ("funding", "8万元")]


def test_a_line_opening_with_the_next_items_number_ends_the_value_above() -> None:
    doc = f.doc(*f.lines("（一）项目名称：某某学术年会", "（二）申报单位：湖南省某学会", "（三）", "项目负责人：张三",
                         "三、项目周期 2024.03-2024.12"))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert pairs == [("project_name", "某某学术年会"), ("applicant_org", "湖南省某学会"), ("leader_name", "张三"),
                     ("period", "2024.03-2024.12")]


def test_a_numbered_label_alone_on_its_line_takes_the_line_below() -> None:
    doc = f.doc(*f.lines("（一）项目名称", "某某学术年会", "（二）申报单位", "湖南省某学会", source="ocr"), ocr=True)
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert pairs == [("project_name", "某某学术年会"), ("applicant_org", "湖南省某学会")]


def test_a_bilingual_templates_english_is_neither_label_nor_value_in_ocr_rows() -> None:
    """OCR joins a label and its English (项目名称Project Title) and leaves English of its own in
    boxes and lines (Category | …, E-mail): the labels are read, the English never is a value."""
    doc = f.doc(("项目名称Project Title", "长株潭力学学术论坛"), ("申报单位 Applicant", "怀化学院科协"),
                ("联系电话Tel.", "172 2419 6785"), ("电子邮箱", "aqt5339@hnast.org.cn"), ("E-mail",),
                ("负责人手机", "Mobile", "189 8977 3881"), ocr=True, source="ocr")
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("project_name", "长株潭力学学术论坛"), ("applicant_org", "怀化学院科协"),
        ("contact_phone", "172 2419 6785"), ("contact_email", "aqt5339@hnast.org.cn"),
        ("leader_phone", "189 8977 3881"),
    ]


def test_a_translation_whose_words_ocr_ran_together_is_no_value() -> None:
    # ProjectTitle, JointApplicants: a scan's OCR lost the space between the words.
    doc = f.doc(("项目名称", "长株潭力学学术论坛"), ("ProjectTitle",), ("联合申报单位", "无"), ("JointApplicants",),
                ocr=True, source="ocr")
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert pairs == [("project_name", "长株潭力学学术论坛"), ("joint_orgs", "无")]


@pytest.mark.parametrize("text", ["Hunan Optics Society", "Project Title Forum 2024", "智能电网 Smart Grid Forum"])
def test_english_that_is_no_label_translation_is_kept(text: str) -> None:
    """Only words of labels.toml `english_words` make a translation: a value in English stays."""
    doc = f.doc(("申报单位", text))
    assert [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field == "applicant_org"] == [text]


def test_a_label_spaced_over_its_column_and_cut_into_pieces_is_one_label() -> None:
    """手　机 spaced to the column's width: a PDF line gives one cell per character."""
    doc = f.doc(("项目负责人", "贺海燕", "手", "机", "17057481482"), ("联系人", "贺杰", "邮", "箱", "eoc@foxmail.com"),
                source="line")
    pairs = rows_to_pairs(doc, load_labels())
    assert ("leader_phone", "17057481482") in [(p.field, p.value_text) for p in pairs]
    assert ("contact_email", "eoc@foxmail.com") in [(p.field, p.value_text) for p in pairs]
    assert [p.value_text for p in pairs if p.field == "contact_name"] == ["贺杰"]


def test_a_table_whose_labels_a_converter_cut_over_two_cells_reads_each_label_whole() -> None:
    """A PDF-to-Word converter's grid of slivers: 项目 | 名称, 项目负 | 责人, 联系 | 电话 each
    one label over two cells, the value in the next cell."""
    doc = f.doc(("项目", "名称", "湘江流域生态论坛", ""), ("申报", "单位", "湖南省生态学会", ""),
                ("项目负", "责人", "龚思琪", "负责人", "手机", "150 7285 6706"),
                ("项目联", "系人", "邹志强", "联系", "电话", "154 0591 9948"), ("电子", "邮箱", "bscip@163.com", ""))
    pairs = rows_to_pairs(doc, load_labels())
    read = {field: [v for v in values(pairs, field) if v] for field in (
        "project_name", "applicant_org", "leader_name", "leader_phone", "contact_name", "contact_phone",
        "contact_email")}
    assert read == {"project_name": ["湘江流域生态论坛"], "applicant_org": ["湖南省生态学会"],
                    "leader_name": ["龚思琪"], "leader_phone": ["150 7285 6706"], "contact_name": ["邹志强"],
                    "contact_phone": ["154 0591 9948"], "contact_email": ["bscip@163.com"]}


def test_a_people_grid_filled_column_by_column_gives_each_role_its_column() -> None:
    """项目人员 | 项目负责人 | 项目联系人, then one row per attribute, a value per person."""
    doc = f.doc("一、基本情况", ("项目名称", "湘江论坛", ""), ("项目人员", "项目负责人", "项目联系人"),
                ("姓 名", "买买提江·吐尔逊", "王云峰"), ("职务/职称", "理事长", "办公室主任"),
                ("手机/电话", "189-4086-4096", "0731-73028460（办）"), ("电子邮箱", "", "juk1790@foxmail.com"),
                ("申请经费", "7万元", ""))
    pairs = rows_to_pairs(doc, load_labels())
    read = {field: [v for v in values(pairs, field) if v] for field in (
        "leader_name", "leader_phone", "contact_name", "contact_phone", "contact_email", "funding")}
    assert read == {"leader_name": ["买买提江·吐尔逊"], "leader_phone": ["189-4086-4096"], "contact_name": ["王云峰"],
                    "contact_phone": ["0731-73028460（办）"], "contact_email": ["juk1790@foxmail.com"],
                    "funding": ["7万元"]}


def _table_row(n: int, *cells: tuple[int, str]) -> Row:
    return Row(cells=tuple(Cell(text=t, where=f"表1 第{n}行第{k}列") for k, t in cells), source="table")


def test_a_value_going_on_in_the_next_row_under_a_merged_label_is_one_value() -> None:
    """The row was too short: the value goes on in the next row, whose label cell is merged
    with the one above (a continuation the reader leaves out)."""
    doc = f.doc(_table_row(1, (1, "项目名称"), (2, "服务新化县")), _table_row(2, (2, "黄桃产业高质量发展学会服务站")),
                _table_row(3, (1, "申报单位"), (2, "湖南省畜牧兽医学会")), _table_row(4, (3, "（盖章）")),
                _table_row(5, (1, "项目负责人"), (2, "张三")), _table_row(7, (2, "李四")))
    pairs = rows_to_pairs(doc, load_labels())
    assert [p.value_text for p in pairs if p.field == "project_name"] == ["服务新化县\n黄桃产业高质量发展学会服务站"]
    # Another column, or a row further down, goes on nothing.
    assert [p.value_text for p in pairs if p.field == "applicant_org"] == ["湖南省畜牧兽医学会"]
    assert [p.value_text for p in pairs if p.field == "leader_name"] == ["张三"]
    # A person, a phone or an amount goes on into no row: under 张三 stands a second leader.
    doc = f.doc(_table_row(1, (1, "项目负责人"), (2, "张三")), _table_row(2, (2, "李四")),
                _table_row(3, (1, "申请经费"), (2, "5万元")), _table_row(4, (2, "（其中自筹2万元）")))
    pairs = rows_to_pairs(doc, load_labels())
    assert [p.value_text for p in pairs if p.field in ("leader_name", "funding")] == ["张三", "5万元"]


def test_the_templates_blanks_around_a_value_are_no_part_of_it() -> None:
    """Values typed into the template's blanks (项目名称：____…____), the underscores left."""
    doc = f.doc(*f.lines("项目名称：__第11届湖南人工智能学术交流会_______________",
                         "联系人：＿＿尹慧＿＿＿＿  电子邮箱：__a_b1220@qq.com", "申报单位：____________",
                         "项目负责人：_伍丽_"))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["project_name"] == "第11届湖南人工智能学术交流会"
    assert pairs["contact_name"] == "尹慧" and pairs["contact_email"] == "a_b1220@qq.com"
    assert pairs["applicant_org"] == "" and pairs["leader_name"] == "伍丽"  # OCR kept one underscore


def test_the_team_table_in_the_content_part_names_the_leader_by_its_role_column() -> None:
    """No 项目负责人 row in the basic table: the leader is the team table's member whose 分工
    says so; other members are nobody's leader or contact."""
    doc = f.doc("一、基本情况", ("项目名称", "湘江论坛"), ("联系人", "李华"), "二、项目主要内容", "举办论坛一次。",
                "项目组主要成员", ("序号", "姓 名", "工作单位", "职务/职称", "项目分工", "手 机"),
                ("1", "王芳", "某学会", "干事", "会务组织", "13800000001"),
                ("2", "赵国庆", "益阳高新区科协", "副主席", "项目负责人，总体统筹", "155 1377 3277（微信同号）"),
                ("3", "钱多", "某学会", "会计", "经费管理", "13800000003"), "三、经费预算")
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("leader_name", "赵国庆") in pairs and ("leader_phone", "155 1377 3277（微信同号）") in pairs
    assert [v for k, v in pairs if k.startswith("leader_") or k.startswith("contact_")] == [
        "李华", "赵国庆", "155 1377 3277（微信同号）"]
    assert any(k == "content" and "举办论坛" in v for k, v in pairs)


def test_a_caption_joined_to_its_figure_by_a_pdf_cell_is_a_pair_and_an_instruction_is_not() -> None:
    """Caption over value in a narrow box: the PDF's cell text joins "负责人手机" and the phone
    too wide to fit after it. The label opens the cell and a digit follows: a pair. A numbered
    instruction line that names a label before a figure stays prose."""
    doc = f.doc(
        ("项目负责人\n黄立新", "负责人手机19751345322", "项目联系人\n肖晓燕", "联系电话0736-59630860"),
        ("电子邮箱\nabc@139.com", "申请经费\n陆万元整", "起止时间2024.05-2024.12"),
        ("项目总经费", "总经费13万元，其中申请省科协资助3万元，自筹10万元"),
        *f.lines("3.申请经费10万元以内，以万元为单位"),
    )
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("leader_phone", "19751345322") in pairs
    assert ("contact_phone", "0736-59630860") in pairs
    assert ("period", "2024.05-2024.12") in pairs
    assert [v for k, v in pairs if k == "funding"] == ["陆万元整"]
    # An amount's label at the start of a sentence is not a caption: the total keeps its words.
    assert [v for k, v in pairs if k == "total_funding"] == ["总经费13万元，其中申请省科协资助3万元，自筹10万元"]


def test_labels_starred_as_required_by_an_online_system_are_labels() -> None:
    doc = f.doc(("*项目名称：", "新田县稻虾科技服务站建设"), ("＊项目负责人：", "朱振宇", "*负责人手机：", "155 9437 0924"),
                *f.lines("注：带*为必填项。本表由系统生成，打印后加盖单位公章。"))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("project_name", "新田县稻虾科技服务站建设") in pairs
    assert ("leader_name", "朱振宇") in pairs and ("leader_phone", "155 9437 0924") in pairs


def test_a_units_group_label_over_its_own_name_caption_takes_the_value_after_the_caption() -> None:
    """A column of group labels written top to bottom (申报单位, 负责人, 联系人), each group's rows
    with their own captions: 申报单位 | 单位名称 | the unit."""
    doc = f.doc(("申报单位", "单位名称", "湖南省林业经济学会（盖章）"), ("负责人", "姓 名", "任涛"),
                ("参与单位", "名称：", "湖南省生态学会"))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("applicant_org", "湖南省林业经济学会（盖章）") in pairs
    assert ("partner_orgs", "湖南省生态学会") in pairs
    assert not any(value in ("单位名称", "名称：") for _, value in pairs)


def test_a_starred_note_is_no_heading_and_a_star_before_the_next_label_is_no_part_of_a_value() -> None:
    assert heading_section("*注：项目内容须与指南一致", load_labels()) is None
    assert heading_section("*注：经费预算单位为万元", load_labels()) is None
    doc = f.doc(*f.lines("*项目名称：湘江流域生态保护学术研讨会 *申报单位：湖南省生态学会", "*项目负责人：张三 *负责人手机：13800000000"))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("project_name", "湘江流域生态保护学术研讨会") in pairs and ("applicant_org", "湖南省生态学会") in pairs
    assert ("leader_name", "张三") in pairs


@pytest.mark.parametrize("note", ["实施周期12个月以内，须于2024年12月31日前完成。", "完成时间2024年12月31日前，逾期不予验收。"])
def test_an_instruction_opening_with_a_period_label_and_a_figure_is_no_pair(note: str) -> None:
    doc = f.doc(*f.lines("填报说明", note))
    assert [p.field for p in rows_to_pairs(doc, load_labels()) if p.field in ("period", "end_date")] == []


def test_leader_dots_between_label_and_value_end_the_label() -> None:
    doc = f.doc(*f.lines("项目名称.......................湖南省茶油产业科技创新联盟建设",
                         "项目负责人……………丁晓东", "申请经费·········30万元"))
    pairs = rows_to_pairs(doc, load_labels())
    assert [(p.field, p.value_text) for p in pairs] == [
        ("project_name", "湖南省茶油产业科技创新联盟建设"), ("leader_name", "丁晓东"), ("funding", "30万元")]
    # Two dots are punctuation, not a leader: no label is found in a sentence.
    assert rows_to_pairs(f.doc(*f.lines("请按项目名称..填写")), load_labels()) == []


def test_a_number_written_one_digit_to_a_cell_is_one_number() -> None:
    doc = f.doc(("负责人手机", *"15342397146"), ("邮政编码", *"410085", "", ""), ("申请经费（万元）", "5", "5"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_phone") == ["15342397146"]
    # a merged cell a reader repeats is still one value, not a number of its digits
    assert values(pairs, "funding") == ["5"]


def test_a_name_set_distributed_over_its_cell_is_one_value_on_a_line() -> None:
    doc = f.doc(("项目负责人", "姓名", "周", "国", "庆"), ("申报单位", "湖南省科技评估发展研", "究", "中心"),
                ("项目联系人", "李娜", "秘书"), source="ocr")
    pairs = rows_to_pairs(doc, load_labels())
    assert [v for v in values(pairs, "leader_name") if v] == ["周国庆"]
    assert values(pairs, "applicant_org") == ["湖南省科技评估发展研究中心"]
    assert values(pairs, "contact_name") == ["李娜秘书"]  # the post comes off in check_person_name
    # A table's own cells are not pieces of one name.
    table = f.doc(("项目负责人", "周", "国"))
    assert values(rows_to_pairs(table, load_labels()), "leader_name") == ["周"]


def test_the_rest_of_a_leader_line_before_a_value_is_no_part_of_it() -> None:
    doc = f.doc(("项目负责人", ".魏洋"), ("项目联系人", "…蔡一鸣"), ("电子邮箱", "...3353173543@qq.com"),
                ("申请经费（万元）", ".5"), source="ocr")
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["魏洋"] and values(pairs, "contact_name") == ["蔡一鸣"]
    assert values(pairs, "contact_email") == ["3353173543@qq.com"]
    assert values(pairs, "funding") == [".5"]  # a figure's own point stays


def test_captions_in_brackets_below_their_values_name_them() -> None:
    doc = f.doc(*f.lines("一、基本情况", "第11届", "湖南中医药学术年会", "（项目名称）"),
                ("张艳", "手机：18750420689"), ("（项目负责人）", "（负责人手机）"),
                *f.lines("湖南省中医药学会", "（申报单位）"), source="line")
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "project_name") == ["第11届\n湖南中医药学术年会"]
    assert values(pairs, "leader_name") == ["张艳"]
    assert [v for v in values(pairs, "leader_phone") if v] == ["18750420689"]
    assert values(pairs, "applicant_org") == ["湖南省中医药学会"]
    # A bracketed note that is no label (（单位盖章）) claims nothing.
    doc = f.doc(*f.lines("项目名称：某论坛", "湖南省某学会", "（单位盖章）"))
    assert values(rows_to_pairs(doc, load_labels()), "applicant_org") == []


def test_running_prose_names_values_with_wei_and_glued_figures_after_a_comma() -> None:
    doc = f.doc(*f.lines("申报单位类型为民非组织，项目类别为科技创新服务能力建设项目中的“学术交流”。",
                         "项目负责人为彭振宇（教授），手机176-8630-2143；项目联系人为姜敏。"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["彭振宇（教授），"]
    assert values(pairs, "leader_phone") == ["176-8630-2143；"]
    assert values(pairs, "contact_name") == ["姜敏。"]
    # 为 inside a clause is no colon: 以申报单位为主体 names no unit.
    doc = f.doc(*f.lines("本项目以申报单位为主体组织实施。"))
    assert values(rows_to_pairs(doc, load_labels()), "applicant_org") == []


def test_line_numbers_in_the_margin_are_dropped() -> None:
    lines = ["1 一、基本情况", "2 项目名称：湘江论坛", "3", "4 申报单位：湖南省声学学会", "5 项目负责人：王五",
             "6 申请经费：8万元"]
    doc = f.doc(*(Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行", page=1) for t in line.split(" ", 1)),
                      source="line") for n, line in enumerate(lines, 1)))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "project_name") == ["湘江论坛"] and values(pairs, "leader_name") == ["王五"]
    # Numbers that do not rise line by line are the text's own (2024年, 12 月).
    doc = f.doc(*f.lines("项目名称：湘江论坛", "2024 年度项目", "12 月完成", "8 万元"))
    assert values(rows_to_pairs(doc, load_labels()), "project_name") == ["湘江论坛\n2024 年度项目\n12 月完成\n8 万元"]


def test_a_page_of_few_lines_drops_its_line_numbers_when_the_document_has_them() -> None:
    """Word numbers every page's lines from 1: a page holding only a heading and a table has
    too few lines to tell on its own, the document's other pages tell."""
    from shenbao.extractors.pairs import without_line_numbers

    def numbered(page: int, texts: list[str]) -> list[Row]:
        return [Row(cells=tuple(Cell(text=t, where=f"第{page}页 第{n}行", page=page) for t in (str(n), text) if t),
                    source="line") for n, text in enumerate(texts, 1)]

    rows = numbered(1, ["附件2", "项目申报书", "", "申报单位（盖章）", "填报日期", "湖南省科学技术协会制"])
    rows += numbered(2, ["填写示例", "（正式填报时请删除本页）"])
    kept = without_line_numbers(rows)
    assert [[c.text for c in r.cells] for r in kept[-2:]] == [["填写示例"], ["（正式填报时请删除本页）"]]
    # Alone, the short page keeps its numbers: they may be its own (1 | 专家咨询费).
    assert without_line_numbers(rows[-2:]) == rows[-2:]
    # So does a short page whose numbers belong to a 序号 column, or start below its first line.
    team = [Row(cells=tuple(Cell(text=t, where=f"第2页 第{n}行", page=2) for t in texts), source="line")
            for n, texts in enumerate([("序号", "姓名", "职务/职称", "手机"), ("1", "周建华", "教授", "13907311234"),
                                       ("2", "李明", "副教授", "13907311235")], 1)]
    assert without_line_numbers(rows[:-2] + team)[-3:] == team
    late = [Row(cells=(Cell(text="项目组成员", where="第2页 第1行", page=2),), source="line"), *team[1:]]
    late = [r.model_copy(update={"cells": tuple(c for c in r.cells if c.text != "序号")}) for r in late]
    assert without_line_numbers(rows[:-2] + late)[-3:] == late


def test_a_cell_holding_its_value_above_its_caption_is_a_pair() -> None:
    doc = f.doc(("湖南省林业经济学会（盖章）\n（申报单位）",), ("林立新教授\n（项目负责人）", "192-4614-5402\n（负责人手机）"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "applicant_org") == ["湖南省林业经济学会（盖章）"]
    assert values(pairs, "leader_name") == ["林立新教授"] and values(pairs, "leader_phone") == ["192-4614-5402"]
    # a bracketed note under a value that is no label makes no pair
    assert rows_to_pairs(f.doc(("湖南省林业经济学会\n（盖章）",)), load_labels()) == []


def test_a_value_row_under_a_header_row_may_name_its_own_kind() -> None:
    doc = f.doc(("项目负责人", "负责人手机", "电子邮箱"), ("杨丽", "手机：19368018657", "邮箱：vncdtw@163.com"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["杨丽"]
    assert [v for v in values(pairs, "leader_phone") if v] == ["19368018657"]
    # a value row holding a label of the form is no value row
    doc = f.doc(("项目负责人", "负责人手机"), ("杨丽", "项目联系人：程志强"))
    assert values(rows_to_pairs(doc, load_labels()), "contact_name") == ["程志强"]


def test_a_scanned_tables_numbered_rows_keep_their_numbers() -> None:
    lines = [("项目名称：湘江论坛",), ("申报单位：湖南省声学学会",), ("项目负责人：王五",), ("联系电话：0731-84567890",),
             ("三、经费预算",), ("序号", "支出科目", "金额（万元）"), ("1", "专家咨询费", "2.7"), ("2", "会议会务费", "2.2"),
             ("3", "差旅费", "1.8"), ("4", "资料印刷费", "1.4"), ("5", "宣传推广费", "0.9"), ("合计", "9"),
             ("四、申报单位意见",), ("同意申报。",), ("（单位盖章）",)]
    doc = f.doc(*(Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行", page=1) for t in line), source="ocr")
                  for n, line in enumerate(lines, 1)))
    from shenbao.extractors.pairs import without_line_numbers
    assert without_line_numbers(list(doc.rows)) == list(doc.rows)


def test_a_heading_set_beside_a_pdfs_table_does_not_cut_the_table() -> None:
    """Text wrapped around a table (the next part's heading to its right) comes by height between
    its rows; it is read after the table, whose later rows stay the basic part's."""
    def cell(text: str, where: str, x0: float, x1: float, y: float) -> Cell:
        return Cell(text=text, where=f"第1页 {where}", page=1, box=(x0, y, x1, y + 0.015))

    def table_row(n: int, label: str, value: str, y: float) -> Row:
        return Row(cells=(cell(label, f"表1 第{n}行第1列", 0.1, 0.22, y), cell(value, f"表1 第{n}行第2列", 0.22, 0.55, y)))

    beside = Row(cells=(cell("二、项目主要内容", "第9行", 0.58, 0.85, 0.27),), source="line")
    doc = DocText(file="a.pdf", sha256="s", kind="pdf", pages=1, rows=(
        Row(cells=(cell("一、基本情况", "第1行", 0.1, 0.3, 0.1),), source="line"),
        table_row(1, "项目名称", "某某论坛", 0.15), table_row(2, "申报单位", "湖南省某学会", 0.2),
        beside, table_row(3, "项目负责人", "张三", 0.3), table_row(4, "负责人手机", "13907318826", 0.35),
        Row(cells=(cell("组织专家开展调研。", "第10行", 0.1, 0.55, 0.4),), source="line"),
    ))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name", "basic") == ["张三"] and values(pairs, "leader_phone", "basic") == ["13907318826"]
    # A line across the table's width between its rows is no text beside it: left in its place.
    across = Row(cells=(cell("二、项目主要内容", "第9行", 0.1, 0.55, 0.27),), source="line")
    rows = tuple(across if r is beside else r for r in doc.rows)
    pairs = rows_to_pairs(doc.model_copy(update={"rows": rows}), load_labels())
    assert values(pairs, "leader_name", "basic") == []


def test_values_beside_a_pdf_table_of_labels_only_stay_with_their_rows() -> None:
    """A table whose value column the reader missed (no rule on its right): its values are lines
    beside the label column, one by each row, and are those rows' values."""
    def cell(text: str, where: str, x0: float, x1: float, y: float) -> Cell:
        return Cell(text=text, where=f"第1页 {where}", page=1, box=(x0, y, x1, y + 0.015))

    rows: list[Row] = []
    for n, (label, value) in enumerate((("项目名称", "某某论坛"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"),
                                        ("负责人手机", "13907318826")), start=1):
        rows.append(Row(cells=(cell(label, f"表1 第{n}行第1列", 0.1, 0.3, 0.1 + 0.05 * n),)))
        rows.append(Row(cells=(cell(value, f"第{n}行", 0.32, 0.6, 0.1 + 0.05 * n),), source="line"))
    pairs = rows_to_pairs(DocText(file="a.pdf", sha256="s", kind="pdf", pages=1, rows=tuple(rows)), load_labels())
    assert values(pairs, "project_name") == ["某某论坛"] and values(pairs, "leader_phone") == ["13907318826"]


def test_a_values_last_characters_wrapped_before_the_next_labels_star_go_back_to_it() -> None:
    doc = f.doc(("*项目负责人：", "热依拉·买合木提研究", "员*负责人手机：", "13358112287"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["热依拉·买合木提研究员"] and values(pairs, "leader_phone") == ["13358112287"]


def test_a_bracket_after_a_value_is_its_caption_only_when_every_cell_of_the_row_has_one() -> None:
    captioned = f.doc(("欧阳立新 （项目负责人）", "13907318826 （负责人手机）"))
    assert values(rows_to_pairs(captioned, load_labels()), "leader_name") == ["欧阳立新"]
    # 同上（项目负责人） is the contact label's value; 张三（项目负责人） a team table's member.
    after_label = rows_to_pairs(f.doc(("项目联系人", "同上（项目负责人）")), load_labels())
    assert values(after_label, "leader_name") == [] and values(after_label, "contact_name") == ["同上（项目负责人）"]
    team = rows_to_pairs(f.doc(("1", "张三（项目负责人）", "教授")), load_labels())
    assert values(team, "leader_name") == []
    # Numbered items a line each: "as above" and its bracket are the contact's value on its own
    # line, and the phone after it stays the contact's.
    numbered = rows_to_pairs(f.doc(*f.lines("（七）负责人手机", "无", "（八）项目联系人", "同上（项目负责人）",
                                            "（九）联系电话", "133 5306 0401")), load_labels())
    assert values(numbered, "contact_name") == ["同上（项目负责人）"] and values(numbered, "leader_name") == []
    assert values(numbered, "contact_phone") == ["133 5306 0401"]


def test_leader_dots_a_scan_kept_one_or_two_of_still_end_a_label() -> None:
    def ocr_row(*texts: str) -> Row:
        return Row(cells=tuple(Cell(text=t, where=f"第1页 第1行第{k}块") for k, t in enumerate(texts, 1)), source="ocr")

    doc = f.doc(ocr_row("3", "项目名称..", "长株潭生态经济先进计算青年科学家论坛"), ocr_row("15", "项目负责人.", "苏芳"),
                ocr_row("申请经费..", "玖万元整"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "project_name") == ["长株潭生态经济先进计算青年科学家论坛"]
    assert values(pairs, "leader_name") == ["苏芳"] and values(pairs, "funding") == ["玖万元整"]


def test_text_boxes_over_a_header_rows_empty_value_cells_fill_them_in_order() -> None:
    def table(*texts: str) -> Row:
        return Row(cells=tuple(Cell(text=t, where=f"表1 第1行第{k}列") for k, t in enumerate(texts, 1)))

    def box(n: int, text: str) -> Row:
        return Row(cells=(Cell(text=text, where=f"文本框{n}"),), source="paragraph")

    doc = f.doc(table("项目负责人", "负责人手机", "联系人", "联系人电话"), table("", "", "沈春生", "18965112299"),
                box(1, "姜雨欣 副理事长"), box(2, "15406731441"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["姜雨欣 副理事长"] and values(pairs, "leader_phone") == ["15406731441"]
    assert values(pairs, "contact_name") == ["沈春生"]
    # Under no header, boxes beyond the value places stay where they are.
    loose = rows_to_pairs(f.doc(table("", "", "沈春生"), box(1, "甲"), box(2, "乙")), load_labels())
    assert values(loose, "leader_name") == []


@pytest.mark.parametrize("text, section", [("四、申报单位章贝", "approval"), ("三、经费预箅", "budget"),
                                           ("一、基本情兄", "basic")])
def test_a_chapter_heading_a_scan_misread_a_character_of_is_still_its_part(text: str, section: str) -> None:
    assert heading_section(text, load_labels(), misread=True) == section
    assert heading_section(text, load_labels()) is None  # typed text is what it says


@pytest.mark.parametrize("text", ["（三）申报单位", "三、申报单位", "四、申报单位章贝見", "申报单位章贝"])
def test_an_item_or_a_heading_too_far_from_any_part_is_none(text: str) -> None:
    assert heading_section(text, load_labels(), misread=True) is None


def test_one_or_two_dots_after_a_label_inside_a_sentence_make_no_pair() -> None:
    doc = f.doc(*f.lines("3.请如实填写项目名称.", "测试项目论坛", "4.两个以上单位联合申报的，须注明牵头单位和参与单位."))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "project_name") == [] and values(pairs, "partner_orgs") == []


def test_an_online_forms_printout_reads_each_question_and_its_answer() -> None:
    # 问卷 printouts: a numbered question with its required star and hint, its answer below.
    doc = f.doc("1. 项目名称 *", "现代农业装备学术交流会", "2. 项目类别 *（单选）", "☑学术交流 ☐学会服务站建设",
                "3. 申报单位（全称）*", "湖南湘江生物医药有限公司科协", "5. 项目负责人姓名 *", "易振宇")
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["project_name"] == "现代农业装备学术交流会"
    assert pairs["applicant_org"] == "湖南湘江生物医药有限公司科协"
    assert "☑学术交流" in pairs["subcategory"] and pairs["leader_name"] == "易振宇"


def test_the_unit_name_under_a_group_row_of_the_applicant_is_the_applicant() -> None:
    doc = f.doc(("项目名称", "第12届湖南植物病理学术年会"), ("申报单位信息",), ("单位名称", "长沙学院科学技术协会"),
                ("单位类型", "☑高校科协"), ("联合申报单位信息",), ("单位名称", "湖南农业大学科协"))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("applicant_org", "长沙学院科学技术协会") in pairs
    assert ("applicant_org", "湖南农业大学科协") not in pairs


def test_a_units_name_broken_over_two_paragraphs_is_joined() -> None:
    doc = f.doc("项目申报书", "申报单位（盖章）：娄底市", "科协(公章)", "项目负责人：龚爱华",
                "申报单位（盖章）： 湖南省", "铁道学会 统一社会信用代码：51430000MJ64855258")
    units = [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field == "applicant_org"]
    assert units[0].startswith("娄底市科协") and units[1] == "湖南省铁道学会"
    # A whole name is left alone: the paragraph after it is its own.
    doc = f.doc("申报单位：湖南省铁道学会", "科协")
    assert [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field == "applicant_org"] == ["湖南省铁道学会"]
    # A university is a unit's name too, but its 科协 on the next line is the applicant's name's end …
    for wrapped in ("科学技术协会(公章)", "科协"):
        doc = f.doc("申报单位：（填写单位全称，与公章一致）中南林业科技大学", wrapped, "单位类型：☑高校科协")
        (unit,) = [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field == "applicant_org"]
        assert unit.startswith("中南林业科技大学科") and unit.endswith(wrapped)
    # … and anything more on that line is not.
    doc = f.doc("申报单位：中南林业科技大学", "科学技术协会常委会审议通过")
    assert [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field == "applicant_org"] == ["中南林业科技大学"]


def test_an_email_address_broken_after_its_at_sign_is_joined() -> None:
    doc = f.doc("项目申报书", "联系人：陈亚军", "E-mail：ontio@", "139.com", "申请经费：16万元整")
    assert [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field.endswith("email")] == ["ontio@139.com"]
    # Lines not broken at an @ or a dot, or a next line that is an address of its own, stay apart.
    for value, rest in (("wangwei", "chen@qq.com"), ("chenyj@csu", "edu.cn")):
        doc = f.doc("项目申报书", "联系人：陈亚军", f"E-mail：{value}", rest, "申请经费：16万元整")
        assert [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field.endswith("email")] == [value]
    # A whole address keeps the next paragraph apart.
    doc = f.doc("项目申报书", "联系人：陈亚军", "E-mail：ontio@139.com", "cn", "申请经费：16万元整")
    assert [p.value_text for p in rows_to_pairs(doc, load_labels()) if p.field.endswith("email")] == ["ontio@139.com"]


@pytest.mark.parametrize(("text", "section"), [("五市州科协审核意见", "city_review"), ("四 申报单位意见", "approval"),
                                              ("十分重要的学术交流", None), ("三经费预算表格", None)])
def test_a_chapter_heading_that_lost_its_comma_still_opens_its_part(text: str, section: str | None) -> None:
    assert heading_section(text, load_labels()) == section


def _label_of_long_cell() -> bool:
    # A value cell of a wrapped grid: a line of Han text, then line after line of English words
    # (a project's English name over several lines) that end in no label.
    text = "项目英文名称及简介\n" + "\n".join(["Hunan Provincial Academic Exchange Forum on New Materials"] * 3) + "\n2024"
    matcher = _matcher(load_labels())
    return matcher.whole_label(text) is not None or matcher.whole_label(text[:110]) is not None


def test_a_long_cell_of_han_and_english_lines_is_no_label_and_read_at_once() -> None:
    # The translated-label pattern once split each run of letters every possible way before
    # failing: a hang on such a cell (the reader's timeout then lost the whole form).
    result = run_isolated(_label_of_long_cell, timeout=60)
    assert result is False


def test_a_hint_in_brackets_under_a_label_in_its_cell_leaves_the_value_beside_it() -> None:
    # A scanned template whose label cells carry their instructions (负责人手机(11 位手机号码)):
    # four such rows looked like labels run into their values, and the hints read as blanks
    # filled in; the value is in the cell beside each.
    rows = [("项目类别(限选一项)", "科技创新服务能力建设项目：☑学术交流"),
            ("项目负责人(须为本单位在职人员)", "董强"),
            ("负责人手机(11 位手机号码)", "19166082517"),
            ("项目联系人(负责具体联络)", "曾嘉怡"),
            ("电子邮箱(用于接收通知)", "yizjey6514@foxmail.com")]
    doc = f.doc(*(Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行第{k}块") for k, t in enumerate(row, 1)),
                      source="ocr") for n, row in enumerate(rows, 1)), ocr=True)
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "leader_name") == ["董强"]
    assert values(pairs, "leader_phone") == ["19166082517"]
    assert values(pairs, "contact_name") == ["曾嘉怡"]
    assert values(pairs, "contact_email") == ["yizjey6514@foxmail.com"]


def test_a_templates_hints_after_its_labels_are_no_blanks_filled_in() -> None:
    # An empty template's lines: each label's instruction in brackets is no value typed into a
    # blank (bracketed_blanks would read three or more of them as a form written as sentences).
    doc = f.doc(*f.lines("项目负责人（须为本单位在职人员）", "负责人手机（11位手机号码）", "项目联系人（负责具体联络）",
                         "电子邮箱（用于接收通知）", "联系电话（请填写手机号码）", source="ocr"), ocr=True)
    pairs = rows_to_pairs(doc, load_labels())
    assert not [p for p in pairs if p.value_text.strip()]


def test_a_label_with_its_instruction_in_brackets_still_opens_a_row_after_an_empty_one() -> None:
    # 联系电话 left empty, its hint on the line under it: the next line's label, with its own
    # hint (用于接收通知), starts the next pair; it is no more of the empty phone's value.
    doc = f.doc(*(Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行第{k}块") for k, t in enumerate(row, 1)),
                      source="ocr")
                  for n, row in enumerate([("项目联系人", "苏春生"), ("联系电话",), ("(请填写手机号码)",),
                                           ("电子邮箱(用于接收通知)", "nooak@139.com"), ("申请经费（万元）", "9")], 1)),
                ocr=True)
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "contact_phone") == [""]
    assert values(pairs, "contact_email") == ["nooak@139.com"]
    # A value in brackets after a label, or an area code, is no instruction.
    m = _matcher(load_labels())
    assert [h.raw for h in m.hits("负责人手机(11位手机号码) 13800000000")] == ["负责人手机(11位手机号码)"]
    assert [h.raw for h in m.hits("联系电话(0731)84121234")] == ["联系电话"]
    assert m.hits("项目负责人(张三)") == []
    assert m.hits("申报单位（湖南科技有限公司）") == []  # 有限 is no 限 of an instruction


def test_the_next_lines_bullet_read_at_a_values_end_is_no_part_of_it() -> None:
    doc = f.doc(*f.lines("➤ 项目名称：湘江论坛 ➤", "➤ 项目负责人：王娟➤", "➤ 负责人手机：18194920770", source="ocr"), ocr=True)
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "project_name") == ["湘江论坛"] and values(pairs, "leader_name") == ["王娟"]


def test_a_column_of_colons_between_labels_and_values_joins_the_labels() -> None:
    # A borderless three-column table (项目名称 | ： | …): the middle cell is the label's colon.
    doc = f.doc(("项目名称", "：", "服务汝城县脐橙产业高质量发展学会服务站"), ("申报单位", "：", "湖南湘江节能环保有限公司科协"),
                ("项目负责人", "：", "李杰"), ("负责人手机", ":", "151-3919-0145"), ("项目联系人", "：", ""),
                ("申请经费（万元）", "：", "9"))
    pairs = rows_to_pairs(doc, load_labels())
    assert values(pairs, "project_name") == ["服务汝城县脐橙产业高质量发展学会服务站"]
    assert values(pairs, "leader_name") == ["李杰"] and values(pairs, "leader_phone") == ["151-3919-0145"]
    assert values(pairs, "contact_name") == [""] and values(pairs, "funding") == ["9"]


def test_options_answered_after_their_colons_on_the_next_paragraph_carry_on_the_list() -> None:
    # A collection form's export: the group heading with the label, its options answered 是/否
    # on the paragraphs after it.
    from shenbao.extractors.fields import score_and_form
    doc = f.doc("2024年度湖南省科协科技创新服务能力提升计划项目申报书", "项目名称:2024年湖南省标准化高峰论坛",
                "项目类别:科技创新服务能力建设项目：",
                "学术交流：否 科技创新联盟建设：是 “科创中国”试点城市建设：否 学会服务站建设：否",
                "学会自身能力建设项目：", "创新工程专业职称评审：否 学会制度机制建设：否",
                "申报单位:长沙理工大学科学技术协会", "项目负责人:范文博", "申请经费:7万元")
    _, form = score_and_form(doc)
    assert form is not None and form.fields.subcategory == "科技创新联盟建设"
    assert "subcategory" not in form.low_confidence


def test_a_label_cut_at_a_lines_end_before_a_shorter_label_is_the_longer_one() -> None:
    # A letter's sentence broken after 联系 (…蔡艳老师，联系 | 电话150…): 联系电话 opens the
    # next line, the name keeps no 联系; the address named after 邮箱 there is the contact's.
    from shenbao.extractors.fields import score_and_form
    lines = ["项目申报书", "根据通知要求，常德市科学技术协会申报“长株潭油茶关键核心技术学术研讨会”项目。",
             "项目负责人为丁振宇副理事长，手机19349347460；项目联系人为蔡艳老师，联系",
             "电话150 1934 0188，电子邮箱蔡艳<ihymw@foxmail.com>。", "申请经费:7万元；项目实施期限:2024年7月～2024年11月。"]
    rows = tuple(Row(cells=(Cell(text=t, where=f"第1页 第{n}行", page=1, box=(0.1, 0.05 * n, 0.9, 0.05 * n + 0.02)),),
                     source="line") for n, t in enumerate(lines, 1))
    doc = DocText(file="申报书.pdf", sha256="0" * 64, kind="pdf", rows=rows)
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert ("contact_name", "蔡艳老师，") in pairs
    _, form = score_and_form(doc)
    assert form is not None
    assert (form.fields.contact_name, form.fields.contact_phone, form.fields.contact_email) == (
        "蔡艳", "15019340188", "ihymw@foxmail.com")
    # Someone else's address (负责人邮箱, 学会邮箱) is not the contact's.
    for who in ("负责人", "学会"):
        changed = list(lines)
        changed[3] = f"电话150 1934 0188，{who}邮箱dzy@163.com。"
        rows = tuple(Row(cells=(Cell(text=t, where=f"第1页 第{n}行", page=1, box=(0.1, 0.05 * n, 0.9, 0.05 * n + 0.02)),),
                         source="line") for n, t in enumerate(changed, 1))
        _, other = score_and_form(DocText(file="申报书.pdf", sha256="0" * 64, kind="pdf", rows=rows))
        assert other is not None and other.fields.contact_email != "dzy@163.com"

"""Layouts of the basic-information table: a period split over one cell per date part, and
labels carrying a footnote mark, read from table rows and from a real .docx."""

from __future__ import annotations

import hashlib
import io

from docx import Document

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import is_label, rows_to_pairs
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, DocText, Row


def _pairs(*rows: tuple[str, ...]) -> dict[str, str]:
    doc = DocText(file="申报书.docx", sha256="x", kind="docx", pages=1, ocr=False, rows=tuple(
        Row(cells=tuple(Cell(text=t, where=f"表1 第{n}行第{k}列") for k, t in enumerate(row, 1)), source="table")
        for n, row in enumerate(rows, 1)))
    return {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}


def test_a_period_split_into_one_cell_per_date_part_is_one_value() -> None:
    pairs = _pairs(("项目名称", "某某学会服务站建设"),
                   ("起止时间", "2024年", "5月", "至", "2024年", "12月", "申请经费", "8万元"))
    assert pairs["period"] == "2024年 5月 至 2024年 12月"
    assert pairs["funding"] == "8万元"


def test_start_and_end_sub_cells_join_the_period() -> None:
    assert _pairs(("起止时间", "开始", "2024年5月", "结束", "2024年12月"))["period"] == "开始 2024年5月 结束 2024年12月"


def test_a_cell_that_is_no_date_part_does_not_join_the_period() -> None:
    pairs = _pairs(("起止时间", "2024年5月—2024年12月", "经常务理事会审议"))
    assert pairs["period"] == "2024年5月—2024年12月"


def test_only_a_date_gathers_cells_of_digits() -> None:
    # A mobile and a landline in two cells look like date parts (digits and a dash).
    assert _pairs(("联系人", "赵敏"), ("联系电话", "13912345678", "0731-84561234"))["contact_phone"] == "13912345678"


def test_a_footnote_mark_on_a_label_keeps_it_a_label() -> None:
    labels = load_labels()
    for text in ("申请经费①", "申请经费（万元）※", "项目名称*", "申请经费①（万元）"):
        assert is_label(text, labels), text
    assert _pairs(("申请经费①", "10（万元）"))["funding"] == "10（万元）"
    assert _pairs(("申请经费①：80000元",))["funding"] == "80000元"


def _docx(rows: list[tuple[str, ...]]) -> bytes:
    doc = Document()
    doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_docx_with_split_period_cells_and_a_marked_funding_label_reads_both() -> None:
    data = _docx([
        ("项目名称", "第5届湘江流域生态保护学术研讨会", "", "", "", ""),
        ("项目类别", "☑学术交流", "", "", "", ""),
        ("申报单位", "湖南省生态学学会", "", "", "", ""),
        ("申请经费①", "9（万元）", "", "", "", ""),
        ("起止时间", "2024年", "5月1日", "至", "2024年", "12月31日"),
    ])
    doc = read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    _, form = score_and_form(doc)
    assert form is not None
    assert form.fields.funding_wan == 9.0
    assert (form.fields.start_date, form.fields.end_date) == ("2024-05-01", "2024-12-31")


def test_a_label_keeping_the_templates_instruction_is_still_the_label() -> None:
    pairs = _pairs(("1", "项目名称（不超过30字）：", "长株潭声学高质量发展学术论坛"),
                   ("12", "项目起止时间（不晚于2024年12月）：", "2024年4月至10月底"))
    assert pairs["project_name"] == "长株潭声学高质量发展学术论坛"
    assert pairs["period"] == "2024年4月至10月底"


def test_a_label_whose_instruction_counts_the_digits_is_still_the_label() -> None:
    # 负责人手机（11位手机号码）: the bracket says how to fill the cell beside it.
    pairs = _pairs(("负责人手机\n（11位手机号码）", "181-9956-3880(微信同号)"), ("联系电话(请填写手机号码)", "13150761155"))
    assert pairs["leader_phone"] == "181-9956-3880(微信同号)"
    assert pairs["contact_phone"] == "13150761155"


def test_a_templates_prompt_whose_closing_bracket_a_scan_lost_is_no_part_of_the_value() -> None:
    pairs = _pairs(("申报单位", "(填写单位全称，与公章一致湖南洞庭智能装备有限公司科协"), ("项目负责人", "（填写负责人姓名苏红梅"),
                   ("负责人手机", "（请填写手机号码13912345678"))
    assert pairs == {"applicant_org": "湖南洞庭智能装备有限公司科协", "leader_name": "苏红梅", "leader_phone": "13912345678"}
    # A bracket that holds the value itself stays.
    assert _pairs(("申报单位", "（湖南省科普作家协会）")) == {"applicant_org": "（湖南省科普作家协会）"}


def test_a_web_forms_character_counter_is_no_part_of_the_value() -> None:
    # A 申报系统's page printed from the browser: "16/50" under each input box.
    pairs = _pairs(("项目名称", "茶陵县蔬菜科技服务站建设 16/50"), ("项目负责人", "王思琪3/20"),
                   ("申报单位", "湖南省岩土工程学会\n22/50"))
    assert pairs == {"project_name": "茶陵县蔬菜科技服务站建设", "leader_name": "王思琪", "applicant_org": "湖南省岩土工程学会"}
    # Figures that are no counter stay: over the limit, no usual limit, a year's pair, no text before.
    kept = _pairs(("项目名称", "某项目 60/50"), ("项目负责人", "第3/4期"), ("申报单位", "某学会2024/2025"))
    assert kept == {"project_name": "某项目 60/50", "leader_name": "第3/4期", "applicant_org": "某学会2024/2025"}


def test_a_bilingual_templates_english_column_is_no_value() -> None:
    # 负责人手机 | Leader's Mobile | 13805586289: a possessive and figures in the translation.
    pairs = _pairs(("负责人手机", "Leader's Mobile", "13805586289"),
                   ("申请经费（万元）", "Funds Requested(10,000 CNY)", "90,000.00元"))
    assert pairs == {"leader_phone": "13805586289", "funding": "90,000.00元"}


def test_an_amount_in_brackets_after_a_label_is_a_value_not_an_instruction() -> None:
    # Only an instruction's words make a bracket with figures part of the label.
    assert _pairs(("项目名称（不超过30字）", "某论坛")) == {"project_name": "某论坛"}
    assert "funding" not in _pairs(("申请经费（8万元）", "自筹2万元"))
    assert "project_name" not in _pairs(("项目名称（2024年学术年会）", "某论坛"))


def test_a_people_table_with_office_and_mobile_columns_takes_the_filled_one() -> None:
    pairs = _pairs(("人员", "姓名", "职务/职称", "办公电话", "手机", "电子邮箱"),
                   ("项目负责人", "王伟", "理事长", "", "13812345678", ""),
                   ("项目联系人", "李娜", "", "0731-84561234", "", "lina@163.com"))
    assert (pairs["leader_phone"], pairs["contact_phone"]) == ("13812345678", "0731-84561234")


def test_a_people_table_headed_mobile_or_phone_is_a_people_table() -> None:
    pairs = _pairs(("角色", "姓名", "职务", "手机/电话", "电子邮箱"),
                   ("项目负责人", "王伟", "理事长", "13812345678", ""),
                   ("项目联系人", "李娜", "秘书", "13987654321", "lina@163.com"))
    assert (pairs["leader_name"], pairs["leader_phone"]) == ("王伟", "13812345678")
    assert (pairs["contact_phone"], pairs["contact_email"]) == ("13987654321", "lina@163.com")


def test_a_label_broken_over_two_lines_of_a_narrow_cell_is_the_label() -> None:
    pairs = _pairs(("项目负\n责人", "雷芳", "负责人\n手机", "182-7246-8609"), ("申请\n经费", "6（万元）"))
    assert (pairs["leader_name"], pairs["leader_phone"], pairs["funding"]) == ("雷芳", "182-7246-8609", "6（万元）")


def test_a_short_cell_of_a_label_and_its_value_on_two_lines_keeps_its_value() -> None:
    assert _pairs(("负责人\n张三", "13812345678"))["leader_name"] == "张三"


def test_a_unit_type_written_after_the_unit_is_the_type_when_the_form_has_no_type_row() -> None:
    data = _docx([
        ("项目名称", "第5届湘江流域生态保护学术研讨会"), ("项目类别", "☑学术交流"),
        ("申报单位", "长沙市芙蓉区科技创新服务中心（民非组织）（盖章）"), ("申请经费", "9（万元）"),
        ("起止时间", "2024年5月至2024年12月"),
    ])
    doc = read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    form = score_and_form(doc)[1]
    assert form is not None
    assert (form.fields.applicant_org, form.fields.applicant_type) == ("长沙市芙蓉区科技创新服务中心", "民非组织")
    assert any("是单位类型" in note for note in form.notes)
    # Words in brackets that are no unit type stay in the name.
    data = _docx([("项目名称", "第5届学术研讨会"), ("申报单位", "长沙经济技术开发区（星沙产业基地）科协"), ("申请经费", "9万元"),
                  ("起止时间", "2024年5月至2024年12月"), ("项目类别", "☑学术交流")])
    form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None and form.fields.applicant_org == "长沙经济技术开发区（星沙产业基地）科协"
    # A type with brackets of its own comes off whole.
    data = _docx([("项目名称", "第5届学术研讨会"), ("申报单位", "湖南岳麓新能源有限公司科协（企业（园区）科协）"),
                  ("申请经费", "9万元"), ("起止时间", "2024年5月至2024年12月"), ("项目类别", "☑学术交流")])
    form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    assert (form.fields.applicant_org, form.fields.applicant_type) == ("湖南岳麓新能源有限公司科协", "企业（园区）科协")


def _lines(*texts: str) -> dict[str, str]:
    doc = DocText(file="申报书.pdf", sha256="x", kind="pdf", pages=1, rows=tuple(
        Row(cells=(Cell(text=t, where=f"第1页 第{n}行", page=1),), source="line") for n, t in enumerate(texts, 1)))
    return {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}


def test_a_form_pasted_as_text_with_its_labels_run_into_their_values_is_read() -> None:
    pairs = _lines("一、基本情况", "项目名称宁乡市中药材科技服务站建设；", "项目类别科技创新服务能力建设项目：",
                   "申报单位湖南省药用植物学会", "单位类型☑省级学会 市州科协高校科协",
                   "项目负责人吕洋博士负责人手机 15016257941", "项目联系人石湘君（秘书处）联系电话13413626956",
                   "电子邮箱558618768@qq.com", "申请经费 80,000")
    assert pairs["project_name"] == "宁乡市中药材科技服务站建设；"
    assert pairs["applicant_org"] == "湖南省药用植物学会"
    assert pairs["applicant_type"].startswith("☑省级学会")
    assert (pairs["leader_name"], pairs["leader_phone"]) == ("吕洋博士", "15016257941")
    assert (pairs["contact_name"], pairs["contact_phone"]) == ("石湘君（秘书处）", "13413626956")
    assert pairs["contact_email"] == "558618768@qq.com"


def test_instructions_that_open_with_labels_are_not_taken_for_values() -> None:
    pairs = _lines("填报说明", "项目名称应简明扼要，不超过30字。", "申请经费以万元为单位。", "项目负责人须为申报单位在职人员。",
                   "起止时间不晚于2024年12月。", "联系电话请填写手机号码。", "一、基本情况", "项目名称：湘江论坛")
    assert pairs["project_name"] == "湘江论坛"
    assert not {"funding", "leader_name", "period", "contact_phone"} & set(pairs)


def test_labels_run_into_their_values_on_a_line_or_two_are_no_document_setting() -> None:
    # Two such lines only: 项目名称XX is then no pair (it may be a sentence).
    pairs = _lines("项目名称湘江论坛", "申报单位湖南省药用植物学会", "申请经费：8万元")
    assert "project_name" not in pairs and pairs["funding"] == "8万元"


def test_a_label_cut_by_a_paragraphs_line_break_is_read_whole() -> None:
    # A paragraph of pairs photographed: the break falls inside 单位类型, 电子邮箱 and 起止时间.
    doc = DocText(file="申报书.png", sha256="x", kind="image", pages=1, ocr=True, rows=tuple(
        Row(cells=(Cell(text=t, where=f"第1页 第{n}行", page=1),), source="ocr") for n, t in enumerate((
            "一、基本情况", "项目名称:湘江冷水鱼产业科技创新联盟建设；申报单位:湖南省竹产业学会；单位类",
            "型：☑省级学会☐市州科协；项目联系人：郭亚军，联系电话：18520613949，电子邮",
            "箱：ncwi4197@163.com；申请经费：人民币壹拾柒万圆整；起止时", "间:20240701-20241130。"), 1)))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["applicant_org"] == "湖南省竹产业学会；"
    assert pairs["applicant_type"].startswith("☑省级学会")
    assert pairs["contact_phone"] == "18520613949，"
    assert pairs["contact_email"] == "ncwi4197@163.com；"
    assert pairs["funding"] == "人民币壹拾柒万圆整；"
    assert pairs["period"] == "20240701-20241130。"


def test_a_value_ending_in_a_labels_head_keeps_it_when_the_next_line_has_its_own_label() -> None:
    # 项目 + 负责人 makes 项目负责人, but the next line opens with a label and colon of its own.
    for source in ("line", "ocr"):
        doc = DocText(file="申报书.pdf", sha256="x", kind="pdf", pages=1, rows=tuple(
            Row(cells=(Cell(text=t, where=f"第1页 第{n}行", page=1),), source=source)  # type: ignore[arg-type]
            for n, t in enumerate(("项目名称：乡村振兴科普服务项目", "负责人：张三", "联系人：李四"), 1)))
        pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
        assert pairs["project_name"] == "乡村振兴科普服务项目" and pairs["leader_name"] == "张三"


def test_numbered_notes_that_open_with_labels_give_no_values() -> None:
    doc = DocText(file="申报书.docx", sha256="x", kind="docx", pages=1, rows=(
        *(Row(cells=(Cell(text=t, where=f"段落{n}"),), source="paragraph") for n, t in enumerate((
            "注：", "1.项目名称填写项目全称，不超过30字。", "2.申报单位盖章后扫描上传。", "3.申请经费最高10万元。",
            "4.起止时间截至2024年12月31日。", "5.项目负责人年龄不超过60周岁。"), 1)),
        *(Row(cells=(Cell(text=a, where=f"表1 第{n}行第1列"), Cell(text=b, where=f"表1 第{n}行第2列")), source="table")
          for n, (a, b) in enumerate((("项目名称", "湘江论坛"), ("申报单位", "湖南省生态学学会"), ("申请经费（万元）", "8"),
                                      ("起止时间", "2024年5月至11月")), 1))))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())]
    assert [v for f, v in pairs if f == "funding"] == ["8"]
    assert [v for f, v in pairs if f == "project_name"] == ["湘江论坛"]

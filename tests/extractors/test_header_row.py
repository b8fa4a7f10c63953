"""A header row of labels with the values in the row below (项目类别 | 子项 | 单位类型 …),
read as a text PDF and as a scan of the same page, where OCR leaves out the table's rules
and its empty cells and the values are matched to their labels by place."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from shenbao.execution import run_isolated
from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import _matcher, rows_to_pairs
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.record import Cell, DocText, ExtractedForm, Row
from tests.builders.pdf_quirks import GridCell, cjk_font_path, image_pdf, pdf_from, ruled_table

PROJECT = "洞庭湖湿地候鸟监测技术交流会"
ORG = "湖南省生态学学会"
WIDTHS = (150.0, 90.0, 90.0, 110.0)


def _table(header: list[GridCell]) -> list[GridCell]:
    return [
        GridCell(0, 0, "项目名称"), GridCell(0, 1, PROJECT, colspan=3),
        GridCell(1, 0, "申报单位"), GridCell(1, 1, ORG, colspan=3),
        *header,
        GridCell(3, 0, "科技创新服务能力建设项目"), GridCell(3, 1, "学术交流"), GridCell(3, 2, "省级学会"),
        GridCell(3, 3, "8"),
        GridCell(4, 0, "项目负责人"), GridCell(4, 1, "欧阳立新"), GridCell(4, 2, "联系电话"), GridCell(4, 3, "13907318826"),
        GridCell(5, 0, "起止时间"), GridCell(5, 1, "2024年5月至2024年11月", colspan=3),
    ]


# The item's column has a sub-header the vocabulary does not know ("子项").
SUB_HEADER = [GridCell(2, 0, "项目类别"), GridCell(2, 1, "子项"), GridCell(2, 2, "单位类型"), GridCell(2, 3, "申请经费（万元）")]
# The item's label spans both of its value columns.
SPANNING = [GridCell(2, 0, "项目类别", colspan=2), GridCell(2, 2, "单位类型"), GridCell(2, 3, "申请经费（万元）")]


def _assert_read(form: ExtractedForm | None) -> None:
    assert form is not None
    f = form.fields
    assert (f.project_name, f.applicant_org) == (PROJECT, ORG)
    assert (f.category, f.subcategory) == ("科技创新服务能力建设项目", "学术交流")
    assert f.applicant_type == "省级学会"
    assert f.funding_wan == 8.0
    assert (f.leader_name, f.leader_phone) == ("欧阳立新", "13907318826")


@pytest.mark.parametrize("header", [SUB_HEADER, SPANNING], ids=["sub-header", "spanning label"])
def test_values_under_a_header_row_are_read_from_a_text_pdf(header: list[GridCell]) -> None:
    data = pdf_from([ruled_table(_table(header), col_widths=WIDTHS)])
    _assert_read(doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "s")))


def test_values_are_matched_to_labels_by_place_when_ocr_left_cells_out() -> None:
    # OCR boxes: the empty 备注 value is missing, so the rows differ in length.
    def ocr(text: str, x0: float, x1: float, y: float, score: float = 0.99) -> Cell:
        return Cell(text=text, where="w", page=1, box=(x0, y, x1, y + 0.02), score=score)

    doc = DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True, rows=(
        Row(cells=(ocr("单位类型", 0.10, 0.20, 0.1), ocr("申请经费（万元）", 0.40, 0.58, 0.1), ocr("备注", 0.70, 0.75, 0.1)),
            source="ocr"),
        Row(cells=(ocr("☑省级学会", 0.10, 0.22, 0.13), ocr("☐市州科协", 0.23, 0.35, 0.13), ocr("6", 0.42, 0.44, 0.13, 0.9)),
            source="ocr"),
    ))
    pairs = {p.field: p for p in rows_to_pairs(doc, load_labels())}
    assert pairs["applicant_type"].value_text == "☑省级学会 ☐市州科协"
    assert (pairs["funding"].value_text, pairs["funding"].confidence) == ("6", 0.9)
    assert pairs["funding"].box == (0.40, 0.1, 0.58, 0.15)


def test_a_wide_value_goes_to_the_header_it_stands_under_most_not_the_nearest_one() -> None:
    def ocr(text: str, x0: float, x1: float, y: float) -> Cell:
        return Cell(text=text, where="w", page=1, box=(x0, y, x1, y + 0.02), score=0.99)

    # The amount starts under the end of 单位类型 but stands mostly under the wide 申请经费 header.
    doc = DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True, rows=(
        Row(cells=(ocr("单位类型", 0.10, 0.20, 0.1), ocr("申请经费（万元）", 0.30, 0.70, 0.1)), source="ocr"),
        Row(cells=(ocr("省级学会", 0.06, 0.115, 0.13), ocr("捌万元整（￥80000.00）", 0.12, 0.40, 0.13)), source="ocr"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert (pairs["applicant_type"], pairs["funding"]) == ("省级学会", "捌万元整（￥80000.00）")


def test_a_row_of_values_that_holds_a_label_is_not_read_as_values() -> None:
    doc = DocText(file="a.pdf", sha256="s", kind="pdf", rows=(
        Row(cells=(Cell(text="项目负责人", where="a"), Cell(text="联系电话", where="b"))),
        Row(cells=(Cell(text="申请经费", where="c"), Cell(text="5万元", where="d"))),
    ))
    pairs = [(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels()) if p.value_text]
    assert pairs == [("funding", "5万元")]


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_values_under_a_header_row_are_read_from_a_scan() -> None:
    # The same page printed and scanned at 150 dpi: no text layer, no rules to go by.
    data = pdf_from([ruled_table(_table(SUB_HEADER), col_widths=WIDTHS)])
    image = pdfium.PdfDocument(data)[0].render(scale=150 / 72).to_pil().convert("RGB")
    # Read as the pipeline reads it: in a forked reader, alone in its process, so that the OCR
    # helper may take the page's second half (a process with other threads reads the page whole;
    # earlier tests leave threads behind in this one).
    doc = run_isolated(pdf_to_doctext, image_pdf([image]), "申报书扫描件.pdf", "s", timeout=300)
    assert isinstance(doc, DocText) and doc.ocr
    form = doctext_to_form(doc)
    _assert_read(form)
    assert form is not None and not {"subcategory", "applicant_type", "funding_wan"} & set(form.low_confidence)


def _box(text: str, x0: float, x1: float, y: float, source_page: int = 1) -> Cell:
    return Cell(text=text, where="w", page=source_page, box=(x0, y, x1, y + 0.02), score=0.99)


def test_values_wrapped_in_their_cells_under_a_header_row_are_read_whole() -> None:
    # A scan's text layer: each value wrapped over lines in its cell; the 序号 column's number
    # joined to its header (序号1), the second amount on the lines below the first.
    doc = DocText(file="扫描.pdf", sha256="s", kind="pdf", pages=1, rows=(
        Row(cells=(_box("序号1", 0.05, 0.10, 0.10), _box("项目名称", 0.12, 0.45, 0.10),
                   _box("申请经费", 0.50, 0.70, 0.10)), source="line"),
        Row(cells=(_box("服务会同县黑茶产业高质量发展学", 0.12, 0.45, 0.13), _box("壹拾贰万元(120000", 0.50, 0.70, 0.13)),
            source="line"),
        Row(cells=(_box("会服务站", 0.12, 0.20, 0.155), _box("元)壹拾万元", 0.50, 0.62, 0.155)), source="line"),
        Row(cells=(_box("(100000元)", 0.50, 0.62, 0.18),), source="line"),
        Row(cells=(_box("四、申报单位意见", 0.05, 0.30, 0.21),), source="line"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["project_name"] == "服务会同县黑茶产业高质量发展学 会服务站"
    assert pairs["funding"] == "壹拾贰万元(120000 元)壹拾万元 (100000元)"


def test_a_line_far_below_a_header_rows_values_is_not_taken_as_their_wrap() -> None:
    doc = DocText(file="扫描.pdf", sha256="s", kind="pdf", pages=1, rows=(
        Row(cells=(_box("项目名称", 0.12, 0.45, 0.10), _box("申请经费", 0.50, 0.70, 0.10)), source="line"),
        Row(cells=(_box("湘江流域学术交流会", 0.12, 0.45, 0.13), _box("8万元", 0.50, 0.70, 0.13)), source="line"),
        Row(cells=(_box("经理事会审议通过，同意申报。", 0.12, 0.60, 0.30),), source="line"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert (pairs["project_name"], pairs["funding"]) == ("湘江流域学术交流会", "8万元")


def test_a_people_grid_by_columns_on_a_scan_gives_each_value_to_the_role_it_stands_under() -> None:
    # OCR left the contact's empty name cell out: the one name stands under 项目负责人.
    doc = DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True, rows=(
        Row(cells=(_box("项目人员", 0.05, 0.20, 0.10), _box("项目负责人", 0.30, 0.50, 0.10),
                   _box("项目联系人", 0.60, 0.80, 0.10)), source="ocr"),
        Row(cells=(_box("姓名", 0.05, 0.12, 0.13), _box("姚新民", 0.32, 0.42, 0.13)), source="ocr"),
        Row(cells=(_box("手机/电话", 0.05, 0.15, 0.16), _box("19373432796", 0.30, 0.48, 0.16),
                   _box("0731-69977912", 0.60, 0.78, 0.16)), source="ocr"),
    ))
    pairs = {(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())}
    assert ("leader_name", "姚新民") in pairs and not any(f == "contact_name" for f, _ in pairs)
    assert {("leader_phone", "19373432796"), ("contact_phone", "0731-69977912")} <= pairs


def test_a_footnote_below_a_ruled_header_rows_values_is_not_their_wrap() -> None:
    # A text PDF's ruled table: the cell boxes are the ruling's, and a footnote sits just under it.
    def cell(text: str, x0: float, x1: float, y0: float, y1: float) -> Cell:
        return Cell(text=text, where="w", page=4, box=(x0, y0, x1, y1))

    doc = DocText(file="申报书.pdf", sha256="s", kind="pdf", pages=4, rows=(
        Row(cells=(cell("序号", 0.07, 0.10, 0.26, 0.30), cell("项目名称", 0.10, 0.22, 0.26, 0.30),
                   cell("申请经费", 0.76, 0.83, 0.26, 0.30))),
        Row(cells=(cell("1", 0.07, 0.10, 0.30, 0.86), cell("长株潭蚕桑科技成果转化青年科学家论坛", 0.10, 0.22, 0.30, 0.86),
                   cell("9万元", 0.76, 0.83, 0.30, 0.86))),
        Row(cells=(cell("1 项目名称须与申报单位公章、正文及预算表一致。", 0.07, 0.32, 0.886, 0.904),), source="line"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert (pairs["project_name"], pairs["funding"]) == ("长株潭蚕桑科技成果转化青年科学家论坛", "9万元")


def test_a_names_closing_bracket_boxed_apart_on_a_scan_stays_with_the_name() -> None:
    doc = DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True, rows=(
        Row(cells=(_box("项目名称", 0.05, 0.15, 0.10), _box("“科创中国”湖南中心建设与运营(2024年度）", 0.20, 0.60, 0.10),
                   _box("(湖南省微生物学会)", 0.70, 0.90, 0.10)), source="ocr"),
        Row(cells=(_box("申报单位", 0.05, 0.15, 0.13), _box("湖南省微生物学会", 0.20, 0.40, 0.13)), source="ocr"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["project_name"] == "“科创中国”湖南中心建设与运营(2024年度）(湖南省微生物学会)"


def test_lines_of_bracketed_boxes_under_an_option_label_carry_its_list_on() -> None:
    # An OFD's or PDF's text lines: the option list cut at gaps into one cell per option.
    doc = DocText(file="申报书.ofd", sha256="s", kind="ofd", pages=1, rows=(
        Row(cells=(_box("项目名称", 0.11, 0.18, 0.10), _box("湘江流域学术交流会", 0.34, 0.60, 0.10)), source="line"),
        Row(cells=(_box("项目类别", 0.11, 0.18, 0.13), _box("科技创新服务能力建设项目：", 0.34, 0.57, 0.13)), source="line"),
        Row(cells=(_box("[ ]学术交流", 0.34, 0.44, 0.145), _box("[V]科技创新联盟建设", 0.45, 0.61, 0.145)), source="line"),
        Row(cells=(_box("[ ]“科创中国”湖南中心建设与运营", 0.34, 0.60, 0.16), _box("[ ]学会服务站建设", 0.62, 0.76, 0.16)),
            source="line"),
        Row(cells=(_box("申报单位", 0.11, 0.18, 0.18), _box("湖南省生态学学会", 0.34, 0.50, 0.18)), source="line"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert "[V]科技创新联盟建设" in pairs["subcategory"] and "学会服务站建设" in pairs["subcategory"]
    assert pairs["applicant_org"] == "湖南省生态学学会"
    form = doctext_to_form(doc)
    assert form is not None and form.fields.subcategory == "科技创新联盟建设"


def test_a_label_cut_into_two_pieces_over_option_lines_with_ticks_in_cells_of_their_own() -> None:
    # A grid of slivers exported as text lines: 项目 | 类别 cut in two, the options on the lines
    # below, the tick a cell of its own before its option, a long option wrapped in its cell.
    doc = DocText(file="申报书.ofd", sha256="s", kind="ofd", pages=1, rows=(
        Row(cells=(_box("项目", 0.11, 0.14, 0.10), _box("名称", 0.15, 0.18, 0.10),
                   _box("湘江流域学术交流会", 0.34, 0.60, 0.10)), source="line"),
        Row(cells=(_box("项目", 0.11, 0.14, 0.13), _box("类别", 0.15, 0.18, 0.13),
                   _box("科技创新服务能力建设项目", 0.34, 0.57, 0.13)), source="line"),
        Row(cells=(_box("学术交流", 0.34, 0.44, 0.16), _box("√", 0.45, 0.46, 0.16), _box("科技创新联盟建设", 0.47, 0.61, 0.16)),
            source="line"),
        Row(cells=(_box("“科创中国”试点城市建设", 0.34, 0.50, 0.175), _box("“科创中国”湖南中心建设与运", 0.52, 0.70, 0.175)),
            source="line"),
        Row(cells=(_box("营", 0.52, 0.53, 0.19),), source="line"),
        Row(cells=(_box("申报", 0.11, 0.14, 0.21), _box("单位", 0.15, 0.18, 0.21), _box("湖南省生态学学会", 0.34, 0.50, 0.21)),
            source="line"),
        # The type's label cut in two alone on its line, its options on the line below.
        Row(cells=(_box("单位", 0.11, 0.14, 0.24), _box("类型", 0.15, 0.18, 0.24)), source="line"),
        Row(cells=(_box("√", 0.34, 0.35, 0.26), _box("省级学会", 0.36, 0.44, 0.26), _box("市州科协", 0.46, 0.54, 0.26)),
            source="line"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert "√ 科技创新联盟建设" in pairs["subcategory"] and "湖南中心建设与运\n营" in pairs["subcategory"]
    assert pairs["applicant_org"] == "湖南省生态学学会"
    form = doctext_to_form(doc)
    assert form is not None and form.fields.subcategory == "科技创新联盟建设"
    assert pairs["applicant_type"].startswith("√ 省级学会") and form.fields.applicant_type == "省级学会"


def test_cells_of_an_unruled_grid_wrapped_over_text_lines_join_their_columns() -> None:
    # An OFD's grid without rules: each cell wraps inside its column over the lines below.
    doc = DocText(file="申报书.ofd", sha256="s", kind="ofd", pages=1, rows=(
        Row(cells=(_box("项目名称", 0.10, 0.20, 0.10), _box("湘江流域学术交流会", 0.25, 0.60, 0.10)), source="line"),
        Row(cells=(_box("负责人", 0.10, 0.18, 0.13), _box("（填写负责人姓", 0.25, 0.40, 0.13), _box("职务", 0.45, 0.50, 0.13),
                   _box("副主任", 0.52, 0.60, 0.13), _box("手机", 0.65, 0.70, 0.13), _box("（请填写手机号", 0.72, 0.90, 0.13)),
            source="line"),
        Row(cells=(_box("名）徐红梅", 0.25, 0.36, 0.152), _box("码", 0.72, 0.74, 0.152)), source="line"),
        Row(cells=(_box("）13006668554", 0.72, 0.86, 0.174),), source="line"),
        Row(cells=(_box("联系人", 0.10, 0.18, 0.20), _box("贺伟", 0.25, 0.30, 0.20), _box("电话", 0.45, 0.50, 0.20),
                   _box("0733-", 0.52, 0.58, 0.20), _box("邮箱", 0.65, 0.70, 0.20), _box("zaw@126.com", 0.72, 0.86, 0.20)),
            source="line"),
        Row(cells=(_box("72548514", 0.52, 0.60, 0.222),), source="line"),
        Row(cells=(_box("项目总经费", 0.10, 0.20, 0.25), _box("7", 0.25, 0.26, 0.25), _box("申请省科协资", 0.45, 0.58, 0.25),
                   _box("5", 0.60, 0.61, 0.25)), source="line"),
        Row(cells=(_box("（万元）", 0.10, 0.18, 0.272), _box("助（万元）", 0.45, 0.55, 0.272)), source="line"),
        # A paragraph's line under a row of pairs, from the margin: no cell's wrap.
        Row(cells=(_box("起止时间", 0.10, 0.20, 0.30), _box("2024年5月至", 0.25, 0.40, 0.30)), source="line"),
        Row(cells=(_box("2024年11月，分两阶段实施", 0.10, 0.40, 0.322),), source="line"),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["contact_email"] == "zaw@126.com"
    assert (pairs["total_funding"], pairs["funding"]) == ("7", "5")
    assert pairs["period"].startswith("2024年5月至") and "2024年11月" in pairs["period"]
    form = doctext_to_form(doc)
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone, f.contact_phone) == ("徐红梅", "13006668554", "0733-72548514")


def test_labels_spaced_into_pieces_under_a_pairs_row_are_labels_not_its_wrapped_cells() -> None:
    # 姓 | 名, 电 | 话, 邮 | 箱: each a label spaced to its column, not the text of the cells above.
    doc = DocText(file="申报书.pdf", sha256="s", kind="pdf", pages=1, rows=(
        Row(cells=(_box("项目名称", 0.10, 0.20, 0.10), _box("湘江流域学术交流会", 0.40, 0.70, 0.10)), source="line"),
        Row(cells=(_box("项目联系人", 0.10, 0.20, 0.13), _box("姓", 0.25, 0.27, 0.13), _box("名", 0.33, 0.35, 0.13),
                   _box("陈慧（秘书处）", 0.40, 0.55, 0.13)), source="line"),
        Row(cells=(_box("电", 0.25, 0.27, 0.152), _box("话", 0.33, 0.35, 0.152), _box("0730-68024957", 0.40, 0.55, 0.152)),
            source="line"),
        Row(cells=(_box("邮", 0.25, 0.27, 0.174), _box("箱", 0.33, 0.35, 0.174), _box("ogxmx@126.com", 0.40, 0.55, 0.174)),
            source="line"),
        Row(cells=(_box("申报单位", 0.10, 0.20, 0.20), _box("湖南省生态学学会", 0.40, 0.60, 0.20)), source="line"),
        Row(cells=(_box("项目负责人", 0.10, 0.20, 0.23), _box("欧阳立新", 0.40, 0.50, 0.23)), source="line"),
        Row(cells=(_box("申请经费", 0.10, 0.20, 0.26), _box("8万元", 0.40, 0.50, 0.26)), source="line"),
        Row(cells=(_box("起止时间", 0.10, 0.20, 0.29), _box("2024年5月至11月", 0.40, 0.60, 0.29)), source="line"),
    ))
    form = doctext_to_form(doc)
    assert form is not None
    assert (form.fields.contact_name, form.fields.contact_phone, form.fields.contact_email) == (
        "陈慧", "0730-68024957", "ogxmx@126.com")


def test_a_header_row_of_labels_is_left_to_the_header_reading_not_merged_with_its_second_line() -> None:
    doc = DocText(file="申报书.pdf", sha256="s", kind="pdf", pages=1, rows=(
        Row(cells=(_box("序", 0.05, 0.07, 0.10), _box("项目名称", 0.10, 0.25, 0.10), _box("申报单位", 0.30, 0.45, 0.10),
                   _box("项目负", 0.50, 0.56, 0.10), _box("申请经费", 0.60, 0.70, 0.10)), source="line"),
        Row(cells=(_box("号", 0.05, 0.07, 0.122), _box("责人", 0.50, 0.56, 0.122)), source="line"),
        Row(cells=(_box("1", 0.05, 0.06, 0.15), _box("湘江流域学术交流会", 0.10, 0.28, 0.15), _box("湖南省生态学学会", 0.30, 0.46, 0.15),
                   _box("欧阳立新", 0.50, 0.58, 0.15), _box("8万元", 0.60, 0.66, 0.15)), source="line"),
    ))
    merged = _matcher(load_labels()).cells_wrapped_over_lines(list(doc.rows))
    assert len(merged) == 3

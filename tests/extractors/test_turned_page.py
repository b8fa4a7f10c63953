"""A page scanned upside down is read the right way up; its evidence stays on the scan."""

from __future__ import annotations

import hashlib

import pytest

from shenbao.extraction import read_file_job
from shenbao.extractors.fields import score_and_form
from shenbao.extractors.ocr_reader import OcrBox, upside_down
from shenbao.record import Cell, DocText, Row, half_turned
from tests.builders.pdf_quirks import cjk_font_path, form_image, image_pdf

LINES = ["2024年度项目申报书", "项目名称              长株潭渔业关键核心技术学术论坛", "申报单位              湖南省渔业学会",
         "项目负责人            蔡明", "负责人手机            15945205242", "申请经费（万元）      7",
         "起止时间              2024年5月至2024年9月"]


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_a_form_scanned_upside_down_reads_as_the_upright_one_with_its_evidence_on_the_scan() -> None:
    page = form_image(LINES, width=1240, line_height=60, font_size=30)
    forms = []
    for image in (page, page.rotate(180)):
        data = image_pdf([image])
        result = read_file_job(data, "申报书扫描件.pdf", "pdf", hashlib.sha256(data).hexdigest())
        assert result.form is not None
        forms.append(result.form)
    upright, turned = forms
    assert turned.fields == upright.fields
    assert (turned.fields.project_name, turned.fields.leader_phone) == ("长株潭渔业关键核心技术学术论坛", "15945205242")
    # The project name sits near the top left of the upright scan and near the bottom right of
    # the turned one: the evidence picture is cut where the value is on the page as sent.
    up, down = upright.evidence["project_name"].box, turned.evidence["project_name"].box
    assert up is not None and down is not None
    assert up[0] < 0.2 and up[1] < 0.3
    assert down[2] > 0.8 and down[3] > 0.7
    assert down[0] == pytest.approx(1 - up[2], abs=0.03) and down[1] == pytest.approx(1 - up[3], abs=0.03)


def _box(x0: float, y0: float, text: str) -> OcrBox:
    return OcrBox(x0, y0, x0 + 20 * len(text), y0 + 30, text, 0.99)


def test_labels_with_their_values_on_the_left_make_a_page_upside_down_and_on_the_right_do_not() -> None:
    rows = [("项目名称", "某某学术年会"), ("申报单位", "湖南省某学会"), ("项目负责人", "张三"), ("申请经费", "8")]
    upright = [b for n, (label, value) in enumerate(rows)
               for b in (_box(100, 100 + 50 * n, label), _box(400, 100 + 50 * n, value))]
    turned = [b for n, (label, value) in enumerate(rows)
              for b in (_box(100, 100 + 50 * n, value), _box(400, 100 + 50 * n, label))]
    assert not upside_down(upright)
    assert upside_down(turned)
    # Two turned labels are not enough to turn a page (a stray line, a label in a remark).
    assert not upside_down(turned[:4])


def test_a_persons_phone_labels_after_the_name_do_not_turn_a_page() -> None:
    """Two pages printed side by side: 手机/电话/邮箱 follow the names they belong to, their values
    cut into the next box or lost; only field labels (项目名称, 申报单位 …) tell the page's turn."""
    boxes = [_box(100, 100, "项目负责人"), _box(300, 100, "张三"), _box(500, 100, "手机"),
             _box(100, 150, "李四"), _box(500, 150, "电话"), _box(100, 200, "王五"), _box(300, 200, "邮箱")]
    assert not upside_down(boxes)


def _header_bands(turned: bool) -> list[OcrBox]:
    """A form whose labels stand over their values in bands of three (项目名称 | 单位类型 |
    项目类别 over their values …): each label has labels on both sides, so only their order
    tells the page's turn. Turned: the bands from the bottom up, each right to left."""
    bands = [("项目名称", "单位类型", "申报单位"), ("项目负责人", "项目联系人", "联系电话"), ("申请经费", "起止时间", "电子邮箱")]
    boxes = []
    for n, band in enumerate(bands):
        for k, label in enumerate(band):
            x, y = 100 + 300 * k, 100 + 120 * n
            if turned:
                x, y = 1000 - x, 1000 - y
            boxes += [_box(x, y, label), _box(x, y + 50, "某某")]
    return boxes


def test_labels_over_their_values_in_the_reverse_of_the_forms_order_make_a_page_upside_down() -> None:
    assert upside_down(_header_bands(turned=True))
    assert not upside_down(_header_bands(turned=False))
    # Too few kinds of label to judge by their order.
    assert not upside_down([_box(900, 900, "起止时间"), _box(900, 700, "项目负责人"), _box(900, 500, "项目名称")])


def test_lines_opening_with_labels_run_into_their_values_tell_a_turned_page_by_their_order() -> None:
    # A form pasted as text, scanned upside down: no box is a label alone, but the lines that
    # open with one (and the parts' headings) come bottom up.
    lines = ["一、基本情况", "项目名称绿色低碳与隧道创新发展学术论坛", "项目类别科技创新服务能力建设项目：",
             "申报单位湖南湘江新能源有限公司科协", "项目负责人石文博负责人手机15491887335", "申请经费大写：柒万元整",
             "起止时间03/2024-12/2024", "四、申报单位意见", "五、市州科协审核意见"]
    upright = [_box(100, 100 + 50 * n, text) for n, text in enumerate(lines)]
    turned = [_box(100, 100 + 50 * (len(lines) - n), text) for n, text in enumerate(lines)]
    assert upside_down(turned)
    assert not upside_down(upright)


def _rows_on_page(lines: list[tuple[str, ...]], turned: bool) -> DocText:
    """OCR rows of a label column (x 0.10–0.30) and a value column (x 0.40–0.85), a line every
    0.03 of the page; turned: read from a page scanned upside down, each box where it is on
    the scan (as ocr_reader gives them)."""
    rows = []
    for n, texts in enumerate(lines):
        y = 0.1 + 0.03 * n
        cells = []
        for k, text in enumerate(texts):
            box = (0.10, y, 0.30, y + 0.02) if k == 0 and len(texts) > 1 else (0.40, y, 0.85, y + 0.02)
            cells.append(Cell(text=text, where=f"第1页 第{n + 1}行第{k + 1}块", page=1,
                              box=half_turned(box) if turned else box, score=0.99, turned=turned))
        rows.append(Row(cells=tuple(cells), source="ocr"))
    return DocText(file="扫描件.pdf", sha256="0" * 64, kind="pdf", rows=tuple(rows), pages=1, ocr=True)


def test_the_cells_of_a_page_read_upside_down_pair_as_on_the_upright_page() -> None:
    # The form's item over two lines of its value cell, its hint under its label: where the
    # lines after it start a label or continue the value is judged by where their boxes stand,
    # which on the scan as sent (labels right of their values, the last row on top) misleads.
    lines = [("项目名称", "长株潭渔业关键核心技术学术论坛"), ("项目类别", "科技创新服务能力建设项目："),
             ("(限选一项)", "项目：学术交流"), ("申报单位", "湖南省渔业学会"),
             ("项目负责人", "蔡明"), ("负责人手机", "15945205242"), ("申请经费（万元）", "7"),
             ("起止时间", "2024年5月至2024年9月")]
    upright = score_and_form(_rows_on_page(lines, turned=False))[1]
    turned = score_and_form(_rows_on_page(lines, turned=True))[1]
    assert upright is not None and turned is not None
    assert (upright.fields.applicant_org, upright.fields.leader_phone) == ("湖南省渔业学会", "15945205242")
    assert turned.fields == upright.fields
    box = turned.evidence["applicant_org"].box
    assert box is not None and box == pytest.approx(half_turned(upright.evidence["applicant_org"].box or (0, 0, 0, 0)))

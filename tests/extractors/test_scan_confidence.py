"""Confidence per field, not per format: on a scan a value is doubted only when the
recogniser's own score for it is low, not because it is OCR text."""

from __future__ import annotations

import io

import pytest
from PIL import ImageFilter

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.ocr_reader import OcrBox, boxes_to_rows, image_to_doctext
from shenbao.extractors.pairs import DOUBTFUL_BELOW, OCR_CONFIDENCE, rows_to_pairs
from shenbao.record import Cell, DocText, Row
from tests.builders.pdf_quirks import cjk_font_path, form_image


def _ocr_doc(*rows: tuple[Cell, ...]) -> DocText:
    return DocText(file="扫描.pdf", sha256="s", kind="scan", rows=tuple(Row(cells=r, source="ocr") for r in rows),
                   pages=2, ocr=True)


def _cell(text: str, score: float | None, box: tuple[float, float, float, float], page: int = 1) -> Cell:
    return Cell(text=text, where=f"第{page}页", page=page, box=box, score=score)


def test_a_cell_wrapped_onto_a_second_line_keeps_the_lower_score_and_both_boxes() -> None:
    boxes = [
        OcrBox(100, 100, 300, 140, "申报单位", 0.99), OcrBox(400, 100, 900, 140, "湖南省示例声", 0.97),
        OcrBox(400, 142, 600, 180, "学学会", 0.62),
    ]
    [row] = boxes_to_rows(boxes, page_no=2, size=(1000, 2000))
    assert [c.text for c in row.cells] == ["申报单位", "湖南省示例声学学会"]
    value = row.cells[1]
    assert (value.page, value.score) == (2, 0.62)
    assert value.box == pytest.approx((0.4, 0.05, 0.9, 0.09))


def test_a_pair_is_as_sure_as_the_least_sure_cell_of_its_value_not_of_its_label() -> None:
    doc = _ocr_doc(
        (_cell("项目名称", 0.41, (0.1, 0.1, 0.2, 0.12)), _cell("某某学术年会", 0.98, (0.3, 0.1, 0.6, 0.12))),
        (_cell("项目负责人", 0.99, (0.1, 0.2, 0.2, 0.22)), _cell("张三", 0.97, (0.3, 0.2, 0.4, 0.22)),
         _cell("申请经费", 0.99, (0.5, 0.2, 0.6, 0.22)), _cell("8万元", 0.55, (0.7, 0.2, 0.8, 0.22))),
    )
    pairs = {p.field: p for p in rows_to_pairs(doc, load_labels())}
    assert pairs["project_name"].confidence == 0.98 and not pairs["project_name"].doubtful
    assert pairs["project_name"].box == (0.1, 0.1, 0.6, 0.12)  # label and value united
    assert pairs["leader_name"].confidence == 0.97
    assert pairs["funding"].confidence == 0.55 and pairs["funding"].doubtful
    assert pairs["funding"].box == (0.5, 0.2, 0.8, 0.22)


def test_a_value_continued_on_the_next_page_is_placed_on_its_own_first_page() -> None:
    doc = _ocr_doc(
        (_cell("项目名称", 0.99, (0.1, 0.9, 0.2, 0.92), page=1),),
        (_cell("某某学术年会", 0.93, (0.1, 0.05, 0.5, 0.07), page=2),),
    )
    [pair] = [p for p in rows_to_pairs(doc, load_labels()) if p.field == "project_name"]
    assert (pair.value_text, pair.page, pair.box, pair.confidence) == ("某某学术年会", 2, (0.1, 0.05, 0.5, 0.07), 0.93)


def test_only_the_field_read_with_a_low_score_is_doubted() -> None:
    doc = _ocr_doc(
        (_cell("项目名称：某某学术年会", 0.99, (0.1, 0.1, 0.6, 0.12)),),
        (_cell("申报单位：湖南省某学会", 0.975, (0.1, 0.2, 0.6, 0.22)),),
        (_cell("负责人：张三联系电话：13800000000", 0.52, (0.1, 0.3, 0.8, 0.32)),),
        (_cell("申请经费：8万元", 0.995, (0.1, 0.4, 0.4, 0.42)),),
        (_cell("项目周期：2024.03-2024.12", 0.985, (0.1, 0.5, 0.5, 0.52)),),
    )
    form = doctext_to_form(doc)
    assert form is not None
    # The contact rows this scan lacks are doubted for that; of the fields read, only these two.
    assert {f for f in form.low_confidence if "没有找到" not in form.doubts[f]} == {"leader_name", "leader_phone"}
    assert form.evidence["leader_phone"].confidence == 0.52
    assert "识别分数0.52" in form.doubts["leader_phone"]
    assert form.evidence["funding_wan"].box == (0.1, 0.4, 0.4, 0.42)


def test_ocr_text_without_a_score_is_still_doubted() -> None:
    # A reader that gives no score for its OCR text leaves nothing to vouch for it.
    doc = _ocr_doc((Cell(text="项目名称：某某学术年会", where="w"),), (Cell(text="申报单位：湖南省某学会", where="w"),),
                   (Cell(text="负责人：张三", where="w"),), (Cell(text="申请经费：8万元", where="w"),))
    form = doctext_to_form(doc)
    assert form is not None
    assert OCR_CONFIDENCE < DOUBTFUL_BELOW
    assert {"project_name", "applicant_org", "leader_name", "funding_wan"} <= set(form.low_confidence)


# ------------------------------------------------------------------ with the real engine

GAP = " " * 8  # wide enough for the engine to see label and value as two boxes
LINES = [
    "一、基本情况",
    f"项目名称{GAP}洞庭湖湿地候鸟监测技术交流会",
    f"申报单位{GAP}湖南省生态学学会",
    f"项目负责人{GAP}贺晓琳",
    f"负责人手机{GAP}13907318826",
    f"申请经费{GAP}8万元",
    f"起止时间{GAP}2024年5月—2024年11月",
]
LINE_HEIGHT, FONT = 60, 30


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_on_a_scan_a_clean_field_is_trusted_and_a_smudged_one_is_doubted() -> None:
    # One page at 150 dpi; the leader's name is smudged (blurred where it was written, from
    # x=266, just left of the value, enough to unsettle the recogniser but not the detector).
    image = form_image(LINES, width=1240, line_height=LINE_HEIGHT, font_size=FONT)
    top = 60 + 3 * LINE_HEIGHT
    region = (266, top - 6, 1230, top + FONT + 14)
    image.paste(image.crop(region).filter(ImageFilter.GaussianBlur(2.5)), region[:2])
    out = io.BytesIO()
    image.save(out, format="PNG")
    form = doctext_to_form(image_to_doctext(out.getvalue(), "扫描.png", "s"))
    assert form is not None
    f = form.fields
    assert (f.project_name, f.applicant_org, f.leader_phone, f.funding_wan) == (
        "洞庭湖湿地候鸟监测技术交流会", "湖南省生态学学会", "13907318826", 8.0)
    assert f.leader_name == "贺晓琳"  # read, right, and yet not sure
    assert "leader_name" in form.low_confidence
    assert form.evidence["leader_name"].confidence < DOUBTFUL_BELOW
    assert "识别分数" in form.doubts["leader_name"]
    for name in ("project_name", "applicant_org", "leader_phone", "funding_wan", "start_date", "end_date"):
        assert name not in form.low_confidence, name


def test_a_value_the_engine_cut_into_two_boxes_is_read_whole_with_the_lower_score() -> None:
    # "贺" and "晓琳" a character's width apart: one name; the phone a column further on.
    doc = _ocr_doc(
        (_cell("项目名称：某某学术年会", 0.99, (0.1, 0.1, 0.6, 0.12)),),
        (_cell("项目负责人", 0.99, (0.05, 0.2, 0.17, 0.22)), _cell("贺", 0.99, (0.22, 0.2, 0.245, 0.22)),
         _cell("晓琳", 0.91, (0.26, 0.2, 0.31, 0.22)), _cell("13907318826", 0.99, (0.6, 0.2, 0.75, 0.22))),
    )
    [leader] = [p for p in rows_to_pairs(doc, load_labels()) if p.field == "leader_name"]
    assert (leader.value_text, leader.confidence) == ("贺晓琳", 0.91)
    assert leader.box == (0.05, 0.2, 0.31, 0.22)


_SUMMARY_HEAD = ("序号", "项目名称", "申报单位", "项目负责人", "负责人手机", "项目联系人", "联系电话", "申请经费(万元)", "起止时间")


def _titled_scan(*rows: tuple[str, ...], ocr: bool = True) -> DocText:
    built = [("2024年度湖南省科协科技创新服务能力提升计划项目申报书",), *rows]
    return DocText(file="申报书扫描件.pdf", sha256="s", kind="scan" if ocr else "docx", ocr=ocr,
                   rows=tuple(Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行") for t in r), source="ocr")
                              for n, r in enumerate(built, 1)))


def test_a_scan_titled_as_the_form_showing_its_labels_but_no_value_is_the_form_unread() -> None:
    """A one-row summary sheet whose narrow columns OCR scrambled: the labels are there, no value
    pairs. It is the form with every field "cannot tell", not "no form, ask for it again"."""
    doc = _titled_scan(_SUMMARY_HEAD, ("1", "称）岳阳市", "号码）130", "0737) 46372"), ("“科创中国”试点城", "致）湖南省桥梁"))
    form = doctext_to_form(doc)
    assert form is not None
    assert form.fields.project_name is None and form.fields.leader_name is None
    assert {"project_name", "applicant_org", "leader_name", "funding_wan"} <= set(form.low_confidence)
    assert "无法识别" in form.doubts["project_name"]


def test_a_typed_document_or_a_scan_with_few_labels_stays_no_form() -> None:
    # The same page typed: a Word file shows what it holds, so an unpaired header is not a form.
    assert doctext_to_form(_titled_scan(_SUMMARY_HEAD, ("1", "称）岳阳市"), ocr=False)) is None
    # A scan of the guide's instructions names a label or two, not the form's rows.
    assert doctext_to_form(_titled_scan(("填报说明",), ("项目名称", "申报单位"))) is None

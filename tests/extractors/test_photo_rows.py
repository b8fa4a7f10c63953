"""Photographed and scanned forms: table rows found again on a turned page, cell tails wider
than their heads, table rules between tight rows, option lists cut into several boxes a line,
and one real photo read by OCR."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.ocr_reader import OcrBox, boxes_to_rows, image_to_doctext, page_skew
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row
from tests.builders.pdf_quirks import cjk_font_path

needs_cjk_font = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")


def _turned(x0: float, y0: float, x1: float, y1: float, text: str, slope: float) -> OcrBox:
    """The box the detector returns for a level box (x0…y1) on a page turned by `slope`."""
    a = math.atan(slope)

    def turn(x: float, y: float) -> tuple[float, float]:
        return (x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a))

    quad = (turn(x0, y0), turn(x1, y0), turn(x1, y1), turn(x0, y1))
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return OcrBox(min(xs), min(ys), max(xs), max(ys), text, 0.99, quad)


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in rows]


# A four-column grid as the engine sees it on a level page (pixels, rows 30 px apart).
_GRID = [
    (200, 300, 300, 330, "负责人"), (400, 300, 530, 330, "叶子轩（处长）"), (700, 300, 760, 330, "手机"),
    (900, 300, 1070, 330, "17282034865"),
    (200, 330, 300, 360, "联系人"), (400, 330, 500, 360, "戴一鸣"), (700, 330, 760, 360, "邮箱"),
    (900, 330, 1140, 360, "jfbw1771@139.com"),
]


def test_a_turned_photo_keeps_each_table_row_on_one_line() -> None:
    # Turned 1.5°: across the table a row drops 26 px, nearly a row's height, and the label
    # 联系人 fell into a line with the values of the row above (read as “52”).
    boxes = [_turned(*b, slope=0.026) for b in _GRID]
    assert page_skew(boxes) == pytest.approx(0.026, abs=0.001)
    rows = boxes_to_rows(boxes, page_no=1, size=(1300, 1800))
    assert _texts(rows) == [["负责人", "叶子轩（处长）", "手机", "17282034865"], ["联系人", "戴一鸣", "邮箱", "jfbw1771@139.com"]]
    # The evidence box stays where the text is on the photo, not in the levelled frame.
    phone = boxes[3]
    assert rows[0].cells[3].box == (round(phone.x0 / 1300, 4), round(phone.y0 / 1800, 4), round(phone.x1 / 1300, 4),
                                     round(phone.y1 / 1800, 4))


def test_a_level_page_is_grouped_as_it_is() -> None:
    boxes = [_turned(*b, slope=0.0) for b in _GRID]
    assert page_skew(boxes) == 0.0
    assert len(boxes_to_rows(boxes, page_no=1)) == 2


def test_a_phone_number_broken_at_its_hyphen_gets_its_wider_tail() -> None:
    # A narrow cell wraps "0731-62685151" after the hyphen; the tail is wider than the head
    # but ends before the next column.
    boxes = [
        OcrBox(200, 300, 300, 330, "联系人", 0.99), OcrBox(400, 300, 500, 330, "董文博", 0.99),
        OcrBox(600, 300, 660, 330, "电话", 0.99), OcrBox(750, 300, 820, 330, "0731-", 0.99),
        OcrBox(900, 300, 960, 330, "邮箱", 0.99), OcrBox(1050, 300, 1230, 330, "syqh@139.com", 0.99),
        OcrBox(750, 326, 880, 356, "62685151", 0.99),
    ]
    rows = boxes_to_rows(boxes, page_no=1)
    assert _texts(rows) == [["联系人", "董文博", "电话", "0731-62685151", "邮箱", "syqh@139.com"]]


def test_a_tail_reaching_into_the_next_column_is_not_a_tail() -> None:
    boxes = [
        OcrBox(600, 300, 660, 330, "电话", 0.99), OcrBox(750, 300, 820, 330, "0731-", 0.99),
        OcrBox(900, 300, 960, 330, "邮箱", 0.99),
        OcrBox(750, 326, 950, 356, "一行很长的别的文字", 0.99),
    ]
    assert len(boxes_to_rows(boxes, page_no=1)) == 2


def _ruled_page(rule_at: int | None, ink: int = 30) -> np.ndarray:
    plane = np.full((600, 1300), 250, dtype=np.uint8)
    if rule_at is not None:
        plane[rule_at:rule_at + 2, 150:1250] = ink
    return plane


@pytest.mark.parametrize("ink", [30, 150])  # a copier prints a thin rule grey
def test_a_table_rule_between_two_tight_rows_keeps_them_apart(ink: int) -> None:
    # "经费预算 | 申请金额 | 8（万元）" over "其中自筹 | 5万元": as close as a wrapped cell.
    boxes = [
        OcrBox(200, 300, 300, 330, "经费预算", 0.99), OcrBox(400, 300, 500, 330, "申请金额", 0.99),
        OcrBox(600, 300, 700, 330, "8（万元）", 0.99),
        OcrBox(400, 331, 500, 361, "其中自筹", 0.99), OcrBox(600, 331, 680, 361, "5万元", 0.99),
    ]
    ruled = boxes_to_rows(boxes, page_no=1, plane=_ruled_page(330, ink))
    assert _texts(ruled) == [["经费预算", "申请金额", "8（万元）"], ["其中自筹", "5万元"]]
    # Without the rule the lower line reads as the cells' wrapped tails.
    assert len(boxes_to_rows(boxes, page_no=1, plane=_ruled_page(None))) == 1


def _ocr_row(*cells: tuple[str, tuple[float, float, float, float]]) -> Row:
    return Row(cells=tuple(Cell(text=t, where="w", page=1, box=b, score=0.99) for t, b in cells), source="ocr")


def test_an_option_list_cut_into_several_boxes_a_line_stays_one_value() -> None:
    doc = DocText(file="IMG_1.jpg", sha256="x", kind="scan", pages=1, ocr=True, rows=(
        _ocr_row(("项目类别", (0.15, 0.18, 0.22, 0.196)), ("科技创新服务能力建设项目：", (0.26, 0.179, 0.47, 0.195))),
        _ocr_row(("☑学术交流 ☐科技创新联盟建设", (0.26, 0.192, 0.50, 0.21)),
                 ("☐“科创中国”试点城市建设", (0.52, 0.19, 0.84, 0.207))),
        _ocr_row(("申报单位", (0.15, 0.21, 0.22, 0.226)), ("湖南省油茶学会", (0.26, 0.21, 0.42, 0.226))),
    ))
    pairs = {p.field: p.value_text for p in rows_to_pairs(doc, load_labels())}
    assert pairs["subcategory"] == "科技创新服务能力建设项目：\n☑学术交流 ☐科技创新联盟建设 ☐“科创中国”试点城市建设"
    assert pairs["applicant_org"] == "湖南省油茶学会"


def test_boxes_under_a_row_of_two_pairs_are_not_glued_onto_its_last_value() -> None:
    doc = DocText(file="IMG_1.jpg", sha256="x", kind="scan", pages=1, ocr=True, rows=(
        _ocr_row(("负责人", (0.15, 0.20, 0.21, 0.216)), ("王立新", (0.26, 0.20, 0.32, 0.216)),
                 ("职务", (0.39, 0.20, 0.43, 0.216)), ("秘书长", (0.50, 0.20, 0.56, 0.216))),
        _ocr_row(("某某", (0.50, 0.22, 0.56, 0.236)), ("其他", (0.60, 0.22, 0.66, 0.236))),
    ))
    pairs = rows_to_pairs(doc, load_labels())
    assert [p.value_text for p in pairs if p.raw_label == "职务"] == ["秘书长"]


# ----------------------------------------------------------------- one real photo

_FORM = [
    ("项目名称", "长株潭某某学术年会", "", ""),
    ("申报单位", "湖南省示例学会", "单位类型", "省级学会"),
    ("负责人", "王立新", "手机", "13912345678"),
    ("联系人", "赵敏", "邮箱", "zm@example.cn"),
    ("申请经费（万元）", "6", "联系电话", "0731-84561234"),
]


def _photo(turn_degrees: float) -> bytes:
    """A printed 4-column form at 150 dpi, photographed turned on a desk, as JPEG."""
    path = cjk_font_path()
    assert path is not None
    font = ImageFont.truetype(path, 24, index=2)
    page = Image.new("RGB", (1240, 700), (250, 250, 246))
    draw = ImageDraw.Draw(page)
    lefts, top, height = [100, 330, 620, 850, 1140], 150, 40
    for r, row in enumerate(_FORM):
        y = top + r * height
        draw.line((lefts[0], y, lefts[-1], y), fill=(20, 20, 20), width=2)
        for c, text in enumerate(row):
            draw.text((lefts[c] + 8, y + 7), text, fill=(20, 20, 20), font=font)
    bottom = top + len(_FORM) * height
    draw.line((lefts[0], bottom, lefts[-1], bottom), fill=(20, 20, 20), width=2)
    for x in lefts:
        draw.line((x, top, x, bottom), fill=(20, 20, 20), width=2)
    desk = Image.new("RGB", (1360, 820), (120, 90, 60))
    desk.paste(page, (60, 60))
    desk = desk.rotate(turn_degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(100, 80, 60))
    out = io.BytesIO()
    desk.filter(ImageFilter.GaussianBlur(0.5)).save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.mark.slow
@needs_cjk_font
def test_a_photo_turned_two_degrees_reads_every_value_of_its_rows() -> None:
    doc = image_to_doctext(_photo(2.0), "IMG_20240420_1.jpg", "sha")
    form = doctext_to_form(doc)
    assert form is not None
    f = form.fields
    assert (f.applicant_org, f.leader_name, f.leader_phone) == ("湖南省示例学会", "王立新", "13912345678")
    assert (f.contact_name, f.contact_email, f.contact_phone) == ("赵敏", "zm@example.cn", "0731-84561234")

"""OCR reader: line grouping, de-reddening, image decoding, and one real offline OCR run."""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from shenbao.extractors import ocr_reader
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.ocr_reader import (
    OcrBox, boxes_to_lines, boxes_to_rows, drop_faint, image_to_doctext, open_image, remove_red, sheet_rows,
    two_up_gutter,
)
from shenbao.extractors.text_cleanup import text_for_matching
from tests.builders.pdf_quirks import cjk_font_path, form_image

needs_cjk_font = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")


def _box(x0: float, y0: float, x1: float, y1: float, text: str) -> OcrBox:
    return OcrBox(x0, y0, x1, y1, text, 0.99)


def test_boxes_on_a_slightly_skewed_line_form_one_row_left_to_right() -> None:
    boxes = [
        _box(829, 495, 1383, 541, "通讯地址：长沙市芙蓉区"),
        _box(215, 510, 484, 549, "手机：15800745436"),
        _box(214, 547, 407, 587, "联系人：史颖"),
        _box(829, 534, 1185, 578, "联系电话：0731-23822336"),
    ]
    lines = boxes_to_lines(boxes)
    assert [[b.text for b in line] for line in lines] == [
        ["手机：15800745436", "通讯地址：长沙市芙蓉区"],
        ["联系人：史颖", "联系电话：0731-23822336"],
    ]


def test_each_box_is_its_own_cell_with_its_place() -> None:
    rows = boxes_to_rows([_box(10, 10, 100, 40, "负责人：张三"), _box(300, 12, 500, 42, "联系电话：138")], page_no=2)
    assert len(rows) == 1 and rows[0].source == "ocr"
    assert [(c.text, c.where) for c in rows[0].cells] == [
        ("负责人：张三", "第2页 第1行第1块"), ("联系电话：138", "第2页 第1行第2块")]


def test_a_table_cell_wrapped_onto_a_second_line_is_joined() -> None:
    boxes = [
        _box(100, 100, 200, 140, "申报单位"), _box(260, 100, 420, 140, "岳阳市科协"),
        _box(480, 100, 560, 140, "单位类"), _box(600, 100, 720, 140, "市州科协"),
        _box(490, 142, 520, 180, "型"),
    ]
    rows = boxes_to_rows(boxes, page_no=3)
    assert [[c.text for c in r.cells] for r in rows] == [["申报单位", "岳阳市科协", "单位类型", "市州科协"]]
    assert rows[0].cells[2].where == "第3页 第1行第3块"


def test_a_heading_or_a_full_row_under_a_table_row_is_not_joined() -> None:
    boxes = [
        _box(456, 100, 561, 140, "合计"), _box(954, 100, 997, 140, "30"),
        _box(210, 150, 529, 190, "五、申报单位意见"),
        _box(300, 200, 400, 240, "1"), _box(500, 200, 600, 240, "人员费"),
        _box(300, 242, 400, 282, "2"), _box(500, 242, 600, 282, "业务费"),
    ]
    rows = boxes_to_rows(boxes, page_no=1)
    assert [[c.text for c in r.cells] for r in rows] == [
        ["合计", "30"], ["五、申报单位意见"], ["1", "人员费"], ["2", "业务费"]]


def test_spaces_the_engine_puts_between_han_are_removed() -> None:
    rows = boxes_to_rows([_box(10, 10, 100, 40, "申 报 单 位")], page_no=1)
    assert rows[0].cells[0].text == "申报单位"


def test_red_fades_to_paper_while_black_text_stays_dark() -> None:
    rgb = np.array([[[215, 30, 35], [20, 20, 20], [250, 250, 250]]], dtype=np.uint8)
    out = remove_red(rgb)
    assert out.shape == rgb.shape
    assert out[0, 0, 0] > 200 and out[0, 1, 0] < 40 and out[0, 2, 0] > 240


def test_bytes_that_are_not_an_image_are_unreadable() -> None:
    with pytest.raises(UnreadableFile) as info:
        open_image(b"\x89PNG\r\n\x1a\n broken")
    assert info.value.reason == "图片文件已损坏或格式无法识别"


def test_transparent_png_is_flattened_on_white() -> None:
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    opened = open_image(out.getvalue())
    assert opened.mode == "RGB" and opened.getpixel((5, 5)) == (255, 255, 255)


@pytest.fixture
def network_blocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any attempt to reach the network fails, and the engine is rebuilt under the block."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network blocked by test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    try:
        import requests  # optional: not a dependency of ours; blocked too where it is installed
    except ImportError:
        pass
    else:
        monkeypatch.setattr(requests.Session, "request", refuse)
    ocr_reader.ocr_engine.cache_clear()
    yield
    ocr_reader.ocr_engine.cache_clear()


@pytest.mark.slow
@needs_cjk_font
def test_ocr_reads_a_sealed_form_image_offline(network_blocked: None) -> None:
    lines = ["项目名称：青年科技人才论坛", "项目负责人：张三", "联系电话：13812345678", "申报日期：2024年4月20日"]
    out = io.BytesIO()
    form_image(lines, seal_over_line=2).save(out, format="PNG")
    doc = image_to_doctext(out.getvalue(), "扫描.png", "sha")
    assert doc.kind == "scan" and doc.ocr and doc.pages == 1
    assert doc.seal == "present"
    cells = [text_for_matching(c.text) for r in doc.rows for c in r.cells]
    assert any("13812345678" in c for c in cells)  # all 11 digits, not cut by the seal
    assert any("张三" in c for c in cells)


# --------------------------------------------------------------------------- spread characters

def test_a_character_missing_from_a_spread_value_lowers_the_score_beside_its_gap() -> None:
    # 黄　爱　华　宁 spread over a cell, 华's box not found: the gap between 爱 and 宁 is two pitches.
    line = [_box(40, 10, 200, 40, "负责人"), _box(300, 10, 345, 40, "黄"), _box(500, 10, 545, 40, "爱"),
            _box(950, 10, 995, 40, "宁"), _box(1150, 10, 1195, 40, "远")]
    (row,) = boxes_to_rows(line, page_no=1)
    assert [c.score for c in row.cells] == [0.99, 0.99, 0.5, 0.5, 0.99]


@pytest.mark.parametrize("texts_at", [
    [(300, "黄"), (500, "爱"), (700, "华")],  # spread evenly: nothing missing
    [(300, "黄爱华"), (500, "副秘书长")],  # longer boxes: no spread run
    [(300, "黄"), (360, "爱"), (900, "华")],  # apart by less than a character: not spread
])
def test_an_evenly_spread_or_unspread_line_keeps_its_scores(texts_at: list[tuple[int, str]]) -> None:
    line = [_box(x, 10, x + 45 * len(t), 40, t) for x, t in texts_at]
    (row,) = boxes_to_rows(line, page_no=1)
    assert all(c.score == 0.99 for c in row.cells)


# --------------------------------------------------------------------------- faint boxes

def _page_with_boxes(paper: int, inks: list[int]) -> tuple[NDArray[np.uint8], list[OcrBox]]:
    """A page of `paper` grey with one text box per ink level, its strokes that dark."""
    plane = np.full((400, 600), paper, dtype=np.uint8)
    boxes = []
    for k, ink in enumerate(inks):
        y = 20 + 40 * k
        plane[y + 10:y + 20, 20:200:4] = ink  # strokes across the box's middle
        boxes.append(_box(20, y, 200, y + 30, f"第{k}行"))
    return plane, boxes


def test_the_seals_pale_text_is_left_out_and_black_ink_kept() -> None:
    plane, boxes = _page_with_boxes(250, [20, 25, 30, 200])
    assert [b.text for b in drop_faint(plane, boxes)] == ["第0行", "第1行", "第2行"]


def test_a_faded_scans_grey_ink_is_kept_and_only_what_is_paler_still_goes() -> None:
    # Tinted paper and grey toner: every line is paler than black ink would be.
    plane, boxes = _page_with_boxes(235, [150, 155, 160, 150, 228])
    assert [b.text for b in drop_faint(plane, boxes)] == ["第0行", "第1行", "第2行", "第3行"]


def test_a_signature_page_with_more_seal_text_than_lines_keeps_its_measure() -> None:
    plane, boxes = _page_with_boxes(250, [30, 30, 30, 200, 200, 200, 200])
    assert [b.text for b in drop_faint(plane, boxes)] == ["第0行", "第1行", "第2行"]


def test_a_spread_name_before_short_cells_is_not_doubted() -> None:
    # 汪　春　生 spread, then a post and a title in cells of their own: no character is missing.
    line = [_box(40, 10, 200, 40, "项目负责人"), _box(300, 10, 330, 40, "汪"), _box(360, 10, 390, 40, "春"),
            _box(420, 10, 450, 40, "生"), _box(560, 10, 590, 40, "男"), _box(700, 10, 730, 40, "教")]
    (row,) = boxes_to_rows(line, page_no=1)
    assert all(c.score == 0.99 for c in row.cells)


# --------------------------------------------------------------------------- two pages on one sheet

def _two_up(rule_across: bool) -> tuple[list[OcrBox], tuple[int, int], NDArray[np.uint8]]:
    size = (2000, 1400)
    plane = np.full((1400, 2000), 250, dtype=np.uint8)
    if rule_across:
        plane[90:500:60, 100:1900] = 0  # one table's rules from side to side: a single wide page
    boxes = []
    for k in range(6):
        y = 100 + 60 * k
        boxes.append(_box(100, y, 400, y + 40, f"左{k}"))
        boxes.append(_box(1100, y + 5, 1500, y + 45, f"右{k}"))
    return boxes, size, plane


def test_a_scanned_two_up_sheet_reads_its_left_page_then_its_right() -> None:
    boxes, size, plane = _two_up(rule_across=False)
    assert two_up_gutter(boxes, size, plane) is not None
    rows = sheet_rows(boxes, 1, size, plane)
    assert [r.cells[0].text for r in rows] == [f"左{k}" for k in range(6)] + [f"右{k}" for k in range(6)]
    assert all(len(r.cells) == 1 for r in rows) and rows[6].cells[0].where == "第1页 第7行第1块"


def test_a_wide_page_whose_rules_cross_the_middle_is_one_page() -> None:
    boxes, size, plane = _two_up(rule_across=True)
    assert two_up_gutter(boxes, size, plane) is None
    assert [[c.text for c in r.cells] for r in sheet_rows(boxes, 1, size, plane)][0] == ["左0", "右0"]

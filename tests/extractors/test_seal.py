"""Red-seal detection."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from shenbao.extractors.seal import combine_seal_states, detect_seal
from tests.builders.pdf_quirks import cjk_font_path, form_image

needs_cjk_font = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
LINES = ["项目名称：青年科技人才论坛", "项目负责人：张三", "联系电话：13812345678", "申报日期：2024年4月20日"]


def _page_with_black_text() -> Image.Image:
    image = Image.new("RGB", (1200, 800), (250, 246, 238))  # a colour scan's cream paper
    draw = ImageDraw.Draw(image)
    for n in range(8):
        draw.rectangle((80, 80 + n * 80, 900, 100 + n * 80), fill=(25, 25, 25))
    return image


@needs_cjk_font
def test_a_red_seal_over_text_is_present() -> None:
    assert detect_seal(form_image(LINES, seal_over_line=2)) == "present"


@needs_cjk_font
def test_the_same_page_in_greyscale_is_unknown_not_absent() -> None:
    image = form_image(LINES, seal_over_line=2)
    assert detect_seal(image.convert("L")) == "unknown"
    assert detect_seal(image.convert("L").convert("RGB")) == "unknown"


def test_a_colour_page_without_red_has_no_seal() -> None:
    assert detect_seal(_page_with_black_text()) == "absent"


def test_a_red_rule_or_title_is_not_a_seal() -> None:
    image = _page_with_black_text()
    ImageDraw.Draw(image).rectangle((80, 20, 1100, 40), fill=(220, 20, 30))
    assert detect_seal(image) == "absent"


def test_a_red_oval_seal_is_present() -> None:
    image = _page_with_black_text()
    ImageDraw.Draw(image).ellipse((700, 300, 1000, 520), outline=(210, 30, 30), width=8)
    assert detect_seal(image) == "present"


def test_a_white_vector_page_is_absent_only_when_colours_are_exact() -> None:
    blank = Image.new("RGB", (600, 800), (255, 255, 255))
    assert detect_seal(blank) == "unknown"
    assert detect_seal(blank, colour_known=True) == "absent"


def test_pages_combine_present_over_absent_over_unknown() -> None:
    assert combine_seal_states(["unknown", "absent", "present"]) == "present"
    assert combine_seal_states(["unknown", "absent"]) == "absent"
    assert combine_seal_states(["unknown"]) == "unknown"
    assert combine_seal_states([]) == "unknown"

"""Column widths stop measuring once the cap is reached, and come out as measuring every text
would: on generated columns of Chinese, ASCII and mixed text with line breaks."""

from __future__ import annotations

import random
import unicodedata

from shenbao.outputs.cells import column_width, display_width

PIECES = ("湖南省", "科学技术协会", "abc", "2024-0001", "（万元）", "\n", " ", "学术交流项目", "x" * 30, "字" * 25)


def width_of_every_text(texts: list[str], cap: int, minimum: int = 6) -> float:
    widest = max((display_width(t) for t in texts), default=0)
    return float(min(cap, max(minimum, widest + 2)))


def test_column_width_is_that_of_its_widest_text_whatever_the_cap() -> None:
    rng = random.Random(9)
    for _ in range(500):
        texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(0, 8))]
        for cap in (8, 10, 16, 30, 60):
            assert column_width(texts, cap=cap) == width_of_every_text(texts, cap), (texts, cap)


def test_a_long_line_after_short_ones_still_sets_the_width() -> None:
    assert column_width(["短", "短\n" + "字" * 40, "x"], cap=60) == 60.0
    assert column_width(["短", "短\n" + "字" * 10], cap=60) == 22.0


def width_counted_character_by_character(s: str) -> int:
    return max(sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in s.split("\n"))


def test_display_width_counts_wide_and_fullwidth_characters_double_as_unicodedata_says() -> None:
    rng = random.Random(12)
    # ASCII, Latin, CJK, fullwidth forms, halfwidth katakana, Hangul, emoji and CJK beyond the BMP.
    # Lone surrogates come from undecodable header bytes (surrogateescape).
    pool = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x3000, 5), *range(0x3000, 0xFFFF, 3), 0xDC80,
                             0x1F600, 0x20000, 0x2A6D6, 0x10000)] + ["\n"] * 3
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 200)))
        assert display_width(text) == width_counted_character_by_character(text), text

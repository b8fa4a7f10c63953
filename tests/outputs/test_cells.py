from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shenbao.outputs.cells import (
    cell_value,
    column_width,
    display_width,
    excel_datetime,
    safe_cell_text,
    strip_unsavable,
)

HOSTILE = [
    '=HYPERLINK("http://x","点我")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "a\x0bb",
    "a\udcc4b",
    "a\ufffeb",
    "a\uffffb\x07",
]


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x","点我")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_triggers_get_a_leading_apostrophe(text: str) -> None:
    assert safe_cell_text(text) == "'" + text


def test_ordinary_text_is_unchanged() -> None:
    assert safe_cell_text("湖南省某某学会 a=b -x") == "湖南省某某学会 a=b -x"


@pytest.mark.parametrize(("text", "expected"), [
    ("a\x0bb", "ab"), ("a\udcc4b", "ab"), ("a\ufffeb", "ab"), ("a\uffffb", "ab"), ("a\tb\nc", "a\tb\nc"),
])
def test_unsavable_characters_are_removed_and_tab_newline_kept(text: str, expected: str) -> None:
    assert strip_unsavable(text) == expected


def test_text_longer_than_an_excel_cell_is_cut_with_an_ellipsis() -> None:
    out = safe_cell_text("字" * 40000)
    assert len(out) == 32767
    assert out.endswith("…")


@pytest.mark.parametrize("write_only", [False, True])
def test_hostile_text_saves_and_reads_back_as_strings(tmp_path: Path, write_only: bool) -> None:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("t") if write_only else wb.active
    assert ws is not None
    for text in HOSTILE:
        ws.append([safe_cell_text(text)])
    target = tmp_path / "t.xlsx"
    wb.save(target)
    back = load_workbook(target)
    cells = [row[0] for row in back.worksheets[0].iter_rows()]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE)
    assert cells[0].value == '\'=HYPERLINK("http://x","点我")'
    assert [c.value for c in cells[6:]] == ["ab", "ab", "ab", "ab"]


def test_wide_characters_count_twice_in_width() -> None:
    assert display_width("abc") == 3
    assert display_width("湖南省") == 6
    assert display_width("（万元）") == 8  # fullwidth brackets are F
    assert display_width("短\n湖南省科学技术协会") == 18


def test_column_width_pads_and_caps() -> None:
    assert column_width(["湖南省"]) == 8.0
    assert column_width(["字" * 100]) == 60.0
    assert column_width([]) == 6.0


def test_aware_datetimes_become_naive_china_time() -> None:
    utc = datetime(2024, 4, 29, 8, 2, 11, tzinfo=timezone.utc)
    assert excel_datetime(utc) == datetime(2024, 4, 29, 16, 2, 11)
    other = datetime(2024, 4, 29, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    assert excel_datetime(other) == datetime(2024, 4, 29, 16, 0)
    assert excel_datetime(datetime(2024, 1, 1, 9, 0)) == datetime(2024, 1, 1, 9, 0)


def test_cell_value_keeps_numbers_and_dates_and_neutralises_text() -> None:
    assert cell_value(8.5) == 8.5
    assert cell_value(3) == 3
    assert cell_value(date(2024, 4, 30)) == date(2024, 4, 30)
    assert cell_value(None) is None
    assert cell_value("=1") == "'=1"
    assert cell_value("110101199003077777") == "110101199003077777"

"""Text from outside never becomes a path outside the output folder or a spreadsheet formula."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from shenbao.intake.archives import clean_member_name
from shenbao.intake.mime import display_name
from shenbao.outputs.cells import FORMULA_TRIGGERS, safe_cell_text
from shenbao.outputs.filenames import safe_file_name
from tests.hostile.builders import HOSTILE_NAMES

WINDOWS_FORBIDDEN = set('<>:"|?*\\/') | {chr(c) for c in range(32)}
DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def assert_one_safe_component(name: str) -> None:
    assert name and name not in (".", "..")
    assert not WINDOWS_FORBIDDEN & set(name), name
    assert not name.endswith((".", " ")), name
    assert name.split(".", 1)[0].upper() not in DEVICES, name
    assert len(name.encode("utf-8")) <= 180
    assert not any(unicodedata.category(ch) in ("Cf", "Cs") for ch in name), ascii(name)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_attachment_name_becomes_one_safe_file_name(name: str, tmp_path: Path) -> None:
    safe = safe_file_name(display_name(name))
    assert_one_safe_component(safe)
    target = tmp_path / "附件" / "0123456789abcdef" / safe
    assert target.resolve().parent == (tmp_path / "附件" / "0123456789abcdef").resolve()


def test_device_names_are_reserved_whatever_follows_the_first_dot() -> None:
    assert safe_file_name("con.tar.gz") == "_con.tar.gz"
    assert safe_file_name("NUL.") == "_NUL"
    assert safe_file_name("COM1.pdf") == "_COM1.pdf"
    assert safe_file_name("console.docx") == "console.docx"


def test_a_right_to_left_override_cannot_disguise_an_extension() -> None:
    assert display_name("申报书\u202egpj.docx") == "申报书gpj.docx"
    assert safe_file_name("申报书\u202egpj.docx") == "申报书gpj.docx"
    assert clean_member_name("材料/\u202e../x.docx") == "材料/x.docx"


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_any_text_makes_one_safe_file_name(name: str) -> None:
    assert_one_safe_component(safe_file_name(name))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_member_name_stays_inside_its_archive(name: str) -> None:
    cleaned = clean_member_name(name)
    assert not cleaned.startswith("/")
    assert ".." not in cleaned.split("/")
    assert "\\" not in cleaned and "\x00" not in cleaned


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_no_text_becomes_a_formula_in_a_saved_workbook(text: str) -> None:
    value = safe_cell_text(text)
    assert not value.startswith(FORMULA_TRIGGERS)
    wb = Workbook()
    wb.active["A1"] = value
    buf = io.BytesIO()
    wb.save(buf)
    cell = load_workbook(io.BytesIO(buf.getvalue())).active["A1"]
    assert cell.data_type != "f"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example/","点击")', "=cmd|' /C calc'!A0", "+1+1",
                                  "-2+3", "@SUM(A1)", "\t=1", "\r=1", "＝1+1"])
def test_formula_like_text_from_mail_stays_text(text: str) -> None:
    assert not safe_cell_text(text).startswith(FORMULA_TRIGGERS)

"""One safe file name from any text: for stored attachments (the register's 附件 folder) and for
reviewer packets (titles built from the register)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shenbao.outputs.filenames import fit_utf8, safe_file_name

WINDOWS_FORBIDDEN = set('<>:"|?*\\/') | {chr(c) for c in range(32)}
DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def assert_one_safe_component(name: str, max_bytes: int = 180) -> None:
    assert name and name not in (".", "..")
    assert not WINDOWS_FORBIDDEN & set(name), name
    assert not name.startswith((".", " ")) and not name.endswith((".", " ")), name
    assert name.split(".", 1)[0].strip(" ").upper() not in DEVICES, name
    assert len(name.encode("utf-8")) <= max_bytes
    assert not any(unicodedata.category(ch) in ("Cf", "Cs", "Co") for ch in name), ascii(name)


def test_reserved_characters_become_underscores() -> None:
    assert safe_file_name('a<b>c:d"e|h?i*j.pdf') == "a_b_c_d_e_h_i_j.pdf"
    assert safe_file_name("a\x00b\x1fc\x7f.docx") == "a_b_c_.docx"


def test_a_display_path_keeps_only_the_file_name() -> None:
    assert safe_file_name("申报材料/申报书.docx") == "申报书.docx"
    assert safe_file_name("C:\\Users\\me\\申报书.docx") == "申报书.docx"
    assert safe_file_name("../../etc/passwd") == "passwd"


def test_keep_path_turns_separators_into_underscores() -> None:
    assert safe_file_name("2024-0001_湖南省物理学会_物理/光学论坛?.pdf", keep_path=True) == (
        "2024-0001_湖南省物理学会_物理_光学论坛_.pdf")
    assert safe_file_name('a<b>c:d"e/f\\g|h?i*j.pdf', keep_path=True) == "a_b_c_d_e_f_g_h_i_j.pdf"


def test_device_names_are_reserved_whatever_follows_the_first_dot() -> None:
    assert safe_file_name("con.tar.gz") == "_con.tar.gz"
    assert safe_file_name("NUL.") == "_NUL"
    assert safe_file_name("COM1.pdf") == "_COM1.pdf"
    assert safe_file_name("CON.pdf", keep_path=True) == "_CON.pdf"
    assert safe_file_name("com1") == "_com1"
    assert safe_file_name("lpt¹.txt") == "_lpt¹.txt"
    assert safe_file_name("console.docx") == "console.docx"


def test_dots_and_spaces_go_from_the_ends_and_before_the_extension() -> None:
    assert safe_file_name("名称. .pdf") == "名称.pdf"
    assert safe_file_name(" .hidden. ") == "hidden"
    assert safe_file_name("..") == "附件" and safe_file_name("") == "附件"
    assert safe_file_name(".docx") == "docx"


def test_a_right_to_left_override_cannot_disguise_an_extension() -> None:
    assert safe_file_name("申报书\u202egpj.docx") == "申报书gpj.docx"


def test_the_stem_is_shortened_to_the_limits_and_the_extension_kept() -> None:
    long = safe_file_name("h" * 300 + ".pdf", max_chars=100, max_bytes=200)
    assert len(long) == 100 and long.endswith(".pdf")
    # ext4 and APFS refuse names over 255 bytes: 100 Chinese characters would be 300.
    chinese = safe_file_name("湖" * 300 + ".pdf", max_chars=100, max_bytes=200)
    assert len(chinese.encode()) <= 200 and chinese.endswith(".pdf") and chinese.startswith("湖" * 60)
    assert len(safe_file_name("湖" * 300 + ".docx").encode()) <= 180
    assert safe_file_name("a" * 20 + ".verylongextension", max_chars=12) == "a" * 12  # not an extension


def test_a_device_name_made_by_shortening_is_still_reserved() -> None:
    assert safe_file_name("CON. tail.txt", max_chars=8) == "_CON.txt"


def test_fit_utf8_never_splits_a_character() -> None:
    assert fit_utf8("湖南省", 7) == "湖南" and fit_utf8("湖南省", 9) == "湖南省" and fit_utf8("ab", 0) == ""


@pytest.mark.parametrize("keep_path", [False, True])
@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=400))
def test_any_text_makes_one_safe_file_name(name: str, keep_path: bool) -> None:
    assert_one_safe_component(safe_file_name(name, keep_path=keep_path))
    assert_one_safe_component(safe_file_name(name, keep_path=keep_path, max_chars=80, max_bytes=200), 200)


def test_a_safe_name_stays_inside_its_folder(tmp_path: Path) -> None:
    for name in ("../../x.docx", "..\\..\\x.docx", "/etc/passwd", "C:x.docx", "a/../../b"):
        for keep_path in (False, True):
            target = tmp_path / safe_file_name(name, keep_path=keep_path)
            assert target.resolve().parent == tmp_path.resolve()

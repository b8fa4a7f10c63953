"""Text clean-up: radical code points, full-width forms, spaced-out Han characters."""

from __future__ import annotations

from shenbao.extractors.text_cleanup import clean_text, fix_radicals, join_han_spaces, text_for_matching


def test_kangxi_radicals_match_their_labels() -> None:
    assert fix_radicals("⽇期") == "日期"
    assert fix_radicals("⾦额") == "金额"


def test_cjk_radical_supplement_that_nfkc_leaves_alone_is_mapped() -> None:
    assert fix_radicals("⻘年") == "青年"
    assert fix_radicals("⻓沙⻔户") == "长沙门户"


def test_compatibility_ideographs_become_unified() -> None:
    assert fix_radicals("\uf900") == "豈"


def test_single_spaces_between_han_are_removed() -> None:
    assert join_han_spaces("申 报 单 位") == "申报单位"
    assert clean_text("薛\u3000杰") == "薛杰"


def test_the_space_in_an_empty_option_bracket_is_kept() -> None:
    assert clean_text("学术交流（ ） 学会服务站建设（√）") == "学术交流（ ）学会服务站建设（√）"


def test_a_wide_gap_between_label_and_value_survives_as_one_space() -> None:
    assert clean_text("项目名称\u3000\u3000青年论坛") == "项目名称 青年论坛"


def test_spaces_in_latin_text_are_kept() -> None:
    assert clean_text("Hunan  Science  Association") == "Hunan Science Association"
    assert clean_text("电话 0731 8888") == "电话 0731 8888"


def test_full_width_label_with_ideographic_padding_matches_the_plain_label() -> None:
    assert text_for_matching("项目名称\u3000：\u3000青年论坛") == "项目名称:青年论坛"
    assert text_for_matching("１３８００００００００") == "13800000000"
    assert text_for_matching("申报单位（盖章）") == "申报单位(盖章)"


def test_clean_text_keeps_full_width_punctuation_for_display() -> None:
    assert clean_text("申报单位（盖章）：") == "申报单位（盖章）："


def test_newlines_are_kept_and_padding_around_them_dropped() -> None:
    assert clean_text("  第一行 \r\n 第二行\u3000") == "第一行\n第二行"


def test_pdfiums_hyphen_mark_reads_as_a_hyphen() -> None:
    # PDFium returns a line-end hyphen as U+0002 (Changsha-Zhuzhou broken over two lines).
    assert clean_text("Changsha\x02Zhuzhou-Xiangtan") == "Changsha-Zhuzhou-Xiangtan"

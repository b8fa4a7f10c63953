"""Checkbox marks in plain text and symbol fonts become ☑/☐ in front of the option label."""

from __future__ import annotations

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from shenbao.extractors.checkbox import (
    _MARK_TRIGGERS,
    CHOSEN_MARKS,
    UNCHOSEN_MARKS,
    _normalise,
    normalise_checkbox_glyphs,
    symbol_char_to_glyph,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("■学会服务站建设", "☑学会服务站建设"),
    ("√学术交流", "☑学术交流"),
    ("□√学术交流", "☑学术交流"),
    ("√□学术交流", "☑学术交流"),
    ("学术交流（√）", "☑学术交流"),
    ("学术交流(✓)", "☑学术交流"),
    ("类别：学术交流（√） 科普（ ）", "类别：☑学术交流 ☐科普"),
    ("（√）学术交流 （ ）科普", "☑学术交流 ☐科普"),
    ("☒省级学会 □市州科协", "☑省级学会 ☐市州科协"),
    ("✔ 是  ✓否", "☑是  ☑否"),
    ("☐ 高校科协", "☐高校科协"),
])
def test_marks_become_glyphs_before_the_label(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected


@pytest.mark.parametrize("text", [
    "申报单位（盖章）", "项目名称（）", "经费（万元）：8", "普通的一句话。", "",
])
def test_text_without_checkboxes_is_unchanged(text: str) -> None:
    assert normalise_checkbox_glyphs(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # a tick typed right after the chosen option, the others bare
    ("学术交流√  学会服务站建设", "☑学术交流  学会服务站建设"),
    ("学术交流  学会服务站建设√", "学术交流  ☑学会服务站建设"),
    ("省级学会 高校科协√ 企业（园区）科协", "省级学会 ☑高校科协 企业（园区）科协"),
    # a tick glued to the next option, or a list with boxes, is read as before
    ("学术交流 √学会服务站建设", "学术交流 ☑学会服务站建设"),
])
def test_a_tick_after_its_option_marks_that_option(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the template's boxes after the options, glued or spaced, the list over lines
    ("学术交流☐科技创新联盟建设☐学会服务站建设☑", "☐学术交流☐科技创新联盟建设☑学会服务站建设"),
    ("省级学会□ 市州科协■ 高校科协□", "☐省级学会 ☑市州科协 ☐高校科协"),
    ("学术交流 □ 学会服务站建设 ■", "☐学术交流  ☑学会服务站建设 "),  # each box a space after its option
    ("科技创新服务能力建设项目：\n学术交流☐学会服务站建设☑\n学会自身能力建设项目：\n学会制度机制建设☐",
     "科技创新服务能力建设项目：\n☐学术交流☑学会服务站建设\n学会自身能力建设项目：\n☐学会制度机制建设"),
    # boxes in front are left where they are, glued or not
    ("☐学术交流☑学会服务站建设", "☐学术交流☑学会服务站建设"),
    ("☐省级学会 ☑市州科协\n☐高校科协", "☐省级学会 ☑市州科协\n☐高校科协"),
    # boxes in front whose first (the chosen one) OCR lost: the last option has no box after it
    ("学术交流☐科技创新联盟建设☐学会服务站建设", "学术交流☐科技创新联盟建设☐学会服务站建设"),
    ("学术交流☐科技创新联盟建设☐“科创中国”试点城市建", "学术交流☐科技创新联盟建设☐“科创中国”试点城市建"),
])
def test_boxes_after_their_options_go_before_them(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a ticked box typed after the option, as a tick is
    ("学术交流 学会服务站建设☑", "学术交流 ☑学会服务站建设"),
    # the whole basic part in one text box: each line's list on its own, and a tick glued on both
    # sides follows the way another line shows (after its option)
    ("学术交流 学会服务站建设☑\n单位类型：省级学会☑市州科协 高校科协",
     "学术交流 ☑学会服务站建设\n单位类型：☑省级学会市州科协 高校科协"),
    # without a line that shows the way, the glued tick is left to the other rules (and doubted)
    ("项目名称：某论坛\n单位类型：省级学会☑市州科协 高校科协☑",
     "项目名称：某论坛\n单位类型：省级学会☑市州科协 高校科协☑"),
])
def test_a_ticked_box_after_its_option_and_one_texts_several_lists(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected
    assert normalise_checkbox_glyphs(expected) == expected


@pytest.mark.parametrize("text", ["学术交流√  学会服务站建设", "省级学会 高校科协√ 企业（园区）科协"])
def test_a_moved_tick_stays_put(text: str) -> None:
    once = normalise_checkbox_glyphs(text)
    assert normalise_checkbox_glyphs(once) == once


@pytest.mark.parametrize("text", [
    "类别：学术交流（√） 科普（ ）", "□√学术交流 ■科普", "☑学术交流 ☐科普",
])
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_checkbox_glyphs(text)
    assert normalise_checkbox_glyphs(once) == once


@pytest.mark.parametrize(("font", "code", "glyph"), [
    ("Wingdings", 0xF0FE, "☑"), ("Wingdings", 0xF0FD, "☑"), ("Wingdings", 0xF0FB, "☑"),
    ("Wingdings", 0xF0A8, "☐"), ("Wingdings", 0xF06F, "☐"), ("Wingdings", 0xF0A1, "☐"),
    ("Wingdings", ord("þ"), "☑"), ("Wingdings", ord("¨"), "☐"),
    ("Wingdings 2", 0xF052, "☑"), ("Wingdings 2", 0xF054, "☑"), ("Wingdings 2", ord("R"), "☑"),
    ("Wingdings 2", 0xF0A3, "☐"), ("Wingdings 2", 0xF030, "☐"), ("Wingdings 2", 0xF02A, "☐"),
    ("wingdings  2", ord("£"), "☐"),
    (None, 0xF0FE, "☑"),
])
def test_symbol_font_checkbox_codes_are_recognised(font: str | None, code: int, glyph: str) -> None:
    assert symbol_char_to_glyph(font, code) == glyph


@pytest.mark.parametrize(("font", "code"), [
    ("宋体", ord("R")), (None, ord("þ")), ("Wingdings", ord("A")), ("Symbol", 0xF0FE),
])
def test_ordinary_characters_are_not_checkboxes(font: str | None, code: int) -> None:
    assert symbol_char_to_glyph(font, code) is None


# Pieces option lists are made of: the characters rules react to, options, gaps (few, so that
# the generated lists often hold a whole bracket or box around an option).
_PIECES = ["（", "）", "(", ")", "[", "]", "［", "］", "【", "】", " ", "x", "×", "√", "□", "■", "V",
           "学术交流", "科普"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
@example("（ ）学术交流 （x）科普")
@example("【 】学术交流【x】科普")
@example("[ ]学术交流 [x]科普")
def test_text_without_a_trigger_character_is_left_as_it_is_by_every_rule(text: str) -> None:
    # The fast path returns such text untouched; the rules themselves must agree.
    if _MARK_TRIGGERS.isdisjoint(text):
        assert _normalise(text) == text
    assert normalise_checkbox_glyphs(text) == (_normalise(text) if text else text)


@pytest.mark.parametrize(("text", "expected"), [
    ("R学术交流  £学会服务站建设", "☑学术交流  ☐学会服务站建设"),
    ("单位类型：£省级学会  S其他", "单位类型：☐省级学会  ☑其他"),
    # without a £ before an option the font is not known to be lost: letters stay letters
    ("R学术交流 学会服务站建设", "R学术交流 学会服务站建设"),
    # a letter inside a Latin word before an option is no box
    ("ABR学术交流 £其他", "ABR学术交流 ☐其他"),
])
def test_wingdings_2_boxes_shown_in_the_text_font_are_read(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected
    assert normalise_checkbox_glyphs(expected) == expected


def test_a_chosen_letter_on_the_labels_line_marks_the_lettered_options_below() -> None:
    from shenbao.extractors.fields import choose_option
    from shenbao.extractors.labels import load_labels

    text = ("（ E ）\n科技创新服务能力建设项目：A.学术交流 B.科技创新联盟建设\n"
            "C.学会服务站建设\n学会自身能力建设项目：D.创新工程专业职称评审 E.学会制度机制建设")
    assert choose_option(text, load_labels().items) == ("学会制度机制建设", 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("学会服务站建设（√）  学术交流（×）  科技创新联盟建设（×）", "☑学会服务站建设  ☐学术交流  ☐科技创新联盟建设"),
    # a line of the same list holding only crosses: options said no to
    ("学术交流（×）  科技创新联盟建设（×）", "☐学术交流  ☐科技创新联盟建设"),
    # one cross alone, as some mark their choice, is still the choice
    ("学术交流（×）  学会服务站建设（ ）", "☑学术交流  ☐学会服务站建设"),
])
def test_crosses_beside_a_tick_say_no(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected
    assert normalise_checkbox_glyphs(expected) == expected


def test_a_cross_left_in_brackets_beside_a_ticked_option_chooses_nothing() -> None:
    from shenbao.extractors.fields import choose_option
    from shenbao.extractors.labels import load_labels

    text = "☑学术交流☐科技创新联盟建设 “科创中国”试点城市建设\n（×） ☐学会服务站建设"
    assert choose_option(text, load_labels().items) == ("学术交流", 1)
    # crosses alone are how some mark the choice
    assert choose_option("学术交流（×） 学会服务站建设（ ）", load_labels().items) == ("学术交流", 1)


@pytest.mark.parametrize("mark", ["☑\ufe0f", "✔\ufe0f", "✅\ufe0f"])
def test_an_emoji_keyboards_tick_with_its_variation_selector_chooses(mark: str) -> None:
    from shenbao.extractors.fields import choose_option

    text = f"☐学术交流 {mark}科技创新联盟建设 ☐学会服务站建设"
    assert choose_option(text, ["学术交流", "科技创新联盟建设", "学会服务站建设"])[0] == "科技创新联盟建设"


@pytest.mark.parametrize(("text", "expected"), [
    # ★ before the chosen option, ☆ before the others (an input method's symbol palette)
    ("★学术交流 ☆科技创新联盟建设 ☆学会服务站建设", "☑学术交流 ☐科技创新联盟建设 ☐学会服务站建设"),
    ("☆省级学会 ★ 市州科协 ☆高校科协", "☐省级学会 ☑市州科协 ☐高校科协"),
    # a pointing hand typed over the chosen option's box, or before it
    ("☞学术交流 □科技创新联盟建设 □学会服务站建设", "☑学术交流 ☐科技创新联盟建设 ☐学会服务站建设"),
    ("□省级学会 ☞ □市州科协", "☐省级学会 ☑市州科协"),
])
def test_stars_and_a_pointing_hand_mark_a_choice_in_an_option_list(text: str, expected: str) -> None:
    from shenbao.extractors.fields import choose_option

    assert normalise_checkbox_glyphs(text) == expected
    chosen = expected.split("☑")[1].split(" ")[0]
    options = [part.lstrip("☑☐") for part in expected.split(" ")]
    assert choose_option(text, options)[0] == chosen


@pytest.mark.parametrize("text", ["★重点项目：学术交流", "☞注意：请如实填写", "☆☆☆", "★★★★★ 评价"])
def test_a_star_or_a_hand_without_its_list_is_decoration(text: str) -> None:
    assert normalise_checkbox_glyphs(text) == text

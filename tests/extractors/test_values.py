"""Values: every format the office's forms use, and what must not be read."""

from __future__ import annotations

import pytest

from shenbao.extractors.values import (
    clean_org_name,
    clean_person_name,
    clean_project_name,
    cn_numeral_to_number,
    text_to_date,
    text_to_email,
    text_to_funding_wan,
    text_to_month_or_day,
    text_to_period,
    text_to_phone,
)


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("8万元", None, 8.0),
        ("8", "万元", 8.0),
        ("8.0", "万元", 8.0),
        ("8", None, 8.0),
        ("80000元", None, 8.0),
        ("￥80,000.00", None, 8.0),
        ("¥ 80,000.00", None, 8.0),
        ("捌万元整", None, 8.0),
        ("捌万元整（￥80,000.00）", None, 8.0),
        ("陆万元整", None, 6.0),
        ("壹拾万元整", None, 10.0),
        ("捌万伍仟元", None, 8.5),
        ("10.5万", None, 10.5),
        ("１０万元", None, 10.0),
        ("80000", "元", 8.0),
        ("300000", None, 30.0),
        ("5万元", "元", 5.0),
    ],
)
def test_funding_text_is_read_in_wan(text: str, hint: str | None, expected: float) -> None:
    assert text_to_funding_wan(text, hint) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "  ", "见附件", "待定"])
def test_funding_without_an_amount_is_none(text: str) -> None:
    assert text_to_funding_wan(text) is None


def test_chinese_numerals_read_both_forms() -> None:
    assert cn_numeral_to_number("二〇二四") == 2024
    assert cn_numeral_to_number("三十一") == 31
    assert cn_numeral_to_number("叁拾万") == 300000
    assert cn_numeral_to_number("abc") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二四年三月", "2024-03"),
        ("二〇二四年十二月三十一日", "2024-12-31"),
        ("2024.03", "2024-03"),
        ("2024/3/1", "2024-03-01"),
        ("2024-03", "2024-03"),
        ("2024年3月", "2024-03"),
        ("2024年4月25日", "2024-04-25"),
        ("２０２４年３月", "2024-03"),
    ],
)
def test_dates_keep_the_precision_the_form_gives(text: str, expected: str) -> None:
    assert text_to_date(text) == expected
    assert text_to_month_or_day(text) == expected


@pytest.mark.parametrize("text", ["", "年 月 日", "2024年13月", "2024/2/30"])
def test_impossible_or_blank_dates_are_none(text: str) -> None:
    assert text_to_date(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年3月—2024年12月", ("2024-03", "2024-12")),
        ("2024.03-2024.12", ("2024-03", "2024-12")),
        ("2024/3/1至2024/12/31", ("2024-03-01", "2024-12-31")),
        ("2024年3月1日至2024年12月31日", ("2024-03-01", "2024-12-31")),
        ("2024-03～2024-12", ("2024-03", "2024-12")),
        ("2024-03-2024-12", ("2024-03", "2024-12")),
        ("2024年5月至12月", ("2024-05", "2024-12")),
        ("2024年3月—2024年12\n月", ("2024-03", "2024-12")),
        ("2024年6月起", ("2024-06", None)),
        ("待定", (None, None)),
        # a start and a length: the end is counted, over a year's end too
        ("自2024年5月起，为期8个月", ("2024-05", "2024-12")),
        ("2024年10月起，为期六个月", ("2024-10", "2025-03")),
        ("自2024年3月1日起，为期十二个月", ("2024-03-01", "2025-02")),
        ("2024年5月—2024年12月（共8个月）", ("2024-05", "2024-12")),
        # years written with two digits
        ("24年5月—24年12月", ("2024-05", "2024-12")),
        ("24年5月至12月", ("2024-05", "2024-12")),
        # the month before its year, as a spreadsheet shows it
        ("03/2024-12/2024", ("2024-03", "2024-12")),
        ("3/2024至12/2024", ("2024-03", "2024-12")),
        ("01/03/2024-30/11/2024", (None, None)),  # day and month, or month and day: nobody can tell
    ],
)
def test_periods_give_start_and_end(text: str, expected: tuple[str | None, str | None]) -> None:
    assert text_to_period(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13800000000", "13800000000"),
        ("138 0000 0000", "13800000000"),
        ("138-0000-0000", "13800000000"),
        ("１３８００００００００", "13800000000"),
        ("0731-85821051", "0731-85821051"),
        ("0731 85821051", "0731-85821051"),
        ("（0731）85821051", "0731-85821051"),
        ("073185821051", "0731-85821051"),
        ("手机：15071144198", "15071144198"),
        ("85821051", "85821051"),
    ],
)
def test_phones_are_normalised(text: str, expected: str) -> None:
    assert text_to_phone(text) == expected


@pytest.mark.parametrize("text", ["", "无", "12345"])
def test_text_without_a_phone_is_none(text: str) -> None:
    assert text_to_phone(text) is None


def test_email_is_found_in_surrounding_text_and_full_width() -> None:
    assert text_to_email("邮箱：hnkj187@foxmail.com　") == "hnkj187@foxmail.com"
    assert text_to_email("ｈｎ＠１６３．ｃｏｍ") == "hn@163.com"
    assert text_to_email("无") is None


def test_an_address_wrapped_after_its_at_sign_is_joined() -> None:
    assert text_to_email("lwjnxo5882@\n126.com") == "lwjnxo5882@126.com"
    assert text_to_email("ｗｄｒｇｆｏｋ２３９７＠１\n２６．ｃｏｍ") == "wdrgfok2397@126.com"
    assert text_to_email("周敏\nzm@163.com") == "zm@163.com"  # a whole address on its own line
    assert text_to_email("abc@\n电话：0731-84123456") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("湖南省自动化学会（盖章）", "湖南省自动化学会"),
        ("湖南省自动化学会(盖章)", "湖南省自动化学会"),
        ("湖南省自动化学会 盖章", "湖南省自动化学会"),
        ("长沙经济技术开发区(星沙产业基地)科协", "长沙经济技术开发区（星沙产业基地）科协"),
        ("湖南省　园艺学会 ", "湖南省园艺学会"),
        ("", ""),
    ],
)
def test_org_names_lose_seal_notes_and_spaces(text: str, expected: str) -> None:
    assert clean_org_name(text) == expected


def test_person_names_lose_inner_spacing_but_latin_words_keep_one_space() -> None:
    assert clean_person_name("熊　平") == "熊平"
    assert clean_person_name(" 高 艳 ") == "高艳"
    assert clean_person_name("John  Smith") == "John Smith"
    assert clean_person_name("@戴磊") == "戴磊" and clean_person_name("＠ 戴磊") == "戴磊"
    assert clean_person_name("a@b") == "a@b"


def test_project_names_keep_full_width_brackets_and_lose_padding() -> None:
    assert clean_project_name("国家级学会服务站（柑橘产业）建设　　") == "国家级学会服务站（柑橘产业）建设"
    assert clean_project_name("第3届湘江 机器人论坛") == "第3届湘江机器人论坛"


def test_landline_with_a_space_inside_keeps_its_area_code() -> None:
    assert text_to_phone("0731-8582 1051") == "0731-85821051"


def test_end_month_after_a_dash_takes_the_start_year() -> None:
    assert text_to_period("2024.3-12") == ("2024-03", "2024-12")


def test_names_from_pdfs_with_radical_code_points_are_repaired() -> None:
    assert clean_project_name("⽇照论坛") == "日照论坛"
    assert clean_org_name("湖南省⻘年学会") == "湖南省青年学会"


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年5月至年底", ("2024-05", "2024-12")),
    ("2024年3月至2025年底", ("2024-03", "2025-12")),
    ("2024年10月至次年年底", ("2024-10", "2025-12")),
    ("2024年3月至2025年6月底", ("2024-03", "2025-06")),
    # a deadline in a sentence is no end of the period
    ("2024年5月起，年底前完成", ("2024-05", None)),
])
def test_a_period_ending_at_a_years_end(text: str, expected: tuple[str | None, str | None]) -> None:
    assert text_to_period(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年第二季度至第四季度", ("2024-04", "2024-12")),
    ("2024年第三季度至2025年第二季度", ("2024-07", "2025-06")),
    ("2024年三季度", ("2024-07", "2024-09")),  # one quarter: its first month to its last
    ("2024年第三季度至2025年6月", ("2024-07", "2025-06")),  # a quarter before a month starts the period
    ("2024年4月至2024年第四季度", ("2024-04", "2024-12")),  # after a month it ends it
    ("2024年第二季度至年底", ("2024-04", "2024-12")),
    ("2024年5月上旬至12月下旬", ("2024-05", "2024-12")),
    ("2024年3月中旬至2025年6月下旬", ("2024-03", "2025-06")),
])
def test_a_period_in_quarters_or_in_ten_day_parts_of_months(text: str,
                                                            expected: tuple[str | None, str | None]) -> None:
    assert text_to_period(text) == expected


def test_a_quarter_alone_is_no_date() -> None:
    # Start or end, the first month or the last: only a period says which.
    assert text_to_date("2024年第四季度") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年度（4月—10月）", ("2024-04", "2024-10")),
    ("2024年(3-12月)", ("2024-03", "2024-12")),
    ("2024年度（4—10月）", ("2024-04", "2024-10")),
    ("2024年（第二季度）", (None, None)),  # a quarter is not a pair of months
])
def test_a_year_with_its_months_in_brackets(text: str, expected: tuple[str | None, str | None]) -> None:
    assert text_to_period(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("7万5千元整", 7.5), ("8万元整", 8.0), ("人民币7万5千元", 7.5), ("5千5百元", 0.55), ("8千元", 0.8),
    ("25万元整", 25.0),
])
def test_digits_with_the_spoken_units_of_an_amount(text: str, expected: float) -> None:
    assert text_to_funding_wan(text) == expected


def test_a_schedule_of_phases_runs_from_the_first_to_the_last() -> None:
    text = "2024年5月筹备启动；2024年6月—2024年11月组织实施；2024年12月总结验收"
    assert text_to_period(text) == ("2024-05", "2024-12")
    # dates out of order are no schedule: the first two stand, as before
    assert text_to_period("2024年3月至2024年12月；2024年4月前完成筹备") == ("2024-03", "2024-12")


def test_a_period_of_dotted_two_digit_years_is_this_centurys() -> None:
    assert text_to_period("24.05-24.12") == ("2024-05", "2024-12")
    assert text_to_period("24.5—24.12。") == ("2024-05", "2024-12")
    # An end before the start, or figures that are no year and month, are not read so.
    assert text_to_period("24.12-24.05") == (None, None)
    assert text_to_period("3.5-12.31") == (None, None)

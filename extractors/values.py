"""Values: the text of one form cell → a contract value (`text_to_funding_wan`,
`text_to_period`, `clean_org_name` …). Pure and total.

Each function returns None (or "" for the cleaners) when the text does not hold a value of
its kind; none of them guesses a value the text does not state. Cleaning a reader's raw text
(radicals, padding, spaced Han characters) is text_cleanup's job, done before any of this.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from shenbao.extractors.text_cleanup import fix_radicals, without_format_chars

__all__ = [
    "clean_org_name", "clean_person_name", "clean_project_name", "cn_numeral_to_number", "text_to_date",
    "text_to_email", "text_to_funding_amounts", "text_to_funding_parts", "text_to_funding_wan",
    "text_to_month_or_day", "text_to_period", "text_to_phone",
]

# Chinese numerals, both the everyday (一二三) and the financial (壹贰叁) forms.
_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL_UNITS) + "".join(_CN_BIG_UNITS)
_CN_AMOUNT_RE = re.compile(f"[{_CN_NUM_CHARS}]+(?:点[{''.join(_CN_DIGITS)}]+)?")

# Thousands may be grouped by a comma, a comma and a space (OCR of "80,000" often gives
# "80, 000") or a space alone ("80 000"): read as one number, never as 80 and then 000.
_NUMBER_RE = re.compile(r"(\d{1,3}(?:,[ ]?\d{3}|[ ]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)")
_CJK_SPACE_RE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def cn_numeral_to_number(text: str) -> float | None:
    """Value of a Chinese numeral such as 捌万伍仟, 二十三, 一〇 (digit string), 三点五."""
    if not text:
        return None
    whole, _, frac = text.partition("点")
    if whole and all(ch in _CN_DIGITS for ch in whole) and len(whole) > 1:
        value = float("".join(str(_CN_DIGITS[ch]) for ch in whole))  # 二〇二四 read digit by digit
    else:
        total, section, digit = 0, 0, 0
        seen = False
        for ch in whole:
            if ch in _CN_DIGITS:
                digit, seen = _CN_DIGITS[ch], True
            elif ch in _CN_SMALL_UNITS:
                section += (digit or 1) * _CN_SMALL_UNITS[ch]
                digit, seen = 0, True
            elif ch in _CN_BIG_UNITS:
                total = (total + section + digit) * _CN_BIG_UNITS[ch]
                section, digit, seen = 0, 0, True
            else:
                return None
        if not seen:
            return None
        value = float(total + section + digit)
    if frac:
        if not all(ch in _CN_DIGITS for ch in frac):
            return None
        value += float("0." + "".join(str(_CN_DIGITS[ch]) for ch in frac))
    return value


# 圆 is the formal character of 元 in amounts written out (捌万圆整).
_YUAN = ("元", "圆")
# Footnote marks (申请经费①、8万元①): NFKC would turn ① into the digit 1.
_FOOTNOTE_MARKS_RE = re.compile("[\u2460-\u2473\u2776-\u277f※]")


def _amount_text(text: str) -> str:
    """An amount cell's text for reading: footnote marks dropped, full-width forms as ASCII
    ("８（万元）①" → "8(万元)"), digits with the Chinese units 万/千/百 as one figure in 元
    ("7万5千元整" → "75000元整", "8千元" → "8000元")."""
    s = _nfkc(_FOOTNOTE_MARKS_RE.sub("", text)).replace("，", ",")
    s = _TWO_WRITTEN_RE.sub(r"\1 ", s)
    s = _SCALED_RE.sub(_scaled_yuan, s)
    return _DIGIT_UNITS_RE.sub(_digit_units_yuan, s) if "千" in s or "百" in s else s


# Two amounts in 大写 run together, the same big unit closing each (捌万陆万: the old amount
# struck through, the new one typed after it, as a scan reads them): no numeral says 万 after 万,
# so they are read as two amounts, not as 80006万. (Financial numerals only: written_amounts,
# which doubts two amounts, counts only those.)
_TWO_WRITTEN_RE = re.compile("(?<=[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟])([万亿])(?=[壹贰貳叁參肆伍陆陸柒捌玖拾佰仟零]+\\1)")


# A figure in thousands or millions of 元, as accounts write them: 50千元, 12.5千元, 50k,
# 0.5百万元 (not the 5千 of 7万5千元, which _DIGIT_UNITS_RE reads).
_SCALED_RE = re.compile(r"(?<![\d.,万])(\d+(?:\.\d+)?)\s*(千元|百万元|[kK](?![A-Za-z]))")


def _scaled_yuan(m: re.Match[str]) -> str:
    factor = 1_000_000 if m.group(2) == "百万元" else 1_000
    return f"{round(float(m.group(1)) * factor, 2):g}元"


# Digits with the units of a spoken amount: 7万5千(元), 7万5千5百, 8千元, 5千5百元.
_DIGIT_UNITS_RE = re.compile(
    r"(?<![\d.])(?:(?P<w>\d+)\s*万\s*)?(?P<q>\d)\s*千(?:\s*(?P<b>\d)\s*百)?(?=\s*[元圆块]|\s*$|\s*整)")


def _digit_units_yuan(m: re.Match[str]) -> str:
    value = int(m.group("w") or 0) * 10_000 + int(m.group("q")) * 1_000 + int(m.group("b") or 0) * 100
    return f"{value}元" if not re.match(r"\s*[元圆块]", m.string[m.end():]) else str(value)


def text_to_funding_wan(text: str, unit_hint: str | None = None) -> float | None:
    """An amount of money in 万元: "8万元", "8", "8.0", "80000元", "￥80,000.00", "捌万元整",
    "捌万元整（￥80,000.00）", "10.5万", "人民币8万元", "8（万元）", "捌万圆整".

    `unit_hint` is the unit printed in the label ("万元" or "元", from 申请经费（万元） or
    金额（元）); a unit written next to the number wins over it. A bare number with neither
    is read as 万元 (the form's own instruction) unless it is 1000 or more, which only makes
    sense in 元."""
    if not text or not text.strip():
        return None
    s = _amount_text(text)
    m = _NUMBER_RE.search(s)
    if m is not None:
        return _arabic_amount_wan(s, m, unit_hint)
    cn = _CN_AMOUNT_RE.search(s)
    return None if cn is None else _cn_amount_wan(s, cn, unit_hint)


def _arabic_amount_wan(s: str, m: re.Match[str], unit_hint: str | None) -> float:
    """The amount an Arabic number found in `s` states, in 万元."""
    number = float(re.sub(r"[, ]", "", m.group(1)))
    unit = _written_unit(s, m)
    if unit is None:
        unit = unit_hint if unit_hint in ("万元", "元") else "元" if number >= 1000 else "万元"
    return _wan(number, unit)


def _written_unit(s: str, m: re.Match[str]) -> str | None:
    """The unit written with the number `m` in `s` (万元 or 元), None when none is."""
    before = s[: m.start()].rstrip()
    # A unit in brackets right after the number is its unit: 8（万元）.
    after = s[m.end():].lstrip().lstrip("(").lstrip()
    if after.startswith("万") or after.lower().startswith("w"):
        return "万元"
    if after.startswith(_YUAN) or before.endswith(("¥", "￥", "RMB", "rmb")):
        return "元"
    return None


def text_to_funding_amounts(text: str, unit_hint: str | None = None) -> list[float]:
    """The amounts written in Arabic figures in an amount cell, each in 万元 by its own unit,
    in order: the first number, then every other number written with a unit of money
    (万, 元, ￥…): "8万元（其中自筹2万元）" → [8.0, 2.0], "8万元（80,000元）" → [8.0, 8.0],
    "8万元，2024年" → [8.0]. Callers compare the amounts; they do not pick among them."""
    if not text or not text.strip():
        return []
    s = _amount_text(text)
    found = list(_NUMBER_RE.finditer(s))
    return [_arabic_amount_wan(s, m, unit_hint) for i, m in enumerate(found)
            if i == 0 or _written_unit(s, m) is not None]


def _cn_amount_wan(s: str, cn: re.Match[str], unit_hint: str | None) -> float | None:
    """The amount a Chinese numeral found in `s` states, in 万元."""
    value = cn_numeral_to_number(cn.group(0))
    if value is None:
        return None
    after = s[cn.end():].lstrip()
    if after.startswith(_YUAN) or cn.group(0)[-1] in _CN_BIG_UNITS:
        return _wan(value, "元")  # 捌万元整 is 80000 元: the 万 already counted in the value
    return _wan(value, unit_hint if unit_hint in ("万元", "元") else "万元")


# Only the financial numerals (壹贰叁…拾佰仟) mark an amount written out in 大写: "三万用于会场"
# in a remark is not one.
_CN_FINANCIAL = "壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"


def text_to_funding_parts(text: str, unit_hint: str | None = None) -> tuple[float | None, float | None]:
    """(小写, 大写) of an amount cell, each in 万元: "捌万元整（￥80,000.00）" → (8.0, 8.0),
    "捌万元整（￥90,000.00）" → (9.0, 8.0), "8万元" → (8.0, None). The 大写 part counts only
    when written with the financial numerals."""
    if not text or not text.strip():
        return None, None
    s = _amount_text(text)
    arabic = text_to_funding_wan(s, unit_hint) if _NUMBER_RE.search(s) else None
    written: float | None = None
    for m in _CN_AMOUNT_RE.finditer(s):
        if any(ch in _CN_FINANCIAL for ch in m.group(0)):
            written = _cn_amount_wan(s, m, unit_hint)
            break
    return arabic, written


def written_amounts(text: str, unit_hint: str | None = None) -> list[float]:
    """Every amount an amount cell writes out in 大写 (financial numerals), in 万元, in order:
    "柒万元整伍万元整" (the old amount struck, the new one after it) → [7.0, 5.0]."""
    s = _amount_text(text) if text and text.strip() else ""
    found = (_cn_amount_wan(s, m, unit_hint) for m in _CN_AMOUNT_RE.finditer(s)
             if any(ch in _CN_FINANCIAL for ch in m.group(0)))
    return [a for a in found if a is not None]


def _wan(number: float, unit: str) -> float:
    value = number / 10_000 if unit == "元" else number
    return round(value, 6)


def _cn_date_digits(text: str) -> str:
    """二〇二四年三月十二日 → 2024年3月12日 (Chinese numerals before 年/月/日 only)."""

    def repl(m: re.Match[str]) -> str:
        value = cn_numeral_to_number(m.group(1))
        return (str(int(value)) if value is not None else m.group(1)) + m.group(2)

    return re.sub(f"([{''.join(_CN_DIGITS)}十]+)\\s*([年月日号])", repl, text)


_DATE_RE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})(?!\d)\s*月?(?:\s*(?P<d1>\d{1,2})\s*[日号])?"
    r"|(?P<y2>(?:19|20)\d{2})\s*(?P<sep>[./\-])\s*(?P<m2>\d{1,2})(?!\d)(?:\s*(?P=sep)\s*(?P<d2>\d{1,2})(?!\d))?"
    r"|(?<!\d)(?P<y3>(?:19|20)\d{2})(?P<m3>[01]\d)(?P<d3>[0-3]\d)?(?!\d)"
)


def _date_from_match(m: re.Match[str]) -> str | None:
    year = m.group("y1") or m.group("y2") or m.group("y3")
    month = m.group("m1") or m.group("m2") or m.group("m3")
    day = m.group("d1") or m.group("d2") or m.group("d3")
    return _format_date(int(year), int(month), int(day) if day else None)


def _format_date(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# A middle dot between a date's figures (2024·5—2024·11, typed so in Chinese mode, or a scan's
# reading of the dot) is the dot dates are written with.
_DOT_BETWEEN_FIGURES_RE = re.compile(r"(?<=\d)\s*[·・•‧]\s*(?=\d)")


# A month before its year (03/2024, 3/2024: a form filled the way a spreadsheet shows months),
# never a day and month before it (01/03/2024 stays as it is, for nobody can tell which).
_MONTH_SLASH_YEAR_RE = re.compile(r"(?<![\d/.])(0?[1-9]|1[0-2])\s*/\s*((?:19|20)\d{2})(?![\d/.]\d)")


# English month names, as a form filled in English or a template's bilingual cells gives them
# (June 2024 – December 2024, Mar–Sep 2024, May 1, 2024, 1 May 2024, April2024): written the
# Chinese way (2024年6月) before any other reading, so every form of period below applies.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAME = (r"(?<![A-Za-z])(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
               r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?(?![A-Za-z])")
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
# Two months sharing the year after them: Mar–Sep 2024, Jun-Sep 2024, March to October 2024.
_MONTH_RANGE_RE = re.compile(
    f"(?P<a>{_MONTH_NAME})\\s*(?:[-—–~～至到]+|to|till|until)\\s*(?P<b>{_MONTH_NAME})\\s*,?\\s*{_YEAR}", re.I)
# A month with its day before or after it, then its year: May 1, 2024 / 1 May 2024.
_MONTH_DAY_YEAR_RE = re.compile(
    f"(?:(?P<m>{_MONTH_NAME})\\s*(?P<d>\\d{{1,2}})(?:st|nd|rd|th)?|(?<!\\d)(?P<d2>\\d{{1,2}})(?:st|nd|rd|th)?\\s*(?P<m2>{_MONTH_NAME}))"
    f"\\s*,?\\s*{_YEAR}", re.I)
_MONTH_YEAR_RE = re.compile(f"(?P<m>{_MONTH_NAME})\\s*,?\\s*{_YEAR}", re.I)
# A month alone (an end without its year: April 2024 - December): its number and 月.
_MONTH_ALONE_RE = re.compile(f"(?P<m>{_MONTH_NAME})", re.I)


def _month_number(name: str) -> int:
    return _MONTHS.index(name[:3].lower()) + 1


def _english_months(text: str) -> str:
    """English month names (and their days and years) written as 2024年6月 / 2024年5月1日."""
    if not re.search("[A-Za-z]", text):
        return text
    s = _MONTH_RANGE_RE.sub(lambda m: f"{m['y']}年{_month_number(m['a'])}月至{m['y']}年{_month_number(m['b'])}月", text)
    s = _MONTH_DAY_YEAR_RE.sub(
        lambda m: f"{m['y']}年{_month_number(m['m'] or m['m2'])}月{int(m['d'] or m['d2'])}日", s)
    s = _MONTH_YEAR_RE.sub(lambda m: f"{m['y']}年{_month_number(m['m'])}月", s)
    if re.search("(?:19|20)\\d{2}年", s):
        s = _MONTH_ALONE_RE.sub(lambda m: f"{_month_number(m['m'])}月", s)
    return s


_SPACE_RUN_RE = re.compile(r"[ \t\u3000]{2,}")
# A time of day run into its date (2024-06-0100:00:00: OCR lost the space of a system's
# date-time stamp): the space put back, so the day is read as a day.
_GLUED_TIME_RE = re.compile(r"(?<=(?:19|20)\d{2}[-./]\d{2}[-./][0-3]\d)(?=[0-2]?\d:[0-5]\d)")


def _prepare_date_text(text: str) -> str:
    # (Runs of spaces as one: the patterns below put optional spaces around optional parts, which
    # a long run would make them try to split every way.)
    text = _GLUED_TIME_RE.sub(" ", _english_months(_SPACE_RUN_RE.sub(" ", _nfkc(text))))
    s = _TWO_DIGIT_YEAR_RE.sub(r"20\1", _cn_date_digits(_DOT_BETWEEN_FIGURES_RE.sub(".", _nfkc(text))))
    s = _MONTH_SLASH_YEAR_RE.sub(r"\2年\1月", s)
    s = _TEN_DAYS_RE.sub(r"\1", s)
    return _YEAR_THEN_MONTHS_RE.sub(r"\g<y>年\g<a>月至\g<y>年\g<b>月", s)


# A month's first, middle or last ten days (5月上旬, 12月下旬): the month.
_TEN_DAYS_RE = re.compile(r"(\d{1,2}\s*月)\s*[上中下]\s*旬")
# A quarter (2024年第二季度, 第四季度, 2025年三季度).
_QUARTER_RE = re.compile(r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*(?:度\s*)?)?第?\s*(?P<q>[一二三四1-4])\s*季度")


def _quarters_as_months(s: str) -> str:
    """A period's quarters as months (text_to_period only: a date alone in a quarter is no
    month): a quarter that starts the text starts the period (its first month), one after
    another date ends it (its last month); a quarter alone with its year, nothing else dated,
    is the period from its first month to its last (2024年第二季度至第四季度 → 2024年4月至12月)."""
    found = list(_QUARTER_RE.finditer(s))
    if not found:
        return s

    def month(m: re.Match[str], end: bool) -> str:
        q = int(m["q"]) if m["q"].isdigit() else "一二三四".index(m["q"]) + 1
        return (f"{m['y']}年" if m["y"] else "") + f"{3 * q if end else 3 * q - 2}月"

    rest = _QUARTER_RE.sub("", s)
    if len(found) == 1 and not _DATE_RE.search(rest) and not re.search("[底末]|\\d{1,2}\\s*月", rest):
        m = found[0]
        return s if not m["y"] else s[:m.start()] + month(m, False) + "至" + month(m, True) + s[m.end():]
    for m in reversed(found):
        # An end when something dated comes before it (another quarter, a month), else a start.
        before = s[:m.start()]
        end = bool(_QUARTER_RE.search(before) or _DATE_RE.search(before) or re.search("\\d{1,2}\\s*月", before))
        s = s[:m.start()] + month(m, end) + s[m.end():]
    return s


# The year, then its months in brackets: 2024年度（4月—10月）, 2024年(3-12月).
_YEAR_THEN_MONTHS_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*年度?\s*[(]\s*(?P<a>\d{1,2})\s*月?\s*(?:[-—–~～至到]+|－)\s*(?P<b>\d{1,2})\s*月?\s*[)]")


# A year written with two digits before 年 and a month (24年5月—24年12月): this century's.
_TWO_DIGIT_DOTTED_PERIOD_RE = re.compile(r"\s*(2\d)\.(\d{1,2})\s*(?:[-—–~～至到]+|——)\s*(2\d)\.(\d{1,2})\s*[。.]?\s*")
_TWO_DIGIT_YEAR_RE = re.compile(r"(?<![\d.])(\d{2})(?=\s*年\s*\d{1,2}\s*月)")
# A period given as its start and its length (自2024年5月起，为期8个月): the end is counted.
_LENGTH_RE = re.compile(r"(?:为期|历时|共计?|周期)\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})\s*个\s*月")
_SMALL_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九", 1)}


def _months_in(word: str) -> int:
    """8 or 八 or 十二 as a number of months."""
    if word.isdigit():
        return int(word)
    tens, _, units = word.rpartition("十")
    if "十" not in word:
        return _SMALL_NUMERALS.get(word, 0)
    return (_SMALL_NUMERALS.get(tens, 0) if tens else 1) * 10 + _SMALL_NUMERALS.get(units, 0)


def text_to_date(text: str) -> str | None:
    """The first date in the text: "YYYY-MM" when only a month is given, "YYYY-MM-DD" with a
    day. Reads 2024年3月, 二〇二四年三月, 2024.03, 2024/3/1, 2024-03, 2024年3月1日."""
    if not text:
        return None
    for m in _DATE_RE.finditer(_prepare_date_text(text)):
        value = _date_from_match(m)
        if value is not None:
            return value
    return None


# The architecture document names the same normaliser this way.
text_to_month_or_day = text_to_date

# An end written without its own year: 12月, 12月31日, 同年12月, 次年3月.
_TAIL_MONTH_RE = re.compile(
    r"(?:(?P<rel>同年|当年|本年|次年|翌年|明年|第二年)\s*)?(?<!\d)(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?")
# "2024.3-12", "2024.05.01-12.31": an end month (and day) after a dash, with nothing after it.
# (A remark in brackets may follow it: 2024.5.1-10.31（以立项批复时间为准）.)
_TAIL_BARE_RE = re.compile(r"\s*[-—–~～至到]+\s*(?P<rel>)(?P<m>\d{1,2})(?:\s*[./\-]\s*(?P<d>\d{1,2}))?\s*止?"
                           r"\s*(?:[(（][^()（）]{0,30}[)）])?\s*[。.]?\s*$")
_NEXT_YEAR = frozenset({"次年", "翌年", "明年", "第二年"})
_PHASES_RE = re.compile(r"[;；]")  # phases of a schedule, one clause each
# An end written as a year's end: 至年底, 至2025年底, 至次年年末.
_YEAR_END_RE = re.compile(r"[-—–~～至到]\s*(?:(?P<y>(?:19|20)\d{2})\s*年\s*|(?P<rel>同年|当年|本年|次年|翌年|明年|第二年)\s*)?年?\s*[底末]")


def text_to_period(text: str) -> tuple[str | None, str | None]:
    """(start, end) of a period: 2024年3月—2024年12月, 2024.03-2024.12, 2024/3/1至2024/12/31,
    2024年3月1日至2024年12月31日, 2024-03～2024-12, 自2024年3月起至2024年12月止, and a
    period typed over several cells and joined with spaces (2024年 5月 至 2024年 12月). An end
    written without its year takes the start's (2024年3月至12月, 2024年3月至同年12月), or the
    next one when the text says so (2024年10月至次年3月). A start and a length count the end
    (自2024年5月起，为期8个月 → 2024-12); two-digit years are this century's (24年5月—24年12月,
    24.05-24.12).
    Missing parts are None."""
    if not text:
        return None, None
    dotted = _TWO_DIGIT_DOTTED_PERIOD_RE.fullmatch(_nfkc(text))
    if dotted is not None:
        # 24.05-24.12: years of two digits, dotted (the short form of 2024.05-2024.12).
        y1, m1, y2, m2 = (int(g) for g in dotted.groups())
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) <= (y2, m2):
            return f"20{y1:02d}-{m1:02d}", f"20{y2:02d}-{m2:02d}"
    s = _quarters_as_months(_prepare_date_text(text))
    # A date that does not exist (2024年13月) keeps its place: the end must not move up to start.
    found = [(m, _date_from_match(m)) for m in _DATE_RE.finditer(s)]
    if not found:
        return None, None
    start_match, start = found[0]
    dates = [d for _, d in found]
    if len(found) > 2 and None not in dates and dates == sorted(dates, key=lambda d: d or "") \
            and _PHASES_RE.search(s) is not None:
        # A schedule of phases (5月筹备启动；6月—11月组织实施；12月总结验收): the first phase
        # starts the period, the last one ends it.
        return start, dates[-1]
    if len(found) >= 2:
        return start, found[1][1]
    if start is None:
        return None, None
    year_end = _YEAR_END_RE.search(s, start_match.end())
    if year_end is not None:
        # 2024年5月至年底, 2024年3月至2025年底: the end is that year's December.
        year = int(year_end.group("y") or start[:4]) + (1 if year_end.group("rel") in _NEXT_YEAR else 0)
        return start, _format_date(year, 12, None)
    tail = _TAIL_MONTH_RE.search(s, start_match.end()) or _TAIL_BARE_RE.match(s, start_match.end())
    if tail is not None:
        day = int(tail.group("d")) if tail.group("d") else None
        year = int(start[:4]) + (1 if tail.group("rel") in _NEXT_YEAR else 0)
        return start, _format_date(year, int(tail.group("m")), day)
    length = _LENGTH_RE.search(s, start_match.end())
    if length is not None and 1 <= (months := _months_in(length.group("n"))) <= 60:
        index = int(start[:4]) * 12 + int(start[5:7]) - 1 + months - 1
        return start, _format_date(index // 12, index % 12 + 1, None)
    return start, None


_MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)[\s\-]?(\d{4})[\s\-]?(\d{4})(?!\d)")
_LANDLINE_RE = re.compile(r"(?<!\d)[(]?(0\d{2,3})\s*[)\-—–－]?\s*(\d{7,8})(?!\d)")
_LOCAL_RE = re.compile(r"(?<!\d)(\d{7,8})(?!\d)")
# China's country code glued to a mobile (+8615379182203, 008613800000000): no part of the number.
_COUNTRY_CODE_RE = re.compile(r"(?:\+\s*|(?<!\d)00\s*)86[\s\-]*(?=1[3-9]\d)")
# … or to a landline, its area code written without its 0 (+86-731-84123456 is 0731-84123456).
_COUNTRY_AREA_RE = re.compile(r"(?:\+\s*|(?<!\d)00\s*)86[\s\-]*[(]?0?([1-9]\d{1,2})[)]?[\s\-]*(?=\d{7,8}(?!\d))")


def text_to_phone(text: str) -> str | None:
    """A phone number: a mobile as 11 digits ("13800000000"), a landline as
    "0731-85821051" (area code, hyphen, number), a bare local number as its digits.
    Full-width digits and spaces inside the number are accepted."""
    if not text:
        return None
    s = _COUNTRY_CODE_RE.sub(" ", _nfkc(text).replace("—", "-").replace("－", "-"))
    # Digits grouped by dots as a card prints them (133.3011.6584, 0731.8582.1051): the dots
    # part groups of one number, never a decimal in a phone cell.
    s = _DOTTED_NUMBER_RE.sub(lambda m: m.group(0).replace(".", " "), s)
    s = _COUNTRY_AREA_RE.sub(lambda m: f" 0{m.group(1)}-", s)
    found = _phone_in(s)
    if found is None:
        found = _phone_in(re.sub(r"\s+", "", s))  # "0731-8582 1051"
    if found is not None:
        return found
    m = _LOCAL_RE.search(s.replace(" ", ""))
    return m.group(1) if m is not None else None


_DOTTED_NUMBER_RE = re.compile(r"(?<![\d.])\d{3,4}(?:\.\d{2,4}){2,3}(?![\d.])")


def _phone_in(s: str) -> str | None:
    candidates: list[tuple[int, str]] = []
    m = _MOBILE_RE.search(s)
    if m is not None:
        candidates.append((m.start(), "".join(m.groups())))
    m = _LANDLINE_RE.search(s)
    if m is not None:
        candidates.append((m.start(), f"{m.group(1)}-{m.group(2)}"))
    return min(candidates)[1] if candidates else None


_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")


def text_to_email(text: str) -> str | None:
    """The first e-mail address in the text (full-width ＠ and letters accepted); an address a
    narrow cell wrapped onto its next line (abc@ | 163.com, a line break typed after the @) is
    joined when the text holds no whole address otherwise."""
    if not text:
        return None
    s = _nfkc(text).replace(" ", "")
    m = _EMAIL_RE.search(s)
    if m is None:
        m = _EMAIL_RE.search(_EMAIL_WRAP_RE.sub("", s))
    return m.group(0) if m is not None else None


# A line break (and the spaces around it) next to an address's @ or inside its domain.
_EMAIL_WRAP_RE = re.compile(r"(?<=[A-Za-z0-9.\-@])\s*\n\s*(?=[A-Za-z0-9.\-@])")


def _printed(text: str) -> str:
    """`text` as printed: without invisible format characters (a name opening with a zero-width
    space is no other name) and with Kangxi radicals made the usual characters."""
    return fix_radicals(without_format_chars(text))


# 盖章处 before 盖章: "某学会盖章处" must not leave "某学会处".
_SEAL_RE = re.compile(r"[（(]\s*(?:盖章处?|公章|签章|章)\s*[)）]|盖章处|盖章|公章")


def clean_org_name(text: str) -> str:
    """A unit's name as the register shows it: （盖章）/(盖章)/盖章 dropped, brackets made
    full-width （）, spaces removed but one between Latin words. "" when nothing is left."""
    if not text:
        return ""
    s = _SEAL_RE.sub("", half_width_alnum(_printed(text)))
    s = s.replace("(", "（").replace(")", "）")
    # Spaces go, except one between two Latin words (Hunan Optics Society, 湖南 XX Co. Ltd).
    s = re.sub(r"(?<=[A-Za-z.])[\s\u3000\u00a0]+(?=[A-Za-z])", "\x00", s)
    s = re.sub(r"[\s\u3000\u00a0]+", "", s).replace("\x00", " ")
    return s.strip("：:，,。;；、")


_MENTION_RE = re.compile(r"^[@＠]\s*(?=[\u4e00-\u9fff])")


def clean_person_name(text: str) -> str:
    """A person's name without the spacing forms put inside it (熊　平 → 熊平) or the @ a
    chat's mention puts before it (@戴磊, copied from a WeChat or DingTalk group); spaces
    between Latin words are kept as one space."""
    if not text:
        return ""
    s = _printed(text).replace("\u3000", " ").replace("\u00a0", " ").strip().strip("：:，,。;；、")
    s = _MENTION_RE.sub("", s)
    s = _CJK_SPACE_RE.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


# Full-width Latin letters and digits (Ｕ+FF10–FF5A) typed with a Chinese input method in full-
# width mode (第１２届, ２０２４年): the register writes them as ASCII, as the contract's values do.
_FULLWIDTH_ALNUM = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def half_width_alnum(text: str) -> str:
    """`text` with full-width letters and digits as ASCII; punctuation stays as written."""
    return text.translate(_FULLWIDTH_ALNUM)


def clean_project_name(text: str) -> str:
    """A project name: padding removed, a space between two Han characters dropped (forms
    and PDFs pad them), full-width punctuation kept as written."""
    if not text:
        return ""
    s = half_width_alnum(_printed(text)).replace("\u3000", " ").replace("\u00a0", " ").strip()
    s = re.sub(r"(?<=[\u4e00-\u9fff“”（）、])\s+(?=[\u4e00-\u9fff“”（）、])", "", s)
    return re.sub(r"\s+", " ", s).strip().lstrip("：:，,。;；、")

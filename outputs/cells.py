"""Making untrusted text safe for a spreadsheet cell, and sizing columns for Chinese text.

Choice for formula neutralising (openpyxl stores any str starting with `=` as a formula): text
whose first character is one of `= + - @ \\t \\r` gets a leading apostrophe *character*
(`'=SUM(A1)`), the OWASP CSV-injection form. The apostrophe is part of the stored string, so the
value stays a literal in the .xlsx, survives a copy to CSV (where a quotePrefix style would be
lost and the formula revived), and reads back as text in every tool. The cost is a visible `'`
in front of such (rare) values, which staff can recognise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# The office is in China: every time on the register is shown at +08:00 (no DST).
LOCAL_TZ = timezone(timedelta(hours=8))

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32767  # characters a cell can hold
WIDTH_CAP = 60

# Lone surrogates (from surrogateescape decoding of raw header bytes) and U+FFFE/U+FFFF pass
# assignment but make openpyxl's save() fail for the whole workbook.
_UNSAVABLE_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def strip_unsavable(s: str) -> str:
    """Remove characters no XML file can hold: C0 controls other than tab/newline/CR,
    lone surrogates, U+FFFE and U+FFFF. Everything else is kept as is."""
    return _UNSAVABLE_RE.sub("", ILLEGAL_CHARACTERS_RE.sub("", s))


def safe_cell_text(s: str) -> str:
    """Return `s` ready to be a cell value: savable (see strip_unsavable), at most Excel's
    32,767 characters, and never read as a formula (a leading `= + - @ TAB CR` gets a `'`
    character in front). The result is always a str that openpyxl stores as a string."""
    text = strip_unsavable(s)
    if text.startswith(FORMULA_TRIGGERS):
        text = "'" + text
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - 1] + "…"
    return text


@lru_cache(maxsize=65536)
def display_width(s: str) -> int:
    """Width of the widest line of `s` in Excel character units: East-Asian wide (W) and
    fullwidth (F) characters count 2, everything else 1 (xlsx has no autofit). Cached: a
    register measures the same texts on several sheets."""
    widest = 0
    for line in s.split("\n"):
        if line.isascii():
            width = len(line)
        elif len(line) >= _LOOKED_UP_FROM and _ASTRAL.search(line) is None:
            # The same sum, looked up in a table of the Basic Multilingual Plane in one array
            # operation: asking unicodedata character by character costs ~0.1 µs each, and the
            # print sheet measures long texts thousands of times.
            units = np.frombuffer(line.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
            width = len(line) + int(_wide_table()[units].sum())
        else:
            width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        widest = max(widest, width)
    return widest


# Shorter lines are counted character by character (the array operation's overhead is ~4 µs).
_LOOKED_UP_FROM = 48
# Characters outside the Basic Multilingual Plane (CJK Extension B, emoji): not in the table.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


@lru_cache(maxsize=1)
def _wide_table() -> NDArray[np.uint8]:
    """1 for every wide (W) or fullwidth (F) character of the Basic Multilingual Plane, by
    code point (built once, ~20 ms)."""
    return np.array([unicodedata.east_asian_width(chr(cp)) in "WF" for cp in range(0x10000)], dtype=np.uint8)


def column_width(texts: Iterable[str], cap: int = WIDTH_CAP, minimum: int = 6) -> float:
    """A column width that fits the widest of `texts` plus 2 of padding, between `minimum`
    and `cap` (wider content wraps instead)."""
    enough = cap - 2  # a text this wide already gives the cap: the rest need not be measured
    widest = 0
    for text in texts:
        # A line is at least as wide as its length: a long text is known to reach the cap
        # without counting its characters.
        widest = max(widest, enough if _longest_line(text) >= enough else display_width(text))
        if widest >= enough:
            break
    return float(min(cap, max(minimum, widest + 2)))


def _longest_line(s: str) -> int:
    return max(map(len, s.split("\n"))) if "\n" in s else len(s)


def excel_datetime(value: datetime) -> datetime:
    """A timezone-naive datetime at +08:00, as Excel needs (it has no time zones).
    A naive input is taken to be +08:00 already."""
    if value.tzinfo is None:
        return value
    return value.astimezone(LOCAL_TZ).replace(tzinfo=None)


def cell_value(value: object) -> object:
    """Any value made fit for a cell: str through safe_cell_text, aware datetimes to local
    naive ones, dates/numbers/None unchanged, anything else as its safe text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, datetime):
        return excel_datetime(value)
    if isinstance(value, date):
        return value
    return safe_cell_text(str(value))

"""Text clean-up: the raw text every reader (.docx, PDF, OCR) gets → text fit to show and to
match against labels. Turning cleaned text into a contract value is values.py's job.

Two levels, because a form's text is both shown to people and matched against labels:

- `clean_text(s)` is for display: it repairs what is plainly wrong (radical code points that
  some PDF fonts carry in place of the ideograph; a single spurious space between two Han
  characters, which PDFs and spaced-out labels produce; U+3000/NBSP padding) and keeps
  full-width punctuation as the writer typed it.
- `text_for_matching(s)` is for comparing: `clean_text` plus NFKC (full-width digits,
  letters, `：`, `（` become ASCII) and all whitespace removed next to Han characters.

Checkbox marks are checkbox.py's (`normalise_checkbox_glyphs`). All functions are pure and
total (any str in, str out).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_text", "fix_radicals", "is_han", "join_han_spaces", "text_for_matching"]

# CJK Radicals Supplement (U+2E80–2EFF): NFKC leaves all but two of these alone,
# yet PDFs made from some fonts carry them instead of the ideograph (⻘ for 青, ⻓ for 长).
# Targets follow Unicode's EquivalentUnifiedIdeograph.txt for the radicals whose ideograph is
# in the BMP; the rest have no everyday use in forms.
_RADICAL_SUPPLEMENT: dict[str, str] = {
    "⺁": "厂", "⺂": "乛", "⺃": "乚", "⺄": "乙", "⺅": "亻", "⺆": "冂", "⺉": "刂",
    "⺊": "卜", "⺌": "小", "⺍": "小", "⺎": "尢", "⺏": "尣", "⺐": "尢", "⺒": "巳",
    "⺓": "幺", "⺔": "彑", "⺕": "彐", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵",
    "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵",
    "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺧": "牛", "⺨": "犭",
    "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸",
    "⺰": "纟", "⺱": "罓", "⺲": "罒", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊",
    "⺷": "羊", "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艹",
    "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见",
    "⻆": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶",
    "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门",
    "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞",
    "⻝": "食", "⻟": "飠", "⻠": "饣", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼",
    "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "斉", "⻬": "齐",
    "⻭": "歯", "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀", "⻳": "龟",
}

_RADICAL_RE = re.compile("[\u2e80-\u2eff\u2f00-\u2fd5\uf900-\ufaff]")

# A Han character for the purposes of spacing: unified ideographs (BMP and extension A),
# compatibility ideographs, and the CJK symbols that behave like them in forms.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
# Whitespace that is padding, not meaning: U+3000 ideographic space, NBSP, en/em spaces, tabs.
_PAD_RE = re.compile("[\t\u00a0\u2002\u2003\u2009\u200b\u3000]")
_SPACES_RE = re.compile(" {2,}")
# One space (after padding collapsed to ASCII spaces) between two Han characters, or between a
# Han character and Chinese punctuation.
_HAN_SPACE_RE = re.compile(f"(?<=[{_HAN}{_HAN_PUNCT}]) (?=[{_HAN}{_HAN_PUNCT}])")
_ANY_SPACE_NEAR_HAN_RE = re.compile(f"(?<=[{_HAN}{_HAN_PUNCT}:(),;])\\s+|\\s+(?=[{_HAN}{_HAN_PUNCT}:(),;])")


def fix_radicals(text: str) -> str:
    """Replace Kangxi radicals (U+2F00–2FD5, via NFKC), CJK Radicals Supplement characters
    (explicit map) and CJK compatibility ideographs (via NFKC) by the unified ideograph."""

    def repl(m: re.Match[str]) -> str:
        ch = m.group(0)
        mapped = _RADICAL_SUPPLEMENT.get(ch)
        if mapped is not None:
            return mapped
        return unicodedata.normalize("NFKC", ch)

    return _RADICAL_RE.sub(repl, text)


def join_han_spaces(text: str) -> str:
    """Remove a single space between two Han characters ("申 报 单 位" → "申报单位"). Two or
    more spaces are kept: they are a gap between a label and its value. The space
    inside an empty bracket "（ ）" is kept too: it is an unticked option."""

    def repl(m: re.Match[str]) -> str:
        inside_brackets = text[m.start() - 1] == "（" and text[m.end()] == "）"
        return " " if inside_brackets else ""

    return _HAN_SPACE_RE.sub(repl, text)


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (BMP unified, extension A or compatibility)."""
    return len(ch) == 1 and (
        "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
    )


# PDFium gives a hyphen that breaks a word at a line's end as U+0002 (its "generated hyphen"),
# and keeps it when the text is read line by line (Changsha\x02Zhuzhou): it stands for "-".
_PDFIUM_HYPHEN = "\x02"


def clean_text(text: str) -> str:
    """Display clean-up: radicals fixed, PDFium's hyphen mark as "-", padding whitespace turned
    into spaces, one space between Han characters removed, runs of spaces collapsed, ends
    stripped. Newlines are kept (a reader decides what a line break means); spaces around
    them are dropped."""
    text = fix_radicals(text).replace(_PDFIUM_HYPHEN, "-")
    text = _PAD_RE.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = []
    for line in text.split("\n"):
        # Join first, collapse second: a run of spaces is a label/value gap and must survive.
        lines.append(_SPACES_RE.sub(" ", join_han_spaces(line.strip())))
    return "\n".join(lines).strip()


def text_for_matching(text: str) -> str:
    """Comparison form: `clean_text`, then NFKC (full-width forms to ASCII, U+3000 to space),
    whitespace next to Han characters or to `:()` removed, other whitespace collapsed to one
    space. Never show this form to people."""
    text = unicodedata.normalize("NFKC", clean_text(text))
    text = _ANY_SPACE_NEAR_HAN_RE.sub("", text)
    return re.sub(r"\s+", " ", text).strip()



def without_format_chars(text: str) -> str:
    """`text` without invisible format characters (Unicode category Cf: zero-width spaces and
    joiners, the byte-order mark, soft hyphens, direction marks) that text pasted from web pages,
    chats and converters carries: no one typed them, and they split names that look whole."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")

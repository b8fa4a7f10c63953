"""Checkbox encodings → the two glyphs the field extractor reads: ☑ (chosen) and ☐ (not chosen).

Forms mark options in many ways: Word symbol fonts (Wingdings / Wingdings 2, as
`w:sym` or as letters typed in that font), content controls, legacy form fields, and plain
Unicode marks typed by hand ("■学会服务站建设", "□√学术交流", "学术交流（√）"). Every reader
(.docx, PDF, OCR) funnels its text through `normalise_checkbox_glyphs` so that a chosen option
always reads "☑<label>" and an unchosen one "☐<label>".
"""

from __future__ import annotations

import re

CHOSEN = "☑"
UNCHOSEN = "☐"

# Symbol-font code points (low byte; Word stores them as 0xF0xx in w:sym/@w:char or in the
# Private Use Area). Sources: the Wingdings/Wingdings 2 code charts (as tabulated by
# Docxport.Net's symbol tables and docx2python's checkbox tests).
_WINGDINGS: dict[int, str] = {
    0xFE: CHOSEN,  # þ  box with check ☑
    0xFD: CHOSEN,  # ý  box with X ☒
    0xFB: CHOSEN,  # û  ballot X ✗ (used as "selected" in filled forms)
    0xFC: CHOSEN,  # ü  check mark ✓
    0x6E: CHOSEN,  # n  black square ■
    0xA4: CHOSEN,  # ¤  circled dot ◉ (radio chosen)
    0x78: CHOSEN,  # x  ⌧ X in a rectangle
    0xA8: UNCHOSEN,  # ¨  white square ◻
    0x6F: UNCHOSEN,  # o  white square □
    0x71: UNCHOSEN,  # q  ❑
    0x72: UNCHOSEN,  # r  ❒
    0xA1: UNCHOSEN,  # ¡  white circle ○ (radio not chosen)
    0xA3: UNCHOSEN,  # £  white circle variant ○
}
_WINGDINGS_2: dict[int, str] = {
    0x52: CHOSEN,  # R  box with check ☑
    0x54: CHOSEN,  # T  box with X ☒
    0x53: CHOSEN,  # S  box with X ☒
    0x51: CHOSEN,  # Q  box with heavy X ☒
    0x50: CHOSEN,  # P  check mark ✓
    0x4F: CHOSEN,  # O  ballot X ✗
    0x9E: CHOSEN,  # ⦿ circle with dot (radio chosen)
    0xA3: UNCHOSEN,  # £  white square □
    0x2A: UNCHOSEN,  # *  ballot box ☐
    0x30: UNCHOSEN,  # 0  ballot box ☐
    0x99: UNCHOSEN,  # ™  white circle ○
}
_SYMBOL_FONTS: dict[str, dict[int, str]] = {
    "wingdings": _WINGDINGS,
    "wingdings 2": _WINGDINGS_2,
}
_OTHER_SYMBOL_FONTS = {"symbol", "webdings", "wingdings 3", "zapf dingbats", "zapfdingbats"}

CHOSEN_MARKS = "☑☒■✓✔√✅▣◼⊠◉⊙"
UNCHOSEN_MARKS = "☐□◻❑❏⬜○◯"
_TICKS = "√✓✔"
_BOXES = "□☐◻"
# Marks written inside brackets after (or before) an option: "学术交流（√）", "（ ）科普".
_BRACKET_MARKS = "√✓✔☑☒■×✗Xx*＊"
_PAD = " \t\u00a0\u2002\u2003\u3000"
# Characters that end an option label when scanning back from a bracket mark.
_LABEL_STOP = _PAD + "\n：:，,；;、。（）()【】[]" + CHOSEN_MARKS + UNCHOSEN_MARKS


def symbol_font_name(font: str | None) -> str | None:
    """The normalised symbol-font key ("wingdings", "wingdings 2") for a font name, or None."""
    if not font:
        return None
    key = " ".join(font.strip().lower().split())
    return key if key in _SYMBOL_FONTS else None


def symbol_char_to_glyph(font: str | None, code: int) -> str | None:
    """☑/☐ for a checkbox character of a Wingdings font, else None.

    `code` may be the raw byte (0xFE), the Private Use Area form Word writes (0xF0FE), or a
    w:sym/@w:char value. With no recognised font, only Wingdings is assumed, and only for
    Private Use Area codes (plain letters in an unknown font are ordinary text), and never
    for the other symbol fonts (Symbol, Webdings, Wingdings 3, Zapf Dingbats)."""
    key = symbol_font_name(font)
    if key is None:
        if font and " ".join(font.lower().split()) in _OTHER_SYMBOL_FONTS:
            return None  # same code points, different pictures
        if 0xF000 <= code <= 0xF0FF:
            return _WINGDINGS.get(code & 0xFF)
        return None
    return _SYMBOL_FONTS[key].get(code & 0xFF if code >= 0xF000 else code)


def checkbox_state_to_glyph(checked: bool) -> str:
    return CHOSEN if checked else UNCHOSEN


_BOX_WITH_TICK = re.compile(f"[{_BOXES}][{_PAD}]*[{_TICKS}]|[{_TICKS}][{_PAD}]*[{_BOXES}]")
_SINGLE_MARK = re.compile(f"[{CHOSEN_MARKS}{UNCHOSEN_MARKS}]")
_GLYPH_GAP = re.compile(f"([{CHOSEN}{UNCHOSEN}])[{_PAD}]+(?=[^{_PAD}\n{CHOSEN}{UNCHOSEN}])")
_BRACKET = re.compile(f"[（(]([{_PAD}]*)([{_BRACKET_MARKS}{CHOSEN}{UNCHOSEN}]?)[{_PAD}]*[）)]")


def _mark_to_glyph(m: re.Match[str]) -> str:
    return CHOSEN if m.group(0) in CHOSEN_MARKS else UNCHOSEN


def _label_start(text: str, end: int) -> int:
    """Index where the option label ending at `end` starts (scanning back to a stop char)."""
    i = end
    while i > 0 and text[i - 1] not in _LABEL_STOP:
        i -= 1
    return i


def _bracket_marks_to_glyphs(text: str) -> str:
    """Move a bracketed mark in front of its option: "学术交流（√）" → "☑学术交流".

    A bracket directly after a label belongs to that label; a bracket at the start of a
    word belongs to the label after it ("（√）学术交流"). Empty brackets need a label next to
    them, and an unticked bracket must hold a space, so "单位（盖章）" and "名称（）" are left
    alone."""
    out: list[str] = []
    pos = 0
    for m in _BRACKET.finditer(text):
        if not m.group(1) and not m.group(2):
            continue  # "（）" with nothing in it is not a checkbox
        glyph = CHOSEN if m.group(2) and m.group(2) != UNCHOSEN else UNCHOSEN
        start = _label_start(text, m.start())
        if start < m.start() and start >= pos:  # a label sits right before the bracket
            out.append(text[pos:start])
            out.append(glyph + text[start:m.start()])
            pos = m.end()
            continue
        after = text[m.end():m.end() + 1]
        if after and after not in _LABEL_STOP:  # a label follows: "（√）学术交流"
            out.append(text[pos:m.start()])
            out.append(glyph)
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def normalise_checkbox_glyphs(text: str) -> str:
    """Rewrite every checkbox mark in `text` as ☑ (chosen) or ☐ (not chosen) right before
    its option label. Must be idempotent; text without marks is returned unchanged."""
    if not text:
        return text
    text = _BOX_WITH_TICK.sub(CHOSEN, text)  # "□√学术交流" / "√□学术交流": a ticked box
    text = _SINGLE_MARK.sub(_mark_to_glyph, text)
    text = _bracket_marks_to_glyphs(text)
    return _GLYPH_GAP.sub(r"\1", text)


# What OCR engines make of printed boxes: an empty box read as the Han character
# 口, a filled or ticked one as 回 / 团 / a full block / the letter V.
OCR_UNCHOSEN_MISREADS = "口"
OCR_CHOSEN_MISREADS = "回团█▇Vv"


def misread_marks_to_glyphs(text: str, options: list[str] | tuple[str, ...]) -> str:
    """In OCR text, a misread box character directly in front of a known option becomes the
    glyph it stands for ("团省级学会口市州科协" → "☑省级学会☐市州科协"). Only a character
    followed by an option is touched, so 口 and 回 inside ordinary words stay as they are."""
    if not text or not options:
        return text
    keys = sorted({o for o in options if o}, key=len, reverse=True)
    marks = OCR_UNCHOSEN_MISREADS + OCR_CHOSEN_MISREADS
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in marks and any(text.startswith(k, i + 1) for k in keys):
            out.append(UNCHOSEN if ch in OCR_UNCHOSEN_MISREADS else CHOSEN)
        else:
            out.append(ch)
    return "".join(out)

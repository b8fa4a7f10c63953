"""Checkbox encodings → the two glyphs the field extractor reads: ☑ (chosen) and ☐ (not chosen).

Forms mark options in many ways: Word symbol fonts (Wingdings / Wingdings 2, as
`w:sym` or as letters typed in that font), content controls, legacy form fields, plain
Unicode marks typed by hand ("■学会服务站建设", "□√学术交流", "学术交流（√）"), letters typed
into square brackets ("[V]学术交流 [ ]科普"), and no mark at all but the chosen option set in
bold or underlined. Every reader (.docx, PDF, OCR) funnels its text through
`normalise_checkbox_glyphs` so that a chosen option always reads "☑<label>" and an unchosen one
"☐<label>"; a reader that sees run formatting also calls `emphasis_to_glyphs` first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from shenbao.extractors.labels import load_labels

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

# (◆/◇ and ⬤/◯: the diamonds and large circles some templates use for single-choice options.)
CHOSEN_MARKS = "☑☒■✓✔√✅▣◼⊠◉⊙●◆⬤"
UNCHOSEN_MARKS = "☐□◻❑❏⬜○◯◇"
_TICKS = "√✓✔"
_TRAILING_BOXES = "☑✅☒"  # ticked boxes that may follow their option in a list without boxes
_TICK_OR_BOX_AFTER = frozenset(_TICKS + _TRAILING_BOXES)
_BOXES = "□☐◻"
# Marks written inside brackets after (or before) an option: "学术交流（√）", "（ ）科普",
# "[V]学术交流". By the time brackets are read, single marks are already ☑/☐.
# 是 / 否 written in the brackets ("学会服务站建设（是）  学术交流（　）") answer as a tick and a cross.
_BRACKET_MARKS = "√✓✔☑☒■×✗Xx*＊是否"
_TICK_MARKS, _CROSS_MARKS = "√✓✔☑是", "×✗Xx否"
_WORD_MARKS = "是否"
_SQUARE_MARKS = _BRACKET_MARKS + "VvＶｖ" + UNCHOSEN
_PAD = " \t\u00a0\u2002\u2003\u3000"
# Characters that end an option label when scanning back from a bracket mark.
_LABEL_STOP = _PAD + "\n：:，,；;、。（）()【】[]［］.…·" + CHOSEN_MARKS + UNCHOSEN_MARKS  # leader dots end a label too
_OPENING = {"）": "（", ")": "("}
# Quotation marks an option may be written with or without ("“科创中国”试点城市建设").
_QUOTES = "“”\"'‘’「」『』"


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
# (A space between the bracket and the option it marks goes with the bracket: "[x] 省级学会
# [ ] 市州科协", as a Markdown task list or a plain-text form writes its boxes.)
_SQUARE = re.compile(f"[\\[［【]([{_PAD}]*)([{_SQUARE_MARKS}]?)[{_PAD}]*[\\]］】](?:[ \u3000](?=[\u4e00-\u9fff“「]))?")
# A V typed where the box was ("V学术交流 □科普"): only at the start of a word and only in a
# list that also shows an empty box, so "VR技术" or "U型 V型" are not read as ticks.
_BARE_V = re.compile(f"(?:^|(?<=[{_PAD}\n：:，,；;、]))[VvＶｖ](?=[\u4e00-\u9fff“「])")


def _mark_to_glyph(m: re.Match[str]) -> str:
    return CHOSEN if m.group(0) in CHOSEN_MARKS else UNCHOSEN


def _label_start(text: str, end: int) -> int:
    """Index where the option label ending at `end` starts (scanning back to a stop char).

    A bracket inside the label that holds words rather than a mark is part of it: the label
    before "（√）" in "企业（园区）科协（√）" is "企业（园区）科协", not "科协"."""
    i = end
    while i > 0:
        ch = text[i - 1]
        if ch in _OPENING:
            opening = text.rfind(_OPENING[ch], 0, i - 1)
            inner = text[opening + 1:i - 1] if opening > 0 else ""
            if inner.strip(_PAD + _SQUARE_MARKS + CHOSEN_MARKS) and text[opening - 1] not in _LABEL_STOP:
                i = opening
                continue
        if ch in _LABEL_STOP:
            break
        i -= 1
    return i


def _has_label_after(text: str, end: int) -> bool:
    return end < len(text) and text[end] not in _LABEL_STOP


def _marks_lead(text: str, boxes: list[re.Match[str]], default: bool) -> bool:
    """Whether a list's bracketed marks stand before their options ("[V]甲 [ ]乙") rather than
    after them ("甲（√） 乙（ ）"). When the text does not say (every mark has words on both
    sides, as in PDF text that lost its spaces), `default` decides."""
    lead = trail = 0
    for m in boxes:
        before = _label_start(text, m.start()) < m.start()
        after = _has_label_after(text, m.end())
        lead += after and not before
        trail += before and not after
    return default if lead == trail else lead > trail


def _bracket_marks_to_glyphs(text: str, pattern: re.Pattern[str], lead_by_default: bool) -> str:
    """Move a bracketed mark in front of its option: "学术交流（√）" → "☑学术交流",
    "[V]学术交流" → "☑学术交流".

    Whether a mark belongs to the label before or after it is decided once for the whole list
    (`_marks_lead`); a mark with a label on one side only takes that one. Empty brackets need
    a label next to them, and an unticked round bracket must hold a space, so "单位（盖章）" and
    "名称（）" are left alone; empty square brackets count only in a list of two or more, as
    OCR reads "[ ]" ("[]学术交流[]科普")."""
    found = list(pattern.finditer(text))
    boxes = [m for m in found if m.group(1) or m.group(2)
             or (pattern is _SQUARE and len(found) >= 2)]
    if len(boxes) < 2:
        # 是/否 in brackets answer an option list; one alone is a sentence's own (是否已获资助（否）).
        boxes = [m for m in boxes if m.group(2) not in _WORD_MARKS]
    lead = _marks_lead(text, boxes, lead_by_default)
    # Every option answered, √ for the chosen and × for the others (学术交流（×） 学会服务站建设（√）):
    # beside a tick, a cross says no.
    # Two crosses and no tick are two options said no to (a list answered line by line), not two choices.
    marks = [m.group(2) for m in boxes if m.group(2)]
    crosses = sum(1 for mark in marks if mark in _CROSS_MARKS)
    crossed_out = crosses > 0 and (any(mark in _TICK_MARKS for mark in marks) or crosses >= 2)
    out: list[str] = []
    pos = 0
    for m in boxes:
        said = m.group(2)
        glyph = CHOSEN if said and said != UNCHOSEN and said != "否" and not (crossed_out and said in _CROSS_MARKS) \
            else UNCHOSEN
        start = _label_start(text, m.start())
        before = pos <= start < m.start()
        after = _has_label_after(text, m.end())
        if before and (not lead or not after):
            out.append(text[pos:start])
            out.append(glyph + text[start:m.start()])
            pos = m.start() + len(m.group(0).rstrip(" \u3000"))  # the space after it (see _SQUARE) stays
        elif after:  # a label follows: "（√）学术交流", "[V]学术交流"
            out.append(text[pos:m.start()])
            out.append(glyph)
            pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _trailing_boxes_to_front(text: str) -> str:
    """A template whose boxes follow their options (学术交流☐科技创新联盟建设☐学会服务站建设☑):
    each box moved before its option. Told by the list's ends: the last box of a line has an
    option before it and none after, where a list of boxes in front has its first box with an
    option after it and none before. Unchanged unless the ends say boxes-after more often, the
    text ends with a box, and the list has an empty box (a template's boxes, not ticks typed
    after options)."""
    glyphs = [i for i, ch in enumerate(text) if ch in (CHOSEN, UNCHOSEN)]
    if len(glyphs) < 2 or UNCHOSEN not in text:
        return text  # ticks alone are the trailing-tick rule's (_trailing_tick_to_glyph)
    spans = _option_spans(text, known_options())
    ends = {b for _, b in spans}
    starts = {a for a, _ in spans}
    lead = trail = 0
    for i in glyphs:
        before = len(text[:i].rstrip(_PAD)) in ends
        after = len(text) - len(text[i + 1:].lstrip(_PAD)) in starts
        lead += after and not before
        trail += before and not after
    if trail <= lead or text.rstrip(_PAD + "\n")[-1:] not in (CHOSEN, UNCHOSEN):
        # A list that does not end with a box has its boxes in front (a scanned line whose
        # chosen box OCR lost reads 学术交流☐科技创新联盟建设☐“科创中国”试点城市建 too).
        return text
    out: list[str] = []
    pos = 0
    for i in glyphs:
        # A box set apart from its option by a space (学术交流 □) goes before it all the same.
        end = len(text[:i].rstrip(_PAD))
        start = _label_start(text, end)
        if pos <= start < end:
            out.append(text[pos:start] + text[i] + text[start:i])
        else:
            out.append(text[pos:i + 1])  # no words before it: left where it is
        pos = i + 1
    out.append(text[pos:])
    return "".join(out)


def _bare_v_to_glyph(text: str) -> str:
    return _BARE_V.sub(CHOSEN, text) if UNCHOSEN in text else text


# Every rule below starts from one of these characters; most lines of a form hold none (a PDF's
# prose is read line by line, so this check is the common path).
# Marks that are a choice only beside their pair or an empty box: ★ and ☆ from an input method's
# symbol palette (★学术交流 ☆学会服务站建设), and a pointing hand typed over the chosen option's
# box (☞学术交流 □学会服务站建设). Alone, ★ and ☞ are decoration (★重点项目, ☞注意).
_STAR_CHOSEN, _STAR_UNCHOSEN, _POINTER = "★", "☆", "☞☛"
_MARK_TRIGGERS = frozenset(CHOSEN_MARKS + UNCHOSEN_MARKS + _TICKS + _BOXES + "（([［【" + "£"
                           + _STAR_CHOSEN + _STAR_UNCHOSEN + _POINTER)


# Brackets start only the bracket rules and the bracketed letter (see _normalise): text whose
# only triggers are brackets, none of them a mark's or a letter's, is left as it is. Prose
# numbered （1）… is the common case of a long PDF.
_MARKS_NOT_BRACKETS = frozenset(_MARK_TRIGGERS - set("（([［【"))


# A choice said in words after the option: （已选）, (选中), （已勾选）, （已选择）; （未选） says no.
_CHOICE_WORDS_RE = re.compile(r"[（(]\s*(?:(未|不)选择?|已?(?:勾选|选中|选择|选定|选))\s*[)）]")


def normalise_checkbox_glyphs(text: str) -> str:
    """Rewrite every checkbox mark in `text` as ☑ (chosen) or ☐ (not chosen) right before
    its option label. Must be idempotent; text without marks is returned unchanged."""
    if "\ufe0f" in text or "\ufe0e" in text:
        # A phone's emoji keyboard gives ☑️ and ✔️: the mark, then a variation selector asking
        # for its colour (or text) picture, which says nothing about the choice.
        text = text.replace("\ufe0f", "").replace("\ufe0e", "")
    if not text or _MARK_TRIGGERS.isdisjoint(text):
        return text
    if "选" in text:
        # 省级学会（已选）, 学术交流（未选）: the choice said in words in the bracket a tick goes in.
        text = _CHOICE_WORDS_RE.sub(lambda m: "（√）" if m.group(1) is None else "（ ）", text)
    if _MARKS_NOT_BRACKETS.isdisjoint(text) and _BRACKET_RULES.search(text) is None:
        return text
    return _normalise(text)


# Options lettered like a multiple-choice question (A.学术交流 B.科技创新联盟建设 …) and the
# chosen letter written in brackets, usually before the list: （ E ）.
LETTERED_OPTION_RE = re.compile(r"(?<![A-Za-z0-9])([A-I])\s*[.．、]\s*(?=[\u4e00-\u9fff“「])")
_LETTER_CHOICE_RE = re.compile(r"[（(]\s*([A-Ia-i])\s*[)）]")
_BRACKET_RULES = re.compile("|".join((_BRACKET.pattern, _SQUARE.pattern, _LETTER_CHOICE_RE.pattern)))


def _letter_choice_to_glyphs(text: str) -> str:
    """A lettered option list with one bracketed letter: the letter's option ☑, the others ☐,
    the bracket dropped. Unchanged unless exactly one bracketed letter names one of at least
    two lettered options."""
    letters = [m.group(1) for m in LETTERED_OPTION_RE.finditer(text)]
    choices = _LETTER_CHOICE_RE.findall(text)
    if len(letters) < 2 or len(set(letters)) != len(letters) or len(choices) != 1:
        return text
    chosen = choices[0].upper()
    if chosen not in letters:
        return text
    text = _LETTER_CHOICE_RE.sub("", text, count=1)
    return LETTERED_OPTION_RE.sub(lambda m: CHOSEN if m.group(1) == chosen else UNCHOSEN, text)


def _paired_marks_to_glyphs(text: str) -> str:
    """★/☆ as ☑/☐ where both stand in the text; ☞ (and a box right after it) as ☑ where an
    empty box stands in the text too. Otherwise the text is unchanged (see _STAR_CHOSEN)."""
    if _STAR_CHOSEN in text and _STAR_UNCHOSEN in text:
        text = text.replace(_STAR_CHOSEN, CHOSEN).replace(_STAR_UNCHOSEN, UNCHOSEN)
    if any(p in text for p in _POINTER) and any(b in text for b in UNCHOSEN_MARKS):
        text = re.sub(f"[{_POINTER}][{_PAD}]*[{_BOXES}]?", CHOSEN, text)
    return text


def _normalise(text: str) -> str:
    text = _paired_marks_to_glyphs(text)
    text = _lost_symbol_font_to_glyphs(text)
    text = _letter_choice_to_glyphs(text)
    text = _trailing_tick_to_glyph(text)
    text = _BOX_WITH_TICK.sub(CHOSEN, text)  # "□√学术交流" / "√□学术交流": a ticked box
    text = _SINGLE_MARK.sub(_mark_to_glyph, text)
    text = _trailing_boxes_to_front(text)
    text = _bracket_marks_to_glyphs(text, _SQUARE, lead_by_default=True)
    text = _bracket_marks_to_glyphs(text, _BRACKET, lead_by_default=False)
    text = _bare_v_to_glyph(text)
    return _GLYPH_GAP.sub(r"\1", text)


# Wingdings 2's boxes shown in the text font when that font is missing (a template made on
# another machine, a PDF printed without it): its ☑ is the letter R, ☒ is S, □ is £.
_LOST_UNCHOSEN, _LOST_CHOSEN = "£", "RS"


def _lost_symbol_font_to_glyphs(text: str) -> str:
    """"R学术交流  £学会服务站建设" → "☑学术交流  ☐学会服务站建设": only where a £ stands before
    an option (the font is lost for this list), and only letters directly before an option."""
    if _LOST_UNCHOSEN not in text:
        return text
    spans = _option_spans(text, known_options())
    starts = {a for a, _ in spans}
    if not any(text[a - 1] == _LOST_UNCHOSEN for a in starts if a > 0):
        return text
    out = list(text)
    for a in starts:
        if a > 0 and text[a - 1] == _LOST_UNCHOSEN:
            out[a - 1] = UNCHOSEN
        elif a > 0 and text[a - 1] in _LOST_CHOSEN and (a < 2 or not text[a - 2].isascii() or not text[a - 2].isalnum()):
            out[a - 1] = CHOSEN
    return "".join(out)


def _trailing_tick_to_glyph(text: str) -> str:
    """A list with no boxes where one tick is typed right after the chosen option and a gap
    follows ("学术交流√  学会服务站建设"): the tick belongs to the option before it, not to the
    next one, so it becomes ☑ before that option. Any box or bracket in the list, or a tick
    glued to the next option, leaves the text to the other rules.

    Text of several lists, one per line (a text box holding the whole basic part), is read line
    by line; there, once one line shows the writer's way (a tick after its option, then a gap or
    the line's end), a tick glued to an option on each side in another line follows that way too."""
    if _TICK_OR_BOX_AFTER.isdisjoint(text):
        return text  # the common case: no tick at all
    if sum(1 for ch in text if ch in _TICK_OR_BOX_AFTER) > 1 and "\n" in text:
        lines = text.split("\n")
        after = any(_trailing_tick_at(line, glued=False) is not None for line in lines)
        return "\n".join(_moved_tick(line, glued=after) for line in lines)
    return _moved_tick(text, glued=False)


def _moved_tick(text: str, glued: bool) -> str:
    span = _trailing_tick_at(text, glued)
    if span is None:
        return text
    start, pos = span
    return text[:start] + CHOSEN + text[start:pos] + text[pos + 1:]


def _trailing_tick_at(text: str, glued: bool) -> tuple[int, int] | None:
    """(start of the option, position of the tick) when `text`'s one tick follows an option
    and a gap follows it (or, with `glued`, anything); None otherwise."""
    # A ticked-box glyph typed after the option (学会服务站建设☑) is read the same way.
    ticks = [i for i, ch in enumerate(text) if ch in _TICKS or ch in _TRAILING_BOXES]
    if len(ticks) != 1:
        return None
    spans = _option_spans(text, known_options())
    # Brackets inside an option's name (企业（园区）科协) are no tick brackets.
    rest = "".join(ch for i, ch in enumerate(text) if not any(a <= i < b for a, b in spans))
    if any(ch in rest for ch in UNCHOSEN_MARKS + _BOXES + "（()）[]［］【】"):
        return None
    pos = ticks[0]
    if not glued and pos + 1 < len(text) and text[pos + 1] not in _PAD + "\n，,；;、。":
        return None
    span = next((sp for sp in spans if sp[1] == pos), None)
    return None if span is None else (span[0], pos)


# ----------------------------------------------------------------- emphasis instead of marks


@cache
def known_options() -> tuple[str, ...]:
    """The options of the form's lists (items, unit types and their other names, from
    config/labels.toml): what an emphasised option must be to count as chosen."""
    labels = load_labels()
    return (*labels.items, *labels.applicant_types, *labels.type_aliases)


def _option_pattern(option: str) -> re.Pattern[str]:
    """An option as it may be typed: quotation marks optional, padding between characters."""
    chars = [re.escape(ch) for ch in option if ch not in _QUOTES]
    gap = f"[{_PAD}{_QUOTES}]*"
    return re.compile(f"[{_QUOTES}]?" + gap.join(chars) + f"[{_QUOTES}]?")


def _option_spans(text: str, options: Iterable[str]) -> list[tuple[int, int]]:
    """Where the options occur in `text`, longest option first and without overlaps, so that
    "省级学会" inside "☐省级学会网站管理平台" is not a second option."""
    taken = [False] * len(text)
    spans: list[tuple[int, int]] = []
    for option in sorted({o for o in options if o.strip(_QUOTES)}, key=len, reverse=True):
        for m in _option_pattern(option).finditer(text):
            if m.end() > m.start() and not any(taken[m.start():m.end()]):
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
                spans.append((m.start(), m.end()))
    return sorted(spans)


def struck_to_glyphs(text: str, struck: Sequence[bool], options: Iterable[str]) -> str:
    """In an option list without marks where every option but one is struck through (Word's
    删除线: crossing out what does not apply), the one left standing gets ☑ and the others ☐.

    `struck` holds one flag per character of `text`. Nothing changes unless at least two
    options are found, each wholly struck or wholly not, and exactly one is not struck."""
    if len(struck) != len(text) or normalise_checkbox_glyphs(text) != text or CHOSEN in text or UNCHOSEN in text:
        return text
    spans = _option_spans(text, options)
    if len(spans) < 2:
        return text
    states = [{struck[i] for i in range(a, b) if text[i] not in _PAD + _QUOTES} for a, b in spans]
    if any(len(st) != 1 for st in states):
        return text
    standing = [span for span, st in zip(spans, states) if st == {False}]
    if len(standing) != 1:
        return text
    return _mark_options(text, spans, standing[0])


def _mark_options(text: str, spans: list[tuple[int, int]], chosen: tuple[int, int]) -> str:
    """`text` with ☑ before the chosen option's span and ☐ before every other one."""
    out: list[str] = []
    pos = 0
    for start, _ in spans:
        out += [text[pos:start], CHOSEN if start == chosen[0] else UNCHOSEN]
        pos = start
    out.append(text[pos:])
    return "".join(out)


def _the_emphasised_span(text: str, mask: Sequence[bool], spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The one option wholly emphasised in `mask` while every other option is wholly plain,
    with nothing else emphasised next to it; otherwise None.

    An option partly emphasised, or an emphasis running on into the text around the option
    (a bold label "单位类型：省级学会", a whole bold cell) settles nothing."""
    def state(start: int, end: int) -> set[bool]:
        return {mask[i] for i in range(start, end) if text[i] not in _PAD + _QUOTES}

    states = [state(a, b) for a, b in spans]
    if any(len(st) != 1 for st in states):
        return None
    chosen = [span for span, st in zip(spans, states) if st == {True}]
    if len(chosen) != 1:
        return None
    start, end = chosen[0]
    while start > 0 and mask[start - 1]:
        start -= 1
        if text[start] not in _PAD + _QUOTES:
            return None
    while end < len(text) and mask[end]:
        if text[end] not in _PAD + _QUOTES:
            return None
        end += 1
    return chosen[0]


def emphasis_to_glyphs(text: str, masks: Sequence[Sequence[bool]], options: Iterable[str]) -> str:
    """In an option list that carries no checkbox mark, the option set apart by emphasis (the
    one bold or underlined option among plain ones) gets ☑ and the other options ☐.

    `masks` holds, per kind of emphasis (bold, underline…), one flag per character of `text`.
    Nothing changes unless `text` holds at least two of `options` and some kind of emphasis
    singles out exactly one of them (`_the_emphasised_span`); two kinds singling out different
    options are a contradiction, and nothing changes either. Text that already shows checkbox
    marks is returned as it is: the marks, not the formatting, say what was chosen."""
    if normalise_checkbox_glyphs(text) != text or CHOSEN in text or UNCHOSEN in text:
        return text
    spans = _option_spans(text, options)
    if len(spans) < 2:
        return text
    found = {span for mask in masks if len(mask) == len(text)
             if (span := _the_emphasised_span(text, mask, spans)) is not None}
    if len(found) != 1:
        return text
    (chosen,) = found
    return _mark_options(text, spans, chosen)


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


# An option answered after it (学术交流：是 / 学会服务站建设：否, as a collection form's export
# or a unit's own table puts it), or the chosen option set in brackets with the others bare
# (【省级学会】市州科协 高校科协): the text compared is NFKC (：→:, 【】 stay).
_ANSWER_YES, _ANSWER_NO = "是", "否"


def answers_to_glyphs(text: str, options: list[str] | tuple[str, ...]) -> str:
    """A known option followed by ：是 becomes ☑option, by ：否 ☐option; a known option alone in
    【】 (or ［］, [ ]) becomes ☑option; numbered options with a choice of their number after
    them (①学术交流 ②… 选择：②) become boxes, the chosen ticked. Anything else stays: a bracketed word that is no option
    (【学术交流】 before a project's name is read as the item elsewhere), 是否… questions."""
    keys = tuple(sorted({o for o in options if o}, key=len, reverse=True))
    if not text or not keys:
        return text
    answered, bracketed = _answer_patterns(keys)
    text = answered.sub(lambda m: (CHOSEN if m.group(2) == _ANSWER_YES else UNCHOSEN) + m.group(1), text)
    return _numbered_choice(bracketed.sub(lambda m: CHOSEN + m.group(1), text), keys)


# The options numbered (①学术交流 ②科技创新联盟建设 …, read as 1学术交流2科技创新联盟建设 once keyed)
# and the choice given by its number after them (选择：②, 所选序号：②, （填序号）2): a questionnaire's
# way. (Not the template's own instruction: 限选1项, 请选择1项, 可选2项 name how many, not which.)
NUMBER_CHOICE_RE = re.compile(r"(?:(?:选择|所选|选定)(?:的)?(?:序号|编号)?(?:为|是)?"
                                r"|[(（]\s*(?:请)?填(?:写)?(?:序号|编号)\s*[)）])"
                                r"[:：]?\s*(\d{1,2})(?![\d项个])")


def _numbered_choice(text: str, keys: tuple[str, ...]) -> str:
    """`text` with numbered options turned into glyphs when a choice names one of their
    numbers: ☑ before the chosen, ☐ before the others, the choice itself taken out. Left as it
    is when no choice is stated, or it names no number the options carry."""
    choices = list(NUMBER_CHOICE_RE.finditer(text))
    if not choices:
        return text
    choice = choices[-1]  # the answer follows the list it answers
    numbered = list(_numbered_pattern(keys).finditer(text))
    chosen = int(choice.group(1))
    if len(numbered) < 2 or chosen not in {int(m.group(1)) for m in numbered}:
        return text
    text = text[:choice.start()] + text[choice.end():]
    return _numbered_pattern(keys).sub(lambda m: (CHOSEN if int(m.group(1)) == chosen else UNCHOSEN) + m.group(2), text)


@lru_cache(maxsize=64)
def _numbered_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k in keys)
    return re.compile(f"(?<!\\d)(\\d{{1,2}})\\s*({alternatives})")


@lru_cache(maxsize=64)
def _answer_patterns(keys: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = "|".join(re.escape(k) for k in keys)
    return (re.compile(f"({alternatives})\\s*[:：]\\s*([{_ANSWER_YES}{_ANSWER_NO}])(?![否非])"),
            re.compile(f"[【［\\[]\\s*({alternatives})\\s*[】］\\]]"))

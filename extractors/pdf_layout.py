"""A page's characters and ruling edges read from pdfium, in the shapes pdfplumber gives them.

Why not pdfplumber's own: it rebuilds a page by interpreting the content stream in Python
(pdfminer), 25–40 ms per form page, several times what pdfium, which has already parsed the
page to give its text, needs to hand over each character's box and each path's segments.
The dicts carry the keys the reader's table code uses (pdfplumber's names: x0, x1, top,
bottom, doctop, text, size, upright, matrix; edges with orientation, width, height), so the
same table finder (pdfplumber's, pdf_tables, fed these edges) and the same row building run
on either source, and pdfplumber remains the fallback. The characters come as columns
(`PageChars`, one array per key) and become dicts only where the table code needs them: a
page's text outside its tables is built into rows on the columns (pdf_lines).

Coordinates are pdfplumber's: points from the media box's top-left corner, y growing down.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np
from numpy.typing import NDArray
import pypdfium2 as pdfium
import pypdfium2.raw as c

from shenbao.extractors import pdfium_calls as calls
from shenbao.extractors.box_pictures import glyph_of_grey, is_tick_grey
from shenbao.extractors.checkbox import CHOSEN, known_options
from shenbao.extractors.labels import load_labels
from shenbao.extractors.seal import red_mask

# A page drawing more path segments than this is not a form (a ruled-rectangle bomb, a map);
# its tables are not looked for, which the caller reports like any table failure.
MAX_SEGMENTS = 60_000
MAX_OBJECTS = 200_000  # page objects visited, nested forms included
_FLAT = 0.1  # points: a segment this close to level or plumb is a rule
_MAX_FORM_DEPTH = 8  # nested form XObjects followed this deep
MAX_TILT = 5.0  # degrees: a character turned more is seal or stamp text, not form text


class LayoutTooComplex(Exception):
    """The page has more drawing than a form page could; tables were not looked for."""


@dataclass(frozen=True)
class PageLayout:
    """What the table code needs of one page."""

    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class PageColumns:
    """PageLayout with the characters as columns (PageChars)."""

    chars: PageChars
    edges: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]


def page_columns(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PageColumns:
    """Characters and visible straight rules of `page`; an option circled by a drawn ring gets
    a chosen mark before it (with_rings). Raises LayoutTooComplex."""
    left, bottom, right, top = page.get_mediabox()
    collector = _collect(page, top)
    chars = with_tick_pictures(with_box_pictures(with_rings(page_chars(textpage, top), collector.rings),
                                                 collector.box_pictures), collector.tick_pictures)
    chars = with_filled_boxes(with_framed_options(chars, collector.edges), collector.dark_fills, collector.drawn_ticks)
    chars, edges = without_struck(chars, collector.edges)
    return PageColumns(chars=chars, edges=edges,
                       bbox=(0.0, 0.0, right - left, top - bottom))


def page_layout(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PageLayout:
    """Characters (as pdfplumber's dicts) and visible straight rules of `page`. Raises
    LayoutTooComplex."""
    columns = page_columns(page, textpage)
    return PageLayout(chars=columns.chars.as_dicts(), edges=columns.edges, bbox=columns.bbox)


# --------------------------------------------------------------------------- characters

# A ligature code point as pdfplumber may give it (pdfium splits U+FB00–FB06 itself), by its
# letters: "ﬀ" in "staﬀ" is two letters of an e-mail address or a name.
LIGATURES: dict[int, str] = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
                             0xFB05: "st", 0xFB06: "st"}

def _char_codes(tp: Any, count: int) -> NDArray[np.int64]:
    """FPDFText_GetUnicode of each character, in one call when pdfium's text holds exactly one
    UTF-16 unit per character (no character left out, none beyond the BMP): the usual case."""
    if count and c.FPDFText_GetTextIndexFromCharIndex(tp, count - 1) == count - 1:
        buffer = (ctypes.c_ushort * (2 * count + 2))()  # room for surrogate pairs: never overrun
        if c.FPDFText_GetText(tp, 0, count, buffer) == count + 1:
            codes = np.frombuffer(memoryview(buffer), dtype=np.uint16, count=count).astype(np.int64)
            # The text says U+FFFE where the character says otherwise (a hyphen pdfium joined
            # across lines is U+0002): ask for those.
            for i in np.flatnonzero(codes == 0xFFFE).tolist():
                codes[i] = c.FPDFText_GetUnicode(tp, i)
            return codes
    return np.asarray([c.FPDFText_GetUnicode(tp, i) for i in range(count)], dtype=np.int64)


@dataclass(frozen=True)
class PageChars:
    """pdfium's characters of one page as columns, one entry per character, in pdfium's
    order: what pdfplumber's char dicts hold (`as_dicts` builds them), without a dict per
    character, so that lines of prose can be built on arrays. Coordinates as in the dicts."""

    text: list[str]
    x0: NDArray[np.float64]
    x1: NDArray[np.float64]
    top: NDArray[np.float64]
    bottom: NDArray[np.float64]
    size: NDArray[np.float64]  # the font size rounded to 3 places: pdfplumber's "size"
    upright: NDArray[np.bool_]
    level: NDArray[np.bool_]  # `is_level` of the character's matrix
    matrix: list[tuple[float, ...]]  # the text matrix (the characters of one object share it)

    def __len__(self) -> int:
        return len(self.text)

    def as_dicts(self, indices: Iterable[int] | None = None) -> list[dict[str, Any]]:
        """The characters (those at `indices`, in that order) as pdfplumber's char dicts."""
        at = np.arange(len(self.text)) if indices is None else np.asarray(list(indices), dtype=np.intp)
        texts, matrices = [self.text[i] for i in at.tolist()], [self.matrix[i] for i in at.tolist()]
        columns = zip(texts, self.x0[at].tolist(), self.x1[at].tolist(), self.top[at].tolist(),
                      self.bottom[at].tolist(), self.size[at].tolist(), self.upright[at].tolist(), matrices)
        return [{"object_type": "char", "text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                 "doctop": top, "width": x1 - x0, "height": bottom - top, "size": size, "upright": upright,
                 "matrix": matrix, "fontname": ""}
                for text, x0, x1, top, bottom, size, upright, matrix in columns]


def is_level(a: float, b: float) -> bool:
    """Whether a character whose text matrix starts (a, b, …) reads left to right, turned at
    most MAX_TILT degrees (more is seal or stamp text; upside down is not level either)."""
    if b == 0.0:
        return a > 0  # level or upside down; nearly every character, so no trigonometry
    angle = abs(math.degrees(math.atan2(b, a)))  # math, not numpy: ~10× cheaper per character
    return angle <= MAX_TILT and a > 0


def page_chars(textpage: pdfium.PdfTextPage, page_top: float) -> PageChars:
    """pdfium's characters of a page. A glyph whose text is several letters (a ligature:
    "ff", "ffi") comes from pdfium as one character per letter, all with the glyph's box;
    they become one character with all the letters, as pdfminer gives them (pdfplumber's
    duplicate removal would otherwise keep one "f" of "ff").

    A character costs two calls into pdfium (its loose box, its text object), made by `map`
    straight into one buffer; a run of characters of one text object shares the object's
    matrix and font size, asked for once; the rest is arithmetic on arrays."""
    tp = textpage.raw
    address = calls.address(tp)
    picked, texts = _printed(tp, c.FPDFText_CountChars(tp))
    n = len(picked)
    buffer = (c.FS_RECTF * max(n, 1))()
    start = ctypes.addressof(buffer)
    found = np.fromiter(map(calls.loose_box, repeat(address, n), picked, range(start, start + 16 * n, 16)),
                        dtype=np.int64, count=n) != 0
    objects = np.fromiter(map(calls.text_object, repeat(address, n), picked), dtype=np.uint64, count=n)
    # FS_RECTF is left, top, right, bottom in float32: the values reading its fields gives
    boxes = np.frombuffer(buffer, dtype=np.float32, count=4 * n).reshape(n, 4).astype(np.float64)
    if not found.all():
        kept = np.flatnonzero(found).tolist()
        picked, texts, objects = [picked[k] for k in kept], [texts[k] for k in kept], objects[found]
        boxes = boxes[found]
    picked, texts, objects, boxes = _join_glyph_letters(tp, picked, texts, objects, boxes)
    left, top, right, bottom = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    # min and max as Python's min() and max() give them (the first argument on a tie)
    x0 = np.where(right < left, right, left)
    x1 = np.where(left <= right, right, np.where(right > left, right, left))
    low = np.where(top < bottom, top, bottom)
    high = np.where(bottom <= top, top, np.where(top > bottom, top, bottom))
    runs = _object_runs(tp, picked, objects)
    size = runs.font_size[runs.of]
    upright = runs.upright[runs.of]
    ch_bottom = page_top - low
    # The loose box's bottom is the font's descent line for every glyph, its top varies with
    # the glyph; pdfminer's box is one font size tall, which the line and gap rules expect.
    ch_top = np.where(upright & (size > 0), ch_bottom - size, page_top - high)
    return without_raised_marks(PageChars(text=texts, x0=x0, x1=x1, top=ch_top, bottom=ch_bottom,
                                          size=runs.rounded[runs.of], upright=upright, level=runs.level[runs.of],
                                          matrix=[runs.matrices[r] for r in runs.of.tolist()]))


# A footnote's reference mark as Word and WPS print it: one or two digits (or *, †) in a font
# under _MARK_SIZE of the text's and raised above its line by over _MARK_RISE of its size,
# right after a word (…学术年会¹, …元）²). It is no part of the value it stands by; the Word
# file itself carries it as a w:footnoteReference, which no reader takes as text.
_MARK_SIZE = 0.75
_MARK_RISE = 0.15
_MARK_GAP = 1.0  # at most this many of the text's sizes from the word
_MARKS = frozenset("0123456789*†‡")


def without_raised_marks(chars: PageChars) -> PageChars:
    """`chars` without the footnote reference marks raised after a Han word or a closing
    bracket or quote (a letter or a figure before it may carry an exponent: m², 10⁴)."""
    size = chars.size
    if len(size) < 2:
        return chars
    smaller = np.flatnonzero(size[1:] < _MARK_SIZE * size[:-1]) + 1
    if not len(smaller):
        return chars
    texts = chars.text
    dropped: list[int] = []
    for k in smaller.tolist():
        end = k
        while end < len(texts) and end - k < 2 and texts[end] in _MARKS and size[end] == size[k]:
            end += 1
        if end == k or (end < len(texts) and texts[end] in _MARKS and size[end] == size[k]):
            continue  # not a mark, or three figures and more: a number of its own
        base = k - 1
        while base > 0 and texts[base].isspace():
            base -= 1
        word = texts[base]
        if not (("\u4e00" <= word <= "\u9fff") or word in "）)」』”》】"):
            continue
        raised = chars.bottom[k] < chars.bottom[base] - _MARK_RISE * size[base]
        near = 0.0 <= chars.x0[k] - chars.x1[base] <= _MARK_GAP * size[base]
        if raised and near and size[k] < _MARK_SIZE * size[base]:
            dropped.extend(range(k, end))
    if not dropped:
        return chars
    keep = np.setdiff1d(np.arange(len(texts)), np.asarray(dropped, dtype=np.intp))
    kept = keep.tolist()
    return PageChars(text=[texts[i] for i in kept], x0=chars.x0[keep], x1=chars.x1[keep], top=chars.top[keep],
                     bottom=chars.bottom[keep], size=size[keep], upright=chars.upright[keep],
                     level=chars.level[keep], matrix=[chars.matrix[i] for i in kept])


def _printed(tp: Any, count: int) -> tuple[list[int], list[str]]:
    """The indices and texts of the characters a page prints: not a space or line break
    pdfium inferred (pdfium also drops the space glyphs a writer typed, U+3000 padding
    included, which pdfplumber gives as characters), not a code that stands for no
    character; a character beyond the BMP (two UTF-16 halves) at its second half."""
    codes = _char_codes(tp, count)
    if ((codes >= 0xD800) & (codes < 0xE000)).any():
        return _printed_one_by_one(tp, codes.tolist())
    distinct = np.unique(codes).tolist()
    spaces = [code for code in distinct if chr(code).isspace()]
    drop = np.isin(codes, (0, 0xFFFE, 0xFFFF, 0x0A, 0x0D))
    if spaces:
        asked = np.flatnonzero(np.isin(codes, spaces) & ~drop)
        drop[asked] = np.fromiter(map(calls.is_generated, repeat(calls.address(tp)), asked.tolist()),
                                  dtype=np.int64, count=len(asked)) == 1
    picked = np.flatnonzero(~drop)
    texts = list(map(chr, codes[picked].tolist()))
    if any(0xFB00 <= code <= 0xFB06 for code in distinct):
        texts = [LIGATURES.get(ord(t), t) for t in texts]
    return picked.tolist(), texts


def _printed_one_by_one(tp: Any, codes: list[int]) -> tuple[list[int], list[str]]:
    picked: list[int] = []
    texts: list[str] = []
    pending_high = 0
    for i, code in enumerate(codes):
        if 0xD800 <= code < 0xDC00:  # a character beyond the BMP comes as two UTF-16 halves
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        text = LIGATURES[code] if 0xFB00 <= code <= 0xFB06 else chr(code)
        if text.isspace() and (text in "\r\n" or c.FPDFText_IsGenerated(tp, i) == 1):
            continue
        picked.append(i)
        texts.append(text)
    return picked, texts


def _join_glyph_letters(tp: Any, picked: list[int], texts: list[str], objects: NDArray[np.uint64],
                        boxes: NDArray[np.float64]
                        ) -> tuple[list[int], list[str], NDArray[np.uint64], NDArray[np.float64]]:
    """A character right after another of the same text object with the same loose box,
    and the same tight box (`_same_glyph`), is the next letter of that glyph: its text joins
    the first letter's and it is dropped."""
    n = len(picked)
    if n < 2:
        return picked, texts, objects, boxes
    index = np.asarray(picked)
    candidates = np.flatnonzero((index[1:] == index[:-1] + 1) & (boxes[1:] == boxes[:-1]).all(axis=1)) + 1
    candidates = candidates[objects[candidates] == objects[candidates - 1]]
    merged = [k for k in candidates.tolist() if _same_glyph(tp, picked[k])]
    if not merged:
        return picked, texts, objects, boxes
    texts = list(texts)
    gone = set(merged)
    head = 0
    for k in range(n):
        if k in gone:
            texts[head] += texts[k]
        else:
            head = k
    keep = [k for k in range(n) if k not in gone]
    return [picked[k] for k in keep], [texts[k] for k in keep], objects[keep], boxes[keep]


@dataclass(frozen=True)
class _Runs:
    """Per run of characters of one text object: its matrix and sizes; `of` maps each
    character to its run."""

    of: NDArray[np.intp]
    font_size: NDArray[np.float64]
    rounded: NDArray[np.float64]
    upright: NDArray[np.bool_]
    level: NDArray[np.bool_]
    matrices: list[tuple[float, ...]]


def _object_runs(tp: Any, picked: list[int], objects: NDArray[np.uint64]) -> _Runs:
    """A new run starts where the text object changes (or is unknown, 0): its matrix and
    font size are those pdfium gives for that character."""
    changes = (objects[1:] != objects[:-1]) | (objects[1:] == 0)
    starts = ([0] if len(objects) else []) + (np.flatnonzero(changes) + 1).tolist()
    runs = len(starts)
    at = [picked[k] for k in starts]
    address = calls.address(tp)
    buffer = (c.FS_MATRIX * max(runs, 1))()
    start = ctypes.addressof(buffer)
    read = list(map(calls.char_matrix, repeat(address, runs), at, range(start, start + 24 * runs, 24)))
    tf = np.fromiter(map(calls.font_size, repeat(address, runs), at), dtype=np.float64, count=runs)
    m = np.frombuffer(buffer, dtype=np.float32, count=6 * runs).reshape(runs, 6).astype(np.float64)
    if not all(read):  # a call that fails leaves the matrix read before it (none: zeros)
        for k in range(runs):
            if not read[k]:
                m[k] = m[k - 1] if k else 0.0
    a, b, cc, d = m[:, 0], m[:, 1], m[:, 2], m[:, 3]
    upright = (np.abs(b) < 1e-6) & (np.abs(cc) < 1e-6)
    # pdfium's size is the Tf operand; a producer writing "1 Tf" with a scaled text
    # matrix puts the real size in the matrix (the char matrix excludes the Tf size).
    font_size = tf * np.abs(d)
    for k in np.flatnonzero(~upright).tolist():
        font_size[k] = tf[k] * math.hypot(cc[k], d[k])
    level = a > 0
    for k in np.flatnonzero(b != 0.0).tolist():
        level[k] = is_level(a[k], b[k])
    of = np.zeros(len(objects), dtype=np.intp)
    if starts:
        of[starts[1:]] = 1
        of = np.cumsum(of)
    sizes = font_size.tolist()
    return _Runs(of=of, font_size=font_size, rounded=np.asarray(list(map(round, sizes, repeat(3))), dtype=np.float64),
                 upright=upright, level=level, matrices=list(map(tuple, m.tolist())))


def _same_glyph(tp: Any, i: int) -> bool:
    """Whether character `i`, in the same text object and loose box as character i - 1, is
    another letter of that glyph rather than a second glyph overprinted on it ("□" then "√"):
    the letters of one glyph share its tight box too."""
    l0, r0, b0, t0, l1, r1, b1, t1 = (ctypes.c_double() for _ in range(8))
    ok0 = c.FPDFText_GetCharBox(tp, i - 1, ctypes.byref(l0), ctypes.byref(r0), ctypes.byref(b0), ctypes.byref(t0))
    ok1 = c.FPDFText_GetCharBox(tp, i, ctypes.byref(l1), ctypes.byref(r1), ctypes.byref(b1), ctypes.byref(t1))
    return bool(ok0 and ok1) and (l0.value, r0.value, b0.value, t0.value) == (l1.value, r1.value, b1.value, t1.value)


# --------------------------------------------------------------------------- rules

def _is_white(r: int, g: int, b: int) -> bool:
    return r >= 242 and g >= 242 and b >= 242


def _dark_fill(obj: Any) -> bool:
    """Whether a path is filled black or nearly (a □'s character shading printed: a filled square)."""
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not c.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return False
    return a.value > 0 and 0.299 * r.value + 0.587 * g.value + 0.114 * b.value < 80


def _visible(obj: Any) -> tuple[bool, bool]:
    """(stroked with ink, filled with ink) of a path object: white or transparent paint is the
    invisible rule some templates draw."""
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False, False
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    refs = (ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    stroked = bool(stroke.value) and bool(c.FPDFPageObj_GetStrokeColor(obj, *refs)) \
        and a.value > 0 and not _is_white(r.value, g.value, b.value)
    filled = fill_mode.value != 0 and bool(c.FPDFPageObj_GetFillColor(obj, *refs)) \
        and a.value > 0 and not _is_white(r.value, g.value, b.value)
    return stroked, filled


def _matrix(obj: Any) -> tuple[float, float, float, float, float, float]:
    m = c.FS_MATRIX()
    if not c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """The matrix applying `inner`, then `outer` (PDF row-vector convention)."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


class _EdgeCollector:
    def __init__(self, page_top: float) -> None:
        self.page_top = page_top
        self.edges: list[dict[str, Any]] = []
        self.rings: list[tuple[float, float, float, float]] = []  # x0, top, x1, bottom (see with_rings)
        self.box_pictures: list[tuple[float, float, float, float, str]] = []  # … and ☐/☑ (with_box_pictures)
        self.tick_pictures: list[tuple[float, float, float, float]] = []  # x0, top, x1, bottom (with_tick_pictures)
        self.box_pictures_seen = 0
        self.dark_fills: list[tuple[float, float, float, float]] = []  # x0, top, x1, bottom (with_filled_boxes)
        self.drawn_ticks: list[tuple[float, float, float, float]] = []  # x0, top, x1, bottom (with_filled_boxes)
        self.segments = 0
        self.objects = 0

    def count_objects(self, n: int) -> None:
        self.objects += n
        if self.objects > MAX_OBJECTS:
            raise LayoutTooComplex

    def add_path(self, obj: Any, matrix: tuple[float, ...]) -> None:
        stroked, filled = _visible(obj)
        if not (stroked or filled):
            return
        points: list[tuple[float, float]] = []
        curved, straight = 0, 0.0  # Bézier segments; the longest straight one
        n = c.FPDFPath_CountSegments(obj)
        self.segments += max(n, 0)
        if self.segments > MAX_SEGMENTS:
            raise LayoutTooComplex
        a, b, cc, d, e, f = matrix
        x, y = ctypes.c_float(), ctypes.c_float()
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        lines, slanted, closed = 0, False, False  # for a drawn tick (see drawn_ticks)
        for k in range(n):
            seg = c.FPDFPath_GetPathSegment(obj, k)
            if not c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = x.value, y.value
            point = (a * px + cc * py + e, self.page_top - (b * px + d * py + f))
            kind = c.FPDFPathSegment_GetType(seg)
            points.append(point)
            if kind == c.FPDF_SEGMENT_MOVETO or prev is None:
                start = point
            elif kind == c.FPDF_SEGMENT_LINETO:
                self._segment(prev, point)
                straight = max(straight, abs(point[0] - prev[0]) + abs(point[1] - prev[1]))
                lines += 1
                dx, dy = abs(point[0] - prev[0]), abs(point[1] - prev[1])
                slanted = slanted or min(dx, dy) > 0.3 * max(dx, dy)
            elif kind == c.FPDF_SEGMENT_BEZIERTO:
                curved += 1
            # Bézier pieces are never table rules; their end point still moves the pen.
            if c.FPDFPathSegment_GetClose(seg) and start is not None:
                self._segment(point, start)
                closed = True
            prev = point
        if stroked and not filled and not curved and not closed and 2 <= lines <= 3 and slanted and points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if _BOX_PICTURE_MIN <= max(max(xs) - min(xs), max(ys) - min(ys)) <= _BOX_PICTURE_MAX:
                self.drawn_ticks.append((min(xs), min(ys), max(xs), max(ys)))
        if filled and not curved and points and _dark_fill(obj):
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if _BOX_PICTURE_MIN <= max(xs) - min(xs) <= _BOX_PICTURE_MAX and \
                    _BOX_PICTURE_MIN <= max(ys) - min(ys) <= _BOX_PICTURE_MAX:
                self.dark_fills.append((min(xs), min(ys), max(xs), max(ys)))
        if stroked and not filled and curved >= 8:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            ring = (min(xs), min(ys), max(xs), max(ys))
            height, width = ring[3] - ring[1], ring[2] - ring[0]
            # Writers approximate an ellipse with curves and a few short lines; a rounded
            # box's sides are long lines.
            if height > 0 and width >= _RING_MIN_ASPECT * height and straight <= _RING_MAX_STRAIGHT * height:
                self.rings.append(ring)

    def add_image(self, obj: Any, matrix: tuple[float, ...]) -> None:
        """A picture about a character's size that shows a checkbox (a template whose boxes are
        pictures, printed to PDF): kept with its ☐/☑ for with_box_pictures."""
        a, b, cc, d, e, f = matrix
        xs = [a * u + cc * v + e for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
        ys = [self.page_top - (b * u + d * v + f) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
        if not (_BOX_PICTURE_MIN <= x1 - x0 <= _BOX_PICTURE_MAX and _BOX_PICTURE_MIN <= bottom - top <= _BOX_PICTURE_MAX):
            return
        self.box_pictures_seen += 1
        if self.box_pictures_seen > _MAX_BOX_PICTURES:
            return  # each small picture is decoded once per draw: a page of thousands is no form
        grey = _image_grey(obj)
        glyph = glyph_of_grey(grey) if grey is not None else None
        if glyph is not None:
            self.box_pictures.append((x0, top, x1, bottom, glyph))
        elif grey is not None and is_tick_grey(grey):
            self.tick_pictures.append((x0, top, x1, bottom))

    def _segment(self, p0: tuple[float, float], p1: tuple[float, float]) -> None:
        x0, x1 = sorted((p0[0], p1[0]))
        top, bottom = sorted((p0[1], p1[1]))
        if bottom - top <= _FLAT and x1 - x0 > _FLAT:
            mid = (top + bottom) / 2
            self.edges.append(self._edge(x0, x1, mid, mid, "h"))
        elif x1 - x0 <= _FLAT and bottom - top > _FLAT:
            mid = (x0 + x1) / 2
            self.edges.append(self._edge(mid, mid, top, bottom, "v"))

    def _edge(self, x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict[str, Any]:
        return {"object_type": "curve_edge", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                "doctop": top, "y0": self.page_top - bottom, "y1": self.page_top - top,
                "width": x1 - x0, "height": bottom - top, "orientation": orientation}


# A checkbox picture is drawn about a character's size (points a side), and a page has few.
_BOX_PICTURE_MIN = 4.0
_BOX_PICTURE_MAX = 16.0
_MAX_BOX_PICTURES = 200
_BOX_PICTURE_PIXELS = 200 * 200


def _image_grey(obj: Any) -> list[list[int]] | None:
    """The pixels of an image object as grey rows (its own pixels, not as rendered), or None.
    The pixel size is asked first: a huge image drawn small is never decoded."""
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if (not c.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(width), ctypes.byref(height))
            or not 0 < width.value * height.value <= _BOX_PICTURE_PIXELS):
        return None
    bitmap = c.FPDFImageObj_GetBitmap(obj)
    if not bitmap:
        return None
    try:
        width, height = c.FPDFBitmap_GetWidth(bitmap), c.FPDFBitmap_GetHeight(bitmap)
        stride, kind = c.FPDFBitmap_GetStride(bitmap), c.FPDFBitmap_GetFormat(bitmap)
        channels = {c.FPDFBitmap_Gray: 1, c.FPDFBitmap_BGR: 3, c.FPDFBitmap_BGRx: 4, c.FPDFBitmap_BGRA: 4}.get(kind)
        if channels is None or not 0 < width * height <= _BOX_PICTURE_PIXELS:
            return None
        buffer = c.FPDFBitmap_GetBuffer(bitmap)
        raw = np.ctypeslib.as_array(ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ubyte)), shape=(height * stride,))
        pixels = raw.reshape(height, stride)[:, : width * channels].reshape(height, width, channels)
        grey = pixels[:, :, 0] if channels == 1 else pixels[:, :, :3].mean(axis=2)
        return grey.astype(int).tolist()  # type: ignore[no-any-return]
    finally:
        c.FPDFBitmap_Destroy(bitmap)


def with_box_pictures(chars: PageChars, pictures: list[tuple[float, float, float, float, str]]) -> PageChars:
    """`chars` with each checkbox picture's ☐/☑ put before the first level character to its
    right on its line (the option it stands before)."""
    if not pictures or not len(chars):
        return chars
    cy = (chars.top + chars.bottom) / 2
    before: dict[int, tuple[float, float, str]] = {}
    for x0, top, x1, bottom, glyph in pictures:
        middle = (top + bottom) / 2
        height = bottom - top
        right = np.flatnonzero((chars.x0 >= x1 - 0.5 * height) & (np.abs(cy - middle) < height) & chars.level)
        if not len(right):
            continue
        first = int(right[np.argmin(chars.x0[right])])
        if chars.x0[first] - x1 > 2 * height or first in before:
            continue  # nothing right after it on its line: no option of its
        before[first] = (x0, x1, glyph)
    return _with_marks(chars, before)


def with_tick_pictures(chars: PageChars, ticks: list[tuple[float, float, float, float]]) -> PageChars:
    """`chars` with each □ that a picture of a tick lies over made chosen (checkbox.CHOSEN):
    a tick pasted into Word in front of the text over the template's box, printed to PDF. The
    box is the level □ on the tick's line that the picture covers most, at least half of it."""
    if not ticks or not len(chars):
        return chars
    text = list(chars.text)
    for x0, top, x1, bottom in ticks:
        best, covered = -1, 0.5
        for i in range(len(text)):
            if text[i] not in _BOX_GLYPHS or not chars.level[i]:
                continue
            width = chars.x1[i] - chars.x0[i]
            share = (min(x1, chars.x1[i]) - max(x0, chars.x0[i])) / width if width > 0 else 0.0
            middle = (chars.top[i] + chars.bottom[i]) / 2
            if top <= middle <= bottom and share >= covered:
                best, covered = i, share
        if best >= 0:
            text[best] = CHOSEN
    if text == chars.text:
        return chars
    return PageChars(text=text, x0=chars.x0, x1=chars.x1, top=chars.top, bottom=chars.bottom, size=chars.size,
                     upright=chars.upright, level=chars.level, matrix=chars.matrix)


_BOX_GLYPHS = frozenset("□☐")

# Where a rule crossing a character is strike-through, as a share of its box's height from the
# top (the box is one font size tall, its bottom the descent line): LibreOffice draws 删除线 at
# 0.70–0.73 (a double one at 0.70 and 0.81: its upper rule is enough), an underline at
# 1.09–1.10 (printed at 10.5, 12 and 14 pt, Song, FangSong and Times); but a font with a deep
# descent puts an underline at 0.78–0.79 of its box (Latin figures in a printed Word cover,
# STSong), so the band stops short of that.
_STRIKE_BAND = (0.3, 0.76)


# A sheet printed two pages to a side (缩印) is landscape, its halves apart by a gutter near
# its middle that no character and no rule crosses, each half holding lines of text.
_TWO_UP_MIN_ASPECT = 1.2
_TWO_UP_MIDDLE = (0.42, 0.58)  # where the gutter may be, as a share of the sheet's width
_TWO_UP_MIN_CHARS = 40  # characters each half holds at least


def two_up_gutter(chars: PageChars, edges: list[dict[str, Any]],
                  bbox: tuple[float, float, float, float]) -> float | None:
    """The x of the gutter between two pages printed side by side on a landscape sheet, or
    None: the sheet is landscape, some x in its middle fifth is crossed by no level character
    and no rule, and each side holds at least _TWO_UP_MIN_CHARS characters."""
    width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
    if height <= 0 or width < _TWO_UP_MIN_ASPECT * height or len(chars) < 2 * _TWO_UP_MIN_CHARS:
        return None
    lo, hi = bbox[0] + _TWO_UP_MIDDLE[0] * width, bbox[0] + _TWO_UP_MIDDLE[1] * width
    spans = [(float(a), float(b)) for a, b, ok in zip(chars.x0, chars.x1, chars.level) if ok and b > lo and a < hi]
    spans += [(e["x0"], e["x1"]) for e in edges if e["orientation"] == "h" and e["x1"] > lo and e["x0"] < hi]
    # The widest free stretch of the middle band.
    free, at = 0.0, None
    cursor = lo
    for a, b in sorted(spans):
        if a > cursor and a - cursor > free:
            free, at = a - cursor, (cursor + a) / 2
        cursor = max(cursor, b)
    if hi > cursor and hi - cursor > free:
        free, at = hi - cursor, (cursor + hi) / 2
    if at is None or free < 4.0:
        return None
    left = int(np.count_nonzero(chars.level & (chars.x1 <= at)))
    right = int(np.count_nonzero(chars.level & (chars.x0 >= at)))
    return at if min(left, right) >= _TWO_UP_MIN_CHARS else None


def half_of(columns: PageColumns, gutter: float, left: bool
            ) -> tuple[PageChars, list[dict[str, Any]], tuple[float, float, float, float]]:
    """The characters, rules and box of one side of a two-up sheet (two_up_gutter)."""
    centre = (columns.chars.x0 + columns.chars.x1) / 2
    keep = np.flatnonzero(centre < gutter if left else centre >= gutter)
    chars = columns.chars
    half = PageChars(text=[chars.text[i] for i in keep.tolist()], x0=chars.x0[keep], x1=chars.x1[keep],
                     top=chars.top[keep], bottom=chars.bottom[keep], size=chars.size[keep],
                     upright=chars.upright[keep], level=chars.level[keep],
                     matrix=[chars.matrix[i] for i in keep.tolist()])
    edges = [e for e in columns.edges if (e["x1"] <= gutter + 0.5 if left else e["x0"] >= gutter - 0.5)]
    return half, edges, columns.bbox


def _collinear_runs(edges: list[dict[str, Any]]) -> list[list[int]]:
    """The level rules (indices into `edges`) grouped into runs drawn end to end on one height:
    a strike printed piece by piece (one rule per stretch of text, as LibreOffice prints it;
    the pieces of one font may sit 0.1 pt off those of another). Rules are first gathered by
    height, then chained left to right while each starts where the run so far ends."""
    level = sorted((k for k, e in enumerate(edges) if e["orientation"] == "h"), key=lambda k: edges[k]["top"])
    heights: list[list[int]] = []
    for k in level:
        if heights and edges[k]["top"] - edges[heights[-1][0]]["top"] <= 0.3:
            heights[-1].append(k)
        else:
            heights.append([k])
    runs: list[list[int]] = []
    for same in heights:
        end = None
        for k in sorted(same, key=lambda k: edges[k]["x0"]):
            if end is not None and edges[k]["x0"] <= end + 1.0:
                runs[-1].append(k)
                end = max(end, edges[k]["x1"])
            else:
                runs.append([k])
                end = edges[k]["x1"]
    return runs


def without_struck(chars: PageChars, edges: list[dict[str, Any]]) -> tuple[PageChars, list[dict[str, Any]]]:
    """`chars` without the characters struck through by hand (删除线 printed as a rule through
    them), as the Word reader drops struck runs: a revised form's last amount before the new
    one (~~12.00万元~~ 10.00万元) is no part of it. A struck run goes only when something not
    struck stands on its line in its cell (a value wholly struck keeps its text and is read as
    before), and
    not when it holds a checkbox or an option of the guide's lists (crossing out options that
    do not apply is another way of choosing, left to the option readers). The rules that
    struck the characters go too: they are no table's."""
    if not len(chars) or not edges:
        return chars, edges
    height = chars.bottom - chars.top
    width = chars.x1 - chars.x0
    struck = np.zeros(len(chars), dtype=bool)
    # Characters by their top, so that each rule looks only at those whose band it can cross
    # (a form page has hundreds of rules and thousands of characters).
    order = np.argsort(chars.top, kind="stable")
    tops = chars.top[order]
    high, low = float(height.max()), float(max(height.min(), 0.0))
    runs: list[tuple[list[int], NDArray[np.intp]]] = []  # the rules of one strike, the characters it strikes
    for group in _collinear_runs(edges):
        y = edges[group[0]]["top"]
        near = order[np.searchsorted(tops, y - _STRIKE_BAND[1] * high):
                     np.searchsorted(tops, y - _STRIKE_BAND[0] * low, side="right")]
        if not len(near):
            continue
        x0, x1 = min(edges[k]["x0"] for k in group), max(edges[k]["x1"] for k in group)
        h, w = height[near], width[near]
        overlap = np.minimum(chars.x1[near], x1) - np.maximum(chars.x0[near], x0)
        hit = near[chars.level[near] & (h > 0) & (w > 0) & (overlap >= 0.8 * w)
                   & (y >= chars.top[near] + _STRIKE_BAND[0] * h) & (y <= chars.top[near] + _STRIKE_BAND[1] * h)]
        if sum(1 for i in hit.tolist() if chars.text[i].strip()) < 2:
            continue  # a short rule under one character is a dash or a mark, not a crossing-out
        tall = float(np.median(height[hit]))
        # A strike runs from its first character to its last; a rule much longer than the
        # characters it crosses is a table's line that text overflows.
        if x0 < float(chars.x0[hit].min()) - tall or x1 > float(chars.x1[hit].max()) + tall:
            continue
        # … and it crosses every character along it. A rule under a line of mixed fonts (an
        # underline, a fill-in line) meets only the glyphs whose boxes reach deepest (Latin
        # figures in a Chinese line): not a strike.
        middle = float(np.median((chars.top[hit] + chars.bottom[hit]) / 2))
        centre_x = (chars.x0 + chars.x1) / 2
        along = np.flatnonzero(chars.level & (np.abs((chars.top + chars.bottom) / 2 - middle) < 0.5 * tall)
                               & (centre_x >= x0) & (centre_x <= x1))
        crossed = set(hit.tolist())
        if any(chars.text[i].strip() and i not in crossed for i in along.tolist()):
            continue
        runs.append((group, hit))
    if not runs:
        return chars, edges
    options = known_options()
    dropped_edges: set[int] = set()
    centre = (chars.top + chars.bottom) / 2
    for group, hit in runs:
        text = "".join(chars.text[i] for i in hit.tolist())
        if any(ch in _BOX_GLYPHS or ch == CHOSEN for ch in text) or any(o in text for o in options):
            continue
        middle, tall = float(np.median(centre[hit])), float(np.median(height[hit]))
        # The struck run's cell: between the nearest plumb rules either side of it.
        start, end = float(chars.x0[hit].min()), float(chars.x1[hit].max())
        walls = [e["x0"] for e in edges if e["orientation"] == "v" and e["top"] <= middle <= e["bottom"]]
        left = max((x for x in walls if x <= start + 0.5), default=-np.inf)
        right = min((x for x in walls if x >= end - 0.5), default=np.inf)
        line = np.flatnonzero(chars.level & (np.abs(centre - middle) < 0.5 * tall)
                              & (chars.x0 >= left) & (chars.x1 <= right))
        crossed = set(hit.tolist())
        rest = [i for i in line.tolist() if i not in crossed and not struck[i] and chars.text[i].strip()]
        if not rest:
            continue
        struck[hit] = True
        dropped_edges.update(group)
    if not struck.any():
        return chars, edges
    keep = np.flatnonzero(~struck)
    return (PageChars(text=[chars.text[i] for i in keep.tolist()], x0=chars.x0[keep], x1=chars.x1[keep],
                      top=chars.top[keep], bottom=chars.bottom[keep], size=chars.size[keep],
                      upright=chars.upright[keep], level=chars.level[keep],
                      matrix=[chars.matrix[i] for i in keep.tolist()]),
            [e for k, e in enumerate(edges) if k not in dropped_edges])


def _collect(page: pdfium.PdfPage, page_top: float) -> _EdgeCollector:
    collector = _EdgeCollector(page_top)
    raw = calls.address(page.raw)
    _walk(list(map(calls.page_object, repeat(raw), range(calls.count_objects(raw)))),
          (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), collector, 0)
    return collector


# A ring drawn around an option (a form filled in Word by circling the choice with an ellipse,
# printed to PDF): a stroked, unfilled path of curves only, wider than tall, about one line high.
# A seal's ring is round and a rounded cell border has straight sides: neither is one.
_RING_MIN_ASPECT = 1.5
_RING_MAX_LINES = 3.0  # its height in font sizes of the characters it circles
_RING_MAX_STRAIGHT = 0.5  # its longest straight piece (x and y run added), in ring heights
# The mark put before a circled option: a space first, so that the mark stands apart from the
# option before it (a mark glued to both neighbours is read as doubtful, checkbox.py).
_RING_MARK = " " + CHOSEN


def with_rings(chars: PageChars, rings: list[tuple[float, float, float, float]]) -> PageChars:
    """`chars` with a chosen mark (checkbox.CHOSEN) put before the first character each ring
    circles: level characters of one line whose centres are inside the ring, the ring no more
    than _RING_MAX_LINES of their size high. The mark is read as any ticked box is."""
    if not rings or not len(chars):
        return chars
    cx, cy = (chars.x0 + chars.x1) / 2, (chars.top + chars.bottom) / 2
    before: dict[int, tuple[float, float, str]] = {}  # the character a mark precedes → the mark's x0, x1, text
    for x0, top, x1, bottom in rings:
        inside = np.flatnonzero((cx > x0) & (cx < x1) & (cy > top) & (cy < bottom) & chars.level)
        if len(inside) < 2:
            continue
        size = float(np.median(chars.size[inside])) or float(np.median(chars.bottom[inside] - chars.top[inside]))
        if size <= 0 or bottom - top > _RING_MAX_LINES * size:
            continue
        first, place = _mark_place(chars, inside, x0, size)
        before[first] = place
    return _with_marks(chars, before)


def _mark_place(chars: PageChars, inside: NDArray[np.intp], left: float,
                size: float) -> tuple[int, tuple[float, float, str]]:
    """The first character `inside` a drawn mark whose left edge is `left`, and the chosen
    mark's place just before it (at most half a character wide)."""
    first = int(inside[np.argmin(chars.x0[inside])])
    width = min(size * 0.5, max(chars.x0[first] - left, 0.5))
    return first, (chars.x0[first] - width, chars.x0[first], _RING_MARK)


def with_filled_boxes(chars: PageChars, fills: Sequence[tuple[float, float, float, float]],
                      ticks: Sequence[tuple[float, float, float, float]] = ()) -> PageChars:
    """`chars` with each □ that lies on a dark filled square (its character shading, printed)
    read as chosen: the square hides the □'s outline and prints as ■. So is a □ under a tick
    drawn over it (`ticks`: a stroke of two or three slanted lines about a character's size, as
    a freeform tick in Word prints), the tick's box reaching over the □'s centre."""
    if not (fills or ticks) or not len(chars):
        return chars
    boxes = [i for i, t in enumerate(chars.text) if t in "□☐"]
    if not boxes:
        return chars
    text = list(chars.text)
    for i in boxes:
        cx, cy = (chars.x0[i] + chars.x1[i]) / 2, (chars.top[i] + chars.bottom[i]) / 2
        if any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in (*fills, *ticks)):
            text[i] = CHOSEN
    return chars if text == chars.text else PageChars(
        text=text, x0=chars.x0, x1=chars.x1, top=chars.top, bottom=chars.bottom, size=chars.size,
        upright=chars.upright, level=chars.level, matrix=chars.matrix)


def framed_boxes(edges: list[dict[str, Any]]) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of each rectangle of four rules that no other rule touches at a
    corner, wider than tall and at most _FRAME_MAX_HEIGHT high: a frame drawn round a piece of
    text (a character border, 字符边框, printed to PDF), not a table's cell (whose corners its
    neighbours share)."""
    if len(edges) > _MAX_FRAME_EDGES:
        return []
    short = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] <= _FRAME_MAX_HEIGHT]
    if len(short) < 2:
        return []
    by_band: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in short:
        by_band.setdefault((round(e["top"]), round(e["bottom"])), []).append(e)
    pairs = [(left, right) for band in by_band.values() if len(band) >= 2 for left in band for right in band
             if right["x0"] - left["x0"] > 1.5 * (left["bottom"] - left["top"])]
    if not pairs:
        return []
    # horizontal rules by their (rounded) ends: a frame's top and bottom share its x-extent
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in edges:
        if e["orientation"] == "h":
            spans.setdefault((round(e["x0"]), round(e["x1"])), []).append(e)
    ends: dict[tuple[int, int], int] = {}  # rule ends by the whole point they fall on
    for e in edges:
        for x, y in ((e["x0"], e["top"]), (e["x1"], e["bottom"])):
            key = (round(x), round(y))
            ends[key] = ends.get(key, 0) + 1

    def touching(x: float, y: float) -> int:
        return sum(ends.get((round(x) + dx, round(y) + dy), 0) for dx in (-1, 0, 1) for dy in (-1, 0, 1))

    found: list[tuple[float, float, float, float]] = []
    for left, right in pairs:
        x0, x1, top, bottom = left["x0"], right["x0"], left["top"], left["bottom"]
        near = [e for dx in (-1, 0, 1) for dy in (-1, 0, 1) for e in spans.get((round(x0) + dx, round(x1) + dy), [])]
        sides = [e for e in near if abs(e["x0"] - x0) <= _CORNER and abs(e["x1"] - x1) <= _CORNER
                 and (abs(e["top"] - top) <= _CORNER or abs(e["top"] - bottom) <= _CORNER)]
        if len(sides) == 2 and all(touching(x, y) == 2 for x in (x0, x1) for y in (top, bottom)):
            found.append((x0, top, x1, bottom))
    return found


_FRAME_MAX_HEIGHT = 30.0  # points: a frame round one line of text
_CORNER = 1.0  # points: rules meeting at a corner
_MAX_FRAME_EDGES = 400  # a page of more rules than this is drawn, not framed text


def with_framed_options(chars: PageChars, edges: list[dict[str, Any]]) -> PageChars:
    """`chars` with a chosen mark before each option (a list's item or unit type, nothing else)
    that a frame (framed_boxes) encloses alone, one line high: the chosen option of a list
    without marks, framed by a character border."""
    if not len(chars) or not edges:
        return chars
    cx, cy = (chars.x0 + chars.x1) / 2, (chars.top + chars.bottom) / 2
    aliases = load_labels().type_aliases
    options = {re.sub(r"\s+", "", o): aliases.get(o, o) for o in known_options()}  # → the option it names
    before: dict[int, tuple[float, float, str]] = {}
    for x0, top, x1, bottom in framed_boxes(edges):
        inside = np.flatnonzero((cx > x0) & (cx < x1) & (cy > top) & (cy < bottom) & chars.level)
        if not len(inside):
            continue
        size = float(np.median(chars.size[inside]))
        text = re.sub(r"\s+", "", "".join(chars.text[i] for i in sorted(inside.tolist(), key=lambda i: chars.x0[i])))
        # An option wrapped at the line's end is framed in two pieces: the first marks it.
        heads = {named for o, named in options.items() if o.startswith(text)} if len(text) >= 2 else set()
        if size <= 0 or bottom - top > _RING_MAX_LINES * size or (text not in options and len(heads) != 1):
            continue
        first, place = _mark_place(chars, inside, x0, size)
        before[first] = place
    return _with_marks(chars, before)


def _with_marks(chars: PageChars, before: dict[int, tuple[float, float, str]]) -> PageChars:
    """`chars` with a mark (its x0, x1 and text) put before each character index of `before`."""
    if not before:
        return chars
    src: list[int] = []  # each output character's source character (a mark: the one it precedes)
    is_mark: list[bool] = []
    for i in range(len(chars)):
        if i in before:
            src.append(i)
            is_mark.append(True)
        src.append(i)
        is_mark.append(False)
    at = np.asarray(src, dtype=np.intp)
    lefts, rights = chars.x0[at].copy(), chars.x1[at].copy()
    for pos in np.flatnonzero(np.asarray(is_mark)).tolist():
        lefts[pos], rights[pos] = before[src[pos]][:2]
    return PageChars(text=[before[i][2] if m else chars.text[i] for i, m in zip(src, is_mark)], x0=lefts, x1=rights,
                     top=chars.top[at], bottom=chars.bottom[at], size=chars.size[at], upright=chars.upright[at],
                     level=chars.level[at], matrix=[chars.matrix[i] for i in src])


def _walk(objects: list[int | None], outer: tuple[float, ...], collector: _EdgeCollector, depth: int) -> None:
    """Paths in object order, form XObjects followed in place (`objects` are addresses: the
    kinds of a level are asked for by one `map`, the few paths and forms looked at in turn)."""
    collector.count_objects(len(objects))
    kinds = list(map(calls.object_type, objects))
    for obj, kind in zip(objects, kinds):
        if obj is None:  # a missing object has no kind (FPDF_PAGEOBJ_UNKNOWN)
            continue
        if kind == c.FPDF_PAGEOBJ_PATH:
            handle = ctypes.cast(obj, c.FPDF_PAGEOBJECT)
            collector.add_path(handle, _compose(_matrix(handle), outer))
        elif kind == c.FPDF_PAGEOBJ_IMAGE:
            handle = ctypes.cast(obj, c.FPDF_PAGEOBJECT)
            collector.add_image(handle, _compose(_matrix(handle), outer))
        elif kind == c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            inner = _compose(_matrix(ctypes.cast(obj, c.FPDF_PAGEOBJECT)), outer)
            _walk(list(map(calls.form_object, repeat(obj), range(calls.form_count_objects(obj)))),
                  inner, collector, depth + 1)


# --------------------------------------------------------------------------- colour

_MAX_COLOUR_OBJECTS = 20_000


def may_show_red(page: pdfium.PdfPage) -> bool:
    """False only when no object of the page is painted in a seal red, so that rendering the
    page could not show a red seal. Shadings, and pages with too many objects to look at, are
    answered True (render and look). The objects are looked at a level of form XObjects at a
    time, each level's colours read by `map` into one buffer."""
    raw = calls.address(page.raw)
    level: list[int | None] = list(map(calls.page_object, repeat(raw), range(calls.count_objects(raw))))
    seen = 0
    while level:
        seen += len(level)
        if seen > _MAX_COLOUR_OBJECTS:
            return True
        kinds = list(map(calls.object_type, level))
        if c.FPDF_PAGEOBJ_SHADING in kinds or c.FPDF_PAGEOBJ_IMAGE in kinds:
            return True
        painted = [obj for obj, kind in zip(level, kinds) if kind != c.FPDF_PAGEOBJ_FORM]
        if _painted_red(painted, calls.fill_colour) or _painted_red(painted, calls.stroke_colour):
            return True
        forms = [obj for obj, kind in zip(level, kinds) if kind == c.FPDF_PAGEOBJ_FORM]
        level = [child for form in forms
                 for child in map(calls.form_object, repeat(form), range(calls.form_count_objects(form)))]
    return False


def _painted_red(objects: list[int | None], get_colour: Any) -> bool:
    """Whether one of `objects` has a visible colour (alpha above 0) of `get_colour` that
    seal.red_mask calls seal red (one definition of seal red)."""
    n = len(objects)
    if not n:
        return False
    buffer = (ctypes.c_uint * (4 * n))()
    at = ctypes.addressof(buffer)
    stop = at + 16 * n
    read = np.fromiter(map(get_colour, objects, range(at, stop, 16), range(at + 4, stop, 16),
                           range(at + 8, stop, 16), range(at + 12, stop, 16)), dtype=np.int64, count=n) != 0
    rgba = np.frombuffer(memoryview(buffer), dtype=np.uint32).reshape(n, 4)[read]
    shown = rgba[rgba[:, 3] > 0, :3]
    return bool(len(shown)) and bool(red_mask(shown.astype(np.uint8).reshape(-1, 1, 3)).any())

"""A page's characters and ruling edges read from pdfium, in the shapes pdfplumber gives them.

Why not pdfplumber's own: it rebuilds a page by interpreting the content stream in Python
(pdfminer), 25–40 ms per form page, several times what pdfium, which has already parsed the
page to give its text, needs to hand over each character's box and each path's segments.
The dicts carry the keys the reader's table code uses (pdfplumber's names: x0, x1, top,
bottom, doctop, text, size, upright, matrix; edges with orientation, width, height), so the
same table finder (pdfplumber.table.TableFinder, here fed these edges) and the same row
building run on either source, and pdfplumber remains the fallback.

Coordinates are pdfplumber's: points from the media box's top-left corner, y growing down.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as c

from shenbao.extractors.seal import red_mask

# A page drawing more path segments than this is not a form (a ruled-rectangle bomb, a map);
# its tables are not looked for, which the caller reports like any table failure.
MAX_SEGMENTS = 60_000
MAX_OBJECTS = 200_000  # page objects visited, nested forms included
_FLAT = 0.1  # points: a segment this close to level or plumb is a rule
_MAX_FORM_DEPTH = 8  # nested form XObjects followed this deep


class LayoutTooComplex(Exception):
    """The page has more drawing than a form page could; tables were not looked for."""


@dataclass(frozen=True)
class PageLayout:
    """What the table code needs of one page."""

    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]


def page_layout(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> PageLayout:
    """Characters and visible straight rules of `page`. Raises LayoutTooComplex."""
    left, bottom, right, top = page.get_mediabox()
    return PageLayout(chars=_chars(textpage, top), edges=_edges(page, top),
                      bbox=(0.0, 0.0, right - left, top - bottom))


# --------------------------------------------------------------------------- characters

# A ligature code point as pdfplumber may give it (pdfium splits U+FB00–FB06 itself), by its
# letters: "ﬀ" in "staﬀ" is two letters of an e-mail address or a name.
LIGATURES: dict[int, str] = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
                             0xFB05: "st", 0xFB06: "st"}

# FPDFText_GetTextObject answering a plain address (pypdfium2's binding answers a pointer object,
# which cannot be compared cheaply): characters in a row from one text object share its matrix
# and font size, read once.
_TEXT_OBJECT_ADDRESS = ctypes.cast(c.FPDFText_GetTextObject, ctypes.c_void_p).value
if _TEXT_OBJECT_ADDRESS is None:  # a symbol pypdfium2 has already bound: never NULL
    raise ImportError("pdfium lacks FPDFText_GetTextObject")
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, c.FPDF_TEXTPAGE, ctypes.c_int)(_TEXT_OBJECT_ADDRESS)


def _char_codes(tp: Any, count: int) -> list[int]:
    """FPDFText_GetUnicode of each character, in one call when pdfium's text holds exactly one
    UTF-16 unit per character (no character left out, none beyond the BMP): the usual case."""
    if count and c.FPDFText_GetTextIndexFromCharIndex(tp, count - 1) == count - 1:
        buffer = (ctypes.c_ushort * (2 * count + 2))()  # room for surrogate pairs: never overrun
        if c.FPDFText_GetText(tp, 0, count, buffer) == count + 1:
            codes = buffer[:count]
            # The text says U+FFFE where the character says otherwise (a hyphen pdfium joined
            # across lines is U+0002): ask for those.
            return [c.FPDFText_GetUnicode(tp, i) if code == 0xFFFE else code for i, code in enumerate(codes)]
    return [c.FPDFText_GetUnicode(tp, i) for i in range(count)]


def _chars(textpage: pdfium.PdfTextPage, page_top: float) -> list[dict[str, Any]]:
    """pdfium's characters as pdfplumber's char dicts. A glyph whose text is several letters (a
    ligature: "ff", "ffi") comes from pdfium as one character per letter, all with the glyph's
    box; they become one character with all the letters, as pdfminer gives them (pdfplumber's
    duplicate removal would otherwise keep one "f" of "ff")."""
    tp = textpage.raw
    count = c.FPDFText_CountChars(tp)
    codes = _char_codes(tp, count)
    rect = c.FS_RECTF()
    matrix = c.FS_MATRIX()
    rect_p, matrix_p = ctypes.byref(rect), ctypes.byref(matrix)
    is_generated = c.FPDFText_IsGenerated
    get_box, get_matrix, get_size = c.FPDFText_GetLooseCharBox, c.FPDFText_GetMatrix, c.FPDFText_GetFontSize
    chars: list[dict[str, Any]] = []
    pending_high = 0
    text_object: int | None = None
    last_index, last_object, last_box = -2, None, (0.0, 0.0, 0.0, 0.0)  # of chars[-1]
    font_size = rounded_size = 0.0
    char_matrix: tuple[float, ...] = ()
    upright = True
    for i in range(count):
        code = codes[i]
        if 0xD800 <= code < 0xDC00:  # a character beyond the BMP comes as two UTF-16 halves
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        text = LIGATURES[code] if 0xFB00 <= code <= 0xFB06 else chr(code)
        if text.isspace() and (text in "\r\n" or is_generated(tp, i) == 1):
            # A space or line break pdfium inferred. (pdfium also drops the space glyphs a
            # writer typed, U+3000 padding included, which pdfplumber gives as characters.)
            continue
        if not get_box(tp, i, rect_p):
            continue
        obj = _text_object(tp, i)
        box = left, right, top, bottom = rect.left, rect.right, rect.top, rect.bottom
        if last_index == i - 1 and last_object == obj and last_box == box and _same_glyph(tp, i):
            chars[-1]["text"] += text  # the next letter of the same glyph
            last_index = i
            continue
        last_index, last_object, last_box = i, obj, box
        if obj != text_object or obj is None:
            text_object = obj
            get_matrix(tp, i, matrix_p)
            a, b, cc, d = matrix.a, matrix.b, matrix.c, matrix.d
            char_matrix = (a, b, cc, d, matrix.e, matrix.f)
            upright = abs(b) < 1e-6 and abs(cc) < 1e-6
            # pdfium's size is the Tf operand; a producer writing "1 Tf" with a scaled text
            # matrix puts the real size in the matrix (the char matrix excludes the Tf size).
            font_size = get_size(tp, i) * (abs(d) if upright else math.hypot(cc, d))
            rounded_size = round(font_size, 3)
        # min and max, without their calls, for the usual ordered box
        x0, x1 = (left, right) if left <= right else (min(left, right), max(left, right))
        low, high = (bottom, top) if bottom <= top else (min(bottom, top), max(bottom, top))
        ch_bottom = page_top - low
        # The loose box's bottom is the font's descent line for every glyph, its top varies with
        # the glyph; pdfminer's box is one font size tall, which the line and gap rules expect.
        ch_top = ch_bottom - font_size if upright and font_size > 0 else page_top - high
        chars.append({
            "object_type": "char", "text": text, "x0": x0, "x1": x1, "top": ch_top, "bottom": ch_bottom,
            "doctop": ch_top, "width": x1 - x0, "height": ch_bottom - ch_top, "size": rounded_size,
            "upright": upright, "matrix": char_matrix,
            "fontname": "",
        })
    return chars


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
        self.segments = 0
        self.objects = 0

    def count_object(self) -> None:
        self.objects += 1
        if self.objects > MAX_OBJECTS:
            raise LayoutTooComplex

    def add_path(self, obj: Any, matrix: tuple[float, ...]) -> None:
        stroked, filled = _visible(obj)
        if not (stroked or filled):
            return
        n = c.FPDFPath_CountSegments(obj)
        self.segments += max(n, 0)
        if self.segments > MAX_SEGMENTS:
            raise LayoutTooComplex
        a, b, cc, d, e, f = matrix
        x, y = ctypes.c_float(), ctypes.c_float()
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for k in range(n):
            seg = c.FPDFPath_GetPathSegment(obj, k)
            if not c.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = x.value, y.value
            point = (a * px + cc * py + e, self.page_top - (b * px + d * py + f))
            kind = c.FPDFPathSegment_GetType(seg)
            if kind == c.FPDF_SEGMENT_MOVETO or prev is None:
                start = point
            elif kind == c.FPDF_SEGMENT_LINETO:
                self._segment(prev, point)
            # Bézier pieces are never table rules; their end point still moves the pen.
            if c.FPDFPathSegment_GetClose(seg) and start is not None:
                self._segment(point, start)
            prev = point

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


def _edges(page: pdfium.PdfPage, page_top: float) -> list[dict[str, Any]]:
    collector = _EdgeCollector(page_top)
    raw = page.raw
    _walk([c.FPDFPage_GetObject(raw, i) for i in range(c.FPDFPage_CountObjects(raw))],
          (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), collector, 0)
    return collector.edges


def _walk(objects: list[Any], outer: tuple[float, ...], collector: _EdgeCollector, depth: int) -> None:
    for obj in objects:
        collector.count_object()
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_PATH:
            collector.add_path(obj, _compose(_matrix(obj), outer))
        elif kind == c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            inner = _compose(_matrix(obj), outer)
            _walk([c.FPDFFormObj_GetObject(obj, i) for i in range(c.FPDFFormObj_CountObjects(obj))],
                  inner, collector, depth + 1)


# --------------------------------------------------------------------------- colour

_MAX_COLOUR_OBJECTS = 20_000


@lru_cache(maxsize=4096)
def _is_seal_red(r: int, g: int, b: int) -> bool:
    """seal.red_mask's own test, on one colour (so "seal red" has one definition); a page
    repeats a handful of colours."""
    return bool(red_mask(np.array([[[r, g, b]]], dtype=np.uint8))[0, 0])


def may_show_red(page: pdfium.PdfPage) -> bool:
    """False only when no object of the page is painted in a seal red, so that rendering the
    page could not show a red seal. Shadings, and pages with too many objects to look at, are
    answered True (render and look)."""
    raw = page.raw
    stack = [c.FPDFPage_GetObject(raw, i) for i in range(c.FPDFPage_CountObjects(raw))]
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    refs = (ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    seen = 0
    while stack:
        obj = stack.pop()
        seen += 1
        if seen > _MAX_COLOUR_OBJECTS:
            return True
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_FORM:
            stack.extend(c.FPDFFormObj_GetObject(obj, i) for i in range(c.FPDFFormObj_CountObjects(obj)))
            continue
        if kind in (c.FPDF_PAGEOBJ_SHADING, c.FPDF_PAGEOBJ_IMAGE):
            return True
        for getter in (c.FPDFPageObj_GetFillColor, c.FPDFPageObj_GetStrokeColor):
            if getter(obj, *refs) and a.value > 0 and _is_seal_red(r.value, g.value, b.value):
                return True
    return False

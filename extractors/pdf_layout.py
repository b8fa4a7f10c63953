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

def _chars(textpage: pdfium.PdfTextPage, page_top: float) -> list[dict[str, Any]]:
    tp = textpage.raw
    count = c.FPDFText_CountChars(tp)
    rect = c.FS_RECTF()
    matrix = c.FS_MATRIX()
    rect_p, matrix_p = ctypes.byref(rect), ctypes.byref(matrix)
    get_unicode, is_generated = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated
    get_box, get_matrix, get_size = c.FPDFText_GetLooseCharBox, c.FPDFText_GetMatrix, c.FPDFText_GetFontSize
    chars: list[dict[str, Any]] = []
    pending_high = 0
    for i in range(count):
        code = get_unicode(tp, i)
        if 0xD800 <= code < 0xDC00:  # a character beyond the BMP comes as two UTF-16 halves
            pending_high = code
            continue
        if 0xDC00 <= code < 0xE000 and pending_high:
            code = 0x10000 + ((pending_high - 0xD800) << 10) + (code - 0xDC00)
        pending_high = 0
        if code in (0, 0xFFFE, 0xFFFF):
            continue
        if is_generated(tp, i) == 1:
            # A space or line break pdfium inferred. (pdfium also drops the space glyphs a
            # writer typed, U+3000 padding included, which pdfplumber gives as characters.)
            continue
        text = chr(code)
        if text in "\r\n":
            continue
        if not get_box(tp, i, rect_p):
            continue
        get_matrix(tp, i, matrix_p)
        a, b, cc, d = matrix.a, matrix.b, matrix.c, matrix.d
        upright = abs(b) < 1e-6 and abs(cc) < 1e-6
        # pdfium's size is the Tf operand; a producer writing "1 Tf" with a scaled text
        # matrix puts the real size in the matrix (the char matrix excludes the Tf size).
        size = get_size(tp, i) * (abs(d) if upright else math.hypot(cc, d))
        x0, x1 = min(rect.left, rect.right), max(rect.left, rect.right)
        ch_bottom = page_top - min(rect.top, rect.bottom)
        # The loose box's bottom is the font's descent line for every glyph, its top varies with
        # the glyph; pdfminer's box is one font size tall, which the line and gap rules expect.
        ch_top = ch_bottom - size if upright and size > 0 else page_top - max(rect.top, rect.bottom)
        chars.append({
            "object_type": "char", "text": text, "x0": x0, "x1": x1, "top": ch_top, "bottom": ch_bottom,
            "doctop": ch_top, "width": x1 - x0, "height": ch_bottom - ch_top, "size": round(size, 3),
            "upright": upright, "matrix": (a, b, cc, d, matrix.e, matrix.f),
            "fontname": "",
        })
    return chars



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

"""pdfium functions called once per character, line or page object, bound to take and give
plain addresses (ints).

pypdfium2's bindings take typed pointer objects, which ctypes converts on every call: about
half of a call's cost, and a page's text costs thousands of calls. These bind the same
functions of the same library with `c_void_p` for every handle and buffer, so a caller can
pass `address(textpage.raw)` and `ctypes.addressof(buffer) + offset`, and `map` them over
indices without a Python frame per call. A handle is only valid while the pypdfium2 object
that owns it is open: the caller keeps that object alive.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as c

_P = ctypes.c_void_p
_INT = ctypes.c_int


def address(handle: Any) -> int:
    """The address a pypdfium2 handle (`page.raw`, `textpage.raw`, a page object) points at."""
    value = ctypes.cast(handle, ctypes.c_void_p).value
    if value is None:
        raise ValueError("a NULL pdfium handle")
    return value


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The function pypdfium2 bound, at the same address, with these argument types."""
    at = ctypes.cast(function, ctypes.c_void_p).value
    if at is None:  # a symbol pypdfium2 has already bound: never NULL
        raise ImportError("pdfium lacks a function pypdfium2 binds")
    return ctypes.CFUNCTYPE(restype, *argtypes)(at)


# text page
text_object = _bind(c.FPDFText_GetTextObject, ctypes.c_size_t, _P, _INT)  # -> address, 0 for none
loose_box = _bind(c.FPDFText_GetLooseCharBox, _INT, _P, _INT, _P)  # FS_RECTF: left, top, right, bottom (float)
char_matrix = _bind(c.FPDFText_GetMatrix, _INT, _P, _INT, _P)  # FS_MATRIX: a b c d e f (float)
font_size = _bind(c.FPDFText_GetFontSize, ctypes.c_double, _P, _INT)
is_generated = _bind(c.FPDFText_IsGenerated, _INT, _P, _INT)
char_index = _bind(c.FPDFText_GetCharIndexFromTextIndex, _INT, _P, _INT)
count_rects = _bind(c.FPDFText_CountRects, _INT, _P, _INT, _INT)
get_rect = _bind(c.FPDFText_GetRect, _INT, _P, _INT, _P, _P, _P, _P)  # left, top, right, bottom (double)
# page objects
count_objects = _bind(c.FPDFPage_CountObjects, _INT, _P)
page_object = _bind(c.FPDFPage_GetObject, _P, _P, _INT)
object_type = _bind(c.FPDFPageObj_GetType, _INT, _P)
form_count_objects = _bind(c.FPDFFormObj_CountObjects, _INT, _P)
form_object = _bind(c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
fill_colour = _bind(c.FPDFPageObj_GetFillColor, _INT, _P, _P, _P, _P, _P)  # r, g, b, a (unsigned int)
stroke_colour = _bind(c.FPDFPageObj_GetStrokeColor, _INT, _P, _P, _P, _P, _P)

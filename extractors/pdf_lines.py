"""Line rows of a PDF page: the text outside its tables, built on pdfium's character columns,
and the lines of pypdfium2's page text for a page read as text.

From columns. The reader's table code (`pdf_reader.layout_rows`) works on pdfplumber's char
dicts, which is what a table cell needs. Text outside tables — a cover page, a form page
without rules, the prose around a page's tables — needs only each character's place, and is
most of a form's characters: here it is built from `pdf_layout.PageChars` with array
operations, to the same rows, character for character, as `layout_rows` makes of the same
characters:

1. characters are clustered into visual lines by their vertical centre, in centre order
   (a character joins the line while its centre is within LINE_SPREAD of its size of the
   line's first centre), each line sorted left to right;
2. a line's characters are joined, spaces left out (spacing comes from the gaps): a gap of
   `CHUNK_GAP` × the font size or more starts a new cell, from `WIDE_GAP` sizes it becomes two
   spaces (a boundary between label/value pairs), above SPACE_GAP sizes one space;
3. a cell's box is its characters' left and right edges and its line's top and bottom.

From pypdfium2's text. A page without form labels gives one row per line of its text, boxed
by the rectangles pdfium unions over each line's characters.

`tests/extractors/test_pdf_lines.py` holds the columns and the dicts to the same rows.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Sequence
from itertools import repeat
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from numpy.typing import NDArray

from shenbao.extractors import pdfium_calls as calls
from shenbao.extractors.checkbox import normalise_checkbox_glyphs
from shenbao.extractors.pdf_layout import PageChars
from shenbao.extractors.text_cleanup import clean_text
from shenbao.record import Box, Cell, Row

# Gaps, in font sizes: from WIDE_GAP a gap separates label/value pairs inside a cell; from
# CHUNK_GAP it splits a line outside tables into cells (a cover page's label and value).
WIDE_GAP = 1.5
CHUNK_GAP = 1.5
SPACE_GAP = 0.25  # a gap wider than this is a space (one, removed between Han characters)
LINE_SPREAD = 0.45  # a character whose centre is this close (in its sizes) to a line's is on it


def finish_text(text: str) -> str:
    """A cell's text as rows carry it: cleaned, checkbox marks as ☑/☐."""
    return normalise_checkbox_glyphs(clean_text(text))


def finish_texts(texts: Sequence[str]) -> list[str]:
    """`finish_text` of each text, the clean-up done in one pass: clean_text treats each line
    on its own, and these texts hold no line break (the sentinel lines keep its final strip
    off the first and last)."""
    if any("\n" in t or "\r" in t for t in texts):
        return [finish_text(t) for t in texts]
    cleaned = clean_text("\n".join(("x", *texts, "x"))).split("\n")[1:-1]
    return [normalise_checkbox_glyphs(t) for t in cleaned]


def page_fraction(x0: float, top: float, x1: float, bottom: float,
                  bbox: tuple[float, float, float, float]) -> Box | None:
    """A rectangle in page points (pdfplumber's shape: from the top-left, y down) as
    fractions of the page (record.Box); None for a page without area."""
    width, height = bbox[2] - bbox[0], bbox[3] - bbox[1]
    if width <= 0 or height <= 0:
        return None
    # _clamp written out: this runs once per line of every page
    a, b, c, d = (x0 - bbox[0]) / width, (top - bbox[1]) / height, (x1 - bbox[0]) / width, (bottom - bbox[1]) / height
    return (round(0.0 if a < 0.0 else 1.0 if a > 1.0 else a, 4), round(0.0 if b < 0.0 else 1.0 if b > 1.0 else b, 4),
            round(0.0 if c < 0.0 else 1.0 if c > 1.0 else c, 4), round(0.0 if d < 0.0 else 1.0 if d > 1.0 else d, 4))


# --------------------------------------------------------------------------- from columns

def line_rows(chars: PageChars, picked: NDArray[np.intp], page_no: int,
              bbox: tuple[float, float, float, float]) -> list[tuple[float, float, Row]]:
    """Line rows of the characters at `picked` (indices into `chars`, in page order), each
    with the top and left it is put in reading order by. Rows are numbered by line,
    counting lines that hold only spaces; a line split at wide gaps has one cell per part
    ("第2页 第3行第1段"). The coordinates must be finite (the caller checks)."""
    if not len(picked):
        return []
    top, bottom = chars.top[picked], chars.bottom[picked]
    x0, x1 = chars.x0[picked], chars.x1[picked]
    size = np.maximum(bottom - top, 1.0)
    order, line_of = _lines(top, bottom, size, x0)
    texts = [chars.text[i] for i in picked[order].tolist()]
    # reading order from here on: by line, left to right
    top, bottom, x0, x1, size = top[order], bottom[order], x0[order], x1[order], size[order]
    starts = np.flatnonzero(np.diff(line_of, prepend=-1)).tolist() + [len(order)]
    tops, bottoms = top.tolist(), bottom.tolist()
    printed = ~np.fromiter(map(str.isspace, texts), dtype=bool, count=len(texts))
    chunks = _chunks(texts, printed, line_of, x0, x1, size)
    finished = finish_texts([t for _, t, _, _ in chunks])
    per_line: dict[int, list[tuple[str, float, float]]] = {}
    for (line, _, left, right), text in zip(chunks, finished):
        if text:
            per_line.setdefault(line, []).append((text, left, right))
    out: list[tuple[float, float, Row]] = []
    for line, parts in per_line.items():
        a, b = starts[line], starts[line + 1]
        line_top, line_bottom = min(tops[a:b]), max(bottoms[a:b])
        where = f"第{page_no}页 第{line + 1}行"
        cells = tuple(Cell(text=t, where=where if len(parts) == 1 else f"{where}第{k}段", page=page_no,
                           box=page_fraction(left, line_top, right, line_bottom, bbox))
                      for k, (t, left, right) in enumerate(parts, start=1))
        out.append((line_top, parts[0][1], Row(cells=cells, source="line")))
    return out


def _lines(top: NDArray[np.float64], bottom: NDArray[np.float64], size: NDArray[np.float64],
           x0: NDArray[np.float64]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The characters in reading order (positions into the arrays) and the line of each.

    Lines are found in centre order, as one pass over the characters would: a character
    starts a new line unless its centre is within LINE_SPREAD of its size of the current
    line's first centre. Characters with the same centre and size (a run of one text
    object) fall together, so the pass steps over runs."""
    centre = (top + bottom) / 2
    by_centre = np.argsort(centre, kind="stable")
    cs, ss = centre[by_centre], size[by_centre]
    run_starts = np.flatnonzero(np.diff(cs, prepend=np.nan) != 0) if len(cs) else np.zeros(0, dtype=np.intp)
    # np.diff with a NaN first makes position 0 a start; equal neighbours are one run unless
    # their sizes differ
    same_size = np.ones(len(cs), dtype=bool)
    same_size[1:] = ss[1:] == ss[:-1]
    run_starts = np.union1d(run_starts, np.flatnonzero(~same_size))
    run_line: list[int] = []
    line = -1
    first = 0.0
    for centre_at, size_at in zip(cs[run_starts].tolist(), ss[run_starts].tolist()):
        if line >= 0 and abs(centre_at - first) <= LINE_SPREAD * size_at:
            run_line.append(line)
        else:
            line += 1
            first = centre_at
            run_line.append(line)
    lengths = np.diff(np.append(run_starts, len(cs)))
    line_by_centre = np.repeat(np.asarray(run_line, dtype=np.intp), lengths)
    within = np.lexsort((x0[by_centre], line_by_centre))  # stable: ties keep centre order
    return by_centre[within], line_by_centre[within]


def _chunks(texts: list[str], printed: NDArray[np.bool_], line_of: NDArray[np.intp], x0: NDArray[np.float64],
            x1: NDArray[np.float64], size: NDArray[np.float64]) -> list[tuple[int, str, float, float]]:
    """(line, text, left, right) of each part of each line, in reading order: the printed
    characters joined, a gap of CHUNK_GAP sizes or more starting a new part."""
    at = np.flatnonzero(printed)
    if not len(at):
        return []
    line = line_of[at]
    # the gap before each printed character, from the previous printed one on its line
    gap = x0[at][1:] - x1[at][:-1]
    own = size[at][1:]
    same_line = line[1:] == line[:-1]
    new = np.ones(len(at), dtype=bool)
    new[1:] = ~same_line | (gap >= CHUNK_GAP * own)
    wide = np.zeros(len(at), dtype=bool)
    wide[1:] = ~new[1:] & (gap >= WIDE_GAP * own)
    space = np.zeros(len(at), dtype=bool)
    space[1:] = ~new[1:] & ~wide[1:] & (gap > SPACE_GAP * own)
    pieces = [texts[i] for i in at.tolist()]
    for k in np.flatnonzero(wide).tolist():
        pieces[k] = "  " + pieces[k]
    for k in np.flatnonzero(space).tolist():
        pieces[k] = " " + pieces[k]
    bounds = np.flatnonzero(new).tolist() + [len(at)]
    lines, lefts, rights = line.tolist(), x0[at].tolist(), x1[at].tolist()
    return [(lines[a], "".join(pieces[a:b]), lefts[a], rights[b - 1]) for a, b in zip(bounds, bounds[1:])]


# --------------------------------------------------------------------------- from pypdfium2's text

def pdfium_text_rows(text: str, page_no: int, boxes: list[Box | None] | None = None) -> list[Row]:
    """One line row per non-empty line of pypdfium2 text; `boxes`, when given, holds each
    line's box (`pdfium_line_boxes`)."""
    rows = []
    for n, cleaned in enumerate(finish_texts(text.replace("\r\n", "\n").split("\n")), start=1):
        if cleaned:
            box = boxes[n - 1] if boxes is not None and n - 1 < len(boxes) else None
            rows.append(Row(cells=(Cell(text=cleaned, where=f"第{page_no}页 第{n}行", page=page_no, box=box),),
                            source="line"))
    return rows


def pdfium_line_boxes(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str) -> list[Box | None]:
    """The box of each line of `text` (pypdfium2's page text, split as pdfium_text_rows splits
    it): the union of its characters' boxes, None for a line without one.

    pdfium unions the boxes of a run of characters itself (FPDFText_CountRects/GetRect: one
    rectangle per text object, generated spaces left out), so a line costs a few calls rather
    than two per character. The run goes from the line's first printed character to its last;
    pdfium's text may insert or leave out characters, so each end is mapped back to its
    character (an unmapped end moves inward)."""
    left, bottom, right, top = page.get_mediabox()
    bbox = (0.0, 0.0, right - left, top - bottom)
    tp = calls.address(textpage.raw)
    lines = text.replace("\r\n", "\n").split("\n")
    offsets: list[int] = []  # where each line starts in `text`
    index = 0
    for line in lines:
        offsets.append(index)
        index += len(line) + (2 if text[index + len(line):index + len(line) + 2] == "\r\n" else 1)
    spans = [(len(line) - len(line.lstrip()), len(line.rstrip())) for line in lines]
    firsts = list(map(calls.char_index, repeat(tp), [o + a for o, (a, b) in zip(offsets, spans)]))
    lasts = list(map(calls.char_index, repeat(tp), [o + b - 1 for o, (a, b) in zip(offsets, spans)]))
    rects = _RectReader(tp)
    out: list[Box | None] = []
    for line, index, (start, end), first, last in zip(lines, offsets, spans, firsts, lasts):
        if start >= end:
            out.append(None)
            continue
        if first < 0:
            first = next((c for k in range(start + 1, end) if not line[k].isspace()
                          and (c := calls.char_index(tp, index + k)) >= 0), -1)
        if last < 0:
            last = next((c for k in range(end - 2, start - 1, -1) if not line[k].isspace()
                         and (c := calls.char_index(tp, index + k)) >= 0), -1)
        union = rects.union(first, last) if 0 <= first <= last else None
        out.append(None if union is None else
                   page_fraction(union[0] - left, top - union[3], union[2] - left, top - union[1], bbox))
    return out


class _RectReader:
    """FPDFText_CountRects/GetRect over runs of characters of one text page, into one buffer."""

    def __init__(self, tp: int) -> None:
        self._tp = tp
        self._size = 0
        self._buffer: Any = None
        self._places: tuple[list[int], ...] = ()  # the address of each rectangle's left, top, right, bottom

    def union(self, first: int, last: int) -> tuple[float, float, float, float] | None:
        """(x0, y0, x1, y1) around the rectangles of characters `first`..`last` (pdfium's
        coordinates, y up), as folding min and max over each one's left and right (top and
        bottom) in turn gives it; None without one."""
        count = calls.count_rects(self._tp, first, last - first + 1)
        if count <= 0:
            return None
        if count > self._size:
            self._size = max(count, 2 * self._size, 16)
            self._buffer = (ctypes.c_double * (4 * self._size))()
            at = ctypes.addressof(self._buffer)
            self._places = tuple(list(range(at + 8 * k, at + 32 * self._size, 32)) for k in range(4))
        read = list(map(calls.get_rect, repeat(self._tp, count), range(count), *self._places))
        values = self._buffer[:4 * count]
        if not all(read):
            values = [v for n, ok in enumerate(read) if ok for v in values[4 * n:4 * n + 4]]
        # left, top, right, bottom per rectangle: x from left then right, y from top then bottom
        xs = values[:len(values) // 2]
        xs[0::2], xs[1::2] = values[0::4], values[2::4]
        x0, x1 = min(math.inf, *xs), max(-math.inf, *xs)
        if not x0 <= x1:
            return None
        ys = values[:len(values) // 2]
        ys[0::2], ys[1::2] = values[1::4], values[3::4]
        return x0, min(math.inf, *ys), x1, max(-math.inf, *ys)

"""Checkboxes drawn as tiny pictures: a template whose □ and ☑ are inline images (a PNG of an
empty box, another of a ticked one) shows no box or mark in its text. Each such picture is
looked at: a square outline with ink inside is ☑, an empty one ☐; any other picture is left
alone (a logo, a seal, a photo is never this small)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from functools import lru_cache

from lxml import etree

from shenbao.extractors.checkbox import CHOSEN, UNCHOSEN

# A checkbox picture is drawn at about a character's size: at most this many EMU a side
# (360000 EMU = 1 cm), and its file is small.
MAX_SIDE_EMU = 300_000
_MAX_IMAGE_BYTES = 20_000
_MAX_PIXELS = 200 * 200
# Ink: pixels darker than this grey; a box's edge: a row or column of its outline at least this
# share inked; a tick: more than this share of the inside inked.
_INK = 128
_EDGE = 0.6
_TICK_INSIDE = 0.04

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@lru_cache(maxsize=256)
def box_glyph(image: bytes) -> str | None:
    """☑ or ☐ for a picture file (PNG, JPEG …) of a checkbox, None for any other picture."""
    grey = _grey_rows(image, on_white=False)
    return glyph_of_grey(grey) if grey is not None else None


def _grey_rows(image: bytes, *, on_white: bool) -> list[list[int]] | None:
    """The grey pixels (rows of 0–255) of a small picture file, None for a picture too large or
    not one. `on_white`: a transparent ground laid on white paper first."""
    from PIL import Image, UnidentifiedImageError  # Pillow: only documents with such pictures pay for it

    try:
        with Image.open(io.BytesIO(image)) as opened:
            if opened.width * opened.height > _MAX_PIXELS:
                return None
            if on_white:
                rgba = opened.convert("RGBA")
                grey = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("L")
            else:
                grey = opened.convert("L")
            width, height = grey.size
            pixels = grey.load()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        # DecompressionBombError: a header claiming a huge size (Pillow refuses before decoding).
        return None
    if pixels is None:
        return None
    return [[pixels[x, y] for x in range(width)] for y in range(height)]  # type: ignore[misc]


def glyph_of_grey(grey: list[list[int]]) -> str | None:
    """☑ or ☐ for a small grey picture (rows of 0–255 values) of a checkbox, else None."""
    height, width = len(grey), len(grey[0]) if grey else 0
    if width < 5 or height < 5 or width * height > _MAX_PIXELS:
        return None
    ink = [[value < _INK for value in row] for row in grey]
    rows = [y for y in range(height) if any(ink[y])]
    cols = [x for x in range(width) if any(ink[y][x] for y in range(height))]
    if not rows or not cols:
        return None
    top, bottom, left, right = rows[0], rows[-1], cols[0], cols[-1]
    if bottom - top < 4 or right - left < 4 or not 0.6 <= (right - left) / (bottom - top) <= 1.6:
        return None
    span_x, span_y = right - left + 1, bottom - top + 1
    edges = (sum(ink[top][left:right + 1]) / span_x, sum(ink[bottom][left:right + 1]) / span_x,
             sum(ink[y][left] for y in range(top, bottom + 1)) / span_y,
             sum(ink[y][right] for y in range(top, bottom + 1)) / span_y)
    if min(edges) < _EDGE:
        return None  # not a square outline
    # Inside the outline's stroke, whatever its width, and a pixel more (anti-aliasing).
    while top < bottom and sum(ink[top + 1][left:right + 1]) / span_x >= _EDGE:
        top += 1
    while bottom > top and sum(ink[bottom - 1][left:right + 1]) / span_x >= _EDGE:
        bottom -= 1
    while left < right and sum(ink[y][left + 1] for y in range(top, bottom + 1)) / (bottom - top + 1) >= _EDGE:
        left += 1
    while right > left and sum(ink[y][right - 1] for y in range(top, bottom + 1)) / (bottom - top + 1) >= _EDGE:
        right -= 1
    inside = [ink[y][x] for y in range(top + 2, bottom - 1) for x in range(left + 2, right - 1)]
    if not inside:
        return None
    return CHOSEN if sum(inside) / len(inside) > _TICK_INSIDE else UNCHOSEN


@lru_cache(maxsize=256)
def is_tick_picture(image: bytes) -> bool:
    """Whether a small picture file is a tick (√, ✓) on an empty or transparent ground: what
    people paste from the web or a screenshot and float over a template's □. A transparent
    ground is white paper, not the black its colour values may hold."""
    grey = _grey_rows(image, on_white=True)
    return grey is not None and is_tick_grey(grey)


# Share of a ninth of the tick's box that counts as inked, and as empty.
_STROKE_IN = 0.04
_STROKE_OUT = 0.01
_GROUND_DISTANCE = 64  # grey levels from the ground that count as ink


def is_tick_grey(grey: list[list[int]]) -> bool:
    """Whether a small grey picture (rows of 0–255 values) shows a tick: strokes (not a filled
    shape, not a square outline) from the left side down to a low point left of the middle and
    up to the top right corner. Its ink's box cut in three by three: the middle left, the
    bottom middle and the top right are inked; the top left and the bottom right are empty —
    which no box, cross, circle, dot or letter of a name fills the same way."""
    height, width = len(grey), len(grey[0]) if grey else 0
    if width < 8 or height < 8 or width * height > _MAX_PIXELS:
        return False
    # Ink is what differs from the ground, the colour of most of the border: a picture's own
    # pixels, as a PDF keeps them, may hold a transparent ground as black (its mask apart).
    border = sorted([*grey[0], *grey[-1], *(row[0] for row in grey), *(row[-1] for row in grey)])
    ground = border[len(border) // 2]
    ink = [[abs(value - ground) > _GROUND_DISTANCE for value in row] for row in grey]
    rows = [y for y in range(height) if any(ink[y])]
    cols = [x for x in range(width) if any(ink[y][x] for y in range(height))]
    if not rows or not cols:
        return False
    top, bottom, left, right = rows[0], rows[-1], cols[0], cols[-1]
    span_x, span_y = right - left + 1, bottom - top + 1
    if span_x < 6 or span_y < 6 or not 0.5 <= span_x / span_y <= 2.0:
        return False
    if sum(map(sum, ink)) / (span_x * span_y) > 0.45:
        return False  # a filled shape

    def share(row: int, col: int) -> float:
        y0, y1 = top + span_y * row // 3, top + span_y * (row + 1) // 3
        x0, x1 = left + span_x * col // 3, left + span_x * (col + 1) // 3
        cells = (y1 - y0) * (x1 - x0)
        return sum(ink[y][x] for y in range(y0, y1) for x in range(x0, x1)) / cells if cells else 0.0

    inked = all(share(r, c) >= _STROKE_IN for r, c in ((1, 0), (2, 1), (0, 2)))
    empty = all(share(r, c) <= _STROKE_OUT for r, c in ((0, 0), (2, 2)))
    return inked and empty


def picture_reader(data: bytes, part: str, limit: int = _MAX_IMAGE_BYTES) -> Callable[[str], bytes | None]:
    """Bytes of the picture (or another part: an embedded workbook) a relationship id of the
    main part `part` points at (None when the id, its target or the file is missing or larger
    than `limit`); the package is opened on first use."""
    cache: dict[str, bytes | None] = {}
    targets: dict[str, str] | None = None

    def load(rid: str) -> bytes | None:
        nonlocal targets
        if rid in cache:
            return cache[rid]
        found: bytes | None = None
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                if targets is None:
                    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
                    root = etree.fromstring(zf.read(rels), etree.XMLParser(resolve_entities=False, no_network=True))
                    targets = {r.get("Id", ""): posixpath.normpath(posixpath.join(posixpath.dirname(part),
                                                                                  r.get("Target", "")))
                               for r in root.iter(f"{{{_REL_NS}}}Relationship") if r.get("TargetMode") != "External"}
                target = targets.get(rid)
                if target is not None and zf.getinfo(target).file_size <= limit:
                    found = zf.read(target)
        except (KeyError, zipfile.BadZipFile, OSError, ValueError, etree.XMLSyntaxError):
            found = None
        cache[rid] = found
        return found

    return load

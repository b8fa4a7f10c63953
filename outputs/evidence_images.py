"""Pictures of the place a value was read: the page region of its evidence, cut from a render
of the page, for the register's 核对 sheet.

Contract: `file_crops(data, kind, wanted)` renders each wanted page of one file once (PDF pages
with pypdfium2 at RENDER_DPI, an image file as it is, upright per its EXIF orientation) and
returns, per (page, box), the PNG bytes of the box with a margin of context around it, at most
CROP_WIDTH × CROP_HEIGHT pixels with the box outlined in red — or the key of the reason why
there is no picture (NO_PAGE, UNREADABLE, TOO_LARGE: register.toml [check]). It never raises
for a bad file; the caller runs it in an isolated child (shenbao.register_files) because the
file is untrusted.

`word_crops(pdf, needles)` does the same for a Word file printed to PDF (Word files have no
pages of their own): the place of each needle (the value's text) is found with pypdfium2's text
search, and cropped only when the text occurs exactly once (NOT_FOUND / AMBIGUOUS otherwise: a
picture of the wrong place would be a guess dressed as fact).

`shot_name` names a crop for a cache: the file's sha256, the page, the box and CROP_VERSION,
so that a rewrite of the register renders nothing it rendered before.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Sequence

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageOps

from shenbao.record import Box

# (page, box): one crop of one file. Page is 1-based.
Crop = tuple[int, Box]

RENDER_DPI = 110  # the page render; 10.5 pt text is ~16 px high, sharp enough to read
CROP_WIDTH = 600  # pixels: the picture is widened to this much context, or shrunk to it
CROP_HEIGHT = 500  # pixels: Excel's tallest row is 409 pt (~545 px)
MAX_PAGE = 60  # pages beyond this are not rendered (the PDF reader reads no further either)
_MAX_IMAGE_PIXELS = 60_000_000  # a photo larger than this is not decoded
_MAX_RENDER_SIDE = 4000  # pixels: an oversized page box is rendered smaller, never larger
_OUTLINE = (220, 0, 0)
# Bump when the look of a crop changes: cached crops of the old look are then not reused.
CROP_VERSION = "1"

# Why there is no picture: keys of register.toml's [check] table (the Chinese lives there).
NO_PAGE = "page_missing"
UNREADABLE = "unrenderable"
TOO_LARGE = "image_too_large"
NOT_FOUND = "text_not_found"
AMBIGUOUS = "text_ambiguous"


def shot_name(sha256: str, page: int, box: Box) -> str:
    """The cache file name of one crop (see the module contract)."""
    digest = hashlib.sha256(f"{CROP_VERSION}|{page}|{','.join(f'{v:.5f}' for v in box)}".encode()).hexdigest()
    return f"{sha256}-p{page}-{digest[:16]}.png"


def word_shot_name(sha256: str, needle: str) -> str:
    """The cache file name of the crop of `needle` in a Word file printed to PDF."""
    digest = hashlib.sha256(f"{CROP_VERSION}|{needle}".encode()).hexdigest()
    return f"{sha256}-w-{digest[:16]}.png"


def crop_rect(width: int, height: int, box: Box) -> tuple[int, int, int, int]:
    """The pixel rectangle (left, top, right, bottom) to cut from a width × height page for
    `box`: the box plus a margin of context, widened to CROP_WIDTH when narrower (more of the
    line around a short value, not an enlarged blur), kept on the page."""
    x0, y0, x1, y1 = (min(1.0, max(0.0, v)) for v in box)
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    left, right = x0 * width, x1 * width
    top, bottom = y0 * height, y1 * height
    # Context: a little of the lines above and below, and room either side.
    pad_y = max(8.0, 0.5 * (bottom - top), 0.01 * height)
    pad_x = max(12.0, 0.02 * width)
    left, right, top, bottom = left - pad_x, right + pad_x, top - pad_y, bottom + pad_y
    if right - left < CROP_WIDTH:
        grow = (CROP_WIDTH - (right - left)) / 2
        left, right = left - grow, right + grow
    if left < 0:
        right, left = right - left, 0.0
    if right > width:
        left, right = max(0.0, left - (right - width)), float(width)
    top, bottom = max(0.0, top), min(float(height), bottom)
    return int(left), int(top), max(int(left) + 1, int(round(right))), max(int(top) + 1, int(round(bottom)))


def crop_page(page: Image.Image, box: Box) -> Image.Image:
    """The crop of `box` on one rendered page (see crop_rect), the box outlined, scaled to fit
    CROP_WIDTH × CROP_HEIGHT."""
    left, top, right, bottom = crop_rect(page.width, page.height, box)
    piece = page.crop((left, top, right, bottom)).convert("RGB")
    x0, y0, x1, y1 = box
    draw = ImageDraw.Draw(piece)
    # The outline sits just outside the box so that it never covers the value itself.
    draw.rectangle((min(x0, x1) * page.width - left - 3, min(y0, y1) * page.height - top - 3,
                    max(x0, x1) * page.width - left + 3, max(y0, y1) * page.height - top + 3),
                   outline=_OUTLINE, width=2)
    piece.thumbnail((CROP_WIDTH, CROP_HEIGHT), Image.Resampling.LANCZOS)
    return piece


# zlib level 3: on the crops of a generated call of 500 applications (benchmarks/evidence_costs.py)
# 4 ms a crop and 45 KiB, against 51 ms and 51 KiB with optimize=True (level 9, most of a
# picture's cost). The pixels are the same, so cached crops stay valid (no CROP_VERSION bump).
PNG_LEVEL = 3


def png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=PNG_LEVEL)
    return out.getvalue()


def file_crops(data: bytes, kind: str, wanted: Sequence[Crop]) -> dict[Crop, bytes | str]:
    """PNG bytes or a reason key for every crop in `wanted` (see the module contract)."""
    results: dict[Crop, bytes | str] = {}
    pages = sorted({page for page, _ in wanted})
    try:
        rendered = _image_pages(data, pages) if kind == "image" else _pdf_pages(data, pages)
    except Exception:  # noqa: BLE001 - a hostile or damaged file: no picture, and the reason
        return {crop: UNREADABLE for crop in wanted}
    for crop in wanted:
        page_image = rendered.get(crop[0], NO_PAGE)
        results[crop] = page_image if isinstance(page_image, str) else png_bytes(crop_page(page_image, crop[1]))
    return results


def _pdf_pages(data: bytes, pages: Sequence[int]) -> dict[int, Image.Image | str]:
    doc = pdfium.PdfDocument(data, password="")
    try:
        return _render_pages(doc, pages)
    finally:
        doc.close()


def _render_pages(doc: pdfium.PdfDocument, pages: Sequence[int]) -> dict[int, Image.Image | str]:
    out: dict[int, Image.Image | str] = {}
    for number in pages:
        if not 1 <= number <= min(len(doc), MAX_PAGE):
            out[number] = NO_PAGE
            continue
        page = doc[number - 1]
        try:
            width, height = page.get_size()
            scale = min(RENDER_DPI / 72, _MAX_RENDER_SIDE / max(width, height, 1.0))
            out[number] = page.render(scale=scale).to_pil().convert("RGB")
        finally:
            page.close()
    return out


def _image_pages(data: bytes, pages: Sequence[int]) -> dict[int, Image.Image | str]:
    """A photographed or scanned page sent as an image is page 1, upright as the OCR saw it
    (extractors.ocr_reader.open_image turns it by its EXIF orientation too)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > _MAX_IMAGE_PIXELS:
                return {number: TOO_LARGE for number in pages}
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            return {number: TOO_LARGE for number in pages}
    upright = ImageOps.exif_transpose(image) or image
    if "A" in upright.getbands() or upright.mode == "P":
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    return {number: (upright.convert("RGB") if number == 1 else NO_PAGE) for number in pages}


# A value is placed beside its label only when they are this close (fraction of page height).
_NEAR = 0.25
_MAX_HITS = 50


def word_crops(pdf: bytes, needles: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes | str]:
    """PNG bytes or a reason key per (label, value) (see the module contract); each page
    rendered once."""
    try:
        doc = pdfium.PdfDocument(pdf)
    except Exception:  # noqa: BLE001 - LibreOffice wrote something pdfium cannot open
        return dict.fromkeys(needles, UNREADABLE)
    try:
        places = {needle: _place_of(doc, *needle) for needle in needles}
        pages = sorted({place[0] for place in places.values() if not isinstance(place, str)})
        rendered = _render_pages(doc, pages)
        out: dict[tuple[str, str], bytes | str] = {}
        for needle, place in places.items():
            if isinstance(place, str):
                out[needle] = place
            else:
                page_image = rendered[place[0]]
                out[needle] = page_image if isinstance(page_image, str) else png_bytes(crop_page(page_image, place[1]))
        return out
    finally:
        doc.close()


def _place_of(doc: pdfium.PdfDocument, label: str, value: str) -> Crop | str:
    """(page, box) of `value` — with its label when the label occurs once and is near — or the
    reason key when the value cannot be placed for sure."""
    values = _hits(doc, value)
    if not values:
        return NOT_FOUND
    labels = _hits(doc, label) if label else []
    if len(labels) == 1:
        page, near = labels[0]
        beside = [box for p, box in values if p == page and _gap(near, box) < _NEAR]
        if beside:
            return page, _union(near, min(beside, key=lambda box: _gap(near, box)))
    return values[0] if len(values) == 1 else AMBIGUOUS


def _gap(a: Box, b: Box) -> float:
    """Distance between two boxes' centres in fractions of the page; a step sideways counts
    less than one down (a value sits beside its label in a table row, or below it)."""
    return float(abs((a[0] + a[2]) - (b[0] + b[2])) / 2 * 0.3 + abs((a[1] + a[3]) - (b[1] + b[3])) / 2)


def _union(a: Box, b: Box) -> Box:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def _hits(doc: pdfium.PdfDocument, needle: str) -> list[Crop]:
    """Every place of `needle` in the first MAX_PAGE pages (at most _MAX_HITS), as boxes."""
    found: list[Crop] = []
    for number in range(1, min(len(doc), MAX_PAGE) + 1):
        page = doc[number - 1]
        text = page.get_textpage()
        try:
            width, height = page.get_size()
            searcher = text.search(needle, match_case=True)
            while (hit := searcher.get_next()) is not None and len(found) < _MAX_HITS:
                boxes = [text.get_charbox(i, loose=True) for i in range(hit[0], hit[0] + hit[1])]
                left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
                bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
                found.append((number, (left / width, 1 - top / height, right / width, 1 - bottom / height)))
        finally:
            text.close()
            page.close()
    return found

"""A Word file typed over a scan of the blank form: the template only as a picture.

Offices without the Word template scan the printed blank form, lay the scan behind the text
(衬于文字下方, placed on the page) and type each value into a frame (图文框, w:framePr) over
its cell. No label is text of the document: the labels are pixels of the picture, the values
are frames that say nothing of what they answer. Read apart, the picture's OCR gives labels
without values and the text gives values without labels.

Both carry their place on the page: the picture its offset and size (wp:anchor), each frame
its offset (w:x, w:y in twips). With the picture's OCR lines put on the page, each frame goes
to the label whose line is nearest to the frame's first line, and the two are read as one
table row (label | value), in the labels' order. Frames placed relative to a paragraph (not to
the page or its margins), pictures not behind the text, and files without such a picture are
left as they are.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from lxml import etree

from shenbao.extractors.docx_reader import parse_xml_safely
from shenbao.extractors.errors import UnreadableFile
from shenbao.record import Cell, DocText, Row

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
_EMU_PER_TWIP = 635
# A picture behind the text covering at least this share of the page is a scanned form.
_MIN_PAGE_SHARE = 0.3
# From a frame's top to the middle of its first line (10.5–12 pt text): what is compared with
# the middle of a label's line.
_FIRST_LINE_MIDDLE = 170
# A frame further than this from every label's line answers none of them (twips: ~2.5 lines).
_MAX_DISTANCE = 700
_KEY_RE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Placement:
    """A picture laid behind the text, on the page (twips from the page's top left corner)."""

    member: str  # word/media/… in the package
    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Frame:
    """The text of one frame (consecutive paragraphs with one framePr) and its top (twips)."""

    text: str
    top: float


def _twips(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Layout:
    """What a .docx package places on its page: the pictures behind the text, the frames."""

    pictures: tuple[Placement, ...] = ()
    frames: tuple[Frame, ...] = ()


def read_layout(package: bytes) -> Layout:
    """The pictures behind the text and the page-placed frames of a .docx package (read once
    per file, whatever number of its pictures is read by OCR)."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            # As the Word reader parses them: no DTD, no entity (a bomb never expands).
            body = parse_xml_safely(zf.read("word/document.xml"))
            rels = parse_xml_safely(zf.read("word/_rels/document.xml.rels"))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError, RuntimeError, UnreadableFile):
        return Layout()
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{{{_PKG_R}}}Relationship")}
    margins = body.find(f".//{{{_W}}}sectPr/{{{_W}}}pgMar")
    page = body.find(f".//{{{_W}}}sectPr/{{{_W}}}pgSz")
    top_margin = _twips(margins.get(f"{{{_W}}}top")) if margins is not None else None
    left_margin = _twips(margins.get(f"{{{_W}}}left")) if margins is not None else None
    page_area = ((_twips(page.get(f"{{{_W}}}w")) or 11906) * (_twips(page.get(f"{{{_W}}}h")) or 16838)
                 if page is not None else 11906 * 16838)

    def offset(relative: str | None, value: float, margin: float | None) -> float | None:
        if relative == "page":
            return value
        if relative in ("margin", "column") and margin is not None:
            return value + margin
        return None

    pictures: list[Placement] = []
    for anchor in body.iter(f"{{{_WP}}}anchor"):
        if anchor.get("behindDoc") not in ("1", "true"):
            continue
        h, v = anchor.find(f"{{{_WP}}}positionH"), anchor.find(f"{{{_WP}}}positionV")
        extent, blip = anchor.find(f"{{{_WP}}}extent"), anchor.find(f".//{{{_A}}}blip")
        if h is None or v is None or extent is None or blip is None:
            continue
        h_offset, v_offset = _twips(h.findtext(f"{{{_WP}}}posOffset")), _twips(v.findtext(f"{{{_WP}}}posOffset"))
        if h_offset is None or v_offset is None:
            continue  # aligned (centred…) rather than placed: where it lies is not known here
        left = offset(h.get("relativeFrom"), h_offset / _EMU_PER_TWIP, left_margin)
        top = offset(v.get("relativeFrom"), v_offset / _EMU_PER_TWIP, top_margin)
        width = (_twips(extent.get("cx")) or 0) / _EMU_PER_TWIP
        height = (_twips(extent.get("cy")) or 0) / _EMU_PER_TWIP
        target = targets.get(blip.get(f"{{{_R}}}embed"), "")
        if left is None or top is None or width * height < _MIN_PAGE_SHARE * page_area or not target:
            continue
        pictures.append(Placement("word/" + target.lstrip("/").removeprefix("word/"), left, top, width, height))

    frames: list[Frame] = []
    last: tuple[str | None, ...] | None = None
    for para in body.iter(f"{{{_W}}}p"):
        props = para.find(f"{{{_W}}}pPr/{{{_W}}}framePr")
        if props is None:
            last = None
            continue
        key = tuple(props.get(f"{{{_W}}}{a}") for a in ("x", "y", "w", "hAnchor", "vAnchor"))
        text = "".join(e.text or "" if e.tag == f"{{{_W}}}t" else "\n" if e.tag == f"{{{_W}}}br" else ""
                       for e in para.iter())
        # Placed on the page or by its margins only: a frame placed by its paragraph ("text", or
        # no vAnchor) or aligned (yAlign) has no place known here.
        vanchor = props.get(f"{{{_W}}}vAnchor")
        y = _twips(props.get(f"{{{_W}}}y"))
        top = None if vanchor not in ("page", "margin") or y is None or props.get(f"{{{_W}}}yAlign") \
            else offset(vanchor, y, top_margin)
        if key == last and frames:
            frames[-1] = Frame(f"{frames[-1].text}\n{text}", frames[-1].top)  # one frame, several paragraphs
        elif top is not None:
            frames.append(Frame(text, top))
        last = key
    return Layout(tuple(pictures), tuple(frames))


def frame_key(text: str) -> str:
    """A text's letters and digits (NFKC: full-width digits as ASCII), what a frame's raw XML
    text and the Word reader's text of it share whatever marks and spaces each holds."""
    return _KEY_RE.sub("", unicodedata.normalize("NFKC", text))


def labels_with_frames(doc: DocText, layout: Layout, member: str,
                       picture: DocText) -> tuple[list[Row], set[str]] | None:
    """The OCR lines of `member` (read as `picture`, boxes as fractions of the picture) as
    table rows, each with the frames over it as its value, and the letters (frame_key) of the
    frames so placed; None when `member` is not the one picture behind page-placed frames (a
    scan of several pages, each behind its own frames, is not told apart here). The frames'
    text is taken from `doc` (the Word reader's, marks read), found by its letters."""
    pictures, frames = layout.pictures, layout.frames
    if len(pictures) != 1 or pictures[0].member != member or not frames:
        return None
    placement = pictures[0]
    lines = [(row, placement.top + (c.box[1] + c.box[3]) / 2 * placement.height)
             for row in picture.rows if (c := row.cells[0]).box is not None]
    if not lines:
        return None
    by_key = {frame_key(c.text): c for row in doc.rows for c in row.cells if frame_key(c.text)}
    values: dict[int, list[Cell]] = {}
    used: set[str] = set()
    for frame in frames:
        key = frame_key(frame.text)
        cell = by_key.get(key)
        if cell is None or key in used:
            continue
        at = frame.top + _FIRST_LINE_MIDDLE
        k = min(range(len(lines)), key=lambda i: abs(lines[i][1] - at))
        if abs(lines[k][1] - at) <= _MAX_DISTANCE:
            values.setdefault(k, []).append(cell)
            used.add(key)
    if not values:
        return None
    rows = []
    for k, (row, _) in enumerate(lines):
        given = values.get(k, [])
        value = (given[0].model_copy(update={"text": "\n".join(c.text for c in given)}),) if given else ()
        rows.append(Row(cells=(*row.cells, *value), source="table"))
    return rows, used

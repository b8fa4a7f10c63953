"""OCR of page images into rows (scanned PDFs, photos and image attachments).

Engine: rapidocr 3.x on onnxruntime with the models shipped inside the wheel. Only the
default model settings are used: any other `ocr_version`, `lang_type` or `model_type` makes
rapidocr download from the net, which must never happen (quirks F1). The engine is built once
per process, on first use, with one onnxruntime thread (parallelism belongs to processes —
performance.md).

Before OCR the seal is detected on the original colours, then the page is read through its
red channel, where red seal ink fades to paper while black text stays (F3).

Rows: OCR boxes are grouped into lines by vertical overlap and ordered left to right; each box
is one Cell, so a label and its value that the engine saw as separate boxes stay separate.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.seal import SealState, combine_seal_states, detect_seal, to_rgb_array
from shenbao.extractors.textnorm import checkbox_glyphs, clean_text
from shenbao.record import Cell, DocText, Row

if TYPE_CHECKING:
    from rapidocr import RapidOCR

# Rapidocr's own settings that change nothing about which model files it loads.
_ENGINE_PARAMS: dict[str, Any] = {
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    "Global.log_level": "error",
}
# Images larger than this (pixels) are refused: a photo is ~12 MP, an A4 page at 200 dpi 4 MP.
_MAX_PIXELS = 60_000_000
# Two boxes share a line when their vertical overlap covers this share of the shorter box.
_LINE_OVERLAP = 0.5


@dataclass(frozen=True)
class OcrBox:
    """One text box found by the engine, in image pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float


@dataclass(frozen=True)
class OcrPage:
    """What OCR read from one page image."""

    rows: tuple[Row, ...]
    seal: SealState

    @property
    def text(self) -> str:
        return "\n".join(" ".join(c.text for c in r.cells) for r in self.rows)


@lru_cache(maxsize=1)
def ocr_engine() -> RapidOCR:
    """The process's one OCR engine (built lazily; loading the models takes ~0.3 s)."""
    from rapidocr import RapidOCR

    return RapidOCR(params=dict(_ENGINE_PARAMS))


def remove_red(rgb: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """A greyscale (3-channel) copy of `rgb` in which seal red has faded to paper (F3).

    The red channel is used as the grey level: red ink is bright there, black, blue and
    green ink stay dark. Painting the HSV red mask white (quirks F3) also works, but it
    erases the black strokes that overlap the seal — on a scanned sample it lost the
    "单位负责人（签字）" and "申报单位（盖章）" lines that the red channel kept."""
    red = rgb[:, :, 0]
    return np.ascontiguousarray(np.stack([red, red, red], axis=2))


def read_boxes(rgb: NDArray[np.uint8]) -> list[OcrBox]:
    """Run the engine on an RGB image; boxes in engine order (empty when no text)."""
    # Rapidocr treats a 3-channel array as BGR (OpenCV's order).
    result = ocr_engine()(np.ascontiguousarray(rgb[:, :, ::-1]))
    boxes = getattr(result, "boxes", None)
    if boxes is None:
        return []
    out = []
    for quad, text, score in zip(boxes, result.txts or (), result.scores or ()):
        pts = np.asarray(quad, dtype=float)
        out.append(OcrBox(float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()),
                          float(pts[:, 1].max()), str(text), float(score)))
    return out


def boxes_to_lines(boxes: Sequence[OcrBox]) -> list[list[OcrBox]]:
    """Group boxes into visual lines (top to bottom), each ordered left to right.

    A box joins the line whose vertical extent it overlaps most, when the overlap covers at
    least half of the shorter of the two; slightly skewed scans keep their rows this way."""
    lines: list[list[OcrBox]] = []
    spans: list[tuple[float, float]] = []
    for box in sorted(boxes, key=lambda b: ((b.y0 + b.y1) / 2, b.x0)):
        best, best_share = -1, 0.0
        for i, (top, bottom) in enumerate(spans):
            overlap = min(bottom, box.y1) - max(top, box.y0)
            shorter = min(bottom - top, box.y1 - box.y0) or 1.0
            share = overlap / shorter
            if share > best_share:
                best, best_share = i, share
        if best >= 0 and best_share >= _LINE_OVERLAP:
            lines[best].append(box)
            # Keep the line's span as the first box's: a tall box must not swallow two lines.
        else:
            lines.append([box])
            spans.append((box.y0, box.y1))
    ordered = sorted(lines, key=lambda line: min(b.y0 for b in line))
    return [sorted(line, key=lambda b: b.x0) for line in ordered]


def _continues(upper: OcrBox, lower: OcrBox) -> bool:
    """True when `lower` reads as the wrapped tail of `upper`'s table cell: it starts at the
    cell's left (or centred under it), stays within it, and follows without a row gap."""
    height = max(upper.y1 - upper.y0, 1.0)
    return (lower.x0 >= upper.x0 - 0.5 * height and lower.x1 <= upper.x1 + 0.5 * height
            and lower.y0 - upper.y1 < 0.5 * height)


def merge_wrapped_lines(lines: list[list[OcrBox]]) -> list[list[OcrBox]]:
    """Join table cells that wrapped onto a second line ("单位类" + "型", "…2024年12" +
    "月31日"): a line with fewer boxes than a multi-box line above it, every box of which
    continues one box above, is appended to those boxes. Paragraphs (one box per line) and
    full table rows are left alone."""
    out: list[list[OcrBox]] = []
    for line in lines:
        above = out[-1] if out else None
        if above and len(above) >= 2 and len(line) < len(above):
            targets = [next((i for i, up in enumerate(above) if _continues(up, box)), -1) for box in line]
            if -1 not in targets and len(set(targets)) == len(targets):
                merged = list(above)
                for i, box in zip(targets, line):
                    up = merged[i]
                    merged[i] = OcrBox(up.x0, up.y0, max(up.x1, box.x1), box.y1, up.text + box.text,
                                       min(up.score, box.score))
                out[-1] = merged
                continue
        out.append(line)
    return out


def boxes_to_rows(boxes: Sequence[OcrBox], page_no: int) -> list[Row]:
    """Rows of Cells (one per box, wrapped cell tails joined) with `where` like
    "第2页 第5行第1块"."""
    rows = []
    for line_no, line in enumerate(merge_wrapped_lines(boxes_to_lines(boxes)), start=1):
        cells = []
        for box_no, box in enumerate(line, start=1):
            text = checkbox_glyphs(clean_text(box.text))
            if text:
                cells.append(Cell(text=text, where=f"第{page_no}页 第{line_no}行第{box_no}块"))
        if cells:
            rows.append(Row(cells=tuple(cells), source="ocr"))
    return rows


def ocr_input(image: Image.Image | NDArray[np.uint8]) -> NDArray[np.uint8]:
    """The 3-channel grey image the engine reads: the red channel of a colour image (seal
    faded, F3), or the grey levels of a greyscale one."""
    rgb = to_rgb_array(image)
    if rgb is not None:
        return remove_red(rgb)
    grey = np.asarray(image.convert("L") if isinstance(image, Image.Image) else image, dtype=np.uint8)
    return np.ascontiguousarray(np.stack([grey, grey, grey], axis=2))


def ocr_page(image: Image.Image | NDArray[np.uint8], page_no: int) -> OcrPage:
    """Detect the seal on the original colours, fade the red, OCR, and build rows."""
    seal = detect_seal(image)
    return OcrPage(rows=tuple(boxes_to_rows(read_boxes(ocr_input(image)), page_no)), seal=seal)


def ocr_title(image: Image.Image, share: float = 0.15) -> str:
    """Text of the top strip of a page (its title), for skipping pages cheaply."""
    grey = ocr_input(image)
    return " ".join(box.text for box in read_boxes(grey[: max(1, int(grey.shape[0] * share))]))


def images_to_rows(images: Sequence[Image.Image], first_page: int = 1) -> tuple[list[Row], SealState]:
    """OCR several page images in order; rows of all pages and the combined seal state."""
    rows: list[Row] = []
    states: list[SealState] = []
    for offset, image in enumerate(images):
        page = ocr_page(image, first_page + offset)
        rows.extend(page.rows)
        states.append(page.seal)
    return rows, combine_seal_states(states)


def open_image(data: bytes) -> Image.Image:
    """Decode an image file (PNG, JPEG, TIFF, BMP …), upright per its EXIF orientation.

    Raises UnreadableFile for bytes that are not an image or an image too large to read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > _MAX_PIXELS:
                raise UnreadableFile("图片尺寸过大，无法识别")
            image.load()
            image = ImageOps.exif_transpose(image) or image
    except UnreadableFile:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UnreadableFile("图片尺寸过大，无法识别") from None
    except (OSError, ValueError, SyntaxError):
        raise UnreadableFile("图片文件已损坏或格式无法识别") from None
    if image.mode not in ("RGB", "L"):
        # Palette, CMYK, alpha: flatten on white so transparent areas do not turn black.
        if "A" in image.getbands() or image.mode == "P":
            rgba = image.convert("RGBA")
            background = Image.new("RGB", rgba.size, (255, 255, 255))
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        else:
            image = image.convert("RGB")
    return image


def image_to_doctext(data: bytes, name: str, sha256: str) -> DocText:
    """Read one image attachment (a photographed or scanned form page) by OCR.

    Raises UnreadableFile when the bytes are not a readable image."""
    image = open_image(data)
    page = ocr_page(image, 1)
    notes = ["图片文件，已OCR识别"]
    if not page.rows:
        notes.append("OCR未识别出文字")
    return DocText(file=name, sha256=sha256, kind="scan", rows=page.rows, pages=1, ocr=True,
                   seal=page.seal, notes=tuple(notes))

"""OCR of page images into rows (scanned PDFs, photos and image attachments).

Engine: rapidocr 3.x on onnxruntime with the models shipped inside the wheel. Only the
default model settings are used: any other `ocr_version`, `lang_type` or `model_type` makes
rapidocr download from the net, which fails offline and must never happen. The engine is
built once per process, on first use, with one onnxruntime thread (parallelism belongs to
processes: onnxruntime honours only its global thread count, and two processes of one thread
each read pages faster than one process).

Before OCR the seal is detected on the original colours, then the page is read through its
red channel, where red seal ink fades to paper while black text stays (a seal over text breaks
OCR: PaddlePaddle/PaddleOCR#4629); boxes with no dark stroke (the seal's own text) are dropped,
and boxes read with a low score are recognised again without the direction classifier. A large page is read on two cores: cut at a blank
line, one band here and one in a forked helper process (see "two cores per page").

Rows: a turned page (a phone photo, a copier's skew) is first levelled — the boxes' corners are
turned back by the slope of the page's long text lines, so one table row shares one line again
— then boxes are grouped into lines by vertical overlap and ordered left to right; each box
is one Cell, so a label and its value that the engine saw as separate boxes stay separate. A
table cell wrapped onto a second line is joined, unless the lower line opens a new item (a
known label or a heading, as in forms written one item under another) or a table rule runs
between the two lines (rows of a tight table). Each cell carries its
page, its box (fractions of the page image) and the recogniser's own score for it, from which
the pairs derive how sure a value is (extractors/pairs.py).
"""

from __future__ import annotations

import atexit
import ctypes
import io
import multiprocessing as mp
import os
import pickle
import re
import signal
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

from shenbao.extractors.checkbox import normalise_checkbox_glyphs
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.heap import release_free_heap
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import field_of_label, field_opening, is_label, starts_new_item
from shenbao.extractors.seal import SealState, combine_seal_states, detect_seal, to_rgb_array
from shenbao.extractors.text_cleanup import clean_text, text_for_matching
from shenbao.record import Box, Cell, DocText, Row, half_turned

if TYPE_CHECKING:
    from rapidocr import RapidOCR

# Rapidocr's own settings that change nothing about which model files it loads.
_ENGINE_PARAMS: dict[str, Any] = {
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    "Global.log_level": "error",
    # Lines are recognised two at a time, not six: a batch is padded to its widest line, and
    # six long table rows of a landscape scan took a reader up by 310 MB at once (466 → 778 MB).
    # On ten scans of the whole-call corpus: the same text, 10 % less time.
    "Rec.rec_batch_num": 2,
}
# Images larger than this (pixels) are refused: a photo is ~12 MP, an A4 page at 200 dpi 4 MP.
_MAX_PIXELS = 60_000_000
# Boxes scoring below this are recognised again without the direction classifier.
_RETRY_SCORE = 0.8
# Two boxes share a line when their vertical overlap covers this share of the shorter box.
_LINE_OVERLAP = 0.5
# Page skew: measured on boxes at least this many times as long as high, from at least this
# many of them; a page turned less than _LEVEL_BELOW (slope; ~0.3°, 5 pixels over a
# 1000-pixel row) is read as it is.
_SKEW_MIN_RUN = 4.0
_SKEW_MIN_BOXES = 3
_LEVEL_BELOW = 0.005
# A table rule: pixels darker than _RULE_INK times the paper's grey (the page's median) along a
# line over at least _RULE_SHARE of the width two stacked boxes span. A copier's thin rule is
# grey, not black: 100–160 on paper at 253 in a generated scan at 200 dpi.
_RULE_INK = 0.7
_RULE_SHARE = 0.85


@dataclass(frozen=True)
class OcrBox:
    """One text box found by the engine, in image pixels.

    `quad` is the detector's turned rectangle (four corners clockwise from the top left; empty
    when unknown). After `level_boxes`, x0…y1 are bounds in the levelled frame and `on_page`
    keeps the bounds on the page image, which the cell's box (the evidence) must use."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float
    quad: tuple[tuple[float, float], ...] = ()
    on_page: tuple[float, float, float, float] | None = None

    @property
    def page_bounds(self) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) on the page image."""
        return self.on_page if self.on_page is not None else (self.x0, self.y0, self.x1, self.y1)


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
    from rapidocr import RapidOCR  # heavy (onnxruntime and its models): loaded only where a page is OCRed

    return RapidOCR(params=dict(_ENGINE_PARAMS))


def warm_engine() -> None:
    """Build the engine and run it once on a small blank page (the first inference allocates
    onnxruntime's buffers), so that processes forked afterwards inherit it ready."""
    read_boxes(np.full((_DET_MIN_SIDE, _DET_MIN_SIDE, 3), 255, dtype=np.uint8))


def remove_red(rgb: NDArray[np.uint8]) -> NDArray[np.uint8]:
    """A greyscale (3-channel) copy of `rgb` in which seal red has faded to paper.

    The red channel is used as the grey level: red ink is bright there, black, blue and
    green ink stay dark. Painting the HSV red mask white also works, but it
    erases the black strokes that overlap the seal — on a scanned sample it lost the
    "单位负责人（签字）" and "申报单位（盖章）" lines that the red channel kept."""
    red = rgb[:, :, 0]
    return np.ascontiguousarray(np.stack([red, red, red], axis=2))


def read_boxes(rgb: NDArray[np.uint8], engine: RapidOCR | None = None) -> list[OcrBox]:
    """Run the engine on an RGB image; boxes in engine order (empty when no text)."""
    height, width = rgb.shape[:2]
    if 0 < min(height, width) * _MAX_DET_ENLARGE < _DET_MIN_SIDE:
        # The detector enlarges an image until its short side is _DET_MIN_SIDE: a 360 × 72
        # signature or logo became 3680 × 736, a page's worth of memory (~450 MB) for a
        # picture whose text is already large enough to read. Paper added below and to the
        # right (each side to _DET_MIN_SIDE) keeps it at its own scale; its boxes' places do
        # not move.
        pad = ((0, max(_DET_MIN_SIDE - height, 0)), (0, max(_DET_MIN_SIDE - width, 0)), (0, 0))[:rgb.ndim]
        rgb = np.pad(rgb, pad, constant_values=255)
    # Rapidocr treats a 3-channel array as BGR (OpenCV's order). Its use_* switches stick to
    # the engine once given (reread_doubtful turns two off), so every call states all three.
    result = (engine or ocr_engine())(np.ascontiguousarray(rgb[:, :, ::-1]), use_det=True, use_cls=True,
                                      use_rec=True)
    # The detector's working set (~100 MB a megapixel), freed, stays in the heap: the next
    # call's would come on top of it, and a reader's peak is its heap plus one call's need.
    release_free_heap()
    boxes = getattr(result, "boxes", None)
    if boxes is None:
        return []
    out = []
    texts, scores = recognised(result)
    for quad, text, score in zip(boxes, texts, scores):
        pts = np.asarray(quad, dtype=float)
        out.append(OcrBox(float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()),
                          float(pts[:, 1].max()), str(text), float(score),
                          tuple((float(x), float(y)) for x, y in pts[:4])))
    return out


def recognised(result: Any) -> tuple[list[Any], list[Any]]:
    """(texts, scores) of one engine call; rapidocr's output class depends on which of
    det/cls/rec ran, and only those with recognition carry them."""
    return list(getattr(result, "txts", None) or ()), list(getattr(result, "scores", None) or ())


def _doubtful(box: OcrBox) -> bool:
    """A box whose text is probably misread: a low score, or far fewer characters than its
    width holds (a long line of options read as "（")."""
    height = max(box.y1 - box.y0, 1.0)
    room = (box.x1 - box.x0) / height  # about how many Han characters fit
    return box.score < _RETRY_SCORE or (room >= 6 and len(box.text.strip()) < 0.25 * room)


def reread_doubtful(rgb: NDArray[np.uint8], boxes: list[OcrBox], engine: RapidOCR | None = None) -> list[OcrBox]:
    """Boxes with doubtful text recognised again from their own crop, without the
    text-direction classifier, keeping whichever reading scores higher.

    The classifier sometimes takes an upright line for an upside-down one and the line is
    then read rotated, as garbage ("☑省级学会 □市州科协 …" came out as "（" at 0.56)."""
    out = []
    for box in boxes:
        if _doubtful(box):
            y0, y1 = max(int(box.y0), 0), min(int(np.ceil(box.y1)), rgb.shape[0])
            x0, x1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), rgb.shape[1])
            if y1 - y0 >= 4 and x1 - x0 >= 4:
                crop = np.ascontiguousarray(rgb[y0:y1, x0:x1, ::-1])
                result = (engine or ocr_engine())(crop, use_det=False, use_cls=False, use_rec=True)
                texts, scores = recognised(result)
                if texts and scores and str(texts[0]).strip() and float(scores[0]) > box.score:
                    box = replace(box, text=str(texts[0]), score=float(scores[0]))
        out.append(box)
    return out


def page_skew(boxes: Sequence[OcrBox]) -> float:
    """The page's turn as the slope (dy/dx) of its text lines: the median over the boxes whose
    turned rectangle is a long line (at least _SKEW_MIN_RUN times as long as high, so that the
    slope of its top edge is measured over a long run); 0.0 when fewer than _SKEW_MIN_BOXES
    such boxes. A short box's rectangle is often drawn upright whatever the turn."""
    slopes = []
    for box in boxes:
        if len(box.quad) != 4:
            continue
        (ax, ay), (bx, by), _, (dx, dy) = box.quad
        run, side = bx - ax, float(np.hypot(dx - ax, dy - ay))
        if run > 0 and run >= _SKEW_MIN_RUN * max(side, 1.0):
            slopes.append((by - ay) / run)
    return float(np.median(slopes)) if len(slopes) >= _SKEW_MIN_BOXES else 0.0


def level_boxes(boxes: Sequence[OcrBox]) -> list[OcrBox]:
    """The boxes in the frame of a page turned back level (`page_skew`), so that the cells of
    one table row share a line again: on a photo turned 1.5° a row drops ~26 pixels across a
    1000-pixel table, as much as a line is high, and its label fell into the line below its
    value. Each box keeps its bounds on the page image (`on_page`). A page that is level to
    within _LEVEL_BELOW is returned as it is."""
    slope = page_skew(boxes)
    if abs(slope) < _LEVEL_BELOW:
        return list(boxes)
    angle = float(np.arctan(slope))
    cos, sin = float(np.cos(angle)), float(np.sin(angle))
    out = []
    for box in boxes:
        corners = box.quad or ((box.x0, box.y0), (box.x1, box.y0), (box.x1, box.y1), (box.x0, box.y1))
        xs = [x * cos + y * sin for x, y in corners]
        ys = [y * cos - x * sin for x, y in corners]
        out.append(replace(box, x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys), on_page=box.page_bounds))
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


def _continues(upper: OcrBox, lower: OcrBox, right: float = float("inf")) -> bool:
    """True when `lower` reads as the wrapped tail of `upper`'s table cell: it follows without
    a row gap and stays within the cell — under `upper` (centred or not), or starting at its
    left and ending before `right`, where the next box of upper's line starts. A tail may be
    wider than its head: a narrow cell breaks a phone number at its hyphen ("0731-" over
    "62685151")."""
    height = max(upper.y1 - upper.y0, 1.0)
    if lower.x0 < upper.x0 - 0.5 * height or lower.y0 - upper.y1 >= 0.5 * height:
        return False
    return lower.x1 <= upper.x1 + 0.5 * height or (lower.x0 <= upper.x0 + 0.5 * height and lower.x1 < right)


def _opens_item(upper: str, lower: str) -> bool:
    """True when OCR box text `lower` starts a new form item (a known label, a heading)
    rather than finishing `upper`; a label cell wrapped inside a label ("项目" + "负责人")
    still finishes it."""
    labels = load_labels()
    return starts_new_item(clean_text(lower), labels) and not is_label(clean_text(upper + lower), labels)


def _unruled(upper: OcrBox, lower: OcrBox) -> bool:
    return False


def merge_wrapped_lines(lines: list[list[OcrBox]], opens_item: Callable[[str, str], bool] = _opens_item,
                        ruled: Callable[[OcrBox, OcrBox], bool] = _unruled) -> list[list[OcrBox]]:
    """Join table cells that wrapped onto a second line ("单位类" + "型", "…2024年12" +
    "月31日"): a line with fewer boxes than a multi-box line above it, every box of which
    continues one box above, is appended to those boxes. Paragraphs (one box per line) and
    full table rows are left alone, and so is a line with a box that `opens_item` (upper
    text, its text) — in a form written one item under another the next label ("项目联系人",
    "申请经费（万元）", "二、项目内容") sits right under a short value and must stay a line
    of its own; or a box that `ruled` (upper box, box) says a table rule separates from the
    box above it — rows of a tight table ("申请金额 | 8" over "其中自筹 | 5") follow each
    other as closely as a cell's wrapped lines."""
    out: list[list[OcrBox]] = []
    for line in lines:
        above = out[-1] if out else None
        if above and len(above) >= 2 and len(line) < len(above):
            rights = [nxt.x0 for nxt in above[1:]] + [float("inf")]
            targets = [next((i for i, up in enumerate(above) if _continues(up, box, rights[i])), -1) for box in line]
            if any(i >= 0 and ruled(above[i], box) for i, box in zip(targets, line)):
                targets = [-1]
            if any(i >= 0 and opens_item(above[i].text, box.text) for i, box in zip(targets, line)):
                targets = [-1]
            if -1 not in targets and len(set(targets)) == len(targets):
                merged = list(above)
                for i, box in zip(targets, line):
                    up = merged[i]
                    merged[i] = OcrBox(up.x0, up.y0, max(up.x1, box.x1), box.y1, up.text + box.text,
                                       min(up.score, box.score), on_page=_union(up.page_bounds, box.page_bounds))
                out[-1] = merged
                continue
        out.append(line)
    return out


def _union(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def box_fraction(box: OcrBox, size: tuple[int, int]) -> Box:
    """An OCR box's bounds on the page image as fractions of its width and height (record.Box)."""
    width, height = max(size[0], 1), max(size[1], 1)
    x0, y0, x1, y1 = box.page_bounds

    def clamp(v: float) -> float:
        return round(min(max(v, 0.0), 1.0), 4)

    return (clamp(x0 / width), clamp(y0 / height), clamp(x1 / width), clamp(y1 / height))


def rule_between(plane: NDArray[np.uint8], slope: float) -> Callable[[OcrBox, OcrBox], bool]:
    """A test of whether a table rule runs between two levelled boxes of the page image
    `plane` (grey, turned by `slope`): some line parallel to the text, between the two boxes'
    middles, is darker than the paper (±1 pixel) over at least _RULE_SHARE of the width both
    boxes span. Text never is: it has gaps between characters."""
    angle = float(np.arctan(slope))
    cos, sin = float(np.cos(angle)), float(np.sin(angle))
    height, width = plane.shape[:2]
    dark = plane < _RULE_INK * float(np.median(plane))

    def ruled(upper: OcrBox, lower: OcrBox) -> bool:
        x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
        top, bottom = (upper.y0 + upper.y1) / 2, (lower.y0 + lower.y1) / 2
        if x1 - x0 < 2 or bottom - top < 2:
            return False
        xs = np.arange(x0, x1)
        for t in np.arange(top, bottom):
            px = np.clip(np.rint(xs * cos - t * sin), 0, width - 1).astype(int)
            py = np.rint(xs * sin + t * cos).astype(int)
            hit = np.zeros(len(xs), dtype=bool)
            for dy in (-1, 0, 1):
                hit |= dark[np.clip(py + dy, 0, height - 1), px]
            if hit.mean() >= _RULE_SHARE:
                return True
        return False

    return ruled


def boxes_to_rows(boxes: Sequence[OcrBox], page_no: int, size: tuple[int, int] | None = None,
                  plane: NDArray[np.uint8] | None = None, first_line: int = 1) -> list[Row]:
    """Rows of Cells (one per box, wrapped cell tails joined) with `where` like
    "第2页 第5行第1块". Each cell carries the page, the recogniser's score for its box (a
    joined tail: the lower of the two) and, given the page image's `size` (width, height),
    its box. Boxes are grouped into lines on the page turned level (`level_boxes`); given
    the page's grey `plane`, a table rule between two lines keeps them apart."""
    levelled = level_boxes(boxes)
    ruled = _unruled if plane is None else rule_between(plane, page_skew(boxes) if levelled != list(boxes) else 0.0)
    rows = []
    for line_no, line in enumerate(merge_wrapped_lines(boxes_to_lines(levelled), ruled=ruled), start=first_line):
        cells = []
        gaps = beside_missing(line)
        for box_no, box in enumerate(line, start=1):
            text = normalise_checkbox_glyphs(clean_text(box.text))
            score = min(box.score, _GAP_SCORE) if box_no - 1 in gaps else box.score
            if text:
                cells.append(Cell(text=text, where=f"第{page_no}页 第{line_no}行第{box_no}块", page=page_no,
                                  box=box_fraction(box, size) if size is not None else None,
                                  score=round(min(max(score, 0.0), 1.0), 4)))
        if cells:
            rows.append(Row(cells=tuple(cells), source="ocr"))
    return rows


# Characters spread over a cell's width (分散对齐: 黄　　爱　　华) are found one box each, and the
# detector may miss one between two others (on a seal, a stain, a page scanned upside down):
# the gap it leaves is one character and one spacing wider than the run's others, which are
# alike. The boxes beside such a gap get this score, so that the value read from them is doubted.
_GAP_SCORE = 0.5
_SPREAD_RUN = 4  # one-character boxes in a run (three before a missing one is told from a cell's end)
_GAP_ALIKE = 0.25  # how far the run's other gaps may differ from the narrowest
_SLOT_FIT = (0.75, 1.35)  # the gap over one missing slot (two gaps and a character), either way


def beside_missing(line: Sequence[OcrBox]) -> set[int]:
    """Indices of boxes in `line` (left to right) beside a gap where a spread run's
    character seems missing: a run of at least _SPREAD_RUN one-character Han boxes, apart by
    at least a character's width and alike, with one gap between two alike ones that is the
    width of one more character and spacing (a cell's border between two spread values is
    wider, or narrower, than that)."""
    out: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= _SPREAD_RUN:
            char = sorted(line[k].x1 - line[k].x0 for k in run)[len(run) // 2]
            gaps = [line[b].x0 - line[a].x1 for a, b in zip(run, run[1:])]
            narrow = min(gaps)
            alike = [g <= narrow * (1 + _GAP_ALIKE) for g in gaps]
            slot = 2 * narrow + char
            for k in range(1, len(gaps) - 1):
                if (narrow >= char and alike[k - 1] and alike[k + 1]
                        and _SLOT_FIT[0] * slot <= gaps[k] <= _SLOT_FIT[1] * slot):
                    out.update((run[k], run[k + 1]))
        run.clear()

    for k, box in enumerate(line):
        if re.fullmatch(r"[\u4e00-\u9fff]", box.text.strip()):
            run.append(k)
        else:
            close()
    close()
    return out


def ocr_input(image: Image.Image | NDArray[np.uint8]) -> NDArray[np.uint8]:
    """The 3-channel grey image the engine reads: the red channel of a colour image (seal
    faded), or the grey levels of a greyscale one."""
    rgb = to_rgb_array(image)
    if rgb is not None:
        return remove_red(rgb)
    grey = np.asarray(image.convert("L") if isinstance(image, Image.Image) else image, dtype=np.uint8)
    return np.ascontiguousarray(np.stack([grey, grey, grey], axis=2))


# --------------------------------------------------------------------------- two cores per page
#
# A page is cut at a blank line near its middle into two bands; this process reads the top
# band while a helper process reads the bottom one (parallelism belongs to processes, one
# onnxruntime thread each). The helper is forked once per process, builds its own engine once,
# and dies with its parent: the whole file read already runs in an isolated worker
# (shenbao/execution.py, `run_isolated`) that is killed on a timeout, and the kernel then kills
# the helper too (PR_SET_PDEATHSIG), so a hang never leaves an orphan behind.

# Pages smaller than this (pixels) are read in one piece: the fork would not pay off.
_MIN_SPLIT_PIXELS = 1_500_000
# A cut row may hold at most this share of dark pixels (table rules, speckle), never text.
_MAX_CUT_INK = 0.05
# The engine's own Global.max_side_len: larger images are shrunk to it before reading.
_ENGINE_MAX_SIDE = 2000
# A box whose darkest 2 % of pixels is paler than this (red-channel grey) holds no black ink.
_FAINT_INK = 120
_INKED_SHARE = 25  # percentile of the boxes' darkest strokes that black ink must reach, or the page is faded
# The detector's Det.limit_side_len with limit_type "min": shorter sides are enlarged to it.
# An image that would be enlarged more than _MAX_DET_ENLARGE times is padded instead (read_boxes).
_DET_MIN_SIDE = 736
_MAX_DET_ENLARGE = 4
# Rows (at the engine's scale) each band reads beyond a cut through ink (overlapping_cut_row):
# more than half the tallest line a form prints, so that a line crossing the cut lies whole in
# the band that keeps it.
_BAND_OVERLAP = 64
# Seconds to wait for the helper's band before reading it here instead.
_HELPER_TIMEOUT = 300.0
_PR_SET_PDEATHSIG = 1


_BACKGROUND_SHARE = 0.85  # a column dark over more than this share of its height is no paper


def cut_row(grey: NDArray[np.uint8]) -> int | None:
    """The row at which to cut a page into two bands of about equal work: the middle of the
    blank run (a row crossed by nothing but table rules) nearest the row that has half of
    the page's ink above it, within 15–85 % of the height and with at least _DET_MIN_SIDE
    rows on each side; None when there is no such run."""
    height, width = grey.shape[:2]
    plane = grey[:, :, 0] if grey.ndim == 3 else grey
    # A photo's desk or shadow beside the sheet is dark all the way down: those columns are
    # no paper and would put ink in every row (a photographed form was never cut, and its
    # whole 3 MP went to one detector call, ~400 MB of a reader's peak).
    paper = (plane < 128).mean(axis=0) <= _BACKGROUND_SHARE
    if paper.sum() < width // 2:
        return None
    width = int(paper.sum())
    ink = (plane[:, paper] < 128).sum(axis=1)
    total = int(ink.sum())
    # Each band keeps at least _DET_MIN_SIDE rows: a shorter band would be enlarged by the
    # detector, which then finds faint marks (seal text) it does not see on the whole page.
    lo, hi = max(int(height * 0.15), _DET_MIN_SIDE), min(int(height * 0.85), height - _DET_MIN_SIDE)
    if total == 0 or hi - lo < 3:
        return None
    # Reading time follows the text, so the bands share the ink, not the height.
    target = int(np.searchsorted(np.cumsum(ink), total / 2))
    window = ink[lo:hi]
    least = int(window.min())
    if least > _MAX_CUT_INK * width:
        return None
    blank = window <= least + max(2, width // 500)
    rows = np.flatnonzero(blank)
    best = int(rows[np.argmin(np.abs(rows + lo - target))])
    start = end = best
    while start > 0 and blank[start - 1]:
        start -= 1
    while end + 1 < len(blank) and blank[end + 1]:
        end += 1
    return lo + (start + end) // 2


def overlapping_cut_row(grey: NDArray[np.uint8]) -> int | None:
    """Where to cut a page that has no blank row to cut at (a table whose text crosses its
    middle, a landscape sheet of one wide table): the row with least ink near the one that has
    half the page's ink above it; each band then reads _BAND_OVERLAP rows beyond it and keeps
    the boxes whose middle lies on its side (page_boxes). None when the page is too low for two
    bands of _DET_MIN_SIDE rows.

    Read whole, such a page was one detector call on up to 2.8 MP: ~600 MB at once in a reader
    (a landscape table page took a reader from 325 to 1028 MB)."""
    height = grey.shape[0]
    plane = grey[:, :, 0] if grey.ndim == 3 else grey
    lo = max(int(height * 0.15), _DET_MIN_SIDE - _BAND_OVERLAP)
    hi = min(int(height * 0.85), height - _DET_MIN_SIDE + _BAND_OVERLAP)
    if hi - lo < 1:
        return None
    ink = (plane < 128).sum(axis=1)
    target = min(max(int(np.searchsorted(np.cumsum(ink), ink.sum() / 2)), lo), hi)
    reach = max(height // 10, 1)
    a, b = max(lo, target - reach), min(hi, target + reach) + 1
    return a + int(np.argmin(ink[a:b]))


def cut_column(grey: NDArray[np.uint8]) -> int | None:
    """The column down the gutter of a landscape sheet: the middle of the widest run of columns
    with (almost) no ink in the sheet's middle (_TWO_UP_BAND), at least _DET_MIN_SIDE columns
    from each edge; None when no column there is blank. Stricter than cut_row: a wide table's
    columns are crossed by its rows' rules and its text, and a cut through a line of text
    loses it (a single landscape table is read whole, as before)."""
    height, width = grey.shape[:2]
    plane = grey[:, :, 0] if grey.ndim == 3 else grey
    lo, hi = max(int(width * _TWO_UP_BAND[0]), _DET_MIN_SIDE), min(int(width * _TWO_UP_BAND[1]), width - _DET_MIN_SIDE)
    if hi - lo < 3:
        return None
    dark = (plane[:, lo:hi] < _GUTTER_DARK).sum(axis=0)
    blank = np.flatnonzero(dark <= _GUTTER_INK * height)
    if blank.size == 0:
        return None
    runs = np.split(blank, np.flatnonzero(np.diff(blank) > 1) + 1)
    widest = max(runs, key=len)
    return lo + int(widest[0] + widest[-1]) // 2


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this process when its parent dies (Linux); elsewhere the
    helper still ends when its pipe closes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _serve(conn: Connection) -> None:
    """The helper's loop: read each band sent, answer with its boxes, until the pipe closes."""
    # The process's engine: the copy inherited at fork when the parent had one (warmed by the
    # pipeline), else built here. Either way a session of this process alone.
    engine = ocr_engine()
    while True:
        try:
            band = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            answer: object = reread_doubtful(band, read_boxes(band, engine), engine)
        except Exception as exc:  # noqa: BLE001 - the parent reads the band itself
            answer = repr(exc)
        conn.send_bytes(pickle.dumps(answer))
        release_free_heap()  # a band's working set, freed, would stay resident until the next one


class _Helper:
    """One forked helper process and the pipe to it (see the section comment)."""

    def __init__(self) -> None:
        parent_pid = os.getpid()
        mine, theirs = mp.Pipe(duplex=True)
        pid = os.fork()
        if pid == 0:  # the helper: never returns into the caller's code
            code = 0
            try:
                mine.close()
                _die_with_parent(parent_pid)
                _serve(theirs)
            except BaseException:  # noqa: BLE001 - a helper's failure is seen as a closed pipe
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        self.pid, self.owner, self.conn = pid, parent_pid, mine

    def send(self, band: NDArray[np.uint8]) -> bool:
        try:
            self.conn.send_bytes(pickle.dumps(band))
            return True
        except OSError:  # the helper is gone: let it go, the next page forks a new one
            self.close()
            return False

    def receive(self) -> list[OcrBox] | None:
        try:
            if self.conn.poll(_HELPER_TIMEOUT):
                answer = pickle.loads(self.conn.recv_bytes())
                return answer if isinstance(answer, list) else None
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        self.close()
        return None

    def close(self) -> None:
        global _HELPER
        if _HELPER is self:
            _HELPER = None
        if self.owner != os.getpid():
            return  # a copy inherited by a forked child: the helper is its parent's to end
        self.conn.close()
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


_HELPER: _Helper | None = None


def _helper() -> _Helper | None:
    """This process's helper, forked on first use; None where forking is unsafe or useless
    (one CPU, no fork, or other threads running — a fork copies their held locks)."""
    global _HELPER
    if _HELPER is not None and _HELPER.owner == os.getpid():
        return _HELPER
    _HELPER = None  # a helper inherited from the process that forked this one is not ours
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cpus < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    _HELPER = _Helper()
    atexit.register(_HELPER.close)
    return _HELPER


def helper_pid() -> int | None:
    """The pid of the helper this process forked, or None while it has none (the reader pool
    counts the helper's memory with its reader's: shenbao.execution)."""
    helper = _HELPER
    return helper.pid if helper is not None and helper.owner == os.getpid() else None


def drop_faint(grey: NDArray[np.uint8], boxes: list[OcrBox]) -> list[OcrBox]:
    """Boxes without one dark stroke left out: on the red-channel image (ocr_input) black and
    blue ink stay dark, and a box whose darkest strokes are pale is the seal's own red text
    ("湖南省某某学会专用章" read as a line of the form)."""
    plane = grey[:, :, 0] if grey.ndim == 3 else grey
    darkest: list[float | None] = []
    for box in boxes:
        # The box's middle half (in height): its edges may graze the lines above and below.
        quarter = (box.y1 - box.y0) / 4
        y0, y1 = max(int(box.y0 + quarter), 0), min(int(np.ceil(box.y1 - quarter)), plane.shape[0])
        x0, x1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), plane.shape[1])
        darkest.append(float(np.percentile(plane[y0:y1, x0:x1], 2)) if y1 > y0 and x1 > x0 else None)
    measured = [d for d in darkest if d is not None]
    limit = float(_FAINT_INK)
    if measured and float(np.percentile(measured, _INKED_SHARE)) > _FAINT_INK:
        # Hardly a box holds black ink (a pen's tick or signature aside): a faded scan or a
        # photocopy on tinted paper, whose ink is grey. Its own ink is the measure: a box is
        # faint against the page's typical box, halfway to the paper. A page whose black
        # lines are a quarter of its boxes keeps the fixed measure: its seals' text may
        # outnumber its lines.
        typical = float(np.median(measured))
        limit = max(limit, typical + (float(np.median(plane)) - typical) / 2)
    return [box for box, d in zip(boxes, darkest) if d is None or d <= limit]


def page_boxes(grey: NDArray[np.uint8], parallel: bool = True) -> list[OcrBox]:
    """Every text box of a page image, doubtful ones re-read, the seal's faint text left
    out; with `parallel`, a large page is cut at a blank line and its two bands are read on
    two cores."""
    return drop_faint(grey, _page_boxes(grey, parallel))


def _page_boxes(grey: NDArray[np.uint8], parallel: bool) -> list[OcrBox]:
    whole = grey
    if parallel and grey.shape[0] * grey.shape[1] >= _MIN_SPLIT_PIXELS:
        # The engine shrinks a page to its maximum side before reading; shrink the page the
        # same way before cutting, or each band would be read at a finer (slower) scale.
        scale = min(1.0, _ENGINE_MAX_SIDE / max(grey.shape[:2]))
        if scale < 1.0:
            size = (int(grey.shape[1] * scale), int(grey.shape[0] * scale))
            grey = np.ascontiguousarray(cv2.resize(grey, size))
        cut = cut_row(grey)
        across = False
        if cut is None and grey.shape[1] > grey.shape[0]:
            # A landscape page (two pages printed on one sheet, a wide table) has no blank row
            # with a detector's worth of rows on each side: cut it down a blank column instead.
            # Read whole, its detector input was the page's 2.8 MP, ~450 MB of a reader's peak.
            cut, across = cut_column(grey), True
        overlap = 0
        if cut is None:
            cut, across, overlap = overlapping_cut_row(grey), False, _BAND_OVERLAP
    else:
        scale, cut, across, overlap = 1.0, None, False, 0
    helper = _helper() if cut is not None else None
    if cut is None or helper is None:
        return reread_doubtful(whole, read_boxes(whole))
    if across:
        first, second = grey[:, :cut], grey[:, cut:]
    else:
        first, second = grey[:cut + overlap], grey[cut - overlap:]
    if not helper.send(np.ascontiguousarray(second)):
        return reread_doubtful(whole, read_boxes(whole))
    near = reread_doubtful(first, read_boxes(np.ascontiguousarray(first)))
    far = helper.receive()
    if far is None:  # the helper died or hung: read the band here
        far = reread_doubtful(second, read_boxes(np.ascontiguousarray(second)))
    if overlap:
        # Each band keeps the boxes whose middle lies on its side of the cut (the second band
        # starts `overlap` rows above it): a line across the cut is read whole by both, kept once.
        near = [b for b in near if (b.y0 + b.y1) / 2 < cut]
        far = [b for b in far if (b.y0 + b.y1) / 2 >= overlap]
    shifts = ((0, 0, near), (cut, 0, far)) if across else ((0, 0, near), (0, cut - overlap, far))
    return [OcrBox((b.x0 + dx) / scale, (b.y0 + dy) / scale, (b.x1 + dx) / scale, (b.y1 + dy) / scale, b.text, b.score,
                   tuple(((x + dx) / scale, (y + dy) / scale) for x, y in b.quad))
            for dx, dy, band in shifts for b in band]


def ocr_page(image: Image.Image | NDArray[np.uint8], page_no: int, *, parallel: bool = True) -> OcrPage:
    """Detect the seal on the original colours, fade the red, OCR (on two cores when
    `parallel` and the page is large), and build rows. A page scanned upside down is read
    turned the right way up: its rows come from the boxes turned half a circle (the engine's
    line classifier already read each line's text upright), its cells' boxes stay on the page
    as scanned, where the evidence picture is cut from."""
    seal = detect_seal(image)
    grey = ocr_input(image)
    size = (grey.shape[1], grey.shape[0])
    boxes = page_boxes(grey, parallel)
    if upside_down(boxes):
        turned = sheet_rows(turned_half(boxes, size), page_no, size, np.ascontiguousarray(grey[::-1, ::-1, 0]))
        return OcrPage(rows=tuple(_row_on_scanned_page(row) for row in turned), seal=seal)
    return OcrPage(rows=tuple(sheet_rows(boxes, page_no, size, grey[:, :, 0])), seal=seal)


# Two pages printed side by side on one landscape sheet, then scanned (两页合一打印): each
# line of the left page would be read together with the line of the right page beside it.
_TWO_UP_ASPECT = 1.2  # a sheet at least this much wider than high
_TWO_UP_BAND = (0.42, 0.58)  # where the gutter may be, as a share of the sheet's width
_TWO_UP_MIN_BOXES = 5  # text boxes each page holds at least (a cover has five or six)
_GUTTER_INK = 0.003  # share of dark pixels down the gutter: a table's rules crossing it make one page
_GUTTER_DARK = 128


def two_up_gutter(boxes: Sequence[OcrBox], size: tuple[int, int], plane: NDArray[np.uint8]) -> float | None:
    """The x of the gutter between two pages on a landscape scan, or None: a stretch of the
    sheet's middle no text box crosses, text boxes on both sides, and no rule crossing it
    (a wide table of one page has its rows' rules across the middle)."""
    width, height = size
    if width < _TWO_UP_ASPECT * height or len(boxes) < 2 * _TWO_UP_MIN_BOXES:
        return None
    lo, hi = _TWO_UP_BAND[0] * width, _TWO_UP_BAND[1] * width
    free, at, cursor = 0.0, None, lo
    for a, b in sorted((bx.x0, bx.x1) for bx in boxes if bx.x1 > lo and bx.x0 < hi):
        if a - cursor > free:
            free, at = a - cursor, (cursor + a) / 2
        cursor = max(cursor, b)
    if hi - cursor > free:
        free, at = hi - cursor, (cursor + hi) / 2
    if at is None or free < 0.01 * width:
        return None
    if min(sum(1 for b in boxes if b.x1 <= at), sum(1 for b in boxes if b.x0 >= at)) < _TWO_UP_MIN_BOXES:
        return None
    x = int(at)
    column = plane[:, max(x - 2, 0):x + 3]
    return at if column.size and float(np.mean(column < _GUTTER_DARK)) <= _GUTTER_INK else None


def sheet_rows(boxes: Sequence[OcrBox], page_no: int, size: tuple[int, int], plane: NDArray[np.uint8]) -> list[Row]:
    """boxes_to_rows of a scanned sheet; of a two-up sheet (two_up_gutter), the left page's rows
    then the right page's, each page's lines their own (the cells keep their place on the sheet)."""
    gutter = two_up_gutter(boxes, size, plane)
    if gutter is None:
        return boxes_to_rows(boxes, page_no, size, plane)
    left = boxes_to_rows([b for b in boxes if b.x1 <= gutter], page_no, size, plane)
    right = boxes_to_rows([b for b in boxes if b.x1 > gutter], page_no, size, plane, first_line=len(left) + 1)
    return left + right


# Field label boxes with text only on their left (the value read before its label) needed to
# take a page for upside down, and how many more there must be than labels with text on their right.
_TURNED_MIN_LABELS = 3
_TURNED_MARGIN = 3


def upside_down(boxes: Sequence[OcrBox]) -> bool:
    """Whether the page lies upside down: the line classifier turns each line's text upright,
    but the lines keep their places, so a form's labels end up to the right of their values,
    and come in the reverse of the form's order. Judged on the boxes that are exactly one known
    label: by which side of them their line's other boxes lie, or, where labels stand over
    their values (a header row) and have labels on both sides, by their order on the page."""
    labels = load_labels()
    left_only = right_only = 0
    found: list[tuple[float, float, str]] = []
    for box in boxes:
        # Field labels only: a person's 手机/电话 often follows the name it belongs to.
        field = field_of_label(box.text, labels)
        if field is None:
            # A line opening with a label run into its value (项目名称绿色低碳…, a form pasted
            # as text) or a part's heading (四、申报单位意见) still tells the form's order.
            opening = field_opening(box.text, labels)
            if opening is not None:
                found.append(((box.y0 + box.y1) / 2, (box.x0 + box.x1) / 2, opening))
            continue
        found.append(((box.y0 + box.y1) / 2, (box.x0 + box.x1) / 2, field))
        middle = (box.y0 + box.y1) / 2
        line = [o for o in boxes if o is not box and o.y0 < middle < o.y1]
        left = any(o.x1 <= box.x0 for o in line)
        right = any(o.x0 >= box.x1 for o in line)
        left_only += left and not right
        right_only += right and not left
    if left_only >= _TURNED_MIN_LABELS and left_only > _TURNED_MARGIN * right_only:
        return True
    return _labels_in_reverse(found)


# The order a form asks for its fields, top to bottom: every layout keeps it (the people may
# swap with the amount, never with the project's name).
_FORM_ORDER = {field: rank for rank, fields in enumerate((
    ("project_name",), ("subcategory",), ("applicant_org",), ("applicant_type",),
    ("is_joint", "joint_orgs", "lead_org", "partner_orgs"),
    ("leader_name", "leader_phone", "contact_name", "contact_phone", "contact_email"),
    ("funding", "total_funding", "self_funding", "period", "start_date", "end_date"),
    ("approval",), ("city_review",))) for field in fields}
# Distinct ranks needed to judge by order, and the share of label pairs that must come reversed.
_ORDER_MIN_RANKS = 4
_ORDER_REVERSED = 0.8


def _labels_in_reverse(found: Sequence[tuple[float, float, str]]) -> bool:
    """Whether labels (centre y, centre x, field), read top to bottom, come in the reverse of
    the form's order (_FORM_ORDER): at least _ORDER_MIN_RANKS ranks, and _ORDER_REVERSED of
    the pairs of different ranks reversed."""
    ranks = [_FORM_ORDER[field] for _, _, field in sorted(found) if field in _FORM_ORDER]
    if len(set(ranks)) < _ORDER_MIN_RANKS:
        return False
    pairs = [(a, b) for i, a in enumerate(ranks) for b in ranks[i + 1:] if a != b]
    return sum(1 for a, b in pairs if a > b) >= _ORDER_REVERSED * len(pairs)


def turned_half(boxes: Sequence[OcrBox], size: tuple[int, int]) -> list[OcrBox]:
    """The boxes on the page turned half a circle (`size` = the page's width and height)."""
    width, height = size
    return [replace(b, x0=width - b.x1, y0=height - b.y1, x1=width - b.x0, y1=height - b.y0,
                    quad=tuple((width - x, height - y) for x, y in (b.quad[2:] + b.quad[:2])) if len(b.quad) == 4
                    else b.quad, on_page=None)
            for b in boxes]


def _row_on_scanned_page(row: Row) -> Row:
    """A row read on the turned page, its cells' boxes put back where they are on the scan."""
    cells = tuple(cell.model_copy(update={"turned": True}) if cell.box is None
                  else cell.model_copy(update={"box": half_turned(cell.box), "turned": True})
                  for cell in row.cells)
    return row.model_copy(update={"cells": cells})


# The title strip: ink rows (red-channel grey below _TITLE_INK) form text lines; a band shorter
# than _MIN_TITLE_BAND rows is a rule or speckle, and rows closer than _TITLE_BAND_GAP join.
_TITLE_INK = 128
_MIN_TITLE_BAND = 8
_TITLE_BAND_GAP = 4
_TITLE_LINES = 3
# A band taller than this share of the page height is two lines run together, not one line.
_MAX_TITLE_LINE = 0.03


def title_bands(plane: NDArray[np.uint8]) -> list[tuple[int, int, int, int]]:
    """(y0, y1, x0, x1) of the first text lines of a grey strip, found by ink projection."""
    dark = plane < _TITLE_INK
    rows = dark.sum(axis=1) > max(2, plane.shape[1] // 400)
    bands: list[tuple[int, int]] = []
    start = None
    gap = 0
    for y, inked in enumerate(rows):
        if inked:
            if start is None:
                start = y
            gap = 0
        elif start is not None:
            gap += 1
            if gap > _TITLE_BAND_GAP:
                bands.append((start, y - gap + 1))
                start, gap = None, 0
    if start is not None:
        bands.append((start, len(rows) - gap))
    out = []
    for y0, y1 in bands:
        if y1 - y0 < _MIN_TITLE_BAND:
            continue
        cols = np.flatnonzero(dark[y0:y1].sum(axis=0))
        if cols.size:
            out.append((y0, y1, int(cols[0]), int(cols[-1]) + 1))
        if len(out) == _TITLE_LINES:
            break
    return out


def ocr_title(image: Image.Image, share: float = 0.15) -> str:
    """Text of the first lines at the top of a page (its title), for skipping pages cheaply.

    The lines are found by ink projection and each is read by the recogniser alone: ~0.05 s
    a line, where the detector on the whole strip cost ~0.8 s a page, a third of reading it.
    A band too tall for one line (a skewed scan's lines run together) sends the strip to the
    detector after all."""
    grey = ocr_input(image)
    strip = grey[: max(1, int(grey.shape[0] * share))]
    whole = title_bands(strip[:, :, 0])
    bands = _single_lines(whole, grey.shape[0])
    if whole and not bands:
        # The first line ran into the next (a turned page of dense text): the middle half of
        # the width, where a turned line drifts half as far, may still hold them apart — if its
        # first line is the page's first line (a title off to one side would be lost there).
        width = strip.shape[1]
        middle = _single_lines(title_bands(strip[:, width // 4: width - width // 4, 0]), grey.shape[0])
        if middle and middle[0][0] <= whole[0][0] + _TITLE_BAND_GAP * 2:
            bands = [(y0, y1, x0 + width // 4, x1 + width // 4) for y0, y1, x0, x1 in middle]
    if not bands:
        return _title_by_detector(grey, strip)
    texts = []
    for y0, y1, x0, x1 in bands:
        pad = max(2, (y1 - y0) // 3)
        crop = grey[max(0, y0 - pad):y1 + pad, max(0, x0 - pad):x1 + pad]
        result = ocr_engine()(np.ascontiguousarray(crop[:, :, ::-1]), use_det=False, use_cls=False, use_rec=True)
        found = [str(t) for t in recognised(result)[0] if str(t).strip()]
        texts.extend(found[:1])
    return " ".join(texts)


# A page of prose (项目内容, 预期目标) holds no form field: many text lines, nearly all as wide
# as the text column. Table, cover and opinion pages stay far below (at most ~46 % wide lines
# on the public sample's scans; prose pages 93–100 %).
_PROSE_SCALE = 0.45
_PROSE_MIN_LINES = 15
_PROSE_WIDE = 0.7
_PROSE_SHARE = 0.75


def looks_like_prose(image: Image.Image) -> bool:
    """True for a page of running text without form fields, judged from the detector's text
    boxes on a reduced copy (~0.4 s, a tenth of reading a dense page)."""
    grey = ocr_input(image)
    small = cv2.resize(grey, None, fx=_PROSE_SCALE, fy=_PROSE_SCALE, interpolation=cv2.INTER_AREA)
    result = ocr_engine()(np.ascontiguousarray(small[:, :, ::-1]), use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    if boxes is None or len(boxes) < _PROSE_MIN_LINES:
        return False
    pts = np.asarray(boxes, dtype=float)
    x0, x1 = pts[:, :, 0].min(axis=1), pts[:, :, 0].max(axis=1)
    column = float(np.percentile(x1, 95) - np.percentile(x0, 5))
    return column > 0 and float(np.mean((x1 - x0) >= _PROSE_WIDE * column)) >= _PROSE_SHARE


def _single_lines(bands: list[tuple[int, int, int, int]], page_height: int) -> list[tuple[int, int, int, int]]:
    """The leading bands that are one line tall; none when the first is not."""
    out = []
    for band in bands:
        if band[1] - band[0] > _MAX_TITLE_LINE * page_height:
            break
        out.append(band)
    return out


def _title_by_detector(grey: NDArray[np.uint8], strip: NDArray[np.uint8]) -> str:
    if strip.shape[0] < _DET_MIN_SIDE <= grey.shape[0]:
        # The detector enlarges an image until its short side reaches _DET_MIN_SIDE: a
        # 350-row strip became 3500 × 736 pixels, costing 40 % of a whole page. Blank paper
        # below the strip keeps it at its own scale.
        pad = np.full((_DET_MIN_SIDE - strip.shape[0], *strip.shape[1:]), 255, dtype=strip.dtype)
        strip = np.concatenate([strip, pad])
    return " ".join(box.text for box in read_boxes(strip))


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
            image: Image.Image = Image.open(io.BytesIO(data))
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


def is_instructions_picture(data: bytes) -> bool:
    """Whether a page's picture is the template's 填报说明 page, told by its title alone
    (`ocr_title`, ~0.1 s, where reading the page costs 3–5 s): the page holds no field. A
    picture that is no readable image is not (its reading will say why)."""
    try:
        image = open_image(data)
    except UnreadableFile:
        return False
    return "填报说明" in text_for_matching(ocr_title(image))


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

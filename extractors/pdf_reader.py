"""PDF → DocText: text pages through pypdfium2/pdfplumber, scanned or garbled pages by OCR.

Per page (at most MAX_PAGES):
1. pypdfium2 gives the page text fast (~2 ms/page; pdfplumber takes 60–77); its quality score
   decides the route. No text on a page with images (a scan), or garbage text — `(cid:n)`,
   U+FFFD, private-use or noise characters from a missing or wrong ToUnicode map — sends the
   page to OCR.
2. Pages that hold the form's labels get table reconstruction from pdfium's own characters
   and ruling paths (pdf_layout; pdfplumber's reading of the page is the fallback): fake-bold
   duplicates removed (jsvine/pdfplumber#992), rotated characters (seal text) dropped and
   counted, invisible white rules ignored, pdfplumber's table finder run on the visible rules
   (pdf_tables), merged cells forward-filled, each character given to the innermost cell that
   holds it (nested tables). Text outside tables becomes line rows, split into cells at wide
   gaps so a label and its value stay apart. Only the characters inside table cells go through
   the table code as pdfplumber's char dicts; the rest — all of a page without ruling lines —
   is built into the same line rows on pdfium's character columns (`chars_to_rows`,
   pdf_lines), most of a form's characters at a fraction of the cost.
3. Other text pages become line rows from the pypdfium2 text.
   Every cell carries its page and its box (record.Box): a table cell its ruled rectangle,
   a line or a chunk of one the box of its characters, an OCR box its own.
4. OCR pages are read in order up to MAX_OCR_PAGES, stopping after the page that holds the
   市州科协审核意见 box (the form's last page). The 填报说明 page is skipped by its title
   lines. A scan longer than the cap keeps the cap's last slots for its closing pages (budget,
   opinions, seals) and passes over pages of prose (项目内容), judged from the text boxes'
   shape. What was skipped, and why, is noted.

Encrypted files open with the empty password when only an owner password is set;
a user password or a damaged file raises UnreadableFile.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import numpy as np
from numpy.typing import NDArray
import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.clustering import cluster_objects

from shenbao.extractors import ocr_reader, pdf_layout, pdf_tables
from shenbao.extractors import pdfium_calls as calls
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.pdf_lines import (
    CHUNK_GAP,
    LINE_SPREAD,
    SPACE_GAP,
    WIDE_GAP,
    finish_text,
    line_rows,
    page_fraction,
    pdfium_line_boxes,
    pdfium_text_rows,
)
from shenbao.extractors.seal import SealState, combine_seal_states, detect_seal
from shenbao.extractors.text_cleanup import fix_radicals, is_han, text_for_matching
from shenbao.record import Box, Cell, DocText, Row

MAX_PAGES = 60
MAX_OCR_PAGES = 6
TAIL_OCR_PAGES = 3  # of those, kept for a long scan's last pages (budget, opinions, seals)
OCR_SCALE = 200 / 72  # 200 dpi: enough for 10.5 pt Chinese, ~4 MP per A4 page
SEAL_SCALE = 1.0  # 72 dpi is plenty to see a 4 cm red ring on a vector page
_MAX_RENDER_SIDE = 4000  # pixels; an A3 page at 200 dpi is 3300

# A page whose text mentions one of these is a form page and gets table reconstruction.
FORM_LABELS = ("项目名称", "申报单位", "项目类别", "申请经费", "负责人", "联系人", "联系电话",
               "单位类型", "起止时间", "项目周期", "申报单位意见", "市州科协", "审核意见")
# Pages worth checking for a seal (plus every page that carries an image).
_SEAL_WORDS = ("盖章", "意见", "公章")
# Fewer non-space characters than this means "no text layer" when the page has images.
_MIN_CHARS = 10
_MAX_BAD_SHARE = 0.3
# Layout work grows fast with the character count (pdfminer/pdfminer.six#1159); a form page has a few thousand
# characters, a page beyond this is read from pypdfium2's text alone.
_MAX_TABLE_PAGE_CHARS = 20_000

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- text quality

@dataclass(frozen=True)
class TextQuality:
    """How much of a page's text is readable. `chars` counts non-space characters, with each
    `(cid:n)` counted as one; `bad` counts the unreadable ones among them."""

    chars: int
    bad: int

    @property
    def bad_share(self) -> float:
        return self.bad / self.chars if self.chars else 0.0

    @property
    def is_garbage(self) -> bool:
        return self.chars > 0 and self.bad_share > _MAX_BAD_SHARE


# Characters a Chinese form legitimately contains: Han, ASCII, CJK and full-width
# punctuation, general punctuation, box and check glyphs, radicals (fixed later).
_READABLE = (
    (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF),  # Han (text_cleanup.is_han)
    (0x20, 0x7E),  # ASCII
    (0x2000, 0x206F),  # general punctuation: “ ” — …
    (0x2100, 0x27BF),  # letterlike, arrows, maths, box drawing, shapes, dingbats (☑ □ √)
    (0x2E80, 0x2FDF),  # Kangxi / CJK radicals some PDFs use for ideographs (⽇期)
    (0x3000, 0x303F),  # CJK punctuation
    (0xFF00, 0xFFEF),  # full-width forms
    *((o, o) for o in (0xA0, 0xB7, 0xD7, 0xF7, 0xB0, 0xB1)),
)
# Any other character but a space (re's \s is str.isspace), found by one scan of the text:
# U+FFFD, PUA (E000–F8FF), C0/C1 controls, stray Latin-1/Cyrillic noise.
_UNREADABLE = re.compile("[^\\s" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _READABLE) + "]")
_SPACE = re.compile(r"\s")


def score_text_quality(text: str) -> TextQuality:
    """Score extracted text (a missing ToUnicode map gives garbage: pdfminer/pdfminer.six#771).
    Works on pdfminer output, where an unmapped glyph is `(cid:123)`, and on pypdfium2 output,
    where it is U+FFFD, a control or private-use char."""
    cid = text.count("(cid:")
    if cid:
        text = re.sub(r"\(cid:\d+\)", "", text)
    chars = len(text) - len(_SPACE.findall(text))
    return TextQuality(chars=chars + cid, bad=len(_UNREADABLE.findall(text)) + cid)


# --------------------------------------------------------------------------- opening

def _check_complete(data: bytes) -> None:
    """A PDF cut short in transit has lost its trailer: refuse it rather than read part of it."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadableFile("PDF文件已损坏或不完整")
    if b"%%EOF" not in data[-4096:]:
        raise UnreadableFile("PDF文件已损坏或不完整")


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open with pypdfium2; an owner-password-only file opens with the empty password.

    Raises UnreadableFile for a user password or a damaged or truncated file."""
    _check_complete(data)
    try:
        return pdfium.PdfDocument(data, password="")
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableFile("PDF文件已加密（需要密码）") from None
        raise UnreadableFile("PDF文件已损坏或不完整") from None


# --------------------------------------------------------------------------- pdfplumber rows

def _is_white(colour: Any) -> bool:
    if not isinstance(colour, (tuple, list)) or not colour:
        return False
    try:
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return False  # pattern colour spaces carry names
    if len(values) == 4:  # CMYK: no ink is white
        return all(v <= 0.05 for v in values)
    return all(v >= 0.95 for v in values)


def _keep_object(obj: dict[str, Any]) -> bool:
    """Drop rotated (seal) characters and invisible (white) rules that would make false cells."""
    kind = obj.get("object_type")
    if kind == "char":
        return _is_level(obj)
    if kind in ("line", "curve"):
        return not _is_white(obj.get("stroking_color"))
    if kind == "rect":
        filled_visible = obj.get("fill") and not _is_white(obj.get("non_stroking_color"))
        stroked_visible = obj.get("stroke") and not _is_white(obj.get("stroking_color"))
        return bool(filled_visible or stroked_visible)
    return True


def _is_level(char: dict[str, Any]) -> bool:
    matrix = char.get("matrix")
    if not matrix:
        return bool(char.get("upright", True))
    return pdf_layout.is_level(float(matrix[0]), float(matrix[1]))


def _chars_to_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Cluster characters into visual lines by their vertical centre, each sorted left to right."""
    lines: list[list[dict[str, Any]]] = []
    centres: list[float] = []
    for ch in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        centre = (ch["top"] + ch["bottom"]) / 2
        size = max(ch["bottom"] - ch["top"], 1.0)
        if lines and abs(centre - centres[-1]) <= LINE_SPREAD * size:
            lines[-1].append(ch)
        else:
            lines.append([ch])
            centres.append(centre)
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_chunks(line: list[dict[str, Any]], gap_factor: float | None) -> list[tuple[str, float, float]]:
    """Join a line's characters; a gap of `gap_factor` × the font size or more starts a new
    chunk (None: never). A gap of `WIDE_GAP` sizes becomes two spaces, which clean_text keeps
    as one ("姓名：陶超　　职务：秘书长"); a smaller gap one space, removed between Han.
    Returns (text, x0, x1) per chunk."""
    chunks: list[tuple[str, float, float]] = []
    parts: list[str] = []
    start = end = 0.0
    prev: dict[str, Any] | None = None
    for ch in line:
        if ch["text"].isspace():  # spacing comes from the gaps, whatever made them
            continue
        size = max(ch["bottom"] - ch["top"], 1.0)
        if prev is None:
            start = ch["x0"]
        else:
            gap = ch["x0"] - prev["x1"]
            if gap_factor is not None and gap >= gap_factor * size:
                chunks.append(("".join(parts), start, end))
                parts, start = [], ch["x0"]
            elif gap >= WIDE_GAP * size:
                parts.append("  ")  # two ideographic spaces or more: a boundary between pairs
            elif gap > SPACE_GAP * size:
                parts.append(" ")
        parts.append(ch["text"])
        end = ch["x1"]
        prev = ch
    if parts:
        chunks.append(("".join(parts), start, end))
    return chunks


def _first_word_width(line: list[dict[str, Any]]) -> float:
    """Width of the line's first unbreakable run: a run of ASCII characters (a number, an
    e-mail address) or a single Han character."""
    first = line[0]
    end = first["x1"]
    if first["text"].isascii():
        for ch in line[1:]:
            size = max(ch["bottom"] - ch["top"], 1.0)
            if not ch["text"].isascii() or ch["text"].isspace() or ch["x0"] - end > 0.25 * size:
                break
            end = ch["x1"]
    return end - first["x0"]


def _cell_text(chars: list[dict[str, Any]], right_edge: float) -> str:
    """Text of one table cell. A line break made by the layout is removed: the next line's
    first word would not have fitted after the line's end ("0731-" + "89484935",
    "…韶山北路" + "352号"); a break the writer typed (a short line) is kept as a newline."""
    lines = _chars_to_lines(chars)
    if _written_top_to_bottom(lines):
        # 竖排: a group label set in columns read right to left, each top to bottom (申报 | 单位
        # printed as 单申 / 位报 line by line).
        columns: dict[float, list[dict[str, Any]]] = {}
        for ch in (c for line in lines for c in line):
            key = next((x for x in columns if abs(x - ch["x0"]) <= 0.5 * (ch["x1"] - ch["x0"])), ch["x0"])
            columns.setdefault(key, []).append(ch)
        return finish_text("".join(c["text"] for x in sorted(columns, reverse=True)
                                   for c in sorted(columns[x], key=lambda c: c["top"])))
    out = ""
    for n, line in enumerate(lines):
        out += "".join(chunk[0] for chunk in _line_chunks(line, None))
        if n + 1 == len(lines):
            break
        size = max(line[-1]["bottom"] - line[-1]["top"], 1.0)
        room = right_edge - line[-1]["x1"]
        wrapped = room < max(1.6 * size, _first_word_width(lines[n + 1]) + 0.5 * size + 3.0)
        out += "" if wrapped else "\n"
    return finish_text(out)


def _written_top_to_bottom(lines: list[list[dict[str, Any]]]) -> bool:
    """Whether a cell's characters stand in columns rather than lines: at least two lines of at
    most two characters each, two of the lines in a row holding two, and the characters of a
    column closer together (one under the next) than those of a line."""
    if len(lines) < 2 or any(len(line) > 2 for line in lines) or sum(len(line) == 2 for line in lines) < 2:
        return False
    across = min(line[1]["x0"] - line[0]["x0"] for line in lines if len(line) == 2)
    down = min(b[0]["top"] - a[0]["top"] for a, b in zip(lines, lines[1:]))
    return 0 < down < across


@dataclass(frozen=True)
class _Unit:
    """A row waiting to be put in reading order."""

    top: float
    x0: float
    row: Row


def _char_places(chars: list[dict[str, Any]]) -> Any:
    """Each character's x0, x1, top and bottom, one row per character (an n × 4 array)."""
    return np.asarray([(c["x0"], c["x1"], c["top"], c["bottom"]) for c in chars], dtype=float).reshape(-1, 4)


def _assign_chars(places: Any, cells: list[tuple[float, float, float, float]]) -> list[int]:
    """Index of the innermost (smallest) cell holding each character's centre (`places`, from
    _char_places); -1 for none."""
    if not len(places) or not cells:
        return [-1] * len(places)
    boxes = np.asarray(cells, dtype=float)
    cx = ((places[:, 0] + places[:, 1]) / 2)[:, None]
    cy = ((places[:, 2] + places[:, 3]) / 2)[:, None]
    inside = (cx >= boxes[:, 0]) & (cx <= boxes[:, 2]) & (cy >= boxes[:, 1]) & (cy <= boxes[:, 3])
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    weighted = np.where(inside, area[None, :], np.inf)
    best = np.argmin(weighted, axis=1)
    held = inside[np.arange(len(places)), best]
    return np.where(held, best, -1).tolist()  # type: ignore[no-any-return]


def _table_rows(table_no: int, cells: list[tuple[float, float, float, float]], texts: list[str],
                page_no: int, bbox: tuple[float, float, float, float]) -> list[_Unit]:
    """Rows of one table on a grid of distinct cell tops × distinct cell lefts.

    A position covered by a cell from an earlier row (a row span) repeats that cell's text and
    place, so every row reads label → value; a position covered by a cell of the same row
    (a column span) is that same cell and is not repeated. A cell's box is its ruled
    rectangle (what a clerk looks at to check it, even when it is empty)."""
    tops = sorted({round(c[1], 1) for c in cells})
    lefts = sorted({round(c[0], 1) for c in cells})
    origin: dict[tuple[float, float], int] = {(round(c[0], 1), round(c[1], 1)): i for i, c in enumerate(cells)}
    wheres: dict[int, str] = {}
    units: list[_Unit] = []
    for r, top in enumerate(tops, start=1):
        row_cells: list[Cell] = []
        seen: set[int] = set()
        for col, left in enumerate(lefts, start=1):
            idx = origin.get((left, top))
            if idx is None:
                idx = next((i for i, c in enumerate(cells)
                            if c[0] - 0.5 <= left < c[2] - 0.5 and c[1] - 0.5 <= top < c[3] - 0.5), None)
                if idx is None or idx in seen or cells[idx][1] >= top - 0.5:
                    continue  # no cell here, or a column span of a cell already in this row
            else:
                wheres[idx] = f"第{page_no}页 表{table_no} 第{r}行第{col}列"
            if idx in seen:
                continue
            seen.add(idx)
            where = wheres.get(idx, f"第{page_no}页 表{table_no} 第{r}行第{col}列")
            row_cells.append(Cell(text=texts[idx], where=where, page=page_no, box=page_fraction(*cells[idx], bbox)))
        if any(c.text for c in row_cells):
            units.append(_Unit(top=top, x0=lefts[0], row=Row(cells=tuple(row_cells), source="table")))
    return units


def _within_any(places: Any, boxes: list[tuple[float, float, float, float]]) -> list[bool]:
    """Whether each character (`places`, from _char_places) lies wholly inside one of `boxes`."""
    if not len(places) or not boxes:
        return [False] * len(places)
    b = np.asarray(boxes, dtype=float)
    within = ((places[:, 0:1] >= b[:, 0]) & (places[:, 1:2] <= b[:, 2])
              & (places[:, 2:3] >= b[:, 1]) & (places[:, 3:4] <= b[:, 3]))
    return within.any(axis=1).tolist()  # type: ignore[no-any-return]


def _dedupe_chars(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's `page.dedupe_chars()` (tolerance 1, same upright, text, font and size), with
    the same result, minus its cost: pdfplumber puts the kept characters back in page order with
    `list.index`, quadratic in the page's characters. Here the order comes from a position
    table, and a list without duplicates is returned as it is — the common case."""
    group_key = itemgetter("upright", "text", "fontname", "size")
    if not _has_duplicates(chars, group_key):
        return chars
    pos_key = itemgetter("doctop", "x0")
    unique: list[dict[str, Any]] = []
    for _, group in itertools.groupby(sorted(chars, key=group_key), key=group_key):
        for y_cluster in cluster_objects(list(group), itemgetter("doctop"), 1):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), 1):
                unique.append(sorted(x_cluster, key=pos_key)[0])
    if len(unique) == len(chars):
        return chars
    # Among equal characters the first in page order is the one kept (stable sorts), so its own
    # position is the position `list.index` would have found.
    position = {id(c): i for i, c in enumerate(chars)}
    unique.sort(key=lambda c: position[id(c)])
    return unique


def _has_duplicates(chars: list[dict[str, Any]], group_key: Any) -> bool:
    """Whether the dedupe below would drop anything: two equal characters in one chain of
    tops 1 apart whose x0 are 1 apart (an x cluster of two or more always holds such a
    neighbouring pair). The same clustering, without building clusters for every character."""
    groups: dict[Any, list[tuple[float, float]]] = {}
    for ch in chars:
        groups.setdefault(group_key(ch), []).append((ch["doctop"], ch["x0"]))
    for points in groups.values():
        if len(points) < 2:
            continue
        points.sort()
        run = [points[0][1]]
        for (prev_top, _), (top, x0) in zip(points, points[1:]):
            if top <= prev_top + 1:
                run.append(x0)
                continue
            if len(run) > 1 and _close_pair(run):
                return True
            run = [x0]
        if len(run) > 1 and _close_pair(run):
            return True
    return False


def _close_pair(xs: list[float]) -> bool:
    xs.sort()
    return any(b - a <= 1 for a, b in zip(xs, xs[1:]))


def find_table_cells(edges: list[dict[str, Any]], bbox: tuple[float, float, float, float]
                     ) -> list[list[tuple[float, float, float, float]]]:
    """pdfplumber's table finder (default settings: ruling lines both ways) on these edges:
    the cells of each table, tables in reading order (pdf_tables). `bbox` is the page's."""
    return pdf_tables.find_table_cells(edges)


def plumber_page_rows(page: Any, page_no: int) -> tuple[list[Row], int, str] | None:
    """layout_rows on what pdfplumber read of a page: the fallback when pdfium's layout fails."""
    visible = page.filter(_keep_object)
    return layout_rows(_spelled_out(list(page.chars)), visible.edges, tuple(page.bbox), page_no)


def _spelled_out(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfminer gives a ligature glyph as one character whose text is its letters ("ff"), or,
    when the font maps it to a ligature code point (U+FB00–FB06), that code point: its letters
    instead, as pdfium gives them."""
    if not any(ch["text"].translate(pdf_layout.LIGATURES) != ch["text"] for ch in chars):
        return chars
    return [{**ch, "text": ch["text"].translate(pdf_layout.LIGATURES)} for ch in chars]


def layout_rows(chars: list[dict[str, Any]], edges: list[dict[str, Any]],
                bbox: tuple[float, float, float, float], page_no: int) -> tuple[list[Row], int, str] | None:
    """Rows of one page from its characters and visible ruling edges (pdfplumber's shapes),
    the number of rotated characters dropped, and the page's kept text (for the quality
    check); None when most of the page is rotated text."""
    chars = _dedupe_chars(chars)  # fake bold by overprinting (jsvine/pdfplumber#992)
    level = [_is_level(c) for c in chars]
    rotated = level.count(False)
    if rotated * 2 > len(chars):
        # Most of the page is turned (a landscape page drawn rotated): that is the content,
        # not a seal, and pypdfium2's text follows rotated lines where this layout does not.
        return None
    if rotated:
        chars = list(itertools.compress(chars, level))
    tables = find_table_cells(edges, bbox)
    table_boxes = [(min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
                   for t in tables]
    cells = [cell for table in tables for cell in table]
    owner = [t_index for t_index, table in enumerate(tables) for _ in table]
    places = _char_places(chars)
    assigned = _assign_chars(places, cells)
    per_cell: list[list[dict[str, Any]]] = [[] for _ in cells]
    loose: list[dict[str, Any]] = []
    for ch, idx, in_table in zip(chars, assigned, _within_any(places, table_boxes)):
        if idx >= 0:
            per_cell[idx].append(ch)
        elif not in_table:  # a table's gaps hold no line text
            loose.append(ch)
    texts = [_cell_text(per_cell[i], cells[i][2]) for i in range(len(cells))]
    units: list[_Unit] = []
    for t_index in range(len(tables)):
        ids = [i for i, o in enumerate(owner) if o == t_index]
        units.extend(_table_rows(t_index + 1, [cells[i] for i in ids], [texts[i] for i in ids], page_no, bbox))
    for line_no, line in enumerate(_chars_to_lines(loose), start=1):
        chunks = [(finish_text(t), x0, x1) for t, x0, x1 in _line_chunks(line, CHUNK_GAP)]
        chunks = [chunk for chunk in chunks if chunk[0]]
        if not chunks:
            continue
        where = f"第{page_no}页 第{line_no}行"
        top, bottom = min(c["top"] for c in line), max(c["bottom"] for c in line)
        row_cells = tuple(Cell(text=t, where=where if len(chunks) == 1 else f"{where}第{k}段", page=page_no,
                               box=page_fraction(x0, top, x1, bottom, bbox))
                          for k, (t, x0, x1) in enumerate(chunks, start=1))
        units.append(_Unit(top=top, x0=chunks[0][1], row=Row(cells=row_cells, source="line")))
    units.sort(key=lambda u: (u.top, u.x0))
    kept_text = "".join(c["text"] for c in chars)
    return [u.row for u in units], rotated, kept_text


def chars_to_rows(chars: pdf_layout.PageChars, edges: list[dict[str, Any]], bbox: tuple[float, float, float, float],
                  page_no: int) -> tuple[list[Row], int, str] | None:
    """`layout_rows` of these characters (the same rows, rotated count and kept text), at a
    fraction of its cost: only the characters inside table cells become dicts for the cell
    code, the rest (all of a page without ruling lines) become line rows built on the columns
    (pdf_lines). A page with overprinted duplicates, or with coordinates that are not
    numbers, goes through layout_rows itself."""
    if not _finite(chars) or _has_duplicates_in_columns(chars):
        return layout_rows(chars.as_dicts(), edges, bbox, page_no)
    rotated = len(chars) - int(np.count_nonzero(chars.level))
    if rotated * 2 > len(chars):
        return None  # as layout_rows: a page drawn turned is read from pypdfium2's text
    kept = np.flatnonzero(chars.level)
    # Fewer than five rules cannot make two cells (a table of one cell is no table).
    tables = find_table_cells(edges, bbox) if len(edges) >= 5 else []
    units: list[_Unit] = []
    loose = kept
    if tables:
        table_boxes = [(min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
                       for t in tables]
        cells = [cell for table in tables for cell in table]
        owner = [t_index for t_index, table in enumerate(tables) for _ in table]
        places = np.column_stack((chars.x0, chars.x1, chars.top, chars.bottom))[kept]
        # a cell lies in its table's box: a character whose centre is outside every table
        # box is in no cell, and only the others are looked for in the cells
        cx, cy = (places[:, 0] + places[:, 1]) / 2, (places[:, 2] + places[:, 3]) / 2
        near = np.zeros(len(kept), dtype=bool)
        for x0, top, x1, bottom in table_boxes:
            near |= (cx >= x0) & (cx <= x1) & (cy >= top) & (cy <= bottom)
        assigned = np.full(len(kept), -1, dtype=np.intp)
        assigned[near] = _assign_chars(places[near], cells)
        in_table = np.asarray(_within_any(places, table_boxes), dtype=bool)
        held = np.flatnonzero(assigned >= 0)
        per_cell: list[list[dict[str, Any]]] = [[] for _ in cells]
        for idx, ch in zip(assigned[held].tolist(), chars.as_dicts(kept[held].tolist())):
            per_cell[idx].append(ch)
        loose = kept[(assigned < 0) & ~in_table]  # a table's gaps hold no line text
        texts = [_cell_text(per_cell[i], cells[i][2]) for i in range(len(cells))]
        for t_index in range(len(tables)):
            ids = [i for i, o in enumerate(owner) if o == t_index]
            units.extend(_table_rows(t_index + 1, [cells[i] for i in ids], [texts[i] for i in ids], page_no, bbox))
    for x, band_top, band_bottom in _column_rules(chars, loose, edges, table_boxes if tables else []):
        # Newspaper columns (分栏) with a rule between: the left column is read before the right
        # one; their rows keep their own boxes and are ordered within the rule's band.
        centre = (chars.top[loose] + chars.bottom[loose]) / 2
        inside = (centre >= band_top) & (centre <= band_bottom)
        band, loose = loose[inside], loose[~inside]
        left = (chars.x0[band] + chars.x1[band]) / 2 < x
        half = (band_bottom - band_top) / 2
        for side, picked, name in ((0, band[left], "左栏"), (1, band[~left], "右栏")):
            for top, x0, row in line_rows(chars, picked, page_no, bbox):
                units.append(_Unit(top=band_top + side * half + (top - band_top) / 2, x0=x0,
                                   row=_in_column(row, page_no, name)))
    units.extend(_Unit(top=top, x0=x0, row=row) for top, x0, row in line_rows(chars, loose, page_no, bbox))
    units.sort(key=lambda u: (u.top, u.x0))
    kept_text = "".join(chars.text) if not rotated else "".join(chars.text[i] for i in kept.tolist())
    return [u.row for u in units], rotated, kept_text


# A line of a newspaper column that opens with its label: a few characters and a colon.
_LABEL_LINE_RE = re.compile(r"^\S{1,10}[：:]")


def _column_rules(chars: pdf_layout.PageChars, loose: NDArray[np.intp], edges: list[dict[str, Any]],
                  table_boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of each vertical rule outside the tables that parts two columns of
    "label：value" lines: no character crosses it, and at least two lines on each side within its
    height open with a label and its colon. A rule between a table's labels and values that the
    table finder missed has labels on one side only, and is left alone."""
    if len(loose) < 4:
        return []
    size = float(np.median(chars.size[loose]))
    rules = [e for e in edges if e.get("orientation") == "v" and e["bottom"] - e["top"] >= 4 * size
             and not any(bx0 - 1 <= e["x0"] <= bx1 + 1 and bt - 1 <= e["top"] and e["bottom"] <= bb + 1
                         for bx0, bt, bx1, bb in table_boxes)]
    if not rules:
        return []  # the usual page: every tall rule belongs to a table
    centre = (chars.top[loose] + chars.bottom[loose]) / 2
    mid = (chars.x0[loose] + chars.x1[loose]) / 2
    colon = np.fromiter((chars.text[i] in "：:" for i in loose.tolist()), dtype=bool, count=len(loose))
    if int(colon.sum()) < 4:
        return []  # two label lines a side need four colons at least
    found: list[tuple[float, float, float]] = []
    for e in rules:
        x, top, bottom = float(e["x0"]), float(e["top"]), float(e["bottom"])
        if any(found_x - 2 <= x <= found_x + 2 and top < b and bottom > t for found_x, t, b in found):
            continue
        band = (centre >= top) & (centre <= bottom)
        if (band & (chars.x0[loose] < x - 0.5) & (chars.x1[loose] > x + 0.5)).any():
            continue
        if int((band & colon & (mid < x)).sum()) < 2 or int((band & colon & (mid > x)).sum()) < 2:
            continue  # cheap first: the lines of each side need their colons
        sides = [loose[band & (mid < x)], loose[band & (mid > x)]]
        if all(_label_lines(chars, side) >= 2 for side in sides):
            found.append((x, top, bottom))
    return found


def _label_lines(chars: pdf_layout.PageChars, picked: NDArray[np.intp]) -> int:
    """How many lines of the characters at `picked` open with a label and its colon."""
    if not len(picked):
        return 0
    return sum(1 for _, _, row in line_rows(chars, picked, 0, (0.0, 0.0, 1.0, 1.0))
               if _LABEL_LINE_RE.match(row.cells[0].text.strip()))


def _in_column(row: Row, page_no: int, name: str) -> Row:
    """`row` with its cells' places naming the column (第2页 左栏第3行)."""
    prefix = f"第{page_no}页 "
    return row.model_copy(update={"cells": tuple(
        c.model_copy(update={"where": c.where.replace(prefix, prefix + name, 1)}) for c in row.cells)})


def _finite(chars: pdf_layout.PageChars) -> bool:
    return all(bool(np.isfinite(a).all()) for a in (chars.x0, chars.x1, chars.top, chars.bottom, chars.size))


def _has_duplicates_in_columns(chars: pdf_layout.PageChars) -> bool:
    """_has_duplicates on the columns: equal characters (text, size, upright) in one chain of
    tops 1 apart whose x0 are 1 apart."""
    n = len(chars)
    if n < 2:
        return False
    joined = "".join(chars.text)
    if len(joined) == n:  # one letter each (the usual case): the code points are the ids
        text_id = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    else:
        ids: dict[str, int] = {}
        text_id = np.fromiter((ids.setdefault(t, len(ids)) for t in chars.text), dtype=np.int64, count=n)
    order = np.lexsort((chars.x0, chars.top, chars.size, text_id, chars.upright))
    upright, text, size = chars.upright[order], text_id[order], chars.size[order]
    top, x0 = chars.top[order], chars.x0[order]
    chained = ((upright[1:] == upright[:-1]) & (text[1:] == text[:-1]) & (size[1:] == size[:-1])
               & (top[1:] <= top[:-1] + 1))
    run = np.concatenate(([0], np.cumsum(~chained)))
    by_x = np.lexsort((x0, run))
    xs, runs = x0[by_x], run[by_x]
    return bool(((runs[1:] == runs[:-1]) & (xs[1:] - xs[:-1] <= 1)).any())


def _page_has_image(page: pdfium.PdfPage) -> bool:
    """Whether the page, or a form XObject on it (two levels down), draws an image: what
    pypdfium2's `get_objects(filter=[IMAGE], max_depth=3)` finds first, without building a
    Python object per page object."""
    return _holds_image(calls.address(page.raw), calls.count_objects, calls.page_object, 0)


def _holds_image(parent: int, count_objects: Any, get_object: Any, level: int) -> bool:
    """In object order: True at the first image (or form holding one), PdfiumError at a
    missing object before that (a broken page, as pypdfium2 says)."""
    count = count_objects(parent)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    objects = list(map(get_object, itertools.repeat(parent, count), range(count)))
    broken = objects.index(None) if None in objects else count
    kinds = list(map(calls.object_type, objects[:broken]))
    if pdfium_c.FPDF_PAGEOBJ_FORM in kinds and level < 2:
        for obj, kind in zip(objects, kinds):
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                return True
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and _holds_image(
                    obj, calls.form_count_objects, calls.form_object, level + 1):
                return True
    elif pdfium_c.FPDF_PAGEOBJ_IMAGE in kinds:
        return True
    if broken < count:
        raise pdfium.PdfiumError("Failed to get pageobject.")
    return False


def _render(page: pdfium.PdfPage, scale: float) -> Any:
    width, height = page.get_size()
    scale = min(scale, _MAX_RENDER_SIDE / max(width, height, 1.0))
    return page.render(scale=scale).to_pil().convert("RGB")


def _is_form_page(text: str) -> bool:
    """Whether `text_for_matching(text)` holds a form label. The labels are words of Han
    characters, and text_for_matching removes every space next to a Han character, so a label
    is in it exactly when it is in the text with radicals fixed, NFKC applied and every space
    (and the zero-width space clean_text pads with) removed; and those two steps make no Han
    character out of one outside `_MAY_BECOME_HAN`, so without one the text is looked at as it
    is. A page of prose costs a few split and find calls instead of the clean-up's expressions."""
    if _MAY_BECOME_HAN.search(text):
        text = unicodedata.normalize("NFKC", fix_radicals(text))
    flat = "".join(text.split()).replace("\u200b", "")
    return any(label in flat for label in FORM_LABELS)


# Characters that fix_radicals or NFKC turn into (or into something holding) a Han character:
# radicals, Hangzhou and Kanbun numerals, enclosed and squared ideographs, compatibility
# ideographs (tests/extractors/test_pdf_lines.py checks every code point).
_MAY_BECOME_HAN = re.compile("[\u2e80-\u2fdf\u3038-\u303a\u3190-\u319f\u3200-\u33ff\uf900-\ufaff"
                             "\U0001f200-\U0001f2ff\U0002f800-\U0002fa1f]")


def _is_last_form_page(text: str) -> bool:
    """The page holding the 市州科协审核意见 box, the form's last part. The 填报说明 page also
    mentions "市州科协审核", so the box's own wording is required."""
    flat = text_for_matching(text)
    return ("审核意见" in flat and "盖章" in flat) or "市州科协(盖章)" in flat


def _is_form_start(text: str) -> bool:
    """A page holding the form's basic part: its project or its leader is asked for there."""
    flat = text_for_matching(text)
    return "项目名称" in flat or "项目负责人" in flat or "基本信息" in flat


def _page_text_is_start(rows: list[Row]) -> bool:
    return _is_form_start("\n".join(c.text for r in rows for c in r.cells))


def _is_instructions_page(title: str) -> bool:
    return "填报说明" in text_for_matching(title)


def _page_span(pages: Iterable[int]) -> str:
    """"第3、5–7页" for 1-based page numbers."""
    nums = sorted(pages)
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return f"第{'、'.join(parts)}页"


# --------------------------------------------------------------------------- the reader

def pdf_to_doctext(data: bytes, name: str, sha256: str, *, ocr: bool = True, pictures: bool = False) -> DocText:
    """Read a PDF into rows. kind is "scan" when OCR read at least half of the pages that gave
    rows, else "pdf". `ocr=False` leaves scanned and garbled pages out (noted). `pictures`:
    a page with text that also draws a picture is read by OCR as a whole, picture and text (a
    form whose basic part is a pasted screenshot, extractors.pasted_pictures).

    Raises UnreadableFile("PDF文件已加密（需要密码）") for a user password and
    UnreadableFile("PDF文件已损坏或不完整") for a damaged or truncated file."""
    doc = open_pdf(data)
    try:
        return _read(doc, data, name, sha256, ocr, pictures)
    finally:
        doc.close()


@dataclass
class _Reading:
    """What has been read so far from one document (pages are 0-based)."""

    rows: dict[int, list[Row]] = field(default_factory=dict)
    seals: list[SealState] = field(default_factory=list)
    to_ocr: list[int] = field(default_factory=list)  # no text layer
    garbled: list[int] = field(default_factory=list)  # garbage text
    rotated: list[int] = field(default_factory=list)  # 1-based pages with seal-like text
    pictured: list[int] = field(default_factory=list)  # read from text, but drawing a picture too
    notes: list[str] = field(default_factory=list)


def _read(doc: pdfium.PdfDocument, data: bytes, name: str, sha256: str, ocr: bool, pictures: bool = False) -> DocText:
    total = len(doc)
    if total == 0:
        raise UnreadableFile("PDF文件已损坏或不完整")
    count = min(total, MAX_PAGES)
    reading = _Reading()
    if total > count:
        reading.notes.append(f"PDF共{total}页，只读取了前{count}页")
    plumber = _LazyPlumber(data, reading.notes)  # opened only when a page needs it
    broken: list[int] = []
    try:
        for i in range(count):
            try:
                page = doc[i]
                _read_text_page(page, i, plumber, name, reading)
                page.close()
            except pdfium.PdfiumError:
                # A page tree with cycles or dangling references: pdfium refuses that page only.
                broken.append(i)
    finally:
        plumber.close()
    if len(broken) == count:
        raise UnreadableFile("PDF文件已损坏或不完整")
    if broken:
        reading.notes.append(f"{_page_span(p + 1 for p in broken)}已损坏，无法读取")
    if reading.garbled:
        reading.notes.append(f"{_page_span(p + 1 for p in reading.garbled)}文字质量差（乱码），改用OCR识别")
    if reading.rotated:
        reading.notes.append(
            f"{_page_span(reading.rotated)}有旋转文字（可能是印章文字），未作为表单内容读取")
    ocr_pages = sorted(reading.to_ocr + reading.garbled + (reading.pictured if pictures else []))
    ocr_done = 0
    if ocr_pages and not ocr:
        reading.notes.append(f"{_page_span(p + 1 for p in ocr_pages)}没有可读文字，未做OCR")
    elif ocr_pages:
        ocr_done = _ocr_pages(doc, ocr_pages, reading.rows, reading.seals, reading.notes)
    rows = tuple(row for i in sorted(reading.rows) for row in reading.rows[i])
    kind = "scan" if ocr_done and ocr_done * 2 >= len(reading.rows) else "pdf"
    return DocText(file=name, sha256=sha256, kind=kind, rows=rows, pages=total, ocr=ocr_done > 0,
                   seal=combine_seal_states(reading.seals), notes=tuple(reading.notes))


def _read_text_page(page: pdfium.PdfPage, i: int, plumber: _LazyPlumber, name: str, reading: _Reading) -> None:
    """Read page `i` from its text layer, or record that it needs OCR."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        quality = score_text_quality(text)
        if not quality.is_garbage and quality.chars >= _MIN_CHARS and not any(is_han(ch) for ch in text):
            # pypdfium2 turns unmapped glyph ids into plausible ASCII; pdfminer says (cid:n).
            # A Chinese form page without one Han character deserves the second opinion.
            quality = plumber.quality(i, quality)
        has_image = _page_has_image(page)
        if quality.is_garbage:
            reading.garbled.append(i)
            return
        if quality.chars < _MIN_CHARS and has_image:
            reading.to_ocr.append(i)
            return
        rows: list[Row] | None = None
        if len(text) <= _MAX_TABLE_PAGE_CHARS and _is_form_page(text):
            table_read = _table_page_rows(page, textpage, i, plumber, name, reading.notes)
            if table_read is not None:
                rows, rotated, kept = table_read
                if score_text_quality(kept).is_garbage:
                    reading.garbled.append(i)
                    return
                if rotated:
                    reading.rotated.append(i + 1)
        if rows is None:
            rows = pdfium_text_rows(text, i + 1, pdfium_line_boxes(page, textpage, text))
    finally:
        textpage.close()
    reading.rows[i] = rows
    if has_image:
        reading.pictured.append(i)
    if has_image or any(w in text for w in _SEAL_WORDS):
        if not has_image and not pdf_layout.may_show_red(page):
            reading.seals.append("absent")  # what detect_seal says of a vector page with no red
        else:
            reading.seals.append(detect_seal(_render(page, SEAL_SCALE), colour_known=not has_image))


def _table_page_rows(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, i: int, plumber: _LazyPlumber,
                     name: str, notes: list[str]) -> tuple[list[Row], int, str] | None:
    """Table rows of a form page from pdfium's characters and rules; pdfplumber's reading of
    the page when pdfium's fails. None: read the page as text lines."""
    try:
        columns = pdf_layout.page_columns(page, textpage)
        gutter = pdf_layout.two_up_gutter(columns.chars, columns.edges, columns.bbox)
        if gutter is not None:
            # Two pages printed side by side on one sheet (缩印, 每版打印2页): each half is a
            # page of its own, the left one read first.
            halves = [chars_to_rows(*pdf_layout.half_of(columns, gutter, left), i + 1) for left in (True, False)]
            if all(h is not None for h in halves):
                notes.append(f"第{i + 1}页是两页缩印在一张纸上，已按左右两页分别读取")
                return ([row for h in halves if h is not None for row in h[0]],
                        sum(h[1] for h in halves if h is not None), "".join(h[2] for h in halves if h is not None))
        return chars_to_rows(columns.chars, columns.edges, columns.bbox, i + 1)
    except pdf_layout.LayoutTooComplex:
        notes.append(f"第{i + 1}页图形过于复杂，未识别表格，已按文字行读取")
        return None
    except Exception as exc:  # noqa: BLE001 - any failure here still leaves pdfplumber and the text
        log.warning("pdfium layout failed on page %d of %s: %r", i + 1, name, exc)
    page_obj = plumber.page(i)
    if page_obj is None:
        return None
    try:
        return plumber_page_rows(page_obj, i + 1)
    except Exception as exc:  # pdfminer fails in many ways on odd files; pypdfium2 still has the text
        log.warning("pdfplumber failed on page %d of %s: %r", i + 1, name, exc)
        notes.append(f"第{i + 1}页表格解析失败，已按文字行读取")
        return None


class _LazyPlumber:
    """pdfplumber, opened on first use: most files never need it (pdfium reads text and
    tables), and opening it parses the whole cross-reference table in Python."""

    def __init__(self, data: bytes, notes: list[str]) -> None:
        self._data = data
        self._notes = notes
        self._pdf: Any = None
        self._tried = False

    def _open(self) -> Any:
        if not self._tried:
            self._tried = True
            self._pdf = _open_plumber(self._data, self._notes)
        return self._pdf

    def page(self, index: int) -> Any:
        pdf = self._open()
        if pdf is None:
            return None
        try:
            return pdf.pages[index]
        except Exception as exc:  # noqa: BLE001 - pdfminer's page tree walk fails on odd files
            log.warning("pdfplumber could not open page %d: %r", index + 1, exc)
            return None

    def quality(self, index: int, fallback: TextQuality) -> TextQuality:
        page = self.page(index)
        if page is None:
            return fallback
        try:
            return score_text_quality("".join(c["text"] for c in page.chars))
        except Exception:  # noqa: BLE001 - pdfminer failures: keep pypdfium2's verdict
            return fallback

    def close(self) -> None:
        _close_plumber(self._pdf)


def _close_plumber(plumber: Any) -> None:
    """pdfplumber's close() walks the page tree again (to flush page caches): on a hostile
    tree (a /Length that refers to itself, cycles) that walk raises, and must not cost the
    pages already read."""
    if plumber is None:
        return
    try:
        plumber.close()
    except Exception as exc:  # noqa: BLE001 - pdfminer's exceptions have no common base
        log.warning("pdfplumber failed while closing: %r", exc)


def _open_plumber(data: bytes, notes: list[str]) -> Any:
    try:
        return pdfplumber.open(io.BytesIO(data), password="")
    except Exception as exc:  # pdfminer's exceptions have no common base; pypdfium2 still reads
        log.warning("pdfplumber could not open the file: %r", exc)
        notes.append("PDF表格结构无法解析，已按文字行读取")
        return None


def _ocr_pages(doc: pdfium.PdfDocument, pages: list[int], page_rows: dict[int, list[Row]],
               seal_states: list[SealState], notes: list[str]) -> int:
    """OCR the given pages in order (0-based), within the cap (its last slots kept for the
    scan's last pages) and up to the form's last page. The 填报说明 page is recognised from its
    title lines (a fraction of a page's OCR cost) and skipped. Returns how many pages were
    OCRed in full."""
    done: list[int] = []
    skipped: list[int] = []
    instructions: list[int] = []
    prose: list[int] = []
    between: list[int] = []  # not looked at: inside a run of prose, before the closing pages
    # A scan longer than the cap has pages of 项目内容 prose in its middle: each page that may be
    # read is first looked at (its text boxes only) and prose is passed over; after two prose
    # pages in a row, the rest before the closing pages is taken to be prose too.
    long_scan = len(pages) > MAX_OCR_PAGES
    prose_run = 0
    # The form's last page ends the reading only once its first part has been seen: a scan fed
    # into the feeder the wrong way round (扫描页序颠倒) starts with the opinion boxes.
    started = any(_page_text_is_start(rows) for rows in page_rows.values())
    last_page = max((i for i, rows in page_rows.items() if _page_text_is_last(rows)), default=None) \
        if started else None
    # A scan longer than the cap keeps its last pages' slots: the form closes with the budget
    # and the opinion boxes with their seals, while the pages before them are 项目内容 prose.
    tail = set(pages[-min(TAIL_OCR_PAGES, MAX_OCR_PAGES // 2):]) if MAX_OCR_PAGES >= 2 else set()
    for i in pages:
        reserved = 0 if i in tail else sum(1 for p in tail if p > i)
        if len(done) + reserved >= MAX_OCR_PAGES or (last_page is not None and i > last_page):
            skipped.append(i)
            continue
        try:
            image = _render(doc[i], OCR_SCALE)
        except pdfium.PdfiumError:
            skipped.append(i)
            continue
        if long_scan and i not in (pages[0], pages[-1]):
            if prose_run >= 2 and i not in tail:
                between.append(i)
                continue
            if ocr_reader.looks_like_prose(image):  # before the title: prose is skipped either way
                prose.append(i)
                prose_run += 1
                continue
            prose_run = 0
        if i > 0 and _is_instructions_page(ocr_reader.ocr_title(image)):
            instructions.append(i)
            continue
        result = ocr_reader.ocr_page(image, i + 1)
        if i > 0 and _is_instructions_page(" ".join(c.text for r in result.rows[:2] for c in r.cells)):
            instructions.append(i)  # the title reader missed it (a skewed or unusual heading)
            continue
        page_rows[i] = list(result.rows)
        seal_states.append(result.seal)
        done.append(i)
        started = started or _is_form_start(result.text)
        if last_page is None and started and _is_last_form_page(result.text):
            last_page = i
    if done:
        notes.append(f"{_page_span(p + 1 for p in done)}为扫描页，已OCR识别")
    if instructions:
        notes.append(f"{_page_span(p + 1 for p in instructions)}为填报说明，未OCR识别")
    if prose:
        notes.append(f"{_page_span(p + 1 for p in prose)}为大段叙述文字（项目内容等），不含表格栏目，未OCR识别")
    if between:
        notes.append(f"{_page_span(p + 1 for p in between)}位于大段叙述文字中间，未OCR识别")
    if skipped:
        notes.append(f"{_page_span(p + 1 for p in skipped)}为扫描页，在申报书表格之后或超过OCR页数上限"
                     f"（{MAX_OCR_PAGES}页），未识别")
    return len(done)


def _page_text_is_last(rows: list[Row]) -> bool:
    return _is_last_form_page("\n".join(c.text for r in rows for c in r.cells))

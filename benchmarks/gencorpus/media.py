"""Turning .docx forms into what actually arrives: LibreOffice PDFs and .doc files (one
soffice call per batch), scans and phone photos of the printed pages, encrypted files,
archives."""

from __future__ import annotations

import io
import math
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

_CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")
# A Song-like face for text as Word shows it (Noto Serif CJK SC is face 2 of the collection),
# and a face for the symbols it lacks (☑ ☐ ☒ ✔).
_SERIF_FONT = (Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"), 2)
_SYMBOL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def soffice_batch(docs: dict[str, bytes], target: str, work: Path) -> dict[str, bytes]:
    """Convert many .docx at once (`target` "pdf" or "doc"); keys are file stems."""
    if not docs:
        return {}
    src = work / f"src-{target}"
    out = work / f"out-{target}"
    src.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    for stem, data in docs.items():
        (src / f"{stem}.docx").write_bytes(data)
    profile = work / "lo-profile"
    names = sorted(str(src / f"{stem}.docx") for stem in docs)
    fmt = "pdf:writer_pdf_Export" if target == "pdf" else "doc:MS Word 97"
    for i in range(0, len(names), 60):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", fmt, "--outdir", str(out), *names[i:i + 60]],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
    result: dict[str, bytes] = {}
    for stem in docs:
        path = out / f"{stem}.{target}"
        if not path.exists():
            raise RuntimeError(f"soffice wrote no {path.name}")
        result[stem] = path.read_bytes()
    return result


def _seal(img: Image.Image, rng: random.Random, text: str, centre: tuple[int, int], radius: int) -> None:
    """A red round seal with the unit's name along the rim and a star, half transparent."""
    layer = _seal_layer(img.size, rng, text, centre, radius)
    img.paste(layer, (0, 0), layer)


def seal_png(text: str, px: int = 480) -> bytes:
    """An electronic seal as offices paste it into a Word file: the round seal alone, on a
    transparent square `px` wide; the same for the same unit."""
    layer = _seal_layer((px, px), random.Random(text), text, (px // 2, px // 2), int(px * 0.46))
    raw = io.BytesIO()
    layer.save(raw, "PNG")
    return raw.getvalue()


def _seal_layer(canvas: tuple[int, int], rng: random.Random, text: str, centre: tuple[int, int],
                radius: int) -> Image.Image:
    """The seal alone on a transparent layer of size `canvas`, turned a little."""
    layer = Image.new("RGBA", canvas, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (215, 30, 35, 150)
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(3, radius // 14))
    star = [(cx + radius * 0.28 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - radius * 0.28 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=red)
    size = max(10, radius // 4)
    font = ImageFont.truetype(str(_CJK_FONT), size) if _CJK_FONT.exists() else ImageFont.load_default()
    chars = text[:14]
    span = math.radians(220)
    for i, ch in enumerate(chars):
        a = math.pi / 2 + span / 2 - span * (i + 0.5) / max(1, len(chars))
        x = cx + (radius - size * 0.9) * math.cos(a) - size / 2
        y = cy - (radius - size * 0.9) * math.sin(a) - size / 2
        d.text((x, y), ch, font=font, fill=red)
    angle = rng.uniform(-25, 25)
    return layer.rotate(angle, center=centre)


def table_png(rows: list[tuple[str, str]], width_px: int = 1000) -> bytes:
    """A screenshot of a filled 2-column table (label | value) as people paste one into a Word
    file: black rules, the labels in a grey column, each value wrapped to its cell, at the
    size a screen at 125 % shows 10.5 pt text. The same rows give the same bytes."""
    size, pad, line = 20, 10, 30
    fonts = _TextFonts(size)
    label_w = int(width_px * 0.24)
    cells = [(fonts.wrap(label, label_w - 2 * pad), fonts.wrap(value, width_px - label_w - 2 * pad))
             for label, value in rows]
    heights = [max(len(a), len(b)) * line + 2 * pad for a, b in cells]
    img = Image.new("RGB", (width_px, sum(heights) + 3), "white")
    d = ImageDraw.Draw(img)
    y = 1
    for (label, value), h in zip(cells, heights):
        d.rectangle((1, y, label_w, y + h), fill=(242, 242, 242))
        for x0, lines in ((1 + pad, label), (label_w + pad, value)):
            for k, text in enumerate(lines):
                fonts.draw(d, (x0, y + pad + k * line + (line - size) // 2 - 2), text)
        d.line((0, y, width_px, y), fill="black", width=1)
        y += h
    d.line((0, y, width_px, y), fill="black", width=2)
    d.rectangle((0, 0, width_px - 1, y), outline="black", width=2)
    d.line((label_w, 0, label_w, y), fill="black", width=1)
    raw = io.BytesIO()
    img.save(raw, "PNG")
    return raw.getvalue()


class _TextFonts:
    """The serif CJK face, with the symbol face for the characters the former lacks."""

    def __init__(self, size: int) -> None:
        path, index = _SERIF_FONT
        self.main = ImageFont.truetype(str(path), size, index=index) if path.exists() else ImageFont.load_default()
        self.symbols = ImageFont.truetype(str(_SYMBOL_FONT), size) if _SYMBOL_FONT.exists() else self.main
        self._missing = bytes(self.main.getmask("\U0010FFFD"))  # what the face draws for no glyph

    def face(self, ch: str) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        return self.symbols if bytes(self.main.getmask(ch)) == self._missing else self.main

    def width(self, text: str) -> float:
        return sum(self.face(ch).getlength(ch) for ch in text)

    def wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        for para in text.split("\n"):
            current = ""
            for ch in para:
                if current and self.width(current + ch) > width:
                    lines.append(current)
                    current = ""
                current += ch
            lines.append(current)
        return lines

    def draw(self, d: ImageDraw.ImageDraw, at: tuple[int, int], text: str) -> None:
        x, y = at
        for ch in text:
            face = self.face(ch)
            d.text((x, y), ch, font=face, fill="black")
            x += int(round(face.getlength(ch)))


def box_png(checked: bool, px: int = 48) -> bytes:
    """A check box as a tiny picture, as templates converted from PDF or WPS carry their boxes:
    a square outline, with a √ drawn in it when `checked`; the same bytes for the same box."""
    img = Image.new("RGB", (px, px), "white")
    d = ImageDraw.Draw(img)
    edge = max(2, px // 16)
    d.rectangle((px // 8, px // 8, px - px // 8, px - px // 8), outline="black", width=edge)
    if checked:
        d.line([(px * 0.26, px * 0.52), (px * 0.44, px * 0.72), (px * 0.78, px * 0.28)], fill="black",
               width=edge + 1, joint="curve")
    raw = io.BytesIO()
    img.save(raw, "PNG")
    return raw.getvalue()


def control_png(checked: bool, caption: str, height_px: int = 42) -> bytes:
    """How Word draws a Forms 2.0 check box control (its picture in the document): a sunken
    square, a tick in it when `checked`, the caption after it on the control's grey-free ground;
    the same bytes for the same control."""
    size = int(height_px * 0.55)
    fonts = _TextFonts(size)
    box = int(height_px * 0.62)
    pad = (height_px - box) // 2
    width = pad * 3 + box + int(fonts.width(caption)) + 4
    img = Image.new("RGB", (width, height_px), "white")
    d = ImageDraw.Draw(img)
    d.rectangle((pad, pad, pad + box, pad + box), outline=(96, 96, 96), width=2)
    if checked:
        d.line([(pad + box * 0.2, pad + box * 0.52), (pad + box * 0.42, pad + box * 0.75),
                (pad + box * 0.8, pad + box * 0.25)], fill="black", width=3, joint="curve")
    fonts.draw(d, (pad * 2 + box, (height_px - size) // 2 - 2), caption)
    raw = io.BytesIO()
    img.save(raw, "PNG")
    return raw.getvalue()


@dataclass(frozen=True)
class PenTicks:
    """The options ticked by pen on a printout: `labels`, among all the options the form lists
    (`options`: so that 高校科协 is not taken for the start of 高校科协交流机制建设)."""

    labels: tuple[str, ...]
    options: tuple[str, ...]


# Characters a PDF's text may place apart from the words around them (a box or quotes drawn in
# another font come after the line's other characters), and spaces.
_APART = re.compile(r"[\s□“”\"]")


def box_marks(pdf: bytes, ticks: PenTicks, max_pages: int) -> dict[int, list[tuple[float, float, float]]]:
    """Where the □ before each ticked option is printed: per page, (left, top, size) in points
    from the page's top left corner: the □ nearest before the option's first character on its
    line. An option wrapped over two lines is found too."""
    found: dict[int, list[tuple[float, float, float]]] = {}
    for place in _boxed_options(pdf, ticks, max_pages):
        left, bottom, right, top = place.box
        found.setdefault(place.page, []).append((left, place.height - top, max(right - left, top - bottom)))
    return found


@dataclass(frozen=True)
class _BoxedOption:
    """One printed option of `PenTicks.labels` with its □ before it: the page (0-based) and its
    height, the □'s box and the boxes of the option's characters (pdfium's: left, bottom,
    right, top in points from the page's bottom left)."""

    page: int
    height: float
    box: tuple[float, float, float, float]
    chars: list[tuple[float, float, float, float]]


def _boxed_options(pdf: bytes, ticks: PenTicks, max_pages: int) -> Iterator[_BoxedOption]:
    """Each place on the first `max_pages` pages where an option of `ticks.labels` is printed
    after its □ (a longer option starting with the same words is not the label's)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        for i in range(min(len(doc), max_pages)):
            page = doc[i]
            text = page.get_textpage()
            chars = text.get_text_range()
            height = page.get_height()
            boxes = [text.get_charbox(k) for k, ch in enumerate(chars) if ch == "□"]
            others = [text.get_charbox(k) for k, ch in enumerate(chars) if not ch.isspace() and ch != "□"]
            kept = [k for k, ch in enumerate(chars) if not _APART.match(ch)]
            flat = "".join(chars[k] for k in kept)
            for label in ticks.labels:
                key = _APART.sub("", label)
                longer = [_APART.sub("", o) for o in ticks.options if o != label and o.startswith(label)]
                at = flat.find(key)
                while at >= 0:
                    if not any(flat.startswith(o, at) for o in longer):
                        mark = _box_before(text.get_charbox(kept[at]), boxes, others)
                        if mark is not None:
                            yield _BoxedOption(i, height, mark, [text.get_charbox(kept[at + j]) for j in range(len(key))])
                    at = flat.find(key, at + 1)
    finally:
        doc.close()


def _box_before(first: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]],
                others: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float] | None:
    """The box on `first`'s line that ends nearest before it (within three characters); else,
    when the option starts its line, the box that ends the line above (an option wrapped just
    after its box); `others` are the page's other characters. Text further left across a gap (a
    label's cell beside the options' cell) leaves the option the start of its cell's line when the
    line above starts where it does."""
    left, bottom, right, top = first
    size = max(top - bottom, right - left, 1.0)
    middle = (top + bottom) / 2

    def on_line(b: tuple[float, float, float, float], rise: float) -> bool:
        return abs((b[1] + b[3]) / 2 - middle - rise) < size * 0.6

    near = [b for b in boxes if on_line(b, 0) and left - size * 3 <= b[2] <= left + 1]
    if near:
        return max(near, key=lambda b: b[2])
    edge = max((o[2] for o in others if on_line(o, 0) and o[2] <= left - size * 0.5), default=None)
    if edge is not None and left - edge < size * 2:
        return None  # not at the start of its line
    for rise in (size * 1.2, size * 1.5, size * 1.8, size * 2.1):
        above = [b for b in boxes if on_line(b, rise)]
        if above:
            last = max(above, key=lambda b: b[2])
            ends = not any(on_line(o, rise) and o[0] > last[2] - 0.5 for o in others)
            if edge is not None:  # (the cell's line above starts where the option does)
                line = [b[0] for b in (*boxes, *others) if on_line(b, rise) and b[0] > edge]
                ends = ends and bool(line) and abs(min(line) - left) < size * 0.6
            return last if ends else None
    return None


def _pen_ticks(page: Image.Image, rng: random.Random, boxes: list[tuple[float, float, float]], dpi: int) -> None:
    """A √ drawn by hand in blue ballpoint over each box, a little bigger than the box and
    rising out of it, as people tick a printed form."""
    d = ImageDraw.Draw(page)
    ink = rng.choice(((25, 40, 120), (20, 35, 95), (30, 60, 160)))
    scale = dpi / 72
    for left, top, size in boxes:
        # A glyph's box is smaller than the square it draws; a pen's tick is the size of the text.
        x, y, s = left * scale, top * scale, max(size, 10.5) * scale
        points = [(x + s * rng.uniform(0.0, 0.15), y + s * rng.uniform(0.35, 0.5)),
                  (x + s * rng.uniform(0.35, 0.45), y + s * rng.uniform(0.9, 1.05)),
                  (x + s * rng.uniform(1.2, 1.5), y - s * rng.uniform(0.5, 0.8))]
        d.line(points, fill=ink, width=max(3, int(s * 0.16)), joint="curve")


def option_spans(pdf: bytes, ticks: PenTicks, max_pages: int) -> dict[int, list[tuple[float, float, float, float]]]:
    """Where each of `ticks`' options is printed, to be circled: per page, (left, top, right,
    bottom) in points from the page's top left corner of the option's characters on the line it
    starts on (an option wrapped at the end of a line is circled where it starts); an option's
    words are circled where its □ stands before them (not where a project's name holds them)."""
    found: dict[int, list[tuple[float, float, float, float]]] = {}
    for place in _boxed_options(pdf, ticks, max_pages):
        first = place.chars[0]
        size = max(first[3] - first[1], 1.0)
        middle = (first[1] + first[3]) / 2
        line = [b for b in place.chars if abs((b[1] + b[3]) / 2 - middle) < size * 0.6]
        left, right = min(b[0] for b in line), max(b[2] for b in line)
        bottom, top = min(b[1] for b in line), max(b[3] for b in line)
        found.setdefault(place.page, []).append((left, place.height - top, right, place.height - bottom))
    return found


def _pen_rings(page: Image.Image, rng: random.Random, spans: list[tuple[float, float, float, float]],
               dpi: int) -> None:
    """An oval drawn by hand in ballpoint round each span, a little larger than its text, its
    ends overlapping where the pen went round once and a bit more."""
    d = ImageDraw.Draw(page)
    ink = rng.choice(((25, 40, 120), (20, 35, 95), (30, 60, 160)))
    scale = dpi / 72
    for left, top, right, bottom in spans:
        cx, cy = (left + right) / 2 * scale, (top + bottom) / 2 * scale
        rx = ((right - left) / 2 + rng.uniform(4, 7)) * scale
        ry = ((bottom - top) / 2 + rng.uniform(3.5, 5.5)) * scale
        start, turn = rng.uniform(0, 2 * math.pi), rng.uniform(0.04, 0.12)
        wobble = rng.uniform(0.02, 0.05)
        points = []
        for k in range(73):
            a = start + (2 * math.pi * (1 + turn)) * k / 72
            r = 1 + wobble * math.sin(3 * a + start)
            points.append((cx + rx * r * math.cos(a), cy + ry * r * math.sin(a)))
        d.line(points, fill=ink, width=max(2, int(scale * 1.1)), joint="curve")


@dataclass(frozen=True)
class PenMarks:
    """What else a pen did to the printout's options: `kind` "underline" (a stroke under each of
    `ticks.labels`' words where its □ stands before them), "fill" (the □ before each inked
    solid, as answer sheets are filled in), "tick_after" (a tick right after each one's words) or
    "strike" (a stroke through each one's words where its □ stands before them)."""

    kind: str
    ticks: PenTicks


def pen_places(pdf: bytes, pen: PenMarks, max_pages: int) -> dict[int, list[tuple[float, ...]]]:
    """Where `pen`'s marks go: per page, the boxes to fill (left, top, size) or the spans to
    underline (left, top, right, bottom), in points from the page's top left corner."""
    if pen.kind == "fill":
        return {k: [tuple(b) for b in v] for k, v in box_marks(pdf, pen.ticks, max_pages).items()}
    return {k: [tuple(b) for b in v] for k, v in option_spans(pdf, pen.ticks, max_pages).items()}


def _pen_marks(page: Image.Image, rng: random.Random, kind: str, places: list[tuple[float, ...]], dpi: int) -> None:
    """A ballpoint's marks: each box scribbled solid (back and forth, a little past its edges),
    or a stroke under each span, slightly slanted and longer than the words."""
    d = ImageDraw.Draw(page)
    ink = rng.choice(((25, 40, 120), (20, 35, 95), (30, 60, 160)))
    scale = dpi / 72
    for place in places:
        if kind == "fill":
            left, top, size = place
            s = max(size, 9.0) * scale
            x0, y0 = left * scale - s * 0.05, top * scale - s * 0.05
            strokes = max(6, int(s / 2.2))
            points = []
            for k in range(strokes + 1):
                y = y0 + s * 1.1 * k / strokes
                points += [(x0 + rng.uniform(-1, 1) * scale, y), (x0 + s * 1.1 + rng.uniform(-1, 1) * scale,
                                                                  y + s * 0.05)]
            d.line(points, fill=ink, width=max(2, int(scale * 1.6)), joint="curve")
        elif kind == "strike":  # (the seventeenth set's: a stroke through the option's words)
            left, top, right, bottom = place
            y = (top + bottom) / 2 * scale + rng.uniform(-0.8, 0.8) * scale
            rise = rng.uniform(-1.2, 1.2) * scale
            d.line([((left - rng.uniform(1, 3)) * scale, y), ((right + rng.uniform(1, 4)) * scale, y + rise)],
                   fill=ink, width=max(2, int(scale * 1.2)))
        elif kind == "tick_after":  # (the sixteenth set's: a tick after the option's words)
            left, top, right, bottom = place
            h = (bottom - top) * scale
            x0, y0 = right * scale + rng.uniform(2, 5) * scale, top * scale + h * 0.45
            d.line([(x0, y0), (x0 + h * 0.35, y0 + h * 0.5), (x0 + h * 1.1, y0 - h * 0.55)], fill=ink,
                   width=max(2, int(scale * 1.3)), joint="curve")
        else:
            left, top, right, bottom = place
            y = bottom * scale + rng.uniform(0.6, 1.4) * scale
            rise = rng.uniform(-1.5, 1.5) * scale
            d.line([((left - rng.uniform(1, 4)) * scale, y), ((right + rng.uniform(1, 5)) * scale, y + rise)],
                   fill=ink, width=max(2, int(scale * 1.2)))


def _faded(img: Image.Image) -> Image.Image:
    """The page as low toner prints it on yellowed paper: black a mid grey, white the paper's tint."""
    arr = np.asarray(img).astype(np.float32)
    paper = np.array((238.0, 232.0, 214.0))
    out = paper - (255.0 - arr) * (paper / 255.0) * 0.46
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def _keystone(img: Image.Image, rng: random.Random) -> Image.Image:
    """The picture as a phone tilted back sees it: the top edge 12–20 % narrower than the bottom."""
    w, h = img.size
    inset = w * rng.uniform(0.06, 0.1)
    drop = h * rng.uniform(0.01, 0.03)
    # Where each corner of the output comes from in the input (PIL's perspective maps output to input).
    source = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
    target = [(inset, drop), (w - inset, drop), (w, h), (0.0, h)]
    rows = []
    for (x, y), (u, v) in zip(target, source):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    coeffs = np.linalg.solve(np.array(rows), np.array([c for p in source for c in p]))
    return img.transform((w, h), Image.Transform.PERSPECTIVE, tuple(float(c) for c in coeffs),
                         resample=Image.Resampling.BICUBIC, fillcolor=(100, 80, 60))


def _degrade(img: Image.Image, rng: random.Random, angle: float, noise: float, blur: float) -> Image.Image:
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(250, 250, 250))
    arr = np.asarray(img).astype(np.int16)
    nprng = np.random.default_rng(rng.randrange(2**32))
    arr = arr + nprng.normal(0, noise, arr.shape[:2])[..., None].astype(np.int16)
    arr = np.clip(arr, 0, 255).astype(np.uint8)
    out = Image.fromarray(arr)
    if blur > 0:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    return out


def _pages(pdf: bytes, dpi: int, max_pages: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        n = min(len(doc), max_pages)
        return [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(n)]
    finally:
        doc.close()


# Every page of a printout is scanned or photographed, up to this many: a cover letter, the cover,
# the 填报说明 and a 填写示例 page come before the form's own pages, which must be in the file (a cap
# of 4 pages left them out while the truth expected their fields).
SCAN_PAGES = 12


def _seal_page(pages: list[Image.Image]) -> int:
    return len(pages) - 1


def scan_pdf(pdf: bytes, rng: random.Random, seal_text: str, ticks: PenTicks | None = None,
             upside_down: bool = False, reverse: bool = False, style: str = "", rings: PenTicks | None = None,
             pen: PenMarks | None = None) -> bytes:
    """An image-only PDF as an office copier makes it: 150–200 dpi, a slight turn, grain,
    blur, JPEG, a red seal on the last page (the 申报单位意见 box). The options of `ticks`
    were ticked by pen on the printout before it was scanned, those of `rings` circled; with
    `upside_down` the first sheet went through the feeder the wrong way up (its page is turned
    180°); with `reverse` the stack went in the wrong way round (the last page comes first).
    `style` "faint_skewed": the toner low (grey on a yellowed ground) and the sheet turned by
    2.5–5°; "bilevel": black and white, 1 bit (CCITT G4), the red seal dropped out. `pen`: the
    pen's other marks (underlines, filled boxes)."""
    dpi = rng.choice((150, 170, 200))
    pages = _pages(pdf, dpi, SCAN_PAGES)
    marks = box_marks(pdf, ticks, SCAN_PAGES) if ticks else {}
    circles = option_spans(pdf, rings, SCAN_PAGES) if rings else {}
    strokes = pen_places(pdf, pen, SCAN_PAGES) if pen else {}
    out_pages: list[Image.Image] = []
    for i, page in enumerate(pages):
        if style == "faint_skewed":  # (the printer's toner: the pen and the seal went on the paper after)
            page = _faded(page)
        if i in marks:
            _pen_ticks(page, rng, marks[i], dpi)
        if i in circles:
            _pen_rings(page, rng, circles[i], dpi)
        if pen is not None and i in strokes:
            _pen_marks(page, rng, pen.kind, strokes[i], dpi)
        if i == _seal_page(pages):
            w, h = page.size
            _seal(page, rng, seal_text, (int(w * rng.uniform(0.55, 0.75)), int(h * rng.uniform(0.25, 0.55))),
                  int(w * 0.09))
        angle, noise, blur = rng.uniform(-1.2, 1.2), rng.uniform(4, 10), rng.choice((0.0, 0.4, 0.7))
        if style == "faint_skewed":
            angle = math.copysign(2.5 + abs(angle) * 2.0, angle)
        page = _degrade(page, rng, angle, noise, blur)
        if upside_down and i == 0:
            page = page.transpose(Image.Transpose.ROTATE_180)
        if style == "bilevel":  # (the scanner's red channel: a red seal is as light as the paper)
            out_pages.append(page.getchannel("R").point(lambda v: 255 if v > 150 else 0).convert("1"))
            continue
        raw = io.BytesIO()
        page.save(raw, "JPEG", quality=rng.randint(55, 80))
        out_pages.append(Image.open(io.BytesIO(raw.getvalue())))
    if reverse:
        out_pages.reverse()
    raw = io.BytesIO()
    out_pages[0].save(raw, "PDF", save_all=True, append_images=out_pages[1:], resolution=float(dpi))
    return raw.getvalue()


# EXIF Orientation 6: the picture is shown turned 90° clockwise (what a phone held on its side
# writes instead of turning the pixels).
EXIF_ORIENTATION, ROTATE_CW = 0x0112, 6


def photos(pdf: bytes, rng: random.Random, seal_text: str, ticks: PenTicks | None = None,
           sideways: bool = False, reverse: bool = False, rings: PenTicks | None = None,
           keystone: bool = False, pen: PenMarks | None = None) -> list[bytes]:
    """Phone photos of the printed pages: a desk around the sheet, a turn of a few
    degrees, uneven light, JPEG. The options of `ticks` were ticked by pen on the printout,
    those of `rings` circled; with `sideways` the first photo's pixels lie on their side and its
    EXIF orientation says to turn them upright, as phones write it; with `reverse` they are sent
    last page first; with `keystone` the phone was tilted: the sheet is a trapezoid, its far
    edge narrower. `pen`: the pen's other marks (underlines, filled boxes)."""
    pages = _pages(pdf, 160, SCAN_PAGES)
    marks = box_marks(pdf, ticks, SCAN_PAGES) if ticks else {}
    circles = option_spans(pdf, rings, SCAN_PAGES) if rings else {}
    strokes = pen_places(pdf, pen, SCAN_PAGES) if pen else {}
    out: list[bytes] = []
    for i, page in enumerate(pages):
        if i in marks:
            _pen_ticks(page, rng, marks[i], 160)
        if i in circles:
            _pen_rings(page, rng, circles[i], 160)
        if pen is not None and i in strokes:
            _pen_marks(page, rng, pen.kind, strokes[i], 160)
        if i == _seal_page(pages):
            w, h = page.size
            _seal(page, rng, seal_text, (int(w * 0.62), int(h * rng.uniform(0.3, 0.5))), int(w * 0.09))
        w, h = page.size
        pad = int(w * 0.06)
        desk = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (rng.randint(90, 140), rng.randint(70, 110), 60))
        desk.paste(page, (pad, pad))
        desk = desk.rotate(rng.uniform(-4, 4), resample=Image.Resampling.BICUBIC, expand=True,
                           fillcolor=(100, 80, 60))
        if keystone:
            desk = _keystone(desk, rng)
        arr = np.asarray(desk).astype(np.float32)
        gx = np.linspace(rng.uniform(0.75, 0.9), rng.uniform(0.95, 1.05), arr.shape[1])[None, :, None]
        gy = np.linspace(rng.uniform(0.9, 1.0), rng.uniform(0.8, 0.95), arr.shape[0])[:, None, None]
        arr = np.clip(arr * gx * gy + np.random.default_rng(rng.randrange(2**32)).normal(0, 5, arr.shape[:2])[..., None],
                      0, 255).astype(np.uint8)
        img = Image.fromarray(arr).filter(ImageFilter.GaussianBlur(0.6))
        raw = io.BytesIO()
        if sideways and i == 0:
            exif = Image.Exif()
            exif[EXIF_ORIENTATION] = ROTATE_CW
            img.transpose(Image.Transpose.ROTATE_90).save(raw, "JPEG", quality=rng.randint(70, 88), exif=exif)
        else:
            img.save(raw, "JPEG", quality=rng.randint(70, 88))
        out.append(raw.getvalue())
    return out[::-1] if reverse else out


def encrypt_docx(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def encrypt_pdf(data: bytes, password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "#owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_utf8(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 4, 20, 10, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return out.getvalue()


def seven_zip(members: list[tuple[str, bytes]]) -> bytes | None:
    """A .7z made with the 7z tool (None when it is not installed)."""
    tool = shutil.which("7z") or shutil.which("7za")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        for name, data in members:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        archive = Path(tmp) / "a.7z"
        subprocess.run([tool, "a", "-bd", "-y", str(archive), "."], cwd=root, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return archive.read_bytes()


def tick_png(px: int = 64) -> bytes:
    """A tick as people paste one from the web or a screenshot: a red hand-drawn √ on a
    transparent ground, the same bytes every time."""
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.line([(px * 0.12, px * 0.55), (px * 0.4, px * 0.84), (px * 0.9, px * 0.12)], fill=(220, 20, 30, 255),
           width=max(3, px // 9), joint="curve")
    raw = io.BytesIO()
    img.save(raw, "PNG")
    return raw.getvalue()


def blank_form_jpg(rows: list[tuple[str, float]], width_cm: float, label_cm: float, title: str,
                   title_cm: float, dpi: int = 150) -> bytes:
    """A scanned blank form (JPEG): `title` above a ruled 2-column table whose rows are (label,
    height in cm), the labels in their column and every value cell empty; a little grey and
    grain, as a copier leaves a blank template. The same rows give the same bytes."""
    scale = dpi / 2.54
    width = int(width_cm * scale)
    height = int((title_cm + sum(h for _, h in rows)) * scale) + 4
    img = Image.new("RGB", (width, height), (246, 246, 244))
    d = ImageDraw.Draw(img)
    size = int(10.5 / 72 * dpi)
    fonts = _TextFonts(size)
    heading = _TextFonts(int(12 / 72 * dpi))
    heading.draw(d, (4, int(title_cm * scale * 0.25)), title)
    top = int(title_cm * scale)
    label_w = int(label_cm * scale)
    y = top
    for label, h in rows:
        bottom = y + int(h * scale)
        lines = fonts.wrap(label, label_w - size)
        for k, line in enumerate(lines):
            fonts.draw(d, (size // 2, y + int(0.12 * scale) + k * int(size * 1.3)), line)
        d.line((0, y, width, y), fill=(30, 30, 30), width=2)
        y = bottom
    d.line((0, y, width, y), fill=(30, 30, 30), width=2)
    d.rectangle((0, top, width - 1, y), outline=(30, 30, 30), width=2)
    d.line((label_w, top, label_w, y), fill=(30, 30, 30), width=2)
    arr = np.asarray(img).astype(np.int16)
    grain = np.random.default_rng(len(rows) * 7919 + width).normal(0, 4, arr.shape[:2])[..., None]
    img = Image.fromarray(np.clip(arr + grain.astype(np.int16), 0, 255).astype(np.uint8))
    raw = io.BytesIO()
    img.save(raw, "JPEG", quality=72, dpi=(dpi, dpi))
    return raw.getvalue()

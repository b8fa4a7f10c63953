"""Builders for real PDF files and page images carrying what real forms do to PDF readers and OCR.

Text PDFs are written with reportlab and its built-in CID font STSong-Light (not embedded;
pdfplumber and pypdfium2 both map it back to Unicode). A font without a ToUnicode map
is written by hand, since reportlab always adds one. Page images are drawn with Pillow and
a Noto CJK font from the system (tests needing it skip when no CJK font is installed).
"""

from __future__ import annotations

import glob
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

FONT = "STSong-Light"
PAGE = (595.0, 842.0)  # A4 in points

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def pdf_from(draw_pages: Sequence[Callable[[Canvas], None]]) -> bytes:
    """A PDF with one page per callable; each draws on a fresh A4 canvas page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=PAGE)
    for draw in draw_pages:
        canvas.setFont(FONT, 12)
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def text_page(lines: Sequence[str], *, size: float = 12, top: float = 760) -> Callable[[Canvas], None]:
    """A page drawing each line at the left margin, top to bottom."""

    def draw(c: Canvas) -> None:
        c.setFont(FONT, size)
        for n, line in enumerate(lines):
            c.drawString(72, top - n * size * 2, line)

    return draw


def fake_bold_page(text: str, *, y: float = 700) -> Callable[[Canvas], None]:
    """Fake bold by overprinting: every glyph drawn twice, the second copy 0.3 pt to the right."""

    def draw(c: Canvas) -> None:
        x = 72.0
        for ch in text:
            c.drawString(x, y, ch)
            c.drawString(x + 0.3, y, ch)
            x += pdfmetrics.stringWidth(ch, FONT, 12)

    return draw


def spaced_page(text: str, *, gap: float = 3.0, y: float = 700) -> Callable[[Canvas], None]:
    """Each character placed by itself with a small gap, like a letter-spaced label."""

    def draw(c: Canvas) -> None:
        x = 72.0
        for ch in text:
            c.drawString(x, y, ch)
            x += pdfmetrics.stringWidth(ch, FONT, 12) + gap

    return draw


def rotated_text(text: str, *, x: float, y: float, angle: float) -> Callable[[Canvas], None]:
    """Text drawn at an angle, as the ring text of a vector seal."""

    def draw(c: Canvas) -> None:
        c.saveState()
        c.translate(x, y)
        c.rotate(angle)
        c.drawString(0, 0, text)
        c.restoreState()

    return draw


def red_seal_vector(*, x: float, y: float, r: float = 55) -> Callable[[Canvas], None]:
    """A red ring with a red star, drawn as vector paths (an electronic seal)."""

    def draw(c: Canvas) -> None:
        c.saveState()
        c.setStrokeColorRGB(0.85, 0.1, 0.1)
        c.setFillColorRGB(0.85, 0.1, 0.1)
        c.setLineWidth(4)
        c.circle(x, y, r, stroke=1, fill=0)
        c.circle(x, y, r * 0.25, stroke=0, fill=1)
        c.restoreState()

    return draw


def combine(*draws: Callable[[Canvas], None]) -> Callable[[Canvas], None]:
    """One page drawn by several drawers in order."""

    def draw(c: Canvas) -> None:
        for d in draws:
            c.setFont(FONT, 12)
            d(c)

    return draw


@dataclass(frozen=True)
class GridCell:
    """A cell of a ruled table: row/col of its top-left grid position, spans, text lines."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


def ruled_table(cells: Sequence[GridCell], *, col_widths: Sequence[float], row_height: float = 28,
                x: float = 60, top: float = 780, white_rule_at_col: int | None = None) -> Callable[[Canvas], None]:
    """A table drawn with black rules like a Word export; merged cells have no inner rules.

    `white_rule_at_col` adds a white (invisible) vertical rule splitting that column, as hidden
    borders do in real forms; a reader must not make a false cell of it."""
    n_rows = max(c.row + c.rowspan for c in cells)
    xs = [x]
    for w in col_widths:
        xs.append(xs[-1] + w)

    def y_of(row: int) -> float:
        return top - row * row_height

    def draw(c: Canvas) -> None:
        c.setLineWidth(0.75)
        for cell in cells:
            x0, x1 = xs[cell.col], xs[cell.col + cell.colspan]
            y0, y1 = y_of(cell.row), y_of(cell.row + cell.rowspan)
            c.line(x0, y0, x1, y0)
            c.line(x0, y1, x1, y1)
            c.line(x0, y0, x0, y1)
            c.line(x1, y0, x1, y1)
            for n, line in enumerate(cell.text.split("\n")):
                c.drawString(x0 + 4, y0 - 18 - n * 14, line)
        if white_rule_at_col is not None:
            mid = (xs[white_rule_at_col] + xs[white_rule_at_col + 1]) / 2
            c.saveState()
            c.setStrokeColorRGB(1, 1, 1)
            c.line(mid, y_of(0), mid, y_of(n_rows))
            c.restoreState()

    return draw


def encrypt(data: bytes, *, user_password: str, owner_password: str) -> bytes:
    """The same PDF encrypted with pypdf (AES-128)."""
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_pdf(images: Sequence[Image.Image]) -> bytes:
    """A scanned PDF as Pillow writes it: one image per page, no text layer."""
    out = io.BytesIO()
    first, *rest = [im.convert("RGB") for im in images]
    first.save(out, format="PDF", resolution=200.0, save_all=True, append_images=rest)
    return out.getvalue()


def cid_garbage_pdf(n_glyphs: int = 40) -> bytes:
    """A page whose font is Identity-H with no ToUnicode map and no embedded program, so
    extractors can only report glyph ids: `(cid:n)` from pdfminer. Written by hand because
    reportlab always adds a ToUnicode map."""
    codes = "".join(f"{(i % 40) + 0x41:04X}" for i in range(n_glyphs // 2))
    content = (
        f"BT /F1 14 Tf 72 700 Td <{codes}> Tj ET\nBT /F1 14 Tf 72 670 Td <{codes}> Tj ET\n"
        "BT /F2 12 Tf 72 640 Td (Page 1) Tj ET\n"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"endstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /GarbledSong /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GarbledSong "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>",
        b"<< /Type /FontDescriptor /FontName /GarbledSong /Flags 4 /FontBBox [0 -120 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


# --------------------------------------------------------------------------- page images

def cjk_font_path() -> str | None:
    """A CJK-capable font file installed on the system, or None."""
    for pattern in ("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/NotoSerifCJK-Regular.ttc",
                    "/usr/share/fonts/**/*CJK*.tt[cf]", "/usr/share/fonts/**/wqy*.tt[cf]"):
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    return None


def form_image(lines: Sequence[str], *, seal_over_line: int | None = None, width: int = 1400,
               line_height: int = 70, font_size: int = 36) -> Image.Image:
    """A white page image with black Chinese text lines; optionally a red seal (ring, ring text,
    star) stamped over the given line, as on real scans. Needs `cjk_font_path()`."""
    path = cjk_font_path()
    if path is None:
        raise RuntimeError("no CJK font installed")
    font = ImageFont.truetype(path, font_size, index=2)  # index 2 of Noto *CJK .ttc is SC
    height = line_height * (len(lines) + 3)
    image = Image.new("RGB", (width, height), (252, 251, 248))
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((80, 60 + n * line_height), line, fill=(20, 20, 20), font=font)
    if seal_over_line is not None:
        _stamp_seal(image, centre=(420, 60 + seal_over_line * line_height + font_size // 2), radius=150)
    return image


def _stamp_seal(image: Image.Image, *, centre: tuple[int, int], radius: int) -> None:
    """Multiply a semi-transparent red seal onto the page, as ink over toner looks."""
    import math

    layer = Image.new("RGB", image.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    red = (215, 30, 35)
    cx, cy = centre
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=10)
    path = cjk_font_path()
    assert path is not None
    font = ImageFont.truetype(path, 34, index=2)
    text = "湖南省某某学会专用章"
    for k, ch in enumerate(text):
        angle = math.radians(200 + k * (140 / (len(text) - 1)))
        x = cx + (radius - 40) * math.cos(angle)
        y = cy + (radius - 40) * math.sin(angle)
        draw.text((x - 17, y - 17), ch, fill=red, font=font)
    star = [(cx + 45 * math.cos(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4),
             cy + 45 * math.sin(math.radians(-90 + 36 * i)) * (1 if i % 2 == 0 else 0.4)) for i in range(10)]
    draw.polygon(star, fill=red)
    # Multiply: red ink over black toner stays black, over paper it is red.
    image.paste(ImageChops.multiply(image.convert("RGB"), layer))

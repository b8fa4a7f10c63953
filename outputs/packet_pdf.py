"""A packet's merged PDF: a cover, a contents page, then every application's PDFs in order,
each page stamped with the application's 编号, and one bookmark per application (none for the
cover or contents).

Contract of `merged_pdf(cover, apps, words)`:
- the cover names the reviewer (or says none is set), the item, the date and the number of
  applications in the PDF; the contents list each application (编号, unit, project) with the
  page it starts on, counted as a PDF viewer shows pages (the cover is page 1);
- an application whose PDFs all fail to open is left out of the contents (its files are still
  in the folder) and a note says which file failed and why;
- a page's stamp is drawn in the top right corner of the page as it is shown (a page with
  /Rotate is turned upright first), in a box that stays legible over a scan;
- returns None when no application page was merged (no cover without content).

Text is drawn in STSong-Light, a CJK font every PDF reader knows without embedding (reportlab's
built-in CID font; the system may have no CJK TrueType font to embed).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pypdf import PageObject, PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
CONTENTS_LINES = 32  # lines per contents page at 11 pt on A4
STAMP_SIZE = 10.0


@dataclass(frozen=True)
class Cover:
    reviewer: str | None
    item: str
    date: str


@dataclass(frozen=True)
class PdfApp:
    """One application's part of the merged PDF."""

    id: str
    org: str
    project: str
    bookmark: str
    pdfs: tuple[tuple[str, bytes], ...]  # (display name, PDF bytes)


@lru_cache(maxsize=1)
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def merged_pdf(cover: Cover, apps: Sequence[PdfApp], words: Mapping[str, str],
               merge_failed: str) -> tuple[bytes | None, list[str]]:
    """The merged PDF's bytes (None when nothing could be merged) and notes on files left out.
    `merge_failed` is the note's pattern ({file}, {reason})."""
    notes: list[str] = []
    body = PdfWriter()
    starts: list[tuple[PdfApp, int]] = []
    for app in apps:
        start = len(body.pages)
        for display, data in app.pdfs:
            try:
                reader = PdfReader(io.BytesIO(data))
                pages = list(reader.pages)
            except Exception as exc:  # a broken PDF is still in the folder, only not merged
                notes.append(merge_failed.format(file=display, reason=exc))
                continue
            for page in pages:
                _stamp(body.add_page(page), words["stamp"].format(id=app.id))
        if len(body.pages) > start:
            starts.append((app, start))
    if not starts:
        return None, notes
    contents_pages = -(-len(starts) // CONTENTS_LINES)
    front = 1 + contents_pages
    front_pdf = PdfReader(io.BytesIO(_front_pages(cover, [(a, front + s + 1) for a, s in starts], words)))
    out = PdfWriter()
    for page in front_pdf.pages:
        out.add_page(page)
    for page in body.pages:
        out.add_page(page)
    for app, start in starts:
        out.add_outline_item(title=app.bookmark, page_number=front + start)
    buf = io.BytesIO()
    out.write(buf)
    return buf.getvalue(), notes


def _front_pages(cover: Cover, entries: Sequence[tuple[PdfApp, int]], words: Mapping[str, str]) -> bytes:
    """The cover and the contents pages (A4), `entries` being (application, first page)."""
    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    c.setFont(font, 26)
    c.drawCentredString(width / 2, height * 0.68, words["cover_title"])
    lines = [words["cover_reviewer"].format(name=cover.reviewer) if cover.reviewer else words["cover_no_reviewer"],
             words["cover_item"].format(item=cover.item), words["cover_date"].format(date=cover.date),
             words["cover_count"].format(count=len(entries))]
    c.setFont(font, 15)
    for n, line in enumerate(lines):
        c.drawString(width * 0.25, height * 0.55 - n * 30, line)
    c.showPage()
    for first in range(0, len(entries), CONTENTS_LINES):
        c.setFont(font, 18)
        c.drawCentredString(width / 2, height - 72, words["contents_title"])
        c.setFont(font, 11)
        for n, (app, page) in enumerate(entries[first:first + CONTENTS_LINES]):
            y = height - 110 - n * 20
            text = _fit(words["contents_line"].format(id=app.id, org=app.org, project=app.project), font, 11,
                        width - 72 - 130)
            c.drawString(60, y, text)
            c.drawRightString(width - 60, y, words["contents_page"].format(page=page))
        c.showPage()
    c.save()
    return buf.getvalue()


def _fit(text: str, font: str, size: float, room: float) -> str:
    """`text` cut (with …) to fit `room` points."""
    if pdfmetrics.stringWidth(text, font, size) <= room:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def _stamp(page: PageObject, stamp: str) -> None:
    """Turn `page` (already in a writer: pypdf edits only those) upright and draw `stamp` in
    its top right corner."""
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    box = page.mediabox
    overlay = PdfReader(io.BytesIO(_stamp_page(stamp, float(box.width), float(box.height)))).pages[0]
    page.merge_translated_page(overlay, float(box.left), float(box.bottom))


@lru_cache(maxsize=256)
def _stamp_page(stamp: str, width: float, height: float) -> bytes:
    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    text_width = pdfmetrics.stringWidth(stamp, font, STAMP_SIZE)
    x, y = width - 18 - text_width, height - 22
    c.setFillColorRGB(1, 1, 1)
    c.setStrokeColorRGB(0.75, 0, 0)
    c.rect(x - 4, y - 4, text_width + 8, STAMP_SIZE + 7, fill=1, stroke=1)
    c.setFillColorRGB(0.75, 0, 0)
    c.setFont(font, STAMP_SIZE)
    c.drawString(x, y, stamp)
    c.showPage()
    c.save()
    return buf.getvalue()

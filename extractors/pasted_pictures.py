"""A Word file whose form is a picture: the 基本情况 table pasted in as a screenshot.

Offices that fill the table in one program and send it from another paste a screenshot of it
into the Word template (QQ/WeChat screenshots, a table copied "as picture"). The file's text
then holds the template around a hole: title, notes, the headings, the budget, but no project,
unit or leader. When a Word file's text is not a form, its largest pictures are read by OCR and
their lines put where the basic part belongs (after the 基本情况 heading), so the form is read
as a whole: values from the picture, opinions and budget from the text.

Only pictures big enough to hold a table are read (a logo or a seal is not), at most
MAX_PICTURES of them, largest first, and only in a file whose text is the template's (its title
or the 基本情况 heading): a report with photos is not read by OCR. A package that is no zip
gives none. The picture's rows
carry no page or box: the file is a Word file, whose evidence is found by its text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.scanned_template import frame_key, labels_with_frames, read_layout
from shenbao.record import DocText, Row

# A screenshot of a table of a dozen rows is 50–500 KB; logos, seals and signatures are less.
MIN_PICTURE_BYTES = 20_000
# More is a photograph of something else, or hostile: not read.
MAX_PICTURE_BYTES = 15_000_000
MAX_PICTURES = 3
_PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff")

# What the template's own text around the hole says: a file with neither is no 申报书.
_TEMPLATE_WORDS = ("申报书", "基本情况")

NOTE = "申报书的基本情况是贴在Word文件里的图片（截图），已用文字识别读取，请核对"


def pictures_in(package: bytes) -> list[tuple[str, bytes]]:
    """The pictures of a .docx package worth reading as a form, largest first (see module)."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            infos = [i for i in zf.infolist()
                     if i.filename.startswith("word/media/") and i.filename.lower().endswith(_PICTURE_SUFFIXES)
                     and MIN_PICTURE_BYTES <= i.file_size <= MAX_PICTURE_BYTES]
            infos.sort(key=lambda i: -i.file_size)
            # ZipExtFile stops at the declared size and checks the CRC: a member that lies
            # about its size raises instead of inflating beyond MAX_PICTURE_BYTES.
            return [(i.filename, zf.read(i)) for i in infos[:MAX_PICTURES]]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return []


def is_template(doc: DocText) -> bool:
    """Whether the text is the template's (its title or the 基本情况 heading)."""
    return any(word in c.text for row in doc.rows for c in row.cells for word in _TEMPLATE_WORDS)


def pdf_with_pictures(doc: DocText, data: bytes) -> DocText | None:
    """A PDF (read as `doc`, no form in it) read again with each page that draws a picture read
    by OCR as a whole; None when it is not the template or no page was read so. A printed Word
    file with a pasted screenshot is such a PDF: the picture is on a page of text."""
    if not is_template(doc):
        return None
    from shenbao.extractors.pdf_reader import pdf_to_doctext  # pdfium and OCR: loaded when needed

    again = pdf_to_doctext(data, doc.file, doc.sha256, pictures=True)
    return again if again.ocr and not doc.ocr else None


def with_pictures(doc: DocText, package: bytes, read_image: Callable[[bytes, str, str], DocText], *,
                  instructions: Callable[[bytes], bool] | None = None) -> DocText | None:
    """`doc` with the OCR lines of its pasted pictures after its 基本情况 heading (at the start
    when it has none), marked as OCR; None when it has no picture worth reading or none gave
    text. `read_image` is ocr_reader.image_to_doctext (passed in: OCR loads only when needed);
    `instructions` (ocr_reader.is_instructions_picture) tells a scanned page that is the
    template's 填报说明 by its title, which is then not read: as in a scanned PDF
    (pdf_reader._ocr_pages), it holds no field and its reading was a page of OCR (3–5 s) of
    the four or so a Word file of scanned pages costs."""
    scanned = is_scan_wrapper(doc)
    if not is_template(doc) and not scanned:
        return None  # not the template: its pictures are photos of an event, a chart, a seal
    rows: list[Row] = []
    placed: set[str] = set()
    skipped: list[str] = []
    layout = read_layout(package)
    for k, (member, data) in enumerate(scanned_pages(package) if scanned else pictures_in(package)):
        # The first page is read whatever its title, as a scanned PDF's is: a form scanned from
        # its instructions page on would otherwise lose the fields printed under that title.
        if scanned and k > 0 and instructions is not None and instructions(data):
            skipped.append(member.rsplit("/", 1)[-1])
            continue
        try:
            read = read_image(data, f"{doc.file}:{member}", doc.sha256)
        except UnreadableFile:
            continue
        where = f"Word文件中的图片（{member.rsplit('/', 1)[-1]}）"
        # The scan of a blank form behind frames typed over its cells: labels and values together.
        beside = labels_with_frames(doc, layout, member, read)
        if beside is not None:
            placed |= beside[1]
        rows += [row.model_copy(update={"cells": tuple(
            c.model_copy(update={"page": None, "box": None, "where": f"{where} {c.where}" if k == 0 or beside is None
                                 else c.where}) for k, c in enumerate(row.cells))})
            for row in (beside[0] if beside is not None else read.rows)]
    if not rows:
        return None
    if placed:
        # The frames read beside their labels: their loose paragraphs go (only those).
        doc = doc.model_copy(update={"rows": tuple(r for r in doc.rows
                                                   if not (len(r.cells) == 1 and frame_key(r.cells[0].text) in placed))})
    at = next((i + 1 for i, row in enumerate(doc.rows)
               if any("基本情况" in c.text or "基本信息" in c.text for c in row.cells)), 0)
    notes = (SCAN_NOTE if scanned else NOTE,
             *([f"Word文件中的图片（{'、'.join(skipped)}）为填报说明，未OCR识别"] if skipped else []))
    return doc.model_copy(update={"rows": (*doc.rows[:at], *rows, *doc.rows[at:]), "ocr": True,
                                  "notes": (*doc.notes, *notes)})


# A Word file that only wraps scans (the signed, stamped printout scanned and inserted, a
# picture to a page) has next to no text of its own: its pages are read by OCR in order.
_WRAPPER_MAX_TEXT = 30
MAX_SCANNED_PAGES = 6
SCAN_NOTE = "Word文件里只有扫描的页面图片，已按页用文字识别读取，请核对"


def is_scan_wrapper(doc: DocText) -> bool:
    """Whether the Word file's own text is next to nothing (its pages are pictures)."""
    return sum(len(c.text.strip()) for row in doc.rows for c in row.cells) <= _WRAPPER_MAX_TEXT


def scanned_pages(package: bytes) -> list[tuple[str, bytes]]:
    """The page-sized pictures of a .docx in the order Word numbered them (image1, image2, …:
    the order they were inserted), at most MAX_SCANNED_PAGES."""
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            infos = [i for i in zf.infolist()
                     if i.filename.startswith("word/media/") and i.filename.lower().endswith(_PICTURE_SUFFIXES)
                     and MIN_PICTURE_BYTES <= i.file_size <= MAX_PICTURE_BYTES]
            infos.sort(key=lambda i: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", i.filename)])
            return [(i.filename, zf.read(i)) for i in infos[:MAX_SCANNED_PAGES]]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return []

"""The end-to-end budget: what the best tool for each stage would need for one mailbox.

The target: the sample goes from empty store to register within 2× the sum of the per-stage
floors. Each floor is measured here, in the same run, on the same messages, with the fastest
tool known for that stage; where a tool cannot run here, a figure measured earlier on a 2-core
machine is used and the row says so:

- fetch: one raw-socket `UID FETCH 1:* (BODY.PEEK[])` against the same Dovecot (measured);
- parse: the size of the mailbox at 190 MB/s, splitting at MIME boundaries and decoding base64
  directly (earlier figure);
- .docx: unzip word/document.xml and strip the tags, per distinct file (measured);
- text PDF: pypdfium2's text of every page, per distinct file (measured);
- scanned PDF: the pages that can hold fields (all pages up to 6, less the 填报说明 page when the
  form has 3 or more) × the faster of rapidocr and tesseract chi_sim, per page over the field
  pages of the first scanned form at 200 dpi (measured), shared by 2 cores;
- a .docx whose form is a pasted picture (its text holds no 项目名称, its largest picture is at
  least 40 KB), or a text PDF with no 项目名称 and a picture over a fifth of a page (printed
  from one): one page × the OCR seconds of the first such picture (measured), shared by 2 cores;
- a protected PDF or Office file: opened with the passwords its mail gives (measured), then
  counted as the file it opens to;
- .doc/.wps: 0.25 s per file, a persistent LibreOffice (unoserver) (earlier figure);
- register: 1.6 s per 5,000 rows, xlsxwriter (earlier figure).

Run by `sample_score.py`; reusable for any list of raw messages.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

PARSE_MB_PER_S = 190.0
DOC_SECONDS_PER_FILE = 0.25
REGISTER_SECONDS_PER_ROW = 1.6 / 5000
CORES = 2
MAX_FIELD_PAGES = 6


@dataclass
class Floors:
    seconds: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def lines(self) -> list[str]:
        out = [f"  {name:<14} {secs:8.2f} s   {self.notes.get(name, '')}" for name, secs in self.seconds.items()]
        out.append(f"  {'sum':<14} {self.total:8.2f} s")
        return out


def _files(raw_messages: list[bytes]) -> tuple[list[tuple[str, bytes]], float, int]:
    """(kind, data) of every distinct attachment, archive members included, as the pipeline
    sees them (its own MIME layer and sniffing); and the seconds spent unlocking the protected
    ones with the passwords their mail gives, and how many (extractors.passwords, as the pipeline does): a
    protected file is read like any other once opened, so it counts at the floor of its kind
    (before the eleventh session such files counted nothing, not even the OCR of a locked
    screenshot PDF)."""
    from shenbao.extractors.errors import UnreadableFile
    from shenbao.extractors.passwords import password_candidates, unlock_office, unlock_pdf
    from shenbao.intake.mime import parse_message

    seen: set[str] = set()
    out: list[tuple[str, bytes]] = []
    unlocking = 0.0
    unlocked = 0
    for raw in raw_messages:
        try:
            parsed = parse_message(raw)
        except Exception:  # noqa: BLE001 - a broken message costs no extraction
            continue
        candidates = password_candidates(parsed.body_text, parsed.subject)
        for part in parsed.parts:
            sha = hashlib.sha256(part.data).hexdigest()
            if part.problem or sha in seen:
                continue
            seen.add(sha)
            kind, data = part.kind, part.data
            t = time.perf_counter()
            opened: bytes | None = None
            try:
                if kind == "encrypted_ooxml" and candidates:
                    opened = unlock_office(data, candidates)[0]
                    kind = "docx" if opened[:2] == b"PK" else "doc"
                elif kind == "pdf" and candidates:
                    opened = (unlock_pdf(data, candidates) or (None, ""))[0]
            except UnreadableFile:
                pass  # none opens it: the pipeline says so, at no reading cost
            if opened is not None:  # only a file that was locked and opened counts its unlocking
                unlocking += time.perf_counter() - t
                unlocked += 1
                data = opened
            out.append((kind, data))
    return out, unlocking, unlocked


def _docx_text(data: bytes) -> int:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return 0
    return len(re.sub(r"<[^>]+>", "", xml))


PICTURE_FORM_MIN_BYTES = 40_000
# A Word file with at most this many characters of its own text only wraps pictures of pages.
SCAN_WRAPPER_MAX_TEXT = 30


def _pasted_form_picture(data: bytes) -> tuple[bytes, int] | None:
    """The largest picture of a .docx whose text names no field (no 项目名称): the form was pasted
    in as a picture (a screenshot of the filled table), which any reader has to OCR; with how
    many of its pictures hold fields. A screenshot in the template's text is one. A Word file
    with next to no text of its own wraps a scanned form, a picture a page (the signed printout
    scanned and inserted): its field pages are counted as a scanned PDF's are (`_field_pages`,
    the 填报说明 page left out), each page being as much OCR as a scanned page."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", "replace")
            text = re.sub(r"<[^>]+>", "", xml)
            if "项目名称" in text or _sheet_names_fields(zf):
                return None
            media = [i for i in zf.infolist() if i.filename.startswith("word/media/")]
            if not media:
                return None
            largest = max(media, key=lambda i: i.file_size)
            if largest.file_size < PICTURE_FORM_MIN_BYTES:
                return None
            pages = sum(1 for i in media if i.file_size >= PICTURE_FORM_MIN_BYTES) \
                if len(text.strip()) <= SCAN_WRAPPER_MAX_TEXT else 1
            return zf.read(largest), len(_field_pages(pages))
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None


def _sheet_names_fields(zf: zipfile.ZipFile) -> bool:
    """Whether a worksheet embedded in the .docx (word/embeddings/….xlsx) names 项目名称: the form
    typed into an Excel object, read from its cells (an unzip, counted with the .docx), not
    from the object's picture."""
    for info in zf.infolist():
        if info.filename.startswith("word/embeddings/") and info.filename.endswith(".xlsx"):
            with zipfile.ZipFile(BytesIO(zf.read(info))) as sheet:
                names = sheet.namelist()
                strings = sheet.read("xl/sharedStrings.xml").decode("utf-8", "replace") \
                    if "xl/sharedStrings.xml" in names else ""
                if "项目名称" in strings:
                    return True
    return False


def _large_picture_page(doc: object) -> int | None:
    """The first page of the PDF holding a picture that covers a fifth of it or more, or None."""
    import pypdfium2.raw as pdfium_c

    for number, page in enumerate(doc):  # type: ignore[call-overload]
        width, height = page.get_size()
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
            left, bottom, right, top = obj.get_bounds()
            if (right - left) * (top - bottom) >= 0.2 * width * height:
                return number
    return None


def _pdf_pages(data: bytes) -> tuple[list[str], object] | None:
    import pypdfium2

    try:
        doc = pypdfium2.PdfDocument(data, password="")
    except pypdfium2.PdfiumError:
        return None
    texts = []
    for i in range(min(len(doc), 60)):
        page = doc[i]
        texts.append(page.get_textpage().get_text_range())
    return texts, doc


def _field_pages(count: int) -> list[int]:
    """0-based pages of a scanned form that can hold fields: all up to MAX_FIELD_PAGES, less the
    second (填报说明) when the form has 3 pages or more."""
    pages = list(range(min(count, MAX_FIELD_PAGES)))
    return [p for p in pages if not (count >= 3 and p == 1)] or pages[:1]


def _ocr_seconds_per_page(images: list[object]) -> tuple[float, str]:
    """Mean seconds per page of rapidocr (one thread, as the pipeline runs it) and of tesseract
    chi_sim (when installed) over the field pages of one scanned form (pages differ: a cover
    reads in 2 s, a dense 基本情况 table in 5), each engine warmed first; the faster wins."""
    import numpy as np

    from shenbao.extractors.ocr_reader import read_boxes, warm_engine

    warm_engine()
    t = time.perf_counter()
    for image in images:
        read_boxes(np.asarray(image, dtype=np.uint8))
    results = {"rapidocr": (time.perf_counter() - t) / len(images)}
    if shutil.which("tesseract"):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for n, image in enumerate(images):
                paths.append(Path(tmp) / f"page{n}.png")
                image.save(paths[-1])  # type: ignore[attr-defined]
            argv = ["tesseract", "-", "stdout", "-l", "chi_sim"]
            if subprocess.run([*argv[:1], str(paths[0]), *argv[2:]], capture_output=True).returncode == 0:
                t = time.perf_counter()
                for path in paths:
                    subprocess.run([*argv[:1], str(path), *argv[2:]], capture_output=True, check=True)
                results["tesseract chi_sim"] = (time.perf_counter() - t) / len(paths)
    best = min(results, key=results.__getitem__)
    return results[best], ", ".join(f"{k} {v:.2f} s/page" for k, v in results.items())


def measure(raw_messages: list[bytes], fetch_seconds: float, rows: int) -> Floors:
    """Floors for these messages; `fetch_seconds` is the raw-socket fetch measured by the caller."""
    floors = Floors()
    total_bytes = sum(len(r) for r in raw_messages)
    floors.seconds["fetch"] = fetch_seconds
    floors.notes["fetch"] = f"raw socket, {len(raw_messages)} messages, {total_bytes / 1e6:.1f} MB (measured)"
    floors.seconds["parse"] = total_bytes / 1e6 / PARSE_MB_PER_S
    floors.notes["parse"] = f"{PARSE_MB_PER_S:g} MB/s (earlier figure)"

    files, unlocking, unlocked = _files(raw_messages)
    docx = [d for k, d in files if k == "docx"]
    t = time.perf_counter()
    for data in docx:
        _docx_text(data)
    floors.seconds["docx"] = time.perf_counter() - t
    floors.notes["docx"] = f"{len(docx)} files, unzip + strip tags (measured)"

    text_pages = scan_field_pages = picture_pdfs = 0
    sample_scan_pages: list[object] | None = None
    sample_picture_page: object | None = None  # the picture's page of the first such PDF
    t_text = 0.0
    for kind, data in files:
        if kind != "pdf":
            continue
        t = time.perf_counter()
        read = _pdf_pages(data)
        elapsed = time.perf_counter() - t
        if read is None:
            continue
        texts, doc = read
        if sum(len(x.strip()) for x in texts) >= 10 * len(texts):
            t_text += elapsed
            text_pages += len(texts)
            picture_at = None if any("项目名称" in x for x in texts) else _large_picture_page(doc)
            if picture_at is not None:
                picture_pdfs += 1  # printed from a .docx whose form is a pasted picture
                if sample_picture_page is None:
                    sample_picture_page = doc[picture_at]  # type: ignore[index]
        else:
            field_pages = _field_pages(len(texts))
            scan_field_pages += len(field_pages)
            if sample_scan_pages is None:
                sample_scan_pages = [doc[p].render(scale=200 / 72).to_pil().convert("RGB")  # type: ignore[index]
                                     for p in field_pages]
    floors.seconds["text PDF"] = t_text
    floors.notes["text PDF"] = f"{text_pages} pages, pypdfium2 text (measured)"
    if sample_scan_pages:
        per_page, how = _ocr_seconds_per_page(sample_scan_pages)
        floors.seconds["scan OCR"] = scan_field_pages * per_page / CORES
        floors.notes["scan OCR"] = f"{scan_field_pages} field pages × {per_page:.2f} s / {CORES} cores ({how}; measured)"
    pictured = [p for p in map(_pasted_form_picture, docx) if p is not None]
    if pictured or picture_pdfs:
        from PIL import Image

        # Timed on such a picture itself: a screenshot of a table reads faster than a scanned page.
        sample = (Image.open(BytesIO(pictured[0][0])).convert("RGB") if pictured else
                  sample_picture_page.render(scale=200 / 72).to_pil().convert("RGB"))  # type: ignore[attr-defined]
        per_page, how = _ocr_seconds_per_page([sample])
        docx_pages = sum(pages for _, pages in pictured)
        count = docx_pages + picture_pdfs
        floors.seconds["picture OCR"] = count * per_page / CORES
        floors.notes["picture OCR"] = (f"{len(pictured)} .docx ({docx_pages} field pictures) and {picture_pdfs} text "
                                       f"PDFs whose form is a pasted picture × {per_page:.2f} s / {CORES} cores "
                                       f"({how}; measured)")
    if unlocked:
        floors.seconds["unlock"] = unlocking
        floors.notes["unlock"] = f"{unlocked} protected files opened with their mail's password (measured)"
    docs = sum(1 for k, _ in files if k in ("doc", "wps", "word2003xml"))
    floors.seconds[".doc/.wps"] = docs * DOC_SECONDS_PER_FILE
    floors.notes[".doc/.wps"] = f"{docs} files × {DOC_SECONDS_PER_FILE} s (unoserver, issue's figure)"
    floors.seconds["register"] = rows * REGISTER_SECONDS_PER_ROW
    floors.notes["register"] = f"{rows} rows, xlsxwriter 1.6 s / 5,000 rows (earlier figure)"
    return floors

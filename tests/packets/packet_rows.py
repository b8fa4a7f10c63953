"""Register rows whose files are real PDFs in a content-addressed folder, for the packet tests."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from shenbao.record import FileRef, Fields, Finding, RegisterRow
from tests.outputs.rows import application_row

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 5, 20, 9, 30, tzinfo=CST)


def pdf_pages(*texts: str, rotate: int = 0) -> bytes:
    """A PDF with one A4 page per text (each page optionally turned by /Rotate)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for text in texts:
        c.setFont("STSong-Light", 14)
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    if not rotate:
        return buf.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    for page in writer.pages:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class Blobs:
    """A content-addressed folder like the store's."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(exist_ok=True)

    def add(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        (self.root / sha).write_bytes(data)
        return sha

    def path(self, sha: str) -> Path:
        return self.root / sha


def packed_row(blobs: Blobs, row_id: str, org: str, *, item: str = "学术交流", pages: int = 1,
               findings: tuple[Finding, ...] = (), partners: tuple[str, ...] = (), form: bytes | None = None
               ) -> RegisterRow:
    """An application of `org` whose 申报书 is a PDF of `pages` pages, each naming the row."""
    data = form if form is not None else pdf_pages(*(f"{org} 申报书 第{n}页" for n in range(1, pages + 1)))
    return application_row(
        row_id, files=(FileRef(name="申报书.pdf", sha256=blobs.add(data), role="form"),), findings=findings,
        fields=Fields(applicant_org=org, project_name=f"{org}{item}项目", subcategory=item, funding_wan=8.0,
                      partner_orgs=partners))


def sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    """The lines of one sheet below its header."""
    return list(load_workbook(path)[name].iter_rows(min_row=2, values_only=True))


def workbook_text(path: Path) -> str:
    """Every cell of every sheet, as one text."""
    wb = load_workbook(path)
    return "\n".join(str(v) for ws in wb.worksheets for line in ws.iter_rows(values_only=True) for v in line
                     if v is not None)

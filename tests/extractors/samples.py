"""One small, real file of every readable kind, for the reader contract and the registry tests.

Each sample holds the phrase MARK, so that a test can tell the file was really read. Kinds that
need LibreOffice to be made (.doc, .wps) skip the calling test when it is not installed; the
image needs a CJK font to be drawn.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from functools import cache

import openpyxl
import pytest
from docx.document import Document as DocumentObject

from shenbao.extractors import convert
from tests.builders.docx_quirks import WORD2003_XML, docx_from, encrypted_docx
from tests.builders.pdf_quirks import cjk_font_path, form_image, pdf_from, text_page

MARK = "读者契约测试"
# The phrase the Word 2003 XML builder writes (docx_quirks.WORD2003_XML).
WORD2003_MARK = "二〇〇三格式测试项目"
# Kinds no reader can read by design: a real file of the kind is refused with this reason.
REFUSED = {"encrypted_ooxml": "文件已加密（需要密码），无法打开"}


def _form(doc: DocumentObject) -> None:
    doc.add_paragraph(f"项目名称：{MARK}")
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text = "负责人"
    table.cell(0, 1).text = "张三"
    # LibreOffice's .doc export drops a table that ends the body: end on a paragraph.
    doc.add_paragraph("申报单位（盖章）")


@cache
def docx() -> bytes:
    return docx_from(_form)


@cache
def _word97() -> bytes:
    """The form saved by LibreOffice as Word 97 binary, which Kingsoft WPS writes too (sniff
    tells .wps from .doc by the name alone)."""
    if not convert.available():
        pytest.skip("LibreOffice is not installed")
    return convert.convert(docx(), "docx", "doc")


@cache
def pdf() -> bytes:
    return pdf_from([text_page([f"项目名称：{MARK}", "负责人：张三"])])


@cache
def _workbook() -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", MARK])
    wb.active.append(["负责人", "张三"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def image() -> bytes:
    """A small page photo: two lines, 640 pixels wide (OCR takes about a second)."""
    if cjk_font_path() is None:
        pytest.skip("no CJK font installed")
    out = io.BytesIO()
    form_image([f"项目名称：{MARK}", "负责人：张三"], width=640).save(out, format="PNG")
    return out.getvalue()


# Each readable kind → a maker of (bytes, file name) of a real file of that kind.
MAKERS: dict[str, Callable[[], tuple[bytes, str]]] = {
    "docx": lambda: (docx(), "申报书.docx"),
    "doc": lambda: (_word97(), "申报书.doc"),
    "wps": lambda: (_word97(), "申报书.wps"),
    "word2003xml": lambda: (WORD2003_XML, "申报书.xml"),
    "pdf": lambda: (pdf(), "申报书.pdf"),
    "image": lambda: (image(), "扫描件.png"),
    "encrypted_ooxml": lambda: (encrypted_docx(docx()), "申报书.docx"),
    "text": lambda: (f"项目名称\t{MARK}\n负责人\t张三\n".encode("utf-8"), "邮件正文.txt"),
    "xlsx": lambda: (_workbook(), "申报书.xlsx"),
}


def sample(kind: str) -> tuple[bytes, str]:
    """(bytes, file name) of a real file of `kind`; the test is skipped where it cannot be made."""
    return MAKERS[kind]()


def mark_of(kind: str) -> str:
    return WORD2003_MARK if kind == "word2003xml" else MARK


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

"""One small, real file of every readable kind, for the reader contract and the registry tests.

Each sample holds the phrase MARK, so that a test can tell the file was really read. Kinds that
need LibreOffice to be made (.doc, .wps) skip the calling test when it is not installed; the
image needs a CJK font to be drawn.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from functools import cache

import openpyxl
import pytest
from docx.document import Document as DocumentObject

from shenbao.extractors import convert
from tests.builders.docx_quirks import WORD2003_XML, docx_from, encrypted_docx
from tests.builders.pdf_quirks import cjk_font_path, form_image, pdf_from, text_page
from tests.builders.ofd import ofd_package, ofd_page

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


def rtf_table(rows: list[tuple[str, str]]) -> bytes:
    """An RTF document holding a two-column table, as Word's "RTF 格式" writes one (Han text as
    \\uN? escapes, rows closed by \\row)."""
    def esc(text: str) -> str:
        return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?"
                       for ch in text)
    body = "".join("\\trowd\\cellx3000\\cellx9000 " + f"\\intbl {esc(a)}\\cell \\intbl {esc(b)}\\cell \\row\n"
                   for a, b in rows)
    return ("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
            + body + "\\pard\\par}").encode("ascii")


def odt_table(rows: list[tuple[str, str]]) -> bytes:
    """An OpenDocument text package holding a two-column table (its mimetype member first and
    stored, as ODF 1.2 §3.3 requires)."""
    from xml.sax.saxutils import escape

    cells = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{escape(t)}</text:p></table:table-cell>' for t in row)
        + "</table:table-row>" for row in rows)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
               '<office:body><office:text><table:table table:name="表1"><table:table-column '
               'table:number-columns-repeated="2"/>' + cells + '</table:table></office:text></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:  # fixed dates: the same rows make the same bytes
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr(zipfile.ZipInfo("content.xml"), content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("META-INF/manifest.xml"), manifest, compress_type=zipfile.ZIP_DEFLATED)
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
    "rtf": lambda: (rtf_table([("项目名称", MARK), ("负责人", "张三")]), "申报书.doc"),
    "odt": lambda: (odt_table([("项目名称", MARK), ("负责人", "张三")]), "申报书.odt"),
    "html": lambda: (f"<html><body><table><tr><td>项目名称</td><td>{MARK}</td></tr></table></body></html>"
                     .encode(), "申报书.htm"),
    "pdf": lambda: (pdf(), "申报书.pdf"),
    "image": lambda: (image(), "扫描件.png"),
    "encrypted_ooxml": lambda: (encrypted_docx(docx()), "申报书.docx"),
    "text": lambda: (f"项目名称\t{MARK}\n负责人\t张三\n".encode("utf-8"), "邮件正文.txt"),
    "xlsx": lambda: (_workbook(), "申报书.xlsx"),
    "ofd": lambda: (ofd_package([ofd_page([(20, 30, "项目名称"), (60, 30, MARK), (20, 40, "负责人"), (60, 40, "张三")])]),
                    "申报书.ofd"),
}


def sample(kind: str) -> tuple[bytes, str]:
    """(bytes, file name) of a real file of `kind`; the test is skipped where it cannot be made."""
    return MAKERS[kind]()


def mark_of(kind: str) -> str:
    return WORD2003_MARK if kind == "word2003xml" else MARK


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

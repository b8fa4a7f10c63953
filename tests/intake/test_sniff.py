"""sniff_kind: the bytes decide, the extension only breaks ties."""

from __future__ import annotations

import pytest
from shenbao.intake.sniff import sniff_kind

from tests.builders.eml import mail, text_part, winmail_dat
from tests.intake.file_builders import (
    doc_bytes,
    docx_bytes,
    encrypted_docx_bytes,
    ole_bytes,
    pdf_bytes,
    rar4_bytes,
    sevenzip_bytes,
    xlsx_bytes,
    zip_bytes,
)


def test_doc_renamed_docx_is_sniffed_as_doc() -> None:
    assert sniff_kind(doc_bytes(), "申报书.docx") == "doc"


def test_ole_word_file_named_wps_is_wps() -> None:
    assert sniff_kind(doc_bytes(), "申报书.wps") == "wps"


def test_pdf_renamed_doc_is_sniffed_as_pdf() -> None:
    assert sniff_kind(pdf_bytes(), "申报书.doc") == "pdf"


def test_pdf_signature_after_junk_in_first_kilobyte_is_pdf() -> None:
    assert sniff_kind(pdf_bytes(junk_prefix=b"\x00garbage\r\n" * 50), "x.bin") == "pdf"


def test_docx_renamed_doc_is_sniffed_as_docx() -> None:
    assert sniff_kind(docx_bytes(), "申报书.doc") == "docx"


def test_xlsx_renamed_docx_is_sniffed_as_xlsx() -> None:
    assert sniff_kind(xlsx_bytes(), "申报书.docx") == "xlsx"


def test_plain_zip_is_zip_even_named_docx() -> None:
    assert sniff_kind(zip_bytes([("a.txt", b"hello")]), "a.docx") == "zip"


def test_password_protected_docx_is_encrypted_ooxml() -> None:
    assert sniff_kind(encrypted_docx_bytes(), "申报书.docx") == "encrypted_ooxml"


def test_ole_with_workbook_stream_is_xls() -> None:
    assert sniff_kind(ole_bytes({"Workbook": b"\x09\x08"}), "a.xls") == "xls"


def test_other_ole_file_is_ole() -> None:
    assert sniff_kind(ole_bytes({"__substg1.0_0037001F": b"s"}), "a.msg") == "ole"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"Rar!\x1a\x07\x00" + b"\0" * 20, "rar"),
        (b"Rar!\x1a\x07\x01\x00" + b"\0" * 20, "rar"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "image"),
        (b"II*\x00" + b"\0" * 20, "image"),
        (b"MM\x00*" + b"\0" * 20, "image"),
        (b"BM" + b"\0" * 60, "image"),
        (b"", "unknown"),
        (b"\x00\x01\x02\x03\x04" * 30, "unknown"),
    ],
)
def test_magic_bytes_decide_the_kind(data: bytes, kind: str) -> None:
    assert sniff_kind(data, "x") == kind


def test_real_7z_and_rar_archives_are_recognised() -> None:
    assert sniff_kind(sevenzip_bytes([("a.txt", b"x")]), "a.zip") == "7z"
    assert sniff_kind(rar4_bytes(b"a.txt", b"x"), "a.zip") == "rar"


def test_an_archive_storing_a_pdf_uncompressed_is_the_archive() -> None:
    # "%PDF-" a few dozen bytes in: the archive's magic decides, not the PDF header inside.
    pdf = b"%PDF-1.6\n%\xc3\xa4\n2 0 obj\n<<>>\nendobj\n" * 20
    stored = sevenzip_bytes([("申报书.pdf", pdf)], stored=True)
    assert b"%PDF-" in stored[:1024]
    assert sniff_kind(stored, "申报书.7z") == "7z"
    assert sniff_kind(rar4_bytes("申报书.pdf".encode(), pdf), "申报书.rar") == "rar"


def test_tnef_signature_is_tnef() -> None:
    assert sniff_kind(winmail_dat([(b"a.doc", b"x")]), "winmail.dat") == "tnef"


def test_word_2003_xml_saved_as_doc_is_word2003xml() -> None:
    xml = ('<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
           '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
           '<w:body><w:p><w:r><w:t>申报书</w:t></w:r></w:p></w:body></w:wordDocument>').encode()
    assert sniff_kind(xml, "申报书.doc") == "word2003xml"


def test_eml_bytes_are_eml() -> None:
    assert sniff_kind(mail(subject="转发", parts=[text_part("你好")]), "a.dat") == "eml"


def test_html_and_text_are_told_apart() -> None:
    assert sniff_kind("<html><body>申报</body></html>".encode(), "a.htm") == "html"
    assert sniff_kind("项目申报书\r\n第二行".encode("gbk"), "a.txt") == "text"


def test_truncated_docx_is_still_docx() -> None:
    data = docx_bytes()
    assert sniff_kind(data[: len(data) // 2], "a.docx") == "docx"


def test_sniff_never_raises_on_garbage_with_magic() -> None:
    for magic in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c"):
        assert isinstance(sniff_kind(magic + b"\xff" * 100, "x"), str)


def test_rtf_saved_as_doc_is_rtf_and_plain_text_is_not() -> None:
    # Word's and WPS's "RTF 格式" keeps the .doc name the template had; LibreOffice reads it.
    rtf = b"{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\u39033?\\par}"
    assert sniff_kind(rtf, "申报书.doc") == "rtf"
    assert sniff_kind(b"\xef\xbb\xbf" + rtf, "申报书.rtf") == "rtf"
    assert sniff_kind("项目名称：{\\rtf 不是格式}".encode(), "说明.txt") == "text"


def test_an_opendocument_text_is_odt_and_a_zip_holding_one_is_a_zip() -> None:
    from tests.extractors.samples import odt_table

    odt = odt_table([("项目名称", "某某论坛")])
    assert sniff_kind(odt, "申报书.odt") == "odt"
    assert sniff_kind(odt, "申报书.doc") == "odt"
    assert sniff_kind(zip_bytes([("申报书.odt", odt)]), "申报材料.zip") == "zip"


def test_a_web_archive_holding_words_xml_island_is_a_page_not_word_2003_xml() -> None:
    # Word's 单个文件网页 named .doc: its MIME head comes first, Word's <w:WordDocument> later.
    mht = (b'MIME-Version: 1.0\r\nX-Document-Type: Worddocument\r\n'
           b'Content-Type: multipart/related; boundary="----=_NextPart_01DA"\r\n\r\n'
           b'------=_NextPart_01DA\r\nContent-Type: text/html; charset="gbk"\r\n\r\n'
           b'<html xmlns:w="urn:schemas-microsoft-com:office:word"><head><xml><w:WordDocument>'
           b'<w:View>Print</w:View></w:WordDocument></xml></head><body></body></html>\r\n------=_NextPart_01DA--\r\n')
    assert sniff_kind(mht, "新建 Microsoft Word 97 - 2003 文档.doc") == "html"

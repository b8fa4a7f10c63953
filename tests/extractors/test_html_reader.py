"""A form saved as a web page (Word's or WPS's 另存为网页 .htm, 单个文件网页 .mht) is read as a
form: its tables cell by cell, ticks written in a symbol font as ☑/☐, Word's hidden XML left
out; hostile or non-HTML bytes are unreadable, said so."""

from __future__ import annotations

import hashlib
import quopri
import shutil
import subprocess
from pathlib import Path

import pytest

from shenbao.demo.forms import build_docx, example_spec
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.fields import score_and_form
from shenbao.extractors.html_reader import html_to_doctext
from shenbao.extractors.readers import read_document
from shenbao.execution import run_isolated
from shenbao.intake.sniff import sniff_kind


def fields_of(data: bytes, name: str, kind: str) -> dict[str, object]:
    _, form = score_and_form(read_document(data, name, kind, hashlib.sha256(data).hexdigest()))
    assert form is not None
    return form.fields.model_dump()


@pytest.fixture(scope="module")
def saved_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """(the demo form as .docx, the same document saved as a web page by LibreOffice)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("page")
    docx = build_docx(example_spec(project_name="湘江流域声景生态保护学术研讨会"))
    (folder / "form.docx").write_bytes(docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                    "html:HTML (StarWriter)", "form.docx"], cwd=folder, check=True, capture_output=True, timeout=180)
    return docx, (folder / "form.html").read_bytes()


def test_a_form_saved_as_a_web_page_reads_as_its_word_file_does(saved_page: tuple[bytes, bytes]) -> None:
    docx, page = saved_page
    assert sniff_kind(page, "申报书.htm") == "html"
    assert fields_of(page, "申报书.htm", "html") == fields_of(docx, "申报书.docx", "docx")


def test_a_single_file_web_page_is_a_page_not_a_forwarded_mail(saved_page: tuple[bytes, bytes]) -> None:
    docx, page = saved_page
    mht = (b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart_01DA"\r\n\r\n'
           + "此文档为“单个文件网页”，也称为“Web 档案”文件。".encode("gb18030") * 20
           + b'\r\n\r\n------=_NextPart_01DA\r\nContent-Location: file:///C:/form.htm\r\n'
           b'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset="utf-8"\r\n\r\n'
           + quopri.encodestring(page) + b"\r\n------=_NextPart_01DA--\r\n")
    assert sniff_kind(mht, "申报书.mht") == "html"
    assert fields_of(mht, "申报书.mht", "html") == fields_of(docx, "申报书.docx", "docx")
    # A forwarded message is still a message.
    forwarded = b"From: a@b.cn\r\nSubject: fw\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; b=1\r\n\r\nx"
    assert sniff_kind(forwarded, "转发.eml") == "eml"


WORD_PAGE = """<html xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>申报书</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style>p.MsoNormal {font-family:宋体}</style></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal>2024年度湖南省科协科技创新服务能力提升计划项目申报书</p>
<table class=MsoTableGrid border=1>
<tr><td><p>项目名称</p></td><td><p>湘江&nbsp;流域学会服务站建设<o:p></o:p></p></td></tr>
<tr><td><p>项目类别</p></td><td><p>科技创新服务能力建设项目：</p><p>
<span style='font-family:Wingdings;mso-ascii-font-family:宋体'>&#254;</span>学会服务站建设
<span style='font-family:Wingdings'>&#168;</span>学术交流</p></td></tr>
<tr><td>单位类型</td><td><input type=checkbox checked>省级学会 <input type="checkbox">市州科协</td></tr>
<tr><td>申报单位</td><td>湖南省水利学会</td></tr>
<tr><td>项目负责人</td><td>王立新</td></tr>
</table></div></body></html>"""


def test_a_word_page_reads_its_symbol_font_ticks_and_leaves_its_xml_out() -> None:
    doc = html_to_doctext(WORD_PAGE.encode("gb18030"), "申报书.htm", "0" * 64)
    texts = [c.text for r in doc.rows for c in r.cells]
    assert not any("Print" in t for t in texts)
    assert ["项目名称", "湘江 流域学会服务站建设"] in [[c.text for c in r.cells] for r in doc.rows]
    _, form = score_and_form(doc)
    assert form is not None
    assert (form.fields.subcategory, form.fields.applicant_type, form.fields.leader_name) == (
        "学会服务站建设", "省级学会", "王立新")
    assert next(r for r in doc.rows if r.cells[0].text == "申报单位").cells[1].where == "表1 第4行第2列"


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02 binary \x03\x04" * 200,
    "这不是网页，只是一段文字。".encode() * 20,
    b'<meta charset="undefined">' + b"\x00\x01" * 300,  # a codec that cannot decode: the next tried
])
def test_what_is_no_page_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        html_to_doctext(data, "x.htm", "0" * 64)


def test_a_page_with_no_text_is_read_as_empty_not_as_a_problem() -> None:
    # ATT00001.htm: the body's HTML a mail client attaches, holding a picture and nothing else.
    doc = html_to_doctext(b"<html><body><img src='cid:x'></body></html>", "ATT00001.htm", "0" * 64)
    assert doc.rows == ()


def _rows_of(data: bytes) -> int:
    """Rows read, or -1 when the bytes are refused as no page."""
    try:
        return len(html_to_doctext(data, "x.htm", "0" * 64).rows)
    except UnreadableFile:
        return -1


@pytest.mark.parametrize(("data", "rows"), [
    (b"<" + b"a" * 400_000, -1),  # a tag that never closes (quadratic to a backtracking name match)
    (b"<p>x</p>" + b"<" * 4_000_000, 2),  # stray "<" (each once, not a search to the end per one)
    (b"<span>x" * 300_000, 1),  # spans never closed (the font in force kept, not looked up)
    (b"<table>" + b"<tr><td>x" * 400_000, 5000),  # rows past the cap are not built
], ids=["unclosed tag", "stray brackets", "unclosed spans", "endless rows"])
def test_hostile_markup_is_read_in_one_pass(data: bytes, rows: int) -> None:
    # In a child with the readers' limits: markup that made the walk quadratic or unbounded
    # would be stopped by them (Isolated) instead of giving its few rows.
    assert run_isolated(_rows_of, data, timeout=60) == rows


def test_a_head_left_open_still_shows_the_body_and_only_checked_ticks() -> None:
    page = ("<html><head><title>申报书</title><body><table><tr><td>单位类型</td><td>"
            "<input type=checkbox aria-checked=false>省级学会 <input type=checkbox checked>高校科协</td></tr></table>")
    assert [[c.text for c in r.cells] for r in html_to_doctext(page.encode(), "x.htm", "0" * 64).rows] == [
        ["单位类型", "☐省级学会 ☑高校科协"]]


def test_a_nested_table_keeps_the_outer_cells_apart(tmp_path: Path) -> None:
    page = ("<table><tr><td>项目负责人</td><td><table><tr><td>姓名</td><td>王立新</td></tr></table>"
            "</td></tr><tr><td>申报单位</td><td>湖南省水利学会</td></tr></table>")
    rows = [[c.text for c in r.cells] for r in html_to_doctext(page.encode(), "x.htm", "0" * 64).rows]
    assert ["姓名", "王立新"] in rows and ["申报单位", "湖南省水利学会"] in rows

"""LibreOffice conversion: real soffice for .doc and Word 2003 XML, and a fake
soffice for the failure modes (a hang, an exit 0 that wrote nothing, no LibreOffice)."""

from __future__ import annotations

import os
import stat
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docx.document import Document as DocumentObject

from shenbao.extractors import convert
from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.extractors.errors import UnreadableFile
from shenbao.record import DocText
from tests.builders.docx_quirks import WORD2003_XML, docx_from

needs_soffice = pytest.mark.skipif(not convert.available(), reason="LibreOffice not installed")


def texts(doc: DocText) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in doc.rows]


def _form(doc: DocumentObject) -> None:
    doc.add_paragraph("项目名称：旧格式测试项目")
    t = doc.add_table(rows=2, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).text = "负责人"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "张三"
    t.cell(1, 0).text = "联系电话"
    t.cell(1, 1).merge(t.cell(1, 2)).text = "13800000000"
    # A table that ends the body is dropped by LibreOffice's .doc export: end on a paragraph.
    doc.add_paragraph("申报单位（盖章）")


FORM_ROWS = [["项目名称：旧格式测试项目"], ["负责人", "张三"], ["联系电话", "13800000000"],
             ["申报单位（盖章）"]]


@pytest.fixture(scope="module")
def form_docx() -> bytes:
    return docx_from(_form)


@pytest.fixture(scope="module")
def form_doc(form_docx: bytes) -> bytes:
    """The form saved as Word 97 .doc by LibreOffice itself (`--convert-to doc`)."""
    if not convert.available():
        pytest.skip("LibreOffice not installed")
    return convert.convert(form_docx, "docx", "doc")


# --------------------------------------------------------------------------- real soffice


@pytest.mark.slow
@needs_soffice
def test_doc_renamed_docx_is_refused_by_the_reader_and_round_trips_through_soffice(
        form_doc: bytes) -> None:
    assert form_doc[:4] == b"\xd0\xcf\x11\xe0"
    with pytest.raises(UnreadableFile) as err:
        docx_to_doctext(form_doc, "申报书.docx", "0")
    assert "doc" in err.value.reason

    converted = convert.to_docx(form_doc, "申报书.docx", "doc")

    doc = docx_to_doctext(converted, "申报书.docx", "0", kind="doc")
    assert texts(doc) == FORM_ROWS and doc.kind == "doc"


@pytest.mark.slow
@needs_soffice
def test_two_conversions_in_parallel_both_succeed(form_doc: bytes, form_docx: bytes) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        docx_job = pool.submit(convert.to_docx, form_doc, "a.doc", "doc")
        pdf_job = pool.submit(convert.to_pdf, form_docx, "b.docx")
        docx_out, pdf_out = docx_job.result(), pdf_job.result()

    assert texts(docx_to_doctext(docx_out, "a.doc", "0")) == FORM_ROWS
    assert pdf_out.startswith(b"%PDF-")


@pytest.mark.slow
@needs_soffice
def test_word_2003_xml_and_a_broken_file_convert_in_one_batch() -> None:
    results = convert.to_docx_many([
        (WORD2003_XML, "申报书.xml", "word2003xml"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600, "坏文件.doc", "doc"),
    ])

    assert len(results) == 2
    first, second = results
    assert isinstance(first, bytes)
    assert texts(docx_to_doctext(first, "申报书.xml", "0")) == [
        ["项目名称：二〇〇三格式测试项目"], ["项目负责人", "王五"], ["结束"]]
    assert isinstance(second, UnreadableFile)
    assert second.reason.startswith("无法转换：")


# --------------------------------------------------------------------------- fake soffice


def _fake_soffice(tmp_path: Path, body: str) -> list[str]:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return [str(script)]


def _process_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")  # a zombie waiting for its reaper no longer runs


def test_a_hanging_soffice_is_killed_with_its_children(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "child.pid"
    command = _fake_soffice(tmp_path, f"sleep 30 &\necho $! > {pid_file}\nwait")
    monkeypatch.setattr(convert, "soffice_command", lambda: command)

    with pytest.raises(UnreadableFile) as err:
        convert.to_docx(b"\xd0\xcf\x11\xe0", "慢.wps", "wps", timeout=1)

    assert "超时" in err.value.reason
    child = int(pid_file.read_text())
    for _ in range(50):  # the orphaned child is reaped asynchronously by init
        if _process_gone(child):
            break
        time.sleep(0.1)
    assert _process_gone(child)


def test_soffice_that_exits_zero_without_output_is_an_unreadable_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    command = _fake_soffice(tmp_path, "exit 0")
    monkeypatch.setattr(convert, "soffice_command", lambda: command)

    with pytest.raises(UnreadableFile) as err:
        convert.to_docx(b"\xd0\xcf\x11\xe0", "a.doc", "doc")
    assert err.value.reason.startswith("无法转换：")


def test_fake_soffice_gets_a_private_profile_and_a_generated_input_name(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "argv.txt"
    command = _fake_soffice(tmp_path, f'for a in "$@"; do echo "$a" >> {log}; done')
    monkeypatch.setattr(convert, "soffice_command", lambda: command)

    with pytest.raises(UnreadableFile):
        convert.to_docx(b"<?xml", "../../申报书 最终版.xml", "word2003xml")

    argv = log.read_text(encoding="utf-8").splitlines()
    profile = next(a for a in argv if a.startswith("-env:UserInstallation=file://"))
    assert "shenbao-lo-" in profile
    assert argv[-1].endswith("/input0.xml")
    assert not any("申报书" in a for a in argv)
    assert not Path(argv[-1]).exists()  # the private temp dir is removed afterwards


def test_missing_libreoffice_is_reported_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "soffice_command", lambda: None)

    assert convert.available() is False
    with pytest.raises(UnreadableFile) as err:
        convert.to_docx(b"x", "a.doc", "doc")
    assert err.value.reason == "无法转换：未安装LibreOffice"


def test_pdf_input_to_pdf_is_returned_unchanged() -> None:
    pdf = b"%PDF-1.4\n%%EOF\n"
    assert convert.to_pdf(pdf, "a.pdf") == pdf


def test_empty_batch_needs_no_soffice() -> None:
    assert convert.to_docx_many([]) == []


def test_no_profile_dirs_are_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(convert.tempfile, "tempdir", None)
    command = _fake_soffice(tmp_path, "exit 0")
    monkeypatch.setattr(convert, "soffice_command", lambda: command)

    results = convert.to_docx_many([(b"a", "a.doc", "doc"), (b"b", "b.wps", "wps")])

    assert [type(r) for r in results] == [UnreadableFile, UnreadableFile]
    assert sorted(os.listdir(tmp_path)) == ["fake-soffice"]

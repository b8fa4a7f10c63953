"""The persistent converter: one real soffice, behind extractors/uno_bridge.py, converts file
after file; a bad file, a hang or a dead soffice costs that file only, and nothing outlives it."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
from docx import Document

from shenbao.demo.forms import build_docx, example_spec
from shenbao.extractors import convert
from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.extractors.errors import UnreadableFile
from tests.support.processes import processes_using, wait_until_gone

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not convert.persistent_available(), reason="LibreOffice or python3-uno is not installed")]

PROJECTS = ("湘江流域声景生态保护学术研讨会", "洞庭湖湿地鸟类科普进校园活动", "岳麓山古树名木保护技术培训班")
BROKEN_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\xff" * 600


@pytest.fixture(scope="module")
def docs() -> list[bytes]:
    """Three different forms saved as Word 97 .doc by LibreOffice itself, in one soffice run."""
    out = convert.convert_many([(build_docx(example_spec(project_name=p)), "docx") for p in PROJECTS],
                               "doc", timeout=180)
    assert all(isinstance(o, bytes) and o[:4] == b"\xd0\xcf\x11\xe0" for o in out), out
    return [o for o in out if isinstance(o, bytes)]


@pytest.fixture(scope="module")
def converter() -> Iterator[convert.PersistentConverter]:
    with convert.PersistentConverter() as started:
        started.start()
        yield started


def text_of(docx: bytes) -> str:
    return "\n".join(c.text for r in docx_to_doctext(docx, "申报书.doc", "0").rows for c in r.cells)


def test_several_files_are_converted_by_one_soffice(converter: convert.PersistentConverter,
                                                     docs: list[bytes]) -> None:
    pid, soffice_pid = converter.pid, converter.soffice_pid

    texts = [text_of(converter.to_docx(d, f"申报书{i}.doc", "doc")) for i, d in enumerate(docs)]

    for project, text in zip(PROJECTS, texts):
        assert project in text
    assert pid is not None and converter.pid == pid and converter.soffice_pid == soffice_pid


def with_comment(docx: bytes) -> bytes:
    """`docx` with a reviewer's comment on its first paragraph, as a unit's office leaves one in."""
    doc = Document(io.BytesIO(docx))
    first = next(p for p in doc.paragraphs if p.runs)
    doc.add_comment(first.runs, text="请核对名称与公章是否一致", author="王主任", initials="王")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def commented() -> tuple[bytes, bytes]:
    """One form with a comment left in, as .docx and as Word 97 .doc (saved by LibreOffice)."""
    docx = with_comment(build_docx(example_spec(project_name=PROJECTS[0])))
    [doc] = convert.convert_many([(docx, "docx")], "doc", timeout=180)
    assert isinstance(doc, bytes) and doc[:4] == b"\xd0\xcf\x11\xe0", doc
    return docx, doc


def test_a_word_file_with_a_comment_converts_without_killing_soffice(
        converter: convert.PersistentConverter, commented: tuple[bytes, bytes]) -> None:
    # Debian's -nogui LibreOffice has no Writer dialogs: a view of a document with comments
    # aborted soffice 7.4 while building the comment window, so every such file failed here and
    # was converted again by a soffice of its own (extractors/uno_bridge.py, load_text_model).
    docx, doc = commented
    converter.start()
    soffice_pid = converter.soffice_pid

    as_docx = converter.to_docx(doc, "申报书.doc", "doc")
    printed = [converter.to_pdf(doc, "申报书.doc", "doc"), converter.to_pdf(docx, "申报书.docx", "docx")]

    assert PROJECTS[0] in text_of(as_docx)
    for pdf in printed:
        assert pdf.startswith(b"%PDF")
        assert PROJECTS[0] in pdf_text(pdf)
    assert converter.soffice_pid == soffice_pid


def pdf_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_a_broken_file_fails_in_chinese_and_the_next_file_still_converts(
        converter: convert.PersistentConverter, docs: list[bytes]) -> None:
    reasons = []
    for bad in (BROKEN_OLE, docs[0][: len(docs[0]) // 3], b"\x00" * 10):
        with pytest.raises(UnreadableFile) as err:
            converter.to_docx(bad, "坏文件.doc", "doc")
        reasons.append(err.value.reason)

    assert all(r.startswith("无法转换：") for r in reasons), reasons
    assert PROJECTS[1] in text_of(converter.to_docx(docs[1], "申报书.doc", "doc"))


def test_a_timeout_kills_the_whole_group_and_the_next_call_starts_afresh(
        converter: convert.PersistentConverter, docs: list[bytes]) -> None:
    converter.start()
    pid, profile = converter.pid, converter.profile_dir
    assert profile is not None and len(processes_using(profile)) >= 2  # the bridge and soffice
    argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")
    accept_pipe = Path(f"/tmp/OSL_PIPE_{os.getuid()}_{argv[argv.index('--pipe') + 1]}")
    assert accept_pipe.is_socket()

    with pytest.raises(UnreadableFile) as err:
        converter.to_docx(docs[0], "申报书.doc", "doc", timeout=0.001)

    assert err.value.reason == "无法转换：LibreOffice超时（0.001秒）"
    assert converter.pid is None
    assert wait_until_gone(profile) == []
    assert not profile.exists() and not accept_pipe.exists()  # a killed soffice leaves it in /tmp
    assert PROJECTS[2] in text_of(converter.to_docx(docs[2], "申报书.doc", "doc"))
    assert converter.pid not in (None, pid)


def test_a_soffice_killed_while_idle_does_not_fail_the_next_file(
        converter: convert.PersistentConverter, docs: list[bytes]) -> None:
    converter.start()
    bridge, profile = converter.pid, converter.profile_dir
    assert profile is not None
    office = [p for p in processes_using(profile) if p != bridge]
    assert office
    for p in office:
        os.kill(p, signal.SIGKILL)
    for _ in range(100):
        if processes_using(profile) == [bridge]:
            break
        time.sleep(0.05)

    assert PROJECTS[0] in text_of(converter.to_docx(docs[0], "申报书.doc", "doc"))
    assert converter.pid not in (None, bridge) and converter.profile_dir != profile


def test_soffice_runs_under_the_memory_cap(converter: convert.PersistentConverter) -> None:
    converter.start()
    assert converter.profile_dir is not None
    limits = []
    for p in processes_using(converter.profile_dir):
        line = next(x for x in Path(f"/proc/{p}/limits").read_text().splitlines()
                    if x.startswith("Max address space"))
        limits.append(int(line.split()[3]))

    assert len(limits) >= 2
    assert set(limits) == {convert.PERSISTENT_MEMORY_MB * 1024 * 1024}


def test_close_leaves_no_process_and_no_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 docs: list[bytes]) -> None:
    monkeypatch.setattr(convert.tempfile, "tempdir", str(tmp_path))
    with convert.PersistentConverter() as own:
        assert PROJECTS[0] in text_of(own.to_docx(docs[0], "../../申报书 最终版.doc", "doc"))
        profile = own.profile_dir
        assert profile is not None
        names = {p.name for p in profile.parent.iterdir()}
        assert not any("申报书" in n for n in names)  # the sender's name never reaches the disk

    assert own.pid is None
    assert wait_until_gone(profile) == []
    assert list(tmp_path.iterdir()) == []


def test_a_killed_owner_process_leaves_no_soffice_behind(tmp_path: Path) -> None:
    """If the service is killed outright (no atexit), the bridge reads end-of-input and ends soffice."""
    script = textwrap.dedent("""
        import os, sys
        from shenbao.extractors import convert
        c = convert.PersistentConverter()
        c.start()
        print(c.profile_dir, flush=True)
        os.kill(os.getpid(), 9)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TMPDIR": str(tmp_path)})
    assert done.returncode == -signal.SIGKILL, done.stderr
    profile = Path(done.stdout.strip())
    assert profile.is_relative_to(tmp_path)

    assert wait_until_gone(profile) == []

"""Issue 19.6: one hostile .docx (a document LibreOffice lays out for many minutes) among the
office files of the packets. It fails alone, within its own time limit, and the packet notes it;
every other file is printed; no LibreOffice and no LibreOffice folder outlives the command, also
when the command is stopped with SIGTERM in the middle of that file."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from shenbao.cli import main
from shenbao.demo.workspace import build_workspace
from shenbao.execution import close_shared_converter, office_files_to_pdfs
from shenbao.extractors import convert
from shenbao.extractors.errors import UnreadableFile
from shenbao.pipeline import run_once
from shenbao.settings import load_settings
from tests.packets.office_files import (DOCX, HOSTILE_NAME, XLSX, add_application_mail, endless_layout_docx,
                                        ordinary_files)
from tests.support.processes import processes_using, wait_until_gone

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not convert.available(), reason="LibreOffice is not installed")]

# Per-file limit used here: a tiny file prints in well under a second even on a loaded machine
# (soffice's own start is not counted), the hostile file never finishes.
LIMIT = 10.0
PROJECT = "洞庭湖湿地鸟类科普进校园活动"


def pdf_text(data: bytes | Exception) -> str:
    """The text of a PDF, without white space (pypdf puts spaces around digits in Chinese)."""
    assert isinstance(data, bytes) and data.startswith(b"%PDF-"), data
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def leftovers(temp: Path) -> tuple[list[int], list[str]]:
    """Processes still naming `temp` (soffice, the bridge) and LibreOffice work dirs left in it."""
    return wait_until_gone(temp), sorted(p.name for p in temp.glob(convert.WORK_PREFIX + "*"))


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private temp dir for LibreOffice's work dirs, and no LibreOffice kept from earlier tests
    (office_files_to_pdfs ends only the one it started)."""
    close_shared_converter()
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    close_shared_converter()


# --------------------------------------------------------------------------- the conversion

@pytest.mark.skipif(not convert.persistent_available(), reason="python3-uno is not installed")
def test_a_hostile_docx_among_fifty_files_fails_alone_in_the_kept_running_libreoffice(temp: Path) -> None:
    ordinary = ordinary_files(50)
    files = [(data, kind) for _, data, kind in ordinary]
    files.insert(10, (endless_layout_docx(), "docx"))
    seen: list[int] = []

    results = office_files_to_pdfs(files, LIMIT, progress=seen.append)

    hostile = results.pop(10)
    assert isinstance(hostile, UnreadableFile) and hostile.reason == "无法转换：LibreOffice超时（10秒）"
    for (name, _, _), result in zip(ordinary, results):
        assert name.split("：")[0] + "的内容" in pdf_text(result)
    assert seen == list(range(1, 52))
    assert leftovers(temp) == ([], [])  # the LibreOffice this call started is ended


def test_without_python3_uno_a_batch_that_hangs_is_redone_one_file_at_a_time(
        temp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch conversion (a machine without python3-uno): the run holding the hostile file
    hits its limit; the files it had not finished are converted again one per run."""
    monkeypatch.setattr(convert, "persistent_available", lambda: False)
    ordinary = ordinary_files(4)
    files = [(data, kind) for _, data, kind in ordinary]
    files.insert(1, (endless_layout_docx(), "docx"))  # the first batch: ordinary, hostile, ordinary

    results = office_files_to_pdfs(files, LIMIT, batch_size=3)

    hostile = results.pop(1)
    assert isinstance(hostile, UnreadableFile) and hostile.reason == "无法转换：LibreOffice超时（10秒）"
    for (name, _, _), result in zip(ordinary, results):
        assert name.split("：")[0] + "的内容" in pdf_text(result)
    assert leftovers(temp) == ([], [])


# --------------------------------------------------------------------------- shenbao packets

@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace (16 office files in its applications) plus one application carrying
    the hostile .docx and 33 tiny office files: 50 office files to print, polled once. Returns
    the settings file."""
    ws = build_workspace(tmp_path_factory.mktemp("packets"))
    attachments = [(HOSTILE_NAME, endless_layout_docx(), DOCX)]
    attachments += [(name, data, DOCX if kind == "docx" else XLSX) for name, data, kind in ordinary_files(33)]
    add_application_mail(ws.maildir, attachments, project_name=PROJECT)
    with ws.settings.open("a", encoding="utf-8") as fh:
        fh.write(f"\n[limits]\nconvert_timeout_seconds = {LIMIT:g}\n")
    run_once(load_settings(ws.settings))
    return ws.settings


def test_packets_finish_with_a_hostile_docx_among_fifty_office_files(workspace: Path, temp: Path) -> None:
    assert main(["packets", "-c", str(workspace)]) == 0

    folder = workspace.parent / "output" / "评审材料" / "学术交流"
    index = load_workbook(folder / "学术交流_目录.xlsx")["评审材料"]
    header, *lines = list(index.iter_rows(values_only=True))
    row = next(line for line in lines if line[header.index("项目名称")] == PROJECT)
    note = str(row[header.index("备注")])
    assert note == f"{HOSTILE_NAME}未能转换为PDF，附原文件（无法转换：LibreOffice超时（10秒））"
    hostile = f"{row[0]}_湖南省示例鸟类学会_{PROJECT}_附件1_活动日程.docx"
    assert (folder / hostile).read_bytes() == endless_layout_docx()  # packed as it came
    mine = [p.name for p in folder.iterdir() if p.name.startswith(f"{row[0]}_")]
    assert len(mine) == 35  # the form, the hostile file, 33 others
    packed = [p.name for p in (workspace.parent / "output" / "评审材料").glob("*/*") if p.name.startswith("2024-")]
    assert len(packed) > len(mine)
    assert [name for name in packed if not name.endswith(".pdf")] == [hostile]  # every other file was printed
    assert leftovers(temp) == ([], [])


def hostile_only_workspace(root: Path) -> Path:
    """A polled workspace whose only application carries a PDF form and the hostile .docx: the
    one office file `shenbao packets` prints."""
    ws = build_workspace(root)
    for demo in (ws.maildir / "cur").iterdir():
        demo.unlink()
    add_application_mail(ws.maildir, [(HOSTILE_NAME, endless_layout_docx(), DOCX)])
    run_once(load_settings(ws.settings))
    return ws.settings


PACKETS = """
import sys
from shenbao.cli import main
from shenbao.extractors import convert
if sys.argv[2] == "batch":  # a machine without python3-uno
    convert.persistent_available = lambda: False
sys.exit(main(["packets", "-c", sys.argv[1]]))
"""


def _sent_to_libreoffice(temp: Path) -> bool:
    """Whether the file for LibreOffice is in its work directory yet. LibreOffice creates and
    deletes its profile's directories while the walk runs: one gone under it is not there yet."""
    try:
        return bool(list(temp.glob(convert.WORK_PREFIX + "*/**/input*.docx")))
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("libreoffice", ["kept-running", "batch"])
def test_sigterm_in_the_middle_of_the_hostile_file_leaves_no_libreoffice(tmp_path: Path, libreoffice: str) -> None:
    if libreoffice == "kept-running" and not convert.persistent_available():
        pytest.skip("python3-uno is not installed")
    settings = hostile_only_workspace(tmp_path / "ws")
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", PACKETS, str(settings), libreoffice],
                            env={**os.environ, "TMPDIR": str(temp)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(1200):  # the hostile file is written for LibreOffice just before it is sent
            if _sent_to_libreoffice(temp) or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert proc.poll() is None, proc.communicate()
        time.sleep(1)  # LibreOffice is busy with it
        busy = processes_using(temp)
        assert busy  # soffice (and the bridge) run
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=120)

        assert leftovers(temp) == ([], [])
        assert not (settings.parent / "output" / "评审材料").exists()
        assert list((settings.parent / "output").glob(".tmp-*")) == []
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in processes_using(temp):  # only when the test failed: leave nothing running
            os.kill(pid, signal.SIGKILL)

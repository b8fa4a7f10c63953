"""LibreOffice under limits (issue 19.6, 19.7): printing to PDF in the kept-running soffice, a
file that never finishes, a caller interrupted or killed in the middle of it, and the private
work dirs — none of them leaves a soffice running or a `shenbao-lo-*` dir behind for good."""

from __future__ import annotations

import io
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from pypdf import PdfReader

from shenbao.extractors import convert
from shenbao.extractors.errors import UnreadableFile
from tests.packets.office_files import endless_layout_docx, tiny_docx, tiny_xlsx
from tests.support.processes import processes_using, wait_until_gone

needs_uno = pytest.mark.skipif(not convert.persistent_available(), reason="LibreOffice or python3-uno is not installed")
needs_soffice = pytest.mark.skipif(not convert.available(), reason="LibreOffice is not installed")
DAY = 24 * 3600


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


@pytest.fixture
def converter(temp: Path) -> Iterator[convert.PersistentConverter]:
    with convert.PersistentConverter() as started:
        started.start()
        yield started


# --------------------------------------------------------------------------- printing to PDF

@pytest.mark.slow
@needs_uno
def test_the_kept_running_libreoffice_prints_documents_and_workbooks_to_pdf(
        converter: convert.PersistentConverter) -> None:
    pid = converter.pid

    document = converter.to_pdf(tiny_docx("申报书正文"), "申报书.docx", "docx")
    workbook = converter.to_pdf(tiny_xlsx("会场租赁费"), "预算.xlsx", "xlsx")

    assert "申报书正文" in pdf_text(document)
    assert "会场租赁费" in pdf_text(workbook)  # printed by Calc's PDF export, not as text
    assert converter.pid == pid  # one soffice for both
    assert converter.to_pdf(b"%PDF-1.4\n%%EOF\n", "a.pdf", "pdf") == b"%PDF-1.4\n%%EOF\n"


@pytest.mark.slow
@needs_uno
def test_a_file_that_never_finishes_times_out_and_the_next_one_prints(
        converter: convert.PersistentConverter) -> None:
    profile = converter.profile_dir
    assert profile is not None

    with pytest.raises(convert.TimedOut) as err:
        converter.to_pdf(endless_layout_docx(), "日程.docx", "docx", timeout=3)

    assert err.value.reason == "无法转换：LibreOffice超时（3秒）"
    assert wait_until_gone(profile) == []
    assert "下一个文件" in pdf_text(converter.to_pdf(tiny_docx("下一个文件"), "a.docx", "docx"))


class Stopped(KeyboardInterrupt):
    """What SIGTERM becomes in a one-shot command (an exception, so `finally` blocks run)."""


def stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped


@pytest.mark.slow
@needs_uno
def test_a_conversion_interrupted_midway_kills_soffice_at_once(converter: convert.PersistentConverter) -> None:
    profile = converter.profile_dir
    assert profile is not None
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 3)
    try:
        with pytest.raises(Stopped):
            converter.to_pdf(endless_layout_docx(), "日程.docx", "docx", timeout=600)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    # Not left busy for hours, and no late reply to be taken for the next file's.
    assert converter.pid is None
    assert wait_until_gone(profile) == []
    assert "下一个文件" in pdf_text(converter.to_pdf(tiny_docx("下一个文件"), "a.docx", "docx"))


KILLED_OWNER = """
import os, sys, threading, time
from pathlib import Path
from shenbao.extractors import convert
from tests.packets.office_files import endless_layout_docx
data = endless_layout_docx()
c = convert.PersistentConverter()
c.start()
print(c.profile_dir, flush=True)
threading.Thread(target=c.to_pdf, args=(data, "日程.docx", "docx", 600), daemon=True).start()
while not list(Path(c.profile_dir).parent.glob("input*")):
    time.sleep(0.05)
time.sleep(1)  # soffice is busy with the file
os.kill(os.getpid(), 9)
"""


@pytest.mark.slow
@needs_uno
def test_an_owner_killed_outright_while_soffice_is_busy_leaves_no_soffice(tmp_path: Path) -> None:
    """SIGKILL leaves no `finally` to run and soffice never reads its end of input while it works:
    the bridge sees its owner gone and kills its group."""
    done = subprocess.run([sys.executable, "-c", KILLED_OWNER], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "TMPDIR": str(tmp_path)}, cwd=Path(__file__).parents[2])
    assert done.returncode == -signal.SIGKILL, done.stderr
    profile = Path(done.stdout.strip())
    assert profile.is_relative_to(tmp_path)
    try:
        assert wait_until_gone(profile) == []
    finally:
        for pid in processes_using(profile):  # only when the test failed: leave nothing running
            os.kill(pid, signal.SIGKILL)


# --------------------------------------------------------------------------- the batch conversion

@pytest.mark.slow
@needs_soffice
def test_a_batch_that_runs_out_of_time_says_which_files_it_did_not_finish(temp: Path) -> None:
    items = [(tiny_docx("第一个"), "docx"), (endless_layout_docx(), "docx"), (tiny_docx("第三个"), "docx")]

    first, hostile, third = convert.convert_many(items, "pdf", timeout=15)

    assert isinstance(first, bytes) and "第一个" in pdf_text(first)
    assert isinstance(hostile, convert.TimedOut) and isinstance(third, convert.TimedOut)
    assert hostile.reason == "无法转换：LibreOffice超时（15秒）"
    assert wait_until_gone(temp) == []
    assert list(temp.iterdir()) == []


def test_a_batch_runs_under_the_memory_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "limit.txt"
    script = tmp_path / "fake-soffice"
    script.write_text(f"#!/bin/sh\nulimit -v > {report}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(convert, "soffice_command", lambda: [str(script)])

    result, = convert.convert_many([(b"x", "doc")], "pdf", timeout=30, memory_mb=1500)

    assert isinstance(result, UnreadableFile)  # it wrote nothing
    assert report.read_text().strip() == str(1500 * 1024)


# --------------------------------------------------------------------------- stale work dirs

def aged(path: Path, seconds: float) -> Path:
    path.mkdir()
    (path / "profile").mkdir()
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def gone_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_stale_work_dirs_of_processes_that_are_gone_are_removed(tmp_path: Path) -> None:
    dead = gone_pid()
    stale = aged(tmp_path / f"shenbao-lo-{dead}-abc", 2 * DAY)
    legacy = aged(tmp_path / "shenbao-lo-k2j4h5", 2 * DAY)  # named before the pid was in the name
    recent = aged(tmp_path / f"shenbao-lo-{dead}-new", DAY / 2)
    mine = aged(tmp_path / f"shenbao-lo-{os.getpid()}-idle", 3 * DAY)  # a kept-running soffice, idle for days
    other = aged(tmp_path / "unrelated-dir", 3 * DAY)

    removed = convert.remove_stale_work_dirs(tmp_path)

    assert sorted(removed) == sorted([stale, legacy])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([recent.name, mine.name, other.name])


def test_an_old_work_dir_still_named_by_a_running_process_is_kept(tmp_path: Path) -> None:
    legacy = aged(tmp_path / "shenbao-lo-q8w7e6", 2 * DAY)
    user = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", f"{legacy}/profile"])
    try:
        # Until the child has exec'd, /proc shows the parent's command line, not the folder.
        for _ in range(100):
            if str(legacy).encode() in Path(f"/proc/{user.pid}/cmdline").read_bytes():
                break
            time.sleep(0.05)
        assert convert.remove_stale_work_dirs(tmp_path) == []
    finally:
        user.kill()
        user.wait()
    assert convert.remove_stale_work_dirs(tmp_path) == [legacy]


def test_a_conversion_first_removes_stale_work_dirs(temp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = aged(temp / f"shenbao-lo-{gone_pid()}-abc", 2 * DAY)
    monkeypatch.setattr(convert, "soffice_command", lambda: ["/bin/true"])

    convert.convert_many([(b"x", "doc")], "pdf", timeout=30)

    assert not stale.exists()
    assert list(temp.iterdir()) == []

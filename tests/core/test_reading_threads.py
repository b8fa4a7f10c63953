"""The reading threads take the costliest file waiting first (a scan starts while the small
files before it are read on the other reader), keep the order of files of equal cost, skip a
cancelled one, and read what waits before they end."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from shenbao.execution import STOPPED_REASON, Execution, ReadingThreads
from shenbao.extraction import FileResult, _Reads, read_cost
from shenbao.record import Part
from shenbao.settings import LimitSettings
from shenbao.store import Store


def test_the_costliest_waiting_file_is_read_first_and_equal_costs_keep_their_order() -> None:
    order: list[str] = []
    gate = threading.Event()
    with ReadingThreads(Execution(), 1, "t") as threads:
        busy = threads.submit(gate.wait, 30)  # holds the one thread while the others queue
        futures = [threads.submit(order.append, name, cost=cost)
                   for name, cost in (("docx-1", 0), ("scan", 5), ("docx-2", 0), ("photo", 9), ("docx-3", 0))]
        gate.set()
        for future in (busy, *futures):
            future.result(timeout=30)
    assert order == ["photo", "scan", "docx-1", "docx-2", "docx-3"]


def test_a_cancelled_file_is_skipped_and_what_waits_is_read_before_the_threads_end() -> None:
    order: list[str] = []
    gate = threading.Event()
    threads = ReadingThreads(Execution(), 1, "t")
    threads.submit(gate.wait, 30)
    dropped = threads.submit(order.append, "dropped")
    kept = threads.submit(order.append, "kept")
    assert dropped.cancel()
    gate.set()
    threads.shutdown(wait=True)
    assert kept.done() and order == ["kept"]
    with pytest.raises(RuntimeError):
        threads.submit(order.append, "late")


def test_an_exception_reaches_whoever_waits_and_the_thread_reads_on() -> None:
    with ReadingThreads(Execution(), 1, "t") as threads:
        failed = threads.submit(int, "not a number")
        after = threads.submit(int, "7")
        with pytest.raises(ValueError):
            failed.result(timeout=30)
        assert after.result(timeout=30) == 7


@pytest.mark.parametrize("kind, size, other_kind, other_size", [
    ("image", 300_000, "pdf", 800_000),   # a photo is always OCR: before a large PDF
    ("pdf", 800_000, "pdf", 150_000),     # a scan-sized PDF before a text-sized one
    ("docx", 150_000, "docx", 40_000),    # a .docx holding a pasted picture before a text one
])
def test_read_cost_puts_the_slow_kind_first(kind: str, size: int, other_kind: str, other_size: int) -> None:
    slow = Part(name="a", content_type="application/octet-stream", data=b"\0" * size, kind=kind)  # type: ignore[arg-type]
    quick = Part(name="b", content_type="application/octet-stream", data=b"\0" * other_size,
                 kind=other_kind)  # type: ignore[arg-type]
    assert read_cost(slow) > read_cost(quick)


def test_a_job_raising_systemexit_reaches_its_waiter_and_the_thread_reads_on() -> None:
    def leave() -> None:
        raise SystemExit(3)

    with ReadingThreads(Execution(), 1, "t") as threads:
        gone = threads.submit(leave)
        after = threads.submit(int, "5")
        with pytest.raises(SystemExit):
            gone.result(timeout=30)
        assert after.result(timeout=30) == 5


def part(name: str, kind: str, size: int) -> Part:
    return Part(name=name, content_type="application/octet-stream", data=name.encode() + b"\0" * size,
                kind=kind)  # type: ignore[arg-type]


def test_the_extraction_hands_a_photo_and_a_scan_to_the_readers_before_the_text_files_queued_first(
        tmp_path: Path) -> None:
    order: list[str] = []
    gate = threading.Event()

    def read(p: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
        order.append(p.name)
        return FileResult()

    with Store(tmp_path / "data") as store, ReadingThreads(Execution(), 1, "t") as threads:
        threads.submit(gate.wait, 30)  # the one reader busy while the parts are started
        reads = _Reads(store, read, read, threads, lambda items: [None for _ in items])
        for p in (part("申报书.docx", "docx", 40_000), part("扫描件.pdf", "pdf", 700_000),
                  part("说明.pdf", "pdf", 120_000), part("IMG_0001.jpg", "image", 300_000)):
            reads.start(p)
        gate.set()
        for future in list(reads.inflight.values()):
            future.result(timeout=30)
    assert order == ["IMG_0001.jpg", "扫描件.pdf", "说明.pdf", "申报书.docx"]


def test_a_read_that_comes_up_after_the_poll_was_stopped_is_not_started() -> None:
    execution = Execution(LimitSettings(isolate=False))  # in-process: a started job would show here
    execution.cancel.set()
    started: list[str] = []

    def job(data: bytes, name: str, kind: str, sha256: str, prepared: bytes | None) -> FileResult:
        started.append(name)
        return FileResult()

    result = execution.isolated_reader(job, FileResult.failed)(part("申报书.pdf", "pdf", 10), "x" * 64)
    assert result.problem == STOPPED_REASON and result.transient and started == []

"""The reading threads take the costliest file waiting first (a scan starts while the small
files before it are read on the other reader), keep the order of files of equal cost, skip a
cancelled one, and read what waits before they end."""

from __future__ import annotations

import threading

import pytest

from shenbao.execution import Execution, ReadingThreads
from shenbao.extraction import read_cost
from shenbao.record import Part


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

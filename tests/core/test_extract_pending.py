"""extract_pending reads files of different messages concurrently, yet saves results one
message at a time in arrival order and reads each attachment (by hash) once."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.demo.mail import build_eml
from shenbao.execution import Execution
from shenbao.extraction import EXTRACTION_VERSION, FileResult, extract_pending
from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, Part, RawMessage
from shenbao.settings import LimitSettings
from shenbao.store import Store

CST = timezone(timedelta(hours=8))
TWO_READERS = Execution(LimitSettings(readers=2))


def pdf_bytes(tag: str) -> bytes:
    return b"%PDF-1.4\n% " + tag.encode() + b"\n%%EOF\n"


def message(i: int, attachment: bytes) -> RawMessage:
    when = datetime(2024, 4, 1, 9, 0, tzinfo=CST) + timedelta(minutes=i)
    raw = build_eml(sender=f"u{i}@example.cn", sender_name=f"单位{i}", subject=f"申报-{i}", body="见附件",
                    attachments=[(f"申报书{i}.pdf", attachment, "application/pdf")], date=when,
                    message_id=f"<m{i}@example.cn>", client_style="qq", received_at=when)
    return RawMessage(data=raw, internaldate=when,
                      location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=i + 1))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "data")
    # Messages 0..5, where message 4 resends message 1's attachment byte for byte.
    files = [pdf_bytes(f"file{i}") for i in range(6)]
    files[4] = files[1]
    s.save_messages([message(i, data) for i, data in enumerate(files)])
    return s


def test_files_of_different_messages_are_read_at_the_same_time_and_saved_in_arrival_order(store: Store) -> None:
    both_reading = threading.Barrier(2, timeout=10)  # broken (and the test fails) unless two reads overlap
    reads: list[str] = []
    lock = threading.Lock()

    def reader(part: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
        with lock:
            reads.append(sha)
            first_two = len(reads) <= 2
        if first_two:
            both_reading.wait()
        return FileResult(score=0.1)

    saved: list[str] = []
    save = store.save_submissions

    def recording_save(sha256: str, version: str, subs: list, files: list) -> None:  # type: ignore[type-arg]
        saved.append(sha256)
        save(sha256, version, subs, files)

    store.save_submissions = recording_save  # type: ignore[method-assign]
    arrival = [m.sha256 for m in store.unprocessed(EXTRACTION_VERSION)]
    assert extract_pending(store, TWO_READERS, mail_of, read=reader) == 6
    assert saved == arrival
    assert len(reads) == len(set(reads)) == 5  # the resent attachment is read once
    assert store.unprocessed(EXTRACTION_VERSION) == []
    # No read failed (a barrier broken by reads that never overlapped would flag messages).
    assert all(s.subject.startswith("申报-") for s in store.submissions(EXTRACTION_VERSION))


def test_a_reader_that_fails_on_one_file_flags_only_its_message(store: Store) -> None:
    bad = {store.put_blob(pdf_bytes("file2"))}  # put_blob returns the sha256

    def reader(part: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
        if sha in bad:
            raise RuntimeError("reader bug")
        return FileResult(score=0.1)

    extract_pending(store, TWO_READERS, mail_of, read=reader)
    subs = store.submissions(EXTRACTION_VERSION)
    assert len(subs) == 6
    flagged = [s for s in subs if any("无法解析" in f.message for f in s.findings)]
    assert [s.subject for s in flagged] == [""]
    assert sum(1 for s in subs if s.subject.startswith("申报-")) == 5


def test_reextracting_every_message_reads_no_file_again(store: Store) -> None:
    reads: list[str] = []

    def reader(part: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
        reads.append(sha)
        return FileResult(score=0.1)

    extract_pending(store, Execution(), mail_of, read=reader)
    store.forget_submissions([m.sha256 for m in store.messages()])
    assert extract_pending(store, Execution(), mail_of, read=reader) == 6
    assert len(reads) == 5


def test_a_file_attached_twice_to_one_message_is_read_once(tmp_path: Path) -> None:
    # Its first copy's result is not saved yet when the second copy is looked at: it is saved
    # with the message's rows, after both.
    when = datetime(2024, 4, 1, 9, 0, tzinfo=CST)
    form = pdf_bytes("twice")
    raw = build_eml(sender="u@example.cn", sender_name="单位", subject="申报", body="见附件",
                    attachments=[("申报书.pdf", form, "application/pdf"), ("副本.pdf", form, "application/pdf")],
                    date=when, message_id="<twice@example.cn>", client_style="qq", received_at=when)
    s = Store(tmp_path / "data")
    s.save_messages([RawMessage(data=raw, internaldate=when,
                                location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1))])
    reads: list[str] = []

    def reader(part: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
        reads.append(sha)
        return FileResult(score=0.1)

    assert extract_pending(s, TWO_READERS, mail_of, read=reader) == 1
    (sub,) = s.submissions(EXTRACTION_VERSION)
    assert len(sub.files) == 2 and len(reads) == 1
    assert s.cached_file(reads[0], EXTRACTION_VERSION) is not None  # kept with the message


def test_two_slow_files_far_apart_in_the_mailbox_are_read_at_the_same_time(tmp_path: Path) -> None:
    # Scans are sparse among the mail: the first and the twentieth message hold one each, the
    # rest read instantly. Both slow reads must overlap (the barrier breaks, and the reads
    # fail, unless they do), however many messages lie between them.
    s = Store(tmp_path / "data")
    files = [pdf_bytes(f"mail{i}") for i in range(20)]
    s.save_messages([message(i, data) for i, data in enumerate(files)])
    slow = {s.put_blob(files[0]), s.put_blob(files[19])}
    both_slow = threading.Barrier(2, timeout=10)
    failures: list[BaseException] = []

    def reader(part: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
        if sha in slow:
            try:
                both_slow.wait()
            except threading.BrokenBarrierError as exc:
                failures.append(exc)
        return FileResult(score=0.1)

    assert extract_pending(s, TWO_READERS, mail_of, read=reader) == 20
    assert failures == []


def test_a_file_result_from_before_the_ocr_flag_still_loads() -> None:
    old = '{"form": null, "score": 0.25, "problem": "文件已损坏"}'
    result = FileResult.from_json(old)
    assert (result.score, result.problem, result.ocr) == (0.25, "文件已损坏", False)
    again = FileResult.from_json(FileResult(score=0.5, ocr=True).to_json())
    assert again.ocr and again.score == 0.5

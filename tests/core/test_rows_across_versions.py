"""After the program changes (a new extraction version), every message keeps its rows until
the next poll reads it again: an export or a status in between shows what the last version
made of it, never a register without its applications."""

from __future__ import annotations

from pathlib import Path

from shenbao.extraction import EXTRACTION_VERSION, extract_pending
from shenbao.execution import Execution
from shenbao.pipeline import mail_of
from shenbao.settings import LimitSettings
from shenbao.store import Store
from tests.core.test_extract_pending import message, pdf_bytes


def _store(tmp_path: Path, n: int = 3) -> Store:
    store = Store(tmp_path / "data")
    store.save_messages([message(i, pdf_bytes(f"file{i}")) for i in range(n)])
    return store


def _subjects(store: Store, version: str) -> list[str]:
    return [s.subject for s in store.submissions(version)]


def test_messages_read_by_an_older_version_keep_their_rows(tmp_path: Path) -> None:
    store = _store(tmp_path)
    extract_pending(store, Execution(LimitSettings(readers=1)), mail_of)
    assert _subjects(store, EXTRACTION_VERSION) == ["申报-0", "申报-1", "申报-2"]
    # A newer program: nothing read at its version yet, every message still has its row.
    assert _subjects(store, EXTRACTION_VERSION + "-next") == ["申报-0", "申报-1", "申报-2"]


def test_a_message_read_again_shows_the_new_reading_once_not_both(tmp_path: Path) -> None:
    store = _store(tmp_path)
    extract_pending(store, Execution(LimitSettings(readers=1)), mail_of)
    newer = EXTRACTION_VERSION + "-next"
    (first, *_) = store.submissions(EXTRACTION_VERSION)
    sha = first.message.sha256 if first.message else ""
    store.save_submissions(sha, newer, [first.model_copy(update={"subject": "申报-0（重读）"})])
    assert _subjects(store, newer) == ["申报-0（重读）", "申报-1", "申报-2"]
    # Of two older readings, the last one written stands for the message.
    store.save_submissions(sha, "older-still", [first.model_copy(update={"subject": "申报-0（旧）"})])
    assert _subjects(store, "a-third-version") == ["申报-0（旧）", "申报-1", "申报-2"]


def test_an_older_reading_that_no_longer_loads_waits_for_the_poll(tmp_path: Path) -> None:
    store = _store(tmp_path, n=2)
    extract_pending(store, Execution(LimitSettings(readers=1)), mail_of)
    (first, second) = store.submissions(EXTRACTION_VERSION)
    sha = first.message.sha256 if first.message else ""
    with store.transaction() as db:
        db.execute("INSERT INTO extractions(sha256, version, submissions, created) VALUES (?,?,?,?)",
                   (sha, "0-gone", '[{"a_key_no_version_knows": 1}]', "2099-01-01T00:00:00"))
    # The unloadable old row is the newest for the message: it is left out, the other stays.
    assert _subjects(store, "next") == ["申报-1"]
    assert _subjects(store, EXTRACTION_VERSION) == ["申报-0", "申报-1"]

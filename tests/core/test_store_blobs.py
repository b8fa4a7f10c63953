"""Blobs written in a batch (the first sync's path) land exactly as one at a time would write
them: the right bytes under each hash, once, no temp file left, nothing rewritten; and a batch
that fails part-way leaves no temp file and no half-written blob under a final name."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from shenbao import store as store_module
from shenbao.store import Store


def test_a_batch_writes_each_distinct_blob_once_with_its_bytes(tmp_path: Path) -> None:
    s = Store(tmp_path / "data")
    items = [b"first message", b"second message", b"first message", os.urandom(300_000)]
    shas = s.put_blobs(items)
    assert shas == [hashlib.sha256(d).hexdigest() for d in items]
    assert shas == [s.put_blob(d) for d in items]  # the single path agrees
    for sha, data in zip(shas, items):
        assert s.read_blob(sha) == data
    blob_files = [p for p in s.blob_dir.rglob("*") if p.is_file()]
    assert sorted(p.name for p in blob_files) == sorted(set(shas))
    assert not [p for p in blob_files if p.name.startswith(".tmp-")]


def test_a_stored_blob_is_not_written_again(tmp_path: Path) -> None:
    s = Store(tmp_path / "data")
    (sha,) = s.put_blobs([b"kept"])
    before = s.blob_path(sha).stat().st_mtime_ns
    os.utime(s.blob_path(sha), ns=(before - 10**9, before - 10**9))
    s.put_blobs([b"kept", b"new"])
    assert s.blob_path(sha).stat().st_mtime_ns == before - 10**9


def test_a_batch_that_fails_leaves_no_temp_file_and_no_final_name(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store(tmp_path / "data")

    def sync_fails(root: Path, paths: list[Path]) -> None:
        raise OSError("I/O error while syncing")

    monkeypatch.setattr(store_module, "_sync_all", sync_fails)
    with pytest.raises(OSError):
        s.put_blobs([b"one", b"two"])
    assert [p for p in s.blob_dir.rglob("*") if p.is_file()] == []  # data never synced: never named


def test_without_syncfs_each_file_and_folder_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "_SYNCFS", None)
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    s = Store(tmp_path / "data")
    synced.clear()
    s.put_blobs([b"a", b"b", b"c"])
    folders = {s.blob_path(hashlib.sha256(d).hexdigest()).parent for d in (b"a", b"b", b"c")}
    assert len(synced) == 3 + len(folders)

"""Blobs written in a batch (the first sync's path) land exactly as one at a time would write
them: the right bytes under each hash, once, no temp file left, nothing rewritten; and a batch
that fails part-way leaves no temp file and no half-written blob under a final name."""

from __future__ import annotations

import hashlib
import os
import time
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


def _threaded_batch() -> list[bytes]:
    """A batch large enough for the two writing threads (store._THREADED_BYTES), its first
    blob marked to be written slowly so that later ones are made first."""
    big = store_module._THREADED_BYTES
    return [b"slow" + os.urandom(big // 2), *(os.urandom(1_000 + n) for n in range(5)), os.urandom(big)]


def test_a_threaded_batch_names_each_blob_after_its_own_bytes(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store(tmp_path / "data")
    real = Store._write_temp
    order: list[bytes] = []

    def write_temp(path: Path, data: bytes, made: list[str], *, fsync: bool) -> str:
        if data.startswith(b"slow"):
            time.sleep(0.3)
        order.append(data[:8])
        return real(path, data, made, fsync=fsync)

    monkeypatch.setattr(Store, "_write_temp", staticmethod(write_temp))
    items = _threaded_batch()
    shas = s.put_blobs(items)
    assert order[0] != items[0][:8]  # the threads did finish out of order
    assert shas == [hashlib.sha256(d).hexdigest() for d in items]
    for sha, data in zip(shas, items):
        assert s.read_blob(sha) == data
    assert not [p for p in s.blob_dir.rglob(".tmp-*")]


def test_a_threaded_batch_whose_write_fails_leaves_nothing_behind(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    s = Store(tmp_path / "data")
    real = Store._write_temp

    def write_temp(path: Path, data: bytes, made: list[str], *, fsync: bool) -> str:
        name = real(path, data, made, fsync=fsync)  # the temp file exists, then the disk fails
        if data.startswith(b"slow"):
            raise OSError("I/O error while writing")
        return name

    monkeypatch.setattr(Store, "_write_temp", staticmethod(write_temp))
    with pytest.raises(OSError, match="I/O error"):
        s.put_blobs(_threaded_batch())
    assert [p for p in s.blob_dir.rglob("*") if p.is_file()] == []

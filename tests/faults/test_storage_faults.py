"""Faults in the data directory: a full disk while storing, a damaged database file."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.store import Store
from tests.faults.maildrop import drop, form_eml, fresh_folder, receipt_time, small_eml, write_settings
from tests.faults.polls import poll_env, read_jsonl, run_poll
from tests.support.dovecot import Dovecot

FULL_COUNT = 60


def big_eml(n: int, tag: str) -> bytes:
    line = f"{n:05d} 经费预算明细补充 ".encode() * 4 + b"\r\n"
    return small_eml(n, tag) + line * 250  # about 30 KB


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs: the data directory on it fills up part-way through a poll."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_the_poll_with_advice_and_the_next_poll_recovers_everything(
        dovecot: Dovecot, tmp_path: Path, tiny_disk: Path) -> None:
    fresh_folder(dovecot, "Full")
    drop(dovecot, "Full", [(big_eml(n, "df"), receipt_time(n)) for n in range(FULL_COUNT)])
    cfg = write_settings(tmp_path, dovecot, "Full", batch_size=5)
    with open(cfg, "a", encoding="utf-8") as fh:
        fh.write(f'\n[paths]\ndata_dir = "{tiny_disk / "data"}"\n')
    env = poll_env(dovecot.password)

    first = run_poll(cfg, env)
    assert first.returncode == 4, first.stderr  # stopped, like a dropped connection: retried later
    assert "磁盘已满" in first.stderr and "paths.data_dir" in first.stderr
    assert "Traceback" not in first.stderr
    with Store(tiny_disk / "data") as store:  # what was stored is whole: complete blobs, sound db
        kept = store.messages()
        assert 0 < len(kept) < FULL_COUNT
        for m in kept:
            assert hashlib.sha256(store.read_blob(m.sha256)).hexdigest() == m.sha256
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not list((tiny_disk / "data" / "blobs").rglob(".tmp-*"))  # no half-written blob left

    subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_disk)], check=True)
    second = run_poll(cfg, env)
    assert second.returncode == 0, second.stderr
    rows = read_jsonl(tmp_path / "output" / "register.jsonl")
    assert Counter(r["message_id"] for r in rows) == Counter(f"<df-{n}@example.org>" for n in range(FULL_COUNT))
    assert len({r["id"] for r in rows}) == FULL_COUNT


@pytest.mark.xfail(strict=True, reason="pipeline.extract_pending catches the store's DiskFull as a bug in the "
                   "message and saves a permanent 无法解析 row; it must re-raise shenbao.store.DiskFull/StoreCorrupt")
def test_a_full_disk_while_reading_attachments_marks_no_message_unreadable(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills after the mail is stored, while attachments are copied out: the poll
    must stop, not record the message as 无法解析 for good."""
    from shenbao.pipeline import fetch, run_once
    from shenbao.settings import load_settings

    fresh_folder(dovecot, "FullLater")
    drop(dovecot, "FullLater", [(form_eml(1, "dl"), receipt_time(1)), (small_eml(2, "dl"), receipt_time(2))])
    monkeypatch.setenv("TEST_IMAP_PASSWORD", dovecot.password)
    monkeypatch.setenv("SHENBAO_NO_ISOLATION", "1")  # the patched store must be the one reading
    settings = load_settings(write_settings(tmp_path, dovecot, "FullLater"))
    with Store(settings.data_dir) as store:
        assert fetch(settings, store) == 2

    real_put = Store.put_blob

    def put_blob_on_a_full_disk(self: Store, data: bytes) -> str:
        if data.startswith(b"From:"):  # raw messages are already stored; parts do not fit
            return real_put(self, data)
        with monkeypatch.context() as disk:
            disk.setattr(os, "fsync", no_space)
            return real_put(self, data)

    monkeypatch.setattr(Store, "put_blob", put_blob_on_a_full_disk)
    from shenbao.store import DiskFull

    with pytest.raises(DiskFull):
        run_once(settings)
    monkeypatch.setattr(Store, "put_blob", real_put)
    run_once(settings)
    rows = read_jsonl(settings.output_dir / "register.jsonl")
    (form,) = [r for r in rows if r["message_id"] == "<dl-1@example.org>"]
    assert form["kind"] == "application"
    assert "UNREADABLE_FILE" not in {f["code"] for f in form["findings"]}


def no_space(fd: int) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def corrupt_middle(db: Path, seed: int) -> None:
    """Overwrite three whole pages in the middle of the file with noise, the way a failing
    disk sector or a bad copy would."""
    data = bytearray(db.read_bytes())
    page = 4096
    pages = len(data) // page
    start = (pages // 2 - 1) * page
    noise = random.Random(seed).randbytes(3 * page)
    data[start:start + len(noise)] = noise
    db.write_bytes(bytes(data))


def test_a_damaged_database_stops_the_next_poll_with_what_to_do_and_the_advice_works(
        dovecot: Dovecot, tmp_path: Path) -> None:
    fresh_folder(dovecot, "Damaged")
    drop(dovecot, "Damaged", [(small_eml(n, "db"), receipt_time(n)) for n in range(120)])
    original = tmp_path / "original"
    original.mkdir()
    cfg = write_settings(original, dovecot, "Damaged")
    env = poll_env(dovecot.password)
    assert run_poll(cfg, env).returncode == 0

    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    db = copy / "data" / "shenbao.sqlite3"
    assert not db.with_name(db.name + "-wal").exists() or db.with_name(db.name + "-wal").stat().st_size == 0
    corrupt_middle(db, seed=7)
    damaged = db.read_bytes()
    (copy / "output" / "register.jsonl").unlink()

    stopped = run_poll(copy / "shenbao.toml", env)
    assert stopped.returncode != 0
    assert "数据库文件已损坏" in stopped.stderr and "备份" in stopped.stderr and "登记编号" in stopped.stderr
    assert db.read_bytes() == damaged  # nothing written into the damaged file
    assert not (copy / "output" / "register.jsonl").exists()

    # Step ③ of the advice: move the damaged file aside and poll again.
    aside = tmp_path / "aside"
    aside.mkdir()
    for f in (copy / "data").glob("shenbao.sqlite3*"):
        f.rename(aside / f.name)
    again = run_poll(copy / "shenbao.toml", env)
    assert again.returncode == 0, again.stderr
    rows = read_jsonl(copy / "output" / "register.jsonl")
    assert Counter(r["message_id"] for r in rows) == Counter(f"<db-{n}@example.org>" for n in range(120))
    # The original data directory was never touched by any of this.
    assert Store(original / "data").message_count() == 120

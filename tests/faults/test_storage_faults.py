"""Faults in the data directory: a full disk while storing, a damaged database file."""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import subprocess
import sys
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
        assert store.integrity_problems() == []
    assert not list((tiny_disk / "data" / "blobs").rglob(".tmp-*"))  # no half-written blob left

    subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_disk)], check=True)
    second = run_poll(cfg, env)
    assert second.returncode == 0, second.stderr
    rows = read_jsonl(tmp_path / "output" / "register.jsonl")
    assert Counter(r["message_id"] for r in rows) == Counter(f"<df-{n}@example.org>" for n in range(FULL_COUNT))
    assert len({r["id"] for r in rows}) == FULL_COUNT


def test_a_full_disk_while_reading_attachments_marks_no_message_unreadable(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills after the mail is stored, while attachments are copied out: the poll
    must stop, not record the message as 无法解析 for good."""
    from shenbao import store as store_module
    from shenbao.fetching import fetch_new_mail as fetch
    from shenbao.pipeline import run_once
    from shenbao.settings import load_settings

    fresh_folder(dovecot, "FullLater")
    drop(dovecot, "FullLater", [(form_eml(1, "dl"), receipt_time(1)), (small_eml(2, "dl"), receipt_time(2))])
    monkeypatch.setenv("TEST_IMAP_PASSWORD", dovecot.password)
    settings = load_settings(write_settings(tmp_path, dovecot, "FullLater"))
    with Store(settings.data_dir) as store:
        assert fetch(settings, store) == 2

    real_put = Store.put_blobs

    def put_blobs_on_a_full_disk(self: Store, items: list[bytes]) -> list[str]:
        if all(data.startswith(b"From:") for data in items):  # raw messages are already stored
            return real_put(self, items)
        with monkeypatch.context() as disk:  # the attachments do not fit
            disk.setattr(store_module, "_sync_all", lambda *_: no_space(0))
            return real_put(self, items)

    monkeypatch.setattr(Store, "put_blobs", put_blobs_on_a_full_disk)
    from shenbao.store import DiskFull

    with pytest.raises(DiskFull):
        run_once(settings)
    monkeypatch.setattr(Store, "put_blobs", real_put)
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


def corrupt_tables(db: Path, tables: tuple[str, ...]) -> None:
    """Overwrite the root page of each table with noise: every row of it is lost."""
    import sqlite3

    with sqlite3.connect(db) as con:
        roots = [con.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (t,)).fetchone()[0] for t in tables]
    con.close()
    data = bytearray(db.read_bytes())
    for n, root in enumerate(roots):
        data[(root - 1) * 4096:root * 4096] = random.Random(n).randbytes(4096)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["middle_pages", "messages_and_numbers_lost"])
def test_a_damaged_database_stops_the_next_poll_with_what_to_do_and_the_rebuild_keeps_every_message_once(
        dovecot: Dovecot, tmp_path: Path, damage: str) -> None:
    count = 60
    fresh_folder(dovecot, "Damaged")
    drop(dovecot, "Damaged", [(form_eml(n, "db") if n in (3, 40) else small_eml(n, "db"), receipt_time(n))
                              for n in range(count)])
    original = tmp_path / "original"
    original.mkdir()
    cfg = write_settings(original, dovecot, "Damaged")
    env = poll_env(dovecot.password)
    assert run_poll(cfg, env).returncode == 0
    before = {r["message_id"]: r for r in read_jsonl(original / "output" / "register.jsonl")}
    assert len(before) == count

    copy = tmp_path / "copy"
    shutil.copytree(original, copy)
    db = copy / "data" / "shenbao.sqlite3"
    if damage == "middle_pages":
        corrupt_middle(db, seed=7)
    else:
        corrupt_tables(db, ("messages", "register_ids"))
    damaged = db.read_bytes()
    (copy / "output" / "register.jsonl").unlink()

    stopped = run_poll(copy / "shenbao.toml", env)
    assert stopped.returncode != 0
    assert "数据库文件已损坏" in stopped.stderr and "备份" in stopped.stderr and "store rebuild" in stopped.stderr
    assert db.read_bytes() == damaged  # nothing written into the damaged file
    assert not (copy / "output" / "register.jsonl").exists()

    # Step ③ of the advice.
    rebuilt = subprocess.run([sys.executable, "-m", "shenbao.store", "--rebuild", str(copy / "data")],
                             capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "已重建数据库" in rebuilt.stdout
    (kept_aside,) = [p for p in (copy / "data").glob("shenbao.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert kept_aside.read_bytes() == damaged  # renamed, never deleted
    again = run_poll(copy / "shenbao.toml", env)
    assert again.returncode == 0, again.stderr
    after = {r["message_id"]: r for r in read_jsonl(copy / "output" / "register.jsonl")}
    rows = read_jsonl(copy / "output" / "register.jsonl")
    assert Counter(r["message_id"] for r in rows) == Counter(f"<db-{n}@example.org>" for n in range(count))
    old_ids = {r["id"] for r in before.values()}
    kept = 0
    for mid, row in after.items():
        # A number is either the one the message had, or one never given to any message before.
        assert row["id"] == before[mid]["id"] or row["id"] not in old_ids, mid
        kept += row["id"] == before[mid]["id"]
        assert row["received_at"] == before[mid]["received_at"]  # the server's time, not a header's
        assert row["kind"] == before[mid]["kind"]
    assert len({r["id"] for r in rows}) == count
    if damage == "messages_and_numbers_lost":
        assert "补回 60 封" in rebuilt.stdout and kept == 0
    print(f"rebuild: {rebuilt.stdout.strip()} register numbers kept: {kept}/{count}")
    # The original data directory was never touched by any of this.
    with Store(original / "data") as store:
        assert store.message_count() == count

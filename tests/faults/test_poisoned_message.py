"""A message whose download always breaks the connection is set aside, not a wall (issue 19:
every poll exited 4, the ten messages stored before it were never read, no register was
written, the messages after it were never fetched, and `status` said 0 errors)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from shenbao.errors import SettingsError
from shenbao.fetching import UNREADABLE_SUBJECT, poll_errors_since
from shenbao.fetching import fetch_new_mail as fetch
from shenbao.settings import MailboxSettings, Settings, load_settings
from shenbao.store import Store
from tests.faults.maildrop import form_eml, receipt_time, small_eml, write_settings
from tests.faults.polls import poll_env, read_jsonl, run_poll
from tests.support.dovecot import Dovecot
from tests.support.netease_proxy import NeteaseProxy

FOLDER = "Poison"
COUNT = 15
POISONED = 10  # ten messages arrive before it, four after
FORM = 3  # one real application among them: reading happens, not just storing
QUARANTINE_AFTER = MailboxSettings().quarantine_after


def mail(n: int) -> bytes:
    return form_eml(n, "po") if n == FORM else small_eml(n, "po")


def mid(n: int) -> str:
    return f"<po-{n}@example.org>"


def rows_of(tmp_path: Path) -> list[dict]:  # type: ignore[type-arg]
    return read_jsonl(tmp_path / "output" / "register.jsonl")


def test_a_message_whose_download_always_cuts_the_connection_becomes_a_row_and_blocks_nothing(
        dovecot: Dovecot, tmp_path: Path) -> None:
    dovecot.reset(FOLDER)
    dovecot.append_many([(mail(n), receipt_time(n)) for n in range(COUNT)], folder=FOLDER)
    proxy = NeteaseProxy(dovecot.port)
    proxy.poison = f"Message-ID: {mid(POISONED)}".encode()
    cfg = write_settings(tmp_path, dovecot, FOLDER, port=proxy.port)
    env = poll_env(dovecot.password)
    try:
        # Until it has failed `quarantine_after` times, the message still ends each poll with
        # exit 4, but what came before it is read and the register written every time.
        for attempt in range(1, QUARANTINE_AFTER + 1):
            result = run_poll(cfg, env)
            assert result.returncode == 4, result.stdout + result.stderr
            assert "本次收信未完成" in result.stderr and "Traceback" not in result.stderr
            assert "登记表已更新" in result.stdout or attempt > 1
            rows = rows_of(tmp_path)
            assert {r["message_id"] for r in rows if r["message_id"]} == {mid(n) for n in range(POISONED)}
        assert proxy.poison_cuts == QUARANTINE_AFTER
        (form,) = [r for r in rows if r["message_id"] == mid(FORM)]
        assert form["fields"]["project_name"]  # read, not merely stored

        # The poll that charged the last attempt already wrote its 无法下载 row.
        (unreadable,) = [r for r in rows if r["subject"] == UNREADABLE_SUBJECT]
        (finding,) = unreadable["findings"]
        assert finding["code"] == "UNREADABLE_FILE" and finding["severity"] == "error"
        assert "无法下载" in finding["message"] and f"{QUARANTINE_AFTER} 次" in finding["message"]
        assert "下载邮件时连接中断" in finding["message"] and "网页邮箱" in finding["message"]
        assert unreadable["received_at"] == receipt_time(POISONED).isoformat()  # the server's INTERNALDATE
        number = unreadable["id"]

        # Later polls fetch everything after it and do not fail on it; it is tried once a poll.
        for extra in (1, 2):
            result = run_poll(cfg, env)
            assert result.returncode == 0, result.stdout + result.stderr
            assert proxy.poison_cuts == QUARANTINE_AFTER + extra
        rows = rows_of(tmp_path)
        assert {r["message_id"] for r in rows if r["message_id"]} == {mid(n) for n in range(COUNT) if n != POISONED}
        assert [r["id"] for r in rows if r["subject"] == UNREADABLE_SUBJECT] == [number]
        assert len({r["id"] for r in rows}) == len(rows) == COUNT

        # Manual polls count in `status` like scheduled ones: the three that failed.
        status = subprocess.run([sys.executable, "-m", "shenbao", "status", "-c", str(cfg)], env=env,
                                capture_output=True, text=True, timeout=120)
        assert status.returncode == 0, status.stderr
        assert f"近24小时收信错误：{QUARANTINE_AFTER} 次" in status.stdout
        assert "无法下载的邮件：1 封" in status.stdout

        # Once it downloads, the message takes its row's place and keeps its number.
        proxy.poison = None
        result = run_poll(cfg, env)
        assert result.returncode == 0, result.stdout + result.stderr
        rows = rows_of(tmp_path)
        assert {r["message_id"] for r in rows} == {mid(n) for n in range(COUNT)}
        (downloaded,) = [r for r in rows if r["message_id"] == mid(POISONED)]
        assert downloaded["id"] == number
        assert len({r["id"] for r in rows}) == COUNT
        with Store(tmp_path / "data") as store:
            assert store.quarantined(1) == []
    finally:
        proxy.close()


# --------------------------------------------------------------------------- a set-aside message's row ends

def set_aside_once(dovecot: Dovecot, tmp_path: Path, folder: str, monkeypatch: pytest.MonkeyPatch
                   ) -> tuple[NeteaseProxy, Settings]:
    """Three messages, the second of which always cuts the connection, fetched until it is set aside."""
    dovecot.reset(folder)
    dovecot.append_many([(small_eml(n, "sa"), receipt_time(n)) for n in range(3)], folder=folder)
    proxy = NeteaseProxy(dovecot.port)
    proxy.poison = b"Message-ID: <sa-1@example.org>"
    monkeypatch.setenv("TEST_IMAP_PASSWORD", dovecot.password)
    settings = load_settings(write_settings(tmp_path, dovecot, folder, port=proxy.port))
    with Store(settings.data_dir) as store:
        for _ in range(QUARANTINE_AFTER):
            fetch(settings, store)
        assert [f.location.uid for f in store.quarantined(QUARANTINE_AFTER)] == [2]
    return proxy, settings


def test_a_set_aside_message_deleted_from_the_mailbox_leaves_the_register(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proxy, settings = set_aside_once(dovecot, tmp_path, "PoisonGone", monkeypatch)
    try:
        with dovecot.imap() as m:  # staff looked at it in webmail and deleted it
            m.select("PoisonGone")
            m.uid("STORE", "2", "+FLAGS", "(\\Deleted)")
            m.expunge()
        with Store(settings.data_dir) as store:
            store.set_counter("register_stale", 0)
            fetch(settings, store)
            assert store.quarantined(1) == []
            assert store.get_counter("register_stale") == 1  # the register loses that row at this poll
            assert store.message_count() == 2
    finally:
        proxy.close()


def test_after_a_uidvalidity_change_a_set_aside_message_is_counted_afresh_under_its_new_uid(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proxy, settings = set_aside_once(dovecot, tmp_path, "PoisonAgain", monkeypatch)
    try:
        dovecot.reset("PoisonAgain")  # the folder rebuilt: a new UIDVALIDITY, the same three messages
        dovecot.append_many([(small_eml(n, "sa"), receipt_time(n)) for n in range(3)], folder="PoisonAgain")
        with Store(settings.data_dir) as store:
            mark = store.event_mark()
            fetch(settings, store)
            assert len(poll_errors_since(store, mark)) == 1  # the rescan meets it again and fails on it
            (counted,) = store.quarantined(1)
            assert counted.attempts == 1 and counted.location.uidvalidity != store.messages()[0].location.uidvalidity
            assert store.quarantined(QUARANTINE_AFTER) == []  # no second 无法下载 row for one message
    finally:
        proxy.close()


def test_a_quarantine_after_out_of_range_is_explained_in_chinese(tmp_path: Path) -> None:
    cfg = tmp_path / "shenbao.toml"
    cfg.write_text('[mailbox]\nusername = "a@126.com"\nquarantine_after = 0\n', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    (problem,) = err.value.problems
    assert "mailbox.quarantine_after" in problem and "1 到 20" in problem and "无法下载" in problem

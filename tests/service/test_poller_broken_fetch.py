"""The scheduled job when the mailbox breaks off part-way: the poll is one failure (backed
off, counted once for `status`), yet what was stored is read and the register written; once
the message that breaks it is set aside, polls succeed again."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from shenbao.fetching import UNREADABLE_SUBJECT
from shenbao.service import Poller
from shenbao.settings import MailboxSettings, load_settings
from shenbao.store import Store
from tests.faults.maildrop import receipt_time, small_eml
from tests.faults.polls import read_jsonl
from tests.support.dovecot import Dovecot, imap_settings_toml
from tests.support.netease_proxy import NeteaseProxy

FOLDER = "PollerPoison"
QUARANTINE_AFTER = MailboxSettings().quarantine_after


def test_a_fetch_broken_off_by_one_message_is_one_failure_each_poll_until_the_message_is_set_aside(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    dovecot.reset(FOLDER)
    dovecot.append_many([(small_eml(n, "pp"), receipt_time(n)) for n in range(3)], folder=FOLDER)
    proxy = NeteaseProxy(dovecot.port)
    proxy.poison = b"Message-ID: <pp-1@example.org>"
    monkeypatch.setenv("SHENBAO_POLLER_PASSWORD", dovecot.password)
    cfg = tmp_path / "shenbao.toml"
    cfg.write_text(imap_settings_toml(dovecot, "SHENBAO_POLLER_PASSWORD", folder=FOLDER, port=proxy.port,
                                      timeout_seconds=30), encoding="utf-8")
    poller = Poller(load_settings(cfg))
    caplog.set_level(logging.INFO)
    try:
        for attempt in range(1, QUARANTINE_AFTER + 1):
            poller.not_before = None  # the interval has passed
            poller.poll()
            assert poller.failures == attempt and poller.not_before is not None
            rows = read_jsonl(tmp_path / "output" / "register.jsonl")
            assert "<pp-0@example.org>" in {r["message_id"] for r in rows}  # read and written all the same
        with Store(poller.settings.data_dir) as store:
            assert len(store.events("poll_error")) == QUARANTINE_AFTER  # one each, not two
        errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        assert len(errors) == QUARANTINE_AFTER and all("下载邮件时连接中断" in e and "后再试" in e for e in errors)

        poller.not_before = None
        poller.poll()
    finally:
        proxy.close()
    assert poller.failures == 0 and poller.not_before is None
    assert any("收信已恢复正常" in r.getMessage() for r in caplog.records)
    rows = read_jsonl(tmp_path / "output" / "register.jsonl")
    assert {r["message_id"] for r in rows} == {"<pp-0@example.org>", "<pp-2@example.org>", None}
    assert [r["subject"] for r in rows if r["message_id"] is None] == [UNREADABLE_SUBJECT]
    with Store(poller.settings.data_dir) as store:
        assert len(store.events("poll_error")) == QUARANTINE_AFTER

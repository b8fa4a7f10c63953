"""Faults between us and the mailbox: connections cut mid-fetch, an untrusted certificate."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from shenbao.fetching import fetch_new_mail as fetch
from shenbao.fetching import poll_errors_since
from shenbao.settings import load_settings
from shenbao.store import Store
from tests.faults.maildrop import drop, fresh_folder, receipt_time, small_eml, write_settings
from tests.faults.polls import poll_env, run_poll
from tests.support.relays import SlowRelay
from tests.support.dovecot import Dovecot
from tests.support.netease_proxy import NeteaseProxy

COUNT = 48
PADDING = 60_000  # bytes per message, so one batch of 4 is about 240 KB on the wire
CUT_AFTER = [300_000, 520_000, 260_000, 910_000, 700_000, 280_000]  # bytes of FETCH response per poll


def padded_eml(n: int, tag: str) -> bytes:
    line = f"{n:05d} 申报材料补充说明 ".encode() * 4 + b"\r\n"
    return small_eml(n, tag) + line * (PADDING // len(line))


def test_connections_reset_at_several_points_mid_fetch_lose_nothing_and_store_nothing_twice(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh_folder(dovecot, "Resets")
    drop(dovecot, "Resets", [(padded_eml(n, "rs"), receipt_time(n)) for n in range(COUNT)])
    proxy = NeteaseProxy(dovecot.port)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", dovecot.password)
    settings = load_settings(write_settings(tmp_path, dovecot, "Resets", port=proxy.port, batch_size=4, timeout=5))
    progress = []
    try:
        with Store(settings.data_dir) as store:
            for cut in CUT_AFTER:
                proxy.cut_fetch_after, proxy.cuts_left = cut, 1
                mark = store.event_mark()
                fetch(settings, store)  # a cut is recorded, not raised: the poll goes on with what was stored
                assert len(poll_errors_since(store, mark)) == 1
                progress.append(store.message_count())
            proxy.cut_fetch_after, proxy.cuts_left = None, 0
            fetch(settings, store)
            assert store.quarantined(1) == []  # every message a cut was charged to came in after all
            stored = store.messages()
            assert Counter(m.message_id for m in stored) == Counter(f"<rs-{n}@example.org>" for n in range(COUNT))
            uv = stored[0].location.uidvalidity
            assert store.known_uids(settings.account, "Resets", uv) == set(range(1, COUNT + 1))
            for m in stored:  # a cut never leaves a truncated message behind
                assert store.read_blob(m.sha256) == padded_eml(int(m.message_id[4:-13]), "rs")
            assert fetch(settings, store) == 0
    finally:
        proxy.close()
    # Every cut poll kept the batches that had arrived before the cut, and got further.
    assert all(a < b for a, b in zip([0, *progress], progress)), progress
    assert progress[-1] < COUNT


def test_an_untrusted_certificate_stops_the_poll_once_with_a_chinese_explanation(
        dovecot: Dovecot, tmp_path: Path) -> None:
    fresh_folder(dovecot, "Tls")
    drop(dovecot, "Tls", [(small_eml(0, "tls"), receipt_time(0))])
    # Dovecot's IMAPS port (self-signed certificate), at full speed; the relay counts connections.
    relay = SlowRelay(dovecot.ssl_port, rate=math.inf)
    try:
        cfg = write_settings(tmp_path, dovecot, "Tls", port=relay.port, tls="ssl", verify_tls=True)
        result = run_poll(cfg, poll_env(dovecot.password))
    finally:
        relay.close()
    assert result.returncode == 3, result.stderr  # the CLI's exit code for a mailbox config error
    assert "证书" in result.stderr and "mailbox.verify_tls" in result.stderr
    assert "Traceback" not in result.stderr
    assert relay.connections == 1  # no retry storm
    assert not (tmp_path / "output" / "register.jsonl").exists()


def test_the_same_server_with_verification_off_is_polled(dovecot: Dovecot, tmp_path: Path) -> None:
    fresh_folder(dovecot, "Tls")
    drop(dovecot, "Tls", [(small_eml(0, "tls"), receipt_time(0))])
    cfg = write_settings(tmp_path, dovecot, "Tls", port=dovecot.ssl_port, tls="ssl", verify_tls=False)
    result = run_poll(cfg, poll_env(dovecot.password))
    assert result.returncode == 0, result.stderr

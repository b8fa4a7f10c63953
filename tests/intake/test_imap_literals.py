"""Awkward message bodies and broken connections, fetched from a real Dovecot into a real store."""

from __future__ import annotations

import hashlib
import imaplib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.errors import MailboxUnavailable
from shenbao.fetching import fetch_new_mail, poll_errors_since
from shenbao.intake import imap_source
from shenbao.record import RawMessage
from shenbao.settings import MailboxSettings, load_settings
from shenbao.store import Store
from tests.faults.maildrop import drop, fresh_folder, receipt_time, write_settings
from tests.support.dovecot import Dovecot
from tests.support.netease_proxy import NeteaseProxy

CST = timezone(timedelta(hours=8))


def settings_for(server: Dovecot, port: int | None = None, **kw: object) -> MailboxSettings:
    return MailboxSettings(host="127.0.0.1", port=port or server.port, tls="none", username=server.user,
                           password_env="X", **kw)


def poll(cfg: MailboxSettings, store: Store, password: str, save: object = None) -> int:
    """As shenbao.fetching polls one folder."""
    account, folder = f"{cfg.username}@{cfg.host}", cfg.folder
    return imap_source.fetch_new(
        cfg, password, account,
        last_uid_for=lambda uv: store.last_uid(account, folder, uv),
        known_uids_for=lambda uv: store.known_uids(account, folder, uv),
        save_batch=save or store.save_messages)  # type: ignore[arg-type]


def served(server: Dovecot) -> list[bytes]:
    """Every message of INBOX as the server sends it to the standard library's client."""
    m = server.imap()
    try:
        m.select("INBOX", readonly=True)
        _, data = m.uid("SEARCH", "ALL")
        out = []
        for uid in data[0].split():
            _, answer = m.uid("FETCH", uid, "(BODY.PEEK[])")
            out.append(answer[0][1] if isinstance(answer[0], tuple) else b"")
        return out
    finally:
        m.logout()


def stored(store: Store) -> list[bytes]:
    return [store.read_blob(m.sha256) for m in sorted(store.messages(), key=lambda m: m.location.uid)]


def blob_files(root: Path) -> list[Path]:
    """Every file in the store's blob folder: stored blobs and any temp file left behind."""
    return [p for p in (root / "blobs").rglob("*") if p.is_file()]


def only_stored_blobs(store: Store, root: Path) -> bool:
    """The blob folder holds exactly the stored messages, each under the sha256 of its bytes."""
    files = blob_files(root)
    return (sorted(p.name for p in files) == sorted(m.sha256 for m in store.messages())
            and all(hashlib.sha256(p.read_bytes()).hexdigest() == p.name for p in files))


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Dovecot:
    dovecot.reset()
    return dovecot


def eml(n: int, body: bytes) -> bytes:
    return (f"From: unit{n}@example.org\r\nSubject: =?utf-8?B?55Sz5oql?= {n}\r\nMessage-ID: <lit-{n}@example.org>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() + body


def test_bodies_that_look_like_imap_answers_or_end_in_a_parenthesis_are_stored_byte_for_byte(
        mailbox: Dovecot, tmp_path: Path) -> None:
    bodies = [
        b"* 3 FETCH (UID 9 BODY[] {5}\r\nhello)\r\n* 4 EXPUNGE\r\nA0001 OK UID FETCH completed\r\n",
        b"the list closes here)",  # no line end: the literal's last byte is ')'
        "申报书已发送，请查收。\r\n".encode("gb18030") + bytes(range(128, 256)) + b"\r\n",
        b"{12}\r\n)\r\n",
    ]
    raws = [eml(n, body) for n, body in enumerate(bodies)]
    mailbox.append_many([(raw, datetime(2024, 4, 1, 9, n, tzinfo=CST)) for n, raw in enumerate(raws)])
    with Store(tmp_path) as store:
        assert poll(settings_for(mailbox, batch_size=2), store, mailbox.password) == len(raws)
        assert stored(store) == served(mailbox) == raws
        assert only_stored_blobs(store, tmp_path)


def test_an_empty_message_and_one_with_nul_bytes_are_stored_as_the_server_sends_them(
        mailbox: Dovecot, tmp_path: Path) -> None:
    items = [(b"", datetime(2024, 4, 2, 9, 0, tzinfo=CST)),
             (eml(1, b"before\x00after\x00\r\n\x00"), datetime(2024, 4, 2, 9, 1, tzinfo=CST)),
             (eml(2, b"plain\r\n"), datetime(2024, 4, 2, 9, 2, tzinfo=CST))]
    drop(mailbox, "", items)  # delivered as files: APPEND would refuse both
    with Store(tmp_path) as store:
        assert poll(settings_for(mailbox), store, mailbox.password) == 3
        assert stored(store) == served(mailbox)
        assert stored(store)[0] == b"" and stored(store)[2] == items[2][0]
        assert poll(settings_for(mailbox), store, mailbox.password) == 0


def test_a_connection_cut_inside_a_literal_stores_nothing_of_it_and_the_next_poll_fetches_it_once(
        mailbox: Dovecot, tmp_path: Path) -> None:
    big = eml(1, b"Message-Marker: cut-here\r\n" + b"x" * 400_000 + b"\r\n")
    items = [(eml(0, b"first\r\n"), datetime(2024, 4, 3, 9, 0, tzinfo=CST)),
             (big, datetime(2024, 4, 3, 9, 1, tzinfo=CST)),
             (eml(2, b"third\r\n"), datetime(2024, 4, 3, 9, 2, tzinfo=CST))]
    mailbox.append_many(items)
    proxy = NeteaseProxy(mailbox.port)
    proxy.poison = b"Message-Marker: cut-here"  # the proxy sends half of that literal, then hangs up
    try:
        cfg = settings_for(mailbox, port=proxy.port, timeout_seconds=5)
        with Store(tmp_path) as store:
            with pytest.raises(MailboxUnavailable) as err:
                poll(cfg, store, mailbox.password)
            assert "下载邮件时连接中断：服务器断开了连接" in str(err.value)
            assert stored(store) == [items[0][0]]
            assert only_stored_blobs(store, tmp_path)  # no partial file left behind
            proxy.poison = None
            assert poll(cfg, store, mailbox.password) == 2
            assert stored(store) == [raw for raw, _ in items]
            assert store.message_count() == 3
            assert only_stored_blobs(store, tmp_path)
    finally:
        proxy.close()


def test_a_save_that_fails_mid_fetch_keeps_what_was_saved_and_the_next_poll_stores_each_message_once(
        mailbox: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imap_source, "COMMIT_BYTES", 120_000)  # saved every 3 messages
    raws = [eml(n, b"y" * 50_000 + b"\r\n") for n in range(12)]
    mailbox.append_many([(raw, datetime(2024, 4, 4, 9, n, tzinfo=CST)) for n, raw in enumerate(raws)])
    cfg = settings_for(mailbox)  # one FETCH for all 12
    calls: list[int] = []

    class Refused(Exception):
        pass

    with Store(tmp_path) as store:
        def save_then_refuse(batch: list[RawMessage]) -> None:
            calls.append(len(batch))
            if len(calls) == 2:
                raise Refused()
            store.save_messages(batch)

        with pytest.raises(Refused):
            poll(cfg, store, mailbox.password, save_then_refuse)
        assert store.message_count() == calls[0] == 3
        assert only_stored_blobs(store, tmp_path)
        assert poll(cfg, store, mailbox.password) == 9
        assert stored(store) == raws
        assert only_stored_blobs(store, tmp_path)


def test_large_messages_are_saved_in_batches_of_bounded_bytes(mailbox: Dovecot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imap_source, "COMMIT_BYTES", 1_000_000)
    raws = [eml(n, bytes([65 + n]) * 700_000 + b"\r\n") for n in range(5)]
    mailbox.append_many([(raw, datetime(2024, 4, 5, 9, n, tzinfo=CST)) for n, raw in enumerate(raws)])
    batches: list[int] = []
    with Store(tmp_path) as store:
        def save(batch: list[RawMessage]) -> None:
            batches.append(sum(len(raw.data) for raw in batch))
            store.save_messages(batch)

        assert poll(settings_for(mailbox), store, mailbox.password, save) == 5
        assert stored(store) == raws
    assert len(batches) >= 3 and max(batches) < 2_000_000  # a batch is cut once it holds COMMIT_BYTES


def test_a_poll_through_the_fetching_stage_leaves_only_stored_blobs_after_a_cut_and_a_duplicate(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh_folder(dovecot, "Staged")
    twice = eml(1, b"sent twice\r\n")
    cut = eml(2, b"Message-Marker: cut-here\r\n" + b"z" * 300_000 + b"\r\n")
    rewritten = b"X-Forwarded-By: relay\r\n" + twice  # the same message with a header more: not new
    drop(dovecot, "Staged", [(twice, receipt_time(0)), (twice, receipt_time(1)), (cut, receipt_time(2)),
                             (eml(3, b"last\r\n"), receipt_time(3)), (rewritten, receipt_time(4))])
    proxy = NeteaseProxy(dovecot.port)
    proxy.poison = b"Message-Marker: cut-here"
    monkeypatch.setenv("TEST_IMAP_PASSWORD", dovecot.password)
    settings = load_settings(write_settings(tmp_path, dovecot, "Staged", port=proxy.port, batch_size=25, timeout=5))
    try:
        with Store(settings.data_dir) as store:
            mark = store.event_mark()
            assert fetch_new_mail(settings, store) == 1  # the cut is recorded, not raised
            assert "服务器断开了连接" in poll_errors_since(store, mark)[0]
            assert only_stored_blobs(store, settings.data_dir)
            proxy.poison = None
            assert fetch_new_mail(settings, store) == 2
            assert store.message_count() == 3
            assert only_stored_blobs(store, settings.data_dir)
    finally:
        proxy.close()

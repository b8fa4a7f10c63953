"""The IMAP source against a real Dovecot (and the NetEase-like proxy in front of it)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.errors import MailboxConfigError, MailboxUnavailable
from shenbao.intake import imap_source
from shenbao.intake.mime import parse_message
from shenbao.record import RawMessage
from shenbao.settings import MailboxSettings
from shenbao.store import Store
from tests.support.dovecot import Dovecot
from tests.support.netease_proxy import NeteaseProxy
from tests.support.relays import SlowRelay

CST = timezone(timedelta(hours=8))


def simple_eml(n: int, *, date_header: str = "Mon, 29 Apr 2024 10:00:00 +0800") -> bytes:
    return (f"From: unit{n}@example.org\r\nTo: hnkxxhb@126.com\r\nSubject: test {n}\r\n"
            f"Message-ID: <m{n}-{id(object())}@example.org>\r\nDate: {date_header}\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\nbody {n}\r\n").encode()


def settings_for(server: Dovecot, port: int | None = None, **kw: object) -> MailboxSettings:
    return MailboxSettings(host="127.0.0.1", port=port or server.port, tls="none", username=server.user,
                           password_env="X", **kw)


def poll(cfg: MailboxSettings, store: Store, password: str) -> int:
    account, folder = f"{cfg.username}@{cfg.host}", cfg.folder
    return imap_source.fetch_new(
        cfg, password, account,
        last_uid_for=lambda uv: store.last_uid(account, folder, uv),
        known_uids_for=lambda uv: store.known_uids(account, folder, uv),
        save_batch=lambda batch: store.save_messages(batch),
        pending_actions_for=lambda uv: store.pending_server_actions(account, folder, uv),
        mark_actions_done=lambda uv, uids: store.mark_server_action_done(account, folder, uv, uids))


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Dovecot:
    dovecot.reset()
    return dovecot


def test_new_messages_are_stored_with_their_internaldate_offset(mailbox: Dovecot, tmp_path: Path) -> None:
    when = datetime(2024, 4, 30, 16, 59, 59, tzinfo=CST)
    mailbox.append(simple_eml(1), when)
    with Store(tmp_path) as store:
        assert poll(settings_for(mailbox), store, mailbox.password) == 1
        (msg,) = store.messages()
        assert msg.internaldate == when
        assert msg.internaldate.utcoffset() == timedelta(hours=8)
        assert store.read_blob(msg.sha256) == simple_eml(1)[:0] + store.read_blob(msg.sha256)


def test_polling_twice_adds_nothing_and_leaves_flags_alone(mailbox: Dovecot, tmp_path: Path) -> None:
    mailbox.append_many([(simple_eml(i), datetime(2024, 4, 1, 9, i, tzinfo=CST)) for i in range(3)])
    cfg = settings_for(mailbox)
    with Store(tmp_path) as store:
        assert poll(cfg, store, mailbox.password) == 3
        assert poll(cfg, store, mailbox.password) == 0
        assert store.message_count() == 3
    assert not any(b"\\Seen" in f for f in mailbox.flags())


def test_uidvalidity_change_rechecks_the_folder_without_duplicates(mailbox: Dovecot, tmp_path: Path) -> None:
    mailbox.append_many([(simple_eml(i), datetime(2024, 4, 2, 9, i, tzinfo=CST)) for i in range(4)])
    cfg = settings_for(mailbox)
    with Store(tmp_path) as store:
        poll(cfg, store, mailbox.password)
        before = {m.sha256 for m in store.messages()}
        mailbox.recreate_inbox()
        mailbox.append(simple_eml(99), datetime(2024, 4, 3, 9, 0, tzinfo=CST))
        poll(cfg, store, mailbox.password)
        after = {m.sha256 for m in store.messages()}
        assert before < after and len(after) == 5


def test_id_is_sent_before_select_on_every_connection(mailbox: Dovecot, tmp_path: Path) -> None:
    mailbox.append(simple_eml(1), datetime(2024, 4, 1, 9, 0, tzinfo=CST))
    proxy = NeteaseProxy(mailbox.port)
    try:
        cfg = settings_for(mailbox, port=proxy.port)
        with Store(tmp_path) as store:
            assert poll(cfg, store, mailbox.password) == 1
            assert poll(cfg, store, mailbox.password) == 0  # a reconnect sends ID again
        by_conn: dict[int, list[bytes]] = {}
        for conn, verb in proxy.log.commands:
            by_conn.setdefault(conn, []).append(verb)
        selecting = [v for v in by_conn.values() if b"SELECT" in v or b"EXAMINE" in v]
        assert len(selecting) == 2
        for verbs in selecting:
            first_select = min(i for i, v in enumerate(verbs) if v in (b"SELECT", b"EXAMINE"))
            assert b"ID" in verbs[:first_select]
    finally:
        proxy.close()


def test_without_id_netease_refuses_select_with_a_clear_config_error(mailbox: Dovecot, tmp_path: Path) -> None:
    proxy = NeteaseProxy(mailbox.port)
    try:
        cfg = settings_for(mailbox, port=proxy.port, send_id=False)
        with Store(tmp_path) as store, pytest.raises(MailboxConfigError) as err:
            poll(cfg, store, mailbox.password)
        assert "Unsafe Login" in err.value.message and "send_id" in err.value.message
        assert b"SEARCH" not in proxy.log.verbs() and b"UID SEARCH" not in proxy.log.verbs()
    finally:
        proxy.close()


def test_wrong_authorisation_code_is_one_config_error(mailbox: Dovecot, tmp_path: Path) -> None:
    proxy = NeteaseProxy(mailbox.port, login_error=b"NO LOGIN Login error or password error")
    try:
        with Store(tmp_path) as store, pytest.raises(MailboxConfigError) as err:
            poll(settings_for(mailbox, port=proxy.port), store, "wrong")
        assert "授权码" in err.value.message
        assert proxy.log.verbs().count(b"LOGIN") == 1
    finally:
        proxy.close()


def test_a_connection_that_dies_during_login_is_not_a_wrong_authorisation_code(mailbox: Dovecot,
                                                                                tmp_path: Path) -> None:
    proxy = NeteaseProxy(mailbox.port)
    proxy.drop_on_login = True
    try:
        with Store(tmp_path) as store, pytest.raises(MailboxUnavailable) as err:
            poll(settings_for(mailbox, port=proxy.port), store, mailbox.password)
        assert "登录邮箱时连接中断" in str(err.value)
    finally:
        proxy.close()


def test_a_connection_cut_mid_fetch_loses_nothing_on_the_next_poll(mailbox: Dovecot, tmp_path: Path) -> None:
    big = b"x" * 200_000
    items = [(simple_eml(i) + big, datetime(2024, 4, 5, 9, i, tzinfo=CST)) for i in range(6)]
    mailbox.append_many(items)
    proxy = NeteaseProxy(mailbox.port)
    proxy.cut_fetch_after = 500_000  # the first batch (2 x 200 KB) passes, the second is cut
    proxy.cuts_left = 1
    try:
        cfg = settings_for(mailbox, port=proxy.port, batch_size=2, timeout_seconds=5)
        with Store(tmp_path) as store:
            with pytest.raises(MailboxUnavailable):
                poll(cfg, store, mailbox.password)
            partial = store.message_count()
            assert 0 < partial < 6
            poll(cfg, store, mailbox.password)
            assert store.message_count() == 6
    finally:
        proxy.close()


def test_two_pollers_at_once_store_each_message_once(mailbox: Dovecot, tmp_path: Path) -> None:
    mailbox.append_many([(simple_eml(i), datetime(2024, 4, 6, 9, i, tzinfo=CST)) for i in range(20)])
    cfg = settings_for(mailbox, batch_size=3)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with Store(tmp_path) as store:
                poll(cfg, store, mailbox.password)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(tmp_path) as store:
        assert store.message_count() == 20
        assert len(store.known_uids(f"{cfg.username}@{cfg.host}", "INBOX", _uidvalidity(store))) == 20


def _uidvalidity(store: Store) -> int:
    return store.messages()[0].location.uidvalidity


def test_flag_action_marks_stored_messages_once(mailbox: Dovecot, tmp_path: Path) -> None:
    mailbox.append(simple_eml(1), datetime(2024, 4, 1, 9, 0, tzinfo=CST))
    cfg = settings_for(mailbox, after_store="flag", flag="$Shenbao")
    with Store(tmp_path) as store:
        poll(cfg, store, mailbox.password)
    assert any(b"$Shenbao" in f for f in mailbox.flags())


def test_raw_message_requires_an_aware_internaldate(tmp_path: Path) -> None:
    from shenbao.record import MessageLocation

    with Store(tmp_path) as store, pytest.raises(ValueError):
        store.save_messages([RawMessage(data=b"x", internaldate=datetime(2024, 1, 1),
                                        location=MessageLocation(account="a", folder="f", uidvalidity=1, uid=1))])


# --------------------------------------------------------------------------- identity by content

def poll_counting_new(cfg: MailboxSettings, store: Store, password: str) -> list[bool]:
    """One poll; for each message fetched, whether the store took it as a new message."""
    account, folder = f"{cfg.username}@{cfg.host}", cfg.folder
    new: list[bool] = []
    imap_source.fetch_new(
        cfg, password, account,
        last_uid_for=lambda uv: store.last_uid(account, folder, uv),
        known_uids_for=lambda uv: store.known_uids(account, folder, uv),
        save_batch=lambda batch: new.extend(is_new for _, is_new in store.save_messages(batch)))
    return new


def reused_id_eml(body: str, *, message_id: str = "<reused@mobile.example.org>") -> bytes:
    """A message from a client that reuses its Message-ID (some mobile clients do)."""
    return (f"From: unit@example.org\r\nTo: hnkxxhb@126.com\r\nSubject: =?UTF-8?B?55Sz5oql?=\r\n"
            f"Message-ID: {message_id}\r\nDate: Mon, 29 Apr 2024 10:00:00 +0800\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()


def test_two_different_messages_with_one_message_id_and_one_internaldate_second_are_two_messages(
        mailbox: Dovecot, tmp_path: Path) -> None:
    when = datetime(2024, 4, 29, 10, 0, 5, tzinfo=CST)
    first, second = reused_id_eml("第一封：申报书见附件"), reused_id_eml("第二封：补充材料")
    mailbox.append_many([(first, when), (second, when)])
    cfg = settings_for(mailbox)
    with Store(tmp_path) as store:
        assert poll_counting_new(cfg, store, mailbox.password) == [True, True]
        stored = store.messages()
        assert len(stored) == 2
        assert sorted(store.read_blob(m.sha256) for m in stored) == sorted([first, second])
        assert {m.message_id for m in stored} == {"<reused@mobile.example.org>"}
        assert len({m.location.uid for m in stored}) == 2  # each its own UID, none a copy of the other

        mailbox.recreate_inbox()  # a UIDVALIDITY change: the rescan recognises both, adds neither
        assert poll_counting_new(cfg, store, mailbox.password) == [False, False]
        assert store.message_count() == 2


def test_the_same_message_appended_twice_is_one_message_at_two_locations(mailbox: Dovecot, tmp_path: Path) -> None:
    raw = simple_eml(7)
    mailbox.append_many([(raw, datetime(2024, 4, 8, 9, 0, tzinfo=CST)), (raw, datetime(2024, 4, 8, 9, 5, tzinfo=CST))])
    cfg = settings_for(mailbox)
    with Store(tmp_path) as store:
        assert poll_counting_new(cfg, store, mailbox.password) == [True, False]
        (msg,) = store.messages()
        uv = msg.location.uidvalidity
        assert len(store.known_uids(f"{cfg.username}@{cfg.host}", "INBOX", uv)) == 2
        assert store.read_blob(msg.sha256) == raw


def test_a_copy_whose_headers_the_server_rewrote_is_recognised_as_the_stored_message(
        mailbox: Dovecot, tmp_path: Path) -> None:
    original = reused_id_eml("申报材料见附件", message_id="<once@example.org>")
    head, _, body = original.partition(b"\r\n\r\n")
    # What a re-serialising server does to the headers: a trace line on top, a refolded subject.
    rewritten = (b"Received: from mx.example.org by imap.example.org; Mon, 29 Apr 2024 10:00:06 +0800\r\n"
                 + head.replace(b"Subject: ", b"Subject:\r\n ") + b"\r\n\r\n" + body)
    cfg = settings_for(mailbox)
    with Store(tmp_path) as store:
        mailbox.append(original, datetime(2024, 4, 29, 10, 0, 6, tzinfo=CST))
        assert poll_counting_new(cfg, store, mailbox.password) == [True]
        mailbox.append(rewritten, datetime(2024, 4, 29, 10, 0, 6, tzinfo=CST))
        assert poll_counting_new(cfg, store, mailbox.password) == [False]
        (msg,) = store.messages()
        assert store.read_blob(msg.sha256) == original
        assert len(store.known_uids(f"{cfg.username}@{cfg.host}", "INBOX", msg.location.uidvalidity)) == 2


def test_the_stored_message_id_is_the_parsers_even_with_a_foxmail_comment(mailbox: Dovecot, tmp_path: Path) -> None:
    raw = reused_id_eml("申报书见附件", message_id="<abc@example.com> (sent by Foxmail)")
    mailbox.append(raw, datetime(2024, 4, 29, 10, 0, tzinfo=CST))
    with Store(tmp_path) as store:
        poll(settings_for(mailbox), store, mailbox.password)
        (msg,) = store.messages()
        assert msg.message_id == parse_message(store.read_blob(msg.sha256)).message_id == "<abc@example.com>"


# --------------------------------------------------------------------------- deadlines and batches

def test_a_large_message_on_a_slow_link_gets_time_by_its_size_not_only_the_timeout(
        mailbox: Dovecot, tmp_path: Path) -> None:
    big = simple_eml(1) + b"x" * 3_000_000  # about 3 s through the relay, three times the timeout
    mailbox.append(big, datetime(2024, 4, 9, 9, 0, tzinfo=CST))
    relay = SlowRelay(mailbox.port, rate=1_000_000)
    try:
        with Store(tmp_path) as store:
            assert poll(settings_for(mailbox, port=relay.port, timeout_seconds=1), store, mailbox.password) == 1
            (msg,) = store.messages()
            assert store.read_blob(msg.sha256) == big
    finally:
        relay.close()


def test_batches_hold_at_most_the_batch_size_and_a_fetch_worth_of_bytes() -> None:
    sizes = {1: 10, 2: 10, 3: 10, 4: imap_source.FETCH_BYTES, 5: 10}
    assert imap_source.batches([1, 2, 3, 4, 5], sizes, 2) == [[1, 2], [3], [4], [5]]
    assert imap_source.batches([1, 2, 3, 5], sizes, 25) == [[1, 2, 3, 5]]
    assert imap_source.batches([], sizes, 25) == []

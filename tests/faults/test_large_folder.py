"""A folder of 2,000 messages fetched into the store: each stored once, UID progress right."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.fetching import fetch_new_mail as fetch
from shenbao.settings import load_settings
from shenbao.intake.mime import header_message_id
from shenbao.store import Store
from tests.faults.maildrop import drop, fresh_folder, receipt_time, small_eml, write_settings
from tests.support.dovecot import Dovecot

COUNT = 2000


def test_two_thousand_messages_are_each_stored_once_and_a_second_poll_adds_nothing(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh_folder(dovecot, "Bulk")
    items = [(small_eml(n, "bulk"), receipt_time(n)) for n in range(COUNT)]
    drop(dovecot, "Bulk", items)
    monkeypatch.setenv("TEST_IMAP_PASSWORD", dovecot.password)
    settings = load_settings(write_settings(tmp_path, dovecot, "Bulk", batch_size=100))
    account = settings.account

    with Store(settings.data_dir) as store:
        assert fetch(settings, store) == COUNT
        stored = store.messages()
        assert len(stored) == COUNT
        assert sorted(m.message_id for m in stored) == sorted(f"<bulk-{n}@example.org>" for n in range(COUNT))
        # Dovecot reports a delivered file's mtime as INTERNALDATE, offset kept.
        by_mid = {m.message_id: m for m in stored}
        for n in (0, 1, 999, COUNT - 1):
            assert by_mid[f"<bulk-{n}@example.org>"].internaldate == receipt_time(n)
        uidvalidity = stored[0].location.uidvalidity
        assert {m.location.uidvalidity for m in stored} == {uidvalidity}
        assert store.known_uids(account, "Bulk", uidvalidity) == set(range(1, COUNT + 1))
        assert store.last_uid(account, "Bulk", uidvalidity) == COUNT
        for m in stored[:: COUNT // 20]:
            assert header_message_id(store.read_blob(m.sha256)) == m.message_id

        assert fetch(settings, store) == 0
        assert store.message_count() == COUNT

        # One more delivery is the only thing the next poll fetches, under the next UID.
        drop(dovecot, "Bulk", [(small_eml(COUNT, "bulk"), receipt_time(COUNT))], start=COUNT)
        assert fetch(settings, store) == 1
        assert store.message_count() == COUNT + 1
        assert store.last_uid(account, "Bulk", uidvalidity) == COUNT + 1

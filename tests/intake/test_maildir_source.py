"""The Maildir source hands the store each message with the Message-ID intake reads."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from shenbao.intake import maildir_source
from shenbao.intake.mime import parse_message
from shenbao.record import RawMessage
from shenbao.store import Store
from tests.builders.eml import mail, text_part

TZ = ZoneInfo("Asia/Shanghai")


def deliver(maildir: Path, name: str, raw: bytes, when: datetime) -> None:
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    path = maildir / "cur" / name
    path.write_bytes(raw)
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_a_foxmail_comment_after_the_message_id_is_dropped_alike_by_the_parser_and_the_store(tmp_path: Path) -> None:
    raw = mail(subject="项目申报", message_id="<abc@example.com> (sent by Foxmail)", parts=[text_part("申报书见附件")])
    deliver(tmp_path / "maildir", "1714356000.M1P1.host:2,S", raw, datetime(2024, 4, 29, 10, 0, tzinfo=TZ))
    with Store(tmp_path / "data") as store:

        def save(batch: list[RawMessage]) -> None:
            store.save_messages(batch)

        fetched = maildir_source.fetch_new(tmp_path / "maildir", "local", TZ, store.has_location, save)
        assert fetched == 1
        (msg,) = store.messages()
        assert msg.message_id == parse_message(raw).message_id == "<abc@example.com>"

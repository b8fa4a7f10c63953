"""A locked archive opens with the password its mail gives (压缩包解压密码：2024): its members are
read as if it had been open; a wrong or missing password leaves it locked, said so."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, StoredMessage
from tests.builders.eml import attachment, mail, multipart, text_part
from tests.intake.file_builders import docx_bytes, sevenzip_bytes


def parts_of(body: str, archive: bytes) -> list[tuple[str, str | None]]:
    raw = mail(subject="申报材料", parts=[multipart("mixed", [text_part(body), attachment(archive, "申报材料.7z")])])
    stored = StoredMessage(sha256=hashlib.sha256(raw).hexdigest(), message_id=None,
                           internaldate=datetime(2024, 4, 20, tzinfo=timezone.utc), size=len(raw),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1))
    return [(p.name, p.problem) for p in mail_of(stored, raw).parsed.parts]


LOCKED = sevenzip_bytes([("申报书.docx", docx_bytes("项目申报书"))], password="2024")


def test_a_locked_7z_opens_with_the_password_the_mail_gives() -> None:
    parts = parts_of("附件为申报材料，请查收。\n压缩包解压密码：2024\n联系人：谢国庆", LOCKED)
    assert parts == [("申报材料.7z", None), ("申报书.docx", None)]


def test_a_wrong_or_missing_password_leaves_it_locked() -> None:
    for body in ("压缩包解压密码：1234", "附件为申报材料，请查收。"):
        (archive,) = parts_of(body, LOCKED)
        assert archive[0] == "申报材料.7z" and archive[1] is not None and "需要密码" in archive[1]

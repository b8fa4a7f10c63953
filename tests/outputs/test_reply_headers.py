"""Every header value of a reply (回执) is safe where the reply is composed: one line, no
control characters, capped; From and To plain addresses; a reply that cannot be made says why."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta, timezone

import pytest

from shenbao.outputs.reply_text import (
    MAX_HEADER_CHARS,
    ReplyNotBuildable,
    compose_reply,
    header_text,
    reply_address,
    reply_bytes,
)
from tests.outputs.rows import application_row

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 29, 17, 0, tzinfo=CST)


def composed(**changes: object) -> email.message.EmailMessage:
    row = application_row(message_sha256="e" * 64, **changes)
    raw = reply_bytes(compose_reply(row, version="v1", from_address="hnkxxhb@126.com", to="xiehui@example.org",
                                    tz=CST, now=NOW))
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_line_breaks_controls_and_direction_overrides_become_single_spaces() -> None:
    assert header_text("申报\r\nBcc: evil@x.org") == "申报 Bcc: evil@x.org"
    assert header_text("a\x00b\x1bc\x85d\u2028e\u202eg  \t h") == "a b c d e g h"


def test_a_long_value_is_cut_with_an_ellipsis() -> None:
    text = header_text("长" * 500)
    assert len(text) == MAX_HEADER_CHARS and text.endswith("…")


@pytest.mark.parametrize("subject", ["申报\r\nBcc: evil@x.org\r\n\r\nbody", "申报\nBcc: evil@x.org", "申报\u2028抄送"])
def test_a_subject_from_the_mail_with_a_line_break_gets_no_automatic_reply(subject: str) -> None:
    with pytest.raises(ReplyNotBuildable, match="换行符"):
        composed(fields=None, subject=subject)


def test_a_project_name_with_line_breaks_is_one_line_in_the_subject() -> None:
    fields = application_row().fields.model_copy(update={"project_name": "第一行\n第二行"})  # type: ignore[union-attr]
    assert composed(fields=fields)["Subject"] == "【补正通知】登记编号 2024-0007：第一行 第二行"


def test_a_message_id_that_is_not_one_is_not_threaded_under() -> None:
    assert composed(message_id="<ok@mail.example>")["In-Reply-To"] == "<ok@mail.example>"
    msg = composed(message_id="<a\x01b@mail.example>")
    assert msg["In-Reply-To"] is None and msg["References"] is None


@pytest.mark.parametrize("address", [
    "bad,addr@unit.example.org", "a@b.org\r\nBcc: evil@x.org", "two words@example.org", "申报@例子.中国",
    "<a@b.org>", "a@b.org, c@d.org", "no-at-sign", "a@-bad-.org", "x" * 65 + "@example.org",
])
def test_an_address_that_is_not_one_plain_address_makes_the_reply_unbuildable(address: str) -> None:
    with pytest.raises(ReplyNotBuildable) as err:
        reply_address(address)
    assert "不是有效的邮件地址" in err.value.reason and "\n" not in err.value.reason


@pytest.mark.parametrize("address", ["xiehui@example.org", "Zhang.San+kx@Example.CN", "shenbao@localhost",
                                     "o'brien@mail-1.example.org"])
def test_ordinary_addresses_are_kept(address: str) -> None:
    assert reply_address(f" {address} ") == address

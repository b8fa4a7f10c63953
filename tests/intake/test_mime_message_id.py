"""One reading of a message's Message-ID (and of its receipt time from its headers), from the
header block alone, shared by parse_message, the intake sources and the store's recovery."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shenbao.intake.mime import header_message_id, header_received_time, parse_message
from tests.builders.eml import mail, text_part

CST = timezone(timedelta(hours=8))


@pytest.mark.parametrize(("raw", "expected"), [
    # Foxmail appends a comment; the id is the bracketed token.
    (b"Message-ID: <abc@example.com> (sent by Foxmail)\r\nSubject: x\r\n\r\nbody\r\n", "<abc@example.com>"),
    # Folded onto the next line, any case of the name.
    (b"Subject: x\r\nMessage-Id:\r\n <folded@example.com>\r\n\r\nbody\r\n", "<folded@example.com>"),
    # LF line ends.
    (b"Subject: x\nMessage-ID: <lf@example.com>\n\nbody\n", "<lf@example.com>"),
    # No brackets: the first word.
    (b"Message-ID: bare@example.com trailing words\r\n\r\nbody\r\n", "bare@example.com"),
    # A Message-ID line in the body is not a header.
    (b"Subject: x\r\n\r\nMessage-ID: <in-body@example.com>\r\n", None),
    # A blank line made of a bare CR ends the headers for the parser: what follows is body.
    (b"Subject: x\n\rMessage-ID: <after-cr@example.com>\n\nbody\n", None),
    (b"", None),
])
def test_the_message_id_is_read_from_the_header_block_as_the_parser_reads_it(raw: bytes, expected: str | None) -> None:
    assert header_message_id(raw) == expected
    assert parse_message(raw).message_id == expected


def test_a_message_id_after_a_large_body_like_header_block_is_still_found() -> None:
    raw = mail(message_id="<late@example.com>", headers=[b"X-Long: " + b"a" * 200_000], parts=[text_part("x")])
    assert header_message_id(raw) == parse_message(raw).message_id == "<late@example.com>"


def test_the_received_time_is_our_servers_stamp_else_the_date_header() -> None:
    stamped = (b"Received: from mx.example.org by imap.example.org; Mon, 29 Apr 2024 10:00:06 +0800\r\n"
               b"Received: from client by mx.example.org; Mon, 29 Apr 2024 09:59:00 +0800\r\n"
               b"Date: Mon, 29 Apr 2024 09:58:00 +0800\r\n\r\nbody\r\n")
    assert header_received_time(stamped) == datetime(2024, 4, 29, 10, 0, 6, tzinfo=CST)
    dated = b"Date: Mon, 29 Apr 2024 09:58:00 +0800\r\n\r\nReceived: x; Mon, 29 Apr 2024 11:00:00 +0800\r\n"
    assert header_received_time(dated) == datetime(2024, 4, 29, 9, 58, tzinfo=CST)
    assert header_received_time(b"Date: Mon, 29 Apr 2024 09:58:00 -0000\r\n\r\n") is None  # -0000: zone unknown
    assert header_received_time(b"Subject: x\r\n\r\n") is None

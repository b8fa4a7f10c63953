"""FETCH answers read off the wire: the byte streams a server sends, read as the source reads them."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from imapclient.exceptions import IMAPClientAbortError

from shenbao.intake.imap_answers import fetch_items, read_fetch, read_response

CST = timezone(timedelta(hours=8))
WHEN = b'"01-Apr-2024 09:00:00 +0800"'


def stream(*chunks: bytes) -> io.BufferedReader:
    return io.BufferedReader(io.BytesIO(b"".join(chunks)))  # type: ignore[arg-type]


def literal(body: bytes) -> bytes:
    return b"{%d}\r\n" % len(body) + body


def answers(data: io.BufferedReader, tag: bytes = b"A7") -> tuple[list[tuple[int, dict[bytes, object]]], str]:
    got: list[tuple[int, dict[bytes, object]]] = []
    status, _ = read_fetch(data, tag, lambda uid, item: got.append((uid, item)))
    return got, status


TRICKY = (b"Subject: x\r\n\r\n* 3 FETCH (UID 9 BODY[] {5}\r\nA7 OK UID FETCH completed\r\n"
          b"\x00\x01\xff\xfe\xe4\xb8\xad\r\n)")


def test_a_body_that_looks_like_imap_responses_and_ends_in_a_parenthesis_is_read_whole() -> None:
    got, status = answers(stream(b"* 1 FETCH (UID 41 INTERNALDATE " + WHEN + b" BODY[] " + literal(TRICKY) + b")\r\n",
                                 b"A7 OK done\r\n"))
    assert status == "OK"
    assert [(uid, item[b"BODY[]"]) for uid, item in got] == [(41, TRICKY)]
    assert got[0][1][b"INTERNALDATE"] == datetime(2024, 4, 1, 9, 0, tzinfo=CST)


def test_items_in_another_order_and_after_the_literal_are_read() -> None:
    got, _ = answers(stream(b"* 2 FETCH (BODY[] " + literal(b"abc") + b" UID 42 INTERNALDATE " + WHEN + b")\r\n",
                            b"A7 OK done\r\n"))
    (uid, item), = got
    assert (uid, item[b"BODY[]"], item[b"SEQ"]) == (42, b"abc", 2)
    assert item[b"INTERNALDATE"] == datetime(2024, 4, 1, 9, 0, tzinfo=CST)


def test_an_empty_message_as_a_zero_literal_or_a_quoted_string_is_an_empty_body() -> None:
    got, _ = answers(stream(b"* 1 FETCH (UID 1 BODY[] {0}\r\n INTERNALDATE " + WHEN + b")\r\n",
                            b'* 2 FETCH (UID 2 BODY[] "" INTERNALDATE ' + WHEN + b")\r\n",
                            b"A7 OK done\r\n"))
    assert [(uid, item[b"BODY[]"]) for uid, item in got] == [(1, b""), (2, b"")]


def test_a_flags_list_or_a_nil_body_goes_through_imapclients_parser_with_the_same_values() -> None:
    got, _ = answers(stream(b"* 1 FETCH (FLAGS (\\Seen $Shenbao) UID 5 INTERNALDATE " + WHEN + b" BODY[] "
                            + literal(b"x)") + b")\r\n",
                            b"* 2 FETCH (UID 6 BODY[] NIL)\r\n",
                            b"A7 OK done\r\n"))
    assert [(uid, item[b"BODY[]"]) for uid, item in got] == [(5, b"x)"), (6, None)]
    assert got[0][1][b"FLAGS"] == (b"\\Seen", b"$Shenbao")
    assert got[0][1][b"INTERNALDATE"] == datetime(2024, 4, 1, 9, 0, tzinfo=CST)


def test_other_untagged_answers_and_fetches_without_a_uid_are_passed_over() -> None:
    got, status = answers(stream(b"* 9 EXISTS\r\n", b"* 3 EXPUNGE\r\n", b"* 4 FETCH (FLAGS (\\Seen))\r\n",
                                 b"* 1 FETCH (UID 7 RFC822.SIZE 1234 INTERNALDATE " + WHEN + b")\r\n",
                                 b"A6 OK not ours\r\n", b"A7 NO [SERVERBUG] try later\r\n"))
    assert status == "NO"
    assert [(uid, item[b"RFC822.SIZE"]) for uid, item in got] == [(7, 1234)]


def test_a_connection_that_ends_inside_a_literal_hands_on_nothing_of_that_message() -> None:
    whole = b"* 1 FETCH (UID 1 BODY[] " + literal(b"first") + b")\r\n"
    cut = b"* 2 FETCH (UID 2 BODY[] {1000}\r\n" + b"y" * 400
    got: list[int] = []
    with pytest.raises(IMAPClientAbortError, match="EOF"):
        read_fetch(stream(whole, cut), b"A7", lambda uid, item: got.append(uid))
    assert got == [1]


def test_a_connection_that_ends_inside_a_line_or_says_bye_is_an_abort() -> None:
    with pytest.raises(IMAPClientAbortError):
        read_response(stream(b"* 1 FETCH (UID 1 BO"))
    with pytest.raises(IMAPClientAbortError, match="shutting down"):
        answers(stream(b"* BYE shutting down\r\n"))


def test_a_literal_followed_by_another_literal_keeps_both_in_order() -> None:
    texts, literals = read_response(stream(b"* 1 FETCH (UID 3 BODY[HEADER] " + literal(b"h\r\n\r\n")
                                           + b" BODY[] " + literal(b"h\r\n\r\nb") + b")\r\n"))
    assert literals == [b"h\r\n\r\n", b"h\r\n\r\nb"]
    uid, item = fetch_items(texts, literals) or (0, {})
    assert (uid, item[b"BODY[HEADER]"], item[b"BODY[]"]) == (3, b"h\r\n\r\n", b"h\r\n\r\nb")

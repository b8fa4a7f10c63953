"""FETCH answers read straight off an imaplib connection, one message at a time.

imaplib reads a response line by line into its `untagged_responses` and imapclient's parser
then lexes the text around each literal character by character; for a first sync that was a
fixed cost per message on top of the bytes (benchmarks/README.md). Here a literal is read
with one `read(n)` of exactly the size the server announced (never searched for its end, so a
body holding lines such as `* 3 FETCH (` or `a1 OK`, a `)` as its last byte, NUL or 8-bit
bytes, or nothing at all is taken as it is), and the short text around it is matched by one
regular expression in the shape servers send (`UID n INTERNALDATE "…" BODY[] {n}`, in any
order). Anything else — a FLAGS list, a quoted body, a nested list — goes to imapclient's own
parser, so the values (and their types) are imapclient's either way.

A connection that ends before a literal is complete raises `IMAPClientAbortError` ("socket
error: EOF", imaplib's words) and nothing of that message is handed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from imapclient.datetime_util import parse_to_datetime
from imapclient.exceptions import IMAPClientAbortError
from imapclient.response_parser import parse_fetch_response

MAX_LINE = 1_000_000  # imaplib's _MAXLINE: a longer line without CRLF is not IMAP
# `* 12 FETCH (...` : the sequence number and the item text after the opening parenthesis.
_FETCH = re.compile(rb"\* (\d+) FETCH (\(.*)\Z", re.DOTALL | re.IGNORECASE)
# A literal's announcement ends its line: `{123}` (or `{123+}`).
_LITERAL = re.compile(rb"\{(\d+)\+?\}\Z")
# One `NAME value` item whose value is a number, NIL, a quoted string without escapes, or
# the literal that ends the line (`{n}`, the value then being the literal).
_ITEM = re.compile(rb' ?([A-Za-z0-9.]+(?:\[[A-Za-z0-9.]*\](?:<\d+>)?)?) (\d+|NIL|"[^"\\]*"|\{\d+\+?\}\Z)')

Response = tuple[list[bytes], list[bytes]]  # the text pieces, and the literal after each but the last
Take = Callable[[int, dict[bytes, Any]], None]


def read_line(file: Any) -> bytes:
    """One CRLF-terminated line without its CRLF; IMAPClientAbortError at EOF."""
    line = file.readline(MAX_LINE + 1)
    if not line:
        raise IMAPClientAbortError("socket error: EOF")
    if not line.endswith(b"\r\n"):
        if len(line) > MAX_LINE:
            raise IMAPClientAbortError(f"got more than {MAX_LINE} bytes in one line")
        raise IMAPClientAbortError("socket error: EOF")  # the connection ended inside the line
    return line[:-2]


def read_response(file: Any) -> Response:
    """One whole response: its lines, and the literal each line but the last announced."""
    texts = [read_line(file)]
    literals: list[bytes] = []
    while (m := _LITERAL.search(texts[-1])) is not None:
        size = int(m.group(1))
        data = file.read(size) if size else b""
        if len(data) != size:
            raise IMAPClientAbortError("socket error: EOF")
        literals.append(data)
        texts.append(read_line(file))
    return texts, literals


def fetch_items(texts: list[bytes], literals: list[bytes]) -> tuple[int, dict[bytes, Any]] | None:
    """(UID, items) of an untagged FETCH response, items keyed as imapclient keys them
    (`b"BODY[]"`, `b"INTERNALDATE"` as an aware datetime when it has an offset, `b"RFC822.SIZE"`,
    `b"SEQ"`); None for any other response or a FETCH without a UID (e.g. an unsolicited
    flag change)."""
    m = _FETCH.match(texts[0])
    if m is None:
        return None
    items = _simple_items(m.group(2)[1:], texts[1:], literals)
    if items is None:
        items = _imapclient_items(m.group(1) + b" " + m.group(2), texts[1:], literals)
    else:
        items[b"SEQ"] = int(m.group(1))
    if items is None or not isinstance(items.get(b"UID"), int):
        return None
    return items.pop(b"UID"), items


def _simple_items(first: bytes, rest: list[bytes], literals: list[bytes]) -> dict[bytes, Any] | None:
    """The items when every piece is in the common shape, else None."""
    items: dict[bytes, Any] = {}
    pieces = [first, *rest]
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        if last:
            if not piece.endswith(b")"):
                return None
            piece = piece[:-1]
        pos = 0
        while pos < len(piece):
            m = _ITEM.match(piece, pos)
            if m is None:
                return None
            name, raw = m.group(1).upper(), m.group(2)
            if raw.startswith(b"{"):
                if last:
                    return None
                items[name] = literals[n]
            elif raw == b"NIL":
                items[name] = None
            elif raw.startswith(b'"'):
                items[name] = raw[1:-1]
            else:
                items[name] = int(raw)
            pos = m.end()
        if not last and not piece.endswith(b"}"):
            return None
    when = items.get(b"INTERNALDATE")
    if when is not None:
        items[b"INTERNALDATE"] = _internaldate(when)
    return items


def _internaldate(value: bytes) -> datetime | None:
    """As imapclient converts it with normalise_times off: the server's offset kept."""
    try:
        return parse_to_datetime(value, normalise=False)
    except ValueError:
        return None


def _imapclient_items(first: bytes, rest: list[bytes], literals: list[bytes]) -> dict[bytes, Any] | None:
    """imapclient's parse of the same response, from the pieces imaplib would have kept."""
    record: list[Any] = [(first, literals[0]) if literals else first]
    for n, text in enumerate(rest):
        record.append((text, literals[n + 1]) if n + 1 < len(literals) else text)
    parsed = parse_fetch_response(record, False, False)
    if len(parsed) != 1:
        return None
    return dict(next(iter(parsed.values())))


def read_fetch(file: Any, tag: bytes, take: Take) -> tuple[str, bytes]:
    """Read the answers to the command tagged `tag` until its completion, handing each FETCH
    answer with a UID to `take` as soon as it is complete. Returns the completion's status
    (OK, NO, BAD) and text. Other untagged responses (EXISTS, EXPUNGE, a flag change) are
    passed over; a BYE is the server closing the connection and raises IMAPClientAbortError."""
    prefix = tag + b" "
    while True:
        texts, literals = read_response(file)
        head = texts[0]
        if head.startswith(prefix):
            status, _, said = head[len(prefix):].partition(b" ")
            return status.decode("ascii", "replace").upper(), said
        answer = fetch_items(texts, literals)
        if answer is not None:
            take(*answer)
        elif head[:6].upper() == b"* BYE ":
            raise IMAPClientAbortError(head[6:].decode("utf-8", "replace"))

"""The fast MIME splitter (intake.mime_fast) yields exactly the ParsedMessage of the stdlib path.

Every comparison parses the same bytes twice: once as shipped (fast tree when possible) and once
with `intake.mime` forced onto `email.message_from_bytes`, and asserts equal `model_dump()`.
Inputs: every message the tests in tests/intake/test_mime.py build (their `parse_message` is
swapped for a comparing one and each test is re-run), the hostile mail corpus, hand-made edge
cases around boundaries and line ends, and hypothesis-generated MIME trees.
"""

from __future__ import annotations

import base64
import email
import inspect
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shenbao.intake import mime, mime_fast
from shenbao.record import ParsedMessage
from tests.builders.eml import attachment, entity, forwarded, mail, multipart, text_part
from tests.hostile.builders import mail_corpus
from tests.hostile.test_mime_property import _message, trees
from tests.intake import test_mime

CRLF = b"\r\n"


def _stdlib_parse(raw: bytes) -> ParsedMessage:
    saved = mime.message_from_bytes
    mime.message_from_bytes = email.message_from_bytes  # type: ignore[assignment]
    try:
        return mime.parse_message(raw)
    finally:
        mime.message_from_bytes = saved  # type: ignore[assignment]


def assert_same(raw: bytes) -> ParsedMessage:
    """Parse both ways and require identical results; returns the fast-path result."""
    fast = mime.parse_message(raw)
    assert fast.model_dump() == _stdlib_parse(raw).model_dump()
    return fast


# --------------------------------------------------------------------------- test_mime re-run

def _test_mime_cases() -> Iterator[tuple[str, Callable[..., None], dict[str, Any]]]:
    for name, func in inspect.getmembers(test_mime, inspect.isfunction):
        if not name.startswith("test_") or func.__module__ != test_mime.__name__:
            continue
        marks = [m for m in getattr(func, "pytestmark", []) if m.name == "parametrize"]
        params = inspect.signature(func).parameters
        if getattr(func, "is_hypothesis_test", False):
            yield name, func, {}
            continue
        grids: list[list[dict[str, Any]]] = []
        for mark in marks:
            names = mark.args[0]
            names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
            values = [v.values if hasattr(v, "values") and not isinstance(v, (tuple, list, str, bytes)) else v
                      for v in mark.args[1]]
            grids.append([dict(zip(names, v if len(names) > 1 else (v,))) for v in values])
        combos = [{k: v for d in combo for k, v in d.items()} for combo in itertools.product(*grids)]
        if all(set(params) <= set(combo) for combo in combos):
            for combo in combos:
                yield name, func, combo


def test_every_message_built_by_the_mime_tests_parses_identically(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bytes] = []

    def comparing(raw: bytes) -> ParsedMessage:
        seen.append(raw)
        return assert_same(raw)

    monkeypatch.setattr(test_mime, "parse_message", comparing)
    ran = 0
    for _name, func, kwargs in _test_mime_cases():
        func(**kwargs)
        ran += 1
    assert ran > 60 and len(seen) > 300
    # The comparison is only worth something if most of those messages took the fast path.
    fast = sum(mime_fast.fast_tree(raw) is not None for raw in seen)
    assert fast > len(seen) // 2


def test_hostile_mail_corpus_parses_identically() -> None:
    for item in mail_corpus():
        assert_same(item.data)


# --------------------------------------------------------------------------- edge cases

def _leaf(body: bytes, cte: bytes = b"base64", ctype: bytes = b"application/pdf") -> bytes:
    return (b"Content-Type: " + ctype + b'; name="a.pdf"' + CRLF + b"Content-Transfer-Encoding: " + cte + CRLF
            + b'Content-Disposition: attachment; filename="a.pdf"' + CRLF + CRLF + body)


def _mixed(children: list[bytes], boundary: bytes = b"zz", tail: bytes = b"--zz--\r\n", nl: bytes = CRLF) -> bytes:
    head = b"From: a@b.c" + nl + b"Subject: x" + nl + b"Content-Type: multipart/mixed; boundary=" + boundary + nl + nl
    return head + b"pre" + nl + b"".join(b"--" + boundary + nl + c + nl for c in children) + tail


PDF_B64 = base64.encodebytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
EDGE_CASES: dict[str, bytes] = {
    "lf only": _mixed([_leaf(PDF_B64).replace(CRLF, b"\n")], tail=b"--zz--\n", nl=b"\n"),
    "bare cr": _mixed([_leaf(PDF_B64.replace(b"\n", b"\r"))]),
    "padding in the middle": _mixed([_leaf(b"QQ==\r\nQUJD\r\n")]),
    "missing padding": _mixed([_leaf(b"QUJDRA\r\n")]),
    "spaces and junk in base64": _mixed([_leaf(b"QU JD\tRA==\r\n"), _leaf(b"QU*JD\r\n")]),
    "only whitespace base64": _mixed([_leaf(b"\r\n \r\n")]),
    "boundary with trailing blanks": _mixed([_leaf(PDF_B64)], tail=b"--zz--  \t\r\nepilogue\r\n"),
    "boundary lookalike lines": _mixed([_leaf(b"--zzx\r\n--zz-x\r\n", cte=b"8bit")]),
    "boundary lookalikes after blanks": _mixed([_leaf(b"--zz  x\r\n--zz-- y\r\n--zz\t-\r\n", cte=b"8bit")]),
    "boundary lines ending in a bare cr": _mixed([_leaf(PDF_B64), _leaf(PDF_B64)], tail=b"--zz-- \r"),
    "consecutive boundaries": _mixed([_leaf(PDF_B64), b"--zz", _leaf(PDF_B64)]),
    "close before first separator": b"Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz--\r\n",
    "no closing boundary": _mixed([_leaf(PDF_B64)], tail=b""),
    "part without blank line": _mixed([b"Content-Type: text/plain"]),
    "part with empty headers": _mixed([b"\r\nplain body"]),
    "junk line ends the headers": _mixed([b"Content-Type: text/plain\r\nnot a header\r\n\r\nbody"]),
    "quoted-printable": _mixed([_leaf(b"=E7=94=B3=E6=8A=A5=\r\n=ZZ soft\r\n", cte=b"quoted-printable",
                                      ctype=b"text/plain; charset=utf-8")]),
    "uuencode": _mixed([_leaf(b"begin 644 a\r\n#86)C\r\n`\r\nend\r\n", cte=b"x-uuencode")]),
    "cte with odd case and blanks": _mixed([_leaf(PDF_B64, cte=b"BASE64 "), _leaf(PDF_B64, cte=b"Base64")]),
    "digest": b"Content-Type: multipart/digest; boundary=zz\r\n\r\n--zz\r\n\r\nFrom: a@b\r\n\r\nx\r\n--zz--\r\n",
    "no boundary parameter": b"Content-Type: multipart/mixed\r\n\r\n--zz\r\n\r\nhi",
    "nested multiparts": mail(parts=[multipart("alternative", [text_part("正文"), text_part("<p>正文</p>",
                                                                                          subtype="html")]),
                                     multipart("mixed", [attachment(b"%PDF-1.4 x", "申报书.pdf")]),
                                     forwarded(mail(parts=[attachment(b"%PDF-1.4 y", "内层.pdf")]))]),
    "eml attachment": mail(parts=[text_part("x"), attachment(mail(parts=[attachment(b"%PDF-1.4", "b.pdf")]),
                                                             "转发.eml")]),
    "unix from line": b"From a@b.c Mon Apr 22\r\n" + mail(parts=[attachment(b"%PDF-1.4", "a.pdf")]),
    "8bit gbk body": mail(body=entity("text/plain", "申报书".encode("gbk"), params=b"charset=gbk", cte="8bit")),
    "raw 8-bit header": mail(subject="申报".encode("gbk"), parts=[attachment(b"%PDF", "申报.pdf", style="raw",
                                                                            charset="gbk")]),
    "boundary at end of file": _mixed([_leaf(PDF_B64)], tail=b"--zz--"),
}


@pytest.mark.parametrize("label", list(EDGE_CASES))
def test_edge_case_parses_identically(label: str) -> None:
    assert_same(EDGE_CASES[label])


def test_ordinary_mail_takes_the_fast_path_and_odd_mail_falls_back() -> None:
    assert mime_fast.fast_tree(EDGE_CASES["nested multiparts"].replace(
        b"Content-Type: message/rfc822", b"Content-Type: application/x-y")) is not None
    assert mime_fast.fast_tree(EDGE_CASES["lf only"]) is not None
    for usual in ("boundary with trailing blanks", "boundary lookalike lines", "boundary lookalikes after blanks",
                  "boundary at end of file"):
        assert mime_fast.fast_tree(EDGE_CASES[usual]) is not None, usual
    for odd in ("bare cr", "consecutive boundaries", "no closing boundary", "part without blank line",
                "junk line ends the headers", "digest", "nested multiparts", "close before first separator"):
        assert mime_fast.fast_tree(EDGE_CASES[odd]) is None, odd


def test_big_base64_attachment_is_decoded_across_chunk_edges() -> None:
    data = bytes(range(256)) * (3 * (1 << 20) // 256 + 7)
    encoded = base64.encodebytes(data).replace(b"\n", CRLF)
    parsed = assert_same(_mixed([_leaf(encoded, ctype=b"application/octet-stream")]))
    assert [p.data for p in parsed.parts] == [data]
    # Trailing padding followed by whitespace spanning a chunk edge is still the end of the data.
    encoded = base64.b64encode(data[:-1]) + b"\r\n" * (1 << 20)
    parsed = assert_same(_mixed([_leaf(encoded, ctype=b"application/octet-stream")]))
    assert [p.data for p in parsed.parts] == [data[:-1]]


def test_padding_that_ends_a_chunk_but_not_the_data_is_not_skipped_over() -> None:
    # The stdlib stops at the first padded quad: "QQ==" then more text decodes to b"A" only.
    head = b"QUJD" * ((1 << 20) // 4 - 1) + b"QQ=="  # exactly one chunk, padding at its very end
    parsed = assert_same(_mixed([_leaf(head + b"QUJDQUJD\r\n", ctype=b"application/octet-stream")]))
    assert parsed.parts[0].data.endswith(b"ABCA")


def test_strictly_invalid_base64_is_left_to_the_stdlib_decoder() -> None:
    assert mime_fast.decode_base64(b"QUJD\r\nQQ==", 0, 10) == b"ABCA"
    assert mime_fast.decode_base64(b"QQ==QUJD", 0, 8) is None
    assert mime_fast.decode_base64(b"QUJDR", 0, 5) is None
    assert mime_fast.decode_base64(b"QU*JD", 0, 5) is None


# --------------------------------------------------------------------------- property

@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=trees(), subject=st.binary(max_size=30).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
       lf_only=st.booleans())
def test_generated_mime_trees_parse_identically(body: bytes, subject: bytes, lf_only: bool) -> None:
    raw = _message(body, subject)
    assert_same(raw.replace(CRLF, b"\n") if lf_only else raw)

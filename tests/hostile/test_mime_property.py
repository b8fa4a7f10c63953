"""Property: whatever MIME tree and header bytes arrive, the pipeline's processing turns the
message into at least one submission that the store accepts — never an exception.

Messages are generated as trees (multiparts of any subtype and depth, forwarded messages,
leaves with any transfer encoding, declared or lying charset, raw 8-bit/NUL/surrogate header
bytes and file names) and go through the intake stage (pipeline.mail_of) → message_to_submissions (with the real
reader, in process) → Store.save_submissions → Store.submissions.
"""

from __future__ import annotations

import base64
import itertools
import quopri
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shenbao.extraction import EXTRACTION_VERSION, FileResult, message_to_submissions, read_file_job
from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, Part, RawMessage
from shenbao.store import Store
from tests.builders.docx_quirks import docx_with_body, para, run
from tests.hostile.builders import raw_pdf

CRLF = b"\r\n"
_uid = itertools.count(1)

DOCX = docx_with_body(para(run("项目名称：测试")))
PDF = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"])
PAYLOADS = st.sampled_from([DOCX, DOCX[: len(DOCX) // 2], PDF, PDF[:100], b"", b"\x00" * 64, "申报".encode("gbk"),
                            b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
                            b"From: x@y\r\n\r\nhi"]) | st.binary(max_size=300)
HEADER_BYTES = st.binary(max_size=120).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
TEXTISH = st.sampled_from([b"", b"=?gbk?B?1tDOxA==?=", b"=?utf-8?Q?=E4=B8?=", b"=?x-unknown?B?QUJD?=",
                           "申报书".encode("gbk"), b"\xed\xa0\x80", b"a\x00b", b"../../x.docx", b"C:\\x.docx",
                           b"CON.docx", b"=1+1"]) | HEADER_BYTES
CTYPES = st.sampled_from([b"text/plain", b"text/html", b"application/octet-stream", b"application/pdf",
                          b"application/msword", b"application/zip", b"message/rfc822", b"image/png", b"bogus",
                          b"text/plain; charset=gb2312", b"text/plain; charset=x-klingon", b"multipart/mixed"])
CTES = st.sampled_from([b"base64", b"quoted-printable", b"8bit", b"7bit", b"binary", b"x-uuencode", b"base65", None])


def _encode(payload: bytes, cte: bytes | None) -> bytes:
    if cte == b"base64":
        return base64.encodebytes(payload).replace(b"\n", CRLF)
    if cte == b"quoted-printable":
        return quopri.encodestring(payload)
    return payload


@st.composite
def leaves(draw: st.DrawFn) -> bytes:
    ctype, cte, payload = draw(CTYPES), draw(CTES), draw(PAYLOADS)
    lines = [b"Content-Type: " + ctype]
    if draw(st.booleans()):
        lines[0] += b'; name="' + draw(TEXTISH) + b'"'
    if cte is not None:
        lines.append(b"Content-Transfer-Encoding: " + cte)
    if draw(st.booleans()):
        lines.append(b"Content-Disposition: " + draw(st.sampled_from([b"attachment", b"inline", b"x"]))
                     + b"; filename=" + draw(TEXTISH))
    body = _encode(payload, cte)
    if draw(st.booleans()):
        body = draw(st.binary(max_size=40)) + body[: draw(st.integers(0, len(body)))]
    return CRLF.join(lines) + CRLF + CRLF + body


def trees() -> st.SearchStrategy[bytes]:
    def extend(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
        return st.one_of(
            st.tuples(st.sampled_from([b"mixed", b"alternative", b"related", b"report", b"signed"]),
                      st.lists(children, max_size=4), st.booleans()).map(_multipart),
            children.map(lambda inner: b"Content-Type: message/rfc822" + CRLF + CRLF + _message(inner, b"fwd")))
    return st.recursive(leaves(), extend, max_leaves=8)


def _multipart(args: tuple[bytes, list[bytes], bool]) -> bytes:
    subtype, children, close = args
    boundary = b"b%d" % next(_uid)
    body = b"".join(b"--" + boundary + CRLF + child + CRLF for child in children)
    return (b"Content-Type: multipart/" + subtype + b"; boundary=" + boundary + CRLF + CRLF + body
            + (b"--" + boundary + b"--" + CRLF if close else b""))


def _message(body: bytes, subject: bytes, sender: bytes = b"a@b.c", extra: bytes = b"") -> bytes:
    return (b"From: " + sender + CRLF + b"Subject: " + subject + CRLF + b"Date: Mon, 22 Apr 2024 10:00:00 +0800"
            + CRLF + extra + b"MIME-Version: 1.0" + CRLF + body)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("prop") / "data") as s:
        yield s


def in_process_reader(part: Part, sha256: str) -> FileResult:
    return read_file_job(part.data, part.name, part.kind, sha256)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(body=trees(), subject=TEXTISH, sender=TEXTISH, extra=st.lists(HEADER_BYTES, max_size=3))
def test_any_mime_tree_and_header_bytes_become_a_stored_submission(
        store: Store, monkeypatch: pytest.MonkeyPatch, body: bytes, subject: bytes, sender: bytes,
        extra: list[bytes]) -> None:
    monkeypatch.setattr("shenbao.extractors.convert.available", lambda: False)
    headers = b"".join(b"X-H" + str(i).encode() + b": " + value + CRLF for i, value in enumerate(extra))
    raw = _message(body, subject, sender, headers)
    when = datetime(2024, 4, 22, 10, tzinfo=timezone(timedelta(hours=8)))
    [(stored, _)] = store.save_messages([RawMessage(
        data=raw, location=MessageLocation(account="t", folder="", uidvalidity=0, uid=next(_uid)),
        internaldate=when)])
    mail = mail_of(stored, raw)
    parsed = mail.parsed
    subs = message_to_submissions(mail, in_process_reader)
    assert subs
    assert all(len(s.files) == len(parsed.parts) for s in subs)
    store.save_submissions(stored.sha256, EXTRACTION_VERSION, subs)
    saved = [s for s in store.submissions(EXTRACTION_VERSION) if s.message and s.message.sha256 == stored.sha256]
    assert len(saved) == len(subs)


def test_the_property_test_store_lives_in_a_private_folder(store: Store) -> None:
    assert Path(store.root).stat().st_mode & 0o077 == 0

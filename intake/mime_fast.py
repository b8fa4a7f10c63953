"""A fast MIME splitter that builds the same compat32 message tree as `email.message_from_bytes`.

Contract: `message_from_bytes(raw)` returns an `email.message.Message` tree that `intake.mime`
walks exactly as it walks the stdlib tree: same headers (each header block is parsed by
`email.parser.BytesHeaderParser(policy=compat32)`, so every header is byte-for-byte what the
stdlib parser stores), same multipart structure, same `get_default_type()`, and leaves whose
`get_payload(decode=True)` returns the same bytes as the stdlib. The difference is cost: bodies
are never split into per-line strings. Boundaries are found with `bytes.find`, and a leaf keeps
only (raw, start, end) until it is decoded; base64 is decoded in 1 MB chunks straight into one
output buffer, so a 50 MB attachment is held about once besides the caller's raw bytes.

Anything the splitter does not reproduce exactly makes `fast_tree` return None and
`message_from_bytes` use the stdlib parser: bare CR line ends, message/* parts, multipart/digest,
a multipart without a boundary, a missing first or closing boundary, consecutive boundary
lines, a part without a blank line after its headers, a header block the stdlib would end early,
nesting deeper than `MAX_DEPTH`, or any exception. A base64 body that is not strictly valid is
decoded by the stdlib code itself (so its lenient results are kept).
"""

from __future__ import annotations

import binascii
import email
import email.message
import io
import re
from email.parser import BytesHeaderParser
from email.policy import compat32

MAX_DEPTH = 60  # deeper trees go to the stdlib, which reports RecursionError the usual way
_CHUNK = 1 << 20
_BASE64_SPACE = b" \t\r\n\x0b\x0c"
_BARE_CR = re.compile(rb"\r(?!\n)")
_UU = ("x-uuencode", "uuencode", "uue", "x-uue")


class _Unusual(Exception):
    """The message needs the stdlib parser."""


class FastPart(email.message.Message):
    """A compat32 Message whose leaf body stays a slice of the raw bytes until asked for."""

    _fast_src: bytes | None = None
    _fast_start: int = 0
    _fast_end: int = 0

    def _fast_body(self) -> bytes:
        assert self._fast_src is not None
        return self._fast_src[self._fast_start:self._fast_end]

    def _materialize(self) -> None:
        """Turn the lazy slice into the str payload the stdlib parser would have stored."""
        if self._fast_src is not None:
            self._payload = self._fast_body().decode("ascii", "surrogateescape")
            self._fast_src = None

    def get_payload(self, i: int | None = None, decode: bool = False):  # type: ignore[no-untyped-def,override]
        """Same results as `Message.get_payload`; base64, quoted-printable and 7bit/8bit bodies
        are decoded from the raw slice without building the str payload."""
        if self._fast_src is not None and decode and i is None:
            cte = str(self.get("content-transfer-encoding", "")).lower()  # as the stdlib reads it
            if cte == "base64":
                decoded = decode_base64(self._fast_src, self._fast_start, self._fast_end)
                if decoded is not None:
                    return decoded
            elif cte == "quoted-printable":
                return binascii.a2b_qp(self._fast_body())  # what quopri.decodestring calls
            elif cte not in _UU:
                return self._fast_body()
        self._materialize()
        # The stubs spell get_payload as overloads on literal `decode`; this passes the caller's on.
        return super().get_payload(i, decode)  # type: ignore[call-overload]

    def set_payload(self, payload, charset=None):  # type: ignore[no-untyped-def]
        self._fast_src = None
        super().set_payload(payload, charset)


def decode_base64(src: bytes, start: int, end: int) -> bytes | None:
    """`src[start:end]` base64-decoded in chunks when the whitespace-free text is strictly valid
    (then the result equals the stdlib's lenient decode); None otherwise."""
    out = io.BytesIO()
    pending = b""
    view = memoryview(src)
    try:
        for pos in range(start, end, _CHUNK):
            piece = bytes(view[pos:min(pos + _CHUNK, end)]).translate(None, _BASE64_SPACE)
            if not piece:
                continue
            if pending:
                # More data follows `pending`, so padding inside it would be invalid.
                if b"=" in pending:
                    return None
                cut = len(pending) - len(pending) % 4
                if cut:
                    out.write(binascii.a2b_base64(pending[:cut], strict_mode=True))
                pending = pending[cut:] + piece
            else:
                pending = piece
        if pending:
            if len(pending) % 4:
                return None
            out.write(binascii.a2b_base64(pending, strict_mode=True))
    except binascii.Error:
        return None
    finally:
        view.release()
    return out.getvalue()


def message_from_bytes(raw: bytes) -> email.message.Message:
    """The compat32 tree of `raw`: the fast one when possible, else the stdlib's."""
    tree = fast_tree(raw)
    return tree if tree is not None else email.message_from_bytes(raw)


def fast_tree(raw: bytes) -> email.message.Message | None:
    """The fast tree, or None when `raw` needs the stdlib parser (see the module contract)."""
    try:
        if _BARE_CR.search(raw):
            return None  # bare CR is a line end for the stdlib; not worth reproducing
        return _entity(raw, 0, len(raw), strip_eol=False, depth=0)
    except (_Unusual, RecursionError):
        return None
    except Exception:  # noqa: BLE001 - correctness first: anything odd goes to the stdlib
        return None


def _entity(src: bytes, start: int, end: int, *, strip_eol: bool, depth: int) -> FastPart:
    if depth > MAX_DEPTH:
        raise _Unusual
    body_start = _header_end(src, start, end)
    msg = BytesHeaderParser(_class=FastPart, policy=compat32).parsebytes(src[start:body_start])
    if not isinstance(msg, FastPart) or msg._payload:
        raise _Unusual  # the stdlib would end the headers before the blank line
    if msg.get_content_maintype() == "message" or msg.get_content_type() == "multipart/digest":
        raise _Unusual
    if msg.get_content_maintype() == "multipart":
        boundary = msg.get_boundary()
        if boundary is None:
            raise _Unusual
        try:
            sep = b"--" + boundary.encode("ascii", "surrogateescape")
        except UnicodeError:
            raise _Unusual from None
        # compat32 keeps a multipart's children as a list in `_payload` (the stubs say str).
        msg._payload = [_entity(src, s, e, strip_eol=True, depth=depth + 1)  # type: ignore[assignment]
                        for s, e in _child_regions(src, body_start, end, sep)]
        return msg
    body_end = end
    if strip_eol and body_end > body_start and src[body_end - 1] == 0x0A:
        body_end -= 1
        if body_end > body_start and src[body_end - 1] == 0x0D:
            body_end -= 1
    msg._payload = None  # type: ignore[assignment]  # the body stays a slice until asked for
    msg._fast_src, msg._fast_start, msg._fast_end = src, body_start, body_end
    return msg


def _header_end(src: bytes, start: int, end: int) -> int:
    """Offset just after the blank line that ends the header block starting at `start`."""
    if src.startswith(b"\n", start, end):
        return start + 1
    if src.startswith(b"\r\n", start, end):
        return start + 2
    crlf = src.find(b"\n\r\n", start, end)
    lf = src.find(b"\n\n", start, crlf + 2 if crlf >= 0 else end)
    if lf >= 0:
        return lf + 2
    if crlf >= 0:
        return crlf + 3
    raise _Unusual


def _boundary_line(line: bytes, sep: bytes) -> bool | None:
    """Whether `line` (one line, its line end included) is a boundary line of `sep` as
    `email.feedparser` sees one — `sep`, an optional closing "--", blanks, a line end — and
    then whether it closes the multipart; None when it is not one. Compared by hand: a regular
    expression per boundary (each message has its own) cost a compile per part."""
    if not line.startswith(sep):
        return None
    rest = line[len(sep):]
    close = rest.startswith(b"--")
    if close:
        rest = rest[2:]
    return close if rest.lstrip(b" \t") in _LINE_ENDS else None


_LINE_ENDS = (b"", b"\r\n", b"\r", b"\n")


def _child_regions(src: bytes, start: int, end: int, sep: bytes) -> list[tuple[int, int]]:
    """(start, end) of every body part between the boundary lines of one multipart, mirroring
    `email.feedparser`; raises _Unusual where its recovery rules would apply."""
    lines: list[tuple[int, int, bool]] = []  # (line start, next line start, is close)
    pos = start
    needle = b"\n" + sep
    if src.startswith(sep, start, end):
        candidate = start
    else:
        found = src.find(needle, start, end)
        candidate = found + 1 if found >= 0 else -1
    while candidate >= 0:
        newline = src.find(b"\n", candidate, end)
        line_end = newline + 1 if newline >= 0 else end
        close = _boundary_line(src[candidate:line_end], sep)
        match = close is not None
        if match:
            is_close = bool(close)
            lines.append((candidate, line_end, is_close))
            if is_close:
                break
        pos = line_end if match else candidate + 1
        found = src.find(needle, pos - 1 if match else pos, end)
        candidate = found + 1 if found >= 0 else -1
    if not lines or lines[0][2] or not lines[-1][2]:
        raise _Unusual  # no first separator, or no closing boundary
    regions = []
    for (_s, after, _c), (nxt, _e, _n) in zip(lines, lines[1:]):
        if nxt == after:
            raise _Unusual  # the stdlib skips consecutive boundary lines
        regions.append((after, nxt))
    return regions

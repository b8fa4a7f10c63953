"""Builders for real .eml bytes that carry the MIME quirks of Chinese mail clients.

Everything is written by hand as bytes (not through the email package) so each quirk is on the
wire exactly as the Chinese mail clients send it: GBK labelled gb2312, encoded-words split in
the middle of a character, raw 8-bit header bytes, RFC 2231 with a lying charset, and so on.

Typical use::

    att = attachment(docx_bytes, "申报书.docx", style="rfc2047", charset="gbk", label="gb2312")
    raw = mail(subject=encoded_words("项目申报", "gbk", label="gb2312"), parts=[text_part("你好"), att])
"""

from __future__ import annotations

import base64
import itertools
import quopri
import urllib.parse
from collections.abc import Sequence

CRLF = b"\r\n"
_counter = itertools.count(1)


def _b(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("ascii")


def encoded_words(text: str, charset: str = "utf-8", *, label: str | None = None, encoding: str = "B",
                  chunk_bytes: int | None = None, fold: str = "\r\n ") -> str:
    """RFC 2047 encoded-words for `text` encoded with `charset`, written with `label` (default:
    the charset). `chunk_bytes` splits the BYTES every n bytes, so a multi-byte character can be
    cut across two words; the words are joined by `fold`."""
    data = text.encode(charset)
    label = label or charset
    size = chunk_bytes or max(len(data), 1)
    words: list[str] = []
    for start in range(0, max(len(data), 1), size):
        chunk = data[start:start + size]
        if encoding.upper() == "B":
            payload = base64.b64encode(chunk).decode("ascii")
        else:
            payload = "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else f"={b:02X}"
                              for b in chunk)
        words.append(f"=?{label}?{encoding.upper()}?{payload}?=")
    return fold.join(words)


def rfc2231(param: str, text: str, charset: str = "utf-8", *, label: str | None = None,
            pieces: int = 1) -> str:
    """`param*=label''%XX…`, or continuations `param*0*=…; param*1*=…` when pieces > 1."""
    quoted = urllib.parse.quote(text.encode(charset), safe="")
    label = label if label is not None else charset
    if pieces <= 1:
        return f"{param}*={label}''{quoted}"
    # Split on %XX boundaries only, so every piece is valid RFC 2231.
    tokens: list[str] = []
    i = 0
    while i < len(quoted):
        step = 3 if quoted[i] == "%" else 1
        tokens.append(quoted[i:i + step])
        i += step
    per = max(1, -(-len(tokens) // pieces))
    chunks = ["".join(tokens[k:k + per]) for k in range(0, len(tokens), per)]
    out = [f"{param}*0*={label}''{chunks[0]}"]
    out += [f"{param}*{n}*={chunk}" for n, chunk in enumerate(chunks[1:], start=1)]
    return ";\r\n ".join(out)


def filename_params(name: str, style: str = "utf8-2047", *, charset: str = "utf-8",
                    label: str | None = None) -> tuple[bytes, bytes]:
    """(Content-Type name param, Content-Disposition filename param) as raw header bytes.

    Styles: `rfc2047` (filename="=?cs?B?…?="), `rfc2047-split` (Outlook: words folded every
    7 bytes), `rfc2231`, `rfc2231-cont`, `raw` (8-bit bytes in the header), `ascii`."""
    if style == "raw":
        quoted = b'"' + name.encode(charset) + b'"'
        return b"name=" + quoted, b"filename=" + quoted
    if style == "ascii":
        return _b(f'name="{name}"'), _b(f'filename="{name}"')
    if style in ("rfc2047", "utf8-2047"):
        words = encoded_words(name, charset, label=label)
        return _b(f'name="{words}"'), _b(f'filename="{words}"')
    if style == "rfc2047-split":
        words = encoded_words(name, charset, label=label, chunk_bytes=7, fold="\r\n\t")
        return _b(f'name="{words}"'), _b(f'filename="{words}"')
    if style == "rfc2231":
        return _b(rfc2231("name", name, charset, label=label)), _b(rfc2231("filename", name, charset, label=label))
    if style == "rfc2231-cont":
        return (_b(rfc2231("name", name, charset, label=label, pieces=3)),
                _b(rfc2231("filename", name, charset, label=label, pieces=3)))
    raise ValueError(f"unknown filename style {style!r}")


def _encode_body(payload: bytes, cte: str) -> bytes:
    if cte == "base64":
        encoded = base64.encodebytes(payload)
        return encoded.replace(b"\n", CRLF)
    if cte == "quoted-printable":
        return quopri.encodestring(payload).replace(b"\n", CRLF)
    return payload.replace(b"\r\n", b"\n").replace(b"\n", CRLF)


def entity(content_type: str | bytes, payload: bytes, *, params: bytes = b"", cte: str = "base64",
           disposition: bytes | None = None, headers: Sequence[bytes] = ()) -> bytes:
    """One MIME leaf: headers, blank line, encoded body."""
    lines = [b"Content-Type: " + _b(content_type) + ((b"; " + params) if params else b"")]
    if cte:
        lines.append(b"Content-Transfer-Encoding: " + _b(cte))
    if disposition is not None:
        lines.append(b"Content-Disposition: " + disposition)
    lines.extend(headers)
    return CRLF.join(lines) + CRLF + CRLF + _encode_body(payload, cte)


def text_part(text: str, charset: str = "utf-8", *, label: str | None = None, subtype: str = "plain",
              cte: str = "base64") -> bytes:
    """A text/plain (or text/html) body part; `label` may lie about `charset`."""
    return entity(f"text/{subtype}", text.encode(charset), params=_b(f'charset="{label or charset}"'), cte=cte)


def attachment(data: bytes, name: str | None, *, style: str = "utf8-2047", charset: str = "utf-8",
               label: str | None = None, content_type: str = "application/octet-stream",
               disposition: str | None = "attachment", name_only: bool = False,
               headers: Sequence[bytes] = ()) -> bytes:
    """An attachment leaf. `name_only` puts the name only in Content-Type; a None
    `disposition` leaves the Content-Disposition header out."""
    if name is None:
        return entity(content_type, data, disposition=_b(disposition) if disposition else None,
                      headers=headers)
    ct_param, disp_param = filename_params(name, style, charset=charset, label=label)
    disp: bytes | None = None
    if disposition is not None:
        disp = _b(disposition) if name_only else _b(disposition) + b";\r\n\t" + disp_param
    return entity(content_type, data, params=ct_param, disposition=disp, headers=headers)


def multipart(subtype: str, children: Sequence[bytes], *, params: bytes = b"") -> bytes:
    """A multipart entity around already-built children."""
    boundary = f"----=_Part_{next(_counter)}_shenbao"
    head = _b(f'Content-Type: multipart/{subtype};\r\n\tboundary="{boundary}"') + (b"; " + params if params else b"")
    body = b"".join(_b(f"--{boundary}") + CRLF + child + CRLF for child in children)
    return head + CRLF + CRLF + b"This is a multi-part message in MIME format." + CRLF + body + _b(f"--{boundary}--") + CRLF


def forwarded(inner_message: bytes) -> bytes:
    """A message/rfc822 part holding a whole message (forward as attachment)."""
    return b"Content-Type: message/rfc822" + CRLF + b"Content-Disposition: attachment" + CRLF + CRLF + inner_message


def mail(*, subject: str | bytes = "test", sender: str | bytes = "张三 <Zhang.San@Example.COM>",
         to: str = "hnkxxhb@126.com", date: str | bytes = "Mon, 22 Apr 2024 10:00:00 +0800",
         message_id: str | None = None, parts: Sequence[bytes] = (), body: bytes | None = None,
         headers: Sequence[bytes] = ()) -> bytes:
    """A whole message. With one entry in `parts` (and no `body`) that entity is the body;
    with several they become multipart/mixed. `subject`/`sender` may be raw bytes."""
    msg_id = message_id or f"<test.{next(_counter)}@example.com>"
    top = [b"From: " + (sender if isinstance(sender, bytes) else sender.encode("utf-8")),
           b"To: " + _b(to),
           b"Subject: " + (subject if isinstance(subject, bytes) else subject.encode("utf-8")),
           b"Date: " + (date if isinstance(date, bytes) else date.encode("utf-8")),
           b"Message-ID: " + _b(msg_id),
           b"MIME-Version: 1.0",
           *headers]
    if body is None:
        if not parts:
            body = text_part("")
        elif len(parts) == 1:
            body = parts[0]
        else:
            body = multipart("mixed", parts)
    return CRLF.join(top) + CRLF + body


def _tnef_attribute(level: int, name: int, kind: int, data: bytes) -> bytes:
    import struct

    checksum = sum(data) & 0xFFFF
    return struct.pack("<BHHI", level, name, kind, len(data)) + data + struct.pack("<H", checksum)


def winmail_dat(files: Sequence[tuple[bytes, bytes]]) -> bytes:
    """An Outlook winmail.dat (TNEF) holding (raw 8.3-or-long name bytes, data) files.
    Names are written as the attachment title in the sender's codepage (e.g. GBK bytes)."""
    import struct

    out = struct.pack("<IH", 0x223E9F78, 0x0001)
    out += _tnef_attribute(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))  # TNEF version
    out += _tnef_attribute(1, 0x9007, 0x0006, struct.pack("<II", 936, 0))  # OEM codepage
    for name, data in files:
        out += _tnef_attribute(2, 0x9002, 0x0006, b"\x01\x00" + b"\xff" * 4 + b"\x00" * 8)  # render data
        out += _tnef_attribute(2, 0x8010, 0x0001, name + b"\x00")  # attachment title
        out += _tnef_attribute(2, 0x800F, 0x0006, data)  # attachment data
    return out

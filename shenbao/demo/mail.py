"""Realistic Chinese e-mail, as the mail clients units use would write it.

`build_eml` writes the RFC 5322 bytes by hand rather than through `email.generator`,
because the point is to reproduce what real clients send, including their non-standard
habits:
- QQ Mail: gb18030 encoded-words, attachments as application/octet-stream with an
  encoded-word inside the quoted `filename=` (not RFC 2231), base64 bodies.
- Foxmail: the same with gb2312 labels, `X-Mailer: Foxmail`.
- Outlook: gb2312 encoded-words split into several words and folded, quoted-printable
  bodies, the real content type of each attachment.
- Coremail (126/163 web): UTF-8 B encoded-words, base64 bodies.
- Apple Mail / Thunderbird: UTF-8, RFC 2231 `filename*=utf-8''…` parameters.

Contract: deterministic (same arguments, same bytes); lines are CRLF-terminated and at
most 998 bytes; every attachment is base64 in 76-character lines.
"""

from __future__ import annotations

import base64
import hashlib
import quopri
from datetime import datetime
from email.utils import format_datetime
from typing import Literal
from urllib.parse import quote

ClientStyle = Literal["qq", "foxmail", "outlook", "coremail", "apple", "thunderbird"]

_CHARSET: dict[str, str] = {
    "qq": "gb18030", "foxmail": "gb2312", "outlook": "gb2312",
    "coremail": "UTF-8", "apple": "utf-8", "thunderbird": "UTF-8",
}
_MAILER: dict[str, tuple[str, str]] = {
    "qq": ("X-QQ-mid", "xmsez{n}t{t}tu{m}"),
    "foxmail": ("X-Mailer", "Foxmail 7.2.25.228[cn]"),
    "outlook": ("X-Mailer", "Microsoft Outlook 16.0"),
    "coremail": ("X-Mailer", "Coremail Webmail Server Version XT5.0.14 build 20230109(dcb5de15)"),
    "apple": ("X-Mailer", "Apple Mail (2.3774.500.171.1.1)"),
    "thunderbird": ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 "
                                  "Thunderbird/115.10.1"),
}
Attachment = tuple[str, bytes, str]  # (filename, data, content type)


def _codec(charset: str) -> str:
    # Clients label GBK text "gb2312"; encode with gb18030 so rare characters survive,
    # exactly as Foxmail and Outlook do (readers must decode gb2312 labels as gb18030).
    return "gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else "utf-8"


def encoded_words(text: str, charset: str, max_bytes: int = 45) -> list[str]:
    """RFC 2047 B encoded-words, each holding whole characters (at most `max_bytes` raw)."""
    codec = _codec(charset)
    words: list[str] = []
    chunk = b""
    for ch in text:
        b = ch.encode(codec)
        if chunk and len(chunk) + len(b) > max_bytes:
            words.append(f"=?{charset}?B?{base64.b64encode(chunk).decode('ascii')}?=")
            chunk = b""
        chunk += b
    if chunk or not words:
        words.append(f"=?{charset}?B?{base64.b64encode(chunk).decode('ascii')}?=")
    return words


def _header_text(text: str, charset: str, one_word: bool = False) -> str:
    if text.isascii():
        return text
    words = encoded_words(text, charset, max_bytes=10_000 if one_word else 45)
    return "\r\n ".join(words)


def _address(name: str, addr: str, style: str) -> str:
    if not name:
        return addr
    if style in ("apple",):
        # Apple Mail writes Q encoding for UTF-8 display names.
        q = "".join(c if c.isascii() and c.isalnum() else "".join(f"={b:02X}" for b in c.encode("utf-8"))
                    for c in name)
        return f"=?utf-8?Q?{q}?= <{addr}>"
    return f"{_header_text(name, _CHARSET[style])} <{addr}>"


def _filename_params(name: str, style: str) -> str:
    """The disposition parameter carrying the filename, in the style's own way."""
    charset = _CHARSET[style]
    if name.isascii():
        return f'filename="{name}"'
    if style in ("qq", "foxmail", "coremail"):
        return 'filename="' + "".join(encoded_words(name, charset, max_bytes=10_000)) + '"'
    if style == "outlook":
        return 'filename="' + "\r\n\t".join(encoded_words(name, charset)) + '"'
    # Apple Mail / Thunderbird: RFC 2231, continued when long.
    encoded = quote(name.encode("utf-8"), safe="")
    if len(encoded) <= 60:
        return f"filename*=utf-8''{encoded}"
    pieces = [encoded[i:i + 60] for i in range(0, len(encoded), 60)]
    # Never cut a %XX escape in two.
    fixed: list[str] = []
    carry = ""
    for p in pieces:
        p = carry + p
        cut = p.rfind("%", len(p) - 2)
        carry, p = (p[cut:], p[:cut]) if cut != -1 else ("", p)
        fixed.append(p)
    if carry:
        fixed.append(carry)
    first = f"filename*0*=utf-8''{fixed[0]}"
    rest = [f"filename*{i}*={p}" for i, p in enumerate(fixed[1:], 1)]
    return ";\r\n\t".join([first, *rest])


def _b64_lines(data: bytes) -> str:
    text = base64.b64encode(data).decode("ascii")
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def _text_part(body: str, subtype: str, style: str) -> str:
    charset = _CHARSET[style]
    data = body.replace("\n", "\r\n").encode(_codec(charset))
    if style == "outlook":
        qp = quopri.encodestring(data).decode("ascii").replace("\r\n", "\n").replace("\n", "\r\n")
        return (f"Content-Type: text/{subtype};\r\n\tcharset=\"{charset}\"\r\n"
                f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{qp}")
    if style == "thunderbird" and subtype == "plain":
        return (f"Content-Type: text/plain; charset={charset}; format=flowed\r\n"
                f"Content-Transfer-Encoding: 8bit\r\n\r\n{body.replace(chr(10), chr(13) + chr(10))}")
    return (f"Content-Type: text/{subtype};\r\n\tcharset=\"{charset}\"\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n{_b64_lines(data)}")


def body_to_html(body: str, charset: str) -> str:
    divs = "".join(f"<div>{line or '<br>'}</div>" for line in body.split("\n"))
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head>'
            f'<body><div style="font-family:微软雅黑;font-size:14px">{divs}</div></body></html>')


def _attachment_part(name: str, data: bytes, ctype: str, style: str) -> str:
    if style in ("qq", "foxmail") and not ctype.startswith("application/x-zip"):
        ctype = "application/octet-stream"  # QQ and Foxmail label every file this way
    param = _filename_params(name, style)
    name_param = param.replace("filename", "name", 1) if style in ("outlook", "coremail") else ""
    ct = f"Content-Type: {ctype}" + (f";\r\n\t{name_param}" if name_param else "")
    return (f"{ct}\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Disposition: attachment;\r\n\t{param}\r\n\r\n{_b64_lines(data)}")


def _boundary(seed: str, style: str, suffix: str = "") -> str:
    h = hashlib.sha1(seed.encode("utf-8")).hexdigest().upper()
    if style in ("qq",):
        return f"----=_NextPart_{h[:8]}_{h[8:16]}_{h[16:23]}{suffix}"
    if style == "foxmail":
        return f"----=_001_NextPart{int(h[:10], 16) % 10**12:012d}_====={suffix}"
    if style == "outlook":
        return f"----=_NextPart_000_{h[:4]}_{h[4:12]}.{h[12:20]}{suffix}"
    if style == "coremail":
        return f"----=_Part_{int(h[:6], 16)}_{int(h[6:14], 16)}.{int(h[14:24], 16)}{suffix}"
    if style == "thunderbird":
        return f"------------{h[:24]}{suffix}"
    return f"Apple-Mail={h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}{suffix}"


def build_eml(
    *,
    sender: str,
    sender_name: str,
    subject: str,
    body: str,
    attachments: list[Attachment],
    date: datetime,
    message_id: str,
    client_style: ClientStyle,
    to: str = "hnkxxhb@126.com",
    received_at: datetime | None = None,
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """One message as its client would send it; `received_at` adds the receiving
    server's Received line (the Date header stays whatever the sender's clock said)."""
    style = client_style
    charset = _CHARSET[style]
    headers: list[str] = []
    if received_at is not None:
        host = sender.rsplit("@", 1)[-1]
        headers.append(f"Received: from {host} (unknown [127.0.0.1])\r\n\tby mx.126.com (Coremail) with SMTP;"
                       f"\r\n\t{format_datetime(received_at)}")
    headers += [
        f"Date: {format_datetime(date)}",
        f"From: {_address(sender_name, sender, style)}",
        f"To: {to}",
        f"Subject: {_header_text(subject, charset)}",
        f"Message-ID: {message_id}",
        "MIME-Version: 1.0",
    ]
    mailer, value = _MAILER[style]
    if style == "qq":
        digits = int(hashlib.sha1(message_id.encode()).hexdigest()[:12], 16)
        value = value.format(n=digits % 10**11, t=int(date.timestamp()), m=digits % 9973)
    headers.append(f"{mailer}: {value}")
    if style == "outlook":
        headers.append("Content-Language: zh-cn")
    headers += [f"{k}: {v}" for k, v in extra_headers]

    if style == "thunderbird" and not attachments:
        single = _text_part(body, "plain", style)
        return ("\r\n".join(headers) + "\r\n" + single + "\r\n").encode("utf-8")

    alt_b = _boundary(message_id, style, "_alt" if style == "qq" else "1")
    alternative = (
        f"Content-Type: multipart/alternative;\r\n\tboundary=\"{alt_b}\"\r\n\r\n"
        f"--{alt_b}\r\n{_text_part(body, 'plain', style)}\r\n"
        f"--{alt_b}\r\n{_text_part(body_to_html(body, charset), 'html', style)}\r\n"
        f"--{alt_b}--\r\n"
    )
    if not attachments:
        message = "\r\n".join(headers) + "\r\n" + alternative
    else:
        mix_b = _boundary(message_id, style)
        parts = [alternative] + [_attachment_part(n, d, t, style) for n, d, t in attachments]
        mixed = "".join(f"--{mix_b}\r\n{p}\r\n" for p in parts) + f"--{mix_b}--\r\n"
        message = ("\r\n".join(headers) + f"\r\nContent-Type: multipart/mixed;\r\n\tboundary=\"{mix_b}\"\r\n\r\n"
                   "This is a multi-part message in MIME format.\r\n\r\n" + mixed)
    # Thunderbird sends 8bit UTF-8 text; every other part is ASCII by now.
    return message.encode("utf-8")

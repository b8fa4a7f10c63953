"""Header habits shenbao.demo.mail does not write, applied to its bytes afterwards:
- name_only: the attachment's name only in Content-Type `name=`, a bare
  `Content-Disposition: attachment` (old webmail, some phone clients);
- gbk_rfc2231: RFC 2231 `filename*=gbk''%D6%D0…` parameters (GBK bytes, not UTF-8),
  continued `filename*0*=`/`filename*1*=` when long.
The decoded file names stay the same, so the truth's names hold."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote_to_bytes

_DISPOSITION = re.compile(
    rb"Content-Type: ([^\r\n;]+)\r\nContent-Transfer-Encoding: base64\r\n"
    rb"Content-Disposition: attachment;\r\n\tfilename=\"([^\"]*)\"\r\n")
_RFC2231 = re.compile(rb"Content-Disposition: attachment;\r\n\t(filename\*(?:0\*)?=utf-8''(?:[^\r\n]|\r\n\t)*?)\r\n\r\n")
_PIECE = re.compile(rb"filename\*(?:\d+\*)?=(?:utf-8'')?([^;\r\n]+)")


def name_only(eml: bytes) -> bytes:
    return _DISPOSITION.sub(
        lambda m: (b"Content-Type: " + m.group(1) + b";\r\n\tname=\"" + m.group(2) + b"\"\r\n"
                   b"Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n"), eml)


def _gbk_params(name: str) -> bytes:
    encoded = quote(name.encode("gbk"), safe="")
    if len(encoded) <= 60:
        return f"filename*=gbk''{encoded}".encode("ascii")
    # Pieces end on whole characters, as mail clients cut them.
    pieces: list[str] = [""]
    for ch in name:
        q = quote(ch.encode("gbk"), safe="")
        if pieces[-1] and len(pieces[-1]) + len(q) > 60:
            pieces.append("")
        pieces[-1] += q
    first = f"filename*0*=gbk''{pieces[0]}"
    more = [f"filename*{i}*={p}" for i, p in enumerate(pieces[1:], 1)]
    return ";\r\n\t".join([first, *more]).encode("ascii")


def gbk_rfc2231(eml: bytes) -> bytes:
    def swap(m: re.Match[bytes]) -> bytes:
        raw = b"".join(unquote_to_bytes(p) for p in _PIECE.findall(m.group(1)))
        try:
            name = raw.decode("utf-8")
            name.encode("gbk")
        except (UnicodeDecodeError, UnicodeEncodeError):
            return m.group(0)
        return b"Content-Disposition: attachment;\r\n\t" + _gbk_params(name) + b"\r\n\r\n"
    return _RFC2231.sub(swap, eml)

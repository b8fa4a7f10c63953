"""Charset labels, byte decoding and RFC 2047 / RFC 2231 header decoding for Chinese mail.

Contracts:
- `codec_for(label)` maps any charset label a mailer may write to a Python codec name, or
  None when the label is unknown. Every GB label becomes gb18030, a superset, because mail
  labelled gb2312 often holds GBK-only characters (Oxygem/Kanmail#178); every Big5 label
  becomes big5hkscs.
- `decode_bytes(data, label)` never raises: it tries the labelled codec, then utf-8,
  gb18030 and big5hkscs strictly, and only then the labelled codec with replacement.
- `decode_header_text(raw)` decodes one raw header value (as compat32 keeps it: str with
  surrogate-escaped 8-bit bytes) into display text. It never raises.
- `decode_param_value(raw_value, charset)` decodes one parameter value (quoted params with
  encoded-words, RFC 2231 bytes with a misleading charset, raw 8-bit bytes).
- `header_params(raw)` parses and decodes every parameter of a structured header.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re

# Labels written by Chinese mailers that Python either does not know or decodes too
# narrowly (gb2312 rejects GBK-only characters such as 镕 堃 喆 珺; x-gbk, csGB2312 … are unknown).
_GB_LABELS = (
    "gb2312", "gbk", "cp936", "x-gbk", "windows-936", "x-cp936", "gb_2312-80", "gb_2312",
    "csgb2312", "x-euc-cn", "euc-cn", "euccn", "gb18030", "x-gb18030", "chinese", "gb2312-80",
    "ms936", "936", "hz-gb-2312",
)
_BIG5_LABELS = ("big5", "big-5", "x-big5", "cn-big5", "csbig5", "big5-hkscs", "big5hkscs", "cp950",
                "windows-950", "x-x-big5")
_OTHER_ALIASES = {
    "utf8": "utf-8", "x-utf-8": "utf-8", "unicode-1-1-utf-8": "utf-8", "utf-8": "utf-8",
    "us-ascii": "utf-8", "ascii": "utf-8", "ansi_x3.4-1968": "utf-8",  # ascii ⊂ utf-8; tolerant of stray 8-bit
    "unknown-8bit": "", "x-unknown": "", "unknown": "", "default": "", "": "",
}

CHARSET_ALIASES: dict[str, str] = {
    **{label: "gb18030" for label in _GB_LABELS},
    **{label: "big5hkscs" for label in _BIG5_LABELS},
    **_OTHER_ALIASES,
}

# The order in which unlabelled (or mislabelled) bytes are tried: utf-8 first because a
# valid utf-8 run is almost never valid-looking GBK by accident, then the Chinese codecs.
GUESS_ORDER: tuple[str, ...] = ("utf-8", "gb18030", "big5hkscs")


def codec_for(label: str | None) -> str | None:
    """Python codec name for a mail charset label, or None when unknown or empty."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in CHARSET_ALIASES:
        return CHARSET_ALIASES[key] or None
    try:
        return codecs.lookup(key).name
    except (LookupError, ValueError):
        return None


def decode_guess(data: bytes) -> str:
    """Decode bytes of unknown charset: utf-8, gb18030, big5hkscs strictly, then gb18030 lossy."""
    for codec in GUESS_ORDER:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("gb18030", errors="replace")


def decode_bytes(data: bytes, label: str | None) -> str:
    """Decode bytes labelled with a mail charset; never raises (see the module contract)."""
    codec = codec_for(label)
    if codec in ("gb18030", "big5hkscs") and not data.isascii():
        # UTF-8 labelled as GBK (web forms, RFC 2231 values with a lying label) decodes "fine" as
        # gb18030 mojibake; GBK text is almost never valid UTF-8, so valid UTF-8 wins.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if codec is not None:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    for guess in GUESS_ORDER:
        if guess == codec:
            continue
        try:
            return data.decode(guess)
        except UnicodeDecodeError:
            continue
    # Last resort: the labelled codec (or gb18030) with U+FFFD for the bad bytes.
    try:
        return data.decode(codec or "gb18030", errors="replace")
    except LookupError:
        return data.decode("gb18030", errors="replace")


def has_escaped_bytes(text: str) -> bool:
    """True when text carries surrogate-escaped raw bytes (8-bit bytes in a header)."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def recover_raw_text(text: str) -> str:
    """Turn surrogate-escaped raw 8-bit header bytes (unencoded GBK names, pazz/alot#402) back into text."""
    if not has_escaped_bytes(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return decode_guess(raw)


# RFC 2047 encoded-word. The charset may carry an RFC 2231 language suffix (=?gbk*zh?B?…?=).
_ENCODED_WORD = re.compile(r"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=")
_QP_ESCAPE = re.compile(rb"=([0-9A-Fa-f]{2})")


def _b_decode(text: str) -> bytes | None:
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return None


def _q_decode(text: str) -> bytes:
    raw = text.replace("_", " ").encode("utf-8", "surrogateescape")
    return _QP_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)


def decode_encoded_words(text: str) -> str:
    """Decode RFC 2047 encoded-words anywhere in `text`, also inside quoted parameters: RFC 2047
    §5 forbids them there, but Outlook and Chinese clients write `filename="=?gb2312?B?…?="`.

    Adjacent encoded-words of the same charset are joined as bytes before decoding, so a
    multi-byte character split across two words survives (mailers do split GBK subjects so:
    thunderbird/thunderbird-android#2499). Whitespace between two encoded-words is dropped,
    as RFC 2047 says."""
    if "=?" not in text:
        return text
    out: list[str] = []
    run_codec: str | None = None
    run_bytes = bytearray()
    pos = 0

    def flush() -> None:
        nonlocal run_codec
        if run_bytes:
            out.append(decode_bytes(bytes(run_bytes), run_codec))
            run_bytes.clear()
        run_codec = None

    prev_was_word = False
    for match in _ENCODED_WORD.finditer(text):
        between = text[pos:match.start()]
        label, enc, payload = match.group(1), match.group(2).lower(), match.group(3)
        data = _b_decode(payload) if enc == "b" else _q_decode(payload)
        if data is None:
            # An undecodable word stays literal text.
            flush()
            out.append(between + match.group(0))
            pos = match.end()
            prev_was_word = False
            continue
        if between and not (prev_was_word and between.isspace()):
            flush()
            out.append(between)
        key = codec_for(label) or label.lower()
        if run_bytes and key != run_codec:
            flush()
        run_codec = key
        run_bytes.extend(data)
        pos = match.end()
        prev_was_word = True
    flush()
    out.append(text[pos:])
    return "".join(out)


_FOLD = re.compile(r"\r?\n(?=[ \t])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def unfold(value: str) -> str:
    """Unfold a raw header value (remove CRLF before continuation whitespace)."""
    return _FOLD.sub("", value).replace("\r", "").replace("\n", " ")


def decode_header_text(raw: object) -> str:
    """Decode one raw header value to display text; never raises."""
    try:
        text = raw if isinstance(raw, str) else str(raw)
        text = recover_raw_text(unfold(text))
        text = decode_encoded_words(text)
        return _CONTROL.sub("", text).strip()
    except Exception:  # noqa: BLE001 - header decoding must never stop a message
        return ""


_PERCENT = re.compile(rb"%([0-9A-Fa-f]{2})")


def percent_to_bytes(value: str) -> bytes:
    """RFC 2231 percent-decoding to bytes; raw 8-bit bytes (surrogate-escaped) are kept."""
    raw = value.encode("utf-8", "surrogateescape")
    return _PERCENT.sub(lambda m: bytes([int(m.group(1), 16)]), raw)


def decode_param_value(value: str, charset: str | None = None, extended: bool = False) -> str:
    """Decode one header parameter value.

    `extended` values are RFC 2231 (`charset'lang'%XX…` already split off into `charset`): the
    percent-decoded bytes are decoded with the alias map, falling back to utf-8/gb18030 when
    the label lies. Plain values get raw-byte recovery and encoded-word decoding."""
    try:
        if extended:
            return _CONTROL.sub("", decode_bytes(percent_to_bytes(value), charset))
        text = recover_raw_text(unfold(value))
        return _CONTROL.sub("", decode_encoded_words(text))
    except Exception:  # noqa: BLE001
        return ""


_PARAM = re.compile(r';\s*([^\s=;"]+)\s*=\s*("(?:[^"\\]|\\.)*"?|[^;]*)', re.DOTALL)
_EXTENDED_KEY = re.compile(r"^([^*]+)\*(\d+)?(\*)?$")


def header_params(raw: str) -> dict[str, str]:
    """Decoded parameters of a structured header (Content-Type / Content-Disposition).

    Handles quoted values, RFC 2231 `name*=charset''%XX` with continuations `name*0*=`, `name*1=`,
    encoded-words inside quotes and raw 8-bit bytes. Keys are lower-case."""
    text = unfold(raw)
    plain: dict[str, str] = {}
    extended: dict[str, dict[int, tuple[str, bool]]] = {}
    for match in _PARAM.finditer(text):
        key = match.group(1).lower()
        value = match.group(2).strip()
        if value.startswith('"'):
            # Only \" and \\ are treated as quoted-pairs: mailers write Windows paths
            # (C:\Users\…) inside quotes without escaping them.
            value = re.sub(r'\\(["\\])', r"\1", value[1:-1] if value.endswith('"') and len(value) > 1
                           else value[1:])
        ext = _EXTENDED_KEY.match(key)
        if ext:
            index = int(ext.group(2) or 0)
            extended.setdefault(ext.group(1), {})[index] = (value, bool(ext.group(3)) or ext.group(2) is None)
        elif key not in plain:
            plain[key] = value
    result = {key: decode_param_value(value) for key, value in plain.items()}
    for key, segments in extended.items():
        decoded = _join_rfc2231(segments)
        if decoded:
            result[key] = decoded  # the RFC 2231 form wins over a plain fallback value
    return result


def _join_rfc2231(segments: dict[int, tuple[str, bool]]) -> str:
    charset: str | None = None
    pieces: list[str] = []
    order = sorted(segments)
    for index in order:
        value, is_encoded = segments[index]
        if index == order[0] and is_encoded and value.count("'") >= 2:
            charset, _lang, value = value.split("'", 2)
        pieces.append(value if is_encoded else value.replace("%", "%25"))
    joined = "".join(pieces)
    if charset is None and not any(enc for _v, enc in segments.values()):
        return decode_param_value(joined.replace("%25", "%"))
    return decode_param_value(joined, charset or "utf-8", extended=True)

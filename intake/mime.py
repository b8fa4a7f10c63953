"""Parse one raw message into a `ParsedMessage`.

Contract: `parse_message(raw)` is pure and never raises. Anything that cannot be decoded is
recorded in `problems` (Chinese) and parsing goes on. The email package (compat32 policy,
bytes parser) only splits the MIME tree; every header, parameter and body is decoded here with
the alias map of `intake.charsets`, because the stdlib decoders turn mislabelled, unknown-label
or split GBK text into U+FFFD.

`parts` holds every file-like leaf in message order: attachments, inline files with a name or a
non-text type (`is_attachment()` is never used: it is False for an inline part named only in
Content-Type), members of forwarded messages (message/rfc822 and .eml attachments, depth ≤ 3;
`iter_attachments()` does not descend into them), Outlook winmail.dat (TNEF) members and archive
members right after their archive. Each part's `kind` is sniffed from its bytes, because mailers
send everything as application/octet-stream.
All archives of one message share one `archives.Budget` (200 MB, 500 members), so a message
cannot inflate past that however many archives it carries.

`header_message_id(raw)` is the one reading of a Message-ID (parse_message, the intake sources
and the store's recovery all use it); `header_received_time(raw)` is a message's receipt time
as its headers tell it, for a message known only from its bytes. Both read the header block only.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.message
import email.utils
import html
import quopri
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.parser import BytesHeaderParser
from email.policy import compat32

from shenbao.intake.archives import ARCHIVE_KINDS, Budget, archive_to_parts, join_volumes, volume_of
from shenbao.intake.charsets import decode_bytes, decode_header_text, header_params, unfold
from shenbao.intake.links import find_big_attachment_links
from shenbao.intake.mime_fast import message_from_bytes
from shenbao.intake.sniff import extension_of, sniff_kind
from shenbao.record import ParsedMessage, Part

MAX_FORWARD_DEPTH = 3
MAX_NAME_BYTES = 255  # Linux NAME_MAX: a longer display name could not be a file name, so it is truncated
CHINA_TZ = timezone(timedelta(hours=8))
_TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
_SKIPPED_TYPES = {"message/delivery-status", "message/disposition-notification",
                  "text/rfc822-headers", "message/feedback-report"}
# Controls, and the bidirectional overrides that make "申报书\u202egpj.docx" display as a .jpg.
_CONTROL = re.compile("[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class _Collected:
    """What one walk over a message tree gathers (mutable only inside this module)."""

    parts: list[Part] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    forwarded_text: list[str] = field(default_factory=list)
    link_texts: list[str] = field(default_factory=list)  # raw bodies of forwarded messages
    problems: list[str] = field(default_factory=list)
    has_winmail: bool = False
    is_report: bool = False
    # One allowance for every archive in the message (forwarded ones included): the caps in
    # `intake.archives` are per archive, and a mail carrying fifty small zip bombs must not
    # inflate fifty times 200 MB in the parent process.
    budget: Budget = field(default_factory=Budget)


def parse_message(raw: bytes) -> ParsedMessage:
    """Parse raw RFC 822 bytes; never raises (see the module contract)."""
    try:
        return _parse(raw)
    except Exception as exc:  # noqa: BLE001 - a hostile message must never stop the batch
        return ParsedMessage(message_id=None, subject="", sender="",
                             problems=(f"邮件无法解析：{type(exc).__name__}",))


def _parse(raw: bytes) -> ParsedMessage:
    msg = message_from_bytes(raw)  # compat32 tree (fast path, same tree): headers stay raw
    collected = _Collected()
    try:
        _walk(msg, depth=0, origin="附件", collected=collected)
    except RecursionError:
        collected.problems.append("邮件结构嵌套过深，部分内容未读取")
    _join_split_files(collected)
    subject = decode_header_text(raw_header(msg, "subject") or "")
    sender, sender_name = _sender(raw_header(msg, "from") or "")
    body_text = "\n".join(t for t in collected.plain if t.strip())
    if not body_text.strip():
        body_text = "\n".join(html_to_text(h) for h in collected.html)
    if collected.forwarded_text:
        body_text = "\n\n".join([body_text, *collected.forwarded_text]).strip()
    links = find_big_attachment_links("\n".join([*collected.plain, *collected.html,
                                                 *collected.link_texts]))
    return ParsedMessage(
        message_id=header_message_id(raw),
        subject=subject,
        sender=sender,
        sender_name=sender_name,
        date_header=_date(raw_header(msg, "date")),
        body_text=body_text.strip(),
        parts=tuple(collected.parts),
        is_auto=_is_auto(msg, subject),
        is_list=_is_list(msg),
        reply_to=_reply_to(msg),
        is_bounce=_is_bounce(msg, subject, sender, collected.is_report),
        big_attachment_links=links,
        has_winmail=collected.has_winmail,
        problems=tuple(dict.fromkeys(collected.problems)),
    )


# --------------------------------------------------------------------------- headers

def raw_header(msg: email.message.Message, name: str) -> str | None:
    """The first raw value of a header (surrogate-escaped 8-bit bytes kept), or None."""
    wanted = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == wanted:
            return value if isinstance(value, str) else str(value)
    return None


# Where a header block can end: an empty line after any of the line ends the stdlib accepts
# (\r\n, \n, and a bare \r).
_BLANK_LINE = re.compile(rb"\n\n|\n\r|\r\r")


def header_message_id(raw: bytes) -> str | None:
    """The Message-ID of raw message bytes, or None: the one reading of it that intake, the
    store and the register share (parse_message uses it too). Reads the header block only.

    The value is the first `<...>` token, so a trailing comment such as Foxmail's
    `<abc@example.com> (sent by Foxmail)` is not part of it; without angle brackets, the first
    word. Never raises: the intake sources call it on every fetched message, and one hostile
    header must not stop a fetch."""
    # The block is cut at the first place a header block could end, never before it: the
    # parser then stops where it would have stopped on the whole message.
    blank = _BLANK_LINE.search(raw)
    head = raw if blank is None else raw[:blank.end()]
    try:
        return _message_id(raw_header(BytesHeaderParser(policy=compat32).parsebytes(head), "message-id"))
    except Exception:  # noqa: BLE001 - see the docstring
        return None


def header_received_time(raw: bytes) -> datetime | None:
    """When a message known only from its bytes was received, as well as its headers say: the
    stamp of its first (topmost, so our own server's) Received line, else its Date header;
    only a time with a zone counts. None when neither gives one. Reads the header block only."""
    blank = _BLANK_LINE.search(raw)
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw if blank is None else raw[:blank.end()])
    candidates = [(raw_header(headers, "received") or "").rpartition(";")[2], raw_header(headers, "date") or ""]
    for text in candidates:
        try:
            when = email.utils.parsedate_to_datetime(unfold(text).strip())
        except (TypeError, ValueError, IndexError, OverflowError):
            continue
        if when.tzinfo is not None:
            return when
    return None


def _message_id(raw: str | None) -> str | None:
    if not raw:
        return None
    text = unfold(raw).strip()
    match = re.search(r"<[^<>\s]+>", text)
    if match:
        return match.group(0)
    return text.split()[0] if text.split() else None


_ADDR_BRACKET = re.compile(r"<\s*([^<>\s]+@[^<>\s]+?)\s*>")
_ADDR_BARE = re.compile(r"([A-Za-z0-9._%+\-=/!#$&'*?^`{|}~]+@[A-Za-z0-9.\-\[\]]+)")


def _sender(raw: str) -> tuple[str, str]:
    """(lower-case address, decoded display name) of a From value; never raises."""
    text = unfold(raw)
    if not _ADDR_BRACKET.search(text) and not _ADDR_BARE.search(text):
        text = decode_header_text(text)  # the whole "name <address>" was one encoded-word
    match = _ADDR_BRACKET.search(text)
    if match:
        address = match.group(1)
        name_raw = text[:match.start()]
    else:
        bare = _ADDR_BARE.search(text)
        address = bare.group(1) if bare else ""
        name_raw = re.sub(r"\(([^()]*)\)", r"\1", text.replace(address, "")) if bare else text
    name = decode_header_text(name_raw).strip().strip('"').strip()
    if "," in address or not address.isascii():
        address = decode_header_text(address)
    return address.strip().strip(".").lower(), name


_ZONE_WORDS = re.compile(r"\b(?:CST|CCT|BJT|HKT|GMT\+0?8(?::?00)?|UTC\+0?8(?::?00)?)\b", re.IGNORECASE)
_CN_MONTHS = {"十二月": "Dec", "十一月": "Nov", "十月": "Oct", "九月": "Sep", "八月": "Aug",
              "七月": "Jul", "六月": "Jun", "五月": "May", "四月": "Apr", "三月": "Mar",
              "二月": "Feb", "一月": "Jan"}
_LOOSE_DATE = re.compile(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})\s*日?[\sT]*"
                         r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _date(raw: str | None) -> datetime | None:
    """The Date header as an aware datetime: CST means China (+08:00; the stdlib reads US
    Central), a missing zone is taken as China time, and Chinese or ISO-like dates are read too.
    None when unreadable."""
    if not raw:
        return None
    text = re.sub(r"\([^()]*\)", " ", decode_header_text(raw)).strip()
    text = _ZONE_WORDS.sub("+0800", text)
    text = re.sub(r"星期[一二三四五六日天]\s*,?\s*|周[一二三四五六日]\s*,?\s*", "", text)
    for cn, en in _CN_MONTHS.items():
        text = text.replace(cn, en)
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is None:
        loose = _LOOSE_DATE.search(text)
        if not loose:
            return None
        try:
            y, mo, d, h, mi = (int(loose.group(i)) for i in range(1, 6))
            parsed = datetime(y, mo, d, h, mi, int(loose.group(6) or 0))
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=CHINA_TZ)
    return parsed


def _content_type(part: email.message.Message) -> str:
    raw = raw_header(part, "content-type")
    if not raw:
        return part.get_default_type()
    main = unfold(raw).split(";", 1)[0].strip().lower()
    if main.count("/") != 1 or not all(main.split("/")):
        return "application/octet-stream" if raw_header(part, "content-disposition") else "text/plain"
    return main


def _disposition(part: email.message.Message) -> tuple[str, dict[str, str]]:
    raw = raw_header(part, "content-disposition")
    if not raw:
        return "", {}
    return unfold(raw).split(";", 1)[0].strip().lower(), header_params(raw)


def part_filename(part: email.message.Message) -> str:
    """Decoded filename from Content-Disposition filename or Content-Type name."""
    _disp, disp_params = _disposition(part)
    name = disp_params.get("filename", "")
    if not name:
        raw_ct = raw_header(part, "content-type")
        if raw_ct:
            name = header_params(raw_ct).get("name", "")
    return name


def display_name(name: str) -> str:
    """A safe display name: basename over `/` and `\\`, no controls, NFC, ≤255 UTF-8 bytes
    with the extension kept. Never used as a path."""
    base = unicodedata.normalize("NFC", re.split(r"[\\/]", _CONTROL.sub("", name))[-1]).strip()
    if base in (".", ".."):
        return ""
    if len(base.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES:
        return base
    stem, dot, ext = base.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = base, ""
    suffix = f".{ext}" if ext else ""
    budget = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    kept = stem.encode("utf-8", "surrogatepass")[:budget].decode("utf-8", "ignore")
    return kept + suffix


# A tag is "<name ...>" with no "<" or ">" inside, so every scan stops at the next "<": the
# walk is linear even on hostile markup (html.parser and backtracking regexes are quadratic on
# thousands of unclosed tags).
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^<>]*>|<![^<>]*>")
_HTML_HIDDEN = frozenset({"script", "style", "head", "title"})
_HTML_BLOCKS = frozenset({"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"})


def html_to_text(markup: str) -> str:
    """Visible text of an HTML body: scripts/styles dropped, block ends become newlines."""
    pieces: list[str] = []
    hidden: str | None = None
    pos = 0
    for match in _HTML_TAG.finditer(markup):
        if hidden is None:
            pieces.append(markup[pos:match.start()])
        pos = match.end()
        closing, tag = match.group(1), (match.group(2) or "").lower()
        if hidden is not None:
            if closing and tag == hidden:
                hidden = None
            continue
        if not closing and tag in _HTML_HIDDEN:
            hidden = tag
        elif tag == "br" or (closing and tag in _HTML_BLOCKS):
            pieces.append("\n")
        elif closing and tag in ("td", "th"):
            pieces.append("\t")
    if hidden is None:
        pieces.append(markup[pos:])
    text = html.unescape("".join(pieces)).replace("\xa0", " ").replace("\u3000", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


# --------------------------------------------------------------------------- tree walk

def _walk(msg: email.message.Message, depth: int, origin: str, collected: _Collected) -> None:
    ctype = _content_type(msg)
    if ctype == "multipart/report":
        collected.is_report = True
    if ctype in _SKIPPED_TYPES:
        return
    if msg.is_multipart():
        payload = msg.get_payload()
        if ctype.startswith("message/"):
            for inner in payload if isinstance(payload, list) else []:
                if isinstance(inner, email.message.Message):
                    _forwarded(_transfer_decoded(msg, inner), depth, collected)
            return
        for sub in payload if isinstance(payload, list) else []:
            if isinstance(sub, email.message.Message):
                _walk(sub, depth, origin, collected)
        return
    try:
        _leaf(msg, ctype, depth, origin, collected)
    except Exception as exc:  # noqa: BLE001 - one bad part must not cost the other parts
        collected.problems.append(f"有一个邮件部分无法读取：{type(exc).__name__}")


def _transfer_decoded(outer: email.message.Message, inner: email.message.Message) -> email.message.Message:
    """The forwarded message itself when a message/rfc822 part was (wrongly) base64 or
    quoted-printable encoded: the stdlib parses the encoded text as a headerless message."""
    cte = (raw_header(outer, "content-transfer-encoding") or "").strip().lower()
    if cte not in ("base64", "quoted-printable") or inner.keys():
        return inner
    payload = inner.get_payload()
    if not isinstance(payload, str):
        return inner
    try:
        encoded = payload.encode("utf-8", "surrogateescape")
        data = base64.b64decode(encoded) if cte == "base64" else quopri.decodestring(encoded)
    except (binascii.Error, ValueError, UnicodeError):
        return inner
    return email.message_from_bytes(data)


def _forwarded(inner: email.message.Message, depth: int, collected: _Collected) -> None:
    """Recurse into a forwarded message (message/rfc822 part or .eml attachment)."""
    if depth + 1 > MAX_FORWARD_DEPTH:
        collected.problems.append("转发邮件嵌套层数过多，内层附件未读取")
        return
    subject = decode_header_text(raw_header(inner, "subject") or "") or "（无主题）"
    inner_collected = _Collected(budget=collected.budget)
    _walk(inner, depth + 1, f"转发邮件 {subject}", inner_collected)
    collected.parts.extend(inner_collected.parts)
    collected.problems.extend(inner_collected.problems)
    collected.has_winmail = collected.has_winmail or inner_collected.has_winmail
    text = "\n".join(t for t in inner_collected.plain if t.strip()) or "\n".join(
        html_to_text(h) for h in inner_collected.html)
    if text.strip():
        collected.forwarded_text.append(f"---------- 转发邮件：{subject} ----------\n{text.strip()}")
    collected.forwarded_text.extend(inner_collected.forwarded_text)
    collected.link_texts.extend([*inner_collected.plain, *inner_collected.html, *inner_collected.link_texts])


def _payload_bytes(part: email.message.Message, collected: _Collected) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001 - damaged transfer encoding
        collected.problems.append("附件编码损坏，内容可能不完整")
        data = None
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


def _body_text(part: email.message.Message, data: bytes, collected: _Collected) -> str:
    charset = header_params(raw_header(part, "content-type") or "").get("charset")
    if not charset and _content_type(part) == "text/html":
        meta = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.IGNORECASE)
        charset = meta.group(1).decode("ascii") if meta else None
    text = decode_bytes(data, charset)
    if "\ufffd" in text:
        collected.problems.append("正文有无法识别的字符，部分文字可能显示为乱码")
    return text


def _leaf(part: email.message.Message, ctype: str, depth: int, origin: str,
          collected: _Collected) -> None:
    disposition, _params = _disposition(part)
    name = display_name(part_filename(part))
    if ctype.startswith("multipart/"):
        # A multipart without a usable boundary: read it as text rather than lose it.
        collected.problems.append("邮件结构损坏（multipart 缺少分隔符），已按纯文本读取")
        collected.plain.append(decode_bytes(_payload_bytes(part, collected), None))
        return
    is_body_type = ctype in ("text/plain", "text/html")
    if not name and disposition != "attachment" and (is_body_type or ctype.startswith("text/")):
        if is_body_type:
            data = _payload_bytes(part, collected)
            target = collected.plain if ctype == "text/plain" else collected.html
            target.append(_body_text(part, data, collected))
        return
    data = _payload_bytes(part, collected)
    kind = sniff_kind(data, name)
    if not name:
        name = _generated_name(kind, ctype)
    where = origin if disposition != "inline" or origin != "附件" else "正文内嵌"
    file_part = Part(name=name, content_type=ctype, data=data, origin=where, kind=kind)
    _add_file(file_part, ctype, depth, collected)


def _generated_name(kind: str, ctype: str) -> str:
    ext = {"docx": "docx", "doc": "doc", "wps": "wps", "pdf": "pdf", "zip": "zip", "rar": "rar",
           "7z": "7z", "xlsx": "xlsx", "xls": "xls", "eml": "eml", "tnef": "dat", "html": "html",
           "text": "txt", "word2003xml": "xml", "rtf": "rtf", "odt": "odt", "encrypted_ooxml": "docx",
           "ofd": "ofd"}.get(kind)
    if ext is None and kind == "image":
        ext = ctype.split("/", 1)[-1] if ctype.startswith("image/") else "png"
    return f"未命名附件.{ext}" if ext else "未命名附件"


def _add_file(part: Part, ctype: str, depth: int, collected: _Collected) -> None:
    ext = extension_of(part.name)
    if part.kind == "tnef" or ctype in _TNEF_TYPES or part.name.lower() == "winmail.dat":
        collected.has_winmail = True
        _add_winmail(part, collected)
        return
    if part.kind == "eml" or ext == "eml" or ctype == "message/rfc822":
        collected.parts.append(part)
        try:
            inner = message_from_bytes(part.data)
        except Exception:  # noqa: BLE001
            collected.problems.append(f"转发的邮件附件无法解析：{part.name}")
            return
        _forwarded(inner, depth, collected)
        return
    if ext == "msg" and part.kind == "ole":
        collected.parts.append(part.model_copy(update={
            "problem": "Outlook .msg 邮件附件无法自动读取，请人工打开"}))
        return
    if volume_of(part.name) is not None:
        collected.parts.append(part)  # one volume of a split file: joined when the walk is done
        return
    if part.kind in ARCHIVE_KINDS:
        archive, members = archive_to_parts(part, 0, collected.budget)
        collected.parts.append(archive)
        collected.parts.extend(members)
        return
    collected.parts.append(part)


def _join_split_files(collected: _Collected) -> None:
    """Join the volumes of each split file the message carries (intake.archives.join_volumes)
    and add the joined file as any attachment is added (an archive is expanded)."""
    if not any(volume_of(p.name) is not None for p in collected.parts):
        return
    given = {id(p) for p in collected.parts}
    joined = join_volumes(collected.parts)
    collected.parts = []
    for part in joined:
        if id(part) in given or volume_of(part.name) is not None:
            collected.parts.append(part)
        else:
            _add_file(part, part.content_type, 0, collected)


def _add_winmail(part: Part, collected: _Collected) -> None:
    """Unpack an Outlook winmail.dat (TNEF); the container stays a part, members follow it."""
    members = _tnef_members(part)
    if members is None:
        collected.parts.append(part.model_copy(update={
            "kind": "tnef", "problem": "winmail.dat（Outlook TNEF）无法解包"}))
        return
    collected.parts.append(part.model_copy(update={"kind": "tnef"}))
    for member in members:
        _add_file(member, member.content_type, MAX_FORWARD_DEPTH, collected)


def _tnef_members(part: Part) -> list[Part] | None:
    try:
        import tnefparse  # local: only mails carrying an Outlook winmail.dat need it
    except ImportError:
        return None
    try:
        tnef = tnefparse.TNEF(part.data, do_checksum=False)
    except Exception:  # noqa: BLE001 - tnefparse raises many kinds on damaged input
        return None
    if not tnef.objects:
        return None  # nothing but a signature: truncated or not TNEF at all
    origin = f"{part.origin} › winmail.dat（Outlook TNEF）" if part.origin not in ("", "附件") \
        else "winmail.dat（Outlook TNEF）"
    members: list[Part] = []
    for attachment in tnef.attachments:
        data = attachment.data if isinstance(attachment.data, bytes) else b""
        name = display_name(_tnef_name(attachment)) or "未命名附件"
        kind = sniff_kind(data, name)
        members.append(Part(name=name, content_type="application/octet-stream", data=data,
                            origin=origin, kind=kind))
    return members


def _tnef_name(attachment: object) -> str:
    """Long filename first (8.3 names like QUARTE~1.DOC are a last resort), decoded with the
    attachment codepage (often gbk or big5) and a gb18030 fallback."""
    candidates: list[object] = []
    try:
        candidates.append(attachment.long_filename())  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - tnefparse decodes names as utf-8 and may fail
        pass
    candidates.append(getattr(attachment, "_name", b""))
    for value in candidates:
        if isinstance(value, bytes):
            value = decode_bytes(value.rstrip(b"\x00"), "gb18030")
        if isinstance(value, str) and value.strip("\x00 "):
            return value.strip("\x00 ")
    return ""


# --------------------------------------------------------------------------- flags

_AUTO_SUBJECT = re.compile(r"自动回复|自动答复|auto(?:matic)?[\s_-]*repl|autoreply|out of (?:the )?office|"
                           r"不在办公室", re.IGNORECASE)
_BOUNCE_SUBJECT = re.compile(r"退信|系统退信|undeliver|undelivered|delivery status notification|"
                             r"delivery failure|mail delivery failed|returned mail|投递失败|发送失败",
                             re.IGNORECASE)
_BOUNCE_SENDERS = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.IGNORECASE)


def _is_list(msg: email.message.Message) -> bool:
    """A mailing list or a mass mailing (RFC 2369/2919 headers): never answered automatically."""
    return any((raw_header(msg, name) or "").strip() for name in ("list-id", "list-unsubscribe", "list-post"))


def _reply_to(msg: email.message.Message) -> tuple[str, ...]:
    """The Reply-To addresses, lower-case, in order (display names dropped)."""
    values = [unfold(str(v)) for k, v in msg.raw_items() if k.lower() == "reply-to"]
    return tuple(a.strip().lower() for _, a in email.utils.getaddresses(values) if "@" in a)


def _is_auto(msg: email.message.Message, subject: str) -> bool:
    auto = (raw_header(msg, "auto-submitted") or "").strip().lower()
    if auto and not auto.startswith("no"):
        return True
    precedence = (raw_header(msg, "precedence") or "").strip().lower()
    if precedence in ("bulk", "junk", "list", "auto_reply"):
        return True
    for name in ("x-autoreply", "x-autorespond", "x-autogenerated"):
        value = raw_header(msg, name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            return True
    return bool(_AUTO_SUBJECT.search(subject))


def _is_bounce(msg: email.message.Message, subject: str, sender: str, is_report: bool) -> bool:
    if is_report:
        return True
    if _BOUNCE_SENDERS.match(sender):
        return True
    return bool(_BOUNCE_SUBJECT.search(subject))

"""Safe expansion of .zip, .7z, .rar and .tar(.gz/.bz2/.xz) attachments into member parts.

Zip members may be stored, Deflate, Deflate64 (method 9, via inflate64), bzip2 or LZMA.
An archive split into numbered volumes (7-Zip's 分卷: 申报材料.zip.001, .002, …) is joined
first (`join_volumes`), when the mail carries every volume.

Contracts:
- `expand_archive(part, depth)` returns the member parts; when the archive (or some of its
  members) could not be read, the FIRST element is a copy of `part` with `problem` set (a
  Chinese reason) and callers use it in place of their archive part. It never raises.
- `archive_to_parts(part, depth)` is the same work returned as (archive part, members).
- Nothing is ever extracted by member name: zip and rar members are streamed into memory, 7z
  members are written to in-memory writers, and the only files on disk are the archive itself
  under a generated name inside a private TemporaryDirectory (rar tools need a path).
- Caps: 500 members, 100 MB per member, 200 MB in total, compression ratio 200:1, nesting
  depth 2. Declared sizes are checked first AND every read is bounded by a byte budget, so a
  header that lies about sizes cannot inflate past the caps.
- Member names are display names only: decoded (CP936 names without the UTF-8 flag), `\\`
  turned into `/`, `..`/absolute prefixes dropped, folder path kept (`申报材料/申报书.docx`).
"""

from __future__ import annotations

import io
import mimetypes
import os
import re
import struct
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from shenbao.intake.charsets import GUESS_ORDER
from shenbao.intake.sniff import sniff_kind
from shenbao.record import ARCHIVE_KINDS as ARCHIVE_KINDS  # re-exported: intake.mime imports it from here
from shenbao.record import FileKind, ParsedMessage, Part

MAX_MEMBERS = 500
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
RATIO_FLOOR_BYTES = 1024 * 1024  # small files of padding compress far beyond 200:1 legitimately
MAX_DEPTH = 2  # the top-level archive is depth 0; an archive inside it (depth 1) is expanded
_CHUNK = 1024 * 1024
_ZIP_DEFLATE64 = 9  # what Windows' "send to compressed folder" writes for big files
_ZIP_AES = 99  # WinZip's AES members: zipfile cannot decrypt them
_ZIP_METHODS_SUPPORTED = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA,
                          _ZIP_DEFLATE64}
# Compressed bytes fed to the Deflate64 inflater per step. inflate64 has no output limit, and
# one Deflate64 match (length code 285 with 16 extra bits, ~18 bits in all) expands to 65538
# bytes, so 1 KB of input can yield at most ~30 MB before the cap is checked again.
_DEFLATE64_STEP = 1024
_ZIP_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # APPNOTE 4.3.7; the two lengths are last
_ZIP_UTF8_FLAG = 0x800
_JUNK_BASENAMES = {".ds_store", "thumbs.db", "desktop.ini"}
# Controls, and the bidirectional overrides that make "申报书\u202egpj.docx" display as a .jpg.
_CONTROL = re.compile("[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# What a locked archive (or a member of it) is said to be: the start of its problem.
LOCKED_REASON = "已加密（需要密码）"


class BudgetExceeded(Exception):
    """A read went past a byte cap; `reason` is the Chinese explanation."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Budget:
    """Byte and member allowances shared by an archive and the archives nested in it."""

    # Read the module caps at construction time (tests lower them with monkeypatch).
    total_left: int = field(default_factory=lambda: MAX_TOTAL_BYTES)
    members_left: int = field(default_factory=lambda: MAX_MEMBERS)

    def member_limit(self, compressed: int | None) -> int:
        limit = min(MAX_MEMBER_BYTES, self.total_left)
        if compressed is not None:
            limit = min(limit, max(compressed * MAX_RATIO, RATIO_FLOOR_BYTES))
        return limit


def with_archive_passwords(msg: ParsedMessage, passwords: tuple[str, ...]) -> ParsedMessage:
    """`msg` with each locked archive (or archive with locked members) opened with the
    passwords its mail offers, when one of them does: its members follow it as if it had been
    open. `msg` unchanged when none is locked or none opens."""
    if not passwords or not any(p.kind in ARCHIVE_KINDS and p.problem and LOCKED_REASON in p.problem
                                for p in msg.parts):
        return msg
    parts: list[Part] = []
    changed = False
    given = list(msg.parts)
    i = 0
    while i < len(given):
        part = given[i]
        i += 1
        if part.kind in ARCHIVE_KINDS and part.problem and LOCKED_REASON in part.problem:
            archive, members = archive_to_parts(part.model_copy(update={"problem": None}), 0, Budget(), passwords)
            if members and not (archive.problem and LOCKED_REASON in archive.problem):
                # The members read without the password (a zip locks each member on its own)
                # follow the archive; they are read again with the rest, not kept twice.
                inside = _member_origin(part)
                while i < len(given) and (given[i].origin == inside or given[i].origin.startswith(inside + " › ")):
                    i += 1
                parts += [archive, *members]
                changed = True
                continue
        parts.append(part)
    return msg.model_copy(update={"parts": tuple(parts)}) if changed else msg


def expand_archive(part: Part, depth: int) -> list[Part]:
    """Member parts of an archive part; see the module contract for the problem convention."""
    archive, members = archive_to_parts(part, depth)
    return ([archive] if archive.problem else []) + members


def archive_to_parts(part: Part, depth: int, budget: Budget | None = None,
                     passwords: tuple[str, ...] = ()) -> tuple[Part, list[Part]]:
    """(the archive part, with `problem` set when something could not be read; its members).
    A locked archive is tried with `passwords` (what the mail offers) in turn."""
    budget = budget if budget is not None else Budget()
    members: list[Part] = []
    kind = part.kind if part.kind in ARCHIVE_KINDS else sniff_kind(part.data, part.name)
    reader = _READERS.get(kind)
    if reader is None:
        return part.model_copy(update={"problem": "不是可识别的压缩包格式"}), []

    def attempt(password: str | None, allowance: Budget) -> tuple[list[RawMember], list[str]]:
        said: list[str] = []
        try:
            return reader(part.data, allowance, said, password), said
        except BudgetExceeded as exc:
            return [], [*said, exc.reason]
        except Exception as exc:  # noqa: BLE001 - a hostile archive must never stop the message
            return [], [*said, _open_failure_reason(kind, exc)]

    start = replace(budget)
    raw_members, problems = attempt(None, budget)
    if any(LOCKED_REASON in p for p in problems) and kind != "rar":
        for password in passwords:
            # Each try on a copy of the allowances as they were before the archive was read:
            # a wrong password spends none of them, and the open members are not paid twice.
            trial = replace(start)
            opened, said = attempt(password, trial)
            if opened and not any(LOCKED_REASON in p for p in said):
                raw_members, problems = opened, said
                budget.total_left, budget.members_left = trial.total_left, trial.members_left
                break
    if not raw_members and not problems:
        problems.append("压缩包为空或其中没有可读取的文件")
    origin = _member_origin(part)
    for name, data in raw_members:
        member_kind = sniff_kind(data, name)
        member = Part(name=name, content_type=_content_type(name, member_kind), data=data,
                      origin=origin, kind=member_kind)
        if member_kind in ARCHIVE_KINDS:
            if depth + 1 < MAX_DEPTH:
                nested, nested_members = archive_to_parts(member, depth + 1, budget, passwords)
                members.append(nested)
                members.extend(nested_members)
                continue
            member = member.model_copy(update={"problem": "压缩包嵌套层数过多，未展开"})
        members.append(member)
    if problems:
        return part.model_copy(update={"problem": "；".join(_dedupe(problems))}), members
    return part, members


# --------------------------------------------------------------------------- names

def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _member_origin(archive: Part) -> str:
    here = f"压缩包 {archive.name}"
    if archive.origin and archive.origin != "附件":
        return f"{archive.origin} › {here}"
    return here


def _content_type(name: str, kind: FileKind) -> str:
    guessed, _ = mimetypes.guess_type(name.rsplit("/", 1)[-1])
    return guessed or "application/octet-stream"


def clean_member_name(name: str) -> str:
    """Display path of a member: `/` separators, no `..`, no root, no controls, NFC ('' if none)."""
    text = unicodedata.normalize("NFC", _CONTROL.sub("", name)).replace("\\", "/")
    text = re.sub(r"^[A-Za-z]:", "", text)
    segments = [seg.strip() for seg in text.split("/")]
    kept = [seg for seg in segments if seg not in ("", ".", "..")]
    return "/".join(kept)


def is_junk_member(name: str) -> bool:
    """macOS resource forks and desktop artefacts that only look like documents
    (`__MACOSX/`, `._x.docx`; microsoft/markitdown#1535)."""
    segments = name.split("/")
    base = segments[-1]
    return ("__MACOSX" in segments[:-1] or base.startswith("._") or base.lower() in _JUNK_BASENAMES)


def _unicode_path_extra(extra: bytes) -> str | None:
    """The Info-ZIP Unicode Path extra field (0x7075) some Chinese zip tools write."""
    pos = 0
    while pos + 4 <= len(extra):
        header_id, size = struct.unpack_from("<HH", extra, pos)
        body = extra[pos + 4: pos + 4 + size]
        if header_id == 0x7075 and len(body) > 5 and body[0] == 1:
            try:
                return body[5:].decode("utf-8")
            except UnicodeDecodeError:
                return None
        pos += 4 + size
    return None


def zip_member_name(info: zipfile.ZipInfo) -> str:
    """Decoded name of a zip entry: flag 0x800 → utf-8 (zipfile did it), otherwise the cp437
    text zipfile made is turned back into bytes and tried as utf-8, gb18030, big5hkscs (Chinese
    Windows writes CP936 names without the flag: python/cpython#84587). The bytes are decoded
    before `\\` becomes `/`, since 0x5C is also a GBK/Big5 trail byte (kuba--/zip#233)."""
    if info.flag_bits & _ZIP_UTF8_FLAG:
        return info.orig_filename
    unicode_path = _unicode_path_extra(info.extra)
    if unicode_path:
        return unicode_path
    name = info.orig_filename
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    if raw.isascii():
        return name
    for codec in GUESS_ORDER:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("gb18030", errors="replace")


# --------------------------------------------------------------------------- readers

RawMember = tuple[str, bytes]


TOTAL_CAP_REASON = "压缩包解压后总大小超过200 MB，其余文件未解压"


def _declared_size_problem(name: str, size: int, compressed: int | None) -> str | None:
    """Why a member must not be read, judged from its declared sizes (None when it may)."""
    if size > MAX_MEMBER_BYTES:
        return f"压缩包内文件过大（{name}，{size // (1024 * 1024)} MB），未解压"
    if compressed is not None and size > RATIO_FLOOR_BYTES and size > compressed * MAX_RATIO:
        return f"疑似压缩炸弹（{name} 压缩比过高），未解压"
    return None


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _read_bounded(stream: _Readable, limit: int, name: str) -> bytes:
    """Read a member stream, refusing to go past `limit` bytes whatever the header said."""
    chunks: list[bytes] = []
    seen = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        seen += len(chunk)
        if seen > limit:
            raise _MemberTooLarge(f"疑似压缩炸弹（{name} 解压后超出限制），未解压")
        chunks.append(chunk)
    return b"".join(chunks)


class _MemberTooLarge(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _admit(name: str, size: int, compressed: int | None, budget: Budget, problems: list[str]) -> bool | None:
    """Whether a member declaring `size` may be read: True, yes (one member of the allowance
    taken); False, not this one (its declared sizes refused, the reason in `problems`); None,
    no further member (the archive's total or its member count is spent)."""
    declared = _declared_size_problem(name, size, compressed)
    if declared:
        problems.append(declared)
        return False
    if size > budget.total_left:
        problems.append(TOTAL_CAP_REASON)
        return None
    if not _take_member(budget, problems):
        return None
    return True


def _take_member(budget: Budget, problems: list[str]) -> bool:
    if budget.members_left <= 0:
        problems.append(f"压缩包内文件过多（超过{MAX_MEMBERS}个），其余文件未读取")
        return False
    budget.members_left -= 1
    return True


def _read_zip(data: bytes, budget: Budget, problems: list[str], password: str | None = None) -> list[RawMember]:
    # A locked member is read with `password` when one is given (the classic PKWARE cipher
    # that zipfile knows, what 7-Zip, WinRAR and 360压缩 write for a .zip by default); an AES
    # member (method 99) or a wrong password leaves it listed as locked.
    out: list[RawMember] = []
    encrypted: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            raw_name = zip_member_name(info)
            name = clean_member_name(raw_name)
            if info.is_dir() or not name or raw_name.replace("\\", "/").endswith("/"):
                continue
            if is_junk_member(name):
                continue
            locked = bool(info.flag_bits & 0x1)
            if locked and (password is None or info.compress_type in (_ZIP_AES, _ZIP_DEFLATE64)):
                encrypted.append(name)
                continue
            if info.compress_type not in _ZIP_METHODS_SUPPORTED:
                problems.append(f"压缩方式不受支持（{_zip_method_name(info.compress_type)}），"
                                f"无法解压：{name}")
                continue
            admitted = _admit(name, info.file_size, info.compress_size, budget, problems)
            if admitted is None:
                break
            if not admitted:
                continue
            limit = budget.member_limit(info.compress_size)
            try:
                if info.compress_type == _ZIP_DEFLATE64:
                    content = _inflate64_bounded(data, info, limit, name)
                else:
                    secret = password.encode("utf-8") if locked and password is not None else None
                    with zf.open(info, pwd=secret) as stream:
                        content = _read_bounded(stream, limit, name)
            except _MemberTooLarge as exc:
                problems.append(exc.reason)
                continue
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError,
                    RuntimeError, zlib.error) as exc:
                if locked:
                    # A wrong password: refused by the header's check byte (RuntimeError), or,
                    # one time in 256, passed by it and caught by the CRC or the inflater.
                    budget.members_left += 1
                    encrypted.append(name)
                    continue
                problems.append(f"压缩包内文件损坏，无法解压：{name}（{_short(exc)}）")
                continue
            budget.total_left -= len(content)
            out.append((name, content))
    if encrypted:
        if out:
            problems.append("压缩包内部分文件已加密（需要密码）：" + "、".join(encrypted[:5]))
        else:
            problems.append("压缩包已加密（需要密码），无法打开")
    return out


def _inflate64_bounded(data: bytes, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """A Deflate64 member of the zip `data`, inflated step by step and refused past `limit`.

    zipfile cannot decompress method 9, so the member's compressed bytes are located through
    its local header and fed to `inflate64.Inflater` (installed with py7zr) a step at a time:
    the cap is checked between steps, so a bomb never inflates much past it."""
    import inflate64  # local: only Deflate64 members need it

    offset = info.header_offset
    header = data[offset:offset + _ZIP_LOCAL_HEADER.size]
    if len(header) != _ZIP_LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    fields = _ZIP_LOCAL_HEADER.unpack(header)
    start = offset + _ZIP_LOCAL_HEADER.size + fields[-2] + fields[-1]
    compressed = memoryview(data)[start:start + info.compress_size]
    inflater = inflate64.Inflater()
    chunks: list[bytes] = []
    seen = 0
    crc = 0
    for pos in range(0, len(compressed), _DEFLATE64_STEP):
        chunk = inflater.inflate(bytes(compressed[pos:pos + _DEFLATE64_STEP]))
        seen += len(chunk)
        if seen > limit:
            raise _MemberTooLarge(f"疑似压缩炸弹（{name} 解压后超出限制），未解压")
        crc = zlib.crc32(chunk, crc)
        chunks.append(chunk)
        if inflater.eof:
            break
    if not inflater.eof:
        raise EOFError("truncated Deflate64 stream")
    if crc != info.CRC:
        raise zipfile.BadZipFile("Bad CRC-32")
    return b"".join(chunks)


def _zip_method_name(method: int) -> str:
    return {9: "Deflate64", 99: "AES加密", 6: "Implode", 98: "PPMd", 95: "XZ", 93: "Zstandard"}.get(
        method, f"方法{method}")


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__)[:80]


class _BudgetWriter:
    """A py7zr writer that keeps bytes in memory and aborts past its allowance."""

    def __init__(self, name: str, factory: _BudgetFactory) -> None:
        self.name = name
        self.factory = factory
        self.buffer = io.BytesIO()

    def write(self, s: bytes | bytearray) -> int:
        self.factory.spent += len(s)
        if self.buffer.tell() + len(s) > self.factory.per_member or self.factory.spent > self.factory.total:
            raise BudgetExceeded(f"疑似压缩炸弹（{self.name} 解压后超出限制），未解压")
        return self.buffer.write(s)

    def read(self, size: int | None = None) -> bytes:
        return self.buffer.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.buffer.seek(offset, whence)

    def flush(self) -> None:
        return None

    def size(self) -> int:
        return len(self.buffer.getbuffer())

    def close(self) -> None:
        return None


class _BudgetFactory:
    def __init__(self, per_member: int, total: int) -> None:
        self.per_member = per_member
        self.total = total
        self.spent = 0
        self.products: dict[str, _BudgetWriter] = {}

    def create(self, filename: str) -> _BudgetWriter:
        product = _BudgetWriter(filename, self)
        self.products[filename] = product
        return product


def _read_7z(data: bytes, budget: Budget, problems: list[str], password: str | None = None) -> list[RawMember]:
    import py7zr  # local: ~0.2 s to import, and only mails with .7z attachments need it

    with py7zr.SevenZipFile(io.BytesIO(data), mode="r", password=password) as archive:
        if archive.needs_password() and password is None:
            problems.append("压缩包已加密（需要密码），无法打开")
            return []
        wanted: dict[str, str] = {}
        declared_total = 0
        for info in archive.list():
            if info.is_directory or not info.is_file:
                continue
            name = clean_member_name(info.filename)
            if not name or is_junk_member(name):
                continue
            size = int(info.uncompressed or 0)
            declared = _declared_size_problem(name, size, None)
            if declared:
                problems.append(declared)
                continue
            if declared_total + size > budget.total_left:
                problems.append(TOTAL_CAP_REASON)
                break
            if not _take_member(budget, problems):
                break
            declared_total += size
            wanted[info.filename] = name
        # Skipped members of a solid block are still decompressed (into py7zr's null writer),
        # so the ratio is judged on everything the archive declares, not only what we keep.
        everything = sum(int(info.uncompressed or 0) for info in archive.list())
        if everything > RATIO_FLOOR_BYTES and everything > len(data) * MAX_RATIO:
            problems.append("疑似压缩炸弹（压缩比过高），未解压")
            return []
        if not wanted:
            return []
        factory = _BudgetFactory(min(MAX_MEMBER_BYTES, budget.total_left),
                                 min(budget.total_left, max(len(data) * MAX_RATIO, RATIO_FLOOR_BYTES)))
        archive.extract(targets=list(wanted), factory=factory)
    out: list[RawMember] = []
    for filename, name in wanted.items():
        product = factory.products.get(filename)
        if product is None:
            problems.append(f"压缩包内文件无法解压：{name}")
            continue
        content = product.buffer.getvalue()
        budget.total_left -= len(content)
        out.append((name, content))
    return out


def _read_rar(data: bytes, budget: Budget, problems: list[str], password: str | None = None) -> list[RawMember]:
    # (A RAR's password is not tried: nothing here can write a locked RAR to test it with.)
    import rarfile  # local: only .rar attachments need it (it drives unrar, unar or bsdtar)

    out: list[RawMember] = []
    # rar tools read from a path: the archive gets a generated name in a private directory,
    # and members are streamed from the tool's stdout, never written by their own names.
    with tempfile.TemporaryDirectory(prefix="shenbao-rar-") as tmp:
        path = os.path.join(tmp, "archive.rar")
        with open(path, "wb") as fh:
            fh.write(data)
        with rarfile.RarFile(path) as archive:
            if archive.needs_password():
                problems.append("压缩包已加密（需要密码），无法打开")
                return []
            for info in archive.infolist():
                if info.is_dir():
                    continue
                name = clean_member_name(info.filename or "")
                if not name or is_junk_member(name):
                    continue
                if info.needs_password():
                    problems.append(f"压缩包内文件已加密（需要密码）：{name}")
                    continue
                size = int(info.file_size or 0)
                declared = _declared_size_problem(name, size, int(info.compress_size or 0))
                if declared:
                    problems.append(declared)
                    continue
                if size > budget.total_left:
                    problems.append(TOTAL_CAP_REASON)
                    break
                if not _take_member(budget, problems):
                    break
                try:
                    with archive.open(info) as stream:
                        content = _read_bounded(stream, budget.member_limit(info.compress_size), name)
                except _MemberTooLarge as exc:
                    problems.append(exc.reason)
                    continue
                except rarfile.RarCannotExec:
                    problems.append("无法解压RAR压缩包：服务器未安装解压工具（unrar、unar 或 bsdtar）")
                    break
                except (rarfile.Error, OSError, EOFError, ValueError) as exc:
                    problems.append(f"压缩包内文件损坏，无法解压：{name}（{_short(exc)}）")
                    continue
                budget.total_left -= len(content)
                out.append((name, content))
    return out


def _tar_member_name(name: str) -> str:
    """A tar entry's name: tarfile decodes it as UTF-8 with surrogates for other bytes; a name
    written by a Chinese Windows tool is CP936 and is decoded as such here."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
    for codec in GUESS_ORDER:
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("gb18030", errors="replace")


def _read_tar(data: bytes, budget: Budget, problems: list[str], password: str | None = None) -> list[RawMember]:
    # tarfile walks a compressed stream by decompressing it: every member it passes, read or
    # not, costs its declared size. So the walk stops (not skips) at the first member the caps
    # refuse, and the declared sizes of everything passed are held to the ratio cap.
    import tarfile  # local: only mails with tar attachments need it

    out: list[RawMember] = []
    passed = 0
    try:
        archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:*")
    except tarfile.ReadError:
        problems.append("压缩文件中不是tar归档，无法解压")
        return []
    with archive:
        for info in archive:
            passed += info.size
            if passed > RATIO_FLOOR_BYTES and passed > len(data) * MAX_RATIO:
                problems.append("疑似压缩炸弹（压缩比过高），未解压")
                break
            if not info.isreg():  # folders, links, devices: nothing to read (and nothing is written)
                continue
            name = clean_member_name(_tar_member_name(info.name))
            if not name or is_junk_member(name):
                continue
            if not _admit(name, info.size, None, budget, problems):
                break  # a refused member is not skipped: passing it means inflating it
            stream = archive.extractfile(info)
            if stream is None:
                continue
            try:
                content = _read_bounded(stream, budget.member_limit(None), name)
            except _MemberTooLarge as exc:
                problems.append(exc.reason)
                break
            budget.total_left -= len(content)
            out.append((name, content))
    return out


# --------------------------------------------------------------------------- volumes

# A volume of a split file: its number after the full name (申报材料.zip.001, 申报书.7z.002).
_VOLUME_RE = re.compile(r"^(?P<base>.+\.[^./\\]+)\.(?P<number>\d{3})$")


def volume_of(name: str) -> tuple[str, int] | None:
    """(the split file's name, the volume's number) for a volume's name, else None."""
    match = _VOLUME_RE.match(name.strip())
    if match is None or int(match.group("number")) == 0:
        return None
    return match.group("base"), int(match.group("number"))


def join_volumes(parts: list[Part]) -> list[Part]:
    """`parts` with each split file joined after its last volume, as a part of its own named
    as the file was before it was split (申报材料.zip), to be expanded or read like any other.
    A split file whose volumes are not all in the mail (1 to the highest number it holds) is
    not joined: its first volume's problem says which volumes are missing. Volumes are grouped
    by name and origin (two forwarded mails may each carry a split file of one name)."""
    groups: dict[tuple[str, str], dict[int, int]] = {}  # (origin, name) -> number -> index in parts
    for index, part in enumerate(parts):
        found = volume_of(part.name)
        if found is not None:
            groups.setdefault((part.origin, found[0]), {})[found[1]] = index
    if not groups:
        return parts
    joined_after: dict[int, Part] = {}
    problems: dict[int, str] = {}
    for (origin, name), volumes in groups.items():
        numbers = sorted(volumes)
        missing = [n for n in range(1, numbers[-1] + 1) if n not in volumes]
        if missing:
            listed = "、".join(f"第{n}卷（{name}.{n:03d}）" for n in missing)
            problems[volumes[numbers[0]]] = (f"分卷压缩的文件不完整：缺少{listed}，无法合并解压；"
                                            f"请联系申报单位补发缺少的分卷或合并后的文件")
            continue
        data = b"".join(parts[volumes[n]].data for n in numbers)
        kind = sniff_kind(data, name)
        where = f"分卷 {name}.001–{numbers[-1]:03d} 合并" if origin in ("", "附件") \
            else f"{origin} › 分卷 {name}.001–{numbers[-1]:03d} 合并"
        joined_after[volumes[numbers[-1]]] = Part(name=name, content_type=_content_type(name, kind), data=data,
                                                   origin=where, kind=kind)
    out: list[Part] = []
    for index, part in enumerate(parts):
        out.append(part.model_copy(update={"problem": problems[index]}) if index in problems else part)
        if index in joined_after:
            out.append(joined_after[index])
    return out


def _open_failure_reason(kind: FileKind, exc: BaseException) -> str:
    text = str(exc)
    if "zip bomb" in text.lower():
        return "疑似压缩炸弹（压缩包结构异常），无法打开"
    if "password" in text.lower() or "encrypted" in text.lower():
        return "压缩包已加密（需要密码），无法打开"
    if type(exc).__name__ == "RarCannotExec":
        return "无法解压RAR压缩包：服务器未安装解压工具（unrar、unar 或 bsdtar）"
    label = {"zip": "zip", "rar": "RAR", "7z": "7z", "tar": "tar"}.get(kind, kind)
    return f"{label}压缩包已损坏或无法打开（{_short(exc)}）"


_READERS: dict[FileKind, Callable[[bytes, Budget, list[str], str | None], list[RawMember]]] = {
    "zip": _read_zip,
    "7z": _read_7z,
    "rar": _read_rar,
    "tar": _read_tar,
}

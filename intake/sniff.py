"""Tell a file's kind from its bytes: mail clients send everything as application/octet-stream,
users rename .doc to .docx, and WPS saves Word 2003 XML under .doc, so the extension only
breaks ties.

Contract: `sniff_kind(data, name="")` returns a `shenbao.record.FileKind` (docx, doc, wps, pdf,
zip, rar, 7z, xlsx, xls, pptx, ole, image, eml, tnef, word2003xml, rtf, odt, encrypted_ooxml, text, html,
unknown). It never raises and reads at most a bounded prefix of the data (plus the zip central directory).
"""

from __future__ import annotations

import io
import re
import zipfile

import olefile  # installed with msoffcrypto-tool, which depends on it

from shenbao.packages import ODT_MIMETYPE, odf_mimetype
from shenbao.record import FileKind

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"  # 0x223E9F78 little-endian
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{1,40}):[ \t]?[^\r\n]*\r?$")
# A damaged zip whose members cannot be listed keeps the OOXML kind its extension names.
_OOXML_BY_EXTENSION: dict[str, FileKind] = {"docx": "docx", "xlsx": "xlsx", "pptx": "pptx"}
_EML_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"mime-version",
                b"return-path", b"content-type", b"delivered-to", b"x-mailer", b"reply-to", b"cc"}


def extension_of(name: str) -> str:
    """Lower-case extension without the dot ('' when none)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _zip_kind(data: bytes, ext: str) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except Exception:  # noqa: BLE001 - a damaged zip is still a zip; readers report it
        names = set()
        # A truncated OOXML file still shows its first member name in the local header.
        head = data[:4096]
        if b"word/" in head:
            return "docx"
        if b"xl/" in head:
            return "xlsx"
        if b"ppt/" in head:
            return "pptx"
        return _OOXML_BY_EXTENSION.get(ext, "zip")
    if "mimetype" in names and "content.xml" in names and odf_mimetype(data) == ODT_MIMETYPE:
        return "odt"
    if "ofd.xml" in {n.lstrip("/").lower() for n in names}:
        return "ofd"  # 版式文档 (GB/T 33190): a zip whose root names the document in OFD.xml
    if "[Content_Types].xml" in names or any(n.startswith(("word/", "xl/", "ppt/")) for n in names):
        if "word/document.xml" in names or any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("ppt/") for n in names):
            return "pptx"
    return "zip"


def _ole_stream_names(data: bytes) -> set[str] | None:
    """Upper-case stream names of an OLE file, or None when olefile cannot read it."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {"/".join(entry).upper() for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # noqa: BLE001
        return None


def _ole_kind(data: bytes, ext: str) -> FileKind:
    streams = _ole_stream_names(data)
    if streams is None:
        # Minimal check: directory entries are UTF-16LE names inside the file.
        probe = data[:2_000_000]
        if "EncryptionInfo".encode("utf-16-le") in probe:
            return "encrypted_ooxml"
        if "WordDocument".encode("utf-16-le") in probe:
            return "wps" if ext == "wps" else "doc"
        if "Workbook".encode("utf-16-le") in probe or "Book".encode("utf-16-le") in probe:
            return "xls"
        return "ole"
    if "ENCRYPTIONINFO" in streams and "ENCRYPTEDPACKAGE" in streams:
        return "encrypted_ooxml"
    if "WORDDOCUMENT" in streams:
        # Kingsoft WPS writes the same Word 97 binary; only the extension tells them apart.
        return "wps" if ext == "wps" else "doc"
    if "WORKBOOK" in streams or "BOOK" in streams:
        return "xls"
    if "ENCRYPTIONINFO" in streams:
        return "encrypted_ooxml"
    return "ole"


def _looks_like_web_archive(head: bytes) -> bool:
    """A "单个文件网页" (.mht, RFC 2557): MIME headers opening a multipart/related, and none of
    a mail's (From, To, Subject, Date, Received): a saved page, not a forwarded message."""
    block = head.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].lower()
    if b"multipart/related" not in block or not block.startswith((b"mime-version:", b"content-type:")):
        return False
    return not any(re.search(rb"(?m)^" + name + rb":", block) for name in (b"from", b"to", b"subject", b"date",
                                                                          b"received"))


def _looks_like_eml(head: bytes) -> bool:
    lines = head.split(b"\n", 40)[:40]
    known = 0
    for line in lines:
        if line in (b"", b"\r"):
            break
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        if match.group(1).lower() in _EML_HEADERS:
            known += 1
    return known >= 2


def _text_kind(head: bytes) -> FileKind:
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    lower = stripped[:2048].lower()
    if _looks_like_web_archive(stripped[:8192]):
        # Before Word 2003 XML: a saved page's MIME holds Word's own XML island in its head.
        return "html"
    if b"<w:worddocument" in lower or (b"<?mso-application" in lower and b"word.document" in lower):
        return "word2003xml"
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if lower.startswith((b"<!doctype html", b"<html")) or b"<html" in lower[:512] or b"<body" in lower[:512]:
        return "html"
    if _looks_like_eml(stripped[:8192]):
        return "eml"
    sample = head[:4096]
    if not sample:
        return "unknown"
    if b"\x00" in sample and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "unknown"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return "text" if controls * 20 < len(sample) else "unknown"


def sniff_kind(data: bytes, name: str = "") -> FileKind:
    """The kind of a file from its leading bytes; `name` only breaks ties (see module doc)."""
    try:
        return _sniff(data, extension_of(name))
    except Exception:  # noqa: BLE001 - sniffing must never stop a message
        return "unknown"


# Compressed streams a tar archive comes in (.tar.gz/.tgz, .tar.bz2, .tar.xz): gzip's magic and
# deflate method, bzip2's header with its block magic, xz's stream header.
_COMPRESSED_TAR_MAGIC = re.compile(rb"\x1f\x8b\x08|BZh[1-9]1AY&SY|\xfd7zXZ\x00")


def _is_tar(data: bytes) -> bool:
    """A tar archive (POSIX ustar or GNU: "ustar" at offset 257), or a gzip, bzip2 or xz
    stream, which mail attachments only ever hold as a compressed tar (archives.py reports one
    that holds something else)."""
    return data[257:262] == b"ustar" or _COMPRESSED_TAR_MAGIC.match(data) is not None


def _sniff(data: bytes, ext: str) -> FileKind:
    if not data:
        return "unknown"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, ext)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, ext)
    # Archives by their magic before a PDF's header anywhere in the first 1 KB: a 7-Zip or RAR
    # archive that stores a PDF uncompressed holds "%PDF-" a few dozen bytes in.
    if data.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if data.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if _is_tar(data):
        return "tar"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(TNEF_MAGIC):
        return "tnef"
    if data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a",
                        b"GIF89a")) or (data.startswith(b"BM") and len(data) > 26 and ext in ("bmp", "")):
        return "image"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image"
    if data.startswith(b"PK"):  # spanned or damaged zip
        return "zip"
    return _text_kind(data[:65536])

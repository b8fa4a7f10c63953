"""Real file bytes for the intake tests: minimal OOXML/OLE/PDF files, zips with raw (CP936)
names and patched headers, 7z via py7zr, and a stored RAR 4 archive written by hand (no RAR
writer is installed)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence


def docx_bytes(text: str = "申报书") -> bytes:
    """A minimal OOXML word package: enough for the sniffer (and readable as a zip)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


def pdf_bytes(junk_prefix: bytes = b"") -> bytes:
    return junk_prefix + b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bytes(entries: Sequence[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip with UTF-8 (flagged) names, as zipfile writes them."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def zip_raw_names(entries: Sequence[tuple[bytes, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip whose names are the given raw bytes with the UTF-8 flag unset — as Chinese Windows
    writes CP936 names. zipfile cannot write that, so ASCII placeholders of the same length
    are written and then patched in both the local and the central headers."""
    placeholders: list[tuple[bytes, bytes]] = []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for i, (raw, data) in enumerate(entries):
            stub = f"~{i:05d}~".encode().ljust(len(raw), b"q")[: max(len(raw), 7)]
            assert len(stub) == len(raw), "raw names must be at least 7 bytes"
            placeholders.append((stub, raw))
            zf.writestr(stub.decode("ascii"), data)
    out = buf.getvalue()
    for stub, raw in placeholders:
        assert out.count(stub) == 2
        out = out.replace(stub, raw)
    return out


def patch_zip(data: bytes, *, method: int | None = None, flag_bits: int | None = None,
              file_size: int | None = None) -> bytes:
    """Rewrite every entry's compression method, flag bits or declared size in place."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) != -1:
        if flag_bits is not None:
            struct.pack_into("<H", out, pos + 6, struct.unpack_from("<H", out, pos + 6)[0] | flag_bits)
        if method is not None:
            struct.pack_into("<H", out, pos + 8, method)
        if file_size is not None:
            struct.pack_into("<I", out, pos + 22, file_size)
        pos += 4
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) != -1:
        if flag_bits is not None:
            struct.pack_into("<H", out, pos + 8, struct.unpack_from("<H", out, pos + 8)[0] | flag_bits)
        if method is not None:
            struct.pack_into("<H", out, pos + 10, method)
        if file_size is not None:
            struct.pack_into("<I", out, pos + 24, file_size)
        pos += 4
    return bytes(out)


def sevenzip_bytes(entries: Sequence[tuple[str, bytes]], password: str | None = None, stored: bool = False) -> bytes:
    """A .7z of `entries`; `stored`: copied uncompressed (7z -mx0), its files' bytes in the clear."""
    import py7zr

    buf = io.BytesIO()
    filters = [{"id": py7zr.FILTER_COPY}] if stored else None
    with py7zr.SevenZipFile(buf, "w", password=password, filters=filters) as archive:
        if password:
            archive.set_encrypted_header(True)
        for name, data in entries:
            archive.writestr(data, name)
    return buf.getvalue()


def rar4_bytes(name: bytes, data: bytes, method: int = 0x30) -> bytes:
    """A one-file RAR 4 archive. Method 0x30 is 'stored' (readable without a tool); other
    methods declare compression over `data` as given (so a tool is needed and will fail)."""
    marker = b"Rar!\x1a\x07\x00"
    main_body = struct.pack("<BHHHI", 0x73, 0, 13, 0, 0)
    main = struct.pack("<H", zlib.crc32(main_body) & 0xFFFF) + main_body
    fields = struct.pack("<BHH", 0x74, 0x8000, 32 + len(name)) + struct.pack(
        "<IIBIIBBHI", len(data), len(data), 2, zlib.crc32(data), 0x58A00000, 20, method, len(name), 0x20) + name
    file_head = struct.pack("<H", zlib.crc32(fields) & 0xFFFF) + fields
    end_body = struct.pack("<BHH", 0x7B, 0x4000, 7)
    end = struct.pack("<H", zlib.crc32(end_body) & 0xFFFF) + end_body
    return marker + main + file_head + data + end


def ole_bytes(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors) holding the named streams; each
    stream is padded to 4096 bytes so no mini-stream is needed. Enough for olefile."""
    sect, free, end, fatsect, nostream = 512, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    blobs = [streams[n].ljust(4096, b"\0") for n in names]
    blobs = [b.ljust(-(-len(b) // sect) * sect, b"\0") for b in blobs]
    fat = [fatsect, end]
    starts: list[int] = []
    for blob in blobs:
        count = len(blob) // sect
        start = len(fat)
        starts.append(start)
        fat += [start + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= 128 and len(names) <= 3
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", nostream, right, child) + b"\0" * 36 + struct.pack("<IQ", start, size))

    entries = [entry("Root Entry", 5, 1 if names else nostream, nostream, end, 0)]
    for i, name in enumerate(names):
        right = i + 2 if i + 1 < len(names) else nostream
        entries.append(entry(name, 2, nostream, right, starts[i], max(len(streams[name]), 4096)))
    empty = b"\0" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", nostream, nostream, nostream) + b"\0" * 48
    entries += [empty] * (4 - len(entries))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    return header + struct.pack("<128I", *fat) + b"".join(entries) + b"".join(blobs)


def doc_bytes() -> bytes:
    """A Word 97 binary as far as sniffing goes: an OLE file with a WordDocument stream."""
    return ole_bytes({"WordDocument": b"\xec\xa5" + b"\0" * 5000, "1Table": b"\0" * 100})


def encrypted_docx_bytes() -> bytes:
    """Password-protected OOXML: an OLE file with EncryptionInfo + EncryptedPackage."""
    return ole_bytes({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x01" * 200})

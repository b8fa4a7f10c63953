"""Builders for a hostile corpus: real bytes of zip bombs, path-traversal archives, XML bombs
inside OOXML, broken and oversized PDFs, and malformed mail. Everything is generated in code,
parametrically, so the corpus is large (≥200 files) without a committed binary.

Each builder returns `Hostile(label, name, data)`: `label` names the attack in test ids and
reports, `name` is the attachment file name the attacker chose (itself often hostile).
"""

from __future__ import annotations

import functools
import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from tests.builders.docx_quirks import docx_with_body, encrypted_docx, para, replace_part, run, with_broken_relationship
from tests.builders.eml import attachment, entity, mail, multipart, text_part
from tests.builders.pdf_quirks import encrypt, pdf_from, text_page
from tests.intake.file_builders import doc_bytes, sevenzip_bytes, zip_bytes

MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    label: str
    name: str
    data: bytes


# --------------------------------------------------------------------------- zips

@functools.lru_cache(maxsize=16)
def zeros_deflated(size: int) -> tuple[bytes, int]:
    """Raw deflate of `size` zero bytes (streamed, so the zeros never sit in memory) and its CRC."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * MB
    crc = 0
    out = []
    left = size
    while left:
        piece = chunk[:min(left, MB)]
        crc = zlib.crc32(piece, crc)
        out.append(comp.compress(piece))
        left -= len(piece)
    out.append(comp.flush())
    return b"".join(out), crc


def raw_zip(entries: list[tuple[bytes, bytes, int, int, int]], *, method: int = 8, flags: int = 0,
            external_attr: int = 0, create_system: int = 3) -> bytes:
    """A zip written by hand: entries are (name bytes, compressed data, crc, uncompressed size
    declared, compressed size declared). Lets a test lie about sizes, set any method/flag, and
    mark entries as symlinks — none of which zipfile will write."""
    local = io.BytesIO()
    central = io.BytesIO()
    for name, comp, crc, usize, csize in entries:
        offset = local.tell()
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, csize, usize,
                                len(name), 0) + name + comp)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (create_system << 8) | 20, 20, flags, method,
                                  0, 0x21, crc, csize, usize, len(name), 0, 0, 0, 0, external_attr, offset) + name)
    cd = central.getvalue()
    start = local.tell()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), start, 0)
    return local.getvalue() + cd + end


def overlapping_zip(kernel_size: int, copies: int) -> bytes:
    """Fifield-style non-recursive bomb: many central-directory entries share one compressed
    kernel (every entry's data is the same bytes in the file)."""
    comp, crc = zeros_deflated(kernel_size)
    local = io.BytesIO()
    central = io.BytesIO()
    headers = []
    for i in range(copies):
        name = f"f{i:05d}.docx".encode()
        headers.append(name)
    # One local header + kernel; every central entry points at offset 0.
    first = headers[0]
    local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), kernel_size,
                            len(first), 0) + first + comp)
    for name in headers:
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 8, 0, 0x21, crc, len(comp),
                                  kernel_size, len(name), 0, 0, 0, 0, 0, 0) + name)
    cd = central.getvalue()
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, copies, copies, len(cd), local.tell(), 0)
    return local.getvalue() + cd + end


def nested_zip(levels: int, fanout: int, leaf_size: int) -> bytes:
    """42.zip-style: each level holds `fanout` copies of the level below."""
    comp, crc = zeros_deflated(leaf_size)
    data = raw_zip([(b"leaf.bin", comp, crc, leaf_size, len(comp))])
    for level in range(levels):
        data = zip_bytes([(f"l{level}_{i}.zip", data) for i in range(fanout)], method=zipfile.ZIP_STORED)
    return data


def archive_corpus() -> Iterator[Hostile]:
    docx = docx_with_body(para(run("申报书正文")))
    for size_mb in (2, 20, 150):
        comp, crc = zeros_deflated(size_mb * MB)
        yield Hostile(f"zip-ratio-{size_mb}mb", f"bomb{size_mb}.zip",
                      raw_zip([(b"zeros.docx", comp, crc, size_mb * MB, len(comp))]))
        # The same bomb with a lying header (declares 1 kB): only the bounded read stops it.
        yield Hostile(f"zip-lying-size-{size_mb}mb", f"liar{size_mb}.zip",
                      raw_zip([(b"zeros.docx", comp, crc, 1024, len(comp))]))
    for copies in (10, 300, 2000):
        yield Hostile(f"zip-overlapping-{copies}", f"overlap{copies}.zip", overlapping_zip(8 * MB, copies))
        # Kernels under the 1 MB ratio floor pass the declared-ratio check: only the caps hold.
        yield Hostile(f"zip-overlapping-small-{copies}", f"overlaps{copies}.zip", overlapping_zip(MB - 1, copies))
    for levels, fanout in ((2, 4), (3, 8), (4, 4)):
        yield Hostile(f"zip-nested-{levels}x{fanout}", f"nest{levels}.zip", nested_zip(levels, fanout, 4 * MB))
    traversal = [b"../evil.docx", b"../../../../../../tmp/evil.docx", b"/etc/evil.docx", b"C:\\evil.docx",
                 b"..\\..\\evil.docx", b"a/../../evil.docx", b"D:/x/../../evil.docx", b"\\\\server\\share\\evil.docx",
                 b"./././evil.docx", b"evil\x00.docx", b"CON.docx", b"aux", b"..", b"/"]
    for i, name in enumerate(traversal):
        comp = zlib.compressobj(6, zlib.DEFLATED, -15)
        body = comp.compress(docx) + comp.flush()
        yield Hostile(f"zip-traversal-{i}", f"traversal{i}.zip",
                      raw_zip([(name, body, zlib.crc32(docx), len(docx), len(body))]))
    link_attr = (stat.S_IFLNK | 0o777) << 16
    for i, target in enumerate((b"/etc/passwd", b"../../../../etc/shadow", b"/proc/self/environ")):
        yield Hostile(f"zip-symlink-{i}", f"symlink{i}.zip",
                      raw_zip([(b"link.docx", target, zlib.crc32(target), len(target), len(target))], method=0,
                              external_attr=link_attr))
    for count in (600, 5000):
        yield Hostile(f"zip-tiny-entries-{count}", f"many{count}.zip",
                      zip_bytes([(f"d/{i}.txt", b"x") for i in range(count)], method=zipfile.ZIP_STORED))
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = comp.compress(docx) + comp.flush()
    for method, label in ((99, "aes"), (6, "implode"), (98, "ppmd"), (93, "zstd"), (77, "bogus")):
        yield Hostile(f"zip-method-{label}", f"{label}.zip",
                      raw_zip([(b"form.docx", body, zlib.crc32(docx), len(docx), len(body))], method=method))
    yield Hostile("zip-encrypted-zipcrypto", "secret.zip",
                  raw_zip([(b"form.docx", body, zlib.crc32(docx), len(docx), len(body))], flags=1))
    good = zip_bytes([("申报书.docx", docx), ("附件.txt", b"hello")])
    for frac in (0.1, 0.5, 0.9, 0.99):
        yield Hostile(f"zip-truncated-{frac}", f"cut{frac}.zip", good[:int(len(good) * frac)])
    yield Hostile("zip-bad-crc", "crc.zip", good.replace(zlib.crc32(docx).to_bytes(4, "little"), b"\0\0\0\0"))
    yield Hostile("zip-cd-lies-count", "count.zip", good[:-22] + struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, 65535, 65535, 0xFFFFFFF0, 0, 0))
    yield Hostile("zip-only-eocd", "empty.zip", struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0, 0, 0, 0, 0))
    yield Hostile("zip-garbage-after-magic", "junk.zip", b"PK\x03\x04" + bytes(range(256)) * 64)
    yield Hostile("7z-ratio", "bomb.7z", sevenzip_bytes([("zeros.docx", b"\0" * (60 * MB))]))
    yield Hostile("7z-encrypted", "secret.7z", sevenzip_bytes([("form.docx", docx)], password="x"))
    yield Hostile("7z-truncated", "cut.7z", sevenzip_bytes([("form.docx", docx)])[:200])
    yield Hostile("rar-garbage", "junk.rar", b"Rar!\x1a\x07\x00" + b"\xff" * 5000)
    yield Hostile("rar5-garbage", "junk5.rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 5000)


# --------------------------------------------------------------------------- office

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def billion_laughs(root_xml: str, levels: int = 10) -> str:
    ents = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    ents += [f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels)]
    return (f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(ents)}]>'
            + root_xml.replace("LOL", f"&lol{levels - 1};"))


def quadratic_blowup(root_xml: str, size: int = 200_000, refs: int = 20_000) -> str:
    return (f'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "{"a" * size}">]>'
            + root_xml.replace("LOL", "&a;" * refs))


def external_entity(root_xml: str, url: str) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "{url}">]>' + root_xml.replace("LOL", "&xxe;")


def parameter_entity(root_xml: str, url: str) -> str:
    return (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % remote SYSTEM "{url}"> %remote;]>'
            + root_xml.replace("LOL", "x"))


def dtd_external(root_xml: str, url: str) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "{url}">' + root_xml.replace("LOL", "x")


def xinclude(root_xml: str, url: str) -> str:
    inc = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url}" parse="text"/>'
    return '<?xml version="1.0"?>' + root_xml.replace("LOL", "x").replace("<w:body>", "<w:body>" + inc)


DOC_XML = (f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>LOL</w:t></w:r></w:p>'
           '<w:sectPr/></w:body></w:document>')
XML_ATTACKS = {"billion-laughs": lambda url: billion_laughs(DOC_XML),
               "quadratic": lambda url: quadratic_blowup(DOC_XML),
               "xxe": lambda url: external_entity(DOC_XML, url),
               "xxe-param": lambda url: parameter_entity(DOC_XML, url),
               "xxe-dtd": lambda url: dtd_external(DOC_XML, url),
               "xinclude": lambda url: xinclude(DOC_XML, url)}
OOXML_PARTS = ("word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels", "word/styles.xml",
               "word/numbering.xml", "docProps/core.xml")


@functools.lru_cache(maxsize=4)
def office_corpus(urls: tuple[str, str]) -> tuple[Hostile, ...]:
    """`urls` = (an http URL that must never be fetched, a file:// URL of a secret marker file)."""
    return tuple(_office_corpus(urls))


def _office_corpus(urls: tuple[str, str]) -> Iterator[Hostile]:
    base = docx_with_body(para(run("申报书")))
    for attack, make in XML_ATTACKS.items():
        for part in OOXML_PARTS:
            for url in urls:
                if attack in ("billion-laughs", "quadratic") and url == urls[1]:
                    continue
                xml = make(url)
                if part != "word/document.xml":
                    xml = xml.replace(DOC_XML.split(">", 1)[0], "<Types")  # any root: the DTD is what matters
                yield Hostile(f"docx-{attack}-{part.replace('/', '_')}-{'http' if url == urls[0] else 'file'}",
                              f"{attack}.docx", replace_part(base, part, xml.encode("utf-8")))
    xlsx_root = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x>LOL</x></worksheet>'
    for attack in ("billion-laughs", "xxe"):
        xml = billion_laughs(xlsx_root) if attack == "billion-laughs" else external_entity(xlsx_root, urls[0])
        sheet = zip_bytes([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"),
                           ("xl/worksheets/sheet1.xml", xml)])
        yield Hostile(f"xlsx-{attack}", f"{attack}.xlsx", sheet)
    vba = zip_bytes([("[Content_Types].xml",
                      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
                     ("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>宏'
                                           '</w:t></w:r></w:p></w:body></w:document>'),
                     ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"Sub AutoOpen()" * 50)])
    yield Hostile("docm-macro", "申报书.docm", vba)
    yield Hostile("docm-renamed-docx", "申报书.docx", vba)
    yield Hostile("docx-really-ole", "申报书.docx", doc_bytes())
    yield Hostile("docx-encrypted", "加密.docx", encrypted_docx(base))
    for frac in (0.05, 0.3, 0.6, 0.95):
        yield Hostile(f"docx-truncated-{frac}", "cut.docx", base[:int(len(base) * frac)])
    yield Hostile("docx-broken-rels", "rels.docx", with_broken_relationship(base))
    yield Hostile("docx-missing-document", "nodoc.docx", replace_part(base, "word/document.xml", None))
    deep = f'<w:document xmlns:w="{W_NS}"><w:body>' + "<w:tbl><w:tr><w:tc>" * 3000 + "</w:tc></w:tr></w:tbl>" * 3000
    yield Hostile("docx-deep-nesting", "deep.docx", replace_part(base, "word/document.xml",
                                                                  (deep + "</w:body></w:document>").encode()))
    wide = f'<w:document xmlns:w="{W_NS}"><w:body><w:tbl>' + (
        "<w:tr>" + "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * 60 + "</w:tr>") * 6000
    yield Hostile("docx-huge-table", "wide.docx", replace_part(base, "word/document.xml",
                                                                (wide + "</w:tbl></w:body></w:document>").encode()))
    comp, crc = zeros_deflated(500 * MB)
    comp, crc = zeros_deflated(500 * MB)
    yield Hostile("docx-document-xml-bomb", "zipbomb.docx", _docx_with_member(b"word/document.xml", comp, crc, 500 * MB))
    yield Hostile("docx-document-xml-lying-size", "liar.docx", _docx_with_member(b"word/document.xml", comp, crc, 1000))
    yield Hostile("docx-not-xml", "bin.docx", replace_part(base, "word/document.xml", bytes(range(256)) * 100))
    yield Hostile("docx-utf16-lies", "u16.docx", replace_part(
        base, "word/document.xml", ('<?xml version="1.0" encoding="utf-16"?>' + DOC_XML).encode("utf-8")))


def _docx_with_member(name: bytes, comp: bytes, crc: int, usize: int) -> bytes:
    ct = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    local = io.BytesIO()
    central = io.BytesIO()
    for entry, body, c, size, method in ((b"[Content_Types].xml", ct, zlib.crc32(ct), len(ct), 0),
                                         (name, comp, crc, usize, 8)):
        offset = local.tell()
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, c, len(body), size,
                                len(entry), 0) + entry + body)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, method, 0, 0x21, c, len(body),
                                  size, len(entry), 0, 0, 0, 0, 0, offset) + entry)
    cd = central.getvalue()
    return local.getvalue() + cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 2, 2, len(cd), local.tell(), 0)


# --------------------------------------------------------------------------- pdf

def raw_pdf(objects: list[bytes], root: int = 1, *, xref: bool = True) -> bytes:
    """A PDF from numbered object bodies (object n is objects[n-1]) with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    start = out.tell()
    if xref:
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
        for off in offsets:
            out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, start))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def many_pages_pdf(pages: int) -> bytes:
    """`pages` page references to one shared page object (the file stays small)."""
    kids = b" ".join(b"3 0 R" for _ in range(pages))
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
                    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                    _stream(b"BT /F1 12 Tf 72 720 Td (hello) Tj ET")])


def page_pdf(content: bytes, *, mediabox: bytes = b"[0 0 612 792]", extra_objects: list[bytes] | None = None,
             resources: bytes = b"", filter_flate: bool = False) -> bytes:
    body = zlib.compress(content, 6) if filter_flate else content
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox + b" /Contents 4 0 R "
                    + resources + b" >>",
                    _stream(body, b"/Filter /FlateDecode" if filter_flate else b""),
                    *(extra_objects or [])])


def heavy_vector_content(segments: int) -> bytes:
    lines = [b"0.1 w"]
    for i in range(segments):
        lines.append(b"%d %d m %d %d l S" % (i % 600, (i * 7) % 780, (i * 13) % 600, (i * 3) % 780))
    return b"\n".join(lines)


def ruled_form_content(cells: int) -> bytes:
    """Thousands of ruled rectangles with form labels: the page pdfplumber's table finder works hardest on."""
    out = [b"BT /F1 10 Tf 50 770 Td (Xiangmu mingcheng) Tj ET", b"0.5 w"]
    for i in range(cells):
        x, y = 20 + (i % 70) * 8, 20 + (i // 70) * 8 % 740
        out.append(b"%d %d 8 8 re S" % (x, y))
    return b"\n".join(out)


@functools.lru_cache(maxsize=1)
def pdf_corpus() -> tuple[Hostile, ...]:
    return tuple(_pdf_corpus())


def spaces_flated(size: int) -> bytes:
    """zlib stream of `size` spaces, compressed piecewise (the spaces never sit in memory)."""
    comp = zlib.compressobj(9)
    chunk = b" " * MB
    return b"".join(comp.compress(chunk) for _ in range(size // MB)) + comp.flush()


def _pdf_corpus() -> Iterator[Hostile]:
    good = pdf_from([text_page(["项目名称：测试项目", "申报单位：某某学会"])])
    for frac in (0.1, 0.3, 0.5, 0.7, 0.9, 0.99):
        yield Hostile(f"pdf-truncated-{frac}", "cut.pdf", good[:int(len(good) * frac)])
    yield Hostile("pdf-user-password", "locked.pdf", encrypt(good, user_password="secret", owner_password="owner"))
    yield Hostile("pdf-owner-password-only", "owner.pdf", encrypt(good, user_password="", owner_password="owner"))
    yield Hostile("pdf-cyclic-pages", "cycle.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                                                            b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>"]))
    yield Hostile("pdf-cyclic-outline", "outline.pdf", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>", _stream(b""),
        b"<< /First 6 0 R /Last 6 0 R >>", b"<< /Title (a) /Parent 5 0 R /Next 6 0 R /Prev 6 0 R /First 6 0 R >>"]))
    yield Hostile("pdf-self-referencing-length", "len.pdf", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length 4 0 R >>\nstream\nBT ET\nendstream"]))
    for pages in (1000, 100_000):
        yield Hostile(f"pdf-pages-{pages}", f"pages{pages}.pdf", many_pages_pdf(pages))
    for box in (b"[0 0 14400 14400]", b"[0 0 1e9 1e9]", b"[0 0 -5 0]", b"[0 0 0 0]", b"[nan nan 1 1]"):
        yield Hostile(f"pdf-mediabox-{box.decode()}", "box.pdf", page_pdf(b"BT /F1 12 Tf 72 720 Td (x) Tj ET",
                                                                          mediabox=box))
    for segments in (100_000, 600_000):
        yield Hostile(f"pdf-vector-{segments}", "art.pdf", page_pdf(heavy_vector_content(segments),
                                                                    filter_flate=True))
    yield Hostile("pdf-ruled-layout", "layout.pdf", page_pdf(ruled_form_content(6000)))
    yield Hostile("pdf-flate-bomb", "flate.pdf", raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        _stream(spaces_flated(400 * MB), b"/Filter /FlateDecode")]))
    yield Hostile("pdf-no-xref", "noxref.pdf", page_pdf(b"BT ET")[:200] + b"trailer<</Root 1 0 R>>%%EOF")
    yield Hostile("pdf-header-only", "hdr.pdf", b"%PDF-1.7\n")
    yield Hostile("pdf-huge-image-decl", "img.pdf", page_pdf(
        b"q 612 0 0 792 0 0 cm /Im1 Do Q", resources=b"/Resources << /XObject << /Im1 5 0 R >> >>",
        extra_objects=[_stream(zlib.compress(b"\0" * 1000), b"/Type /XObject /Subtype /Image /Width 100000 "
                                                            b"/Height 100000 /ColorSpace /DeviceRGB "
                                                            b"/BitsPerComponent 8 /Filter /FlateDecode")]))
    yield Hostile("pdf-deep-arrays", "deep.pdf", page_pdf(b"BT ET", resources=b"/Foo " + b"[" * 50_000 + b"]" * 50_000))


# --------------------------------------------------------------------------- mail

HOSTILE_NAMES = ("../../x.docx", "C:\\Windows\\x.docx", "CON.docx", "aux.docx", "..", "=1+1.docx", "/etc/passwd",
                 "x" * 300 + ".docx", "a:b*c?.docx", "\\\\srv\\share\\y.docx", "LPT1", " .docx. ",
                 "con.tar.gz", "NUL.", "COM1.pdf", "-2+3.pdf", "@SUM(A1).docx", "申报书\u202egpj.docx")

def mail_corpus() -> Iterator[Hostile]:
    """Whole messages (name = '' means: deliver as-is, not as an attachment)."""
    small = docx_with_body(para(run("附件")))
    yield Hostile("mail-1mb-subject", "", mail(subject=b"A" * MB, parts=[text_part("x")]))
    yield Hostile("mail-1mb-folded-encoded-words", "",
                  mail(subject=b"\r\n ".join([b"=?gbk?B?1tDOxA==?="] * 40_000), parts=[text_part("x")]))
    yield Hostile("mail-10k-headers", "", mail(headers=[b"X-H%d: v" % i for i in range(10_000)]))
    yield Hostile("mail-long-filename-param", "", mail(parts=[text_part("x"), attachment(small, "a" * 200_000 + ".docx")]))
    yield Hostile("mail-3000-parts", "", mail(parts=[attachment(b"x%d" % i, f"{i}.txt") for i in range(3000)]))
    yield Hostile("mail-300-docx-parts", "", mail(parts=[attachment(small, f"{i}.docx") for i in range(300)]))
    nested = text_part("最里层")
    for _ in range(400):
        nested = multipart("mixed", [nested])
    yield Hostile("mail-400-deep-multipart", "", mail(parts=[nested]))
    fwd = mail(parts=[attachment(small, "内层.docx")])
    for _ in range(60):
        fwd = mail(parts=[text_part("转发"), b"Content-Type: message/rfc822\r\n\r\n" + fwd])
    yield Hostile("mail-60-deep-forwards", "", fwd)
    yield Hostile("mail-bad-base64", "", mail(parts=[text_part("x"), entity(
        "application/pdf", b"", cte="", disposition=b'attachment; filename="a.pdf"',
        headers=[b"Content-Transfer-Encoding: base64"]) + b"!!!!not*base64%%%\r\n====\r\nQUJD\r\n"]))
    yield Hostile("mail-bad-qp", "", mail(parts=[entity("text/plain", b"", cte="",
                                                        headers=[b"Content-Transfer-Encoding: quoted-printable"])
                                                 + b"=ZZ=\r\n=E4=B8=\r\n" * 1000]))
    yield Hostile("mail-undeclared-charset-gbk", "", mail(subject="申报".encode("gbk"),
                                                          body=b"Content-Type: text/plain\r\n\r\n" + "你好".encode("gbk")))
    yield Hostile("mail-unknown-charset", "", mail(parts=[entity("text/plain", b"\xff\xfe abc", params=b"charset=x-klingon",
                                                                 cte="8bit")]))
    yield Hostile("mail-nul-bytes", "", mail(subject=b"a\0b\0c", sender=b"\0<x@y.z>", parts=[text_part("a\0b"),
                                                                                              attachment(small, "n\0ul.docx")]))
    yield Hostile("mail-lone-surrogates", "", mail(subject=b"\xed\xa0\x80\xed\xbf\xbf",
                                                  sender=b"=?utf-8?B?7aCA?= <a@b.c>",
                                                  parts=[text_part("x"), entity(
                                                      "application/octet-stream", small,
                                                      disposition=b"attachment; filename=\"\xed\xb2\x80.docx\"")]))
    yield Hostile("mail-boundary-never-closed", "", b"From: a@b.c\r\nContent-Type: multipart/mixed; boundary=zz\r\n"
                  b"\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhi\r\n--zz\r\nContent-Type: application/pdf\r\n\r\n%PDF")
    yield Hostile("mail-boundary-missing", "", b"From: a@b.c\r\nContent-Type: multipart/mixed\r\n\r\n--zz\r\n\r\nhi")
    yield Hostile("mail-empty", "", b"")
    yield Hostile("mail-binary-junk", "", bytes(range(256)) * 4000)
    yield Hostile("mail-headers-only", "", b"From: a@b.c\r\nSubject: x")
    yield Hostile("mail-formula-subject", "", mail(subject="=HYPERLINK(\"http://evil.example/\",\"点击\")",
                                                   sender='"=cmd|\' /C calc\'!A0" <x@y.z>', parts=[text_part("+1+1")]))
    # Distinct bytes per name: the register copies each file (by hash) once, under its first name.
    yield Hostile("mail-hostile-names", "", mail(parts=[text_part("x"), *(
        attachment(docx_with_body(para(run(name))), name) for name in HOSTILE_NAMES)]))
    yield Hostile("mail-rfc2231-garbage", "", mail(parts=[text_part("x"), entity(
        "application/octet-stream", small, disposition=b"attachment; filename*0*=zz''%ZZ%; filename*1=\"\"; "
                                                       b"filename*99999999999=x")]))


def attachment_mail(item: Hostile, index: int) -> bytes:
    """One message carrying `item` as its attachment, named by the attacker."""
    return mail(subject=f"项目申报 {index} {item.label}", message_id=f"<hostile.{index}@example.com>",
                parts=[text_part("请查收申报材料。"), attachment(item.data, item.name)])

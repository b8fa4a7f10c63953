"""OFD (版式文档, GB/T 33190-2016): the fixed-layout format WPS (输出为OFD), 数科 and 福昕 export to
and many Chinese offices file in. An OFD is a zip: OFD.xml names the document (DocRoot), whose
Document.xml lists the pages (BaseLoc); each page's Content.xml holds TextObjects placed in
millimetres — Boundary="x y w h" and a font Size — with TextCode runs at X/Y offsets inside it.

Read as a PDF's text layer is read without ruling lines: each page's text objects (each half of
a landscape sheet printed two pages to a side, left first) are put into lines by their baselines, a line is cut into cells at wide gaps (a label and its value, a grid's
columns), and every cell carries its page and its box as fractions of the page. Pages drawn only
as pictures (a scan saved as OFD) give no text, and that is said in a note.

Hostile input is bounded like the other readers': member sizes, page and object counts, and an
XML parser that resolves no entities and fetches nothing."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.text_cleanup import is_han
from shenbao.record import Cell, DocText, Row

MAX_BYTES = 60 * 1024 * 1024  # an exported form is tens of KB; one with its pictures, a few MB
MAX_MEMBER_BYTES = 16 * 1024 * 1024
MAX_PAGES = 60
MAX_OBJECTS = 40_000  # text objects over all pages
MAX_PARSED_BYTES = 64 * 1024 * 1024  # all the XML parsed for one file, pages read more than once included
MAX_ADVANCES = 4096  # one TextCode's DeltaX written out
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
_A4 = (210.0, 297.0)
# Two objects of one line further apart than this many font sizes stand in different cells.
_CELL_GAP = 0.5


@dataclass(frozen=True)
class _Text:
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    text: str


def ofd_to_doctext(data: bytes, name: str, sha256: str) -> DocText:
    """The text lines of an OFD file (see the module docstring). Raises UnreadableFile with a
    Chinese reason for a file that is no readable OFD."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"OFD文件过大（超过{MAX_BYTES // (1024 * 1024)}MB），未读取")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = {n.lstrip("/").lower(): n for n in package.namelist()}
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile("OFD文件已损坏（不是完整的压缩包），无法读取") from exc
    try:
        return _read(package, members, name, sha256)
    except (RuntimeError, NotImplementedError) as exc:  # a member locked, or packed by a method zipfile lacks
        raise UnreadableFile("OFD文件的部件已加密或压缩方式不受支持，无法读取") from exc


def _read(package: zipfile.ZipFile, members: dict[str, str], name: str, sha256: str) -> DocText:
    parsed: dict[str, etree._Element] = {}
    budget = [MAX_PARSED_BYTES]

    def xml(path: str) -> etree._Element:
        key = path.lower()
        if key not in parsed:
            parsed[key] = _xml(package, members, path, budget)
        return parsed[key]

    with package:
        root = xml("OFD.xml")
        doc_root = _first_text(root, "DocRoot")
        if not doc_root:
            raise UnreadableFile("OFD文件缺少文档入口（DocRoot），无法读取")
        doc_path = doc_root.lstrip("/")
        document = xml(doc_path)
        default_box = _box_of(document, _A4)
        rows: list[Row] = []
        pictured = 0
        objects = 0
        pages = [p for p in document.iter() if _local(p) == "Page" and p.get("BaseLoc")][:MAX_PAGES]
        for number, page in enumerate(pages, 1):
            loc = page.get("BaseLoc", "")
            path = loc.lstrip("/") if loc.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(doc_path), loc))
            content = xml(path)
            width, height = _box_of(content, default_box)
            texts = list(_texts(content))
            objects += len(texts)
            if objects > MAX_OBJECTS:
                raise UnreadableFile("OFD文件内容异常（文字对象过多），未读取")
            if not texts and any(_local(e) == "ImageObject" for e in content.iter()):
                pictured += 1
            for half in _halves(texts, width, height):
                rows += _lines(half, number, width, height, first=sum(1 for r in rows if r.cells[0].page == number) + 1)
    notes = (f"OFD文件中有{pictured}页只是图片（扫描件），未能读取其中的文字",) if pictured else ()
    return DocText(file=name, sha256=sha256, kind="ofd", rows=tuple(rows), pages=len(pages), notes=notes)


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _xml(package: zipfile.ZipFile, members: dict[str, str], path: str, budget: list[int]) -> etree._Element:
    name = members.get(path.lower())
    if name is None:
        raise UnreadableFile(f"OFD文件缺少“{path}”，无法读取")
    size = package.getinfo(name).file_size
    if size > MAX_MEMBER_BYTES:
        raise UnreadableFile("OFD文件内容异常（单个部件过大），未读取")
    budget[0] -= size
    if budget[0] < 0:
        raise UnreadableFile("OFD文件内容异常（内容总量过大），未读取")
    try:
        return etree.fromstring(package.read(name), _PARSER)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile(f"OFD文件的“{path}”已损坏，无法读取") from exc


def _first_text(root: etree._Element, local: str) -> str:
    return next(((e.text or "").strip() for e in root.iter() if _local(e) == local), "")


def _numbers(text: str | None) -> list[float]:
    out = []
    for token in (text or "").split():
        try:
            out.append(float(token))
        except ValueError:
            continue  # "g 3 2.47" (DeltaX's repeat notation) is expanded in _advances
    return out


def _box_of(root: etree._Element, default: tuple[float, float]) -> tuple[float, float]:
    """A page's (or the document's) PhysicalBox width and height in millimetres."""
    box = _numbers(_first_text(root, "PhysicalBox"))
    return (box[2], box[3]) if len(box) == 4 and box[2] > 0 and box[3] > 0 else default


_DELTA_TOKEN_RE = re.compile(r"g\s+(\d{1,6})\s+([-\d.]+)|[-\d.]+")


def _advances(delta: str | None) -> list[float]:
    """DeltaX's advances, its "g N d" (N times d) written out; at most MAX_ADVANCES of them."""
    out: list[float] = []
    for m in _DELTA_TOKEN_RE.finditer((delta or "")[:65536]):
        times, value = (int(m.group(1)), m.group(2)) if m.group(1) else (1, m.group(0))
        try:
            number = float(value)
        except ValueError:
            continue
        out.extend([number] * min(times, MAX_ADVANCES - len(out)))
        if len(out) >= MAX_ADVANCES:
            break
    return out


def _texts(content: etree._Element) -> list[_Text]:
    """Each TextCode run of a page, placed on the page."""
    out: list[_Text] = []
    for obj in content.iter():
        if _local(obj) != "TextObject":
            continue
        box = _numbers(obj.get("Boundary"))
        if len(box) != 4:
            continue
        bx, by, bw, bh = box
        size = (_numbers(obj.get("Size")) or [bh or 3.5])[0] or 3.5
        for code in obj:
            if _local(code) != "TextCode" or not (code.text or "").strip():
                continue
            x = (_numbers(code.get("X")) or [0.0])[0]
            y = (_numbers(code.get("Y")) or [size])[0]
            steps = _advances(code.get("DeltaX"))
            # Without DeltaX a run of several characters still spans them all.
            advance = sum(steps) + size * 0.9 if steps else len(code.text or "") * size
            x0 = bx + x
            x1 = min(bx + bw, x0 + advance) if bw > 0 else x0 + advance
            out.append(_Text(x0=x0, x1=max(x1, x0), top=by + y - size, bottom=by + y + size * 0.2,
                             baseline=by + y, size=size, text=code.text or ""))
    return out


def _halves(texts: list[_Text], width: float, height: float) -> list[list[_Text]]:
    """A landscape page printed two pages to a sheet (2合1, 拼页): the left page's texts, then
    the right's, when no text crosses the sheet's middle and each side holds some; else the
    page's texts as they are."""
    mid = width / 2
    if width <= height * 1.2 or any(t.x0 < mid - 2 and t.x1 > mid + 2 for t in texts):
        return [texts]
    left = [t for t in texts if (t.x0 + t.x1) / 2 < mid]
    right = [t for t in texts if (t.x0 + t.x1) / 2 >= mid]
    if len(left) < 3 or len(right) < 3:
        return [texts]
    # Two pages each fill their half: the left one's lines run past half of its width
    # and the right one's start as near it. A single page with its values far right (labels at
    # 20 mm, values at 160 mm) has an empty middle too, but its left column stops short.
    if max(t.x1 for t in left) < mid * 0.5 or min(t.x0 for t in right) > mid * 1.25:
        return [texts]
    return [left, right]


def _stacked(texts: list[_Text]) -> set[int]:
    """Indices of the characters written one under another (a group's label down a narrow
    column: 项/目/概/况 beside 项目名称, 项目类别): single characters at one x whose baselines
    follow at less than two font sizes. Such a character is a cell of its own even where it
    stands closer to the next label than a cell gap (项 + 项目名称 would read 项项目名称)."""
    singles = sorted((k for k, t in enumerate(texts) if len(t.text.strip()) == 1 and is_han(t.text.strip())),
                     key=lambda k: (round(texts[k].x0), texts[k].baseline))
    out: set[int] = set()
    for a, b in zip(singles, singles[1:]):
        ta, tb = texts[a], texts[b]
        if abs(ta.x0 - tb.x0) <= ta.size * 0.2 and 0 < tb.baseline - ta.baseline <= 2 * max(ta.size, tb.size):
            out.update((a, b))
    return out


def _lines(texts: list[_Text], page: int, width: float, height: float, first: int = 1) -> list[Row]:
    """The page's texts as line rows: grouped by baseline, ordered left to right, cut into
    cells where the gap between two texts is wide, and around a character of vertical text."""
    stacked = {id(texts[k]) for k in _stacked(texts)}
    lines: list[list[_Text]] = []
    for t in sorted(texts, key=lambda t: (t.baseline, t.x0)):
        if lines and abs(lines[-1][0].baseline - t.baseline) <= max(lines[-1][0].size, t.size) * 0.4:
            lines[-1].append(t)
        else:
            lines.append([t])
    rows: list[Row] = []
    for n, line in enumerate(lines, first):
        cells: list[list[_Text]] = []
        for t in sorted(line, key=lambda t: t.x0):
            alone = id(t) in stacked or (cells and id(cells[-1][-1]) in stacked)
            if cells and not alone and t.x0 - cells[-1][-1].x1 <= max(t.size, cells[-1][-1].size) * _CELL_GAP:
                cells[-1].append(t)
            else:
                cells.append([t])
        row_cells = tuple(
            Cell(text=_joined(group), where=f"第{page}页 第{n}行", page=page,
                 box=(round(min(t.x0 for t in group) / width, 4), round(min(t.top for t in group) / height, 4),
                      round(max(t.x1 for t in group) / width, 4), round(max(t.bottom for t in group) / height, 4)))
            for group in cells)
        rows.append(Row(cells=row_cells, source="line"))
    return rows


def _joined(group: list[_Text]) -> str:
    """The texts of one cell: run together, a space kept between two Latin words or numbers
    that stand apart."""
    out = group[0].text
    for prev, t in zip(group, group[1:]):
        apart = t.x0 - prev.x1 > t.size * 0.25
        latin = re.search(r"[A-Za-z0-9]$", out) and re.match(r"[A-Za-z0-9]", t.text)
        out += (" " if apart and latin else "") + t.text
    return out

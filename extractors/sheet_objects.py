"""An Excel worksheet embedded in a Word document (插入 → 对象 → Microsoft Excel 工作表, or a
range pasted with 选择性粘贴 → Microsoft Excel 工作表 对象): Word shows only a picture of it
(w:object: a VML preview and an o:OLEObject pointing at word/embeddings/….xlsx). The form's
basic part typed into such a sheet is nowhere in the document's text; its cells are in the
embedded workbook, read here into rows of cell text.

The workbook is read as XML with the same guarded parser as the document (no DTD, no entity,
no huge tree) and within limits (the package's and each part's size, the rows and columns
kept): an embedded package is as untrusted as the file holding it. Only the first worksheet
is read (what the object shows), its values as saved (shared strings, inline strings,
numbers); a merged area's text is in its first cell, the others are empty."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

MAX_PACKAGE_BYTES = 2_000_000  # an embedded form's workbook is 10–40 KB
MAX_PART_BYTES = 4_000_000  # any one part, uncompressed
MAX_ROWS = 200
MAX_COLUMNS = 26

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL_REF_RE = re.compile(r"([A-Z]{1,3})(\d{1,7})$")
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def is_sheet_object(prog_id: str | None) -> bool:
    """Whether an OLE object's ProgID names an Excel worksheet (Excel.Sheet.12, Excel.Sheet.8,
    Excel.SheetMacroEnabled.12; WPS's 表格 saves the same ids)."""
    return bool(prog_id) and prog_id.startswith("Excel.Sheet")  # type: ignore[union-attr]


def sheet_rows(package: bytes) -> list[list[str]]:
    """The first worksheet's cells as rows of text (left to right, empty cells as ""), trailing
    empty cells and empty rows dropped; [] for anything that is not a readable workbook."""
    if len(package) > MAX_PACKAGE_BYTES:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            sheet = _first_sheet(zf)
            if sheet is None:
                return []
            strings = _shared_strings(zf)
            root = _part(zf, sheet)
            return _rows(root, strings) if root is not None else []
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError, RuntimeError):
        return []  # RuntimeError: an encrypted member


def _part(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        return None
    data = zf.read(info)
    if _DECLARATION.search(data):
        return None  # a DTD or an entity in a worksheet is no worksheet of ours
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                                                  load_dtd=False))


def _first_sheet(zf: zipfile.ZipFile) -> str | None:
    book = _part(zf, "xl/workbook.xml")
    rels = _part(zf, "xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return None
    first = next(book.iter(f"{{{_MAIN}}}sheet"), None)
    rid = first.get(f"{{{_REL}}}id") if first is not None else None
    for rel in rels.iter(f"{{{_PKG_REL}}}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    root = _part(zf, "xl/sharedStrings.xml")
    if root is None:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{{{_MAIN}}}t")) for si in root.iter(f"{{{_MAIN}}}si")]


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def _rows(root: etree._Element, strings: list[str]) -> list[list[str]]:
    grid: dict[int, dict[int, str]] = {}
    for row_no, row in enumerate(root.iter(f"{{{_MAIN}}}row")):
        if row_no >= MAX_ROWS:
            break
        for c in row.iter(f"{{{_MAIN}}}c"):
            m = _CELL_REF_RE.match(c.get("r", ""))
            if m is None:
                continue
            col, r = _column(m.group(1)), int(m.group(2)) - 1
            if col >= MAX_COLUMNS or r >= MAX_ROWS:
                continue
            text = _cell_text(c, strings)
            if text:
                grid.setdefault(r, {})[col] = text
    out: list[list[str]] = []
    for r in sorted(grid):
        cells = grid[r]
        out.append([cells.get(col, "") for col in range(max(cells) + 1)])
    return out


def _cell_text(c: etree._Element, strings: list[str]) -> str:
    kind = c.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in c.iter(f"{{{_MAIN}}}t")).strip()
    value = c.find(f"{{{_MAIN}}}v")
    text = (value.text or "").strip() if value is not None else ""
    if kind == "s":
        try:
            return strings[int(text)].strip()
        except (ValueError, IndexError):
            return ""
    if kind == "b":
        return ""  # TRUE/FALSE carries nothing a form's reader needs
    if kind in (None, "n") and re.fullmatch(r"-?\d+\.0+", text):
        return text.split(".")[0]  # 5.0 as Excel saves a whole number typed as 5
    return text

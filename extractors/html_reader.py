"""A form saved as a web page: Word's and WPS's 另存为 "网页" (.htm/.html) or "单个文件网页"
(.mht, the page inside a MIME multipart/related), and the pages some online systems export.
Its tables become table rows, cell by cell; the text between them paragraphs. A tick written in
a symbol font (Word writes <span style='font-family:Wingdings'>þ</span>) becomes ☑/☐ as in
a .docx, and a form's own <input type=checkbox> too.

The markup is walked once, tag by tag, like intake's body text: a tag is "<name …>" with no
"<" or ">" inside, so the walk stays linear on hostile markup (thousands of unclosed tags)."""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass, field

from shenbao.extractors.checkbox import CHOSEN, UNCHOSEN, symbol_char_to_glyph, symbol_font_name
from shenbao.extractors.errors import UnreadableFile
from shenbao.record import Cell, DocText, Row

MAX_BYTES = 20 * 1024 * 1024  # a saved form is tens of KB; Word's with pictures inlined, a few MB
_MAX_ROWS = 5000
# Possessive: the name and the attributes never give back what they took, so a long run of
# letters with no ">" fails in one pass instead of trying every split of it.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:]*+)([^<>]*+)>")
_HIDDEN = frozenset({"script", "style", "head", "title", "xml", "template"})
_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "br", "section", "center"})
_FONT_RE = re.compile(r"""(?:mso-symbol-font-family|font-family)\s*:\s*["']?([^;"']+)""", re.IGNORECASE)
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_CHECKED_RE = re.compile(r"(?<![\w-])checked(?![\w-])", re.IGNORECASE)
_TYPE_CHECKBOX_RE = re.compile(r"""type\s*=\s*["']?(?:checkbox|radio)""", re.IGNORECASE)


def html_to_doctext(data: bytes, name: str, sha256: str) -> DocText:
    """The rows of a saved web page (see the module docstring). Raises UnreadableFile for bytes
    that are no page: too large, undecodable, binary, or without a single tag or text."""
    if len(data) > MAX_BYTES:
        raise UnreadableFile(f"网页文件过大（超过{MAX_BYTES // (1024 * 1024)}MB），未读取")
    try:
        page = _page_of(data)
    except RecursionError:  # a .mht of thousands of nested parts: no page of ours
        raise UnreadableFile("网页文件结构异常（嵌套过深），无法读取") from None
    markup = _decoded(page)
    if sum(1 for ch in markup[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f") > len(markup[:65536]) // 100:
        raise UnreadableFile("文件不是网页（含大量控制字符），无法读取")
    if _TAG.search(markup) is None:
        raise UnreadableFile("文件不是网页（没有任何网页标记），无法读取")
    # A page with no text (a signature's picture, an empty reply) is a page, read as empty.
    return DocText(file=name, sha256=sha256, kind="html", rows=tuple(_Walk().run(markup)))


def _page_of(data: bytes) -> bytes:
    """The HTML of a .mht (its first text/html part, decoded from its transfer encoding and
    re-declared in its charset), or `data` itself."""
    head = data[:2048].lstrip()
    if not (head[:13].lower() == b"mime-version:" or b"multipart/related" in head.lower()):
        return data
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                return (f'<meta charset="{charset}">'.encode("ascii") if charset else b"") + payload
    return data


def _decoded(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    declared = _CHARSET_RE.search(data[:4096])
    names = [declared.group(1).decode("ascii").lower()] if declared else []
    # GB2312 and GBK pages hold characters only GB18030 names (Word writes gb2312 for all).
    names = ["gb18030" if n in ("gb2312", "gbk", "x-gbk", "cp936") else n for n in names]
    for encoding in (*names, "utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeError):  # UnicodeError: a codec that cannot decode at all
            continue
    return data.decode("gb18030", "replace")


@dataclass
class _Table:
    number: int
    row: int = 0
    cells: list[str] | None = None  # the open row's cells
    cell: list[str] | None = None  # the open cell's text


@dataclass
class _Walk:
    rows: list[Row] = field(default_factory=list)
    tables: list[_Table] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    fonts: list[str | None] = field(default_factory=list)  # per open span, the symbol font in force
    hidden: str | None = None
    table_count: int = 0
    paragraphs: int = 0

    def run(self, markup: str) -> list[Row]:
        pos = 0
        while pos < len(markup) and len(self.rows) < _MAX_ROWS:
            lt = markup.find("<", pos)
            if lt < 0:
                self.text(markup[pos:])
                break
            self.text(markup[pos:lt])
            if markup.startswith("<!--", lt):
                end = markup.find("-->", lt + 4)
                pos = len(markup) if end < 0 else end + 3  # Word's conditional comments hide its XML
                continue
            m = _TAG.match(markup, lt)
            if m is None:
                nested = markup.find("<", lt + 1)
                end = len(markup) if nested < 0 else nested
                close = markup.find(">", lt + 1, end) if markup.startswith("<!", lt) else -1
                if close >= 0:
                    pos = close + 1  # <!DOCTYPE …>, <![endif]>
                else:
                    self.text("<")  # a stray "<": text, up to the next "<" (each looked at once)
                    pos = lt + 1
                continue
            pos = m.end()
            self.tag(m.group(1) == "/", m.group(2).lower(), m.group(3))
        while self.tables:
            self.close_table()
        self.flush()
        return self.rows[:_MAX_ROWS]

    def text(self, raw: str) -> None:
        if not raw or self.hidden is not None:
            return
        text = html.unescape(raw).replace("\xa0", " ")
        font = self.fonts[-1] if self.fonts else None
        if font is not None:
            text = "".join(symbol_char_to_glyph(font, ord(ch)) or ch for ch in text)
        target = self.target()
        target.append(text)

    def target(self) -> list[str]:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            return table.cell
        return self.paragraph

    def tag(self, closing: bool, name: str, attrs: str) -> None:
        if self.hidden is not None:
            # HTML lets </head> go unwritten: the body opens the page all the same.
            if (closing and name == self.hidden) or (self.hidden == "head" and name == "body" and not closing):
                self.hidden = None
            return
        if name in _HIDDEN and not closing and not attrs.rstrip().endswith("/"):
            self.hidden = name
            return
        if name == "span":
            if closing:
                if self.fonts:
                    self.fonts.pop()
            else:
                m = _FONT_RE.search(html.unescape(attrs))
                inherited = self.fonts[-1] if self.fonts else None
                self.fonts.append(symbol_font_name(m.group(1)) if m else inherited)
            return
        if name == "input" and _TYPE_CHECKBOX_RE.search(attrs):
            self.target().append(CHOSEN if _CHECKED_RE.search(attrs) else UNCHOSEN)
            return
        if name == "table":
            if closing:
                if self.tables:
                    self.close_table()
            else:
                if not self.tables:
                    self.flush()
                self.table_count += 1
                self.tables.append(_Table(self.table_count))
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and name == "tr":
            self.close_row(table)
            if not closing:
                table.cells = []
            return
        if table is not None and name in ("td", "th"):
            self.close_cell(table)
            if not closing:
                if table.cells is None:
                    table.cells = []
                table.cell = []
            return
        if name in _BLOCKS:
            target = self.target()
            if target is self.paragraph:
                self.flush()
            elif target and not target[-1].endswith("\n"):
                target.append("\n")

    def close_cell(self, table: _Table) -> None:
        if table.cell is not None:
            if table.cells is None:
                table.cells = []
            table.cells.append(_clean("".join(table.cell)))
            table.cell = None

    def close_row(self, table: _Table) -> None:
        self.close_cell(table)
        if table.cells is not None:
            table.row += 1
            if any(table.cells):
                self.rows.append(Row(cells=tuple(
                    Cell(text=text, where=f"表{table.number} 第{table.row}行第{k}列")
                    for k, text in enumerate(table.cells, start=1)), source="table"))
            table.cells = None

    def close_table(self) -> None:
        table = self.tables.pop()
        self.close_row(table)

    def flush(self) -> None:
        text = _clean("".join(self.paragraph))
        self.paragraph = []
        for line in text.split("\n"):
            if line.strip():
                self.paragraphs += 1
                self.rows.append(Row(cells=(Cell(text=line.strip(), where=f"第{self.paragraphs}段"),),
                                     source="paragraph"))


def _clean(text: str) -> str:
    """Runs of spaces made one (markup indents its source), lines trimmed, empty lines dropped."""
    lines = (re.sub(r"[ \t\r\f]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)

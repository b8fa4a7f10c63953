"""A table typed as Markdown text: rows of a form pasted from a chat assistant's answer or a
Markdown editor (| 项目名称 | 某论坛 |, a |---|---| rule under the head, <br> for a line break
inside a cell), as a Word file's paragraphs, a PDF's or an OFD's text lines. Each such line
becomes a table row of its cells, so the labels and values are read as in any table."""

from __future__ import annotations

import re

from shenbao.record import Cell, Row

# A Markdown row's line: it opens with a bar and holds at least one more.
_ROW_START_RE = re.compile(r"\s*[|｜]")
# The rule under the head row: |---|:---:| (dashes, colons, spaces, bars only).
_RULE_RE = re.compile(r"\s*[|｜]?(?:\s*:?-{3,}:?\s*[|｜])+\s*:?-{0,}:?\s*")
_BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BAR_RE = re.compile(r"[|｜]")
# A row wrapped over this many lines at most (a long option list in one cell).
_MAX_WRAPPED_LINES = 6
# Rows that make a Markdown table: fewer is a line with bars in it, no table.
_MIN_ROWS = 2
_TEXT_SOURCES = ("line", "paragraph", "ocr")


def _text(row: Row) -> str:
    return " ".join(c.text for c in row.cells)


def _row_end(rows: list[Row], i: int) -> int:
    """Index after the last line of the Markdown row that opens at `i`: a row not closed by a
    bar goes on over the lines below (a reader wrapped it), up to the next line opening with one."""
    j = i + 1
    text = _text(rows[i]).rstrip()
    while (not text.endswith(("|", "｜")) and j < len(rows) and j - i < _MAX_WRAPPED_LINES
           and rows[j].source in _TEXT_SOURCES and not _ROW_START_RE.match(_text(rows[j]))):
        text += _text(rows[j]).rstrip()
        j += 1
    return j if text.endswith(("|", "｜")) else i + 1


def _table_row(lines: list[Row]) -> Row | None:
    """The Markdown row over `lines` as a table row (None for the rule under the head)."""
    text = "".join(_text(r).strip() for r in lines)
    if _RULE_RE.fullmatch(text):
        return None
    inner = text.strip()[1:]
    if inner.endswith(("|", "｜")):
        inner = inner[:-1]
    first = lines[0].cells[0]
    cells = tuple(Cell(text=_BREAK_RE.sub("\n", part).strip(), where=first.where, page=first.page, box=first.box,
                       score=min((c.score for r in lines for c in r.cells if c.score is not None), default=None))
                  for part in _BAR_RE.split(inner))
    return Row(cells=cells, source="table")


def markdown_tables(rows: list[Row]) -> list[Row]:
    """`rows` with each Markdown table's text lines as table rows (see the module docstring);
    a lone line with bars in it stays as it was."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if rows[i].source not in _TEXT_SOURCES or not _ROW_START_RE.match(_text(rows[i])) \
                or len(_BAR_RE.findall(_text(rows[i]))) < 2:
            out.append(rows[i])
            i += 1
            continue
        block: list[list[Row]] = []
        j = i
        while j < len(rows) and rows[j].source in _TEXT_SOURCES and _ROW_START_RE.match(_text(rows[j])):
            end = _row_end(rows, j)
            block.append(rows[j:end])
            j = end
        if len(block) < _MIN_ROWS:
            out.extend(rows[i:j])
        else:
            out.extend(r for lines in block if (r := _table_row(lines)) is not None)
        i = j
    return out

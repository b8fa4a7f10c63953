"""Plain text as a document: a .txt file, or a form copied from Word and pasted into a mail's
body (intake.classify.with_body_form). A pasted table keeps each of its rows as one line, its
cells apart by tabs; such a line becomes a table row of those cells, any other line a
paragraph. Nothing else of the layout survives a paste, so nothing else is guessed."""

from __future__ import annotations

from shenbao.extractors.errors import UnreadableFile
from shenbao.record import Cell, DocText, Row

# Encodings tried in turn: what mail clients and Windows editors write.
_ENCODINGS = ("utf-8-sig", "gb18030")
_MAX_LINES = 5000  # a form is a few hundred lines; a longer text is read this far


def text_to_doctext(data: bytes, name: str, sha256: str) -> DocText:
    """The rows of a plain-text file (see the module docstring). Raises UnreadableFile for
    bytes no encoding above decodes."""
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UnreadableFile("文本文件的编码无法识别")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(text) // 100:
        raise UnreadableFile("文件不是文本（含大量控制字符），无法读取")
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines()[:_MAX_LINES], start=1):
        if not line.strip():
            continue
        pieces = [piece.strip() for piece in line.split("\t")]
        if len([p for p in pieces if p]) > 1:
            cells = tuple(Cell(text=piece, where=f"第{number}行第{k}格") for k, piece in enumerate(pieces, start=1))
            rows.append(Row(cells=cells, source="table"))
        else:
            rows.append(Row(cells=(Cell(text=line.strip(), where=f"第{number}行"),), source="paragraph"))
    return DocText(file=name, sha256=sha256, kind="text", rows=tuple(rows))

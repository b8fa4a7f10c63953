"""Forms typed or converted into traditional characters, read as simplified.

A unit sometimes sends the template after WPS's or Word's 简转繁 (項目名稱, 聯繫電話, 申報單位),
or types its own name in traditional characters (湖南省光學學會) in a simplified form. The label
vocabulary and the guide's lists are simplified, and the register holds the simplified names
staff search for, so such text is read through OpenCC's traditional→simplified table.

Two guards keep a simplified form as it was typed:
- a character that is itself a simplified character (in GB 2312) is never replaced: OpenCC
  turns 於 into 于 and 乾 into 干, yet 於 is a surname and 乾 stands in 乾坤;
- a lone traditional-only character (李昇, 张峯: a name's own variant) is left alone; a cell is
  converted when it holds two or more, or every cell when the document holds many (its
  labels are traditional).

`simplified_doc(doc)` is pure: it returns `doc` itself when nothing is converted.
"""

from __future__ import annotations

from functools import cache

import opencc

from shenbao.record import Cell, DocText, Row

__all__ = ["simplified_doc", "to_simplified", "traditional_count"]

# A document with at least this many traditional-only characters is converted throughout:
# a template's labels after 简转繁 give dozens; a unit's name typed once gives two or three.
DOC_THRESHOLD = 8
# A cell with at least this many is converted on its own (湖南省光學學會: 學, 會, 學).
CELL_THRESHOLD = 2

NOTE = "申报书含繁体字，已按简体读取（如“{before}”读作“{after}”）"


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _is_simplified_char(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@cache
def _simplified_char(ch: str) -> str:
    """`ch` in simplified form when it is a traditional-only character, else `ch`."""
    if ch < "\u3400" or _is_simplified_char(ch):
        return ch
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def traditional_count(text: str) -> int:
    """How many characters of `text` are traditional-only (no GB 2312 character, and OpenCC
    gives a different simplified one)."""
    return sum(1 for ch in text if _simplified_char(ch) != ch)


def to_simplified(text: str) -> str:
    """`text` with its traditional-only characters simplified. OpenCC converts the whole text
    (its phrase table knows 乾隆 from 乾淨); a character that was already simplified is kept
    as typed. Lengths always match, so a cell's boxes and offsets stay valid."""
    if not traditional_count(text):
        return text
    converted = _converter().convert(text)
    if len(converted) != len(text):  # a phrase of another length: convert character by character
        return "".join(_simplified_char(ch) for ch in text)
    return "".join(ch if ch < "\u3400" or _is_simplified_char(ch) else new for ch, new in zip(text, converted))


def simplified_doc(doc: DocText) -> DocText:
    """`doc` with traditional text simplified (see the module docstring), and a note naming one
    conversion so staff know the form was not typed as the register shows it."""
    counts = [[traditional_count(c.text) for c in row.cells] for row in doc.rows]
    total = sum(sum(row) for row in counts)
    if not total:
        return doc
    whole = total >= DOC_THRESHOLD
    example: tuple[str, str] | None = None
    rows: list[Row] = []
    for row, row_counts in zip(doc.rows, counts):
        cells: list[Cell] = []
        for cell, n in zip(row.cells, row_counts):
            if n and (whole or n >= CELL_THRESHOLD):
                text = to_simplified(cell.text)
                if example is None:
                    example = (cell.text.strip()[:20], text.strip()[:20])
                cells.append(cell.model_copy(update={"text": text}))
            else:
                cells.append(cell)
        rows.append(row.model_copy(update={"cells": tuple(cells)}) if cells != list(row.cells) else row)
    if example is None:
        return doc
    note = NOTE.format(before=example[0], after=example[1])
    return doc.model_copy(update={"rows": tuple(rows), "notes": (*doc.notes, note)})

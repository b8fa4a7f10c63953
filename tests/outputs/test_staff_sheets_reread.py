"""A poll reads the register's staff columns and then the same file as the previous register:
the values read are kept by the file's content, so a file saved again with any change — even of
the same size, within the same second — is read again."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook

from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.register_xlsx import read_previous, read_staff_sheets, write_register
from shenbao.staff_input import NOTE
from tests.outputs.rows import application_row


def note_of(path: Path, row_id: str) -> str | None:
    s = load_register_words().sheets
    main = next(c for c in read_staff_sheets(path) if c.sheet == s["main"])
    return main.cells[(row_id, NOTE)]


def type_note(path: Path, row_id: str, text: str) -> None:
    """Staff type a note in 总表 and save (openpyxl standing in for Excel)."""
    words = load_register_words()
    wb = load_workbook(path)
    ws = wb[words.sheets["main"]]
    header = [c.value for c in ws[1]]
    column = header.index(words.columns["staff_note"]) + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == row_id)
    ws.cell(row, column).value = text
    wb.save(path)


def test_a_note_typed_after_a_read_is_seen_at_the_next_read(tmp_path: Path) -> None:
    path = write_register([application_row("2024-0001"), application_row("2024-0002")], tmp_path / "register.xlsx")
    assert note_of(path, "2024-0001") is None
    stamp = path.stat()
    type_note(path, "2024-0001", "已电话联系甲")
    assert note_of(path, "2024-0001") == "已电话联系甲"
    # The same length and the old modification time: only the content tells them apart.
    type_note(path, "2024-0001", "已电话联系乙")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert note_of(path, "2024-0001") == "已电话联系乙"
    assert read_previous(path).lines["2024-0001"].staff_note == "已电话联系乙"

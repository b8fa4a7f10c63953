"""Staff's word in the register: one truth per cell, whichever sheet or file it was typed in.

Pure, a leaf beside shenbao.record: what each sheet of each register file held, what the
register last wrote (or last read) there and the words kept so far in; the staff's changes and
the view every sheet shows out. The store keeps the words (`Store.staff_words`) and what each
sheet held (`Store.register_cells`); shenbao.staff_files reads the workbooks at the edge.

Contract:
- a staff cell is (编号, column): 人工备注 (`NOTE`) and 核对状态 (`CHECK`) of 总表 and 待处理, and
  核对结果 / 更正值 of one field on 核对 (`result_cell`, `correction_cell`);
- a cell whose value differs from what that sheet of that file held when the register last
  wrote or read it is a staff change; an emptied cell is a change too (a deletion). Of several
  changes to one cell the last wins: files in the order they were saved, and within one file
  待处理 over 总表 (待处理 is the list staff are told to work in; `SHEET_PRECEDENCE`);
- a file the store never saw (a register written before staff words were kept) has no
  baseline: its non-empty cells count, its empty cells say nothing;
- the view (`view_of`): a row shows its own words; a row that supersedes earlier versions (a
  resend) shows, in a cell it has no word of its own for (not even an emptied one), the word
  of its latest earlier version that has one — except a handled 核对状态 (the new version must
  be looked at again) and the 核对 cells (they are about the old file's reading; a correction
  follows a resend in `register.validate` when the new file reads the same value, and is then
  passed in as `inherited`). The earlier version keeps showing its own words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from shenbao.record import RegisterRow

# (编号, column): one staff cell of the register.
Cell = tuple[str, str]

NOTE = "staff_note"
CHECK = "staff_check"
_RESULT = "result:"
_CORRECTION = "correction:"

# Later wins among the sheets of one file. 核对's cells are its own (it shares none with the
# others), so its place only matters for readability.
SHEET_PRECEDENCE: dict[Literal["main", "checks", "pending"], int] = {"main": 0, "checks": 1, "pending": 2}


def result_cell(field_name: str) -> str:
    """The column key of a field's 核对结果 on the 核对 sheet."""
    return _RESULT + field_name


def correction_cell(field_name: str) -> str:
    """The column key of a field's 更正值 on the 核对 sheet."""
    return _CORRECTION + field_name


def check_field(column: str) -> tuple[Literal["result", "correction"], str] | None:
    """("result" | "correction", field name) of a 核对 column key, None for 人工备注/核对状态."""
    if column.startswith(_RESULT):
        return "result", column[len(_RESULT):]
    if column.startswith(_CORRECTION):
        return "correction", column[len(_CORRECTION):]
    return None


@dataclass(frozen=True)
class StaffWord:
    """Staff's last word in one cell: `value` None when they emptied it."""

    value: str | None
    at: datetime  # when the register first saw it (timezone-aware)
    where: str  # the file and sheet it was read from, e.g. "register.xlsx 待处理"


FieldValue = str | float | tuple[str, ...] | None


@dataclass(frozen=True)
class Correction:
    """One field corrected by staff on one row (applied by shenbao.corrections)."""

    field: str
    read: FieldValue  # the value as read from the file (None: missing or unreadable)
    corrected: FieldValue  # the value of record now; None when `typed` could not be understood
    typed: str  # what staff typed
    at: datetime  # when the register first saw it
    row_id: str  # the 编号 it was typed on (an earlier version's, for a resend reading the same)

    @property
    def applied(self) -> bool:
        return self.corrected is not None


@dataclass(frozen=True)
class SheetCells:
    """The staff cells of the lines of one sheet of one register file, as staff left them."""

    file: str  # the file's name in the output folder
    sheet: str  # the sheet's name as shown
    saved: float  # the file's modification time (seconds)
    precedence: int  # SHEET_PRECEDENCE of the sheet
    cells: Mapping[Cell, str | None]  # None: empty


@dataclass(frozen=True)
class Change:
    value: str | None
    where: str


def staff_changes(sheets: Iterable[SheetCells], last_held: Mapping[tuple[str, str], Mapping[Cell, str]],
                  known_files: Collection[str]) -> dict[Cell, Change]:
    """Every cell staff changed, with its last value (see the module contract). `last_held`
    maps (file, sheet) to what that sheet held when the register last wrote or read it
    (non-empty cells only); `known_files` are the files it holds that for."""
    out: dict[Cell, Change] = {}
    for sheet in sorted(sheets, key=lambda s: (s.saved, s.precedence)):
        held = last_held.get((sheet.file, sheet.sheet), {})
        known = sheet.file in known_files
        for cell, value in sheet.cells.items():
            if known and value == held.get(cell):
                continue
            if not known and value is None:
                continue
            out[cell] = Change(value=value, where=f"{sheet.file} {sheet.sheet}")
    return out


def new_words(words: Mapping[Cell, StaffWord], changes: Mapping[Cell, Change], at: datetime) -> dict[Cell, StaffWord]:
    """The changes that say something new: a value that differs from the cell's own word (a
    cell with no word of its own takes any change, an emptied one too: it then no longer shows
    what a resend inherited)."""
    out: dict[Cell, StaffWord] = {}
    for cell, change in changes.items():
        kept = words.get(cell)
        if kept is not None and kept.value == change.value:
            continue
        # To the second, as the store keeps it: a poll and a later `shenbao export` agree.
        out[cell] = StaffWord(value=change.value, at=at.replace(microsecond=0), where=change.where)
    return out


@dataclass(frozen=True)
class StaffView:
    """What the register shows in every staff cell (non-empty cells only)."""

    cells: Mapping[Cell, str] = field(default_factory=dict)

    def get(self, row_id: str, column: str) -> str | None:
        return self.cells.get((row_id, column))

    def check_cells(self) -> dict[tuple[str, str], tuple[str | None, str | None]]:
        """(编号, field) → (核对结果, 更正值) of every 核对 line with staff input."""
        out: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        for (row_id, column), value in self.cells.items():
            parsed = check_field(column)
            if parsed is None:
                continue
            kind, name = parsed
            result, correction = out.get((row_id, name), (None, None))
            out[(row_id, name)] = (value, correction) if kind == "result" else (result, value)
        return out


def view_of(words: Mapping[Cell, StaffWord], superseded: Mapping[str, str], is_handled: Callable[[str], bool],
            inherited: Mapping[Cell, str] | None = None) -> StaffView:
    """The view (see the module contract). `superseded` maps an earlier version's 编号 to the
    编号 of the version that replaces it; `inherited` holds the 核对 cells a resend takes over
    (the corrections `register.validate` applied to it from an earlier version)."""
    cells: dict[Cell, str] = {cell: w.value for cell, w in words.items() if w.value is not None}
    earlier: dict[str, list[str]] = {}
    for old, new in superseded.items():
        earlier.setdefault(new, []).append(old)
    for new, olds in earlier.items():
        for column in (NOTE, CHECK):
            if (new, column) in words:
                continue
            for old in sorted(olds, key=_id_order, reverse=True):
                value = cells.get((old, column))
                if value is None or (column == CHECK and is_handled(value)):
                    continue
                cells[(new, column)] = value
                break
    for cell, value in (inherited or {}).items():
        if cell not in words:
            cells[cell] = value
    return StaffView(cells=cells)


def _id_order(row_id: str) -> tuple[int, str]:
    # 编号 are "<year>-<seq>" with a zero-padded sequence; longer sequences sort later.
    return len(row_id), row_id


def sheet_cells_held(sheets: Sequence[SheetCells]) -> dict[tuple[str, str], dict[Cell, str]]:
    """What each sheet holds now (non-empty cells), as the baseline after a read."""
    return {(s.file, s.sheet): {c: v for c, v in s.cells.items() if v is not None} for s in sheets}


def register_view(words: Mapping[Cell, StaffWord], rows: Iterable[RegisterRow],
                  corrections: Mapping[str, Mapping[str, Correction]], is_handled: Callable[[str], bool]) -> StaffView:
    """`view_of` for the register's rows: resends from `RegisterRow.superseded_by`, and the
    corrections applied to a row from an earlier version (`corrections` by 编号, as
    register.validate applied them) shown in its 更正值."""
    superseded = {row.id: row.superseded_by for row in rows if row.superseded_by}
    inherited = {(row_id, correction_cell(name)): c.typed
                 for row_id, done in corrections.items() for name, c in done.items() if c.row_id != row_id}
    return view_of(words, superseded, is_handled, inherited)

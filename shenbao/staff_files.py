"""Staff's word in the register files, taken in and settled at the edge of a poll.

    taken = take_staff_input(store, register, previous)   before validation: staff's changes
                                                           in every register file → the store
    ... validate (corrections), rows, write the register with `view_of(...)` ...
    notes = settle_register_files(store, taken, written)   after the write: what each file now
                                                           holds; side files taken in removed

The register files are the main workbook (or, after a rename, the one `previous` names) and
the copies written beside it while it was held open (outputs.register_xlsx.side_files). What
counts as a change and which change wins is shenbao.staff_input's; the store keeps staff's
words and what each sheet held, so a file that cannot be read (half-saved by Excel, damaged)
costs nothing that was taken in before.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from shenbao.outputs.cells import LOCAL_TZ
from shenbao.outputs.labels_zh import RegisterLabels, load_register_words
from shenbao.outputs.register_xlsx import is_locked, read_staff_sheets, side_files
from shenbao.staff_input import Cell, SheetCells, StaffWord, new_words, sheet_cells_held, staff_changes
from shenbao.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffTaken:
    """What one poll took in from the register files."""

    words: dict[Cell, StaffWord]  # staff's words after this poll's changes (own words only)
    read: dict[Path, list[SheetCells]] = field(default_factory=dict)  # each file read and what it held
    sides: tuple[Path, ...] = ()  # side files read
    notes: tuple[str, ...] = ()  # Chinese, for the poll's report (a file that could not be read)

    def corrections(self) -> dict[str, dict[str, StaffWord]]:
        """Staff's 更正值 by 编号, then field (an emptied one too), for register.validate."""
        out: dict[str, dict[str, StaffWord]] = {}
        for (row_id, column), word in self.words.items():
            if column.startswith("correction:"):
                out.setdefault(row_id, {})[column.removeprefix("correction:")] = word
        return out


def file_stamp(path: Path) -> int:
    """A number that changes when the file is saved (its size and modification time)."""
    st = path.stat()
    return int.from_bytes(hashlib.sha256(f"{st.st_size}:{st.st_mtime_ns}".encode()).digest()[:7], "big")


def take_staff_input(store: Store, register: Path, previous: Path | None = None,
                     labels: RegisterLabels | None = None, *, now: datetime | None = None) -> StaffTaken:
    """Read every register file (`previous`, default `register`, and the side files of
    `register`), keep staff's changes in the store (durably, before anything is written) and
    return the words. A file that cannot be read is skipped with a note."""
    labels = labels or load_register_words()
    now = now or datetime.now(LOCAL_TZ)
    main = previous if previous is not None else register
    sides = tuple(side_files(register))
    read: dict[Path, list[SheetCells]] = {}
    notes: list[str] = []
    for path in ([main] if main.exists() else []) + list(sides):
        try:
            read[path] = read_staff_sheets(path, labels)
        except Exception as exc:  # noqa: BLE001 - a half-saved or damaged workbook: the store still has every word
            log.warning("staff columns of %s unreadable: %r", path, exc)
            notes.append(f"登记表 {path.name} 无法读取（{type(exc).__name__}），本次未取其中人工填写的内容；"
                         f"以前填写的内容已保存，不受影响。请检查该文件是否完整")
    known = store.register_files()
    words = store.staff_words()
    changes = staff_changes([s for sheets in read.values() for s in sheets], store.register_cells(), known)
    fresh = new_words(words, changes, now)
    store.record_staff_words(fresh)
    return StaffTaken(words={**words, **fresh}, read=read, sides=tuple(p for p in sides if p in read),
                      notes=tuple(notes))


def settle_register_files(store: Store, taken: StaffTaken, register: Path, written: Path,
                          labels: RegisterLabels | None = None) -> list[str]:
    """After the register was written to `written` (`register`, or beside it when it was held
    open): keep what the written file's sheets hold and what the files read but not rewritten
    held when read, remove the side files taken in (except one still open), and say in Chinese
    what staff should do."""
    labels = labels or load_register_words()
    notes = list(taken.notes)
    for path, sheets in taken.read.items():
        if path != written and path.exists():
            store.record_register_file(path.name, file_stamp(path), _by_sheet(sheets))
    store.record_register_file(written.name, file_stamp(written), _by_sheet(read_staff_sheets(written, labels)))
    removed, kept = [], []
    for side in taken.sides:
        if side == written:
            continue
        if is_locked(side):
            kept.append(side.name)
            continue
        try:
            side.unlink()
        except OSError as exc:
            log.warning("side register %s not removed: %r", side, exc)
            kept.append(side.name)
            continue
        store.forget_register_file(side.name)
        removed.append(side.name)
    if written != register:
        notes.append(f"登记表 {register.name} 正被 Excel 等程序打开（或设为只读），本次的新内容写在旁边的 {written.name}。"
                     f"请在 {register.name} 中保存并关闭 Excel：之后的下一次收信（即使没有新邮件）会把两个文件中填写的"
                     f"人工备注、核对状态、核对结果和更正值合并写回 {register.name}，并删除 {written.name}；"
                     f"在此之前新收到的申报请看 {written.name}")
    if removed:
        notes.append(f"已把 {'、'.join(removed)} 中填写的内容并入 {written.name}，并删除了 {'、'.join(removed)}")
    if kept:
        notes.append(f"{'、'.join(kept)} 中填写的内容已并入 {written.name}；该文件仍被打开，关闭后下次收信时删除")
    return notes


def staff_rewrite_due(store: Store, register: Path) -> bool:
    """True when the register should be rewritten although nothing else changed: staff saved it
    since the register last wrote or read it, or a side file waits to be taken in — and the
    register is not held open (an idle poll would only write beside it again)."""
    if not register.exists():
        return False
    if is_locked(register):
        return False
    if side_files(register):
        return True
    return store.register_files().get(register.name) != file_stamp(register)


def _by_sheet(sheets: list[SheetCells]) -> dict[str, dict[Cell, str]]:
    return {sheet: cells for (_, sheet), cells in sheet_cells_held(sheets).items()}


def stored_corrections(store: Store) -> dict[str, dict[str, StaffWord]]:
    """Staff's 更正值 as the last poll took them in (for commands that do not read the files)."""
    return StaffTaken(words=store.staff_words()).corrections()

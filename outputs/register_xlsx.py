"""The Excel register office staff read every morning.

Contract of `write_register`:
- it regenerates the whole workbook from `rows` (never edits a staff-maintained file: an
  openpyxl load-and-save drops validations, formatting and images) in openpyxl's write-only
  mode, styling through a small cache of style arrays so that 5,000 rows stay fast enough for
  every poll;
- staff columns 人工备注 and 核对状态 are carried over from the previous register by 编号;
  notes of a 编号 that disappeared are copied onto the 变更 sheet, never dropped;
- 状态 says what happens next to the row (register_view.row_status_key, from
  shenbao.outcome.case_of with `now` and the electronic `deadline`); 核对状态 is a list
  (register.toml [staff_check]) on 总表 and 待处理, and a row whose carried-over 核对状态 is a
  handled word is not on 待处理; 待处理 is in the order of register_view.pending_rows;
- the 核对 sheet has one line per flagged value (outputs.check_sheet) with the picture of the
  place it was read (`evidence_pictures`, made by the caller) anchored in its row; its staff
  columns 核对结果 (a list: 正确/有误) and 更正值 are carried over by (编号, 字段);
- the file is written to a temp file in the same folder and moved into place with
  `os.replace`; when the target is locked (read-only, an Office/LibreOffice lock file, or the
  replace fails) the workbook is written beside it as `<stem>-YYYYMMDD-HHMMSS.xlsx` and that
  path is returned so the caller can tell staff;
- a dated copy `<stem>-YYYY-MM-DD.xlsx` is kept beside it (one per day, overwritten within
  the day).
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import os
import re
import shutil
import stat
import tempfile
import warnings
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image as SheetImage
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation

from shenbao.outputs.cells import LOCAL_TZ, WIDTH_CAP, cell_value, column_width, display_width, safe_cell_text
from shenbao.outputs.export_jsonl import id_sort_key
from shenbao.outputs.check_sheet import CheckKey, CheckLine, PreviousCheck, ShotKey, WordShotKey, check_lines
from shenbao.outputs.labels_zh import CHECK_COLUMN_KEYS, COLUMN_KEYS, STATUS_KEYS, RegisterLabels, load_register_words
from shenbao.outputs.register_summary import (
    PreviousLine,
    PreviousRegister,
    Quotas,
    Table,
    change_tables,
    other_table,
    paper_tables,
    stats_tables,
)
from shenbao.outputs.daily_copy import earlier_dated_copy
from shenbao.outputs.print_sheet import print_setup, write_print_sheet, write_signoff_sheet
from shenbao.outputs.register_view import MainLine, file_link, pending_rows, row_to_main_line
from shenbao.record import LedgerProblem, Receipt, RegisterRow
from shenbao.staff_input import (
    CHECK, NOTE, SHEET_PRECEDENCE, Cell, Correction, SheetCells, StaffView, correction_cell, result_cell,
    staff_changes,
)

log = logging.getLogger(__name__)

_MAIN_FORMATS = {
    "id": "@", "received_at": "yyyy-mm-dd hh:mm", "funding_wan": "0.00", "phone": "@",
    "paper_copies": "0", "paper_received_on": "yyyy-mm-dd", "staff_note": "@", "staff_check": "@",
}
# Wrapped columns get a lower width cap: the page is printed fitted to one A4 landscape
# width, so the sum of widths sets the print scale. The 18 columns once summed to ~340
# characters (printed at ~40%, text ~4.5 pt); these caps keep it near 240 (~60%).
_MAIN_CAPS = {"applicant_org": 16, "applicant_type": 10, "project_name": 20, "item": 12, "funding_wan": 10, "phone": 13,
              "problems": 30, "files": 16, "subject": 14, "sender": 20, "staff_note": 12}
_MAIN_WRAP = {"applicant_org", "applicant_type", "project_name", "item", "phone", "problems", "files", "subject",
              "sender", "staff_note"}
# Narrow margins (inches): every millimetre of width goes to the columns.
_HEADER_FILL = "D9E1F2"
_LINK_FONT = Font(color="0563C1", underline="single")
_BOLD = Font(bold=True)


class _Styles:
    """Style arrays built once per distinct look and copied onto cells: assigning
    font/fill/alignment objects per cell costs a hash lookup each, copying an array does not."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self._ws = ws
        self._cache: dict[tuple[object, ...], StyleArray] = {}

    def apply(self, cell: Cell, fmt: str = "General", wrap: bool = False,
              fill: str | None = None, bold: bool = False, link: bool = False) -> None:
        key = (fmt, wrap, fill, bold, link)
        array = self._cache.get(key)
        if array is None:
            proto = WriteOnlyCell(self._ws)
            proto.number_format = fmt
            # Top-aligned everywhere: Excel's default (bottom) next to wrapped cells makes a
            # row's one-line values sit level with the next row's first line.
            proto.alignment = Alignment(wrap_text=wrap, vertical="top")
            if fill:
                proto.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if bold:
                proto.font = _BOLD
            elif link:
                proto.font = _LINK_FONT
            array = self._cache[key] = proto._style
        cell._style = copy(array)


def _comment(text: str, author: str) -> Comment:
    comment = Comment(text, author)
    lines = text.count("\n") + 1 + len(text) // 40
    comment.width = 320
    comment.height = min(420, max(80, 16 * lines))
    return comment




def _declare_size(ws: WriteOnlyWorksheet, rows: int, columns: int) -> None:
    """Write the sheet's size (<dimension>) at its top, as Excel does. openpyxl's write-only
    sheets leave it out, and then every read-only opening of the register parses each sheet
    to its end just to learn its size: the register is opened that way three or four times a
    poll (staff's columns before and after writing, the previous register). Must be set
    before the first row is appended, to the exact size: a reader stops at the declared last
    row."""
    ref = f"A1:{get_column_letter(max(1, columns))}{max(1, rows)}"
    ws.calculate_dimension = lambda: ref  # type: ignore[attr-defined]  # read by openpyxl's writer


def _header_cells(ws: WriteOnlyWorksheet, styles: _Styles, header: Sequence[str]) -> list[Cell]:
    cells = []
    for text in header:
        cell = WriteOnlyCell(ws, safe_cell_text(text))
        styles.apply(cell, wrap=True, fill=_HEADER_FILL, bold=True)
        cells.append(cell)
    return cells


def _set_widths(ws: WriteOnlyWorksheet, header: Sequence[str], lines: Sequence[Sequence[object]],
                caps: Sequence[int] = ()) -> list[float]:
    """Fit each column to its widest value and return the widths. Headers wrap, so they only
    ask for a short width; `caps` lowers the limit for wrapped columns so an A4 landscape
    page stays legible."""
    widths = []
    for index, title in enumerate(header):
        texts = [title[:5]] + [_width_text(line[index]) for line in lines if index < len(line)]
        cap = caps[index] if index < len(caps) else WIDTH_CAP
        width = column_width(texts, cap=cap)
        ws.column_dimensions[get_column_letter(index + 1)].width = width
        widths.append(width)
    return widths


def _line_height(values: Sequence[object], wrapped: Sequence[tuple[int, float]]) -> float | None:
    """Row height (points) that shows every wrapped line, or None for a one-line row.
    Set explicitly because Excel does not grow rows of a generated file by itself."""
    most = 1
    for index, width in wrapped:
        value = values[index]
        if isinstance(value, str) and (len(value) > width / 2 or "\n" in value):
            room = max(1.0, width - 1)
            most = max(most, sum(max(1, math.ceil(display_width(part) / room)) for part in value.split("\n")))
    # 16 pt a line: Chinese fonts (Noto/Source Han, 等线) need more than Calibri's 15 pt, or
    # the last line of a wrapped cell is clipped.
    return min(409.0, 16.0 * most) if most > 1 else None


def _width_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "2024-04-29 16:02"
    return str(value)


def _write_main(ws: WriteOnlyWorksheet, lines: Sequence[MainLine], labels: RegisterLabels,
                deadline_notice: str | None = None) -> None:
    """总表 / 待处理: one line per row, status fill, flagged cells with comments."""
    styles = _Styles(ws)
    if deadline_notice:
        # "&" starts a header/footer code; doubled it prints as itself.
        ws.oddHeader.center.text = safe_cell_text(deadline_notice).replace("&", "&&")
    header = [labels.columns[k] for k in COLUMN_KEYS]
    widths = _set_widths(ws, header, [line.values for line in lines],
                         [_MAIN_CAPS.get(k, WIDTH_CAP) for k in COLUMN_KEYS])
    # 附件 does not set the row height: a message with an archive lists many long names, and
    # a row sized for all of them is mostly blank (LibreOffice does not even wrap a link cell).
    # Top-aligned, its first line (the 申报书) always shows, and the link opens them all.
    wrapped = [(i, widths[i]) for i, k in enumerate(COLUMN_KEYS) if k in _MAIN_WRAP and k != "files"]
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(lines) + 1}"
    print_setup(ws, labels)
    header_height = _line_height(header, list(enumerate(widths)))  # headers wrap in narrow columns
    if header_height is not None:
        ws.row_dimensions[1].height = header_height
    _declare_size(ws, len(lines) + 1, len(header))
    ws.append(_header_cells(ws, styles, header))
    if lines:
        ws.data_validations.append(_staff_check_list(labels, len(lines)))  # write-only: no add_data_validation
    author = labels.text["comment_author"]
    status_column = COLUMN_KEYS.index("status")
    files_column = COLUMN_KEYS.index("files")
    for number, line in enumerate(lines, 2):
        height = _line_height(line.values, wrapped)
        if height is not None:  # write-only: a row's height must be set before the row
            ws.row_dimensions[number].height = height
        cells = []
        for index, key in enumerate(COLUMN_KEYS):
            cell = WriteOnlyCell(ws, line.values[index])
            mark = line.marks.get(key)
            fill = None
            if index == status_column:
                fill = labels.status_fill[line.status]
            elif mark is not None:
                fill = labels.severity_fill.get(mark.severity)
            link = index == files_column and line.link is not None
            styles.apply(cell, _MAIN_FORMATS.get(key, "General"), key in _MAIN_WRAP, fill, link=link)
            if link:
                cell.hyperlink = line.link
            if mark is not None:
                cell.comment = _comment(mark.comment, author)
            cells.append(cell)
        ws.append(cells)


def _staff_check_list(labels: RegisterLabels, count: int) -> DataValidation:
    """The 核对状态 drop-down on the `count` data lines of 总表 / 待处理."""
    w = labels.staff_check
    letter = get_column_letter(COLUMN_KEYS.index("staff_check") + 1)
    choice = DataValidation(
        type="list", formula1='"' + ",".join(w.choices) + '"', allow_blank=True,
        showInputMessage=True, promptTitle=w.prompt_title, prompt=w.prompt.format(handled=labels.handled_words()),
        showErrorMessage=True, errorTitle=w.prompt_title, error=w.error)
    choice.add(f"{letter}2:{letter}{count + 1}")
    return choice


def _write_tables(ws: WriteOnlyWorksheet, tables: Sequence[Table], labels: RegisterLabels,
                  *, filter_first: bool = False) -> None:
    """Tables one under another; the first table's header is frozen and repeated in print."""
    styles = _Styles(ws)
    widest = max(len(t.header) for t in tables)
    all_lines: list[Sequence[object]] = []
    for table in tables:
        all_lines += [table.header, *table.lines]
    _set_widths(ws, [""] * widest, all_lines)
    first = tables[0]
    header_row = 2 if first.title else 1
    ws.freeze_panes = f"A{header_row + 1}"
    if filter_first:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(first.header))}{header_row + len(first.lines)}"
    print_setup(ws, labels, header_row)
    _declare_size(ws, sum(bool(n) + bool(t.title) + 1 + len(t.lines) for n, t in enumerate(tables)),
                  max(len(line) for line in all_lines))
    for n, table in enumerate(tables):
        if n:
            ws.append([])
        if table.title:
            title = WriteOnlyCell(ws, safe_cell_text(table.title))
            styles.apply(title, bold=True)
            ws.append([title])
        ws.append(_header_cells(ws, styles, table.header))
        for line in table.lines:
            cells = []
            for index, value in enumerate(line):
                cell = WriteOnlyCell(ws, value)
                styles.apply(cell, table.number_formats.get(index, "General"), isinstance(value, str) and "\n" in value)
                cells.append(cell)
            ws.append(cells)


# 核对: the picture column is sized to its widest picture; the text columns stay narrow.
_CHECK_CAPS = {"id": 12, "org": 16, "field": 10, "value": 20, "problem": 30, "place": 18, "result": 8,
               "correction": 20}
_CHECK_WRAP = {"org", "field", "value", "problem", "place", "picture", "correction"}
_CHECK_FORMATS = {"id": "@", "value": "@", "correction": "@"}
_PX_PER_POINT = 96 / 72  # openpyxl places pictures at 96 pixels per inch


def _check_values(line: CheckLine) -> list[object]:
    by_key: dict[str, object] = {
        "id": line.row_id, "org": line.org, "field": line.field, "value": line.value, "problem": line.problem,
        "place": line.place, "picture": line.note or None, "result": line.result, "correction": line.correction,
    }
    return [by_key[key] for key in CHECK_COLUMN_KEYS]


def _sheet_picture(line: CheckLine) -> SheetImage | None:
    """The line's picture, read now (openpyxl would read a path only when saving, and a picture
    that vanished meanwhile must not cost the whole workbook)."""
    if line.picture is None:
        return None
    try:
        return SheetImage(io.BytesIO(line.picture.read_bytes()))
    except (OSError, ValueError) as exc:
        log.warning("evidence picture %s unusable: %r", line.picture, exc)
        return None


def _write_checks(ws: WriteOnlyWorksheet, lines: Sequence[CheckLine], labels: RegisterLabels) -> None:
    """核对: one line per flagged value, its picture anchored in the picture column of its row,
    核对结果 a list of 正确/有误."""
    styles = _Styles(ws)
    w = labels.check
    header = [w[key] for key in CHECK_COLUMN_KEYS]
    values = [_check_values(line) for line in lines]
    pictures = [_sheet_picture(line) for line in lines]
    picture_column = CHECK_COLUMN_KEYS.index("picture")
    for index, picture in enumerate(pictures):
        if picture is None and lines[index].picture is not None:
            values[index][picture_column] = w["not_rendered"]
    widths = _set_widths(ws, header, values, [_CHECK_CAPS.get(k, WIDTH_CAP) for k in CHECK_COLUMN_KEYS])
    widest = max((p.width for p in pictures if p is not None), default=0)
    picture_letter = get_column_letter(picture_column + 1)
    if widest:
        # Excel shows a column of width w as about 7w + 5 pixels.
        widths[picture_column] = max(widths[picture_column], (widest - 5) / 7 + 2)
        ws.column_dimensions[picture_letter].width = widths[picture_column]
    wrapped = [(i, widths[i]) for i, k in enumerate(CHECK_COLUMN_KEYS) if k in _CHECK_WRAP]
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(lines) + 1}"
    print_setup(ws, labels)
    header_height = _line_height(header, list(enumerate(widths)))
    if header_height is not None:
        ws.row_dimensions[1].height = header_height
    _declare_size(ws, len(lines) + 1, len(header))
    ws.append(_header_cells(ws, styles, header))
    if lines:
        result_letter = get_column_letter(CHECK_COLUMN_KEYS.index("result") + 1)
        choice = DataValidation(
            type="list", formula1=f'"{w["result_ok"]},{w["result_wrong"]}"', allow_blank=True,
            showInputMessage=True, promptTitle=w["result_prompt_title"], prompt=w["result_prompt"],
            showErrorMessage=True, errorTitle=w["result_prompt_title"], error=w["result_error"])
        choice.add(f"{result_letter}2:{result_letter}{len(lines) + 1}")
        ws.data_validations.append(choice)  # write-only sheets lack add_data_validation
    for number, (line_values, picture) in enumerate(zip(values, pictures), 2):
        height = _line_height(line_values, wrapped) or 16.0
        if picture is not None:
            height = max(height, picture.height / _PX_PER_POINT + 4)
            picture.anchor = f"{picture_letter}{number}"
            ws.add_image(picture)
        ws.row_dimensions[number].height = min(409.0, height)
        cells = []
        for index, key in enumerate(CHECK_COLUMN_KEYS):
            cell = WriteOnlyCell(ws, line_values[index])
            styles.apply(cell, _CHECK_FORMATS.get(key, "General"), key in _CHECK_WRAP)
            cells.append(cell)
        ws.append(cells)


def _previous_checks(ws: Any, labels: RegisterLabels) -> dict[CheckKey, PreviousCheck]:
    """(编号, 字段) → staff columns and texts of a previous 核对 sheet (empty without 编号/字段)."""
    w = labels.check
    rows = ws.iter_rows(values_only=True)
    header = [str(v) if v is not None else "" for v in next(rows, ())]
    where = {name: header.index(name) for name in header if name}
    if w["id"] not in where or w["field"] not in where:
        return {}

    def get(values: tuple[object, ...], key: str) -> str | None:
        i = where.get(w[key])
        return _staff_value(values[i]) if i is not None and i < len(values) else None

    checks: dict[CheckKey, PreviousCheck] = {}
    for values in rows:
        row_id, field = get(values, "id"), get(values, "field")
        if not row_id or not field:
            continue
        checks[(row_id.strip(), field.strip())] = PreviousCheck(
            result=get(values, "result"), correction=get(values, "correction"), org=get(values, "org"),
            value=get(values, "value"), problem=get(values, "problem"), place=get(values, "place"))
    return checks


# What the register keeps of staff's work (shenbao.staff_input), on 说明. Words staff read
# belong in config/register.toml [text]; here until that file takes them.
_STAFF_LEGEND_TITLE = "人工填写的内容如何保存"
_STAFF_LEGEND = (
    ("保存的内容", "“{main}”和“{pending}”表的“人工备注”“核对状态”，“{checks}”表的“核对结果”“更正值”，由系统按编号保存："
                  "登记表每次重新生成时，以工作人员最后一次修改为准（清空单元格也算修改，不会再出现），"
                  "并在各表中显示同一内容。"),
    ("同时改了两处", "两次生成之间，同一行在“{main}”和“{pending}”中改得不一样时，以“{pending}”为准；"
                   "在登记表和登记表被打开时写在旁边的文件（登记表名-日期-时间.xlsx）中改得不一样时，以后保存的文件为准。"),
    ("更正值", "在“{checks}”表填写更正值后，下次生成时按更正值重新检查（如补上的缺项不再提示缺少必填项，"
              "更正后的经费超出范围会提示），统计、导出、评审材料和回执都用更正值；“读取值”仍显示原件中读到的内容。"
              "要更正未列出的项，可在“{checks}”表末尾新增一行，填写编号、字段（如“申请经费”）和更正值。"),
    ("重新发送", "同一单位重新发送后，新版本继承旧版本的人工备注和未完成的核对状态（已完成的核对状态不继承，"
                "新版本需要重新核对）；读取值相同的更正值也继承。旧版本仍显示原来的内容。"),
    ("不保存的内容", "自己增加的列、单元格颜色和格式、批注、排序和筛选：登记表每次都重新生成，这些都不保留。"
                    "“{print}”和“{signoff}”表每次按总表重新生成，在其中填写的内容也不保留。"
                    "需要保留的说明请写在“人工备注”列。"),
    ("登记表被打开时", "新内容写在旁边的“登记表名-日期-时间.xlsx”；关闭登记表后，下一次收信（即使没有新邮件）"
                      "把两个文件中填写的内容合并写回登记表，并删除旁边的文件。"),
)


def _write_legend(ws: WriteOnlyWorksheet, labels: RegisterLabels, deadline_notice: str | None,
                  now: datetime) -> None:
    styles = _Styles(ws)
    t = labels.text
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70
    print_setup(ws, labels, None)
    if deadline_notice:
        ws.append([cell_value(t["deadline"]), cell_value(deadline_notice)])
    when = WriteOnlyCell(ws, cell_value(now))
    styles.apply(when, "yyyy-mm-dd hh:mm")
    ws.append([cell_value(t["generated_at"]), when])
    ws.append([])
    title = WriteOnlyCell(ws, cell_value(t["legend_title"]))
    styles.apply(title, bold=True)
    ws.append([title])
    ws.append(_header_cells(ws, styles, [t["legend_status"], t["legend_meaning"]]))
    for key in STATUS_KEYS:
        name = WriteOnlyCell(ws, cell_value(labels.status[key]))
        styles.apply(name, fill=labels.status_fill[key])
        ws.append([name, cell_value(labels.status_meaning[key])])
    ws.append([])
    ws.append([cell_value(labels.sheets["pending"]),
               cell_value(t["legend_pending"].format(handled=labels.handled_words()))])
    ws.append([])
    staff_title = WriteOnlyCell(ws, cell_value(_STAFF_LEGEND_TITLE))
    styles.apply(staff_title, bold=True)
    ws.append([staff_title])
    sheets = labels.sheets
    for head, text in _STAFF_LEGEND:
        body = WriteOnlyCell(ws, cell_value(text.format(main=sheets["main"], pending=sheets["pending"],
                                                        checks=sheets["checks"], print=sheets["print"],
                                                        signoff=sheets["signoff"])))
        styles.apply(body, wrap=True)
        ws.append([cell_value(head), body])


def _sheet_lines(ws: Any, labels: RegisterLabels) -> dict[str, PreviousLine] | None:
    """编号 → line of one sheet laid out like 总表, or None when it has no 编号 column."""
    c = labels.columns
    rows = ws.iter_rows(values_only=True)
    header = [str(v) if v is not None else "" for v in next(rows, ())]
    where = {name: header.index(name) for name in header if name}
    if c["id"] not in where:
        return None

    def get(values: tuple[object, ...], key: str) -> object:
        i = where.get(c[key])
        return values[i] if i is not None and i < len(values) else None

    lines: dict[str, PreviousLine] = {}
    for values in rows:
        row_id = get(values, "id")
        if row_id is None or str(row_id).strip() == "":
            continue
        copies = get(values, "paper_copies")
        status = get(values, "status")
        lines[str(row_id).strip()] = PreviousLine(
            status=None if status is None else str(status),
            copies=copies if isinstance(copies, int) else None,
            staff_note=_staff_value(get(values, "staff_note")),
            staff_check=_staff_value(get(values, "staff_check")),
        )
    return lines


def read_previous(path: Path, labels: RegisterLabels | None = None) -> PreviousRegister:
    """The 编号 → (状态, 纸质件份数, 人工备注, 核对状态) of an earlier register's 总表. Never
    raises for a bad file: the reason comes back in `error` (Chinese). Staff's word in a cell
    is not taken from here but from `read_staff_sheets` through shenbao.staff_input."""
    return _read_previous(path, labels or load_register_words())[0]


def _read_previous(path: Path, labels: RegisterLabels) -> tuple[PreviousRegister, dict[CheckKey, PreviousCheck]]:
    """read_previous, and what the lines of its 核对 sheet said (the workbook is opened once)."""
    s = labels.sheets
    try:
        book = _staff_book(path, labels)
        lines = _sheet_lines(book.sheet(s["main"]), labels)
        if lines is None:
            return PreviousRegister(error=f"{s['main']}表缺少“{labels.columns['id']}”列"), {}
        checks = _previous_checks(book.sheet(s["checks"]), labels) if s["checks"] in book.rows else {}
        return PreviousRegister(lines=lines), checks
    except Exception as exc:  # any unreadable file: report, keep going (notes listed as lost)
        log.warning("previous register %s unreadable: %r", path, exc)
        return PreviousRegister(error=f"{type(exc).__name__}: {exc}"), {}


def read_staff_sheets(path: Path, labels: RegisterLabels | None = None) -> list[SheetCells]:
    """The staff cells of the 总表, 待处理 and 核对 sheets of a register file as staff left them
    (shenbao.staff_input.SheetCells; a 核对 line's field by its Chinese name, a name the words
    do not know kept as typed). A sheet without a 编号 column gives nothing. Raises what
    openpyxl raises for a file that is not a workbook (the caller reports it)."""
    labels = labels or load_register_words()
    s = labels.sheets
    saved = path.stat().st_mtime
    book = _staff_book(path, labels)
    out = []
    for key in ("main", "pending", "checks"):
        if s[key] not in book.rows:
            continue
        sheet = book.sheet(s[key])
        cells = _check_cells(sheet, labels) if key == "checks" else _line_cells(sheet, labels)
        out.append(SheetCells(file=path.name, sheet=s[key], saved=saved, precedence=SHEET_PRECEDENCE[key],
                              cells=cells))
    return out


@dataclass(frozen=True)
class _SheetValues:
    """One sheet's cell values, row by row, read-only."""

    values: tuple[tuple[object, ...], ...]

    def iter_rows(self, values_only: bool = True) -> Iterator[tuple[object, ...]]:
        return iter(self.values)


@dataclass(frozen=True)
class _StaffBook:
    """The values of a register's 总表, 待处理 and 核对 sheets (those present), by sheet name."""

    rows: dict[str, _SheetValues]

    def sheet(self, name: str) -> _SheetValues:
        return self.rows[name]


# A poll reads the same register for staff's columns and then as the previous register: the
# values are kept by the file's content (sha256 of its bytes, ~2 ms against ~1 s of parsing a
# register of 500 rows), so a file changed in any way is read again.
_READ: OrderedDict[tuple[str, str], _StaffBook] = OrderedDict()
_READ_KEPT = 2


def _staff_book(path: Path, labels: RegisterLabels) -> _StaffBook:
    data = path.read_bytes()
    names = tuple(labels.sheets[key] for key in ("main", "pending", "checks"))
    key = (hashlib.sha256(data).hexdigest(), "\n".join(names))
    book = _READ.get(key)
    if book is not None:
        _READ.move_to_end(key)
        return book
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # staff's validations and formats openpyxl drops
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        book = _StaffBook({name: _SheetValues(tuple(wb[name].iter_rows(values_only=True)))
                           for name in names if name in wb.sheetnames})
    finally:
        wb.close()
    _READ[key] = book
    while len(_READ) > _READ_KEPT:
        _READ.popitem(last=False)
    return book


def _header_places(rows: Any) -> dict[str, int]:
    header = [str(v).strip() if v is not None else "" for v in next(rows, ())]
    return {name: i for i, name in reversed(list(enumerate(header))) if name}


def _line_cells(ws: Any, labels: RegisterLabels) -> dict[Cell, str | None]:
    c = labels.columns
    rows = ws.iter_rows(values_only=True)
    where = _header_places(rows)
    if c["id"] not in where:
        return {}
    columns = [(column, where[c[column]]) for column in (NOTE, CHECK) if c[column] in where]
    cells: dict[Cell, str | None] = {}
    for values in rows:
        row_id = _staff_value(values[where[c["id"]]] if where[c["id"]] < len(values) else None)
        if not row_id or not row_id.strip():
            continue
        for column, i in columns:
            cells[(row_id.strip(), column)] = _staff_value(values[i] if i < len(values) else None)
    return cells


def _check_cells(ws: Any, labels: RegisterLabels) -> dict[Cell, str | None]:
    w = labels.check
    names = {label: name for name, label in labels.field.items()}
    rows = ws.iter_rows(values_only=True)
    where = _header_places(rows)
    if w["id"] not in where or w["field"] not in where:
        return {}

    def get(values: tuple[object, ...], key: str) -> str | None:
        i = where.get(w[key])
        return _staff_value(values[i]) if i is not None and i < len(values) else None

    cells: dict[Cell, str | None] = {}
    for values in rows:
        row_id, label = get(values, "id"), get(values, "field")
        if not row_id or not label or not row_id.strip():
            continue
        name = names.get(label.strip(), label.strip())
        if w["result"] in where:
            cells[(row_id.strip(), result_cell(name))] = get(values, "result")
        if w["correction"] in where:
            cells[(row_id.strip(), correction_cell(name))] = get(values, "correction")
    return cells


def _view_from_file(path: Path, labels: RegisterLabels) -> StaffView:
    """Staff's word from one register file with nothing to compare against (a caller without the
    store): its non-empty cells, 待处理 over 总表."""
    try:
        sheets = read_staff_sheets(path, labels)
    except Exception as exc:  # any unreadable file: no staff columns (read_previous reports it)
        log.warning("staff columns of %s unreadable: %r", path, exc)
        return StaffView()
    changes = staff_changes(sheets, {}, ())
    return StaffView(cells={cell: c.value for cell, c in changes.items() if c.value is not None})


def _staff_value(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def is_locked(path: Path) -> bool:
    """True when replacing `path` would fail or clobber a file someone has open."""
    if not path.exists():
        return False
    if not path.stat().st_mode & stat.S_IWUSR:
        return True
    # LibreOffice and Excel leave these beside a file they have open.
    return (path.parent / f".~lock.{path.name}#").exists() or (path.parent / f"~${path.name}").exists()


def side_files(path: Path) -> list[Path]:
    """The registers written beside `path` while it was held open (`_beside`), oldest first."""
    beside = re.compile(re.escape(path.stem) + r"-[0-9]{8}-[0-9]{6}(?:-[0-9]+)?" + re.escape(path.suffix))
    if not path.parent.is_dir():
        return []
    found = [p for p in path.parent.iterdir() if beside.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def _beside(path: Path, now: datetime) -> Path:
    candidate = path.with_name(f"{path.stem}-{now:%Y%m%d-%H%M%S}{path.suffix}")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{now:%Y%m%d-%H%M%S}-{n}{path.suffix}")
    return candidate


def _save_atomically(wb: Workbook, path: Path, now: datetime) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".shenbao-tmp-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        # mkstemp creates 0600; staff on the share must be able to open the register.
        tmp.chmod(stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644)
        target = _beside(path, now) if is_locked(path) else path
        try:
            os.replace(tmp, target)
        except OSError as exc:
            log.warning("cannot replace %s (%r); writing beside it", target, exc)
            target = _beside(path, now)
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _dated_copy(target, path.with_name(f"{path.stem}-{now:%Y-%m-%d}{path.suffix}"))
    return target


def _dated_copy(source: Path, dated: Path) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=".shenbao-tmp-", suffix=".xlsx", dir=dated.parent)
    os.close(fd)
    try:
        shutil.copyfile(source, tmp_name)
        os.chmod(tmp_name, stat.S_IMODE(source.stat().st_mode))
        os.replace(tmp_name, dated)
    except OSError as exc:  # the day's copy is a convenience; the register itself is written
        log.warning("dated copy %s not updated: %r", dated, exc)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def write_register(
    rows: Sequence[RegisterRow],
    path: Path,
    *,
    receipts: Sequence[Receipt] = (),
    ledger_problems: Sequence[LedgerProblem] = (),
    quotas: Quotas | None = None,
    deadline: datetime | None = None,
    deadline_notice: str | None = None,
    previous: Path | None = None,
    file_links: Mapping[str, Path] | None = None,
    link_root: Path | None = None,
    now: datetime | None = None,
    labels: RegisterLabels | None = None,
    evidence_pictures: Mapping[ShotKey | WordShotKey, Path | str] | None = None,
    staff: StaffView | None = None,
    corrections: Mapping[str, Mapping[str, Correction]] | None = None,
) -> Path:
    """Write the register for `rows` to `path` and return where it was actually written.

    `previous` is the earlier register to carry staff columns from and compare against;
    when None and `path` already exists, `path` itself is the previous register.
    `file_links` maps a file's sha256 to its stored copy; only copies under `link_root`
    (default: the register's folder) are linked, by a path relative to the register.
    `quotas` maps each guide item to (项目数量 text, number or None). `deadline` is the guide's
    electronic deadline (timezone-aware): from then on a fixable problem is for staff to decide
    (需人工核对), as in the replies; without it a fixable problem stays 可补正.
    `evidence_pictures` maps the picture of a flagged value's place (check_sheet.shot_key, word_shot_key) to
    its PNG file, or to the Chinese reason there is none; a picture not in it is "未生成截图".
    `staff` is what every staff cell shows (shenbao.staff_input, kept in the store); without it
    the non-empty staff cells of `previous` are kept. `corrections` (by 编号, then field) are the
    corrections already put into the rows' fields: the 核对 sheet shows what was read beside them."""
    path = Path(path)
    labels = labels or load_register_words()
    now = now or datetime.now(LOCAL_TZ)
    if now.tzinfo is not None:  # file names and 生成时间 are in office time
        now = now.astimezone(LOCAL_TZ)
    # The deadline carries its offset (validators.guide); a naive `now` is office time.
    moment = now if now.tzinfo is not None else now.replace(tzinfo=LOCAL_TZ)
    if previous is None and path.exists():
        previous = path
    before: PreviousRegister | None = None
    checks_before: dict[CheckKey, PreviousCheck] = {}
    if previous is not None:
        before, checks_before = _read_previous(previous, labels)
    if staff is None:
        staff = _view_from_file(previous, labels) if previous is not None else StaffView()
    ordered = sorted(rows, key=lambda r: id_sort_key(r.id))
    links = file_links or {}
    register_dir = path.parent.resolve()
    root = Path(link_root).resolve() if link_root is not None else register_dir

    lines: list[MainLine] = []
    by_id: dict[str, MainLine] = {}
    handled: set[str] = set()
    for row in ordered:
        note, check = staff.get(row.id, NOTE), staff.get(row.id, CHECK)
        line = row_to_main_line(
            row, labels,
            staff=(note, check),
            link=file_link(row, links, register_dir, root) if links else None,
            now=moment, deadline=deadline,
        )
        lines.append(line)
        by_id[row.id] = line
        if labels.is_handled(check):
            handled.add(row.id)

    s = labels.sheets
    wb = Workbook(write_only=True)
    _write_main(wb.create_sheet(s["main"]), lines, labels, deadline_notice)
    pending = pending_rows(ordered, handled=handled, now=moment, deadline=deadline)
    _write_main(wb.create_sheet(s["pending"]), [by_id[r.id] for r in pending], labels, deadline_notice)
    _write_checks(wb.create_sheet(s["checks"]),
                  check_lines(ordered, labels, evidence_pictures or {}, checks_before,
                              staff=staff.check_cells(), corrections=corrections or {}), labels)
    stats = stats_tables(ordered, quotas or {}, labels, now=moment, deadline=deadline)
    _write_tables(wb.create_sheet(s["stats"]), stats, labels)
    _write_tables(wb.create_sheet(s["paper"]), paper_tables(receipts, ledger_problems, ordered, labels),
                  labels, filter_first=True)
    _write_tables(wb.create_sheet(s["other"]), [other_table(ordered, labels)], labels, filter_first=True)
    daily = earlier_dated_copy(path, now.date())  # yesterday's register, for the morning's 变更
    since_day = (daily[0], read_previous(daily[1], labels)) if daily else None
    _write_tables(wb.create_sheet(s["changes"]), change_tables(lines, ordered, before, labels, daily=since_day),
                  labels, filter_first=True)
    write_print_sheet(wb.create_sheet(s["print"]), ordered, lines, labels, now)
    write_signoff_sheet(wb.create_sheet(s["signoff"]), ordered, lines, labels, now)
    _write_legend(wb.create_sheet(s["legend"]), labels, deadline_notice, now)
    return _save_atomically(wb, path, now)

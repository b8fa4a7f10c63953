"""The register's two sheets made for paper: 打印 (the applications) and 形式审查结果汇总表 (for
sign-off).

Contract:
- both print on A4 landscape, fitted to the page width, with columns whose widths add up to
  less than that width, so the fitting never shrinks the text: every character is at least
  `FONT_SIZE` (10 pt) at 100 %; text wraps, and every row is as tall as its longest cell needs
  (Excel does not grow the rows of a generated file), never taller than a page: a cell that
  would be is cut, saying so (`[print_sheet] cut`), and the full text stays on 总表;
- 打印 has one line per current application (no superseded version, no other mail), in
  编号 order, in `labels_zh.PRINT_COLUMN_KEYS` order; the 问题 column holds what the 总表
  comments hold (the findings in words with the original text a flagged value was read
  from), and 纸质件 the copies, receipt numbers, day received and the pairing in words; its
  header row repeats on every printed page;
- 形式审查结果汇总表 counts the current electronic applications per item by what happens next
  (正常 / 可补正 / 需人工核对 / 不予受理, the register's 状态), lists the 不予受理 ones with their
  reasons, and ends with lines for the 审核人 and 复核人 to sign and date.
The statuses come from the 总表 lines (`MainLine`), so the printout says what 总表 says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from copy import copy
from datetime import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from shenbao.outcome import REFUSAL_CODES
from shenbao.outputs.cells import cell_value, display_width
from shenbao.outputs.labels_zh import COLUMN_KEYS, PRINT_COLUMN_KEYS, RegisterLabels, StatusKey
from shenbao.outputs.paper_words import paper_words
from shenbao.outputs.register_view import MainLine
from shenbao.record import RegisterRow

FONT_SIZE = 10
FONT_NAME = "Calibri"
# A4 landscape is 11.69 in wide; less the margins below, 10.89 in (784 pt). A width unit is
# the default font's digit: 7 pixels (5.25 pt) in Excel with Calibri, but about 7 pt where
# LibreOffice has no Calibri-metric font and falls back to DejaVu Sans. The widths add up to
# 116 units, about 810 pt there: fitting the width then scales to about 96 %, 10 pt text to
# 9.6 pt, still above 9. (136 units came out at 82 %, 8.2 pt.)
PRINT_WIDTHS = {"id": 10, "org": 14, "project": 19, "item": 10, "status": 7, "problems": 29, "paper": 14,
                "note": 13}
# 形式审查结果汇总表: 编号, 申报单位, 项目名称, 收件时间, then four narrow columns (the counts
# per status, and together the reason of a refusal); 116 units as above.
SIGNOFF_WIDTHS = (11, 18, 26, 15, 10, 10, 11, 15)
_MARGINS = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
# One line of 10 pt text with a CJK font (Noto/Source Han, 等线) takes about 14 pt; 15 leaves
# room, and 4 more keep the last line off the border.
_LINE_POINTS = 15.0
_PADDING_POINTS = 4.0
# The tallest row Excel allows (409 pt) is shorter than the printable height of a landscape
# page (about 480 pt), so a row never has to split across pages.
_MOST_LINES = int((409.0 - _PADDING_POINTS) // _LINE_POINTS)
_HEADER_FILL = "D9E1F2"
_THIN = Side(style="thin", color="808080")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SIGN_LINE = Border(bottom=Side(style="thin", color="000000"))
_OUTCOMES: tuple[StatusKey, ...] = ("ok", "fixable", "review", "refused")


class _Looks:
    """Style arrays made once per look and copied onto cells (5,000 rows stay fast)."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self._ws = ws
        self._made: dict[tuple[object, ...], StyleArray] = {}

    def cell(self, value: object, *, fill: str | None = None, bold: bool = False, size: int = FONT_SIZE,
             grid: bool = True, center: bool = False, fmt: str = "General", border: Border | None = None) -> Cell:
        cell = WriteOnlyCell(self._ws, value)
        key = (fill, bold, size, grid, center, fmt, border)
        look = self._made.get(key)
        if look is None:
            proto = WriteOnlyCell(self._ws)
            proto.font = Font(name=FONT_NAME, size=size, bold=bold)
            proto.alignment = Alignment(wrap_text=True, vertical="top" if not center else "center",
                                        horizontal="center" if center else None)
            proto.number_format = fmt
            if fill:
                proto.fill = PatternFill("solid", start_color=fill, end_color=fill)
            if border is not None:
                proto.border = border
            elif grid:
                proto.border = _GRID
            look = self._made[key] = proto._style
        cell._style = copy(look)
        return cell


def print_setup(ws: WriteOnlyWorksheet, labels: RegisterLabels, title_row: int | None = 1) -> None:
    """Every sheet of the register prints on A4 landscape, fitted to the page width, with the
    office's footer and, when given, `title_row` repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = _MARGINS
    ws.oddFooter.center.text = labels.text["footer"]
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"


def _page_setup(ws: WriteOnlyWorksheet, labels: RegisterLabels, widths: Sequence[float],
                title_row: int | None) -> None:
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    print_setup(ws, labels, title_row)
    ws.oddFooter.center.size = FONT_SIZE


def _lines_in(text: str, width: float) -> int:
    """How many lines `text` takes in a column of `width` (generously: a CJK character counts
    2 units though at 10 pt it takes about 1.9)."""
    room = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(display_width(part) / room)) for part in text.split("\n"))


def _fit(text: str, width: float, cut: str) -> str:
    """`text`, or as much of it as fits `_MOST_LINES` lines followed by `cut`."""
    if _lines_in(text, width) <= _MOST_LINES:
        return text
    # The longest prefix that fits, by halving: lines only grow as characters are added, and a
    # register writes hundreds of these cells (one character at a time took seconds).
    low, high = 0, len(text)  # text[:low] + cut fits; text[:high + 1] + cut does not
    while low < high:
        mid = (low + high + 1) // 2
        if _lines_in(text[:mid] + cut, width) <= _MOST_LINES:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + cut


def _row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    most = max((_lines_in(v, w) for v, w in zip(values, widths) if isinstance(v, str)), default=1)
    return min(409.0, _LINE_POINTS * most + _PADDING_POINTS)


# --------------------------------------------------------------------------- 打印

def print_rows(rows: Sequence[RegisterRow]) -> list[RegisterRow]:
    """The rows the 打印 sheet lists: current applications, in the given order."""
    return [r for r in rows if r.kind == "application" and not r.superseded_by]


def problems_in_words(row: RegisterRow, labels: RegisterLabels) -> str:
    """Every finding as a numbered line in words, with the original text of the value it
    concerns (what the 总表 comment shows), then the reader's notes."""
    w = labels.print_sheet
    lines = []
    for i, finding in enumerate(row.findings, 1):
        text = f"{i}.【{labels.severity.get(finding.severity, finding.severity)}】{finding.message}"
        ev = row.evidence.get(finding.field or "")
        if ev is not None and ev.text:
            text += w["evidence"].format(text=ev.text, file=ev.file, where=ev.where)
        lines.append(text)
    lines += [f"【{labels.severity['info']}】{note}" for note in row.notes]
    return "\n".join(lines)


def paper_text(row: RegisterRow, labels: RegisterLabels) -> str:
    """The row's paper copies: how many, the receipt numbers, the day received and how they
    were paired, in words."""
    w = labels.print_sheet
    paper = row.paper
    if not paper.copies and not paper.receipt_ids:
        return w["paper_none"]
    parts = [w["paper_copies"].format(n=paper.copies)]
    if paper.receipt_ids:
        parts.append(w["paper_ids"].format(ids="、".join(paper.receipt_ids)))
    if paper.received_on:
        parts.append(w["paper_received"].format(day=paper.received_on.isoformat()))
    if paper.explanation:
        parts.append(paper_words(paper.explanation))
    return "\n".join(parts)


def _staff_text(line: MainLine, labels: RegisterLabels) -> str | None:
    note = line.values[COLUMN_KEYS.index("staff_note")]
    check = line.values[COLUMN_KEYS.index("staff_check")]
    parts = ([labels.print_sheet["check"].format(check=check)] if check else []) + ([str(note)] if note else [])
    return "".join(parts) or None


def print_values(row: RegisterRow, line: MainLine, labels: RegisterLabels) -> list[object]:
    """The 打印 line of a row, in PRINT_COLUMN_KEYS order, every text safe for a cell and cut
    to what a row can show."""
    f = row.fields
    raw: dict[str, object] = {
        "id": row.id,
        "org": f.applicant_org if f else None,
        "project": f.project_name if f else None,
        "item": (f.subcategory or f.category) if f else None,
        "status": labels.status[line.status],
        "problems": problems_in_words(row, labels) or None,
        "paper": paper_text(row, labels),
        "note": _staff_text(line, labels),
    }
    cut = labels.print_sheet["cut"]
    values = []
    for key in PRINT_COLUMN_KEYS:
        value = cell_value(raw[key])
        values.append(_fit(value, PRINT_WIDTHS[key], cut) if isinstance(value, str) else value)
    return values


def write_print_sheet(ws: WriteOnlyWorksheet, rows: Sequence[RegisterRow], lines: Sequence[MainLine],
                      labels: RegisterLabels, now: datetime) -> None:
    """The 打印 sheet (see the module contract); `lines` are the 总表 lines of `rows`."""
    w = labels.print_sheet
    looks = _Looks(ws)
    widths = [float(PRINT_WIDTHS[k]) for k in PRINT_COLUMN_KEYS]
    by_id = {line.row_id: line for line in lines}
    shown = [r for r in print_rows(rows) if r.id in by_id]
    _page_setup(ws, labels, widths, title_row=2)
    ws.freeze_panes = "C3"
    title = cell_value(w["title"].format(count=len(shown), when=f"{now:%Y-%m-%d %H:%M}"))
    ws.merged_cells.add(f"A1:{get_column_letter(len(widths))}1")
    ws.row_dimensions[1].height = _row_height([title], [sum(widths)])
    ws.append([looks.cell(title, bold=True, grid=False)])
    header = [cell_value(w[k]) for k in PRINT_COLUMN_KEYS]
    ws.row_dimensions[2].height = _row_height(header, widths)
    ws.append([looks.cell(text, fill=_HEADER_FILL, bold=True) for text in header])
    status_at = PRINT_COLUMN_KEYS.index("status")
    for number, row in enumerate(shown, 3):
        line = by_id[row.id]
        values = print_values(row, line, labels)
        ws.row_dimensions[number].height = _row_height(values, widths)
        ws.append([looks.cell(value, fill=labels.status_fill[line.status] if i == status_at else None,
                              fmt="@" if PRINT_COLUMN_KEYS[i] == "id" else "General")
                   for i, value in enumerate(values)])


# --------------------------------------------------------------------------- 形式审查结果汇总表

def refusal_reason(row: RegisterRow) -> str:
    """Why the row is not accepted: its refusing findings (shenbao.outcome.REFUSAL_CODES), else
    all its errors."""
    refusing = [f.message for f in row.findings if f.severity == "error" and f.code in REFUSAL_CODES]
    return "；".join(refusing or [f.message for f in row.findings if f.severity == "error"])


def signoff_counts(rows: Sequence[RegisterRow], lines: Sequence[MainLine],
                   labels: RegisterLabels) -> tuple[list[list[object]], int]:
    """Per item (then the total): [item, applications, 正常, 可补正, 需人工核对, 不予受理] of the
    current electronic applications; and how many rows are paper only (not counted)."""
    status = {line.row_id: line.status for line in lines}
    unknown = labels.text["not_recognised"]
    by_item: dict[str, list[StatusKey]] = {}
    paper_only = 0
    for row in print_rows(rows):
        key = status.get(row.id)
        if key == "paper_only":
            paper_only += 1
        if key not in _OUTCOMES:
            continue
        f = row.fields
        by_item.setdefault((f.subcategory or f.category if f else None) or unknown, []).append(key)
    items = sorted(by_item, key=lambda item: (item == unknown, item))
    table: list[list[object]] = []
    for item in items:
        keys = by_item[item]
        table.append([item, len(keys), *(keys.count(k) for k in _OUTCOMES)])
    every = [k for item in items for k in by_item[item]]
    table.append([labels.signoff["total"], len(every), *(every.count(k) for k in _OUTCOMES)])
    return table, paper_only


class _Lines:
    """Lines appended one by one to a write-only sheet, counted so that merges and heights
    (which such a sheet writes with the line, so they are set first) name the right row."""

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self.ws = ws
        self.looks = _Looks(ws)
        self.number = 0

    def put(self, cells: Sequence[Cell | None], fits: Sequence[tuple[object, float]] = (),
            merges: Sequence[tuple[int, int]] = (), height: float | None = None) -> None:
        """Append `cells`; the line is as tall as the texts of `fits` need in their widths, or
        `height`; `merges` are (first, last) column numbers to join."""
        self.number += 1
        for first, end in merges:
            self.ws.merged_cells.add(f"{get_column_letter(first)}{self.number}:{get_column_letter(end)}{self.number}")
        if fits:
            height = _row_height([v for v, _ in fits], [x for _, x in fits])
        if height is not None:
            self.ws.row_dimensions[self.number].height = height
        self.ws.append(list(cells))


def write_signoff_sheet(ws: WriteOnlyWorksheet, rows: Sequence[RegisterRow], lines: Sequence[MainLine],
                        labels: RegisterLabels, now: datetime) -> None:
    """The 形式审查结果汇总表 sheet (see the module contract)."""
    w = labels.signoff
    out = _Lines(ws)
    widths = [float(x) for x in SIGNOFF_WIDTHS]
    _page_setup(ws, labels, widths, title_row=None)
    every = len(widths)
    out.put([out.looks.cell(cell_value(w["title"]), bold=True, size=14, grid=False, center=True)],
            merges=[(1, every)], height=24.0)
    counts, paper_only = signoff_counts(rows, lines, labels)
    notes = [w["generated"].format(when=f"{now:%Y-%m-%d %H:%M}")]
    notes += [w["paper_only"].format(n=paper_only)] if paper_only else []
    for note in notes:
        out.put([out.looks.cell(cell_value(note), grid=False)], [(note, sum(widths))], [(1, every)])
    out.put([])
    out.put([out.looks.cell(cell_value(w["by_item"]), bold=True, grid=False)], merges=[(1, every)])
    _put_counts(out, counts, labels, widths)
    out.put([])
    out.put([out.looks.cell(cell_value(w["refused"]), bold=True, grid=False)], merges=[(1, every)])
    status = {line.row_id: line.status for line in lines}
    _put_refusals(out, [r for r in print_rows(rows) if status.get(r.id) == "refused"], labels, widths)
    for who in ("reviewer", "checker"):
        out.put([])
        looks = out.looks
        out.put([looks.cell(cell_value(w[who]), grid=False), None, looks.cell(None, border=_SIGN_LINE),
                 looks.cell(cell_value(w["date"]), grid=False), looks.cell(None, border=_SIGN_LINE),
                 looks.cell(None, border=_SIGN_LINE)], merges=[(1, 2), (5, 6)], height=30.0)


def _put_counts(out: _Lines, counts: Sequence[Sequence[object]], labels: RegisterLabels,
                widths: Sequence[float]) -> None:
    """The per-item table: the item across the first three columns, then the five counts."""
    looks, w = out.looks, labels.signoff
    item_width = sum(widths[:3])
    header = [cell_value(w["item"]), cell_value(w["count"]), *(cell_value(labels.status[k]) for k in _OUTCOMES)]
    out.put([looks.cell(header[0], fill=_HEADER_FILL, bold=True), None, None,
             *(looks.cell(h, fill=_HEADER_FILL, bold=True, center=True) for h in header[1:])],
            list(zip(header, [item_width, *widths[3:]])), [(1, 3)])
    for counted in counts:
        total = counted is counts[-1]
        item = cell_value(counted[0])
        out.put([looks.cell(item, bold=total), looks.cell(None), looks.cell(None),
                 *(looks.cell(n, center=True, bold=total) for n in counted[1:])], [(item, item_width)], [(1, 3)])


def _put_refusals(out: _Lines, refused: Sequence[RegisterRow], labels: RegisterLabels,
                  widths: Sequence[float]) -> None:
    """The 不予受理 list: 编号, 申报单位, 项目名称, 收件时间, and the reason across the last four columns."""
    looks, w = out.looks, labels.signoff
    spans = [*widths[:4], sum(widths[4:])]
    head = [cell_value(w[k]) for k in ("id", "org", "project", "received", "reason")]
    out.put([*(looks.cell(h, fill=_HEADER_FILL, bold=True) for h in head), None, None, None],
            list(zip(head, spans)), [(5, 8)])
    if not refused:
        out.put([looks.cell(cell_value(w["refused_none"])), *(looks.cell(None) for _ in range(7))], merges=[(1, 8)])
    cut = labels.print_sheet["cut"]
    for row in refused:
        f = row.fields
        values = [cell_value(v) for v in (row.id, f.applicant_org if f else None, f.project_name if f else None,
                                          row.received_at, refusal_reason(row))]
        values = [_fit(v, x, cut) if isinstance(v, str) else v for v, x in zip(values, spans)]
        out.put([looks.cell(values[0], fmt="@"), looks.cell(values[1]), looks.cell(values[2]),
                 looks.cell(values[3], fmt="yyyy-mm-dd hh:mm"), looks.cell(values[4]),
                 *(looks.cell(None) for _ in range(3))], list(zip(values, spans)), [(5, 8)])

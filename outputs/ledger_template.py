"""Write a blank paper-receipt ledger (纸质件登记簿) for the office to keep by hand.

The template is only a convenience: `shenbao.intake.ledger.read_ledger` reads any ledger
with recognisable headers. It exists so that new ledgers start with real date cells, a
whole-number 份数, a frozen header and a 说明 sheet explaining how staff record a decision
about a receipt's pairing (对应 / 非 in the 备注 column).

A ledger at the target path may already hold a morning of the clerks' typing, so an
existing file is never replaced unless the caller says `force` (the CLI's --force).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from shenbao.outputs.cells import display_width

SHEET_TITLE = "纸质件登记"
NOTES_TITLE = "说明"
HEADERS: tuple[str, ...] = ("登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注")
# Typical content width per column, in characters (CJK counted double by `display_width`).
_SAMPLE_WIDTH: dict[str, int] = {"登记号": 10, "收件日期": 12, "邮戳日期": 12, "申报单位": 40,
                                 "项目名称": 50, "份数": 6, "经手人": 10, "备注": 36}
TEMPLATE_ROWS = 500  # rows prepared with validation and formats

NOTES: tuple[str, ...] = (
    "纸质件登记簿填写说明",
    "1. 每收到一件纸质申报材料登记一行；同一项目分两次寄到的，分两行登记，系统会把份数相加。",
    "2. 登记号每行唯一（如 P-001），登记后不要改动；收件日期、邮戳日期请填日期（如 2024-04-28），"
    "邮戳看不清可留空。",
    "3. 申报单位、项目名称照信封或申报书封面填写，可简写；份数填数字（指南要求一式{copies}份）。",
    "4. 系统会自动把纸质件与电子版邮件配对。配对不确定时，登记表中该申报会标记“需人工核对”，"
    "并列出候选纸质件和打分明细。",
    "5. 人工确认配对：在该纸质件所在行的“备注”栏写“对应 2024-0007”（2024-0007 为登记表中电子申报的编号）。"
    "确认后无论打分高低都按此配对。",
    "6. 人工排除配对：在“备注”栏写“非 2024-0007”或“不是 2024-0007”，系统不再把这件纸质件配给该申报；"
    "可写多个，如“非 2024-0007 非 2024-0012”。",
    "7. 确认没有电子版：在“备注”栏写“无电子版”，该纸质件单独成行并标记“未收到电子版”。",
    "8. 这些决定写在登记簿里，重新导入、重新运行都不会丢失；备注栏的其他文字（如 EMS、顺丰）不受影响。",
    "9. 系统只读取本登记簿，从不修改它。",
)  # "{copies}" is filled with the guide's paper_copies_required


class TemplateExists(FileExistsError):
    """Raised by `write_template` when `path` exists and `force` was not given: the file may
    be a ledger staff have filled in. `path` is the file; the message is for the user."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"文件“{path}”已存在（可能是已填写的登记簿），未覆盖。"
                         "确需重新生成请加 --force，或换一个文件名")
        self.path = path


def packaged_copies_required() -> int:
    """一式N份 from the default settings' rules file (the packaged guide unless configured)."""
    from shenbao.settings import Settings  # local: only when the caller does not say N (settings import outputs)
    from shenbao.validators.guide import load_guide  # local: as above; outputs need no rules otherwise

    return load_guide(Settings().rules_path()).paper_copies_required


def write_template(path: str | Path, *, copies_required: int | None = None, force: bool = False) -> Path:
    """Write the blank ledger to `path` atomically (temp file, then os.replace) and return it.

    Must: refuse with `TemplateExists` when `path` exists, unless `force`; header row first
    and frozen; 份数 validated as a whole number 1–20; both date columns validated as dates
    and formatted yyyy-mm-dd; 登记号 kept as text; widths fit Chinese text; a 说明 sheet
    explains how to confirm or reject a pairing in 备注. `copies_required` (一式N份 in the
    instructions) defaults to `packaged_copies_required()`."""
    target = Path(path)
    if not force and (target.exists() or target.is_symlink()):
        raise TemplateExists(target)
    n = copies_required if copies_required is not None else packaged_copies_required()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_TITLE
    ws.append(list(HEADERS))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for col, name in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        letter = cell.column_letter
        width = max(display_width(name), _SAMPLE_WIDTH.get(name, 10)) + 2
        ws.column_dimensions[letter].width = min(width, 60)
    ws.freeze_panes = "A2"
    # Printed for filing: landscape, all columns on one page width, header on every page.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"

    last = TEMPLATE_ROWS + 1
    letters = {name: ws.cell(row=1, column=i).column_letter for i, name in enumerate(HEADERS, start=1)}
    copies = DataValidation(type="whole", operator="between", formula1="1", formula2="20",
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="份数有误", error=f"份数请填1—20之间的整数（指南要求一式{n}份）",
                            promptTitle="份数", prompt=f"填数字，如 {n}", showInputMessage=True)
    dates = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                           formula2="DATE(2100,12,31)", allow_blank=True, showErrorMessage=True,
                           errorTitle="日期有误", error="请填日期，如 2024-04-28",
                           promptTitle="日期", prompt="填日期，如 2024-04-28", showInputMessage=True)
    for validation in (copies, dates):
        ws.add_data_validation(validation)
    copies.add(f"{letters['份数']}2:{letters['份数']}{last}")
    dates.add(f"{letters['收件日期']}2:{letters['收件日期']}{last}")
    dates.add(f"{letters['邮戳日期']}2:{letters['邮戳日期']}{last}")
    for row in range(2, last + 1):
        ws[f"{letters['收件日期']}{row}"].number_format = "yyyy-mm-dd"
        ws[f"{letters['邮戳日期']}{row}"].number_format = "yyyy-mm-dd"
        ws[f"{letters['登记号']}{row}"].number_format = "@"

    notes = wb.create_sheet(NOTES_TITLE)
    for line in NOTES:
        notes.append([line.format(copies=n)])
    notes["A1"].font = Font(bold=True, size=14)
    notes.column_dimensions["A"].width = 90
    for row in notes.iter_rows(min_row=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".ledger-", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

"""The funded-projects history: projects supported in past years, for the repeat rule.

The office keeps it as a workbook with one row per funded project: 年度, 申报单位, 项目名称,
项目类别. People rename headers (年份, 承担单位, 项目类型 …), add a title row above the
header, or split years over sheets; `read_history` tolerates all of that.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook
from pydantic import BaseModel, ConfigDict


class FundedProject(BaseModel):
    """One project funded in a past year."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    year: int
    applicant_org: str
    project_name: str
    category: str = ""  # the item (项目类别) where the sheet gives it
    sheet: str = ""
    row_number: int = 0


class HistoryError(Exception):
    """Raised when the history workbook cannot be used at all (not a workbook, or no sheet
    has a recognisable header). `reason` is Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# Header words per column, most specific first; matched after removing spaces and brackets.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "year": ("立项年度", "支持年度", "年度", "年份", "立项年份", "年"),
    "applicant_org": ("申报单位", "承担单位", "项目单位", "申请单位", "单位名称", "依托单位", "单位"),
    "project_name": ("项目名称", "项目题目", "名称", "项目"),
    "category": ("项目类别", "项目类型", "申报类别", "类别", "类型", "子类"),
}
_HEADER_SCAN_ROWS = 10


def read_history(path: str | Path) -> list[FundedProject]:
    """Read every sheet's funded projects.

    Must: find the header row in the first rows of each sheet (tolerating header
    variants), skip blank rows and rows without a year, unit or name, read a year written
    as 2023, "2023年", "2023年度" or a date, and ignore sheets with no recognisable header.
    Raises `HistoryError` when the file is not a readable workbook or no sheet has one.
    """
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise HistoryError(f"无法打开已立项项目清单 {Path(path).name}（{exc}）") from exc
    projects: list[FundedProject] = []
    found_header = False
    try:
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            header = _find_header(rows)
            if header is None:
                continue
            found_header = True
            header_index, columns = header
            sheet_year = _year_of(sheet.title)
            for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
                project = _row_to_project(row, columns, sheet.title, offset, sheet_year)
                if project is not None:
                    projects.append(project)
    finally:
        workbook.close()
    if not found_header:
        raise HistoryError(f"已立项项目清单 {Path(path).name} 中找不到表头（需要 年度、申报单位、项目名称 等列）")
    return projects


def _cell_key(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"[\s()（）:：*]", "", text)


def _find_header(rows: list[tuple[object, ...]]) -> tuple[int, dict[str, int]] | None:
    """The first row that names at least a unit and a project column, with the column
    index of each field it names."""
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        keys = [_cell_key(c) for c in row]
        for field, words in HEADER_WORDS.items():
            # An exact header beats a prefix ("项目名称（全称）"); specific words beat generic ones.
            for exact in (True, False):
                hit = next((i for word in words for i, k in enumerate(keys)
                            if (k == word if exact else k.startswith(word)) and i not in columns.values()),
                           None)
                if hit is not None:
                    columns[field] = hit
                    break
        if "applicant_org" in columns and "project_name" in columns:
            return index, columns
    return None


def _row_to_project(row: tuple[object, ...], columns: dict[str, int], sheet: str, number: int,
                    sheet_year: int | None) -> FundedProject | None:
    def cell(field: str) -> object:
        i = columns.get(field)
        return row[i] if i is not None and i < len(row) else None

    org = str(cell("applicant_org") or "").strip()
    name = str(cell("project_name") or "").strip()
    year = _year_of(cell("year")) or sheet_year
    if not org or not name or year is None:
        return None
    return FundedProject(year=year, applicant_org=org, project_name=name,
                         category=str(cell("category") or "").strip(), sheet=sheet, row_number=number)


def _year_of(value: object) -> int | None:
    if isinstance(value, (datetime, date)):
        return value.year
    if isinstance(value, (int, float)) and 1990 <= int(value) <= 2100:
        return int(value)
    m = re.search(r"(19|20)\d{2}", unicodedata.normalize("NFKC", str(value or "")))
    return int(m.group(0)) if m else None

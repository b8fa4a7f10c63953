"""Read the staff's paper-receipt ledger (纸质件登记簿) into `Receipt` rows.

Contract of `read_ledger(path, year=None)`:
- The workbook is opened read-only (openpyxl `read_only=True, data_only=True`) and never
  written: it belongs to the staff, and an openpyxl load-and-save drops data validation,
  conditional formatting and images (openpyxl warns "… extension is not supported and will be removed").
- Old Excel 97–2003 .xls and WPS .et ledgers (BIFF, recognised by content, not by name) are
  read with xlrd into the same cell values, then go through exactly the same steps.
- Every sheet whose first ~10 rows hold a recognisable header row is read; merged title rows
  above the header, extra columns and blank rows are fine. Header spellings vary
  (单位名称 for 申报单位, 数量 for 份数, 编号/序号 for 登记号 when there is no 登记号 column …).
- Dates may be real dates, Excel serial numbers or text in any common form
  (2024.4.28, 2024/04/28, 2024-4-28, 2024年4月28日, 20240428, 4月28日, 4.28). A date without a
  year takes the year most often seen in the ledger's full dates, else `year`, else today's.
- Copies may be 3, "3份", "三份", "一式三份".
- A row that cannot be used (no unit and no project name), a value that cannot be read, a
  missing or duplicated 登记号: each is a `LedgerProblem` with the sheet, the row number and a
  Chinese reason. Nothing is dropped silently: a row whose 登记号 is missing gets a generated
  id "第N行" (sheet name in front for sheets after the first) and a problem saying so.
"""

from __future__ import annotations

import io
import re
import struct
import unicodedata
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import xlrd

from shenbao.record import LedgerProblem, Receipt

HEADER_SCAN_ROWS = 10

# Canonical field → accepted header spellings, after `_clean_header`. Order matters only for
# the fallback id columns, which are used when no 登记号-like column exists.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "receipt_id": ("登记号", "收件登记号", "登记编号", "收件编号", "纸质件登记号", "收件号"),
    "received_on": ("收件日期", "收到日期", "接收日期", "收件时间", "收到时间", "送达日期",
                    "到件日期", "收文日期", "签收日期", "登记日期", "收件日"),
    "postmarked_on": ("邮戳日期", "邮戳", "邮戳时间", "寄出日期", "邮寄日期", "寄件日期", "交寄日期"),
    "applicant_org": ("申报单位", "单位名称", "申报单位名称", "单位", "报送单位", "寄件单位", "送件单位"),
    "project_name": ("项目名称", "项目", "申报项目", "申报项目名称", "项目题目"),
    "copies": ("份数", "数量", "份", "纸质份数", "纸质版份数", "收件份数"),
    "handler": ("经手人", "签收人", "接收人", "登记人", "收件人", "经办人"),
    "note": ("备注", "说明", "备注说明"),
}
FALLBACK_ID_NAMES = ("编号", "序号")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
              "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8,
              "捌": 8, "九": 9, "玖": 9, "十": 10, "拾": 10}


_CN_NUM = "一壹二贰两三叁四肆五伍六陆七柒八捌九玖"
_CN_COPIES = re.compile(f"([零〇{_CN_NUM}]?)([十拾]?)([{_CN_NUM}]?)份")


def read_ledger(path: str | Path, year: int | None = None) -> tuple[list[Receipt], list[LedgerProblem]]:
    """Read every recognisable sheet of the ledger at `path`; see the module docstring.

    Raises FileNotFoundError for a missing file (bad config: the path is wrong); a file that
    cannot be read as a workbook (a corrupt or encrypted file, not a spreadsheet) is one
    `LedgerProblem`, and so is every problem inside the workbook.
    """
    path = Path(path)
    with path.open("rb") as fh:  # FileNotFoundError propagates: the configured path is wrong
        head = fh.read(len(_OLE_MAGIC))
    try:
        # Chosen by content, not by name: WPS .et files and many "xlsx" files mailed around
        # are BIFF workbooks, and an .xls may really be OOXML.
        sheets = xls_to_sheets(path) if head == _OLE_MAGIC else xlsx_to_sheets(path)
    except LedgerUnreadable:
        return [], [LedgerProblem(sheet="", row_number=0, message=(
            f"登记簿“{path.name}”无法打开（不是 .xlsx/.xls/.et 表格，或文件已损坏、已加密），"
            "请用 Excel/WPS 打开后另存为 .xlsx 再试"))]
    raw_rows: list[tuple[str, int, dict[str, Any]]] = []
    problems: list[LedgerProblem] = []
    found_header = False
    for title, rows in sheets:
        header = _find_header(rows)
        if header is None:
            continue
        found_header = True
        header_index, columns = header
        for offset, values in enumerate(rows[header_index + 1:], start=header_index + 2):
            if all(_is_blank(v) for v in values):
                continue
            record = {field: values[col] if col < len(values) else None
                      for field, col in columns.items()}
            raw_rows.append((title, offset, record))
    if not found_header:
        problems.append(LedgerProblem(
            sheet="", row_number=0,
            message="登记簿中没有找到表头（应有“登记号、收件日期、申报单位、项目名称、份数”等列），未读取任何记录"))
        return [], problems

    default_year = _most_common_year([r for _, _, r in raw_rows]) or year or date.today().year
    receipts: list[Receipt] = []
    seen_ids: set[str] = set()
    first_sheet = raw_rows[0][0] if raw_rows else ""
    for sheet, row_number, record in raw_rows:
        receipt, row_problems = _record_to_receipt(sheet, row_number, record, default_year,
                                                   first_sheet)
        problems.extend(row_problems)
        if receipt is None:
            continue
        if receipt.receipt_id in seen_ids:
            new_id = f"{receipt.receipt_id}（{_row_label(sheet, row_number, first_sheet)}）"
            problems.append(LedgerProblem(
                sheet=sheet, row_number=row_number,
                message=f"登记号“{receipt.receipt_id}”与前面的记录重复，本行暂记为“{new_id}”，请改正登记号"))
            receipt = receipt.model_copy(update={"receipt_id": new_id})
        seen_ids.add(receipt.receipt_id)
        receipts.append(receipt)
    return receipts, problems


# --------------------------------------------------------------------------- workbooks

Sheet = tuple[str, list[tuple[Any, ...]]]  # (sheet title, its rows of cell values)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: BIFF .xls/.et (or encrypted OOXML)


class LedgerUnreadable(Exception):
    """Raised by the workbook readers when the file is not a workbook they can open."""


def xlsx_to_sheets(path: Path) -> list[Sheet]:
    """Every sheet of an .xlsx workbook, opened read-only (see the module contract)."""
    # Local: openpyxl takes ~0.4 s to import, and paper matching imports this module for
    # parse_decisions alone; only a configured ledger file needs the reader.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException  # local for the same reason

    try:
        with warnings.catch_warnings():
            # Staff workbooks may carry extensions openpyxl does not support; reading must not care.
            warnings.simplefilter("ignore", UserWarning)
            wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise LedgerUnreadable(str(exc)) from exc
    try:
        return [(ws.title, [tuple(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
    finally:
        wb.close()


def xls_to_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a BIFF workbook (Excel 97–2003 .xls, WPS .et), read with xlrd.

    Cells become what openpyxl gives for an .xlsx: dates as datetime (in the workbook's
    1900 or 1904 date system), numbers as float, text as str, empty cells as None, and an
    error cell as its Excel text (#N/A), so the rows then go through the same checks."""

    try:
        # xlrd logs format oddities to stdout by default; they are not the user's business.
        book = xlrd.open_workbook(str(path), logfile=io.StringIO(), on_demand=True)
    except (xlrd.XLRDError, xlrd.compdoc.CompDocError, OSError, ValueError, AssertionError,
            IndexError, KeyError, struct.error) as exc:
        raise LedgerUnreadable(str(exc)) from exc
    try:
        sheets: list[Sheet] = []
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = [tuple(_xls_cell_value(cell, book.datemode) for cell in sheet.row(r))
                    for r in range(sheet.nrows)]
            sheets.append((sheet.name, rows))
            book.unload_sheet(index)
        return sheets
    finally:
        book.release_resources()


def _xls_cell_value(cell: Any, datemode: int) -> Any:
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell.value  # reported by value_to_date as a number that is not a date
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return cell.value


# --------------------------------------------------------------------------- header

def _clean_header(value: Any) -> str:
    """Header text without spaces, bracketed hints (（份）, (年月日)), stars and colons."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub(r"[(\[【].*?[)\]】]", "", text)
    return re.sub(r"[\s*:：、/]", "", text)


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[str, int]] | None:
    """The index of the header row within the first rows and its field → column map.

    A header row must name a unit or a project column and at least three known columns."""
    for index, values in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        fallback_id: int | None = None
        for col, value in enumerate(values):
            name = _clean_header(value)
            if not name:
                continue
            for field, names in HEADER_NAMES.items():
                if name in names and field not in columns:
                    columns[field] = col
                    break
            else:
                if name in FALLBACK_ID_NAMES and fallback_id is None:
                    fallback_id = col
        if "receipt_id" not in columns and fallback_id is not None:
            columns["receipt_id"] = fallback_id
        if len(columns) >= 3 and ("applicant_org" in columns or "project_name" in columns):
            return index, columns
    return None


# --------------------------------------------------------------------------- rows

def _row_label(sheet: str, row_number: int, first_sheet: str) -> str:
    return f"第{row_number}行" if sheet == first_sheet else f"{sheet}第{row_number}行"


def _record_to_receipt(sheet: str, row_number: int, record: dict[str, Any], default_year: int,
                       first_sheet: str) -> tuple[Receipt | None, list[LedgerProblem]]:
    problems: list[LedgerProblem] = []

    def problem(message: str) -> None:
        problems.append(LedgerProblem(sheet=sheet, row_number=row_number, message=message))

    org = _text(record.get("applicant_org"))
    project = _text(record.get("project_name"))
    if not org and not project:
        seen = "、".join(_text(v) for v in record.values() if not _is_blank(v))
        problem(f"无法识别为收件记录：没有申报单位也没有项目名称（本行内容：{seen}），请补全或删除")
        return None, problems

    receipt_id = _id_text(record.get("receipt_id"))
    if not receipt_id:
        receipt_id = _row_label(sheet, row_number, first_sheet)
        problem(f"缺少登记号，暂以“{receipt_id}”代替；请补填登记号（行号会随增删行而变化）")

    dates: dict[str, date | None] = {}
    for field, label in (("received_on", "收件日期"), ("postmarked_on", "邮戳日期")):
        raw = record.get(field)
        parsed, reason = value_to_date(raw, default_year)
        if reason:
            problem(f"{label}“{_text(raw)}”无法识别：{reason}")
        dates[field] = parsed
    if dates["received_on"] is None and _is_blank(record.get("received_on")):
        problem("收件日期为空，请补填")

    copies_raw = record.get("copies")
    copies = value_to_copies(copies_raw)
    if copies is None:
        problem(f"份数“{_text(copies_raw)}”无法识别，按0份处理，请改为数字" if not _is_blank(copies_raw)
                else "份数为空，按0份处理，请补填")
        copies = 0
    elif not 1 <= copies <= 20:
        problem(f"份数{copies}不在1—20之间，请核对")

    receipt = Receipt(
        receipt_id=receipt_id,
        received_on=dates["received_on"],
        postmarked_on=dates["postmarked_on"],
        applicant_org=org,
        project_name=project,
        copies=copies,
        handler=_text(record.get("handler")),
        note=_text(record.get("note")),
        sheet=sheet,
        row_number=row_number,
    )
    return receipt, problems


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return re.sub(r"\s+", " ", str(value)).strip()


def _id_text(value: Any) -> str:
    return _text(value).replace(" ", "")


# --------------------------------------------------------------------------- values

def value_to_copies(value: Any) -> int | None:
    """Copies from 3, 3.0, "3", "3份", "三份", "一式三份", "叁份"; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text or text.startswith("#"):  # an Excel error value (#DIV/0!, #N/A), not a count
        return None
    match = re.search(r"\d+", text)
    if match:
        return int(match.group())
    match = _CN_COPIES.search(text)
    if match and any(match.groups()):
        head, ten, tail = match.groups()
        if ten:
            return (_CN_DIGITS[head] if head else 1) * 10 + (_CN_DIGITS[tail] if tail else 0)
        return _CN_DIGITS[head] if head else None
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    return None


_FULL = re.compile(r"^(\d{2}|\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\.?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*日?\.?$")


def value_to_date(value: Any, default_year: int) -> tuple[date | None, str | None]:
    """A date from a ledger cell, or (None, Chinese reason); (None, None) for a blank cell.

    `default_year` fills dates written without a year (4月28日, 4.28)."""
    if _is_blank(value):
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_to_date(value, default_year)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"\s+\d{1,2}:\d{2}(:\d{2})?$", "", text)  # "2024-04-28 00:00:00"
    for pattern, has_year in ((_FULL, True), (_COMPACT, True), (_MONTH_DAY, False)):
        match = pattern.match(text)
        if not match:
            continue
        parts = [int(g) for g in match.groups()]
        if has_year:
            y, m, d = parts
            y = y + 2000 if y < 100 else y
        else:
            (m, d), y = parts, default_year
        try:
            return date(y, m, d), None
        except ValueError:
            return None, "不是有效日期"
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _number_to_date(float(text), default_year)
    return None, "日期格式不认识，请写成2024-04-28"


def _number_to_date(value: float, default_year: int) -> tuple[date | None, str | None]:
    """Excel serial numbers, 20240428, and 4.28 typed into a number cell."""
    if 20000 <= value <= 80000:
        # Excel's 1900 date system; serial 60 (the fictitious 1900-02-29) is far below this range.
        return date(1899, 12, 30) + timedelta(days=int(value)), None
    if 19000101 <= value <= 21001231 and float(value).is_integer():
        return value_to_date(str(int(value)), default_year)
    if 0 < value < 13:
        month = int(value)
        digits = f"{value:.2f}".split(".")[1]
        day = int(digits)
        if digits.endswith("0"):
            day = int(digits[0])
            if day and _valid(default_year, month, day * 10):
                # 4.3 may have been typed as 4.3 or 4.30: Excel kept only the number.
                return None, (f"数字单元格中的{value:g}无法区分是{month}月{day}日还是{month}月{day * 10}日，"
                              "请写成完整日期")
        if not _valid(default_year, month, day):
            return None, "不是有效日期"
        return date(default_year, month, day), None
    return None, "数字不是日期"


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _most_common_year(records: list[dict[str, Any]]) -> int | None:
    """The year most often seen among the ledger's dates that carry one."""
    years: Counter[int] = Counter()
    for record in records:
        for field in ("received_on", "postmarked_on"):
            value = record.get(field)
            if isinstance(value, (datetime, date)):
                years[value.year] += 1
            elif isinstance(value, str):
                text = unicodedata.normalize("NFKC", value).strip()
                match = _FULL.match(text) or _COMPACT.match(text)
                if match:
                    y = int(match.group(1))
                    years[y + 2000 if y < 100 else y] += 1
            elif isinstance(value, (int, float)) and 20000 <= value <= 80000:
                years[(date(1899, 12, 30) + timedelta(days=int(value))).year] += 1
    return years.most_common(1)[0][0] if years else None


# --------------------------------------------------------------------------- staff decisions

@dataclass(frozen=True)
class Decision:
    """What staff wrote in a receipt's 备注 about its pairing with an emailed application.

    `confirmed`: the register number (or key) the receipt belongs to, applied whatever the
    score. `rejected`: register numbers the receipt must never be paired with.
    `paper_only`: staff state no email carries this application (无电子版/无对应)."""

    receipt_id: str
    confirmed: str | None = None
    rejected: frozenset[str] = frozenset()
    paper_only: bool = False


# "不对应"/"非"/"不是" must be tried before "对应", which they contain or precede.
_REJECT = re.compile(r"(?:不对应|不是|不属于|非)\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9_\-#]*)")
_CONFIRM = re.compile(r"(?<![不非])(?:对应|属于|并入)\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9_\-#]*)")
_PAPER_ONLY = re.compile(r"无电子版|无对应|仅纸质|只有纸质")


def note_to_decision(receipt_id: str, note: str) -> Decision | None:
    """The staff decision in one 备注 text, or None when it holds none.

    Forms: "对应 2024-0007" (confirm), "非 2024-0007" / "不是 2024-0007" / "不对应 2024-0007"
    (reject; several may be listed), "无电子版" (paper only)."""
    text = unicodedata.normalize("NFKC", note or "")
    rejected = frozenset(m.group(1) for m in _REJECT.finditer(text))
    stripped = _REJECT.sub(" ", text)
    confirmed_match = _CONFIRM.search(stripped)
    confirmed = confirmed_match.group(1) if confirmed_match else None
    paper_only = bool(_PAPER_ONLY.search(stripped))
    if confirmed is None and not rejected and not paper_only:
        return None
    return Decision(receipt_id=receipt_id, confirmed=confirmed, rejected=rejected,
                    paper_only=paper_only and confirmed is None)


def parse_decisions(receipts: list[Receipt]) -> dict[str, Decision]:
    """receipt_id → the staff decision written in that receipt's 备注 (receipts without one are absent).

    Decisions live in the ledger itself, so re-reading the ledger never loses them."""
    decisions: dict[str, Decision] = {}
    for receipt in receipts:
        decision = note_to_decision(receipt.receipt_id, receipt.note)
        if decision is not None:
            decisions[receipt.receipt_id] = decision
    return decisions

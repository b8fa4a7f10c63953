"""The register's sheets declare their size, as Excel does: a reader that opens the register
read-only (staff's columns, the previous register) learns it without parsing each sheet to its
end, and the size declared is exactly what was written (a reader stops at the declared last row)."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.register_xlsx import read_staff_sheets, write_register
from shenbao.record import Finding, LedgerProblem, Receipt
from tests.outputs.rows import application_row, other_row, paper_only_row


def declared_sizes(path: Path) -> dict[str, tuple[int, int] | None]:
    """Sheet name → (rows, columns) its <dimension> declares, None when it declares none."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet [^>]*name="([^"]+)"', book)
        out: dict[str, tuple[int, int] | None] = {}
        for n, name in enumerate(names, 1):
            head = z.read(f"xl/worksheets/sheet{n}.xml")[:2000].decode(errors="ignore")
            found = re.search(r'<dimension ref="([^"]+)"', head)
            if found is None:
                out[name] = None
            else:
                _, _, columns, rows = range_boundaries(found.group(1))
                out[name] = (rows, columns)
        return out


def test_each_sheet_declares_the_size_it_has(tmp_path: Path) -> None:
    flagged = Finding(code="NEEDS_REVIEW", severity="warning", field="project_name", message="项目名称需人工核对")
    rows = [application_row(f"2024-{n:04d}", findings=(flagged,) if n % 3 == 0 else ()) for n in range(1, 40)]
    rows += [other_row("2024-0040"), paper_only_row("2024-0041")]
    receipts = [Receipt(receipt_id=f"P-{n}", applicant_org="湖南省某某学会", copies=3, received_on=date(2024, 4, 28),
                        sheet="纸质件登记", row_number=n + 1) for n in range(1, 12)]
    path = write_register(rows, tmp_path / "register.xlsx", receipts=receipts,
                          ledger_problems=[LedgerProblem(sheet="纸质件登记", row_number=3, message="份数不是数字")])
    declared = declared_sizes(path)
    s = load_register_words().sheets
    full = load_workbook(path)  # not read-only: every cell, whatever the sheet declares
    checked = 0
    for name, size in declared.items():
        if size is None:
            continue
        ws = full[name]
        assert size == (ws.max_row, ws.max_column), name
        checked += 1
    for key in ("main", "pending", "checks", "stats", "paper", "other", "changes"):
        assert declared[s[key]] is not None, key
    assert checked >= 7
    # Read back through the declared size, the staff sheets hold every line.
    main = next(c for c in read_staff_sheets(path) if c.sheet == s["main"])
    assert {row_id for row_id, _ in main.cells} == {r.id for r in rows}

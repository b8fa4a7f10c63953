"""The blank paper-receipt ledger template is ready for staff to type into."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shenbao.intake.ledger import parse_decisions, read_ledger
from shenbao.outputs.cells import display_width
from shenbao.outputs.ledger_template import HEADERS, TemplateExists, write_template
from shenbao.settings import Settings
from shenbao.validators.guide import load_guide


def test_template_has_the_ledger_headers_first_and_frozen(tmp_path: Path):
    wb = load_workbook(write_template(tmp_path / "登记簿.xlsx"))
    ws = wb["纸质件登记"]
    assert [c.value for c in ws[1]] == list(HEADERS)
    assert ws.freeze_panes == "A2"


def test_copies_must_be_a_whole_number_from_1_to_20_and_dates_must_be_dates(tmp_path: Path):
    ws = load_workbook(write_template(tmp_path / "登记簿.xlsx"))["纸质件登记"]
    rules = {(v.type, v.operator, v.formula1, v.formula2): str(v.sqref) for v in ws.data_validations.dataValidation}
    assert rules[("whole", "between", "1", "20")] == "F2:F501"
    date_ranges = rules[("date", "between", "DATE(2000,1,1)", "DATE(2100,12,31)")].split()
    assert sorted(date_ranges) == ["B2:B501", "C2:C501"]
    assert ws["B2"].number_format == "yyyy-mm-dd" and ws["A2"].number_format == "@"


def test_columns_are_wide_enough_for_chinese_unit_and_project_names(tmp_path: Path):
    ws = load_workbook(write_template(tmp_path / "登记簿.xlsx"))["纸质件登记"]
    assert ws.column_dimensions["D"].width >= 40 and ws.column_dimensions["E"].width >= 50
    assert ws.column_dimensions["F"].width >= display_width("份数")


def test_notes_sheet_explains_how_to_record_a_staff_decision(tmp_path: Path):
    wb = load_workbook(write_template(tmp_path / "登记簿.xlsx"))
    text = "\n".join(str(row[0]) for row in wb["说明"].iter_rows(values_only=True))
    assert "对应 2024-0007" in text and "非 2024-0007" in text and "备注" in text


def test_blank_template_reads_as_an_empty_ledger_without_problems(tmp_path: Path):
    assert read_ledger(write_template(tmp_path / "登记簿.xlsx")) == ([], [])


def test_a_filled_template_is_read_back_with_its_decisions(tmp_path: Path):
    path = write_template(tmp_path / "登记簿.xlsx")
    wb = load_workbook(path)
    ws = wb["纸质件登记"]
    values = ["P-001", datetime(2024, 4, 28), datetime(2024, 4, 26), "湖南省农学会", "种业蓝皮书", 3, "杨青",
              "对应 2024-0007"]
    for col, value in enumerate(values, start=1):
        ws.cell(row=2, column=col, value=value)
    wb.save(path)
    receipts, problems = read_ledger(path)
    assert problems == []
    (receipt,) = receipts
    assert (receipt.receipt_id, receipt.row_number, receipt.copies) == ("P-001", 2, 3)
    assert parse_decisions(receipts)["P-001"].confirmed == "2024-0007"


def test_with_force_writing_leaves_no_temporary_file_and_replaces_an_old_template(tmp_path: Path):
    target = tmp_path / "登记簿.xlsx"
    target.write_bytes(b"old")
    write_template(target, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["登记簿.xlsx"]
    assert target.read_bytes()[:2] == b"PK"


def test_a_filled_in_ledger_is_never_overwritten_without_force(tmp_path: Path):
    path = write_template(tmp_path / "登记簿.xlsx")
    wb = load_workbook(path)
    wb["纸质件登记"]["D2"] = "湖南省农学会"  # a morning of the clerks' typing
    wb.save(path)
    filled = path.read_bytes()
    with pytest.raises(TemplateExists) as refused:
        write_template(path)
    assert refused.value.path == path
    message = str(refused.value)
    assert str(path) in message and "--force" in message and "已存在" in message
    assert path.read_bytes() == filled
    assert [p.name for p in tmp_path.iterdir()] == ["登记簿.xlsx"]


def test_the_copies_the_guide_requires_are_written_into_the_instructions(tmp_path: Path):
    wb = load_workbook(write_template(tmp_path / "登记簿.xlsx", copies_required=2))
    notes = "\n".join(str(row[0]) for row in wb["说明"].iter_rows(values_only=True))
    assert "一式2份" in notes and "一式3份" not in notes
    (copies,) = [v for v in wb["纸质件登记"].data_validations.dataValidation if v.type == "whole"]
    assert copies.error is not None and "一式2份" in copies.error and copies.prompt == "填数字，如 2"


def test_without_a_number_the_packaged_guides_copies_are_used(tmp_path: Path):
    required = load_guide(Settings().rules_path()).paper_copies_required
    wb = load_workbook(write_template(tmp_path / "登记簿.xlsx"))
    notes = "\n".join(str(row[0]) for row in wb["说明"].iter_rows(values_only=True))
    assert f"一式{required}份" in notes

"""`shenbao receipts template FILE` never replaces a ledger the clerks have filled in unless told
to with --force: it exits 2 with the reason in Chinese and leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shenbao.cli import main


def filled_ledger(tmp_path: Path) -> Path:
    path = tmp_path / "纸质件登记簿.xlsx"
    assert main(["receipts", "template", str(path)]) == 0
    wb = load_workbook(path)
    wb.worksheets[0]["D2"] = "湖南省农学会"  # a morning of the clerks' typing
    wb.save(path)
    return path


def test_the_command_refuses_a_filled_ledger_and_says_how_to_replace_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = filled_ledger(tmp_path)
    typed = path.read_bytes()
    capsys.readouterr()

    assert main(["receipts", "template", str(path)]) == 2

    said = capsys.readouterr()
    assert said.out == "" and str(path) in said.err and "已存在" in said.err and "--force" in said.err
    assert path.read_bytes() == typed
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_with_force_the_command_writes_a_blank_template_over_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = filled_ledger(tmp_path)

    assert main(["receipts", "template", "--force", str(path)]) == 0

    assert load_workbook(path).worksheets[0]["D2"].value is None
    assert "已生成" in capsys.readouterr().out

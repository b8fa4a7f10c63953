"""`shenbao rules` and `shenbao receipts` from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import shenbao.config
from shenbao.cli import main

GUIDE = Path(shenbao.config.__file__).parent / "guide-2024.toml"


def test_rules_check_passes_the_shipped_guide(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "check", str(GUIDE)]) == 0
    assert "检查通过" in capsys.readouterr().out


def test_a_broken_rules_file_gives_one_message_per_problem_and_fails(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    # Three deliberate mistakes: an unknown rule kind, a range upside down, a misspelt item.
    text = text.replace('kind = "funding"', 'kind = "fundingg"', 1)
    text = text.replace("min = 5", "min = 50", 1)
    text = text.replace('name = "学术交流"', 'name = "学术交liu"', 1)
    broken = tmp_path / "broken.toml"
    broken.write_text(text, encoding="utf-8")
    code = main(["rules", "check", str(broken)])
    out = capsys.readouterr().out
    assert code == 2  # as for a bad settings file
    problems = [line for line in out.splitlines() if line.startswith("  - ")]
    assert len(problems) >= 3
    assert any("fundingg" in p for p in problems)
    assert any("学术交liu" in p for p in problems)
    assert any("50" in p or "min" in p for p in problems)


def test_rules_show_prints_every_item_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", str(GUIDE)]) == 0
    out = capsys.readouterr().out
    for item in ("学术交流", "学会服务站建设", "高校科协交流机制建设", "“科创中国”湖南中心建设与运营"):
        assert item in out


def test_receipts_template_writes_the_ledger_headers(tmp_path: Path) -> None:
    target = tmp_path / "纸质件登记簿.xlsx"
    assert main(["receipts", "template", str(target)]) == 0
    wb = openpyxl.load_workbook(target)
    ws = wb.worksheets[0]
    headers = [c.value for row in ws.iter_rows(min_row=1, max_row=5) for c in row if c.value]
    for h in ("登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注"):
        assert h in headers

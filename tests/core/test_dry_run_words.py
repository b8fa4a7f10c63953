"""`poll --dry-run` names each problem as the register does (需人工核对, 纸质件份数不足 …),
never by its finding code (issue 17: the list printed NEEDS_REVIEW and PAPER_SHORT)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.demo.workspace import build_workspace
from shenbao.outputs.labels_zh import load_register_words
from shenbao.record import FINDING_CODES

FINDING_LINE = re.compile(r"^ {8}(?P<name>[^：]+)：", re.M)


def test_the_dry_run_names_each_problem_in_the_registers_words(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    ws = build_workspace(tmp_path / "demo")  # its mail carries errors and warnings of many kinds

    assert main(["poll", "-c", str(ws.settings), "--dry-run"]) == 0

    said = capsys.readouterr().out
    names = FINDING_LINE.findall(said)
    register_names = set(load_register_words().finding.values())
    assert len(set(names)) >= 3 and set(names) <= register_names
    assert {"需人工核对", "纸质件份数不足"} <= set(names)
    assert [code for code in FINDING_CODES if re.search(rf"\b{code}\b", said)] == []

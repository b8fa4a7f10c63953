"""`shenbao demo` never replaces an office's own settings file or ledger: in a folder holding
them it exits 2, names them and --force, and writes nothing (issue 17: `shenbao demo --dir .`
overwrote the admin's shenbao.toml and the clerks' receipts.xlsx, exit 0). Its own workspace
it refreshes as before: the README runs the demo twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

import shenbao.demo.workspace as demo_workspace
from shenbao.cli import main
from shenbao.demo.workspace import DemoFilesExist, build_workspace

OFFICE_SETTINGS = """\
[mailbox]
host = "imap.126.com"
username = "hnkxxhb@126.com"
"""


def office_folder(root: Path) -> Path:
    """An admin's folder: the real settings file and a ledger the clerks have typed into."""
    root.mkdir()
    (root / "shenbao.toml").write_text(OFFICE_SETTINGS, encoding="utf-8")
    assert main(["receipts", "template", str(root / "receipts.xlsx")]) == 0
    wb = load_workbook(root / "receipts.xlsx")
    wb.worksheets[0]["D2"] = "湖南省农学会"  # a morning of the clerks' typing
    wb.save(root / "receipts.xlsx")
    return root


def contents(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_demo_refuses_a_folder_holding_the_office_files_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = office_folder(tmp_path / "office")
    before = contents(root)
    capsys.readouterr()

    assert main(["demo", "--dir", str(root)]) == 2

    said = capsys.readouterr()
    assert said.out == ""
    assert "shenbao.toml" in said.err and "receipts.xlsx" in said.err and "--force" in said.err
    assert "history.xlsx" not in said.err  # it is not there: nothing to refuse
    assert contents(root) == before
    assert sorted(p.name for p in root.iterdir()) == ["receipts.xlsx", "shenbao.toml"]


def test_with_force_the_demo_writes_its_own_files_over_them(tmp_path: Path) -> None:
    root = office_folder(tmp_path / "office")

    assert main(["demo", "--dir", str(root), "--force"]) == 0

    assert (root / "shenbao.toml").read_text("utf-8") == demo_workspace.SETTINGS_TOML
    assert load_workbook(root / "receipts.xlsx").worksheets[0]["D2"].value != "湖南省农学会"


def test_the_demo_runs_again_in_its_own_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "demo-workspace"
    assert main(["demo", "--dir", str(root)]) == 0
    first = capsys.readouterr().out
    assert main(["demo", "--dir", str(root)]) == 0
    again = capsys.readouterr().out
    assert "本次收到新邮件 0 封" in again
    assert rows_line(first) == rows_line(again)  # 登记表共 N 行：the same rows


def rows_line(said: str) -> str:
    (line,) = [line for line in said.splitlines() if line.startswith("登记表共")]
    return line


def test_a_demo_file_someone_edited_is_refused_like_an_office_file(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path)
    ws.settings.write_text(ws.settings.read_text("utf-8") + '\n[mailbox]\nusername = "me@126.com"\n',
                           encoding="utf-8")
    with pytest.raises(DemoFilesExist) as refused:
        build_workspace(tmp_path)
    assert refused.value.names == ["shenbao.toml"]


def test_a_workspace_an_earlier_demo_wrote_is_refreshed_without_force(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What an earlier release's demo wrote: other settings text (its catalogue or openpyxl
    # may likewise have written other ledger bytes).
    with monkeypatch.context() as earlier:
        earlier.setattr(demo_workspace, "SETTINGS_TOML", demo_workspace.SETTINGS_TOML.replace("paper_grace_days = 3", ""))
        build_workspace(tmp_path)
    assert "paper_grace_days" not in (tmp_path / "shenbao.toml").read_text("utf-8")

    ws = build_workspace(tmp_path)

    assert ws.settings.read_text("utf-8") == demo_workspace.SETTINGS_TOML

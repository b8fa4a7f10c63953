"""`check-config` finds the system tools up front and says what a missing one costs, and who
can open the output folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shenbao.cli import main
from tests.service.workspaces import MAILDIR_SETTINGS, write_maildir, write_settings


@pytest.fixture
def workspace(tmp_path: Path) -> str:
    write_maildir(tmp_path, [])
    (tmp_path / "output").mkdir()
    return str(write_settings(tmp_path, MAILDIR_SETTINGS))


def test_the_installed_tools_are_listed_as_found(workspace: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-config", "-c", workspace]) == 0
    said = capsys.readouterr().out
    assert "✓ libreoffice-writer-nogui：" in said and "✓ unar 或 libarchive-tools（bsdtar）：" in said


def test_a_missing_tool_is_named_with_what_it_costs_and_the_check_still_passes(
        workspace: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice, no unar/bsdtar on the PATH

    assert main(["check-config", "-c", workspace]) == 0

    said = capsys.readouterr().out
    assert "✗ 缺少 libreoffice-writer-nogui：旧版 Word（.doc）和 WPS（.wps）申报书无法读取" in said
    assert "✗ 缺少 unar 或 libarchive-tools（bsdtar）：RAR 压缩包无法解压" in said
    assert "系统工具：缺少" in said


def test_the_output_folder_line_says_whether_the_group_can_read_it(
        workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chmod(tmp_path / "output", 0o700)
    main(["check-config", "-c", workspace])
    private = capsys.readouterr().out
    os.chmod(tmp_path / "output", 0o750)
    main(["check-config", "-c", workspace])
    shared = capsys.readouterr().out
    assert "可打开登记表的是所有者。" in private and "设置共享组" in private
    assert "可打开登记表的是所有者、组" in shared and "设置共享组" not in shared

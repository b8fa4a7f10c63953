"""The command line itself: --version, global options anywhere, Chinese placeholders, the
documented exit codes, and `shenbao store rebuild`."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys
from pathlib import Path

import pytest

import shenbao.config
from shenbao.cli import EPILOG, build_parser, main
from shenbao.lock import DataDirLock
from tests.admin.test_commands import COMMANDS, export
from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings

README = Path(__file__).resolve().parents[2] / "README.md"
GUIDE = Path(shenbao.config.__file__).parent / "guide-2024.toml"


def test_version_is_a_chinese_line_with_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"shenbao 版本 {importlib.metadata.version('shenbao')}"


@pytest.mark.parametrize("argv", [["-v", "poll"], ["poll", "-v"], ["poll", "-c", "x.toml", "--verbose"],
                                  ["rules", "check", "x.toml", "-v"], ["-v", "rules", "check", "x.toml"],
                                  ["store", "rebuild", "data", "-v"], ["receipts", "-v", "template", "x.xlsx"]])
def test_verbose_counts_before_or_after_the_command(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).verbose is True


@pytest.mark.parametrize("argv", [["poll"], ["rules", "check", "x.toml"], ["store", "rebuild"]])
def test_without_verbose_it_is_off(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).verbose is False


@pytest.mark.parametrize("command", [[], *COMMANDS], ids=lambda c: " ".join(c) or "shenbao")
def test_no_english_placeholder_in_any_usage_line(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    usage = capsys.readouterr().out.split("\n\n", 1)[0]
    assert usage.startswith("用法：")
    assert re.findall(r"\b[A-Z][A-Z_]+\b", usage) == []


def exit_codes() -> dict[str, str]:
    block = EPILOG.split("退出码：", 1)[1]
    return dict(re.findall(r"^\s+(\d+)\s+(.+)$", block, re.M))


def test_every_exit_code_is_in_the_help_and_the_readme(capsys: pytest.CaptureFixture[str]) -> None:
    codes = exit_codes()
    assert set(codes) == {"0", "2", "3", "4", "5", "6", "130"}
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "退出码" in capsys.readouterr().out
    readme = README.read_text(encoding="utf-8")
    for code, meaning in codes.items():
        assert f"| {code} | {meaning} |" in readme, code


def test_a_broken_rules_file_exits_2_like_a_broken_settings_file(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "rules.toml"
    broken.write_text(GUIDE.read_text(encoding="utf-8").replace('kind = "funding"', 'kind = "fundingg"', 1),
                      encoding="utf-8")
    assert main(["rules", "check", str(broken)]) == 2
    assert main(["rules", "show", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "fundingg" in err and "Traceback" not in err
    bad_settings = tmp_path / "s.toml"
    bad_settings.write_text("[mailbox]\nport = 0\n", encoding="utf-8")
    assert main(["poll", "-c", str(bad_settings)]) == 2


@pytest.fixture
def polled(tmp_path: Path) -> Path:
    """A workspace after one poll: a data directory with a database and raw mail."""
    write_maildir(tmp_path, [case("D11"), case("D20")])
    cfg = write_settings(tmp_path, MAILDIR_SETTINGS)
    assert main(["poll", "-c", str(cfg)]) == 0
    return tmp_path


def test_store_rebuild_replaces_a_damaged_database_and_the_next_poll_registers_every_mail_once(
        polled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(r["message_id"] for r in export(polled))
    db = polled / "data" / "shenbao.sqlite3"
    damaged = b"this is no longer a database" * 200
    db.write_bytes(damaged)
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    assert main(["poll", "-c", str(polled / "shenbao.toml")]) == 6
    assert "数据库文件已损坏" in capsys.readouterr().err
    assert main(["store", "rebuild", str(polled / "data")]) == 0
    assert "已重建数据库" in capsys.readouterr().out
    (kept,) = [p for p in (polled / "data").glob("shenbao.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert kept.read_bytes() == damaged
    (polled / "output" / "register.jsonl").unlink()
    assert main(["poll", "-c", str(polled / "shenbao.toml")]) == 0
    assert sorted(r["message_id"] for r in export(polled)) == before


def test_store_rebuild_takes_the_data_directory_from_the_settings_when_not_given(
        polled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "rebuild", "-c", str(polled / "shenbao.toml")]) == 0
    assert "已重建数据库" in capsys.readouterr().out
    assert list((polled / "data").glob("shenbao.sqlite3.damaged-*"))


def test_store_rebuild_refuses_a_locked_or_foreign_directory(polled: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    with DataDirLock(polled / "data", "poll"):
        assert main(["store", "rebuild", str(polled / "data")]) == 5
    assert "正被另一个 shenbao 使用" in capsys.readouterr().err
    assert not list((polled / "data").glob("shenbao.sqlite3.damaged-*"))
    assert main(["store", "rebuild", str(tmp_path / "elsewhere")]) == 2
    assert "不是 shenbao 的数据目录" in capsys.readouterr().err


def test_the_old_module_command_still_rebuilds(polled: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "shenbao.store", "--rebuild", str(polled / "data")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "已重建数据库" in done.stdout

"""The settings file: every problem reported at once, in Chinese, with file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

import shenbao.config
from shenbao.cli import main
from shenbao.errors import SettingsError
from shenbao.settings import load_settings

EXAMPLE = Path(shenbao.config.__file__).parent / "shenbao.example.toml"


def test_the_commented_example_loads(tmp_path: Path) -> None:
    target = tmp_path / "shenbao.toml"
    target.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    settings = load_settings(target)
    assert settings.mailbox.host == "imap.126.com"
    assert settings.mailbox.send_id is True
    assert settings.rules_path().exists()
    assert settings.data_dir == tmp_path / "data"


def test_every_problem_is_reported_at_once_with_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("""
[mailbox]
port = "nine-nine-three"
tls = "maybe"
usrname = "typo@126.com"
[schedule]
interval_minutes = -5
[deadlines]
electronic = "2024-04-30T17:00:00"
""", encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(bad)
    text = "\n".join(err.value.problems)
    for key in ("mailbox.port", "mailbox.tls", "mailbox.usrname", "schedule.interval_minutes", "deadlines.electronic"):
        assert key in text
    assert str(bad) in text
    assert "不认识的设置项" in text and "应为整数" in text


def test_missing_files_and_account_are_reported_together(tmp_path: Path) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text('[paths]\nrules = "nope.toml"\nreceipts = "ledger.xlsx"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    text = "\n".join(err.value.problems)
    assert "paths.rules" in text and "paths.receipts" in text and "mailbox.username" in text


def test_check_config_exits_non_zero_and_lists_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text('[mailbox]\nport = 0\n', encoding="utf-8")
    code = main(["check-config", "-c", str(cfg), "--offline"])
    out = capsys.readouterr().out
    assert code != 0
    assert "mailbox.port" in out and "mailbox.username" in out


def test_bad_toml_syntax_is_a_clear_message(tmp_path: Path) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text('[mailbox\nhost = 1', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    assert "TOML 格式错误" in err.value.problems[0]


def test_help_is_chinese_with_an_example_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    from shenbao.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        text = p.format_help()
        assert "示例" in text, name
        assert "shenbao " + name.split()[0] in text, name

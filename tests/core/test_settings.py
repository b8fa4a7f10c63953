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


# What Notepad on Chinese Windows writes: UTF-8 with a BOM ("UTF-8 with BOM", and plain "UTF-8"
# in older versions), or GBK when "ANSI" is chosen.
NOTEPAD_TEXT = '# 设置文件（记事本保存）\n[source]\nkind = "maildir"\npath = "邮件"\n[mailbox]\nfolder = "收件箱"\n'


def test_a_file_saved_with_a_bom_is_read_with_its_chinese_values(tmp_path: Path) -> None:
    (tmp_path / "邮件").mkdir()
    cfg = tmp_path / "shenbao.toml"
    cfg.write_bytes(b"\xef\xbb\xbf" + NOTEPAD_TEXT.encode("utf-8"))
    settings = load_settings(cfg)
    assert settings.mailbox.folder == "收件箱"
    assert settings.maildir == tmp_path / "邮件"


def test_a_file_saved_as_gbk_is_refused_in_chinese_with_the_way_to_resave_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "邮件").mkdir()
    cfg = tmp_path / "shenbao.toml"
    cfg.write_bytes(NOTEPAD_TEXT.encode("gbk"))
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    (problem,) = err.value.problems
    assert str(cfg) in problem and "GBK" in problem and "ANSI" in problem
    assert "另存为" in problem and "UTF-8" in problem and "第 1 行" in problem
    assert "codec" not in problem and "decode" not in problem
    assert main(["check-config", "-c", str(cfg), "--offline"]) == 2
    assert "另存为" in capsys.readouterr().out


def test_a_file_in_neither_encoding_is_refused_without_naming_gbk(tmp_path: Path) -> None:
    cfg = tmp_path / "shenbao.toml"
    cfg.write_bytes(NOTEPAD_TEXT.encode("utf-16"))  # Notepad's "Unicode"
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    (problem,) = err.value.problems
    assert "不是 UTF-8" in problem and "GBK" not in problem and "另存为" in problem


def test_a_value_outside_its_choices_lists_them_as_toml_text_in_chinese(tmp_path: Path) -> None:
    cfg = tmp_path / "s.toml"
    cfg.write_text('[source]\nkind = "pop3"\n[mailbox]\ntls = "tls"\n[schedule]\ndaily_register_at = "7点半"\n'
                   '[reply]\nnot_before = 2024-04-20T00:00:00\n', encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    text = "\n".join(err.value.problems)
    assert '（可选："imap"、"maildir"）' in text
    assert '（可选："ssl"、"starttls"、"none"）' in text
    assert "应为 时:分" in text and "须带时区" in text
    assert " or " not in text and "must" not in text and "Invalid" not in text

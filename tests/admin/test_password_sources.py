"""Where the mailbox password comes from: an environment variable, a command (as mbsync's
PassCmd) or a file only its owner can read; exactly one of them, and never shown."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

import shenbao.settings
from shenbao.cli import main
from shenbao.errors import SettingsError
from shenbao.settings import load_settings, password_problem

SECRET = "hunter2-授权码"


def imap_settings(root: Path, password_lines: str) -> Path:
    cfg = root / "shenbao.toml"
    cfg.write_text(f'[mailbox]\nusername = "shenbao@126.com"\n{password_lines}\n', encoding="utf-8")
    return cfg


def script(root: Path, name: str, body: str) -> Path:
    """A small real program the password command runs (Python, so the test needs no shell tools)."""
    path = root / name
    path.write_text(f"#!{sys.executable}\nimport sys, time, os\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def toml_str(text: str) -> str:
    return "'" + text + "'"  # a TOML literal string: no escapes inside


def test_the_command_s_first_line_is_the_password_run_once_without_a_shell(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    pw = script(tmp_path, "getpw.py", f"open({str(runs)!r}, 'a').write('x')\n"
                                      "print(sys.argv[2]); print('second line is not the password')")
    command = f'{pw} --account "{SECRET}" ; touch {tmp_path / "by-a-shell"}'
    settings = load_settings(imap_settings(tmp_path, f"password_command = {toml_str(command)}"))
    assert settings.mailbox.password() == SECRET  # the quoted argument arrived whole
    assert settings.mailbox.password() == SECRET
    assert password_problem(settings) is None
    assert runs.read_text() == "x"  # run once, however often the password is wanted
    assert not (tmp_path / "by-a-shell").exists()  # `;` was an argument, not a shell's


@pytest.mark.parametrize(("body", "said"), [
    (f"print({SECRET!r}); print('gpg: decryption failed', file=sys.stderr); sys.exit(3)",
     "退出码 3：gpg: decryption failed"),
    ("print('')", "没有输出密码"),
    ("pass", "没有输出密码"),
])
def test_a_failing_or_silent_command_is_a_chinese_problem_naming_the_key(tmp_path: Path, body: str,
                                                                        said: str) -> None:
    pw = script(tmp_path, "getpw.py", body)
    settings = load_settings(imap_settings(tmp_path, f"password_command = {toml_str(str(pw))}"))
    assert settings.mailbox.password() is None
    problem = password_problem(settings)
    assert problem is not None and "mailbox.password_command" in problem and said in problem
    assert SECRET not in problem


def test_a_command_that_waits_for_input_is_stopped_with_what_it_started(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shenbao.settings, "PASSWORD_COMMAND_TIMEOUT_SECONDS", 1.0)
    child = tmp_path / "child"
    # A wrapper that started a program of its own, as `pass` starts gpg. The child's output goes
    # elsewhere, so only stopping the whole group ends it.
    pw = script(tmp_path, "getpw.py",
                "import subprocess\np = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], "
                "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
                f"open({str(child)!r}, 'w').write(str(p.pid))\ntime.sleep(600)")
    settings = load_settings(imap_settings(tmp_path, f"password_command = {toml_str(str(pw))}"))
    problem = password_problem(settings)
    assert problem is not None and "mailbox.password_command" in problem and "没有输出密码，已停止" in problem
    pid = int(child.read_text())
    # The grandchild was killed too (a zombie at most, until init reaps it). SIGKILL is delivered
    # asynchronously: on a loaded machine the process can still show as running for a moment, so
    # wait for it to go (it would sleep for 600 s if the group had not been stopped).
    state = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 15
    while state.exists() and not _gone_or_zombie(state) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not state.exists() or _gone_or_zombie(state)


def _gone_or_zombie(stat: Path) -> bool:
    try:
        return stat.read_text().split(") ")[1].startswith(("Z", "X"))
    except (OSError, IndexError):
        return True


def test_a_missing_command_is_named(tmp_path: Path) -> None:
    settings = load_settings(imap_settings(tmp_path, f"password_command = {toml_str(str(tmp_path / 'nope'))}"))
    problem = password_problem(settings)
    assert problem is not None and "mailbox.password_command" in problem and "无法运行" in problem


def test_a_file_only_its_owner_can_read_gives_its_first_line_relative_to_the_settings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "授权码.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    secret.chmod(0o600)
    cfg = imap_settings(tmp_path, 'password_file = "授权码.txt"')
    monkeypatch.chdir("/")
    settings = load_settings(cfg)
    assert settings.mailbox.password() == SECRET
    assert password_problem(settings) is None


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o620])
def test_a_file_others_can_read_or_write_is_refused_as_ssh_refuses_a_key(tmp_path: Path, mode: int,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    secret.chmod(mode)
    cfg = imap_settings(tmp_path, f"password_file = {toml_str(str(secret))}")
    settings = load_settings(cfg)
    assert settings.mailbox.password() is None
    problem = password_problem(settings)
    assert problem is not None and "mailbox.password_file" in problem
    assert f"{stat.S_IMODE(mode):o}" in problem and "chmod 600" in problem and SECRET not in problem
    assert main(["check-config", "-c", str(cfg), "--offline"]) == 2
    out = capsys.readouterr()
    assert "chmod 600" in out.out and SECRET not in out.out + out.err


def test_an_empty_file_is_a_problem_not_an_empty_password(tmp_path: Path) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text("\n", encoding="utf-8")
    secret.chmod(0o600)
    settings = load_settings(imap_settings(tmp_path, f"password_file = {toml_str(str(secret))}"))
    problem = password_problem(settings)
    assert settings.mailbox.password() is None and problem is not None and "第一行是空的" in problem


def test_with_no_source_configured_the_environment_variable_is_asked_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("SHENBAO_IMAP_PASSWORD", raising=False)
    cfg = imap_settings(tmp_path, "")
    settings = load_settings(cfg)
    assert settings.mailbox.password() is None
    assert main(["check-config", "-c", str(cfg), "--offline"]) == 2
    out = capsys.readouterr().out
    assert "SHENBAO_IMAP_PASSWORD" in out and "password_command" in out
    monkeypatch.setenv("SHENBAO_IMAP_PASSWORD", SECRET)
    assert load_settings(cfg).mailbox.password() == SECRET


def test_two_sources_are_a_conflict_reported_with_every_other_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = imap_settings(tmp_path, 'password_env = "MY_PW"\npassword_file = "pw.txt"')
    with pytest.raises(SettingsError) as err:
        load_settings(cfg)
    (problem,) = err.value.problems
    assert "mailbox.password_env、mailbox.password_file" in problem and "只能填写其中一项" in problem
    cfg.write_text(cfg.read_text(encoding="utf-8") + 'password_command = "x"\nport = "nine"\n', encoding="utf-8")
    assert main(["check-config", "-c", str(cfg), "--offline"]) == 2
    out = capsys.readouterr().out
    assert "mailbox.port" in out and "mailbox.password_env、mailbox.password_command、mailbox.password_file" in out


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    secret = tmp_path / "pw.txt"
    secret.write_text(SECRET, encoding="utf-8")
    secret.chmod(0o000)
    settings = load_settings(imap_settings(tmp_path, f"password_file = {toml_str(str(secret))}"))
    problem = password_problem(settings)
    assert problem is not None and "无法读取密码文件" in problem and str(secret) in problem

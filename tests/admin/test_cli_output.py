"""What the command line itself prints: output into a pipe its reader closed (`shenbao status |
head -1`) ends quietly with the shell's SIGPIPE status, not a Python traceback; the top-level
help names its command list once (issue 17: "命令:" and then "命令" again)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shenbao.cli import EXIT_OUTPUT_CLOSED, build_parser, main
from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings


def run_into_closed_pipe(args: list[str], *, buffered: bool = True) -> subprocess.CompletedProcess[str]:
    """`shenbao ARGS | head -0`, without the race: the reading end is closed before it starts.
    Buffered (Python's default for a pipe), the failure comes at the last flush; unbuffered
    (PYTHONUNBUFFERED, as systemd units and CI often set), at the first print."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "shenbao", *args], stdout=write_end, stderr=subprocess.PIPE,
                              text=True, timeout=300, env=env)
    finally:
        os.close(write_end)


@pytest.fixture
def polled(tmp_path: Path) -> str:
    write_maildir(tmp_path, [case("D11"), case("D20")])
    settings = str(write_settings(tmp_path, MAILDIR_SETTINGS))
    assert main(["poll", "-c", settings]) == 0
    return settings


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("command", [["status"], ["export"]])
def test_a_command_whose_reader_went_away_ends_quietly_with_the_sigpipe_status(polled: str, command: list[str],
                                                                            buffered: bool) -> None:
    done = run_into_closed_pipe([*command, "-c", polled], buffered=buffered)
    assert done.returncode == EXIT_OUTPUT_CLOSED == 128 + 13
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr


def test_help_into_a_closed_pipe_ends_quietly_too() -> None:
    done = run_into_closed_pipe(["--help"])  # argparse's own print; the flush at the end fails
    assert done.returncode == EXIT_OUTPUT_CLOSED
    assert done.stderr == ""


def test_the_help_names_the_command_list_once_and_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    named = [line for line in help_text.splitlines() if line.strip().rstrip(":：") == "命令"]
    assert named == ["命令:"]
    listed = help_text.split("\n命令:\n", 1)[1].split("\n\n", 1)[0]
    commands = [line.split()[0] for line in listed.splitlines()]
    (command_list,) = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    assert commands == list(command_list.choices)

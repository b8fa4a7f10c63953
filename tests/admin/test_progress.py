"""Watching a long run: a bar with rate and time left on a terminal, log lines otherwise, a
log file for one-shot commands, and `status`/`export` answering while a poll holds the lock."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.lock import DataDirLock
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.progress import PROGRESS_FILE, RunProgress, duration_words, progress_line, running_progress
from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def workspace(tmp_path: Path) -> str:
    write_maildir(tmp_path, [case("D11"), case("D20")])
    return str(write_settings(tmp_path, MAILDIR_SETTINGS))


def test_durations_and_lines_read_as_staff_say_them() -> None:
    assert duration_words(45) == "45秒" and duration_words(166) == "2分46秒" and duration_words(120) == "2分"
    assert duration_words(3900) == "1小时5分"
    assert progress_line("读取附件", 120, 500, 60.0) == "读取附件：120/500，2.0 项/秒，预计还需 3分10秒"
    assert progress_line("读取附件", 0, 500, 0.0) == "读取附件：0/500"
    assert progress_line("收取邮件", 10, 10, 5.0) == "收取邮件：10/10，2.0 项/秒，用时 5秒"


def test_a_terminal_gets_a_bar_with_rate_and_time_left(tmp_path: Path) -> None:
    screen, clock = Terminal(), Clock()
    with RunProgress(tmp_path, terminal=screen, clock=clock) as show:
        show("读取附件", 0, 4)
        clock.now = 2.0
        show("读取附件", 2, 4)
        show("读取附件", 4, 4)
    drawn = screen.getvalue()
    assert "读取附件" in drawn and "4/4" in drawn and "项/s" in drawn


def test_the_interval_log_lines(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    with caplog.at_level(logging.INFO, logger="shenbao.progress"):
        with RunProgress(tmp_path, terminal=None, log_every=30, clock=clock) as show:
            for t, done in ((0, 0), (10, 1), (31, 2), (40, 3), (62, 4), (70, 10)):
                clock.now = t
                show("读取附件", done, 10)
    lines = [r.getMessage() for r in caplog.records if r.name == "shenbao.progress"]
    assert lines == ["读取附件：2/10，0.1 项/秒，预计还需 2分4秒",
                     "读取附件：4/10，0.1 项/秒，预计还需 1分33秒",
                     "读取附件：10/10，0.1 项/秒，用时 1分10秒"]


def test_the_progress_file_says_what_the_run_does_and_goes_when_it_ends(tmp_path: Path) -> None:
    clock = Clock()
    with RunProgress(tmp_path, terminal=None, clock=clock) as show:
        clock.now = 4.0
        show("读取附件", 3, 9)
        said = running_progress(tmp_path)
        assert said is not None and said.startswith("读取附件：3/9")
    assert not (tmp_path / PROGRESS_FILE).exists() and running_progress(tmp_path) is None


def test_a_progress_file_left_by_a_killed_run_is_ignored(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    (tmp_path / PROGRESS_FILE).write_text(json.dumps({"pid": int(dead.stdout), "stage": "读取附件", "done": 1,
                                                      "total": 2}), encoding="utf-8")
    assert running_progress(tmp_path) is None
    (tmp_path / PROGRESS_FILE).write_text(json.dumps({"pid": os.getpid(), "stage": "读取附件", "done": 1,
                                                      "total": 2}), encoding="utf-8")
    assert running_progress(tmp_path) is not None


def test_status_and_export_answer_while_a_poll_holds_the_lock(
        workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["poll", "-c", workspace]) == 0
    write_maildir(tmp_path, [case("D12")])  # arrives; the running poll has not numbered it yet
    capsys.readouterr()
    with DataDirLock(tmp_path / "data", "poll"), RunProgress(tmp_path / "data", terminal=None) as show:
        show("读取附件", 1, 3)
        assert main(["status", "-c", workspace]) == 0
        said = capsys.readouterr().out
        assert "正在进行：读取附件：1/3" in said and "登记表共 2 行" in said
        out = tmp_path / "during.jsonl"
        assert main(["export", "-c", workspace, "-o", str(out)]) == 0
        assert "收信正在进行" in capsys.readouterr().err
        assert len(out.read_text("utf-8").splitlines()) == 2
        assert main(["poll", "-c", workspace]) == 5  # a second poll is still refused


def test_a_one_shot_poll_writes_the_log_file_at_the_call_zone(workspace: str, tmp_path: Path) -> None:
    assert main(["poll", "-c", workspace]) == 0
    log_text = (tmp_path / "data" / "logs" / "shenbao.log").read_text("utf-8")
    assert "读取附件：2/2" in log_text or "收取邮件：2/2" in log_text
    stamp = datetime.strptime(log_text.splitlines()[0][:19], "%Y-%m-%d %H:%M:%S")
    assert abs(stamp - datetime.now(LOCAL_TZ).replace(tzinfo=None)) < timedelta(minutes=5)
    assert not [h for h in logging.getLogger().handlers  # taken off again when the command ends
                if getattr(h, "baseFilename", "").startswith(str(tmp_path))]

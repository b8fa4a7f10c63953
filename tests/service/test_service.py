"""`shenbao run` as the admin runs it: a real process against a real Dovecot, mail arriving
while it runs, a second instance refused, SIGTERM ending it cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from openpyxl import load_workbook

from tests.support.dovecot import Dovecot

CST = timezone(timedelta(hours=8))
FOLDER = "申报邮件"
ROOT = Path(__file__).resolve().parents[2]


def note_eml(n: int) -> bytes:
    return (f"From: unit{n}@example.org\r\nTo: hnkxxhb@126.com\r\nSubject: =?UTF-8?B?5ZKo6K+i?= {n}\r\n"
            f"Message-ID: <svc-{n}-{time.time_ns()}@example.org>\r\nDate: Mon, 29 Apr 2024 10:00:00 +0800\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n请问申报截止时间是哪天？{n}\r\n").encode()


def service_settings(root: Path, server: Dovecot) -> Path:
    path = root / "shenbao.toml"
    path.write_text(f"""
[mailbox]
host = "127.0.0.1"
port = {server.port}
tls = "none"
username = "{server.user}"
password_env = "SHENBAO_SVC_PASSWORD"
folder = "{FOLDER}"

[schedule]
interval_minutes = 0.02

[paths]
data_dir = "data"
output_dir = "output"
""", encoding="utf-8")
    return path


def start(config: Path, password: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SHENBAO_SVC_PASSWORD": password, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "shenbao", "run", "-c", str(config)], cwd=config.parent,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], what: str, limit: float = 90) -> None:
    """Wait for the running service to reach a state (a bound against a hung test, not a timing check)."""
    deadline = time.monotonic() + limit
    while not condition():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"service exited early while waiting for {what}: {err.decode(errors='replace')}")
        if time.monotonic() > deadline:
            proc.kill()
            out, err = proc.communicate()
            raise AssertionError(f"gave up waiting for {what}: {err.decode(errors='replace')[-3000:]}")
        time.sleep(0.1)


def export_ids(root: Path) -> list[str]:
    path = root / "output" / "register.jsonl"
    try:
        lines = path.read_text("utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [json.loads(line)["message_id"] for line in lines if line.strip()]


def test_the_service_polls_while_mail_arrives_refuses_a_second_instance_and_stops_cleanly_on_sigterm(
        dovecot: Dovecot, tmp_path: Path) -> None:
    dovecot.reset(FOLDER)
    sent = [note_eml(i) for i in range(6)]
    dovecot.append_many([(raw, datetime(2024, 4, 20, 9, i, tzinfo=CST)) for i, raw in enumerate(sent[:2])],
                        folder=FOLDER)
    config = service_settings(tmp_path, dovecot)
    proc = start(config, dovecot.password)
    try:
        wait_for(lambda: len(export_ids(tmp_path)) == 2, proc, "the first two messages")

        second = subprocess.run([sys.executable, "-m", "shenbao", "run", "-c", str(config)], cwd=tmp_path,
                                env={**os.environ, "SHENBAO_SVC_PASSWORD": dovecot.password,
                                     "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=60)
        assert second.returncode != 0
        said = second.stdout.decode()
        assert "已在运行" in said and f"进程 {proc.pid}" in said

        for i in range(2, 6):  # mail keeps arriving over several poll intervals
            dovecot.append(sent[i], datetime(2024, 4, 21, 9, i, tzinfo=CST), folder=FOLDER)
            wait_for(lambda n=i: len(export_ids(tmp_path)) == n + 1, proc, f"message {i}")
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)

    assert proc.returncode == 0, err.decode(errors="replace")
    ids = export_ids(tmp_path)
    wanted = [next(line.split(b": ", 1)[1].decode() for line in raw.split(b"\r\n") if line.startswith(b"Message-ID"))
              for raw in sent]
    assert sorted(ids) == sorted(wanted)  # every message exactly once
    workbook = load_workbook(tmp_path / "output" / "register.xlsx")
    assert workbook.sheetnames
    assert not list((tmp_path / "output").glob("*.tmp")) and not list((tmp_path / "output").glob(".tmp*"))
    console = err.decode()
    logfile = (tmp_path / "data" / "logs" / "shenbao.log").read_text("utf-8")
    assert "shenbao 服务已启动" in console and "shenbao 服务已停止" in console
    assert "收到新邮件" in logfile and "shenbao 服务已停止" in logfile
    assert dovecot.password not in console and dovecot.password not in logfile

"""A server that answers one byte at a time cannot hold a command past its deadline (issue 19:
`check-config` and `poll` still ran at 150 s with timeout_seconds = 10; under `run`, SIGTERM
was said but the process lived on for ten minutes).

These are hang checks with a generous margin, not speed tests: without the deadlines each
command here waits for minutes (the greeting alone is ~150 bytes at one byte a second), and the
hard limit of the helper kills it long before that."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tests.faults.maildrop import drop, fresh_folder, receipt_time, small_eml, write_settings
from tests.faults.polls import poll_env
from tests.support.dovecot import Dovecot
from tests.support.relays import SlowRelay

TIMEOUT = 4.0  # the settings' timeout_seconds; the relay sends a byte every second, well within it
MARGIN = 10.0  # python start-up and imports on a busy 2-core machine, and the watchdog's tick
HANG = 90.0  # what the helper waits before it kills the command as hung


@dataclass(frozen=True)
class Finished:
    returncode: int | None  # None: still running after HANG seconds (killed)
    out: str
    seconds: float


def shenbao(*args: str, env: dict[str, str]) -> Finished:
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "shenbao", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        out, _ = proc.communicate(timeout=HANG)
        return Finished(proc.returncode, out, time.monotonic() - started)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        return Finished(None, out, time.monotonic() - started)


def trickling(dovecot: Dovecot, tmp_path: Path, **settings: object) -> tuple[SlowRelay, Path]:
    fresh_folder(dovecot, "Trickle")
    drop(dovecot, "Trickle", [(small_eml(0, "tr"), receipt_time(0))])
    relay = SlowRelay(dovecot.port, rate=1, piece=1)
    return relay, write_settings(tmp_path, dovecot, "Trickle", port=relay.port, **settings)  # type: ignore[arg-type]


def test_poll_gives_up_on_a_trickling_server_within_twice_its_timeout(dovecot: Dovecot, tmp_path: Path) -> None:
    relay, cfg = trickling(dovecot, tmp_path, timeout=TIMEOUT)
    try:
        done = shenbao("poll", "-c", str(cfg), env=poll_env(dovecot.password))
    finally:
        relay.close()
    assert done.returncode == 4, done.out
    assert done.seconds < 2 * TIMEOUT + MARGIN, done.seconds
    assert f"超过 {TIMEOUT:.0f} 秒仍未完成" in done.out and "Traceback" not in done.out
    assert (tmp_path / "output" / "register.jsonl").exists()  # the register is written whatever the fetch did


def test_check_config_gives_up_on_a_trickling_server_within_twice_its_timeout(
        dovecot: Dovecot, tmp_path: Path) -> None:
    relay, cfg = trickling(dovecot, tmp_path, timeout=TIMEOUT)
    try:
        done = shenbao("check-config", "-c", str(cfg), env=poll_env(dovecot.password))
    finally:
        relay.close()
    assert done.returncode == 4, done.out
    assert done.seconds < 2 * TIMEOUT + MARGIN, done.seconds
    assert "无法连接邮箱" in done.out and "仍未完成" in done.out


def test_the_service_stops_within_seconds_of_sigterm_while_a_poll_waits_on_a_trickling_server(
        dovecot: Dovecot, tmp_path: Path) -> None:
    # A timeout far longer than the wait for the signal: only the stop can end this poll.
    relay, cfg = trickling(dovecot, tmp_path, timeout=300)
    proc = subprocess.Popen([sys.executable, "-m", "shenbao", "run", "-c", str(cfg)],
                            env=poll_env(dovecot.password), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    try:
        for _ in range(600):  # the first poll has connected and waits for the greeting
            if relay.connections or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert relay.connections == 1 and proc.poll() is None
        time.sleep(1)
        asked = time.monotonic()
        os.kill(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=HANG)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        stopped = time.monotonic() - asked
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        relay.close()
    assert stopped < 10, (stopped, out)
    assert proc.returncode == 0, out
    assert "收到停止信号" in out and "shenbao 服务已停止" in out

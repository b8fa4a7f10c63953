"""Running `python -m shenbao poll` as a real process, killing it, and reading its export."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PollResult:
    returncode: int  # -9 when our SIGKILL landed, else the poll's own exit code
    stdout: str
    stderr: str
    seconds: float


def poll_env(password: str, fault: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SHENBAO_FAULT"}
    env["TEST_IMAP_PASSWORD"] = password
    if fault:
        env["SHENBAO_FAULT"] = fault
    return env


def run_poll(cfg: Path, env: dict[str, str], *, kill_after: float | None = None, timeout: float = 120) -> PollResult:
    """One poll; with `kill_after`, SIGKILL the poll process (only it, as `kill -9 PID` would)
    that many seconds after it started, unless it finished first."""
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "shenbao", "poll", "-c", str(cfg)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is not None:
        try:
            proc.wait(kill_after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=timeout)
    return PollResult(proc.returncode, out, err, time.monotonic() - started)


def run_export(cfg: Path, env: dict[str, str], out: Path) -> list[dict]:  # type: ignore[type-arg]
    done = subprocess.run([sys.executable, "-m", "shenbao", "export", "-c", str(cfg), "-o", str(out)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return read_jsonl(out)


def read_jsonl(path: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

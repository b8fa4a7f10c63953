"""Poll a labelled folder end to end, the way the office's mail would arrive.

A labelled folder holds mail/NNNN.eml, manifest.json (per message: `file` and the
`internaldate` the server gave it), receipts.xlsx, history.xlsx, rules.json (the deadlines) and
truth.jsonl: the public sample, or a corpus written in the same layout by a generator.

`served(folder)` APPENDs every message with its INTERNALDATE to a private Dovecot
(tests/support/dovecot.py); `Poll` writes a settings file for it, then runs the README's
commands (`shenbao poll -c …`, `shenbao export --format jsonl -o …`) from an empty store.
Shared by sample_score.py and corpus_score.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.dovecot import Dovecot  # noqa: E402

PASSWORD_ENV = "SAMPLE_IMAP_PASSWORD"


def manifest_messages(folder: Path) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["messages"]
    return messages


def raw_messages(folder: Path) -> list[bytes]:
    return [(folder / m["file"]).read_bytes() for m in manifest_messages(folder)]


@contextmanager
def served(folder: Path) -> Iterator[Dovecot]:
    """A private Dovecot holding exactly the folder's messages, stopped on leaving."""
    server = Dovecot.start()
    try:
        server.reset()
        server.append_many([((folder / m["file"]).read_bytes(), datetime.fromisoformat(m["internaldate"]))
                            for m in manifest_messages(folder)])
        yield server
    finally:
        server.stop()


def settings_text(folder: Path, server: Dovecot) -> str:
    """shenbao.toml for polling `server` with the folder's deadlines, ledger and history.

    rules.json must give `electronic_deadline` and `paper_deadline`; `paper_grace_days` (the
    days a received date without a postmark may run late) is 0 unless it says otherwise."""
    rules = json.loads((folder / "rules.json").read_text(encoding="utf-8"))
    return f"""
[source]
kind = "imap"
[mailbox]
host = "127.0.0.1"
port = {server.port}
tls = "none"
username = "{server.user}"
password_env = "{PASSWORD_ENV}"
[paths]
data_dir = "data"
output_dir = "output"
receipts = "{folder / 'receipts.xlsx'}"
history = "{folder / 'history.xlsx'}"
[deadlines]
electronic = "{rules['electronic_deadline']}"
paper = "{rules['paper_deadline']}"
paper_grace_days = {rules.get("paper_grace_days", 0)}
"""


@dataclass(frozen=True)
class Poll:
    """shenbao run against one served folder, with its settings file in `work`."""

    config: Path
    env: dict[str, str]

    @classmethod
    def prepare(cls, folder: Path, work: Path, server: Dovecot) -> Poll:
        work.mkdir(parents=True, exist_ok=True)
        config = work / "shenbao.toml"
        config.write_text(settings_text(folder, server), encoding="utf-8")
        return cls(config, {**os.environ, PASSWORD_ENV: server.password})

    def run(self, *args: str, capture: bool = False) -> str:
        """`shenbao ARGS -c CONFIG`; its stdout when `capture`."""
        done = subprocess.run([str(ROOT / ".venv/bin/shenbao"), *args, "-c", str(self.config)], check=True,
                              env=self.env, capture_output=capture, text=True)
        return done.stdout if capture else ""

    def poll(self) -> float:
        """One poll; its wall time in seconds."""
        start = time.perf_counter()
        self.run("poll")
        return time.perf_counter() - start

    def export(self) -> Path:
        out = self.config.parent / "export.jsonl"
        self.run("export", "--format", "jsonl", "-o", str(out))
        return out

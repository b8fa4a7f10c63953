"""A poll killed while it extracts keeps each message's results whole or not at all: a message
is saved together with the results of the files read for it, or neither is; the next poll
reads again exactly the files of the messages it redoes, and reads no other.

Each poll is `python -m shenbao poll` in its own process over a local Maildir, dying at a
named checkpoint of shenbao/faults.py the way `kill -9` would (no cleanup, no flush).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shenbao.demo.forms import build_docx, example_spec
from shenbao.demo.mail import build_eml
from shenbao.extraction import EXTRACTION_VERSION, FILES_OPENED_EVENT
from shenbao.store import Store
from tests.faults.polls import read_jsonl
from tests.support.settings import MAILDIR_SETTINGS_TOML

CST = timezone(timedelta(hours=8))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MESSAGES = 4


def project(n: int) -> str:
    return f"湘江流域声景生态保护学术研讨会（第{n}届）"


def workspace(root: Path) -> tuple[Path, dict[str, str]]:
    """A Maildir of MESSAGES applications, each with a form of its own; returns the settings
    file and each message's form (Message-ID → the form's sha256)."""
    for sub in ("cur", "new", "tmp"):
        (root / "maildir" / sub).mkdir(parents=True)
    forms: dict[str, str] = {}
    for n in range(1, MESSAGES + 1):
        when = datetime(2024, 4, 10, 9, n, tzinfo=CST)
        form = build_docx(example_spec(project_name=project(n)))
        raw = build_eml(sender=f"u{n}@example.cn", sender_name=f"单位{n}", subject=f"项目申报-{project(n)}",
                        body="申报书见附件", attachments=[("申报书.docx", form, DOCX)], date=when,
                        message_id=f"<k{n}@example.cn>", client_style="qq", received_at=when)
        path = root / "maildir" / "cur" / f"{int(when.timestamp())}.k{n}.host:2,S"
        path.write_bytes(raw)
        os.utime(path, (when.timestamp(), when.timestamp()))
        forms[f"<k{n}@example.cn>"] = hashlib.sha256(form).hexdigest()
    (root / "shenbao.toml").write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
    return root / "shenbao.toml", forms


def poll(cfg: Path, fault: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SHENBAO_FAULT"}
    if fault:
        env["SHENBAO_FAULT"] = fault
    return subprocess.run([sys.executable, "-m", "shenbao", "poll", "-c", str(cfg)], env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_poll_killed_before_saving_a_read_message_keeps_no_result_of_it_and_the_next_reads_only_whats_missing(
        tmp_path: Path) -> None:
    cfg, forms = workspace(tmp_path)
    # Killed when the third message's form has been read and its rows made, before they are saved.
    killed = poll(cfg, "before_extract_save:3")
    assert killed.returncode == 137, killed.stderr

    with Store(tmp_path / "data") as store:
        pending = {m.message_id for m in store.unprocessed(EXTRACTION_VERSION)}
        assert len(pending) == MESSAGES - 2  # the first two were saved
        for mid, form in forms.items():
            kept = store.cached_file(form, EXTRACTION_VERSION) is not None
            # A message's file results are kept exactly when the message's results are.
            assert kept == (mid not in pending), (mid, kept)
        mark = store.event_mark()

    done = poll(cfg)
    assert done.returncode == 0, done.stderr
    with Store(tmp_path / "data") as store:
        assert store.unprocessed(EXTRACTION_VERSION) == []
        [(_, _, opened)] = store.events(FILES_OPENED_EVENT, after=mark)
    assert (opened["messages"], opened["read"]) == (len(pending), len(pending))  # the missing files, no other
    rows = read_jsonl(tmp_path / "output" / "register.jsonl")
    assert sorted(r["fields"]["project_name"] for r in rows) == sorted(project(n) for n in range(1, MESSAGES + 1))
    assert len({r["message_id"] for r in rows}) == MESSAGES

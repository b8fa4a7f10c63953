"""A limit hit once is not a verdict: a file whose reading ran out of time is read again at the
next poll (with more time), and only a second failure is kept; `reprocess N` reads that row's
files afresh."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from shenbao.cli import main
from shenbao.demo.forms import build_docx, example_spec
from shenbao.demo.mail import build_eml
from shenbao.pipeline import run_once
from shenbao.settings import Settings, load_settings
from tests.support.settings import MAILDIR_SETTINGS_TOML

CST = timezone(timedelta(hours=8))
PROJECT = "湘江流域声景生态保护学术研讨会"


def workspace(root: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / "maildir" / sub).mkdir(parents=True)
    when = datetime(2024, 4, 10, 9, 0, tzinfo=CST)
    raw = build_eml(sender="u1@example.cn", sender_name="单位1", subject=f"项目申报-{PROJECT}", body="申报书见附件",
                    attachments=[("申报书.docx", build_docx(example_spec(project_name=PROJECT)),
                                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document")],
                    date=when, message_id="<t1@example.cn>", client_style="qq", received_at=when)
    path = root / "maildir" / "cur" / f"{int(when.timestamp())}.t1.host:2,S"
    path.write_bytes(raw)
    os.utime(path, (when.timestamp(), when.timestamp()))
    (root / "shenbao.toml").write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
    return root / "shenbao.toml"


def hurried(settings: Settings) -> Settings:
    """Settings under which no file can be read in time (the fork alone takes longer)."""
    return settings.model_copy(update={"limits": settings.limits.model_copy(update={"file_timeout_seconds": 0.001})})


def only_row(settings: Settings) -> dict[str, Any]:
    (row,) = [json.loads(line) for line in (settings.output_dir / "register.jsonl").read_text("utf-8").splitlines()]
    return row


def test_a_file_that_ran_out_of_time_once_is_read_at_the_next_poll(tmp_path: Path) -> None:
    settings = load_settings(workspace(tmp_path))
    run_once(hurried(settings))
    first = only_row(settings)
    assert first["fields"]["project_name"] is None
    assert any("超时" in f["message"] for f in first["findings"])  # said, flagged, never silent

    report = run_once(settings)

    assert report.extracted == 1
    row = only_row(settings)
    assert row["id"] == first["id"] and row["fields"]["project_name"] == PROJECT
    assert not any(f["code"] in ("UNREADABLE_FILE", "NO_FORM") for f in row["findings"])
    assert run_once(settings).extracted == 0  # settled: nothing is read again


def test_a_file_that_runs_out_of_time_twice_keeps_that_verdict_until_reprocessed(tmp_path: Path) -> None:
    cfg = workspace(tmp_path)
    settings = load_settings(cfg)
    run_once(hurried(settings))
    run_once(hurried(settings))  # the second, last attempt fails too: now it is the file's verdict

    assert run_once(settings).extracted == 0
    row = only_row(settings)
    assert row["fields"]["project_name"] is None

    assert main(["reprocess", "-c", str(cfg), row["id"]]) == 0  # reads that row's files afresh
    assert only_row(settings)["fields"]["project_name"] == PROJECT


def test_copies_of_applicants_files_are_as_private_as_the_data_folder(tmp_path: Path) -> None:
    settings = load_settings(workspace(tmp_path))
    run_once(settings)
    folder = settings.output_dir / "附件"
    copies = [p for p in folder.rglob("*") if p.is_file()]
    assert copies, "the register links to copies of the attachments"
    assert folder.stat().st_mode & 0o077 == 0
    assert all(p.stat().st_mode & 0o077 == 0 and p.parent.stat().st_mode & 0o077 == 0 for p in copies)

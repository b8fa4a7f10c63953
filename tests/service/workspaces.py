"""Small real workspaces for the service, admin and reply tests: a Maildir (or a Dovecot
mailbox) holding a handful of the demo's messages, and a settings file pointing at them."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from shenbao.demo.catalogue import CASES, DemoCase
from shenbao.demo.workspace import case_to_eml
from tests.support.settings import MAILDIR_SETTINGS_TOML

BY_KEY = {c.key: c for c in CASES}


def case(key: str, **changes: object) -> DemoCase:
    """A demo case, optionally changed (another sender, extra headers, a new Message-ID)."""
    return dataclasses.replace(BY_KEY[key], **changes)  # type: ignore[arg-type]


def case_eml(c: DemoCase) -> bytes:
    return case_to_eml(c)


def write_maildir(root: Path, cases: list[DemoCase]) -> Path:
    """A Maildir whose files' mtimes are the server receipt times (as the demo's)."""
    maildir = root / "maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    for c in cases:
        path = maildir / "cur" / f"{int(c.received_at.timestamp())}.{c.key}-{abs(hash(c.message_id))}.t:2,S"
        path.write_bytes(case_eml(c))
        os.utime(path, (c.received_at.timestamp(), c.received_at.timestamp()))
    return maildir


def write_settings(root: Path, body: str) -> Path:
    path = root / "shenbao.toml"
    path.write_text(body, encoding="utf-8")
    return path


MAILDIR_SETTINGS = MAILDIR_SETTINGS_TOML

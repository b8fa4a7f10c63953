"""Filling a Dovecot folder fast, and settings files that point a poll at it.

APPEND fsyncs every message (about 15 ms each here), so large folders are written straight
into the folder's Maildir `new/` the way a delivery agent does (write in tmp/, rename into
new/); Dovecot indexes them when the folder is next selected and reports each file's mtime
as its INTERNALDATE, which `test_large_folder` checks.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tests.support.dovecot import Dovecot

CST = timezone(timedelta(hours=8))
BASE_TIME = datetime(2024, 4, 8, 9, 0, 0, tzinfo=CST)


def small_eml(n: int, tag: str) -> bytes:
    """A short plain message whose Message-ID is unique per (tag, n)."""
    return (f"From: unit{n}@example.org\r\nTo: hnkxxhb@126.com\r\nSubject: =?utf-8?B?5ZKo6K+i?= {n}\r\n"
            f"Message-ID: <{tag}-{n}@example.org>\r\nDate: Mon, 08 Apr 2024 09:00:00 +0800\r\n"
            f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            f"message {n} of {tag}\r\n").encode()


def folder_dir(server: Dovecot, folder: str) -> Path:
    """The Maildir++ directory Dovecot keeps `folder` in (ASCII folder names only)."""
    return server.root / "mail" / server.user / "Maildir" / f".{folder}"


def fresh_folder(server: Dovecot, folder: str) -> Path:
    """An empty folder with a new UIDVALIDITY; returns its Maildir directory."""
    server.reset(folder)
    return folder_dir(server, folder)


def drop(server: Dovecot, folder: str, items: Sequence[tuple[bytes, datetime]], start: int = 0) -> None:
    """Deliver messages into `folder` as files; each file's mtime is its receipt time."""
    root = folder_dir(server, folder)
    owner = root.stat()
    for i, (raw, when) in enumerate(items, start):
        name = f"{1712538000 + i}.M{i}P{os.getpid()}.shenbao-test,S={len(raw)}"
        tmp = root / "tmp" / name
        tmp.write_bytes(raw)
        stamp = when.timestamp()
        os.utime(tmp, (stamp, stamp))
        os.chown(tmp, owner.st_uid, owner.st_gid)  # Dovecot runs as the mail user, not us
        os.rename(tmp, root / "new" / name)


def receipt_time(n: int) -> datetime:
    return BASE_TIME + timedelta(seconds=37 * n)


def settings_text(server: Dovecot, folder: str, *, port: int | None = None, tls: str = "none",
                  verify_tls: bool = False, batch_size: int = 25, timeout: float = 10.0) -> str:
    """A settings file polling `folder` of the test Dovecot; the password is in TEST_IMAP_PASSWORD."""
    return f"""
[mailbox]
host = "127.0.0.1"
port = {port or server.port}
tls = "{tls}"
verify_tls = {str(verify_tls).lower()}
username = "{server.user}"
password_env = "TEST_IMAP_PASSWORD"
folder = "{folder}"
batch_size = {batch_size}
timeout_seconds = {timeout}
[deadlines]
electronic = "2024-04-30T17:00:00+08:00"
paper = "2024-04-30"
paper_grace_days = 3
"""


def write_settings(dir_: Path, server: Dovecot, folder: str, **kw: object) -> Path:
    path = dir_ / "shenbao.toml"
    path.write_text(settings_text(server, folder, **kw), encoding="utf-8")  # type: ignore[arg-type]
    return path


def form_eml(n: int, tag: str) -> bytes:
    """A real application: a .docx 申报书 whose project name and unit are distinct per n, so
    the per-hash extraction cache does not answer for it (each form is really read)."""
    from shenbao.demo.forms import build_docx, example_spec
    from shenbao.demo.mail import build_eml

    spec = example_spec(project_name=f"湘江流域声景生态保护学术研讨会（第{n}届）",
                        applicant_org=f"湖南省示例声学学会第{n}分会")
    docx = build_docx(spec)
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return build_eml(sender=f"unit{n}@example.org", sender_name=f"单位{n}", subject=f"项目申报：{spec.project_name}",
                     body="您好，附件为申报书，请查收。", attachments=[(f"申报书{n}.docx", docx, ctype)],
                     date=receipt_time(n), message_id=f"<{tag}-{n}@example.org>", client_style="foxmail")

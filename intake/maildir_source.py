"""A local Maildir as a mailbox (the demo uses it; so can an office that syncs with mbsync).

Maildir has no UIDs: a message's uid is derived from the unique part of its file name
(stable across the flag suffix `:2,S` and a move from new/ to cur/). Its receipt time is the
file's mtime, which is also what Dovecot reports as INTERNALDATE for Maildir storage.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from shenbao.intake.mime import header_message_id
from shenbao.record import MessageLocation, RawMessage


def maildir_uid(filename: str) -> int:
    unique = filename.split(":", 1)[0]
    return int.from_bytes(hashlib.sha256(unique.encode("utf-8", "surrogateescape")).digest()[:7], "big")


def scan(root: Path) -> Iterator[Path]:
    for sub in ("new", "cur"):
        folder = root / sub
        if folder.is_dir():
            yield from sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def fetch_new(root: Path, account: str, tz: ZoneInfo, is_known: Callable[[MessageLocation], bool],
              save_batch: Callable[[list[RawMessage]], None], batch_size: int = 25,
              progress: Callable[[int, int], None] | None = None, dry_run: bool = False) -> int:
    todo = []
    for path in scan(root):
        loc = MessageLocation(account=account, folder="", uidvalidity=0, uid=maildir_uid(path.name))
        if not is_known(loc):
            todo.append((path, loc))
    todo.sort(key=lambda item: (item[0].stat().st_mtime, item[0].name))
    done = 0
    for start in range(0, len(todo), batch_size):
        raws = []
        for path, loc in todo[start:start + batch_size]:
            when = datetime.fromtimestamp(path.stat().st_mtime, tz=tz).replace(microsecond=0)
            data = path.read_bytes()
            raws.append(RawMessage(data=data, location=loc, internaldate=when, message_id=header_message_id(data)))
        if not dry_run:
            save_batch(raws)
        done += len(raws)
        if progress:
            progress(done, len(todo))
    return done

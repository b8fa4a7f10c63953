"""The hostile corpus as one Maildir workspace, and what a poll over it left behind.

`build_hostile_workspace(root, urls)` writes root/maildir (one message per hostile file, plus
the hostile messages themselves) and root/shenbao.toml, and returns what it wrote, so that a
test can check that every message became a register row.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.hostile.builders import (Hostile, archive_corpus, attachment_mail, mail_corpus, office_corpus,
                                    pdf_corpus)
from tests.support.settings import MAILDIR_SETTINGS_TOML

# Files whose bytes say one thing and whose name another (the sniffer must decide by bytes).
_CONFUSER_EXTS = ("docx", "pdf", "zip", "doc", "eml", "jpg")


def confuser_corpus(samples: dict[str, bytes]) -> Iterator[Hostile]:
    for kind, data in samples.items():
        for ext in _CONFUSER_EXTS:
            yield Hostile(f"renamed-{kind}-as-{ext}", f"申报书.{ext}", data)


@dataclass(frozen=True)
class HostileWorkspace:
    root: Path
    settings: Path
    items: tuple[Hostile, ...]
    message_ids: tuple[str, ...]  # Message-ID of each delivered message, '' when it has none


def all_items(urls: tuple[str, str]) -> list[Hostile]:
    items = [*archive_corpus(), *office_corpus(urls), *pdf_corpus()]
    samples = {"pdf": next(i.data for i in items if i.label == "pdf-owner-password-only"),
               "docx": next(i.data for i in items if i.label == "docx-broken-rels"),
               "zip": next(i.data for i in items if i.label == "zip-traversal-0"),
               "random": os.urandom(4096)}
    return [*items, *confuser_corpus(samples), *mail_corpus()]


def build_hostile_workspace(root: Path, urls: tuple[str, str]) -> HostileWorkspace:
    maildir = root / "maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    items = all_items(urls)
    ids = []
    for n, item in enumerate(items):
        raw = item.data if not item.name else attachment_mail(item, n)
        ids.append(f"<hostile.{n}@example.com>" if item.name else "")
        path = maildir / "cur" / f"{1713744000 + n}.hostile{n:04d}:2,S"
        path.write_bytes(raw)
        os.utime(path, (1713744000 + n, 1713744000 + n))
    settings = root / "shenbao.toml"
    settings.write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
    return HostileWorkspace(root=root, settings=settings, items=tuple(items), message_ids=tuple(ids))

"""Which processes still run for a LibreOffice profile: the tests that prove a converter leaves
nothing behind (after a timeout, a close, a killed owner, a service stop) look with these."""

from __future__ import annotations

import time
from pathlib import Path


def processes_using(profile: Path) -> list[int]:
    """Live (not zombie) processes whose command line names `profile`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if str(profile).encode() in cmdline and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_until_gone(profile: Path) -> list[int]:
    """Processes of `profile` still alive after up to 20 s (an exiting soffice takes a moment)."""
    for _ in range(200):
        if not processes_using(profile):
            break
        time.sleep(0.1)
    return processes_using(profile)

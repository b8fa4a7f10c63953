"""Fault-injection checkpoints for the crash tests.

`checkpoint("extract")` does nothing unless SHENBAO_FAULT names it, as "extract:3" (die at
the 3rd time this checkpoint is reached). Then the process dies at once, the way a power
cut or `kill -9` would: no cleanup, no flush, no atexit.
"""

from __future__ import annotations

import os

_counts: dict[str, int] = {}


def checkpoint(name: str) -> None:
    spec = os.environ.get("SHENBAO_FAULT")
    if not spec:
        return
    wanted, _, nth = spec.partition(":")
    if wanted != name:
        return
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] >= int(nth or 1):
        os._exit(137)

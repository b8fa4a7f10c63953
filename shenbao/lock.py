"""One shenbao process per data directory.

An OS-level lock on `data_dir/shenbao.lock`: released by the kernel when the process dies,
so a crash never leaves a stale lock. The file records who holds it, for the message a
second process prints.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime
from pathlib import Path
from types import TracebackType

from shenbao.errors import LockHeld

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class DataDirLock:
    def __init__(self, data_dir: Path, purpose: str = "poll") -> None:
        self.path = Path(data_dir) / "shenbao.lock"
        self.purpose = purpose
        self.fh: object | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        try:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip() or "另一个 shenbao 进程"
            fh.close()
            raise LockHeld(holder) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"进程 {os.getpid()}（{socket.gethostname()}，{self.purpose}，"
                 f"自 {datetime.now().astimezone():%Y-%m-%d %H:%M:%S} 起）")
        fh.flush()
        self.fh = fh

    def release(self) -> None:
        if self.fh is not None:
            fh = self.fh
            self.fh = None
            fh.close()  # type: ignore[attr-defined]

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

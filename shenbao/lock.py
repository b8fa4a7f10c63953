"""One shenbao process per data directory.

An OS-level lock on `data_dir/shenbao.lock`: released by the kernel when the process dies,
so a crash never leaves a stale lock. The file records who holds it, for the message a
second process prints.

A forked child (the isolation worker reading an attachment) must not keep the lock: flock
belongs to the open file, which fork shares, so a poll killed with `kill -9` while its worker
was still reading left the data directory locked until the worker ended (up to its time
limit), and the next poll was refused. Children close their copy at fork.
"""

from __future__ import annotations

import os
import socket
import weakref
from datetime import datetime
from pathlib import Path
from types import TracebackType

from shenbao.errors import LockHeld
from shenbao.outputs.cells import LOCAL_TZ

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


_held: weakref.WeakSet[DataDirLock] = weakref.WeakSet()


def _drop_in_child() -> None:
    """After fork, in the child: close the inherited lock files without unlocking (the parent
    still holds the lock; LOCK_UN here would release it for both)."""
    for lock in list(_held):
        fh, lock.fh = lock.fh, None
        if fh is not None:
            fh.close()  # type: ignore[attr-defined]
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_in_child)


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
        # The office's clock, like every other time `status` prints (the machine may run on UTC).
        fh.write(f"进程 {os.getpid()}（{socket.gethostname()}，{self.purpose}，"
                 f"自 {datetime.now(LOCAL_TZ):%Y-%m-%d %H:%M:%S} 起）")
        fh.flush()
        self.fh = fh
        _held.add(self)

    def release(self) -> None:
        if self.fh is not None:
            fh = self.fh
            self.fh = None
            _held.discard(self)
            fh.close()  # type: ignore[attr-defined]

    def __enter__(self) -> DataDirLock:
        self.acquire()
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.release()

"""Run one untrusted-file job in a child process with a wall-clock limit and a memory cap.

A PDF that loops, an XML bomb or a zip that inflates forever kills its own worker only; the
caller gets an `Isolated` failure with a Chinese reason ("超时", "内存超限") and goes on.
Fork is used where available so the child starts in milliseconds with the parent's imports.
"""

from __future__ import annotations

import errno
import multiprocessing as mp
import os
import pickle
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

try:
    import resource
except ImportError:  # Windows: no RLIMIT_AS, the time limit still holds
    resource = None  # type: ignore[assignment]

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 3072
MEMORY_REASON = "内存超限（文件可能是恶意构造的压缩炸弹或异常文件）"


@dataclass(frozen=True)
class Isolated:
    """A job that did not return: `reason` is Chinese, `detail` for the log."""

    reason: str
    detail: str = ""


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int) -> None:
    try:
        if resource is not None and memory_mb:
            # The cap is headroom above what the worker inherits: RLIMIT_AS counts the parent's
            # whole address space (libraries, thread stacks, arenas), which grows with the
            # process that forks — an absolute cap would shrink to nothing in a big parent.
            limit = _address_space_bytes() + memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        result: Any = ("ok", func(*args))
    except MemoryError:
        result = ("err", Isolated(MEMORY_REASON))
    except BaseException as exc:  # noqa: BLE001 - everything is reported to the parent
        if _is_out_of_memory(exc):
            result = ("err", Isolated(MEMORY_REASON, type(exc).__name__))
        else:
            result = ("exc", exc, traceback.format_exc(limit=5))
    try:
        conn.send_bytes(pickle.dumps(result))
    except MemoryError:
        # A result too big to pickle under the cap (hundreds of MB of parts): only its name is
        # sent back; repr() of it would need the memory that just ran out.
        conn.send_bytes(pickle.dumps(("err", Isolated(MEMORY_REASON, "result too large to return"))))
    except Exception as exc:  # noqa: BLE001 - an unpicklable result is reported as such
        conn.send_bytes(pickle.dumps(("err", Isolated("处理结果无法返回", type(exc).__name__))))
    finally:
        conn.close()


def _address_space_bytes() -> int:
    """This process's virtual size (Linux /proc; 0 where unknown, e.g. macOS)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _is_out_of_memory(exc: BaseException) -> bool:
    """The address-space cap, as native code reports it: C++ libraries (onnxruntime, pdfium)
    wrap std::bad_alloc in their own exception types, the loader fails to map a library that
    is imported lazily (ImportError "failed to map segment"), the kernel says ENOMEM."""
    text = str(exc)
    if "bad_alloc" in text or "failed to map segment" in text:
        return True
    return isinstance(exc, OSError) and exc.errno == errno.ENOMEM


def run_isolated(func: Callable[..., Any], *args: Any, timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int = DEFAULT_MEMORY_MB) -> Any:
    """Return func(*args) computed in a child, or an `Isolated` on timeout/OOM/crash.
    An exception raised by func is re-raised here (so UnreadableFile travels as usual).
    `memory_mb` is address space the child may add to what it inherits from this process."""
    if os.environ.get("SHENBAO_NO_ISOLATION") == "1":
        return func(*args)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, args, memory_mb), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            _kill(proc)
            return Isolated(f"超时（超过 {timeout:.0f} 秒仍未读完）")
        try:
            payload = pickle.loads(parent.recv_bytes())
        except (EOFError, OSError):
            proc.join(5)
            code = proc.exitcode
            if code is not None and code < 0 and -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT):
                return Isolated("内存超限或解析器崩溃", f"exit {code}")
            return Isolated("解析进程意外退出", f"exit {code}")
    finally:
        parent.close()
        proc.join(5)
        if proc.is_alive():
            _kill(proc)
    if payload[0] == "ok":
        return payload[1]
    if payload[0] == "err":
        return payload[1]
    exc = payload[1]
    if isinstance(exc, MemoryError):
        return Isolated(MEMORY_REASON)
    raise exc


def _kill(proc: Any) -> None:
    try:
        proc.kill()
    except (OSError, AttributeError):
        pass
    proc.join(5)

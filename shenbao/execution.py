"""Where untrusted work runs, and under which limits: the one seam for process machinery.

Every attachment is read in an isolated child process: a PDF that loops, an XML bomb or a zip
that inflates forever kills that child only, and the caller gets an `Isolated` failure with a
Chinese reason ("超时", "内存超限") and goes on. The readers are pooled (`ReaderPool`): a
forked process reads file after file, each under the memory cap and the time limit, and is
replaced after a crash, a limit, `limits.files_per_reader` files, or a file after which it (or
its OCR helper) holds more than `limits.reader_recycle_mb` of memory. One-off jobs (a batch
conversion) get a child of their own (`run_isolated`). Fork is used where available, so a
child starts in milliseconds with the parent's imports and warm caches.

`Execution` holds, for one process, everything else that outlives a single file:
- the limits, all from the settings file's `[limits]` (settings.LimitSettings);
- the thread pool that keeps `limits.readers` isolated readers busy at once;
- the LibreOffice kept running across polls (`shared_converter`), ended by `close()`, at exit, or by
  `office_files_to_pdfs` when that call started it;
- the OCR engine, built and warmed in this process once a file needed OCR, so that the readers
  forked afterwards inherit it ready (copy-on-write).

The OCR reader forks one helper of its own per reading process to use the second core on a
page (extractors/ocr_reader.py); that helper dies with the reader that forked it, so the
limits here bound it too.
"""

from __future__ import annotations

import _imp
import atexit
import ctypes
import errno
import heapq
import itertools
import logging
import mmap
import multiprocessing as mp
import os
import pickle
import signal
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from shenbao.extractors import convert
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.heap import release_free_heap
from shenbao.record import Part
from shenbao.settings import LimitSettings

try:
    import resource
except ImportError:  # Windows: no RLIMIT_AS, the time limit still holds
    resource = None  # type: ignore[assignment]

log = logging.getLogger("shenbao.execution")

DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = LimitSettings().file_memory_mb
MEMORY_REASON = "内存超限（文件可能是恶意构造的压缩炸弹或异常文件）"


@dataclass(frozen=True)
class Isolated:
    """A job that did not return: `reason` is Chinese, `detail` for the log. `transient`: the
    limit it hit (time, memory, a crash) may not be hit on another try, on a quieter machine
    or with a larger limit — a verdict on the machine's moment, not yet on the file."""

    reason: str
    detail: str = ""
    transient: bool = False


# --------------------------------------------------------------------------- one isolated job

def _die_with_parent() -> None:
    """Linux: the kernel kills this child when the process that forked it dies, so a poll
    killed outright (SIGKILL, OOM killer) leaves no reader running on (prctl PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pipe's end-of-file still ends the wait
        pass


_PR_SET_PDEATHSIG = 1


def _child(conn: Any, func: Callable[..., Any], args: tuple[Any, ...], memory_mb: int, parent: int) -> None:
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
    _drop_inherited_pipes(conn.fileno())
    _cap_memory(memory_mb)
    try:
        _send_result(conn, _run_job(func, args))
    finally:
        conn.close()


def _drop_inherited_pipes(keep: int) -> None:
    """Point every pipe and socket this forked child inherited, but `keep` (its line to the
    parent) and the standard streams, at /dev/null.

    A fork copies every descriptor of the parent, also those another of its threads has just
    opened: a reader forked while LibreOffice's bridge was being started kept the write end of
    subprocess's exec-status pipe, and the start waited for that pipe's end as long as the
    reader lived — for ever, the reader being idle in the pool while the poll waited for the
    start. /dev/null rather than close: the numbers stay taken, so an inherited object that
    closes its descriptor later can never close one of this child's own."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:  # not Linux: nothing is dropped
        return
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in fds:
            if fd <= 2 or fd in (keep, null):
                continue
            try:
                mode = os.fstat(fd).st_mode
            except OSError:  # the listing's own descriptor, closed by now
                continue
            if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                os.dup2(null, fd)
    finally:
        os.close(null)


def _cap_memory(memory_mb: int) -> None:
    if resource is not None and memory_mb:
        # The cap is headroom above what the worker inherits: RLIMIT_AS counts the parent's
        # whole address space (libraries, thread stacks, arenas), which grows with the
        # process that forks — an absolute cap would shrink to nothing in a big parent.
        limit = _address_space_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _run_job(func: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, ...]:
    """("ok", value), ("err", Isolated) or ("exc", exception, traceback) for func(*args)."""
    try:
        return ("ok", func(*args))
    except MemoryError:
        return ("err", Isolated(MEMORY_REASON, transient=True))
    except BaseException as exc:  # noqa: BLE001 - everything is reported to the parent
        if _is_out_of_memory(exc):
            return ("err", Isolated(MEMORY_REASON, type(exc).__name__, transient=True))
        return ("exc", exc, traceback.format_exc(limit=5))


def _send_result(conn: Any, result: tuple[Any, ...]) -> None:
    try:
        conn.send_bytes(pickle.dumps(result))
    except MemoryError:
        # A result too big to pickle under the cap (hundreds of MB of parts): only its name is
        # sent back; repr() of it would need the memory that just ran out.
        conn.send_bytes(pickle.dumps(("err", Isolated(MEMORY_REASON, "result too large to return", transient=True))))
    except Exception as exc:  # noqa: BLE001 - an unpicklable result is reported as such
        conn.send_bytes(pickle.dumps(("err", Isolated("处理结果无法返回", type(exc).__name__))))


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


STOPPED_REASON = "已停止（程序正在退出，下次收信时重新读取）"


def _context() -> Any:
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context("spawn")


def _await(conn: Any, proc: Any, timeout: float, cancel: threading.Event | None) -> tuple[Any, ...] | Isolated:
    """The payload a child sends on `conn` within `timeout`, or why there is none (the child is
    then killed: a timeout, a cancel; or it died: a crash, the memory cap)."""
    deadline = time.monotonic() + timeout
    while not conn.poll(max(0.0, min(0.25, deadline - time.monotonic()))):
        if cancel is not None and cancel.is_set():
            _kill(proc)
            return Isolated(STOPPED_REASON, transient=True)
        if time.monotonic() >= deadline:
            _kill(proc)
            return Isolated(f"超时（超过 {timeout:.0f} 秒仍未读完）", transient=True)
    try:
        payload: tuple[Any, ...] = pickle.loads(conn.recv_bytes())
        return payload
    except (EOFError, OSError):
        proc.join(5)
        code = proc.exitcode
        if code is not None and code < 0 and -code in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT):
            return Isolated("内存超限或解析器崩溃", f"exit {code}", transient=True)
        return Isolated("解析进程意外退出", f"exit {code}", transient=True)


def _outcome(payload: tuple[Any, ...] | Isolated) -> Any:
    if isinstance(payload, Isolated):
        return payload
    if payload[0] in ("ok", "err"):
        return payload[1]
    exc = payload[1]
    if isinstance(exc, MemoryError):
        return Isolated(MEMORY_REASON, transient=True)
    raise exc


def run_isolated(func: Callable[..., Any], *args: Any, timeout: float = DEFAULT_TIMEOUT,
                 memory_mb: int = DEFAULT_MEMORY_MB, isolate: bool = True,
                 cancel: threading.Event | None = None) -> Any:
    """Return func(*args) computed in a child, or an `Isolated` on timeout/OOM/crash.
    An exception raised by func is re-raised here (so UnreadableFile travels as usual).
    `memory_mb` is address space the child may add to what it inherits from this process.
    `isolate=False` runs func here (LimitSettings.isolate, for debugging a reader only).
    When `cancel` is set the child is killed at once and the result is Isolated(STOPPED_REASON)
    (`transient`): the process is stopping, and nobody will keep that result."""
    if not isolate:
        return func(*args)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, func, args, memory_mb, os.getpid()), daemon=True)
    with _warm_lock:  # never forked while the OCR engine is being built (warm_ocr_engine)
        _fork_between_imports(proc.start)
    child.close()
    try:
        payload = _await(parent, proc, timeout, cancel)
    finally:
        parent.close()
        proc.join(5)
        if proc.is_alive():
            _kill(proc)
    return _outcome(payload)


def _fork_between_imports(start: Callable[[], None]) -> None:
    """`start()` (which forks) at a moment no other thread is importing a module. A child forked
    while a thread imports module X has X half made and X's lock held by a thread it does not
    have: its own first import of X waits forever (a pooled reader hung so until the 180 s file
    limit, its main thread in import_ensure_initialized). os.fork takes the global import lock,
    not the per-module locks of an import under way: so the import lock is taken here, no module
    may be initialising, and only then the fork; otherwise the lock is let go (the import under
    way may need it to finish) and this waits a moment."""
    while True:
        _imp.acquire_lock()
        try:
            if not any(getattr(getattr(m, "__spec__", None), "_initializing", False)
                       for m in list(sys.modules.values())):
                start()
                return
        finally:
            _imp.release_lock()
        time.sleep(0.001)


def _kill(proc: Any) -> None:
    try:
        proc.kill()
    except (OSError, AttributeError):
        pass
    proc.join(5)


# --------------------------------------------------------------------------- reusable readers

def _serve(conn: Any, memory_mb: int, parent: int) -> None:
    """A pooled reader's loop: run each (func, args) sent, answer, then say how large it is
    now (`_largest_resident_mb`), until the pipe closes. After a memory failure it answers and
    exits: what is left of its heap is not to be trusted."""
    _die_with_parent()
    if os.getppid() != parent:
        os._exit(1)
    _drop_inherited_pipes(conn.fileno())
    _cap_memory(memory_mb)
    while True:
        try:
            func, args = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            os._exit(0)
        result = _run_job(func, args)
        _send_result(conn, result)
        if result[0] == "err" and result[1].reason == MEMORY_REASON:
            os._exit(0)
        # Measured after the heap's free pages went back: what the reader holds, not what
        # glibc keeps for reuse (which the next file's peak would come on top of).
        release_free_heap()
        conn.send_bytes(b"%d" % _largest_resident_mb())


def _largest_resident_mb() -> int:
    """The resident memory (MB) of this process or of the OCR helper it forked, whichever is
    larger: each is a process of its own that the next file may grow. The helper exists only
    where the OCR reader was loaded, so it is looked up, not imported (an import here would
    load OpenCV into a reader that never OCRs)."""
    sizes = [_resident_mb("self")]
    ocr = sys.modules.get("shenbao.extractors.ocr_reader")
    helper = ocr.helper_pid() if ocr is not None else None
    if helper is not None:
        sizes.append(_resident_mb(str(helper)))
    return max(sizes)


def _resident_mb(pid: str) -> int:
    """Resident memory of process `pid` ("self" for this one) in MB, pages it shares with its
    parent included (Linux /proc; 0 where unknown)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * mmap.PAGESIZE // (1024 * 1024)
    except (OSError, ValueError, IndexError):
        return 0


# Seconds a reader has to say its size after its answer (it reads one /proc file).
_SIZE_WAIT = 10.0


class _Worker:
    def __init__(self, memory_mb: int, generation: int) -> None:
        ctx = _context()
        self.conn, theirs = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_serve, args=(theirs, memory_mb, os.getpid()), daemon=True)
        with _warm_lock:  # never forked while the OCR engine is being built (warm_ocr_engine)
            _fork_between_imports(self.proc.start)
        theirs.close()
        self.tasks = 0
        self.generation = generation

    def close(self) -> None:
        try:
            self.conn.close()
        except OSError:
            pass
        _kill(self.proc)


class ReaderPool:
    """Isolated readers kept for many files instead of one fork per file (a fork, plus the
    caches each child rebuilt, was most of the cost of a small file). The limits stay per
    file: the memory cap is set once in each reader as headroom over what it inherited, the
    time limit is the caller's wait, after which that reader is killed. A reader is replaced
    after a crash, a limit, `max_tasks` files, a file after which it or its OCR helper is
    resident in more than `recycle_mb` MB, or when the parent warmed the OCR engine since it
    was forked (a new fork inherits the warm engine). Thread-safe: each call takes an idle
    reader or forks one.

    `recycle_mb` bounds what a reader holds when it starts a file, so that its peak is that
    plus one file's own need: OCR keeps some of what a page needed (onnxruntime's buffers, a
    fragmented heap), and a reader kept for many scans grew past 1.3 GB where one scan
    alone needs 580–770 MB."""

    def __init__(self, memory_mb: int, max_tasks: int, recycle_mb: int = LimitSettings().reader_recycle_mb) -> None:
        self.memory_mb = memory_mb
        self.max_tasks = max_tasks
        self.recycle_mb = recycle_mb
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def run(self, func: Callable[..., Any], args: tuple[Any, ...], *, timeout: float,
            cancel: threading.Event | None) -> Any:
        """As run_isolated(func, *args, …), in a pooled reader."""
        try:
            job = pickle.dumps((func, args))
        except Exception:  # noqa: BLE001 - a job that cannot travel (a closure) gets a fork of its own
            return run_isolated(func, *args, timeout=timeout, memory_mb=self.memory_mb, cancel=cancel)
        worker = self._take()
        keep = False
        try:
            try:
                worker.conn.send_bytes(job)
            except OSError:  # it died idle (killed from outside): one fresh try
                worker.close()
                worker = self._take(fresh=True)
                worker.conn.send_bytes(job)
            payload = _await(worker.conn, worker.proc, timeout, cancel)
            worker.tasks += 1
            keep = not isinstance(payload, Isolated) and not (
                payload[0] == "err" and payload[1].reason == MEMORY_REASON) and self._still_small(worker)
        finally:
            self._give_back(worker, keep)
        return _outcome(payload)

    def _still_small(self, worker: _Worker) -> bool:
        """Whether the reader may take another file: its size after this one (which it sends
        right after the answer) is at most `recycle_mb`."""
        try:
            if not worker.conn.poll(_SIZE_WAIT):
                return False
            size = int(worker.conn.recv_bytes())
        except (EOFError, OSError, ValueError):
            return False
        if size > self.recycle_mb:
            log.debug("读取进程占用内存 %d MB（上限 %d MB），换一个新的", size, self.recycle_mb)
            return False
        return True

    def _take(self, fresh: bool = False) -> _Worker:
        with self._lock:
            while self._idle and not fresh:
                worker = self._idle.pop()
                if worker.generation == _ocr_generation and worker.proc.is_alive():
                    self._busy.add(worker)
                    return worker
                worker.close()
        worker = _Worker(self.memory_mb, _ocr_generation)
        with self._lock:
            self._busy.add(worker)
        return worker

    def _give_back(self, worker: _Worker, keep: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
            if keep and not self._closed and worker.tasks < self.max_tasks:
                self._idle.append(worker)
                return
        worker.close()

    def close(self) -> None:
        """End every reader (idle ones at once; busy ones are killed too: their callers get an
        Isolated crash, as on a cancel)."""
        with self._lock:
            self._closed = True
            workers, self._idle = [*self._idle, *self._busy], []
            self._busy.clear()
        for worker in workers:
            worker.close()


# --------------------------------------------------------------------------- readers

class ReadOutcome(Protocol):
    """What an isolated file job returns (extraction.FileResult)."""

    @property
    def ocr(self) -> bool: ...


R = TypeVar("R", bound=ReadOutcome)
T = TypeVar("T")


class Stopped(Exception):
    """The work was asked to stop (`Execution.cancel`): the service is stopping, or the command
    was interrupted. What was done so far is kept; the rest is done at the next poll."""


class Execution:
    """The limits and the long-lived helpers of one process; see the module docstring.

    `cancel`, once set, kills every running reader at once and makes the extraction stop
    between two messages (`Stopped`)."""

    def __init__(self, limits: LimitSettings | None = None, cancel: threading.Event | None = None) -> None:
        self.limits = limits or LimitSettings()
        self.cancel = cancel or threading.Event()
        self._readers: ReaderPool | None = None
        self._readers_lock = threading.Lock()

    @property
    def readers(self) -> int:
        # In-process reading (isolate = false) must stay on one thread: pdfium is not thread-safe.
        return self.limits.readers if self.limits.isolate else 1

    def pool(self) -> ReadingThreads:
        """The threads that keep `readers` isolated readers busy; shutting it down also ends
        the pooled reader processes (they live for one extraction run)."""
        return ReadingThreads(self, self.readers, "shenbao-read")

    def reader_pool(self) -> ReaderPool:
        with self._readers_lock:
            if self._readers is None:
                self._readers = ReaderPool(self.limits.file_memory_mb, self.limits.files_per_reader,
                                           self.limits.reader_recycle_mb)
            return self._readers

    def close_readers(self) -> None:
        with self._readers_lock:
            readers, self._readers = self._readers, None
        if readers is not None:
            readers.close()

    def isolated_reader(self, job: Callable[[bytes, str, str, str, bytes | None], R],
                        failed: Callable[[str, bool], R], *,
                        patience: float = 1.0) -> Callable[[Part, str, bytes | None], R]:
        """`job(data, name, kind, sha256, prepared)` run per file in a child with the file limits
        (`prepared`: what a reader's batch hook made of the file beforehand, or None). A file
        that hits a limit, or whose reader fails with an unexpected exception (a parser bug on
        a hostile file), becomes `failed(Chinese reason)`: one bad file never costs the other
        files of its message; `failed(reason, transient)` says whether another try might do
        better. `patience` multiplies the time limit (a file's last attempt). Safe to call from
        several threads (each call forks its own child)."""
        limits = self.limits
        cancel = self.cancel

        def read(part: Part, sha256: str, prepared: bytes | None = None) -> R:
            if cancel.is_set():
                # A stopping poll starts no more reads (those queued behind costlier ones
                # included): nothing read now would be kept, and the next poll reads the file.
                return failed(STOPPED_REASON, True)
            if part.kind == "image":
                warm_ocr_engine()  # an image is always read by OCR
            try:
                args = (part.data, part.name, part.kind, sha256, prepared)
                timeout = limits.file_timeout_seconds * patience
                if limits.isolate:
                    result = self.reader_pool().run(job, args, timeout=timeout, cancel=cancel)
                else:
                    result = job(*args)
            except Exception as exc:  # noqa: BLE001 - a reader bug on one file is that file's problem
                log.warning("读取附件 %s 时解析器出错：%s", part.name, type(exc).__name__)
                return failed(f"文件结构异常，解析器无法读取（{type(exc).__name__}）", False)
            if isinstance(result, Isolated):
                return failed(result.reason, result.transient)
            if result.ocr:
                warm_ocr_engine()  # scans come in runs: the next one's worker inherits the engine
            return result  # type: ignore[no-any-return]

        return read

    def run_limited(self, func: Callable[..., Any], *args: Any, timeout: float) -> Any:
        """func(*args) in a child with the file memory cap and `timeout` (a batch's own limit)."""
        return run_isolated(func, *args, timeout=timeout, memory_mb=self.limits.file_memory_mb,
                            isolate=self.limits.isolate, cancel=self.cancel)

    def converter(self) -> convert.PersistentConverter | None:
        return shared_converter()

    def close(self) -> None:
        self.close_readers()
        close_shared_converter()


class ReadingThreads:
    """The threads that keep the isolated readers busy, taking the costliest file waiting first.

    A first-in-first-out pool read a scan or a photo only when its turn came; the other reader
    then ran through the rest of the lookahead's small files in a second and waited with its
    core idle for the seconds the scan took (issue 18's whole call: "about 25 s of a core idle
    while a scan's seconds sit at the head of the lookahead"). Started as soon as its message
    is parsed, a scan is read while the small files of the messages before it go on the other
    reader (with several scans waiting, both readers take scans first and the small files
    after: the head message waits, the cores do not). Each file's `cost` is a guess from its kind and size (shenbao.extraction.read_cost);
    a wrong guess changes the order of reading, never a result. Files of equal cost keep their
    order."""

    def __init__(self, execution: Execution, workers: int, name: str) -> None:
        self.execution = execution
        self._waiting: list[tuple[int, int, Future[Any], Callable[..., Any], tuple[Any, ...]]] = []
        self._ready = threading.Condition()
        self._order = itertools.count()
        self._closed = False
        self._threads = [threading.Thread(target=self._work, name=f"{name}_{n}", daemon=True) for n in range(workers)]
        for thread in self._threads:
            thread.start()

    def submit(self, fn: Callable[..., T], *args: Any, cost: int = 0) -> Future[T]:
        future: Future[T] = Future()
        with self._ready:
            if self._closed:
                raise RuntimeError("reading threads already shut down")
            heapq.heappush(self._waiting, (-cost, next(self._order), future, fn, args))
            self._ready.notify()
        return future

    def _work(self) -> None:
        while True:
            with self._ready:
                while not self._waiting and not self._closed:
                    self._ready.wait()
                if not self._waiting:
                    return  # closed and drained
                _, _, future, fn, args = heapq.heappop(self._waiting)
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while it waited
            try:
                result = fn(*args)
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self, wait: bool = True) -> None:
        """No more files; the threads end once what waits is read (or cancelled), and with them
        the pooled reader processes."""
        with self._ready:
            self._closed = True
            self._ready.notify_all()
        if wait:
            for thread in self._threads:
                thread.join()
        self.execution.close_readers()

    def __enter__(self) -> ReadingThreads:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown(wait=True)


# --------------------------------------------------------------------------- OCR warm-up

_warm_lock = threading.Lock()
_warm = False
# Bumped when the engine is warmed here: pooled readers forked before it lack the warm engine
# and are replaced at their next file (ReaderPool).
_ocr_generation = 0


def warm_ocr_engine() -> None:
    """Build and warm the OCR engine in this (the parent) process, once.

    Every file is read in a forked worker; a worker that OCRs must otherwise load the models
    and run a first, slow inference itself (~1 s of CPU), and so must the helper it forks for
    the second core — 2 s per scanned file, a fifth of reading it. Forked after this, both
    start with a warm engine (copy-on-write). Only done once a file has needed OCR, so mail
    without scans never pays for the engine or its memory.

    Readers are forked from other threads: one forked while this builds the engine inherits
    onnxruntime's state half made, and its OCR hangs until the file's time limit (a photo and a
    scan read at once did so every time, 180 s lost). Every fork here waits on `_warm_lock`."""
    global _warm, _ocr_generation
    with _warm_lock:
        if _warm:
            return
        _warm = True
        _ocr_generation += 1
        # local: OpenCV and numpy (~0.3 s) are loaded by the first file that needs OCR, not by every command
        from shenbao.extractors import ocr_reader
        try:
            ocr_reader.warm_engine()
        except Exception as exc:  # noqa: BLE001 - workers then build their own engine, as before
            log.warning("预加载OCR引擎失败：%r", exc)


# --------------------------------------------------------------------------- LibreOffice

# The process's persistent converter: started by the first poll that has a Word file to
# convert, kept across polls, ended by the service when it stops or, for a one-shot command,
# when the process exits (atexit). If this process is killed outright, the bridge reads
# end-of-input and ends its soffice itself.
_converter: convert.PersistentConverter | None = None
_converter_failed = False
_converter_lock = threading.Lock()


def refused_for_good(exc: BaseException) -> bool:
    """Whether LibreOffice opened a file and refused it (it will again: not worth another try),
    rather than running out of time, failing to start or dying on it."""
    return isinstance(exc, UnreadableFile) and not isinstance(exc, (convert.TimedOut, convert.StartFailed,
                                                                    convert.Crashed))


def shared_converter() -> convert.PersistentConverter | None:
    """The started persistent converter, or None when this machine has none (no python3-uno)
    or it failed to start once in this process (the batch conversion is used instead)."""
    global _converter, _converter_failed
    if _converter_failed or not convert.persistent_available():
        return None
    with _converter_lock:
        if _converter is None:
            converter = convert.PersistentConverter()
            try:
                converter.start()
            except UnreadableFile as exc:
                converter.close()
                _converter_failed = True
                log.warning("常驻LibreOffice转换进程未能启动，改为逐批启动LibreOffice转换：%s", exc.reason)
                return None
            _converter = converter
            atexit.register(close_shared_converter)
        return _converter


def close_shared_converter() -> None:
    """End the persistent converter's soffice and remove its temp dir (idempotent); a later poll
    would start a new one."""
    global _converter
    with _converter_lock:
        converter, _converter = _converter, None
    if converter is not None:
        atexit.unregister(close_shared_converter)
        converter.close()


def office_files_to_pdfs(files: list[tuple[bytes, str]], timeout: float = LimitSettings().convert_timeout_seconds,
                         batch_size: int = LimitSettings().convert_batch,
                         progress: Callable[[int], None] | None = None) -> list[bytes | Exception]:
    """Office files (data, kind) printed to PDF: one result per file, in order, the PDF bytes or
    an UnreadableFile whose Chinese reason says why that file has none. No file holds up the
    others for long: each gets at most `timeout` seconds of LibreOffice's time.

    Through the kept-running LibreOffice (shared_converter) one file after another; a file that
    hangs gets soffice killed and restarted, and only that file fails. The converter is ended
    afterwards when this call started it (a one-shot command keeps no soffice), also when
    interrupted. Without python3-uno: soffice runs of at most `batch_size` files, each given
    `timeout` plus PDF_SECONDS_PER_FILE per file; what a run that hit its limit had not finished
    is converted again one file per run, each within `timeout`. `progress(done)` is called as
    files are done."""
    results: dict[int, bytes | Exception] = {}
    started_here = _converter is None
    try:
        todo = list(range(len(files)))
        converter = shared_converter() if files else None
        if converter is not None:
            todo = _pdfs_one_by_one(converter, files, todo, results, timeout, progress)
        if todo:
            _pdfs_in_batches(files, todo, results, timeout, batch_size, progress)
    finally:
        if started_here:
            close_shared_converter()
    return [results[i] for i in range(len(files))]


# A soffice run over a batch is given the per-file limit (which covers soffice's start and one
# slow file) plus this much for each file: an ordinary form prints in well under a second.
PDF_SECONDS_PER_FILE = 3.0
# The same address-space cap as the kept-running LibreOffice's.
PDF_MEMORY_MB = convert.PERSISTENT_MEMORY_MB


def _pdfs_one_by_one(converter: convert.PersistentConverter, files: list[tuple[bytes, str]], todo: list[int],
                     results: dict[int, bytes | Exception], timeout: float,
                     progress: Callable[[int], None] | None) -> list[int]:
    """Fill results[i] for i in `todo` through the kept-running LibreOffice; return the files
    left when it could not be (re)started, for the batch conversion."""
    for n, i in enumerate(todo):
        data, kind = files[i]
        try:
            results[i] = converter.to_pdf(data, "", kind, timeout=timeout)
        except convert.StartFailed as exc:
            log.warning("常驻LibreOffice转换进程无法重新启动，其余文件改为逐批转换：%s", exc.reason)
            return todo[n:]
        except UnreadableFile as exc:
            results[i] = exc
        if progress:
            progress(n + 1)
    return []


def _pdfs_in_batches(files: list[tuple[bytes, str]], todo: list[int], results: dict[int, bytes | Exception],
                     timeout: float, batch_size: int, progress: Callable[[int], None] | None) -> None:
    """Fill results[i] for i in `todo` with soffice runs of at most `batch_size` files; the files
    a run left unfinished when its time ran out are run again one at a time."""
    done = len(files) - len(todo)
    for start in range(0, len(todo), batch_size):
        batch = todo[start:start + batch_size]
        limit = timeout + PDF_SECONDS_PER_FILE * len(batch)
        outputs = convert.convert_many([files[i] for i in batch], "pdf", limit, memory_mb=PDF_MEMORY_MB)
        for i, output in zip(batch, outputs):
            if isinstance(output, convert.TimedOut) and len(batch) > 1:
                output = convert.convert_many([files[i]], "pdf", timeout, memory_mb=PDF_MEMORY_MB)[0]
            results[i] = output
            done += 1
            if progress:
                progress(done)

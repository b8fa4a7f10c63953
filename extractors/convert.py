"""LibreOffice headless conversion: .doc/.wps/Word 2003 XML/broken .docx → .docx, and → PDF.

Each call runs its own soffice with a private, fresh profile (concurrent runs otherwise
collide on the shared profile lock: docling-project/docling#3819), in a private temp dir, on an input written
under a generated name (never the sender's filename). soffice runs in its own session so a
hang (some old .wps files spin forever; a .docx of 200,000 empty paragraphs takes six minutes
to print) is ended by killing the whole process group — on its time limit, and in `finally`, so
also when the caller is interrupted (KeyboardInterrupt, SIGTERM turned into one, SystemExit).
soffice exits 0 even when it wrote nothing, so success means "the output file exists and is
not empty"; anything else raises UnreadableFile("无法转换：…") (TimedOut when the time ran out).

PersistentConverter keeps one soffice running for many files (the service's polls, the
packets), driven through uno_bridge.py by the Python that has LibreOffice's `uno`;
persistent_available() says whether this machine has one.

The private temp dirs are named `shenbao-lo-<pid>-…` after the process that made them and
removed in every path it controls; one left behind by a process that was killed outright is
removed by a later run (remove_stale_work_dirs) once it is a day old and its process is gone.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import secrets
import select
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from shenbao.extractors.errors import UnreadableFile

# Extension soffice should see for each sniffed kind; it auto-detects the filter from the
# bytes and this hint (forcing --infilter breaks Works .wps files: C4illin/ConvertX#582).
_EXTENSIONS = {
    "doc": ".doc", "wps": ".wps", "word2003xml": ".xml", "docx": ".docx", "rtf": ".rtf",
    "odt": ".odt", "xlsx": ".xlsx", "xls": ".xls", "et": ".et", "html": ".html",
    "text": ".txt", "pdf": ".pdf", "pptx": ".pptx",
}
_MAX_OUTPUT_BYTES = 200 * 1024 * 1024
# Target extension → the --convert-to argument (an explicit export filter where soffice's
# default for the extension is not the format we want).
_TARGETS = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "pdf": "pdf"}


def soffice_command() -> list[str] | None:
    """The argv prefix that starts LibreOffice, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return [path]
    return None


def available() -> bool:
    """True when a LibreOffice binary is on PATH."""
    return soffice_command() is not None


def _kind_from_bytes(data: bytes, name: str) -> str:
    """A coarse kind for to_pdf, which is not told one: enough to pick an extension."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if data[:4] == b"PK\x03\x04":
        if b"xl/workbook" in data[:65536] or suffix == "xlsx":
            return "xlsx"
        return "docx"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return suffix if suffix in ("doc", "wps", "xls", "et") else "doc"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:4096].lstrip()
    if head.startswith(b"<?xml") and b"wordDocument" in head:
        return "word2003xml"
    if data[:5] == b"{\\rtf":
        return "rtf"
    return suffix if suffix in _EXTENSIONS else "doc"


# The OLE signature D0 CF 11 E0 read as text (UTF-16BE, UTF-16LE, cp1252): soffice imports a
# damaged .doc/.wps as plain text instead of failing, so this in the output means garbage.
_OLE_AS_TEXT = ("\ud0cf\u11e0", "\ucfd0\ue011", "\u00d0\u00cf")


def _is_text_import_of_ole(out: bytes) -> bool:
    """True when a converted .docx is just the raw bytes of a broken OLE file as text."""
    try:
        with zipfile.ZipFile(io.BytesIO(out)) as zf:
            xml = zf.read("word/document.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return any(sig in xml for sig in _OLE_AS_TEXT)


_NO_OUTPUT_REASON = "无法转换：LibreOffice未能生成文件（文件可能已损坏）"


class TimedOut(UnreadableFile):
    """LibreOffice ran out of time before it finished this file (it may not be the file's fault:
    in a batch, an earlier file may have used the time up)."""

    def __init__(self, timeout: float) -> None:
        super().__init__(f"无法转换：LibreOffice超时（{timeout:g}秒）")
        self.timeout = timeout


class Crashed(UnreadableFile):
    """soffice died while it had this file (a crash, its memory cap): the file may not be to
    blame, so no caller should take it as refused for good."""


class StartFailed(UnreadableFile):
    """The kept-running LibreOffice could not be started (no file was tried)."""


def _written_output(out: Path, target: str) -> bytes | UnreadableFile | None:
    """What soffice wrote to `out`: its bytes, an UnreadableFile when it is garbage, or None
    when nothing usable was written (missing, empty, larger than _MAX_OUTPUT_BYTES, or a "PDF"
    that is not one)."""
    if not (out.is_file() and 0 < out.stat().st_size <= _MAX_OUTPUT_BYTES):
        return None
    output = out.read_bytes()
    if target == "docx" and _is_text_import_of_ole(output):
        return UnreadableFile("无法转换：文件已损坏或不完整")
    if target == "pdf" and not output.startswith(b"%PDF-"):
        return None
    return output


# --------------------------------------------------------------------------- private temp dirs

WORK_PREFIX = "shenbao-lo-"
STALE_AFTER_SECONDS = 24 * 3600.0


def _work_dir() -> Path:
    """A new private temp dir for one soffice run or one kept-running soffice, named after this
    process; stale ones from killed runs are removed first."""
    remove_stale_work_dirs()
    return Path(tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{os.getpid()}-"))


def remove_stale_work_dirs(temp_dir: Path | None = None, max_age: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Remove the `shenbao-lo-*` dirs of this user in `temp_dir` (default: the temp dir) that
    have not changed for `max_age` seconds and whose process is gone; return them. A running
    converter is never touched: its process is alive (a kept-running one may sit idle for days
    between polls, so age alone would not do)."""
    removed = []
    now = time.time()
    for path in Path(temp_dir or tempfile.gettempdir()).glob(WORK_PREFIX + "*"):
        try:
            info = path.lstat()
        except OSError:
            continue
        if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or now - info.st_mtime < max_age
                or _work_dir_in_use(path)):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _work_dir_in_use(path: Path) -> bool:
    """Whether the process that made `path` still runs. Dirs made before they carried the pid
    (`shenbao-lo-<random>`) are in use while a process names them on its command line (soffice
    and the bridge name their profile); where /proc is missing, they are kept."""
    owner = path.name[len(WORK_PREFIX):].split("-", 1)[0]
    if owner.isdigit():
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True  # a process of another user now has that pid: keep it, to be safe
        return True
    proc = Path("/proc")
    if not proc.is_dir():
        return True
    needle = str(path).encode()
    for entry in proc.iterdir():
        try:
            if entry.name.isdigit() and needle in (entry / "cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


def _run(argv: list[str], timeout: float, memory_mb: int = 0) -> bool:
    """Run argv in a new session; True if it finished in time. On timeout, and when the wait is
    interrupted (KeyboardInterrupt, SystemExit), the whole process group is killed, so helper
    processes soffice forked die with it. `memory_mb`: the address space it may map (0: no cap)."""
    if memory_mb and os.name == "posix":
        # ulimit in a shell that then becomes soffice: the cap is in place before soffice runs,
        # with no preexec_fn (unsafe in a process with threads).
        argv = ["/bin/sh", "-c", 'ulimit -v "$1" && shift && exec "$@"', "sh", str(memory_mb * 1024), *argv]
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:
        if proc.poll() is None:
            _kill_group(proc)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def convert_many(items: Sequence[tuple[bytes, str]], target: str, timeout: float, *, memory_mb: int = 0
                 ) -> list[bytes | UnreadableFile]:
    """Convert (data, kind) items to `target` ("docx", "doc" or "pdf") in one soffice call of
    at most `timeout` seconds (soffice's start included), mapping at most `memory_mb` (0: no cap).

    Returns one result per item, in order: the output bytes, or the UnreadableFile saying
    why that item produced nothing — TimedOut for each item the run had not finished when its
    time ran out. Never raises for a bad input."""
    if target not in _TARGETS:
        raise ValueError(f"unsupported conversion target: {target!r}")
    out_ext = "." + target
    command = soffice_command()
    if command is None:
        return [UnreadableFile("无法转换：未安装LibreOffice")] * len(items)
    work = _work_dir()
    try:
        profile, indir, outdir = work / "profile", work / "in", work / "out"
        for d in (profile, indir, outdir):
            d.mkdir()
        inputs = []
        for i, (data, kind) in enumerate(items):
            path = indir / f"input{i}{_EXTENSIONS.get(kind, '.doc')}"
            path.write_bytes(data)
            inputs.append(path)
        argv = [*command, "--headless", "--invisible", "--norestore", "--nolockcheck",
                "--nodefault", "--nologo", f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to", _TARGETS[target], "--outdir", str(outdir), *map(str, inputs)]
        finished = False
        try:
            finished = _run(argv, timeout, memory_mb)
        finally:
            if not finished:  # killed: it could not remove its single-instance pipe from /tmp
                _remove_osl_pipes(None, profile)
        results: list[bytes | UnreadableFile] = []
        for path in inputs:
            output = _written_output(outdir / (path.stem + out_ext), target)
            if output is None and not finished:
                output = TimedOut(timeout)
            results.append(output if output is not None else UnreadableFile(_NO_OUTPUT_REASON))
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def convert(data: bytes, kind: str, target: str, timeout: float = 60) -> bytes:
    """Convert one file of sniffed `kind` to `target` ("docx", "doc" or "pdf") bytes, or
    raise UnreadableFile("无法转换：…")."""
    result = convert_many([(data, kind)], target, timeout)[0]
    if isinstance(result, UnreadableFile):
        raise result
    return result


def to_docx_many(items: Sequence[tuple[bytes, str, str]], timeout: float = 120
                 ) -> list[bytes | UnreadableFile]:
    """Convert several (data, name, kind) files to .docx in one soffice call (≈0.16 s per
    extra file instead of ~1.6 s per process). Never raises for a bad file: its slot holds
    the UnreadableFile instead. `timeout` covers the whole batch."""
    if not items:
        return []
    return convert_many([(data, kind) for data, _name, kind in items], "docx", timeout)


def to_docx(data: bytes, name: str, kind: str, timeout: float = 60) -> bytes:
    """Convert one file of sniffed `kind` (doc, wps, word2003xml, docx, …) to .docx bytes.

    `name` never reaches the disk: the file is written under a generated name. Raises
    UnreadableFile("无法转换：…") when LibreOffice is missing, times out or writes nothing."""
    return convert(data, kind, "docx", timeout)


def to_pdf(data: bytes, name: str, timeout: float = 120) -> bytes:
    """Convert one office file to PDF bytes (a PDF is returned unchanged). Raises
    UnreadableFile("无法转换：…") like to_docx."""
    kind = _kind_from_bytes(data, name)
    if kind == "pdf":
        return data
    return convert(data, kind, "pdf", timeout)


# --------------------------------------------------------------------------- persistent
#
# A cold soffice costs ~1.5 s before it converts anything; a poll of the running service pays
# that on every poll that brings a .doc/.wps. PersistentConverter keeps one soffice running
# behind uno_bridge.py (a small script run by the Python that has LibreOffice's `uno`, which
# the venv usually lacks) and sends it one file at a time: ~0.1-0.3 s per file after start.

_BRIDGE = Path(__file__).with_name("uno_bridge.py")
# Address space the bridge and each process it starts (soffice) may map: soffice.bin maps
# ~1.2 GB of libraries and heap with an ordinary form, far more only on a hostile file.
PERSISTENT_MEMORY_MB = 3072
PERSISTENT_START_TIMEOUT = 60.0
# The bridge's filter for each target: "pdf" is the PDF export of whatever the file opened as.
_FILTERS = {"docx": "MS Word 2007 XML", "pdf": "pdf"}


def _python_candidates() -> list[str]:
    """Debian's python3 (python3-uno), then the Python bundled with LibreOffice's own builds."""
    found = ["/usr/bin/python3"]
    command = soffice_command()
    if command:
        found.append(str(Path(os.path.realpath(command[0])).parent / "python"))
    return found


@functools.cache
def uno_python() -> str | None:
    """The first Python that can `import uno`, or None. Checked once per process."""
    for python in _python_candidates():
        if not os.access(python, os.X_OK):
            continue
        try:
            done = subprocess.run([python, "-I", "-c", "import uno"], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return python
    return None


def persistent_available() -> bool:
    """True when soffice is installed and a Python with `uno` can drive it (PersistentConverter
    works); otherwise callers use the one-run-per-batch conversion."""
    return soffice_command() is not None and uno_python() is not None


class _BridgeGone(Exception):
    """The bridge process ended (soffice crashed, or it could not start)."""


class PersistentConverter:
    """One long-lived soffice converting file after file to .docx or PDF; a context manager.

    Started lazily by the first `to_docx`/`to_pdf` (or `start()`). Safe to share between
    threads (one conversion at a time). The bridge and soffice run in their own session and
    process group, under an address-space cap, with a fresh private profile in a private temp
    dir; inputs are written there under generated names, never the sender's. A file that takes
    longer than its timeout kills the whole group; a file that crashes soffice fails alone:
    either way the next call starts a fresh soffice, so a bad file never fails the files after
    it. A conversion (or start) interrupted by KeyboardInterrupt or SystemExit kills the group
    too before the exception goes on. `close()` ends soffice and removes the temp dir; the
    converter may be started again afterwards. If this process is killed outright, the bridge
    notices and kills its group itself (uno_bridge.py)."""

    def __init__(self, memory_mb: int = PERSISTENT_MEMORY_MB,
                 start_timeout: float = PERSISTENT_START_TIMEOUT) -> None:
        self.memory_mb = memory_mb
        self.start_timeout = start_timeout
        self.soffice_pid: int | None = None
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._work: Path | None = None
        self._profile: Path | None = None
        self._pipe = ""
        self._buffer = b""
        self._count = 0

    def __enter__(self) -> PersistentConverter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> int | None:
        """The bridge's pid (also its process group id) while it runs, else None."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    @property
    def profile_dir(self) -> Path | None:
        """The running soffice's private profile (its command line names it)."""
        return self._profile if self.pid is not None else None

    def start(self) -> None:
        """Start soffice now if it does not run. Raises StartFailed when it cannot start."""
        with self._lock:
            self._start()

    def to_docx(self, data: bytes, name: str, kind: str, timeout: float = 60) -> bytes:
        """Convert one file of sniffed `kind` to .docx bytes, like the module's to_docx, or raise
        UnreadableFile("无法转换：…"). `timeout` is for this file only (not soffice's start)."""
        del name  # never reaches the disk: the file is written under a generated name
        return self._convert(data, kind, "docx", timeout)

    def to_pdf(self, data: bytes, name: str, kind: str, timeout: float = 60) -> bytes:
        """Print one office file of sniffed `kind` to PDF bytes with the PDF export of whatever
        it opens as (text, spreadsheet, presentation), or raise UnreadableFile("无法转换：…"):
        TimedOut when it took longer than `timeout` (this file only, not soffice's start),
        StartFailed when soffice could not be started. A PDF is returned unchanged."""
        del name  # never reaches the disk: the file is written under a generated name
        if kind == "pdf":
            return data
        return self._convert(data, kind, "pdf", timeout)

    def _convert(self, data: bytes, kind: str, target: str, timeout: float) -> bytes:
        """`data` converted to `target` ("docx" or "pdf"); see to_docx and to_pdf."""
        with self._lock:
            for attempt in (1, 2):
                self._start()
                assert self._work is not None
                self._count += 1
                src = self._work / f"input{self._count}{_EXTENSIONS.get(kind, '.doc')}"
                out = self._work / f"output{self._count}.{target}"
                try:
                    src.write_bytes(data)
                    reply = self._request({"in": str(src), "out": str(out), "filter": _FILTERS[target]}, timeout)
                    if reply is None:
                        self._kill()
                        raise TimedOut(timeout)
                    if reply.get("fatal"):
                        self._kill()
                        if reply.get("stale") and attempt == 1:
                            continue  # soffice had died before it saw this file: try it afresh
                    output = _written_output(out, target) if reply.get("ok") else None
                finally:
                    src.unlink(missing_ok=True)
                    out.unlink(missing_ok=True)
                if output is None:
                    raise (Crashed if reply.get("fatal") else UnreadableFile)(_NO_OUTPUT_REASON)
                if isinstance(output, UnreadableFile):
                    raise output
                return output
        raise AssertionError("unreachable")

    def close(self) -> None:
        """End soffice (politely, then by killing its group) and remove the temp dir."""
        with self._lock:
            proc = self._proc
            try:
                if proc is not None and proc.poll() is None:
                    assert proc.stdin is not None
                    proc.stdin.close()  # end of input: the bridge terminates soffice and exits
                    proc.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                pass
            finally:  # also when the wait is interrupted
                self._kill()
                if self._work is not None:
                    shutil.rmtree(self._work, ignore_errors=True)
                    self._work = None

    # -- internals (called with the lock held)

    def _start(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._kill()  # reap a bridge that ended on its own
        python, command = uno_python(), soffice_command()
        if python is None or command is None:
            raise StartFailed("无法转换：未安装LibreOffice或其Python接口（python3-uno）")
        if self._work is None:
            self._work = _work_dir()
        self._profile = Path(tempfile.mkdtemp(prefix="profile", dir=self._work))
        self._pipe = pipe = f"shenbao-{os.getpid()}-{secrets.token_hex(8)}"
        self._proc = subprocess.Popen(
            [python, "-I", str(_BRIDGE), "--soffice", command[0], "--profile", str(self._profile),
             "--pipe", pipe, "--memory-mb", str(self.memory_mb), "--start-timeout", f"{self.start_timeout:g}",
             "--owner", str(os.getpid())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0,
            start_new_session=True)
        self._buffer = b""
        try:
            ready = self._read_reply(self.start_timeout + 15)
        except _BridgeGone:
            ready = None
        except BaseException:  # interrupted while soffice starts: it must not outlive us
            self._kill()
            raise
        if not ready or not ready.get("ready"):
            self._kill()
            raise StartFailed("无法转换：LibreOffice无法启动")
        pid = ready.get("soffice_pid")
        self.soffice_pid = pid if isinstance(pid, int) else None

    def _request(self, request: dict[str, str], timeout: float) -> dict[str, object] | None:
        """Send one request; its reply, or None on timeout. A bridge that ended is a fatal reply.
        Interrupted (KeyboardInterrupt, SystemExit) while soffice works, the group is killed: it
        may be busy for hours, and its late reply would be taken for the next file's."""
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps(request).encode("ascii") + b"\n")
            return self._read_reply(timeout)
        except (_BridgeGone, BrokenPipeError):
            return {"ok": False, "fatal": True}
        except BaseException:
            self._kill()
            raise

    def _read_reply(self, timeout: float) -> dict[str, object] | None:
        """The next JSON line from the bridge, or None when none came within `timeout`."""
        assert self._proc is not None and self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                raise _BridgeGone
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            reply = json.loads(line)
        except ValueError:
            raise _BridgeGone from None
        return reply if isinstance(reply, dict) else None

    def _kill(self) -> None:
        """Kill the bridge's whole process group (soffice included) and drop its profile."""
        proc, self._proc = self._proc, None
        self.soffice_pid = None
        if proc is not None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
        if self._profile is not None:
            _remove_osl_pipes(self._pipe, self._profile)
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None


def _remove_osl_pipes(pipe: str | None, profile: Path) -> None:
    """Remove the socket files a killed soffice leaves in /tmp (one exiting normally removes
    them itself): the --accept pipe (if any), and the single-instance pipe LibreOffice names
    after the MD5 of its profile URL in UTF-16, each byte in hex without zero padding
    (CreateMD5FromString in desktop/source/app/officeipcthread.cxx)."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    single = "".join(f"{b:x}" for b in digest)
    for ident in (pipe, f"SingleOfficeIPC_{single}"):
        if ident is None:
            continue
        path = Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{ident}"
        try:
            if path.is_socket():
                path.unlink()
        except OSError:
            pass

"""LibreOffice headless conversion: .doc/.wps/Word 2003 XML/broken .docx → .docx, and → PDF.

Each call runs its own soffice with a private, fresh profile (concurrent runs otherwise
collide on the shared profile lock, quirks D1), in a private temp dir, on an input written
under a generated name (never the sender's filename). soffice runs in its own session so a
hang (some old .wps files spin forever) is ended by killing the whole process group. soffice
exits 0 even when it wrote nothing, so success means "the output file exists and is not
empty"; anything else raises UnreadableFile("无法转换：…").

PersistentConverter keeps one soffice running for many files (the service's polls), driven
through uno_bridge.py by the Python that has LibreOffice's `uno`; persistent_available() says
whether this machine has one.
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
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from shenbao.extractors.errors import UnreadableFile

# Extension soffice should see for each sniffed kind; it auto-detects the filter from the
# bytes and this hint (forcing --infilter breaks Works .wps files, quirks D1).
_EXTENSIONS = {
    "doc": ".doc", "wps": ".wps", "word2003xml": ".xml", "docx": ".docx", "rtf": ".rtf",
    "odt": ".odt", "xlsx": ".xlsx", "xls": ".xls", "et": ".et", "html": ".html",
    "text": ".txt", "pdf": ".pdf",
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


def _timeout_reason(timeout: float) -> str:
    return f"无法转换：LibreOffice超时（{timeout:g}秒）"


def _written_output(out: Path, target: str) -> bytes | UnreadableFile | None:
    """What soffice wrote to `out`: its bytes, an UnreadableFile when it is garbage, or None
    when nothing usable was written (missing, empty or larger than _MAX_OUTPUT_BYTES)."""
    if not (out.is_file() and 0 < out.stat().st_size <= _MAX_OUTPUT_BYTES):
        return None
    output = out.read_bytes()
    if target == "docx" and _is_text_import_of_ole(output):
        return UnreadableFile("无法转换：文件已损坏或不完整")
    return output


def _run(argv: list[str], timeout: float) -> bool:
    """Run argv in a new session; True if it finished in time. On timeout the whole process
    group is killed, so helper processes soffice forked die with it."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
        return True
    except subprocess.TimeoutExpired:
        _kill_group(proc)
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


def convert_many(items: Sequence[tuple[bytes, str]], target: str, timeout: float
                 ) -> list[bytes | UnreadableFile]:
    """Convert (data, kind) items to `target` ("docx", "doc" or "pdf") in one soffice call.

    Returns one result per item, in order: the output bytes, or the UnreadableFile saying
    why that item produced nothing. Never raises for a bad input."""
    if target not in _TARGETS:
        raise ValueError(f"unsupported conversion target: {target!r}")
    out_ext = "." + target
    command = soffice_command()
    if command is None:
        return [UnreadableFile("无法转换：未安装LibreOffice")] * len(items)
    work = Path(tempfile.mkdtemp(prefix="shenbao-lo-"))
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
        finished = _run(argv, timeout)
        results: list[bytes | UnreadableFile] = []
        for path in inputs:
            output = _written_output(outdir / (path.stem + out_ext), target)
            if output is None and not finished:
                output = UnreadableFile(_timeout_reason(timeout))
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
_WORD_2007_FILTER = "MS Word 2007 XML"


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
    """One long-lived soffice converting file after file to .docx; a context manager.

    Started lazily by the first `to_docx` (or `start()`). Safe to share between threads (one
    conversion at a time). The bridge and soffice run in their own session and process group,
    under an address-space cap, with a fresh private profile in a private temp dir; inputs are
    written there under generated names, never the sender's. A file that takes longer than its
    timeout kills the whole group; a file that crashes soffice fails alone: either way the next
    call starts a fresh soffice, so a bad file never fails the files after it. `close()` ends
    soffice and removes the temp dir; the converter may be started again afterwards."""

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
        """Start soffice now if it does not run. Raises UnreadableFile when it cannot start."""
        with self._lock:
            self._start()

    def to_docx(self, data: bytes, name: str, kind: str, timeout: float = 60) -> bytes:
        """Convert one file of sniffed `kind` to .docx bytes, like the module's to_docx, or raise
        UnreadableFile("无法转换：…"). `timeout` is for this file only (not soffice's start)."""
        del name  # never reaches the disk: the file is written under a generated name
        with self._lock:
            for attempt in (1, 2):
                self._start()
                assert self._work is not None
                self._count += 1
                src = self._work / f"input{self._count}{_EXTENSIONS.get(kind, '.doc')}"
                out = self._work / f"output{self._count}.docx"
                try:
                    src.write_bytes(data)
                    reply = self._request({"in": str(src), "out": str(out), "filter": _WORD_2007_FILTER},
                                          timeout)
                    if reply is None:
                        self._kill()
                        raise UnreadableFile(_timeout_reason(timeout))
                    if reply.get("fatal"):
                        self._kill()
                        if reply.get("stale") and attempt == 1:
                            continue  # soffice had died before it saw this file: try it afresh
                    output = _written_output(out, "docx") if reply.get("ok") else None
                finally:
                    src.unlink(missing_ok=True)
                    out.unlink(missing_ok=True)
                if output is None:
                    raise UnreadableFile(_NO_OUTPUT_REASON)
                if isinstance(output, UnreadableFile):
                    raise output
                return output
        raise AssertionError("unreachable")

    def close(self) -> None:
        """End soffice (politely, then by killing its group) and remove the temp dir."""
        with self._lock:
            proc = self._proc
            if proc is not None and proc.poll() is None:
                try:
                    assert proc.stdin is not None
                    proc.stdin.close()  # end of input: the bridge terminates soffice and exits
                    proc.wait(timeout=15)
                except (OSError, subprocess.TimeoutExpired):
                    pass
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
            raise UnreadableFile("无法转换：未安装LibreOffice或其Python接口（python3-uno）")
        if self._work is None:
            self._work = Path(tempfile.mkdtemp(prefix="shenbao-lo-"))
        self._profile = Path(tempfile.mkdtemp(prefix="profile", dir=self._work))
        self._pipe = pipe = f"shenbao-{os.getpid()}-{secrets.token_hex(8)}"
        self._proc = subprocess.Popen(
            [python, "-I", str(_BRIDGE), "--soffice", command[0], "--profile", str(self._profile),
             "--pipe", pipe, "--memory-mb", str(self.memory_mb), "--start-timeout", f"{self.start_timeout:g}"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0,
            start_new_session=True)
        self._buffer = b""
        try:
            ready = self._read_reply(self.start_timeout + 15)
        except _BridgeGone:
            ready = None
        if not ready or not ready.get("ready"):
            self._kill()
            raise UnreadableFile("无法转换：LibreOffice无法启动")
        pid = ready.get("soffice_pid")
        self.soffice_pid = pid if isinstance(pid, int) else None

    def _request(self, request: dict[str, str], timeout: float) -> dict[str, object] | None:
        """Send one request; its reply, or None on timeout. A bridge that ended is a fatal reply."""
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(json.dumps(request).encode("ascii") + b"\n")
            return self._read_reply(timeout)
        except (_BridgeGone, BrokenPipeError):
            return {"ok": False, "fatal": True}

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


def _remove_osl_pipes(pipe: str, profile: Path) -> None:
    """Remove the socket files a killed soffice leaves in /tmp (one exiting normally removes
    them itself): the --accept pipe, and the single-instance pipe LibreOffice names after the
    MD5 of its profile URL in UTF-16, each byte in hex without zero padding
    (CreateMD5FromString in desktop/source/app/officeipcthread.cxx)."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    single = "".join(f"{b:x}" for b in digest)
    for ident in (pipe, f"SingleOfficeIPC_{single}"):
        path = Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{ident}"
        try:
            if path.is_socket():
                path.unlink()
        except OSError:
            pass

"""LibreOffice headless conversion: .doc/.wps/Word 2003 XML/broken .docx → .docx, and → PDF.

Each call runs its own soffice with a private, fresh profile (concurrent runs otherwise
collide on the shared profile lock, quirks D1), in a private temp dir, on an input written
under a generated name (never the sender's filename). soffice runs in its own session so a
hang (some old .wps files spin forever) is ended by killing the whole process group. soffice
exits 0 even when it wrote nothing, so success means "the output file exists and is not
empty"; anything else raises UnreadableFile("无法转换：…").
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import tempfile
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
            out = outdir / (path.stem + out_ext)
            if out.is_file() and 0 < out.stat().st_size <= _MAX_OUTPUT_BYTES:
                output = out.read_bytes()
                if target == "docx" and _is_text_import_of_ole(output):
                    results.append(UnreadableFile("无法转换：文件已损坏或不完整"))
                else:
                    results.append(output)
            elif not finished:
                results.append(UnreadableFile(f"无法转换：LibreOffice超时（{timeout:g}秒）"))
            else:
                results.append(UnreadableFile("无法转换：LibreOffice未能生成文件（文件可能已损坏）"))
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

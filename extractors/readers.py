"""Format readers behind one protocol, and the registry that picks the reader for a file's kind.

A reader turns the bytes of one file of a kind it declares (`shenbao.record.READABLE_KINDS`)
into a `DocText`, or raises `UnreadableFile` with a Chinese reason; nothing else escapes it for
a document problem. The pipeline never chooses a reader itself: it calls `read_document`.

    Reader          name; kinds; available() -> bool;
                    read(data, name, kind, sha256, *, prepared=None, passwords=()) -> DocText
    BatchPreparer   a Reader with a batch hook:
                    prepare(files, converter, *, run_limited, per_file_timeout, batch_size)
                        -> list[bytes | None]

    READERS                 every reader; each kind of READABLE_KINDS has exactly one
    LOCKABLE_KINDS          kinds whose reader opens a password-protected file with `passwords`
    reader_for(kind)        that kind's reader, or None
    read_document(...)      read one file with its kind's reader
    needs_preparing(kind)   whether that kind's reader has a batch hook
    prepare_files(...)      run the batch hooks over files of any kinds
    load_format_readers()   import the heavy format readers now (before forking readers)

The batch hook exists for work that is much cheaper done for many files at once than for each
file alone: LibreOffice converting legacy Word files to .docx (a cold soffice costs ~1.5 s, each
further file of the same run ~0.1 s). Its contract:

- `prepare` returns one entry per file, in order: the bytes `read` wants as `prepared=` for
  that file, or None when nothing was prepared. It never raises for a bad file: a file it
  could not prepare is None, and `read` without `prepared` then does the work alone, with its
  own limits and its own Chinese reason.
- The caller may keep what `prepare` returned (the pipeline caches it in the store by the
  file's sha256) and passes it back as `read(..., prepared=...)`, possibly in another process
  or another poll. `read` trusts `prepared` as its own hook's output for that file; a kind
  whose reader has no hook never gets one (`read_document` refuses it: a caller's bug).
- `converter()` gives the process's long-running LibreOffice (starting it if need be), or None
  where there is none; the hook calls it only when it has a file to convert, so a batch with
  nothing for LibreOffice starts nothing. `run_limited(func, *args, timeout=…)` is how the
  caller runs a job in a child process under its memory cap. The caller owns both, and the
  limits from the settings (`per_file_timeout` and `batch_size` are two of them).

Passwords: `passwords` are the candidates the mail offers (extractors.passwords); a reader of a
LOCKABLE_KINDS kind tries them on a protected file, and says in DocText.notes which one opened
it; it ignores them for a file that needs none. Other readers ignore them. A protected file none
of them opens is UnreadableFile, as it is without them.

Checked at import, like the validators' rule registry: every kind in READABLE_KINDS has
exactly one reader, no reader claims a kind outside it, no two readers share a name.

Importing this module is light: the PDF and image readers (pdfplumber, pypdfium2, OpenCV,
numpy; ~0.5 s) are imported by `load_format_readers()`, which the extraction stage calls once it
has files to read, before it forks the processes that read them, so that those start with
them; a command that reads no file (an idle poll, `export`, `status`) never loads them. The PDF
and image readers call it themselves, so a caller that did not still reads. The OCR engine
itself (rapidocr, onnxruntime) is loaded only where a page is OCRed.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any, NamedTuple, Protocol, runtime_checkable

from shenbao.extractors import convert
from shenbao.extractors.convert import PersistentConverter
from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.passwords import is_encrypted_office, opened_note, unlock_office, unlock_pdf
from shenbao.extractors.sheet_objects import sheet_rows
from shenbao.extractors.html_reader import html_to_doctext
from shenbao.extractors.ofd_reader import ofd_to_doctext
from shenbao.extractors.text_reader import text_to_doctext
from shenbao.packages import ODT_MIMETYPE, odf_mimetype
from shenbao.record import LEGACY_WORD_KINDS, READABLE_KINDS, Cell, DocText, Row

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- the protocol

@runtime_checkable
class Reader(Protocol):
    """One format reader. `kinds` ⊆ READABLE_KINDS. `available()` says whether its optional
    dependency is present (cheap: no import, no process). `read` returns a DocText whose `file`
    is `name` and whose `sha256` is `sha256`, or raises UnreadableFile(reason_cn). `passwords`
    are the mail's candidates for a protected file (see the module docstring)."""

    name: str
    kinds: frozenset[str]

    def available(self) -> bool: ...

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText: ...


class PrepareItem(NamedTuple):
    """One file for a batch hook (a tuple, as convert.to_docx_many takes its files)."""

    data: bytes
    name: str
    kind: str


# The caller's long-running LibreOffice: started on the first call, or None where there is none.
ConverterSource = Callable[[], PersistentConverter | None]


class RunLimited(Protocol):
    """The caller's way to run `func(*args)` in a child process under its memory cap for at most
    `timeout` seconds. Returns func's result, or another value (carrying a Chinese `reason`)
    when the child timed out, ran out of memory or crashed; raises what func raised."""

    def __call__(self, func: Callable[..., Any], /, *args: Any, timeout: float) -> Any: ...


@runtime_checkable
class BatchPreparer(Reader, Protocol):
    """A reader with a batch hook; see the module docstring for the contract."""

    def prepare(self, files: Sequence[PrepareItem], converter: ConverterSource, *,
                run_limited: RunLimited, per_file_timeout: float, batch_size: int) -> list[bytes | None]: ...


# --------------------------------------------------------------------------- the readers

ENCRYPTED_REASON = "文件已加密（需要密码），无法打开"
NOT_WORD_REASON = "文件已损坏或不是有效的Word文件"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A soffice run over a batch of files may take this long to start, plus this long per file;
# the child process running it is given the grace on top, so that soffice, killed by its own
# timeout, ends its process group before the child is killed from outside.
BATCH_START_SECONDS = 30.0
BATCH_SECONDS_PER_FILE = 3.0
BATCH_GRACE_SECONDS = 15.0


class DocxReader:
    """.docx, walked by docx_reader; a package lxml refuses is repaired by LibreOffice."""

    name = "docx"
    kinds = frozenset({"docx"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del prepared, passwords  # no batch hook; a protected .docx is sniffed as encrypted_ooxml
        try:
            return docx_to_doctext(data, name, sha256)
        except UnreadableFile:
            # A damaged package (a broken relationship, a DOCTYPE lxml refuses) often still
            # opens in LibreOffice. Only a zip is tried: LibreOffice imports bytes it cannot
            # parse as plain text, and would "read" garbage.
            if not (data.startswith(b"PK") and convert.available()):
                raise
            return docx_to_doctext(convert.to_docx(data, name, kind), name, sha256)


class LegacyWordReader:
    """.doc, .wps, Word 2003 XML, RTF and ODT: converted to .docx by LibreOffice, then read as .docx. The
    DocText keeps the file's own kind. Batch hook: convert many files in one go."""

    name = "legacy_word"
    kinds = LEGACY_WORD_KINDS

    def available(self) -> bool:
        return convert.available()

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        if prepared is not None:
            return docx_to_doctext(prepared, name, sha256, kind=kind)
        if not is_legacy_word(data, kind):
            raise UnreadableFile(NOT_WORD_REASON)
        password = None
        if is_encrypted_office(data):
            # LibreOffice cannot open it without the password; msoffcrypto-tool decrypts Word 97's
            # RC4 and CryptoAPI encryption, and the plain .doc is converted as usual.
            if not passwords:
                raise UnreadableFile(ENCRYPTED_REASON)
            data, password = unlock_office(data, passwords)
        if not convert.available():
            raise UnreadableFile(f"无法读取 .{kind} 文件：本机未安装 LibreOffice")
        doc = docx_to_doctext(convert.to_docx(data, name, kind), name, sha256, kind=kind)
        return doc if password is None else with_opened_note(doc, password)

    def prepare(self, files: Sequence[PrepareItem], converter: ConverterSource, *,
                run_limited: RunLimited, per_file_timeout: float, batch_size: int) -> list[bytes | None]:
        """Each file as .docx, or None. Through the kept-running LibreOffice where there is one
        (it isolates itself: its own process group, memory cap and `per_file_timeout` per
        file), one file after another; else one soffice run per `batch_size` files, each run
        in a child via `run_limited` with a time limit scaled by its size."""
        made: list[bytes | None] = [None] * len(files)
        # An encrypted file is left to read(), which has the mail's passwords.
        todo = [i for i, f in enumerate(files) if is_legacy_word(f.data, f.kind) and not is_encrypted_office(f.data)]
        if not (todo and convert.available()):
            return made
        running = converter()
        if running is not None:
            for i in todo:
                data, name, kind = files[i]
                try:
                    made[i] = running.to_docx(data, name, kind, timeout=per_file_timeout)
                except UnreadableFile:
                    continue  # read() converts it alone and says why it cannot
            return made
        for start in range(0, len(todo), batch_size):
            batch = todo[start:start + batch_size]
            for i, docx in zip(batch, _convert_batch([files[i] for i in batch], run_limited)):
                made[i] = docx
        return made


def _convert_batch(files: list[PrepareItem], run_limited: RunLimited) -> list[bytes | None]:
    """One soffice run over `files` in a child process; None for each file it did not convert
    (all of them when the run itself failed)."""
    limit = BATCH_START_SECONDS + BATCH_SECONDS_PER_FILE * len(files)
    try:
        results = run_limited(convert.to_docx_many, files, limit, timeout=limit + BATCH_GRACE_SECONDS)
    except Exception as exc:  # noqa: BLE001 - each file's read() converts it alone instead
        log.warning("批量转换 %d 个Word文件失败：%s", len(files), type(exc).__name__)
        return [None] * len(files)
    if not isinstance(results, list) or len(results) != len(files):
        log.warning("批量转换 %d 个Word文件失败：%s", len(files), getattr(results, "reason", "结果数量不符"))
        return [None] * len(files)
    return [r if isinstance(r, bytes) else None for r in results]


def is_legacy_word(data: bytes, kind: str) -> bool:
    """True when `data` begins the way a file of legacy Word `kind` does (OLE for .doc/.wps,
    a Word 2003 XML root or processing instruction near the start). intake.sniff chose the kind
    from these same bytes and accepts no less, so only a caller's slip or garbage fails this;
    it is checked before LibreOffice sees the bytes because LibreOffice imports bytes it
    cannot parse as plain text. A .docx is never a legacy Word file; an ODT is the one zip that is."""
    if kind == "word2003xml":
        head = data[:65536].lower()
        return b"worddocument" in head or b"word.document" in head
    if kind == "odt":
        return odf_mimetype(data) == ODT_MIMETYPE
    if kind == "rtf":
        # RTF is text (Word and WPS escape all else, pictures as hex): control bytes in its head
        # mean a damaged file, which LibreOffice would import as a page of noise.
        head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
        return head.startswith(b"{\\rtf") and sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127) == 0
    return data.startswith(_OLE_MAGIC)


class PdfReader:
    """PDF: text pages by pypdfium2/pdfplumber, pages without usable text by OCR."""

    name = "pdf"
    kinds = frozenset({"pdf"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del kind, prepared  # one kind; no batch hook
        pdf_to_doctext = load_format_readers().pdf_to_doctext
        unlocked = unlock_pdf(data, passwords) if passwords else None
        if unlocked is None:
            return pdf_to_doctext(data, name, sha256)  # needs no password, or none to try: as any PDF
        plain, password = unlocked
        return with_opened_note(pdf_to_doctext(plain, name, sha256), password)


class ImageReader:
    """A photographed or scanned page (PNG, JPEG, TIFF …), read by OCR."""

    name = "image"
    kinds = frozenset({"image"})

    def available(self) -> bool:
        return importlib.util.find_spec("rapidocr") is not None  # found, not imported

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del kind, prepared, passwords  # one kind; no batch hook; an image has no password
        return load_format_readers().image_to_doctext(data, name, sha256)


class EncryptedOoxmlReader:
    """A password-protected Office file: opened with a password the mail offers and read as
    .docx; else refused, with the reason staff can act on (ask the applicant for the password
    or a copy without one), instead of a silent attachment."""

    name = "encrypted_ooxml"
    kinds = frozenset({"encrypted_ooxml"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del prepared  # no batch hook
        if not passwords:
            raise UnreadableFile(ENCRYPTED_REASON)
        plain, password = unlock_office(data, passwords)
        try:
            doc = docx_to_doctext(plain, name, sha256, kind=kind)
        except UnreadableFile as exc:  # opened, but not a Word document (an .xlsx, a .pptx)
            raise UnreadableFile(f"{exc.reason}（{opened_note(password)}）") from None
        return with_opened_note(doc, password)


class TextReader:
    """Plain text: a .txt file, or a form pasted into the mail's body (text_reader)."""

    name = "text"
    kinds = frozenset({"text"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del kind, prepared, passwords  # one kind; no batch hook; text has no password
        return text_to_doctext(data, name, sha256)


class HtmlReader:
    """A form saved as a web page (.htm/.html, or .mht holding one): html_reader."""

    name = "html"
    kinds = frozenset({"html"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del kind, prepared, passwords  # one kind; no batch hook; a page has no password
        return html_to_doctext(data, name, sha256)


class OfdReader:
    """An OFD (版式文档) export: its text objects as lines (ofd_reader)."""

    name = "ofd"
    kinds = frozenset({"ofd"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del kind, prepared, passwords  # one kind; no batch hook; an OFD export has no password here
        return ofd_to_doctext(data, name, sha256)


class SheetReader:
    """An Excel workbook sent as the form (the template's table typed into a sheet): its first
    worksheet's cells as table rows (sheet_objects.sheet_rows, guarded as for a sheet embedded
    in Word). Read only when no other file of the mail holds a form (shenbao.extraction)."""

    name = "xlsx"
    kinds = frozenset({"xlsx"})

    def available(self) -> bool:
        return True

    def read(self, data: bytes, name: str, kind: str, sha256: str, *,
             prepared: bytes | None = None, passwords: tuple[str, ...] = ()) -> DocText:
        del kind, prepared, passwords  # one kind; no batch hook; a locked workbook reads as empty
        rows = sheet_rows(data)
        if not rows:
            raise UnreadableFile("Excel文件中没有可读取的工作表内容")
        return DocText(file=name, sha256=sha256, kind="xlsx", rows=tuple(
            Row(cells=tuple(Cell(text=text, where=f"第{r}行第{c}列") for c, text in enumerate(cells, start=1)))
            for r, cells in enumerate(_aligned(rows), start=1) if any(cells)))


def _aligned(rows: list[list[str]]) -> list[list[str]]:
    """A sheet's rows with their empty cells kept in place, and a row of several values that
    stops short of the row above it (a sheet drops the trailing empty cells: 备注 left blank)
    padded to its width, so that a row of values stands cell for cell under its header row."""
    out: list[list[str]] = []
    for cells in rows:
        above = out[-1] if out else []
        if sum(1 for c in cells if c) >= 2 and len(cells) < len(above):
            cells = [*cells, *[""] * (len(above) - len(cells))]
        out.append(cells)
    return out


def with_opened_note(doc: DocText, password: str) -> DocText:
    """`doc` with the note saying which of the mail's passwords opened its file (it reaches
    the form's notes, so staff know the file was protected and how it was opened)."""
    return doc.model_copy(update={"notes": (opened_note(password), *doc.notes)})


# --------------------------------------------------------------------------- the registry

READERS: tuple[Reader, ...] = (DocxReader(), LegacyWordReader(), PdfReader(), ImageReader(),
                               EncryptedOoxmlReader(), TextReader(), SheetReader(), HtmlReader(), OfdReader())


def readers_by_kind(readers: Iterable[Reader]) -> dict[str, Reader]:
    """Each readable kind → its one reader. Raises RuntimeError (a bug, found at import) when a
    kind of READABLE_KINDS has no reader or several, a reader claims any other kind, or two
    readers share a name."""
    readers = tuple(readers)
    claims: dict[str, list[str]] = {}
    for reader in readers:
        for kind in reader.kinds:
            claims.setdefault(kind, []).append(reader.name)
    problems = [f"kind {kind!r} is read by {names}" for kind, names in sorted(claims.items()) if len(names) > 1]
    problems += [f"no reader for kind {kind!r}" for kind in sorted(READABLE_KINDS - claims.keys())]
    problems += [f"reader {names} claims {kind!r}, not in READABLE_KINDS"
                 for kind, names in sorted(claims.items()) if kind not in READABLE_KINDS]
    names = [reader.name for reader in readers]
    problems += [f"two readers are named {name!r}" for name in sorted(set(names)) if names.count(name) > 1]
    if problems:
        raise RuntimeError("reader registry and READABLE_KINDS differ: " + "; ".join(problems))
    return {kind: reader for reader in readers for kind in reader.kinds}


_BY_KIND = readers_by_kind(READERS)
# Kinds whose reader uses `passwords`: the extraction stage hands the mail's candidates only to
# these (and keys their cached result by the candidates).
LOCKABLE_KINDS: frozenset[str] = frozenset({"pdf", "encrypted_ooxml", "doc", "wps"})
if not LOCKABLE_KINDS <= READABLE_KINDS:
    raise RuntimeError(f"LOCKABLE_KINDS names unreadable kinds: {sorted(LOCKABLE_KINDS - READABLE_KINDS)}")
_PREPARERS: tuple[BatchPreparer, ...] = tuple(r for r in READERS if isinstance(r, BatchPreparer))
# Kinds whose reader has a batch hook.
PREPARED_KINDS: frozenset[str] = frozenset(kind for reader in _PREPARERS for kind in reader.kinds)


class FormatReaders(NamedTuple):
    """The heavy format readers, as the readers above call them."""

    pdf_to_doctext: Callable[[bytes, str, str], DocText]
    image_to_doctext: Callable[[bytes, str, str], DocText]
    is_instructions_picture: Callable[[bytes], bool]


@cache
def load_format_readers() -> FormatReaders:
    """The PDF and OCR readers, imported into this process on the first call. The extraction
    stage calls it before it forks the processes that read files, so that each starts with
    them instead of importing them itself (~0.5 s per reader); a process that reads no file
    never loads them."""
    # local: pdfplumber, pypdfium2, OpenCV and numpy cost ~0.5 s, which a command that reads no file must not pay
    from shenbao.extractors import ocr_reader, pdf_reader

    return FormatReaders(pdf_to_doctext=pdf_reader.pdf_to_doctext, image_to_doctext=ocr_reader.image_to_doctext,
                         is_instructions_picture=ocr_reader.is_instructions_picture)


def reader_for(kind: str) -> Reader | None:
    """The reader of files of `kind`, or None when no reader reads that kind."""
    return _BY_KIND.get(kind)


def needs_preparing(kind: str) -> bool:
    """True when files of `kind` are read faster after their reader's batch hook ran over them."""
    return kind in PREPARED_KINDS


def read_document(data: bytes, name: str, kind: str, sha256: str, *, prepared: bytes | None = None,
                  passwords: tuple[str, ...] = ()) -> DocText:
    """Bytes of a file of sniffed `kind` → DocText, by that kind's reader; `prepared` is what
    that reader's batch hook returned for this file, if it ran; `passwords` the candidates the
    mail offers for a protected file (extractors.passwords.password_candidates). Raises
    UnreadableFile (Chinese reason) for any document problem, including a kind no reader reads."""
    reader = _BY_KIND.get(kind)
    if reader is None:
        raise UnreadableFile(f"不支持的文件类型（{kind}）")
    if prepared is not None and kind not in PREPARED_KINDS:
        raise ValueError(f"the {reader.name} reader has no batch hook: nothing is prepared for {kind!r}")
    return reader.read(data, name, kind, sha256, prepared=prepared, passwords=passwords)


def prepare_files(files: Sequence[PrepareItem], converter: ConverterSource, *,
                  run_limited: RunLimited, per_file_timeout: float, batch_size: int) -> list[bytes | None]:
    """Run each file's reader's batch hook (files of any kinds, in one list); one entry per
    file, in order: what to pass back as `read_document(..., prepared=)`, or None (nothing
    prepared: the kind has no hook, or the hook could not prepare that file)."""
    made: list[bytes | None] = [None] * len(files)
    for preparer in _PREPARERS:
        mine = [i for i, f in enumerate(files) if f.kind in preparer.kinds]
        if not mine:
            continue
        results = preparer.prepare([files[i] for i in mine], converter, run_limited=run_limited,
                                   per_file_timeout=per_file_timeout, batch_size=batch_size)
        for i, result in zip(mine, results):
            made[i] = result
    return made

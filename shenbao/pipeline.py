"""The composition root: one poll, from mailbox to register.

    run_once(settings)  =  fetch new mail into the store
                        →  extract every message not yet extracted
                        →  validate, match paper, assign register numbers
                        →  write register.xlsx and register.jsonl

This is the only module that knows every stage. The scheduler and the CLI are thin callers.
`dry_run` swaps the writers out: nothing is stored, numbered or written.
"""

from __future__ import annotations

import atexit
import base64
import hashlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.errors import MailboxConfigError
from shenbao.faults import checkpoint
from shenbao.lock import DataDirLock
from shenbao.processing import EXTRACTION_VERSION, FileReader, FileResult, isolated_reader, message_to_submissions
from shenbao.record import ParsedMessage, Part, RawMessage, RegisterRow, StoredMessage
from shenbao.settings import Settings, password_problem
from shenbao.store import DiskFull, Store, StoreCorrupt

if TYPE_CHECKING:
    from shenbao.extractors.convert import PersistentConverter

log = logging.getLogger("shenbao.pipeline")

Progress = Callable[[str, int, int], None]


@dataclass
class RunReport:
    fetched: int = 0
    extracted: int = 0
    rows: int = 0
    register_path: Path | None = None
    export_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fetched or self.extracted)


def run_once(settings: Settings, *, dry_run: bool = False, progress: Progress | None = None,
             write: bool = True, force_write: bool = False) -> RunReport:
    """One poll. Holds the data-directory lock for its whole length."""
    report = RunReport()
    with DataDirLock(settings.data_dir, "poll"), Store(settings.data_dir) as store:
        report.fetched = fetch(settings, store, dry_run=dry_run, progress=progress)
        if dry_run:
            report.notes.append("演练模式：未保存邮件、未编号、未写登记表")
            return report
        if report.fetched:
            store.set_counter("register_stale", 1)
        report.extracted = extract_pending(store, settings, progress=progress)
        store.log_event("poll", {"fetched": report.fetched, "extracted": report.extracted})
        # The register is rewritten when anything changed since it was last written, including
        # by a poll that died before writing it (the flag is durable).
        fingerprint = inputs_fingerprint(settings)
        stale = (store.get_counter("register_stale") or report.changed
                 or store.get_counter("inputs_fingerprint") != fingerprint)
        if write and (stale or force_write or not (settings.output_dir / "register.xlsx").exists()):
            checkpoint("build")
            rows = build_rows(store, settings)
            checkpoint("write")
            report.rows = len(rows)
            report.register_path, report.export_path, notes = write_outputs(rows, settings, store)
            store.set_counter("register_stale", 0)
            store.set_counter("inputs_fingerprint", fingerprint)
            report.notes.extend(notes)
            from shenbao.replying import send_replies

            report.notes.extend(send_replies(rows, settings, store))
    return report


def inputs_fingerprint(settings: Settings) -> int:
    """Changes when staff edit the ledger or the admin edits the rules or history, so that the
    next poll rewrites the register even when no mail arrived."""
    parts = []
    for value in (str(settings.rules_path()), settings.paths.receipts, settings.paths.history):
        path = settings.resolve(value) if value else None
        if path is not None and path.exists():
            st = path.stat()
            parts.append(f"{path}:{st.st_mtime_ns}:{st.st_size}")
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:7], "big")


def fetch(settings: Settings, store: Store, *, dry_run: bool = False, progress: Progress | None = None) -> int:
    """New messages from the configured source into the store; durable batch by batch."""

    def save(batch: list[RawMessage]) -> None:
        checkpoint("before_store")
        store.save_messages(batch)
        checkpoint("fetch_batch")

    def step(done: int, total: int) -> None:
        if progress:
            progress("收取邮件", done, total)

    if settings.source.kind == "maildir":
        from shenbao.intake import maildir_source

        return maildir_source.fetch_new(settings.maildir, settings.account, settings.tz, store.has_location, save,
                                        batch_size=settings.mailbox.batch_size, progress=step, dry_run=dry_run)
    from shenbao.intake import imap_source

    problem = password_problem(settings)
    if problem:
        raise MailboxConfigError(problem)
    account, folder = settings.account, settings.mailbox.folder
    return imap_source.fetch_new(
        settings.mailbox, settings.mailbox.password() or "", account,
        last_uid_for=lambda uv: store.last_uid(account, folder, uv),
        known_uids_for=lambda uv: store.known_uids(account, folder, uv),
        save_batch=save,
        pending_actions_for=lambda uv: store.pending_server_actions(account, folder, uv),
        mark_actions_done=lambda uv, uids: store.mark_server_action_done(account, folder, uv, uids),
        progress=step, dry_run=dry_run)


def cached_reader(store: Store, inner: FileReader) -> FileReader:
    """The same attachment (by hash) is never read twice, across polls and resends."""

    def read(part: Part, sha256: str) -> FileResult:
        hit = store.cached_file(sha256, EXTRACTION_VERSION)
        if hit is not None:
            return FileResult.from_json(hit)
        result = inner(part, sha256)
        store.cache_file(sha256, EXTRACTION_VERSION, result.to_json())
        return result

    return read


# Files of different messages are read by this many isolated workers at once; each worker keeps
# its own time and memory limit. More would only queue on a 2-core machine and multiply memory.
EXTRACT_WORKERS = 2
# How many messages may be parsed and reading ahead of the one being saved, and how many of
# their raw bytes may be held meanwhile. Scans are a few seconds a page and sparse among the
# mail: with 4 messages ahead a scan was usually read alone while the other core idled (the
# public sample's poll took 82 s, 60 of them with one scan in flight); 32 messages keep both
# workers busy, and the byte budget keeps a run of large messages from piling up in memory.
EXTRACT_LOOKAHEAD = 32
EXTRACT_LOOKAHEAD_BYTES = 96 * 1024 * 1024


@dataclass
class _Prepared:
    """One pending message, parsed, with its files handed to the pool."""

    stored: StoredMessage
    raw: bytes
    parsed: ParsedMessage | None = None
    error: Exception | None = None


def extract_pending(store: Store, settings: Settings, *, progress: Progress | None = None,
                    reader: FileReader | None = None, workers: int = EXTRACT_WORKERS) -> int:
    """Extract every stored message that has no result at this extraction version. A message
    whose extraction fails unexpectedly still gets a row (flagged), never a silent skip.

    Files of the next few messages are read concurrently (`workers` isolated readers), but
    results are saved one message at a time in arrival order, from this thread only (the store
    is single-threaded): a poll killed part-way loses only unsaved work, which the next poll
    redoes, so every message is still extracted exactly once. Each attachment (by hash) is
    read at most once, across polls (the file cache) and within a poll (shared futures)."""
    pending = store.unprocessed(EXTRACTION_VERSION)
    if not pending:
        return 0  # the idle poll: no parser, no reader, no pool is loaded
    from concurrent.futures import Future, ThreadPoolExecutor

    from shenbao.intake.mime import parse_message
    from shenbao.processing import READABLE_KINDS

    inner = reader or isolated_reader()
    if reader is None and os.environ.get("SHENBAO_NO_ISOLATION") == "1":
        workers = 1  # readers then run in this process, and pdfium is not thread-safe
    inflight: dict[str, Future[FileResult]] = {}
    preconvert_word_files(store, pending)

    def converted(part: Part, sha: str) -> Part:
        """The part with its batch-converted .docx as data, when there is one (main thread only:
        it reads the store). read_document reads such a part as the docx it now holds."""
        if part.kind not in PRECONVERTED_KINDS:
            return part
        hit = store.cached_file(sha, DOCX_CACHE_VERSION)
        return part if hit is None else part.model_copy(update={"data": base64.b64decode(hit)})

    def prepare(stored: StoredMessage, pool: ThreadPoolExecutor) -> _Prepared:
        item = _Prepared(stored=stored, raw=store.read_blob(stored.sha256))
        try:
            item.parsed = parse_message(item.raw)
            for part in item.parsed.parts:  # kept so that the register can link to every file
                store.put_blob(part.data)
            for part in item.parsed.parts:
                if part.problem or part.kind not in READABLE_KINDS:
                    continue
                sha = sha256_of(part.data)
                if sha in inflight or store.cached_file(sha, EXTRACTION_VERSION) is not None:
                    continue
                inflight[sha] = pool.submit(inner, converted(part, sha), sha)
        except Exception as exc:  # noqa: BLE001 - a bug must not lose the message
            item.error = exc
        return item

    def pooled(part: Part, sha256: str) -> FileResult:
        future = inflight.pop(sha256, None)
        return future.result() if future is not None else inner(converted(part, sha256), sha256)

    read = cached_reader(store, pooled)

    queue: list[_Prepared] = []
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="shenbao-read") as pool:
        try:
            nxt = 0
            for n in range(1, len(pending) + 1):
                while nxt < len(pending) and len(queue) < EXTRACT_LOOKAHEAD and \
                        (not queue or sum(len(q.raw) for q in queue) < EXTRACT_LOOKAHEAD_BYTES):
                    queue.append(prepare(pending[nxt], pool))
                    nxt += 1
                item = queue.pop(0)
                stored = item.stored
                try:
                    if item.error is not None:
                        raise item.error
                    assert item.parsed is not None
                    subs = message_to_submissions(stored, item.parsed, read, sha256_of)
                except (DiskFull, StoreCorrupt):
                    raise  # the store's trouble, not the message's: never save a false "unreadable" row
                except Exception as exc:  # noqa: BLE001 - a bug must not lose the message
                    log.error("提取邮件 %s 时出错", stored.sha256[:12], exc_info=exc)
                    subs = [fallback_submission(stored, item.raw, exc)]
                checkpoint("before_extract_save")
                store.save_submissions(stored.sha256, EXTRACTION_VERSION, subs)
                store.set_counter("register_stale", 1)
                checkpoint("extract")
                if progress:
                    progress("读取附件", n, len(pending))
        finally:
            # An interrupted poll (Ctrl-C, SIGTERM) must not wait for reads nobody will save.
            for future in inflight.values():
                future.cancel()
    return len(pending)


# Kinds LibreOffice must turn into .docx before they can be read.
PRECONVERTED_KINDS = frozenset({"doc", "wps", "word2003xml"})
# file_cache key for a source file's converted .docx (base64 text, by the source's sha256). Kept
# in the store, not in memory, so that a poll killed after converting does not convert again;
# tied to the extraction version so that `reprocess` after a reader change converts afresh.
DOCX_CACHE_VERSION = f"docx-of:{EXTRACTION_VERSION}"
# At most this many files per soffice call: a batch shares one timeout, and a file that hangs
# LibreOffice costs its whole batch a fallback to one conversion per file.
PRECONVERT_BATCH = 40
# Time one file may take in the persistent converter before its soffice is killed and started
# afresh (an ordinary form takes ~0.1 s; some old .wps files make LibreOffice spin forever).
PRECONVERT_TIMEOUT = 30.0


def preconvert_word_files(store: Store, pending: list[StoredMessage]) -> int:
    """Convert every .doc/.wps/Word 2003 XML attachment of `pending` that has not been read at
    this extraction version, and cache each converted .docx under DOCX_CACHE_VERSION. Returns
    how many files were converted now.

    Where a Python with LibreOffice's `uno` is installed, the files go one by one to the
    process's persistent converter (shared_converter: one soffice kept running across polls,
    ~0.1 s per file, no start per poll), which isolates itself: its own process group, memory
    cap and per-file timeout. Otherwise (or when it cannot start) they go in one soffice run
    per PRECONVERT_BATCH files (a cold start costs ~1.5 s, each extra file ~0.1 s), in an
    isolated worker with a timeout scaled by the batch size; soffice itself is given less
    time, so that it kills its own process group first.

    Best effort: a file that could not be converted here is simply not cached, and its reader
    converts it alone as before (with its own limits and its own Chinese reason)."""
    from shenbao.extractors import convert
    from shenbao.extractors.errors import UnreadableFile

    if not convert.available():
        return 0
    from shenbao.intake.mime import parse_message
    from shenbao.isolation import Isolated, run_isolated

    def cache(sha: str, docx: bytes) -> None:
        store.cache_file(sha, DOCX_CACHE_VERSION, base64.b64encode(docx).decode("ascii"))

    def convert_batch(batch: dict[str, tuple[bytes, str, str]]) -> int:
        converter = shared_converter()
        if converter is not None:
            converted = 0
            for sha, (data, name, kind) in batch.items():
                try:
                    cache(sha, converter.to_docx(data, name, kind, timeout=PRECONVERT_TIMEOUT))
                    converted += 1
                except UnreadableFile:
                    continue  # its reader converts it alone and says why it cannot
            return converted
        limit = 30.0 + 3.0 * len(batch)
        try:
            results = run_isolated(convert.to_docx_many, list(batch.values()), limit, timeout=limit + 15)
        except Exception as exc:  # noqa: BLE001 - the per-file conversion is the fallback
            log.warning("批量转换 %d 个Word文件失败：%s", len(batch), type(exc).__name__)
            return 0
        if isinstance(results, Isolated) or len(results) != len(batch):
            log.warning("批量转换 %d 个Word文件失败：%s", len(batch), getattr(results, "reason", "结果数量不符"))
            return 0
        converted = 0
        for sha, result in zip(batch, results):
            if isinstance(result, bytes):
                cache(sha, result)
                converted += 1
        return converted

    done = 0
    todo: dict[str, tuple[bytes, str, str]] = {}
    for stored in pending:
        try:
            parsed = parse_message(store.read_blob(stored.sha256))
        except (DiskFull, StoreCorrupt):
            raise
        except Exception:  # noqa: BLE001 - the extraction loop reports this message's trouble
            continue
        for part in parsed.parts:
            if part.problem or part.kind not in PRECONVERTED_KINDS:
                continue
            sha = sha256_of(part.data)
            if sha in todo or store.cached_file(sha, EXTRACTION_VERSION) is not None \
                    or store.cached_file(sha, DOCX_CACHE_VERSION) is not None:
                continue
            todo[sha] = (part.data, part.name, part.kind)
            if len(todo) == PRECONVERT_BATCH:
                done += convert_batch(todo)
                todo = {}
    if todo:
        done += convert_batch(todo)
    return done


# The process's persistent converter: started by the first poll that has a Word file to
# convert, kept across polls, ended by the service when it stops (run_service) or, for a
# one-shot command, when the process exits (atexit). If this process is killed outright, the
# bridge reads end-of-input and ends its soffice itself.
_converter: PersistentConverter | None = None
_converter_failed = False
_converter_lock = threading.Lock()


def shared_converter() -> PersistentConverter | None:
    """The started persistent converter, or None when this machine has none (no python3-uno)
    or it failed to start once in this process (the batch conversion is used instead)."""
    global _converter, _converter_failed
    from shenbao.extractors import convert
    from shenbao.extractors.errors import UnreadableFile

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


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fallback_submission(stored: StoredMessage, raw: bytes, exc: Exception):  # type: ignore[no-untyped-def]
    from shenbao.record import Finding, Submission

    finding = Finding(code="UNREADABLE_FILE", severity="error",
                      message=f"这封邮件无法解析（{exc.__class__.__name__}），原始邮件已保存，请人工查看")
    return Submission(key=f"{stored.sha256}#0", kind="application", message=stored, sender="", subject="",
                      findings=(finding,))


def build_rows(store: Store, settings: Settings) -> list[RegisterRow]:
    from shenbao.register import build_register

    return build_register(store.submissions(EXTRACTION_VERSION), settings, store)


def write_outputs(rows: list[RegisterRow], settings: Settings, store: Store) -> tuple[Path, Path, list[str]]:
    from shenbao.register import write_register_files

    return write_register_files(rows, settings, store)

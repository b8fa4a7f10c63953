"""The durable state of one data directory: raw messages, where they were seen, what was
extracted from them, and the register numbers handed out.

Guarantees the rest of the code relies on:
- A raw message is written to disk (content-addressed, fsynced, renamed into place) and
  recorded in one transaction *before* anything reads it; a crash leaves either nothing or
  a complete message.
- A message's identity: its location (account, folder, UIDVALIDITY, UID) first; else its
  content: the same bytes (sha256), or the same Message-ID with the same body (`content_key`),
  which recognises a copy whose headers the server re-serialised. Seen again (a UIDVALIDITY
  change, a second poller, a re-run), a message gains a location, never a second row. Two
  different messages are always two rows: a Message-ID and a receipt time alone never make two
  messages one (senders' clients reuse Message-IDs).
- The store never parses mail: the Message-ID arrives on the RawMessage, read by intake.
  Only opening a database written before that (`_migrate`) and `rebuild_from_blobs` re-read
  stored mail, and they do it with intake's functions.
- A message's extraction results are saved together with the file results read for it, in
  one transaction (`save_submissions`): a crash keeps both or neither.
- Register numbers are assigned once per key and never reused.
- A full disk raises `DiskFull` (nothing half-written is kept: blobs are renamed into place
  only when complete, and the transaction is rolled back); a damaged database file raises
  `StoreCorrupt` when the store is opened, before a poll relies on it.
"""

from __future__ import annotations

import argparse
import errno
import hashlib
import json
import logging
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar, cast

from shenbao.errors import MailboxUnavailable
from shenbao.record import MessageLocation, RawMessage, StoredMessage, Submission
from shenbao.staff_input import Cell, StaffWord

log = logging.getLogger("shenbao.store")


class DiskFull(MailboxUnavailable):
    """The disk holding the data directory is full. The poll stops with what was stored so
    far intact, and the next poll (once there is space) goes on from there: the same contract
    as a dropped connection, which is why callers that handle MailboxUnavailable (the CLI's
    exit code 4, the service's retry with back-off) handle this too. `str()` is Chinese."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"数据目录 {data_dir} 所在的磁盘已满，邮件未能保存。请清理该磁盘（或在设置文件中把 "
                         "paths.data_dir 改到空间更大的磁盘并把原目录整个移过去）后再次收信")
        self.data_dir = data_dir


class StoreCorrupt(Exception):
    """The database file of the data directory is damaged; nothing is read from or written
    to it. `message` is Chinese and says what to do."""

    def __init__(self, db_path: Path, detail: str) -> None:
        self.db_path = db_path
        self.detail = detail
        self.message = (
            f"数据库文件已损坏：{db_path}（{detail}）。为避免漏登或重复登记，本次已停止，未改动任何文件。处理办法："
            f"① 停止所有 shenbao 进程；② 如有备份，用备份的 shenbao.sqlite3 替换它（同时删除旁边的 -wal、-shm 文件）；"
            f"③ 没有备份时，运行 shenbao store rebuild {db_path.parent} ，再运行 shenbao poll："
            f"它从损坏文件中尽量保留已分配的登记编号和回执记录，并从已保存的原始邮件补回其余邮件（损坏的文件改名保留）；"
            f"无法保留的登记编号会按收件时间重新分配，可能与之前导出的编号不同，请据此核对已分发的登记表")
        super().__init__(self.message)


def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2) (one journal commit for a whole filesystem), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes  # local: only Linux has syncfs(2), and only Linux needs ctypes for it

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs
    except (OSError, AttributeError):
        return None


_SYNCFS = _syncfs()


def _sync_all(root: Path, paths: list[Path]) -> None:
    """Make `paths` (files or directories on root's filesystem) durable: one syncfs of that
    filesystem where the system has it, else an fsync of each."""
    if _SYNCFS is not None:
        fd = os.open(root, os.O_RDONLY)
        try:
            if _SYNCFS(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return isinstance(exc, sqlite3.OperationalError) and "full" in str(exc).lower()


def _is_corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and ("malformed" in text or "not a database" in text
                                                       or "corrupt" in text)

SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    sha256 TEXT PRIMARY KEY,
    message_id TEXT,
    internaldate TEXT NOT NULL,      -- ISO 8601 with the server's offset
    size INTEGER NOT NULL,
    account TEXT NOT NULL,           -- where it was first seen
    folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    stored_at TEXT NOT NULL,
    content_key TEXT                 -- content_key(bytes, message_id); added by schema version 1;
                                     -- NULL until a second message with this Message-ID arrives
);
CREATE INDEX IF NOT EXISTS messages_by_mid ON messages(message_id);
CREATE TABLE IF NOT EXISTS locations (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES messages(sha256),
    server_action_done INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account, folder, uidvalidity, uid)
);
CREATE TABLE IF NOT EXISTS extractions (
    sha256 TEXT NOT NULL REFERENCES messages(sha256),
    version TEXT NOT NULL,
    submissions TEXT NOT NULL,       -- JSON list of Submission
    created TEXT NOT NULL,
    PRIMARY KEY (sha256, version)
);
CREATE TABLE IF NOT EXISTS file_cache (
    sha256 TEXT NOT NULL, version TEXT NOT NULL, result TEXT NOT NULL,
    PRIMARY KEY (sha256, version)
);
CREATE TABLE IF NOT EXISTS register_ids (
    key TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    at TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS replies (
    key TEXT NOT NULL, version TEXT NOT NULL, state TEXT NOT NULL, detail TEXT NOT NULL,
    updated TEXT NOT NULL, PRIMARY KEY (key, version)
);
CREATE TABLE IF NOT EXISTS download_failures (  -- messages the server would not hand over (issue 19)
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    reason TEXT NOT NULL,            -- the last failure, Chinese
    first_at TEXT NOT NULL, last_at TEXT NOT NULL,
    internaldate TEXT,               -- the server's INTERNALDATE, when it answered for that UID
    size INTEGER,                    -- the server's RFC822.SIZE, likewise
    PRIMARY KEY (account, folder, uidvalidity, uid)
);
CREATE TABLE IF NOT EXISTS staff_words (  -- staff's last word per register cell (issue 15)
    row_id TEXT NOT NULL,            -- 编号
    cell TEXT NOT NULL,              -- staff_input.NOTE / CHECK / result:<field> / correction:<field>
    value TEXT,                      -- NULL: staff emptied the cell
    at TEXT NOT NULL,                -- when the register first saw it
    place TEXT NOT NULL,             -- the file and sheet it was read from
    PRIMARY KEY (row_id, cell)
);
CREATE TABLE IF NOT EXISTS register_files (  -- register files whose staff cells are known
    name TEXT PRIMARY KEY,           -- file name in the output folder
    stamp INTEGER NOT NULL,          -- its size and mtime when last written or read
    at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS register_cells (  -- what each sheet held when last written or read
    name TEXT NOT NULL, sheet TEXT NOT NULL, row_id TEXT NOT NULL, cell TEXT NOT NULL,
    value TEXT NOT NULL,             -- non-empty cells only
    PRIMARY KEY (name, sheet, row_id, cell)
);
"""
# PRAGMA user_version of a database with every migration of `_migrate` applied.
SCHEMA_VERSION = 2

# The states of a reply (回执) in the `replies` table; see shenbao.reply_delivery.
ReplyState = Literal["sending", "sent", "drafted", "skipped", "uncertain", "failed"]


class DownloadFailure(NamedTuple):
    """What the store knows about a message whose download kept failing."""

    location: MessageLocation
    attempts: int
    reason: str  # the last failure, Chinese
    first_at: datetime
    last_at: datetime
    internaldate: datetime | None  # the server's INTERNALDATE, when it answered for that UID
    size: int | None


class CachedFile(NamedTuple):
    """One row of the file cache: what reading a file (by its sha256) gave, under a version key
    (the extraction version, or another key such as its transient-failure count)."""

    sha256: str
    version: str
    result: str


class ReplyRecord(NamedTuple):
    """What the store knows about the reply to one application version."""

    state: ReplyState
    detail: str  # the address written to, the draft's path, or the Chinese reason


_BLANK_LINE = re.compile(rb"(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r|\n)")  # two line ends: the first blank line
_NOT_SPACE = re.compile(rb"\S")
# A CR that is not the start of a CRLF. A body's last byte is never a CR (trailing line ends
# are dropped), so every lone CR in it has a byte after it.
_LONE_CR = re.compile(rb"\r[^\n]")


def _blank_line_end(data: bytes) -> int | None:
    """Where the body starts: the end of the first blank line (`_BLANK_LINE`), None without one.
    Headers whose every line ends in CRLF (what IMAP sends) are searched with one `find`: the
    regular expression costs ~40 ns a byte of headers, a tenth of a first sync's hashing."""
    at = data.find(b"\r\n\r\n")
    if at >= 0 and data.count(b"\r", 0, at) == data.count(b"\n", 0, at) == data.count(b"\r\n", 0, at):
        return at + 4  # no line end before it but CRLFs, none of them followed by another
    blank = _BLANK_LINE.search(data)
    return None if blank is None else blank.end()


def content_key(data: bytes, message_id: str | None) -> str | None:
    """The content identity of a message whose headers a server may have re-serialised: a
    hash of its Message-ID together with its body (the bytes after the first blank line, line
    ends normalised to LF, trailing line ends dropped). None without a Message-ID or without a
    body: then only the exact bytes identify the message. Senders' clients reuse Message-IDs,
    so the Message-ID is never an identity on its own; two messages with one Message-ID are
    one message only when their bodies are the same bytes.

    Computed without normalising the whole message (the replacement of every CRLF was the
    first sync's largest cost of ours): the body is found in the raw bytes and hashed as it
    is when it holds no CR; when every CR begins a CRLF (what IMAP sends), its CRs are
    dropped in one pass, which gives the same bytes as the replacements; a lone CR still
    takes the replacements."""
    if not message_id:
        return None
    start = _blank_line_end(data)
    if start is None:
        return None
    end = len(data)
    while end > start and data[end - 1] in (10, 13):
        end -= 1
    if _NOT_SPACE.search(data, start, end) is None:
        return None
    digest = hashlib.sha256(message_id.encode("utf-8", "surrogateescape"))
    digest.update(b"\n")
    if data.find(b"\r", start, end) < 0:
        digest.update(memoryview(data)[start:end])
    elif _LONE_CR.search(data, start, end) is None:
        digest.update(data[start:end].translate(None, b"\r"))
    else:
        digest.update(data[start:end].replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    return digest.hexdigest()


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


BLOB_THREADS = 2  # hashing and writing a batch's messages: hashlib and file writes leave the GIL
_THREADED_BYTES = 1 << 20  # below this a batch is hashed and written in the calling thread

_T = TypeVar("_T")
_R = TypeVar("_R")


def _in_threads(fn: Callable[[_T], _R], items: list[_T], size: int | None = None) -> list[_R]:
    """[fn(item) for item in items], on BLOB_THREADS threads when the batch is worth it
    (`size`, its bytes, at least _THREADED_BYTES; unknown counts as worth it). The results keep
    the items' order. The pool lives for this call only, so no idle thread outlives it into a
    forked reader, and every task has ended when this returns or raises (the first error is
    raised after the others finished: a caller cleaning up after it sees all they made)."""
    if len(items) < 2 or (size is not None and size < _THREADED_BYTES):
        return [fn(item) for item in items]
    with ThreadPoolExecutor(max_workers=BLOB_THREADS, thread_name_prefix="shenbao-blob") as pool:
        futures = [pool.submit(fn, item) for item in items]
        wait(futures)
    return [future.result() for future in futures]


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """One data directory. Not thread-safe; one per process (the lock sees to that)."""

    def __init__(self, data_dir: Path, *, read_through: Path | None = None) -> None:
        self.root = Path(data_dir)
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)  # the store holds applicants' personal data
        self.blob_dir = self.root / "blobs"
        self.blob_dir.mkdir(exist_ok=True)
        # A scratch copy (scratch_copy) reads the blobs it lacks from the real store's folder.
        self.read_through = read_through
        self.db_path = self.root / "shenbao.sqlite3"
        self.db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        try:
            self._check_intact()
            self._initialise()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if _is_corrupt(exc):
                raise StoreCorrupt(self.db_path, str(exc)) from None
            if _is_disk_full(exc):
                raise DiskFull(self.root) from None
            raise
        except BaseException:  # DiskFull or StoreCorrupt from the migration's transaction
            self.db.close()
            raise
        os.chmod(self.db_path, 0o600)

    def _check_intact(self) -> None:
        """A damaged page found now stops the poll before it fetches or numbers anything;
        found later it could break a poll half-way, again on every retry. quick_check reads
        every page once (milliseconds for a season's database)."""
        if not self.db_path.exists() or self.db_path.stat().st_size == 0:
            return
        problems = [r[0] for r in self.db.execute("PRAGMA quick_check(5)").fetchall()]
        if problems != ["ok"]:
            raise StoreCorrupt(self.db_path, "；".join(problems)[:300])

    def _initialise(self) -> None:
        # Switching to WAL and creating the schema need a moment of exclusive access, which the
        # busy timeout does not always cover when two processes open a new store at once.
        for attempt in range(100):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=FULL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self.db.executescript(SCHEMA)
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05 + 0.01 * attempt)
        self._migrate()

    def _migrate(self) -> None:
        """Bring a database written by an earlier version up to SCHEMA_VERSION, in one
        transaction (a crash leaves it as it was; the next open does it again).

        Version 1: each message gets its `content_key`, and its Message-ID as intake reads it
        (earlier versions kept e.g. a trailing comment). Both come from the stored bytes, read
        once here.

        Version 2: staff's words (`staff_words`) and what the register's sheets held
        (`register_files`, `register_cells`), created empty by SCHEMA. Nothing is copied here:
        the register written before has no known baseline, so the next write takes every
        non-empty staff cell of it as staff's word (shenbao.staff_input)."""
        version = self._schema_version()
        if version >= SCHEMA_VERSION:
            return
        with self.transaction() as db:
            version = self._schema_version()
            if version >= SCHEMA_VERSION:
                return  # another process migrated while this one waited for the lock
            if version < 1:
                columns = {r[1] for r in db.execute("PRAGMA table_info(messages)")}
                if "content_key" not in columns:
                    db.execute("ALTER TABLE messages ADD COLUMN content_key TEXT")
                self._backfill_identity(db, [r[0] for r in db.execute("SELECT sha256 FROM messages")])
                db.execute("CREATE INDEX IF NOT EXISTS messages_by_content ON messages(content_key)")
            # Version 2 adds tables only, and SCHEMA (run before this) has created them.
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def _schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _backfill_identity(self, db: sqlite3.Connection, sha256s: list[str]) -> None:
        """Set message_id and content_key of these messages from their stored bytes (a message
        whose blob is missing keeps what it has)."""
        # Imported here: only databases from before schema version 1 and the recovery need
        # to read stored mail; everyday use of the store does not depend on the intake stage.
        from shenbao.intake.mime import header_message_id

        for sha in sha256s:
            path = self.blob_path(sha)
            if not path.exists():
                continue
            data = path.read_bytes()
            mid = header_message_id(data)
            db.execute("UPDATE messages SET message_id=?, content_key=? WHERE sha256=?",
                       (mid, content_key(data, mid), sha))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException:
                # SQLite rolls back by itself after some errors (SQLITE_FULL among them); a
                # second ROLLBACK would then raise and hide the real error.
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            if _is_disk_full(exc):
                raise DiskFull(self.root) from exc
            if _is_corrupt(exc):
                raise StoreCorrupt(self.db_path, str(exc)) from exc
            raise

    # ------------------------------------------------------------------ blobs
    def blob_path(self, sha256: str) -> Path:
        path = self.blob_dir / sha256[:2] / sha256
        if self.read_through is not None and not path.exists():
            behind = self.read_through / sha256[:2] / sha256
            if behind.exists():
                return behind
        return path

    def put_blob(self, data: bytes) -> str:
        """Write bytes under their sha256 (idempotent, atomic, fsynced)."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha)
        if path.exists() and path.stat().st_size == len(data):
            return sha
        tmp: list[str] = []
        try:
            self._write_temp(path, data, tmp, fsync=True)
            os.replace(tmp[0], path)
        except BaseException as exc:
            for name in tmp:
                Path(name).unlink(missing_ok=True)
            if _is_disk_full(exc):
                raise DiskFull(self.root) from exc
            raise
        return sha

    @staticmethod
    def _write_temp(path: Path, data: bytes, made: list[str], *, fsync: bool) -> str:
        """Write `data` to a new private temp file beside `path` and return its name; the name
        is appended to `made` as soon as it exists, so the caller can remove it whatever fails
        next."""
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        made.append(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        return tmp

    def put_blobs(self, items: list[bytes], shas: list[str] | None = None) -> list[str]:
        """put_blob for a batch, with two filesystem syncs instead of one fsync per blob (the
        fsyncs were most of a first sync's time: one journal commit each). Every new blob is
        written to a temp file, one sync makes all their bytes durable, then each is renamed
        into place and a second sync makes the names durable. Whenever a crash comes, a final
        name holds either nothing or the complete bytes (the rename follows the data's sync),
        which is what put_blob's "already there" check relies on.

        `shas`, when the caller has them, are the items' sha256 hex digests. The hashing and
        the temp files' writes run on two threads (`_in_threads`): both leave the GIL."""
        if shas is None:
            shas = _in_threads(_sha256_hex, items, sum(len(data) for data in items))
        temps: list[str] = []
        targets: list[Path] = []
        news: list[bytes] = []
        try:
            for sha, data in zip(shas, items):
                path = self.blob_path(sha)
                if path in targets or (path.exists() and path.stat().st_size == len(data)):
                    continue
                targets.append(path)
                news.append(data)
            # each temp file's name, in the targets' order (`temps` lists them as they were made)
            made = _in_threads(lambda pair: self._write_temp(pair[0], pair[1], temps, fsync=False),
                               list(zip(targets, news)), sum(len(data) for data in news))
            if targets:
                _sync_all(self.root, [Path(tmp) for tmp in made])
                for tmp, path in zip(made, targets):
                    os.replace(tmp, path)
                _sync_all(self.root, sorted({path.parent for path in targets}))
        except BaseException as exc:
            for tmp in temps:
                Path(tmp).unlink(missing_ok=True)  # those already renamed are gone from here
            if _is_disk_full(exc):
                raise DiskFull(self.root) from exc
            raise
        return shas

    def read_blob(self, sha256: str) -> bytes:
        return self.blob_path(sha256).read_bytes()

    # ------------------------------------------------------------------ messages
    def last_uid(self, account: str, folder: str, uidvalidity: int) -> int:
        row = self.db.execute(
            "SELECT MAX(uid) FROM locations WHERE account=? AND folder=? AND uidvalidity=?",
            (account, folder, uidvalidity)).fetchone()
        return int(row[0] or 0)

    def known_uids(self, account: str, folder: str, uidvalidity: int) -> set[int]:
        rows = self.db.execute(
            "SELECT uid FROM locations WHERE account=? AND folder=? AND uidvalidity=?",
            (account, folder, uidvalidity))
        return {int(r[0]) for r in rows}

    def has_location(self, loc: MessageLocation) -> bool:
        return self.db.execute(
            "SELECT 1 FROM locations WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
            (loc.account, loc.folder, loc.uidvalidity, loc.uid)).fetchone() is not None

    def save_messages(self, raws: Iterable[RawMessage]) -> list[tuple[StoredMessage, bool]]:
        """Store a batch durably: blobs first, then one transaction recording them all.

        Each RawMessage must carry the Message-ID intake read (`RawMessage.message_id`); the
        store does not read mail. Identity is decided as the module docstring says: a known
        location is that message; else the same bytes, else the same `content_key`, is the
        stored message seen at one more location; else it is a new message. Returns each
        message with True when it was new."""
        raws = list(raws)
        for raw in raws:
            if raw.internaldate.tzinfo is None:
                raise ValueError("internaldate must be timezone-aware")
        # Every message's sha256 at once, on two threads (`_in_threads`). The content key is
        # computed only for a message whose Message-ID the store already holds (`_content_match`):
        # hashing every body a second time was half of a first sync's hashing.
        shas = _in_threads(lambda raw: _sha256_hex(raw.data), raws, sum(len(raw.data) for raw in raws))
        keys: list[str | None] = [None] * len(raws)
        # Bytes are written only for what may become a new message: a known location or a
        # re-serialised copy of a stored message would leave a blob nothing refers to.
        unseen = []
        for i, raw in enumerate(raws):
            if self._sha_at(self.db, raw.location) is None:
                keys[i], match = self._content_match(self.db, raw)
                if match is None:
                    unseen.append(i)
        written = dict(zip(unseen, self.put_blobs([raws[i].data for i in unseen], [shas[i] for i in unseen])))
        out = []
        with self.transaction() as db:
            for i, raw in enumerate(raws):
                loc = raw.location
                at = self._sha_at(db, loc)
                if at is not None:
                    out.append((self.stored_message(at), False))
                    continue
                sha = shas[i]
                same_bytes = db.execute("SELECT sha256 FROM messages WHERE sha256=?", (sha,)).fetchone()
                if same_bytes is not None:
                    existing: str | None = str(same_bytes[0])
                else:
                    # again inside the transaction: an earlier message of this batch may share it
                    keys[i], existing = self._content_match(db, raw)
                key = keys[i]
                new = existing is None
                if existing is None:
                    if i not in written:
                        # Only if a row seen before the transaction vanished (nothing deletes
                        # rows under the data-directory lock): a row never names a missing blob.
                        self.put_blob(raw.data)
                    db.execute(
                        "INSERT INTO messages(sha256, message_id, internaldate, size, account, folder,"
                        " uidvalidity, uid, stored_at, content_key) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (sha, raw.message_id, raw.internaldate.isoformat(), len(raw.data), loc.account,
                         loc.folder, loc.uidvalidity, loc.uid, _now(), key))
                    existing = sha
                else:
                    # A message re-indexed from its blob after a rebuild: the server's copy now
                    # gives its true INTERNALDATE and first location.
                    db.execute(
                        "UPDATE messages SET internaldate=?, account=?, folder=?, uidvalidity=?, uid=?"
                        " WHERE sha256=? AND account=?",
                        (raw.internaldate.isoformat(), loc.account, loc.folder, loc.uidvalidity, loc.uid,
                         existing, RECOVERED_ACCOUNT))
                db.execute(
                    "INSERT INTO locations(account, folder, uidvalidity, uid, sha256) VALUES (?,?,?,?,?)",
                    (loc.account, loc.folder, loc.uidvalidity, loc.uid, existing))
                out.append((self.stored_message(existing), new))
        return out

    @staticmethod
    def _sha_at(db: sqlite3.Connection, loc: MessageLocation) -> str | None:
        row = db.execute("SELECT sha256 FROM locations WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                         (loc.account, loc.folder, loc.uidvalidity, loc.uid)).fetchone()
        return None if row is None else str(row[0])

    def _content_match(self, db: sqlite3.Connection, raw: RawMessage) -> tuple[str | None, str | None]:
        """(raw's content key, the stored message with that key) when the store holds a message
        with raw's Message-ID, else (None, None): without a shared Message-ID two messages never
        share a content key, so none is computed. The stored messages with that Message-ID get
        their keys now (from their bytes) if they had none: a key is NULL until its Message-ID
        comes a second time. Filling it in needs no transaction of its own (the value is a
        function of the stored bytes, and the data-directory lock keeps out other writers)."""
        if not raw.message_id:
            return None, None
        rows = db.execute("SELECT sha256 FROM messages WHERE message_id=? AND content_key IS NULL",
                          (raw.message_id,)).fetchall()
        for (sha,) in rows:
            path = self.blob_path(sha)
            if path.exists():
                db.execute("UPDATE messages SET content_key=? WHERE sha256=?",
                           (content_key(path.read_bytes(), raw.message_id), sha))
        if db.execute("SELECT 1 FROM messages WHERE message_id=? LIMIT 1", (raw.message_id,)).fetchone() is None:
            return None, None
        key = content_key(raw.data, raw.message_id)
        if key is None:
            return None, None
        row = db.execute("SELECT sha256 FROM messages WHERE content_key=? ORDER BY internaldate, sha256 LIMIT 1",
                         (key,)).fetchone()
        return key, None if row is None else str(row[0])

    def stored_message(self, sha256: str) -> StoredMessage:
        r = self.db.execute(
            "SELECT sha256, message_id, internaldate, size, account, folder, uidvalidity, uid"
            " FROM messages WHERE sha256=?", (sha256,)).fetchone()
        if r is None:
            raise KeyError(sha256)
        return StoredMessage(
            sha256=r[0], message_id=r[1], internaldate=datetime.fromisoformat(r[2]), size=r[3],
            location=MessageLocation(account=r[4], folder=r[5], uidvalidity=r[6], uid=r[7]))

    def messages(self) -> list[StoredMessage]:
        rows = self.db.execute("SELECT sha256 FROM messages ORDER BY internaldate, sha256").fetchall()
        return [self.stored_message(r[0]) for r in rows]

    def message_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM messages").fetchone()[0])

    def pending_server_actions(self, account: str, folder: str, uidvalidity: int) -> list[int]:
        rows = self.db.execute(
            "SELECT uid FROM locations WHERE account=? AND folder=? AND uidvalidity=? AND server_action_done=0"
            " ORDER BY uid", (account, folder, uidvalidity))
        return [int(r[0]) for r in rows]

    def mark_server_action_done(self, account: str, folder: str, uidvalidity: int, uids: list[int]) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE locations SET server_action_done=1 WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                [(account, folder, uidvalidity, u) for u in uids])

    # ------------------------------------------------------------------ downloads that failed
    def record_download_failure(self, loc: MessageLocation, reason: str, internaldate: datetime | None = None,
                                size: int | None = None) -> int:
        """Count one more failed download of the message at `loc` (durably, before returning);
        returns how many there have been. A known INTERNALDATE or size is kept when a later
        failure does not know it."""
        now = _now()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO download_failures(account, folder, uidvalidity, uid, attempts, reason, first_at,"
                " last_at, internaldate, size) VALUES (?,?,?,?,1,?,?,?,?,?)"
                " ON CONFLICT(account, folder, uidvalidity, uid) DO UPDATE SET attempts=attempts+1,"
                " reason=excluded.reason, last_at=excluded.last_at,"
                " internaldate=COALESCE(excluded.internaldate, internaldate), size=COALESCE(excluded.size, size)",
                (loc.account, loc.folder, loc.uidvalidity, loc.uid, reason, now, now,
                 internaldate.isoformat() if internaldate else None, size))
            row = db.execute("SELECT attempts FROM download_failures WHERE account=? AND folder=? AND uidvalidity=?"
                             " AND uid=?", (loc.account, loc.folder, loc.uidvalidity, loc.uid)).fetchone()
        return int(row[0])

    def download_attempts(self, account: str, folder: str, uidvalidity: int) -> dict[int, int]:
        """UID → failed downloads so far, for the folder's messages not stored yet."""
        rows = self.db.execute(
            "SELECT f.uid, f.attempts FROM download_failures f LEFT JOIN locations l ON l.account=f.account"
            " AND l.folder=f.folder AND l.uidvalidity=f.uidvalidity AND l.uid=f.uid"
            " WHERE f.account=? AND f.folder=? AND f.uidvalidity=? AND l.uid IS NULL",
            (account, folder, uidvalidity))
        return {int(uid): int(n) for uid, n in rows}

    def forget_download_failure(self, loc: MessageLocation) -> bool:
        """Drop the failure count of the message at `loc` (it is gone from the server)."""
        with self.transaction() as db:
            return db.execute("DELETE FROM download_failures WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                              (loc.account, loc.folder, loc.uidvalidity, loc.uid)).rowcount > 0

    def forget_download_failures_outside(self, account: str, folder: str, uidvalidity: int) -> int:
        """Drop the folder's failure counts under every UIDVALIDITY but this one: those UIDs
        name nothing any more (the folder's rescan meets those messages under their new UIDs).
        Returns how many."""
        query = "FROM download_failures WHERE account=? AND folder=? AND uidvalidity<>?"
        if self.db.execute("SELECT 1 " + query, (account, folder, uidvalidity)).fetchone() is None:
            return 0  # the usual case, every poll: no write transaction for nothing
        with self.transaction() as db:
            return int(db.execute("DELETE " + query, (account, folder, uidvalidity)).rowcount)

    def settle_download_failures(self, keys: Callable[[MessageLocation, str], tuple[str, str]]) -> int:
        """Messages that failed before and are stored now: their failure counts are dropped and,
        in the same transaction, the register number given to their 无法下载 row moves to the
        stored message's row, so that the number staff already saw stays with that mail.
        `keys(location, sha256)` names both rows: (the 无法下载 row's key, the message's key);
        a message that has a number of its own already keeps it. Returns how many settled."""
        query = ("SELECT f.account, f.folder, f.uidvalidity, f.uid, l.sha256 FROM download_failures f"
                 " JOIN locations l ON l.account=f.account AND l.folder=f.folder AND l.uidvalidity=f.uidvalidity"
                 " AND l.uid=f.uid")
        if self.db.execute(query).fetchone() is None:
            return 0  # the usual case: no write transaction for nothing
        with self.transaction() as db:
            settled = db.execute(query).fetchall()
            for account, folder, uidvalidity, uid, sha in settled:
                loc = MessageLocation(account=account, folder=folder, uidvalidity=uidvalidity, uid=uid)
                old, new = keys(loc, str(sha))
                if db.execute("SELECT 1 FROM register_ids WHERE key=?", (new,)).fetchone() is None:
                    db.execute("UPDATE register_ids SET key=? WHERE key=?", (new, old))
                db.execute("DELETE FROM download_failures WHERE account=? AND folder=? AND uidvalidity=? AND uid=?",
                           (account, folder, uidvalidity, uid))
        return len(settled)

    def quarantined(self, min_attempts: int) -> list[DownloadFailure]:
        """Messages not stored whose download failed at least `min_attempts` times: the
        register lists each as 无法下载 until it downloads. Oldest first."""
        rows = self.db.execute(
            "SELECT f.account, f.folder, f.uidvalidity, f.uid, f.attempts, f.reason, f.first_at, f.last_at,"
            " f.internaldate, f.size FROM download_failures f LEFT JOIN locations l ON l.account=f.account"
            " AND l.folder=f.folder AND l.uidvalidity=f.uidvalidity AND l.uid=f.uid"
            " WHERE l.uid IS NULL AND f.attempts>=? ORDER BY f.first_at, f.uid", (min_attempts,))
        return [DownloadFailure(
            location=MessageLocation(account=a, folder=f, uidvalidity=uv, uid=uid), attempts=int(n), reason=str(r),
            first_at=datetime.fromisoformat(first), last_at=datetime.fromisoformat(last),
            internaldate=datetime.fromisoformat(when) if when else None, size=None if size is None else int(size))
            for a, f, uv, uid, n, r, first, last, when, size in rows]

    # ------------------------------------------------------------------ extraction results
    def unprocessed(self, version: str) -> list[StoredMessage]:
        rows = self.db.execute(
            "SELECT m.sha256 FROM messages m LEFT JOIN extractions e ON e.sha256=m.sha256 AND e.version=?"
            " WHERE e.sha256 IS NULL ORDER BY m.internaldate, m.sha256", (version,)).fetchall()
        return [self.stored_message(r[0]) for r in rows]

    def save_submissions(self, sha256: str, version: str, subs: list[Submission],
                         files: Iterable[CachedFile] = ()) -> None:
        """What extraction made of one message, with the file results read for it, in one
        transaction (one commit per message, not one more per file read): a crash keeps the
        message's results whole or not at all, so the next extraction redoes the messages
        without a result and reads again exactly their files."""
        payload = json.dumps([s.model_dump(mode="json") for s in subs], ensure_ascii=False)
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO file_cache(sha256, version, result) VALUES (?,?,?)", files)
            db.execute("INSERT OR REPLACE INTO extractions(sha256, version, submissions, created) VALUES (?,?,?,?)",
                       (sha256, version, payload, _now()))

    def forget_submissions(self, sha256s: Iterable[str] | None = None, *, files: bool = False) -> None:
        """Drop extraction results so that the next extraction reads again (reprocess): of
        every message (None: the file cache too), or of these messages — with `files`, also
        what was read from every file they carry (`reprocess 2024-0009` reads that row's
        files afresh, not from cache)."""
        with self.transaction() as db:
            if sha256s is None:
                db.execute("DELETE FROM extractions")
                db.execute("DELETE FROM file_cache")
                return
            messages = list(sha256s)
            carried: set[str] = set()
            for sha in messages if files else ():
                for (payload,) in db.execute("SELECT submissions FROM extractions WHERE sha256=?", (sha,)):
                    carried.update(f["sha256"] for sub in json.loads(payload) for f in sub.get("files", ()))
            db.executemany("DELETE FROM extractions WHERE sha256=?", [(s,) for s in messages])
            db.executemany("DELETE FROM file_cache WHERE sha256=?", [(f,) for f in sorted(carried)])

    def messages_with_unsettled_files(self, version: str, attempts_version: str) -> list[str]:
        """Messages extracted at `version` that carry a file whose reading failed only
        transiently (an `attempts_version` entry, no final `version` result): they are read
        again, so that a limit hit once on a busy machine is not the file's verdict."""
        unsettled = [r[0] for r in self.db.execute(
            "SELECT a.sha256 FROM file_cache a LEFT JOIN file_cache f ON f.sha256=a.sha256 AND f.version=?"
            " WHERE a.version=? AND f.sha256 IS NULL", (version, attempts_version))]
        found: list[str] = []
        for sha in unsettled:
            found.extend(r[0] for r in self.db.execute(
                "SELECT sha256 FROM extractions WHERE version=? AND instr(submissions, ?) > 0", (version, sha)))
        return sorted(set(found))

    def submissions(self, version: str) -> list[Submission]:
        """What extraction made of each message: at `version`, or, for a message not read
        again since the program changed, what the last older version made of it. Until the
        next poll reads it again (an export or a status right after an upgrade, a poll's
        reading still under way) a message keeps its rows; without the fallback every
        application would drop out of the register and its paper turn into 仅纸质件.
        An older result this version can no longer load is left out, as before."""
        rows = self.db.execute(
            "SELECT e.submissions, e.version FROM extractions e JOIN messages m ON m.sha256=e.sha256"
            " WHERE e.version=? OR (NOT EXISTS (SELECT 1 FROM extractions c WHERE c.sha256=e.sha256 AND c.version=?)"
            " AND e.rowid=(SELECT MAX(o.rowid) FROM extractions o WHERE o.sha256=e.sha256))"
            " ORDER BY m.internaldate, m.sha256", (version, version)).fetchall()
        out: list[Submission] = []
        for payload, made_by in rows:
            try:
                out.extend([Submission.model_validate(x) for x in json.loads(payload)])
            except ValueError:  # pydantic's ValidationError is one
                if made_by == version:
                    raise
                log.warning("an extraction of version %s no longer loads; its message waits for the next poll", made_by)
        return out

    def cached_file(self, sha256: str, version: str) -> str | None:
        r = self.db.execute("SELECT result FROM file_cache WHERE sha256=? AND version=?", (sha256, version)).fetchone()
        return None if r is None else str(r[0])

    def cache_files(self, files: Iterable[CachedFile]) -> None:
        """File results that belong to no one message (a batch's conversions), in one transaction."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO file_cache(sha256, version, result) VALUES (?,?,?)", files)

    # ------------------------------------------------------------------ register numbers
    def assign_ids(self, keys: list[str], year: int) -> dict[str, str]:
        """Register numbers for keys, in the order given; existing ones are kept. One
        transaction, so a crash assigns all or none."""
        out: dict[str, str] = {}
        with self.transaction() as db:
            for key in keys:
                r = db.execute("SELECT id FROM register_ids WHERE key=?", (key,)).fetchone()
                if r is not None:
                    out[key] = r[0]
                    continue
                c = db.execute("SELECT value FROM counters WHERE name='register'").fetchone()
                seq = (c[0] if c else 0) + 1
                db.execute("INSERT OR REPLACE INTO counters(name, value) VALUES ('register', ?)", (seq,))
                rid = f"{year}-{seq:04d}"
                db.execute("INSERT INTO register_ids(key, id, seq, created) VALUES (?,?,?,?)", (key, rid, seq, _now()))
                out[key] = rid
        return out

    def ids(self) -> dict[str, str]:
        return {k: v for k, v in self.db.execute("SELECT key, id FROM register_ids")}

    def numbering(self, year: int) -> tuple[dict[str, str], int, int]:
        """(ids by key, last sequence number, year): what register.Numbering plans from."""
        return self.ids(), self.get_counter("register"), year

    def scratch_copy(self, where: Path) -> Store:
        """A throw-away copy of this store in `where` (the dry run): the database is copied
        whole, blobs are read through from this store and new ones written to `where` only,
        so nothing done to the copy reaches this store."""
        copy = Store(where, read_through=self.blob_dir)
        self.db.backup(copy.db)
        return copy

    # ------------------------------------------------------------------ flags
    def get_counter(self, name: str) -> int:
        r = self.db.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()
        return int(r[0]) if r else 0

    def set_counter(self, name: str, value: int) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO counters(name, value) VALUES (?, ?)", (name, value))

    # ------------------------------------------------------------------ replies (回执)
    def reply_states(self) -> dict[tuple[str, str], ReplyRecord]:
        """(application key, version) → state and detail, for every reply ever attempted."""
        return {(str(k), str(v)): ReplyRecord(cast(ReplyState, s), str(d))
                for k, v, s, d in self.db.execute("SELECT key, version, state, detail FROM replies")}

    def record_reply(self, key: str, version: str, state: ReplyState, detail: str) -> None:
        """Record (durably, before returning) the state of the reply to one application version."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO replies(key, version, state, detail, updated) VALUES (?,?,?,?,?)",
                       (key, version, state, detail, _now()))

    def reply_counts(self) -> dict[ReplyState, int]:
        """How many replies are in each state (for `shenbao status`)."""
        return {cast(ReplyState, s): int(n)
                for s, n in self.db.execute("SELECT state, COUNT(*) FROM replies GROUP BY state")}

    # ------------------------------------------------------------------ staff input (the register)
    def staff_words(self) -> dict[Cell, StaffWord]:
        """Staff's last word in every register cell they ever changed (shenbao.staff_input)."""
        return {(str(r), str(c)): StaffWord(value=None if v is None else str(v), at=datetime.fromisoformat(a),
                                            where=str(p))
                for r, c, v, a, p in self.db.execute("SELECT row_id, cell, value, at, place FROM staff_words")}

    def record_staff_words(self, words: Mapping[Cell, StaffWord]) -> None:
        """Keep staff's new words (durably, before the register shows them)."""
        if not words:
            return
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO staff_words(row_id, cell, value, at, place) VALUES (?,?,?,?,?)",
                           [(r, c, w.value, w.at.isoformat(timespec="seconds"), w.where)
                            for (r, c), w in words.items()])

    def register_files(self) -> dict[str, int]:
        """File name → stamp (size and mtime) of every register file whose sheets are known."""
        return {str(n): int(s) for n, s in self.db.execute("SELECT name, stamp FROM register_files")}

    def register_cells(self) -> dict[tuple[str, str], dict[Cell, str]]:
        """(file, sheet) → what its staff cells held when last written or read."""
        out: dict[tuple[str, str], dict[Cell, str]] = {}
        for name, sheet, row_id, cell, value in self.db.execute(
                "SELECT name, sheet, row_id, cell, value FROM register_cells"):
            out.setdefault((str(name), str(sheet)), {})[(str(row_id), str(cell))] = str(value)
        return out

    def record_register_file(self, name: str, stamp: int, sheets: Mapping[str, Mapping[Cell, str]]) -> None:
        """What the sheets of register file `name` hold now (replacing what was known of it)."""
        with self.transaction() as db:
            db.execute("DELETE FROM register_cells WHERE name=?", (name,))
            db.execute("INSERT OR REPLACE INTO register_files(name, stamp, at) VALUES (?,?,?)", (name, stamp, _now()))
            db.executemany("INSERT INTO register_cells(name, sheet, row_id, cell, value) VALUES (?,?,?,?,?)",
                           [(name, sheet, r, c, v) for sheet, cells in sheets.items() for (r, c), v in cells.items()])

    def forget_register_file(self, name: str) -> None:
        """A register file that was deleted: nothing is known of it any more."""
        with self.transaction() as db:
            db.execute("DELETE FROM register_cells WHERE name=?", (name,))
            db.execute("DELETE FROM register_files WHERE name=?", (name,))

    # ------------------------------------------------------------------ health (tests, recovery)
    def integrity_problems(self) -> list[str]:
        """What SQLite's full integrity check finds; empty when the database file is sound."""
        found = [str(r[0]) for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        return [] if found == ["ok"] else found

    def dangling_locations(self) -> int:
        """Locations whose message row is missing (none, whenever and however a poll ended)."""
        return int(self.db.execute(
            "SELECT COUNT(*) FROM locations l LEFT JOIN messages m ON m.sha256=l.sha256 WHERE m.sha256 IS NULL"
        ).fetchone()[0])

    # ------------------------------------------------------------------ events (status)
    def log_event(self, kind: str, detail: dict[str, object]) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO events(at, kind, detail) VALUES (?,?,?)",
                       (_now(), kind, json.dumps(detail, ensure_ascii=False, default=str)))

    def events(self, kind: str | None = None, since: str | None = None,
               after: int | None = None) -> list[tuple[str, str, dict[str, object]]]:
        """Events in the order they were logged; `after`: only those logged after `event_mark()`
        returned that value."""
        q = "SELECT at, kind, detail FROM events WHERE 1=1"
        args: list[str | int] = []
        if kind:
            q += " AND kind=?"
            args.append(kind)
        if since:
            q += " AND at>=?"
            args.append(since)
        if after is not None:
            q += " AND rowid>?"
            args.append(after)
        return [(a, k, json.loads(d)) for a, k, d in self.db.execute(q + " ORDER BY at, rowid", args)]

    def event_mark(self) -> int:
        """A mark for `events(after=…)`: what is logged from now on comes after it."""
        return int(self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM events").fetchone()[0])


# ---------------------------------------------------------------------- recovery
SALVAGED_TABLES = ("messages", "locations", "register_ids", "counters", "replies", "events", "download_failures",
                   "staff_words", "register_files", "register_cells")
RECOVERED_ACCOUNT = "recovered"  # location of a message known only from its blob


def _salvage(damaged: Path, table: str) -> list[dict[str, object]]:
    """The rows of `table` that can still be read (column → value), in storage order, up to the
    first damaged page (a damaged page may end the scan early; what was read is kept). By
    column name, so that a file written before a schema migration is salvaged too."""
    out: list[dict[str, object]] = []
    try:
        db = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return out
    try:
        cursor = db.execute(f"SELECT * FROM {table}")  # noqa: S608 - table names are constants
        names = [d[0] for d in cursor.description]
        for row in cursor:
            out.append(dict(zip(names, row)))
    except sqlite3.DatabaseError:
        pass
    finally:
        db.close()
    return out


def _insert_rows(db: sqlite3.Connection, table: str, rows: list[dict[str, object]]) -> None:
    """Insert salvaged rows, keeping the columns this schema has (a new column stays NULL)."""
    have = {str(r[1]) for r in db.execute(f"PRAGMA table_info({table})")}  # noqa: S608
    columns = [c for c in rows[0] if c in have]
    marks = ",".join("?" * len(columns))
    db.executemany(f"INSERT OR IGNORE INTO {table}({','.join(columns)}) VALUES ({marks})",  # noqa: S608
                   [tuple(r.get(c) for c in columns) for r in rows])


def rebuild_from_blobs(data_dir: Path) -> dict[str, int]:
    """Replace a damaged database with a new one built from what survives.

    The damaged file (and its -wal/-shm) is renamed `shenbao.sqlite3.damaged-<time>`, never
    deleted. From it every readable row of messages, locations, register numbers, counters,
    reply states and events is copied (so numbers already handed out are kept, and a 回执
    already sent is not sent again). Every raw message in the blob folder that the damaged file
    no longer lists is added back: a blob that looks like a mail and is not a part of another
    stored mail. Such a message gets the receipt time of its first Received line (else its Date
    header) and location `recovered`; all UIDs are then forgotten, so the next poll rescans the
    whole folder, re-finds each such mail by its bytes and takes the server's INTERNALDATE and
    UID (a mail no longer in the folder keeps the header time). Messages without a salvaged register number get new
    numbers after the highest one ever given, in receipt-time order, at the next poll; the
    register counter never goes back, so no number is reused. Extraction results are not kept:
    the next poll reads every message again. Must be run with no other shenbao process.

    Returns counts: salvaged rows per table, `from_blobs` messages re-indexed from blobs."""
    # Imported here: recovery reads stored mail the way intake does; everyday use of the store
    # does not depend on the intake stage.
    from shenbao.intake.mime import header_message_id, header_received_time, parse_message
    from shenbao.intake.sniff import sniff_kind  # for the same reason

    root = Path(data_dir)
    db_path = root / "shenbao.sqlite3"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    damaged = root / f"shenbao.sqlite3.damaged-{stamp}"
    if db_path.exists():
        for suffix in ("", "-wal", "-shm"):
            src = root / f"shenbao.sqlite3{suffix}"
            if src.exists():
                src.rename(root / f"{damaged.name}{suffix}")
    counts: dict[str, int] = {}
    with Store(root) as store:
        salvaged = {t: _salvage(damaged, t) if damaged.exists() else [] for t in SALVAGED_TABLES}
        with store.transaction() as db:
            shas = {r["sha256"] for r in salvaged["messages"]}
            # A location whose message row was lost cannot stay (it would hide the mail from the
            # next rescan, which adds it back).
            salvaged["locations"] = [r for r in salvaged["locations"] if r["sha256"] in shas]
            for table, rows in salvaged.items():
                if rows:
                    _insert_rows(db, table, rows)
                counts[table] = len(rows)
            # Rows from a file written before schema version 1 have no content key yet.
            store._backfill_identity(db, [str(r["sha256"]) for r in salvaged["messages"]
                                          if r.get("content_key") is None])
            top = db.execute("SELECT MAX(seq) FROM register_ids").fetchone()[0] or 0
            db.execute("INSERT INTO counters(name, value) VALUES ('register', ?) ON CONFLICT(name)"
                       " DO UPDATE SET value=MAX(value, excluded.value)", (top,))
            db.execute("INSERT OR REPLACE INTO counters(name, value) VALUES ('register_stale', 1)")
        known = {r[0] for r in store.db.execute("SELECT sha256 FROM messages")}
        mails: dict[str, tuple[bytes, float]] = {}
        for path in sorted(store.blob_dir.glob("??/*")):
            if path.name.startswith(".") or path.name in known:
                continue
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == path.name and sniff_kind(data) == "eml":
                mails[path.name] = (data, path.stat().st_mtime)
        parts: set[str] = set()
        for sha in known | set(mails):
            raw = mails[sha][0] if sha in mails else store.read_blob(sha)
            parts.update(hashlib.sha256(p.data).hexdigest() for p in parse_message(raw).parts)
        added = 0
        with store.transaction() as db:
            for sha, (data, mtime) in sorted(mails.items()):
                if sha in parts:
                    continue  # an attached or forwarded mail, already inside its carrier
                when = header_received_time(data) or \
                    datetime.fromtimestamp(mtime).astimezone().replace(microsecond=0)
                mid = header_message_id(data)
                db.execute(
                    "INSERT INTO messages(sha256, message_id, internaldate, size, account, folder, uidvalidity,"
                    " uid, stored_at, content_key) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (sha, mid, when.isoformat(), len(data), RECOVERED_ACCOUNT, "", 0,
                     int(sha[:13], 16), _now(), content_key(data, mid)))
                added += 1
            if added:
                # Forget every UID so that the next poll rescans the folder: it re-finds each
                # re-indexed mail by its bytes and takes the server's INTERNALDATE for it (the
                # deadline check needs that, not a header's). A one-off full download.
                db.execute("DELETE FROM locations")
        counts["from_blobs"] = added
        store.log_event("rebuild", {"damaged": damaged.name, **counts})
    return counts


def main(argv: list[str] | None = None) -> int:
    """`python -m shenbao.store --rebuild DATA_DIR`: the older spelling of `shenbao store rebuild`."""
    from shenbao.store_commands import rebuild  # local: store_commands imports this module

    parser = argparse.ArgumentParser(prog="python -m shenbao.store",
                                     description="数据库文件损坏时，从残存记录和已保存的原始邮件重建数据库。")
    parser.add_argument("--rebuild", metavar="数据目录", required=True, help="设置文件中 paths.data_dir 所指的目录")
    return rebuild(Path(parser.parse_args(argv).rebuild))


if __name__ == "__main__":
    raise SystemExit(main())

"""The durable state of one data directory: raw messages, where they were seen, what was
extracted from them, and the register numbers handed out.

Guarantees the rest of the code relies on:
- A raw message is written to disk (content-addressed, fsynced, renamed into place) and
  recorded in one transaction *before* anything reads it; a crash leaves either nothing or
  a complete message.
- The processed-state key is (account, folder, UIDVALIDITY, UID); the same bytes seen again
  (a UIDVALIDITY change, a second poller, a re-run) add a location, never a second message.
  Message-ID plus INTERNALDATE is the fallback for a server that re-serialises a message.
- Register numbers are assigned once per key and never reused.
- A full disk raises `DiskFull` (nothing half-written is kept: blobs are renamed into place
  only when complete, and the transaction is rolled back); a damaged database file raises
  `StoreCorrupt` when the store is opened, before a poll relies on it.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from shenbao.errors import MailboxUnavailable
from shenbao.record import MessageLocation, RawMessage, StoredMessage, Submission


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
            f"③ 没有备份时，运行 python -m shenbao.store --rebuild {db_path.parent} ，再运行 shenbao poll："
            f"它从损坏文件中尽量保留已分配的登记编号和回执记录，并从已保存的原始邮件补回其余邮件（损坏的文件改名保留）；"
            f"无法保留的登记编号会按收件时间重新分配，可能与之前导出的编号不同，请据此核对已分发的登记表")
        super().__init__(self.message)


def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2) (one journal commit for a whole filesystem), or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.syncfs  # type: ignore[no-any-return]
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
    stored_at TEXT NOT NULL
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
"""


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """One data directory. Not thread-safe; one per process (the lock sees to that)."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir)
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)  # the store holds applicants' personal data
        self.blob_dir = self.root / "blobs"
        self.blob_dir.mkdir(exist_ok=True)
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
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 99:
                    raise
                time.sleep(0.05 + 0.01 * attempt)

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
        return self.blob_dir / sha256[:2] / sha256

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
    def _write_temp(path: Path, data: bytes, made: list[str], *, fsync: bool) -> None:
        """Write `data` to a new private temp file beside `path`; its name is appended to `made`
        as soon as it exists, so the caller can remove it whatever fails next."""
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        made.append(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)

    def put_blobs(self, items: list[bytes]) -> list[str]:
        """put_blob for a batch, with two filesystem syncs instead of one fsync per blob (the
        fsyncs were most of a first sync's time: one journal commit each). Every new blob is
        written to a temp file, one sync makes all their bytes durable, then each is renamed
        into place and a second sync makes the names durable. Whenever a crash comes, a final
        name holds either nothing or the complete bytes (the rename follows the data's sync),
        which is what put_blob's "already there" check relies on."""
        shas: list[str] = []
        temps: list[str] = []
        targets: list[Path] = []
        try:
            for data in items:
                sha = hashlib.sha256(data).hexdigest()
                shas.append(sha)
                path = self.blob_path(sha)
                if path in targets or (path.exists() and path.stat().st_size == len(data)):
                    continue
                targets.append(path)
                self._write_temp(path, data, temps, fsync=False)
            if targets:
                _sync_all(self.root, [Path(tmp) for tmp in temps])
                for tmp, path in zip(temps, targets):
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

        Returns each message with True when it was new (not a copy of a stored one)."""
        raws = list(raws)
        for raw in raws:
            if raw.internaldate.tzinfo is None:
                raise ValueError("internaldate must be timezone-aware")
        shas = self.put_blobs([raw.data for raw in raws])
        prepared = [(raw, sha, message_id_of(raw.data)) for raw, sha in zip(raws, shas)]
        out = []
        with self.transaction() as db:
            for raw, sha, mid in prepared:
                loc = raw.location
                new = False
                existing = db.execute("SELECT sha256 FROM messages WHERE sha256=?", (sha,)).fetchone()
                if existing is None and mid:
                    # Fallback: the same message re-serialised by the server (same Message-ID and
                    # receipt time, different bytes) is not a second submission.
                    alias = db.execute(
                        "SELECT sha256 FROM messages WHERE message_id=? AND internaldate=?",
                        (mid, raw.internaldate.isoformat())).fetchone()
                    if alias is not None:
                        existing = alias
                if existing is None:
                    db.execute(
                        "INSERT INTO messages(sha256, message_id, internaldate, size, account, folder,"
                        " uidvalidity, uid, stored_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        (sha, mid, raw.internaldate.isoformat(), len(raw.data), loc.account, loc.folder,
                         loc.uidvalidity, loc.uid, _now()))
                    new = True
                else:
                    sha = existing[0]
                    # A message re-indexed from its blob after a rebuild: the server's copy now
                    # gives its true INTERNALDATE and first location.
                    db.execute(
                        "UPDATE messages SET internaldate=?, account=?, folder=?, uidvalidity=?, uid=?"
                        " WHERE sha256=? AND account=?",
                        (raw.internaldate.isoformat(), loc.account, loc.folder, loc.uidvalidity, loc.uid, sha,
                         RECOVERED_ACCOUNT))
                db.execute(
                    "INSERT OR IGNORE INTO locations(account, folder, uidvalidity, uid, sha256)"
                    " VALUES (?,?,?,?,?)", (loc.account, loc.folder, loc.uidvalidity, loc.uid, sha))
                out.append((self.stored_message(sha), new))
        return out

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

    # ------------------------------------------------------------------ extraction results
    def unprocessed(self, version: str) -> list[StoredMessage]:
        rows = self.db.execute(
            "SELECT m.sha256 FROM messages m LEFT JOIN extractions e ON e.sha256=m.sha256 AND e.version=?"
            " WHERE e.sha256 IS NULL ORDER BY m.internaldate, m.sha256", (version,)).fetchall()
        return [self.stored_message(r[0]) for r in rows]

    def save_submissions(self, sha256: str, version: str, subs: list[Submission]) -> None:
        payload = json.dumps([s.model_dump(mode="json") for s in subs], ensure_ascii=False)
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO extractions(sha256, version, submissions, created) VALUES (?,?,?,?)",
                       (sha256, version, payload, _now()))

    def forget_submissions(self, sha256s: Iterable[str] | None = None) -> None:
        """Drop cached extraction results so that the next poll re-extracts (reprocess)."""
        with self.transaction() as db:
            if sha256s is None:
                db.execute("DELETE FROM extractions")
                db.execute("DELETE FROM file_cache")
            else:
                db.executemany("DELETE FROM extractions WHERE sha256=?", [(s,) for s in sha256s])

    def submissions(self, version: str) -> list[Submission]:
        rows = self.db.execute(
            "SELECT e.submissions FROM extractions e JOIN messages m ON m.sha256=e.sha256"
            " WHERE e.version=? ORDER BY m.internaldate, m.sha256", (version,)).fetchall()
        out: list[Submission] = []
        for (payload,) in rows:
            out.extend(Submission.model_validate(x) for x in json.loads(payload))
        return out

    def cached_file(self, sha256: str, version: str) -> str | None:
        r = self.db.execute("SELECT result FROM file_cache WHERE sha256=? AND version=?", (sha256, version)).fetchone()
        return None if r is None else str(r[0])

    def cache_file(self, sha256: str, version: str, result: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO file_cache(sha256, version, result) VALUES (?,?,?)",
                       (sha256, version, result))

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

    # ------------------------------------------------------------------ flags
    def get_counter(self, name: str) -> int:
        r = self.db.execute("SELECT value FROM counters WHERE name=?", (name,)).fetchone()
        return int(r[0]) if r else 0

    def set_counter(self, name: str, value: int) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO counters(name, value) VALUES (?, ?)", (name, value))

    # ------------------------------------------------------------------ events (status)
    def log_event(self, kind: str, detail: dict[str, object]) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO events(at, kind, detail) VALUES (?,?,?)",
                       (_now(), kind, json.dumps(detail, ensure_ascii=False, default=str)))

    def events(self, kind: str | None = None, since: str | None = None) -> list[tuple[str, str, dict[str, object]]]:
        q = "SELECT at, kind, detail FROM events WHERE 1=1"
        args: list[str] = []
        if kind:
            q += " AND kind=?"
            args.append(kind)
        if since:
            q += " AND at>=?"
            args.append(since)
        return [(a, k, json.loads(d)) for a, k, d in self.db.execute(q + " ORDER BY at", args)]


def message_id_of(raw: bytes) -> str | None:
    """The Message-ID header, read from the raw header block without a full parse."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    for i, line in enumerate(lines):
        if line[:11].lower() == b"message-id:":
            value = line[11:]
            j = i + 1
            while j < len(lines) and lines[j][:1] in (b" ", b"\t"):
                value += lines[j]
                j += 1
            text = value.decode("ascii", "replace").strip()
            return text or None
    return None


# ---------------------------------------------------------------------- recovery
SALVAGED_TABLES = ("messages", "locations", "register_ids", "counters", "replies", "events")
RECOVERED_ACCOUNT = "recovered"  # location of a message known only from its blob


def _salvage(damaged: Path, table: str) -> list[tuple[object, ...]]:
    """The rows of `table` that can still be read, in storage order, up to the first damaged
    page (a damaged page may end the scan early; what was read is kept)."""
    out: list[tuple[object, ...]] = []
    try:
        db = sqlite3.connect(f"file:{damaged}?mode=ro", uri=True)
    except sqlite3.DatabaseError:
        return out
    try:
        for row in db.execute(f"SELECT * FROM {table}"):  # noqa: S608 - table names are constants
            out.append(tuple(row))
    except sqlite3.DatabaseError:
        pass
    finally:
        db.close()
    return out


def _received_time(raw: bytes, fallback: float) -> datetime:
    """Best receipt time for a message known only from its bytes: the first Received line's
    stamp (our server's), else the Date header, else `fallback` (the blob file's mtime)."""
    from email.parser import BytesHeaderParser
    from email.utils import parsedate_to_datetime

    headers = BytesHeaderParser().parsebytes(raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0])
    candidates = [(headers.get("Received") or "").rpartition(";")[2], headers.get("Date") or ""]
    for text in candidates:
        try:
            when = parsedate_to_datetime(str(text).strip())
        except (TypeError, ValueError, IndexError):
            continue
        if when.tzinfo is not None:
            return when
    return datetime.fromtimestamp(fallback).astimezone().replace(microsecond=0)


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
    from shenbao.intake.mime import parse_message
    from shenbao.intake.sniff import sniff_kind

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
            shas = {r[0] for r in salvaged["messages"]}
            # A location whose message row was lost cannot stay (it would hide the mail from the
            # next rescan, which adds it back).
            salvaged["locations"] = [r for r in salvaged["locations"] if r[4] in shas]
            for table, rows in salvaged.items():
                if rows:
                    marks = ",".join("?" * len(rows[0]))
                    db.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", rows)  # noqa: S608
                counts[table] = len(rows)
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
                when = _received_time(data, mtime)
                db.execute(
                    "INSERT INTO messages(sha256, message_id, internaldate, size, account, folder, uidvalidity,"
                    " uid, stored_at) VALUES (?,?,?,?,?,?,?,?,?)",
                    (sha, message_id_of(data), when.isoformat(), len(data), RECOVERED_ACCOUNT, "", 0,
                     int(sha[:13], 16), _now()))
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
    """`python -m shenbao.store --rebuild DATA_DIR`: the recovery StoreCorrupt points to."""
    import argparse

    from shenbao.errors import LockHeld
    from shenbao.lock import DataDirLock

    parser = argparse.ArgumentParser(prog="python -m shenbao.store",
                                     description="数据库文件损坏时，从残存记录和已保存的原始邮件重建数据库。")
    parser.add_argument("--rebuild", metavar="数据目录", required=True, help="设置文件中 paths.data_dir 所指的目录")
    args = parser.parse_args(argv)
    data_dir = Path(args.rebuild)
    if not (data_dir / "blobs").is_dir():
        print(f"{data_dir} 不是 shenbao 的数据目录（其中没有 blobs 文件夹）", file=sys.stderr)
        return 2
    try:
        with DataDirLock(data_dir, "rebuild"):
            counts = rebuild_from_blobs(data_dir)
    except LockHeld as exc:
        print(f"数据目录正被另一个 shenbao 使用：{exc.holder}。请先停止它再重建。", file=sys.stderr)
        return 5
    print(f"已重建数据库：保留登记编号 {counts['register_ids']} 个、邮件记录 {counts['messages']} 条，"
          f"从原始邮件补回 {counts['from_blobs']} 封。损坏的文件已改名保留在 {data_dir}。"
          "请运行 shenbao poll：它会重新读取全部邮件；没有保留编号的邮件将按收件时间获得新编号（不会重复使用旧编号）。")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

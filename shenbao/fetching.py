"""The mailbox edge: new mail from the configured source (IMAP or a local Maildir) into the
store, batch by batch, each batch durable before the next is fetched.

Whatever the mailbox does, the poll goes on with what the store holds (issue 19): a fetch that
fails (a cut connection, a deadline passed) is recorded as a `poll_error` event and the
stored mail is still read and the register written; the command then reports the failure
(`poll_errors_since`). A message whose download keeps failing is set aside after
`mailbox.quarantine_after` attempts (intake.imap_source) and shown in the register as a
无法下载 row (`unreadable_mail`) until it downloads.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from shenbao.errors import MailboxConfigError, MailboxUnavailable
from shenbao.execution import Stopped
from shenbao.faults import checkpoint
from shenbao.intake import imap_source, maildir_source
from shenbao.record import Finding, MailFacts, MessageLocation, RawMessage, StoredMessage, Submission
from shenbao.settings import Settings, password_problem
from shenbao.store import DiskFull, DownloadFailure, Store

Progress = Callable[[str, int, int], None]

POLL_ERROR = "poll_error"  # the event `shenbao status` counts: one per failed poll, manual or scheduled
UNREADABLE_SUBJECT = "（无法下载的邮件）"
# The flag pipeline.register_due reads: the register is rewritten at the end of this poll.
REGISTER_STALE = "register_stale"


def fetch_new_mail(settings: Settings, store: Store, *, progress: Progress | None = None,
                   read_only: bool = False, cancel: threading.Event | None = None) -> int:
    """Fetch every message the store has not seen into it; returns how many were new to the
    store (a folder rescanned after a UIDVALIDITY change re-finds what it has: not new).

    A mailbox that fails part-way (MailboxUnavailable) does not raise: what arrived is kept,
    the failure is recorded (`record_poll_error`) and the count returned, so that the poll
    reads what is stored and writes the register. A full disk, a configuration error and a
    dry run's failure still raise. `cancel` (the service's stop) ends the connection at once
    and raises Stopped. `read_only` (the dry run) opens the folder read-only and does nothing
    on the server."""
    new = 0

    def save(batch: list[RawMessage]) -> None:
        nonlocal new
        checkpoint("before_store")
        new += sum(1 for _, is_new in store.save_messages(batch) if is_new)
        checkpoint("fetch_batch")

    def step(done: int, total: int) -> None:
        if progress:
            progress("收取邮件", done, total)

    if settings.source.kind == "maildir":
        maildir_source.fetch_new(settings.maildir, settings.account, settings.tz, store.has_location, save,
                                 batch_size=settings.mailbox.batch_size, progress=step)
        return new
    problem = password_problem(settings)
    if problem:
        raise MailboxConfigError(problem)
    store.settle_download_failures(register_keys)  # of a poll that died between storing and settling
    for folder in settings.mailbox.folders():
        try:
            _fetch_folder(settings, store, folder, save=save, progress=step, read_only=read_only, cancel=cancel)
        except MailboxUnavailable as exc:
            if cancel is not None and cancel.is_set():
                raise Stopped() from None
            if read_only or isinstance(exc, DiskFull):
                raise
            record_poll_error(store, f"收信中断：{exc}")
            break  # the server is away: the other folders wait for the next poll
    store.settle_download_failures(register_keys)
    return new


def _fetch_folder(settings: Settings, store: Store, folder: str, *, save: Callable[[list[RawMessage]], None],
                  progress: Callable[[int, int], None], read_only: bool, cancel: threading.Event | None) -> None:
    """One folder's new mail into the store; its own UIDVALIDITY, last UID and failures."""
    account = settings.account
    # Read-only: the folder is opened with EXAMINE and no flag or move is applied afterwards.
    update: dict[str, object] = {"folder": folder}
    if read_only:
        update["after_store"] = "none"
    mailbox = settings.mailbox.model_copy(update=update)
    imap_source.fetch_new(
        mailbox, settings.mailbox.password() or "", account,
        last_uid_for=lambda uv: store.last_uid(account, folder, uv),
        known_uids_for=lambda uv: store.known_uids(account, folder, uv),
        save_batch=save,
        pending_actions_for=lambda uv: store.pending_server_actions(account, folder, uv),
        mark_actions_done=lambda uv, uids: store.mark_server_action_done(account, folder, uv, uids),
        progress=progress,
        failures=StoreFailures(store, account, folder, settings.mailbox.quarantine_after), cancel=cancel)


def probe_mailbox(settings: Settings) -> dict[str, object]:
    """Log in, send ID, list folders and count the configured folder (check-config)."""
    return imap_source.probe(settings.mailbox, settings.mailbox.password() or "")


# --------------------------------------------------------------------------- failures

def record_poll_error(store: Store, message: str) -> None:
    """Count one failed poll for `shenbao status`, manual or scheduled alike. `message` is
    Chinese. The process id lets the caller find its own (`poll_errors_since`)."""
    store.log_event(POLL_ERROR, {"message": message, "pid": os.getpid()})


def poll_errors_since(store: Store, mark: int) -> list[str]:
    """The failures this process recorded after `store.event_mark()` returned `mark`: a
    poll that went on after its fetch failed still has to say so (exit code, back-off)."""
    return [str(detail.get("message", "")) for _, _, detail in store.events(POLL_ERROR, after=mark)
            if detail.get("pid") == os.getpid()]


@dataclass(frozen=True)
class StoreFailures:
    """imap_source.DownloadFailures kept in the store, for one folder of one account."""

    store: Store
    account: str
    folder: str
    quarantine_after: int

    def attempts_at(self, uidvalidity: int) -> dict[int, int]:
        if self.store.forget_download_failures_outside(self.account, self.folder, uidvalidity):
            self.store.set_counter(REGISTER_STALE, 1)  # 无法下载 rows of the old UIDVALIDITY are gone
        return self.store.download_attempts(self.account, self.folder, uidvalidity)

    def record(self, location: MessageLocation, reason: str, internaldate: datetime | None, size: int | None) -> int:
        attempts = self.store.record_download_failure(location, reason, internaldate, size)
        if attempts == self.quarantine_after:
            self.store.set_counter(REGISTER_STALE, 1)  # a new 无法下载 row, even if nothing else changed
        return attempts

    def forget(self, location: MessageLocation) -> None:
        if self.store.forget_download_failure(location):
            self.store.set_counter(REGISTER_STALE, 1)


# --------------------------------------------------------------------------- 无法下载 rows

def quarantine_key(location: MessageLocation) -> str:
    """The register key of a message that could not be downloaded: its place on the server."""
    return f"uid:{location.account}:{location.folder}:{location.uidvalidity}:{location.uid}"


def register_keys(location: MessageLocation, sha256: str) -> tuple[str, str]:
    """(the 无法下载 row's key, the key of the first row the downloaded message makes): its
    register number moves from one to the other. `<sha256>#0` is the key shenbao.extraction
    gives every message's first submission."""
    return quarantine_key(location), f"{sha256}#0"


def unreadable_mail(failures: Sequence[DownloadFailure]) -> list[Submission]:
    """One register row per message set aside (store.quarantined): an application flagged
    UNREADABLE_FILE that tells staff to look at it in webmail. Pure.

    Its sha256 is a placeholder (of the key; no blob has it); its receipt time is the server's
    INTERNALDATE when the server gave it, else the first failure. No sender is known, so no
    reply goes out for it."""
    rows = []
    for failure in failures:
        loc = failure.location
        key = quarantine_key(loc)
        when = failure.internaldate or failure.first_at
        seen = (f"收件时间 {failure.internaldate:%Y-%m-%d %H:%M}" if failure.internaldate
                else f"首次下载失败于 {failure.first_at:%Y-%m-%d %H:%M}")
        size = f"，大小约 {max(1, failure.size // 1024)} KB" if failure.size else ""
        message = (f"无法下载：这封邮件已尝试下载 {failure.attempts} 次，每次都失败（最近一次：{failure.reason[:200]}）。"
                   f"邮件内容尚未读取：请登录网页邮箱，在文件夹“{loc.folder}”中找到这封邮件（{seen}{size}）查看，"
                   "必要时请发件单位重新发送。以后每次收信还会再试一次；下载成功后，本行由这封邮件的登记行取代，编号不变。")
        finding = Finding(code="UNREADABLE_FILE", severity="error", message=message, evidence=f"UID {loc.uid}")
        stored = StoredMessage(sha256=hashlib.sha256(key.encode("utf-8")).hexdigest(), message_id=None,
                               internaldate=when, location=loc, size=failure.size or 0)
        rows.append(Submission(key=key, kind="application", message=stored, sender="", subject=UNREADABLE_SUBJECT,
                               findings=(finding,), mail=MailFacts()))
    return rows

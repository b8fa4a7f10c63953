"""Fetch new messages from an IMAP mailbox into the store, exactly once.

NetEase (Coremail) shapes this module:
- SELECT is refused with "Unsafe Login" until the client sends IMAP ID, on every connection
  (mjs/imapclient#544).
- No IDLE, no MOVE, no UIDNEXT (MailCore/mailcore2#1228, chatmail/core#5043): progress is
  UIDVALIDITY + the highest stored UID, and `UID SEARCH UID n:*` is the only search sent
  (server-side SEARCH criteria are ignored or refused: mjs/imapclient#552); it returns the last
  UID even when nothing is new, so UIDs at or below the stored one are dropped.
- INTERNALDATE must keep its offset (imapclient's normalise_times would turn it into host local
  time): normalise_times is off.
- BODY.PEEK[] never sets \\Seen (RFC 3501 §6.4.5); the folder is opened read-only unless an
  after-store action was configured.

Never stuck, never walled:
- Deadlines a trickling server cannot stretch (imap_deadlines.Watchdog): opening the mailbox
  (connect, TLS, login, ID, select) within 2 × timeout_seconds, each of those steps and every
  later command within timeout_seconds; a FETCH of mail within timeout_seconds plus its size
  at MIN_RATE. No new FETCH of mail starts after FETCH_BUDGET seconds of a poll: the rest waits
  for the next poll. The poll's cancel event (the service's SIGTERM) ends the connection at once.
- A batch is one FETCH whose messages are handed to the store as they arrive, at least every
  COMMIT_SECONDS (and every batch_size messages or COMMIT_BYTES): on a slow link a poll killed
  every few seconds still keeps what arrived. The FETCH's answers are read off the socket by
  `imap_answers` (each literal read whole, with the size the server announced), not kept by
  imaplib and parsed again by imapclient.
- A failed FETCH is charged to the first message of the batch that had not arrived (servers
  answer in UID order; a wrong guess clears itself when that message then downloads). After
  `quarantine_after` failures the message is set aside: normal fetching skips it, so it no
  longer stops every poll, and it is tried alone once per poll after everything else, its
  failure no longer failing the poll. Meanwhile the register shows it as 无法下载.
"""

from __future__ import annotations

import errno
import functools
import logging
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

import imapclient
from imapclient.exceptions import CapabilityError, IMAPClientAbortError, IMAPClientError, LoginError
from imapclient.imapclient import join_message_ids, seq_to_parenstr_upper

from shenbao.errors import MailboxConfigError, MailboxUnavailable
from shenbao.intake.imap_answers import read_fetch
from shenbao.intake.imap_deadlines import WatchedClient, Watchdog
from shenbao.intake.mime import header_message_id
from shenbao.record import MessageLocation, RawMessage
from shenbao.settings import MailboxSettings

log = logging.getLogger("shenbao.imap")

ID_FIELDS = {"name": "shenbao", "version": "0.1", "vendor": "shenbao", "support-email": "hnkxxhb@126.com"}

MIN_RATE = 64 * 1024  # bytes/s: the slowest link a FETCH's deadline allows for (about 0.5 Mbit/s)
FETCH_BUDGET = 600.0  # seconds of fetching per poll before the rest is left to the next poll
COMMIT_SECONDS = 1.0  # messages that arrived are stored at least this often during a FETCH
COMMIT_BYTES = 32 * 1024 * 1024  # ... and whenever this much is waiting (memory)
FETCH_BYTES = 64 * 1024 * 1024  # one FETCH asks for at most this much (and batch_size messages)
META_BYTES = 128  # bytes a server sends per message for UID, RFC822.SIZE and INTERNALDATE
META_CHUNK = 500  # UIDs per FETCH of sizes (a command line stays a few KB)

# How Coremail says IMAP is switched off for the account. NetEase's exact wording could not be
# confirmed from public transcripts (an account without IMAP usually has no 授权码 at all, and
# then LOGIN fails as a wrong password); these patterns cover the phrasings seen on Coremail-based
# hosts ("IMAP service is disabled", "IMAP not open", "未开启/未开通 IMAP").
_IMAP_OFF = re.compile(r"imap[^\r\n]{0,40}(disabled|not open|not enabled|closed|未开启|未开通|已关闭)"
                       r"|(disabled|未开启|未开通)[^\r\n]{0,20}imap", re.IGNORECASE)


def explain_login_failure(text: str) -> str:
    """Chinese advice for a refused LOGIN or SELECT (no IMAP ID sent, or the web password used where the 授权码 is needed).

    126.com answers a wrong 授权码 with "NO LOGIN Login error or password error"."""
    # imapclient's LoginError text is the repr of the server's bytes: b'[AUTHENTICATIONFAILED] ...'
    m = re.fullmatch(r"""\s*b(['"])(.*)\1\s*""", text, re.DOTALL)
    if m:
        text = m.group(2)
    low = text.lower()
    if "unsafe login" in low:
        return ("邮箱拒绝访问（Unsafe Login）：服务器要求客户端先发送 IMAP ID。请确认设置 mailbox.send_id = true；"
                "如已开启仍被拒绝，请登录网页邮箱在“设置→POP3/SMTP/IMAP”中重新开启 IMAP 并使用新的授权码。")
    if _IMAP_OFF.search(text):
        return ("邮箱未开启 IMAP 服务：请登录网页邮箱，在“设置→POP3/SMTP/IMAP”中开启“IMAP/SMTP服务”，"
                "按提示生成授权码，再把授权码放进设置的环境变量。")
    return ("邮箱登录失败：账号或授权码错误。网易邮箱请使用“授权码”而不是网页登录密码；授权码可能已被撤销或过期，"
            "请在网页邮箱“设置→POP3/SMTP/IMAP”中确认 IMAP/SMTP 服务已开启，并重新生成授权码。"
            f"（服务器原话：{text.strip()[:120]}）")


def explain_tls_failure(exc: ssl.SSLError, host: str, port: int) -> str:
    """Chinese advice for a failed TLS handshake: a certificate that does not verify, or TLS
    spoken to a port that does not speak it (or the other way round)."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (f"邮箱服务器 {host}:{port} 的证书校验失败（{exc.verify_message or exc.reason}）。"
                "请确认 mailbox.host 填写正确（126 邮箱为 imap.126.com）；若是单位内部的自签名服务器，"
                "可设置 mailbox.verify_tls = false。")
    return (f"与邮箱服务器 {host}:{port} 的 TLS 加密连接失败（{exc.reason or exc.strerror or exc}）。"
            "请检查 mailbox.tls 与 mailbox.port 是否配套：126 邮箱为 tls = \"ssl\"、port = 993；"
            "tls = \"starttls\" 或 \"none\" 时一般用 143 端口。")


def explain_network_failure(exc: BaseException) -> str:
    """Why a step on the connection failed, in Chinese an admin can act on: what happened and
    what to check, with the system's or the server's own words in brackets where they add
    something. Never a bare Python class name (issue 17: "无法连接邮箱服务器 imap.126.com:993：
    gaierror" told the admin nothing)."""
    # Most specific first: the ssl and Connection* errors are all OSErrors.
    if isinstance(exc, socket.gaierror):
        if exc.errno == socket.EAI_AGAIN:  # "try again": no answer (no network, a dead resolver), not "no such name"
            return "域名暂时无法解析（DNS 服务器没有应答），请检查本机网络和 DNS 设置"
        return "域名无法解析，请检查服务器地址是否写对，以及本机网络和 DNS 设置"
    if isinstance(exc, ssl.SSLError):  # a certificate that does not verify is explain_tls_failure's, at connect
        return f"TLS 加密连接出错（{getattr(exc, 'reason', None) or exc.strerror or exc}）"
    if isinstance(exc, TimeoutError):
        return "连接超时：服务器没有应答，请检查网络，以及防火墙或代理是否放行这个端口"
    if isinstance(exc, ConnectionRefusedError):
        return "连接被拒绝：服务器的这个端口没有在接收连接，请检查端口号和防火墙"
    if isinstance(exc, ConnectionResetError):
        return "连接被重置：服务器或途中的防火墙断开了连接"
    if isinstance(exc, (BrokenPipeError, ConnectionAbortedError)):
        return "连接已断开"
    if isinstance(exc, OSError) and exc.errno == errno.ENETUNREACH:
        return "网络不可达：本机没有通往服务器的网络，请检查网络连接"
    if isinstance(exc, OSError) and exc.errno == errno.EHOSTUNREACH:
        return "无法到达服务器（主机不可达），请检查网络和防火墙"
    if isinstance(exc, OSError):
        return f"网络错误（{exc.strerror or exc}）"
    if isinstance(exc, IMAPClientAbortError):
        # imaplib's "socket error: EOF" (the server closed the connection) says nothing more;
        # anything else it says (an unexpected answer) is the server's own words.
        said = str(exc)
        return "服务器断开了连接" + ("" if said.endswith("EOF") else f"（{said}）")
    return f"服务器答复出错（{exc}）"


@functools.lru_cache(maxsize=2)
def tls_context(verify: bool) -> ssl.SSLContext:
    """Built once per process: creating a default context loads the CA store, ~45 ms, which
    was most of an idle poll (benchmarks/README.md)."""
    ctx = ssl.create_default_context()
    if not verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


class ImapSession:
    """One logged-in, selected connection, every step under a deadline (see the module
    docstring). Use as a context manager; always logs out."""

    def __init__(self, cfg: MailboxSettings, password: str, *, readonly: bool = True,
                 cancel: threading.Event | None = None) -> None:
        self.cfg = cfg
        self.password = password
        self.readonly = readonly
        self.client: Any = None  # imapclient.IMAPClient once connected
        self.uidvalidity = 0
        self.exists = 0
        self.id_sent = False
        self.watch = Watchdog(cancel)

    def __enter__(self) -> ImapSession:
        try:
            self.connect()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def unavailable(self, message: str) -> MailboxUnavailable:
        """The error for a step that failed: the watchdog's reason when it ended the connection
        (a deadline passed, or the poll was stopped), else `message`."""
        return MailboxUnavailable(self.watch.fired or message)

    def connect(self) -> None:
        cfg = self.cfg
        seconds = cfg.timeout_seconds
        with self.watch.limit(2 * seconds, "打开邮箱（连接、登录、打开文件夹）"):
            self._open(seconds)
            self._login(seconds)
            if cfg.send_id:
                self.send_id()
            self.select()

    def _open(self, seconds: float) -> None:
        cfg = self.cfg
        ctx = tls_context(cfg.verify_tls) if cfg.tls != "none" else None
        try:
            with self.watch.limit(seconds, f"连接邮箱服务器 {cfg.host}:{cfg.port}"):
                client = WatchedClient(self.watch, cfg.host, port=cfg.port, ssl=cfg.tls == "ssl",
                                       ssl_context=ctx if cfg.tls == "ssl" else None, timeout=seconds)
                self.client = client
                # imaplib's debug copies every large response into a string: 7x slower.
                client._imap.debug = 0
                client.normalise_times = False  # keep INTERNALDATE's offset (imapclient would convert it to local time)
                if cfg.tls == "starttls":
                    client.starttls(ctx)
        except ssl.SSLError as exc:
            if self.watch.fired:  # a handshake the watchdog cut short is not a certificate problem
                raise MailboxUnavailable(self.watch.fired) from None
            raise MailboxConfigError(explain_tls_failure(exc, cfg.host, cfg.port)) from None
        except (OSError, IMAPClientError) as exc:
            raise self.unavailable(f"无法连接邮箱服务器 {cfg.host}:{cfg.port}：{explain_network_failure(exc)}") from None

    def _login(self, seconds: float) -> None:
        try:
            with self.watch.limit(seconds, "登录邮箱"):
                self.client.login(self.cfg.username, self.password)
        except LoginError as exc:
            # imapclient raises LoginError for any error during LOGIN, a dropped connection too:
            # only a refusal by the server is a wrong 授权码.
            cause = exc.__context__
            if self.watch.fired or isinstance(cause, (IMAPClientAbortError, OSError)):
                raise self.unavailable(f"登录邮箱时连接中断：{explain_network_failure(cause or exc)}") from None
            raise MailboxConfigError(explain_login_failure(str(exc))) from None
        except (OSError, IMAPClientError) as exc:
            raise self.unavailable(f"登录邮箱时连接中断：{explain_network_failure(exc)}") from None

    def send_id(self) -> None:
        try:
            with self.watch.limit(self.cfg.timeout_seconds, "发送 IMAP ID"):
                self.client.id_(ID_FIELDS)
            self.id_sent = True
        except CapabilityError:
            log.debug("server does not advertise ID; carrying on")
        except (OSError, IMAPClientAbortError) as exc:
            raise self.unavailable(f"发送 IMAP ID 时连接中断：{explain_network_failure(exc)}") from None
        except IMAPClientError as exc:
            log.warning("IMAP ID 命令被拒绝：%s", exc)

    def select(self) -> None:
        try:
            with self.watch.limit(self.cfg.timeout_seconds, "打开文件夹"):
                resp = self.client.select_folder(self.cfg.folder, readonly=self.readonly)
        except (OSError, IMAPClientAbortError) as exc:
            raise self.unavailable(f"打开文件夹时连接中断：{explain_network_failure(exc)}") from None
        except IMAPClientError as exc:
            text = str(exc)
            if "unsafe login" in text.lower():
                raise MailboxConfigError(explain_login_failure(text)) from None
            folders = self.folder_names()
            raise MailboxConfigError(
                f"无法打开邮箱文件夹“{self.cfg.folder}”：{text}。邮箱中现有的文件夹：{'、'.join(folders) or '（无）'}") from None
        self.uidvalidity = int(resp.get(b"UIDVALIDITY", 0))
        self.exists = int(resp.get(b"EXISTS", 0))

    def folder_names(self) -> list[str]:
        """Folder names, decoded from modified UTF-7 (RFC 3501 §5.1.3) by imapclient."""
        try:
            with self.watch.limit(self.cfg.timeout_seconds, "列出文件夹"):
                listed = self.client.list_folders()
        except (IMAPClientError, OSError):
            return []
        return [name if isinstance(name, str) else name.decode("utf-8", "replace") for _flags, _delim, name in listed]

    def new_uids(self, last_uid: int) -> list[int]:
        try:
            with self.watch.limit(self.cfg.timeout_seconds, "查询新邮件"):
                uids = self.client.search(["UID", f"{last_uid + 1}:*"])
        except (IMAPClientError, OSError) as exc:
            raise self.unavailable(f"查询新邮件失败：{explain_network_failure(exc)}") from None
        return sorted(u for u in uids if u > last_uid)

    def all_uids(self) -> list[int]:
        try:
            with self.watch.limit(self.cfg.timeout_seconds, "列出邮件"):
                return sorted(self.client.search(["ALL"]))
        except (IMAPClientError, OSError) as exc:
            raise self.unavailable(f"列出邮件失败：{explain_network_failure(exc)}") from None

    def fetch_each(self, uids: list[int], items: list[str], seconds: float, what: str,
                   take: Callable[[int, dict[bytes, Any]], None]) -> None:
        """One `UID FETCH uids (items)`, each message's answer handed to `take` as soon as it
        has arrived, so that the caller can store it before the rest comes in. Raises
        MailboxUnavailable when the connection breaks, the `seconds` deadline passes or the
        server refuses; `take` has then seen exactly the answers that arrived whole."""
        imap = self.client._imap
        wanted = set(uids)

        def take_wanted(uid: int, item: dict[bytes, Any]) -> None:
            if uid in wanted:
                take(uid, item)

        # imapclient's fetch() returns only when the whole answer is in, and imaplib keeps it
        # all: the command is sent through imaplib (its tag and bookkeeping), the answers are
        # read by imap_answers, one message at a time.
        with self.watch.limit(seconds, what):
            try:
                tag = imap._command("UID", "FETCH", join_message_ids(uids), seq_to_parenstr_upper(items))
            except (IMAPClientError, OSError) as exc:
                raise self.unavailable(f"{what}时连接中断：{explain_network_failure(exc)}") from None
            try:
                status, said = read_fetch(imap.file, tag, take_wanted)
            except (IMAPClientError, OSError) as exc:
                raise self.unavailable(f"{what}时连接中断：{explain_network_failure(exc)}") from None
            finally:
                imap.tagged_commands.pop(tag, None)  # imaplib's record of the command in flight
        if status != "OK":
            text = said.decode("utf-8", "replace")[:200]
            raise MailboxUnavailable(f"{what}失败，服务器答复：{status} {text}")

    def apply_action(self, uids: list[int]) -> None:
        """The configured after-store action; MOVE is missing on Coremail (MailCore/mailcore2#1228), so a move is
        COPY + \\Deleted + UID EXPUNGE."""
        if not uids or self.cfg.after_store == "none":
            return
        try:
            with self.watch.limit(self.cfg.timeout_seconds + len(uids) * META_BYTES / MIN_RATE, "处理已保存邮件"):
                if self.cfg.after_store == "flag":
                    self.client.add_flags(uids, [self.cfg.flag])
                elif self.cfg.after_store == "move":
                    self.client.copy(uids, self.cfg.move_to)
                    self.client.add_flags(uids, [imapclient.DELETED])
                    self.client.uid_expunge(uids)
        except (IMAPClientError, OSError) as exc:
            raise self.unavailable(f"处理已保存邮件（{self.cfg.after_store}）失败：{explain_network_failure(exc)}") from None

    def close(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            try:
                with self.watch.limit(self.cfg.timeout_seconds, "退出邮箱"):
                    client.logout()
            except Exception:  # noqa: BLE001 - the connection may already be gone
                try:
                    client.shutdown()
                except Exception:  # noqa: BLE001
                    pass
        self.watch.close()


class DownloadFailures(Protocol):
    """Failed downloads per UID, counted durably (the store, through shenbao.fetching)."""

    def attempts_at(self, uidvalidity: int) -> dict[int, int]:
        """UID → failures so far, of the folder's messages not stored yet, under this
        UIDVALIDITY; counts under any other are dropped (those UIDs name nothing any more)."""
        ...

    def record(self, location: MessageLocation, reason: str, internaldate: datetime | None,
               size: int | None) -> int:
        """Count one more failure (durably, before returning); returns the count."""
        ...

    def forget(self, location: MessageLocation) -> None:
        """The message is no longer on the server."""
        ...


Meta = tuple[int, datetime | None]  # RFC822.SIZE, INTERNALDATE


@dataclass
class _Poll:
    """One poll of one folder: what `fetch_new` carries from step to step."""

    cfg: MailboxSettings
    password: str
    account: str
    session: ImapSession
    save: Callable[[list[RawMessage]], None]
    failures: DownloadFailures | None
    progress: Callable[[int, int], None] | None
    cancel: threading.Event | None
    started: float = field(default_factory=time.monotonic)
    fetched: int = 0
    total: int = 0
    attempts: dict[int, int] = field(default_factory=dict)  # UID → failed downloads so far
    meta: dict[int, Meta] = field(default_factory=dict)

    def location(self, uid: int) -> MessageLocation:
        return MessageLocation(account=self.account, folder=self.cfg.folder, uidvalidity=self.session.uidvalidity,
                               uid=uid)

    def out_of_time(self) -> bool:
        return time.monotonic() - self.started > FETCH_BUDGET

    def download(self, uids: list[int]) -> None:
        """Fetch `uids` (ascending) into the store, batch by batch. Raises MailboxUnavailable
        after charging the failure to the first message that had not arrived."""
        for start in range(0, len(uids), META_CHUNK):
            self.charged(uids[start:start + META_CHUNK], self.read_meta)
        for uid in uids:
            if uid not in self.meta and uid in self.attempts and self.failures is not None:
                self.failures.forget(self.location(uid))  # expunged since it last failed
                del self.attempts[uid]
        present = [u for u in uids if u in self.meta]
        for batch in batches(present, {u: self.meta[u][0] for u in present}, self.cfg.batch_size):
            if self.out_of_time():
                log.info("本次收信已用时 %.0f 秒，其余邮件留待下次收信", time.monotonic() - self.started)
                return
            self.charged(batch, self.fetch_batch)

    def charged(self, uids: list[int], step: Callable[[list[int], set[int]], None]) -> None:
        """Run one FETCH `step` over `uids`, which adds to its second argument each UID whose
        answer arrived whole. If it fails, the failure is counted against the first UID that
        had not arrived (unless the poll was stopped), and raised."""
        arrived: set[int] = set()
        try:
            step(uids, arrived)
        except MailboxUnavailable as exc:
            first = next((u for u in uids if u not in arrived), None)
            if self.failures is not None and first is not None and not self.session.watch.stopped:
                size, when = self.meta.get(first, (None, None))
                n = self.attempts[first] = self.failures.record(self.location(first), str(exc), when, size)
                if n == self.cfg.quarantine_after:
                    log.warning("邮件（UID %d）已连续 %d 次下载失败，登记为“无法下载”；以后每次收信时单独再试，"
                                "不再让收信中断", first, n)
            raise

    def read_meta(self, uids: list[int], arrived: set[int]) -> None:
        def take(uid: int, item: dict[bytes, Any]) -> None:
            size, when = item.get(b"RFC822.SIZE"), item.get(b"INTERNALDATE")
            if isinstance(size, int):
                self.meta[uid] = (size, when if isinstance(when, datetime) and when.tzinfo else None)
                arrived.add(uid)

        self.session.fetch_each(uids, ["RFC822.SIZE", "INTERNALDATE"],
                                self.cfg.timeout_seconds + len(uids) * META_BYTES / MIN_RATE, "查询邮件大小", take)

    def fetch_batch(self, batch: list[int], arrived: set[int]) -> None:
        pending: list[RawMessage] = []
        waiting = 0
        since = time.monotonic()

        def commit() -> None:
            nonlocal waiting, since
            if pending:
                self.save(list(pending))
                self.fetched += len(pending)
                pending.clear()
                waiting = 0
                if self.progress:
                    self.progress(self.fetched, self.total)
            since = time.monotonic()

        def take(uid: int, item: dict[bytes, Any]) -> None:
            nonlocal waiting
            body, when = item.get(b"BODY[]"), item.get(b"INTERNALDATE")
            if body is None or when is None:
                return  # expunged between SEARCH and FETCH; picked up never, correctly
            if when.tzinfo is None:
                raise MailboxUnavailable("服务器返回的收件时间没有时区")
            arrived.add(uid)
            data = bytes(body)
            pending.append(RawMessage(data=data, internaldate=when, message_id=header_message_id(data),
                                      location=self.location(uid)))
            waiting += len(data)
            if (len(pending) >= self.cfg.batch_size or waiting >= COMMIT_BYTES
                    or time.monotonic() - since >= COMMIT_SECONDS):
                commit()

        size = sum(self.meta[u][0] for u in batch)
        try:
            self.session.fetch_each(batch, ["BODY.PEEK[]", "INTERNALDATE"],
                                    self.cfg.timeout_seconds + size / MIN_RATE, "下载邮件", take)
        except MailboxUnavailable:
            commit()  # what arrived before the failure is kept
            raise
        commit()

    def retry(self, uids: list[int]) -> None:
        """Try each message set aside, alone and once; a failure is counted, never raised (but
        a stop is). A connection a failure broke is replaced before the next one."""
        broken = False
        for uid in uids:
            if self.out_of_time() or self.session.watch.stopped:
                return
            try:
                if broken:
                    uidvalidity = self.session.uidvalidity
                    self.session.close()
                    self.session = ImapSession(self.cfg, self.password, readonly=self.session.readonly,
                                               cancel=self.cancel)
                    self.session.connect()
                    if self.session.uidvalidity != uidvalidity:
                        return  # the folder was rebuilt: the next poll rescans it
                    broken = False
                self.download([uid])
            except MailboxUnavailable as exc:
                if self.session.watch.stopped:
                    raise
                if broken:
                    log.warning("重新连接邮箱失败，其余暂时无法下载的邮件下次收信再试：%s", exc)
                    return
                broken = True
                log.warning("邮件（UID %d）仍无法下载（已失败 %d 次），下次收信再试：%s",
                            uid, self.attempts.get(uid, 0), exc)


def batches(uids: list[int], sizes: dict[int, int], count: int) -> list[list[int]]:
    """`uids` in order, cut into FETCHes of at most `count` messages and FETCH_BYTES bytes
    (a message larger than that is a FETCH of its own)."""
    out: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        if current and (len(current) >= count or total + sizes[uid] > FETCH_BYTES):
            out.append(current)
            current, total = [], 0
        current.append(uid)
        total += sizes[uid]
    if current:
        out.append(current)
    return out


def fetch_new(cfg: MailboxSettings, password: str, account: str, last_uid_for: Callable[[int], int],
              known_uids_for: Callable[[int], set[int]],
              save_batch: Callable[[list[RawMessage]], None],
              pending_actions_for: Callable[[int], list[int]] | None = None,
              mark_actions_done: Callable[[int, list[int]], None] | None = None,
              progress: Callable[[int, int], None] | None = None, dry_run: bool = False, *,
              failures: DownloadFailures | None = None, cancel: threading.Event | None = None) -> int:
    """One poll of one folder. Messages are handed to `save_batch` as they arrive (see the
    module docstring), which must store them durably before returning. With `failures`, a
    failed download is counted against its message and a message that failed
    `cfg.quarantine_after` times is set aside and retried alone after the rest (dry runs do
    not retry). `cancel` ends the connection at once; the poll then raises MailboxUnavailable.
    Returns messages fetched."""
    readonly = cfg.after_store == "none" or dry_run
    poll = _Poll(cfg, password, account, ImapSession(cfg, password, readonly=readonly, cancel=cancel),
                 save=(lambda batch: None) if dry_run else save_batch, failures=failures, progress=progress,
                 cancel=cancel)
    try:
        poll.session.connect()
        uv = poll.session.uidvalidity
        poll.attempts = failures.attempts_at(uv) if failures is not None else {}
        set_aside = {u for u, n in poll.attempts.items() if n >= cfg.quarantine_after}
        last = last_uid_for(uv)
        if last == 0 and poll.session.exists:
            # New or changed UIDVALIDITY: stored UIDs are stale (RFC 3501 §2.3.1.1); rescan the folder, the store dedupes by content.
            known = known_uids_for(uv)
            uids = [u for u in poll.session.all_uids() if u not in known and u not in set_aside]
        else:
            uids = [u for u in poll.session.new_uids(last) if u not in set_aside]
        poll.total = len(uids)
        # An idle poll says nothing at INFO: the service polls every few minutes for weeks.
        log.log(logging.INFO if uids else logging.DEBUG, "文件夹 %s：UIDVALIDITY %s，待下载 %d 封", cfg.folder, uv,
                len(uids))
        if set_aside:
            log.info("另有 %d 封邮件多次下载失败，已登记为“无法下载”，本次收信最后再单独试一次", len(set_aside))
        if uids:
            poll.download(uids)
        if not dry_run and pending_actions_for and mark_actions_done and cfg.after_store != "none":
            pending = pending_actions_for(uv)
            if pending:
                poll.session.apply_action(pending)
                mark_actions_done(uv, pending)
        retry = sorted(set(poll.attempts) - set(uids))
        if retry and not dry_run:
            poll.retry(retry)
    finally:
        poll.session.close()
    return poll.fetched


def probe(cfg: MailboxSettings, password: str) -> dict[str, object]:
    """What check-config shows: folders, the selected folder's size, whether ID was sent.
    All of it within 2 × timeout_seconds, like opening the mailbox for a poll."""
    session = ImapSession(cfg, password, readonly=True)
    with session.watch.limit(2 * cfg.timeout_seconds, "检查邮箱"), session:
        return {"folders": session.folder_names(), "exists": session.exists,
                "uidvalidity": session.uidvalidity, "id_sent": session.id_sent}


__all__ = ["DownloadFailures", "ImapSession", "fetch_new", "probe", "explain_login_failure", "explain_network_failure"]

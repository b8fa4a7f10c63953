"""Fetch new messages from an IMAP mailbox into the store, exactly once.

NetEase (Coremail) shapes this module (see docs/quirks in the README):
- SELECT is refused with "Unsafe Login" until the client sends IMAP ID, on every connection (A1).
- No IDLE, no MOVE, no UIDNEXT (A6, A7): progress is UIDVALIDITY + the highest stored UID,
  and `UID SEARCH UID n:*` is the only search sent (A8); it returns the last UID even when
  nothing is new, so UIDs at or below the stored one are dropped.
- INTERNALDATE must keep its offset (A15): normalise_times is off.
- BODY.PEEK[] never sets \\Seen (A16); the folder is opened read-only unless an after-store
  action was configured.
"""

from __future__ import annotations

import functools
import logging
import re
import socket
import ssl
from collections.abc import Callable, Iterator
from datetime import datetime

import imapclient
from imapclient.exceptions import CapabilityError, IMAPClientError, LoginError

from shenbao.errors import MailboxConfigError, MailboxUnavailable
from shenbao.record import MessageLocation, RawMessage
from shenbao.settings import MailboxSettings

log = logging.getLogger("shenbao.imap")

ID_FIELDS = {"name": "shenbao", "version": "0.1", "vendor": "shenbao", "support-email": "hnkxxhb@126.com"}


# How Coremail says IMAP is switched off for the account. NetEase's exact wording could not be
# confirmed from public transcripts (an account without IMAP usually has no 授权码 at all, and
# then LOGIN fails as a wrong password); these patterns cover the phrasings seen on Coremail-based
# hosts ("IMAP service is disabled", "IMAP not open", "未开启/未开通 IMAP").
_IMAP_OFF = re.compile(r"imap[^\r\n]{0,40}(disabled|not open|not enabled|closed|未开启|未开通|已关闭)"
                       r"|(disabled|未开启|未开通)[^\r\n]{0,20}imap", re.IGNORECASE)


def explain_login_failure(text: str) -> str:
    """Chinese advice for a refused LOGIN or SELECT (quirks A1, A4, A11).

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
    return (f"与邮箱服务器 {host}:{port} 的 TLS 加密连接失败（{exc.reason or exc.__class__.__name__}）。"
            "请检查 mailbox.tls 与 mailbox.port 是否配套：126 邮箱为 tls = \"ssl\"、port = 993；"
            "tls = \"starttls\" 或 \"none\" 时一般用 143 端口。")


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
    """One logged-in, selected connection. Use as a context manager; always logs out."""

    def __init__(self, cfg: MailboxSettings, password: str, *, readonly: bool = True) -> None:
        self.cfg = cfg
        self.password = password
        self.readonly = readonly
        self.client: imapclient.IMAPClient | None = None
        self.uidvalidity = 0
        self.exists = 0
        self.id_sent = False

    def __enter__(self) -> ImapSession:
        self.connect()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def connect(self) -> None:
        cfg = self.cfg
        ctx = tls_context(cfg.verify_tls) if cfg.tls != "none" else None
        try:
            client = imapclient.IMAPClient(
                cfg.host, port=cfg.port, ssl=cfg.tls == "ssl", ssl_context=ctx if cfg.tls == "ssl" else None,
                timeout=cfg.timeout_seconds)
            # imaplib's debug copies every large response into a string: 7x slower (performance.md).
            client._imap.debug = 0
            client.normalise_times = False  # keep INTERNALDATE's offset (quirks A15)
            if cfg.tls == "starttls":
                client.starttls(ctx)
        except ssl.SSLError as exc:
            raise MailboxConfigError(explain_tls_failure(exc, cfg.host, cfg.port)) from None
        except (OSError, IMAPClientError) as exc:
            raise MailboxUnavailable(f"无法连接邮箱服务器 {cfg.host}:{cfg.port}：{exc.__class__.__name__}") from None
        self.client = client
        try:
            client.login(cfg.username, self.password)
        except LoginError as exc:
            self.close()
            raise MailboxConfigError(explain_login_failure(str(exc))) from None
        except (OSError, IMAPClientError) as exc:
            self.close()
            raise MailboxUnavailable(f"登录邮箱时连接中断：{exc.__class__.__name__}") from None
        if cfg.send_id:
            self.send_id()
        self.select()

    def send_id(self) -> None:
        assert self.client is not None
        try:
            self.client.id_(ID_FIELDS)
            self.id_sent = True
        except CapabilityError:
            log.debug("server does not advertise ID; carrying on (quirks A3)")
        except IMAPClientError as exc:
            log.warning("IMAP ID 命令被拒绝：%s", exc)

    def select(self) -> None:
        assert self.client is not None
        try:
            resp = self.client.select_folder(self.cfg.folder, readonly=self.readonly)
        except IMAPClientError as exc:
            text = str(exc)
            if "unsafe login" in text.lower():
                raise MailboxConfigError(explain_login_failure(text)) from None
            folders = self.folder_names()
            raise MailboxConfigError(
                f"无法打开邮箱文件夹“{self.cfg.folder}”：{text}。邮箱中现有的文件夹：{'、'.join(folders) or '（无）'}") from None
        except OSError as exc:
            raise MailboxUnavailable(f"打开文件夹时连接中断：{exc.__class__.__name__}") from None
        self.uidvalidity = int(resp.get(b"UIDVALIDITY", 0))
        self.exists = int(resp.get(b"EXISTS", 0))

    def folder_names(self) -> list[str]:
        """Folder names, decoded from modified UTF-7 by imapclient (quirks A12)."""
        assert self.client is not None
        try:
            return [name if isinstance(name, str) else name.decode("utf-8", "replace")
                    for _flags, _delim, name in self.client.list_folders()]
        except (IMAPClientError, OSError):
            return []

    def new_uids(self, last_uid: int) -> list[int]:
        assert self.client is not None
        try:
            uids = self.client.search(["UID", f"{last_uid + 1}:*"])
        except (IMAPClientError, OSError) as exc:
            raise MailboxUnavailable(f"查询新邮件失败：{exc.__class__.__name__}: {exc}") from None
        return sorted(u for u in uids if u > last_uid)

    def all_uids(self) -> list[int]:
        assert self.client is not None
        try:
            return sorted(self.client.search(["ALL"]))
        except (IMAPClientError, OSError) as exc:
            raise MailboxUnavailable(f"列出邮件失败：{exc.__class__.__name__}: {exc}") from None

    def fetch(self, uids: list[int]) -> Iterator[tuple[int, bytes, datetime]]:
        assert self.client is not None
        try:
            data = self.client.fetch(sorted(uids), ["BODY.PEEK[]", "INTERNALDATE"])
        except (IMAPClientError, OSError) as exc:
            raise MailboxUnavailable(f"下载邮件时连接中断：{exc.__class__.__name__}") from None
        for uid in sorted(data):
            item = data[uid]
            body = item.get(b"BODY[]")
            when = item.get(b"INTERNALDATE")
            if body is None or when is None:
                continue  # expunged between SEARCH and FETCH; picked up never, correctly
            if when.tzinfo is None:
                raise MailboxUnavailable("服务器返回的收件时间没有时区")
            yield uid, bytes(body), when

    def apply_action(self, uids: list[int]) -> None:
        """The configured after-store action; MOVE is missing on Coremail (A6), so a move is
        COPY + \\Deleted + UID EXPUNGE."""
        assert self.client is not None
        if not uids or self.cfg.after_store == "none":
            return
        try:
            if self.cfg.after_store == "flag":
                self.client.add_flags(uids, [self.cfg.flag])
            elif self.cfg.after_store == "move":
                self.client.copy(uids, self.cfg.move_to)
                self.client.add_flags(uids, [imapclient.DELETED])
                self.client.uid_expunge(uids)
        except (IMAPClientError, OSError) as exc:
            raise MailboxUnavailable(f"处理已保存邮件（{self.cfg.after_store}）失败：{exc}") from None

    def close(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            try:
                client.logout()
            except Exception:  # noqa: BLE001 - the connection may already be gone
                try:
                    client.shutdown()
                except Exception:  # noqa: BLE001
                    pass


def fetch_new(cfg: MailboxSettings, password: str, account: str, last_uid_for: Callable[[int], int],
              known_uids_for: Callable[[int], set[int]],
              save_batch: Callable[[list[RawMessage]], None],
              pending_actions_for: Callable[[int], list[int]] | None = None,
              mark_actions_done: Callable[[int, list[int]], None] | None = None,
              progress: Callable[[int, int], None] | None = None, dry_run: bool = False) -> int:
    """One poll of one folder. Each batch is handed to `save_batch`, which must store it
    durably before returning; only then does the next batch start. Returns messages fetched."""
    readonly = cfg.after_store == "none" or dry_run
    fetched = 0
    with ImapSession(cfg, password, readonly=readonly) as session:
        uv = session.uidvalidity
        last = last_uid_for(uv)
        if last == 0 and session.exists:
            # New or changed UIDVALIDITY: rescan the folder; the store dedupes by content (A14).
            known = known_uids_for(uv)
            uids = [u for u in session.all_uids() if u not in known]
        else:
            uids = session.new_uids(last)
        total = len(uids)
        # An idle poll says nothing at INFO: the service polls every few minutes for weeks.
        log.log(logging.INFO if total else logging.DEBUG, "文件夹 %s：UIDVALIDITY %s，待下载 %d 封", cfg.folder, uv, total)
        for start in range(0, total, cfg.batch_size):
            batch = uids[start:start + cfg.batch_size]
            raws = [RawMessage(data=body, internaldate=when,
                               location=MessageLocation(account=account, folder=cfg.folder, uidvalidity=uv, uid=uid))
                    for uid, body, when in session.fetch(batch)]
            if not dry_run:
                save_batch(raws)
            fetched += len(raws)
            if progress:
                progress(fetched, total)
        if not dry_run and pending_actions_for and mark_actions_done and cfg.after_store != "none":
            pending = pending_actions_for(uv)
            if pending:
                session.apply_action(pending)
                mark_actions_done(uv, pending)
    return fetched


def probe(cfg: MailboxSettings, password: str) -> dict[str, object]:
    """What check-config shows: folders, the selected folder's size, whether ID was sent."""
    with ImapSession(cfg, password, readonly=True) as session:
        return {"folders": session.folder_names(), "exists": session.exists,
                "uidvalidity": session.uidvalidity, "id_sent": session.id_sent}


__all__ = ["ImapSession", "fetch_new", "probe", "explain_login_failure", "socket"]

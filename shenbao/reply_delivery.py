"""Replies (回执) at the edge: decide which applications still need one, then send them over
SMTP or write them as .eml drafts, keeping the books through the store's reply methods. The
text of a reply is composed in shenbao.outputs.reply_text.

Guarantees:
- At most one reply per application version: (key, version) is recorded as `sending` before
  the SMTP transaction starts and `sent` after it ends. A process that dies in between leaves
  `sending`, which the next poll turns into `uncertain` and reports — never a second send.
- Never to `other` mail, paper-only rows, superseded versions, auto-replies, bounces or mailing
  lists (the row's MailFacts, as intake read them: Auto-Submitted, Precedence, X-Autoreply,
  DSNs; List-Id/List-Unsubscribe/List-Post), nor to our own address or a no-reply/daemon
  address. Such rows are recorded as `skipped`. The raw mail is not read again here.
- A reply that cannot be built (reply_text.ReplyNotBuildable: say, the address to answer is not
  a valid one) is recorded `failed` with its reason and reported; the others still go out. It
  is tried again whenever the rows are next rebuilt.
- Each reply goes to exactly the one validated address: the SMTP envelope names it, so no
  header of the message can add a recipient.
- A failed send is recorded `failed` with the reason, reported in the poll's notes, and retried
  on the next poll: the register is marked stale so that the next poll rebuilds the rows and
  calls `send_replies` again. A failure is never lost.
- Which reply a row gets is its case (shenbao.outcome.case_of, with the guide's electronic
  deadline): 受理回执, 补正通知 or 不予受理告知. A row that needs review gets none: it is
  recorded `skipped` (HELD_REASON) and looked at again at every rebuild, so that it is answered
  once its NEEDS_REVIEW finding is gone; staff are told once.
- Applications received before `reply.not_before` get none. Unset, not_before is the moment of
  the first poll that ran with replies on, kept in the store (counter REPLIES_ON_SINCE) and
  forgotten when a poll runs with replies off; so switching replies on mid-season never answers
  (or mails) the backlog, and the poll that switches them on says how many it left out. Such
  rows are recorded `skipped` (EARLY_REASON) and looked at again, so that an earlier not_before
  set afterwards reaches them.
- A draft (.eml) carries `X-Unsent: 1`; every reply is dated in the settings' time zone.
- The password (126.com 授权码) comes from mailbox.password_env and is never written anywhere.
"""

from __future__ import annotations

import os
import re
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import NamedTuple

from shenbao.outputs.reply_terms import load_reply_terms
from shenbao.outputs.reply_text import (
    EARLY_REASON,
    Closing,
    ReplyNotBuildable,
    ReplyTerms,
    compose_reply,
    reply_bytes,
    reply_case,
    reply_skip_reason,
)
from shenbao.record import RegisterRow
from shenbao.settings import Settings
from shenbao.store import ReplyState, Store

DONE_STATES: frozenset[ReplyState] = frozenset({"sent", "drafted", "skipped", "uncertain"})
# Counter: the moment (Unix seconds) the first poll with replies on ran; 0 while they are off.
REPLIES_ON_SINCE = "replies_on_since"
HELD_REASON = "需人工核对：核对前不自动发回执"
# Skips that may be lifted later (a NEEDS_REVIEW finding gone, not_before set earlier).
_REVISITED = frozenset({EARLY_REASON, HELD_REASON})
_NO_REPLY = re.compile(r"^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounce[s]?)[+@.-]", re.IGNORECASE)


class Outgoing(NamedTuple):
    """One reply, built and ready to send or to write as a draft."""

    row: RegisterRow
    version: str
    sender: str  # the SMTP envelope sender
    to: str  # the only recipient, validated
    data: bytes  # the whole message, SMTP line ends


def reply_version(row: RegisterRow) -> str:
    """The application version a reply answers: the exact bytes the unit sent. A resend is a
    new message, hence a new key and version, and gets its own reply."""
    return (row.message_sha256 or "")[:16]


# --------------------------------------------------------------------------- who gets one

def recipient_or_reason(row: RegisterRow, own_addresses: set[str]) -> tuple[str | None, str]:
    """The address to answer (a single Reply-To, else the sender), or None and the Chinese
    reason. ReplyNotBuildable when the row does not say what its mail was."""
    facts = row.mail
    if facts is None:
        raise ReplyNotBuildable("登记行缺少邮件信息（发件人、是否自动回复），无法判断是否应回复；"
                                "请运行 shenbao reprocess 后再收信")
    if facts.is_auto or facts.is_bounce:
        return None, "自动回复或退信，不发回执"
    if facts.is_list:
        return None, "邮件列表或群发邮件，不发回执"
    reply_to = facts.reply_to
    to = (reply_to[0] if len(reply_to) == 1 else (row.sender or facts.sender)).strip().lower()
    if not to or "@" not in to:
        return None, "找不到发件人地址"
    if to in own_addresses:
        return None, "发件人是本邮箱，不发回执"
    if _NO_REPLY.match(to):
        return None, f"发件地址 {to} 不接收回复"
    return to, ""


# --------------------------------------------------------------------------- the edge

def send_replies(rows: list[RegisterRow], settings: Settings, store: Store, *, now: datetime | None = None,
                 terms: ReplyTerms | None = None) -> list[str]:
    """Reply to every application that still needs it (see the module guarantees). Returns
    Chinese notes for the poll's report: drafts written, replies sent, rows left out, failures.
    `terms` (the guide's deadline and clause texts) are read from the rules file when not given."""
    cfg = settings.reply
    if not cfg.enabled:
        if store.get_counter(REPLIES_ON_SINCE):
            store.set_counter(REPLIES_ON_SINCE, 0)  # switching them on again starts afresh
        return []
    now = now or datetime.now().astimezone()
    notes: list[str] = []
    not_before, first = replies_not_before(settings, store, now)
    if terms is None:
        terms, problem = load_reply_terms(settings.rules_path(), settings.deadlines.electronic)
        if problem:
            notes.append(problem)
    closing = Closing(cfg.office_name, cfg.signature, cfg.phone)
    states = store.reply_states()
    from_address = cfg.from_address or settings.mailbox.username or "shenbao@localhost"
    own = {a.lower() for a in (from_address, settings.mailbox.username) if a}
    todo: list[Outgoing] = []
    unbuilt: dict[str, str] = {}  # register id → reason, in order
    newly: dict[str, list[str]] = {EARLY_REASON: [], HELD_REASON: []}  # ids newly left out, by why
    for row in rows:
        version = reply_version(row)
        known = states.get((row.key, version))
        if (known is not None and known.state in DONE_STATES
                and not (known.state == "skipped" and known.detail in _REVISITED)):
            continue
        if known is not None and known.state == "sending":
            store.record_reply(row.key, version, "uncertain", "上次发送中途中断，无法确定对方是否已收到")
            notes.append(f"编号 {row.id} 的回执上次发送中途中断，是否送达不明；为避免重复，不再自动重发，请人工确认")
            continue
        try:
            reason = reply_skip_reason(row, not_before)
            to = None
            if reason is None:
                to, reason = recipient_or_reason(row, own)
            if to is not None and reply_case(row, terms, now) == "review":
                to, reason = None, HELD_REASON
            if to is None:
                reason = reason or ""
                if known is None or known.detail != reason:
                    store.record_reply(row.key, version, "skipped", reason)
                    if reason in newly:
                        newly[reason].append(row.id)
                continue
            msg = compose_reply(row, version=version, from_address=from_address, to=to, tz=settings.tz, now=now,
                                terms=terms, closing=closing, draft=cfg.mode == "draft")
            todo.append(Outgoing(row, version, str(msg["From"]), str(msg["To"]), reply_bytes(msg)))
        except ReplyNotBuildable as exc:
            unbuilt[row.id] = exc.reason
            store.record_reply(row.key, version, "failed", exc.reason)
    if newly[EARLY_REASON]:
        notes.append(early_note(newly[EARLY_REASON], not_before.astimezone(settings.tz),
                                "reply.not_before" if cfg.not_before else
                                ("首次开启回执的这次收信" if first else "首次开启回执的那次收信")))
    if newly[HELD_REASON]:
        ids = newly[HELD_REASON]
        notes.append(f"{len(ids)} 份申报需人工核对，核对前不自动发回执（{_ids(ids)}）；请在登记表中核对")
    if unbuilt:
        notes.append(_failure_note("无法生成回执", unbuilt, ""))  # each reason says what to do
        store.log_event("reply_error", {"message": next(iter(unbuilt.values())), "ids": list(unbuilt)})
    if not todo:
        return notes
    if cfg.mode == "draft":
        return notes + write_drafts(todo, settings, store)
    return notes + deliver(todo, settings, store)


def replies_not_before(settings: Settings, store: Store, now: datetime) -> tuple[datetime, bool]:
    """reply.not_before, else the moment replies were switched on (kept in the store; `now` when
    this is the first poll with replies on); and whether this call recorded that moment."""
    since = store.get_counter(REPLIES_ON_SINCE)
    first = not since
    if first:
        since = int(now.timestamp())
        store.set_counter(REPLIES_ON_SINCE, since)
    return settings.reply.not_before or datetime.fromtimestamp(since, tz=settings.tz), first


def early_note(ids: list[str], since: datetime, source: str) -> str:
    """The warning that applications received before replies were on get none."""
    return (f"回执自 {since:%Y-%m-%d %H:%M} 起开启（以{source}为准）：此前收到的 {len(ids)} 份申报不发回执"
            f"（{_ids(ids)}）。如需给它们发回执，请在设置文件 [reply] 中把 not_before 设为更早的时间")


def _ids(ids: list[str]) -> str:
    return f"编号 {'、'.join(ids[:10])}{'等' if len(ids) > 10 else ''}"


def _failure_note(what: str, failed: dict[str, str], then: str) -> str:
    ids = list(failed)
    first = next(iter(failed.values()))
    return f"{what} {len(ids)} 封（{'、'.join(ids[:10])}{'等' if len(ids) > 10 else ''}）：{first}。{then}"


def write_drafts(todo: list[Outgoing], settings: Settings, store: Store) -> list[str]:
    folder = settings.resolve(settings.reply.drafts_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for item in todo:
        target = folder / f"{item.row.id}.eml"
        tmp = folder / f".{item.row.id}.eml.tmp"
        tmp.write_bytes(item.data)
        os.replace(tmp, target)  # atomic: staff never open a half-written draft
        store.record_reply(item.row.key, item.version, "drafted", str(target))
    return [f"已生成回执草稿 {len(todo)} 封：{folder}（请审阅后手工发送）"]


def deliver(todo: list[Outgoing], settings: Settings, store: Store) -> list[str]:
    """Send over one SMTP session. Every reply of `todo` ends this call `sent` or `failed`."""
    sent: list[str] = []
    failed: dict[str, str] = {}  # register id → reason, in order
    try:
        with smtp_session(settings) as smtp:
            for item in todo:
                row = item.row
                store.record_reply(row.key, item.version, "sending", item.to)
                try:
                    # The envelope, not the headers, decides who receives it (module guarantees).
                    smtp.sendmail(item.sender, [item.to], item.data)
                except smtplib.SMTPRecipientsRefused as exc:
                    # Only this address was refused; the connection is fine for the others.
                    failed[row.id] = f"收件地址被拒绝：{smtp_reason(exc)}"
                    store.record_reply(row.key, item.version, "failed", failed[row.id])
                    continue
                except smtplib.SMTPResponseException as exc:
                    failed[row.id] = smtp_reason(exc)  # this message refused; try the next
                    store.record_reply(row.key, item.version, "failed", failed[row.id])
                    continue
                except (smtplib.SMTPException, OSError) as exc:
                    failed[row.id] = smtp_reason(exc)
                    store.record_reply(row.key, item.version, "failed", failed[row.id])
                    break  # the connection is gone; the rest are marked below
                store.record_reply(row.key, item.version, "sent", item.to)
                sent.append(row.id)
            reason = next(reversed(failed.values()), "")
    except (smtplib.SMTPException, OSError) as exc:
        reason = smtp_reason(exc)  # no session at all (server down, login refused)
    for item in todo:
        if item.row.id not in sent and item.row.id not in failed:
            failed[item.row.id] = reason or "发送中断"
            store.record_reply(item.row.key, item.version, "failed", failed[item.row.id])
    notes = []
    if sent:
        notes.append(f"已发送回执 {len(sent)} 封")
    if failed:
        notes.append(_failure_note("回执发送失败", failed, "下次收信时自动重试。"))
        store.log_event("reply_error", {"message": next(iter(failed.values())), "ids": list(failed)})
        store.set_counter("register_stale", 1)  # makes the next poll rebuild the rows and retry
    return notes


def smtp_reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return ("SMTP 登录失败：账号或授权码错误，或网页邮箱未开启 SMTP 服务"
                "（126 邮箱：设置→POP3/SMTP/IMAP）")
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"邮件服务器拒绝：{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "；".join(f"{addr} {code}" for addr, (code, _msg) in exc.recipients.items())
    if isinstance(exc, ssl.SSLError):
        return f"与发信服务器的 TLS 加密连接失败（{exc.__class__.__name__}），请检查 reply.smtp_tls 与端口"
    if isinstance(exc, OSError):
        return f"无法连接发信服务器（{exc.__class__.__name__}）"
    return f"发送出错（{exc.__class__.__name__}）"


@contextmanager
def smtp_session(settings: Settings) -> Iterator[smtplib.SMTP]:
    """A connected, logged-in SMTP session. Logs in when the server offers AUTH and a password
    is configured; 126.com requires it, a local relay may not offer it."""
    cfg = settings.reply
    ctx = ssl.create_default_context()
    if not cfg.verify_tls:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    smtp: smtplib.SMTP
    if cfg.smtp_tls == "ssl":
        smtp = smtplib.SMTP_SSL(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_seconds, context=ctx)
    else:
        smtp = smtplib.SMTP(cfg.smtp_host, cfg.smtp_port, timeout=cfg.timeout_seconds)
    try:
        smtp.ehlo()
        if cfg.smtp_tls == "starttls":
            smtp.starttls(context=ctx)
            smtp.ehlo()
        password = settings.mailbox.password()
        if password and smtp.has_extn("auth"):
            smtp.login(cfg.smtp_username or settings.mailbox.username, password)
        yield smtp
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

"""The acknowledgement (回执) sent to an applicant: composed from one register row. Pure.

Contract:
- `reply_skip_reason(row, not_before)` is None when the row deserves a reply: an emailed
  application that is the latest version (not superseded), received at or after `not_before`.
  Otherwise a Chinese reason, kept in the store so that staff can see why nothing was sent.
- `reply_subject(row)` / `reply_body(row, tz)` are the Chinese text; the body says the register
  number, what was read (unit, project, item, funding, files) and every problem found with the
  guide's requirement (the finding's clause), so a unit can correct and resend in time.
- `compose_reply(...)` wraps them in an RFC 5322 message that threads under the original
  (In-Reply-To/References) and says it is automatic (RFC 3834 `Auto-Submitted: auto-replied`),
  so the unit's own auto-responder does not answer it back. Its Message-ID is derived from the
  application key and version: the same application version always gets the same Message-ID.
- Every header value is made safe here, where it is composed: text taken from a mail or a form
  (the subject, the project name) becomes one line without control characters (a CR/LF in a
  decoded subject must never start a header of its own, e.g. an injected Bcc) and at most
  `MAX_HEADER_CHARS` characters; From and To must be plain ASCII addresses; a Message-ID to
  thread under that is not one is left out. A reply that still cannot be made raises
  `ReplyNotBuildable` with the Chinese reason, so that the caller records that one reply as
  failed and goes on with the others.
"""

from __future__ import annotations

import email.errors
import hashlib
import re
from datetime import datetime, tzinfo
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime

from shenbao.outputs.labels_zh import load_register_words
from shenbao.record import Finding, RegisterRow

# Findings that speak to staff, not to the applicant: a doubtful reading is checked by a person
# against the original, and a supersede note is about an older version.
_INTERNAL_CODES = frozenset({"NEEDS_REVIEW", "SUPERSEDED"})
# The paper copy usually arrives days after the email: a reminder, not something to resend.
PAPER_CODES = frozenset({"PAPER_MISSING", "PAPER_SHORT", "LATE_PAPER"})
_UNREAD = "（未能识别）"

# A subject longer than this is cut (RFC 5322 advises lines of at most 78 characters; a folded
# Chinese subject of 200 characters is already several encoded lines).
MAX_HEADER_CHARS = 200
# C0 and C1 controls (CR and LF among them), DEL, Unicode line/paragraph separators and the
# bidirectional overrides that can make a subject display as something it is not.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# An RFC 5321 address in plain ASCII: dot-atom local part, host name of letters, digits and
# hyphens. Quoted local parts and address literals are legal but never seen from applicants;
# refusing them keeps anything that could be read as a second address out of To.
_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                      r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")
# A Message-ID to thread under: printable ASCII between angle brackets, no space.
_MESSAGE_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>")


class ReplyNotBuildable(Exception):
    """The reply to one row cannot be composed safely (for instance, the address to answer is
    not a valid address). `reason` is Chinese; the row's reply is recorded as failed with it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


_LINE_BREAK = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")


def header_text(value: str, limit: int = MAX_HEADER_CHARS) -> str:
    """`value` as one line of header text: every control character (CR, LF among them) becomes
    a space, runs of white space one space, and it is cut to `limit` characters (an ellipsis
    marks the cut)."""
    text = " ".join(_CONTROLS.sub(" ", value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def reply_address(value: str) -> str:
    """`value` when it is one plain ASCII mail address (at most 254 characters, RFC 5321);
    else ReplyNotBuildable."""
    address = value.strip()
    if len(address) > 254 or len(address.partition("@")[0]) > 64 or not _ADDRESS.fullmatch(address):
        raise ReplyNotBuildable(f"地址“{header_text(value, 80)}”不是有效的邮件地址，无法生成回执，请人工回复")
    return address


def reply_skip_reason(row: RegisterRow, not_before: datetime | None = None) -> str | None:
    """None when `row` should get a reply; else the Chinese reason it gets none."""
    if row.kind != "application":
        return "非申报邮件，不发回执"
    if not row.electronic or not row.message_sha256:
        return "仅有纸质件，无邮件可回复"
    if row.superseded_by:
        return f"已被编号 {row.superseded_by} 的新版本替代，只回复新版本"
    if not_before is not None and row.received_at is not None and row.received_at < not_before:
        return "收件时间早于回执开启时间（reply.not_before）"
    return None


def applicant_findings(row: RegisterRow, *, paper: bool = False) -> list[Finding]:
    """The problems an applicant can act on, errors first, then warnings; no staff-only notes.
    `paper` selects the paper-copy findings instead of the others."""
    rank = {"error": 0, "warning": 1}
    chosen = [f for f in row.findings if f.severity in rank and f.code not in _INTERNAL_CODES
              and (f.code in PAPER_CODES) == paper]
    return sorted(chosen, key=lambda f: rank[f.severity])


def _numbered(findings: list[Finding], severity_zh: dict[str, str]) -> list[str]:
    lines = []
    for n, finding in enumerate(findings, 1):
        lines.append(f"  {n}. 【{severity_zh.get(finding.severity, finding.severity)}】{finding.message}")
        if finding.clause:
            lines.append(f"     指南要求：{finding.clause}")
    return lines


def reply_subject(row: RegisterRow) -> str:
    """The subject line, safe as a header value (see the module contract)."""
    title = (row.fields.project_name if row.fields else None) or row.subject or "项目申报"
    return header_text(f"【申报回执】登记编号 {row.id}：{title}")


def reply_body(row: RegisterRow, tz: tzinfo) -> str:
    """The Chinese acknowledgement text (plain text, one paragraph per topic)."""
    labels = load_register_words()
    f = row.fields
    lines = ["您好！", "", f"我们已收到贵单位发送的项目申报邮件，登记编号为 {row.id}。咨询或补正时请注明此编号。", ""]
    if row.received_at is not None:
        lines.append(f"收件时间：{row.received_at.astimezone(tz):%Y-%m-%d %H:%M}（以邮件服务器收到的时间为准）")
    if row.subject:
        lines.append(f"邮件主题：{header_text(row.subject)}")
    lines += ["", "系统从申报书中读到的内容如下，请核对："]
    item = " › ".join(x for x in ((f.category if f else None), (f.subcategory if f else None)) if x)
    funding = f"{f.funding_wan:g} 万元" if f and f.funding_wan is not None else _UNREAD
    lines += [
        f"  申报单位：{(f.applicant_org if f else None) or _UNREAD}",
        f"  项目名称：{(f.project_name if f else None) or _UNREAD}",
        f"  申报类别：{item or _UNREAD}",
        f"  申请经费：{funding}",
    ]
    if row.files:
        lines.append("  收到的附件：" + "、".join(ref.name for ref in row.files))
    problems = applicant_findings(row)
    lines.append("")
    if problems:
        lines.append(f"形式审查发现以下问题（共 {len(problems)} 项），请对照申报指南修改：")
        lines += _numbered(problems, labels.severity)
        lines += ["", "如需修改，请在截止时间前把修改后的完整申报材料重新发送到本邮箱；"
                      "我们以最后一次发送的版本为准，并会再发一封回执。"]
    else:
        lines.append("形式审查暂未发现问题。本回执只说明材料已收到，不代表立项结果。")
    paper = applicant_findings(row, paper=True)
    if paper:
        lines += ["", "纸质材料提醒（以工作人员登记时的情况为准，如已寄出请忽略）："]
        lines += _numbered(paper, labels.severity)
    lines += ["", "本邮件由申报登记系统自动生成。如读到的内容与申报书不符，请回复本邮件说明。"]
    return "\n".join(lines) + "\n"


def reply_message_id(key: str, version: str, domain: str) -> str:
    digest = hashlib.sha256(f"{key}|{version}".encode()).hexdigest()[:32]
    return f"<shenbao-reply-{digest}@{domain or 'shenbao.invalid'}>"


def compose_reply(row: RegisterRow, *, version: str, from_address: str, to: str, tz: tzinfo,
                  now: datetime) -> EmailMessage:
    """The complete reply message for one application version (see the module contract).
    Raises ReplyNotBuildable when From or To is not a valid address, or when the email
    package refuses a value (which the checks here should leave impossible; one such reply
    must still not stop the others)."""
    sender, recipient = reply_address(from_address), reply_address(to)
    if row.subject and _LINE_BREAK.search(row.subject):
        # A subject that decodes to several lines is not what any mail client writes (folding is
        # undone before decoding): it is someone trying to add headers to our reply. Even with
        # the text made safe, such a mail gets no automatic answer; staff look at it first.
        raise ReplyNotBuildable("邮件主题中含有换行符（疑似伪造邮件头），未自动回执，请人工核对后回复")
    msg = EmailMessage()
    try:
        msg["From"] = sender
        msg["To"] = recipient
        msg["Subject"] = reply_subject(row)
        msg["Date"] = format_datetime(now)
        msg["Message-ID"] = reply_message_id(row.key, version, sender.rpartition("@")[2])
        original = (row.message_id or "").strip()
        if _MESSAGE_ID.fullmatch(original):  # anything else would not thread anyway
            msg["In-Reply-To"] = original
            msg["References"] = original
        msg["Auto-Submitted"] = "auto-replied"  # RFC 3834: auto-responders must not answer this
        msg["X-Auto-Response-Suppress"] = "All"  # the same, for Exchange/Outlook
        msg["X-Shenbao-Register-Id"] = header_text(row.id, 40)
        msg.set_content(reply_body(row, tz), charset="utf-8")
    except (ValueError, email.errors.MessageError) as exc:
        raise ReplyNotBuildable(f"回执无法生成（{type(exc).__name__}），请人工回复") from exc
    return msg


def reply_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes out (SMTP line ends), for sending and for drafts alike. Raises
    ReplyNotBuildable as compose_reply does."""
    try:
        return msg.as_bytes(policy=SMTP_POLICY)
    except (ValueError, email.errors.MessageError) as exc:
        raise ReplyNotBuildable(f"回执无法生成（{type(exc).__name__}），请人工回复") from exc

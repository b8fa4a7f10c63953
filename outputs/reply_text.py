"""The reply sent to an applicant, composed from one register row. Pure.

Contract:
- `reply_skip_reason(row, not_before)` is None when the row deserves a reply: an emailed
  application that is the latest version (not superseded), received at or after `not_before`.
  Otherwise a Chinese reason, kept in the store so that staff can see why nothing was sent.
- Which reply a row gets is its case (`shenbao.outcome.case_of`): "ok" → 受理回执 (received and
  registered), "fixable" → 补正通知 (each thing to fix with the guide's requirement, and the
  exact electronic deadline to resend by), "refused" → 不予受理告知 (why, and nothing inviting
  a resend or a correction). A "review" row gets no automatic reply (see case_of); asking
  compose_reply for one is a bug.
- `reply_subject(row, case)` / `reply_body(row, tz, ...)` are the Chinese text. The body opens
  with the unit's name (else the sender's name) and closes with the office's name, signature
  and telephone from the settings (`Closing`). The guide's own words for a clause are quoted
  when `ReplyTerms.clause_texts` has them; otherwise the clause number is cited.
- `compose_reply(...)` wraps them in an RFC 5322 message that threads under the original
  (In-Reply-To/References) and says it is automatic (RFC 3834 `Auto-Submitted: auto-replied`),
  so the unit's own auto-responder does not answer it back. Its Date is in the settings' time
  zone (+08:00 for Asia/Shanghai), and a draft carries `X-Unsent: 1` so that Outlook opens the
  .eml as a message to send, not as one received. Its Message-ID is derived from the
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
from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime
from types import MappingProxyType
from typing import Literal, NamedTuple

from shenbao.outcome import PAPER_CODES, REFUSAL_CODES, STAFF_CODES, RowCase, case_of
from shenbao.outputs.labels_zh import load_register_words
from shenbao.record import Finding, RegisterRow

ReplyCase = Literal["ok", "fixable", "refused"]  # the cases that get an automatic reply
TEMPLATE_NAME: dict[ReplyCase, str] = {"ok": "受理回执", "fixable": "补正通知", "refused": "不予受理告知"}
_UNREAD = "（未能识别）"
EARLY_REASON = "收件时间早于回执开启时间（reply.not_before）"
_BEIJING = timedelta(hours=8)


class ReplyTerms(NamedTuple):
    """What a reply takes from the guide: the electronic deadline (timezone-aware, after the
    settings' override) and the guide's own words per clause number (e.g. "一、3" → the text
    of that clause), for quoting. Both may be missing; the reply then says less."""

    deadline: datetime | None = None
    clause_texts: Mapping[str, str] = MappingProxyType({})


class Closing(NamedTuple):
    """Who signs: the office, further lines (a person, an address) and a telephone number."""

    office_name: str = "项目申报工作组"
    signature: str = ""
    phone: str = ""

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
        return EARLY_REASON
    return None


def applicant_findings(row: RegisterRow, *, paper: bool = False) -> list[Finding]:
    """The problems an applicant can act on, errors first, then warnings; no staff-only notes.
    `paper` selects the paper-copy findings instead of the others."""
    rank = {"error": 0, "warning": 1}
    chosen = [f for f in row.findings if f.severity in rank and f.code not in STAFF_CODES
              and (f.code in PAPER_CODES) == paper]
    return sorted(chosen, key=lambda f: rank[f.severity])


def refusal_findings(row: RegisterRow) -> list[Finding]:
    """The reasons a row is refused: its errors that no corrected resend can cure."""
    return [f for f in row.findings if f.severity == "error" and f.code in REFUSAL_CODES]


def _numbered(findings: list[Finding], severity_zh: dict[str, str], clause_texts: Mapping[str, str]) -> list[str]:
    lines = []
    for n, finding in enumerate(findings, 1):
        lines.append(f"  {n}. 【{severity_zh.get(finding.severity, finding.severity)}】{finding.message}")
        words = clause_texts.get(finding.clause) if finding.clause else None
        if words:
            lines.append(f"     指南{finding.clause}原文：“{words}”")
        elif finding.clause and f"指南{finding.clause}" not in finding.message:
            # Without the guide's words the message says the requirement; the clause number
            # lets the unit find it in the guide (most messages already end with it).
            lines.append(f"     指南要求：{finding.clause}")
    return lines


def deadline_text(deadline: datetime, tz: tzinfo) -> str:
    """The deadline as applicants read it: "2024年4月30日 17:00（北京时间）"."""
    local = deadline.astimezone(tz)
    zone = "（北京时间）" if local.utcoffset() == _BEIJING else f"（UTC{local:%z}）"
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}{zone}"


def salutation(row: RegisterRow) -> str:
    """The unit's name as read from the form, else the sender's display name, as one line."""
    unit = row.fields.applicant_org if row.fields else None
    name = unit or (row.mail.sender_name if row.mail else "") or ""
    name = header_text(name, 60)
    return f"{name}：" if name else "您好："


def reply_subject(row: RegisterRow, case: ReplyCase | None = None) -> str:
    """The subject line, safe as a header value (see the module contract)."""
    title = (row.fields.project_name if row.fields else None) or row.subject or "项目申报"
    return header_text(f"【{TEMPLATE_NAME[case or _replied(reply_case(row))]}】登记编号 {row.id}：{title}")


def reply_case(row: RegisterRow, terms: ReplyTerms = ReplyTerms(), now: datetime | None = None) -> RowCase:
    """The row's case as the reply sees it: `case_of` with the guide's electronic deadline."""
    return case_of(row, now=now, deadline=terms.deadline)


def reply_body(row: RegisterRow, tz: tzinfo, *, case: ReplyCase | None = None, terms: ReplyTerms = ReplyTerms(),
               closing: Closing = Closing(), now: datetime | None = None) -> str:
    """The Chinese text of the reply of `case` (default: the row's case) as plain text, one
    paragraph per topic; `now` dates the signature."""
    case = case or _replied(reply_case(row, terms, now))
    labels = load_register_words()
    lines = [salutation(row), "", f"我们已收到贵单位发送的项目申报邮件，登记编号为 {row.id}。咨询时请注明此编号。", ""]
    if row.received_at is not None:
        lines.append(f"收件时间：{row.received_at.astimezone(tz):%Y-%m-%d %H:%M}（以邮件服务器收到的时间为准）")
    if row.subject:
        lines.append(f"邮件主题：{header_text(row.subject)}")
    lines += ["", "系统从申报书中读到的内容如下：" if case == "refused" else "系统从申报书中读到的内容如下，请核对："]
    lines += _what_was_read(row)
    lines.append("")
    if case == "refused":
        lines += _refusal(row, labels.severity, terms, closing)
    else:
        lines += _acceptance(row, case, labels.severity, terms, tz)
    lines += ["", *_signed(closing, now, tz), "", "（本邮件由申报登记系统自动生成）"]
    return "\n".join(lines) + "\n"


def _replied(case: RowCase) -> ReplyCase:
    if case == "review":
        raise ValueError("a row that needs review gets no automatic reply (case_of)")
    return case


def _what_was_read(row: RegisterRow) -> list[str]:
    f = row.fields
    item = " › ".join(x for x in ((f.category if f else None), (f.subcategory if f else None)) if x)
    funding = f"{f.funding_wan:g} 万元" if f and f.funding_wan is not None else _UNREAD
    lines = [
        f"  申报单位：{(f.applicant_org if f else None) or _UNREAD}",
        f"  项目名称：{(f.project_name if f else None) or _UNREAD}",
        f"  申报类别：{item or _UNREAD}",
        f"  申请经费：{funding}",
    ]
    if row.files:
        lines.append("  收到的附件：" + "、".join(ref.name for ref in row.files))
    return lines


def _acceptance(row: RegisterRow, case: ReplyCase, severity_zh: dict[str, str], terms: ReplyTerms,
                tz: tzinfo) -> list[str]:
    """受理回执 and 补正通知: what was found, what to do by when, the paper reminder."""
    problems = applicant_findings(row)
    errors = [f for f in problems if f.severity == "error"]
    notes = [f for f in problems if f.severity != "error"]
    lines: list[str] = []
    if case == "fixable":
        lines.append(f"形式审查发现以下问题（共 {len(errors)} 项），需要补正：")
        lines += _numbered(errors, severity_zh, terms.clause_texts)
        if notes:
            lines += ["", "另请注意："]
            lines += _numbered(notes, severity_zh, terms.clause_texts)
        by = (f"请在电子版截止时间 {deadline_text(terms.deadline, tz)} 之前" if terms.deadline is not None
              else "请在申报通知规定的电子版截止时间之前")
        lines += ["", f"{by}，把补正后的完整申报材料重新发送到本邮箱（以邮件服务器收到的时间为准）；"
                      "我们以截止前最后一次发送的版本为准，并会再发一封回执。"]
    else:
        lines.append("形式审查暂未发现问题，申报已登记。本回执只说明材料已收到，不代表立项结果。")
        if notes:
            lines += ["", "请注意："]
            lines += _numbered(notes, severity_zh, terms.clause_texts)
    paper = applicant_findings(row, paper=True)
    if paper:
        lines += ["", "纸质材料提醒（以工作人员登记时的情况为准，如已寄出请忽略）："]
        lines += _numbered(paper, severity_zh, terms.clause_texts)
    lines += ["", "如读到的内容与申报书不符，请回复本邮件说明。"]
    return lines


def _refusal(row: RegisterRow, severity_zh: dict[str, str], terms: ReplyTerms, closing: Closing) -> list[str]:
    """不予受理告知: the reasons only. Nothing here may invite a resend or a correction: the
    other problems of a refused application and the paper reminder are left out on purpose."""
    reasons = refusal_findings(row)
    lines = ["经形式审查，本申报不予受理，原因如下："]
    lines += _numbered(reasons, severity_zh, terms.clause_texts)
    ask = f"请回复本邮件或致电 {closing.phone} 咨询" if closing.phone else "请回复本邮件咨询"
    lines += ["", f"如对上述认定有疑问，{ask}。"]
    return lines


def _signed(closing: Closing, now: datetime | None, tz: tzinfo) -> list[str]:
    lines = [closing.office_name, *[line for line in closing.signature.splitlines() if line]]
    if closing.phone:
        lines.append(f"联系电话：{closing.phone}")
    if now is not None:
        local = now.astimezone(tz)
        lines.append(f"{local.year}年{local.month}月{local.day}日")
    return lines


def reply_message_id(key: str, version: str, domain: str) -> str:
    digest = hashlib.sha256(f"{key}|{version}".encode()).hexdigest()[:32]
    return f"<shenbao-reply-{digest}@{domain or 'shenbao.invalid'}>"


def compose_reply(row: RegisterRow, *, version: str, from_address: str, to: str, tz: tzinfo,
                  now: datetime, terms: ReplyTerms = ReplyTerms(), closing: Closing = Closing(),
                  draft: bool = False) -> EmailMessage:
    """The complete reply message for one application version (see the module contract);
    `draft` marks it `X-Unsent: 1`. Raises ReplyNotBuildable when From or To is not a valid
    address, or when the email package refuses a value (which the checks here should leave
    impossible; one such reply must still not stop the others). ValueError for a row whose
    case is "review" (the caller must hold it back)."""
    sender, recipient = reply_address(from_address), reply_address(to)
    if row.subject and _LINE_BREAK.search(row.subject):
        # A subject that decodes to several lines is not what any mail client writes (folding is
        # undone before decoding): it is someone trying to add headers to our reply. Even with
        # the text made safe, such a mail gets no automatic answer; staff look at it first.
        raise ReplyNotBuildable("邮件主题中含有换行符（疑似伪造邮件头），未自动回执，请人工核对后回复")
    case = _replied(reply_case(row, terms, now))
    msg = EmailMessage()
    try:
        msg["From"] = sender
        msg["To"] = recipient
        msg["Subject"] = reply_subject(row, case)
        # In the office's zone (+08:00), as the office's own mail client would date it.
        msg["Date"] = format_datetime(now.astimezone(tz))
        msg["Message-ID"] = reply_message_id(row.key, version, sender.rpartition("@")[2])
        original = (row.message_id or "").strip()
        if _MESSAGE_ID.fullmatch(original):  # anything else would not thread anyway
            msg["In-Reply-To"] = original
            msg["References"] = original
        msg["Auto-Submitted"] = "auto-replied"  # RFC 3834: auto-responders must not answer this
        msg["X-Auto-Response-Suppress"] = "All"  # the same, for Exchange/Outlook
        msg["X-Shenbao-Register-Id"] = header_text(row.id, 40)
        if draft:
            msg["X-Unsent"] = "1"  # Outlook opens such an .eml as a draft with a Send button
        msg.set_content(reply_body(row, tz, case=case, terms=terms, closing=closing, now=now), charset="utf-8")
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

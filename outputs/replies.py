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
"""

from __future__ import annotations

import hashlib
from datetime import datetime, tzinfo
from email.message import EmailMessage
from email.utils import format_datetime

from shenbao.outputs.labels_zh import load_labels
from shenbao.record import Finding, RegisterRow

# Findings that speak to staff, not to the applicant: a doubtful reading is checked by a person
# against the original, and a supersede note is about an older version.
_INTERNAL_CODES = frozenset({"NEEDS_REVIEW", "SUPERSEDED"})
# The paper copy usually arrives days after the email: a reminder, not something to resend.
PAPER_CODES = frozenset({"PAPER_MISSING", "PAPER_SHORT", "LATE_PAPER"})
_UNREAD = "（未能识别）"


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
    title = (row.fields.project_name if row.fields else None) or row.subject or "项目申报"
    return f"【申报回执】登记编号 {row.id}：{title}"


def reply_body(row: RegisterRow, tz: tzinfo) -> str:
    """The Chinese acknowledgement text (plain text, one paragraph per topic)."""
    labels = load_labels()
    f = row.fields
    lines = ["您好！", "", f"我们已收到贵单位发送的项目申报邮件，登记编号为 {row.id}。咨询或补正时请注明此编号。", ""]
    if row.received_at is not None:
        lines.append(f"收件时间：{row.received_at.astimezone(tz):%Y-%m-%d %H:%M}（以邮件服务器收到的时间为准）")
    if row.subject:
        lines.append(f"邮件主题：{row.subject}")
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
    """The complete reply message for one application version (see the module contract)."""
    msg = EmailMessage()
    msg["From"] = from_address
    msg["To"] = to
    msg["Subject"] = reply_subject(row)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = reply_message_id(row.key, version, from_address.rpartition("@")[2])
    if row.message_id:
        msg["In-Reply-To"] = row.message_id
        msg["References"] = row.message_id
    msg["Auto-Submitted"] = "auto-replied"  # RFC 3834: auto-responders must not answer this
    msg["X-Auto-Response-Suppress"] = "All"  # the same, for Exchange/Outlook
    msg["X-Shenbao-Register-Id"] = row.id
    msg.set_content(reply_body(row, tz), charset="utf-8")
    return msg

"""What each register row shows: its status, the 总表 cell values, and which cells are
flagged with which comment; which rows are on 待处理, in which order. Pure: no workbook and no
file is touched here.

Contract:
- `row_status_key(row, now=, deadline=)` gives one of labels_zh.STATUS_KEYS: `other` mail is
  `question` (需答复) when it was set aside as a question (咨询), else `other`; an application
  is `superseded` when a later version replaced it, else its case
  (`shenbao.outcome.case_of`: ok / fixable / refused / review), except that a paper-only row
  whose case is ok (the electronic deadline has not passed) is `paper_only`. `now` and
  `deadline` (the electronic deadline) go to case_of: after the deadline a fixable problem
  is for staff to decide (review).
- `pending_rows` gives the 待处理 rows in the order staff can act on them: review and
  question first, then fixable (the applicant can still put it right), then refused; within
  a group the earliest arrival first. A row staff marked handled (`handled`, by 编号) and
  rows with nothing to do (ok, paper_only, superseded, other) are not on it.
- `row_to_main_line` gives the 总表 values in labels_zh.COLUMN_KEYS order, every str already
  through cells.safe_cell_text, and one `CellMark` per flagged column.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from shenbao.intake.classify import REASON_QUESTION
from shenbao.outcome import case_of
from shenbao.outputs.cells import cell_value
from shenbao.outputs.export_jsonl import id_sort_key
from shenbao.outputs.labels_zh import COLUMN_KEYS, RegisterLabels, StatusKey
from shenbao.outputs.paper_words import paper_words
from shenbao.record import Finding, FindingCode, RegisterRow

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}

# Which 总表 column a finding points at: first by its field, else by its code.
_FIELD_COLUMN = {
    "project_name": "project_name", "category": "item", "subcategory": "item",
    "applicant_org": "applicant_org", "lead_org": "applicant_org", "partner_orgs": "applicant_org",
    "applicant_type": "applicant_type", "leader_name": "leader", "contact_name": "leader",
    "leader_phone": "phone", "contact_phone": "phone", "contact_email": "phone",
    "funding_wan": "funding_wan", "paper": "paper_copies",
}
_CODE_COLUMN: dict[FindingCode, str] = {
    "LATE_ELECTRONIC": "received_at", "LATE_PAPER": "paper_received_on",
    "PAPER_MISSING": "paper_copies", "PAPER_SHORT": "paper_copies",
    "ELECTRONIC_MISSING": "files", "NO_FORM": "files", "UNREADABLE_FILE": "files",
    "SUPERSEDED": "status", "APPLICANT_NOT_ELIGIBLE": "applicant_type",
    "DESIGNATED_ITEM": "applicant_org", "FUNDING_OUT_OF_RANGE": "funding_wan",
    "JOINT_ROLES_MISSING": "applicant_org", "REPEAT_FUNDED": "project_name",
}


@dataclass(frozen=True)
class CellMark:
    """A flagged cell: the worst severity among its findings and the comment text."""

    severity: str
    comment: str


@dataclass(frozen=True)
class MainLine:
    row_id: str
    status: StatusKey
    values: list[object]
    marks: dict[str, CellMark] = field(default_factory=dict)
    link: str | None = None  # relative target of the 附件 cell's hyperlink


def row_status_key(row: RegisterRow, *, now: datetime | None = None,
                   deadline: datetime | None = None) -> StatusKey:
    """The status key of a row (see the module contract)."""
    if row.kind == "other":
        return "question" if row.other_reason == REASON_QUESTION else "other"
    if row.superseded_by:
        return "superseded"
    case = case_of(row, now=now, deadline=deadline)
    if not row.electronic and case == "ok":
        return "paper_only"
    return case


# 待处理 groups: what only staff can settle or answer, then what the applicant can still fix,
# then refusals (to be told). Statuses not listed are not on 待处理.
_PENDING_GROUP: dict[StatusKey, int] = {"review": 0, "question": 0, "fixable": 1, "refused": 2}


def pending_rows(rows: Iterable[RegisterRow], *, handled: Collection[str] = frozenset(),
                 now: datetime | None = None, deadline: datetime | None = None) -> list[RegisterRow]:
    """The 待处理 rows in order (see the module contract); `handled` holds the 编号 of rows
    staff marked done in 核对状态."""
    keyed = []
    for row in rows:
        group = _PENDING_GROUP.get(row_status_key(row, now=now, deadline=deadline))
        if group is None or row.id in handled:
            continue
        arrived = row.received_at.timestamp() if row.received_at else float("inf")
        keyed.append(((group, arrived, id_sort_key(row.id)), row))
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def finding_column(finding: Finding) -> str:
    """The 总表 column a finding belongs to (`problems` when no better cell exists)."""
    if finding.field in _FIELD_COLUMN:
        return _FIELD_COLUMN[finding.field]
    return _CODE_COLUMN.get(finding.code, "problems")


def problems_text(row: RegisterRow, labels: RegisterLabels) -> str:
    """Every finding of the row as one numbered plain-words line each, then what the reader
    noted while reading the form (【说明】)."""
    lines = [f"{i}.【{labels.severity.get(f.severity, f.severity)}】{f.message}"
             for i, f in enumerate(row.findings, 1)]
    lines += [f"【说明】{note}" for note in row.notes]
    return "\n".join(lines)


def _evidence_lines(row: RegisterRow, finding: Finding, labels: RegisterLabels) -> list[str]:
    t = labels.text
    lines = [f"{labels.finding_name(finding.code)}：{finding.message}"]
    ev = row.evidence.get(finding.field or "")
    if ev is not None:
        lines.append(f"{t['evidence_file']}：{ev.file}")
        lines.append(f"{t['evidence_where']}：{ev.where}")
        lines.append(f"{t['evidence_text']}：{ev.text}")
        if ev.confidence < 1.0:
            lines.append(f"{t['evidence_confidence']}：{ev.confidence:.0%}")
    if finding.evidence:
        # A paper pairing's figures belong to the 纸质件 sheet; here its words suffice.
        lines.append(paper_words(finding.evidence))
    return lines


def cell_marks(row: RegisterRow, labels: RegisterLabels) -> dict[str, CellMark]:
    """One mark per column that findings point at, with all their evidence as comment."""
    grouped: dict[str, list[Finding]] = {}
    for finding in row.findings:
        grouped.setdefault(finding_column(finding), []).append(finding)
    marks: dict[str, CellMark] = {}
    for column, findings in grouped.items():
        worst = min(findings, key=lambda f: _SEVERITY_RANK.get(f.severity, 3)).severity
        comment = "\n\n".join("\n".join(_evidence_lines(row, f, labels)) for f in findings)
        marks[column] = CellMark(severity=worst, comment=str(cell_value(comment)))
    return marks


def files_text(row: RegisterRow, labels: RegisterLabels) -> str:
    return "\n".join(
        f"{labels.role.get(f.role, f.role)}：{f.name}" + (f"（{f.problem}）" if f.problem else "")
        for f in row.files
    )


def file_link(
    row: RegisterRow, file_links: Mapping[str, Path], register_dir: Path, link_root: Path
) -> str | None:
    """The relative link target of the row's form (else first linked file), or None.

    Only stored files under `link_root` are ever linked, so a link can never lead to a
    URL or a place named by a sender. `register_dir` and `link_root` must be absolute
    (resolved once by the caller: this runs for every row of every poll)."""
    ordered = sorted(row.files, key=lambda f: f.role != "form")
    root = str(link_root)
    for ref in ordered:
        target = file_links.get(ref.sha256)
        if target is None:
            continue
        # normpath, not resolve(): no file-system call per row, and ".." is still folded.
        absolute = os.path.normpath(os.path.join(root, target))
        if os.path.commonpath([absolute, root]) != root:
            # Maybe only spelled through a symlink (e.g. /tmp → /private/tmp): check for real.
            absolute = str((Path(root) / target).resolve())
            if os.path.commonpath([absolute, root]) != root:
                continue
        return Path(os.path.relpath(absolute, register_dir)).as_posix()
    return None


def _phone_text(row: RegisterRow, labels: RegisterLabels) -> str | None:
    f = row.fields
    if f is None:
        return None
    phone = f.leader_phone or ""
    if f.contact_phone and f.contact_phone != f.leader_phone:
        contact = " ".join(x for x in (labels.text["contact_prefix"], f.contact_name or "", f.contact_phone) if x)
        phone = f"{phone}\n{contact}" if phone else contact
    return phone or None


def row_to_main_line(
    row: RegisterRow,
    labels: RegisterLabels,
    *,
    staff: tuple[str | None, str | None] = (None, None),
    link: str | None = None,
    now: datetime | None = None,
    deadline: datetime | None = None,
) -> MainLine:
    """The 总表 line of a row; `staff` is the carried-over (人工备注, 核对状态); `now` and
    `deadline` decide its status (row_status_key)."""
    f = row.fields
    status = row_status_key(row, now=now, deadline=deadline)
    raw: dict[str, object] = {
        "id": row.id,
        "status": labels.status[status],
        "received_at": row.received_at,
        "applicant_org": f.applicant_org if f else None,
        "applicant_type": f.applicant_type if f else None,
        "project_name": f.project_name if f else None,
        "item": (f.subcategory or f.category) if f else None,
        "funding_wan": f.funding_wan if f else None,
        "leader": f.leader_name if f else None,
        "phone": _phone_text(row, labels),
        "paper_copies": row.paper.copies if row.kind == "application" else None,
        "paper_received_on": row.paper.received_on,
        "problems": problems_text(row, labels) or None,
        "files": files_text(row, labels) or None,
        "sender": row.sender,
        "subject": row.subject,
        "staff_note": staff[0],
        "staff_check": staff[1],
    }
    values = [cell_value(raw[key]) for key in COLUMN_KEYS]
    return MainLine(row_id=row.id, status=status, values=values, marks=cell_marks(row, labels), link=link)

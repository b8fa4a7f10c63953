"""The register's secondary sheets as plain tables: 统计, 纸质件, 其他邮件, 变更.

Pure: every function takes rows (and what the previous register held) and returns
`Table`s of cell values; register_xlsx lays them out. Every str is already safe for a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from shenbao.outputs.cells import cell_value
from shenbao.outputs.labels_zh import RegisterLabels
from shenbao.outputs.register_view import MainLine, files_text, row_status_key
from shenbao.record import LedgerProblem, Receipt, RegisterRow

Quotas = Mapping[str, tuple[str, int | None]]


@dataclass(frozen=True)
class Table:
    """A titled block of a sheet: optional title line, a header and data lines."""

    header: list[str]
    lines: list[list[object]]
    title: str | None = None
    number_formats: dict[int, str] = field(default_factory=dict)  # column index → format


@dataclass(frozen=True)
class PreviousLine:
    status: str | None
    copies: int | None
    staff_note: str | None
    staff_check: str | None


@dataclass(frozen=True)
class PreviousRegister:
    """What the previous register's 总表 held, by 编号; `error` when it could not be read."""

    lines: dict[str, PreviousLine] = field(default_factory=dict)
    error: str | None = None


def _safe(values: Sequence[object]) -> list[object]:
    return [cell_value(v) for v in values]


def _current_applications(rows: Iterable[RegisterRow]) -> list[RegisterRow]:
    return [r for r in rows if r.kind == "application" and not r.superseded_by]


def stats_tables(rows: Sequence[RegisterRow], quotas: Quotas, labels: RegisterLabels) -> list[Table]:
    """Per item (vs the guide's 项目数量), per applicant type, and the status/problem totals."""
    t = labels.text
    current = _current_applications(rows)
    unknown = t["not_recognised"]

    by_item: dict[str, list[RegisterRow]] = {item: [] for item in quotas}
    for row in current:
        item = (row.fields.subcategory if row.fields else None) or unknown
        by_item.setdefault(item, []).append(row)
    item_lines: list[list[object]] = []
    for item, members in by_item.items():
        quota_text, quota_number = quotas.get(item, ("", None))
        funding = sum((r.fields.funding_wan or 0.0) for r in members if r.fields)
        flagged = sum(1 for r in members if r.flagged)
        over = len(members) - quota_number if quota_number is not None and len(members) > quota_number else None
        item_lines.append(_safe([item, quota_text, len(members), round(funding, 4), flagged, over]))
    item_lines.append(_safe([
        t["stats_total"], "", len(current),
        round(sum((r.fields.funding_wan or 0.0) for r in current if r.fields), 4),
        sum(1 for r in current if r.flagged), None,
    ]))

    by_type: dict[str, list[RegisterRow]] = {}
    for row in current:
        by_type.setdefault((row.fields.applicant_type if row.fields else None) or unknown, []).append(row)
    type_lines = [
        _safe([kind, len(members), round(sum((r.fields.funding_wan or 0.0) for r in members if r.fields), 4)])
        for kind, members in sorted(by_type.items())
    ]

    late = set(labels.stats_codes["late"])
    incomplete = set(labels.stats_codes["incomplete"])
    statuses = [row_status_key(r) for r in rows]
    summary = [
        [t["stats_total_rows"], len(rows)],
        [t["stats_applications"], len(current)],
        [t["stats_late"], sum(1 for r in current if any(f.code in late for f in r.findings))],
        [t["stats_incomplete"], sum(1 for r in current if any(f.code in incomplete for f in r.findings))],
        [t["stats_needs_fix"], statuses.count("needs_fix")],
        [t["stats_review"], statuses.count("review")],
        [t["stats_paper_only"], statuses.count("paper_only")],
        [t["stats_superseded"], statuses.count("superseded")],
        [t["stats_other"], statuses.count("other")],
    ]
    return [
        Table(title=t["stats_by_item"],
              header=[t["stats_item"], t["stats_quota_text"], t["stats_count"], t["stats_funding"],
                      t["stats_flagged"], t["stats_over_quota"]],
              lines=item_lines, number_formats={3: "0.00"}),
        Table(title=t["stats_by_type"], header=[t["stats_type"], t["stats_count"], t["stats_funding"]],
              lines=type_lines, number_formats={2: "0.00"}),
        Table(title=t["stats_summary"], header=[t["stats_summary"], t["stats_count"]],
              lines=[_safe(line) for line in summary]),
    ]


def _place(rc: Receipt, labels: RegisterLabels) -> str:
    if not rc.sheet and not rc.row_number:
        return ""
    return labels.text["paper_place_fmt"].format(sheet=rc.sheet, row=rc.row_number)


def paper_tables(
    receipts: Sequence[Receipt], problems: Sequence[LedgerProblem], rows: Sequence[RegisterRow],
    labels: RegisterLabels,
) -> list[Table]:
    """Every ledger row with the register rows it matched, then the ledger's problems."""
    t = labels.text
    matched: dict[str, list[RegisterRow]] = {}
    for row in rows:
        for receipt_id in row.paper.receipt_ids:
            matched.setdefault(receipt_id, []).append(row)
    doubtful = [(r, f) for r in rows for f in r.findings if f.code == "NEEDS_REVIEW"]
    lines: list[list[object]] = []
    for rc in receipts:
        hits = matched.get(rc.receipt_id, [])
        if not hits:
            # An ambiguous match is not a match, but staff should see who it may belong to.
            token = re.compile(rf"(?<![\w-]){re.escape(rc.receipt_id)}(?![\w-])")
            maybe = [(r, f) for r, f in doubtful if rc.receipt_id and token.search(f.message)]
            if maybe:
                lines.append(_safe([
                    rc.receipt_id, rc.received_on, rc.postmarked_on, rc.applicant_org, rc.project_name,
                    rc.copies, rc.handler, rc.note, _place(rc, labels), "\n".join(r.id for r, _ in maybe),
                    t["paper_candidate"].format(ids="、".join(r.id for r, _ in maybe)),
                    "\n".join(f.message for _, f in maybe),
                ]))
                continue
        what = "\n".join(
            " / ".join(x for x in ((r.fields.applicant_org if r.fields else None) or "",
                                    (r.fields.project_name if r.fields else None) or "") if x)
            for r in hits
        )
        lines.append(_safe([
            rc.receipt_id, rc.received_on, rc.postmarked_on, rc.applicant_org, rc.project_name,
            rc.copies, rc.handler, rc.note,
            _place(rc, labels),
            "\n".join(r.id for r in hits) or None,
            what or t["paper_unmatched"],
            "\n".join(r.paper.explanation for r in hits if r.paper.explanation) or None,
        ]))
    tables = [Table(
        header=[t["paper_receipt_id"], t["paper_received_on"], t["paper_postmarked_on"], t["paper_org"],
                t["paper_project"], t["paper_copies"], t["paper_handler"], t["paper_note"], t["paper_place"],
                t["paper_matched"], t["paper_matched_what"], t["paper_explanation"]],
        lines=lines,
        number_formats={0: "@", 1: "yyyy-mm-dd", 2: "yyyy-mm-dd", 9: "@"},
    )]
    if problems:
        tables.append(Table(
            title=t["ledger_problems"],
            header=[t["paper_place"], t["ledger_problem"]],
            lines=[_safe([t["paper_place_fmt"].format(sheet=p.sheet, row=p.row_number), p.message])
                   for p in problems],
        ))
    return tables


def other_table(rows: Sequence[RegisterRow], labels: RegisterLabels) -> Table:
    t = labels.text
    c = labels.columns
    return Table(
        header=[c["id"], c["received_at"], c["sender"], c["subject"], t["other_reason"], t["other_files"]],
        lines=[_safe([r.id, r.received_at, r.sender, r.subject, r.other_reason, files_text(r, labels)])
               for r in rows if r.kind == "other"],
        number_formats={0: "@", 1: "yyyy-mm-dd hh:mm"},
    )


def change_table(
    lines: Sequence[MainLine], rows: Sequence[RegisterRow], previous: PreviousRegister | None,
    labels: RegisterLabels,
) -> Table:
    """New rows, status changes and new paper copies since the previous register; staff
    notes of 编号 that vanished are copied here so they are never lost."""
    t = labels.text
    c = labels.columns
    header = [c["id"], t["changes_kind"], t["changes_old"], t["changes_new"], t["changes_note"]]
    if previous is None:
        return Table(header=header, lines=[_safe([None, None, None, None, t["change_first_run"]])])
    if previous.error is not None:
        note = t["change_previous_unreadable"].format(reason=previous.error)
        return Table(header=header, lines=[_safe([None, None, None, None, note])])
    by_id = {r.id: r for r in rows}
    out: list[list[object]] = []
    for line in lines:
        row = by_id[line.row_id]
        status_text = labels.status[line.status]
        before = previous.lines.get(line.row_id)
        if before is None:
            what = " / ".join(x for x in ((row.fields.applicant_org if row.fields else None) or "",
                                           (row.fields.project_name if row.fields else None) or row.subject or "") if x)
            out.append(_safe([row.id, t["change_new_row"], None, status_text, what]))
            continue
        if before.status != status_text:
            out.append(_safe([row.id, t["change_status"], before.status, status_text, None]))
        if row.kind == "application" and row.paper.copies > (before.copies or 0):
            out.append(_safe([
                row.id, t["change_paper"], t["copies_fmt"].format(n=before.copies or 0),
                t["copies_fmt"].format(n=row.paper.copies), ", ".join(row.paper.receipt_ids),
            ]))
    current = set(by_id)
    for row_id, before in previous.lines.items():
        if row_id in current:
            continue
        note = " / ".join(x for x in (before.staff_note or "", before.staff_check or "") if x)
        out.append(_safe([row_id, t["change_gone"], before.status, None,
                          t["change_gone_note"].format(note=note) if note else None]))
    return Table(header=header, lines=out, number_formats={0: "@"})

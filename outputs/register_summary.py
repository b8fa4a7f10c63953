"""The register's secondary sheets as plain tables: 统计, 纸质件, 其他邮件, 变更.

Pure: every function takes rows (and what the previous register held) and returns
`Table`s of cell values; register_xlsx lays them out. Every str is already safe for a cell.
The 纸质件 sheet is the one place that shows a paper pairing's figures (outputs.paper_words),
in a column of their own beside the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from shenbao.outputs.cells import cell_value
from shenbao.outputs.labels_zh import STATUS_KEYS, RegisterLabels, StatusKey
from shenbao.outputs.paper_words import paper_figures, paper_words
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


def _funding(rows: Iterable[RegisterRow]) -> float:
    return round(sum((r.fields.funding_wan or 0.0) for r in rows if r.fields), 4)


def stats_tables(rows: Sequence[RegisterRow], quotas: Quotas, labels: RegisterLabels, *,
                 now: datetime | None = None, deadline: datetime | None = None) -> list[Table]:
    """Per item, the electronic applications and how many of them can still be accepted (not
    refused: paper-only and superseded rows are not applications to count) against the
    guide's 项目数量; per applicant type the acceptable ones; the totals; the rows of every
    status. `now` and `deadline` decide the statuses as on 总表."""
    t = labels.text
    status = {r.id: row_status_key(r, now=now, deadline=deadline) for r in rows}
    current = _current_applications(rows)
    # A paper-only row is a receipt waiting for its email: when the email comes it is paired
    # with it, so counting the receipt too would count one application twice.
    electronic = [r for r in current if r.electronic]
    acceptable = [r for r in electronic if status[r.id] != "refused"]
    unknown = t["not_recognised"]

    by_item: dict[str, list[RegisterRow]] = {item: [] for item in quotas}
    for row in electronic:
        item = (row.fields.subcategory if row.fields else None) or unknown
        by_item.setdefault(item, []).append(row)
    item_lines: list[list[object]] = []
    for item, members in by_item.items():
        quota_text, quota_number = quotas.get(item, ("", None))
        fine = [r for r in members if status[r.id] != "refused"]
        item_lines.append(_safe(_item_line(item, quota_text, quota_number, members, fine, status)))
    item_lines.append(_safe(_item_line(t["stats_total"], "", None, electronic, acceptable, status)))

    by_type: dict[str, list[RegisterRow]] = {}
    for row in acceptable:
        by_type.setdefault((row.fields.applicant_type if row.fields else None) or unknown, []).append(row)
    type_lines = [_safe([kind, len(members), _funding(members)]) for kind, members in sorted(by_type.items())]

    late = set(labels.stats_codes["late"])
    incomplete = set(labels.stats_codes["incomplete"])
    counted = list(status.values())
    summary: list[list[object]] = [
        [t["stats_total_rows"], len(rows)],
        [t["stats_applications"], len(electronic)],
        [t["stats_acceptable_total"], len(acceptable)],
        [t["stats_late"], sum(1 for r in current if any(f.code in late for f in r.findings))],
        [t["stats_incomplete"], sum(1 for r in current if any(f.code in incomplete for f in r.findings))],
    ]
    by_status = [[labels.status[key], counted.count(key)] for key in STATUS_KEYS]
    return [
        Table(title=t["stats_by_item"],
              header=[t["stats_item"], t["stats_quota_text"], t["stats_count"], t["stats_refused"],
                      t["stats_acceptable"], t["stats_fixable"], t["stats_review"], t["stats_funding"],
                      t["stats_over_quota"]],
              lines=item_lines, number_formats={7: "0.00"}),
        Table(title=t["stats_by_type"], header=[t["stats_type"], t["stats_acceptable"], t["stats_funding"]],
              lines=type_lines, number_formats={2: "0.00"}),
        Table(title=t["stats_summary"], header=[t["stats_item"], t["stats_number"]],
              lines=[_safe(line) for line in summary]),
        Table(title=t["stats_by_status"], header=[t["stats_status"], t["stats_rows"]],
              lines=[_safe(line) for line in by_status]),
    ]


def _item_line(item: str, quota_text: str, quota: int | None, members: Sequence[RegisterRow],
               acceptable: Sequence[RegisterRow], status: Mapping[str, StatusKey]) -> list[object]:
    """项目, 指南项目数量, 申报数, 其中不予受理, 可受理数, 其中可补正, 其中需人工核对,
    可受理申请经费, and by how many the acceptable applications exceed the quota (else empty)."""
    over = len(acceptable) - quota if quota is not None and len(acceptable) > quota else None
    return [item, quota_text, len(members), len(members) - len(acceptable), len(acceptable),
            sum(1 for r in acceptable if status[r.id] == "fixable"),
            sum(1 for r in acceptable if status[r.id] == "review"),
            _funding(acceptable), over]


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
                    "\n".join(paper_figures(f.evidence or "") for _, f in maybe) or None,
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
            "\n".join(paper_words(r.paper.explanation) for r in hits if r.paper.explanation) or None,
            "\n".join(f for f in (paper_figures(r.paper.explanation) for r in hits) if f) or None,
        ]))
    tables = [Table(
        header=[t["paper_receipt_id"], t["paper_received_on"], t["paper_postmarked_on"], t["paper_org"],
                t["paper_project"], t["paper_copies"], t["paper_handler"], t["paper_note"], t["paper_place"],
                t["paper_matched"], t["paper_matched_what"], t["paper_explanation"], t["paper_figures"]],
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
    return Table(header=header, lines=_change_lines(lines, rows, previous, labels), number_formats={0: "@"})


def change_tables(
    lines: Sequence[MainLine], rows: Sequence[RegisterRow], previous: PreviousRegister | None,
    labels: RegisterLabels, *, daily: tuple[date, PreviousRegister] | None = None,
) -> list[Table]:
    """The 变更 sheet: the changes since the previous register (`change_table`), then, when
    `daily` gives (its day, what it held) of the newest daily copy from an earlier day, the
    changes since that copy under a title naming the day: with a poll every few minutes the
    last write shows almost nothing of the night."""
    tables = [change_table(lines, rows, previous, labels)]
    if daily is not None:
        day, held = daily
        t = labels.text
        since = change_table(lines, rows, held, labels)
        tables.append(Table(header=since.header, lines=since.lines, number_formats=since.number_formats,
                            title=t["changes_since_day"].format(day=day.isoformat())))
    return tables


def _change_lines(
    lines: Sequence[MainLine], rows: Sequence[RegisterRow], previous: PreviousRegister, labels: RegisterLabels,
) -> list[list[object]]:
    t = labels.text
    if previous.error is not None:
        note = t["change_previous_unreadable"].format(reason=previous.error)
        return [_safe([None, None, None, None, note])]
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
    return out

"""The 核对 sheet's lines: one per flagged value, with where it was read and what staff said.

Pure: rows, the pictures already made and the previous register's staff columns in;
`CheckLine`s out. register_xlsx lays them out; shenbao.register_files makes the pictures
`shots_wanted` (pages of PDFs and images: `ShotKey`) and `word_shots_wanted` (values found in
a Word file printed to PDF: `WordShotKey`) ask for.

Contract:
- a flagged value is a field of a current application (not superseded, received
  electronically) that at least one finding names (`Finding.field`): NEEDS_REVIEW,
  MISSING_FIELD, FUNDING_OUT_OF_RANGE…; one line per (row, field), all its findings together;
- staff columns 核对结果 and 更正值 come from `staff` by (编号, field name) — staff's word kept
  in the store (shenbao.staff_input); without it, from the previous sheet by (编号, 字段 as
  shown). A line with staff input whose value is no longer flagged (a correction cleared the
  finding, or the 编号 is gone) is kept, marked, with what it said then, so that a correction
  typed by staff is never dropped;
- 读取值 is what was read from the file: for a corrected field (`corrections`, already put into
  the row's fields) the reading, never the correction; a 更正值 that could not be understood
  as the field's value says so in 问题;
- every str is already safe for a cell (cells.cell_value).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from shenbao.outputs.cells import cell_value
from shenbao.outputs.export_jsonl import id_sort_key
from shenbao.outputs.labels_zh import RegisterLabels
from shenbao.record import RENDERABLE_KINDS, WORD_KINDS, Box, Evidence, Fields, Finding, RegisterRow
from shenbao.staff_input import Correction, FieldValue

# One picture: (sha256 of the file, 1-based page, box on that page).
ShotKey = tuple[str, int, Box]
# One picture of a value in a Word file (printed to PDF to find it): (sha256, label, value text).
WordShotKey = tuple[str, str, str]
# (编号, 字段 as shown): the key of a previous sheet's lines.
CheckKey = tuple[str, str]
# (编号, field name) → (核对结果, 更正值): staff's word on the 核对 sheet.
StaffChecks = Mapping[tuple[str, str], tuple[str | None, str | None]]
# Said in 问题 when staff's 更正值 does not read as the field's value (an amount, a date).
# Words staff read belong in config/register.toml [check]; here until that file takes it.
NOT_UNDERSTOOD = "【更正值无法识别为该项的值，未采用，仍按读取值检查】"


@dataclass(frozen=True)
class FlaggedValue:
    row: RegisterRow
    field: str
    findings: tuple[Finding, ...]
    evidence: Evidence | None
    kind: str  # the evidence file's kind (FileRef.kind), "unknown" when the row does not list it


@dataclass(frozen=True)
class PreviousCheck:
    """A line of the previous register's 核对 sheet: staff input and what the line said."""

    result: str | None
    correction: str | None
    org: str | None = None
    value: str | None = None
    problem: str | None = None
    place: str | None = None

    @property
    def has_staff_input(self) -> bool:
        return bool(self.result or self.correction)


@dataclass(frozen=True)
class CheckLine:
    row_id: str
    org: str
    field: str  # the Chinese field name (the key staff columns are kept by)
    value: str
    problem: str
    place: str
    picture: Path | None  # the PNG of the place it was read, when there is one
    note: str  # in the picture column when there is no picture: why, and the text seen
    result: str | None
    correction: str | None


def _is_current_application(row: RegisterRow) -> bool:
    return row.kind == "application" and row.electronic and not row.superseded_by


def flagged_values(rows: Iterable[RegisterRow]) -> list[FlaggedValue]:
    """Every flagged value of `rows` (see the module contract), rows in 编号 order, fields in
    the order of their first finding."""
    out: list[FlaggedValue] = []
    for row in sorted(rows, key=lambda r: id_sort_key(r.id)):
        if not _is_current_application(row):
            continue
        by_field: dict[str, list[Finding]] = {}
        for finding in row.findings:
            # Form values only: the paper block ("paper") is settled in the ledger, where staff
            # write 对应/非 for a doubtful pairing, not by a value typed here.
            if finding.field and finding.field in Fields.model_fields:
                by_field.setdefault(finding.field, []).append(finding)
        kinds = {ref.sha256: ref.kind for ref in row.files}
        for name, findings in by_field.items():
            evidence = row.evidence.get(name)
            kind = kinds.get(evidence.sha256, "unknown") if evidence is not None else "unknown"
            out.append(FlaggedValue(row=row, field=name, findings=tuple(findings), evidence=evidence, kind=kind))
    return out


def shot_key(value: FlaggedValue) -> ShotKey | None:
    """The picture a flagged value needs, or None when its place cannot be rendered (no
    evidence, a Word file, no page or box recorded)."""
    ev = value.evidence
    if ev is None or not ev.sha256 or ev.box is None or value.kind in WORD_KINDS:
        return None
    if value.kind not in RENDERABLE_KINDS and value.kind != "unknown":
        return None
    page = ev.page if ev.page is not None else (1 if value.kind == "image" else None)
    return None if page is None else (ev.sha256, page, ev.box)


def word_shot_key(value: FlaggedValue) -> WordShotKey | None:
    """The picture of a flagged value read from a Word file: its label and the longest line of
    its value as the reader saw them (Evidence.text is "label：value"), or None when too short
    to be found for sure."""
    ev = value.evidence
    if ev is None or not ev.sha256 or value.kind not in WORD_KINDS:
        return None
    label, _, text = ev.text.partition("：") if "：" in ev.text else ("", "", ev.text)
    needle = max((line.strip() for line in text.splitlines()), key=len, default="")
    return (ev.sha256, label.strip(), needle) if len(needle) >= 2 else None


def shots_wanted(rows: Iterable[RegisterRow]) -> dict[ShotKey, str]:
    """Every page picture the 核对 sheet of `rows` shows → the kind of its file."""
    return {key: value.kind for value in flagged_values(rows) if (key := shot_key(value)) is not None}


def word_shots_wanted(rows: Iterable[RegisterRow]) -> dict[WordShotKey, str]:
    """Every Word-file picture the 核对 sheet of `rows` shows → the kind of its file."""
    return {key: value.kind for value in flagged_values(rows) if (key := word_shot_key(value)) is not None}


def _value_text(value: FieldValue, missing: str) -> str:
    if value is None or value == () or value == "":
        return missing
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _read_value(row: RegisterRow, field: str, corrections: Mapping[str, Mapping[str, Correction]]) -> FieldValue:
    """The value as read from the file: a correction's reading, else the row's value."""
    done = corrections.get(row.id, {}).get(field)
    if done is not None:
        return done.read
    value = getattr(row.fields, field, None) if row.fields is not None else None
    return value if isinstance(value, (str, float, tuple)) else None


def _problem_text(value: FlaggedValue, labels: RegisterLabels) -> str:
    words = labels.check
    lines = [f"{labels.finding_name(f.code)}：{f.message}" for f in value.findings]
    ev = value.evidence
    if ev is not None and ev.confidence < 1.0:
        lines.append(words["confidence"].format(p=f"{ev.confidence:.0%}"))
    return "\n".join(lines)


def _place_text(ev: Evidence | None) -> str:
    return "" if ev is None else "\n".join(part for part in (ev.file, ev.where) if part)


def _note(value: FlaggedValue, key: ShotKey | WordShotKey | None, shot: Path | str | None,
          words: Mapping[str, str]) -> str:
    """Why there is no picture, with the text that was seen."""
    ev = value.evidence
    if ev is None:
        return words["no_evidence"]
    if isinstance(shot, str):
        reason = shot
    elif value.kind in WORD_KINDS:
        reason = words["word_file"]
    elif key is not None:
        reason = words["not_rendered"]
    else:
        reason = words["no_place"]
    return words["note"].format(reason=reason, text=ev.text) if ev.text else reason


def _marked(problem: str, mark: str) -> str:
    # Marked once: the line may be carried over many rewrites.
    return problem if problem.startswith(mark) else str(cell_value(f"{mark}\n{problem}".rstrip("\n")))


def check_lines(rows: Sequence[RegisterRow], labels: RegisterLabels,
                shots: Mapping[ShotKey | WordShotKey, Path | str],
                previous: Mapping[CheckKey, PreviousCheck], *,
                staff: StaffChecks | None = None,
                corrections: Mapping[str, Mapping[str, Correction]] | None = None) -> list[CheckLine]:
    """The 核对 sheet for `rows` (see the module contract). `shots` maps a picture to its PNG
    file, or to the Chinese reason there is none; `previous` is what the previous sheet's lines
    said; `corrections` are by 编号, then field name."""
    words = labels.check
    names = {label: name for name, label in labels.field.items()}
    if staff is None:
        staff = {(row_id, names.get(label, label)): (kept.result, kept.correction)
                 for (row_id, label), kept in previous.items() if kept.has_staff_input}
    done = corrections or {}
    by_id = {row.id: row for row in rows}
    lines: list[CheckLine] = []
    seen: set[tuple[str, str]] = set()
    for value in flagged_values(rows):
        label = labels.field_name(value.field)
        key: ShotKey | WordShotKey | None = shot_key(value) or word_shot_key(value)
        shot = shots.get(key) if key is not None else None
        result, correction = staff.get((value.row.id, value.field), (None, None))
        seen.add((value.row.id, value.field))
        org = (value.row.fields.applicant_org if value.row.fields else None) or ""
        lines.append(CheckLine(
            row_id=value.row.id, org=str(cell_value(org)), field=str(cell_value(label)),
            value=str(cell_value(_value_text(_read_value(value.row, value.field, done), words["no_value"]))),
            problem=str(cell_value(_not_understood(_problem_text(value, labels), done, value.row.id, value.field))),
            place=str(cell_value(_place_text(value.evidence))),
            picture=shot if isinstance(shot, Path) else None,
            note="" if isinstance(shot, Path) else str(cell_value(_note(value, key, shot, words))),
            result=result, correction=correction,
        ))
    for (row_id, name), (result, correction) in staff.items():
        if (row_id, name) in seen or not (result or correction):
            continue
        label = labels.field_name(name)
        kept = previous.get((row_id, label))
        row = by_id.get(row_id)
        unit = (row.fields.applicant_org if row is not None and row.fields else None) or (kept.org if kept else None)
        read = _value_text(_read_value(row, name, done), words["no_value"]) if row is not None else None
        problem = _not_understood((kept.problem if kept else None) or "", done, row_id, name)
        lines.append(CheckLine(
            row_id=row_id, org=str(cell_value(unit or "")), field=str(cell_value(label)),
            value=str(cell_value(read if read is not None else (kept.value if kept else "") or "")),
            problem=_marked(str(cell_value(problem or "")), words["no_longer_flagged"]),
            place=(kept.place if kept else "") or "", picture=None, note="", result=result, correction=correction,
        ))
    lines.sort(key=lambda line: id_sort_key(line.row_id))  # stable: fields stay in order within a row
    return lines


def _not_understood(problem: str, corrections: Mapping[str, Mapping[str, Correction]], row_id: str,
                    field: str) -> str:
    done = corrections.get(row_id, {}).get(field)
    if done is None or done.applied or NOT_UNDERSTOOD in problem:
        return problem
    return f"{NOT_UNDERSTOOD}\n{problem}".rstrip("\n")

"""Score a register export against a labelled folder's truth rows, as pure functions.

    report = score(export_rows, truth_rows)
    print("\\n".join(report_lines(report, show_wrong=20)))

Rows are JSON objects in the keys of docs/register-contract.md. A truth row may also carry
`unscored` (top keys, `fields`, `paper`, a field name or `paper.<key>` left out of the field
count), `tolerated` (finding codes that are neither required nor an error when present;
`MISSING_FIELD:*` covers every field), `tags` (`format`, `layout`, `quirks`, …, for breakdowns)
and `truth_id`.

The figures follow the labelled folders' own score.py, so the two agree on the same export:
- rows pair by message id (several applications in one email: by project name), paper-only
  rows by their receipt ids, then by unit and project name;
- field accuracy counts every scored field of every truth row, a missed row's as wrong; values
  are compared after NFKC, quote/dash folding and removing white space, phones as digits,
  e-mails lower-cased, amounts as numbers, times as instants, lists as sorted sets;
- finding codes are scored per row as a set (MISSING_FIELD per field), NEEDS_REVIEW left out
  (it is measured on its own), and an unmatched export row's codes are all false positives;
- score = (field accuracy + micro F1 of finding codes) / 2.

Added here (issue 14): wrong values nobody is told about. On a matched row, a scored field whose
exported value is wrong is *unflagged on its row* when the export row carries no finding at all,
and *unflagged at its field* when no finding on the row names that field (`findings[].field`,
which the export keeps). Also: rows flagged for a person (an error or NEEDS_REVIEW), and how many
NEEDS_REVIEW flags a scanned form gets.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from shenbao.record import FIELD_NAMES

Row = Mapping[str, Any]

TOP_FIELDS = ("kind", "electronic", "received_at", "sender", "subject")
PAPER_FIELDS = ("copies", "receipt_ids", "received_on", "postmarked_on")
FIELD_ORDER = (*TOP_FIELDS, *FIELD_NAMES, *(f"paper.{k}" for k in PAPER_FIELDS))
REVIEW = "NEEDS_REVIEW"
# A tag value naming one of these is a form read from pixels (the sample says `scan_pdf`).
SCAN_WORDS = ("scan", "photo", "camera", "fax", "jpg", "jpeg", "png", "tif", "heic", "image_pdf")

# Typographic variants a clerk would not call a different value.
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "＂": '"', "「": '"', "」": '"', "『": '"',
                       "』": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'", "＇": "'", "—": "-", "–": "-",
                       "－": "-", "‐": "-", "‑": "-", "～": "~", "〜": "~"})
_SPACE_RE = re.compile(r"\s+")
_LIST_SPLIT_RE = re.compile(r"[、,，;；]")
_NON_DIGIT_RE = re.compile(r"\D")
_ANGLED_RE = re.compile(r"<([^>]+)>")


# ---------------------------------------------------------------------------- normalising

def text_key(v: Any) -> Any:
    """A value as text a clerk would consider the same: NFKC, folded quotes, no white space."""
    if v is None:
        return None
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        v = str(v)
    elif not isinstance(v, str):
        v = json.dumps(v, ensure_ascii=False, sort_keys=True)
    folded = _SPACE_RE.sub("", unicodedata.normalize("NFKC", v).translate(_FOLD))
    return folded or None


def phone_key(v: Any) -> Any:
    if v is None:
        return None
    return _NON_DIGIT_RE.sub("", unicodedata.normalize("NFKC", str(v))) or None


def email_key(v: Any) -> Any:
    if v is None:
        return None
    s = unicodedata.normalize("NFKC", str(v)).strip().lower()
    angled = _ANGLED_RE.search(s)
    if angled:
        s = angled.group(1)
    return s.strip().strip("<>") or None


def number_key(v: Any) -> Any:
    if v is None or v == "":
        return None
    try:
        return round(float(v), 6)
    except (TypeError, ValueError):
        return ("text", text_key(v))


def instant_key(v: Any) -> Any:
    """An ISO time as seconds since the epoch, so +08:00 and Z spellings of one instant agree."""
    if not v:
        return None
    try:
        when = datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    except ValueError:
        return ("text", str(v))
    return int(when.timestamp()) if when.tzinfo else ("naive", when.isoformat())


def list_key(v: Any) -> Any:
    if v is None:
        return []
    items = [x for x in _LIST_SPLIT_RE.split(v) if x.strip()] if isinstance(v, str) else v
    return sorted(k for k in map(text_key, items) if k)


def bool_key(v: Any) -> Any:
    if v is None or isinstance(v, bool):
        return v
    return str(v).lower() in ("true", "1", "yes")


def date_key(v: Any) -> Any:
    return text_key(v if v is None or isinstance(v, str) else str(v))


def copies_key(v: Any) -> Any:
    return number_key(v or 0)  # no paper copy logged: 0 and null mean the same


def message_id_key(v: Any) -> str | None:
    if not v:
        return None
    s = str(v).strip()
    if s.startswith("<") and s.endswith(">"):
        s = s[1:-1]
    return s.strip().lower() or None


_KEYS: dict[str, Callable[[Any], Any]] = {
    "electronic": bool_key, "received_at": instant_key, "sender": email_key,
    "leader_phone": phone_key, "contact_phone": phone_key, "contact_email": email_key,
    "funding_wan": number_key, "partner_orgs": list_key, "start_date": date_key, "end_date": date_key,
    "paper.copies": copies_key, "paper.receipt_ids": list_key,
    "paper.received_on": date_key, "paper.postmarked_on": date_key,
}


def same_value(label: str, truth: Any, export: Any) -> bool:
    """Whether an exported value equals the truth for field `label` (`kind`, `funding_wan`, `paper.copies`)."""
    key = _KEYS.get(label, text_key)
    return bool(key(truth) == key(export))


# ---------------------------------------------------------------------------- reading rows

def field_value(row: Row | None, label: str) -> Any:
    """The value under `label`: a top key, a form field, or `paper.<key>`; None where absent."""
    if row is None:
        return None
    if label in TOP_FIELDS:
        return row.get(label)
    block, name = label.split(".", 1) if label.startswith("paper.") else ("fields", label)
    sub = row.get(block)
    return sub.get(name) if isinstance(sub, dict) else None


def scored_labels(truth: Row) -> list[str]:
    """The fields of a truth row that count: all it states, less `unscored`; sender and subject
    not on a paper-only row."""
    unscored = set(truth.get("unscored") or [])
    electronic = truth.get("electronic", True)
    labels = [k for k in TOP_FIELDS if k not in unscored and (electronic or k not in ("sender", "subject"))]
    fields, paper = truth.get("fields"), truth.get("paper")
    if isinstance(fields, dict) and "fields" not in unscored:
        labels += [k for k in FIELD_NAMES if k in fields and k not in unscored]
    if isinstance(paper, dict) and "paper" not in unscored:
        labels += [f"paper.{k}" for k in PAPER_FIELDS if k in paper and f"paper.{k}" not in unscored]
    return labels


def _findings(row: Row | None) -> list[Mapping[str, Any]]:
    """A row's findings as dicts (a bare code string is accepted, as the folders' scorer does)."""
    if row is None:
        return []
    return [{"code": f} if isinstance(f, str) else f for f in row.get("findings") or [] if f]


def finding_keys(row: Row | None) -> set[str]:
    """The codes a row is scored on: one per code, MISSING_FIELD once per field, no NEEDS_REVIEW."""
    keys = set()
    for f in _findings(row):
        code = f.get("code")
        if not code or code == REVIEW:
            continue
        keys.add(f"MISSING_FIELD:{f.get('field') or '?'}" if code == "MISSING_FIELD" else code)
    return keys


def is_tolerated(key: str, tolerated: Iterable[str]) -> bool:
    wildcard = key.startswith("MISSING_FIELD:")
    return any(t == key or (wildcard and t in ("MISSING_FIELD", "MISSING_FIELD:*")) for t in tolerated)


# A field read from the same answer as another: category is the guide's group of the item the
# form ticks (one answer, 项目类别), so a finding on subcategory names both.
_SAME_ANSWER = {"category": "subcategory"}


# Findings that say no form was read on the row at all: every form field is named by them (the
# register shows the row as unread, so an empty field there states nothing). Paper keys are not.
_WHOLE_FORM_CODES = frozenset({"NO_FORM", "UNREADABLE_FILE", "ELECTRONIC_MISSING"})


def fields_named(row: Row | None, label: str) -> list[str]:
    """Codes of the findings on a row that name field `label` (`paper.copies` also as `copies` or
    as the whole block `paper`,
    category also as subcategory; a whole-form finding without a field names every form field)."""
    names = {label, label.removeprefix("paper.")} | ({_SAME_ANSWER[label]} if label in _SAME_ANSWER else set())
    if label.startswith("paper."):
        names.add("paper")  # a finding on the whole paper block (a doubtful pairing) names each of its keys
    whole = not label.startswith("paper.")
    return sorted(str(f.get("code")) for f in _findings(row)
                  if f.get("field") in names or (whole and not f.get("field") and f.get("code") in _WHOLE_FORM_CODES))


def review_count(row: Row | None) -> int:
    return sum(1 for f in _findings(row) if f.get("code") == REVIEW)


def flagged(row: Row) -> bool:
    """A row a person is asked to act on: an error, or a value the system doubts."""
    return any(f.get("severity") == "error" or f.get("code") == REVIEW for f in _findings(row))


def scan_tags(truth: Row) -> list[str]:
    """The `format`/`quirks` tag values saying the form was read from pixels, as `key=value`."""
    tags = truth.get("tags") or {}
    quirks = tags.get("quirks") or []
    values = [("format", tags.get("format"))]
    values += [("quirks", q) for q in ([quirks] if isinstance(quirks, str) else quirks)]
    return [f"{k}={v}" for k, v in values if isinstance(v, str) and any(w in v.lower() for w in SCAN_WORDS)]


# ---------------------------------------------------------------------------- pairing rows

def _likeness(a: Any, b: Any) -> float:
    ka, kb = text_key(a) or "", text_key(b) or ""
    if not ka and not kb:
        return 0.5
    if not ka or not kb:
        return 0.0
    return SequenceMatcher(None, ka, kb).ratio()


def _greedy(candidates: list[tuple[float, int, int]], pairs: dict[int, int]) -> None:
    """Best-first pairing: the likeliest (truth, export) pair first; ties to the earlier rows."""
    taken = set(pairs.values())
    for _, t, e in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if t not in pairs and e not in taken:
            pairs[t] = e
            taken.add(e)


def pair_rows(export: Sequence[Row], truth: Sequence[Row]) -> dict[int, int]:
    """truth index → export index. Emailed rows by message id; paper-only rows by shared receipt
    ids, else a unit and project name alike (≥ 0.6)."""
    pairs: dict[int, int] = {}
    emailed: dict[str, list[int]] = defaultdict(list)
    for e, row in enumerate(export):
        mid = message_id_key(row.get("message_id"))
        if mid and row.get("electronic", True) is not False:
            emailed[mid].append(e)
    by_mid: dict[str, list[int]] = defaultdict(list)
    for t, row in enumerate(truth):
        mid = message_id_key(row.get("message_id"))
        if mid:
            by_mid[mid].append(t)
    for mid, ts in by_mid.items():
        candidates = []
        for t in ts:
            for e in emailed.get(mid, []):
                same_kind = (truth[t].get("kind") == "other") == (export[e].get("kind") == "other")
                likeness = _likeness(field_value(truth[t], "project_name"), field_value(export[e], "project_name"))
                candidates.append((likeness + 0.25 * same_kind, t, e))
        _greedy(candidates, pairs)
    used = set(pairs.values())
    paper_export = [e for e, row in enumerate(export) if e not in used and not message_id_key(row.get("message_id"))]
    candidates = []
    for t, row in enumerate(truth):
        if message_id_key(row.get("message_id")):
            continue
        t_ids = set(map(text_key, field_value(row, "paper.receipt_ids") or []))
        for e in paper_export:
            e_ids = set(map(text_key, field_value(export[e], "paper.receipt_ids") or []))
            overlap = len(t_ids & e_ids) / len(t_ids | e_ids) if t_ids | e_ids else 0.0
            names = (_likeness(field_value(row, "applicant_org"), field_value(export[e], "applicant_org"))
                     + _likeness(field_value(row, "project_name"), field_value(export[e], "project_name"))) / 2
            if overlap > 0 or names >= 0.6:
                candidates.append((2 * overlap + names, t, e))
    _greedy(candidates, pairs)
    return pairs


# ---------------------------------------------------------------------------- the report

@dataclass
class Tally:
    n: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 1.0


@dataclass
class CodeTally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class WrongValue:
    """A scored field whose exported value differs from the truth, on a matched row."""

    truth_id: str
    export_id: str
    field: str
    truth: Any
    export: Any
    row_findings: tuple[str, ...]  # every code on the export row
    field_findings: tuple[str, ...]  # the codes of findings naming this field

    @property
    def unflagged_row(self) -> bool:
        return not self.row_findings

    @property
    def unflagged_field(self) -> bool:
        return not self.field_findings


@dataclass(frozen=True)
class CodeMiss:
    truth_id: str
    export_id: str
    missing: tuple[str, ...]
    extra: tuple[str, ...]


@dataclass
class Report:
    truth_rows: int = 0
    export_rows: int = 0
    matched: int = 0
    missed: list[str] = field(default_factory=list)  # truth ids with no export row
    extra: list[str] = field(default_factory=list)  # export ids with no truth row
    per_field: dict[str, Tally] = field(default_factory=dict)
    per_code: dict[str, CodeTally] = field(default_factory=dict)
    wrong: list[WrongValue] = field(default_factory=list)
    code_misses: list[CodeMiss] = field(default_factory=list)
    flagged_rows: int = 0
    review_rows: int = 0
    scan_reviews: list[int] = field(default_factory=list)  # NEEDS_REVIEW count per matched scanned form
    scan_tag_values: list[str] = field(default_factory=list)
    by_format: dict[str, Tally] = field(default_factory=dict)
    by_layout: dict[str, Tally] = field(default_factory=dict)
    superseded: Counter[str] = field(default_factory=Counter)

    @property
    def fields(self) -> Tally:
        return Tally(sum(t.n for t in self.per_field.values()), sum(t.correct for t in self.per_field.values()))

    @property
    def field_accuracy(self) -> float:
        return self.fields.accuracy

    @property
    def codes(self) -> CodeTally:
        """Micro totals over every code."""
        tallies = self.per_code.values()
        return CodeTally(sum(c.tp for c in tallies), sum(c.fp for c in tallies), sum(c.fn for c in tallies))

    @property
    def score(self) -> float:
        return (self.field_accuracy + self.codes.f1) / 2

    @property
    def unflagged_row_level(self) -> list[WrongValue]:
        return [w for w in self.wrong if w.unflagged_row]

    @property
    def unflagged_field_level(self) -> list[WrongValue]:
        return [w for w in self.wrong if w.unflagged_field]


def _row_id(row: Row, index: int, prefix: str) -> str:
    key = row.get("truth_id" if prefix == "truth" else "id")
    return str(key) if key is not None else f"{prefix}#{index + 1}"


def _score_fields(report: Report, truth: Row, export: Row | None, t_id: str, e_id: str) -> None:
    tags = truth.get("tags") or {}
    breakdowns = [(report.by_format, tags.get("format")), (report.by_layout, tags.get("layout"))]
    row_codes = tuple(sorted(str(f.get("code")) for f in _findings(export)))
    for label in scored_labels(truth):
        t_value, e_value = field_value(truth, label), field_value(export, label)
        ok = export is not None and same_value(label, t_value, e_value)
        for tally in [report.per_field.setdefault(label, Tally())] + [
                table.setdefault(str(tag), Tally()) for table, tag in breakdowns if tag]:
            tally.n += 1
            tally.correct += ok
        if not ok and export is not None:
            report.wrong.append(WrongValue(t_id, e_id, label, t_value, e_value, row_codes,
                                           tuple(fields_named(export, label))))


def _score_codes(report: Report, truth: Row, export: Row | None, t_id: str, e_id: str) -> None:
    required, found = finding_keys(truth), finding_keys(export)
    tolerated = truth.get("tolerated") or []
    missing = required - found
    extra = {k for k in found - required if not is_tolerated(k, tolerated)}
    for keys, slot in ((required & found, "tp"), (extra, "fp"), (missing, "fn")):
        for k in keys:
            tally = report.per_code.setdefault(k.split(":", 1)[0], CodeTally())
            setattr(tally, slot, getattr(tally, slot) + 1)
    if missing or extra:
        report.code_misses.append(CodeMiss(t_id, e_id, tuple(sorted(missing)), tuple(sorted(extra))))


def _score_superseded(report: Report, truth: Row, export: Row | None, later_of: Callable[[Any], Any]) -> None:
    expected = message_id_key(truth.get("superseded_by"))
    got = later_of(export.get("superseded_by")) if export is not None else None
    if expected:
        report.superseded["expected"] += 1
        report.superseded["correct" if got == expected else "missed" if got is None else "wrong_target"] += 1
    elif got is not None:
        report.superseded["spurious"] += 1


def score(export_rows: Sequence[Row], truth_rows: Sequence[Row]) -> Report:
    """Compare an export with the truth; every figure is in the returned Report."""
    pairs = pair_rows(export_rows, truth_rows)
    report = Report(truth_rows=len(truth_rows), export_rows=len(export_rows), matched=len(pairs))
    mid_of_id = {str(r["id"]): message_id_key(r.get("message_id")) for r in export_rows if r.get("id") is not None}

    def later_of(v: Any) -> Any:
        """`superseded_by` names a register id in the export and a message id in the truth."""
        if v is None or v == "":
            return None
        if str(v) not in mid_of_id:
            return message_id_key(v)
        return mid_of_id[str(v)] or ("id", str(v))

    seen_scan_tags: set[str] = set()
    for t, truth in enumerate(truth_rows):
        e = pairs.get(t)
        export = export_rows[e] if e is not None else None
        t_id = _row_id(truth, t, "truth")
        e_id = _row_id(export, e, "export") if export is not None and e is not None else ""
        if export is None:
            report.missed.append(t_id)
        _score_fields(report, truth, export, t_id, e_id)
        _score_codes(report, truth, export, t_id, e_id)
        _score_superseded(report, truth, export, later_of)
        scanned = scan_tags(truth)
        if scanned and export is not None:
            seen_scan_tags.update(scanned)
            report.scan_reviews.append(review_count(export))
    used = set(pairs.values())
    for e, export in enumerate(export_rows):
        report.flagged_rows += flagged(export)
        report.review_rows += review_count(export) > 0
        if e in used:
            continue
        report.extra.append(_row_id(export, e, "export"))
        for k in finding_keys(export):
            report.per_code.setdefault(k.split(":", 1)[0], CodeTally()).fp += 1
        if later_of(export.get("superseded_by")) is not None:
            report.superseded["spurious"] += 1
    report.scan_tag_values = sorted(seen_scan_tags)
    report.per_field = dict(sorted(report.per_field.items(), key=lambda kv: FIELD_ORDER.index(kv[0])))
    report.per_code = dict(sorted(report.per_code.items()))
    return report


# ---------------------------------------------------------------------------- printing

def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2%}" if whole else "-"


def _show(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False)


def report_lines(report: Report, show_wrong: int = 0) -> list[str]:
    """The report as text: rows, fields, codes, unflagged wrong values, flags, breakdowns."""
    fields, codes = report.fields, report.codes
    out = [f"rows: truth {report.truth_rows}, export {report.export_rows}, matched {report.matched}, "
           f"missed {len(report.missed)}, extra {len(report.extra)}"]
    if report.missed:
        out.append(f"  missed truth rows: {', '.join(report.missed[:30])}")
    if report.extra:
        out.append(f"  extra export rows: {', '.join(report.extra[:30])}")
    out.append(f"field accuracy {fields.accuracy:.3f} ({fields.correct}/{fields.n})")
    out += [f"  {label:<22}{t.n:>6}{t.accuracy:>8.3f}" for label, t in report.per_field.items() if t.correct < t.n]
    out.append(f"finding codes (NEEDS_REVIEW apart): P {codes.precision:.3f} R {codes.recall:.3f} "
               f"micro F1 {codes.f1:.3f} (tp {codes.tp} fp {codes.fp} fn {codes.fn})")
    out += [f"  {code:<26} tp {c.tp:>3} fp {c.fp:>3} fn {c.fn:>3}  P {c.precision:.3f} R {c.recall:.3f} "
            f"F1 {c.f1:.3f}" for code, c in report.per_code.items()]
    row_level, field_level = report.unflagged_row_level, report.unflagged_field_level
    out.append(f"wrong values on matched rows: {len(report.wrong)} ({_share(len(report.wrong), fields.n)} "
               f"of scored fields)")
    out.append(f"  unflagged, row level (no finding on the row): {len(row_level)} values in "
               f"{len({w.truth_id for w in row_level})} rows ({_share(len(row_level), fields.n)})")
    out.append(f"  unflagged, field level (no finding names the field): {len(field_level)} values in "
               f"{len({w.truth_id for w in field_level})} rows ({_share(len(field_level), fields.n)})")
    out.append(f"flagged rows (an error or NEEDS_REVIEW): {report.flagged_rows}/{report.export_rows} "
               f"({_share(report.flagged_rows, report.export_rows)}); with NEEDS_REVIEW: "
               f"{report.review_rows} ({_share(report.review_rows, report.export_rows)})")
    scans = report.scan_reviews
    if scans:
        out.append(f"NEEDS_REVIEW per scanned form: median {statistics.median(scans):g}, max {max(scans)} "
                   f"over {len(scans)} forms (scan tags: {', '.join(report.scan_tag_values)})")
    else:
        out.append(f"NEEDS_REVIEW per scanned form: no matched row tagged as a scan (tag values with "
                   f"{'/'.join(SCAN_WORDS)} in format or quirks)")
    sup = report.superseded
    out.append(f"superseded: expected {sup['expected']}, correct {sup['correct']}, missed {sup['missed']}, "
               f"wrong target {sup['wrong_target']}, spurious {sup['spurious']}")
    for name, table in (("format", report.by_format), ("layout", report.by_layout)):
        if table:
            out.append(f"field accuracy by {name}:")
            out += [f"  {tag:<28}{t.n:>6}{t.accuracy:>8.3f}" for tag, t in sorted(table.items())]
    if show_wrong:
        out.append(f"first {show_wrong} wrong values (row flags: every code on the row; field flags: "
                   f"codes naming the field):")
        out += [f"  {w.truth_id} / {w.export_id} {w.field}: truth {_show(w.truth)} export {_show(w.export)}  "
                f"row flags [{' '.join(w.row_findings)}] field flags [{' '.join(w.field_findings)}]"
                for w in report.wrong[:show_wrong]]
        out.append(f"first {show_wrong} rows with wrong finding codes:")
        out += [f"  {m.truth_id} / {m.export_id or '<no row>'}: missing [{' '.join(m.missing)}] "
                f"extra [{' '.join(m.extra)}]" for m in report.code_misses[:show_wrong]]
    out.append(f"score: {report.score:.3f}")
    return out


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON data (for --json)."""
    fields, codes = report.fields, report.codes
    scans = report.scan_reviews
    return {
        "rows": {"truth": report.truth_rows, "export": report.export_rows, "matched": report.matched,
                 "missed": report.missed, "extra": report.extra},
        "field_accuracy": fields.accuracy, "fields_scored": fields.n, "fields_correct": fields.correct,
        "per_field": {k: vars(t) for k, t in report.per_field.items()},
        "findings": {"tp": codes.tp, "fp": codes.fp, "fn": codes.fn, "precision": codes.precision,
                     "recall": codes.recall, "f1": codes.f1,
                     "per_code": {k: {**vars(c), "precision": c.precision, "recall": c.recall, "f1": c.f1}
                                  for k, c in report.per_code.items()}},
        "wrong_values": len(report.wrong),
        "unflagged_row_level": len(report.unflagged_row_level),
        "unflagged_field_level": len(report.unflagged_field_level),
        "flagged_rows": report.flagged_rows, "review_rows": report.review_rows,
        "scan_reviews": {"per_form": scans, "median": statistics.median(scans) if scans else None,
                         "max": max(scans) if scans else None, "tags": report.scan_tag_values},
        "superseded": dict(report.superseded),
        "by_format": {k: vars(t) for k, t in report.by_format.items()},
        "by_layout": {k: vars(t) for k, t in report.by_layout.items()},
        "wrong": [{**vars(w), "unflagged_row": w.unflagged_row, "unflagged_field": w.unflagged_field}
                  for w in report.wrong],
        "code_misses": [vars(m) for m in report.code_misses],
        "score": report.score,
    }


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]

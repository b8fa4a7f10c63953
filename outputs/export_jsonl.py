"""The register's JSON Lines export: exactly docs/register-contract.md.

Contract: `row_to_contract` returns every key of the contract with the contract's types
(added keys are allowed, contract keys are never renamed or dropped). `fields` is always
an object with all 15 keys — for an `other` row every value is null — so that a consumer
reading `fields.project_name` never meets a null object. `write_jsonl` writes one object
per line, UTF-8 without BOM, sorted by `id` (numbers inside ids compare as numbers).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import IO, Any

from shenbao.outputs.cells import LOCAL_TZ
from shenbao.record import Fields, RegisterRow
from shenbao.staff_input import Correction, FieldValue

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_DIGITS_RE = re.compile(r"(\d+)")

FIELD_KEYS: tuple[str, ...] = tuple(Fields.model_fields)


def _text(s: str | None) -> str | None:
    # Lone surrogates (from raw header bytes) cannot be encoded as UTF-8; everything else JSON can hold.
    return None if s is None else _SURROGATE_RE.sub("", s)


def _iso_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    aware = value if value.tzinfo is not None else value.replace(tzinfo=LOCAL_TZ)
    return aware.astimezone(LOCAL_TZ).isoformat()


def _iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _fields(fields: Fields | None) -> dict[str, Any]:
    data = (fields or Fields()).model_dump()
    out: dict[str, Any] = {}
    for key in FIELD_KEYS:
        value = data[key]
        if key == "partner_orgs":
            out[key] = [_text(v) for v in value]
        elif key == "funding_wan":
            out[key] = None if value is None else float(value)
        else:
            out[key] = _text(value)
    return out


def _field_value(name: str, value: FieldValue) -> Any:
    if name == "partner_orgs":
        return [_text(v) for v in value] if isinstance(value, tuple) else []
    if isinstance(value, (float, int)):
        return float(value)
    return _text(value) if isinstance(value, str) else None


def _corrections(done: Mapping[str, Correction]) -> dict[str, Any]:
    return {name: {"read": _field_value(name, c.read),
                   "corrected": _field_value(name, c.corrected) if c.applied else None,
                   "typed": _text(c.typed), "at": _iso_datetime(c.at), "on": c.row_id}
            for name, c in sorted(done.items())}


def row_to_contract(row: RegisterRow, corrections: Mapping[str, Correction] | None = None) -> dict[str, Any]:
    """One register row as the contract's JSON object. Added keys: key, flagged,
    other_reason, message_sha256, big_attachment_links, evidence (with the page and box a value
    was read at, and the reader's confidence), paper.score,
    paper.explanation, seal, notes (the reader's own notes), files[].origin, files[].problem, findings[].clause, findings[].evidence,
    corrections (staff's corrections of the row, by field: `corrections`, already put into the
    row's `fields`; see docs/register-contract.md).
    `received_at` is null for a paper-only row and otherwise shown at +08:00."""
    return {
        "id": row.id,
        "kind": row.kind,
        "electronic": row.electronic,
        "message_id": _text(row.message_id),
        "received_at": _iso_datetime(row.received_at) if row.electronic else None,
        "sender": _text(row.sender),
        "subject": _text(row.subject),
        "files": [
            {"name": _text(f.name), "sha256": f.sha256, "role": f.role,
             "origin": _text(f.origin), "problem": _text(f.problem)}
            for f in row.files
        ],
        "fields": _fields(row.fields),
        "paper": {
            "copies": row.paper.copies,
            "receipt_ids": list(row.paper.receipt_ids),
            "received_on": _iso_date(row.paper.received_on),
            "postmarked_on": _iso_date(row.paper.postmarked_on),
            "score": row.paper.score,
            "explanation": _text(row.paper.explanation),
        },
        "findings": [
            {"code": f.code, "severity": f.severity, "field": f.field, "message": _text(f.message),
             "clause": _text(f.clause), "evidence": _text(f.evidence)}
            for f in row.findings
        ],
        "superseded_by": row.superseded_by,
        # Added keys (the contract allows additions).
        "key": row.key,
        "flagged": row.flagged,
        "other_reason": _text(row.other_reason),
        "message_sha256": row.message_sha256,
        "big_attachment_links": [_text(u) for u in row.big_attachment_links],
        # present / absent / unknown ("unknown" where a greyscale scan or a text file cannot tell)
        "seal": row.seal,
        "notes": [_text(n) for n in row.notes],
        "evidence": {
            name: {"file": _text(ev.file), "where": _text(ev.where), "text": _text(ev.text),
                   "confidence": ev.confidence, "page": ev.page,
                   "box": None if ev.box is None else [round(v, 4) for v in ev.box]}
            for name, ev in sorted(row.evidence.items())
        },
        "corrections": _corrections(corrections or {}),
    }


def id_sort_key(row_id: str) -> tuple[Any, ...]:
    """Sort key for register ids: digit runs compare as numbers ("2024-10" after "2024-9")."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _DIGITS_RE.split(row_id) if p)


def write_jsonl(rows: Iterable[RegisterRow], fh: IO[str] | IO[bytes],
                corrections: Mapping[str, Mapping[str, Correction]] | None = None) -> int:
    """Write `rows` sorted by id to `fh` (a binary or a text stream), one JSON object per
    line, UTF-8 without BOM. `corrections`: staff's corrections by 编号, then field. Returns the
    number of lines written."""
    ordered = sorted(rows, key=lambda r: id_sort_key(r.id))
    done = corrections or {}
    lines = "".join(
        json.dumps(row_to_contract(r, done.get(r.id)), ensure_ascii=False, allow_nan=False) + "\n" for r in ordered
    )
    if isinstance(fh, io.TextIOBase):
        encoding = (getattr(fh, "encoding", None) or "utf-8").lower().replace("-", "").replace("_", "")
        buffer = getattr(fh, "buffer", None)
        if encoding != "utf8" and buffer is not None:
            # A console in another code page must not get a lossy or failing re-encoding.
            fh.flush()
            buffer.write(lines.encode("utf-8"))
            buffer.flush()
        else:
            fh.write(lines)
    else:
        fh.write(lines.encode("utf-8"))  # type: ignore[arg-type]
    return len(ordered)

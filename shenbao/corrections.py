"""Corrections typed by staff (更正值 on the register's 核对 sheet) as the value of record.

Pure. `register.validate` applies them to a form's fields before any rule runs, so that every
finding, the paper matching, the export, the statistics, packets and replies see the corrected
value; the reading stays beside it in `Correction.read` (the export's `corrections`, the 核对
sheet's 读取值). `Correction` itself lives in shenbao.staff_input, where the outputs read it.

Contract:
- staff type text; it becomes the field's type the way the readers turn form text into
  values (`extractors.values`): 申请经费 through `text_to_funding_wan` (a bare number is 万元),
  dates through `text_to_date`, 参与单位 split at 、，；and line ends, any other field stripped;
- text that does not read as the field's type (“约十万”) is not applied: the reading stays the
  value of record and the `Correction` says so (`corrected` None);
- a correction of a field no form has (a paper-only row, a mail without a form) is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from shenbao.extractors.values import text_to_date, text_to_funding_wan
from shenbao.record import FIELD_NAMES, Fields
from shenbao.staff_input import Correction, FieldValue, StaffWord

_PARTNER_SPLIT = re.compile(r"[、，,；;\n]+")


def typed_to_value(name: str, typed: str) -> FieldValue:
    """Staff's text as the value of field `name`, or None when it does not read as one."""
    text = typed.strip()
    if not text:
        return None
    if name == "funding_wan":
        amount: float | None = text_to_funding_wan(text, "万元")
        return amount
    if name in ("start_date", "end_date"):
        day: str | None = text_to_date(text)
        return day
    if name == "partner_orgs":
        parts = tuple(p.strip() for p in _PARTNER_SPLIT.split(text) if p.strip())
        return parts or None
    return text


def apply_corrections(fields: Fields, row_id: str, words: Mapping[str, StaffWord]
                      ) -> tuple[Fields, dict[str, Correction]]:
    """`fields` with staff's corrections (field name → word) put in, and what was done. A word
    whose value is None (an emptied 更正值) corrects nothing."""
    done: dict[str, Correction] = {}
    update: dict[str, FieldValue] = {}
    for name, word in words.items():
        if name not in FIELD_NAMES or word.value is None:
            continue
        value = typed_to_value(name, word.value)
        done[name] = Correction(field=name, read=getattr(fields, name), corrected=value, typed=word.value,
                                at=word.at, row_id=row_id)
        if value is not None:
            update[name] = value
    return (fields.model_copy(update=update) if update else fields), done

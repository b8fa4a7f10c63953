"""The export's added `corrections`: what was read, what is of record, what staff typed, when."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta, timezone

from shenbao.outputs.export_jsonl import row_to_contract, write_jsonl
from shenbao.staff_input import Correction
from tests.outputs.rows import application_row

CST = timezone(timedelta(hours=8))


def test_a_row_without_corrections_has_an_empty_object() -> None:
    assert row_to_contract(application_row())["corrections"] == {}


def test_each_corrected_field_carries_the_reading_the_value_and_when() -> None:
    row = application_row()
    done = {"funding_wan": Correction(field="funding_wan", read=12.0, corrected=8.0, typed="8万元",
                                      at=datetime(2024, 5, 2, 1, 14, 3, tzinfo=timezone.utc), row_id="2024-0003"),
            "contact_name": Correction(field="contact_name", read="李四", corrected=None, typed="？",
                                       at=datetime(2024, 5, 2, 9, 0, tzinfo=CST), row_id=row.id)}
    buf = io.BytesIO()
    write_jsonl([row], buf, {row.id: done})
    out = json.loads(buf.getvalue())["corrections"]
    assert out["funding_wan"] == {"read": 12.0, "corrected": 8.0, "typed": "8万元", "at": "2024-05-02T09:14:03+08:00",
                                  "on": "2024-0003"}
    assert out["contact_name"]["corrected"] is None and out["contact_name"]["read"] == "李四"

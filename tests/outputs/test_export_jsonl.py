from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

from shenbao.outputs.export_jsonl import row_to_contract, write_jsonl
from tests.outputs.rows import application_row, other_row, paper_only_row

CONTRACT = Path(__file__).resolve().parents[2] / "docs" / "register-contract.md"

# Contract paths whose value may be null (the example shows one value; the prose allows null).
NULLABLE = {
    "message_id", "received_at", "sender", "subject", "superseded_by", "paper.received_on",
    "paper.postmarked_on", "findings[].field",
    *(f"fields.{k}" for k in (
        "project_name", "category", "subcategory", "applicant_org", "applicant_type", "lead_org",
        "leader_name", "leader_phone", "contact_name", "contact_phone", "contact_email", "funding_wan",
        "start_date", "end_date",
    )),
}


def contract_example() -> dict[str, Any]:
    text = CONTRACT.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block is not None
    return json.loads(block.group(1))


def assert_matches_contract(example: Any, actual: Any, path: str = "") -> None:
    """Every key of the example is present in `actual`, with the same JSON type."""
    if path in NULLABLE and actual is None:
        return
    if example is None:  # the example shows null where a string may also stand
        assert actual is None or isinstance(actual, str), path
        return
    if isinstance(example, dict):
        assert isinstance(actual, dict), path
        for key, value in example.items():
            assert key in actual, f"missing {path}.{key}"
            assert_matches_contract(value, actual[key], f"{path}.{key}" if path else key)
    elif isinstance(example, list):
        assert isinstance(actual, list), path
        if example:
            for item in actual:
                assert_matches_contract(example[0], item, f"{path}[]")
    elif isinstance(example, bool):
        assert isinstance(actual, bool), path
    elif isinstance(example, int):
        assert isinstance(actual, int) and not isinstance(actual, bool), path
    elif isinstance(example, float):
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), path
    else:
        assert isinstance(actual, str), path


def test_application_row_has_every_contract_key_and_type() -> None:
    out = row_to_contract(application_row())
    assert_matches_contract(contract_example(), out)
    assert out["files"] and out["findings"]
    assert set(out["fields"]) >= set(contract_example()["fields"])
    assert out["received_at"] == "2024-04-29T16:02:11+08:00"
    assert out["fields"]["funding_wan"] == 12.0
    assert out["fields"]["partner_orgs"] == ["湖南省另一学会"]
    assert out["paper"] == {**out["paper"], "copies": 3, "receipt_ids": ["P-031"],
                            "received_on": "2024-04-30", "postmarked_on": "2024-04-28"}
    assert out["findings"][0] == {**out["findings"][0], "code": "FUNDING_OUT_OF_RANGE", "severity": "error",
                                  "field": "funding_wan"}


def test_other_row_has_every_contract_key_and_a_fields_object_of_nulls() -> None:
    out = row_to_contract(other_row())
    assert_matches_contract(contract_example(), out)
    assert out["kind"] == "other"
    assert set(out["fields"]) == set(contract_example()["fields"])
    assert all(v is None for k, v in out["fields"].items() if k != "partner_orgs")
    assert out["fields"]["partner_orgs"] == []
    assert out["paper"]["copies"] == 0 and out["paper"]["receipt_ids"] == []
    assert out["other_reason"] == "咨询邮件，没有申报材料"


def test_paper_only_row_is_not_electronic_and_has_no_received_at() -> None:
    out = row_to_contract(paper_only_row())
    assert_matches_contract(contract_example(), out)
    assert out["electronic"] is False
    assert out["received_at"] is None and out["message_id"] is None
    assert out["files"] == []


def test_lines_are_sorted_by_id_numerically_and_utf8_without_bom() -> None:
    rows = [application_row("2024-0010"), other_row("2024-0008"), application_row("2024-0009"),
            application_row("2024-10000")]
    buf = io.BytesIO()
    assert write_jsonl(rows, buf) == 4
    data = buf.getvalue()
    assert not data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["2024-0008", "2024-0009", "2024-0010", "2024-10000"]
    assert "湖南省某某学会" in lines[1]  # Chinese written as is, not \\u escapes


def test_text_stream_gets_the_same_lines() -> None:
    rows = [application_row()]
    text, binary = io.StringIO(), io.BytesIO()
    write_jsonl(rows, text)
    write_jsonl(rows, binary)
    assert text.getvalue().encode("utf-8") == binary.getvalue()


def test_a_non_utf8_console_still_receives_utf8_bytes() -> None:
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="gbk")
    write_jsonl([application_row()], console)
    console.flush()
    assert json.loads(raw.getvalue().decode("utf-8"))["fields"]["applicant_org"] == "湖南省某某学会"


def test_lone_surrogates_from_mail_decoding_do_not_break_the_export() -> None:
    buf = io.BytesIO()
    write_jsonl([application_row(subject="申报\udcc4书")], buf)
    assert json.loads(buf.getvalue())["subject"] == "申报书"

"""A new year's guide is a new file, not new code: the same application, judged by a
different guide file, gets a different result."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from shenbao.validators.engine import check_application
from shenbao.validators.guide import default_guide_path, load_guide
from shenbao.validators.render import guide_to_table
from tests.validators.forms import good_facts, good_fields


def write_2025_guide(tmp_path: Path) -> Path:
    """The 2024 file with the 2025 changes an admin would type: a new year, a higher cap
    for 学术交流, a later completion limit and deadline."""
    text = default_guide_path().read_text(encoding="utf-8")
    changes = {
        "year = 2024": "year = 2025",
        "end_date_limit = 2024-12-31": "end_date_limit = 2025-12-31",
        "electronic = 2024-04-30T17:00:00+08:00": "electronic = 2025-04-30T17:00:00+08:00",
        "paper = 2024-04-30": "paper = 2025-04-30",
        'funding = { min = 5, max = 10 }\nquota_text = "10个左右"': 'funding = { min = 5, max = 15 }\nquota_text = "12个左右"',
    }
    for old, new in changes.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "guide-2025-example.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_funding_cap_in_a_new_file_changes_the_result(tmp_path: Path) -> None:
    g2024 = load_guide(default_guide_path())
    g2025 = load_guide(write_2025_guide(tmp_path))
    cst = timezone(timedelta(hours=8))
    fields = good_fields(funding_wan=12.0, start_date="2025-05", end_date="2025-10")
    received = datetime(2025, 4, 20, 10, 0, tzinfo=cst)

    judged_2024 = check_application(fields, good_facts(), received, g2024, [])
    judged_2025 = check_application(fields, good_facts(), received, g2025, [])

    assert {f.code for f in judged_2024} == {"FUNDING_OUT_OF_RANGE", "END_DATE_TOO_LATE", "LATE_ELECTRONIC"}
    assert judged_2025 == ()
    assert "5—15万元/个" in guide_to_table(g2025) and "12个左右" in guide_to_table(g2025)
    assert g2025.repeat_years() == (2023, 2024)

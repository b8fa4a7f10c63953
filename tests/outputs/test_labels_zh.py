from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.outputs.labels_zh import COLUMN_KEYS, STATUS_KEYS, RegisterLabelsError, labels_from_toml, load_labels


def test_packaged_labels_name_every_status_column_and_contract_finding_code() -> None:
    labels = load_labels()
    assert set(STATUS_KEYS) <= set(labels.status) and set(COLUMN_KEYS) <= set(labels.columns)
    contract_codes = {
        "LATE_ELECTRONIC", "LATE_PAPER", "MISSING_FIELD", "MISSING_APPROVAL", "MISSING_CITY_REVIEW",
        "APPLICANT_NOT_ELIGIBLE", "DESIGNATED_ITEM", "FUNDING_OUT_OF_RANGE", "END_DATE_TOO_LATE",
        "JOINT_ROLES_MISSING", "REPEAT_FUNDED", "PAPER_MISSING", "PAPER_SHORT", "ELECTRONIC_MISSING",
        "NO_FORM", "UNREADABLE_FILE", "SUPERSEDED", "NEEDS_REVIEW",
    }
    assert contract_codes <= set(labels.finding)
    assert labels.finding_name("SOMETHING_NEW") == "SOMETHING_NEW"


def test_a_labels_file_missing_keys_names_every_one(tmp_path: Path) -> None:
    broken = tmp_path / "register.toml"
    broken.write_text('[status]\nok = "正常"\n', encoding="utf-8")
    with pytest.raises(RegisterLabelsError) as info:
        labels_from_toml(broken)
    assert "缺少 [status] other" in info.value.problems
    assert "缺少 [columns] id" in info.value.problems
    assert str(broken) in str(info.value)

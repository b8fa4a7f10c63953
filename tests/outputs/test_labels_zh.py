from __future__ import annotations

from pathlib import Path

import pytest

import shenbao.config
from shenbao.outputs.labels_zh import (
    COLUMN_KEYS, STATUS_KEYS, RegisterLabelsError, load_register_words, register_words_from_toml,
)
from shenbao.record import FINDING_CODES


def packaged_text() -> str:
    return (Path(shenbao.config.__file__).parent / "register.toml").read_text(encoding="utf-8")


def test_packaged_labels_name_every_status_column_and_finding_code() -> None:
    labels = load_register_words()
    assert set(STATUS_KEYS) <= set(labels.status) and set(COLUMN_KEYS) <= set(labels.columns)
    assert set(labels.finding) == FINDING_CODES
    assert labels.finding_name("SERVICE_STATION_TARGETS") != "SERVICE_STATION_TARGETS"


def test_a_labels_file_missing_keys_names_every_one(tmp_path: Path) -> None:
    broken = tmp_path / "register.toml"
    broken.write_text('[status]\nok = "正常"\n', encoding="utf-8")
    with pytest.raises(RegisterLabelsError) as info:
        register_words_from_toml(broken)
    assert "缺少 [status] other" in info.value.problems
    assert "缺少 [columns] id" in info.value.problems
    assert str(broken) in str(info.value)


def test_a_finding_code_unknown_or_unnamed_fails_the_load(tmp_path: Path) -> None:
    text = packaged_text().replace('NEEDS_REVIEW = "需人工核对"\n', 'NEEDS_REVEIW = "需人工核对"\n')
    text = text.replace('late = ["LATE_ELECTRONIC", "LATE_PAPER"]', 'late = ["LATE_ELECTRONIC", "PAPER_LATE"]')
    text = text.replace('"NO_FORM", "ELECTRONIC_MISSING"]', '"NO_FORM", "ELECTRONIC_MISING"]')
    broken = tmp_path / "register.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterLabelsError) as info:
        register_words_from_toml(broken)
    assert sorted(info.value.problems) == sorted([
        "[finding] NEEDS_REVEIW：不是登记表约定的问题代码",
        "缺少 [finding] NEEDS_REVIEW（该问题代码的中文名称）",
        "[stats_codes] late 中的“PAPER_LATE”不是登记表约定的问题代码",
        "[packets] formal_fail_codes 中的“ELECTRONIC_MISING”不是登记表约定的问题代码",
    ])

"""Every limit on reading files is defined once (settings.LimitSettings), documented with its
default in the example settings file, and checked in Chinese with the key named."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import shenbao.config
from shenbao.errors import SettingsError
from shenbao.settings import LimitSettings, load_settings

EXAMPLE = Path(shenbao.config.__file__).parent / "shenbao.example.toml"


def test_the_example_file_documents_every_limit_with_its_default() -> None:
    documented = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["limits"]
    assert documented == LimitSettings().model_dump()


@pytest.mark.parametrize("line, key", [("readers = 0", "limits.readers"), ("file_memory_mb = 10", "limits.file_memory_mb"),
                                       ("file_timout_seconds = 5", "limits.file_timout_seconds")])
def test_a_wrong_limit_is_named_in_chinese(tmp_path: Path, line: str, key: str) -> None:
    (tmp_path / "mail").mkdir()
    cfg = tmp_path / "shenbao.toml"
    cfg.write_text(f'[source]\nkind = "maildir"\npath = "mail"\n[limits]\n{line}\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(cfg)
    assert any(key in p for p in caught.value.problems), caught.value.problems

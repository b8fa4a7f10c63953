"""Every weight and threshold of paper matching is defined once (validators.paper_match.Thresholds),
settable under [paper_matching], checked in Chinese with the key named, and documented with its
default in the example settings file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import shenbao.config
from shenbao.errors import SettingsError
from shenbao.settings import load_settings
from shenbao.validators.paper_match import Thresholds

EXAMPLE = Path(shenbao.config.__file__).parent / "shenbao.example.toml"


def settings_file(tmp_path: Path, paper_matching: str) -> Path:
    (tmp_path / "mail").mkdir(exist_ok=True)
    path = tmp_path / "shenbao.toml"
    path.write_text(f'[source]\nkind = "maildir"\npath = "mail"\n\n[paper_matching]\n{paper_matching}\n',
                    encoding="utf-8")
    return path


def problems_of(path: Path) -> str:
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    return "\n".join(caught.value.problems)


def test_the_example_file_documents_every_threshold_with_its_default() -> None:
    documented = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))["paper_matching"]
    defaults = Thresholds().model_dump()
    assert sorted(documented) == sorted(defaults)  # every key, and no other
    assert documented == defaults


def test_every_threshold_can_be_set_in_the_settings_file(tmp_path: Path) -> None:
    # Each value differs from its default, so a key the settings dropped would show.
    changed = {name: (value + 1 if isinstance(value, int) else round(value * 0.9, 4))
               for name, value in Thresholds().model_dump().items()}
    text = "\n".join(f"{name} = {value}" for name, value in changed.items())
    settings = load_settings(settings_file(tmp_path, text))
    assert settings.paper_matching.model_dump() == changed
    assert isinstance(settings.paper_matching, Thresholds)


def test_a_threshold_out_of_range_or_misspelt_is_named_in_chinese(tmp_path: Path) -> None:
    path = settings_file(tmp_path, "fade_days = 0\norg_alone = 1.5\nproject_weight = 0\njoin_projct = 0.8")
    said = problems_of(path)
    assert f"{path}：设置项 paper_matching.fade_days：数值太小" in said
    assert "设置项 paper_matching.org_alone：数值太大" in said
    assert "设置项 paper_matching.project_weight：数值太小" in said
    assert "设置项 paper_matching.join_projct：不认识的设置项" in said


def test_review_above_strong_is_refused_with_the_reason(tmp_path: Path) -> None:
    said = problems_of(settings_file(tmp_path, "strong = 0.7\nreview = 0.8"))
    assert "设置项 paper_matching：" in said and "review（0.8）不能大于 strong（0.7）" in said

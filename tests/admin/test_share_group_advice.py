"""check-config's advice on sharing the register names a setting the settings file really has
(issue 17: it told the admin to set `output.group`, which does not exist; the setting is
`paths.share_group`)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import BaseModel

from shenbao.settings import Settings, load_settings
from shenbao.tools import who_can_read

# `section.key` in a sentence; not a file such as docs/service.md.
DOTTED = re.compile(r"(?<![\w/.])([a-z_]+)\.([a-z_]+)\b(?![/.])")
FILE_ENDINGS = ("md", "toml", "xlsx", "jsonl", "py")


def named_settings(text: str) -> list[str]:
    return [f"{section}.{key}" for section, key in DOTTED.findall(text) if key not in FILE_ENDINGS]


def setting_exists(dotted: str) -> bool:
    section, key = dotted.split(".")
    field = Settings.model_fields.get(section)
    model = field.annotation if field is not None else None
    return isinstance(model, type) and issubclass(model, BaseModel) and key in model.model_fields


def test_the_advice_for_a_private_output_folder_names_settings_that_exist(tmp_path: Path) -> None:
    folder = tmp_path / "output"
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)  # the umask may have taken bits off; make it exactly owner-only

    advice = who_can_read(folder)

    named = named_settings(advice)
    assert "paths.share_group" in named
    assert [n for n in named if not setting_exists(n)] == []

    # ... and a settings file that sets it loads, with the value where the code reads it.
    (tmp_path / "maildir").mkdir()
    settings = tmp_path / "shenbao.toml"
    settings.write_text('[source]\nkind = "maildir"\n\n[paths]\nshare_group = "kjc"\n', encoding="utf-8")
    assert load_settings(settings).paths.share_group == "kjc"

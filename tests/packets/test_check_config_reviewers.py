"""Issue 15: `shenbao check-config` warns about reviewer settings that would silently cost a
reviewer a packet (an item typed wrong) or a conflict of interest (a partner unit typed wrong),
checked against the rules file and the register export."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.outputs.export_jsonl import write_jsonl
from shenbao.record import Fields
from tests.outputs.rows import application_row
from tests.service.workspaces import MAILDIR_SETTINGS, write_maildir, write_settings

REVIEWERS = """
[[reviewers]]
name = "王教授"
unit = "中南大学"
items = ["学术交流", "学会服务站建没"]
partner_units = ["省植保学会", "湖南省光电学会"]
"""


@pytest.fixture
def workspace(tmp_path: Path) -> str:
    write_maildir(tmp_path, [])
    (tmp_path / "output").mkdir()
    return str(write_settings(tmp_path, MAILDIR_SETTINGS + REVIEWERS))


def write_export(output: Path, *units: str) -> None:
    rows = [application_row(f"2024-{n:04d}", fields=Fields(applicant_org=unit, subcategory="学术交流"))
            for n, unit in enumerate(units, 1)]
    with (output / "register.jsonl").open("w", encoding="utf-8") as fh:
        write_jsonl(rows, fh)


def test_an_item_typo_and_a_partner_unit_matching_no_unit_are_warned_about(
        workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_export(tmp_path / "output", "湖南省植物保护学会", "湖南省物理学会")
    assert main(["check-config", "-c", workspace, "--offline"]) == 0
    said = capsys.readouterr().out
    assert "评审专家设置提示：评审专家“王教授”的 items 中的“学会服务站建没”不是指南的项目类别" in said
    assert "评审专家设置提示：评审专家“王教授”的 partner_units 中的“湖南省光电学会”与登记表中的任何单位都对不上" in said
    assert "“省植保学会”与登记表中的“湖南省植物保护学会”名称相近，将视为同一单位回避" in said
    assert "“学术交流”不是" not in said and "“省植保学会”与登记表中的任何单位都对不上" not in said


def test_before_any_register_the_partner_units_are_not_checked_and_it_says_so(
        workspace: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-config", "-c", workspace, "--offline"]) == 0
    said = capsys.readouterr().out
    assert "登记表尚未生成，暂无法核对评审专家的 partner_units" in said
    assert "“学会服务站建没”不是指南的项目类别" in said

"""`poll --dry-run` is the poll itself on a scratch copy of the store: it lists exactly the rows
the next poll writes, and keeps nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shenbao.cli import main
from shenbao.demo.workspace import build_workspace
from shenbao.pipeline import run_once
from shenbao.record import RegisterRow
from shenbao.settings import load_settings
from shenbao.store import Store


def essence(row: dict[str, Any]) -> tuple[Any, ...]:
    """A row as staff would compare it: everything but volatile text."""
    return (row["id"], row["kind"], row["electronic"], row["message_id"], json.dumps(row["fields"], sort_keys=True),
            sorted((f["code"], f.get("field")) for f in row["findings"]), row["paper"]["receipt_ids"],
            row["superseded_by"])


def as_contract(rows: list[RegisterRow]) -> list[dict[str, Any]]:
    from shenbao.outputs.export_jsonl import row_to_contract
    return [json.loads(json.dumps(row_to_contract(r), ensure_ascii=False)) for r in rows]


@pytest.mark.slow
def test_a_dry_run_lists_the_rows_the_next_poll_writes_and_keeps_nothing(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    ws = build_workspace(tmp_path / "demo")
    settings = load_settings(ws.settings)
    maildir_before = sorted(p.name for p in (ws.maildir / "cur").iterdir())

    dry = run_once(settings, dry_run=True)

    assert dry.fetched > 0 and dry.rows and dry.register_path is None
    assert not (settings.output_dir / "register.xlsx").exists()
    with Store(settings.data_dir) as store:  # nothing stored, numbered or read
        assert store.message_count() == 0 and store.ids() == {}
        assert store.submissions("any") == []
    assert sorted(p.name for p in (ws.maildir / "cur").iterdir()) == maildir_before
    assert dry.new_keys == {r.key for r in dry.rows}

    polled = run_once(settings)
    written = [json.loads(line) for line in (settings.output_dir / "register.jsonl").read_text("utf-8").splitlines()]
    assert [essence(r) for r in as_contract(dry.rows)] == [essence(r) for r in written]
    assert {r.key for r in polled.rows} == {r.key for r in dry.rows}

    # The command prints one line per row, the new ones marked.
    assert main(["poll", "-c", str(ws.settings), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "演练" in out and all(r["id"] in out for r in written)
    assert " 新 " not in out  # nothing new since the poll

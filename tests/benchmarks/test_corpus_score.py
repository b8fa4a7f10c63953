"""benchmarks/corpus_score.py end to end: the demo mailbox written as a labelled folder, served
over a private Dovecot, polled and scored."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from shenbao.demo.workspace import DemoWorkspace, build_workspace

ROOT = Path(__file__).resolve().parents[2]


def labelled_folder(ws: DemoWorkspace, folder: Path) -> list[dict[str, Any]]:
    """The demo as a labelled folder: mail, manifest, ledger, history, rules and truth rows
    (kind, arrival and finding codes scored; the form and paper blocks left unscored)."""
    (folder / "mail").mkdir(parents=True)
    deadlines = tomllib.loads(ws.settings.read_text(encoding="utf-8"))["deadlines"]
    manifest, truth = [], []
    for n, msg in enumerate(ws.messages, 1):
        name = f"mail/{n:04d}.eml"
        shutil.copyfile(msg.path, folder / name)
        manifest.append({"file": name, "internaldate": msg.received_at.isoformat()})
        truth.append({"truth_id": f"T-{n:04d}", "kind": msg.kind, "electronic": True,
                      "message_id": msg.message_id, "received_at": msg.received_at.isoformat(),
                      "fields": None, "paper": None, "unscored": ["sender", "subject", "fields", "paper"],
                      # the demo names no field for its MISSING_FIELD: tolerated instead of required
                      "findings": [{"code": c} for c in sorted(msg.expected_codes - {"MISSING_FIELD"})],
                      "tolerated": [*msg.tolerated_codes, "MISSING_FIELD:*"],
                      "tags": {"format": "scan_pdf" if n == 1 else "docx"}})
    for n, paper in enumerate(ws.paper_only, len(truth) + 1):
        truth.append({"truth_id": f"T-{n:04d}", "kind": "application", "electronic": False, "message_id": None,
                      "received_at": None, "fields": {"applicant_org": paper.applicant_org,
                                                      "project_name": paper.project_name},
                      "paper": {"receipt_ids": [paper.receipt_id]}, "unscored": ["fields"],
                      "findings": [{"code": c} for c in sorted(paper.expected_codes)], "tolerated": []})
    shutil.copyfile(ws.receipts, folder / "receipts.xlsx")
    shutil.copyfile(ws.history, folder / "history.xlsx")
    (folder / "manifest.json").write_text(json.dumps({"messages": manifest}), encoding="utf-8")
    (folder / "rules.json").write_text(json.dumps(
        {"electronic_deadline": deadlines["electronic"], "paper_deadline": deadlines["paper"],
         "paper_grace_days": deadlines["paper_grace_days"]}), encoding="utf-8")
    (folder / "truth.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in truth),
                                        encoding="utf-8")
    return truth


@pytest.mark.slow
def test_a_labelled_folder_is_polled_over_imap_and_scored(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "demo")
    truth = labelled_folder(ws, tmp_path / "corpus")
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/corpus_score.py"), str(tmp_path / "corpus"), "--keep",
         str(tmp_path / "work"), "--show-wrong", "5", "--json", str(tmp_path / "report.json")],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["rows"] == {"truth": len(truth), "export": len(truth), "matched": len(truth),
                              "missed": [], "extra": []}
    # kind, electronic, received_at on every row; the receipt ids on a paper-only row
    assert report["fields_scored"] == 3 * len(truth) + len(ws.paper_only)
    assert report["field_accuracy"] == 1.0, report["wrong"]
    assert report["findings"]["f1"] == 1.0, report["code_misses"]
    assert report["scan_reviews"]["tags"] == ["format=scan_pdf"]
    assert "poll from empty store to register:" in done.stdout
    assert done.stdout.rstrip().endswith(f"score: {report['score']:.3f}")

"""A poll over a public mailbox full of hostile files: nothing crashes, hangs, leaks or is lost.

The corpus (≥200 files: zip/7z/rar bombs and traversal, XML bombs and XXE in OOXML parts,
broken and oversized PDFs, malformed mail, renamed files) is delivered through a Maildir and
read by the real pipeline (`run_once`) with a short per-file time limit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shenbao.intake.mime import display_name
from shenbao.pipeline import RunReport, run_once
from shenbao.settings import load_settings
from tests.hostile.corpus import HostileWorkspace, build_hostile_workspace
from tests.support.http_recorder import recording_server

SECRET_FILE_TEXT = "HOSTILE-SECRET-7f3a9c"
HTTP_SECRET = "HOSTILE-HTTP-SECRET-b41e"


@dataclass
class PollResult:
    ws: HostileWorkspace
    report: RunReport
    rows: list[dict]  # type: ignore[type-arg]
    http_hits: list[str]
    private_tmp: Path
    log_text: str


@pytest.fixture(scope="module")
def polled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PollResult]:
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.txt"
    secret.write_text(SECRET_FILE_TEXT, encoding="utf-8")
    with recording_server(f'<!ENTITY x "{HTTP_SECRET}">'.encode()) as (base_url, hits):
        yield from _poll_hostile(root, (f"{base_url}/evil.dtd", secret.as_uri()), hits)


def _poll_hostile(root: Path, urls: tuple[str, str], hits: list[str]) -> Iterator[PollResult]:
    ws = build_hostile_workspace(root, urls)
    private_tmp = root / "tmp"
    private_tmp.mkdir()
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logging.getLogger("shenbao").addHandler(handler)
    with pytest.MonkeyPatch.context() as mp:
        # Every temporary file the pipeline makes goes here, so the test can see it is cleaned.
        mp.setattr(tempfile, "tempdir", str(private_tmp))
        mp.setenv("TMPDIR", str(private_tmp))
        # LibreOffice (seconds per file) is exercised by test_libreoffice_never_fetches_…
        mp.setattr("shenbao.extractors.convert.available", lambda: False)
        settings = load_settings(ws.settings)
        # A hostile file gets 3 s, not the default minutes: the test is about containment.
        settings = settings.model_copy(update={"limits": settings.limits.model_copy(update={"file_timeout_seconds": 3})})
        report = run_once(settings)
    logging.getLogger("shenbao").removeHandler(handler)
    rows = [json.loads(line) for line in (root / "output" / "register.jsonl").read_text("utf-8").splitlines()]
    yield PollResult(ws, report, rows, list(hits), private_tmp, "\n".join(records))


def _row_of(polled: PollResult, message_id: str) -> dict:  # type: ignore[type-arg]
    matches = [r for r in polled.rows if r["message_id"] == message_id]
    assert len(matches) == 1, message_id
    return matches[0]


def test_the_corpus_has_at_least_two_hundred_hostile_files(polled: PollResult) -> None:
    assert len(polled.ws.items) >= 200


def test_every_hostile_message_becomes_a_register_row(polled: PollResult) -> None:
    assert polled.report.fetched == len(polled.ws.items)
    assert polled.report.extracted == len(polled.ws.items)
    # One message per Maildir file, each with its own receipt second: every second has a row.
    seconds = {r["received_at"] for r in polled.rows if r["electronic"]}
    assert len(seconds) == len(polled.ws.items)


def test_no_message_fell_back_to_the_could_not_parse_row(polled: PollResult) -> None:
    # The fallback row is the pipeline's last resort for a bug; hostile input must not reach it.
    fallbacks = [r["subject"] for r in polled.rows
                 if any("这封邮件无法解析" in f["message"] for f in r["findings"])]
    assert fallbacks == []
    assert "时出错" not in polled.log_text


def test_every_hostile_attachment_is_listed_on_its_row(polled: PollResult) -> None:
    for item, message_id in zip(polled.ws.items, polled.ws.message_ids):
        if not message_id:
            continue
        row = _row_of(polled, message_id)
        names = [f["name"] for f in row["files"]]
        assert display_name(item.name) in names, item.label


EXPECTED_UNREADABLE = {
    "zip-ratio-2mb": "压缩比过高", "zip-ratio-150mb": "文件过大", "zip-lying-size-20mb": "损坏",
    "zip-method-aes": "AES", "zip-encrypted-zipcrypto": "加密",
    "zip-truncated-0.5": "损坏", "zip-tiny-entries-5000": "文件过多", "zip-overlapping-2000": "压缩比过高",
    "7z-ratio": "压缩比过高", "7z-encrypted": "加密", "docx-encrypted": "加密", "docx-truncated-0.6": "损坏",
    "docx-document-xml-bomb": "正文过大", "docx-billion-laughs-word_document.xml-http": "XML声明",
    "docx-xxe-word_document.xml-file": "XML声明", "pdf-truncated-0.5": "损坏", "pdf-user-password": "加密",
    "pdf-cyclic-pages": "损坏", "docx-huge-table": "超时",
}


@pytest.mark.parametrize("label", sorted(EXPECTED_UNREADABLE))
def test_a_hostile_file_is_reported_with_its_reason(polled: PollResult, label: str) -> None:
    index = next(i for i, item in enumerate(polled.ws.items) if item.label == label)
    row = _row_of(polled, polled.ws.message_ids[index])
    messages = [f["message"] for f in row["findings"] if f["code"] == "UNREADABLE_FILE"]
    assert any(EXPECTED_UNREADABLE[label] in m for m in messages), (label, messages)


def test_external_entities_are_never_fetched(polled: PollResult) -> None:
    assert polled.http_hits == []


def test_no_local_file_named_by_an_entity_leaks_into_the_store_or_the_register(polled: PollResult) -> None:
    for folder in ("data", "output"):
        for path in (polled.ws.root / folder).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert SECRET_FILE_TEXT.encode() not in data, path
                assert HTTP_SECRET.encode() not in data, path


def test_nothing_is_written_outside_the_workspace_and_temp_files_are_cleaned(polled: PollResult) -> None:
    root = polled.ws.root.resolve()
    # `.ses` is a session-id marker a native library drops in TMPDIR (51 bytes, no file data).
    leftovers = [p for p in polled.private_tmp.iterdir() if p.name != ".ses"]
    assert leftovers == []
    for path in root.rglob("*"):
        assert not path.is_symlink(), path
        assert path.resolve().is_relative_to(root), path
    for place in (Path.cwd(), Path(tempfile.gettempdir()), root.parent, Path.home()):
        assert not (place / "evil.docx").exists(), place
    # Traversal members keep only their display name; their copies live under output/附件.
    copies = [p for p in (root / "output").rglob("evil.docx")]
    assert copies and all(p.resolve().is_relative_to(root / "output" / "附件") for p in copies)


def test_the_register_holds_no_formula_and_links_only_into_the_output_folder(polled: PollResult) -> None:
    out = (polled.ws.root / "output").resolve()
    wb = load_workbook(out / "register.xlsx")
    links = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if cell.hyperlink is not None:
                    links += 1
                    target = cell.hyperlink.target or ""
                    assert "://" not in target, target
                    assert (out / target).resolve().is_relative_to(out / "附件"), target
    assert links > 0
    subjects = [r["subject"] for r in polled.rows]
    assert any(s.startswith("=HYPERLINK") for s in subjects)  # the export keeps the raw text


def test_the_data_directory_and_store_files_are_owner_only(polled: PollResult) -> None:
    data = polled.ws.root / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    db = data / "shenbao.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    blobs = [p for p in data.rglob("*") if p.is_file() and "blobs" in p.parts]
    assert blobs
    for path in blobs:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


def test_hostile_attachment_names_become_safe_single_file_names_under_the_output_folder(polled: PollResult) -> None:
    out = (polled.ws.root / "output" / "附件").resolve()
    names = {p.name for p in out.rglob("*") if p.is_file()}
    assert "_CON.docx" in names
    assert not any(ch in name for name in names for ch in '<>:"|?*\\')
    for path in out.rglob("*"):
        assert len(path.relative_to(out).parts) <= 2, path
    assert all(len(name.encode("utf-8")) <= 180 for name in names)
    assert os.sep not in "".join(names)


def test_every_hostile_message_is_stored_raw_byte_for_byte(polled: PollResult) -> None:
    blobs = polled.ws.root / "data" / "blobs"
    for path in sorted((polled.ws.root / "maildir" / "cur").iterdir()):
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        assert (blobs / sha[:2] / sha).read_bytes() == path.read_bytes(), path.name

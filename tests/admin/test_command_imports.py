"""A command loads what it needs and no more: `--help` loads no mail pipeline; a poll with
nothing to read loads no file reader (PDF, OCR: OpenCV, pdfplumber), no demo generator and no
packet builder; a poll with a file to read loads the readers in the poll's own process, before
it forks the processes that read (they then start with them). An idle poll took 2.0 s, nearly
all of it importing (issue 18); the time itself is measured in benchmarks/, not here."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from shenbao.demo.mail import build_eml
from tests.builders.pdf_quirks import pdf_from, text_page
from tests.support.settings import MAILDIR_SETTINGS_TOML

ROOT = Path(__file__).resolve().parents[2]
READERS = ("shenbao.extractors.pdf_reader", "shenbao.extractors.ocr_reader", "cv2", "pdfplumber")
OTHER_COMMANDS = ("shenbao.demo.workspace", "shenbao.packet_files")
WATCHED = ("shenbao.pipeline", *READERS, *OTHER_COMMANDS)

# Runs `shenbao <args>` in a fresh process and prints, last, the watched modules it loaded.
PROBE = f"""
import sys
from shenbao.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print("LOADED", code, *sorted(m for m in {WATCHED!r} if m in sys.modules))
"""


def loaded_by(*args: str) -> tuple[str, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    _, code, *modules = done.stdout.splitlines()[-1].split()
    return code, set(modules)


def workspace(tmp_path: Path, pdf: bytes | None = None) -> Path:
    maildir = tmp_path / "maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    if pdf is not None:
        when = datetime(2024, 4, 10, 9, 0, tzinfo=timezone(timedelta(hours=8)))
        raw = build_eml(sender="unit@units.example.org", sender_name="申报单位", subject="项目申报",
                        body="您好，附件为申报书。", attachments=[("申报书.pdf", pdf, "application/pdf")], date=when,
                        message_id="<one@units.example.org>", client_style="qq")
        (maildir / "cur" / "1712710800.one.test:2,S").write_bytes(raw)
    config = tmp_path / "shenbao.toml"
    config.write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
    return config


def test_help_loads_no_mail_pipeline() -> None:
    assert loaded_by("--help") == ("0", set())


def test_a_poll_with_nothing_to_read_loads_no_reader_and_nothing_only_other_commands_need(tmp_path: Path) -> None:
    code, modules = loaded_by("poll", "-c", str(workspace(tmp_path)))
    assert code == "0" and "shenbao.pipeline" in modules
    assert modules.isdisjoint({*READERS, *OTHER_COMMANDS}), modules


def test_a_poll_with_a_pdf_to_read_loads_the_readers_in_its_own_process(tmp_path: Path) -> None:
    pdf = pdf_from([text_page(["项目名称：测试项目", "申报单位：湖南省示例学会"])])
    code, modules = loaded_by("poll", "-c", str(workspace(tmp_path, pdf)))
    assert code == "0" and set(READERS) <= modules, modules

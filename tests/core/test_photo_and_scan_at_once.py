"""A phone photo and a scanned PDF read at the same time are both read by OCR.

The photo makes the poll warm the OCR engine in its own process (so that readers forked later
inherit it) while the other reading thread forks the scan's reader: forked in the middle of
the warm-up, that reader's OCR hung until the file's time limit and the scan came out
unreadable (issue 18's whole-call benchmark, every photo beside a scan). The poll runs as the
`shenbao poll` command, in a fresh process, so that no earlier test has warmed the engine."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.demo.mail import build_eml
from shenbao.extraction import FILES_OPENED_EVENT
from shenbao.settings import load_settings
from shenbao.store import Store
from tests.builders.pdf_quirks import cjk_font_path, form_image, image_pdf
from tests.support.settings import MAILDIR_SETTINGS_TOML

pytestmark = [pytest.mark.slow, pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")]

CST = timezone(timedelta(hours=8))
ROOT = Path(__file__).resolve().parents[2]


def page(org: str, project: str) -> list[str]:
    return ["一、基本情况", "项目名称", project, "申报单位", org, "申请经费", "6万元"]


def deliver(maildir: Path, tag: str, attachment: tuple[str, bytes, str], hour: int) -> None:
    when = datetime(2024, 4, 10, hour, 0, tzinfo=CST)
    raw = build_eml(sender=f"{tag}@units.example.org", sender_name=f"申报单位{tag}", subject=f"项目申报（{tag}）",
                    body="您好，附件为申报书。", attachments=[attachment], date=when,
                    message_id=f"<{tag}@units.example.org>", client_style="qq")
    path = maildir / "cur" / f"{int(when.timestamp())}.{tag}.test:2,S"
    path.write_bytes(raw)
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_a_photo_and_a_scan_read_at_once_are_both_read_by_ocr(tmp_path: Path) -> None:
    maildir = tmp_path / "maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    photo = io.BytesIO()
    form_image(page("湖南省示例林学会", "岳麓山古树名木保护学术年会")).save(photo, format="JPEG", quality=90)
    deliver(maildir, "photo", ("IMG_20240410_0930.jpg", photo.getvalue(), "image/jpeg"), 9)
    scan = image_pdf([form_image(page("湖南省示例地质学会", "张家界砂岩峰林地貌研学交流会"))])
    deliver(maildir, "scan", ("申报书扫描件.pdf", scan, "application/pdf"), 10)
    config = tmp_path / "shenbao.toml"
    config.write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")

    done = subprocess.run([sys.executable, "-m", "shenbao", "poll", "-c", str(config)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]

    settings = load_settings(config)
    with Store(settings.data_dir) as store:
        opened = [detail for _, _, detail in store.events(FILES_OPENED_EVENT)]
    assert [(d["read"], d["ocr"]) for d in opened] == [(2, 2)]
    rows = [json.loads(line) for line in (settings.output_dir / "register.jsonl").read_text("utf-8").splitlines()]
    assert {r["fields"]["applicant_org"] for r in rows} == {"湖南省示例林学会", "湖南省示例地质学会"}
    assert not [f for r in rows for f in r["findings"] if f["code"] == "UNREADABLE_FILE"]

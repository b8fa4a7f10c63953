"""A rules edit or a ledger edit in the middle of a call is re-checked from what was read and
kept: the next poll opens no attachment again (no OCR rerun), yet its register says what the
edit changed. Real polls (`run_once`) of a real Maildir: a .docx, a text PDF, a scanned PDF
and a .zip holding a .docx; the files each poll opened are what extraction logged in the store
(`extraction.FILES_OPENED_EVENT`)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from shenbao.demo.catalogue import DemoReceipt
from shenbao.demo.forms import FormSpec, build_docx, build_pdf, example_spec
from shenbao.demo.mail import Attachment, build_eml
from shenbao.demo.workspace import receipts_to_xlsx
from shenbao import register_files
from shenbao.extraction import FILES_OPENED_EVENT
from shenbao.pipeline import run_once
from shenbao.settings import builtin_or_path, load_settings
from shenbao.store import Store
from tests.builders.pdf_quirks import cjk_font_path, form_image, image_pdf
from tests.support.settings import MAILDIR_SETTINGS_TOML

pytestmark = [pytest.mark.slow, pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")]

CST = timezone(timedelta(hours=8))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SETTINGS_TOML = MAILDIR_SETTINGS_TOML.replace(
    'output_dir = "output"\n', 'output_dir = "output"\nreceipts = "receipts.xlsx"\nrules = "rules.toml"\n')
assert 'rules = "rules.toml"' in SETTINGS_TOML

# The guide's 学术交流 range, and the edit an administrator makes in the middle of the call: the
# example form's 8 万元 is inside the first and outside the second.
ACADEMIC_RANGE = "funding = { min = 5, max = 10 }"
NARROWER_RANGE = "funding = { min = 5, max = 7 }"
UNITS = {
    "docx": ("湖南省示例声学学会", "湘江流域声景生态保护学术研讨会"),
    "pdf": ("湖南省示例鸟类学会", "洞庭湖湿地候鸟监测技术论坛"),
    "zip": ("湖南省示例地质学会", "张家界砂岩峰林地貌研学交流会"),
}
SCANNED_FORM = [
    "一、基本情况",
    "项目名称", "岳麓山古树名木保护学术年会",
    "申报单位", "湖南省示例林学会",
    "申请经费", "6万元",
    "项目实施时间", "2024-05~2024-12",
]


def form(tag: str) -> FormSpec:
    org, project = UNITS[tag]
    return example_spec(applicant_org=org, project_name=project)


def zipped(name: str, data: bytes) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as zf:
        zf.writestr(name, data)
    return raw.getvalue()


class Call:
    """A Maildir, a paper ledger, a rules file copied from the built-in guide, and the poll."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.maildir = root / "maildir"
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        (root / "shenbao.toml").write_text(SETTINGS_TOML, encoding="utf-8")
        guide = builtin_or_path("builtin:guide-2024.toml", root).read_text(encoding="utf-8")
        assert guide.count(ACADEMIC_RANGE) == 2  # 学术交流 and one more item with the same range
        self.rules.write_text(guide, encoding="utf-8")
        self.receipts: list[DemoReceipt] = []

    @property
    def rules(self) -> Path:
        return self.root / "rules.toml"

    def mail(self, tag: str, attachments: Sequence[Attachment], day: int) -> str:
        when = datetime(2024, 4, day, 9, 0, tzinfo=CST)
        message_id = f"<{tag}@units.example.org>"
        raw = build_eml(sender=f"{tag}@units.example.org", sender_name=f"申报单位{tag}",
                        subject=f"项目申报材料（{tag}）", body="您好，附件为申报书，请查收。",
                        attachments=list(attachments), date=when, message_id=message_id, client_style="qq")
        path = self.maildir / "cur" / f"{int(when.timestamp())}.{tag}.test:2,S"
        path.write_bytes(raw)
        os.utime(path, (when.timestamp(), when.timestamp()))
        return message_id

    def ledger(self, receipts: list[DemoReceipt]) -> None:
        self.receipts = receipts
        (self.root / "receipts.xlsx").write_bytes(receipts_to_xlsx(receipts))

    def poll(self) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
        """One poll: the export's rows by Message-ID, and what its extraction opened (summed
        over the poll's FILES_OPENED_EVENTs; none logged means nothing was extracted)."""
        settings = load_settings(self.root / "shenbao.toml")
        with Store(settings.data_dir) as store:
            mark = store.event_mark()
        run_once(settings)
        opened = {"read": 0, "ocr": 0, "converted": 0}
        with Store(settings.data_dir) as store:
            for _, _, detail in store.events(FILES_OPENED_EVENT, after=mark):
                for key in opened:
                    opened[key] += int(str(detail[key]))
        text = (settings.output_dir / "register.jsonl").read_text(encoding="utf-8")
        rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        return {r["message_id"]: r for r in rows if r["message_id"]}, opened


def codes(row: dict[str, Any]) -> set[str]:
    return {f["code"] for f in row["findings"]}


@pytest.fixture
def call(tmp_path: Path) -> Call:
    return Call(tmp_path)


def test_a_rules_edit_and_a_ledger_edit_open_no_file_yet_change_the_findings(call: Call) -> None:
    docx = call.mail("docx", [("申报书.docx", build_docx(form("docx")), DOCX)], 10)
    pdf = call.mail("pdf", [("申报书.pdf", build_pdf(form("pdf")), "application/pdf")], 11)
    scan = call.mail("scan", [("申报书扫描件.pdf", image_pdf([form_image(SCANNED_FORM)]), "application/pdf")], 12)
    zipped_docx = call.mail("zip", [("申报材料.zip", zipped("申报书.docx", build_docx(form("zip"))),
                                     "application/zip")], 13)
    a, b, c = UNITS["docx"], UNITS["pdf"], UNITS["zip"]
    call.ledger([DemoReceipt("P-001", date(2024, 4, 20), None, a[0], a[1], 3, "周敏"),
                 DemoReceipt("P-002", date(2024, 4, 20), None, b[0], b[1], 3, "周敏")])

    first, opened = call.poll()
    # Every readable file was opened once (the .zip's member, not the .zip), and the scan by OCR.
    assert opened == {"read": 4, "ocr": 1, "converted": 0}
    assert {docx, pdf, scan, zipped_docx} <= set(first)
    assert first[docx]["fields"]["funding_wan"] == first[pdf]["fields"]["funding_wan"] == 8
    assert "FUNDING_OUT_OF_RANGE" not in codes(first[docx]) | codes(first[pdf])
    assert "PAPER_MISSING" in codes(first[zipped_docx])

    # The administrator narrows 学术交流's range: both 8 万元 forms are now out of it.
    text = call.rules.read_text(encoding="utf-8")
    call.rules.write_text(text.replace(ACADEMIC_RANGE, NARROWER_RANGE, 1), encoding="utf-8")
    after_rules, opened = call.poll()
    assert opened == {"read": 0, "ocr": 0, "converted": 0}
    assert "FUNDING_OUT_OF_RANGE" in codes(after_rules[docx]) and "FUNDING_OUT_OF_RANGE" in codes(after_rules[pdf])
    assert after_rules[scan]["fields"] == first[scan]["fields"]  # read once, by the first poll's OCR

    # Staff correct a parcel to one copy and log the zip sender's parcel.
    call.ledger([DemoReceipt("P-001", date(2024, 4, 20), None, a[0], a[1], 1, "周敏"), call.receipts[1],
                 DemoReceipt("P-003", date(2024, 4, 21), None, c[0], c[1], 3, "周敏")])
    after_ledger, opened = call.poll()
    assert opened == {"read": 0, "ocr": 0, "converted": 0}
    assert after_ledger[docx]["paper"]["copies"] == 1 and "PAPER_SHORT" in codes(after_ledger[docx])
    assert after_ledger[zipped_docx]["paper"]["receipt_ids"] == ["P-003"]
    assert "PAPER_MISSING" not in codes(after_ledger[zipped_docx])
    assert "FUNDING_OUT_OF_RANGE" in codes(after_ledger[docx])  # the rules edit still holds

    # Nothing new: the idle poll opens nothing and changes nothing.
    idle, opened = call.poll()
    assert opened == {"read": 0, "ocr": 0, "converted": 0}
    assert idle == after_ledger


def test_pictures_a_write_had_no_time_for_come_with_the_next_poll_though_nothing_is_new(
        call: Call, monkeypatch: pytest.MonkeyPatch) -> None:
    # No time for pictures: a write makes only the first of each kind (it always makes progress).
    monkeypatch.setattr(register_files, "PICTURE_BUDGET", 0.0)
    call.mail("pdf", [("申报书.pdf", build_pdf(form("pdf")), "application/pdf")], 11)
    call.mail("docx", [("申报书.pdf", build_pdf(form("docx")), "application/pdf")], 12)
    call.ledger([])
    call.poll()
    settings = load_settings(call.root / "shenbao.toml")
    text = call.rules.read_text(encoding="utf-8")
    call.rules.write_text(text.replace(ACADEMIC_RANGE, NARROWER_RANGE, 1), encoding="utf-8")
    call.poll()  # two funding values newly flagged, two PDF pages to picture: one is left
    with Store(settings.data_dir) as store:
        assert register_files.pictures_pending(store) == 1
    _, opened = call.poll()  # nothing new, yet the register is written again for the picture
    assert opened == {"read": 0, "ocr": 0, "converted": 0}
    with Store(settings.data_dir) as store:
        assert register_files.pictures_pending(store) == 0

"""The decisions the middle layer takes between the readers and the writers, each seen where a
user sees it: a real Maildir of real .eml/.docx bytes, real polls (`run_once`), then
register.jsonl (the contract export), register.xlsx read back with openpyxl, and the replies a
real SMTP server received.

- a value the reader kept but doubts becomes a NEEDS_REVIEW finding naming the field;
- 待处理 lists rows only staff can settle (to review) first, then what the applicant can fix, each by arrival;
- of one form sent twice in one email, the more filled copy is the application;
- rows reach every output in register-number order, and numbers follow arrival.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from shenbao.demo.catalogue import DemoReceipt
from shenbao.demo.forms import FormSpec, build_docx, example_spec
from shenbao.demo.mail import build_eml
from shenbao.demo.workspace import receipts_to_xlsx
from shenbao.pipeline import run_once
from shenbao.settings import Settings, load_settings
from tests.service.smtp_server import SmtpServer
from tests.support.settings import MAILDIR_SETTINGS_TOML

CST = timezone(timedelta(hours=8))
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The Maildir settings every test uses, with the paper ledger of this workspace.
SETTINGS_TOML = MAILDIR_SETTINGS_TOML.replace('output_dir = "output"\n', 'output_dir = "output"\nreceipts = "receipts.xlsx"\n')
assert "receipts.xlsx" in SETTINGS_TOML

# Five units with five projects, different enough that no two rows are taken for a resend.
UNITS = {
    "甲": ("湖南省示例声学学会", "湘江流域声景生态保护学术研讨会"),
    "乙": ("湖南省示例鸟类学会", "洞庭湖湿地候鸟监测技术论坛"),
    "丙": ("湖南省示例林学会", "岳麓山古树名木保护学术年会"),
    "丁": ("湖南省示例地质学会", "张家界砂岩峰林地貌研学交流会"),
    "戊": ("湖南省示例安全学会", "浏阳花炮安全生产技术研讨会"),
}
# The example form asks for 8 万元 against a budget whose 合计 is 8: asking 6 against the same
# budget is a value the reader keeps but doubts (fields.py lists it in low_confidence).
DOUBTED_FUNDING = "6万元"
# An empty 手机 and an empty 电子邮箱: a copy less filled in than the example (two MISSING_FIELD).
LESS_FILLED = {"leader_phone": "", "contact_email": ""}


def form(unit: str, **changes: object) -> FormSpec:
    org, project = UNITS[unit]
    return example_spec(applicant_org=org, project_name=project, **changes)


def received(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 4, day, hour, 0, tzinfo=CST)


class Workspace:
    """A Maildir, a paper ledger and a settings file under `root`."""

    def __init__(self, root: Path, reply: str = "") -> None:
        self.root = root
        self.maildir = root / "maildir"
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        self.receipts: list[DemoReceipt] = []
        self.set_reply(reply)

    def set_reply(self, reply: str) -> None:
        (self.root / "shenbao.toml").write_text(SETTINGS_TOML + reply, encoding="utf-8")

    @property
    def settings(self) -> Settings:
        return load_settings(self.root / "shenbao.toml")

    def mail(self, tag: str, forms: Sequence[FormSpec], when: datetime) -> str:
        """One email carrying `forms` as .docx attachments, delivered at `when` (the Maildir
        file's mtime is the server's receipt time); returns its Message-ID."""
        message_id = f"<{tag}@units.example.org>"
        raw = build_eml(sender=f"{tag}@units.example.org", sender_name=f"申报单位{tag}",
                        subject=f"项目申报材料（{tag}）", body="您好，附件为申报书，请查收。",
                        attachments=[(f"申报书{n}.docx", build_docx(spec), DOCX) for n, spec in enumerate(forms, 1)],
                        date=when, message_id=message_id, client_style="coremail")
        path = self.maildir / "cur" / f"{int(when.timestamp())}.{tag}.test:2,S"
        path.write_bytes(raw)
        os.utime(path, (when.timestamp(), when.timestamp()))
        return message_id

    def paper(self, unit: str, receipt_id: str, on: date) -> None:
        """Three paper copies of `unit`'s project logged in the ledger on `on`."""
        org, project = UNITS[unit]
        self.receipts.append(DemoReceipt(receipt_id, on, on, org, project, 3, "周敏"))
        (self.root / "receipts.xlsx").write_bytes(receipts_to_xlsx(self.receipts))

    def poll(self) -> list[dict[str, Any]]:
        settings = self.settings
        run_once(settings)
        text = (settings.output_dir / "register.jsonl").read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def sheet_ids(self, sheet: str) -> list[str]:
        """The 编号 column of one sheet of register.xlsx, top to bottom."""
        wb = load_workbook(self.settings.output_dir / "register.xlsx", read_only=True)
        try:
            rows = wb[sheet].iter_rows(values_only=True)
            column = list(next(rows)).index("编号")
            return [str(r[column]) for r in rows if r[column] is not None]
        finally:
            wb.close()


def by_message(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["message_id"]: r for r in rows if r["message_id"]}


def review_fields(row: dict[str, Any]) -> list[str | None]:
    return [f["field"] for f in row["findings"] if f["code"] == "NEEDS_REVIEW"]


def error_codes(row: dict[str, Any]) -> list[str]:
    return sorted(f["code"] for f in row["findings"] if f["severity"] == "error")


# --------------------------------------------------------------------------- low confidence


def test_a_value_the_reader_doubts_goes_to_a_person_naming_the_field(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    doubted = ws.mail("doubted", [form("甲", funding=DOUBTED_FUNDING)], received(10))
    clean = ws.mail("clean", [form("乙")], received(11))
    ws.paper("甲", "P-001", date(2024, 4, 20))
    ws.paper("乙", "P-002", date(2024, 4, 20))

    rows = by_message(ws.poll())

    row = rows[doubted]
    assert row["fields"]["funding_wan"] == 6.0  # kept, not dropped
    (finding,) = [f for f in row["findings"] if f["code"] == "NEEDS_REVIEW"]
    assert finding["field"] == "funding_wan" and finding["severity"] == "warning"
    assert "申请经费" in finding["message"] and "申报书1.docx" in finding["message"]
    assert error_codes(row) == []
    assert review_fields(rows[clean]) == [] and rows[clean]["findings"] == []
    # Staff see it: the row is 需人工核对 and waits on 待处理; the clean one does not.
    assert ws.sheet_ids("待处理") == [row["id"]]


# --------------------------------------------------------------------------- 待处理 order


def test_pending_sheet_lists_rows_to_review_first_then_fixable_ones_by_arrival(tmp_path: Path) -> None:
    ws = Workspace(tmp_path)
    # Arrival order interleaves the groups, so that neither arrival nor the number of errors
    # passes by chance.
    review_early = ws.mail("review-early", [form("甲", funding=DOUBTED_FUNDING)], received(10))
    one_error = ws.mail("one-error", [form("乙", leader_phone="")], received(11))
    two_errors = ws.mail("two-errors", [form("丙", **LESS_FILLED)], received(12))
    review_late = ws.mail("review-late", [form("丁", funding=DOUBTED_FUNDING)], received(13))
    clean = ws.mail("clean", [form("戊")], received(14))
    for n, unit in enumerate(UNITS, 1):
        ws.paper(unit, f"P-{n:03d}", date(2024, 4, 20))

    rows = by_message(ws.poll())

    assert error_codes(rows[one_error]) == ["MISSING_FIELD"]
    assert error_codes(rows[two_errors]) == ["MISSING_FIELD", "MISSING_FIELD"]
    assert review_fields(rows[review_early]) == review_fields(rows[review_late]) == ["funding_wan"]
    ids = {mid: rows[mid]["id"] for mid in (review_early, one_error, two_errors, review_late, clean)}
    assert ws.sheet_ids("总表") == sorted(ids.values())
    assert ws.sheet_ids("待处理") == [ids[review_early], ids[review_late], ids[one_error], ids[two_errors]]


# --------------------------------------------------------------------------- one form sent twice


@pytest.mark.parametrize("complete_first", [True, False], ids=["complete-copy-first", "complete-copy-second"])
def test_a_form_sent_twice_in_one_email_is_one_application_read_from_the_more_filled_copy(
        tmp_path: Path, complete_first: bool) -> None:
    ws = Workspace(tmp_path)
    complete, less_filled = form("甲"), form("甲", **LESS_FILLED)
    mid = ws.mail("twice", [complete, less_filled] if complete_first else [less_filled, complete], received(10))
    ws.paper("甲", "P-001", date(2024, 4, 20))

    rows = ws.poll()

    (row,) = [r for r in rows if r["message_id"] == mid]
    assert row["kind"] == "application"
    assert [f["role"] for f in row["files"]] == ["form", "form"]  # both copies are listed
    assert row["fields"]["leader_phone"] == complete.leader_phone
    assert row["fields"]["contact_email"] == complete.contact_email
    assert row["findings"] == []
    assert ws.sheet_ids("待处理") == []


# --------------------------------------------------------------------------- register-number order


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


def test_mail_that_arrives_late_gets_the_next_number_and_every_output_follows_numbers(
        tmp_path: Path, smtp: SmtpServer) -> None:
    """A message can reach the store after later-dated ones (moved into the inbox from
    another folder, fetched after an outage): it keeps its server date but gets the next
    register number, after a paper-only row numbered in between; the export, 总表 and the
    replies all still go by number."""
    ws = Workspace(tmp_path)
    first = ws.mail("first", [form("甲")], received(10))
    second = ws.mail("second", [form("乙")], received(12))
    ws.paper("甲", "P-001", date(2024, 4, 20))
    ws.paper("乙", "P-002", date(2024, 4, 20))
    ws.paper("丙", "P-003", date(2024, 4, 21))  # paper copies that came without an email
    before = ws.poll()
    assert [(r["message_id"], r["id"]) for r in before] == [
        (first, "2024-0001"), (second, "2024-0002"), (None, "2024-0003")]

    # Replies are switched on for the second poll, so that it answers old and new rows at once.
    ws.set_reply(f"""
[reply]
enabled = true
mode = "send"
not_before = 2024-01-01T00:00:00+08:00
smtp_host = "127.0.0.1"
smtp_port = {smtp.port}
smtp_tls = "none"
timeout_seconds = 10
""")
    late = ws.mail("late", [form("丁")], received(11))  # dated between the first two
    newest = ws.mail("newest", [form("戊")], received(20))
    after = ws.poll()

    numbers = {r["id"]: r["message_id"] for r in after}
    assert numbers == {"2024-0001": first, "2024-0002": second, "2024-0003": None,
                       "2024-0004": late, "2024-0005": newest}
    assert [r["id"] for r in after] == sorted(numbers)
    assert ws.sheet_ids("总表") == sorted(numbers)
    # The writers of register.jsonl and register.xlsx sort by number themselves; replies go out
    # in the order the register's rows come, so they show that the rows themselves are sorted
    # (stored order here is first, late, second, newest).
    replied = [r.message["In-Reply-To"] for r in smtp.inbox.messages]
    assert replied == [first, second, late, newest]

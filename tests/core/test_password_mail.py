"""A protected attachment whose password the sender wrote in the mail is opened with it, as a
clerk would: through the whole poll (Maildir → register), including the resend that brings the
password after the file was already found unreadable, and the mail whose password is wrong."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from shenbao.demo.forms import build_docx, build_pdf, example_spec
from shenbao.demo.mail import build_eml
from shenbao.extraction import EXTRACTION_VERSION
from shenbao.pipeline import run_once
from shenbao.settings import Settings, load_settings
from shenbao.store import Store
from tests.builders.docx_quirks import encrypted_docx
from tests.builders.locked_files import encrypted_doc, encrypted_pdf
from tests.support.settings import MAILDIR_SETTINGS_TOML

CST = timezone(timedelta(hours=8))
SPEC = example_spec()
PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC_TYPE = "application/msword"


@pytest.fixture(scope="module")
def pdf_1234() -> bytes:
    return encrypted_pdf(build_pdf(SPEC), "1234")


class Mailbox:
    """A Maildir workspace the tests drop mails into, one minute apart."""

    def __init__(self, root: Path) -> None:
        for sub in ("cur", "new", "tmp"):
            (root / "maildir" / sub).mkdir(parents=True)
        (root / "shenbao.toml").write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
        self.root = root
        self.settings: Settings = load_settings(root / "shenbao.toml")
        self.count = 0

    def deliver(self, subject: str, body: str, name: str, data: bytes, content_type: str) -> None:
        self.count += 1
        when = datetime(2024, 4, 10, 9, 0, tzinfo=CST) + timedelta(minutes=self.count)
        raw = build_eml(sender="hnsxxh@163.com", sender_name="湖南省示例声学学会", subject=subject, body=body,
                        attachments=[(name, data, content_type)], date=when,
                        message_id=f"<p{self.count}@example.cn>", client_style="qq", received_at=when)
        path = self.root / "maildir" / "cur" / f"{int(when.timestamp())}.p{self.count}.host:2,S"
        path.write_bytes(raw)
        os.utime(path, (when.timestamp(), when.timestamp()))

    def rows(self) -> dict[str, dict[str, Any]]:
        """The register's rows by subject."""
        lines = (self.settings.output_dir / "register.jsonl").read_text("utf-8").splitlines()
        return {row["subject"]: row for row in map(json.loads, lines)}

    def form_notes(self, subject: str) -> tuple[str, ...]:
        with Store(self.settings.data_dir) as store:
            (sub,) = [s for s in store.submissions(EXTRACTION_VERSION) if s.subject == subject]
        assert sub.form is not None
        return sub.form.notes


def unreadable_messages(row: dict[str, Any]) -> list[str]:
    return [f["message"] for f in row["findings"] if f["code"] == "UNREADABLE_FILE"]


def test_a_pdf_is_opened_with_the_password_in_the_body_and_the_form_says_so(tmp_path: Path, pdf_1234: bytes) -> None:
    box = Mailbox(tmp_path)
    box.deliver("申报-声景研讨会", "老师好：申报书已加密，打开密码：1234，请查收。", "申报书.pdf", pdf_1234, PDF_TYPE)

    run_once(box.settings)

    row = box.rows()["申报-声景研讨会"]
    assert row["fields"]["project_name"] == SPEC.project_name
    assert row["fields"]["leader_name"] == SPEC.leader_name
    assert unreadable_messages(row) == []
    assert [f["role"] for f in row["files"]] == ["form"]
    assert "已用邮件正文中提供的密码“1234”打开" in box.form_notes("申报-声景研讨会")


def test_a_resend_bringing_the_password_reads_the_file_the_first_mail_could_not(tmp_path: Path,
                                                                               pdf_1234: bytes) -> None:
    box = Mailbox(tmp_path)
    box.deliver("申报-声景研讨会", "申报书见附件。", "申报书.pdf", pdf_1234, PDF_TYPE)
    run_once(box.settings)
    first = box.rows()["申报-声景研讨会"]
    assert first["fields"]["project_name"] is None
    assert unreadable_messages(first) == ["附件“申报书.pdf”无法打开：PDF文件已加密（需要密码）"]

    # The same file, byte for byte: its cached "encrypted" verdict must not answer this mail.
    box.deliver("补发密码-声景研讨会", "刚才的申报书忘了说密码，PDF密码是「1234」。", "申报书.pdf", pdf_1234, PDF_TYPE)
    run_once(box.settings)

    rows = box.rows()
    assert rows["补发密码-声景研讨会"]["fields"]["project_name"] == SPEC.project_name
    assert unreadable_messages(rows["申报-声景研讨会"]) == unreadable_messages(first)  # its mail said no password


def test_a_wrong_password_leaves_the_file_unreadable_saying_the_mails_passwords_failed(tmp_path: Path,
                                                                                      pdf_1234: bytes) -> None:
    box = Mailbox(tmp_path)
    box.deliver("申报-声景研讨会", "附件密码：4321", "申报书.pdf", pdf_1234, PDF_TYPE)

    run_once(box.settings)

    row = box.rows()["申报-声景研讨会"]
    assert row["fields"]["project_name"] is None
    assert unreadable_messages(row) == [
        "附件“申报书.pdf”无法打开：PDF文件已加密（需要密码），邮件正文中提供的密码均无法打开（已试：4321）"]


def test_an_encrypted_word_file_is_opened_with_the_password_in_the_body(tmp_path: Path) -> None:
    box = Mailbox(tmp_path)
    box.deliver("申报-声景研讨会", "申报书Word版已设密码，密码为Hn2024。", "申报书.docx",
                encrypted_docx(build_docx(SPEC), password="Hn2024"), DOCX_TYPE)

    run_once(box.settings)

    row = box.rows()["申报-声景研讨会"]
    assert row["fields"]["project_name"] == SPEC.project_name
    assert row["fields"]["contact_email"] == SPEC.contact_email
    assert "已用邮件正文中提供的密码“Hn2024”打开" in box.form_notes("申报-声景研讨会")


@pytest.mark.slow
def test_an_encrypted_word_97_file_is_decrypted_before_libreoffice_converts_it(tmp_path: Path) -> None:
    box = Mailbox(tmp_path / "mail")
    box.deliver("申报-声景研讨会", "附件为申报书（doc格式），文件密码：1234", "申报书.doc",
                encrypted_doc(build_docx(SPEC), "1234", tmp_path), DOC_TYPE)

    run_once(box.settings)

    row = box.rows()["申报-声景研讨会"]
    assert row["fields"]["project_name"] == SPEC.project_name
    assert "已用邮件正文中提供的密码“1234”打开" in box.form_notes("申报-声景研讨会")

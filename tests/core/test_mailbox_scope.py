"""The mailbox's scope: several folders, a junk folder taken only for real applications, and a
start date before which mail is kept but neither numbered nor shown — over a real Dovecot."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.extraction import EXTRACTION_VERSION
from shenbao.store import Store
from tests.service.workspaces import MAILDIR_SETTINGS, case, case_eml, write_maildir, write_settings
from tests.support.dovecot import Dovecot, imap_settings_toml

CST = timezone(timedelta(hours=8))
PASSWORD_ENV = "SHENBAO_SCOPE_PASSWORD"


def exported(root: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in (root / "output" / "register.jsonl").read_text("utf-8").splitlines()]


def test_extra_and_junk_folders_are_read_and_old_mail_is_kept_but_not_registered(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("INBOX", "申报材料", "垃圾邮件"):
        dovecot.reset(folder)
    last_year = case("D12", message_id="<old-2023@example.cn>", received_at=datetime(2023, 5, 10, 9, 0, tzinfo=CST))
    dovecot.append(case_eml(case("D11")), case("D11").received_at)
    dovecot.append(case_eml(last_year), last_year.received_at)
    dovecot.append(case_eml(case("D12")), case("D12").received_at, folder="申报材料")
    dovecot.append(case_eml(case("D13")), case("D13").received_at, folder="垃圾邮件")  # an application
    dovecot.append(case_eml(case("D20")), case("D20").received_at, folder="垃圾邮件")  # a question: junk stays out
    monkeypatch.setenv(PASSWORD_ENV, dovecot.password)
    config = write_settings(tmp_path, imap_settings_toml(dovecot, PASSWORD_ENV).replace(
        'folder = "INBOX"', 'folder = "INBOX"\nextra_folders = ["申报材料"]\njunk_folders = ["垃圾邮件"]'))

    assert main(["poll", "-c", str(config)]) == 0

    rows = {r["message_id"]: r for r in exported(tmp_path)}
    assert set(rows) == {case(k).message_id for k in ("D11", "D12", "D13")}
    junk = [f["code"] for f in rows[case("D13").message_id]["findings"]]
    assert "FROM_JUNK_FOLDER" in junk and "DESIGNATED_ITEM" in junk
    assert not any(f["code"] == "FROM_JUNK_FOLDER" for f in rows[case("D12").message_id]["findings"])
    assert [r["id"] for r in sorted(rows.values(), key=lambda r: r["received_at"])] == \
        ["2024-0001", "2024-0002", "2024-0003"]  # nothing numbered for the hidden mail
    with Store(tmp_path / "data") as store:
        assert store.message_count() == 5  # every message is kept
        # …and last year's is not even read (it is, should the start move before it).
        assert [m.internaldate.year for m in store.unprocessed(EXTRACTION_VERSION)] == [2023]
    capsys.readouterr()


def test_the_since_setting_moves_the_start(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_maildir(tmp_path, [case("D11"), case("D12"), case("D13")])
    config = write_settings(tmp_path, MAILDIR_SETTINGS.replace(
        'password_env = "SHENBAO_TEST_SMTP_PASSWORD"', 'password_env = "SHENBAO_TEST_SMTP_PASSWORD"\nsince = 2024-04-23'))

    assert main(["poll", "-c", str(config)]) == 0

    assert {r["message_id"] for r in exported(tmp_path)} == {case("D12").message_id, case("D13").message_id}
    capsys.readouterr()

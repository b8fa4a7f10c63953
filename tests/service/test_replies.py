"""Replies (回执) through the whole poll, against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.pipeline import run_once
from shenbao.replying import reply_states
from shenbao.settings import Settings, load_settings
from shenbao.store import Store
from tests.service.smtp_server import SmtpServer
from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings

PASSWORD = "smtp-授权码-test".encode().hex()[:16]


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(user="hnkxxhb@126.com", password=PASSWORD).start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def authorisation_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHENBAO_TEST_SMTP_PASSWORD", PASSWORD)


def reply_settings(root: Path, port: int, mode: str = "send") -> Settings:
    path = write_settings(root, MAILDIR_SETTINGS + f"""
[reply]
enabled = true
mode = "{mode}"
smtp_host = "127.0.0.1"
smtp_port = {port}
smtp_tls = "none"
timeout_seconds = 5
""")
    return load_settings(path)


def export(settings: Settings) -> dict[str, dict]:  # type: ignore[type-arg]
    rows = [json.loads(line) for line in (settings.output_dir / "register.jsonl").read_text("utf-8").splitlines()]
    return {r["sender"]: r for r in rows if r["sender"]}


def test_each_application_gets_one_reply_and_other_auto_list_and_superseded_mail_get_none(
        tmp_path: Path, smtp: SmtpServer) -> None:
    listed = case("D04", sender="list@lists.example.org", message_id="<list-d04@example.org>",
                  extra_headers=(("List-Id", "<kx.lists.example.org>"), ("Precedence", "list")))
    auto = case("D06", sender="robot@auto.example.org", message_id="<auto-d06@example.org>",
                extra_headers=(("Auto-Submitted", "auto-generated"),))
    cases = [case("D01"), case("D02"), case("D11"), case("D17"), case("D18"), case("D20"), listed, auto]
    write_maildir(tmp_path, cases)
    settings = reply_settings(tmp_path, smtp.port)

    report = run_once(settings)

    rows = export(settings)
    d02, d11, d18 = rows[case("D02").sender], rows[case("D11").sender], rows[case("D18").sender]
    got = {r.envelope_to[0] for r in smtp.inbox.messages}
    assert got == {case("D02").sender, case("D11").sender, case("D18").sender}
    assert len(smtp.inbox.messages) == 3
    assert smtp.inbox.logins == [("hnkxxhb@126.com", PASSWORD)] * 1
    (reply,) = smtp.inbox.to(case("D11").sender)
    body = reply.get_content()
    assert d11["id"] in reply["Subject"] and d11["id"] in body
    assert reply["In-Reply-To"] == d11["message_id"] and reply["Auto-Submitted"] == "auto-replied"
    funding = next(f for f in d11["findings"] if f["code"] == "FUNDING_OUT_OF_RANGE")
    assert funding["message"] in body
    assert d11["fields"]["applicant_org"] in body and d11["fields"]["project_name"] in body
    (clean,) = smtp.inbox.to(case("D02").sender)
    assert "暂未发现问题" in clean.get_content() and d02["id"] in clean["Subject"]
    assert "纸质材料提醒" in clean.get_content()  # no ledger in this workspace: the paper copy is missing
    (latest,) = smtp.inbox.to(case("D18").sender)
    assert d18["id"] in latest["Subject"]
    assert any("已发送回执 3 封" in n for n in report.notes)

    run_once(settings, force_write=True)
    assert len(smtp.inbox.messages) == 3  # the same application version is never answered twice
    with Store(settings.data_dir) as store:
        states = [s for s, _ in reply_states(store).values()]
    assert states.count("sent") == 3 and "failed" not in states


def test_a_resent_application_is_a_new_version_and_gets_its_own_reply(tmp_path: Path, smtp: SmtpServer) -> None:
    write_maildir(tmp_path, [case("D17")])
    settings = reply_settings(tmp_path, smtp.port)
    run_once(settings)
    assert len(smtp.inbox.to(case("D17").sender)) == 1
    write_maildir(tmp_path, [case("D18")])  # the corrected version, same unit
    run_once(settings)
    subjects = [m["Subject"] for m in smtp.inbox.to(case("D18").sender)]
    rows = export(settings)
    assert len(subjects) == 2 and rows[case("D18").sender]["id"] in subjects[1]


def test_a_send_failure_is_reported_and_retried_on_every_next_poll_until_it_goes_through(tmp_path: Path) -> None:
    server = SmtpServer(user="hnkxxhb@126.com", password=PASSWORD)  # not started: the server is down
    write_maildir(tmp_path, [case("D11")])
    settings = reply_settings(tmp_path, server.port)

    first = run_once(settings)

    assert any("回执发送失败 1 封" in n and "下次收信时自动重试" in n for n in first.notes)
    assert not any(PASSWORD in n for n in first.notes)
    with Store(settings.data_dir) as store:
        assert [s for s, _ in reply_states(store).values()] == ["failed"]
        assert store.events("reply_error")
    again = run_once(settings)  # still down: reported again, and still due
    assert any("回执发送失败 1 封" in n for n in again.notes)
    server.start()
    try:
        second = run_once(settings)  # no new mail: the retry alone makes this poll send
        assert len(server.inbox.to(case("D11").sender)) == 1
        assert any("已发送回执 1 封" in n for n in second.notes)
        run_once(settings)
        assert len(server.inbox.messages) == 1
    finally:
        server.stop()


def test_a_wrong_authorisation_code_is_a_failure_in_chinese_not_a_crash(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    server = SmtpServer(user="hnkxxhb@126.com", password="the-right-one").start()
    try:
        write_maildir(tmp_path, [case("D02")])
        report = run_once(reply_settings(tmp_path, server.port))
        assert server.inbox.messages == []
        assert any("SMTP 登录失败" in n and "授权码" in n for n in report.notes), report.notes
    finally:
        server.stop()


def test_draft_mode_writes_one_eml_per_application_and_sends_nothing(tmp_path: Path, smtp: SmtpServer) -> None:
    write_maildir(tmp_path, [case("D11"), case("D20")])
    settings = reply_settings(tmp_path, smtp.port, mode="draft")

    report = run_once(settings)

    assert smtp.inbox.messages == []
    d11 = export(settings)[case("D11").sender]
    drafts = sorted((tmp_path / "output" / "回执草稿").glob("*.eml"))
    assert [p.name for p in drafts] == [f"{d11['id']}.eml"]
    draft = email.message_from_bytes(drafts[0].read_bytes(), policy=email.policy.default)
    assert draft["To"] == case("D11").sender and draft["In-Reply-To"] == d11["message_id"]
    assert "申请经费" in draft.get_content()
    assert any("回执草稿 1 封" in n for n in report.notes)
    run_once(settings, force_write=True)
    assert len(list((tmp_path / "output" / "回执草稿").glob("*.eml"))) == 1


def test_replies_stay_off_unless_enabled(tmp_path: Path, smtp: SmtpServer) -> None:
    write_maildir(tmp_path, [case("D02")])
    path = write_settings(tmp_path, MAILDIR_SETTINGS + f"\n[reply]\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {smtp.port}\n")
    run_once(load_settings(path))
    assert smtp.inbox.messages == []
    assert not (tmp_path / "output" / "回执草稿").exists()

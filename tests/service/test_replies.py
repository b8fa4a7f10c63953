"""Replies (回执) through the whole poll, against a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import json
import os
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.pipeline import run_once
from shenbao.record import MailFacts
from shenbao.reply_delivery import send_replies
from shenbao.settings import Settings, load_settings
from shenbao.store import Store
from tests.builders.eml import encoded_words, mail, text_part
from tests.outputs.rows import application_row
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


# The call is still open when these polls run: a fixable application gets its 补正通知 (once
# the deadline has passed it goes to staff instead; tests/core/test_reply_drafts.py).
OPEN_CALL = MAILDIR_SETTINGS.replace('electronic = "2024-04-30T17:00:00+08:00"', 'electronic = "2099-04-30T17:00:00+08:00"')


def reply_settings(root: Path, port: int, mode: str = "send") -> Settings:
    # not_before: the demo's mail is from 2024; without it, switching replies on in this
    # workspace would (rightly) answer none of the mail already there.
    path = write_settings(root, OPEN_CALL + f"""
[reply]
enabled = true
mode = "{mode}"
smtp_host = "127.0.0.1"
smtp_port = {port}
smtp_tls = "none"
timeout_seconds = 5
not_before = 2024-01-01T00:00:00+08:00
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
    # A mass mailing says so with List-Unsubscribe alone (no Precedence header).
    bulk = case("D10", sender="news@bulk.example.org", message_id="<bulk-d10@example.org>",
                extra_headers=(("List-Unsubscribe", "<mailto:leave@bulk.example.org>"),))
    cases = [case("D01"), case("D02"), case("D11"), case("D17"), case("D18"), case("D20"), listed, auto, bulk]
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
    assert reply["Subject"].startswith("【补正通知】") and "2099年4月30日 17:00（北京时间）" in body
    assert d11["fields"]["applicant_org"] in body and d11["fields"]["project_name"] in body
    (clean,) = smtp.inbox.to(case("D02").sender)
    assert "暂未发现问题" in clean.get_content() and d02["id"] in clean["Subject"]
    assert clean["Subject"].startswith("【受理回执】") and clean.get_content().startswith("湖南省声学学会：")
    assert "纸质材料提醒" in clean.get_content()  # no ledger in this workspace: the paper copy is missing
    (latest,) = smtp.inbox.to(case("D18").sender)
    assert d18["id"] in latest["Subject"]
    assert any("已发送回执 3 封" in n for n in report.notes)

    run_once(settings, force_write=True)
    assert len(smtp.inbox.messages) == 3  # the same application version is never answered twice
    with Store(settings.data_dir) as store:
        states = [s for s, _ in store.reply_states().values()]
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
        assert [s for s, _ in store.reply_states().values()] == ["failed"]
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


# --------------------------------------------------------------------------- hostile header values

INJECTED_SUBJECT = "申报\r\nBcc: evil@x.org"


def deliver_raw(root: Path, name: str, raw: bytes) -> None:
    """One more message in the workspace's Maildir, received before the deadline."""
    path = root / "maildir" / "cur" / f"1714356000.{name}:2,S"
    path.write_bytes(raw)
    when = datetime(2024, 4, 29, 10, 0, tzinfo=timezone(timedelta(hours=8))).timestamp()
    os.utime(path, (when, when))


@pytest.mark.parametrize("mode", ["send", "draft"])
def test_a_crlf_subject_cannot_inject_a_header_and_a_reply_that_cannot_be_built_stops_no_other(
        tmp_path: Path, smtp: SmtpServer, mode: str) -> None:
    write_maildir(tmp_path, [case("D02"), case("D11")])
    # RFC 2047 hides the CR/LF on the wire; it appears only once the subject is decoded.
    deliver_raw(tmp_path, "crlf", mail(subject=encoded_words(INJECTED_SUBJECT), sender="unit@crlf.example.org",
                                       message_id="<crlf@crlf.example.org>", parts=[text_part("申报材料见附件")]))
    # An address the parser keeps but no reply can go to.
    deliver_raw(tmp_path, "badaddr", mail(subject="项目申报", sender="某学会 <bad,addr@unit.example.org>",
                                          message_id="<bad@unit.example.org>", parts=[text_part("申报材料见附件")]))
    settings = reply_settings(tmp_path, smtp.port, mode=mode)

    report = run_once(settings)

    rows = export(settings)
    ids = {sender: rows[sender]["id"] for sender in (case("D02").sender, case("D11").sender)}
    if mode == "send":
        assert sorted(r.envelope_to for r in smtp.inbox.messages) == sorted([[s] for s in ids])
        out = [r.message for r in smtp.inbox.messages]
    else:
        assert smtp.inbox.messages == []
        drafts = sorted((tmp_path / "output" / "回执草稿").glob("*.eml"))
        assert sorted(p.stem for p in drafts) == sorted(ids.values())
        out = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in drafts]
    for msg in out:
        assert msg["Bcc"] is None and msg.defects == []
        assert all("evil@x.org" not in str(msg[h]) for h in ("To", "Cc", "From", "Reply-To"))

    bad_id, crlf_id = rows["bad,addr@unit.example.org"]["id"], rows["unit@crlf.example.org"]["id"]
    with Store(settings.data_dir) as store:
        records = list(store.reply_states().values())
    assert Counter(r.state for r in records) == {"failed": 2, "drafted" if mode == "draft" else "sent": 2}
    failed = sorted(r.detail for r in records if r.state == "failed")
    assert any("bad,addr@unit.example.org" in d and "不是有效的邮件地址" in d for d in failed)
    assert any("换行符" in d for d in failed)  # the injection attempt: no reply, and staff are told why
    assert any("无法生成回执 2 封" in n and bad_id in n and crlf_id in n for n in report.notes), report.notes


def test_a_single_reply_to_address_gets_the_reply_instead_of_the_sender(tmp_path: Path, smtp: SmtpServer) -> None:
    write_maildir(tmp_path, [case("D02", extra_headers=(("Reply-To", "学会办公室 <Office@Unit.Example.CN>"),))])
    run_once(reply_settings(tmp_path, smtp.port))
    assert [r.envelope_to for r in smtp.inbox.messages] == [["office@unit.example.cn"]]


def test_a_row_that_does_not_say_what_its_mail_was_is_failed_and_the_others_still_get_theirs(
        tmp_path: Path, smtp: SmtpServer) -> None:
    (tmp_path / "maildir").mkdir()
    settings = reply_settings(tmp_path, smtp.port)
    told = application_row("2024-0007", message_sha256="e" * 64, mail=MailFacts(sender="xiehui@example.org"))
    untold = application_row("2024-0008", key="f" * 64 + "#0", message_sha256="f" * 64, mail=None)
    with Store(settings.data_dir) as store:
        notes = send_replies([told, untold], settings, store)
        records = store.reply_states()
    assert [r.envelope_to for r in smtp.inbox.messages] == [["xiehui@example.org"]]
    assert records[(untold.key, "f" * 16)].state == "failed" and "reprocess" in records[(untold.key, "f" * 16)].detail
    assert any("无法生成回执 1 封（2024-0008）" in n for n in notes), notes

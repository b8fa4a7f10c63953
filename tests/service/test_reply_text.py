"""The reply's text and who gets one (pure), and the never-twice bookkeeping."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from shenbao.outputs.reply_text import compose_reply, reply_body, reply_skip_reason
from shenbao.record import Finding
from shenbao.reply_delivery import reply_version, send_replies
from shenbao.settings import load_settings
from shenbao.store import Store
from tests.outputs.rows import application_row, other_row, paper_only_row
from tests.service.workspaces import MAILDIR_SETTINGS, write_settings
from tests.support.dovecot import free_port

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 29, 17, 0, tzinfo=CST)


def row_with(*findings: Finding, **changes: object):  # type: ignore[no-untyped-def]
    return application_row(findings=findings, message_sha256="e" * 64, **changes)


def test_only_the_latest_emailed_application_deserves_a_reply() -> None:
    assert reply_skip_reason(row_with()) is None
    assert "非申报" in (reply_skip_reason(other_row()) or "")
    assert "纸质" in (reply_skip_reason(paper_only_row()) or "")
    assert "2024-0010" in (reply_skip_reason(row_with(superseded_by="2024-0010")) or "")
    late_switch = datetime(2024, 4, 30, tzinfo=CST)
    assert "not_before" in (reply_skip_reason(row_with(), late_switch) or "")


def test_the_body_says_the_number_what_was_read_and_each_problem_with_the_guides_clause() -> None:
    funding = Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan", clause="四（一）1（4）",
                      message="申请经费12万元超出学术交流项目5—10万元/个的范围")
    review = Finding(code="NEEDS_REVIEW", severity="warning", message="“申请经费”识别不确定，请人工核对原件")
    paper = Finding(code="PAPER_MISSING", severity="error", message="纸质件登记簿中没有找到本申报的纸质版（应寄送一式3份）")
    # A NEEDS_REVIEW row gets no automatic reply (case_of); staff may still have one written.
    body = reply_body(row_with(paper, review, funding), CST, case="fixable")
    assert "登记编号为 2024-0007" in body
    assert "湖南省某某学会" in body and "2024年湖南省青年科技工作者学术交流大会" in body
    assert "科技创新服务能力建设项目 › 学术交流" in body and "12 万元" in body
    assert "1. 【错误】申请经费12万元超出" in body and "指南要求：四（一）1（4）" in body
    assert "共 1 项" in body  # the paper copy is a reminder, not a problem to resend for
    assert "纸质材料提醒" in body and "一式3份" in body
    assert "人工核对" not in body  # staff-only notes stay with staff
    assert "收件时间：2024-04-29 16:02" in body


def test_an_unreadable_value_is_said_to_be_unread_not_guessed() -> None:
    row = row_with()
    row = row.model_copy(update={"fields": row.fields.model_copy(update={"funding_wan": None})})  # type: ignore[union-attr]
    assert "申请经费：（未能识别）" in reply_body(row, CST)


def test_the_message_threads_under_the_original_and_is_marked_automatic() -> None:
    row = row_with()
    msg = compose_reply(row, version="v1", from_address="hnkxxhb@126.com", to="xiehui@example.org", tz=CST, now=NOW)
    again = compose_reply(row, version="v1", from_address="hnkxxhb@126.com", to="xiehui@example.org", tz=CST, now=NOW)
    other = compose_reply(row, version="v2", from_address="hnkxxhb@126.com", to="xiehui@example.org", tz=CST, now=NOW)
    assert msg["In-Reply-To"] == "<abc@mail.example>" and msg["Auto-Submitted"] == "auto-replied"
    assert "2024-0007" in msg["Subject"] and msg["Message-ID"].endswith("@126.com>")
    assert msg["Message-ID"] == again["Message-ID"] != other["Message-ID"]


def test_a_send_interrupted_midway_is_reported_as_uncertain_and_never_resent(tmp_path: Path) -> None:
    (tmp_path / "maildir").mkdir()
    path = write_settings(tmp_path, MAILDIR_SETTINGS + f"""
[reply]
enabled = true
mode = "send"
smtp_host = "127.0.0.1"
smtp_port = {free_port()}
smtp_tls = "none"
""")
    settings = load_settings(path)
    row = row_with()
    with Store(settings.data_dir) as store:
        store.record_reply(row.key, reply_version(row), "sending", row.sender or "")
        notes = send_replies([row], settings, store)
        assert len(notes) == 1 and "不明" in notes[0] and "2024-0007" in notes[0]
        assert store.reply_states()[(row.key, reply_version(row))].state == "uncertain"
        assert send_replies([row], settings, store) == []  # nothing tried, nothing failed

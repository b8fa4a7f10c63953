"""Reply drafts (.eml) as staff open them, and who gets none: applications received before
replies were switched on, and rows that staff must check first."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest

from shenbao.errors import SettingsError
from shenbao.outputs.reply_text import compose_reply
from shenbao.record import Finding, MailFacts, RegisterRow
from shenbao.reply_delivery import REPLIES_ON_SINCE, reply_version, send_replies
from shenbao.settings import Settings, load_settings
from shenbao.store import Store
from tests.outputs.rows import application_row
from tests.support.settings import MAILDIR_SETTINGS_TOML

CST = timezone(timedelta(hours=8))
# The demo rows were received on 2024-04-29 (UTC 08:02), a day before the guide's deadline.
SWITCHED_ON = datetime(2024, 4, 29, 20, 0, tzinfo=CST)
MISSING_PHONE = Finding(code="MISSING_FIELD", severity="error", field="leader_phone", clause="一、3",
                        message="申报书缺少“负责人电话”（或无法识别），指南要求填写时要素齐全（指南一、3）")
DOUBT = Finding(code="NEEDS_REVIEW", severity="warning", field="funding_wan", message="“申请经费”识别不确定，请人工核对原件")


def workspace(root: Path, reply: str = "") -> Settings:
    (root / "maildir").mkdir(exist_ok=True)
    path = root / "shenbao.toml"
    path.write_text(MAILDIR_SETTINGS_TOML + '\n[reply]\nenabled = true\nmode = "draft"\n' + reply, encoding="utf-8")
    return load_settings(path)


def row(n: int, received: datetime, *findings: Finding) -> RegisterRow:
    sha = f"{n:x}" * 64
    return application_row(f"2024-000{n}", key=f"{sha[:64]}#0", message_sha256=sha[:64], received_at=received,
                           findings=findings, mail=MailFacts(sender=f"unit{n}@example.org", sender_name="谢会"))


def drafts(settings: Settings) -> dict[str, EmailMessage]:
    folder = settings.output_dir / "回执草稿"
    return {p.stem: email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in sorted(folder.glob("*.eml"))}


def test_a_draft_opens_as_unsent_and_is_dated_in_beijing_time(tmp_path: Path) -> None:
    settings = workspace(tmp_path, 'not_before = 2024-01-01T00:00:00+08:00\noffice_name = "湖南省科协学会部"\n'
                                   'phone = "0731-84567890"\n')
    with Store(settings.data_dir) as store:
        send_replies([row(1, SWITCHED_ON, MISSING_PHONE)], settings, store,
                     now=datetime(2024, 4, 29, 12, 30, tzinfo=timezone.utc))
    draft = drafts(settings)["2024-0001"]
    assert draft["X-Unsent"] == "1"
    assert draft["Date"] == "Mon, 29 Apr 2024 20:30:00 +0800"
    assert str(draft["Subject"]).startswith("【补正通知】")
    body = draft.get_content()
    assert "2024年4月30日 17:00（北京时间）" in body  # the guide's deadline, read by the reply step itself
    assert "湖南省科协学会部" in body and "联系电话：0731-84567890" in body


def test_a_reply_that_is_sent_is_not_marked_unsent() -> None:
    msg = compose_reply(row(1, SWITCHED_ON), version="v1", from_address="hnkxxhb@126.com", to="unit1@example.org",
                        tz=CST, now=SWITCHED_ON)
    assert msg["X-Unsent"] is None and msg["Date"].endswith("+0800")


def test_switching_replies_on_answers_only_what_arrives_afterwards_and_says_how_many_were_left_out(
        tmp_path: Path) -> None:
    settings = workspace(tmp_path)
    old = [row(1, SWITCHED_ON - timedelta(days=3)), row(2, SWITCHED_ON - timedelta(minutes=1))]
    new = row(3, SWITCHED_ON + timedelta(minutes=9))
    with Store(settings.data_dir) as store:
        notes = send_replies(old, settings, store, now=SWITCHED_ON)
        assert drafts(settings) == {}
        assert any("此前收到的 2 份申报不发回执" in n and "2024-0001、2024-0002" in n
                   and "2024-04-29 20:00" in n and "not_before" in n for n in notes), notes
        assert store.get_counter(REPLIES_ON_SINCE) == int(SWITCHED_ON.timestamp())

        later = send_replies([*old, new], settings, store, now=SWITCHED_ON + timedelta(minutes=10))
        assert sorted(drafts(settings)) == ["2024-0003"]
        assert not any("不发回执" in n for n in later), later  # said once, when it happened


def test_an_earlier_not_before_set_afterwards_reaches_the_applications_left_out(tmp_path: Path) -> None:
    settings = workspace(tmp_path)
    old = row(1, SWITCHED_ON - timedelta(days=3))
    with Store(settings.data_dir) as store:
        send_replies([old], settings, store, now=SWITCHED_ON)
    assert drafts(settings) == {}
    settings = workspace(tmp_path, "not_before = 2024-04-01T00:00:00+08:00\n")
    with Store(settings.data_dir) as store:
        send_replies([old], settings, store, now=SWITCHED_ON + timedelta(hours=1))
        assert store.reply_states()[(old.key, reply_version(old))].state == "drafted"
    assert sorted(drafts(settings)) == ["2024-0001"]


def test_switching_replies_off_and_on_again_counts_from_the_second_time(tmp_path: Path) -> None:
    settings = workspace(tmp_path)
    with Store(settings.data_dir) as store:
        send_replies([], settings, store, now=SWITCHED_ON)
        off = settings.model_copy(update={"reply": settings.reply.model_copy(update={"enabled": False})})
        send_replies([], off, store, now=SWITCHED_ON + timedelta(days=1))
        assert store.get_counter(REPLIES_ON_SINCE) == 0
        between = row(1, SWITCHED_ON + timedelta(days=1, hours=1))
        notes = send_replies([between], settings, store, now=SWITCHED_ON + timedelta(days=2))
    assert drafts(settings) == {} and any("此前收到的 1 份申报" in n for n in notes)


def test_a_row_staff_must_check_gets_no_reply_until_the_doubt_is_settled(tmp_path: Path) -> None:
    settings = workspace(tmp_path, "not_before = 2024-01-01T00:00:00+08:00\n")
    doubtful = row(1, SWITCHED_ON, DOUBT)
    with Store(settings.data_dir) as store:
        notes = send_replies([doubtful], settings, store, now=SWITCHED_ON)
        assert drafts(settings) == {}
        assert any("1 份申报需人工核对" in n and "2024-0001" in n for n in notes), notes
        assert send_replies([doubtful], settings, store, now=SWITCHED_ON) == []  # told once
        settled = doubtful.model_copy(update={"findings": ()})  # staff checked the reading
        send_replies([settled], settings, store, now=SWITCHED_ON + timedelta(hours=1))
    assert str(drafts(settings)["2024-0001"]["Subject"]).startswith("【受理回执】")


def test_a_fixable_application_answered_after_the_deadline_is_left_to_staff(tmp_path: Path) -> None:
    settings = workspace(tmp_path, "not_before = 2024-01-01T00:00:00+08:00\n")
    last_minute = row(1, datetime(2024, 4, 30, 16, 55, tzinfo=CST), MISSING_PHONE)
    with Store(settings.data_dir) as store:
        notes = send_replies([last_minute], settings, store, now=datetime(2024, 4, 30, 17, 5, tzinfo=CST))
    assert drafts(settings) == {} and any("需人工核对" in n for n in notes)


# --------------------------------------------------------------------------- the settings

def test_the_signature_settings_have_defaults() -> None:
    reply = Settings().reply
    assert reply.office_name and reply.signature == "" and reply.phone == ""


@pytest.mark.parametrize(("line", "said"), [
    ('office_name = ""', "办公室名称"),
    ('office_name = "甲\\n乙"', "办公室名称"),
    ('phone = "call me"', "电话号码"),
    ('signature = """' + "\n".join(f"第{n}行" for n in range(8)) + '"""', "落款最多 6 行"),
])
def test_a_bad_signature_setting_is_refused_in_chinese_naming_the_key(tmp_path: Path, line: str, said: str) -> None:
    with pytest.raises(SettingsError) as err:
        workspace(tmp_path, line + "\n")
    text = "\n".join(err.value.problems)
    assert f"reply.{line.split(' ')[0]}" in text and said in text


def test_a_multi_line_signature_and_an_extension_number_are_accepted(tmp_path: Path) -> None:
    settings = workspace(tmp_path, 'signature = """\n  张老师\n  长沙市八一路1号\n"""\nphone = "0731-84567890 转 8012"\n')
    assert settings.reply.signature == "张老师\n长沙市八一路1号" and settings.reply.phone == "0731-84567890 转 8012"

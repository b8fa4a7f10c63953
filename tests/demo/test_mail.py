"""build_eml writes mail the way Chinese clients do, and the stdlib parser reads it back."""

from __future__ import annotations

import email
from datetime import datetime, timedelta, timezone
from email import policy
from email.header import decode_header
from email.message import Message

import pytest

from shenbao.demo.mail import build_eml

CST = timezone(timedelta(hours=8))
STYLES = ("qq", "foxmail", "outlook", "coremail", "apple", "thunderbird")
SUBJECT = "湖南省测试学会关于申报2024年度省科协科技创新服务能力提升计划“学术交流”项目的函"
LONG_NAME = "2024年度湖南省科协科技创新服务能力提升计划项目申报书-湖南省测试学会（学术交流）.docx"
FILES = [(LONG_NAME, b"PK\x03\x04" + bytes(range(256)) * 8, "application/vnd.openxmlformats-officedocument"
          ".wordprocessingml.document"), ("附件1：专家名单.pdf", b"%PDF-1.4\n%\xe2\xe3\n", "application/pdf")]


def gb_decode(raw: str) -> str:
    """Decode encoded-words, reading every GB label as gb18030 (the way readers must)."""
    out = []
    for chunk, charset in decode_header(raw):
        if isinstance(chunk, bytes):
            label = (charset or "ascii").lower()
            out.append(chunk.decode("gb18030" if label.startswith("gb") else label))
        else:
            out.append(chunk)
    return "".join(out)


def build(style: str, **kw: object) -> bytes:
    args: dict[str, object] = dict(
        sender="tester@example.cn", sender_name="湖南省测试学会", subject=SUBJECT,
        body="杨老师：\n    您好！附件是申报书，请查收。\n贺晓琳", attachments=FILES,
        date=datetime(2024, 4, 20, 10, 0, tzinfo=CST), message_id="<demo-1@example.cn>", client_style=style,
    )
    args.update(kw)
    return build_eml(**args)  # type: ignore[arg-type]


def filenames(msg: Message) -> list[str]:
    return [gb_decode(n) if "=?" in n else n for p in msg.walk() if (n := p.get_filename())]


@pytest.mark.parametrize("style", STYLES)
def test_subject_filenames_and_body_round_trip_through_compat32(style: str) -> None:
    msg = email.message_from_bytes(build(style), policy=policy.compat32)
    assert gb_decode(str(msg["Subject"])) == SUBJECT
    assert filenames(msg) == [LONG_NAME, "附件1：专家名单.pdf"]
    plain = next(p for p in msg.walk() if p.get_content_type() == "text/plain")
    charset = plain.get_content_charset() or "utf-8"
    body = plain.get_payload(decode=True).decode("gb18030" if charset.startswith("gb") else charset)
    assert "附件是申报书" in body
    payloads = [p.get_payload(decode=True) for p in msg.walk() if p.get_filename()]
    assert payloads == [data for _, data, _ in FILES]
    assert not msg.defects


@pytest.mark.parametrize("style", STYLES)
def test_default_policy_reads_sender_name_and_date(style: str) -> None:
    msg = email.message_from_bytes(build(style), policy=policy.default)
    assert msg["From"].addresses[0].display_name == "湖南省测试学会"
    assert msg["Date"].datetime == datetime(2024, 4, 20, 10, 0, tzinfo=CST)
    assert msg["Message-ID"] == "<demo-1@example.cn>"


def test_qq_style_uses_gb18030_words_and_octet_stream() -> None:
    raw = build("qq").decode("ascii")
    assert "Subject: =?gb18030?B?" in raw
    assert 'filename="=?gb18030?B?' in raw
    assert "Content-Type: application/octet-stream" in raw
    assert "X-QQ-mid:" in raw


def test_foxmail_labels_gbk_text_gb2312() -> None:
    raw = build("foxmail").decode("ascii")
    assert "=?gb2312?B?" in raw and "X-Mailer: Foxmail" in raw


def test_apple_style_uses_rfc2231_continuations_for_long_names() -> None:
    raw = build("apple").decode("ascii")
    assert "filename*0*=utf-8''" in raw and "filename*1*=" in raw


def test_outlook_folds_long_filenames_into_several_words() -> None:
    raw = build("outlook").decode("ascii")
    name_header = raw.split("Content-Disposition: attachment;", 1)[1].split("\r\n\r\n", 1)[0]
    assert name_header.count("=?gb2312?B?") >= 2
    assert "Content-Transfer-Encoding: quoted-printable" in raw


def test_message_without_attachments_is_multipart_alternative() -> None:
    msg = email.message_from_bytes(build("qq", attachments=[]), policy=policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]


def test_received_line_carries_the_server_time_not_the_date_header() -> None:
    received = datetime(2024, 5, 2, 9, 13, 27, tzinfo=CST)
    msg = email.message_from_bytes(build("qq", received_at=received), policy=policy.compat32)
    assert msg["Received"].rstrip().endswith("Thu, 02 May 2024 09:13:27 +0800")
    assert "20 Apr 2024" in msg["Date"]


def test_every_line_is_crlf_terminated_and_short() -> None:
    for style in STYLES:
        raw = build(style)
        lines = raw.split(b"\r\n")
        assert all(b"\n" not in line for line in lines)
        assert max(len(line) for line in lines) <= 998


def test_gbk_only_name_in_gb2312_labelled_body_is_written_as_gbk_bytes() -> None:
    # Outlook and Foxmail label GBK text "gb2312" (Oxygem/Kanmail#178): the bytes must be GBK.
    msg = email.message_from_bytes(build("outlook", body="联系人：柳珺瑶"), policy=policy.compat32)
    plain = next(p for p in msg.walk() if p.get_content_type() == "text/plain")
    assert plain.get_content_charset() == "gb2312"
    data = plain.get_payload(decode=True)
    assert data.decode("gb18030") == "联系人：柳珺瑶"
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")

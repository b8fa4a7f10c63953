"""parse_message over a corpus of real .eml bytes, one or more per quirk of Chinese mail and archives.

Every test asserts the decoded subject and/or filenames AND the attachment bytes, so a
decoder that silently substitutes U+FFFD or drops a part fails here.
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shenbao.intake.charsets import codec_for, decode_bytes
from shenbao.intake.mime import display_name, parse_message

from tests.builders.eml import (
    attachment,
    encoded_words,
    entity,
    forwarded,
    mail,
    multipart,
    text_part,
    winmail_dat,
)
from tests.intake.file_builders import (
    doc_bytes,
    docx_bytes,
    encrypted_docx_bytes,
    ole_bytes,
    patch_zip,
    pdf_bytes,
    sevenzip_bytes,
    zip_bytes,
    zip_raw_names,
)

CST = timezone(timedelta(hours=8))
GBK_ONLY = "朱镕基堃喆珺"  # characters outside GB2312


def _files(raw: bytes) -> list[tuple[str, bytes]]:
    return [(p.name, p.data) for p in parse_message(raw).parts]


# --------------------------------------------------------------------------- charsets

@pytest.mark.parametrize(("label", "codec"), [
    ("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("windows-936", "gb18030"),
    ("x-cp936", "gb18030"), ("GB_2312-80", "gb18030"), ("csGB2312", "gb18030"), ("x-euc-cn", "gb18030"),
    ("\"gb2312\"", "gb18030"), ("big5", "big5hkscs"), ("x-big5", "big5hkscs"), ("utf8", "utf-8"),
    ("no-such-charset", None), ("", None),
])
def test_charset_labels_map_to_codecs(label: str, codec: str | None) -> None:
    assert codec_for(label) == codec


def test_decode_bytes_never_raises_and_falls_back_to_guessing() -> None:
    assert decode_bytes(GBK_ONLY.encode("gbk"), "gb2312") == GBK_ONLY
    assert decode_bytes("申报".encode(), "no-such-charset") == "申报"
    assert decode_bytes("申报".encode("gbk"), "utf-8") == "申报"
    assert decode_bytes(b"\xff\xfe\x80", "gb2312").startswith("\ufffd") or decode_bytes(b"\xff\xfe\x80", "gb2312")


# --------------------------------------------------------------------------- GBK text labelled gb2312

def test_gbk_only_characters_labelled_gb2312_decode_exactly() -> None:
    form = docx_bytes()
    raw = mail(subject=encoded_words(f"{GBK_ONLY}申报", "gbk", label="gb2312"),
               parts=[text_part(f"负责人：{GBK_ONLY}", "gbk", label="gb2312"),
                      attachment(form, f"{GBK_ONLY}.docx", style="rfc2047", charset="gbk", label="gb2312")])
    msg = parse_message(raw)
    assert msg.subject == f"{GBK_ONLY}申报"
    assert msg.body_text == f"负责人：{GBK_ONLY}"
    assert _files(raw) == [(f"{GBK_ONLY}.docx", form)]
    assert msg.problems == ()


# --------------------------------------------------------------------------- encoded-words split mid-character

@pytest.mark.parametrize("chunk", [1, 3, 5, 7])
def test_gbk_subject_base64_split_at_odd_byte_is_rejoined(chunk: int) -> None:
    subject = "关于申报2024年度省科协学术交流项目的函"
    raw = mail(subject=encoded_words(subject, "gbk", label="gb2312", chunk_bytes=chunk))
    assert parse_message(raw).subject == subject


def test_utf8_subject_split_inside_a_character_is_rejoined() -> None:
    raw = mail(subject=encoded_words("项目申报书（定稿）", "utf-8", chunk_bytes=4, fold="\r\n\t"))
    assert parse_message(raw).subject == "项目申报书（定稿）"


def test_quoted_printable_words_and_literal_text_are_joined() -> None:
    subject = "Re: " + encoded_words("申报书", "gbk", encoding="Q", chunk_bytes=3) + " 第2版"
    assert parse_message(mail(subject=subject)).subject == "Re: 申报书 第2版"


def test_outlook_filename_folded_over_several_words_is_rejoined() -> None:
    form = pdf_bytes()
    name = "2024年度湖南省科协科技创新服务能力提升计划项目申报书.pdf"
    raw = mail(parts=[text_part("见附件"), attachment(form, name, style="rfc2047-split", charset="gb2312",
                                                     content_type="application/pdf")])
    assert _files(raw) == [(name, form)]


# --------------------------------------------------------------------------- charset labels Python does not know

@pytest.mark.parametrize("label", ["x-gbk", "windows-936", "x-cp936", "GB_2312-80", "csGB2312", "x-euc-cn",
                                   "euc-cn", "cp936", "GBK", "gb18030"])
def test_unknown_gb_charset_labels_decode_subject_body_and_filename(label: str) -> None:
    form = docx_bytes()
    raw = mail(subject=encoded_words(f"{GBK_ONLY}项目", "gbk", label=label),
               parts=[text_part("申报书见附件", "gbk", label=label),
                      attachment(form, "申报书.docx", style="rfc2231", charset="gbk", label=label)])
    msg = parse_message(raw)
    assert (msg.subject, msg.body_text) == (f"{GBK_ONLY}项目", "申报书见附件")
    assert _files(raw) == [("申报书.docx", form)]


@pytest.mark.parametrize("label", ["big5", "x-big5", "big5-hkscs", "cp950"])
def test_big5_labels_decode(label: str) -> None:
    raw = mail(subject=encoded_words("申請書", "big5hkscs", label=label),
               parts=[text_part("附件為申請書", "big5hkscs", label=label)])
    msg = parse_message(raw)
    assert (msg.subject, msg.body_text) == ("申請書", "附件為申請書")


# --------------------------------------------------------------------------- raw 8-bit header bytes

def test_raw_8bit_gbk_filename_in_content_type_name_is_recovered() -> None:
    form = docx_bytes()
    raw = mail(parts=[text_part("附件"), attachment(form, f"{GBK_ONLY}申报书.docx", style="raw", charset="gbk",
                                                   disposition="attachment", name_only=True)])
    assert _files(raw) == [(f"{GBK_ONLY}申报书.docx", form)]


def test_raw_8bit_utf8_filename_and_subject_are_recovered() -> None:
    form = pdf_bytes()
    raw = mail(subject="项目申报书（湖南省农学会）".encode("utf-8"),
               parts=[text_part("附件"), attachment(form, "申报书.pdf", style="raw", charset="utf-8")])
    msg = parse_message(raw)
    assert msg.subject == "项目申报书（湖南省农学会）"
    assert _files(raw) == [("申报书.pdf", form)]


def test_raw_8bit_gbk_subject_and_sender_name_are_recovered() -> None:
    raw = mail(subject="申报材料".encode("gbk"), sender="邹晓东 <HNRX@Yeah.net>".encode("gbk"))
    msg = parse_message(raw)
    assert (msg.subject, msg.sender, msg.sender_name) == ("申报材料", "hnrx@yeah.net", "邹晓东")


# --------------------------------------------------------------------------- encoded-words inside quoted parameters

def test_encoded_word_inside_quoted_filename_matches_rfc2231_name() -> None:
    form = docx_bytes()
    name = f"附件2-2：项目申报书（{GBK_ONLY}）.docx"
    quoted = mail(parts=[text_part("a"), attachment(form, name, style="rfc2047", charset="gb18030")])
    rfc2231 = mail(parts=[text_part("a"), attachment(form, name, style="rfc2231", charset="gb18030")])
    assert _files(quoted) == _files(rfc2231) == [(name, form)]


# --------------------------------------------------------------------------- RFC 2231 with a misleading charset

@pytest.mark.parametrize("label", ["gbk", "gb2312", "x-gbk", "GB2312"])
@pytest.mark.parametrize("text", ["申报书.docx", f"{GBK_ONLY}申报书.docx"])
@pytest.mark.parametrize("style", ["rfc2231", "rfc2231-cont"])
def test_rfc2231_filename_with_misleading_gb_charset(label: str, text: str, style: str) -> None:
    form = docx_bytes()
    raw = mail(parts=[text_part("a"), attachment(form, text, style=style, charset="gbk", label=label)])
    assert _files(raw) == [(text, form)]


def test_rfc2231_utf8_bytes_labelled_gbk_are_read_as_utf8() -> None:
    form = docx_bytes()
    raw = mail(parts=[text_part("a"), attachment(form, "申报书.docx", style="rfc2231", charset="utf-8", label="gbk")])
    assert _files(raw) == [("申报书.docx", form)]


def test_rfc2231_continuations_in_utf8() -> None:
    form = pdf_bytes()
    name = "湖南省图学学会-耒阳市油茶产业服务站建设申报书.pdf"
    raw = mail(parts=[text_part("a"), attachment(form, name, style="rfc2231-cont", charset="utf-8")])
    assert _files(raw) == [(name, form)]


# --------------------------------------------------------------------------- parts named only in Content-Type, or inline

def test_inline_pdf_with_name_only_is_picked_up() -> None:
    form = pdf_bytes()
    raw = mail(parts=[text_part("见附件"), attachment(form, "申报书.pdf", content_type="application/pdf",
                                                     disposition="inline", name_only=True)])
    msg = parse_message(raw)
    assert [(p.name, p.data, p.kind) for p in msg.parts] == [("申报书.pdf", form, "pdf")]


def test_attachment_without_disposition_header_is_picked_up() -> None:
    form = docx_bytes()
    raw = mail(parts=[text_part("见附件"), attachment(form, "申报书.docx", disposition=None)])
    assert _files(raw) == [("申报书.docx", form)]


def test_nameless_non_text_part_is_kept_with_a_generated_name() -> None:
    raw = mail(parts=[text_part("见附件"), attachment(pdf_bytes(), None, disposition=None)])
    msg = parse_message(raw)
    assert [(p.name, p.kind) for p in msg.parts] == [("未命名附件.pdf", "pdf")]


def test_cid_inline_signature_image_is_a_part_but_html_body_is_not() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 40
    related = multipart("related", [text_part("<html><body>申报书见附件<img src='cid:logo'></body></html>", subtype="html"),
                                    attachment(png, "logo.png", content_type="image/png", disposition="inline",
                                               headers=[b"Content-ID: <logo>"])])
    raw = mail(parts=[related, attachment(docx_bytes(), "申报书.docx")])
    msg = parse_message(raw)
    assert [(p.name, p.kind, p.origin) for p in msg.parts] == [("logo.png", "image", "正文内嵌"),
                                                              ("申报书.docx", "docx", "附件")]
    assert msg.body_text == "申报书见附件"


# --------------------------------------------------------------------------- everything sent as octet-stream

def test_octet_stream_parts_are_sniffed_by_bytes() -> None:
    doc, pdf = doc_bytes(), pdf_bytes()
    raw = mail(parts=[text_part("a"), attachment(doc, "申报书.docx"), attachment(pdf, "附件.doc")])
    msg = parse_message(raw)
    assert [(p.name, p.kind, p.data) for p in msg.parts] == [("申报书.docx", "doc", doc), ("附件.doc", "pdf", pdf)]


def test_password_protected_docx_attachment_is_sniffed_as_encrypted() -> None:
    raw = mail(parts=[text_part("a"), attachment(encrypted_docx_bytes(), "申报书.docx")])
    assert [p.kind for p in parse_message(raw).parts] == ["encrypted_ooxml"]


# --------------------------------------------------------------------------- forwarded messages

def _inner_mail(form: bytes) -> bytes:
    return mail(subject=encoded_words("项目申报书（定稿）", "gbk", label="gb2312"),
                parts=[text_part("杨老师，附件是申报书。", "gbk", label="gb2312"),
                       attachment(form, "申报书.doc", style="rfc2047", charset="gb18030")])


def test_forwarded_message_rfc822_attachment_is_extracted() -> None:
    form = doc_bytes()
    raw = mail(subject="转发：项目申报书（定稿）", parts=[text_part("请查收转发的邮件"), forwarded(_inner_mail(form))])
    msg = parse_message(raw)
    assert [(p.name, p.data, p.kind, p.origin) for p in msg.parts] == [
        ("申报书.doc", form, "doc", "转发邮件 项目申报书（定稿）")]
    assert "杨老师，附件是申报书。" in msg.body_text


def test_eml_sent_as_octet_stream_is_parsed() -> None:
    form = doc_bytes()
    raw = mail(parts=[text_part("见附件"), attachment(_inner_mail(form), "原邮件.eml")])
    msg = parse_message(raw)
    assert [(p.name, p.kind) for p in msg.parts] == [("原邮件.eml", "eml"), ("申报书.doc", "doc")]
    assert msg.parts[1].data == form and msg.parts[1].origin == "转发邮件 项目申报书（定稿）"


def test_base64_encoded_message_rfc822_part_is_decoded_before_parsing() -> None:
    form = doc_bytes()
    part = entity("message/rfc822", _inner_mail(form), cte="base64", disposition=b"attachment")
    msg = parse_message(mail(parts=[text_part("fwd"), part]))
    assert [(p.name, p.data, p.origin) for p in msg.parts] == [("申报书.doc", form, "转发邮件 项目申报书（定稿）")]


def test_outlook_msg_attachment_is_kept_with_a_problem() -> None:
    msg_file = ole_bytes({"__substg1.0_0037001F": "申报".encode("utf-16-le")})
    msg = parse_message(mail(parts=[text_part("a"), attachment(msg_file, "申报邮件.msg")]))
    assert [(p.name, p.kind, p.problem) for p in msg.parts] == [
        ("申报邮件.msg", "ole", "Outlook .msg 邮件附件无法自动读取，请人工打开")]


def test_forward_nesting_stops_after_three_levels() -> None:
    inner = _inner_mail(doc_bytes())
    for _ in range(4):
        inner = mail(subject="Fwd", parts=[text_part("fwd"), forwarded(inner)])
    msg = parse_message(inner)
    assert msg.parts == ()
    assert "转发邮件嵌套层数过多，内层附件未读取" in msg.problems


# --------------------------------------------------------------------------- winmail.dat (TNEF)

def test_winmail_dat_members_are_unpacked_with_gbk_names() -> None:
    form = docx_bytes()
    tnef = winmail_dat([("申报书.docx".encode("gbk"), form), (b"QUARTE~1.PDF", pdf_bytes())])
    raw = mail(parts=[text_part("a"), attachment(tnef, "winmail.dat", style="ascii", content_type="application/ms-tnef")])
    msg = parse_message(raw)
    assert msg.has_winmail
    assert [(p.name, p.kind) for p in msg.parts] == [("winmail.dat", "tnef"), ("申报书.docx", "docx"),
                                                     ("QUARTE~1.PDF", "pdf")]
    assert msg.parts[1].data == form and msg.parts[1].origin == "winmail.dat（Outlook TNEF）"


def test_broken_winmail_dat_is_reported_not_raised() -> None:
    broken = b"\x78\x9f\x3e\x22" + b"\xff" * 5
    raw = mail(parts=[text_part("a"), attachment(broken, "winmail.dat", style="ascii", content_type="application/ms-tnef")])
    msg = parse_message(raw)
    assert msg.has_winmail
    assert [(p.name, p.problem) for p in msg.parts] == [("winmail.dat", "winmail.dat（Outlook TNEF）无法解包")]


# --------------------------------------------------------------------------- 超大附件 links

def test_qq_big_attachment_link_in_html_body_is_found() -> None:
    html = ('<div>申报书文件较大，通过超大附件发送</div><a href="https://mail.qq.com/cgi-bin/ftnExs_download?'
            'k=37d01546982f&amp;t=exs_ftn_download">进入下载页面</a>')
    msg = parse_message(mail(subject="申报书", parts=[text_part(html, "gb18030", subtype="html")]))
    assert msg.big_attachment_links == ("https://mail.qq.com/cgi-bin/ftnExs_download?k=37d01546982f&t=exs_ftn_download",)
    assert msg.parts == ()
    assert "通过超大附件发送" in msg.body_text and "<div>" not in msg.body_text


@pytest.mark.parametrize("url", [
    "https://mail.163.com/large-attachment-download/index.html?p=X1&file=Y2",
    "http://edisk.qiye.163.com/api/biz/attachment/download?identity=abc",
    "https://download.cloud.189.cn/file/downloadFile.action?dt=1",
    "http://dl.126.net/x/abc.docx",
])
def test_other_big_attachment_links_in_plain_text_are_found(url: str) -> None:
    msg = parse_message(mail(parts=[text_part(f"超大附件：\n{url}\n请下载，谢谢。")]))
    assert msg.big_attachment_links == (url,)


def test_lookalike_hosts_are_not_big_attachment_links() -> None:
    text = "http://mail.qq.com.evil.example/cgi-bin/ftnExs_download?k=1 https://notmail.163.com.cn/large-attachment-download"
    assert parse_message(mail(parts=[text_part(text)])).big_attachment_links == ()


def test_html_with_thousands_of_unclosed_tags_is_stripped() -> None:
    # html.parser and backtracking regexes are quadratic here; this would take minutes.
    html = "<head" * 20000 + "<p>申报书</p>" + "<a " * 20000
    msg = parse_message(mail(parts=[text_part(html, subtype="html")]))
    assert msg.body_text.startswith("<head<head")


def test_ordinary_links_are_not_big_attachment_links() -> None:
    msg = parse_message(mail(parts=[text_part("学会网站 https://www.hnast.org.cn/ 见通知")]))
    assert msg.big_attachment_links == ()


# --------------------------------------------------------------------------- Date headers

@pytest.mark.parametrize(("header", "expected"), [
    ("Mon, 29 Apr 2024 23:30:00 CST", datetime(2024, 4, 29, 23, 30, tzinfo=CST)),
    ("Mon, 29 Apr 2024 23:30:00 +0800 (CST)", datetime(2024, 4, 29, 23, 30, tzinfo=CST)),
    ("2024-04-29 23:30:00", datetime(2024, 4, 29, 23, 30, tzinfo=CST)),
    ("星期一, 29 四月 2024 23:30:00 +0800", datetime(2024, 4, 29, 23, 30, tzinfo=CST)),
    ("Mon, 29 Apr 2024 23:30:00", datetime(2024, 4, 29, 23, 30, tzinfo=CST)),
    ("Mon, 29 Apr 2024 15:30:00 +0000", datetime(2024, 4, 29, 15, 30, tzinfo=timezone.utc)),
])
def test_date_headers_become_aware_china_times(header: str, expected: datetime) -> None:
    parsed = parse_message(mail(date=header)).date_header
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed == expected


def test_unreadable_date_is_none() -> None:
    assert parse_message(mail(date="sometime last week")).date_header is None


# --------------------------------------------------------------------------- malformed headers

@pytest.mark.parametrize("bad", [
    b"Content-Type: application/octet-stream; name*=\r\nContent-Disposition: attachment; filename*0*=x''%",
    b"Content-Type: application/octet-stream; name*0*=; name*1=\"\r\nContent-Disposition: attachment; filename*=''",
    b"Content-Type: ;;;==\"\r\nContent-Disposition: attachment; filename=\"=?utf-8?B?####?=\"",
    b"Content-Type: application/pdf; name=\"=?x-unknown-cs?B?5Lit5paH?=\"",
    b"Content-Type: multipart/mixed\r\nContent-Disposition: attachment; filename=\"\\\"",
])
def test_malformed_part_headers_do_not_stop_parsing(bad: bytes) -> None:
    part = bad + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(pdf_bytes())
    raw = mail(subject="申报书", parts=[text_part("a"), part])
    msg = parse_message(raw)
    assert msg.subject == "申报书"
    assert isinstance(msg.parts, tuple)


def test_exchange_style_message_id_and_odd_from_are_kept() -> None:
    raw = mail(message_id="<[192.168.1.1]@EXCH01.example.cn>", sender='"\\"broken <@> "@" <User@Example.CN>')
    msg = parse_message(raw)
    assert msg.message_id == "<[192.168.1.1]@EXCH01.example.cn>"
    assert msg.sender == "user@example.cn"


def test_not_an_email_at_all_gives_an_empty_message_not_an_exception() -> None:
    msg = parse_message(b"\x00\xff\xfe" * 100)
    assert msg.subject == "" and msg.parts == ()


def test_an_internal_failure_is_recorded_as_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    from shenbao.intake import mime

    def explode(*_args: object, **_kwargs: object) -> None:
        raise IndexError("header parser bug")

    monkeypatch.setattr(mime, "_walk", explode)
    msg = parse_message(mail(subject="申报书"))
    assert msg.problems == ("邮件无法解析：IndexError",)


def test_bad_base64_in_attachment_keeps_what_can_be_read() -> None:
    part = (b"Content-Type: application/pdf; name=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.b64encode(pdf_bytes())[:-3] + b"!!!")
    msg = parse_message(mail(parts=[text_part("a"), part]))
    assert [p.name for p in msg.parts] == ["a.pdf"]


# --------------------------------------------------------------------------- filenames unsafe for the filesystem

def test_ninety_character_chinese_name_is_truncated_by_bytes_keeping_extension() -> None:
    long_name = "湖" * 90 + ".docx"
    form = docx_bytes()
    msg = parse_message(mail(parts=[text_part("a"), attachment(form, long_name, style="rfc2231")]))
    (part,) = msg.parts
    assert part.name.endswith(".docx") and part.name.startswith("湖" * 80)
    assert len(part.name.encode("utf-8")) <= 255 and part.data == form


def test_path_in_attachment_name_is_reduced_to_basename() -> None:
    raw = mail(parts=[text_part("a"), attachment(docx_bytes(), "..\\..\\x.docx", style="ascii"),
                      attachment(docx_bytes(), "C:\\Users\\张三\\桌面\\申报书.docx", style="rfc2231"),
                      attachment(docx_bytes(), "../../etc/passwd", style="ascii")])
    assert [p.name for p in parse_message(raw).parts] == ["x.docx", "申报书.docx", "passwd"]


def test_two_attachments_with_the_same_name_are_both_kept() -> None:
    a, b = docx_bytes("一"), docx_bytes("二")
    raw = mail(parts=[text_part("a"), attachment(a, "申报书.docx"), attachment(b, "申报书.docx")])
    assert _files(raw) == [("申报书.docx", a), ("申报书.docx", b)]


def test_control_characters_are_removed_from_names() -> None:
    assert display_name("申报\x07书\x00.docx") == "申报书.docx"


# --------------------------------------------------------------------------- archives through the mail

def test_zip_attachment_with_gbk_names_lists_the_zip_and_its_members() -> None:
    form, extra = docx_bytes("表"), docx_bytes("附件")
    data = zip_raw_names([("申报材料/申报书.docx".encode("gbk"), form),
                          ("申报材料\\附件1：专家名单.docx".encode("gbk"), extra),
                          (b"__MACOSX/._x.docx", b"junk")])
    raw = mail(parts=[text_part("见附件"), attachment(data, "申报材料.zip", style="rfc2047", charset="gb2312",
                                                     content_type="application/x-zip-compressed")])
    msg = parse_message(raw)
    assert [(p.name, p.kind, p.origin) for p in msg.parts] == [
        ("申报材料.zip", "zip", "附件"),
        ("申报材料/申报书.docx", "docx", "压缩包 申报材料.zip"),
        ("申报材料/附件1：专家名单.docx", "docx", "压缩包 申报材料.zip"),
    ]
    assert [p.data for p in msg.parts[1:]] == [form, extra]


def test_encrypted_zip_attachment_is_a_part_with_a_problem() -> None:
    data = patch_zip(zip_bytes([("申报书.docx", docx_bytes())]), flag_bits=0x1)
    msg = parse_message(mail(parts=[text_part("a"), attachment(data, "材料.zip")]))
    assert [(p.name, p.problem) for p in msg.parts] == [("材料.zip", "压缩包已加密（需要密码），无法打开")]


def test_7z_attachment_members_are_listed() -> None:
    form = docx_bytes()
    msg = parse_message(mail(parts=[text_part("a"), attachment(sevenzip_bytes([("申报书.docx", form)]), "材料.7z")]))
    assert [(p.name, p.kind) for p in msg.parts] == [("材料.7z", "7z"), ("申报书.docx", "docx")]
    assert msg.parts[1].data == form


def test_zip_inside_forwarded_mail_keeps_the_origin_chain() -> None:
    inner = mail(subject="申报", parts=[text_part("a"), attachment(zip_bytes([("申报书.pdf", pdf_bytes())]), "材料.zip")])
    msg = parse_message(mail(parts=[text_part("fwd"), forwarded(inner)]))
    assert [(p.name, p.origin) for p in msg.parts] == [("材料.zip", "转发邮件 申报"),
                                                      ("申报书.pdf", "转发邮件 申报 › 压缩包 材料.zip")]


# --------------------------------------------------------------------------- envelope fields

def test_sender_message_id_and_body_fields() -> None:
    raw = mail(sender=encoded_words("贺艳玲", "gb2312") + " <HNBF@126.COM>", message_id="<000001dab@126.com>",
               parts=[multipart("alternative", [text_part("老师您好：\n附件为申报材料。"),
                                                text_part("<p>老师您好</p>", subtype="html")])])
    msg = parse_message(raw)
    assert (msg.sender, msg.sender_name, msg.message_id) == ("hnbf@126.com", "贺艳玲", "<000001dab@126.com>")
    assert msg.body_text == "老师您好：\n附件为申报材料。"
    assert msg.parts == ()


def test_html_only_body_is_stripped_to_text() -> None:
    html = "<html><head><style>p{}</style></head><body><p>杨老师：</p><p>申报书&nbsp;见附件&amp;谢谢</p></body></html>"
    msg = parse_message(mail(parts=[text_part(html, "gb2312", subtype="html", cte="quoted-printable")]))
    assert msg.body_text == "杨老师：\n申报书 见附件&谢谢"


def test_quoted_printable_and_8bit_bodies_decode() -> None:
    qp = parse_message(mail(parts=[text_part("朱镕基申报", "gbk", label="gb2312", cte="quoted-printable")]))
    eight = parse_message(mail(parts=[text_part("申报书 format=flowed", "utf-8", cte="8bit")]))
    assert (qp.body_text, eight.body_text) == ("朱镕基申报", "申报书 format=flowed")


# --------------------------------------------------------------------------- auto / bounce

@pytest.mark.parametrize("headers", [
    [b"Auto-Submitted: auto-replied"],
    [b"X-Autoreply: yes"],
    [b"X-Autorespond: yes"],
    [b"Precedence: bulk"],
    [b"Precedence: junk"],
])
def test_auto_reply_headers_set_is_auto(headers: list[bytes]) -> None:
    assert parse_message(mail(headers=headers)).is_auto


@pytest.mark.parametrize("subject", ["自动回复: 关于组织申报的通知", "Auto Reply: 申报", "Out of Office: 申报"])
def test_auto_reply_subjects_set_is_auto(subject: str) -> None:
    assert parse_message(mail(subject=encoded_words(subject, "utf-8"))).is_auto


def test_auto_submitted_no_is_not_auto() -> None:
    assert not parse_message(mail(subject="申报书", headers=[b"Auto-Submitted: no"])).is_auto


def test_delivery_status_report_is_a_bounce_without_parts() -> None:
    status = entity("message/delivery-status", b"Reporting-MTA: dns; 126.com\r\n\r\nFinal-Recipient: rfc822; x@163.com\r\nAction: failed\r\nStatus: 5.1.1\r\n", cte="7bit")
    headers = entity("text/rfc822-headers", b"From: hnkxxhb@126.com\r\nSubject: test\r\n", cte="7bit")
    report = multipart("report", [text_part("很抱歉您的邮件没有发送成功。"), status, headers],
                       params=b'report-type="delivery-status"')
    msg = parse_message(mail(subject=encoded_words("系统退信", "utf-8"), sender="MAILER-DAEMON <postmaster@126.com>",
                             body=report))
    assert msg.is_bounce and msg.parts == ()
    assert msg.sender == "postmaster@126.com"


@pytest.mark.parametrize("subject", ["Undeliverable: 申报书", "退信通知", "Delivery Status Notification (Failure)"])
def test_bounce_subjects_set_is_bounce(subject: str) -> None:
    assert parse_message(mail(subject=encoded_words(subject, "utf-8"))).is_bounce


def test_ordinary_submission_is_neither_auto_nor_bounce() -> None:
    msg = parse_message(mail(subject=encoded_words("申报书-湖南省地质学会", "gb2312"),
                             parts=[text_part("见附件"), attachment(docx_bytes(), "申报书.docx")]))
    assert not msg.is_auto and not msg.is_bounce and not msg.has_winmail


# --------------------------------------------------------------------------- property

_header_bytes = st.binary(max_size=80).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b""))
_leaf = st.builds(
    lambda ct, name, data, cte, disp: (
        b"Content-Type: " + ct + b"; name=\"" + name + b"\"\r\n"
        + b"Content-Transfer-Encoding: " + cte + b"\r\n"
        + b"Content-Disposition: " + disp + b"\r\n\r\n" + data),
    st.sampled_from([b"application/octet-stream", b"text/plain", b"text/html", b"message/rfc822", b"application/pdf",
                     b"image/png", b"multipart/mixed", b"", b"x"]),
    _header_bytes,
    st.one_of(st.binary(max_size=200),
              st.tuples(st.sampled_from([b"PK\x03\x04", b"Rar!\x1a\x07\x00", b"7z\xbc\xaf\x27\x1c",
                                         b"\x78\x9f\x3e\x22", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-",
                                         b"From: a@b.c\r\nSubject: x\r\n\r\n"]),
                        st.binary(max_size=200)).map(lambda t: t[0] + t[1])),
    st.sampled_from([b"base64", b"quoted-printable", b"8bit", b"binary", b"x-uuencode", b""]),
    _header_bytes,
)


def _tree(children: list[bytes]) -> bytes:
    return multipart("mixed", children)


_structure = st.recursive(_leaf, lambda inner: st.lists(inner, min_size=0, max_size=4).map(_tree), max_leaves=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=_header_bytes, sender=_header_bytes, date=_header_bytes, body=_structure)
def test_parse_message_never_raises_on_random_structures(subject: bytes, sender: bytes, date: bytes, body: bytes) -> None:
    msg = parse_message(mail(subject=subject, sender=sender, date=date, body=body))
    # parse_message has last-resort catch-alls (whole message, one part); the property is
    # that neither is ever needed.
    assert not any(p.startswith(("邮件无法解析", "有一个邮件部分无法读取")) for p in msg.problems), msg.problems
    # Lone surrogates from raw header bytes would later break the Excel register's save().
    texts = [msg.subject, msg.sender, msg.sender_name, msg.body_text, *(p.name for p in msg.parts)]
    assert not any("\ud800" <= ch <= "\udfff" for text in texts for ch in text)


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=600))
def test_parse_message_never_raises_on_random_bytes(raw: bytes) -> None:
    msg = parse_message(raw)
    assert not any(p.startswith("邮件无法解析") for p in msg.problems), msg.problems


_word_fragments = st.lists(st.one_of(
    st.sampled_from(["=?gbk?B?", "=?gb2312?Q?", "=?utf-8?b?", "=?x-unknown?B?", "=?utf-8*zh?Q?", "?=", " ", "\r\n ",
                     "=E4", "_", "\"", ";", "name*0*=gbk''", "%D6%D0", "=?"]),
    st.binary(max_size=12).map(lambda b: base64.b64encode(b).decode()),
    st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=8),
), max_size=25).map("".join)


@settings(max_examples=300, deadline=None)
@given(subject=_word_fragments, filename=_word_fragments)
def test_encoded_word_soup_in_headers_never_breaks_parsing(subject: str, filename: str) -> None:
    part = (b"Content-Type: application/pdf; name=\"" + filename.encode("utf-8", "surrogateescape")
            + b"\"\r\nContent-Disposition: attachment; " + filename.encode("utf-8", "surrogateescape")
            + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(pdf_bytes()))
    raw = mail(subject=subject.encode("utf-8", "surrogateescape"), parts=[text_part("a"), part])
    msg = parse_message(raw)
    assert not any(p.startswith(("邮件无法解析", "有一个邮件部分无法读取")) for p in msg.problems), msg.problems
    assert [p.data for p in msg.parts] == [pdf_bytes()]
    assert not any("\ud800" <= ch <= "\udfff" for ch in msg.subject + "".join(p.name for p in msg.parts))


def test_mailing_list_headers_and_reply_to_addresses_are_read() -> None:
    listed = mail(headers=[b"List-Unsubscribe: <mailto:leave@lists.example.org>"])
    answer_elsewhere = mail(headers=[b"Reply-To: " + encoded_words("办公室", "gbk").encode() + b" <Office@Unit.Example.CN>,"
                                     b"\r\n backup@unit.example.cn"])
    assert parse_message(listed).is_list and not parse_message(answer_elsewhere).is_list
    assert parse_message(answer_elsewhere).reply_to == ("office@unit.example.cn", "backup@unit.example.cn")
    assert parse_message(mail(headers=[b"List-Id: "])).is_list is False  # an empty header says nothing

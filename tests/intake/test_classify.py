"""other_reason / looks_like_submission on real .eml bytes parsed by parse_message."""

from __future__ import annotations

import pytest
from shenbao.intake.classify import looks_like_submission, other_reason
from shenbao.intake.mime import parse_message

from shenbao.record import ParsedMessage
from tests.builders.eml import (
    attachment,
    encoded_words,
    entity,
    mail,
    multipart,
    text_part,
)
from tests.intake.file_builders import docx_bytes, pdf_bytes, zip_bytes


def _msg(subject: str, body: str = "", files: list[tuple[str, bytes]] | None = None,
         headers: list[bytes] | None = None, sender: str = "张三 <zs@example.com>") -> ParsedMessage:
    parts = [text_part(body, "gb18030", label="gb2312")]
    parts += [attachment(data, name, style="rfc2047", charset="gb18030") for name, data in files or []]
    return parse_message(mail(subject=encoded_words(subject, "gb18030"), sender=sender, parts=parts,
                              headers=headers or []))


def test_auto_reply_is_other() -> None:
    msg = _msg("自动回复: 关于组织申报2024年度项目的通知", "这是来自QQ邮箱的假期自动回复邮件。",
               headers=[b"Auto-Submitted: auto-replied", b"X-Autoreply: yes"])
    assert other_reason(msg) == "自动回复"
    assert not looks_like_submission(msg)


def test_bounce_is_other() -> None:
    report = multipart("report", [text_part("很抱歉您的邮件没有发送成功。退信原因：收件人邮箱不存在"),
                                  entity("message/delivery-status", b"Action: failed\r\n", cte="7bit")],
                       params=b'report-type="delivery-status"')
    msg = parse_message(mail(subject=encoded_words("系统退信", "utf-8"), sender="MAILER-DAEMON <postmaster@126.com>",
                             body=report))
    assert other_reason(msg) == "退信"


def test_invoice_spam_is_other() -> None:
    msg = _msg("代开各地增值税发票", "本公司长期代开增值税专用发票、普通发票，点数优惠。联系人：陈经理 微信同号 13600000000")
    assert other_reason(msg) == "疑似广告或垃圾邮件"


def test_training_course_advert_with_a_registration_form_is_spam_despite_mentioning_applications() -> None:
    msg = _msg("关于举办2024年科技项目申报与资金管理实务培训班的通知",
               "各有关单位：定于5月在长沙举办科技项目申报实务培训班，请填写附件报名回执。某某教育咨询中心",
               files=[("报名回执.docx", docx_bytes("报名回执"))])
    assert other_reason(msg) == "疑似广告或垃圾邮件"
    assert not looks_like_submission(msg)


def test_application_for_a_training_project_is_not_spam() -> None:
    msg = _msg("关于申报2024年度科普培训班项目的函", "附件为我会科普培训班项目申报书，请查收。",
               files=[("科普培训班项目申报书.docx", docx_bytes())])
    assert other_reason(msg) is None
    assert looks_like_submission(msg)


@pytest.mark.parametrize(("subject", "body"), [
    ("请问截止时间？", "杨老师您好，请问纸质材料截止时间是4月30日吗？是以邮戳为准还是以收到为准？"),
    ("湖南省林学会项目申报书是否收到", "杨老师，我会前几天发送的申报书请问收到了吗？麻烦确认一下。"),
])
def test_question_without_attachment_is_other(subject: str, body: str) -> None:
    assert other_reason(_msg(subject, body)) == "咨询或询问"


def test_question_with_the_form_attached_is_a_submission() -> None:
    msg = _msg("申报书，请问这样填写可以吗？", "请问格式是否正确？", files=[("申报书.docx", docx_bytes())])
    assert other_reason(msg) is None


def test_mail_saying_the_form_is_attached_when_nothing_is_stays_a_submission() -> None:
    msg = _msg("申报书-湖南省某某学会-学会服务站建设",
               "老师您好：附件为我会2024年度项目申报材料，请查收。如有问题请联系王五（13500000000）。")
    assert other_reason(msg) is None
    assert looks_like_submission(msg)


def test_wrong_attachment_only_stays_a_submission() -> None:
    msg = _msg("某某学会关于申报2024年度省科协学术交流项目的函", "附件为申报材料，请查收。",
               files=[("会议方案.docx", docx_bytes())])
    assert other_reason(msg) is None


def test_big_attachment_link_only_is_a_submission() -> None:
    html = ('<div>文件较大，通过超大附件发送。</div><a href="https://mail.qq.com/cgi-bin/ftnExs_download?k=1&amp;t=2">'
            '下载</a>')
    msg = parse_message(mail(subject=encoded_words("材料", "utf-8"), parts=[text_part(html, subtype="html")]))
    assert msg.big_attachment_links
    assert other_reason(msg) is None and looks_like_submission(msg)


def test_empty_chat_without_files_or_application_words_is_other() -> None:
    assert other_reason(_msg("你好", "收到，谢谢。")) == "无附件且无申报内容"


def test_a_reply_with_its_body_attached_as_a_web_page_is_other() -> None:
    # Outlook attaches the HTML body as ATT00001.htm: no sign of a submission by itself.
    page = b"<html><body><img src='cid:logo'></body></html>"
    assert other_reason(_msg("你好", "收到，谢谢。", files=[("ATT00001.htm", page)])) == "无附件且无申报内容"


def test_pdf_form_without_words_is_a_submission() -> None:
    assert other_reason(_msg("材料", "", files=[("scan.pdf", pdf_bytes())])) is None


def test_zip_of_forms_is_a_submission() -> None:
    data = zip_bytes([("申报材料/申报书.docx", docx_bytes())])
    assert other_reason(_msg("材料", "见附件", files=[("材料.zip", data)])) is None


def test_signature_image_does_not_turn_a_question_into_a_submission() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 40
    msg = parse_message(mail(subject=encoded_words("请问截止时间？", "utf-8"),
                             parts=[text_part("请问截止时间是哪天？"),
                                    attachment(png, "logo.png", content_type="image/png", disposition="inline")]))
    assert other_reason(msg) == "咨询或询问"

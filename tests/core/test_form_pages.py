"""A form sent page by page (each page a file of its own, as photos or scans of a printed form
are): the pages after the first, with no project and no unit, are merged into the email's form.
Real .docx pages in a real .eml, through intake and extraction."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

from docx import Document

from shenbao.extraction import message_to_submissions, read_file_job
from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, StoredMessage, Submission

CST = timezone(timedelta(hours=8))
FIRST = (("项目名称", "2024年湖南省数学学术论坛"), ("项目类别", "☑学术交流 ☐学会服务站建设"),
         ("申报单位", "湖南省数学学会"), ("单位类型", "☑省级学会 ☐市州科协"))
SECOND = (("项目负责人", "梁宏伟"), ("负责人手机", "13212558293"), ("联系人", "梁刚"),
          ("联系人电话", "17004196160"), ("联系人邮箱", "zswvq@126.com"), ("申请经费（万元）", "5"),
          ("起止时间", "2024年7月—2024年10月"))


def page(rows: tuple[tuple[str, str], ...], heading: bool) -> bytes:
    d = Document()
    if heading:
        d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        d.add_paragraph("一、基本情况")
    table = d.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def submissions(*pages: tuple[str, bytes]) -> list[Submission]:
    msg = EmailMessage()
    msg["From"] = "湖南省数学学会 <sxxh@126.com>"
    msg["To"] = "hnkxxhb@126.com"
    msg["Subject"] = "申报书"
    msg["Date"] = format_datetime(datetime(2024, 4, 17, 9, 0, tzinfo=CST))
    msg["Message-ID"] = "<pages@example.cn>"
    msg.set_content("您好，申报书共两页，请查收。")
    for name, data in pages:
        msg.add_attachment(data, maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document", filename=name)
    stored = StoredMessage(sha256="a" * 64, message_id="<pages@example.cn>",
                           internaldate=datetime(2024, 4, 17, 9, 0, tzinfo=CST),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1), size=100)
    return message_to_submissions(mail_of(stored, msg.as_bytes()),
                                  lambda part, sha: read_file_job(part.data, part.name, part.kind, sha))


def test_a_second_page_without_project_or_unit_joins_the_first() -> None:
    (sub,) = submissions(("第1页.docx", page(FIRST, True)), ("第2页.docx", page(SECOND, False)))
    assert sub.form is not None
    fields = sub.form.fields
    assert fields.project_name == "2024年湖南省数学学术论坛" and fields.leader_name == "梁宏伟"
    assert fields.contact_email == "zswvq@126.com" and fields.funding_wan == 5.0
    assert sub.form.evidence["leader_name"].file == "第2页.docx"  # the evidence shows the page it is on
    assert sub.form.evidence["project_name"].file == "第1页.docx"
    assert any("续页" in n and "第2页.docx" in n for n in sub.form.notes)
    assert [f.role for f in sub.files] == ["form", "form"]
    # The first page's "row not found" doubts of what the second page gives are gone with it.
    assert not sub.form.low_confidence and not sub.form.doubts and not sub.form.facts.unread


def test_a_page_whose_values_disagree_with_the_form_stays_apart() -> None:
    """A page naming another leader than the form does is no continuation of it."""
    first = page((*FIRST, ("项目负责人", "王明")), True)
    subs = submissions(("第1页.docx", first), ("第2页.docx", page(SECOND, False)))
    assert len(subs) == 2 and subs[0].form is not None and subs[0].form.fields.leader_name == "王明"


def test_two_forms_of_two_projects_stay_two() -> None:
    other = page((("项目名称", "湖南省数学科普讲座"), *FIRST[1:], *SECOND), True)
    subs = submissions(("甲.docx", page((*FIRST, *SECOND), True)), ("乙.docx", other))
    assert sorted(s.form.fields.project_name or "" for s in subs if s.form) == [
        "2024年湖南省数学学术论坛", "湖南省数学科普讲座"]

"""distinct_forms: one application per project an email carries, whatever copies it sends."""

from __future__ import annotations

from shenbao.extraction import distinct_forms
from shenbao.record import ExtractedForm, Fields


def _form(file: str, **values: object) -> ExtractedForm:
    return ExtractedForm(file=file, sha256=file, fields=Fields(**values))  # type: ignore[arg-type]


def test_a_copy_with_no_value_read_adds_no_application_beside_a_read_one() -> None:
    read = _form("申报书.docx", project_name="第7届湖南海洋学术年会", applicant_org="湖南省海洋学会")
    unread = _form("申报书扫描件.pdf")  # titled and labelled, no value OCR could pair
    assert distinct_forms([unread, read]) == [read]
    assert distinct_forms([read, unread]) == [read]


def test_an_unread_form_alone_is_still_the_application_and_two_projects_stay_two() -> None:
    unread = _form("申报书扫描件.pdf")
    assert distinct_forms([unread]) == [unread]
    a = _form("a.docx", project_name="第7届湖南海洋学术年会")
    b = _form("b.docx", project_name="湖南省辣椒产业科技创新联盟建设")
    assert distinct_forms([a, b]) == [a, b]


def test_an_unread_second_form_left_out_is_listed_as_an_attachment_and_flagged_by_its_name() -> None:
    """A scan titled 申报书 that OCR could not pair beside a read form of another project: the
    scan adds no row, but it is listed as an attachment, and its name flags the row."""
    from datetime import datetime
    from email.message import EmailMessage

    from shenbao.extraction import FileResult, message_to_submissions, read_file_job
    from shenbao.register import review_findings
    from shenbao.validators.guide import default_guide_path, load_guide
    from tests.core.test_form_pages import CST, FIRST, SECOND, MessageLocation, StoredMessage, mail_of, page

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "湖南省数学学会 <sxxh@126.com>", "x@126.com", "申报书（2项）"
    msg["Message-ID"] = "<two@x>"
    msg.set_content("两份申报书，请查收。")
    msg.add_attachment(page(FIRST + SECOND, True), maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                       filename="2024年湖南省数学学术论坛申报书.docx")
    scan_name = "第9届湖南渔业学术交流会申报书（盖章扫描件）.pdf"
    msg.add_attachment(b"%PDF-1.4 scan", maintype="application", subtype="pdf", filename=scan_name)
    stored = StoredMessage(sha256="a" * 64, message_id="<two@x>", internaldate=datetime(2024, 4, 17, 9, 0, tzinfo=CST),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1), size=100)

    def read(part: object, sha: str) -> FileResult:
        name, data, kind = part.name, part.data, part.kind  # type: ignore[attr-defined]
        if name == scan_name:  # what the reader makes of such a scan: the form, no value read
            return FileResult(form=ExtractedForm(file=name, sha256=sha, fields=Fields()), score=0.5, ocr=True)
        return read_file_job(data, name, kind, sha)

    (sub,) = message_to_submissions(mail_of(stored, msg.as_bytes()), read)
    assert [(f.name, f.role) for f in sub.files][-1] == (scan_name, "attachment")
    messages = [f.message for f in review_findings(sub, str, load_guide(default_guide_path()))]
    assert any("第二份申报" in m and "第9届湖南渔业学术交流会" in m for m in messages)

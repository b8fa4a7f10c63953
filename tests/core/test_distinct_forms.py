"""distinct_forms: one application per project an email carries, whatever copies it sends."""

from __future__ import annotations

from shenbao.extraction import distinct_forms
from shenbao.record import Evidence, ExtractedForm, Fields


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


def _scanned(file: str, **values: object) -> ExtractedForm:
    """A form read by OCR: its evidence below full confidence."""
    form = _form(file, **values)
    return form.model_copy(update={"evidence": {"project_name": Evidence(file=file, where="第1页", text="",
                                                                         confidence=0.93)}})


ALIKE = dict(applicant_org="湖南省低空经济发展研究中心", leader_name="周婷", funding_wan=8.0, start_date="2024-05",
             end_date="2024-11")


def test_a_form_and_the_scan_of_its_print_are_one_application_read_from_the_file() -> None:
    word = _form("申报书.docx", project_name="长株潭人工智能先进计算高峰论坛", **ALIKE)
    scan = _scanned("申报书盖章扫描件.pdf", project_name="长株潭人工智能先进计算高峰论坛1", **ALIKE)
    assert distinct_forms([word, scan]) == [word]
    assert distinct_forms([scan, word]) == [word]


def test_two_projects_of_one_unit_a_digit_apart_stay_two() -> None:
    # Both files read as text: nothing was misread, the names differ.
    a = _form("a.docx", project_name="第12届湖南统计学术论坛", **ALIKE)
    b = _form("b.docx", project_name="第13届湖南统计学术论坛", **ALIKE)
    assert distinct_forms([a, b]) == [a, b]
    # A scan of another project: its other values differ.
    c = _scanned("c.pdf", project_name="第13届湖南统计学术论坛", **{**ALIKE, "leader_name": "刘敏", "funding_wan": 5.0,
                                                            "start_date": "2024-06"})
    assert distinct_forms([a, c]) == [a, c]
    # A scan of the next 届 with everything else alike is still another project (the numeral differs) …
    d = _scanned("d.pdf", project_name="第十三届湖南省统计学术年会", **ALIKE)
    e = _form("e.docx", project_name="第十二届湖南省统计学术年会", **ALIKE)
    assert distinct_forms([e, d]) == [e, d]
    # … and so is one whose amount differs, though the names are a character apart.
    f = _scanned("f.pdf", project_name="长株潭人工智能先进计算高峰论坛1", **{**ALIKE, "funding_wan": 5.0})
    g = _form("g.docx", project_name="长株潭人工智能先进计算高峰论坛", **ALIKE)
    assert distinct_forms([g, f]) == [g, f]


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


def test_a_copy_whose_names_hold_the_others_whole_is_the_same_form() -> None:
    # A .wps whose hidden example showed (年会…, 学会…) and its PDF print: one application, the
    # copy whose project name is not in doubt kept.
    alike = dict(leader_phone="18035409202", funding_wan=7.0, start_date="2024-04", end_date="2024-10",
                 subcategory="学术交流", contact_name="郭红梅")
    wps = _form("申报书.wps", project_name="年会长株潭岩土工程人工智能赋能高峰论坛", applicant_org="学会长沙理工大学科协",
                leader_name="张三魏强", **alike).model_copy(update={"low_confidence": ("project_name",)})
    pdf = _form("申报书.pdf", project_name="长株潭岩土工程人工智能赋能高峰论坛", applicant_org="长沙理工大学科协",
                leader_name="魏强", **alike)
    assert distinct_forms([wps, pdf]) == [pdf] and distinct_forms([pdf, wps]) == [pdf]
    # A copy whose name was not read at all, all else alike: the named one.
    scan = _form("扫描件.pdf", applicant_org="长沙理工大学科协", leader_name="魏强", **alike)
    assert distinct_forms([scan, pdf]) == [pdf]
    # Another project whose name holds this one's, its amount different: two applications.
    other = _form("b.docx", project_name="长株潭岩土工程人工智能赋能高峰论坛分论坛", applicant_org="长沙理工大学科协",
                  leader_name="魏强", **{**alike, "funding_wan": 5.0})
    assert distinct_forms([pdf, other]) == [pdf, other]


def test_two_projects_whose_names_hold_one_another_stay_two() -> None:
    # …学术年会 and …学术年会青年论坛 of one unit, alike in all else: what the longer name adds is
    # a word of its own, not a template's.
    alike = dict(applicant_org="湖南省物理学会", leader_name="王伟", leader_phone="13912345678", funding_wan=8.0,
                 start_date="2025-05", end_date="2025-10", subcategory="学术交流", contact_name="李娜")
    a = _form("a.docx", project_name="湖南省物理学会2025年学术年会", **alike)
    b = _form("b.docx", project_name="湖南省物理学会2025年学术年会青年论坛", **alike)
    assert distinct_forms([a, b]) == [a, b]


def test_a_word_file_and_its_pdf_print_a_footnote_mark_apart_are_one_application() -> None:
    # The PDF keeps the Word file's raised 脚注 reference as a digit after the name (…学术年会 1),
    # or the sender's 「」 around it: both copies read as text, all else alike.
    alike = dict(applicant_org="湖南理工学院科协", leader_name="金芳", leader_phone="19634469329",
                 funding_wan=8.0, start_date="2024-06", end_date="2024-10", subcategory="学术交流",
                 contact_name="曾桂英")
    word = _form("申报书.dotx", project_name="长株潭蜂业防灾减灾学术年会", **alike)
    pdf = _form("申报书.pdf", project_name="长株潭蜂业防灾减灾学术年会 1", **alike).model_copy(
        update={"low_confidence": ("project_name",)})
    assert distinct_forms([word, pdf]) == [word] and distinct_forms([pdf, word]) == [word]
    quoted = _form("申报书.pdf", project_name="「长株潭蜂业防灾减灾学术年会」1", **alike)
    assert distinct_forms([quoted, word]) == [word]
    placeholder = _form("申报书.wps", project_name="【长株潭蜂业防灾减灾学术年会】1", **alike)
    assert distinct_forms([word, placeholder]) == [word]
    # Another value differing (the amount): two applications, whatever the names.
    other = _form("b.pdf", project_name="长株潭蜂业防灾减灾学术年会 1", **{**alike, "funding_wan": 5.0})
    assert distinct_forms([word, other]) == [word, other]
    # A name whose number is part of it (…论坛 vs …论坛2 is marked; 第2届 vs 第3届 is not).
    a = _form("a.docx", project_name="第2届湖南蜂业防灾减灾学术年会", **alike)
    b = _form("b.docx", project_name="第3届湖南蜂业防灾减灾学术年会", **alike)
    assert distinct_forms([a, b]) == [a, b]
    # A year at the end is no footnote's number.
    c = _form("c.docx", project_name="湖南蜂业防灾减灾学术年会2024", **alike)
    d = _form("d.docx", project_name="湖南蜂业防灾减灾学术年会", **alike)
    assert distinct_forms([c, d]) == [c, d]


def test_two_numbered_projects_or_two_word_files_a_mark_apart_stay_two() -> None:
    # (From a review: …讲座1 and …讲座2 of one unit, alike in all else, are two projects; a mark
    # told apart from a name's own number only between a Word file and its PDF.)
    alike = dict(applicant_org="浏阳市科学技术协会", leader_name="刘敏", leader_phone="13907311234", funding_wan=3.0,
                 start_date="2024-06", end_date="2024-12", subcategory="学术交流", contact_name="刘敏")
    one = _form("a.pdf", project_name="浏阳市科普进社区系列讲座1", **alike)
    two = _form("b.docx", project_name="浏阳市科普进社区系列讲座2", **alike)
    assert distinct_forms([one, two]) == [one, two]
    bare = _form("a.docx", project_name="湖南省科技志愿服务站点建设", **alike)
    numbered = _form("b.docx", project_name="湖南省科技志愿服务站点建设1", **alike)
    assert distinct_forms([bare, numbered]) == [bare, numbered]

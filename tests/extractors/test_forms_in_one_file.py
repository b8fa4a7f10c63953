"""A file holding several 申报书 one after the other (a unit types its two applications into
one document: 申报书（2项）.docx) is read as several forms; a file that only repeats its title,
shows a filled-in example or keeps a project twice stays one form."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone

from docx import Document

from shenbao.extraction import FileResult, message_to_submissions, read_file_job
from shenbao.extractors.fields import forms_in
from shenbao.extractors.readers import read_document
from shenbao.pipeline import mail_of
from shenbao.record import Cell, DocText, ExtractedForm, MessageLocation, Row, StoredMessage
from tests.builders.eml import attachment, mail, text_part

TITLE = "2024年度湖南省科协科技创新服务能力提升计划项目申报书"


def _basic(project: str, leader: str, amount: str) -> list[tuple[str, str]]:
    return [("项目名称", project), ("项目类别", "☑学术交流 ☐科技创新联盟建设 ☐学会服务站建设"),
            ("申报单位", "湖南省自动化学会"), ("单位类型", "☑省级学会 ☐市州科协 ☐高校科协"),
            ("项目负责人", leader), ("负责人手机", "19904908035"), ("申请经费（万元）", amount),
            ("起止时间", "2024年4月—2024年11月")]


def _docx(*forms: list[tuple[str, str]], titles: int = 1, example: bool = False, cover: str = "") -> bytes:
    d = Document()
    if cover:  # a cover page naming the project (a little differently) before the form's own title
        for line in (TITLE, f"项目名称：{cover}", "申报单位：湖南省自动化学会", "填报日期：2024年4月"):
            d.add_paragraph(line)
        d.add_page_break()
    if example:  # the template's filled-in example, laid out as a whole form
        d.add_paragraph("填写示例")
        forms = (_basic("2024年湖南省××学会学术年会", "张××", "5"), *forms)
    for rows in forms:
        for _ in range(titles):
            d.add_paragraph(TITLE)
        d.add_paragraph("一、基本情况")
        table = d.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        d.add_paragraph("二、项目内容")
        d.add_paragraph("举办学术论坛一次，邀请国内专家作报告。")
        d.add_page_break()
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


FIRST = _basic("第3届湘江机器人技术高端学术论坛", "覃湘宁", "5")
SECOND = _basic("长株潭智能制造学术研讨会", "欧阳明月", "8")


def _forms(data: bytes) -> list[ExtractedForm]:
    doc = read_document(data, "申报书（2项）.docx", "docx", hashlib.sha256(data).hexdigest())
    return forms_in(doc)[1]


def test_two_forms_in_one_file_are_two_forms_each_with_its_own_values() -> None:
    forms = _forms(_docx(FIRST, SECOND))
    assert [f.fields.project_name for f in forms] == ["第3届湘江机器人技术高端学术论坛", "长株潭智能制造学术研讨会"]
    assert [f.fields.leader_name for f in forms] == ["覃湘宁", "欧阳明月"]
    assert [f.fields.funding_wan for f in forms] == [5.0, 8.0]
    assert all("中有2份申报书" in " ".join(f.notes) for f in forms)
    assert "此为第2份" in " ".join(forms[1].notes)


def test_a_title_repeated_over_one_form_keeps_one_form() -> None:
    forms = _forms(_docx(FIRST, titles=2))
    assert len(forms) == 1 and forms[0].fields.project_name == "第3届湘江机器人技术高端学术论坛"
    assert not any("份申报书" in n for n in forms[0].notes)


def test_a_cover_page_naming_the_project_is_no_form_of_its_own() -> None:
    forms = _forms(_docx(FIRST, cover="《第3届湘江机器人技术高端学术论坛》"))
    assert len(forms) == 1 and not any("份申报书" in n for n in forms[0].notes)


def test_a_cover_spelling_the_project_another_way_stays_with_its_form() -> None:
    # 第三届 on the cover, 第3届 in the table; the cover names the item too (it reads as a form
    # of sorts) but has no amount and no period: it is the form's cover, not a second form.
    forms = _forms(_docx(FIRST, cover="第三届湘江机器人技术高端学术论坛\n项目类别：☑学术交流"))
    assert len(forms) == 1 and forms[0].fields.project_name == "第3届湘江机器人技术高端学术论坛"


def test_a_form_without_amount_or_period_between_two_forms_keeps_the_file_whole() -> None:
    # Its project is no other form's: splitting would drop it or fold it into another form.
    bare = [(label, value) for label, value in _basic("湘江青年科学家沙龙", "李卫东", "")
            if label not in ("申请经费（万元）", "起止时间")]
    forms = _forms(_docx(FIRST, bare, SECOND))
    assert len(forms) == 1 and not any("份申报书" in n for n in forms[0].notes)


def test_a_filled_in_example_before_the_form_is_no_form_of_its_own() -> None:
    forms = _forms(_docx(FIRST, example=True))
    assert [f.fields.project_name for f in forms] == ["第3届湘江机器人技术高端学术论坛"]


def test_the_same_project_twice_in_one_file_is_one_form() -> None:
    assert len(_forms(_docx(FIRST, FIRST))) == 1


def test_two_projects_named_alike_are_two_forms() -> None:
    """…湖南化工青年科学家论坛 and …湖南竹产业青年科学家论坛: alike letter for letter (a ratio of
    0.83), but other editions and other subjects, so two applications (one was lost before)."""
    forms = _forms(_docx(_basic("第12届湖南化工青年科学家论坛", "贺伟", "8"),
                         _basic("第11届湖南竹产业青年科学家论坛", "李娜", "9")))
    assert [f.fields.project_name for f in forms] == ["第12届湖南化工青年科学家论坛", "第11届湖南竹产业青年科学家论坛"]
    forms = _forms(_docx(_basic("湖南化工青年科学家论坛", "贺伟", "8"), _basic("湖南竹产业青年科学家论坛", "李娜", "9")))
    assert len(forms) == 2


def test_the_file_result_keeps_its_further_forms_across_the_store() -> None:
    data = _docx(FIRST, SECOND)
    result = read_file_job(data, "申报书（2项）.docx", "docx", hashlib.sha256(data).hexdigest())
    again = FileResult.from_json(result.to_json())
    assert again.form == result.form and again.others == result.others and len(again.others) == 1


def test_a_mail_with_one_file_of_two_forms_gives_two_applications() -> None:
    data = _docx(FIRST, SECOND)
    raw = mail(subject="湖南省自动化学会2024年度项目申报书（2项）",
               parts=[text_part("两个项目的申报书在附件中，请查收。"), attachment(data, "申报书（2项）.docx")])
    stored = StoredMessage(sha256=hashlib.sha256(raw).hexdigest(), message_id=None,
                           internaldate=datetime(2024, 4, 20, tzinfo=timezone.utc), size=len(raw),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1))
    parsed = mail_of(stored, raw)
    subs = message_to_submissions(parsed, lambda part, sha: read_file_job(part.data, part.name, part.kind, sha))
    assert [s.form.fields.project_name for s in subs if s.form] == ["第3届湘江机器人技术高端学术论坛",
                                                                    "长株潭智能制造学术研讨会"]
    assert len({s.key for s in subs}) == 2


def _numbered_lines(forms: list[list[tuple[str, str]]], title_glued: bool) -> DocText:
    """A text PDF of several forms printed with 行号: each page's lines numbered in the margin,
    a centred title's number a cell of its own (or, `title_glued`, run into the title's text)."""
    rows: list[Row] = []
    for page, basic in enumerate(forms, start=1):
        lines: list[tuple[str, ...]] = [("附件2",), ("2024年度湖南省科协科技创新服务能力提升计划",), ("项目申报书",),
                                        ("一、基本情况",), *[(f"{label}：{value}",) for label, value in basic],
                                        ("二、项目内容",), ("举办学术论坛一次，邀请国内专家作报告。",)]
        for n, texts in enumerate(lines, start=1):
            centred = len(texts[0]) < 30 and not texts[0].startswith(("一、", "二、")) and "：" not in texts[0]
            cells = ((f"{n} {texts[0]}",) if not centred or title_glued else (str(n), texts[0]))
            y = 0.08 + n * 0.03
            rows.append(Row(cells=tuple(Cell(text=t, where=f"第{page}页 第{n}行", page=page,
                                             box=(0.05 if k == 0 and len(cells) == 2 else 0.3, y, 0.9, y + 0.012))
                                        for k, t in enumerate(cells)), source="line"))
    return DocText(file="申报书（两个项目）.pdf", kind="pdf", sha256="s", rows=tuple(rows))


def test_two_forms_in_a_pdf_printed_with_line_numbers_are_two_forms() -> None:
    """Each title line carries its page's line number (in a cell of its own, or run into its
    text): the file is still cut before each title."""
    for glued in (False, True):
        forms = forms_in(_numbered_lines([FIRST, SECOND], title_glued=glued))[1]
        assert [f.fields.project_name for f in forms] == ["第3届湘江机器人技术高端学术论坛", "长株潭智能制造学术研讨会"], glued
        assert [f.fields.funding_wan for f in forms] == [5.0, 8.0]

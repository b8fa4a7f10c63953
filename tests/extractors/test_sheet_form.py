"""An Excel workbook sent as the form (the template's table typed into a sheet) is read as a
form when no other file of the mail holds one; beside a Word form it stays material."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone

import openpyxl

from shenbao.demo.forms import build_docx, example_spec
from shenbao.extraction import message_to_submissions, read_file_job
from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, StoredMessage, Submission
from tests.builders.eml import attachment, mail, multipart, text_part

FORM = [("项目名称", "第2届湖南草学学术年会"), ("申报单位", "湖南省草学学会"), ("单位类型", "省级学会"),
        ("项目负责人", "卢桂英"), ("负责人手机", "19230996238"), ("项目联系人", "李少华"), ("联系电话", "17897232314"),
        ("电子邮箱", "xwajx308@163.com"), ("申请经费（万元）", "5"), ("起止时间", "2024年5月至2024年11月")]


def workbook(rows: list[tuple[str, str]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年度湖南省科协科技创新服务能力提升计划项目申报书"])
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def submissions(files: list[tuple[bytes, str]]) -> list[Submission]:
    raw = mail(subject="申报材料", parts=[multipart("mixed", [text_part("申报书见附件"),
                                                            *(attachment(data, name) for data, name in files)])])
    stored = StoredMessage(sha256=hashlib.sha256(raw).hexdigest(), message_id=None,
                           internaldate=datetime(2024, 4, 20, tzinfo=timezone.utc), size=len(raw),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1))
    return message_to_submissions(mail_of(stored, raw), lambda p, sha: read_file_job(p.data, p.name, p.kind, sha))


def test_a_workbook_holding_the_form_is_read_as_the_application() -> None:
    (sub,) = submissions([(workbook(FORM), "申报书.xlsx")])
    assert sub.form is not None
    f = sub.form.fields
    assert (f.project_name, f.applicant_org, f.leader_name, f.contact_email, f.funding_wan) == (
        "第2届湖南草学学术年会", "湖南省草学学会", "卢桂英", "xwajx308@163.com", 5.0)
    assert [(r.name, r.role) for r in sub.files] == [("申报书.xlsx", "form")]
    assert sub.form.facts.approval_box is False  # a sheet has no 申报单位意见 box: not judged


def test_a_workbook_beside_a_word_form_stays_material() -> None:
    word = build_docx(example_spec(project_name="湘江流域声景生态保护学术研讨会"))
    (sub,) = submissions([(workbook(FORM), "经费预算.xlsx"), (word, "申报书.docx")])
    assert sorted((r.name, r.role) for r in sub.files) == [("申报书.docx", "form"), ("经费预算.xlsx", "attachment")]
    assert sub.form is not None and sub.form.fields.project_name == "湘江流域声景生态保护学术研讨会"
    assert sub.form.facts.approval_box is True


def collection_sheet(values: list[str | int | None]) -> bytes:
    """The one-row 信息采集表: a header row with 序号 over one row of values; a blank cell is
    left empty (a blank 备注 at the end of the row is not stored by the sheet at all)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["2024年度湖南省科协科技创新服务能力提升计划项目信息采集表"])
    ws.append(["序号", "项目名称", "申报单位", "联合申报单位", "项目负责人", "负责人手机", "项目联系人",
               "联系电话", "电子邮箱", "申请经费（万元）", "备注"])
    ws.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_one_row_collection_sheet_reads_each_value_under_its_header() -> None:
    # 联合申报单位 blank inside the row, 备注 blank at its end: neither shifts a value.
    (sub,) = submissions([(collection_sheet([1, "第2届湖南草学学术年会", "湖南省草学学会", None, "卢桂英",
                                            "19230996238", "李少华", "17897232314", "xwajx308@163.com", 5, None]),
                          "信息采集表.xlsx")])
    assert sub.form is not None
    f = sub.form.fields
    assert (f.project_name, f.applicant_org, f.partner_orgs, f.leader_name, f.leader_phone, f.contact_name,
            f.contact_phone, f.contact_email, f.funding_wan) == (
        "第2届湖南草学学术年会", "湖南省草学学会", (), "卢桂英", "19230996238", "李少华", "17897232314",
        "xwajx308@163.com", 5.0)

"""Office files for the packet tests: tiny ordinary ones, as many as a test wants, each with its
own text, and a hostile .docx that keeps LibreOffice busy for many minutes while our own reader
reads it in a second or two; plus a mail that carries them into a workspace's Maildir."""

from __future__ import annotations

import functools
import io
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from openpyxl import Workbook

from shenbao.demo.forms import build_pdf, example_spec
from shenbao.demo.mail import build_eml
from shenbao.record import FileKind
from tests.builders.docx_quirks import NAMESPACES, docx_with_body, para, replace_part, run

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE_NAME = "附件1：活动日程.docx"
CST = timezone(timedelta(hours=8))


@functools.cache
def endless_layout_docx(paragraphs: int = 500_000) -> bytes:
    """A valid .docx whose body is one line of text and then `paragraphs` empty paragraphs
    (3 MB of XML, ~100 KB zipped). Our reader reads it in about a second; LibreOffice lays it
    out for far longer than any limit here (200,000 such paragraphs took it six minutes to
    print). Issue 19.6 was the same kind of file: a 50 MB document.xml zipped to 252 KB."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NAMESPACES}><w:body>'
           + para(run("活动日程")) + "<w:p/>" * paragraphs + "<w:sectPr/></w:body></w:document>")
    return replace_part(docx_with_body(para(run("x"))), "word/document.xml", xml.encode("utf-8"))


def tiny_docx(text: str) -> bytes:
    return docx_with_body(para(run(text)))


def tiny_xlsx(text: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["序号", "内容"])
    ws.append([1, text])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ordinary_files(count: int) -> list[tuple[str, bytes, FileKind]]:
    """`count` tiny office files (name, data, kind), every third a workbook, each text its own."""
    files: list[tuple[str, bytes, FileKind]] = []
    for i in range(count):
        text = f"附件{i + 2}的内容：第{i + 1}号说明"
        if i % 3 == 2:
            files.append((f"附件{i + 2}：经费明细{i}.xlsx", tiny_xlsx(text), "xlsx"))
        else:
            files.append((f"附件{i + 2}：说明{i}.docx", tiny_docx(text), "docx"))
    return files


def add_application_mail(maildir: Path, attachments: list[tuple[str, bytes, str]], *,
                         project_name: str = "洞庭湖湿地鸟类科普进校园活动") -> None:
    """Put into `maildir`/cur an application for 学术交流 (a PDF form that passes every check,
    sent before the demo workspace's deadline) carrying `attachments` (name, data, content type)."""
    received = datetime(2024, 4, 20, 10, 0, tzinfo=CST)
    spec = example_spec(project_name=project_name, applicant_org="湖南省示例鸟类学会")
    form = ("申报书.pdf", build_pdf(spec), "application/pdf")
    raw = build_eml(sender="niaolei@example.org", sender_name="湖南省示例鸟类学会",
                    subject=f"学术交流项目申报-{project_name}", body="您好，附件为申报材料。",
                    attachments=[form, *attachments], date=received, message_id="<packets-hostile@example.org>",
                    client_style="foxmail", received_at=received)
    path = maildir / "cur" / f"{int(received.timestamp())}.packets-hostile.test:2,S"
    path.write_bytes(raw)
    os.utime(path, (received.timestamp(), received.timestamp()))

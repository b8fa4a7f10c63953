"""An e-mail address that a narrow value cell wrapped after its @ (a line break the unit typed
there, or Word's own): the register shows it whole. A real .docx built with python-docx."""

from __future__ import annotations

import hashlib
import io

from docx import Document

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document


def _form(email: str) -> bytes:
    d = Document()
    d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    table = d.add_table(rows=0, cols=2)
    for label, value in [("项目名称", "第3届湘江机器人技术高端学术论坛"), ("项目类别", "☑学术交流 ☐学会服务站建设"),
                         ("申报单位", "湖南省自动化学会"), ("单位类型", "☑省级学会 ☐市州科协"),
                         ("项目负责人", "覃湘宁"), ("负责人手机", "19904908035"), ("项目联系人", "周敏"),
                         ("电子邮箱", email), ("申请经费（万元）", "5"), ("起止时间", "2024年4月—2024年11月")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value  # "\n" becomes a line break (w:br)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_an_address_broken_after_its_at_sign_in_its_cell_is_read_whole() -> None:
    data = _form("lwjnxo5882@\nyeah.net")
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None and form.fields.contact_email == "lwjnxo5882@yeah.net"
    assert "contact_email" not in form.low_confidence

"""An e-mail address that a narrow value cell wrapped after its @ (a line break the unit typed
there, or Word's own): the register shows it whole. A real .docx built with python-docx."""

from __future__ import annotations

import hashlib

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from tests.builders.docx_quirks import pairs_docx


def test_an_address_broken_after_its_at_sign_in_its_cell_is_read_whole() -> None:
    data = pairs_docx([("项目名称", "第3届湘江机器人技术高端学术论坛"), ("项目类别", "☑学术交流 ☐学会服务站建设"),
                       ("申报单位", "湖南省自动化学会"), ("单位类型", "☑省级学会 ☐市州科协"), ("项目负责人", "覃湘宁"),
                       ("负责人手机", "19904908035"), ("项目联系人", "周敏"),
                       ("电子邮箱", "lwjnxo5882@\nyeah.net"),  # "\n": a line break in the cell
                       ("申请经费（万元）", "5"), ("起止时间", "2024年4月—2024年11月")])
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None and form.fields.contact_email == "lwjnxo5882@yeah.net"
    assert "contact_email" not in form.low_confidence

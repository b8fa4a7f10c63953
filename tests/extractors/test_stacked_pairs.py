"""A form that saves rows by stacking its pairs: one table row holds several labels, one per
line, in its first cell and their values, one per line, in its second. A real .docx built with
python-docx (a line break inside a cell is a w:br)."""

from __future__ import annotations

import hashlib

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from tests.builders.docx_quirks import pairs_docx


STACKED = [("项目名称", "第3届湘江机器人技术高端学术论坛"), ("项目类别", "☑学术交流 ☐学会服务站建设"),
           ("申报单位", "湖南省自动化学会"), ("单位类型", "☑省级学会 ☐市州科协"),
           ("项目负责人\n负责人手机", "覃湘宁，女\n19904908035（微信同号）"),
           ("项目联系人\n联系电话\n电子邮箱", "程建国（联络员）\n18260691478\n程建国 <jian@qq.com；备用邮箱：bei@163.com>"),
           ("申请经费\n起止时间", "80 000元\n2024-07至2024年11月")]


def test_pairs_stacked_in_one_row_are_read_label_by_label() -> None:
    data = pairs_docx(STACKED)
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone, f.contact_name, f.contact_phone, f.contact_email) == (
        "覃湘宁", "19904908035", "程建国", "18260691478", "jian@qq.com")
    assert (f.funding_wan, f.start_date, f.end_date) == (8.0, "2024-07", "2024-11")


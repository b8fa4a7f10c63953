"""Frames placed on the page (a PDF-to-Word converter's output) are read in the page's order."""

from __future__ import annotations

import hashlib

from shenbao.extraction import read_file_job
from shenbao.extractors.docx_reader import docx_to_doctext
from tests.builders.docx_quirks import docx_with_body, para, run

PAIRS = [("项目名称：", "浏阳市米粉产业学会服务站建设"), ("申报单位：", "湘潭市科学技术协会"), ("项目负责人：", "谢海波"),
         ("负责人手机：", "15643063980"), ("申请经费：", "5万元"), ("起止时间：", "2024年5月至2024年12月")]


def _framed(text: str, x: int, y: int, width: int = 1814) -> str:
    frame = (f'<w:pPr><w:framePr w:w="{width}" w:hSpace="180" w:wrap="notBeside" w:vAnchor="page" '
             f'w:hAnchor="page" w:x="{x}" w:y="{y}"/></w:pPr>')
    return f"<w:p>{frame}{run(text)}</w:p>"


def _converted() -> bytes:
    """Every label a frame at x=1361, then every value a frame at x=3402 on the label's line;
    the title and the next part are ordinary paragraphs around them."""
    labels = "".join(_framed(label, 1361, 2835 + 567 * n) for n, (label, _) in enumerate(PAIRS))
    values = "".join(_framed(value, 3402, 2835 + 567 * n, width=6000) for n, (_, value) in enumerate(PAIRS))
    return docx_with_body(para(run("2024年度湖南省科协科技创新服务能力提升计划项目申报书")) + para(run("一、基本情况"))
                          + labels + values + para(run("二、项目主要内容")) + para(run("组织专家开展交流。")))


def test_placed_frames_become_rows_of_label_and_value_in_the_pages_order() -> None:
    data = _converted()
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(data, "申报书.docx", "x").rows]
    assert rows[0] == ["2024年度湖南省科协科技创新服务能力提升计划项目申报书"] and rows[1] == ["一、基本情况"]
    assert rows[2:2 + len(PAIRS)] == [[label, value] for label, value in PAIRS]
    assert rows[-2:] == [["二、项目主要内容"], ["组织专家开展交流。"]]
    form = read_file_job(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()).form
    assert form is not None
    assert (form.fields.project_name, form.fields.applicant_org, form.fields.leader_phone) == (
        "浏阳市米粉产业学会服务站建设", "湘潭市科学技术协会", "15643063980")
    assert (form.fields.funding_wan, form.fields.end_date) == (5.0, "2024-12")


def test_paragraphs_sharing_one_frames_settings_are_one_frame_and_a_drop_cap_is_no_frame() -> None:
    two_lines = _framed("科技创新服务能力建设项目：", 3402, 2835) + _framed("☑学会服务站建设", 3402, 2835)
    drop_cap = ('<w:p><w:pPr><w:framePr w:dropCap="drop" w:lines="2" w:wrap="around" w:vAnchor="text" '
                'w:hAnchor="text" w:x="0" w:y="0"/></w:pPr>' + run("经") + "</w:p>")
    data = docx_with_body(_framed("项目类别：", 1361, 2835) + two_lines + drop_cap + para(run("理事会审议通过。")))
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(data, "申报书.docx", "x").rows]
    assert rows[0] == ["项目类别：", "科技创新服务能力建设项目：\n☑学会服务站建设"]
    assert rows[1:] == [["经"], ["理事会审议通过。"]]

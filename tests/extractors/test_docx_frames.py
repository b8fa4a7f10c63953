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


def _placed_box(text: str, x_emu: int, y_emu: int, box_id: int, relative: str = "page") -> str:
    """A text box anchored at a fixed place on the page, as LibreOffice saves a Word frame."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" locked="0" '
        'layoutInCell="0" allowOverlap="1" relativeHeight="3"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{relative}"><wp:posOffset>{x_emu}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{relative}"><wp:posOffset>{y_emu}</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1151255" cy="154940"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{box_id}" name="Frame{box_id}"/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1151255" cy="154940"/></a:xfrm>'
        '<a:prstGeom prst="rect"/></wps:spPr>'
        f'<wps:txbx><w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent></wps:txbx><wps:bodyPr/>'
        '</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>')


def test_text_boxes_placed_on_the_page_as_libreoffice_saves_frames_are_read_in_the_pages_order() -> None:
    labels = "".join(_placed_box(label, 864235, 1800225 + 360000 * n, n + 1) for n, (label, _) in enumerate(PAIRS))
    values = "".join(_placed_box(value, 2160000, 1800225 + 360000 * n, 50 + n) for n, (_, value) in enumerate(PAIRS))
    data = docx_with_body(para(run("一、基本情况")) + para(labels) + para(values) + para(run("二、项目主要内容")))
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(data, "申报书.docx", "x").rows]
    assert rows == [["一、基本情况"], *([label, value] for label, value in PAIRS), ["二、项目主要内容"]]
    # Boxes placed relative to the paragraph flow with the text, as before: one row each, in order.
    flowing = "".join(_placed_box(label, 0, 0, n + 1, relative="paragraph") for n, (label, _) in enumerate(PAIRS[:2]))
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(docx_with_body(para(flowing)), "a.docx", "x").rows]
    assert rows == [[PAIRS[0][0]], [PAIRS[1][0]]]


def test_frames_of_two_pages_are_not_read_together_and_a_placed_box_with_a_table_stays_a_text_box() -> None:
    page1 = "".join(_framed(label, 1361, 2835 + 567 * n) + _framed(value, 3402, 2835 + 567 * n, 6000)
                    for n, (label, value) in enumerate(PAIRS[:3]))
    page2 = "".join(_framed(label, 1361, 2835 + 567 * n) + _framed(value, 3402, 2835 + 567 * n, 6000)
                    for n, (label, value) in enumerate((("会场费", "3"), ("专家咨询费", "2"))))
    data = docx_with_body(page1 + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + page2)
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(data, "a.docx", "x").rows]
    assert rows == [[label, value] for label, value in PAIRS[:3]] + [["会场费", "3"], ["专家咨询费", "2"]]

"""OFD (版式文档) exports: real OFD packages built here (OFD.xml, Document.xml, each page's
Content.xml of TextObjects placed in millimetres), sniffed, read into lines and into a form."""

from __future__ import annotations

import io
import zipfile

import pytest

from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.fields import score_and_form
from shenbao.extractors.ofd_reader import ofd_to_doctext
from shenbao.extractors.readers import read_document
from shenbao.intake.sniff import sniff_kind
from tests.builders.ofd import NS, ofd_package, ofd_page

FORM = [
    (60, 20, "2024年度湖南省科协科技创新服务能力提升计划项目申报书"),
    (20, 40, "项目名称"), (60, 40, "湘江流域湿地候鸟监测学术交流会"),
    (20, 50, "申报单位"), (60, 50, "湖南省动物学会"),
    (20, 60, "单位类型"), (60, 60, "☑省级学会 ☐市州科协 ☐高校科协"),
    (20, 70, "项目负责人"), (60, 70, "王立新"), (110, 70, "负责人手机"), (150, 70, "13912345678"),
    (20, 80, "申请经费"), (60, 80, "8万元"), (110, 80, "起止时间"), (150, 80, "2024年5月至2024年11月"),
]


def test_an_ofd_export_is_sniffed_and_read_into_a_form() -> None:
    data = ofd_package([ofd_page(FORM)])
    assert sniff_kind(data, "申报书.ofd") == "ofd"
    assert sniff_kind(data, "申报书.zip") == "ofd"  # by its bytes, whatever its name
    doc = read_document(data, "申报书.ofd", "ofd", "s")
    assert doc.kind == "ofd" and doc.pages == 1
    assert [c.text for c in doc.rows[4].cells] == ["项目负责人", "王立新", "负责人手机", "13912345678"]
    box = doc.rows[1].cells[1].box
    assert box is not None and 0.28 < box[0] < 0.29 and doc.rows[1].cells[1].page == 1
    form = score_and_form(doc)[1]
    assert form is not None
    f = form.fields
    assert (f.project_name, f.applicant_org, f.applicant_type) == ("湘江流域湿地候鸟监测学术交流会", "湖南省动物学会", "省级学会")
    assert (f.leader_name, f.leader_phone, f.funding_wan) == ("王立新", "13912345678", 8.0)


def test_a_sheet_printed_two_pages_to_a_side_is_read_left_page_first() -> None:
    left = [(20, 30 + 10 * n, text) for n, text in enumerate(("关于申报项目的函", "根据《关于组织申报项目的通知》要求，我单位决定申报",
                                                              "特此函报。"))]
    right = [(170 + x - 20, y, t) for x, y, t in FORM[1:5]]
    doc = ofd_to_doctext(ofd_package([ofd_page(left + right, width=297, height=210)]), "a.ofd", "s")
    texts = [" | ".join(c.text for c in r.cells) for r in doc.rows]
    assert texts[:3] == ["关于申报项目的函", "根据《关于组织申报项目的通知》要求，我单位决定申报", "特此函报。"]
    assert texts[3:] == ["项目名称 | 湘江流域湿地候鸟监测学术交流会", "申报单位 | 湖南省动物学会"]


def test_a_page_drawn_only_as_a_picture_is_said_to_be_one() -> None:
    picture = (f'<?xml version="1.0"?><ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="2">'
               f'<ofd:ImageObject ID="3" Boundary="0 0 210 297" ResourceID="5"/></ofd:Layer></ofd:Content></ofd:Page>')
    doc = ofd_to_doctext(ofd_package([picture]), "扫描.ofd", "s")
    assert doc.rows == () and "图片" in doc.notes[0]


BOMB = (f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "{"x" * 1000}"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        f'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="20 20 50 5" '
        f'Size="3.7"><ofd:TextCode X="0" Y="3.7">&d;</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')


@pytest.mark.parametrize(("data", "reason"), [
    (b"PK\x03\x04" + b"\x00" * 100, "损坏"),
    (ofd_package([ofd_page(FORM)], doc_root="Doc_9/Document.xml"), "缺少"),
    (ofd_package(["<ofd:Page"]), "损坏"),
])
def test_a_damaged_or_incomplete_ofd_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        ofd_to_doctext(data, "a.ofd", "s")


def test_an_entity_bomb_in_a_page_is_refused_not_expanded() -> None:
    with pytest.raises(UnreadableFile, match="损坏"):
        ofd_to_doctext(ofd_package([BOMB]), "a.ofd", "s")


def test_a_single_landscape_page_with_its_values_far_right_is_not_cut_in_two() -> None:
    texts = [(20, 30, "项目名称"), (160, 30, "湘江流域学术交流会"), (20, 40, "申报单位"), (160, 40, "湖南省动物学会"),
             (20, 50, "项目负责人"), (160, 50, "王立新")]
    doc = ofd_to_doctext(ofd_package([ofd_page(texts, width=297, height=210)]), "a.ofd", "s")
    assert [[c.text for c in r.cells] for r in doc.rows][0] == ["项目名称", "湘江流域学术交流会"]


def test_runs_without_advances_span_their_characters() -> None:
    page = ofd_page([(20, 30, "申报单位")]).replace("</ofd:Layer>", (
        '<ofd:TextObject ID="90" Boundary="60 30 11.1 5.2" Size="3.7"><ofd:TextCode X="0" Y="3.7">湖南省</ofd:TextCode>'
        '</ofd:TextObject><ofd:TextObject ID="91" Boundary="71.1 30 18.5 5.2" Size="3.7"><ofd:TextCode X="0" Y="3.7">'
        "微生物学会</ofd:TextCode></ofd:TextObject></ofd:Layer>"))
    doc = ofd_to_doctext(ofd_package([page]), "a.ofd", "s")
    assert [c.text for c in doc.rows[0].cells] == ["申报单位", "湖南省微生物学会"]


def test_advances_written_as_huge_repeats_and_pages_sharing_one_content_stay_bounded() -> None:
    repeat = ofd_page([(20, 30, "项目名称")]).replace('DeltaX="', 'DeltaX="g 999999 3.7 g ' + "9" * 5000 + ' 1 ')
    doc = ofd_to_doctext(ofd_package([repeat]), "a.ofd", "s")
    assert doc.rows[0].cells[0].text == "项目名称"
    # Sixty pages all naming one large page: it is parsed once, not sixty times.
    big = ofd_page([(20, 30, "项目名称")]).replace("</ofd:Layer>", "</ofd:Layer>" + " " * (4 * 1024 * 1024))
    listed = "".join(f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_0/Content.xml"/>' for n in range(60))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{NS}"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                              "</ofd:DocBody></ofd:OFD>")
        z.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{NS}"><ofd:Pages>{listed}</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/Pages/Page_0/Content.xml", big)
    doc = ofd_to_doctext(out.getvalue(), "a.ofd", "s")
    assert doc.pages == 60 and len(doc.rows) == 60


def test_a_group_label_written_down_a_narrow_column_stays_apart_from_the_row_labels() -> None:
    # 项/目/概/况 one under another at x=15, the row labels 1.3 mm to their right (closer than a
    # cell gap): each character is a cell of its own, so the row's label stays 项目名称.
    size = 3.7
    column = [(15.0, 40.0 + 3.0 * k, ch) for k, ch in enumerate("项目概况")]
    rows = [(20.0, 40.0, "项目名称"), (60.0, 40.0, "湘江流域湿地候鸟监测学术交流会"),
            (20.0, 43.0, "项目类别"), (60.0, 43.0, "☑学术交流 ☐学会服务站建设"),
            (20.0, 52.0, "申报单位"), (60.0, 52.0, "湖南省动物学会")]
    page = ofd_page([*column, *rows], size=size)
    doc = ofd_to_doctext(ofd_package([page]), "a.ofd", "s")
    texts = [[c.text for c in r.cells] for r in doc.rows]
    assert ["项", "项目名称", "湘江流域湿地候鸟监测学术交流会"] in texts
    assert ["目", "项目类别", "☑学术交流 ☐学会服务站建设"] in texts
    # A single character standing alone on its line is no stack: 元 after an amount stays with it.
    lone = ofd_to_doctext(ofd_package([ofd_page([(20.0, 40.0, "申请经费"), (60.0, 40.0, "8"), (61.5, 40.0, "万"),
                                                 (20.0, 60.0, "起止时间")])]), "b.ofd", "s")
    assert [c.text for c in lone.rows[0].cells] == ["申请经费", "8万"]

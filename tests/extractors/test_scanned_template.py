"""A Word file typed over a scan of the blank form: the scan behind the text (placed on the
page), each value in a frame (图文框) over its cell. The scan's labels (by OCR) and the frames'
values are put together by their places on the page."""

from __future__ import annotations

import hashlib
import io

import pytest
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu

from shenbao.extraction import read_file_job
from shenbao.extractors.scanned_template import labels_with_frames, read_layout
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, DocText, Row
from tests.builders.docx_quirks import docx_from
from tests.builders.pdf_quirks import cjk_font_path, form_image

LABELS = ["项目名称", "项目类别", "申报单位", "单位类型", "项目负责人", "负责人手机", "申请经费", "起止时间"]
VALUES = ["湘江机器人技术高端学术论坛", "☑学术交流 ☐科技创新联盟建设 ☐学会服务站建设", "湖南省自动化学会",
          "☑省级学会 ☐市州科协 ☐高校科协", "覃湘宁", "19904908035", "5万元", "2024年4月—2024年11月"]
LINE, WIDTH_PX = 120, 1400
LEFT, TOP = 1440, 2000  # twips from the page's corner
WIDTH = 9000  # twips


def scanned_template_docx(frames: bool = True, extra: tuple[tuple[str, str, int], ...] = ()) -> bytes:
    """The form; `extra` frames: (text, vAnchor, y in twips)."""
    image = form_image(LABELS, width=WIDTH_PX, line_height=LINE)
    png = io.BytesIO()
    image.save(png, format="PNG")
    height = WIDTH * image.height / image.width

    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        run = doc.add_paragraph().add_run()
        run.add_picture(io.BytesIO(png.getvalue()), width=Emu(WIDTH * 635))
        inline = run._r.find(f".//{qn('wp:inline')}")
        anchor = parse_xml(
            f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            f'behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="page"><wp:posOffset>{LEFT * 635}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="page"><wp:posOffset>{TOP * 635}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{WIDTH * 635}" cy="{int(height * 635)}"/><wp:wrapNone/>'
            f'<wp:docPr id="9" name="扫描件"/></wp:anchor>')
        anchor.append(inline.find(qn("a:graphic")))
        inline.getparent().replace(inline, anchor)
        placed = [(value, "page", int(TOP + (60 + n * LINE + 22) / image.height * height - 170))  # on the label's line
                  for n, value in enumerate(VALUES if frames else [])]
        for text, anchor_to, y in (*placed, *extra):
            p = doc.add_paragraph(text)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:framePr {nsdecls("w")} w:w="5000" w:hAnchor="page" w:vAnchor="{anchor_to}" '
                f'w:x="{LEFT + 2200}" w:y="{y}"/>'))

    return docx_from(build)


needs_font = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")


@needs_font
def test_values_typed_in_frames_over_a_scanned_blank_form_are_read_with_the_scans_labels() -> None:
    data = scanned_template_docx()
    form = read_file_job(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()).form
    assert form is not None
    f = form.fields
    assert (f.project_name, f.subcategory, f.applicant_org, f.applicant_type) == (
        "湘江机器人技术高端学术论坛", "学术交流", "湖南省自动化学会", "省级学会")
    assert (f.leader_name, f.leader_phone, f.funding_wan, f.start_date, f.end_date) == (
        "覃湘宁", "19904908035", 5.0, "2024-04", "2024-11")


@needs_font
def test_a_picture_with_no_frames_over_it_is_no_scanned_template() -> None:
    data = scanned_template_docx(frames=False)
    empty = DocText(file="申报书.docx", sha256="x" * 64, kind="docx", rows=())
    picture = DocText(file="p", sha256="y" * 64, kind="image", rows=())
    assert labels_with_frames(empty, read_layout(data), "word/media/image1.png", picture) is None


def picture_lines() -> DocText:
    """The scan's OCR lines as the reader gives them: boxes as fractions of the picture."""
    image_height = LINE * (len(LABELS) + 3)
    return DocText(file="p", sha256="y" * 64, kind="image", rows=tuple(
        Row(cells=(Cell(text=label, where=f"第{n + 1}行", page=1,
                        box=(0.05, (60 + n * LINE) / image_height, 0.2, (60 + n * LINE + 44) / image_height)),),
            source="ocr") for n, label in enumerate(LABELS)))


@needs_font
def test_a_frame_placed_by_its_paragraph_or_far_from_every_label_is_left_as_it_was() -> None:
    data = scanned_template_docx(extra=(("经理事会审议通过，同意申报。", "page", 15500), ("某某备注文字", "text", 400)))
    doc = read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    found = labels_with_frames(doc, read_layout(data), "word/media/image1.png", picture_lines())
    assert found is not None
    rows, used = found
    assert [r.cells[-1].text for r in rows][:2] == ["湘江机器人技术高端学术论坛", VALUES[1]]
    assert "经理事会审议通过同意申报" not in used and "某某备注文字" not in used
    assert all(len(r.cells) == 2 for r in rows)

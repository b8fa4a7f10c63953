"""The basic part typed into an Excel worksheet embedded in the Word form (选择性粘贴 → Microsoft
Excel 工作表 对象): Word shows a picture of it; its cells are in word/embeddings/….xlsx and are
read from there, in the document's order. A hostile or broken embedded workbook gives no rows
and never stops the reading of the document."""

from __future__ import annotations

import hashlib
import io
import zipfile

from docx import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from openpyxl import Workbook

from shenbao.extractors.fields import forms_in
from shenbao.extractors.readers import read_document
from shenbao.extractors.docx_reader import MAX_SHEET_OBJECTS
from shenbao.extractors.sheet_objects import MAX_PACKAGE_BYTES, sheet_rows
from shenbao.record import DocText

_O = "urn:schemas-microsoft-com:office:office"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

BASIC = [("项目名称", "溆浦县腊味科技服务站建设"), ("项目类别", "科技创新服务能力建设项目—学会服务站建设"),
         ("申报单位", "湖南省稀土学会"), ("单位类型", "省级学会"), ("项目负责人", "徐云峰"),
         ("负责人手机", 18135229227), ("申请经费（万元）", 7), ("起止时间", "2024年5月—2024年11月")]


def workbook(rows: list[tuple[str, object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["2024年度项目申报信息表"])
    ws.merge_cells("A1:B1")
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def form_with_sheet(package: bytes, prog_id: str = "Excel.Sheet.12") -> bytes:
    """A Word form whose basic part is an embedded worksheet object (no preview picture: the
    reader must not need one)."""
    return _with_objects(package, 1, prog_id=prog_id)


def _read(data: bytes) -> DocText:
    return read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest())


def test_the_basic_part_in_an_embedded_worksheet_is_read_from_its_cells() -> None:
    doc = _read(form_with_sheet(workbook(BASIC)))
    texts = [[c.text for c in row.cells] for row in doc.rows]
    heading = texts.index(["一、基本情况"])
    assert texts[heading + 1] == ["2024年度项目申报信息表"]
    assert texts[heading + 2] == ["项目名称", "溆浦县腊味科技服务站建设"]
    assert texts.index(["二、项目主要内容"]) > heading + len(BASIC)  # in the document's order
    (form,) = forms_in(doc)[1]
    assert form.fields.project_name == "溆浦县腊味科技服务站建设"
    assert form.fields.leader_phone == "18135229227"  # a number cell, as typed
    assert form.fields.funding_wan == 7.0 and form.fields.subcategory == "学会服务站建设"
    assert "嵌入的Excel表格" in form.evidence["project_name"].where


def test_an_object_that_is_not_a_worksheet_is_not_read_as_one() -> None:
    doc = _read(form_with_sheet(workbook(BASIC), prog_id="Word.Document.12"))
    assert not any("溆浦县腊味科技服务站建设" in c.text for row in doc.rows for c in row.cells)


def test_a_worksheet_declaring_an_entity_gives_no_rows() -> None:
    good = workbook(BASIC)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet', 1)
            dst.writestr(info, data)
    assert sheet_rows(out.getvalue()) == []
    doc = _read(form_with_sheet(out.getvalue()))  # the document itself still reads
    assert any(c.text == "二、项目主要内容" for row in doc.rows for c in row.cells)


def test_a_damaged_or_oversized_embedded_package_gives_no_rows() -> None:
    assert sheet_rows(b"PK\x03\x04 not a zip") == []
    assert sheet_rows(b"\0" * (MAX_PACKAGE_BYTES + 1)) == []
    assert sheet_rows(workbook(BASIC))[1] == ["项目名称", "溆浦县腊味科技服务站建设"]


def _with_objects(package: bytes, count: int, in_cell: bool = False, prog_id: str = "Excel.Sheet.12") -> bytes:
    """A Word form with `count` sheet objects all pointing at one embedded workbook, after the
    基本情况 heading; with `in_cell` the heading and the objects stand in a table's cell."""
    d = Document()
    d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    part = d.part
    sheet = Part(PackURI("/word/embeddings/Microsoft_Excel____.xlsx"), _XLSX, package, part.package)
    rid = part.relate_to(sheet, _RT_PACKAGE)
    holder = d.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0] if in_cell else d.add_paragraph()
    holder.add_run("一、基本情况")
    for _ in range(count):
        p = holder if in_cell else d.add_paragraph()
        obj = OxmlElement("w:object")
        ole = etree.SubElement(obj, f"{{{_O}}}OLEObject", nsmap={"o": _O})
        ole.set("Type", "Embed")
        ole.set("ProgID", prog_id)
        ole.set(qn("r:id"), rid)
        p.add_run()._r.append(obj)
    d.add_paragraph("二、项目主要内容")
    d.add_paragraph("组织专家开展调研、交流与服务活动，形成成果报告。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_worksheet_object_in_a_tables_cell_is_read_where_it_stands() -> None:
    doc = _read(_with_objects(workbook(BASIC), 1, in_cell=True))
    texts = [[c.text for c in row.cells] for row in doc.rows]
    assert texts.index(["项目名称", "溆浦县腊味科技服务站建设"]) < texts.index(["二、项目主要内容"])
    (form,) = forms_in(doc)[1]
    assert form.fields.project_name == "溆浦县腊味科技服务站建设"


def test_hundreds_of_objects_pointing_at_one_workbook_are_read_a_few_times_only() -> None:
    doc = _read(_with_objects(workbook(BASIC), 300))
    names = [row for row in doc.rows if row.cells[0].text == "项目名称"]
    assert len(names) == MAX_SHEET_OBJECTS

"""The people under two tiers of headers: a row naming the roles (项目负责人 | 项目联系人, each
spanning several columns), a row of their attributes (姓名 | 职务/职称 | 手机 | 姓名 | 电话 |
电子邮箱), then the values: each value read for the role and the attribute above it, in a Word
table (by grid column), a text PDF (by place) and OCR boxes (by place)."""

from __future__ import annotations

import hashlib

from docx.document import Document as DocumentObject

from shenbao.extractors.fields import doctext_to_form, score_and_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.extractors.readers import read_document
from shenbao.record import Cell, DocText, ExtractedForm, Row
from tests.builders.docx_quirks import docx_from
from tests.builders.pdf_quirks import GridCell, pdf_from, ruled_table

ROLES = ("项目负责人", "项目联系人")
HEADS = ("姓名", "职务/职称", "手机", "姓名", "电话", "电子邮箱")
VALUES = ("欧阳立新", "副理事长", "13907318826", "周敏", "0731-84123456", "zhoumin@hnast.org.cn")
BASIC = (("项目名称", "洞庭湖湿地候鸟监测技术交流会"), ("申报单位", "湖南省生态学学会"), ("申请经费", "8万元"),
         ("起止时间", "2024年5月至2024年11月"))


def _assert_people(form: ExtractedForm | None) -> None:
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone) == ("欧阳立新", "13907318826")
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("周敏", "0731-84123456", "zhoumin@hnast.org.cn")


def _word_table(doc: DocumentObject, roles: tuple[str, ...] = ROLES, heads: tuple[str, ...] = HEADS) -> None:
    table = doc.add_table(rows=len(BASIC) + 3, cols=6)
    for r, (label, value) in enumerate(BASIC):
        table.cell(r, 0).text = label
        table.cell(r, 1).merge(table.cell(r, 5)).text = value
    top = len(BASIC)
    table.cell(top, 0).merge(table.cell(top, 2)).text = roles[0]
    table.cell(top, 3).merge(table.cell(top, 5)).text = roles[1]
    for c, (head, value) in enumerate(zip(heads, VALUES)):
        table.cell(top + 1, c).text = head
        table.cell(top + 2, c).text = value


def _word_form(**kw: tuple[str, ...]) -> ExtractedForm | None:
    data = docx_from(lambda d: (d.add_paragraph("一、基本情况"), _word_table(d, **kw)))
    return score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]


def test_people_under_two_tiers_of_headers_are_read_from_a_word_table() -> None:
    _assert_people(_word_form())


def test_a_text_pdf_of_the_same_table_is_read_by_place() -> None:
    cells = [c for r, (label, value) in enumerate(BASIC)
             for c in (GridCell(r, 0, label), GridCell(r, 1, value, colspan=5))]
    top = len(BASIC)
    cells += [GridCell(top, 0, ROLES[0], colspan=3), GridCell(top, 3, ROLES[1], colspan=3)]
    cells += [GridCell(top + 1, c, head) for c, head in enumerate(HEADS)]
    cells += [GridCell(top + 2, c, value) for c, value in enumerate(VALUES)]
    data = pdf_from([ruled_table(cells, col_widths=(60, 70, 95, 60, 95, 140))])
    _assert_people(doctext_to_form(pdf_to_doctext(data, "申报书.pdf", "s")))


def test_ocr_boxes_of_the_table_are_read_by_place() -> None:
    def box(text: str, x0: float, x1: float, y: float) -> Cell:
        return Cell(text=text, where="w", page=1, box=(x0, y, x1, y + 0.02), score=0.99)

    xs = [(0.05, 0.15), (0.17, 0.27), (0.29, 0.42), (0.45, 0.55), (0.57, 0.70), (0.72, 0.95)]
    doc = DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True, rows=(
        Row(cells=(box(ROLES[0], 0.05, 0.42, 0.15), box(ROLES[1], 0.45, 0.95, 0.15)), source="ocr"),
        Row(cells=tuple(box(h, *x, 0.2) for h, x in zip(HEADS, xs)), source="ocr"),
        Row(cells=tuple(box(v, *x, 0.25) for v, x in zip(VALUES, xs)), source="ocr"),
    ))
    pairs = {(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())}
    assert {("leader_name", "欧阳立新"), ("leader_phone", "13907318826"), ("contact_name", "周敏"),
            ("contact_phone", "0731-84123456"), ("contact_email", "zhoumin@hnast.org.cn")} <= pairs


def test_an_attribute_row_naming_no_person_leaves_the_values_unread_rather_than_misread() -> None:
    """Without 姓名 under each role the columns are not known to be people's: nothing is read
    from them as a person's (the leader and contact stay missing, and so flagged)."""
    form = _word_form(heads=("单位", "职务/职称", "手机", "单位", "电话", "电子邮箱"))
    assert form is not None and form.fields.leader_name is None and form.fields.contact_name is None


def test_values_a_scan_wrapped_in_their_cells_go_on_under_their_attribute() -> None:
    """努尔 | 兰·哈力木, 185 9576 | 4399: the line right below the values carries each one on,
    piece by piece under its attribute; the next line further down is no part of them."""
    def box(text: str, x0: float, x1: float, y: float) -> Cell:
        return Cell(text=text, where="w", page=1, box=(x0, y, x1, y + 0.02), score=0.99)

    xs = [(0.05, 0.15), (0.17, 0.27), (0.29, 0.42), (0.45, 0.55), (0.57, 0.70), (0.72, 0.95)]
    doc = DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True, rows=(
        Row(cells=(box("一、基本情况", 0.05, 0.2, 0.05),), source="ocr"),
        Row(cells=(box("项目名称", 0.05, 0.15, 0.08), box("第13届湖南航空学术年会", 0.17, 0.5, 0.08)), source="ocr"),
        Row(cells=(box("申报单位", 0.05, 0.15, 0.11), box("南华大学科学技术协会", 0.17, 0.5, 0.11)), source="ocr"),
        Row(cells=(box(ROLES[0], 0.05, 0.42, 0.15), box(ROLES[1], 0.45, 0.95, 0.15)), source="ocr"),
        Row(cells=tuple(box(h, *x, 0.2) for h, x in zip(HEADS, xs)), source="ocr"),
        Row(cells=(box("努尔", 0.08, 0.13, 0.23), box("处长", 0.18, 0.22, 0.23), box("185 9576", 0.3, 0.4, 0.23),
                   box("曾春", 0.47, 0.52, 0.23), box("(", 0.58, 0.59, 0.23), box("nwlwpx@yeah.ne", 0.72, 0.9, 0.23)),
            source="ocr"),
        Row(cells=(box("兰·哈力木", 0.05, 0.14, 0.245), box("4399", 0.3, 0.36, 0.245), box("生", 0.47, 0.49, 0.245),
                   box("0733)86138370", 0.58, 0.69, 0.245), box("t", 0.72, 0.73, 0.245)), source="ocr"),
        Row(cells=(box("申请经费", 0.05, 0.15, 0.3), box("7万元", 0.17, 0.25, 0.3)), source="ocr"),
    ))
    form = doctext_to_form(doc)
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone) == ("努尔兰·哈力木", "18595764399")
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("曾春生", "0733-86138370", "nwlwpx@yeah.net")
    assert f.funding_wan == 7.0

"""A form printed two pages to a sheet (缩印：每版打印2页): the sheet is landscape, a page on
each half. Read line by line across the sheet, each line would join a line of the left page
to one of the right; each half is read as a page of its own, the left one first."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from shenbao.extractors.fields import forms_in
from shenbao.extractors.pdf_reader import pdf_to_doctext
from tests.builders.pdf_quirks import FONT

LANDSCAPE = (842.0, 595.0)
EXAMPLE = ["填写示例（正式填报时请删除本页）", "一、基本情况", "项目名称：2024年湖南省××学会学术年会", "项目类别：☑学术交流",
           "申报单位：湖南省××学会", "项目负责人：张××", "负责人手机：139××××××××", "申请经费：10万元",
           "起止时间：2024年3月—2024年12月", "注：以上内容仅为填写示例。"]
FORM = ["2024年度湖南省科协科技创新服务能力提升计划项目申报书", "一、基本情况", "项目名称：长株潭植物病理学术研讨会",
        "项目类别：☐科技创新联盟建设 ☑学术交流", "申报单位：湖南省植物病理学会", "项目负责人：廖文博",
        "负责人手机：17102159481", "申请经费：7万元", "起止时间：2024年6月至2024年11月", "二、项目主要内容"]


def _sheet(left: list[str], right: list[str], size: tuple[float, float] = LANDSCAPE, gap: float = 421) -> bytes:
    import io

    out = io.BytesIO()
    c = Canvas(out, pagesize=size)
    c.setFont(FONT, 10)
    for n, (a, b) in enumerate(zip(left, right)):
        y = size[1] - 60 - n * 22
        c.drawString(40, y, a)
        c.drawString(gap + 20, y, b)
    c.showPage()
    c.save()
    return out.getvalue()


def test_the_two_pages_of_a_two_up_sheet_are_read_apart() -> None:
    doc = pdf_to_doctext(_sheet(EXAMPLE, FORM), "申报书.pdf", "sha")
    assert any("两页缩印" in n for n in doc.notes)
    (form,) = forms_in(doc)[1]  # the example on the left half is no form of its own
    assert form.fields.project_name == "长株潭植物病理学术研讨会"
    assert (form.fields.leader_name, form.fields.leader_phone) == ("廖文博", "17102159481")
    assert (form.fields.start_date, form.fields.end_date, form.fields.funding_wan) == ("2024-06", "2024-11", 7.0)


def test_a_portrait_page_with_two_columns_is_not_taken_for_two_pages() -> None:
    doc = pdf_to_doctext(_sheet(EXAMPLE, FORM, size=(595.0, 842.0), gap=280), "申报书.pdf", "sha")
    assert not any("两页缩印" in n for n in doc.notes)


def test_a_landscape_page_with_text_across_its_middle_is_one_page() -> None:
    wide = [line + "　" * 12 + "（本栏说明文字跨过页面中线）" for line in FORM]
    doc = pdf_to_doctext(_sheet(wide, [""] * len(wide)), "申报书.pdf", "sha")
    assert not any("两页缩印" in n for n in doc.notes)

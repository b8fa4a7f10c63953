"""A Word file whose 基本情况 is a screenshot pasted into the template: read by OCR, in place."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from docx.document import Document as DocumentObject
from docx.shared import Cm

from shenbao.extraction import read_file_job
from shenbao.extractors.pasted_pictures import MIN_PICTURE_BYTES, NOTE, SCAN_NOTE, pictures_in, scanned_pages
from tests.builders.docx_quirks import docx_from
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tests.builders.pdf_quirks import cjk_font_path, combine, form_image, pdf_from, text_page

BASIC = ["项目名称：湘江流域声景生态保护学术研讨会", "项目类别：☑学术交流 ☐科技创新联盟建设",
         "申报单位：湖南省声学学会", "单位类型：☑省级学会 ☐市州科协", "项目负责人：刘建华",
         "负责人手机：13907311234", "联系人：王芳", "联系人电话：0731-84561234",
         "联系人邮箱：wangfang@hnsx.org.cn", "申请经费：8万元", "起止时间：2024年5月至2024年11月"]


def _png(lines: list[str]) -> bytes:
    out = io.BytesIO()
    form_image(lines, width=1240, line_height=60, font_size=30).save(out, format="PNG")
    return out.getvalue()


def _template_with(picture: bytes | None, template: bool = True) -> bytes:
    """The template's text around the basic part, which is `picture` (None: left out);
    `template` False: a report with the same picture and no template text."""
    def build(d: DocumentObject) -> None:
        d.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书" if template else "活动总结")
        d.add_paragraph("一、基本情况" if template else "一、活动照片")
        if picture is not None:
            d.add_picture(io.BytesIO(picture), width=Cm(16))
        d.add_paragraph("二、项目主要内容")
        d.add_paragraph("举办学术研讨会一次，邀请国内专家作报告。")
        d.add_paragraph("四、申报单位意见")
        d.add_paragraph("经理事会审议通过，同意申报。")
    return docx_from(build)


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_a_basic_part_pasted_as_a_picture_is_read_with_the_text_around_it() -> None:
    result = read_file_job(data := _template_with(_png(BASIC)), "申报书.docx", "docx",
                           hashlib.sha256(data).hexdigest())
    form = result.form
    assert form is not None and result.ocr
    assert form.fields.project_name == "湘江流域声景生态保护学术研讨会"
    assert (form.fields.applicant_org, form.fields.leader_name) == ("湖南省声学学会", "刘建华")
    assert (form.fields.funding_wan, form.fields.start_date, form.fields.end_date) == (8.0, "2024-05", "2024-11")
    assert form.fields.contact_email == "wangfang@hnsx.org.cn"
    # The opinion is the Word text's, and the note says where the values came from.
    assert "理事会" in form.facts.approval_text and NOTE in form.notes
    # The evidence names the picture and has no page box: the file is a Word file.
    evidence = form.evidence["project_name"]
    assert "Word文件中的图片" in evidence.where and evidence.page is None and evidence.box is None


def test_a_word_file_without_a_form_or_a_picture_stays_no_form() -> None:
    result = read_file_job(data := _template_with(None), "申报书.docx", "docx", hashlib.sha256(data).hexdigest())
    assert result.form is None and not result.ocr


@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_the_pictures_of_a_file_that_is_not_the_template_are_not_read() -> None:
    data = _template_with(_png(BASIC), template=False)
    result = read_file_job(data, "活动总结.docx", "docx", hashlib.sha256(data).hexdigest())
    assert result.form is None and not result.ocr


def test_only_pictures_big_enough_to_hold_a_table_are_read_largest_first() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        zf.writestr("word/media/logo.png", b"x" * (MIN_PICTURE_BYTES - 1))
        zf.writestr("word/media/small.png", b"s" * MIN_PICTURE_BYTES)
        zf.writestr("word/media/big.jpeg", b"b" * (MIN_PICTURE_BYTES * 3))
        zf.writestr("word/media/chart.emf", b"e" * (MIN_PICTURE_BYTES * 5))  # vector: no OCR
        zf.writestr("customXml/photo.png", b"p" * (MIN_PICTURE_BYTES * 4))  # not the document's media
    assert [name for name, _ in pictures_in(buf.getvalue())] == ["word/media/big.jpeg", "word/media/small.png"]
    assert pictures_in(b"not a zip") == []


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_a_printed_word_file_with_the_basic_part_as_a_picture_is_read_by_ocr_on_that_page() -> None:
    """The same template printed to PDF: text headings and the screenshot on one page."""
    picture = form_image(BASIC, width=1240, line_height=60, font_size=30)

    def draw_picture(c: Canvas) -> None:
        c.drawImage(ImageReader(picture), 50, 120, width=500, height=500 * picture.height / picture.width)

    page = combine(text_page(["2024年度湖南省科协科技创新服务能力提升计划项目申报书", "一、基本情况"]), draw_picture)
    data = pdf_from([page, text_page(["四、申报单位意见", "经理事会审议通过，同意申报。"])])
    result = read_file_job(data, "申报书.pdf", "pdf", hashlib.sha256(data).hexdigest())
    form = result.form
    assert form is not None and result.ocr
    assert (form.fields.project_name, form.fields.leader_name) == ("湘江流域声景生态保护学术研讨会", "刘建华")
    assert form.evidence["project_name"].page == 1 and form.evidence["project_name"].box is not None
    # Without the template's words the pictures of a PDF are not read.
    report = ["2023年度学术年会活动总结", "年会于2023年10月在长沙召开，专家作主旨报告，会员交流讨论。",
              "附：活动现场照片如下。"]
    other = pdf_from([combine(text_page(report), draw_picture)])
    assert read_file_job(other, "照片.pdf", "pdf", hashlib.sha256(other).hexdigest()).form is None


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_a_password_protected_template_with_a_pasted_picture_is_read_once_opened() -> None:
    from tests.builders.docx_quirks import encrypted_docx

    data = encrypted_docx(_template_with(_png(BASIC)), password="hn652")
    result = read_file_job(data, "申报书.docx", "encrypted_ooxml", hashlib.sha256(data).hexdigest(), passwords=("hn652",))
    assert result.form is not None and result.ocr
    assert result.form.fields.project_name == "湘江流域声景生态保护学术研讨会"
    assert result.form.fields.leader_phone == "13907311234"


def _scans_only(*pages: bytes) -> bytes:
    """A Word file wrapping the scans of a printout, a picture to a page and no text."""
    def build(d: DocumentObject) -> None:
        for page in pages:
            d.add_picture(io.BytesIO(page), width=Cm(16))
    return docx_from(build)


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_a_word_file_holding_only_scanned_pages_is_read_page_by_page() -> None:
    cover = _png(["2024年度湖南省科协科技创新服务能力提升计划", "项目申报书", "湖南省科学技术协会制"] + ["　"] * 8)
    form_page = _png(["一、基本情况", *BASIC])
    result = read_file_job(data := _scans_only(cover, form_page), "申报书（盖章扫描版）.docx", "docx",
                           hashlib.sha256(data).hexdigest())
    form = result.form
    assert form is not None and result.ocr and SCAN_NOTE in form.notes
    assert form.fields.project_name == "湘江流域声景生态保护学术研讨会"
    assert (form.fields.leader_name, form.fields.funding_wan) == ("刘建华", 8.0)


INSTRUCTIONS = ["填报说明", "1.申报书各栏目须如实填写，不能表述清楚的部分可另加附页。",
                "2.项目名称：应简明、准确，一般不超过25个汉字。", "3.项目负责人：须为申报单位在职人员。",
                "4.申请经费：以万元为单位，保留一位小数。"]


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_the_instructions_page_of_a_word_file_of_scanned_pages_is_told_by_its_title_and_not_read() -> None:
    cover = _png(["2024年度湖南省科协科技创新服务能力提升计划", "项目申报书", "湖南省科学技术协会制"] + ["　"] * 8)
    # Page-shaped, as a scanner makes it: the title is looked for in the page's top lines.
    data = _scans_only(cover, _png([*INSTRUCTIONS] + ["　"] * 20), _png(["一、基本情况", *BASIC]))
    result = read_file_job(data, "申报书（盖章扫描版）.docx", "docx", hashlib.sha256(data).hexdigest())
    form = result.form
    assert form is not None and result.ocr and SCAN_NOTE in form.notes
    # The note names the picture left unread, so that staff can open it.
    assert "Word文件中的图片（image2.png）为填报说明，未OCR识别" in form.notes
    assert form.fields.project_name == "湘江流域声景生态保护学术研讨会"
    assert (form.fields.leader_name, form.fields.funding_wan) == ("刘建华", 8.0)
    # A first page is read whatever its title (a scan that starts at the instructions page).
    first = _scans_only(_png([*INSTRUCTIONS, "一、基本情况", *BASIC]), cover)
    result = read_file_job(first, "申报书.docx", "docx", hashlib.sha256(first).hexdigest())
    assert result.form is not None and result.form.fields.leader_name == "刘建华"
    assert not any("填报说明，未OCR识别" in n for n in result.form.notes)


def test_scanned_pages_come_in_the_order_word_numbered_them() -> None:
    pages = [_png([f"第{n}页", *BASIC]) for n in range(1, 9)]
    assert all(len(p) >= MIN_PICTURE_BYTES for p in pages)
    names = [name.rsplit("/", 1)[-1] for name, _ in scanned_pages(_scans_only(*pages))]
    assert names[:3] == ["image1.png", "image2.png", "image3.png"] and len(names) == 6

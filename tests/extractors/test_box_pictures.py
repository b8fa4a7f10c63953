"""Checkboxes drawn as tiny inline pictures (a PNG of □, another of ☑) are read as boxes."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from typing import Any

import pytest
from docx.document import Document as DocumentObject
from docx.shared import Emu
from PIL import Image, ImageDraw

from shenbao.extractors.box_pictures import box_glyph
from shenbao.extractors.fields import score_and_form
from shenbao.extractors.readers import read_document
from tests.builders.docx_quirks import docx_from


def _box_png(ticked: bool, stroke: int = 3, size: int = 48) -> bytes:
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, size - 6, size - 6), outline="black", width=stroke)
    if ticked:
        draw.line((14, 24, 22, 34, 36, 12), fill="black", width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("stroke", [1, 3])
def test_a_box_picture_is_chosen_with_ink_inside_and_unchosen_without(stroke: int) -> None:
    assert box_glyph(_box_png(True, stroke)) == "☑"
    assert box_glyph(_box_png(False, stroke)) == "☐"


def test_a_picture_that_is_no_box_is_left_alone() -> None:
    logo = Image.new("RGB", (48, 24), "white")
    ImageDraw.Draw(logo).ellipse((4, 4, 44, 20), fill="red")
    out = io.BytesIO()
    logo.save(out, format="PNG")
    assert box_glyph(out.getvalue()) is None
    assert box_glyph(b"not an image") is None


def _form_with_box_pictures() -> bytes:
    side = Emu(125999)

    def options(paragraph: object, chosen: str, names: tuple[str, ...]) -> None:
        for name in names:
            paragraph.add_run().add_picture(io.BytesIO(_box_png(name == chosen)), width=side, height=side)  # type: ignore[attr-defined]
            paragraph.add_run(f"{name}  ")  # type: ignore[attr-defined]

    def build(d: DocumentObject) -> None:
        d.add_paragraph("一、基本情况")
        table = d.add_table(rows=6, cols=2)
        for n, (label, value) in enumerate((("项目名称", "湘江流域生态保护学术研讨会"), ("项目类别", ""),
                                            ("申报单位", "湖南省生态学会"), ("单位类型", ""),
                                            ("项目负责人", "张三"), ("申请经费", "8万元"))):
            table.cell(n, 0).text = label
            table.cell(n, 1).text = value
        options(table.cell(1, 1).paragraphs[0], "科技创新联盟建设", ("学术交流", "科技创新联盟建设", "学会服务站建设"))
        options(table.cell(3, 1).paragraphs[0], "市州科协", ("省级学会", "市州科协", "高校科协"))
        d.add_paragraph("起止时间：2024年5月至2024年11月")
    return docx_from(build)


def test_a_forms_options_with_box_pictures_read_the_ticked_picture() -> None:
    data = _form_with_box_pictures()
    form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    assert (form.fields.subcategory, form.fields.applicant_type) == ("科技创新联盟建设", "市州科协")


# Draws one option at x on the baseline y (chosen or not) and returns where the next one starts.
OptionDrawer = Callable[[Any, float, float, str, bool], float]


def _pdf_with_options(option: OptionDrawer, chosen_item: str, chosen_type: str) -> bytes:
    """A printed form whose item and unit-type options are each drawn by `option`."""
    from tests.builders.pdf_quirks import pdf_from, text_page

    def options(c: Any, y: float, label: str, names: tuple[str, ...], chosen: str) -> None:
        c.drawString(72, y, label)
        x = 160.0
        for name in names:
            x = option(c, x, y, name, name == chosen)

    def draw(c: Any) -> None:
        text_page(["2024年度项目申报书", "一、基本情况", "项目名称：湘江流域生态保护学术研讨会", "申报单位：湖南省生态学会",
                   "项目负责人：张三", "申请经费：8万元", "起止时间：2024年5月至2024年11月"])(c)
        options(c, 560, "项目类别：", ("学术交流", "科技创新联盟建设", "学会服务站建设"), chosen_item)
        options(c, 536, "单位类型：", ("省级学会", "市州科协", "高校科协"), chosen_type)

    return pdf_from([draw])


def _pdf_with_box_pictures(chosen_item: str, chosen_type: str) -> bytes:
    """A printed form whose option boxes are small pictures drawn before each option's text."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tests.builders.pdf_quirks import FONT

    def option(c: Any, x: float, y: float, name: str, chosen: bool) -> float:
        c.drawImage(ImageReader(io.BytesIO(_box_png(chosen))), x, y - 1, width=10, height=10)
        c.drawString(x + 12, y, name)
        return x + 12 + stringWidth(name, FONT, 12) + 14

    return _pdf_with_options(option, chosen_item, chosen_type)


@pytest.mark.parametrize(("item", "unit_type"), [("科技创新联盟建设", "市州科协"), ("学术交流", "高校科协")])
def test_a_printed_forms_box_pictures_are_read_as_its_boxes(item: str, unit_type: str) -> None:
    data = _pdf_with_box_pictures(item, unit_type)
    form = score_and_form(read_document(data, "申报书.pdf", "pdf", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    assert (form.fields.subcategory, form.fields.applicant_type) == (item, unit_type)


def test_a_picture_claiming_a_huge_size_is_no_box_and_leaves_the_document_readable() -> None:
    """A PNG header claiming 20000×20000 pixels: Pillow refuses it as a decompression bomb."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 20000, 20000, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))
    assert box_glyph(bomb) is None


def _tick_png(ground: tuple[int, int, int, int], size: int = 48) -> bytes:
    """A red hand-drawn tick, on a transparent ground (0, 0, 0, 0) or an opaque one."""
    image = Image.new("RGBA", (size, size), ground)
    ImageDraw.Draw(image).line([(5, 26), (18, 41), (43, 6)], fill=(215, 25, 30, 255), width=5)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _pdf_with_tick_pictures(chosen_item: str, chosen_type: str, ground: tuple[int, int, int, int],
                            offset: float = 0.0) -> bytes:
    """A printed form whose options keep their typed □, with a picture of a tick pasted over the
    chosen one's □ (moved `offset` points to the right of it)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from tests.builders.pdf_quirks import FONT

    def option(c: Any, x: float, y: float, name: str, chosen: bool) -> float:
        c.drawString(x, y, "□" + name)
        if chosen:
            c.drawImage(ImageReader(io.BytesIO(_tick_png(ground))), x + 1 + offset, y - 1, width=12, height=12,
                        mask="auto")
        return x + stringWidth("□" + name, FONT, 12) + 14

    return _pdf_with_options(option, chosen_item, chosen_type)


@pytest.mark.parametrize("ground", [(0, 0, 0, 0), (255, 255, 255, 255)])
@pytest.mark.parametrize(("item", "unit_type"), [("科技创新联盟建设", "市州科协"), ("学术交流", "高校科协")])
def test_a_picture_of_a_tick_over_a_printed_box_chooses_it(item: str, unit_type: str,
                                                          ground: tuple[int, int, int, int]) -> None:
    data = _pdf_with_tick_pictures(item, unit_type, ground)
    form = score_and_form(read_document(data, "申报书.pdf", "pdf", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    assert (form.fields.subcategory, form.fields.applicant_type) == (item, unit_type)


def test_a_tick_picture_beside_no_box_chooses_nothing() -> None:
    """Over the option's words, not its □: which box it means is not seen, so none is chosen."""
    data = _pdf_with_tick_pictures("科技创新联盟建设", "市州科协", (0, 0, 0, 0), offset=30)
    form = score_and_form(read_document(data, "申报书.pdf", "pdf", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    assert (form.fields.subcategory, form.fields.applicant_type) == (None, None)

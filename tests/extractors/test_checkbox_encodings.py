"""Every way offices mark the chosen 项目类别 and 单位类型 reads as that option: letters typed in
square brackets, a tick after an option whose name holds brackets, and no mark at all but the
chosen option in bold, underlined or highlighted, or the others struck through. Real .docx files built with python-docx, read through
read_document and score_and_form as the pipeline reads them."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable

import pytest
from docx.document import Document as DocumentObject
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import RGBColor
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from shenbao.extractors import convert
from shenbao.extractors.checkbox import (CHOSEN as CHOSEN_GLYPH, answers_to_glyphs, emphasis_to_glyphs,
                                         normalise_checkbox_glyphs)
from shenbao.extractors.fields import choose_option, score_and_form
from shenbao.extractors.readers import read_document
from shenbao.record import DocText, ExtractedForm
from tests.builders.docx_quirks import cell, docx_from, docx_with_body, para, replace_part, row, run, sym, table

SERVICE = ("学术交流", "科技创新联盟建设", "“科创中国”试点城市建设", "“科创中国”湖南中心建设与运营", "学会服务站建设")
SELF = ("创新工程专业职称评审", "学会制度机制建设", "省级学会网站管理平台", "高校科协交流机制建设")
TYPES = ("省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他")

# How one option is written: (paragraph, option, chosen) adds its runs.
Writer = Callable[[Paragraph, str, bool], None]


def v_letter(p: Paragraph, option: str, chosen: bool) -> None:
    p.add_run(f"[{'V' if chosen else ' '}]{option}  ")


def tick_paren(p: Paragraph, option: str, chosen: bool) -> None:
    p.add_run(f"{option}（{'√' if chosen else '  '}）  ")


def yes_paren(p: Paragraph, option: str, chosen: bool) -> None:
    """是 written in the chosen option's brackets, the others' left blank."""
    p.add_run(f"{option}（{'是' if chosen else '　'}）  ")


def yes_no_paren(p: Paragraph, option: str, chosen: bool) -> None:
    """Every option answered: 是 for the chosen, 否 for the others."""
    p.add_run(f"{option}（{'是' if chosen else '否'}）  ")


def yes_no_colon(p: Paragraph, option: str, chosen: bool) -> None:
    """Every option answered after a colon, as a collection form's export writes it."""
    p.add_run(f"{option}：{'是' if chosen else '否'}　")


def chosen_in_lenticular(p: Paragraph, option: str, chosen: bool) -> None:
    """The chosen option set in 【】, the others bare."""
    p.add_run(f"【{option}】" if chosen else option)


@pytest.mark.parametrize(("text", "options", "read"), [
    ("学术交流：否　学会服务站建设：是", ("学术交流", "学会服务站建设"), "☐学术交流　☑学会服务站建设"),
    ("【省级学会】市州科协高校科协", ("省级学会", "市州科协", "高校科协"), "☑省级学会市州科协高校科协"),
    ("是否联合申报：是", ("学术交流",), "是否联合申报：是"),  # a question's answer, no option
    ("学术交流：是否需要场地另议", ("学术交流",), "学术交流：是否需要场地另议"),
    ("【湘江论坛】学术交流", ("学术交流",), "【湘江论坛】学术交流"),  # a bracketed word that is no option
])
def test_answers_and_brackets_mark_known_options_only(text: str, options: tuple[str, ...], read: str) -> None:
    assert answers_to_glyphs(text, options) == read


@pytest.mark.parametrize("text, read", [
    ("学术交流（否）  科普（　）", "☐学术交流  ☐科普"),  # 否 says no: nothing chosen
    ("本项目是否已获其他资助（否）", "本项目是否已获其他资助（否）"),  # a sentence's own answer, no option list
    ("是否联合申报（是）", "是否联合申报（是）"),
])
def test_yes_and_no_in_brackets_answer_a_list_only_and_no_chooses_nothing(text: str, read: str) -> None:
    assert normalise_checkbox_glyphs(text) == read


def bold_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    p.add_run(option).bold = chosen or None
    p.add_run("  ")


def underline_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    p.add_run(option).underline = chosen or None
    p.add_run("  ")


def highlight_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    """Word's 突出显示 (yellow) behind the chosen option."""
    run = p.add_run(option)
    if chosen:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    p.add_run("  ")


def _shaded_chosen(p: Paragraph, option: str, chosen: bool, pattern: str, fill: str) -> None:
    run = p.add_run(option)
    if chosen:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), pattern)
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        run._r.get_or_add_rPr().append(shd)
    p.add_run("  ")


def shade_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    """A run's own shading (w:shd fill), as WPS's 字符底纹 writes it."""
    _shaded_chosen(p, option, chosen, "clear", "FFFF00")


def pattern_shade_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    """Word's 字符底纹 button: a 15 % pattern of black over a white fill, no colour of its own."""
    _shaded_chosen(p, option, chosen, "pct15", "FFFFFF")


def border_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    """No mark: the chosen option framed by a character border (字符边框, w:bdr)."""
    run = p.add_run(option)
    if chosen:
        bdr = OxmlElement("w:bdr")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "auto")):
            bdr.set(qn(key), value)
        run._r.get_or_add_rPr().append(bdr)
    p.add_run("  ")


def dotted_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    """No mark: emphasis dots (着重号, w:em) under the chosen option's characters."""
    run = p.add_run(option)
    if chosen:
        em = OxmlElement("w:em")
        em.set(qn("w:val"), "dot")
        run._r.get_or_add_rPr().append(em)
    p.add_run("  ")


def dark_shaded_box(p: Paragraph, option: str, chosen: bool) -> None:
    """Every option keeps its □; the chosen one's □ has black character shading (prints filled)."""
    box = p.add_run("□")
    if chosen:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), "000000")
        box._r.get_or_add_rPr().append(shd)
    p.add_run(option + "  ")


def red_chosen(p: Paragraph, option: str, chosen: bool) -> None:
    """No mark: the chosen option typed in red (字体颜色)."""
    run = p.add_run(option)
    if chosen:
        run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    p.add_run("  ")


def strike_others(p: Paragraph, option: str, chosen: bool) -> None:
    """No mark: every option that does not apply struck through (删除线)."""
    p.add_run(option).font.strike = not chosen or None
    p.add_run("  ")


def grey_others(p: Paragraph, option: str, chosen: bool) -> None:
    """No mark: every option that does not apply set in grey (灰色字体), the choice left black."""
    run = p.add_run(option)
    if not chosen:
        run.font.color.rgb = RGBColor(0xA6, 0xA6, 0xA6)
    p.add_run("  ")


def bold_everything(p: Paragraph, option: str, chosen: bool) -> None:
    p.add_run(option + "  ").bold = True


def options_cell(cell: _Cell, groups: list[tuple[str, tuple[str, ...]]], chosen: set[str], write: Writer,
                 bold_headings: bool = False) -> None:
    """An option list in a cell: per group, a heading paragraph (if any) and a line of options."""
    first = True
    for heading, options in groups:
        if heading:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            p.add_run(heading).bold = bold_headings or None
            first = False
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        for option in options:
            write(p, option, option in chosen)


def form_docx(write: Writer, item: set[str], unit_type: set[str], bold_headings: bool = False,
              org: str = "湖南省腐蚀与防护学会") -> bytes:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        doc.add_paragraph("一、基本情况").runs[0].bold = True
        table = doc.add_table(rows=8, cols=2)
        table.style = "Table Grid"
        plain = {0: ("项目名称", "2024年湖南省腐蚀与防护学术交流会"), 2: ("申报单位", org),
                 4: ("项目负责人", "王某"), 5: ("负责人手机", "13800001234"),
                 6: ("申请经费（万元）", "8"), 7: ("起止时间", "2024年5月至2024年12月")}
        for r, (label, value) in plain.items():
            table.cell(r, 0).text, table.cell(r, 1).text = label, value
        table.cell(1, 0).text = "项目类别"
        options_cell(table.cell(1, 1), [("科技创新服务能力建设项目：", SERVICE), ("学会自身能力建设项目：", SELF)],
                     item, write, bold_headings)
        table.cell(3, 0).text = "单位类型"
        options_cell(table.cell(3, 1), [("", TYPES)], unit_type, write)
        doc.add_paragraph("申报单位（盖章）")
    return docx_from(build)


def read(data: bytes, name: str = "申报书.docx", kind: str = "docx") -> DocText:
    return read_document(data, name, kind, hashlib.sha256(data).hexdigest())


def form_of(data: bytes, name: str = "申报书.docx", kind: str = "docx") -> ExtractedForm:
    _, form = score_and_form(read(data, name, kind))
    assert form is not None
    return form


def row_texts(doc: DocText) -> list[str]:
    return [" | ".join(c.text for c in row.cells) for row in doc.rows]


# --------------------------------------------------------------------------- whole forms


@pytest.mark.parametrize("write", [v_letter, tick_paren, yes_paren, yes_no_paren, yes_no_colon, chosen_in_lenticular,
                                   bold_chosen, underline_chosen,
                                   highlight_chosen, shade_chosen, pattern_shade_chosen, strike_others, grey_others, red_chosen, border_chosen,
                                   dark_shaded_box, dotted_chosen],
                         ids=lambda w: w.__name__)
@pytest.mark.parametrize(("item", "unit_type", "org"), [
    ("学会服务站建设", "企业（园区）科协", "湖南华菱电子信息有限公司科协"),
    ("“科创中国”湖南中心建设与运营", "省级学会", "湖南省腐蚀与防护学会"),
    ("高校科协交流机制建设", "其他", "湖南省碳中和研究院"),
])
def test_each_encoding_gives_the_chosen_item_and_unit_type(write: Writer, item: str, unit_type: str,
                                                           org: str) -> None:
    form = form_of(form_docx(write, {item}, {unit_type}, org=org))

    assert (form.fields.subcategory, form.fields.applicant_type) == (item, unit_type)
    assert "subcategory" not in form.low_confidence and "applicant_type" not in form.low_confidence


def test_the_reader_writes_the_emphasised_choice_as_the_usual_glyphs() -> None:
    doc = read(form_docx(bold_chosen, {"学术交流"}, {"高校科协"}))

    assert "单位类型 | ☐省级学会 ☐市州科协 ☑高校科协 ☐企业（园区）科协 ☐民非组织 ☐其他" in row_texts(doc)
    category = next(t for t in row_texts(doc) if t.startswith("项目类别"))
    assert category.count("☑") == 1 and "☑学术交流" in category and "☐“科创中国”试点城市建设" in category


def test_bold_group_headings_do_not_hide_the_bold_option() -> None:
    form = form_of(form_docx(bold_chosen, {"学会制度机制建设"}, {"民非组织"}, bold_headings=True))

    assert (form.fields.subcategory, form.fields.applicant_type) == ("学会制度机制建设", "民非组织")


def test_bold_switched_off_explicitly_is_plain() -> None:
    def explicit(p: Paragraph, option: str, chosen: bool) -> None:
        p.add_run(option).bold = chosen  # <w:b w:val="0"/> on the others, as WPS writes
        p.add_run("  ")

    form = form_of(form_docx(explicit, {"学会服务站建设"}, {"市州科协"}))

    assert (form.fields.subcategory, form.fields.applicant_type) == ("学会服务站建设", "市州科协")


def test_a_wholly_bold_option_list_ticks_nothing() -> None:
    doc = read(form_docx(bold_everything, set(), set(), bold_headings=True))
    _, form = score_and_form(doc)

    assert not any("☑" in t or "☐" in t for t in row_texts(doc))
    assert form is not None and form.fields.subcategory is None and form.fields.applicant_type is None


def test_two_bold_options_are_ambiguous_and_nothing_is_chosen() -> None:
    doc = read(form_docx(bold_chosen, {"学术交流", "学会服务站建设"}, {"省级学会", "高校科协"}))
    _, form = score_and_form(doc)

    assert not any("☑" in t for t in row_texts(doc))
    assert form is not None and form.fields.subcategory is None and form.fields.applicant_type is None


def test_bold_and_underline_pointing_at_different_options_choose_nothing() -> None:
    def both(p: Paragraph, option: str, chosen: bool) -> None:
        run = p.add_run(option)
        run.bold = option == "市州科协" or None
        run.underline = option == "高校科协" or None
        p.add_run("  ")

    doc = read(form_docx(both, set(), set()))

    assert not any("☑" in t for t in row_texts(doc))


def test_underline_singles_out_the_option_when_everything_is_bold() -> None:
    def bold_and_underlined(p: Paragraph, option: str, chosen: bool) -> None:
        run = p.add_run(option)
        run.bold, run.underline = True, chosen or None
        p.add_run("  ").bold = True

    form = form_of(form_docx(bold_and_underlined, {"学术交流"}, {"市州科协"}))

    assert (form.fields.subcategory, form.fields.applicant_type) == ("学术交流", "市州科协")


def paragraph_form(build_type_line: Callable[[Paragraph], None]) -> bytes:
    def build(doc: DocumentObject) -> None:
        for line in ("项目名称：2024年湖南省腐蚀与防护学术交流会", "项目类别：☑学术交流 ☐学会服务站建设",
                     "申报单位：湖南省腐蚀与防护学会", "项目负责人：王某", "申请经费（万元）：8",
                     "起止时间：2024年5月至2024年12月"):
            doc.add_paragraph(line)
        build_type_line(doc.add_paragraph())
    return docx_from(build)


def test_a_bold_label_running_into_the_first_option_is_not_a_tick() -> None:
    def line(p: Paragraph) -> None:
        p.add_run("单位类型：省级学会").bold = True
        p.add_run("  市州科协  高校科协")

    doc = read(paragraph_form(line))
    _, form = score_and_form(doc)

    assert "单位类型：省级学会 市州科协 高校科协" in row_texts(doc)
    assert form is not None and form.fields.applicant_type is None


def test_a_bold_option_in_a_typed_paragraph_is_chosen() -> None:
    def line(p: Paragraph) -> None:
        p.add_run("单位类型：省级学会  ")
        p.add_run("市州科协").bold = True
        p.add_run("  高校科协")

    form = form_of(paragraph_form(line))

    assert form.fields.applicant_type == "市州科协"


def test_an_underlined_value_on_the_cover_is_not_an_option_list() -> None:
    def build(doc: DocumentObject) -> None:
        p = doc.add_paragraph("项目名称：")
        p.add_run("学术交流与学会服务站建设研讨会").underline = True

    doc = read(docx_from(build))

    assert row_texts(doc) == ["项目名称：学术交流与学会服务站建设研讨会"]


def test_marks_in_the_text_win_over_formatting() -> None:
    def ticked_and_bold(p: Paragraph, option: str, chosen: bool) -> None:
        p.add_run(f"{'☑' if chosen else '☐'}")
        p.add_run(option).bold = option == "省级学会" or None
        p.add_run("  ")

    form = form_of(form_docx(ticked_and_bold, {"学术交流"}, {"高校科协"}))

    assert form.fields.applicant_type == "高校科协"


@pytest.mark.slow
@pytest.mark.skipif(not convert.available(), reason="LibreOffice not installed")
def test_a_bold_choice_survives_the_doc_round_trip() -> None:
    doc_bytes = convert.convert(form_docx(bold_chosen, {"科技创新联盟建设"}, {"省级学会"}), "docx", "doc")

    form = form_of(doc_bytes, "申报书.doc", "doc")

    assert (form.fields.subcategory, form.fields.applicant_type) == ("科技创新联盟建设", "省级学会")


# --------------------------------------------------------------------------- text of any format


@pytest.mark.parametrize(("text", "expected"), [
    ("[V]学术交流 [ ]科普", "☑学术交流 ☐科普"),
    ("[v]学术交流 [  ]科普", "☑学术交流 ☐科普"),
    ("[√]学术交流 [ ]科普", "☑学术交流 ☐科普"),
    ("[x]学术交流 [ ]科普", "☑学术交流 ☐科普"),
    ("［√］学术交流 ［ ］科普", "☑学术交流 ☐科普"),
    ("【√】学术交流 【 】科普", "☑学术交流 ☐科普"),
    ("学术交流[√] 科普[ ]", "☑学术交流 ☐科普"),
    # PDF text that lost the spaces between options: the list's other boxes say which side
    ("[ ]省级学会网站管理平台[V]高校科协交流机制建设", "☐省级学会网站管理平台☑高校科协交流机制建设"),
    # and with nothing to tell, a square box stands before its option, as typed forms put it
    ("省级学会网站管理平台[V]高校科协交流机制建设", "省级学会网站管理平台☑高校科协交流机制建设"),
    ("（√）学术交流（ ）科普", "☑学术交流☐科普"),
    ("V学术交流 □科普", "☑学术交流 ☐科普"),
])
def test_letters_and_ticks_in_square_brackets_become_glyphs(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected
    assert normalise_checkbox_glyphs(expected) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("省级学会（ ） 企业（园区）科协（√） 民非组织（ ）", "☐省级学会 ☑企业（园区）科协 ☐民非组织"),
    ("省级学会（√）企业（园区）科协（  ）", "☑省级学会☐企业（园区）科协"),
    ("企业(园区)科协(√)", "☑企业(园区)科协"),
])
def test_a_tick_after_an_option_with_brackets_in_its_name_marks_the_whole_name(text: str, expected: str) -> None:
    assert normalise_checkbox_glyphs(text) == expected


@pytest.mark.parametrize("text", [
    "a[i] = 1", "见[1]文献", "[ ]", "VR技术 □科普", "□U型 □V型", "V型结构", "单位（盖章）（注）",
])
def test_brackets_and_letters_that_are_not_boxes_are_left_alone(text: str) -> None:
    assert normalise_checkbox_glyphs(text).replace("□", "☐") == text.replace("□", "☐")


def test_one_emphasised_option_alone_is_not_an_option_list() -> None:
    text = "项目名称：学术交流年会"
    mask = [text.index("学术交流") <= i < text.index("年会") for i in range(len(text))]
    assert emphasis_to_glyphs(text, [mask], ["学术交流", "科普"]) == text


def test_a_partly_emphasised_option_settles_nothing() -> None:
    text = "学术交流 科技创新联盟建设"
    mask = [i < 2 for i in range(len(text))]  # only 学术 bold
    assert emphasis_to_glyphs(text, [mask], ["学术交流", "科技创新联盟建设"]) == text


# --------------------------------------------------------------------------- option paragraphs


def labelled_paragraphs_form(write: Writer, item: str, prose_after: bool = False) -> bytes:
    """A form typed as paragraphs, label and value aligned with full-width spaces: 项目类别's
    first group heading on the label's line, its options and the second group on the
    paragraphs below, each without a label of its own."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        doc.add_paragraph("一、基本情况")
        doc.add_paragraph("项目名称\u3000\u3000\u3000\u3000湖南省轨道交通科技创新联盟建设")
        doc.add_paragraph("项目类别\u3000\u3000\u3000\u3000科技创新服务能力建设项目：")
        if prose_after:
            doc.add_paragraph("（本项目拟联合省内高校共同实施）")
        for heading, options in ((None, SERVICE), ("学会自身能力建设项目：", SELF)):
            if heading:
                doc.add_paragraph("\u3000" * 8 + heading)
            p = doc.add_paragraph("\u3000" * 8)
            for option in options:
                write(p, option, option == item)
        doc.add_paragraph("申报单位\u3000\u3000\u3000\u3000湖南省太阳能学会")
        doc.add_paragraph("项目负责人\u3000\u3000任少华\u3000\u3000手机\u3000176 1065 1448")
    return docx_from(build)


def ballot(p: Paragraph, option: str, chosen: bool) -> None:
    p.add_run(f"{'☑' if chosen else '☐'}{option}  ")


@pytest.mark.parametrize("write", [ballot, tick_paren, highlight_chosen], ids=lambda w: w.__name__)
@pytest.mark.parametrize("item", ["科技创新联盟建设", "学会制度机制建设"])
def test_options_on_the_paragraphs_under_their_label_are_its_value(write: Writer, item: str) -> None:
    form = form_of(labelled_paragraphs_form(write, item))
    assert form.fields.subcategory == item
    assert form.fields.category == ("学会自身能力建设项目" if item in SELF else "科技创新服务能力建设项目")
    assert form.fields.applicant_org == "湖南省太阳能学会" and form.fields.leader_name == "任少华"


def test_a_prose_paragraph_under_the_item_label_ends_it() -> None:
    """A paragraph with no option marks is no continuation: the options after it stand alone."""
    doc = read(labelled_paragraphs_form(ballot, "科技创新联盟建设", prose_after=True))
    form = form_of(labelled_paragraphs_form(ballot, "科技创新联盟建设", prose_after=True))
    assert "本项目拟联合" not in (form.fields.subcategory or "")
    assert any("本项目拟联合" in t for t in row_texts(doc))


@pytest.mark.parametrize("write", [underline_chosen, highlight_chosen, bold_chosen, strike_others],
                         ids=lambda w: w.__name__)
def test_two_option_lists_in_one_box_each_single_out_their_own(write: Writer) -> None:
    """A text box or a cell holding the whole basic information, 项目类别 and 单位类型 among
    it: each list's option is set apart by formatting alone, so the box as a whole has two."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        cell = doc.add_table(rows=1, cols=1).cell(0, 0)
        cell.paragraphs[0].add_run("项目名称：先进计算学术交流会")
        options_cell_paragraphs = [("项目类别：", SERVICE), ("单位类型：", TYPES)]
        for heading, options in options_cell_paragraphs:
            cell.add_paragraph(heading)
            p = cell.add_paragraph()
            for option in options:
                write(p, option, option in ("学会服务站建设", "企业（园区）科协"))
        cell.add_paragraph("申报单位：株洲高新技术产业开发区科协")
    form = form_of(docx_from(build))
    assert form.fields.subcategory == "学会服务站建设"
    assert form.fields.applicant_type == "企业（园区）科协"


def test_a_bracketed_letter_chooses_among_lettered_options_on_a_real_form() -> None:
    """Options lettered like a multiple-choice question, the chosen letter in brackets before
    the list (（ E ）A.学术交流 … E.学会服务站建设), in a cell of a real .docx."""
    items = "  ".join(f"{'ABCDE'[i]}.{o}" for i, o in enumerate(SERVICE))

    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        table = doc.add_table(rows=4, cols=2)
        for r, (label, value) in enumerate((("项目名称", "湘江学会服务站建设"), ("项目类别", f"（ E ）{items}"),
                                            ("申报单位", "湖南省腐蚀与防护学会"),
                                            ("单位类型", "（A）A.省级学会  B.市州科协  C.高校科协"))):
            table.cell(r, 0).text, table.cell(r, 1).text = label, value
    form = form_of(docx_from(build))
    assert form.fields.subcategory == "学会服务站建设" and form.fields.applicant_type == "省级学会"


@pytest.mark.parametrize("text", ["A.学术交流 B.科技创新联盟建设",  # no letter chosen
                                  "（A）（B）A.学术交流 B.科技创新联盟建设",  # two letters: no choice
                                  "（F）A.学术交流 B.科技创新联盟建设",  # a letter no option has
                                  "见附件（A）"])  # a bracketed letter and no lettered list
def test_a_bracketed_letter_marks_nothing_unless_it_names_one_lettered_option(text: str) -> None:
    assert CHOSEN_GLYPH not in normalise_checkbox_glyphs(text)


# --------------------------------------------------------------------------- an option circled with a shape

def _ring(relative_from: str = "character", fill: str = "<a:noFill/>", geometry: str = "ellipse") -> str:
    """A run holding an ellipse shape floating over the text after it, as Word writes one."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" '
        'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{relative_from}"><wp:posOffset>-88900</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="line"><wp:posOffset>-50800</wp:posOffset></wp:positionV>'
        '<wp:extent cx="1000000" cy="241300"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="7" name="椭圆 7"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1000000" cy="241300"/></a:xfrm>'
        f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>{fill}'
        '<a:ln w="12700"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:ln></wps:spPr>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        '</mc:Choice></mc:AlternateContent></w:r>')


def _form_with(item: str, unit_type: str) -> ExtractedForm:
    """A two-column basic part whose 项目类别 and 单位类型 cells hold the given runs."""
    rows = [("项目名称", run("湘江流域生态保护学术研讨会")), ("项目类别", item),
            ("申报单位", run("湖南省生态学会")), ("单位类型", unit_type),
            ("项目负责人", run("张三")), ("申请经费", run("8万元")), ("起止时间", run("2024年5月至2024年11月"))]
    body = table(*(row(cell(para(run(label))), cell(para(value))) for label, value in rows), grid=2)
    data = docx_with_body(para(run("一、基本情况")) + body)
    form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    return form


def _ringed_form(ring: str) -> ExtractedForm:
    return _form_with(run("学术交流　") + ring + run("科技创新联盟建设") + run("　学会服务站建设"),
                      run("省级学会　市州科协　高校科协"))


def test_an_option_circled_with_an_ellipse_anchored_at_it_is_chosen() -> None:
    form = _ringed_form(_ring())
    assert form.fields.subcategory == "科技创新联盟建设" and "subcategory" not in form.low_confidence


@pytest.mark.parametrize("ring", [_ring(relative_from="column"), _ring(fill="<a:solidFill/>"), _ring(geometry="rect")])
def test_a_shape_that_is_no_ring_at_an_option_or_placed_by_the_page_chooses_nothing(ring: str) -> None:
    """Placed relative to the column or page, the shape's place needs the page laid out; a
    filled shape or a rectangle is a decoration, not a ring."""
    form = _ringed_form(ring)
    assert form.fields.subcategory is None and "subcategory" in form.facts.unread


# --------------------------------------------------------------------------- a √ in a text box over a □

def _tick_box(text: str = "√", relative_from: str = "character", wrapped: bool = False) -> str:
    """A run holding a small borderless text box with `text`, floating over the character after it."""
    drawing = (
        '<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="2" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{relative_from}"><wp:posOffset>-12700</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="line"><wp:posOffset>-38100</wp:posOffset></wp:positionV>'
        '<wp:extent cx="177800" cy="177800"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="9" name="文本框 9"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="177800" cy="177800"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent><w:p>{run(text)}</w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing>')
    if wrapped:
        return f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice></mc:AlternateContent></w:r>'
    return f"<w:r>{drawing}</w:r>"


def _ticked_form(tick: str) -> ExtractedForm:
    return _form_with(run("□学术交流  ") + tick + run("□科技创新联盟建设  □学会服务站建设"),
                      tick + run("□省级学会  □市州科协  □高校科协"))


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_tick_in_a_text_box_laid_over_a_box_chooses_that_box(wrapped: bool) -> None:
    form = _ticked_form(_tick_box(wrapped=wrapped))
    assert (form.fields.subcategory, form.fields.applicant_type) == ("科技创新联盟建设", "省级学会")
    assert "subcategory" not in form.low_confidence


def _drawn_tick(path: str = '<a:moveTo><a:pt x="0" y="58"/></a:moveTo><a:lnTo><a:pt x="34" y="100"/></a:lnTo>'
                              '<a:lnTo><a:pt x="100" y="0"/></a:lnTo>', side: int = 152400, fill: str = "<a:noFill/>") -> str:
    """A run holding a tick drawn with the freeform tool (任意多边形), floating over the character after it."""
    return (
        '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="3" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="character"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="line"><wp:posOffset>-25400</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{side}" cy="{side}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="3" name="任意多边形 3"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{side}" cy="{side}"/></a:xfrm>'
        f'<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/><a:pathLst>'
        f'<a:path w="100" h="100">{path}</a:path></a:pathLst></a:custGeom>{fill}'
        '<a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="1F3A93"/></a:solidFill></a:ln></wps:spPr>'
        '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def test_a_tick_drawn_with_the_freeform_tool_over_a_box_chooses_that_box() -> None:
    form = _ticked_form(_drawn_tick())
    assert (form.fields.subcategory, form.fields.applicant_type) == ("科技创新联盟建设", "省级学会")


@pytest.mark.parametrize("shape", [
    _drawn_tick(side=2000000),  # a drawing of the page, not a tick
    _drawn_tick(fill="<a:solidFill/>"),  # a filled shape
    _drawn_tick(path='<a:moveTo><a:pt x="0" y="0"/></a:moveTo><a:lnTo><a:pt x="100" y="0"/></a:lnTo>'
                     '<a:lnTo><a:pt x="100" y="100"/></a:lnTo><a:close/>'),  # a closed outline
])
def test_a_freeform_shape_that_is_no_tick_chooses_nothing(shape: str) -> None:
    assert _ticked_form(shape).fields.subcategory is None


def test_a_text_box_with_words_or_placed_by_the_page_is_no_tick() -> None:
    for tick in (_tick_box("说明"), _tick_box(relative_from="page")):
        form = _ticked_form(tick)
        assert form.fields.subcategory is None


# --------------------------------------------------------------------------- a picture of a tick over a □

def _mark_png(strokes: list[list[tuple[float, float]]], px: int = 48) -> bytes:
    """A red hand-drawn mark on a transparent ground (what gets pasted from the web)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    for stroke in strokes:
        draw.line([(x * px, y * px) for x, y in stroke], fill=(210, 25, 30, 255), width=max(3, px // 10))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


TICK = [[(0.1, 0.5), (0.38, 0.85), (0.9, 0.1)]]
CROSS = [[(0.15, 0.15), (0.85, 0.85)], [(0.85, 0.15), (0.15, 0.85)]]


def _picture_run(relative_from: str = "character", side: int = 190500, behind: str = "0") -> str:
    """A run holding a floating picture (relationship rIdMark), in front of the text over the
    character after it."""
    return (
        '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="4" behindDoc="{behind}" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{relative_from}"><wp:posOffset>12700</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="line"><wp:posOffset>-63500</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{side}" cy="{side}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        '<wp:docPr id="5" name="图片 5"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
        '<pic:cNvPr id="5" name="tick.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        '<a:blip r:embed="rIdMark"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{side}" cy="{side}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>')


def _pictured_form(picture: str, mark: bytes) -> ExtractedForm:
    rows = [("项目名称", run("湘江流域生态保护学术研讨会")),
            ("项目类别", run("□学术交流  ") + picture + run("□科技创新联盟建设  □学会服务站建设")),
            ("申报单位", run("湖南省生态学会")), ("单位类型", picture + run("□省级学会  □市州科协  □高校科协")),
            ("项目负责人", run("张三")), ("申请经费", run("8万元")), ("起止时间", run("2024年5月至2024年11月"))]
    body = table(*(row(cell(para(run(label))), cell(para(value))) for label, value in rows), grid=2)
    data = docx_with_body(para(run("一、基本情况")) + body)
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode("utf-8")
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdMark" Type="http://schemas.openxmlformats.org/'
                                            'officeDocument/2006/relationships/image" Target="media/mark.png"/>'
                                            "</Relationships>")
    data = replace_part(replace_part(data, "word/_rels/document.xml.rels", rels.encode("utf-8")),
                        "word/media/mark.png", mark)
    form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    return form


def test_a_picture_of_a_tick_floated_over_a_box_chooses_that_box() -> None:
    form = _pictured_form(_picture_run(), _mark_png(TICK))
    assert (form.fields.subcategory, form.fields.applicant_type) == ("科技创新联盟建设", "省级学会")
    assert "subcategory" not in form.low_confidence


@pytest.mark.parametrize("picture, mark", [
    (_picture_run(), _mark_png(CROSS)),  # a cross is no tick
    (_picture_run(), _mark_png([[(0.5, 0.1), (0.5, 0.9)]])),  # nor a stroke
    (_picture_run(relative_from="column"), _mark_png(TICK)),  # its place needs the page laid out
    (_picture_run(side=2_000_000), _mark_png(TICK)),  # a picture of the page, not over a box
    (_picture_run(behind="1"), _mark_png(TICK)),  # behind the text: a background
])
def test_a_floating_picture_that_is_no_tick_over_a_box_chooses_nothing(picture: str, mark: bytes) -> None:
    assert _pictured_form(picture, mark).fields.subcategory is None


def test_the_tick_picture_test_knows_ticks_from_other_marks() -> None:
    from shenbao.extractors.box_pictures import is_tick_picture

    assert is_tick_picture(_mark_png(TICK)) and is_tick_picture(_mark_png([[(0.05, 0.6), (0.3, 0.95), (0.95, 0.05)]]))
    for other in (CROSS, [[(0.1, 0.9), (0.5, 0.1), (0.9, 0.9)]], [[(0.1, 0.1), (0.9, 0.1), (0.9, 0.9), (0.1, 0.9),
                                                                  (0.1, 0.1)]], [[(0.1, 0.5), (0.9, 0.5)]]):
        assert not is_tick_picture(_mark_png(other)), other
    assert not is_tick_picture(b"not a picture")


def test_a_choice_written_out_under_an_unticked_list_is_the_choice() -> None:
    rows = [("项目名称", run("湘江流域生态保护学术研讨会")),
            ("项目类别", run("☐学术交流 ☐科技创新联盟建设 ☐学会服务站建设") + "</w:p><w:p>" + run("所选类别：学会服务站建设")),
            ("申报单位", run("湖南省生态学会")),
            ("单位类型", run("☐省级学会 ☐市州科协 ☐高校科协") + "</w:p><w:p>" + run("本单位类型：省级学会")),
            ("项目负责人", run("张三")), ("申请经费", run("8万元")), ("起止时间", run("2024年5月至2024年11月"))]
    body = table(*(row(cell(para(run(label))), cell(para(value))) for label, value in rows), grid=2)
    data = docx_with_body(para(run("一、基本情况")) + body)
    form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))[1]
    assert form is not None
    assert (form.fields.subcategory, form.fields.applicant_type) == ("学会服务站建设", "省级学会")
    assert "subcategory" not in form.low_confidence


def test_a_floating_tick_with_no_box_after_it_in_its_paragraph_ticks_nothing_further_on() -> None:
    """A √ box anchored after its option (no □ follows in its paragraph) cannot be placed: nothing
    is ticked by it, and the next row's text is left as it is."""
    from shenbao.extractors.docx_reader import docx_to_doctext

    body = table(row(cell(para(run("单位类型"))), cell(para(run("□省级学会  □市州科协 ") + _tick_box()))),
                 row(cell(para(run("项目负责人"))), cell(para(run("张三")))), grid=2)
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(docx_with_body(body), "a.docx", "x").rows]
    assert rows == [["单位类型", "☐省级学会 ☐市州科协"], ["项目负责人", "张三"]]
    # A □ written as a Wingdings symbol is ticked like a typed one.
    body = table(row(cell(para(run("单位类型"))), cell(para(_tick_box() + sym("Wingdings", "F0A8") + run("省级学会  ")
                                                              + sym("Wingdings", "F0A8") + run("市州科协")))), grid=2)
    rows = [[c.text for c in r.cells] for r in docx_to_doctext(docx_with_body(body), "a.docx", "x").rows]
    assert rows == [["单位类型", "☑省级学会 ☐市州科协"]]


def test_a_light_shading_behind_a_box_does_not_fill_it() -> None:
    def light(p: Paragraph, option: str, chosen: bool) -> None:
        box = p.add_run("□")
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), "D9D9D9")  # the template's grey behind every box
        box._r.get_or_add_rPr().append(shd)
        p.add_run(option + "  ")

    doc = read(form_docx(light, {"学术交流"}, {"省级学会"}))
    assert not any("☑" in t for t in row_texts(doc))


def _bullet_lists(doc: DocumentObject) -> tuple[str, str]:
    """Two bullet lists in the package's numbering part: one whose bullet is □, one ☑ (the
    second in Wingdings 2's R, as Word stores a symbol bullet); their numIds."""
    numbering = doc.part.numbering_part.element
    ids = []
    for n, (text, font) in enumerate((("□", None), ("R", "Wingdings 2")), start=90):
        abstract = OxmlElement("w:abstractNum")
        abstract.set(qn("w:abstractNumId"), str(n))
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), "0")
        fmt = OxmlElement("w:numFmt")
        fmt.set(qn("w:val"), "bullet")
        lvl_text = OxmlElement("w:lvlText")
        lvl_text.set(qn("w:val"), text)
        lvl.extend([fmt, lvl_text])
        if font:
            rpr, fonts = OxmlElement("w:rPr"), OxmlElement("w:rFonts")
            fonts.set(qn("w:ascii"), font)
            fonts.set(qn("w:hAnsi"), font)
            rpr.append(fonts)
            lvl.append(rpr)
        abstract.append(lvl)
        numbering.insert(0, abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(n))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), str(n))
        num.append(ref)
        numbering.append(num)
        ids.append(str(n))
    return ids[0], ids[1]


def test_an_option_list_typed_as_bullets_reads_the_chosen_options_bullet() -> None:
    def build(doc: DocumentObject) -> None:
        unchosen, chosen = _bullet_lists(doc)
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        doc.add_paragraph("项目名称：2024年湖南省腐蚀与防护学术交流会")
        doc.add_paragraph("项目类别：")
        for option in ("学术交流", "科技创新联盟建设", "学会服务站建设"):
            p = doc.add_paragraph(option)
            num_pr = p._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = int(chosen if option == "科技创新联盟建设" else unchosen)
        doc.add_paragraph("申报单位：湖南省腐蚀与防护学会")

    texts = row_texts(read(docx_from(build)))
    assert texts[3:6] == ["☐学术交流", "☑科技创新联盟建设", "☐学会服务站建设"], texts


# --------------------------------------------------------------------------- a √ drawn over a □ in a PDF

def _pdf_with_drawn_ticks(ticks: dict[str, str], *, closed: bool = False) -> bytes:
    """A form's lines in a PDF whose □ before each option in `ticks` (label → option) has a tick
    drawn over it with two strokes (a Word freeform tick, printed); `closed` draws a triangle."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4)
    size, y = 11, 760
    lists = {"项目类别": ("学术交流", "科技创新联盟建设", "学会服务站建设"), "单位类型": ("省级学会", "市州科协", "高校科协")}
    lines = [("项目名称", "湘江流域生态保护学术研讨会"), ("项目类别", None), ("申报单位", "湖南省生态学会"),
             ("单位类型", None), ("项目负责人", "张三"), ("申请经费", "8万元"), ("起止时间", "2024年5月至2024年11月")]
    for label, value in lines:
        pdf.setFont("STSong-Light", size)
        head = f"{label}："
        pdf.drawString(60, y, head)
        x = 60 + pdfmetrics.stringWidth(head, "STSong-Light", size)
        if value is not None:
            pdf.drawString(x, y, value)
        else:
            for option in lists[label]:
                if ticks.get(label) == option:
                    pdf.setStrokeColorRGB(0.12, 0.23, 0.58)
                    path = pdf.beginPath()
                    path.moveTo(x + 1, y + 5)
                    path.lineTo(x + 4, y + 1)
                    path.lineTo(x + 10, y + 10)
                    if closed:
                        path.close()
                    pdf.drawPath(path, stroke=1, fill=0)
                text = f"□{option}  "
                pdf.drawString(x, y, text)
                x += pdfmetrics.stringWidth(text, "STSong-Light", size)
        y -= 24
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_a_tick_drawn_over_a_box_in_a_pdf_chooses_that_box() -> None:
    form = form_of(_pdf_with_drawn_ticks({"项目类别": "学会服务站建设", "单位类型": "市州科协"}), "申报书.pdf", "pdf")
    assert (form.fields.subcategory, form.fields.applicant_type) == ("学会服务站建设", "市州科协")


def test_a_closed_shape_over_a_box_in_a_pdf_is_no_tick() -> None:
    form = form_of(_pdf_with_drawn_ticks({"项目类别": "学会服务站建设"}, closed=True), "申报书.pdf", "pdf")
    assert form.fields.subcategory is None


@pytest.mark.parametrize("answer, item", [("（ A ）", "学术交流"), ("（E）", "学会服务站建设"), ("（ G ）", "学会制度机制建设")])
def test_a_letter_answered_above_a_lettered_option_list_chooses_that_option(answer: str, item: str) -> None:
    """（二）项目类别 / （ A ） / 科技创新服务能力建设项目：A.学术交流 B.… / 学会自身能力建设项目：F.…:
    the answer stands alone under its label, the lettered options on the paragraphs after it."""
    def build(doc: DocumentObject) -> None:
        for text in ("一、基本情况", "（一）项目名称", "湘江流域生态保护学术研讨会", "（二）项目类别", answer,
                     "科技创新服务能力建设项目：A.学术交流 B.科技创新联盟建设 C.“科创中国”试点城市建设 "
                     "D.“科创中国”湖南中心建设与运营 E.学会服务站建设",
                     "学会自身能力建设项目：F.创新工程专业职称评审 G.学会制度机制建设 H.省级学会网站管理平台 I.高校科协交流机制建设",
                     "（三）申报单位", "湖南省生态学会", "（四）项目负责人", "张三"):
            doc.add_paragraph(text)

    form = form_of(docx_from(build))
    assert form.fields.subcategory == item and "subcategory" not in form.low_confidence
    assert form.fields.applicant_org == "湖南省生态学会"


@pytest.mark.parametrize("text", ["◇学术交流 ◆学会服务站建设", "◯学术交流 ⬤学会服务站建设"])
def test_diamonds_and_large_circles_mark_a_single_choice(text: str) -> None:
    assert choose_option(text, ["学术交流", "学会服务站建设"]) == ("学会服务站建设", 1)


TYPES = ["省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他"]


@pytest.mark.parametrize("text", ["[x] 省级学会 [ ] 市州科协 [ ] 高校科协 [ ] 企业\n（园区）科协 [ ] 民非组织 [ ] 其他",
                                  "［√］ 省级学会　［ ］ 市州科协　［ ］ 其他",
                                  "[ ] 市州科协 [X] 省级学会"])
def test_a_task_lists_boxes_with_a_space_before_the_option_mark_it(text: str) -> None:
    # A Markdown task list or a plain-text form: the bracketed box, a space, then its option.
    assert choose_option(text, TYPES) == ("省级学会", 1)


@pytest.mark.parametrize(("text", "chosen"), [("省级学会（已选） 市州科协 高校科协 企业（园区）科协 民非组织 其他", "省级学会"),
                                              ("省级学会(未选) 市州科协(选中) 高校科协(未选)", "市州科协"),
                                              ("省级学会 市州科协 高校科协（已勾选）", "高校科协")])
def test_a_choice_said_in_words_in_brackets_marks_its_option(text: str, chosen: str) -> None:
    assert choose_option(text, TYPES) == (chosen, 1)


def test_words_about_choosing_that_say_no_choice_are_left_alone() -> None:
    assert normalise_checkbox_glyphs("项目类别（单选）") == "项目类别（单选）"
    assert normalise_checkbox_glyphs("[1] 参考文献") == "[1] 参考文献"


@pytest.mark.parametrize("text, read", [
    ("1学术交流2科技创新联盟建设3学会服务站建设选择:2", "☐学术交流☑科技创新联盟建设☐学会服务站建设"),
    ("1学术交流2科技创新联盟建设选择:9", "1学术交流2科技创新联盟建设选择:9"),  # no option carries 9
    ("第13届学术交流研讨会", "第13届学术交流研讨会"),  # a number before an option, no choice stated
    # The template's own instruction says how many, not which: an empty list stays empty.
    ("科技创新服务能力建设项目(限选1项):1学术交流2科技创新联盟建设", "科技创新服务能力建设项目(限选1项):1学术交流2科技创新联盟建设"),
    ("(请选择1项)1学术交流2科技创新联盟建设", "(请选择1项)1学术交流2科技创新联盟建设"),
    ("选项:1学术交流2科技创新联盟建设选择:2", "选项:☐学术交流☑科技创新联盟建设"),  # the answer after the list
    # The answer as a questionnaire words it: the chosen number, or the number to fill in.
    ("1学术交流2科技创新联盟建设3学会服务站建设所选序号:3", "☐学术交流☐科技创新联盟建设☑学会服务站建设"),
    ("1学术交流2科技创新联盟建设3学会服务站建设(填序号)2", "☐学术交流☑科技创新联盟建设☐学会服务站建设"),
    ("1学术交流2科技创新联盟建设(请填写序号)1", "☑学术交流☐科技创新联盟建设"),
    ("1学术交流2科技创新联盟建设(填序号)", "1学术交流2科技创新联盟建设(填序号)"),  # the blank left empty
])
def test_a_choice_by_number_ticks_the_option_of_that_number(text: str, read: str) -> None:
    assert answers_to_glyphs(text, ("学术交流", "科技创新联盟建设", "学会服务站建设")) == read


def test_numbered_options_with_the_choice_under_them_in_a_cell_choose_that_option() -> None:
    """项目类别 | …：①学术交流 ②科技创新联盟建设 … / 选择：② — a questionnaire's numbered options,
    the answer by its number on the cell's last line; the unit's type the same way."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("一、基本情况")
        rows = [("项目名称", "湖南省生猪产业科技创新联盟建设"),
                ("项目类别", "科技创新服务能力建设项目：①学术交流 ②科技创新联盟建设 ③“科创中国”试点城市建设 "
                             "④“科创中国”湖南中心建设与运营 ⑤学会服务站建设\n学会自身能力建设项目：⑥创新工程专业职称评审 "
                             "⑦学会制度机制建设 ⑧省级学会网站管理平台 ⑨高校科协交流机制建设\n选择：②"),
                ("申报单位", "湖南省岩土工程学会"),
                ("单位类型", "①省级学会 ②市州科协 ③高校科协 ④企业（园区）科协 ⑤民非组织 ⑥其他\n选择：①"),
                ("项目负责人", "韩文博")]
        table = doc.add_table(rows=len(rows), cols=2)
        for i, (label, value) in enumerate(rows):
            table.cell(i, 0).text, table.cell(i, 1).text = label, value

    form = form_of(docx_from(build))
    assert (form.fields.subcategory, form.fields.applicant_type) == ("科技创新联盟建设", "省级学会")
    assert "subcategory" not in form.low_confidence


@pytest.mark.parametrize("answer", ["所选序号：⑤", "（填序号）5", "选择：⑤"])
def test_numbered_options_answered_by_the_chosen_number_on_a_line_of_its_own(answer: str) -> None:
    """项目类别：科技创新服务能力建设项目：①… ⑤学会服务站建设 / 学会自身能力建设项目：⑥… / 所选序号：⑤ —
    the list on paragraphs, the answer's wording a questionnaire's, the number on the last line."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("一、基本情况")
        doc.add_paragraph("项目名称：湖南省生猪产业学会服务站建设")
        doc.add_paragraph("项目类别：科技创新服务能力建设项目：①学术交流 ②科技创新联盟建设 ③“科创中国”试点城市建设 "
                          "④“科创中国”湖南中心建设与运营 ⑤学会服务站建设")
        doc.add_paragraph("学会自身能力建设项目：⑥创新工程专业职称评审 ⑦学会制度机制建设 ⑧省级学会网站管理平台 "
                          "⑨高校科协交流机制建设")
        doc.add_paragraph(answer)
        doc.add_paragraph("申报单位：湖南省岩土工程学会")
        doc.add_paragraph("单位类型：①省级学会 ②市州科协 ③高校科协 ④企业（园区）科协 ⑤民非组织 ⑥其他")
        doc.add_paragraph(answer.replace("⑤", "①").replace("5", "1"))
        doc.add_paragraph("项目负责人：韩文博")

    form = form_of(docx_from(build))
    assert (form.fields.subcategory, form.fields.applicant_type) == ("学会服务站建设", "省级学会")

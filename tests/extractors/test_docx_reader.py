"""The .docx walker against real files carrying what python-docx misses, repeats or cannot open."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from docx.document import Document as DocumentObject

from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.extractors.errors import UnreadableFile
from shenbao.record import DocText
from tests.builders.docx_quirks import (
    FORMS_CHECKBOX, activex_control, activex_part, cell, docx_from, docx_with_body, encrypted_docx, font_run, form_checkbox, form_text,
    enclosed, para, replace_part, row, run, sdt, sym, table, text_box, w14_checkbox,
    WORD2003_XML, with_activex_parts, with_broken_relationship, xlsx_bytes,
)


def read(data: bytes) -> DocText:
    return docx_to_doctext(data, "申报书.docx", hashlib.sha256(data).hexdigest())


def texts(doc: DocText) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in doc.rows]


def all_text(doc: DocText) -> str:
    return "\n".join(c.text for r in doc.rows for c in r.cells)


# --------------------------------------------------------------------------- layout


def _merged_form(doc: DocumentObject) -> None:
    doc.add_paragraph("一、项目基本情况")
    t = doc.add_table(rows=3, cols=4)
    t.cell(0, 0).text = "项目名称"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "某某研究"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "负责人"
    t.cell(1, 1).text = "张三"
    t.cell(1, 2).text = "职称"
    t.cell(1, 3).text = "教授"
    t.cell(2, 1).text = "13800000000"
    t.cell(2, 2).text = "邮箱"
    t.cell(2, 3).text = "a@b.cn"


def test_merged_cells_appear_once_in_their_first_row() -> None:
    doc = read(docx_from(_merged_form))

    assert texts(doc) == [
        ["一、项目基本情况"],
        ["项目名称", "某某研究"],
        ["负责人", "张三", "职称", "教授"],
        ["13800000000", "邮箱", "a@b.cn"],
    ]
    assert doc.kind == "docx" and doc.file == "申报书.docx"


def test_every_cell_says_where_it_is_in_chinese() -> None:
    doc = read(docx_from(_merged_form))

    assert doc.rows[0].source == "paragraph" and doc.rows[0].cells[0].where == "段落1"
    assert [c.where for c in doc.rows[1].cells] == ["表1 第1行第1列", "表1 第1行第2列"]
    assert [c.where for c in doc.rows[3].cells] == [
        "表1 第3行第2列", "表1 第3行第3列", "表1 第3行第4列"]
    assert doc.rows[1].source == "table"


def test_cell_paragraphs_are_joined_with_newlines() -> None:
    def build(doc: DocumentObject) -> None:
        c = doc.add_table(rows=1, cols=1).cell(0, 0)
        c.text = "项目名称"
        c.add_paragraph("智慧公路论坛")

    assert texts(read(docx_from(build))) == [["项目名称\n智慧公路论坛"]]


def test_nested_table_rows_follow_the_row_that_holds_them() -> None:
    inner = table(row(cell(para(run("姓名"))), cell(para(run("电话")))),
                  row(cell(para(run("李四"))), cell(para(run("0731-1234567")))), grid=2)
    body = table(
        row(cell(para(run("人员信息"))), cell(para(run("见下表")), inner, para())),
        row(cell(para(run("申请经费"))), cell(para(run("8万元")))),
        grid=2,
    )
    doc = read(docx_with_body(body))

    assert texts(doc) == [["人员信息", "见下表"], ["姓名", "电话"], ["李四", "0731-1234567"],
                          ["申请经费", "8万元"]]
    assert doc.rows[1].cells[0].where == "表2 第1行第1列"


# --------------------------------------------------------------------------- content controls


def test_content_controls_at_body_row_cell_and_run_level_are_read() -> None:
    body = (
        sdt(para(run("项目名称：块级控件")))
        + table(
            sdt(row(cell(para(run("负责人"))), cell(para(run("张三"))))),
            row(sdt(cell(para(run("职称")))), cell(para(run("教授")))),
            grid=2)
        + para(run("联系电话："), sdt(run("13800000000")))
    )
    doc = read(docx_with_body(body))

    assert texts(doc) == [["项目名称：块级控件"], ["负责人", "张三"], ["职称", "教授"],
                          ["联系电话：13800000000"]]


# --------------------------------------------------------------------------- text boxes


def test_text_box_with_choice_and_fallback_is_read_once() -> None:
    doc = read(docx_with_body(para(run("封面"), text_box("项目编号：HN-2024-01"))))

    assert texts(doc) == [["封面"], ["项目编号：HN-2024-01"]]
    assert doc.rows[1].cells[0].where == "文本框1"
    assert all_text(doc).count("HN-2024-01") == 1


# --------------------------------------------------------------------------- checkboxes


@pytest.mark.parametrize(("chosen", "unchosen"), [
    pytest.param(w14_checkbox(True), w14_checkbox(False), id="w14 content control"),
    # What the control shows is what Word prints: a state left stale by whatever typed the glyph.
    pytest.param(w14_checkbox(False, shown="☑"), w14_checkbox(True, shown="☐"), id="w14 glyph over stale state"),
    pytest.param(enclosed("□", "√"), enclosed("□", " "), id="带圈字符 EQ field"),
    pytest.param(enclosed("○", "√", simple=True), run("□"), id="带圈字符 fldSimple"),
    pytest.param(sym("Wingdings", "F0FE"), sym("Wingdings", "F0A8"), id="w:sym Wingdings"),
    pytest.param(sym("Wingdings 2", "F052"), sym("Wingdings 2", "F0A3"), id="w:sym Wingdings 2"),
    pytest.param(form_checkbox("<w:checked/>"), form_checkbox('<w:default w:val="0"/>'),
                 id="FORMCHECKBOX bare checked"),
    pytest.param(form_checkbox('<w:default w:val="1"/>'),
                 form_checkbox('<w:default w:val="1"/><w:checked w:val="0"/>'),
                 id="FORMCHECKBOX default vs checked"),
    pytest.param(font_run("Wingdings", "þ"), font_run("Wingdings", "¨"), id="typed in Wingdings"),
    pytest.param(font_run("Wingdings 2", "R"), font_run("Wingdings 2", "£"),
                 id="typed in Wingdings 2"),
    pytest.param(run("■"), run("□"), id="unicode squares"),
    pytest.param(run("□√"), run("□"), id="box then tick"),
    pytest.param(run("\uf0fe"), run("\uf0a8"), id="private use area"),
])
def test_each_checkbox_encoding_marks_the_chosen_option(chosen: str, unchosen: str) -> None:
    body = table(row(cell(para(run("项目类别"))),
                     cell(para(unchosen, run("学术交流 "), chosen, run("学会服务站建设")))),
                 grid=2)
    doc = read(docx_with_body(body))

    assert texts(doc) == [["项目类别", "☐学术交流 ☑学会服务站建设"]]


def test_activex_check_boxes_and_option_buttons_read_as_their_captions_ticked_or_not() -> None:
    body = table(row(cell(para(run("单位类型"))),
                     cell(para(activex_control("ax1"), run(" "), activex_control("ax2"), run(" "),
                               activex_control("ax3"), activex_control("ax4")))),
                 grid=2)
    option_button = "{8BD21D50-EC42-11CE-9E0D-00AA006002A5}"
    data = with_activex_parts(docx_with_body(body), {
        "ax1": activex_part("省级学会", "0"), "ax2": activex_part("市州科协", "1"),
        "ax3": activex_part("高校科协", "0", option_button),
        # Another control (a text box) and a check box without a caption say nothing.
        "ax4": activex_part("", "1").replace(FORMS_CHECKBOX.encode(), b"{8BD21D10-EC42-11CE-9E0D-00AA006002A5}")})

    assert texts(read(data)) == [["单位类型", "☐省级学会 ☑市州科协 ☐高校科协"]]


def test_bracket_tick_after_an_option_marks_it_chosen() -> None:
    doc = read(docx_with_body(para(run("单位性质：省级学会（√） 高校科协（ ）"))))

    assert texts(doc) == [["单位性质：☑省级学会 ☐高校科协"]]


# --------------------------------------------------------------------------- revisions


def test_tracked_insertion_is_kept_and_deletion_dropped() -> None:
    body = para(run("经费："),
                '<w:ins w:id="1" w:author="a"><w:r><w:t>50万元</w:t></w:r></w:ins>',
                '<w:del w:id="2" w:author="a"><w:r><w:delText>30万元</w:delText></w:r></w:del>')
    doc = read(docx_with_body(body))

    assert texts(doc) == [["经费：50万元"]]
    assert doc.has_revisions is True


def test_document_without_revisions_says_so() -> None:
    assert read(docx_with_body(para(run("经费：8万元")))).has_revisions is False


# --------------------------------------------------------------------------- wrappers


def test_field_smart_tag_and_custom_xml_wrappers_keep_their_text() -> None:
    body = para(
        run("申报日期："),
        '<w:fldSimple w:instr=" DATE \\@ &quot;yyyy年M月d日&quot; "><w:r><w:t>2024年4月1日</w:t>'
        '</w:r></w:fldSimple>',
        run(" 单位："),
        '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t>长沙</w:t></w:r></w:smartTag>',
        '<w:customXml w:element="org"><w:r><w:t>某学会</w:t></w:r></w:customXml>',
        '<w:hyperlink r:id="rId99"><w:r><w:t>（官网）</w:t></w:r></w:hyperlink>',
    )
    assert texts(read(docx_with_body(body))) == [["申报日期：2024年4月1日 单位：长沙某学会（官网）"]]


def test_hidden_instructions_are_skipped_unless_asked_for() -> None:
    data = docx_with_body(para(run("项目名称："), run("（请填写全称）", "<w:vanish/>"),
                               run("某某研究")))

    assert texts(read(data)) == [["项目名称：某某研究"]]
    full = docx_to_doctext(data, "a.docx", "0", include_hidden=True)
    assert texts(full) == [["项目名称：（请填写全称）某某研究"]]


def test_empty_form_text_padding_is_stripped_but_words_stay_apart() -> None:
    body = table(row(cell(para(run("联系人"))), cell(para(form_text())),
                     cell(para(run("项\u3000目\u3000名\u3000称"))),
                     cell(para(form_text("\u2002\u2002某某研究\u2002\u2002")))))
    doc = read(docx_with_body(body))

    assert texts(doc) == [["联系人", "", "项 目 名 称", "某某研究"]]


def test_tabs_and_breaks_become_space_and_newline() -> None:
    body = para(run("负责人：张三"), "<w:r><w:tab/></w:r>", run("电话：138"),
                "<w:r><w:br/></w:r>", run("邮箱：a@b.cn"))
    assert texts(read(docx_with_body(body))) == [["负责人：张三 电话：138\n邮箱：a@b.cn"]]


# --------------------------------------------------------------------------- packages


def test_broken_relationship_targets_do_not_matter() -> None:
    data = with_broken_relationship(docx_from(lambda d: d.add_paragraph("项目名称：某某研究")))

    assert texts(read(data)) == [["项目名称：某某研究"]]


def test_excel_workbook_renamed_docx_is_reported_as_excel() -> None:
    with pytest.raises(UnreadableFile) as err:
        read(xlsx_bytes())
    assert err.value.reason == "不是Word文档（实为Excel表格）"


def test_password_protected_docx_is_reported_as_encrypted() -> None:
    data = encrypted_docx(docx_from(lambda d: d.add_paragraph("机密")))
    assert data[:4] == b"\xd0\xcf\x11\xe0"

    with pytest.raises(UnreadableFile) as err:
        read(data)
    assert err.value.reason == "文件已加密（需要密码）"


@pytest.mark.parametrize("data", [
    pytest.param(b"", id="empty"),
    pytest.param(b"not a zip at all", id="text"),
    pytest.param(docx_from(lambda d: d.add_paragraph("x"))[:500], id="truncated zip"),
])
def test_damaged_files_are_reported_as_damaged(data: bytes) -> None:
    with pytest.raises(UnreadableFile) as err:
        read(data)
    assert err.value.reason == "文件已损坏或不完整"


def test_zip_without_a_document_part_is_reported_as_damaged() -> None:
    data = replace_part(docx_from(lambda d: None), "word/document.xml", None)
    data = replace_part(data, "_rels/.rels", None)

    with pytest.raises(UnreadableFile) as err:
        read(data)
    assert err.value.reason == "文件已损坏或不完整"


def test_entity_declarations_are_refused_so_a_billion_laughs_never_expands() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>')
    data = replace_part(docx_from(lambda d: None), "word/document.xml", bomb.encode())

    with pytest.raises(UnreadableFile) as err:
        read(data)
    assert err.value.reason.startswith("文件已损坏或不完整")


def test_old_doc_bytes_are_reported_as_needing_conversion() -> None:
    # A minimal OLE header followed by the UTF-16 stream name Word 97 files carry.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    with pytest.raises(UnreadableFile) as err:
        read(ole)
    assert "doc" in err.value.reason


def test_main_part_is_found_through_the_package_relationships() -> None:
    data = docx_from(lambda d: d.add_paragraph("项目名称：改名的正文"))
    src = zipfile.ZipFile(io.BytesIO(data))
    body = src.read("word/document.xml")
    rels = src.read("_rels/.rels").replace(b"word/document.xml", b"word/document2.xml")
    data = replace_part(replace_part(data, "word/document.xml", None), "word/document2.xml", body)
    data = replace_part(data, "_rels/.rels", rels)

    assert texts(read(data)) == [["项目名称：改名的正文"]]


def test_word_2003_xml_renamed_docx_is_reported_as_needing_conversion() -> None:
    with pytest.raises(UnreadableFile) as err:
        read(WORD2003_XML)
    assert err.value.reason == "不是.docx文档（实为Word 2003 XML格式，需要转换）"


def test_old_vml_text_box_without_alternate_content_is_read() -> None:
    vml = ('<w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
           f'{para(run("负责人：王五"))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    doc = read(docx_with_body(para(vml)))

    assert texts(doc) == [["负责人：王五"]]
    assert doc.rows[0].cells[0].where == "文本框1"


def test_text_box_inside_a_table_cell_follows_its_row() -> None:
    body = table(row(cell(para(run("项目名称"))), cell(para(run("见框内"), text_box("某某研究")))),
                 row(cell(para(run("负责人"))), cell(para(run("张三")))), grid=2)

    assert texts(read(docx_with_body(body))) == [
        ["项目名称", "见框内"], ["某某研究"], ["负责人", "张三"]]


def test_legacy_dropdown_field_shows_its_chosen_entry() -> None:
    dropdown = ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Drop1"/>'
                '<w:ddList><w:result w:val="1"/><w:listEntry w:val="省级学会"/>'
                '<w:listEntry w:val="高校科协"/></w:ddList></w:ffData></w:fldChar></w:r>'
                '<w:r><w:instrText xml:space="preserve"> FORMDROPDOWN </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')

    assert texts(read(docx_with_body(para(run("单位性质："), dropdown)))) == [["单位性质：高校科协"]]


def test_other_wingdings_pictures_are_not_read_as_letters() -> None:
    body = para(font_run("Wingdings", "l"), run("项目背景"))

    assert texts(read(docx_with_body(body))) == [["项目背景"]]


def test_plain_zip_archive_renamed_docx_is_reported_as_an_archive() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("申报材料/申报书.docx", docx_from(lambda d: None))

    with pytest.raises(UnreadableFile) as err:
        read(out.getvalue())
    assert err.value.reason == "不是Word文档（实为压缩包）"


def test_a_document_imported_by_alt_chunk_is_read_in_its_place() -> None:
    """Word keeps a document merged in by w:altChunk apart in the package (word/afchunk1.docx)
    and joins it when it opens the file: its table is the form's."""
    inner = docx_from(lambda d: _form_table(d, [("项目名称", "第6届湖南电机工程学术交流会"), ("申报单位", "湖南省电机工程学会"),
                                                ("项目负责人", "石振宇")]))
    outer = docx_with_body('<w:p><w:r><w:t>申报书</w:t></w:r></w:p><w:altChunk r:id="rIdChunk"/>')
    rels = zipfile.ZipFile(io.BytesIO(outer)).read("word/_rels/document.xml.rels").decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdChunk" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/aFChunk" Target="afchunk1.docx"/></Relationships>')
    outer = replace_part(replace_part(outer, "word/_rels/document.xml.rels", rels.encode()), "word/afchunk1.docx", inner)
    doc = docx_to_doctext(outer, "申报书.docx", "s")
    texts = [[c.text for c in r.cells] for r in doc.rows]
    assert texts[0] == ["申报书"] and ["项目名称", "第6届湖南电机工程学术交流会"] in texts
    assert doc.rows[1].cells[0].where.startswith("导入的文档")


def _form_table(d: DocumentObject, rows: list[tuple[str, str]]) -> None:
    table = d.add_table(rows=len(rows), cols=2)
    for r, (label, value) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = label, value


def test_a_checkbox_with_a_state_character_past_unicode_is_read_by_its_glyph() -> None:
    props = ('<w14:checkbox><w14:checked w14:val="0"/><w14:checkedState w14:val="FFFFFFFFFFFFFFFFFFFF"/>'
             '<w14:uncheckedState w14:val="2610"/></w14:checkbox>')
    body = table(row(cell(para(run("项目类别"))), cell(para(sdt(run("☑"), props), run("学术交流")))), grid=2)
    assert texts(read(docx_with_body(body))) == [["项目类别", "☑学术交流"]]

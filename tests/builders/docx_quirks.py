"""Builders for real .docx files carrying the WordprocessingML that real forms use and python-docx
misreads or cannot open.

A base package comes from python-docx (styles, content types, relationships); the body is
then written as raw XML so each quirk appears exactly as Word or WPS writes it.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from docx import Document
from docx.document import Document as DocumentObject

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'mc:Ignorable="w14"'
)


def docx_from(build: Callable[[DocumentObject], None]) -> bytes:
    """A .docx made by python-docx; `build` adds the content."""
    doc = Document()
    build(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def pairs_docx(rows: list[tuple[str, str]], title: str = "2024年度湖南省科协科技创新服务能力提升计划项目申报书") -> bytes:
    """A form as a title and a two-column table of (label, value) rows; "\n" in a cell's text
    is a line break (w:br), as python-docx writes it."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph(title)
        table = doc.add_table(rows=0, cols=2)
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value

    return docx_from(build)


def replace_part(data: bytes, part: str, content: bytes | None) -> bytes:
    """Copy of the zip `data` with `part` replaced (added if missing, removed if None)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info.filename))
        if content is not None:
            dst.writestr(part, content)
    return out.getvalue()


def docx_with_body(body_xml: str) -> bytes:
    """A valid .docx whose w:body is exactly `body_xml` (namespaces w, w14, mc, wps, v …)."""
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<w:document {NAMESPACES}><w:body>{body_xml}<w:sectPr/></w:body></w:document>')
    return replace_part(docx_from(lambda d: None), "word/document.xml", xml.encode("utf-8"))


# --------------------------------------------------------------------------- XML snippets


def run(text: str, rpr: str = "") -> str:
    """A w:r with optional run properties; spaces are preserved."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*inline: str) -> str:
    return f"<w:p>{''.join(inline)}</w:p>"


def cell(*blocks: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{''.join(blocks) or '<w:p/>'}</w:tc>"


def row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def table(*rows: str, grid: int = 4) -> str:
    cols = "".join('<w:gridCol w:w="2000"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def sdt(content: str, props: str = "") -> str:
    return f"<w:sdt><w:sdtPr>{props}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>"


def w14_checkbox(checked: bool, shown: str | None = None) -> str:
    """A Word 2010 checkbox content control showing ☒/☐ in MS Gothic (or `shown`: a glyph
    its state was not updated for, as a program filling the form writes it)."""
    glyph = shown if shown is not None else "☒" if checked else "☐"
    props = (f'<w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
             '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
             '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox>')
    return sdt(run(glyph, '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>'),
               props)


def enclosed(frame: str, inner: str, simple: bool = False) -> str:
    """Word's 带圈字符: an EQ field enclosing `inner` in `frame`, as a complex field whose code is
    split over runs (Word sizes the frame on its own run) or as a w:fldSimple."""
    if simple:
        return f'<w:fldSimple w:instr=" EQ \\o\\ac({frame},{inner})"><w:r><w:t></w:t></w:r></w:fldSimple>'
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve">eq \\o\\ac(</w:instrText></w:r>'
            f'<w:r><w:rPr><w:position w:val="-4"/><w:sz w:val="31"/></w:rPr><w:instrText>{frame}</w:instrText></w:r>'
            f'<w:r><w:instrText>,{inner})</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


def font_run(font: str, text: str) -> str:
    """Text typed in a symbol font (e.g. 'þ' in Wingdings shows ☑)."""
    return run(text, f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>')


def form_checkbox(checked_xml: str) -> str:
    """A legacy FORMCHECKBOX field; `checked_xml` goes inside w:checkBox
    (e.g. '<w:checked/>', '<w:default w:val="1"/>')."""
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/>'
            f'<w:enabled/><w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/>{checked_xml}'
            '</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def form_text(value: str = "\u2002" * 5) -> str:
    """A legacy FORMTEXT field; an empty one shows five U+2002 as its result."""
    return ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/>'
            '<w:enabled/><w:textInput/></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'{run(value)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def activex_control(rid: str) -> str:
    """An ActiveX control object (w:object/w:control) whose part is relationship `rid`; its VML
    face is left out (the reader never needs it)."""
    return f'<w:r><w:object w:dxaOrig="1156" w:dyaOrig="315"><w:control r:id="{rid}" w:name="CheckBox1"/></w:object></w:r>'


FORMS_CHECKBOX = "{8BD21D40-EC42-11CE-9E0D-00AA006002A5}"


def activex_part(caption: str, value: str, classid: str = FORMS_CHECKBOX) -> bytes:
    """A Forms 2.0 control's property bag (word/activeX/activeXN.xml) as Word saves it."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
            f'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
            f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'ax:classid="{classid}" ax:persistence="persistPropertyBag">'
            f'<ax:ocxPr ax:name="DisplayStyle" ax:value="4"/><ax:ocxPr ax:name="Value" ax:value="{value}"/>'
            f'<ax:ocxPr ax:name="Caption" ax:value="{caption}"/><ax:ocxPr ax:name="FontName" ax:value="宋体"/>'
            f'</ax:ocx>').encode("utf-8")


def with_activex_parts(data: bytes, parts: dict[str, bytes]) -> bytes:
    """`data` with each ActiveX part `parts[rid]` added at word/activeX/<rid>.xml and related to
    the main part under that relationship id."""
    rels_name = "word/_rels/document.xml.rels"
    rels = zipfile.ZipFile(io.BytesIO(data)).read(rels_name).decode("utf-8")
    added = "".join(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    f'relationships/control" Target="activeX/{rid}.xml"/>' for rid in parts)
    data = replace_part(data, rels_name, rels.replace("</Relationships>", added + "</Relationships>").encode("utf-8"))
    for rid, part in parts.items():
        data = replace_part(data, f"word/activeX/{rid}.xml", part)
    return data


def text_box(text: str) -> str:
    """A floating text box as Word 2010+ writes it: mc:Choice (wps) plus mc:Fallback (VML),
    both holding the same w:txbxContent."""
    content = f"<w:txbxContent>{para(run(text))}</w:txbxContent>"
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor><a:graphic><a:graphicData>'
            f'<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>'
            '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
            f'<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>')


def with_broken_relationship(data: bytes) -> bytes:
    """Add relationships whose targets do not exist (word/NULL, #_top) — python-docx #797."""
    src = zipfile.ZipFile(io.BytesIO(data))
    rels = src.read("word/_rels/document.xml.rels").decode("utf-8")
    extra = ('<Relationship Id="rIdBroken1" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/image" Target="NULL"/>'
             '<Relationship Id="rIdBroken2" Type="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships/hyperlink" Target="#_top"/>')
    rels = rels.replace("</Relationships>", extra + "</Relationships>")
    return replace_part(data, "word/_rels/document.xml.rels", rels.encode("utf-8"))


def xlsx_bytes() -> bytes:
    """A real .xlsx workbook (what an applicant sends when attaching the budget sheet)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "项目名称"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def encrypted_docx(data: bytes, password: str = "123456") -> bytes:
    """`data` encrypted with a password the way Word does it (an OLE file with
    EncryptionInfo/EncryptedPackage), using msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


WORD2003_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<?mso-application progid="Word.Document"?>\n'
    '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
    'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
    'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData">'
    '<w:body><wx:sect>'
    '<w:p><w:r><w:t>项目名称：二〇〇三格式测试项目</w:t></w:r></w:p>'
    '<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
    '<w:tr><w:tc><w:p><w:r><w:t>项目负责人</w:t></w:r></w:p></w:tc>'
    '<w:tc><w:p><w:r><w:t>王五</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '<w:p><w:r><w:t>结束</w:t></w:r></w:p>'
    '</wx:sect></w:body></w:wordDocument>'
).encode("utf-8")

"""Read a .docx form into rows of cells, walking word/document.xml directly.

python-docx's paragraph/table API misses or repeats the parts real forms are made of: merged
cells come back once per grid slot (python-openxml/python-docx#344), content controls (#155),
text boxes (#416), tracked insertions (#803) and field wrappers vanish, text boxes appear twice
through mc:Fallback, and checkboxes are dropped. It is also ~12× slower. So this module opens the zip itself and walks
the WordprocessingML with a hardened lxml parser (no DTDs, no entities, no network).

Output contract (`docx_to_doctext`): rows in document order —
- each non-empty body paragraph → Row(source="paragraph") with one Cell, where "段落N";
- each table row → Row(source="table") with one Cell per visual cell (a gridSpan cell once;
  a vertically merged cell once, in its first row), where "表T 第R行第C列" (C = grid column);
- a nested table's rows follow the row that holds it; the holding cell keeps its own text;
- text boxes → one Row(source="paragraph") per box, where "文本框N", after their host.
Checkboxes become ☑/☐ in front of the option label (see extractors.checkbox), and so does an
option list with no marks whose chosen option is the one bold or underlined (direct run
formatting, w:b / w:u), read per table cell, text box or body paragraph.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import msoffcrypto
from lxml import etree

from shenbao.extractors.checkbox import (
    CHOSEN,
    CHOSEN_MARKS,
    UNCHOSEN,
    UNCHOSEN_MARKS,
    checkbox_state_to_glyph,
    emphasis_to_glyphs,
    known_options,
    normalise_checkbox_glyphs,
    struck_to_glyphs,
    symbol_char_to_glyph,
    symbol_font_name,
)
from shenbao.extractors.box_pictures import MAX_SIDE_EMU, box_glyph, is_tick_picture, picture_reader
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.sheet_objects import MAX_PACKAGE_BYTES, is_sheet_object, sheet_rows
from shenbao.record import Cell, DocText, Row

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC_REL = "/officeDocument"


@dataclass(frozen=True)
class _Place:
    """Where a frame is put on the page (twips from the anchor) and with what settings."""

    x: int
    y: int
    settings: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Frame:
    place: _Place
    text: str
    where: str


# Frames whose tops are this close (twips; 1 cm = 567) stand on one line of the page.
_SAME_LINE_TWIPS = 200


def box_place(txbx: etree._Element) -> _Place | None:
    """The place of a text box anchored at a fixed place on the page (wp:anchor with both
    positions relative to the page), None for any other: LibreOffice writes a Word frame so."""
    anchor = txbx.getparent()
    while anchor is not None and anchor.tag != f"{{{_WP}}}anchor":
        anchor = anchor.getparent()
    if anchor is None:
        return None
    offsets = []
    for axis in ("positionH", "positionV"):
        position = anchor.find(f"{{{_WP}}}{axis}")
        offset = position.find(f"{{{_WP}}}posOffset") if position is not None else None
        if position is None or position.get("relativeFrom") != "page" or offset is None:
            return None
        try:
            offsets.append(int(offset.text or "") // _EMU_PER_TWIP)
        except ValueError:
            return None
    doc_pr = anchor.find(f"{{{_WP}}}docPr")
    return _Place(offsets[0], offsets[1], (("box", doc_pr.get("id", "") if doc_pr is not None else ""),))


_EMU_PER_TWIP = 635


def _breaks_page(p: etree._Element) -> bool:
    """Whether a paragraph starts a new page (a page break in it, 段前分页, a section's end)."""
    ppr = p.find(_w("pPr"))
    if ppr is not None and (ppr.find(_w("pageBreakBefore")) is not None or ppr.find(_w("sectPr")) is not None):
        return True
    return any(br.get(_w("type")) == "page" for br in p.iter(BR))


def _holds_blocks(box: etree._Element) -> bool:
    """Whether a text box holds a table or another box (read as a text box, not as a frame)."""
    return next(box.iterdescendants(TBL, TXBX), None) is not None


def frame_place(p: etree._Element) -> _Place | None:
    """The place of a paragraph in a frame positioned on the page (w:framePr with w:x and w:y,
    anchored to the page or its margins), None for any other paragraph (a drop cap, a frame
    that flows with the text)."""
    ppr = p.find(_w("pPr"))
    frame = ppr.find(_w("framePr")) if ppr is not None else None
    if frame is None or frame.get(_w("dropCap")) not in (None, "none"):
        return None
    if frame.get(_w("vAnchor")) == "text" or frame.get(_w("hAnchor")) == "text":
        return None
    try:
        x, y = int(frame.get(_w("x"), "")), int(frame.get(_w("y"), ""))
    except ValueError:
        return None
    return _Place(x, y, tuple(sorted((k, v) for k, v in frame.attrib.items())))


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R, T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
SDT, SDT_CONTENT, SDT_PR = _w("sdt"), _w("sdtContent"), _w("sdtPr")
CUSTOM_XML, SMART_TAG, HYPERLINK, FLD_SIMPLE = (
    _w("customXml"), _w("smartTag"), _w("hyperlink"), _w("fldSimple"))
INS, DEL, MOVE_TO, MOVE_FROM = _w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")
TXBX = _w("txbxContent")
ALT = f"{{{MC}}}AlternateContent"
CHOICE, FALLBACK = f"{{{MC}}}Choice", f"{{{MC}}}Fallback"
W14_CHECKBOX, W14_CHECKED = f"{{{W14}}}checkbox", f"{{{W14}}}checked"
W_VAL = _w("val")
RPR, RFONTS, VANISH, TCPR, TRPR, PPR = (
    _w("rPr"), _w("rFonts"), _w("vanish"), _w("tcPr"), _w("trPr"), _w("pPr"))
TAB, PTAB, BR, CR, SYM, FLD_CHAR, DEL_TEXT, NO_BREAK_HYPHEN = (
    _w("tab"), _w("ptab"), _w("br"), _w("cr"), _w("sym"), _w("fldChar"), _w("delText"),
    _w("noBreakHyphen"))
DRAWING, PICT, OBJECT = _w("drawing"), _w("pict"), _w("object")
ALT_CHUNK = _w("altChunk")
INSTR_TEXT, FLD_CHAR_TYPE, W_INSTR = _w("instrText"), _w("fldCharType"), _w("instr")
# Word's 带圈字符 (中文版式): an EQ field enclosing a character — eq \o\ac(□,√) is a ticked
# box typed as one glyph, the way many fill a form's □ in. Word draws it from the field code
# and writes no result, so the code is all there is to read.
_ENCLOSED_RE = re.compile(r"\s*eq\s+\\o\s*\\ac\s*\(\s*(.?)\s*[,，]\s*(.*?)\s*\)\s*", re.IGNORECASE | re.DOTALL)
_FONT_ATTRS = tuple(_w(a) for a in ("ascii", "hAnsi", "eastAsia", "cs"))

# Elements whose children are read as if they stood in the parent's place.
_INLINE_WRAPPERS = {INS, MOVE_TO, HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE,
                    _w("dir"), _w("bdo")}
_BLOCK_WRAPPERS = {CUSTOM_XML, INS, MOVE_TO}
_REVISION_TAGS = {INS, DEL, MOVE_TO, MOVE_FROM}

_MAX_XML_BYTES = 64 * 1024 * 1024  # a form's document.xml is < 1 MB; bigger is a bomb
_PAD_RUN = re.compile("[ \t\u00a0\u2002\u2003\u3000]+")
_PAD_EDGES = " \t\u00a0\u2002\u2003\u3000\r\n"
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

READ_ERROR = "文件已损坏或不完整"
ENCRYPTED = "文件已加密（需要密码）"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False)


def parse_xml_safely(data: bytes) -> etree._Element:
    """Parse part XML; DOCTYPE/ENTITY declarations are refused so entity bombs never expand."""
    if _DECLARATION.search(data):
        raise UnreadableFile(f"{READ_ERROR}（含有不允许的XML声明）")
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableFile(READ_ERROR) from exc


# --------------------------------------------------------------------------- package


def _not_a_zip_reason(data: bytes) -> str:
    """Chinese reason for bytes that are not a zip package."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return _ole_reason(data)
    if b"%PDF-" in data[:1024]:
        return "不是Word文档（实为PDF文件）"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<?xml") and b"wordDocument" in head:
        return "不是.docx文档（实为Word 2003 XML格式，需要转换）"
    if head.startswith(b"{\\rtf"):
        return "不是.docx文档（实为RTF格式，需要转换）"
    if head[:200].lower().lstrip().startswith((b"<html", b"<!doctype html", b"mime-version")):
        return "不是.docx文档（实为网页格式，需要转换）"
    return READ_ERROR


def _ole_reason(data: bytes) -> str:
    try:
        if msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted():
            return ENCRYPTED
    except Exception:  # noqa: BLE001 - any failure here just means "not recognisably encrypted"
        pass
    if "EncryptionInfo".encode("utf-16-le") in data:
        return ENCRYPTED
    if "WordDocument".encode("utf-16-le") in data:
        return "不是.docx文档（实为旧版Word .doc格式，需要转换）"
    if "Workbook".encode("utf-16-le") in data:
        return "不是Word文档（实为Excel表格）"
    return "不是.docx文档（实为旧版Office格式，需要转换）"


def _office_document_target(zf: zipfile.ZipFile) -> str | None:
    """The target of the package's officeDocument relationship, or None if unreadable."""
    try:
        rels = parse_xml_safely(zf.read("_rels/.rels"))
    except (UnreadableFile, KeyError, zipfile.BadZipFile, OSError):
        return None  # a broken root rels file does not matter when the usual part exists
    for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(OFFICE_DOC_REL):
            return rel.get("Target", "").lstrip("/")
    return None


def _main_part_name(zf: zipfile.ZipFile) -> str:
    """The main document part (word/document.xml in practice), or UnreadableFile naming
    what the package really is."""
    names = set(zf.namelist())
    target = _office_document_target(zf) or ""
    if target.startswith("xl/") or (not target and "xl/workbook.xml" in names):
        raise UnreadableFile("不是Word文档（实为Excel表格）")
    if target.startswith("ppt/") or (not target and "ppt/presentation.xml" in names):
        raise UnreadableFile("不是Word文档（实为PowerPoint演示文稿）")
    for candidate in (target, "word/document.xml"):
        if candidate in names:
            return candidate
    if "[Content_Types].xml" not in names and names:
        raise UnreadableFile("不是Word文档（实为压缩包）")
    raise UnreadableFile(READ_ERROR)


def read_document_xml(data: bytes) -> bytes:
    """The main document part's bytes, or UnreadableFile with a Chinese reason."""
    return read_main_part(data)[1]


def read_main_part(data: bytes) -> tuple[str, bytes]:
    """The main document part's name and bytes, or UnreadableFile with a Chinese reason."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(_not_a_zip_reason(data)) from exc
    with zf:
        part = _main_part_name(zf)
        info = zf.getinfo(part)
        if info.file_size > _MAX_XML_BYTES:
            raise UnreadableFile(f"{READ_ERROR}（正文过大）")
        try:
            with zf.open(info) as fh:
                xml = fh.read(_MAX_XML_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise UnreadableFile(READ_ERROR) from exc
    if len(xml) > _MAX_XML_BYTES:
        raise UnreadableFile(f"{READ_ERROR}（正文过大）")
    return part, xml


# --------------------------------------------------------------------------- text helpers


def trim_padding(text: str) -> str:
    """Trim padding (U+2002 from empty FORMTEXT fields, U+3000, NBSP) at the edges of each
    line and collapse padding runs inside a line to one space; drop empty lines."""
    lines = (_PAD_RUN.sub(" ", line).strip(_PAD_EDGES) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _bool_attr(el: etree._Element, attr: str = W_VAL) -> bool:
    """OOXML on/off value: a missing attribute means true."""
    val = el.get(attr)
    return val is None or val.lower() not in ("0", "false", "off")


_NS = {"w": W}
# Found once per document with XPath rather than per run: most runs have neither, and
# touching every run's w:rPr from Python dominated the walk's time.
_HIDDEN_RUNS = etree.XPath(
    ".//w:r[w:rPr/w:vanish[not(@w:val) or not(@w:val='0' or @w:val='false' or @w:val='off')]]",
    namespaces=_NS)
# Direct run formatting only: an option emphasised through a style is not told apart.
_BOLD_RUNS = etree.XPath(
    ".//w:r[w:rPr/w:b[not(@w:val) or not(@w:val='0' or @w:val='false' or @w:val='off')]]",
    namespaces=_NS)
_UNDERLINED_RUNS = etree.XPath(".//w:r[w:rPr/w:u[@w:val and not(@w:val='none')]]", namespaces=_NS)
# Word's 突出显示 (w:highlight) and a run's own shading (w:shd fill, as WPS writes it, or a
# pattern over the fill: Word's 字符底纹 button writes w:val="pct15" w:color="auto" on a white
# fill, a grey of 15 % black): a colour behind the chosen option, the way some fill a list
# without marks.
_STRUCK_RUNS = etree.XPath(
    ".//w:r[w:rPr/w:strike[not(@w:val) or not(@w:val='0' or @w:val='false' or @w:val='off')]"
    " or w:rPr/w:dstrike[not(@w:val) or not(@w:val='0' or @w:val='false' or @w:val='off')]]",
    namespaces=_NS)
_HIGHLIGHTED_RUNS = etree.XPath(
    ".//w:r[w:rPr/w:highlight[@w:val and not(@w:val='none')]"
    " or w:rPr/w:shd[@w:fill and not(@w:fill='auto' or @w:fill='FFFFFF' or @w:fill='ffffff')]"
    " or w:rPr/w:shd[@w:val and not(@w:val='clear' or @w:val='nil' or @w:val='none')"
    "                and not(@w:color='FFFFFF' or @w:color='ffffff')]]",
    namespaces=_NS)
# A character border (字符边框, w:bdr): the chosen option framed, the others plain.
_BORDERED_RUNS = etree.XPath(".//w:r[w:rPr/w:bdr[@w:val and not(@w:val='none' or @w:val='nil')]]",
                             namespaces=_NS)
# Emphasis marks (着重号, w:em): dots under the chosen option's characters.
_DOTTED_RUNS = etree.XPath(".//w:r[w:rPr/w:em[@w:val and not(@w:val='none')]]", namespaces=_NS)
# A font colour (w:color other than automatic or black): the chosen option typed in red.
_COLOURED_RUNS = etree.XPath(
    ".//w:r[w:rPr/w:color[@w:val and not(@w:val='auto' or @w:val='000000')]]", namespaces=_NS)
_FONT_RUNS = etree.XPath(
    ".//w:r[w:rPr/w:rFonts/@*[contains(translate(., 'WINGDS', 'wingds'), 'wingdings')]]",
    namespaces=_NS)


def _symbol_font_runs(root: etree._Element) -> dict[etree._Element, str]:
    """Runs whose w:rFonts names a Wingdings font in any slot, with that font name."""
    found: dict[etree._Element, str] = {}
    for r in _FONT_RUNS(root):
        fonts = r.find(f"{RPR}/{RFONTS}")
        for attr in _FONT_ATTRS:
            name = fonts.get(attr) if fonts is not None else None
            if name and symbol_font_name(name):
                found[r] = name
                break
    return found


# A piece of inline text with its emphasis (bits below); a paragraph is a list of pieces.
_Piece = tuple[str, int]
BOLD, UNDERLINED, HIGHLIGHTED, STRUCK, COLOURED, BORDERED, DARK, DOTTED, GREYED = 1, 2, 4, 8, 16, 32, 64, 128, 256


def styled_text(paragraphs: list[list[_Piece]]) -> str:
    """Paragraphs read together (a cell, a text box, one body paragraph) as one text: the
    option set apart by bold, underline, highlight or colour becomes ☑ (checkbox.emphasis_to_glyphs),
    then every checkbox mark is normalised."""
    pieces = [piece for i, para in enumerate(paragraphs) for piece in ([("\n", 0)] if i else []) + para]
    text = _emphasis_marked(pieces)
    if text == "".join(t for t, _ in pieces) and len(paragraphs) > 1:
        # A text box or cell holding several option lists (项目类别 and 单位类型) singles out
        # one option in each: marked list by list, one paragraph at a time.
        text = "\n".join(_emphasis_marked(para) for para in paragraphs)
    return normalise_checkbox_glyphs(text)


def _emphasis_marked(pieces: list[_Piece]) -> str:
    """The pieces' text with the option set apart by emphasis (or left alone by strike-through)
    marked ☑ and the other options ☐; unchanged unless exactly one option is set apart."""
    text = "".join(t for t, _ in pieces)
    if any(flags for _, flags in pieces):
        masks = [[bool(flags & bit) for t, flags in pieces for _ in t]
                 for bit in (BOLD, UNDERLINED, HIGHLIGHTED, COLOURED, BORDERED, DOTTED)]
        text = emphasis_to_glyphs(text, masks, known_options())
        for bit in (STRUCK, GREYED):
            # Struck through, or set in grey (灰色字体: the options that do not apply greyed
            # out): the one option left as it was is the choice.
            if any(flags & bit for _, flags in pieces) and len(text) == len(masks[0]):
                text = struck_to_glyphs(text, [bool(flags & bit) for t, flags in pieces for _ in t], known_options())
        if text == "".join(t for t, _ in pieces) and any(flags & STRUCK for _, flags in pieces):
            # Struck through by hand (删除线, no tracked change) is withdrawn: a revised form's
            # last amount before the new one (10万元8万元 with 10万元 struck) is no part of it.
            kept = "".join(t for t, flags in pieces if not flags & STRUCK)
            if kept.strip():
                text = kept
    return text


def _emphasised_runs(root: etree._Element) -> dict[etree._Element, int]:
    """Runs set in bold, underlined, highlighted, struck, coloured or framed by direct
    formatting, with their bits; a highlight or shading dark enough to fill a □ adds DARK."""
    found: dict[etree._Element, int] = {}
    for bit, runs in ((BOLD, _BOLD_RUNS(root)), (UNDERLINED, _UNDERLINED_RUNS(root)),
                      (HIGHLIGHTED, _HIGHLIGHTED_RUNS(root)), (STRUCK, _STRUCK_RUNS(root)),
                      (COLOURED, _COLOURED_RUNS(root)), (BORDERED, _BORDERED_RUNS(root)),
                      (DOTTED, _DOTTED_RUNS(root))):
        for r in runs:
            found[r] = found.get(r, 0) | bit
            if bit == HIGHLIGHTED and _dark_behind(r):
                found[r] |= DARK
            if bit == COLOURED and _grey_text(r):
                found[r] |= GREYED
    return found


def _dark_behind(r: etree._Element) -> bool:
    """Whether the run's shading or highlight is black or nearly (a □ on it prints filled)."""
    rpr = r.find(RPR)
    if rpr is None:
        return False
    highlight = rpr.find(_w("highlight"))
    if highlight is not None and highlight.get(W_VAL) in ("black", "darkBlue", "darkGray"):
        return True
    shd = rpr.find(_w("shd"))
    fill = shd.get(_w("fill"), "") if shd is not None else ""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", fill):
        return False
    red, green, blue = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * red + 0.587 * green + 0.114 * blue < 80


def _grey_text(r: etree._Element) -> bool:
    """Whether the run's font colour is a grey (808080, A6A6A6, BFBFBF…): red, green and blue
    within a few steps of each other, neither near black nor near white."""
    colour = r.find(f"{RPR}/{_w('color')}")
    value = colour.get(W_VAL, "") if colour is not None else ""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return False
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return max(red, green, blue) - min(red, green, blue) <= 16 and 0x50 <= red <= 0xE8


def enclosed_glyph(code: str) -> str | None:
    """What an enclosed character's field shows (eq \\o\\ac(□,√)): ☑ for a tick or a cross in
    its enclosure, ☐ for an empty box, else the enclosed character itself; None for any other
    field code."""
    m = _ENCLOSED_RE.fullmatch(code)
    if m is None:
        return None
    frame, inner = m.group(1), m.group(2).strip()
    if any(ch in inner for ch in "√✓✔×✗xX☑☒■●"):
        return CHOSEN
    if not inner:
        return UNCHOSEN if frame in UNCHOSEN_MARKS else ""
    return inner


def _sdt_checkbox(sdt: etree._Element) -> bool | None:
    """The state of a w14:checkbox content control, or None when the sdt is not one.

    What the control shows wins over its w14:checked: Word displays and prints the box's
    glyph, and a form filled by a program (or a box copied and typed over) can show ☑ with
    the state still 0. The state decides only when the control shows no box glyph."""
    box = sdt.find(f"{SDT_PR}/{W14_CHECKBOX}")
    if box is None:
        return None
    shown = _shown_checkbox(sdt, box)
    if shown is not None:
        return shown
    checked = box.find(W14_CHECKED)
    return checked is not None and _bool_attr(checked, f"{{{W14}}}val")


def _shown_checkbox(sdt: etree._Element, box: etree._Element) -> bool | None:
    """True/False when the control's content shows a chosen/unchosen box glyph (its own
    checkedState/uncheckedState characters, or any known mark), else None."""
    content = sdt.find(SDT_CONTENT)
    if content is None:
        return None
    text = "".join(t.text or "" for t in content.iter(T)).strip()
    if not text:
        return None

    def state_char(tag: str) -> str:
        state = box.find(f"{{{W14}}}{tag}")
        code = state.get(f"{{{W14}}}val") if state is not None else None
        try:
            return chr(int(code, 16)) if code else ""
        except (ValueError, OverflowError):  # not hex, or past the last code point
            return ""

    on, off = state_char("checkedState"), state_char("uncheckedState")
    if (on and on in text) or any(ch in CHOSEN_MARKS for ch in text):
        return not (off and off in text)
    if (off and off in text) or any(ch in UNCHOSEN_MARKS for ch in text):
        return False
    return None


def _form_checkbox(fld_char: etree._Element) -> bool | None:
    """State of a legacy FORMCHECKBOX (w:ffData/w:checkBox), or None if not one.

    w:checked wins over w:default; a bare <w:checked/> means true (old Word omits w:val when ticked)."""
    box = fld_char.find(f"{_w('ffData')}/{_w('checkBox')}")
    if box is None:
        return None
    checked = box.find(_w("checked"))
    if checked is not None:
        return _bool_attr(checked)
    default = box.find(_w("default"))
    return default is not None and _bool_attr(default)


# Microsoft Forms 2.0 controls a template may carry as ActiveX objects (w:object/w:control):
# CheckBox and OptionButton, whose property bag (word/activeX/activeXN.xml) holds the option's
# Caption and its Value (1 when ticked). [MS-OFORMS] 2.2.1.
_FORMS_CHOICE_CLASSES = frozenset({"{8BD21D40-EC42-11CE-9E0D-00AA006002A5}", "{8BD21D50-EC42-11CE-9E0D-00AA006002A5}"})
_AX = "http://schemas.microsoft.com/office/2006/activeX"


def activex_choice(xml: bytes) -> str | None:
    """☑Caption / ☐Caption for a Forms 2.0 check box or option button's ActiveX part, else
    None (another control, no caption, a part that does not parse)."""
    try:
        root = parse_xml_safely(xml)
    except UnreadableFile:
        return None
    if root.get(f"{{{_AX}}}classid", "").upper() not in _FORMS_CHOICE_CLASSES:
        return None
    props = {p.get(f"{{{_AX}}}name"): p.get(f"{{{_AX}}}value", "") for p in root.iter(f"{{{_AX}}}ocxPr")}
    caption = (props.get("Caption") or "").strip()
    if not caption:
        return None
    return checkbox_state_to_glyph(props.get("Value", "").strip() == "1") + caption


def _form_dropdown(fld_char: etree._Element) -> str | None:
    """The chosen entry of a legacy FORMDROPDOWN (Word stores no result text for it)."""
    dd = fld_char.find(f"{_w('ffData')}/{_w('ddList')}")
    if dd is None:
        return None
    entries = [e.get(W_VAL, "") for e in dd.findall(_w("listEntry"))]
    chosen = dd.find(_w("result"))
    if chosen is None:
        chosen = dd.find(_w("default"))
    try:
        index = int(chosen.get(W_VAL, "0")) if chosen is not None else 0
    except ValueError:
        index = 0
    return entries[index] if 0 <= index < len(entries) else ""


def _symbol_text(font: str | None, text: str) -> str:
    """Map checkbox characters typed in a symbol font (or stored in the PUA) to ☑/☐.

    Other characters of a Wingdings run are pictures, not letters, so they are dropped."""
    symbol_font = symbol_font_name(font) is not None
    if not symbol_font and not any("\uf000" <= ch <= "\uf0ff" for ch in text):
        return text
    out = []
    for ch in text:
        glyph = symbol_char_to_glyph(font, ord(ch))
        if glyph:
            out.append(glyph)
        elif not symbol_font or ch.isspace():
            out.append(ch)
    return "".join(out)


# An option circled with a drawn ellipse (插入 → 形状 → 椭圆, no fill, placed over the option):
# the ellipse is anchored in the run before the circled text and placed relative to that
# character. Its place is then known from the text alone; an ellipse placed relative to the
# page, column or paragraph would need the page laid out, and is left unread.
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_O = "urn:schemas-microsoft-com:office:office"  # VML's Office namespace: o:OLEObject
MAX_SHEET_OBJECTS = 8  # embedded worksheet objects read from one document
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _anchored_at_character(drawing: etree._Element) -> etree._Element | None:
    """The drawing's wp:anchor when it is placed relative to the character where it stands
    (its place then follows from the text alone), else None."""
    anchor = drawing.find(f"{{{_WP}}}anchor")
    if anchor is None:
        return None
    position = anchor.find(f"{{{_WP}}}positionH")
    return anchor if position is not None and position.get("relativeFrom") == "character" else None


def circles_what_follows(drawing: etree._Element) -> bool:
    """Whether a w:drawing is an unfilled ellipse anchored at (and placed relative to) the
    character where it stands: a ring drawn around the text that follows."""
    anchor = _anchored_at_character(drawing)
    if anchor is None:
        return False
    for shape in anchor.iter(f"{{{_WPS}}}spPr"):
        geometry = shape.find(f"{{{_A}}}prstGeom")
        if geometry is not None and geometry.get("prst") == "ellipse" and shape.find(f"{{{_A}}}noFill") is not None:
            return True
    return False


_TICKS = frozenset("√✓✔☑")
_BOX_AHEAD_RE = re.compile(r"\s*([□☐口])")
_BOX_GLYPHS = frozenset("□☐")
_BOX_IN_TEXT_RE = re.compile(r"[□☐]")


def ticks_what_follows(drawing: etree._Element) -> bool:
    """Whether a w:drawing is a small text box holding only a tick, or a tick drawn with the
    freeform tool, anchored at (and placed relative to) the character where it stands: a √ laid
    over the template's □ that follows (how a √ gets onto a printed □ without retyping the
    template)."""
    anchor = _anchored_at_character(drawing)
    if anchor is None:
        return False
    boxes = list(drawing.iter(TXBX))
    if not boxes:
        return _drawn_tick(anchor)
    return len(boxes) == 1 and "".join(t.text or "" for t in boxes[0].iter(T)).strip() in _TICKS


_TICK_MAX_EMU = 457200  # half an inch: a tick over a box, not a drawing of the page


def _drawn_tick(anchor: etree._Element) -> bool:
    """Whether an anchored shape is a tick drawn with the freeform tool (任意多边形): a small
    unfilled custom shape whose one path is an open stroke of two or three segments."""
    extent = anchor.find(f"{{{_WP}}}extent")
    try:
        if extent is None or max(int(extent.get("cx", "")), int(extent.get("cy", ""))) > _TICK_MAX_EMU:
            return False
    except ValueError:
        return False
    shapes = list(anchor.iter(f"{{{_WPS}}}spPr"))
    if len(shapes) != 1 or shapes[0].find(f"{{{_A}}}noFill") is None:
        return False
    paths = list(shapes[0].iter(f"{{{_A}}}path"))
    if len(paths) != 1 or paths[0].find(f"{{{_A}}}close") is not None:
        return False
    steps = [el for el in paths[0] if el.tag in (f"{{{_A}}}lnTo", f"{{{_A}}}cubicBezTo", f"{{{_A}}}quadBezTo")]
    return 2 <= len(steps) <= 3


def iter_text_boxes(el: etree._Element) -> Iterator[etree._Element]:
    """w:txbxContent elements under `el`, skipping mc:Fallback copies and boxes nested in
    boxes (those are read with their outer box)."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag == FALLBACK:
            continue
        if child.tag == TXBX:
            yield child
        elif child.tag == ALT:
            choice = child.find(CHOICE)
            target = choice if choice is not None else child.find(FALLBACK)
            if target is not None:
                yield from iter_text_boxes(target)
        else:
            yield from iter_text_boxes(child)


# --------------------------------------------------------------------------- walker


@dataclass
class _Walker:
    include_hidden: bool = False
    hidden_runs: set[etree._Element] = field(default_factory=set)
    symbol_runs: dict[etree._Element, str] = field(default_factory=dict)
    emphasis: dict[etree._Element, int] = field(default_factory=dict)  # run → BOLD | UNDERLINED | HIGHLIGHTED | STRUCK | COLOURED
    rows: list[Row] = field(default_factory=list)
    tables: int = 0
    paragraphs: int = 0
    boxes: int = 0
    has_revisions: bool = False
    tick_over_next_box: bool = False  # a floating √ met; the next □ in the text is its box
    pictures: Callable[[str], bytes | None] | None = None  # relationship id → picture bytes
    bullets: dict[tuple[str, str], str] = field(default_factory=dict)  # (numId, ilvl) → ☑/☐ bullet
    embedded: Callable[[str], bytes | None] | None = None  # relationship id → embedded package bytes
    sheets: list[list[list[str]]] = field(default_factory=list)  # embedded sheets met, not yet put out
    sheets_read: dict[str, list[list[str]]] = field(default_factory=dict)  # relationship id → its rows
    sheet_objects: int = 0  # sheet objects met so far (MAX_SHEET_OBJECTS are read)
    chunk_depth: int = 0  # 1 inside a document imported by w:altChunk (whose own chunks are not read)
    field_code: list[str] | None = None  # the instruction of the complex field being read

    # -- inline content ------------------------------------------------------

    def paragraph_pieces(self, p: etree._Element, pending: list[etree._Element]) -> list[_Piece]:
        """Text of one paragraph; text boxes met on the way are appended to `pending`."""
        parts: list[_Piece] = []
        if self.bullets:
            bullet = self.bullets.get(_list_level(p))
            if bullet is not None:
                parts.append((bullet, 0))
        self._inline(p, parts, pending)
        # A floating √ with no □ after it in its paragraph marks nothing that can be told.
        self.tick_over_next_box = False
        return parts

    def _inline(self, el: etree._Element, out: list[_Piece], pending: list[etree._Element]) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == R:
                self._run(child, out, pending)
            elif tag == FLD_SIMPLE and (glyph := enclosed_glyph(child.get(W_INSTR, ""))) is not None:
                out.append((glyph, 0))
            elif tag in _INLINE_WRAPPERS:
                if tag in _REVISION_TAGS:
                    self.has_revisions = True
                self._inline(child, out, pending)
            elif tag in (DEL, MOVE_FROM):
                self.has_revisions = True  # deleted text is not part of the form
            elif tag == SDT:
                state = _sdt_checkbox(child)
                if state is not None:
                    out.append((checkbox_state_to_glyph(state), 0))
                else:
                    content = child.find(SDT_CONTENT)
                    if content is not None:
                        self._inline(content, out, pending)
            elif tag == ALT:
                choice = child.find(CHOICE)
                if choice is not None:
                    self._inline(choice, out, pending)
            elif tag == f"{{{M}}}oMath" or tag == f"{{{M}}}oMathPara":
                out.extend((t.text or "", 0) for t in child.iter(f"{{{M}}}t"))
            elif tag == PPR:
                mark = child.find(RPR)  # a tracked paragraph mark
                if mark is not None and (mark.find(INS) is not None or mark.find(DEL) is not None):
                    self.has_revisions = True

    def _field_char(self, fld_char: etree._Element, out: list[_Piece]) -> None:
        """Collect a complex field's code from its begin to its separator or end; an enclosed
        character's field (enclosed_glyph) gives its glyph there."""
        kind = fld_char.get(FLD_CHAR_TYPE)
        if kind == "begin":
            self.field_code = []
        elif kind in ("separate", "end") and self.field_code is not None:
            glyph = enclosed_glyph("".join(self.field_code))
            self.field_code = None
            if glyph is not None:
                out.append((glyph, 0))

    def _run(self, r: etree._Element, out: list[_Piece], pending: list[etree._Element]) -> None:
        if r in self.hidden_runs and not self.include_hidden:
            return
        font = self.symbol_runs.get(r)
        flags = self.emphasis.get(r, 0)
        for child in r:
            tag = child.tag
            if tag == T:
                text = _symbol_text(font, child.text or "")
                if self.tick_over_next_box and text.strip():
                    self.tick_over_next_box = False
                    box = _BOX_AHEAD_RE.match(text)
                    # The √ lies on the □ it stands before; with no □ there, it marks what follows.
                    text = text[: box.start(1)] + CHOSEN + text[box.end(1):] if box else CHOSEN + text
                if flags & DARK and _BOX_IN_TEXT_RE.search(text):
                    # 字符底纹 in black over the template's □: it prints as a filled square.
                    text = _BOX_IN_TEXT_RE.sub(CHOSEN, text)
                out.append((text, flags))
            elif tag == TAB or tag == PTAB:
                out.append((" ", flags))
            elif tag == BR or tag == CR:
                out.append(("\n", 0))
            elif tag == NO_BREAK_HYPHEN:
                out.append(("-", flags))
            elif tag == SYM:
                glyph = self._sym(child, font)
                if self.tick_over_next_box and glyph.strip():
                    self.tick_over_next_box = False
                    glyph = CHOSEN if glyph in _BOX_GLYPHS else CHOSEN + glyph
                out.append((glyph, 0))
            elif tag == FLD_CHAR:
                self._field_char(child, out)
                state = _form_checkbox(child)
                if state is not None:
                    out.append((checkbox_state_to_glyph(state), 0))
                else:
                    out.append((_form_dropdown(child) or "", flags))
            elif tag == INSTR_TEXT and self.field_code is not None:
                self.field_code.append(child.text or "")
            elif tag == DEL_TEXT:
                self.has_revisions = True
            elif tag in (DRAWING, PICT, OBJECT):
                chosen = self.activex(child) if tag == OBJECT else None
                if chosen is not None:
                    out.append((chosen, 0))
                    continue  # its picture is only the control's face
                if tag == OBJECT and self.sheet_object(child):
                    continue  # its picture only shows the sheet read from the embedded workbook
                pictured = self.box_picture(child) if tag == DRAWING else None
                if pictured is not None:
                    out.append((pictured, 0))
                    continue
                if tag == DRAWING and circles_what_follows(child):
                    out.append((CHOSEN, 0))
                if tag == DRAWING and (ticks_what_follows(child) or self.tick_picture(child)):
                    self.tick_over_next_box = True
                    continue  # the box's √ is read in place, not as a text box of its own
                pending.extend(iter_text_boxes(child))
            elif tag == ALT:
                choice = child.find(CHOICE)  # mc:Fallback repeats the same box as VML
                if choice is not None and any(circles_what_follows(d) for d in choice.iter(DRAWING)):
                    out.append((CHOSEN, 0))
                if choice is not None and any(ticks_what_follows(d) for d in choice.iter(DRAWING)):
                    self.tick_over_next_box = True
                    continue
                pending.extend(iter_text_boxes(choice if choice is not None else child))

    def activex(self, obj: etree._Element) -> str | None:
        """☑Caption / ☐Caption for an ActiveX check box or option button (activex_choice)."""
        control = obj.find(_w("control"))
        rid = control.get(f"{{{R_NS}}}id") if control is not None else None
        part = self.pictures(rid) if rid and self.pictures is not None else None
        return activex_choice(part) if part is not None else None

    def sheet_object(self, obj: etree._Element) -> bool:
        """Whether a w:object is an embedded Excel worksheet whose cells could be read: its rows
        wait in `sheets` for the end of the paragraph holding it (sheet_objects.sheet_rows)."""
        ole = obj.find(f"{{{_O}}}OLEObject")
        if ole is None or not is_sheet_object(ole.get("ProgID")) or self.embedded is None:
            return False
        rid = ole.get(f"{{{R_NS}}}id")
        self.sheet_objects += 1
        if not rid or self.sheet_objects > MAX_SHEET_OBJECTS:
            return False  # a form holds one or two; hundreds pointing at one workbook are a bomb
        if rid not in self.sheets_read:
            package = self.embedded(rid)
            self.sheets_read[rid] = sheet_rows(package) if package is not None else []
        rows = self.sheets_read[rid]
        if rows:
            self.sheets.append(rows)
        return bool(rows)

    def sheet_rows_out(self) -> None:
        """The rows of the sheets met in the last paragraph, as table rows after it."""
        for rows in self.sheets:
            self.tables += 1
            for r, row in enumerate(rows, start=1):
                cells = tuple(Cell(text=text, where=f"表{self.tables}（嵌入的Excel表格） 第{r}行第{c}列")
                              for c, text in enumerate(row, start=1) if text)
                if cells:
                    self.rows.append(Row(cells=cells, source="table"))
        self.sheets.clear()

    def tick_picture(self, drawing: etree._Element) -> bool:
        """Whether a w:drawing is a picture of a tick (a PNG pasted in, floating in front of the
        text) anchored at and placed relative to the character where it stands: a √ laid over
        the □ that follows, like a drawn tick (`ticks_what_follows`). A tick placed relative to
        the column or the paragraph would need the page laid out, and is left unread."""
        anchor = _anchored_at_character(drawing)
        if anchor is None or anchor.get("behindDoc") in ("1", "true"):
            return False
        image = self.small_picture(anchor, _TICK_MAX_EMU)
        return image is not None and is_tick_picture(image)

    def box_picture(self, drawing: etree._Element) -> str | None:
        """☑/☐ for an inline picture of a checkbox (extractors.box_pictures), else None."""
        inline = drawing.find(f"{{{_WP}}}inline")
        image = self.small_picture(inline, MAX_SIDE_EMU) if inline is not None else None
        return box_glyph(image) if image is not None else None

    def small_picture(self, holder: etree._Element, max_side: int) -> bytes | None:
        """The picture file a wp:inline or wp:anchor shows, when drawn at most `max_side` EMU
        a side; None otherwise (or without the package's pictures)."""
        if self.pictures is None:
            return None
        extent = holder.find(f"{{{_WP}}}extent")
        try:
            if extent is None or max(int(extent.get("cx", "")), int(extent.get("cy", ""))) > max_side:
                return None
        except ValueError:
            return None
        blip = next(holder.iter(f"{{{_A}}}blip"), None)
        rid = blip.get(f"{{{R_NS}}}embed") if blip is not None else None
        return self.pictures(rid) if rid else None

    @staticmethod
    def _sym(sym: etree._Element, run_font: str | None) -> str:
        try:
            code = int(sym.get(_w("char"), ""), 16)
        except ValueError:
            return ""
        glyph = symbol_char_to_glyph(sym.get(_w("font")) or run_font, code)
        return glyph or ""

    # -- blocks --------------------------------------------------------------

    def iter_blocks(self, container: etree._Element) -> Iterator[etree._Element]:
        """Paragraphs and tables of a block container, through sdt/customXml wrappers."""
        for child in container:
            tag = child.tag
            if tag in (P, TBL, ALT_CHUNK):
                yield child
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.iter_blocks(content)
            elif tag in _BLOCK_WRAPPERS:
                if tag in _REVISION_TAGS:
                    self.has_revisions = True
                yield from self.iter_blocks(child)
            elif tag == ALT:
                choice = child.find(CHOICE)
                if choice is not None:
                    yield from self.iter_blocks(choice)

    def body(self, body: etree._Element) -> None:
        frames: list[_Frame] = []
        for block in self.iter_blocks(body):
            if block.tag == ALT_CHUNK:
                if frames:
                    self.placed_frames(frames)
                    frames = []
                self.alt_chunk(block)
                continue
            if block.tag != P:
                if frames:
                    self.placed_frames(frames)
                    frames = []
                self.table(block)
                continue
            self.paragraphs += 1
            if frames and _breaks_page(block):
                # Frames are placed on their own page: a page's frames are not read with the next's.
                self.placed_frames(frames)
                frames = []
            pending: list[etree._Element] = []
            text = trim_padding(styled_text([self.paragraph_pieces(block, pending)]))
            where = f"段落{self.paragraphs}"
            place = frame_place(block)
            if place is not None:
                if frames and frames[-1].place == place:
                    # Paragraphs with one frame's settings share that frame (Word draws them as one).
                    frames[-1] = _Frame(place, "\n".join(filter(None, (frames[-1].text, text))), frames[-1].where)
                else:
                    frames.append(_Frame(place, text, where))
            elif text:
                if frames:
                    self.placed_frames(frames)
                    frames = []
                self.rows.append(Row(cells=(Cell(text=text, where=where),), source="paragraph"))
            # LibreOffice saves a frame as a text box placed on the page: read it with the frames.
            placed = [(box, at) for box in pending if (at := box_place(box)) is not None and not _holds_blocks(box)]
            for box, at in placed:
                self.boxes += 1
                frames.append(_Frame(at, self.box_text(box), f"文本框{self.boxes}"))
            self.text_boxes([box for box in pending if all(box is not b for b, _ in placed)])
            self.sheet_rows_out()
        if frames:
            self.placed_frames(frames)
        self.sheet_rows_out()  # sheets met in the last frames: after them, not lost

    def alt_chunk(self, chunk: etree._Element) -> None:
        """A document imported whole by w:altChunk (Word merges it in when it opens the file;
        the package keeps it apart, word/afchunk1.docx): a Word document's rows are read in
        its place, its cells' places marked as the imported document's. An HTML or RTF chunk,
        or a chunk inside a chunk, is not read."""
        rid = chunk.get(f"{{{R_NS}}}id")
        data = self.embedded(rid) if self.embedded is not None and rid else None
        if data is None or self.chunk_depth >= 1 or not data.startswith(b"PK"):
            return
        try:
            inner = docx_to_doctext(data, "", "", include_hidden=self.include_hidden, chunk_depth=self.chunk_depth + 1)
        except UnreadableFile:
            return
        self.has_revisions = self.has_revisions or inner.has_revisions
        self.rows.extend(row.model_copy(update={"cells": tuple(
            c.model_copy(update={"where": f"导入的文档 {c.where}"}) for c in row.cells)}) for row in inner.rows)

    def box_text(self, box: etree._Element) -> str:
        """The text of a text box placed with the frames (its own paragraphs only)."""
        ignored: list[etree._Element] = []
        return trim_padding(styled_text([self.paragraph_pieces(p, ignored)
                                         for p in self.iter_blocks(box) if p.tag == P]))

    def placed_frames(self, frames: list[_Frame]) -> None:
        """Frames placed on the page (a PDF-to-Word converter's output: every label and every
        value a frame, the labels' written before all the values'): read in the order the page
        shows them, top to bottom, and frames side by side as one row's cells."""
        shown = sorted((f for f in frames if f.text), key=lambda f: (f.place.y, f.place.x))
        line: list[_Frame] = []
        for frame in [*shown, None]:
            if line and (frame is None or frame.place.y - line[0].place.y > _SAME_LINE_TWIPS):
                cells = tuple(Cell(text=f.text, where=f.where) for f in sorted(line, key=lambda f: f.place.x))
                self.rows.append(Row(cells=cells, source="table" if len(cells) > 1 else "paragraph"))
                line = []
            if frame is not None:
                line.append(frame)

    def text_boxes(self, boxes: list[etree._Element]) -> None:
        for box in boxes:
            self.boxes += 1
            where = f"文本框{self.boxes}"
            nested: list[etree._Element] = []
            paragraphs: list[list[_Piece]] = []
            for block in self.iter_blocks(box):
                if block.tag == P:
                    paragraphs.append(self.paragraph_pieces(block, nested))
                else:
                    nested.append(block)
            text = trim_padding(styled_text(paragraphs))
            if text:
                self.rows.append(Row(cells=(Cell(text=text, where=where),), source="paragraph"))
            for item in nested:
                if item.tag == TBL:
                    self.table(item)
                else:
                    self.text_boxes([item])

    def iter_table_rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        for child in tbl:
            if child.tag == TR:
                yield child
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.iter_table_rows(content)
            elif child.tag in _BLOCK_WRAPPERS:
                if child.tag in _REVISION_TAGS:
                    self.has_revisions = True
                yield from self.iter_table_rows(child)

    def iter_row_cells(self, tr: etree._Element) -> Iterator[etree._Element]:
        for child in tr:
            if child.tag == TC:
                yield child
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.iter_row_cells(content)
            elif child.tag in _BLOCK_WRAPPERS:
                yield from self.iter_row_cells(child)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        for r_index, tr in enumerate(self.iter_table_rows(tbl), start=1):
            if tr.find(f"{_w('trPr')}/{DEL}") is not None:
                self.has_revisions = True
                continue  # a deleted row
            cells: list[Cell] = []
            followers: list[etree._Element] = []  # nested tables and text boxes, in order
            column = _grid_before(tr)
            for tc in self.iter_row_cells(tr):
                span = _grid_span(tc)
                text = self.cell_text(tc, followers)
                if not (_is_merge_continuation(tc) and not text):
                    cells.append(Cell(text=text, where=f"表{number} 第{r_index}行第{column + 1}列"))
                column += span
            if any(c.text for c in cells):
                self.rows.append(Row(cells=tuple(cells), source="table"))
            # A sheet object in a cell (一、基本情况 and the object in one cell): its rows
            # after the row holding it, before anything read later.
            self.sheet_rows_out()
            for item in followers:
                if item.tag == TBL:
                    self.table(item)
                else:
                    self.text_boxes([item])

    def cell_text(self, tc: etree._Element, followers: list[etree._Element]) -> str:
        paragraphs: list[list[_Piece]] = []
        for block in self.iter_blocks(tc):
            if block.tag == P:
                paragraphs.append(self.paragraph_pieces(block, followers))
            else:
                followers.append(block)
        return trim_padding(styled_text(paragraphs))


_GRID_SPAN_PATH = f"{TCPR}/{_w('gridSpan')}"


def _grid_span(tc: etree._Element) -> int:
    span = tc.find(_GRID_SPAN_PATH)
    try:
        return max(1, int(span.get(W_VAL, "1"))) if span is not None else 1
    except ValueError:
        return 1


def _grid_before(tr: etree._Element) -> int:
    before = tr.find(f"{_w('trPr')}/{_w('gridBefore')}")
    try:
        return max(0, int(before.get(W_VAL, "0"))) if before is not None else 0
    except ValueError:
        return 0


def _list_level(p: etree._Element) -> tuple[str, str]:
    """(numId, ilvl) of a paragraph in a list by its own w:numPr; ("", "") otherwise."""
    num_pr = p.find(f"{PPR}/{_w('numPr')}")
    if num_pr is None:
        return "", ""
    num_id, ilvl = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
    return ((num_id.get(W_VAL, "") if num_id is not None else ""),
            (ilvl.get(W_VAL, "0") if ilvl is not None else "0"))


def _is_merge_continuation(tc: etree._Element) -> bool:
    """True for the lower part of a vertical merge (or a legacy horizontal merge)."""
    pr = tc.find(TCPR)
    if pr is None:
        return False
    v = pr.find(_w("vMerge"))
    if v is not None and v.get(W_VAL, "continue") == "continue":
        return True
    h = pr.find(_w("hMerge"))
    return h is not None and h.get(W_VAL, "continue") == "continue"


# --------------------------------------------------------------------------- list bullets

# A list's bullet that is a box or a tick: an option list typed as a bulleted list whose chosen
# option's bullet is ☑ (the glyph sits in numbering.xml's w:lvlText, not in the text).
_BULLET_MARKS = {**{ch: UNCHOSEN for ch in "□☐"}, **{ch: CHOSEN for ch in "☑☒■√✓✔"}}
_MAX_NUMBERING_BYTES = 2_000_000


def numbering_marks(data: bytes, part: str) -> dict[tuple[str, str], str]:
    """(numId, ilvl) → ☑/☐ for the list levels whose bullet is a box or a tick, from the
    package's numbering part (a Wingdings bullet mapped as in a run); {} when there is none."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            name = posixpath.join(posixpath.dirname(part), "numbering.xml")
            info = zf.getinfo(name)
            if info.file_size > _MAX_NUMBERING_BYTES:
                return {}
            root = parse_xml_safely(zf.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, UnreadableFile, etree.XMLSyntaxError):
        return {}
    levels: dict[tuple[str, str], str] = {}
    for abstract in root.iter(_w("abstractNum")):
        aid = abstract.get(_w("abstractNumId"), "")
        for lvl in abstract.iter(_w("lvl")):
            text_el = lvl.find(_w("lvlText"))
            text = (text_el.get(W_VAL) or "") if text_el is not None else ""
            if len(text) != 1:
                continue
            fonts = lvl.find(f"{RPR}/{RFONTS}")
            font = next((fonts.get(a) for a in _FONT_ATTRS if fonts is not None and fonts.get(a)), None)
            glyph = symbol_char_to_glyph(font, ord(text)) or _BULLET_MARKS.get(text)
            if glyph is not None:
                levels[(aid, lvl.get(_w("ilvl"), "0"))] = glyph
    marks: dict[tuple[str, str], str] = {}
    for num in root.iter(_w("num")):
        ref = num.find(_w("abstractNumId"))
        aid = ref.get(W_VAL, "") if ref is not None else ""
        for (level_aid, ilvl), glyph in levels.items():
            if level_aid == aid:
                marks[(num.get(_w("numId"), ""), ilvl)] = glyph
    return marks


# --------------------------------------------------------------------------- entry point


def docx_to_doctext(data: bytes, name: str, sha256: str, *,
                    include_hidden: bool = False, kind: str = "docx", chunk_depth: int = 0) -> DocText:
    """Read a .docx (any OOXML WordprocessingML package) into a DocText of kind `kind`
    ("docx"; pass the original kind, e.g. "doc", when `data` came from convert.to_docx).

    Raises UnreadableFile with a Chinese reason for non-zip bytes (an old .doc, an encrypted
    OOXML file), a zip that is not a Word document (.xlsx), or a damaged package. Hidden
    (w:vanish) text, usually 填写说明, is skipped unless `include_hidden`."""
    part, xml = read_main_part(data)
    root = parse_xml_safely(xml)
    body = root.find(_w("body"))
    if body is None:
        raise UnreadableFile(READ_ERROR)
    walker = _Walker(include_hidden=include_hidden, symbol_runs=_symbol_font_runs(body),
                     hidden_runs=set() if include_hidden else set(_HIDDEN_RUNS(body)),
                     emphasis=_emphasised_runs(body), pictures=picture_reader(data, part),
                     bullets=numbering_marks(data, part),
                     embedded=picture_reader(data, part, limit=MAX_PACKAGE_BYTES), chunk_depth=chunk_depth)
    walker.body(body)
    return DocText(file=name, sha256=sha256, kind=kind, rows=tuple(walker.rows),
                   has_revisions=walker.has_revisions)

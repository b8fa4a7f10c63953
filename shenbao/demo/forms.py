"""Realistic 申报书 forms, generated as real .docx and text .pdf bytes.

The demo workspace and the tests across the project use this module to build the forms
a unit would send: cover page, 填报说明, 一、基本情况 table in one of four layouts,
二、项目内容, 三、预期目标, 四、经费预算 with a 合计 row, 五、申报单位意见 and
六、市州科协审核意见 boxes.

Both renderers draw the same intermediate document (`Block`s), so a .docx and a .pdf
built from one `FormSpec` carry the same text in the same table structure.

Contracts:
- `build_docx(spec)` and `build_pdf(spec)` are deterministic: the same spec always gives
  the same bytes (zip entry times and PDF ids are pinned), so demo messages keep their
  sha256 across runs.
- Every value of the spec appears verbatim in the document text. In the PDF a long value
  may wrap onto several lines, and pdfplumber reports U+3000 as a plain space.
- `example_spec(**changes)` gives a complete valid form for tests to vary.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.document import Document as DocxDocument
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.table import _Cell
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

Layout = Literal["grid4", "two_col_spaced", "inline_colon", "vertical"]
CheckboxStyle = Literal["ballot", "square", "tick", "paren"]

CATEGORY_ITEMS: dict[str, tuple[str, ...]] = {
    "科技创新服务能力建设项目": (
        "学术交流", "科技创新联盟建设", "“科创中国”试点城市建设",
        "“科创中国”湖南中心建设与运营", "学会服务站建设",
    ),
    "学会自身能力建设项目": (
        "创新工程专业职称评审", "学会制度机制建设", "省级学会网站管理平台", "高校科协交流机制建设",
    ),
}
SUBCATEGORIES: tuple[str, ...] = tuple(i for items in CATEGORY_ITEMS.values() for i in items)
APPLICANT_TYPES: tuple[str, ...] = ("省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他")

# Fixed dates so that the bytes do not depend on when the demo is built.
_PINNED = datetime(2024, 3, 15, 9, 0, 0)


@dataclass(frozen=True)
class BudgetLine:
    item: str  # 支出科目
    amount: str  # as typed, in the table's unit
    basis: str = ""  # 测算依据及说明


@dataclass(frozen=True)
class FormSpec:
    """Everything one 申报书 says. Text fields are as the unit typed them.

    `applicant_type` None means the form has no 单位类型 row at all (some templates omit
    it). `leader_phone` "" leaves the 手机 cell empty (a missing required field).
    `partner_orgs` non-empty makes a joint application; `lead_org` None then lists the
    units without saying which one leads."""

    project_name: str
    subcategory: str
    applicant_org: str
    applicant_type: str | None
    leader_name: str
    leader_phone: str
    contact_name: str
    contact_phone: str
    contact_email: str
    funding: str  # e.g. "8万元", "80000元", "捌万元整（￥80,000.00）"
    period: str  # e.g. "2024年3月—2024年12月"
    approval_text: str
    city_review_text: str = ""
    lead_org: str | None = None
    partner_orgs: tuple[str, ...] = ()
    leader_title: str = "秘书长"
    address: str = "长沙市岳麓区麓山南路1号"
    postcode: str = "410012"
    budget_unit: Literal["万元", "元"] = "万元"
    budget_lines: tuple[BudgetLine, ...] = ()
    budget_total: str = ""
    content: tuple[str, ...] = ()  # 二、项目内容 paragraphs
    goals: tuple[str, ...] = ()  # 三、预期目标与考核指标 lines
    layout: Layout = "grid4"
    checkbox: CheckboxStyle = "ballot"
    filled_on: str = "2024年4月"  # 申报日期 on the cover
    signed_on: str = "2024年4月20日"  # date under the 申报单位意见 box

    def __post_init__(self) -> None:
        if self.subcategory not in SUBCATEGORIES:
            raise ValueError(f"unknown subcategory {self.subcategory!r}")
        if self.applicant_type is not None and self.applicant_type not in APPLICANT_TYPES:
            raise ValueError(f"unknown applicant type {self.applicant_type!r}")

    @property
    def category(self) -> str:
        return next(c for c, items in CATEGORY_ITEMS.items() if self.subcategory in items)


# --------------------------------------------------------------------------- document model

@dataclass(frozen=True)
class Cell:
    text: str  # "\n" separates paragraphs inside the cell
    span: int = 1
    shade: bool = False


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]  # relative column widths
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Para:
    text: str
    style: Literal["title", "heading", "body", "center", "right", "note"] = "body"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Table | Para | PageBreak


def _box(chosen: bool, label: str, style: CheckboxStyle) -> str:
    if style == "paren":
        return f"{label}（√）" if chosen else f"{label}（  ）"
    mark = {"ballot": "☑", "square": "■", "tick": "√"}[style]
    return f"{mark if chosen else '□'}{label}"


def category_text(spec: FormSpec) -> str:
    """The 项目类别 cell: both categories with their items, the chosen one marked."""
    lines: list[str] = []
    for category, items in CATEGORY_ITEMS.items():
        lines.append(f"{category}：")
        lines.append("  ".join(_box(i == spec.subcategory, i, spec.checkbox) for i in items))
    return "\n".join(lines)


def type_text(spec: FormSpec) -> str:
    return "  ".join(_box(t == spec.applicant_type, t, spec.checkbox) for t in APPLICANT_TYPES)


def joint_text(spec: FormSpec) -> str:
    """The 联合申报 line; empty when the application is not joint."""
    if not spec.partner_orgs:
        return ""
    if spec.lead_org:
        return f"牵头单位：{spec.lead_org}；参与单位：{'、'.join(spec.partner_orgs)}"
    return f"联合申报单位：{'、'.join((spec.applicant_org, *spec.partner_orgs))}"


def _spaced(label: str) -> str:
    # Templates pad short labels with ideographic spaces: 项目名称 → 项　目　名　称.
    return "　".join(label) if len(label) <= 5 else label


def _basic_table(spec: FormSpec) -> Table:
    joint = joint_text(spec)
    if spec.layout == "grid4":
        rows: list[tuple[Cell, ...]] = [
            (Cell("项目名称"), Cell(spec.project_name, 3)),
            (Cell("项目类别"), Cell(category_text(spec), 3)),
            (Cell("申报单位"), Cell(spec.applicant_org, 3)),
        ]
        if spec.applicant_type is not None:
            rows.append((Cell("单位类型"), Cell(type_text(spec), 3)))
        if joint:
            rows.append((Cell("联合申报"), Cell(joint, 3)))
        rows += [
            (Cell("通讯地址"), Cell(spec.address), Cell("邮政编码"), Cell(spec.postcode)),
            (Cell("项目负责人"), Cell(spec.leader_name), Cell("职务/职称"), Cell(spec.leader_title)),
            (Cell("负责人手机"), Cell(spec.leader_phone), Cell("联 系 人"), Cell(spec.contact_name)),
            (Cell("联系电话"), Cell(spec.contact_phone), Cell("电子邮箱"), Cell(spec.contact_email)),
            (Cell("申请经费"), Cell(spec.funding), Cell("起止时间"), Cell(spec.period)),
            (Cell("备　　注"), Cell("", 3)),
        ]
        return Table((1.2, 2.2, 1.0, 1.8), tuple(rows))
    if spec.layout == "two_col_spaced":
        pairs = [("项目名称", spec.project_name), ("项目类别", category_text(spec)),
                 ("申报单位", spec.applicant_org)]
        if spec.applicant_type is not None:
            pairs.append(("单位性质", type_text(spec)))
        if joint:
            pairs.append(("联合申报", joint))
        pairs += [("通讯地址", f"{spec.address}（{spec.postcode}）"), ("项目负责人", spec.leader_name),
                  ("职务职称", spec.leader_title), ("手机", spec.leader_phone),
                  ("联系人", spec.contact_name), ("联系电话", spec.contact_phone),
                  ("电子邮箱", spec.contact_email), ("申请金额（万元）" if _bare(spec.funding) else "申请金额", spec.funding),
                  ("实施期限", spec.period)]
        rows = [(Cell("一、项目基本情况", 2, shade=True),)]
        rows += [(Cell(_spaced(k)), Cell(v)) for k, v in pairs]
        return Table((1.3, 4.2), tuple(rows))
    if spec.layout == "inline_colon":
        funding_label = "申请经费（万元）" if _bare(spec.funding) else "申请经费"
        rows = [
            (Cell(f"项目名称：{spec.project_name}", 2),),
            (Cell(f"项目类别：{category_text(spec)}", 2),),
            (Cell(f"申报单位：{spec.applicant_org}", 2),),
        ]
        if spec.applicant_type is not None:
            rows.append((Cell(f"单位类型：{type_text(spec)}", 2),))
        if joint:
            rows.append((Cell(joint, 2),))
        rows += [
            (Cell(f"项目负责人：{spec.leader_name}"), Cell(f"职务/职称：{spec.leader_title}")),
            (Cell(f"手机：{spec.leader_phone}"), Cell(f"通讯地址：{spec.address}")),
            (Cell(f"联系人：{spec.contact_name}"), Cell(f"联系电话：{spec.contact_phone}")),
            (Cell(f"电子邮箱：{spec.contact_email}"), Cell(f"邮编：{spec.postcode}")),
            (Cell(f"{funding_label}：{spec.funding}"), Cell(f"项目周期：{spec.period}")),
        ]
        return Table((1.0, 1.0), tuple(rows))
    # vertical: one column, label row above value row, people packed into one cell.
    pairs = [("项目名称", spec.project_name), ("项目类别", category_text(spec)),
             ("申报单位", spec.applicant_org)]
    if spec.applicant_type is not None:
        pairs.append(("单位类型", type_text(spec)))
    if joint:
        pairs.append(("联合申报", joint))
    pairs += [
        ("项目负责人", f"姓名：{spec.leader_name}　　职务/职称：{spec.leader_title}　　手机：{spec.leader_phone}"),
        ("项目联系人", f"姓名：{spec.contact_name}　　电话：{spec.contact_phone}　　邮箱：{spec.contact_email}"),
        ("申请经费", spec.funding), ("项目实施时间", spec.period),
    ]
    rows = []
    for k, v in pairs:
        rows += [(Cell(k, shade=True),), (Cell(v),)]
    return Table((1.0,), tuple(rows))


def _bare(funding: str) -> bool:
    """A bare number (8, 8.0) carries its unit in the label."""
    return re.fullmatch(r"\d+(\.\d+)?", funding.strip()) is not None


def _budget_table(spec: FormSpec) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (Cell("序号"), Cell("支出科目"), Cell(f"金额（{spec.budget_unit}）"), Cell("测算依据及说明")),
    ]
    rows += [(Cell(str(i)), Cell(b.item), Cell(b.amount), Cell(b.basis))
             for i, b in enumerate(spec.budget_lines, 1)]
    rows.append((Cell("合　计", 2), Cell(spec.budget_total), Cell("")))
    return Table((0.6, 2.0, 1.2, 2.2), tuple(rows))


INSTRUCTIONS: tuple[str, ...] = (
    "1.本申报书适用于2024年度湖南省科协科技创新服务能力提升计划项目申报。",
    "2.申报书各栏目须如实填写，表内各项不能表述清楚的部分，可添加附页。",
    "3.“项目类别”请在相应的“□”内打“√”，每份申报书只能选择一个项目类别。",
    "4.申请经费以万元为单位，精确到小数点后一位。",
    "5.两个以上单位联合申报的，须注明牵头单位和参与单位。",
    "6.企业（园区）科协和其他单位申报，须经所在市州科协审核并签署意见。",
    "7.申报书用A4纸双面打印，一式3份，加盖申报单位公章后寄送；电子版发送至指定邮箱。",
)


def spec_to_blocks(spec: FormSpec) -> tuple[Block, ...]:
    """The whole form as renderer-neutral blocks, in reading order."""
    cover = Table((1.3, 3.0), (
        (Cell("项目名称："), Cell(spec.project_name)),
        (Cell("申报单位（盖章）："), Cell(spec.applicant_org)),
        (Cell("项目负责人："), Cell(spec.leader_name)),
        (Cell("联系电话："), Cell(spec.leader_phone)),
        (Cell("申报日期："), Cell(spec.filled_on)),
    ))
    approval = "\n".join((spec.approval_text, "", "单位负责人（签字）：", "", "申报单位（盖章）", spec.signed_on))
    review = "\n".join(("（企业（园区）科协、其他单位须经所在市州科协审核）", spec.city_review_text, "",
                        "市州科协（盖章）", "年　　月　　日" if not spec.city_review_text else spec.signed_on))
    return (
        Para("附件2-2", "body"),
        Para("2024年度湖南省科协科技创新服务能力", "title"),
        Para("提升计划项目申报书", "title"),
        cover,
        Para("湖南省科学技术协会制", "center"),
        Para("二〇二四年三月", "center"),
        PageBreak(),
        Para("填 报 说 明", "title"),
        *(Para(line, "body") for line in INSTRUCTIONS),
        PageBreak(),
        # The spaced two-column template carries its section title in its first table row.
        *(() if spec.layout == "two_col_spaced" else (Para("一、基本情况", "heading"),)),
        _basic_table(spec),
        Para("二、项目内容", "heading"),
        Table((1.0,), ((Cell("\n".join(spec.content)),),)),
        Para("三、预期目标与考核指标", "heading"),
        Table((1.0,), ((Cell("\n".join(spec.goals)),),)),
        Para("四、经费预算", "heading"),
        _budget_table(spec),
        Para("五、申报单位意见", "heading"),
        Table((1.0,), ((Cell(approval),),)),
        Para("六、市州科协审核意见", "heading"),
        Table((1.0,), ((Cell(review),),)),
    )


# --------------------------------------------------------------------------- .docx

def _set_east_asian_font(rpr: BaseOxmlElement, name: str = "宋体") -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def _shade(cell: _Cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "D9D9D9")
    tcpr.append(shd)


def build_docx(spec: FormSpec) -> bytes:
    """The form as .docx bytes: real tables, merged cells (gridSpan) where a value spans."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    _set_east_asian_font(normal.element.get_or_add_rPr())
    doc.core_properties.author = spec.contact_name
    doc.core_properties.title = "项目申报书"
    doc.core_properties.created = _PINNED
    doc.core_properties.modified = _PINNED
    doc.core_properties.last_modified_by = spec.contact_name
    section = doc.sections[0]  # the default template is US Letter; the form is A4
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    for block in spec_to_blocks(spec):
        if isinstance(block, PageBreak):
            doc.add_page_break()  # type: ignore[no-untyped-call]  # python-docx is untyped
        elif isinstance(block, Para):
            p = doc.add_paragraph()
            run = p.add_run(block.text)
            if block.style == "title":
                run.bold = True
                run.font.size = Pt(18)
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.style == "heading":
                run.bold = True
                run.font.size = Pt(12)
            elif block.style == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            _add_docx_table(doc, block)
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_ooxml(raw.getvalue())


_TEXT_WIDTH_CM = 16.0


def _add_docx_table(doc: DocxDocument, block: Table) -> None:
    ncols = len(block.widths)
    table = doc.add_table(rows=len(block.rows), cols=ncols)
    # Set the style id directly: python-docx's style lookup by name is slow per table.
    table._tbl.tblPr.style = "TableGrid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths)
    widths = [Cm(_TEXT_WIDTH_CM * w / total) for w in block.widths]
    for col, width in zip(table.columns, widths):
        col.width = width
    for tr, row in zip(table._tbl.tr_lst, block.rows):
        # Hold the row's cells before merging: table.cell() rescans the whole grid each call.
        tcs = [_Cell(tc, table) for tc in tr.tc_lst]
        col = 0
        for cell in row:
            target = tcs[col]
            for tc in tcs[col:col + cell.span]:
                tc.width = widths[tcs.index(tc)]
            if cell.span > 1:
                target = target.merge(tcs[col + cell.span - 1])
            lines = cell.text.split("\n")
            target.paragraphs[0].add_run(lines[0])
            for line in lines[1:]:
                target.add_paragraph(line)
            if cell.shade:
                _shade(target)
            col += cell.span


def normalise_ooxml(data: bytes) -> bytes:
    """Rewrite an OOXML zip with pinned entry times and core-property dates, so the same
    content always gives the same bytes (python-docx and openpyxl stamp the current time)."""
    out = io.BytesIO()
    stamp = _PINNED.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                text = re.sub(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rf"\g<1>{stamp}\g<2>", text)
                body = text.encode("utf-8")
            pinned = zipfile.ZipInfo(info.filename, date_time=_PINNED.timetuple()[:6])
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, body)
    return out.getvalue()


# --------------------------------------------------------------------------- .pdf

_FONT = "STSong-Light"
_FALLBACK = "DejaVuSans"
# Glyphs the built-in STSong-Light CID font lacks (they would be drawn as nothing and
# vanish from the text layer). They are drawn with a TrueType font when one is installed.
_MISSING_IN_CID = frozenset("☑☐✓✔·")
_FALLBACK_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/Library/Fonts/DejaVuSans.ttf"),
)
# Without a TrueType font, missing glyphs degrade to ones the CID font has.
_DEGRADE = {"☑": "√", "☐": "□", "✓": "√", "✔": "√", "·": "•"}


def _register_fonts() -> bool:
    """Register the CID font (always) and the fallback TTF (if found); True if the latter."""
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    if _FALLBACK in pdfmetrics.getRegisteredFontNames():
        return True
    for path in _FALLBACK_FILES:
        if path.exists():
            pdfmetrics.registerFont(TTFont(_FALLBACK, str(path)))
            return True
    return False


def _runs(text: str, have_fallback: bool) -> list[tuple[str, str]]:
    """Split text into (font, text) runs so each glyph is drawn by a font that has it."""
    runs: list[tuple[str, str]] = []
    for ch in text:
        if ch in _MISSING_IN_CID:
            font, ch = (_FALLBACK, ch) if have_fallback else (_FONT, _DEGRADE.get(ch, ch))
        else:
            font = _FONT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + ch)
        else:
            runs.append((font, ch))
    return runs


_NO_LINE_START = frozenset("”’）》」』，。、；：？！…%")


class _PdfWriter:
    """A tiny flowing layout on a reportlab canvas: paragraphs and ruled tables."""

    margin_x = 64.0
    top = A4[1] - 64.0
    bottom = 64.0
    pad = 4.0

    def __init__(self, canvas: Canvas, have_fallback: bool) -> None:
        self.c = canvas
        self.fallback = have_fallback
        self.y = self.top
        self.width = A4[0] - 2 * self.margin_x

    def text_width(self, text: str, size: float) -> float:
        return float(sum(pdfmetrics.stringWidth(t, f, size) for f, t in _runs(text, self.fallback)))

    def draw(self, x: float, y: float, text: str, size: float) -> None:
        for font, part in _runs(text, self.fallback):
            self.c.setFont(font, size)
            self.c.drawString(x, y, part)
            x += pdfmetrics.stringWidth(part, font, size)

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break text into lines that fit `width`: at spaces where the options of a
        checkbox list are separated, else between any two CJK characters, never putting
        closing punctuation at the start of a line."""
        lines: list[str] = []
        for para in text.split("\n"):
            line = ""
            for token in re.split(r"(\s+)", para):
                if not token:
                    continue
                if self.text_width(line + token, size) <= width:
                    line += token
                    continue
                if line.strip() and self.text_width(token, size) <= width:
                    lines.append(line.rstrip())
                    line = "" if token.isspace() else token
                    continue
                for ch in token:
                    if line and ch not in _NO_LINE_START and self.text_width(line + ch, size) > width:
                        lines.append(line.rstrip())
                        line = ""
                    line += ch
            lines.append(line.rstrip())
        return lines

    def new_page(self) -> None:
        self.c.showPage()
        self.y = self.top

    def para(self, block: Para) -> None:
        size = {"title": 18.0, "heading": 12.0}.get(block.style, 10.5)
        lead = size * 1.6
        for line in self.wrap(block.text, self.width, size):
            if self.y - lead < self.bottom:
                self.new_page()
            self.y -= lead
            w = self.text_width(line, size)
            x = self.margin_x
            if block.style in ("title", "center"):
                x += (self.width - w) / 2
            self.draw(x, self.y + size * 0.3, line, size)

    def table(self, block: Table) -> None:
        size, lead = 10.5, 15.0
        total = sum(block.widths)
        col_w = [self.width * w / total for w in block.widths]
        self.y -= 6
        for row in block.rows:
            spans: list[tuple[float, float, Cell, list[str]]] = []
            x, col = self.margin_x, 0
            for cell in row:
                w = sum(col_w[col:col + cell.span])
                spans.append((x, w, cell, self.wrap(cell.text, w - 2 * self.pad, size)))
                x += w
                col += cell.span
            height = max(len(lines) for *_, lines in spans) * lead + 2 * self.pad
            if self.y - height < self.bottom:
                self.new_page()
            for x, w, cell, lines in spans:
                if cell.shade:
                    self.c.setFillGray(0.85)
                    self.c.rect(x, self.y - height, w, height, stroke=0, fill=1)
                    self.c.setFillGray(0)
                self.c.rect(x, self.y - height, w, height, stroke=1, fill=0)
                for i, line in enumerate(lines):
                    self.draw(x + self.pad, self.y - self.pad - (i + 1) * lead + 4, line, size)
            self.y -= height
        self.y -= 6


def build_pdf(spec: FormSpec) -> bytes:
    """The form as a text PDF (as if printed from Word): every table drawn with ruling
    lines so table finders see the cells; text in the built-in STSong-Light CID font."""
    have_fallback = _register_fonts()
    raw = io.BytesIO()
    canvas = Canvas(raw, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle("项目申报书")
    canvas.setAuthor(spec.contact_name)
    canvas.setLineWidth(0.6)
    writer = _PdfWriter(canvas, have_fallback)
    for block in spec_to_blocks(spec):
        if isinstance(block, PageBreak):
            writer.new_page()
        elif isinstance(block, Para):
            writer.para(block)
        else:
            writer.table(block)
    canvas.save()
    return raw.getvalue()


@dataclass(frozen=True)
class Attachment:
    """A supporting file a unit sends alongside the form (专家名单, 建设方案 …)."""

    title: str
    lines: tuple[str, ...] = field(default_factory=tuple)


def build_attachment_docx(att: Attachment) -> bytes:
    """A plain supporting document: a title and some lines, no form structure."""
    doc = Document()
    doc.core_properties.created = _PINNED
    doc.core_properties.modified = _PINNED
    p = doc.add_paragraph()
    p.add_run(att.title).bold = True
    for line in att.lines:
        doc.add_paragraph(line)
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_ooxml(raw.getvalue())


def example_spec(**changes: object) -> FormSpec:
    """A complete, valid 学术交流 form by a 省级学会, for tests to vary one field at a time
    (`example_spec(leader_phone="")`, `example_spec(layout="vertical", checkbox="paren")`)."""
    base = FormSpec(
        project_name="湘江流域声景生态保护学术研讨会", subcategory="学术交流",
        applicant_org="湖南省示例声学学会", applicant_type="省级学会",
        leader_name="欧阳立新", leader_title="理事长", leader_phone="13907318826",
        contact_name="贺晓琳", contact_phone="0731-88762210", contact_email="hnsxxh@163.com",
        funding="8万元", period="2024年5月—2024年11月",
        approval_text="经学会第五届常务理事会第三次会议审议通过，同意申报。",
        budget_lines=(BudgetLine("会场及设备租赁费", "2", "会场2天"), BudgetLine("专家咨询费", "3", "院士及专家报告"),
                      BudgetLine("差旅费", "2", "外地专家交通住宿"), BudgetLine("资料印刷费", "1", "论文集")),
        budget_total="8",
        content=("一、项目背景。聚焦生态声学领域关键核心技术突破，推动学术交流嵌入产业链创新链。",
                 "二、主要内容。拟于2024年9月在岳阳举办，预计参会代表260人。"),
        goals=("1.举办高端学术活动1次，参会人数不少于200人；", "2.形成会议论文集1份。"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]

"""The register's sheets for paper: 打印 (the applications, evidence in a column, matching in
words) and 形式审查结果汇总表 (counts by what happens next, the refusals, signature lines); the
纸质件 sheet keeps the figures of a pairing beside its words."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from shenbao.outputs.print_sheet import _MOST_LINES, FONT_SIZE, PRINT_WIDTHS, _fit, _lines_in
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Fields, Finding, PaperMatch, Receipt, RegisterRow
from shenbao.validators.paper_match import PaperApp, match_receipts
from tests.outputs.rows import application_row, other_row, paper_only_row

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 5, 6, 9, 30, tzinfo=CST)
PRINT_HEADER = ["编号", "申报单位", "项目名称", "项目类别", "状态", "问题", "纸质件", "人工备注"]


def refused_row(row_id: str = "2024-0012") -> RegisterRow:
    return application_row(
        row_id, fields=application_row().fields.model_copy(update={"applicant_org": "长沙市某某协会",  # type: ignore[union-attr]
                                                                   "subcategory": "学会服务站建设"}),
        findings=(Finding(code="APPLICANT_NOT_ELIGIBLE", severity="error", field="applicant_type",
                          message="学会服务站建设项目只受理省级学会申报，本单位为市级协会"),
                  Finding(code="PAPER_MISSING", severity="warning", message="尚未收到纸质件")))


def rows() -> list[RegisterRow]:
    old = application_row("2024-0001", superseded_by="2024-0007",
                          findings=(Finding(code="SUPERSEDED", severity="info", message="已由2024-0007替代"),))
    fine = application_row("2024-0011", findings=())
    review = application_row("2024-0010", findings=(
        Finding(code="NEEDS_REVIEW", severity="warning", field="project_name", message="项目名称识别置信度低"),))
    return [old, application_row(), other_row(), paper_only_row(), review, fine, refused_row()]


def write(tmp_path: Path, register_rows: list[RegisterRow], **kwargs: object) -> Path:
    return write_register(register_rows, tmp_path / "register.xlsx", now=NOW, **kwargs)  # type: ignore[arg-type]


def sheet_lines(ws: Worksheet) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_print_sheet_has_eight_columns_of_current_applications(tmp_path: Path) -> None:
    ws = load_workbook(write(tmp_path, rows()))["打印"]
    lines = sheet_lines(ws)
    assert lines[1] == PRINT_HEADER
    assert "共5项申报" in str(lines[0][0])  # superseded and other mail are not printed
    assert [line[0] for line in lines[2:]] == ["2024-0007", "2024-0009", "2024-0010", "2024-0011", "2024-0012"]
    assert ws.print_title_rows == "$2:$2"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_print_sheet_writes_evidence_in_the_problems_column_not_in_comments(tmp_path: Path) -> None:
    ws = load_workbook(write(tmp_path, rows()))["打印"]
    line = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "2024-0007")
    values = {h: c.value for h, c in zip(PRINT_HEADER, line)}
    assert values["状态"] == "可补正"
    assert "申请经费12万元超出" in str(values["问题"]) and "原文“拾贰万元”" in str(values["问题"])
    assert "3份" in str(values["纸质件"]) and "P-031" in str(values["纸质件"])
    assert all(c.comment is None for row in ws.iter_rows() for c in row)
    for cell in line:
        assert cell.font.sz >= 9 and cell.alignment.wrap_text


def test_print_sheet_shows_staff_note_and_check_and_cuts_a_note_longer_than_a_page(tmp_path: Path) -> None:
    first = write(tmp_path, rows())
    wb = load_workbook(first)
    ws = wb["总表"]
    header = [c.value for c in ws[1]]
    at = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "2024-0011")
    ws.cell(at, header.index("人工备注") + 1).value = "已电话联系。" + "说明" * 400
    ws.cell(at, header.index("核对状态") + 1).value = "处理中"
    wb.save(first)
    ws = load_workbook(write(tmp_path, rows()))["打印"]
    line = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] == "2024-0011")
    note = str(line[PRINT_HEADER.index("人工备注")])
    assert note.startswith("【处理中】已电话联系。说明") and note.endswith("……（未完，全文见“总表”）")
    at = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "2024-0011")
    height = ws.row_dimensions[at].height
    assert height is not None and height <= 409


def test_print_widths_leave_the_text_at_least_nine_points_where_a_unit_is_seven_points() -> None:
    # LibreOffice without a Calibri-metric font: about 7 pt a width unit and 1 pt of padding a
    # column; fitted to 784 pt of A4 landscape, the text must stay at 9 pt or more.
    scale = min(1.0, 784 / (7.0 * sum(PRINT_WIDTHS.values()) + len(PRINT_WIDTHS)))
    assert FONT_SIZE * scale >= 9


def test_signoff_sheet_counts_each_item_by_outcome_and_lists_refusals(tmp_path: Path) -> None:
    ws = load_workbook(write(tmp_path, rows(), deadline=datetime(2024, 4, 30, 17, 0, tzinfo=CST)))["形式审查结果汇总表"]
    lines = sheet_lines(ws)
    assert lines[0][0] == "形式审查结果汇总表"
    header = next(i for i, line in enumerate(lines) if line[0] == "项目类别")
    assert lines[header][3:8] == ["申报数", "正常", "可补正", "需人工核对", "不予受理"]
    counts = {line[0]: line[3:8] for line in lines[header + 1:header + 5]}
    # After the deadline the funding problem of 2024-0007 is for staff (需人工核对), as on 总表.
    assert counts["学术交流"] == [3, 1, 0, 2, 0]
    assert counts["学会服务站建设"] == [1, 0, 0, 0, 1]
    assert counts["合计"] == [5, 1, 0, 2, 2]  # 2024-0009 (paper only, after the deadline) is refused
    refused_at = next(i for i, line in enumerate(lines) if line[0] == "编号")
    refused = {line[0]: line for line in lines[refused_at + 1:] if line[0] and str(line[0]).startswith("2024-")}
    assert set(refused) == {"2024-0009", "2024-0012"}
    assert refused["2024-0012"][4] == "学会服务站建设项目只受理省级学会申报，本单位为市级协会"
    assert refused["2024-0009"][4] == "收到纸质件但未收到电子版申报书"
    signers = [line[0] for line in lines if line[0] in ("审核人（签字）：", "复核人（签字）：")]
    assert signers == ["审核人（签字）：", "复核人（签字）："]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1


def test_signoff_sheet_before_the_deadline_leaves_paper_only_rows_out_and_says_so(tmp_path: Path) -> None:
    # Before the deadline a missing email is a reminder, and the receipt a 仅纸质件 row.
    waiting = paper_only_row(findings=(Finding(code="ELECTRONIC_MISSING", severity="warning",
                                               message="收到纸质件，尚未收到电子版申报书"),))
    current = [waiting if r.id == "2024-0009" else r for r in rows()]
    ws = load_workbook(write(tmp_path, current, deadline=datetime(2024, 5, 30, 17, 0, tzinfo=CST)))["形式审查结果汇总表"]
    lines = sheet_lines(ws)
    assert any(line[0] == "另有1项只收到纸质件、尚未收到电子版，未计入本表" for line in lines)
    total = next(line for line in lines if line[0] == "合计")
    assert total[3:8] == [4, 1, 1, 1, 1]
    assert not any(line[0] == "2024-0009" for line in lines)


def paired_rows() -> tuple[list[RegisterRow], list[Receipt]]:
    """Rows whose paper block and review finding come from the real matcher: 2024-0007 paired
    with P-031 (unit written short), 2024-0010 and 2024-0011 both candidates of P-032."""
    receipts = [
        Receipt(receipt_id="P-031", received_on=date(2024, 4, 30), applicant_org="省植保学会",
                project_name="湘江流域智慧植保技术高端学术论坛", copies=3, sheet="4月", row_number=5),
        Receipt(receipt_id="P-032", received_on=date(2024, 4, 30), applicant_org="湖南省茶叶学会",
                project_name="学术交流项目", copies=3, sheet="4月", row_number=6),
    ]
    apps = [PaperApp(key="A", register_id="2024-0007", applicant_org="湖南省植物保护学会",
                     project_name="湘江流域智慧植保技术高端学术论坛", received_at=datetime(2024, 4, 29, 8, tzinfo=CST)),
            PaperApp(key="B", register_id="2024-0010", applicant_org="湖南省茶叶学会",
                     project_name="黑茶产业高端学术论坛", received_at=datetime(2024, 4, 29, 8, tzinfo=CST)),
            PaperApp(key="C", register_id="2024-0011", applicant_org="湖南省茶叶学会",
                     project_name="红茶产业高端学术论坛", received_at=datetime(2024, 4, 29, 8, tzinfo=CST))]
    result = match_receipts(apps, receipts, copies_required=3, today=date(2024, 5, 6))
    out = []
    for app in apps:
        assert app.register_id is not None
        out.append(application_row(
            app.register_id, paper=result.matches[app.key], findings=result.findings[app.key],
            fields=Fields(applicant_org=app.applicant_org, project_name=app.project_name, subcategory="学术交流")))
    return out, receipts


def test_matching_is_explained_in_words_everywhere_and_in_figures_on_the_paper_sheet_only(tmp_path: Path) -> None:
    register_rows, receipts = paired_rows()
    wb = load_workbook(write(tmp_path, register_rows, receipts=receipts))
    for name, column in (("总表", "问题"), ("待处理", "问题"), ("打印", "问题"), ("打印", "纸质件")):
        ws = wb[name]
        row = 2 if name == "打印" else 1
        at = [c.value for c in ws[row]].index(column)
        texts = [str(r[at]) for r in ws.iter_rows(min_row=row + 1, values_only=True) if r[at]]
        assert texts and not any("×" in t for t in texts), name
        comments = [c.comment.text for r in ws.iter_rows() for c in r if c.comment is not None]
        assert not any("×" in t for t in comments), name
    printed = {r[0]: r for r in wb["打印"].iter_rows(min_row=3, values_only=True)}
    assert "P-031：单位名称相近（简称），项目名称相同，日期相符" in str(printed["2024-0007"][6])
    assert "P-032" in str(printed["2024-0010"][5]) and "单位名称相同，登记簿只写了类别名" in str(printed["2024-0010"][5])

    paper = wb["纸质件"]
    header = [c.value for c in paper[1]]
    assert header[-2:] == ["匹配说明", "匹配得分（计算过程）"]
    lines = {r[0]: r for r in paper.iter_rows(min_row=2, values_only=True)}
    words, figures = lines["P-031"][-2:]
    assert words == "P-031：单位名称相近（简称），项目名称相同，日期相符"
    assert str(figures).startswith("P-031：单位名称 0.74×0.6 + 项目名称 1.00×0.3 + 日期 1.00×0.1")
    words, figures = lines["P-032"][-2:]
    assert "候选" in str(words) and "×" not in str(words)
    assert "P-032：(单位名称 1.00×0.6 + 日期 1.00×0.1) ÷ 0.7" in str(figures)


def _fit_one_character_at_a_time(text: str, width: float, cut: str) -> str:
    """The plain definition _fit must agree with."""
    if _lines_in(text, width) <= _MOST_LINES:
        return text
    kept = ""
    for ch in text:
        if _lines_in(kept + ch + cut, width) > _MOST_LINES:
            break
        kept += ch
    return kept.rstrip() + cut


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["湖南省科协", "PAPER", " ", "\n", "，", "学术交流活动", "a", "【得分】0.74"]),
                min_size=60, max_size=300).map("".join), st.sampled_from([6.0, 12.5, 30.0]))
@example("学术交流活动" * 100, 6.0)
@example("湖南省科协\n" * 40, 30.0)
def test_a_long_cell_is_cut_where_the_plain_definition_cuts_it(text: str, width: float) -> None:
    if _lines_in(text, width) > _MOST_LINES:
        event("cut")
    assert _fit(text, width, "…（见核对表）") == _fit_one_character_at_a_time(text, width, "…（见核对表）")

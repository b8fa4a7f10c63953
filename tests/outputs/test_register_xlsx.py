from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from shenbao.outputs import register_xlsx
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Fields, Finding, LedgerProblem, PaperMatch, Receipt, RegisterRow
from tests.outputs.rows import FORM_SHA, application_row, other_row, paper_only_row

NOW = datetime(2024, 5, 6, 9, 30, tzinfo=timezone(timedelta(hours=8)))
HEADER = ["编号", "状态", "收件时间", "申报单位", "单位类型", "项目名称", "项目类别", "申请经费（万元）", "负责人",
          "联系电话", "纸质件份数", "纸质件收到日期", "问题", "附件", "发件人", "邮件主题", "人工备注", "核对状态"]
HOSTILE = ['=HYPERLINK("http://x","点我")', "+1", "-2", "@SUM(A1)", "\t=1", "a\x0bb", "a\udcc4b", "a\ufffeb"]


def review_row(row_id: str = "2024-0010") -> RegisterRow:
    return application_row(
        row_id,
        findings=(Finding(code="NEEDS_REVIEW", severity="warning", field="project_name",
                          message="项目名称识别置信度低，请人工核对"),),
    )


def ok_row(row_id: str = "2024-0011") -> RegisterRow:
    return application_row(row_id, findings=())


def superseded_row(row_id: str = "2024-0001") -> RegisterRow:
    return application_row(
        row_id, superseded_by="2024-0007",
        findings=(Finding(code="SUPERSEDED", severity="info", message="已由2024-0007替代"),),
    )


def hostile_row(row_id: str = "2024-0012") -> RegisterRow:
    return application_row(
        row_id,
        subject=HOSTILE[0],
        sender="-2",
        fields=Fields(project_name=HOSTILE[1], applicant_org=HOSTILE[2], applicant_type=HOSTILE[3],
                      leader_name=HOSTILE[4], leader_phone=HOSTILE[5], subcategory=HOSTILE[6],
                      contact_email=HOSTILE[7]),
        findings=(Finding(code="MISSING_FIELD", severity="error", field="funding_wan", message="=缺少申请经费\udcc4"),),
        other_reason="a\ufffeb",
    )


def all_rows() -> list[RegisterRow]:
    return [superseded_row(), application_row(), other_row(), paper_only_row(), review_row(), ok_row(), hostile_row()]


def write(tmp_path: Path, rows: Sequence[RegisterRow], **kwargs: object) -> Path:
    options: dict[str, object] = {
        "receipts": [
            Receipt(receipt_id="P-031", received_on=date(2024, 4, 30), postmarked_on=date(2024, 4, 28),
                    applicant_org="湖南省某某学会", project_name="青年科技工作者学术交流大会", copies=3,
                    handler="王五", sheet="4月", row_number=5),
            Receipt(receipt_id="P-099", received_on=date(2024, 5, 2), applicant_org="不明单位", copies=1,
                    sheet="5月", row_number=2),
        ],
        "ledger_problems": [LedgerProblem(sheet="5月", row_number=7, message="份数不是数字：“三”")],
        "quotas": {"学术交流": ("10个左右", 10), "学会服务站建设": ("15个左右", 15)},
        "deadline_notice": "电子版截止时间：2024年4月30日17:00",
        "now": NOW,
    }
    options.update(kwargs)
    return write_register(rows, tmp_path / "register.xlsx", **options)  # type: ignore[arg-type]


def open_book(path: Path) -> Workbook:
    return load_workbook(path)


def column(ws: Worksheet, title: str) -> int:
    return [c.value for c in ws[1]].index(title) + 1


def line_of(ws: Worksheet, row_id: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == row_id:
            return r
    raise AssertionError(f"{row_id} not on {ws.title}")


def test_workbook_has_every_sheet_and_the_main_columns_in_order(tmp_path: Path) -> None:
    wb = open_book(write(tmp_path, all_rows()))
    assert wb.sheetnames == ["总表", "待处理", "核对", "统计", "纸质件", "其他邮件", "变更", "打印", "形式审查结果汇总表",
                             "说明"]
    assert [c.value for c in wb["总表"][1]] == HEADER
    assert [c.value for c in wb["待处理"][1]] == HEADER
    assert [wb["总表"].cell(r, 1).value for r in range(2, 9)] == [
        "2024-0001", "2024-0007", "2024-0008", "2024-0009", "2024-0010", "2024-0011", "2024-0012"]


def test_status_is_in_chinese_with_its_fill_colour(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["总表"]
    status = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(2, ws.max_row + 1)}
    assert {k: c.value for k, c in status.items()} == {
        "2024-0001": "已被替代", "2024-0007": "可补正", "2024-0008": "其他邮件", "2024-0009": "不予受理",
        "2024-0010": "需人工核对", "2024-0011": "正常", "2024-0012": "可补正",
    }
    assert status["2024-0007"].fill.start_color.rgb == "00F8CBAD"
    assert status["2024-0011"].fill.start_color.rgb == "00C6EFCE"
    legend = open_book(tmp_path / "register.xlsx")["说明"]
    fills = {c.value: c.fill.start_color.rgb for c in legend["A"] if c.value in {"可补正", "正常"}}
    assert fills == {"可补正": "00F8CBAD", "正常": "00C6EFCE"}


def test_flagged_cell_is_filled_and_carries_its_evidence_as_a_comment(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["总表"]
    cell = ws.cell(line_of(ws, "2024-0007"), column(ws, "申请经费（万元）"))
    assert cell.value == 12
    assert cell.fill.start_color.rgb == "00FADBD8"
    assert cell.comment is not None
    text = cell.comment.text
    assert "申请经费12万元超出学术交流项目5—10万元/个的范围" in text
    assert "申报书.docx" in text and "表1 第9行第2列" in text and "拾贰万元" in text
    problems = ws.cell(line_of(ws, "2024-0007"), column(ws, "问题")).value
    assert problems == "1.【错误】申请经费12万元超出学术交流项目5—10万元/个的范围"
    unflagged = ws.cell(line_of(ws, "2024-0011"), column(ws, "申请经费（万元）"))
    assert unflagged.comment is None


def test_finding_without_a_field_marks_the_cell_it_is_about(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["总表"]
    cell = ws.cell(line_of(ws, "2024-0009"), column(ws, "附件"))
    assert cell.comment is not None and "未收到电子版" in cell.comment.text


def test_no_cell_anywhere_is_a_formula_and_hostile_text_reads_back_literally(tmp_path: Path) -> None:
    wb = open_book(write(tmp_path, all_rows()))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    ws = wb["总表"]
    r = line_of(ws, "2024-0012")
    assert ws.cell(r, column(ws, "邮件主题")).value == '\'=HYPERLINK("http://x","点我")'
    assert ws.cell(r, column(ws, "项目名称")).value == "'+1"
    assert ws.cell(r, column(ws, "申报单位")).value == "'-2"
    assert ws.cell(r, column(ws, "单位类型")).value == "'@SUM(A1)"
    assert ws.cell(r, column(ws, "负责人")).value == "'\t=1"
    assert ws.cell(r, column(ws, "联系电话")).value == "ab"
    assert ws.cell(r, column(ws, "项目类别")).value == "ab"
    assert ws.cell(r, column(ws, "发件人")).value == "'-2"
    assert "缺少申请经费" in ws.cell(r, column(ws, "问题")).value


def test_ids_and_phone_numbers_are_text_and_dates_are_real_dates(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["总表"]
    r = line_of(ws, "2024-0007")
    phone = ws.cell(r, column(ws, "联系电话"))
    assert phone.number_format == "@" and phone.value.startswith("13800138000")
    assert "07318456789" in phone.value  # leading zero kept: text, never a number
    assert ws.cell(r, 1).number_format == "@"
    received = ws.cell(r, column(ws, "收件时间"))
    assert received.value == datetime(2024, 4, 29, 16, 2, 11)  # 08:02 UTC shown at +08:00
    assert received.is_date
    paper_day = ws.cell(r, column(ws, "纸质件收到日期"))
    assert paper_day.is_date and paper_day.value == datetime(2024, 4, 30)


def test_long_digit_strings_stay_exactly_as_given(tmp_path: Path) -> None:
    row = application_row("2024-0020", fields=Fields(leader_phone="110101199003077777", applicant_org="某单位"))
    ws = open_book(write(tmp_path, [row]))["总表"]
    assert ws.cell(2, column(ws, "联系电话")).value == "110101199003077777"


def test_print_and_view_settings_suit_staff(tmp_path: Path) -> None:
    wb = open_book(write(tmp_path, all_rows()))
    for name in ("总表", "待处理", "纸质件", "其他邮件", "变更", "统计"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape", name
        assert str(ws.page_setup.paperSize) == Worksheet.PAPERSIZE_A4, name
        assert ws.print_title_rows is not None, name
        assert "&P" in ws.oddFooter.center.text, name
    main = wb["总表"]
    assert main.print_title_rows == "$1:$1"
    assert main.freeze_panes == "C2"
    assert main.auto_filter.ref == "A1:R8"
    assert "2024年4月30日" in main.oddHeader.center.text
    assert main.column_dimensions["A"].width >= 10
    assert main.column_dimensions["F"].width > main.column_dimensions["A"].width  # fitted to 项目名称
    assert all(main.column_dimensions[c].width <= 60 for c in "ABCDEFGHIJKLMNOPQR")
    assert main.cell(2, column(main, "问题")).alignment.wrap_text


def test_attachment_cell_links_to_the_stored_form_inside_the_data_folder(tmp_path: Path) -> None:
    stored = tmp_path / "files" / "aa" / f"{FORM_SHA}.docx"
    outside = tmp_path.parent / "elsewhere.docx"
    rows = [application_row(), application_row("2024-0030", files=application_row().files[1:])]
    links = {FORM_SHA: stored, rows[1].files[0].sha256: outside}
    ws = open_book(write(tmp_path, rows, file_links=links))["总表"]
    cell = ws.cell(line_of(ws, "2024-0007"), column(ws, "附件"))
    assert cell.hyperlink is not None
    assert cell.hyperlink.target == f"files/aa/{FORM_SHA}.docx"
    assert "申报书.docx" in cell.value
    assert ws.cell(line_of(ws, "2024-0030"), column(ws, "附件")).hyperlink is None


def test_pending_sheet_lists_reviews_then_fixable_then_refused_and_skips_superseded_and_other(
    tmp_path: Path,
) -> None:
    ws = open_book(write(tmp_path, all_rows()))["待处理"]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    # 0010 only staff can settle; 0007 and 0012 the applicant can fix; 0009 (no email by the
    # deadline) is refused.
    assert ids == ["2024-0010", "2024-0007", "2024-0012", "2024-0009"]


def test_stats_count_applications_and_funding_per_item_against_the_guide(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["统计"]
    lines = {r[0]: r for r in ws.iter_rows(values_only=True) if r and r[0]}
    # electronic applications: 0007 (fixable), 0010 (review), 0011 (ok), 0012 (item unreadable);
    # 0009 is paper only and not counted
    assert lines["学术交流"][1:9] == ("10个左右", 3, 0, 3, 1, 1, 36, None)
    assert lines["学会服务站建设"][1:5] == ("15个左右", 0, 0, 0)
    assert lines["省级学会"][1] == 3
    assert lines["逾期"][1] == 0
    assert lines["材料不全或缺项"][1] == 2  # 0009 ELECTRONIC_MISSING, 0012 MISSING_FIELD
    assert lines["其他邮件"][1] == 1 and lines["已被替代"][1] == 1


def test_paper_sheet_lists_every_ledger_row_with_its_match_and_the_ledger_problems(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["纸质件"]
    values = [r for r in ws.iter_rows(values_only=True)]
    by_id = {r[0]: r for r in values}
    assert "2024-0007" in by_id["P-031"][9]
    assert "单位名称一致" in by_id["P-031"][11]
    assert by_id["P-099"][10] == "未匹配到电子版申报"
    assert any(r[1] == "份数不是数字：“三”" for r in values)


def test_other_sheet_gives_the_reason(tmp_path: Path) -> None:
    ws = open_book(write(tmp_path, all_rows()))["其他邮件"]
    assert [c.value for c in ws[2]][0] == "2024-0008"
    assert [c.value for c in ws[2]][4] == "咨询邮件，没有申报材料"


def test_staff_columns_survive_a_rewrite_and_changes_are_listed(tmp_path: Path) -> None:
    first = write(tmp_path, [application_row(), ok_row(), paper_only_row(paper=PaperMatch(copies=1))])
    wb = load_workbook(first)
    ws = wb["总表"]
    ws.cell(line_of(ws, "2024-0007"), column(ws, "人工备注")).value = "已电话通知补正"
    ws.cell(line_of(ws, "2024-0007"), column(ws, "核对状态")).value = "已核对"
    ws.cell(line_of(ws, "2024-0011"), column(ws, "人工备注")).value = "0731-1234"
    wb.save(first)

    later = [application_row(), review_row("2024-0011"), paper_only_row(), other_row("2024-0013")]
    second = write(tmp_path, later)
    assert second == first
    ws = load_workbook(second)["总表"]
    assert ws.cell(line_of(ws, "2024-0007"), column(ws, "人工备注")).value == "已电话通知补正"
    assert ws.cell(line_of(ws, "2024-0007"), column(ws, "核对状态")).value == "已核对"
    assert ws.cell(line_of(ws, "2024-0011"), column(ws, "人工备注")).value == "0731-1234"
    changes = [r for r in load_workbook(second)["变更"].iter_rows(min_row=2, values_only=True)]
    assert ("2024-0013", "新增", None, "其他邮件") == changes[-1][:4] or any(
        c[:4] == ("2024-0013", "新增", None, "其他邮件") for c in changes)
    assert ("2024-0011", "状态变化", "正常", "需人工核对") in [c[:4] for c in changes]
    assert ("2024-0009", "新收纸质件", "1份", "3份") in [c[:4] for c in changes]
    assert not any(c[0] == "2024-0007" for c in changes)


def test_notes_of_a_vanished_row_are_copied_to_the_changes_sheet(tmp_path: Path) -> None:
    first = write(tmp_path, [application_row(), ok_row()])
    wb = load_workbook(first)
    ws = wb["总表"]
    ws.cell(line_of(ws, "2024-0011"), column(ws, "人工备注")).value = "单位说会重发"
    wb.save(first)
    second = write(tmp_path, [application_row()])
    changes = [r for r in load_workbook(second)["变更"].iter_rows(min_row=2, values_only=True)]
    gone = [c for c in changes if c[0] == "2024-0011"]
    assert gone and gone[0][1] == "前次有、本次没有" and "单位说会重发" in gone[0][4]


def test_first_register_says_there_is_nothing_to_compare(tmp_path: Path) -> None:
    changes = [r for r in open_book(write(tmp_path, [ok_row()]))["变更"].iter_rows(min_row=2, values_only=True)]
    assert changes == [(None, None, None, None, "没有前次登记表，无法比较；本表为首次生成。")]


def test_an_unreadable_previous_register_is_reported_not_fatal(tmp_path: Path) -> None:
    broken = tmp_path / "old.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    out = write(tmp_path, [ok_row()], previous=broken)
    note = load_workbook(out)["变更"].cell(2, 5).value
    assert note.startswith("前次登记表无法读取")


def test_a_dated_copy_is_kept_beside_the_register(tmp_path: Path) -> None:
    out = write(tmp_path, [ok_row()])
    dated = tmp_path / "register-2024-05-06.xlsx"
    assert dated.read_bytes() == out.read_bytes()
    write(tmp_path, [ok_row(), application_row()])
    assert load_workbook(dated)["总表"].max_row == 3  # overwritten within the day
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register-2024-05-06.xlsx", "register.xlsx"]


def test_a_read_only_register_is_left_alone_and_the_new_one_written_beside_it(tmp_path: Path) -> None:
    first = write(tmp_path, [ok_row()])
    before = first.read_bytes()
    first.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        out = write(tmp_path, [ok_row(), application_row()])
    finally:
        first.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert out == tmp_path / "register-20240506-093000.xlsx"
    assert first.read_bytes() == before
    assert load_workbook(out)["总表"].max_row == 3


def test_a_failing_replace_writes_beside_the_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = write(tmp_path, [ok_row()])
    real_replace = os.replace

    def locked(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst) == first:
            raise PermissionError(13, "文件正被其他程序使用")
        real_replace(src, dst)

    monkeypatch.setattr(register_xlsx.os, "replace", locked)
    out = write(tmp_path, [ok_row(), application_row()])
    assert out.name == "register-20240506-093000.xlsx"
    assert load_workbook(first)["总表"].max_row == 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shenbao-tmp-")]


def test_an_office_lock_file_means_the_register_is_open_elsewhere(tmp_path: Path) -> None:
    first = write(tmp_path, [ok_row()])
    (tmp_path / ".~lock.register.xlsx#").write_text("someone,on,a-pc")
    out = write(tmp_path, [ok_row()])
    assert out != first and out.parent == tmp_path


def test_a_crash_while_saving_leaves_the_previous_register_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write(tmp_path, [ok_row()])
    before = first.read_bytes()

    real_save = Workbook.save

    def crash(self: Workbook, filename: str) -> None:
        real_save(self, filename)  # closes the write-only streams, then the disk "fills up"
        data = Path(filename).read_bytes()
        Path(filename).write_bytes(data[: len(data) // 2])
        raise OSError("磁盘已满")

    monkeypatch.setattr(Workbook, "save", crash)
    with pytest.raises(OSError):
        write(tmp_path, [ok_row(), application_row()])
    assert first.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shenbao-tmp-")]


def test_an_empty_register_is_still_a_complete_workbook(tmp_path: Path) -> None:
    wb = open_book(write(tmp_path, [], receipts=[], ledger_problems=[]))
    assert [c.value for c in wb["总表"][1]] == HEADER
    assert wb["总表"].max_row == 1


def test_rows_with_wrapped_multi_line_text_are_tall_enough(tmp_path: Path) -> None:
    many = tuple(Finding(code="MISSING_FIELD", severity="error", field=None, message=f"缺少第{i}项") for i in range(4))
    ws = open_book(write(tmp_path, [application_row(findings=many), ok_row()]))["总表"]
    assert ws.row_dimensions[line_of(ws, "2024-0007")].height >= 60  # four problem lines
    single = open_book(write(tmp_path / "one", [application_row(fields=Fields(project_name="短"), files=(), findings=(), subject="短")]))["总表"]
    assert single.row_dimensions[2].height is None  # nothing wraps: Excel's default height


def test_notes_typed_on_the_pending_sheet_are_kept_too(tmp_path: Path) -> None:
    first = write(tmp_path, [application_row()])
    wb = load_workbook(first)
    pending = wb["待处理"]
    pending.cell(line_of(pending, "2024-0007"), column(pending, "人工备注")).value = "已发补正通知"
    main = wb["总表"]
    main.cell(line_of(main, "2024-0007"), column(main, "核对状态")).value = "处理中"  # not done: stays on 待处理
    wb.save(first)
    again = load_workbook(write(tmp_path, [application_row()]))
    for name in ("总表", "待处理"):
        ws = again[name]
        r = line_of(ws, "2024-0007")
        assert ws.cell(r, column(ws, "人工备注")).value == "已发补正通知"
        assert ws.cell(r, column(ws, "核对状态")).value == "处理中"


def test_an_ambiguous_receipt_names_its_candidate_instead_of_saying_unmatched(tmp_path: Path) -> None:
    doubt = Finding(code="NEEDS_REVIEW", severity="warning",
                    message="纸质件对应关系不确定，请核对。候选：P-099（不明单位，收件2024-05-02，1份）")
    rows = [application_row(), application_row("2024-0013", findings=(doubt,))]
    ws = open_book(write(tmp_path, rows))["纸质件"]
    by_id = {r[0]: r for r in ws.iter_rows(values_only=True)}
    assert by_id["P-099"][9] == "2024-0013"
    assert "不确定" in by_id["P-099"][10]
    assert "候选：P-099" in by_id["P-099"][11]

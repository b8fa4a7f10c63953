"""The staff's paper-receipt ledger is read the way people really type it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from shenbao.intake.ledger import (
    Decision, note_to_decision, parse_decisions, read_ledger, value_to_copies, value_to_date,
)
from shenbao.record import Receipt


def _messy_ledger(path: Path) -> Path:
    """A ledger with a merged title, header variants, extra columns, blank rows, text dates
    in many forms, an unreadable row, a row without 登记号 and a second sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "纸质件登记"
    ws.append(["2024年度科技创新服务能力提升计划项目 纸质件登记簿"])
    ws.merge_cells("A1:J1")
    ws.append([])
    ws.append(["序号", "登记号", "收到日期", "邮戳日期", "申报单位名称", "项目名称", "数量（份）",
               "经手人", "备注", "联系电话"])
    ws.append([1, "P-001", datetime(2024, 4, 10), "2024.4.9", "湖南省农学会", "种业蓝皮书编制", "3份",
               "刘慧", "EMS", "0731-88888888"])                                                  # row 4
    ws.append([2, "P-002", "4月28日", "2024/04/26", "湖南省药学会", "药学服务站建设", "三份", "杨青", None])  # 5
    ws.append([])                                                                                 # 6
    ws.append([3, "P-003", "2024-4-28", "20240427", "益阳市科协", "竹业服务站", 3, "周敏"])        # 7
    ws.append([4, "P-004", 45410, "2024年4月26日", "湖南省地质学会", "脐橙服务站", 3.0, "杨青"])   # 8
    ws.append([5, "P-005", "4.29", None, "长沙市科学技术协会", None, "3", "杨青", "现场送达"])     # 9
    ws.append([6, "P-006", None, None, None, None, None, None, "合计"])                           # 10
    ws.append([7, None, "2024-04-30", None, "湖南省茶叶学会", "红茶服务站", 3, "杨青"])            # 11
    ws.append([8, "P-008", "下周一", "2024-04-29", "湖南省通信学会", "算力研讨会", "三", "杨青"])  # 12
    ws.append([9, "P-009", "2024-05-02", None, "湖南省作物学会", "油菜服务站", "若干", "杨青"])     # 13

    second = wb.create_sheet("补登")
    second.append(["编号", "收件日期", "单位名称", "项目", "份", "签收人", "备注"])
    second.append(["B-01", "2024年5月3日", "湖南省营养学会", "营养蓝皮书", 1, "周敏", "补寄1份"])
    second.append([None, "5.4", "湖南省气象学会", "气象年会", 3, "周敏"])

    notes = wb.create_sheet("说明")
    notes.append(["本表由办公室维护"])
    wb.save(path)
    return path


@pytest.fixture()
def messy(tmp_path: Path) -> tuple[list[Receipt], list]:
    return read_ledger(_messy_ledger(tmp_path / "登记簿.xlsx"))


def _by_id(receipts: list[Receipt]) -> dict[str, Receipt]:
    return {r.receipt_id: r for r in receipts}


def test_header_below_a_merged_title_row_is_found_with_its_variants(messy):
    receipts, _ = messy
    first = _by_id(receipts)["P-001"]
    assert first.applicant_org == "湖南省农学会"
    assert first.project_name == "种业蓝皮书编制"
    assert first.handler == "刘慧"
    assert first.note == "EMS"
    assert first.sheet == "纸质件登记" and first.row_number == 4


def test_extra_columns_do_not_leak_into_the_receipt(messy):
    receipts, _ = messy
    # 序号 is ignored when a 登记号 column exists; 联系电话 is not a ledger field.
    assert "P-001" in _by_id(receipts)
    assert all("0731" not in r.note for r in receipts)


@pytest.mark.parametrize("receipt_id, received, postmarked", [
    ("P-001", date(2024, 4, 10), date(2024, 4, 9)),    # real date, 2024.4.9
    ("P-002", date(2024, 4, 28), date(2024, 4, 26)),   # 4月28日 (year from the other dates), 2024/04/26
    ("P-003", date(2024, 4, 28), date(2024, 4, 27)),   # 2024-4-28, 20240427
    ("P-004", date(2024, 4, 28), date(2024, 4, 26)),   # Excel serial number, 2024年4月26日
    ("P-005", date(2024, 4, 29), None),                # 4.29, no postmark
])
def test_dates_are_read_in_every_common_form(messy, receipt_id, received, postmarked):
    receipts, _ = messy
    receipt = _by_id(receipts)[receipt_id]
    assert (receipt.received_on, receipt.postmarked_on) == (received, postmarked)


def test_copies_written_as_text_are_numbers(messy):
    receipts, _ = messy
    by_id = _by_id(receipts)
    assert [by_id[i].copies for i in ("P-001", "P-002", "P-003", "P-004", "P-005", "P-008")] == [3] * 6


def test_blank_rows_are_skipped_without_a_problem(messy):
    _, problems = messy
    assert all(p.row_number not in (2, 6) for p in problems)


def test_unreadable_row_is_reported_with_its_number_not_dropped_silently(messy):
    receipts, problems = messy
    assert "P-006" not in _by_id(receipts)
    row10 = [p for p in problems if p.sheet == "纸质件登记" and p.row_number == 10]
    assert len(row10) == 1 and "无法识别" in row10[0].message and "合计" in row10[0].message


def test_missing_register_number_gets_a_row_id_and_is_reported(messy):
    receipts, problems = messy
    assert _by_id(receipts)["第11行"].applicant_org == "湖南省茶叶学会"
    assert any(p.row_number == 11 and "缺少登记号" in p.message for p in problems)


def test_unreadable_date_is_reported_and_the_row_kept(messy):
    receipts, problems = messy
    receipt = _by_id(receipts)["P-008"]
    assert receipt.received_on is None and receipt.postmarked_on == date(2024, 4, 29)
    assert any(p.row_number == 12 and "收件日期" in p.message and "下周一" in p.message for p in problems)


def test_unreadable_copies_are_reported_and_counted_as_zero(messy):
    receipts, problems = messy
    assert _by_id(receipts)["P-009"].copies == 0
    assert any(p.row_number == 13 and "份数" in p.message and "若干" in p.message for p in problems)


def test_second_sheet_with_its_own_header_variants_is_read(messy):
    receipts, problems = messy
    extra = _by_id(receipts)["B-01"]
    assert (extra.sheet, extra.row_number, extra.received_on, extra.copies, extra.handler) == (
        "补登", 2, date(2024, 5, 3), 1, "周敏")
    # A missing id on a later sheet names the sheet, so ids stay unique.
    assert _by_id(receipts)["补登第3行"].received_on == date(2024, 5, 4)
    assert any(p.sheet == "补登" and p.row_number == 3 for p in problems)


def test_sheet_without_a_header_is_ignored(messy):
    receipts, problems = messy
    assert all(r.sheet != "说明" for r in receipts)
    assert all(p.sheet != "说明" for p in problems)


def test_reading_never_changes_the_staff_workbook(tmp_path: Path):
    path = _messy_ledger(tmp_path / "登记簿.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    read_ledger(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_month_day_dates_take_the_configured_year_when_the_ledger_has_no_full_date(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["登记号", "收件日期", "申报单位", "项目名称", "份数"])
    ws.append(["P-1", "4月28日", "湖南省农学会", "种业蓝皮书", 3])
    wb.save(tmp_path / "l.xlsx")
    receipts, problems = read_ledger(tmp_path / "l.xlsx", year=2023)
    assert receipts[0].received_on == date(2023, 4, 28) and problems == []


def test_duplicate_register_numbers_are_reported_and_kept_apart(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["登记号", "收件日期", "申报单位", "项目名称", "份数"])
    ws.append(["P-1", "2024-04-28", "湖南省农学会", "种业蓝皮书", 3])
    ws.append(["P-1", "2024-04-29", "湖南省药学会", "服务站", 3])
    wb.save(tmp_path / "l.xlsx")
    receipts, problems = read_ledger(tmp_path / "l.xlsx")
    assert [r.receipt_id for r in receipts] == ["P-1", "P-1（第3行）"]
    assert any("重复" in p.message and p.row_number == 3 for p in problems)


def test_workbook_without_any_header_is_one_problem(tmp_path: Path):
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["随便写的", "表格"])
    wb.save(tmp_path / "l.xlsx")
    receipts, problems = read_ledger(tmp_path / "l.xlsx")
    assert receipts == [] and len(problems) == 1 and "表头" in problems[0].message


@pytest.mark.parametrize("name, data", [("登记簿.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 600),
                                        ("登记簿.xlsx", b"PK\x03\x04 broken")])
def test_a_file_that_is_not_an_xlsx_workbook_is_one_problem(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    receipts, problems = read_ledger(path)
    assert receipts == [] and len(problems) == 1 and "另存为 .xlsx" in problems[0].message


def test_a_missing_ledger_file_is_a_configuration_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        read_ledger(tmp_path / "没有这个文件.xlsx")


@pytest.mark.parametrize("value, expected", [
    ("2024.4.28", date(2024, 4, 28)), ("2024/04/28", date(2024, 4, 28)), ("2024-4-28", date(2024, 4, 28)),
    ("2024年4月28日", date(2024, 4, 28)), ("20240428", date(2024, 4, 28)), (20240428, date(2024, 4, 28)),
    ("4月28日", date(2024, 4, 28)), ("4.28", date(2024, 4, 28)), (45410, date(2024, 4, 28)),
    ("２０２４－０４－２８", date(2024, 4, 28)), ("2024-04-28 00:00:00", date(2024, 4, 28)),
    (4.26, date(2024, 4, 26)), (4.5, date(2024, 4, 5)),
])
def test_value_to_date_reads(value, expected):
    assert value_to_date(value, 2024) == (expected, None)


def test_a_month_dot_day_number_that_lost_its_trailing_zero_is_not_guessed():
    parsed, reason = value_to_date(4.3, 2024)
    assert parsed is None and reason is not None and "4月3日" in reason and "4月30日" in reason


@pytest.mark.parametrize("value, expected", [
    (3, 3), (3.0, 3), ("3", 3), ("3份", 3), ("三份", 3), ("一式三份", 3), ("叁份", 3), ("十二份", 12),
    ("若干", None), (None, None),
])
def test_value_to_copies_reads(value, expected):
    assert value_to_copies(value) == expected


@pytest.mark.parametrize("note, decision", [
    ("对应 2024-0007", Decision("P-1", confirmed="2024-0007")),
    ("对应：2024-0007（已电话核实）", Decision("P-1", confirmed="2024-0007")),
    ("非 2024-0007", Decision("P-1", rejected=frozenset({"2024-0007"}))),
    ("不是2024-0007", Decision("P-1", rejected=frozenset({"2024-0007"}))),
    ("不对应 2024-0003；非 2024-0004", Decision("P-1", rejected=frozenset({"2024-0003", "2024-0004"}))),
    ("非 2024-0003，对应 2024-0009", Decision("P-1", confirmed="2024-0009", rejected=frozenset({"2024-0003"}))),
    ("无电子版", Decision("P-1", paper_only=True)),
])
def test_staff_decisions_are_read_from_the_note(note, decision):
    assert note_to_decision("P-1", note) == decision


@pytest.mark.parametrize("note", ["EMS", "邮政挂号", "现场送达", "", "补寄1份"])
def test_ordinary_notes_hold_no_decision(note):
    assert note_to_decision("P-1", note) is None


def test_parse_decisions_keys_by_receipt_id():
    receipts = [Receipt(receipt_id="P-1", note="对应 2024-0007"), Receipt(receipt_id="P-2", note="EMS")]
    assert parse_decisions(receipts) == {"P-1": Decision("P-1", confirmed="2024-0007")}


# --------------------------------------------------------------------------- .xls / WPS .et

@pytest.fixture(scope="module")
def messy_xls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The messy ledger saved as Excel 97–2003 .xls by LibreOffice, as an office would."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("xls")
    source = _messy_ledger(tmp / "登记簿.xlsx")
    out = tmp / "xls"
    # A private profile: a second soffice sharing the user's profile would exit silently.
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless",
                           "--convert-to", "xls", "--outdir", str(out), str(source)],
                          capture_output=True, timeout=180)
    xls = out / "登记簿.xls"
    if not xls.exists():
        pytest.skip(f"LibreOffice wrote no .xls (no Calc component?): {done.stderr[-300:]!r}")
    assert xls.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # really BIFF, not OOXML
    return xls


@pytest.mark.slow
def test_an_xls_ledger_gives_the_same_receipts_and_problems_as_the_xlsx(messy_xls: Path, tmp_path: Path):
    expected = read_ledger(_messy_ledger(tmp_path / "登记簿.xlsx"))
    assert read_ledger(messy_xls) == expected
    receipts, _ = expected
    assert _by_id(receipts)["P-001"].received_on == date(2024, 4, 10)  # a real date cell survives


@pytest.mark.slow
def test_a_wps_et_ledger_is_read_like_the_xls_it_is(messy_xls: Path, tmp_path: Path):
    et = tmp_path / "纸质件登记簿.et"
    et.write_bytes(messy_xls.read_bytes())
    receipts, problems = read_ledger(et)
    assert (receipts, problems) == read_ledger(messy_xls)
    assert _by_id(receipts)["P-004"].received_on == date(2024, 4, 28)
    assert any(p.sheet == "纸质件登记" and p.row_number == 13 and "若干" in p.message for p in problems)


@pytest.mark.slow
def test_reading_an_xls_ledger_never_changes_it(messy_xls: Path):
    before = hashlib.sha256(messy_xls.read_bytes()).hexdigest()
    read_ledger(messy_xls)
    assert hashlib.sha256(messy_xls.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", ["登记簿.xls", "登记簿.et"])
def test_a_broken_biff_ledger_is_one_problem(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x5a" * 2000)
    receipts, problems = read_ledger(path)
    assert receipts == [] and len(problems) == 1
    assert name in problems[0].message and "另存为 .xlsx" in problems[0].message


@pytest.mark.slow
def test_an_xls_in_the_1904_date_system_with_an_error_cell(tmp_path: Path):
    # Excel for Mac's 1904 date system: the same serial number is 4 years later than in 1900's.
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    assert ws is not None
    ws.append(["登记号", "收件日期", "申报单位", "项目名称", "份数"])
    ws.append(["P-1", datetime(2024, 4, 28), "湖南省农学会", "种业蓝皮书", "=1/0"])
    wb.save(tmp_path / "mac.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xls", "--outdir", str(tmp_path), str(tmp_path / "mac.xlsx")],
                   capture_output=True, timeout=180)
    if not (tmp_path / "mac.xls").exists():
        pytest.skip("LibreOffice wrote no .xls (no Calc component?)")
    (receipt,), problems = read_ledger(tmp_path / "mac.xls")
    assert receipt.received_on == date(2024, 4, 28)
    assert [p.message for p in problems] == ["份数“#DIV/0!”无法识别，按0份处理，请改为数字"]

"""A week in the office: between polls staff type into the register as Excel would save it
(on 总表, 待处理 and 核对), a unit resends, Excel holds the register open during a poll, the
paper ledger gains a row and a decision. After every poll each sheet shows exactly the staff's
last word, and the export carries the corrected values beside the ones read."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from shenbao.cli import main
from shenbao.demo.workspace import DemoWorkspace, build_workspace
from shenbao.pipeline import RunReport, run_once
from shenbao.register_files import latest_register
from shenbao.settings import Settings, load_settings

CST = timezone(timedelta(hours=8))
NOTE, CHECK = "人工备注", "核对状态"
StaffCells = dict[tuple[str, str], str]  # (编号, 人工备注/核对状态) → what staff last said
CheckCells = dict[tuple[str, str], tuple[str | None, str | None]]  # (编号, 字段) → (核对结果, 更正值)


def header(ws: Any) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[1] if c.value is not None}


def line_of(ws: Any, row_id: str, field: str | None = None) -> int:
    h = header(ws)
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, h["编号"]).value == row_id and (field is None or ws.cell(r, h["字段"]).value == field):
            return r
    raise AssertionError(f"{row_id} {field or ''} not on {ws.title}")


def type_into(path: Path, sheet: str, row_id: str, column: str, value: str | None, field: str | None = None) -> None:
    """What a clerk does in Excel: open, type (or clear) one cell, save."""
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.cell(line_of(ws, row_id, field), header(ws)[column]).value = value
    wb.save(path)


def add_check_line(path: Path, row_id: str, field: str, correction: str) -> None:
    """A correction of a value the 核对 sheet does not list: a new line at its end."""
    wb = load_workbook(path)
    ws = wb["核对"]
    h = header(ws)
    r = ws.max_row + 1
    ws.cell(r, h["编号"]).value = row_id
    ws.cell(r, h["字段"]).value = field
    ws.cell(r, h["更正值"]).value = correction
    wb.save(path)


def assert_sheets_show(path: Path, staff: StaffCells, checks: CheckCells) -> None:
    """Every staff cell of 总表, 待处理 and 核对 holds exactly the staff's last word."""
    wb = load_workbook(path, read_only=True)
    for sheet in ("总表", "待处理"):
        rows = wb[sheet].iter_rows(values_only=True)
        names = [str(v) for v in next(rows)]
        shown = {}
        for values in rows:
            line = dict(zip(names, values))
            for column in (NOTE, CHECK):
                shown[(str(line["编号"]), column)] = line[column]
        expected = {cell: staff.get(cell) for cell in shown}
        assert shown == expected, sheet
        if sheet == "总表":
            assert set(staff) <= set(shown)  # every word is on 总表
    rows = wb["核对"].iter_rows(values_only=True)
    names = [str(v) for v in next(rows)]
    seen: CheckCells = {}
    for values in rows:
        line = dict(zip(names, values))
        said = (line["核对结果"], None if line["更正值"] is None else str(line["更正值"]))
        if said != (None, None) or (str(line["编号"]), str(line["字段"])) in checks:
            seen[(str(line["编号"]), str(line["字段"]))] = said
    assert seen == checks
    wb.close()


def export(settings: Settings) -> dict[str, dict[str, Any]]:
    lines = (settings.output_dir / "register.jsonl").read_text("utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, lines)}


def codes(row: dict[str, Any]) -> set[tuple[str, str | None]]:
    return {(f["code"], f["field"]) for f in row["findings"]}


def resend(ws: DemoWorkspace, key: str, at: datetime) -> None:
    """The unit sends the same application again (a new message, received at `at`)."""
    original = next(m for m in ws.messages if m.key == key)
    data = original.path.read_bytes()
    data = re.sub(rb"(?im)^Message-ID:.*$", f"Message-ID: <resend-{key}@example.org>".encode(), data, count=1)
    target = ws.maildir / "cur" / f"{int(at.timestamp())}.{key}-resend.demo:2,S"
    target.write_bytes(data)
    os.utime(target, (at.timestamp(), at.timestamp()))


def add_receipt(ws: DemoWorkspace, row: dict[str, Any], receipt_id: str, decision: str) -> None:
    wb = load_workbook(ws.receipts)
    sheet = wb.worksheets[0]
    sheet.append([receipt_id, datetime(2024, 4, 30), datetime(2024, 4, 29), row["fields"]["applicant_org"],
                  row["fields"]["project_name"], 3, "李敏", decision])
    wb.save(ws.receipts)


def poll(settings: Settings) -> RunReport:
    report = run_once(settings)
    assert report.register_path is not None, "the register must be rewritten"
    return report


@pytest.mark.slow
def test_a_week_in_the_office_keeps_the_staffs_last_word_everywhere(tmp_path: Path) -> None:
    ws = build_workspace(tmp_path / "office")
    settings = load_settings(ws.settings)
    register = settings.register_path

    # Monday: the first poll.
    poll(settings)
    rows = export(settings)
    assert rows["2024-0011"]["fields"]["funding_wan"] == 12.0 and ("MISSING_FIELD", "leader_phone") in codes(
        rows["2024-0016"])
    staff: StaffCells = {}
    checks: CheckCells = {}
    assert_sheets_show(register, staff, checks)

    # Tuesday: notes on both sheets (the same cell twice: 待处理 is where staff work), a status,
    # corrections on 核对 — of flagged values and, on a new line, of one that was not flagged.
    type_into(register, "总表", "2024-0002", NOTE, "已电话联系负责人")
    type_into(register, "总表", "2024-0002", CHECK, "已核对")
    type_into(register, "待处理", "2024-0012", NOTE, "已告知单位")
    type_into(register, "总表", "2024-0014", NOTE, "总表写的")
    type_into(register, "待处理", "2024-0014", NOTE, "待处理写的")
    type_into(register, "总表", "2024-0016", CHECK, "处理中")
    type_into(register, "核对", "2024-0016", "更正值", "13900001111", field="负责人电话")
    type_into(register, "核对", "2024-0011", "更正值", "8", field="申请经费")
    type_into(register, "核对", "2024-0011", "核对结果", "有误", field="申请经费")
    add_check_line(register, "2024-0002", "申请经费", "12万元")
    staff.update({("2024-0002", NOTE): "已电话联系负责人", ("2024-0002", CHECK): "已核对",
                  ("2024-0012", NOTE): "已告知单位", ("2024-0014", NOTE): "待处理写的",
                  ("2024-0016", CHECK): "处理中"})
    checks.update({("2024-0016", "负责人电话"): (None, "13900001111"), ("2024-0011", "申请经费"): ("有误", "8"),
                   ("2024-0002", "申请经费"): (None, "12万元")})

    poll(settings)  # no new mail: staff saved the register, so it is rewritten
    assert_sheets_show(register, staff, checks)
    rows = export(settings)
    assert rows["2024-0016"]["fields"]["leader_phone"] == "13900001111"
    assert ("MISSING_FIELD", "leader_phone") not in codes(rows["2024-0016"])
    assert rows["2024-0016"]["corrections"]["leader_phone"]["read"] is None
    assert rows["2024-0011"]["fields"]["funding_wan"] == 8.0
    assert ("FUNDING_OUT_OF_RANGE", "funding_wan") not in codes(rows["2024-0011"])
    assert rows["2024-0011"]["corrections"]["funding_wan"]["read"] == 12.0
    assert rows["2024-0002"]["fields"]["funding_wan"] == 12.0  # over 学术交流's limit now
    assert ("FUNDING_OUT_OF_RANGE", "funding_wan") in codes(rows["2024-0002"])
    assert rows["2024-0002"]["corrections"]["funding_wan"] == {**rows["2024-0002"]["corrections"]["funding_wan"],
                                                               "read": 8.0, "corrected": 12.0, "typed": "12万元"}
    book = load_workbook(register, read_only=True)  # the 核对 sheet keeps what was read
    read = {(r[0], r[2]): r[3] for r in book["核对"].iter_rows(min_row=2, values_only=True)}
    book.close()
    assert read[("2024-0011", "申请经费")] == "12" and read[("2024-0002", "申请经费")] == "8"

    # Wednesday: a note changed on 总表 (typed on 待处理 before), one deleted on 待处理, a
    # correction changed and a 核对结果 deleted; a unit resends; the ledger gains a receipt with
    # its decision; and Excel holds the register open during the poll.
    type_into(register, "总表", "2024-0012", NOTE, "单位申诉中")
    type_into(register, "待处理", "2024-0014", NOTE, None)
    type_into(register, "核对", "2024-0011", "更正值", "9", field="申请经费")
    type_into(register, "核对", "2024-0011", "核对结果", None, field="申请经费")
    staff[("2024-0012", NOTE)] = "单位申诉中"
    del staff[("2024-0014", NOTE)]
    checks[("2024-0011", "申请经费")] = (None, "9")
    resend(ws, "D02", datetime(2024, 4, 29, 11, 0, tzinfo=CST))
    add_receipt(ws, rows["2024-0020"], "P-099", "对应 2024-0020")
    lock = register.parent / f".~lock.{register.name}#"
    lock.write_text("王芳,office-pc,2024-05-01")

    report = poll(settings)
    side = report.register_path
    assert side != register and side.parent == register.parent and latest_register(register) == side
    assert any("关闭 Excel" in note for note in report.notes)
    # The resend (2024-0024) takes over the note, not the finished 核对状态; the correction of
    # a value it reads the same way follows it; the old row keeps showing its words.
    staff[("2024-0024", NOTE)] = "已电话联系负责人"
    checks[("2024-0024", "申请经费")] = (None, "12万元")
    assert_sheets_show(side, staff, checks)
    rows = export(settings)
    assert rows["2024-0002"]["superseded_by"] == "2024-0024"
    assert rows["2024-0024"]["fields"]["funding_wan"] == 12.0
    assert rows["2024-0024"]["corrections"]["funding_wan"]["on"] == "2024-0002"
    assert rows["2024-0011"]["fields"]["funding_wan"] == 9.0
    assert rows["2024-0020"]["paper"]["receipt_ids"] == ["P-099"]

    # Thursday: a colleague types into the copy beside the register; later the clerk with the
    # register open saves it. Both changed 2024-0014's note: the file saved last wins. The clerk
    # left 2024-0011's correction as it was (its value taken in on Wednesday), so the
    # colleague's new correction stands.
    type_into(side, "待处理", "2024-0014", NOTE, "在旁边的文件写的")
    type_into(side, "总表", "2024-0024", CHECK, "处理中")
    type_into(side, "核对", "2024-0016", "核对结果", "正确", field="负责人电话")
    type_into(side, "核对", "2024-0011", "更正值", "10", field="申请经费")
    type_into(register, "总表", "2024-0012", NOTE, "第三天：已告知不予受理")
    type_into(register, "总表", "2024-0014", NOTE, "在原表写的")
    later = side.stat().st_mtime + 5
    os.utime(register, (later, later))
    lock.unlink()  # Excel closed
    staff.update({("2024-0012", NOTE): "第三天：已告知不予受理", ("2024-0014", NOTE): "在原表写的",
                  ("2024-0024", CHECK): "处理中"})
    checks[("2024-0016", "负责人电话")] = ("正确", "13900001111")
    checks[("2024-0011", "申请经费")] = (None, "10")

    # Friday: no new mail; the register is free again: it is put right, the copy taken in and removed.
    report = poll(settings)
    assert report.register_path == register and not side.exists() and latest_register(register) == register
    assert any(side.name in note and "删除" in note for note in report.notes)
    assert_sheets_show(register, staff, checks)
    rows = export(settings)
    assert rows["2024-0016"]["fields"]["leader_phone"] == "13900001111"
    assert rows["2024-0011"]["fields"]["funding_wan"] == 10.0 and rows["2024-0024"]["fields"]["funding_wan"] == 12.0

    # `shenbao export` says the same as the poll's export, corrections and all.
    exported = tmp_path / "导出.jsonl"
    assert main(["export", "-c", str(ws.settings), "-o", str(exported)]) == 0
    by_command = {row["id"]: row for row in map(json.loads, exported.read_text("utf-8").splitlines())}
    assert by_command["2024-0011"]["corrections"] == rows["2024-0011"]["corrections"] != {}
    assert by_command == rows

    # And the next idle poll changes nothing: no rewrite, nothing merged back.
    assert run_once(settings).register_path is None
    assert_sheets_show(register, staff, checks)

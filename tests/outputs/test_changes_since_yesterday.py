"""The 变更 sheet shows what changed since the last write and, for the morning clerk, since the
last register of an earlier day (the daily copy `register-YYYY-MM-DD.xlsx`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from openpyxl import load_workbook

from shenbao.outputs.daily_copy import dated_copy_path, earlier_dated_copy
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Finding, RegisterRow
from tests.outputs.rows import application_row, other_row

CST = timezone(timedelta(hours=8))
TITLE = "自{day}的登记表（当天最后一次生成的副本）以来的变更"


def ok(row_id: str = "2024-0007") -> RegisterRow:
    return application_row(row_id, findings=())


def fixable(row_id: str = "2024-0007") -> RegisterRow:
    return application_row(row_id, findings=(
        Finding(code="MISSING_APPROVAL", severity="error", message="缺少审议意见"),))


def sections(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The 变更 sheet's sections by title ("" for the first, untitled one), data lines only."""
    ws = load_workbook(path)["变更"]
    out: dict[str, list[tuple[object, ...]]] = {"": []}
    current = ""
    for line in ws.iter_rows(values_only=True):
        if line[0] is not None and line[1] is None and str(line[0]).startswith("自"):
            current = str(line[0])
            out[current] = []
        elif line[0] != "编号" and any(v is not None for v in line):
            out[current].append(line[:5])
    return out


def test_the_morning_register_lists_the_night_changes_since_yesterday(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    # Yesterday's last poll: 2024-0007 fine.
    write_register([ok()], path, now=datetime(2024, 5, 6, 23, 50, tzinfo=CST))
    assert dated_copy_path(path, date(2024, 5, 6)).exists()
    # After midnight its resend is missing an approval, and another mail arrives; then nothing more.
    write_register([fixable(), other_row("2024-0008")], path, now=datetime(2024, 5, 7, 0, 10, tzinfo=CST))
    morning = write_register([fixable(), other_row("2024-0008")], path, now=datetime(2024, 5, 7, 8, 0, tzinfo=CST))

    found = sections(morning)
    assert found[""] == []  # nothing since the last poll, ten minutes of the night
    night = found[TITLE.format(day="2024-05-06")]
    assert ("2024-0007", "状态变化", "正常", "可补正", None) in night
    assert ("2024-0008", "新增", None, "其他邮件") in [line[:4] for line in night]


def test_within_the_first_day_there_is_no_earlier_register_to_compare(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    write_register([ok()], path, now=datetime(2024, 5, 7, 8, 0, tzinfo=CST))
    later = write_register([fixable()], path, now=datetime(2024, 5, 7, 9, 0, tzinfo=CST))
    found = sections(later)
    assert list(found) == [""]
    assert ("2024-0007", "状态变化", "正常", "可补正", None) in found[""]


def test_the_newest_copy_of_an_earlier_day_is_taken_and_other_files_are_not(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    for name in ("register-2024-05-03.xlsx", "register-2024-05-05.xlsx", "register-2024-05-07.xlsx",
                 "register-20240506-235959.xlsx",  # written beside a locked register, not a daily copy
                 "register-2024-02-30.xlsx",  # not a day
                 "other-2024-05-06.xlsx"):
        (tmp_path / name).write_bytes(b"")
    assert earlier_dated_copy(path, date(2024, 5, 7)) == (date(2024, 5, 5), tmp_path / "register-2024-05-05.xlsx")
    assert earlier_dated_copy(path, date(2024, 5, 3)) is None
    assert earlier_dated_copy(tmp_path / "missing" / "register.xlsx", date(2024, 5, 7)) is None


def test_an_unreadable_daily_copy_is_reported_on_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    dated_copy_path(path, date(2024, 5, 6)).write_bytes(b"not a workbook")
    written = write_register([ok()], path, now=datetime(2024, 5, 7, 8, 0, tzinfo=CST))
    (line,) = sections(written)[TITLE.format(day="2024-05-06")]
    assert str(line[4]).startswith("前次登记表无法读取")

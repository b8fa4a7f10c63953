"""Staff's word, one truth per cell (shenbao.staff_input): which change wins, a deletion is a
change, a register never seen counts only what it holds, and what a resend takes over."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shenbao.staff_input import (
    CHECK, NOTE, SHEET_PRECEDENCE, Cell, SheetCells, StaffWord, correction_cell, new_words, staff_changes, view_of,
)

CST = timezone(timedelta(hours=8))
AT = datetime(2024, 5, 2, 9, 0, tzinfo=CST)


def sheet(name: str, cells: dict[Cell, str | None], *, file: str = "register.xlsx", saved: float = 100.0) -> SheetCells:
    key = {"总表": "main", "待处理": "pending", "核对": "checks"}[name]
    return SheetCells(file=file, sheet=name, saved=saved, precedence=SHEET_PRECEDENCE[key], cells=cells)


def values(changes: dict[Cell, object]) -> dict[Cell, str | None]:
    return {cell: getattr(c, "value") for cell, c in changes.items()}


HELD = {("register.xlsx", "总表"): {("2024-0001", NOTE): "旧备注"},
        ("register.xlsx", "待处理"): {("2024-0001", NOTE): "旧备注"}}


def test_a_note_changed_on_one_sheet_is_the_change_not_a_merge_with_the_other() -> None:
    changes = staff_changes([sheet("总表", {("2024-0001", NOTE): "新备注"}),
                             sheet("待处理", {("2024-0001", NOTE): "旧备注"})], HELD, {"register.xlsx"})
    assert values(changes) == {("2024-0001", NOTE): "新备注"}


def test_an_emptied_cell_is_a_change() -> None:
    changes = staff_changes([sheet("总表", {("2024-0001", NOTE): "旧备注"}),
                             sheet("待处理", {("2024-0001", NOTE): None})], HELD, {"register.xlsx"})
    assert values(changes) == {("2024-0001", NOTE): None}


def test_two_sheets_changed_differently_the_pending_sheet_wins() -> None:
    changes = staff_changes([sheet("待处理", {("2024-0001", NOTE): "待处理写的"}),
                             sheet("总表", {("2024-0001", NOTE): "总表写的"})], HELD, {"register.xlsx"})
    assert values(changes) == {("2024-0001", NOTE): "待处理写的"}


def test_between_two_files_the_one_saved_last_wins() -> None:
    held = {**HELD, ("register-20240502-090000.xlsx", "总表"): {("2024-0001", NOTE): "旧备注"}}
    changes = staff_changes([sheet("待处理", {("2024-0001", NOTE): "早"}, saved=100.0),
                             sheet("总表", {("2024-0001", NOTE): "晚"}, file="register-20240502-090000.xlsx",
                                   saved=200.0)], held, {"register.xlsx", "register-20240502-090000.xlsx"})
    assert values(changes) == {("2024-0001", NOTE): "晚"}


def test_a_register_never_seen_counts_its_words_not_its_empty_cells() -> None:
    changes = staff_changes([sheet("总表", {("2024-0001", NOTE): "升级前写的", ("2024-0002", NOTE): None})], {}, ())
    assert values(changes) == {("2024-0001", NOTE): "升级前写的"}


def test_a_change_to_what_staff_already_said_is_nothing_new() -> None:
    words = {("2024-0001", NOTE): StaffWord("已电话", AT, "register.xlsx 总表")}
    changes = staff_changes([sheet("总表", {("2024-0001", NOTE): "已电话"})], {}, ())
    assert new_words(words, changes, AT + timedelta(days=1)) == {}


def test_a_resend_shows_the_note_and_an_open_status_but_not_a_finished_one() -> None:
    words = {("2024-0001", NOTE): StaffWord("已电话", AT, ""), ("2024-0001", CHECK): StaffWord("已处理", AT, ""),
             ("2024-0002", CHECK): StaffWord("处理中", AT, ""), ("2024-0002", NOTE): StaffWord("单位重发", AT, "")}
    view = view_of(words, {"2024-0001": "2024-0009", "2024-0002": "2024-0010"}, lambda w: w == "已处理")
    assert (view.get("2024-0009", NOTE), view.get("2024-0009", CHECK)) == ("已电话", None)
    assert (view.get("2024-0010", NOTE), view.get("2024-0010", CHECK)) == ("单位重发", "处理中")
    assert view.get("2024-0001", NOTE) == "已电话"  # the old row keeps showing it


def test_a_note_emptied_on_the_resend_stays_empty_there() -> None:
    words = {("2024-0001", NOTE): StaffWord("已电话", AT, ""), ("2024-0009", NOTE): StaffWord(None, AT, "")}
    view = view_of(words, {"2024-0001": "2024-0009"}, lambda w: False,
                   {("2024-0009", correction_cell("funding_wan")): "8"})
    assert view.get("2024-0009", NOTE) is None
    assert view.check_cells() == {("2024-0009", "funding_wan"): (None, "8")}


def test_a_first_word_is_kept_and_so_is_emptying_a_cell_a_resend_took_over() -> None:
    changes = staff_changes([sheet("总表", {("2024-0001", NOTE): "第一次", ("2024-0009", NOTE): None})],
                            {("register.xlsx", "总表"): {("2024-0009", NOTE): "继承的"}}, {"register.xlsx"})
    assert {cell: w.value for cell, w in new_words({}, changes, AT).items()} == {
        ("2024-0001", NOTE): "第一次", ("2024-0009", NOTE): None}

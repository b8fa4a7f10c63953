"""The admin's commands through `shenbao.cli.main`: Chinese help, poll --dry-run, status,
reprocess and the progress display, on a small real Maildir workspace."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from shenbao.cli import build_parser, main
from shenbao.settings import load_settings
from shenbao.store import Store
from tests.service.workspaces import MAILDIR_SETTINGS, case, case_eml, write_maildir, write_settings
from tests.support.dovecot import Dovecot

COMMANDS = [["demo"], ["poll"], ["run"], ["export"], ["check-config"], ["status"], ["reprocess"], ["rules"],
            ["rules", "check"], ["rules", "show"], ["receipts"], ["receipts", "template"], ["packets"],
            ["store"], ["store", "rebuild"]]


@pytest.fixture
def workspace(tmp_path: Path) -> str:
    write_maildir(tmp_path, [case("D11"), case("D20")])
    return str(write_settings(tmp_path, MAILDIR_SETTINGS))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def export(root: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(x) for x in (root / "output" / "register.jsonl").read_text("utf-8").splitlines()]


def test_the_command_list_covers_every_command() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert {c[0] for c in COMMANDS} == set(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_chinese_help_with_an_example(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main([*command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("用法：") and "显示本帮助并退出" in text
    assert "示例" in text and "shenbao " + command[0] in text.split("示例", 1)[1]
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in text


def test_a_usage_mistake_is_explained_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["rules", "check"])
    assert done.value.code == 2
    assert "缺少必填参数：规则文件" in capsys.readouterr().err


def test_poll_dry_run_counts_new_mail_and_stores_and_writes_nothing(
        workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run(["poll", "--dry-run", "-c", workspace], capsys)
    assert code == 0 and "演练" in said and "2 封新邮件" in said
    assert "其他邮件" in said  # D20, a question
    assert "经费超出范围" in said and "12 万元" in said  # D11, read and checked
    assert not (tmp_path / "output" / "register.xlsx").exists()
    with Store(tmp_path / "data") as store:
        assert store.message_count() == 0 and store.ids() == {}


def test_status_shows_the_last_poll_messages_rows_by_status_and_recent_errors(
        workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = run(["status", "-c", workspace], capsys)
    assert code == 0 and "尚未收过信" in said and "未运行" in said
    assert run(["poll", "-c", workspace], capsys)[0] == 0
    with Store(tmp_path / "data") as store:
        store.log_event("poll_error", {"message": "收信中断：无法连接邮箱服务器", "failures": 1})

    code, said = run(["status", "-c", workspace], capsys)

    assert code == 0
    assert "已保存邮件：2 封" in said and "上次收信：" in said and "新邮件 2 封" in said
    assert "近24小时收信错误：1 次" in said and "无法连接邮箱服务器" in said
    assert "登记表共 2 行" in said and "需答复 1" in said and "可补正 1" in said


def test_reprocess_rereads_stored_mail_and_keeps_register_numbers_and_staff_notes(
        workspace: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["poll", "-c", workspace], capsys)[0] == 0
    before = {r["message_id"]: r["id"] for r in export(tmp_path)}
    target = before[case("D11").message_id]
    register = tmp_path / "output" / "register.xlsx"
    write_staff_note(register, target, "已电话联系，单位将重发")
    (tmp_path / "maildir" / "cur").rename(tmp_path / "maildir" / "gone")  # reprocess must not need the mailbox
    (tmp_path / "maildir" / "cur").mkdir()

    code, said = run(["reprocess", "-c", workspace], capsys)
    assert code == 0 and "已重新读取 2 封邮件" in said, said
    code, said = run(["reprocess", "-c", workspace, target], capsys)
    assert code == 0 and "已重新读取 1 封邮件" in said, said

    assert {r["message_id"]: r["id"] for r in export(tmp_path)} == before
    assert staff_note(register, target) == "已电话联系，单位将重发"
    code, said = run(["reprocess", "-c", workspace, "2024-9999"], capsys)
    assert code == 2 and "找不到这些编号：2024-9999" in said


def _main_sheet_cells(path: Path) -> tuple[object, int, int, dict[str, int]]:
    wb = load_workbook(path)
    ws = wb["总表"]
    for row in ws.iter_rows(min_row=1, max_row=10):
        names = {str(c.value): c.column for c in row if c.value}
        if "人工备注" in names and "编号" in names:
            return wb, row[0].row, names["编号"], names
    raise AssertionError("no header row with 编号 and 人工备注")


def write_staff_note(path: Path, row_id: str, note: str) -> None:
    wb, header, id_col, names = _main_sheet_cells(path)
    ws = wb["总表"]  # type: ignore[index]
    for r in range(header + 1, ws.max_row + 1):
        if ws.cell(r, id_col).value == row_id:
            ws.cell(r, names["人工备注"]).value = note
    wb.save(path)  # type: ignore[attr-defined]


def staff_note(path: Path, row_id: str) -> object:
    wb, header, id_col, names = _main_sheet_cells(path)
    ws = wb["总表"]  # type: ignore[index]
    return next(ws.cell(r, names["人工备注"]).value for r in range(header + 1, ws.max_row + 1)
                if ws.cell(r, id_col).value == row_id)


def test_the_settings_accept_a_fraction_of_a_minute_and_reply_settings(tmp_path: Path) -> None:
    path = write_settings(tmp_path, MAILDIR_SETTINGS.replace("[source]", "[schedule]\ninterval_minutes = 0.5\n\n[source]")
                          + '\n[reply]\nenabled = true\nmode = "send"\nnot_before = 2024-04-20T00:00:00+08:00\n')
    (tmp_path / "maildir").mkdir()
    settings = load_settings(path)
    assert settings.schedule.interval_minutes == 0.5
    assert settings.reply.mode == "send" and settings.reply.not_before is not None


def test_poll_dry_run_against_imap_leaves_the_mail_for_the_real_poll(
        dovecot: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = "演练"
    dovecot.reset(folder)
    dovecot.append(case_eml(case("D11")), case("D11").received_at, folder=folder)
    monkeypatch.setenv("SHENBAO_DRY_PASSWORD", dovecot.password)
    config = write_settings(tmp_path, f"""
[mailbox]
host = "127.0.0.1"
port = {dovecot.port}
tls = "none"
username = "{dovecot.user}"
password_env = "SHENBAO_DRY_PASSWORD"
folder = "{folder}"
after_store = "flag"
""")
    code, said = run(["poll", "--dry-run", "-c", str(config)], capsys)
    assert code == 0 and "1 封新邮件" in said and "经费超出范围" in said
    assert not any(b"$Shenbao" in f or b"\\Seen" in f for f in dovecot.flags(folder))
    code, said = run(["poll", "-c", str(config)], capsys)
    assert code == 0 and "收到新邮件 1 封" in said

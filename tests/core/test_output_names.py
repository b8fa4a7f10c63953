"""What staff see in the output folder: one 附件 folder per register row named like the packets
(编号_单位, paths.attachment_folders), and the register workbook under the name the settings
give it (paths.register_name) — its dated copy, the copy written beside it while Excel holds it
open, `status` and a rename that keeps the staff's columns."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import shenbao.config
from shenbao.cli import main
from shenbao.errors import SettingsError
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.outputs.filenames import distinct_file_names, fill_name_pattern
from shenbao.record import FileRef, Fields, RegisterRow
from shenbao.register import Inputs
from shenbao.register_files import EXPORT_NAME, attachment_folder, write_register_files
from shenbao.settings import load_settings
from shenbao.store import Store
from shenbao.validators.guide import load_guide
from tests.intake.file_builders import docx_bytes, pdf_bytes, zip_bytes
from tests.outputs.rows import application_row, other_row
from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings

GUIDE = Path(shenbao.config.__file__).parent / "guide-2024.toml"
FORM, FORM_IN_ZIP, BUDGET, QUESTION_FILE = (docx_bytes("申报书 正文"), docx_bytes("压缩包里的申报书"),
                                            pdf_bytes(b"%budget\n"), docx_bytes("咨询附件"))


class Output:
    """An output folder written by write_register_files from a real store holding the files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.out = root / "output"
        self.store = Store(root / "data")
        self.sha = {data: self.store.put_blob(data) for data in (FORM, FORM_IN_ZIP, BUDGET, QUESTION_FILE)}
        self.inputs = Inputs(guide=load_guide(GUIDE))

    def rows(self, unit: str | None = "湖南省农学会") -> list[RegisterRow]:
        files = (FileRef(name="申报书.docx", sha256=self.sha[FORM], role="form", origin="附件"),
                 FileRef(name="申报材料/申报书.DOCX", sha256=self.sha[FORM_IN_ZIP], role="attachment",
                         origin="压缩包 申报材料.zip › 申报书.DOCX"),
                 FileRef(name="预算.pdf", sha256=self.sha[BUDGET], role="attachment", origin="附件"),
                 FileRef(name="申报书.docx", sha256=self.sha[FORM], role="form", origin="附件"))  # attached twice
        plain = dict(evidence={}, findings=())
        return [
            application_row("2024-0007", files=files, fields=Fields(applicant_org=unit, project_name="青年学术交流大会"),
                            **plain),
            other_row("2024-0008", files=(FileRef(name="问题.docx", sha256=self.sha[QUESTION_FILE], role="attachment"),)),
            application_row("2024-0009", key="e" * 64 + "#0", files=files[2:3], fields=Fields(), **plain),
        ]

    def write(self, rows: list[RegisterRow], **names: str) -> tuple[Path, list[str]]:
        written, _, notes = write_register_files(rows, self.inputs, self.out, self.store, **names)
        return written, notes

    def files(self) -> dict[str, bytes]:
        base = self.out / "附件"
        return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


@pytest.fixture
def output(tmp_path: Path) -> Output:
    return Output(tmp_path)


def column(ws: Worksheet, title: str) -> int:
    return [c.value for c in ws[1]].index(title) + 1


def line_of(ws: Worksheet, row_id: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == row_id)


# ---------------------------------------------------------------- 附件 folders


def test_each_row_has_a_folder_named_by_number_and_unit_with_its_files_under_their_own_names(output: Output) -> None:
    output.write(output.rows())

    assert output.files() == {
        "2024-0007_湖南省农学会/申报书.docx": FORM,
        "2024-0007_湖南省农学会/申报书 (2).DOCX": FORM_IN_ZIP,  # same name in one application: both kept
        "2024-0007_湖南省农学会/预算.pdf": BUDGET,
        "2024-0008_其他邮件/问题.docx": QUESTION_FILE,  # not an application: the register's word for it
        "2024-0009/预算.pdf": BUDGET,  # no unit read: the number alone, no dangling "_"
    }


def test_the_register_links_each_row_to_its_form_in_its_folder(output: Output) -> None:
    written, _ = output.write(output.rows())
    ws = load_workbook(written)["总表"]
    link = ws.cell(line_of(ws, "2024-0007"), column(ws, "附件")).hyperlink
    assert link is not None and link.target == "附件/2024-0007_湖南省农学会/申报书.docx"
    assert (written.parent / link.target).read_bytes() == FORM


def test_the_same_rows_give_the_same_folders_and_nothing_is_copied_again(output: Output) -> None:
    output.write(output.rows())
    copy = output.out / "附件" / "2024-0007_湖南省农学会" / "预算.pdf"
    os.utime(copy, (1_000_000, 1_000_000))
    first = output.files()

    output.write(output.rows())

    assert output.files() == first
    assert copy.stat().st_mtime == 1_000_000


def test_a_unit_read_anew_moves_the_folder_and_old_hash_folders_go_but_staff_folders_stay(output: Output) -> None:
    old_layout = output.out / "附件" / output.sha[FORM][:16]  # how copies were named before
    old_layout.mkdir(parents=True)
    (old_layout / "申报书.docx").write_bytes(FORM)
    staff = output.out / "附件" / "张老师的笔记"
    staff.mkdir()
    (staff / "备忘.txt").write_text("别删", encoding="utf-8")
    output.write(output.rows(unit="湖南省农学"))  # a scan read short the first time

    output.write(output.rows(unit="湖南省农学会"))  # reprocessed

    folders = sorted(p.name for p in (output.out / "附件").iterdir())
    assert folders == ["2024-0007_湖南省农学会", "2024-0008_其他邮件", "2024-0009", "张老师的笔记"]


def test_a_stale_or_damaged_copy_is_replaced_and_a_file_the_row_no_longer_has_goes(output: Output) -> None:
    output.write(output.rows())
    folder = output.out / "附件" / "2024-0007_湖南省农学会"
    (folder / "预算.pdf").write_bytes(b"cut short")
    (folder / "旧附件.doc").write_bytes(b"from an earlier reading")

    output.write(output.rows())

    assert (folder / "预算.pdf").read_bytes() == BUDGET
    assert not (folder / "旧附件.doc").exists()


def test_the_pattern_from_the_settings_names_the_folders_and_never_cuts_the_number(output: Output) -> None:
    long_unit = "湖南省" + "某" * 80 + "学会/分会"
    rows = output.rows(unit=long_unit)
    name = attachment_folder(rows[0], "{单位}（{项目}）{编号}")
    assert name.endswith("）2024-0007") and name.startswith("湖南省某某") and len(name) <= 60
    assert "/" not in name and "分会" not in name  # shortened, and a / is never a sub-folder

    output.write(rows, attachment_folders="{编号}_{单位}_{项目}")
    folders = {name.split("/")[0] for name in output.files()}
    assert folders == {"2024-0008_其他邮件", "2024-0009", attachment_folder(rows[0], "{编号}_{单位}_{项目}")}


def test_file_names_in_one_folder_differ_ignoring_case_and_the_same_list_gives_the_same_names() -> None:
    names = ["申报材料/申报书.docx", "申报书.DOCX", "申报书.docx", "说明", "说明", "CON.doc"]
    assert distinct_file_names(names) == ["申报书.docx", "申报书 (2).DOCX", "申报书 (3).docx", "说明", "说明 (2)",
                                          "_CON.doc"]
    assert distinct_file_names(names) == distinct_file_names(list(names))
    long = "长" * 100 + ".docx"
    numbered = distinct_file_names([long, long])[1]
    assert numbered.endswith(" (2).docx") and len(numbered.encode()) <= 180


def test_an_empty_value_leaves_out_its_separator_whichever_side() -> None:
    values = {"编号": "2024-0003", "单位": "", "项目": "论坛"}
    assert fill_name_pattern("{编号}_{单位}_{项目}", values) == "2024-0003_论坛"
    assert fill_name_pattern("{单位}-{编号}", values) == "2024-0003"


def test_a_poll_names_the_attachment_folders_by_number_and_unit(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    write_maildir(tmp_path, [case("D02"), case("D20")])
    config = write_settings(tmp_path, MAILDIR_SETTINGS)

    assert main(["poll", "-c", str(config)]) == 0

    folders = sorted(p.name for p in (tmp_path / "output" / "附件").iterdir())
    unit = case("D02").form.applicant_org  # type: ignore[union-attr]
    assert f"2024-0001_{unit}" in folders, folders
    assert all(p.name.startswith("2024-") for p in (tmp_path / "output" / "附件").iterdir())
    capsys.readouterr()


# ---------------------------------------------------------------- the register's name


def test_the_register_its_dated_copy_and_the_copy_beside_an_open_one_follow_the_configured_name(
        output: Output) -> None:
    written, notes = output.write(output.rows(), register_name="申报登记表.xlsx")
    today = datetime.now(LOCAL_TZ).date()  # files are named in office time
    names = sorted(p.name for p in output.out.iterdir())
    assert written == output.out / "申报登记表.xlsx"
    assert "申报登记表.xlsx" in names and EXPORT_NAME in names and "register.xlsx" not in names
    assert any(n.startswith("申报登记表-") and n.endswith(".xlsx") for n in names), names
    assert notes == []

    (output.out / ".~lock.申报登记表.xlsx#").write_text("张三,PC-01", encoding="utf-8")  # Excel/WPS has it open
    beside, _ = output.write(output.rows(), register_name="申报登记表.xlsx")

    assert beside.name.startswith(f"申报登记表-{today:%Y%m%d}-") and beside.suffix == ".xlsx"
    assert not (output.out / "register.xlsx").exists()


def test_renaming_the_register_carries_the_staff_columns_over_and_leaves_the_old_file(output: Output) -> None:
    old, _ = output.write(output.rows())
    wb = load_workbook(old)
    ws = wb["总表"]
    ws.cell(line_of(ws, "2024-0007"), column(ws, "人工备注")).value = "已电话通知补正"
    wb.save(old)
    typed = old.read_bytes()

    new, notes = output.write(output.rows(), register_name="申报登记表.xlsx")

    ws = load_workbook(new)["总表"]
    assert ws.cell(line_of(ws, "2024-0007"), column(ws, "人工备注")).value == "已电话通知补正"
    assert old.read_bytes() == typed  # never written again, never deleted
    assert any("register.xlsx" in n and "申报登记表.xlsx" in n for n in notes)
    _, notes = output.write(output.rows(), register_name="申报登记表.xlsx")
    assert notes == []  # said once

    # Renamed again: the columns come from the last name, not from the first.
    wb = load_workbook(new)
    wb["总表"].cell(line_of(wb["总表"], "2024-0007"), column(wb["总表"], "人工备注")).value = "已补正"
    wb.save(new)
    third, _ = output.write(output.rows(), register_name="登记表2024.xlsx")
    ws = load_workbook(third)["总表"]
    assert ws.cell(line_of(ws, "2024-0007"), column(ws, "人工备注")).value == "已补正"


def test_status_names_the_configured_register_and_the_newer_copy_beside_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_maildir(tmp_path, [case("D02")])
    config = write_settings(tmp_path, MAILDIR_SETTINGS.replace('output_dir = "output"',
                                                               'output_dir = "output"\nregister_name = "申报登记表.xlsx"'))
    assert main(["status", "-c", str(config)]) == 0
    assert f"登记表：{tmp_path / 'output' / '申报登记表.xlsx'}（尚未生成" in capsys.readouterr().out

    output = Output(tmp_path)
    output.write(output.rows(), register_name="申报登记表.xlsx")
    assert main(["status", "-c", str(config)]) == 0
    assert f"登记表：{tmp_path / 'output' / '申报登记表.xlsx'}\n" in capsys.readouterr().out

    (tmp_path / "output" / "~$申报登记表.xlsx").write_bytes(b"\0" * 162)  # Excel's owner file
    beside, _ = output.write(output.rows(), register_name="申报登记表.xlsx")
    output.store.close()
    assert main(["status", "-c", str(config)]) == 0
    assert f"登记表：{beside}\n" in capsys.readouterr().out


# ---------------------------------------------------------------- settings an admin can act on


@pytest.mark.parametrize(("key", "value", "said"), [
    ("register_name", "登记表.xls", "以 .xlsx 结尾"),
    ("register_name", "输出/登记表.xlsx", "不含文件夹"),
    ("register_name", ".xlsx", "以 .xlsx 结尾"),
    ("register_name", "CON.xlsx", "如 \"申报登记表.xlsx\""),
    ("attachment_folders", "{单位}", "须包含 {编号}"),
    ("attachment_folders", "{编号}_{unit}", "不认识的占位符 {unit}"),
    ("attachment_folders", "{编号:>8}", "不认识的占位符 {编号}"),
    ("attachment_folders", "{编号}_{单位", "花括号不成对"),
    ("attachment_folders", "{单位}/{编号}", "不能再分子文件夹"),
])
def test_a_bad_name_setting_is_explained_in_chinese_with_an_example(tmp_path: Path, key: str, value: str,
                                                                   said: str) -> None:
    write_maildir(tmp_path, [])
    config = write_settings(tmp_path, MAILDIR_SETTINGS.replace('output_dir = "output"',
                                                               f'output_dir = "output"\n{key} = "{value}"'))
    with pytest.raises(SettingsError) as refused:
        load_settings(config)
    (problem,) = refused.value.problems
    assert f"paths.{key}" in problem and said in problem and "如 \"" in problem


def test_the_names_default_to_what_existing_installs_and_other_programs_use(tmp_path: Path) -> None:
    write_maildir(tmp_path, [])
    settings = load_settings(write_settings(tmp_path, MAILDIR_SETTINGS))
    assert settings.register_path == tmp_path / "output" / "register.xlsx"
    assert settings.paths.attachment_folders == "{编号}_{单位}"
    named = load_settings(write_settings(tmp_path, MAILDIR_SETTINGS.replace(
        'output_dir = "output"', 'output_dir = "output"\nregister_name = " 申报登记表.xlsx "\n'
        'attachment_folders = "{编号}（{单位}）"')))
    assert named.register_path == tmp_path / "output" / "申报登记表.xlsx"

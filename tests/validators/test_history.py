"""Reading the funded-projects history workbook, whatever its headers look like."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from shenbao.validators.history import FundedProject, HistoryError, read_history


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def test_standard_headers_are_read(tmp_path: Path) -> None:
    path = workbook(tmp_path / "history.xlsx", {"已立项项目": [
        ["年度", "申报单位", "项目名称", "项目类别"],
        [2022, "湖南省林学会", "衡东县黄贡椒产业乡村振兴学会服务站建设", "学会服务站建设"],
        [2023, "中南大学科协", "高校科协交流机制建设", "高校科协交流机制建设"],
    ]})
    assert read_history(path) == [
        FundedProject(year=2022, applicant_org="湖南省林学会", project_name="衡东县黄贡椒产业乡村振兴学会服务站建设",
                      category="学会服务站建设", sheet="已立项项目", row_number=2),
        FundedProject(year=2023, applicant_org="中南大学科协", project_name="高校科协交流机制建设",
                      category="高校科协交流机制建设", sheet="已立项项目", row_number=3),
    ]


def test_header_variants_title_row_blank_rows_and_year_spellings(tmp_path: Path) -> None:
    path = workbook(tmp_path / "history.xlsx", {"Sheet1": [
        ["2022—2023年度已立项项目清单"],
        [],
        ["序号", "项目类型", "承担单位", "项目名称（全称）", "立项年份"],
        [1, "学术交流", " 湖南省铁道学会 ", "洞庭湖轨道交通装备专题研讨会", "2022年度"],
        [None, None, None, None, None],
        [2, "学术交流", "湖南省力学学会", "长江中游城市群计算力学学术研讨会", datetime(2023, 6, 1)],
        [3, "学术交流", "", "没有单位的行被跳过", 2023],
    ]})
    rows = read_history(path)
    assert [(p.year, p.applicant_org, p.project_name, p.category) for p in rows] == [
        (2022, "湖南省铁道学会", "洞庭湖轨道交通装备专题研讨会", "学术交流"),
        (2023, "湖南省力学学会", "长江中游城市群计算力学学术研讨会", "学术交流"),
    ]


def test_year_may_come_from_the_sheet_name(tmp_path: Path) -> None:
    path = workbook(tmp_path / "history.xlsx", {
        "2022年": [["单位名称", "项目名称"], ["湖南省航空学会", "祁东县黄花菜产业乡村振兴学会服务站建设"]],
        "2023年": [["单位名称", "项目名称"], ["湖南省金属学会", "江永县香柚产业乡村振兴学会服务站建设"]],
    })
    assert [(p.year, p.applicant_org) for p in read_history(path)] == [(2022, "湖南省航空学会"), (2023, "湖南省金属学会")]


def test_workbook_without_a_header_is_a_clear_error(tmp_path: Path) -> None:
    path = workbook(tmp_path / "history.xlsx", {"Sheet1": [["a", "b"], [1, 2]]})
    with pytest.raises(HistoryError, match="找不到表头"):
        read_history(path)


def test_file_that_is_not_a_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "history.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(HistoryError, match="无法打开"):
        read_history(path)

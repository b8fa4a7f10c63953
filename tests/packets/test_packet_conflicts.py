"""Issue 15, packets: conflicts of interest through the paper matcher's unit-name similarity,
the register's status words, what a reviewer's index shows, and no empty packets."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from shenbao.outputs.packets import Reviewer, build_packets, reviewer_warnings
from shenbao.record import Finding, RegisterRow
from tests.packets.packet_rows import NOW, Blobs, packed_row, sheet, workbook_text

ITEM_NAMES = ("学术交流", "学会服务站建设")


@pytest.fixture()
def blobs(tmp_path: Path) -> Blobs:
    return Blobs(tmp_path / "blobs")


def two_units(blobs: Blobs) -> list[RegisterRow]:
    return [packed_row(blobs, "2024-0001", "湖南省植物保护学会"), packed_row(blobs, "2024-0002", "湖南省物理学会")]


@pytest.mark.parametrize("written", ["省植保学会", "湖南省植物保护协会", "植物保护学会"])
def test_a_partner_unit_written_short_withholds_that_units_application_and_says_why(
        tmp_path: Path, blobs: Blobs, written: str) -> None:
    out = tmp_path / "out"
    reviewer = Reviewer(name="王教授", unit="中南大学", partner_units=(written,))
    [packet] = build_packets(two_units(blobs), blobs.path, out, reviewers=[reviewer], now=NOW)
    assert packet.packed == ("2024-0002",)
    assert not any(p.name.startswith("2024-0001") for p in packet.folder.iterdir())
    assert packet.merged_pdf is not None
    assert "湖南省植物保护学会" not in "".join(page.extract_text() for page in PdfReader(packet.merged_pdf).pages)
    [(row_id, org, _project, why)] = sheet(packet.index, "回避")
    assert (row_id, org) == ("2024-0001", "湖南省植物保护学会")
    assert f"王教授的关联单位（{written}）" in str(why) and "申报单位" in str(why) and "回避" in str(why)
    [(reviewer_name, overview_id, *_rest, overview_why)] = sheet(out / "总览.xlsx", "回避")
    assert (reviewer_name, overview_id, overview_why) == ("王教授", "2024-0001", why)


def test_a_short_form_of_the_reviewers_own_unit_withholds_too(tmp_path: Path, blobs: Blobs) -> None:
    reviewer = Reviewer(name="李研究员", unit="省植保学会")
    [packet] = build_packets(two_units(blobs), blobs.path, tmp_path / "out", reviewers=[reviewer], now=NOW)
    assert packet.packed == ("2024-0002",)
    [(_id, _org, _project, why)] = sheet(packet.index, "回避")
    assert "李研究员的所在单位（省植保学会）" in str(why) and "名称相近" in str(why)


def test_one_partner_entry_listing_two_units_withholds_both(tmp_path: Path, blobs: Blobs) -> None:
    rows = [*two_units(blobs), packed_row(blobs, "2024-0003", "湖南省数学学会")]
    reviewer = Reviewer(name="王教授", unit="中南大学", partner_units=("省植保学会、湖南省物理学会",))
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", reviewers=[reviewer], now=NOW)
    assert packet.packed == ("2024-0003",)
    assert [line[0] for line in sheet(packet.index, "回避")] == ["2024-0001", "2024-0002"]


def test_a_partner_in_the_application_is_matched_by_its_short_form_as_well(tmp_path: Path, blobs: Blobs) -> None:
    rows = [packed_row(blobs, "2024-0001", "湖南省化学学会", partners=("中南大学科学技术协会",)),
            packed_row(blobs, "2024-0002", "湖南省物理学会")]
    reviewer = Reviewer(name="赵教授", unit="中南大学科协")
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", reviewers=[reviewer], now=NOW)
    assert packet.packed == ("2024-0002",)
    assert "参与单位" in str(sheet(packet.index, "回避")[0][3])


def test_units_that_only_share_their_ending_are_not_a_conflict(tmp_path: Path, blobs: Blobs) -> None:
    rows = [packed_row(blobs, "2024-0001", "岳阳市科学技术协会"), packed_row(blobs, "2024-0002", "湖南省化学学会")]
    reviewer = Reviewer(name="王教授", unit="衡阳市科协", partner_units=("湖南省物理学会",))
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", reviewers=[reviewer], now=NOW)
    assert packet.packed == ("2024-0001", "2024-0002") and packet.withheld == ()


def test_a_repeat_funded_row_is_refused_as_in_the_register_not_packed_as_passed(tmp_path: Path, blobs: Blobs) -> None:
    out = tmp_path / "out"
    repeat = Finding(code="REPEAT_FUNDED", severity="error", message="该项目2023年已获资助，不得重复申报")
    doubt = Finding(code="NEEDS_REVIEW", severity="warning", field="project_name", message="项目名称读取存疑")
    funding = Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan", message="申请经费超出范围")
    rows = [packed_row(blobs, "2024-0001", "湖南省蜂业学会", findings=(repeat,)),
            packed_row(blobs, "2024-0002", "湖南省物理学会", findings=(repeat, doubt)),
            packed_row(blobs, "2024-0003", "湖南省化学学会", findings=(funding,)),
            packed_row(blobs, "2024-0004", "湖南省数学学会")]
    [packet] = build_packets(rows, blobs.path, out, now=NOW)
    assert packet.packed == ("2024-0003", "2024-0004")
    assert [(line[0], line[4]) for line in sheet(packet.index, "评审材料")] == [("2024-0003", "可补正"),
                                                                            ("2024-0004", "正常")]
    failed = {line[0]: line[4] for line in sheet(out / "总览.xlsx", "形式审查未通过")}
    assert failed == {"2024-0001": "不予受理：该项目2023年已获资助，不得重复申报",
                      # a refusal that may rest on a misreading waits for staff, as the register says
                      "2024-0002": "需人工核对：该项目2023年已获资助，不得重复申报"}
    assert "通过" not in workbook_text(packet.index) + workbook_text(out / "总览.xlsx").replace("未通过", "")


def test_the_reviewers_index_shows_the_application_not_findings_or_receipt_numbers(
        tmp_path: Path, blobs: Blobs) -> None:
    findings = (
        Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan", message="申请经费超出内部核定范围"),
        Finding(code="PAPER_SHORT", severity="error", message="纸质件只收到1份（登记簿 P-031），应为3份"),
        Finding(code="NEEDS_REVIEW", severity="warning", message="纸质件配对存疑：登记簿 P-044 单位名称 0.74×0.6"),
    )
    rows = [packed_row(blobs, "2024-0001", "湖南省化学学会", findings=findings),
            packed_row(blobs, "2024-0002", "湖南省物理学会")]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", reviewers=[Reviewer(name="王教授", unit="中南大学")],
                             now=NOW)
    text = workbook_text(packet.index)
    assert "2024-0001" in text and "湖南省化学学会" in text and "可补正" in text
    for secret in ("内部核定", "P-031", "P-044", "登记簿", "配对", "0.74"):
        assert secret not in text
    assert packet.merged_pdf is not None
    pdf_text = "".join(page.extract_text() for page in PdfReader(packet.merged_pdf).pages)
    assert "P-031" not in pdf_text and "内部核定" not in pdf_text


def test_a_reviewer_or_item_with_nothing_to_review_gets_no_packet_and_the_overview_says_so(
        tmp_path: Path, blobs: Blobs) -> None:
    out = tmp_path / "out"
    late = Finding(code="LATE_ELECTRONIC", severity="error", message="电子版晚于截止时间")
    rows = [packed_row(blobs, "2024-0001", "湖南省植物保护学会"),
            packed_row(blobs, "2024-0002", "湖南省物理学会", item="学会服务站建设", findings=(late,))]
    reviewers = [Reviewer(name="王教授", unit="省植保学会", items=("学术交流",)),
                 Reviewer(name="李教授", unit="中南大学", items=("学术交流",)),
                 Reviewer(name="服务站组", unit="", items=("学会服务站建设", "学会制度机制建设"))]
    packets = build_packets(rows, blobs.path, out, reviewers=reviewers, now=NOW)
    assert [(p.item, p.reviewer) for p in packets] == [("学术交流", "李教授")]
    assert sorted(p.name for p in out.iterdir()) == ["学术交流_李教授", "学术交流_李教授.zip", "总览.xlsx"]
    made = {(line[0], line[1]): (line[2], line[3], line[5]) for line in sheet(out / "总览.xlsx", "材料包")}
    assert made == {
        ("学术交流", "李教授"): ("学术交流_李教授", 1, None),
        ("学术交流", "王教授"): (None, 0, "本类项目均需该专家回避，未生成材料包"),
        ("学会服务站建设", "服务站组"): (None, 0, "没有可送审的项目，未生成材料包"),
        ("学会制度机制建设", "服务站组"): (None, 0, "没有可送审的项目，未生成材料包"),
    }


def test_without_reviewers_an_item_with_nothing_to_review_gets_no_packet(tmp_path: Path, blobs: Blobs) -> None:
    out = tmp_path / "out"
    late = Finding(code="LATE_ELECTRONIC", severity="error", message="电子版晚于截止时间")
    rows = [packed_row(blobs, "2024-0001", "湖南省化学学会"),
            packed_row(blobs, "2024-0002", "湖南省物理学会", item="学会服务站建设", findings=(late,))]
    assert [p.item for p in build_packets(rows, blobs.path, out, now=NOW)] == ["学术交流"]
    assert not (out / "学会服务站建设").exists() and not (out / "学会服务站建设.zip").exists()
    made = {line[0]: line[5] for line in sheet(out / "总览.xlsx", "材料包")}
    assert made == {"学术交流": None, "学会服务站建设": "没有可送审的项目，未生成材料包"}


def test_check_config_warns_about_an_item_typo_and_a_partner_unit_matching_no_unit() -> None:
    reviewers = [Reviewer(name="王教授", unit="中南大学", items=("学术交流", "学会服务站建没"),
                          partner_units=("省植保学会", "湖南省光电学会", "湖南省化学学会"))]
    units = ["湖南省植物保护学会", "中南大学科学技术协会", "湖南省化学学会"]
    warnings = reviewer_warnings(reviewers, ITEM_NAMES, units)
    assert warnings == [
        "评审专家“王教授”的 items 中的“学会服务站建没”不是指南的项目类别（学术交流、学会服务站建设），该专家收不到这一类的材料包",
        "评审专家“王教授”的“中南大学”与登记表中的“中南大学科学技术协会”名称相近，将视为同一单位回避",
        "评审专家“王教授”的“省植保学会”与登记表中的“湖南省植物保护学会”名称相近，将视为同一单位回避",
        "评审专家“王教授”的 partner_units 中的“湖南省光电学会”与登记表中的任何单位都对不上，请检查是否写错"
        "（写错时该单位的申报仍会送给这位专家）",
    ]


def test_check_config_says_when_partner_units_cannot_be_checked_yet() -> None:
    reviewers = [Reviewer(name="王教授", unit="中南大学", items=("学术交流",), partner_units=("省植保学会",))]
    assert reviewer_warnings(reviewers, ITEM_NAMES, None) == ["登记表尚未生成，暂无法核对评审专家的 partner_units"]
    assert reviewer_warnings([Reviewer(name="李教授", unit="中南大学")], ITEM_NAMES, []) == []

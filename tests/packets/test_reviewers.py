"""Conflicts of interest through a reviewer's partner units, and applications nobody receives."""

from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import load_workbook

from shenbao.outputs.packets import build_packets
from shenbao.packet_files import reviewers_from
from shenbao.record import FileRef, Fields
from shenbao.settings import ReviewerSettings
from tests.outputs.rows import application_row


def stored_row(blobs: Path, row_id: str, org: str, item: str = "学术交流"):  # type: ignore[no-untyped-def]
    data = b"%PDF-1.4 not really a pdf " + row_id.encode()
    sha = hashlib.sha256(data).hexdigest()
    (blobs / sha).write_bytes(data)
    return application_row(row_id, files=(FileRef(name="申报书.pdf", sha256=sha, role="form"),),
                           fields=Fields(applicant_org=org, project_name=f"{org}项目", subcategory=item))


def test_a_reviewer_never_gets_an_application_from_a_partner_unit_and_the_overview_says_who_got_nothing(
        tmp_path: Path) -> None:
    blobs = tmp_path / "blobs"
    blobs.mkdir()
    rows = [stored_row(blobs, "2024-0001", "湖南省化学学会"), stored_row(blobs, "2024-0002", "湖南省物理学会"),
            stored_row(blobs, "2024-0003", "湖南省数学学会", item="学会服务站建设")]
    reviewers = reviewers_from([ReviewerSettings(name="王教授", unit="中南大学",
                                                 partner_units=("湖南省 化学学会",), items=("学术交流",))])
    calls: list[tuple[int, int]] = []
    [packet] = build_packets(rows, lambda sha: blobs / sha, tmp_path / "out", reviewers=reviewers,
                             progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]  # once per application
    assert packet.packed == ("2024-0002",)
    assert packet.withheld[0][0] == "2024-0001" and "关联单位（湖南省 化学学会）" in packet.withheld[0][1]
    assert not any(p.name.startswith("2024-0001") for p in packet.folder.iterdir())
    unsent = list(load_workbook(tmp_path / "out" / "总览.xlsx")["未送审"].iter_rows(min_row=2, values_only=True))
    assert {line[0]: line[4] for line in unsent} == {
        "2024-0001": "负责本类项目的评审专家均需回避，请另请专家评审",
        "2024-0003": "没有评审专家负责这一项目类别（学会服务站建设），请在设置文件的 [[reviewers]] 中补充",
    }


def test_long_chinese_names_fit_linux_and_macos_limits_and_stay_distinct(tmp_path: Path) -> None:
    blobs = tmp_path / "blobs"
    blobs.mkdir()
    row = stored_row(blobs, "2024-0001", "湖南省" + "非常长的单位名称" * 12)
    extra = tuple(FileRef(name=f"附件{n}：{'很长的附件名称' * 6}.pdf", sha256=row.files[0].sha256, role="attachment")
                  for n in (1, 2))
    row = row.model_copy(update={"files": row.files + extra})
    [packet] = build_packets([row], lambda sha: blobs / sha, tmp_path / "out")
    names = sorted(p.name for p in packet.folder.iterdir() if p.name.startswith("2024-0001"))
    assert len(names) == 3
    assert all(len(n.encode()) <= 200 and len(n) <= 100 for n in names)
    assert any("_附件1_很长的附件名称" in n for n in names) and any("_附件2_很长的附件名称" in n for n in names)

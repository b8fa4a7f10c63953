"""Issue 15, packets: the merged PDF opens with a cover and a contents page, and every page
of an application carries its 编号, upright in the top right corner."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from shenbao.outputs.packets import Reviewer, build_packets
from tests.packets.packet_rows import NOW, Blobs, packed_row, pdf_pages, sheet


@pytest.fixture()
def blobs(tmp_path: Path) -> Blobs:
    return Blobs(tmp_path / "blobs")


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_merged_pdf_opens_with_a_cover_and_a_contents_page(tmp_path: Path, blobs: Blobs) -> None:
    rows = [packed_row(blobs, "2024-0001", "湖南省化学学会", pages=2),
            packed_row(blobs, "2024-0002", "湖南省物理学会", pages=3)]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", reviewers=[Reviewer(name="王教授", unit="中南大学")],
                             now=NOW)
    assert packet.merged_pdf is not None
    cover, contents, *pages = page_texts(packet.merged_pdf)
    for line in ("评审材料", "评审专家：王教授", "项目类别：学术交流", "生成日期：2024-05-20", "申报项目：2 项"):
        assert line in cover
    lines = contents.splitlines()
    assert lines[0] == "目录"
    # the cover is page 1, the contents page 2: the first application starts on page 3
    assert lines[1] == "2024-0001 湖南省化学学会 湖南省化学学会学术交流项目 第 3 页"
    assert lines[2] == "2024-0002 湖南省物理学会 湖南省物理学会学术交流项目 第 5 页"
    assert len(pages) == 5
    assert "湖南省物理学会 申报书 第1页" in pages[2]  # page 5 of the PDF


def test_every_page_of_an_application_carries_its_id_upright_in_the_top_right_corner(
        tmp_path: Path, blobs: Blobs) -> None:
    turned = pdf_pages("湖南省物理学会 横放第1页", "湖南省物理学会 横放第2页", rotate=90)
    rows = [packed_row(blobs, "2024-0001", "湖南省化学学会", pages=3),
            packed_row(blobs, "2024-0002", "湖南省物理学会", form=turned)]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", now=NOW)
    assert packet.merged_pdf is not None
    texts = page_texts(packet.merged_pdf)
    assert len(texts) == 2 + 3 + 2
    assert [re.findall(r"编号 (\d{4}-\d{4})", t) for t in texts] == [[], [], *[["2024-0001"]] * 3,
                                                                   *[["2024-0002"]] * 2]
    with pdfplumber.open(packet.merged_pdf) as pdf:
        for page in pdf.pages[2:]:
            stamp = [c for c in page.chars if c["text"] in "编号"]
            assert stamp and all(c["upright"] for c in stamp)
            assert all(c["x0"] > page.width / 2 and c["top"] < page.height / 8 for c in stamp)


def test_contents_over_several_pages_give_each_application_the_page_its_bookmark_opens(
        tmp_path: Path, blobs: Blobs) -> None:
    rows = [packed_row(blobs, f"2024-{n:04d}", f"湖南省第{n}学会", pages=1 + n % 2) for n in range(1, 41)]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", now=NOW)
    assert packet.merged_pdf is not None
    texts = page_texts(packet.merged_pdf)
    listed = dict(re.findall(r"^(\d{4}-\d{4}) .*第 (\d+) 页$", texts[1] + "\n" + texts[2], re.MULTILINE))
    assert "目录" in texts[2] and "编号" not in texts[2]  # 40 lines: the contents take two pages
    reader = PdfReader(packet.merged_pdf)
    marks = [m for m in reader.outline if isinstance(m, Destination)]
    opened = {str(m.title).split(" ")[0]: reader.get_destination_page_number(m) + 1 for m in marks}
    assert len(listed) == 40 and {k: int(v) for k, v in listed.items()} == opened
    assert all(f"编号 {row_id}" in texts[page - 1] for row_id, page in opened.items())


def test_an_application_whose_pdf_is_broken_is_left_out_of_the_contents_with_a_note(
        tmp_path: Path, blobs: Blobs) -> None:
    rows = [packed_row(blobs, "2024-0001", "湖南省化学学会", form=b"%PDF-1.4 broken"),
            packed_row(blobs, "2024-0002", "湖南省物理学会")]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", now=NOW)
    assert packet.merged_pdf is not None
    cover, contents, only = page_texts(packet.merged_pdf)
    assert "申报项目：1 项" in cover and "2024-0001" not in contents and "编号 2024-0002" in only
    assert any("申报书.pdf无法并入合并PDF" in note for note in packet.notes)
    assert [line[0] for line in sheet(packet.index, "评审材料")] == ["2024-0001", "2024-0002"]  # its file is still there

"""`shenbao packets` end to end on the demo workspace, and the pieces packet_files adds to
outputs.packets (file choice, PDF conversion, swapping the folder in)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import Destination

from shenbao.cli import main
from shenbao.demo.workspace import build_workspace
from shenbao.intake.sniff import sniff_kind
from shenbao.packet_files import convert_to_pdfs, files_for_reviewers, swap_in
from shenbao.pipeline import run_once
from shenbao.record import Evidence, FileKind, FileRef
from shenbao.settings import load_settings
from tests.outputs.rows import application_row

REVIEWERS = """
[[reviewers]]
name = "王教授"
unit = "湖南省声学学会"
items = ["学术交流"]

[[reviewers]]
name = "服务站评审组"
items = ["学会服务站建设"]
"""


def sheet_lines(path: Path, sheet: str) -> list[tuple[object, ...]]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


@pytest.fixture(scope="module")
def demo_packets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace after one poll and one `shenbao packets` run (one LibreOffice batch)."""
    root = tmp_path_factory.mktemp("demo")
    ws = build_workspace(root)
    with ws.settings.open("a", encoding="utf-8") as fh:
        fh.write(REVIEWERS)
    run_once(load_settings(ws.settings))
    assert main(["packets", "-c", str(ws.settings)]) == 0
    return root / "output" / "评审材料"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
class TestDemoPackets:
    def test_each_reviewer_gets_a_folder_and_a_zip_per_item(self, demo_packets: Path) -> None:
        entries = {p.name for p in demo_packets.iterdir()}
        assert entries == {"学术交流_王教授", "学术交流_王教授.zip", "学会服务站建设_服务站评审组",
                           "学会服务站建设_服务站评审组.zip", "总览.xlsx"}

    def test_files_are_renamed_converted_to_pdf_and_the_zip_flags_utf8(self, demo_packets: Path) -> None:
        folder = demo_packets / "学会服务站建设_服务站评审组"
        names = {p.name for p in folder.iterdir()}
        # the form came as a .docx inside 湖南省微生物学会申报材料.zip: the member is packed, converted
        assert "2024-0009_湖南省微生物学会_服务酱香型白酒企业科技创新学会服务站建设.pdf" in names
        assert "2024-0009_湖南省微生物学会_服务酱香型白酒企业科技创新学会服务站建设_附件1_专家团队名单.pdf" in names
        assert "2024-0009_湖南省微生物学会_服务酱香型白酒企业科技创新学会服务站建设_附件2_服务站建设方案.pdf" in names
        assert not any(n.endswith(".zip") or n.endswith(".docx") for n in names)  # neither the archive nor raw Word
        assert all(PdfReader(folder / n).pages for n in names if n.startswith("2024-"))
        with zipfile.ZipFile(demo_packets / "学会服务站建设_服务站评审组.zip") as zf:
            infos = zf.infolist()
        assert {i.filename for i in infos} == {f"{folder.name}/{n}" for n in names}
        assert all(i.flag_bits & 0x800 for i in infos)

    def test_the_merged_pdf_has_one_bookmark_per_application(self, demo_packets: Path) -> None:
        folder = demo_packets / "学会服务站建设_服务站评审组"
        reader = PdfReader(folder / "学会服务站建设_服务站评审组_合并.pdf")
        marks = [o for o in reader.outline if isinstance(o, Destination)]
        assert len(marks) == len(reader.outline)
        titles = [m.title for m in marks]
        # 2024-0010 was funded last year: 不予受理, as in the register, so not packed
        assert [t.split(" ")[0] for t in titles] == ["2024-0003", "2024-0005", "2024-0009", "2024-0020"]
        assert "2024-0009 湖南省微生物学会 服务酱香型白酒企业科技创新学会服务站建设" in titles
        pages = [reader.get_destination_page_number(m) for m in marks]
        assert pages[0] == 2 and pages == sorted(set(pages))  # after the cover and the contents
        assert "湖南省微生物学会" in reader.pages[pages[2]].extract_text()  # the bookmark lands on its form

    def test_the_index_lists_packed_and_withheld_applications(self, demo_packets: Path) -> None:
        index = demo_packets / "学术交流_王教授" / "学术交流_王教授_目录.xlsx"
        packed = sheet_lines(index, "评审材料")
        assert packed[0][:5] == ("编号", "申报单位", "项目名称", "申请经费（万元）", "状态")
        ids = [line[0] for line in packed[1:]]
        assert "2024-0004" in ids and "2024-0018" in ids
        assert "2024-0017" not in ids  # superseded by 2024-0018: only the latest version is packed
        assert "2024-0002" not in ids  # 湖南省声学学会 is 王教授's own unit
        assert load_workbook(index).sheetnames == ["评审材料", "回避"]  # other units' failures are on the 总览 only
        withheld = sheet_lines(index, "回避")[1:]
        assert [line[0] for line in withheld] == ["2024-0002"] and "王教授" in withheld[0][3]
        names = {p.name for p in index.parent.iterdir()}
        assert not any(n.startswith(("2024-0002_", "2024-0012_", "2024-0017_", "2024-0021_")) for n in names)

    def test_the_overview_lists_every_failed_and_unsent_application(self, demo_packets: Path) -> None:
        overview = demo_packets / "总览.xlsx"
        failed = {line[0]: line[4] for line in sheet_lines(overview, "形式审查未通过")[1:]}
        # late (both items), ineligible, designated item taken by another unit, paper only, funded last year
        assert set(failed) == {"2024-0010", "2024-0012", "2024-0013", "2024-0023", "2024-0021", "2024-0022"}
        assert "晚于电子版截止时间" in failed["2024-0021"] and failed["2024-0021"].startswith("不予受理：")
        assert failed["2024-0010"].startswith("不予受理：")
        unsent = {line[0]: line[4] for line in sheet_lines(overview, "未送审")[1:]}
        assert set(unsent) == {"2024-0002", "2024-0006"}
        assert "回避" in unsent["2024-0002"] and "“科创中国”试点城市建设" in unsent["2024-0006"]


def ref(name: str, role: str = "attachment", origin: str = "附件", sha: str = "0") -> FileRef:
    return FileRef(name=name, sha256=sha * 64, role=role, origin=origin)  # type: ignore[arg-type]


def test_a_form_inside_a_zip_is_packed_as_the_member_not_the_archive() -> None:
    files = (ref("材料.zip", "form", sha="1"), ref("材料/申报书.docx", "form", "压缩包 材料.zip", "2"),
             ref("材料/附件1.docx", "attachment", "压缩包 材料.zip", "3"), ref("坏.doc", "unreadable", sha="4"))
    kinds: dict[str, FileKind] = {"1" * 64: "zip", "2" * 64: "docx", "3" * 64: "docx", "4" * 64: "doc"}
    chosen = files_for_reviewers(application_row(files=files), lambda f: kinds[f.sha256])
    assert [f.name for f in chosen] == ["材料/申报书.docx", "材料/附件1.docx"]


def test_an_archive_that_could_not_be_expanded_is_packed_as_it_is() -> None:
    files = (ref("申报书.docx", "form", sha="1"), ref("图纸.rar", sha="2"))
    chosen = files_for_reviewers(application_row(files=files), lambda f: "rar" if f.name.endswith("rar") else "docx")
    assert [f.name for f in chosen] == ["申报书.docx", "图纸.rar"]


def test_each_row_of_a_two_form_message_keeps_only_its_own_form() -> None:
    files = (ref("甲申报书.docx", "form", sha="1"), ref("乙申报书.docx", "form", sha="2"), ref("预算.xlsx", sha="3"))
    row = application_row(files=files, evidence={"project_name": Evidence(file="乙申报书.docx", where="表1", text="乙")})
    assert [f.name for f in files_for_reviewers(row, lambda f: "docx")] == ["乙申报书.docx", "预算.xlsx"]


def test_images_become_pdfs_without_libreoffice_and_unknown_files_are_left_alone(tmp_path: Path) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buf, "PNG")
    blobs = {"1" * 64: buf.getvalue(), "2" * 64: b"\x00\x01 not a known format", "3" * 64: b"junk %PDF-1.4 rest"}
    for sha, data in blobs.items():
        (tmp_path / sha).write_bytes(data)
    files = {sha: FileRef(name=name, sha256=sha, role="attachment", kind=sniff_kind(blobs[sha], name))
             for sha, name in (("1" * 64, "扫描件.png"), ("2" * 64, "数据.bin"), ("3" * 64, "申报书.pdf"))}
    out = convert_to_pdfs(files, lambda sha: tmp_path / sha)
    image_pdf = out["1" * 64]
    assert isinstance(image_pdf, bytes) and len(PdfReader(io.BytesIO(image_pdf)).pages) == 1
    assert "2" * 64 not in out
    assert out["3" * 64] == blobs["3" * 64]


def test_swapping_in_replaces_the_whole_folder_so_no_stale_packet_remains(tmp_path: Path) -> None:
    target = tmp_path / "评审材料"
    (target / "学术交流_已删除的专家").mkdir(parents=True)
    built = tmp_path / ".tmp-new"
    (built / "学术交流_王教授").mkdir(parents=True)
    assert swap_in(built, target) == target
    assert [p.name for p in target.iterdir()] == ["学术交流_王教授"]
    assert [p.name for p in tmp_path.iterdir()] == ["评审材料"]

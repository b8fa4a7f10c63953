from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import Destination
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from shenbao.outputs.packets import Reviewer, build_packets
from shenbao.record import FileRef, Fields, Finding, RegisterRow
from tests.outputs.rows import application_row, other_row

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))


def pdf_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buf.getvalue()


class Blobs:
    """A content-addressed folder like the store's."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir()

    def add(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        (self.root / sha).write_bytes(data)
        return sha

    def path(self, sha: str) -> Path:
        return self.root / sha


def fake_to_pdf(data: bytes, name: str) -> bytes:
    if b"BROKEN" in data:
        raise RuntimeError("无法转换：LibreOffice 未写出文件")
    return pdf_bytes("converted " + name)


def app(blobs: Blobs, row_id: str, org: str, project: str, *, item: str = "学术交流",
        findings: tuple[Finding, ...] = (), superseded_by: str | None = None,
        form: bytes | None = None, partner: tuple[str, ...] = ()) -> RegisterRow:
    form_data = form if form is not None else pdf_bytes(f"{row_id} form")
    files = (
        FileRef(name="申报书.pdf" if form_data.startswith(b"%PDF") else "申报书.docx",
                sha256=blobs.add(form_data), role="form"),
        FileRef(name="预算表.xlsx", sha256=blobs.add(b"xlsx " + row_id.encode()), role="attachment"),
        FileRef(name="坏文件.doc", sha256=blobs.add(b"bad " + row_id.encode()), role="unreadable"),
    )
    return application_row(
        row_id, files=files, findings=findings, superseded_by=superseded_by,
        fields=Fields(applicant_org=org, project_name=project, subcategory=item, funding_wan=8.0,
                      partner_orgs=partner),
    )


@pytest.fixture()
def blobs(tmp_path: Path) -> Blobs:
    return Blobs(tmp_path / "blobs")


def test_one_packet_per_item_with_safe_names_merged_pdf_bookmarks_and_index(tmp_path: Path, blobs: Blobs) -> None:
    rows = [
        app(blobs, "2024-0002", "湖南省化学学会", "化学学术年会"),
        app(blobs, "2024-0001", "湖南省物理学会", "物理/光学论坛?", form=b"PK docx bytes"),
        app(blobs, "2024-0003", "湖南省某学会", "学会服务站", item="学会服务站建设"),
        app(blobs, "2024-0004", "湖南省旧学会", "旧版本", superseded_by="2024-0002"),
        other_row("2024-0005"),
    ]
    packets = build_packets(rows, blobs.path, tmp_path / "out", convert_to_pdf=fake_to_pdf)
    by_item = {p.item: p for p in packets}
    assert set(by_item) == {"学术交流", "学会服务站建设"}
    academic = by_item["学术交流"]
    assert academic.packed == ("2024-0001", "2024-0002")
    names = sorted(p.name for p in academic.folder.iterdir())
    assert "2024-0001_湖南省物理学会_物理_光学论坛_.pdf" in names  # converted from .docx
    assert "2024-0002_湖南省化学学会_化学学术年会.pdf" in names
    assert any(n.startswith("2024-0002_湖南省化学学会_化学学术年会_附件1_预算表") for n in names)
    assert not any("坏文件" in n or "2024-0004" in n for n in names)
    assert all(len(n) <= 100 for n in names)

    assert academic.merged_pdf is not None
    reader = PdfReader(academic.merged_pdf)
    outline = [o for o in reader.outline if isinstance(o, Destination)]
    assert len(outline) == len(reader.outline)  # flat: one bookmark per application
    titles = [o.title for o in outline]
    assert titles == ["2024-0001 湖南省物理学会 物理/光学论坛?", "2024-0002 湖南省化学学会 化学学术年会"]
    assert len(reader.pages) == 2 + 4  # cover, contents; each: form + its converted budget sheet
    assert reader.get_destination_page_number(outline[1]) == 4

    with zipfile.ZipFile(academic.zip_path) as zf:
        infos = zf.infolist()
        assert {i.filename.split("/", 1)[1] for i in infos} == set(names)
        assert all(i.flag_bits & 0x800 for i in infos)

    index = load_workbook(academic.index)
    assert index.sheetnames == ["评审材料"]  # failures are staff's business (总览); no reviewer, no 回避
    lines = list(index["评审材料"].iter_rows(values_only=True))
    assert lines[0][:5] == ("编号", "申报单位", "项目名称", "申请经费（万元）", "状态")
    assert [line[0] for line in lines[1:]] == ["2024-0001", "2024-0002"]
    assert lines[1][3] == 8 and lines[1][4] == "正常"


def test_failed_formal_check_is_listed_not_packed(tmp_path: Path, blobs: Blobs) -> None:
    late = Finding(code="LATE_ELECTRONIC", severity="error", message="电子版于2024年5月2日收到，晚于截止时间")
    funding = Finding(code="FUNDING_OUT_OF_RANGE", severity="error", message="申请经费超出范围")
    rows = [app(blobs, "2024-0001", "湖南省甲学会", "甲", findings=(late,)),
            app(blobs, "2024-0002", "湖南省乙学会", "乙", findings=(funding,))]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out")
    assert packet.packed == ("2024-0002",) and packet.failed == ("2024-0001",)
    assert not any(p.name.startswith("2024-0001") for p in packet.folder.iterdir())
    failed = list(load_workbook(tmp_path / "out" / "总览.xlsx")["形式审查未通过"].iter_rows(min_row=2, values_only=True))
    assert failed[0][0] == "2024-0001" and failed[0][4] == "不予受理：电子版于2024年5月2日收到，晚于截止时间"
    passed = list(load_workbook(packet.index)["评审材料"].iter_rows(min_row=2, values_only=True))
    assert passed[0][4] == "可补正"  # the register's word; the finding itself is not the reviewer's business


def test_a_reviewer_never_gets_an_application_from_their_own_unit(tmp_path: Path, blobs: Blobs) -> None:
    rows = [app(blobs, "2024-0001", "湖南省化学学会", "化学年会"),
            app(blobs, "2024-0002", "湖南省物理学会", "物理论坛", partner=("中南大学科学技术协会",)),
            app(blobs, "2024-0003", "湖南省数学学会", "数学论坛")]
    reviewers = [Reviewer(name="王教授", unit="湖南省 化学学会（盖章）"),
                 Reviewer(name="李教授", unit="中南大学科协", items=("学术交流",)),
                 Reviewer(name="赵教授", unit="湖南省数学学会", items=("学会服务站建设",))]
    packets = {p.reviewer: p for p in build_packets(rows, blobs.path, tmp_path / "out", reviewers=reviewers)}
    assert set(packets) == {"王教授", "李教授"}  # 赵教授 reviews another item
    assert packets["王教授"].packed == ("2024-0002", "2024-0003")
    assert packets["李教授"].packed == ("2024-0001", "2024-0003")
    assert packets["王教授"].folder != packets["李教授"].folder
    withheld = list(load_workbook(packets["李教授"].index)["回避"].iter_rows(min_row=2, values_only=True))
    assert withheld[0][0] == "2024-0002"
    assert "李教授" in withheld[0][3] and "参与单位" in withheld[0][3]


def test_a_file_that_cannot_be_converted_is_packed_as_it_is_with_a_note(tmp_path: Path, blobs: Blobs) -> None:
    rows = [app(blobs, "2024-0001", "湖南省甲学会", "甲", form=b"PK BROKEN docx")]
    [packet] = build_packets(rows, blobs.path, tmp_path / "out", convert_to_pdf=fake_to_pdf)
    assert (packet.folder / "2024-0001_湖南省甲学会_甲.docx").read_bytes() == b"PK BROKEN docx"
    notes = list(load_workbook(packet.index)["评审材料"].iter_rows(min_row=2, values_only=True))[0][6]
    assert "未能转换为PDF" in notes


def test_rebuilding_replaces_the_packet_folder(tmp_path: Path, blobs: Blobs) -> None:
    out = tmp_path / "out"
    build_packets([app(blobs, "2024-0001", "湖南省甲学会", "甲")], blobs.path, out)
    [packet] = build_packets([app(blobs, "2024-0002", "湖南省乙学会", "乙")], blobs.path, out)
    assert not any(p.name.startswith("2024-0001") for p in packet.folder.iterdir())
    assert not [p for p in out.iterdir() if p.name.startswith(".tmp")]


def test_a_long_title_is_shortened_but_every_file_keeps_its_own_suffix(tmp_path: Path, blobs: Blobs) -> None:
    row = app(blobs, "2024-0001", "湖南省" + "很长的单位名称" * 8 + "学会", "学术交流" * 40 + "论坛")
    extra = (FileRef(name="附件2：专家名单.xlsx", sha256=blobs.add(b"xlsx names"), role="attachment"),)
    row = row.model_copy(update={"files": row.files + extra})
    [packet] = build_packets([row], blobs.path, tmp_path / "out")
    names = sorted(p.name for p in packet.folder.iterdir() if p.name.startswith("2024-0001"))
    assert len(names) == 3, names
    assert all(len(n) <= 100 and len(n.encode()) <= 200 for n in names), names
    assert sum(n.endswith(".pdf") for n in names) == 1
    assert any(n.endswith("_附件1_预算表.xlsx") for n in names) and any(n.endswith("_附件2_专家名单.xlsx") for n in names)

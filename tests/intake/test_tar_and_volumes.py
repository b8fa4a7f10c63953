"""Tar archives (plain, .tar.gz, .tar.bz2, .tar.xz) and archives split into numbered volumes
(7-Zip's 分卷: 申报材料.zip.001, .002): read like any other archive, within the same caps, and
a split file with a volume missing is reported by name, never dropped in silence."""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest
from shenbao.intake import archives
from shenbao.intake.archives import archive_to_parts, join_volumes, volume_of
from shenbao.intake.mime import parse_message
from shenbao.intake.sniff import sniff_kind
from shenbao.record import Part
from tests.builders.eml import attachment, forwarded, mail, text_part
from tests.intake.file_builders import docx_bytes, pdf_bytes, sevenzip_bytes, zip_bytes


def _tar(entries: list[tuple[str | tarfile.TarInfo, bytes]], mode: str = "w:gz", encoding: str = "utf-8",
         tar_format: int = tarfile.PAX_FORMAT) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode, encoding=encoding, format=tar_format) as tf:  # type: ignore[call-overload]
        for entry, data in entries:
            info = entry if isinstance(entry, tarfile.TarInfo) else tarfile.TarInfo(entry)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _part(data: bytes, name: str) -> Part:
    return Part(name=name, content_type="application/octet-stream", data=data, origin="附件",
                kind=sniff_kind(data, name))


@pytest.mark.parametrize(("mode", "name"), [("w:gz", "申报材料.tar.gz"), ("w:bz2", "申报材料.tar.bz2"),
                                            ("w:xz", "申报材料.tar.xz"), ("w", "申报材料.tar")])
def test_a_tar_archive_is_expanded_whatever_it_is_compressed_with(mode: str, name: str) -> None:
    form = docx_bytes("项目申报书")
    data = _tar([("申报材料/申报书.docx", form), ("申报材料/专家名单.pdf", pdf_bytes())], mode)
    assert sniff_kind(data, name) == "tar"
    archive, members = archive_to_parts(_part(data, name), 0)
    assert archive.problem is None
    assert [(m.name, m.kind, m.data == form) for m in members] == [
        ("申报材料/申报书.docx", "docx", True), ("申报材料/专家名单.pdf", "pdf", False)]
    assert all(m.origin == f"压缩包 {name}" for m in members)


def test_gbk_names_written_by_a_chinese_windows_tool_are_decoded() -> None:
    # GNU format keeps the name's own bytes (PAX would store it as UTF-8 whatever the encoding).
    data = _tar([("申报材料/申报书.docx", docx_bytes())], encoding="gbk", tar_format=tarfile.GNU_FORMAT)
    _, members = archive_to_parts(_part(data, "a.tar.gz"), 0)
    assert [m.name for m in members] == ["申报材料/申报书.docx"]


def test_traversal_and_links_in_a_tar_are_display_names_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    link = tarfile.TarInfo("etc-link")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    data = _tar([("../../evil.docx", docx_bytes()), ("/abs/申报书.pdf", pdf_bytes()), (link, b"")])
    monkeypatch.chdir(tmp_path)
    _, members = archive_to_parts(_part(data, "a.tgz"), 0)
    assert [m.name for m in members] == ["evil.docx", "abs/申报书.pdf"]
    assert list(tmp_path.iterdir()) == []


def test_a_tar_gz_bomb_is_refused_on_its_ratio_without_inflating_it() -> None:
    data = _tar([("a.docx", docx_bytes()), ("zeros.bin", bytes(20 * 1024 * 1024)), ("b.pdf", pdf_bytes())])
    assert len(data) < 100_000
    archive, members = archive_to_parts(_part(data, "bomb.tar.gz"), 0)
    assert archive.problem is not None and "压缩炸弹" in archive.problem
    assert [m.name for m in members] == ["a.docx"]  # the walk stops at the bomb: b.pdf is not reached


def test_a_tar_member_past_the_size_cap_stops_the_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 1000)
    data = _tar([("big.pdf", pdf_bytes() + bytes(5000)), ("b.docx", docx_bytes())], mode="w")
    archive, members = archive_to_parts(_part(data, "a.tar"), 0)
    assert archive.problem is not None and "过大" in archive.problem
    assert members == []


def test_gzip_holding_no_tar_is_reported() -> None:
    data = gzip.compress(b"%PDF-1.4 not a tar")
    archive, members = archive_to_parts(_part(data, "申报书.pdf.gz"), 0)
    assert archive.problem == "压缩文件中不是tar归档，无法解压"
    assert members == []


def test_a_truncated_tar_gz_is_reported_not_raised() -> None:
    data = _tar([("a.docx", docx_bytes() * 20)])
    archive, _ = archive_to_parts(_part(data[: len(data) // 2], "a.tar.gz"), 0)
    assert archive.problem is not None and "tar" in archive.problem


# --------------------------------------------------------------------------- volumes

def _split(data: bytes, parts: int) -> list[bytes]:
    size = -(-len(data) // parts)
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize(("name", "number"), [("申报材料.zip.001", ("申报材料.zip", 1)),
                                              ("a.7z.012", ("a.7z", 12)), ("申报书.docx.002", ("申报书.docx", 2))])
def test_volume_names(name: str, number: tuple[str, int]) -> None:
    assert volume_of(name) == number


@pytest.mark.parametrize("name", ["申报书.docx", "a.000", "a.zip.01", "a.zip.0001", "2024.001"])
def test_not_volume_names(name: str) -> None:
    assert volume_of(name) is None


def test_a_zip_split_in_three_volumes_is_joined_and_expanded_in_any_order() -> None:
    form = docx_bytes("项目申报书")
    whole = zip_bytes([("申报材料/申报书.docx", form), ("申报材料/附件.pdf", pdf_bytes() + bytes(3000))],
                      method=0)
    pieces = _split(whole, 3)
    atts = [attachment(pieces[k], f"湖南省储能学会-申报.zip.{k + 1:03d}") for k in (2, 0, 1)]
    parsed = parse_message(mail(subject="申报", parts=[text_part("见附件，分卷压缩"), *atts]))
    names = [(p.name, p.problem) for p in parsed.parts]
    assert ("湖南省储能学会-申报.zip", None) in names
    forms = [p for p in parsed.parts if p.name == "申报材料/申报书.docx"]
    assert len(forms) == 1 and forms[0].data == form
    assert forms[0].origin == "分卷 湖南省储能学会-申报.zip.001–003 合并 › 压缩包 湖南省储能学会-申报.zip"
    assert all(p.problem is None for p in parsed.parts)
    # every volume stays listed (nothing that arrived is dropped), none is read on its own
    assert sum(1 for p in parsed.parts if volume_of(p.name)) == 3


def test_a_7z_and_a_docx_split_into_volumes_are_joined() -> None:
    form = docx_bytes("项目申报书")
    seven = sevenzip_bytes([("申报书.docx", form)], stored=True)
    atts = [attachment(piece, f"材料.7z.{k:03d}") for k, piece in enumerate(_split(seven, 2), 1)]
    atts += [attachment(piece, f"申报书.docx.{k:03d}") for k, piece in enumerate(_split(form, 2), 1)]
    parsed = parse_message(mail(parts=[text_part("附件"), *atts]))
    joined_docx = [p for p in parsed.parts if p.name == "申报书.docx"]
    assert [p.kind for p in joined_docx] == ["docx", "docx"]  # the 7z's member and the joined file
    assert all(p.data == form for p in joined_docx)


def test_a_missing_volume_is_named_on_the_first_volume() -> None:
    whole = zip_bytes([("申报书.docx", docx_bytes())], method=0)
    pieces = _split(whole + bytes(2000), 3)
    parsed = parse_message(mail(parts=[text_part("附件"), attachment(pieces[0], "材料.zip.001"),
                                       attachment(pieces[2], "材料.zip.003")]))
    first = next(p for p in parsed.parts if p.name == "材料.zip.001")
    assert first.problem is not None and "缺少第2卷（材料.zip.002）" in first.problem
    assert [p.name for p in parsed.parts] == ["材料.zip.001", "材料.zip.003"]


def test_volumes_of_two_forwarded_mails_are_not_mixed() -> None:
    one = zip_bytes([("a.docx", docx_bytes("一"))], method=0)
    two = zip_bytes([("b.docx", docx_bytes("二"))], method=0)
    inner = [mail(subject=f"转{k}", parts=[text_part("附件"), *[attachment(p, f"材料.zip.{n:03d}")
                                                                 for n, p in enumerate(_split(z, 2), 1)]])
             for k, z in ((1, one), (2, two))]
    parsed = parse_message(mail(parts=[text_part("转发"), *[forwarded(m) for m in inner]]))
    assert sorted(p.name for p in parsed.parts if p.name.endswith(".docx")) == ["a.docx", "b.docx"]
    assert all(p.problem is None for p in parsed.parts)


def test_join_volumes_leaves_a_mail_without_volumes_alone() -> None:
    parts = [_part(docx_bytes(), "申报书.docx")]
    assert join_volumes(parts) is parts

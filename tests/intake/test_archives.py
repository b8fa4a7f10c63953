"""expand_archive / archive_to_parts: names, caps and hostile archives."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from shenbao.intake import archives
from shenbao.intake.archives import archive_to_parts, expand_archive

from shenbao.record import Part
from tests.intake.file_builders import (
    docx_bytes,
    patch_zip,
    pdf_bytes,
    rar4_bytes,
    sevenzip_bytes,
    zip_bytes,
    zip_raw_names,
)


def _archive(data: bytes, name: str = "申报材料.zip", kind: str = "zip") -> Part:
    return Part(name=name, content_type="application/zip", data=data, origin="附件", kind=kind)


def test_gbk_filename_in_zip_is_decoded() -> None:
    form = docx_bytes("项目申报书")
    data = zip_raw_names([("申报材料/申报书.docx".encode("gbk"), form)])
    members = expand_archive(_archive(data), 0)
    assert [(m.name, m.data, m.kind) for m in members] == [("申报材料/申报书.docx", form, "docx")]
    assert members[0].origin == "压缩包 申报材料.zip"


def test_gbk_only_characters_in_zip_names_survive() -> None:
    data = zip_raw_names([("朱镕基-堃喆珺.pdf".encode("gbk"), pdf_bytes())])
    assert [m.name for m in expand_archive(_archive(data), 0)] == ["朱镕基-堃喆珺.pdf"]


def test_big5_name_in_zip_is_decoded() -> None:
    data = zip_raw_names([("申請書資料.pdf".encode("big5"), pdf_bytes())])
    names = [m.name for m in expand_archive(_archive(data), 0)]
    # Big5 bytes are often also valid GBK; either way the name must not be cp437 mojibake.
    assert names and not any(ch in names[0] for ch in "╔Ω▒¿╩")


def test_utf8_name_without_flag_from_macos_is_decoded() -> None:
    data = zip_raw_names([("申报书材料.docx".encode("utf-8"), docx_bytes())])
    assert [m.name for m in expand_archive(_archive(data), 0)] == ["申报书材料.docx"]


def test_utf8_flagged_names_are_kept() -> None:
    data = zip_bytes([("申报材料/附件1：专家名单.docx", docx_bytes())])
    assert [m.name for m in expand_archive(_archive(data), 0)] == ["申报材料/附件1：专家名单.docx"]


def test_backslash_path_with_gbk_0x5c_trail_byte_is_split_after_decoding() -> None:
    # 誠 is D5 5C in GBK: splitting the raw bytes on 0x5C would cut the character.
    raw = "申报材料\\誠信承诺书.docx".encode("gbk")
    assert b"\xd5\x5c" in raw
    members = expand_archive(_archive(zip_raw_names([(raw, docx_bytes())])), 0)
    assert [m.name for m in members] == ["申报材料/誠信承诺书.docx"]


def test_traversal_names_become_display_names_and_nothing_is_written(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        data = zip_bytes([("../../evil.docx", b"a" * 10), ("/abs/root.pdf", b"b" * 10),
                          ("..\\..\\win.docx", b"c" * 10), ("C:\\Windows\\x.doc", b"d" * 10)])
        names = [m.name for m in expand_archive(_archive(data), 0)]
    finally:
        os.chdir(cwd)
    assert names == ["evil.docx", "abs/root.pdf", "win.docx", "Windows/x.doc"]
    assert set(os.listdir(tmp_path)) == before
    assert not (tmp_path.parent / "evil.docx").exists()


def test_macos_artefacts_and_directories_are_ignored() -> None:
    form = docx_bytes()
    data = zip_bytes([("申报材料/", b""), ("申报材料/申报书.docx", form), ("__MACOSX/申报材料/._申报书.docx", b"\0\5junk"),
                      ("._申报书.docx", b"\0\5junk"), ("申报材料/.DS_Store", b"junk")])
    members = expand_archive(_archive(data), 0)
    assert [m.name for m in members] == ["申报材料/申报书.docx"]


def test_declared_zip_bomb_is_rejected_before_inflating() -> None:
    # 2 MB of zeros deflates to about 2 KB: a 1000:1 ratio, far past the 200:1 cap.
    data = zip_bytes([("bomb.docx", b"\0" * (2 * 1024 * 1024)), ("申报书.pdf", pdf_bytes())])
    archive, members = archive_to_parts(_archive(data), 0)
    assert [m.name for m in members] == ["申报书.pdf"]
    assert archive.problem is not None and "压缩炸弹" in archive.problem and "bomb.docx" in archive.problem


def test_member_declaring_a_gigabyte_is_not_read() -> None:
    data = patch_zip(zip_bytes([("huge.pdf", b"x" * 100)], method=zipfile.ZIP_STORED), file_size=1024 ** 3)
    archive, members = archive_to_parts(_archive(data), 0)
    assert members == []
    assert archive.problem is not None and "过大" in archive.problem


def test_lying_size_header_cannot_inflate_past_the_declared_size() -> None:
    # Declares 1000 bytes, holds 3 MB of zeros: the read stops at the declared size and the
    # member is reported, not inflated.
    data = patch_zip(zip_bytes([("liar.docx", b"\0" * (3 * 1024 * 1024))]), file_size=1000)
    archive, members = archive_to_parts(_archive(data), 0)
    assert members == []
    assert archive.problem is not None and "liar.docx" in archive.problem


def test_stream_budget_stops_a_member_even_when_declared_sizes_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "_declared_size_problem", lambda *args: None)  # headers that lie
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 64 * 1024)
    data = zip_bytes([("big.pdf", os.urandom(200 * 1024)), ("ok.pdf", pdf_bytes())])
    archive, members = archive_to_parts(_archive(data), 0)
    assert [m.name for m in members] == ["ok.pdf"]
    assert archive.problem is not None and "big.pdf" in archive.problem


def test_total_size_cap_stops_reading_further_members(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "MAX_TOTAL_BYTES", 150 * 1024)
    blobs = [(f"part{i}.bin", os.urandom(60 * 1024)) for i in range(4)]
    archive, members = archive_to_parts(_archive(zip_bytes(blobs, method=zipfile.ZIP_STORED)), 0)
    assert [m.name for m in members] == ["part0.bin", "part1.bin"]
    assert archive.problem is not None and "200 MB" in archive.problem


def test_thousands_of_tiny_entries_hit_the_member_cap_and_are_reported() -> None:
    data = zip_bytes([(f"f{i:04d}.txt", b"x") for i in range(1200)], method=zipfile.ZIP_STORED)
    archive, members = archive_to_parts(_archive(data), 0)
    assert len(members) == archives.MAX_MEMBERS
    assert archive.problem is not None and "500" in archive.problem


def test_zipcrypto_encrypted_zip_is_reported_not_raised() -> None:
    data = patch_zip(zip_bytes([("申报书.docx", docx_bytes())]), flag_bits=0x1)
    result = expand_archive(_archive(data), 0)
    assert len(result) == 1 and result[0].name == "申报材料.zip"
    assert result[0].problem == "压缩包已加密（需要密码），无法打开"


def test_aes_zip_method_99_is_reported_as_encrypted() -> None:
    data = patch_zip(zip_bytes([("申报书.docx", docx_bytes())]), flag_bits=0x1, method=99)
    archive, members = archive_to_parts(_archive(data), 0)
    assert members == [] and archive.problem is not None and "加密" in archive.problem


def test_unsupported_zip_method_is_reported_with_its_name() -> None:
    data = patch_zip(zip_bytes([("申报书.docx", docx_bytes())]), method=98)
    archive, members = archive_to_parts(_archive(data), 0)
    assert members == []
    assert archive.problem is not None and "PPMd" in archive.problem and "申报书.docx" in archive.problem


def _deflate64_zip(tmp_path: Path, entries: list[tuple[str, bytes]]) -> bytes:
    """A zip written by 7-Zip with Deflate64 (method 9), as Windows' compressed folders hold."""
    if shutil.which("7z") is None:
        pytest.skip("7z (p7zip-full) is not installed")
    src = tmp_path / "src"
    src.mkdir()
    for name, content in entries:
        (src / name).write_bytes(content)
    out = tmp_path / "deflate64.zip"
    subprocess.run(["7z", "a", "-tzip", "-mm=Deflate64", "-scsUTF-8", str(out), *[name for name, _ in entries]],
                   cwd=src, check=True, capture_output=True, env={**os.environ, "LC_ALL": "C.UTF-8"})
    return out.read_bytes()


def test_deflate64_zip_made_by_7zip_is_read(tmp_path: Path) -> None:
    form = docx_bytes("Deflate64 申报书")
    # Big enough for several inflate steps; text so that it really is compressed.
    report = (("湖南省科协项目申报材料，" * 5000) + os.urandom(300_000).hex()).encode()
    data = _deflate64_zip(tmp_path, [("申报书.docx", form), ("附件.txt", report)])
    assert {i.compress_type for i in zipfile.ZipFile(io.BytesIO(data)).infolist()} == {9}
    archive, members = archive_to_parts(_archive(data), 0)
    assert archive.problem is None
    assert {m.name: m.data for m in members} == {"申报书.docx": form, "附件.txt": report}
    assert next(m.kind for m in members if m.name == "申报书.docx") == "docx"


def test_deflate64_bomb_made_by_7zip_is_refused_on_its_declared_ratio(tmp_path: Path) -> None:
    data = _deflate64_zip(tmp_path, [("bomb.docx", b"\0" * (3 * 1024 * 1024)), ("申报书.pdf", pdf_bytes())])
    archive, members = archive_to_parts(_archive(data), 0)
    assert [m.name for m in members] == ["申报书.pdf"]
    assert archive.problem is not None and "压缩炸弹" in archive.problem and "bomb.docx" in archive.problem


def test_deflate64_bomb_lying_about_its_size_stops_at_the_stream_cap(tmp_path: Path) -> None:
    # Declares 1000 bytes, holds 3 MB of zeros: inflation stops at the 1 MB floor cap.
    data = patch_zip(_deflate64_zip(tmp_path, [("liar.docx", b"\0" * (3 * 1024 * 1024))]), file_size=1000)
    archive, members = archive_to_parts(_archive(data), 0)
    assert members == []
    assert archive.problem is not None and "liar.docx" in archive.problem and "超出限制" in archive.problem


@pytest.mark.parametrize("field_offset, value", [(16, 0x12345678), (20, 100)], ids=["wrong-crc", "truncated"])
def test_deflate64_member_with_wrong_crc_or_cut_short_is_reported(tmp_path: Path, field_offset: int,
                                                                  value: int) -> None:
    data = bytearray(_deflate64_zip(tmp_path, [("申报书.txt", ("申报书" * 20000).encode())]))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + field_offset, value)  # CRC-32 / compressed size
    archive, members = archive_to_parts(_archive(bytes(data)), 0)
    assert members == []
    assert archive.problem is not None and "损坏" in archive.problem and "申报书.txt" in archive.problem


def test_corrupt_deflate64_member_is_reported_not_raised(tmp_path: Path) -> None:
    data = bytearray(_deflate64_zip(tmp_path, [("申报书.txt", ("申报书" * 20000).encode())]))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    start = info.header_offset + 30 + len(info.orig_filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF
    archive, members = archive_to_parts(_archive(bytes(data)), 0)
    assert members == []
    assert archive.problem is not None and "申报书.txt" in archive.problem


def test_nested_zip_is_expanded_with_its_origin_chain() -> None:
    inner = zip_bytes([("申报书.docx", docx_bytes())])
    outer = zip_bytes([("内层.zip", inner), ("附件1.pdf", pdf_bytes())])
    members = expand_archive(_archive(outer), 0)
    assert [(m.name, m.kind, m.origin) for m in members] == [
        ("内层.zip", "zip", "压缩包 申报材料.zip"),
        ("申报书.docx", "docx", "压缩包 申报材料.zip › 压缩包 内层.zip"),
        ("附件1.pdf", "pdf", "压缩包 申报材料.zip"),
    ]


def test_third_level_archive_is_kept_but_not_expanded() -> None:
    level3 = zip_bytes([("deep.docx", docx_bytes())])
    level2 = zip_bytes([("level3.zip", level3)])
    level1 = zip_bytes([("level2.zip", level2)])
    members = expand_archive(_archive(level1), 0)
    assert [m.name for m in members] == ["level2.zip", "level3.zip"]
    assert members[-1].problem == "压缩包嵌套层数过多，未展开"


def test_corrupt_zip_is_reported() -> None:
    data = zip_bytes([("a.docx", docx_bytes())])
    result = expand_archive(_archive(data[:30] + b"\0" * 10), 0)
    assert len(result) == 1 and result[0].problem is not None and "zip" in result[0].problem


def test_7z_members_are_read_with_names() -> None:
    form = docx_bytes()
    data = sevenzip_bytes([("申报材料/申报书.docx", form), ("申报材料/附件.pdf", pdf_bytes())])
    members = expand_archive(_archive(data, "材料.7z", "7z"), 0)
    assert sorted((m.name, m.kind) for m in members) == [("申报材料/申报书.docx", "docx"), ("申报材料/附件.pdf", "pdf")]
    assert next(m for m in members if m.kind == "docx").data == form
    assert all(m.origin == "压缩包 材料.7z" for m in members)


def test_encrypted_7z_is_reported() -> None:
    data = sevenzip_bytes([("申报书.docx", docx_bytes())], password="secret")
    result = expand_archive(_archive(data, "材料.7z", "7z"), 0)
    assert len(result) == 1 and result[0].problem is not None and "加密" in result[0].problem


def test_declared_7z_bomb_is_rejected_before_extraction() -> None:
    data = sevenzip_bytes([("bomb.bin", b"\0" * (4 * 1024 * 1024)), ("申报书.pdf", pdf_bytes())])
    archive, members = archive_to_parts(_archive(data, "b.7z", "7z"), 0)
    assert members == [] and archive.problem == "疑似压缩炸弹（压缩比过高），未解压"


def test_7z_bomb_is_stopped_by_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "_declared_size_problem", lambda *args: None)
    monkeypatch.setattr(archives, "MAX_MEMBER_BYTES", 100 * 1024)
    data = sevenzip_bytes([("bomb.bin", b"\0" * (1024 * 1024))])
    archive, members = archive_to_parts(_archive(data, "b.7z", "7z"), 0)
    assert members == [] and archive.problem is not None and "压缩炸弹" in archive.problem


def test_stored_rar_member_is_read() -> None:
    form = docx_bytes()
    members = expand_archive(_archive(rar4_bytes(b"report/form.docx", form), "材料.rar", "rar"), 0)
    assert [(m.name, m.kind, m.data) for m in members] == [("report/form.docx", "docx", form)]


def test_compressed_rar_that_the_tool_cannot_decode_is_reported() -> None:
    data = rar4_bytes(b"form.docx", b"not really compressed data" * 10, method=0x33)
    result = expand_archive(_archive(data, "材料.rar", "rar"), 0)
    assert len(result) == 1 and result[0].problem is not None


def test_rar_without_any_tool_reports_the_missing_tool(monkeypatch: pytest.MonkeyPatch) -> None:
    import rarfile

    for attr in ("UNRAR_TOOL", "UNAR_TOOL", "BSDTAR_TOOL", "SEVENZIP_TOOL", "SEVENZIP2_TOOL"):
        monkeypatch.setattr(rarfile, attr, "/nonexistent/shenbao-no-such-tool")
    monkeypatch.setattr(rarfile, "CURRENT_SETUP", None)
    try:
        data = rar4_bytes(b"form.docx", b"compressed" * 10, method=0x33)
        result = expand_archive(_archive(data, "材料.rar", "rar"), 0)
    finally:
        monkeypatch.undo()
        rarfile.tool_setup(force=True)
    assert len(result) == 1
    assert result[0].problem is not None and "解压工具" in result[0].problem


def test_garbage_behind_archive_magic_never_raises() -> None:
    for kind, magic in (("zip", b"PK\x03\x04"), ("7z", b"7z\xbc\xaf\x27\x1c"), ("rar", b"Rar!\x1a\x07\x00")):
        result = expand_archive(_archive(magic + os.urandom(300), f"x.{kind}", kind), 0)
        assert len(result) == 1 and result[0].problem

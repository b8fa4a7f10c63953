"""A locked archive opens with the password its mail gives (压缩包解压密码：2024): its members are
read as if it had been open; a wrong or missing password leaves it locked, said so."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from shenbao.pipeline import mail_of
from shenbao.record import MessageLocation, StoredMessage
from tests.builders.eml import attachment, mail, multipart, text_part
from tests.intake.file_builders import docx_bytes, sevenzip_bytes


def parts_of(body: str, archive: bytes, name: str = "申报材料.7z") -> list[tuple[str, str | None]]:
    raw = mail(subject="申报材料", parts=[multipart("mixed", [text_part(body), attachment(archive, name)])])
    stored = StoredMessage(sha256=hashlib.sha256(raw).hexdigest(), message_id=None,
                           internaldate=datetime(2024, 4, 20, tzinfo=timezone.utc), size=len(raw),
                           location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=1))
    return [(p.name, p.problem) for p in mail_of(stored, raw).parsed.parts]


LOCKED = sevenzip_bytes([("申报书.docx", docx_bytes("项目申报书"))], password="2024")


def test_a_locked_7z_opens_with_the_password_the_mail_gives() -> None:
    parts = parts_of("附件为申报材料，请查收。\n压缩包解压密码：2024\n联系人：谢国庆", LOCKED)
    assert parts == [("申报材料.7z", None), ("申报书.docx", None)]


def test_a_wrong_or_missing_password_leaves_it_locked() -> None:
    for body in ("压缩包解压密码：1234", "附件为申报材料，请查收。"):
        (archive,) = parts_of(body, LOCKED)
        assert archive[0] == "申报材料.7z" and archive[1] is not None and "需要密码" in archive[1]


def _locked_zip(tmp_path: Path, entries: list[tuple[str, bytes]], password: str, *, aes: bool = False,
                open_entries: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """A zip written by 7-Zip with `password` (its classic cipher unless `aes`), as a sender's
    7-Zip, WinRAR or 360压缩 writes it; `open_entries` are added after without a password."""
    if shutil.which("7z") is None:
        pytest.skip("7z (p7zip-full) is not installed")
    src = tmp_path / "src"
    src.mkdir()
    out = tmp_path / "locked.zip"
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    for name, content in [*entries, *open_entries]:
        (src / name).write_bytes(content)
    method = ["-mem=AES256"] if aes else ["-mem=ZipCrypto"]
    subprocess.run(["7z", "a", "-tzip", "-scsUTF-8", f"-p{password}", *method, str(out),
                    *[name for name, _ in entries]], cwd=src, check=True, capture_output=True, env=env)
    if open_entries:
        subprocess.run(["7z", "a", "-tzip", "-scsUTF-8", str(out), *[name for name, _ in open_entries]],
                       cwd=src, check=True, capture_output=True, env=env)
    return out.read_bytes()


def zip_parts_of(body: str, archive: bytes) -> list[tuple[str, str | None]]:
    return parts_of(body, archive, "申报材料.zip")


FORM = docx_bytes("项目申报书")


def test_a_locked_zip_opens_with_the_password_the_mail_gives(tmp_path: Path) -> None:
    data = _locked_zip(tmp_path, [("申报书.docx", FORM)], "hnkx2024")
    assert zip_parts_of("附件为申报材料。\n解压密码：hnkx2024", data) == [("申报材料.zip", None), ("申报书.docx", None)]
    (archive,) = zip_parts_of("附件为申报材料。\n解压密码：hnkx2025", data)
    assert archive[1] is not None and "需要密码" in archive[1]


def test_a_zip_with_one_locked_member_keeps_each_member_once(tmp_path: Path) -> None:
    data = _locked_zip(tmp_path, [("申报书.docx", FORM)], "8899", open_entries=(("说明.txt", "说明".encode()),))
    got = zip_parts_of("密码：8899", data)
    assert sorted(got) == [("申报书.docx", None), ("申报材料.zip", None), ("说明.txt", None)]
    locked = zip_parts_of("请查收", data)
    assert ("说明.txt", None) in locked and not any(name == "申报书.docx" for name, _ in locked)
    assert any(name == "申报材料.zip" and problem and "申报书.docx" in problem for name, problem in locked)


def test_a_zip_locked_with_aes_stays_locked_said_so(tmp_path: Path) -> None:
    # zipfile cannot decrypt WinZip AES: the archive is reported locked, not half-read or raised.
    data = _locked_zip(tmp_path, [("申报书.docx", FORM)], "8899", aes=True)
    (archive,) = zip_parts_of("密码：8899", data)
    assert archive[1] is not None and "需要密码" in archive[1]

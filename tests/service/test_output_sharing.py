"""The documented Linux service setup lets office staff open the register: the poll runs under
the unit file's UMask, hands the output folder to `paths.share_group`, and a member of that
group (and nobody else) can read the register and the attachment copies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings

ROOT = Path(__file__).resolve().parents[2]
STAFF_GID, STAFF_UID, OUTSIDER_UID = 48_242, 48_243, 48_244

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="changing users and groups needs root")


def documented_umask() -> int:
    text = (ROOT / "docs" / "service.md").read_text("utf-8")
    return int(re.search(r"^UMask=(\d+)$", text, re.M).group(1), 8)  # type: ignore[union-attr]


@pytest.fixture
def workspace() -> Iterator[Path]:
    # Not under pytest's tmp_path: /tmp/pytest-of-root is 0700, which no staff account may enter.
    root = Path(tempfile.mkdtemp(prefix="shenbao-share-"))
    os.chmod(root, 0o751)  # as docs/service.md sets /srv/shenbao
    try:
        yield root
    finally:
        shutil.rmtree(root)


def poll_as_the_service(root: Path, share_group: str) -> None:
    write_maildir(root, [case("D02"), case("D03")])
    settings = MAILDIR_SETTINGS.replace('output_dir = "output"', f'output_dir = "output"\nshare_group = "{share_group}"')
    config = write_settings(root, settings)
    code = (f"import os; os.umask({documented_umask():#o}); from shenbao.cli import main; "
            f"raise SystemExit(main(['poll', '-c', {str(config)!r}]))")
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, capture_output=True, timeout=300)


def can_read(path: Path, uid: int, groups: list[int]) -> bool:
    done = subprocess.run(["cat", str(path)], user=uid, group=uid, extra_groups=groups,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
    return done.returncode == 0


def test_a_member_of_the_share_group_reads_the_register_and_attachments_and_others_do_not(workspace: Path) -> None:
    poll_as_the_service(workspace, str(STAFF_GID))
    register = workspace / "output" / "register.xlsx"
    attachment = next(p for p in (workspace / "output" / "附件").rglob("*") if p.is_file())

    assert can_read(register, STAFF_UID, [STAFF_GID]) and can_read(attachment, STAFF_UID, [STAFF_GID])
    assert not can_read(register, OUTSIDER_UID, []) and not can_read(attachment, OUTSIDER_UID, [])
    assert not can_read(workspace / "data" / "shenbao.sqlite3", STAFF_UID, [STAFF_GID])  # the data stays private


def test_without_a_share_group_the_documented_umask_keeps_staff_out(workspace: Path) -> None:
    poll_as_the_service(workspace, "")
    assert not can_read(workspace / "output" / "register.xlsx", STAFF_UID, [STAFF_GID])

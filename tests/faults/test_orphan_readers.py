"""A poll killed outright leaves no reader behind: each forked reader dies with its poll
(PR_SET_PDEATHSIG), instead of reading on for seconds nobody will keep."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from shenbao.demo.forms import build_docx, example_spec
from shenbao.demo.mail import build_eml
from tests.support.processes import processes_using
from tests.support.settings import MAILDIR_SETTINGS_TOML

CST = timezone(timedelta(hours=8))


def page_photo(seed: int) -> bytes:
    """A photographed page full of text: seconds of OCR."""
    image = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(image)
    for line in range(60):
        draw.text((80, 60 + 36 * line), f"line {seed}-{line} " + "project text " * 8, fill="black")
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def drop(root: Path, n: int, attachment: tuple[str, bytes, str]) -> None:
    when = datetime(2024, 4, 10, 9, n, tzinfo=CST)
    raw = build_eml(sender=f"u{n}@example.cn", sender_name=f"单位{n}", subject=f"申报{n}", body="见附件",
                    attachments=[attachment], date=when, message_id=f"<o{n}@example.cn>", client_style="qq",
                    received_at=when)
    path = root / "maildir" / "cur" / f"{int(when.timestamp())}.o{n}.host:2,S"
    path.write_bytes(raw)
    os.utime(path, (when.timestamp(), when.timestamp()))


@pytest.mark.slow
def test_readers_die_with_a_poll_killed_while_they_read(tmp_path: Path) -> None:
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "maildir" / sub).mkdir(parents=True)
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    drop(tmp_path, 1, ("申报书.docx", build_docx(example_spec()), docx))
    for n in (2, 3, 4):
        drop(tmp_path, n, (f"扫描{n}.png", page_photo(n), "image/png"))
    cfg = tmp_path / "shenbao.toml"
    cfg.write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
    # Dies (as kill -9 would: no cleanup) right after saving the second message, while the
    # photos of the next ones are being read by forked readers.
    env = {**os.environ, "SHENBAO_FAULT": "extract:2"}
    # Output to a file, not a pipe: waiting on a pipe would wait for every process holding it.
    with open(tmp_path / "poll.log", "wb") as log:
        poll = subprocess.Popen([sys.executable, "-m", "shenbao", "poll", "-c", str(cfg)], env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        assert poll.wait(timeout=600) == 137, (tmp_path / "poll.log").read_text("utf-8", "replace")[-2000:]
    for _ in range(20):  # the kernel kills them as the poll dies; a reader left alone would OCR for seconds
        if not processes_using(cfg):
            break
        time.sleep(0.1)
    assert processes_using(cfg) == []

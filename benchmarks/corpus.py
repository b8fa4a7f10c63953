"""Inputs the benchmarks build for themselves (nothing is read from outside the project).

- `mailbox(n, seed)`: n realistic messages — most small (a covering letter, a .docx form,
  sometimes a small PDF/zip), some medium (300 KB–1 MB scans), a few with 1–5 MB attachments.
  With the default n=2000 the mailbox is ~530 MB (the reference was 2.2 GB; smaller keeps the
  run to minutes). Attachment bodies beyond the form are random bytes: they cost what real
  files cost to fetch, store, base64-decode and hash.
- `sample(n)`: n demo-style applications (docx and text-PDF forms, a few zips, a few resends
  of the same attachment) for the end-to-end and extraction runs.
"""

from __future__ import annotations

import functools
import io
import random
import zipfile
from datetime import datetime, timedelta, timezone
from typing import get_args

from shenbao.demo.forms import build_docx, build_pdf, example_spec
from shenbao.demo.mail import ClientStyle, build_eml

CST = timezone(timedelta(hours=8))
START = datetime(2024, 4, 1, 9, 0, tzinfo=CST)
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _styles() -> tuple[str, ...]:
    return tuple(get_args(ClientStyle))


@functools.lru_cache(maxsize=1)
def form_docx() -> bytes:
    return build_docx(example_spec())


def _size(rng: random.Random) -> int:
    """Bytes of extra attachment: 80 % small, 18 % medium, 2 % large (1–5 MB)."""
    r = rng.random()
    if r < 0.80:
        return rng.randint(3_000, 60_000)
    if r < 0.98:
        return rng.randint(150_000, 400_000)
    return rng.randint(1_000_000, 5_000_000)


def mailbox(n: int = 2000, seed: int = 7) -> list[tuple[bytes, datetime]]:
    """n raw messages with their receipt times, in receipt order."""
    rng = random.Random(seed)
    styles = _styles()
    out: list[tuple[bytes, datetime]] = []
    for i in range(n):
        when = START + timedelta(minutes=7 * i)
        extra = rng.randbytes(_size(rng))
        ext = rng.choice(("pdf", "zip", "jpg", "rar"))
        attachments = [(f"申报书{i:04d}.docx", form_docx(), _DOCX),
                       (f"附件{i:04d}.{ext}", extra, "application/octet-stream")]
        raw = build_eml(sender=f"unit{i}@example.cn", sender_name=f"申报单位{i}", subject=f"项目申报材料-{i:04d}",
                        body="您好：\n附件为我单位的项目申报书，请查收。\n联系人：张老师 13800000000",
                        attachments=attachments, date=when, message_id=f"<bench-{seed}-{i}@example.cn>",
                        client_style=styles[i % len(styles)], received_at=when)  # type: ignore[arg-type]
        out.append((raw, when))
    return out


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return buf.getvalue()


def sample(n: int = 80, seed: int = 11) -> list[tuple[bytes, datetime]]:
    """n applications: 60 % docx, 30 % text PDF, 10 % zip; every 10th message is a resend of
    an earlier one's form (same bytes, so the file cache must serve it)."""
    rng = random.Random(seed)
    styles = _styles()
    out: list[tuple[bytes, datetime]] = []
    forms: list[tuple[str, bytes, str]] = []
    for i in range(n):
        when = START + timedelta(hours=3 * i)
        if i % 10 == 9 and forms:
            name, data, ctype = forms[rng.randrange(len(forms))]
        else:
            spec = example_spec(project_name=f"湘江流域声景生态保护学术研讨会第{i + 1}期",
                                applicant_org=f"湖南省示例学会{i + 1:03d}", leader_phone=f"139{i:08d}")
            r = rng.random()
            if r < 0.6:
                name, data, ctype = f"申报书{i}.docx", build_docx(spec), _DOCX
            elif r < 0.9:
                name, data, ctype = f"申报书{i}.pdf", build_pdf(spec), "application/pdf"
            else:
                name, data, ctype = f"申报材料{i}.zip", _zip([(f"申报书{i}.docx", build_docx(spec))]), "application/zip"
            forms.append((name, data, ctype))
        raw = build_eml(sender=f"unit{i}@example.cn", sender_name=f"申报单位{i}", subject=f"项目申报-{i:03d}",
                        body="您好：附件为申报书，请查收。", attachments=[(name, data, ctype)], date=when,
                        message_id=f"<sample-{seed}-{i}@example.cn>", client_style=styles[i % len(styles)],
                        received_at=when)  # type: ignore[arg-type]
        out.append((raw, when))
    return out


def big_attachment_message(mb: int = 50, seed: int = 3) -> bytes:
    """One message carrying a single `mb` MB attachment (for the memory check)."""
    data = random.Random(seed).randbytes(mb * 1024 * 1024)
    return build_eml(sender="big@example.cn", sender_name="大附件", subject="大附件", body="见附件",
                     attachments=[("扫描件.pdf", data, "application/pdf")], date=START,
                     message_id="<big@example.cn>", client_style=_styles()[0], received_at=START)  # type: ignore[arg-type]


__all__ = ["mailbox", "sample", "big_attachment_message", "form_docx"]

"""Measure every stage of shenbao side by side with a reference tool; print one table.

    .venv/bin/python benchmarks/run_all.py            # ~5–10 minutes on 2 cores
    .venv/bin/python benchmarks/run_all.py --quick    # 300 messages, for a smoke run

Builds its own inputs (benchmarks/corpus.py), starts a private Dovecot (tests/support/dovecot.py)
and needs `mbsync` (Debian package isync) for the fetch reference. Not part of the test suite:
timings depend on the machine; the ratios printed are what the targets speak about.
"""

from __future__ import annotations

import argparse
import cProfile
import email
import email.policy
import io
import os
import pstats
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import corpus  # noqa: E402
import floors  # noqa: E402

from tests.support.dovecot import Dovecot  # noqa: E402

PASSWORD_ENV = "BENCH_IMAP_PASSWORD"


@dataclass
class Row:
    stage: str
    ours: str
    reference: str
    ratio: float | None
    target: str
    met: bool | None


ROWS: list[Row] = []


def row(stage: str, ours: str, reference: str, ratio: float | None, target: str, met: bool | None) -> None:
    ROWS.append(Row(stage, ours, reference, ratio, target, met))
    print(f"  {stage}: ours {ours} | ref {reference} | ratio {'' if ratio is None else f'{ratio:.2f}'} | {target}",
          flush=True)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


# --------------------------------------------------------------------------- settings

def write_settings(root: Path, dovecot: Dovecot, batch_size: int = 25) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    cfg = root / "shenbao.toml"
    cfg.write_text(f"""
[source]
kind = "imap"
[mailbox]
host = "127.0.0.1"
port = {dovecot.port}
tls = "none"
username = "{dovecot.user}"
password_env = "{PASSWORD_ENV}"
batch_size = {batch_size}
[paths]
data_dir = "data"
output_dir = "output"
[deadlines]
electronic = "2024-12-30T17:00:00+08:00"
paper = "2024-12-30"
""", encoding="utf-8")
    return cfg


# --------------------------------------------------------------------------- fetch

def raw_socket_fetch(port: int, user: str, password: str,
                     keep: Callable[[bytes], None] | None = None) -> tuple[int, int]:
    """The floor: one UID FETCH 1:* BODY.PEEK[], literals read with minimal parsing; each
    literal handed to `keep` when given. Returns (messages, bytes)."""
    sock = socket.create_connection(("127.0.0.1", port))
    f = sock.makefile("rb", buffering=1 << 20)

    def command(tag: bytes, text: bytes) -> tuple[int, int]:
        sock.sendall(tag + b" " + text + b"\r\n")
        count = size = 0
        while True:
            line = f.readline()
            if line.startswith(tag + b" "):
                if b" OK" not in line[:len(tag) + 4]:
                    raise RuntimeError(line)
                return count, size
            if line.endswith(b"}\r\n"):
                n = int(line[line.rindex(b"{") + 1:-3])
                body = f.read(n)
                if keep is not None:
                    keep(body)
                count += 1
                size += len(body)
                f.readline()  # the closing ")"

    f.readline()  # greeting
    command(b"a1", b"LOGIN " + user.encode() + b" " + password.encode())
    command(b"a2", b"SELECT INBOX")
    out = command(b"a3", b"UID FETCH 1:* (BODY.PEEK[])")
    command(b"a4", b"LOGOUT")
    sock.close()
    return out


def mbsync_fetch(dovecot: Dovecot, work: Path) -> float:
    target = work / "mbsync-maildir"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    os.sync()  # the earlier runs' writes go to disk now, not inside this one's timing
    cfg = work / "mbsyncrc"
    cfg.write_text(f"""IMAPAccount bench
Host 127.0.0.1
Port {dovecot.port}
User {dovecot.user}
Pass {dovecot.password}
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path {target}/
Inbox {target}/INBOX
SubFolders Verbatim

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
""")
    seconds, proc = timed(lambda: subprocess.run(["mbsync", "-c", str(cfg), "-a", "-q"], capture_output=True, text=True))
    assert isinstance(proc, subprocess.CompletedProcess)
    got = sum(1 for sub in ("cur", "new") for _ in (target / "INBOX" / sub).iterdir())
    if proc.returncode != 0 or got == 0:
        raise RuntimeError(f"mbsync failed ({proc.returncode}, {got} files): {proc.stderr[-500:]}")
    return seconds


def our_fetch(cfg: Path) -> tuple[float, int]:
    from shenbao.fetching import fetch_new_mail as fetch
    from shenbao.settings import load_settings
    from shenbao.store import Store

    settings = load_settings(cfg)
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    with Store(settings.data_dir) as store:
        seconds, n = timed(lambda: fetch(settings, store))
    return seconds, int(n)  # type: ignore[call-overload]


def stage_fetch(dovecot: Dovecot, work: Path, messages: list[tuple[bytes, object]]) -> None:
    total = sum(len(r) for r, _ in messages)
    print(f"[fetch] {len(messages)} messages, {total / 1e6:.0f} MB", flush=True)
    dovecot.reset()
    t, _ = timed(lambda: dovecot.append_many(messages))  # type: ignore[arg-type]
    print(f"  APPEND into Dovecot: {t:.1f} s", flush=True)
    raw_socket_fetch(dovecot.port, dovecot.user, dovecot.password)  # warm the page cache
    floor, (count, size) = timed(lambda: raw_socket_fetch(dovecot.port, dovecot.user, dovecot.password))  # type: ignore[misc]
    assert count == len(messages), count
    mbsync = mbsync_fetch(dovecot, work) if shutil.which("mbsync") else float("nan")
    cfg = write_settings(work / "fetch", dovecot)
    ours, n = our_fetch(cfg)
    assert n == len(messages), n
    if PROFILE_FETCH:
        profile_to(Path(tempfile.gettempdir()) / "shenbao-fetch.prof", lambda: our_fetch(cfg))
    mb = size / 1e6
    if mbsync == mbsync:
        row("first sync vs mbsync (fetch + durable store)", f"{ours:.2f} s ({mb / ours:.0f} MB/s)",
            f"mbsync {mbsync:.2f} s", ours / mbsync, "≤ 1.5×", ours / mbsync <= 1.5)
    else:
        row("first sync vs mbsync (fetch + durable store)", f"{ours:.2f} s", "mbsync not installed (isync)",
            None, "≤ 1.5×", None)
    row("first sync vs raw-socket floor", f"{ours:.2f} s", f"floor {floor:.2f} s ({mb / floor:.0f} MB/s)",
        ours / floor, "(info)", None)
    return None


# --------------------------------------------------------------------------- parse

def email_default_walk(raw: bytes) -> int:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    n = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        content = part.get_content()
        n += len(content)
    return n


def stage_parse(messages: list[tuple[bytes, object]], limit_mb: float) -> None:
    from shenbao.intake.mime import parse_message

    chosen, size = [], 0
    for raw, _ in messages:
        if size >= limit_mb * 1e6:
            break
        chosen.append(raw)
        size += len(raw)
    print(f"[parse] {len(chosen)} messages, {size / 1e6:.0f} MB", flush=True)
    # Interleaved message by message, so that load from other processes hits both alike.
    ref = ours = 0.0
    for raw in chosen:
        t0 = time.perf_counter()
        email_default_walk(raw)
        t1 = time.perf_counter()
        parsed = parse_message(raw)
        ours += time.perf_counter() - t1
        ref += t1 - t0
        assert parsed.parts
    mbs_ours, mbs_ref = size / 1e6 / ours, size / 1e6 / ref
    row("MIME parse throughput", f"{mbs_ours:.0f} MB/s", f"email default {mbs_ref:.0f} MB/s",
        mbs_ours / mbs_ref, "≥ 3×", mbs_ours / mbs_ref >= 3)
    profile_to(Path(tempfile.gettempdir()) / "shenbao-parse.prof", lambda: [parse_message(r) for r in chosen[:200]])


# --------------------------------------------------------------------------- idle poll

def stage_idle(dovecot: Dovecot, work: Path, sample: list[tuple[bytes, object]]) -> None:
    from shenbao.intake.imap_source import ImapSession
    from shenbao.fetching import fetch_new_mail as fetch
    from shenbao.pipeline import run_once
    from shenbao.settings import load_settings
    from shenbao.store import Store

    root = work / "e2e"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    cfg = write_settings(root, dovecot)
    dovecot.reset()
    dovecot.append_many(sample)  # type: ignore[arg-type]
    print(f"[end to end] {len(sample)} messages from an empty store to the register", flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    e2e, proc = timed(lambda: subprocess.run([sys.executable, "-m", "shenbao", "poll", "-c", str(cfg)],
                                              capture_output=True, text=True))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert isinstance(proc, subprocess.CompletedProcess) and proc.returncode == 0, proc
    print("  " + proc.stdout.strip().replace("\n", "\n  "), flush=True)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak_mb = after.ru_maxrss / 1024
    row(f"end to end, {len(sample)} emails → register", f"{e2e:.1f} s wall, {cpu:.1f} s CPU", "-", None, "(report)", None)
    rows_written = re.search(r"（(\d+) 行）", proc.stdout)
    fetch_floor = min(timed(lambda: raw_socket_fetch(dovecot.port, dovecot.user, dovecot.password))[0]
                      for _ in range(3))
    budget = floors.measure([raw for raw, _ in sample], fetch_floor, int(rows_written.group(1)) if rows_written else 0)
    print("  per-stage floors:\n" + "\n".join(budget.lines()), flush=True)
    row(f"end to end vs sum of per-stage floors ({len(sample)} generated emails)", f"{e2e:.1f} s",
        f"floors {budget.total:.1f} s", e2e / budget.total, "≤ 2× (issue: on the public sample, "
        "see sample_score.py)", None)
    row("peak RSS of any process (end to end)", f"{peak_mb:.0f} MB", "-", None, "< 1024 MB", peak_mb < 1024)

    settings = load_settings(cfg)
    # The idle poll, in the running service: run_once when nothing is new (fresh connection).
    run_once(settings)
    times = [timed(lambda: run_once(settings))[0] for _ in range(10)]
    idle_run = min(times)
    profile_to(Path(tempfile.gettempdir()) / "shenbao-idle.prof", lambda: [run_once(settings) for _ in range(5)])
    with Store(settings.data_dir) as store:
        fetch_fresh = min(timed(lambda: fetch(settings, store))[0] for _ in range(10))
        with ImapSession(settings.mailbox, dovecot.password) as session:
            last = store.last_uid(settings.account, settings.mailbox.folder, session.uidvalidity)
            reps = 200
            t, _ = timed(lambda: [session.new_uids(last) for _ in range(reps)])
            open_search = t / reps
            assert last and session.new_uids(last) == []
    # What the idle poll would cost if the SSL context were built once per process instead of per
    # connection (imap_source builds one even for tls = "none"; loading the CA store is most of it).
    import ssl
    from unittest import mock

    cached = ssl.create_default_context()
    with mock.patch("ssl.create_default_context", lambda *a, **k: cached):
        idle_cached = min(timed(lambda: run_once(settings))[0] for _ in range(10))
    row("idle poll: run_once, nothing new (fresh connection)", f"{idle_run * 1000:.1f} ms",
        f"same, SSL context built once {idle_cached * 1000:.1f} ms", idle_run / idle_cached, "< 50 ms",
        idle_run < 0.05)
    row("idle poll: fetch step, fresh connection", f"{fetch_fresh * 1000:.1f} ms",
        f"open connection {open_search * 1000:.2f} ms", fetch_fresh / open_search, "(reconnect cost)", None)
    env = {**os.environ, PASSWORD_ENV: dovecot.password}
    walls = []
    for _ in range(5):
        t, proc = timed(lambda: subprocess.run([sys.executable, "-m", "shenbao", "poll", "-c", str(cfg)],
                                               capture_output=True, text=True, env=env))
        assert isinstance(proc, subprocess.CompletedProcess) and proc.returncode == 0, proc.stderr
        walls.append(t)
    bare, _ = timed(lambda: subprocess.run([sys.executable, "-c", "pass"]))
    row("`shenbao poll` fresh command, nothing new", f"{min(walls):.2f} s wall",
        f"python -c pass {bare:.2f} s", min(walls) / bare, "< 1 s", min(walls) < 1.0)
    heavy = idle_imports(cfg, env)
    row("heavy modules imported on an idle poll", ", ".join(heavy) or "none", "-", None, "none needless",
        not heavy)


def idle_imports(cfg: Path, env: dict[str, str]) -> list[str]:
    code = ("import sys, runpy; sys.argv=['shenbao','poll','-c',%r]\n"
            "try:\n runpy.run_module('shenbao', run_name='__main__')\nexcept SystemExit: pass\n"
            "mods=set(sys.modules); heavy=['openpyxl','pdfplumber','pypdfium2','rapidocr','onnxruntime','docx',"
            "'lxml','rapidfuzz','apscheduler','py7zr','rarfile','msoffcrypto','reportlab','PIL',"
            "'shenbao.intake.mime','shenbao.validators.guide','shenbao.extractors.fields']\n"
            "print('HEAVY:' + ','.join(h for h in heavy if h in mods))" % str(cfg))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    marks = [line for line in out.stdout.splitlines() if line.startswith("HEAVY:")]
    return [m for m in marks[-1][6:].split(",") if m] if marks else ["? " + out.stderr[-200:]]


# --------------------------------------------------------------------------- extraction

def stage_extract(work: Path, sample: list[tuple[bytes, object]]) -> None:
    """Extraction of the sample with 1 and 2 concurrent isolated readers, and the file cache."""
    from functools import partial

    from shenbao.execution import Execution
    from shenbao.extraction import EXTRACTION_VERSION, FileResult, extract_pending, read_file_job
    from shenbao.intake.mime import header_message_id
    from shenbao.pipeline import mail_of
    from shenbao.record import MessageLocation, RawMessage
    from shenbao.settings import LimitSettings
    from shenbao.store import Store

    print(f"[extract] {len(sample)} messages", flush=True)
    results = {}
    for workers in (1, 2):
        data = work / f"extract-{workers}"
        shutil.rmtree(data, ignore_errors=True)
        execution = Execution(LimitSettings(readers=workers))
        calls: list[str] = []
        def counting(part, sha, prepared, passwords, execution=execution, calls=calls):  # type: ignore[no-untyped-def]
            calls.append(sha)
            job = partial(read_file_job, passwords=passwords)
            return execution.isolated_reader(job, FileResult.failed)(part, sha, prepared)

        with Store(data) as store:
            store.save_messages([RawMessage(data=raw, internaldate=when, message_id=header_message_id(raw),  # type: ignore[arg-type]
                location=MessageLocation(account="bench", folder="INBOX", uidvalidity=1, uid=i + 1))
                for i, (raw, when) in enumerate(sample)])
            t, _ = timed(lambda: extract_pending(store, execution, mail_of, read=counting))
            first = len(calls)
            distinct = len(set(calls))
            # Every message re-extracted (as `reprocess` of one message, or a resend): the cache serves all.
            store.forget_submissions([m.sha256 for m in store.messages()])
            extract_pending(store, execution, mail_of, read=counting)
            again = len(calls) - first
            assert store.unprocessed(EXTRACTION_VERSION) == []
        results[workers] = t
        if workers == 2:
            row("same attachment never read twice (reads / distinct files)", f"{first} / {distinct}, re-run {again}",
                "-", None, "reads = distinct, re-run 0", first == distinct and again == 0)
    row("extraction of the sample, 2 workers vs 1", f"{results[2]:.1f} s", f"1 worker {results[1]:.1f} s",
        results[2] / results[1], "< 1 (parallel pays)", results[2] < results[1])


def _form_pdf_printed() -> bytes | None:
    """A 12-page form as an office suite prints it (embedded font subsets, tables as ruled
    cells): the demo .docx with a long 项目内容, converted by LibreOffice. None without soffice."""
    from shenbao.demo.forms import build_docx, example_spec
    from shenbao.extractors import convert

    if not convert.available():
        return None
    content = tuple(f"（{i}）围绕学术交流与科普服务开展第{i}项工作：组织专家研讨、整理成果、形成报告，"
                    f"预计参会代表260人，覆盖全省14个市州。" * 4 for i in range(1, 76))
    goals = tuple(f"{i}.完成第{i}项考核指标，形成可检查的成果材料。" for i in range(1, 16))
    return convert.to_pdf(build_docx(example_spec(content=content, goals=goals)), "form.docx")


def _per_page(data: bytes, fn: Callable[[], object], reps: int) -> float:
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(data))
    fn()  # warm imports and caches
    best = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        best = min(best, timed(lambda: [fn() for _ in range(reps)])[0])
    return best / reps / pages * 1000


def stage_pdf() -> None:
    """Text PDF forms: ours against pypdfium2's text alone (the floor) and pdfplumber's text +
    tables (what a careful reader without pdfium would run)."""
    import pdfplumber
    import pypdfium2

    from shenbao.demo.forms import build_pdf, example_spec
    from shenbao.extractors.pdf_reader import pdf_to_doctext

    def pdfium_text(data: bytes) -> None:
        doc = pypdfium2.PdfDocument(data)
        for page in doc:
            page.get_textpage().get_text_range()
        doc.close()

    def plumber_read(data: bytes) -> None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.find_tables()

    printed = _form_pdf_printed()
    long_content = tuple(f"第{i}段：项目内容说明，聚焦学术交流与科普服务，预计参会代表260人。" * 3 for i in range(60))
    forms = [("printed by an office suite", printed, True),
             ("reportlab, non-embedded STSong font", build_pdf(example_spec(content=long_content)), False)]
    for label, data, is_target in forms:
        if data is None:
            row(f"text PDF form ({label})", "soffice missing", "-", None, "≤ 10 ms/page", None)
            continue
        pages = len(pypdfium2.PdfDocument(data))
        ours = _per_page(data, lambda: pdf_to_doctext(data, "form.pdf", "0" * 64), 5)
        floor = _per_page(data, lambda: pdfium_text(data), 5)
        plumber = _per_page(data, lambda: plumber_read(data), 1)
        row(f"text PDF form, {pages} pages ({label})", f"{ours:.1f} ms/page",
            f"pypdfium2 text {floor:.1f}; pdfplumber text+tables {plumber:.1f} ms/page", ours / floor,
            "≤ 10 ms/page" if is_target else "(info: pdfium's font substitution)", ours <= 10 if is_target else None)
        if is_target:
            profile_to(Path(tempfile.gettempdir()) / "shenbao-pdf.prof",
                       lambda: pdf_to_doctext(data, "form.pdf", "0" * 64))


def _scanned(pdf: bytes, seed: int = 5) -> bytes:
    """A text PDF as a scanner gives it back: every page rendered at 200 dpi on off-white paper
    with grain and a slight turn, put into an image-only PDF (tests/builders: image_pdf)."""
    import numpy as np
    import pypdfium2
    from PIL import Image

    from tests.builders.pdf_quirks import image_pdf

    rng = np.random.default_rng(seed)
    pages = []
    for page in pypdfium2.PdfDocument(pdf):
        image = page.render(scale=200 / 72).to_pil().convert("RGB")
        pixels = np.minimum(np.asarray(image, dtype=np.int16), 248) + rng.normal(0, 8, (image.height, image.width, 1))
        noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
        pages.append(noisy.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=(248, 248, 248)))
    return image_pdf(pages)


def stage_scan() -> None:
    """A 12-page scanned application: ours (the pages that can hold fields, both cores) against
    rapidocr reading every page on one core."""
    import pypdfium2

    from shenbao.demo.forms import build_pdf, example_spec
    from shenbao.extractors.ocr_reader import read_boxes, warm_engine
    from shenbao.extractors.pdf_reader import OCR_SCALE, pdf_to_doctext

    printed = _form_pdf_printed()  # the 12-page office-printed form of the text PDF row
    if printed is None:
        content = tuple(f"第{i}段：项目内容说明，聚焦学术交流与科普服务。" * 6 for i in range(150))
        printed = build_pdf(example_spec(content=content))
    scan = _scanned(printed)
    doc = pypdfium2.PdfDocument(scan)
    pages = len(doc)
    warm_engine()
    t, read = timed(lambda: pdf_to_doctext(scan, "扫描件.pdf", "0" * 64))
    notes = "; ".join(read.notes)  # type: ignore[attr-defined]
    print(f"  [scan] {notes}", flush=True)
    import numpy as np

    every, _ = timed(lambda: [read_boxes(np.asarray(doc[i].render(scale=OCR_SCALE).to_pil().convert("RGB")))
                              for i in range(pages)])
    row(f"scanned application, {pages} pages (fields pages only, 2 cores)", f"{t:.1f} s",
        f"rapidocr on every page, 1 core {every:.1f} s", t / every, "< 20 s", t < 20)


def stage_doc(n: int = 6) -> None:
    from shenbao.demo.forms import build_docx, example_spec
    from shenbao.extractors import convert

    if not convert.available():
        row(".doc → .docx", "soffice missing", "-", None, "< 0.5 s/file", None)
        return
    docx = [build_docx(example_spec(project_name=f"测试项目{i}")) for i in range(n)]
    docs = convert.convert_many([(d, "docx") for d in docx], "doc", 120)
    assert all(isinstance(d, bytes) for d in docs), docs
    one = many = float("inf")
    for _ in range(2):  # best of two: soffice's start varies a lot with load
        one = min(one, timed(lambda: convert.to_docx(docs[0], "a.doc", "doc"))[0])  # type: ignore[arg-type]
        t, out = timed(lambda: convert.to_docx_many([(d, f"{i}.doc", "doc") for i, d in enumerate(docs)]))  # type: ignore[misc]
        assert all(isinstance(o, bytes) for o in out), out  # type: ignore[union-attr]
        many = min(many, t)
    after_start = (many - one) / (n - 1)
    row(f".doc → .docx, batch of {n} (per file after start)", f"{after_start:.2f} s/file ({many:.1f} s total)",
        f"one soffice per file {one:.2f} s", after_start / one, "< 0.5 s/file", after_start < 0.5)
    if not convert.persistent_available():
        row(".doc → .docx, persistent soffice", "python3-uno missing", "-", None, "< 0.5 s/file", None)
        return
    # The service's path: one soffice started once per process, then file after file.
    with convert.PersistentConverter() as converter:
        start, _ = timed(converter.start)
        per_file = float("inf")
        for _ in range(2):  # best of two rounds of n files
            t, out = timed(lambda: [converter.to_docx(d, f"{i}.doc", "doc") for i, d in enumerate(docs)])  # type: ignore[arg-type]
            assert all(isinstance(o, bytes) for o in out), out  # type: ignore[union-attr]
            per_file = min(per_file, t / n)
    row(f".doc → .docx, persistent soffice, {n} files (per file after start)",
        f"{per_file:.2f} s/file (start {start:.1f} s, once per process)", f"one soffice per file {one:.2f} s",
        per_file / one, "< 0.5 s/file", per_file < 0.5)


# --------------------------------------------------------------------------- memory

def stage_memory(mb: int = 50) -> None:
    from shenbao.intake.mime import parse_message

    raw = corpus.big_attachment_message(mb)
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    parsed = parse_message(raw)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    assert any(len(p.data) == mb * 1024 * 1024 for p in parsed.parts)
    del parsed
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    email_default_walk(raw)
    ref = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    times = peak / (mb * 1024 * 1024)
    row(f"{mb} MB attachment: parse_message peak extra memory (raw {len(raw) / 1e6:.0f} MB held by caller)",
        f"{peak / 1e6:.0f} MB = {times:.1f}× attachment", f"email default {ref / 1e6:.0f} MB", peak / ref,
        "≤ 2× attachment", times <= 2)


# --------------------------------------------------------------------------- output

def profile_to(path: Path, fn: Callable[[], object]) -> None:
    prof = cProfile.Profile()
    prof.runcall(fn)
    prof.dump_stats(str(path))
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(12)
    PROFILES.append((path.name, buf.getvalue()))


PROFILES: list[tuple[str, str]] = []
PROFILE_FETCH = False


def print_table() -> None:
    header = ("stage", "ours", "reference", "ratio", "target", "met?")
    lines = [(r.stage, r.ours, r.reference, "" if r.ratio is None else f"{r.ratio:.2f}", r.target,
              "-" if r.met is None else ("yes" if r.met else "NO")) for r in ROWS]
    print("\n| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for line in lines:
        print("| " + " | ".join(line) + " |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=2000, help="messages in the fetch mailbox (default 2000)")
    ap.add_argument("--sample", type=int, default=80, help="emails in the end-to-end sample (default 80)")
    ap.add_argument("--parse-mb", type=float, default=150, help="MB of the mailbox to parse (default 150)")
    ap.add_argument("--quick", action="store_true", help="300 messages, 30-email sample")
    ap.add_argument("--profiles", action="store_true",
                    help="print the cProfile summaries (and profile a second first sync)")
    ap.add_argument("--only", choices=["parse", "pdf", "scan", "doc"],
                    help="parse: only the MIME parse throughput and 50 MB memory rows; pdf: only the "
                         "text PDF rows; scan: only the 12-page scan; doc: only the .doc conversion rows "
                         "(none needs Dovecot)")
    args = ap.parse_args()
    global PROFILE_FETCH
    PROFILE_FETCH = args.profiles
    if args.quick:
        args.messages, args.sample, args.parse_mb = 300, 30, 40
    if args.only in ("pdf", "scan", "doc"):
        try:
            {"pdf": stage_pdf, "scan": stage_scan, "doc": stage_doc}[args.only]()
        finally:
            print_table()
        return 0
    if args.only == "parse":
        try:
            t, messages = timed(lambda: corpus.mailbox(args.messages))
            print(f"built mailbox in {t:.1f} s", flush=True)
            stage_parse(messages, args.parse_mb)  # type: ignore[arg-type]
            del messages
            stage_memory()
        finally:
            print_table()
        return 0
    if not shutil.which("mbsync"):
        print("mbsync is missing: apt-get install -y isync", file=sys.stderr)
        return 2
    os.environ[PASSWORD_ENV] = ""
    work = Path(tempfile.mkdtemp(prefix="shenbao-bench-"))
    dovecot = Dovecot.start()
    os.environ[PASSWORD_ENV] = dovecot.password
    try:
        t, messages = timed(lambda: corpus.mailbox(args.messages))
        print(f"built mailbox in {t:.1f} s", flush=True)
        stage_fetch(dovecot, work, messages)  # type: ignore[arg-type]
        stage_parse(messages, args.parse_mb)  # type: ignore[arg-type]
        del messages
        sample = corpus.sample(args.sample)
        stage_idle(dovecot, work, sample)  # type: ignore[arg-type]
        stage_extract(work, sample)  # type: ignore[arg-type]
        stage_pdf()
        stage_scan()
        stage_doc()
        stage_memory()
    finally:
        dovecot.stop()
        shutil.rmtree(work, ignore_errors=True)
        print_table()
        if args.profiles:
            for name, text in PROFILES:
                print(f"\n--- {name}\n{text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

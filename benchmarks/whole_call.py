"""A whole call at the office's scale: one generated call of N applications served by a real
Dovecot and polled the way the office lives with it.

    nice -n 10 .venv/bin/python benchmarks/whole_call.py                  # 500 applications: ~6 min to generate, ~12 to run
    .venv/bin/python benchmarks/whole_call.py --count 40                  # a smoke run
    .venv/bin/python benchmarks/whole_call.py --corpus DIR --keep WORK    # reuse a generated corpus

Steps, each one `shenbao poll -c …` as a fresh command (what `shenbao poll` costs, process start
included), in one work folder:

  first    from an empty store: fetch, parse, read every file, validate, write the register
  retry    only when a file's reading hit a limit (time, memory) in the first poll: the poll
           that reads it again (extraction.ATTEMPTS), so that the edits measure the re-check alone
  rules    the rules file (a copy of config/guide-2024.toml the settings point at) edited:
           学术交流's funding maximum 10 → 8 万元
  ledger   the paper ledger (a copy of the corpus's receipts.xlsx) edited: one parcel's copies
           changed, one parcel added for an application the ledger lacked
  idle     nothing new
  text     (unless --no-text-part) the call's text-only messages (no scan, photo, .doc or
           .wps form) polled into an empty store of their own

For each step it prints wall time; CPU (user + sys of every process of the poll's tree, sampled
every 0.1 s: the poll command, readers, OCR helpers, LibreOffice; Dovecot not included); peak RSS of any one
process (the poll's process tree sampled every 0.1 s, with the process's name); files opened by
extraction (read by a reader / of which OCR / converted from .doc/.wps, from the store's
`files_opened` event: none logged means nothing was extracted); evidence pictures rendered for
the register's 核对 sheet (new PNGs in the store's evidence folder: each one opened a stored
file again to render a page, or a Word file's printout, printed once through LibreOffice) and
those left for the next poll (the write's picture budget, register_files.PICTURE_BUDGET); the rows whose
findings or paper match changed; the sum of the per-stage floors that exist for the step and
the ratio; the load average before and after.

Floors (benchmarks/floors.py, measured after the polls on the same messages, except where it
says "earlier figure"): fetch (raw-socket UID FETCH), parse (190 MB/s), .docx (unzip + strip),
text PDF (pypdfium2 text), scanned PDF (field pages × the faster OCR engine / 2 cores), .doc/.wps
(0.25 s a file), register (xlsxwriter, 1.6 s / 5,000 rows). Added here: photos (each photo a
page; field pages of a message's photos × the same OCR seconds per page / 2 cores) and the
floor of a poll with nothing to read (a raw-socket LOGIN + SELECT + UID SEARCH). No floor
exists for: archives (unpacking), encrypted files, validation and paper matching, the 核对
sheet's pictures, the attachment copies, or Python's start. A re-check step's floor is the
search plus the register; the idle step's is the search alone.

`--profile [rules] [ledger] [idle]` (default: rules idle; `--profile` alone: none): after the
measured steps, each is done once more (the funding maximum back to 10, one more parcel, nothing)
and polled under cProfile (not timed); the top functions by own time and by cumulative time are
printed. Each step's log (seconds after its start) and RSS over time are left in the work folder
(`call/<step>.log`, `call/<step>.rss.tsv`); keep it with --keep.

Run by hand, never in the test suite; the machine's load changes every figure.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import psutil
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import floors  # noqa: E402
from labelled_folder import PASSWORD_ENV, manifest_messages, raw_messages, served, settings_text  # noqa: E402
from run_all import raw_socket_fetch  # noqa: E402

from shenbao.extraction import ATTEMPTS_VERSION, EXTRACTION_VERSION, FILES_OPENED_EVENT  # noqa: E402
from shenbao.register_files import PICTURES_PENDING  # noqa: E402
from shenbao.store import Store  # noqa: E402
from tests.support.dovecot import Dovecot  # noqa: E402

GUIDE = ROOT / "config" / "guide-2024.toml"
# 学术交流 is the guide's first item with this range (学会服务站建设 has the same one further down).
ACADEMIC_RANGE = "funding = { min = 5, max = 10 }"
EDITED_RANGE = "funding = { min = 5, max = 8 }"
# Formats (the manifest's `format`) whose form is not text: OCR or LibreOffice reads it.
NOT_TEXT_FORMATS = frozenset({"scan_pdf", "photo_jpg", "doc", "wps"})


# --------------------------------------------------------------------------- one measured poll

@dataclass
class Step:
    name: str
    wall: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0
    peak_process: str = ""
    opened: dict[str, int] = field(default_factory=dict)
    extracted: int | None = None  # messages extraction ran on (None: no files_opened event)
    retried: int = 0  # messages read again because a file's reading hit a limit at an earlier poll
    pictures: int = 0
    pictures_left: int = 0  # pictures the write had no time for (register_files.PICTURE_BUDGET)
    changed_rows: int = 0
    floor: float = 0.0
    floor_notes: list[str] = field(default_factory=list)
    load_before: float = 0.0
    load_after: float = 0.0
    log_line: str = ""
    peak_note: str = ""  # when the peak RSS came, and the poll's last log line before it

    @property
    def ratio(self) -> float | None:
        return self.wall / self.floor if self.floor > 0 else None


class TreeSampler:
    """The largest RSS of any process in a process tree, sampled every `interval` seconds, with
    when it was reached (seconds after `start`) and the tree's RSS over time (`timeline`: time,
    the root's RSS, the largest other process's RSS).

    Also the CPU each process of the tree used, as last seen (`cpu`): the poll's rusage of its
    children misses every process it never waits for, and a reader's OCR helper is one (it dies
    with its reader and is reaped by init, not by the poll): on the eighteenth session's
    call500 the rusage said 1120.8 CPU-s where the tree, sampled each second, used ~1850."""

    def __init__(self, pid: int, start: float, interval: float = 0.1) -> None:
        self.root = psutil.Process(pid)
        self.start, self.interval = start, interval
        self.peak = 0
        self.peak_at = 0.0
        self.name = ""
        self.timeline: list[tuple[float, int, int]] = []
        self._cpu: dict[tuple[int, float], float] = {}  # (pid, create time) → own user + system seconds
        # (pid, create time) → [RSS at first sight, the poll's RSS then, peak RSS, seconds at peak, role]:
        # a forked reader's RSS starts at the poll's (its pages are counted in both), so its peak
        # is what it inherited plus what its files added — the two are told apart here.
        self.processes: dict[tuple[int, float], list[Any]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu(self) -> float:
        """CPU seconds of every process seen in the tree (each as last sampled: a process's
        last fraction of a sampling interval, and one that lived less than that, are missed)."""
        return sum(self._cpu.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            now = time.perf_counter() - self.start
            sizes = []
            for proc in procs:
                try:
                    times = proc.cpu_times()  # own time only: reaped children are counted as themselves
                    key = (proc.pid, proc.create_time())
                    self._cpu[key] = times.user + times.system
                    rss = proc.memory_info().rss
                    sizes.append(rss)
                    self._track(key, proc, rss, sizes[0], now)
                    if rss > self.peak:
                        self.peak, self.peak_at = rss, now
                        # A forked reader has its parent's command line: say which it is.
                        who = "the poll command" if proc.pid == self.root.pid else f"child {proc.name()}"
                        self.name = f"{who}: {' '.join(proc.cmdline()[:4])[:70]}"
                except psutil.Error:
                    sizes.append(0)
            self.timeline.append((now, sizes[0], max(sizes[1:], default=0)))
            self._stop.wait(self.interval)

    def _track(self, key: tuple[int, float], proc: psutil.Process, rss: int, root_rss: int, now: float) -> None:
        seen = self.processes.get(key)
        if seen is None:
            if proc.pid == self.root.pid:
                role = "poll"
            elif proc.ppid() == self.root.pid:
                role = "reader" if "python" in proc.name() or "shenbao" in proc.name() else proc.name()
            else:
                role = f"{proc.name()} (child of {proc.ppid()})"
            self.processes[key] = [rss, root_rss, rss, now, role]
        elif rss > seen[2]:
            seen[2], seen[3] = rss, now

    def largest(self, count: int = 3) -> list[str]:
        """The `count` processes with the largest peak RSS: role, RSS at first sight (and the
        poll's then), peak and when."""
        rows = sorted(self.processes.items(), key=lambda item: -item[1][2])[:count]
        mb = 2**20
        return [f"{role} {pid}: first seen {first / mb:.0f} MB (poll then {root / mb:.0f} MB), "
                f"peak {peak / mb:.0f} MB at {at:.0f} s"
                for (pid, _), (first, root, peak, at, role) in rows]


def unsettled(store: Store) -> list[str]:
    """Messages whose file hit a limit (time, memory, crash) once: the next poll reads them again."""
    return store.messages_with_unsettled_files(EXTRACTION_VERSION, ATTEMPTS_VERSION)


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def evidence_files(data_dir: Path) -> int:
    """Pictures in the store's evidence folder (PNGs: not the Word printouts or reasons beside them)."""
    folder = data_dir / "evidence"
    return sum(1 for p in folder.rglob("*.png") if p.is_file()) if folder.is_dir() else 0


def poll_argv(config: Path, profile_to: Path | None = None) -> list[str]:
    if profile_to is None:
        return [str(ROOT / ".venv/bin/shenbao"), "poll", "-c", str(config)]
    return [sys.executable, "-m", "cProfile", "-o", str(profile_to), "-m", "shenbao", "poll", "-c", str(config)]


def timed_lines(stream: Any, start: float, into: list[tuple[float, str]]) -> None:
    for line in stream:
        into.append((time.perf_counter() - start, line.rstrip("\n")))


def measured_poll(name: str, config: Path, env: dict[str, str], data_dir: Path,
                  profile_to: Path | None = None) -> Step:
    """One `shenbao poll` measured; its log (seconds after the start) and RSS over time are left
    beside the data folder as <step>.log and <step>.rss.tsv."""
    step = Step(name, load_before=os.getloadavg()[0])
    with Store(data_dir) as store:
        mark = store.event_mark()
        step.retried = len(unsettled(store))
    pictures = evidence_files(data_dir)
    cpu = children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(poll_argv(config, profile_to), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(target=timed_lines, args=(proc.stderr, start, lines), daemon=True)
    reader.start()
    with TreeSampler(proc.pid, start) as sampler:
        assert proc.stdout is not None
        out = proc.stdout.read()
        proc.wait()
        reader.join()
    err = "\n".join(line for _, line in lines)
    step.wall = time.perf_counter() - start
    # The larger of the two: rusage misses the processes never waited for (OCR helpers), the
    # sampler a process's last interval; the poll's own CPU is in both.
    step.cpu = max(children_cpu() - cpu, sampler.cpu)
    step.load_after = os.getloadavg()[0]
    if proc.returncode != 0:
        raise RuntimeError(f"shenbao poll failed ({proc.returncode}):\n{out[-2000:]}\n{err[-3000:]}")
    step.peak_mb, step.peak_process = sampler.peak / 2**20, sampler.name
    before = [line for t, line in lines if t <= sampler.peak_at]
    step.peak_note = f"peak at {sampler.peak_at:.0f} s of {step.wall:.0f} s; last log line before it: " \
                     f"{before[-1] if before else '(none)'}\n  largest processes: " \
                     + "; ".join(sampler.largest())
    slug = "".join(c if c.isalnum() else "-" for c in name.split(" (")[0])
    (data_dir.parent / f"{slug}.log").write_text(
        "".join(f"{t:8.1f} {line}\n" for t, line in lines) + out, encoding="utf-8")
    (data_dir.parent / f"{slug}.rss.tsv").write_text(
        "seconds\tpoll_mb\tlargest_child_mb\n"
        + "".join(f"{t:.1f}\t{a / 2**20:.0f}\t{b / 2**20:.0f}\n" for t, a, b in sampler.timeline), encoding="utf-8")
    with Store(data_dir) as store:
        events = store.events(FILES_OPENED_EVENT, after=mark)
    step.opened = {"read": 0, "ocr": 0, "converted": 0}
    for _, _, detail in events:
        for key in step.opened:
            step.opened[key] += int(str(detail.get(key, 0)))
        step.extracted = (step.extracted or 0) + int(str(detail.get("messages", 0)))
    step.pictures = evidence_files(data_dir) - pictures
    with Store(data_dir) as store:
        step.pictures_left = store.get_counter(PICTURES_PENDING)
    step.log_line = next((line.split(" ", 1)[-1] for line in err.splitlines() if "打开附件" in line), "")
    return step


# --------------------------------------------------------------------------- the call's work folder

@dataclass(frozen=True)
class CallFolder:
    """The settings, the rules copy and the ledger copy of one polled call."""

    corpus: Path
    work: Path
    server: Dovecot

    @property
    def config(self) -> Path:
        return self.work / "shenbao.toml"

    @property
    def rules(self) -> Path:
        return self.work / "rules.toml"

    @property
    def ledger(self) -> Path:
        return self.work / "receipts.xlsx"

    @property
    def data_dir(self) -> Path:
        return self.work / "data"

    @property
    def export(self) -> Path:
        return self.work / "output" / "register.jsonl"

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, PASSWORD_ENV: self.server.password}

    def prepare(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        shutil.copyfile(GUIDE, self.rules)
        shutil.copyfile(self.corpus / "receipts.xlsx", self.ledger)
        text = settings_text(self.corpus, self.server)
        original = f'receipts = "{self.corpus / "receipts.xlsx"}"'
        assert original in text, text
        self.config.write_text(text.replace(original, f'receipts = "{self.ledger}"\nrules = "{self.rules}"'),
                               encoding="utf-8")

    def rows(self) -> dict[str, dict[str, Any]]:
        """The export's rows by register number."""
        lines = self.export.read_text(encoding="utf-8").splitlines()
        return {r["id"]: r for r in (json.loads(line) for line in lines if line.strip())}


def verdict_of(row: dict[str, Any]) -> tuple[Any, ...]:
    return (sorted(f["code"] for f in row["findings"]), json.dumps(row.get("paper"), sort_keys=True))


def changed_rows(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> int:
    return sum(1 for k in set(before) | set(after)
               if k not in before or k not in after or verdict_of(before[k]) != verdict_of(after[k]))


def code_count(rows: dict[str, dict[str, Any]], code: str) -> int:
    return sum(1 for r in rows.values() for f in r["findings"] if f["code"] == code)


def edit_rules(rules: Path, old: str, new: str) -> None:
    text = rules.read_text(encoding="utf-8")
    assert old in text, old
    rules.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_ledger(ledger: Path, rows: dict[str, dict[str, Any]], receipt_id: str) -> str:
    """Staff's edit: the first parcel of 3 copies becomes 2, and a parcel is logged for the first
    application the register shows without one (PAPER_MISSING). Returns what was done."""
    wb = load_workbook(ledger)
    ws = wb.active
    assert ws is not None
    header = [str(c.value) for c in ws[1]]
    copies, org, project, rid = (header.index(h) + 1 for h in ("份数", "申报单位", "项目名称", "登记号"))
    changed = ""
    for r in range(2, ws.max_row + 1):
        if str(ws.cell(r, copies).value).strip() == "3":
            ws.cell(r, copies).value = 2
            changed = f"{ws.cell(r, rid).value}: 3 → 2 copies"
            break
    missing = next(r for r in rows.values()
                   if any(f["code"] == "PAPER_MISSING" for f in r["findings"]) and r.get("fields"))
    line: list[str | int | None] = [None] * len(header)
    line[rid - 1], line[org - 1], line[project - 1], line[copies - 1] = (
        receipt_id, missing["fields"]["applicant_org"], missing["fields"]["project_name"], 3)
    line[header.index("收件日期")] = date(2024, 4, 26).isoformat()
    ws.append(line)
    wb.save(ledger)
    return f"{changed}; added {receipt_id} for {missing['id']} {missing['fields']['applicant_org']}"


# --------------------------------------------------------------------------- floors

def raw_socket_search(port: int, user: str, password: str) -> None:
    """The floor of a poll with nothing to read: LOGIN, SELECT, UID SEARCH for new mail, LOGOUT."""
    sock = socket.create_connection(("127.0.0.1", port))
    f = sock.makefile("rb")
    f.readline()
    for tag, text in ((b"a1", b"LOGIN " + user.encode() + b" " + password.encode()), (b"a2", b"SELECT INBOX"),
                      (b"a3", b"UID SEARCH UID 999999:*"), (b"a4", b"LOGOUT")):
        sock.sendall(tag + b" " + text + b"\r\n")
        while not f.readline().startswith(tag + b" "):
            pass
    sock.close()


def best_of(n: int, fn: Any) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def photo_pages(raws: list[bytes]) -> tuple[int, list[Any]]:
    """Field pages among the call's distinct photos (floors._field_pages over each message's new
    photos), and up to 4 of them decoded, to time OCR on."""
    from PIL import Image

    from shenbao.intake.mime import parse_message

    seen: set[int] = set()
    pages, sample = 0, list[Any]()
    for raw in raws:
        photos = [p.data for p in parse_message(raw).parts if p.kind == "image" and not p.problem]
        fresh = [d for d in photos if hash(d) not in seen]
        seen.update(hash(d) for d in fresh)
        if fresh:
            pages += len(floors._field_pages(len(fresh)))
            while len(sample) < 4 and fresh:
                sample.append(Image.open(io.BytesIO(fresh.pop(0))).convert("RGB"))
    return pages, sample


def call_floors(raws: list[bytes], server: Dovecot, rows: int) -> tuple[floors.Floors, float]:
    """The first poll's floors (floors.measure plus photos) and the idle floor (a search)."""
    fetch = best_of(3, lambda: raw_socket_fetch(server.port, server.user, server.password))
    budget = floors.measure(raws, fetch, rows)
    pages, sample = photo_pages(raws)
    if pages:
        per_page, how = floors._ocr_seconds_per_page(sample)
        budget.seconds["photo OCR"] = pages * per_page / floors.CORES
        budget.notes["photo OCR"] = f"{pages} field pages × {per_page:.2f} s / {floors.CORES} cores ({how}; measured)"
    search = best_of(5, lambda: raw_socket_search(server.port, server.user, server.password))
    return budget, search


# --------------------------------------------------------------------------- output

def step_line(s: Step) -> str:
    opened = (f"{s.opened['read']} read / {s.opened['ocr']} OCR / {s.opened['converted']} converted"
              f" ({s.extracted} messages" + (f", {s.retried} of them retried after a limit hit" if s.retried else "")
              + ")" if s.extracted is not None else "0 (nothing to extract)")
    ratio = f"{s.ratio:.2f}×" if s.ratio is not None else "-"
    load = f"{s.load_before:.1f} → {s.load_after:.1f}"
    return (f"| {s.name} | {s.wall:.1f} s | {s.cpu:.1f} s | {s.peak_mb:.0f} MB ({s.peak_process}) | {opened} | "
            f"{s.pictures} ({s.pictures_left} left) | {s.changed_rows} | {s.floor:.2f} s | {ratio} | {load} |")


def print_table(steps: list[Step]) -> None:
    print("\n| step | wall | CPU | peak RSS (process) | files opened by extraction | evidence pictures "
          "rendered | rows whose findings/paper changed | sum of floors | ratio | load (1 min) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for s in steps:
        print(step_line(s))
    print()
    for s in steps:
        print(f"{s.name}: {s.peak_note}")
    for s in steps:
        if s.floor_notes:
            print(f"\nfloors of {s.name}:")
            print("\n".join(s.floor_notes))


def top_functions(path: Path, n: int = 5) -> str:
    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("tottime").print_stats(n)
    stats.sort_stats("cumulative").print_stats(n + 10)
    return "\n".join(line for line in out.getvalue().splitlines() if line.strip())


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def say(text: str) -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------- main

@contextmanager
def text_only_folder(corpus: Path) -> Iterator[Path]:
    """The corpus's messages whose form is text (the manifest's format), as a folder of its own."""
    with tempfile.TemporaryDirectory(prefix="shenbao-text-part-") as tmp:
        folder = Path(tmp)
        manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
        manifest["messages"] = [m for m in manifest["messages"] if m.get("format") not in NOT_TEXT_FORMATS]
        (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        for name in ("mail", "receipts.xlsx", "history.xlsx", "rules.json"):
            (folder / name).symlink_to(corpus / name)
        yield folder


def text_part(corpus: Path, work: Path, profile: Path | None = None) -> Step:
    """The corpus's text-only messages polled into an empty store of their own, and their floors
    (with `profile`: then polled again, into another empty store, under cProfile)."""
    with text_only_folder(corpus) as folder, served(folder) as server:
        part = CallFolder(folder, work / "text-part", server)
        part.prepare()
        n = len(manifest_messages(folder))
        say(f"[text] the {n} text-only emails into an empty store …")
        text = measured_poll(f"text-only part ({n} emails, empty store)", part.config, part.env, part.data_dir)
        text_rows = part.rows()
        text.changed_rows = len(text_rows)
        text_budget, _ = call_floors(raw_messages(folder), server, len(text_rows))
        text.floor, text.floor_notes = text_budget.total, text_budget.lines()
        say(step_line(text))
        if profile is not None:
            again = CallFolder(folder, work / "text-part-profiled", server)
            again.prepare()
            say("[profile] the text part again, into an empty store, under cProfile (not timed) …")
            say(step_line(measured_poll("text part under cProfile", again.config, again.env, again.data_dir,
                                        profile_to=profile)))
            say(top_functions(profile, 25))
    return text


def generate(out: Path, count: int, seed: int) -> None:
    say(f"generating a dev-split corpus of {count} applications (seed {seed}) in {out} …")
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "benchmarks.gencorpus", str(out), "--split", "dev", "--count", str(count),
                    "--seed", str(seed)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    say(f"  generated in {time.perf_counter() - t:.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=500, help="applications (emails) to generate (default 500)")
    ap.add_argument("--seed", type=int, default=7, help="the generator's seed, 0–499 (default 7)")
    ap.add_argument("--corpus", type=Path, help="a generated corpus to reuse instead of generating one")
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one, removed)")
    ap.add_argument("--profile", nargs="*", choices=("rules", "ledger", "idle"), default=["rules", "idle"],
                    help="after the measured steps, repeat these steps under cProfile (not timed; "
                         "default: rules idle; none: no value)")
    ap.add_argument("--no-text-part", action="store_true", help="skip polling the text-only messages alone")
    ap.add_argument("--text-part-only", action="store_true",
                    help="poll the text-only messages alone, nothing else (with --profile: also once under cProfile)")
    a = ap.parse_args()
    work = a.keep.resolve() if a.keep else Path(tempfile.mkdtemp(prefix="shenbao-whole-call-"))
    work.mkdir(parents=True, exist_ok=True)
    say(f"machine: {os.cpu_count()} cores; uptime: {uptime()}")
    corpus = a.corpus.resolve() if a.corpus else work / "corpus"
    if not a.corpus:
        generate(corpus, a.count, a.seed)
    formats: dict[str, int] = {}
    for m in manifest_messages(corpus):
        formats[str(m.get("format"))] = formats.get(str(m.get("format")), 0) + 1
    raws = raw_messages(corpus)
    say(f"corpus {corpus}: {len(raws)} emails, {sum(map(len, raws)) / 1e6:.0f} MB; forms by format: "
        + ", ".join(f"{k} {v}" for k, v in sorted(formats.items(), key=lambda kv: -kv[1])))
    steps: list[Step] = []
    try:
        if a.text_part_only:
            steps.append(text_part(corpus, work, profile=work / "text-part.prof" if a.profile else None))
            return 0
        with served(corpus) as server:
            call = CallFolder(corpus, work / "call", server)
            call.prepare()
            env = call.env

            say("[first] poll from an empty store …")
            first = measured_poll("first poll (empty store)", call.config, env, call.data_dir)
            rows0 = call.rows()
            first.changed_rows = len(rows0)
            steps.append(first)
            say(step_line(first) + f"\n  {first.log_line}")
            # A file whose reading hit a limit (a time limit on a loaded machine) is read again by
            # the next poll, whatever else happens (extraction.ATTEMPTS): done here, as a step of its
            # own, so that the edits' steps measure the re-check alone.
            for n in range(1, 3):
                with Store(call.data_dir) as store:
                    if not unsettled(store):
                        break
                say(f"[retry {n}] files that hit a limit are read again …")
                retry = measured_poll(f"retry {n} (files that hit a limit)", call.config, env, call.data_dir)
                retry.changed_rows = changed_rows(rows0, call.rows())
                rows0 = call.rows()
                steps.append(retry)
                say(step_line(retry) + f"\n  {retry.log_line}")

            say(f"[rules] 学术交流 funding max 10 → 8 in {call.rules.name} …")
            edit_rules(call.rules, ACADEMIC_RANGE, EDITED_RANGE)
            rules = measured_poll("rules edit", call.config, env, call.data_dir)
            rows1 = call.rows()
            rules.changed_rows = changed_rows(rows0, rows1)
            steps.append(rules)
            say(step_line(rules) + f"\n  FUNDING_OUT_OF_RANGE {code_count(rows0, 'FUNDING_OUT_OF_RANGE')} → "
                f"{code_count(rows1, 'FUNDING_OUT_OF_RANGE')} rows")

            what = edit_ledger(call.ledger, rows1, "WC-0001")
            say(f"[ledger] {what} …")
            ledger = measured_poll("ledger edit", call.config, env, call.data_dir)
            rows2 = call.rows()
            ledger.changed_rows = changed_rows(rows1, rows2)
            steps.append(ledger)
            say(step_line(ledger) + f"\n  PAPER_MISSING {code_count(rows1, 'PAPER_MISSING')} → "
                f"{code_count(rows2, 'PAPER_MISSING')}, PAPER_SHORT {code_count(rows1, 'PAPER_SHORT')} → "
                f"{code_count(rows2, 'PAPER_SHORT')}")

            say("[idle] nothing new …")
            idle = measured_poll("idle", call.config, env, call.data_dir)
            idle.changed_rows = changed_rows(rows2, call.rows())
            steps.append(idle)
            say(step_line(idle))

            say("[floors] measuring per-stage floors on the same messages …")
            budget, search = call_floors(raws, server, len(rows0))
            first.floor = budget.total
            first.floor_notes = budget.lines()
            recheck = search + budget.seconds["register"]
            for step in (rules, ledger):
                step.floor = recheck
                step.floor_notes = [f"  search   {search:8.3f} s   raw socket LOGIN/SELECT/UID SEARCH (measured)",
                                    f"  register {budget.seconds['register']:8.3f} s   {budget.notes['register']}"]
            idle.floor = search
            idle.floor_notes = [f"  search   {search:8.3f} s   raw socket LOGIN/SELECT/UID SEARCH (measured)"]

            for what in a.profile:
                prof = work / f"whole-call-{what}.prof"
                if what == "rules":
                    edit_rules(call.rules, EDITED_RANGE, ACADEMIC_RANGE)
                elif what == "ledger":
                    edit_ledger(call.ledger, call.rows(), "WC-0002")
                say(f"[profile] the {what} step again, under cProfile (not timed) …")
                profiled = measured_poll(f"{what} under cProfile", call.config, env, call.data_dir, profile_to=prof)
                say(step_line(profiled))
                say(top_functions(prof))

        if not a.no_text_part:
            steps.append(text_part(corpus, work))
    finally:
        print_table(steps)
        say(f"\nrows column: for the first poll and the text part, rows written; uptime at the end: {uptime()}")
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Score shenbao on a sample folder (emails + manifest + ledger + history + truth), end to end
through a real Dovecot, the way the office's mail would arrive.

    .venv/bin/python benchmarks/sample_score.py SAMPLE_DIR [--keep WORKDIR] [--mismatches N]

SAMPLE_DIR holds mail/NNNN.eml, manifest.json (INTERNALDATE per message), receipts.xlsx,
history.xlsx, rules.json (deadlines), truth.jsonl and, optionally, score.py. Run by hand; not a test.
The export is scored by benchmarks/scoring.py, then by the folder's own score.py when it has one.
Loading and polling the folder is shared with corpus_score.py (labelled_folder.py).

Also prints the end-to-end budget (the target is at most 2×): the poll's wall time against the
sum of the per-stage floors measured on the same messages (benchmarks/floors.py).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import floors  # noqa: E402
from labelled_folder import Poll, raw_messages, served  # noqa: E402
from run_all import raw_socket_fetch  # noqa: E402
from scoring import load_jsonl, report_lines, score  # noqa: E402

from tests.support.dovecot import Dovecot  # noqa: E402


def timed_fetch(server: Dovecot) -> float:
    t = time.perf_counter()
    raw_socket_fetch(server.port, server.user, server.password)
    return time.perf_counter() - t


def listed_rows(dry_run_output: str) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """register id → (other mail?, error/warning codes) as `poll --dry-run` printed them."""
    rows: dict[str, tuple[bool, tuple[str, ...]]] = {}
    current = ""
    for line in dry_run_output.splitlines():
        head = re.match(r"^ (?:新|  ) (\d{4}-\d{4}) ", line)
        if head:
            current = head.group(1)
            rows[current] = ("→ 其他邮件" in line, ())
        elif current and re.match(r"^ {8}[A-Z_]+：", line):
            other, codes = rows[current]
            rows[current] = (other, tuple(sorted((*codes, line.strip().split("：")[0]))))
    return rows


def compare_dry_run(dry_run_output: str, export: Path) -> None:
    listed = listed_rows(dry_run_output)
    written = {}
    for line in export.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        codes = sorted(f["code"] for f in row["findings"] if f["severity"] in ("error", "warning"))
        written[row["id"]] = (row["kind"] == "other", tuple(codes))
    differ = sorted(i for i in set(listed) | set(written) if listed.get(i) != written.get(i))
    print(f"dry run listed {len(listed)} rows, the poll wrote {len(written)}; rows that differ: {len(differ)}"
          + (f" ({', '.join(differ[:10])})" if differ else ""))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sample")
    ap.add_argument("--keep", help="work folder to keep (default: a temporary one)")
    ap.add_argument("--mismatches", type=int, default=0,
                    help="print the first N mismatches (score.py) and wrong values (ours)")
    ap.add_argument("--no-floors", action="store_true", help="skip the end-to-end budget")
    ap.add_argument("--dry-run-first", action="store_true",
                    help="run `poll --dry-run` before the poll and compare the rows it lists with those written")
    a = ap.parse_args()
    sample = Path(a.sample).resolve()
    work = Path(a.keep or tempfile.mkdtemp(prefix="shenbao-sample-"))
    with served(sample) as server:
        run = Poll.prepare(sample, work, server)
        dry = run.run("poll", "--dry-run", capture=True) if a.dry_run_first else None
        elapsed = run.poll()
        export = run.export()
        print(f"poll from empty store to register: {elapsed:.1f} s")
        if dry is not None:
            compare_dry_run(dry, export)
        if not a.no_floors:
            rows = sum(1 for line in export.read_text(encoding="utf-8").splitlines() if line.strip())
            fetch_s = min(timed_fetch(server) for _ in range(3))
            budget = floors.measure(raw_messages(sample), fetch_s, rows)
            print("per-stage floors on the same messages:")
            print("\n".join(budget.lines()))
            print(f"end to end: {elapsed:.1f} s = {elapsed / budget.total:.2f} × the sum of floors "
                  f"({budget.total:.1f} s); target ≤ 2×: {'met' if elapsed <= 2 * budget.total else 'NOT met'}")
    print("\n== benchmarks/scoring.py ==")
    print("\n".join(report_lines(score(load_jsonl(export), load_jsonl(sample / "truth.jsonl")), a.mismatches)))
    if not (sample / "score.py").exists():
        return 0
    print("\n== the folder's score.py ==", flush=True)
    args = [sys.executable, str(sample / "score.py"), str(export), str(sample / "truth.jsonl")]
    if a.mismatches:
        args += ["--mismatches", str(a.mismatches)]
    return subprocess.run(args).returncode


if __name__ == "__main__":
    raise SystemExit(main())

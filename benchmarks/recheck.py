"""The re-check a poll does after a rules or ledger edit, timed part by part, in-process.

    nice -n 10 .venv/bin/python benchmarks/recheck.py WORK/call                  # same / rules / ledger
    .venv/bin/python benchmarks/recheck.py WORK/call --steps rules --dump OUT   # keep what it decided
    .venv/bin/python benchmarks/recheck.py WORK/call --compare OUT              # … and compare with it
    .venv/bin/python benchmarks/recheck.py WORK/call --profile OUT.prof        # cProfile of the steps

WORK/call is the call folder `whole_call.py --keep WORK` leaves (shenbao.toml, rules.toml,
receipts.xlsx, data/, output/). It is copied first (to --into, or a temporary folder, removed
afterwards): the original store, ledger and register are never touched. No mailbox is opened.

Each step edits the copy the way `whole_call.py` does, then runs what `pipeline.run_once` runs
after the fetch: extraction of pending messages (there are none: it must open no file), staff's
register files taken in, validation, numbering, rows, the register files written. Printed per
step, wall seconds of:

    extract     extract_pending (0 files opened is checked)
    staff       the register's staff columns read into the store
    validate    register.validate as a whole, of which
      rules       validators.engine.check_application
      review      register.review_findings (value checks)
      supersede   validators.supersede.find_superseded
      paper       validators.paper_match.match_receipts
    rows        numbering and register.rows_from
    write       register_files.write_register_files as a whole, of which
      pictures    evidence pictures (rendered or taken from the store's evidence/ cache)
      xlsx        outputs.register_xlsx.write_register
      copies      attachment copies
      jsonl       register.jsonl
    settle      the written register's staff cells recorded

Steps: `same` (nothing edited: what any forced re-check costs), `rules` (学术交流's funding
maximum 10 → 8), `ledger` (one parcel's copies 3 → 2 and a parcel added, as whole_call.py).

`--dump DIR` writes, per step, what validation decided (every application's paper match and
findings, the paper-only rows, the resends) and the register as written (register.jsonl and every
sheet's cell values) to DIR/<step>.json; `--compare DIR` checks the same against an earlier dump
and prints every difference. Run by hand, never in the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from openpyxl import load_workbook  # noqa: E402

import shenbao.register as register_module  # noqa: E402
import shenbao.register_files as register_files_module  # noqa: E402
from shenbao.execution import Execution  # noqa: E402
from shenbao.extraction import EXTRACTION_VERSION, FILES_OPENED_EVENT, extract_pending  # noqa: E402
from shenbao.fetching import unreadable_mail  # noqa: E402
from shenbao.outputs.cells import LOCAL_TZ  # noqa: E402
from shenbao.outputs.labels_zh import load_register_words  # noqa: E402
from shenbao.pipeline import corrections_by_id, load_inputs, mail_of, number, scope_start_of, scoped  # noqa: E402
from shenbao.register import Numbering, Verdict, rows_from, validate  # noqa: E402
from shenbao.register_files import write_register_files  # noqa: E402
from shenbao.settings import Settings, load_settings  # noqa: E402
from shenbao.staff_files import settle_register_files, take_staff_input  # noqa: E402
from shenbao.staff_input import register_view  # noqa: E402
from shenbao.store import Store  # noqa: E402

STEPS = ("same", "rules", "ledger")
ACADEMIC_RANGE = "funding = { min = 5, max = 10 }"  # as whole_call.py
EDITED_RANGE = "funding = { min = 5, max = 8 }"
PARTS = ("extract", "staff", "validate", "  rules", "  review", "  supersede", "  paper", "rows",
         "write", "  pictures", "  xlsx", "  copies", "  jsonl", "settle")


# --------------------------------------------------------------------------- timing

class Clock:
    """Wall seconds per named part; a part timed more than once adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - start

    def wrap(self, module: Any, attribute: str, name: str) -> Callable[[], None]:
        """Time every call of `module.attribute` (looked up at call time by its callers) as
        `name`; returns the undo."""
        original = getattr(module, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.part(name):
                return original(*args, **kwargs)

        setattr(module, attribute, timed)
        return lambda: setattr(module, attribute, original)


@contextmanager
def timed_parts(clock: Clock) -> Iterator[None]:
    undo = [
        clock.wrap(register_module, "check_application", "  rules"),
        clock.wrap(register_module, "review_findings", "  review"),
        clock.wrap(register_module, "find_superseded", "  supersede"),
        clock.wrap(register_module, "match_receipts", "  paper"),
        clock.wrap(register_files_module, "evidence_pictures", "  pictures"),
        clock.wrap(register_files_module, "write_register", "  xlsx"),
        clock.wrap(register_files_module, "attachment_copies", "  copies"),
        clock.wrap(register_files_module, "write_export", "  jsonl"),
    ]
    try:
        yield
    finally:
        for u in undo:
            u()


# --------------------------------------------------------------------------- the copy

def copy_call(source: Path, into: Path) -> Path:
    """A copy of the call folder whose settings point at the copy's rules and ledger."""
    shutil.copytree(source, into, symlinks=True, dirs_exist_ok=False,
                    ignore=shutil.ignore_patterns("shenbao.lock", "*.rss.tsv", "*.log"))
    config = into / "shenbao.toml"
    text = config.read_text(encoding="utf-8").replace(str(source.resolve()), str(into.resolve()))
    config.write_text(text, encoding="utf-8")
    return config


def edit(step: str, settings: Settings, output: Path) -> str:
    """Edit the copy the way whole_call.py does; returns what was done."""
    if step == "same":
        return "nothing edited"
    if step == "rules":
        rules = settings.rules_path()
        text = rules.read_text(encoding="utf-8")
        old, new = (ACADEMIC_RANGE, EDITED_RANGE) if ACADEMIC_RANGE in text else (EDITED_RANGE, ACADEMIC_RANGE)
        rules.write_text(text.replace(old, new, 1), encoding="utf-8")
        return f"{rules.name}: {old} → {new}"
    from whole_call import edit_ledger  # heavy (Dovecot support, floors): only for this step
    assert settings.paths.receipts
    rows = export_rows(output / "register.jsonl")
    n = sum(1 for line in rows if str(line).startswith("WC-"))
    return edit_ledger(settings.resolve(settings.paths.receipts), rows, f"WC-{9001 + n:04d}")


def export_rows(path: Path) -> dict[str, dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in (json.loads(line) for line in lines if line.strip())}


# --------------------------------------------------------------------------- one re-check

def recheck(settings: Settings, clock: Clock) -> tuple[Verdict, dict[str, int]]:
    """What run_once does after the fetch, on the copy (see pipeline.run_once)."""
    execution = Execution(settings.limits)
    with Store(settings.data_dir) as store, timed_parts(clock):
        opened_before = len(store.events(FILES_OPENED_EVENT))
        with clock.part("extract"):
            start = scope_start_of(settings)
            extracted = extract_pending(store, execution, mail_of,
                                        since=datetime(start.year, start.month, start.day, tzinfo=LOCAL_TZ))
        opened = store.events(FILES_OPENED_EVENT)[opened_before:]
        with clock.part("staff"):
            inputs = load_inputs(settings)
            labels = load_register_words()
            known = store.numbering(inputs.guide.year)
            taken = take_staff_input(store, settings.register_path, register_files_module.previous_register(
                settings.register_path, store), labels)
            unreadable = unreadable_mail(store.quarantined(settings.mailbox.quarantine_after))
            subs = scoped(settings, inputs, [*store.submissions(EXTRACTION_VERSION), *unreadable])
        with clock.part("validate"):
            verdict = validate(subs, inputs, Numbering(*known), field_label=labels.field_name,
                               corrections=taken.corrections())
        with clock.part("rows"):
            ids = number(store, verdict, inputs.guide.year)
            rows = rows_from(verdict, ids)
        with clock.part("write"):
            corrections = corrections_by_id(verdict, ids)
            written, _, _ = write_register_files(
                rows, inputs, settings.output_dir, store, execution, register_name=settings.paths.register_name,
                attachment_folders=settings.paths.attachment_folders,
                staff=register_view(taken.words, rows, corrections, labels.is_handled), corrections=corrections)
        with clock.part("settle"):
            settle_register_files(store, taken, settings.register_path, written, labels)
    files = sum(int(e[2].get("read", 0)) for e in opened)
    return verdict, {"messages extracted": extracted, "files read": files}


# --------------------------------------------------------------------------- what was decided

def decided(verdict: Verdict, output: Path) -> dict[str, Any]:
    """Everything a change of matching or writing could alter, in a comparable form."""
    paper = verdict.paper
    return {
        "superseded": dict(sorted(verdict.superseded.items())),
        "matches": {k: m.model_dump(mode="json") for k, m in sorted(paper.matches.items())},
        "paper_findings": {k: [f.model_dump(mode="json") for f in fs] for k, fs in sorted(paper.findings.items())},
        "paper_only": [p.model_dump(mode="json") for p in paper.paper_only],
        "pending": list(paper.pending),
        "findings": {k: [f.model_dump(mode="json") for f in fs] for k, fs in sorted(verdict.findings.items())},
        "ids": dict(sorted(verdict.ids.items())),
        "export": (output / "register.jsonl").read_text(encoding="utf-8").splitlines(),
        "register": sheets_of(output / "register.xlsx"),
    }


# Cells that hold the moment of writing (生成时间 …), not what was decided.
_MOMENT = re.compile(r"20\d\d-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?")


def sheets_of(path: Path) -> dict[str, list[list[Any]]]:
    wb = load_workbook(path, read_only=True)
    out = {}
    for ws in wb.worksheets:
        # A row's trailing empty cells are no content: a sheet that declares its size reads
        # back padded to it, one that does not reads back ragged.
        out[ws.title] = [_trimmed([_plain(v) for v in row]) for row in ws.iter_rows(values_only=True)]
    wb.close()
    return out


def _trimmed(row: list[Any]) -> list[Any]:
    while row and row[-1] is None:
        row.pop()
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _unmoved(value: Any, where: str) -> Any:
    """A cell holding the moment the register was written (生成时间 …, the legend's date), with
    that moment masked: it differs at every write."""
    if isinstance(value, str) and ("生成时间" in value or where.startswith("/register/说明")):
        return _MOMENT.sub("<time>", value)
    return value


def differences(before: Any, after: Any, where: str = "") -> Iterator[str]:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after), key=str):
            if key not in before or key not in after:
                yield f"{where}/{key}: only {'after' if key in after else 'before'}"
            else:
                yield from differences(before[key], after[key], f"{where}/{key}")
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        for n, (b, a) in enumerate(zip(before, after)):
            yield from differences(b, a, f"{where}[{n}]")
    elif before != after and _unmoved(before, where) != _unmoved(after, where):
        yield f"{where}: {str(before)[:300]!r} → {str(after)[:300]!r}"


# --------------------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("call", type=Path, help="a call folder (shenbao.toml, data/, output/): copied, never changed")
    ap.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    ap.add_argument("--into", type=Path, help="where to copy the call folder (must not exist; kept)")
    ap.add_argument("--dump", type=Path, help="write what each step decided to DIR/<step>.json")
    ap.add_argument("--compare", type=Path, help="compare what each step decided with DIR/<step>.json")
    ap.add_argument("--profile", type=Path, help="run the steps under cProfile, stats to this file")
    a = ap.parse_args()
    source = a.call.resolve()
    tmp = None if a.into else tempfile.mkdtemp(prefix="shenbao-recheck-")
    into = a.into.resolve() if a.into else Path(tmp or "") / "call"
    try:
        with_copy = time.perf_counter()
        settings = load_settings(copy_call(source, into))
        print(f"copied {source} to {into} in {time.perf_counter() - with_copy:.1f} s; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
        profile = cProfile.Profile() if a.profile else None
        results = []
        differing = 0
        for step in a.steps:
            what = edit(step, settings, settings.output_dir)
            settings = load_settings(into / "shenbao.toml")
            clock = Clock()
            start = time.perf_counter()
            if profile is not None:
                profile.enable()
            verdict, counts = recheck(settings, clock)
            if profile is not None:
                profile.disable()
            total = time.perf_counter() - start
            results.append((step, total, clock.seconds))
            print(f"[{step}] {what}: {total:.2f} s; " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
            if counts["files read"]:
                print(f"  !! {counts['files read']} files were read again", flush=True)
            if a.dump or a.compare:
                seen = decided(verdict, settings.output_dir)
                if a.dump:
                    a.dump.mkdir(parents=True, exist_ok=True)
                    (a.dump / f"{step}.json").write_text(json.dumps(seen, ensure_ascii=False, indent=0, default=str),
                                                         encoding="utf-8")
                if a.compare:
                    earlier = json.loads((a.compare / f"{step}.json").read_text(encoding="utf-8"))
                    found = list(differences(earlier, json.loads(json.dumps(seen, ensure_ascii=False, default=str))))
                    # The 核对 sheet's picture column says when rendering ran out of time (its
                    # budget, register_files.RENDER_BUDGET): load, not validation, decides that.
                    timing = [d for d in found if "截图用时已满" in d]
                    found = [d for d in found if d not in timing]
                    differing += len(found)
                    print(f"  compared with {a.compare / step}.json: "
                          + ("identical" if not found else f"{len(found)} differences")
                          + (f" (and {len(timing)} pictures left for the next write: render budget)" if timing else ""),
                          flush=True)
                    for line in found[:40]:
                        print("   ", line)
        if profile is not None and a.profile:
            profile.dump_stats(a.profile)
        print()
        print("| part | " + " | ".join(step for step, _, _ in results) + " |")
        print("|---|" + "---|" * len(results))
        for name in PARTS:
            print(f"| {name.replace(' ', '&nbsp;')} | "
                  + " | ".join(f"{seconds.get(name, 0.0):.2f}" for _, _, seconds in results) + " |")
        print("| **total** | " + " | ".join(f"{total:.2f}" for _, total, _ in results) + " |")
        return 1 if differing else 0
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

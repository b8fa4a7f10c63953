"""What each kind of evidence picture costs (the register's 核对 sheet), on a real store.

    .venv/bin/python benchmarks/evidence_costs.py WORK/call/shenbao.toml [--sample 20]
    .venv/bin/python benchmarks/evidence_costs.py WORK/call/shenbao.toml --edited RULES.toml

The rows are built from the store as a poll would (`pipeline.build_rows`, read-only: nothing
is numbered, nothing written, the store's evidence folder is not touched). For up to `--sample`
files of each kind it times, outside the cache:

- pdf page / image: the file's wanted crops rendered in a pooled isolated renderer as a poll
  does (`Execution.reader_pool`: pdfium render + crop + PNG), in a child forked for the file
  with the PNG written at zlib level 9 (optimize=True) as before issue 18, and in this process
  (so the isolation's share shows);
- word: starting the kept-running LibreOffice once, printing each file to PDF through it, then
  finding and cropping its values in an isolated child (`word_crops`).

With `--edited RULES.toml` it also says which pictures a switch from the settings' rules file
to RULES.toml asks for that the current rules did not (the pictures a rules edit renders), by
finding code and file kind, and which of them the store's evidence folder holds already.

Run by hand, never in the test suite: the machine's load changes every figure.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from shenbao.execution import Execution, close_shared_converter, run_isolated, shared_converter  # noqa: E402
from shenbao.outputs.check_sheet import (  # noqa: E402
    flagged_values, shot_key, shots_wanted, word_shot_key, word_shots_wanted)
import shenbao.outputs.evidence_images as evidence_images  # noqa: E402
from shenbao.outputs.evidence_images import file_crops, word_crops  # noqa: E402
from shenbao.pipeline import build_rows  # noqa: E402
from shenbao.record import RegisterRow  # noqa: E402
from shenbao.register_files import RENDER_TIMEOUT, evidence_path  # noqa: E402
from shenbao.settings import Settings, load_settings  # noqa: E402
from shenbao.store import Store  # noqa: E402


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def summary(name: str, seconds: Sequence[float], pictures: int) -> str:
    if not seconds:
        return f"  {name:<44} (none)"
    return (f"  {name:<44} {len(seconds):>3} files, {pictures:>3} pictures: median {statistics.median(seconds):.3f} s,"
            f" mean {statistics.mean(seconds):.3f} s, total {sum(seconds):.2f} s")


def png_optimized(image: Any) -> bytes:
    """evidence_images.png_bytes before issue 18."""
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def forked_as_before(data: bytes, kind: str, crops: list[Any]) -> Any:
    evidence_images.png_bytes = png_optimized  # in the forked child only
    return file_crops(data, kind, crops)


def rows_of(settings: Settings) -> list[RegisterRow]:
    with Store(settings.data_dir) as store:
        return build_rows(store, settings, read_only=True)


def page_costs(store: Store, rows: list[RegisterRow], sample: int) -> None:
    by_file: dict[str, tuple[str, list[Any]]] = {}
    for (sha, page, box), kind in shots_wanted(rows).items():
        by_file.setdefault(sha, (kind, []))[1].append((page, box))
    execution = Execution()
    for kind in ("pdf", "image"):
        files = [(sha, crops) for sha, (k, crops) in by_file.items() if k == kind][:sample]
        pooled, forked, here = [], [], []
        pictures = 0
        try:
            for sha, crops in files:
                data = store.read_blob(sha)
                pooled.append(timed(lambda: execution.reader_pool().run(
                    file_crops, (data, kind, crops), timeout=RENDER_TIMEOUT, cancel=None))[0])
                forked.append(timed(lambda: run_isolated(forked_as_before, data, kind, crops,
                                                         timeout=RENDER_TIMEOUT))[0])
                here.append(timed(lambda: file_crops(data, kind, crops))[0])
                pictures += len(crops)
        finally:
            execution.close_readers()
        print(summary(f"{kind}: pooled renderer (as a poll)", pooled, pictures))
        print(summary(f"{kind}: forked per file, PNG level 9 (before)", forked, pictures))
        print(summary(f"{kind}: in this process", here, pictures))


def word_costs(store: Store, rows: list[RegisterRow], sample: int) -> None:
    by_file: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for (sha, label, value), kind in word_shots_wanted(rows).items():
        by_file.setdefault(sha, (kind, []))[1].append((label, value))
    files = list(by_file.items())[:sample]
    if not files:
        print(summary("word", [], 0))
        return
    close_shared_converter()
    start, converter = timed(shared_converter)
    if converter is None:
        print("  word: no kept-running LibreOffice here")
        return
    print(f"  {'word: LibreOffice start':<44} {start:.2f} s")
    printed, cropped = [], []
    pictures = 0
    try:
        for sha, (kind, needles) in files:
            data = store.read_blob(sha)
            took, pdf = timed(lambda: converter.to_pdf(data, "", kind, timeout=RENDER_TIMEOUT))
            printed.append(took)
            cropped.append(timed(lambda: run_isolated(word_crops, pdf, needles, timeout=RENDER_TIMEOUT))[0])
            pictures += len(needles)
    finally:
        close_shared_converter()
    print(summary("word: print to PDF (LibreOffice)", printed, pictures))
    print(summary("word: find + crop (isolated child)", cropped, pictures))


def edit_report(store: Store, before: list[RegisterRow], after: list[RegisterRow]) -> None:
    """The pictures `after` wants that `before` did not, and whether the cache holds them."""
    old = {*shots_wanted(before), *word_shots_wanted(before)}
    reasons: Counter[tuple[str, str, bool]] = Counter()
    files: set[str] = set()
    for value in flagged_values(after):
        key = shot_key(value) or word_shot_key(value)
        if key is None or key in old:
            continue
        cached = evidence_path(store, key).exists() or evidence_path(store, key).with_suffix(".txt").exists()
        codes = "+".join(sorted({f.code for f in value.findings}))
        reasons[(codes, value.kind, cached)] += 1
        files.add(key[0])
    print(f"pictures the edited rules ask for that the current rules did not: {sum(reasons.values())}"
          f" ({len(files)} files)")
    for (codes, kind, cached), n in sorted(reasons.items()):
        print(f"  {n:>4}  {codes:<40} {kind:<6} {'already in the evidence folder' if cached else 'to render'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("config", type=Path, help="the settings file of a whole_call work folder (call/shenbao.toml)")
    ap.add_argument("--sample", type=int, default=20, help="files of each kind to time (default 20)")
    ap.add_argument("--edited", type=Path, help="a rules file to compare the settings' rules with")
    args = ap.parse_args()
    settings = load_settings(args.config)
    rows = rows_of(settings)
    with Store(settings.data_dir) as store:
        if args.edited is not None:
            with tempfile.TemporaryDirectory() as tmp:
                rules = settings.rules_path()
                keep = Path(tmp) / "rules.toml"
                shutil.copy2(rules, keep)
                try:
                    shutil.copyfile(args.edited, rules)
                    edited = rows_of(settings)
                finally:
                    shutil.copy2(keep, rules)
            edit_report(store, rows, edited)
        print(f"per-file costs ({args.sample} files of each kind at most):")
        page_costs(store, rows, args.sample)
        word_costs(store, rows, args.sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

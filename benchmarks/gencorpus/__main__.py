"""`python -m benchmarks.gencorpus OUT_DIR --split dev|heldout --count N [--seed S]`."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from benchmarks.gencorpus.write import write_corpus


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.gencorpus", description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--split", choices=("dev", "heldout"), required=True)
    ap.add_argument("--count", type=int, default=160)
    ap.add_argument("--seed", type=int, default=0, help="0–499: a different corpus of the same split")
    args = ap.parse_args(argv)
    if not 0 <= args.seed < 500:
        ap.error("--seed must be in 0..499 so the splits' seed ranges stay disjoint")
    t0 = time.monotonic()
    manifest = write_corpus(args.out, args.split, args.count, args.seed)
    counts = manifest["counts"]
    print(json.dumps(counts, ensure_ascii=False, indent=1))
    print(f"wrote {counts['emails']} emails, {counts['truth_rows']} truth rows to {args.out} "
          f"in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

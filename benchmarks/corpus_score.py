"""Score shenbao on any labelled folder, end to end through a real Dovecot.

    .venv/bin/python benchmarks/corpus_score.py DIR [--keep WORKDIR] [--show-wrong N] [--json OUT]

DIR is the public sample or a generated corpus in the same layout (mail/NNNN.eml,
manifest.json, receipts.xlsx, history.xlsx, rules.json, truth.jsonl). The folder's mail is
served over a private Dovecot and polled from an empty store with the README's commands; the
export is scored by benchmarks/scoring.py: field accuracy, finding F1, wrong values no finding
points at, flagged rows, NEEDS_REVIEW per scanned form. Run by hand; not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from labelled_folder import Poll, served  # noqa: E402
from scoring import load_jsonl, report_json, report_lines, score  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    ap.add_argument("--show-wrong", type=int, default=0, metavar="N",
                    help="list the first N wrong values and rows with wrong finding codes")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write the report as JSON")
    a = ap.parse_args()
    folder = a.folder.resolve()
    work = a.keep or Path(tempfile.mkdtemp(prefix="shenbao-corpus-"))
    with served(folder) as server:
        run = Poll.prepare(folder, work, server)
        elapsed = run.poll()
        export = run.export()
    report = score(load_jsonl(export), load_jsonl(folder / "truth.jsonl"))
    print(f"poll from empty store to register: {elapsed:.1f} s wall ({folder.name}, export {export})")
    print("\n".join(report_lines(report, a.show_wrong)))
    if a.json:
        a.json.write_text(json.dumps(report_json(report), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

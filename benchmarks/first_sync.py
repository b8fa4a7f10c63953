"""The first-sync rows of `run_all.py` alone, repeated, optionally side by side with another
copy of the code (before/after a change), in one run on one Dovecot.

    .venv/bin/python benchmarks/first_sync.py                      # 2,000 messages, 3 rounds
    .venv/bin/python benchmarks/first_sync.py --baseline DIR       # also DIR's shenbao, same rounds
    .venv/bin/python benchmarks/first_sync.py --profile            # + a cProfile of one of ours

Each round runs, in turn: the raw-socket floor (`run_all.raw_socket_fetch`), the durable floor
(the same fetch writing each message to a file, made durable with two syncs: `durable_floor`),
mbsync into a Maildir (`run_all.mbsync_fetch`), and `fetching.fetch_new_mail` into an empty store in a fresh
process — once for this tree and once for each `--baseline`. A baseline is a folder holding an
importable `shenbao` package (core plus intake/, extractors/, … copied inside it as the
installed layout has them); it is put first on the child's PYTHONPATH. Minimum and median of
the rounds are printed, and the ratios the issue speaks about (ours / floor, ours / mbsync).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, os, shutil, sys, time
from pathlib import Path
from shenbao.fetching import fetch_new_mail
from shenbao.settings import load_settings
from shenbao.store import Store
import shenbao.intake.imap_source as source

import resource
import shenbao.store as store_module

spent = {"save_messages": 0.0, "put_blobs": 0.0, "content_key": 0.0, "stage_blob": 0.0}


def timing(owner, name):
    real = getattr(owner, name, None)
    if real is None:  # an older tree without it
        return

    def timed(*args, **kw):
        t = time.perf_counter()
        try:
            return real(*args, **kw)
        finally:
            spent[name] += time.perf_counter() - t
    setattr(owner, name, timed)


if "--breakdown" in sys.argv:
    sys.argv.remove("--breakdown")
    timing(Store, "save_messages")
    timing(Store, "put_blobs")
    timing(store_module, "content_key")
    timing(Store, "stage_blob")
settings = load_settings(Path(sys.argv[1]))
shutil.rmtree(settings.data_dir, ignore_errors=True)
os.sync()  # the earlier runs' writes go to disk now, not inside this one's timing
profile = sys.argv[2] if len(sys.argv) > 2 else ""
with Store(settings.data_dir) as store:
    if profile:
        import cProfile
        prof = cProfile.Profile()
        t = time.perf_counter()
        n = prof.runcall(fetch_new_mail, settings, store)
        seconds = time.perf_counter() - t
        prof.dump_stats(profile)
    else:
        t = time.perf_counter()
        n = fetch_new_mail(settings, store)
        seconds = time.perf_counter() - t
    count = store.message_count()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"seconds": seconds, "new": n, "stored": count, "source": source.__file__,
                  "cpu": usage.ru_utime + usage.ru_stime, **spent}))
"""


def child_fetch(cfg: Path, pythonpath: str | None, password: str, profile: str = "",
                breakdown: bool = False) -> dict[str, object]:
    env = {**os.environ, "BENCH_IMAP_PASSWORD": password}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    extra = ([profile] if profile else []) + (["--breakdown"] if breakdown else [])
    out = subprocess.run([sys.executable, "-c", CHILD, str(cfg)] + extra,
                         env=env, capture_output=True, text=True, cwd=tempfile.gettempdir())
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def durable_floor(port: int, user: str, password: str, where: Path) -> float:
    """The raw-socket fetch, each literal written to a file of its own as it arrives, then made
    durable the way the store makes a batch durable at the least (one syncfs, the renames, a
    second syncfs): what any fetch into a crash-safe store of files costs on this disk, with
    no hashing, no parsing and no database. Returns seconds."""
    import run_all
    from shenbao.store import _sync_all

    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    os.sync()  # the earlier runs' writes go to disk now, not inside this one's timing
    names: list[Path] = []

    def keep(body: bytes) -> None:
        name = where / f".tmp-{len(names)}"
        with open(name, "wb") as fh:
            fh.write(body)
        names.append(name)

    t = time.perf_counter()
    run_all.raw_socket_fetch(port, user, password, keep)
    _sync_all(where, names)
    for name in names:
        os.replace(name, where / name.name[5:])
    _sync_all(where, [where])
    seconds = time.perf_counter() - t
    shutil.rmtree(where, ignore_errors=True)
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", action="append", default=[], help="folder with a shenbao package to compare")
    ap.add_argument("--profile", action="store_true", help="profile one extra fetch of this tree")
    ap.add_argument("--no-mbsync", action="store_true")
    ap.add_argument("--breakdown", action="store_true",
                    help="also time save_messages, put_blobs and content_key inside each fetch (adds a little)")
    args = ap.parse_args()

    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    import corpus
    import run_all

    from tests.support.dovecot import Dovecot

    work = Path(tempfile.mkdtemp(prefix="shenbao-firstsync-"))
    dovecot = Dovecot.start()
    try:
        messages = corpus.mailbox(args.messages)
        total = sum(len(r) for r, _ in messages)
        print(f"{len(messages)} messages, {total / 1e6:.0f} MB", flush=True)
        dovecot.reset()
        dovecot.append_many(messages)
        del messages
        cfg = run_all.write_settings(work / "fetch", dovecot)
        run_all.raw_socket_fetch(dovecot.port, dovecot.user, dovecot.password)  # warm the page cache
        names = ["this tree"] + [f"baseline {b}" for b in args.baseline]
        paths: list[str | None] = [None] + list(args.baseline)
        times: dict[str, list[float]] = {"floor": [], "durable floor": [], "mbsync": [], **{n: [] for n in names}}
        for r in range(args.rounds):
            t = time.perf_counter()
            count, size = run_all.raw_socket_fetch(dovecot.port, dovecot.user, dovecot.password)
            times["floor"].append(time.perf_counter() - t)
            times["durable floor"].append(durable_floor(dovecot.port, dovecot.user, dovecot.password,
                                                        work / "durable"))
            if not args.no_mbsync and shutil.which("mbsync"):
                times["mbsync"].append(run_all.mbsync_fetch(dovecot, work))
            order = list(zip(names, paths))
            if r % 2:
                order.reverse()
            for name, path in order:
                got = child_fetch(cfg, path, dovecot.password, breakdown=args.breakdown)
                if got["stored"] != count or got["new"] != count:
                    raise RuntimeError(f"{name}: stored {got}, expected {count}")
                times[name].append(float(got["seconds"]))  # type: ignore[arg-type]
                print(f"  {name}: " + ", ".join(f"{k} {float(v):.2f}" for k, v in got.items()  # type: ignore[arg-type]
                                                 if k not in ("new", "stored", "source")), flush=True)
            print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items() if v), flush=True)
        floor = min(times["floor"])
        if not args.no_mbsync and not shutil.which("mbsync"):
            print("mbsync is not installed (Debian: apt-get install isync): no mbsync column")
        mbsync = min(times["mbsync"]) if times["mbsync"] else float("nan")
        print(f"\n{count} messages, {size / 1e6:.0f} MB; min (median) of {args.rounds} rounds")
        print("| run | seconds | / floor | / mbsync |\n|---|---|---|---|")
        for name, values in times.items():
            if values:
                best = min(values)
                print(f"| {name} | {best:.2f} ({statistics.median(values):.2f}) | {best / floor:.2f} | "
                      f"{best / mbsync:.2f} |")
        if args.profile:
            prof = str(work.parent / "shenbao-first-sync.prof")
            child_fetch(cfg, None, dovecot.password, prof)
            import pstats

            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
            print(f"profile left in {prof}")
    finally:
        dovecot.stop()

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

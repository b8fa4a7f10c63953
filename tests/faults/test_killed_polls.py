"""Polls killed at random moments (and at every named checkpoint) never lose a message, never
store one twice, and never change a register number once it was exported.

The mailbox is a real Dovecot folder; each poll is `python -m shenbao poll` in its own process,
killed with SIGKILL the way `kill -9` or an OOM killer would, or dying at a named checkpoint of
shenbao/faults.py. Nothing here depends on how fast the machine is: a SIGKILL after a random
delay may land anywhere, or after the poll ended, and only what must always hold is asserted
after it; the kills that must land part-way are checkpoint kills, placed by counting the work
left, not by the clock.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from shenbao.extraction import EXTRACTION_VERSION
from shenbao.store import Store
from tests.faults.maildrop import drop, form_eml, fresh_folder, receipt_time, small_eml, write_settings
from tests.faults.polls import PollResult, poll_env, read_jsonl, run_export, run_poll
from tests.support.dovecot import Dovecot

TOTAL = 300
FIRST_WAVE = 120
ROUNDS = 20
WAVE = (TOTAL - FIRST_WAVE) // ROUNDS
FORMS = {7, 67, 127, 187, 247}  # distinct forms: each is really read, not answered by the cache
BATCH = 10
# A SIGKILL is sent uniformly in [0.2 s, a guess at the poll's length]: start-up plus the work
# left, at rates measured on a 2-core machine (300 messages with 5 forms: ~8 s). The guess only
# spreads the kills over a poll; on a faster or busier machine they land elsewhere, and no
# assertion counts where they landed.
START_UP, PER_MESSAGE, PER_FORM = 0.8, 0.03, 0.8
# The checkpoints of shenbao/faults.py, in the order a poll reaches them. Every round kills one
# poll at the next of them, so the twenty rounds die at each at least twice, whatever the speed.
CHECKPOINTS = ("before_store", "fetch_batch", "before_extract_save", "extract", "build", "write", "between_writes")


def message(n: int, tag: str) -> bytes:
    return form_eml(n, tag) if n in FORMS else small_eml(n, tag)


def mid(n: int, tag: str) -> str:
    return f"<{tag}-{n}@example.org>"


class Register:
    """What the test has seen: every delivered Message-ID and every number already exported."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.delivered: list[str] = []
        self.numbers: dict[str, str] = {}
        self.exports = 0

    def check(self, rows: list[dict]) -> None:  # type: ignore[type-arg]
        mids = Counter(r["message_id"] for r in rows)
        assert [m for m, c in mids.items() if c > 1] == [], "a message has two rows"
        assert set(mids) == set(self.delivered), "a message is missing or unknown"
        ids = [r["id"] for r in rows]
        assert len(set(ids)) == len(ids), "a register number is used twice"
        # Numbers are handed out in one transaction, so no kill can leave a gap either.
        assert sorted(ids) == [f"2024-{i:04d}" for i in range(1, len(ids) + 1)]
        for r in rows:
            before = self.numbers.setdefault(r["message_id"], r["id"])
            assert before == r["id"], f"{r['message_id']} was {before}, now {r['id']}"
        self.exports += 1


def expected_seconds(data_dir: Path, delivered: list[str], tag: str) -> float:
    """How long a complete poll would take now, from the work left in the store."""
    if not (data_dir / "shenbao.sqlite3").exists():
        left = set(delivered)
    else:
        with Store(data_dir) as store:
            unextracted = {m.message_id for m in store.unprocessed(EXTRACTION_VERSION)}
            done = {m.message_id for m in store.messages()} - unextracted
        left = set(delivered) - done
    forms = sum(1 for n in FORMS if mid(n, tag) in left)
    return START_UP + PER_MESSAGE * len(left) + PER_FORM * forms


def checkpoint_kill(rng: random.Random, point: str, unfetched: int, to_extract: int) -> tuple[str, int]:
    """SHENBAO_FAULT for a kill at a random reach of `point` that the next poll is sure to make
    (it has mail to fetch, so it fetches, extracts and rewrites the register), and how many
    batches or messages that poll has saved when it dies there."""
    if point in ("before_store", "fetch_batch"):
        n = rng.randint(1, -(-unfetched // BATCH))
        return f"{point}:{n}", n if point == "fetch_batch" else n - 1
    if point in ("before_extract_save", "extract"):
        n = rng.randint(1, to_extract)
        return f"{point}:{n}", n if point == "extract" else n - 1
    return f"{point}:1", 0


def check_store(data_dir: Path) -> tuple[int, int]:
    """After any kill: no message stored twice, every stored UID points at a stored message.
    Returns (messages stored, messages still to extract)."""
    if not (data_dir / "shenbao.sqlite3").exists():
        return 0, 0  # killed before it opened the store
    with Store(data_dir) as store:
        mids = [m.message_id for m in store.messages()]
        assert len(mids) == len(set(mids))
        assert store.dangling_locations() == 0
        assert store.integrity_problems() == []
        return len(mids), len(store.unprocessed(EXTRACTION_VERSION))


def check_forms(rows: list[dict], tag: str) -> None:  # type: ignore[type-arg]
    """The forms were read for real: a kill in the middle of reading one left no bad result."""
    by_mid = {r["message_id"]: r for r in rows}
    for n in FORMS:
        row = by_mid.get(mid(n, tag))
        if row is not None:
            assert row["kind"] == "application"
            assert row["fields"]["project_name"] == f"湘江流域声景生态保护学术研讨会（第{n}届）"
            assert row["fields"]["applicant_org"] == f"湖南省示例声学学会第{n}分会"


@pytest.mark.slow
def test_twenty_polls_killed_at_random_moments_lose_nothing_and_renumber_nothing(
        dovecot: Dovecot, tmp_path: Path) -> None:
    rng = random.Random(20240408)
    tag = "rk"
    fresh_folder(dovecot, "Kills")
    cfg = write_settings(tmp_path, dovecot, "Kills", batch_size=BATCH)
    env = poll_env(dovecot.password)
    data = tmp_path / "data"
    seen = Register(tag)

    def deliver(start: int, count: int) -> None:
        drop(dovecot, "Kills", [(message(n, tag), receipt_time(n)) for n in range(start, start + count)], start=start)
        seen.delivered.extend(mid(n, tag) for n in range(start, start + count))

    def full_poll() -> PollResult:
        result = run_poll(cfg, env)
        assert result.returncode == 0, result.stderr
        rows = read_jsonl(tmp_path / "output" / "register.jsonl")
        seen.check(rows)
        check_forms(rows, tag)
        return result

    deliver(0, FIRST_WAVE)
    kills: list[tuple[str, int, int, int]] = []  # (kill, exit code, stored, left to extract)
    for round_no in range(ROUNDS):
        deliver(FIRST_WAVE + round_no * WAVE, WAVE)
        # A poll that dies at a checkpoint: it must die there, and keep exactly what it saved.
        stored, unextracted = check_store(data)
        unfetched = len(seen.delivered) - stored
        point = CHECKPOINTS[round_no % len(CHECKPOINTS)]
        fault, saved = checkpoint_kill(rng, point, unfetched, unfetched + unextracted)
        result = run_poll(cfg, poll_env(dovecot.password, fault))
        assert result.returncode == 137, (fault, result.stderr)
        after = check_store(data)
        if point in ("before_store", "fetch_batch"):
            assert after[0] == stored + min(saved * BATCH, unfetched), (fault, stored, after)
        elif point in ("before_extract_save", "extract"):
            assert after == (len(seen.delivered), unfetched + unextracted - saved), (fault, stored, after)
        else:
            assert after == (len(seen.delivered), 0), (fault, stored, after)
        kills.append((fault, result.returncode, *after))
        # Polls killed after a random delay: anywhere, or not at all when the poll ends first.
        while True:
            expected = expected_seconds(data, seen.delivered, tag)
            delay = rng.uniform(0.2, max(0.5, expected))
            result = run_poll(cfg, env, kill_after=delay)
            # -9: killed mid-poll; 0: it finished first. Anything else (a stale lock, a crash
            # on what the last kill left behind) is a failure.
            assert result.returncode in (-9, 0), result.stderr
            kills.append((f"{delay:.2f} s", result.returncode, *check_store(data)))
            if rng.random() < 0.6:
                break  # else: another killed poll straight away
        if rng.random() < 0.4:
            full_poll()
    full_poll()
    rows = run_export(cfg, env, tmp_path / "export.jsonl")
    seen.check(rows)
    assert len(rows) == TOTAL
    assert sorted(r["message_id"] for r in rows if r["kind"] == "application") == sorted(mid(n, tag) for n in FORMS)
    print(f"killed polls: {len(kills)}, complete exports checked: {seen.exports}, "
          f"kills (when, rc, stored, left to extract): {kills}")


# Deterministic variant: each named checkpoint of shenbao/faults.py kills one poll in turn.
CHAIN = ["before_store:2", "fetch_batch:3", "before_extract_save:5", "extract:9", "build:1", "write:1"]


def test_a_chain_of_polls_killed_at_each_checkpoint_ends_with_every_message_once(
        dovecot: Dovecot, tmp_path: Path) -> None:
    tag = "ck"
    fresh_folder(dovecot, "Checkpoints")
    cfg = write_settings(tmp_path, dovecot, "Checkpoints", batch_size=4)
    seen = Register(tag)
    n = 0
    for fault in CHAIN:
        drop(dovecot, "Checkpoints", [(small_eml(i, tag), receipt_time(i)) for i in range(n, n + 12)], start=n)
        seen.delivered.extend(mid(i, tag) for i in range(n, n + 12))
        n += 12
        result = run_poll(cfg, poll_env(dovecot.password, fault))
        assert result.returncode == 137, (fault, result.stderr)
        check_store(tmp_path / "data")
        if fault.startswith("extract"):
            result = run_poll(cfg, poll_env(dovecot.password))  # a complete poll in the middle
            assert result.returncode == 0, result.stderr
            seen.check(read_jsonl(tmp_path / "output" / "register.jsonl"))
    result = run_poll(cfg, poll_env(dovecot.password))
    assert result.returncode == 0, result.stderr
    seen.check(read_jsonl(tmp_path / "output" / "register.jsonl"))
    assert len(seen.numbers) == n == len(CHAIN) * 12

"""Polls killed again and again on a slow link still make progress (issue 19: under kills every
≤ 7 s almost nothing was stored, as batches of 25 at 1 MB/s were all-or-nothing).

Each poll is `python -m shenbao poll`, SIGKILLed when the relay has passed KILL_AT bytes on its
connection: a point in the transfer, not on the clock. A batch of 25 messages is 7.5 MB here,
so a poll that stores a batch only when it is complete stores nothing before it is killed."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from shenbao.store import Store
from tests.faults.maildrop import drop, fresh_folder, receipt_time, small_eml, write_settings
from tests.faults.polls import poll_env, run_poll
from tests.support.dovecot import Dovecot
from tests.support.relays import SlowRelay

COUNT = 30
SIZE = 300_000  # bytes per message
RATE = 1_000_000  # bytes per second through the relay
KILL_AT = 4_000_000  # bytes passed to the poll before it is killed (about four seconds of transfer)
KILLS = 2  # polls killed part-way (the third finds less than KILL_AT left)


def padded_eml(n: int) -> bytes:
    line = f"{n:05d} 申报材料补充说明 ".encode() * 4 + b"\r\n"
    head = small_eml(n, "sl")
    return head + line * ((SIZE - len(head)) // len(line))


def stored(data_dir: Path) -> int:
    with Store(data_dir) as store:
        return store.message_count()


def test_polls_killed_part_way_through_a_slow_link_each_keep_what_arrived(dovecot: Dovecot, tmp_path: Path) -> None:
    fresh_folder(dovecot, "Slow")
    drop(dovecot, "Slow", [(padded_eml(n), receipt_time(n)) for n in range(COUNT)])
    relay = SlowRelay(dovecot.port, rate=RATE, alarm_bytes=KILL_AT)
    cfg = write_settings(tmp_path, dovecot, "Slow", port=relay.port, timeout=30)  # batch_size 25
    env = poll_env(dovecot.password)
    data_dir = tmp_path / "data"
    counts = [0]
    try:
        for _ in range(KILLS):
            relay.alarm.clear()
            proc = subprocess.Popen([sys.executable, "-m", "shenbao", "poll", "-c", str(cfg)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            assert relay.alarm.wait(120), "the poll never got KILL_AT bytes through"
            proc.send_signal(signal.SIGKILL)
            assert proc.wait(30) == -signal.SIGKILL  # killed part-way, not finished
            counts.append(stored(data_dir))
        last = run_poll(cfg, env)
    finally:
        relay.close()
    assert all(a < b for a, b in zip(counts, counts[1:])), counts  # every killed poll kept something
    assert counts[-1] < COUNT
    assert last.returncode == 0, last.stderr
    with Store(data_dir) as store:
        messages = store.messages()
        assert Counter(m.message_id for m in messages) == Counter(f"<sl-{n}@example.org>" for n in range(COUNT))
        for m in messages:  # a kill never leaves a truncated message behind
            assert store.read_blob(m.sha256) == padded_eml(int(m.message_id[4:-13]))

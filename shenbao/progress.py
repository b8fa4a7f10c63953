"""How a long run shows where it is: for the person at a terminal, for the log, for `status`.

One callable, `(stage, done, total)`, is handed to the stages (fetch, extraction, packets).
`RunProgress` fans it out to
- a bar with rate and time left on a terminal (tqdm: it already handles wide CJK stage names,
  redraw throttling and a final line), silent otherwise;
- a log line at most every `log_every` seconds and at the end of each stage, so that a service
  log or a cron job's log shows a long poll moving (`读取附件：120/500，2.3 项/秒，预计还需 2分46秒`);
- a small JSON file in the data directory (`progress.json`), rewritten at most once a second,
  which `shenbao status` reads while the running poll holds the lock; removed when the run ends.

Times are shown in the call's zone (+08:00), as the register shows them.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from shenbao.outputs.cells import LOCAL_TZ

log = logging.getLogger("shenbao.progress")

# No monitor thread: tqdm's would keep running in this process, and the OCR reader does not fork
# its helper for a page's second half while other threads run (extractors.ocr_reader._helper),
# so an OCR done in this process after a bar was drawn read pages whole. The bars only redraw
# when told.
tqdm.monitor_interval = 0

PROGRESS_FILE = "progress.json"

Clock = Callable[[], float]


def duration_words(seconds: float) -> str:
    """A duration as staff say it: 45秒, 2分46秒, 1小时5分."""
    s = max(0, int(round(seconds)))
    if s < 60:
        return f"{s}秒"
    if s < 3600:
        return f"{s // 60}分{s % 60}秒" if s % 60 else f"{s // 60}分"
    return f"{s // 3600}小时{(s % 3600) // 60}分"


def progress_line(stage: str, done: int, total: int, elapsed: float) -> str:
    """`读取附件：120/500，2.3 项/秒，预计还需 2分46秒` (rate and time left once they mean something)."""
    line = f"{stage}：{done}/{total}"
    if done > 0 and elapsed > 0:
        rate = done / elapsed
        line += f"，{rate:.1f} 项/秒"
        if 0 < done < total:
            line += f"，预计还需 {duration_words((total - done) / rate)}"
    if total and done >= total:
        line += f"，用时 {duration_words(elapsed)}"
    return line


class RunProgress:
    """The `(stage, done, total)` callable for one run. Use as a context manager: leaving it
    closes the bar and removes the progress file."""

    def __init__(self, data_dir: Path | None, *, terminal: IO[str] | None = None, log_every: float = 30.0,
                 clock: Clock = time.monotonic) -> None:
        self.path = None if data_dir is None else Path(data_dir) / PROGRESS_FILE
        self.terminal = terminal
        self.log_every = log_every
        self.clock = clock
        self.stage = ""
        self.started = 0.0
        self.last_log = 0.0
        self.last_file = -1.0
        self.bar: tqdm[Any] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if stage != self.stage:
            self._close_bar()
            self.stage, self.started, self.last_log = stage, now, now
            if self.terminal is not None:
                self.bar = tqdm(total=total, desc=stage, unit="项", file=self.terminal, leave=True,
                                dynamic_ncols=True, mininterval=0.2)
        if self.bar is not None:
            if self.bar.total != total:
                self.bar.total = total
            self.bar.update(done - self.bar.n)
        finished = total > 0 and done >= total
        if finished:
            self._close_bar()  # before the stage's last log line, which would cut the bar
        # With a bar on the terminal, the periodic lines would only break it up; the stage's
        # last line is logged either way.
        if finished or (self.bar is None and now - self.last_log >= self.log_every):
            self.last_log = now
            log.info(progress_line(stage, done, total, now - self.started))
        if finished or now - self.last_file >= 1.0:
            self.last_file = now
            self._write(stage, done, total, now - self.started)
        if finished:
            self.stage = ""

    def _close_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def _write(self, stage: str, done: int, total: int, elapsed: float) -> None:
        if self.path is None:
            return
        state = {"pid": os.getpid(), "stage": stage, "done": done, "total": total,
                 "elapsed_seconds": round(elapsed, 1),
                 "updated_at": datetime.now(LOCAL_TZ).isoformat(timespec="seconds")}
        tmp = self.path.with_name(f".{PROGRESS_FILE}.{os.getpid()}")
        try:
            tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # progress is a courtesy: a full disk must not stop the poll

    def __enter__(self) -> RunProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close_bar()
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def running_progress(data_dir: Path) -> str | None:
    """What the run holding the data directory is doing, in words, from its progress file;
    None when no run left one (or its process is gone)."""
    path = Path(data_dir) / PROGRESS_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        pid = int(state["pid"])
        os.kill(pid, 0)  # a file left by a killed run says nothing about now
    except (OSError, ValueError, KeyError, TypeError):
        return None
    line = progress_line(str(state["stage"]), int(state["done"]), int(state["total"]),
                         float(state.get("elapsed_seconds", 0)))
    return f"{line}（{str(state.get('updated_at', ''))[11:19]} 更新）"


def terminal_or_none() -> IO[str] | None:
    return sys.stderr if sys.stderr.isatty() else None

"""`shenbao run`: poll on a schedule for weeks, unattended.

- One service per data directory (its own lock file, so a manual `shenbao poll` can still run
  between two scheduled polls; a poll in progress is protected by the poll lock).
- A failed poll is retried at the next interval; repeated failures back off (doubling, up to
  6 hours); a configuration error (wrong 授权码, Unsafe Login) backs off hard and is logged once.
- SIGTERM / Ctrl-C: the scheduler stops, a poll in progress finishes its current write
  (every file is written to a temporary name and swapped in), then the process exits.
"""

from __future__ import annotations

import logging
import logging.handlers
import signal
import threading
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from shenbao.errors import LockHeld, MailboxConfigError, MailboxUnavailable
from shenbao.lock import DataDirLock
from shenbao.settings import Settings

log = logging.getLogger("shenbao.service")

MAX_BACKOFF = timedelta(hours=6)


class SecretFilter(logging.Filter):
    """Last line of defence: a log record never carries the mailbox password / 授权码."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secret and self.secret in record.getMessage():
            record.msg = record.getMessage().replace(self.secret, "******")
            record.args = ()
        return True


def setup_file_logging(settings: Settings) -> None:
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / "shenbao.log", maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    secret_filter = SecretFilter(settings.mailbox.password())
    handler.addFilter(secret_filter)
    for h in root.handlers:
        h.addFilter(secret_filter)
    root.addHandler(handler)


class Poller:
    """The scheduled job, with its failure memory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.failures = 0
        self.not_before: datetime | None = None
        self.lock = threading.Lock()

    def poll(self, *, force_write: bool = False) -> None:
        from shenbao.pipeline import run_once
        from shenbao.store import Store

        now = datetime.now().astimezone()
        if self.not_before and now < self.not_before and not force_write:
            return
        if not self.lock.acquire(blocking=False):
            return  # the previous poll is still running
        try:
            report = run_once(self.settings, force_write=force_write)
            self.failures, self.not_before = 0, None
            if report.fetched or report.extracted:
                log.info("收到新邮件 %d 封，登记表已更新（%d 行）", report.fetched, report.rows)
            for note in report.notes:
                log.warning(note)
        except MailboxConfigError as exc:
            self._failed(exc.message, hard=True)
        except MailboxUnavailable as exc:
            self._failed(f"收信中断：{exc}，下次重试")
        except LockHeld as exc:
            log.info("数据目录正被占用（%s），本次跳过", exc.holder)
        except Exception as exc:  # noqa: BLE001 - the service must survive a bug in one poll
            log.exception("本次收信出错")
            self._failed(f"本次收信出错：{exc.__class__.__name__}")
        finally:
            self.lock.release()
        try:
            if self.failures:
                with Store(self.settings.data_dir) as store:
                    store.log_event("poll_error", {"message": self.last_message, "failures": self.failures})
        except Exception:  # noqa: BLE001
            pass

    last_message = ""

    def _failed(self, message: str, hard: bool = False) -> None:
        self.failures += 1
        self.last_message = message
        interval = timedelta(minutes=self.settings.schedule.interval_minutes)
        delay = MAX_BACKOFF if hard else min(interval * (2 ** (self.failures - 1)), MAX_BACKOFF)
        self.not_before = datetime.now().astimezone() + delay
        if hard and self.failures > 1:
            return  # a configuration error is said once, not every interval
        log.error("%s（%s 后再试）", message, _human(delay))


def _human(delay: timedelta) -> str:
    minutes = int(delay.total_seconds() // 60)
    return f"{minutes // 60} 小时 {minutes % 60} 分钟" if minutes >= 60 else f"{max(minutes, 1)} 分钟"


def run_service(settings: Settings, *, stop: threading.Event | None = None) -> int:
    lock = DataDirLock(settings.data_dir / "service", "run")
    try:
        lock.acquire()
    except LockHeld as exc:
        print(f"shenbao 服务已在运行：{exc.holder}。同一数据目录只能运行一个服务。")
        return 5
    setup_file_logging(settings)
    stop = stop or threading.Event()
    poller = Poller(settings)
    scheduler = BackgroundScheduler(timezone=settings.timezone)
    interval = settings.schedule.interval_minutes
    scheduler.add_job(poller.poll, "interval", minutes=interval, next_run_time=datetime.now().astimezone(),
                      id="poll", max_instances=1, coalesce=True, misfire_grace_time=None)
    hour, minute = (int(x) for x in settings.schedule.daily_register_at.split(":"))
    scheduler.add_job(lambda: poller.poll(force_write=True), "cron", hour=hour, minute=minute, id="daily",
                      max_instances=1, coalesce=True)

    def on_signal(signum: int, _frame: object) -> None:
        log.info("收到停止信号，正在结束……")
        stop.set()

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, on_signal)
    log.info("shenbao 服务已启动：每 %s 分钟收信一次，每天 %s 生成当日登记表。按 Ctrl-C 停止。",
             f"{interval:g}", settings.schedule.daily_register_at)
    scheduler.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        lock.release()
        log.info("shenbao 服务已停止。")
    return 0

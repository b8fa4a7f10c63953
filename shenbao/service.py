"""`shenbao run`: poll on a schedule for weeks, unattended.

- One service per data directory (its own lock file, `data_dir/service/shenbao.lock`, so a
  manual `shenbao poll` can still run between two scheduled polls; a poll in progress is
  protected by the poll lock). A second `shenbao run` prints who holds it and exits with 5.
- Every `schedule.interval_minutes` (fractions allowed: 0.5 = 30 seconds) one poll runs; the
  pipeline rewrites the register when the poll changed something. Every day at
  `schedule.daily_register_at` the next poll rewrites it regardless (the dated daily copy).
- A failed poll is retried at the next interval; repeated failures back off (doubling, up to
  6 hours); a configuration error (wrong 授权码, Unsafe Login) backs off hard and is logged once.
  A fetch that broke off part-way counts as a failed poll, though what was stored is still read
  and the register written. Every failure is a `poll_error` event for `shenbao status`.
- SIGTERM / Ctrl-C: the scheduler stops, a poll in progress stops within seconds: a fetch has its
  connection shut at once (intake.imap_deadlines), extraction stops between two messages (readers are
  killed at once); what was saved is kept, the rest is read at the next start; every file is written to
  a temporary name and swapped in, so none is ever half-written), the LibreOffice kept running
  across polls (execution.shared_converter) is ended, then the process exits 0.
- Logs: Chinese lines on the console and in a rotating `data_dir/logs/shenbao.log` (also
  written by one-shot `poll`, `reprocess`, `packets`: `command_log`), times at +08:00, a
  progress line every 30 s during a long stage (shenbao.progress); the mailbox password never
  appears in either (SecretFilter, on every handler).
"""

from __future__ import annotations

import logging
import logging.handlers
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from shenbao.errors import LockHeld, MailboxConfigError, MailboxUnavailable
from shenbao.execution import Execution, Stopped, close_shared_converter
from shenbao.fetching import poll_errors_since, record_poll_error
from shenbao.lock import DataDirLock
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.pipeline import run_once
from shenbao.progress import RunProgress
from shenbao.settings import Settings
from shenbao.store import Store, StoreCorrupt

log = logging.getLogger("shenbao.service")

MAX_BACKOFF = timedelta(hours=6)
SERVICE_LOCK_DIR = "service"
NEXT_POLL_COUNTER = "service_next_poll"  # unix time of the next scheduled poll, for `status`
EXIT_ALREADY_RUNNING = 5


class SecretFilter(logging.Filter):
    """Last line of defence: a log record never carries the mailbox password / 授权码, neither
    in its message nor in an attached traceback."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        text = record.getMessage()
        if self.secret in text:
            record.msg, record.args = text.replace(self.secret, "******"), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and self.secret in record.exc_text:
            record.exc_text = record.exc_text.replace(self.secret, "******")
        return True


# APScheduler's own warnings, as an admin reading the Chinese log should see them.
_SCHEDULER_WORDS = (
    ("maximum number of running instances reached", "上一次收信尚未结束，本次定时收信跳过"),
    ("was missed by", "定时任务错过了预定时间（电脑休眠或程序繁忙），已在恢复后执行"),
    ("raised an exception", "定时任务出错（详见下方错误信息）"),
    ("Error running job", "定时任务出错（详见下方错误信息）"),
    ("Error submitting job", "无法启动定时任务"),
)


def call_zone_formatter(fmt: str, datefmt: str | None = None) -> logging.Formatter:
    """A log formatter that shows times in the call's zone (+08:00), as the register does,
    whatever the machine's clock zone (servers often run in UTC)."""
    formatter = logging.Formatter(fmt, datefmt)
    formatter.converter = lambda seconds: datetime.fromtimestamp(seconds or 0, LOCAL_TZ).timetuple()
    return formatter


class SchedulerWords(logging.Filter):
    """Puts APScheduler's English warnings into Chinese (their originals stay in DEBUG)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            text = record.getMessage()
            for english, chinese in _SCHEDULER_WORDS:
                if english in text:
                    record.msg, record.args = chinese, ()
                    break
        return True


def setup_file_logging(settings: Settings) -> tuple[logging.Handler, logging.Filter]:
    """Add the rotating log file, and the secret filter to every root handler; returns both so
    that the caller can take them off again."""
    folder = settings.data_dir / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(folder / "shenbao.log", maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(call_zone_formatter("%(asctime)s %(levelname)s %(message)s"))
    root = logging.getLogger()
    secret_filter = SecretFilter(settings.mailbox.password())
    for name in ("apscheduler.scheduler", "apscheduler.executors.default"):  # the loggers it writes to
        logging.getLogger(name).addFilter(SchedulerWords())
    root.addHandler(handler)
    for h in root.handlers:
        h.addFilter(secret_filter)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)  # the file must hold the poll lines even without --verbose
    return handler, secret_filter


@contextmanager
def command_log(settings: Settings) -> Iterator[None]:
    """The service's log file for a one-shot command that works on the data (poll, reprocess,
    packets, demo), so that a poll run from cron or Task Scheduler leaves a record too."""
    handler, secret_filter = setup_file_logging(settings)
    try:
        yield
    finally:
        root = logging.getLogger()
        root.removeHandler(handler)
        handler.close()
        for h in root.handlers:
            h.removeFilter(secret_filter)


class Poller:
    """The scheduled job, with its failure memory."""

    def __init__(self, settings: Settings, stop: threading.Event | None = None) -> None:
        self.settings = settings
        self.stop = stop or threading.Event()  # set on SIGTERM: a running poll stops within seconds
        self.failures = 0
        self.not_before: datetime | None = None
        self.force_next = False  # the daily register is due: the next poll rewrites it
        self.last_message = ""
        self.unrecorded: str | None = None  # this poll's failure, for `_record`
        self.lock = threading.Lock()

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.settings.schedule.interval_minutes)

    def daily(self) -> None:
        """The daily register: due now; if a poll is running, the next one writes it."""
        self.force_next = True
        self.poll()

    def poll(self) -> None:
        now = datetime.now().astimezone()
        if self.not_before and now < self.not_before:
            return
        if not self.lock.acquire(blocking=False):
            return  # the previous poll is still running
        try:
            force, self.force_next = self.force_next, False
            try:
                with Store(self.settings.data_dir) as store:
                    mark = store.event_mark()
                with RunProgress(self.settings.data_dir) as watch:
                    report = run_once(self.settings, force_write=force, progress=watch,
                                      execution=Execution(self.settings.limits, cancel=self.stop))
            except BaseException:
                self.force_next = self.force_next or force  # not written: still due
                raise
            if report.fetched or report.extracted:
                log.info("收到新邮件 %d 封，登记表已更新（%d 行）", report.fetched, len(report.rows))
            elif force and report.register_path:
                log.info("已生成当日登记表：%s", report.register_path)
            for note in report.notes:
                log.warning(note)
            with Store(self.settings.data_dir) as store:
                broke_off = poll_errors_since(store, mark)
            if broke_off:
                # The fetch failed part-way (recorded by it); what was stored went into the register.
                self._failed(broke_off[-1], recorded=True)
            else:
                if self.failures:
                    log.info("收信已恢复正常（此前连续失败 %d 次）", self.failures)
                self.failures, self.not_before = 0, None
        except MailboxConfigError as exc:
            self._failed(exc.message, hard=True)
        except StoreCorrupt as exc:
            self._failed(exc.message, hard=True)  # needs the admin; retrying cannot help
        except MailboxUnavailable as exc:
            self._failed(f"收信中断：{exc}")
        except LockHeld as exc:
            log.info("数据目录正被占用（%s），本次跳过", exc.holder)
        except Stopped:
            log.info("收信已中途停止；已保存的邮件不受影响，下次启动后继续")
        except Exception as exc:  # noqa: BLE001 - the service must survive a bug in one poll
            log.exception("本次收信出错")
            self._failed(f"本次收信出错：{exc.__class__.__name__}")
        finally:
            self.lock.release()
            self._record()

    def _failed(self, message: str, hard: bool = False, recorded: bool = False) -> None:
        """Back off after a failed poll. `recorded`: the failure is already an event (the fetch
        records its own); else `_record` records it."""
        self.failures += 1
        self.last_message = message
        self.unrecorded = None if recorded else message
        delay = MAX_BACKOFF if hard else min(self.interval * (2 ** (self.failures - 1)), MAX_BACKOFF)
        self.not_before = datetime.now().astimezone() + delay
        if hard and self.failures > 1:
            return  # a configuration error is said once, not every interval
        log.error("%s（%s后再试）", message, _human(delay))

    def _record(self) -> None:
        """What `shenbao status` shows: this poll's failure (if not recorded yet) and when the
        next poll is due."""
        nxt = datetime.now().astimezone() + self.interval
        if self.not_before and self.not_before > nxt:
            nxt = self.not_before
        message, self.unrecorded = self.unrecorded, None
        try:
            with Store(self.settings.data_dir) as store:
                if message:
                    record_poll_error(store, message)
                store.set_counter(NEXT_POLL_COUNTER, int(nxt.timestamp()))
        except Exception:  # noqa: BLE001 - bookkeeping must not stop the service
            log.debug("could not record the service state", exc_info=True)


def _human(delay: timedelta) -> str:
    seconds = int(delay.total_seconds())
    if seconds < 60:
        return f"{max(seconds, 1)} 秒"
    minutes = seconds // 60
    return f"{minutes // 60} 小时 {minutes % 60} 分钟" if minutes >= 60 else f"{minutes} 分钟"


def service_holder(settings: Settings) -> str | None:
    """Who runs the service on this data directory, or None when none does."""
    lock = DataDirLock(settings.data_dir / SERVICE_LOCK_DIR, "status")
    try:
        lock.acquire()
    except LockHeld as exc:
        return exc.holder
    lock.release()
    return None


def run_service(settings: Settings, *, stop: threading.Event | None = None) -> int:
    """Run until SIGTERM/SIGINT (or `stop` is set). Returns the exit code: 0, or 5 when another
    service holds this data directory."""
    lock = DataDirLock(settings.data_dir / SERVICE_LOCK_DIR, "run")
    for attempt in range(10):
        try:
            lock.acquire()
            break
        except LockHeld as exc:
            # `shenbao status` holds this lock for an instant to see whether a service runs;
            # only a lock held across a whole second is another service.
            if attempt == 9:
                print(f"shenbao 服务已在运行：{exc.holder}。同一数据目录只能运行一个服务。", flush=True)
                return EXIT_ALREADY_RUNNING
            time.sleep(0.1)
    file_handler, secret_filter = setup_file_logging(settings)
    stop = stop or threading.Event()
    poller = Poller(settings, stop)
    scheduler = BackgroundScheduler(timezone=settings.timezone)
    interval = settings.schedule.interval_minutes
    scheduler.add_job(poller.poll, "interval", minutes=interval, next_run_time=datetime.now().astimezone(),
                      id="poll", max_instances=1, coalesce=True, misfire_grace_time=None)
    hour, minute = (int(x) for x in settings.schedule.daily_register_at.split(":"))
    scheduler.add_job(poller.daily, "cron", hour=hour, minute=minute, id="daily",
                      max_instances=1, coalesce=True, misfire_grace_time=3600)

    def on_signal(signum: int, _frame: object) -> None:
        if not stop.is_set():
            log.info("收到停止信号，正在结束（正在进行的收信会在几秒内停下，已保存的邮件不受影响）……")
        stop.set()

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, on_signal)
    log.info("shenbao 服务已启动：每 %s 收信一次，每天 %s 生成当日登记表。按 Ctrl-C 停止。",
             _human(timedelta(minutes=interval)), settings.schedule.daily_register_at)
    scheduler.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        scheduler.shutdown(wait=True)
        close_shared_converter()  # the soffice kept running across polls
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        lock.release()
        log.info("shenbao 服务已停止。")
        root = logging.getLogger()
        root.removeHandler(file_handler)
        file_handler.close()
        for h in root.handlers:
            h.removeFilter(secret_filter)
    return 0

"""The scheduled job survives failed polls: retries, backs off, says a config error once, and
keeps the mailbox password out of every log line."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from shenbao.service import MAX_BACKOFF, NEXT_POLL_COUNTER, Poller, SecretFilter, run_service, service_holder
from shenbao.settings import Settings, load_settings
from shenbao.store import Store
from tests.support.dovecot import Dovecot, free_port
from tests.support.netease_proxy import NeteaseProxy

FOLDER = "轮询测试"


def imap_settings(root: Path, port: int, user: str = "shenbao") -> Settings:
    path = root / "shenbao.toml"
    path.write_text(f"""
[mailbox]
host = "127.0.0.1"
port = {port}
tls = "none"
username = "{user}"
password_env = "SHENBAO_POLLER_PASSWORD"
folder = "{FOLDER}"
timeout_seconds = 30

[schedule]
interval_minutes = 10
""", encoding="utf-8")
    return load_settings(path)


def test_an_unreachable_mailbox_is_retried_next_interval_and_backs_off_when_it_keeps_failing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("SHENBAO_POLLER_PASSWORD", "pw")
    poller = Poller(imap_settings(tmp_path, free_port()))  # nothing listens there

    poller.poll()
    first = poller.not_before
    assert poller.failures == 1 and first is not None
    assert timedelta(minutes=9) < first - datetime.now().astimezone() <= timedelta(minutes=10)
    poller.poll()  # inside the back-off: not even tried
    assert poller.failures == 1 and poller.not_before == first

    poller.not_before = None  # the interval has passed
    poller.poll()
    assert poller.failures == 2
    assert poller.not_before is not None
    assert timedelta(minutes=19) < poller.not_before - datetime.now().astimezone() <= timedelta(minutes=20)
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 2 and all("无法连接邮箱服务器" in e and "后再试" in e for e in errors)
    with Store(poller.settings.data_dir) as store:
        assert len(store.events("poll_error")) == 2
        assert store.get_counter(NEXT_POLL_COUNTER) >= int(poller.not_before.timestamp()) - 1


def test_a_wrong_authorisation_code_backs_off_hard_and_is_said_once_then_recovery_is_logged(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    dovecot.reset(FOLDER)
    monkeypatch.setenv("SHENBAO_POLLER_PASSWORD", dovecot.password)
    proxy = NeteaseProxy(dovecot.port, login_error=b"NO LOGIN Login error or password error")
    caplog.set_level(logging.INFO)
    try:
        poller = Poller(imap_settings(tmp_path, proxy.port))
        poller.poll()
        poller.not_before = None
        poller.poll()

        assert poller.failures == 2 and poller.not_before is not None
        assert poller.not_before - datetime.now().astimezone() > MAX_BACKOFF - timedelta(minutes=1)
        errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        assert len(errors) == 1 and "授权码" in errors[0]

        proxy.login_error = None  # the admin put the new 授权码 in place
        poller.not_before = None
        poller.poll()
    finally:
        proxy.close()
    assert poller.failures == 0 and poller.not_before is None
    assert any("收信已恢复正常" in r.getMessage() for r in caplog.records)
    assert (tmp_path / "output" / "register.xlsx").exists()


def test_the_daily_register_is_written_even_when_no_mail_arrived(dovecot: Dovecot, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    dovecot.reset(FOLDER)
    monkeypatch.setenv("SHENBAO_POLLER_PASSWORD", dovecot.password)
    poller = Poller(imap_settings(tmp_path, dovecot.port))
    poller.poll()
    register = tmp_path / "output" / "register.xlsx"
    first = register.stat().st_mtime_ns
    poller.poll()
    assert register.stat().st_mtime_ns == first  # nothing changed: not rewritten
    poller.daily()
    assert register.stat().st_mtime_ns != first and not poller.force_next


def test_the_password_never_reaches_a_log_line_or_a_traceback() -> None:
    secret = "abcXYZ授权码"
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "登录失败：%s", (f"pw={secret}",), None)
    try:
        raise RuntimeError(f"login {secret} refused")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    SecretFilter(secret).filter(record)
    text = logging.Formatter().format(record)
    assert secret not in text and "******" in text and "refused" in text


def test_status_asking_while_the_service_starts_does_not_stop_it_and_names_it(dovecot: Dovecot, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    dovecot.reset(FOLDER)
    monkeypatch.setenv("SHENBAO_POLLER_PASSWORD", dovecot.password)
    settings = imap_settings(tmp_path, dovecot.port)
    stop = threading.Event()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(run_service(settings, stop=stop)))
    thread.start()
    try:
        for _ in range(600):  # status asks again and again, as an impatient admin would
            if service_holder(settings) is not None and (tmp_path / "output" / "register.xlsx").exists():
                break
            stop.wait(0.05)
        holder = service_holder(settings)
        assert holder is not None and "run" in holder
    finally:
        stop.set()
        thread.join(60)
    assert codes == [0] and service_holder(settings) is None

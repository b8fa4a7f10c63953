"""The mailbox password (授权码) is never written anywhere: not in logs (even at debug level,
even imapclient's own), errors, the register, the export or the store — after a poll with a
wrong password and then one with the right one, against a real Dovecot."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shenbao.errors import MailboxConfigError
from shenbao.pipeline import run_once
from shenbao.settings import load_settings
from tests.builders.docx_quirks import docx_with_body, para, run
from tests.builders.eml import attachment, mail, text_part
from tests.support.dovecot import Dovecot, imap_settings_toml

WRONG = "wrongPw9Qz7Lk2Vb"
ENV = "HOSTILE_TEST_IMAP_PASSWORD"


def _config(root: Path, dovecot: Dovecot) -> Path:
    cfg = root / "shenbao.toml"
    cfg.write_text(imap_settings_toml(dovecot, ENV), encoding="utf-8")
    return cfg


def _poll_cli(cfg: Path, password: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, ENV: password}
    env.pop("SHENBAO_FAULT", None)
    return subprocess.run([sys.executable, "-m", "shenbao", "--verbose", "poll", "-c", str(cfg)], env=env,
                          capture_output=True, timeout=120)


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Iterator[Dovecot]:
    dovecot.reset()
    when = datetime(2024, 4, 22, 10, tzinfo=timezone(timedelta(hours=8)))
    form = docx_with_body(para(run("项目名称：密码测试项目")))
    dovecot.append_many([(mail(subject="项目申报", parts=[text_part("见附件"), attachment(form, "申报书.docx")]), when),
                         (mail(subject="咨询", parts=[text_part("请问截止时间？")]), when)])
    yield dovecot
    dovecot.reset()


def _all_bytes(root: Path) -> Iterator[tuple[Path, bytes]]:
    for path in root.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes()


def test_the_password_is_never_written_by_a_cli_poll_with_debug_logging(mailbox: Dovecot, tmp_path: Path) -> None:
    cfg = _config(tmp_path, mailbox)
    wrong = _poll_cli(cfg, WRONG)
    assert wrong.returncode != 0
    right = _poll_cli(cfg, mailbox.password)
    assert right.returncode == 0, right.stderr.decode("utf-8", "replace")[-2000:]
    assert (tmp_path / "output" / "register.jsonl").read_text("utf-8").count("\n") == 2
    for secret in (WRONG, mailbox.password):
        for stream in (wrong.stdout, wrong.stderr, right.stdout, right.stderr):
            assert secret.encode() not in stream
        for path, data in _all_bytes(tmp_path):
            assert secret.encode() not in data, path


def test_the_password_is_never_logged_even_by_imapclient_at_debug_level(mailbox: Dovecot, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _config(tmp_path, mailbox)
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in ("imapclient", "imapclient.imaplib", "shenbao"):
        monkeypatch.setattr(logging.getLogger(name), "level", logging.DEBUG)
    try:
        monkeypatch.setenv(ENV, WRONG)
        with pytest.raises(MailboxConfigError) as refused:
            run_once(load_settings(cfg))
        monkeypatch.setenv(ENV, mailbox.password)
        report = run_once(load_settings(cfg))
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    assert report.fetched == 2
    assert any("imapclient" in r for r in records)  # the debug logs were really captured
    text = "\n".join(records) + str(refused.value) + repr(refused.value)
    for secret in (WRONG, mailbox.password):
        assert secret not in text
        for path, data in _all_bytes(tmp_path):
            assert secret.encode() not in data, path


def test_the_data_directory_is_created_owner_only(mailbox: Dovecot, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _config(tmp_path, mailbox)
    monkeypatch.setenv(ENV, mailbox.password)
    run_once(load_settings(cfg))
    data = tmp_path / "data"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path, _ in _all_bytes(data):
        if path.name.startswith("shenbao.sqlite3") or "blobs" in path.parts:
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path

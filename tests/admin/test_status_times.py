"""`shenbao status` prints every time on the office's clock (+08:00), whatever zone the machine
runs in: the service's start (from its lock) and the last poll (from the store) alike (issue 17:
on a UTC server the start read "自 02:23:13 起" while 上次收信 read 10:24)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.lock import DataDirLock
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.service import SERVICE_LOCK_DIR
from tests.service.workspaces import MAILDIR_SETTINGS, case, write_maildir, write_settings


@pytest.fixture
def machine_on_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local zone set to UTC, as on the servers the office rents."""
    monkeypatch.setenv("TZ", "UTC0")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def shown_time(pattern: str, text: str) -> datetime:
    found = re.search(pattern, text)
    assert found, text
    return datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=LOCAL_TZ)


def test_status_shows_the_service_start_and_the_last_poll_on_the_office_clock(
        machine_on_utc: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_maildir(tmp_path, [case("D11")])
    settings = str(write_settings(tmp_path, MAILDIR_SETTINGS))
    before = datetime.now(LOCAL_TZ).replace(microsecond=0)
    with DataDirLock(tmp_path / "data" / SERVICE_LOCK_DIR, "run"):  # the service, started now
        assert main(["poll", "-c", settings]) == 0
        capsys.readouterr()
        assert main(["status", "-c", settings]) == 0
        said = capsys.readouterr().out
    after = datetime.now(LOCAL_TZ)

    started = shown_time(r"自 (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) 起", said)
    polled = shown_time(r"上次收信：(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", said)
    # Read as +08:00, both fall in the test's own span, in the order they happened.
    assert before <= started <= polled <= after

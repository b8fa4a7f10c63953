"""APScheduler's warnings reach the admin's log in Chinese."""

from __future__ import annotations

import logging

import pytest

from shenbao.service import SchedulerWords


@pytest.mark.parametrize("english, chinese", [
    ('Execution of job "Poller.poll (trigger: interval[0:10:00], next run at: x)" skipped: maximum number of '
     "running instances reached (1)", "上一次收信尚未结束"),
    ('Run time of job "Poller.daily" was missed by 0:05:00', "错过了预定时间"),
])
def test_a_scheduler_warning_is_put_into_chinese(english: str, chinese: str) -> None:
    record = logging.LogRecord("apscheduler.scheduler", logging.WARNING, __file__, 1, english, (), None)
    assert SchedulerWords().filter(record)
    assert chinese in record.getMessage() and "job" not in record.getMessage()


def test_an_info_line_is_left_alone() -> None:
    record = logging.LogRecord("apscheduler.scheduler", logging.INFO, __file__, 1, "Scheduler started", (), None)
    SchedulerWords().filter(record)
    assert record.getMessage() == "Scheduler started"

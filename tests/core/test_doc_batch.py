"""A poll converts every .doc/.wps attachment of the messages it extracts before reading them
(the legacy-Word reader's batch hook, extractors/readers.py): through the process's persistent soffice, kept across polls,
where python3-uno is installed, else in one LibreOffice run per batch instead of one cold
soffice start per file; and falls back to converting each file alone when the batch fails."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from shenbao.demo.forms import build_docx, example_spec
from shenbao.demo.mail import build_eml
from shenbao.extractors import convert
from shenbao import execution
from shenbao.execution import close_shared_converter, shared_converter
from shenbao.extraction import EXTRACTION_VERSION, PREPARED_VERSION
from shenbao.pipeline import run_once
from shenbao.settings import Settings, load_settings
from shenbao.store import Store
from tests.support.processes import processes_using, wait_until_gone
from tests.support.settings import MAILDIR_SETTINGS_TOML

pytestmark = pytest.mark.skipif(not convert.available(), reason="LibreOffice is not installed")

CST = timezone(timedelta(hours=8))
PROJECTS = ("湘江流域声景生态保护学术研讨会", "洞庭湖湿地鸟类科普进校园活动", "岳麓山古树名木保护技术培训班")
PHONES = ("13907318826", "13807310001", "13607312002")


@pytest.fixture(scope="module")
def doc_forms() -> list[bytes]:
    """Three different forms saved as Word 97 .doc, made in one soffice run."""
    docx = [build_docx(example_spec(project_name=p, leader_phone=t)) for p, t in zip(PROJECTS, PHONES)]
    out = convert.convert_many([(d, "docx") for d in docx], "doc", timeout=180)
    assert all(isinstance(o, bytes) and o[:4] == b"\xd0\xcf\x11\xe0" for o in out), out
    return [o for o in out if isinstance(o, bytes)]


def workspace(root: Path, docs: list[bytes]) -> Settings:
    """A Maildir with one message per .doc form, and settings pointing at it."""
    for sub in ("cur", "new", "tmp"):
        (root / "maildir" / sub).mkdir(parents=True)
    for i, data in enumerate(docs):
        when = datetime(2024, 4, 10, 9, 0, tzinfo=CST) + timedelta(minutes=i)
        raw = build_eml(sender=f"u{i}@example.cn", sender_name=f"单位{i}", subject=f"项目申报-{PROJECTS[i]}",
                        body="申报书见附件", attachments=[(f"申报书{i}.doc", data, "application/msword")],
                        date=when, message_id=f"<doc{i}@example.cn>", client_style="qq", received_at=when)
        path = root / "maildir" / "cur" / f"{int(when.timestamp())}.doc{i}.host:2,S"
        path.write_bytes(raw)
        os.utime(path, (when.timestamp(), when.timestamp()))
    (root / "shenbao.toml").write_text(MAILDIR_SETTINGS_TOML, encoding="utf-8")
    return load_settings(root / "shenbao.toml")


def count_calls(monkeypatch: pytest.MonkeyPatch, log: Path, name: str) -> None:
    """Wrap convert.<name> so that every call, in this process or a forked reader, appends a
    line to `log` (a forked worker's counter in memory would be lost with it)."""
    original: Callable[..., Any] = getattr(convert, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(name + "\n")
        return original(*args, **kwargs)

    monkeypatch.setattr(convert, name, wrapped)


def calls(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


def extracted(settings: Settings) -> dict[str, str | None]:
    with Store(settings.data_dir) as store:
        subs = store.submissions(EXTRACTION_VERSION)
    return {s.form.fields.project_name or "": s.form.fields.leader_phone for s in subs if s.form is not None}


@pytest.fixture
def batch_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The conversion of a machine without python3-uno: no persistent converter."""
    monkeypatch.setattr(convert, "persistent_available", lambda: False)


@pytest.mark.skipif(not convert.persistent_available(), reason="python3-uno is not installed")
def test_polls_convert_doc_forms_through_one_persistent_soffice(tmp_path: Path, doc_forms: list[bytes],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = workspace(tmp_path / "a", doc_forms[:2]), workspace(tmp_path / "b", doc_forms[2:])
    log = tmp_path / "calls.log"
    for name in ("_run", "to_docx_many", "to_docx"):
        count_calls(monkeypatch, log, name)
    try:
        assert run_once(first).extracted == 2
        converter = shared_converter()
        assert converter is not None and converter.pid is not None
        pid = converter.pid
        assert run_once(second).extracted == 1

        assert converter.pid == pid  # the next poll started no new soffice
        assert shared_converter() is converter
        assert calls(log) == []  # no cold soffice start at all
        assert extracted(first) == dict(zip(PROJECTS[:2], PHONES[:2]))
        assert extracted(second) == {PROJECTS[2]: PHONES[2]}
    finally:
        close_shared_converter()
    assert converter is not None and converter.pid is None


@pytest.mark.usefixtures("batch_only")
def test_a_poll_converts_all_doc_forms_in_one_soffice_run(tmp_path: Path, doc_forms: list[bytes],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    settings = workspace(tmp_path, doc_forms)
    log = tmp_path / "calls.log"
    for name in ("_run", "to_docx_many", "to_docx"):
        count_calls(monkeypatch, log, name)

    report = run_once(settings)

    assert report.extracted == 3
    assert sorted(calls(log)) == ["_run", "to_docx_many"]  # one soffice start, no per-file conversion
    assert extracted(settings) == dict(zip(PROJECTS, PHONES))
    with Store(settings.data_dir) as store:
        forms = [f for s in store.submissions(EXTRACTION_VERSION) for f in s.files if f.role == "form"]
        assert len(forms) == 3
        assert all(store.cached_file(f.sha256, PREPARED_VERSION) is not None for f in forms)


@pytest.mark.usefixtures("batch_only")
def test_a_failed_batch_falls_back_to_converting_each_file(tmp_path: Path, doc_forms: list[bytes],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    settings = workspace(tmp_path, doc_forms[:2])
    log = tmp_path / "calls.log"

    def broken_batch(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("soffice crashed")

    monkeypatch.setattr(convert, "to_docx_many", broken_batch)
    count_calls(monkeypatch, log, "to_docx")

    report = run_once(settings)

    assert report.extracted == 2
    assert calls(log) == ["to_docx", "to_docx"]
    assert extracted(settings) == dict(zip(PROJECTS[:2], PHONES[:2]))


def test_an_idle_poll_converts_nothing(tmp_path: Path, doc_forms: list[bytes],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    settings = workspace(tmp_path, doc_forms[:1])
    run_once(settings)
    log = tmp_path / "calls.log"
    count_calls(monkeypatch, log, "_run")

    assert run_once(settings).extracted == 0
    assert calls(log) == []


@pytest.mark.skipif(not convert.persistent_available(), reason="python3-uno is not installed")
def test_stopping_the_service_ends_the_soffice_its_polls_kept_running(tmp_path: Path,
                                                                      doc_forms: list[bytes]) -> None:
    import threading

    from shenbao.service import run_service

    settings = workspace(tmp_path, doc_forms[:1])
    stop = threading.Event()
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(run_service(settings, stop=stop)))
    thread.start()
    try:
        for _ in range(1200):
            if (tmp_path / "output" / "register.jsonl").exists():
                break
            stop.wait(0.05)
        converter = execution._converter
        assert converter is not None and converter.profile_dir is not None
        profile = converter.profile_dir
        assert len(processes_using(profile)) >= 2  # the bridge and soffice, between polls
    finally:
        stop.set()
        thread.join(60)

    assert codes == [0] and execution._converter is None
    assert wait_until_gone(profile) == [] and not profile.exists()
    assert extracted(settings) == {PROJECTS[0]: PHONES[0]}


def test_a_persistent_converter_that_cannot_start_leaves_the_poll_to_the_batch(
        tmp_path: Path, doc_forms: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    # As on a machine whose python3-uno is broken: the bridge starts but never gets a soffice.
    from shenbao.extractors.errors import UnreadableFile

    def cannot_start(self: convert.PersistentConverter) -> None:
        raise UnreadableFile("无法转换：LibreOffice无法启动")

    monkeypatch.setattr(convert, "persistent_available", lambda: True)
    monkeypatch.setattr(convert.PersistentConverter, "start", cannot_start)
    monkeypatch.setattr(execution, "_converter", None)
    monkeypatch.setattr(execution, "_converter_failed", False)
    settings = workspace(tmp_path, doc_forms[:2])
    log = tmp_path / "calls.log"
    for name in ("_run", "to_docx_many", "to_docx"):
        count_calls(monkeypatch, log, name)

    assert run_once(settings).extracted == 2

    assert shared_converter() is None  # it is not tried again in this process
    assert sorted(calls(log)) == ["_run", "to_docx_many"]  # one batch soffice run
    assert extracted(settings) == dict(zip(PROJECTS[:2], PHONES[:2]))

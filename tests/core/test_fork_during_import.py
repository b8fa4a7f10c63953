"""A reader forked while another thread of the poll imports a module must not inherit that
import half done: its own import of the module would wait forever on a lock held by a thread it
does not have (a pooled reader hung so until the 180 s file limit)."""

from __future__ import annotations

import importlib
import sys
import threading
import time
from pathlib import Path

import pytest

from shenbao.execution import Isolated, run_isolated

SLOW_MODULE = "shenbao_test_slow_import"


def import_slow_module() -> str:
    return str(importlib.import_module(SLOW_MODULE).DONE)


def test_a_child_forked_during_another_threads_import_can_import_that_module(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / f"{SLOW_MODULE}.py").write_text("import time\ntime.sleep(1.5)\nDONE = 'imported'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, SLOW_MODULE, raising=False)
    importer = threading.Thread(target=importlib.import_module, args=(SLOW_MODULE,))
    importer.start()
    try:
        deadline = time.monotonic() + 5
        while SLOW_MODULE not in sys.modules and time.monotonic() < deadline:
            time.sleep(0.01)  # the import is under way: the module is in sys.modules, initialising
        assert SLOW_MODULE in sys.modules
        result = run_isolated(import_slow_module, timeout=10.0)
    finally:
        importer.join()
    assert not isinstance(result, Isolated), result
    assert result == "imported"

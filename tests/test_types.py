"""mypy runs with the tests: the five packages type-check, and the core (shenbao/) strictly.

The stage folders are installed under the `shenbao` namespace (pyproject's package-dir), which
mypy cannot see through an editable install; the test lays out that namespace with symlinks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("intake", "extractors", "validators", "outputs", "config")


def namespace_tree(where: Path) -> Path:
    """where/shenbao: the core's files, with each stage folder linked in under its package name."""
    pkg = where / "shenbao"
    pkg.mkdir(parents=True)
    for entry in (ROOT / "shenbao").iterdir():
        if entry.name != "__pycache__":
            (pkg / entry.name).symlink_to(entry)
    for stage in STAGES:
        (pkg / stage).symlink_to(ROOT / stage)
    return where


@pytest.mark.slow
def test_mypy_passes(tmp_path: Path) -> None:
    tree = namespace_tree(tmp_path / "tree")
    env = {**os.environ, "MYPYPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir",
         str(tmp_path / "cache"), "-p", "shenbao"],
        cwd=tree, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]

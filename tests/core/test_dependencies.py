"""Every library the code imports is declared in pyproject.toml (not merely pulled in by another
package, which may stop doing so), and every declared one is pinned in constraints.txt, so
that `pip install -e '.[test]' -c constraints.txt` gives the versions the tests passed with."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = ("shenbao", "intake", "extractors", "validators", "outputs")
# Imported by a file that runs under the system's Python, not ours: extractors/uno_bridge.py
# talks to LibreOffice through python3-uno (a system package; docs/service.md installs it).
SYSTEM_MODULES = {"uno", "com"}


def _name(requirement: str) -> str:
    """A requirement's project name, normalised as PEP 503 does ("Pillow>=10" → "pillow")."""
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement.strip())
    assert match, requirement
    return re.sub(r"[-_.]+", "-", match.group(0)).lower()


def declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return ({_name(r) for r in project["dependencies"]},
            {_name(r) for r in project["optional-dependencies"]["test"]})


def _optional_imports(tree: ast.AST) -> set[int]:
    """ids of the import nodes inside `try: … except ImportError:` (used only where installed)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                for h in node.handlers):
            out.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return out


def imported_top_modules(folders: tuple[str, ...]) -> dict[str, str]:
    """Top-level module → one file importing it, over every import (also those inside
    functions), except optional ones (`_optional_imports`)."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"))
            optional = _optional_imports(tree)
            for node in ast.walk(tree):
                if id(node) in optional:
                    continue
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def undeclared(folders: tuple[str, ...], allowed: set[str]) -> dict[str, str]:
    distributions = importlib.metadata.packages_distributions()
    ours = set(INSTALLED) | {"tests", "benchmarks"}
    out = {}
    for module, where in imported_top_modules(folders).items():
        if module in sys.stdlib_module_names or module in ours or module in SYSTEM_MODULES:
            continue
        providers = {_name(d) for d in distributions.get(module, [])}
        if not providers & allowed:
            out[module] = f"{where} (provided by {sorted(providers) or 'nothing installed'})"
    return out


def test_every_library_the_program_imports_is_a_declared_dependency() -> None:
    runtime, _ = declared()
    assert undeclared(INSTALLED, runtime) == {}


def test_every_library_the_tests_import_is_declared_for_the_program_or_the_tests() -> None:
    runtime, test = declared()
    assert undeclared(("tests",), runtime | test) == {}


def test_every_declared_dependency_is_pinned_in_the_constraints_file() -> None:
    runtime, test = declared()
    pinned = {_name(line) for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines()
              if line.strip() and not line.startswith("#") and "==" in line}
    assert (runtime | test) - pinned == set()

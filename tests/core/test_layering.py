"""The shape of the code, checked from its syntax trees: imports follow the data, one module
composes the stages, SQL lives in the store, and imports sit at the top of modules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("intake", "extractors", "validators", "outputs")
PACKAGES = ("shenbao", *STAGES)
COMPOSITION_ROOT = ROOT / "shenbao" / "pipeline.py"
# Imports allowed inside functions: heavy, optional or platform-bound, each with its reason.
MAX_LOCAL_IMPORTS = 24
_SQL = re.compile(r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b",
                  re.IGNORECASE)


def project_modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "shenbao" and parts[1] in STAGES else None


def own_stage(path: Path) -> str | None:
    top = path.relative_to(ROOT).parts[0]
    return top if top in STAGES else None


def test_only_the_composition_root_imports_more_than_one_stage_package() -> None:
    offenders = {}
    for path in project_modules():
        if path == COMPOSITION_ROOT:
            continue
        stages = {stage_of(m) for m in imported_modules(ast.parse(path.read_text("utf-8")))} - {None, own_stage(path)}
        if len(stages) > 1:
            offenders[str(path.relative_to(ROOT))] = sorted(s for s in stages if s)
    assert offenders == {}


def test_the_composition_root_names_every_stage() -> None:
    stages = {stage_of(m) for m in imported_modules(ast.parse(COMPOSITION_ROOT.read_text("utf-8")))}
    assert set(STAGES) - {"extractors"} <= stages  # extractors are reached through shenbao.extraction


def test_no_sql_outside_the_store() -> None:
    offenders = []
    for path in project_modules():
        if path == ROOT / "shenbao" / "store.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SQL.search(node.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


def local_imports() -> list[tuple[Path, int, str]]:
    """Every import inside a function body: (file, line, the line's text)."""
    found = []
    for path in project_modules():
        lines = path.read_text("utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    found.append((path, node.lineno, lines[node.lineno - 1]))
    return sorted(set(found))


def test_imports_inside_functions_are_few_and_each_says_why() -> None:
    found = local_imports()
    assert len(found) <= MAX_LOCAL_IMPORTS, [f"{p.relative_to(ROOT)}:{n}" for p, n, _ in found]
    unexplained = []
    for path, lineno, text in found:
        lines = path.read_text("utf-8").splitlines()
        above = lines[lineno - 2].strip() if lineno > 1 else ""
        if "#" not in text and not above.startswith("#"):
            unexplained.append(f"{path.relative_to(ROOT)}:{lineno}")
    assert unexplained == []


def test_the_record_imports_no_stage() -> None:
    record = ROOT / "shenbao" / "record.py"
    assert {m for m in imported_modules(ast.parse(record.read_text("utf-8"))) if m.startswith("shenbao")} == set()

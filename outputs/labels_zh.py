"""The Chinese words of the register, loaded from `config/register.toml`.

Contract: `load_labels()` returns one validated, frozen `RegisterLabels`; a missing key in
the file is a `RegisterLabelsError` naming the file and every missing key at once (bad
config fails loudly when loaded, not half-way through writing a workbook).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

STATUS_KEYS = ("other", "superseded", "needs_fix", "review", "paper_only", "ok")
COLUMN_KEYS = (
    "id", "status", "received_at", "applicant_org", "applicant_type", "project_name", "item",
    "funding_wan", "leader", "phone", "paper_copies", "paper_received_on", "problems", "files",
    "sender", "subject", "staff_note", "staff_check",
)


class RegisterLabelsError(Exception):
    """Raised when config/register.toml is missing keys; `problems` lists them in Chinese."""

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__(f"{path}：" + "；".join(problems))
        self.path = path
        self.problems = problems


class RegisterLabels(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    sheets: dict[str, str]
    columns: dict[str, str]
    status: dict[str, str]
    status_meaning: dict[str, str]
    status_fill: dict[str, str]
    severity: dict[str, str]
    severity_fill: dict[str, str]
    role: dict[str, str]
    finding: dict[str, str]
    field: dict[str, str]
    stats_codes: dict[str, list[str]]
    packets: dict[str, list[str]]
    packet_text: dict[str, str]
    text: dict[str, str]

    def finding_name(self, code: str) -> str:
        """The Chinese name of a finding code; an unknown code is shown as itself."""
        return self.finding.get(code, code)

    def field_name(self, field: str | None) -> str:
        return self.field.get(field or "", field or "")


_REQUIRED: dict[str, tuple[str, ...]] = {
    "sheets": ("main", "pending", "stats", "paper", "other", "changes", "legend"),
    "columns": COLUMN_KEYS,
    "status": STATUS_KEYS,
    "status_meaning": STATUS_KEYS,
    "status_fill": STATUS_KEYS,
    "severity": ("error", "warning", "info"),
    "severity_fill": ("error", "warning", "info"),
    "role": ("form", "attachment", "unreadable"),
    "stats_codes": ("late", "incomplete"),
    "packets": ("formal_fail_codes",),
}


def labels_from_toml(path: Path) -> RegisterLabels:
    """Read and check one register.toml (tests and deployments may point at their own)."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    problems = [
        f"缺少 [{table}] {key}"
        for table, keys in _REQUIRED.items()
        for key in keys
        if key not in data.get(table, {})
    ]
    if problems:
        raise RegisterLabelsError(str(path), problems)
    try:
        return RegisterLabels.model_validate(data)
    except ValidationError as exc:
        raise RegisterLabelsError(str(path), [str(e["loc"]) + " " + e["msg"] for e in exc.errors()]) from exc


@lru_cache(maxsize=1)
def load_labels() -> RegisterLabels:
    """The packaged config/register.toml, read once per process."""
    ref = resources.files("shenbao.config").joinpath("register.toml")
    with resources.as_file(ref) as path:
        return labels_from_toml(Path(path))

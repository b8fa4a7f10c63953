"""The Chinese words of the register, loaded from `config/register.toml`.

Contract: `load_register_words()` returns one validated, frozen `RegisterLabels`; a missing
key in the file, a finding code the contract does not know, a finding code without a
Chinese name, a case's status word that is not `shenbao.outcome.CASE_STATUS` (the register,
packets and replies say the same words), or a 核对状态 list Excel cannot offer is a
`RegisterLabelsError` naming the file and every problem at once (bad config fails loudly when
loaded, not half-way through writing a workbook).

(The form labels the extractors look for are another file: `extractors.labels.load_labels`.)
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError

from shenbao.outcome import CASE_STATUS
from shenbao.record import FINDING_CODES, FindingCode

# A row's status: an application's case (shenbao.outcome.RowCase), or what the row is when no
# case applies. Also the order of the legend on the 说明 sheet.
StatusKey = Literal["ok", "fixable", "review", "refused", "question", "paper_only", "superseded", "other"]
STATUS_KEYS: tuple[StatusKey, ...] = get_args(StatusKey)
COLUMN_KEYS = (
    "id", "status", "received_at", "applicant_org", "applicant_type", "project_name", "item",
    "funding_wan", "leader", "phone", "paper_copies", "paper_received_on", "problems", "files",
    "sender", "subject", "staff_note", "staff_check",
)

# The 打印 sheet (outputs/print_sheet.py): its columns in order, then its other words.
PRINT_COLUMN_KEYS = ("id", "org", "project", "item", "status", "problems", "paper", "note")
PRINT_KEYS = (*PRINT_COLUMN_KEYS, "title", "paper_copies", "paper_ids", "paper_received", "paper_none",
              "evidence", "check", "cut")
# The 形式审查结果汇总表 sheet (outputs/print_sheet.py).
SIGNOFF_KEYS = ("title", "generated", "paper_only", "by_item", "item", "count", "total", "refused",
                "refused_none", "id", "org", "project", "received", "reason", "reviewer", "checker", "date")

# The 核对 sheet (outputs/check_sheet.py): its columns in order, then its words.
CHECK_COLUMN_KEYS = ("id", "org", "field", "value", "problem", "place", "picture", "result", "correction")
CHECK_KEYS = (*CHECK_COLUMN_KEYS, "result_ok", "result_wrong", "result_prompt_title", "result_prompt",
              "result_error", "no_value", "no_evidence", "word_file", "no_place", "not_rendered", "note",
              "confidence", "no_longer_flagged", "missing_file", "over_budget", "page_missing",
              "unrenderable", "image_too_large", "text_not_found", "text_ambiguous")


class RegisterLabelsError(Exception):
    """Raised when config/register.toml is missing keys; `problems` lists them in Chinese."""

    def __init__(self, path: str, problems: list[str]) -> None:
        super().__init__(f"{path}：" + "；".join(problems))
        self.path = path
        self.problems = problems


class StaffCheckWords(BaseModel):
    """The 核对状态 list: what staff choose from, which words take a row off 待处理, and the
    cell's prompt and error message."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    choices: tuple[str, ...]
    handled: tuple[str, ...]
    prompt_title: str
    prompt: str
    error: str


# Excel refuses a list validation whose text is longer than 255 characters, and a comma or a
# double quote in a word would split or end the list.
_LIST_LIMIT = 255


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
    finding: dict[FindingCode, str]
    field: dict[str, str]
    stats_codes: dict[str, list[FindingCode]]
    packets: dict[str, list[FindingCode]]
    packet_text: dict[str, str]
    text: dict[str, str]
    check: dict[str, str]
    staff_check: StaffCheckWords
    print_sheet: dict[str, str]
    signoff: dict[str, str]

    def handled_words(self) -> str:
        """The handled 核对状态 words as one phrase for prompts and the legend."""
        return "、".join(f"“{word}”" for word in self.staff_check.handled)

    def is_handled(self, staff_check: str | None) -> bool:
        """True when staff marked the row done (its 核对状态 is one of the handled words)."""
        return staff_check is not None and staff_check.strip() in self.staff_check.handled

    def finding_name(self, code: FindingCode) -> str:
        """The Chinese name of a finding code (the loader checks that every code has one)."""
        return self.finding.get(code, code)

    def field_name(self, field: str | None) -> str:
        return self.field.get(field or "", field or "")


_REQUIRED: dict[str, tuple[str, ...]] = {
    "sheets": ("main", "pending", "checks", "stats", "paper", "other", "changes", "print", "signoff", "legend"),
    "columns": COLUMN_KEYS,
    "status": STATUS_KEYS,
    "status_meaning": STATUS_KEYS,
    "status_fill": STATUS_KEYS,
    "severity": ("error", "warning", "info"),
    "severity_fill": ("error", "warning", "info"),
    "role": ("form", "attachment", "unreadable"),
    "stats_codes": ("late", "incomplete"),
    "packets": ("formal_fail_codes",),
    "check": CHECK_KEYS,
    "staff_check": ("choices", "handled", "prompt_title", "prompt", "error"),
    "print_sheet": PRINT_KEYS,
    "signoff": SIGNOFF_KEYS,
    # The [text] words of the 纸质件 figures column and of the 变更 sheet's comparison with the
    # daily copy (older files lack them).
    "text": ("paper_figures", "changes_since_day"),
}


def register_words_from_toml(path: Path) -> RegisterLabels:
    """Read and check one register.toml (tests and deployments may point at their own)."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    problems = [
        f"缺少 [{table}] {key}"
        for table, keys in _REQUIRED.items()
        for key in keys
        if key not in data.get(table, {})
    ]
    problems += _code_problems(data)
    problems += _status_problems(data)
    if problems:
        raise RegisterLabelsError(str(path), problems)
    try:
        return RegisterLabels.model_validate(data)
    except ValidationError as exc:
        raise RegisterLabelsError(str(path), [str(e["loc"]) + " " + e["msg"] for e in exc.errors()]) from exc


def _code_problems(data: dict[str, object]) -> list[str]:
    """Finding codes the file names that the contract does not know (record.FINDING_CODES),
    and codes it gives no Chinese name: the register would show such a code to staff as is."""
    problems = []
    named = data.get("finding")
    named = named if isinstance(named, dict) else {}
    problems += [f"[finding] {code}：不是登记表约定的问题代码" for code in named if code not in FINDING_CODES]
    problems += [f"缺少 [finding] {code}（该问题代码的中文名称）" for code in get_args(FindingCode) if code not in named]
    for table in ("stats_codes", "packets"):
        lists = data.get(table)
        for key, codes in (lists.items() if isinstance(lists, dict) else []):
            unknown = [str(c) for c in (codes if isinstance(codes, list) else []) if c not in FINDING_CODES]
            problems += [f"[{table}] {key} 中的“{code}”不是登记表约定的问题代码" for code in unknown]
    return problems


def _status_problems(data: dict[str, object]) -> list[str]:
    """Case words that differ from what replies and packets say, and a 核对状态 list that Excel
    could not offer or that marks as handled a word staff cannot choose."""
    status = data.get("status")
    words = status if isinstance(status, dict) else {}
    problems = [f"[status] {case} = “{words[case]}”：应与回执、评审材料一致，为“{word}”"
                for case, word in CASE_STATUS.items() if case in words and words[case] != word]
    table = data.get("staff_check")
    check = table if isinstance(table, dict) else {}
    listed = check.get("choices")
    choices = [str(c) for c in listed] if isinstance(listed, list) else []
    problems += [f"[staff_check] choices 中的“{c}”含有英文逗号或双引号，不能作为下拉列表选项"
                 for c in choices if "," in c or '"' in c]
    if len(",".join(choices)) > _LIST_LIMIT:
        problems.append(f"[staff_check] choices 合计超过 {_LIST_LIMIT} 个字符，Excel 无法显示为下拉列表")
    handled = check.get("handled")
    problems += [f"[staff_check] handled 中的“{h}”不在 choices 中"
                 for h in (handled if isinstance(handled, list) else []) if h not in choices]
    return problems


@lru_cache(maxsize=1)
def load_register_words() -> RegisterLabels:
    """The packaged config/register.toml, read once per process."""
    ref = resources.files("shenbao.config").joinpath("register.toml")
    with resources.as_file(ref) as path:
        return register_words_from_toml(Path(path))



"""The 申报指南 as data: pydantic models for a guide TOML file and its loader.

A new year's guide is a new TOML file, not new code. `load_guide(path)` reads the file,
checks all of it and raises `GuideError` whose `problems` list holds one Chinese sentence
per problem, each naming the file and the key. Rule entries are a discriminated union on
`kind`; each kind is one function in `shenbao.validators.rules`, registered under the
same name.
"""

from __future__ import annotations

import string
import tomllib
import unicodedata
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import (
    BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator,
)

from shenbao.record import FIELD_NAMES, FINDING_CODES, FieldName, FindingCode

# The contract (docs/register-contract.md) fixes these vocabularies; the register and the
# export depend on them, so a guide file may choose among them but not invent new ones.
ITEM_NAMES: tuple[str, ...] = (
    "学术交流", "科技创新联盟建设", "“科创中国”试点城市建设", "“科创中国”湖南中心建设与运营",
    "学会服务站建设", "创新工程专业职称评审", "学会制度机制建设", "省级学会网站管理平台",
    "高校科协交流机制建设",
)
APPLICANT_TYPES: tuple[str, ...] = (
    "省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他",
)
# Finding codes and field names are the contract's too: record.FINDING_CODES, record.FIELD_NAMES.

Severity = Literal["error", "warning", "info"]


class GuideError(Exception):
    """Raised by `load_guide` when a guide file cannot be used.

    `problems` holds every problem found (Chinese, each naming file and key), so an
    admin can fix them all in one go."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- the guide's facts

class Deadlines(_Model):
    """All optional: an unset deadline means nothing is judged late against it."""

    # The call's opening date (the notice's date): mail received before it is not this call's
    # (the mailbox's `since` setting overrides it).
    opens: date | None = None
    electronic: datetime | None = None  # must carry an offset: compared with INTERNALDATE
    paper: date | None = None  # by postmark; without a postmark by the received date
    paper_grace_days: int = Field(default=0, ge=0)  # extra days allowed for the received date

    @model_validator(mode="after")
    def _electronic_has_offset(self) -> Deadlines:
        if self.electronic is not None and self.electronic.utcoffset() is None:
            raise ValueError("电子版截止时间必须带时区，例如 2024-04-30T17:00:00+08:00")
        return self


class Funding(_Model):
    """Either an inclusive range {min, max} or a fixed amount {fixed}, in 万元."""

    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    fixed: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _one_shape(self) -> Funding:
        if self.fixed is not None:
            if self.min is not None or self.max is not None:
                raise ValueError("经费要么写 fixed（定额），要么写 min 和 max（范围），不能同时写")
        elif self.min is None or self.max is None:
            raise ValueError("经费须写 fixed（定额），或同时写 min 和 max（范围）")
        elif self.min > self.max:
            raise ValueError(f"经费范围上下颠倒：min = {fmt_number(self.min)} 大于 max = {fmt_number(self.max)}")
        return self

    def describe(self) -> str:
        """Chinese, as the guide writes it: "5—10万元/个" or "70万元"."""
        if self.fixed is not None:
            return f"{fmt_number(self.fixed)}万元"
        return f"{fmt_number(self.min or 0)}—{fmt_number(self.max or 0)}万元/个"


class DesignatedUnit(_Model):
    name: str
    aliases: tuple[str, ...] = ()


class Item(_Model):
    """One of the guide's nine items (四、项目内容及要求)."""

    name: str
    category: str
    clause: str  # e.g. "四（一）1"; rules append the sub-clause, e.g. "（4）"
    eligible_types: tuple[str, ...] = ()  # empty: the type is not restricted (see eligible_text)
    eligible_text: str = ""  # the guide's own words for 申报主体
    designated: tuple[DesignatedUnit, ...] = ()  # reserved for these units (定向委托/连续支持)
    designation: str = ""  # "定向委托", "连续支持", …
    continuing: bool = False  # 连续支持/继续支持: exempt from the repeat rule
    funding: Funding
    quota_text: str = ""  # "10个左右"
    quota: int | None = None  # 10
    end_date_limit: date | None = None  # overrides the guide's limit for this item
    # Words a project name of this item carries (服务站, 联盟, 学术年会): a name carrying only
    # another item's words makes the ticked item doubtful. Data, so a new guide brings its own.
    name_words: tuple[str, ...] = ()

    @field_validator("name")
    @classmethod
    def _known_item(cls, name: str) -> str:
        if name not in ITEM_NAMES:
            raise ValueError(f"项目名称“{name}”不是登记表约定的九项之一（{'、'.join(ITEM_NAMES)}）")
        return name

    @field_validator("eligible_types")
    @classmethod
    def _known_types(cls, types: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [t for t in types if t not in APPLICANT_TYPES]
        if unknown:
            raise ValueError(f"申报主体类型{'、'.join('“' + t + '”' for t in unknown)}"
                             f"不是六类之一（{'、'.join(APPLICANT_TYPES)}）")
        return types

    @property
    def exempt_from_repeat(self) -> bool:
        """连续支持项目和委托项目 are exempt from the repeat rule (一、2)."""
        return self.continuing or bool(self.designated)

    def alias_groups(self) -> list[tuple[str, ...]]:
        return [(u.name, *u.aliases) for u in self.designated]


class Approval(_Model):
    """Who must approve an application of one applicant type (二、3)."""

    required: str  # Chinese, for messages: "理事会或常务理事会审议通过"
    keywords: tuple[str, ...] = Field(min_length=1)  # any of these in the approval box
    needs_city_review: bool = False
    clause: str = "二、3"


# --------------------------------------------------------------------------- rule entries

def _check_code(code: Any) -> Any:
    """A finding code must be one the register and the export know (record.FINDING_CODES)."""
    if isinstance(code, str) and code not in FINDING_CODES:
        raise ValueError(f"问题代码“{code}”不是登记表约定的代码（可用：{', '.join(get_args(FindingCode))}）")
    return code


class _RuleBase(_Model):
    """Fields every rule entry has. `message` is a Chinese template; its placeholders
    must be among the kind's `placeholders` (checked at load time)."""

    name: str
    code: FindingCode
    severity: Severity = "error"
    message: str
    clause: str = ""  # may use {item_clause}
    placeholders: ClassVar[frozenset[str]] = frozenset()
    templates: ClassVar[tuple[str, ...]] = ("message",)

    @field_validator("code", mode="before")
    @classmethod
    def _known_code(cls, code: Any) -> Any:
        return _check_code(code)


_COMMON = frozenset({"clause", "item", "applicant_org", "applicant_type", "project_name"})


class RequiredFieldsRule(_RuleBase):
    kind: Literal["required_fields"]
    fields: tuple[FieldName, ...]
    labels: dict[FieldName, str] = {}
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"field", "label"}

    @field_validator("fields", "labels", mode="before")
    @classmethod
    def _known_fields(cls, value: Any) -> Any:
        if not isinstance(value, (list, tuple, dict)):
            return value  # the type check names what is wrong
        unknown = [str(f) for f in value if f not in FIELD_NAMES]
        if unknown:
            raise ValueError(f"字段 {', '.join(unknown)} 不是登记表约定的字段（{', '.join(FIELD_NAMES)}）")
        return value


class KnownItemRule(_RuleBase):
    kind: Literal["known_item"]
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"subcategory", "items"}


class EligibilityRule(_RuleBase):
    kind: Literal["eligibility"]
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"eligible"}


class DesignatedUnitRule(_RuleBase):
    kind: Literal["designated_unit"]
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"designated", "designation"}


class FundingRule(_RuleBase):
    kind: Literal["funding"]
    message_fixed: str
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"funding", "min", "max", "fixed", "direction", "allowed"}
    templates: ClassVar[tuple[str, ...]] = ("message", "message_fixed")


class CompletionRule(_RuleBase):
    kind: Literal["completion"]
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"end_date", "limit"}


class ApprovalRule(_RuleBase):
    kind: Literal["approval"]
    # Words that, just before a body's name, mean it has NOT approved (未经理事会审议).
    negations: tuple[str, ...] = ("未经", "尚未", "未", "待", "拟提交", "将提交", "拟报")
    # For a file with no 申报单位意见 box at all: nothing to judge, so a person looks instead.
    review_message: str = "申报书中没有“申报单位意见”栏，无法核对是否经{required}（指南{clause}），请查看盖章页或纸质件"
    review_code: FindingCode = "NEEDS_REVIEW"
    review_severity: Severity = "warning"
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"required", "seen"}
    templates: ClassVar[tuple[str, ...]] = ("message", "review_message")

    @field_validator("review_code", mode="before")
    @classmethod
    def _known_review_code(cls, code: Any) -> Any:
        return _check_code(code)


class CityReviewRule(_RuleBase):
    kind: Literal["city_review"]
    exempt_designated: bool = True  # a designated unit is commissioned directly by 省科协
    placeholders: ClassVar[frozenset[str]] = _COMMON


class JointRolesRule(_RuleBase):
    kind: Literal["joint_roles"]
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"missing"}


class RepeatFundedRule(_RuleBase):
    kind: Literal["repeat_funded"]
    review_message: str
    review_code: FindingCode = "NEEDS_REVIEW"
    review_severity: Severity = "warning"
    threshold: float = Field(default=90, ge=0, le=100)  # name similarity for a repeat
    review_threshold: float = Field(default=75, ge=0, le=100)  # … for asking a person
    org_review_threshold: float = Field(default=90, ge=0, le=100)  # unit-name doubt (学会/协会)
    ignore_words: tuple[str, ...] = ()  # boilerplate removed before comparing names
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"year", "past_name", "past_org", "score", "window"}
    templates: ClassVar[tuple[str, ...]] = ("message", "review_message")

    @field_validator("review_code", mode="before")
    @classmethod
    def _known_review_code(cls, code: Any) -> Any:
        return _check_code(code)

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> RepeatFundedRule:
        if self.review_threshold > self.threshold:
            raise ValueError("review_threshold 不能大于 threshold")
        return self


class LateElectronicRule(_RuleBase):
    kind: Literal["late_electronic"]
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"received_at", "deadline"}


class ServiceStationTargetsRule(_RuleBase):
    kind: Literal["service_station_targets"]
    item_name: str = "学会服务站建设"
    trigger_words: tuple[str, ...] = ("乡村振兴",)
    min_experts: int = 10
    min_online: int = 10
    min_offline: int = 3
    placeholders: ClassVar[frozenset[str]] = _COMMON | {"what", "promised", "required"}


Rule = Annotated[
    RequiredFieldsRule | KnownItemRule | EligibilityRule | DesignatedUnitRule | FundingRule
    | CompletionRule | ApprovalRule | CityReviewRule | JointRolesRule | RepeatFundedRule
    | LateElectronicRule | ServiceStationTargetsRule,
    Field(discriminator="kind"),
]
RULE_KINDS: tuple[str, ...] = (
    "required_fields", "known_item", "eligibility", "designated_unit", "funding", "completion",
    "approval", "city_review", "joint_roles", "repeat_funded", "late_electronic",
    "service_station_targets",
)
_RULE_ADAPTER: TypeAdapter[Rule] = TypeAdapter(Rule)


# --------------------------------------------------------------------------- the guide

class Guide(_Model):
    year: int
    title: str = ""
    deadlines: Deadlines = Deadlines()
    paper_copies_required: int = Field(default=3, ge=1)
    end_date_limit: date
    repeat_window_years: int = Field(default=2, ge=0)
    categories: tuple[str, ...]
    items: tuple[Item, ...]
    approval: dict[str, Approval]
    rules: tuple[Rule, ...]
    # The guide's own words per clause ("一、4" → "申报单位在规定时间内寄送…"), quoted in replies.
    clauses: dict[str, str] = {}
    source: str = ""  # the file it was loaded from, for messages

    def item_for(self, subcategory: str | None) -> Item | None:
        """The item a form's 申报类别 names, tolerating quote and space variants."""
        if not subcategory:
            return None
        wanted = _item_key(subcategory)
        for item in self.items:
            if _item_key(item.name) == wanted:
                return item
        return None

    def repeat_years(self) -> tuple[int, ...]:
        """The history years that count for the repeat rule: the N years before `year`."""
        return tuple(range(self.year - self.repeat_window_years, self.year))

    def alias_groups(self) -> list[tuple[str, ...]]:
        """Every designated unit with its short names, for `org_names.same_org`."""
        return [g for item in self.items for g in item.alias_groups()]

    def deadline_notice(self) -> str | None:
        """A Chinese sentence for the register when a deadline is not set (so nothing is
        judged late against it); None when both deadlines are set."""
        missing = []
        if self.deadlines.electronic is None:
            missing.append("电子版")
        if self.deadlines.paper is None:
            missing.append("纸质版")
        if not missing:
            return None
        which = "和".join(missing)
        return f"指南文件未设置{which}截止时间，本登记表未判断{which}是否逾期。"

    def paper_is_late(self, postmarked_on: date | None, received_on: date | None) -> bool | None:
        """Whether a paper copy is late: by postmark when there is one, else by the received
        date plus `paper_grace_days`. None when there is no paper deadline or no date."""
        deadline = self.deadlines.paper
        if deadline is None:
            return None
        if postmarked_on is not None:
            return postmarked_on > deadline
        if received_on is not None:
            return received_on > deadline + timedelta(days=self.deadlines.paper_grace_days)
        return None


def _item_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name)
    for ch in "\"'“”‘’「」『』 \u3000":
        text = text.replace(ch, "")
    return text


def fmt_number(value: float) -> str:
    """12.0 → "12", 7.5 → "7.5" (amounts in messages read as people write them)."""
    return f"{value:g}"


# --------------------------------------------------------------------------- loading

def default_guide_path() -> Path:
    """The guide shipped with the package (config/guide-2024.toml)."""
    return Path(str(resources.files("shenbao.config").joinpath("guide-2024.toml")))


def load_guide(path: str | Path) -> Guide:
    """Read and check a guide TOML file.

    Must raise `GuideError` listing every problem (Chinese, naming the file and key):
    TOML syntax, missing or misspelt keys, an unknown rule kind, a duplicate rule name,
    a funding range upside down, an item or applicant type outside the contract's
    vocabulary, a message placeholder the kind does not provide.
    """
    path = Path(path)
    label = path.name
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GuideError([f"{label}：找不到指南文件 {path}"]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise GuideError([f"{label}：不是有效的 TOML 文件（{exc}）"]) from None
    return guide_from_dict(raw, label)


def guide_from_dict(raw: dict[str, Any], label: str = "指南") -> Guide:
    """Check an already-parsed guide; see `load_guide`. `label` names the file in messages."""
    problems: list[str] = []
    sections = dict(raw)
    items_raw = sections.pop("items", None)
    rules_raw = sections.pop("rules", None)

    # Each list entry is checked on its own so one bad entry does not hide the others.
    items: list[Item] = []
    if not isinstance(items_raw, list) or not items_raw:
        problems.append(f"{label}：缺少 [[items]]（指南的项目列表）")
    else:
        for n, entry in enumerate(items_raw, 1):
            where = f"[[items]] 第{n}项（name = “{entry.get('name', '?') if isinstance(entry, dict) else '?'}”）"
            try:
                items.append(Item.model_validate(entry))
            except ValidationError as exc:
                problems.extend(_explain(exc, label, where))

    rules: list[Any] = []
    if not isinstance(rules_raw, list) or not rules_raw:
        problems.append(f"{label}：缺少 [[rules]]（规则列表）")
    else:
        for n, entry in enumerate(rules_raw, 1):
            name = entry.get("name", "?") if isinstance(entry, dict) else "?"
            where = f"[[rules]] 第{n}条（name = “{name}”）"
            try:
                rule = _RULE_ADAPTER.validate_python(entry)
            except ValidationError as exc:
                problems.extend(_explain(exc, label, where, union=True))
                continue
            problems.extend(f"{label}：{where} {p}" for p in _template_problems(rule))
            rules.append(rule)

    try:
        top = _TopLevel.model_validate(sections)
    except ValidationError as exc:
        problems.extend(_explain(exc, label, ""))
        top = None

    problems.extend(_cross_problems(label, items, rules, top))
    if problems:
        raise GuideError(problems)
    assert top is not None  # no problems means the top level validated
    return Guide(**top.model_dump(), items=tuple(items), rules=tuple(rules), source=label)


class _TopLevel(_Model):
    """The guide without its lists; validated apart so list problems do not hide these."""

    year: int
    title: str = ""
    deadlines: Deadlines = Deadlines()
    paper_copies_required: int = Field(default=3, ge=1)
    end_date_limit: date
    repeat_window_years: int = Field(default=2, ge=0)
    categories: tuple[str, ...] = Field(min_length=1)
    approval: dict[str, Approval]
    clauses: dict[str, str] = {}

    @model_validator(mode="after")
    def _approval_types(self) -> _TopLevel:
        unknown = [t for t in self.approval if t not in APPLICANT_TYPES]
        missing = [t for t in APPLICANT_TYPES if t not in self.approval]
        msgs = []
        if unknown:
            msgs.append(f"[approval] 中的类型 {'、'.join(unknown)} 不是六类申报主体之一")
        if missing:
            msgs.append(f"[approval] 缺少类型 {'、'.join(missing)} 的审议要求")
        if msgs:
            raise ValueError("；".join(msgs))
        return self


def _cross_problems(label: str, items: list[Item], rules: list[Any], top: _TopLevel | None) -> list[str]:
    problems = []
    seen_items: set[str] = set()
    for item in items:
        if item.name in seen_items:
            problems.append(f"{label}：[[items]] 项目“{item.name}”重复出现")
        seen_items.add(item.name)
        if top is not None and item.category not in top.categories:
            problems.append(f"{label}：[[items]] 项目“{item.name}”的 category = “{item.category}”"
                            f"不在 categories（{'、'.join(top.categories)}）之中")
    seen_rules: set[str] = set()
    for rule in rules:
        if rule.name in seen_rules:
            problems.append(f"{label}：[[rules]] 规则名 name = “{rule.name}”重复，每条规则的名字必须唯一")
        seen_rules.add(rule.name)
    return problems


def _template_problems(rule: Any) -> list[str]:
    problems = []
    try:
        clause_names = {f for _, f, _, _ in string.Formatter().parse(rule.clause) if f}
    except ValueError as exc:
        clause_names = set()
        problems.append(f"clause 格式错误（{exc}）")
    if clause_names - {"item_clause"}:
        problems.append(f"clause 中只能用占位符 {{item_clause}}，不能用 {', '.join(sorted(clause_names - {'item_clause'}))}")
    for attr in type(rule).templates:
        template = getattr(rule, attr)
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        except ValueError as exc:
            problems.append(f"{attr} 模板格式错误（{exc}）")
            continue
        unknown = sorted(names - type(rule).placeholders)
        if unknown:
            problems.append(f"{attr} 中的占位符 {', '.join('{' + u + '}' for u in unknown)} "
                            f"在 kind = “{rule.kind}”中没有（可用：{', '.join(sorted(type(rule).placeholders))}）")
    return problems


_ERROR_TEXT = {
    "missing": "缺少必填键",
    "extra_forbidden": "不认识的键（拼写错误？）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为文字",
    "date_type": "应为日期（如 2024-12-31）",
    "date_parsing": "应为日期（如 2024-12-31）",
    "date_from_datetime_parsing": "应为日期（如 2024-12-31）",
    "datetime_type": "应为带时区的时间（如 2024-04-30T17:00:00+08:00）",
    "datetime_parsing": "应为带时区的时间（如 2024-04-30T17:00:00+08:00）",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "too_short": "不能为空",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "dict_type": "应为表",
    "model_type": "应为表",
}


def _explain(exc: ValidationError, label: str, where: str, union: bool = False) -> list[str]:
    """Turn pydantic's errors into one Chinese sentence each, naming file and key."""
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        kind = err["type"]
        if kind == "union_tag_invalid":
            tag = err.get("ctx", {}).get("tag", "?")
            text = f"kind = “{tag}”不是已知的规则种类（可用：{', '.join(RULE_KINDS)}）"
            loc = [p for p in loc if p != tag]
            key = ".".join(loc + ["kind"])
        elif kind == "union_tag_not_found":
            text = f"缺少 kind（规则种类，可用：{', '.join(RULE_KINDS)}）"
            key = "kind"
        else:
            # The discriminated union puts the kind name first in the location.
            if union and loc and loc[0] in RULE_KINDS:
                loc = loc[1:]
            key = ".".join(loc) or "（整项）"
            if kind == "value_error":
                text = str(err.get("ctx", {}).get("error", err["msg"]))
            elif kind == "literal_error":
                text = f"取值“{err.get('input')}”不允许（应为 {err.get('ctx', {}).get('expected', '')}）"
            else:
                text = _ERROR_TEXT.get(kind, err["msg"])
        prefix = f"{label}：{where + ' ' if where else ''}"
        out.append(f"{prefix}键 {key}：{text}")
    return out

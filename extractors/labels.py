"""The label vocabulary for reading 申报书 forms, loaded from `config/labels.toml`.

`load_labels()` reads the packaged file once (cached); `labels_from_toml(text)` builds a
vocabulary from any TOML text, for tests and for an administrator's own file. Both raise
`LabelsError` listing every problem at once, in Chinese, when the file is malformed.
"""

from __future__ import annotations

import importlib.resources
import re
import tomllib
from dataclasses import dataclass
from functools import cache

# Fields a label may name in `[fields]`; pairs.py and fields.py know what each one means.
KNOWN_FIELDS = frozenset({
    "project_name", "subcategory", "applicant_org", "applicant_type", "leader_name",
    "leader_phone", "contact_name", "contact_phone", "contact_email", "funding",
    "total_funding", "self_funding", "period", "start_date", "end_date", "lead_org",
    "partner_orgs", "joint_orgs", "is_joint", "approval", "city_review", "leader_bio",
})
KNOWN_SECTIONS = frozenset({"basic", "content", "goals", "budget", "approval", "city_review", "notes", "example"})


class LabelsError(ValueError):
    """Raised when the label file is malformed; `problems` lists every problem (Chinese)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TypeRule:
    """Infer an applicant type from the unit's name when any pattern matches."""

    applicant_type: str
    patterns: tuple[re.Pattern[str], ...]
    # Every unit of this type is named so: a form ticking the type for a name that matches
    # none of the patterns is doubted (a 市州科协 is always “某市科协”).
    named_so: bool = False


@dataclass(frozen=True)
class Labels:
    """Everything field extraction needs to know about the printed form.

    `field_labels` maps a label (as printed, unspaced) to the field it names; the person
    maps hold labels whose field depends on the person they follow (姓名/电话/邮箱)."""

    field_labels: dict[str, str]
    person_name: frozenset[str]
    person_phone: frozenset[str]
    person_email: frozenset[str]
    phone_default_leader: frozenset[str]
    other_labels: frozenset[str]
    english_words: frozenset[str]  # a label's translation on bilingual templates, lower case
    sections: dict[str, tuple[str, ...]]
    boilerplate: frozenset[str]
    items: dict[str, str]  # subcategory -> category
    applicant_types: tuple[str, ...]
    type_aliases: dict[str, str]  # alias -> printed type name
    type_rules: tuple[TypeRule, ...]

    def all_labels(self) -> list[str]:
        """Every known label, longest first (longest match wins when splitting text)."""
        labels = set(self.field_labels) | self.person_name | self.person_phone
        labels |= self.person_email | self.other_labels
        return sorted(labels, key=lambda s: (-len(s), s))


def _str_list(value: object, where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"labels.toml 的 {where} 必须是非空字符串列表")
        return ()
    return tuple(v.strip() for v in value)


def labels_from_toml(text: str) -> Labels:
    """Build the vocabulary from TOML text; raises LabelsError listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LabelsError([f"labels.toml 不是合法的 TOML：{exc}"]) from exc
    problems: list[str] = []

    field_labels: dict[str, str] = {}
    for field, labels in dict(data.get("fields", {})).items():
        if field not in KNOWN_FIELDS:
            problems.append(f"labels.toml 的 [fields] 含未知字段 {field}")
            continue
        for label in _str_list(labels, f"[fields].{field}", problems):
            if label in field_labels and field_labels[label] != field:
                problems.append(f"labels.toml 中标签“{label}”同时属于 {field_labels[label]} 和 {field}")
            field_labels[label] = field

    person = dict(data.get("person", {}))
    person_sets = {
        key: frozenset(_str_list(person.get(key, []), f"[person].{key}", problems))
        for key in ("name", "phone", "email", "phone_default_leader")
    }
    other = frozenset(_str_list(dict(data.get("other", {})).get("labels", []), "[other].labels", problems))
    english = frozenset(w.lower() for w in _str_list(dict(data.get("other", {})).get("english_words", []),
                                                   "[other].english_words", problems))

    sections: dict[str, tuple[str, ...]] = {}
    for name, words in dict(data.get("sections", {})).items():
        if name not in KNOWN_SECTIONS:
            problems.append(f"labels.toml 的 [sections] 含未知栏目 {name}")
            continue
        sections[name] = _str_list(words, f"[sections].{name}", problems)

    boiler = frozenset(
        re.sub(r"\s+", "", s)
        for s in _str_list(dict(data.get("boilerplate", {})).get("lines", []), "[boilerplate].lines", problems)
    )

    items = dict(data.get("items", {}))
    if not items or not all(isinstance(v, str) for v in items.values()):
        problems.append("labels.toml 的 [items] 必须把每个项目名称对应到其项目类别")
    types = _str_list(dict(data.get("applicant_types", {})).get("names", []), "[applicant_types].names", problems)

    aliases: dict[str, str] = {}
    for kind, names in dict(data.get("applicant_type_aliases", {})).items():
        if kind not in types:
            problems.append(f"labels.toml 的 [applicant_type_aliases] 含未知单位类型 {kind}")
            continue
        for alias in _str_list(names, f"[applicant_type_aliases].{kind}", problems):
            aliases[alias] = kind

    rules: list[TypeRule] = []
    for i, rule in enumerate(data.get("type_by_name", [])):
        kind = rule.get("type") if isinstance(rule, dict) else None
        if kind not in types:
            problems.append(f"labels.toml 的第{i + 1}条 [[type_by_name]] 的 type 不是已知单位类型")
            continue
        compiled: list[re.Pattern[str]] = []
        for pattern in _str_list(rule.get("patterns", []), f"[[type_by_name]] {kind}.patterns", problems):
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                problems.append(f"labels.toml 的 {kind} 规则“{pattern}”不是合法正则：{exc}")
        named_so = rule.get("named_so", False)
        if not isinstance(named_so, bool):
            problems.append(f"labels.toml 的 {kind} 规则的 named_so 只能是 true 或 false")
            named_so = False
        rules.append(TypeRule(kind, tuple(compiled), named_so))

    if problems:
        raise LabelsError(problems)
    return Labels(
        field_labels=field_labels,
        person_name=person_sets["name"],
        person_phone=person_sets["phone"],
        person_email=person_sets["email"],
        phone_default_leader=person_sets["phone_default_leader"],
        other_labels=other,
        english_words=english,
        sections=sections,
        boilerplate=boiler,
        items={str(k): str(v) for k, v in items.items()},
        applicant_types=types,
        type_aliases=aliases,
        type_rules=tuple(rules),
    )


@cache
def load_labels() -> Labels:
    """The packaged vocabulary (`shenbao.config/labels.toml`), read once per process."""
    text = importlib.resources.files("shenbao.config").joinpath("labels.toml").read_text("utf-8")
    return labels_from_toml(text)

"""One small pure check per rule kind, registered under the kind's name.

Every check has the signature `(rule, ctx) -> list[Finding]`: `rule` is the validated TOML
entry (its parameters, code, severity and Chinese message template), `ctx` the application
being checked. A check that cannot judge (a value is missing) returns no finding: the
required_fields rule is the one that reports absent values.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rapidfuzz import fuzz

from shenbao.record import Fields, Finding, FindingCode, FormFacts
from shenbao.validators.guide import (
    APPLICANT_TYPES, ApprovalRule, CityReviewRule, CompletionRule, DesignatedUnitRule,
    EligibilityRule, FundingRule, Guide, Item, JointRolesRule, KnownItemRule, LateElectronicRule,
    RepeatFundedRule, RequiredFieldsRule, ServiceStationTargetsRule, Severity, fmt_number,
)
from shenbao.validators.history import FundedProject
from shenbao.validators.name_similarity import org_similarity
from shenbao.validators.org_names import infer_applicant_type, same_org

# --------------------------------------------------------------------------- context


@dataclass(frozen=True)
class Context:
    """What every check may look at. `item` is the guide item the form names (or None);
    `applicant_type` is the canonical type the form states, else what the name settles."""

    fields: Fields
    facts: FormFacts
    received_at: datetime | None
    guide: Guide
    history: tuple[FundedProject, ...]
    item: Item | None
    applicant_type: str | None


def make_context(fields: Fields, facts: FormFacts, received_at: datetime | None, guide: Guide,
                 history: tuple[FundedProject, ...] | list[FundedProject]) -> Context:
    stated = canonical_applicant_type(fields.applicant_type)
    return Context(
        fields=fields, facts=facts, received_at=received_at, guide=guide, history=tuple(history),
        item=guide.item_for(fields.subcategory),
        applicant_type=stated or infer_applicant_type(fields.applicant_org),
    )


_TYPE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("企业（园区）科协", ("企业", "园区")),
    ("民非组织", ("民非", "民办非企业", "社会服务机构")),
    ("高校科协", ("高校", "大学")),
    ("市州科协", ("市州", "市(州)", "市、州")),
    ("省级学会", ("省级学会", "学会", "协会", "研究会")),
    ("其他", ("其他", "其它")),
)


def canonical_applicant_type(text: str | None) -> str | None:
    """The contract's spelling of an applicant type (企业(园区)科协 → 企业（园区）科协), or None."""
    if not text:
        return None
    if text in APPLICANT_TYPES:
        return text
    norm = unicodedata.normalize("NFKC", text).replace(" ", "")
    if "☑" in norm:
        # A whole checkbox line: only the ticked option counts, not the printed others.
        norm = norm.split("☑", 1)[1].split("☐", 1)[0]
    for canonical, words in _TYPE_WORDS:
        if any(w in norm for w in words):
            return canonical
    return None


# --------------------------------------------------------------------------- findings

class _Values(dict[str, Any]):
    # Placeholders are checked when the guide loads; this only guards against a value a
    # check forgot, so that one rule's slip cannot crash the run.
    def __missing__(self, key: str) -> str:
        return "？"


def _finding(rule: Any, ctx: Context, field: str | None = None, template: str = "message",
             evidence: str | None = None, code: FindingCode | None = None,
             severity: Severity | None = None, **values: Any) -> Finding:
    clause = rule.clause.format_map(_Values(item_clause=ctx.item.clause if ctx.item else ""))
    f = ctx.fields
    base = _Values(clause=clause, item=_quote_item(ctx.item.name if ctx.item else (f.subcategory or "？")),
                   applicant_org=f.applicant_org or "（未写）",
                   applicant_type=ctx.applicant_type or "（类型不明）",
                   project_name=f.project_name or "（未写）")
    if field is not None:
        base["field"] = field
    base.update(values)
    return Finding(code=code or rule.code, severity=severity or rule.severity,
                   message=getattr(rule, template).format_map(base), field=field,
                   clause=clause or None, evidence=evidence)


# --------------------------------------------------------------------------- the checks

def required_fields(rule: RequiredFieldsRule, ctx: Context) -> list[Finding]:
    """MISSING_FIELD: one finding per required field that is empty or unreadable. A field
    whose label a scan shows but whose value the recogniser could not read is not known to be
    empty: the reader doubts it (NEEDS_REVIEW with the place on the page) instead."""
    out = []
    for name in rule.fields:
        if name in ctx.facts.unread:
            continue
        value = getattr(ctx.fields, name)
        if value is None or (isinstance(value, (str, tuple)) and not value):
            out.append(_finding(rule, ctx, field=name, label=rule.labels.get(name, name)))
    return out


def known_item(rule: KnownItemRule, ctx: Context) -> list[Finding]:
    """The form names an item the guide does not list."""
    sub = ctx.fields.subcategory
    if not sub or ctx.item is not None:
        return []
    return [_finding(rule, ctx, field="subcategory", subcategory=sub,
                     items="、".join(i.name for i in ctx.guide.items))]


def eligibility(rule: EligibilityRule, ctx: Context) -> list[Finding]:
    """APPLICANT_NOT_ELIGIBLE: the type is not among the item's 申报主体. Items reserved for
    named units (eligible_types empty) are the designated_unit rule's business."""
    item, kind = ctx.item, ctx.applicant_type
    if item is None or not item.eligible_types or kind is None or kind in item.eligible_types:
        return []
    return [_finding(rule, ctx, field="applicant_type",
                     eligible=item.eligible_text or "、".join(item.eligible_types),
                     evidence=ctx.fields.applicant_type or ctx.fields.applicant_org)]


def designated_unit(rule: DesignatedUnitRule, ctx: Context) -> list[Finding]:
    """DESIGNATED_ITEM: the item is reserved for named units and another unit applied.
    Short names count (衡阳市科协 = 衡阳市科学技术协会)."""
    item, org = ctx.item, ctx.fields.applicant_org
    if item is None or not item.designated or not org:
        return []
    if any(same_org(org, unit.name, aliases=[(unit.name, *unit.aliases)]) for unit in item.designated):
        return []
    return [_finding(rule, ctx, field="applicant_org", evidence=org,
                     designated="、".join(u.name for u in item.designated),
                     designation=item.designation or "定向委托")]


def funding(rule: FundingRule, ctx: Context) -> list[Finding]:
    """FUNDING_OUT_OF_RANGE: ranges are inclusive; a fixed amount must match."""
    item, amount = ctx.item, ctx.fields.funding_wan
    if item is None or amount is None:
        return []
    spec, eps = item.funding, 1e-6
    common: dict[str, Any] = dict(funding=fmt_number(amount), allowed=spec.describe())
    if spec.fixed is not None:
        if abs(amount - spec.fixed) > eps:
            return [_finding(rule, ctx, field="funding_wan", template="message_fixed",
                             fixed=fmt_number(spec.fixed), **common)]
        return []
    lo, hi = spec.min or 0.0, spec.max or 0.0
    if amount < lo - eps or amount > hi + eps:
        return [_finding(rule, ctx, field="funding_wan", direction="超出" if amount > hi else "低于",
                         min=fmt_number(lo), max=fmt_number(hi), **common)]
    return []


def completion(rule: CompletionRule, ctx: Context) -> list[Finding]:
    """END_DATE_TOO_LATE: a YYYY-MM end date means the end of that month."""
    end = end_date_to_day(ctx.fields.end_date)
    if end is None:
        return []
    limit = (ctx.item.end_date_limit if ctx.item and ctx.item.end_date_limit else None) or ctx.guide.end_date_limit
    if end <= limit:
        return []
    return [_finding(rule, ctx, field="end_date", end_date=ctx.fields.end_date, limit=describe_limit(limit))]


def approval(rule: ApprovalRule, ctx: Context) -> list[Finding]:
    """MISSING_APPROVAL: the 申报单位意见 box must name the body the guide requires for the
    applicant's type (二、3). With the type unknown, any type's body is accepted. A file with
    no such box at all is not judged: a person is asked to look (review_message)."""
    text = ctx.facts.approval_text
    kind = ctx.applicant_type
    if kind in ctx.guide.approval:
        spec = ctx.guide.approval[kind]
        keywords, required = spec.keywords, spec.required
    else:
        keywords = tuple(k for spec in ctx.guide.approval.values() for k in spec.keywords)
        required = "本类单位规定的会议审议通过"
    if mentions_body(text, keywords, rule.negations):
        return []
    if not text and not ctx.facts.approval_box:
        return [_finding(rule, ctx, template="review_message", code=rule.review_code, severity=rule.review_severity,
                         required=required)]
    return [_finding(rule, ctx, required=required, seen=_quote(text), evidence=text or None)]


def city_review(rule: CityReviewRule, ctx: Context) -> list[Finding]:
    """MISSING_CITY_REVIEW: types that need the 市州科协 review (企业（园区）科协, 民非组织,
    其他) with an empty review box. Designated units are commissioned by 省科协 directly."""
    kind = ctx.applicant_type
    spec = ctx.guide.approval.get(kind) if kind else None
    if spec is None or not spec.needs_city_review:
        return []
    if rule.exempt_designated and ctx.item is not None and ctx.item.designated:
        return []
    if not is_blank_box(ctx.facts.city_review_text):
        return []
    return [_finding(rule, ctx)]


def joint_roles(rule: JointRolesRule, ctx: Context) -> list[Finding]:
    """JOINT_ROLES_MISSING: a joint application must say who leads and who takes part (一、4)."""
    if not ctx.facts.is_joint:
        return []
    missing = []
    if not ctx.fields.lead_org:
        missing.append("牵头单位")
    if not ctx.fields.partner_orgs:
        missing.append("参与单位")
    if not missing:
        return []
    return [_finding(rule, ctx, field="lead_org" if not ctx.fields.lead_org else "partner_orgs",
                     missing="和".join(missing))]


def repeat_funded(rule: RepeatFundedRule, ctx: Context) -> list[Finding]:
    """REPEAT_FUNDED: the same unit was funded for the same content within the window.

    Exempt: 连续支持项目和委托项目 (一、2). A doubtful match (similar name, or a unit name
    that differs only like 学会/协会) gives a review finding naming the candidate."""
    f = ctx.fields
    if not f.project_name or not f.applicant_org:
        return []
    if ctx.item is not None and ctx.item.exempt_from_repeat:
        return []
    years = set(ctx.guide.repeat_years())
    aliases = ctx.guide.alias_groups()
    best: tuple[float, FundedProject] | None = None
    doubt: tuple[float, FundedProject] | None = None
    for past in ctx.history:
        if past.year not in years:
            continue
        past_item = ctx.guide.item_for(past.category)
        if past_item is not None and past_item.exempt_from_repeat:
            continue  # funded as 连续支持/委托: a new year of it is not a repeat
        score = project_similarity(f.project_name, past.project_name,
                                   (f.applicant_org, past.applicant_org), rule.ignore_words)
        if same_org(f.applicant_org, past.applicant_org, aliases):
            if score >= rule.threshold and (best is None or score > best[0]):
                best = (score, past)
            elif score >= rule.review_threshold and (doubt is None or score > doubt[0]):
                doubt = (score, past)
        elif (org_similarity(f.applicant_org, past.applicant_org) >= rule.org_review_threshold
              and score >= rule.threshold and (doubt is None or score > doubt[0])):
            doubt = (score, past)
    window = ctx.guide.repeat_window_years
    if best is not None:
        score, past = best
        return [_finding(rule, ctx, field="project_name", evidence=_past_text(past),
                         year=past.year, past_name=past.project_name, past_org=past.applicant_org,
                         score=f"{score:.0f}", window=window)]
    if doubt is not None:
        score, past = doubt
        return [_finding(rule, ctx, template="review_message", field="project_name",
                         code=rule.review_code, severity=rule.review_severity,
                         evidence=_past_text(past), year=past.year, past_name=past.project_name,
                         past_org=past.applicant_org, score=f"{score:.0f}", window=window)]
    return []


def late_electronic(rule: LateElectronicRule, ctx: Context) -> list[Finding]:
    """LATE_ELECTRONIC: the server received the mail after the electronic deadline. A
    received time without an offset is read in the deadline's zone."""
    deadline, received = ctx.guide.deadlines.electronic, ctx.received_at
    if deadline is None or received is None:
        return []
    if received.utcoffset() is None:
        received = received.replace(tzinfo=deadline.tzinfo)
    if received <= deadline:
        return []
    local = received.astimezone(deadline.tzinfo)
    return [_finding(rule, ctx, received_at=_describe_moment(local), deadline=_describe_moment(deadline),
                     evidence=received.isoformat())]


def service_station_targets(rule: ServiceStationTargetsRule, ctx: Context) -> list[Finding]:
    """A 乡村振兴 service station must promise ≥10 experts, ≥10 online and ≥3 offline
    activities (四（一）5（1））. Only a stated number below the target is reported: a text
    that states no number is left to the reviewers."""
    if ctx.item is None or ctx.item.name != rule.item_name:
        return []
    text = ctx.facts.content_text
    name = ctx.fields.project_name or ""
    if not text or not any(w in name or w in text for w in rule.trigger_words):
        return []
    out = []
    for what, unit_text, found, minimum in (
        ("专家团队人数", "{n}人", promised_experts(text), rule.min_experts),
        ("线上服务次数", "{n}次", promised_count(text, "线上"), rule.min_online),
        ("线下活动次数", "{n}次", promised_count(text, "线下"), rule.min_offline),
    ):
        if found is not None and found < minimum:
            required = f"{minimum}人以上" if what == "专家团队人数" else f"不少于{minimum}次"
            out.append(_finding(rule, ctx, what=what, promised=unit_text.format(n=found),
                                required=required, evidence=what))
    return out


RuleCheck = Callable[[Any, Context], list[Finding]]

REGISTRY: dict[str, RuleCheck] = {
    "required_fields": required_fields,
    "known_item": known_item,
    "eligibility": eligibility,
    "designated_unit": designated_unit,
    "funding": funding,
    "completion": completion,
    "approval": approval,
    "city_review": city_review,
    "joint_roles": joint_roles,
    "repeat_funded": repeat_funded,
    "late_electronic": late_electronic,
    "service_station_targets": service_station_targets,
}

# The read values each kind of rule judges: a finding of such a rule is only as sure as they
# are, and when one of them is doubted on the form the engine states it as a doubt. Rules about
# absence (required_fields), time of arrival or the project text judge none. (A value read by
# elimination, ExtractedForm.guessed, is not passed as doubted: those readings mostly hold.)
READS: dict[str, tuple[str, ...]] = {
    "eligibility": ("applicant_type", "subcategory", "applicant_org"),
    "designated_unit": ("subcategory", "applicant_org"),
    "funding": ("funding_wan", "subcategory"),
    "completion": ("end_date",),
    "approval": ("applicant_type", "applicant_org"),
    "city_review": ("applicant_type", "applicant_org"),
    "joint_roles": ("lead_org", "partner_orgs"),
    "repeat_funded": ("project_name", "applicant_org"),
}


# --------------------------------------------------------------------------- helpers (pure)

def end_date_to_day(text: str | None) -> date | None:
    """"2024-12" → 2024-12-31 (end of month), "2024-12-20" → that day, "2024" → 12-31."""
    if not text:
        return None
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*", text)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 12, 31)
        mon = int(month)
        if day is None:
            return date(year, mon, calendar.monthrange(year, mon)[1])
        return date(year, mon, int(day))
    except ValueError:
        return None


def describe_limit(limit: date) -> str:
    if limit.day == calendar.monthrange(limit.year, limit.month)[1]:
        return f"{limit.year}年{limit.month}月底"
    return f"{limit.year}年{limit.month}月{limit.day}日"


def _describe_moment(moment: datetime) -> str:
    # Seconds only when they matter: 17:00:30 must not read as the 17:00 deadline.
    clock = f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"
    return f"{moment.year}年{moment.month}月{moment.day}日 {clock}"


def _quote_item(name: str) -> str:
    # Items such as “科创中国”试点城市建设 carry their own quotes; wrapping them again reads badly.
    return name if "“" in name else f"“{name}”"


def mentions_body(text: str, keywords: tuple[str, ...], negations: tuple[str, ...]) -> bool:
    """True when `text` names one of the bodies and the mention is not negated
    (未经理事会审议 is not an approval). Substring matching on purpose: 理事长办公会
    does not contain 理事会, while 常务理事会 does."""
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))
    for word in keywords:
        for m in re.finditer(re.escape(word), flat):
            before = flat[max(0, m.start() - 6):m.start()]
            if not any(before.endswith(n) or (n + "经") in before or before.endswith(n + "提交")
                       for n in negations):
                return True
    return False


_BOILERPLATE = re.compile(
    r"市州科协|市\(州\)科协|科协|审核意见|审核|意见|负责人|签字|签名|签章|盖章|公章|单位|日期|年|月|日|[:：()（）,，.。、/\s_—-]")


_PARENTHETICAL = re.compile(r"\([^()]*\)")


def is_blank_box(text: str | None) -> bool:
    """True when a form box holds only what the template prints in it: labels, （盖章）,
    年 月 日, and bracketed instructions such as （企业（园区）科协、其他单位须经所在市州科协审核）."""
    flat = unicodedata.normalize("NFKC", text or "")
    # Innermost brackets first, so nested instructions go as a whole.
    while True:
        stripped = _PARENTHETICAL.sub("", flat)
        if stripped == flat:
            break
        flat = stripped
    return not _BOILERPLATE.sub("", flat)


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"(\d+|[零一二两三四五六七八九十百]+)"


def cn_to_int(text: str) -> int | None:
    """"12" → 12, "十二" → 12, "二十" → 20, "三" → 3; None when not a number."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _max_number(patterns: tuple[str, ...], text: str) -> int | None:
    found = [cn_to_int(m.group(1)) for p in patterns for m in re.finditer(p, text)]
    numbers = [n for n in found if n is not None]
    return max(numbers) if numbers else None


def promised_experts(text: str) -> int | None:
    """The largest expert-team size the text states (组建15人专家团队, 专家团队10人以上)."""
    flat = re.sub(r"\s+", "", text)
    return _max_number((
        _NUM + r"(?:名|人|位)(?:以上)?(?:的)?(?:[^，。；,;\d]{0,6})?专家",
        r"专家(?:团队|组|队伍)?[^，。；,;\d]{0,8}?" + _NUM + r"(?:名|人|位)",
    ), flat)


def promised_count(text: str, channel: str) -> int | None:
    """The largest number of 线上/线下 activities the text states."""
    flat = re.sub(r"\s+", "", text)
    return _max_number((
        channel + r"[^，。；,;\d线]{0,12}?" + _NUM + r"(?:次|场|期)",
        _NUM + r"(?:次|场|期)(?:以上)?(?:的)?" + channel,
    ), flat)


def project_similarity(a: str, b: str, orgs: tuple[str, ...], ignore_words: tuple[str, ...]) -> float:
    """Similarity 0–100 of two project names after removing what does not tell content
    apart: years, unit names, quotes and brackets, and the guide's boilerplate words."""
    ca, cb = (_clean_project(x, orgs, ignore_words) for x in (a, b))
    if not ca or not cb:
        ca, cb = _clean_project(a, (), ()), _clean_project(b, (), ())
    return float(fuzz.ratio(ca, cb))


def _clean_project(name: str, orgs: tuple[str, ...], ignore_words: tuple[str, ...]) -> str:
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"[\"'“”‘’「」『』《》()（）\[\]【】·\s]", "", text)
    text = re.sub(r"(?:19|20)\d{2}(?:年度|年)?", "", text)
    for org in orgs:
        for variant in {org, unicodedata.normalize("NFKC", org)}:
            if variant:
                text = text.replace(variant, "")
    for word in ignore_words:
        text = text.replace(word, "")
    return text


def _quote(text: str) -> str:
    flat = re.sub(r"\s+", " ", text or "").strip()
    if not flat:
        return "空白"
    return "“" + (flat if len(flat) <= 40 else flat[:40] + "…") + "”"


def _past_text(past: FundedProject) -> str:
    return f"{past.year}年 {past.applicant_org}《{past.project_name}》（{past.category or '类别未记'}）"

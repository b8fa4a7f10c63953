"""Labelled pairs → the contract's fields: one 申报书 read from one file.

`doctext_to_form(doc)` is pure: it returns None when the document is not a 申报书 (an
expert list, a council resolution, a meeting plan…), otherwise an ExtractedForm whose
fields are what the form states, each with its evidence. A value the form does not state,
or states unreadably, is None — never a guess. Values kept but doubtful (OCR text, an
amount that disagrees with the budget, a cover page that disagrees with the table) are
listed in `low_confidence`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from shenbao.extractors.labels import Labels, load_labels
from shenbao.extractors.normalize import (
    clean_org_name,
    clean_person_name,
    clean_project_name,
    text_to_date,
    text_to_email,
    text_to_funding_wan,
    text_to_period,
    text_to_phone,
)
from shenbao.extractors.pairs import LabelledPair, rows_to_pairs, squeeze
from shenbao.record import DocText, Evidence, ExtractedForm, Fields, FormFacts

T = TypeVar("T")

# A document is taken for a form when at least this share of the core field groups is found.
FORM_THRESHOLD = 0.5
_CORE_GROUPS: tuple[tuple[str, ...], ...] = (
    ("project_name",), ("applicant_org", "lead_org"), ("leader_name",), ("funding", "total_funding"),
    ("period", "start_date", "end_date"), ("subcategory",),
)

CHOSEN_MARKS = "☑■√✓✔☒✅▣◼⊠"
UNCHOSEN_MARKS = "☐□◻❑❏⬜"
_PAREN_TICK_RE = re.compile(r"\(\s*[√✓✔☑■×✗x*]\s*\)")
_PAREN_EMPTY_RE = re.compile(r"\(\s*\)")
_QUOTES_RE = re.compile("[“”\"'‘’「」『』]")
_ORG_SPLIT_RE = re.compile(r"[、，,；;/\n]+|\s{2,}")
_ROLE_NOTE_RE = re.compile(r"[（(]\s*(牵头单位|牵头|参与单位|参与|合作单位)\s*[)）]")
_NOTHING = {"无", "/", "-", "—", "否", "不涉及", "空", "暂无"}


def _option_key(text: str) -> str:
    return _QUOTES_RE.sub("", squeeze(text))


def choose_option(text: str, options: dict[str, str] | list[str] | tuple[str, ...]) -> tuple[str | None, int]:
    """The option the text marks as chosen, and how many were marked.

    Reads a mark before the option (☑ ■ √ ✓ ✔ ☒), a tick in brackets after (or before) it
    ("学术交流（√）"), or — when the text carries no checkbox at all — the one option the
    text names ("科技创新服务能力建设项目—学会服务站建设"). Several chosen options give
    (None, n): the form is ambiguous."""
    keys = sorted(((_option_key(o), o) for o in options), key=lambda kv: -len(kv[0]))
    s = _option_key(text)
    chosen: list[str] = []

    def after(pos: int) -> str | None:
        rest = s[pos:].lstrip(CHOSEN_MARKS + UNCHOSEN_MARKS)
        return next((o for k, o in keys if rest.startswith(k)), None)

    for i, ch in enumerate(s):
        if ch in CHOSEN_MARKS and (option := after(i + 1)) is not None:
            chosen.append(option)
    for m in _PAREN_TICK_RE.finditer(s):
        before = next((o for k, o in keys if s[: m.start()].rstrip().endswith(k)), None)
        option = before if before is not None else after(m.end())
        if option is not None:
            chosen.append(option)
    unique = list(dict.fromkeys(chosen))
    if unique:
        return (unique[0], 1) if len(unique) == 1 else (None, len(unique))
    if any(ch in s for ch in UNCHOSEN_MARKS) or _PAREN_EMPTY_RE.search(s):
        return None, 0  # a printed checklist with nothing ticked
    named = [o for k, o in keys if k in s]
    # "企业(园区)科协" also contains no shorter option, but guard anyway: keep only names that
    # are not part of a longer named option.
    named = [o for o in named if not any(o != p and _option_key(o) in _option_key(p) for p in named)]
    if len(named) == 1:
        return named[0], 1
    return None, len(named)


def split_orgs(text: str) -> list[str]:
    """Unit names from a list such as "甲学会（牵头）、乙学会、丙学会", cleaned, in order."""
    out: list[str] = []
    for part in _ORG_SPLIT_RE.split(text or ""):
        name = clean_org_name(part)
        if name and name not in _NOTHING and len(name) >= 2:
            out.append(name)
    return out


class _Reader:
    """Picks each field's value from the pairs: the 基本情况 part first, the cover second."""

    def __init__(self, doc: DocText, pairs: list[LabelledPair], labels: Labels) -> None:
        self.doc = doc
        self.pairs = pairs
        self.labels = labels
        self.evidence: dict[str, Evidence] = {}
        self.low: list[str] = []
        self.notes: list[str] = []

    def of(self, *fields: str) -> list[LabelledPair]:
        body = [p for p in self.pairs if p.field in fields and p.section != "cover"]
        cover = [p for p in self.pairs if p.field in fields and p.section == "cover"]
        return body + cover

    def pick(self, name: str, fields: tuple[str, ...], parse: Callable[[LabelledPair], T | None]) -> T | None:
        """The first readable value among the pairs of `fields`; records evidence for `name`."""
        for pair in self.of(*fields):
            if not pair.value_text.strip():
                continue
            value = parse(pair)
            if value is None or value == "":
                continue
            self.note_evidence(name, pair)
            return value
        return None

    def note_evidence(self, name: str, pair: LabelledPair) -> None:
        text = f"{pair.raw_label}：{pair.value_text}".strip()
        self.evidence[name] = Evidence(file=self.doc.file, where=pair.where, text=text[:300],
                                       confidence=pair.confidence)
        if pair.confidence < 1.0 and name not in self.low:
            self.low.append(name)

    def cross_check(self, name: str, field: str, clean: Callable[[str], str], label_cn: str) -> None:
        """The cover page repeats some fields: a disagreement is noted and the value doubted."""
        body = next((clean(p.value_text) for p in self.pairs
                     if p.field == field and p.section != "cover" and clean(p.value_text)), "")
        cover = next((clean(p.value_text) for p in self.pairs
                      if p.field == field and p.section == "cover" and clean(p.value_text)), "")

        def key(s: str) -> str:
            return squeeze(s).replace("科学技术协会", "科协")

        if body and cover and key(body) != key(cover):
            self.notes.append(f"封面与基本情况表的{label_cn}不一致：封面为“{cover}”，表内为“{body}”，已采用表内")
            if name not in self.low:
                self.low.append(name)


def _unit_hint(label: str) -> str | None:
    s = squeeze(label)
    if "万元" in s or "(万)" in s:
        return "万元"
    if "(元)" in s or s.endswith("元"):
        return "元"
    return None


def _funding(pair: LabelledPair) -> float | None:
    return text_to_funding_wan(pair.value_text, _unit_hint(pair.raw_label))


def strip_boilerplate(text: str, labels: Labels) -> str:
    """An opinion box's text without the template's printed lines: a box holding only
    "（企业（园区）科协、其他单位须经所在市州科协审核）… 市州科协（盖章） 年 月 日" is ""."""
    phrases = sorted((squeeze(b) for b in labels.boilerplate), key=len, reverse=True)
    kept: list[str] = []
    for line in (text or "").split("\n"):
        rest = squeeze(line)
        for phrase in phrases:
            rest = rest.replace(phrase, "")
        if re.sub(r"[:：,，.。;；()（）\-_—]", "", rest):
            kept.append(line.strip())
    return "\n".join(kept).strip()


def _facts_and_joint(reader: _Reader, labels: Labels, applicant: str | None) -> tuple[FormFacts, str | None, str | None, tuple[str, ...]]:
    """FormFacts, plus (applicant_org, lead_org, partner_orgs) after reading joint units."""
    lead: str | None = None
    partners: list[str] = []
    unroled: list[str] = []
    lead_pair = next((p for p in reader.of("lead_org") if split_orgs(p.value_text)), None)
    if lead_pair is not None:
        lead = split_orgs(lead_pair.value_text)[0]
        reader.note_evidence("lead_org", lead_pair)
    for pair in reader.of("partner_orgs"):
        partners += split_orgs(pair.value_text)
        if split_orgs(pair.value_text) and "partner_orgs" not in reader.evidence:
            reader.note_evidence("partner_orgs", pair)
    for pair in reader.of("joint_orgs"):
        for part in _ORG_SPLIT_RE.split(pair.value_text):
            role = _ROLE_NOTE_RE.search(part)
            name = clean_org_name(_ROLE_NOTE_RE.sub("", part))
            if not name or name in _NOTHING or len(name) < 2:
                continue
            if role and "牵头" in role.group(1):
                lead = lead or name
            elif role:
                partners.append(name)
            else:
                unroled.append(name)
    said_joint = any(choose_option(p.value_text, ["是", "否"])[0] == "是" for p in reader.of("is_joint"))
    # 申报单位 listing several units ("甲学会、乙学会") is a joint application without roles.
    applicant_list = [o for o in split_orgs(applicant or "")] if applicant else []
    if len(applicant_list) > 1:
        applicant = applicant_list[0]
        unroled += applicant_list[1:]
    if lead is not None:
        applicant = lead
        partners += [o for o in unroled if o != lead]
    else:
        partners += [o for o in unroled if o != applicant]
    partners = [o for o in dict.fromkeys(partners) if o != lead]
    is_joint = bool(lead or partners or said_joint)

    budget_pair = next((p for p in reader.pairs if p.field == "budget_total" and _funding(p) is not None), None)
    budget = _funding(budget_pair) if budget_pair else None
    total_pair = next((p for p in reader.of("total_funding") if _funding(p) is not None), None)
    approval = next((t for p in reader.pairs if p.field == "approval"
                     if (t := strip_boilerplate(p.value_text, labels))), "")
    review = next((t for p in reader.pairs if p.field == "city_review"
                   if (t := strip_boilerplate(p.value_text, labels))), "")
    content = "\n".join(p.value_text for p in reader.pairs if p.field == "content" and p.value_text).strip()
    facts = FormFacts(
        approval_text=approval,
        city_review_text=review,
        is_joint=is_joint,
        budget_total_wan=budget,
        total_funding_wan=_funding(total_pair) if total_pair else None,
        content_text=content,
        seal=reader.doc.seal,
    )
    return facts, applicant, lead, tuple(partners)


def _applicant_type(reader: _Reader, labels: Labels, applicant: str | None) -> str | None:
    pairs = reader.of("applicant_type")
    options = list(labels.applicant_types) + list(labels.type_aliases)
    for pair in pairs:
        chosen, count = choose_option(pair.value_text, options)
        if chosen is not None:
            reader.note_evidence("applicant_type", pair)
            return labels.type_aliases.get(chosen, chosen)
        if count > 1:
            reader.notes.append(f"单位类型勾选了多项（{count}项），未采用：“{pair.value_text.strip()[:60]}”")
            return None
    if pairs or not applicant:
        return None  # the form has a type field but it is unreadable: never infer over it
    for rule in labels.type_rules:
        if any(p.search(applicant) for p in rule.patterns):
            reader.notes.append(f"表中无单位类型栏，按单位名称“{applicant}”判断为{rule.applicant_type}")
            return rule.applicant_type
    return None


def _subcategory(reader: _Reader, labels: Labels) -> str | None:
    for pair in reader.of("subcategory"):
        chosen, count = choose_option(pair.value_text, labels.items)
        if chosen is not None:
            reader.note_evidence("subcategory", pair)
            reader.note_evidence("category", pair)
            return chosen
        if count > 1:
            reader.notes.append(f"项目类别勾选了多项（{count}项），未采用")
            return None
    return None


def form_score(doc: DocText, labels: Labels | None = None) -> float:
    """How much the document looks like a 申报书, in [0, 1]: the share of core field groups
    (名称, 单位, 负责人, 经费, 起止时间, 类别) it has a value for, plus a little when its title
    says 申报书."""
    labels = labels or load_labels()
    return _score(doc, rows_to_pairs(doc, labels))


def _score(doc: DocText, pairs: list[LabelledPair]) -> float:
    found = {p.field for p in pairs if p.value_text.strip()}
    share = sum(1 for group in _CORE_GROUPS if found & set(group)) / len(_CORE_GROUPS)
    titled = any("申报书" in squeeze(c.text) for row in doc.rows[:12] for c in row.cells)
    return min(1.0, share + (0.1 if titled and share > 0 else 0.0))


def doctext_to_form(doc: DocText, labels: Labels | None = None) -> ExtractedForm | None:
    """The 申报书 in `doc`, or None when the document is not one (see module docstring)."""
    labels = labels or load_labels()
    pairs = rows_to_pairs(doc, labels)
    if _score(doc, pairs) < FORM_THRESHOLD:
        return None
    r = _Reader(doc, pairs, labels)

    project = r.pick("project_name", ("project_name",), lambda p: clean_project_name(p.value_text))
    r.cross_check("project_name", "project_name", clean_project_name, "项目名称")
    applicant = r.pick("applicant_org", ("applicant_org",), lambda p: clean_org_name(p.value_text.split("\n")[0]))
    facts, applicant, lead, partners = _facts_and_joint(r, labels, applicant)
    if lead is not None and "lead_org" in r.evidence:
        r.evidence["applicant_org"] = r.evidence["lead_org"]
    subcategory = _subcategory(r, labels)
    leader = r.pick("leader_name", ("leader_name",), lambda p: clean_person_name(p.value_text))
    r.cross_check("leader_name", "leader_name", clean_person_name, "项目负责人")

    funding = r.pick("funding_wan", ("funding",), _funding)
    if funding is not None and facts.budget_total_wan is not None and abs(funding - facts.budget_total_wan) > 1e-6:
        r.notes.append(f"申请经费{funding:g}万元与经费预算合计{facts.budget_total_wan:g}万元不一致")
        if "funding_wan" not in r.low:
            r.low.append("funding_wan")

    start = r.pick("start_date", ("period",), lambda p: text_to_period(p.value_text)[0])
    end = r.pick("end_date", ("period",), lambda p: text_to_period(p.value_text)[1])
    if start is None:
        start = r.pick("start_date", ("start_date",), lambda p: text_to_date(p.value_text))
    if end is None:
        end = r.pick("end_date", ("end_date",), lambda p: text_to_date(p.value_text))

    email = r.pick("contact_email", ("contact_email",), lambda p: text_to_email(p.value_text))
    if email is None:
        email = r.pick("contact_email", ("leader_email",), lambda p: text_to_email(p.value_text))

    fields = Fields(
        project_name=project,
        category=labels.items.get(subcategory) if subcategory else None,
        subcategory=subcategory,
        applicant_org=applicant,
        applicant_type=_applicant_type(r, labels, applicant),
        lead_org=lead,
        partner_orgs=partners,
        leader_name=leader,
        leader_phone=r.pick("leader_phone", ("leader_phone",), lambda p: text_to_phone(p.value_text)),
        contact_name=r.pick("contact_name", ("contact_name",), lambda p: clean_person_name(p.value_text)),
        contact_phone=r.pick("contact_phone", ("contact_phone",), lambda p: text_to_phone(p.value_text)),
        contact_email=email,
        funding_wan=funding,
        start_date=start,
        end_date=end,
    )
    return ExtractedForm(
        file=doc.file,
        sha256=doc.sha256,
        fields=fields,
        evidence=r.evidence,
        facts=facts,
        low_confidence=tuple(r.low),
        notes=tuple(r.notes) + tuple(doc.notes),
    )

"""Run every rule of a guide on one application, then decide.

Rules are data (the guide TOML); each kind is one function in `rules.REGISTRY`. The engine
runs all of them — no rule short-circuits another — and sorts the findings by severity.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from shenbao.record import Fields, Finding, FormFacts
from shenbao.validators.guide import RULE_KINDS, Guide
from shenbao.validators.history import FundedProject
from shenbao.validators.rules import READS, REGISTRY, Context, make_context

# A kind the guide can name but no function checks would silently pass every form.
if set(REGISTRY) != set(RULE_KINDS):  # pragma: no cover - a bug caught at import
    raise RuntimeError(f"rule registry and rule kinds differ: {sorted(set(REGISTRY) ^ set(RULE_KINDS))}")

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_application(fields: Fields, facts: FormFacts, received_at: datetime | None, guide: Guide,
                      history: list[FundedProject] | tuple[FundedProject, ...],
                      doubted: Mapping[str, str] | None = None) -> tuple[Finding, ...]:
    """All findings of `guide`'s rules on one application, errors first, then warnings,
    then notes; within one severity in the guide's rule order.

    `doubted` maps the fields whose read value is in doubt to their Chinese names: a finding of
    a rule that judges by one of them (`rules.READS`) is not stated as a fact but as a doubt
    (NEEDS_REVIEW), its conclusion kept in the message for when the value is confirmed.

    Pure: reads only its arguments. `received_at` is the server's receipt time (None for
    a paper-only row: nothing is judged late electronically)."""
    ctx = make_context(fields, facts, received_at, guide, history)
    findings: list[Finding] = []
    for rule in guide.rules:
        found = REGISTRY[rule.kind](rule, ctx)
        shaky = [(name, doubted[name]) for name in READS.get(rule.kind, ()) if doubted and name in doubted]
        if not shaky or not found or rule.kind not in ANY_WHEN_UNKNOWN:
            findings.extend(as_doubt(f, shaky) if shaky else f for f in found)
            continue
        # A finding that holds whatever the doubted values are (the approval box names no
        # type's body at all) is a fact: the rule run again with those values unknown says so.
        steady = {(f.code, f.field): f for f in REGISTRY[rule.kind](rule, _unknowing(ctx, shaky))}
        findings.extend(steady.get((f.code, f.field)) or as_doubt(f, shaky) for f in found)
    return tuple(sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]))


# Rules that judge an unknown value as "any value" (the approval box against every type's
# bodies), so that a finding they still make with the doubted values unknown holds whatever
# those values are. Rules for which an unknown value is itself a cause (no 参与单位 read) are not.
ANY_WHEN_UNKNOWN = frozenset({"approval"})


def _unknowing(ctx: Context, shaky: list[tuple[str, str]]) -> Context:
    """`ctx` with the doubted values unknown: fields emptied, and what they settle (the type,
    the guide's item) unsettled."""
    names = {name for name, _ in shaky}
    empty = {name: () if isinstance(getattr(ctx.fields, name), tuple) else None
             for name in names if name in Fields.model_fields}
    return replace(ctx, fields=ctx.fields.model_copy(update=empty),
                   applicant_type=None if names & {"applicant_type", "applicant_org"} else ctx.applicant_type,
                   item=None if "subcategory" in names else ctx.item)


def as_doubt(finding: Finding, shaky: list[tuple[str, str]]) -> Finding:
    """`finding` restated as a doubt: it rests on values (`shaky`: field, Chinese name) that
    are themselves in doubt; a finding naming no field names the first of them. On the forms
    measured, every such finding was wrong: the doubted value was."""
    names = "、".join(f"“{n}”" for n in dict.fromkeys(label for _, label in shaky))
    return finding.model_copy(update={
        "code": "NEEDS_REVIEW", "severity": "warning", "field": finding.field or shaky[0][0],
        "message": f"待核实：{finding.message}。此结论依据的{names}读取存疑，请先核对该值；值无误则结论成立"})

"""Run every rule of a guide on one application, then decide.

Rules are data (the guide TOML); each kind is one function in `rules.REGISTRY`. The engine
runs all of them — no rule short-circuits another — and sorts the findings by severity.
"""

from __future__ import annotations

from datetime import datetime

from shenbao.record import Fields, Finding, FormFacts
from shenbao.validators.guide import RULE_KINDS, Guide
from shenbao.validators.history import FundedProject
from shenbao.validators.rules import REGISTRY, make_context

# A kind the guide can name but no function checks would silently pass every form.
if set(REGISTRY) != set(RULE_KINDS):  # pragma: no cover - a bug caught at import
    raise RuntimeError(f"rule registry and rule kinds differ: {sorted(set(REGISTRY) ^ set(RULE_KINDS))}")

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def check_application(fields: Fields, facts: FormFacts, received_at: datetime | None, guide: Guide,
                      history: list[FundedProject] | tuple[FundedProject, ...]) -> tuple[Finding, ...]:
    """All findings of `guide`'s rules on one application, errors first, then warnings,
    then notes; within one severity in the guide's rule order.

    Pure: reads only its arguments. `received_at` is the server's receipt time (None for
    a paper-only row: nothing is judged late electronically)."""
    ctx = make_context(fields, facts, received_at, guide, history)
    findings: list[Finding] = []
    for rule in guide.rules:
        findings.extend(REGISTRY[rule.kind](rule, ctx))
    return tuple(sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity]))

"""What the guide demands, read from config/guide-2024.toml, and the findings a careful
clerk records for one application. Written from the guide's text, not from the
pipeline's validators, so that the truth does not inherit their mistakes."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from benchmarks.gencorpus.forms import App

GUIDE_PATH = Path(__file__).resolve().parents[2] / "config" / "guide-2024.toml"
REQUIRED = ("project_name", "subcategory", "applicant_org", "leader_name", "leader_phone", "contact_name",
            "contact_phone", "contact_email", "funding_wan", "start_date", "end_date")


@dataclass(frozen=True)
class Item:
    name: str
    category: str
    eligible_types: tuple[str, ...]
    designated: tuple[tuple[str, ...], ...]  # each: (name, *aliases)
    fmin: float
    fmax: float
    continuing: bool


@dataclass(frozen=True)
class Guide:
    electronic_deadline: datetime
    paper_deadline: date
    copies: int
    end_limit: date
    items: dict[str, Item]
    approval: dict[str, tuple[tuple[str, ...], bool]]  # type -> (keywords, needs city review)
    raw: dict[str, Any]


def load_guide(path: Path = GUIDE_PATH) -> Guide:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    items: dict[str, Item] = {}
    for it in raw["items"]:
        f = it["funding"]
        lo, hi = (f["fixed"], f["fixed"]) if "fixed" in f else (f["min"], f["max"])
        items[it["name"]] = Item(
            name=it["name"], category=it["category"], eligible_types=tuple(it.get("eligible_types", ())),
            designated=tuple((d["name"], *d.get("aliases", ())) for d in it.get("designated", ())),
            fmin=float(lo), fmax=float(hi), continuing=bool(it.get("continuing") or it.get("designated")))
    approval = {t: (tuple(a["keywords"]), bool(a["needs_city_review"])) for t, a in raw["approval"].items()}
    dl = raw["deadlines"]
    return Guide(electronic_deadline=dl["electronic"], paper_deadline=dl["paper"],
                 copies=int(raw["paper_copies_required"]), end_limit=raw["end_date_limit"], items=items,
                 approval=approval, raw=raw)


def form_findings(app: App, guide: Guide, repeat: bool) -> tuple[list[str], list[str]]:
    """(codes, tolerated) the form itself earns, independent of mail and paper.
    MISSING_FIELD codes come as "MISSING_FIELD:field"."""
    codes: list[str] = []
    tolerated: list[str] = []
    item = guide.items[app.subcategory]
    values = {"leader_phone": app.leader_phone, "contact_phone": app.contact_phone,
              "contact_email": app.contact_email}
    codes += [f"MISSING_FIELD:{k}" for k, v in values.items() if not v]
    keywords, needs_city = guide.approval[app.applicant_type]
    if not any(k in app.approval_text for k in keywords):
        codes.append("MISSING_APPROVAL")
    if needs_city and not app.city_review_text.strip():
        codes.append("MISSING_CITY_REVIEW")
    if item.designated:
        if not any(app.applicant_org in names for names in item.designated):
            codes.append("DESIGNATED_ITEM")
            tolerated += ["APPLICANT_NOT_ELIGIBLE", "REPEAT_FUNDED"]
    elif item.eligible_types and app.applicant_type not in item.eligible_types:
        codes.append("APPLICANT_NOT_ELIGIBLE")
    if not item.fmin <= app.funding_wan <= item.fmax:
        codes.append("FUNDING_OUT_OF_RANGE")
    if (app.end.year, app.end.month, app.end.day) > (guide.end_limit.year, guide.end_limit.month,
                                                      guide.end_limit.day):
        codes.append("END_DATE_TOO_LATE")
    if app.partners and not app.roles_stated:
        codes.append("JOINT_ROLES_MISSING")
    if repeat and item.continuing:
        tolerated.append("REPEAT_FUNDED")  # the guide exempts 连续支持项目和委托项目 (一、2)
    elif repeat:
        codes.append("REPEAT_FUNDED")
    return codes, tolerated

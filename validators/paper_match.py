"""Match the paper-receipt ledger to the emailed applications, explainably.

`match_receipts(apps, receipts, *, copies_required, paper_deadline, grace_days, overrides)`:

- Each (receipt, application) pair gets a weighted score of named parts (beets' `Distance` is
  the model): unit-name similarity, project-name similarity and date plausibility (the paper
  usually arrives within a few days before or a month after the email). A part that is missing
  on either side (a ledger row without a project name) is neutral: it is left out and the
  other weights are rescaled, never counted as zero. `Score.explain()` writes the breakdown.
- Superseded application versions take no paper: the paper copy belongs to the latest one.
- Staff decisions in the ledger's 备注 (see `shenbao.intake.ledger.parse_decisions`) come first:
  a confirmed pairing is applied whatever the score, a rejected pairing is never made.
- The rest is paired one-to-one across the whole set, maximising the summed score (an exact
  Hungarian assignment per connected group of candidates). A pairing is *strong* when its score
  reaches `strong` and the best assignment without it loses at least `margin`; otherwise it is
  *doubtful*: not applied, the receipt is held and the application gets NEEDS_REVIEW with the
  candidates and their breakdowns.
- Several parcels for one application (2 copies, then 1 more) add up: receipts of the same unit
  with the same specific title are paired as one; a receipt left over after the one-to-one pass
  joins an application that already has paper when it matches it strongly, with a similar
  project name.
- Receipts matching no application become paper-only rows (ELECTRONIC_MISSING), grouped when
  they are parcels of the same unit and project.
- Findings: PAPER_MISSING and PAPER_SHORT (errors only once the paper deadline plus grace has
  passed, warnings before), LATE_PAPER (postmark after the deadline; without a postmark, the
  received date after the deadline plus `grace_days`), NEEDS_REVIEW, ELECTRONIC_MISSING.

Pure: no I/O; the same inputs always give the same result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shenbao.intake.ledger import Decision, parse_decisions
from shenbao.record import Finding, PaperMatch, Receipt
from shenbao.validators.name_similarity import (
    org_match_key, org_name_similarity, org_similarity_bounds, project_key, project_name_similarity,
    project_to_item,
)


def paper_clause(copies_required: int) -> str:
    """Where the guide asks for paper copies, with the number of copies the guide file sets."""
    return f"申报指南 二、申报程序 第4条（纸质版一式{copies_required}份，同时提交电子版）"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PaperApp(_Frozen):
    """What matching needs to know of one emailed application (one register candidate)."""

    key: str
    register_id: str | None = None
    applicant_org: str | None = None
    project_name: str | None = None
    received_at: date | datetime | None = None  # the server's receipt time of the email
    subcategory: str | None = None  # the guide's item named by the form, when read
    superseded: bool = False
    superseded_by: str | None = None  # key of the later version, when known


class PaperOnly(_Frozen):
    """Receipts with no emailed application: one future register row (electronic: false)."""

    receipts: tuple[Receipt, ...]
    paper: PaperMatch
    findings: tuple[Finding, ...]


class PaperResult(_Frozen):
    """`matches` and `findings` hold every application key given (empty when nothing applies);
    `pending` lists receipts held back because their pairing is doubtful (see NEEDS_REVIEW)."""

    matches: dict[str, PaperMatch]
    findings: dict[str, tuple[Finding, ...]]
    paper_only: tuple[PaperOnly, ...]
    pending: tuple[str, ...] = ()


class Thresholds(_Frozen):
    """Weights and thresholds of the match score: the one definition of each and of its default.

    The settings file's [paper_matching] table may set any of them (shenbao.settings embeds this
    model; config/shenbao.example.toml documents every key with its default)."""

    # Weights are relative: a pair's total is divided by the weights of the parts it has. The
    # unit and project weights must be above 0, since a pair may have only one of those parts.
    org_weight: float = Field(0.6, gt=0)
    project_weight: float = Field(0.3, gt=0)
    date_weight: float = Field(0.1, ge=0)
    # A pairing at or above `strong` may be applied without a person, but with no project name
    # to compare the unit name must reach `org_alone`, and a project name scoring below
    # `project_min` contradicts it.
    strong: float = Field(0.85, ge=0, le=1)
    org_alone: float = Field(0.95, ge=0, le=1)
    project_min: float = Field(0.75, ge=0, le=1)
    review: float = Field(0.6, ge=0, le=1)  # below this a pairing is not even a candidate
    margin: float = Field(0.08, ge=0, le=1)  # how much the best assignment must lose without the pairing
    # Parcels: receipts of one unit whose project names reach `join_project` are one application's;
    # a leftover receipt joins an application that already has paper when it scores `join` and its
    # project name reaches `join_project`.
    join: float = Field(0.9, ge=0, le=1)
    join_project: float = Field(0.9, ge=0, le=1)
    # The receipt may be logged `days_before` the email or `days_after` it; beyond that window the
    # date part falls to 0 over `fade_days`.
    days_before: int = Field(3, ge=0, le=365)
    days_after: int = Field(30, ge=0, le=365)
    fade_days: int = Field(30, ge=1, le=365)

    @model_validator(mode="after")
    def _review_below_strong(self) -> Thresholds:
        if self.review > self.strong:
            raise ValueError(f"review（{self.review:g}）不能大于 strong（{self.strong:g}）："
                             "低于 review 的不算候选，达到 strong 的才直接配对")
        return self

    def best_total(self, org: float) -> float:
        """The highest total a pair whose unit names score `org` can reach (any part missing)."""
        wo, wp, wd = self.org_weight, self.project_weight, self.date_weight
        return max((wo * org + wp + wd) / (wo + wp + wd), (wo * org + wd) / (wo + wd),
                   (wo * org + wp) / (wo + wp), 1.0 * org)


@dataclass(frozen=True)
class Score:
    """One pairing's named parts (None = missing, left out) and the weighted total."""

    org: float | None
    project: float | None
    date: float | None
    total: float
    weights: tuple[float, float, float]  # (unit, project, date), from the Thresholds used
    note: str = ""  # why a part was left out or set, in Chinese

    def explain(self) -> str:
        """Chinese breakdown, e.g. "单位名称 0.96×0.6 + 项目名称 0.88×0.3 + 日期 1.00×0.1 = 0.93"."""
        names = ("单位名称", "项目名称", "日期")
        parts, missing, used = [], [], 0.0
        for name, value, weight in zip(names, (self.org, self.project, self.date), self.weights, strict=True):
            if value is None:
                missing.append(name)
            else:
                parts.append(f"{name} {value:.2f}×{weight:g}")
                used += weight
        text = " + ".join(parts)
        # `note` explains a project part that was set aside; other missing parts are named.
        unexplained = [n for n in missing if not (self.note and n == "项目名称")]
        extras = ([self.note] if self.note else []) + (
            [f"{'、'.join(unexplained)}缺失，不计"] if unexplained else [])
        suffix = f"（{'；'.join(extras)}）" if extras else ""
        if missing:
            return f"({text}) ÷ {used:g} = {self.total:.2f}{suffix}"
        return f"{text} = {self.total:.2f}{suffix}"

    def strong_enough(self, t: Thresholds) -> bool:
        """May this pairing be applied without a person (before the regret check)?"""
        if self.total < t.strong:
            return False
        if self.project is None:
            return (self.org or 0.0) >= t.org_alone
        return self.project >= t.project_min


def score_pair(receipt: Receipt, app: PaperApp, thresholds: Thresholds = Thresholds()) -> Score | None:
    """The score of pairing `receipt` with `app`, or None when there is nothing to compare
    (neither a unit name nor a project name on both sides)."""
    org = org_name_similarity(receipt.applicant_org, app.applicant_org)
    project = project_name_similarity(receipt.project_name, app.project_name)
    note = ""
    item = project_to_item(receipt.project_name)
    if item is not None and project_key(receipt.project_name) != project_key(app.project_name):
        # The clerk wrote the item name (学术交流项目), not the title: it says nothing about
        # which project, only which kind; it can only contradict the form's item.
        if app.subcategory and project_to_item(app.subcategory) not in (None, item):
            project, note = 0.0, f"登记簿写的类别（{item}）与申报书类别（{app.subcategory}）不同"
        else:
            project, note = None, f"登记簿只写了类别名（{item}），项目名称不计"
    if org is None and project is None:
        return None
    when = _date_plausibility(receipt, app, thresholds)
    weights = (thresholds.org_weight, thresholds.project_weight, thresholds.date_weight)
    pairs = [(v, w) for v, w in zip((org, project, when), weights, strict=True) if v is not None]
    total = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
    return Score(org=org, project=project, date=when, total=round(total, 4), weights=weights,
                 note=note)


def _date_plausibility(receipt: Receipt, app: PaperApp, t: Thresholds) -> float | None:
    logged = receipt.received_on or receipt.postmarked_on
    if logged is None or app.received_at is None:
        return None
    emailed = app.received_at.date() if isinstance(app.received_at, datetime) else app.received_at
    days = (logged - emailed).days
    if -t.days_before <= days <= t.days_after:
        return 1.0
    outside = (-t.days_before - days) if days < 0 else (days - t.days_after)
    return round(max(0.0, 1.0 - outside / t.fade_days), 4)


# --------------------------------------------------------------------------- matching

def match_receipts(
    apps: Sequence[PaperApp],
    receipts: Sequence[Receipt],
    *,
    copies_required: int,  # the guide's paper_copies_required
    paper_deadline: date | None = None,
    grace_days: int = 0,
    overrides: Mapping[str, Decision] | None = None,
    thresholds: Thresholds = Thresholds(),
    electronic_deadline: date | datetime | None = None,
    today: date | None = None,
) -> PaperResult:
    """Pair receipts with applications and write the paper findings; see the module docstring.

    `overrides` maps receipt_id → staff decision; None means "read them from the receipts'
    notes" (`parse_decisions`). `today` decides whether a deadline has passed (default: today)."""
    decisions = parse_decisions(list(receipts)) if overrides is None else dict(overrides)
    active = [a for a in sorted(apps, key=lambda a: a.key) if not a.superseded]
    ordered = sorted(receipts, key=lambda r: (r.received_on or date.max, r.receipt_id))

    book = _Book()
    pool = _apply_decisions(ordered, decisions, apps, book)
    # Parcels of one application (same unit, same specific title) are paired together, so
    # that a second parcel never competes with the first for the same application.
    units = _parcels(pool, thresholds)
    edges = _candidate_edges(units, active, decisions, thresholds)
    open_apps = {j for j, a in enumerate(active) if a.key not in book.held}
    assigned, doubtful = _assign(
        {k: s.total for k, s in edges.items() if k[1] in open_apps},
        {k for k, s in edges.items() if s.strong_enough(thresholds)}, thresholds.margin)
    for i, j in assigned:
        unit, score = units[i], edges[(i, j)]
        parcels = f"（分{len(unit)}次寄到，合计{sum(r.copies for r in unit)}份）" if len(unit) > 1 else ""
        book.add(active[j].key, unit, f"{_ids(unit)}{parcels}：{score.explain()}", score.total)
    # A receipt that competes for an application in doubt is held for review with it.
    in_doubt = {j for _, j in doubtful}
    held_back = {i for i, _ in doubtful} | {i for (i, j) in edges if j in in_doubt}
    taken = {i for i, _ in assigned} | held_back
    leftovers = [(i, unit) for i, unit in enumerate(units) if i not in taken]
    _join_leftovers(leftovers, edges, active, book, thresholds)

    rules = _Rules(copies_required, paper_deadline, grace_days, electronic_deadline,
                   today or date.today())
    review_for = _review_messages(units, active, edges, doubtful)
    matches: dict[str, PaperMatch] = {}
    findings: dict[str, tuple[Finding, ...]] = {}
    for app in sorted(apps, key=lambda a: a.key):
        got = book.held.get(app.key, [])
        if app.superseded or not got:
            matches[app.key] = PaperMatch()
            if app.superseded:
                findings[app.key] = ()
            elif app.key in review_for:
                findings[app.key] = (review_for[app.key],)
            else:
                findings[app.key] = (rules.missing(),)
            continue
        matches[app.key] = _paper_block(got, book.scores.get(app.key), "；".join(book.how[app.key]))
        findings[app.key] = rules.for_paper(got)
    return PaperResult(
        matches=matches, findings=findings,
        paper_only=tuple(_paper_only_rows(book.alone, rules, thresholds)),
        pending=tuple(sorted(r.receipt_id for i in held_back - {i for i, _ in assigned}
                             for r in units[i])))


@dataclass
class _Book:
    """What one `match_receipts` call has decided so far (private, never shared)."""

    held: dict[str, list[Receipt]] = field(default_factory=dict)  # app key → receipts applied
    how: dict[str, list[str]] = field(default_factory=dict)  # app key → explanation per pairing
    scores: dict[str, float] = field(default_factory=dict)  # app key → score of its first pairing
    alone: list[tuple[Receipt, str | None]] = field(default_factory=list)  # paper-only (+ review note)

    def add(self, key: str, unit: Sequence[Receipt], explanation: str, score: float | None) -> None:
        self.held.setdefault(key, []).extend(unit)
        self.how.setdefault(key, []).append(explanation)
        if score is not None:
            self.scores.setdefault(key, score)


def _apply_decisions(ordered: Sequence[Receipt], decisions: Mapping[str, Decision],
                     apps: Sequence[PaperApp], book: _Book) -> list[Receipt]:
    """Apply confirmed pairings and paper-only statements; return the receipts left to match."""
    pool: list[Receipt] = []
    for receipt in ordered:
        decision = decisions.get(receipt.receipt_id)
        if decision is not None and decision.confirmed:
            target = _resolve(decision.confirmed, apps)
            if target is None:
                book.alone.append((receipt, f"备注写明“对应 {decision.confirmed}”，"
                                            "但登记册中没有该编号的电子申报，请核对编号"))
            else:
                book.add(target.key, [receipt], f"{receipt.receipt_id}：工作人员在备注中确认对应", None)
        elif decision is not None and decision.paper_only:
            book.alone.append((receipt, None))
        else:
            pool.append(receipt)
    return pool


def _candidate_edges(units: Sequence[Sequence[Receipt]], active: Sequence[PaperApp],
                     decisions: Mapping[str, Decision], t: Thresholds) -> dict[tuple[int, int], Score]:
    """(unit index, app index) → score, for pairs reaching `t.review` that staff did not reject."""
    def allowed(unit: Sequence[Receipt], app: PaperApp) -> bool:
        refs = {app.key} | ({app.register_id} if app.register_id else set())
        return not any(r.receipt_id in decisions and decisions[r.receipt_id].rejected & refs
                       for r in unit)

    edges: dict[tuple[int, int], Score] = {}
    bounds = org_similarity_bounds([u[0].applicant_org for u in units],
                                   [a.applicant_org or "" for a in active])
    for i, unit in enumerate(units):
        for j, app in enumerate(active):
            bound = bounds[i][j]
            if bound is not None and t.best_total(bound) < t.review:
                continue  # even perfect project and date agreement could not make it a candidate
            if not allowed(unit, app):
                continue
            score = score_pair(unit[0], app, t)
            if score is not None and score.total >= t.review:
                edges[(i, j)] = score
    return edges


def _join_leftovers(leftovers: Sequence[tuple[int, Sequence[Receipt]]],
                    edges: Mapping[tuple[int, int], Score], active: Sequence[PaperApp],
                    book: _Book, t: Thresholds) -> None:
    """Second parcels: a leftover unit joins an application that already holds paper when it
    matches it strongly, with a similar project name, and clearly better than any other;
    otherwise it is paper-only (flagged for review when it looks like a second parcel)."""
    for i, unit in leftovers:
        candidates = sorted(((s.total, j) for (ri, j), s in edges.items()
                             if ri == i and active[j].key in book.held), reverse=True)
        if candidates:
            best, j = candidates[0]
            score = edges[(i, j)]
            runner = candidates[1][0] if len(candidates) > 1 else 0.0
            if (best >= t.join and score.project is not None and score.project >= t.join_project
                    and best - runner >= t.margin):
                book.add(active[j].key, unit, f"{_ids(unit)}（补寄）：{score.explain()}", None)
                continue
            if best >= t.strong:
                ref = active[j].register_id or active[j].key
                book.alone.extend((r, f"可能是 {ref} 已登记纸质版的补寄件（{score.explain()}），"
                                      f"请核对后在备注栏写“对应 {ref}”或“非 {ref}”") for r in unit)
                continue
        book.alone.extend((r, None) for r in unit)


def _resolve(ref: str, apps: Sequence[PaperApp]) -> PaperApp | None:
    """The application a staff decision names (register number or key), following a
    superseded version to its latest one when that is known."""
    by_ref = {a.key: a for a in apps} | {a.register_id: a for a in apps if a.register_id}
    app = by_ref.get(ref)
    seen: set[str] = set()
    while app is not None and app.superseded and app.superseded_by and app.key not in seen:
        seen.add(app.key)
        app = by_ref.get(app.superseded_by, app)
    return app


def _assign(edges: Mapping[tuple[int, int], float], strong: set[tuple[int, int]],
            margin: float) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Optimal one-to-one pairs, split into strong and doubtful ones.

    Solved per connected group of candidate pairs (they are small). A pair's regret is how much
    the group's best total drops when that pair is forbidden."""
    groups = _components(edges)
    strong_pairs: list[tuple[int, int]] = []
    doubtful: list[tuple[int, int]] = []
    for group in groups:
        best_pairs, best_total = _solve(group)
        for pair in best_pairs:
            without = {k: v for k, v in group.items() if k != pair}
            _, total_without = _solve(without)
            regret = best_total - total_without
            (strong_pairs if pair in strong and regret >= margin - 1e-9 else doubtful).append(pair)
    return sorted(strong_pairs), sorted(doubtful)


def _components(edges: Mapping[tuple[int, int], float]) -> list[dict[tuple[int, int], float]]:
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("r", i))] = find(("a", j))
    groups: dict[tuple[str, int], dict[tuple[int, int], float]] = defaultdict(dict)
    for (i, j), value in sorted(edges.items()):
        groups[find(("r", i))][(i, j)] = value
    return list(groups.values())


def _solve(group: Mapping[tuple[int, int], float]) -> tuple[list[tuple[int, int]], float]:
    rows = sorted({i for i, _ in group})
    cols = sorted({j for _, j in group})
    if not rows:
        return [], 0.0
    profit = [[group.get((i, j), 0.0) for j in cols] for i in rows]
    pairs = [(rows[a], cols[b]) for a, b in max_weight_assignment(profit)]
    return pairs, sum(group[p] for p in pairs)


def _ids(unit: Sequence[Receipt]) -> str:
    return "、".join(r.receipt_id for r in unit)


def _same_parcel(a: Receipt, b: Receipt, t: Thresholds) -> bool:
    """Two receipts are parcels of one application: the same unit and a specific (not
    item-name) project title at least `join_project` similar."""
    similar = project_name_similarity(a.project_name, b.project_name)
    return (similar is not None and similar >= t.join_project
            and project_to_item(a.project_name) is None and project_to_item(b.project_name) is None
            and org_match_key(a.applicant_org) == org_match_key(b.applicant_org))


def _parcels(pool: Sequence[Receipt], t: Thresholds) -> list[list[Receipt]]:
    """Group the receipts into parcels of one application each (see `_same_parcel`);
    order is kept, the earliest receipt first."""
    units: list[list[Receipt]] = []
    for receipt in pool:
        for unit in units:
            if _same_parcel(receipt, unit[0], t):
                unit.append(receipt)
                break
        else:
            units.append([receipt])
    return units


def _review_messages(units: Sequence[Sequence[Receipt]], active: Sequence[PaperApp],
                     edges: Mapping[tuple[int, int], Score],
                     doubtful: Sequence[tuple[int, int]]) -> dict[str, Finding]:
    """NEEDS_REVIEW for every application touched by a doubtful pairing, listing all its
    candidate receipts with their breakdowns."""
    doubtful_receipts = {i for i, _ in doubtful}
    apps_in_doubt = {j for _, j in doubtful} | {
        j for (i, j) in edges if i in doubtful_receipts}
    out: dict[str, Finding] = {}
    for j in sorted(apps_in_doubt):
        app = active[j]
        ref = app.register_id or app.key
        candidates = sorted(((s.total, i) for (i, jj), s in edges.items() if jj == j), reverse=True)[:3]
        listed = "；".join(
            f"{_ids(units[i])}（{units[i][0].applicant_org or '未写单位'}，"
            f"{units[i][0].project_name or '未写项目名称'}，收件{_iso(units[i][0].received_on)}，"
            f"{sum(r.copies for r in units[i])}份）{edges[(i, j)].explain()}"
            for _, i in candidates)
        out[app.key] = Finding(
            code="NEEDS_REVIEW", severity="warning",
            message=(f"纸质件对应关系不确定，请核对后在纸质件登记簿该行备注栏写“对应 {ref}”确认，"
                     f"或写“非 {ref}”排除。候选：{listed}"),
            evidence="纸质件登记簿")
    return out


def _paper_block(got: Sequence[Receipt], score: float | None, explanation: str) -> PaperMatch:
    postmarks = [r.postmarked_on for r in got if r.postmarked_on]
    received = [r.received_on for r in got if r.received_on]
    return PaperMatch(
        copies=sum(r.copies for r in got),
        receipt_ids=tuple(r.receipt_id for r in got),
        received_on=min(received) if received else None,
        postmarked_on=min(postmarks) if postmarks else None,
        score=score,
        explanation=explanation,
    )


def _paper_only_rows(alone: Sequence[tuple[Receipt, str | None]], rules: _Rules,
                     t: Thresholds) -> list[PaperOnly]:
    """Group paper-only receipts that are parcels of one application (receipts flagged for
    review stay alone), then write each group's block and findings."""
    groups: list[tuple[list[Receipt], list[str]]] = []
    for receipt, note in alone:
        for members, notes in groups:
            if note is None and not notes and _same_parcel(receipt, members[0], t):
                members.append(receipt)
                break
        else:
            groups.append(([receipt], [note] if note else []))
    rows = []
    for members, notes in groups:
        findings = [rules.electronic_missing(members), *rules.for_paper(members)]
        findings += [Finding(code="NEEDS_REVIEW", severity="warning", message=n,
                             evidence=_evidence(members)) for n in notes]
        rows.append(PaperOnly(receipts=tuple(members),
                              paper=_paper_block(members, None, ""), findings=tuple(findings)))
    return rows


@dataclass(frozen=True)
class _Rules:
    """The paper findings, given the deadlines and the day the check runs."""

    copies_required: int
    paper_deadline: date | None
    grace_days: int
    electronic_deadline: date | datetime | None
    today: date

    @property
    def clause(self) -> str:
        return paper_clause(self.copies_required)

    def _paper_closed(self) -> bool:
        return (self.paper_deadline is not None
                and self.today > self.paper_deadline + timedelta(days=self.grace_days))

    def missing(self) -> Finding:
        closed = self._paper_closed()
        when = f"，纸质版截止日期{_iso(self.paper_deadline)}已过" if closed else ""
        return Finding(code="PAPER_MISSING", severity="error" if closed else "warning",
                       message=f"纸质件登记簿中没有找到本申报的纸质版（应寄送一式{self.copies_required}份）{when}",
                       clause=self.clause)

    def electronic_missing(self, got: Sequence[Receipt]) -> Finding:
        deadline = self.electronic_deadline
        if isinstance(deadline, datetime):
            deadline = deadline.date()
        closed = (deadline is not None and self.today > deadline) or self._paper_closed()
        ids = "、".join(r.receipt_id for r in got)
        return Finding(code="ELECTRONIC_MISSING", severity="error" if closed else "warning",
                       message=f"收到纸质版（登记号{ids}），但没有找到对应的电子版邮件",
                       clause=self.clause, evidence=_evidence(got))

    def for_paper(self, got: Sequence[Receipt]) -> tuple[Finding, ...]:
        out: list[Finding] = []
        copies = sum(r.copies for r in got)
        if copies < self.copies_required:
            ids = "、".join(r.receipt_id for r in got)
            out.append(Finding(
                code="PAPER_SHORT", severity="error" if self._paper_closed() else "warning",
                message=f"纸质版共登记{copies}份（登记号{ids}），指南要求一式{self.copies_required}份",
                clause=self.clause, evidence=_evidence(got)))
        if self.paper_deadline is not None:
            late = [self._late_reason(r) for r in got]
            reasons = [x for x in late if x]
            if reasons:
                out.append(Finding(code="LATE_PAPER", severity="error",
                                   message="；".join(reasons), clause=self.clause, evidence=_evidence(got)))
        return tuple(out)

    def _late_reason(self, receipt: Receipt) -> str | None:
        assert self.paper_deadline is not None
        deadline = _iso(self.paper_deadline)
        if receipt.postmarked_on is not None:
            if receipt.postmarked_on > self.paper_deadline:
                return (f"纸质版（登记号{receipt.receipt_id}）邮戳日期{_iso(receipt.postmarked_on)}"
                        f"晚于截止日期{deadline}")
            return None
        limit = self.paper_deadline + timedelta(days=self.grace_days)
        if receipt.received_on is not None and receipt.received_on > limit:
            grace = f"（含{self.grace_days}天邮寄宽限）" if self.grace_days else ""
            return (f"纸质版（登记号{receipt.receipt_id}）无邮戳，收件日期{_iso(receipt.received_on)}"
                    f"晚于截止日期{deadline}{grace}")
        return None


def _evidence(got: Sequence[Receipt]) -> str:
    return "；".join(f"纸质件登记簿 {r.sheet} 第{r.row_number}行（{r.receipt_id}）" for r in got)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "未填"


# --------------------------------------------------------------------------- assignment

_INF = float("inf")


def max_weight_assignment(profit: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Pairs (row, column) maximising the summed profit, each row and column used at most once.

    `profit[i][j]` must be >= 0; a pair with profit 0 counts as "not paired" and is never
    returned. Rows and columns may differ in number; ties resolve deterministically by index.
    The Hungarian method with potentials, O(n²·m) for n = min(rows, columns); scipy is not a
    dependency and the groups solved here are small.
    """
    rows = len(profit)
    cols = len(profit[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    transposed = rows > cols
    matrix = [list(r) for r in profit]
    if transposed:
        matrix = [[matrix[i][j] for i in range(rows)] for j in range(cols)]
        rows, cols = cols, rows
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j] = row (1-based) assigned to column j, 0 = none
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        owner[0] = i
        j0 = 0
        minv = [_INF] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            delta, j1 = _INF, 0
            for j in range(1, cols + 1):
                if used[j]:
                    continue
                cur = -matrix[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while True:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = [(owner[j] - 1, j - 1) for j in range(1, cols + 1)
             if owner[j] and matrix[owner[j] - 1][j - 1] > 0]
    return sorted((j, i) for i, j in pairs) if transposed else sorted(pairs)

"""Match the paper-receipt ledger to the emailed applications, explainably.

`match_receipts(apps, receipts, *, copies_required, paper_deadline, grace_days, overrides)`:

- Each (receipt, application) pair gets a weighted score of named parts (beets' `Distance` is
  the model): unit-name similarity, project-name similarity and date plausibility (the paper
  usually arrives within a few days before or a month after the email). A part that is missing
  on either side (a ledger row without a project name) is neutral: it is left out and the
  other weights are rescaled, never counted as zero. `Score.words()` says it in words for
  everyone (单位名称相同，项目名称缺失，日期相符); `Score.explain()` writes the figures, which travel
  after `FIGURES_MARK` in `PaperMatch.explanation` and in a paper NEEDS_REVIEW finding's
  `evidence` (`join_figures` / `split_figures`), so that the register shows them on the 纸质件
  sheet only.
- The unit part compares every unit a ledger row lists (`A、B、C`, `A/B`, `A与B联合`: see
  `ledger_units`) with the application's applicant, lead and partner units; the best pair counts
  (a single unit found only among the partners counts `partner` times less).
- An identical specific project name (normalised, not a bare item name, at least
  `same_project_chars` long) is strong evidence on its own: the total is raised to
  `same_project` unless the unit names clearly disagree (below `same_project_org_min`).
- Superseded application versions take no paper: the paper copy belongs to the latest one.
- Staff decisions in the ledger's 备注 (see `shenbao.intake.ledger.parse_decisions`) come first:
  a confirmed pairing is applied whatever the score, a rejected pairing is never made.
- The rest is paired one-to-one across the whole set, maximising the summed score (an exact
  Hungarian assignment per connected group of candidates). A pairing is *strong* when its score
  reaches `strong` and the best assignment without it loses at least `margin`; otherwise it is
  *doubtful*: not applied, the receipt is held and the application gets NEEDS_REVIEW with the
  candidates and their breakdowns.
- Several parcels for one application (2 copies, then 1 more) add up: receipts of the same unit
  with the same specific title are paired as one, and so are receipts of a unit with a single
  application that name no specific title, until the required copies are reached (a complete
  set is not topped up by another: that is a second application). A receipt left over after the
  one-to-one pass joins an application that already has paper when it matches it strongly, with
  a similar project name.
- Dates split applications of one unit: when receipts that name no specific title compete for
  several applications, the pairing whose dates are closest is taken if every other pairing is at
  least `split_days` further apart in total; otherwise it stays doubtful.
- Receipts matching no application become paper-only rows (ELECTRONIC_MISSING), grouped when
  they are parcels of the same unit and project. But while an emailed submission whose form could
  not be read (`UnreadMail`: NO_FORM, UNREADABLE_FILE, a message that could not be downloaded)
  plausibly carries the receipt (its unit or project named in the subject, sender name, file
  names or body; a message nothing is known of, by date alone), the row gets NEEDS_REVIEW naming
  that email instead of ELECTRONIC_MISSING.
- Findings: PAPER_MISSING and PAPER_SHORT (errors only once the paper deadline plus grace has
  passed, warnings before), LATE_PAPER (postmark after the deadline; without a postmark, the
  received date after the deadline plus `grace_days`), NEEDS_REVIEW, ELECTRONIC_MISSING.

Pure: no I/O; the same inputs always give the same result.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, model_validator
from rapidfuzz import fuzz

from shenbao.intake.ledger import Decision, parse_decisions
from shenbao.record import Finding, PaperMatch, Receipt, Submission
from shenbao.validators.assignment import max_weight_assignment, solve
from shenbao.validators.name_similarity import (
    org_match_key, org_name_similarity, org_similarity_bounds, project_key, project_name_similarity,
    project_similarity_bounds, project_to_item,
)
from shenbao.validators.org_names import normalise_org


def paper_clause(copies_required: int) -> str:
    """Where the guide asks for paper copies, with the number of copies the guide file sets."""
    return f"申报指南 二、申报程序 第4条（纸质版一式{copies_required}份，同时提交电子版）"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UnreadMail(_Frozen):
    """An emailed submission whose form could not be read (NO_FORM, UNREADABLE_FILE, a message
    that could not be downloaded): what is known of it, to tell whether a paper receipt may be its."""

    key: str
    register_id: str | None = None
    received_at: date | datetime | None = None
    subject: str = ""
    sender: str = ""
    sender_name: str = ""
    file_names: tuple[str, ...] = ()
    body: str = ""  # a snippet of the mail body, when the caller has one
    # What could not be read (Chinese, said in the findings): the whole form, or, for a form
    # read without its project and unit (a poor scan), those two.
    unread: str = "申报书未能读取"

    @property
    def ref(self) -> str:
        return self.register_id or self.key

    def known_text(self) -> str:
        """Everything written on the message that may name the unit or the project."""
        stems = (re.sub(r"\.[A-Za-z0-9]{1,5}$", "", n) for n in self.file_names)
        return " ".join([self.subject, self.sender_name, *stems, self.body])


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
    lead_org: str | None = None  # joint applications: the 牵头单位 …
    partner_orgs: tuple[str, ...] = ()  # … and the 参与单位 (a ledger row may name any of them)
    # The unit's name as read is doubted (cut short, misread): it cannot tell an identical
    # title's ledger row for another unit's.
    org_doubted: bool = False
    # The project name as read is doubted (cut, misread): a ledger title unlike it may still be its.
    project_doubted: bool = False
    # The one project the email names (subject, body, file names: 申报的“…”项目) when the form's
    # name was not read: the ledger's title is compared with it, and the breakdown says so.
    mail_project: str | None = None
    # A form read without its project and unit (both missing or doubted): what its email says,
    # to be offered the receipts left over as an unread email is (see `UnreadMail`).
    mail: UnreadMail | None = None


def unread_mail_of(sub: Submission, register_id: str | None = None, unread: str = "申报书未能读取") -> UnreadMail:
    """What matching may use of a submission without a readable form (or whose form gave no
    project and no unit: `unread` says which). A message that could not be downloaded carries
    empty mail facts: nothing is known of it but its time."""
    facts = sub.mail
    return UnreadMail(key=sub.key, register_id=register_id, received_at=sub.message.internaldate, unread=unread,
                      subject=facts.subject if facts is not None else sub.subject,
                      sender=facts.sender if facts is not None else sub.sender,
                      sender_name=facts.sender_name if facts is not None else "",
                      file_names=tuple(f.name for f in sub.files),
                      body=facts.body_snippet if facts is not None else "")


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
    # Receipts given to an unread email (key as in `unread`): the one email that names their unit
    # or project, claimed by no other receipt; its match and its findings (NEEDS_REVIEW first).
    unread_matches: dict[str, PaperMatch] = {}
    unread_findings: dict[str, tuple[Finding, ...]] = {}


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
    # An identical project name of at least `same_project_chars` characters (normalised, not a bare
    # item name) raises the total to `same_project`, unless the unit names score below
    # `same_project_org_min` (two units may give a project the same plain title).
    same_project: float = Field(0.9, ge=0, le=1)
    same_project_chars: int = Field(6, ge=1, le=100)
    same_project_org_min: float = Field(0.45, ge=0, le=1)
    # The project part, at most, when both titles hold figures and not the same ones (（2期）
    # against （4期）): one unit's projects often differ in a figure alone (_figures_differ).
    figures_differ: float = Field(0.5, ge=0, le=1)
    # A single ledger unit found only among the application's partner units scores this much
    # of its similarity (a row listing several units counts any of them in full).
    partner: float = Field(0.9, ge=0, le=1)
    # Receipts naming no specific title that compete for applications of one unit go by date when
    # every other pairing is at least this many days further from its email in total.
    split_days: int = Field(7, ge=1, le=365)
    # Two specific titles alike below this are two projects: where the unit has several
    # applications or receipts, such a pairing is no candidate (a lone one still is, in doubt).
    other_title: float = Field(0.4, ge=0, le=1)
    # An unread email (no readable form) may carry a paper-only receipt when the receipt's unit is
    # found in its subject, sender name, file names or body at least `unread_org` similar, or
    # its project name at least `unread_project` similar (and the email names no other unit, or
    # one at least `same_project_org_min` like the receipt's).
    unread_org: float = Field(0.9, ge=0, le=1)
    unread_project: float = Field(0.9, ge=0, le=1)

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


# The figures of the pairings a text is about follow this mark: what comes before it is for
# every reader (the 问题 column, replies, packets), the figures are for the 纸质件 sheet.
FIGURES_MARK = "\n【得分】"


def join_figures(words: str, figures: Sequence[str]) -> str:
    """`words`, then the non-empty `figures` after FIGURES_MARK (just `words` when there are none)."""
    shown = [f for f in figures if f]
    return words + FIGURES_MARK + "；".join(shown) if shown else words


def split_figures(text: str) -> tuple[str, str]:
    """(words, figures) of a text made by `join_figures`; figures is "" when it has none."""
    words, _, figures = text.partition(FIGURES_MARK)
    return words, figures


@dataclass(frozen=True)
class Score:
    """One pairing's named parts (None = missing, left out) and the weighted total."""

    org: float | None
    project: float | None
    date: float | None
    total: float
    weights: tuple[float, float, float]  # (unit, project, date), from the Thresholds used
    note: str = ""  # why a part was left out or set, in Chinese
    org_note: str = ""  # which listed unit or partner the unit part compared, in Chinese
    raised_from: float | None = None  # the weighted sum, when identical project names raised it
    org_scale: float | None = None  # the partner factor the unit part was multiplied by, if any
    org_short: bool = False  # the ledger writes the unit in a short form of the form's name
    # The ledger names a specific title that the form, its project name unread, cannot confirm:
    # the unit alone then cannot say which of its projects the parcel is (never strong).
    title_unchecked: bool = False

    def words(self, t: Thresholds) -> str:
        """The pairing in words, e.g. "单位名称相近（简称），项目名称相同，日期相符".

        The unit name is 相同 from `org_alone` (enough to pair on its own), 相近 from
        `same_project_org_min` (below it two units clearly differ), else 不同, judged before the
        partner factor; the project name is 相同 when identical once normalised, 相近 from
        `project_min` (below it a project name contradicts a pairing), else 不同; the date 相符
        inside the `days_before`/`days_after` window, 相差较多 beyond it, 不符 past `fade_days`
        more. A part a side lacks is 缺失; the notes say which unit was compared and why a
        project name was set aside."""
        if self.org is None:
            org = "单位名称缺失"
        else:
            alike = self.org / self.org_scale if self.org_scale else self.org
            level = "相同" if alike >= t.org_alone else "相近" if alike >= t.same_project_org_min else "不同"
            notes = (["简称"] if self.org_short else []) + ([self.org_note] if self.org_note else [])
            org = f"单位名称{level}" + (f"（{'；'.join(notes)}）" if notes else "")
        if self.note:
            project = self.note
        elif self.project is None:
            project = "项目名称缺失"
        else:
            project = "项目名称" + ("相同" if self.project >= 1.0 else "相近" if self.project >= t.project_min else "不同")
        if self.date is None:
            when = "日期缺失"
        else:
            when = "日期" + ("相符" if self.date >= 1.0 else "相差较多" if self.date > 0 else "不符")
        return "，".join((org, project, when))

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
        org_note = self.org_note + (f"，乘以 {self.org_scale:g}" if self.org_scale else "")
        extras = ([org_note] if org_note else []) + ([self.note] if self.note else []) + (
            [f"{'、'.join(unexplained)}缺失，不计"] if unexplained else [])
        total = f"{self.total:.2f}"
        if self.raised_from is not None:
            total = f"{self.raised_from:.2f}，项目名称完全相同，提高到 {self.total:.2f}"
        suffix = f"（{'；'.join(extras)}）" if extras else ""
        if missing:
            return f"({text}) ÷ {used:g} = {total}{suffix}"
        return f"{text} = {total}{suffix}"

    def strong_enough(self, t: Thresholds) -> bool:
        """May this pairing be applied without a person (before the regret check)?"""
        if self.total < t.strong:
            return False
        if self.project is None:
            return (self.org or 0.0) >= t.org_alone and not self.title_unchecked
        return self.project >= t.project_min


def score_pair(receipt: Receipt, app: PaperApp, thresholds: Thresholds = Thresholds()) -> Score | None:
    """The score of pairing `receipt` with `app`, or None when there is nothing to compare
    (neither a unit name nor a project name on both sides)."""
    org, org_note, org_scale, org_short = _org_part(receipt, app, thresholds)
    app_project = _without_note_number(app.project_name, receipt.project_name)
    note = "" if app_project == app.project_name else "申报书项目名称末尾的数字按脚注标号不计"
    if not project_key(app.project_name) and app.mail_project:
        app_project, note = app.mail_project, f"申报书的项目名称未读出，按邮件所写的“{app.mail_project}”计"
    project = project_name_similarity(receipt.project_name, app_project)
    if project is not None and project > thresholds.figures_differ \
            and _figures_differ(receipt.project_name, app_project):
        project, note = thresholds.figures_differ, "登记簿与申报书的项目名称中的数字不同"
    item = project_to_item(receipt.project_name)
    if item is not None and project_key(receipt.project_name) != project_key(app_project):
        # The clerk wrote the item name (学术交流项目), not the title: it says nothing about
        # which project, only which kind; it can only contradict the form's item.
        if app.subcategory and project_to_item(app.subcategory) not in (None, item):
            project, note = 0.0, f"登记簿写的类别（{item}）与申报书类别（{app.subcategory}）不同"
        else:
            project, note = None, f"登记簿只写了类别名（{item}），项目名称不计"
    if org is None and project is None:
        return None
    title_unchecked = project is None and not note and not project_key(app_project) \
        and _specific_title(receipt.project_name, thresholds)
    if title_unchecked:
        note = "申报书的项目名称未读出，登记簿的项目名称无法核对"
    when = _date_plausibility(receipt, app, thresholds)
    weights = (thresholds.org_weight, thresholds.project_weight, thresholds.date_weight)
    pairs = [(v, w) for v, w in zip((org, project, when), weights, strict=True) if v is not None]
    total = round(sum(v * w for v, w in pairs) / sum(w for _, w in pairs), 4)
    raised_from = None
    if (project == 1.0 and _specific_title(receipt.project_name, thresholds)
            and project_key(receipt.project_name) == project_key(app_project)
            and (org is None or app.org_doubted or org >= thresholds.same_project_org_min)
            and total < thresholds.same_project):
        raised_from, total = total, thresholds.same_project
    return Score(org=org, project=project, date=when, total=total, weights=weights,
                 note=note, org_note=org_note, raised_from=raised_from, org_scale=org_scale, org_short=org_short,
                 title_unchecked=title_unchecked)


# A footnote's number printed after a form's project name (…学术论坛1: a raised 脚注 mark the
# PDF print or OCR kept as a digit).
# Only 1, the name's own note: 讲座2 against the ledger's 讲座 may be the second of a series.
_NOTE_NUMBER_RE = re.compile(r"(?<=[\u4e00-\u9fff」』”）)])\s?[1¹]$")


def _without_note_number(name: str | None, ledger: str | None) -> str | None:
    """The form's project name without a number at its end that the ledger's title, otherwise
    the same, does not have: the ledger confirms it was a mark, not part of the name."""
    if not name or not ledger or (m := _NOTE_NUMBER_RE.search(name.rstrip())) is None:
        return name
    bare = name.rstrip()[:m.start()]
    return bare if project_key(bare) == project_key(ledger) else name


def _specific_title(name: str | None, t: Thresholds) -> bool:
    """A project name that says which project, not only which kind (学术交流项目), and is long
    enough not to be shared by chance (学术年会)."""
    return len(project_key(name)) >= t.same_project_chars and project_to_item(name) is None


# Separators of a list of units typed in one ledger cell; 与/和/及/同 are also parts of single
# names (湖南省岩石力学与工程学会, 中医药和中西医结合学会), so they split a cell only when every
# piece ends like a unit name.
_LIST_SEPARATORS = "、,，;；/／+＋|｜"
_CONJUNCTIONS = "与和及同暨"
_JOINT_SUFFIX = re.compile(r"(?:联合申报|共同申报|联合|共同|等单位|等)$")
_UNIT_ENDING = re.compile(
    r"(?:学会|协会|研究会|联合会|促进会|科协|大学|学院|学校|研究院|研究所|中心|公司|集团|医院|委员会|"
    r"园区|开发区|高新区|基地)(?:\([^()]*\))?$")


@lru_cache(maxsize=8192)
def ledger_units(text: str | None) -> tuple[str, ...]:
    """The units a ledger cell names: `A、B、C`, `A/B`, `A与B`, `A和B联合` give (A, B, …);
    a single name (even one containing 与 or 和) gives itself. Brackets are never split."""
    cell = unicodedata.normalize("NFKC", text or "").strip()
    if not cell:
        return ()
    parts = [_JOINT_SUFFIX.sub("", p.strip()) for p in _split_outside_brackets(cell, _LIST_SEPARATORS)]
    units: list[str] = []
    for part in (p for p in parts if p):
        pieces = [_JOINT_SUFFIX.sub("", x.strip()) for x in _split_outside_brackets(part, _CONJUNCTIONS)]
        if len(pieces) > 1 and all(len(x) >= 3 and _UNIT_ENDING.search(normalise_org(x)) for x in pieces):
            units.extend(pieces)
        else:
            units.append(part)
    return tuple(units) if len(units) > 1 else (units[0] if units else cell,)


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    out, depth, start = [], 0, 0
    for index, ch in enumerate(text):
        if ch in "(（【[〔":
            depth += 1
        elif ch in ")）】]〕":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            out.append(text[start:index])
            start = index + 1
    out.append(text[start:])
    return out


def _app_units(app: PaperApp) -> tuple[tuple[str, bool], ...]:
    """(unit name, is a partner) for every unit the application names."""
    own = [n for n in (app.applicant_org, app.lead_org) if n]
    return (*((n, False) for n in dict.fromkeys(own)), *((n, True) for n in app.partner_orgs if n))


class _OrgPart(NamedTuple):
    value: float | None
    note: str  # which pair it was, when that is not plain (Chinese)
    scale: float | None  # the partner factor `value` was multiplied by
    short: bool  # the ledger's unit is a short form of the form's (its characters in order)


def _org_part(receipt: Receipt, app: PaperApp, t: Thresholds) -> _OrgPart:
    """The unit part: the best similarity between a unit the receipt lists and a unit the
    application names, with a note saying which pair it was when that is not plain."""
    listed = ledger_units(receipt.applicant_org)
    best: tuple[float, str, str, bool] | None = None
    for unit in listed:
        for name, partner in _app_units(app):
            value = org_name_similarity(unit, name)
            if value is None:
                continue
            if partner and len(listed) == 1:
                value = round(value * t.partner, 4)
            if best is None or value > best[0]:
                best = (value, unit, name, partner)
    if best is None:
        return _OrgPart(None, "", None, False)
    value, unit, name, partner = best
    notes = []
    if len(listed) > 1:
        notes.append(f"登记簿列出{len(listed)}个单位（{'、'.join(listed)}），按其中“{unit}”计")
    if partner:
        notes.append(f"对应申报书的参与单位“{name}”")
    elif app.applicant_org and name != app.applicant_org:
        notes.append(f"对应申报书的牵头单位“{name}”")
    return _OrgPart(value, "，".join(notes), t.partner if partner and len(listed) == 1 else None,
                    _short_form(unit, name))


def _short_form(ledger_unit: str, form_unit: str) -> bool:
    """True when the ledger's unit is a shorter way of writing the form's: its reduced name's
    characters all appear, in order, in the form's (省植保学会 for 湖南省植物保护学会)."""
    short, full = org_match_key(ledger_unit), org_match_key(form_unit)
    if not short or len(short) >= len(full):
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


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
    unread: Sequence[UnreadMail] = (),
) -> PaperResult:
    """Pair receipts with applications and write the paper findings; see the module docstring.

    `overrides` maps receipt_id → staff decision; None means "read them from the receipts'
    notes" (`parse_decisions`). `today` decides whether a deadline has passed (default: today).
    `unread`: the emailed submissions whose form could not be read (see `UnreadMail`)."""
    decisions = parse_decisions(list(receipts)) if overrides is None else dict(overrides)
    active = [a for a in sorted(apps, key=lambda a: a.key) if not a.superseded]
    ordered = sorted(receipts, key=lambda r: (r.received_on or date.max, r.receipt_id))

    book = _Book()
    pool = _apply_decisions(ordered, decisions, apps, book, unread)
    # Parcels of one application (same unit, same specific title) are paired together, so
    # that a second parcel never competes with the first for the same application.
    units = _parcels(pool, thresholds, active, copies_required)
    edges = _candidate_edges(units, active, decisions, thresholds)
    open_apps = {j for j, a in enumerate(active) if a.key not in book.held}
    assigned, doubtful, by_date = _assign(
        {k: s.total for k, s in edges.items() if k[1] in open_apps},
        {k for k, s in edges.items() if s.strong_enough(thresholds)}, thresholds.margin,
        _untitled_gaps(units, active, edges), thresholds.split_days, floor=thresholds.review - _BELOW_REVIEW)
    for i, j in assigned:
        unit, score = units[i], edges[(i, j)]
        parcels = f"（分{len(unit)}次寄到，合计{sum(r.copies for r in unit)}份）" if len(unit) > 1 else ""
        dated = (f"；同一单位的几份纸质件都没写具体项目名称，按与邮件日期最接近的配法配对"
                 f"（其他配法日期总共至少多差{thresholds.split_days}天）") if (i, j) in by_date else ""
        book.add(active[j].key, unit, f"{_ids(unit)}{parcels}：{score.words(thresholds)}{dated}", score.total,
                 f"{_ids(unit)}：{score.explain()}")
    # A receipt that competes for an application in doubt is held for review with it.
    in_doubt = {j for _, j in doubtful}
    held_back = {i for i, _ in doubtful} | {i for (i, j) in edges if j in in_doubt}
    taken = {i for i, _ in assigned} | held_back
    leftovers = [(i, unit) for i, unit in enumerate(units) if i not in taken]
    _join_leftovers(leftovers, edges, active, book, thresholds)

    rules = _Rules(copies_required, paper_deadline, grace_days, electronic_deadline,
                   today or date.today())
    review_for = _review_messages(units, active, edges, doubtful, thresholds)
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
        how = book.how[app.key]
        matches[app.key] = _paper_block(got, book.scores.get(app.key),
                                        join_figures("；".join(w for w, _ in how), [f for _, f in how]))
        findings[app.key] = rules.for_paper(got)
    # Forms read without project and unit, still without paper, are offered the leftovers as
    # unread emails are: their email's subject and file names may name the receipt's unit.
    stand_ins = {a.key: a.mail for a in active if a.mail is not None and a.key not in book.held}
    paper_only, attached, candidate_of = _paper_only_rows(book.alone, rules, thresholds,
                                                          [*unread, *stand_ins.values()], book.declared, decisions)
    for key in sorted(set(attached) & set(stand_ins)):
        members, why = attached.pop(key)
        matches[key] = _paper_block(members, None, f"{_ids(members)}：{why}")
        findings[key] = (_given_to_unread(members, why, stand_ins[key]), *rules.for_paper(members))
    for key in sorted(set(candidate_of) & set(stand_ins)):
        # A receipt that may be this form's: its paper is in doubt, not missing.
        findings[key] = (*(f for f in findings[key] if f.code != "PAPER_MISSING"), *candidate_of.pop(key))
    mails = {mail.key: mail for mail in unread}
    unread_matches: dict[str, PaperMatch] = {}
    unread_findings: dict[str, tuple[Finding, ...]] = {}
    for key in sorted(set(attached) | set(book.unread_held)):
        confirmed = book.unread_held.get(key, [])
        members, why = attached.get(key, ([], ""))
        words = [f"{_ids(confirmed)}：工作人员在备注中确认对应"] if confirmed else []
        words += [f"{_ids(members)}：{why}"] if members else []
        unread_matches[key] = _paper_block([*confirmed, *members], None, "；".join(words))
        unread_findings[key] = ((_given_to_unread(members, why, mails[key]),) if members else ()) \
            + rules.for_paper([*confirmed, *members])
    for key, candidate in sorted(candidate_of.items()):
        unread_findings[key] = unread_findings.get(key, ()) + tuple(candidate)
    return PaperResult(
        matches=matches, findings=findings, paper_only=tuple(paper_only),
        unread_matches=unread_matches, unread_findings=unread_findings,
        pending=tuple(sorted(r.receipt_id for i in held_back - {i for i, _ in assigned}
                             for r in units[i])))


@dataclass
class _Book:
    """What one `match_receipts` call has decided so far (private, never shared)."""

    held: dict[str, list[Receipt]] = field(default_factory=dict)  # app key → receipts applied
    how: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # app key → (words, figures) per pairing
    scores: dict[str, float] = field(default_factory=dict)  # app key → score of its first pairing
    alone: list[tuple[Receipt, str | None]] = field(default_factory=list)  # paper-only (+ review note)
    declared: set[str] = field(default_factory=set)  # receipts staff marked 无电子版
    unread_held: dict[str, list[Receipt]] = field(default_factory=dict)  # unread email key → receipts staff gave it

    def add(self, key: str, unit: Sequence[Receipt], words: str, score: float | None, figures: str = "") -> None:
        self.held.setdefault(key, []).extend(unit)
        self.how.setdefault(key, []).append((words, figures))
        if score is not None:
            self.scores.setdefault(key, score)


def _apply_decisions(ordered: Sequence[Receipt], decisions: Mapping[str, Decision],
                     apps: Sequence[PaperApp], book: _Book, unread: Sequence[UnreadMail] = ()) -> list[Receipt]:
    """Apply confirmed pairings and paper-only statements; return the receipts left to match.
    A pairing confirmed with an unread email (对应 2024-0044 for a NO_FORM row) goes to it."""
    unread_by_ref = {m.key: m for m in unread} | {m.register_id: m for m in unread if m.register_id}
    pool: list[Receipt] = []
    for receipt in ordered:
        decision = decisions.get(receipt.receipt_id)
        if decision is not None and decision.confirmed:
            target = _resolve(decision.confirmed, apps)
            if target is None and decision.confirmed in unread_by_ref:
                book.unread_held.setdefault(unread_by_ref[decision.confirmed].key, []).append(receipt)
            elif target is None:
                book.alone.append((receipt, f"备注写明“对应 {decision.confirmed}”，"
                                            "但登记册中没有该编号的电子申报，请核对编号"))
            else:
                book.add(target.key, [receipt], f"{receipt.receipt_id}：工作人员在备注中确认对应", None)
        elif decision is not None and decision.paper_only:
            book.alone.append((receipt, None))
            book.declared.add(receipt.receipt_id)
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
    for i, j in _candidate_pairs(units, active, t):
        unit, app = units[i], active[j]
        if not allowed(unit, app):
            continue
        score = score_pair(unit[0], app, t)
        if score is not None and score.total >= t.review:
            edges[(i, j)] = score
    return _without_other_titles(edges, units, active, t)


def _without_other_titles(edges: dict[tuple[int, int], Score], units: Sequence[Sequence[Receipt]],
                          active: Sequence[PaperApp], t: Thresholds) -> dict[tuple[int, int], Score]:
    """`edges` without the pairings of a receipt naming another project than the application
    (`_other_title`) where the application or the receipt has another candidate: a busy unit's
    receipt for one project is the paper of its other application, or of one whose email is
    missing, and offering it to each would put them all in doubt. A lone such pairing stays:
    the one receipt and the one application of a unit may still be one, under two titles."""
    per_unit = Counter(i for i, _ in edges)
    per_app = Counter(j for _, j in edges)
    return {(i, j): score for (i, j), score in edges.items()
            if not (_other_title(units[i][0], active[j], score, t) and (per_unit[i] > 1 or per_app[j] > 1))}


def _other_title(receipt: Receipt, app: PaperApp, score: Score, t: Thresholds) -> bool:
    """Whether the receipt names another project than the application: both titles specific,
    the form's read without doubt, and alike below `other_title`."""
    return (score.project is not None and score.project < t.other_title and not app.project_doubted
            and _specific_title(receipt.project_name, t) and _specific_title(app.project_name, t))


# Every part of a score is rounded to 4 decimals and so is the total: a pair whose bound falls
# short of `review` by less than this may still reach it.
_ROUNDING = 2e-4


def _candidate_pairs(units: Sequence[Sequence[Receipt]], active: Sequence[PaperApp],
                     t: Thresholds) -> list[tuple[int, int]]:
    """The (unit, application) pairs worth scoring, in order: those whose upper bound of the
    total reaches `t.review`. The bounds are computed for all pairs at once (a call of 500
    applications has 200,000 pairs and a few thousand candidates): the unit names, the project
    names (the item-name rule of `score_pair` applied as it is), and whether both dates are
    known; then only the pairs still in question have the project part that searches a short
    name inside a long title computed, and the bounds again."""
    if not units or not active:
        return []
    org = _org_bounds(units, active)
    first = [u[0] for u in units]
    app_keys = [project_key(a.project_name) for a in active]
    titles = [project_key(r.project_name) if _specific_title(r.project_name, t) else "" for r in first]
    same_title = np.zeros(org.shape, dtype=bool)
    by_key: dict[str, list[int]] = {}
    for j, key in enumerate(app_keys):
        by_key.setdefault(key, []).append(j)
    for i, title in enumerate(titles):
        if title:
            same_title[i, by_key.get(title, [])] = True
    known = ~np.isnan(org)
    unit_alike = np.where(known, org, 0.0)
    doubted = np.array([a.org_doubted for a in active], dtype=bool)[None, :]
    # Even perfect project and date agreement could not make these a candidate.
    hopeless = known & (_best_totals(unit_alike, t) < t.review) & ~(
        same_title & ((unit_alike >= t.same_project_org_min) | doubted))
    dated = (np.array([(r.received_on or r.postmarked_on) is not None for r in first])[:, None]
             & np.array([a.received_at is not None for a in active])[None, :])
    receipt_names = [r.project_name for r in first]
    app_names = [a.project_name for a in active]
    project = _item_rule(project_similarity_bounds(receipt_names, app_names), first, active, app_keys)
    wanted = ~hopeless & (_total_bounds(org, project, dated, same_title & ~doubted, t, same_title & doubted)
                          >= t.review - _ROUNDING)
    project = _item_rule(project_similarity_bounds(receipt_names, app_names, exact=wanted), first, active, app_keys)
    wanted &= _total_bounds(org, project, dated, same_title & ~doubted, t, same_title & doubted) >= t.review - _ROUNDING
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(wanted))]


def _best_totals(org: NDArray[np.float64], t: Thresholds) -> NDArray[np.float64]:
    """`Thresholds.best_total` of every value, with the same arithmetic in the same order."""
    wo, wp, wd = t.org_weight, t.project_weight, t.date_weight
    return np.maximum.reduce([(wo * org + wp + wd) / (wo + wp + wd), (wo * org + wd) / (wo + wd),
                              (wo * org + wp) / (wo + wp), 1.0 * org])


def _item_rule(project: NDArray[np.float64], receipts: Sequence[Receipt], active: Sequence[PaperApp],
               app_keys: Sequence[str]) -> NDArray[np.float64]:
    """The project part as `score_pair` sets it for a receipt naming only an item (学术交流项目):
    0 where the form's item differs, missing (NaN) elsewhere, unless the names are the same."""
    app_items = [project_to_item(a.subcategory) if a.subcategory else None for a in active]
    out = project.copy()
    for i, r in enumerate(receipts):
        item = project_to_item(r.project_name)
        if item is None:
            continue
        key = project_key(r.project_name)
        for j, app_item in enumerate(app_items):
            if key != app_keys[j]:
                out[i, j] = 0.0 if app_item not in (None, item) else np.nan
    return out


def _total_bounds(org: NDArray[np.float64], project: NDArray[np.float64], dated: NDArray[np.bool_],
                  same_title: NDArray[np.bool_], t: Thresholds,
                  same_title_unit_doubted: NDArray[np.bool_] | None = None) -> NDArray[np.float64]:
    """An upper bound of `score_pair`'s total from bounds of its parts (NaN: the part is
    missing, left out as score_pair leaves it out; the date part at its best where both dates
    are known); pairs with neither a unit nor a project part get -1 (score_pair gives None).
    `same_title_unit_doubted`: identical titles raised whatever the unit (PaperApp.org_doubted)."""
    has_org, has_project = ~np.isnan(org), ~np.isnan(project)
    total = (t.org_weight * np.where(has_org, org, 0.0) + t.project_weight * np.where(has_project, project, 0.0)
             + t.date_weight * dated)
    weights = t.org_weight * has_org + t.project_weight * has_project + t.date_weight * dated
    total = np.divide(total, weights, out=np.zeros_like(total), where=weights > 0)
    # Identical specific titles raise the total (score_pair), unless the units clearly differ.
    raised = same_title & (~has_org | (np.where(has_org, org, 0.0) >= t.same_project_org_min))
    if same_title_unit_doubted is not None:
        raised |= same_title_unit_doubted
    total = np.where(raised, np.maximum(total, t.same_project), total)
    return np.where(has_org | has_project, total, -1.0)


def _org_bounds(units: Sequence[Sequence[Receipt]], active: Sequence[PaperApp]) -> NDArray[np.float64]:
    """Per (unit, application), an upper bound of the unit part (NaN where a side has no
    unit): the best bound over every unit the receipt lists and every unit the form names."""
    listed = [ledger_units(u[0].applicant_org) or ("",) for u in units]
    named = [tuple(n for n, _ in _app_units(a)) or ("",) for a in active]
    flat = org_similarity_bounds([n for names in listed for n in names], [n for names in named for n in names])
    # The best of each block of names; fmax skips NaN unless the whole block is NaN.
    row_starts = np.cumsum([0] + [len(names) for names in listed[:-1]])
    col_starts = np.cumsum([0] + [len(names) for names in named[:-1]])
    return np.fmax.reduceat(np.fmax.reduceat(flat, row_starts, axis=0), col_starts, axis=1)


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
                book.add(active[j].key, unit, f"{_ids(unit)}（补寄）：{score.words(t)}", None,
                         f"{_ids(unit)}（补寄）：{score.explain()}")
                continue
            if best >= t.strong:
                ref = active[j].register_id or active[j].key
                note = join_figures(f"可能是 {ref} 已登记纸质版的补寄件（{score.words(t)}），"
                                    f"请核对后在备注栏写“对应 {ref}”或“非 {ref}”", [f"{ref}：{score.explain()}"])
                book.alone.extend((r, note) for r in unit)
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


# Profits are scores less a floor just under `review`, so that every candidate still counts.
_BELOW_REVIEW = 0.01


def _assign(edges: Mapping[tuple[int, int], float], strong: set[tuple[int, int]], margin: float,
            gaps: Mapping[tuple[int, int], int] | None = None, split_days: int = 1, floor: float = 0.0,
            ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[tuple[int, int]]]:
    """Optimal one-to-one pairs, split into strong and doubtful ones, and the strong pairs that
    the dates decided.

    Solved per connected group of candidate pairs (most are 1×1 or 2×2, but units with similar
    names can join a few hundred). A pair's regret is how much the group's best total drops when
    that pair is forbidden (`assignment.Assignment.regret`: one shortest path, not a new solve). A group whose pairs are all strong
    and all in `gaps` (receipts naming no specific title, days between receipt and email known)
    is paired by closest dates instead when that settles it (`_date_split`).

    A pair's profit is its score less `floor` (just under the candidate threshold): summed raw
    scores would prefer two weak pairs (0.70 + 0.74) to one certain pair (1.00) whose
    application and receipt each have a weak alternative; above the floor they do not (0.10 +
    0.14 < 0.40), while any candidate still beats no pair."""
    groups = _components(edges)
    strong_pairs: list[tuple[int, int]] = []
    doubtful: list[tuple[int, int]] = []
    by_date: set[tuple[int, int]] = set()
    for group in groups:
        rows = sorted({i for i, _ in group})
        cols = sorted({j for _, j in group})
        at_row = {i: n for n, i in enumerate(rows)}
        at_col = {j: n for n, j in enumerate(cols)}
        profit = np.zeros((len(rows), len(cols)))
        for (i, j), value in group.items():
            profit[at_row[i], at_col[j]] = max(value - floor, 0.0)
        best = solve(profit)
        sure: list[tuple[int, int]] = []
        unsure: list[tuple[int, int]] = []
        for a, b in best.pairs:
            pair = (rows[a], cols[b])
            # A weak pair is doubtful whatever its regret; a strong one is sure when the best
            # total without it is at least `margin` lower. (Regrets are sums of scores rounded
            # to 4 decimals: the 1e-9 only absorbs rounding in their last bits.)
            if pair in strong and best.regret((a, b), enough=margin) >= margin - 1e-9:
                sure.append(pair)
            else:
                unsure.append(pair)
        if unsure and gaps is not None and all(k in strong and k in gaps for k in group):
            settled = _date_split(group, gaps, split_days)
            if settled is not None:
                sure, unsure = settled, []
                by_date.update(settled)
        strong_pairs.extend(sure)
        doubtful.extend(unsure)
    return sorted(strong_pairs), sorted(doubtful), by_date


def _date_split(group: Mapping[tuple[int, int], float], gaps: Mapping[tuple[int, int], int],
                split_days: int) -> list[tuple[int, int]] | None:
    """The pairing of the group with the fewest days between receipts and emails (as many pairs
    as possible), when forbidding any of its pairs costs at least `split_days` more days or a
    pair; None when the dates do not settle it."""
    # Pairs first, then days: a profit far above any day count.
    big = 1 + sum(gaps[k] for k in group)
    profit = {k: float(big - gaps[k]) for k in group}
    chosen, _ = _solve(profit)
    days = sum(gaps[k] for k in chosen)
    for pair in chosen:
        other, _ = _solve({k: v for k, v in profit.items() if k != pair})
        if len(other) == len(chosen) and sum(gaps[k] for k in other) - days < split_days:
            return None
    return chosen


def _untitled_gaps(units: Sequence[Sequence[Receipt]], active: Sequence[PaperApp],
                   edges: Mapping[tuple[int, int], Score]) -> dict[tuple[int, int], int]:
    """Days between receipt and email, for candidate pairs whose project part is left out (the
    receipt names no title or only an item) and both dates are known: what may split them by date."""
    out: dict[tuple[int, int], int] = {}
    for (i, j), score in edges.items():
        logged = units[i][0].received_on or units[i][0].postmarked_on
        emailed = active[j].received_at
        if score.project is not None or logged is None or emailed is None:
            continue
        day = emailed.date() if isinstance(emailed, datetime) else emailed
        out[(i, j)] = abs((logged - day).days)
    return out


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
    item-name) project title at least `join_project` similar, whose figures agree."""
    if org_match_key(a.applicant_org) != org_match_key(b.applicant_org):
        return False  # checked first: the cheapest, and most pairs fail it
    similar = project_name_similarity(a.project_name, b.project_name)
    return (similar is not None and similar >= t.join_project and not _figures_differ(a.project_name, b.project_name)
            and project_to_item(a.project_name) is None and project_to_item(b.project_name) is None)


_FIGURES_RE = re.compile(r"\d+")


def _figures_differ(a: str | None, b: str | None) -> bool:
    """Whether two titles both hold figures and not the same ones: one unit's projects often
    differ in a figure alone (…联盟建设（2期） and （4期）, 第12届 and 第13届 学术年会), and two
    such receipts joined as one parcel gave one application both sets (6 copies, no finding:
    call500, 2024-0413). A figure left out on one side (2024年 typed or not) decides nothing."""
    x = sorted(_FIGURES_RE.findall(unicodedata.normalize("NFKC", a or "")))
    y = sorted(_FIGURES_RE.findall(unicodedata.normalize("NFKC", b or "")))
    return bool(x) and bool(y) and x != y


def _parcels(pool: Sequence[Receipt], t: Thresholds, active: Sequence[PaperApp] = (),
             copies_required: int = 0) -> list[list[Receipt]]:
    """Group the receipts into parcels of one application each (see `_same_parcel` and
    `_untitled_parcel`); order is kept, the earliest receipt first."""
    units: list[list[Receipt]] = []
    # Both ways of joining a unit need the same unit name (org_match_key): only those units
    # are tried, in the order they were made.
    by_org: dict[str, list[list[Receipt]]] = {}
    for receipt in pool:
        same_org = by_org.setdefault(org_match_key(receipt.applicant_org), [])
        for unit in same_org:
            if _same_parcel(receipt, unit[0], t) or _untitled_parcel(receipt, unit, t, active, copies_required):
                unit.append(receipt)
                break
        else:
            units.append([receipt])
            same_org.append(units[-1])
    return units


def _untitled_parcel(receipt: Receipt, unit: Sequence[Receipt], t: Thresholds,
                     active: Sequence[PaperApp], copies_required: int) -> bool:
    """`receipt` tops up `unit`: neither names a specific title (blank, or the same item name),
    the unit name is the same, the unit has exactly one application, and the copies so far
    fall short of the required number (a second complete set is a second application's)."""
    first = unit[0]
    if (_title_of(receipt) != _title_of(first) or _title_of(first) is None
            or org_match_key(receipt.applicant_org) != org_match_key(first.applicant_org)
            or sum(r.copies for r in unit) >= copies_required):
        return False
    own = [a for a in active if (_org_part(first, a, t)[0] or 0.0) >= t.org_alone]
    return len(own) == 1


def _title_of(receipt: Receipt) -> str | None:
    """"" for a receipt naming no project, its item for one naming only an item (学术交流项目),
    None for one naming a specific project."""
    if not project_key(receipt.project_name):
        return ""
    return project_to_item(receipt.project_name)


def _review_messages(units: Sequence[Sequence[Receipt]], active: Sequence[PaperApp],
                     edges: Mapping[tuple[int, int], Score],
                     doubtful: Sequence[tuple[int, int]], t: Thresholds) -> dict[str, Finding]:
    """NEEDS_REVIEW for every application touched by a doubtful pairing, listing all its
    candidate receipts with their breakdowns in words (the figures in its evidence)."""
    doubtful_receipts = {i for i, _ in doubtful}
    apps_in_doubt = {j for _, j in doubtful} | {
        j for (i, j) in edges if i in doubtful_receipts}
    out: dict[str, Finding] = {}
    for j in sorted(apps_in_doubt):
        app = active[j]
        ref = app.register_id or app.key
        candidates = sorted(((s.total, i) for (i, jj), s in edges.items() if jj == j), reverse=True)
        listed = "；".join(
            f"{_ids(units[i])}（{units[i][0].applicant_org or '未写单位'}，"
            f"{units[i][0].project_name or '未写项目名称'}，收件{_iso(units[i][0].received_on)}，"
            f"{sum(r.copies for r in units[i])}份）：{edges[(i, j)].words(t)}"
            for _, i in candidates)
        figures = [f"{_ids(units[i])}：{edges[(i, j)].explain()}" for _, i in candidates]
        # It names the row's paper block (field "paper"): no receipt is given to the row while
        # the pairing is in doubt, so its 纸质件 columns state nothing until staff decide.
        out[app.key] = Finding(
            code="NEEDS_REVIEW", severity="warning", field="paper",
            message=(f"纸质件对应关系不确定，请核对后在纸质件登记簿该行备注栏写“对应 {ref}”确认，"
                     f"或写“非 {ref}”排除。候选：{listed}"),
            evidence=join_figures("纸质件登记簿", figures))
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


def _paper_only_rows(alone: Sequence[tuple[Receipt, str | None]], rules: _Rules, t: Thresholds,
                     unread: Sequence[UnreadMail] = (), declared: set[str] | frozenset[str] = frozenset(),
                     decisions: Mapping[str, Decision] | None = None,
                     ) -> tuple[list[PaperOnly], dict[str, tuple[list[Receipt], str]], dict[str, list[Finding]]]:
    """Group paper-only receipts that are parcels of one application (receipts flagged for
    review stay alone), then write each group's block and findings: ELECTRONIC_MISSING, or
    NEEDS_REVIEW naming the unread emails that may carry it (not for receipts staff marked
    无电子版). A group whose only candidate is one unread email that names its unit or project,
    and that no other group claims, goes to that email instead (returned apart, by email key,
    with what points to it): one row for one application, still doubted. Each unread email
    named as a candidate gets a NEEDS_REVIEW on its paper block too (third, by email key): its
    纸质件 columns say no paper while a receipt may be its."""
    groups: list[tuple[list[Receipt], list[str]]] = []
    for receipt, note in alone:
        for members, notes in groups:
            if note is None and not notes and _same_parcel(receipt, members[0], t):
                members.append(receipt)
                break
        else:
            groups.append(([receipt], [note] if note else []))
    maybes = [[] if any(r.receipt_id in declared for r in members)
              else _unread_candidates(members, unread, t, decisions or {}) for members, _ in groups]
    claims = Counter(mail.key for maybe in maybes for mail, _ in maybe)
    rows = []
    attached: dict[str, tuple[list[Receipt], str]] = {}
    candidate_of: dict[str, list[Finding]] = {}
    for (members, notes), maybe in zip(groups, maybes):
        if (len(maybe) == 1 and not notes and maybe[0][1] != _DATE_ONLY and claims[maybe[0][0].key] == 1
                and not _names_another_project(members[0], maybe[0][0], t)):
            attached[maybe[0][0].key] = (members, maybe[0][1])
            continue
        if maybe:
            findings = [_maybe_unread(members, maybe), *rules.for_paper(members)]
            for mail, why in maybe:
                candidate_of.setdefault(mail.key, []).append(_maybe_this_mails(members, why, mail))
        else:
            findings = [rules.electronic_missing(members), *rules.for_paper(members)]
        for note in notes:
            words, figures = split_figures(note)
            findings.append(Finding(code="NEEDS_REVIEW", severity="warning", message=words,
                                    evidence=join_figures(_evidence(members), [figures])))
        rows.append(PaperOnly(receipts=tuple(members),
                              paper=_paper_block(members, None, ""), findings=tuple(findings)))
    return rows, attached, candidate_of


# Why a message nothing is known of may carry a receipt: its time alone (never enough to give it).
_DATE_ONLY = "邮件内容未能下载，收件时间与纸质件相符"


def _unread_candidates(members: Sequence[Receipt], unread: Sequence[UnreadMail],
                       t: Thresholds, decisions: Mapping[str, Decision]) -> list[tuple[UnreadMail, str]]:
    """The unread emails that may carry these receipts, each with what points to it (Chinese),
    earliest first; none that staff ruled out for one of them (非 2024-0044)."""
    first = members[0]
    out = []
    for mail in sorted(unread, key=lambda m: (_day(m.received_at) or date.max, m.key)):
        refs = {mail.key} | ({mail.register_id} if mail.register_id else set())
        if any(r.receipt_id in decisions and decisions[r.receipt_id].rejected & refs for r in members):
            continue
        when = _date_plausibility(first, PaperApp(key=mail.key, received_at=mail.received_at), t)
        why = _unread_evidence(first, mail, t)
        if why is not None and when != 0.0:
            out.append((mail, why))
        elif not mail.known_text().strip() and when == 1.0:
            out.append((mail, _DATE_ONLY))
    return out


# What a subject or a file name says besides a project's name.
_NOT_TITLE_RE = re.compile(r"\d{4}年度?|申报书?|申请书?|项目|材料|附件|扫描件|盖章|定稿|最终版|修改版|更正|重发|补发|转发|"
                           r"关于|的函|科技创新服务能力提升计划|能力提升计划|湖南省科协|省科协|[^\u4e00-\u9fff]")


def _names_another_project(receipt: Receipt, mail: UnreadMail, t: Thresholds) -> bool:
    """Whether the email's subject or file names carry a project title that is not the
    receipt's: the unit may send two applications, and this email is then the other one. A
    subject naming only the item (申报学会服务站建设项目的函) names no project."""
    if not _specific_title(receipt.project_name, t):
        return False
    key = project_key(receipt.project_name)
    texts = (mail.subject, *(re.sub(r"\.[A-Za-z0-9]{1,5}$", "", n) for n in mail.file_names))
    for text in texts:
        whole = project_key(text)
        if key in whole or fuzz.partial_ratio(key, whole) >= t.unread_project * 100:
            return False  # the receipt's own title is there
    for text in texts:
        rest = _NOT_TITLE_RE.sub("", text)
        for unit in ledger_units(receipt.applicant_org):
            rest = rest.replace(unit, "").replace(normalise_org(unit), "")
        if (_specific_title(rest, t) and _UNIT_NAME_END.search(rest) is None
                and fuzz.partial_ratio(key, project_key(rest)) < _OTHER_TITLE * 100):
            return True
    return False


# Below this partial similarity a title is another project's; a ledger's shortening of the same
# title (深部工程服务站 for 服务深部工程企业科技创新学会服务站建设) scores about 0.6, two projects
# of one unit about 0.3.
_OTHER_TITLE = 0.45
_UNIT_NAME_END = re.compile(r"(?:学会|协会|科协|研究会|联合会|促进会|研究院|研究所|大学|学院|公司|集团)$")  # a unit, not a title


def _given_to_unread(members: Sequence[Receipt], why: str, mail: UnreadMail) -> Finding:
    return Finding(
        code="NEEDS_REVIEW", severity="warning", field="paper",
        message=(f"纸质版（登记号{_ids(members)}）按邮件的主题、发件人或附件名配对到本邮件（{why}）；"
                 f"本邮件的{mail.unread}，无法按项目核对。如不属于本邮件，请在纸质件登记簿该行备注栏写"
                 f"“非 {mail.ref}”"),
        evidence=_evidence(members))


def _unread_evidence(receipt: Receipt, mail: UnreadMail, t: Thresholds) -> str | None:
    """Where the email names the receipt's unit or project (Chinese), or None."""
    raw = mail.known_text()
    if not raw.strip():
        return None
    # The unit and project keys are compared with the text normalised the same way.
    org_text = normalise_org(raw).replace("科学技术学会", "科协").replace("协会", "学会")
    unit_seen = 0.0  # how well the best listed unit is found in the text, 0–1
    for unit in ledger_units(receipt.applicant_org):
        key = org_match_key(unit)
        # A short key (药学会) is also the end of other names (中药学会): it needs its province.
        found = (any(p + key in org_text for p in ("湖南省", "省", "湖南")) if len(key) < 4
                 else key in org_text or fuzz.partial_ratio(key, org_text) >= t.unread_org * 100)
        if key and found:
            return f"邮件的主题、发件人、附件名或正文写有“{unit}”"
        if key:
            unit_seen = max(unit_seen, fuzz.partial_ratio(key, org_text) / 100)
    if not _specific_title(receipt.project_name, t):
        return None
    key, text = project_key(receipt.project_name), project_key(raw)
    if not (key in text or fuzz.partial_ratio(key, text) >= t.unread_project * 100):
        return None
    # A project name alone is weaker (国家级学会服务站 starts many titles): it counts only when
    # the email names no unit besides it, or names one like the receipt's.
    others = _UNIT_WORD.search(text.replace(key, ""))
    if others is None or unit_seen >= t.same_project_org_min:
        return f"邮件的主题、附件名或正文写有项目名称“{receipt.project_name}”"
    return None


# Words that name a unit inside a subject or a file name.
_UNIT_WORD = re.compile(r"学会|协会|研究会|联合会|促进会|科协|大学|学院|研究院|研究所|公司|集团|医院")


def _maybe_unread(members: Sequence[Receipt], maybe: Sequence[tuple[UnreadMail, str]]) -> Finding:
    def sender(mail: UnreadMail) -> str:
        return " ".join(x for x in (mail.sender_name, f"<{mail.sender}>" if mail.sender else "") if x) or "未知"

    listed = "；".join(f"{mail.ref}（主题“{mail.subject or '未知'}”，发件人{sender(mail)}，"
                      f"收件{_iso(_day(mail.received_at))}；{mail.unread}；{why}）" for mail, why in maybe)
    return Finding(
        code="NEEDS_REVIEW", severity="warning",
        message=(f"收到纸质版（登记号{_ids(members)}），可能对应申报书未能读出的电子邮件：{listed}。"
                 "请打开该邮件核对：如属同一申报，请发件单位重新发送可读的申报书（收到后自动配对）；"
                 "如确实没有电子版，请在纸质件登记簿该行备注栏写“无电子版”"),
        evidence=_evidence(members))


def _maybe_this_mails(members: Sequence[Receipt], why: str, mail: UnreadMail) -> Finding:
    """On an unread email's row: a paper-only receipt may be its (the other side of
    `_maybe_unread`). It names the paper block: the row's 纸质件 columns say none while one may
    have come."""
    first = members[0]
    return Finding(
        code="NEEDS_REVIEW", severity="warning", field="paper",
        message=(f"纸质件登记簿中的登记号{_ids(members)}（{first.applicant_org or '未写单位'}，"
                 f"{first.project_name or '未写项目名称'}，收件{_iso(first.received_on)}）可能是本邮件的纸质版"
                 f"（{why}），因{mail.unread}而未配对。如属同一申报，请在纸质件登记簿该行备注栏写“对应 {mail.ref}”"),
        evidence=_evidence(members))


def _day(when: date | datetime | None) -> date | None:
    return when.date() if isinstance(when, datetime) else when


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

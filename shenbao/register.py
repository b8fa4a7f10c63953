"""From every stored submission to the register rows, in three steps:

    verdict = validate(subs, inputs, numbering)   pure: rules, resends, paper ledger, numbers
    store.assign_ids(verdict.order, year)         the one write: numbers given out, never reused
    rows    = rows_from(verdict, ids)             pure: one RegisterRow per row, sorted by id

Validation runs over the whole set each time (it is cheap). Register numbers follow arrival:
emailed rows are numbered first, so that the paper matcher can name them to staff and resolve
staff decisions written as "对应 2024-0007"; paper-only rows, known only after matching, are
numbered after them. `Numbering` plans those numbers from what the store has handed out so
far, and `store.assign_ids` commits exactly that plan under the poll's lock.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from shenbao.corrections import apply_corrections
from shenbao.record import (READABLE_KINDS, ExtractedForm, Fields, Finding, LedgerProblem, PaperMatch, Receipt,
                            RegisterRow, Submission, only_recognition_doubt)
from shenbao.staff_input import Correction, StaffWord
from shenbao.validators.engine import check_application
from shenbao.validators.guide import Guide
from shenbao.validators.history import FundedProject
from shenbao.validators.paper_match import (
    PaperApp, PaperOnly, PaperResult, Thresholds, match_receipts, unread_mail_of,
)
from shenbao.validators.supersede import find_superseded
from shenbao.validators.value_checks import CONFIRMABLE, MailSources, ValueReview, project_named_by_mail, review_values


@dataclass(frozen=True)
class Inputs:
    """The admin- and staff-maintained files a register is built from, loaded once per poll."""

    guide: Guide
    history: Sequence[FundedProject] = ()
    receipts: Sequence[Receipt] = ()
    ledger_problems: Sequence[LedgerProblem] = ()
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(frozen=True)
class Numbering:
    """The register numbers handed out so far: `ids` by key, and the last sequence number."""

    ids: Mapping[str, str]
    last_seq: int
    year: int

    def plan(self, keys: Sequence[str]) -> tuple[dict[str, str], Numbering]:
        """Numbers for `keys` in order: a key keeps its number, a new key takes the next one.
        Returns them and the numbering after them (what `Store.assign_ids` will commit)."""
        out: dict[str, str] = {}
        ids, seq = dict(self.ids), self.last_seq
        for key in keys:
            if key not in ids:
                seq += 1
                ids[key] = f"{self.year}-{seq:04d}"
            out[key] = ids[key]
        return out, Numbering(ids=ids, last_seq=seq, year=self.year)


@dataclass(frozen=True)
class Verdict:
    """What validation decided for every submission, before any row is built."""

    subs: tuple[Submission, ...]
    ids: dict[str, str]  # every row's planned register number, by key
    order: tuple[str, ...]  # keys in numbering order (emailed by arrival, then paper-only)
    superseded: dict[str, str]  # earlier version's key → the latest version's key
    findings: dict[str, tuple[Finding, ...]]  # per application key: rule + paper + review findings
    paper: PaperResult
    paper_only: tuple[tuple[str, PaperOnly], ...]  # (key, receipts) of rows with no email
    # Staff's corrections per application key, field → what was read and what is of record now.
    corrections: dict[str, dict[str, Correction]] = field(default_factory=dict)


FieldLabel = Callable[[str], str]
# Staff's 更正值 by 编号, then field name; a word whose value is None is an emptied 更正值.
StaffCorrections = Mapping[str, Mapping[str, StaffWord]]


def validate(subs: Sequence[Submission], inputs: Inputs, numbering: Numbering, *,
             field_label: FieldLabel = str, today: date | None = None,
             corrections: StaffCorrections | None = None) -> Verdict:
    """Every decision about the register, pure: the same inputs always give the same verdict.

    `corrections` (staff's 更正值, shenbao.corrections) are put into each form's fields before
    any rule runs: the findings are those of the corrected values, and a person's correction
    settles the doubt (NEEDS_REVIEW) about that field. A resend takes over an earlier version's
    correction of a field it reads the same way, unless it has a word of its own there."""
    guide = inputs.guide
    emailed = [k for _, k in sorted((s.message.internaldate.timestamp(), s.key) for s in subs)]
    ids, numbering = numbering.plan(emailed)
    typed = corrections or {}
    read = list(subs)
    own = {s.key: {name: (word, ids[s.key]) for name, word in typed.get(ids[s.key], {}).items()} for s in read}
    subs, applied = _corrected(read, own)
    apps = [s for s in subs if s.kind == "application" and s.form is not None]
    superseded = find_superseded([(s.key, s.message.internaldate, s.sender, s.form.fields, s.subject)
                                  for s in apps if s.form is not None])
    if superseded and typed:
        subs, applied = _corrected(read, _with_earlier_corrections(read, ids, superseded, own))
        apps = [s for s in subs if s.kind == "application" and s.form is not None]
    # (A mail of two forms names one project at most: which form it is cannot be told.)
    forms_in_mail = Counter(s.message.sha256 for s in apps)
    paper = match_receipts(
        [PaperApp(key=s.key, register_id=ids[s.key], applicant_org=s.form.fields.applicant_org,
                  project_name=s.form.fields.project_name, received_at=s.message.internaldate,
                  subcategory=s.form.fields.subcategory, superseded=s.key in superseded,
                  superseded_by=superseded.get(s.key), lead_org=s.form.fields.lead_org,
                  partner_orgs=s.form.fields.partner_orgs,
                  org_doubted="applicant_org" in s.form.low_confidence and "applicant_org" not in applied.get(s.key, {}),
                  project_doubted="project_name" in s.form.low_confidence
                  and "project_name" not in applied.get(s.key, {}),
                  mail_project=None if s.form.fields.project_name or forms_in_mail[s.message.sha256] > 1
                  else project_named_by_mail(s, guide),
                  mail=unread_mail_of(s, ids[s.key], "申报书的项目名称和申报单位未能读出")
                  if _nameless(s.form, applied.get(s.key, {})) else None)
         for s in apps if s.form is not None],
        inputs.receipts, copies_required=guide.paper_copies_required, paper_deadline=guide.deadlines.paper,
        grace_days=guide.deadlines.paper_grace_days, electronic_deadline=guide.deadlines.electronic, today=today,
        thresholds=inputs.thresholds,
        # Emailed submissions whose form could not be read may carry a paper copy (NO_FORM, 无法下载).
        unread=[unread_mail_of(s, ids[s.key]) for s in subs if s.kind == "application" and s.form is None])
    paper_only = sorted((min((r.received_on or date.max) for r in p.receipts), paper_only_key(p), p)
                        for p in paper.paper_only)
    paper_ids, _ = numbering.plan([key for _, key, _ in paper_only])
    findings: dict[str, tuple[Finding, ...]] = {}
    for s in apps:
        if s.form is None:
            continue
        review = [f for f in review_findings(s, field_label, guide)
                  if not (f.code == "NEEDS_REVIEW" and _settled(f.field, applied.get(s.key, {})))]
        if s.key in superseded:
            # A replaced version's values are still shown, so their doubts stay with them; the
            # rules and the paper are the latest version's business.
            findings[s.key] = tuple(f for f in review if f.code == "NEEDS_REVIEW")
            continue
        doubted = {f.field: field_label(f.field) for f in review
                   if f.code == "NEEDS_REVIEW" and f.field and f.field not in s.form.guessed}
        findings[s.key] = (*s.findings,
                           *check_application(s.form.fields, s.form.facts, s.message.internaldate, guide,
                                              list(inputs.history), doubted),
                           *paper.findings.get(s.key, ()),
                           *review)
    return Verdict(subs=tuple(subs), ids={**ids, **paper_ids}, order=(*emailed, *paper_ids),
                   superseded=superseded, findings=findings, paper=paper,
                   paper_only=tuple((key, p) for _, key, p in paper_only), corrections=applied)


def _nameless(form: ExtractedForm, done: Mapping[str, Correction]) -> bool:
    """Whether a form gave neither its project nor its unit (each missing, or doubted and not
    corrected by staff): paper matching then goes by what its email says."""
    return all((getattr(form.fields, name) is None or name in form.low_confidence) and name not in done
               for name in ("project_name", "applicant_org"))


def _settled(name: str | None, done: Mapping[str, Correction]) -> bool:
    return name is not None and name in done and done[name].applied


# key → field → (staff's word, the 编号 it was typed on)
_Typed = Mapping[str, Mapping[str, tuple[StaffWord, str]]]


def _corrected(subs: Sequence[Submission], typed: _Typed) -> tuple[list[Submission], dict[str, dict[str, Correction]]]:
    """`subs` (as read) with the corrections `typed` put into their forms' fields; and what
    was done, by key. The form's doubts stay as read: `validate` drops the NEEDS_REVIEW of a
    corrected field."""
    out: list[Submission] = []
    applied: dict[str, dict[str, Correction]] = {}
    for s in subs:
        form = s.form
        wanted = typed.get(s.key)
        if form is None or not wanted:
            out.append(s)
            continue
        fields = form.fields
        done: dict[str, Correction] = {}
        for name, (word, row_id) in wanted.items():
            fields, one = apply_corrections(fields, row_id, {name: word})
            done.update(one)
        if not done:
            out.append(s)
            continue
        applied[s.key] = done
        out.append(s.model_copy(update={"form": form.model_copy(update={"fields": fields})}))
    return out, applied


def _with_earlier_corrections(subs: Sequence[Submission], ids: Mapping[str, str], superseded: Mapping[str, str],
                              own: _Typed) -> dict[str, dict[str, tuple[StaffWord, str]]]:
    """`own` plus, for each resend, the corrections of its earlier versions (the latest first)
    of fields it has no word of its own for and reads exactly as that version did."""
    by_key = {s.key: s for s in subs}
    out = {key: dict(words) for key, words in own.items()}
    for old in sorted(superseded, key=lambda k: ids[k]):
        new = superseded[old]
        old_form, new_form = by_key[old].form, by_key[new].form
        if old_form is None or new_form is None:
            continue
        for name, (word, row_id) in own.get(old, {}).items():
            if name in own.get(new, {}) or word.value is None or not hasattr(new_form.fields, name):
                continue
            if getattr(old_form.fields, name) == getattr(new_form.fields, name):
                out.setdefault(new, {})[name] = (word, row_id)
    return out


def paper_only_key(p: PaperOnly) -> str:
    """A paper-only row's key: its receipts, so that it keeps its number while they stay together."""
    return "paper:" + "+".join(sorted(r.receipt_id for r in p.receipts))


def review_findings(s: Submission, field_label: FieldLabel, guide: Guide | None = None) -> list[Finding]:
    """Values kept but doubted go to a person, with the reason (`form.doubts`) and what was
    seen; with the guide, the cross-field and cross-source checks (validators.value_checks)
    add theirs. A value read from a weak scan that the mail repeats elsewhere (the body gives
    the phone, the subject the project name) is trusted: no finding."""
    if s.form is None:
        return []
    review = ValueReview()
    if guide is not None:
        sources = MailSources(subject=s.subject, sender=s.sender, sender_name=s.mail.sender_name if s.mail else "",
                              body=s.mail.body_snippet if s.mail else "",
                              form_file=s.form.file, form_files=sum(1 for f in s.files if f.role == "form"),
                              unread_files=tuple(f.name for f in s.files
                                                 if f.role == "attachment" and f.kind in READABLE_KINDS))
        review = review_values(s.form.fields, s.form.evidence, sources, guide)
    out = []
    for name in s.form.low_confidence:
        ev = s.form.evidence.get(name)
        if ev is not None and ev.confidence < 1.0 and name in review.confirmed \
                and only_recognition_doubt(s.form.doubts.get(name, "")):
            continue
        seen = f"（{ev.file} {ev.where}：“{ev.text[:60]}”）" if ev else ""
        # The reason alone: the message says once that a person must look.
        reason = re.sub(r"[，,；;]?\s*请(?:人工)?核对(?:原件)?[。]?$", "", s.form.doubts.get(name, ""))
        if not reason and ev is not None and ev.confidence < 1.0:
            reason = f"扫描件识别置信度{ev.confidence:.2f}"
        if reason and ev is not None and ev.confidence < 1.0 and name in CONFIRMABLE and guide is not None:
            reason += "，且无其他来源可核对"  # the mail was searched for it (confirmed_fields)
        message = (f"“{field_label(name)}”需人工核对：{reason}{seen}" if reason
                   else f"“{field_label(name)}”识别不确定，请人工核对原件{seen}")
        out.append(Finding(code="NEEDS_REVIEW", severity="warning", field=name, message=message,
                           evidence=seen or None))
    doubted = set(s.form.low_confidence)
    out.extend(f for f in review.findings if f.field not in doubted)
    return out


def rows_from(verdict: Verdict, ids: Mapping[str, str]) -> list[RegisterRow]:
    """One register row per submission and per paper-only group, sorted by register number."""
    rows: list[RegisterRow] = []
    for s in verdict.subs:
        base = RegisterRow(id=ids[s.key], key=s.key, kind=s.kind, electronic=True, message_id=s.message.message_id,
                           received_at=s.message.internaldate, sender=s.sender, subject=s.subject, files=s.files,
                           message_sha256=s.message.sha256, big_attachment_links=s.big_attachment_links,
                           mail=s.mail)
        if s.kind == "other":
            rows.append(base.model_copy(update={"other_reason": s.other_reason}))
        elif s.form is None:
            # An unread email keeps the paper receipts that name its unit (validators.paper_match).
            rows.append(base.model_copy(update={
                "findings": (*s.findings, *verdict.paper.unread_findings.get(s.key, ())),
                "paper": verdict.paper.unread_matches.get(s.key, PaperMatch())}))
        elif s.key in verdict.superseded:
            later = ids[verdict.superseded[s.key]]
            note = Finding(code="SUPERSEDED", severity="info",
                           message=f"已被编号 {later} 的后发版本替代（同一单位同一项目重新发送），以新版本为准")
            rows.append(base.model_copy(update={"fields": s.form.fields, "evidence": s.form.evidence,
                                                "findings": (note, *verdict.findings.get(s.key, ())),
                                                "superseded_by": later}))
        else:
            rows.append(base.model_copy(update={
                "fields": s.form.fields, "evidence": s.form.evidence,
                "paper": verdict.paper.matches.get(s.key, PaperMatch()),
                "findings": verdict.findings.get(s.key, ()), "seal": s.form.facts.seal,
                "notes": s.form.notes}))
    for key, p in verdict.paper_only:
        first = p.receipts[0]
        fields = Fields(applicant_org=first.applicant_org or None, project_name=first.project_name or None)
        rows.append(RegisterRow(id=ids[key], key=key, kind="application", electronic=False, fields=fields,
                                paper=p.paper, findings=p.findings))
    # Rows follow their numbers (the contract's order), not the order submissions were stored in.
    rows.sort(key=lambda r: r.id)
    return rows

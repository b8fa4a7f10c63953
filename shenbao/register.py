"""From every stored submission to the register rows, and the rows to files.

Validation runs over the whole set each time (it is cheap): per-application rules, then
resends (supersede), then the paper ledger, then register numbers for every row in order of
arrival — assigned in one transaction and never reused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.record import Finding, LedgerProblem, PaperMatch, Receipt, RegisterRow, Submission
from shenbao.settings import Settings
from shenbao.store import Store

if TYPE_CHECKING:
    from shenbao.validators.guide import Guide
    from shenbao.validators.history import FundedProject

log = logging.getLogger("shenbao.register")


@dataclass(frozen=True)
class Inputs:
    """The admin-maintained files a register is built from."""

    guide: Guide
    history: list[FundedProject]
    receipts: list[Receipt]
    ledger_problems: list[LedgerProblem]


def load_inputs(settings: Settings) -> Inputs:
    from shenbao.intake.ledger import read_ledger
    from shenbao.validators.guide import load_guide
    from shenbao.validators.history import read_history

    guide = load_guide(settings.rules_path())
    d = settings.deadlines
    overrides = {k: v for k, v in (("electronic", d.electronic), ("paper", d.paper),
                                   ("paper_grace_days", d.paper_grace_days)) if v is not None}
    if overrides:
        guide = guide.model_copy(update={"deadlines": guide.deadlines.model_copy(update=overrides)})
    history_path = settings.optional_path(settings.paths.history)
    history = read_history(history_path) if history_path else []
    receipts_path = settings.optional_path(settings.paths.receipts)
    receipts, problems = read_ledger(receipts_path, year=guide.year) if receipts_path else ([], [])
    return Inputs(guide=guide, history=history, receipts=receipts, ledger_problems=problems)


def build_register(subs: list[Submission], settings: Settings, store: Store,
                   inputs: Inputs | None = None, today: date | None = None) -> list[RegisterRow]:
    from shenbao.validators.engine import check_application
    from shenbao.validators.paper_match import PaperApp, Thresholds, match_receipts
    from shenbao.validators.supersede import find_superseded

    inputs = inputs or load_inputs(settings)
    guide = inputs.guide
    apps = [s for s in subs if s.kind == "application" and s.form is not None]
    superseded = find_superseded([(s.key, s.message.internaldate, s.sender, s.form.fields, s.subject)
                                  for s in apps if s.form is not None])
    # Register numbers follow arrival. Emailed rows are numbered first, so that the matcher can
    # name them to staff and resolve staff decisions written as "对应 2024-0007"; paper-only
    # rows, known only after matching, are numbered after them.
    order = sorted(((s.message.internaldate.timestamp(), s.key) for s in subs))
    ids = store.assign_ids([k for _, k in order], guide.year)
    paper = match_receipts(
        [PaperApp(key=s.key, register_id=ids[s.key], applicant_org=s.form.fields.applicant_org,
                  project_name=s.form.fields.project_name, received_at=s.message.internaldate,
                  subcategory=s.form.fields.subcategory, superseded=s.key in superseded,
                  superseded_by=superseded.get(s.key)) for s in apps if s.form is not None],
        inputs.receipts, copies_required=guide.paper_copies_required, paper_deadline=guide.deadlines.paper,
        grace_days=guide.deadlines.paper_grace_days, electronic_deadline=guide.deadlines.electronic, today=today,
        thresholds=Thresholds(**settings.paper_matching.model_dump()))
    paper_keys = []
    paper_order = []
    for p in paper.paper_only:
        key = "paper:" + "+".join(sorted(r.receipt_id for r in p.receipts))
        first = min((r.received_on or date.max) for r in p.receipts)
        paper_order.append((first, key))
        paper_keys.append((key, p))
    ids.update(store.assign_ids([k for _, k in sorted(paper_order)], guide.year))

    rows: list[RegisterRow] = []
    for s in subs:
        base = RegisterRow(id=ids[s.key], key=s.key, kind=s.kind, electronic=True, message_id=s.message.message_id,
                           received_at=s.message.internaldate, sender=s.sender, subject=s.subject, files=s.files,
                           message_sha256=s.message.sha256, big_attachment_links=s.big_attachment_links)
        if s.kind == "other":
            rows.append(base.model_copy(update={"other_reason": s.other_reason}))
            continue
        if s.form is None:
            rows.append(base.model_copy(update={"findings": s.findings}))
            continue
        later = superseded.get(s.key)
        if later is not None:
            note = Finding(code="SUPERSEDED", severity="info", field=None,
                           message=f"已被编号 {ids[later]} 的后发版本替代（同一单位同一项目重新发送），以新版本为准")
            rows.append(base.model_copy(update={"fields": s.form.fields, "evidence": s.form.evidence,
                                                "findings": (note,), "superseded_by": ids[later]}))
            continue
        findings = list(s.findings)
        findings += check_application(s.form.fields, s.form.facts, s.message.internaldate, guide, inputs.history)
        findings += paper.findings.get(s.key, ())
        findings += review_findings(s)
        rows.append(base.model_copy(update={"fields": s.form.fields, "evidence": s.form.evidence,
                                            "paper": paper.matches.get(s.key, PaperMatch()),
                                            "findings": tuple(findings), "seal": s.form.facts.seal}))
    for key, p in paper_keys:
        first = p.receipts[0]
        from shenbao.record import Fields

        fields = Fields(applicant_org=first.applicant_org or None, project_name=first.project_name or None)
        rows.append(RegisterRow(id=ids[key], key=key, kind="application", electronic=False, fields=fields,
                                paper=p.paper, findings=p.findings))
    rows.sort(key=lambda r: r.id)
    return rows


def review_findings(s: Submission) -> list[Finding]:
    """Values kept but doubted by the reader go to a person, with what was seen."""
    if s.form is None or not s.form.low_confidence:
        return []
    from shenbao.outputs.labels_zh import load_labels

    field_label_zh = load_labels().field_name
    out = []
    for name in s.form.low_confidence:
        ev = s.form.evidence.get(name)
        seen = f"（{ev.file} {ev.where}：“{ev.text[:60]}”）" if ev else ""
        out.append(Finding(code="NEEDS_REVIEW", severity="warning", field=name,
                           message=f"“{field_label_zh(name)}”识别不确定，请人工核对原件{seen}",
                           evidence=seen or None))
    return out


def write_register_files(rows: list[RegisterRow], settings: Settings, store: Store) -> tuple[Path, Path, list[str]]:
    """register.xlsx (+ a dated copy) and register.jsonl in the output folder."""
    from shenbao.outputs.export_jsonl import write_jsonl
    from shenbao.outputs.register_xlsx import write_register

    out = settings.output_dir
    out.mkdir(parents=True, exist_ok=True)
    inputs = load_inputs(settings)
    guide = inputs.guide
    target = out / "register.xlsx"
    links = file_links(rows, store, out)
    written = write_register(
        rows, target, receipts=inputs.receipts, ledger_problems=inputs.ledger_problems,
        quotas={item.name: (item.quota_text, item.quota) for item in guide.items},
        deadline_notice=guide.deadline_notice(), previous=target if target.exists() else None,
        file_links=links, link_root=out)
    notes = []
    if written != target:
        notes.append(f"登记表 {target.name} 正被其他程序打开，新登记表已写到旁边：{written.name}")
    from shenbao.faults import checkpoint

    checkpoint("between_writes")
    jsonl = out / "register.jsonl"
    tmp = jsonl.with_suffix(".jsonl.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        write_jsonl(rows, fh)
    tmp.replace(jsonl)
    return written, jsonl, notes


def file_links(rows: list[RegisterRow], store: Store, out: Path) -> dict[str, Path]:
    """Stored attachments, copied under output/附件/<sha prefix>/<safe name> so that the
    register's links open them and never point outside the output folder."""
    links: dict[str, Path] = {}
    for row in rows:
        for ref in row.files:
            if ref.sha256 in links or not store.blob_path(ref.sha256).exists():
                continue
            target = out / "附件" / ref.sha256[:16] / safe_file_name(ref.name)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(".tmp-" + ref.sha256[:8])
                tmp.write_bytes(store.read_blob(ref.sha256))
                tmp.replace(target)
            links[ref.sha256] = target
    return links


_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"COM{i}" for i in range(1, 10)),
                              *(f"LPT{i}" for i in range(1, 10))})


def safe_file_name(name: str, max_bytes: int = 180) -> str:
    """A display name made safe as one path component on Windows, macOS and Linux (B14):
    no separators or characters Windows forbids, no controls, no bidirectional overrides (a
    sender's "申报书\u202egpj.docx" would show as a .jpg), no device name (Windows reserves
    CON, NUL, COM1… whatever follows the first dot), no trailing dot or space, ≤ max_bytes."""
    import re
    import unicodedata

    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name))[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cf", "Cs", "Co"))
    base = re.sub(r'[\x00-\x1f\x7f<>:"|?*]', "_", base).strip(" .") or "附件"
    stem, dot, ext = base.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = base, ""
    if stem.split(".", 1)[0].strip(" ").upper() in _WINDOWS_DEVICES:
        stem = "_" + stem
    suffix = ("." + ext) if ext else ""
    while len((stem + suffix).encode("utf-8")) > max_bytes and stem:
        stem = stem[:-1]
    return (stem or "附件") + suffix

"""The composition root: one poll, from mailbox to register, as one list of stages.

    fetch      intake      new mail from the mailbox into the store, durable batch by batch
    parse      intake      raw bytes → Mail (MIME parts, archives expanded, what kind of mail)
    extract    extractors  every file read in an isolated worker → submissions, saved per message
    staff      register    staff's changes in the register files (notes, 核对状态, corrections)
                           → the store, read before validation (shenbao.staff_files)
    validate   validators  staff's corrections put in, rules, resends, paper ledger, planned
                           numbers (pure)
    number     store       the planned register numbers given out, never reused
    rows       register    one row per application / other mail / paper-only receipt (pure)
    publish    outputs     register.xlsx (every sheet showing staff's last word), register.jsonl,
                           replies   — or, in a dry run, a report

This is the only module that imports more than one stage package. The scheduler and the CLI
are thin callers of `run_once`. A dry run is the same list run on a scratch copy of the store
(nothing is kept, the mailbox is opened read-only), with `publish` swapped for a report.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from shenbao.execution import Execution
from shenbao.extraction import EXTRACTION_VERSION, extract_pending
from shenbao.extractors.passwords import password_candidates
from shenbao.faults import checkpoint
from shenbao.fetching import fetch_new_mail, unreadable_mail
from shenbao.intake.archives import with_archive_passwords
from shenbao.intake.classify import other_reason, with_body_form
from shenbao.intake.ledger import read_ledger
from shenbao.intake.mime import parse_message
from shenbao.lock import DataDirLock
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.reply_terms import guide_reply_terms
from shenbao.record import Mail, MailFacts, ParsedMessage, RegisterRow, StoredMessage, Submission
from shenbao.register import Inputs, Numbering, Verdict, rows_from, validate
from shenbao.register_files import pictures_pending, previous_register, write_register_files
from shenbao.reply_delivery import send_replies
from shenbao.scope import in_scope, scope_start
from shenbao.settings import Settings
from shenbao.sharing import share_with_group
from shenbao.staff_files import settle_register_files, staff_rewrite_due, stored_corrections, take_staff_input
from shenbao.staff_input import Correction, register_view
from shenbao.store import Store
from shenbao.validators.guide import Guide, GuideError, load_guide
from shenbao.validators.history import read_history

log = logging.getLogger("shenbao.pipeline")

Progress = Callable[[str, int, int], None]
Reread = Literal["all"] | frozenset[str] | None


@dataclass
class RunReport:
    fetched: int = 0
    extracted: int = 0
    rows: list[RegisterRow] = field(default_factory=list)
    new_keys: set[str] = field(default_factory=set)  # rows that were not in the register before this poll
    register_path: Path | None = None
    export_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fetched or self.extracted)


def run_once(settings: Settings, *, dry_run: bool = False, progress: Progress | None = None,
             force_write: bool = False, reread: Reread = None, execution: Execution | None = None) -> RunReport:
    """One poll. Holds the data-directory lock for its whole length.

    `reread` (the reprocess command) drops what was read from those stored messages ("all":
    every message) and reads them again instead of fetching mail; numbers and staff columns stay."""
    report = RunReport()
    execution = execution or Execution(settings.limits)
    with DataDirLock(settings.data_dir, "dry-run" if dry_run else "poll"), ExitStack() as stack:
        store = stack.enter_context(Store(settings.data_dir))
        if dry_run:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="shenbao-dry-run-")))
            store = stack.enter_context(store.scratch_copy(scratch))
        if reread is not None:
            store.forget_submissions(None if reread == "all" else reread, files=True)
            force_write = True
        else:
            report.fetched = fetch_new_mail(settings, store, progress=progress, read_only=dry_run,
                                            cancel=execution.cancel)
        if report.fetched:
            store.set_counter("register_stale", 1)
        start = scope_start_of(settings)
        report.extracted = extract_pending(store, execution, mail_of, progress=progress,
                                           since=datetime(start.year, start.month, start.day, tzinfo=LOCAL_TZ))
        if reread is None:
            store.log_event("poll", {"fetched": report.fetched, "extracted": report.extracted})
        if not (dry_run or force_write or register_due(settings, store, report)):
            return report
        checkpoint("build")
        inputs = load_inputs(settings)
        labels = load_register_words()
        known = store.numbering(inputs.guide.year)
        # Staff's word first: their corrections are the values the rules check.
        taken = take_staff_input(store, settings.register_path, previous_register(settings.register_path, store),
                                 labels)
        # Messages whose download kept failing are rows too (无法下载), until they download.
        unreadable = unreadable_mail(store.quarantined(settings.mailbox.quarantine_after))
        verdict = validate(scoped(settings, inputs, [*store.submissions(EXTRACTION_VERSION), *unreadable]),
                           inputs, Numbering(*known), field_label=labels.field_name,
                           corrections=taken.corrections())
        ids = number(store, verdict, inputs.guide.year)
        report.rows = rows_from(verdict, ids)
        report.new_keys = set(verdict.order) - set(known[0])
        if dry_run:
            report.notes.append("演练模式：未保存邮件、未编号、未写登记表、未发回执")
            return report
        checkpoint("write")
        corrections = corrections_by_id(verdict, ids)
        report.register_path, report.export_path, notes = write_register_files(
            report.rows, inputs, settings.output_dir, store, execution, register_name=settings.paths.register_name,
            attachment_folders=settings.paths.attachment_folders,
            staff=register_view(taken.words, report.rows, corrections, labels.is_handled), corrections=corrections)
        report.notes.extend(notes)
        report.notes.extend(settle_register_files(store, taken, settings.register_path, report.register_path, labels))
        report.notes.extend(share_with_group(settings.output_dir, settings.paths.share_group))
        store.set_counter("register_stale", 0)
        store.set_counter("inputs_fingerprint", inputs_fingerprint(settings))
        report.notes.extend(send_replies(report.rows, settings, store, terms=guide_reply_terms(inputs.guide)))
    return report


def mail_of(stored: StoredMessage, raw: bytes) -> Mail:
    """The intake stage's reading of one stored message: its MIME parse and what it is."""
    parsed = with_body_form(parse_message(raw))
    # A locked archive opens with the password its mail gives (压缩包解压密码：2024).
    parsed = with_archive_passwords(parsed, password_candidates(parsed.body_text, parsed.subject))
    return Mail(stored=stored, parsed=parsed, facts=mail_facts(parsed))


# Enough of the body for the covering letter's unit, project and contact lines (its start and
# its signature at the end); the middle of a long body (a quoted thread) is not needed.
BODY_HEAD, BODY_TAIL = 800, 400


def body_snippet(text: str) -> str:
    text = text.strip()
    if len(text) <= BODY_HEAD + BODY_TAIL:
        return text
    return text[:BODY_HEAD] + "\n…\n" + text[-BODY_TAIL:]


def mail_facts(parsed: ParsedMessage) -> MailFacts:
    reason = other_reason(parsed)
    return MailFacts(sender=parsed.sender, sender_name=parsed.sender_name, subject=parsed.subject,
                     reply_to=parsed.reply_to, is_auto=parsed.is_auto, is_bounce=parsed.is_bounce,
                     is_list=parsed.is_list, other_reason=reason, looks_like_submission=reason is None,
                     big_attachment_links=parsed.big_attachment_links, body_snippet=body_snippet(parsed.body_text))


def load_inputs(settings: Settings) -> Inputs:
    """The rules (with the settings' deadlines over the rules file's), the funded-projects
    history and the staff's paper ledger, read once per poll."""
    guide = load_guide(settings.rules_path())
    d = settings.deadlines
    overrides = {k: v for k, v in (("electronic", d.electronic), ("paper", d.paper),
                                   ("paper_grace_days", d.paper_grace_days)) if v is not None}
    if overrides:
        guide = guide.model_copy(update={"deadlines": guide.deadlines.model_copy(update=overrides)})
    history_path = settings.optional_path(settings.paths.history)
    receipts_path = settings.optional_path(settings.paths.receipts)
    receipts, problems = read_ledger(receipts_path, year=guide.year) if receipts_path else ([], [])
    return Inputs(guide=guide, history=read_history(history_path) if history_path else [], receipts=receipts,
                  ledger_problems=problems, thresholds=settings.paper_matching)


def scoped(settings: Settings, inputs: Inputs, subs: list[Submission]) -> list[Submission]:
    """The mailbox scope (shenbao.scope): mail before the start date and junk without a form
    are kept in the store but not in the register."""
    return in_scope(subs, scope_start_of(settings, inputs.guide), settings.mailbox.junk_folders)


def scope_start_of(settings: Settings, guide: Guide | None = None) -> date:
    guide = guide or load_guide(settings.rules_path())
    return scope_start(settings.mailbox.since, guide.deadlines.opens, guide.year)


def input_problems(settings: Settings) -> list[str]:
    """Every problem of the rules file, in Chinese naming file and key (check-config)."""
    try:
        load_guide(settings.rules_path())
    except GuideError as exc:
        return list(exc.problems)
    except FileNotFoundError:
        return []  # already reported by load_settings
    return []


def build_rows(store: Store, settings: Settings, *, read_only: bool = False) -> list[RegisterRow]:
    """The register rows from what the store holds, without polling (export, status, packets).
    Numbers rows that have none yet, as a poll would — unless `read_only` (a poll holds the
    lock): then such rows show the numbers planned for them, and nothing is written."""
    return build_register(store, settings, read_only=read_only)[0]


def build_register(store: Store, settings: Settings, *, read_only: bool = False
                   ) -> tuple[list[RegisterRow], dict[str, dict[str, Correction]]]:
    """build_rows, and staff's corrections put into them (by 编号, then field) for the export's
    `corrections`. Staff's word as the last poll took it in (the store); the register files
    themselves are read by a poll only."""
    inputs = load_inputs(settings)
    unreadable = unreadable_mail(store.quarantined(settings.mailbox.quarantine_after))
    verdict = validate(scoped(settings, inputs, [*store.submissions(EXTRACTION_VERSION), *unreadable]), inputs,
                       Numbering(*store.numbering(inputs.guide.year)),
                       field_label=load_register_words().field_name, corrections=stored_corrections(store))
    ids = verdict.ids if read_only else number(store, verdict, inputs.guide.year)
    return rows_from(verdict, ids), corrections_by_id(verdict, ids)


def corrections_by_id(verdict: Verdict, ids: dict[str, str]) -> dict[str, dict[str, Correction]]:
    """The corrections validation put into the rows, by 编号 (the outputs' key) instead of key."""
    return {ids[key]: done for key, done in verdict.corrections.items() if key in ids}


def number(store: Store, verdict: Verdict, year: int) -> dict[str, str]:
    """Give out the register numbers validation planned (one transaction, never reused)."""
    ids = store.assign_ids(list(verdict.order), year)
    if ids != verdict.ids:  # the plan was made from this store under this lock: a bug otherwise
        raise RuntimeError("register numbers differ from the plan")
    return ids


def register_due(settings: Settings, store: Store, report: RunReport) -> bool:
    """The register is rewritten when anything changed since it was last written, including by
    a poll that died before writing it (the flag is durable), when an input file changed, or
    when staff saved the register or a copy beside it waits to be taken in and the register is
    no longer held open (staff_files.staff_rewrite_due): their corrections reach the export and
    the main file is put right without waiting for mail; and while evidence pictures the last
    write had no time for wait (register_files.PICTURE_BUDGET), so that they come at the next poll."""
    return bool(store.get_counter("register_stale") or report.changed or pictures_pending(store)
                or store.get_counter("inputs_fingerprint") != inputs_fingerprint(settings)
                or not settings.register_path.exists()
                or staff_rewrite_due(store, settings.register_path))


def inputs_fingerprint(settings: Settings) -> int:
    """Changes when staff edit the ledger or the admin edits the rules or history, so that the
    next poll rewrites the register even when no mail arrived."""
    parts = []
    for value in (str(settings.rules_path()), settings.paths.receipts, settings.paths.history):
        path = settings.resolve(value) if value else None
        if path is not None and path.exists():
            st = path.stat()
            parts.append(f"{path}:{st.st_mtime_ns}:{st.st_size}")
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:7], "big")

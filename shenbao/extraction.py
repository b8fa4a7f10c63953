"""The extraction stage: from each stored message to its register candidates (Submission values).

    parsed mail → read every file part with the reader its kind calls for (in an isolated
    worker) → pick the 申报书 among the files by content → one application per distinct form,
    or one `other` / `NO_FORM` row.

Each file's result is cached in the store by its sha256, so the same attachment (a resend, a
second copy) is never read twice, across polls. A file of a kind that may be password-protected
is read with the passwords its mail offers (extractors.passwords), and its cached result serves
only a mail offering the same ones: a PDF left unread for want of a password is read again when
the resend says the password. The message arrives parsed (`Mail`): this stage
never parses raw mail itself, and imports no stage package but extractors.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, replace
from difflib import SequenceMatcher
from datetime import datetime
from functools import partial

from shenbao.execution import Execution, ReadingThreads, Stopped
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.fields import forms_in, score_and_form, with_unit_from_mail
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pasted_pictures import pdf_with_pictures, with_pictures
from shenbao.extractors.passwords import password_candidates, unlock_office, unlock_pdf
from shenbao.extractors.readers import (LOCKABLE_KINDS, PrepareItem, load_format_readers, needs_preparing, prepare_files,
                                        read_document)
from shenbao.faults import checkpoint
from shenbao.record import (BODY_FORM_ORIGIN, CONTAINER_KINDS, LEGACY_WORD_KINDS, READABLE_KINDS, ExtractedForm,
                            FileRef, Finding, Mail, Part, StoredMessage, Submission)
from shenbao.store import CachedFile, DiskFull, Store, StoreCorrupt

log = logging.getLogger("shenbao.extraction")

# Bump when extraction changes, so that `reprocess` / the next poll re-reads stored mail.
EXTRACTION_VERSION = "2026.12.08-165"
# file_cache key for a legacy Word file's .docx made by the reader's batch hook (base64 text, by
# the source's sha256). Kept in the store, not in memory, so that a poll killed after converting
# does not convert again; tied to the extraction version so that `reprocess` converts afresh.
PREPARED_VERSION = f"docx-of:{EXTRACTION_VERSION}"
# file_cache key counting a file's transient failures (a time or memory limit, a crash): such a
# result is not kept as the file's verdict until it has happened ATTEMPTS times; the message is
# read again at the next poll, the last time with PATIENCE times the time limit.
ATTEMPTS_VERSION = f"attempts:{EXTRACTION_VERSION}"
ATTEMPTS = 2
PATIENCE = 2.0
# Store event logged by every extraction run that had messages to extract: what it opened
# (FilesOpened) and how many messages. A rules or ledger edit must open nothing (the benchmark
# and tests/core/test_recheck_without_rereading.py read it); an idle poll logs none.
FILES_OPENED_EVENT = "files_opened"


@dataclass(frozen=True)
class FileResult:
    """What reading one file gave: a form, a non-form document, or a reason it is unreadable."""

    form: ExtractedForm | None = None
    score: float = 0.0
    problem: str | None = None
    ocr: bool = False  # the file needed OCR (tells the parent to keep an engine warm for the next)
    transient: bool = False  # the problem is a limit hit (time, memory, crash): worth another try
    passwords: str = ""  # passwords_key of the candidates the file was read with ("" for none)
    # The file's further forms when it holds several (fields.forms_in), in the file's order.
    others: tuple[ExtractedForm, ...] = ()

    def to_json(self) -> str:
        return json.dumps({"form": self.form.model_dump(mode="json") if self.form else None,
                           "score": self.score, "problem": self.problem, "ocr": self.ocr,
                           "passwords": self.passwords,
                           "others": [f.model_dump(mode="json") for f in self.others]}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FileResult:
        d = json.loads(text)
        return cls(form=ExtractedForm.model_validate(d["form"]) if d["form"] else None,
                   score=float(d["score"]), problem=d["problem"], ocr=bool(d.get("ocr", False)),
                   passwords=str(d.get("passwords", "")),
                   others=tuple(ExtractedForm.model_validate(f) for f in d.get("others", ())))

    @classmethod
    def failed(cls, reason: str, transient: bool = False) -> FileResult:
        return cls(problem=reason, transient=transient)


def read_file_job(data: bytes, name: str, kind: str, sha256: str, prepared: bytes | None = None, *,
                  passwords: tuple[str, ...] = ()) -> FileResult:
    """The isolated job: read (with the mail's `passwords` for a protected file), then look for
    a form. Never raises for document problems."""
    try:
        doc = read_document(data, name, kind, sha256, prepared=prepared, passwords=passwords)
    except UnreadableFile as exc:
        return FileResult(problem=exc.reason)
    score, forms = forms_in(doc)
    form = forms[0] if forms else None
    package = data if kind == "docx" else prepared if kind in LEGACY_WORD_KINDS else None
    if form is None and (package is not None or kind in ("pdf", "encrypted_ooxml")):
        # The basic part may be a screenshot pasted into the file (extractors.pasted_pictures);
        # a protected file's pictures are looked at in its opened copy.
        if kind == "pdf":
            pictured = pdf_with_pictures(doc, _opened_copy(data, kind, passwords))
        else:
            readers = load_format_readers()
            pictured = with_pictures(doc, package or _opened_copy(data, kind, passwords), readers.image_to_doctext,
                                     instructions=readers.is_instructions_picture)
        if pictured is not None:
            pictured_score, pictured_form = score_and_form(pictured)
            if pictured_form is not None:
                return FileResult(form=pictured_form, score=pictured_score, ocr=True)
    return FileResult(form=form, score=score, ocr=doc.ocr, others=tuple(forms[1:]))


def _opened_copy(data: bytes, kind: str, passwords: tuple[str, ...]) -> bytes:
    """The file without its password when one of the mail's opens it (a PDF's or an
    encrypted .docx's), else the file as it came."""
    if not passwords:
        return data
    try:
        if kind == "pdf":
            unlocked = unlock_pdf(data, passwords)
            return unlocked[0] if unlocked is not None else data
        if kind == "encrypted_ooxml":
            return unlock_office(data, passwords)[0]
    except UnreadableFile:
        pass
    return data


@dataclass
class FilesOpened:
    """What one extraction run opened, as opposed to took from the file cache: files handed to
    a reader, how many of those needed OCR, and legacy Word files converted by the batch hook."""

    read: int = 0
    ocr: int = 0
    converted: int = 0


# (part, its sha256, the .docx a batch hook prepared for it or None, the mail's passwords for
# it) → what reading it gave
FileReader = Callable[[Part, str, "bytes | None", tuple[str, ...]], FileResult]
# (stored message, its raw bytes) → the parsed mail (the intake stage, given by the caller)
MailParser = Callable[[StoredMessage, bytes], Mail]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def passwords_for(mail: Mail) -> Callable[[Part], tuple[str, ...]]:
    """The passwords a reader is given for each part of `mail`: the candidates its subject and
    body offer, for a part of a kind that may be protected; none for any other part (so that
    its cached result serves every mail)."""
    candidates = password_candidates(mail.parsed.body_text, mail.parsed.subject)
    return lambda part: candidates if part.kind in LOCKABLE_KINDS else ()


def passwords_key(passwords: tuple[str, ...]) -> str:
    """What a cached result records of the passwords it was read with: a digest, not the
    passwords ("" for none)."""
    return hashlib.sha256("\0".join(passwords).encode()).hexdigest()[:16] if passwords else ""


# --------------------------------------------------------------------------- one message

def message_to_submissions(mail: Mail, read: Callable[[Part, str], FileResult]) -> list[Submission]:
    """Pure but for `read` (which the caller caches and isolates)."""
    parsed, facts, stored = mail.parsed, mail.facts, mail.stored
    files: list[FileRef] = []
    findings: list[Finding] = []
    forms: list[ExtractedForm] = []
    form_shas: set[str] = set()
    # A workbook is a form only when no other file is (a budget or a list of experts sent as
    # .xlsx beside the form is material): workbooks are looked at last.
    for part in sorted(parsed.parts, key=lambda p: p.kind == "xlsx"):
        sha = sha256_of(part.data)
        if part.problem:
            members = [p for p in parsed.parts if p is not part and part.name in p.origin]
            if part.kind in CONTAINER_KINDS and members:
                # Some members were read; the archive is listed, and what was skipped is said.
                files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin,
                                     problem=part.problem, kind=part.kind))
                findings.append(Finding(code="UNREADABLE_FILE", severity="warning", evidence=part.name,
                                        message=f"压缩包“{part.name}”中有文件未能打开：{part.problem}"))
            else:
                files.append(FileRef(name=part.name, sha256=sha, role="unreadable", origin=part.origin,
                                     problem=part.problem, kind=part.kind))
                findings.append(unreadable_finding(part.name, part.problem))
            continue
        if part.kind not in READABLE_KINDS:
            files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin, kind=part.kind))
            continue
        if part.origin == BODY_FORM_ORIGIN and forms:
            continue  # the form is attached: the table pasted in the body is its copy, not a file
        if part.kind == "xlsx" and forms:
            files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin, kind=part.kind))
            continue
        result = read(part, sha)
        if result.problem:
            files.append(FileRef(name=part.name, sha256=sha, role="unreadable", origin=part.origin,
                                 problem=result.problem, kind=part.kind))
            findings.append(unreadable_finding(part.name, result.problem))
        elif result.form is not None:
            files.append(FileRef(name=part.name, sha256=sha, role="form", origin=part.origin, kind=part.kind))
            if sha not in form_shas:
                form_shas.add(sha)
                forms.extend((result.form, *result.others))
        elif part.origin == BODY_FORM_ORIGIN:
            continue  # the body, tried as a pasted form, is no file of the mail's when it is none
        else:
            files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin, kind=part.kind))
    distinct = distinct_forms(merge_continuations(forms))
    if len(distinct) == 1:
        # One form whose unit was not read: the covering letter may name who applies.
        distinct = [with_unit_from_mail(distinct[0], parsed.body_text, parsed.subject)]
    if len(distinct) < len(forms):
        # A form copy with no value read that was left out is listed as an attachment: the check
        # on the mail's unread forms (validators.value_checks.check_unread_forms) sees its name.
        unread = {form.sha256 for form in forms if not filled(form) and all(form is not d for d in distinct)}
        files = [ref.model_copy(update={"role": "attachment"}) if ref.role == "form" and ref.sha256 in unread else ref
                 for ref in files]
    files = mark_containers_of_forms(files, parsed.parts, {f.name for f in files if f.role == "form"})
    base = Submission(key=f"{stored.sha256}#0", kind="application", message=stored, sender=facts.sender,
                      subject=facts.subject, files=tuple(files), big_attachment_links=facts.big_attachment_links,
                      mail=facts)
    if distinct:
        return [base.model_copy(update={"key": f"{stored.sha256}#{n}", "form": form, "findings": tuple(findings)})
                for n, form in enumerate(distinct)]
    reason = facts.other_reason
    attached = [p for p in parsed.parts if p.origin != BODY_FORM_ORIGIN]
    if facts.big_attachment_links or findings or (reason is None and (facts.looks_like_submission or attached)):
        return [base.model_copy(update={"findings": (no_form_finding(facts.big_attachment_links, bool(findings),
                                                                     bool(attached)), *findings)})]
    return [base.model_copy(update={"kind": "other", "other_reason": reason or "非申报邮件"})]


def no_form_finding(links: Sequence[str], unreadable: bool, has_parts: bool) -> Finding:
    message = "邮件像是项目申报，但没有可读取的申报书"
    if links:
        message = "申报书以“超大附件”下载链接发送（链接会过期），请人工下载后登记：" + "；".join(links)
    elif unreadable:
        message = "邮件附件无法打开，未找到可读取的申报书；请联系申报单位重新发送"
    elif has_parts:
        message = "邮件附件中没有申报书（只有其他材料）；请联系申报单位补发申报书"
    return Finding(code="NO_FORM", severity="error", message=message)


def unreadable_finding(name: str, reason: str) -> Finding:
    return Finding(code="UNREADABLE_FILE", severity="error", message=f"附件“{name}”无法打开：{reason}",
                   evidence=name)


def distinct_forms(forms: list[ExtractedForm]) -> list[ExtractedForm]:
    """One email may carry the same form twice (a .docx and its PDF print, or a stamped scan):
    that is one application, read from the copy with the most values. Two different projects
    are two."""
    if any(filled(form) for form in forms):
        # A copy with no value read (a scan OCR could not pair) adds nothing to the read one.
        forms = [form for form in forms if filled(form)]
    out: list[ExtractedForm] = []
    for form in forms:
        name = (form.fields.project_name or "").replace(" ", "")
        dup = next((i for i, f in enumerate(out) if name and (f.fields.project_name or "").replace(" ", "") == name),
                   None)  # (two copies without a name are compared below, value by value)
        if dup is None:
            read_twice = next((i for i, f in enumerate(out) if _same_form_read_twice(f, form)), None)
            within = next((i for i, f in enumerate(out)
                           if _same_form_named_within(f, form) or _same_form_marked_apart(f, form)), None)
            if read_twice is not None:
                if _recognised(out[read_twice]):
                    out[read_twice] = form  # the file read as text, not the scan of it
            elif within is not None:
                out[within] = _cleaner_named(out[within], form)
            else:
                out.append(form)
        elif filled(form) > filled(out[dup]):
            out[dup] = form
    return out


# Fields a scan of a form and the form's file give alike, but two projects of one unit seldom do.
_ALIKE_FIELDS = ("applicant_org", "leader_name", "leader_phone", "funding_wan", "start_date", "end_date",
                 "subcategory", "contact_name")


def _recognised(form: ExtractedForm) -> bool:
    """Whether a form's values were recognised from pictures (OCR: evidence below full confidence)."""
    return any(ev.confidence < 1.0 for ev in form.evidence.values())


def _same_form_read_twice(a: ExtractedForm, b: ExtractedForm) -> bool:
    """A form sent as its file and as a scan (or photo) of its print, the scan's project name
    misread by a character or two (…高峰论坛 / …高峰论坛1): one read from pictures, the other
    not; the names near-identical, no numeral among what differs; at least four other values
    alike, the amount or a date among them, and none that differs."""
    if _recognised(a) == _recognised(b):
        return False
    x, y = ((f.fields.project_name or "").replace(" ", "") for f in (a, b))
    if not x or not y or abs(len(x) - len(y)) > 2:
        return False
    matcher = SequenceMatcher(None, x, y)
    if matcher.ratio() < 0.85 or any(_changes_a_number(x, y, op) for op in matcher.get_opcodes()):
        return False
    # Everything both copies give agrees, the amount or a date among it.
    return _alike_in_all_given(a, b, 4)


def _alike_in_all_given(a: ExtractedForm, b: ExtractedForm, least: int, within: bool = False) -> bool:
    """At least `least` of the values both forms give agree, none differs, the amount or a date
    among them. `within`: a value that holds the other's whole (例：湖南省××学会某科协, 张三魏强) agrees."""
    def same(u: object, v: object) -> bool:
        return u == v or (within and isinstance(u, str) and isinstance(v, str) and min(len(u), len(v)) >= 2
                          and (u in v or v in u))

    pairs = [(getattr(a.fields, k), getattr(b.fields, k)) for k in _ALIKE_FIELDS]
    both = [(u, v) for u, v in pairs if _given(u) and _given(v)]
    alike = sum(1 for u, v in both if same(u, v))
    return alike >= least and alike == len(both) and any(
        _given(getattr(a.fields, k)) and _given(getattr(b.fields, k)) for k in ("funding_wan", "start_date", "end_date"))


def _same_form_named_within(a: ExtractedForm, b: ExtractedForm) -> bool:
    """A form sent twice (a .wps and its PDF, a .doc and its scan) where one copy's project name
    carries something more around the other's whole name — a template's example left before it
    (例：2024年××学会学术年会“某论坛”), a word of a hidden prompt (年会某论坛) — and five or more
    other values agree with none differing: one application."""
    x, y = ((f.fields.project_name or "").replace(" ", "") for f in (a, b))
    short, long = sorted((x, y), key=len)
    if not short and long:
        # The copy whose name was not read at all (a scan OCR could not pair there): one form
        # when all else it gives agrees, and much of it.
        return _alike_in_all_given(a, b, 5)
    if len(short) < 6 or short == long or short not in long:
        return False
    at = long.index(short)
    extra = long[:at] + long[at + len(short):]
    # What the longer name holds more must be template text (例, ××, 某) or a word of two
    # characters or less before it (年会 of a hidden example): …学术年会 and …学术年会青年论坛,
    # alike in all else, are two projects.
    if not (re.search(r"例|××|某|XX", extra) or (at > 0 and at <= 2 and long.endswith(short))):
        return False
    return _alike_in_all_given(a, b, 5, within=True)


# A mark one copy prints after or around the project name that the other copy has not: a
# footnote's number (a Word file's raised 脚注 reference, which its PDF print keeps as a digit:
# …学术年会 1), quotes or brackets around it (「…」, 【…】, the template's placeholder's).
_NAME_MARKS_RE = re.compile(r"^[「『“\"【《\[]|[」』”\"】》\]]$")
_FOOTNOTE_NUMBER_RE = re.compile(r"(?<=[^\d\s])\s*\d{1,2}$")


def _unmarked(name: str) -> str:
    bare = _FOOTNOTE_NUMBER_RE.sub("", name.strip())
    return _NAME_MARKS_RE.sub("", bare).replace(" ", "")


def _same_form_marked_apart(a: ExtractedForm, b: ExtractedForm) -> bool:
    """A form sent as its Word file and its PDF print (both read as text), one copy's project
    name carrying a footnote's number or quotes the other's has not (长株潭蜂业防灾减灾学术年会 1,
    「服务资兴市…学会服务站」1), and five or more other values alike with none differing: one
    application. A name differing in anything else, or another value differing, is another."""
    x, y = ((f.fields.project_name or "").replace(" ", "") for f in (a, b))
    if not x or not y or x == y or _unmarked(x) != _unmarked(y) or len(_unmarked(x)) < 6:
        return False
    # One name bare, the other marked (…讲座1 and …讲座2 are two numbered projects), and the
    # copies two kinds of file: a Word file and its PDF (two .docx of one unit are two forms).
    if (_unmarked(x) == x) == (_unmarked(y) == y) or _suffix(a.file) == _suffix(b.file):
        return False
    return _alike_in_all_given(a, b, 5)


def _suffix(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _cleaner_named(a: ExtractedForm, b: ExtractedForm) -> ExtractedForm:
    """Of two copies of one form, the one whose project name is not in doubt, else the one with
    the shorter name (the other's holds more than the name)."""
    doubted = [(not f.fields.project_name, "project_name" in f.low_confidence, len(f.fields.project_name or ""))
               for f in (a, b)]
    return a if doubted[0] <= doubted[1] else b


_NUMERALS_RE = re.compile(r"[0-9０-９一二三四五六七八九十百零〇两]")


def _changes_a_number(x: str, y: str, op: tuple[str, int, int, int, int]) -> bool:
    """Whether one difference between two names changes a number in them (第十二届 / 第十三届,
    第12届 / 第2届): numerals replaced by others, or one added or dropped beside a numeral. A
    stray character OCR added after a name (…高峰论坛1) changes none."""
    tag, i1, i2, j1, j2 = op
    if tag == "equal":
        return False
    a, b = x[i1:i2], y[j1:j2]
    if not (_NUMERALS_RE.search(a) or _NUMERALS_RE.search(b)):
        return False
    if tag == "replace":
        return True
    near = x[max(i1 - 1, 0):i1] + x[i2:i2 + 1] + y[max(j1 - 1, 0):j1] + y[j2:j2 + 1]
    return bool(_NUMERALS_RE.search(near))


def merge_continuations(forms: list[ExtractedForm]) -> list[ExtractedForm]:
    """A form photographed or scanned page by page arrives as several files of one email: the
    pages after the first name no project and no unit, only the rest of the table (负责人,
    联系人, 经费…). Such a page is merged into the email's form that names a project, filling
    only what that form lacks, when no value of the two disagrees; otherwise it stays apart."""
    heads = [f for f in forms if f.fields.project_name or f.fields.applicant_org]
    out: list[ExtractedForm] = []
    for form in forms:
        if form in heads or not heads:
            out.append(form)
            continue
        head_at = next((i for i, f in enumerate(out) if f in heads and _agree(f, form)), None)
        if head_at is None:
            out.append(form)
            continue
        out[head_at] = _merged(out[head_at], form)
    return out


def _given(value: object) -> bool:
    """Whether a field's value says anything (not None, not an empty list)."""
    return value not in (None, (), [])


def _agree(head: ExtractedForm, page: ExtractedForm) -> bool:
    a, b = head.fields.model_dump(), page.fields.model_dump()
    return any(_given(v) for v in b.values()) and all(a[k] == b[k] for k in a if _given(a[k]) and _given(b[k]))


def _merged(head: ExtractedForm, page: ExtractedForm) -> ExtractedForm:
    """`head` with the values only `page` has (their evidence, doubts and notes with them)."""
    a, b = head.fields.model_dump(), page.fields.model_dump()
    taken = [k for k in a if not _given(a[k]) and _given(b[k])]
    # What the first page said of a field the next page gives (its row not found there, so
    # doubted and unread) no longer holds: the page's own doubts take its place.
    kept = [k for k in head.low_confidence if k not in taken]
    return head.model_copy(update={
        "fields": head.fields.model_copy(update={k: getattr(page.fields, k) for k in taken}),
        "evidence": {**head.evidence, **{k: v for k, v in page.evidence.items() if k in taken}},
        "low_confidence": (*kept, *(k for k in page.low_confidence if k in taken)),
        "doubts": {**{k: v for k, v in head.doubts.items() if k not in taken},
                   **{k: v for k, v in page.doubts.items() if k in taken}},
        "facts": head.facts.model_copy(update={"unread": tuple(k for k in head.facts.unread if k not in taken)}),
        "guessed": (*(k for k in head.guessed if k not in taken), *(k for k in page.guessed if k in taken)),
        "notes": (*head.notes, *page.notes, f"“{page.file}”是申报书的续页（没有项目名称和申报单位），其内容已并入“{head.file}”"),
    })


def filled(form: ExtractedForm) -> int:
    return sum(1 for v in form.fields.model_dump().values() if _given(v))


def mark_containers_of_forms(files: list[FileRef], parts: tuple[Part, ...], form_names: set[str]) -> list[FileRef]:
    """An archive whose member is the form is itself listed with role form (the contract
    accepts form or attachment for it; form tells staff where the 申报书 came from)."""
    out = []
    for ref, part in zip(files, parts):
        if part.kind in CONTAINER_KINDS and ref.role == "attachment":
            inside = [p for p in parts if p.origin and part.name in p.origin and p.name in form_names]
            if inside:
                ref = ref.model_copy(update={"role": "form"})
        out.append(ref)
    return out


def fallback_submission(stored: StoredMessage, exc: Exception) -> Submission:
    """The row of a message whose extraction failed unexpectedly: flagged, never lost."""
    finding = Finding(code="UNREADABLE_FILE", severity="error",
                      message=f"这封邮件无法解析（{exc.__class__.__name__}），原始邮件已保存，请人工查看")
    return Submission(key=f"{stored.sha256}#0", kind="application", message=stored, sender="", subject="",
                      findings=(finding,))


# --------------------------------------------------------------------------- every pending message

def read_cost(part: Part) -> int:
    """A guess at how long a file takes to read, for the order of reading only (execution.
    ReadingThreads): a photo is always read by OCR; otherwise size says most — on the ninth
    session's 500-application call the text .docx were 35–64 KB and text PDFs 92–200 KB, the
    .docx holding a pasted picture of the form 142–157 KB and scanned PDFs 146–824 KB."""
    cost = len(part.data) // 100_000
    return cost + 8 if part.kind == "image" else cost


@dataclass
class _Pending:
    """One pending message, parsed, with its files handed to the pool."""

    stored: StoredMessage
    size: int
    mail: Mail | None = None
    error: Exception | None = None


class _Reads:
    """The reads of one extraction run: cached by sha256 in the store (across polls), shared
    while in flight (within the run), prepared in batches where a reader has a batch hook.

    The results read for the message being assembled are held here (`unsaved`) until they are
    saved with its submissions (`take_unsaved`): the store keeps a message's results whole or
    not at all, so the next poll reads again exactly the files of the messages it redoes."""

    def __init__(self, store: Store, read: FileReader, patient: FileReader, pool: ReadingThreads,
                 prepare: Callable[[Sequence[PrepareItem]], list[bytes | None]]) -> None:
        self.store, self.pool, self.prepare = store, pool, prepare
        self.readers = (read, patient)
        # Keyed by (sha256, passwords): one file sent by two mails with different passwords is
        # two reads.
        self.inflight: dict[tuple[str, tuple[str, ...]], Future[FileResult]] = {}
        self.unprepared: dict[str, tuple[Part, tuple[str, ...]]] = {}
        self.unsaved: dict[tuple[str, str], str] = {}  # (file sha256, version) → result
        self.opened = FilesOpened()

    def cached_file(self, sha: str, version: str) -> str | None:
        """A file's result under `version`: read for the message being assembled, or kept."""
        hit = self.unsaved.get((sha, version))
        return hit if hit is not None else self.store.cached_file(sha, version)

    def take_unsaved(self) -> list[CachedFile]:
        """The results read for the message being assembled, to be saved with it."""
        taken = [CachedFile(sha, version, result) for (sha, version), result in self.unsaved.items()]
        self.unsaved.clear()
        return taken

    def attempts(self, sha: str) -> int:
        hit = self.cached_file(sha, ATTEMPTS_VERSION)
        return 0 if hit is None else int(hit)

    def reader_for(self, sha: str) -> FileReader:
        """The last attempt at a file gets the patient reader (a longer time limit). Main
        thread only: it asks the store."""
        return self.readers[self.attempts(sha) >= ATTEMPTS - 1]

    def prepared(self, sha: str) -> bytes | None:
        hit = self.cached_file(sha, PREPARED_VERSION)
        return None if hit is None else base64.b64decode(hit)

    def cached(self, sha: str, passwords: tuple[str, ...]) -> FileResult | None:
        """The file's kept result, if it was read with these same passwords (a result read with
        none, or other ones, says nothing about what these open)."""
        hit = self.cached_file(sha, EXTRACTION_VERSION)
        if hit is None:
            return None
        result = FileResult.from_json(hit)
        return result if result.passwords == passwords_key(passwords) else None

    def start(self, part: Part, passwords: tuple[str, ...] = ()) -> None:
        """Hand a readable part to the pool unless it was read before or is being read."""
        sha = sha256_of(part.data)
        if (sha, passwords) in self.inflight or sha in self.unprepared \
                or self.cached(sha, passwords) is not None:
            return
        if needs_preparing(part.kind) and self.cached_file(sha, PREPARED_VERSION) is None:
            self.unprepared[sha] = (part, passwords)  # converted with the next batch (prepare_waiting)
            return
        self.submit(part, sha, passwords)

    def submit(self, part: Part, sha: str, passwords: tuple[str, ...]) -> None:
        self.opened.read += 1
        self.inflight[(sha, passwords)] = self.pool.submit(self.reader_for(sha), part, sha, self.prepared(sha),
                                                           passwords, cost=read_cost(part))

    def prepare_waiting(self) -> None:
        """Run the batch hook over the parts waiting for it, cache what it made, start them."""
        if not self.unprepared:
            return
        waiting, self.unprepared = self.unprepared, {}
        items = [PrepareItem(data=p.data, name=p.name, kind=p.kind) for p, _ in waiting.values()]
        self.opened.converted += len(items)
        # Kept at once, the batch in one transaction: they belong to no one message, and a poll
        # killed before its messages are saved does not convert them again.
        made = self.prepare(items)
        self.store.cache_files([CachedFile(sha, PREPARED_VERSION, base64.b64encode(docx).decode("ascii"))
                                for sha, docx in zip(waiting, made) if docx is not None])
        for sha, (part, passwords) in waiting.items():
            self.submit(part, sha, passwords)

    def start_all(self, mail: Mail) -> None:
        """Start every readable part of `mail`, each with the passwords the mail offers for it."""
        passwords = passwords_for(mail)
        for part in mail.parsed.parts:
            if not part.problem and part.kind in READABLE_KINDS:
                self.start(part, passwords(part))

    def results_of(self, mail: Mail) -> Callable[[Part, str], FileResult]:
        """`result` for the parts of `mail` (message_to_submissions' reader for it)."""
        passwords = passwords_for(mail)
        return lambda part, sha: self.result(part, sha, passwords(part))

    def result(self, part: Part, sha: str, passwords: tuple[str, ...] = ()) -> FileResult:
        hit = self.cached(sha, passwords)
        if hit is not None:
            return hit
        future = self.inflight.pop((sha, passwords), None)
        if future is None:
            self.opened.read += 1
        result = future.result() if future is not None \
            else self.reader_for(sha)(part, sha, self.prepared(sha), passwords)
        self.opened.ocr += int(result.ocr)
        # Kept with what it was read with: the next mail offering other passwords reads again.
        result = replace(result, passwords=passwords_key(passwords))
        if result.transient:
            attempts = self.attempts(sha) + 1
            if attempts < ATTEMPTS:
                self.unsaved[(sha, ATTEMPTS_VERSION)] = str(attempts)
                return result  # shown this once, not kept: the next poll reads the file again
        self.unsaved[(sha, EXTRACTION_VERSION)] = result.to_json()
        return result

    def cancel(self) -> None:
        for future in self.inflight.values():
            future.cancel()


def extract_pending(store: Store, execution: Execution, to_mail: MailParser, *,
                    read: FileReader | None = None, progress: Callable[[str, int, int], None] | None = None,
                    since: datetime | None = None) -> int:
    """Extract every stored message that has no result at this extraction version; returns how
    many. A message whose extraction fails unexpectedly still gets a row (flagged), never a
    silent skip.

    Files of the next few messages are read concurrently (`execution.readers` isolated readers),
    but results are saved one message at a time in arrival order, each with the file results
    read for it in one transaction, from this thread only (the store is single-threaded): a
    poll killed part-way loses only unsaved work, which the next poll redoes, so every message
    is still extracted exactly once. Each attachment (by hash) is
    read at most once, across polls (the file cache) and within a poll (shared futures) — once per
    set of passwords its mails offer, for a file of a kind that may be protected."""
    retry = store.messages_with_unsettled_files(EXTRACTION_VERSION, ATTEMPTS_VERSION)
    if retry:
        store.forget_submissions(retry)
    # Mail from before the mailbox scope's start is kept unread: no register shows it, and a
    # mailbox's years of old mail would cost hours of reading (it is read if the start moves).
    pending = [m for m in store.unprocessed(EXTRACTION_VERSION) if since is None or m.internaldate >= since]
    if not pending:
        return 0  # the idle poll: no reader, no pool, no LibreOffice is started
    limits = execution.limits
    # Loaded once here, inherited by every forked reader instead of loaded again in each: the
    # labels parsed from TOML, the PDF and OCR readers imported (~0.5 s an idle poll never pays).
    load_labels()
    load_format_readers()

    def isolated(patience: float) -> FileReader:
        def read_isolated(part: Part, sha: str, prepared: bytes | None, passwords: tuple[str, ...]) -> FileResult:
            # The passwords travel bound to the job: they are data for the child, like the file.
            job = partial(read_file_job, passwords=passwords)
            return execution.isolated_reader(job, FileResult.failed, patience=patience)(part, sha, prepared)
        return read_isolated

    reader = read or isolated(1.0)
    patient = read or isolated(PATIENCE)

    def prepare(items: Sequence[PrepareItem]) -> list[bytes | None]:
        return prepare_files(items, execution.converter, run_limited=execution.run_limited,
                             per_file_timeout=limits.convert_timeout_seconds, batch_size=limits.convert_batch)

    def parse(stored: StoredMessage, reads: _Reads) -> _Pending:
        item = _Pending(stored=stored, size=stored.size)
        try:
            mail = to_mail(stored, store.read_blob(stored.sha256))
            item.mail = mail
            reads.start_all(mail)
        except (DiskFull, StoreCorrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must not lose the message
            item.error = exc
        return item

    def keep_files(items: list[_Pending]) -> None:
        """Store the files of freshly parsed messages (so that the register can link to every
        file) in one batch: one pair of filesystem syncs for the batch, not for each message
        (they were a fifth of a text-only call's extraction). Done before any of them is saved."""
        try:
            store.put_blobs([part.data for item in items if item.mail is not None for part in item.mail.parsed.parts])
        except (DiskFull, StoreCorrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - a bug must not lose the messages
            for item in items:
                item.error = item.error or exc

    with execution.pool() as pool:
        reads = _Reads(store, reader, patient, pool, prepare)
        queue: list[_Pending] = []
        stale = False
        try:
            nxt = 0
            for n in range(1, len(pending) + 1):
                if execution.cancel.is_set():
                    raise Stopped()
                # Topped up in batches, once half the lookahead is used up, so that keep_files
                # syncs once for many messages.
                fresh: list[_Pending] = []
                topping_up = 2 * len(queue) <= limits.lookahead_messages
                while topping_up and nxt < len(pending) and len(queue) < limits.lookahead_messages and \
                        (not queue or sum(q.size for q in queue) < limits.lookahead_mb * 1024 * 1024):
                    fresh.append(parse(pending[nxt], reads))
                    queue.append(fresh[-1])
                    nxt += 1
                if fresh:
                    keep_files(fresh)
                reads.prepare_waiting()
                item = queue.pop(0)
                try:
                    if item.error is not None:
                        raise item.error
                    assert item.mail is not None
                    subs = message_to_submissions(item.mail, reads.results_of(item.mail))
                    if execution.cancel.is_set():
                        raise Stopped()  # some reads were cut short: nothing of this message is kept
                except (DiskFull, StoreCorrupt, Stopped):
                    raise  # the store's trouble, not the message's: never save a false "unreadable" row
                except Exception as exc:  # noqa: BLE001 - a bug must not lose the message
                    log.error("提取邮件 %s 时出错", item.stored.sha256[:12], exc_info=exc)
                    subs = [fallback_submission(item.stored, exc)]
                checkpoint("before_extract_save")
                store.save_submissions(item.stored.sha256, EXTRACTION_VERSION, subs, reads.take_unsaved())
                if not stale:  # once is enough: only a written register resets it
                    store.set_counter("register_stale", 1)
                    stale = True
                checkpoint("extract")
                if progress:
                    progress("读取附件", n, len(pending))
        except BaseException:
            # An interrupted poll (Ctrl-C, SIGTERM, a store error) must not wait for reads nobody
            # will save: queued ones are cancelled, running ones killed (their results are never kept).
            execution.cancel.set()
            raise
        finally:
            reads.cancel()
    opened = reads.opened
    store.log_event(FILES_OPENED_EVENT, {**asdict(opened), "messages": len(pending)})
    log.info("读取 %d 封邮件：打开附件 %d 个（其中文字识别 %d 个，转换 .doc/.wps %d 个；以前读过的附件用保存的结果，不再打开）",
             len(pending), opened.read, opened.ocr, opened.converted)
    return len(pending)

"""The typed record that flows through the stages: intake → extractors → validators → outputs.

This is a leaf module: it imports no stage. Every model is frozen; a stage returns new
values and never mutates what it was given. Field names follow the register contract
(docs/register-contract.md).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- vocabulary
# One typed vocabulary for the strings that cross stages: file kinds (what intake.sniff says a
# file is), finding codes (the contract's list plus ours) and field names (the contract's).
# Every set of kinds the stages test against is defined here, once.

FileKind = Literal[
    "docx", "doc", "wps", "word2003xml", "rtf", "odt", "encrypted_ooxml", "pdf", "image",
    "zip", "rar", "7z", "tar", "eml", "tnef",
    "xlsx", "xls", "pptx", "ole", "text", "html", "ofd", "unknown",
]
FILE_KINDS: frozenset[str] = frozenset(FileKind.__args__)  # type: ignore[attr-defined]
# Word-processor files: read as .docx, the legacy ones after LibreOffice converts them.
# (RTF: what Word and WPS write for "RTF 格式", often still named .doc; ODT: LibreOffice's and
# 永中/中标 office suites' own format.)
WORD_KINDS: frozenset[str] = frozenset({"docx", "doc", "wps", "word2003xml", "rtf", "odt"})
# Legacy Word files LibreOffice must turn into .docx before they can be read.
LEGACY_WORD_KINDS: frozenset[str] = WORD_KINDS - {"docx"}
# Kinds a format reader is asked to read. encrypted_ooxml is "read" so that it becomes a clear
# UNREADABLE_FILE (or is opened with a password the mail gives) instead of a silent attachment;
# text is a plain-text file, or a form pasted into the mail's body (intake.classify.with_body_form).
READABLE_KINDS: frozenset[str] = WORD_KINDS | {"pdf", "image", "encrypted_ooxml", "text", "xlsx", "html", "ofd"}
# The origin of that body part: a file only when it gives a form (shenbao.extraction).
BODY_FORM_ORIGIN = "邮件正文"
# tar: a tar archive, plain or compressed (.tar.gz/.tgz, .tar.bz2, .tar.xz).
ARCHIVE_KINDS: frozenset[str] = frozenset({"zip", "rar", "7z", "tar"})
# Kinds whose members become parts of their own (archives, forwarded mail, winmail.dat).
CONTAINER_KINDS: frozenset[str] = ARCHIVE_KINDS | {"eml", "tnef"}
# Kinds whose pages can be rendered for the register's evidence pictures (a scanned or text
# PDF, a photographed page).
RENDERABLE_KINDS: frozenset[str] = frozenset({"pdf", "image"})
# Kinds LibreOffice can print to PDF for reviewer packets.
OFFICE_KINDS: frozenset[str] = WORD_KINDS | {"xlsx", "xls", "pptx", "text", "html"}

FindingCode = Literal[
    # the contract's codes (docs/register-contract.md): fixed
    "LATE_ELECTRONIC", "LATE_PAPER", "MISSING_FIELD", "MISSING_APPROVAL", "MISSING_CITY_REVIEW",
    "APPLICANT_NOT_ELIGIBLE", "DESIGNATED_ITEM", "FUNDING_OUT_OF_RANGE", "END_DATE_TOO_LATE",
    "JOINT_ROLES_MISSING", "REPEAT_FUNDED", "PAPER_MISSING", "PAPER_SHORT", "ELECTRONIC_MISSING",
    "NO_FORM", "UNREADABLE_FILE", "SUPERSEDED", "NEEDS_REVIEW",
    # added by shenbao
    "SERVICE_STATION_TARGETS", "FROM_JUNK_FOLDER",
]
FINDING_CODES: frozenset[str] = frozenset(FindingCode.__args__)  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- intake

class MessageLocation(Frozen):
    """Where a message was seen on a server (or a local Maildir, with uidvalidity 0)."""

    account: str
    folder: str
    uidvalidity: int
    uid: int


class RawMessage(Frozen):
    """A message exactly as fetched, before any parsing."""

    data: bytes
    location: MessageLocation
    internaldate: datetime  # must be timezone-aware: the server's receipt time (contract: received_at)
    message_id: str | None = None  # set by the intake source (intake.mime.header_message_id)


class StoredMessage(Frozen):
    """A message recorded in the store: the raw bytes live on disk under their sha256."""

    sha256: str
    message_id: str | None
    internaldate: datetime
    location: MessageLocation
    size: int


class Part(Frozen):
    """A leaf of a parsed message that may be a file: an attachment, an inline file, an
    archive member, or the member of a forwarded message.

    `name` is the decoded display name (never used as a path); `origin` says how it was
    reached, e.g. "附件" or "压缩包 申报材料.zip › 申报书.docx"."""

    name: str
    content_type: str
    data: bytes
    origin: str = ""
    kind: FileKind = "unknown"  # sniffed from the bytes (intake.sniff.sniff_kind)
    problem: str | None = None  # Chinese reason when the part could not be opened (UNREADABLE_FILE)


class ParsedMessage(Frozen):
    """What the MIME layer read from one message. Pure data; see intake.mime.parse_message."""

    message_id: str | None
    subject: str
    sender: str  # address only, lower-case
    sender_name: str = ""
    date_header: datetime | None = None  # informational only: lateness uses internaldate
    body_text: str = ""
    parts: tuple[Part, ...] = ()
    is_auto: bool = False  # Auto-Submitted / Precedence / X-Autoreply / DSN
    is_bounce: bool = False
    is_list: bool = False  # List-Id / List-Unsubscribe / List-Post: a mailing list or mass mailing
    reply_to: tuple[str, ...] = ()  # Reply-To addresses, lower-case
    big_attachment_links: tuple[str, ...] = ()  # 超大附件 links found in the body
    has_winmail: bool = False
    problems: tuple[str, ...] = ()  # Chinese notes on what could not be decoded


class MailFacts(Frozen):
    """What the intake stage concluded about a message as a whole. It travels on the
    submission and the register row, so that no later stage (replies, the register) parses the
    raw bytes again."""

    sender: str = ""  # address only, lower-case
    sender_name: str = ""
    subject: str = ""
    reply_to: tuple[str, ...] = ()
    is_auto: bool = False
    is_bounce: bool = False
    is_list: bool = False
    other_reason: str | None = None  # Chinese: why this is clearly not a submission (咨询, 退信…)
    looks_like_submission: bool = False
    big_attachment_links: tuple[str, ...] = ()
    body_snippet: str = ""  # the start of the body text (units, projects and passwords are named there)


class Mail(Frozen):
    """One stored message as the intake stage hands it on: the record, the parsed MIME and the
    facts drawn from it. Lives for one poll; never stored."""

    stored: StoredMessage
    parsed: ParsedMessage
    facts: MailFacts


# --------------------------------------------------------------------------- extraction

# Where on a page something was read: (x0, y0, x1, y1) as fractions of the page's width and
# height, measured from its top-left corner, so that any render of the page can be cropped.
Box = tuple[float, float, float, float]


def half_turned(box: Box) -> Box:
    """`box` on its page turned half a circle (a page scanned upside down, read the right way up)."""
    return (1 - box[2], 1 - box[3], 1 - box[0], 1 - box[1])


class Cell(Frozen):
    text: str
    where: str  # human-readable place: "表1 第3行第2列", "第2页 第5行", "段落12"
    page: int | None = None  # 1-based page of a PDF or image; None for Word files
    box: Box | None = None  # the text's place on that page (see Box)
    score: float | None = None  # the recogniser's own score in [0, 1], OCR text only
    # Read on a page scanned upside down: `box` is on the page as scanned (where the evidence
    # picture is cut), the form reads turned half a circle from it (extractors.fields.reading_frame).
    turned: bool = False


class Row(Frozen):
    """One visual row of a form: the deduplicated cells of a table row, a paragraph
    (one cell), a PDF text line or an OCR line (one cell per text box, left to right)."""

    cells: tuple[Cell, ...]
    source: Literal["table", "paragraph", "line", "ocr"] = "table"


class DocText(Frozen):
    """A file read by a format reader, before any field is known."""

    file: str  # display name of the file
    sha256: str
    kind: str  # docx, pdf, scan, doc, wps, ...
    rows: tuple[Row, ...]
    pages: int = 0
    ocr: bool = False
    has_revisions: bool = False
    seal: Literal["present", "absent", "unknown"] = "unknown"
    notes: tuple[str, ...] = ()  # Chinese notes (e.g. "第3页文字质量差，已改用OCR")


class Evidence(Frozen):
    """Where a value came from, and how sure the reader is."""

    file: str
    where: str
    text: str  # the raw text seen
    confidence: float = 1.0
    sha256: str = ""  # the file read (to render `page` for the register's evidence image)
    page: int | None = None  # 1-based page the value was read on (PDF, scan, photo)
    box: Box | None = None  # the value's place on that page: label and value cells together


FieldName = Literal[
    "project_name", "category", "subcategory", "applicant_org", "applicant_type", "lead_org",
    "partner_orgs", "leader_name", "leader_phone", "contact_name", "contact_phone", "contact_email",
    "funding_wan", "start_date", "end_date",
]
FIELD_NAMES: tuple[str, ...] = FieldName.__args__  # type: ignore[attr-defined]


class Fields(Frozen):
    """The contract's `fields` block. None means absent or unreadable, never a guess."""

    project_name: str | None = None
    category: str | None = None
    subcategory: str | None = None
    applicant_org: str | None = None
    applicant_type: str | None = None
    lead_org: str | None = None
    partner_orgs: tuple[str, ...] = ()
    leader_name: str | None = None
    leader_phone: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    funding_wan: float | None = None
    start_date: str | None = None  # YYYY-MM or YYYY-MM-DD
    end_date: str | None = None


class FormFacts(Frozen):
    """What the form says beyond the contract's fields, for the validators."""

    approval_text: str = ""  # the 申报单位意见 box
    # Whether the file has that box at all (filled in or empty). A workbook's one row, or a form
    # sent without its signature pages, has none: its approval cannot be checked from it.
    approval_box: bool = True
    city_review_text: str = ""  # the 市州科协审核意见 box
    is_joint: bool = False  # the form says it is a joint application (联合申报)
    budget_total_wan: float | None = None  # 经费预算 合计, converted to 万元
    total_funding_wan: float | None = None  # 项目总经费 where the form separates it from 申请经费
    content_text: str = ""  # 项目内容 and 预期目标 text (repeat checks, service-station targets)
    seal: Literal["present", "absent", "unknown"] = "unknown"
    # Fields whose printed label a scan shows but whose value could not be read: not known to
    # be missing (MISSING_FIELD would tell the unit to fill in what it may have filled in);
    # they are doubted instead, for a person to read on the page.
    unread: tuple[str, ...] = ()


def recognition_doubt(score: float) -> str:
    """An ExtractedForm's doubt (Chinese) for a value whose recogniser was itself unsure."""
    return f"扫描识别把握不足（识别分数{score:.2f}），请核对原件"


_RECOGNITION_DOUBT_RE = re.compile(r"扫描识别把握不足（识别分数\d\.\d\d），请核对原件")


def only_recognition_doubt(doubt: str) -> bool:
    """Whether every reason in `doubt` (joined by ；, none at all counting) is the recogniser's
    own uncertainty: a second source repeating the value settles those, not a value cut short
    or misplaced (a name cut after 第14届 is repeated by any subject holding the whole name)."""
    return not doubt or all(_RECOGNITION_DOUBT_RE.fullmatch(part) for part in doubt.split("；"))


class ExtractedForm(Frozen):
    """One 申报书 read from one file."""

    file: str
    sha256: str
    fields: Fields
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    facts: FormFacts = FormFacts()
    low_confidence: tuple[str, ...] = ()  # field names whose value is kept but needs a person
    # Chinese reason per doubted field (a self-check that failed, a low recogniser score…);
    # a field in low_confidence without an entry here gets the generic "识别不确定".
    doubts: dict[str, str] = Field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # Doubted fields read by elimination (the one option printed without a box): a person
    # checks them, but the rules still judge by them (validators.engine `doubted`).
    guessed: tuple[str, ...] = ()


class FileRef(Frozen):
    """The contract's `files[]` entry."""

    name: str
    sha256: str
    role: Literal["form", "attachment", "unreadable"]
    origin: str = ""
    problem: str | None = None
    kind: FileKind = "unknown"  # what intake.sniff made of its bytes (not in the contract's export)


class Finding(Frozen):
    code: FindingCode
    severity: Literal["error", "warning", "info"]
    message: str  # Chinese, specific and actionable
    field: str | None = None
    clause: str | None = None  # where in the guide the rule comes from
    evidence: str | None = None  # file/place/text seen, for the register's cell comment


class Submission(Frozen):
    """One register candidate from one message: an application (one form) or `other`.

    `key` is stable across runs and reprocessing: "<message sha256>#<n>"."""

    key: str
    kind: Literal["application", "other"]
    message: StoredMessage
    sender: str
    subject: str
    files: tuple[FileRef, ...] = ()
    form: ExtractedForm | None = None
    findings: tuple[Finding, ...] = ()  # intake/extraction findings (NO_FORM, UNREADABLE_FILE, …)
    other_reason: str | None = None  # Chinese, for kind == "other"
    big_attachment_links: tuple[str, ...] = ()
    mail: MailFacts | None = None  # None only in results saved before the facts were kept


# --------------------------------------------------------------------------- paper ledger

class Receipt(Frozen):
    """One row of the staff's paper-receipt ledger."""

    receipt_id: str  # 登记号
    received_on: date | None = None
    postmarked_on: date | None = None
    applicant_org: str = ""
    project_name: str = ""
    copies: int = 0
    handler: str = ""
    note: str = ""
    sheet: str = ""
    row_number: int = 0


class LedgerProblem(Frozen):
    sheet: str
    row_number: int
    message: str  # Chinese


class PaperMatch(Frozen):
    """The contract's `paper` block plus the matching explanation."""

    copies: int = 0
    receipt_ids: tuple[str, ...] = ()
    received_on: date | None = None
    postmarked_on: date | None = None
    score: float | None = None
    explanation: str = ""  # Chinese breakdown of the score, for the register


# --------------------------------------------------------------------------- register

class RegisterRow(Frozen):
    """One row of the register, ready for the outputs (xlsx and the JSONL contract)."""

    id: str
    key: str
    kind: Literal["application", "other"]
    electronic: bool
    message_id: str | None = None
    received_at: datetime | None = None
    sender: str | None = None
    subject: str | None = None
    files: tuple[FileRef, ...] = ()
    fields: Fields | None = None
    evidence: dict[str, Evidence] = Field(default_factory=dict)
    paper: PaperMatch = PaperMatch()
    findings: tuple[Finding, ...] = ()
    superseded_by: str | None = None
    other_reason: str | None = None
    message_sha256: str | None = None
    big_attachment_links: tuple[str, ...] = ()
    seal: Literal["present", "absent", "unknown"] = "unknown"  # 申报单位 seal seen on the form
    mail: MailFacts | None = None  # for replies; None for paper-only rows
    # What the reader noted while reading the form (Chinese): a password from the mail that
    # opened it, a cover page that disagrees with the table, a type judged from the unit's name…
    notes: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

"""The demo workspace: a Maildir of realistic submissions, the paper ledger, the funded
projects history and a settings file, all built from `shenbao.demo.catalogue`.

Layout under `root`:
    maildir/{cur,new,tmp}   one file per message, `<unix time>.<key>.demo:2,S`, in cur/,
                            whose mtime is the server's receipt time (the Maildir source
                            reads mtime as INTERNALDATE, as Dovecot does)
    receipts.xlsx           the paper-receipt ledger, typed the way people type
    history.xlsx            projects funded in 2022 and 2023
    shenbao.toml            settings pointing at all of the above
    .shenbao-demo           the sha256 of the three files above, as the demo last wrote them
    output/, data/          created empty for the pipeline

Contract: `build_workspace` is idempotent. Every byte is deterministic, a file is only
rewritten when its content differs, and mtimes are set every time, so a second run
leaves exactly the same files, contents and mtimes. Stale demo messages (from an older
catalogue) are removed; other files are never touched.

The demo's settings, ledger and history have the names an office's own files have, so a
folder may already hold the admin's shenbao.toml or the clerks' receipts.xlsx (issue 17:
`shenbao demo --dir .` replaced both, exit 0). Such a file is replaced only when it holds
what the demo writes, or what the demo wrote there last time (the sha256 noted in
`.shenbao-demo`, so that a newer catalogue or openpyxl still refreshes its own workspace);
otherwise `build_workspace` raises `DemoFilesExist` before writing anything, unless `force`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from shenbao.demo.catalogue import CASES, HISTORY, PAPER_ONLY, DemoCase, DemoReceipt, FundedProject
from shenbao.demo.forms import build_attachment_docx, build_docx, build_pdf, normalise_ooxml
from shenbao.demo.mail import build_eml

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_MAILDIR_SUFFIX = ".demo:2,S"
DEMO_MARK = ".shenbao-demo"  # "sha256  name" per file the demo last wrote, as sha256sum prints it

SETTINGS_TOML = """\
# 演示工作区的设置（由 shenbao demo 生成）。相对路径相对于本文件所在目录。
[source]
kind = "maildir"
path = "maildir"

[paths]
data_dir = "data"
output_dir = "output"
rules = "builtin:guide-2024.toml"
receipts = "receipts.xlsx"
history = "history.xlsx"

[deadlines]
electronic = "2024-04-30T17:00:00+08:00"
paper = "2024-04-30"
paper_grace_days = 3
"""

LEDGER_HEADERS = ("登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注")
HISTORY_HEADERS = ("年度", "申报单位", "项目名称", "项目类别")


@dataclass(frozen=True)
class DemoMessage:
    """One message in the demo Maildir and what the pipeline should make of it."""

    key: str
    message_id: str
    path: Path
    received_at: datetime
    kind: str  # "application" or "other"
    scenario: str
    expected_codes: frozenset[str]
    tolerated_codes: frozenset[str]
    superseded_by: str | None  # message_id of the later version
    receipt_id: str | None
    project_name: str | None
    applicant_org: str | None
    subcategory: str | None


@dataclass(frozen=True)
class DemoPaperOnly:
    receipt_id: str
    applicant_org: str
    project_name: str
    expected_codes: frozenset[str]


@dataclass(frozen=True)
class DemoWorkspace:
    root: Path
    settings: Path
    maildir: Path
    receipts: Path
    history: Path
    output_dir: Path
    data_dir: Path
    messages: tuple[DemoMessage, ...]
    paper_only: tuple[DemoPaperOnly, ...]

    def expected_codes_by_message_id(self) -> dict[str, frozenset[str]]:
        return {m.message_id: m.expected_codes for m in self.messages}


class DemoFilesExist(FileExistsError):
    """Raised by `build_workspace` when files named like the demo's hold something else (an
    office's own settings or ledger). `names` are those files; the message is for the user."""

    def __init__(self, root: Path, names: list[str]) -> None:
        super().__init__(f"目录“{root}”中已有 {'、'.join(names)}，内容不是演示生成的（可能是正式的设置文件或登记簿），"
                         "演示没有覆盖它们，也没有运行。请换一个新的空文件夹（shenbao demo --dir 新文件夹）；"
                         "确需用演示文件覆盖请加 --force")
        self.root = root
        self.names = names


# --------------------------------------------------------------------------- files

def gbk_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A zip as Chinese Windows writes it: member names in CP936 without the UTF-8 flag.

    zipfile always flags non-ASCII names as UTF-8, so members are written under ASCII
    placeholders of the same byte length and the name bytes are patched afterwards (the
    CRC covers only the data, so the archive stays valid)."""
    out = io.BytesIO()
    placeholders: list[tuple[bytes, bytes]] = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (name, data) in enumerate(members):
            raw = name.encode("gbk")
            token = f"@{i:03d}@".encode("ascii")
            placeholder = (token * (len(raw) // len(token) + 1))[:len(raw)]
            placeholders.append((placeholder, raw))
            info = zipfile.ZipInfo(placeholder.decode("ascii"), date_time=(2024, 4, 19, 17, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # MS-DOS, as Windows' built-in zip writes
            zf.writestr(info, data)
    patched = out.getvalue()
    for placeholder, raw in placeholders:
        if patched.count(placeholder) != 2:  # local header + central directory
            raise RuntimeError("zip placeholder is ambiguous")
        patched = patched.replace(placeholder, raw)
    return patched


def case_attachments(case: DemoCase) -> list[tuple[str, bytes, str]]:
    """The files the case's mail carries, as (filename, bytes, content type)."""
    if case.form is None or case.form_format is None:
        return []
    supporting = [(name, build_attachment_docx(doc)) for name, doc in case.supporting]
    if case.form_format == "zip_gbk":
        archive = gbk_zip([(case.form_filename, build_docx(case.form)), *supporting])
        return [(case.zip_filename, archive, "application/x-zip-compressed")]
    if case.form_format == "pdf":
        form = (case.form_filename, build_pdf(case.form), "application/pdf")
    else:
        form = (case.form_filename, build_docx(case.form), _DOCX)
    return [form, *((name, data, _DOCX) for name, data in supporting)]


@functools.lru_cache(maxsize=64)
def case_to_eml(case: DemoCase) -> bytes:
    """The case's message bytes (cached: building forms is the slow part of a rebuild)."""
    return build_eml(
        sender=case.sender, sender_name=case.sender_name, subject=case.subject, body=case.body,
        attachments=case_attachments(case), date=case.sent_at, message_id=case.message_id,
        client_style=case.client, received_at=case.received_at, extra_headers=case.extra_headers,
    )


def maildir_name(case: DemoCase) -> str:
    return f"{int(case.received_at.timestamp())}.{case.key}{_MAILDIR_SUFFIX}"


def receipts_to_xlsx(receipts: list[DemoReceipt]) -> bytes:
    """The paper ledger: real dates in some cells, dates typed as text in others."""
    wb = Workbook()
    ws = wb.active
    ws.title = "纸质件登记"
    ws.append(LEDGER_HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in sorted(receipts, key=lambda r: r.receipt_id):
        ws.append((r.receipt_id, r.received_on, r.postmarked_on, r.applicant_org,
                   r.project_name, r.copies, r.handler, r.note or None))
        for cell in ws[ws.max_row][1:3]:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
    for col, width in zip("ABCDEFGH", (9, 14, 14, 30, 44, 6, 8, 12)):
        ws.column_dimensions[col].width = width
    raw = io.BytesIO()
    wb.save(raw)
    return normalise_ooxml(raw.getvalue())


def history_to_xlsx(rows: tuple[FundedProject, ...]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "已立项项目"
    ws.append(HISTORY_HEADERS)
    for row in rows:
        ws.append((row.year, row.applicant_org, row.project_name, row.subcategory))
    raw = io.BytesIO()
    wb.save(raw)
    return normalise_ooxml(raw.getvalue())


def _write_if_changed(path: Path, data: bytes, tmp_dir: Path) -> None:
    """Atomic write (temp + os.replace), skipped when the file already holds `data`."""
    if path.exists() and path.read_bytes() == data:
        return
    tmp = tmp_dir / f".{path.name}.part"
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def demo_marks(root: Path) -> dict[str, str]:
    """name -> sha256 of the files the demo last wrote under `root` (empty when it never did)."""
    try:
        text = (root / DEMO_MARK).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {name: digest for digest, _, name in (line.partition("  ") for line in text.splitlines()) if name}


def foreign_files(root: Path, files: dict[str, bytes]) -> list[str]:
    """The names among `files` that exist under `root` holding neither the demo's bytes nor
    what the demo last wrote there."""
    marks = demo_marks(root)
    foreign = []
    for name, data in files.items():
        path = root / name
        if not (path.exists() or path.is_symlink()):
            continue
        try:
            held = path.read_bytes()
        except OSError:  # a folder or a dangling link by that name: not ours to replace either
            foreign.append(name)
            continue
        if held != data and _sha256(held) != marks.get(name):
            foreign.append(name)
    return foreign


# --------------------------------------------------------------------------- workspace

def build_workspace(root: Path, *, force: bool = False) -> DemoWorkspace:
    """Create (or refresh) the demo workspace under `root`; see the module docstring. Raises
    `DemoFilesExist`, having written nothing, when the settings, ledger or history file there
    is not the demo's, unless `force`."""
    root = Path(root)
    receipts = [c.receipt for c in CASES if c.receipt] + [r for r, _ in PAPER_ONLY]
    top_files = {"receipts.xlsx": receipts_to_xlsx(receipts), "history.xlsx": history_to_xlsx(HISTORY),
                 "shenbao.toml": SETTINGS_TOML.encode("utf-8")}
    if not force and (foreign := foreign_files(root, top_files)):
        raise DemoFilesExist(root, foreign)
    maildir = root / "maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    (root / "output").mkdir(exist_ok=True)
    (root / "data").mkdir(exist_ok=True)

    by_key = {c.key: c for c in CASES}
    wanted: set[str] = set()
    messages: list[DemoMessage] = []
    for case in CASES:
        name = maildir_name(case)
        wanted.add(name)
        path = maildir / "cur" / name
        _write_if_changed(path, case_to_eml(case), maildir / "tmp")
        stamp = case.received_at.timestamp()
        os.utime(path, (stamp, stamp))
        later = by_key[case.superseded_by].message_id if case.superseded_by else None
        messages.append(DemoMessage(
            key=case.key, message_id=case.message_id, path=path, received_at=case.received_at, kind=case.kind,
            scenario=case.scenario, expected_codes=case.expected_codes, tolerated_codes=case.tolerated_codes,
            superseded_by=later, receipt_id=case.receipt.receipt_id if case.receipt else None,
            project_name=case.form.project_name if case.form else None,
            applicant_org=case.form.applicant_org if case.form else None,
            subcategory=case.form.subcategory if case.form else None,
        ))
    for sub in ("cur", "new"):
        for stale in (maildir / sub).iterdir():
            if stale.name.endswith(_MAILDIR_SUFFIX) and stale.name not in wanted:
                stale.unlink()

    for name, data in top_files.items():
        _write_if_changed(root / name, data, root)
    marks = "".join(f"{_sha256(data)}  {name}\n" for name, data in top_files.items())
    _write_if_changed(root / DEMO_MARK, marks.encode("utf-8"), root)

    return DemoWorkspace(
        root=root, settings=root / "shenbao.toml", maildir=maildir, receipts=root / "receipts.xlsx",
        history=root / "history.xlsx", output_dir=root / "output", data_dir=root / "data",
        messages=tuple(messages),
        paper_only=tuple(DemoPaperOnly(r.receipt_id, r.applicant_org, r.project_name, codes) for r, codes in PAPER_ONLY),
    )

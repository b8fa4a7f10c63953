"""From one stored message to its register candidates (Submission values).

parse the MIME → read every file part with the reader its bytes call for (in an isolated
worker) → pick the 申报书 among the files by content → one application per distinct form,
or one `other` / `NO_FORM` row. Each file's result is cached by its sha256, so the same
attachment (a resend, a second copy) is never read twice.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

from shenbao.extractors.errors import UnreadableFile
from shenbao.isolation import DEFAULT_MEMORY_MB, Isolated, run_isolated
from shenbao.record import (DocText, ExtractedForm, FileRef, Finding, ParsedMessage, Part, StoredMessage,
                            Submission)

log = logging.getLogger("shenbao.processing")

# Bump when extraction changes, so that `reprocess` / the next poll re-reads stored mail.
EXTRACTION_VERSION = "2026.11.29-2"

WORD_KINDS = {"docx", "doc", "wps", "word2003xml"}
# encrypted_ooxml and ole are "read" so that they become a clear UNREADABLE_FILE (or, for an
# OLE file that is really a Word document, a conversion) instead of a silent attachment.
READABLE_KINDS = WORD_KINDS | {"pdf", "image", "encrypted_ooxml"}
CONTAINER_KINDS = {"zip", "rar", "7z", "eml", "tnef"}


@dataclass(frozen=True)
class FileResult:
    """What reading one file gave: a form, a non-form document, or a reason it is unreadable."""

    form: ExtractedForm | None = None
    score: float = 0.0
    problem: str | None = None
    ocr: bool = False  # the file needed OCR (tells the parent to keep an engine warm for the next)

    def to_json(self) -> str:
        return json.dumps({"form": self.form.model_dump(mode="json") if self.form else None,
                           "score": self.score, "problem": self.problem, "ocr": self.ocr}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> FileResult:
        d = json.loads(text)
        return cls(form=ExtractedForm.model_validate(d["form"]) if d["form"] else None,
                   score=float(d["score"]), problem=d["problem"], ocr=bool(d.get("ocr", False)))


def read_document(data: bytes, name: str, kind: str, sha256: str) -> DocText:
    """Bytes → DocText with the reader for the sniffed kind. Raises UnreadableFile.

    A doc/wps/word2003xml `kind` whose `data` is a zip is that file already converted to .docx
    (the pipeline converts such files in batches): it is read as is, and keeps its `kind`."""
    if kind == "encrypted_ooxml":
        raise UnreadableFile("文件已加密（需要密码），无法打开")
    if kind in WORD_KINDS:
        from shenbao.extractors import convert, docx_reader

        if kind == "docx":
            try:
                return docx_reader.docx_to_doctext(data, name, sha256)
            except UnreadableFile:
                if not convert.available():
                    raise
                # A docx that python-docx/lxml cannot read may still open in LibreOffice (D4, D11).
                repaired = convert.to_docx(data, name, kind)
                return docx_reader.docx_to_doctext(repaired, name, sha256)
        if data[:4] == b"PK\x03\x04":
            # A real .doc/.wps is OLE and Word 2003 XML is XML, never a zip: these bytes are the
            # .docx the pipeline already converted them to in its batch (pipeline.preconvert_word_files).
            docx = data
        elif not convert.available():
            raise UnreadableFile(f"无法读取 .{kind} 文件：本机未安装 LibreOffice")
        else:
            docx = convert.to_docx(data, name, kind)
        doc = docx_reader.docx_to_doctext(docx, name, sha256)
        return doc.model_copy(update={"kind": kind})
    if kind == "pdf":
        from shenbao.extractors import pdf_reader

        return pdf_reader.pdf_to_doctext(data, name, sha256)
    if kind == "image":
        from shenbao.extractors import ocr_reader

        return ocr_reader.image_to_doctext(data, name, sha256)
    raise UnreadableFile(f"不支持的文件类型（{kind}）")


def read_file_job(data: bytes, name: str, kind: str, sha256: str) -> FileResult:
    """The isolated job: read, then look for a form. Returns a FileResult, never raises for
    document problems."""
    from shenbao.extractors.fields import score_and_form

    try:
        doc = read_document(data, name, kind, sha256)
    except UnreadableFile as exc:
        return FileResult(problem=exc.reason)
    score, form = score_and_form(doc)
    return FileResult(form=form, score=score, ocr=doc.ocr)


FileReader = Callable[[Part, str], FileResult]


def preload_readers() -> None:
    """Import the format readers in this process, so that every forked worker starts with them
    instead of importing them again per file (pdfplumber + pypdfium2 alone take ~0.2 s, more
    than reading a typical form). Called only when there is something to read: an idle poll
    never pays for it. The OCR reader is left to the workers that need it: it manages its own
    engine processes, and OCR takes seconds per page anyway."""
    import shenbao.extractors.convert
    import shenbao.extractors.docx_reader
    import shenbao.extractors.fields
    import shenbao.extractors.pdf_reader  # noqa: F401
    from shenbao.extractors.labels import load_labels

    load_labels()  # parsed once here, inherited by every worker, instead of from TOML in each


def isolated_reader(timeout: float | None = None, memory_mb: int | None = None) -> FileReader:
    """A reader that reads each file in a worker process (see shenbao.isolation).

    Limits: `timeout` seconds of wall clock (default: env SHENBAO_FILE_TIMEOUT, else 180) and
    `memory_mb` of address space (default: env SHENBAO_FILE_MEMORY_MB, else the isolation
    default). A file that hits a limit, or whose reader fails with an unexpected exception (a
    parser bug on a hostile file), becomes a FileResult with a Chinese problem: one bad file
    never costs the other files of its message.

    Safe to call from several threads at once (each call forks its own worker): the pipeline
    reads files of different messages concurrently. Creating it preloads the readers."""
    preload_readers()
    limit = timeout if timeout is not None else _env_number("SHENBAO_FILE_TIMEOUT", 180.0)
    memory = memory_mb if memory_mb is not None else int(_env_number("SHENBAO_FILE_MEMORY_MB", DEFAULT_MEMORY_MB))

    def read(part: Part, sha256: str) -> FileResult:
        if part.kind == "image":
            warm_ocr_engine()  # an image is always read by OCR
        try:
            result = run_isolated(read_file_job, part.data, part.name, part.kind, sha256, timeout=limit,
                                  memory_mb=memory)
        except Exception as exc:  # noqa: BLE001 - a reader bug on one file is that file's problem
            log.warning("读取附件 %s 时解析器出错：%s", part.name, type(exc).__name__)
            return FileResult(problem=f"文件结构异常，解析器无法读取（{type(exc).__name__}）")
        if isinstance(result, Isolated):
            return FileResult(problem=result.reason)
        if result.ocr:
            warm_ocr_engine()  # scans come in runs: the next one's worker inherits the engine
        return result  # type: ignore[no-any-return]

    return read


_warm_lock = threading.Lock()
_warm = False


def warm_ocr_engine() -> None:
    """Build and warm the OCR engine in this (the parent) process, once.

    Every file is read in a forked worker; a worker that OCRs must otherwise load the models
    and run a first, slow inference itself (~1 s of CPU), and so must the helper it forks for
    the second core — 2 s per scanned file, a fifth of reading it. Forked after this, both
    start with a warm engine (copy-on-write). Only done once a file has needed OCR, so mail
    without scans never pays for the engine or its memory."""
    global _warm
    with _warm_lock:
        if _warm:
            return
        _warm = True
        try:
            from shenbao.extractors.ocr_reader import warm_engine

            warm_engine()
        except Exception as exc:  # noqa: BLE001 - workers then build their own engine, as before
            log.warning("预加载OCR引擎失败：%r", exc)


def _env_number(name: str, default: float) -> float:
    """A positive number from the environment, or `default` when unset or not a positive number."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def message_to_submissions(stored: StoredMessage, parsed: ParsedMessage, read: FileReader,
                           sha_of: Callable[[bytes], str]) -> list[Submission]:
    """Pure but for `read` (which the caller may cache or isolate)."""
    files: list[FileRef] = []
    findings: list[Finding] = []
    forms: list[tuple[int, ExtractedForm]] = []
    form_shas: set[str] = set()
    for index, part in enumerate(parsed.parts):
        sha = sha_of(part.data)
        if part.problem:
            members = [p for p in parsed.parts if p is not part and part.name in p.origin]
            if part.kind in CONTAINER_KINDS and members:
                # Some members were read; the archive is listed, and what was skipped is said.
                files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin,
                                     problem=part.problem))
                findings.append(Finding(code="UNREADABLE_FILE", severity="warning", evidence=part.name,
                                        message=f"压缩包“{part.name}”中有文件未能打开：{part.problem}"))
            else:
                files.append(FileRef(name=part.name, sha256=sha, role="unreadable", origin=part.origin,
                                     problem=part.problem))
                findings.append(unreadable_finding(part.name, part.problem))
            continue
        if part.kind not in READABLE_KINDS:
            files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin))
            continue
        result = read(part, sha)
        if result.problem:
            files.append(FileRef(name=part.name, sha256=sha, role="unreadable", origin=part.origin, problem=result.problem))
            findings.append(unreadable_finding(part.name, result.problem))
        elif result.form is not None:
            files.append(FileRef(name=part.name, sha256=sha, role="form", origin=part.origin))
            if sha not in form_shas:
                form_shas.add(sha)
                forms.append((index, result.form))
        else:
            files.append(FileRef(name=part.name, sha256=sha, role="attachment", origin=part.origin))
    files = mark_containers_of_forms(files, parsed.parts, {f.name for f in files if f.role == "form"})
    base = Submission(key=f"{stored.sha256}#0", kind="application", message=stored, sender=parsed.sender,
                      subject=parsed.subject, files=tuple(files), big_attachment_links=parsed.big_attachment_links)
    distinct = distinct_forms([f for _, f in forms])
    if distinct:
        return [base.model_copy(update={"key": f"{stored.sha256}#{n}", "form": form, "findings": tuple(findings)})
                for n, form in enumerate(distinct)]
    from shenbao.intake.classify import looks_like_submission, other_reason

    reason = other_reason(parsed)
    if parsed.big_attachment_links or findings or (reason is None and looks_like_submission(parsed)) \
            or (reason is None and parsed.parts):
        message = "邮件像是项目申报，但没有可读取的申报书"
        if parsed.big_attachment_links:
            message = "申报书以“超大附件”下载链接发送（链接会过期），请人工下载后登记：" + "；".join(parsed.big_attachment_links)
        elif findings:
            message = "邮件附件无法打开，未找到可读取的申报书；请联系申报单位重新发送"
        elif parsed.parts:
            message = "邮件附件中没有申报书（只有其他材料）；请联系申报单位补发申报书"
        no_form = Finding(code="NO_FORM", severity="error", message=message)
        return [base.model_copy(update={"findings": (no_form, *findings)})]
    return [base.model_copy(update={"kind": "other", "other_reason": reason or "非申报邮件"})]


def unreadable_finding(name: str, reason: str) -> Finding:
    return Finding(code="UNREADABLE_FILE", severity="error", message=f"附件“{name}”无法打开：{reason}",
                   evidence=name)


def distinct_forms(forms: list[ExtractedForm]) -> list[ExtractedForm]:
    """One email may carry the same form twice (a .docx and its PDF print, or a stamped scan):
    that is one application. Two different projects are two."""
    out: list[ExtractedForm] = []
    for form in forms:
        name = (form.fields.project_name or "").replace(" ", "")
        dup = next((i for i, f in enumerate(out) if name and (f.fields.project_name or "").replace(" ", "") == name), None)
        if dup is None:
            out.append(form)
        elif filled(form) > filled(out[dup]):
            out[dup] = form
    return out


def filled(form: ExtractedForm) -> int:
    return sum(1 for v in form.fields.model_dump().values() if v not in (None, (), []))


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

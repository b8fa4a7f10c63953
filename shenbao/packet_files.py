"""`shenbao packets`: reviewer packets from the current register.

    build_all(settings)  =  register rows (as `shenbao export` sees them)
                         →  each application's files chosen for reviewers (files_for_reviewers)
                         →  every office file printed to PDF by LibreOffice, each within its own
                            time limit (execution.office_files_to_pdfs)
                         →  outputs.packets.build_packets into a fresh folder (each row's case
                            decided with the electronic deadline, as the register decides it)
                         →  that folder swapped in as settings.paths.packets_dir

Which files of an application go in its packet: its 申报书 (role "form") and its supporting
files (role "attachment"), each as the file itself — when the form came inside a zip (or a
forwarded message), the member, never the archive, because the archive's members are listed
(and stored as blobs) on their own. Files that could not be opened (role "unreadable") are
left out. When one message carried several 申报书 (one register row each), a row keeps only
the form its fields were read from.

A file LibreOffice cannot print in time (or at all) is packed as it is, and the packet's index
notes it with the reason (outputs.packets); it never holds up the other files. No LibreOffice
outlives the run: the one started for it is ended when the conversion is over, also when the
command is interrupted (SIGTERM arrives here as an exception, so every `finally` runs).

The data-directory lock is held for the whole run, so a poll cannot change the store while
packets are built. packets_dir is generated output: it is replaced as a whole on each run
(an old packet for a reviewer no longer configured must not linger and be sent by mistake).

This module is the I/O edge of `shenbao packets` (store, LibreOffice, the packets folder);
what goes in a packet and how it is laid out is `outputs.packets`, which touches nothing but
the folder it is given.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import shutil
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PIL import Image, ImageSequence

from shenbao.execution import office_files_to_pdfs
from shenbao.lock import DataDirLock
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.outputs.packets import Reviewer, build_packets, guide_item_names, reviewer_warnings
from shenbao.pipeline import build_rows, load_inputs
from shenbao.register_files import EXPORT_NAME
from shenbao.record import CONTAINER_KINDS, OFFICE_KINDS, FileKind, FileRef, RegisterRow
from shenbao.settings import LimitSettings, ReviewerSettings, Settings
from shenbao.store import Store

log = logging.getLogger("shenbao.packets")

Progress = Callable[[str, int, int], None]


def build_all(settings: Settings, *, progress: Progress | None = None) -> Path:
    """Build every reviewer packet under settings.paths.packets_dir and return that folder
    (or, when the old folder cannot be replaced because a file in it is open, the dated
    folder beside it that holds the new packets)."""
    target = settings.resolve(settings.paths.packets_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    deadline = load_inputs(settings).guide.deadlines.electronic  # the settings' override applied
    with DataDirLock(settings.data_dir, "packets"), Store(settings.data_dir) as store:
        rows = [with_files_for_reviewers(row) for row in build_rows(store, settings)]
        pdfs = convert_to_pdfs(_files_to_convert(rows), store.blob_path, limits=settings.limits, progress=progress)

        def to_pdf(data: bytes, name: str) -> bytes:
            result = pdfs.get(hashlib.sha256(data).hexdigest())
            if result is None:
                raise ValueError("无法转换：不是可转换为PDF的文件类型")
            if isinstance(result, Exception):
                raise result
            return result

        def step(done: int, total: int) -> None:
            if progress:
                progress("生成评审材料", done, total)

        work = Path(tempfile.mkdtemp(prefix=f".tmp-{target.name}-", dir=target.parent))
        try:
            build_packets(rows, store.blob_path, work, reviewers=reviewers_from(settings.reviewers),
                          convert_to_pdf=to_pdf, progress=step, now=datetime.now(LOCAL_TZ), deadline=deadline)
            return swap_in(work, target)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def reviewers_from(settings: Sequence[ReviewerSettings]) -> list[Reviewer]:
    """outputs.packets.Reviewer for each configured reviewer (or group)."""
    return [Reviewer(name=r.name, unit=r.unit, items=r.items, partner_units=r.partner_units) for r in settings]


def reviewer_settings_warnings(settings: Settings) -> list[str]:
    """check-config's warnings about [[reviewers]] (outputs.packets.reviewer_warnings): items
    checked against the rules file (already checked by then: input_problems), partner units against the units of the last register
    export (register.jsonl; none yet: the unit check is skipped, with a note)."""
    if not settings.reviewers:
        return []
    return reviewer_warnings(reviewers_from(settings.reviewers), guide_item_names(settings.rules_path()),
                             register_units(settings.output_dir / EXPORT_NAME))


def register_units(export: Path) -> list[str] | None:
    """Every applicant, lead and partner unit named in the register export, or None when there
    is no export yet."""
    try:
        lines = export.read_text("utf-8").splitlines()
    except FileNotFoundError:
        return None
    units: list[str] = []
    for line in lines:
        fields = json.loads(line).get("fields") if line.strip() else None
        if isinstance(fields, dict):
            named = [fields.get("applicant_org"), fields.get("lead_org"), *(fields.get("partner_orgs") or [])]
            units += [u for u in named if isinstance(u, str) and u]
    return units


def files_for_reviewers(row: RegisterRow, kind_of: Callable[[FileRef], FileKind] = lambda ref: ref.kind
                        ) -> tuple[FileRef, ...]:
    """The files of `row` that go to reviewers (see the module docstring). `kind_of` gives a
    file's kind (by default what intake.sniff said when the mail was read)."""
    readable = [f for f in row.files if f.role != "unreadable"]
    kept = []
    for ref in readable:
        if kind_of(ref) in CONTAINER_KINDS:
            members = [f for f in readable if f is not ref and ref.name in f.origin]
            if members:  # the members go instead of the archive
                continue
        kept.append(ref)
    forms = [f for f in kept if f.role == "form"]
    source = row.evidence.get("project_name") or row.evidence.get("applicant_org")
    if len(forms) > 1 and source is not None and any(f.name == source.file for f in forms):
        kept = [f for f in kept if f.role != "form" or f.name == source.file]
    return tuple(kept)


def with_files_for_reviewers(row: RegisterRow) -> RegisterRow:
    """`row` with `files` narrowed to what reviewers receive."""
    return row.model_copy(update={"files": files_for_reviewers(row)}) if row.files else row


def _files_to_convert(rows: Sequence[RegisterRow]) -> dict[str, FileRef]:
    """sha256 → file of every file a packet may need as PDF (packets skip superseded rows
    and `other` mail, so their files are not converted)."""
    wanted: dict[str, FileRef] = {}
    for row in rows:
        if row.kind == "application" and not row.superseded_by:
            for ref in row.files:
                wanted.setdefault(ref.sha256, ref)
    return wanted


def convert_to_pdfs(files: dict[str, FileRef], blob_path: Callable[[str], Path], *,
                    limits: LimitSettings | None = None, progress: Progress | None = None
                    ) -> dict[str, bytes | Exception]:
    """PDF bytes (or the reason it failed) for each sha256 in `files` that is an office file
    or an image; PDFs and other kinds are not in the result. Office files (record.OFFICE_KINDS)
    go through LibreOffice, each within `limits.convert_timeout_seconds`
    (execution.office_files_to_pdfs); images go through Pillow."""
    limits = limits or LimitSettings()
    office: list[tuple[str, bytes, FileKind]] = []
    out: dict[str, bytes | Exception] = {}
    for sha, ref in files.items():
        try:
            data = blob_path(sha).read_bytes()
        except OSError:
            continue  # build_packets notes the missing file
        kind = ref.kind
        if kind in OFFICE_KINDS:
            office.append((sha, data, kind))
        elif kind == "image":
            out[sha] = _image_to_pdf(data)
        elif kind == "pdf":  # "%PDF-" found after some junk: readers cope, keep it as it is
            out[sha] = data
    if office:
        def step(done: int) -> None:
            if progress:
                progress("转换为PDF", done, len(office))

        step(0)
        results = office_files_to_pdfs([(data, kind) for _, data, kind in office], limits.convert_timeout_seconds,
                                       limits.convert_batch, progress=step)
        for (sha, _, _), result in zip(office, results):
            out[sha] = result
    return out


def _image_to_pdf(data: bytes) -> bytes | Exception:
    """A scanned page (JPEG/PNG/…) as a one-page-per-frame PDF."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(image)]
        buf = io.BytesIO()
        frames[0].save(buf, "PDF", resolution=150.0, save_all=True, append_images=frames[1:])
        return buf.getvalue()
    except Exception as exc:  # noqa: BLE001 - a bad image is packed as it is, with a note
        return ValueError(f"图片无法转换（{exc.__class__.__name__}）")


def swap_in(built: Path, target: Path) -> Path:
    """Move the freshly built folder to `target`, replacing what was there. When the old
    folder cannot be moved (on Windows, a file in it is open), the new packets go to a dated
    folder beside it instead, and that folder is returned."""
    old = target.with_name(f".old-{target.name}-{datetime.now():%Y%m%d%H%M%S%f}")
    if target.exists():
        try:
            target.rename(old)
        except OSError:
            fallback = target.with_name(f"{target.name}_{datetime.now():%Y%m%d-%H%M%S}")
            built.rename(fallback)
            log.warning("评审材料文件夹 %s 正被占用，新材料包写在 %s", target, fallback)
            return fallback
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


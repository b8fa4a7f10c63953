"""Reviewer packets: per guide item (and per reviewer, when reviewers are given) a folder and
a zip with every current application's files, one merged PDF with a bookmark per
application, and an index workbook.

Contract of `build_packets`:
- superseded rows and `other` mail are never packed;
- a row with an error finding listed in register.toml [packets] formal_fail_codes (late,
  ineligible applicant, designated item, …) is not packed: it is listed on the index's
  形式审查未通过 sheet instead;
- a reviewer never receives an application whose applicant, lead or partner unit is the
  reviewer's own unit or one of their `partner_units` (compared with validators.org_names.same_org);
  the index's 回避 sheet says which were withheld and why;
- file names are `编号_申报单位_项目名称.ext`, safe on Windows, macOS and Linux
  (outputs.filenames.safe_file_name, at most 100 characters and 200 UTF-8 bytes); the zip
  stores them in UTF-8 (flag 0x800) so Chinese Windows does not read them as GBK;
- a folder is built beside its final place and then swapped in, so a packet folder is never
  half old and half new;
- `out_dir/总览.xlsx` (name from register.toml) lists every packet, every application that
  failed the formal check (all items), and every passing application that reached no
  reviewer (no reviewer for its item, or every reviewer of the item withheld), with why.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.properties import PageSetupProperties
from pypdf import PdfReader, PdfWriter

from shenbao.outputs.cells import cell_value, column_width
from shenbao.outputs.export_jsonl import id_sort_key
from shenbao.outputs.filenames import fit_utf8, safe_file_name
from shenbao.outputs.labels_zh import RegisterLabels, load_register_words
from shenbao.record import FileRef, RegisterRow
from shenbao.validators.org_names import same_org

log = logging.getLogger(__name__)

NAME_LIMIT = 100
NAME_BYTES = 200
_ATTACHMENT_PREFIX = re.compile(r"^\s*附件\s*[0-9一二三四五六七八九十]*\s*[：:、．.\-_ ]*")
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Reviewer:
    """An expert (or a group): their unit and `partner_units` decide conflicts of interest;
    `items` empty means every item."""

    name: str
    unit: str
    items: tuple[str, ...] = ()
    partner_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class Packet:
    item: str
    reviewer: str | None
    folder: Path
    zip_path: Path
    merged_pdf: Path | None
    index: Path
    packed: tuple[str, ...]  # ids
    failed: tuple[str, ...] = ()  # ids that failed the formal check
    withheld: tuple[tuple[str, str], ...] = ()  # (id, reason)
    notes: tuple[str, ...] = field(default_factory=tuple)


def _safe_name(text: str, max_chars: int = NAME_LIMIT) -> str:
    """A packet file or folder name: titles are text, so a `/` in them is kept as `_`."""
    return safe_file_name(text, max_chars=max_chars, max_bytes=NAME_BYTES, keep_path=True)


def _packet_name(title: str, suffix: str, ext: str) -> str:
    """`title + suffix + ext` made safe, shortening the title (never the suffix, which keeps
    names distinct) to fit the length limits."""
    room_chars = NAME_LIMIT - len(suffix) - len(ext)
    room_bytes = NAME_BYTES - len(suffix.encode()) - len(ext.encode())
    return _safe_name(fit_utf8(title[: max(12, room_chars)], max(36, room_bytes)) + suffix + ext)


def _ext(name: str) -> str:
    suffix = PurePosixPath(name.replace("\\", "/")).suffix
    return suffix.lower() if 1 < len(suffix) <= 8 else ""


def _title(row: RegisterRow) -> str:
    f = row.fields
    parts = [row.id, (f.applicant_org if f else None) or "", (f.project_name if f else None) or ""]
    return "_".join(p for p in parts if p)


def _formal_failures(row: RegisterRow, labels: RegisterLabels) -> list[str]:
    codes = set(labels.packets["formal_fail_codes"])
    return [f.message for f in row.findings if f.severity == "error" and f.code in codes]


def _opinion(row: RegisterRow, labels: RegisterLabels) -> str:
    t = labels.packet_text
    failed = _formal_failures(row, labels)
    if failed:
        return str(t["opinion_fail"]).format(problems="；".join(failed))
    errors = [f.message for f in row.findings if f.severity == "error"]
    return str(t["opinion_note"]).format(problems="；".join(errors)) if errors else str(t["opinion_pass"])


def _conflict(row: RegisterRow, reviewer: Reviewer, labels: RegisterLabels) -> str | None:
    """The withheld reason when the reviewer's unit takes part in the application."""
    f = row.fields
    if f is None:
        return None
    t = labels.packet_text
    roles = [(f.applicant_org, t["role_applicant"]), (f.lead_org, t["role_lead"])]
    roles += [(org, t["role_partner"]) for org in f.partner_orgs]
    units = [(reviewer.unit, "withheld_reason")] + [(u, "withheld_reason_related") for u in reviewer.partner_units]
    for unit, key in units:
        for org, role in roles:
            if unit and same_org(org, unit):
                return str(t[key]).format(name=reviewer.name, unit=unit, role=role)
    return None


@dataclass
class _Built:
    """One application's files as they go into a packet."""

    row: RegisterRow
    files: list[tuple[str, bytes]]  # (packet name, bytes)
    pdfs: list[tuple[str, bytes]]  # (display name, PDF bytes) for the merged PDF
    notes: list[str]


def _prepare(
    row: RegisterRow, blob_path: Callable[[str], Path],
    convert_to_pdf: Callable[[bytes, str], bytes] | None, labels: RegisterLabels,
) -> _Built:
    t = labels.packet_text
    built = _Built(row=row, files=[], pdfs=[], notes=[])
    refs: list[FileRef] = sorted((f for f in row.files if f.role != "unreadable"), key=lambda f: f.role != "form")
    if not refs and not row.electronic:
        built.notes.append(t["no_files"])
    used: set[str] = set()
    attachment_no = 0
    for ref in refs:
        path = blob_path(ref.sha256)
        try:
            data = path.read_bytes()
        except OSError:
            built.notes.append(t["blob_missing"].format(file=ref.name))
            continue
        ext = _ext(ref.name)
        if not data.startswith(b"%PDF") and convert_to_pdf is not None and ext not in {".zip", ".rar", ".7z"}:
            try:
                data, ext = convert_to_pdf(data, ref.name), ".pdf"
            except Exception as exc:  # a file LibreOffice cannot print is still sent as it is
                built.notes.append(t["convert_failed"].format(file=ref.name, reason=exc))
        elif data.startswith(b"%PDF"):
            ext = ".pdf"
        suffix = ""
        if ref.role != "form":
            attachment_no += 1
            own = _ATTACHMENT_PREFIX.sub("", PurePosixPath(ref.name).stem)  # "附件1：名单" → "名单"
            suffix = "_" + t["attachment"].format(n=attachment_no) + ("_" + own[:20] if own.strip() else "")
        name = _packet_name(_title(row), suffix, ext)
        n = 1
        while name.lower() in used:
            n += 1
            name = _packet_name(_title(row), f"{suffix}({n})", ext)
        used.add(name.lower())
        built.files.append((name, data))
        if ext == ".pdf":
            built.pdfs.append((ref.name, data))
    return built


def _merge(built: Sequence[_Built], target: Path, labels: RegisterLabels) -> tuple[bool, list[str]]:
    writer = PdfWriter()
    notes: list[str] = []
    for app in built:
        start = len(writer.pages)
        for display, data in app.pdfs:
            try:
                writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
            except Exception as exc:  # a broken PDF is still in the folder, only not merged
                notes.append(labels.packet_text["merge_failed"].format(file=display, reason=exc))
        if len(writer.pages) > start:
            writer.add_outline_item(title=_title(app.row).replace("_", " "), page_number=start)
    if not writer.pages:
        return False, notes
    with target.open("wb") as fh:
        writer.write(fh)
    return True, notes


def _index(
    target: Path, packed: Sequence[_Built], failed: Sequence[RegisterRow],
    withheld: Sequence[tuple[RegisterRow, str]], labels: RegisterLabels,
) -> None:
    t = labels.packet_text
    head = [t["col_id"], t["col_org"], t["col_project"], t["col_funding"], t["col_opinion"]]

    def basics(row: RegisterRow) -> list[object]:
        f = row.fields
        return [row.id, f.applicant_org if f else None, f.project_name if f else None,
                f.funding_wan if f else None]

    sheets: list[tuple[str, list[str], list[list[object]]]] = [
        (t["index_sheet"], head + [t["col_files"], t["col_notes"]],
         [basics(b.row) + [_opinion(b.row, labels), "\n".join(n for n, _ in b.files), "\n".join(b.notes)]
          for b in packed]),
        (t["failed_sheet"], head, [basics(r) + [_opinion(r, labels)] for r in failed]),
        (t["withheld_sheet"], head[:3] + [t["col_reason"]], [basics(r)[:3] + [why] for r, why in withheld]),
    ]
    _write_sheets(target, sheets)


def _write_sheets(target: Path, sheets: Sequence[tuple[str, list[str], list[list[object]]]]) -> None:
    """One workbook, one sheet per (title, header, lines); text as text (编号 like 2024-0001
    must not become a date), frozen header, A4 landscape."""
    wb = Workbook()
    first = True
    for title, header, lines in sheets:
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = title
        ws.append([cell_value(h) for h in header])
        for line in lines:
            ws.append([cell_value(v) for v in line])
        for col, cells in enumerate(ws.iter_cols(), 1):
            ws.column_dimensions[cells[0].column_letter].width = column_width([str(c.value or "") for c in cells])
            for c in cells[1:]:
                c.alignment = _TOP_WRAP
                if col == 1:
                    c.number_format = "@"
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    wb.save(target)


def _zip(folder: Path, target: Path) -> None:
    tmp = target.with_name(f".tmp-{target.name}")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            info = zipfile.ZipInfo(f"{folder.name}/{path.name}", date_time=(2024, 1, 1, 0, 0, 0))
            info.flag_bits |= 0x800  # names are UTF-8 (zipfile sets it for non-ASCII; ASCII too for clarity)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)


def _write_packet(
    out_dir: Path, item: str, reviewer: Reviewer | None, packed: Sequence[_Built],
    failed: Sequence[RegisterRow], withheld: Sequence[tuple[RegisterRow, str]], labels: RegisterLabels,
) -> Packet:
    t = labels.packet_text
    name = _safe_name(item if reviewer is None else f"{item}_{reviewer.name}", max_chars=80)
    final = out_dir / name
    work = Path(tempfile.mkdtemp(prefix=".tmp-packet-", dir=out_dir))
    folder = work / name
    folder.mkdir()
    for app in packed:
        for file_name, data in app.files:
            (folder / file_name).write_bytes(data)
    merged = folder / _safe_name(f"{name}_{t['merged']}.pdf")
    has_merged, notes = _merge(packed, merged, labels)
    index = folder / _safe_name(f"{name}_{t['index']}.xlsx")
    _index(index, packed, failed, withheld, labels)
    if final.exists():
        shutil.rmtree(final)
    folder.replace(final)
    shutil.rmtree(work, ignore_errors=True)
    zip_path = out_dir / f"{name}.zip"
    _zip(final, zip_path)
    return Packet(
        item=item, reviewer=reviewer.name if reviewer else None, folder=final, zip_path=zip_path,
        merged_pdf=final / merged.name if has_merged else None, index=final / index.name,
        packed=tuple(b.row.id for b in packed), failed=tuple(r.id for r in failed),
        withheld=tuple((r.id, why) for r, why in withheld), notes=tuple(notes),
    )


def build_packets(
    rows: Iterable[RegisterRow],
    blob_path: Callable[[str], Path],
    out_dir: Path,
    *,
    reviewers: Sequence[Reviewer] = (),
    convert_to_pdf: Callable[[bytes, str], bytes] | None = None,
    labels: RegisterLabels | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Packet]:
    """Build the packets (see the module contract). `blob_path(sha256)` gives the stored
    file; `convert_to_pdf(data, name)` (e.g. extractors.convert.to_pdf) turns office files
    into PDFs, and may raise: that file is then packed as it is with a note.
    Without reviewers there is one packet per item; with reviewers one per reviewer and
    item they review. `progress(done, total)` is called after each application's files are
    prepared."""
    labels = labels or load_register_words()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    current = sorted(
        (r for r in rows if r.kind == "application" and not r.superseded_by), key=lambda r: id_sort_key(r.id)
    )
    by_item: dict[str, list[RegisterRow]] = {}
    for row in current:
        by_item.setdefault(_item(row, labels), []).append(row)

    t = labels.packet_text
    total = sum(1 for r in current if not _formal_failures(r, labels))
    done = 0
    packets: list[Packet] = []
    unsent: list[tuple[RegisterRow, str]] = []
    for item, members in by_item.items():
        failed = [r for r in members if _formal_failures(r, labels)]
        passing = [r for r in members if not _formal_failures(r, labels)]
        built: dict[str, _Built] = {}
        for r in passing:
            built[r.id] = _prepare(r, blob_path, convert_to_pdf, labels)
            done += 1
            if progress:
                progress(done, total)
        if not reviewers:
            packets.append(_write_packet(out_dir, item, None, [built[r.id] for r in passing], failed, [], labels))
            continue
        sent: set[str] = set()
        mine = [rv for rv in reviewers if not rv.items or item in rv.items]
        for reviewer in mine:
            withheld = [(r, why) for r in passing if (why := _conflict(r, reviewer, labels))]
            kept_out = {r.id for r, _ in withheld}
            packed = [built[r.id] for r in passing if r.id not in kept_out]
            sent.update(b.row.id for b in packed)
            packets.append(_write_packet(out_dir, item, reviewer, packed, failed, withheld, labels))
        reason = t["unsent_all_withheld"] if mine else t["unsent_no_reviewer"].format(item=item)
        unsent += [(r, reason) for r in passing if r.id not in sent]
    failed_all = [r for r in current if _formal_failures(r, labels)]
    _overview(out_dir / _safe_name(f"{t['overview']}.xlsx"), packets, failed_all, unsent, labels)
    return packets


def _item(row: RegisterRow, labels: RegisterLabels) -> str:
    return (row.fields.subcategory if row.fields else None) or labels.text["not_recognised"]


def _overview(
    target: Path, packets: Sequence[Packet], failed: Sequence[RegisterRow],
    unsent: Sequence[tuple[RegisterRow, str]], labels: RegisterLabels,
) -> None:
    """总览.xlsx: what went where, what failed the formal check, what reached nobody."""
    t = labels.packet_text

    def basics(row: RegisterRow) -> list[object]:
        f = row.fields
        return [row.id, f.applicant_org if f else None, f.project_name if f else None, _item(row, labels)]

    head = [t["col_id"], t["col_org"], t["col_project"], t["col_item"]]
    sheets: list[tuple[str, list[str], list[list[object]]]] = [
        (t["packets_sheet"], [t["col_item"], t["col_reviewer"], t["col_folder"], t["col_packed"], t["col_withheld"]],
         [[p.item, p.reviewer, p.folder.name, len(p.packed), len(p.withheld)] for p in packets]),
        (t["failed_sheet"], head + [t["col_opinion"]], [basics(r) + [_opinion(r, labels)] for r in failed]),
        (t["unsent_sheet"], head + [t["col_reason"]], [basics(r) + [why] for r, why in unsent]),
    ]
    _write_sheets(target, sheets)

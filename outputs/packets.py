"""Reviewer packets: per guide item (and per reviewer, when reviewers are given) a folder and
a zip with every current application's files, one merged PDF with a bookmark per
application, and an index workbook.

Contract of `build_packets`:
- superseded rows and `other` mail are never packed;
- a row is packed only when nothing stands in the way of review: a row whose case
  (shenbao.outcome.case_of) is 不予受理, or with an error finding listed in register.toml
  [packets] formal_fail_codes or in outcome.REFUSAL_CODES (a doubted refusal waits for staff),
  is listed on the 总览's 形式审查未通过 sheet instead, with its status word and reasons;
- the status shown for a row is always outcome.CASE_STATUS of its case, the register's word;
  a reviewer's index shows only that word, never findings (other units' internal checks,
  the paper ledger's receipt numbers);
- a reviewer never receives an application whose applicant, lead or partner unit is the
  reviewer's own unit or one of their `partner_units` (an entry may list several, `A、B`,
  read as the paper ledger's cells are: validators.paper_match.ledger_units). A name is the
  same unit by validators.org_names.same_org, or by the paper matcher's unit-name similarity
  (validators.name_similarity.org_name_similarity: short forms, 湖南省 omitted, 学会/协会) at
  `CONFLICT_SIMILARITY` or more. The index's 回避 sheet (and the 总览's) says which were
  withheld and why, in words;
- a reviewer (or item) with nothing to review gets no folder and no zip; the 总览 says so;
- the merged PDF opens with a cover (reviewer, item, date, count) and a contents page (编号,
  unit, project, page), and every page of an application carries its 编号;
- file names are `编号_申报单位_项目名称.ext`, safe on Windows, macOS and Linux
  (outputs.filenames.safe_file_name, at most 100 characters and 200 UTF-8 bytes); the zip
  stores them in UTF-8 (flag 0x800) so Chinese Windows does not read them as GBK;
- a folder is built beside its final place and then swapped in, so a packet folder is never
  half old and half new;
- `out_dir/总览.xlsx` (name from register.toml) lists every packet (and every packet not made),
  every application that failed the formal check (all items), every withheld application, and
  every passing application that reached no reviewer (no reviewer for its item, or every
  reviewer of the item withheld), with why.

Words: register.toml [packet_text] and config/packet_words.toml.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.properties import PageSetupProperties

from shenbao.outcome import CASE_STATUS, REFUSAL_CODES, case_of
from shenbao.outputs.cells import LOCAL_TZ, cell_value, column_width
from shenbao.outputs.export_jsonl import id_sort_key
from shenbao.outputs.filenames import fit_utf8, safe_file_name
from shenbao.outputs.labels_zh import RegisterLabels, load_register_words
from shenbao.outputs.packet_pdf import Cover, PdfApp, merged_pdf
from shenbao.record import FileRef, RegisterRow
from shenbao.validators.guide import load_guide
from shenbao.validators.name_similarity import org_name_similarity
from shenbao.validators.org_names import same_org
from shenbao.validators.paper_match import ledger_units

log = logging.getLogger(__name__)

NAME_LIMIT = 100
NAME_BYTES = 200
_ATTACHMENT_PREFIX = re.compile(r"^\s*附件\s*[0-9一二三四五六七八九十]*\s*[：:、．.\-_ ]*")
_TOP_WRAP = Alignment(wrap_text=True, vertical="top")

# Two names at or above this unit-name similarity (paper matching's measure) are one unit for
# conflicts of interest. A short form that keeps the full name's characters in order scores
# 0.74 (省植保学会 / 湖南省植物保护学会, 中南大学 / 中南大学科协); two units differing in their
# head score far less (衡阳市科协 / 岳阳市科协 0.40, 湖南省物理学会 / 湖南省化学学会 0.25).
# Erring towards withholding is deliberate: the 回避 sheet and check-config show every such
# pairing in words, while a conflicted review would go unnoticed.
CONFLICT_SIMILARITY = 0.7

PacketWords = Mapping[str, Mapping[str, str]]
_WORD_KEYS: dict[str, tuple[str, ...]] = {
    "pdf": ("cover_title", "cover_reviewer", "cover_no_reviewer", "cover_item", "cover_date", "cover_count",
            "contents_title", "contents_line", "contents_page", "stamp"),
    "index": ("col_status", "status_with_reasons"),
    "conflict": ("own_unit", "partner_unit", "similar"),
    "overview": ("col_note", "withheld_sheet", "empty", "empty_all_withheld"),
    "check": ("unknown_item", "unknown_unit", "similar_unit", "no_register"),
}


@lru_cache(maxsize=1)
def load_packet_words() -> PacketWords:
    """config/packet_words.toml, checked for every key (a missing one fails when loaded)."""
    ref = resources.files("shenbao.config").joinpath("packet_words.toml")
    data = tomllib.loads(ref.read_text("utf-8"))
    missing = [f"[{t}] {k}" for t, keys in _WORD_KEYS.items() for k in keys if k not in data.get(t, {})]
    if missing:
        raise ValueError("config/packet_words.toml 缺少：" + "、".join(missing))
    return {table: {k: str(v) for k, v in data[table].items()} for table in _WORD_KEYS}


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
    failed: tuple[str, ...] = ()  # ids of the item held back (listed on the 总览, not in the packet)
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


@dataclass(frozen=True)
class Status:
    """A row's case as packets see it (outcome.case_of with the electronic deadline)."""

    now: datetime | None = None
    deadline: datetime | None = None

    def word(self, row: RegisterRow) -> str:
        """The register's status word for the row (outcome.CASE_STATUS)."""
        return CASE_STATUS[case_of(row, now=self.now, deadline=self.deadline)]

    def held(self, row: RegisterRow, labels: RegisterLabels) -> bool:
        """True when the row must not go to reviewers (see the module contract)."""
        if case_of(row, now=self.now, deadline=self.deadline) == "refused":
            return True
        codes = set(labels.packets["formal_fail_codes"]) | REFUSAL_CODES
        return any(f.severity == "error" and f.code in codes for f in row.findings)

    def with_reasons(self, row: RegisterRow, words: PacketWords) -> str:
        """The status word and the error findings behind it, for staff (the 总览)."""
        reasons = [f.message for f in row.findings if f.severity == "error"]
        if not reasons:
            return self.word(row)
        return words["index"]["status_with_reasons"].format(status=self.word(row), reasons="；".join(reasons))


def unit_match(configured: str, org: str | None) -> float | None:
    """How surely the configured unit name means unit `org`: 1.0 for the same unit
    (org_names.same_org), the paper matcher's similarity when it reaches CONFLICT_SIMILARITY,
    else None."""
    if not configured or not org:
        return None
    if same_org(configured, org):
        return 1.0
    score = org_name_similarity(configured, org)
    return score if score is not None and score >= CONFLICT_SIMILARITY else None


def configured_units(reviewer: Reviewer) -> list[tuple[str, bool]]:
    """(unit name, is a partner unit) for every unit a reviewer's settings name; an entry
    listing several (`A、B`) is split as the paper ledger's cells are."""
    units = [(u, False) for u in ledger_units(reviewer.unit)]
    return units + [(u, True) for entry in reviewer.partner_units for u in ledger_units(entry)]


def _conflict(row: RegisterRow, reviewer: Reviewer, labels: RegisterLabels, words: PacketWords) -> str | None:
    """The withheld reason when the reviewer's unit takes part in the application: a unit named
    the same way first, else the most similar one."""
    f = row.fields
    if f is None:
        return None
    t = labels.packet_text
    roles = [(f.applicant_org, t["role_applicant"]), (f.lead_org, t["role_lead"])]
    roles += [(org, t["role_partner"]) for org in f.partner_orgs]
    best: tuple[float, str, bool, str, str] | None = None
    for unit, partner in configured_units(reviewer):
        for org, role in roles:
            score = unit_match(unit, org)
            if score is not None and org and (best is None or score > best[0]):
                best = (score, unit, partner, org, role)
    if best is None:
        return None
    score, unit, partner, org, role = best
    if score == 1.0:
        key = "withheld_reason_related" if partner else "withheld_reason"
        return str(t[key]).format(name=reviewer.name, unit=unit, role=role)
    c = words["conflict"]
    return c["similar"].format(name=reviewer.name, whose=c["partner_unit" if partner else "own_unit"],
                               unit=unit, role=role, org=org)


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


@dataclass(frozen=True)
class _Run:
    """What every packet of one run shares."""

    labels: RegisterLabels
    words: PacketWords
    status: Status
    date: str


def _merge(built: Sequence[_Built], target: Path, cover: Cover, run: _Run) -> tuple[bool, list[str]]:
    apps = [PdfApp(id=b.row.id, org=(b.row.fields.applicant_org if b.row.fields else None) or "",
                   project=(b.row.fields.project_name if b.row.fields else None) or "",
                   bookmark=_title(b.row).replace("_", " "), pdfs=tuple(b.pdfs)) for b in built]
    data, notes = merged_pdf(cover, apps, run.words["pdf"], run.labels.packet_text["merge_failed"])
    if data is None:
        return False, notes
    target.write_bytes(data)
    return True, notes


def _basics(row: RegisterRow) -> list[object]:
    f = row.fields
    return [row.id, f.applicant_org if f else None, f.project_name if f else None]


def _index(target: Path, packed: Sequence[_Built], withheld: Sequence[tuple[RegisterRow, str]] | None,
           run: _Run) -> None:
    """The reviewer's index: the applications (status word only, see the module contract) and,
    for a reviewer, what was withheld from them and why."""
    t = run.labels.packet_text
    head = [t["col_id"], t["col_org"], t["col_project"], t["col_funding"], run.words["index"]["col_status"],
            t["col_files"], t["col_notes"]]
    sheets: list[tuple[str, list[str], list[list[object]]]] = [
        (t["index_sheet"], head,
         [_basics(b.row) + [b.row.fields.funding_wan if b.row.fields else None, run.status.word(b.row),
                            "\n".join(n for n, _ in b.files), "\n".join(b.notes)] for b in packed]),
    ]
    if withheld is not None:
        sheets.append((t["withheld_sheet"], head[:3] + [t["col_reason"]],
                       [_basics(r) + [why] for r, why in withheld]))
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
    failed: Sequence[RegisterRow], withheld: Sequence[tuple[RegisterRow, str]], run: _Run,
) -> Packet:
    t = run.labels.packet_text
    name = _safe_name(item if reviewer is None else f"{item}_{reviewer.name}", max_chars=80)
    final = out_dir / name
    work = Path(tempfile.mkdtemp(prefix=".tmp-packet-", dir=out_dir))
    folder = work / name
    folder.mkdir()
    for app in packed:
        for file_name, data in app.files:
            (folder / file_name).write_bytes(data)
    merged = folder / _safe_name(f"{name}_{t['merged']}.pdf")
    cover = Cover(reviewer=reviewer.name if reviewer else None, item=item, date=run.date)
    has_merged, notes = _merge(packed, merged, cover, run)
    index = folder / _safe_name(f"{name}_{t['index']}.xlsx")
    _index(index, packed, withheld if reviewer is not None else None, run)
    if final.exists():
        shutil.rmtree(final)
    folder.replace(final)
    shutil.rmtree(work, ignore_errors=True)
    zip_path = out_dir / f"{name}.zip"
    _zip(final, zip_path)
    return Packet(
        item=item, reviewer=reviewer.name if reviewer else None, folder=final, zip_path=zip_path,
        merged_pdf=final / merged.name if has_merged else None, index=final / index.name,
        packed=tuple(b.row.id for b in packed), failed=tuple(r.id for r in failed), withheld=tuple((r.id, why) for r, why in withheld),
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class NotMade:
    """A packet that was not made because its reviewer (or item) had nothing to review."""

    item: str
    reviewer: str | None
    withheld: tuple[tuple[str, str], ...]
    why: str


def build_packets(
    rows: Iterable[RegisterRow],
    blob_path: Callable[[str], Path],
    out_dir: Path,
    *,
    reviewers: Sequence[Reviewer] = (),
    convert_to_pdf: Callable[[bytes, str], bytes] | None = None,
    labels: RegisterLabels | None = None,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
    deadline: datetime | None = None,
) -> list[Packet]:
    """Build the packets (see the module contract). `blob_path(sha256)` gives the stored
    file; `convert_to_pdf(data, name)` (e.g. extractors.convert.to_pdf) turns office files
    into PDFs, and may raise: that file is then packed as it is with a note.
    Without reviewers there is one packet per item; with reviewers one per reviewer and
    item they review, when there is anything to review. `progress(done, total)` is called
    after each application's files are prepared. `now` (default: the current time) dates
    the cover and, with `deadline` (the electronic deadline), decides each row's case."""
    labels = labels or load_register_words()
    now = now or datetime.now(LOCAL_TZ)
    run = _Run(labels=labels, words=load_packet_words(), status=Status(now=now, deadline=deadline),
               date=f"{now.astimezone(LOCAL_TZ):%Y-%m-%d}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    current = sorted(
        (r for r in rows if r.kind == "application" and not r.superseded_by), key=lambda r: id_sort_key(r.id)
    )
    by_item: dict[str, list[RegisterRow]] = {}
    for row in current:
        by_item.setdefault(_item(row, labels), []).append(row)

    t = labels.packet_text
    w = run.words["overview"]
    total = sum(1 for r in current if not run.status.held(r, labels))
    done = 0
    packets: list[Packet] = []
    not_made: list[NotMade] = []
    unsent: list[tuple[RegisterRow, str]] = []
    withheld_all: list[tuple[str, RegisterRow, str]] = []
    for item, members in by_item.items():
        failed = [r for r in members if run.status.held(r, labels)]
        passing = [r for r in members if not run.status.held(r, labels)]
        built: dict[str, _Built] = {}
        for r in passing:
            built[r.id] = _prepare(r, blob_path, convert_to_pdf, labels)
            done += 1
            if progress:
                progress(done, total)
        if not reviewers:
            if passing:
                packets.append(_write_packet(out_dir, item, None, [built[r.id] for r in passing], failed, [], run))
            else:
                not_made.append(NotMade(item=item, reviewer=None, withheld=(), why=w["empty"]))
            continue
        sent: set[str] = set()
        mine = [rv for rv in reviewers if not rv.items or item in rv.items]
        for reviewer in mine:
            withheld = [(r, why) for r in passing if (why := _conflict(r, reviewer, labels, run.words))]
            withheld_all += [(reviewer.name, r, why) for r, why in withheld]
            kept_out = {r.id for r, _ in withheld}
            packed = [built[r.id] for r in passing if r.id not in kept_out]
            sent.update(b.row.id for b in packed)
            if packed:
                packets.append(_write_packet(out_dir, item, reviewer, packed, failed, withheld, run))
            else:
                not_made.append(NotMade(item=item, reviewer=reviewer.name,
                                        withheld=tuple((r.id, why) for r, why in withheld),
                                        why=w["empty_all_withheld"] if withheld else w["empty"]))
        reason = t["unsent_all_withheld"] if mine else t["unsent_no_reviewer"].format(item=item)
        unsent += [(r, reason) for r in passing if r.id not in sent]
    not_made += [NotMade(item=item, reviewer=rv.name, withheld=(), why=w["empty"])
                 for rv in reviewers for item in rv.items if item not in by_item]
    failed_all = [r for r in current if run.status.held(r, labels)]
    _overview(out_dir / _safe_name(f"{t['overview']}.xlsx"), packets, not_made, failed_all, unsent, withheld_all,
              run)
    return packets


def _item(row: RegisterRow, labels: RegisterLabels) -> str:
    return (row.fields.subcategory if row.fields else None) or labels.text["not_recognised"]


def _overview(
    target: Path, packets: Sequence[Packet], not_made: Sequence[NotMade], failed: Sequence[RegisterRow],
    unsent: Sequence[tuple[RegisterRow, str]], withheld: Sequence[tuple[str, RegisterRow, str]], run: _Run,
) -> None:
    """总览.xlsx: what went where (and which packets were not made), what failed the formal
    check, what was withheld from whom, what reached nobody."""
    t = run.labels.packet_text
    w = run.words["overview"]

    def basics(row: RegisterRow) -> list[object]:
        return _basics(row) + [_item(row, run.labels)]

    head = [t["col_id"], t["col_org"], t["col_project"], t["col_item"]]
    made: list[list[object]] = [[p.item, p.reviewer, p.folder.name, len(p.packed), len(p.withheld), ""]
                                 for p in packets]
    made += [[n.item, n.reviewer, "", 0, len(n.withheld), n.why] for n in not_made]
    sheets: list[tuple[str, list[str], list[list[object]]]] = [
        (t["packets_sheet"],
         [t["col_item"], t["col_reviewer"], t["col_folder"], t["col_packed"], t["col_withheld"], w["col_note"]],
         made),
        (t["failed_sheet"], head + [t["col_opinion"]], [basics(r) + [run.status.with_reasons(r, run.words)]
                                                        for r in failed]),
        (w["withheld_sheet"], [t["col_reviewer"], *head, t["col_reason"]],
         [[name, *basics(r), why] for name, r, why in withheld]),
        (t["unsent_sheet"], head + [t["col_reason"]], [basics(r) + [why] for r, why in unsent]),
    ]
    _write_sheets(target, sheets)


def guide_item_names(rules: Path) -> tuple[str, ...]:
    """The items the rules file lists (what a reviewer's `items` must name)."""
    return tuple(item.name for item in load_guide(rules).items)


def reviewer_warnings(reviewers: Sequence[Reviewer], item_names: Sequence[str],
                      units: Iterable[str] | None) -> list[str]:
    """check-config's Chinese warnings about the reviewers' settings: an `items` entry that is
    not one of the guide's items (that reviewer would get no packet for it), a `partner_units`
    name that matches no unit of the register (`units`: applicant, lead and partner units seen;
    None when there is no register yet), and each name read as a unit only by similarity."""
    words = load_packet_words()["check"]
    seen = sorted(set(units)) if units is not None else None
    warnings: list[str] = []
    for reviewer in reviewers:
        for item in reviewer.items:
            if item not in item_names:
                warnings.append(words["unknown_item"].format(name=reviewer.name, item=item, items="、".join(item_names)))
        if seen is None:
            continue
        for unit, partner in configured_units(reviewer):
            matched = [(score, org) for org in seen if (score := unit_match(unit, org)) is not None]
            if not matched and partner:
                warnings.append(words["unknown_unit"].format(name=reviewer.name, unit=unit))
            warnings += [words["similar_unit"].format(name=reviewer.name, unit=unit, org=org)
                         for score, org in matched if score < 1.0]
    if seen is None and any(r.partner_units for r in reviewers):
        warnings.append(words["no_register"])
    return warnings

"""The register's files, written at the edge: the register workbook (paths.register_name,
default register.xlsx, with its dated daily copy), register.jsonl (docs/register-contract.md;
its name is fixed, other programs read it), the copies of stored attachments the register
links to (output/附件/<编号>_<单位>/, paths.attachment_folders), and the pictures of the places
flagged values were read (the 核对 sheet). Every file is written to a temporary name and
swapped in, so none is ever half-written."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from shenbao.execution import Execution, Isolated, refused_for_good, run_isolated, shared_converter
from shenbao.faults import checkpoint
from shenbao.outputs.check_sheet import ShotKey, WordShotKey, shots_wanted, word_shots_wanted
from shenbao.outputs.evidence_images import file_crops, shot_name, word_crops, word_shot_name
from shenbao.outputs.export_jsonl import write_jsonl
from shenbao.outputs.filenames import distinct_file_names, fill_name_pattern
from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import RENDERABLE_KINDS, FileRef, RegisterRow
from shenbao.register import Inputs
from shenbao.settings import DEFAULT_ATTACHMENT_FOLDERS, DEFAULT_REGISTER_NAME, LimitSettings
from shenbao.staff_input import Correction, StaffView
from shenbao.store import Store

log = logging.getLogger(__name__)

REGISTER_NAME = DEFAULT_REGISTER_NAME
ATTACHMENTS = "附件"
EXPORT_NAME = "register.jsonl"
# Logged when the register is first written under a new name (paths.register_name changed), so
# that the next write still finds the old workbook and carries the staff's columns over.
REGISTER_NAME_EVENT = "register_name"
# A folder under 附件 that a register write made: the old layout (<sha256 prefix>) or a name
# holding a register number. One that no row wants any more is removed (a unit read anew, a
# changed pattern), so the folder always mirrors the register.
_OLD_LAYOUT_FOLDER = re.compile(r"[0-9a-f]{16}")
_REGISTER_ID = re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{4,}(?![0-9])")
# Pictures of evidence, cached in the store's folder by (sha256, page, box): a rewrite of the
# register renders only what is new. Personal data, private like the store (0700/0600).
EVIDENCE_DIR = "evidence"
# One file's pages get this long in their isolated child (a Word file as long to print).
RENDER_TIMEOUT = 30.0
# Seconds one register write may spend on new pictures. A rules edit on a whole call asks for
# many at once (500 generated applications, 学术交流's maximum 10 → 8 万元: 59 pictures, 27 of
# them of Word files to print first, ~13 s of a re-check that must take seconds); the rest are
# rendered by the next poll (`pictures_pending`; the scheduled poll comes every few minutes) and
# their lines say so meanwhile. Not a setting: the office could not know what to answer.
PICTURE_BUDGET = 3.0
# Store counter: how many pictures the last register write left for the next one.
PICTURES_PENDING = "evidence_pending"


def write_register_files(rows: Sequence[RegisterRow], inputs: Inputs, output_dir: Path,
                         store: Store, execution: Execution | None = None, *,
                         register_name: str = REGISTER_NAME, attachment_folders: str = DEFAULT_ATTACHMENT_FOLDERS,
                         staff: StaffView | None = None,
                         corrections: Mapping[str, Mapping[str, Correction]] | None = None,
                         picture_budget: float | None = None) -> tuple[Path, Path, list[str]]:
    """The register workbook `register_name` (+ a dated copy) and register.jsonl in `output_dir`,
    and the attachment copies named by `attachment_folders` (settings.PathSettings). Returns where
    the register was actually written (beside the main file when Excel holds it open), the
    export, and Chinese notes for the poll's report. `execution` gives the limits and the cancel
    flag the page renders run under (default limits when None). `staff` is what the staff cells
    show and `corrections` the corrections put into the rows (shenbao.staff_files; the caller
    says what to do when the register was held open). New evidence pictures get `picture_budget`
    seconds (default PICTURE_BUDGET; `evidence_pictures`); a note says how many were left for the
    next poll."""
    output_dir.mkdir(parents=True, exist_ok=True)
    guide = inputs.guide
    target = output_dir / register_name
    previous = previous_register(target, store)
    written = write_register(
        rows, target, receipts=inputs.receipts, ledger_problems=inputs.ledger_problems,
        quotas={item.name: (item.quota_text, item.quota) for item in guide.items},
        deadline_notice=guide.deadline_notice(), previous=previous,
        file_links=attachment_copies(rows, store, output_dir, attachment_folders), link_root=output_dir,
        evidence_pictures=evidence_pictures(rows, store, execution, budget=picture_budget), staff=staff,
        corrections=corrections)
    notes = []
    if left := pictures_pending(store):
        notes.append(f"核对表还有 {left} 张原件截图本次未及生成，将在下次运行时补上")
    if previous is not None and previous != target:
        notes.append(f"登记表已改名为 {target.name}（设置项 paths.register_name），人工填写的列已从 "
                     f"{previous.name} 带过来；{previous.name} 以后不再更新，可以删除")
    if target.name != _last_register_name(store):
        store.log_event(REGISTER_NAME_EVENT, {"name": target.name})
    checkpoint("between_writes")
    jsonl = write_export(rows, output_dir / EXPORT_NAME, corrections)
    return written, jsonl, notes


def write_export(rows: Sequence[RegisterRow], path: Path,
                 corrections: Mapping[str, Mapping[str, Correction]] | None = None) -> Path:
    """The contract's JSON Lines export, swapped in whole (`corrections`: by 编号, then field)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        write_jsonl(rows, fh, corrections)
    tmp.replace(path)
    return path


def previous_register(target: Path, store: Store) -> Path | None:
    """The workbook whose staff columns (人工备注, 核对状态, the 核对 sheet) the next register
    keeps: `target` itself, or, when the register was renamed (paths.register_name), the one
    last written under its old name."""
    if target.exists():
        return target
    old = target.with_name(_last_register_name(store))
    return old if old != target and old.exists() else None


def _last_register_name(store: Store) -> str:
    # Nothing logged: written only under the default name (also by every version before the name
    # could be set).
    named = store.events(REGISTER_NAME_EVENT)
    return str(named[-1][2].get("name", REGISTER_NAME)) if named else REGISTER_NAME


def latest_register(path: Path) -> Path:
    """`path`, or the newer copy written beside it while it was held open
    (`<stem>-YYYYMMDD-HHMMSS.xlsx`, outputs.register_xlsx): the register staff should open."""
    beside = re.compile(re.escape(path.stem) + r"-[0-9]{8}-[0-9]{6}(?:-[0-9]+)?" + re.escape(path.suffix))
    copies = [p for p in path.parent.iterdir() if beside.fullmatch(p.name)] if path.parent.is_dir() else []
    newest = max(copies, key=lambda p: p.stat().st_mtime_ns, default=None)
    if newest is not None and (not path.exists() or newest.stat().st_mtime_ns > path.stat().st_mtime_ns):
        return newest
    return path


def attachment_copies(rows: Sequence[RegisterRow], store: Store, out: Path,
                      pattern: str = DEFAULT_ATTACHMENT_FOLDERS) -> dict[str, Path]:
    """Stored attachments copied to output/附件/<folder>/<file name>: one folder per register
    row, named by `pattern` (`attachment_folder`), holding the row's files under their own
    names (made safe, and numbered when two are the same: `distinct_file_names`), so that staff
    can browse them and the register's links open them without ever pointing outside the
    output folder. The same rows always give the same names. A folder a row no longer wants
    (a unit read anew, a changed pattern, the old <sha256> layout) is removed, and so is a file
    its row no longer holds. Returns each file's copy by sha256 (a file that two rows hold: the
    first row's copy)."""
    root = out / ATTACHMENTS
    links: dict[str, Path] = {}
    folders: set[str] = set()
    for row in rows:
        first: dict[str, FileRef] = {}
        for ref in row.files:  # a file attached twice is copied once, under its first name
            first.setdefault(ref.sha256, ref)
        stored = [ref for ref in first.values() if store.blob_path(ref.sha256).exists()]
        if not stored:
            continue
        folder = root / attachment_folder(row, pattern)
        folders.add(folder.name)
        names = distinct_file_names([ref.name for ref in stored])
        for ref, name in zip(stored, names):
            target = folder / name
            _copy_blob(store, ref.sha256, target)
            links.setdefault(ref.sha256, target)
        _remove_other_files(folder, set(names))
    if root.is_dir():
        _remove_stale_folders(root, folders, {row.id for row in rows})
    return links


def attachment_folder(row: RegisterRow, pattern: str = DEFAULT_ATTACHMENT_FOLDERS) -> str:
    """The row's folder name under 附件: `pattern` with {编号} (never shortened), {单位} (for a
    mail that is not an application: the register's word for it, 其他邮件) and {项目}; a value
    that was not read is left out with its separator."""
    f = row.fields
    unit = (f.applicant_org if f else None) or (load_register_words().status["other"] if row.kind == "other" else "")
    values = {"编号": row.id, "单位": unit, "项目": (f.project_name if f else None) or ""}
    return fill_name_pattern(pattern, values, whole=frozenset({"编号"}))


def _copy_blob(store: Store, sha256: str, target: Path) -> None:
    """The stored file at `target`, unless a copy of it is there already (same size: the names
    of a row's files never change, so the size tells a stale copy from the right one)."""
    source = store.blob_path(sha256)
    if target.exists() and target.stat().st_size == source.stat().st_size:
        return
    # Applicants' files are personal data: as private as the data folder (0700/0600) unless
    # shared with the staff group afterwards (shenbao.sharing).
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(target.parent.parent, 0o700)
    tmp = target.with_name(".tmp-" + sha256[:8])
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(store.read_blob(sha256))
    tmp.replace(target)


def _remove_other_files(folder: Path, wanted: set[str]) -> None:
    for path in folder.iterdir():
        if path.name not in wanted and path.is_file() and not path.is_symlink():
            _remove(path)


def _remove_stale_folders(root: Path, wanted: set[str], ids: set[str]) -> None:
    for path in root.iterdir():
        if path.name in wanted or not path.is_dir() or path.is_symlink():
            continue
        if _OLD_LAYOUT_FOLDER.fullmatch(path.name) or ids & set(_REGISTER_ID.findall(path.name)):
            _remove(path)


def _remove(path: Path) -> None:
    # A file a colleague has open on a Windows share cannot be removed: it goes at the next write.
    try:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    except OSError as exc:
        log.warning("附件文件夹中的旧文件 %s 暂时无法删除（%s），下次生成登记表时再删", path, exc.strerror or exc)


def evidence_pictures(rows: Sequence[RegisterRow], store: Store, execution: Execution | None = None,
                      *, budget: float | None = None) -> dict[ShotKey | WordShotKey, Path | str]:
    """The picture of every flagged value's place (outputs.check_sheet.shots_wanted): its cached
    PNG, rendered now when not cached yet, or the Chinese reason there is none (file not stored,
    not renderable, left for the next write). Each file's wanted pages are rendered once, in an
    isolated child with the file limits; nothing here raises for a bad file. Values read from
    Word files are found in the file printed to PDF by the kept-running LibreOffice
    (`_word_pictures`); that printout is cached too, so a later picture of the same file costs a
    page render, not a print.

    New pictures get `budget` seconds (default PICTURE_BUDGET, read at the call). Page pictures
    and Word pictures are made side by side (LibreOffice prints while pages render), the cheap
    ones first, and each side makes at least one file's pictures however small the budget. The
    pictures left over say so (register.toml [check] over_budget) and their number is kept in
    the store for the next poll (`pictures_pending`): each picture is rendered once, by
    whichever write gets to it."""
    words = load_register_words().check
    started = time.monotonic()
    renders = _Renders(store, execution, words, started + (PICTURE_BUDGET if budget is None else budget))
    try:
        page_shots = _from_cache(shots_wanted(rows), lambda key: _shot_path(store, key), words,
                                 words["unrenderable"])
        word_shots = _from_cache(word_shots_wanted(rows), lambda key: _word_shot_path(store, key), words,
                                 words["word_file"])
        # pdfium is not thread-safe: in-process rendering (limits.isolate = false) stays on one thread.
        side_by_side = bool(page_shots.todo and word_shots.todo) and (execution is None or execution.limits.isolate)
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="shenbao-pictures") as side:
            word_result = side.submit(_word_pictures, word_shots, renders) if side_by_side else None
            out: dict[ShotKey | WordShotKey, Path | str] = {}
            out.update(page_shots.done.items())
            out.update(_page_pictures(page_shots, renders).items())
            out.update(word_shots.done.items())
            made_here = word_result.result() if word_result is not None else _word_pictures(word_shots, renders)
            out.update(made_here.items())
    finally:
        if execution is not None and execution.limits.isolate:
            execution.close_readers()  # the pooled renderers live for one write
    store.set_counter(PICTURES_PENDING, renders.left)
    made = renders.made
    if made or renders.left:
        log.info("核对截图：新生成 %d 张（页面 %d 张，Word %d 张；新打印成PDF的Word文件 %d 个），用时 %.1f 秒；"
                 "%d 张留待下次运行", made["page"] + made["word"], made["page"], made["word"], made["print"],
                 time.monotonic() - started, renders.left)
    return out


def pictures_pending(store: Store) -> int:
    """How many pictures the last register write left for the next one (PICTURE_BUDGET): while
    any are, a poll rewrites the register even with nothing new, so that they come."""
    return store.get_counter(PICTURES_PENDING)


def evidence_path(store: Store, key: ShotKey | WordShotKey) -> Path:
    """Where the picture `key` is cached in the store's evidence folder (the reason there is
    none: the same path with .txt)."""
    if isinstance(key[1], int):
        return _shot_path(store, key)
    return _word_shot_path(store, key)


K = TypeVar("K", ShotKey, WordShotKey)


@dataclass
class _Cached(Generic[K]):
    """The wanted pictures of one kind: what the cache gives (`done`) and the rest by file
    (`todo`: sha256 → the places still to render; `kinds`: sha256 → the file's kind)."""

    done: dict[K, Path | str]
    todo: dict[str, list[Any]]
    kinds: dict[str, str]


def _from_cache(wanted: Mapping[K, str], path_of: Callable[[K], Path], words: Mapping[str, str],
                fallback: str) -> _Cached[K]:
    """What the cache already holds for each wanted picture: its PNG, or the reason a file could
    not be rendered for good, kept beside it as .txt."""
    cached: _Cached[K] = _Cached({}, {}, {})
    for key, kind in wanted.items():
        path = path_of(key)
        if path.exists():
            cached.done[key] = path
        elif path.with_suffix(".txt").exists():
            cached.done[key] = words.get(path.with_suffix(".txt").read_text("utf-8").strip(), fallback)
        else:
            cached.todo.setdefault(key[0], []).append(key[1:])
            cached.kinds[key[0]] = kind
    return cached


class _Renders:
    """What the picture makers of one write share: the store, the isolation, the Chinese words,
    the deadline, and the tally (pictures rendered by kind, Word files printed, pictures left)."""

    def __init__(self, store: Store, execution: Execution | None, words: Mapping[str, str], deadline: float) -> None:
        self.store = store
        self.execution = execution
        self.words = words
        self.deadline = deadline
        self.made: Counter[str] = Counter()
        self.left = 0
        self._lock = threading.Lock()

    def out_of_time(self, started_one: bool) -> bool:
        """True when the budget is spent (or the poll is stopping) — never before the caller's
        first file, so that every write makes progress."""
        cancel = self.execution.cancel if self.execution is not None else None
        return (cancel is not None and cancel.is_set()) or (started_one and time.monotonic() >= self.deadline)

    def count(self, kind: str, n: int = 1) -> None:
        with self._lock:
            self.made[kind] += n

    def leave(self, keys: Sequence[Any]) -> dict[Any, Path | str]:
        """`keys` left for the next write, said so on their lines."""
        with self._lock:
            self.left += len(keys)
        return dict.fromkeys(keys, self.words["over_budget"])

    def run(self, func: Callable[..., Any], *args: Any) -> Any:
        """func(*args) in an isolated child with the file limits and RENDER_TIMEOUT (a pooled
        renderer when the execution has a pool); a bug in it on one file is an `Isolated` for
        that file only."""
        execution = self.execution
        try:
            if execution is None:
                return run_isolated(func, *args, timeout=RENDER_TIMEOUT, memory_mb=LimitSettings().file_memory_mb)
            if execution.limits.isolate:
                return execution.reader_pool().run(func, args, timeout=RENDER_TIMEOUT, cancel=execution.cancel)
            return execution.run_limited(func, *args, timeout=RENDER_TIMEOUT)
        except Exception as exc:  # noqa: BLE001 - a renderer bug on one file costs that file's pictures only
            log.warning("截图失败: %r", exc)
            return Isolated(type(exc).__name__)


def _page_pictures(cached: _Cached[ShotKey], renders: _Renders) -> dict[ShotKey, Path | str]:
    """Pictures of pages of PDFs and images not cached yet, file after file until the budget."""
    out: dict[ShotKey, Path | str] = {}
    words, store = renders.words, renders.store
    for n, (sha, crops) in enumerate(cached.todo.items()):
        keys = [(sha, page, box) for page, box in crops]
        if not store.blob_path(sha).exists():
            out.update(dict.fromkeys(keys, words["missing_file"]))
            continue
        if renders.out_of_time(started_one=n > 0):
            out.update(renders.leave(keys))
            continue
        data = store.read_blob(sha)
        kind = cached.kinds[sha]
        kind = kind if kind in RENDERABLE_KINDS else ("pdf" if b"%PDF" in data[:1024] else "image")
        result = renders.run(file_crops, data, kind, crops)
        if isinstance(result, Isolated):
            # Not cached: a limit hit on a busy machine may not be hit at the next write.
            out.update(dict.fromkeys(keys, f"{words['unrenderable']}（{result.reason}）"))
            continue
        renders.count("page", len(result))
        out.update({(sha, page, box): _keep(_shot_path(store, (sha, page, box)), got, words)
                    for (page, box), got in result.items()})
    return out


def _word_pictures(cached: _Cached[WordShotKey], renders: _Renders) -> dict[WordShotKey, Path | str]:
    """Pictures of flagged values read from Word files (no pages of their own): each file is
    printed to PDF once by the kept-running LibreOffice, the printout kept in the cache
    (`_printout_path`), and the value found by its text (outputs.evidence_images.word_crops).
    Files already printed go first (a page render each); the kept-running LibreOffice is started
    only when a file must be printed. Without it nothing is printed: the 核对 sheet then shows
    the text and its place instead (a file printed before still gets its pictures)."""
    out: dict[WordShotKey, Path | str] = {}
    words, store = renders.words, renders.store
    todo = sorted(cached.todo.items(), key=lambda item: not _printout_path(store, item[0]).exists())
    no_printer = False
    for n, (sha, needles) in enumerate(todo):
        keys = [(sha, label, value) for label, value in needles]
        printed = _printout_path(store, sha)
        if not printed.exists():
            if not store.blob_path(sha).exists():
                out.update(dict.fromkeys(keys, words["missing_file"]))
                continue
            if no_printer:
                continue  # the sheet says why there is no picture (check_sheet: word_file)
        if renders.out_of_time(started_one=n > 0):
            out.update(renders.leave(keys))
            continue
        try:
            if not printed.exists():
                execution = renders.execution
                converter = execution.converter() if execution is not None else shared_converter()
                if converter is None:
                    no_printer = True  # not left for the next write: it would not print them either
                    continue
                _write_private(printed, converter.to_pdf(store.read_blob(sha), "", cached.kinds[sha],
                                                         timeout=RENDER_TIMEOUT))
                renders.count("print")
            pdf = printed.read_bytes()
        except Exception as exc:  # noqa: BLE001 - LibreOffice failed on this file (UnreadableFile, OSError)
            if refused_for_good(exc):
                # LibreOffice opened the file and refused it: it would at every write, each time
                # restarting itself (about a second of the write's few), so that is kept.
                out.update({key: _keep(_word_shot_path(store, key), "unrenderable", words) for key in keys})
            else:  # a time limit or a LibreOffice that would not start: tried again next write
                reason = getattr(exc, "reason", type(exc).__name__)
                out.update(dict.fromkeys(keys, f"{words['unrenderable']}（{reason}）"))
            continue
        result = renders.run(word_crops, pdf, needles)
        if isinstance(result, Isolated):
            out.update(dict.fromkeys(keys, f"{words['unrenderable']}（{result.reason}）"))
            continue
        renders.count("word", len(result))
        for (label, value), got in result.items():
            out[(sha, label, value)] = _keep(_word_shot_path(store, (sha, label, value)), got, words)
    return out


def _printout_path(store: Store, sha: str) -> Path:
    """A Word file printed to PDF by LibreOffice, kept beside its pictures (keyed by the file's
    sha256): a later picture of that file, for a value flagged by another rule, is a pdfium
    render instead of a print."""
    return store.root / EVIDENCE_DIR / sha[:2] / f"{sha}.pdf"


def _word_shot_path(store: Store, key: WordShotKey) -> Path:
    sha, label, value = key
    return store.root / EVIDENCE_DIR / sha[:2] / word_shot_name(sha, f"{label}\x00{value}")


def _shot_path(store: Store, key: ShotKey) -> Path:
    sha, page, box = key
    return store.root / EVIDENCE_DIR / sha[:2] / shot_name(sha, page, box)


def _keep(path: Path, got: bytes | str, words: Mapping[str, str]) -> Path | str:
    """Cache one crop (or the key of why there is none) at `path`; what the sheet shows."""
    try:
        _write_private(path.with_suffix(".txt") if isinstance(got, str) else path,
                       got.encode("utf-8") if isinstance(got, str) else got)
    except OSError as exc:  # a full disk: this picture is missing from this write only
        log.warning("截图未能保存 %s: %r", path, exc)
        return words["not_rendered"]
    return words.get(got, words["unrenderable"]) if isinstance(got, str) else path


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)

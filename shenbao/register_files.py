"""The register's files, written at the edge: register.xlsx (with its dated daily copy),
register.jsonl (docs/register-contract.md), the copies of stored attachments the register
links to, and the pictures of the places flagged values were read (the 核对 sheet). Every file
is written to a temporary name and swapped in, so none is ever half-written."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from shenbao.execution import Execution, Isolated, run_isolated, shared_converter
from shenbao.faults import checkpoint
from shenbao.outputs.check_sheet import ShotKey, WordShotKey, shots_wanted, word_shots_wanted
from shenbao.outputs.evidence_images import Crop, file_crops, shot_name, word_crops, word_shot_name
from shenbao.outputs.export_jsonl import write_jsonl
from shenbao.outputs.filenames import safe_file_name
from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import RENDERABLE_KINDS, RegisterRow
from shenbao.register import Inputs
from shenbao.settings import LimitSettings
from shenbao.store import Store

log = logging.getLogger(__name__)

REGISTER_NAME = "register.xlsx"
ATTACHMENTS = "附件"
EXPORT_NAME = "register.jsonl"
# Pictures of evidence, cached in the store's folder by (sha256, page, box): a rewrite of the
# register renders only what is new. Personal data, private like the store (0700/0600).
EVIDENCE_DIR = "evidence"
# One file's pages get this long in their isolated child; all files of one write together get
# RENDER_BUDGET, so that a poll never waits long on pictures (the rest come at the next write).
RENDER_TIMEOUT = 30.0
RENDER_BUDGET = 120.0


def write_register_files(rows: Sequence[RegisterRow], inputs: Inputs, output_dir: Path,
                         store: Store, execution: Execution | None = None) -> tuple[Path, Path, list[str]]:
    """register.xlsx (+ a dated copy) and register.jsonl in `output_dir`. Returns where the
    register was actually written (beside the main file when Excel holds it open), the export,
    and Chinese notes for the poll's report. `execution` gives the limits and the cancel flag the
    page renders run under (default limits when None)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    guide = inputs.guide
    target = output_dir / REGISTER_NAME
    written = write_register(
        rows, target, receipts=inputs.receipts, ledger_problems=inputs.ledger_problems,
        quotas={item.name: (item.quota_text, item.quota) for item in guide.items},
        deadline_notice=guide.deadline_notice(), previous=target if target.exists() else None,
        file_links=attachment_copies(rows, store, output_dir), link_root=output_dir,
        evidence_pictures=evidence_pictures(rows, store, execution))
    notes = []
    if written != target:
        notes.append(f"登记表 {target.name} 正被其他程序打开，新登记表已写到旁边：{written.name}")
    checkpoint("between_writes")
    jsonl = write_export(rows, output_dir / EXPORT_NAME)
    return written, jsonl, notes


def write_export(rows: Sequence[RegisterRow], path: Path) -> Path:
    """The contract's JSON Lines export, swapped in whole."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        write_jsonl(rows, fh)
    tmp.replace(path)
    return path


def attachment_copies(rows: Sequence[RegisterRow], store: Store, out: Path) -> dict[str, Path]:
    """Stored attachments, copied under output/附件/<sha prefix>/<safe name> so that the
    register's links open them and never point outside the output folder."""
    links: dict[str, Path] = {}
    for row in rows:
        for ref in row.files:
            if ref.sha256 in links or not store.blob_path(ref.sha256).exists():
                continue
            target = out / ATTACHMENTS / ref.sha256[:16] / safe_file_name(ref.name)
            if not target.exists():
                # Applicants' files are personal data: as private as the data folder (0700/0600).
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                os.chmod(target.parent.parent, 0o700)
                tmp = target.with_name(".tmp-" + ref.sha256[:8])
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(store.read_blob(ref.sha256))
                tmp.replace(target)
            links[ref.sha256] = target
    return links


def evidence_pictures(rows: Sequence[RegisterRow], store: Store, execution: Execution | None = None,
                      *, budget: float = RENDER_BUDGET) -> dict[ShotKey | WordShotKey, Path | str]:
    """The picture of every flagged value's place (outputs.check_sheet.shots_wanted): its cached
    PNG, rendered now when not cached yet, or the Chinese reason there is none (file not stored,
    not renderable, out of time). Each file's wanted pages are rendered once, in an isolated
    child with the file limits; nothing here raises for a bad file. Values read from Word files
    are found in the file printed to PDF by the kept-running LibreOffice (`_word_pictures`)."""
    words = load_register_words().check
    deadline = time.monotonic() + budget
    out: dict[ShotKey | WordShotKey, Path | str] = {}
    out.update(_page_pictures(rows, store, execution, words, deadline).items())
    out.update(_word_pictures(rows, store, execution, words, deadline).items())
    return out


K = TypeVar("K", ShotKey, WordShotKey)


def _from_cache(wanted: Mapping[K, str], path_of: Callable[[K], Path], words: Mapping[str, str], fallback: str
                ) -> tuple[dict[K, Path | str], dict[str, list[Any]], dict[str, str]]:
    """What the cache already holds for each wanted picture (its PNG, or the reason a file could
    not be rendered for good, kept beside it as .txt), and the rest by file: (sha256 → the
    places still to render, sha256 → kind)."""
    out: dict[K, Path | str] = {}
    todo: dict[str, list[Any]] = {}
    kinds: dict[str, str] = {}
    for key, kind in wanted.items():
        path = path_of(key)
        if path.exists():
            out[key] = path
        elif path.with_suffix(".txt").exists():
            out[key] = words.get(path.with_suffix(".txt").read_text("utf-8").strip(), fallback)
        else:
            todo.setdefault(key[0], []).append(key[1:])
            kinds[key[0]] = kind
    return out, todo, kinds


def _page_pictures(rows: Sequence[RegisterRow], store: Store, execution: Execution | None,
                   words: Mapping[str, str], deadline: float) -> dict[ShotKey, Path | str]:
    out, todo, kinds = _from_cache(shots_wanted(rows), lambda key: _shot_path(store, key), words,
                                   words["unrenderable"])
    for sha, crops in todo.items():
        keys = [(sha, page, box) for page, box in crops]
        if time.monotonic() >= deadline:
            out.update(dict.fromkeys(keys, words["over_budget"]))
            continue
        if not store.blob_path(sha).exists():
            out.update(dict.fromkeys(keys, words["missing_file"]))
            continue
        data = store.read_blob(sha)
        kind = kinds[sha] if kinds[sha] in RENDERABLE_KINDS else ("pdf" if b"%PDF" in data[:1024] else "image")
        out.update(_render_file(store, sha, data, kind, crops, execution, words))
    return out


def _word_pictures(rows: Sequence[RegisterRow], store: Store, execution: Execution | None,
                  words: Mapping[str, str], deadline: float) -> dict[WordShotKey, Path | str]:
    """Pictures of flagged values read from Word files (no pages of their own): each file is
    printed to PDF once (kept in the cache) by the kept-running LibreOffice and the value found
    by its text (outputs.evidence_images.word_crops). Without that LibreOffice nothing is
    rendered: the 核对 sheet then shows the text and its place instead."""
    out, todo, kinds = _from_cache(word_shots_wanted(rows), lambda key: _word_shot_path(store, key), words,
                                   words["word_file"])
    converter = (execution.converter() if execution is not None else shared_converter()) if todo else None
    if converter is None:
        return out
    for sha, needles in todo.items():
        keys = [(sha, label, value) for label, value in needles]
        if time.monotonic() >= deadline:
            out.update(dict.fromkeys(keys, words["over_budget"]))
            continue
        printed = store.root / EVIDENCE_DIR / sha[:2] / f"{sha}.pdf"
        try:
            if not printed.exists():
                if not store.blob_path(sha).exists():
                    out.update(dict.fromkeys(keys, words["missing_file"]))
                    continue
                _write_private(printed, converter.to_pdf(store.read_blob(sha), "", kinds[sha], timeout=RENDER_TIMEOUT))
            pdf = printed.read_bytes()
        except Exception as exc:  # noqa: BLE001 - LibreOffice failed on this file (UnreadableFile, OSError)
            reason = getattr(exc, "reason", type(exc).__name__)
            out.update(dict.fromkeys(keys, f"{words['unrenderable']}（{reason}）"))
            continue
        result = _run_limited(word_crops, execution, pdf, needles)
        if isinstance(result, Isolated):
            out.update(dict.fromkeys(keys, f"{words['unrenderable']}（{result.reason}）"))
            continue
        for (label, value), got in result.items():
            out[(sha, label, value)] = _keep(_word_shot_path(store, (sha, label, value)), got, words)
    return out


def _word_shot_path(store: Store, key: WordShotKey) -> Path:
    sha, label, value = key
    return store.root / EVIDENCE_DIR / sha[:2] / word_shot_name(sha, f"{label}\x00{value}")


def _run_limited(func: Callable[..., Any], execution: Execution | None, *args: Any) -> Any:
    """func(*args) in an isolated child with the file limits and RENDER_TIMEOUT; a bug in it on
    one file is an `Isolated` for that file only."""
    try:
        if execution is not None:
            return execution.run_limited(func, *args, timeout=RENDER_TIMEOUT)
        return run_isolated(func, *args, timeout=RENDER_TIMEOUT, memory_mb=LimitSettings().file_memory_mb)
    except Exception as exc:  # noqa: BLE001 - a renderer bug on one file costs that file's pictures only
        log.warning("截图失败: %r", exc)
        return Isolated(type(exc).__name__)


def _keep(path: Path, got: bytes | str, words: Mapping[str, str]) -> Path | str:
    """Cache one crop (or the key of why there is none) at `path`; what the sheet shows."""
    try:
        _write_private(path.with_suffix(".txt") if isinstance(got, str) else path,
                       got.encode("utf-8") if isinstance(got, str) else got)
    except OSError as exc:  # a full disk: this picture is missing from this write only
        log.warning("截图未能保存 %s: %r", path, exc)
        return words["not_rendered"]
    return words.get(got, words["unrenderable"]) if isinstance(got, str) else path


def _shot_path(store: Store, key: ShotKey) -> Path:
    sha, page, box = key
    return store.root / EVIDENCE_DIR / sha[:2] / shot_name(sha, page, box)


def _render_file(store: Store, sha: str, data: bytes, kind: str, crops: list[Crop],
                 execution: Execution | None, words: Mapping[str, str]) -> dict[ShotKey, Path | str]:
    result = _run_limited(file_crops, execution, data, kind, crops)
    if isinstance(result, Isolated):
        # Not cached: a limit hit on a busy machine may not be hit at the next write.
        reason = f"{words['unrenderable']}（{result.reason}）"
        return {(sha, page, box): reason for page, box in crops}
    return {(sha, page, box): _keep(_shot_path(store, (sha, page, box)), got, words)
            for (page, box), got in result.items()}


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)

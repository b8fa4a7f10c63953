"""The register's files, written at the edge: register.xlsx (with its dated daily copy),
register.jsonl (docs/register-contract.md) and the copies of stored attachments the register
links to. Every file is written to a temporary name and swapped in, so none is ever half-written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from shenbao.faults import checkpoint
from shenbao.outputs.export_jsonl import write_jsonl
from shenbao.outputs.filenames import safe_file_name
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import RegisterRow
from shenbao.register import Inputs
from shenbao.store import Store

REGISTER_NAME = "register.xlsx"
ATTACHMENTS = "附件"
EXPORT_NAME = "register.jsonl"


def write_register_files(rows: Sequence[RegisterRow], inputs: Inputs, output_dir: Path,
                         store: Store) -> tuple[Path, Path, list[str]]:
    """register.xlsx (+ a dated copy) and register.jsonl in `output_dir`. Returns where the
    register was actually written (beside the main file when Excel holds it open), the export,
    and Chinese notes for the poll's report."""
    output_dir.mkdir(parents=True, exist_ok=True)
    guide = inputs.guide
    target = output_dir / REGISTER_NAME
    written = write_register(
        rows, target, receipts=inputs.receipts, ledger_problems=inputs.ledger_problems,
        quotas={item.name: (item.quota_text, item.quota) for item in guide.items},
        deadline_notice=guide.deadline_notice(), previous=target if target.exists() else None,
        file_links=attachment_copies(rows, store, output_dir), link_root=output_dir)
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

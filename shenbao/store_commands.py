"""`shenbao store rebuild`: the recovery a damaged database (StoreCorrupt) points to.

The same work as `python -m shenbao.store --rebuild`, kept as an alias: the data directory is
locked as for a poll, and a directory held by another shenbao is refused with exit code 5.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from shenbao.errors import LockHeld
from shenbao.lock import DataDirLock
from shenbao.settings import load_settings
from shenbao.store import rebuild_from_blobs

Progress = Callable[[str, int, int], None] | None


def cmd_store(args: argparse.Namespace, progress: Progress) -> int:
    if args.store_command == "rebuild":
        data_dir = Path(args.data_dir) if args.data_dir else load_settings(Path(args.config)).data_dir
        return rebuild(data_dir)
    print("请指定子命令：rebuild（shenbao store --help）", file=sys.stderr)
    return 2


def rebuild(data_dir: Path) -> int:
    if not (data_dir / "blobs").is_dir():
        print(f"{data_dir} 不是 shenbao 的数据目录（其中没有 blobs 文件夹）", file=sys.stderr)
        return 2
    try:
        with DataDirLock(data_dir, "rebuild"):
            counts = rebuild_from_blobs(data_dir)
    except LockHeld as exc:
        print(f"数据目录正被另一个 shenbao 使用：{exc.holder}。请先停止它再重建。", file=sys.stderr)
        return 5
    print(f"已重建数据库：保留登记编号 {counts['register_ids']} 个、邮件记录 {counts['messages']} 条，"
          f"从原始邮件补回 {counts['from_blobs']} 封。损坏的文件已改名保留在 {data_dir}。"
          "请运行 shenbao poll：它会重新读取全部邮件；没有保留编号的邮件将按收件时间获得新编号（不会重复使用旧编号）。")
    return 0

"""`shenbao rules check|show`: the rules file, checked or shown as a table beside the guide."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from shenbao.settings import load_settings
from shenbao.validators.guide import GuideError, load_guide
from shenbao.validators.render import guide_to_table

Progress = Callable[[str, int, int], None] | None


def cmd_rules(args: argparse.Namespace, progress: Progress) -> int:
    if args.rules_command == "check":
        try:
            guide = load_guide(Path(args.file))
        except GuideError as exc:
            print(f"规则文件 {args.file} 有 {len(exc.problems)} 个问题：")
            for p in exc.problems:
                print("  - " + p)
            return 2  # as for a bad settings file (shenbao --help lists the exit codes)
        print(f"规则文件 {args.file} 检查通过：{len(guide.items)} 个项目，{len(guide.rules)} 条规则。")
        return 0
    if args.rules_command == "show":
        path = Path(args.file) if args.file else load_settings(Path(args.config)).rules_path()
        try:
            guide = load_guide(path)
        except GuideError as exc:
            print(f"规则文件 {path} 有 {len(exc.problems)} 个问题（用 shenbao rules check {path} 查看）：",
                  file=sys.stderr)
            for p in exc.problems:
                print("  - " + p, file=sys.stderr)
            return 2
        print(guide_to_table(guide))
        return 0
    print("请指定子命令：check 或 show（shenbao rules --help）")
    return 2

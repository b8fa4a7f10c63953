"""The `shenbao` command. Thin: every command calls into the pipeline or a stage.

A command's module is imported when that command runs (`COMMAND_MODULES`): `--help`, a usage
error or `rules check` does not load the mail pipeline, and a poll does not load what only
other commands need.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from typing import Any, NoReturn

from shenbao.errors import LockHeld, MailboxConfigError, MailboxUnavailable, SettingsError
from shenbao.progress import RunProgress, terminal_or_none
from shenbao.store import StoreCorrupt

DEFAULT_CONFIG = "shenbao.toml"

EPILOG = """常用示例：
  shenbao demo                          生成演示邮箱并跑一遍，打印登记表位置
  shenbao check-config -c shenbao.toml  检查设置文件并试登录邮箱
  shenbao poll -c shenbao.toml          收一次邮件并更新登记表
  shenbao run -c shenbao.toml           按设置的间隔持续运行（Ctrl-C 停止）
  shenbao export --format jsonl -o register.jsonl
  shenbao store rebuild data            数据库损坏时从已保存的原始邮件重建

退出码：
  0    成功
  2    用法、设置文件或规则文件有误
  3    邮箱拒绝登录或设置不对（账号、授权码、文件夹、TLS）
  4    邮箱暂时连不上或收信中断（已保存的邮件不受影响，下次继续）
  5    数据目录正被另一个 shenbao 使用
  6    数据库文件损坏（见 shenbao store rebuild）
  130  被 Ctrl-C 或 SIGTERM 停止
"""

# Documented in EPILOG and the README; scripts and Task Scheduler act on them.
EXIT_OK, EXIT_USAGE, EXIT_MAILBOX_REFUSED, EXIT_MAILBOX_UNAVAILABLE, EXIT_LOCKED, EXIT_DAMAGED, EXIT_INTERRUPTED = (
    0, 2, 3, 4, 5, 6, 130)
# The module holding each command's handler, `cmd_<command>` (shenbao.commands unless named here).
COMMAND_MODULES = {"rules": "shenbao.rules_commands", "store": "shenbao.store_commands"}
DEFAULT_COMMAND_MODULE = "shenbao.commands"

# The reader of the output went away (`shenbao status | head -1`): the status a shell reports
# for any program SIGPIPE ended (128 + 13), not one of shenbao's own.
EXIT_OUTPUT_CLOSED = 141


class ZhFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)

    _heading: str | None = None

    def start_section(self, heading: str | None) -> None:
        self._heading = heading
        super().start_section(heading)

    def end_section(self) -> None:
        self._heading = None
        super().end_section()

    def add_argument(self, action: argparse.Action) -> None:
        # argparse lists a command list under its own name ("命令") first; under a heading of
        # the same words that said 命令 twice. The commands go straight under the heading.
        if isinstance(action, argparse._SubParsersAction) and action.metavar == self._heading:
            for choice in action._get_subactions():
                super().add_argument(choice)
            return
        super().add_argument(action)


# argparse's own messages, in Chinese (its words come from gettext, which has no zh catalogue here).
_ARGPARSE_ZH = (
    ("the following arguments are required: ", "缺少必填参数："),
    ("unrecognized arguments: ", "不认识的参数："),
    ("invalid choice: ", "无效的选择："),
    ("choose from ", "可选："),
    ("expected one argument", "需要一个值"),
    ("argument ", "参数 "),
)


class ZhArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Chinese throughout, sub-commands included."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ZhFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        for english, chinese in _ARGPARSE_ZH:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}（用 {self.prog} -h 查看帮助）\n")


def _add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("-c", "--config", default=os.environ.get("SHENBAO_CONFIG", DEFAULT_CONFIG), metavar="设置文件",
                   help=f"设置文件（默认 {DEFAULT_CONFIG}，或环境变量 SHENBAO_CONFIG）")


def version_line() -> str:
    try:
        return f"shenbao 版本 {importlib.metadata.version('shenbao')}"
    except importlib.metadata.PackageNotFoundError:
        return "shenbao（未安装，版本未知：请在项目目录运行 ./dev setup）"


def _add_global_options(p: argparse.ArgumentParser, *, top: bool) -> None:
    # On a sub-command the default is SUPPRESS, so that `shenbao -v poll` is not undone by the
    # sub-command's own default: the option counts wherever it is written.
    p.add_argument("-v", "--verbose", action="store_true", default=False if top else argparse.SUPPRESS,
                   help="显示更详细的日志（可写在命令前或命令后）")


def _sub_parsers(p: argparse.ArgumentParser) -> Iterable[argparse.ArgumentParser]:
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield child
                yield from _sub_parsers(child)


def build_parser() -> argparse.ArgumentParser:
    parser = ZhArgumentParser(
        prog="shenbao", epilog=EPILOG,
        description="湖南省科协项目申报邮件的收取、提取、形式审查与登记表生成工具。")
    _add_global_options(parser, top=True)
    parser.add_argument("--version", action="version", version=version_line(), help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", title="命令")

    def cmd(name: str, help_: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_, description=help_, epilog="示例：\n  " + example)

    p = cmd("demo", "生成演示邮箱（约20份模拟申报）并运行整个流程，打印登记表所在位置", "shenbao demo --dir ./演示")
    p.add_argument("--dir", default="demo-workspace", metavar="目录", help="演示工作目录（默认 ./demo-workspace）")
    p.add_argument("--force", action="store_true",
                   help="目录中已有不是演示生成的 shenbao.toml、receipts.xlsx 或 history.xlsx 时也覆盖（其中的内容会丢失）")

    p = cmd("poll", "收取一次新邮件，提取、审查并更新登记表", "shenbao poll -c shenbao.toml --dry-run")
    _add_config(p)
    p.add_argument("--dry-run", action="store_true",
                   help="演练：收取、读取并审查新邮件，逐封显示结果，但不保存、不编号、不写登记表、不发回执")

    p = cmd("run", "按设置的时间间隔持续收信并更新登记表（Ctrl-C 或 SIGTERM 停止）", "shenbao run -c shenbao.toml")
    _add_config(p)

    p = cmd("export", "按数据约定导出登记表（JSON Lines）", "shenbao export --format jsonl -o register.jsonl")
    _add_config(p)
    p.add_argument("--format", choices=["jsonl"], default="jsonl", metavar="格式", help="导出格式（目前只有 jsonl）")
    p.add_argument("-o", "--output", default="-", metavar="文件", help="输出文件；- 或不填为标准输出")

    p = cmd("check-config", "检查设置文件的所有问题，并试登录邮箱、列出文件夹", "shenbao check-config -c shenbao.toml")
    _add_config(p)
    p.add_argument("--offline", action="store_true", help="只检查文件，不连接邮箱")

    p = cmd("status", "显示服务是否在运行、上次和下次收信时间、已保存邮件数、各状态的登记数、近24小时的错误",
            "shenbao status -c shenbao.toml")
    _add_config(p)

    p = cmd("reprocess", "规则或标签修改后，从已保存的原始邮件重新提取和审查（保留编号和人工备注）",
            "shenbao reprocess -c shenbao.toml 2024-0007 2024-0012")
    _add_config(p)
    p.add_argument("ids", nargs="*", metavar="编号", help="只重做这些编号；不填则全部重做")

    p = cmd("rules", "检查或显示申报规则文件", "shenbao rules check config/guide-2024.toml")
    rsub = p.add_subparsers(dest="rules_command", metavar="子命令")
    rc = rsub.add_parser("check", help="检查规则文件，一次列出所有问题", description="检查规则文件，一次列出所有问题",
                         epilog="示例：\n  shenbao rules check config/guide-2025.toml")
    rc.add_argument("file", metavar="规则文件", help="要检查的规则文件（TOML）")
    rs = rsub.add_parser("show", help="以表格显示规则，便于和指南逐条核对", description="以表格显示规则，便于和指南逐条核对",
                         epilog="示例：\n  shenbao rules show -c shenbao.toml")
    rs.add_argument("file", nargs="?", metavar="规则文件", help="规则文件（不填则用设置文件中的）")
    _add_config(rs)

    p = cmd("receipts", "纸质件登记簿工具", "shenbao receipts template 纸质件登记簿.xlsx")
    tsub = p.add_subparsers(dest="receipts_command", metavar="子命令")
    tt = tsub.add_parser("template", help="生成空白纸质件登记簿（带表头、数据校验）",
                         description="生成空白纸质件登记簿（带表头、数据校验）",
                         epilog="示例：\n  shenbao receipts template 纸质件登记簿.xlsx")
    tt.add_argument("file", metavar="文件", help="要生成的 Excel 文件")
    tt.add_argument("--force", action="store_true", help="文件已存在时也覆盖（其中填写的内容会丢失）")

    p = cmd("packets", "为评审专家按项目类别生成评审材料包", "shenbao packets -c shenbao.toml")
    _add_config(p)

    p = cmd("store", "数据目录的维护工具", "shenbao store rebuild data")
    ssub = p.add_subparsers(dest="store_command", metavar="子命令")
    sr = ssub.add_parser("rebuild", help="数据库文件损坏时，从残存记录和已保存的原始邮件重建数据库",
                         description="数据库文件损坏时，从残存记录和已保存的原始邮件重建数据库（损坏的文件改名保留）。"
                                     "先停止所有 shenbao 进程；重建后运行 shenbao poll。",
                         epilog="示例：\n  shenbao store rebuild data\n  shenbao store rebuild -c shenbao.toml")
    sr.add_argument("data_dir", nargs="?", metavar="数据目录",
                    help="设置文件中 paths.data_dir 所指的目录（不填则从设置文件中读取）")
    _add_config(sr)

    for child in _sub_parsers(parser):
        _add_global_options(child, top=False)
    return parser


def setup_logging(verbose: bool) -> None:
    # local: shenbao.service imports the whole pipeline, which `rules check` never needs
    from shenbao.service import call_zone_formatter

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(call_zone_formatter("%(asctime)s %(message)s", "%H:%M:%S"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, handlers=[handler])
    for noisy in ("imapclient", "pdfminer", "pdfplumber", "RapidOCR", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code (see EPILOG)."""
    try:
        try:
            return run_command(argv)
        finally:
            if sys.stdout is not None:
                sys.stdout.flush()  # a closed pipe shows here, while it can still be answered
    except BrokenPipeError:
        return output_closed()


def output_closed() -> int:
    """Python's advice for a closed pipe (the signal module's "Note on SIGPIPE"): point stdout
    at devnull, so that the flush at exit does not fail again with a traceback, and exit as a
    program SIGPIPE ended would."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is no file (captured, or None)
        pass
    return EXIT_OUTPUT_CLOSED


def run_command(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    setup_logging(args.verbose)
    handler = handler_of(args.command)
    previous = stop_on_sigterm() if args.command != "run" else None  # the service handles its own signals
    try:
        return int(handler(args, RunProgress(None, terminal=terminal_or_none())) or 0)
    except SettingsError as exc:
        print("设置文件有问题：", file=sys.stderr)
        for line in exc.problems:
            print("  - " + line, file=sys.stderr)
        return EXIT_USAGE
    except MailboxConfigError as exc:
        print("邮箱设置有问题：" + exc.message, file=sys.stderr)
        return EXIT_MAILBOX_REFUSED
    except MailboxUnavailable as exc:
        print(f"本次收信中断：{exc}。已保存的邮件不受影响，下次收信会从中断处继续。", file=sys.stderr)
        return EXIT_MAILBOX_UNAVAILABLE
    except StoreCorrupt as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_DAMAGED
    except LockHeld as exc:
        print(f"数据目录正被另一个 shenbao 使用：{exc.holder}。请等它结束，或先停止它。", file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:
        print("已停止。", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        close_converter()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def handler_of(command: str) -> Callable[[argparse.Namespace, RunProgress], int | None]:
    """The function that runs `command`, its module imported now (see the module docstring)."""
    module = importlib.import_module(COMMAND_MODULES.get(command, DEFAULT_COMMAND_MODULE))
    handler: Callable[[argparse.Namespace, RunProgress], int | None] = getattr(module, "cmd_" + command.replace("-", "_"))
    return handler


def close_converter() -> None:
    """End the LibreOffice kept running for this command (it is also ended at exit). Only a
    command that loaded shenbao.execution can have started one."""
    execution = sys.modules.get("shenbao.execution")
    if execution is not None:
        execution.close_shared_converter()


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the command is, so that every `finally` runs: temporary files are
    removed and child processes (readers, LibreOffice) are ended with the command."""


def stop_on_sigterm() -> Any:
    """Turn SIGTERM into `Terminated` for a one-shot command (main thread only); returns the
    handler it replaced."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def on_term(signum: int, frame: object) -> None:
        raise Terminated()

    return signal.signal(signal.SIGTERM, on_term)

"""What each `shenbao` command does. Each returns the process exit code."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from shenbao.settings import Settings, load_settings

Progress = Callable[[str, int, int], None] | None


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(Path(args.config))


def print_summary(rows: list, register: Path | None) -> None:  # type: ignore[type-arg]
    from shenbao.outputs.register_view import row_status_key
    from shenbao.outputs.labels_zh import load_labels

    labels = load_labels()
    counts = Counter(labels.status.get(row_status_key(r), row_status_key(r)) for r in rows)
    print(f"登记表共 {len(rows)} 行：" + "，".join(f"{k} {v}" for k, v in counts.most_common()))
    if register:
        print(f"登记表：{register}")


def cmd_demo(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.demo.workspace import build_workspace
    from shenbao.pipeline import run_once

    root = Path(args.dir).resolve()
    ws = build_workspace(root)
    settings = load_settings(ws.settings_path if hasattr(ws, "settings_path") else root / "shenbao.toml")
    print(f"演示工作目录：{root}（模拟邮箱 {settings.maildir}）")
    report = run_once(settings, progress=progress)
    print(f"本次收到新邮件 {report.fetched} 封，读取 {report.extracted} 封。")
    rows = _rows(settings)
    print_summary(rows, settings.output_dir / "register.xlsx")
    print(f"数据导出（JSON Lines）：{settings.output_dir / 'register.jsonl'}")
    for note in report.notes:
        print(note)
    return 0


def _rows(settings: Settings) -> list:  # type: ignore[type-arg]
    from shenbao.lock import DataDirLock
    from shenbao.pipeline import build_rows
    from shenbao.store import Store

    with DataDirLock(settings.data_dir, "export"), Store(settings.data_dir) as store:
        return build_rows(store, settings)


def cmd_poll(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.pipeline import run_once

    settings = _settings(args)
    report = run_once(settings, dry_run=args.dry_run, progress=progress)
    if args.dry_run:
        print(f"演练：邮箱中有 {report.fetched} 封新邮件待收取（未保存）。")
        return 0
    print(f"收到新邮件 {report.fetched} 封，读取 {report.extracted} 封。")
    if report.register_path:
        print(f"登记表已更新：{report.register_path}（{report.rows} 行）")
    else:
        print("没有新邮件，登记表未变。")
    for note in report.notes:
        print(note)
    return 0


def cmd_run(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.service import run_service

    return run_service(_settings(args))


def cmd_export(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.outputs.export_jsonl import write_jsonl

    rows = _rows(_settings(args))
    if args.output in ("-", ""):
        write_jsonl(rows, sys.stdout)
        sys.stdout.flush()
    else:
        out = Path(args.output)
        tmp = out.with_name(out.name + ".tmp")
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            write_jsonl(rows, fh)
        tmp.replace(out)
        print(f"已导出 {len(rows)} 行到 {out}", file=sys.stderr)
    return 0


def cmd_check_config(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.errors import MailboxConfigError, MailboxUnavailable, SettingsError
    from shenbao.settings import password_problem
    from shenbao.validators.guide import GuideError, load_guide

    problems: list[str] = []
    try:
        settings = _settings(args)
    except SettingsError as exc:
        problems.extend(exc.problems)
        settings = None
    if settings is not None:
        try:
            load_guide(settings.rules_path())
        except GuideError as exc:
            problems.extend(exc.problems)
        except FileNotFoundError:
            pass  # already reported by load_settings
        pw = password_problem(settings)
        if pw:
            problems.append(pw)
    if problems:
        print("发现以下问题：")
        for p in problems:
            print("  - " + p)
        return 2
    assert settings is not None
    print(f"设置文件 {args.config} 检查通过。")
    if settings.source.kind == "maildir":
        print(f"邮件来源：本地 Maildir {settings.maildir}")
        return 0
    if args.offline:
        return 0
    from shenbao.intake.imap_source import probe

    try:
        info = probe(settings.mailbox, settings.mailbox.password() or "")
    except MailboxConfigError as exc:
        print("邮箱检查失败：" + exc.message)
        return 3
    except MailboxUnavailable as exc:
        print(f"无法连接邮箱：{exc}")
        return 4
    print(f"已登录 {settings.mailbox.username}（{settings.mailbox.host}:{settings.mailbox.port}），"
          f"{'已发送 IMAP ID' if info['id_sent'] else '服务器不要求 IMAP ID'}。")
    print("邮箱文件夹：" + "、".join(info["folders"]))  # type: ignore[arg-type]
    print(f"文件夹“{settings.mailbox.folder}”中有 {info['exists']} 封邮件。")
    return 0


def cmd_status(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.store import Store

    settings = _settings(args)
    with Store(settings.data_dir) as store:
        polls = store.events("poll")
        errors = store.events("poll_error", since=(datetime.now().astimezone() - timedelta(days=1)).isoformat())
        print(f"已保存邮件：{store.message_count()} 封")
        if polls:
            at, _, detail = polls[-1]
            print(f"上次收信：{at}（新邮件 {detail.get('fetched', 0)} 封）")
            nxt = datetime.fromisoformat(at) + timedelta(minutes=settings.schedule.interval_minutes)
            print(f"下次收信（服务运行时）：约 {nxt:%Y-%m-%d %H:%M}")
        else:
            print("尚未收过信。")
        print(f"近24小时收信错误：{len(errors)} 次" + ("".join(f"\n  {a}：{d.get('message')}" for a, _, d in errors[-5:])))
    rows = _rows(settings)
    print_summary(rows, settings.output_dir / "register.xlsx")
    return 0


def cmd_reprocess(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.lock import DataDirLock
    from shenbao.pipeline import run_once
    from shenbao.store import Store

    settings = _settings(args)
    with DataDirLock(settings.data_dir, "reprocess"), Store(settings.data_dir) as store:
        if args.ids:
            by_id = {v: k for k, v in store.ids().items()}
            missing = [i for i in args.ids if i not in by_id]
            if missing:
                print("找不到这些编号：" + "、".join(missing))
                return 2
            shas = {by_id[i].split("#", 1)[0] for i in args.ids if "#" in by_id[i]}
            store.forget_submissions(shas)
        else:
            store.forget_submissions(None)
    report = run_once(settings, progress=progress, force_write=True)
    print(f"已重新读取 {report.extracted} 封邮件；编号和人工备注保持不变。登记表：{report.register_path}")
    return 0


def cmd_rules(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.validators.guide import GuideError, load_guide
    from shenbao.validators.render import guide_to_table

    if args.rules_command == "check":
        try:
            guide = load_guide(Path(args.file))
        except GuideError as exc:
            print(f"规则文件 {args.file} 有 {len(exc.problems)} 个问题：")
            for p in exc.problems:
                print("  - " + p)
            return 1
        print(f"规则文件 {args.file} 检查通过：{len(guide.items)} 个项目，{len(guide.rules)} 条规则。")
        return 0
    if args.rules_command == "show":
        path = Path(args.file) if args.file else _settings(args).rules_path()
        print(guide_to_table(load_guide(path)))
        return 0
    print("请指定子命令：check 或 show（shenbao rules --help）")
    return 2


def cmd_receipts(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.outputs.ledger_template import write_template

    if args.receipts_command != "template":
        print("请指定子命令：template（shenbao receipts --help）")
        return 2
    out = write_template(Path(args.file))
    print(f"已生成纸质件登记簿模板：{out}")
    return 0


def cmd_packets(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.packets_run import build_all

    settings = _settings(args)
    out = build_all(settings, progress=progress)
    print(f"评审材料包已生成：{out}")
    return 0

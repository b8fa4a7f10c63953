"""What each `shenbao` command does. Each returns the process exit code."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from shenbao.record import RawMessage
from shenbao.settings import Settings, load_settings

if TYPE_CHECKING:
    from shenbao.store import Store

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
    if args.dry_run:
        return dry_run_poll(settings, progress)
    report = run_once(settings, progress=progress)
    print(f"收到新邮件 {report.fetched} 封，读取 {report.extracted} 封。")
    if report.register_path:
        print(f"登记表已更新：{report.register_path}（{report.rows} 行）")
    else:
        print("没有新邮件，登记表未变。")
    for note in report.notes:
        print(note)
    return 0


def fetch_into_memory(settings: Settings, store: Store, progress: Progress) -> list[RawMessage]:
    """The new messages a poll would fetch, kept in memory: nothing is stored, and the server
    is opened read-only with no after-store action."""
    from shenbao.errors import MailboxConfigError
    from shenbao.settings import password_problem

    raws: list[RawMessage] = []

    def step(done: int, total: int) -> None:
        if progress:
            progress("收取邮件（演练）", done, total)

    if settings.source.kind == "maildir":
        from shenbao.intake import maildir_source

        maildir_source.fetch_new(settings.maildir, settings.account, settings.tz, store.has_location,
                                 raws.extend, batch_size=settings.mailbox.batch_size, progress=step)
        return raws
    from shenbao.intake import imap_source

    problem = password_problem(settings)
    if problem:
        raise MailboxConfigError(problem)
    account, folder = settings.account, settings.mailbox.folder
    imap_source.fetch_new(settings.mailbox.model_copy(update={"after_store": "none"}),
                          settings.mailbox.password() or "", account,
                          last_uid_for=lambda uv: store.last_uid(account, folder, uv),
                          known_uids_for=lambda uv: store.known_uids(account, folder, uv),
                          save_batch=raws.extend, progress=step)
    return raws


def dry_run_poll(settings: Settings, progress: Progress) -> int:
    """`poll --dry-run`: everything a poll does but the writes. New mail is fetched into memory,
    read and checked against the rules, and one line per message is printed; nothing is stored,
    numbered, written, marked on the server or replied to."""
    from shenbao.intake.mime import parse_message
    from shenbao.lock import DataDirLock
    from shenbao.pipeline import sha256_of
    from shenbao.processing import isolated_reader, message_to_submissions
    from shenbao.record import StoredMessage
    from shenbao.register import load_inputs
    from shenbao.store import Store, message_id_of
    from shenbao.validators.engine import check_application

    with DataDirLock(settings.data_dir, "dry-run"), Store(settings.data_dir) as store:
        raws = fetch_into_memory(settings, store, progress)
    print(f"演练：邮箱中有 {len(raws)} 封新邮件（不保存、不编号、不写登记表、不发回执）。")
    if not raws:
        return 0
    inputs = load_inputs(settings)
    read = isolated_reader()
    for n, raw in enumerate(raws, 1):
        stored = StoredMessage(sha256=sha256_of(raw.data), message_id=message_id_of(raw.data),
                               internaldate=raw.internaldate, location=raw.location, size=len(raw.data))
        for sub in message_to_submissions(stored, parse_message(raw.data), read, sha256_of):
            head = f"  [{n}] {raw.internaldate.astimezone(settings.tz):%m-%d %H:%M} {sub.sender}《{sub.subject[:40]}》"
            if sub.kind == "other":
                print(f"{head} → 其他邮件：{sub.other_reason or ''}")
                continue
            findings = list(sub.findings)
            if sub.form is not None:
                f = sub.form.fields
                findings += check_application(f, sub.form.facts, raw.internaldate, inputs.guide, inputs.history)
                funding = f"{f.funding_wan:g} 万元" if f.funding_wan is not None else "经费未识别"
                head += f" → 申报：{f.applicant_org or '单位未识别'}《{f.project_name or '项目名称未识别'}》" \
                        f"（{f.subcategory or '类别未识别'}，{funding}）"
            else:
                head += " → 申报邮件，但没有读到申报书"
            print(head)
            for finding in findings:
                if finding.severity in ("error", "warning"):
                    print(f"        {finding.code}：{finding.message}")
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
    return check_reply(settings)


def check_reply(settings: Settings) -> int:
    """The reply settings: nothing when off; the drafts folder; or a real SMTP login."""
    cfg = settings.reply
    if not cfg.enabled:
        print("回执：未开启（[reply] enabled = false）。")
        return 0
    if cfg.mode == "draft":
        print(f"回执：草稿模式，回执草稿写到 {settings.resolve(cfg.drafts_dir)}，不会发送。")
        return 0
    import smtplib

    from shenbao.replying import smtp_reason, smtp_session

    try:
        with smtp_session(settings):
            pass
    except (smtplib.SMTPException, OSError) as exc:
        print(f"回执发信检查失败（{cfg.smtp_host}:{cfg.smtp_port}）：{smtp_reason(exc)}")
        return 3
    print(f"回执：发送模式，已成功登录发信服务器 {cfg.smtp_host}:{cfg.smtp_port}。")
    return 0


def cmd_status(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.replying import reply_counts
    from shenbao.service import NEXT_POLL_COUNTER, service_holder
    from shenbao.store import Store

    settings = _settings(args)
    holder = service_holder(settings)
    print(f"收信服务：{'运行中，' + holder if holder else '未运行（用 shenbao run 启动）'}")
    since = datetime.now().astimezone() - timedelta(days=1)
    with Store(settings.data_dir) as store:
        polls = store.events("poll")
        errors = store.events("poll_error", since=since.isoformat(timespec="seconds"))
        reply_errors = store.events("reply_error", since=since.isoformat(timespec="seconds"))
        next_poll = store.get_counter(NEXT_POLL_COUNTER)
        replies = reply_counts(store)
        print(f"已保存邮件：{store.message_count()} 封")
        if polls:
            at, _, detail = polls[-1]
            print(f"上次收信：{datetime.fromisoformat(at):%Y-%m-%d %H:%M:%S}（新邮件 {detail.get('fetched', 0)} 封）")
        else:
            print("尚未收过信。")
        if holder and next_poll:
            print(f"下次收信：约 {datetime.fromtimestamp(next_poll).astimezone():%Y-%m-%d %H:%M:%S}")
        print(f"近24小时收信错误：{len(errors)} 次"
              + "".join(f"\n  {datetime.fromisoformat(a):%m-%d %H:%M} {d.get('message')}" for a, _, d in errors[-5:]))
    if settings.reply.enabled or replies:
        names = {"sent": "已发送", "drafted": "草稿", "failed": "待重试", "uncertain": "状态不明", "skipped": "不需回执"}
        print("回执：" + ("，".join(f"{names.get(k, k)} {v}" for k, v in sorted(replies.items())) or "尚无")
              + (f"；近24小时发送失败 {len(reply_errors)} 次" if reply_errors else ""))
    rows = _rows(settings)
    print_summary(rows, settings.output_dir / "register.xlsx")
    return 0


def cmd_reprocess(args: argparse.Namespace, progress: Progress) -> int:
    """Re-extract and re-validate from the stored raw messages; no mail is fetched. Register
    numbers live in the store and staff columns are carried over by the register writer."""
    from shenbao.lock import DataDirLock
    from shenbao.pipeline import build_rows, extract_pending, write_outputs
    from shenbao.store import Store

    settings = _settings(args)
    with DataDirLock(settings.data_dir, "reprocess"), Store(settings.data_dir) as store:
        if args.ids:
            by_id = {v: k for k, v in store.ids().items()}
            missing = [i for i in args.ids if i not in by_id]
            if missing:
                print("找不到这些编号：" + "、".join(missing))
                return 2
            paper_only = [i for i in args.ids if "#" not in by_id[i]]
            if paper_only:
                print("这些编号只有纸质件，没有邮件可重新读取：" + "、".join(paper_only))
            store.forget_submissions({by_id[i].split("#", 1)[0] for i in args.ids if "#" in by_id[i]})
        else:
            store.forget_submissions(None)
        extracted = extract_pending(store, settings, progress=progress)
        rows = build_rows(store, settings)
        register, _, notes = write_outputs(rows, settings, store)
        store.set_counter("register_stale", 0)
    print(f"已重新读取 {extracted} 封邮件；编号和人工备注保持不变。登记表：{register}（{len(rows)} 行）")
    for note in notes:
        print(note)
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

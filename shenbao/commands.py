"""What each mail-handling `shenbao` command does. Each returns the process exit code.

Every command that touches mail or the register goes through the composition root
(shenbao.pipeline); this module only turns its results into Chinese lines. What only `demo` and
`packets` need (the demo's generator, the packet builder: ~0.3 s to import) is imported by those
commands, not by every poll.
"""

from __future__ import annotations

import argparse
import smtplib
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from shenbao.errors import LockHeld, MailboxConfigError, MailboxUnavailable, SettingsError
from shenbao.fetching import poll_errors_since, probe_mailbox, record_poll_error
from shenbao.lock import DataDirLock
from shenbao.outputs.cells import LOCAL_TZ
from shenbao.outputs.export_jsonl import write_jsonl
from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.ledger_template import TemplateExists, write_template
from shenbao.outputs.register_view import row_status_key
from shenbao.pipeline import RunReport, build_register, input_problems, run_once, scope_start_of
from shenbao.record import RegisterRow
from shenbao.register_files import EXPORT_NAME, latest_register, write_export
from shenbao.reply_delivery import smtp_reason, smtp_session
from shenbao.progress import RunProgress, running_progress
from shenbao.service import NEXT_POLL_COUNTER, command_log, run_service, service_holder
from shenbao.settings import Settings, load_settings, password_problem
from shenbao.staff_input import Correction
from shenbao.store import Store, StoreCorrupt
from shenbao.tools import check_tools, tool_lines, who_can_read

Progress = Callable[[str, int, int], None] | None

EXIT_MAILBOX_UNAVAILABLE = 4  # the CLI's code for a poll the mailbox broke off (shenbao.cli)


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(Path(args.config))


def print_summary(rows: Sequence[RegisterRow], register: Path | None) -> None:
    """The rows by status, and where the register is (`register`: `latest_register`'s answer —
    the copy written beside the main file while it was held open, when that is newer)."""
    words = load_register_words()
    counts = Counter(words.status.get(row_status_key(r), row_status_key(r)) for r in rows)
    print(f"登记表共 {len(rows)} 行：" + "，".join(f"{k} {v}" for k, v in counts.most_common()))
    if register and not register.exists():
        print(f"登记表：{register}（尚未生成，第一次收信后生成）")
    elif register:
        print(f"登记表：{register}")


def cmd_demo(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.demo.workspace import DemoFilesExist, build_workspace  # local: only the demo needs it (see above)

    root = Path(args.dir).resolve()
    try:
        ws = build_workspace(root, force=args.force)
    except DemoFilesExist as exc:  # the folder holds an office's own settings or ledger
        print(exc, file=sys.stderr)
        return 2
    settings = load_settings(ws.settings)
    print(f"演示工作目录：{root}（模拟邮箱 {settings.maildir}）")
    with command_log(settings), _watching(settings, progress) as watch:
        report = run_once(settings, progress=watch)
    print(f"本次收到新邮件 {report.fetched} 封，读取 {report.extracted} 封。")
    print_summary(_rows(settings), latest_register(settings.register_path))
    print(f"数据导出（JSON Lines）：{settings.output_dir / EXPORT_NAME}")
    for note in report.notes:
        print(note)
    return 0


def _rows(settings: Settings, *, while_polling: bool = False) -> list[RegisterRow]:
    """The register rows. With `while_polling` (status, export) a running poll does not stop
    the command: the rows are read without the lock, new rows showing their planned numbers."""
    return _register(settings, while_polling=while_polling)[0]


def _register(settings: Settings, *, while_polling: bool = False
              ) -> tuple[list[RegisterRow], dict[str, dict[str, Correction]]]:
    """_rows, and staff's corrections by 编号 then field (the export's `corrections`)."""
    lock = DataDirLock(settings.data_dir, "export")
    try:
        lock.acquire()
    except LockHeld:
        if not while_polling:
            raise
        with Store(settings.data_dir) as store:
            return build_register(store, settings, read_only=True)
    try:
        with Store(settings.data_dir) as store:
            return build_register(store, settings)
    finally:
        lock.release()


def _watching(settings: Settings, progress: Progress) -> RunProgress:
    """Progress for a command that works on the data: the terminal bar it was given, plus the
    log lines and the progress file `status` reads."""
    return RunProgress(settings.data_dir, terminal=progress.terminal if isinstance(progress, RunProgress) else None)


def cmd_poll(args: argparse.Namespace, progress: Progress) -> int:
    settings = _settings(args)
    if args.dry_run:
        with _watching(settings, progress) as watch:
            print_dry_run(run_once(settings, progress=watch, dry_run=True), settings)
        return 0
    with Store(settings.data_dir) as store:
        mark = store.event_mark()
    try:
        with command_log(settings), _watching(settings, progress) as watch:
            report = run_once(settings, progress=watch)
    except (LockHeld, StoreCorrupt, KeyboardInterrupt):
        raise  # another poll is running, the database needs the admin, or the user stopped it
    except MailboxConfigError as exc:
        _record_failure(settings, exc.message)
        raise
    except MailboxUnavailable as exc:  # a full disk
        _record_failure(settings, f"收信中断：{exc}")
        raise
    except Exception as exc:
        _record_failure(settings, f"本次收信出错：{exc.__class__.__name__}")
        raise
    print(f"收到新邮件 {report.fetched} 封，读取 {report.extracted} 封。")
    if report.register_path:
        print(f"登记表已更新：{report.register_path}（{len(report.rows)} 行）")
    else:
        print("没有新邮件，登记表未变。")
    for note in report.notes:
        print(note)
    with Store(settings.data_dir) as store:
        failures = poll_errors_since(store, mark)
    if failures:
        # The fetch failed part-way; what was stored was still read and the register written.
        print(f"本次收信未完成：{failures[-1].removeprefix('收信中断：')}。已保存的邮件照常读取和登记，"
              "下次收信会从中断处继续。", file=sys.stderr)
        return EXIT_MAILBOX_UNAVAILABLE
    return 0


def _record_failure(settings: Settings, message: str) -> None:
    """A failed manual poll counts in `shenbao status` like a failed scheduled one."""
    try:
        with Store(settings.data_dir) as store:
            record_poll_error(store, message)
    except Exception:  # noqa: BLE001 - the poll's own error is what the user must see
        pass


def print_dry_run(report: RunReport, settings: Settings) -> None:
    """`poll --dry-run`: the rows a poll would write, the new ones marked; nothing was stored,
    numbered, written, marked on the server or replied to."""
    print(f"演练：邮箱中有 {report.fetched} 封新邮件（不保存、不编号、不写登记表、不发回执）。")
    print(f"收信后登记表将有 {len(report.rows)} 行（“新”为本次新增；编号为预计编号，正式收信时可能不同）：")
    words = load_register_words()
    for row in report.rows:
        mark = "新" if row.key in report.new_keys else "  "
        status = words.status.get(row_status_key(row), row_status_key(row))
        when = f"{row.received_at.astimezone(settings.tz):%m-%d %H:%M}" if row.received_at else "（纸质件）"
        if row.kind == "other":
            what = f"其他邮件：{row.other_reason or ''}"
        elif row.fields is not None:
            f = row.fields
            funding = f"{f.funding_wan:g} 万元" if f.funding_wan is not None else "经费未识别"
            what = (f"申报：{f.applicant_org or '单位未识别'}《{f.project_name or '项目名称未识别'}》"
                    f"（{f.subcategory or '类别未识别'}，{funding}）")
        else:
            what = "申报邮件，但没有读到申报书"
        print(f" {mark} {row.id} {when} {status} {row.sender or ''} → {what}")
        for finding in row.findings:
            if finding.severity in ("error", "warning"):
                print(f"        {words.finding_name(finding.code)}：{finding.message}")  # as the register names it
    for note in report.notes:
        print(note)


def cmd_run(args: argparse.Namespace, progress: Progress) -> int:
    return run_service(_settings(args))


def cmd_export(args: argparse.Namespace, progress: Progress) -> int:
    settings = _settings(args)
    rows, corrections = _register(settings, while_polling=True)
    if (doing := running_progress(settings.data_dir)) is not None:
        print(f"注意：收信正在进行（{doing}），导出的是此刻已读取的内容，新行的编号以收信完成后为准。",
              file=sys.stderr)
    if args.output in ("-", ""):
        write_jsonl(rows, sys.stdout, corrections)
        sys.stdout.flush()
    else:
        out = write_export(rows, Path(args.output), corrections)
        print(f"已导出 {len(rows)} 行到 {out}", file=sys.stderr)
    return 0


def cmd_check_config(args: argparse.Namespace, progress: Progress) -> int:
    problems: list[str] = []
    settings: Settings | None = None
    try:
        settings = _settings(args)
    except SettingsError as exc:
        problems.extend(exc.problems)
    if settings is not None:
        problems.extend(input_problems(settings))
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
    checks = check_tools()
    missing = [c for c in checks if not c.found]
    print("系统工具：" + ("齐全" if not missing else f"缺少 {len(missing)} 项（不影响其他文件，安装后重新运行即可）"))
    for line in tool_lines(checks):
        print(line)
    print(who_can_read(settings.output_dir))
    from shenbao.packet_files import reviewer_settings_warnings  # local: the packet builder (see the module docstring)

    for warning in reviewer_settings_warnings(settings):  # a typo here silently costs a reviewer a packet
        print("评审专家设置提示：" + warning)
    if settings.source.kind == "maildir":
        print(f"邮件来源：本地 Maildir {settings.maildir}")
        return 0
    if args.offline:
        return 0
    try:
        info = probe_mailbox(settings)
    except MailboxConfigError as exc:
        print("邮箱检查失败：" + exc.message)
        return 3
    except MailboxUnavailable as exc:
        print(f"无法连接邮箱：{exc}")
        return 4
    folders = info["folders"] if isinstance(info["folders"], list) else []
    print(f"已登录 {settings.mailbox.username}（{settings.mailbox.host}:{settings.mailbox.port}），"
          f"{'已发送 IMAP ID' if info['id_sent'] else '服务器不要求 IMAP ID'}。")
    print("邮箱文件夹：" + "、".join(str(f) for f in folders))
    print(f"文件夹“{settings.mailbox.folder}”中有 {info['exists']} 封邮件。")
    names = {str(f) for f in folders}
    absent = [f for f in settings.mailbox.folders() if f not in names]
    if absent:
        print("设置中的这些文件夹在邮箱里不存在，收信时会报错：" + "、".join(absent))
        return 3
    junk = [f for f in names if "垃圾" in f or f.lower() in ("junk", "spam")]
    if junk and not settings.mailbox.junk_folders:
        print(f"提示：邮箱有“{'、'.join(sorted(junk))}”文件夹，网易有时把带压缩包的申报邮件放进去；"
              "可在 [mailbox] junk_folders 中加入它，只收其中带申报书的邮件。")
    print(f"收信起始日期：{scope_start_of(settings):%Y-%m-%d}（此前收到的邮件只保存，不编号、不登记）")
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
    try:
        with smtp_session(settings):
            pass
    except (smtplib.SMTPException, OSError) as exc:
        print(f"回执发信检查失败（{cfg.smtp_host}:{cfg.smtp_port}）：{smtp_reason(exc)}")
        return 3
    print(f"回执：发送模式，已成功登录发信服务器 {cfg.smtp_host}:{cfg.smtp_port}。")
    return 0


def cmd_status(args: argparse.Namespace, progress: Progress) -> int:
    settings = _settings(args)
    holder = service_holder(settings)
    print(f"收信服务：{'运行中，' + holder if holder else '未运行（用 shenbao run 启动）'}")
    if (doing := running_progress(settings.data_dir)) is not None:
        print(f"正在进行：{doing}")
    since = (datetime.now().astimezone() - timedelta(days=1)).isoformat(timespec="seconds")
    with Store(settings.data_dir) as store:
        polls = store.events("poll")
        errors = store.events("poll_error", since=since)
        reply_errors = store.events("reply_error", since=since)
        next_poll = store.get_counter(NEXT_POLL_COUNTER)
        replies = store.reply_counts()
        print(f"已保存邮件：{store.message_count()} 封")
        if polls:
            at, _, detail = polls[-1]
            print(f"上次收信：{datetime.fromisoformat(at).astimezone(LOCAL_TZ):%Y-%m-%d %H:%M:%S}（新邮件 {detail.get('fetched', 0)} 封）")
        else:
            print("尚未收过信。")
        if holder and next_poll:
            print(f"下次收信：约 {datetime.fromtimestamp(next_poll, LOCAL_TZ):%Y-%m-%d %H:%M:%S}")
        # Every failed poll, scheduled or manual (`shenbao poll` records its failures too).
        print(f"近24小时收信错误：{len(errors)} 次"
              + "".join(f"\n  {datetime.fromisoformat(a).astimezone(LOCAL_TZ):%m-%d %H:%M} {d.get('message')}" for a, _, d in errors[-5:]))
        unreadable = store.quarantined(settings.mailbox.quarantine_after)
        if unreadable:
            print(f"无法下载的邮件：{len(unreadable)} 封（登记表中标为“无法下载”，每次收信时再试一次；请在网页邮箱中查看）")
    if settings.reply.enabled or replies:
        names = {"sent": "已发送", "drafted": "草稿", "failed": "待重试", "uncertain": "状态不明", "skipped": "不需回执"}
        print("回执：" + ("，".join(f"{names.get(k, k)} {v}" for k, v in sorted(replies.items())) or "尚无")
              + (f"；近24小时发送失败 {len(reply_errors)} 次" if reply_errors else ""))
    print_summary(_rows(settings, while_polling=True), latest_register(settings.register_path))
    return 0


def cmd_reprocess(args: argparse.Namespace, progress: Progress) -> int:
    """Re-extract and re-validate from the stored raw messages; no mail is fetched. Register
    numbers live in the store and staff columns are carried over by the register writer."""
    settings = _settings(args)
    reread: frozenset[str] | str = "all"
    if args.ids:
        with Store(settings.data_dir) as store:
            by_id = {v: k for k, v in store.ids().items()}
        missing = [i for i in args.ids if i not in by_id]
        if missing:
            print("找不到这些编号：" + "、".join(missing))
            return 2
        undownloaded = [i for i in args.ids if by_id[i].startswith("uid:")]
        if undownloaded:
            print("这些编号的邮件尚未能下载，没有内容可重新读取（每次收信时会再试）：" + "、".join(undownloaded))
        paper_only = [i for i in args.ids if "#" not in by_id[i] and not by_id[i].startswith("uid:")]
        if paper_only:
            print("这些编号只有纸质件，没有邮件可重新读取：" + "、".join(paper_only))
        reread = frozenset(by_id[i].split("#", 1)[0] for i in args.ids if "#" in by_id[i])
    with command_log(settings), _watching(settings, progress) as watch:
        report = run_once(settings, progress=watch, reread="all" if reread == "all" else frozenset(reread))
    print(f"已重新读取 {report.extracted} 封邮件；编号和人工备注保持不变。"
          f"登记表：{report.register_path}（{len(report.rows)} 行）")
    for note in report.notes:
        print(note)
    return 0


def cmd_receipts(args: argparse.Namespace, progress: Progress) -> int:
    if args.receipts_command != "template":
        print("请指定子命令：template（shenbao receipts --help）")
        return 2
    try:
        out = write_template(Path(args.file), force=args.force)
    except TemplateExists as exc:  # it may be a ledger the clerks have filled in
        print(exc, file=sys.stderr)
        return 2
    print(f"已生成纸质件登记簿模板：{out}")
    return 0


def cmd_packets(args: argparse.Namespace, progress: Progress) -> int:
    from shenbao.packet_files import build_all  # local: the packet builder (see the module docstring)

    settings = _settings(args)
    with command_log(settings), _watching(settings, progress) as watch:
        out = build_all(settings, progress=watch)
    print(f"评审材料包已生成：{out}")
    return 0

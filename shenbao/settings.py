"""The admin's settings file (TOML), validated once, with every problem reported at once.

Relative paths in the file are relative to the file itself. Secrets never live in the
file: the password or 126.com 授权码 comes from exactly one of `mailbox.password_env` (an
environment variable, the default), `mailbox.password_command` (a command that prints it, as
mbsync's PassCmd) or `mailbox.password_file` (a file only its owner can read, as ssh insists
for keys). `MailboxSettings.password()` is the one way to read it.

The file is read as UTF-8 with or without a BOM (Notepad writes one); a file saved as
GBK/GB18030 (Notepad's "ANSI" on Chinese Windows) is refused with the way to fix it, rather than
guessed at.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import string
import subprocess
import tomllib
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

import shenbao.config
from shenbao.errors import SettingsError
from shenbao.validators.paper_match import Thresholds

BUILTIN_PREFIX = "builtin:"
PASSWORD_KEYS = ("password_env", "password_command", "password_file")
# A password command that waits longer than this is waiting for someone to type (a pinentry
# with no terminal): the service would hang, so it is stopped and reported.
PASSWORD_COMMAND_TIMEOUT_SECONDS = 10.0
# The register's file name and the 附件 folders' pattern, unless the settings say otherwise.
# register.jsonl keeps its name whatever this is: other programs read it (docs/register-contract.md).
DEFAULT_REGISTER_NAME = "register.xlsx"
DEFAULT_ATTACHMENT_FOLDERS = "{编号}_{单位}"
ATTACHMENT_FOLDER_FIELDS = ("编号", "单位", "项目")
MAX_PATTERN_TEXT_CHARS = 20
MAX_REGISTER_NAME_CHARS = 100
# What Windows, macOS or Linux refuse in a file name (outputs.filenames makes the same rule).
_NOT_IN_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_DEVICE = re.compile(r"(con|prn|aux|nul|com\d|lpt\d)(\..*)?", re.IGNORECASE)


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceSettings(_Section):
    kind: Literal["imap", "maildir"] = "imap"
    path: str = "maildir"  # for kind = "maildir"


class MailboxSettings(_Section):
    host: str = "imap.126.com"
    port: int = Field(993, ge=1, le=65535)
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    verify_tls: bool = True
    username: str = ""
    password_env: str = "SHENBAO_IMAP_PASSWORD"
    password_command: str = ""  # e.g. "secret-tool lookup service shenbao"; first line of its output
    password_file: str = ""  # relative to the settings file; readable by its owner only
    folder: str = "INBOX"
    # More folders to read, after `folder` (e.g. a folder a mail rule files submissions into).
    extra_folders: list[str] = []
    # Folders where the provider files mail it takes for spam (NetEase: 垃圾邮件). Opt-in:
    # from these only mail carrying a readable 申报书 is taken into the register, with a note.
    junk_folders: list[str] = []
    # Mail received before this date is stored but neither numbered nor shown (a mailbox holds
    # years of mail). Unset: the call's opening date from the rules file (deadlines.opens), or
    # else 1 January of the rules file's year.
    since: date | None = None
    send_id: bool = True  # NetEase refuses SELECT until the client sends IMAP ID (mjs/imapclient#544)
    timeout_seconds: float = Field(60.0, gt=0)
    batch_size: int = Field(25, ge=1, le=500)
    # Failed downloads of one message before it is set aside as a 无法下载 register row, so
    # that it stops failing every poll; it is still tried once per poll after the rest.
    quarantine_after: int = 3
    after_store: Literal["none", "flag", "move"] = "none"
    flag: str = "$Shenbao"
    move_to: str = ""

    _password: str | None = PrivateAttr(default=None)  # a command or file read once per process

    def folders(self) -> list[str]:
        """Every folder a poll reads, in order, each once: `folder`, the extra ones, the junk ones."""
        return list(dict.fromkeys([self.folder, *self.extra_folders, *self.junk_folders]))

    def password(self) -> str | None:
        """The password from the one configured source; None when it cannot be had
        (`password_source_problem` says why)."""
        return self._read_password()[0]

    def _read_password(self) -> tuple[str | None, str | None]:
        if self.password_command:
            return self._cached(lambda: password_from_command(self.password_command))
        if self.password_file:
            return self._cached(lambda: password_from_file(Path(self.password_file)))
        if os.environ.get(self.password_env):
            return os.environ[self.password_env], None
        return None, (f"环境变量 {self.password_env} 未设置：请把邮箱的授权码（不是网页登录密码）"
                      f"放进这个环境变量后再运行（或改用 mailbox.password_command / mailbox.password_file）")

    def _cached(self, read: Callable[[], tuple[str | None, str | None]]) -> tuple[str | None, str | None]:
        # Every caller (login, SMTP, the log's secret filter) must see the same password, and a
        # command such as a keyring lookup should not run once per use.
        if self._password is None:
            password, problem = read()
            if password is None:
                return None, problem
            self._password = password
        return self._password, None

    @field_validator("quarantine_after")
    @classmethod
    def _attempts(cls, v: int) -> int:
        if not 1 <= v <= 20:
            raise ValueError("应为 1 到 20 之间的整数：一封邮件连续下载失败这么多次后，登记为“无法下载”，"
                             "不再让每次收信中断，以后每次收信时再单独试一次")
        return v


class ScheduleSettings(_Section):
    interval_minutes: float = Field(10.0, gt=0)
    daily_register_at: str = "07:30"

    @field_validator("daily_register_at")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        try:
            time.fromisoformat(v)
        except ValueError:
            raise ValueError("应为 时:分，如 07:30") from None
        return v


class PathSettings(_Section):
    data_dir: str = "data"
    output_dir: str = "output"
    rules: str = "builtin:guide-2024.toml"
    packets_dir: str = "output/评审材料"
    receipts: str = ""
    history: str = ""
    # The group of the office staff who open the register (Linux/macOS): the output folder is
    # made readable to it (folders 0750, files 0640). Empty: only the service's own account.
    share_group: str = ""
    # The register's file name in output_dir; its dated daily copy and the copy written beside
    # it while Excel holds it open are named after it (申报登记表-2024-05-06.xlsx).
    register_name: str = DEFAULT_REGISTER_NAME
    # Each register row's folder of attachment copies under output_dir/附件.
    attachment_folders: str = DEFAULT_ATTACHMENT_FOLDERS

    @field_validator("register_name")
    @classmethod
    def _register_name(cls, v: str) -> str:
        v = v.strip()
        stem = v[:-len(".xlsx")]
        if (not v.lower().endswith(".xlsx") or not stem.strip(" .") or v.startswith((".", " "))
                or stem.endswith((".", " ")) or _NOT_IN_NAMES.search(v) or _WINDOWS_DEVICE.fullmatch(stem)
                or len(v) > MAX_REGISTER_NAME_CHARS):
            raise ValueError(f"应为以 .xlsx 结尾的文件名，不含文件夹，不含 \\ / : * ? \" < > | 这些字符，"
                             f"不超过 {MAX_REGISTER_NAME_CHARS} 个字，如 \"申报登记表.xlsx\"（登记表总在 output_dir 中）")
        return v

    @field_validator("attachment_folders")
    @classmethod
    def _attachment_folders(cls, v: str) -> str:
        allowed = "、".join("{" + f + "}" for f in ATTACHMENT_FOLDER_FIELDS)
        example = "如 \"{编号}_{单位}\" 或 \"{编号}_{单位}_{项目}\""
        try:
            parts = list(string.Formatter().parse(v))
        except ValueError:
            raise ValueError(f"花括号不成对：占位符只能写成 {allowed}，{example}") from None
        fields = [field for _, field, _, _ in parts if field is not None]
        unknown = [f"{{{field}}}" for _, field, spec, conv in parts
                   if field is not None and (field not in ATTACHMENT_FOLDER_FIELDS or spec or conv)]
        if unknown:
            raise ValueError(f"不认识的占位符 {'、'.join(unknown)}：只能用 {allowed}，{example}")
        if "编号" not in fields:
            raise ValueError(f"须包含 {{编号}}：编号不重复、也不会改变，每份申报才有自己的文件夹，"
                             f"每次收信文件夹名也不变；{example}")
        text = "".join(literal for literal, _, _, _ in parts)
        if _NOT_IN_NAMES.search(text) or len(text) > MAX_PATTERN_TEXT_CHARS:
            raise ValueError(f"占位符以外的文字最多 {MAX_PATTERN_TEXT_CHARS} 个字，且不能含 \\ / : * ? \" < > | "
                             f"这些字符（每份申报一个文件夹，不能再分子文件夹）；{example}")
        return v


class DeadlineSettings(_Section):
    """Overrides for the rules file's deadlines (the guide itself gives no date)."""

    electronic: datetime | None = None
    paper: date | None = None
    paper_grace_days: int | None = Field(None, ge=0, le=60)

    @field_validator("electronic")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.tzinfo is None:
            raise ValueError("须带时区，如 2024-04-30T17:00:00+08:00")
        return v


# Reply signature limits: the office name is one line of the reply's closing.
MAX_OFFICE_CHARS = 60
MAX_SIGNATURE_LINES = 6
_SIGNATURE_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_PHONE = re.compile(r"[0-9０-９+＋()（）\-－—、,，/ 转]{5,60}")


class ReplySettings(_Section):
    """Acknowledgements (回执) to applicants; off by default (shenbao.reply_delivery).

    SMTP logs in as `smtp_username` (default: mailbox.username) with the password from
    mailbox.password_env — on 126.com the same 授权码 serves IMAP and SMTP. In "draft" mode
    nothing is sent: one .eml per application is written to `drafts_dir` for staff to review."""

    enabled: bool = False
    mode: Literal["draft", "send"] = "draft"
    smtp_host: str = "smtp.126.com"
    smtp_port: int = Field(465, ge=1, le=65535)
    smtp_tls: Literal["ssl", "starttls", "none"] = "ssl"
    verify_tls: bool = True
    smtp_username: str = ""
    from_address: str = ""  # default: mailbox.username
    drafts_dir: str = "output/回执草稿"
    timeout_seconds: float = Field(60.0, gt=0)
    # Applications received before this moment get no reply (replies switched on mid-call).
    # Unset: the moment the first poll with replies on ran, kept in the store
    # (shenbao.reply_delivery), so that switching replies on never answers the backlog.
    not_before: datetime | None = None
    # Who signs the reply: the office, optional further lines (a person, an address) and the
    # telephone number applicants may call; the phone is left out when empty.
    office_name: str = "项目申报工作组"
    signature: str = ""
    phone: str = ""

    @field_validator("not_before")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.tzinfo is None:
            raise ValueError("须带时区，如 2024-04-20T00:00:00+08:00")
        return v

    @field_validator("office_name")
    @classmethod
    def _office(cls, v: str) -> str:
        v = v.strip()
        if not v or len(v) > MAX_OFFICE_CHARS or _SIGNATURE_CONTROLS.search(v) or "\n" in v:
            raise ValueError(f"应为一行、不超过 {MAX_OFFICE_CHARS} 个字的办公室名称，如“湖南省科协学会部”")
        return v

    @field_validator("signature")
    @classmethod
    def _signature(cls, v: str) -> str:
        lines = [line.strip() for line in v.strip().splitlines()]
        if (len(lines) > MAX_SIGNATURE_LINES or any(len(line) > MAX_OFFICE_CHARS for line in lines)
                or _SIGNATURE_CONTROLS.search(v)):
            raise ValueError(f"落款最多 {MAX_SIGNATURE_LINES} 行，每行不超过 {MAX_OFFICE_CHARS} 个字"
                             f"（多行请用三个英文双引号括起来）")
        return "\n".join(lines)

    @field_validator("phone")
    @classmethod
    def _phone(cls, v: str) -> str:
        v = v.strip()
        if v and not _PHONE.fullmatch(v):
            raise ValueError("电话号码只能含数字、空格、+、-、括号、顿号、逗号、斜杠和“转”，"
                             "如 \"0731-84567890\" 或 \"0731-84567890 转 8012\"")
        return v


class LimitSettings(_Section):
    """Every limit on reading untrusted files, in one place (shenbao.execution applies them).

    A file that exceeds a limit becomes an unreadable-file finding with the reason; it never
    stops the poll."""

    file_timeout_seconds: float = Field(180.0, gt=0)  # wall clock per attachment (a 12-page scan: ~16 s)
    file_memory_mb: int = Field(3072, ge=256)  # address space a reader may add to what it inherits
    readers: int = Field(2, ge=1, le=16)  # attachments read at once (each in its own process)
    # Messages parsed ahead of the one being saved: while one reader spends seconds on a scan,
    # the other reads on through the lookahead (a 500-mail call's first poll, benchmarks/README.md:
    # 32 → 140 s, 64 → 133 s, 128 → 128 s but a reader's peak over 1 GB).
    lookahead_messages: int = Field(64, ge=1, le=1000)
    lookahead_mb: int = Field(128, ge=1)  # raw bytes those messages may hold meanwhile
    convert_timeout_seconds: float = Field(30.0, gt=0)  # one file in LibreOffice (.doc/.wps to .docx, packets to PDF)
    convert_batch: int = Field(40, ge=1, le=500)  # files per LibreOffice run without the kept-running one
    isolate: bool = True  # read each file in a separate process; false only to debug a reader
    # A reader process reads this many files, then is replaced by a fresh one (memory a parser
    # leaked, state a hostile file left behind); also replaced after a crash or a limit.
    files_per_reader: int = Field(40, ge=1, le=10_000)
    # A reader process (or its OCR helper) resident in more than this many MB after a file is
    # replaced too: one scan adds up to ~450–520 MB to what its reader holds (peak ≤ ~1 GB).
    reader_recycle_mb: int = Field(450, ge=256)


class ReviewerSettings(_Section):
    """A reviewer (or group) who receives packets; never an application from their own unit."""

    name: str
    unit: str = ""
    items: tuple[str, ...] = ()  # items (项目类别) this reviewer reviews; empty = all
    partner_units: tuple[str, ...] = ()  # units counted as the reviewer's own for conflicts


class Settings(_Section):
    source: SourceSettings = SourceSettings()
    mailbox: MailboxSettings = MailboxSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    paths: PathSettings = PathSettings()
    deadlines: DeadlineSettings = DeadlineSettings()
    reply: ReplySettings = ReplySettings()
    reviewers: tuple[ReviewerSettings, ...] = ()
    paper_matching: Thresholds = Thresholds()  # defined, with its defaults and ranges, by the matcher
    limits: LimitSettings = LimitSettings()
    timezone: str = "Asia/Shanghai"  # how receipt times are shown in the register
    base_dir: Path = Path(".")  # the folder of the settings file; set by load_settings

    @model_validator(mode="after")
    def _password_file_beside_settings(self) -> Settings:
        # The password file, like every path in the file, is relative to the settings file.
        if self.mailbox.password_file:
            absolute = str(self.resolve(self.mailbox.password_file))
            if absolute != self.mailbox.password_file:
                mailbox = self.mailbox.model_copy(update={"password_file": absolute})
                return self.model_copy(update={"mailbox": mailbox})
        return self

    def resolve(self, value: str) -> Path:
        p = Path(value).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.paths.data_dir)

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.paths.output_dir)

    @property
    def register_path(self) -> Path:
        """The register workbook staff open (paths.register_name in the output folder)."""
        return self.output_dir / self.paths.register_name

    @property
    def maildir(self) -> Path:
        return self.resolve(self.source.path)

    def rules_path(self) -> Path:
        return builtin_or_path(self.paths.rules, self.base_dir)

    def optional_path(self, value: str) -> Path | None:
        return self.resolve(value) if value else None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def account(self) -> str:
        if self.source.kind == "maildir":
            return "maildir:" + str(self.maildir.resolve())
        return f"{self.mailbox.username}@{self.mailbox.host}"


def builtin_or_path(value: str, base_dir: Path) -> Path:
    """`builtin:NAME` is a file shipped in the package's config folder."""
    if value.startswith(BUILTIN_PREFIX):
        return Path(shenbao.config.__file__).parent / value[len(BUILTIN_PREFIX):]
    p = Path(value).expanduser()
    return p if p.is_absolute() else base_dir / p


_ZH_ERRORS = {
    "extra_forbidden": "不认识的设置项（请检查拼写）",
    "missing": "缺少必填项",
    "literal_error": "取值不在允许范围内",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文本（用英文双引号括起来）",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "greater_than": "数值太小",
    "datetime_parsing": "日期时间格式不对，应如 2024-04-30T17:00:00+08:00",
    "datetime_from_date_parsing": "日期时间格式不对，应如 2024-04-30T17:00:00+08:00",
    "date_parsing": "日期格式不对，应如 2024-04-30",
    "date_from_datetime_parsing": "日期格式不对，应如 2024-04-30",
    "model_type": "应为一个 [节]",
    "value_error": "取值不对",
}


_ZH_BOUNDS = {"greater_than_equal": "不小于", "less_than_equal": "不大于", "greater_than": "大于"}


def describe_validation_error(exc: ValidationError, file: Path) -> list[str]:
    """Turn pydantic's errors into one Chinese line per problem, naming file and key."""
    out = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        why = _ZH_ERRORS.get(err["type"], "取值不对")
        detail = ""
        if err["type"] == "literal_error":
            detail = f"（可选：{choices_to_zh(str(err.get('ctx', {}).get('expected', '')))}）"
        elif err["type"] in _ZH_BOUNDS:
            bound = next(iter(err.get("ctx", {}).values()), "")
            detail = f"（应{_ZH_BOUNDS[err['type']]} {bound}）"
        elif err["type"] == "value_error":
            detail = f"（{err.get('msg', '').removeprefix('Value error, ')}）"
        out.append(f"{file}：设置项 {key}：{why}{detail}；当前值：{err.get('input')!r}")
    return out


def choices_to_zh(expected: str) -> str:
    """pydantic's "'imap' or 'maildir'" as the TOML text to write: "imap"、"maildir"."""
    values = re.findall(r"'([^']*)'", expected)
    return "、".join(f'"{v}"' for v in values) if values else expected


def settings_text(path: Path) -> str:
    """The file as text: UTF-8, with or without the BOM Notepad writes; anything else refused
    with how to fix it, so that no value is silently mis-read."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        how = "请用记事本打开它，点“文件 → 另存为”，在“编码”中选 UTF-8 后保存，再运行"
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise SettingsError([f"{path}：不是 UTF-8 编码的文本（第 {line} 行起无法读取）。{how}"]) from None
        raise SettingsError([f"{path}：这个文件是以 GBK/GB18030 编码（记事本里叫“ANSI”）保存的，"
                             f"shenbao 只读 UTF-8 编码的设置文件（第 {line} 行起无法读取）。{how}"]) from None


def load_settings(path: Path) -> Settings:
    """Read and check the settings file. Raises SettingsError listing every problem."""
    path = Path(path)
    if not path.exists():
        raise SettingsError([f"找不到设置文件：{path}（可复制 config/shenbao.example.toml 后修改）"])
    try:
        data = tomllib.loads(settings_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError([f"{path}：TOML 格式错误：{exc}"]) from None
    try:
        settings = Settings.model_validate({**data, "base_dir": path.resolve().parent})
    except ValidationError as exc:
        problems = describe_validation_error(exc, path)
        # Report what the later checks would say too, so one run lists every problem.
        source = data["source"] if isinstance(data.get("source"), dict) else {}
        mailbox = data["mailbox"] if isinstance(data.get("mailbox"), dict) else {}
        if source.get("kind", "imap") == "imap" and not mailbox.get("username"):
            problems.append(f"{path}：设置项 mailbox.username：未填写邮箱账号")
        problems.extend(password_source_conflicts(mailbox, path))
        raise SettingsError(problems) from None
    problems = check_paths(settings, path) + password_source_conflicts(data.get("mailbox"), path)
    if problems:
        raise SettingsError(problems)
    return settings


def check_paths(settings: Settings, file: Path) -> list[str]:
    """Problems a running poll would hit later: missing files, a source without a mailbox."""
    problems = []
    if not settings.rules_path().exists():
        problems.append(f"{file}：设置项 paths.rules：找不到规则文件 {settings.rules_path()}")
    for key in ("receipts", "history"):
        value = getattr(settings.paths, key)
        if value and not settings.resolve(value).exists():
            problems.append(f"{file}：设置项 paths.{key}：找不到文件 {settings.resolve(value)}")
    if settings.source.kind == "imap":
        if not settings.mailbox.username:
            problems.append(f"{file}：设置项 mailbox.username：未填写邮箱账号")
        if settings.mailbox.after_store == "move" and not settings.mailbox.move_to:
            problems.append(f"{file}：设置项 mailbox.move_to：after_store = \"move\" 时必须填写目标文件夹")
    elif not settings.maildir.is_dir():
        problems.append(f"{file}：设置项 source.path：找不到 Maildir 文件夹 {settings.maildir}")
    return problems


def password_source_conflicts(mailbox: object, file: Path) -> list[str]:
    """More than one password source in the [mailbox] section as written."""
    if not isinstance(mailbox, dict):
        return []
    given = [key for key in PASSWORD_KEYS if mailbox.get(key)]
    if len(given) <= 1:
        return []
    return [f"{file}：设置项 " + "、".join(f"mailbox.{k}" for k in given) +
            "：只能填写其中一项（密码只能有一个来源），请删去多余的"]


def password_problem(settings: Settings) -> str | None:
    """Why the mailbox password cannot be had, in Chinese; None when it can (or is not needed)."""
    if settings.source.kind != "imap":
        return None
    return settings.mailbox._read_password()[1]


def password_from_command(command: str) -> tuple[str | None, str | None]:
    """The first line a command prints, as mbsync's PassCmd: run without a shell, with no stdin."""
    key = "mailbox.password_command"
    try:
        argv = shlex.split(command) if os.name != "nt" else command
    except ValueError as exc:
        return None, f"设置项 {key}：命令写法有误（{exc}）"
    try:
        # Its own session, so that on a timeout the whole group (a script and what it started) is stopped.
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=os.name != "nt")
    except OSError as exc:
        return None, f"设置项 {key}：无法运行命令 {command!r}（{exc.strerror or exc}）"
    try:
        out, err = proc.communicate(timeout=PASSWORD_COMMAND_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        if os.name != "nt":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.communicate()
        return None, (f"设置项 {key}：命令 {command!r} 在 {PASSWORD_COMMAND_TIMEOUT_SECONDS:g} 秒内没有输出密码，"
                      f"已停止（它可能在等人输入；服务在后台运行时没有人能输入）")
    if proc.returncode != 0:
        said = err.decode("utf-8", "replace").strip().splitlines()
        why = f"：{said[-1][:200]}" if said else ""
        return None, f"设置项 {key}：命令 {command!r} 运行失败（退出码 {proc.returncode}{why}）"
    lines = out.decode("utf-8", "replace").splitlines()
    if not lines or not lines[0].strip():
        return None, f"设置项 {key}：命令 {command!r} 没有输出密码（第一行为空）"
    return lines[0], None


def password_from_file(path: Path) -> tuple[str | None, str | None]:
    """The first line of a file that only its owner may read (as ssh insists for private keys)."""
    key = "mailbox.password_file"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return None, f"设置项 {key}：无法读取密码文件 {path}（{exc.strerror or exc}）"
    if os.name != "nt" and mode & 0o077:
        return None, (f"设置项 {key}：密码文件 {path} 的权限是 {mode & 0o777:o}，同组或其他用户也能读取，"
                      f"为安全起见不使用它。请运行 chmod 600 {shlex.quote(str(path))}，"
                      f"使它只有运行 shenbao 的用户能读")
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"设置项 {key}：无法读取密码文件 {path}（{exc}）"
    if not lines or not lines[0].strip():
        return None, f"设置项 {key}：密码文件 {path} 的第一行是空的"
    return lines[0], None

"""The admin's settings file (TOML), validated once, with every problem reported at once.

Relative paths in the file are relative to the file itself. Secrets never live in the
file: `mailbox.password_env` names the environment variable that holds the password or
126.com 授权码.
"""

from __future__ import annotations

import os
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from shenbao.errors import SettingsError

BUILTIN_PREFIX = "builtin:"


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
    folder: str = "INBOX"
    send_id: bool = True  # NetEase refuses SELECT until the client sends IMAP ID (quirks A1)
    timeout_seconds: float = Field(60.0, gt=0)
    batch_size: int = Field(25, ge=1, le=500)
    after_store: Literal["none", "flag", "move"] = "none"
    flag: str = "$Shenbao"
    move_to: str = ""

    def password(self) -> str | None:
        return os.environ.get(self.password_env) or None


class ScheduleSettings(_Section):
    interval_minutes: float = Field(10.0, gt=0)
    daily_register_at: str = "07:30"

    @field_validator("daily_register_at")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        time.fromisoformat(v)
        return v


class PathSettings(_Section):
    data_dir: str = "data"
    output_dir: str = "output"
    rules: str = "builtin:guide-2024.toml"
    packets_dir: str = "output/评审材料"
    receipts: str = ""
    history: str = ""


class DeadlineSettings(_Section):
    """Overrides for the rules file's deadlines (the guide itself gives no date)."""

    electronic: datetime | None = None
    paper: date | None = None
    paper_grace_days: int | None = Field(None, ge=0, le=60)

    @field_validator("electronic")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.tzinfo is None:
            raise ValueError("must carry a UTC offset, e.g. 2024-04-30T17:00:00+08:00")
        return v


class ReplySettings(_Section):
    """Acknowledgements (回执) to applicants; off by default (shenbao.replying).

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
    not_before: datetime | None = None

    @field_validator("not_before")
    @classmethod
    def _aware(cls, v: datetime | None) -> datetime | None:
        if v is not None and v.tzinfo is None:
            raise ValueError("must carry a UTC offset, e.g. 2024-04-20T00:00:00+08:00")
        return v


class PaperMatchingSettings(_Section):
    """Weights and thresholds of the paper-receipt matcher (validators/paper_match.Thresholds)."""

    org_weight: float = Field(0.6, ge=0)
    project_weight: float = Field(0.3, ge=0)
    date_weight: float = Field(0.1, ge=0)
    strong: float = Field(0.85, ge=0, le=1)  # at or above: applied without a person
    review: float = Field(0.6, ge=0, le=1)  # below: not even a candidate
    margin: float = Field(0.08, ge=0, le=1)
    days_before: int = Field(3, ge=0)
    days_after: int = Field(30, ge=0)


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
    paper_matching: PaperMatchingSettings = PaperMatchingSettings()
    timezone: str = "Asia/Shanghai"  # how receipt times are shown in the register
    base_dir: Path = Path(".")  # the folder of the settings file; set by load_settings

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
        import shenbao.config

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


def describe_validation_error(exc: ValidationError, file: Path) -> list[str]:
    """Turn pydantic's errors into one Chinese line per problem, naming file and key."""
    out = []
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        why = _ZH_ERRORS.get(err["type"], "取值不对")
        detail = ""
        if err["type"] == "literal_error":
            detail = f"（可选：{err.get('ctx', {}).get('expected', '')}）"
        elif err["type"] == "value_error":
            detail = f"（{err.get('msg', '').removeprefix('Value error, ')}）"
        out.append(f"{file}：设置项 {key}：{why}{detail}；当前值：{err.get('input')!r}")
    return out


def load_settings(path: Path) -> Settings:
    """Read and check the settings file. Raises SettingsError listing every problem."""
    path = Path(path)
    if not path.exists():
        raise SettingsError([f"找不到设置文件：{path}（可复制 config/shenbao.example.toml 后修改）"])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
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
        raise SettingsError(problems) from None
    problems = check_paths(settings, path)
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


def password_problem(settings: Settings) -> str | None:
    if settings.source.kind == "imap" and not settings.mailbox.password():
        return (f"环境变量 {settings.mailbox.password_env} 未设置：请把邮箱的授权码（不是网页登录密码）"
                f"放进这个环境变量后再运行")
    return None

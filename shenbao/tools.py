"""The system tools shenbao leans on, checked up front (check-config) instead of at the moment
a file needs them: what is missing and what that costs, in the words of the files staff get.

Each check only looks (PATH, the uno module of the system Python, fontconfig's list); nothing
is started.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from shenbao.extractors.convert import soffice_command, uno_python

try:
    import grp
    import pwd
except ImportError:  # Windows: folder permissions are the share's business
    pass


@dataclass(frozen=True)
class ToolCheck:
    name: str  # what to install, as the Debian package is called
    found: str | None  # where it was found, None when missing
    cost: str  # Chinese: what goes wrong without it


def _which(*names: str) -> str | None:
    return next((p for n in names if (p := shutil.which(n))), None)


def _cjk_font() -> str | None:
    fc_list = _which("fc-list")
    if fc_list is not None:
        try:
            done = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.stdout.strip():
            return done.stdout.split(":", 1)[0].strip()
    for folder in ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/wqy", "C:/Windows/Fonts"):
        if Path(folder).is_dir():
            return folder
    return None


def check_tools() -> list[ToolCheck]:
    soffice = soffice_command()
    return [
        ToolCheck("libreoffice-writer-nogui", soffice[0] if soffice else None,
                  "旧版 Word（.doc）和 WPS（.wps）申报书无法读取，评审材料包中的 Word 文件无法转成 PDF"),
        ToolCheck("python3-uno", uno_python(),
                  "每次转换 .doc/.wps 都要重新启动 LibreOffice（每个文件慢约 1 秒），不影响结果"),
        ToolCheck("unar 或 libarchive-tools（bsdtar）", _which("unar", "bsdtar", "unrar"),
                  "RAR 压缩包无法解压，其中的申报书会被标为“附件无法打开”"),
        ToolCheck("fonts-noto-cjk", _cjk_font(),
                  "转成 PDF 的 Word 文件和评审材料包中的中文可能显示为方框"),
    ]


def tool_lines(checks: list[ToolCheck]) -> list[str]:
    """check-config's lines: one per tool, the missing ones with their cost."""
    return [f"  ✓ {c.name}：{c.found}" if c.found else f"  ✗ 缺少 {c.name}：{c.cost}" for c in checks]


def who_can_read(folder: Path) -> str:
    """check-config's line on who can open the register: the output folder's owner, group and
    mode, in words (the service's umask decides them; see docs/service.md)."""
    if not folder.exists():
        return f"输出文件夹 {folder} 尚未建立（第一次收信时建立）。"
    st = folder.stat()
    try:
        owner, group = pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name
    except (NameError, KeyError):  # Windows (no pwd/grp), or an id with no name
        return f"输出文件夹 {folder}：权限 {st.st_mode & 0o777:o}。"
    readable = {"所有者": bool(st.st_mode & 0o500 == 0o500), f"组 {group} 的成员": bool(st.st_mode & 0o050 == 0o050),
                "其他用户": bool(st.st_mode & 0o005 == 0o005)}
    who = "、".join(k for k, ok in readable.items() if ok)
    return (f"输出文件夹 {folder}（所有者 {owner}，组 {group}，权限 {st.st_mode & 0o777:o}）：可打开登记表的是{who}。"
            + ("" if readable[f"组 {group} 的成员"] else
               "办公室同事的账号若要打开登记表，请按 docs/service.md 设置共享组"
               "（服务的 UMask=0027，设置文件中的 paths.share_group）。"))

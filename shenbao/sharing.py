"""The output folder shared with the office: the register and the attachment copies made
readable by one staff group (`paths.share_group`), whatever umask the service runs under.

The service keeps applicants' files private by default (folders 0700, files 0600). With a
share group the output tree is handed to that group, read-only: folders 0750, files 0640.
Only the output folder is shared; the data folder (database, raw mail) stays the service's.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

try:
    import grp
except ImportError:  # Windows: sharing is the shared folder's ACL, set once by the admin
    grp = None  # type: ignore[assignment]

DIR_MODE = 0o750
FILE_MODE = 0o640


def group_id(name: str) -> int | None:
    """The group's id from its name (or a number); None when the system has no such group."""
    if name.isdigit():
        return int(name)
    if grp is None:
        return None
    try:
        return grp.getgrnam(name).gr_gid
    except KeyError:
        return None


def share_with_group(output_dir: Path, group: str) -> list[str]:
    """Give `output_dir` and everything under it to `group`, readable, not writable. Returns
    Chinese notes for what could not be done (never raises for a file it cannot change)."""
    if not group or grp is None:
        return []
    gid = group_id(group)
    if gid is None:
        return [f"共享组“{group}”在本机不存在：登记表只有运行 shenbao 的账号能打开（见 docs/service.md）"]
    failed = 0
    for path in [output_dir, *output_dir.rglob("*")]:
        try:
            st = path.lstat()
            if stat.S_ISLNK(st.st_mode):
                continue
            mode = DIR_MODE if stat.S_ISDIR(st.st_mode) else FILE_MODE
            if st.st_gid != gid:
                shutil.chown(path, group=gid)
            if stat.S_IMODE(st.st_mode) != mode:
                os.chmod(path, mode)
        except OSError:
            failed += 1
    if failed:
        return [f"输出文件夹中有 {failed} 个文件无法交给共享组“{group}”（运行 shenbao 的账号须是该组成员）"]
    return []

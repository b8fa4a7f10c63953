"""The register's daily copies: `<stem>-YYYY-MM-DD.xlsx` beside the register, one per day, the
day's last write (register_xlsx keeps it). The 变更 sheet compares with the newest copy from an
earlier day, so that the morning clerk sees what changed since yesterday, not only since the
last poll ten minutes ago.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path


def dated_copy_path(path: Path, day: date) -> Path:
    """Where the daily copy of register `path` for `day` lives."""
    return path.with_name(f"{path.stem}-{day:%Y-%m-%d}{path.suffix}")


def earlier_dated_copy(path: Path, today: date) -> tuple[date, Path] | None:
    """(day, file) of the newest daily copy of `path` from a day before `today`, or None.
    A copy written beside a locked register (`<stem>-YYYYMMDD-HHMMSS.xlsx`) is not a daily copy."""
    pattern = re.compile(rf"{re.escape(path.stem)}-(\d{{4}})-(\d{{2}})-(\d{{2}}){re.escape(path.suffix)}")
    best: tuple[date, Path] | None = None
    try:
        names = [p.name for p in path.parent.iterdir()]
    except OSError:  # no folder yet: the first run
        return None
    for name in names:
        found = pattern.fullmatch(name)
        if found is None:
            continue
        try:
            day = date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:  # a name that only looks like a date
            continue
        if day < today and (best is None or day > best[0]):
            best = (day, path.with_name(name))
    return best

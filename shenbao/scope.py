"""Which stored mail belongs in this call's register: the mailbox scope (issue: one folder, no
start date). Pure.

- Mail received before the scope's start date is stored but neither numbered nor shown: a
  real mailbox holds years of mail, and last year's applications are not this call's.
- From a junk folder (opt-in, `mailbox.junk_folders`) only mail that carries a readable
  申报书 is taken, with a note saying where it was found; the rest of the junk (advertising,
  phishing) stays out of the register.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from shenbao.outputs.cells import LOCAL_TZ
from shenbao.record import Finding, Submission


def scope_start(since: date | None, opens: date | None, year: int) -> date:
    """The first day of the scope: the admin's `since`, else the call's opening date from the
    rules file, else 1 January of the rules file's year."""
    return since or opens or date(year, 1, 1)


def junk_note(folder: str) -> Finding:
    return Finding(code="FROM_JUNK_FOLDER", severity="info",
                   message=f"此邮件在邮箱的“{folder}”文件夹中（被邮件服务商当作垃圾邮件），因带有申报书而登记。"
                           "请在网页邮箱中把它移回收件箱，并把发件人加入白名单")


def in_scope(subs: Iterable[Submission], start: date, junk_folders: Sequence[str]) -> list[Submission]:
    """The submissions this call's register shows (see the module docstring), by the server's
    receipt time (a message that could not be downloaded carries the server's too)."""
    first = datetime(start.year, start.month, start.day, tzinfo=LOCAL_TZ)
    junk = set(junk_folders)
    out: list[Submission] = []
    for s in subs:
        if s.message.internaldate < first:
            continue
        if s.message.location.folder in junk:
            if s.kind != "application" or s.form is None:
                continue
            s = s.model_copy(update={"findings": (*s.findings, junk_note(s.message.location.folder))})
        out.append(s)
    return out

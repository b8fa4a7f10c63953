"""What happens next to an application, decided from its register row's findings. Pure; a leaf
beside shenbao.record (it imports nothing else), so that the register's status, the packets and
the replies (回执) can all say the same thing.

Contract:
- `case_of(row, now=, deadline=)` is one of `RowCase`, checked in this order:
  - "refused" (不予受理): an error the applicant cannot put right — the electronic copy came
    after the deadline (by the server's receipt time, so never a doubtful reading) or never
    came (ELECTRONIC_MISSING is an error only once the deadline has passed), the paper copy
    came late, the applicant may not apply for the item, the project was funded in the
    last years, or the item is reserved for a designated unit. Except for the electronic
    deadline, these rest on what was read from the form: with a NEEDS_REVIEW finding on the
    row the case is "review" instead, since a refusal is final and must not rest on a
    misreading;
  - "fixable" (可补正): an error the applicant can put right by sending corrected material
    before the electronic deadline (a missing field or approval, funding or dates outside
    the guide's limits, a form that is missing or cannot be opened). A NEEDS_REVIEW finding
    beside it does not hold the notice back: the unit needs the time, and the doubt stays
    with staff. Found when the electronic deadline has already passed (`now` ≥ `deadline`),
    it is "review": the applicant can no longer fix it in time, and whether to accept the
    application is the office's decision, not the system's;
  - "review" (需人工核对): a NEEDS_REVIEW finding and nothing above (a doubtful reading, an
    item the guide does not list, a doubtful paper pairing, a possible repeat). Only staff
    can settle it, so such a row gets NO automatic reply until staff have checked it and
    the finding is gone;
  - "ok" (正常): nothing of the above. Warnings and paper-copy reminders do not change the
    case: the paper copy usually arrives days after the email.
- `CASE_STATUS` gives the Chinese status word of each case, for every place that shows it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from shenbao.record import FindingCode, RegisterRow

RowCase = Literal["ok", "fixable", "refused", "review"]

CASE_STATUS: dict[RowCase, str] = {"ok": "正常", "fixable": "可补正", "refused": "不予受理", "review": "需人工核对"}

# Errors no corrected resend can cure (the guide: 二、4 逾期即视为自动放弃; 一、2 no repeat of
# content funded in the last years; 四 each item's applicants and the designated units).
REFUSAL_CODES: frozenset[FindingCode] = frozenset({
    "LATE_ELECTRONIC", "LATE_PAPER", "ELECTRONIC_MISSING", "APPLICANT_NOT_ELIGIBLE", "REPEAT_FUNDED",
    "DESIGNATED_ITEM"})
# Findings about the paper copy: reminders while it is on its way, never a reason to resend the
# email (LATE_PAPER, a refusal, is above).
PAPER_CODES: frozenset[FindingCode] = frozenset({"PAPER_MISSING", "PAPER_SHORT", "LATE_PAPER"})
# Findings addressed to staff, not to the applicant.
STAFF_CODES: frozenset[FindingCode] = frozenset({"NEEDS_REVIEW", "SUPERSEDED"})


def case_of(row: RegisterRow, *, now: datetime | None = None, deadline: datetime | None = None) -> RowCase:
    """The row's case (see the module contract). `now` and `deadline` (the electronic
    deadline, timezone-aware) are optional: without both, a fixable problem stays "fixable"."""
    errors = {f.code for f in row.findings if f.severity == "error"}
    doubtful = any(f.code == "NEEDS_REVIEW" for f in row.findings)
    if errors & {"LATE_ELECTRONIC", "ELECTRONIC_MISSING"}:
        return "refused"
    if errors & REFUSAL_CODES:
        return "review" if doubtful else "refused"
    if errors - PAPER_CODES - STAFF_CODES:
        if now is not None and deadline is not None and now >= deadline:
            return "review"
        return "fixable"
    return "review" if doubtful else "ok"

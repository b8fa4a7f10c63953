"""What a reply (回执) needs from the rules file, read at the edge: the electronic deadline
(the settings' override first, as the poll applies it) and the guide's own words per clause.

The guide's words come from the rules file's `[clauses]` table (clause number → text); a
clause it does not quote is cited by its number only.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from shenbao.outputs.reply_text import ReplyTerms
from shenbao.validators.guide import Guide, GuideError, load_guide


def guide_reply_terms(guide: Guide, deadline_override: datetime | None = None) -> ReplyTerms:
    """The reply terms of a loaded guide (pure)."""
    return ReplyTerms(deadline=deadline_override or guide.deadlines.electronic,
                      clause_texts=MappingProxyType(dict(guide.clauses)))


def load_reply_terms(rules: Path, deadline_override: datetime | None = None) -> tuple[ReplyTerms, str | None]:
    """The reply terms of the rules file, and a Chinese problem when it cannot be read (the
    replies then go out without the deadline rather than not at all)."""
    try:
        return guide_reply_terms(load_guide(rules), deadline_override), None
    except GuideError as exc:
        return ReplyTerms(deadline=deadline_override), f"读取规则文件失败，补正通知中未能写明截止时间：{exc.problems[0]}"

"""Text an admin reads: the guide as tables (`shenbao rules show`) and the problems of a
guide file (`shenbao rules check FILE`)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

from shenbao.validators.guide import Guide, GuideError, load_guide


def guide_to_table(guide: Guide) -> str:
    """The whole guide as plain-text tables in Chinese, to lay beside the 申报指南 and
    compare line by line: general settings, the nine items, approvals, and the rules."""
    d = guide.deadlines
    lines = [
        f"{guide.title or '申报指南'}  年度：{guide.year}  文件：{guide.source or '—'}",
        "",
        _table(("设置", "取值"), [
            ("电子版截止", d.electronic.isoformat() if d.electronic else "未设置（不判断逾期）"),
            ("纸质版截止（邮戳）", d.paper.isoformat() if d.paper else "未设置（不判断逾期）"),
            ("无邮戳时宽限天数", str(d.paper_grace_days)),
            ("纸质版份数", f"{guide.paper_copies_required}份"),
            ("完成时限", guide.end_date_limit.isoformat()),
            ("重复申报回看", f"近{guide.repeat_window_years}年（{'、'.join(map(str, guide.repeat_years()))}）"),
            ("项目类别", "；".join(guide.categories)),
        ]),
        "",
        "项目",
        _table(("条款", "类别", "项目", "申报主体", "可申报类型", "连续/委托", "经费", "数量", "完成时限"), [
            (item.clause, item.category, item.name, item.eligible_text or "—",
             "、".join(item.eligible_types) or "不限类型",
             _designation(item.continuing, item.designation, bool(item.designated)),
             item.funding.describe(),
             item.quota_text or (str(item.quota) if item.quota is not None else "—"),
             item.end_date_limit.isoformat() if item.end_date_limit else "同上")
            for item in guide.items
        ]),
        "",
        "指定单位（含简称）",
        _table(("项目", "单位", "也写作"), [
            (item.name, unit.name, "、".join(unit.aliases) or "—")
            for item in guide.items for unit in item.designated
        ]),
        "",
        "审议要求",
        _table(("类型", "须经", "识别用词", "市州科协审核", "条款"), [
            (kind, spec.required, "、".join(spec.keywords), "需要" if spec.needs_city_review else "不需要", spec.clause)
            for kind, spec in guide.approval.items()
        ]),
        "",
        "规则",
        _table(("名称", "种类", "代码", "级别", "条款", "消息模板"), [
            (rule.name, rule.kind, rule.code, _SEVERITY[rule.severity], rule.clause or "—", rule.message)
            for rule in guide.rules
        ]),
    ]
    return "\n".join(lines) + "\n"


def check_rules_file(path: str | Path) -> list[str]:
    """Every problem of a guide file, in Chinese (empty when the file is usable)."""
    try:
        load_guide(path)
    except GuideError as exc:
        return list(exc.problems)
    return []


_SEVERITY = {"error": "错误", "warning": "提醒", "info": "提示"}


def _designation(continuing: bool, designation: str, designated: bool) -> str:
    if designation:
        return designation
    if continuing:
        return "连续支持"
    return "定向委托" if designated else "—"


def _width(text: str) -> int:
    # CJK characters take two columns in a terminal; pad by display width, not len().
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    all_rows = [tuple(header), *[tuple(r) for r in rows]]
    widths = [max(_width(r[i]) for r in all_rows) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        return "| " + " | ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths)) + " |"

    rule = "|-" + "-|-".join("-" * w for w in widths) + "-|"
    return "\n".join([line(all_rows[0]), rule, *(line(r) for r in all_rows[1:])])

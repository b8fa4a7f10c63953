"""Loading a guide file: the shipped 2024 guide, broken files, and optional deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from shenbao.validators.engine import check_application
from shenbao.validators.guide import ITEM_NAMES, GuideError, default_guide_path, load_guide
from tests.validators.forms import good_facts, good_fields


def shipped_text() -> str:
    return default_guide_path().read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "guide-broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    return caught.value.problems


def test_shipped_guide_holds_the_nine_items_as_the_contract_spells_them() -> None:
    guide = load_guide(default_guide_path())
    assert [i.name for i in guide.items] == list(ITEM_NAMES)
    assert guide.item_for("学术交流").funding.describe() == "5—10万元/个"  # type: ignore[union-attr]
    assert guide.item_for("学术交流").quota == 10  # type: ignore[union-attr]
    assert guide.paper_copies_required == 3 and guide.end_date_limit == date(2024, 12, 31)
    assert guide.repeat_years() == (2022, 2023)


def test_broken_file_gives_one_message_per_problem_naming_file_and_key(tmp_path: Path) -> None:
    text = shipped_text()
    text = text.replace('kind = "late_electronic"', 'kind = "late_email"')  # unknown kind
    text = text.replace('name = "学术交流"\ncategory = "科技创新服务能力建设项目"\nclause = "四（一）1"\n'
                        'eligible_types = ["省级学会", "高校科协", "企业（园区）科协", "民非组织"]\n'
                        'eligible_text = "省级学会、高校科协、企业（园区）科协、民非组织"\n'
                        'funding = { min = 5, max = 10 }',
                        'name = "学术交流"\ncategory = "科技创新服务能力建设项目"\nclause = "四（一）1"\n'
                        'eligible_types = ["省级学会", "高校科协", "企业（园区）科协", "民非组织"]\n'
                        'eligible_text = "省级学会、高校科协、企业（园区）科协、民非组织"\n'
                        'funding = { min = 10, max = 5 }')  # upside down
    text = text.replace('name = "学会服务站建设"', 'name = "学会服务站"')  # misspelt item
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 3, problems
    assert all(p.startswith("guide-broken.toml：") for p in problems)
    unknown, upside_down, misspelt = sorted(problems, key=lambda p: ("late_email" not in p, "颠倒" not in p))
    assert "[[rules]] 第11条" in unknown and "kind" in unknown and "late_email" in unknown
    assert "[[items]] 第1项" in upside_down and "funding" in upside_down and "min = 10 大于 max = 5" in upside_down
    assert "[[items]] 第5项" in misspelt and "键 name" in misspelt and "“学会服务站”" in misspelt


def test_duplicate_rule_name_and_unknown_applicant_type_fail_the_load(tmp_path: Path) -> None:
    text = shipped_text().replace('name = "city-review"', 'name = "unit-approval"')
    text = text.replace('eligible_types = ["省级学会", "市州科协"]', 'eligible_types = ["省级学会", "县科协"]')
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 2, problems
    assert any("“unit-approval”重复" in p for p in problems)
    assert any("“县科协”" in p and "eligible_types" in p for p in problems)


def test_misspelt_key_and_unknown_placeholder_are_reported(tmp_path: Path) -> None:
    text = shipped_text().replace("paper_copies_required = 3", "paper_copy_required = 3")
    text = text.replace("（所见：{seen}）", "（所见：{seem}）")
    problems = problems_of(write(tmp_path, text))
    assert any("paper_copy_required" in p and "拼写" in p for p in problems), problems
    assert any("{seem}" in p and "unit-approval" in p for p in problems), problems


def test_a_finding_code_the_register_does_not_know_fails_the_load(tmp_path: Path) -> None:
    text = shipped_text().replace('code = "FUNDING_OUT_OF_RANGE"', 'code = "FUNDING_TOO_HIGH"')
    text = text.replace('kind = "repeat_funded"', 'kind = "repeat_funded"\nreview_code = "ASK_SOMEONE"')
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 2, problems
    funding, repeat = sorted(problems, key=lambda p: "FUNDING_TOO_HIGH" not in p)
    assert funding.startswith("guide-broken.toml：[[rules]] 第5条") and "键 code：" in funding
    assert "“FUNDING_TOO_HIGH”不是登记表约定的代码" in funding and "FUNDING_OUT_OF_RANGE" in funding
    assert "键 review_code：" in repeat and "“ASK_SOMEONE”不是登记表约定的代码" in repeat


def test_a_required_field_outside_the_contract_fails_the_load(tmp_path: Path) -> None:
    text = shipped_text().replace('fields = ["project_name", ', 'fields = ["project_title", ')
    problems = problems_of(write(tmp_path, text))
    assert len(problems) == 1, problems
    assert "[[rules]] 第1条" in problems[0] and "键 fields：" in problems[0] and "project_title" in problems[0]


def test_not_toml_is_one_clear_problem(tmp_path: Path) -> None:
    problems = problems_of(write(tmp_path, "year = = 2024\n"))
    assert len(problems) == 1 and "TOML" in problems[0]


def test_without_deadlines_nothing_is_late_and_the_register_is_told(tmp_path: Path) -> None:
    text = shipped_text()
    start = text.index("[deadlines]")
    end = text.index("\n\n", start)
    guide = load_guide(write(tmp_path, text[:start] + text[end:], "guide-nodeadline.toml"))
    notice = guide.deadline_notice()
    assert notice is not None and "未设置电子版和纸质版截止时间" in notice
    from datetime import datetime, timedelta, timezone

    very_late = datetime(2024, 6, 1, tzinfo=timezone(timedelta(hours=8)))
    assert check_application(good_fields(), good_facts(), very_late, guide, []) == ()
    assert guide.paper_is_late(date(2024, 6, 1), None) is None


def test_paper_is_judged_by_postmark_else_received_date_with_grace() -> None:
    guide = load_guide(default_guide_path())
    assert guide.paper_is_late(date(2024, 4, 30), date(2024, 5, 6)) is False
    assert guide.paper_is_late(date(2024, 5, 1), date(2024, 5, 2)) is True
    assert guide.paper_is_late(None, date(2024, 5, 1)) is True
    graced = guide.model_copy(update={"deadlines": guide.deadlines.model_copy(update={"paper_grace_days": 3})})
    assert graced.paper_is_late(None, date(2024, 5, 3)) is False

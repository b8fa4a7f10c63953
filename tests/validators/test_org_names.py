"""Unit names: one normalisation, and when two names mean the same unit."""

from __future__ import annotations

import pytest

from shenbao.validators.name_similarity import org_similarity
from shenbao.validators.org_names import infer_applicant_type, normalise_org, same_org


@pytest.mark.parametrize(("raw", "expected"), [
    ("湖南省 营养学会（盖章）", "湖南省营养学会"),
    ("“湖南省营养学会”", "湖南省营养学会"),
    ("长沙经济技术开发区【星沙产业基地】科协", "长沙经济技术开发区(星沙产业基地)科协"),
    ("长沙经济技术开发区（星沙产业基地）科协", "长沙经济技术开发区(星沙产业基地)科协"),
    ("湖南科技传媒集团有限责任公司", "湖南科技传媒集团有限公司"),
    ("衡阳市科学技术协会", "衡阳市科协"),
    ("ＡＢＣ学会：", "ABC学会"),
    (None, ""),
])
def test_normalise_org_removes_spelling_only_differences(raw: str | None, expected: str) -> None:
    assert normalise_org(raw) == expected


def test_province_prefix_may_be_omitted() -> None:
    assert same_org("省生态学学会", "湖南省生态学学会")
    assert same_org("生态学学会", "湖南省生态学学会")
    assert same_org("湖南省企业科学技术协会联合会", "省企业科协联合会")


def test_society_and_association_are_not_the_same_unit_but_score_high() -> None:
    assert not same_org("湖南省传感器学会", "湖南省传感器协会")
    assert org_similarity("湖南省传感器学会", "湖南省传感器协会") == 100.0
    assert org_similarity("湖南省传感器学会", "湖南省电子学会") < 80


def test_alias_groups_join_short_and_full_names() -> None:
    groups = [("湖南科技传媒集团有限责任公司", "湖南科技传媒集团")]
    assert same_org("湖南科技传媒集团", "湖南科技传媒集团有限公司", aliases=groups)
    assert not same_org("湖南科技传媒集团", "湖南科技传媒集团有限公司")


def test_empty_names_are_never_the_same_unit() -> None:
    assert not same_org("", "")
    assert not same_org(None, "湖南省营养学会")


@pytest.mark.parametrize(("name", "kind"), [
    ("中南大学科学技术协会", "高校科协"),
    ("湖南工程学院科协", "高校科协"),
    ("岳阳绿色化工高新技术产业开发区科协", "企业（园区）科协"),
    ("长沙经济技术开发区（星沙产业基地）科协", "企业（园区）科协"),
    ("株洲市科协", "市州科协"),
    ("湘西土家族苗族自治州科协", "市州科协"),
    ("湖南省营养学会", "省级学会"),
    ("湖南省智慧农业发展研究院", None),
])
def test_applicant_type_is_inferred_only_when_the_name_settles_it(name: str, kind: str | None) -> None:
    assert infer_applicant_type(name) == kind

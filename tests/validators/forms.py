"""Builders for the validators' tests: a compliant application, changed one fact at a time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from shenbao.record import Fields, FormFacts
from shenbao.validators.guide import Guide, default_guide_path, load_guide

CST = timezone(timedelta(hours=8))
ON_TIME = datetime(2024, 4, 28, 10, 0, tzinfo=CST)


def guide_2024() -> Guide:
    return load_guide(default_guide_path())


def good_fields(**changes: Any) -> Fields:
    """A 学术交流 application by a 省级学会 that satisfies every rule of the 2024 guide."""
    base = dict(
        project_name="长江中游城市群智能传感学术研讨会", category="科技创新服务能力建设项目",
        subcategory="学术交流", applicant_org="湖南省传感器学会", applicant_type="省级学会",
        leader_name="王明", leader_phone="13800000000", contact_name="李华",
        contact_phone="0731-84000000", contact_email="lihua@example.org", funding_wan=8.0,
        start_date="2024-05", end_date="2024-12",
    )
    base.update(changes)
    return Fields(**base)


def good_facts(**changes: Any) -> FormFacts:
    base: dict[str, Any] = dict(
        approval_text="经本会第五届理事会第三次会议审议通过，同意申报。（盖章）2024年4月20日",
        city_review_text="",
        content_text="举办学术研讨会一次，邀请国内专家作报告。",
    )
    base.update(changes)
    return FormFacts(**base)

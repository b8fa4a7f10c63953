"""Resends are looked for only among versions sharing a unit or a sender: on generated calls
(units written several ways, shared mailboxes, unreadable units, resend subjects) that finds
the same resends as comparing every pair of versions."""

from __future__ import annotations

import random
from datetime import timedelta

from shenbao.validators.supersede import Version, _same_application, find_superseded
from tests.validators.forms import ON_TIME, good_fields

UNITS = ("湖南省传感器学会", "湖南省传感器学会（盖章）", "省传感器学会", "湖南省光学学会", "湖南省光学协会",
         "衡阳市科协", None)
PROJECTS = ("长江中游城市群智能传感学术研讨会", "长江中游城市群智能传感学术研讨会（修改稿）",
            "第6届湖南数学学术研讨会", "第七届湖南数学学术研讨会", "湖南省白茶产业科技创新联盟建设",
            "湖南省槟榔产业科技创新联盟建设", None)
SENDERS = ("a@example.org", "A@example.org", "b@example.org", "office@example.org", "")
SUBJECTS = ("申报书", "申报书（更正版，以此为准）", "重发：申报材料", "")
ITEMS = ("学术交流", "学会服务站建设", None)


def generated_versions(seed: int, count: int = 40) -> list[Version]:
    rng = random.Random(seed)
    out = []
    for n in range(count):
        message = f"m{rng.randint(0, count * 2 // 3)}"  # some emails carry two forms
        fields = good_fields(applicant_org=rng.choice(UNITS), project_name=rng.choice(PROJECTS),
                             subcategory=rng.choice(ITEMS))
        out.append(Version(f"{message}#{n}", ON_TIME + timedelta(hours=rng.randint(0, 200)),
                           rng.choice(SENDERS), fields, rng.choice(SUBJECTS)))
    return out


def superseded_comparing_every_pair(versions: list[Version]) -> dict[str, str]:
    """find_superseded's grouping, with every ordered pair of versions compared."""
    order = sorted(range(len(versions)), key=lambda i: (versions[i].received_at, versions[i].key))
    group = {i: {i} for i in range(len(versions))}
    for pos, i in enumerate(order):
        for j in order[pos + 1:]:
            if _same_application(versions[i], versions[j]) and group[i] is not group[j]:
                merged = group[i] | group[j]
                for k in merged:
                    group[k] = merged
    out = {}
    for members in {id(g): g for g in group.values()}.values():
        latest = max(members, key=lambda i: (versions[i].received_at, versions[i].key))
        out.update({versions[i].key: versions[latest].key for i in members if i != latest})
    return out


def test_resends_found_among_shared_units_and_senders_are_those_of_every_pair() -> None:
    found = 0
    for seed in range(40):
        versions = generated_versions(seed)
        expected = superseded_comparing_every_pair(versions)
        assert find_superseded(versions) == expected
        found += len(expected)
    assert found > 100  # the generated calls do have resends

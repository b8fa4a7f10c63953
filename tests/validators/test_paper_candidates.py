"""Paper matching scores only the pairs whose bound reaches the review threshold: the bounds
never drop a pair that scoring every pair would keep, on generated ledgers full of the ways
clerks write names (short forms, 学会 for 协会, titles typed short, item names, joint units,
missing dates and titles)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest

from shenbao.record import Receipt
from shenbao.validators.name_similarity import (
    org_name_similarity, org_similarity_bounds, project_name_similarity, project_similarity_bounds,
)
from shenbao.validators.paper_match import (
    PaperApp, Thresholds, _candidate_edges, _org_part, _parcels, _without_other_titles, match_receipts, score_pair,
)

CST = timezone(timedelta(hours=8))
SUBJECTS = ("植物保护", "光学", "水利", "营养", "药学", "中药", "地质", "茶叶", "农学", "铁道", "汽车工程", "传感器")
KINDS = ("学会", "协会", "研究会")
CITIES = ("衡阳市", "岳阳市", "长沙市", "湘潭市")
PLACES = ("耒阳市", "宁远县", "沅江市", "麻阳苗族自治县")
PRODUCTS = ("稻虾", "脐橙", "芦笋", "冰糖橙", "红茶")
ITEMS = ("学术交流", "学会服务站建设", "科普活动")


def unit_name(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(CITIES) + "科协"
    return "湖南省" + rng.choice(SUBJECTS) + rng.choice(KINDS)


def project_title(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.choice(PLACES)}{rng.choice(PRODUCTS)}产业乡村振兴学会服务站建设"
    return f"第{rng.randint(1, 9)}届湘江{rng.choice(SUBJECTS)}高端学术论坛"


def as_clerk_writes(name: str, rng: random.Random) -> str:
    """A unit name as a clerk types it from the envelope."""
    return rng.choice((name, name.replace("湖南省", "省"), name.replace("湖南省", ""),
                       name.replace("学会", "协会"), name + "（盖章）"))


def title_as_clerk_writes(title: str, rng: random.Random) -> str:
    return rng.choice((title, f"《{title}》", title[:rng.randint(4, max(4, len(title) - 2))], "",
                       rng.choice(ITEMS) + "项目", title[2:], "湖南省" + title))


def generated_call(seed: int, apps: int = 40, receipts: int = 40) -> tuple[list[PaperApp], list[Receipt]]:
    rng = random.Random(seed)
    out_apps = []
    for n in range(apps):
        partners = tuple(unit_name(rng) for _ in range(rng.choice((0, 0, 0, 1, 2))))
        out_apps.append(PaperApp(
            key=f"A{n:03d}", register_id=f"2024-{n + 1:04d}",
            applicant_org=unit_name(rng) if rng.random() > 0.05 else None,
            project_name=project_title(rng) if rng.random() > 0.05 else None,
            received_at=datetime(2024, 4, rng.randint(1, 30), 10, tzinfo=CST) if rng.random() > 0.05 else None,
            subcategory=rng.choice((*ITEMS, None)), partner_orgs=partners,
            lead_org=partners[0] if partners and rng.random() < 0.5 else None, org_doubted=rng.random() < 0.15))
    out_receipts = []
    for n in range(receipts):
        source = rng.choice(out_apps)
        org = as_clerk_writes(source.applicant_org or unit_name(rng), rng) if rng.random() > 0.1 else unit_name(rng)
        if rng.random() < 0.1:
            org = f"{org}、{unit_name(rng)}"  # a joint application: both units in one cell
        day = date(2024, 4, rng.randint(1, 30)) + timedelta(days=rng.randint(-5, 40))
        out_receipts.append(Receipt(
            receipt_id=f"P-{n:03d}", applicant_org=org,
            project_name=title_as_clerk_writes(source.project_name or project_title(rng), rng),
            received_on=day if rng.random() > 0.1 else None,
            postmarked_on=day - timedelta(days=2) if rng.random() > 0.5 else None,
            copies=rng.choice((1, 2, 3, 3)), sheet="纸质件登记", row_number=n + 2))
    return out_apps, out_receipts


def every_pair_scored(units: list[list[Receipt]], active: list[PaperApp], t: Thresholds) -> set[tuple[int, int]]:
    out = {}
    for i, unit in enumerate(units):
        for j, app in enumerate(active):
            score = score_pair(unit[0], app, t)
            if score is not None and score.total >= t.review:
                out[(i, j)] = score
    return set(_without_other_titles(out, units, active, t))


def test_bounds_keep_every_pair_that_scoring_all_pairs_keeps() -> None:
    t = Thresholds()
    kept = 0
    for seed in range(12):
        apps, receipts = generated_call(seed)
        active = sorted(apps, key=lambda a: a.key)
        units = _parcels(receipts, t, active, 3)
        edges = _candidate_edges(units, active, {}, t)
        assert set(edges) == every_pair_scored(units, active, t)
        kept += len(edges)
    assert kept > 100  # the generated calls do have candidates


@pytest.mark.parametrize("t", [
    # Other weights and a low review threshold: the bounds follow the thresholds given.
    Thresholds(org_weight=0.4, project_weight=0.5, date_weight=0.1, review=0.45, strong=0.8,
               same_project=0.88, same_project_org_min=0.3),
    # A high review threshold: only identical titles raised to `same_project` reach it from
    # a unit name this unlike.
    Thresholds(review=0.88, strong=0.9, same_project=0.9, same_project_org_min=0.3),
], ids=["low-review", "high-review"])
def test_bounds_keep_every_pair_with_thresholds_from_a_settings_file(t: Thresholds) -> None:
    for seed in range(6):
        apps, receipts = generated_call(100 + seed)
        active = sorted(apps, key=lambda a: a.key)
        units = _parcels(receipts, t, active, 3)
        assert set(_candidate_edges(units, active, {}, t)) == every_pair_scored(units, active, t)


def test_project_bounds_are_never_below_the_similarity() -> None:
    rng = random.Random(3)
    titles = [project_title(rng) for _ in range(30)]
    typed = [title_as_clerk_writes(rng.choice(titles), rng) for _ in range(60)] + [None, "学术交流项目"]
    for exact in (None, np.ones((len(typed), len(titles)), dtype=bool)):
        bounds = project_similarity_bounds(typed, titles, exact=exact)
        for i, a in enumerate(typed):
            for j, b in enumerate(titles):
                value = project_name_similarity(a, b)
                if value is None:
                    assert np.isnan(bounds[i, j])
                else:
                    assert bounds[i, j] >= value - 1e-4, (a, b, value, bounds[i, j])


def test_unit_bounds_are_never_below_the_similarity() -> None:
    rng = random.Random(4)
    names = [unit_name(rng) for _ in range(30)] + [""]
    typed = [as_clerk_writes(rng.choice(names[:-1]), rng) for _ in range(40)] + [""]
    bounds = org_similarity_bounds(typed, names)
    for i, a in enumerate(typed):
        for j, b in enumerate(names):
            value = org_name_similarity(a, b)
            if value is None:
                assert np.isnan(bounds[i, j])
            else:
                assert bounds[i, j] >= value - 1e-4


def test_joint_unit_cells_are_bounded_by_their_best_unit() -> None:
    t = Thresholds()
    app = PaperApp(key="A", applicant_org="湖南省光学学会", project_name="第3届湘江光学高端学术论坛",
                   received_at=datetime(2024, 4, 20, 10, tzinfo=CST), partner_orgs=("湖南省水利学会",))
    receipt = Receipt(receipt_id="P-1", applicant_org="省水利学会、湖南省地质学会", project_name="",
                      received_on=date(2024, 4, 22))
    assert (_org_part(receipt, app, t).value or 0) >= 0.9
    assert set(_candidate_edges([[receipt]], [app], {}, t)) == {(0, 0)}


def test_a_call_matches_the_same_whatever_order_it_is_given_in() -> None:
    apps, receipts = generated_call(7, apps=60, receipts=60)
    first = match_receipts(apps, receipts, copies_required=3, today=date(2024, 5, 20))
    again = match_receipts(apps[::-1], receipts, copies_required=3, today=date(2024, 5, 20))
    assert first == again


def test_an_identical_title_pairs_an_application_whose_unit_was_read_cut_short() -> None:
    receipt = Receipt(receipt_id="P-140", applicant_org="湖南省力学学会", project_name="服务华容县茶油产业高质量发展学会服务站",
                      received_on=date(2024, 4, 26), copies=3, sheet="纸质件登记", row_number=2)
    app = PaperApp(key="A", register_id="2024-0115", applicant_org="湖南省", project_name="服务华容县茶油产业高质量发展学会服务站",
                   received_at=datetime(2024, 4, 20, 10, tzinfo=CST))
    t = Thresholds()
    assert score_pair(receipt, app, t).total < t.review  # type: ignore[union-attr]
    doubted = app.model_copy(update={"org_doubted": True})
    assert score_pair(receipt, doubted, t).total >= t.same_project  # type: ignore[union-attr]
    result = match_receipts([doubted], [receipt], copies_required=3, paper_deadline=date(2024, 4, 30))
    assert result.matches["A"].receipt_ids == ("P-140",) and not result.paper_only

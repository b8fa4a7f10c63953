"""A paper pairing is explained in words (单位名称相同，项目名称缺失，日期相符) wherever staff read
it; the figures of the score travel apart, for the 纸质件 sheet only."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from shenbao.record import Receipt
from shenbao.validators.paper_match import (
    PaperApp, Thresholds, join_figures, match_receipts, score_pair, split_figures,
)

CST = timezone(timedelta(hours=8))
EMAILED = datetime(2024, 4, 26, 10, 0, tzinfo=CST)
PROJECT = "湘江流域智慧水利技术创新高端学术论坛"


def form(org: str | None = "湖南省植物保护学会", project: str | None = PROJECT, *,
         partners: tuple[str, ...] = ()) -> PaperApp:
    return PaperApp(key="A", register_id="2024-0003", applicant_org=org, project_name=project,
                    received_at=EMAILED, partner_orgs=partners)


def receipt(org: str = "湖南省植物保护学会", project: str = PROJECT, *,
            received: date | None = date(2024, 4, 28), rid: str = "P-1") -> Receipt:
    return Receipt(receipt_id=rid, received_on=received, postmarked_on=None, applicant_org=org,
                   project_name=project, copies=3, sheet="纸质件登记", row_number=2)


def words(rc: Receipt, app: PaperApp, t: Thresholds = Thresholds()) -> str:
    score = score_pair(rc, app, t)
    assert score is not None
    return score.words(t)


def test_identical_names_and_a_plausible_date_read_as_same_same_matching() -> None:
    assert words(receipt(), form()) == "单位名称相同，项目名称相同，日期相符"


def test_a_short_form_of_the_unit_reads_as_similar_short_form() -> None:
    assert words(receipt(org="省植保学会"), form()) == "单位名称相近（简称），项目名称相同，日期相符"


def test_another_unit_and_another_project_read_as_different() -> None:
    text = words(receipt(org="湖南省动物学会", project="洞庭湖湿地候鸟保护科普宣传周"), form())
    assert text == "单位名称不同，项目名称不同，日期相符"


def test_a_project_typed_short_reads_as_similar() -> None:
    assert words(receipt(project="湘江流域智慧水利技术创新"), form()) == "单位名称相同，项目名称相近，日期相符"


def test_a_missing_project_and_date_read_as_missing() -> None:
    assert words(receipt(project="", received=None), form()) == "单位名称相同，项目名称缺失，日期缺失"
    assert words(receipt(), form(org=None)) == "单位名称缺失，项目名称相同，日期相符"


def test_a_receipt_long_after_the_email_reads_as_far_then_not_matching() -> None:
    t = Thresholds()
    later = date(2024, 4, 26) + timedelta(days=t.days_after + t.fade_days // 2)
    assert words(receipt(received=later), form()).endswith("日期相差较多")
    much_later = date(2024, 4, 26) + timedelta(days=t.days_after + t.fade_days + 1)
    assert words(receipt(received=much_later), form()).endswith("日期不符")


def test_the_levels_follow_the_configured_thresholds() -> None:
    # 省植保学会 scores about 0.74 against the full name: similar by default, the same for an
    # office that lets a unit name alone pair from 0.7, different for one that wants 0.8 to call it similar.
    loose = Thresholds(org_alone=0.7)
    assert words(receipt(org="省植保学会"), form(), loose).startswith("单位名称相同（简称）")
    strict = Thresholds(same_project_org_min=0.8)
    assert words(receipt(org="省植保学会"), form(), strict).startswith("单位名称不同（简称）")
    assert words(receipt(project="湘江流域智慧水利技术创新"), form(), Thresholds(project_min=0.99)).startswith(
        "单位名称相同，项目名称不同")


def test_a_partner_unit_is_judged_before_the_partner_factor_and_named() -> None:
    app = form(org="湖南省水利学会", project=None, partners=("湖南省植物保护学会",))
    score = score_pair(receipt(project=""), app)
    assert score is not None and score.org == 0.9  # 1.0 × partner
    assert score.words(Thresholds()) == "单位名称相同（对应申报书的参与单位“湖南省植物保护学会”），项目名称缺失，日期相符"
    assert "乘以 0.9" in score.explain() and "乘以" not in score.words(Thresholds())


def test_words_and_figures_travel_apart() -> None:
    text = join_figures("P-1：单位名称相同", ["P-1：单位名称 1.00×0.6 = 1.00"])
    assert split_figures(text) == ("P-1：单位名称相同", "P-1：单位名称 1.00×0.6 = 1.00")
    assert join_figures("P-1：工作人员在备注中确认对应", []) == "P-1：工作人员在备注中确认对应"
    assert split_figures("P-1：工作人员在备注中确认对应") == ("P-1：工作人员在备注中确认对应", "")


def test_a_matched_receipt_explains_itself_in_words_with_the_figures_after_them() -> None:
    result = match_receipts([form()], [receipt(org="省植保学会")], copies_required=3, today=date(2024, 5, 20))
    shown, figures = split_figures(result.matches["A"].explanation)
    assert shown == "P-1：单位名称相近（简称），项目名称相同，日期相符"
    assert figures.startswith("P-1：单位名称 0.74×0.6 + 项目名称 1.00×0.3 + 日期 1.00×0.1")


def test_a_doubtful_pairing_asks_staff_in_words_and_keeps_its_figures_as_evidence() -> None:
    apps = [form(), PaperApp(key="B", register_id="2024-0004", applicant_org="湖南省植物保护学会",
                             project_name="洞庭湖湿地候鸟保护科普宣传周", received_at=EMAILED)]
    result = match_receipts(apps, [receipt(project="学术交流项目")], copies_required=3, today=date(2024, 5, 20))
    (finding,) = result.findings["A"]
    assert finding.code == "NEEDS_REVIEW"
    assert "单位名称相同" in finding.message and "×" not in finding.message
    assert finding.evidence is not None
    where, figures = split_figures(finding.evidence)
    assert where == "纸质件登记簿" and "单位名称 1.00×0.6" in figures


def test_a_possible_second_parcel_on_its_own_asks_in_words() -> None:
    first = receipt(rid="P-1")
    second = receipt(rid="P-2", project="湘江智慧水利学术论坛",
                     received=date(2024, 4, 29))
    result = match_receipts([form()], [first, second], copies_required=3, today=date(2024, 5, 20))
    assert result.matches["A"].receipt_ids == ("P-1",)
    review = [f for row in result.paper_only for f in row.findings if f.code == "NEEDS_REVIEW"]
    assert review and all("×" not in f.message for f in review)
    assert any("补寄" in f.message and "单位名称相同" in f.message for f in review)
    assert all(f.evidence is not None and "×" in split_figures(f.evidence)[1] for f in review)

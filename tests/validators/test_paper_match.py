"""Paper receipts are paired with the emailed applications, explainably."""

from __future__ import annotations

import itertools
import random
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from shenbao.intake.ledger import Decision, read_ledger
from shenbao.record import Receipt
from shenbao.validators.guide import default_guide_path, guide_from_dict
from shenbao.validators.paper_match import (
    PaperApp, PaperResult, match_receipts, max_weight_assignment, score_pair,
)

CST = timezone(timedelta(hours=8))
DEADLINE = date(2024, 4, 30)
AFTER = date(2024, 5, 20)  # a run after the paper deadline has passed
BEFORE = date(2024, 4, 20)


def app(key: str, org: str | None, project: str | None, day: int = 26, *, register_id: str | None = None,
        superseded: bool = False, subcategory: str | None = None) -> PaperApp:
    return PaperApp(key=key, register_id=register_id, applicant_org=org, project_name=project,
                    received_at=datetime(2024, 4, day, 10, 0, tzinfo=CST), superseded=superseded,
                    subcategory=subcategory)


def receipt(rid: str, org: str, project: str = "", *, received: date | None = date(2024, 4, 28),
            postmarked: date | None = date(2024, 4, 26), copies: int = 3, note: str = "") -> Receipt:
    return Receipt(receipt_id=rid, received_on=received, postmarked_on=postmarked, applicant_org=org,
                   project_name=project, copies=copies, note=note, sheet="纸质件登记", row_number=2)


def run(apps: list[PaperApp], receipts: list[Receipt], today: date = AFTER, **kw) -> PaperResult:
    kw.setdefault("paper_deadline", DEADLINE)
    kw.setdefault("copies_required", 3)
    return match_receipts(apps, receipts, today=today, **kw)


def codes(result: PaperResult, key: str) -> list[str]:
    return [f.code for f in result.findings[key]]


# --------------------------------------------------------------------------- decision paths

def test_strong_match_is_applied_with_its_chinese_breakdown():
    result = run([app("A", "湖南省农学会", "湖南省现代种业学术发展蓝皮书（2024）编制与发布")],
                 [receipt("P-1", "省农学会", "《现代种业学术发展蓝皮书编制与发布》")])
    paper = result.matches["A"]
    assert paper.receipt_ids == ("P-1",) and paper.copies == 3
    assert paper.received_on == date(2024, 4, 28) and paper.postmarked_on == date(2024, 4, 26)
    assert paper.score is not None and paper.score >= 0.85
    assert "单位名称 1.00×0.6 + 项目名称" in paper.explanation and "日期 1.00×0.1 = " in paper.explanation
    assert codes(result, "A") == [] and result.paper_only == ()


@pytest.mark.parametrize("form_org, ledger_org", [
    ("湖南省自动化学会", "湖南省自动化协会"),                       # 学会/协会 confusion
    ("中南大学科学技术协会", "中南大学科协"),                       # 科学技术协会/科协
    ("湖南省食品科学技术学会", "湖南省食品科学技术协会"),
    ("湖南科技传媒集团有限责任公司", "湖南科技传媒集团有限公司"),    # 有限责任公司/有限公司
    ("长沙经济技术开发区（星沙产业基地）科协", "长沙经济技术开发区(星沙产业基地)科协"),  # bracket styles
    ("湖南省水利学会", "水利学会"),                                 # 湖南省 omitted
])
def test_unit_name_spelling_variants_still_match_strongly(form_org, ledger_org):
    result = run([app("A", form_org, "数字孪生流域技术创新与产业发展高端论坛")],
                 [receipt("P-1", ledger_org, "数字孪生流域技术创新与产业发展高端论坛")])
    assert result.matches["A"].receipt_ids == ("P-1",)


def test_missing_project_name_on_the_receipt_is_neutral_not_zero():
    result = run([app("A", "湖南省检验检测学会", "湖南省检验检测科技创新联盟建设")],
                 [receipt("P-1", "检验检测学会", "")])
    assert result.matches["A"].receipt_ids == ("P-1",)
    assert result.matches["A"].score == 1.0
    assert "项目名称缺失，不计" in result.matches["A"].explanation


def test_a_similar_but_different_unit_without_project_name_is_not_a_strong_match():
    # 湖南工程学院 vs 湖南理工学院: the unit names alone are not enough to be sure.
    result = run([app("A", "湖南理工学院科学技术协会", "洞庭湖生态产学研融合发展学术研讨会")],
                 [receipt("P-1", "湖南工程学院科学技术协会", "")])
    assert result.matches["A"].receipt_ids == ()


def test_titles_sharing_only_boilerplate_are_not_a_strong_match():
    # The 武冈 receipt's own email is missing: it must not be taken for the 花垣 application.
    apps = [app("B", "湖南省测绘地理信息学会", "花垣县湘西黄牛产业乡村振兴学会服务站建设")]
    result = run(apps, [receipt("P-1", "湖南省测绘地理信息学会", "武冈市卤菜产业乡村振兴学会服务站建设")])
    assert result.matches["B"].receipt_ids == ()
    assert result.pending == ("P-1",) and codes(result, "B") == ["NEEDS_REVIEW"]


def test_an_application_with_no_unit_and_no_project_never_takes_paper():
    result = run([app("A", None, None)], [receipt("P-1", "湖南省农学会", "种业蓝皮书")])
    assert result.matches["A"].receipt_ids == () and codes(result, "A") == ["PAPER_MISSING"]
    assert [r.receipt_id for r in result.paper_only[0].receipts] == ["P-1"]


def test_truncated_titles_pair_each_receipt_with_its_own_application():
    apps = [app("A", "湖南省自动化学会", "第3届湘江机器人技术高端学术论坛"),
            app("B", "湖南省自动化学会", "服务机器人技术企业科技创新学会服务站建设")]
    result = run(apps, [receipt("P-1", "湖南省自动化协会", "服务机器人技术企业科"),
                        receipt("P-2", "湖南省自动化学会", "第3届湘江机器人")])
    assert result.matches["A"].receipt_ids == ("P-2",)
    assert result.matches["B"].receipt_ids == ("P-1",)


def test_doubtful_pairing_goes_to_review_with_candidates_and_breakdown():
    # Two applications of one unit; the clerk wrote only the item name: no way to tell which.
    apps = [app("A", "湖南省公路学会", "智慧公路技术创新与产业发展高端论坛", register_id="2024-0003"),
            app("B", "湖南省公路学会", "第3届湘江智慧公路高端学术论坛", register_id="2024-0004")]
    result = run(apps, [receipt("P-1", "湖南省公路学会", "学术交流项目")])
    assert result.pending == ("P-1",)
    assert result.paper_only == ()
    for key, ref in (("A", "2024-0003"), ("B", "2024-0004")):
        assert result.matches[key].receipt_ids == ()
        (finding,) = result.findings[key]
        assert finding.code == "NEEDS_REVIEW" and finding.severity == "warning"
        assert finding.field == "paper"  # the empty paper block is in doubt, not a statement of fact
        # In words for the 问题 column; the figures only in the evidence (for the 纸质件 sheet).
        assert "P-1" in finding.message and "单位名称相同" in finding.message and "×" not in finding.message
        assert finding.evidence is not None and "单位名称 1.00×0.6" in finding.evidence
        assert f"对应 {ref}" in finding.message and f"非 {ref}" in finding.message


def test_a_rival_receipt_of_an_application_in_doubt_is_held_too_not_called_paper_only():
    apps = [app("A", "湖南省公路学会", "智慧公路技术创新与产业发展高端论坛", register_id="2024-0003")]
    result = run(apps, [receipt("P-1", "湖南省公路学会", "学术交流项目"),
                        receipt("P-2", "湖南省公路学会", "学术交流项目", received=date(2024, 4, 29))])
    assert result.pending == ("P-1", "P-2") and result.paper_only == ()
    (finding,) = result.findings["A"]
    assert finding.code == "NEEDS_REVIEW" and "P-1" in finding.message and "P-2" in finding.message


def test_a_middling_score_is_doubtful_not_applied():
    result = run([app("A", "湖南省地质学会", "宁远县脐橙产业乡村振兴学会服务站建设")],
                 [receipt("P-1", "湖南省地质学会", "2024全国地质灾害防治学术会议")])
    assert result.matches["A"].receipt_ids == ()
    assert codes(result, "A") == ["NEEDS_REVIEW"]
    assert result.pending == ("P-1",)


def test_application_without_any_receipt_gets_paper_missing():
    result = run([app("A", "湖南省农学会", "种业蓝皮书")], [])
    (finding,) = result.findings["A"]
    assert finding.code == "PAPER_MISSING" and finding.severity == "error"
    assert "2024-04-30已过" in finding.message


def test_paper_missing_is_only_a_warning_before_the_deadline_has_passed():
    assert run([app("A", "湖南省农学会", "种业蓝皮书")], [], today=BEFORE).findings["A"][0].severity == "warning"
    no_deadline = run([app("A", "湖南省农学会", "种业蓝皮书")], [], paper_deadline=None)
    assert no_deadline.findings["A"][0].severity == "warning"


def test_receipt_without_email_becomes_a_paper_only_row_with_electronic_missing():
    result = run([app("A", "湖南省农学会", "种业蓝皮书编制与发布")],
                 [receipt("P-1", "湖南省农学会", "种业蓝皮书编制与发布"),
                  receipt("P-2", "湖南省护理学会", "服务智慧护理企业科技创新学会服务站建设")])
    (row,) = result.paper_only
    assert [r.receipt_id for r in row.receipts] == ["P-2"]
    assert row.paper.copies == 3 and row.paper.receipt_ids == ("P-2",)
    assert [f.code for f in row.findings] == ["ELECTRONIC_MISSING"]
    assert "P-2" in row.findings[0].message


def test_late_paper_only_receipt_carries_late_paper_too():
    result = run([], [receipt("P-1", "湖南省遥感学会", "祁东县黄花菜产业服务站建设",
                              received=date(2024, 5, 3), postmarked=date(2024, 5, 1))])
    assert [f.code for f in result.paper_only[0].findings] == ["ELECTRONIC_MISSING", "LATE_PAPER"]


# --------------------------------------------------------------------------- copies and dates

def test_two_parcels_add_up_to_the_required_copies():
    apps = [app("A", "湖南科技大学科学技术协会", "煤矿安全产学研融合发展学术研讨会")]
    result = run(apps, [receipt("P-1", "湖南科技大学科协", "煤矿安全产学研融合发展学术研讨会", copies=2,
                                received=date(2024, 4, 25), postmarked=date(2024, 4, 21)),
                        receipt("P-2", "湖南科技大学科协", "煤矿安全产学研融合发展学术研讨会", copies=1,
                                received=date(2024, 4, 29), postmarked=date(2024, 4, 27))])
    paper = result.matches["A"]
    assert paper.copies == 3 and paper.receipt_ids == ("P-1", "P-2")
    assert paper.received_on == date(2024, 4, 25) and paper.postmarked_on == date(2024, 4, 21)
    assert "分2次寄到，合计3份" in paper.explanation
    assert codes(result, "A") == [] and result.paper_only == ()


def test_two_phases_of_one_units_project_are_two_parcels_not_one():
    # One unit's two applications whose titles differ in a figure alone: the second one's
    # name was not read (a cut name), so its parcel must not top up the first's.
    apps = [app("A", "湖南省口腔医学学会", "湖南省工程机械科技创新联盟建设（4期）"),
            app("B", "湖南省口腔医学学会", "湖南省")]
    result = run(apps, [receipt("P-321", "湖南省口腔医学学会", "湖南省工程机械科技创新联盟建设（4期）"),
                        receipt("P-357", "湖南省口腔医学学会", "湖南省工程机械科技创新联盟建设（2期）",
                                received=date(2024, 5, 3), postmarked=date(2024, 4, 30), note="补交")])
    paper = result.matches["A"]
    assert paper.receipt_ids == ("P-321",) and paper.copies == 3 and "分2次寄到" not in paper.explanation
    # The same figures (written apart or not) are still one project's two parcels.
    result = run([app("A", "湖南科技大学科学技术协会", "第13届煤矿安全产学研融合发展学术研讨会")],
                 [receipt("P-1", "湖南科技大学科协", "第13届煤矿安全产学研融合发展学术研讨会", copies=2),
                  receipt("P-2", "湖南科技大学科协", "第 13 届煤矿安全产学研融合发展学术研讨会", copies=1,
                          received=date(2024, 4, 29))])
    assert result.matches["A"].receipt_ids == ("P-1", "P-2")
    # A figure on one side only (the year typed or not) decides nothing.
    result = run([app("A", "湖南科技大学科学技术协会", "煤矿安全产学研融合发展学术研讨会（2024）")],
                 [receipt("P-1", "湖南科技大学科协", "煤矿安全产学研融合发展学术研讨会（2024）", copies=2),
                  receipt("P-2", "湖南科技大学科协", "煤矿安全产学研融合发展学术研讨会", copies=1,
                          received=date(2024, 4, 29))])
    assert result.matches["A"].receipt_ids == ("P-1", "P-2")


def test_a_later_parcel_joins_an_application_that_already_holds_paper():
    apps = [app("A", "湖南省测绘地理信息学会", "武冈市卤菜产业乡村振兴学会服务站建设", register_id="2024-0010")]
    result = run(apps, [receipt("P-1", "测绘学会", "卤菜", copies=2, note="对应 2024-0010"),
                        receipt("P-2", "湖南省测绘地理信息协会", "武冈市卤菜产业乡村振兴学会服务站建设", copies=1,
                                received=date(2024, 5, 2), postmarked=date(2024, 4, 29))])
    paper = result.matches["A"]
    assert paper.copies == 3 and paper.receipt_ids == ("P-1", "P-2")
    assert "P-2（补寄）" in paper.explanation
    assert codes(result, "A") == []


def test_fewer_copies_than_required_is_paper_short():
    result = run([app("A", "湖南省作物学会", "服务油菜绿色高效生产企业科技创新学会服务站建设")],
                 [receipt("P-1", "湖南省作物学会", "《服务油菜绿色高效生产企业科技创新学会服务站建设》", copies=2)])
    (finding,) = result.findings["A"]
    assert finding.code == "PAPER_SHORT" and "2份" in finding.message and "一式3份" in finding.message


def test_the_paper_findings_cite_the_number_of_copies_the_guide_requires():
    text = default_guide_path().read_text(encoding="utf-8").replace("paper_copies_required = 3",
                                                                      "paper_copies_required = 2")
    guide = guide_from_dict(tomllib.loads(text), "guide-2copies.toml")
    apps = [app("A", "湖南省气象学会", "2024年湖南省气象学术年会"), app("B", "湖南省作物学会", "油菜学会服务站建设")]
    result = run(apps, [receipt("P-1", "湖南省气象学会", "2024年湖南省气象学术年会", copies=1,
                                received=date(2024, 5, 3), postmarked=date(2024, 5, 1)),
                        receipt("P-9", "湖南省地质学会", "地质学术论坛")],
                 copies_required=guide.paper_copies_required)
    assert sorted(codes(result, "A")) == ["LATE_PAPER", "PAPER_SHORT"] and codes(result, "B") == ["PAPER_MISSING"]
    (paper_only,) = result.paper_only
    findings = [*result.findings["A"], *result.findings["B"], *paper_only.findings]
    assert [f.code for f in paper_only.findings] == ["ELECTRONIC_MISSING"]
    assert all(f.clause and "纸质版一式2份" in f.clause for f in findings), [f.clause for f in findings]
    (short,) = [f for f in result.findings["A"] if f.code == "PAPER_SHORT"]
    assert "指南要求一式2份" in short.message and "一式2份" in result.findings["B"][0].message


def test_postmark_after_the_deadline_is_late_paper():
    result = run([app("A", "湖南省气象学会", "2024年湖南省气象学术年会")],
                 [receipt("P-1", "湖南省气象学会", "2024年湖南省气象学术年会",
                          received=date(2024, 5, 3), postmarked=date(2024, 5, 1))])
    (finding,) = result.findings["A"]
    assert finding.code == "LATE_PAPER" and finding.severity == "error" and "邮戳日期2024-05-01" in finding.message


def test_postmark_on_time_is_not_late_even_when_received_later():
    result = run([app("A", "湖南省药学会", "临床合理用药技术创新与产业发展高端论坛")],
                 [receipt("P-1", "湖南省药学会", "临床合理用药技术创新与产业发展高端论坛",
                          received=date(2024, 5, 4), postmarked=date(2024, 4, 30))])
    assert codes(result, "A") == []


def test_without_postmark_the_received_date_beyond_deadline_and_grace_is_late():
    apps = [app("A", "湖南省风景园林学会", "国家级学会服务站（公园城市）建设")]
    late = [receipt("P-1", "湖南风景园林学会", "国家级学会服务站（公园城市）建设",
                    received=date(2024, 5, 4), postmarked=None)]
    assert codes(run(apps, late, grace_days=0), "A") == ["LATE_PAPER"]
    assert "无邮戳" in run(apps, late, grace_days=3).findings["A"][0].message
    assert codes(run(apps, late, grace_days=4), "A") == []


# --------------------------------------------------------------------------- versions and decisions

def test_superseded_version_takes_no_paper_the_latest_does():
    apps = [app("OLD", "湖南省智慧农业发展研究院", "智慧农业高质量发展学术论坛", day=28, superseded=True),
            app("NEW", "湖南省智慧农业发展研究院", "智慧农业高质量发展学术论坛", day=28)]
    result = run(apps, [receipt("P-1", "湖南省智慧农业发展研究院", "智慧农业高质量发展学术论坛")])
    assert result.matches["NEW"].receipt_ids == ("P-1",)
    assert result.matches["OLD"].receipt_ids == () and result.findings["OLD"] == ()


def test_confirmed_pairing_is_applied_whatever_the_score():
    apps = [app("A", "湖南省农学会", "种业蓝皮书", register_id="2024-0007")]
    result = run(apps, [receipt("P-1", "某某研究所", "完全不同的名字", note="对应 2024-0007")])
    assert result.matches["A"].receipt_ids == ("P-1",)
    assert "确认" in result.matches["A"].explanation
    assert result.paper_only == ()


def test_rejected_pairing_is_never_made():
    apps = [app("A", "湖南省农学会", "种业蓝皮书编制与发布", register_id="2024-0007")]
    result = run(apps, [receipt("P-1", "湖南省农学会", "种业蓝皮书编制与发布", note="非 2024-0007")])
    assert result.matches["A"].receipt_ids == ()
    assert codes(result, "A") == ["PAPER_MISSING"]
    assert [r.receipt_id for r in result.paper_only[0].receipts] == ["P-1"]


def test_explicit_overrides_replace_the_notes():
    apps = [app("A", "湖南省农学会", "种业蓝皮书编制与发布", register_id="2024-0007")]
    receipts = [receipt("P-1", "湖南省农学会", "种业蓝皮书编制与发布")]
    result = run(apps, receipts, overrides={"P-1": Decision("P-1", rejected=frozenset({"2024-0007"}))})
    assert result.matches["A"].receipt_ids == ()


def test_confirmation_naming_an_unknown_number_is_a_paper_only_row_for_review():
    result = run([], [receipt("P-1", "湖南省农学会", "种业蓝皮书", note="对应 2024-0999")])
    (row,) = result.paper_only
    assert [f.code for f in row.findings] == ["ELECTRONIC_MISSING", "NEEDS_REVIEW"]
    assert "2024-0999" in row.findings[1].message


def test_confirmation_of_a_superseded_version_goes_to_the_latest():
    apps = [PaperApp(key="OLD", register_id="2024-0001", applicant_org="湖南省农学会", project_name="x",
                     superseded=True, superseded_by="NEW"),
            PaperApp(key="NEW", register_id="2024-0002", applicant_org="湖南省农学会", project_name="x")]
    result = run(apps, [receipt("P-1", "某单位", "y", note="对应 2024-0001")])
    assert result.matches["NEW"].receipt_ids == ("P-1",)


def _write_ledger(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_staff_decisions_in_the_ledger_survive_a_reimport(tmp_path: Path):
    apps = [app("A", "湖南省公路学会", "智慧公路技术创新与产业发展高端论坛", register_id="2024-0003"),
            app("B", "湖南省公路学会", "第3届湘江智慧公路高端学术论坛", register_id="2024-0004")]
    path = _write_ledger(tmp_path / "l.xlsx", [
        ["P-1", "2024-04-28", "2024-04-26", "湖南省公路学会", "学术交流项目", 3, "杨青", "邮政挂号；对应 2024-0004"]])
    for _ in range(2):  # the second pass is the re-import of the same ledger
        receipts, problems = read_ledger(path)
        result = run(list(reversed(apps)), receipts)
        assert problems == []
        assert result.matches["B"].receipt_ids == ("P-1",)
        assert codes(result, "A") == ["PAPER_MISSING"]


def test_an_edited_ledger_row_is_matched_again_from_its_new_values(tmp_path: Path):
    apps = [app("A", "湖南省农学会", "湖南省现代种业学术发展蓝皮书（2024）编制与发布"),
            app("B", "湖南省营养学会", "湖南省全民营养健康学术发展蓝皮书（2024）编制与发布")]
    path = _write_ledger(tmp_path / "l.xlsx", [
        ["P-1", "2024-04-28", "2024-04-26", "湖南省农学会", "现代种业学术发展蓝皮书", 3, "杨青", None]])
    first = run(apps, read_ledger(path)[0])
    assert first.matches["A"].receipt_ids == ("P-1",) and codes(first, "B") == ["PAPER_MISSING"]

    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["D2"], ws["E2"] = "湖南省营养学会", "全民营养健康学术发展蓝皮书"  # the clerk corrects the row
    wb.save(path)
    second = run(apps, read_ledger(path)[0])
    assert second.matches["B"].receipt_ids == ("P-1",) and codes(second, "A") == ["PAPER_MISSING"]


def test_breakdown_names_every_part_left_out():
    form = app("A", "湖南省公路学会", "智慧公路技术创新与产业发展高端论坛")
    score = score_pair(receipt("P-1", "湖南公路学会", "学术交流项目", received=None, postmarked=None), form)
    assert score is not None and (score.project, score.date, score.total) == (None, None, 1.0)
    assert score.explain() == ("(单位名称 1.00×0.6) ÷ 0.6 = 1.00"
                               "（登记簿只写了类别名（学术交流），项目名称不计；日期缺失，不计）")


def test_item_name_on_the_receipt_contradicting_the_form_lowers_the_score():
    form = app("A", "湖南省铁道学会", "国家级学会服务站（轨道交通装备）建设", subcategory="学术交流")
    score = score_pair(receipt("P-1", "湖南省铁道学会", "学会服务站建设项目"), form)
    assert score is not None and score.project == 0.0 and "类别" in score.explain()


def test_result_does_not_depend_on_input_order():
    apps = [app("A", "湖南省地质学会", "宁远县脐橙产业乡村振兴学会服务站建设"),
            app("B", "湖南省地质学会", "湖南省地质学会沅江市芦笋产业服务站建设"),
            app("C", "湖南省茶叶学会", "国家级学会服务站（红茶）建设")]
    receipts = [receipt("P-1", "湖南省地质学会", "《宁远县脐橙产业乡村振兴学会服务站建设》"),
                receipt("P-2", "湖南省地质学会", "《湖南省地质学会沅江市芦笋产业服务站建设》"),
                receipt("P-3", "湖南省茶叶学会", "国家级学会服务站（红茶）建设")]
    first = run(apps, receipts)
    assert {k: m.receipt_ids for k, m in first.matches.items()} == {"A": ("P-1",), "B": ("P-2",), "C": ("P-3",)}
    assert run(apps[::-1], receipts[::-1]) == first


# --------------------------------------------------------------------------- assignment

def test_optimal_assignment_beats_taking_the_best_pair_first():
    # Greedy takes (0,0)=0.9 and leaves row 1 unpaired (0.9); the optimum pairs both (1.65).
    assert max_weight_assignment([[0.9, 0.8], [0.85, 0.0]]) == [(0, 1), (1, 0)]


def test_assignment_is_optimal_on_random_small_matrices():
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        profit = [[rng.choice([0.0, round(rng.random(), 3)]) for _ in range(cols)] for _ in range(rows)]
        pairs = max_weight_assignment(profit)
        assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
        assert all(profit[i][j] > 0 for i, j in pairs)
        best = 0.0
        for chosen in itertools.permutations(range(max(rows, cols)), min(rows, cols)):
            if rows <= cols:
                best = max(best, sum(profit[i][j] for i, j in enumerate(chosen)))
            else:
                best = max(best, sum(profit[i][j] for j, i in enumerate(chosen)))
        assert sum(profit[i][j] for i, j in pairs) == pytest.approx(best)


def test_a_certain_pair_is_not_traded_for_two_weak_ones():
    """A joint application's receipt (units listed, identical title) and a second receipt of
    its lead unit for another project whose email is missing; a partner unit's own application
    resembles the joint title. Two weak pairs (0.70 + 0.74) must not outweigh the certain one:
    the joint receipt goes to its application, the other receipt stays paper-only."""
    joint = PaperApp(key="J", applicant_org="湖南省竹产业学会", project_name="第12届湖南竹产业学术论坛",
                     received_at=datetime(2024, 4, 21, 9, 0, tzinfo=CST), lead_org="湖南省竹产业学会",
                     partner_orgs=("湖南省茶叶学会", "湖南省硅酸盐学会"))
    partner = app("T", "湖南省茶叶学会", "湖南省楠竹产业科技创新联盟建设", day=22)
    result = run([joint, partner], [
        receipt("P-100", "湖南省竹产业学会", "资兴市稻虾科技服务站建设", received=date(2024, 4, 29), copies=1),
        receipt("P-101", "湖南省竹产业学会、湖南省茶叶学会、湖南省硅酸盐学会", "第12届湖南竹产业学术论坛",
                received=date(2024, 4, 29)),
    ])
    assert result.matches["J"].receipt_ids == ("P-101",)
    assert "NEEDS_REVIEW" not in codes(result, "J")
    assert [r.paper.receipt_ids for r in result.paper_only] == [("P-100",)]


def test_a_footnote_number_after_the_forms_title_does_not_make_it_another_project():
    # The form's scan kept the raised 脚注 mark as a digit (第4届湖南风能学术论坛1); the ledger's
    # title, otherwise the same, confirms it was a mark: the pairing is applied.
    apps = [app("A", "湖南大学科学技术协会", "第4届湖南风能学术论坛1"),
            app("B", "南华大学科协", "第10届湖南太阳能学术论坛")]
    result = run(apps, [receipt("P-121", "湖南大学科学技术协会（盖章）", "第4届湖南风能学术论坛"),
                        receipt("P-120", "南华大学科协", "第10届湖南太阳能学术论坛")])
    assert result.matches["A"].receipt_ids == ("P-121",) and result.matches["B"].receipt_ids == ("P-120",)
    assert "末尾的数字按脚注标号不计" in result.matches["A"].explanation
    # A number that is the name's own (第5届 in the ledger, 第4届 on the form) still differs.
    other = score_pair(receipt("P-9", "湖南大学科学技术协会", "第5届湖南风能学术论坛"),
                       app("A", "湖南大学科学技术协会", "第4届湖南风能学术论坛1"))
    assert other is not None and "数字不同" in other.note
    # A 2 after the title may be the second of a series (…系列讲座2): not taken for a mark.
    series = score_pair(receipt("P-9", "浏阳市科学技术协会", "浏阳市科普进社区系列讲座"),
                        app("A", "浏阳市科学技术协会", "浏阳市科普进社区系列讲座2"))
    assert series is not None and "脚注" not in series.note

"""benchmarks/scoring.py on small hand-made truth and export rows: one metric per test."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from benchmarks.scoring import Report, report_json, report_lines, score

FORM: dict[str, Any] = {"project_name": "2024年湖南省某某学会学术年会", "category": "科技创新服务能力建设项目",
        "subcategory": "学术交流", "applicant_org": "湖南省某某学会", "applicant_type": "省级学会",
        "lead_org": None, "partner_orgs": [], "leader_name": "王平", "leader_phone": "0731-84001234",
        "contact_name": "李明", "contact_phone": "13800000001", "contact_email": "xh@example.org",
        "funding_wan": 8.0, "start_date": "2024-05", "end_date": "2024-12"}
PAPER = {"copies": 3, "receipt_ids": ["P-001"], "received_on": "2024-04-28", "postmarked_on": "2024-04-26"}
SCORED_PER_ROW = 5 + len(FORM) + len(PAPER)


def truth_row(n: int, **changes: Any) -> dict[str, Any]:
    row = {"truth_id": f"T-{n:04d}", "kind": "application", "electronic": True,
           "message_id": f"<m{n}@mail.example>", "received_at": "2024-04-20T10:00:00+08:00",
           "sender": f"u{n}@example.org", "subject": f"申报{n}", "fields": dict(FORM),
           "paper": copy.deepcopy(PAPER), "findings": [], "tolerated": [], "unscored": [],
           "superseded_by": None, "tags": {"format": "docx", "layout": "L01_grid4", "quirks": []}}
    row.update(changes)
    return row


def export_of(truth: dict[str, Any], n: int, findings: list[dict[str, Any]] | None = None,
              **fields: Any) -> dict[str, Any]:
    """The export a perfect reader would write for `truth`, with `fields` changed."""
    row = {k: copy.deepcopy(v) for k, v in truth.items() if k not in ("truth_id", "tolerated", "unscored", "tags")}
    row["id"] = f"2024-{n:04d}"
    if truth["fields"] is not None:
        row["fields"] = {**truth["fields"], **fields}
    row["findings"] = findings if findings is not None else copy.deepcopy(truth["findings"])
    return row


def review(field: str) -> dict[str, Any]:
    return {"code": "NEEDS_REVIEW", "severity": "warning", "field": field, "message": "识别不确定"}


def error(code: str, field: str | None = None) -> dict[str, Any]:
    return {"code": code, "severity": "error", "field": field, "message": "…"}


def test_a_perfect_export_scores_one_with_nothing_wrong() -> None:
    truth = [truth_row(1), truth_row(2)]
    report = score([export_of(truth[0], 1), export_of(truth[1], 2)], truth)
    assert (report.matched, report.missed, report.extra) == (2, [], [])
    assert (report.fields.n, report.fields.correct) == (2 * SCORED_PER_ROW, 2 * SCORED_PER_ROW)
    assert report.score == 1.0
    assert report.wrong == []


def test_a_wrong_value_on_a_row_without_findings_is_unflagged_at_both_levels() -> None:
    truth = [truth_row(1), truth_row(2)]
    export = [export_of(truth[0], 1, leader_name="王平（常务副理事长）"), export_of(truth[1], 2)]
    report = score(export, truth)
    assert report.fields.n - report.fields.correct == 1
    assert report.per_field["leader_name"].correct == 1
    [wrong] = report.wrong
    assert (wrong.truth_id, wrong.export_id, wrong.field) == ("T-0001", "2024-0001", "leader_name")
    assert (wrong.truth, wrong.export) == ("王平", "王平（常务副理事长）")
    assert len(report.unflagged_row_level) == 1
    assert len(report.unflagged_field_level) == 1


def test_a_wrong_value_with_needs_review_on_its_field_is_flagged_at_the_field() -> None:
    truth = [truth_row(1)]
    report = score([export_of(truth[0], 1, [review("leader_name")], leader_name="王平常")], truth)
    assert len(report.wrong) == 1
    assert report.wrong[0].field_findings == ("NEEDS_REVIEW",)
    assert report.unflagged_row_level == []
    assert report.unflagged_field_level == []


def test_a_finding_on_another_field_flags_the_row_but_not_the_wrong_field() -> None:
    truth = [truth_row(1)]
    report = score([export_of(truth[0], 1, [review("contact_phone")], leader_name="王平常")], truth)
    assert report.unflagged_row_level == []
    assert [w.field for w in report.unflagged_field_level] == ["leader_name"]


def test_a_finding_on_the_item_flags_its_category_but_not_the_other_way_round() -> None:
    # category is the guide's group of the ticked item: one answer on the form.
    truth = [truth_row(1)]
    report = score([export_of(truth[0], 1, [error("MISSING_FIELD", "subcategory")],
                              category=None, subcategory=None)], truth)
    assert sorted(w.field for w in report.wrong) == ["category", "subcategory"]
    assert report.unflagged_field_level == []
    report = score([export_of(truth[0], 1, [review("category")], subcategory="学会服务站建设")], truth)
    assert [w.field for w in report.unflagged_field_level] == ["subcategory"]


def test_a_row_whose_form_was_not_read_flags_its_empty_fields_but_not_its_paper() -> None:
    truth = [truth_row(1)]
    empty = {name: None for name in FORM}
    report = score([export_of(truth[0], 1, [error("NO_FORM")], **empty)], truth)
    assert report.unflagged_field_level == [] and report.wrong
    # Another row-wide finding (late mail) says nothing of the fields.
    report = score([export_of(truth[0], 1, [error("LATE_ELECTRONIC")], **empty)], truth)
    assert len(report.unflagged_field_level) == len(report.wrong) > 0
    paper = {**truth[0], "paper": {**PAPER, "copies": 2}}
    report = score([export_of(paper, 1, [error("NO_FORM")])], truth)
    assert [w.field for w in report.unflagged_field_level] == ["paper.copies"]


def test_a_wrong_paper_value_is_flagged_by_a_finding_naming_the_paper_key() -> None:
    truth = [truth_row(1)]
    export = export_of(truth[0], 1, [error("PAPER_SHORT", "paper.copies")])
    export["paper"]["copies"] = 2
    report = score([export], truth)
    assert [w.field for w in report.wrong] == ["paper.copies"]
    assert report.unflagged_field_level == []


def test_a_missed_row_counts_its_fields_wrong_but_not_as_unflagged_values() -> None:
    truth = [truth_row(1), truth_row(2)]
    report = score([export_of(truth[0], 1)], truth)
    assert report.missed == ["T-0002"]
    assert report.fields.correct == SCORED_PER_ROW
    assert report.fields.n == 2 * SCORED_PER_ROW
    assert report.wrong == []


def test_unscored_fields_are_ignored() -> None:
    truth = [truth_row(1, unscored=["applicant_type", "paper.copies"]),
             truth_row(2, unscored=["fields", "paper"])]
    export = [export_of(truth[0], 1, applicant_type="其他"), export_of(truth[1], 2, project_name="别的")]
    export[0]["paper"]["copies"] = 1
    export[1]["paper"]["receipt_ids"] = ["P-999"]
    report = score(export, truth)
    assert report.fields.n == SCORED_PER_ROW - 2 + 5
    assert report.field_accuracy == 1.0
    assert "applicant_type" not in report.per_field or report.per_field["applicant_type"].n == 1
    assert report.wrong == []


def test_sender_and_subject_are_not_scored_on_a_paper_only_row() -> None:
    truth = [truth_row(1, electronic=False, message_id=None, received_at=None, sender=None, subject=None,
                       findings=[{"code": "ELECTRONIC_MISSING"}], unscored=["fields"])]
    export = export_of(truth[0], 1, [error("ELECTRONIC_MISSING")])
    export["sender"], export["subject"] = "x@example.org", "什么"
    report = score([export], truth)
    assert "sender" not in report.per_field and "subject" not in report.per_field
    assert report.score == 1.0


def test_values_are_compared_the_way_a_clerk_reads_them() -> None:
    truth = [truth_row(1, fields={**FORM, "partner_orgs": ["甲学会", "乙学会"], "project_name": "“科创中国”试点"})]
    export = export_of(truth[0], 1, project_name="＂科创中国＂ 试点", leader_phone="0731 8400 1234",
                       contact_email="XH@Example.org", funding_wan=8, partner_orgs="乙学会、甲学会")
    export["received_at"] = "2024-04-20T02:00:00Z"
    export["subject"] = "申报１"  # a full-width digit (NFKC)
    export["sender"] = "某某 <U1@example.org>"
    report = score([export], truth)
    assert report.wrong == [], report.wrong


@pytest.mark.parametrize(("name", "value"), [("funding_wan", 80000), ("start_date", "2024-05-01"),
                                             ("leader_phone", "0731-84001235"), ("partner_orgs", ["甲学会"]),
                                             ("project_name", "2024年湖南省某某学会学术年会（二）")])
def test_a_different_value_is_wrong(name: str, value: Any) -> None:
    truth = [truth_row(1)]
    report = score([export_of(truth[0], 1, **{name: value})], truth)
    assert [w.field for w in report.wrong] == [name]


def test_finding_codes_are_scored_per_code_with_missing_field_per_field() -> None:
    truth = [truth_row(1, findings=[{"code": "LATE_PAPER"}, {"code": "MISSING_FIELD", "field": "leader_phone"}]),
             truth_row(2, findings=[{"code": "FUNDING_OUT_OF_RANGE"}])]
    export = [export_of(truth[0], 1, [error("LATE_PAPER"), error("MISSING_FIELD", "contact_phone")]),
              export_of(truth[1], 2, [error("FUNDING_OUT_OF_RANGE"), error("PAPER_MISSING")])]
    report = score(export, truth)
    codes = {k: (c.tp, c.fp, c.fn) for k, c in report.per_code.items()}
    assert codes == {"LATE_PAPER": (1, 0, 0), "MISSING_FIELD": (0, 1, 1), "FUNDING_OUT_OF_RANGE": (1, 0, 0),
                     "PAPER_MISSING": (0, 1, 0)}
    micro = report.codes
    assert (micro.tp, micro.fp, micro.fn) == (2, 2, 1)
    assert micro.precision == pytest.approx(0.5)
    assert micro.recall == pytest.approx(2 / 3)
    assert micro.f1 == pytest.approx(4 / 7)
    assert report.score == pytest.approx((report.field_accuracy + 4 / 7) / 2)


def test_needs_review_neither_helps_nor_hurts_finding_f1() -> None:
    truth = [truth_row(1, findings=[{"code": "LATE_PAPER"}])]
    plain = score([export_of(truth[0], 1, [error("LATE_PAPER")])], truth)
    doubted = score([export_of(truth[0], 1, [error("LATE_PAPER"), review("leader_name")])], truth)
    assert plain.codes == doubted.codes
    assert "NEEDS_REVIEW" not in doubted.per_code


def test_tolerated_codes_neither_help_nor_hurt() -> None:
    tolerated = ["PAPER_MISSING", "MISSING_FIELD:*"]
    truth = [truth_row(1, findings=[{"code": "NO_FORM"}], tolerated=tolerated)]
    bare = score([export_of(truth[0], 1, [error("NO_FORM")])], truth)
    extra = score([export_of(truth[0], 1, [error("NO_FORM"), error("PAPER_MISSING"),
                                           error("MISSING_FIELD", "leader_phone")])], truth)
    assert (bare.codes.tp, bare.codes.fp, bare.codes.fn) == (1, 0, 0)
    assert extra.codes == bare.codes
    untolerated = score([export_of(truth[0], 1, [error("NO_FORM"), error("LATE_PAPER")])], truth)
    assert untolerated.codes.fp == 1


def test_a_tolerated_missing_field_names_only_its_own_field() -> None:
    truth = [truth_row(1, tolerated=["MISSING_FIELD:leader_phone"])]
    report = score([export_of(truth[0], 1, [error("MISSING_FIELD", "leader_phone"),
                                            error("MISSING_FIELD", "contact_phone")])], truth)
    assert (report.codes.tp, report.codes.fp, report.codes.fn) == (0, 1, 0)


def test_two_applications_in_one_email_pair_by_project_name() -> None:
    second = {**FORM, "project_name": "湖南省某某学会服务站建设", "subcategory": "学会服务站建设"}
    truth = [truth_row(1), truth_row(2, message_id="<m1@mail.example>", fields=second)]
    export = [export_of(truth[1], 1), export_of(truth[0], 2)]
    export[0]["message_id"] = export[1]["message_id"] = "<M1@mail.example>"
    report = score(export, truth)
    assert report.matched == 2
    assert report.wrong == []


def test_paper_only_rows_pair_by_receipt_ids_and_unmatched_rows_count_as_missed_and_extra() -> None:
    paper_only = {"electronic": False, "message_id": None, "received_at": None, "sender": None, "subject": None,
                  "findings": [{"code": "ELECTRONIC_MISSING"}]}
    truth = [truth_row(1, **paper_only, paper={**PAPER, "receipt_ids": ["P-007"]}),
             truth_row(2, **paper_only, paper={**PAPER, "receipt_ids": ["P-008"]})]
    renamed = export_of(truth[0], 1, [error("ELECTRONIC_MISSING")], project_name="完全不同的名称",
                        applicant_org="另一个单位")
    stray = export_of(truth_row(3, **paper_only, paper={**PAPER, "receipt_ids": ["P-099"]}), 2,
                      [error("ELECTRONIC_MISSING")], project_name="虚构项目", applicant_org="虚构单位")
    report = score([renamed, stray], truth)
    assert report.matched == 1
    assert report.missed == ["T-0002"]
    assert report.extra == ["2024-0002"]
    assert {w.field for w in report.wrong} == {"project_name", "applicant_org"}
    elec = report.per_code["ELECTRONIC_MISSING"]
    assert (elec.tp, elec.fp, elec.fn) == (1, 1, 1)


def test_flagged_rows_count_errors_and_needs_review_but_not_warnings_or_notes() -> None:
    truth = [truth_row(n) for n in range(1, 5)]
    export = [export_of(truth[0], 1, [error("LATE_PAPER")]), export_of(truth[1], 2, [review("leader_name")]),
              export_of(truth[2], 3, [{"code": "SUPERSEDED", "severity": "info", "field": None}]),
              export_of(truth[3], 4)]
    report = score(export, truth)
    assert (report.flagged_rows, report.review_rows) == (2, 1)


def test_needs_review_per_scanned_form_uses_format_and_quirk_tags() -> None:
    truth = [truth_row(1, tags={"format": "scan_pdf", "quirks": []}),
             truth_row(2, tags={"format": "docx", "quirks": ["phone_photo"]}),
             truth_row(3, tags={"format": "scan_pdf", "quirks": []}),
             truth_row(4, tags={"format": "pdf", "quirks": []})]
    export = [export_of(truth[0], 1, [review(f) for f in ("leader_name", "contact_name", "funding_wan")]),
              export_of(truth[1], 2, [review("leader_name")]), export_of(truth[2], 3),
              export_of(truth[3], 4, [review(f) for f in FORM])]
    report = score(export, truth)
    assert sorted(report.scan_reviews) == [0, 1, 3]
    assert report.scan_tag_values == ["format=scan_pdf", "quirks=phone_photo"]
    assert "NEEDS_REVIEW per scanned form: median 1, max 3 over 3 forms" in "\n".join(report_lines(report))


def test_field_accuracy_breaks_down_by_format_and_layout() -> None:
    truth = [truth_row(1, tags={"format": "doc", "layout": "L02"}), truth_row(2, tags={"format": "pdf"})]
    report = score([export_of(truth[0], 1, leader_name="某"), export_of(truth[1], 2)], truth)
    assert (report.by_format["doc"].n, report.by_format["doc"].correct) == (SCORED_PER_ROW, SCORED_PER_ROW - 1)
    assert report.by_format["pdf"].accuracy == 1.0
    assert list(report.by_layout) == ["L02"]


def test_superseded_by_resolves_register_ids_to_message_ids() -> None:
    truth = [truth_row(1, superseded_by="<m2@mail.example>", findings=[{"code": "SUPERSEDED"}]), truth_row(2)]
    export = [export_of(truth[0], 1, [{"code": "SUPERSEDED", "severity": "info"}]), export_of(truth[1], 2)]
    export[0]["superseded_by"] = "2024-0002"
    assert score(export, truth).superseded["correct"] == 1
    export[0]["superseded_by"] = "2024-0001"
    assert score(export, truth).superseded["wrong_target"] == 1


def test_the_printed_report_and_json_carry_the_unflagged_counts() -> None:
    truth = [truth_row(1), truth_row(2)]
    export = [export_of(truth[0], 1, leader_name="王", contact_name="李"),
              export_of(truth[1], 2, [review("contact_name")], leader_name="王", contact_name="李")]
    report: Report = score(export, truth)
    text = "\n".join(report_lines(report, show_wrong=5))
    n = 2 * SCORED_PER_ROW
    assert f"unflagged, row level (no finding on the row): 2 values in 1 rows ({2 / n:.2%})" in text
    assert f"unflagged, field level (no finding names the field): 3 values in 2 rows ({3 / n:.2%})" in text
    assert 'T-0002 / 2024-0002 leader_name: truth "王平" export "王"' in text
    data = report_json(report)
    assert (data["unflagged_row_level"], data["unflagged_field_level"], data["wrong_values"]) == (2, 3, 4)
    assert text.splitlines()[-1] == f"score: {report.score:.3f}"


def test_no_paper_copy_reads_the_same_as_zero_copies() -> None:
    truth = [truth_row(1, paper={"copies": 0, "receipt_ids": [], "received_on": None, "postmarked_on": None})]
    export = export_of(truth[0], 1)
    export["paper"]["copies"] = None
    assert score([export], truth).wrong == []

"""Paper matching uses all the evidence: an identical project name, every unit a ledger row
lists, copies and dates, and the emails whose form could not be read."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import format_datetime

import pytest

from shenbao.extraction import message_to_submissions, read_file_job
from shenbao.pipeline import mail_of
from shenbao.record import (
    ExtractedForm, Fields, FileRef, MailFacts, MessageLocation, Receipt, StoredMessage, Submission,
)
from shenbao.register import Inputs, Numbering, rows_from, validate
from shenbao.settings import Settings
from shenbao.validators.guide import load_guide
from shenbao.validators.paper_match import (
    PaperApp, PaperResult, Thresholds, UnreadMail, ledger_units, match_receipts, score_pair,
)

CST = timezone(timedelta(hours=8))
DEADLINE = date(2024, 4, 30)
AFTER = date(2024, 5, 20)


def app(key: str, org: str | None, project: str | None, day: int = 20, *, lead: str | None = None,
        partners: tuple[str, ...] = ()) -> PaperApp:
    return PaperApp(key=key, register_id=f"2024-{key}", applicant_org=org, project_name=project,
                    received_at=datetime(2024, 4, day, 10, 0, tzinfo=CST), lead_org=lead, partner_orgs=partners)


def receipt(rid: str, org: str, project: str = "", *, received: date = date(2024, 4, 24), copies: int = 3,
            note: str = "") -> Receipt:
    return Receipt(receipt_id=rid, received_on=received, postmarked_on=None, applicant_org=org,
                   project_name=project, copies=copies, note=note, sheet="纸质件登记", row_number=2)


def unread(key: str, day: int = 20, **facts: object) -> UnreadMail:
    return UnreadMail(key=key, register_id=f"2024-{key}", received_at=datetime(2024, 4, day, 9, 0, tzinfo=CST),
                      **facts)  # type: ignore[arg-type]


def run(apps: list[PaperApp], receipts: list[Receipt], **kw: object) -> PaperResult:
    kw.setdefault("paper_deadline", DEADLINE)
    return match_receipts(apps, receipts, copies_required=3, today=AFTER, **kw)  # type: ignore[arg-type]


def codes(result: PaperResult, key: str) -> list[str]:
    return [f.code for f in result.findings[key]]


def only_codes(result: PaperResult) -> list[list[str]]:
    return [[f.code for f in row.findings] for row in result.paper_only]


# --------------------------------------------------------------------------- identical project names

def test_an_identical_project_name_matches_a_receipt_whose_unit_is_abbreviated():
    # 湘大 scores 0.46 against the full name: alone it would never be a candidate.
    result = run([app("A", "湘潭大学科学技术协会", "湘江流域碳中和技术产学研融合发展学术研讨会")],
                 [receipt("P-1", "湘大", "《湘江流域碳中和技术产学研融合发展学术研讨会》")])
    paper = result.matches["A"]
    assert paper.receipt_ids == ("P-1",) and codes(result, "A") == [] and result.paper_only == ()
    assert "项目名称完全相同，提高到 0.90" in paper.explanation


def test_the_raise_is_a_configurable_threshold():
    form = app("A", "湘潭大学科学技术协会", "湘江流域碳中和技术产学研融合发展学术研讨会")
    paper = receipt("P-1", "湘大", "湘江流域碳中和技术产学研融合发展学术研讨会")
    score = score_pair(paper, form, Thresholds(same_project=0.95))
    assert score is not None and score.total == 0.95 and score.raised_from is not None
    unraised = score_pair(paper, form, Thresholds(same_project_org_min=0.5))
    assert unraised is not None and unraised.raised_from is None and unraised.total < 0.85


def test_an_identical_title_is_compared_even_when_the_unit_names_share_almost_nothing():
    # With the unit guard at 0, an identical title must not be pruned before it is scored.
    result = run([app("A", "湘潭大学科学技术协会", "湘江流域碳中和技术产学研融合发展学术研讨会")],
                 [receipt("P-1", "中南", "湘江流域碳中和技术产学研融合发展学术研讨会")],
                 thresholds=Thresholds(same_project_org_min=0.0))
    assert result.matches["A"].receipt_ids == ("P-1",)


def test_an_identical_short_or_item_title_is_no_evidence_on_its_own():
    # 学术年会 (4 characters) and 学术交流项目 (an item name) are shared by many units.
    for title in ("学术年会", "学术交流项目"):
        score = score_pair(receipt("P-1", "湘大", title), app("A", "湘潭大学科学技术协会", title))
        assert score is None or score.raised_from is None


def test_an_identical_title_of_a_clearly_different_unit_is_not_taken():
    # The 茶叶学会's own email is missing; the 气象学会 happens to use the same plain title.
    result = run([app("A", "湖南省气象学会", "2024年度学术年会暨青年论坛")],
                 [receipt("P-1", "湖南省茶叶学会", "2024年度学术年会暨青年论坛")])
    assert result.matches["A"].receipt_ids == ()
    assert only_codes(result) == [["ELECTRONIC_MISSING"]]


def test_two_applications_with_the_same_title_leave_the_receipt_for_review_listing_both():
    apps = [app("A", "湖南省力学学会", "长江中游城市群岩土工程学术研讨会"),
            app("B", "湖南省岩土工程学会", "长江中游城市群岩土工程学术研讨会")]
    result = run(apps, [receipt("P-1", "岩土力学学会", "长江中游城市群岩土工程学术研讨会")])
    assert result.pending == ("P-1",) and result.paper_only == ()
    for key in ("A", "B"):
        (finding,) = result.findings[key]
        assert finding.code == "NEEDS_REVIEW" and "P-1（岩土力学学会" in finding.message


# --------------------------------------------------------------------------- several units on one row

@pytest.mark.parametrize("cell, units", [
    ("湖南大学、中南大学、湘潭大学", ("湖南大学", "中南大学", "湘潭大学")),
    ("湖南大学/中南大学", ("湖南大学", "中南大学")),
    ("湖南省药学会与湖南省医学会", ("湖南省药学会", "湖南省医学会")),
    ("湘潭大学和湖南科技大学联合", ("湘潭大学", "湖南科技大学")),
    ("长沙市科协和株洲市科协联合申报", ("长沙市科协", "株洲市科协")),
    # 与/和 inside one unit's name, and 、 inside brackets, split nothing
    ("湖南省岩石力学与工程学会", ("湖南省岩石力学与工程学会",)),
    ("湖南省中医药和中西医结合学会", ("湖南省中医药和中西医结合学会",)),
    ("湖南省科协（学会部、普及部）", ("湖南省科协(学会部、普及部)",)),
])
def test_a_ledger_cell_is_read_as_the_units_it_lists(cell: str, units: tuple[str, ...]):
    assert ledger_units(cell) == units


def test_a_row_listing_several_units_matches_the_joint_application_of_one_of_them():
    # The case: a joint application, the ledger lists every unit; no 缺纸质件 on the
    # email and no phantom paper-only row.
    apps = [app("A", "湖南大学科学技术协会", "岳麓山大学科技城产学研协同创新学术论坛",
                lead="湖南大学科学技术协会", partners=("中南大学科学技术协会", "湖南师范大学科学技术协会"))]
    result = run(apps, [receipt("P-1", "中南大学科协、湖南大学科协、湖南师范大学科协", "岳麓山大学科技城产学研协同创新论坛")])
    assert result.matches["A"].receipt_ids == ("P-1",)
    assert codes(result, "A") == [] and result.paper_only == ()
    assert "登记簿列出3个单位" in result.matches["A"].explanation


def test_a_row_listing_units_matches_through_a_partner_when_the_lead_is_not_listed():
    apps = [app("A", "湖南省食品科学技术学会", "湘菜预制菜产业技术创新与产业发展高端论坛",
                lead="湖南省食品科学技术学会", partners=("湖南省营养学会", "湖南省烹饪协会"))]
    result = run(apps, [receipt("P-1", "湖南省营养学会/湖南省烹饪协会", "湘菜预制菜产业技术创新与产业发展高端论坛")])
    assert result.matches["A"].receipt_ids == ("P-1",) and result.paper_only == ()
    assert "参与单位“湖南省营养学会”" in result.matches["A"].explanation


def test_a_single_partner_unit_counts_a_little_less_than_the_lead():
    form = app("A", "湖南省食品科学技术学会", "湘菜预制菜产业发展论坛", partners=("湖南省营养学会",))
    score = score_pair(receipt("P-1", "湖南省营养学会", ""), form)
    assert score is not None and score.org == 0.9 and "参与单位" in score.explain()


# --------------------------------------------------------------------------- copies and dates

def test_three_and_one_copies_without_a_title_add_up_for_a_unit_with_one_application():
    apps = [app("A", "湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设")]
    result = run(apps, [receipt("P-1", "省植物保护协会", copies=2, received=date(2024, 4, 22)),
                        receipt("P-2", "省植物保护协会", copies=1, received=date(2024, 4, 26))])
    paper = result.matches["A"]
    assert paper.receipt_ids == ("P-1", "P-2") and paper.copies == 3
    assert "分2次寄到，合计3份" in paper.explanation
    assert codes(result, "A") == [] and result.paper_only == ()


def test_a_second_complete_set_is_not_added_to_the_first():
    # 3 + 3 copies without titles: a second application's paper, not a top-up; the dates tell
    # which one is this application's, the other is flagged as a possible second parcel.
    apps = [app("A", "湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设", day=20)]
    result = run(apps, [receipt("P-1", "省植物保护协会", received=date(2024, 4, 22)),
                        receipt("P-2", "省植物保护协会", received=date(2024, 5, 12))])
    assert result.matches["A"].receipt_ids == ("P-1",) and result.matches["A"].copies == 3
    (row,) = result.paper_only
    assert [r.receipt_id for r in row.receipts] == ["P-2"]
    assert "NEEDS_REVIEW" in [f.code for f in row.findings]


def test_copies_of_a_unit_with_two_applications_are_not_summed_blindly():
    apps = [app("A", "湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设", day=10),
            app("B", "湖南省植物保护学会", "植物保护青年科学家论坛", day=26)]
    result = run(apps, [receipt("P-1", "省植物保护协会", copies=2, received=date(2024, 4, 12)),
                        receipt("P-2", "省植物保护协会", copies=1, received=date(2024, 4, 28))])
    assert result.matches["A"].copies != 3 and result.matches["B"].copies != 3


def test_dates_split_two_applications_of_one_unit():
    apps = [app("A", "湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设", day=10),
            app("B", "湖南省植物保护学会", "植物保护青年科学家论坛", day=25)]
    result = run(apps, [receipt("P-2", "省植物保护协会", received=date(2024, 4, 27)),
                        receipt("P-1", "省植物保护协会", received=date(2024, 4, 12))])
    assert result.matches["A"].receipt_ids == ("P-1",) and result.matches["B"].receipt_ids == ("P-2",)
    assert "按与邮件日期最接近的配法配对" in result.matches["A"].explanation
    assert codes(result, "A") == [] and codes(result, "B") == [] and result.pending == ()


def test_dates_too_close_to_tell_leave_both_applications_for_review_with_every_candidate():
    apps = [app("A", "湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设", day=20),
            app("B", "湖南省植物保护学会", "植物保护青年科学家论坛", day=22)]
    receipts = [receipt(f"P-{n}", "省植物保护协会", received=date(2024, 4, 23 + n % 2)) for n in range(1, 5)]
    result = run(apps, receipts)
    assert result.pending == ("P-1", "P-2", "P-3", "P-4") and result.paper_only == ()
    for key in ("A", "B"):
        (finding,) = result.findings[key]
        assert finding.code == "NEEDS_REVIEW"
        assert all(f"P-{n}（省植物保护协会，未写项目名称" in finding.message for n in range(1, 5))


def test_split_days_is_the_threshold_the_dates_must_clear():
    apps = [app("A", "湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设", day=10),
            app("B", "湖南省植物保护学会", "植物保护青年科学家论坛", day=25)]
    receipts = [receipt("P-1", "省植物保护协会", received=date(2024, 4, 12)),
                receipt("P-2", "省植物保护协会", received=date(2024, 4, 27))]
    result = run(apps, receipts, thresholds=Thresholds(split_days=60))
    assert result.pending == ("P-1", "P-2")


# --------------------------------------------------------------------------- a form whose project name was not read

def test_a_specific_title_the_form_cannot_confirm_is_not_paired_on_the_unit_alone():
    """The form's project name unread: a ledger row naming a title of that unit may be its other
    project (whose email is missing), so the pairing is offered, not applied."""
    result = run([app("A", "湖南省岩土工程学会", None, day=27)],
                 [receipt("P-1", "湖南省岩土工程学会", "长株潭岩土工程现代农业装备学术年会", received=date(2024, 4, 28))])
    assert result.matches.get("A") is None or result.matches["A"].receipt_ids == ()
    (doubt,) = result.findings["A"]
    assert doubt.code == "NEEDS_REVIEW" and doubt.field == "paper" and "P-1" in doubt.message
    assert "无法核对" in doubt.evidence


@pytest.mark.parametrize("title", ["", "学术交流项目", "年会"])
def test_a_ledger_row_naming_no_specific_title_still_pairs_on_the_unit(title: str):
    result = run([app("A", "湖南省岩土工程学会", None, day=27)],
                 [receipt("P-1", "湖南省岩土工程学会", title, received=date(2024, 4, 28))])
    assert result.matches["A"].receipt_ids == ("P-1",) and codes(result, "A") == []


# --------------------------------------------------------------------------- emails that could not be read

def given_codes(result: PaperResult) -> dict[str, list[str]]:
    """The findings of the receipts given to unread emails, by email key."""
    return {key: [f.code for f in found] for key, found in result.unread_findings.items()}


def test_a_receipt_named_in_the_one_unread_email_goes_to_it_doubted_not_to_a_paper_only_row():
    mails = [unread("U1", subject="申报书-湖南省岩石力学与工程学会-服务深部工程企业科技创新学会服务站建设",
                    sender="yslx@163.com", sender_name="岩石力学学会秘书处")]
    result = run([], [receipt("P-1", "湖南省岩石力学与工程学会", "深部工程服务站", copies=2)], unread=mails)
    assert result.paper_only == ()
    assert result.unread_matches["U1"].receipt_ids == ("P-1",) and result.unread_matches["U1"].copies == 2
    assert given_codes(result) == {"U1": ["NEEDS_REVIEW", "PAPER_SHORT"]}
    message = result.unread_findings["U1"][0].message
    assert "P-1" in message and "湖南省岩石力学与工程学会" in message and "非 2024-U1" in message


def test_two_unread_emails_naming_the_unit_leave_the_receipt_on_its_own_row_naming_both():
    mails = [unread("U1", subject="湖南省岩石力学与工程学会申报书", sender="yslx@163.com"),
             unread("U2", day=21, subject="湖南省岩石力学与工程学会申报材料（补发）", sender="yslx@163.com")]
    result = run([], [receipt("P-1", "湖南省岩石力学与工程学会", "深部工程服务站")], unread=mails)
    assert result.unread_matches == {}
    (row,) = result.paper_only
    assert [f.code for f in row.findings] == ["NEEDS_REVIEW"]
    message = row.findings[0].message
    assert "2024-U1" in message and "2024-U2" in message and "yslx@163.com" in message
    # Each email named gets the doubt on its own paper block: its 纸质件 columns say none while P-1 may be its.
    assert given_codes(result) == {"U1": ["NEEDS_REVIEW"], "U2": ["NEEDS_REVIEW"]}
    for key in ("U1", "U2"):
        (doubt,) = result.unread_findings[key]
        assert doubt.field == "paper" and "P-1" in doubt.message and f"对应 2024-{key}" in doubt.message
        assert "纸质件登记簿" in doubt.evidence


def test_two_receipts_claiming_one_unread_email_both_stay_on_their_own_rows():
    mails = [unread("U1", subject="湖南省岩石力学与工程学会申报书")]
    result = run([], [receipt("P-1", "湖南省岩石力学与工程学会", "深部工程服务站"),
                      receipt("P-2", "湖南省岩石力学与工程学会", "岩土工程青年论坛", received=date(2024, 4, 26))],
                 unread=mails)
    assert result.unread_matches == {} and only_codes(result) == [["NEEDS_REVIEW"], ["NEEDS_REVIEW"]]
    assert given_codes(result) == {"U1": ["NEEDS_REVIEW", "NEEDS_REVIEW"]}
    assert ["P-1" in f.message for f in result.unread_findings["U1"]] == [True, False]


def test_an_unread_email_naming_another_project_of_the_unit_is_offered_not_given():
    mails = [unread("U1", subject="申报书-湖南省化工学会-标准体系建设与化工创新发展学术交流会")]
    result = run([], [receipt("P-1", "湖南省化工学会", "长株潭化工先进计算学术论坛")], unread=mails)
    assert result.unread_matches == {} and only_codes(result) == [["NEEDS_REVIEW"]]
    # The same title, none, or only the item in the subject: given.
    for subject in ("申报书-湖南省化工学会-长株潭化工先进计算学术论坛", "湖南省化工学会申报材料",
                    "湖南省化工学会关于申报2024年度省科协学术交流项目的函"):
        given = run([], [receipt("P-1", "湖南省化工学会", "长株潭化工先进计算学术论坛")],
                    unread=[unread("U1", subject=subject)])
        assert given.unread_matches["U1"].receipt_ids == ("P-1",), subject


def test_staff_confirming_an_unread_email_gives_it_the_receipt_without_a_doubt():
    """对应 2024-U1 for an email whose form could not be read: staff's word, no score needed."""
    mails = [unread("U1", subject="申报材料"), unread("U2", subject="湖南省岩石力学与工程学会申报书")]
    result = run([], [receipt("P-1", "湖南省岩石力学与工程学会", copies=2, note="对应 2024-U1")], unread=mails)
    assert result.paper_only == () and result.unread_matches["U1"].receipt_ids == ("P-1",)
    assert "U2" not in result.unread_matches
    assert given_codes(result) == {"U1": ["PAPER_SHORT"]}
    assert "工作人员在备注中确认对应" in result.unread_matches["U1"].explanation


def test_staff_ruling_an_unread_email_out_keeps_the_receipt_off_it():
    mails = [unread("U1", subject="湖南省岩石力学与工程学会申报书")]
    result = run([], [receipt("P-1", "湖南省岩石力学与工程学会", note="非 2024-U1")], unread=mails)
    assert result.unread_matches == {} and only_codes(result) == [["ELECTRONIC_MISSING"]]


@pytest.mark.parametrize("facts", [
    {"sender_name": "湖南省环境科学学会"},
    {"subject": "申报材料", "file_names": ("环境科学学会申报书.pdf",)},
    {"subject": "申报材料", "file_names": ("洞庭湖湿地生态修复学术研讨会.docx",)},
    {"subject": "申报", "body": "附件为湖南省环境科学学会的申报书，请查收"},
])
def test_the_unit_or_project_may_be_found_in_the_sender_name_file_names_or_body(facts: dict[str, object]):
    result = run([], [receipt("P-1", "省环境科学学会", "洞庭湖湿地生态修复学术研讨会")],
                 unread=[unread("U1", **facts)])
    assert only_codes(result) == [] and given_codes(result) == {"U1": ["NEEDS_REVIEW"]}


def test_an_unread_email_of_another_unit_leaves_electronic_missing():
    # Both titles start with 国家级学会服务站; the email names a different unit.
    mails = [unread("U1", subject="申报书-湖南省青少年科技教育协会-国家级学会服务站（青少年科技创新）建设")]
    result = run([], [receipt("P-1", "湖南风景园林学会", "国家级学会服务站")], unread=mails)
    assert only_codes(result) == [["ELECTRONIC_MISSING"]]


def test_a_short_unit_name_is_not_found_inside_a_longer_one():
    # 药学会 ends 中药学会: only 湖南省药学会 / 省药学会 in the email would name this unit.
    result = run([], [receipt("P-1", "湖南省药学会", "")], unread=[unread("U1", subject="湖南省中药学会申报材料")])
    assert only_codes(result) == [["ELECTRONIC_MISSING"]]
    named = run([], [receipt("P-1", "药学会", "")], unread=[unread("U1", subject="省药学会申报材料")])
    assert only_codes(named) == [] and given_codes(named) == {"U1": ["NEEDS_REVIEW"]}


def test_a_mail_that_could_not_be_downloaded_counts_by_date_alone():
    result = run([], [receipt("P-1", "湖南省遥感学会", "祁东县黄花菜产业乡村振兴学会服务站建设")],
                 unread=[unread("U1", day=22)])
    (row,) = result.paper_only
    assert [f.code for f in row.findings] == ["NEEDS_REVIEW"] and "未能下载" in row.findings[0].message
    assert given_codes(result) == {"U1": ["NEEDS_REVIEW"]} and "未能下载" in result.unread_findings["U1"][0].message
    far = run([], [receipt("P-1", "湖南省遥感学会", "祁东县黄花菜产业乡村振兴学会服务站建设")],
              unread=[unread("U1", day=1)], thresholds=Thresholds(days_after=10, fade_days=5))
    assert only_codes(far) == [["ELECTRONIC_MISSING"]]
    assert far.unread_findings == {}


def test_an_unread_email_whose_date_rules_it_out_is_not_offered():
    mails = [unread("U1", day=1, subject="湖南省环境科学学会申报材料")]
    result = run([], [receipt("P-1", "湖南省环境科学学会", received=date(2024, 7, 30))], unread=mails)
    assert only_codes(result) == [["ELECTRONIC_MISSING", "LATE_PAPER"]]


def test_staff_saying_there_is_no_email_is_final():
    mails = [unread("U1", subject="湖南省环境科学学会申报材料")]
    result = run([], [receipt("P-1", "湖南省环境科学学会", note="无电子版")], unread=mails)
    assert only_codes(result) == [["ELECTRONIC_MISSING"]]


def test_a_receipt_matched_to_a_readable_application_ignores_unread_emails():
    mails = [unread("U1", subject="湖南省环境科学学会申报材料")]
    result = run([app("A", "湖南省环境科学学会", "洞庭湖湿地生态修复学术研讨会")],
                 [receipt("P-1", "湖南省环境科学学会", "洞庭湖湿地生态修复学术研讨会")], unread=mails)
    assert result.matches["A"].receipt_ids == ("P-1",) and result.paper_only == ()


# --------------------------------------------------------------------------- through validate

def stored(n: int, day: int) -> StoredMessage:
    return StoredMessage(sha256=f"{n:064x}", message_id=f"<m{n}@example.cn>",
                         internaldate=datetime(2024, 4, day, 9, 0, tzinfo=CST),
                         location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=n), size=100)


def unreadable_submission(n: int, day: int) -> Submission:
    """A real .eml whose only attachment is a broken PDF, through intake and extraction."""
    msg = EmailMessage()
    msg["From"] = "湖南省岩石力学与工程学会 <yslx@163.com>"
    msg["To"] = "hnkxxhb@126.com"
    msg["Subject"] = "2024年度项目申报材料"
    msg["Date"] = format_datetime(datetime(2024, 4, day, 9, 0, tzinfo=CST))
    msg["Message-ID"] = f"<m{n}@example.cn>"
    msg.set_content("您好，附件是我会的申报书，请查收。")
    msg.add_attachment(b"%PDF-1.4\n1 0 obj <<>> broken", maintype="application", subtype="pdf",
                       filename="服务深部工程企业科技创新学会服务站建设申报书.pdf")
    mail = mail_of(stored(n, day), msg.as_bytes())
    (sub,) = message_to_submissions(mail, lambda part, sha: read_file_job(part.data, part.name, part.kind, sha))
    assert sub.form is None and "NO_FORM" in {f.code for f in sub.findings}
    return sub


def joint_application(n: int, day: int) -> Submission:
    fields = Fields(project_name="先进有色金属材料产学研协同创新学术论坛", applicant_org="湖南省材料研究学会",
                    lead_org="湖南省材料研究学会", partner_orgs=("中南大学科学技术协会", "湖南工业大学科学技术协会"))
    form = ExtractedForm(file="申报书.docx", sha256="f" * 64, fields=fields)
    return Submission(key=f"{n:064x}#0", kind="application", message=stored(n, day), sender="kx@hnu.edu.cn",
                      subject="联合申报", form=form)


def test_validate_passes_lead_partners_and_unread_emails_to_the_matcher():
    guide = load_guide(Settings().rules_path())
    # The ledger lists the two partners only, and shortens the title: the partners decide.
    receipts = (receipt("P-1", "中南大学科协、湖南工业大学科协", "先进有色金属材料产学研协同创新论坛"),
                receipt("P-2", "湖南省岩石力学与工程学会", "", received=date(2024, 4, 25)))
    subs = [joint_application(1, 20), unreadable_submission(2, 21)]
    verdict = validate(subs, Inputs(guide=guide, receipts=receipts), Numbering(ids={}, last_seq=0, year=2024),
                       today=AFTER)
    rows = {r.id: r for r in rows_from(verdict, verdict.ids)}
    assert rows["2024-0001"].paper.receipt_ids == ("P-1",)
    assert "PAPER_MISSING" not in {f.code for f in rows["2024-0001"].findings}
    # The unreadable email's sender names the unit of P-2: the receipt is its, doubted.
    assert [r for r in rows.values() if not r.electronic] == []
    unreadable = rows["2024-0002"]
    assert unreadable.paper.receipt_ids == ("P-2",)
    assert [f.code for f in unreadable.findings] == ["NO_FORM", "UNREADABLE_FILE", "NEEDS_REVIEW"]
    assert "非 2024-0002" in unreadable.findings[-1].message


# --------------------------------------------------------------------------- forms read without names

def nameless(key: str, day: int = 20, **facts: object) -> PaperApp:
    return app(key, None, None, day).model_copy(update={"mail": unread(key, day, unread="申报书的项目名称和申报单位未能读出",
                                                                       **facts)})


def test_a_form_read_without_project_and_unit_takes_the_receipt_its_subject_names_doubted():
    form = nameless("A", subject="转发：申报书-湘潭市科协-会同县猕猴桃产业学会服务站建设")
    result = run([form], [receipt("P-1", "湘潭市科协", "会同县猕猴桃产业学会服务站建设项目")])
    assert result.paper_only == () and result.matches["A"].receipt_ids == ("P-1",)
    (doubt,) = result.findings["A"]
    assert doubt.code == "NEEDS_REVIEW" and doubt.field == "paper"
    assert "项目名称和申报单位未能读出" in doubt.message and "非 2024-A" in doubt.message


def test_a_nameless_form_whose_subject_names_another_unit_keeps_paper_missing():
    form = nameless("A", subject="申报书-湖南省化工学会")
    result = run([form], [receipt("P-1", "湘潭市科协", "会同县猕猴桃产业学会服务站建设项目")])
    assert codes(result, "A") == ["PAPER_MISSING"] and only_codes(result) == [["ELECTRONIC_MISSING"]]


def test_two_receipts_naming_a_nameless_forms_unit_are_offered_not_given():
    form = nameless("A", subject="湘潭市科协申报材料")
    result = run([form], [receipt("P-1", "湘潭市科协", "会同县猕猴桃产业学会服务站建设"),
                          receipt("P-2", "湘潭市科协", "湘潭市科普讲解大赛", received=date(2024, 4, 26))])
    assert result.matches["A"].receipt_ids == ()
    # Not "missing": two receipts may be its; each stays on its own row naming it.
    assert codes(result, "A") == ["NEEDS_REVIEW", "NEEDS_REVIEW"]
    assert only_codes(result) == [["NEEDS_REVIEW"], ["NEEDS_REVIEW"]]


def test_a_form_with_a_name_takes_no_receipt_by_its_subject():
    named = app("A", "湖南省化工学会", None)  # the unit read: the usual pairing decides
    result = run([named], [receipt("P-1", "湘潭市科协", "会同县猕猴桃产业学会服务站建设项目")])
    assert codes(result, "A") == ["PAPER_MISSING"] and only_codes(result) == [["ELECTRONIC_MISSING"]]


def test_validate_offers_the_leftovers_to_a_form_read_without_names() -> None:
    guide = load_guide(Settings().rules_path())
    fields = Fields(leader_name="余文博", funding_wan=8.0)
    form = ExtractedForm(file="扫描件.pdf", sha256="e" * 64, fields=fields)
    sub = Submission(key=f"{3:064x}#0", kind="application", message=stored(3, 20), sender="ayxjin4456@139.com",
                     subject="转发：申报书-湘潭市科协-会同县猕猴桃产业学会服务站建设", form=form)
    receipts = (receipt("P-9", "湘潭市科协", "会同县猕猴桃产业学会服务站建设项目"),)
    verdict = validate([sub], Inputs(guide=guide, receipts=receipts), Numbering(ids={}, last_seq=0, year=2024),
                       today=AFTER)
    (row,) = rows_from(verdict, verdict.ids)
    assert row.electronic and row.paper.receipt_ids == ("P-9",)
    assert "PAPER_MISSING" not in {f.code for f in row.findings}
    assert any(f.field == "paper" and "P-9" in f.message for f in row.findings)


# --------------------------------------------------------------------------- another project of a busy unit

def test_a_busy_units_receipt_for_another_project_is_no_candidate_and_the_application_lacks_paper():
    apps = [app("A", "湖南省物理学会", "湖南省节能环保科技创新联盟建设"),
            app("B", "湖南省物理学会", "第10届湖南物理学术论坛")]
    result = run(apps, [receipt("P-1", "湖南省物理学会", "第10届湖南物理学术论坛"),
                        receipt("P-2", "湖南省物理学会", "醴陵市楠竹产业学会服务站建设")])
    assert result.matches["B"].receipt_ids == ("P-1",)
    # P-2 names a third project: A's paper is missing and P-2's email is missing, both said.
    assert codes(result, "A") == ["PAPER_MISSING"] and only_codes(result) == [["ELECTRONIC_MISSING"]]


def test_a_lone_receipt_under_another_title_stays_a_candidate_in_doubt():
    result = run([app("A", "湖南省物理学会", "湖南省节能环保科技创新联盟建设")],
                 [receipt("P-1", "湖南省物理学会", "醴陵市楠竹产业学会服务站建设")])
    assert codes(result, "A") == ["NEEDS_REVIEW"] and result.pending == ("P-1",)


def test_a_doubted_project_name_keeps_a_busy_units_other_title_as_a_candidate():
    apps = [app("A", "湖南省物理学会", "湖南省节能环保科技创新联盟").model_copy(update={"project_doubted": True}),
            app("B", "湖南省物理学会", "第10届湖南物理学术论坛")]
    result = run(apps, [receipt("P-1", "湖南省物理学会", "第10届湖南物理学术论坛"),
                        receipt("P-2", "湖南省物理学会", "醴陵市楠竹产业学会服务站建设")])
    assert "PAPER_MISSING" not in codes(result, "A")


def test_a_form_whose_name_was_not_read_is_matched_by_the_project_its_mail_names() -> None:
    # The unit read, the name not (a poor scan); the unit has two receipts. The body names the
    # project: the receipt of that title is this form's, and the breakdown says where the name came from.
    guide = load_guide(Settings().rules_path())
    form = ExtractedForm(file="申报书（盖章扫描版）.docx", sha256="e" * 64,
                         fields=Fields(applicant_org="衡阳市科协", leader_name="冯秀英", funding_wan=8.0))
    body = "附件是衡阳市科协申报的“茶陵县蔬菜产业学会服务站建设”项目申报书，请查收。纸质版已邮寄。"
    sub = Submission(key=f"{4:064x}#0", kind="application", message=stored(4, 20), sender="hy@126.com",
                     subject="项目申报书", form=form, files=(FileRef(name=form.file, sha256=form.sha256, role="form"),),
                     mail=MailFacts(sender="hy@126.com", subject="项目申报书", body_snippet=body))
    receipts = (receipt("P-69", "衡阳市科协", "茶陵县蔬菜产业学会服务站建设项目"),
                receipt("P-29", "衡阳市科学技术协会（盖章）", "华容县脐橙科技服务站建设", received=date(2024, 4, 26)))
    verdict = validate([sub], Inputs(guide=guide, receipts=receipts), Numbering(ids={}, last_seq=0, year=2024),
                       today=AFTER)
    rows = {r.id: r for r in rows_from(verdict, verdict.ids)}
    assert rows["2024-0001"].paper.receipt_ids == ("P-69",)
    assert "按邮件所写的“茶陵县蔬菜产业学会服务站建设”计" in rows["2024-0001"].paper.explanation
    # The other receipt is paper only (its email never came).
    assert [r.paper.receipt_ids for r in rows.values() if not r.electronic] == [("P-29",)]
    # A mail of two forms: the one project it names may be the other form's, so it decides nothing.
    other = form.model_copy(update={"fields": form.fields.model_copy(update={"project_name": "华容县脐橙科技服务站建设"})})
    second = sub.model_copy(update={"key": f"{4:064x}#1", "form": other})
    verdict = validate([sub, second], Inputs(guide=guide, receipts=receipts),
                       Numbering(ids={}, last_seq=0, year=2024), today=AFTER)
    rows = {r.id: r for r in rows_from(verdict, verdict.ids)}
    assert rows["2024-0002"].paper.receipt_ids == ("P-29",) and rows["2024-0001"].paper.receipt_ids == ()
    # Without the body's word the two receipts stay candidates, neither given.
    bare = sub.model_copy(update={"mail": MailFacts(sender="hy@126.com", subject="项目申报书")})
    verdict = validate([bare], Inputs(guide=guide, receipts=receipts), Numbering(ids={}, last_seq=0, year=2024),
                       today=AFTER)
    rows = {r.id: r for r in rows_from(verdict, verdict.ids)}
    assert rows["2024-0001"].paper.receipt_ids == ()

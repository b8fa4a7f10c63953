"""The register's three steps on their own: a pure validate, the numbers, a pure rows-from."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from shenbao.record import (Evidence, ExtractedForm, Fields, MessageLocation, Receipt, StoredMessage,
                            Submission)
from shenbao.register import Inputs, Numbering, rows_from, validate
from shenbao.settings import Settings
from shenbao.validators.guide import Guide, load_guide

CST = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(Settings().rules_path())


def stored(n: int, minute: int) -> StoredMessage:
    return StoredMessage(sha256=f"{n:064x}", message_id=f"<m{n}@example.cn>",
                         internaldate=datetime(2024, 4, 10, 9, minute, tzinfo=CST),
                         location=MessageLocation(account="a", folder="INBOX", uidvalidity=1, uid=n), size=100)


def application(n: int, minute: int, *, org: str, project: str, subject: str = "申报",
                low_confidence: tuple[str, ...] = ()) -> Submission:
    fields = Fields(project_name=project, category="科技创新服务能力建设项目", subcategory="学术交流",
                    applicant_org=org, applicant_type="省级学会", leader_name="张三", leader_phone="13800000000",
                    contact_name="李四", contact_phone="13900000000", contact_email="a@b.cn", funding_wan=8.0,
                    start_date="2024-05", end_date="2024-12")
    evidence = {name: Evidence(file="申报书.docx", where="表1 第2行第2列", text=str(getattr(fields, name)),
                               confidence=0.6) for name in low_confidence}
    form = ExtractedForm(file="申报书.docx", sha256="f" * 64, fields=fields, evidence=evidence,
                         low_confidence=low_confidence)
    return Submission(key=f"{n:064x}#0", kind="application", message=stored(n, minute), sender=f"u{n}@x.cn",
                      subject=subject, form=form)


def other(n: int, minute: int) -> Submission:
    return Submission(key=f"{n:064x}#0", kind="other", message=stored(n, minute), sender="q@x.cn",
                      subject="咨询", other_reason="咨询")


def build(subs: list[Submission], guide: Guide, numbering: Numbering | None = None,
          receipts: tuple[Receipt, ...] = ()) -> list:  # type: ignore[type-arg]
    numbering = numbering or Numbering(ids={}, last_seq=0, year=2024)
    verdict = validate(subs, Inputs(guide=guide, receipts=receipts), numbering)
    return rows_from(verdict, verdict.ids)


def test_numbers_follow_arrival_not_the_order_submissions_come_in(guide: Guide) -> None:
    subs = [application(1, 30, org="湖南省甲学会", project="甲年会"), other(2, 10),
            application(3, 20, org="湖南省乙学会", project="乙年会")]
    rows = build(subs, guide)
    assert [(r.id, r.key[:4]) for r in rows] == [("2024-0001", f"{2:064x}"[:4]), ("2024-0002", f"{3:064x}"[:4]),
                                                  ("2024-0003", f"{1:064x}"[:4])]


def test_a_key_keeps_its_number_and_new_keys_continue_after_the_last_one(guide: Guide) -> None:
    first = application(1, 10, org="湖南省甲学会", project="甲年会")
    numbering = Numbering(ids={first.key: "2024-0007"}, last_seq=9, year=2024)
    rows = build([first, application(2, 20, org="湖南省乙学会", project="乙年会")], guide, numbering)
    assert [r.id for r in rows] == ["2024-0007", "2024-0010"]


def test_plan_is_what_assign_would_commit_and_changes_nothing_it_was_given() -> None:
    numbering = Numbering(ids={"a": "2024-0001"}, last_seq=1, year=2024)
    ids, after = numbering.plan(["b", "a", "c"])
    assert ids == {"b": "2024-0002", "a": "2024-0001", "c": "2024-0003"}
    assert after.last_seq == 3 and dict(numbering.ids) == {"a": "2024-0001"}


def test_paper_only_rows_are_numbered_after_every_emailed_row(guide: Guide) -> None:
    receipt = Receipt(receipt_id="P-001", received_on=date(2024, 4, 1), applicant_org="湖南省丙学会",
                      project_name="丙学会完全不同的项目", copies=3)
    rows = build([application(1, 10, org="湖南省甲学会", project="甲年会")], guide, receipts=(receipt,))
    assert [(r.id, r.electronic) for r in rows] == [("2024-0001", True), ("2024-0002", False)]
    assert "ELECTRONIC_MISSING" in {f.code for f in rows[1].findings}


def test_a_resend_supersedes_the_earlier_version_which_gets_no_rule_findings(guide: Guide) -> None:
    early = application(1, 10, org="湖南省甲学会", project="甲学会学术年会")
    late = application(2, 40, org="湖南省甲学会", project="甲学会学术年会", subject="申报（更正版）")
    late = late.model_copy(update={"sender": early.sender})
    rows = build([early, late], guide)
    assert rows[0].superseded_by == rows[1].id
    assert [f.code for f in rows[0].findings] == ["SUPERSEDED"]
    assert "SUPERSEDED" not in {f.code for f in rows[1].findings}


def test_a_replaced_versions_doubted_value_keeps_its_doubt_beside_superseded(guide: Guide) -> None:
    """Its values are still shown: an unflagged one would read as fact. No rule finding comes back."""
    early = application(1, 10, org="湖南省甲学会", project="甲学会学术年会", low_confidence=("leader_name",))
    early = early.model_copy(update={"form": early.form.model_copy(update={  # type: ignore[union-attr]
        "fields": early.form.fields.model_copy(update={"funding_wan": 99.0})})})  # type: ignore[union-attr]
    late = application(2, 40, org="湖南省甲学会", project="甲学会学术年会")
    rows = build([early, late], guide)
    assert rows[0].superseded_by == rows[1].id
    assert [(f.code, f.field) for f in rows[0].findings] == [("SUPERSEDED", None), ("NEEDS_REVIEW", "leader_name")]


def test_a_value_read_with_low_confidence_asks_a_person_naming_the_field_and_what_was_seen(guide: Guide) -> None:
    (row,) = build([application(1, 10, org="湖南省甲学会", project="甲年会", low_confidence=("leader_name",))], guide)
    review = [f for f in row.findings if f.code == "NEEDS_REVIEW"]
    assert [f.field for f in review] == ["leader_name"]
    assert "张三" in (review[0].evidence or "") and review[0].severity == "warning"


def test_a_value_read_with_confidence_asks_nothing(guide: Guide) -> None:
    (row,) = build([application(1, 10, org="湖南省甲学会", project="甲年会")], guide)
    assert "NEEDS_REVIEW" not in {f.code for f in row.findings}

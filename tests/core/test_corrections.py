"""Staff's corrections are the value of record: validation checks the corrected value, the
reading stays beside it, and a resend reading the same value takes the correction over."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shenbao.corrections import typed_to_value
from shenbao.record import Fields
from shenbao.register import Inputs, Numbering, rows_from, validate
from shenbao.settings import Settings
from shenbao.staff_input import StaffWord
from shenbao.validators.guide import Guide, load_guide
from tests.core.test_register import application

CST = timezone(timedelta(hours=8))
AT = datetime(2024, 5, 2, 9, 0, tzinfo=CST)
START = Numbering(ids={}, last_seq=0, year=2024)


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(Settings().rules_path())


def word(text: str | None) -> StaffWord:
    return StaffWord(text, AT, "register.xlsx 核对")


def codes(row: object) -> set[tuple[str, str | None]]:
    return {(f.code, f.field) for f in getattr(row, "findings")}


def test_a_corrected_missing_field_clears_the_finding_and_keeps_the_reading(guide: Guide) -> None:
    sub = application(1, 10, org="湖南省甲学会", project="甲年会")
    form = sub.form
    assert form is not None
    sub = sub.model_copy(update={"form": form.model_copy(update={
        "fields": form.fields.model_copy(update={"leader_phone": None})})})
    assert ("MISSING_FIELD", "leader_phone") in codes(rows_from(*_ids(validate([sub], Inputs(guide=guide), START)))[0])
    typed = {"2024-0001": {"leader_phone": word("13912345678")}}
    verdict = validate([sub], Inputs(guide=guide), START, corrections=typed)
    [row] = rows_from(verdict, verdict.ids)
    assert row.fields is not None and row.fields.leader_phone == "13912345678"
    assert ("MISSING_FIELD", "leader_phone") not in codes(row)
    done = verdict.corrections[sub.key]["leader_phone"]
    assert (done.read, done.corrected, done.row_id) == (None, "13912345678", "2024-0001")


def test_a_corrected_amount_over_the_limit_raises_the_finding(guide: Guide) -> None:
    sub = application(1, 10, org="湖南省甲学会", project="甲年会")
    verdict = validate([sub], Inputs(guide=guide), START, corrections={"2024-0001": {"funding_wan": word("12万元")}})
    [row] = rows_from(verdict, verdict.ids)
    assert row.fields is not None and row.fields.funding_wan == 12.0
    assert ("FUNDING_OUT_OF_RANGE", "funding_wan") in codes(row)


def test_a_correction_that_is_not_an_amount_is_not_applied(guide: Guide) -> None:
    sub = application(1, 10, org="湖南省甲学会", project="甲年会")
    verdict = validate([sub], Inputs(guide=guide), START, corrections={"2024-0001": {"funding_wan": word("很多")}})
    [row] = rows_from(verdict, verdict.ids)
    assert row.fields is not None and row.fields.funding_wan == 8.0
    assert not verdict.corrections[sub.key]["funding_wan"].applied


def test_a_corrected_doubtful_value_is_no_longer_doubted(guide: Guide) -> None:
    sub = application(1, 10, org="湖南省甲学会", project="甲年会", low_confidence=("contact_name",))
    assert ("NEEDS_REVIEW", "contact_name") in codes(rows_from(*_ids(validate([sub], Inputs(guide=guide), START)))[0])
    verdict = validate([sub], Inputs(guide=guide), START, corrections={"2024-0001": {"contact_name": word("李斯")}})
    assert ("NEEDS_REVIEW", "contact_name") not in codes(rows_from(verdict, verdict.ids)[0])


def test_a_resend_takes_a_correction_only_of_a_value_it_reads_the_same(guide: Guide) -> None:
    first = application(1, 10, org="湖南省甲学会", project="甲年会")
    again = application(2, 20, org="湖南省甲学会", project="甲年会")
    form = again.form
    assert form is not None
    fixed = again.model_copy(update={"form": form.model_copy(update={
        "fields": form.fields.model_copy(update={"contact_name": "王五"})})})
    typed = {"2024-0001": {"funding_wan": word("6"), "contact_name": word("赵六")}}
    verdict = validate([first, fixed], Inputs(guide=guide), START, corrections=typed)
    rows = {r.id: r for r in rows_from(verdict, verdict.ids)}
    assert rows["2024-0001"].superseded_by == "2024-0002"
    new = rows["2024-0002"].fields
    assert isinstance(new, Fields) and (new.funding_wan, new.contact_name) == (6.0, "王五")
    assert verdict.corrections[fixed.key]["funding_wan"].row_id == "2024-0001"
    own = validate([first, fixed], Inputs(guide=guide), START,
                   corrections={**typed, "2024-0002": {"funding_wan": word(None)}})
    assert rows_from(own, own.ids)[1].fields.funding_wan == 8.0  # type: ignore[union-attr]


def test_typed_values_read_as_the_field_reads_them() -> None:
    assert typed_to_value("funding_wan", "80000元") == 8.0
    assert typed_to_value("end_date", "2024年12月") == "2024-12"
    assert typed_to_value("partner_orgs", "甲学会、乙学会；丙学会") == ("甲学会", "乙学会", "丙学会")
    assert typed_to_value("project_name", "  年会 ") == "年会"


def _ids(verdict: object) -> tuple[object, object]:
    return verdict, getattr(verdict, "ids")

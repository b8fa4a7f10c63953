"""A form whose applying unit was not read takes the unit its covering letter names, in doubt."""

from __future__ import annotations

from shenbao.extractors.fields import unit_told_in_mail, with_unit_from_mail
from shenbao.record import ExtractedForm, Fields

LETTER = "您好！\n附件是湖南省微生物学会申报的“科创中国”湖南中心建设与运营项目申报书，请查收。\n联系人：魏建华"


def _form(**values: object) -> ExtractedForm:
    return ExtractedForm(file="扫描件.pdf", sha256="s", fields=Fields(**values))  # type: ignore[arg-type]


def test_a_form_without_its_unit_takes_the_one_the_letter_names_and_doubts_it() -> None:
    form = with_unit_from_mail(_form(project_name="“科创中国”湖南中心建设与运营"), LETTER)
    assert form.fields.applicant_org == "湖南省微生物学会"
    assert "applicant_org" in form.low_confidence and "邮件正文" in form.doubts["applicant_org"]
    assert form.evidence["applicant_org"].file == "邮件正文"


def test_a_unit_the_form_gives_is_kept_and_a_letter_naming_two_units_names_none() -> None:
    read = _form(applicant_org="湖南省生态学学会")
    assert with_unit_from_mail(read, LETTER) == read
    assert unit_told_in_mail("附件是湖南省A学会申报的“甲论坛”。\n另附湖南省B学会申报的“乙论坛”。") is None
    assert unit_told_in_mail("附件是项目申报书，请查收。") is None


def test_lead_in_words_before_the_unit_are_not_its_name() -> None:
    assert unit_told_in_mail("我单位湖南省微生物学会申报的“某论坛”项目")[0] == "湖南省微生物学会"
    assert unit_told_in_mail("长沙市科协推荐的湖南省物理学会申报的“某论坛”")[0] == "湖南省物理学会"

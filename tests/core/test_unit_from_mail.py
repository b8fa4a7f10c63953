"""A form whose applying unit was not read takes the unit its covering letter names, in doubt."""

from __future__ import annotations

from shenbao.extractors.fields import unit_told_in_mail, with_unit_from_mail
from shenbao.record import Evidence, ExtractedForm, Fields

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


def _scanned(unit: str, confidence: float, file: str = "扫描件.tif") -> ExtractedForm:
    return ExtractedForm(file=file, sha256="s", fields=Fields(applicant_org=unit),
                         evidence={"applicant_org": Evidence(file=file, where="第1页 第5行第2块", text=unit,
                                                             confidence=confidence)},
                         low_confidence=("applicant_org",), doubts={"applicant_org": "扫描识别把握不足"})


def test_a_scans_unit_read_without_the_place_the_mail_names_it_with_takes_the_mails_name() -> None:
    # A scan that lost the name's first characters: the file's name and the letter say it whole.
    read = _scanned("自然辩证法学会", 0.52, "湖南省自然辩证法学会2024年度科协项目申报书.tif")
    form = with_unit_from_mail(read, "附件是申报书，请查收。")
    assert form.fields.applicant_org == "湖南省自然辩证法学会"
    assert any("附件文件名" in n and "前没有地名" in n for n in form.notes)
    assert form.doubts == read.doubts and form.low_confidence == read.low_confidence  # its own doubt stays
    by_letter = with_unit_from_mail(_scanned("自然辩证法学会", 0.9), "附件是株洲市自然辩证法学会申报的“某论坛”")
    assert by_letter.fields.applicant_org == "株洲市自然辩证法学会"


def test_a_typed_unit_an_address_or_two_places_in_the_mail_keep_the_forms_name() -> None:
    typed = _scanned("自然辩证法学会", 1.0)
    assert with_unit_from_mail(typed, "附件是湖南省自然辩证法学会申报的“某论坛”") == typed
    whole = _scanned("湖南省自然辩证法学会", 0.9)
    assert with_unit_from_mail(whole, "附件是株洲市自然辩证法学会的申报书") == whole
    short = _scanned("自然辩证法学会", 0.9)
    assert with_unit_from_mail(short, "附件是自然辩证法学会的申报书") == short
    # Two places for it: which one is the unit's the mail does not say.
    assert with_unit_from_mail(short, "湖南省自然辩证法学会、株洲市自然辩证法学会联合申报") == short
    # A place before a university is its address, not its name.
    university = _scanned("中南大学科技园", 0.9)
    assert with_unit_from_mail(university, "附件是长沙市岳麓区中南大学科技园申报的“某论坛”") == university


def test_a_scans_unit_one_character_short_of_the_letters_is_doubted_not_changed() -> None:
    letter = "附件是湖南省标准化学会申报的“长株潭标准化防灾减灾学术交流会”项目申报书，请查收。"
    form = with_unit_from_mail(_scanned("湖南省标化学会", 0.97), letter)
    assert form.fields.applicant_org == "湖南省标化学会"
    assert "只差一个字" in form.doubts["applicant_org"] and "湖南省标准化学会" in form.doubts["applicant_org"]
    # Typed, no doubt; a name differing otherwise, or by two characters, is no such case.
    assert "applicant_org" not in with_unit_from_mail(
        ExtractedForm(file="a.docx", sha256="s", fields=Fields(applicant_org="湖南省标化学会"),
                      evidence={"applicant_org": Evidence(file="a.docx", where="表1", text="x")}), letter).doubts
    for other in ("湖南省标准比学会", "湖南省化学会"):
        assert "只差一个字" not in with_unit_from_mail(_scanned(other, 0.97), letter).doubts["applicant_org"]

"""The template's grey note rows kept under the fields they explain (注：项目名称应简明扼要…),
read off a scan as lines of their own: instructions, never a wrapped line of the value above
(the guide's 2024年12月底 is no end of the project's period); and a list of items marked in no
way the reader knows, with the item written before the project's name (【科技创新联盟建设】…)."""

from __future__ import annotations

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row


def _ocr(*texts: str) -> Row:
    return Row(cells=tuple(Cell(text=t, where="Word文件中的图片（image1.png） 第1页", score=0.99) for t in texts),
               source="ocr")


ITEMS = "科技创新服务能力建设项目：学术交流 科技创新联盟建设 “科创中国”试点城市建设 学会服务站建设"
FORM = (
    _ocr("一、基本情况"),
    _ocr("项目名称", "【科技创新联盟建设】湖南省菌菇产业科技创新联盟建设"),
    _ocr("注：项目名称应简明扼要，与申报内容相符，不超过30字。"),
    _ocr("项目类别", ITEMS),
    _ocr("申报单位", "湖南省气象学会（盖章）"),
    _ocr("注：填写申报单位全称，须与公章一致；联合申报的须注明牵头单位和参与单位。"),
    _ocr("申请经费", "壹拾万元整"),
    _ocr("注：学术交流、学会服务站建设5—10万元/个，科技创新联盟建设10—25万元/个。"),
    _ocr("起止时间", "2024年6月上旬至9月下旬"),
    _ocr("注：除指南特别注明完成时限的项目外，所有项目原则上应于2024年12月底前完成。"),
)


def _doc(*rows: Row) -> DocText:
    return DocText(file="申报书.docx", sha256="s", kind="docx", pages=1, ocr=True, rows=rows)


def test_a_note_line_under_a_field_is_no_part_of_its_value() -> None:
    pairs = {p.field: p.value_text for p in rows_to_pairs(_doc(*FORM), load_labels())}
    assert pairs["period"] == "2024年6月上旬至9月下旬" and pairs["funding"] == "壹拾万元整"
    assert pairs["applicant_org"] == "湖南省气象学会（盖章）"
    form = doctext_to_form(_doc(*FORM))
    assert form is not None and (form.fields.start_date, form.fields.end_date) == ("2024-06", "2024-09")
    assert form.fields.funding_wan == 10.0 and "funding_wan" not in form.doubts


def test_a_value_wrapped_onto_the_next_line_still_goes_on() -> None:
    rows = (_ocr("一、基本情况"), _ocr("申报单位", "湖南省气象学会、湖南省"), _ocr("土壤肥料学会"))
    pairs = {p.field: p.value_text for p in rows_to_pairs(_doc(*rows), load_labels())}
    assert pairs["applicant_org"] == "湖南省气象学会、湖南省\n土壤肥料学会"


def test_the_item_written_before_the_name_reads_an_unmarked_list_with_a_doubt() -> None:
    form = doctext_to_form(_doc(*FORM))
    assert form is not None
    assert (form.fields.category, form.fields.subcategory) == ("科技创新服务能力建设项目", "科技创新联盟建设")
    assert "项目名称前" in form.doubts["subcategory"] and "category" in form.doubts
    # An item the list does not show is not taken.
    other = tuple(_ocr("项目名称", "【学会制度机制建设】湖南省菌菇产业科技创新联盟建设") if k == 1 else r
                  for k, r in enumerate(FORM))
    form = doctext_to_form(_doc(*other))
    assert form is not None and form.fields.subcategory is None

"""A form written as running prose in a text PDF, its lines broken where the page ran out (a
label cut in two at a line's end, 联 | 系电话), its phone's area code in brackets right after
the label, its e-mail glued to its label before the sentence's stop, a footnote's number after
a value before the clause's stop, and the page printed with 行号."""

from __future__ import annotations

from shenbao.extractors.fields import doctext_to_form, footnotes
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row


def _line(text: str, y: float, x: float = 0.14) -> Row:
    return Row(cells=(Cell(text=text, where=f"第1页 第{round(y * 100)}行", page=1, box=(x, y, 0.9, y + 0.012)),),
               source="line")


LETTER = (
    _line("一、基本情况", 0.11),
    _line("湖南省地球物理学会申报“2024年湖南省地球物理高峰论坛¹”项目。申报单位类型为省级学会，项目类别为科技创新服务能", 0.15),
    _line("力建设项目中的“学术交流”。", 0.17),
    _line("项目负责人为叶伟（处长），手机17118548918；项目联系人为冯晓东（秘书），联", 0.20),
    _line("系电话（0731）41319356转2947（工作时间），电子邮箱wbgncz@126.com。", 0.21),
    _line("申请经费：伍万元整2；项目实施期限：2024年4月—2024年11月。", 0.24),
    _line("1 1 项目名称须与申报单位公章、正文及预算表一致。", 0.89, 0.07),
    _line("2 2 指申请省科协资助的经费，不含单位自筹经费。", 0.92, 0.07),
)


def _doc(*rows: Row) -> DocText:
    return DocText(file="申报书.pdf", sha256="s", kind="pdf", pages=1, rows=rows)


def test_a_label_the_line_break_cut_after_a_clause_is_read_whole() -> None:
    pairs = {(p.field, p.value_text) for p in rows_to_pairs(_doc(*LETTER), load_labels())}
    assert ("contact_name", "冯晓东（秘书），") in pairs
    assert ("contact_phone", "（0731）41319356转2947（工作时间），") in pairs
    assert ("contact_email", "wbgncz@126.com。") in pairs


def test_a_value_ending_the_line_keeps_a_label_like_tail_without_a_clause_stop() -> None:
    """Only a clause's start opens a label without its colon: 湖南省科技联 | 系电话… is no cut
    label (a unit's name goes on)."""
    rows = (_line("项目联系人为冯晓东，联系单位为湖南省科技联", 0.2), _line("系电话（0731）41319356", 0.21))
    pairs = rows_to_pairs(_doc(*rows), load_labels())
    assert not [p for p in pairs if p.field == "contact_phone"]


def test_the_prose_form_reads_each_person_and_drops_the_footnote_marks() -> None:
    form = doctext_to_form(_doc(*LETTER))
    assert form is not None
    f = form.fields
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("冯晓东", "0731-41319356转2947", "wbgncz@126.com")
    assert f.funding_wan == 5.0 and "funding_wan" not in form.doubts
    assert any("脚注" in note for note in form.notes)


def test_a_footnote_under_a_line_numbered_page_keeps_its_own_number() -> None:
    assert footnotes(_doc(*LETTER)) == {"1": "项目名称须与申报单位公章、正文及预算表一致。",
                                        "2": "指申请省科协资助的经费，不含单位自筹经费。"}


def test_a_period_of_months_before_the_sentences_stop_takes_the_titles_year() -> None:
    rows = (_line("2024年度湖南省科协科技创新服务能力提升计划项目申报书", 0.07), *LETTER[:5],
            _line("申请经费：伍万元整；项目实施期限：4月—11月。", 0.24))
    form = doctext_to_form(_doc(*rows))
    assert form is not None and (form.fields.start_date, form.fields.end_date) == ("2024-04", "2024-11")
    assert any("没有写年份" in note for note in form.notes)

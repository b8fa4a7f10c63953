"""distinct_forms: one application per project an email carries, whatever copies it sends."""

from __future__ import annotations

from shenbao.extraction import distinct_forms
from shenbao.record import ExtractedForm, Fields


def _form(file: str, **values: object) -> ExtractedForm:
    return ExtractedForm(file=file, sha256=file, fields=Fields(**values))  # type: ignore[arg-type]


def test_a_copy_with_no_value_read_adds_no_application_beside_a_read_one() -> None:
    read = _form("申报书.docx", project_name="第7届湖南海洋学术年会", applicant_org="湖南省海洋学会")
    unread = _form("申报书扫描件.pdf")  # titled and labelled, no value OCR could pair
    assert distinct_forms([unread, read]) == [read]
    assert distinct_forms([read, unread]) == [read]


def test_an_unread_form_alone_is_still_the_application_and_two_projects_stay_two() -> None:
    unread = _form("申报书扫描件.pdf")
    assert distinct_forms([unread]) == [unread]
    a = _form("a.docx", project_name="第7届湖南海洋学术年会")
    b = _form("b.docx", project_name="湖南省辣椒产业科技创新联盟建设")
    assert distinct_forms([a, b]) == [a, b]

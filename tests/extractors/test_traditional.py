"""Forms after 简转繁, and units typing their names in traditional characters, read as the
simplified form they are (extractors.traditional), while a simplified form keeps every
character its writer typed."""

from __future__ import annotations

from docx.document import Document as DocumentObject
import opencc

from shenbao.extraction import read_file_job
from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.traditional import simplified_doc, to_simplified, traditional_count
from shenbao.record import Cell, DocText, Row
from tests.builders.docx_quirks import docx_from
from tests.extractors.formdocs import l01_grid4, l05_grid6

_S2T = opencc.OpenCC("s2t")


def _traditional(doc: DocText) -> DocText:
    """`doc` as WPS's 简转繁 leaves it: every cell converted, labels and values alike."""
    rows = tuple(Row(cells=tuple(c.model_copy(update={"text": _S2T.convert(c.text)}) for c in r.cells),
                     source=r.source) for r in doc.rows)
    return doc.model_copy(update={"rows": rows})


def test_a_form_converted_to_traditional_reads_as_its_simplified_original() -> None:
    for layout in (l01_grid4, l05_grid6):
        original = doctext_to_form(layout())
        converted_doc = _traditional(layout())
        assert traditional_count(converted_doc.rows[5].cells[0].text + "項目名稱") > 0
        converted = doctext_to_form(converted_doc)
        assert original is not None and converted is not None, layout.__name__
        assert converted.fields == original.fields, layout.__name__
        assert any("繁体字" in n for n in converted.notes), converted.notes


def test_without_the_conversion_the_traditional_form_is_not_read() -> None:
    # The premise of the module: the label vocabulary is simplified.
    from shenbao.extractors import fields

    converted_doc = _traditional(l01_grid4())
    score = fields._score(converted_doc, fields.rows_to_pairs(converted_doc, fields.load_labels()))
    assert score < fields.FORM_THRESHOLD


def test_a_unit_typed_in_traditional_in_a_simplified_form_is_registered_simplified() -> None:
    doc = l01_grid4()
    rows = tuple(Row(cells=tuple(c.model_copy(update={"text": c.text.replace("湖南省自动化学会", "湖南省自動化學會")})
                                 for c in r.cells), source=r.source) for r in doc.rows)
    form = doctext_to_form(doc.model_copy(update={"rows": rows}))
    assert form is not None
    assert form.fields.applicant_org == "湖南省自动化学会"
    assert any("湖南省自動化學會" in n and "湖南省自动化学会" in n for n in form.notes), form.notes


def test_simplified_characters_that_opencc_would_change_are_kept() -> None:
    # OpenCC's t2s turns 於 into 于 and a lone 乾 into 干; both are also simplified characters
    # (a surname, 乾坤), so a form typed in simplified keeps them even when it is converted.
    assert to_simplified("於乾坤") == "於乾坤"
    assert to_simplified("負責人於乾坤") == "负责人於乾坤"
    assert traditional_count("於乾坤著名") == 0


def test_a_lone_variant_in_a_name_is_left_as_typed() -> None:
    # One traditional-only character in a simplified form is a name's own (李昇, 张峯), not 简转繁.
    doc = DocText(file="a.docx", sha256="0" * 64, kind="docx", rows=(
        Row(cells=(Cell(text="项目负责人", where="a"), Cell(text="李昇", where="b"))),
        Row(cells=(Cell(text="联系人", where="c"), Cell(text="张峯", where="d"))),
    ))
    assert simplified_doc(doc) is doc


def test_a_document_with_many_traditional_characters_is_converted_throughout() -> None:
    # Past the document threshold every cell is converted, a lone variant included.
    cells = [Cell(text=t, where=str(k)) for k, t in enumerate(("項目名稱", "聯繫電話", "申報單位", "負責人", "劉"))]
    doc = DocText(file="a.docx", sha256="0" * 64, kind="docx", rows=(Row(cells=tuple(cells)),))
    out = simplified_doc(doc)
    assert [c.text for c in out.rows[0].cells] == ["项目名称", "联系电话", "申报单位", "负责人", "刘"]
    assert out.rows[0].cells[0].where == "0"  # place kept: evidence still points at the cell


def test_a_real_docx_typed_in_traditional_is_read() -> None:
    def build(d: DocumentObject) -> None:
        d.add_paragraph("2024年度湖南省科協科技創新服務能力提升計劃項目申報書")
        d.add_paragraph("一、基本情況")
        table = d.add_table(rows=0, cols=2)
        for label, value in (("項目名稱", "湘江流域水環境治理學術研討會"), ("申報單位", "湖南省環境科學學會"),
                             ("項目類別", "■學術交流 □科技創新聯盟建設 □學會服務站建設"),
                             ("單位類型", "■省級學會 □市州科協 □高校科協"),
                             ("項目負責人", "歐陽紅"), ("聯繫電話", "13807311234"),
                             ("申請經費（萬元）", "8"), ("起止時間", "2024年5月至2024年12月")):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value

    data = docx_from(build)
    import hashlib

    result = read_file_job(data, "申報書.docx", "docx", hashlib.sha256(data).hexdigest())
    assert result.form is not None, result.problem
    f = result.form.fields
    assert f.project_name == "湘江流域水环境治理学术研讨会"
    assert f.applicant_org == "湖南省环境科学学会"
    assert f.subcategory == "学术交流"
    assert f.applicant_type == "省级学会"
    assert f.leader_name == "欧阳红"
    assert f.funding_wan == 8.0
    assert (f.start_date, f.end_date) == ("2024-05", "2024-12")

"""A label's unit in a cell of its own (申请经费 | （万元） | 5.5), as a PDF-to-Word converter's
grid of slivers leaves it: the unit is the label's, not the amount's value."""

from __future__ import annotations

import pytest

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row


@pytest.mark.parametrize("unit, value, wan", [("（万元）", "5.5", 5.5), ("(元)", "55000", 5.5),
                                             ("（单位：万元）", "55,000.00元", 5.5)])
def test_a_labels_unit_in_a_cell_of_its_own_is_the_labels(unit: str, value: str, wan: float) -> None:
    """申请经费 | （万元） | 5.5, a grid of slivers a PDF-to-Word converter made: the unit is
    the label's (the value's own unit, when it has one, says what it is)."""
    def row(n: int, *texts: str) -> Row:
        return Row(cells=tuple(Cell(text=t, where=f"表1 第{n}行第{k}列") for k, t in enumerate(texts, 1)))

    doc = DocText(file="申报书.docx", sha256="s", kind="docx", pages=0, ocr=False, rows=(
        row(1, "项目名称", "", "2024年湖南省稀土学术年会", ""), row(2, "申报单位", "", "湖南省稀土学会", ""),
        row(3, "申请经费", unit, value, ""), row(4, "起止时间", "", "2024年4月至2024年9月", "")))
    pairs = rows_to_pairs(doc, load_labels())
    funding = [p for p in pairs if p.field == "funding"]
    assert [p.value_text for p in funding] == [value] and unit.strip("（）()").split("：")[-1] in funding[0].raw_label
    form = doctext_to_form(doc)
    assert form is not None and form.fields.funding_wan == wan and "funding_wan" not in form.doubts

"""A form's grid read off a page as text lines (a scan's text layer, a PDF without rules) whose
labels stand in the middle of their cells' height: a value wrapped over two lines has its
first line above the label's and the rest below (…长株潭柑橘新材 | 项目名称 | 料应用学术论坛),
and an option list its first lines above the label (项目类别). The lines above are the value's
head; a line opening an option list is no wrapped line of a name above it."""

from __future__ import annotations

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row


def _line(n: int, y: float, *pieces: tuple[str, float]) -> Row:
    return Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行", page=1, box=(x, y, min(0.95, x + 0.018 * len(t)), y + 0.012))
                           for t, x in pieces), source="line")


ROWS = (
    _line(1, 0.11, ("一、基本情况", 0.11)),
    _line(2, 0.155, ("长株潭柑橘新材", 0.31)),
    _line(3, 0.163, ("项目名称", 0.11)),
    _line(4, 0.171, ("料应用学术论坛", 0.31)),
    _line(5, 0.19, ("科技创新服务能力建设项目：", 0.31)),
    _line(6, 0.203, ("☑学术交流 ☐科技创新联盟建设", 0.31)),
    _line(7, 0.216, ("☐学会服务站建设", 0.31)),
    _line(8, 0.224, ("项目类别", 0.11)),
    _line(9, 0.232, ("学会自身能力建设项目：", 0.31)),
    _line(10, 0.245, ("☐创新工程专业职称评审 ☐学会制度机制建设", 0.31)),
    _line(11, 0.27, ("申报单位", 0.11), ("湖南省生态环境发展研究中心", 0.31)),
    _line(12, 0.29, ("申请经费", 0.11), ("伍万元整", 0.31)),
)


def _doc(*rows: Row) -> DocText:
    return DocText(file="扫描件.pdf", sha256="s", kind="pdf", pages=1, rows=rows)


def test_a_value_wrapped_around_its_centred_label_is_read_whole() -> None:
    pairs = {p.field: p.value_text for p in rows_to_pairs(_doc(*ROWS), load_labels())}
    assert pairs["project_name"] == "长株潭柑橘新材料应用学术论坛"
    form = doctext_to_form(_doc(*ROWS))
    assert form is not None and form.fields.project_name == "长株潭柑橘新材料应用学术论坛"


def test_an_option_lists_lines_above_its_label_are_its_own() -> None:
    form = doctext_to_form(_doc(*ROWS))
    assert form is not None
    assert (form.fields.category, form.fields.subcategory) == ("科技创新服务能力建设项目", "学术交流")


def test_a_line_apart_from_the_label_or_out_of_its_column_is_no_head() -> None:
    # The line above ends a line's height before the label's: no part of its cell.
    apart = tuple(_line(2, 0.13, ("长株潭柑橘新材", 0.31)) if k == 1 else r for k, r in enumerate(ROWS))
    pairs = {p.field: p.value_text for p in rows_to_pairs(_doc(*apart), load_labels())}
    assert pairs["project_name"] == "料应用学术论坛"
    # … or stands in another column than the value's.
    aside = tuple(_line(2, 0.155, ("长株潭柑橘新材", 0.6)) if k == 1 else r for k, r in enumerate(ROWS))
    pairs = {p.field: p.value_text for p in rows_to_pairs(_doc(*aside), load_labels())}
    assert pairs["project_name"] == "料应用学术论坛"

"""A form whose labels are set 分散对齐 over a wide label column (项　　目　　名　　称) and whose
unit's name is spread over its cell one character at a time, read off a PDF's or OFD's text
lines: each character comes as a piece of its own at the wide gaps. The pieces of a label are
one label; the characters of a name are one name."""

from __future__ import annotations

from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row


def _line(n: int, *pieces: tuple[str, float]) -> Row:
    return Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行", page=1, box=(x, 0.1 + n * 0.02, x + 0.02 * len(t), 0.11 + n * 0.02))
                           for t, x in pieces), source="line")


def _spread(n: int, label: str, *value: tuple[str, float]) -> Row:
    return _line(n, *((ch, 0.11 + 0.037 * k) for k, ch in enumerate(label)), *value)


FORM = (
    _line(1, ("一、项目基本情况", 0.11)),
    _spread(2, "项目名称", ("：“高质量发展与天文创新发展学术研讨会”", 0.3)),
    _spread(3, "申报单位", *((ch, 0.3 + 0.115 * k) for k, ch in enumerate("湖南理工学院"))),
    _line(4, ("科学技术协会(公章)", 0.3)),
    _spread(5, "申请经费", ("￥65,000.00", 0.3)),
    _spread(6, "起止时间", ("2024年3月至12月", 0.3)),
)


def test_a_label_spread_one_character_a_piece_is_one_label() -> None:
    pairs = {p.field: p.value_text for p in rows_to_pairs(DocText(file="a.ofd", sha256="s", kind="ofd", pages=1,
                                                                    rows=FORM), load_labels())}
    assert pairs["project_name"] == "：“高质量发展与天文创新发展学术研讨会”"
    assert pairs["funding"] == "￥65,000.00" and pairs["period"] == "2024年3月至12月"


def test_a_units_name_spread_one_character_a_piece_is_one_name() -> None:
    form = doctext_to_form(DocText(file="a.ofd", sha256="s", kind="ofd", pages=1, rows=FORM))
    assert form is not None
    assert form.fields.applicant_org == "湖南理工学院科学技术协会"
    assert form.fields.project_name == "高质量发展与天文创新发展学术研讨会" and form.fields.funding_wan == 6.5


def test_pieces_that_spell_no_label_stay_apart() -> None:
    rows = (_line(1, ("一、项目基本情况", 0.11)), _spread(2, "项目名", ("湘江论坛", 0.3)), _spread(3, "申报单位", ("湖南省某学会", 0.3)))
    pairs = rows_to_pairs(DocText(file="a.ofd", sha256="s", kind="ofd", pages=1, rows=rows), load_labels())
    assert not [p for p in pairs if p.field == "project_name"]
    assert [p.value_text for p in pairs if p.field == "applicant_org"] == ["湖南省某学会"]


def _tight(n: int, y: float, *pieces: tuple[str, float]) -> Row:
    """An OFD's line: boxes of the font's height (0.021), lines 0.0097 apart."""
    return Row(cells=tuple(Cell(text=t, where=f"第2页 第{n}行", page=2, box=(x, y, x + 0.017 * len(t), y + 0.021))
                           for t, x in pieces), source="line")


def test_labels_a_narrow_column_wrapped_onto_tight_lines_are_read_whole() -> None:
    """项目 | 名称, 申报 | 单位 … 单位 | 类型, 项目负 | 责人 … 负责人 | 手机: each label's head on
    one line beside its value, its tail on the next, lines set closer than their boxes' height;
    two labels' heads a column apart on one line stay two labels."""
    rows = (
        _tight(1, 0.30, ("一、基本情况", 0.55)),
        _tight(2, 0.3203, ("项目", 0.5523), ("湖南省食品科技创新联盟建设。", 0.5844)),
        _tight(3, 0.33, ("名称", 0.5523)),
        _tight(4, 0.3794, ("申报", 0.5523), ("湖南省桥梁学会。", 0.5844), ("单位", 0.7531), ("☑省级学会 ☐市州科协", 0.7852)),
        _tight(5, 0.389, ("单位", 0.5523), ("类型", 0.7531), ("☐民非组织", 0.7852)),
        _tight(6, 0.40, ("项目负", 0.5523), ("梁慧", 0.5844), ("负责人", 0.7531), ("17780219094", 0.7852)),
        _tight(7, 0.41, ("责人", 0.5523), ("手机", 0.7531)),
    )
    pairs = {p.field: p.value_text for p in rows_to_pairs(DocText(file="a.ofd", sha256="s", kind="ofd", pages=2,
                                                                    rows=rows), load_labels())}
    assert pairs["project_name"] == "湖南省食品科技创新联盟建设。"
    assert pairs["applicant_org"] == "湖南省桥梁学会。" and pairs["applicant_type"].startswith("☑省级学会")
    assert pairs["leader_name"] == "梁慧" and pairs["leader_phone"] == "17780219094"


def test_a_dotted_name_spread_one_character_a_piece_is_one_name() -> None:
    name = "古丽米拉·阿不都热依木"
    rows = (_line(1, ("一、项目基本情况", 0.11)), _spread(2, "项目名称", ("湘江论坛", 0.3)),
            _spread(3, "申报单位", ("湖南省某学会", 0.3)),
            _spread(4, "联系人", *((ch, 0.3 + 0.06 * k) for k, ch in enumerate(name))),
            _spread(5, "联系电话", ("0733-48658916", 0.3)))
    pairs = {p.field: p.value_text for p in rows_to_pairs(DocText(file="a.ofd", sha256="s", kind="ofd", pages=1,
                                                                    rows=rows), load_labels())}
    assert pairs["contact_name"] == name and pairs["contact_phone"] == "0733-48658916"
    # Without a dot a name stops at four characters: 张 | 三 … | 李 | 四 are two values apart.
    assert _spread_out_names("张", "三") and not _spread_out_names("张三李四", "王")


def _spread_out_names(left: str, right: str) -> bool:
    from shenbao.extractors.pairs import _spread_out
    return _spread_out("contact_name", left, right)

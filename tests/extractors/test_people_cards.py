"""The leader's card beside the contact's, read off a page as lines (a scan of a Word form whose
two people tables stand side by side): a line naming the roles (项目负责人 | 项目联系人), then
lines holding both cards' labels and values. Each value goes to the card whose column its label
stands in; the title over the cards (项目负责人及联系人) is no value of the row above it."""

from __future__ import annotations

import io

import pytest

from shenbao.extractors.labels import load_labels
from shenbao.extractors.ocr_reader import image_to_doctext
from shenbao.extractors.pairs import rows_to_pairs
from shenbao.record import Cell, DocText, Row
from tests.builders.pdf_quirks import cjk_font_path, form_image


def _cell(text: str, x0: float | None = None, y: float = 0.5) -> Cell:
    box = (x0, y, x0 + 0.04 * len(text), y + 0.02) if x0 is not None else None
    return Cell(text=text, where="第1页", page=1 if box else None, box=box, score=0.99 if box else None)


def _doc(*rows: tuple[Cell, ...]) -> DocText:
    return DocText(file="扫描.pdf", sha256="s", kind="scan", pages=1, ocr=True,
                   rows=tuple(Row(cells=cells, source="ocr") for cells in rows))


def _pairs(doc: DocText) -> set[tuple[str, str]]:
    return {(p.field, p.value_text) for p in rows_to_pairs(doc, load_labels())}


# The leader's card at x 0.05–0.45, the contact's at 0.5–0.95 (labels at 0.05 and 0.5).
CARDS = (
    (_cell("项目负责人", 0.15), _cell("项目联系人", 0.6)),
    (_cell("姓名", 0.05), _cell("宋宏伟", 0.2), _cell("姓名", 0.5), _cell("学", 0.46), _cell("谭湘君", 0.65)),
    (_cell("职务/职称", 0.05), _cell("党组书记", 0.2), _cell("电话", 0.5), _cell("0731-69799701", 0.65)),
    (_cell("手机", 0.05), _cell("15460496147", 0.2), _cell("会", 0.46), _cell("（办）", 0.66)),
    (_cell("电子邮箱", 0.5), _cell("2658230138@qq.com", 0.65)),
)


def test_each_value_goes_to_the_card_its_label_stands_in() -> None:
    pairs = _pairs(_doc(*CARDS, (_cell("申请经费", 0.05), _cell("8万元", 0.2))))
    assert {("leader_name", "宋宏伟"), ("leader_phone", "15460496147"), ("contact_name", "谭湘君"),
            ("contact_phone", "0731-69799701"), ("contact_email", "2658230138@qq.com"), ("funding", "8万元")} <= pairs
    # A seal's lone characters between the cards, and the right card's wrapped text beside the
    # leader's phone, are no part of any value.
    assert not {v for f, v in pairs if f.startswith(("leader_", "contact_")) and ("学" in v or "办" in v)}
    assert not {f for f, _ in pairs if f.endswith("_name")} - {"leader_name", "contact_name"}


def test_a_label_alone_on_its_line_goes_by_its_column() -> None:
    """The leader's card one row longer: its e-mail alone on the last line is the leader's."""
    rows = (*CARDS[:4], (_cell("电子邮箱", 0.05), _cell("songhw@163.com", 0.2)))
    pairs = _pairs(_doc(*rows))
    assert ("leader_email", "songhw@163.com") in pairs and ("contact_email", "songhw@163.com") not in pairs


def test_without_places_only_lines_with_a_label_per_card_are_read_as_the_cards() -> None:
    """A picture's OCR in a Word file has no places: 姓名 | … | 姓名 | … goes by order, and a
    line with one label is read as any line is (its role by the label's default)."""
    def bare(*texts: str) -> tuple[Cell, ...]:
        return tuple(_cell(t) for t in texts)

    pairs = _pairs(_doc(bare("项目负责人", "项目联系人"), bare("姓名", "宋宏伟，男", "姓名", "学", "谭湘君"),
                        bare("职务/职称", "党组书记", "电话", "0731-69799701")))
    assert {("leader_name", "宋宏伟，男"), ("contact_name", "谭湘君"), ("contact_phone", "0731-69799701")} <= pairs
    assert ("contact_name", "宋宏伟，男") not in pairs


def test_the_title_over_the_cards_is_no_joint_unit() -> None:
    after_value = _pairs(_doc((_cell("联合申报单位", 0.05), _cell("无", 0.2)), (_cell("项目负责人及联系人", 0.3),),
                              *CARDS))
    alone = _pairs(_doc((_cell("联合申报单位", 0.05),), (_cell("项目负责人及联系人信息", 0.3),), *CARDS))
    for pairs in (after_value, alone):
        assert not {v for f, v in pairs if f in ("joint_orgs", "partner_orgs", "lead_org") and "负责人" in v}
        assert ("leader_name", "宋宏伟") in pairs
    # A unit's name wrapped onto the next line still goes on (no roles alone on it).
    wrapped = _pairs(_doc((_cell("联合申报单位", 0.05), _cell("湖南省海洋学会、湖南省", 0.2)), (_cell("湿地保护协会", 0.2),)))
    assert ("joint_orgs", "湖南省海洋学会、湖南省\n湿地保护协会") in wrapped


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")
def test_a_scan_of_the_cards_side_by_side_is_read_per_card() -> None:
    gap = "\u3000" * 4
    lines = ["一、基本情况", "项目名称　　湘江流域声景生态保护学术研讨会", "联合申报单位　　/", "项目负责人及联系人",
             f"　　项目负责人{gap}{gap}　项目联系人",
             f"姓名　　宋宏伟{gap}{gap}姓名　　谭湘君",
             f"职务　　理事长{gap}{gap}电话　　0731-69799701",
             f"手机　　15460496147{gap}　 电子邮箱　2658230138@qq.com"]
    out = io.BytesIO()
    form_image(lines, width=1400, line_height=60, font_size=30).save(out, format="PNG")
    pairs = _pairs(image_to_doctext(out.getvalue(), "扫描.png", "s"))
    assert {("leader_name", "宋宏伟"), ("leader_phone", "15460496147"), ("contact_name", "谭湘君"),
            ("contact_email", "2658230138@qq.com")} <= pairs, pairs
    assert not {v for f, v in pairs if f in ("joint_orgs", "partner_orgs") and "负责人" in v}



def test_a_title_pointing_to_the_annex_is_no_joint_unit() -> None:
    pairs = _pairs(_doc((_cell("联合申报单位", 0.05),), (_cell("项目负责人及联系人详见附表1", 0.3),),
                        (_cell("申请经费", 0.05), _cell("8万元", 0.2))))
    assert not {v for f, v in pairs if f in ("joint_orgs", "partner_orgs", "lead_org") and v}
    assert ("funding", "8万元") in pairs


def test_the_left_cards_value_wrapped_onto_the_next_line_goes_on() -> None:
    """袁德明同 | 志（副主席） 电话 …: a text PDF's line opening with the rest of the leader's
    name before the contact card's next label."""
    rows = (
        (_cell("项目负责人", 0.15), _cell("项目联系人", 0.6)),
        (_cell("姓名", 0.05), _cell("袁德明同", 0.2), _cell("姓名", 0.5), _cell("李娜", 0.65)),
        (_cell("志（副主席）", 0.2, 0.52), _cell("电话", 0.5, 0.52), _cell("0731-69799701", 0.65, 0.52)),
        (_cell("手机", 0.05, 0.54), _cell("15486651977", 0.2, 0.54)),
    )
    pairs = _pairs(_doc(*rows))
    assert ("leader_name", "袁德明同志（副主席）") in pairs and ("contact_phone", "0731-69799701") in pairs
    assert ("leader_phone", "15486651977") in pairs and ("contact_name", "李娜") in pairs

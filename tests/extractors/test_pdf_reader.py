"""PDF reader: text pages, table rows, quirks of real PDFs, and routing of pages to OCR."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from shenbao.extractors import ocr_reader, pdf_reader
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.ocr_reader import OcrPage
from shenbao.extractors.pdf_reader import pdf_to_doctext, score_text_quality
from shenbao.extractors.text_cleanup import text_for_matching
from shenbao.record import Cell, DocText, Row
from tests.builders.pdf_quirks import (
    GridCell,
    cid_garbage_pdf,
    cjk_font_path,
    combine,
    encrypt,
    fake_bold_page,
    form_image,
    image_pdf,
    pdf_from,
    red_seal_vector,
    rotated_text,
    ruled_table,
    spaced_page,
    text_page,
)

needs_cjk_font = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")


def _texts(doc: DocText) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in doc.rows]


def _all_text(doc: DocText) -> str:
    return "\n".join(" ".join(r) for r in _texts(doc))


def _form_table() -> bytes:
    cells = [
        GridCell(0, 0, "项目名称"), GridCell(0, 1, "湖南省青年科技人才论坛", colspan=3),
        GridCell(1, 0, "项目负责人", rowspan=2), GridCell(1, 1, "姓名"), GridCell(1, 2, "张三", colspan=2),
        GridCell(2, 1, "电话"), GridCell(2, 2, "13812345678", colspan=2),
        GridCell(3, 0, "申请经费"), GridCell(3, 1, "10万元"), GridCell(3, 2, "起止时间"),
        GridCell(3, 3, "2024年3月至12月"),
    ]
    table = ruled_table(cells, col_widths=[90, 110, 90, 160], top=700, white_rule_at_col=2)
    return pdf_from([combine(text_page(["一、基本情况"], top=740), table)])


# --------------------------------------------------------------------------- tables

def test_table_rows_pair_each_label_with_its_value() -> None:
    doc = pdf_to_doctext(_form_table(), "申报书.pdf", "sha")
    rows = _texts(doc)
    assert rows[0] == ["一、基本情况"]
    assert ["项目名称", "湖南省青年科技人才论坛"] in rows
    assert ["申请经费", "10万元", "起止时间", "2024年3月至12月"] in rows
    assert doc.kind == "pdf" and doc.pages == 1 and not doc.ocr


def test_a_row_spanning_label_is_repeated_on_each_row_it_covers() -> None:
    doc = pdf_to_doctext(_form_table(), "申报书.pdf", "sha")
    rows = [r for r in doc.rows if r.source == "table"]
    texts = [[c.text for c in r.cells] for r in rows]
    first = texts.index(["项目负责人", "姓名", "张三"])
    assert texts[first + 1] == ["项目负责人", "电话", "13812345678"]
    # The repeated label points at the merged cell's own place.
    assert rows[first + 1].cells[0].where == rows[first].cells[0].where
    assert rows[first].cells[0].where == "第1页 表1 第2行第1列"


def test_a_white_rule_does_not_split_a_value_cell() -> None:
    doc = pdf_to_doctext(_form_table(), "申报书.pdf", "sha")
    assert ["项目名称", "湖南省青年科技人才论坛"] in _texts(doc)


def test_every_cell_says_where_it_is() -> None:
    doc = pdf_to_doctext(_form_table(), "申报书.pdf", "sha")
    wheres = [c.where for r in doc.rows for c in r.cells]
    assert "第1页 第1行" in wheres
    assert "第1页 表1 第1行第2列" in wheres


def test_a_table_nested_in_a_cell_gives_its_own_rows_in_reading_order() -> None:
    outer = ruled_table([GridCell(0, 0, "项目名称"), GridCell(0, 1, "青年论坛"),
                         GridCell(1, 0, "人员信息", rowspan=4), GridCell(1, 1, "", rowspan=4),
                         GridCell(5, 0, "申请经费"), GridCell(5, 1, "10万元")],
                        col_widths=[90, 360], top=700)
    inner = ruled_table([GridCell(0, 0, "角色"), GridCell(0, 1, "姓名"), GridCell(0, 2, "电话"),
                         GridCell(1, 0, "负责人"), GridCell(1, 1, "张三"), GridCell(1, 2, "13812345678")],
                        col_widths=[80, 100, 150], row_height=26, x=160, top=660)
    rows = _texts(pdf_to_doctext(pdf_from([combine(outer, inner)]), "a.pdf", "sha"))
    assert rows == [["项目名称", "青年论坛"], ["人员信息", ""], ["角色", "姓名", "电话"],
                    ["负责人", "张三", "13812345678"], ["申请经费", "10万元"]]


# --------------------------------------------------------------------------- text quirks

def test_fake_bold_overprinting_is_read_once() -> None:
    data = pdf_from([fake_bold_page("项目名称：湖南省青年科技论坛")])
    assert _texts(pdf_to_doctext(data, "a.pdf", "sha")) == [["项目名称：湖南省青年科技论坛"]]


def test_fake_bold_on_a_page_without_form_labels_is_read_once() -> None:
    data = pdf_from([fake_bold_page("湖南省青年科技论坛会议纪要")])
    assert _texts(pdf_to_doctext(data, "a.pdf", "sha")) == [["湖南省青年科技论坛会议纪要"]]


def test_kangxi_and_supplement_radicals_come_out_as_ideographs() -> None:
    data = pdf_from([text_page(["申报⽇期：2024年", "⻘年科技论坛", "⾦额：10万元"])])
    text = _all_text(pdf_to_doctext(data, "a.pdf", "sha"))
    assert "申报日期" in text and "青年科技论坛" in text and "金额" in text


def test_ideographic_space_padding_after_a_label_still_matches() -> None:
    data = pdf_from([text_page(["项目名称\u3000：\u3000\u3000湖南省青年论坛\u3000\u3000"])])
    doc = pdf_to_doctext(data, "a.pdf", "sha")
    assert text_for_matching(" ".join(_texts(doc)[0])) == "项目名称:湖南省青年论坛"


def test_letter_spaced_han_label_is_joined() -> None:
    data = pdf_from([combine(spaced_page("申报单位", y=700), text_page(["项目名称：论坛"], top=650))])
    assert ["申报单位"] in _texts(pdf_to_doctext(data, "a.pdf", "sha"))


def test_rotated_seal_text_is_dropped_and_noted() -> None:
    page = combine(text_page(["申报单位意见：同意申报", "申报单位（盖章）"], top=700),
                   rotated_text("湖南省某某学会", x=300, y=400, angle=40),
                   rotated_text("专用章", x=330, y=380, angle=-35))
    doc = pdf_to_doctext(pdf_from([page]), "a.pdf", "sha")
    text = _all_text(doc)
    assert "学会" not in text and "专用章" not in text
    assert "同意申报" in text
    assert any("旋转文字" in n for n in doc.notes)


def test_a_page_drawn_entirely_rotated_is_content_and_kept() -> None:
    page = combine(rotated_text("项目名称：青年论坛", x=100, y=200, angle=90),
                   rotated_text("申报单位：某某学会", x=130, y=200, angle=90))
    doc = pdf_to_doctext(pdf_from([page]), "a.pdf", "sha")
    text = _all_text(doc)
    assert "青年论坛" in text and "某某学会" in text
    assert not any("旋转文字" in n for n in doc.notes)


# --------------------------------------------------------------------------- seal on text pages

def test_a_red_vector_seal_on_the_approval_page_is_present() -> None:
    page = combine(text_page(["申报单位意见：同意申报", "申报单位（盖章）"], top=700),
                   red_seal_vector(x=200, y=640))
    assert pdf_to_doctext(pdf_from([page]), "a.pdf", "sha").seal == "present"


def test_an_unstamped_electronic_form_has_no_seal() -> None:
    page = text_page(["申报单位意见：同意申报", "申报单位（盖章）"], top=700)
    assert pdf_to_doctext(pdf_from([page]), "a.pdf", "sha").seal == "absent"


# --------------------------------------------------------------------------- damaged and encrypted

def test_owner_password_only_pdf_opens_with_the_empty_password() -> None:
    data = encrypt(_form_table(), user_password="", owner_password="owner-secret")
    doc = pdf_to_doctext(data, "a.pdf", "sha")
    assert ["项目名称", "湖南省青年科技人才论坛"] in _texts(doc)


def test_user_password_pdf_is_unreadable_with_a_chinese_reason() -> None:
    data = encrypt(_form_table(), user_password="open-me", owner_password="owner-secret")
    with pytest.raises(UnreadableFile) as info:
        pdf_to_doctext(data, "a.pdf", "sha")
    assert info.value.reason == "PDF文件已加密（需要密码）"


def test_truncated_pdf_is_unreadable() -> None:
    data = _form_table()
    with pytest.raises(UnreadableFile) as info:
        pdf_to_doctext(data[: len(data) // 2], "a.pdf", "sha")
    assert info.value.reason == "PDF文件已损坏或不完整"


def test_bytes_that_are_not_a_pdf_are_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        pdf_to_doctext(b"%PDF-1.7\n garbage garbage \n%%EOF\n", "a.pdf", "sha")


def test_pages_beyond_the_cap_are_not_read_and_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    data = pdf_from([text_page([f"第{n}页内容"]) for n in range(1, 4)])
    doc = pdf_to_doctext(data, "a.pdf", "sha")
    assert doc.pages == 3
    assert "第3页内容" not in _all_text(doc)
    assert any("只读取了前2页" in n for n in doc.notes)


# --------------------------------------------------------------------------- text quality

def test_quality_scorer_accepts_a_chinese_form_page() -> None:
    q = score_text_quality("项目名称：湖南省青年科技论坛\n联系电话：13812345678 ☑学术交流 □其他（盖章）")
    assert not q.is_garbage and q.bad == 0


def test_quality_scorer_rejects_cid_codes_replacement_and_private_use_characters() -> None:
    assert score_text_quality("(cid:20)(cid:21)(cid:22)(cid:23)项目").is_garbage
    assert score_text_quality("\ufffd\ufffd\ufffd\ufffd项目").is_garbage
    assert score_text_quality("\ue001\ue002\ue003\ue004项目").is_garbage
    assert score_text_quality("\x14\x15\x16\x17项目").is_garbage


def test_quality_scorer_leaves_an_empty_page_to_the_character_count() -> None:
    q = score_text_quality("  \n ")
    assert q.chars == 0 and not q.is_garbage


def _fake_ocr(monkeypatch: pytest.MonkeyPatch, texts: dict[int, str], titles: dict[int, str] | None = None) -> list[int]:
    """Replace the OCR engine by canned text per page; return the list of pages OCRed."""
    seen: list[int] = []

    def fake_page(image: Image.Image, page_no: int) -> OcrPage:
        seen.append(page_no)
        cell = Cell(text=texts.get(page_no, f"第{page_no}页扫描内容"), where=f"第{page_no}页 第1行第1块")
        return OcrPage(rows=(Row(cells=(cell,), source="ocr"),), seal="unknown")

    def fake_title(image: Image.Image) -> str:
        return (titles or {}).get(_page_of(image), "")

    monkeypatch.setattr(ocr_reader, "ocr_page", fake_page)
    monkeypatch.setattr(ocr_reader, "ocr_title", fake_title)
    monkeypatch.setattr(ocr_reader, "looks_like_prose", lambda image: False)  # see _prose_pages
    return seen


def _page_of(image: Image.Image) -> int:
    # Scanned pages below are 100 + 20·n pixels wide at 200 dpi and render back at 200 dpi.
    return round((image.width - 100) / 20)


def _scanned_pages(count: int) -> bytes:
    return image_pdf([Image.new("RGB", (100 + 20 * n, 300), (255, 255, 255)) for n in range(1, count + 1)])


def test_cid_garbage_page_is_routed_to_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch, {1: "项目名称：青年论坛"})
    doc = pdf_to_doctext(cid_garbage_pdf(), "a.pdf", "sha")
    assert seen == [1]
    assert _texts(doc) == [["项目名称：青年论坛"]]
    assert doc.ocr and doc.kind == "scan"
    assert any("乱码" in n for n in doc.notes)


def test_cid_garbage_page_without_ocr_gives_no_rows_and_a_note() -> None:
    doc = pdf_to_doctext(cid_garbage_pdf(), "a.pdf", "sha", ocr=False)
    assert doc.rows == () and not doc.ocr
    assert any("未做OCR" in n for n in doc.notes)


def test_scanned_form_pages_are_ocred_up_to_the_review_box(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch, {1: "项目名称：青年论坛", 3: "一、基本情况",
                                   4: "六、市州科协审核意见 市州科协（盖章）"}, titles={2: "填报说明"})
    doc = pdf_to_doctext(_scanned_pages(8), "a.pdf", "sha")
    assert seen == [1, 3, 4]
    assert doc.kind == "scan" and doc.ocr and doc.pages == 8
    assert "第2页为填报说明，未OCR识别" in doc.notes
    assert any(n.startswith("第5–8页为扫描页") and "未识别" in n for n in doc.notes)


def test_ocr_stops_at_the_page_cap_keeping_a_slot_for_the_last_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_OCR_PAGES", 2)
    seen = _fake_ocr(monkeypatch, {})
    doc = pdf_to_doctext(_scanned_pages(4), "a.pdf", "sha")
    assert seen == [1, 4]
    assert any(n.startswith("第2–3页为扫描页") for n in doc.notes)


def test_a_long_scan_reads_its_first_pages_and_its_closing_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # 12 pages: cover, 填报说明, 基本情况 … 项目内容 prose … budget, 申报单位意见, 审核意见.
    seen = _fake_ocr(monkeypatch, {11: "申报单位意见：同意", 12: "六、市州科协审核意见 市州科协（盖章）"},
                     titles={2: "填报说明"})
    doc = pdf_to_doctext(_scanned_pages(12), "a.pdf", "sha")
    assert seen == [1, 3, 4, 10, 11, 12]
    assert any(n.startswith("第5–9页为扫描页") and "未识别" in n for n in doc.notes)
    assert ["申报单位意见：同意"] in _texts(doc)


def _prose_pages(monkeypatch: pytest.MonkeyPatch, prose: set[int]) -> list[int]:
    """Make the prose check say yes for these 1-based pages; return the pages it looked at."""
    looked: list[int] = []

    def fake(image: Image.Image) -> bool:
        looked.append(_page_of(image))
        return _page_of(image) in prose

    monkeypatch.setattr(ocr_reader, "looks_like_prose", fake)
    return looked


def test_a_long_scan_passes_over_its_prose_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    # 12 pages: cover, 填报说明, 基本情况, 项目内容 prose on 4–10, then budget + 申报单位意见, review.
    seen = _fake_ocr(monkeypatch, {11: "申报单位意见：同意", 12: "六、市州科协审核意见 市州科协（盖章）"},
                     titles={2: "填报说明"})
    looked = _prose_pages(monkeypatch, set(range(4, 11)))
    doc = pdf_to_doctext(_scanned_pages(12), "a.pdf", "sha")
    assert seen == [1, 3, 11, 12]
    assert looked == [2, 3, 4, 5, 10, 11]  # after two prose pages in a row, 6–9 are not looked at
    assert "第4–5、10页为大段叙述文字（项目内容等），不含表格栏目，未OCR识别" in doc.notes
    assert "第6–9页位于大段叙述文字中间，未OCR识别" in doc.notes


def test_a_short_scan_is_never_judged_prose(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch, {}, titles={2: "填报说明"})
    looked = _prose_pages(monkeypatch, set(range(1, 5)))
    pdf_to_doctext(_scanned_pages(4), "a.pdf", "sha")
    assert seen == [1, 3, 4] and looked == []


def test_a_scan_within_the_cap_is_read_page_after_page(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch, {}, titles={2: "填报说明"})
    pdf_to_doctext(_scanned_pages(7), "a.pdf", "sha")
    assert seen == [1, 3, 4, 5, 6, 7]


def test_a_scanned_page_in_a_text_pdf_is_ocred_and_the_text_pages_are_not(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _fake_ocr(monkeypatch, {2: "申报单位意见：同意"})
    text_pdf = pdf_from([text_page(["项目名称：青年论坛"]), text_page(["项目内容"])])
    writer = PdfWriter()
    for source in (text_pdf, _scanned_pages(2)):
        for page in PdfReader(io.BytesIO(source)).pages[:1]:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    doc = pdf_to_doctext(out.getvalue(), "a.pdf", "sha")
    assert seen == [2]
    assert _texts(doc) == [["项目名称：青年论坛"], ["申报单位意见：同意"]]
    assert doc.ocr and doc.kind == "scan"  # one of two pages read by OCR


# --------------------------------------------------------------------------- real OCR

@pytest.mark.slow
@needs_cjk_font
def test_image_only_pdf_is_ocred_with_the_phone_under_the_seal_read_in_full() -> None:
    lines = ["项目名称：青年科技人才论坛", "项目负责人：张三", "联系电话：13812345678", "申报日期：2024年4月20日"]
    data = image_pdf([form_image(lines, seal_over_line=2)])
    doc = pdf_to_doctext(data, "扫描件.pdf", "sha")
    assert doc.kind == "scan" and doc.ocr
    assert doc.seal == "present"
    flat = text_for_matching(_all_text(doc))
    assert "13812345678" in flat
    assert "项目名称" in flat and "青年科技人才论坛" in flat
    assert all(r.source == "ocr" for r in doc.rows)

"""Scanned forms: OCR line grouping, misread checkboxes and unreadable values (no OCR run;
the boxes are what the engine returns for the layouts seen on scans)."""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image, ImageDraw

from shenbao.extractors import ocr_reader
from shenbao.extractors.checkbox import misread_marks_to_glyphs
from shenbao.extractors.fields import choose_option, doctext_to_form
from shenbao.extractors.labels import load_labels
from shenbao.extractors.ocr_reader import OcrBox, boxes_to_rows, cut_row, read_boxes, reread_doubtful
from shenbao.extractors.pairs import starts_new_item
from shenbao.record import Cell, DocText, Row

TYPES = ["省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他"]


def _box(x0: float, y0: float, x1: float, y1: float, text: str, score: float = 0.99) -> OcrBox:
    return OcrBox(x0, y0, x1, y1, text, score)


def _texts(rows: list[Row]) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in rows]


def _ocr_doc(lines: list[list[str]]) -> DocText:
    rows = tuple(Row(cells=tuple(Cell(text=t, where=f"第1页 第{n}行第{k}块") for k, t in enumerate(line, 1)),
                     source="ocr") for n, line in enumerate(lines, 1))
    return DocText(file="扫描.pdf", sha256="x", kind="scan", rows=rows, pages=1, ocr=True)


# ----------------------------------------------------------------- line grouping

def test_a_label_printed_under_a_short_value_in_a_vertical_form_stays_its_own_line() -> None:
    # One item under another, lines 35 px apart and touching: the old wrapped-cell rule glued
    # "项目联系人" onto the leader's name and the next pairs onto that.
    boxes = [
        _box(229, 744, 390, 786, "项目负责人"),
        _box(228, 780, 423, 823, "姓名：王立新"), _box(474, 784, 737, 825, "职务/职称：秘书长"),
        _box(788, 788, 1059, 829, "手机：13912345678"),
        _box(228, 817, 390, 861, "项目联系人"),
        _box(227, 855, 424, 897, "姓名：赵敏"), _box(475, 857, 769, 900, "电话：0731-84561234"),
        _box(820, 862, 1159, 904, "邮箱：zm@example.cn"),
        _box(227, 890, 361, 934, "申请经费"),
        _box(225, 927, 323, 973, "5万元"),
        _box(226, 966, 421, 1008, "项目实施时间"),
        _box(226, 1006, 470, 1043, "2024-05~2024-12"),
        _box(200, 1083, 443, 1136, "二、项目内容"),
    ]
    rows = boxes_to_rows(boxes, page_no=3)
    assert _texts(rows) == [
        ["项目负责人"], ["姓名：王立新", "职务/职称：秘书长", "手机：13912345678"], ["项目联系人"],
        ["姓名：赵敏", "电话：0731-84561234", "邮箱：zm@example.cn"], ["申请经费"], ["5万元"],
        ["项目实施时间"], ["2024-05~2024-12"], ["二、项目内容"]]
    form = doctext_to_form(DocText(file="s.pdf", sha256="x", kind="scan", rows=(
        Row(cells=(Cell(text="项目名称：某某学会服务站建设", where="w"),), source="ocr"),
        Row(cells=(Cell(text="申报单位：湖南省某某学会", where="w"),), source="ocr"),
        Row(cells=(Cell(text="项目类别：☑学会服务站建设", where="w"),), source="ocr"),
        *rows), pages=1, ocr=True))
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone) == ("王立新", "13912345678")
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("赵敏", "0731-84561234", "zm@example.cn")
    assert f.funding_wan == 5.0
    assert (str(f.start_date), str(f.end_date)) == ("2024-05", "2024-12")


def test_a_label_and_a_heading_under_a_grid_label_are_not_glued_onto_it() -> None:
    boxes = [
        _box(230, 1000, 400, 1040, "申请经费（万元)"), _box(520, 1000, 560, 1040, "6"),
        _box(700, 1000, 820, 1040, "起止时间"), _box(900, 1000, 1300, 1040, "2024年3月—2024年11月"),
        _box(232, 1038, 300, 1078, "备注"),
        _box(225, 1076, 400, 1118, "二、项目内容"),
    ]
    assert _texts(boxes_to_rows(boxes, page_no=1)) == [
        ["申请经费（万元)", "6", "起止时间", "2024年3月—2024年11月"], ["备注"], ["二、项目内容"]]


def test_the_tail_of_a_wrapped_grid_value_is_still_joined() -> None:
    boxes = [
        _box(100, 100, 200, 140, "起止时间"), _box(260, 100, 560, 140, "2024年3月1日至2024年12"),
        _box(620, 100, 720, 140, "申请经费"), _box(760, 100, 800, 140, "6"),
        _box(262, 142, 400, 180, "月31日"),
    ]
    assert _texts(boxes_to_rows(boxes, page_no=1)) == [["起止时间", "2024年3月1日至2024年12月31日", "申请经费", "6"]]


def test_a_label_cell_wrapped_inside_the_label_is_still_joined() -> None:
    boxes = [
        _box(100, 100, 200, 140, "项 目"), _box(260, 100, 400, 140, "王立新"),
        _box(480, 100, 560, 140, "联系"), _box(600, 100, 720, 140, "赵敏"),
        _box(100, 142, 190, 180, "负责人"), _box(482, 142, 540, 180, "电话"),
    ]
    assert _texts(boxes_to_rows(boxes, page_no=1)) == [["项目负责人", "王立新", "联系电话", "赵敏"]]


def test_labels_headings_and_numbered_items_open_a_new_item_but_value_tails_do_not() -> None:
    labels = load_labels()
    for text in ("项目联系人", "申请经费（万元）", "姓名：赵敏", "二、项目内容", "（三）保障措施", "备注"):
        assert starts_new_item(text, labels), text
    for text in ("月31日", "建设", "运营 ☑学会服务站建设", "1.5万元", "6", ""):
        assert not starts_new_item(text, labels), text


# ----------------------------------------------------------------- checkboxes read by OCR

def test_checkbox_glyphs_misread_by_ocr_are_read_as_boxes() -> None:
    assert choose_option("团省级学会 口市州科协 口高校科协 口其他", TYPES, ocr=True) == ("省级学会", 1)
    assert choose_option("口省级学会 回市州科协 口其他", TYPES, ocr=True) == ("市州科协", 1)
    assert choose_option("口省级学会 口市州科协 V高校科协", TYPES, ocr=True) == ("高校科协", 1)
    assert choose_option("口学术交流 █学会服务站建设", ["学术交流", "学会服务站建设"], ocr=True) == ("学会服务站建设", 1)


def test_an_ocr_checklist_with_only_misread_empty_boxes_chooses_nothing() -> None:
    assert choose_option("口省级学会 口市州科协 口其他", TYPES, ocr=True) == (None, 0)


def test_misread_marks_are_not_taken_from_text_that_was_not_ocred() -> None:
    # In a typed document "口" is a character; the unit type is the one ☑ marks.
    assert choose_option("口省级学会 ☑市州科协", TYPES) == ("市州科协", 1)
    assert choose_option("团省级学会 口市州科协", TYPES) == (None, 2)


def test_box_characters_inside_ordinary_words_are_left_alone() -> None:
    assert misread_marks_to_glyphs("入口处 回执 团体", TYPES) == "入口处 回执 团体"
    assert misread_marks_to_glyphs("团省级学会口其他", TYPES) == "☑省级学会☐其他"


def test_a_unit_type_misread_as_boxes_on_a_scanned_form_is_read() -> None:
    doc = _ocr_doc([["项目名称", "某某学会服务站建设"], ["申报单位", "湖南省某某学会"],
                    ["项目类别", "☑学会服务站建设"], ["单位类型", "团省级学会 口市州科协 口高校科协 口其他"],
                    ["项目负责人", "王立新"], ["申请经费", "6万元"], ["起止时间", "2024年3月—2024年11月"]])
    form = doctext_to_form(doc)
    assert form is not None and form.fields.applicant_type == "省级学会"


# ----------------------------------------------------------------- cannot read ≠ missing

def test_a_scanned_value_that_could_not_be_read_is_none_and_flagged_for_review() -> None:
    doc = _ocr_doc([["项目名称", "某某学会服务站建设"], ["申报单位", "湖南省某某学会"],
                    ["项目类别", "☑学会服务站建设"], ["项目负责人", "王立新"],
                    ["申请经费", "~"], ["起止时间", "2024年3月—2024年11月"], ["联系人"]])
    form = doctext_to_form(doc)
    assert form is not None
    assert form.fields.funding_wan is None and form.fields.contact_name is None
    assert "funding_wan" in form.low_confidence and "contact_name" in form.low_confidence
    assert form.evidence["funding_wan"].where == "第1页 第5行第2块"
    notes = [n for n in form.notes if "请人工核对原件" in n]
    assert any("申请经费" in n and "~" in n for n in notes)
    assert any("联系人" in n and "内容为空或无法识别" in n for n in notes)
    # A field whose label the scan does not show at all cannot be told missing either: the row
    # may sit where the reader does not look.
    assert form.fields.contact_email is None and "没有找到“联系人邮箱”一栏" in form.doubts["contact_email"]
    # The validators learn which ones could not be read (no MISSING_FIELD for those).
    assert set(form.facts.unread) == {"funding_wan", "contact_name", "leader_phone", "contact_phone", "contact_email"}


def test_an_empty_value_on_a_typed_form_is_not_called_unreadable() -> None:
    doc = _ocr_doc([["项目名称", "某某学会服务站建设"], ["申报单位", "湖南省某某学会"],
                    ["项目类别", "☑学会服务站建设"], ["项目负责人", "王立新"], ["申请经费", ""],
                    ["起止时间", "2024年3月—2024年11月"]])
    typed = doc.model_copy(update={"ocr": False, "kind": "pdf",
                                   "rows": tuple(r.model_copy(update={"source": "table"}) for r in doc.rows)})
    form = doctext_to_form(typed)
    assert form is not None and form.fields.funding_wan is None
    assert "funding_wan" not in form.low_confidence and "funding_wan" not in form.facts.unread
    assert not any("申请经费" in n for n in form.notes)


# ----------------------------------------------------------------- engine calls

class _FakeEngine:
    """Stands in for rapidocr: a full run returns one garbled box; a recognition-only run
    returns the line's real text. Records the switches of every call."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    def __call__(self, img: Any, **switches: Any) -> Any:
        self.calls.append(switches)
        result = type("R", (), {})()
        if switches.get("use_det"):
            result.boxes = [[[10, 10], [600, 10], [600, 50], [10, 50]]]
            result.txts, result.scores = ("（",), (0.56,)
        else:
            result.boxes = None
            result.txts, result.scores = ("☑省级学会 □市州科协 □高校科协",), (0.91,)
        return result


def test_a_line_read_as_garbage_is_recognised_again_without_the_direction_classifier() -> None:
    engine = _FakeEngine()
    grey = np.full((80, 700, 3), 255, dtype=np.uint8)
    boxes = reread_doubtful(grey, read_boxes(grey, engine), engine)  # type: ignore[arg-type]
    assert [(b.text, b.score) for b in boxes] == [("☑省级学会 □市州科协 □高校科协", 0.91)]
    # Rapidocr keeps use_* switches once given, so a full run must restate all three.
    assert engine.calls == [dict(use_det=True, use_cls=True, use_rec=True),
                            dict(use_det=False, use_cls=False, use_rec=True)]


def test_a_well_read_box_is_not_read_again() -> None:
    engine = _FakeEngine()
    good = [_box(10, 10, 200, 50, "项目名称", 0.99)]
    assert reread_doubtful(np.zeros((60, 220, 3), dtype=np.uint8), good, engine) == good  # type: ignore[arg-type]
    assert engine.calls == []


# ----------------------------------------------------------------- cutting a page in two

def test_a_page_is_cut_on_a_blank_line_near_its_middle_not_through_text() -> None:
    image = Image.new("RGB", (1200, 2000), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.line((20, 0, 20, 1999), fill=(0, 0, 0), width=2)  # a table rule crosses every row
    text_rows = [(y, y + 40) for y in range(40, 1960, 58)]
    for top, bottom in text_rows:
        draw.rectangle((60, top, 1100, bottom), fill=(30, 30, 30))
    cut = cut_row(np.asarray(image))
    assert cut is not None and 800 <= cut <= 1200
    assert not any(top <= cut <= bottom for top, bottom in text_rows)


def test_a_page_with_no_blank_line_in_its_middle_is_not_cut() -> None:
    image = np.full((1000, 800, 3), 30, dtype=np.uint8)
    assert cut_row(image) is None


def test_a_small_image_is_read_in_one_piece_without_a_helper(monkeypatch: Any) -> None:
    seen: list[tuple[int, ...]] = []
    monkeypatch.setattr(ocr_reader, "read_boxes", lambda rgb, engine=None: seen.append(rgb.shape) or [])
    monkeypatch.setattr(ocr_reader, "_helper", lambda: (_ for _ in ()).throw(AssertionError("forked")))
    assert ocr_reader.page_boxes(np.full((300, 400, 3), 255, dtype=np.uint8)) == []
    assert seen == [(300, 400, 3)]


def test_a_photos_dark_margins_do_not_keep_it_from_being_cut() -> None:
    # A form photographed on a desk: the desk beside the sheet is dark in every row.
    image = Image.new("RGB", (1500, 2000), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 150, 1999), fill=(60, 55, 50))
    draw.rectangle((1350, 0, 1499, 1999), fill=(60, 55, 50))
    text_rows = [(y, y + 40) for y in range(40, 1960, 58)]
    for top, bottom in text_rows:
        draw.rectangle((200, top, 1300, bottom), fill=(30, 30, 30))
    cut = cut_row(np.asarray(image))
    assert cut is not None and 800 <= cut <= 1200
    assert not any(top <= cut <= bottom for top, bottom in text_rows)


def test_a_two_up_sheet_is_cut_down_its_gutter_and_a_wide_table_is_not() -> None:
    image = Image.new("RGB", (2000, 1400), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for y in range(60, 1340, 50):
        draw.rectangle((80, y, 940, y + 30), fill=(30, 30, 30))  # the left page's lines
        draw.rectangle((1060, y, 1920, y + 30), fill=(30, 30, 30))  # the right page's
    cut = ocr_reader.cut_column(np.asarray(image))
    assert cut is not None and 940 < cut < 1060
    # One table across the sheet: its rows' rules cross the middle, so no column is blank.
    for y in range(60, 1340, 50):
        draw.line((80, y + 40, 1920, y + 40), fill=(0, 0, 0), width=2)
    assert ocr_reader.cut_column(np.asarray(image)) is None


def test_a_picture_the_detector_would_enlarge_many_times_is_padded_with_paper(monkeypatch: Any) -> None:
    # A 360 × 72 signature: enlarged to a short side of 736 it was a page's worth of memory.
    seen: list[tuple[int, ...]] = []

    class Engine(_FakeEngine):
        def __call__(self, img: Any, **switches: Any) -> Any:
            seen.append(img.shape)
            return super().__call__(img, **switches)

    boxes = read_boxes(np.full((72, 360, 3), 255, dtype=np.uint8), Engine())  # type: ignore[arg-type]
    assert seen == [(736, 736, 3)]
    assert boxes[0].x0 == 10 and boxes[0].y1 == 50  # places on the picture as it was
    seen.clear()
    read_boxes(np.full((300, 1200, 3), 255, dtype=np.uint8), Engine())  # type: ignore[arg-type]
    assert seen == [(300, 1200, 3)]  # enlarged 2.5 times by the detector, as before


def _lines_page() -> np.ndarray:
    """A 2000 × 1400 page whose every row holds ink (lines set solid, no space between them,
    as a dense table's rows): lines 20 rows high, each drawn in a grey of its own so that a
    fake engine can tell which line it sees."""
    page = np.full((2000, 1400, 3), 250, dtype=np.uint8)
    for k, top in enumerate(_LINE_TOPS):
        page[top:top + 20, 200:1300] = 10 + k
    return page


_LINE_TOPS = range(20, 1960, 20)


def _fake_boxes(band: np.ndarray) -> list[OcrBox]:
    """What a detector finds on a band of _lines_page: each line, cut where the band cuts it."""
    column = band[:, 700, 0]
    boxes, start = [], None
    for y, value in enumerate([*column.tolist(), 250]):
        if start is not None and value != column[start]:
            boxes.append(OcrBox(200, start, 1300, y, f"L{int(column[start]) - 10}", 0.99))
            start = None
        if start is None and y < len(column) and column[y] < 128:
            start = y
    return boxes


def test_a_page_with_no_blank_row_is_read_in_two_overlapping_bands_each_line_once(monkeypatch: Any) -> None:
    page = _lines_page()
    assert cut_row(page) is None  # no row to cut at without cutting ink
    cut = ocr_reader.overlapping_cut_row(page)
    assert cut is not None and 700 <= cut <= 1300

    class Helper:
        def send(self, band: np.ndarray) -> bool:
            self.band = band
            return True

        def receive(self) -> list[OcrBox]:
            return _fake_boxes(self.band)

    monkeypatch.setattr(ocr_reader, "read_boxes", lambda rgb, engine=None: _fake_boxes(rgb))
    monkeypatch.setattr(ocr_reader, "_helper", lambda: Helper())
    boxes = ocr_reader.page_boxes(page)
    expected = {f"L{k}": (top, top + 20) for k, top in enumerate(_LINE_TOPS)}
    assert sorted(b.text for b in boxes) == sorted(expected)  # every line, none twice
    assert all((b.y0, b.y1) == expected[b.text] for b in boxes)  # whole, where the page has it


def test_a_page_too_low_for_two_bands_is_not_cut_through_ink() -> None:
    assert ocr_reader.overlapping_cut_row(np.zeros((1200, 800, 3), dtype=np.uint8)) is None

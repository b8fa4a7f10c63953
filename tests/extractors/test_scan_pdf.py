"""Scanned PDFs read end to end with the real OCR engine: a synthetic form page (a CJK font,
paper noise, a slight rotation and a red seal) put into an image-only PDF, and the two-core
page reading with its helper process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from shenbao.extractors import ocr_reader
from shenbao.extractors.fields import doctext_to_form
from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.execution import Isolated, run_isolated
from shenbao.record import DocText
from tests.builders.pdf_quirks import cjk_font_path, form_image, image_pdf

pytestmark = [pytest.mark.slow, pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed")]

# Wide enough for the engine to see separate boxes, as on a printed form's columns.
GAP = " " * 12
# A form written one item under another (label line, value line), lines touching, as the
# vertical layout scans are: the labels under short values must not be glued onto them.
VERTICAL_FORM = [
    "一、基本情况",
    "项目名称", "湘江流域学会服务站建设",
    "申报单位", "湖南省水利学会",
    "项目负责人", f"姓名：王立新{GAP}职务/职称：秘书长{GAP}手机：13912345678",
    "项目联系人", f"姓名：赵敏{GAP}电话：0731-84561234{GAP}邮箱：zm@example.cn",
    "申请经费", "5万元",
    "项目实施时间", "2024-05~2024-12",
    "二、项目内容",
    "建设目标。以服务水利产业发展为目标，建立专家团队。",
]


def scanned_page(lines: list[str], *, seed: int = 7, angle: float = 0.6) -> Image.Image:
    """An A4 page at 200 dpi as a scanner makes it: the text on off-white paper, a red seal
    over the name lines, grain, and the sheet turned a little."""
    body = form_image(lines, seal_over_line=4, width=1500, line_height=44, font_size=32)
    page = Image.new("RGB", (1654, 2339), (250, 249, 246))
    page.paste(body, (70, 160))
    rng = np.random.default_rng(seed)
    pixels = np.asarray(page, dtype=np.int16) + rng.normal(0, 9, (2339, 1654, 1)).astype(np.int16)
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    return noisy.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(250, 249, 246))


def test_a_sealed_noisy_vertical_layout_scan_reads_every_field() -> None:
    data = image_pdf([scanned_page(VERTICAL_FORM)])
    doc = pdf_to_doctext(data, "申报书扫描件.pdf", "sha")
    assert doc.ocr and doc.kind == "scan"
    form = doctext_to_form(doc)
    assert form is not None
    f = form.fields
    assert f.project_name == "湘江流域学会服务站建设"
    assert f.applicant_org == "湖南省水利学会"
    assert (f.leader_name, f.leader_phone) == ("王立新", "13912345678")
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("赵敏", "0731-84561234", "zm@example.cn")
    assert f.funding_wan == 5.0
    assert (str(f.start_date), str(f.end_date)) == ("2024-05", "2024-12")


def _read_in_two(image: Image.Image) -> tuple[list[str], int | None, int]:
    """Run in an isolated worker (one thread, as in production): the page's texts, the
    helper's pid and the worker's own pid."""
    texts = [b.text for b in ocr_reader.page_boxes(ocr_reader.ocr_input(image))]
    helper = ocr_reader._HELPER
    return texts, helper.pid if helper is not None else None, os.getpid()


def test_a_large_page_is_read_by_two_processes_and_loses_no_line() -> None:
    lines = [f"第{n}项 申请经费{n}万元" for n in range(1, 31)]
    image = form_image(lines, width=1654, line_height=70, font_size=34)
    assert image.width * image.height >= 1_500_000
    result = run_isolated(_read_in_two, image, timeout=300)
    assert not isinstance(result, Isolated), result
    texts, helper_pid, worker_pid = result
    assert helper_pid is not None and helper_pid != worker_pid
    joined = "".join(texts)
    for n in range(1, 31):
        assert f"{n}万元" in joined, n


def _read_after_helper_died(image: Image.Image) -> tuple[list[str], bool]:
    helper = ocr_reader._helper()
    assert helper is not None
    os.kill(helper.pid, 9)
    os.waitpid(helper.pid, 0)
    texts = [b.text for b in ocr_reader.page_boxes(ocr_reader.ocr_input(image))]
    return texts, ocr_reader._HELPER is helper


def test_a_page_is_still_read_in_full_when_the_helper_has_died() -> None:
    lines = [f"第{n}项 申请经费{n}万元" for n in range(1, 31)]
    result = run_isolated(_read_after_helper_died, form_image(lines, width=1654, line_height=70, font_size=34),
                          timeout=300)
    assert not isinstance(result, Isolated), result
    texts, same_helper = result
    joined = "".join(texts)
    assert all(f"{n}万元" in joined for n in range(1, 31))
    assert not same_helper  # the dead helper was let go


def _start_helper_and_hang(pid_file: str) -> None:
    helper = ocr_reader._helper()
    assert helper is not None
    Path(pid_file).write_text(str(helper.pid))
    time.sleep(600)  # a parser stuck on a hostile file


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie waits only for its reaper


def test_a_file_read_killed_for_its_timeout_takes_its_ocr_helper_with_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "helper.pid"
    result = run_isolated(_start_helper_and_hang, str(pid_file), timeout=20)
    assert isinstance(result, Isolated) and "超时" in result.reason
    helper_pid = int(pid_file.read_text())
    deadline = time.monotonic() + 20
    while _alive(helper_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(helper_pid)


INSTRUCTIONS = ["填 报 说 明", "1.本申报书适用于2024年度湖南省科协科技创新服务能力提升计划项目申报。",
                "2.申报书各栏目须如实填写，项目名称、申报单位应与申报通知一致。"]


def test_the_title_reader_names_the_instructions_page_and_a_form_page_apart() -> None:
    instructions = ocr_reader.ocr_title(scanned_page(INSTRUCTIONS))
    form = ocr_reader.ocr_title(scanned_page(VERTICAL_FORM))
    assert "填报说明" in instructions.replace(" ", "")
    assert "基本情况" in form and "填报说明" not in form.replace(" ", "")


def test_title_lines_are_found_by_their_ink_and_rules_are_not_lines() -> None:
    strip = np.full((300, 1000), 250, dtype=np.uint8)
    strip[20:22, 50:950] = 0      # a table rule: two rows of ink, not a line of text
    strip[40:80, 300:700] = 30     # the title
    strip[120:150, 100:900] = 30   # the first line under it
    bands = ocr_reader.title_bands(strip)
    assert bands == [(40, 80, 300, 700), (120, 150, 100, 900)]


def test_a_scanned_instructions_page_is_skipped_and_said_so() -> None:
    data = image_pdf([scanned_page(VERTICAL_FORM[:5]), scanned_page(INSTRUCTIONS), scanned_page(VERTICAL_FORM[5:])])
    doc = pdf_to_doctext(data, "申报书扫描件.pdf", "sha")
    text = " ".join(c.text for r in doc.rows for c in r.cells)
    assert "本申报书适用于" not in text
    assert any("第2页为填报说明" in n for n in doc.notes)
    assert "项目负责人" in text


def test_a_page_of_running_text_is_told_from_a_form_page() -> None:
    sentence = "围绕学术交流与科普服务开展工作，组织专家研讨、整理成果、形成报告，覆盖全省十四个市州。"
    text = sentence * 20
    prose = [text[k * 44:(k + 1) * 44] for k in range(30)]  # 30 lines as wide as the column
    assert ocr_reader.looks_like_prose(scanned_page(prose))
    assert not ocr_reader.looks_like_prose(scanned_page(VERTICAL_FORM))
    assert not ocr_reader.looks_like_prose(scanned_page(INSTRUCTIONS))


def _opencv_threads() -> int:
    import cv2

    return int(cv2.getNumThreads())


def test_opencv_never_starts_its_thread_pool_where_scans_are_read() -> None:
    # The OCR helper is forked from the reader: a pool thread holding its lock at that moment
    # would leave the helper waiting in cv2 for good (seen once, until the 300 s timeout).
    assert _opencv_threads() == 1
    assert run_isolated(_opencv_threads, timeout=60) == 1


OPINIONS = ["四、申报单位意见", "经理事会审议通过，同意申报。", "（单位盖章）", "五、市州科协审核意见", "（市州科协盖章）",
            "年  月  日"]


def test_a_scan_fed_the_wrong_way_round_is_read_past_its_opinion_page() -> None:
    # The opinion boxes close the form; on a scan whose pages came out reversed they come first,
    # and the form's first part is still to be read after them.
    data = image_pdf([scanned_page(OPINIONS), scanned_page(VERTICAL_FORM)])
    doc = run_isolated(pdf_to_doctext, data, "申报书扫描件.pdf", "sha", timeout=300)
    assert isinstance(doc, DocText)
    form = doctext_to_form(doc)
    assert form is not None
    assert (form.fields.project_name, form.fields.applicant_org) == ("湘江流域学会服务站建设", "湖南省水利学会")
    assert any("第1–2页为扫描页，已OCR识别" in n for n in doc.notes)


def _read_two_up(image: Image.Image) -> tuple[list[tuple[str, float]], int | None]:
    boxes = ocr_reader.page_boxes(ocr_reader.ocr_input(image))
    helper = ocr_reader._HELPER
    return [(b.text, b.x0) for b in boxes], helper.pid if helper is not None else None


def test_a_two_up_landscape_sheet_is_read_in_two_halves_and_loses_no_line() -> None:
    # Two pages printed on one landscape sheet: no blank row leaves a detector's worth of rows
    # on each side, so the sheet is cut down its gutter; each half is read by one process.
    left = form_image([f"左页第{n}行经费{n}万元" for n in range(1, 17)], width=1000, line_height=80, font_size=34)
    right = form_image([f"右页第{n}行经费{n}万元" for n in range(1, 17)], width=1000, line_height=80, font_size=34)
    sheet = Image.new("RGB", (2100, max(left.height, right.height)), (255, 255, 255))
    sheet.paste(left, (0, 0))
    sheet.paste(right, (1100, 0))
    result = run_isolated(_read_two_up, sheet, timeout=300)
    assert not isinstance(result, Isolated), result
    boxes, helper_pid = result
    assert helper_pid is not None
    joined = "".join(text for text, _ in boxes)
    for n in range(1, 17):
        assert f"左页第{n}行" in joined and f"右页第{n}行" in joined, n
    assert all(x >= 1000 for text, x in boxes if text.startswith("右页"))  # placed on the sheet, not the half

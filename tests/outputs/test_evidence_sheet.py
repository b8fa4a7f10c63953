"""The 核对 sheet: one line per flagged value, the picture of the place it was read anchored in
its row, and the staff's 核对结果 / 更正值 kept across rewrites."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Box, Evidence, FileRef, Finding, RegisterRow
from shenbao.extractors import convert
from shenbao.outputs.check_sheet import check_lines
from shenbao.outputs.labels_zh import load_register_words
from shenbao.register_files import EVIDENCE_DIR, evidence_pictures
from shenbao.store import Store
from tests.outputs.rows import application_row

PAGE_W, PAGE_H = A4
# The value's place on page 2, in points from the page's bottom-left corner (reportlab's origin).
VALUE_X, VALUE_Y, VALUE_W, VALUE_H = 60.0, 640.0, 200.0, 36.0
# The same place as fractions from the top-left corner: what a reader records as Evidence.box.
BOX: Box = (VALUE_X / PAGE_W, 1 - (VALUE_Y + VALUE_H) / PAGE_H,
            (VALUE_X + VALUE_W) / PAGE_W, 1 - VALUE_Y / PAGE_H)
BLUE, GREEN = (0, 0, 255), (0, 200, 0)


def form_pdf() -> bytes:
    """Two pages. Page 2 holds the value (a blue block beside its label, in BOX); green marks
    the places a wrong crop would land: the same box on page 1, and the box mirrored top to
    bottom on page 2 (y measured from the wrong edge)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(60, 760, "湖南省科协项目申报书（第1页）")
    pdf.setFillColorRGB(0, 200 / 255, 0)
    pdf.rect(VALUE_X, VALUE_Y, VALUE_W, VALUE_H, stroke=0, fill=1)
    pdf.showPage()
    pdf.setFont("STSong-Light", 12)
    pdf.setFillColorRGB(0, 0, 0)
    pdf.drawString(60, 700, "申请经费（万元）")
    pdf.setFillColorRGB(0, 0, 1)
    pdf.rect(VALUE_X + 110, VALUE_Y, VALUE_W - 110, VALUE_H, stroke=0, fill=1)
    pdf.rect(VALUE_X, VALUE_Y, 100, VALUE_H, stroke=0, fill=1)
    pdf.setFillColorRGB(0, 200 / 255, 0)
    pdf.rect(VALUE_X, PAGE_H - VALUE_Y - VALUE_H, VALUE_W, VALUE_H, stroke=0, fill=1)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def flagged_row(sha: str, row_id: str = "2024-0007", kind: str = "pdf", name: str = "申报书.pdf",
                page: int | None = 2, box: Box | None = BOX) -> RegisterRow:
    return application_row(
        row_id,
        files=(FileRef(name=name, sha256=sha, role="form", origin="附件", kind=kind),),  # type: ignore[arg-type]
        evidence={"funding_wan": Evidence(file=name, where="第2页 第3行", text="申请经费（万元） 12",
                                          confidence=0.55, sha256=sha, page=page, box=box)},
        findings=(Finding(code="NEEDS_REVIEW", severity="warning", field="funding_wan",
                          message="申请经费识别不确定，请核对"),),
    )


def checks_sheet(path: Path) -> Worksheet:
    return load_workbook(path)["核对"]


def column(ws: Worksheet, title: str) -> int:
    return [c.value for c in ws[1]].index(title) + 1


def line_of(ws: Worksheet, row_id: str, field: str) -> int:
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == row_id and ws.cell(r, column(ws, "字段")).value == field:
            return r
    raise AssertionError(f"({row_id}, {field}) not on {ws.title}")


def rgb_pixels(image: Image.Image) -> list[tuple[int, int, int]]:
    data = image.convert("RGB").tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def colour_share(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 40) -> float:
    pixels = rgb_pixels(image)
    near = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, colour)))
    return near / len(pixels)


def write(tmp_path: Path, rows: list[RegisterRow], store: Store) -> Path:
    return write_register(rows, tmp_path / "out" / "register.xlsx", evidence_pictures=evidence_pictures(rows, store))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "data") as opened:
        yield opened  # type: ignore[misc]


def test_a_flagged_value_shows_the_picture_of_its_page_region_in_its_row(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    ws = checks_sheet(write(tmp_path, [flagged_row(sha)], store))
    line = line_of(ws, "2024-0007", "申请经费")
    assert ws.cell(line, column(ws, "读取值")).value == "12"
    assert "需人工核对" in ws.cell(line, column(ws, "问题（原因）")).value
    assert "第2页" in ws.cell(line, column(ws, "原件位置")).value
    images = ws._images
    assert len(images) == 1
    anchor = images[0].anchor._from
    assert (anchor.row + 1, anchor.col + 1) == (line, column(ws, "原件截图"))
    picture = Image.open(io.BytesIO(images[0]._data()))
    assert 400 <= picture.width <= 600
    # The picture is the value's region of page 2: the blue block dominates, nothing green
    # (page 1, or the box measured from the bottom edge) is in it.
    counts = Counter(p for p in rgb_pixels(picture) if p != (255, 255, 255))
    assert colour_share(picture, BLUE) > 0.15
    assert max(counts, key=lambda p: counts[p]) == BLUE
    assert colour_share(picture, GREEN) < 0.001
    assert ws.row_dimensions[line].height >= picture.height * 0.75


def test_the_picture_has_the_blue_block_where_the_page_render_has_it(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    picture = Image.open(evidence_pictures([flagged_row(sha)], store)[(sha, 2, BOX)])  # type: ignore[arg-type]
    # The block sits in the middle band of the picture (context above and below, none clipped):
    # its rows are the blue rows of the picture.
    blue_rows = [y for y in range(picture.height)
                 if colour_share(picture.crop((0, y, picture.width, y + 1)), BLUE) > 0.2]
    assert blue_rows and blue_rows[0] > 0 and blue_rows[-1] < picture.height - 1
    assert 0.2 < (blue_rows[-1] - blue_rows[0]) / picture.height < 0.8


def test_pictures_are_cached_in_the_store_and_not_rendered_again(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    first = evidence_pictures([flagged_row(sha)], store)[(sha, 2, BOX)]
    assert isinstance(first, Path) and first.is_relative_to(store.root / EVIDENCE_DIR)
    store.blob_path(sha).unlink()  # only the cache can give the picture now
    assert evidence_pictures([flagged_row(sha)], store)[(sha, 2, BOX)] == first


def test_staff_verdict_and_correction_survive_a_rewrite_keyed_by_id_and_field(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    first = write(tmp_path, [flagged_row(sha)], store)
    wb = load_workbook(first)
    ws = wb["核对"]
    line = line_of(ws, "2024-0007", "申请经费")
    ws.cell(line, column(ws, "核对结果")).value = "有误"
    ws.cell(line, column(ws, "更正值")).value = "15"
    wb.save(first)

    # An earlier row with flagged values comes in: the line moves down, the staff input follows it.
    earlier = flagged_row(sha, "2024-0003").model_copy(update={"findings": (
        Finding(code="MISSING_FIELD", severity="error", field="leader_name", message="缺少负责人"),
        Finding(code="NEEDS_REVIEW", severity="warning", field="funding_wan", message="申请经费识别不确定"),
    )})
    ws = checks_sheet(write(tmp_path, [earlier, flagged_row(sha)], store))
    line = line_of(ws, "2024-0007", "申请经费")
    assert line == 4
    assert ws.cell(line, column(ws, "核对结果")).value == "有误"
    assert ws.cell(line, column(ws, "更正值")).value == "15"
    assert ws.cell(line_of(ws, "2024-0003", "申请经费"), column(ws, "核对结果")).value is None
    assert ws.cell(line_of(ws, "2024-0003", "负责人"), column(ws, "读取值")).value == "张三"


def test_a_correction_is_kept_when_its_value_is_no_longer_flagged(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    first = write(tmp_path, [flagged_row(sha)], store)
    wb = load_workbook(first)
    ws = wb["核对"]
    ws.cell(2, column(ws, "核对结果")).value = "有误"
    ws.cell(2, column(ws, "更正值")).value = "15"
    wb.save(first)
    unflagged = flagged_row(sha).model_copy(update={"findings": ()})
    for _ in range(2):  # marked once, however often it is carried
        ws = checks_sheet(write(tmp_path, [unflagged], store))
    assert [c.value for c in ws[2]][:4] == ["2024-0007", "湖南省某某学会", "申请经费", "12"]
    assert ws.cell(2, column(ws, "更正值")).value == "15"
    assert ws.cell(2, column(ws, "问题（原因）")).value.count("不再标记") == 1
    assert ws.max_row == 2


def test_the_verdict_column_offers_the_two_choices(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    ws = checks_sheet(write(tmp_path, [flagged_row(sha)], store))
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].formula1 == '"正确,有误"'
    letter = ws.cell(1, column(ws, "核对结果")).column_letter
    assert f"{letter}2" in str(validations[0].sqref)


def word_form(project: str, twice: bool = False) -> bytes:
    """A 申报书 table: 项目名称 with its value in a blue cell; a green cell far below (a crop of
    the wrong place would show it). `twice`: the value also occurs in a paragraph, unlabelled."""
    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "申报单位", "湖南省某某学会"
    table.cell(1, 0).text, table.cell(1, 1).text = "项目名称", project
    table.cell(1, 1)._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="0000FF"/>'))
    for _ in range(25):
        doc.add_paragraph("")
    other = doc.add_table(rows=1, cols=1)
    other.cell(0, 0).text = "备注"
    other.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="00C800"/>'))
    if twice:
        doc.add_paragraph(project)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def word_row(sha: str, project: str) -> RegisterRow:
    return application_row(
        files=(FileRef(name="申报书.docx", sha256=sha, role="form", origin="附件", kind="docx"),),
        evidence={"project_name": Evidence(file="申报书.docx", where="表1 第2行第2列", text=f"项目名称：{project}",
                                           sha256=sha)},
        findings=(Finding(code="NEEDS_REVIEW", severity="warning", field="project_name", message="项目名称需核对"),),
    )


needs_libreoffice = pytest.mark.skipif(not convert.persistent_available(), reason="no kept-running LibreOffice here")


@pytest.mark.slow
@needs_libreoffice
def test_a_value_from_a_word_file_is_found_in_its_printout_and_pictured(tmp_path: Path, store: Store) -> None:
    project = "青年科技工作者学术交流大会"
    sha = store.put_blob(word_form(project))
    ws = checks_sheet(write(tmp_path, [word_row(sha, project)], store))
    assert len(ws._images) == 1
    picture = Image.open(io.BytesIO(ws._images[0]._data()))
    assert colour_share(picture, BLUE) > 0.05 and colour_share(picture, (0, 200, 0)) < 0.001


@pytest.mark.slow
@needs_libreoffice
def test_a_word_value_found_in_two_places_gets_no_picture_but_its_text(tmp_path: Path, store: Store) -> None:
    project = "青年科技工作者学术交流大会"
    row = word_row(store.put_blob(word_form(project, twice=True)), project)
    row = row.model_copy(update={"evidence": {"project_name": row.evidence["project_name"].model_copy(
        update={"text": f"：{project}"})}})  # no label to tell the two apart
    ws = checks_sheet(write(tmp_path, [row], store))
    assert ws._images == []
    assert "不止一次" in ws.cell(2, column(ws, "原件截图")).value


def test_a_word_value_without_a_printout_shows_its_text_instead_of_a_picture() -> None:
    row = word_row("e" * 64, "青年科技工作者学术交流大会")
    [line] = check_lines([row], load_register_words(), {}, {})  # no LibreOffice: no pictures made
    assert line.picture is None
    assert "Word文件" in line.note and "项目名称：青年科技工作者学术交流大会" in line.note
    assert line.place == "申报书.docx\n表1 第2行第2列"


def test_a_word_file_not_stored_is_said_with_its_text(tmp_path: Path, store: Store) -> None:
    row = flagged_row("e" * 64, kind="docx", name="申报书.docx", page=None, box=None)
    ws = checks_sheet(write(tmp_path, [row], store))
    note = ws.cell(2, column(ws, "原件截图")).value
    assert "申请经费（万元） 12" in note
    assert ws._images == []


def test_a_missing_or_broken_file_is_said_and_the_register_still_written(tmp_path: Path, store: Store) -> None:
    broken = store.put_blob(b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    rows = [flagged_row("f" * 64, "2024-0001"), flagged_row(broken, "2024-0002")]
    ws = checks_sheet(write(tmp_path, rows, store))
    assert "找不到" in ws.cell(line_of(ws, "2024-0001", "申请经费"), column(ws, "原件截图")).value
    assert "无法渲染" in ws.cell(line_of(ws, "2024-0002", "申请经费"), column(ws, "原件截图")).value
    assert ws._images == []


def test_a_photographed_page_is_cropped_from_the_image(tmp_path: Path, store: Store) -> None:
    photo = Image.new("RGB", (1600, 1200), "white")
    photo.paste(GREEN, (100, 900, 700, 1000))
    photo.paste(BLUE, (100, 200, 700, 300))
    out = io.BytesIO()
    photo.save(out, format="PNG")
    sha = store.put_blob(out.getvalue())
    row = flagged_row(sha, kind="image", name="申报书.png", page=1, box=(100 / 1600, 200 / 1200, 700 / 1600, 300 / 1200))
    picture = Image.open(next(iter(evidence_pictures([row], store).values())))  # type: ignore[arg-type]
    assert colour_share(picture, BLUE) > 0.15 and colour_share(picture, GREEN) < 0.001


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_the_check_sheet_with_its_picture(tmp_path: Path, store: Store) -> None:
    sha = store.put_blob(form_pdf())
    register = write(tmp_path, [flagged_row(sha)], store)
    out_dir = tmp_path / "pdf"
    profile = (tmp_path / "profile").as_uri()  # a private profile: a shared one makes soffice exit
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(register)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = out_dir / "register.pdf"
    if not pdf.exists() and b"could not be loaded" in done.stderr + done.stdout:
        pytest.skip("LibreOffice has no Calc component (package libreoffice-calc-nogui)")
    with pdfplumber.open(pdf) as doc:
        pages = [(page.extract_text() or "", page.images) for page in doc.pages]
    with_picture = [text for text, images in pages if images]
    assert with_picture and any("原件截图" in text for text in with_picture)


def test_a_doubtful_paper_pairing_is_no_value_to_correct_on_the_check_sheet() -> None:
    from shenbao.outputs.check_sheet import flagged_values
    from shenbao.outputs.register_view import finding_column

    paper = Finding(code="NEEDS_REVIEW", severity="warning", field="paper",
                    message="纸质件对应关系不确定，请核对后在纸质件登记簿该行备注栏写“对应 2024-0007”确认")
    row = flagged_row("a" * 64)
    row = row.model_copy(update={"findings": (*row.findings, paper)})
    assert [v.field for v in flagged_values([row])] == ["funding_wan"]
    assert finding_column(paper) == "paper_copies"

"""Evidence pictures over several register writes: a write spends a few seconds on new pictures
(register_files.PICTURE_BUDGET), the lines it had no time for say that the picture comes at the
next run, the next write renders them, and no picture or Word printout is ever made twice.

The budget is 0 here, so that each write renders exactly the first file of each kind (a write
always makes progress): which pictures a write makes never depends on the machine's speed."""

from __future__ import annotations

import io
import multiprocessing
from pathlib import Path

import pytest
from openpyxl import load_workbook
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

import shenbao.config
from shenbao.execution import Execution
from shenbao.extractors import convert
from shenbao.outputs.check_sheet import ShotKey, WordShotKey
from shenbao.outputs.labels_zh import load_register_words
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Evidence, FileRef, Finding, RegisterRow
from shenbao.register import Inputs
from shenbao.register_files import (EVIDENCE_DIR, PICTURE_BUDGET, evidence_path, evidence_pictures,
                                    pictures_pending, write_register_files)
from shenbao.store import Store
from shenbao.validators.guide import load_guide
from tests.builders.docx_quirks import encrypted_docx
from tests.outputs.rows import application_row
from tests.outputs.test_evidence_sheet import BOX, word_form

LATER = load_register_words().check["over_budget"]
GUIDE = Path(shenbao.config.__file__).parent / "guide-2024.toml"
needs_libreoffice = pytest.mark.skipif(not convert.persistent_available(), reason="no kept-running LibreOffice here")


def form_pdf(title: str) -> bytes:
    """A one-page form whose title makes its bytes (and sha256) its own."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4)
    pdf.setFont("STSong-Light", 12)
    pdf.drawString(60, 760, title)
    pdf.drawString(60, 700, "申请经费（万元） 12")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def pdf_row(row_id: str, sha: str) -> RegisterRow:
    return application_row(
        row_id, key=f"{sha}#0",
        files=(FileRef(name="申报书.pdf", sha256=sha, role="form", origin="附件", kind="pdf"),),
        evidence={"funding_wan": Evidence(file="申报书.pdf", where="第1页", text="申请经费（万元） 12",
                                          sha256=sha, page=1, box=BOX)},
        findings=(Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan",
                          message="申请经费超出范围"),),
    )


def word_row(row_id: str, sha: str, project: str, *, unit_too: bool = False) -> RegisterRow:
    """A row whose project name (and, with `unit_too`, unit: a second rule's finding) is flagged,
    read from a Word file built by test_evidence_sheet.word_form."""
    evidence = {"project_name": Evidence(file="申报书.docx", where="表1 第2行第2列", text=f"项目名称：{project}",
                                         sha256=sha)}
    findings = [Finding(code="NEEDS_REVIEW", severity="warning", field="project_name", message="项目名称需核对")]
    if unit_too:
        evidence["applicant_org"] = Evidence(file="申报书.docx", where="表1 第1行第2列",
                                             text="申报单位：湖南省某某学会", sha256=sha)
        findings.append(Finding(code="NEEDS_REVIEW", severity="warning", field="applicant_org",
                                message="申报单位需核对"))
    return application_row(
        row_id, key=f"{sha}#0",
        files=(FileRef(name="申报书.docx", sha256=sha, role="form", origin="附件", kind="docx"),),
        evidence=evidence, findings=tuple(findings),
    )


def made(path: Path) -> tuple[int, int]:
    """What tells one making of a file from another: a render writes a new file and swaps it in."""
    st = path.stat()
    return st.st_ino, st.st_mtime_ns


def pictures(shots: dict[ShotKey | WordShotKey, Path | str]) -> dict[ShotKey | WordShotKey, tuple[int, int]]:
    return {key: made(got) for key, got in shots.items() if isinstance(got, Path)}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "data") as opened:
        yield opened  # type: ignore[misc]


def test_the_budget_is_a_few_seconds() -> None:
    assert 1 <= PICTURE_BUDGET <= 6


def test_pictures_left_over_say_so_and_come_one_write_later_each_made_once(tmp_path: Path, store: Store) -> None:
    shas = [store.put_blob(form_pdf(f"申报书 第{n}份")) for n in range(3)]
    rows = [pdf_row(f"2024-000{n + 1}", sha) for n, sha in enumerate(shas)]
    keys = [(sha, 1, BOX) for sha in shas]

    first = evidence_pictures(rows, store, budget=0)
    assert isinstance(first[keys[0]], Path)
    assert first[keys[1]] == first[keys[2]] == LATER
    assert pictures_pending(store) == 2
    kept = pictures(first)

    second = evidence_pictures(rows, store, budget=0)
    assert isinstance(second[keys[1]], Path) and second[keys[2]] == LATER
    assert pictures_pending(store) == 1
    assert {k: v for k, v in pictures(second).items() if k in kept} == kept  # the first one not made again
    kept = pictures(second)

    third = evidence_pictures(rows, store, budget=0)
    assert all(isinstance(third[key], Path) for key in keys)
    assert pictures_pending(store) == 0
    assert {k: v for k, v in pictures(third).items() if k in kept} == kept
    # Nothing else was made: one PNG per picture in the evidence folder.
    assert sorted(p.name for p in (store.root / EVIDENCE_DIR).rglob("*.png")) == sorted(
        evidence_path(store, key).name for key in keys)


def test_the_check_sheet_says_the_picture_comes_next_time_until_it_does(tmp_path: Path, store: Store) -> None:
    shas = [store.put_blob(form_pdf(f"申报书 第{n}份")) for n in range(2)]
    rows = [pdf_row("2024-0001", shas[0]), pdf_row("2024-0002", shas[1])]
    target = tmp_path / "out" / "register.xlsx"

    def sheet() -> tuple[list[str | None], int]:
        path = write_register(rows, target, evidence_pictures=evidence_pictures(rows, store, budget=0))
        ws = load_workbook(path)["核对"]
        col = [c.value for c in ws[1]].index("原件截图") + 1
        return [ws.cell(r, col).value for r in range(2, ws.max_row + 1)], len(ws._images)

    notes, images = sheet()
    assert images == 1
    assert notes[0] is None  # the picture is there
    assert notes[1] is not None and "下次" in notes[1] and "申请经费（万元） 12" in notes[1]  # and the text seen
    notes, images = sheet()
    assert images == 2 and notes == [None, None]


def test_a_write_that_leaves_pictures_says_so_in_the_poll_report(tmp_path: Path, store: Store) -> None:
    shas = [store.put_blob(form_pdf(f"申报书 第{n}份")) for n in range(3)]
    rows = [pdf_row(f"2024-000{n + 1}", sha) for n, sha in enumerate(shas)]
    inputs = Inputs(guide=load_guide(GUIDE))
    _, _, notes = write_register_files(rows, inputs, tmp_path / "out", store, picture_budget=0)
    assert [note for note in notes if "截图" in note] == ["核对表还有 2 张原件截图本次未及生成，将在下次运行时补上"]
    write_register_files(rows, inputs, tmp_path / "out", store, picture_budget=0)
    _, _, notes = write_register_files(rows, inputs, tmp_path / "out", store, picture_budget=0)
    assert not [note for note in notes if "截图" in note]
    assert pictures_pending(store) == 0


def test_a_value_whose_file_is_not_stored_is_not_left_for_later(tmp_path: Path, store: Store) -> None:
    rows = [pdf_row("2024-0001", store.put_blob(form_pdf("申报书"))), pdf_row("2024-0002", "f" * 64)]
    shots = evidence_pictures(rows, store, budget=0)
    assert "找不到" in str(shots[("f" * 64, 1, BOX)])
    assert pictures_pending(store) == 0  # a poll would otherwise rewrite the register for nothing


def test_pictures_of_a_poll_are_made_by_its_renderers_and_none_is_left_running(tmp_path: Path, store: Store) -> None:
    shas = [store.put_blob(form_pdf(f"申报书 第{n}份")) for n in range(3)]
    rows = [pdf_row(f"2024-000{n + 1}", sha) for n, sha in enumerate(shas)]
    before = set(multiprocessing.active_children())
    shots = evidence_pictures(rows, store, Execution())
    assert all(isinstance(shots[(sha, 1, BOX)], Path) for sha in shas)
    assert set(multiprocessing.active_children()) <= before


@pytest.mark.slow
@needs_libreoffice
def test_a_word_file_is_printed_once_and_its_printout_serves_a_later_rule(tmp_path: Path, store: Store) -> None:
    project = "青年科技工作者学术交流大会"
    sha = store.put_blob(word_form(project))
    first = evidence_pictures([word_row("2024-0001", sha, project)], store)
    printout = store.root / EVIDENCE_DIR / sha[:2] / f"{sha}.pdf"
    assert isinstance(first[(sha, "项目名称", project)], Path) and printout.exists()
    printed = made(printout)

    # A rules edit flags the unit of the same file: its picture comes from the kept printout.
    second = evidence_pictures([word_row("2024-0001", sha, project, unit_too=True)], store)
    unit = second[(sha, "申报单位", "湖南省某某学会")]
    assert isinstance(unit, Path) and unit != first[(sha, "项目名称", project)]
    assert made(printout) == printed
    assert made(second[(sha, "项目名称", project)]) == made(first[(sha, "项目名称", project)])  # type: ignore[arg-type]


@pytest.mark.slow
@needs_libreoffice
def test_a_word_file_libreoffice_refuses_is_not_printed_again_at_every_write(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    project = "青年科技工作者学术交流大会"
    # Read with the password the mail gave; LibreOffice, which has none, cannot open it.
    sha = store.put_blob(encrypted_docx(word_form(project), "20240415"))
    row = word_row("2024-0001", sha, project)
    refused = load_register_words().check["unrenderable"]

    first = evidence_pictures([row], store)
    assert first[(sha, "项目名称", project)] == refused

    def must_not_print(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("printed again")

    monkeypatch.setattr(convert.PersistentConverter, "to_pdf", must_not_print)
    assert evidence_pictures([row], store, budget=0)[(sha, "项目名称", project)] == refused
    assert pictures_pending(store) == 0


def test_only_a_file_libreoffice_refused_is_refused_for_good() -> None:
    from shenbao.execution import refused_for_good

    assert refused_for_good(convert.UnreadableFile("无法转换：LibreOffice未能生成文件（文件可能已损坏）"))
    for passing in (convert.TimedOut(60), convert.StartFailed("无法转换：LibreOffice无法启动"),
                    convert.Crashed("无法转换：LibreOffice未能生成文件（文件可能已损坏）"), OSError("disk")):
        assert not refused_for_good(passing)


@pytest.mark.slow
@needs_libreoffice
def test_a_print_that_timed_out_is_tried_again_at_the_next_write(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    project = "青年科技工作者学术交流大会"
    sha = store.put_blob(word_form(project))
    calls = []

    def slow(self: object, data: bytes, name: str, kind: str, timeout: float = 60) -> bytes:
        calls.append(kind)
        raise convert.TimedOut(timeout)

    with monkeypatch.context() as patched:
        patched.setattr(convert.PersistentConverter, "to_pdf", slow)
        first = evidence_pictures([word_row("2024-0001", sha, project)], store)
    assert calls == ["docx"] and str(first[(sha, "项目名称", project)]).startswith(
        load_register_words().check["unrenderable"])

    assert isinstance(evidence_pictures([word_row("2024-0001", sha, project)], store)[(sha, "项目名称", project)],
                      Path)


@pytest.mark.slow
@needs_libreoffice
def test_word_files_already_printed_go_first_and_pages_render_beside_them(tmp_path: Path, store: Store) -> None:
    project, other = "青年科技工作者学术交流大会", "湖湘科普讲解大赛"
    printed_sha = store.put_blob(word_form(project))
    new_sha = store.put_blob(word_form(other))
    pdf_sha = store.put_blob(form_pdf("申报书"))
    evidence_pictures([word_row("2024-0009", printed_sha, project)], store)  # printed by an earlier write

    # The unprinted file comes first in the register, the printed one's new picture is cheaper.
    rows = [word_row("2024-0001", new_sha, other), word_row("2024-0009", printed_sha, project, unit_too=True),
            pdf_row("2024-0010", pdf_sha)]
    shots = evidence_pictures(rows, store, budget=0)
    assert isinstance(shots[(printed_sha, "申报单位", "湖南省某某学会")], Path)
    assert shots[(new_sha, "项目名称", other)] == LATER
    assert isinstance(shots[(pdf_sha, 1, BOX)], Path)  # the page side made its first file too
    assert not (store.root / EVIDENCE_DIR / new_sha[:2] / f"{new_sha}.pdf").exists()
    assert pictures_pending(store) == 1

    shots = evidence_pictures(rows, store, budget=0)
    assert isinstance(shots[(new_sha, "项目名称", other)], Path)
    assert pictures_pending(store) == 0

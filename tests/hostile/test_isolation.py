"""The worker limits really hold on hostile files: a file that takes too long or too much memory
costs its own worker only, and comes back as a problem with a Chinese reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shenbao.extractors.pdf_reader import pdf_to_doctext
from shenbao.intake.mime import parse_message
from shenbao.errors import SettingsError
from shenbao.execution import Execution, Isolated, run_isolated
from shenbao.extraction import FileResult, read_file_job
from shenbao.intake.sniff import sniff_kind
from shenbao.record import Part
from shenbao.settings import LimitSettings, load_settings
from tests.builders.eml import attachment, mail, text_part
from tests.hostile.builders import MB, Hostile, office_corpus, pdf_corpus, raw_zip, zeros_deflated

URLS = ("http://127.0.0.1:9/never.dtd", "file:///nonexistent/secret.txt")


@pytest.fixture(autouse=True)
def no_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's own defences are under test here; LibreOffice has its own test."""
    monkeypatch.setattr("shenbao.extractors.convert.available", lambda: False)


def _item(corpus: list[Hostile], label: str) -> Hostile:
    return next(i for i in corpus if i.label == label)


@pytest.fixture(scope="module")
def office() -> list[Hostile]:
    return list(office_corpus(URLS))


@pytest.fixture(scope="module")
def pdfs() -> list[Hostile]:
    return list(pdf_corpus())


def _read(item: Hostile, timeout: float = 20, memory_mb: int | None = None) -> object:
    return run_isolated(read_file_job, item.data, item.name, sniff_kind(item.data, item.name), "0" * 64,
                        timeout=timeout, memory_mb=memory_mb or 1500)


def test_a_docx_whose_layout_takes_too_long_times_out_in_its_worker_only(office: list[Hostile]) -> None:
    result = _read(_item(office, "docx-huge-table"), timeout=1)
    assert isinstance(result, Isolated) and result.reason.startswith("超时")


def test_a_pdf_with_a_million_vector_strokes_times_out_in_its_worker_only(pdfs: list[Hostile]) -> None:
    # Reading it takes about 0.7 s in-process on a fast 2-core machine (measured 2026-12-05; a
    # timeout of 1 s was no longer exceeded there): a quarter of a second always is.
    result = _read(_item(pdfs, "pdf-vector-600000"), timeout=0.25)
    assert isinstance(result, Isolated) and result.reason.startswith("超时")


def test_a_pdf_whose_content_stream_inflates_to_400_mb_hits_the_memory_cap(pdfs: list[Hostile]) -> None:
    result = _read(_item(pdfs, "pdf-flate-bomb"), memory_mb=300)
    assert isinstance(result, Isolated) and "内存超限" in result.reason


def test_a_pdf_declaring_a_100000_pixel_square_image_is_read_without_decoding_it(pdfs: list[Hostile]) -> None:
    # 100,000² RGB would be 30 GB: within 1.5 GB of headroom the page (rendered at a capped
    # size for OCR) must come back, neither out of memory nor out of time.
    item = _item(pdfs, "pdf-huge-image-decl")
    result = isolated_reader(timeout=90, memory_mb=1500)(
        Part(name=item.name, content_type="application/pdf", data=item.data, kind="pdf"), "0" * 64)
    assert not (result.problem or "").startswith(("超时", "内存超限")), result.problem


@pytest.mark.parametrize("label", ["pdf-pages-100000", "pdf-cyclic-outline", "pdf-self-referencing-length",
                                   "pdf-mediabox-[0 0 1e9 1e9]", "pdf-deep-arrays"])
def test_a_structurally_hostile_pdf_never_fails_its_caller(pdfs: list[Hostile], label: str) -> None:
    # Read (the page cap holds 100,000 pages to 60), or — should native code crash on it in
    # some environment — contained in its worker; never an exception and never a hang.
    item = _item(pdfs, label)
    result = isolated_reader(timeout=60)(Part(name=item.name, content_type="application/pdf", data=item.data,
                                              kind="pdf"), "0" * 64)
    assert not (result.problem or "").startswith("超时"), result.problem


def test_a_pdf_whose_length_refers_to_itself_is_read_although_pdfplumber_cannot_close_it(
        pdfs: list[Hostile]) -> None:
    # Regression: pdfplumber's close() walks the page tree again and raised out of the reader.
    doc = pdf_to_doctext(_item(pdfs, "pdf-self-referencing-length").data, "len.pdf", "0" * 64, ocr=False)
    assert doc.pages == 1


def test_a_pdf_whose_page_tree_is_a_cycle_is_reported_damaged(pdfs: list[Hostile]) -> None:
    result = _read(_item(pdfs, "pdf-cyclic-pages"))
    assert getattr(result, "problem", None) == "PDF文件已损坏或不完整"


@pytest.mark.parametrize("label", ["docx-billion-laughs-word_document.xml-http", "docx-quadratic-word_document.xml-http",
                                   "docx-xxe-word_document.xml-file", "docx-xxe-param-word_document.xml-http",
                                   "docx-document-xml-bomb"])
def test_xml_and_zip_bombs_inside_a_docx_are_refused_before_they_expand(office: list[Hostile], label: str) -> None:
    # A tight cap: a reader that expanded the bomb would hit it (and say 内存超限 instead).
    result = _read(_item(office, label), memory_mb=400)
    assert not isinstance(result, Isolated)
    assert getattr(result, "problem", None), label


def test_an_unexpected_reader_exception_becomes_the_files_problem(pdfs: list[Hostile],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("parser bug")

    monkeypatch.setattr("shenbao.extraction.read_document", broken)
    item = _item(pdfs, "pdf-owner-password-only")
    result = isolated_reader(timeout=20)(Part(name=item.name, content_type="application/pdf", data=item.data,
                                              kind="pdf"), "0" * 64)
    assert result.problem and "KeyError" in result.problem


def test_the_per_file_limits_come_from_the_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[float, int]] = []
    monkeypatch.setattr("shenbao.execution.ReaderPool.run",
                        lambda pool, func, args, *, timeout, cancel: seen.append((timeout, pool.memory_mb)) or Isolated("超时"))
    cfg = tmp_path / "shenbao.toml"
    (tmp_path / "maildir").mkdir()
    cfg.write_text('[source]\nkind = "maildir"\n[limits]\nfile_timeout_seconds = 7.5\nfile_memory_mb = 1024\n',
                   encoding="utf-8")
    reader = Execution(load_settings(cfg).limits).isolated_reader(read_file_job, FileResult.failed)
    result = reader(Part(name="a.pdf", content_type="application/pdf", data=b"%PDF", kind="pdf"), "0" * 64)
    assert seen == [(7.5, 1024)] and result.problem == "超时"


def test_a_limit_that_is_not_a_number_is_a_settings_problem_naming_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "shenbao.toml"
    cfg.write_text('[source]\nkind = "maildir"\n[limits]\nfile_timeout_seconds = "nonsense"\n', encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(cfg)
    assert any("limits.file_timeout_seconds" in p for p in caught.value.problems)


def isolated_reader(timeout: float = 180, memory_mb: int = 3072) -> Callable[[Part, str], FileResult]:
    read = Execution(LimitSettings(file_timeout_seconds=timeout, file_memory_mb=memory_mb)).isolated_reader(
        read_file_job, FileResult.failed)
    return lambda part, sha256: read(part, sha256, None)


def _many_small_bombs(archives: int) -> bytes:
    """`archives` zips, each 180 members of 1 MB of zeros (under the per-member ratio floor)."""
    comp, crc = zeros_deflated(MB)
    one = raw_zip([(f"m{i:03d}.bin".encode(), comp, crc, MB, len(comp)) for i in range(180)])
    return mail(subject="多个压缩包", parts=[text_part("见附件"),
                                         *(attachment(one, f"part{n}.zip") for n in range(archives))])


def test_one_message_cannot_inflate_more_than_one_archive_allowance_however_many_zips_it_carries() -> None:
    raw = _many_small_bombs(12)  # 12 × 180 MB if every archive had its own 200 MB allowance
    assert len(raw) < 4 * MB
    parsed = parse_message(raw)  # in this process: the caps, not a worker, must bound it
    inflated = sum(len(p.data) for p in parsed.parts if p.kind != "zip")
    assert inflated <= 200 * MB
    assert any(p.problem and ("超过200 MB" in p.problem or "过多" in p.problem) for p in parsed.parts)


def _huge_result() -> bytes:
    return b"x" * (300 * MB)


def test_a_job_whose_result_outgrows_the_cap_is_reported_as_memory() -> None:
    result = run_isolated(_huge_result, timeout=60, memory_mb=450)
    assert isinstance(result, Isolated) and "内存超限" in result.reason

"""The reader's own duplicate-character removal gives exactly what pdfplumber's dedupe_chars
gives (same characters, same order), only cheaper, and leaves a clean page as it is."""

from __future__ import annotations

import io

import pdfplumber

from shenbao.demo.forms import build_pdf, example_spec
from shenbao.extractors.pdf_reader import _dedupe_chars
from tests.builders.pdf_quirks import fake_bold_page, pdf_from


def _pages(data: bytes) -> list[tuple[list[dict[str, object]], list[dict[str, object]], bool]]:
    """(pdfplumber's deduped chars, ours, whether ours kept the page object) per page."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            ours = _dedupe_chars(page)
            out.append((page.dedupe_chars().chars, ours.chars, ours is page))
    return out


def test_fake_bold_duplicates_are_dropped_as_pdfplumber_drops_them() -> None:
    data = pdf_from([fake_bold_page("项目名称：湖南省青年科技论坛项目负责人：欧阳立新")])
    (theirs, ours, same_page), = _pages(data)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        total = len(pdf.pages[0].chars)
    assert len(theirs) < total  # the fixture really overprints
    assert ours == theirs
    assert not same_page


def test_a_form_without_duplicates_keeps_its_page_and_characters() -> None:
    pages = _pages(build_pdf(example_spec()))
    assert pages
    for theirs, ours, same_page in pages:
        assert ours == theirs
        assert same_page

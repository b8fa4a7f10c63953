"""The reader's own duplicate-character removal gives exactly what pdfplumber's dedupe_chars
gives (same characters, same order), only cheaper, and leaves a clean page's list as it is;
on pdfium's characters it drops the same overprinted duplicates."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium

from shenbao.extractors.pdf_layout import page_layout
from shenbao.demo.forms import build_pdf, example_spec
from shenbao.extractors.pdf_reader import _dedupe_chars
from tests.builders.pdf_quirks import fake_bold_page, pdf_from


def _pages(data: bytes) -> list[tuple[list[dict[str, object]], list[dict[str, object]], bool]]:
    """(pdfplumber's deduped chars, ours, whether ours kept the list object) per page."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            chars = page.chars
            ours = _dedupe_chars(chars)
            out.append((page.dedupe_chars().chars, ours, ours is chars))
    return out


def _pdfium_text(data: bytes, dedupe: bool) -> str:
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[0]
        chars = page_layout(page, page.get_textpage()).chars
        return "".join(c["text"] for c in (_dedupe_chars(chars) if dedupe else chars) if not c["text"].isspace())
    finally:
        doc.close()


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


def test_pdfium_characters_of_a_fake_bold_page_dedupe_to_the_text_written_once() -> None:
    text = "项目名称：湖南省青年科技论坛项目负责人：欧阳立新"
    data = pdf_from([fake_bold_page(text)])
    # pdfium's text page already drops an overprinted copy of a whole text object; what it
    # keeps, and what the dedupe keeps of it, is the text once.
    assert _pdfium_text(data, dedupe=False) == text
    assert _pdfium_text(data, dedupe=True) == text

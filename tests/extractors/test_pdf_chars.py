"""pdfium's characters are read in bulk where its page text holds one unit per character, one
by one where it does not: either way each character's code is what FPDFText_GetUnicode says,
on pages where pdfium's text and its characters disagree (a control character it leaves out
of the text, a hyphen it joins across lines, a character beyond the BMP)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from shenbao.extractors.pdf_layout import _char_codes
from tests.hostile.builders import page_pdf


def _pdf(first_line: bytes) -> bytes:
    """Helvetica whose ToUnicode map reads "q" as U+0003 (a control character) and "z" as
    U+1D400 (a surrogate pair); the second line starts after "exam-", which pdfium joins."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <71> <0003> <7A> <D835DC00> endbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    to_unicode = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    content = b"BT /F1 12 Tf 72 700 Td (" + first_line + b" exam-) Tj 0 -14 Td (ple zoo) Tj ET"
    return page_pdf(content, resources=b"/Resources << /Font << /F1 5 0 R >> >>",
                    extra_objects=[font, to_unicode])


@pytest.mark.parametrize("first_line", [b"abcd", b"abqcd"], ids=["text one unit per char", "a char left out"])
def test_character_codes_are_pdfiums_own(first_line: bytes) -> None:
    pdf = pdfium.PdfDocument(_pdf(first_line))
    try:
        textpage = pdf[0].get_textpage()
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)
        one_by_one = [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(count)]
        text = textpage.get_text_range()
        assert "\ufffe" in text and 0xFFFE not in one_by_one  # the fixture has a joined hyphen
        assert 0xD835 in one_by_one  # and a surrogate pair
        assert _char_codes(raw, count).tolist() == one_by_one
    finally:
        pdf.close()

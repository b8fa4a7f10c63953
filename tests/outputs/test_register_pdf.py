from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest

from shenbao.outputs.register_xlsx import write_register
from tests.outputs.rows import application_row, other_row, paper_only_row

pytestmark = pytest.mark.slow


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_register_prints_to_pdf_with_its_chinese_text(tmp_path: Path) -> None:
    register = write_register([application_row(), other_row(), paper_only_row()], tmp_path / "register.xlsx")
    out_dir = tmp_path / "pdf"
    # A private profile: a second soffice sharing the user's profile would exit silently.
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(register)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = out_dir / "register.pdf"
    if not pdf.exists() and b"could not be loaded" in done.stderr + done.stdout:
        pytest.skip("LibreOffice has no Calc component (package libreoffice-calc-nogui)")
    assert pdf.exists()  # soffice exits 0 even when it wrote nothing
    with pdfplumber.open(pdf) as doc:
        text = "".join(page.extract_text() or "" for page in doc.pages)
        first = doc.pages[0]
        assert first.width > first.height  # landscape
    assert "湖南省某某学会" in text
    assert "2024-0007" in text
    assert "可补正" in text

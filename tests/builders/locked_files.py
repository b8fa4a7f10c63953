"""Password-protected files as applicants send them: a PDF with a user password (pypdf) and a
Word 97 .doc saved with a password by LibreOffice. (An encrypted .docx: docx_quirks.encrypted_docx.)"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from shenbao.extractors import convert


def encrypted_pdf(data: bytes, password: str) -> bytes:
    """`data` with a user password (and an owner password), as Acrobat or WPS would save it."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# Word 97 encryption (RC4 CryptoAPI) as LibreOffice writes it when saving a .doc with a
# password: only its UNO API sets one. Run by the Python that has `uno` (convert.uno_python).
_SAVE_WITH_PASSWORD = """
import subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
source, target, password, profile, soffice = sys.argv[1:6]
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "-env:UserInstallation=" + profile,
                           "--accept=pipe,name=h6lockdoc;urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=h6lockdoc;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 97"), prop("Password", password)))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)
finally:
    if office.poll() is None:
        office.kill()
        office.wait()
"""


def encrypted_doc(docx: bytes, password: str, work: Path) -> bytes:
    """`docx` saved by LibreOffice as a Word 97 .doc protected by `password`."""
    python, soffice = convert.uno_python(), convert.soffice_command()
    if python is None or soffice is None:
        pytest.skip("LibreOffice with a Python that has uno is not installed")
    (work / "form.docx").write_bytes(docx)
    subprocess.run([python, "-I", "-c", _SAVE_WITH_PASSWORD, str(work / "form.docx"), str(work / "locked.doc"),
                    password, (work / "profile").as_uri(), soffice[0]], check=True, timeout=180,
                   stdin=subprocess.DEVNULL)
    return (work / "locked.doc").read_bytes()

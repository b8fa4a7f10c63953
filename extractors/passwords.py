"""Passwords a sender wrote in the mail, and opening a protected file with them.

Applicants who protect a PDF or a Word file usually say the password in the same mail
(“附件密码：1234”), and a clerk would simply type it in. This module does what the clerk does:

    password_candidates(body_text, subject)   the passwords the mail offers, in order
    unlock_pdf(data, passwords)               a PDF with a user password → plain PDF bytes
    unlock_office(data, passwords)            an encrypted Word file → its plain bytes
    is_encrypted_office(data)                 whether an OLE file (.doc, .wps) is encrypted
    opened_note(password)                     the Chinese note saying which password opened it

Candidates are data: the extraction stage reads them from the message and hands them to the
reader (in its isolated worker) with the file. A wrong candidate costs one failed key check;
none is ever guessed. A file none of them opens raises UnreadableFile saying so.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import msoffcrypto
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from shenbao.extractors.errors import UnreadableFile

# At most this many candidates are tried per file: a mail quoting a long thread repeats itself,
# and each wrong Office password costs a key derivation (~0.1 s for Word's 100 000 rounds).
MAX_CANDIDATES = 8
MAX_LENGTH = 64

OPENED_NOTE = "已用邮件正文中提供的密码“{password}”打开"
NONE_OPENED = "邮件正文中提供的密码均无法打开"
PDF_LOCKED = "PDF文件已加密（需要密码）"
OFFICE_LOCKED = "文件已加密（需要密码）"

# The word that announces a password. 解压密码, 打开密码, 文档密码 … all end in 密码. Latin
# words stand alone (not inside "spinning" or "pwdhash").
_KEYWORD = r"(?:密码|口令|(?<![A-Za-z])(?:password|passwd|pwd|pin)(?:码|[ ]?code)?(?![A-Za-z]))"
# What joins it to the password: "为"/"是" and/or a colon or "=", after an optional 均/都/统一
# ("附件密码均为123456"). A keyword with none of these is prose ("密码已另行发送", "密码学").
_JOINER = r"\s*(?:均|都|统一|皆)?\s*(?:(?:为|是|is\b)\s*[:：=＝]?|[:：=＝])\s*"
# A password in quotes or brackets, or bare up to the first space or non-ASCII character (a
# bare one never begins with a quote or bracket: "密码：(见附件)" offers nothing).
_QUOTES = {"“": "”", '"': '"', "'": "'", "‘": "’", "「": "」", "『": "』", "【": "】", "[": "]", "(": ")", "（": "）",
           "<": ">", "《": "》", "〔": "〕"}
_QUOTED = "|".join(f"{re.escape(o)}([\\x21-\\x7e]{{1,{MAX_LENGTH}}}?){re.escape(c)}" for o, c in _QUOTES.items())
_BARE = f"([A-Za-z0-9!#$%&*+@^_~-][\\x21-\\x7e]{{0,{MAX_LENGTH - 1}}})"
_CANDIDATE = re.compile(f"{_KEYWORD}{_JOINER}(?:{_QUOTED}|{_BARE})", re.IGNORECASE)
# "密码1234" or "密码（1234）" in a subject line: 密码/口令 directly followed by letters and
# digits that end there (not "密码3次"), or by a password in brackets.
_ADJACENT = re.compile(f"(?:密码|口令)(?:{_QUOTED}|([A-Za-z0-9]{{1,{MAX_LENGTH}}})(?![\\x21-\\x7e\\u4e00-\\u9fff]))")
# Full-width digits and letters typed by a Chinese IME are the ASCII ones the sender meant.
# Full-width punctuation stays: "密码：1234，请查收" must end the password at the "，".
_FULL_WIDTH_ALNUM = {cp: cp - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                     for cp in range(lo, hi + 1)}
_HAS_ALNUM = re.compile("[A-Za-z0-9]")
# Punctuation that ends the sentence rather than the password ("密码为abc123.").
_TRAILING = ".,;:!?)]}>'\"`"


def password_candidates(body_text: str, subject: str = "") -> tuple[str, ...]:
    """The passwords the mail offers, subject first, in the order written, each once, at most
    MAX_CANDIDATES. A bare password that ends in punctuation is offered without it first, then
    as written. Text without a password keyword joined to a password gives nothing: a phone
    number or a date in an ordinary mail is never a candidate."""
    found: list[str] = []
    for text in (subject, body_text):
        text = (text or "").translate(_FULL_WIDTH_ALNUM)
        hits = [(m.start(), _match_candidates(m)) for m in _CANDIDATE.finditer(text)]
        hits += [(m.start(), _match_candidates(m)) for m in _ADJACENT.finditer(text)]
        for _, words in sorted(hits, key=lambda hit: hit[0]):
            found.extend(w for w in words if _HAS_ALNUM.search(w) and w not in found)
    return tuple(found[:MAX_CANDIDATES])


def _match_candidates(match: re.Match[str]) -> list[str]:
    quoted = next((g for g in match.groups()[:-1] if g), None)
    if quoted is not None:
        return [quoted]
    bare = match.groups()[-1]
    stripped = bare.rstrip(_TRAILING)
    return [stripped, bare] if stripped and stripped != bare else [bare]


def opened_note(password: str) -> str:
    return OPENED_NOTE.format(password=password)


def refused(locked_reason: str, passwords: Sequence[str]) -> UnreadableFile:
    """The error for a protected file: the reader's reason alone when the mail offered no
    password, else also that none of them (listed, so staff see what was tried) opened it."""
    if not passwords:
        return UnreadableFile(locked_reason)
    return UnreadableFile(f"{locked_reason}，{NONE_OPENED}（已试：{'、'.join(passwords)}）")


# --------------------------------------------------------------------------- PDF

def unlock_pdf(data: bytes, passwords: Sequence[str]) -> tuple[bytes, str] | None:
    """(the PDF without its encryption, the password that opened it), or None when the file
    needs no user password (an owner password alone is no lock) or cannot be opened for
    another reason: the PDF reader then reads it, or says why it cannot, as for any PDF.

    Raises UnreadableFile (PDF_LOCKED, and NONE_OPENED when `passwords` were tried) when it
    needs a user password none of `passwords` gives. The plain copy is written by pdfium itself
    (FPDF_REMOVE_SECURITY): the same objects, decrypted, so it reads exactly as the original."""
    if b"%%EOF" not in data[-4096:]:
        return None  # cut short in transit: the PDF reader refuses it with its own reason
    try:
        pdfium.PdfDocument(data, password="").close()
        return None
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) != pdfium_c.FPDF_ERR_PASSWORD:
            return None
    for password in passwords:
        try:
            doc = pdfium.PdfDocument(data, password=password)
        except pdfium.PdfiumError:
            continue
        try:
            plain = io.BytesIO()
            doc.save(plain, flags=pdfium_c.FPDF_REMOVE_SECURITY)
        finally:
            doc.close()
        return plain.getvalue(), password
    raise refused(PDF_LOCKED, passwords)


# --------------------------------------------------------------------------- Office

def is_encrypted_office(data: bytes) -> bool:
    """True when msoffcrypto-tool recognises `data` as an encrypted Office file (OOXML in an
    OLE wrapper, or a Word 97 .doc/.wps with RC4 or CryptoAPI encryption)."""
    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:  # noqa: BLE001 - not an Office file it knows: not one it can decrypt either
        return False


def unlock_office(data: bytes, passwords: Sequence[str]) -> tuple[bytes, str]:
    """(the decrypted file, the password that opened it): a .docx package for encrypted OOXML,
    a plain .doc for an encrypted Word 97 file. Raises UnreadableFile (OFFICE_LOCKED, and
    NONE_OPENED when `passwords` were tried) when none of them opens it or the encryption is
    one msoffcrypto-tool cannot undo."""
    for password in passwords:
        try:
            office = msoffcrypto.OfficeFile(io.BytesIO(data))
            # A wrong key is refused here (Word 97 checks its verifier) or by decrypt (OOXML
            # checks that what it decrypted is a package).
            office.load_key(password=password)
            plain = io.BytesIO()
            office.decrypt(plain)
        except Exception:  # noqa: BLE001 - a wrong key, or a scheme it cannot decrypt: try the next
            continue
        return plain.getvalue(), password
    raise refused(OFFICE_LOCKED, passwords)

"""The contract every registered reader must keep (extractors.readers.Reader): it declares
readable kinds only, says whether it is available with a bool, reads a real file of each of its
kinds into a DocText that names the file and carries its hash (passwords offered for a file that
needs none change nothing), and turns garbage into UnreadableFile — never into rows, never into
another exception, with or without passwords.

A new reader, or a new readable kind, needs a sample in tests/extractors/samples.py first."""

from __future__ import annotations

import random

import pytest

from shenbao.extractors import convert
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.readers import READERS, Reader
from shenbao.extractors.text_cleanup import text_for_matching
from shenbao.record import LEGACY_WORD_KINDS, READABLE_KINDS
from tests.extractors.samples import MAKERS, REFUSED, mark_of, sample, sha256_of

READ_CASES = [pytest.param(reader, kind, id=f"{reader.name}-{kind}", marks=pytest.mark.slow)
              for reader in READERS for kind in sorted(reader.kinds)]
NOISE = random.Random(16).randbytes(4096)
# How a file of each kind begins: sniffing routes bytes to a reader by these, so garbage behind
# them is what a damaged attachment looks like to its reader.
LEADS = {
    "docx": b"PK\x03\x04", "doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "wps": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "word2003xml": b'<?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">',
    "rtf": b"{\\rtf1\\ansi ", "odt": b"PK\x03\x04", "html": b"<html><body>", "pdf": b"%PDF-1.7\n", "image": b"\x89PNG\r\n\x1a\n", "encrypted_ooxml": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    "text": "项目名称\t".encode(), "xlsx": b"PK\x03\x04", "ofd": b"PK\x03\x04",
}
GARBAGE = [pytest.param("noise", id="noise"), pytest.param("lead+noise", id="lead+noise", marks=pytest.mark.slow),
           pytest.param("text", id="text")]


def garbage(flavour: str, kind: str) -> bytes:
    if flavour == "noise":
        return NOISE
    if flavour == "text":  # what LibreOffice would import as a plain-text document
        return "这不是任何格式的文件，只是一段文字。\n".encode() * 40
    return LEADS[kind] + NOISE


def test_every_readable_kind_has_a_sample_and_a_way_its_readers_are_judged() -> None:
    assert set(MAKERS) == READABLE_KINDS
    assert set(LEADS) == READABLE_KINDS
    assert set(REFUSED) <= READABLE_KINDS


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_a_reader_names_itself_and_reads_only_readable_kinds(reader: Reader) -> None:
    assert isinstance(reader, Reader)
    assert isinstance(reader.name, str) and reader.name
    assert isinstance(reader.kinds, frozenset) and reader.kinds
    assert reader.kinds <= READABLE_KINDS


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.name)
def test_available_is_a_bool(reader: Reader) -> None:
    assert type(reader.available()) is bool


@pytest.mark.parametrize(("reader", "kind"), READ_CASES)
def test_a_real_file_of_each_kind_becomes_a_doctext_naming_it(reader: Reader, kind: str) -> None:
    data, name = sample(kind)
    sha = sha256_of(data)
    if kind in REFUSED:
        with pytest.raises(UnreadableFile) as refused:
            reader.read(data, name, kind, sha)
        assert refused.value.reason == REFUSED[kind]
        return
    if kind in LEGACY_WORD_KINDS and not convert.available():
        pytest.skip("LibreOffice is not installed")

    doc = reader.read(data, name, kind, sha)

    assert doc.file == name and doc.sha256 == sha
    assert doc.rows and all(row.cells for row in doc.rows)
    assert any(mark_of(kind) in text_for_matching(cell.text) for row in doc.rows for cell in row.cells)


@pytest.mark.parametrize(("reader", "kind"), READ_CASES)
def test_passwords_offered_for_a_file_that_needs_none_change_nothing(reader: Reader, kind: str) -> None:
    data, name = sample(kind)
    if kind in REFUSED or (kind in LEGACY_WORD_KINDS and not convert.available()):
        pytest.skip("no unprotected file of this kind is read")
    sha = sha256_of(data)

    assert reader.read(data, name, kind, sha, passwords=("1234", "abc")) == reader.read(data, name, kind, sha)


@pytest.mark.parametrize("passwords", [(), ("1234",)], ids=["no-password", "password"])
@pytest.mark.parametrize("flavour", GARBAGE)
@pytest.mark.parametrize(("reader", "kind"), READ_CASES)
def test_garbage_is_unreadable_and_nothing_else(reader: Reader, kind: str, flavour: str,
                                                passwords: tuple[str, ...]) -> None:
    if kind == "text" and flavour == "text":
        pytest.skip("plain text is what the text reader reads, not garbage to it")
    data = garbage(flavour, kind)

    with pytest.raises(UnreadableFile) as err:
        reader.read(data, "坏文件", kind, sha256_of(data), passwords=passwords)

    assert isinstance(err.value.reason, str) and err.value.reason

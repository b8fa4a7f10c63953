"""The reader registry: one reader per readable kind, checked when it is built; read_document
dispatches by kind; the legacy Word reader's batch hook prepares .docx that read back exactly
as converting each file alone, and a zip is never taken for a .docx a batch made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from shenbao.extractors import convert
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.readers import (NOT_WORD_REASON, READERS, DocxReader, EncryptedOoxmlReader, LegacyWordReader,
                                        PdfReader, PrepareItem, needs_preparing, prepare_files, read_document,
                                        reader_for, readers_by_kind)
from shenbao.record import DocText, LEGACY_WORD_KINDS, READABLE_KINDS
from tests.builders.docx_quirks import WORD2003_XML, replace_part
from tests.extractors.samples import docx, pdf, sample, sha256_of

needs_soffice = pytest.mark.skipif(not convert.available(), reason="LibreOffice is not installed")
LEGACY = sorted(LEGACY_WORD_KINDS)


def texts(doc: DocText) -> list[list[str]]:
    return [[c.text for c in r.cells] for r in doc.rows]


class Runs:
    """A run_limited that runs each job in this process (as `limits.isolate = false` does) and
    keeps how many files each soffice batch was given."""

    def __init__(self) -> None:
        self.batches: list[int] = []

    def __call__(self, func: Callable[..., Any], /, *args: Any, timeout: float) -> Any:
        self.batches.append(len(args[0]))
        return func(*args)


class NoConverter:
    """A converter source for a machine without a kept-running LibreOffice; counts its calls
    (each call may start a soffice where there is one)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> convert.PersistentConverter | None:
        self.calls += 1
        return None


@pytest.fixture(scope="module")
def read_alone() -> dict[str, DocText]:
    """Each legacy Word sample read by converting it alone, the way it is read without a batch."""
    if not convert.available():
        pytest.skip("LibreOffice is not installed")
    out = {}
    for kind in LEGACY:
        data, name = sample(kind)
        out[kind] = read_document(data, name, kind, sha256_of(data))
    return out


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without LibreOffice: nothing named soffice on PATH."""
    monkeypatch.setenv("PATH", str(tmp_path))


# --------------------------------------------------------------------------- the registry


@pytest.mark.parametrize("kind", sorted(READABLE_KINDS))
def test_every_readable_kind_has_the_reader_that_claims_it(kind: str) -> None:
    reader = reader_for(kind)
    assert reader is not None and kind in reader.kinds
    assert [r for r in READERS if kind in r.kinds] == [reader]


def test_a_kind_no_reader_reads_is_unreadable_with_its_name() -> None:
    assert reader_for("zip") is None
    with pytest.raises(UnreadableFile) as err:
        read_document(b"PK\x05\x06" + bytes(18), "材料.zip", "zip", "0" * 64)
    assert err.value.reason == "不支持的文件类型（zip）"


def test_a_registry_missing_a_kind_is_refused() -> None:
    without_pdf = [r for r in READERS if not isinstance(r, PdfReader)]
    with pytest.raises(RuntimeError, match="no reader for kind 'pdf'"):
        readers_by_kind(without_pdf)


def test_two_readers_of_one_kind_are_refused() -> None:
    class SecondDocx(DocxReader):
        name = "second_docx"

    with pytest.raises(RuntimeError, match=r"kind 'docx' is read by \['docx', 'second_docx'\]"):
        readers_by_kind([*READERS, SecondDocx()])


def test_a_reader_claiming_a_kind_that_is_not_readable_is_refused() -> None:
    class ZipReader(EncryptedOoxmlReader):
        name = "zip"
        kinds = frozenset({"zip"})

    with pytest.raises(RuntimeError, match="claims 'zip', not in READABLE_KINDS"):
        readers_by_kind([*READERS, ZipReader()])


def test_two_readers_with_one_name_are_refused() -> None:
    class AlsoPdf(EncryptedOoxmlReader):
        name = "pdf"
        kinds = frozenset()

    with pytest.raises(RuntimeError, match="two readers are named 'pdf'"):
        readers_by_kind([*READERS, AlsoPdf()])


def test_only_legacy_word_kinds_are_prepared_in_batches() -> None:
    assert {kind for kind in READABLE_KINDS if needs_preparing(kind)} == LEGACY_WORD_KINDS


def test_nothing_prepared_may_be_handed_to_a_reader_without_a_batch_hook() -> None:
    with pytest.raises(ValueError, match="no batch hook"):
        read_document(pdf(), "申报书.pdf", "pdf", sha256_of(pdf()), prepared=docx())


# --------------------------------------------------------------------------- legacy Word


@pytest.mark.parametrize("kind", LEGACY)
def test_a_zip_given_as_a_legacy_word_kind_is_not_taken_for_its_converted_docx(kind: str) -> None:
    # Batch-converted files used to travel as their .docx under the old kind, recognised by
    # the zip signature; a zip now reaches the reader only as what it is.
    with pytest.raises(UnreadableFile) as err:
        read_document(docx(), "申报书.doc", kind, sha256_of(docx()))
    assert err.value.reason == NOT_WORD_REASON


@pytest.mark.usefixtures("no_libreoffice")
def test_without_libreoffice_a_legacy_file_is_unreadable_unless_it_was_prepared() -> None:
    reader = LegacyWordReader()
    assert reader.available() is False
    with pytest.raises(UnreadableFile) as err:
        reader.read(WORD2003_XML, "申报书.xml", "word2003xml", "0" * 64)
    assert err.value.reason == "无法读取 .word2003xml 文件：本机未安装 LibreOffice"

    runs, converter = Runs(), NoConverter()
    assert prepare_files([PrepareItem(WORD2003_XML, "申报书.xml", "word2003xml")], converter, run_limited=runs,
                         per_file_timeout=30, batch_size=40) == [None]
    assert runs.batches == [] and converter.calls == 0  # no soffice of either kind is started
    # A .docx the batch hook made earlier (here: elsewhere) is read without LibreOffice.
    doc = reader.read(WORD2003_XML, "申报书.xml", "word2003xml", "0" * 64, prepared=docx())
    assert doc.kind == "word2003xml" and doc.rows


@pytest.mark.slow
def test_batches_of_prepared_docx_read_the_same_rows_as_converting_each_file_alone(
        read_alone: dict[str, DocText]) -> None:
    files = [PrepareItem(*sample(kind), kind) for kind in LEGACY]
    files.insert(1, PrepareItem(pdf(), "申报书.pdf", "pdf"))  # no hook: passed over, not converted
    runs = Runs()

    made = prepare_files(files, NoConverter(), run_limited=runs, per_file_timeout=30, batch_size=2)

    assert runs.batches == [2, 2, 1]  # the five legacy Word files, in soffice runs of at most two
    assert made[1] is None and all(isinstance(m, bytes) for i, m in enumerate(made) if i != 1)
    for (data, name, kind), docx_bytes in zip(files, made):
        if kind == "pdf":
            continue
        prepared = read_document(data, name, kind, sha256_of(data), prepared=docx_bytes)
        assert prepared.kind == kind and prepared.rows
        assert prepared == read_alone[kind]


@pytest.mark.slow
@pytest.mark.skipif(not convert.persistent_available(), reason="python3-uno is not installed")
def test_a_kept_running_libreoffice_prepares_the_same_docx_one_file_at_a_time(
        read_alone: dict[str, DocText]) -> None:
    files = [PrepareItem(*sample(kind), kind) for kind in LEGACY]

    runs = Runs()
    with convert.PersistentConverter() as converter:
        made = prepare_files(files, lambda: converter, run_limited=runs, per_file_timeout=30, batch_size=40)

    assert runs.batches == []  # no soffice started per batch
    for (data, name, kind), docx_bytes in zip(files, made):
        assert docx_bytes is not None
        assert read_document(data, name, kind, sha256_of(data), prepared=docx_bytes) == read_alone[kind]


class Failed:
    """What a child that timed out or crashed gives back (shenbao's Isolated has a reason too)."""

    reason = "超时（超过 45 秒仍未读完）"


def returns_failure(func: Callable[..., Any], /, *args: Any, timeout: float) -> Any:
    return Failed()


def raises(func: Callable[..., Any], /, *args: Any, timeout: float) -> Any:
    raise RuntimeError("soffice crashed")


@needs_soffice
@pytest.mark.parametrize("run_limited", [returns_failure, raises], ids=["failed", "raised"])
def test_a_batch_whose_run_failed_prepares_nothing(run_limited: Callable[..., Any]) -> None:
    # Each file is then read alone, converted by its reader with its own limits and reason.
    files = [PrepareItem(WORD2003_XML, "申报书.xml", "word2003xml"), PrepareItem(WORD2003_XML, "副本.xml", "word2003xml")]

    assert prepare_files(files, NoConverter(), run_limited=run_limited, per_file_timeout=30,
                         batch_size=40) == [None, None]


@needs_soffice
def test_bytes_that_are_not_a_legacy_word_file_never_reach_libreoffice() -> None:
    files = [PrepareItem(docx(), "申报书.doc", "doc"), PrepareItem(b"just text\n" * 50, "说明.xml", "word2003xml")]

    runs, converter = Runs(), NoConverter()

    assert prepare_files(files, converter, run_limited=runs, per_file_timeout=30, batch_size=40) == [None, None]
    assert runs.batches == [] and converter.calls == 0


# --------------------------------------------------------------------------- docx repair


@pytest.mark.slow
@needs_soffice
def test_a_docx_lxml_refuses_is_read_through_libreoffice() -> None:
    xml = docx_xml_with_doctype("项目名称：修复测试项目")
    data = replace_part(docx(), "word/document.xml", xml)

    doc = read_document(data, "申报书.docx", "docx", sha256_of(data))

    assert doc.kind == "docx" and texts(doc) == [["项目名称：修复测试项目"]]


@pytest.mark.usefixtures("no_libreoffice")
def test_without_libreoffice_a_docx_lxml_refuses_stays_unreadable() -> None:
    data = replace_part(docx(), "word/document.xml", docx_xml_with_doctype("项目名称：修复测试项目"))

    with pytest.raises(UnreadableFile):
        read_document(data, "申报书.docx", "docx", sha256_of(data))


def docx_xml_with_doctype(text: str) -> bytes:
    """word/document.xml with an (empty) DOCTYPE, which the hardened parser refuses."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return (f'<?xml version="1.0"?><!DOCTYPE w:document []><w:document xmlns:w="{w}"><w:body>'
            f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>').encode("utf-8")

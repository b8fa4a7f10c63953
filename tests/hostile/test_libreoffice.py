"""LibreOffice (the fallback for .doc/.wps and docx files lxml refuses) never fetches what a
hostile document points at: external entities, a remote DTD, linked images, INCLUDEPICTURE."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shenbao.extractors import convert
from shenbao.extractors.docx_reader import docx_to_doctext
from shenbao.execution import Execution, Isolated
from shenbao.extraction import FileResult, read_file_job
from shenbao.settings import LimitSettings
from shenbao.record import Part
from tests.builders.docx_quirks import docx_with_body, para, replace_part, run
from tests.support.http_recorder import recording_server

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    with recording_server(b'<!ENTITY x "LEAKED">') as served:
        yield served


def hostile_docx(base_url: str) -> bytes:
    """A DOCTYPE (so lxml refuses it and LibreOffice gets it) with every kind of remote reference."""
    body = (f'<?xml version="1.0"?><!DOCTYPE w:document SYSTEM "{base_url}/doc.dtd" '
            f'[<!ENTITY ext SYSTEM "{base_url}/entity"><!ENTITY % p SYSTEM "{base_url}/param"> %p;]>'
            f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
            f'<w:p><w:r><w:t>项目名称 &ext;</w:t></w:r></w:p>'
            f'<w:p><w:fldSimple w:instr=\'INCLUDEPICTURE "{base_url}/pic.png" \\d\'><w:r><w:t>x</w:t></w:r>'
            f'</w:fldSimple></w:p>'
            f'<w:p><w:fldSimple w:instr=\'INCLUDETEXT "{base_url}/text.docx"\'><w:r><w:t>y</w:t></w:r>'
            f'</w:fldSimple></w:p>'
            f'<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>'
            '<w:sectPr/></w:body></w:document>')
    base = docx_with_body(para(run("x")))
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdLink" Type="{R}/hyperlink" Target="{base_url}/link" TargetMode="External"/>'
            f'<Relationship Id="rIdImg" Type="{R}/image" Target="{base_url}/img.png" TargetMode="External"/>'
            f'<Relationship Id="rIdTpl" Type="{R}/attachedTemplate" Target="{base_url}/tpl.dotm" '
            'TargetMode="External"/></Relationships>')
    data = replace_part(base, "word/document.xml", body.encode("utf-8"))
    return replace_part(data, "word/_rels/document.xml.rels", rels.encode("utf-8"))


def test_libreoffice_never_fetches_what_a_hostile_docx_points_at(server: tuple[str, list[str]]) -> None:
    base_url, hits = server
    data = hostile_docx(base_url)
    read = Execution(LimitSettings(file_timeout_seconds=90)).isolated_reader(read_file_job, FileResult.failed)
    result = read(Part(name="申报书.docx", content_type="application/octet-stream",
                                              data=data, kind="docx"), "0" * 64)
    assert not isinstance(result, Isolated)
    assert result.problem is None  # LibreOffice really opened it (lxml alone refuses a DOCTYPE)
    assert hits == []
    assert "LEAKED" not in result.to_json()


def hostile_word2003_xml(base_url: str) -> bytes:
    """Word 2003 XML (converted by the pipeline's persistent converter) with a remote DTD,
    external entities and a linked image."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:wordDocument SYSTEM "{base_url}/doc.dtd" '
            f'[<!ENTITY ext SYSTEM "{base_url}/entity"><!ENTITY % p SYSTEM "{base_url}/param"> %p;]>\n'
            '<?mso-application progid="Word.Document"?>\n'
            '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:body>'
            '<w:p><w:r><w:t>项目名称 &ext;</w:t></w:r></w:p>'
            f'<w:p><w:r><w:pict><v:imagedata src="{base_url}/img.png"/></w:pict></w:r></w:p>'
            '</w:body></w:wordDocument>').encode("utf-8")


@pytest.mark.skipif(not convert.persistent_available(), reason="LibreOffice or python3-uno is not installed")
def test_the_persistent_converter_never_fetches_what_a_hostile_file_points_at(
        server: tuple[str, list[str]]) -> None:
    base_url, hits = server
    with convert.PersistentConverter() as converter:
        outputs = [converter.to_docx(hostile_docx(base_url), "申报书.docx", "docx"),
                   converter.to_docx(hostile_word2003_xml(base_url), "申报书.xml", "word2003xml")]
    texts = ["\n".join(c.text for r in docx_to_doctext(out, "申报书.docx", "0").rows for c in r.cells)
             for out in outputs]
    assert all("项目名称" in t for t in texts)  # LibreOffice really opened both
    assert hits == []
    assert not any("LEAKED" in t for t in texts)

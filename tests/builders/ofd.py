"""OFD (版式文档) packages as WPS's 输出为OFD writes them: OFD.xml naming the document, its
Document.xml listing the pages, each page's Content.xml of TextObjects placed in millimetres."""

from __future__ import annotations

import io
import zipfile

NS = "http://www.ofdspec.org/2016"


def ofd_page(texts: list[tuple[float, float, str]], width: float = 210, height: float = 297, size: float = 3.7) -> str:
    objects = "".join(
        f'<ofd:TextObject ID="{n}" Boundary="{x} {y} {len(t) * size} {size * 1.4}" Font="2" Size="{size}">'
        f'<ofd:TextCode X="0" Y="{size}" DeltaX="{" ".join([str(size)] * (len(t) - 1))}">{t}</ofd:TextCode>'
        f"</ofd:TextObject>" for n, (x, y, t) in enumerate(texts, 10))
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}"><ofd:Area><ofd:PhysicalBox>0 0 {width} '
            f'{height}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="2" Type="Body">{objects}</ofd:Layer>'
            f"</ofd:Content></ofd:Page>")


def ofd_package(pages: list[str], *, doc_root: str = "Doc_0/Document.xml") -> bytes:
    """An OFD as WPS's 输出为OFD writes it: the document entry, the page list, each page."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" '
                              f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Creator>WPS Office</ofd:Creator>'
                              f"</ofd:DocInfo><ofd:DocRoot>{doc_root}</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        listed = "".join(f'<ofd:Page ID="{n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
                                         f"<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
                                         f"</ofd:PageArea></ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>")
        for n, page in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", page)
    return out.getvalue()

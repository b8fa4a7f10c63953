"""What a zip package says it is, for the stages that must tell one from an archive: an
OpenDocument file names its type in a `mimetype` member it opens with (ODF 1.2 §3.3)."""

from __future__ import annotations

import io
import zipfile

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def odf_mimetype(data: bytes) -> bytes:
    """The `mimetype` member of an OpenDocument package, or b"" for anything else."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = zf.getinfo("mimetype")
            return zf.read(info).strip() if info.file_size <= 128 else b""
    except Exception:  # noqa: BLE001 - not an OpenDocument package
        return b""

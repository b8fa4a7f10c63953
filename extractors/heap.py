"""Giving a long-lived reading process's freed memory back to the system.

A pooled reader (shenbao/execution.py) and its OCR helper read file after file. glibc keeps the
memory a file's parse or a page's OCR freed in its heap for reuse, so a reader that OCRed a photo
stayed resident at ~450 MB after it (the OCR engine's working set is freed, not returned), and
the next photo's peak came on top of that. Trimmed after each file, the same reader went back to
~200 MB and four photos in a row peaked at 846 MB instead of 912 (benchmarks/README.md,
eleventh session)."""

from __future__ import annotations

import ctypes
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim from the symbols already loaded in this process, or None elsewhere
    (musl, macOS, Windows). Looked up once, at import, in the process that forks the readers:
    a search for the C library (ctypes.util.find_library) would start ldconfig in every reader."""
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):
        return None


_TRIM = _malloc_trim()


def release_free_heap() -> None:
    """Return the heap's free pages to the system (nothing where malloc_trim does not exist)."""
    if _TRIM is not None:
        _TRIM(0)

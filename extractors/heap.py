"""Giving a long-lived reading process's freed memory back to the system.

A pooled reader (shenbao/execution.py) and its OCR helper read file after file. glibc keeps the
memory a file's parse or a page's OCR freed in its heap for reuse, so a reader that OCRed a photo
stayed resident at ~450 MB after it (the OCR engine's working set is freed, not returned), and
the next photo's peak came on top of that. Trimmed after each file, the same reader went back to
~200 MB and four photos in a row peaked at 846 MB instead of 912 (benchmarks/README.md,
eleventh session)."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        return libc if hasattr(libc, "malloc_trim") else None
    except (OSError, TypeError):
        return None


def release_free_heap() -> None:
    """Return the heap's free pages to the system (glibc's malloc_trim; nothing elsewhere)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)

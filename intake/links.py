"""Detect 超大附件 (cloud attachment) links in mail bodies (quirks B11).

Contract: `find_big_attachment_links(text)` returns the distinct download links in order of
appearance, HTML entities (`&amp;`) decoded, for the known mail-provider large-attachment and
cloud-drive hosts. It never downloads anything: the links expire and need a person.
"""

from __future__ import annotations

import html
import re

# Hosts and paths of the large-attachment services Chinese mail users are offered.
_PATTERNS: tuple[str, ...] = (
    r"mail\.163\.com/large-attachment-download",
    r"mail\.126\.com/large-attachment-download",
    r"mail\.yeah\.net/large-attachment-download",
    r"[a-z0-9.-]*\.mail\.163\.com/[^\s\"'<>]*(?:bigattach|attach)",
    r"mail\.qq\.com/cgi-bin/ftnexs_download",
    r"mail\.qq\.com/cgi-bin/ftnexs",
    r"wx\.mail\.qq\.com/ftn/download",
    r"exmail\.qq\.com/cgi-bin/ftnexs_download",
    r"edisk\.qiye\.163\.com",
    r"download\.cloud\.189\.cn",
    r"cloud\.189\.cn/t/",
    r"dl\.126\.net",
    r"dl\.163\.com",
    r"fs\.163\.com",
    r"pan\.baidu\.com/s/",
    r"share\.weiyun\.com/",
    r"(?:www\.)?aliyundrive\.com/s/",
    r"(?:www\.)?alipan\.com/s/",
    r"[a-z0-9-]+\.lanzou[a-z]?\.com/",
    r"caiyun\.139\.com/",
    r"yun\.139\.com/",
)
_HOST_RE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_URL_RE = re.compile(r"https?://[^\s\"'<>()\[\]{}，。；、！？]+", re.IGNORECASE)


def find_big_attachment_links(text: str) -> tuple[str, ...]:
    """Distinct 超大附件/cloud-drive links in `text` (plain text or raw HTML)."""
    if not text or "http" not in text.lower():
        return ()
    found: list[str] = []
    for match in _URL_RE.finditer(html.unescape(text)):
        url = match.group(0).rstrip(".,;:!?）)")
        if _HOST_RE.search(url) and url not in found:
            found.append(url)
    return tuple(found)

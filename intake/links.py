"""Detect 超大附件 (cloud attachment) links in mail bodies: the file is not a MIME part at all.

Contract: `find_big_attachment_links(text)` returns the distinct download links in order of
appearance, HTML entities (`&amp;`) decoded, for the known mail-provider large-attachment and
cloud-drive hosts. It never downloads anything: the links expire and need a person. It runs in
linear time: URLs are split with urllib and compared by host and path, never by a backtracking
regex over the whole text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

# (host, path marker): the host matches itself or any subdomain; an empty marker means any
# path on that host is a download link.
_RULES: tuple[tuple[str, str], ...] = (
    ("mail.163.com", "large-attachment"),
    ("mail.126.com", "large-attachment"),
    ("mail.yeah.net", "large-attachment"),
    ("mail.163.com", "bigattach"),
    ("mail.126.com", "bigattach"),
    ("mail.qq.com", "ftnexs"),
    ("mail.qq.com", "/ftn/"),
    ("exmail.qq.com", "ftnexs"),
    ("edisk.qiye.163.com", ""),
    ("download.cloud.189.cn", ""),
    ("cloud.189.cn", "/t/"),
    ("dl.126.net", ""),
    ("dl.163.com", ""),
    ("fs.163.com", ""),
    ("pan.baidu.com", "/s/"),
    ("share.weiyun.com", ""),
    ("aliyundrive.com", "/s/"),
    ("alipan.com", "/s/"),
    ("lanzoui.com", ""),
    ("lanzoux.com", ""),
    ("lanzouw.com", ""),
    ("caiyun.139.com", ""),
    ("yun.139.com", ""),
)
_URL_RE = re.compile(r"https?://[^\s\"'<>()\[\]{}，。；、！？]{1,2048}", re.IGNORECASE)
_MAX_TEXT = 4 * 1024 * 1024  # bodies beyond this are not scanned further


def is_big_attachment_link(url: str) -> bool:
    """True when `url` points at a known large-attachment or cloud-drive download."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    where = f"{parts.path}?{parts.query}".lower()
    for domain, marker in _RULES:
        if (host == domain or host.endswith("." + domain)) and marker in where:
            return True
    return False


def find_big_attachment_links(text: str) -> tuple[str, ...]:
    """Distinct 超大附件/cloud-drive links in `text` (plain text or raw HTML)."""
    if not text or "http" not in text.lower():
        return ()
    found: list[str] = []
    for match in _URL_RE.finditer(html.unescape(text[:_MAX_TEXT])):
        url = match.group(0).rstrip(".,;:!?）)")
        if url not in found and is_big_attachment_link(url):
            found.append(url)
    return tuple(found)

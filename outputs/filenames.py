"""File names made from text that came from outside (attachment names, units, project titles).

Contract of `safe_file_name(name, *, max_bytes, max_chars, keep_path)`: the result is one path
component that Windows, macOS and Linux all accept and that displays as what it is:
- NFC; no controls, no characters Windows forbids (`<>:"|?*`, which become `_`), no format
  characters such as the bidirectional overrides (a sender's "申报书\\u202egpj.docx" would
  display as a .jpg), no private-use or surrogate characters;
- `name` is a display name that may carry a folder path (`申报材料/申报书.docx`, from an
  archive): only its last part is kept — unless `keep_path`, when `/` and `\\` become `_` like
  the other forbidden characters (a title such as `物理/光学论坛` is text, not a path);
- no leading or trailing dots or spaces, and none before the extension;
- no Windows device name (CON, NUL, COM1, … whatever follows the first dot): it gets a `_`
  in front;
- at most `max_bytes` UTF-8 bytes (ext4 and APFS refuse names over 255 bytes, and one Chinese
  character is 3) and, when given, `max_chars` characters; the stem is shortened, never the
  extension (of at most 10 characters);
- never empty: a name with nothing left becomes 附件 (plus its extension).
"""

from __future__ import annotations

import re
import unicodedata

FALLBACK_STEM = "附件"
MAX_EXTENSION_CHARS = 10
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_SEPARATORS = re.compile(r"[\\/]")
# Format (bidi overrides, zero-width), surrogate and private-use characters.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Cs", "Co"})
_EDGES = " .\u3000"
# Windows opens the device, not a file, for these names whatever extension follows them.
WINDOWS_DEVICE_NAMES = frozenset({
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{n}" for n in "0123456789¹²³"), *(f"LPT{n}" for n in "0123456789¹²³"),
})


def safe_file_name(name: str, *, max_bytes: int = 180, max_chars: int | None = None,
                   keep_path: bool = False) -> str:
    """`name` as one safe file name; see the module contract. `max_bytes` must leave room for
    an extension and a few characters of stem (48 is plenty)."""
    text = unicodedata.normalize("NFC", name)
    text = _SEPARATORS.sub("_", text) if keep_path else _SEPARATORS.split(text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES)
    text = _FORBIDDEN.sub("_", text).strip(_EDGES)
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext) > MAX_EXTENSION_CHARS:
        stem, ext = text, ""
    suffix = "." + ext if ext else ""
    room_bytes = max_bytes - len(suffix.encode())
    room_chars = None if max_chars is None else max_chars - len(suffix)
    stem = _shorten(stem, room_bytes, room_chars)
    if _is_device_name(stem):
        stem = _shorten("_" + stem, room_bytes, room_chars)
    return stem + suffix


def fit_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` whose UTF-8 form fits in `max_bytes` bytes."""
    data = text.encode()
    if len(data) <= max_bytes:
        return text
    return data[:max(0, max_bytes)].decode(errors="ignore")


def _shorten(stem: str, max_bytes: int, max_chars: int | None) -> str:
    """`stem` cut to the limits, without dots or spaces at its end (never empty)."""
    if max_chars is not None:
        stem = stem[:max(1, max_chars)]
    return fit_utf8(stem, max(1, max_bytes)).rstrip(_EDGES) or FALLBACK_STEM


def _is_device_name(stem: str) -> bool:
    return stem.split(".", 1)[0].strip(" ").upper() in WINDOWS_DEVICE_NAMES

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

`distinct_file_names` makes the names of one folder's files safe and different from each other
(ignoring case, as Windows and macOS do); `fill_name_pattern` builds a folder name such as
`2024-0007_湖南省农学会` from a pattern with `{placeholders}` (the 附件 folders of the register).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping, Sequence

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
    text = _cleaned(name, keep_path=keep_path)
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


def distinct_file_names(names: Sequence[str], *, max_bytes: int = 180) -> list[str]:
    """`names` made safe (`safe_file_name`), in order; a name equal to an earlier one, ignoring
    case, is numbered before its extension (申报书.docx, 申报书 (2).docx), so that every file of
    one folder keeps its own copy. The same list always gives the same names."""
    out: list[str] = []
    taken: set[str] = set()
    for name in names:
        safe = candidate = safe_file_name(name, max_bytes=max_bytes)
        n = 1
        while candidate.casefold() in taken:
            n += 1
            stem, dot, ext = safe.rpartition(".")
            if not dot:
                stem, ext = safe, ""
            mark = f" ({n})" + dot + ext
            candidate = safe_file_name(fit_utf8(stem, max_bytes - len(mark.encode())) + mark, max_bytes=max_bytes)
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


# Put between a pattern's placeholders; dropped with a placeholder that has no value.
_PATTERN_SEPARATORS = " _-—·、，,"


def fill_name_pattern(pattern: str, values: Mapping[str, str], *, whole: frozenset[str] = frozenset(),
                      max_chars: int = 60, max_bytes: int = 180) -> str:
    """One safe file name from `pattern` ("{编号}_{单位}"): each `{name}` replaced by its value
    made safe (`/` in a unit is text, so it becomes `_`; runs of white space become one).
    A placeholder whose value is empty is left out with the separator before it (a row with no
    project: "2024-0007_湖南省农学会", not "2024-0007_湖南省农学会_"). Values named in `whole`
    are never shortened; the others are shortened in the pattern's order to keep the name within
    `max_chars` characters and `max_bytes` UTF-8 bytes (the first of them gets room first).
    `pattern` must parse (string.Formatter) and name only keys of `values`."""
    parts = list(string.Formatter().parse(pattern))
    texts = {key: _cleaned(re.sub(r"\s+", " ", value), keep_path=True) for key, value in values.items()}
    fixed = "".join(literal for literal, *_ in parts) + "".join(
        texts[f] for _, f, _, _ in parts if f is not None and f in whole)
    room_chars, room_bytes = max_chars - len(fixed), max_bytes - len(fixed.encode())
    out = ""
    drop_lead = False
    for literal, field, _, _ in parts:
        out += literal.lstrip(_PATTERN_SEPARATORS) if drop_lead and not out else literal
        drop_lead = False
        if field is None:
            continue
        text = texts[field]
        if field not in whole:
            text = fit_utf8(text[:max(0, room_chars)], max(0, room_bytes)).strip(_EDGES)
            room_chars, room_bytes = room_chars - len(text), room_bytes - len(text.encode())
        if text:
            out += text
        else:
            out = out.rstrip(_PATTERN_SEPARATORS)
            drop_lead = True
    return safe_file_name(out, max_chars=max_chars, max_bytes=max_bytes, keep_path=True)


def fit_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` whose UTF-8 form fits in `max_bytes` bytes."""
    data = text.encode()
    if len(data) <= max_bytes:
        return text
    return data[:max(0, max_bytes)].decode(errors="ignore")


def _cleaned(name: str, *, keep_path: bool) -> str:
    """NFC, one path component (or separators as `_`), nothing invisible or forbidden, no
    dots or spaces at either end; may be empty."""
    text = unicodedata.normalize("NFC", name)
    text = _SEPARATORS.sub("_", text) if keep_path else _SEPARATORS.split(text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _INVISIBLE_CATEGORIES)
    return _FORBIDDEN.sub("_", text).strip(_EDGES)


def _shorten(stem: str, max_bytes: int, max_chars: int | None) -> str:
    """`stem` cut to the limits, without dots or spaces at its end (never empty)."""
    if max_chars is not None:
        stem = stem[:max(1, max_chars)]
    return fit_utf8(stem, max(1, max_bytes)).rstrip(_EDGES) or FALLBACK_STEM


def _is_device_name(stem: str) -> bool:
    return stem.split(".", 1)[0].strip(" ").upper() in WINDOWS_DEVICE_NAMES

"""The twenty-third set of held-out variants: layouts, a checkbox encoding, a period format, value
decorations and ways a form is sent, written blind (without reading the extraction code). Held-out
only: dev never draws one of them (every draw of this set comes after dev's and the twenty-first
and twenty-second sets', and only when the plan is held-out's, each by the application's own key:
no draw of the plan's generator moves), so dev's corpora stay what they were.

They follow how offices fill and send the call's Word/WPS 申报书 template: the basic part as a
table of full-width rows, each row one merged cell holding its label and a colon, the value typed
after the colon (项目名称：…); the basic part as a 2-column table whose people rows hold the
template's sub-labels in the value cell, the person's details typed after each (项目负责人 |
姓名：王伟　　手机：138…). The chosen option's □ replaced by ● (the input method's 圆 gives it), □
before the others. The period's ends joined by the wave the Chinese input method types for ~
(2024年5月～2024年12月, 2024.5月～2024.12月). The leader's name followed by 等 as a team is named
(王伟等); a joint application's lead unit followed by （牵头单位） (where the form states the units'
roles); the e-mail followed by what kind
of address it is (（工作邮箱）). Sent as a .docx saved with its fonts embedded (Word's 将字体嵌入文件:
word/fonts/*.odttf, named in fontTable.xml, w:embedTrueTypeFonts in settings.xml); under a name with
the version the office gave it (申报书（终稿）.docx, 申报书-修改版.pdf).

Each table maps a variant's name to what it looks like; forms.py merges them into its own tables.
Every variant keeps the clean value recoverable by a careful reader, and none changes the truth:
the truth is the planned `App` (rows and sub-labels are layout; ● marks the chosen option; ～ joins
the period's ends; 等, the lead unit's note and the e-mail's kind are no part of the values they
stand by; the files sent are the form whatever fonts they carry and whatever version their names
say).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import hashlib
import io
import random
import re
import zipfile
from dataclasses import replace
from typing import TYPE_CHECKING

from benchmarks.gencorpus import holdout_variants_17 as hv17
from benchmarks.gencorpus import holdout_variants_19 as hv19
from benchmarks.gencorpus import holdout_variants_22 as hv22
from benchmarks.gencorpus.docmodel import Block, Cell, Table, plain
from shenbao.demo.forms import Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "full_width_rows": "a table of full-width rows, each row one merged cell holding its label and a colon, the "
                       "value typed after the colon (项目名称：2024年湖南省光学学术年会)",
    "person_subfields": "2-column table whose people rows hold the template's sub-labels in the value cell, the "
                        "details typed after each (项目负责人 | 姓名：王伟　　手机：138…; 项目联系人 | 姓名：李娜　　"
                        "电话：0731-…↵邮箱：…)",
}

CHECKBOXES: dict[str, str] = {
    "dot_for_box": "the chosen option's □ replaced by ● (the input method's 圆), □ before the others: "
                   "●学会服务站建设　□学术交流",
}
WORD_ONLY_CHECKBOXES: frozenset[str] = frozenset()

FUNDINGS: dict[str, str] = {}
DATES: dict[str, str] = {
    "wave_range": "the ends joined by the wave the Chinese input method types for ~: 2024年5月～2024年12月, "
                  "2024年5月~2024年12月, 2024.5月～2024.12月, 2024年5月～12月 (the end's year implied when it is "
                  "the start's)",
}
DAY_DATES: frozenset[str] = frozenset()

DECORATIONS: dict[str, str] = {
    "name_and_others": "the leader's name followed by 等 as a team is named: 王伟等, 王伟 等, 王伟等人",
    "org_lead_note": "a joint application's lead unit followed by its role (where the form states the roles): "
                     "湖南省光学学会（牵头单位）, …（牵头）, …（主持单位）",
    "email_kind_note": "the e-mail followed by what kind of address it is: lina@163.com（工作邮箱）, …（单位邮箱）, "
                       "…（常用）",
    "fonts_embedded_docx": "the .docx saved with its fonts embedded (Word's 将字体嵌入文件): word/fonts/*.odttf named in "
                           "fontTable.xml and its relationships, w:embedTrueTypeFonts in settings.xml (forms sent as "
                           ".docx)",
    "version_note_name": "the file's name with the version the office gave it before the extension: "
                         "申报书（终稿）.docx, 申报书-修改版.pdf, 申报书v2.docx (forms sent as .docx or PDF)",
}
# Held-out odds: new variants weighed up so that each shows often enough to count.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "dot_for_box": 5.0, "wave_range": 5.0}
DECORATION_ODDS: dict[str, float] = {"name_and_others": 0.6, "org_lead_note": 0.8, "email_kind_note": 0.4,
                                     "fonts_embedded_docx": 0.6, "version_note_name": 0.5}

VALUE_DECORATIONS = frozenset({"name_and_others", "org_lead_note", "email_kind_note"})
PER_FILE = frozenset({"fonts_embedded_docx", "version_note_name"})
PER_MAIL: frozenset[str] = frozenset()
NAMES = frozenset({*LAYOUTS, *CHECKBOXES, *FUNDINGS, *DATES, *DECORATIONS})

_SCANS = frozenset({"scan_pdf", "photo_jpg"})
_WAY_FORMATS = {"fonts_embedded_docx": frozenset({"docx"}), "version_note_name": frozenset({"docx", "pdf"})}
# The earlier sets' ways of sending a file each way of this set's is not sent with (WPS embeds fonts
# as Word does, and a package of stored members holds them as well; a version note goes after an
# annex number, not after an extension typed twice).
_CONFLICTS = {"fonts_embedded_docx": hv22._CONFLICTS["wps_saved_docx"] - {"docx_stored"},
              "version_note_name": hv22._CONFLICTS["annex_numbered_name"] | {"double_extension"}}
_NO_MARK_LAYOUTS = hv22._NO_MARK_LAYOUTS
_STAND_INS = hv22._STAND_INS
_PLAIN_LAYOUTS = hv22._PLAIN_LAYOUTS

_OTHERS = ("等", " 等", "等人")
_LEAD_NOTES = ("（牵头单位）", "（牵头）", "（主持单位）")
_EMAIL_KINDS = ("（工作邮箱）", "（单位邮箱）", "（常用）")
_VERSIONS = ("（终稿）", "-定稿", "_修改版", "v2", "（最终版）", "-修订稿")
_SUBFIELD_GAP = "　　"


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- marks

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "dot_for_box":
        return f"●{label}" if chosen else f"□{label}"
    raise ValueError(style)


def mark(style: str, label: str) -> str:
    """The chosen option as its encoding writes it."""
    return option_text(True, label, style)


def checkbox_for(checkbox: str, app: App | None, look: Look) -> str:
    """The encoding a form of `look.layout` shows: this set's mark needs options that are text."""
    if checkbox not in CHECKBOXES:
        return checkbox
    if look.layout in _NO_MARK_LAYOUTS:
        return "text_only" if look.layout == "sheet_row_xlsx" else _pick((app.aid if app else "") + "-23box",
                                                                           _STAND_INS)
    return checkbox


# ---------------------------------------------------------------------------- periods

def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "wave_range":
        hows = ("cn", "cn_half", "dot_yue") + (("cn_short",) if s.year == e.year else ())
        how = _pick(app.aid + "-wave", hows)
        if how == "cn":
            return f"{s.year}年{s.month}月～{e.year}年{e.month}月"
        if how == "cn_half":
            return f"{s.year}年{s.month}月~{e.year}年{e.month}月"
        if how == "dot_yue":
            return f"{s.year}.{s.month}月～{e.year}.{e.month}月"
        return f"{s.year}年{s.month}月～{e.month}月"
    raise ValueError(style)


# ---------------------------------------------------------------------------- values as typed

def _after_empty(typed: str, value: str | None) -> bool:
    return hv19._after_is_empty(typed, value)


_SEAL = re.compile(r"[（(][盖公]章[）)]")


def _before_seal(typed: str, value: str) -> bool:
    """Whether nothing follows `value` in `typed` but the template's （盖章） (the note goes before it)."""
    k = hv17.spot(typed, value)
    if k is None:
        return False
    after = plain(typed[k + len(value):]).strip()
    return not after or bool(_SEAL.fullmatch(after))


def _others(app: App) -> str:
    return _pick(app.aid + "-others23", _OTHERS)


def _lead(app: App) -> str:
    return _pick(app.aid + "-lead23", _LEAD_NOTES)


def _kind(app: App) -> str:
    return _pick(app.aid + "-kind23", _EMAIL_KINDS)


def is_led(app: App) -> bool:
    """A joint application whose form states the units' roles (its lead unit's note only echoes them)."""
    return bool(app.partners) and app.roles_stated


def has_email(app: App) -> bool:
    return bool(app.contact_email and "@" in app.contact_email)


def typed(v: _V) -> None:
    """This set's value decorations on `v`'s typed strings (each right after the clean value where
    nothing an earlier set typed follows it)."""
    app, look = v.app, v.look
    decos = set(look.value_decos) & VALUE_DECORATIONS
    if not decos:
        return
    if "name_and_others" in decos and _after_empty(v.name, app.leader_name):
        v.name = hv19._around(v.name, app.leader_name, "", _others(app))
    if "org_lead_note" in decos and is_led(app) and _before_seal(v.org, app.applicant_org):
        v.org = hv19._around(v.org, app.applicant_org, "", _lead(app))
    if "email_kind_note" in decos and has_email(app) and _after_empty(v.email, app.contact_email):
        assert app.contact_email is not None
        v.email = hv19._around(v.email, app.contact_email, "", _kind(app))


# What each value decoration puts where it shows (the form's blocks hold it then).
def marker(d: str, app: App) -> str:
    if d == "name_and_others":
        return app.leader_name + _others(app)
    if d == "org_lead_note":
        return app.applicant_org + _lead(app)
    if d == "email_kind_note":
        return str(app.contact_email) + _kind(app)
    raise ValueError(d)


def _shown(app: App, look: Look, compact: bool, text: str) -> bool:
    from benchmarks.gencorpus.forms import form_blocks

    return text in plain(repr(form_blocks(app, look, compact=compact)).replace("\\n", "\n"))


def _shows(d: str, app: App, look: Look, fmt: str, kept: set[str], mine: list[str]) -> bool:
    """Whether this set's decoration `d` shows on `app` in a form of `look` sent as `fmt`, given
    the decorations `kept` drawn before it and this set's `mine`."""
    layout = look.layout
    if d in VALUE_DECORATIONS:
        if layout in _PLAIN_LAYOUTS or "merge_fields" in kept:
            return False
        if d == "org_lead_note" and not is_led(app):
            return False
        if d == "email_kind_note" and not has_email(app):
            return False
        with_it = replace(look, value_decos=(*look.value_decos, *mine, d), decorations=(*look.decorations, *mine, d))
        without = replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))
        compact = fmt in _SCANS
        text = marker(d, app)
        return _shown(app, with_it, compact, text) and not _shown(app, without, compact, text)
    if d in PER_FILE:
        return fmt in _WAY_FORMATS[d] and not _CONFLICTS[d] & kept and layout not in ("sheet_row_xlsx", "system_pdf")
    raise ValueError(d)


def drawn(rng: random.Random, app: App | None, look: Look, fmt: str) -> Look:
    """`look` with this set's draws after every earlier set's: the encoding a layout can show, the
    decorations that show on `app` in `fmt` (a file sent one way of this set's at most). Each draw
    is the application's own (`rng` is not drawn from: the plan's later draws stay)."""
    look = replace(look, checkbox=checkbox_for(look.checkbox, app, look))
    if app is None or look.layout == "system_pdf":
        return look
    draws = tuple(d for d, odds in DECORATION_ODDS.items() if _odds(f"{app.aid}-{fmt}-23-{d}", odds))
    kept = set(look.decorations)
    mine: list[str] = []
    for d in draws:
        if d in PER_FILE and PER_FILE & set(mine):  # (one way of sending a file)
            continue
        if _shows(d, app, look, fmt, kept, mine):
            mine.append(d)
    if not mine:
        return look
    return replace(look, value_decos=(*look.value_decos, *mine), decorations=(*look.decorations, *mine))


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "full_width_rows":
        return _full_width_rows(v)
    if layout == "person_subfields":
        return _person_subfields(v)
    raise ValueError(layout)


def _full_width_rows(v: _V) -> tuple[Block, ...]:
    rows = tuple((Cell(f"{label}：{value}"),) for label, value in hv19._pairs(v))
    return (Para("一、基本情况", "heading"), Table((4.5,), rows))


def subfields(*pairs: tuple[str, str]) -> str:
    """Sub-labelled details in one cell, as the template lays them out (姓名：…　　手机：…)."""
    return _SUBFIELD_GAP.join(f"{label}：{value}" for label, value in pairs)


def _person_subfields(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, Cell]] = [(Cell("项目名称"), Cell(v.project)), (Cell("项目类别"), Cell(v.category)),
                                     (Cell("申报单位"), Cell(v.org)), (Cell("单位类型"), Cell(v.type))]
    if v.joint:
        rows.append((Cell(v.joint_label), Cell(v.joint)))
    rows += [(Cell("项目负责人"), Cell(subfields(("姓名", v.name), ("手机", v.leader_phone)))),
             (Cell("项目联系人"), Cell(subfields(("姓名", v.contact), ("电话", v.contact_phone)) + "\n"
                                       + subfields(("邮箱", v.email)))),
             (Cell(v.funding_label), Cell(v.funding)), (Cell("起止时间"), Cell(v.period))]
    return (Para("一、基本情况", "heading"), Table((1.2, 3.3), tuple(rows)))


# ---------------------------------------------------------------------------- files

_FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
_EMBEDDED = ("仿宋_GB2312", "方正小标宋简体")
_FONT_SIZE = 24 * 1024


def font_key(aid: str, k: int) -> str:
    h = hashlib.md5(f"{aid}-font23-{k}".encode()).hexdigest().upper()
    return f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}}}"


def _obfuscated(aid: str, k: int) -> bytes:
    """A subset font as Word stores it: the TrueType file with its first 32 bytes XORed with the
    font key's bytes (ECMA-376 Part 1, 17.8.1)."""
    out = bytearray(b"\x00\x01\x00\x00")
    block = hashlib.sha256(f"{aid}-odttf-{k}".encode()).digest()
    while len(out) < _FONT_SIZE:
        out += block
        block = hashlib.sha256(block).digest()
    del out[_FONT_SIZE:]
    key = bytes.fromhex(font_key(aid, k).strip("{}").replace("-", ""))[::-1]
    for i in range(32):
        out[i] ^= key[i % 16]
    return bytes(out)


def _font_entry(name: str, rid: str, key: str) -> str:
    return (f'<w:font w:name="{name}"><w:altName w:val="{name}"/><w:charset w:val="86"/><w:family w:val="modern"/>'
            f'<w:pitch w:val="fixed"/><w:embedRegular r:id="{rid}" w:fontKey="{key}" w:subsetted="1"/></w:font>')


def fonts_embedded(docx: bytes, aid: str) -> bytes:
    """`docx` as Word saves it with its fonts embedded: subset fonts in word/fonts/*.odttf, named by
    fontTable.xml's w:embedRegular and its relationships, the Default for .odttf in the content
    types, w:embedTrueTypeFonts and w:saveSubsetFonts in settings.xml."""
    out = io.BytesIO()
    rids = [f"rIdF{k}" for k in range(1, len(_EMBEDDED) + 1)]
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml" and b'Extension="odttf"' not in data:
                data = re.sub(rb"(<Types[^>]*>)", rb'\1<Default Extension="odttf" ContentType="'
                              + _FONT_TYPE.encode() + rb'"/>', data, count=1)
            elif info.filename == "word/fontTable.xml":
                entries = "".join(_font_entry(n, r, font_key(aid, k))
                                  for k, (n, r) in enumerate(zip(_EMBEDDED, rids), 1))
                data = data.replace(b"</w:fonts>", entries.encode() + b"</w:fonts>")
            elif info.filename == "word/settings.xml" and b"w:embedTrueTypeFonts" not in data:
                added = b"<w:embedTrueTypeFonts/><w:saveSubsetFonts/>"
                if re.search(rb"<w:zoom[^>]*/>", data):
                    data = re.sub(rb"(<w:zoom[^>]*/>)", rb"\1" + added, data, count=1)
                else:
                    data = re.sub(rb"(<w:settings[^>]*>)", rb"\1" + added, data, count=1)
            dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        rels = "".join(f'<Relationship Id="{r}" Type="{_FONT_REL}" Target="fonts/font{k}.odttf"/>'
                       for k, r in enumerate(rids, 1))
        if "word/_rels/fontTable.xml.rels" not in names:
            dst.writestr("word/_rels/fontTable.xml.rels",
                         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns='
                         f'"http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
                         zipfile.ZIP_DEFLATED)
        for k in range(1, len(_EMBEDDED) + 1):
            dst.writestr(f"word/fonts/font{k}.odttf", _obfuscated(aid, k), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def embedded_fonts(docx: bytes) -> list[str]:
    """The names of the fonts a .docx carries embedded (fontTable.xml's w:embedRegular)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        if "word/fontTable.xml" not in zf.namelist():
            return []
        table = zf.read("word/fontTable.xml").decode("utf-8")
    return re.findall(r'<w:font w:name="([^"]+)">(?:(?!</w:font>).)*<w:embedRegular ', table)


def docx_sent(docx: bytes, decorations: tuple[str, ...], aid: str) -> bytes:
    return fonts_embedded(docx, aid) if "fonts_embedded_docx" in decorations else docx


def version_note(aid: str) -> str:
    return _pick(aid + "-version23", _VERSIONS)


def sent_name(name: str, decorations: tuple[str, ...], aid: str) -> str:
    """The file's name as sent: the version the office gave it before the extension (申报书（终稿）.docx)."""
    if "version_note_name" not in decorations or "." not in name:
        return name
    stem, ext = name.rsplit(".", 1)
    return f"{stem}{version_note(aid)}.{ext}"


# ---------------------------------------------------------------------------- how the mail is sent

def _without(look: Look, decoration: str) -> Look:
    return replace(look, decorations=tuple(d for d in look.decorations if d != decoration),
                   value_decos=tuple(d for d in look.value_decos if d != decoration))


def settle(mails: list[MailPlan]) -> None:
    """The mails' files (no draw of a plan's generator): a file sent an earlier set's way after all
    that makes it otherwise, sent in another format or not sent keeps no way of this set's; a value
    decoration no longer shown goes."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            decos = set(f.look.decorations)
            drop = set(PER_FILE) if f not in sent else {w for w in PER_FILE
                                                        if _CONFLICTS[w] & decos or f.fmt not in _WAY_FORMATS[w]}
            for way in drop & decos:
                f.look = _without(f.look, way)
            compact = f.fmt in _SCANS
            for d in sorted(set(f.look.value_decos) & VALUE_DECORATIONS):
                if not _shown(f.app, f.look, compact, marker(d, f.app)):
                    f.look = _without(f.look, d)


def holdout_emails(mails: list[MailPlan], names: frozenset[str] = NAMES) -> int:
    """How many mails show a variant of this set's (or of `names`: the held-out split's own)."""
    return sum(any({f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & names
                   for f in m.forms) for m in mails)

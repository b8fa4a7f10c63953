"""The generalisation corpus generator: real files, truth that agrees with them."""

from __future__ import annotations

import base64
import email
import email.policy
import functools
import hashlib
import io
import json
import random
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import numpy as np
import py7zr
import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from benchmarks.gencorpus.build import SPLIT_BASE, plan_corpus
from benchmarks.gencorpus.forms import App, daxie, funding_text, period_text
from benchmarks.gencorpus.rules import form_findings, load_guide
from benchmarks.gencorpus.write import write_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    # Seed 445 gives docx, PDF, photos, .doc, .wps, zip and 7z (the 7z under a .zip name, the
    # eighteenth set's, read as the 7z it is; a RAR and a .tar.gz beside them; photos pasted into a
    # body and a form pasted into one as HTML, read where they are).
    write_corpus(out, "dev", 13, seed=445)
    return out


@functools.cache
def _plan(split: str, count: int, seed: int) -> list[Any]:
    """plan_corpus's mails, planned once for the whole module: tests only read them, and many
    tests (every set's draws, its prints' forms) look at the same plans."""
    return plan_corpus(split, count, seed=seed)[1]


def _truth(root: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (root / "truth.jsonl").read_text(encoding="utf-8").splitlines()]


def _messages(root: Path) -> dict[str, EmailMessage]:
    out: dict[str, EmailMessage] = {}
    for path in sorted((root / "mail").glob("*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        out[str(msg["Message-ID"])] = msg
    return out


def _attachments(msg: EmailMessage) -> dict[str, bytes]:
    """The files `msg` carries by their SHA-256, a forwarded message's own ones too (forwarded_eml:
    a message/rfc822 part written as it is, or a saved .eml file)."""
    out: dict[str, bytes] = {}
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True)
        if data is None and part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            assert isinstance(payload, list) and len(payload) == 1
            carried = payload[0]
            assert isinstance(carried, EmailMessage)
            out |= _attachments(carried)
            continue
        assert isinstance(data, bytes)
        out[hashlib.sha256(data).hexdigest()] = data
        if str(part.get_filename()).lower().endswith(".eml"):
            saved = email.message_from_bytes(data, policy=email.policy.default)
            assert isinstance(saved, EmailMessage)
            out |= _attachments(saved)
    return out


def _inline_parts(msg: EmailMessage) -> dict[str, bytes]:
    """The pictures pasted into `msg`'s body (inline parts of its multipart/related) by their SHA-256."""
    out: dict[str, bytes] = {}
    for related in (p for p in msg.walk() if p.get_content_type() == "multipart/related"):
        for part in related.iter_parts():
            if part.get_content_disposition() == "inline" and part.get_content_maintype() == "image":
                data = part.get_payload(decode=True)
                assert isinstance(data, bytes)
                out[hashlib.sha256(data).hexdigest()] = data
    return out


def test_folder_layout_matches_the_sample(corpus: Path) -> None:
    for name in ("manifest.json", "receipts.xlsx", "history.xlsx", "rules.json", "truth.jsonl"):
        assert (corpus / name).is_file(), name
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    files = [m["file"] for m in manifest["messages"]]
    assert files == [f"mail/{i:04d}.eml" for i in range(1, 14)]
    dates = [datetime.fromisoformat(m["internaldate"]) for m in manifest["messages"]]
    assert dates == sorted(dates)
    assert all(m["internaldate"].endswith("+08:00") for m in manifest["messages"])
    assert manifest["deadlines"]["electronic"] == "2024-04-30T17:00:00+08:00"
    ledger = load_workbook(corpus / "receipts.xlsx").active
    assert ledger is not None
    assert [c.value for c in ledger[1]] == ["登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注"]
    history = load_workbook(corpus / "history.xlsx").active
    assert history is not None
    assert [c.value for c in history[1]] == ["年度", "申报单位", "项目名称", "项目类别"]


def _decrypt_docx(data: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    src = OOXMLFile(io.BytesIO(data))
    src.load_key(password=password)
    out = io.BytesIO()
    src.decrypt(out)
    return out.getvalue()


_OLE = bytes.fromhex("D0CF11E0A1B11AE1")  # an OLE compound file, as Word 97 writes (and Office encrypts)


def _held_word_format(name: str, data: bytes) -> str:
    """The Word format a file named `name` holds: a .docx package (PK) or a Word 97 file (an OLE
    file with a WordDocument stream), else what its name says (an encrypted .docx is OLE too)."""
    ext = name.lower().rsplit(".", 1)[1]
    if data[:2] == b"PK":
        return "docx"
    if data[:8] == _OLE and "WordDocument".encode("utf-16-le") in data:
        return "doc"
    return ext


def _package_text(data: bytes) -> str:
    """A Word package's text whatever Word saved it as: a template or a macro-enabled document (the
    seventeenth set's: read as the document it is), a package whose form is an altChunk (the
    fifteenth set's: the chunk's text; python-docx opens neither)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "word/afchunk1.docx" in zf.namelist():
            return _docx_all_text(zf.read("word/afchunk1.docx"))
        if b"purl.oclc.org/ooxml" in zf.read("_rels/.rels"):  # (Strict Open XML, the nineteenth set's)
            return re.sub(r"<[^>]+>", "", zf.read("word/document.xml").decode())
        types = zf.read("[Content_Types].xml").decode()
        main = re.sub(r"openxmlformats-officedocument\.wordprocessingml\.template\.main\+xml"
                      r"|ms-word\.(?:document|template)\.macroEnabled(?:Template)?\.main\+xml",
                      "openxmlformats-officedocument.wordprocessingml.document.main+xml", types)
        if main == types:
            return _docx_all_text(data)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as dst:
            for info in zf.infolist():
                dst.writestr(info, main.encode() if info.filename == "[Content_Types].xml" else zf.read(info))
    return _docx_all_text(out.getvalue())


def test_every_truth_file_is_in_its_mail_and_readable(corpus: Path) -> None:
    msgs = _messages(corpus)
    kinds: set[str] = set()
    rows = _truth(corpus)
    # A mail's files are every form's: a form's decorations are its row's, its files the mail's.
    decorations: dict[str, set[str]] = {}
    for row in rows:
        decorations.setdefault(row["message_id"], set()).update(row.get("tags", {}).get("decorations", ()))
    for row in rows:
        if not row["electronic"]:
            continue
        msg = msgs[row["message_id"]]
        attached = _attachments(msg)
        tnef = _tnef_files(attached)  # (the fifteenth set's: Outlook's winmail.dat holds the files)
        text = _body_text(msg)  # (a body in HTML only, the sixteenth set's: its text)
        found = re.search(r"(?:密码|口令|password)[：:是\s]*([A-Za-z0-9]+)", text)
        password = found.group(1) if found else None
        fmt = row["tags"].get("format")
        seen_text = ""
        members: set[str] = set()  # of every archive the mail carries (two forms: two archives)
        volumes: list[tuple[str, bytes]] = []  # (the eighteenth set's: an archive split into volumes)
        for f in row["files"]:
            if f.get("in_zip"):
                continue
            name = f["name"].lower()
            if f.get("in_body"):  # (the form pasted into the body, the twelfth set's body_html_form, or the
                # fifteenth set's fields typed into a body: the body's text)
                from html import unescape

                body = msg.get_body(preferencelist=("html",) if name.endswith((".html", ".htm")) else ("plain",))
                assert body is not None, f["name"]
                seen_text += unescape(re.sub(r"<[^>]+>", "", str(body.get_content())))
                continue
            if name.endswith(".eml") and f["sha256"] not in attached:
                # A forwarded message written as it is (message/rfc822, 8bit): its files were read
                # from it above (in_eml), its own bytes are the forwarder's mail's.
                assert [p for p in msg.iter_attachments() if p.get_content_type() == "message/rfc822"]
                assert all(g.get("in_eml") for g in row["files"] if g is not f), row["files"]
                kinds.add("eml")
                continue
            if f.get("inline"):  # (the twelfth set's body_pictures: an inline part of the body, no attachment)
                assert f["sha256"] not in attached
                data = _inline_parts(msg)[f["sha256"]]  # KeyError: a picture the body does not carry
            else:
                data = (tnef if f.get("in_tnef") else attached)[f["sha256"]]  # KeyError: a file the mail does not carry
            if "." not in name:  # (a name that lost its extension, the sixteenth set's: read as what it holds)
                name += ".pdf" if data.startswith(b"%PDF") else "." + _held_word_format(name + ".bin", data)
            ext = name.rsplit(".", 1)[1]
            if ext in ("doc", "docx") and _held_word_format(name, data) != ext:
                # A form under the other Word format's name (misnamed_ext): read as what it holds.
                assert f["role"] == "form" and "misnamed_ext" in decorations[row["message_id"]], f["name"]
                ext = _held_word_format(name, data)
                kinds.add("misnamed")
            if ext == "pdf":
                doc = pdfium.PdfDocument(data, password=password if fmt == "enc_pdf_pw" else None)
                assert 1 <= len(doc) <= 8
                page_text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
                doc.close()
                # (A searchable scan, the fifteenth set's ocr_text_layer, has the copier's OCR text: its own
                # test reads it.)
                if fmt == "scan_pdf" and "two_apps" not in row["tags"]["quirks"] \
                        and "ocr_text_layer" not in row["tags"]["decorations"]:
                    assert page_text.strip() == ""  # image only
                seen_text += page_text
            elif ext == "docx":
                if fmt == "enc_docx_pw" and f["role"] == "form":
                    assert password is not None
                    data = _decrypt_docx(data, password)
                if f["role"] != "unreadable":
                    # Text boxes and content controls too (textbox_frame, dropdown_control).
                    seen_text += _package_text(data)
            elif ext in ("doc", "wps"):
                decos = set(row["tags"].get("decorations", ()))
                if "wordml_doc" in decos and f["role"] == "form":  # (the fifteenth set's: Word 2003 XML)
                    assert data.startswith(b"<?xml") and b"w:wordDocument" in data[:4000]
                elif "rtf_as_doc" in decos and f["role"] == "form":  # (the fifteenth set's: RTF under .doc)
                    assert data.startswith(b"{\\rtf")
                elif "html_doc" in decos and f["role"] == "form":  # (the twelfth set's: a web page under .doc)
                    assert b"<html" in data[:4000].lower()
                else:
                    assert data[:8] == _OLE  # OLE, as Word 97 writes
            elif ext == "jpg":
                assert Image.open(io.BytesIO(data)).size[0] > 800
            elif ext == "eml":  # a forwarded message saved as a file, carrying the form
                saved = email.message_from_bytes(data, policy=email.policy.default)
                assert isinstance(saved, EmailMessage) and list(saved.iter_attachments())
            elif ext in ("zip", "7z", "rar", "gz"):
                # (An archive inside the archive, the fourteenth set's nested_archive: its members too;
                # a RAR5 archive, the seventeenth set's; a .tar.gz or a 7z under a .zip name, the
                # eighteenth set's: read as what it holds.)
                # (A locked archive, the fifteenth set's archive_password: opened with the body's password.)
                locked = "archive_password" in decorations[row["message_id"]]
                members |= set(_unpack(name, data, password if locked else None))
                if data[:6] == b"7z\xbc\xaf\x27\x1c":  # (a 7z under a .zip name, the eighteenth set's: a 7z read)
                    kinds.add("7z")
            elif re.fullmatch(r"\d{3}", ext):  # (the eighteenth set's: a volume of a split archive)
                volumes.append((name, data))
            elif ext == "webp":  # (the eighteenth set's: phone photos saved as WebP)
                assert Image.open(io.BytesIO(data)).size[0] > 800
            elif ext == "ofd":  # (the seventeenth set's: OFD in place of the PDF, its text objects)
                seen_text += _ofd_text(data)
            elif ext in ("dotx", "docm"):  # (the seventeenth set's: a template's or a macro document's package)
                seen_text += _package_text(data)
            elif ext == "png":  # (the seventeenth set's: the pages exported as pictures)
                assert Image.open(io.BytesIO(data)).size[0] > 800
            kinds.add(ext)
        if volumes:  # (the volumes joined in their order are the archive)
            volumes.sort()
            members |= set(_unpack(volumes[0][0][:-4], b"".join(d for _, d in volumes)))
        assert {m["sha256"] for m in row["files"] if m.get("in_zip")} <= members
        # (A PDF whose fonts lost their ToUnicode maps and a .docx holding only the scans of its
        # printout, the fourteenth set's, have no text to read: their own test reads them.)
        unreadable = {"no_tounicode", "scan_in_docx"} & set(row["tags"].get("decorations", ()))
        if fmt in ("docx", "pdf", "enc_docx_pw", "enc_pdf_pw") and row["fields"]["project_name"] and not unreadable:
            # LibreOffice draws “ ” in a Latin font, and PDF text puts them apart from their words;
            # digits typed full-width read as digits, pasted zero-width spaces as nothing (_flat).
            flat = re.sub("[“”]", "", _flat(seen_text))
            assert re.sub("[“”]", "", _flat(row["fields"]["project_name"])) in flat
    assert {"docx", "pdf", "jpg", "doc", "zip", "7z"} <= kinds


def test_truth_agrees_with_ledger_guide_and_itself(corpus: Path) -> None:
    truth = _truth(corpus)
    guide = load_guide()
    ledger = load_workbook(corpus / "receipts.xlsx").active
    assert ledger is not None
    copies = {str(r[0]): r[5] for r in ledger.iter_rows(min_row=2, values_only=True)}
    mids = {t["message_id"] for t in truth if t["message_id"]}
    assert [t["truth_id"] for t in truth] == [f"T-{i:04d}" for i in range(1, len(truth) + 1)]
    seen_receipts: list[str] = []
    for t in truth:
        codes = {f["code"] for f in t["findings"]}
        paper = t["paper"]
        if paper is not None:
            seen_receipts += paper["receipt_ids"]
            assert paper["copies"] == sum(copies[r] for r in paper["receipt_ids"])
        if not t["electronic"]:
            assert "ELECTRONIC_MISSING" in codes and paper["receipt_ids"]
            continue
        if t["superseded_by"] is not None:
            assert codes == {"SUPERSEDED"} and t["superseded_by"] in mids
            assert t["superseded_by"] != t["message_id"]
            continue
        assert ("LATE_ELECTRONIC" in codes) == (datetime.fromisoformat(t["received_at"]) > guide.electronic_deadline)
        if t["kind"] != "application" or "NO_FORM" in codes:
            continue
        f = t["fields"]
        item = guide.items[f["subcategory"]]
        assert f["category"] == item.category
        assert ("FUNDING_OUT_OF_RANGE" in codes) == (not item.fmin <= f["funding_wan"] <= item.fmax)
        assert ("END_DATE_TOO_LATE" in codes) == (f["end_date"][:7] > "2024-12")
        assert ("PAPER_MISSING" in codes) == (not paper["receipt_ids"])
        assert ("PAPER_SHORT" in codes) == (bool(paper["receipt_ids"]) and paper["copies"] < 3)
        for key in ("leader_phone", "contact_phone", "contact_email"):
            assert (f[key] is None) == ({"code": "MISSING_FIELD", "field": key} in t["findings"])
        assert not re.search(r"（|盖章|\(", f["leader_name"] + f["applicant_org"])
        assert re.fullmatch(r"2024-\d\d(-\d\d)?", f["start_date"])
    assert len(seen_receipts) == len(set(seen_receipts)) == len(copies)


def test_splits_are_deterministic_and_never_overlap() -> None:
    _, a = plan_corpus("dev", 30, seed=1)
    _, b = plan_corpus("dev", 30, seed=1)
    _, h = plan_corpus("heldout", 30, seed=1)
    assert [m.message_id for m in a] == [m.message_id for m in b]
    assert [m.subject for m in a] == [m.subject for m in b]
    assert not {m.message_id for m in a} & {m.message_id for m in h}
    dev_top = SPLIT_BASE["dev"] + 500 * 100_000
    assert dev_top <= SPLIT_BASE["heldout"]


def test_amounts_as_people_type_them() -> None:
    assert daxie(8) == "捌万元整"
    assert daxie(7.5) == "柒万伍仟元整"
    assert daxie(25) == "贰拾伍万元整"
    assert funding_text(8, "rmb") == "￥80,000.00"
    assert funding_text(8, "both") == "捌万元整（￥80,000.00）"
    assert funding_text(7.5, "yuan_comma") == "75,000元"


def _app(**kw: Any) -> App:
    base: dict[str, Any] = dict(
        aid="A-1", project_name="测试学术年会", subcategory="学术交流", applicant_org="湖南省测试学会",
        applicant_type="省级学会", leader_name="王伟", leader_post="理事长", leader_phone="13800000000",
        contact_name="李娜", contact_phone="0731-84000000", contact_email="a@b.cn", funding_wan=8.0,
        start=date(2024, 5, 1), end=date(2024, 12, 1), approval_text="经第五届理事会第二次会议审议通过。",
        city_review_text="")
    base.update(kw)
    return App(**base)


def test_findings_follow_the_guide() -> None:
    guide = load_guide()
    assert form_findings(_app(), guide, False) == ([], [])
    assert form_findings(_app(funding_wan=10.5), guide, False)[0] == ["FUNDING_OUT_OF_RANGE"]
    assert form_findings(_app(funding_wan=5.0), guide, False)[0] == []
    assert form_findings(_app(end=date(2025, 1, 1)), guide, False)[0] == ["END_DATE_TOO_LATE"]
    assert form_findings(_app(approval_text="经理事长办公会议研究，同意申报。"), guide, False)[0] == ["MISSING_APPROVAL"]
    assert form_findings(_app(applicant_type="市州科协", approval_text="经党组会议审议通过"), guide,
                         False)[0] == ["APPLICANT_NOT_ELIGIBLE"]
    assert form_findings(_app(applicant_type="民非组织", approval_text="经专题会议研究通过"), guide,
                         False)[0] == ["MISSING_CITY_REVIEW"]
    codes, tolerated = form_findings(_app(subcategory="学会制度机制建设", funding_wan=30.0), guide, False)
    assert codes == ["DESIGNATED_ITEM"] and "APPLICANT_NOT_ELIGIBLE" in tolerated
    assert form_findings(_app(subcategory="学会制度机制建设", funding_wan=30.0, applicant_org="省学会研究会"),
                         guide, False)[0] == []
    assert form_findings(_app(partners=("湖南省甲学会",), roles_stated=False), guide,
                         False)[0] == ["JOINT_ROLES_MISSING"]


@pytest.mark.parametrize("style", ["qq", "foxmail", "apple", "thunderbird"])
def test_header_habits_keep_the_file_name(style: str) -> None:
    from shenbao.demo.mail import build_eml

    from benchmarks.gencorpus.mailquirks import gbk_rfc2231, name_only

    name = "2024年度湖南省科协科技创新服务能力提升计划项目申报书-湖南省光学学会.pdf"
    raw = build_eml(sender="a@b.cn", sender_name="张三", subject="测试", body="你好",
                    attachments=[(name, b"%PDF-1.4 x", "application/pdf")],
                    date=datetime(2024, 4, 1, 9, 0), message_id="<q@b.cn>", client_style=style)  # type: ignore[arg-type]
    out = name_only(raw) if style in ("qq", "foxmail") else gbk_rfc2231(raw)
    if style in ("qq", "foxmail"):
        assert b"filename=" not in out and b"Content-Disposition: attachment\r\n" in out
    else:
        assert b"filename*0*=gbk''" in out and b"utf-8''" not in out
    msg = email.message_from_bytes(out, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    assert [a.get_filename() for a in msg.iter_attachments()] == [name]


# ---------------------------------------------------------------------------- held-out variants

def _docx_all_text(data: bytes) -> str:
    """Every paragraph's text as Word shows it once changes are accepted: paragraphs, cells, tables
    pasted into cells, text boxes, content controls and insertions, the selected entry of a
    drop-down form field; deletions left out (read from the XML with lxml, not shenbao, as
    python-docx skips some of these)."""
    doc = Document(io.BytesIO(data))
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        # A text box's paragraphs sit inside the paragraph that anchors it: each w:t once, in its own.
        texts = []
        for el in p.iter(qn("w:t"), qn("w:ddList")):
            if next(el.iterancestors(qn("w:p"))) is not p:
                continue
            if el.tag == qn("w:t"):
                texts.append(el.text or "")
            else:
                entries = [e.get(qn("w:val")) for e in el.findall(qn("w:listEntry"))]
                result = el.find(qn("w:result"))
                texts.append(entries[int(result.get(qn("w:val"))) if result is not None else 0])
        out.append("".join(texts))
    return "\n".join(out)


def _variant_names(module: Any) -> dict[str, set[str]]:
    return {"layout": set(module.LAYOUTS), "checkbox": set(module.CHECKBOXES), "funding": set(module.FUNDINGS),
            "dates": set(module.DATES), "decoration": set(module.DECORATIONS)}


def _drawn(mails: list[Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"layout": set(), "checkbox": set(), "funding": set(), "dates": set(),
                                "decoration": set()}
    for m in mails:
        for f in m.forms:
            out["layout"].add(f.look.layout)
            out["checkbox"].add(f.look.checkbox)
            out["funding"].add(f.look.funding)
            out["dates"].add(f.look.dates)
            out["decoration"] |= set(f.look.decorations)
    return out


# Two plans a split, 300 mails each, that between them draw every variant of every set (neither
# split weighs any up now; the pens' marks, for scans and photos only, a Word file saved as a web
# page, for .doc forms sent no other way, and a system's own PDF are rare).
# (Reseeded once the eighteenth set moved to dev: its WebP photos stand in for the pages as
# pictures, rarer now; held-out's again with the nineteenth set held out, and both splits' once
# it moved to dev too; held-out's again with the twentieth set held out, and both splits' once
# it moved to dev too.)
_BOTH_SPLITS = (("heldout", 1), ("heldout", 32), ("dev", 5), ("dev", 9))

_MANIFEST_TABLE = {"layout": "layout", "checkbox": "checkbox", "funding": "funding_format", "dates": "date_format",
                   "decoration": "decoration"}


def test_dev_draws_are_what_they_were() -> None:
    """Dev corpora stay the same when a held-out set is added: the presentation drawn for each
    form of a dev plan, pinned (it changes only if dev's draws change)."""
    drawn = [(f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, f.look.decorations, f.fmt)
             for m in _plan("dev", 60, 5) for f in m.forms]
    digest = hashlib.sha256(repr(drawn).encode()).hexdigest()[:16]
    assert digest == DEV_DRAWS_SEED5, digest


DEV_DRAWS_SEED5 = "54e8c088d6e84cb7"  # as drawn once the twentieth set moved to dev


@pytest.mark.parametrize("module", ["holdout_variants", "holdout_variants_3", "holdout_variants_4",
                                    "holdout_variants_5", "holdout_variants_6", "holdout_variants_7",
                                    "holdout_variants_8", "holdout_variants_9", "holdout_variants_10",
                                    "holdout_variants_11", "holdout_variants_12", "holdout_variants_13",
                                    "holdout_variants_14", "holdout_variants_15", "holdout_variants_16",
                                    "holdout_variants_17", "holdout_variants_18", "holdout_variants_19",
                                    "holdout_variants_20"])
def test_seen_sets_of_variants_moved_to_dev(corpus: Path, module: str) -> None:
    """A set scored on held-out and seen is drawn by dev from then on, and the held-out manifest
    no longer names it held-out only."""
    import importlib

    from benchmarks.gencorpus import forms
    from benchmarks.gencorpus.write import _variants

    names = _variant_names(importlib.import_module(f"benchmarks.gencorpus.{module}"))
    assert all(names.values())
    # (Dev's two plans of _BOTH_SPLITS: the pens' marks, drawn for scans and photos only, show on a
    # form or two of 300 mails, if any; a Word file saved as a web page, for .doc forms sent no
    # other way, on one of 600.)
    dev = _drawn([m for split, seed in _BOTH_SPLITS if split == "dev"
                  for m in _plan(split, 300, seed)])
    for kind, wanted in names.items():
        assert wanted <= dev[kind], (kind, wanted - dev[kind])
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    for kind, wanted in names.items():
        table = {"layout": "LAYOUTS", "checkbox": "CHECKBOXES", "funding": "FUNDINGS", "dates": "DATES",
                 "decoration": "DECORATIONS"}[kind]
        held = _variants(getattr(forms, table), getattr(forms, "HOLDOUT_" + table), "heldout")
        assert not {k for k in wanted if held[k]["holdout_only"]}, kind
        variants = manifest["variants"][_MANIFEST_TABLE[kind]]
        assert not any(variants[k]["holdout_only"] for k in wanted), kind


def _flat(text: str) -> str:
    """Text as a careful reader compares it: no spaces of any width, none of the invisible ones
    pasted with text (zero-width space, word joiner, soft hyphen, byte order mark; nor a variation
    selector, which a PDF's text may place apart from its symbol), full-width forms read as their
    half-width ones (＠ as @, ２ as 2)."""
    return re.sub(_INVISIBLE + r"|\s|\u3000|[\ufe00-\ufe0f]", "", unicodedata.normalize("NFKC", text))


_INVISIBLE = r"[\u200b\u2060\u00ad\ufeff]"


def _phone_digits(text: str) -> str:
    # 138 0731 2345, 138-0731-2345, （0731）84000000 and 0731-84000000 all read as their digits, and
    # a number that wraps at the end of a line after one of its hyphens (177-5717-↵6187) or
    # spaces (181 4941↵3786: the space at the line's end is not printed).
    # (And mobiles grouped with dots, 138.0731.2345: the sixteenth set's.)
    return re.sub(r"(?<=[\d）)])(?:[-（）() .]|-?\n)+(?=\d)|[（(](?=\d{3,4}[）)])", "", text)


def _typed(app: App, look: Any) -> tuple[str, str]:
    from benchmarks.gencorpus import holdout_variants as hv
    from benchmarks.gencorpus import holdout_variants_3 as hv3
    from benchmarks.gencorpus import holdout_variants_4 as hv4
    from benchmarks.gencorpus import holdout_variants_5 as hv5
    from benchmarks.gencorpus import holdout_variants_6 as hv6
    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus import holdout_variants_8 as hv8
    from benchmarks.gencorpus import holdout_variants_9 as hv9
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from benchmarks.gencorpus import holdout_variants_11 as hv11
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus import holdout_variants_13 as hv13
    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.forms import typed_funding

    period = (hv3.period_text(app, look.dates) if look.dates in hv3.DATES
              else hv4.period_text(app, look.dates) if look.dates in hv4.DATES
              else hv5.period_text(app, look.dates) if look.dates in hv5.DATES
              else hv6.period_text(app, look.dates) if look.dates in hv6.DATES
              else hv7.period_text(app, look.dates) if look.dates in hv7.DATES
              else hv8.period_text(app, look.dates) if look.dates in hv8.DATES
              else hv9.period_text(app, look.dates) if look.dates in hv9.DATES
              else hv10.period_text(app, look.dates) if look.dates in hv10.DATES
              else hv11.period_text(app, look.dates) if look.dates in hv11.DATES
              else hv12.period_text(app, look.dates) if look.dates in hv12.DATES
              else hv13.period_text(app, look.dates) if look.dates in hv13.DATES
              else hv14.period_text(app, look.dates) if look.dates in hv14.DATES
              else hv15.period_text(app, look.dates) if look.dates in hv15.DATES
              else hv16.period_text(app, look.dates) if look.dates in hv16.DATES
              else hv17.period_text(app, look.dates) if look.dates in hv17.DATES
              else hv18.period_text(app, look.dates) if look.dates in hv18.DATES
              else hv19.period_text(app, look.dates) if look.dates in hv19.DATES
              else hv20.period_text(app, look.dates) if look.dates in hv20.DATES
              else hv21.period_text(app, look.dates) if look.dates in hv21.DATES
              else hv22.period_text(app, look.dates) if look.dates in hv22.DATES
              else hv23.period_text(app, look.dates) if look.dates in hv23.DATES
              else hv24.period_text(app, look.dates) if look.dates in hv24.DATES
              else hv.period_text(app, look.dates) if look.dates in hv.DATES else period_text(app, look.dates))
    # An amount followed by its breakdown: the amount is what a reader must find (the breakdown
    # may wrap in its cell beside the next column's text).
    return hv5.funding_head(app, look.funding, typed_funding(app, look.funding)), period


def _assert_values_in(text: str, app: App, look: Any) -> None:
    flat = _flat(text)
    # Full-width digits read as digits (NFKC), as a careful reader reads them.
    digits = _phone_digits(unicodedata.normalize("NFKC", re.sub(_INVISIBLE + r"|\u3000", "", text)))
    if look.layout == "unit_cells":  # (the sixteenth set's: a landline's area code and number in two cells)
        digits = re.sub(r"(\d{3,4})\s*号码\s*(\d{7,8})", r"\1\2", digits)
    from benchmarks.gencorpus import holdout_variants_4 as hv4

    # A unit broken over two lines of its cell may have the next column's text between its halves.
    from benchmarks.gencorpus import holdout_variants_11 as hv11

    org = hv4.broken_org(app.applicant_org).split("\n") if "org_linebreak" in look.decorations else [app.applicant_org]
    # An e-mail written against harvesters is read as written; ActiveX controls carry the options
    # as their captions, no text of the document (test_activex_check_boxes_are_controls_with_captions).
    mail = hv11.email_text(app.contact_email, app.contact_email or "", look.decorations)
    if "email_cn_period" in look.decorations:  # (its dots typed in Chinese mode: read as 。)
        mail = mail.replace(".", "。")
    from benchmarks.gencorpus import holdout_variants_19 as hv19

    # (The nineteenth set's: a unit typed in traditional characters and an e-mail whose first
    # letter a phone capitalised are read as written.)
    if "org_traditional" in look.decorations:
        org = [hv19.traditional(part) for part in org]
    if "email_capitalised" in look.decorations and mail:
        mail = hv19.capitalised(mail)
    chosen = () if look.checkbox == "activex_checkbox" else (app.subcategory,)
    for value in (app.project_name, *org, app.leader_name, app.contact_name, *chosen, mail):
        if value:
            assert _flat(value) in flat, (look.layout, value)
    for phone in (app.leader_phone, app.contact_phone):
        if phone and hv11.has_extension(phone):  # its digits, wherever the number wraps
            assert re.sub(r"\D", "", phone) in re.sub(r"\D", "", digits), (look.layout, phone)
        elif phone:
            assert phone.replace("-", "") in digits.replace("-", ""), (look.layout, phone)
    funding, period = _typed(app, look)
    assert _flat(funding) in flat and _flat(period) in flat, (look, funding, period)
    if look.layout not in ("kv_lines", "inline_cells") and chosen:  # the layouts that write no 单位类型
        # (Running prose may wrap it at the end of a line.)
        assert app.applicant_type in text or _flat(app.applicant_type) in flat, (look.layout, app.applicant_type)


@pytest.mark.parametrize("split,module", [("dev", "holdout_variants"), ("dev", "holdout_variants_3"),
                                          ("dev", "holdout_variants_4"), ("dev", "holdout_variants_5"),
                                          ("dev", "holdout_variants_6"), ("dev", "holdout_variants_7"),
                                          ("dev", "holdout_variants_8"), ("dev", "holdout_variants_9"),
                                          ("dev", "holdout_variants_10"), ("dev", "holdout_variants_11"),
                                          ("dev", "holdout_variants_12"), ("dev", "holdout_variants_13"),
                                          ("dev", "holdout_variants_14"), ("dev", "holdout_variants_15"),
                                          ("dev", "holdout_variants_16"), ("dev", "holdout_variants_17"),
                                          ("dev", "holdout_variants_18"), ("dev", "holdout_variants_19"),
                                          ("dev", "holdout_variants_20"), ("heldout", "holdout_variants_21"),
                                          ("heldout", "holdout_variants_22"), ("heldout", "holdout_variants_23")])
def test_variant_layouts_carry_every_value_as_docx_text(split: str, module: str) -> None:
    import importlib

    from benchmarks.gencorpus import holdout_variants_6 as hv6
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    # A screenshot carries its values as pixels (test_screenshot_shows_the_values_as_a_picture), an
    # embedded worksheet in its own part (test_excel_object_embeds_the_worksheet_and_shows_its_picture).
    layouts = (set(importlib.import_module(f"benchmarks.gencorpus.{module}").LAYOUTS) - hv6.PICTURE_LAYOUTS
               - hv10.SHEET_LAYOUTS)
    seen: set[str] = set()
    # Two plans: with the tenth set drawn by dev too, a layout may show on no form of 240 mails.
    for m in (m for seed in (1, 2) for m in _plan(split, 240, seed)):
        for f in m.forms:
            if f.look.layout not in layouts or f.fmt == "none":
                continue
            seen.add(f.look.layout)
            app = f.app
            for compact in (False, True):
                text = _docx_all_text(build_docx(form_blocks(app, f.look, compact=compact), app.contact_name))
                _assert_values_in(text, app, f.look)
    assert seen == layouts


def test_new_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The third set's layouts printed to PDF by LibreOffice: pdfplumber reads every value, and
    the WPS header and footer on every page."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_3 as hv3
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.media import soffice_batch

    picked: dict[str, Any] = {}
    # A tracked change prints both amounts; the fourth set's PDF test leaves it out too. Line
    # numbers in the margin print between a wrapped value's halves: the ninth set's tests read them.
    skip = {"funding_revised", "line_numbers"}
    # A second plan for a layout the first may not draw without the set's own encodings (and more,
    # with the fifteenth set drawn too: its layouts and encodings take a share of the draws).
    for m in (m for seed in (2, 3, 4, 5) for m in _plan("heldout", 180, seed)):
        for f in m.forms:
            if f.fmt != "none" and f.look.layout in hv3.LAYOUTS and f.look.checkbox not in hv3.CHECKBOXES \
                    and not skip & set(f.look.decorations):
                picked.setdefault(f.look.layout, f)
    # One form per layout with each held-out checkbox encoding too.
    for m in _plan("heldout", 180, 2):
        for f in m.forms:
            if f.fmt != "none" and f.look.layout in hv3.LAYOUTS and f.look.checkbox in hv3.CHECKBOXES \
                    and not skip & set(f.look.decorations):
                picked.setdefault(f"{f.look.layout}+{f.look.checkbox}", f)
    assert set(hv3.LAYOUTS) <= set(picked)
    docs = {f"f{i}": build_docx(form_blocks(f.app, f.look), "x") for i, f in enumerate(picked.values())}
    pdfs = soffice_batch(docs, "pdf", tmp_path)
    for i, f in enumerate(picked.values()):
        with pdfplumber.open(io.BytesIO(pdfs[f"f{i}"])) as pdf:
            pages = [p.extract_text() or "" for p in pdf.pages]
            sizes = {(round(p.width), round(p.height)) for p in pdf.pages}
        # A value wrapped in its cell beside another cell's text is read from the cell.
        _assert_values_in("\n".join((*pages, _pdf_reading(pdfs[f"f{i}"])[1])), f.app, f.look)
        if f.look.layout == "wps_header_footer":
            for n, page in enumerate(pages, 1):
                lines = page.splitlines()
                assert lines[0] == hv3.HEADER and lines[-1] == f"第 {n} 页 共 {len(pages)} 页", (lines[0], lines[-1])
        else:  # the cover's 湖南省科学技术协会制 is no header
            assert not any(p.splitlines()[0] == hv3.HEADER for p in pages)
        if f.look.layout == "landscape_twoup":
            assert sizes == {(595, 842), (842, 595)}  # A4 portrait and one landscape page
        else:
            assert sizes == {(595, 842)}


def test_landscape_labels_are_broken_over_two_lines() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import Look, form_blocks

    look = Look(layout="landscape_twoup", checkbox="ballot", funding="wan", dates="cn_month")
    doc = Document(io.BytesIO(build_docx(form_blocks(_app(), look), "x")))
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目\n名称")
    labels = {r.cells[0].text for r in table.rows} | {r.cells[2].text for r in table.rows}
    assert {"项目负\n责人", "联系\n电话", "单位\n类型"} <= labels
    row = next(r for r in table.rows if r.cells[0].text == "项目负\n责人")
    assert [c.text for c in row.cells] == ["项目负\n责人", "王伟", "负责人\n手机", "13800000000"]


def test_type_in_org_has_no_type_row_and_the_type_after_the_unit() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import Look, form_blocks

    look = Look(layout="type_in_org", checkbox="ballot", funding="wan", dates="cn_month", org_deco="seal")
    doc = Document(io.BytesIO(build_docx(form_blocks(_app(applicant_type="民非组织"), look), "x")))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目名称")
    cells = {r.cells[0].text: r.cells[1].text for r in table.rows}
    assert "单位类型" not in cells and "单位性质" not in cells
    assert cells["申报单位"] == "湖南省测试学会（民非组织）（盖章）"


def test_fullwidth_block_aligns_values_without_table_or_colon() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import Look, form_blocks

    look = Look(layout="fullwidth_block", checkbox="spaced_marks", funding="wan_short", dates="padded_month")
    doc = Document(io.BytesIO(build_docx(form_blocks(_app(), look, compact=True), "x")))
    lines = [p.text for p in doc.paragraphs]
    start = lines.index("一、基本情况")
    block = lines[start + 1:lines.index("四、申报单位意见")]
    assert "项目名称　　　测试学术年会" in block and "申请经费　　　8万" in block
    assert not any("：" in line and line.startswith(("项目名称", "申报单位", "申请经费")) for line in block)
    assert "项目负责人　　王伟　　　　　　　手　　机　　13800000000" in block
    column = len("项目负责人") + 2
    for line in block:
        if line.startswith("　"):  # an option list's further line sits in the value column
            assert line[:column] == "　" * column
            assert line[column] in "■□" or line.endswith("学会自身能力建设项目："), line
    assert len(doc.tables) == 2  # only 申报单位意见 and 市州科协审核意见 (compact: no budget)


def test_third_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_3 as hv3

    app = _app(funding_wan=7.5, start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv3.funding_text(_app(funding_wan=8.0), "wan_short") == "8万"
    assert hv3.funding_text(app, "wan_short") == "7.5万"
    assert hv3.funding_text(_app(funding_wan=5.0), "daxie_paren_yuan") == "伍万元（50000元）"
    assert hv3.funding_text(app, "daxie_paren_yuan") == "柒万伍仟元（75000元）"
    assert hv3.period_text(app, "padded_month") == "2024年05月至2024年12月"
    assert hv3.period_text(app, "day_dash_short") == "2024年5月1日—12月31日"
    assert hv3.period_text(_app(end=date(2025, 6, 30)), "day_dash_short") == "2024年5月1日—2025年6月30日"
    assert hv3.option_text(True, "学术交流", "spaced_marks") == "■ 学术交流"
    assert hv3.option_text(False, "学术交流", "spaced_marks") == "□ 学术交流"
    assert hv3.options_text(("甲", "乙", "丙"), "乙", "spaced_marks") == "□ 甲　■ 乙\n□ 丙"
    assert hv3.option_text(True, "学术交流", "highlight_chosen") == "[hl]学术交流[/hl]"
    assert hv3.phone_text("13807312345", ("phone_spaced",), "x") == "138 0731 2345"
    assert hv3.phone_text("0731-84000000", ("phone_spaced",), "x") == "（0731）84000000"
    assert hv3.phone_text("13807312345", (), "138-0731-2345") == "138-0731-2345"
    assert hv3.contact_text("李娜", ("contact_role",)) in {f"李娜（{r}）" for r in ("秘书", "办公室", "联络员", "秘书处")}
    assert hv3.contact_text("李娜", ()) == "李娜"
    code = hv3.credit_code("湖南省测试学会", "省级学会")
    assert re.fullmatch(r"51430000MJ\d{7}[0-9A-HJ-NP-RTUWXY]", code)
    assert hv3.org_text(_app(), ("org_credit_code",)) in (f"湖南省测试学会（统一社会信用代码：{code}）",
                                                          f"湖南省测试学会　统一社会信用代码：{code}")
    assert hv3.org_text(_app(), ()) == "湖南省测试学会"


def test_heldout_decorations_never_pile_on_dev_ones() -> None:
    for m in _plan("heldout", 300, 3):
        for f in m.forms:
            decos = set(f.look.decorations)
            assert not {"phone_spaced", "phone_marked"} <= decos
            assert not ("org_credit_code" in decos and f.look.org_deco != "plain")


def test_highlight_marks_only_the_chosen_option() -> None:
    from benchmarks.gencorpus.docmodel import Table, build_docx
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.forms import category_text

    text = category_text(_app(subcategory="学会服务站建设"), "highlight_chosen")
    doc = Document(io.BytesIO(build_docx((Table((1.0,), ((DocCell(text),),)),), "x")))
    lit = [r.text for p in doc.tables[0].rows[0].cells[0].paragraphs for r in p.runs if r.font.highlight_color]
    assert lit == ["学会服务站建设"]
    assert "学术交流" in doc.tables[0].rows[0].cells[0].text


def test_nested_people_table_holds_the_people() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import Look, form_blocks

    app = _app(leader_name="张建国", contact_name="赵小兰", contact_email="zxl@163.com")
    look = Look(layout="nested_people", checkbox="ballot", funding="wan", dates="cn_month")
    doc = Document(io.BytesIO(build_docx(form_blocks(app, look), "x")))
    outer = next(t for t in doc.tables if "项目负责人及联系人" in t.rows[-3].cells[0].text)
    inner = outer.rows[-3].cells[1].tables
    assert len(inner) == 1
    rows = [[c.text for c in r.cells] for r in inner[0].rows]
    assert rows[1][:2] == ["负责人", "张建国"] and rows[2][1] == "赵小兰" and rows[2][4] == "zxl@163.com"


def test_holdout_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants as hv

    app = _app(funding_wan=8.0, self_raised_wan=5.0, start=date(2024, 3, 1), end=date(2024, 12, 31))
    assert hv.funding_text(app, "wan_2dp") == "8.00万元"
    assert hv.funding_text(_app(funding_wan=7.5), "wan_2dp") == "7.50万元"
    assert hv.funding_text(app, "with_total") == "总经费13万元，其中申请省科协资助8万元，自筹5万元"
    assert hv.funding_text(_app(funding_wan=7.5), "with_total") == "申请省科协资助7.5万元，无自筹"
    assert hv.period_text(app, "dot_endash") == "2024.3\u20132024.12"
    assert hv.period_text(app, "month_end") == "2024年3月至12月底"
    assert hv.period_text(_app(end=date(2025, 6, 30)), "month_end") == "2024年5月至2025年6月底"
    assert hv.option_text(True, "学术交流", "tick_after") == "学术交流√"
    assert hv.option_text(False, "学术交流", "tick_after") == "学术交流"
    assert hv.phone_text("13807312345", ("phone_marked",)) == "138-0731-2345"
    assert hv.phone_text("0731-84000000", ("phone_marked",)) == "0731-84000000（办）"
    assert hv.phone_text(None, ("phone_marked",)) == ""
    assert hv.email_text("ab@163.com", ("email_fullwidth",)) == "ab＠163.com"
    assert hv.name_text("王伟", ("name_title",)) in ("王伟博士", "王伟教授", "王伟研究员")
    assert hv.name_text("王伟", ()) == "王伟"



def _marks_in_font(style: str, font: str) -> tuple[list[tuple[str, str]], Any]:
    """The category list written in checkbox `style` as a .docx cell, read back: (the text of
    each run set in `font`, the first word after it), and the document."""
    from benchmarks.gencorpus.docmodel import Table, build_docx
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.forms import category_text

    text = category_text(_app(subcategory="学会服务站建设"), style)
    doc = Document(io.BytesIO(build_docx((Table((1.0,), ((DocCell(text),),)),), "x")))
    marks = []
    for p in doc.tables[0].rows[0].cells[0].paragraphs:
        runs = p.runs
        for i, run in enumerate(runs):
            fonts = run._r.rPr.rFonts if run._r.rPr is not None else None
            if fonts is not None and fonts.get(qn("w:ascii")) == font:
                marks.append((run.text, runs[i + 1].text.split()[0]))
    return marks, doc

def test_wingdings2_boxes_are_runs_in_that_font() -> None:
    marks, _ = _marks_in_font("wingdings2_text", "Wingdings 2")
    assert ("R", "学会服务站建设") in marks
    assert [m for m in marks if m[0] == "R"] == [("R", "学会服务站建设")]
    assert sum(m[0] == "£" for m in marks) == 8


# ---------------------------------------------------------------------------- the fourth held-out set

def _xml(data: bytes) -> Any:
    return Document(io.BytesIO(data)).element.body


def test_fourth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_4 as hv4

    app = _app(funding_wan=7.5, start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv4.funding_text(_app(funding_wan=8.0), "fullwidth_digits") == "８万元"
    assert hv4.funding_text(app, "fullwidth_digits") == "７．５万元"
    assert hv4.funding_text(app, "yen_half_yuan") == "¥75,000.00元"
    assert hv4.period_text(app, "cn_numerals") == "二〇二四年五月至二〇二四年十二月"
    assert hv4.period_text(_app(start=date(2024, 10, 1), end=date(2025, 11, 30)),
                           "cn_numerals") == "二〇二四年十月至二〇二五年十一月"
    assert hv4.period_text(app, "iso_day") == "2024-05-01至2024-12-31"
    assert hv4.option_text(True, "学术交流", "paren_before") == "（√）学术交流"
    assert hv4.option_text(False, "学术交流", "paren_before") == "（ ）学术交流"
    assert hv4.option_text(True, "学术交流", "ballot_x") == "☒学术交流"
    assert hv4.option_text(False, "学术交流", "ballot_x") == "☐学术交流"
    assert hv4.option_text(True, "学术交流", "wingdings_pua") == "[pua:F0FE]学术交流"
    assert hv4.option_text(False, "学术交流", "strike_others") == "[s]学术交流[/s]"
    assert hv4.option_text(True, "学术交流", "strike_others") == "学术交流"
    assert hv4.phone_text("13807312345", ("phone_fullwidth",), "138-0731-2345") == "１３８-０７３１-２３４５"
    assert hv4.phone_text("0731-84000000", ("phone_fullwidth",), "（0731）84000000") == "（0731）８４００００００"
    assert hv4.phone_text("0731-84000000", (), "0731-84000000") == "0731-84000000"
    assert hv4.gap_name("王伟", ("name_gap",)) == "王  伟"
    assert hv4.gap_name("张建国", ("name_gap",)) == "张建国"
    assert hv4.broken_org("湖南省光学学会") == "湖南省\n光学学会"
    assert hv4.broken_org("中南大学科协") == "中南大学\n科协"
    assert hv4.broken_org("长沙市科协") == "长沙市\n科协"
    assert hv4.revised("8万元", "10万元") == "[del]10万元[/del][ins]8万元[/ins]"
    assert hv4.id_number("王伟", (1972, 6, 15))[6:14] == "19720615"
    factors = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    for name in (f"王{chr(0x4E00 + k)}" for k in range(60)):  # every check character comes up
        code = hv4.id_number(name, (1972, 6, 15))
        assert len(code) == 18 and code[:17].isdigit()
        assert code[17] == "10X98765432"[sum(int(c) * f for c, f in zip(code, factors)) % 11], code


def test_fourth_set_decorations_show_where_drawn() -> None:
    """A decoration is tagged only where it shows: a unit broken over lines in a table cell, a
    revision in a Word file whose layout writes the amount as typed, gaps in a two-character name."""
    from benchmarks.gencorpus.build import WORD_FORMATS

    seen: set[str] = set()
    for m in _plan("heldout", 300, 3):
        for f in m.forms:
            if f.fmt == "none":  # no file was sent
                continue
            decos = set(f.look.decorations)
            seen |= decos
            if "org_linebreak" in decos:
                assert f.look.layout not in ("kv_lines", "numbered_paras", "fullwidth_block", "textbox_frame",
                                             "type_in_org", "cover_table", "underscore_blanks", "one_cell_tabs")
            if "funding_revised" in decos:
                assert f.fmt in WORD_FORMATS and f.look.layout != "alt_cols", (f.fmt, f.look.layout)
            if "name_gap" in decos:
                assert len(f.app.contact_name) == 2 or len(f.app.leader_name) == 2
            if f.look.checkbox in ("wingdings_pua", "strike_others"):
                assert f.fmt in WORD_FORMATS
    assert {"org_linebreak", "funding_revised", "name_gap", "phone_fullwidth"} <= seen


def _look(**kw: Any) -> Any:
    from benchmarks.gencorpus.forms import Look

    base: dict[str, Any] = dict(layout="header_row", checkbox="ballot", funding="wan", dates="cn_month", cover=False)
    base.update(kw)
    return Look(**base)


def test_text_box_holds_the_basic_information() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    data = build_docx(form_blocks(_app(), _look(layout="textbox_frame")), "x")
    body = _xml(data)
    boxes = body.findall(f".//{{urn:schemas-microsoft-com:vml}}textbox/{qn('w:txbxContent')}")
    assert len(boxes) == 1
    inside = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in boxes[0].iter(qn("w:p"))]
    assert "项目名称：测试学术年会" in inside and "申请经费：8万元" in inside
    assert "项目负责人：王伟　　手机：13800000000" in inside
    # Nothing of it in the body's own paragraphs or tables.
    doc = Document(io.BytesIO(data))
    outside = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert not any("测试学术年会" in t or "13800000000" in t for t in outside)


def test_content_controls_hold_the_values() -> None:
    from benchmarks.gencorpus.docmodel import PLACEHOLDER, build_docx
    from benchmarks.gencorpus.forms import form_blocks

    data = build_docx(form_blocks(_app(leader_phone=None), _look(layout="content_controls")), "x")
    controls: dict[str | None, list[tuple[str, bool]]] = {}
    for sdt in _xml(data).iter(qn("w:sdt")):
        alias = sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}")
        text = "".join(t.text or "" for t in sdt.iter(qn("w:t")))
        placeholder = sdt.find(f"{qn('w:sdtPr')}/{qn('w:showingPlcHdr')}") is not None
        controls.setdefault(alias.get(qn("w:val")) if alias is not None else None, []).append((text, placeholder))
    assert controls["项目名称"] == [("测试学术年会", False)]
    assert controls["负责人"] == [("王伟", False)] and controls["联系电话"] == [("0731-84000000", False)]
    assert controls["电子邮箱"] == [("a@b.cn", False)] and controls["申请经费"] == [("8万元", False)]
    # The missing phone, 传真 and 备注 show the placeholder in controls of their own.
    assert controls[None] == [(PLACEHOLDER, True)] * 3


def test_struck_options_are_all_but_the_chosen_one() -> None:
    from benchmarks.gencorpus.docmodel import Table, build_docx
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, category_text

    text = category_text(_app(subcategory="学会服务站建设"), "strike_others")
    doc = Document(io.BytesIO(build_docx((Table((1.0,), ((DocCell(text),),)),), "x")))
    runs = [r for p in doc.tables[0].rows[0].cells[0].paragraphs for r in p.runs]
    struck = {r.text for r in runs if r.font.strike}
    options = {o for items in CATEGORY_ITEMS.values() for o in items}
    assert struck == options - {"学会服务站建设"}
    assert any(r.text.strip() == "学会服务站建设" and not r.font.strike for r in runs)


def test_wingdings_private_use_boxes() -> None:
    marks, doc = _marks_in_font("wingdings_pua", "Wingdings")
    assert [m for m in marks if m[0] == "\uf0fe"] == [("\uf0fe", "学会服务站建设")]
    assert sum(m[0] == "\uf0a8" for m in marks) == 8 and len(marks) == 9
    assert not doc.element.body.findall(f".//{qn('w:sym')}")


def test_revised_amount_is_a_tracked_change() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    look = _look(layout="spaced_2col", funding="wan", value_decos=("funding_revised",),
                 decorations=("funding_revised",))
    body = _xml(build_docx(form_blocks(_app(funding_wan=8.0), look), "x"))
    deleted = ["".join(t.text or "" for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))]
    inserted = ["".join(t.text or "" for t in i.iter(qn("w:t"))) for i in body.iter(qn("w:ins"))]
    assert deleted == ["10万元"] and inserted == ["8万元"]
    assert not [d for d in body.iter(qn("w:del")) if d.find(f".//{qn('w:t')}") is not None]


def test_personal_details_keep_ids_and_accounts_apart_from_phones() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    doc = Document(io.BytesIO(build_docx(form_blocks(_app(), _look(layout="personal_details")), "x")))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目名称")
    cells = [[c.text for c in r.cells] for r in table.rows]
    by_label = {row[1]: row[2:] for row in cells if row[0] in ("项目负责人", "项目联系人")}
    assert by_label["身份证号码"][0][6:10].isdigit() and len(by_label["身份证号码"][0]) == 18
    assert by_label["职务/职称"] == ["理事长", "手　机", "13800000000"]
    contact = next(row for row in cells if row[0] == "项目联系人" and row[1] == "姓　名")
    assert contact[2:] == ["李娜", "办公电话", "0731-84000000"]  # a landline under 办公电话
    account = next(row for row in cells if row[0] == "开户银行")
    assert account[3] == "银行账号" and len(account[4]) == 20 and account[4].isdigit()


def test_fourth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The fourth set's layouts printed by LibreOffice: pdfplumber reads every value, the text
    box's and the content controls' too."""
    from benchmarks.gencorpus import holdout_variants_4 as hv4
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.media import soffice_batch

    picked: dict[str, Any] = {}
    # Held-out plans: the seventh set's draws take a share of the layouts, so more than one plan (and
    # four, with the eighteenth set's layouts held out).
    for m in (m for seed in (2, 3, 4, 5) for m in _plan("heldout", 180, seed)):
        for f in m.forms:
            if f.fmt != "none" and f.look.layout in hv4.LAYOUTS and f.look.checkbox not in hv4.WORD_ONLY_CHECKBOXES \
                    and "funding_revised" not in f.look.decorations:
                picked.setdefault(f.look.layout, f)
    assert set(picked) == set(hv4.LAYOUTS)
    docs = {f"f{i}": build_docx(form_blocks(f.app, f.look), "x") for i, f in enumerate(picked.values())}
    pdfs = soffice_batch(docs, "pdf", tmp_path)
    for i, f in enumerate(picked.values()):
        _assert_values_in("\n".join(_pdf_reading(pdfs[f"f{i}"])), f.app, f.look)


# ---------------------------------------------------------------------------- the fifth held-out set

def test_fifth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_5 as hv5
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES, funding_label

    app = _app(funding_wan=7.5, start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv5.funding_text(app, "yuan_label") == "75000" and funding_label("yuan_label") == "申请经费（元）"
    assert hv5.funding_text(_app(funding_wan=8.0), "wan_breakdown") == (
        "8万元（其中：专家咨询费2.4万元，会议会务费2万元，差旅费1.6万元，资料印刷费1.2万元，宣传推广费0.8万元）")
    assert hv5.funding_head(app, "wan_breakdown", hv5.funding_text(app, "wan_breakdown")) == "7.5万元"
    assert hv5.period_text(app, "dot_day") == "2024.5.1—2024.12.31"
    assert hv5.period_text(app, "qi_zhi") == "起：2024年5月　止：2024年12月"
    assert hv5.period_text(_app(end=date(2025, 3, 31)), "qi_zhi") == "起：2024年5月　止：2025年3月"
    assert hv5.option_text(True, "学术交流", "box_then_tick") == "□√学术交流"
    assert hv5.option_text(False, "学术交流", "box_then_tick") == "□学术交流"
    assert hv5.option_text(True, "学术交流", "form_field") == "[ff:1]学术交流"
    assert hv5.option_text(False, "学术交流", "form_field") == "[ff:0]学术交流"
    assert hv5.option_text(True, "学术交流", "red_chosen") == "[red]学术交流[/red]"
    assert hv5.option_text(False, "学术交流", "red_chosen") == "学术交流"
    # The letters run on from the first category to the second: 学会服务站建设 is E, 学会制度机制建设 G.
    for chosen, letter in (("学术交流", "A"), ("学会服务站建设", "E"), ("学会制度机制建设", "G"),
                           ("高校科协交流机制建设", "I")):
        text = hv5.category_text(CATEGORY_ITEMS, chosen, "letter_code")
        assert text.split("\n")[0] == f"（ {letter} ）" and f"{letter}.{chosen}" in text, text
    assert hv5.options_text(TYPES, "民非组织", "letter_code") == (
        "（ E ）A.省级学会　B.市州科协　C.高校科协　D.企业（园区）科协　E.民非组织　F.其他")
    assert hv5.phone_text("13807312345", ("phone_wechat",), "138-0731-2345") in {
        "138-0731-2345" + w for w in ("（微信同号）", "(微信同号)", "（同微信）")}
    assert hv5.phone_text("0731-84000000", ("phone_wechat",), "0731-84000000") == "0731-84000000"
    assert hv5.email_text("a@b.cn", ("email_hyperlink",), "a@b.cn") == "[mail:a@b.cn]a@b.cn[/mail]"
    assert hv5.email_text(None, ("email_hyperlink",), "") == ""
    assert hv5.project_text("测试学术年会", ("project_quoted",)) == "《测试学术年会》"
    assert hv5.sealed("湖南省测试学会（盖章）", "湖南省测试学会", ("seal_image",)) == \
        "湖南省测试学会（盖章）[seal:湖南省测试学会]"
    assert hv5.blank("王伟", _app(aid="A-0003"), 8) == "__王伟______"
    assert hv5.blank("王伟", _app(aid="A-0004"), 8) == "＿＿王伟＿＿＿＿＿＿"


def test_fifth_set_decorations_show_where_drawn() -> None:
    """A decoration is tagged only where it shows: a seal where the basic part writes the unit,
    a link where there is an address Word would link, （微信同号） where there is a mobile; the
    Word-only encodings in Word files only."""
    from benchmarks.gencorpus.build import WORD_FORMATS

    seen: set[str] = set()
    for m in _plan("heldout", 300, 3):
        for f in m.forms:
            if f.fmt == "none":
                continue
            decos = set(f.look.decorations)
            seen |= decos
            if "seal_image" in decos:
                assert f.look.layout not in ("cover_table", "textbox_frame"), f.look.layout
            if "email_hyperlink" in decos:
                assert f.app.contact_email and "email_fullwidth" not in decos
            # The flawed first version of a resend lost the leader's phone after its look was drawn.
            if "phone_wechat" in decos and f.version == "current":
                assert any(p and p.startswith("1") for p in (f.app.leader_phone, f.app.contact_phone))
            if f.look.checkbox in ("form_field", "red_chosen"):
                assert f.fmt in WORD_FORMATS
    assert {"seal_image", "email_hyperlink", "phone_wechat", "project_quoted"} <= seen


def test_fifth_set_truth_stays_clean() -> None:
    """The truth of a form drawn with the fifth set is the clean value: no 《》 or （微信同号）, the
    amount in 万元, days kept for 2024.5.1—2024.12.31 and months for 起：…　止：…."""
    from benchmarks.gencorpus.write import _fields

    dated: set[str] = set()
    for m in _plan("heldout", 180, 4):
        for f in m.forms:
            fields = _fields(f)
            assert fields["project_name"] == f.app.project_name and "《" not in fields["project_name"]
            # (An office phone's extension is the eleventh set's and part of the number: phone_extension.)
            extension = r"(?:转\d{3,4}|-\d{3,4}|（分机\d{3,4}）)?" if "phone_extension" in f.look.decorations else ""
            for key in ("leader_phone", "contact_phone"):
                assert fields[key] is None or re.fullmatch(r"1\d{10}|0\d{2,3}-\d{7,8}" + extension, fields[key]), \
                    fields[key]
            assert fields["funding_wan"] == f.app.funding_wan
            if f.look.dates in ("dot_day", "qi_zhi"):
                dated.add(f.look.dates)
                day = f.look.dates == "dot_day"
                assert fields["start_date"] == (f.app.start.isoformat() if day else f.app.start.isoformat()[:7])
                assert fields["end_date"] == (f.app.end.isoformat() if day else f.app.end.isoformat()[:7])
    assert dated == {"dot_day", "qi_zhi"}


@pytest.mark.parametrize("layout", ["cover_table", "header_row", "leader_in_team", "underscore_blanks"])
def test_fifth_set_decorations_show_in_the_document(layout: str) -> None:
    """Wherever the project name, a mobile or the e-mail is typed, it is typed decorated."""
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    decos = ("project_quoted", "phone_wechat", "email_hyperlink")
    look = _look(layout=layout, cover=True, value_decos=decos, decorations=decos)
    app = _app(contact_phone="13911112222", contact_email="lina@163.com")
    data = build_docx(form_blocks(app, look), "x")
    text = _docx_all_text(data)
    assert text.count("测试学术年会") == text.count("《测试学术年会》") >= 1
    for phone in ("13800000000", "13911112222"):
        assert re.findall(phone + r"(.{0,6})", text) and all(
            tail.startswith(("（微信同号）", "(微信同号)", "（同微信）")) for tail in re.findall(phone + r"(.{0,6})", text))
    links = list(_xml(data).iter(qn("w:hyperlink")))
    assert len(links) == text.count("lina@163.com") >= 1


def _category_doc(style: str) -> Any:
    from benchmarks.gencorpus.docmodel import Table, build_docx
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.forms import category_text

    text = category_text(_app(subcategory="学会服务站建设"), style)
    return Document(io.BytesIO(build_docx((Table((1.0,), ((DocCell(text),),)),), "x")))


def test_form_field_boxes_are_legacy_check_box_fields() -> None:
    """Each option has a FORMCHECKBOX field before it; only the chosen one's is checked."""
    doc = _category_doc("form_field")
    boxes = []
    for p in doc.tables[0].rows[0].cells[0].paragraphs:
        runs = p._p.findall(qn("w:r"))
        for i, r in enumerate(runs):
            begin = r.find(qn("w:fldChar"))
            if begin is None or begin.get(qn("w:fldCharType")) != "begin":
                continue
            box = begin.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
            assert box is not None
            assert "".join(t.text or "" for t in runs[i + 1].iter(qn("w:instrText"))) == " FORMCHECKBOX "
            assert runs[i + 2].find(qn("w:fldChar")).get(qn("w:fldCharType")) == "end"
            label = "".join(t.text or "" for t in runs[i + 3].iter(qn("w:t"))).split()[0]
            boxes.append((label, box.find(qn("w:checked")) is not None))
    assert len(boxes) == 9
    assert [label for label, checked in boxes if checked] == ["学会服务站建设"]
    assert not doc.element.body.findall(f".//{qn('w:sdt')}")


def test_red_marks_only_the_chosen_option() -> None:
    from docx.shared import RGBColor

    doc = _category_doc("red_chosen")
    runs = [r for p in doc.tables[0].rows[0].cells[0].paragraphs for r in p.runs]
    assert [r.text for r in runs if r.font.color.rgb == RGBColor(0xFF, 0, 0)] == ["学会服务站建设"]


def test_seal_floats_over_the_units_name() -> None:
    """The seal is a PNG anchored (wrapNone, in front of the text) in the paragraph that carries
    the unit's name, in the basic table; the name is still text."""
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    look = _look(layout="remarks_column", value_decos=("seal_image",), decorations=("seal_image",))
    data = build_docx(form_blocks(_app(), look), "x")
    doc = Document(io.BytesIO(data))
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    anchors = list(doc.element.body.iter(f"{{{wp}}}anchor"))
    assert len(anchors) == 1
    anchor = anchors[0]
    assert anchor.get("behindDoc") == "0" and anchor.find(f"{{{wp}}}wrapNone") is not None
    paragraph = next(anchor.iterancestors(qn("w:p")))
    assert "".join(t.text or "" for t in paragraph.iter(qn("w:t"))) == "湖南省测试学会"
    cell = next(anchor.iterancestors(qn("w:tc")))
    row = [("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in cell.getparent().findall(qn("w:tc"))]
    assert row[1] == "申报单位"
    blip = anchor.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    image = doc.part.related_parts[blip.get(qn("r:embed"))]
    assert image.content_type == "image/png"
    seal = Image.open(io.BytesIO(image.blob))
    corner = seal.getpixel((0, 0))
    assert seal.mode == "RGBA" and isinstance(corner, tuple) and corner[3] == 0  # transparent around the ring
    import numpy as np

    ink = np.asarray(seal)
    assert ((ink[..., 0] > 150) & (ink[..., 1] < 100) & (ink[..., 3] > 0)).any()  # red ink


def test_email_is_a_mailto_hyperlink() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    look = _look(layout="one_cell_tabs", value_decos=("email_hyperlink",), decorations=("email_hyperlink",))
    doc = Document(io.BytesIO(build_docx(form_blocks(_app(contact_email="lina@163.com"), look), "x")))
    links = list(doc.element.body.iter(qn("w:hyperlink")))
    assert len(links) == 1
    assert "".join(t.text or "" for t in links[0].iter(qn("w:t"))) == "lina@163.com"
    rel = doc.part.rels[links[0].get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "mailto:lina@163.com"


def test_leader_is_named_in_the_team_table_only() -> None:
    """The basic table has no 项目负责人 row; the team table after 项目主要内容 names the leader
    first, with the leader's phone, and the members after."""
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(leader_name="张建国", members=(("赵敏", "秘书长", "13911112222"),))
    doc = Document(io.BytesIO(build_docx(form_blocks(app, _look(layout="leader_in_team")), "x")))
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    basic = next(t for t in tables if t[0][0] == "项目名称")
    assert not [row for row in basic if "负责人" in row[0] or "张建国" in row[1] or "13800000000" in row[1]]
    team = next(t for t in tables if t[0][0] == "序号" and t[0][1] == "姓　名")
    assert team[1] == ["1", "张建国", "湖南省测试学会", "理事长", "项目负责人，总体统筹", "13800000000"]
    assert team[2][1] == "赵敏" and team[2][5] == "13911112222"
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs.index("项目组主要成员") > paragraphs.index("二、项目主要内容")
    compact = Document(io.BytesIO(build_docx(form_blocks(app, _look(layout="leader_in_team"), compact=True), "x")))
    assert "项目组主要成员" in [p.text for p in compact.paragraphs]  # the scan keeps the leader too


def test_one_cell_holds_the_basic_information_with_tabs() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    doc = Document(io.BytesIO(build_docx(form_blocks(_app(), _look(layout="one_cell_tabs")), "x")))
    table = doc.tables[0]
    assert len(table.rows) == 1 and len(table.columns) == 1
    lines = [p.text for p in table.rows[0].cells[0].paragraphs]
    assert lines[0] == "项目名称：测试学术年会"
    leader = next(line for line in lines if line.startswith("项目负责人"))
    assert re.fullmatch(r"项目负责人：王伟\t+手机：13800000000", leader), leader
    cell = table.rows[0].cells[0]._tc
    assert len(cell.findall(f".//{qn('w:tab')}")) >= 3  # Word's own tab characters, not spaces


def test_underscore_blanks_keep_the_template_underscores_around_values() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    doc = Document(io.BytesIO(build_docx(form_blocks(_app(aid="A-0003"), _look(layout="underscore_blanks")), "x")))
    lines = [p.text for p in doc.paragraphs]
    assert "申报单位：__湖南省测试学会" + "_" * 17 in lines
    assert any(re.fullmatch(r"项目负责人：__王伟_+　手机：__13800000000_+", line) for line in lines), lines
    assert not doc.tables[0].rows[0].cells[0].text.startswith("项目名称")  # no table for the basic part


def test_remarks_sit_beside_the_values() -> None:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    look = _look(layout="remarks_column", funding="yuan_label")
    doc = Document(io.BytesIO(build_docx(form_blocks(_app(), look), "x")))
    rows = {r.cells[1].text: (r.cells[2].text, r.cells[3].text) for r in doc.tables[0].rows}
    assert rows["申报单位"] == ("湖南省测试学会", "全称，与公章一致，如：湖南省××学会")
    assert rows["起止时间"] == ("2024年5月—2024年12月", "须在2024年12月31日前完成")
    assert rows["申请经费（元）"] == ("80000", "申请省科协资助部分，不含自筹")


@pytest.mark.parametrize("layout", ["merged_grid", "landscape_twoup", "bilingual_labels", "spaced_2col",
                                    "header_row"])
def test_amount_in_yuan_has_its_unit_in_the_label(layout: str) -> None:
    """Where the amount is a bare figure in 元, the label beside or above it says 元."""
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    doc = Document(io.BytesIO(build_docx(form_blocks(_app(), _look(layout=layout, funding="yuan_label")), "x")))
    table = doc.tables[0]
    grid = [[c.text for c in r.cells] for r in table.rows]
    spots = [(i, j) for i, row in enumerate(grid) for j, text in enumerate(row) if text == "80000"]
    assert spots
    for i, j in spots:
        near = [grid[i][k] for k in range(j)] + ([grid[i - 1][j]] if i else [])
        assert any("（元）" in re.sub(r"\s", "", text) for text in near), (layout, grid[i])
    budget = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号" and "支出科目" in t.rows[0].cells[1].text)
    assert budget.rows[0].cells[2].text == "金额（元）"


def test_fifth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The fifth set's layouts printed by LibreOffice: pdfplumber reads every value (the seal is
    a picture over the text, not in place of it), and the letters of a letter-coded list."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_5 as hv5
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.media import soffice_batch

    picked: dict[str, Any] = {}
    wanted = set(hv5.LAYOUTS) | {*hv5.CHECKBOXES, *hv5.FUNDINGS, *hv5.DATES, *hv5.DECORATIONS} - \
        hv5.WORD_ONLY_CHECKBOXES
    # Dev draws the set at its ordinary odds since it moved there: a few plans find every variant.
    for m in (m for seed in range(2, 30) for m in _plan("dev", 180, seed)):
        if set(picked) >= wanted:
            break
        for f in m.forms:
            if f.fmt == "none" or "funding_revised" in f.look.decorations:
                continue
            if f.look.layout not in hv5.LAYOUTS or f.look.checkbox in hv5.WORD_ONLY_CHECKBOXES:
                continue
            # A four-character name wraps in the team table's narrow 姓名 column, the next
            # columns' text printed between its halves: realistic, but no whole-value check.
            if f.look.layout == "leader_in_team" and len(f.app.leader_name) > 3:
                continue
            picked.setdefault(f.look.layout, f)
            # One form of each PDF-borne checkbox encoding, amount, period and decoration too (in
            # this set's layouts, whose cells are wide enough not to break a value over lines).
            for variant in (f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations):
                if variant in {*hv5.CHECKBOXES, *hv5.FUNDINGS, *hv5.DATES, *hv5.DECORATIONS}:
                    picked.setdefault(variant, f)
    assert set(picked) == wanted
    forms = {id(f): f for f in picked.values()}
    docs = {f"f{k}": build_docx(form_blocks(f.app, f.look), "x") for k, f in forms.items()}
    pdfs = soffice_batch(docs, "pdf", tmp_path)
    for k, f in forms.items():
        with pdfplumber.open(io.BytesIO(pdfs[f"f{k}"])) as pdf:
            text = "\n".join(p.extract_text() or "" for p in pdf.pages)
            images = sum(len(p.images) for p in pdf.pages)
        # Dev draws the sixth set's prompts too: a phone after its prompt wraps in the team table's
        # narrow column beside the next columns' text, and is read from its cell.
        _assert_values_in(text + "\n" + _pdf_reading(pdfs[f"f{k}"])[1], f.app, f.look)
        if f.look.checkbox == "letter_code":
            flat = _flat(text)
            assert "A.学术交流" in flat and "A.省级学会" in flat
        # (Boxes drawn as pictures, a pasted tick's picture and ActiveX controls' pictures print
        # as pictures too: then only a seal's picture is checked for. So does a signature's picture
        # after the leader's name, the seventeenth set's.)
        pictured = {"seal_image", "signature_picture"} & set(f.look.decorations)
        if f.look.checkbox in ("box_pictures", "tick_picture", "activex_checkbox"):
            assert not pictured or images > 0, (f.look.layout, f.look.decorations)
        else:
            assert bool(pictured) == (images > 0), (f.look.layout, f.look.decorations)


# ---------------------------------------------------------------------------- the sixth held-out set

def test_sixth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_6 as hv6
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES

    def fund(wan: float, style: str) -> str:
        return hv6.funding_text(_app(funding_wan=wan), style)

    assert fund(8.0, "daxie_yuan_circle") == "人民币捌万圆整"
    assert fund(7.5, "daxie_yuan_circle") == "人民币柒万伍仟圆整"
    assert fund(25.0, "daxie_yuan_circle") == "人民币贰拾伍万圆整"
    assert [fund(w, "cn_lower_numerals") for w in (8.0, 7.5, 4.5, 10.0, 15.0, 25.0, 70.0)] == [
        "八万元", "七万五千元", "四万五千元", "十万元", "十五万元", "二十五万元", "七十万元"]
    app = _app(start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv6.period_text(app, "yyyymm_compact") == "202405-202412"
    assert hv6.period_text(app, "months_counted") == "2024年5月至2024年12月，共8个月"
    assert hv6.period_text(_app(start=date(2024, 3, 1), end=date(2025, 6, 30)),
                           "months_counted") == "2024年3月至2025年6月，共16个月"
    assert hv6.period_text(_app(start=date(2024, 3, 1), end=date(2025, 6, 30)), "yyyymm_compact") == "202403-202506"
    assert hv6.option_text(True, "学术交流", "eq_enclosed") == "[eq]学术交流"
    assert hv6.option_text(False, "学术交流", "eq_enclosed") == "□学术交流"
    assert hv6.option_text(True, "学术交流", "kou_boxes") == "√学术交流"
    assert hv6.option_text(False, "学术交流", "kou_boxes") == "口学术交流"
    assert hv6.option_text(True, "学术交流", "ring_shape") == "[ring:8]学术交流"
    assert hv6.option_text(True, "企业（园区）科协", "ring_shape") == "[ring:16]企业（园区）科协"
    assert hv6.option_text(False, "学术交流", "ring_shape") == "学术交流"
    assert hv6.options_text(TYPES, "民非组织", "dropdown_control") == (
        "[dd:单位类型|民非组织|省级学会|市州科协|高校科协|企业（园区）科协|民非组织|其他]")
    category = hv6.category_text(CATEGORY_ITEMS, "学会服务站建设", "dropdown_control")
    assert category.startswith("[dd:项目类别|科技创新服务能力建设项目—学会服务站建设|科技创新服务能力建设项目—学术交流|")
    assert category.count("|") == 10 and category.endswith("|学会自身能力建设项目—高校科协交流机制建设]")
    assert hv6.half_widths("学术交流") == 8 and hv6.half_widths("ab中") == 4
    assert hv6.break_at("2024年湖南省光学学术年会") == 8  # after 湖南省, nearer the middle than after 年
    assert hv6.break_at("ABCDEFGHIJKLMN") == 7
    decos = ("project_fullwidth_digits", "project_softbreak", "pasted_invisibles")
    assert hv6.project_text("第5届湖南光学学术论坛暨学术年会", decos) == "\u200b第５届湖南光学学术论坛暨[br]学术年会\u00a0"
    assert hv6.project_text("测试学术年会", decos) == "\u200b测试学术年会\u00a0"  # too short to break
    assert hv6.project_text("测试学术年会", ()) == "测试学术年会"
    assert hv6.org_text("湖南省测试学会（盖章）", "湖南省测试学会", ("pasted_invisibles",)) == \
        "\u200b湖南省测试学会\u00a0（盖章）"
    assert hv6.email_text("a@b.cn", ("pasted_invisibles",), "a@b.cn") == "a@b.cn\u00a0"
    assert hv6.email_text(None, ("pasted_invisibles",), "") == ""
    assert hv6.hinted("org", "湖南省测试学会", ("hint_left_in",)) == "[grey]（填写单位全称，与公章一致）[/grey]湖南省测试学会"
    assert hv6.hinted("phone", "", ("hint_left_in",)) == "[grey]（请填写手机号码）[/grey]"  # left unfilled
    assert hv6.checkbox_for("red_chosen", "table_screenshot", "A-0001") in hv6.TEXT_CHECKBOXES
    assert hv6.checkbox_for("circle", "table_screenshot", "A-0001") == "circle"
    assert hv6.checkbox_for("red_chosen", "header_row", "A-0001") == "red_chosen"


def test_sixth_set_truth_stays_clean() -> None:
    """The truth of a form drawn with the sixth set is the clean value: the name without prompts,
    breaks, invisible or full-width characters, the amount in 万元, the period in months."""
    from benchmarks.gencorpus import holdout_variants_6 as hv6
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    # Two plans: with the thirteenth set drawn too, a sixth-set writing may show on no form of one.
    for m in (m for seed in (4, 5) for m in _plan("heldout", 180, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen |= {f.look.funding, f.look.dates, *f.look.decorations}
            assert fields["project_name"] == f.app.project_name
            assert not re.search(r"[\u200b\u00a0\uff10-\uff19\[]", fields["project_name"] + fields["applicant_org"]
                                 + fields["leader_name"] + (fields["leader_phone"] or ""))
            assert fields["funding_wan"] == f.app.funding_wan
            if f.look.dates in hv6.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    assert {*hv6.FUNDINGS, *hv6.DATES, *hv6.DECORATIONS} <= seen


def test_sixth_set_variants_are_drawn_where_they_show() -> None:
    """A decoration is tagged only where it shows; the EQ field only in files sent as .docx
    (LibreOffice drops it from .doc and PDF), the drop-down only in Word files; a screenshot
    shows characters only, so its encoding is one of characters and it carries no link, seal,
    tracked change or invisible character."""
    from benchmarks.gencorpus import holdout_variants_6 as hv6
    from benchmarks.gencorpus.build import OOXML_FORMATS, WORD_FORMATS

    seen: set[str] = set()
    # (Held-out's plans of _BOTH_SPLITS: with the eighteenth set on dev's odds, the EQ field shows in
    # neither of two others.)
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        for f in m.forms:
            if f.fmt == "none":
                continue
            decos = set(f.look.decorations)
            seen |= decos | {f.look.checkbox, f.look.layout}
            if f.look.checkbox == "eq_enclosed":
                assert f.fmt in OOXML_FORMATS and f.fmt not in ("doc", "wps"), f.fmt
            if f.look.checkbox == "dropdown_control":
                assert f.fmt in WORD_FORMATS
            if "project_softbreak" in decos:
                assert len(f.app.project_name) >= 12
            if "project_fullwidth_digits" in decos:
                assert re.search(r"[0-9]", f.app.project_name)
            if f.look.layout == "table_screenshot":
                assert f.look.checkbox in hv6.TEXT_CHECKBOXES
                assert not decos & {"email_hyperlink", "seal_image", "funding_revised", "pasted_invisibles"}
    assert {*hv6.DECORATIONS, *hv6.CHECKBOXES, "table_screenshot"} <= seen


def _sixth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = kw.pop("app", _app())
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), "x")
    return data, Document(io.BytesIO(data))


def _paragraph_texts(doc: Any) -> list[str]:
    """Every paragraph's w:t text (no line breaks), cells and controls included."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]


def test_borderless_grid_has_no_rules() -> None:
    """The basic table sets every border to nil over the grid style; the form's other tables keep
    their rules."""
    _, doc = _sixth_doc("borderless_grid")
    basic = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目名称：")
    borders = basic._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None
    assert {b.tag.split("}")[1]: b.get(qn("w:val")) for b in borders} == {
        side: "nil" for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
    # The schema's order: tblBorders after the style, width and alignment, before the layout.
    tags = [el.tag.split("}")[1] for el in basic._tbl.tblPr]
    assert tags.index("tblBorders") < tags.index("tblLayout")
    assert [[c.text for c in r.cells] for r in basic.rows][4] == ["项目负责人：", "王伟", "手　　机：", "13800000000"]
    others = [t for t in doc.tables if t._tbl is not basic._tbl]
    assert others and all(t._tbl.tblPr.find(qn("w:tblBorders")) is None for t in others)


def test_caption_boxes_hold_the_caption_then_the_value() -> None:
    """Every box's first line is its caption and the value follows in the same cell: no cell
    holds a caption alone."""
    _, doc = _sixth_doc("caption_boxes", app=_app(address="长沙市芙蓉区八一路1号"))
    basic = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "项目名称")
    boxes: dict[str, list[str]] = {}
    for row in basic.rows:
        for cell in row.cells:
            lines = [p.text for p in cell.paragraphs]
            assert len(lines) >= 2 and all(lines), lines
            boxes[lines[0]] = lines[1:]
    assert boxes["项目名称"] == ["测试学术年会"] and boxes["申报单位"] == ["湖南省测试学会"]
    assert boxes["项目负责人"] == ["王伟"] and boxes["负责人手机"] == ["13800000000"]
    assert boxes["联系电话"] == ["0731-84000000"] and boxes["电子邮箱"] == ["a@b.cn"]
    assert boxes["申请经费"] == ["8万元"] and boxes["起止时间"] == ["2024年5月—2024年12月"]
    assert boxes["项目类别"][0] == "科技创新服务能力建设项目：" and "☑学术交流" in boxes["项目类别"][1]
    assert [len(r.cells) for r in basic.rows][-3:] == [4, 4, 4]  # people four boxes to a row (merged cells repeat)


def test_summary_row_is_one_value_row_on_a_landscape_page() -> None:
    _, doc = _sixth_doc("summary_row", funding="bare")
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    summary = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    rows = [[c.text for c in r.cells] for r in summary.rows]
    assert rows == [["序号", "项目名称", "申报单位", "项目负责人", "负责人手机", "项目联系人", "联系电话", "电子邮箱",
                     "申请经费（万元）", "起止时间"],
                    ["1", "测试学术年会", "湖南省测试学会", "王伟", "13800000000", "李娜", "0731-84000000", "a@b.cn", "8",
                     "2024年5月—2024年12月"]]
    kinds = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目类别")
    assert [r.cells[0].text for r in kinds.rows] == ["项目类别", "单位类型"]
    assert "☑省级学会" in kinds.rows[1].cells[1].text


def test_screenshot_shows_the_values_as_a_picture() -> None:
    """The basic part is an inline PNG: none of its values is text in the document, and an OCR
    engine reads them off the picture as a careful reader would."""
    from rapidocr import RapidOCR
    from rapidocr.utils.output import RapidOCROutput

    app = _app(project_name="2024年湖南省光学学术年会", applicant_org="湖南省光学学会", leader_phone="13807312345")
    data, doc = _sixth_doc("table_screenshot", app=app, checkbox="tick_replace")
    text = "\n".join(_paragraph_texts(doc))
    for value in ("光学学术年会", "湖南省光学学会", "13807312345", "a@b.cn", "8万元", "王伟"):
        assert value not in text
    assert "一、基本情况" in text and "四、申报单位意见" in text
    blips = list(doc.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    assert len(blips) == 1
    paragraph = next(blips[0].iterancestors(qn("w:p")))
    assert paragraph.find(f".//{{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}}inline") \
        is not None
    image = doc.part.related_parts[blips[0].get(qn("r:embed"))]
    assert image.content_type == "image/png"
    picture = Image.open(io.BytesIO(image.blob))
    assert picture.size[0] == 1000 and picture.size[1] > 400
    ocr = RapidOCR()(image.blob)
    assert isinstance(ocr, RapidOCROutput)
    read = _flat("".join(ocr.txts or ()))
    for value in ("2024年湖南省光学学术年会", "湖南省光学学会", "13807312345", "王伟", "李娜", "0731-84000000",
                  "8万元", "2024年5月—2024年12月", "√学术交流"):
        assert _flat(value) in read.replace("一", "—"), (value, read)


def test_enclosed_tick_is_an_eq_field_before_the_chosen_option() -> None:
    """带圈字符 as Word writes it: begin, eq \\o\\ac( with the □ in a larger lowered run, ,√), end,
    straight before the chosen option; every other option keeps its □ as text."""
    doc = _category_doc("eq_enclosed")
    fields = []
    for p in doc.tables[0].rows[0].cells[0].paragraphs:
        runs = p._p.findall(qn("w:r"))
        for i, r in enumerate(runs):
            begin = r.find(qn("w:fldChar"))
            if begin is None or begin.get(qn("w:fldCharType")) != "begin":
                continue
            end = next(k for k in range(i, len(runs)) if (e := runs[k].find(qn("w:fldChar"))) is not None
                       and e.get(qn("w:fldCharType")) == "end")
            instr = [("".join(t.text or "" for t in x.iter(qn("w:instrText"))), x.find(f"{qn('w:rPr')}/{qn('w:sz')}"))
                     for x in runs[i + 1:end]]
            assert "".join(text for text, _ in instr) == " eq \\o\\ac(□,√)"
            enclosure = next(size for text, size in instr if text == "□")
            assert enclosure is not None and enclosure.get(qn("w:val")) == "31"
            assert not [t for x in runs[i:end + 1] for t in x.iter(qn("w:t"))]  # no result text
            fields.append("".join(t.text or "" for t in runs[end + 1].iter(qn("w:t"))).split()[0])
    assert fields == ["学会服务站建设"]
    text = doc.tables[0].rows[0].cells[0].text
    assert text.count("□") == 8 and "□学会服务站建设" not in text


def test_kou_boxes_are_the_han_character() -> None:
    doc = _category_doc("kou_boxes")
    text = doc.tables[0].rows[0].cells[0].text
    options = re.findall(r"([口√□])(\S+)", text)
    assert [o for mark, o in options if mark == "√"] == ["学会服务站建设"]
    assert sum(mark == "口" for mark, _ in options) == 8 and "□" not in text and "☐" not in text


def _ellipses(body: Any) -> list[Any]:
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    return [g for g in body.iter(f"{a}prstGeom") if g.get("prst") == "ellipse"]


def test_ring_is_an_ellipse_drawn_over_the_chosen_option() -> None:
    """The chosen option is circled by a floating ellipse (no fill) anchored just before it, as
    wide as the option's text and a little more; the options themselves carry no mark."""
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS

    doc = _category_doc("ring_shape")
    rings = _ellipses(doc.element.body)
    assert len(rings) == 1
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    anchor = next(rings[0].iterancestors(f"{wp}anchor"))
    assert anchor.get("behindDoc") == "0" and anchor.find(f"{wp}wrapNone") is not None
    assert anchor.find(f"{wp}positionH").get("relativeFrom") == "character"
    assert rings[0].getparent().find("{http://schemas.openxmlformats.org/drawingml/2006/main}noFill") is not None
    run = next(anchor.iterancestors(qn("w:r")))
    following = "".join(t.text or "" for t in run.itersiblings(qn("w:r")) for t in t.iter(qn("w:t")))
    assert following.startswith("学会服务站建设")
    width_pt = int(anchor.find(f"{wp}extent").get("cx")) / 12700
    assert 7 * 10.5 < width_pt < 7 * 10.5 + 20
    text = doc.tables[0].rows[0].cells[0].text
    assert all(o in text for items in CATEGORY_ITEMS.values() for o in items) and not re.search("[□☑√■]", text)


def test_dropdown_lists_every_option_and_shows_the_chosen_one() -> None:
    from benchmarks.gencorpus.forms import TYPES

    _, doc = _sixth_doc("header_row", checkbox="dropdown_control", app=_app(applicant_type="高校科协"))
    controls = {}
    for sdt in doc.element.body.iter(qn("w:sdt")):
        listing = sdt.find(f"{qn('w:sdtPr')}/{qn('w:dropDownList')}")
        assert listing is not None
        alias = sdt.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val"))
        items = [i.get(qn("w:displayText")) for i in listing.findall(qn("w:listItem"))]
        shown = "".join(t.text or "" for t in sdt.find(qn("w:sdtContent")).iter(qn("w:t")))
        controls[alias] = (items, shown)
    assert controls["单位类型"] == (["选择一项。", *TYPES], "高校科协")
    items, shown = controls["项目类别"]
    assert shown == "科技创新服务能力建设项目—学术交流" and len(items) == 10 and shown in items
    text = "\n".join(_paragraph_texts(doc))
    assert "民非组织" not in text and "学会服务站建设" not in text  # only the chosen ones show


def test_sixth_set_decorations_show_in_the_document() -> None:
    """The prompts sit in grey before the values; the long project name is broken by a w:br in
    every place it is typed; names pasted with a zero-width space before and a no-break space
    after; the project's digits full-width."""
    from docx.shared import RGBColor
    from docx.text.paragraph import Paragraph

    decos = ("hint_left_in", "project_softbreak", "pasted_invisibles", "project_fullwidth_digits")
    app = _app(project_name="第5届湖南光学学术论坛暨学术年会", contact_email="lina@163.com")
    _, doc = _sixth_doc("borderless_grid", app=app, cover=True, value_decos=decos, decorations=decos)
    grey = [r.text for p in doc.element.body.iter(qn("w:p")) for r in Paragraph(p, doc).runs
            if r.font.color.type is not None and r.font.color.rgb == RGBColor(0x80, 0x80, 0x80)]
    assert sorted(grey) == sorted(["（请填写项目全称）", "（填写单位全称，与公章一致）", "（填写负责人姓名）",
                                   "（请填写手机号码）"])
    texts = _paragraph_texts(doc)
    assert "（请填写项目全称）\u200b第５届湖南光学学术论坛暨学术年会\u00a0" in texts
    assert "（填写单位全称，与公章一致）\u200b湖南省测试学会\u00a0" in texts
    assert "（填写负责人姓名）王伟" in texts and "（请填写手机号码）13800000000" in texts
    assert "lina@163.com\u00a0" in texts
    project = next(p for p in doc.element.body.iter(qn("w:p")) if "第５届" in "".join(
        t.text or "" for t in p.iter(qn("w:t"))))
    parts = [("\n" if el.tag == qn("w:br") else el.text or "") for el in project.iter(qn("w:t"), qn("w:br"))]
    assert "".join(parts).endswith("第５届湖南光学学术论坛暨\n学术年会\u00a0")
    assert not any("第5届" in t for t in texts)


@pytest.mark.parametrize("layout", ["kv_lines", "summary_row", "caption_boxes"])
def test_softbreak_is_a_manual_line_break_in_any_layout(layout: str) -> None:
    app = _app(project_name="2024年湖南省光学学术年会")
    _, doc = _sixth_doc(layout, app=app, value_decos=("project_softbreak",), decorations=("project_softbreak",))
    breaks = [p for p in doc.element.body.iter(qn("w:p")) if p.find(f".//{qn('w:br')}") is not None
              and "光学" in "".join(t.text or "" for t in p.iter(qn("w:t")))]
    assert len(breaks) == 1
    runs = [(r.find(qn("w:br")) is not None, "".join(t.text or "" for t in r.iter(qn("w:t"))))
            for r in breaks[0].iter(qn("w:r"))]
    before = "".join(text for _, text in runs[:[b for b, _ in runs].index(True)])
    assert before.endswith("2024年湖南省")


def _pdf_reading(pdf: bytes) -> tuple[str, str]:
    """A PDF's text, and each table cell's text with its lines joined (how a reader reads a
    value wrapped in a narrow cell)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        cells = "\n".join("".join((cell or "").split("\n")) for p in doc.pages for table in p.extract_tables()
                          for row in table for cell in row)
    return text, cells


def _assert_printed_marks(pdf: bytes, app: App, look: Any) -> None:
    """What a careful reader sees of this set in print: no rule around a borderless basic part,
    口 and √ as text, a ring around the start of each chosen option, a screenshot as a picture."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        if look.layout == "table_screenshot":
            # (A recommendation letter before the form names the project in its prose: cover_letter.)
            form_text = _flat(text)
            if "cover_letter" in look.decorations:
                form_text = form_text[form_text.index(_flat("一、基本情况")):]
            assert sum(len(p.images) for p in doc.pages) >= 1 and _flat(app.project_name) not in form_text
        if look.layout == "borderless_grid":
            # From the basic part's heading to the next heading, nothing is ruled.
            page = next(p for p in doc.pages if p.search("一、基本情况"))
            top = page.search("一、基本情况")[0]["bottom"]
            after = page.search("二、项目主要内容") or page.search("四、申报单位意见")
            bottom = after[0]["top"] if after else page.height
            assert _flat(app.leader_name) in _flat(page.crop((0, top, page.width, bottom)).extract_text() or "")
            # (An e-mail Word made a link is underlined in the link's blue, a tick drawn with the freeform
            # tool is pen-blue, a □'s black character shading is a glyph's ground: no rule of a table.)
            # (Nor is a line struck through a figure's characters, last round's amount.)
            edges = [e for e in page.lines + page.rects if (top < e["top"] < bottom or top < e["bottom"] < bottom)
                     and e.get("stroking_color") in (None, 0, (0,), (0, 0, 0))
                     and not (e.get("fill") and not e.get("stroke") and e["width"] < 15 and e["height"] < 15)
                     and not (e["height"] < 1.5 and [c for c in page.chars if c["top"] < e["top"] < c["bottom"]
                                                      and e["x0"] - 1 <= c["x0"] and c["x1"] <= e["x1"] + 1])]
            assert not edges, edges[:2]
        if look.checkbox == "kou_boxes" and look.layout != "table_screenshot":  # (a screenshot's are pixels)
            flat = _flat(text)
            read = "\n".join(_pdf_reading(pdf))
            # A selection column (cb_matrix) holds the marks apart from the labels.
            chosen = (app.applicant_type,) if look.layout == "cb_matrix" else (app.subcategory, app.applicant_type)
            assert all(f"√{_flat(label)}" in _flat(read) for label in chosen), chosen
            assert flat.count("口") - app.applicant_org.count("口") - app.project_name.count("口") >= 13
        if look.checkbox == "ring_shape" and "watermark" not in look.decorations:  # (a watermark's are curves too)
            rings = [(p, c) for p in doc.pages for c in p.curves]
            # The category's and the type's; a selection column (cb_matrix, after the type) holds a √;
            # type_in_org writes the type in words after the unit (no list, no ring).
            from benchmarks.gencorpus.forms import NO_TYPE_LAYOUTS

            labels = ((app.applicant_type,) if look.layout == "cb_matrix" else (app.subcategory,)
                      if look.layout in NO_TYPE_LAYOUTS | {"type_in_org"} else (app.subcategory, app.applicant_type))
            assert len(rings) == len(labels), len(rings)
            circled = []
            for page, ring in sorted(rings, key=lambda r: (r[0].page_number, r[1]["top"])):
                within = [c for c in page.chars if ring["x0"] <= (c["x0"] + c["x1"]) / 2 <= ring["x1"]
                          and ring["top"] <= (c["top"] + c["bottom"]) / 2 <= ring["bottom"]]
                # The ring is taller than a line: in a cell whose options wrap, its edge may reach
                # the next line's; the circled line is the one nearest its middle. (Its margin may
                # take in the colon before an option that follows its label on the line.)
                middle = (ring["top"] + ring["bottom"]) / 2
                off = [abs((c["top"] + c["bottom"]) / 2 - middle) for c in within]
                circled.append(_flat("".join(c["text"] for c, d in zip(within, off)
                                             if d < min(off, default=0.0) + 2)).lstrip(":"))
            # An option that wraps at the end of its line is circled where it starts; the type's list
            # may come before the category's (numbered paragraphs).
            for label in labels:
                assert [i for i in circled if i and _flat(label).startswith(i)], (circled, label)


def test_sixth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The sixth set printed by LibreOffice: every value is there to read (in the page's lines or,
    wrapped in a narrow cell beside another, in its cell), and what marks the set shows in print."""
    from benchmarks.gencorpus import holdout_variants_6 as hv6

    wanted = set(hv6.LAYOUTS) | {*hv6.CHECKBOXES, *hv6.FUNDINGS, *hv6.DATES, *hv6.DECORATIONS} - \
        hv6.WORD_ONLY_CHECKBOXES
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv6.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        if f.look.layout != "table_screenshot":
            _assert_values_in(text + "\n" + cells, f.app, f.look)
        _assert_printed_marks(pdf_bytes, f.app, f.look)


def _thirteenth_prints() -> frozenset[str]:
    """The thirteenth set's layouts and checkbox encodings."""
    from benchmarks.gencorpus import holdout_variants_13 as hv13

    return frozenset({*hv13.LAYOUTS, *hv13.CHECKBOXES})


def _fourteenth_prints() -> frozenset[str]:
    """The fourteenth set's variants (each changes how an earlier set's form reads)."""
    from benchmarks.gencorpus import holdout_variants_14 as hv14

    return frozenset().union(*_variant_names(hv14).values())


def _fifteenth_prints() -> frozenset[str]:
    """The fifteenth set's layouts, checkbox encodings, amounts, periods and value decorations
    (what changes how an earlier set's form prints: a value written longer wraps its row, and the
    rows beside it move; its ways of sending a file change no form printed here)."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15

    return frozenset({*hv15.LAYOUTS, *hv15.CHECKBOXES, *hv15.FUNDINGS, *hv15.DATES, *hv15.VALUE_DECORATIONS})


def _sixteenth_prints() -> frozenset[str]:
    """The sixteenth set's layouts, checkbox encodings, amounts, periods and value decorations
    (what changes how an earlier set's form prints: an empty line before a value, a value written
    longer, grey options; its ways of sending a file or a mail change no form printed here)."""
    from benchmarks.gencorpus import holdout_variants_16 as hv16

    return frozenset({*hv16.LAYOUTS, *hv16.CHECKBOXES, *hv16.FUNDINGS, *hv16.DATES, *hv16.VALUE_DECORATIONS})


def _seventeenth_prints() -> frozenset[str]:
    """The seventeenth set's layouts, checkbox encodings, its amount in 元 under a line
    above the table and its value decorations (what changes how an earlier set's form prints: a
    grid of boxes, a value written longer, a picture after a name, a line above the table; its
    other amounts and its periods are read as typed, `_typed`)."""
    from benchmarks.gencorpus import holdout_variants_17 as hv17

    return frozenset({*hv17.LAYOUTS, *hv17.CHECKBOXES, *hv17.YUAN_NOTE_FUNDINGS, *hv17.VALUE_DECORATIONS})


def _eighteenth_prints() -> frozenset[str]:
    """The eighteenth set's layouts, checkbox encodings and value decorations (what changes how an
    earlier set's form prints: its marks and numbered lists hold the options' words, its
    decorations stand after or around a value; its amounts and periods are read as typed,
    `_typed`)."""
    from benchmarks.gencorpus import holdout_variants_18 as hv18

    return frozenset({*hv18.LAYOUTS, *hv18.CHECKBOXES, *hv18.VALUE_DECORATIONS})


def _nineteenth_prints() -> frozenset[str]:
    """The nineteenth set's layouts, checkbox encodings and value decorations (what changes how an
    earlier set's form prints: its marks stand before the options' words, its decorations after or
    in place of a value, read as written by `_assert_values_in`; its amounts and periods are read
    as typed, `_typed`)."""
    from benchmarks.gencorpus import holdout_variants_19 as hv19

    return frozenset({*hv19.LAYOUTS, *hv19.CHECKBOXES, *hv19.VALUE_DECORATIONS})


def _twentieth_prints() -> frozenset[str]:
    """The twentieth set's layouts, checkbox encodings and value decorations (its forms only for
    its own tests: drawn on both splits now, it takes a share of the forms the earlier sets' print
    tests would otherwise read with their own variants)."""
    from benchmarks.gencorpus import holdout_variants_20 as hv20

    return frozenset({*hv20.LAYOUTS, *hv20.CHECKBOXES, *hv20.VALUE_DECORATIONS})


def _twenty_second_prints() -> frozenset[str]:
    """The held-out twenty-second set's layouts, checkbox encodings, period and value decorations
    (its forms only for its own tests, as the twenty-first set's)."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22

    return frozenset({*hv22.LAYOUTS, *hv22.CHECKBOXES, *hv22.DATES, *hv22.VALUE_DECORATIONS})


def _twenty_third_prints() -> frozenset[str]:
    """The held-out twenty-third set's layouts, checkbox encoding, period and value decorations (its
    forms only for its own tests, as the twenty-first and twenty-second sets')."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23

    return frozenset({*hv23.LAYOUTS, *hv23.CHECKBOXES, *hv23.DATES, *hv23.VALUE_DECORATIONS})


def _twenty_first_prints() -> frozenset[str]:
    """The held-out twenty-first set's layouts, checkbox encodings and value decorations (its forms
    only for its own tests: held out, it takes a share of the forms the earlier sets' print tests
    would otherwise read with their own variants)."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21

    return frozenset({*hv21.LAYOUTS, *hv21.CHECKBOXES, *hv21.VALUE_DECORATIONS})


_EIGHTEENTH_LONGER = frozenset({"numbered_choice", "contact_laoshi", "project_tentative", "placeholder_brackets",
                                "period_hedge", "amount_hedge", "mailto_typed"})


_NINETEENTH_LONGER = frozenset({"org_address", "name_ethnicity", "phone_short_code", "project_corner_quotes"})


def _scan_overflows(f: Any) -> bool:
    """Whether a form of scan_background's scanned basic table runs past the page's bottom margin."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus.forms import _V

    rows = hv12.background_rows(hv12._pairs(_V(f.app, f.look)))
    return hv12.BACK_Y_CM + hv12.BACK_TITLE_CM + sum(h for _, _, h in rows) > 29.7 - 2.0


def _printed_one_per_variant(wanted: set[str], layouts: Any, tmp_path: Path) -> list[tuple[Any, bytes]]:
    """One held-out form for each of `wanted` (a layout only in forms of that layout; the form's
    own layouts from `layouts`), each built and printed by LibreOffice: (form, PDF bytes)."""
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import WORD_ONLY_CHECKBOXES, form_blocks
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_8 import LAYOUTS as _EIGHTH_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS
    from benchmarks.gencorpus.media import soffice_batch

    picked: dict[str, Any] = {}
    # (More plans than one set needs: the fourteenth, the fifteenth, the sixteenth and the
    # seventeenth set's forms are left to their own tests; and more again with the nineteenth set
    # held out: a pen's ticks, for scans and photos only, on a form no later set's variant prints
    # otherwise are rare.)
    # (And more again with the twentieth set held out: a form of the nineteenth set's short number
    # alone among the later sets' variants is rarer.)
    for m in (m for seed in range(2, 490) for m in _plan("heldout", 180, seed)):
        if set(picked) >= wanted:
            break
        for f in m.forms:
            if f.fmt == "none" or "funding_revised" in f.look.decorations or f.look.checkbox in WORD_ONLY_CHECKBOXES:
                continue
            # Layouts that print the period or the amount from the numbers, not as typed; the
            # eighth set's layouts for its own variants only (a column of two is read on its own);
            # line numbers in the margin for the ninth set's tests only (read without the margin).
            if f.look.layout in ("split_dates", "alt_cols") or (f.look.layout in _EIGHTH_LAYOUTS
                                                                and f.look.layout not in layouts):
                continue
            if "line_numbers" in f.look.decorations and "line_numbers" not in wanted:
                continue
            # A screenshot's values are pixels: its form only for a set that wants the layout.
            if f.look.layout in PICTURE_LAYOUTS and f.look.layout not in wanted:
                continue
            # The thirteenth set's layouts and marks change how an earlier set's form prints (a text
            # box, a group, a system's own PDF): their forms only for the set that wants them.
            if {f.look.layout, f.look.checkbox} & _thirteenth_prints() - wanted:
                continue
            # (And the fourteenth set's: a form of it only for that set's own test.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _fourteenth_prints() - wanted:
                continue
            # (And the fifteenth set's, now that dev draws it too: its forms only for that set's own test.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _fifteenth_prints() - wanted:
                continue
            # (And the sixteenth set's, now that dev draws it too.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _sixteenth_prints() - wanted:
                continue
            # (And the seventeenth set's, now that dev draws it too.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _seventeenth_prints() - wanted:
                continue
            # (And the eighteenth set's, now that dev draws it too.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _eighteenth_prints() - wanted:
                continue
            # (And the nineteenth set's, now that dev draws it too.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _nineteenth_prints() - wanted:
                continue
            # (And the twentieth set's, now that dev draws it too.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _twentieth_prints() - wanted:
                continue
            # (And the held-out twenty-first set's: its forms only for its own tests.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _twenty_first_prints() - wanted:
                continue
            # (And the held-out twenty-second set's.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _twenty_second_prints() - wanted:
                continue
            # (And the held-out twenty-third set's.)
            if {f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations} & \
                    _twenty_third_prints() - wanted:
                continue
            # The fourteenth set draws a unit's short name where the template's hidden example stands
            # before the unit too; the unit then goes without it: no sample of the short name.
            if {"org_abbrev", "hidden_example"} <= set(f.look.decorations):
                continue
            # A text box floats over the page: a unit's or a name's letters set apart (distributed_names)
            # in one are read interleaved with the text the box lies over (the budget's table).
            if f.look.layout == "textbox_grid" and "distributed_names" in f.look.decorations:
                continue
            # A watermark's letters are curves on every page: its forms only for a set that wants it.
            if "watermark" in f.look.decorations and "watermark" not in wanted:
                continue
            # In a borderless grid of two half-width cells a value after the template's prompt wraps
            # beside its neighbour's caption (a phone cut between its digits): no table's cell joins it.
            if f.look.layout == "caption_below" and "hint_left_in" in f.look.decorations:
                continue
            # (So does a contact with their office after the name beside the template's prompt in the
            # header row's narrow cells: the name wraps, read interleaved with the phone beside it.)
            if f.look.layout == "header_row" and {"hint_left_in", "contact_role"} <= set(f.look.decorations):
                continue
            # (So does a spaced phone after the prompt in the sixth set's borderless grid: its digits
            # wrap apart.)
            if f.look.layout == "borderless_grid" and {"hint_left_in", "phone_spaced"} <= set(f.look.decorations):
                continue
            # (And the project's English name in the twelfth set's text grid: longer than the grid's value
            # column, it wraps onto the next grid line, the column's │ printed between its halves.)
            if f.look.layout == "text_grid" and "project_english" in f.look.decorations:
                continue
            # (So does a long name in the annex's narrow cell beside the template's prompt: the prompt
            # prints between the name's halves; and a name with its 间隔号 and its titles slashed.)
            if f.look.layout == "annex_people" and ("hint_left_in" in f.look.decorations or {
                    "name_middle_dot", "name_titles_slash"} <= set(f.look.decorations)):
                continue
            # A scanned basic table taller than the page (long option lists, a long name) keeps the
            # frames of the values below the page's foot at its foot, one over another: realistic
            # enough, but no whole-value check.
            if f.look.layout == "scan_background" and _scan_overflows(f):
                continue
            # A worksheet's rows are one line high in LibreOffice's print: a name broken over two
            # lines there prints its first line above the row (read in its .docx only), and a long
            # value runs into the next cell: its form only for a set that wants the layout.
            if f.look.layout in SHEET_LAYOUTS and ("project_softbreak" in f.look.decorations
                                                   or f.look.layout not in wanted):
                continue
            # A name broken over two lines in the wrapped table pushes the notes beside it below the
            # labels' lines (the tenth set's test reads a label and a note on one printed line).
            if f.look.layout == "wrapped_table" and "project_softbreak" in f.look.decorations:
                continue
            # (So do values in text boxes there: a text box sets its row's height, not the label's line.)
            if f.look.layout == "wrapped_table" and "value_textbox" in f.look.decorations:
                continue
            # (And the eighteenth set's numbered lists and longer values: they move the lines
            # the tenth set's test reads a label and a note on.)
            if f.look.layout == "wrapped_table" and {f.look.checkbox, *f.look.decorations} & _EIGHTEENTH_LONGER:
                continue
            # (A converter's frames hold a line of text each: a unit's short name after it, in the frame
            # it wraps out of, is read apart from the words before it.)
            if f.look.layout == "converted_frames" and "org_abbrev" in f.look.decorations:
                continue
            # (And the nineteenth set's longer values.)
            if f.look.layout == "wrapped_table" and set(f.look.decorations) & _NINETEENTH_LONGER:
                continue
            # (In caption_below two fields share a line: an amount too long for its half wraps, and the
            # next field's caption is read between its two lines; measured in columns, a Chinese
            # character or a full-width bracket taking two.)
            if f.look.layout == "caption_below" and sum(
                    2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in _typed(f.app, f.look)[0]) > 20:
                continue
            for variant in (f.look.layout, f.look.checkbox, f.look.funding, f.look.dates, *f.look.decorations):
                # A screenshot shows the options' marks as pixels: an encoding is read where it is text;
                # rings are counted as the page's curves, where no watermark draws its letters.
                if variant == f.look.checkbox and (f.look.layout in PICTURE_LAYOUTS or (
                        variant == "ring_shape" and "watermark" in f.look.decorations)):
                    continue
                if variant in wanted and (variant not in layouts or f.look.layout == variant):
                    picked.setdefault(variant, f)
    assert set(picked) == wanted, wanted - set(picked)
    forms = {id(f): f for f in picked.values()}
    docs = {f"f{k}": build_docx(form_blocks(f.app, f.look), "x") for k, f in forms.items()}
    pdfs = soffice_batch(docs, "pdf", tmp_path)
    return [(f, pdfs[f"f{k}"]) for k, f in forms.items()]


# ---------------------------------------------------------------------------- the seventh held-out set

def test_seventh_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES, funding_label

    def fund(wan: float, style: str) -> str:
        return hv7.funding_text(_app(funding_wan=wan), style)

    assert [fund(w, "unit_note") for w in (8.0, 7.5, 25.0)] == ["8", "7.5", "25"]
    assert funding_label("unit_note") == "申请经费"
    assert [fund(w, "yuan_fullwidth_comma") for w in (8.0, 7.5, 25.0)] == ["80，000元", "75，000元", "250，000元"]
    app = _app(start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv7.period_text(app, "start_plus_duration") == "自2024年5月起，为期8个月"
    assert hv7.period_text(app, "two_digit_year") == "24年5月—24年12月"
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv7.period_text(late, "start_plus_duration") == "自2024年3月起，为期16个月"
    assert hv7.period_text(late, "two_digit_year") == "24年3月—25年6月"
    assert hv7.option_text(True, "学术交流", "floating_tick") == "[tick]□学术交流"
    assert hv7.option_text(False, "学术交流", "floating_tick") == "□学术交流"
    assert hv7.option_text(True, "学术交流", "box_pictures") == "[boxpic:1]学术交流"
    assert hv7.option_text(False, "学术交流", "box_pictures") == "[boxpic:0]学术交流"
    assert hv7.option_text(True, "学术交流", "pen_tick") == hv7.option_text(False, "学术交流", "pen_tick") == "□学术交流"
    category = hv7.category_text(CATEGORY_ITEMS, "学会服务站建设", "choice_written_below")
    assert category.endswith("\n所选类别：学会服务站建设") and category.count("□") == 9 and "√" not in category
    assert hv7.options_text(TYPES, "民非组织", "choice_written_below") == (
        "□省级学会  □市州科协  □高校科协  □企业（园区）科协  □民非组织  □其他\n本单位类型：民非组织")
    assert hv7.phone_text("13807312345", ("phone_country_code",), "138-0731-2345") in {
        "+86 138-0731-2345", "+86-138-0731-2345"}
    assert hv7.phone_text("0731-84000000", ("phone_country_code",), "0731-84000000") == "0731-84000000"
    assert hv7.phone_text("13807312345", (), "13807312345") == "13807312345"
    assert hv7.commented("funding", "8万元", ("comments_left",)) == "[cm:经费与预算表合计核对无误]8万元[/cm]"
    assert hv7.commented("project", "测试学术年会", ()) == "测试学术年会"
    assert hv7.checkbox_for("pen_tick", "cb_matrix", "A-0001") in ("ballot", "tick_replace", "square")
    assert hv7.checkbox_for("pen_tick", "header_row", "A-0001") == "pen_tick"
    assert hv7.checkbox_for("floating_tick", "cb_matrix", "A-0001") == "floating_tick"
    ticks = hv7.pen_ticks(_app(), "pen_tick")
    assert ticks is not None and ticks.labels == ("学术交流", "省级学会") and len(ticks.options) == 15
    assert hv7.pen_ticks(_app(), "ballot") is None


def test_seventh_set_truth_stays_clean() -> None:
    """The truth of a form drawn with the seventh set is the clean value: phones without +86,
    the amount in 万元, the period in months (the end counted from the start and the length)."""
    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    # Two plans: with the fourteenth set drawn too, a seventh-set writing may show on no form of one.
    for m in (m for seed in (4, 5) for m in _plan("heldout", 180, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen |= {f.look.funding, f.look.dates, *f.look.decorations}
            assert fields["project_name"] == f.app.project_name and fields["applicant_org"] == f.app.applicant_org
            # (An office phone's extension is the eleventh set's and part of the number: phone_extension.)
            extension = r"(?:转\d{3,4}|-\d{3,4}|（分机\d{3,4}）)?" if "phone_extension" in f.look.decorations else ""
            for key in ("leader_phone", "contact_phone"):
                assert fields[key] is None or re.fullmatch(r"1\d{10}|0\d{2,3}-\d{7,8}" + extension, fields[key]), \
                    fields[key]
            assert fields["funding_wan"] == f.app.funding_wan
            if f.look.dates in hv7.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    assert {*hv7.FUNDINGS, *hv7.DATES, *hv7.DECORATIONS} <= seen


def test_seventh_set_variants_are_drawn_where_they_show() -> None:
    """Form fields in Word files only; a pen's tick and a turned page in scans and photos only,
    never where the boxes are a picture or a selection column; comments in Word files whose
    basic part is text; +86 where there is a mobile."""
    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus.build import WORD_FORMATS

    seen: set[str] = set()
    # (Four plans: with the fourteenth set drawn too, the form fields show on fewer forms, and with
    # the fifteenth set drawn too the scans' pen ticks on fewer scans; reseeded with the twentieth
    # set held out.)
    for m in (m for seed in (3, 4, 5, 10) for m in _plan("heldout", 300, seed)):
        for f in m.forms:
            if f.fmt == "none":
                continue
            decos = set(f.look.decorations)
            seen |= decos | {f.look.checkbox, f.look.layout}
            # (A form whose fields were typed into the mail sends its signed page's scan alone: the
            # fifteenth set's body_fields_sigpage.)
            if f.look.layout == "legacy_form_fields" and "body_fields_sigpage" not in decos:
                assert f.fmt in WORD_FORMATS, f.fmt
            if f.look.checkbox == "pen_tick":
                assert f.fmt in ("scan_pdf", "photo_jpg") and f.look.layout not in ("cb_matrix", "table_screenshot")
            if f.look.checkbox == "choice_written_below":
                assert f.look.layout not in ("cb_matrix", "table_screenshot")
            if "turned_page" in decos:
                assert f.fmt in ("scan_pdf", "photo_jpg"), f.fmt
            if "comments_left" in decos:
                assert f.fmt in WORD_FORMATS and f.look.layout != "table_screenshot", (f.fmt, f.look.layout)
            # The flawed first version of a resend lost the leader's phone after its look was drawn.
            if "phone_country_code" in decos and f.version == "current":
                assert any(p and re.fullmatch(r"1\d{10}", p) for p in (f.app.leader_phone, f.app.contact_phone))
    assert {*hv7.DECORATIONS, *hv7.CHECKBOXES, *hv7.LAYOUTS} <= seen


def _seventh_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


def _runs_text(el: Any) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def test_group_labels_run_top_to_bottom_in_merged_cells() -> None:
    """The first column holds four group labels, each written top to bottom and merged down over
    its rows; the leader's and the contact's 姓名 rows differ only by the group they sit in."""
    _, doc = _seventh_doc("vertical_group_labels")
    basic = next(t for t in doc.tables if "项目名称" in t.rows[0].cells[1].text)
    groups: list[tuple[str, int]] = []
    for tr in basic._tbl.tr_lst:
        tc = tr.tc_lst[0]
        pr = tc.tcPr
        direction = pr.find(qn("w:textDirection"))
        assert direction is not None and direction.get(qn("w:val")) == "tbRlV"
        merge = pr.find(qn("w:vMerge"))
        assert merge is not None
        if merge.get(qn("w:val")) == "restart":
            groups.append((_runs_text(tc), 1))
        else:
            assert _runs_text(tc) == ""
            groups[-1] = (groups[-1][0], groups[-1][1] + 1)
    assert groups == [("项目概况", 4), ("申报单位", 2), ("负责人", 3), ("联系人", 3)]
    rows = [[c.text for c in r.cells][1:] for r in basic.rows]
    assert rows[6] == ["姓　　名", "王伟"] and rows[9] == ["姓　　名", "李娜"]
    assert ["手　　机", "13800000000"] in rows and ["电子邮箱", "a@b.cn"] in rows


def test_converted_frames_place_every_label_and_value_on_the_page() -> None:
    """Each label and value is a frame placed from the page's corner; every label is written
    before any value; a value sits at its label's height, below the value above it; nothing of the
    basic part is in a table, and the frames end before the page does."""
    from benchmarks.gencorpus import holdout_variants_7 as hv7

    app = _app(partners=("湖南省甲学会", "湖南省乙学会"))
    _, doc = _seventh_doc("converted_frames", app=app, cover=True, value_decos=("hint_left_in",),
                          decorations=("hint_left_in",))
    framed = []
    for p in doc.element.body.iter(qn("w:p")):
        pr = p.pPr.find(qn("w:framePr")) if p.pPr is not None else None
        if pr is not None:
            assert (pr.get(qn("w:vAnchor")), pr.get(qn("w:hAnchor"))) == ("page", "page")
            framed.append((int(pr.get(qn("w:x"))), int(pr.get(qn("w:y"))), _runs_text(p)))
    labels = [(x, y, t) for x, y, t in framed if x == round(hv7._LABEL_X * 567)]
    values = [(x, y, t) for x, y, t in framed if x == round(hv7._VALUE_X * 567)]
    assert len(labels) + len(values) == len(framed)
    assert framed[:len(labels)] == labels  # labels first, then values: not the reading order
    assert labels[0][2] == "一、基本情况"
    by_label = {t: y for _, y, t in labels[1:]}
    tops: dict[int, str] = {}
    for _, y, t in values:
        tops.setdefault(y, t)
    assert [y for y in tops] == sorted(tops) and set(tops) == set(by_label.values())
    assert tops[by_label["项目名称："]].endswith("测试学术年会") and tops[by_label["项目负责人："]].endswith("王伟")
    assert tops[by_label["联合申报："]].startswith("牵头单位：湖南省测试学会")
    assert tops[by_label["起止时间："]] == "2024年5月—2024年12月"
    assert max(tops) < 26 * 567
    assert not any("测试学术年会" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def _fields_in(doc: Any, kind: str) -> list[tuple[Any, str]]:
    """Each field of `kind` in the body: its begin fldChar and the text of its result."""
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        runs = p.findall(qn("w:r"))
        for i, r in enumerate(runs):
            begin = r.find(qn("w:fldChar"))
            if begin is None or begin.get(qn("w:fldCharType")) != "begin":
                continue
            kinds = [c.get(qn("w:fldCharType")) if (c := x.find(qn("w:fldChar"))) is not None else None
                     for x in runs[i:]]
            sep, end = i + kinds.index("separate"), i + kinds.index("end")
            instr = "".join(t.text or "" for x in runs[i:sep] for t in x.iter(qn("w:instrText")))
            if instr.strip() == kind:
                out.append((begin, "".join(_runs_text(x) for x in runs[sep + 1:end])))
    return out


def test_legacy_form_fields_hold_the_values_as_their_results() -> None:
    """Every value is the result of a FORMTEXT field (its data says a text input), the option
    lists are not; no value is typed outside a field."""
    _, doc = _seventh_doc("legacy_form_fields")
    fields = _fields_in(doc, "FORMTEXT")
    assert all(b.find(f"{qn('w:ffData')}/{qn('w:textInput')}") is not None for b, _ in fields)
    assert [text for _, text in fields] == ["测试学术年会", "湖南省测试学会", "王伟", "13800000000", "李娜",
                                           "0731-84000000", "a@b.cn", "8万元", "2024年5月—2024年12月"]
    basic = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目名称")
    assert "☑学术交流" in basic.rows[1].cells[1].text and not _fields_in(Document(io.BytesIO(
        _seventh_doc("header_row")[0])), "FORMTEXT")


def test_system_printout_stars_required_labels() -> None:
    from docx.shared import RGBColor

    _, doc = _seventh_doc("starred_system_print")
    texts = [p.text for p in doc.paragraphs]
    head = next(t for t in texts if t.startswith("申报编号："))
    assert re.fullmatch(r"申报编号：HNKX2024-\d{4}　+打印时间：2024-04-\d\d \d\d:\d\d", head), head
    basic = next(t for t in doc.tables if t.rows[0].cells[0].text == "*项目名称：")
    labels = [basic.rows[i].cells[0] for i in range(len(basic.rows))]
    for cell in labels:
        star = cell.paragraphs[0].runs[0]
        assert star.text == "*" and star.font.color.rgb == RGBColor(0xFF, 0x00, 0x00)
    assert [c.text for c in basic.rows[4].cells] == ["*项目负责人：", "王伟", "*负责人手机：", "13800000000"]
    assert any(t.startswith("注：带*为必填项") for t in texts)


def test_floating_tick_lies_over_the_chosen_box() -> None:
    """One borderless text box holding √ floats in front of the text, anchored just before the
    chosen option's □; every option keeps its □ and no √ is typed in the text itself."""
    doc = _category_doc("floating_tick")
    wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    boxes = list(doc.element.body.iter(f"{wps}txbx"))
    assert len(boxes) == 1 and _runs_text(boxes[0]) == "√"
    anchor = next(boxes[0].iterancestors(f"{wp}anchor"))
    assert anchor.find(f"{wp}wrapNone") is not None and anchor.get("behindDoc") == "0"
    assert anchor.find(f"{wp}positionH").get("relativeFrom") == "character"
    run = next(anchor.iterancestors(qn("w:r")))
    following = "".join(_runs_text(r) for r in run.itersiblings(qn("w:r")))
    assert following.startswith("□学会服务站建设")
    outside = "".join(t.text or "" for t in doc.tables[0].rows[0].cells[0]._tc.iter(qn("w:t"))
                      if not list(t.iterancestors(f"{wps}txbx")))
    assert outside.count("□") == 9 and "√" not in outside


def test_box_pictures_are_inline_images_before_each_option() -> None:
    from benchmarks.gencorpus.media import box_png

    doc = _category_doc("box_pictures")
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    cell = doc.tables[0].rows[0].cells[0]
    blips = list(cell._tc.iter(f"{a}blip"))
    assert len(blips) == 9
    checked = [b for b in blips if doc.part.related_parts[b.get(qn("r:embed"))].blob == box_png(True)]
    assert len(checked) == 1
    empty = box_png(False)
    assert all(doc.part.related_parts[b.get(qn("r:embed"))].blob == empty for b in blips if b not in checked)
    run = next(checked[0].iterancestors(qn("w:r")))
    assert "".join(_runs_text(r) for r in run.itersiblings(qn("w:r"))).startswith("学会服务站建设")
    assert not re.search("[□☑☐√■]", cell.text)


def test_choice_is_written_below_the_unticked_list() -> None:
    doc = _category_doc("choice_written_below")
    lines = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert lines[-1] == "所选类别：学会服务站建设"
    assert sum(line.count("□") for line in lines) == 9 and not any(re.search("[√☑■]", line) for line in lines)


def _ink(img: Image.Image, box: tuple[float, float, float, float]) -> int:
    """How many pixels in `box` (fractions of the page) are blue ballpoint ink."""
    import numpy as np

    w, h = img.size
    region = np.asarray(img.convert("RGB").crop((int(box[0] * w), int(box[1] * h), int(box[2] * w),
                                                 int(box[3] * h)))).astype(int)
    r, g, b = region[..., 0], region[..., 1], region[..., 2]
    return int(((b - r > 40) & (b - g > 25) & (b < 230)).sum())


def test_pen_ticks_are_drawn_on_the_scanned_boxes_of_the_chosen_options(tmp_path: Path) -> None:
    """The file has only empty boxes; the scan and the photo show blue ink on the chosen options'
    boxes and none on the others'; a turned first page and a sideways photo come out so."""
    import random

    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus.media import PenTicks, box_marks, photos, scan_pdf, soffice_batch

    # 高校科协 also begins the item 高校科协交流机制建设: only the type's box is ticked.
    app = _app(subcategory="学会服务站建设", applicant_type="高校科协")
    pdf = soffice_batch({"f": build_docx(form_blocks(app, _look(checkbox="pen_tick"), compact=True), "x")},
                        "pdf", tmp_path)["f"]
    ticks = hv7.pen_ticks(app, "pen_tick")
    assert ticks is not None
    chosen = box_marks(pdf, ticks, 4)
    others = box_marks(pdf, PenTicks(("学术交流", "民非组织", "高校科协交流机制建设"), ticks.options), 4)
    assert [len(v) for v in chosen.values()] == [2] and [len(v) for v in others.values()] == [3]
    page = pdfium.PdfDocument(pdf)[0]
    width, height = page.get_width(), page.get_height()

    def near(mark: tuple[float, float, float]) -> tuple[float, float, float, float]:
        left, top, _ = mark
        return ((left - 4) / width, (top - 12) / height, (left + 22) / width, (top + 18) / height)

    scanned = scan_pdf(pdf, random.Random(3), "湖南省测试学会", ticks)
    img = pdfium.PdfDocument(scanned)[0].render(scale=2).to_pil()
    assert all(_ink(img, near(m)) > 30 for m in chosen[0]), [_ink(img, near(m)) for m in chosen[0]]
    assert all(_ink(img, near(m)) < 5 for m in others[0]), [_ink(img, near(m)) for m in others[0]]
    plain_scan = pdfium.PdfDocument(scan_pdf(pdf, random.Random(3), "湖南省测试学会"))[0].render(scale=2).to_pil()
    assert all(_ink(plain_scan, near(m)) < 5 for m in chosen[0])
    shot = Image.open(io.BytesIO(photos(pdf, random.Random(3), "湖南省测试学会", ticks)[0]))
    assert _ink(shot, (0, 0, 1, 1)) > 30


def test_turned_page_is_upside_down_in_a_scan_and_sideways_in_a_photo(tmp_path: Path) -> None:
    import random

    import numpy as np

    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.media import EXIF_ORIENTATION, ROTATE_CW, photos, scan_pdf, soffice_batch

    pdf = soffice_batch({"f": build_docx(form_blocks(_app(), _look(), compact=True), "x")}, "pdf", tmp_path)["f"]
    clean = pdfium.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("L").resize((120, 170))

    def likeness(img: Image.Image, other: Image.Image) -> float:
        a = np.asarray(img.convert("L").resize((120, 170))).astype(float).ravel()
        return float(np.corrcoef(a, np.asarray(other).astype(float).ravel())[0, 1])

    turned = pdfium.PdfDocument(scan_pdf(pdf, random.Random(1), "x", upside_down=True))[0].render(scale=1).to_pil()
    upright = pdfium.PdfDocument(scan_pdf(pdf, random.Random(1), "x"))[0].render(scale=1).to_pil()
    flipped = clean.rotate(180)
    assert likeness(turned, flipped) > likeness(turned, clean) + 0.2
    assert likeness(upright, clean) > likeness(upright, flipped) + 0.2
    shot = Image.open(io.BytesIO(photos(pdf, random.Random(1), "x", sideways=True)[0]))
    assert shot.getexif().get(EXIF_ORIENTATION) == ROTATE_CW and shot.size[0] > shot.size[1]
    from PIL import ImageOps

    shown = ImageOps.exif_transpose(shot)
    assert shown is not None and shown.size[0] < shown.size[1]
    normal = Image.open(io.BytesIO(photos(pdf, random.Random(1), "x")[0]))
    assert EXIF_ORIENTATION not in normal.getexif() and normal.size[0] < normal.size[1]


def test_unit_note_sits_above_the_basic_part() -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    _, doc = _seventh_doc("header_row", funding="unit_note", app=_app(funding_wan=7.5))
    paragraphs = doc.paragraphs
    note = next(i for i, p in enumerate(paragraphs) if p.text == "金额单位：万元")
    assert paragraphs[note].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[-2][2] == "申请经费" and rows[-1][2] == "7.5"
    # The note comes before the basic table in the body.
    body = list(doc.element.body)
    assert body.index(paragraphs[note]._p) < body.index(doc.tables[0]._tbl)


def test_watermark_is_a_text_path_behind_every_page() -> None:
    v = "urn:schemas-microsoft-com:vml"
    data, doc = _seventh_doc("header_row", value_decos=("watermark",), decorations=("watermark",))
    header = doc.sections[0].header._element
    paths = [el for el in header.iter(f"{{{v}}}textpath") if el.get("string")]
    assert [p.get("string") for p in paths] in (["仅供2024年度项目申报使用"], ["湖南省测试学会"])
    shape = next(paths[0].iterancestors(f"{{{v}}}shape"))
    assert "rotation:315" in shape.get("style") and "z-index:-" in shape.get("style")
    assert not list(doc.element.body.iter(f"{{{v}}}textpath"))
    _, plain_doc = _seventh_doc("header_row")
    assert not list(plain_doc.sections[0].header._element.iter(f"{{{v}}}textpath"))


def test_comments_are_anchored_on_the_project_name_and_the_amount() -> None:
    decos = ("comments_left",)
    data, doc = _seventh_doc("header_row", value_decos=decos, decorations=decos)
    body = doc.element.body
    anchored = {}
    for start in body.iter(qn("w:commentRangeStart")):
        ident = start.get(qn("w:id"))
        end = next(e for e in body.iter(qn("w:commentRangeEnd")) if e.get(qn("w:id")) == ident)
        runs = [r for r in start.itersiblings(qn("w:r")) if r.getparent() is start.getparent()]
        covered = ""
        for r in runs:
            if end in r.itersiblings(preceding=True):
                break
            covered += _runs_text(r)
        anchored[ident] = covered
    notes = {c.comment_id: c.text for c in doc.comments}
    assert sorted((anchored[str(i)], t) for i, t in notes.items()) == [
        ("8万元", "经费与预算表合计核对无误"), ("测试学术年会", "请核对名称与公章、正文是否一致")]
    assert all(c.author == "王主任" for c in doc.comments)
    assert len(list(body.iter(qn("w:commentReference")))) == 2


def test_mobiles_carry_the_country_code_wherever_typed() -> None:
    decos = ("phone_country_code",)
    data, _ = _seventh_doc("numbered_paras", value_decos=decos, decorations=decos,
                           app=_app(contact_phone="13911112222"))
    text = _docx_all_text(data)
    for phone in ("13800000000", "13911112222"):
        assert len(re.findall(phone, text)) == len(re.findall(r"\+86[ -]" + phone, text)) >= 1


def test_seventh_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The seventh set printed by LibreOffice: every value is there to read, a floating √ over the
    chosen □, pictures for boxes, a watermark drawn on every page, no comment printed."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus.forms import NO_TYPE_LAYOUTS

    wanted = set(hv7.LAYOUTS) | {*hv7.CHECKBOXES, *hv7.FUNDINGS, *hv7.DATES, *hv7.DECORATIONS} - {"turned_page"}
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv7.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        if f.look.layout != "table_screenshot":
            _assert_values_in(text + "\n" + cells, f.app, f.look)
        assert "核对" not in text
        typed = f.look.layout not in NO_TYPE_LAYOUTS  # a layout may write no 单位类型 list
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            if f.look.layout == "converted_frames":
                # Frames placed one below the other: no character is printed over another (but a
                # floating √ over its □, checked below), and each label is printed on its value's
                # first line.
                page = next(p for p in pdf.pages if p.search("一、基本情况"))
                chars = [c for c in page.chars if c["text"].strip()]
                overlaps = [(a["text"], b["text"]) for i, a in enumerate(chars) for b in chars[i + 1:]
                            if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 2
                            and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 2
                            and not (f.look.checkbox == "floating_tick" and {a["text"], b["text"]} == {"□", "√"})]
                assert not overlaps, overlaps[:3]
                for label in ("项目名称：", "申报单位：", "起止时间："):
                    hit = page.search(label)[0]
                    assert any(abs(w["top"] - hit["top"]) < 3 and w["x0"] > hit["x1"] for w in page.extract_words()), label
            if "watermark" in f.look.decorations:
                assert all(len(p.curves) >= 10 for p in pdf.pages), [len(p.curves) for p in pdf.pages]
            if f.look.checkbox == "box_pictures":
                assert sum(len(p.images) for p in pdf.pages) >= 9 + 6 * typed  # 9 items' and 6 types' boxes
            if f.look.checkbox == "floating_tick":
                for p in pdf.pages:
                    ticks = [c for c in p.chars if c["text"] == "√"]
                    boxes = [c for c in p.chars if c["text"] == "□"]
                    for tick in ticks:  # each lies over a box, a little raised
                        assert any(abs(b["x0"] - tick["x0"]) < 4 and 0 <= b["top"] - tick["top"] < 6
                                   for b in boxes), tick
                assert sum(c["text"] == "√" for p in pdf.pages for c in p.chars) == 1 + typed


def test_every_pen_ticked_option_has_one_box_to_tick(tmp_path: Path) -> None:
    """In every form ticked by pen, as printed, the chosen item and the unit's type each
    have exactly one □ to tick (none for the type where the layout writes no type list)."""
    from benchmarks.gencorpus import holdout_variants_7 as hv7
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import NO_TYPE_LAYOUTS, form_blocks
    from benchmarks.gencorpus.media import PenTicks, box_marks, soffice_batch

    # Plans with pen ticks enough (12 forms) now that held-out weighs no set up (the fifteenth set's
    # pens and scans drawn too).
    forms = [f for seed in range(1, 31) for m in _plan("heldout", 180, seed) for f in m.forms
             if f.look.checkbox == "pen_tick"]
    assert len(forms) >= 8
    pdfs = soffice_batch({f"f{i}": build_docx(form_blocks(f.app, f.look, compact=True), "x")
                          for i, f in enumerate(forms)}, "pdf", tmp_path)
    for i, f in enumerate(forms):
        ticks = hv7.pen_ticks(f.app, f.look.checkbox)
        assert ticks is not None
        found = [sum(map(len, box_marks(pdfs[f"f{i}"], PenTicks((label,), ticks.options), 3).values()))
                 for label in ticks.labels]
        # (type_in_org writes the type in brackets after the unit: no list, no box.)
        listless = f.look.layout in NO_TYPE_LAYOUTS | {"type_in_org"}
        assert found == [1, 0 if listless else 1], (f.look.layout, ticks.labels, found)


# ---------------------------------------------------------------------------- the eighth held-out set

def test_eighth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_8 as hv8
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES

    def fund(wan: float, style: str) -> str:
        return hv8.funding_text(_app(funding_wan=wan), style)

    assert [fund(w, "wan_4dp") for w in (8.0, 7.5, 25.0)] == ["8.0000万元", "7.5000万元", "25.0000万元"]
    assert [fund(w, "digit_units") for w in (8.0, 7.5, 25.0, 4.5)] == ["8万元整", "7万5千元整", "25万元整", "4万5千元整"]
    app = _app(start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv8.period_text(app, "year_month_span") == "2024年5-12月"
    assert hv8.period_text(app, "to_year_end") == "2024年5月至年底"
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv8.period_text(late, "year_month_span") == "2024年3月-2025年6月"
    assert hv8.period_text(late, "to_year_end") == "2024年3月至2025年6月底"
    assert hv8.period_text(_app(end=date(2025, 12, 31)), "to_year_end") == "2024年5月至2025年底"
    assert hv8.period_text(_app(end=date(2024, 11, 30)), "to_year_end") == "2024年5月至2024年11月底"
    assert hv8.option_text(True, "学术交流", "shaded_box") == "[shd]□[/shd]学术交流"
    assert hv8.option_text(False, "学术交流", "shaded_box") == "□学术交流"
    assert hv8.option_text(True, "学术交流", "lost_symbol_font") == "R学术交流"
    assert hv8.option_text(False, "学术交流", "lost_symbol_font") == "£学术交流"
    assert hv8.option_text(True, "学术交流", "char_border") == "[bdr]学术交流[/bdr]"
    assert hv8.option_text(False, "学术交流", "char_border") == "学术交流"
    category = hv8.category_text(CATEGORY_ITEMS, "学会服务站建设", "bullet_boxes").split("\n")
    assert len(category) == 11 and category.count("[bullet:1]学会服务站建设") == 1
    assert sum(line.startswith("[bullet:0]") for line in category) == 8
    assert hv8.options_text(TYPES, "民非组织", "bullet_boxes").split("\n")[4] == "[bullet:1]民非组织"
    assert hv8.email_text("a@b.cn", "李娜", ("email_with_name",), "a@b.cn") == "李娜<a@b.cn>"
    assert hv8.email_text("a@b.cn", "欧阳娜", ("email_with_name",), "a@b.cn") == "欧阳娜 <a@b.cn>"
    assert hv8.email_text(None, "李娜", ("email_with_name",), "") == ""
    assert hv8.value_text("project", "测试学术年会", ("merge_fields",)) == "[mf:项目名称]测试学术年会[/mf]"
    assert hv8.value_text("leader", "王伟", ("hidden_example",)) == "[hide]例：张三[/hide]王伟"
    assert hv8.value_text("contact", "李娜", ("distributed_names", "merge_fields")) == "[dist]李娜"
    assert hv8.value_text("org", "甲\n乙", ("merge_fields",)) == "甲\n乙"
    assert hv8.checkbox_for("char_border", "cb_matrix", "A-0001") in ("ballot", "tick_replace", "square")
    assert hv8.checkbox_for("char_border", "header_row", "A-0001") == "char_border"
    assert hv8.digit_row("138-0000-0000", "13800000000") == tuple(_cell(d) for d in "13800000000")
    assert hv8.digit_row("+86 13800000000", "13800000000") is None


def _cell(text: str) -> Any:
    from benchmarks.gencorpus.docmodel import Cell

    return Cell(text)


def _assert_set_truth_clean(hv: Any, phones: bool) -> None:
    """Every form of a held-out plan carries its planned, clean values in the truth (the phones
    too when `phones`), the set's period writings give the planned months, and each of the set's
    amount, period and decoration writings is drawn."""
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    # Two plans: the eleventh set's quarters, which fit one period in five, show on no form of the
    # first now that held-out weighs no set up.
    for m in (m for seed in (4, 5) for m in _plan("heldout", 180, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen |= {f.look.funding, f.look.dates, *f.look.decorations}
            assert fields["project_name"] == f.app.project_name and fields["applicant_org"] == f.app.applicant_org
            assert fields["leader_name"] == f.app.leader_name and fields["contact_email"] == f.app.contact_email
            if phones:
                assert fields["leader_phone"] == f.app.leader_phone and fields["contact_phone"] == f.app.contact_phone
            assert fields["funding_wan"] == f.app.funding_wan
            if f.look.dates in hv.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    assert {*hv.FUNDINGS, *hv.DATES, *hv.DECORATIONS} <= seen


def test_eighth_set_truth_stays_clean() -> None:
    """The truth of a form drawn with the eighth set is the clean value: the e-mail without the
    contact's name, the amount in 万元, the period in months (年底 is December)."""
    from benchmarks.gencorpus import holdout_variants_8 as hv8

    _assert_set_truth_clean(hv8, phones=False)


def test_eighth_set_variants_are_drawn_where_they_show() -> None:
    """Merge fields in files sent as .docx only and never around a prompt or a comment; names
    spread in layouts where they sit alone in a cell; no decoration of the set on a screenshot; a
    character border never in a selection column."""
    from benchmarks.gencorpus import holdout_variants_8 as hv8
    from benchmarks.gencorpus.build import OOXML_FORMATS

    seen: set[str] = set()
    # Two plans: held-out weighs no set up, and a layout may show on no form of 300 mails.
    for m in (m for seed in (3, 4) for m in _plan("heldout", 300, seed)):
        for f in m.forms:
            if f.fmt == "none":
                continue
            decos = set(f.look.decorations)
            seen |= decos | {f.look.checkbox, f.look.layout}
            if "merge_fields" in decos:
                assert f.fmt in OOXML_FORMATS and not decos & {"hint_left_in", "comments_left"}, (f.fmt, decos)
            if "distributed_names" in decos:
                assert f.look.layout in hv8._OWN_CELL_LAYOUTS, f.look.layout
            if f.look.layout == "table_screenshot":
                assert not decos & set(hv8.DECORATIONS) and f.look.checkbox not in hv8.CHECKBOXES
            if f.look.layout == "cb_matrix":
                assert f.look.checkbox != "char_border"
    assert {*hv8.DECORATIONS, *hv8.CHECKBOXES, *hv8.LAYOUTS} <= seen


def _eighth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


def test_newspaper_columns_hold_the_basic_part_between_continuous_breaks() -> None:
    """The basic part's paragraphs sit in a section of two columns (with a rule between) that a
    continuous section break starts and another ends; the rest of the form has one column."""
    _, doc = _eighth_doc("newspaper_columns")
    body = doc.element.body
    paragraphs = list(body.iter(qn("w:p")))
    breaks = [i for i, p in enumerate(paragraphs) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert len(breaks) == 2
    first, second = (paragraphs[i].find(f"{qn('w:pPr')}/{qn('w:sectPr')}") for i in breaks)
    cols = second.find(qn("w:cols"))
    assert cols.get(qn("w:num")) == "2" and cols.get(qn("w:sep")) == "1"
    assert first.find(qn("w:cols")).get(qn("w:num")) is None
    final = body.find(qn("w:sectPr"))
    assert final.find(qn("w:cols")).get(qn("w:num")) is None
    for sect in (second, final):
        assert sect.find(qn("w:type")).get(qn("w:val")) == "continuous"
    inside = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs[breaks[0] + 1:breaks[1]]]
    assert "项目名称：测试学术年会" in inside and "项目负责人：王伟" in inside and "起止时间：2024年5月—2024年12月" in inside
    assert not any("测试学术年会" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_dot_leaders_put_a_dotted_tab_between_label_and_value() -> None:
    _, doc = _eighth_doc("dot_leaders")
    lines = {}
    for p in doc.paragraphs:
        tabs = p._p.findall(f"{qn('w:pPr')}/{qn('w:tabs')}/{qn('w:tab')}")
        if tabs:
            assert [t.get(qn("w:leader")) for t in tabs] == ["dot"]
            assert len([t for t in p._p.iter(qn("w:tab")) if t.getparent().tag == qn("w:r")]) == 1  # one typed tab
            assert p.paragraph_format.first_line_indent == -p.paragraph_format.left_indent  # the value hangs
            label, value = p.text.split("\t")
            lines[label] = value
    assert lines["项目名称"] == "测试学术年会" and lines["项目负责人"] == "王伟" and lines["负责人手机"] == "13800000000"
    assert lines["申请经费"] == "8万元"
    assert not any("测试学术年会" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_textbox_grid_draws_a_label_box_and_a_value_box_per_field() -> None:
    """Every field is two bordered text boxes side by side, placed from one anchor paragraph, each
    row below the one above; nothing of the basic part is in a table or the body's own text."""
    _, doc = _eighth_doc("textbox_grid")
    wps = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    boxes = list(doc.element.body.iter(f"{wps}txbx"))
    anchors = [next(b.iterancestors(f"{wp}anchor")) for b in boxes]
    assert len({id(next(a.iterancestors(qn("w:p")))) for a in anchors}) == 1
    placed = []
    for box, anchor in zip(boxes, anchors):
        x = int(anchor.find(f"{wp}positionH/{wp}posOffset").text)
        y = int(anchor.find(f"{wp}positionV/{wp}posOffset").text)
        h = int(anchor.find(f"{wp}extent").get("cy"))
        assert anchor.find(f"{wp}positionV").get("relativeFrom") == "paragraph"
        placed.append((y, x, h, "\n".join(_runs_text(p) for p in box.iter(qn("w:p")))))
    rows: dict[int, list[tuple[int, int, str]]] = {}
    for y, x, h, text in placed:
        rows.setdefault(y, []).append((x, h, text))
    tops = sorted(rows)
    assert all(len(rows[y]) == 2 for y in tops)
    for above, below in zip(tops, tops[1:]):
        assert below >= above + rows[above][0][1] - 1
    pairs = {sorted(rows[y])[0][2]: sorted(rows[y])[1][2] for y in tops}
    assert pairs["项目名称"] == "测试学术年会" and pairs["项目负责人"] == "王伟" and pairs["电子邮箱"] == "a@b.cn"
    assert pairs["单位类型"].startswith("☑省级学会")
    outside = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert not any("测试学术年会" in t for t in outside)


def test_digit_cells_write_mobiles_and_postcode_one_digit_to_a_cell() -> None:
    _, doc = _eighth_doc("digit_cells", app=_app(contact_phone="13911112222"))
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in doc.tables[0].rows}
    assert rows["负责人手机"] == list("13800000000") and rows["联系电话"] == list("13911112222")
    assert rows["邮政编码"][:6] == list("410000") and set(rows["邮政编码"][6:]) == {""}
    assert set(rows["项目名称"]) == {"测试学术年会"}  # one cell across the digit columns
    _, landline = _eighth_doc("digit_cells")
    assert set({r.cells[0].text: [c.text for c in r.cells[1:]] for r in landline.tables[0].rows}["联系电话"]) == {
        "0731-84000000"}


def _option_runs(doc: Any) -> list[Any]:
    return list(doc.tables[0].rows[0].cells[0]._tc.iter(qn("w:r")))


def test_shaded_box_is_a_box_character_on_a_black_ground() -> None:
    doc = _category_doc("shaded_box")
    runs = _option_runs(doc)
    shaded = [r for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:shd')}") is not None]
    assert len(shaded) == 1 and _runs_text(shaded[0]) == "□"
    assert shaded[0].find(f"{qn('w:rPr')}/{qn('w:shd')}").get(qn("w:fill")) == "000000"
    after = "".join(_runs_text(r) for r in shaded[0].itersiblings(qn("w:r")))
    assert after.startswith("学会服务站建设")
    text = doc.tables[0].rows[0].cells[0].text
    assert text.count("□") == 9 and not re.search("[☑■√]", text)


def test_bullet_boxes_are_list_bullets_not_text() -> None:
    """Each option is a list paragraph; the chosen one's list's bullet is ☑, the others' □; no box
    is a character of the text."""
    doc = _category_doc("bullet_boxes")
    numbering = doc.part.numbering_part.element
    bullet_of = {}
    for num in numbering.findall(qn("w:num")):
        abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
        level = abstract.find(qn("w:lvl"))
        bullet_of[num.get(qn("w:numId"))] = (level.find(qn("w:numFmt")).get(qn("w:val")),
                                            level.find(qn("w:lvlText")).get(qn("w:val")))
    listed = {}
    for p in doc.tables[0].rows[0].cells[0].paragraphs:
        num_id = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num_id is not None:
            listed[p.text] = bullet_of[num_id.get(qn("w:val"))]
    assert len(listed) == 9 and listed["学会服务站建设"] == ("bullet", "☑")
    assert all(v == ("bullet", "□") for k, v in listed.items() if k != "学会服务站建设")
    assert not re.search("[□☑√■]", doc.tables[0].rows[0].cells[0].text)


def test_lost_symbol_font_shows_the_letters_in_the_text_font() -> None:
    doc = _category_doc("lost_symbol_font")
    cell = doc.tables[0].rows[0].cells[0]
    assert "R学会服务站建设" in cell.text and cell.text.count("£") == 8 and cell.text.count("R") == 1
    assert not any(f.get(qn("w:ascii")) in ("Wingdings 2", "Wingdings") for f in cell._tc.iter(qn("w:rFonts")))


def test_char_border_frames_only_the_chosen_option() -> None:
    doc = _category_doc("char_border")
    runs = _option_runs(doc)
    framed = [r for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:bdr')}") is not None]
    assert "".join(_runs_text(r) for r in framed) == "学会服务站建设"
    assert not re.search("[□☑√■]", doc.tables[0].rows[0].cells[0].text)


def test_eighth_set_decorations_show_in_the_document() -> None:
    decos = ("email_with_name", "distributed_names", "merge_fields", "hidden_example")
    data, doc = _eighth_doc("header_row", value_decos=decos, decorations=decos)
    body = doc.element.body
    instructions = ["".join(i.text for i in p.iter(qn("w:instrText"))) for p in body.iter(qn("w:p"))]
    assert sorted(i.strip() for i in instructions if "MERGEFIELD" in i) == [
        "MERGEFIELD 申报单位", "MERGEFIELD 负责人", "MERGEFIELD 项目名称"]
    # Each merge field's result (between separate and end) is the value.
    results = {}
    for p in body.iter(qn("w:p")):
        state, name, shown = "", "", ""
        for r in p.iter(qn("w:r")):
            kind = r.find(qn("w:fldChar"))
            if kind is not None:
                state = kind.get(qn("w:fldCharType"))
                if state == "end":
                    results[name] = shown
            elif r.find(qn("w:instrText")) is not None and state == "begin":
                name = r.find(qn("w:instrText")).text.split()[1]
            elif state == "separate":
                shown += _runs_text(r)
    assert results == {"项目名称": "测试学术年会", "申报单位": "湖南省测试学会", "负责人": "王伟"}
    hidden = [_runs_text(r) for r in body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None]
    assert sorted(hidden) == sorted(["例：2024年××学会学术年会", "例：湖南省××学会", "例：张三"])
    distributed = {"".join(_runs_text(r) for r in p.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is None)
                   for p in body.iter(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:jc')}") is not None
                   and p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "distribute"}
    assert distributed == {"湖南省测试学会", "王伟", "李娜"}  # the unit, the leader and the contact, in their cells
    assert "李娜<a@b.cn>" in _docx_all_text(data)


def test_eighth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The eighth set printed by LibreOffice: every value is there to read (a column of the
    two-column page read on its own), hidden examples not printed, a black ground behind one box
    per option list, a frame around the chosen option, the boxes of a grid drawn."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_8 as hv8
    from benchmarks.gencorpus.forms import NO_TYPE_LAYOUTS

    wanted = set(hv8.LAYOUTS) | {*hv8.CHECKBOXES, *hv8.FUNDINGS, *hv8.DATES, *hv8.DECORATIONS}
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv8.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            if f.look.layout == "newspaper_columns":
                page = next(p for p in pdf.pages if p.search("一、基本情况"))
                middle = page.width / 2
                # Each column read on its own, its lines joined (a value wraps in its narrow column).
                text += "\n" + "\n".join((page.crop(box).extract_text() or "").replace("\n", "") for box in (
                    (0, 0, middle, page.height), (middle, 0, page.width, page.height)))
            _assert_values_in(text + "\n" + cells, f.app, f.look)
            assert not [e for e in hv8._EXAMPLES.values() if _flat(e) in _flat(text)]  # hidden text is not printed
            # The chosen item's and the type's (type_in_org writes the type in words after the unit).
            marked = 1 if f.look.layout in NO_TYPE_LAYOUTS | {"type_in_org"} else 2
            if f.look.checkbox == "shaded_box":
                fills = [r for p in pdf.pages for r in p.rects if r["fill"] and r["width"] < 15 and r["height"] < 15]
                assert len(fills) == marked, fills
            if f.look.checkbox == "bullet_boxes":
                assert sum(c["text"] == "☑" for p in pdf.pages for c in p.chars) == marked
            if f.look.checkbox == "char_border":
                # The chosen option is framed where it is listed (a project name may hold its
                # words too: 新化县烟叶产业学会服务站建设, left unframed): a rule along its top
                # that ends where its text does, not a cell's.
                # (An option wrapped at the end of its line is framed on each line: its start is, were
                # it two characters long.)
                hits = [(page, hit) for page in pdf.pages for k in range(len(f.app.subcategory), 1, -1)
                        for hit in page.search(f.app.subcategory[:k])]
                framed = [hit for page, hit in hits for r in page.rects + page.lines
                          if hit["x0"] - 4 <= r["x0"] <= hit["x0"] + 1 and hit["x1"] - 1 <= r["x1"] <= hit["x1"] + 4
                          and abs(r["top"] - hit["top"]) < 4 and r["bottom"] - r["top"] < 20]
                assert framed, [hit for _, hit in hits]
            if f.look.layout == "textbox_grid":
                page = next(p for p in pdf.pages if p.search("一、基本情况"))
                # Each box is drawn as a closed path (its fill, then its outline): one place per box.
                boxes = {(round(c["x0"]), round(c["top"]), round(c["width"]), round(c["height"]))
                         for c in page.rects + page.curves if c["width"] > 50 and c["height"] > 10}
                lefts = sorted({b[0] for b in boxes})
                assert len(lefts) == 2 and len(boxes) >= 2 * 11, sorted(boxes)
                label = next(b for b in boxes if b[0] == lefts[0] and page.crop(
                    (b[0], b[1], b[0] + b[2], b[1] + b[3])).extract_text() == "项目名称")
                value = next(b for b in boxes if b[0] == lefts[1] and abs(b[1] - label[1]) <= 1)
                read = page.crop((value[0], value[1], value[0] + value[2], value[1] + value[3])).extract_text()
                assert _flat(f.app.project_name) in _flat(read or ""), read


# ---------------------------------------------------------------------------- the ninth held-out set

def test_ninth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_9 as hv9
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES

    def fund(wan: float, style: str) -> str:
        return hv9.funding_text(_app(funding_wan=wan), style)

    assert [fund(w, "rmb_code") for w in (8.0, 7.5, 25.0)] == ["RMB 80,000.00", "RMB 75,000.00", "RMB 250,000.00"]
    assert re.fullmatch("80[ \u2009]000元", fund(8.0, "space_grouped"))
    assert re.fullmatch("250[ \u2009]000元", fund(25.0, "space_grouped"))
    assert {hv9.funding_text(_app(aid=a), "space_grouped") for a in ("A-1", "A-2", "A-0002", "A-0003")} == {
        "80 000元", "80\u2009000元"}
    app = _app(start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv9.period_text(app, "start_finish") == "2024年5月启动，12月底前完成"
    assert hv9.period_text(app, "phased_schedule") == "2024年5月筹备启动；2024年6月—2024年11月组织实施；2024年12月总结验收"
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv9.period_text(late, "start_finish") == "2024年3月启动，2025年6月底前完成"
    assert hv9.period_text(late, "phased_schedule") == "2024年3月筹备启动；2024年4月—2025年5月组织实施；2025年6月总结验收"
    assert hv9.period_text(_app(end=date(2024, 7, 31)), "phased_schedule") == \
        "2024年5月筹备启动；2024年6月组织实施；2024年7月总结验收"
    assert hv9.period_text(_app(end=date(2024, 6, 30)), "phased_schedule") == "2024年5月启动实施；2024年6月总结验收"
    assert hv9.option_text(True, "学术交流", "tick_cross") == "学术交流（√）"
    assert hv9.option_text(False, "学术交流", "tick_cross") == "学术交流（×）"
    assert hv9.option_text(True, "学术交流", "emphasis_dots") == "[em]学术交流[/em]"
    assert hv9.option_text(False, "学术交流", "emphasis_dots") == "学术交流"
    assert hv9.option_text(True, "学术交流", "others_hidden") == "□学术交流"
    assert hv9.option_text(False, "学术交流", "others_hidden") == "[hide]□学术交流[/hide]"
    category = hv9.category_text(CATEGORY_ITEMS, "学会服务站建设", "form_dropdown")
    assert plain(category) == "类别：科技创新服务能力建设项目\n项目：学会服务站建设"
    assert category.count("[fdd:") == 2 and all(i in category for its in CATEGORY_ITEMS.values() for i in its)
    assert plain(hv9.options_text(TYPES, "民非组织", "form_dropdown")) == "民非组织"
    decos = ("inner_labels",)
    assert hv9.phone_text("13800000000", "138-0000-0000", decos, leader=True) == "手机：138-0000-0000"
    assert hv9.phone_text("13800000000", "13800000000", decos, leader=False) == "手机：13800000000"
    assert hv9.phone_text("0731-84000000", "0731-84000000", decos, leader=False) in (
        "座机：0731-84000000", "办公电话：0731-84000000")
    assert hv9.phone_text(None, "", decos, leader=True) == ""
    assert hv9.phone_text("13800000000", "13800000000", (), leader=True) == "13800000000"
    assert hv9.email_text("a@b.cn", "a@b.cn", decos) in ("邮箱：a@b.cn", "E-mail：a@b.cn")
    assert hv9.email_text(None, "", decos) == ""
    assert hv9.checkbox_for("tick_cross", "prose_letter", "A-1") == "text_only"
    assert hv9.checkbox_for("others_hidden", "cb_matrix", "A-1") in ("ballot", "tick_replace", "tick_paren")
    assert hv9.checkbox_for("tick_cross", "cb_matrix", "A-1") == "tick_cross"
    assert hv9.checkbox_for("form_dropdown", "header_row", "A-1") == "form_dropdown"
    assert hv9.split_value("短名称") is None
    assert hv9.split_value("甲\n乙\n丙") == ("甲\n乙", "丙")
    head, tail = hv9.split_value("长株潭光学智能制造与光学创新发展学术研讨会") or ("", "")
    assert head + tail == "长株潭光学智能制造与光学创新发展学术研讨会" and head and tail
    assert hv9.split_value("[mf:项目名称]长株潭光学智能制造与光学创新发展学术研讨会[/mf]") is None


def test_ninth_set_truth_stays_clean() -> None:
    """The truth of a form drawn with the ninth set is the clean value: the amount in 万元, the
    period in months (the first phase's start and the last phase's end), the e-mail and phones
    without sub-labels."""
    from benchmarks.gencorpus import holdout_variants_9 as hv9

    _assert_set_truth_clean(hv9, phones=True)


def test_ninth_set_variants_are_drawn_where_they_show() -> None:
    """Line numbers where values are body paragraphs; a letter in front of files that are not
    scans or photos; pages reversed in scans and photos only; sub-labels never in prose, on a
    picture or after a prompt; prose names the choice in words; emphasis dots in Word files only;
    no encoding that marks nothing in a selection column."""
    from benchmarks.gencorpus import holdout_variants_9 as hv9
    from benchmarks.gencorpus.build import WORD_FORMATS
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_7 import SCAN_FORMATS

    seen: set[str] = set()
    # (Two plans: with the fifteenth set drawn too, a ninth-set layout may show on no form of one.)
    for m in (m for seed in (3, 4) for m in _plan("heldout", 300, seed)):
        for f in m.forms:
            if f.fmt == "none":
                continue
            decos = set(f.look.decorations)
            seen |= decos | {f.look.checkbox, f.look.layout}
            if "line_numbers" in decos:
                assert f.look.layout in hv9.PARAGRAPH_LAYOUTS, f.look.layout
            if "cover_letter" in decos:
                assert f.fmt not in SCAN_FORMATS
            if "pages_reversed" in decos:
                assert f.fmt in SCAN_FORMATS
            if "inner_labels" in decos:
                assert f.look.layout not in PICTURE_LAYOUTS | {"prose_letter"} and "hint_left_in" not in decos
            if f.look.layout == "prose_letter":
                assert f.look.checkbox == "text_only" and not decos & {"org_linebreak", "hint_left_in"}
            if f.look.checkbox == "emphasis_dots":
                assert f.fmt in WORD_FORMATS
            if f.look.layout == "cb_matrix":
                assert f.look.checkbox not in hv9.NO_COLUMN_CHECKBOXES
    assert {*hv9.DECORATIONS, *hv9.CHECKBOXES, *hv9.LAYOUTS} <= seen


def _ninth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


_LONG_NAME = "长株潭光学智能制造与光学创新发展学术研讨会"


def test_prose_letter_names_every_value_in_sentences() -> None:
    """No table and no label holds the project or the unit: sentences name them, the unit's type,
    the category and the item in words, the people with their phones and e-mail."""
    data, doc = _ninth_doc("prose_letter", checkbox="text_only", app=_app(subcategory="学会服务站建设"))
    texts = _paragraph_texts(doc)
    start = texts.index("一、基本情况")
    body = "".join(texts[start + 1:start + 4])
    assert "湖南省测试学会申报“测试学术年会”项目" in body
    assert "申报单位类型为省级学会，项目类别为科技创新服务能力建设项目中的“学会服务站建设”" in body
    assert "项目负责人为王伟，手机13800000000；项目联系人为李娜，联系电话0731-84000000，电子邮箱a@b.cn" in body
    assert texts[start + 3] == "　　申请经费：8万元；项目实施期限：2024年5月—2024年12月。"
    assert not any("测试学术年会" in c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert not [t for t in texts if t.startswith("项目名称") or t.startswith("申报单位：")]
    joint, _ = _ninth_doc("prose_letter", checkbox="text_only", app=_app(partners=("湖南省甲学会", "湖南省乙学会")))
    assert "牵头单位为湖南省测试学会，参与单位为湖南省甲学会、湖南省乙学会" in _docx_all_text(joint)


def test_heading_sections_put_each_value_below_its_bold_heading() -> None:
    _, doc = _ninth_doc("heading_sections")
    paragraphs = doc.paragraphs
    heads = {p.text: i for i, p in enumerate(paragraphs) if re.fullmatch(r"（[一二三四五六七八九十]+）\S+", p.text)}
    assert list(heads)[:4] == ["（一）项目名称", "（二）项目类别", "（三）申报单位", "（四）单位类型"]
    assert len(heads) == 11
    for text, i in heads.items():
        assert all(r.bold for r in paragraphs[i].runs), text
        assert not any(r.bold for r in paragraphs[i + 1].runs), text
    assert paragraphs[heads["（一）项目名称"] + 1].text == "　　测试学术年会"
    assert paragraphs[heads["（五）项目负责人"] + 1].text == "　　王伟"
    assert paragraphs[heads["（十一）起止时间"] + 1].text == "　　2024年5月—2024年12月"
    assert not any("测试学术年会" in c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_continued_rows_carry_long_values_on_under_a_merged_label() -> None:
    """A long project name and the option lists run on into the next row, whose label cell is
    merged into the label's; short values keep one row."""
    _, doc = _ninth_doc("continued_rows", app=_app(project_name=_LONG_NAME))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "项目名称")
    rows = table._tbl.tr_lst
    merged = []
    for tr in rows:
        tcs = tr.tc_lst
        vm = tcs[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        merged.append(None if vm is None else (vm.get(qn("w:val")) or "continue"))
    values = ["\n".join(_runs_text(p) for p in tr.tc_lst[1].iter(qn("w:p"))) for tr in rows]
    labels = [_runs_text(tr.tc_lst[0]) for tr in rows]
    assert merged[:2] == ["restart", "continue"] and labels[:2] == ["项目名称", ""]
    assert values[0] + values[1] == _LONG_NAME and values[0] and values[1]
    assert merged[2:4] == ["restart", "continue"] and labels[2] == "项目类别"
    assert values[2].startswith("科技创新服务能力建设项目：") and values[3].startswith("学会自身能力建设项目：")
    one = labels.index("项目负责人")
    assert merged[one] is None and values[one] == "王伟"


def test_caption_below_puts_each_caption_under_its_value() -> None:
    _, doc = _ninth_doc("caption_below")
    table = next(t for t in doc.tables if "（项目名称）" in t.rows[0].cells[0].text)
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    seen = {}
    for row in table.rows:
        for cell in {id(c._tc): c for c in row.cells}.values():
            paragraphs = cell.paragraphs
            caption = paragraphs[-1].text
            assert re.fullmatch(r"（\S+）", caption), caption
            value = paragraphs[-2]
            seen[caption] = value.text
            if "[" not in value.text:
                assert all(r.underline for r in value.runs), caption
    assert seen["（项目名称）"] == "测试学术年会" and seen["（项目负责人）"] == "王伟"
    assert seen["（负责人手机）"] == "13800000000" and seen["（电子邮箱）"] == "a@b.cn"
    # Two short fields share a row; long ones have it to themselves.
    leader_row = next(r for r in table.rows if "（项目负责人）" in r.cells[0].text)
    assert "（负责人手机）" in leader_row.cells[1].text


def test_tick_cross_answers_every_option() -> None:
    doc = _category_doc("tick_cross")
    text = doc.tables[0].rows[0].cells[0].text
    assert "学会服务站建设（√）" in text and text.count("（√）") == 1 and text.count("（×）") == 8
    assert not re.search("[□☑■]", text)


def test_emphasis_dots_mark_only_the_chosen_option() -> None:
    doc = _category_doc("emphasis_dots")
    runs = _option_runs(doc)
    dotted = [r for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:em')}") is not None]
    assert "".join(_runs_text(r) for r in dotted) == "学会服务站建设"
    assert {r.find(f"{qn('w:rPr')}/{qn('w:em')}").get(qn("w:val")) for r in dotted} == {"dot"}
    assert not re.search("[□☑√■]", doc.tables[0].rows[0].cells[0].text)


def test_form_dropdowns_select_the_choice_without_text() -> None:
    """Two legacy drop-down form fields (the category, then the item): every entry listed, the
    chosen one's index the result; the item is no text of the document."""
    doc = _category_doc("form_dropdown")
    cell = doc.tables[0].rows[0].cells[0]
    fields = []
    for begin in cell._tc.iter(qn("w:fldChar")):
        listing = begin.find(f"{qn('w:ffData')}/{qn('w:ddList')}")
        if listing is not None:
            entries = [e.get(qn("w:val")) for e in listing.findall(qn("w:listEntry"))]
            fields.append((entries, entries[int(listing.find(qn("w:result")).get(qn("w:val")))]))
    assert [len(e) for e, _ in fields] == [2, 9]
    assert [chosen for _, chosen in fields] == ["科技创新服务能力建设项目", "学会服务站建设"]
    instructions = [i.text.strip() for i in cell._tc.iter(qn("w:instrText"))]
    assert instructions == ["FORMDROPDOWN", "FORMDROPDOWN"]
    assert "学会服务站建设" not in cell.text and cell.text.split("\n") == ["类别：", "项目："]


def test_others_hidden_leave_only_the_chosen_option_visible() -> None:
    doc = _category_doc("others_hidden")
    runs = _option_runs(doc)
    hidden = "".join(_runs_text(r) for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is not None)
    shown = "".join(_runs_text(r) for r in runs if r.find(f"{qn('w:rPr')}/{qn('w:vanish')}") is None)
    assert hidden.count("□") == 8 and "学会服务站建设" not in hidden and "学术交流" in hidden
    assert "□学会服务站建设" in shown and shown.count("□") == 1


def test_ninth_set_decorations_show_in_the_document() -> None:
    decos = ("line_numbers", "cover_letter", "inner_labels")
    data, doc = _ninth_doc("kv_lines", value_decos=decos, decorations=decos, cover=True,
                           app=_app(contact_phone="13911112222"))
    sections = list(doc.element.body.iter(qn("w:sectPr")))
    for sect in sections:
        numbering = sect.find(qn("w:lnNumType"))
        assert numbering is not None and numbering.get(qn("w:countBy")) == "1"
        assert numbering.get(qn("w:restart")) == "newPage"
        # The schema's order: line numbering before the columns and the grid.
        names = [c.tag for c in sect]
        assert all(names.index(numbering.tag) < names.index(qn(t)) for t in ("w:cols", "w:docGrid") if qn(t) in names)
    texts = _paragraph_texts(doc)
    assert texts[0] == "关于申报2024年度湖南省科协科技创新服务能力提升计划项目的函"
    letter = "".join(texts[:texts.index("附件2")])
    assert "“测试学术年会”项目（学术交流），申请省科协资助经费8万元" in letter
    assert "项目负责人：王伟；联系人：李娜，联系电话：13911112222" in letter
    assert "湖南省测试学会（盖章）" in letter
    breaks = [i for i, p in enumerate(doc.element.body.iter(qn("w:p")))
              if any(b.get(qn("w:type")) == "page" for b in p.iter(qn("w:br")))]
    assert breaks and breaks[0] < texts.index("附件2")
    assert "手机：手机：13800000000" in texts and "联系电话：手机：13911112222" in texts
    assert any(t in texts for t in ("E-mail：邮箱：a@b.cn", "E-mail：E-mail：a@b.cn"))
    # A missing contact phone is not named in the letter either.
    _, bare = _ninth_doc("kv_lines", value_decos=decos, decorations=decos, app=_app(contact_phone=None))
    assert "项目负责人：王伟；联系人：李娜。" in "".join(_paragraph_texts(bare))


def _two_page_pdf() -> bytes:
    pages = []
    for k in range(3):
        img = Image.new("RGB", (595, 842), "white")
        img.paste((0, 0, 0), (60 + 150 * k, 100, 160 + 150 * k, 200))  # a block whose place tells the page
        pages.append(img)
    raw = io.BytesIO()
    pages[0].save(raw, "PDF", save_all=True, append_images=pages[1:], resolution=72.0)
    return raw.getvalue()


def _darkest_column(img: Image.Image) -> int:
    import numpy as np

    grey = np.asarray(img.convert("L").resize((60, 84)))
    return int(grey[10:25].mean(axis=0).argmin())


def test_reversed_pages_come_last_page_first() -> None:
    """A scan of a stack fed the wrong way round holds the same pages in reverse order; photos
    are sent last page first."""
    import random as _random

    from benchmarks.gencorpus.media import photos, scan_pdf

    pdf = _two_page_pdf()

    def pages(data: bytes) -> list[int]:
        doc = pdfium.PdfDocument(data)
        try:
            return [_darkest_column(doc[i].render(scale=0.5).to_pil()) for i in range(len(doc))]
        finally:
            doc.close()

    normal = pages(scan_pdf(pdf, _random.Random(7), "湖南省测试学会"))
    turned = pages(scan_pdf(pdf, _random.Random(7), "湖南省测试学会", reverse=True))
    assert normal == sorted(normal) and len(set(normal)) == 3 and turned == normal[::-1]
    shots = photos(pdf, _random.Random(7), "湖南省测试学会")
    assert photos(pdf, _random.Random(7), "湖南省测试学会", reverse=True) == shots[::-1]


def test_reversed_pages_reach_the_scans_and_photos(monkeypatch: pytest.MonkeyPatch) -> None:
    import random as _random

    from benchmarks.gencorpus import write
    from benchmarks.gencorpus.build import FormPlan, MailPlan

    calls: list[tuple[str, Any, Any]] = []

    def scan(*a: Any, **k: Any) -> bytes:
        calls.append(("scan", a[4] if len(a) > 4 else False, a[5] if len(a) > 5 else False))
        return b"%PDF"

    def shoot(*a: Any, **k: Any) -> list[bytes]:
        calls.append(("photo", a[4] if len(a) > 4 else False, a[5] if len(a) > 5 else False))
        return [b"x"]

    monkeypatch.setattr(write, "scan_pdf", scan)
    monkeypatch.setattr(write, "photos", shoot)
    when = datetime(2024, 4, 20, 10, 0)
    for fmt in ("scan_pdf", "photo_jpg"):
        for decos in ((), ("pages_reversed",)):
            look = _look(decorations=decos, value_decos=decos)
            form = FormPlan(app=_app(), look=look, fmt=fmt, filename="申报书.pdf")
            mail = MailPlan(key="m1", scenario="single", client="qq", sender="a@b.cn", sender_name="李娜", subject="s",
                            body="b", received_at=when, sent_at=when, message_id="<m@b.cn>", forms=[form])
            write._attach(mail, form, b"docx", b"%PDF", None, _random.Random(1))
    assert calls == [("scan", False, False), ("scan", False, True), ("photo", False, False), ("photo", False, True)]


_MARGIN_PT = 58  # the text starts 2.2 cm (62 pt) from the page's left edge; line numbers end before


def _text_right_of_margin(pdf: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.crop((_MARGIN_PT, 0, p.width, p.height)).extract_text() or "" for p in doc.pages)


def test_ninth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The ninth set printed by LibreOffice: every value is there to read; the options not chosen
    and the drop-downs' other entries not printed; a √ and ×s in brackets; line numbers in the
    margin; the letter on the first page."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_9 as hv9
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, NO_TYPE_LAYOUTS

    wanted = (set(hv9.LAYOUTS) | {*hv9.CHECKBOXES, *hv9.FUNDINGS, *hv9.DATES, *hv9.DECORATIONS}) - \
        hv9.WORD_ONLY_CHECKBOXES - {"pages_reversed"}
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv9.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        if "line_numbers" in f.look.decorations:
            text = _text_right_of_margin(pdf_bytes)  # a reader reads the lines, not their numbers
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text)
        # The chosen item's and the type's (a layout may write the type without its list).
        marked = (1,) if f.look.layout in NO_TYPE_LAYOUTS else (1, 2)
        if f.look.checkbox == "others_hidden":
            assert flat.count("□") in marked and _flat("□" + f.app.subcategory) in flat, flat.count("□")
        if f.look.checkbox == "tick_cross":
            ticks, crosses = flat.count(_flat("（√）")), flat.count(_flat("（×）"))
            assert ticks in marked and crosses == 8 + (ticks - 1) * 5, (ticks, crosses)
            assert _flat(f.app.subcategory + "（√）") in flat
        if f.look.checkbox in ("others_hidden", "form_dropdown"):
            others = [i for its in CATEGORY_ITEMS.values() for i in its if i != f.app.subcategory
                      and len(i) > 6 and i not in f.app.project_name]
            assert not [i for i in others if _flat(i) in flat], others
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            if "line_numbers" in f.look.decorations:
                page = next(p for p in pdf.pages if p.search("基本情况") or p.search("基本信息"))
                margin = [c for c in page.chars if c["x1"] < _MARGIN_PT and c["text"].isdigit()]
                assert len(margin) >= 5, len(margin)
            if "cover_letter" in f.look.decorations:
                first = _flat(pdf.pages[0].extract_text() or "")
                assert first.startswith("关于申报2024年度湖南省科协科技创新服务能力提升计划项目的") and \
                    _flat(f.app.project_name) in first


# ---------------------------------------------------------------------------- the tenth held-out set

def test_tenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from benchmarks.gencorpus.docmodel import plain

    def fund(wan: float, style: str) -> str:
        return hv10.funding_text(_app(funding_wan=wan), style)

    assert [fund(w, "yen_wan") for w in (8.0, 7.5, 25.0)] == ["￥8.00万元", "￥7.50万元", "￥25.00万元"]
    assert fund(8.0, "tranches") == "首期4.8万元，验收后3.2万元，合计8万元"
    assert fund(7.5, "tranches") == "首期4.5万元，验收后3万元，合计7.5万元"
    assert fund(25.0, "tranches") == "首期15万元，验收后10万元，合计25万元"
    assert fund(5.5, "tranches") == "首期3.3万元，验收后2.2万元，合计5.5万元"
    for wan in (5.0, 5.5, 7.5, 8.0, 10.0, 25.0, 30.0, 70.0):
        first, rest = hv10.tranches(wan)
        assert round(first + rest, 4) == wan and first > rest
    app = _app(start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv10.period_text(app, "dot_year_implied") == "2024.5-12"
    assert hv10.period_text(app, "year_paren_months") == "2024年度（5月—12月）"
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv10.period_text(late, "dot_year_implied") == "2024.3-2025.6"
    assert hv10.period_text(late, "year_paren_months") == "2024—2025年度（2024年3月—2025年6月）"
    assert hv10.option_text(True, "学术交流", "cc_wingdings2") == "[cc2:1]学术交流"
    assert hv10.option_text(False, "学术交流", "cc_wingdings2") == "[cc2:0]学术交流"
    assert plain(hv10.option_text(True, "学术交流", "cc_wingdings2")) == "☑学术交流"
    assert hv10.option_text(True, "学术交流", "others_deleted") == "□学术交流"
    assert hv10.option_text(False, "学术交流", "others_deleted") == "[del]□学术交流[/del]"
    assert plain(hv10.option_text(False, "学术交流", "others_deleted")) == ""
    assert hv10.option_text(True, "学术交流", "symbol_tick") == "[sy:F0D6]学术交流"
    assert plain(hv10.option_text(True, "学术交流", "symbol_tick")) == "√学术交流"
    assert hv10.option_text(False, "学术交流", "symbol_tick") == "□学术交流"
    assert hv10.option_text(True, "学术交流", "heavy_check") == "✔学术交流"
    assert hv10.option_text(False, "学术交流", "heavy_check") == "□学术交流"
    tracked = ("tracked_fill",)
    assert hv10.value_text("project", "测试学术年会", tracked) == "[del]××××××××项目[/del][ins]测试学术年会[/ins]"
    assert plain(hv10.value_text("project", "测试学术年会", tracked)) == "测试学术年会"
    assert hv10.value_text("leader", "[dist]王伟", tracked) == "[dist][del]×××[/del][ins]王伟[/ins]"
    assert hv10.value_text("project", "测试[br]学术年会", tracked) == "[del]××××××××项目[/del][ins]测试[br]学术年会[/ins]"
    assert hv10.value_text("org", "湖南省测试学会[seal:湖南省测试学会]", tracked) == "湖南省测试学会[seal:湖南省测试学会]"
    assert hv10.value_text("org", "湖南省\n测试学会", tracked) == "湖南省\n测试学会"
    assert hv10.value_text("phone", "13800000000", tracked) == "13800000000"
    noted = hv10.value_text("project", "测试学术年会", ("footnote_marks",))
    assert noted.startswith("测试学术年会[fn:") and plain(noted) == "测试学术年会"
    assert plain(hv10.value_text("funding", "8万元", ("footnote_marks",))) == "8万元"
    assert hv10.value_text("leader", "王伟", ("value_textbox",)) == "[tbx]王伟[/tbx]"
    assert hv10.value_text("phone", "13800000000", ("value_textbox",)) == "[tbx]13800000000[/tbx]"
    assert plain("[tbx]王伟[/tbx]") == "王伟"
    assert hv10.value_text("project", "测试学术年会", ("value_textbox",)) == "测试学术年会"
    assert hv10.value_text("phone", "", ("value_textbox", "footnote_marks", "tracked_fill")) == ""
    assert hv10.checkbox_for("cc_wingdings2", "excel_object", "A-1") == "text_only"
    assert hv10.checkbox_for("others_deleted", "cb_matrix", "A-1") in ("ballot", "tick_replace", "square")
    assert hv10.checkbox_for("heavy_check", "cb_matrix", "A-1") == "heavy_check"
    assert hv10.checkbox_for("symbol_tick", "header_row", "A-1") == "symbol_tick"
    assert hv10.shown(("email_hyperlink", "phone_marked", "comments_left"), "excel_object") == ("phone_marked",)
    assert hv10.shown(("email_hyperlink", "comments_left"), "header_row") == ("email_hyperlink", "comments_left")
    assert hv10.stacked(("王伟", "理事长", "13800000000"), "A-1") == "王伟，理事长，13800000000"
    assert hv10.stacked(("王伟", "理事长", "13800000000"), "A-2") == "王伟\n理事长\n13800000000"
    assert hv10.stacked(("李娜", "", "a@b.cn"), "A-2") == "李娜\na@b.cn"
    when = datetime(2024, 4, 20, 10, 30)
    names = {fmt: hv10.sent_name(fmt, "A-0001", when) for fmt in ("docx", "pdf", "scan_pdf", "doc", "wps",
                                                                   "enc_docx_pw", "enc_pdf_pw")}
    assert all(name.endswith({"enc_docx_pw": ".docx", "enc_pdf_pw": ".pdf", "scan_pdf": ".pdf"}.get(fmt, f".{fmt}"))
               for fmt, name in names.items()), names
    assert re.fullmatch(r"(扫描全能王 2024-04-20 \d\d\.\d\d|CamScanner 04-20-2024 \d\d\.\d\d|SKMBT_C280240420\d{4}0)\.pdf",
                        names["scan_pdf"])
    shots = [hv10.sent_name("photo_jpg", "A-0001", when, k) for k in (1, 2, 3)]
    assert all(re.fullmatch(r"微信图片_20240420\d{6}\.jpg", s) for s in shots) and len(set(shots)) == 3
    assert hv10.unique("文档1.docx", {"文档1.docx"}) == "文档1 (2).docx"
    assert hv10.unique("文档1.docx", {"文档1.docx", "文档1 (2).docx"}) == "文档1 (3).docx"
    assert hv10.unique("文档1.docx", set()) == "文档1.docx"


def test_tenth_set_truth_stays_clean() -> None:
    """The truth of a form drawn with the tenth set is the clean value: the amount in 万元 (the
    total, not the first payment), the period in months, the values typed over placeholders
    without them, the names and phones in text boxes as they are; a sample page's made-up
    values are nowhere in the truth."""
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from benchmarks.gencorpus.write import _fields

    _assert_set_truth_clean(hv10, phones=True)
    made_up = {value for _, value in hv10.SAMPLE_ROWS if "×" in value}
    for m in _plan("heldout", 180, 4):
        for f in m.forms:
            assert not made_up & {str(v) for v in _fields(f).values()}


def test_tenth_set_variants_are_drawn_where_they_show() -> None:
    """Revisions in Word files only, never with a field, hidden example, prompt or comment of
    their own; footnotes where Word takes them; the sample page in files that are not scans or
    photos; text boxes over the cells of layouts whose name and mobile sit alone; programs' file
    names outside archives; Word-only encodings in Word files; a worksheet's choice written out
    and no Word decoration in it; no encoding that marks nothing in a selection column; every
    form of a forwarded mail drawn forwarded, its subject the forwarder's (on both splits, now
    that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from benchmarks.gencorpus.build import WORD_FORMATS

    seen: set[str] = set()
    forwarded_on: set[str] = set()
    plans = (("heldout", 3), ("heldout", 4), ("dev", 3))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt != "none"]
        forwarded = [f for f in sent if "forwarded_eml" in f.look.decorations]
        assert not forwarded or len(forwarded) == len(sent)
        assert (m.forwarded is not None) == bool(forwarded)
        if m.forwarded is not None:
            forwarded_on.add(split)
            assert m.subject == hv10._FORWARD_PREFIX[m.client] + m.forwarded["subject"]
            assert m.body.endswith(m.forwarded["body"]) and m.forwarded["date"] < m.sent_at
        for f in sent:
            decos = set(f.look.decorations)
            seen |= decos | {f.look.checkbox, f.look.layout, f.look.funding, f.look.dates}
            if "tracked_fill" in decos:
                assert f.fmt in WORD_FORMATS and not decos & {"merge_fields", "hidden_example", "hint_left_in",
                                                              "comments_left"}, decos
                assert f.look.layout not in {"excel_object", "table_screenshot", "content_controls"}
            if "footnote_marks" in decos:
                assert f.look.layout not in hv10._NO_NOTE_LAYOUTS, f.look.layout
            if "sample_page_left" in decos:
                assert f.fmt not in ("scan_pdf", "photo_jpg")
            if "value_textbox" in decos:
                assert f.look.layout in hv10._BOXED_LAYOUTS, f.look.layout
            if "app_default_names" in decos:
                assert f.fmt not in ("zip_utf8", "zip_gbk", "7z")
            if f.look.checkbox in hv10.WORD_ONLY_CHECKBOXES:
                assert f.fmt in WORD_FORMATS
            if f.look.layout == "excel_object":
                assert f.look.checkbox == "text_only" and not decos & hv10._NOT_IN_SHEETS, decos
            if f.look.layout == "cb_matrix":
                assert f.look.checkbox not in hv10.NO_COLUMN_CHECKBOXES
    assert {*hv10.DECORATIONS, *hv10.CHECKBOXES, *hv10.LAYOUTS, *hv10.FUNDINGS, *hv10.DATES} <= seen
    assert forwarded_on == {"heldout", "dev"}


def _tenth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


def _body_index(doc: Any, text: str) -> int:
    """The place among the body's children of the first paragraph whose text is `text`."""
    children = list(doc.element.body.iterchildren())
    return next(i for i, el in enumerate(children) if el.tag == qn("w:p")
                and "".join(t.text or "" for t in el.iter(qn("w:t"))) == text)


def _breaks_page(el: Any) -> bool:
    return any(b.get(qn("w:type")) == "page" for b in el.iter(qn("w:br")))


def test_annex_people_names_the_people_in_an_annex_at_the_end() -> None:
    """The basic table sends the reader to 附表1; the annex, on a page of its own after the
    units' opinions, holds the leader, the contact and the team."""
    _, doc = _tenth_doc("annex_people", app=_app(members=(("赵敏", "教授", "13911112222"),)))
    basic = doc.tables[0]
    rows = {r.cells[0].text: r.cells[1].text for r in basic.rows}
    assert rows["项目负责人及联系人"] == "详见附表1" and rows["项目名称"] == "测试学术年会"
    basic_text = "".join(c.text for r in basic.rows for c in r.cells)
    assert not {"王伟", "李娜", "13800000000", "a@b.cn"} & {x for x in ("王伟", "李娜", "13800000000", "a@b.cn")
                                                             if x in basic_text}
    annex = doc.tables[-1]
    cells = [[c.text for c in r.cells] for r in annex.rows]
    assert cells[0] == ["角　色", "姓　名", "职务/职称", "手机/电话", "电子邮箱"]
    assert cells[1][:4] == ["项目负责人", "王伟", "理事长", "13800000000"]
    assert cells[2] == ["项目联系人", "李娜", "联络员", "0731-84000000", "a@b.cn"]
    assert cells[3][:4] == ["项目组成员", "赵敏", "教授", "13911112222"]
    children = list(doc.element.body.iterchildren())
    at = _body_index(doc, "附表1")
    assert at > _body_index(doc, "五、市州科协审核意见") and _breaks_page(children[at - 1])
    assert children.index(annex._tbl) > at


def test_wrapped_table_floats_with_the_notes_beside_it() -> None:
    """The basic table is a floating table (文字环绕) 10.6 cm wide at the margin, its
    positioning first in its properties as the schema orders them; the notes follow it."""
    from benchmarks.gencorpus import holdout_variants_10 as hv10

    _, doc = _tenth_doc("wrapped_table")
    table = doc.tables[0]
    pr = table._tbl.tblPr
    assert [c.tag for c in pr][:3] == [qn("w:tblStyle"), qn("w:tblpPr"), qn("w:tblOverlap")]
    place = pr.find(qn("w:tblpPr"))
    assert (place.get(qn("w:horzAnchor")), place.get(qn("w:vertAnchor"))) == ("margin", "text")
    assert pr.find(qn("w:tblOverlap")).get(qn("w:val")) == "never" and pr.find(qn("w:jc")) is None
    width = sum(int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol")))
    assert abs(width - hv10.WRAP_WIDTH_CM * 567) < 30, width
    assert {r.cells[0].text: r.cells[1].text for r in table.rows}["项目负责人"] == "王伟"
    after: list[str] = []
    el = table._tbl.getnext()
    while el is not None and len(after) < len(hv10.WRAP_NOTES):
        after.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
        el = el.getnext()
    assert after == list(hv10.WRAP_NOTES)


def test_excel_object_embeds_the_worksheet_and_shows_its_picture() -> None:
    """The basic part is an embedded Excel worksheet: its preview picture shown, the values in
    the .xlsx part the OLE object names, none of them text of the document."""
    from benchmarks.gencorpus import holdout_variants_10 as hv10

    data, doc = _tenth_doc("excel_object", checkbox="text_only", app=_app(subcategory="学会服务站建设"))
    objects = list(doc.element.body.iter(qn("w:object")))
    assert len(objects) == 1
    ole = objects[0].find("{urn:schemas-microsoft-com:office:office}OLEObject")
    assert (ole.get("ProgID"), ole.get("Type"), ole.get("DrawAspect")) == ("Excel.Sheet.12", "Embed", "Content")
    shape = objects[0].find("{urn:schemas-microsoft-com:vml}shape")
    assert ole.get("ShapeID") == shape.get("id")
    sheet = doc.part.related_parts[ole.get(qn("r:id"))]
    assert sheet.content_type == hv10._XLSX if hasattr(hv10, "_XLSX") else True
    assert str(sheet.partname).startswith("/word/embeddings/") and str(sheet.partname).endswith(".xlsx")
    ws = load_workbook(io.BytesIO(sheet.blob)).active
    assert ws is not None
    cells = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
    assert cells["项目名称"] == "测试学术年会" and cells["申报单位"] == "湖南省测试学会"
    assert cells["项目类别"] == "科技创新服务能力建设项目—学会服务站建设" and cells["单位类型"] == "省级学会"
    assert cells["负责人手机"] == "13800000000" and cells["电子邮箱"] == "a@b.cn" and cells["申请经费"] == "8万元"
    picture = doc.part.related_parts[shape.find("{urn:schemas-microsoft-com:vml}imagedata").get(qn("r:id"))]
    assert picture.content_type == "image/png" and Image.open(io.BytesIO(picture.blob)).size[0] > 800
    text = _docx_all_text(data)
    assert not [v for v in ("测试学术年会", "湖南省测试学会", "13800000000", "a@b.cn") if v in text]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml").decode("utf-8")
    assert "spreadsheetml.sheet" in types


def test_people_stacked_put_each_person_in_one_cell_without_sub_labels() -> None:
    _, doc = _tenth_doc("people_stacked", app=_app(aid="A-2"))
    rows = {r.cells[0].text: r.cells[1] for r in doc.tables[0].rows}
    leader, contact = rows["项目负责人\n（姓名、职务、手机）"], rows["项目联系人\n（姓名、电话、邮箱）"]
    assert [p.text for p in leader.paragraphs] == ["王伟", "理事长", "13800000000"]
    assert [p.text for p in contact.paragraphs] == ["李娜", "0731-84000000", "a@b.cn"]
    _, doc = _tenth_doc("people_stacked", app=_app(aid="A-1", contact_phone=None))
    rows = {r.cells[0].text: r.cells[1] for r in doc.tables[0].rows}
    assert rows["项目负责人\n（姓名、职务、手机）"].text == "王伟，理事长，13800000000"
    assert rows["项目联系人\n（姓名、电话、邮箱）"].text == "李娜，a@b.cn"
    assert not re.search("手机[：:]|电话[：:]|邮箱[：:]|姓名[：:]", "".join(r.text for r in rows.values()))


_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def test_wingdings2_check_box_controls_hold_symbols_not_text() -> None:
    """Nine check box content controls whose states are Wingdings 2's 0x52 and 0xA3, each holding
    that font's w:sym: F052 before the chosen option only; no box is a character of the text."""
    doc = _category_doc("cc_wingdings2")
    tc = doc.tables[0].rows[0].cells[0]._tc
    states = []
    for sdt in tc.iter(qn("w:sdt")):
        box = sdt.find(f"{qn('w:sdtPr')}/{_W14}checkbox")
        assert box is not None
        assert {(s.get(f"{_W14}val"), s.get(f"{_W14}font"))
                for s in (box.find(f"{_W14}checkedState"), box.find(f"{_W14}uncheckedState"))} == {
            ("0052", "Wingdings 2"), ("00A3", "Wingdings 2")}
        sym = sdt.find(f"{qn('w:sdtContent')}/{qn('w:r')}/{qn('w:sym')}")
        assert sym.get(qn("w:font")) == "Wingdings 2"
        label = _runs_text(sdt.getnext())
        states.append((box.find(f"{_W14}checked").get(f"{_W14}val"), sym.get(qn("w:char")), label))
    assert len(states) == 9
    assert [(c, s) for c, s, label in states if label.startswith("学会服务站建设")] == [("1", "F052")]
    assert {(c, s) for c, s, label in states if not label.startswith("学会服务站建设")} == {("0", "F0A3")}
    assert not re.search("[☑☐□■RS£]", "".join(t.text or "" for t in tc.iter(qn("w:t"))))


def test_options_not_chosen_are_tracked_deletions() -> None:
    doc = _category_doc("others_deleted")
    tc = doc.tables[0].rows[0].cells[0]._tc
    deletions = list(tc.iter(qn("w:del")))
    deleted = "".join(t.text or "" for d in deletions for t in d.iter(qn("w:delText")))
    kept = "".join(t.text or "" for t in tc.iter(qn("w:t")))
    assert deleted.count("□") == 8 and "学会服务站建设" not in deleted and "学术交流" in deleted
    assert kept.count("□") == 1 and "□学会服务站建设" in kept and "学术交流" not in kept
    assert {d.get(qn("w:author")) for d in deletions} == {"张敏"}


def test_symbol_tick_is_a_symbol_font_character_before_the_chosen_option() -> None:
    doc = _category_doc("symbol_tick")
    runs = _option_runs(doc)
    marked = [i for i, r in enumerate(runs) if r.find(qn("w:sym")) is not None]
    assert len(marked) == 1
    sym = runs[marked[0]].find(qn("w:sym"))
    assert (sym.get(qn("w:font")), sym.get(qn("w:char"))) == ("Symbol", "F0D6")
    assert _runs_text(runs[marked[0] + 1]).startswith("学会服务站建设")
    text = doc.tables[0].rows[0].cells[0].text
    assert text.count("□") == 8 and "√" not in text and "学会服务站建设" in text


def test_heavy_check_replaces_the_chosen_box() -> None:
    text = _category_doc("heavy_check").tables[0].rows[0].cells[0].text
    assert "✔学会服务站建设" in text and text.count("✔") == 1 and text.count("□") == 8


def test_tenth_set_decorations_show_in_the_document() -> None:
    """Placeholders deleted and values inserted with track changes on; footnote references right
    after the project name and the amount, their notes in the footnotes part; the leader's name
    and mobile in text boxes over cells that hold no character of them."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    from benchmarks.gencorpus import holdout_variants_10 as hv10

    decos = ("tracked_fill", "footnote_marks", "value_textbox")
    _, doc = _tenth_doc("header_row", value_decos=decos, decorations=decos)
    body = doc.element.body
    revised = {}
    for d in body.iter(qn("w:del")):
        ins = d.getnext()
        assert ins is not None and ins.tag == qn("w:ins")
        typed = "".join(t.text or "" for t in ins.iter(qn("w:t")))
        revised["".join(t.text or "" for t in d.iter(qn("w:delText")))] = typed
    assert revised == {"××××××××项目": "测试学术年会", "××××学会": "湖南省测试学会", "×××": "王伟"}
    refs = list(body.iter(qn("w:footnoteReference")))
    assert [r.get(qn("w:id")) for r in refs] == ["1", "2"]
    for ref, value in zip(refs, ("测试学术年会", "8万元")):
        run = ref.getparent()
        assert run.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "superscript"
        assert "".join(t.text or "" for t in run.getprevious().iter(qn("w:t"))).endswith(value)
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FOOTNOTES)
    notes = etree.fromstring(part.blob)
    by_id = {n.get(qn("w:id")): "".join(t.text or "" for t in n.iter(qn("w:t"))).strip()
             for n in notes.findall(qn("w:footnote"))}
    assert by_id == {"-1": "", "0": "", "1": hv10._NOTES["project"], "2": hv10._NOTES["funding"]}
    boxes = {"".join(t.text or "" for t in box.iter(qn("w:t"))): box
             for box in body.iter("{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}txbx")}
    assert set(boxes) == {"王伟", "13800000000"}
    table = doc.tables[0]
    heads = [c.text for c in table.rows[4].cells]
    assert heads == ["项目负责人", "负责人手机", "联系人", "联系人电话"]
    for cell in table.rows[5].cells[:2]:
        outside = [t for t in cell._tc.iter(qn("w:t")) if not any(
            a.tag == qn("w:txbxContent") for a in t.iterancestors())]
        assert not outside and len(list(cell._tc.iter(qn("w:txbxContent")))) == 1


def test_sample_page_is_left_before_the_form() -> None:
    """The template's 填写示例 page with its made-up values comes before the form (after the
    instructions when there is a cover), ends with a page break, and is not in a scan's form."""
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    decos = ("sample_page_left",)
    _, doc = _tenth_doc("header_row", value_decos=decos, decorations=decos)
    texts = _paragraph_texts(doc)
    assert texts[:2] == ["填写示例", "（正式填报时请删除本页）"]
    assert {r.cells[0].text: r.cells[1].text for r in doc.tables[0].rows} == dict(hv10.SAMPLE_ROWS)
    title = _body_index(doc, "2024年度湖南省科协科技创新服务能力提升计划项目申报书")
    children = list(doc.element.body.iterchildren())
    assert _breaks_page(children[title - 1]) and children.index(doc.tables[0]._tbl) < title
    assert doc.tables[1].rows[1].cells[0].text == "测试学术年会"
    _, covered = _tenth_doc("header_row", value_decos=decos, decorations=decos, cover=True)
    texts = _paragraph_texts(covered)
    assert texts.index("填报说明") < texts.index("填写示例") < texts.index("一、基本情况") if "一、基本情况" in texts \
        else texts.index("填报说明") < texts.index("填写示例")
    look = _look(value_decos=decos, decorations=decos, cover=True)
    compact = Document(io.BytesIO(build_docx(form_blocks(_app(), look, compact=True), "x")))
    assert "填写示例" not in _paragraph_texts(compact)


@pytest.fixture(scope="module")
def heldout10(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heldout10")
    # Seed 67 gives forwarded mails as a message/rfc822 part and as a saved .eml file, and files
    # named by programs: .docx, PDF, a scan and phone photos.
    write_corpus(out, "heldout", 16, seed=67)
    return out


def _body_text(msg: EmailMessage) -> str:
    """The body as a reader sees it: its text/plain part, or its HTML's text when the mail has no
    plain part (the sixteenth set's html_only_body)."""
    from html import unescape

    plain = msg.get_body(preferencelist=("plain",))
    if plain is not None:
        return str(plain.get_content())
    page = msg.get_body(preferencelist=("html",))
    assert page is not None
    return unescape(re.sub(r"<[^>]+>", "", re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", str(page.get_content()))))


def _tnef_files(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The files inside every winmail.dat among `parts` (by their bytes' SHA-256)."""
    from tnefparse import TNEF

    out: dict[str, bytes] = {}
    for data in parts.values():
        if data[:4] == b"\x78\x9f\x3e\x22":
            out |= {hashlib.sha256(a.data).hexdigest(): a.data for a in TNEF(data).attachments}
    return out


_PROGRAM_NAMES = re.compile(r"(新建 Microsoft Word 文档|新建 DOCX 文档|文档1|Doc1|新建 Microsoft Word 97 - 2003 文档|"
                            r"新建 WPS文字 文档|新建文档|扫描全能王 \d{4}-\d\d-\d\d \d\d\.\d\d|"
                            r"CamScanner \d\d-\d\d-\d{4} \d\d\.\d\d|SKMBT_C280\d{11}|微信图片_\d{14})"
                            r"( \(\d+\))?\.(docx|pdf|doc|wps|jpg)")


def test_forwarded_and_program_named_forms_are_in_their_mails(heldout10: Path) -> None:
    """A forwarded mail carries one attachment, the applicant's message (message/rfc822 written
    as it is, or a saved .eml file), whose own attachments are the form's files; files named by
    programs carry those names; every truth file is where its row says and the form readable."""
    import email.message

    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS

    msgs = _messages(heldout10)
    kinds: set[str] = set()
    named: set[str] = set()
    read = 0  # .docx forms whose project name was read
    for row in _truth(heldout10):
        if not row["electronic"] or row["kind"] != "application" or row["fields"]["project_name"] is None:
            continue
        msg = msgs[row["message_id"]]
        decos = row["tags"]["decorations"]
        outer: dict[str, bytes] = {}
        inner_msg: email.message.EmailMessage | None = None
        for part in msg.iter_attachments():
            if part.get_content_type() == "message/rfc822":
                assert part["Content-Transfer-Encoding"] == "8bit"
                carried = part.get_payload()
                assert isinstance(carried, list) and len(carried) == 1
                carried = carried[0]
                assert isinstance(carried, email.message.EmailMessage)
                inner_msg = carried
                kinds.add("rfc822")
            else:
                data = part.get_payload(decode=True)
                assert isinstance(data, bytes)
                outer[hashlib.sha256(data).hexdigest()] = data
                if str(part.get_filename()).endswith(".eml"):
                    parsed = email.message_from_bytes(data, policy=email.policy.default)
                    assert isinstance(parsed, email.message.EmailMessage)
                    inner_msg = parsed
                    kinds.add("eml_file")
        if "forwarded_eml" in decos:
            assert inner_msg is not None and len(list(msg.iter_attachments())) == 1
            assert row["subject"].startswith(("转发：", "转发: ", "Fw:", "Fwd: "))
            assert str(inner_msg["Subject"]) in row["subject"]
            assert inner_msg["To"] == row["sender"] and row["fields"]["leader_name"] in str(inner_msg["From"])
            inner = _attachments(inner_msg)
        else:
            assert inner_msg is None
            inner = {}
        for f in row["files"]:
            if f.get("in_zip") or f.get("in_body"):  # (the fifteenth set's fields typed into a body)
                continue
            pool = inner if f.get("in_eml") else outer
            if f.get("in_tnef"):  # (the fifteenth set's: Outlook's winmail.dat holds the files)
                pool = _tnef_files(outer)
            if f["name"].endswith(".eml") and not outer:
                continue  # the rfc822 part: its message was parsed above
            data = pool[f["sha256"]]
            # (A screenshot's or an embedded worksheet's values are no text of the document, nor are
            # those of a .docx holding only the scans of its printout: the fourteenth set's; a package
            # whose form is an altChunk of its own, the fifteenth set's, is read in its test.)
            if f["role"] == "form" and f["name"].endswith(".docx") and row["tags"]["format"] == "docx" \
                    and row["tags"]["layout"] not in PICTURE_LAYOUTS | SHEET_LAYOUTS | {"altchunk_form"} \
                    and "scan_in_docx" not in decos:
                # (A Strict Open XML package, the nineteenth set's, read as the document it is.)
                assert _flat(row["fields"]["project_name"]) in _flat(_package_text(data))
                read += 1
        if "app_default_names" in decos:
            # (A mail's files are every form's: a second form may keep its own name.)
            programs = [f["name"] for f in row["files"] if f["role"] == "form" and _PROGRAM_NAMES.fullmatch(f["name"])]
            assert programs, [f["name"] for f in row["files"]]
            named |= {n.rsplit(".", 1)[1] for n in programs}
        if "forwarded_eml" in decos:
            assert all(f.get("in_eml") for f in row["files"] if not f["name"].endswith(".eml"))
    assert kinds == {"rfc822", "eml_file"} and read
    assert {"docx", "pdf", "jpg"} <= named


def test_forwarded_message_part_is_written_as_it_is() -> None:
    from benchmarks.gencorpus import holdout_variants_10 as hv10
    from shenbao.demo.mail import build_eml

    when = datetime(2024, 4, 20, 10, 0)
    inner = build_eml(sender="a@b.cn", sender_name="王伟", subject="申报书", body="您好", date=when,
                      attachments=[("申报书.docx", b"PK-form", "application/octet-stream")],
                      message_id="<i@b.cn>", client_style="coremail", to="c@d.cn")
    outer = build_eml(sender="c@d.cn", sender_name="李娜", subject="转发: 申报书", body="转发", date=when,
                      attachments=[("申报书.eml", inner, "message/rfc822")], message_id="<o@d.cn>",
                      client_style="outlook")
    written = hv10.rfc822_inline(outer)
    assert inner.rstrip(b"\r\n") in written and b"Content-Transfer-Encoding: 8bit\r\n" in written
    msg = email.message_from_bytes(written, policy=email.policy.default)
    (part,) = list(msg.iter_attachments())
    payload = part.get_payload()
    assert isinstance(payload, list) and len(payload) == 1
    forwarded = payload[0]
    assert isinstance(forwarded, EmailMessage)
    assert forwarded["Subject"] == "申报书" and not msg.defects
    assert [p.get_payload(decode=True) for p in forwarded.iter_attachments()] == [b"PK-form"]
    assert hv10.rfc822_inline(inner) == inner  # nothing forwarded: left as it is


def test_tenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The tenth set printed by LibreOffice: every value is there to read; ✔ before the chosen
    option; a raised number glued to the project name and the notes at the page's foot; the
    sample page before the basic part; the annex on the last page; table rows and notes side by
    side on printed lines."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_10 as hv10

    wanted = set(hv10.LAYOUTS) | {"heavy_check", *hv10.FUNDINGS, *hv10.DATES, "footnote_marks", "value_textbox",
                                  "sample_page_left"}
    notes_read = 0
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv10.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text)
        decos = f.look.decorations
        if f.look.checkbox == "heavy_check":
            assert _flat("✔" + f.app.subcategory) in flat and 1 <= flat.count("✔") <= 2, flat.count("✔")
        if "footnote_marks" in decos:
            # (After the closing 》 of a name typed in 书名号; a name wrapped in a narrow cell beside
            # another cell's text, remarks_column's, is read from its cell; the raised number in a
            # grid of box-drawing characters, text_grid's, is read in the page's own order, where
            # pdfplumber sets it on a line of its own.)
            doc = pdfium.PdfDocument(pdf_bytes)
            ordered = _flat("".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))))
            doc.close()
            # (A name that fills its line of the grid has its number set past the line's padding and the
            # cell's closing │, on the same line.)
            border = r"[\s\u3000]*│?[\s\u3000]*" if f.look.layout == "text_grid" else ""
            assert re.search(re.escape(_flat(f.app.project_name)) + r"》?" + border + r"\d",
                             flat + _flat(cells) + ordered), f.look.layout
            # LibreOffice prints a note's number but not its text when a comment is anchored on the
            # same value (comments_left, Word files only: never printed by the generator).
            if "comments_left" not in decos:
                assert _flat(hv10._NOTES["project"]) in flat and _flat(hv10._NOTES["funding"]) in flat
                notes_read += 1
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            last = _flat(pdf.pages[-1].extract_text() or "")
            # Each page's lines and, for a value wrapped in a narrow cell, its cells' text.
            pages = [_flat((p.extract_text() or "") + "".join((c or "").replace("\n", "") for t in p.extract_tables()
                                                             for r in t for c in r)) for p in pdf.pages]
        if "sample_page_left" in decos:
            # The sample's page comes before the page that names the project.
            sample = next(i for i, page in enumerate(pages) if "填写示例" in page)
            assert sample < next(i for i, page in enumerate(pages) if _flat(f.app.project_name) in page)
            assert _flat("湖南省××学会") in pages[sample]
        if f.look.layout == "annex_people":
            assert last.startswith(_flat("附表1项目负责人及联系人信息表")) and _flat(f.app.leader_name) in last
            assert _flat("详见附表1") in flat
        if f.look.layout == "wrapped_table":
            labels = ("项目名称", "项目类别", "申报单位", "单位类型", "项目负责人", "负责人手机", "项目联系人")
            notes = ("填表说明", "简明扼要", "与公章一致", "限选一项", "以万元为单位", "牵头单位")
            assert any(line.startswith(labels) and any(n in line for n in notes) for line in text.splitlines())
    assert notes_read, "no printed form with footnotes had its notes read"


# ---------------------------------------------------------------------------- the eleventh held-out set

def test_eleventh_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_11 as hv11
    from benchmarks.gencorpus.docmodel import plain

    def fund(wan: float, style: str) -> str:
        return hv11.funding_text(_app(funding_wan=wan), style)

    assert [fund(w, "jiao_fen") for w in (8.0, 7.5, 25.0, 70.0)] == [
        "捌万元零角零分", "柒万伍仟元零角零分", "贰拾伍万元零角零分", "柒拾万元零角零分"]
    assert [fund(w, "yuan_2dp_label") for w in (8.0, 7.5, 25.0)] == ["80,000.00", "75,000.00", "250,000.00"]
    from benchmarks.gencorpus.forms import funding_label

    assert funding_label("yuan_2dp_label") == "申请经费（元）" and funding_label("jiao_fen") == "申请经费"
    app = _app(start=date(2024, 4, 1), end=date(2024, 12, 31))
    assert hv11.period_text(app, "xun") == "2024年4月上旬至12月下旬"
    assert hv11.period_text(app, "quarters") == "2024年第二季度至第四季度"
    late = _app(start=date(2024, 7, 1), end=date(2025, 6, 30))
    assert hv11.period_text(late, "xun") == "2024年7月上旬至2025年6月下旬"
    assert hv11.period_text(late, "quarters") == "2024年第三季度至2025年第二季度"
    assert hv11.fits_quarters(app) and hv11.fits_quarters(late)
    for start, end in ((date(2024, 5, 1), date(2024, 12, 31)), (date(2024, 4, 1), date(2024, 11, 30)),
                       (date(2024, 4, 1), date(2024, 9, 29))):
        odd = _app(start=start, end=end)
        assert not hv11.fits_quarters(odd) and hv11.dates_for("quarters", odd) == "xun"
        with pytest.raises(ValueError):
            hv11.period_text(odd, "quarters")
    assert hv11.dates_for("quarters", app) == "quarters" and hv11.dates_for("cn_month", app) == "cn_month"
    assert hv11.option_text(True, "学术交流", "box_after") == "学术交流☑"
    assert hv11.option_text(False, "学术交流", "box_after") == "学术交流□"
    assert hv11.option_text(True, "学术交流", "activex_checkbox") == "[ax:1|学术交流]"
    assert plain(hv11.option_text(True, "学术交流", "activex_checkbox")) == "☑学术交流"
    assert plain(hv11.option_text(False, "学术交流", "activex_checkbox")) == "☐学术交流"
    assert hv11.option_text(True, "学术交流", "freeform_tick") == "[ink]□学术交流"
    assert hv11.option_text(False, "学术交流", "freeform_tick") == "□学术交流"
    assert hv11.option_text(True, "学术交流", "equation_tick") == "[om:√]学术交流"
    assert plain(hv11.option_text(True, "学术交流", "equation_tick")) == "√学术交流"
    assert hv11.option_text(False, "学术交流", "equation_tick") == "□学术交流"
    at = ("email_at_word",)
    written = hv11.email_text("lina@163.com", "lina@163.com", at)
    assert written in ("lina（at）163.com", "lina[at]163.com", "lina#163.com")
    assert hv11.email_text("lina@163.com", "李娜 <lina@163.com>", at) == f"李娜 <{written}>"
    assert hv11.email_text("lina@163.com", "lina@163.com", ()) == "lina@163.com"
    assert hv11.email_text(None, "", at) == ""
    wu = ("wu_for_empty",)
    assert hv11.empty_text("", wu, "A-1") in ("无", "/") and hv11.empty_text("", (), "A-1") == ""
    assert hv11.empty_text("13800000000", wu, "A-1") == "13800000000"
    assert hv11.checkbox_for("activex_checkbox", "textbox_frame", "A-1") in ("ballot", "tick_replace", "box_after")
    assert hv11.checkbox_for("freeform_tick", "textbox_grid", "A-1") in ("ballot", "tick_replace", "box_after")
    assert hv11.checkbox_for("activex_checkbox", "header_row", "A-1") == "activex_checkbox"
    assert hv11.checkbox_for("equation_tick", "textbox_frame", "A-1") == "equation_tick"
    assert hv11.split_label("项目名称") == ("项目", "名称") and hv11.split_label("项目负责人") == ("项目负", "责人")
    assert hv11.split_label("申请经费（万元）①") == ("申请经费", "（万元）①")
    assert hv11.misnamed("申报书.docx") == "申报书.doc" and hv11.misnamed("申报书.doc") == "申报书.docx"
    assert hv11.scan_name("申报书.docx", "A-1") in ("申报书（盖章扫描件）.pdf", "申报书-盖章版.pdf", "申报书（签字盖章）.pdf")
    assert all(hv11.has_extension(f"0731-84000000{ext}") for ext in ("转8012", "-812", "（分机8012）"))
    assert not [p for p in ("0731-84000000", "13800000000", None, "") if hv11.has_extension(p)]
    assert all(n.count(hv11.MIDDLE_DOT) == 1 and n == unicodedata.normalize("NFKC", n) for n in hv11.NAMES_WITH_DOT)


def test_eleventh_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the names with a 间隔号 and the phones
    with an extension as written (the applications' own, `people`, on both splits now that dev
    draws the set too), the amount in 万元, a quarter's period as its months, no 无 or / for a
    value not given; each of the set's amount, period and decoration writings is drawn."""
    from benchmarks.gencorpus import holdout_variants_11 as hv11
    from benchmarks.gencorpus.write import _fields

    _assert_set_truth_clean(hv11, phones=True)
    dotted = dict.fromkeys(("heldout", "dev"), 0)
    extended = dict.fromkeys(("heldout", "dev"), 0)
    for split, m in ((split, m) for split in ("heldout", "dev") for m in _plan(split, 180, 4)):
        for f in m.forms:
            fields = _fields(f)
            names = fields["leader_name"] + fields["contact_name"]
            dotted[split] += hv11.MIDDLE_DOT in names
            extended[split] += hv11.has_extension(fields["contact_phone"])
            assert (hv11.MIDDLE_DOT in names) == ("name_middle_dot" in f.look.decorations)
            assert hv11.has_extension(fields["contact_phone"]) == ("phone_extension" in f.look.decorations)
            assert not {"无", "/"} & {str(v) for v in fields.values()} and fields["partner_orgs"] == list(f.app.partners)
            if f.look.dates == "quarters":
                assert fields["start_date"][5:] in ("01", "04", "07", "10"), fields["start_date"]
                assert fields["end_date"][5:] in ("03", "06", "09", "12"), fields["end_date"]
    assert min(dotted.values()) >= 5 and min(extended.values()) >= 5, (dotted, extended)


def test_eleventh_set_variants_are_drawn_where_they_show() -> None:
    """ActiveX controls and equations in files sent as .docx only; no control or drawn tick in a
    text box; quarters only for periods that are runs of quarters; the harvesters' @ never in a
    link or beside a full-width ＠; 无 wherever the template's 联合申报单位 row or a missing value
    shows it, never in running prose; the scan beside a Word file (.docx, .doc, .wps) whose marks and
    values print as Word shows them; the other extension for .docx and .doc files whose names
    are their senders' (on both splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_11 as hv11
    from benchmarks.gencorpus.build import OOXML_FORMATS
    from benchmarks.gencorpus.forms import OOXML_ONLY_CHECKBOXES, WORD_ONLY_CHECKBOXES

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    # A third held-out plan: equation_tick, for files sent as .docx only, shows on no form of the
    # first two now that held-out weighs no set up; a third dev plan: quarters, which fit one
    # period in five, show on no form of the first two once dev draws the thirteenth set too.
    plans = (("heldout", 3), ("heldout", 4), ("heldout", 5), ("dev", 3), ("dev", 4), ("dev", 5))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 300, seed)):
        for f in (f for f in m.forms if f.fmt != "none"):
            decos = set(f.look.decorations)
            seen[split] |= decos | {f.look.checkbox, f.look.layout, f.look.funding, f.look.dates}
            if f.look.checkbox in hv11.OOXML_ONLY_CHECKBOXES:
                assert f.fmt in OOXML_FORMATS, f.fmt
            if f.look.checkbox in ("activex_checkbox", "freeform_tick"):
                assert f.look.layout not in ("textbox_frame", "textbox_grid")
            if f.look.dates == "quarters":
                assert hv11.fits_quarters(f.app)
            if "email_at_word" in decos:
                assert f.app.contact_email and not decos & {"email_hyperlink", "email_fullwidth"}
            if "wu_for_empty" in decos:
                assert f.look.layout != "prose_letter"
                assert not f.app.partners or not all((f.app.leader_phone, f.app.contact_phone, f.app.contact_email))
            if "word_and_scan" in decos:
                assert f.fmt in ("docx", "doc", "wps") and not decos & {"funding_revised", "tracked_fill", "merge_fields"}
                assert f.look.checkbox not in WORD_ONLY_CHECKBOXES | OOXML_ONLY_CHECKBOXES
            if "misnamed_ext" in decos:
                assert f.fmt in ("docx", "doc") and "app_default_names" not in decos
    names = set().union(*_variant_names(hv11).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _eleventh_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


def test_people_columns_fill_the_people_column_by_column() -> None:
    """The people part is a grid whose columns are the leader and the contact and whose rows are
    their name, post, phone and e-mail; the rest of the table is label | value."""
    from benchmarks.gencorpus import holdout_variants_11 as hv11

    _, doc = _eleventh_doc("people_columns")
    table = doc.tables[0]
    cells = [[c.text for c in r.cells] for r in table.rows]
    at = next(i for i, row in enumerate(cells) if row[1:] == ["项目负责人", "项目联系人"])
    assert [row[0] for row in cells[at + 1:at + 5]] == list(hv11.PEOPLE_ROWS)
    assert [row[1:] for row in cells[at + 1:at + 5]] == [["王伟", "李娜"], ["理事长", hv11.CONTACT_POST],
                                                          ["13800000000", "0731-84000000"], ["", "a@b.cn"]]
    assert cells[0] == ["项目名称", "测试学术年会", "测试学术年会"]  # the value merged over both columns
    assert len(table.rows[0]._tr.tc_lst) == 2 and len(table.rows[at + 1]._tr.tc_lst) == 3


def test_sliver_grid_cuts_labels_over_two_cells() -> None:
    """A converter's grid: every label's two halves in two cells, values merged over the columns
    left, an empty sliver cell at the start or the end of a full row, a person and a phone in one
    row; no cell holds a whole label."""
    from benchmarks.gencorpus import holdout_variants_11 as hv11

    _, doc = _eleventh_doc("sliver_grid")
    table = doc.tables[0]
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    assert len(grid) == len(hv11.SLIVER_WIDTHS) == 10
    widths = [int(g.get(qn("w:w"))) for g in grid]
    assert min(widths) < 150 < max(widths)  # slivers under 0.27 cm beside columns of several cm
    rows = []
    for tr in table._tbl.tr_lst:
        rows.append([(_runs_text(tc), int(tc.tcPr.find(qn("w:gridSpan")).get(qn("w:val")))
                      if tc.tcPr is not None and tc.tcPr.find(qn("w:gridSpan")) is not None else 1)
                     for tc in tr.tc_lst])
    labels = ["".join(text for text, _ in row[:2]) for row in rows]
    assert labels[:4] == ["项目名称", "项目类别", "申报单位", "单位类型"]
    assert rows[0][:2] == [("项目", 1), ("名称", 1)] and ("测试学术年会", 7) in rows[0]
    assert any(row[2] == ("", 1) for row in rows) and any(row[-1] == ("", 1) for row in rows)
    person = next(row for row in rows if row[0][0] == "项目负")
    assert person == [("项目负", 1), ("责人", 1), ("王伟", 3), ("负责人", 1), ("手机", 1), ("13800000000", 3)]
    contact = next(row for row in rows if row[0][0] == "项目联")
    assert [text for text, _ in contact] == ["项目联", "系人", "李娜", "联系", "电话", "0731-84000000"]
    whole = {"项目名称", "项目负责人", "负责人手机", "联系电话", "电子邮箱", "起止时间", "申报单位"}
    assert not [text for row in rows for text, _ in row if text in whole]


def test_ruled_paragraphs_draw_a_table_without_one() -> None:
    """No table in the basic part: one paragraph per field, label⇥value, boxed by paragraph
    borders (with the rule between paragraphs) and a bar tab for the rule between label and
    value, the value's tab and hanging indent at the same place; option lists on line breaks."""
    _, doc = _eleventh_doc("ruled_paragraphs", checkbox="ballot")
    body = list(doc.element.body.iterchildren())
    start = _body_index(doc, "一、基本情况")
    end = _body_index(doc, "二、项目主要内容")
    part = body[start + 1:end]
    assert part and all(el.tag == qn("w:p") for el in part)
    fields = {}
    for p in part:
        ppr = p.find(qn("w:pPr"))
        sides = {c.tag for c in ppr.find(qn("w:pBdr"))}
        assert sides == {qn(f"w:{s}") for s in ("top", "left", "bottom", "right", "between")}
        tabs = [(t.get(qn("w:val")), int(t.get(qn("w:pos")))) for t in ppr.find(qn("w:tabs"))]
        assert [v for v, _ in tabs] == ["bar", "left"] and tabs[0][1] < tabs[1][1]
        ind = ppr.find(qn("w:ind"))
        assert int(ind.get(qn("w:left"))) == int(ind.get(qn("w:hanging"))) == tabs[1][1]
        children = [c.tag for c in ppr]
        assert children.index(qn("w:pBdr")) < children.index(qn("w:tabs")) < children.index(qn("w:ind"))
        typed = "".join(t.text or "" if t.tag == qn("w:t") else "\t" if t.tag == qn("w:tab") else "\n"
                        for r in p.iter(qn("w:r")) for t in r if t.tag in (qn("w:t"), qn("w:tab"), qn("w:br")))
        label, _, value = typed.partition("\t")
        fields[label] = value
    assert fields["项目名称"] == "测试学术年会" and fields["联系电话"] == "0731-84000000"
    assert fields["项目类别"].startswith("科技创新服务能力建设项目：\n☑学术交流")


def test_row_tables_paste_each_row_as_a_table() -> None:
    """Each field a one-row table (a person with their phone: four cells), an empty paragraph
    between two tables, the label columns of uneven widths."""
    _, doc = _eleventh_doc("row_tables")
    body = list(doc.element.body.iterchildren())
    start, end = _body_index(doc, "一、基本情况"), _body_index(doc, "二、项目主要内容")
    tables = [el for el in body[start:end] if el.tag == qn("w:tbl")]
    assert len(tables) == 9  # four of the project and the unit, two people, e-mail, amount, period
    for tbl in tables:
        assert len(tbl.tr_lst) == 1
        after = tbl.getnext()
        assert after.tag == qn("w:p") and not _runs_text(after)
    cells = [[_runs_text(tc) for tc in tbl.tr_lst[0].tc_lst] for tbl in tables]
    assert cells[0] == ["项目名称", "测试学术年会"]
    assert ["项目负责人", "王伟", "负责人手机", "13800000000"] in cells
    assert ["项目联系人", "李娜", "联系电话", "0731-84000000"] in cells
    firsts = {int(tbl.tblGrid.findall(qn("w:gridCol"))[0].get(qn("w:w"))) for tbl in tables}
    assert len(firsts) > 1


def test_boxes_after_the_options() -> None:
    text = _category_doc("box_after").tables[0].rows[0].cells[0].text
    assert "学会服务站建设☑" in text and text.count("☑") == 1 and text.count("□") == 8
    assert not [line for line in text.split("\n") if re.search("[☑□][\u4e00-\u9fff“]", line)]  # none before


def test_activex_check_boxes_are_controls_with_captions() -> None:
    """Nine Forms 2.0 check box controls: each a w:object with its picture and a w:control naming
    an ActiveX part of its own whose property bag holds Value and Caption (the option); only the
    chosen option's Value is 1; no option and no box is text of the document."""
    from lxml import etree

    doc = _category_doc("activex_checkbox")
    tc = doc.tables[0].rows[0].cells[0]._tc
    states = []
    ax = "{http://schemas.microsoft.com/office/2006/activeX}"
    parts = set()
    for obj in tc.iter(qn("w:object")):
        control = obj.find(qn("w:control"))
        shape = obj.find("{urn:schemas-microsoft-com:vml}shape")
        assert control is not None and shape is not None and control.get(qn("w:shapeid")) == shape.get("id")
        part = doc.part.related_parts[control.get(qn("r:id"))]
        assert part.content_type == "application/vnd.ms-office.activeX+xml"
        assert str(part.partname).startswith("/word/activeX/activeX")
        parts.add(str(part.partname))
        root = etree.fromstring(part.blob)
        assert root.get(f"{ax}classid") == "{8BD21D40-EC42-11CE-9E0D-00AA006002A5}"
        props = {p.get(f"{ax}name"): p.get(f"{ax}value") for p in root.findall(f"{ax}ocxPr")}
        states.append((props["Caption"], props["Value"]))
        picture = doc.part.related_parts[shape.find("{urn:schemas-microsoft-com:vml}imagedata").get(qn("r:id"))]
        assert picture.content_type == "image/png"
    assert len(states) == len(parts) == 9
    assert [c for c, v in states if v == "1"] == ["学会服务站建设"]
    assert {v for c, v in states if c != "学会服务站建设"} == {"0"}
    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
    assert "学会服务站建设" not in text and "学术交流" not in text and not re.search("[☑☐□√]", text)
    data = io.BytesIO()
    doc.save(data)
    with zipfile.ZipFile(io.BytesIO(data.getvalue())) as zf:
        assert "application/vnd.ms-office.activeX+xml" in zf.read("[Content_Types].xml").decode("utf-8")


_WPS_NS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_A_NS = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def test_freeform_tick_is_a_shape_over_the_chosen_box() -> None:
    """One freeform shape (a custom geometry of two strokes, an outline and no fill) floats in
    front of the text, anchored right before the chosen option's □; every option keeps its □ and
    no √ is text."""
    doc = _category_doc("freeform_tick")
    runs = _option_runs(doc)
    drawn = [i for i, r in enumerate(runs) if r.find(f".//{_WPS_NS}wsp") is not None]
    assert len(drawn) == 1
    shape = runs[drawn[0]].find(f".//{_WPS_NS}wsp")
    props = shape.find(f"{_WPS_NS}spPr")
    assert props.find(f"{_A_NS}prstGeom") is None and props.find(f"{_A_NS}noFill") is not None
    path = props.find(f"{_A_NS}custGeom/{_A_NS}pathLst/{_A_NS}path")
    assert [c.tag.split("}")[1] for c in path] == ["moveTo", "lnTo", "lnTo"]
    assert props.find(f"{_A_NS}ln/{_A_NS}solidFill") is not None and shape.find(f"{_WPS_NS}txbx") is None
    assert runs[drawn[0]].find(f".//{{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}}wrapNone") \
        is not None
    assert _runs_text(runs[drawn[0] + 1]).startswith("□学会服务站建设")
    text = doc.tables[0].rows[0].cells[0].text
    assert text.count("□") == 9 and "√" not in text


def test_equation_tick_is_an_equation_before_the_chosen_option() -> None:
    doc = _category_doc("equation_tick")
    tc = doc.tables[0].rows[0].cells[0]._tc
    m = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
    maths = list(tc.iter(f"{m}oMath"))
    assert len(maths) == 1
    assert "".join(t.text or "" for t in maths[0].iter(f"{m}t")) == "√"
    fonts = maths[0].find(f"{m}r/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == "Cambria Math"
    assert _runs_text(maths[0].getnext()).startswith("学会服务站建设")
    text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
    assert text.count("□") == 8 and "√" not in text and "□学会服务站建设" not in text


def test_eleventh_set_decorations_show_in_the_document() -> None:
    """The e-mail's @ written out, 无 in the template's 联合申报单位 row and for a phone not given
    (no 无 where a unit has partners and every value is given), a name with its 间隔号 and an
    extension as typed, the amount in 元 under a label that says so."""
    from benchmarks.gencorpus import holdout_variants_11 as hv11

    decos = ("email_at_word", "wu_for_empty")
    app = _app(leader_phone=None, leader_name="阿依古丽·艾海提", contact_phone="0731-84000000转8012")
    _, doc = _eleventh_doc("header_row", value_decos=decos, decorations=decos, app=app, funding="yuan_2dp_label")
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    at = cells.index(["联合申报单位"] * 4)
    mark = hv11.empty_text("", decos, app.aid)
    assert cells[at + 1] == [mark] * 4
    people = cells[cells.index(["项目负责人", "负责人手机", "联系人", "联系人电话"]) + 1]
    assert people == ["阿依古丽·艾海提", mark, "李娜", "0731-84000000转8012"]
    last = cells[-1]
    assert last[0] == hv11.email_text("a@b.cn", "a@b.cn", decos) != "a@b.cn"
    assert last[2] == "80,000.00" and cells[-2][2] == "申请经费（元）"
    budget = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    assert budget.rows[0].cells[2].text == "金额（元）"
    _, joint = _eleventh_doc("header_row", value_decos=decos, decorations=decos,
                             app=_app(partners=("湖南省甲学会",)))
    texts = _paragraph_texts(joint)
    assert "无" not in texts and "/" not in texts and "湖南省测试学会、湖南省甲学会" not in texts
    assert any("参与单位：湖南省甲学会" in t for t in texts)


@pytest.fixture(scope="module")
def dev11(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev11")
    # Dev draws the eleventh set too: seed 16 gives Word files (.docx and .doc) sent with their
    # scans, and a .docx named .doc and a Word 97 file named .docx (and, with the fifteenth to the
    # twentieth set drawn too, no winmail.dat, no form's fields in a body, no locked archive, no
    # name without its extension and no archive in volumes; found by a search over plans).
    write_corpus(out, "dev", 14, seed=16)
    return out


def test_word_files_sent_with_their_scans_or_under_the_other_name(dev11: Path) -> None:
    """Every file of a row is in its mail. A Word file sent with its scan: both files in the mail
    and in the row, the scan an image-only PDF of the form's first pages; a misnamed form: a .doc
    name holding a .docx package (the project name in it), a .docx name holding a Word 97 file,
    each typed by its name."""
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS

    msgs = _messages(dev11)
    scanned: set[str] = set()
    misnamed: set[str] = set()
    for row in _truth(dev11):
        if not row["electronic"]:
            continue
        parts = _attachment_parts(msgs[row["message_id"]])
        # Every file of the row is in its mail (an archive's members in the archive, a forwarded
        # message/rfc822 part's message as parsed).
        assert not [f["name"] for f in row["files"] if not f.get("in_zip") and f["sha256"] not in parts
                    and not f["name"].endswith(".eml")]
        if row["kind"] != "application" or row["fields"]["project_name"] is None:
            continue
        decos, fmt = row["tags"]["decorations"], row["tags"]["format"]
        forms = [f for f in row["files"] if f["role"] == "form" and not f.get("in_zip")]
        # (A mail's files are every form's: a second form of the mail has its own.)
        if "word_and_scan" in decos:
            scans = [f for f in forms if f["name"].endswith(".pdf") and f.get("accept_roles") == ["form", "attachment"]]
            # (A Word file saved as a template or a macro-enabled document, the seventeenth set's, is one too.)
            assert scans and [f for f in forms if f["name"].endswith((".docx", ".doc", ".wps", ".dotx", ".docm"))]
            for scan in scans:
                pdf = pdfium.PdfDocument(parts[scan["sha256"]][1])
                assert 1 <= len(pdf) <= 4 and pdf[0].get_size()[0] > 500
                assert "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf))).strip() == ""
                pdf.close()
            scanned.add(fmt)
        if "misnamed_ext" in decos:
            sent = [parts[f["sha256"]] for f in forms if f["name"].endswith(".doc" if fmt == "docx" else ".docx")]
            # (Typed by its name, or as octet-stream by the clients that type every file so; a
            # screenshot's or a worksheet's values are no text of the document.)
            pictured = row["tags"]["layout"] in PICTURE_LAYOUTS | SHEET_LAYOUTS
            if fmt == "docx":  # a .docx package under a .doc name
                assert [data for typed, data in sent if data[:2] == b"PK"
                        and typed in ("application/msword", "application/octet-stream")
                        and (pictured or _flat(row["fields"]["project_name"]) in _flat(_docx_all_text(data)))]
            else:  # a Word 97 file under a .docx name
                assert fmt == "doc" and [data for typed, data in sent if typed in (_DOCX_MIME, "application/octet-stream")
                                         and data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")]
            misnamed.add(fmt)
    assert scanned >= {"docx", "doc"} and misnamed == {"docx", "doc"}, (scanned, misnamed)


_DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachment_parts(msg: EmailMessage) -> dict[str, tuple[str, bytes]]:
    """The files `msg` carries by their SHA-256: (content type, bytes), a forwarded message's
    own ones too (a message/rfc822 part or a saved .eml file)."""
    out: dict[str, tuple[str, bytes]] = {}
    for part in msg.iter_attachments():
        if part.get_content_type() == "message/rfc822" and part.get_payload(decode=True) is None:
            payload = part.get_payload()
            assert isinstance(payload, list) and len(payload) == 1
            carried = payload[0]
            assert isinstance(carried, EmailMessage)
            out |= _attachment_parts(carried)
            continue
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        out[hashlib.sha256(data).hexdigest()] = (part.get_content_type(), data)
        if str(part.get_filename()).lower().endswith(".eml"):
            saved = email.message_from_bytes(data, policy=email.policy.default)
            assert isinstance(saved, EmailMessage)
            out |= _attachment_parts(saved)
    return out


def test_eleventh_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The eleventh set printed by LibreOffice: every value is there to read (a name with its
    间隔号, a phone with its extension, the e-mail as written); boxes after their options; a drawn
    tick as a path over the chosen box; 无 in the 联合申报单位 row; the amount in 元 under its
    label; quarters and 旬 as written; each field of the ruled paragraphs and the pasted rows on
    a line of its own."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_11 as hv11

    wanted = (set(hv11.LAYOUTS) | {"box_after", "freeform_tick", *hv11.FUNDINGS, *hv11.DATES}
              | {"name_middle_dot", "phone_extension", "email_at_word", "wu_for_empty"})
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv11.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text + cells)
        look = f.look
        if look.checkbox == "box_after":
            assert _flat(f.app.applicant_type + "☑") in flat or _flat(f.app.subcategory + "☑") in flat
        if look.funding == "yuan_2dp_label":
            # (A label wrapped in its frame, a footnote's number after it, reads with the amount
            # printed beside it between its halves: 申请经费 70,000.00 （元）①.)
            assert re.search(r"申请(经费|金额)([\d,.]+)?\(元\)", flat), look.layout
        if look.funding == "jiao_fen":
            assert "零角零分" in flat
        if "wu_for_empty" in look.decorations and not f.app.partners and look.layout in hv11.LAYOUTS:
            assert re.search("联合申报单位[无/]", flat), look.layout
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            lines = [line for p in pdf.pages for line in (p.extract_text() or "").splitlines()]
            if look.checkbox == "freeform_tick" and "watermark" not in look.decorations:
                # The strokes of a tick: a path drawn where a □ is printed, one per chosen option.
                boxes = [(p, c) for p in pdf.pages for c in p.chars if c["text"] == "□"]
                paths = [(p, c) for p in pdf.pages for c in p.curves + p.lines
                         if c.get("stroking_color") not in (None, 0, (0,), (0, 0, 0), [0, 0, 0])]
                near = [1 for page, path in paths for bpage, box in boxes if page == bpage
                        and path["x0"] - 4 <= box["x0"] <= path["x1"] and path["top"] - 6 <= box["top"] <= path["bottom"]]
                assert near, look.layout
        if look.layout in ("ruled_paragraphs", "row_tables"):
            for label, value in (("项目名称", f.app.project_name), ("申报单位", f.app.applicant_org)):
                assert any(_flat(line).startswith(_flat(label)) for line in lines), label


# ---------------------------------------------------------------------------- the twelfth held-out set

def test_twelfth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import category_text, funding_label, type_text

    def fund(wan: float, style: str, aid: str = "A-1") -> str:
        return hv12.funding_text(_app(funding_wan=wan, aid=aid), style)

    typed = {fund(w, "year_prefixed", f"A-{k}") for w in (8.0, 7.5) for k in range(12)}
    assert typed == {"2024年度8万元", "2024年申请8万元", "2024年度：8万元", "2024年度7.5万元", "2024年申请7.5万元",
                     "2024年度：7.5万元"}
    assert {fund(8.0, "see_budget", f"A-{k}") for k in range(12)} == {"详见经费预算表", "见“三、经费预算”",
                                                                      "详见经费预算表（合计）"}
    assert funding_label("year_prefixed") == funding_label("see_budget") == "申请经费"
    app = _app(start=date(2024, 5, 1), end=date(2024, 12, 31))
    assert hv12.period_text(app, "compact_days") == "20240501-20241231"
    assert hv12.period_text(app, "with_weekday") == "2024年5月1日（星期三）至2024年12月31日（星期二）"
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv12.period_text(late, "with_weekday") == "2024年3月1日（星期五）至2025年6月30日（星期一）"
    assert hv12.period_text(late, "compact_days") == "20240301-20250630"
    assert hv12.option_text(True, "学术交流", "tick_picture") == "[tickpic]□学术交流"
    assert plain(hv12.option_text(True, "学术交流", "tick_picture")) == "√□学术交流"
    assert hv12.option_text(False, "学术交流", "tick_picture") == "□学术交流"
    assert hv12.option_text(True, "学术交流", "emoji_tick") in ("☑\ufe0f学术交流", "✔\ufe0f学术交流")
    assert hv12.option_text(False, "学术交流", "emoji_tick") == "□学术交流"
    assert hv12.option_text(False, "学术交流", "others_removed") == ""
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    assert category_text(station, "others_removed") == "科技创新服务能力建设项目：\n□学会服务站建设"
    assert category_text(_app(subcategory="学会制度机制建设"), "others_removed") == "学会自身能力建设项目：\n□学会制度机制建设"
    assert type_text(station, "others_removed") == "□市州科协"
    assert hv12.ditto_name("A-1") in ("同负责人", "同项目负责人", "同上（项目负责人）")
    assert hv12.ditto_phone("A-1", "13800000000") in ("同负责人手机", "13800000000")
    assert {hv12.ditto_phone(f"A-{k}", "13800000000") for k in range(12)} == {"同负责人手机", "13800000000"}
    assert hv12.post_name(_app(), "王伟") in ("理事长 王伟", "理事长　王伟", "理事长王伟")
    assert hv12.squeezed("湖南省\n光学学会") == "[sq]湖南省[/sq]\n[sq]光学学会[/sq]"
    assert plain(hv12.squeezed("湖南省光学学会")) == "湖南省光学学会"
    assert hv12.struck("10万元", "8万元") == "[s]10万元[/s]8万元"
    assert hv12.checkbox_for("others_removed", "cb_matrix", "A-1") in ("ballot", "tick_replace", "square")
    assert hv12.checkbox_for("others_removed", "header_row", "A-1") == "others_removed"
    for layout in ("textbox_frame", "textbox_grid", "converted_frames", "scan_background"):
        assert hv12.checkbox_for("tick_picture", layout, "A-1") in ("ballot", "tick_replace", "heavy_check")
    for box in ("ring_shape", "floating_tick", "freeform_tick"):
        assert hv12.checkbox_for(box, "scan_background", "A-1") in ("ballot", "tick_replace", "heavy_check")
        assert hv12.checkbox_for(box, "text_grid", "A-1") == box
    assert hv12.checkbox_for("tick_picture", "header_row", "A-1") == "tick_picture"
    assert hv12.funding_for("see_budget", "scan_pdf", "A-1") in ("wan", "yuan", "daxie")
    assert hv12.funding_for("see_budget", "photo_jpg", "A-1") in ("wan", "yuan", "daxie")
    assert hv12.funding_for("see_budget", "pdf", "A-1") == "see_budget"
    ditto = _app(contact_name="王伟", contact_phone="13800000000")
    assert hv12.is_ditto(ditto) and not hv12.is_ditto(_app()) and not hv12.is_ditto(
        _app(contact_name="王伟", contact_phone="13800000000", leader_phone=None))
    assert hv12.cells("│项目名称　□☑\ufe0f 8万元") == 2 + 8 + 2 + 2 + 2 + 0 + 1 + 1 + 4
    assert hv12.wrap("□学术交流  □科技创新联盟建设  □学会服务站建设", 30) == ["□学术交流  □科技创新联盟建设", "□学会服务站建设"]
    assert hv12.wrap("[b]甲乙丙[/b]丁戊", 7) == ["[b]甲乙丙[/b]", "丁戊"]  # a span is not cut where it fits a line
    assert hv12.wrap("[b]甲乙丙丁[/b]", 4) == ["[b]甲乙", "丙丁[/b]"]


def test_twelfth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: a contact who is the leader is the leader
    (his name and mobile, never 同负责人: the applications' own, `people`, on both splits now that
    dev draws the set too), the amount in 万元 (the budget's 合计 where the form sends the reader
    there, never last round's struck figure), the period's days (no weekday), the leader's name
    without the post before it; each of the set's amount, period and decoration writings is drawn."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus.forms import budget_lines
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    ditto = dict.fromkeys(("heldout", "dev"), 0)
    plans = ((split, seed) for split in ("heldout", "dev") for seed in (4, 6))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 180, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            assert fields["project_name"] == f.app.project_name and fields["applicant_org"] == f.app.applicant_org
            assert fields["leader_name"] == f.app.leader_name and fields["contact_email"] == f.app.contact_email
            assert fields["contact_name"] == f.app.contact_name and fields["contact_phone"] == f.app.contact_phone
            assert "同" not in fields["contact_name"] and not str(fields["contact_phone"]).startswith("同")
            assert fields["funding_wan"] == f.app.funding_wan
            if "contact_ditto" in f.look.decorations:
                ditto[split] += 1
                assert fields["contact_name"] == fields["leader_name"]
                # (A superseded version that lacks the leader's mobile gives the contact's in full.)
                assert fields["contact_phone"] == fields["leader_phone"] or f.version == "superseded"
            if f.look.funding == "see_budget":
                assert sum(a for _, a in budget_lines(f.app)) == round(fields["funding_wan"] * 10000)
            if f.look.dates in hv12.DATES:
                assert fields["start_date"] == f.app.start.isoformat() and fields["end_date"] == f.app.end.isoformat()
    names = {*hv12.FUNDINGS, *hv12.DATES, *hv12.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)
    assert min(ditto.values()) >= 10, ditto


def test_twelfth_set_variants_are_drawn_where_they_show() -> None:
    """No pasted tick in a text box or a frame, no lone empty box in a selection column; the
    amount sent to the budget only in forms that carry it; 同负责人 only for a contact who is the
    leader and never in prose or the sign-off lines; a post before a plain name only where no
    cell holds the post; a struck figure only before a short amount in typed text; an HTML export
    only of a Word 97 form that HTML shows, with nothing a person's Word file has; pictures in
    the body only of phone photos, never in a forwarded message (on both splits, now that dev
    draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus.forms import form_blocks

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    plans = (("heldout", 3), ("heldout", 4), ("dev", 3), ("dev", 4))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 300, seed)):
        for f in (f for f in m.forms if f.fmt != "none"):
            decos = set(f.look.decorations)
            seen[split] |= decos | {f.look.checkbox, f.look.layout, f.look.funding, f.look.dates}
            if f.look.checkbox == "tick_picture":
                assert f.look.layout not in ("textbox_frame", "textbox_grid", "converted_frames", "scan_background")
            if f.look.checkbox == "others_removed":
                assert f.look.layout != "cb_matrix"
            if f.look.funding == "see_budget":
                assert f.fmt not in ("scan_pdf", "photo_jpg")
            # (A superseded version may lack the leader's mobile: its contact is the leader still.)
            if hv12.is_ditto(f.app) and f.look.layout not in ("prose_letter", "people_in_signatures"):
                assert "contact_ditto" in decos
            if "contact_ditto" in decos:
                assert f.app.contact_name == f.app.leader_name and "contact_role" not in decos
                assert f.look.layout not in ("prose_letter", "people_in_signatures")
            if "post_before_name" in decos:
                assert f.look.name_deco == "plain" and f.look.layout not in hv12._POST_LAYOUTS
                assert not decos & {"name_title", "hint_left_in", "tracked_fill", "merge_fields", "distributed_names"}
            if "struck_old_value" in decos:
                assert f.look.layout not in ("alt_cols", "table_screenshot", "excel_object")
                assert f.look.funding not in ("with_total", "wan_breakdown", "tranches", "see_budget")
                assert "funding_revised" not in decos
            if "squeezed_text" in decos:
                assert f.look.layout not in ("table_screenshot", "excel_object")
            if "html_doc" in decos:
                assert f.fmt == "doc" and not decos & {"misnamed_ext", "word_and_scan", "app_default_names",
                                                       "tracked_fill", "comments_left", "hidden_example"}
                assert hv12.html_ok(form_blocks(f.app, f.look))
            if "body_pictures" in decos:
                assert f.fmt == "photo_jpg" and m.forwarded is None
            if f.look.layout == "scan_background":
                assert "footnote_marks" not in decos
                assert f.look.checkbox not in ("tick_picture", "ring_shape", "floating_tick", "freeform_tick")
    names = set().union(*_variant_names(hv12).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _twelfth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


def _between(doc: Any, first: str, last: str) -> list[Any]:
    body = list(doc.element.body.iterchildren())
    return body[_body_index(doc, first) + 1:_body_index(doc, last)]


def test_text_grid_draws_the_table_with_box_drawing_characters() -> None:
    """No table in the basic part: lines of a fixed-width font, every one of them as many cells
    wide, ruled and bordered with box-drawing characters; each label and value between │s, a
    value's further lines below it with the label's cell empty."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12

    _, doc = _twelfth_doc("text_grid", checkbox="ballot")
    part = _between(doc, "一、基本情况", "二、项目主要内容")
    assert part and all(el.tag == qn("w:p") for el in part)
    lines = [_runs_text(p) for p in part]
    assert lines[0].startswith("┌") and lines[0].endswith("┐") and lines[-1].startswith("└")
    assert all(line[0] in "┌│├└" and line[-1] in "┐│┤┘" for line in lines)
    assert len({hv12.cells(line) for line in lines}) == 1
    rows = [[cell.strip(" 　") for cell in line.strip("│").split("│")] for line in lines if line.startswith("│")]
    assert ["项目名称", "测试学术年会"] in rows and ["负责人手机", "13800000000"] in rows
    assert ["电子邮箱", "a@b.cn"] in rows and ["项目联系人", "李娜"] in rows
    at = rows.index(["项目类别", "科技创新服务能力建设项目："])
    assert rows[at + 1][0] == "" and rows[at + 1][1].startswith("☑学术交流")
    sizes = {int(sz.get(qn("w:val"))) for p in part for sz in p.iter(qn("w:sz"))}
    fonts = {f.get(qn("w:eastAsia")) for p in part for f in p.iter(qn("w:rFonts"))}
    assert sizes == {15} and fonts == {"新宋体"}
    long = hv12.grid_lines([("项目名称", "甲" * 60)])
    assert len(long) == 4 and [hv12.cells(line) for line in long] == [hv12.GRID_WIDTH] * 4


def test_people_in_signatures_name_the_people_at_the_foot_only() -> None:
    """The basic table names no person; the leader, the contact, their phones and the e-mail are
    in the sign-off lines after the units' opinions."""
    _, doc = _twelfth_doc("people_in_signatures")
    labels = [row.cells[0].text for row in doc.tables[0].rows]
    assert labels == ["项目名称", "项目类别", "申报单位", "单位类型", "申请经费", "起止时间"]
    texts = _paragraph_texts(doc)
    review = max(i for i, t in enumerate(texts) if t == "五、市州科协审核意见")
    assert not [t for t in texts[:review] if "王伟" in t or "李娜" in t or "a@b.cn" in t]
    tail = [t for t in texts[review:] if t.strip()]
    assert "项目负责人（签字）：王伟　　　　手机：13800000000" in tail
    assert "填表人（项目联系人）：李娜　　　　联系电话：0731-84000000" in tail and "电子邮箱：a@b.cn" in tail


def test_scan_background_types_the_values_over_a_scanned_form() -> None:
    """The basic part is a picture behind the text, placed from the page's corner, and a frame
    per value, page-anchored over the picture one below the other; no label is text (the labels
    are the scan's pixels), and the page is the part's alone."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12

    _, doc = _twelfth_doc("scan_background")
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    anchors = [a for a in doc.element.body.iter(f"{wp}anchor") if a.get("behindDoc") == "1"]
    assert len(anchors) == 1
    anchor = anchors[0]
    assert {p.get("relativeFrom") for p in (anchor.find(f"{wp}positionH"), anchor.find(f"{wp}positionV"))} == {"page"}
    blip = next(anchor.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip"))
    picture = doc.part.related_parts[blip.get(qn("r:embed"))]
    assert picture.content_type == "image/jpeg"
    top = int(anchor.find(f"{wp}positionV").find(f"{wp}posOffset").text) / 360000
    height = int(anchor.find(f"{wp}extent").get("cy")) / 360000
    frames: list[tuple[float, str]] = []
    for p in doc.element.body.iter(qn("w:p")):
        pr = p.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
        if pr is not None:
            assert pr.get(qn("w:vAnchor")) == pr.get(qn("w:hAnchor")) == "page"
            frames.append((int(pr.get(qn("w:y"))) / 567, _runs_text(p)))
    ys = sorted({y for y, _ in frames})
    assert top < ys[0] and ys[-1] < top + height and len(ys) == 11  # one frame per value, each in its row
    values = [text for _, text in frames]
    assert values[0] == "测试学术年会" and "13800000000" in values and "a@b.cn" in values and "8万元" in values
    texts = "".join(_paragraph_texts(doc))
    assert not [label for label in ("项目名称", "项目类别", "项目负责人", "负责人手机", "电子邮箱", "起止时间")
                if label in texts]
    after = anchor.getparent()
    while after.tag != qn("w:body") and after.getparent().tag != qn("w:body"):
        after = after.getparent()
    following = list(after.itersiblings())
    assert any(_breaks_page(el) for el in following[:len(frames) + 2])


def test_side_by_side_people_put_two_cards_in_a_borderless_table() -> None:
    """The leader's and the contact's cards are two small tables in the two cells of a one-row
    table without rules."""
    _, doc = _twelfth_doc("side_by_side_people")
    outer = next(t for t in doc.tables if len(t.rows) == 1 and len(t.rows[0].cells) == 2)
    borders = outer._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"nil"}
    cards = [[[c.text for c in r.cells] for r in cell.tables[0].rows] for cell in outer.rows[0].cells]
    assert cards[0][0][0] == "项目负责人" and ["姓　名", "王伟"] in cards[0] and ["手　机", "13800000000"] in cards[0]
    assert cards[1][0][0] == "项目联系人" and ["姓　名", "李娜"] in cards[1] and ["电子邮箱", "a@b.cn"] in cards[1]
    tables = [[r.cells[0].text for r in t.rows] for t in doc.tables]
    assert ["申请经费", "起止时间"] in tables


def test_tick_picture_floats_over_the_chosen_box() -> None:
    """One picture floats in front of the text (wrapNone), anchored right before the chosen
    option's □; every option keeps its □ and no mark is text."""
    doc = _category_doc("tick_picture")
    runs = _option_runs(doc)
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    drawn = [i for i, r in enumerate(runs) if r.find(f".//{wp}anchor") is not None]
    assert len(drawn) == 1
    anchor = runs[drawn[0]].find(f".//{wp}anchor")
    assert anchor.get("behindDoc") == "0" and anchor.find(f"{wp}wrapNone") is not None
    assert anchor.find(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic") is not None
    assert _runs_text(runs[drawn[0] + 1]).startswith("□学会服务站建设")
    text = doc.tables[0].rows[0].cells[0].text
    assert text.count("□") == 9 and not re.search("[√☑✔]", text)


def test_others_removed_leave_the_chosen_option_with_its_empty_box() -> None:
    text = _category_doc("others_removed").tables[0].rows[0].cells[0].text
    assert text == "科技创新服务能力建设项目：\n□学会服务站建设"


def test_emoji_tick_replaces_the_chosen_box_with_a_variation_selector() -> None:
    text = _category_doc("emoji_tick").tables[0].rows[0].cells[0].text
    assert re.search("[☑✔]\ufe0f学会服务站建设", text) and text.count("□") == 8 and text.count("\ufe0f") == 1


def test_twelfth_set_decorations_show_in_the_document() -> None:
    """The project and the unit squeezed (字符缩放 and 紧缩 on their runs), last round's amount
    struck through right before the amount, the post before the leader's name, 同负责人 for the
    contact who is the leader."""
    decos = ("squeezed_text", "struck_old_value", "post_before_name", "contact_ditto")
    app = _app(contact_name="王伟", contact_phone="13800000000")
    _, doc = _twelfth_doc("header_row", value_decos=decos, decorations=decos, app=app)
    body = doc.element.body
    squeezed = [r for r in body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:w')}") is not None]
    assert "".join(_runs_text(r) for r in squeezed) == "测试学术年会湖南省测试学会"
    for r in squeezed:
        rpr = r.find(qn("w:rPr"))
        assert rpr.find(qn("w:w")).get(qn("w:val")) == "72" and int(rpr.find(qn("w:spacing")).get(qn("w:val"))) < 0
        children = [c.tag for c in rpr]
        assert children.index(qn("w:spacing")) < children.index(qn("w:w"))
    struck = [r for r in body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:strike')}") is not None]
    assert [_runs_text(r) for r in struck] == ["10万元"]
    assert _runs_text(next(struck[0].itersiblings(qn("w:r")))) == "8万元"
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    people = cells[cells.index(["项目负责人", "负责人手机", "联系人", "联系人电话"]) + 1]
    assert people[0] in ("理事长 王伟", "理事长　王伟", "理事长王伟")
    assert people[2] in ("同负责人", "同项目负责人", "同上（项目负责人）") and people[3] in ("同负责人手机", "13800000000")


@pytest.fixture(scope="module")
def dev12(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev12")
    # Dev draws the twelfth set too: seed 1145 gives a Word 97 form a 申报系统 exported as HTML, and
    # phone photos pasted into a body (and, with the fifteenth set drawn too, no winmail.dat nor a
    # form's fields in a body; with the eighteenth set drawn too, few seeds hold both in 14 mails).
    write_corpus(out, "dev", 14, seed=1145)
    return out


def _all_parts(msg: EmailMessage) -> dict[str, tuple[Any, bytes]]:
    """Every leaf part of `msg` by its bytes' SHA-256: (the part, its bytes), a forwarded
    message's too."""
    out: dict[str, tuple[Any, bytes]] = {}
    for part in msg.walk():
        if part.is_multipart():
            continue
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            carried = payload[0] if isinstance(payload, list) else None
            if isinstance(carried, EmailMessage):
                out |= _all_parts(carried)
            continue
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        out[hashlib.sha256(data).hexdigest()] = (part, data)
        if str(part.get_filename()).lower().endswith(".eml"):
            saved = email.message_from_bytes(data, policy=email.policy.default)
            assert isinstance(saved, EmailMessage)
            out |= _all_parts(saved)
    return out


def test_html_exports_and_pictures_in_the_body_are_in_their_mails(dev12: Path) -> None:
    """Every file of a row is in its mail. A 申报系统's export: a .doc name holding HTML in Word's
    namespaces, in the charset its meta names, the form's values in it; photos pasted into the
    body: inline image parts of a multipart/related whose HTML shows each by its Content-ID, none
    an attachment of the mail, each a file of the row."""
    msgs = _messages(dev12)
    exported = pictured = 0
    for row in _truth(dev12):
        if not row["electronic"]:
            continue
        msg = msgs[row["message_id"]]
        parts = _all_parts(msg)
        # (Outlook's winmail.dat, the fifteenth set's, holds a mail's files: they are the mail's too.)
        tnef = _tnef_files({sha: data for sha, (_, data) in parts.items()})
        assert not [f["name"] for f in row["files"] if not f.get("in_zip") and f["sha256"] not in parts
                    and f["sha256"] not in tnef and not f["name"].endswith(".eml")]
        if row["kind"] != "application" or row["fields"]["project_name"] is None:
            continue
        decos = row["tags"]["decorations"]
        if "html_doc" in decos:
            (doc,) = [parts[f["sha256"]] for f in row["files"] if f["name"].endswith(".doc") and f["role"] == "form"]
            part, data = doc
            # (Typed by its name, or as octet-stream by the clients that type every file so.)
            assert part.get_content_type() in ("application/msword", "application/octet-stream")
            assert data.lstrip()[:5].lower() == b"<html"
            charset = re.search(rb"charset=([\w-]+)", data)
            assert charset is not None and charset.group(1).decode() in ("gb2312", "gbk", "utf-8")
            page = data.decode(charset.group(1).decode())
            assert 'xmlns:w="urn:schemas-microsoft-com:office:word"' in page and "content=Word.Document" in page
            from html import unescape

            text = _flat(unescape(re.sub(r"<[^>]+>", "", page)))
            fields = row["fields"]
            assert _flat(fields["project_name"]) in text and _flat(fields["applicant_org"]) in text
            assert _flat(fields["leader_name"]) in text and "<table" in page
            exported += 1
        if "body_pictures" in decos:
            inline = [f for f in row["files"] if f.get("inline")]
            assert inline and row["tags"]["format"] == "photo_jpg"
            attached = {hashlib.sha256(payload).hexdigest() for a in msg.iter_attachments()
                        if isinstance(payload := a.get_payload(decode=True), bytes)}
            related = next(p for p in msg.walk() if p.get_content_type() == "multipart/related")
            html_body = related.get_body(preferencelist=("html",))
            assert html_body is not None
            shown = str(html_body.get_content())
            for f in inline:
                part, data = parts[f["sha256"]]
                assert f["sha256"] not in attached and data[:2] == b"\xff\xd8"
                assert part.get_content_type() == "image/jpeg" and part.get_content_disposition() == "inline"
                cid = str(part["Content-ID"]).strip("<>")
                assert f"cid:{cid}" in shown
                assert part in list(related.walk())
            pictured += 1
    assert exported and pictured, (exported, pictured)


def test_word_html_tables_span_rows_and_columns() -> None:
    """The export's tables keep a merged cell's span (colspan, rowspan) and a nested table, and
    a page break where the form has one."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.docmodel import Table as DocTable
    from shenbao.demo.forms import PageBreak, Para

    inner = DocTable((1.0, 1.0), ((DocCell("角色"), DocCell("姓名")),))
    table = DocTable((1.0, 1.0, 1.0), (
        (DocCell("项目名称"), DocCell("[b]测试[/b]<年会>", 2)),
        (DocCell("项目负责人", vmerge="restart"), DocCell("姓名"), DocCell("王伟")),
        (DocCell("", vmerge="continue"), DocCell("手机"), DocCell("13800000000")),
        (DocCell("人员", nested=inner), DocCell("☑学术交流"), DocCell("x")),
    ))
    assert hv12.html_ok((Para("标题", "title"), table, PageBreak()))
    assert not hv12.html_ok((Para("[del]旧[/del]新"),)) and not hv12.html_ok((Para("[cb:1]学术交流"),))
    data = hv12.word_html((Para("标题", "title"), table, PageBreak()), "测试")
    assert b"charset=utf-8" in data  # ☑ has no code in GB2312 or GBK
    page = data.decode("utf-8")
    assert "colspan=2" in page and "rowspan=2" in page and page.count("<table") == 2
    assert "<b>测试</b>&lt;年会&gt;" in page and "page-break-before:always" in page
    assert page.count("<td") == 2 + 3 + 2 + 3 + 2  # the continued cell is no cell of its own
    plain_page = hv12.word_html((Para("湖南省光学学会"),), "测试")
    assert b"charset=gb2312" in plain_page and "湖南省光学学会".encode("gb2312") in plain_page


def test_twelfth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The twelfth set printed by LibreOffice: every value is there to read; the grid's lines
    drawn with box-drawing characters; the scanned form a picture whose page has no label as text;
    the sign-off lines at the foot; a tick picture over a □; last round's amount right before the
    amount; the budget's 合计 where the amount's cell sends the reader there."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_12 as hv12

    wanted = (set(hv12.LAYOUTS) | set(hv12.CHECKBOXES) | set(hv12.FUNDINGS) | set(hv12.DATES)
              | {"contact_ditto", "squeezed_text", "struck_old_value", "post_before_name"})
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv12.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text + cells)
        look = f.look
        if look.checkbox == "emoji_tick":
            assert re.search(f"[☑✔]\ufe0f?{re.escape(_flat(f.app.applicant_type))}", flat)
        if look.funding == "see_budget":
            assert "合计" in flat and "预算" in flat
        if "struck_old_value" in look.decorations:
            from dataclasses import replace

            from benchmarks.gencorpus import holdout_variants_4 as hv4
            from benchmarks.gencorpus.forms import typed_funding

            old = typed_funding(replace(f.app, funding_wan=hv4.earlier_funding(f.app.funding_wan)), look.funding)
            assert _flat(old + typed_funding(f.app, look.funding)) in flat
        with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
            if look.layout == "text_grid":
                lines = [line for p in pdf.pages for line in (p.extract_text() or "").splitlines()]
                assert len([line for line in lines if line.startswith("│")]) >= 11
                assert any(line.startswith("┌") for line in lines)
            if look.layout == "scan_background":
                page = next(p for p in pdf.pages if p.images and any(
                    img["width"] > 400 for img in p.images))
                assert _flat(f.app.project_name) in _flat(page.extract_text() or "")
                assert "项目名称" not in (page.extract_text() or "")
            if look.layout == "people_in_signatures":  # (the lines may start on the page before the last)
                last = _flat("".join(page.extract_text() or "" for page in pdf.pages[-2:]))
                assert _flat("项目负责人（签字）") in last and _flat(f.app.leader_name) in last
            if look.checkbox == "tick_picture":
                boxes = [(p, c) for p in pdf.pages for c in p.chars if c["text"] == "□"]
                near = [1 for p, c in boxes for img in p.images if img["width"] < 30
                        and img["x0"] - 6 <= c["x0"] <= img["x1"] and img["top"] - 8 <= c["top"] <= img["bottom"]]
                assert near, look.layout


# ---------------------------------------------------------------------------- the thirteenth held-out set

def test_thirteenth_set_stand_ins_are_the_generators() -> None:
    """Every encoding a sheet or a box may stand in with is one of the generator's, and every
    decoration a system's PDF may keep."""
    from benchmarks.gencorpus import holdout_variants_13 as hv13
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS

    assert hv13._SHEET_CHECKBOXES | set(hv13._BOX_STAND_INS) | set(hv13._SYSTEM_CHECKBOXES) <= set(CHECKBOXES)
    assert hv13._SYSTEM_DECORATIONS <= set(DECORATIONS)


def test_thirteenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_13 as hv13
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import category_text, funding_label, type_text

    def fund(wan: float, style: str, aid: str = "A-1") -> str:
        return hv13.funding_text(_app(funding_wan=wan, aid=aid), style)

    assert fund(8.0, "yuan_beside_wan_label") == "80,000.00元" and fund(7.5, "yuan_beside_wan_label") == "75,000.00元"
    assert funding_label("yuan_beside_wan_label") == "申请经费（万元）"
    assert funding_label("wan_daxie_paren") == funding_label("wan_grouping") == "申请经费"
    assert {fund(8.0, "wan_daxie_paren", f"A-{k}") for k in range(12)} == {"8万元（大写：捌万元整）", "8万元（捌万元整）"}
    assert fund(7.5, "wan_daxie_paren") in ("7.5万元（大写：柒万伍仟元整）", "7.5万元（柒万伍仟元整）")
    assert [fund(w, "wan_grouping") for w in (8.0, 7.5, 25.0, 0.5)] == ["8,0000元", "7,5000元", "25,0000元", "5000元"]
    app = _app(start=date(2024, 6, 1), end=date(2024, 11, 30))
    relative = {hv13.period_text(_app(aid=f"A-{k}", start=app.start, end=app.end), "relative_year") for k in range(12)}
    assert relative == {"自2024年6月起至当年11月止", "2024年6月至同年11月", "2024年6月—当年11月"}
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv13.period_text(late, "relative_year") in ("2024年3月至次年6月", "自2024年3月起至次年6月止")
    slashed = {hv13.period_text(_app(aid=f"A-{k}", start=app.start, end=app.end), "slash_month") for k in range(12)}
    assert slashed == {"2024/06-2024/11", "2024/6—2024/11", "2024/6～2024/11"}
    assert hv13.period_text(app, "hao_days") == "2024年6月1号至11月30号"
    assert hv13.period_text(late, "hao_days") == "2024年3月1号至2025年6月30号"
    assert hv13.option_text(True, "学术交流", "wingdings_latin") == "[pua:00FE]学术交流"
    assert plain(hv13.option_text(True, "学术交流", "wingdings_latin")) == "þ学术交流"
    assert plain(hv13.option_text(False, "学术交流", "wingdings_latin")) == "¨学术交流"
    assert hv13.option_text(True, "学术交流", "lenticular_tick") == "【√】学术交流"
    assert hv13.option_text(False, "学术交流", "lenticular_tick") == "【　】学术交流"
    assert hv13.option_text(True, "学术交流", "boxed_square") == "▣学术交流"
    assert hv13.option_text(False, "学术交流", "boxed_square") == "□学术交流"
    assert hv13.option_text(True, "学术交流", "shi_marker") == "学术交流（是）"
    assert hv13.option_text(False, "学术交流", "shi_marker") == "学术交流（　）"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    assert "学会服务站建设（是）" in category_text(station, "shi_marker") and category_text(
        station, "shi_marker").count("（是）") == 1
    assert "▣市州科协" in type_text(station, "boxed_square") and type_text(station, "boxed_square").count("▣") == 1
    # Decorations of the values.
    decos: tuple[str, ...] = ("phone_invisibles", "phone_hours")
    typed = hv13.phone_text("13807312345", "13807312345", decos, "A-1", contact=False)
    assert re.fullmatch(r"138[\u200b\u2060\u00ad]0731[\u200b\u2060\u00ad]2345", typed)
    contact = hv13.phone_text("0731-84000000", "0731-84000000", decos, "A-1-c", contact=True)
    assert contact.startswith("0731-84000000（") and contact.endswith("）")
    assert hv13.phone_text("13807312345", "138-0731-2345", decos, "A-1", contact=False) == "138-0731-2345"
    assert hv13.email_text("lina2023@163.com", "lina2023@163.com", ("email_fullwidth_all",)) == "ｌｉｎａ２０２３＠１６３．ｃｏｍ"
    assert hv13.email_text("a@b.cn", "李娜 <a@b.cn>", ("email_fullwidth_all",)) == "李娜 <ａ＠ｂ．ｃｎ>"
    assert hv13.org_text("湖南省光学学会", "湖南省光学学会（盖章）", ("org_english",)) == \
        "湖南省光学学会（Hunan Society of Optics）（盖章）"
    assert hv13.english("长沙市科学技术协会") == "Changsha Association for Science and Technology"
    assert hv13.english("湖南大学科协") == "Association for Science and Technology of Hunan University"
    assert hv13.english("湖南省创新创业研究院") is None
    assert hv13.pinyin("欧阳晓东") == "Ouyang Xiaodong" and hv13.pinyin("王伟") == "Wang Wei"
    assert hv13.pinyin("阿依古丽·艾海提") is None
    named = {hv13.name_text(_app(aid=f"A-{k}"), "王伟", ("name_pinyin",)) for k in range(12)}
    assert named == {"王伟（Wang Wei）", "王伟（WANG Wei）", "王伟 Wang Wei"}
    titled = hv13.name_text(_app(), "王伟", ("name_titles_slash",))
    assert titled.startswith("王伟") and "/" in titled
    assert hv13.checkbox_for("ring_shape", "grouped_boxes", "A-1") in ("ballot", "lenticular_tick", "boxed_square")
    assert hv13.checkbox_for("ring_shape", "header_row", "A-1") == "ring_shape"
    assert hv13.checkbox_for("content_control", "sheet_paste", "A-1") in ("ballot", "square", "lenticular_tick")
    assert hv13.checkbox_for("wingdings_latin", "sheet_paste", "A-1") == "wingdings_latin"
    assert hv13.checkbox_for("boxed_square", "system_pdf", "A-1") in ("square", "tick_replace", "text_only")
    assert hv13.by_four(1234567) == "123,4567"


def test_thirteenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever unit its
    figure or label says, the period's months (当年, 同年 and 次年 counted from the start's year)
    or, written with 号, its days, names, units, phones and e-mails without what was typed after
    or inside them; each of the set's amount, period and decoration writings is drawn (on both
    splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_13 as hv13
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    plans = ((split, seed) for split in ("heldout", "dev") for seed in (4, 6))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 180, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            typed = [str(fields[k] or "") for k in ("applicant_org", "leader_name", "leader_phone", "contact_phone",
                                                    "contact_email")]
            assert not re.search(r"[\u200b\u2060\u00ad\uff10-\uff19\uff20-\uff3a\uff41-\uff5a．]", "".join(typed))
            assert not re.search(r"[A-Za-z/]", typed[0] + typed[1]) and "工作" not in typed[3]
            if f.look.dates == "hao_days":
                assert fields["start_date"] == f.app.start.isoformat() and fields["end_date"] == f.app.end.isoformat()
            elif f.look.dates in hv13.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    names = {*hv13.FUNDINGS, *hv13.DATES, *hv13.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_thirteenth_set_variants_are_drawn_where_they_show() -> None:
    """No floating mark, control or legacy field in a text box or a group; nothing but a
    character's encoding in a pasted sheet, and none of Word's notes or fields there; a system's
    own PDF only for forms sent as PDF, its boxes □ and ■ or √ or the choice, its decorations only
    what people type; no post before the name where a post cell is beside it; the notes, English
    names, full-width e-mails, invisibles, pinyin and titles only where the value is typed plainly;
    a second copy of a single file only; two forms in one file only of a unit's two; a form
    pasted into a body only from one .docx that HTML shows; an inline forward never of a body
    (on both splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_13 as hv13
    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.forms import form_blocks

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    # (Three plans a split: with the fifteenth, the sixteenth and the seventeenth set drawn too, a
    # system's own PDF may show in neither of two; held-out's third plan one where it shows,
    # reseeded 5 -> 8 once the twentieth set moved to dev.)
    plans = (*(("heldout", seed) for seed in (3, 4, 8)), *(("dev", seed) for seed in (3, 4, 5)))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 300, seed)):
        for f in (f for f in m.forms if f.fmt != "none"):
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            if layout in ("table_in_textbox", "grouped_boxes"):
                assert box not in hv13._NOT_IN_BOXES and not decos & hv13._NOT_IN_BOX_DECORATIONS
            if layout == "sheet_paste":
                assert box in hv13._SHEET_CHECKBOXES and not decos & hv13._NOT_IN_SHEET_DECORATIONS
            if layout == "system_pdf":
                assert f.fmt == "pdf" and box in hv13._SYSTEM_CHECKBOXES
                # (The fourteenth and the fifteenth set's ways of sending a mail are every form's of it.)
                assert set(f.look.value_decos) - hv14.PER_MAIL - hv15.PER_MAIL - hv16.PER_FILE - hv16.PER_MAIL \
                    - hv17.PER_FILE - hv17.PER_MAIL - hv18.PER_FILE - hv18.PER_MAIL - hv19.PER_FILE - hv19.PER_MAIL \
                    - hv20.PER_FILE - hv20.PER_MAIL - hv21.PER_FILE - hv21.PER_MAIL - hv22.PER_FILE - hv22.PER_MAIL \
                    - hv23.PER_FILE - hv23.PER_MAIL <= hv13._SYSTEM_DECORATIONS
            if layout == "tiered_header":
                assert "post_before_name" not in decos
            if box == "wingdings_latin":
                assert f.fmt in ("docx", "doc", "wps", "zip_utf8", "zip_gbk", "7z", "enc_docx_pw")
            # (A superseded version may lack a phone its look was drawn for: the corrected one has it.)
            if "phone_hours" in decos:
                assert f.app.contact_phone or f.version == "superseded"
                assert f.look.layout != "digit_cells" and "contact_ditto" not in decos
            if "org_english" in decos:
                assert hv13.english(f.app.applicant_org) and f.look.org_deco == "plain"
                assert not decos & hv13._ORG_DECORATIONS
            if "email_fullwidth_all" in decos:
                assert f.app.contact_email and not decos & hv13._EMAIL_DECORATIONS
            if "phone_invisibles" in decos:
                assert re.fullmatch(r"1\d{10}", f.app.leader_phone or "") or f.version == "superseded"
                assert not decos & hv13._PHONE_DECORATIONS
            if decos & {"name_pinyin", "name_titles_slash"}:
                assert f.look.name_deco == "plain" and not decos & hv13._NAME_DECORATIONS
                assert not {"name_pinyin", "name_titles_slash"} <= decos
            if "name_pinyin" in decos:
                assert hv13.pinyin(f.app.leader_name)
            if "attached_twice" in decos:
                assert f.fmt in ("docx", "pdf", "doc", "wps") and "word_and_scan" not in decos
            if "one_file_two_forms" in decos:
                assert "two_apps" in m.quirks and len(m.forms) == 2 and f.fmt in ("docx", "pdf")
                assert all("one_file_two_forms" in g.look.decorations and g.fmt == f.fmt for g in m.forms)
                assert m.forms[0].filename == m.forms[1].filename
                assert not decos & {"app_default_names", "misnamed_ext", "word_and_scan", "attached_twice"}
            if "body_html_form" in decos:
                assert len(m.forms) == 1 and f.fmt == "docx" and m.scenario != "resend" and m.password is None
                assert hv13.body_ok(form_blocks(f.app, f.look)) and "inline_forward" not in decos
            if "inline_forward" in decos:
                assert m.forwarded is None and m.scenario != "resend" and "body_pictures" not in decos
                assert all("inline_forward" in g.look.decorations for g in m.forms if g.fmt != "none")
                assert "原始邮件" in m.body or "邮件原件" in m.body or "转发" in m.body
    names = set().union(*_variant_names(hv13).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _thirteenth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


_WPS13 = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WPG13 = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
_WP13 = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def test_tiered_header_reads_across_in_bands() -> None:
    """Each band is a row of shaded labels over a row of values; the people's band has two tiers
    of headers, the group over its own labels, and one row of values for both people."""
    _, doc = _thirteenth_doc("tiered_header")
    table = doc.tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0][0] == "项目名称" and rows[0][-1] == "单位类型" and rows[1][0] == "测试学术年会"
    group = next(i for i, r in enumerate(rows) if r[0] == "项目负责人")
    assert rows[group] == ["项目负责人"] * 3 + ["项目联系人"] * 3
    assert rows[group + 1] == ["姓名", "职务/职称", "手机", "姓名", "电话", "电子邮箱"]
    assert rows[group + 2] == ["王伟", "理事长", "13800000000", "李娜", "0731-84000000", "a@b.cn"]
    assert rows[-2][0] == "申请经费" and rows[-2][-1] == "起止时间" and rows[-1][0] == "8万元"
    header = table.rows[group]._tr
    fills = {s.get(qn("w:fill")) for s in header.iter(qn("w:shd"))}
    assert fills == {"D9D9D9"}


def test_outer_frame_nests_the_basic_table_in_the_frame() -> None:
    _, doc = _thirteenth_doc("outer_frame")
    outer = doc.tables[0]
    assert len(outer.columns) == 1 and outer.rows[0].cells[0].text == "一、项目基本情况"
    frame = outer.rows[1].cells[0]
    assert frame.paragraphs[0].text.startswith("（以下各栏均须填写") and len(frame.tables) == 1
    inner = {r.cells[0].text: r.cells[1].text for r in frame.tables[0].rows}
    assert inner["项目名称"] == "测试学术年会" and inner["负责人手机"] == "13800000000" and inner["电子邮箱"] == "a@b.cn"


def test_table_in_textbox_is_a_table_inside_an_inline_text_box() -> None:
    """The basic table is in a text box placed as a character (wp:inline holding wps:txbx whose
    content holds the table), the body itself holds no table with its labels."""
    _, doc = _thirteenth_doc("table_in_textbox")
    boxes = [b for b in doc.element.body.iter(f"{{{_WPS13}}}txbx")]
    assert len(boxes) == 1
    assert next(boxes[0].iterancestors(f"{{{_WP13}}}inline"), None) is not None
    tables = list(boxes[0].iter(qn("w:tbl")))
    assert len(tables) == 1
    rows = [["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
            for tr in tables[0].iter(qn("w:tr"))]
    assert ["项目名称", "测试学术年会"] in rows and ["负责人手机", "13800000000"] in rows and ["起止时间", "2024年5月—2024年12月"] in rows
    assert _runs_text(next(boxes[0].iter(qn("w:p")))) == "表1　项目基本情况"
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]
    assert boxes[0].getparent().find(f"{{{_WPS13}}}bodyPr").find(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}spAutoFit") is not None


def test_grouped_boxes_are_members_of_one_group() -> None:
    """One group shape (wpg:wgp) placed as a character holds every label and value box; the
    labels' boxes are shaded; no table holds the basic part."""
    _, doc = _thirteenth_doc("grouped_boxes")
    groups = list(doc.element.body.iter(f"{{{_WPG13}}}wgp"))
    assert len(groups) == 1 and next(groups[0].iterancestors(f"{{{_WP13}}}inline"), None) is not None
    members = groups[0].findall(f"{{{_WPS13}}}wsp")
    texts = ["".join(t.text or "" for t in m.iter(qn("w:t"))) for m in members]
    assert texts[:2] == ["项目名称", "测试学术年会"]
    assert ["项目负责人", "王伟", "负责人手机", "13800000000"] == texts[texts.index("项目负责人"):texts.index("项目负责人") + 4]
    assert "a@b.cn" in texts and len(members) == 2 * 7 + 4 * 2  # seven rows of one field, two of a person
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    fill = {t: m.find(f"{{{_WPS13}}}spPr/{a}solidFill/{a}srgbClr").get("val") for t, m in zip(texts, members)}
    assert fill["项目名称"] == "E7E6E6" and fill["测试学术年会"] == "FFFFFF"
    offsets = [(int(m.find(f"{{{_WPS13}}}spPr/{a}xfrm/{a}off").get("x")),
                int(m.find(f"{{{_WPS13}}}spPr/{a}xfrm/{a}off").get("y"))) for m in members]
    assert len(set(offsets)) == len(offsets)  # no two boxes on one place
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]


def test_sheet_paste_keeps_the_sheets_formatting() -> None:
    """A fixed layout, every row at least its height, cells centred vertically, 等线 11 pt on every
    run, a figure right-aligned, the sheet's title across the first row."""
    _, doc = _thirteenth_doc("sheet_paste", funding="bare")
    table = doc.tables[0]
    tbl = table._tbl
    assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed" and len(table.columns) == 8
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:trHeight')}").get(qn("w:hRule")) == "atLeast" for tr in tbl.tr_lst)
    assert all(tc.find(f"{qn('w:tcPr')}/{qn('w:vAlign')}").get(qn("w:val")) == "center" for tc in tbl.iter(qn("w:tc")))
    runs = list(tbl.iter(qn("w:r")))
    assert runs and all(r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == "等线" for r in runs)
    assert {r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) for r in runs} == {"22"}
    assert table.rows[0].cells[0].text == "2024年度科技创新服务能力提升计划项目申报信息表"
    amount = next(r for r in table.rows if r.cells[0].text == "申请经费（万元）")
    assert amount.cells[2].text == "8" and amount.cells[2].paragraphs[0].alignment == 2  # right


def test_system_pdf_draws_the_template_before_the_values() -> None:
    """The system's PDF: a non-embedded STSong-Light, every value of the basic part on the page
    after every label of it in the file's text (the template first), the values all there."""
    from benchmarks.gencorpus import holdout_variants_13 as hv13

    app = _app(contact_phone="0731-84000000转8012")
    pdf = hv13.system_pdf(app, _look(layout="system_pdf", checkbox="square"))
    assert b"/STSong-Light" in pdf and b"/FontFile" not in pdf
    doc = pdfium.PdfDocument(pdf)
    first = doc[0].get_textpage().get_text_range()
    labels = [first.index(label) for label in ("项目名称", "申报单位", "负责人手机", "电子邮箱", "起止时间")]
    values = [first.index(v) for v in ("测试学术年会", "湖南省测试学会", "13800000000", "a@b.cn", "2024年5月")]
    assert max(labels) < min(values)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "0731-84000000转8012" in text and "■学术交流" in text and "本表由系统生成" in text
    assert "合计" in text and "经第五届理事会第二次会议审议通过。" in text


@pytest.mark.parametrize("style,chosen,other", [("lenticular_tick", "【√】学会服务站建设", "【　】学术交流"),
                                                ("boxed_square", "▣学会服务站建设", "□学术交流"),
                                                ("shi_marker", "学会服务站建设（是）", "学术交流（　）")])
def test_thirteenth_set_marks_are_text(style: str, chosen: str, other: str) -> None:
    text = _category_doc(style).tables[0].rows[0].cells[0].text
    assert chosen in text and other in text
    mark = {"lenticular_tick": "√", "boxed_square": "▣", "shi_marker": "是"}[style]
    assert text.count(mark) == 1


def test_wingdings_latin_boxes_are_latin_letters_in_the_wingdings_font() -> None:
    """þ before the chosen option and ¨ before the others, each a run of its own in the Wingdings
    font; no w:sym and no private-use character."""
    doc = _category_doc("wingdings_latin")
    runs = _option_runs(doc)
    marks = [(_runs_text(r), r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")) for r in runs if _runs_text(r) in ("þ", "¨")]
    assert [m for m, _ in marks].count("þ") == 1 and [m for m, _ in marks].count("¨") == 8
    assert all(f is not None and f.get(qn("w:ascii")) == "Wingdings" for _, f in marks)
    body = doc.element.body
    assert not list(body.iter(qn("w:sym"))) and not re.search("[\uf000-\uf0ff]", _runs_text(body))
    chosen = next(i for i, r in enumerate(runs) if _runs_text(r) == "þ")
    assert _runs_text(runs[chosen + 1]).startswith("学会服务站建设")


def test_thirteenth_set_decorations_show_in_the_document() -> None:
    """A note after the contact's phone, the unit's English name, the e-mail full-width,
    invisible characters between the leader's mobile's groups, the pinyin after the leader's name."""
    decos = ("phone_hours", "org_english", "email_fullwidth_all", "phone_invisibles", "name_pinyin")
    app = _app(applicant_org="湖南省光学学会")
    _, doc = _thirteenth_doc("header_row", value_decos=decos, decorations=decos, app=app)
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    people = cells[cells.index(["项目负责人", "负责人手机", "联系人", "联系人电话"]) + 1]
    assert people[0] in ("王伟（Wang Wei）", "王伟（WANG Wei）", "王伟 Wang Wei")
    assert re.fullmatch(r"138[\u200b\u2060\u00ad]0000[\u200b\u2060\u00ad]0000", people[1])
    assert re.fullmatch(r"0731-84000000（.+）", people[3]) and people[3] != "0731-84000000"
    org = cells[cells.index(["申报单位", "申报单位", "单位类型", "单位类型"]) + 1][0]
    assert org == "湖南省光学学会（Hunan Society of Optics）"
    mail = cells[cells.index(["电子邮箱", "通讯地址", "申请经费", "起止时间"]) + 1][0]
    assert mail == "ａ＠ｂ．ｃｎ"
    _, titled = _thirteenth_doc("header_row", value_decos=("name_titles_slash",), decorations=("name_titles_slash",))
    rows = [[c.text for c in r.cells] for r in titled.tables[0].rows]
    leader = rows[rows.index(["项目负责人", "负责人手机", "联系人", "联系人电话"]) + 1][0]
    assert leader.startswith("王伟") and "/" in leader


@pytest.fixture(scope="module")
def dev13(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev13")
    # Dev draws the thirteenth set too: seed 59 gives a form pasted into a body, a unit's two
    # forms in one file, a form attached twice, a mail forwarded inline and a system's own PDF (30
    # mails: with the fourteenth set drawn too, no seed's first 20 hold all five; and, with the
    # sixteenth set drawn too, a winmail.dat's files read where the mail's are; reseeded when the
    # nineteenth set moved to dev, and again when the twentieth set did: no seed up to 400 holds
    # all five in 25 mails with the pasted form's mail carrying no other Word file, such as an
    # 附件1：专家团队名单.docx beside it, and no winmail.dat in a mail of the five).
    write_corpus(out, "dev", 30, seed=59)
    return out


def _attached_copies(msg: EmailMessage) -> list[bytes]:
    """Every attachment's bytes, once per copy attached, those of a forwarded message (a
    message/rfc822 part or a saved .eml) too."""
    out: list[bytes] = []
    for part in msg.iter_attachments():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            carried = payload[0] if isinstance(payload, list) else None
            if isinstance(carried, EmailMessage):
                out += _attached_copies(carried)
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        out.append(data)
        if str(part.get_filename()).lower().endswith(".eml"):
            saved = email.message_from_bytes(data, policy=email.policy.default)
            assert isinstance(saved, EmailMessage)
            out += _attached_copies(saved)
    return out


def test_thirteenth_set_ways_of_sending_are_in_their_mails(dev13: Path) -> None:
    """Every file of a row is in its mail. A form pasted into the body: no attachment of it, the
    HTML part its tables with every value, the plain-text part its text, the row's file the HTML
    part; two forms in one file: both rows name it, and it holds both projects; a form attached
    twice: two attachments of the same bytes; a mail forwarded inline: the forwarder is the
    sender, the original's sender and subject quoted in the body above its text, the form
    attached; a system's own PDF: made by the system, not LibreOffice."""
    rows = [r for r in _truth(dev13) if r["electronic"]]
    msgs = _messages(dev13)
    seen: set[str] = set()
    by_file: dict[str, list[str]] = {}
    for row in rows:
        msg = msgs[row["message_id"]]
        parts = _all_parts(msg)
        # (Outlook's winmail.dat, the fifteenth set's, holds a mail's files: they are the mail's too.)
        tnef = _tnef_files({sha: data for sha, (_, data) in parts.items()})
        assert not [f["name"] for f in row["files"] if not f.get("in_zip") and f["sha256"] not in parts
                    and f["sha256"] not in tnef and not f["name"].endswith(".eml")]
        if row["kind"] != "application" or row["fields"]["project_name"] is None:
            continue
        fields, tags = row["fields"], row["tags"]
        decos = set(tags["decorations"])
        seen |= decos | {tags["layout"]}
        if "body_html_form" in decos:
            (body,) = [f for f in row["files"] if f.get("in_body")]
            assert not [f for f in row["files"] if f["role"] == "form" and not f.get("in_body")]
            assert not [a for a in msg.iter_attachments() if str(a.get_filename()).endswith((".docx", ".doc"))]
            part, data = parts[body["sha256"]]
            assert part.get_content_type() == "text/html" and part.get_content_disposition() is None
            page = str(part.get_content())
            from html import unescape

            shown = _flat(unescape(re.sub(r"<[^>]+>", "", page)))
            assert "<table" in page and _flat(fields["project_name"]) in shown
            assert _flat(fields["leader_name"]) in shown and _flat(fields["applicant_org"]) in shown
            plain_body = msg.get_body(preferencelist=("plain",))
            assert plain_body is not None and _flat(fields["project_name"]) in _flat(str(plain_body.get_content()))
        if "one_file_two_forms" in decos:
            (sha,) = {f["sha256"] for f in row["files"] if f["role"] == "form" and not f["name"].endswith(".eml")}
            by_file.setdefault(sha, []).append(fields["project_name"])
        if "attached_twice" in decos:
            # (One of the form's files twice, the same bytes: a Word file's scan or its PDF sent beside it,
            # the eleventh and the sixteenth set's, is not attached twice; a mail forwarded as a file
            # carries the copies in the message it forwards.)
            forms = Counter(f["sha256"] for f in row["files"] if f["role"] == "form" and not f["name"].endswith(".eml"))
            (twice,) = [sha for sha, n in forms.items() if n == 2]
            assert sum(hashlib.sha256(c).hexdigest() == twice for c in _attached_copies(msg)) == 2
        if "inline_forward" in decos:
            body_text = str(msg.get_body(preferencelist=("plain",)).get_content())  # type: ignore[union-attr]
            quoted = next(line for line in body_text.splitlines() if line.startswith("发件人"))
            assert row["sender"] not in quoted and "@" in quoted
            assert re.match(r"(转发[：:]|Fw:|Fwd: )", row["subject"])
            assert body_text.index("发件人") < body_text.index("附件是")
            assert [f for f in row["files"] if f["role"] == "form"]
        if tags["layout"] == "system_pdf":  # (a mail of two applications lists both's files)
            pdfs = [parts[f["sha256"]][1] for f in row["files"] if f["role"] == "form" and f["name"].endswith(".pdf")]
            assert [d for d in pdfs if b"/STSong-Light" in d and b"LibreOffice" not in d]
    for sha, projects in by_file.items():
        assert len(projects) == 2 and projects[0] != projects[1]
        _, data = next(p for m in msgs.values() for h, p in _all_parts(m).items() if h == sha)
        if data.startswith(b"%PDF"):
            doc = pdfium.PdfDocument(data)
            text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        else:
            text = _docx_all_text(data)
        assert all(_flat(p) in _flat(text) for p in projects)
    assert {"body_html_form", "one_file_two_forms", "attached_twice", "inline_forward", "system_pdf"} <= seen, seen


def test_pasted_body_replaces_the_clients_html_part() -> None:
    """The pasted form goes into the client's HTML part in that part's charset, base64; the
    characters it has no code for as references; the rest of the message stays as it was."""
    from shenbao.demo.mail import build_eml

    from benchmarks.gencorpus import holdout_variants_13 as hv13
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.docmodel import Table as DocTable
    from shenbao.demo.forms import Para

    blocks = (Para("一、基本情况", "heading"),
              DocTable((1.0, 2.0), ((DocCell("项目名称"), DocCell("测试学术年会")), (DocCell("项目类别"), DocCell("☑学术交流")))))
    html = hv13.pasted_html(blocks, hv13.PASTE_NOTE)
    for style in ("qq", "foxmail", "outlook", "coremail", "apple", "thunderbird"):
        raw = build_eml(sender="a@b.cn", sender_name="张三", subject="测试", body=hv13.pasted_text(blocks),
                        attachments=[], date=datetime(2024, 4, 1, 9, 0), message_id="<q@b.cn>",
                        client_style=style)  # type: ignore[arg-type]
        out, data = hv13.paste_body(raw, html)
        msg = email.message_from_bytes(out, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        part = msg.get_body(preferencelist=("html",))
        assert part is not None and part.get_payload(decode=True) == data
        page = str(part.get_content())
        assert "<table" in page and "测试学术年会" in page and ("☑" in page or "&#9745;" in page)
        plain_part = msg.get_body(preferencelist=("plain",))
        assert plain_part is not None and "项目名称\t测试学术年会" in str(plain_part.get_content())
        if b"text/html" in raw:  # (a plain-text message, Thunderbird's, becomes text and HTML)
            assert out[:out.index(b"Content-Type: text/html")] == raw[:raw.index(b"Content-Type: text/html")]
        else:
            assert msg.get_content_type() == "multipart/alternative"


def test_thirteenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The thirteenth set printed by LibreOffice (the system's PDF is its own: read in its own
    test): every value is there to read, in a text box's table, a group's boxes, a pasted sheet,
    bands of a tiered grid or a frame's nested table; each printable mark, amount, period and
    decoration of the set in print."""
    from benchmarks.gencorpus import holdout_variants_13 as hv13

    wanted = ((set(hv13.LAYOUTS) - hv13.PDF_ONLY_LAYOUTS) | (set(hv13.CHECKBOXES) - hv13.WORD_ONLY_CHECKBOXES)
              | set(hv13.FUNDINGS) | set(hv13.DATES)
              | {"phone_hours", "org_english", "email_fullwidth_all", "phone_invisibles", "name_pinyin",
                 "name_titles_slash"})
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv13.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        doc = pdfium.PdfDocument(pdf_bytes)
        # (pdfium's text too: a group's and a text box's lines as the page places them.)
        text += "\n" + "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text + cells)
        look = f.look
        if look.checkbox in ("lenticular_tick", "boxed_square", "shi_marker"):
            mark = {"lenticular_tick": "【√】", "boxed_square": "▣", "shi_marker": "（是）"}[look.checkbox]
            assert _flat(mark) in flat, look.checkbox
        if "org_english" in look.decorations:
            assert _flat(str(hv13.english(f.app.applicant_org))) in flat
        if "name_pinyin" in look.decorations:
            surname, given = str(hv13.pinyin(f.app.leader_name)).split(" ")
            assert _flat(given) in flat and surname.lower() in flat.lower()


# ---------------------------------------------------------------------------- the fourteenth held-out set

def test_fourteenth_set_stand_ins_are_the_generators() -> None:
    """Every encoding a sheet or a picture may stand in with, every decoration a sheet keeps and
    every layout named is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv14._SHEET_CHECKBOXES | set(hv14._SHEET_STAND_INS) | set(hv14._COLUMN_STAND_INS) <= set(CHECKBOXES)
    assert hv14._SHEET_DECORATIONS <= set(DECORATIONS)
    assert hv14.LABEL_CELL_LAYOUTS | hv14.UNTAGGED_LAYOUTS | hv14._PICTURE_LAYOUTS <= set(LAYOUTS)
    assert hv14.PER_FILE | hv14.PER_MAIL <= set(hv14.DECORATIONS)


def test_fourteenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    def fund(wan: float, style: str, aid: str = "A-1") -> str:
        return hv14.funding_text(_app(funding_wan=wan, aid=aid), style)

    assert fund(8.0, "wan_rmb_suffix") == "8万元人民币" and fund(7.5, "wan_rmb_suffix") == "7.5万元人民币"
    assert {fund(8.0, "daxie_traditional", f"A-{k}") for k in range(12)} == {"人民币捌萬元整", "捌萬元整"}
    assert [hv14.daxie_traditional(w) for w in (7.5, 25.0, 10.0, 30.0, 0.5)] == [
        "柒萬伍仟元整", "贰拾伍萬元整", "壹拾萬元整", "叁拾萬元整", "伍仟元整"]
    assert {fund(8.0, "wan_with_note", f"A-{k}") for k in range(12)} == {
        "8万元（不含自筹）", "8万元（申请省科协资助部分）", "8万元（不含单位自筹经费）"}
    app = _app(start=date(2024, 6, 1), end=date(2024, 11, 30))
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))

    def periods(style: str) -> set[str]:
        return {hv14.period_text(_app(aid=f"A-{k}", start=app.start, end=app.end), style) for k in range(12)}

    assert periods("month_fen") == {"2024年6月份至11月份", "2024年6月份—2024年11月份"}
    assert hv14.period_text(late, "month_fen") == "2024年3月份至2025年6月份"
    assert periods("no_year") == {"6月—11月", "6月至11月", "6月-11月"}
    assert hv14.period_text(late, "no_year") == "2024年3月—2025年6月"
    assert periods("fullwidth_period") == {"２０２４年６月—２０２４年１１月", "２０２４．６—２０２４．１１"}
    assert {unicodedata.normalize("NFKC", p) for p in periods("fullwidth_period")} == {"2024年6月—2024年11月",
                                                                                       "2024.6—2024.11"}
    assert hv14.option_text(True, "学术交流", "wingdings2_sym") == "[ws2:F052]学术交流"
    assert plain(hv14.option_text(True, "学术交流", "wingdings2_sym")) == "☑学术交流"
    assert plain(hv14.option_text(False, "学术交流", "wingdings2_sym")) == "□学术交流"
    assert hv14.option_text(True, "学术交流", "green_check") == "✅学术交流"
    assert hv14.option_text(False, "学术交流", "green_check") == "□学术交流"
    assert hv14.option_text(True, "学术交流", "radio_fisheye") == "◉学术交流"
    assert hv14.option_text(False, "学术交流", "radio_fisheye") == "○学术交流"
    assert hv14.option_text(True, "学术交流", "pen_circle") == hv14.option_text(False, "学术交流", "pen_circle") == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    assert category_text(station, "radio_fisheye").count("◉") == 1 and "◉学会服务站建设" in category_text(
        station, "radio_fisheye")
    assert type_text(station, "green_check").count("✅") == 1 and "✅市州科协" in type_text(station, "green_check")
    # Names in short and in English.
    assert hv14.abbreviation("湖南省光学学会") == "省光学学会"
    assert hv14.abbreviation("长沙市科学技术协会") == "长沙市科协" and hv14.abbreviation("湖南大学科学技术协会") == "湖南大学科协"
    assert hv14.abbreviation("长沙市科协") is None and hv14.abbreviation("湖南省创新创业研究院") is None
    assert hv14.project_english("2024年湖南省光学学术年会") == "2024 Hunan Optics Annual Conference"
    assert hv14.project_english("第5届湖南光学高峰论坛") == "The 5th Hunan Optics Summit Forum"
    assert hv14.project_english("第12届湖南声学学术论坛") == "The 12th Hunan Acoustics Academic Forum"
    assert hv14.project_english("第22届湖南声学学术论坛") == "The 22nd Hunan Acoustics Academic Forum"
    assert hv14.project_english("长株潭光学智能制造学术论坛") == \
        "Changsha-Zhuzhou-Xiangtan Academic Forum on Optics and Intelligent Manufacturing"
    assert hv14.project_english("新化县黑茶产业学会服务站建设") is None
    # Decorations of the values.
    named = _app(project_name="2024年湖南省光学学术年会", applicant_org="湖南省光学学会")
    assert hv14.project_text(named, named.project_name, ("project_english",)) == \
        "2024年湖南省光学学术年会（2024 Hunan Optics Annual Conference）"
    stopped = hv14.project_text(named, named.project_name, ("trailing_punctuation",))
    assert stopped[:-1] == named.project_name and stopped[-1] in "。；"
    assert hv14.project_text(named, f"《{named.project_name}》", ("trailing_punctuation",)) == f"《{named.project_name}》"
    assert {hv14.org_text(_app(aid=f"A-{k}", applicant_org="湖南省光学学会"), "湖南省光学学会", ("org_abbrev",))
            for k in range(12)} == {"湖南省光学学会（简称：省光学学会）", "湖南省光学学会（简称“省光学学会”）"}
    assert hv14.org_text(named, "湖南省光学学会（盖章）", ("org_abbrev",)) == "湖南省光学学会（盖章）"
    assert hv14.email_text("lina2023@163.com", "lina2023@163.com", ("email_cn_period",)) == "lina2023@163。com"
    assert hv14.email_text("a@b.cn", "李娜 <a@b.cn>", ("email_cn_period",)) == "李娜 <a@b。cn>"
    assert hv14.email_text("a@b.cn", "[mail:a@b.cn]a@b.cn[/mail]", ("email_cn_period",)) == "[mail:a@b.cn]a@b.cn[/mail]"
    assert hv14.phone_text(_app(), "0731-84000000", ("trailing_punctuation",))[:-1] == "0731-84000000"
    tagged = _V(_app(), _look(dates="cn_day", value_decos=("smart_tags",), decorations=("smart_tags",)))
    assert tagged.name == "[st:PersonName|ProductID=王伟]王伟[/st]" and plain(tagged.name) == "王伟"
    assert tagged.funding.startswith("[st:chmetcnv|UnitName=万元|SourceValue=8|") and plain(tagged.funding) == "8万元"
    assert tagged.period.count("[st:chsdate|Year=2024|") == 2 and plain(tagged.period) == "2024年5月1日至2024年12月1日"
    assert hv14.checkbox_for("content_control", "excel_print", "A-1") in ("ballot", "square", "radio_fisheye")
    assert hv14.checkbox_for("radio_fisheye", "excel_print", "A-1") == "radio_fisheye"
    assert hv14.checkbox_for("pen_circle", "table_screenshot", "A-1") in ("ballot", "tick_replace", "square")
    assert hv14.checkbox_for("green_check", "header_row", "A-1") == "green_check"
    leader, contact = hv14.people_titles(_app(leader_post="教授"))
    assert leader == ("教授", "/") and contact[0] and contact[1]
    assert hv14.people_titles(_app(leader_post="理事长"))[0][1] == "理事长"


def test_fourteenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever currency, 大写
    or note is written with it, the period's months (a period with no year is the form's year),
    names, units, phones and e-mails without what was typed after or inside them; each of the
    set's amount, period and decoration writings is drawn (on both splits, now that dev draws the
    set too)."""
    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            typed = [str(fields[k] or "") for k in ("project_name", "applicant_org", "leader_name", "contact_phone",
                                                    "contact_email")]
            assert not re.search(r"[。；\uff10-\uff19]|简称", "".join(typed[1:]))
            assert not re.search(r"[A-Za-z]", typed[0] + typed[1] + typed[2])
            if f.look.dates in hv14.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
                assert fields["start_date"].startswith("2024-")
            if f.look.funding in hv14.FUNDINGS:
                assert isinstance(fields["funding_wan"], float)
    names = {*hv14.FUNDINGS, *hv14.DATES, *hv14.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_fourteenth_set_variants_are_drawn_where_they_show() -> None:
    """A spreadsheet's print only for forms sent as PDF, its boxes characters and its decorations
    only what people type; Word's symbols and an emoji in Word files only; a pen's circles on scans
    and photos of printed options only; no post before a name with a post cell beside it; each
    decoration only where its value is typed plainly; each way of printing, scanning or packing
    only for its format, none for a file of two forms or a body; a reply to the notice, a forward
    of a forward and raw headers for every form of a mail (on both splits, now that dev draws the
    set too)."""
    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.build import OOXML_FORMATS, WORD_FORMATS

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    # (A third held-out plan: with the sixteenth set drawn too, a spreadsheet's print may show in neither of two;
    # a third dev plan: with the eighteenth set drawn too, a pen's circles show in neither of dev's two.)
    plans = (("heldout", 3), ("heldout", 4), ("heldout", 9), ("dev", 3), ("dev", 4), ("dev", 1))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt != "none"]
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            if layout == "excel_print":
                assert f.fmt == "pdf" and box in hv14._SHEET_CHECKBOXES
                # (The fifteenth set's ways of sending a file or a mail are no part of the sheet.)
                assert set(f.look.value_decos) - hv15.PER_FILE - hv15.PER_MAIL - hv16.PER_FILE - hv16.PER_MAIL \
                    - hv17.PER_FILE - hv17.PER_MAIL - hv18.PER_FILE - hv18.PER_MAIL - hv19.PER_FILE - hv19.PER_MAIL \
                    - hv20.PER_FILE - hv20.PER_MAIL - hv21.PER_FILE - hv21.PER_MAIL - hv22.PER_FILE - hv22.PER_MAIL \
                    - hv23.PER_FILE - hv23.PER_MAIL <= hv14._SHEET_DECORATIONS
                assert "one_file_two_forms" not in decos
            if box in hv14.WORD_ONLY_CHECKBOXES:
                assert f.fmt in WORD_FORMATS
            if box == "pen_circle":
                assert f.fmt in ("scan_pdf", "photo_jpg") and layout not in hv14._PICTURE_LAYOUTS
            if layout == "diagonal_people":
                assert "post_before_name" not in decos
            if "org_abbrev" in decos:
                assert hv14.abbreviation(f.app.applicant_org) and f.look.org_deco == "plain"
                assert not decos & hv14._ORG_TAKEN
            if "email_cn_period" in decos:
                assert f.app.contact_email and not decos & hv14._EMAIL_TAKEN
            if "value_in_label_cell" in decos:
                assert layout in hv14.LABEL_CELL_LAYOUTS
            if "project_english" in decos:
                assert hv14.project_english(f.app.project_name) and not decos & hv14._PROJECT_TAKEN
            if "smart_tags" in decos:
                assert f.fmt in OOXML_FORMATS and layout not in hv14.UNTAGGED_LAYOUTS
                assert f.look.name_deco == "plain" and not decos & hv14._NAME_TAKEN or not decos & hv14._CONTACT_TAKEN
            if "scan_in_docx" in decos:
                assert f.fmt == "docx" and not decos & {"misnamed_ext", "word_and_scan"}
                assert "（盖章扫描版）" in f.filename
            if "nested_archive" in decos:
                assert f.fmt in ("zip_utf8", "zip_gbk", "7z")
            if "two_up_print" in decos:
                assert f.fmt in ("pdf", "scan_pdf")
            if "no_tounicode" in decos:
                assert f.fmt == "pdf"
            if decos & {"faint_skewed_scan", "bilevel_scan"}:
                assert f.fmt == "scan_pdf" and not {"faint_skewed_scan", "bilevel_scan"} <= decos
            if "keystone_photo" in decos:
                assert f.fmt == "photo_jpg"
            if decos & {"one_file_two_forms", "body_html_form"}:
                assert not decos & hv14.PER_FILE
            if decos & hv14.PER_MAIL:
                assert m.forwarded is None and not decos & {"forwarded_eml", "body_html_form", "body_pictures"}
                assert all(decos & hv14.PER_MAIL <= set(g.look.decorations) for g in sent)
            if "reply_to_notice" in decos:
                assert hv14.NOTICE_SUBJECT in m.subject and not m.subject.startswith(hv14.NOTICE_SUBJECT)
                assert dict(m.headers)["In-Reply-To"] == hv14.NOTICE_ID and hv14.NOTICE_LINES[0] in m.body
                assert "forward_chain" not in decos and m.scenario != "resend"
            if "forward_chain" in decos:
                assert "inline_forward" in decos and m.scenario != "resend"
                assert m.body.count("发件人") >= 2 and re.match(r"(转发[：:]|Fw:|Fwd: ).*(转发[：:]|Fw:|Fwd: )", m.subject)
    names = set().union(*_variant_names(hv14).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _fourteenth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    return _sixth_doc(layout, **kw)


def _table_rows(table: Any) -> list[list[str]]:
    """Each row's cells' text as the XML holds them (a merged cell once, a smart tag's text too)."""
    return [[_runs_text(tc) for tc in tr.iter(qn("w:tc"))] for tr in table._tbl.iter(qn("w:tr"))]


def test_old_template_keeps_last_years_labels() -> None:
    _, doc = _fourteenth_doc("old_template", funding="bare")
    rows = _table_rows(doc.tables[0])
    labels = {r[0] for r in rows}
    assert {"项目类型", "承担单位", "单位性质", "负责人", "经办人", "电子信箱", "申请资助额度（万元）", "项目执行期"} <= labels
    assert not {"申报单位", "项目负责人", "起止时间", "申请经费（万元）"} & labels
    assert ["负责人", "王伟", "移动电话", "13800000000"] in rows and ["经办人", "李娜", "办公电话", "0731-84000000"] in rows
    assert ["项目执行期", "2024年5月—2024年12月"] in rows and ["申请资助额度（万元）", "8"] in rows


def test_ragged_rows_end_where_their_values_do() -> None:
    """The rows of one value end after it: their cells after it deleted, the row's grid columns
    after it counted in w:gridAfter; a person's row keeps all four cells."""
    _, doc = _fourteenth_doc("ragged_rows")
    tbl = doc.tables[0]._tbl
    ends = {}
    for tr in tbl.iter(qn("w:tr")):
        cells = [_runs_text(tc) for tc in tr.iter(qn("w:tc"))]
        after = tr.find(f"{qn('w:trPr')}/{qn('w:gridAfter')}")
        ends[cells[0]] = (len(cells), int(after.get(qn("w:val"))) if after is not None else 0)
    assert ends["申报单位"] == (2, 1) and ends["电子邮箱"] == (2, 2) and ends["起止时间"] == (2, 1)
    assert ends["项目名称"] == (2, 0) and ends["项目负责人"] == (4, 0)
    assert all(tr.find(f"{qn('w:trPr')}/{qn('w:wAfter')}") is not None for tr in tbl.iter(qn("w:tr"))
               if tr.find(f"{qn('w:trPr')}/{qn('w:gridAfter')}") is not None)


def test_one_big_table_is_the_whole_form_under_a_repeated_heading_row() -> None:
    """One table from the basic part to the opinions, its first row marked to repeat on every page
    (and no other), the budget and the team nested in it; no row forbidden to break; a scan's
    printout leaves the content and the budget out."""
    data, doc = _fourteenth_doc("one_big_table", app=_app(content=("一、背景。", "二、内容。", "三、保障。")))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    trs = list(table._tbl.tr_lst)
    heads = [k for k, tr in enumerate(trs) if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    assert heads == [0] and _table_rows(table)[0] == ["栏　目", "填　写　内　容"]
    assert not list(table._tbl.iter(qn("w:cantSplit")))
    texts = [r[0] for r in _table_rows(table)]
    for part in ("一、基本情况", "二、项目主要内容", "三、经费预算", "四、项目组主要成员", "六、申报单位意见", "七、市州科协审核意见"):
        assert part in texts, part
    assert len(list(table._tbl.iter(qn("w:tbl")))) == 4  # itself, the budget, the team and the targets
    assert "13800000000" in _docx_all_text(data) and "二、背景。" not in texts
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    compact = Document(io.BytesIO(build_docx(form_blocks(_app(), _look(layout="one_big_table"), compact=True), "x")))
    parts = [r[0] for r in _table_rows(compact.tables[0])]
    assert "三、经费预算" not in parts and "二、申报单位意见" in parts


def test_diagonal_people_corner_carries_a_diagonal_rule() -> None:
    _, doc = _fourteenth_doc("diagonal_people", app=_app(leader_post="理事长"))
    table = doc.tables[0]
    corner = [tc for tc in table._tbl.iter(qn("w:tc")) if tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:tl2br')}")
              is not None]
    assert len(corner) == 1
    lines = [_runs_text(p) for p in corner[0].iter(qn("w:p"))]
    assert lines == ["信息", "人员"]
    rows = _table_rows(table)
    header = next(r for r in rows if r[0] == "信息人员")
    assert header[1:] == ["姓名", "职称", "职务", "联系电话", "电子邮箱"]
    leader = next(r for r in rows if r[0] == "项目负责人")
    assert leader[1] == "王伟" and leader[3] == "理事长" and leader[4] == "13800000000" and leader[2]
    contact = next(r for r in rows if r[0] == "项目联系人")
    assert contact[1] == "李娜" and contact[4] == "0731-84000000" and contact[5] == "a@b.cn"


def test_cells_as_paragraphs_put_every_cell_in_a_paragraph_of_its_own() -> None:
    _, doc = _fourteenth_doc("cells_as_paragraphs")
    texts = _paragraph_texts(doc)
    start = texts.index("一、基本情况")
    part = texts[start + 1:texts.index("二、项目主要内容")]
    for label, value in (("项目名称", "测试学术年会"), ("项目负责人", "王伟"), ("手机", "13800000000"),
                         ("联系电话", "0731-84000000"), ("电子邮箱", "a@b.cn"), ("申请经费", "8万元")):
        assert part[part.index(label) + 1] == value, label
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]
    assert not [t for t in part if "：" in t and t.startswith(("项目", "申请"))]


def test_excel_print_is_a_spreadsheets_pdf(tmp_path: Path) -> None:
    """The spreadsheet: the form's values in merged cells, the sheet set to fit the page's width,
    a footer with the page count; its PDF is Calc's, every value there to read."""
    from openpyxl import load_workbook as load

    from benchmarks.gencorpus import holdout_variants_14 as hv14

    app = _app(content=("一、背景。", "二、内容。", "三、保障。"))
    look = _look(layout="excel_print", checkbox="radio_fisheye")
    sheet = load(io.BytesIO(hv14.sheet_xlsx(app, look))).active
    assert sheet is not None and sheet.title == "申报书"
    assert sheet.merged_cells.ranges and sheet.page_setup.fitToWidth == 1
    assert "&P" in str(sheet.oddFooter.center.text)
    values = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"测试学术年会", "王伟", "13800000000", "a@b.cn", "8万元", "2024年5月—2024年12月"} <= values
    pdf = hv14.sheet_pdfs({"s": (app, look)}, tmp_path)["s"]
    from pypdf import PdfReader

    assert _creator(pdf) == "Calc"
    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    _assert_values_in(text, app, look)
    assert "第 1 页，共" in text and "◉学术交流" in _flat(text)


def test_fourteenth_set_marks_are_where_they_belong() -> None:
    """Wingdings 2 boxes are symbols of that font (w:sym), not text; the emoji's tick and the radio
    button are characters before the chosen option only."""
    doc = _category_doc("wingdings2_sym")
    syms = [(s.get(qn("w:font")), s.get(qn("w:char"))) for s in doc.element.body.iter(qn("w:sym"))]
    assert syms.count(("Wingdings 2", "F052")) == 1 and syms.count(("Wingdings 2", "F0A3")) == 8
    assert "□" not in doc.tables[0].rows[0].cells[0].text and "☑" not in doc.tables[0].rows[0].cells[0].text
    runs = _option_runs(doc)
    chosen = next(i for i, r in enumerate(runs) if r.find(qn("w:sym")) is not None
                  and r.find(qn("w:sym")).get(qn("w:char")) == "F052")
    assert _runs_text(runs[chosen + 1]).startswith("学会服务站建设")
    for style, mark in (("green_check", "✅"), ("radio_fisheye", "◉")):
        text = _category_doc(style).tables[0].rows[0].cells[0].text
        assert text.count(mark) == 1 and f"{mark}学会服务站建设" in text


def test_fourteenth_set_decorations_show_in_the_document() -> None:
    """The unit's short name, the project's English name and full stops after the values; the
    e-mail's dots typed in Chinese mode; the leader's name and mobile in their label cells; smart
    tags around the names and the amount (their text in w:smartTag, not in the paragraph's own
    runs)."""
    decos = ("org_abbrev", "project_english", "email_cn_period")
    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    _, doc = _fourteenth_doc("header_row", value_decos=decos, decorations=decos, app=app)
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    project = cells[cells.index(["项目名称", "项目名称", "项目类别", "项目类别"]) + 1][0]
    assert project == "2024年湖南省光学学术年会（2024 Hunan Optics Annual Conference）"
    org = cells[cells.index(["申报单位", "申报单位", "单位类型", "单位类型"]) + 1][0]
    assert org in ("湖南省光学学会（简称：省光学学会）", "湖南省光学学会（简称“省光学学会”）")
    mail = cells[cells.index(["电子邮箱", "通讯地址", "申请经费", "起止时间"]) + 1][0]
    assert mail == "a@b。cn"
    _, stopped = _fourteenth_doc("header_row", value_decos=("trailing_punctuation",),
                                 decorations=("trailing_punctuation",))
    rows = [[c.text for c in r.cells] for r in stopped.tables[0].rows]
    assert rows[1][0][:-1] == "测试学术年会" and rows[1][0][-1] in "。；"
    moved = ("value_in_label_cell", "smart_tags")
    _, doc = _fourteenth_doc("alt_cols", value_decos=moved, decorations=moved, funding="wan")
    rows = _table_rows(doc.tables[0])
    leader = next(r for r in rows if r[0].startswith("负责人"))
    assert re.fullmatch(r"负责人(：|　|)王伟", leader[0]) and leader[1] == ""
    assert re.fullmatch(r"手机(：|　|)13800000000", leader[4]) and leader[5] == ""
    tags = {t.get(qn("w:element")): t for t in doc.element.body.iter(qn("w:smartTag"))}
    assert {"PersonName"} <= set(tags) and _runs_text(tags["PersonName"]) in ("王伟", "李娜")
    names = [t for t in doc.element.body.iter(qn("w:smartTag")) if t.get(qn("w:element")) == "PersonName"]
    assert {_runs_text(t) for t in names} == {"王伟", "李娜"}
    attrs = {a.get(qn("w:name")): a.get(qn("w:val")) for a in names[0].iter(qn("w:attr"))}
    assert attrs["ProductID"] == _runs_text(names[0])
    # (python-docx's own reading of a paragraph skips a smart tag's runs: the name is in the tag only.)
    assert "王伟" not in leader[0].replace("王伟", "", 1) and "王伟" not in doc.tables[0].rows[4].cells[0].paragraphs[-1].text
    _, amount = _fourteenth_doc("header_row", value_decos=("smart_tags",), decorations=("smart_tags",), funding="wan")
    metric = [t for t in amount.element.body.iter(qn("w:smartTag")) if t.get(qn("w:element")) == "chmetcnv"]
    assert len(metric) == 1 and _runs_text(metric[0]) == "8万元"


@pytest.fixture(scope="module")
def dev14(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev14")
    # Dev draws the fourteenth set too: seed 35 gives every way this set sends, prints and scans a
    # form, a spreadsheet's print sent as PDF and a pen's circles in blue on a scan (130 mails: dev
    # weighs none of them up, and a pen's circles, for scans and photos only, are rare, the more
    # with the fifteenth, the sixteenth and the seventeenth set's scans and pens drawn too; a
    # photo's light may leave its circles too faint a blue; reseeded when the nineteenth set moved
    # to dev: Wingdings 2 symbols in a .docx, found by a search over plans; and when the twentieth
    # set did: no seed up to 220 holds them all in 100 mails, 35 does in 130).
    write_corpus(out, "dev", 130, seed=35)
    return out


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A zip member's name as a careful reader decodes it: UTF-8 where flagged so, else its bytes as
    UTF-8 (a Mac's zip) or GBK (Windows' in China)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _unpack(name: str, data: bytes, password: str | None = None) -> dict[str, tuple[str, bytes]]:
    """The members of an archive by their bytes' SHA-256 (name, bytes), those of an archive in it too
    (`password`: a locked archive's, the fifteenth set's archive_password)."""
    if data[:8] == b"Rar!\x1a\x07\x01\x00":  # (a RAR5 archive, the seventeenth set's, whatever its name)
        return _rar_members(data)
    out: dict[str, tuple[str, bytes]] = {}
    if data[:2] == b"\x1f\x8b":  # (a .tar.gz, the eighteenth set's, whatever its name)
        import tarfile

        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
            found = [(i.name, tf.extractfile(i).read()) for i in tf.getmembers() if i.isfile()]  # type: ignore[union-attr]
    elif name.lower().endswith(".zip") and data[:6] != b"7z\xbc\xaf\x27\x1c":  # (a 7z named .zip: the eighteenth set's)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if password is not None:
                zf.setpassword(password.encode())
            found = [(_zip_name(i), zf.read(i)) for i in zf.infolist() if not i.is_dir()]
    else:
        with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(io.BytesIO(data), password=password) as sz:
            sz.extractall(path=tmp)
            found = [(str(x.relative_to(tmp)), x.read_bytes()) for x in Path(tmp).rglob("*") if x.is_file()]
    for member, content in found:
        out[hashlib.sha256(content).hexdigest()] = (member, content)
        if member.lower().endswith((".zip", ".7z")):
            out |= _unpack(member, content)
    return out


def test_fourteenth_set_ways_of_sending_are_in_their_mails(dev14: Path) -> None:
    """Every file of a row is in its mail (an archive's in the archive, or in the archive inside
    it). A .docx holding only the scans of its printout: pictures, no text; a forward of a forward:
    two quoted header blocks, the subject forwarded twice; an archive in an archive: the form in
    the inner one; a reply to the notice: its subject, threading headers and the notice quoted; raw
    headers: the subject and the files' names as GBK bytes; two pages to a sheet: landscape sheets;
    a PDF without ToUnicode maps: no map, its text no longer the project's name; a faint, skewed scan:
    no black left; a black-and-white scan: 1-bit CCITT images; a pen's circles: blue ink on the scan;
    a photo at a slant: the sheet narrower at the top; a spreadsheet's print: Calc's PDF."""
    from pypdf import PdfReader

    from benchmarks.gencorpus import holdout_variants_14 as hv14
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS

    rows = [r for r in _truth(dev14) if r["electronic"]]
    msgs = _messages(dev14)
    raw = {str(email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["Message-ID"]): p.read_bytes()
           for p in (dev14 / "mail").glob("*.eml")}
    seen: set[str] = set()
    for row in rows:
        msg = msgs[row["message_id"]]
        parts = _all_parts(msg)
        # (The fifteenth set's winmail.dat, Outlook's, holds a mail's files: they are the mail's too.)
        tnef = _tnef_files({sha: data for sha, (_, data) in parts.items()})
        # (An archive locked with the body's password, the fifteenth set's, is opened in that set's test;
        # the mail's other form's row is in the same mail.)
        locked = "archive_password" in row["tags"].get("decorations", ())
        packed: dict[str, tuple[str, bytes]] = {}
        for data in [data for _, data in parts.values()] + list(tnef.values()):
            # (A RAR5 archive too, the seventeenth set's.)
            # (And a .tar.gz, the eighteenth set's.)
            if data[:2] == b"PK" and b"[Content_Types].xml" not in data[:4000] or data[:6] == b"7z\xbc\xaf\x27\x1c" \
                    or data[:8] == b"Rar!\x1a\x07\x01\x00" or data[:2] == b"\x1f\x8b":
                try:
                    packed |= _unpack(".7z" if data[:2] == b"7z" else ".zip", data)
                # (A volume of a split archive, the eighteenth set's, opens only joined: that set's test.)
                except (RuntimeError, py7zr.exceptions.PasswordRequired, zipfile.BadZipFile,
                        py7zr.exceptions.Bad7zFile, EOFError):
                    locked = True
        missing = [f["name"] for f in row["files"] if f["sha256"] not in parts and f["sha256"] not in packed
                   and f["sha256"] not in tnef and not f["name"].endswith(".eml") and not (locked and f.get("in_zip"))]
        assert not missing, missing
        if row["kind"] != "application" or row["fields"]["project_name"] is None:
            continue
        fields, tags = row["fields"], row["tags"]
        decos = set(tags["decorations"])
        seen |= decos | {tags["layout"], tags["checkbox"]}
        forms = [parts[f["sha256"]][1] if f["sha256"] in parts else tnef[f["sha256"]] for f in row["files"]
                 if f["role"] == "form" and (f["sha256"] in parts or f["sha256"] in tnef)]
        pdfs = [d for d in forms if d.startswith(b"%PDF")]
        if "scan_in_docx" in decos:
            # (A mail's files are every form's: beside a second form's own .docx when the mail carries
            # two, whatever name a client gave them, one .docx holds pictures and no text.)
            packages = [d for d in forms if d[:2] == b"PK" and b"[Content_Types].xml" in d[:4000]]
            scanned = [d for d in packages if _docx_all_text(d).strip() == ""]
            assert scanned, len(packages)
            for docx in scanned:
                with zipfile.ZipFile(io.BytesIO(docx)) as zf:
                    assert [n for n in zf.namelist() if n.startswith("word/media/") and n.endswith(".jpg")]
        if "forward_chain" in decos:
            body = _body_text(msg)
            assert body.count("发件人") >= 2 and body.index("发件人") < body.index("附件是")
            assert re.match(r"(转发[：:]|Fw:|Fwd: ).*(转发[：:]|Fw:|Fwd: )", row["subject"])
        if "nested_archive" in decos:
            inner = [f for f in row["files"] if f.get("in_zip") and f["name"].endswith(".zip")]
            assert inner
            # (An outer archive locked or split into volumes is opened in the fifteenth's or the
            # eighteenth set's test, as above: its inner archive with it.)
            if not locked:
                assert inner[0]["sha256"] in packed
                within = _unpack(".zip", packed[inner[0]["sha256"]][1])
                assert [f for f in row["files"] if f.get("in_zip") and f["sha256"] in within and f["role"] == "form"]
        if "reply_to_notice" in decos:
            assert row["subject"].endswith(hv14.NOTICE_SUBJECT) and row["subject"] != hv14.NOTICE_SUBJECT
            assert msg["In-Reply-To"] == hv14.NOTICE_ID and msg["References"] == hv14.NOTICE_ID
            body = _body_text(msg)
            assert "各有关单位" in body and body.index("附件是") < body.index("各有关单位")
        if "raw_8bit_headers" in decos:
            head = raw[row["message_id"]].split(b"\r\n\r\n", 1)[0]
            subject = re.search(rb"^Subject: ([^\r\n]*)", head, re.M)
            assert subject is not None and subject.group(1) == row["subject"].encode("gbk")
            names = [f["name"].encode("gbk") for f in row["files"] if not f.get("in_zip") and not f.get("in_eml")]
            assert any(b"name=\"" + n + b"\"" in raw[row["message_id"]] for n in names)  # (filename= or name=)
        # (A mail's files are every form's: a way of printing is checked on the file of the form's format
        # that shows it, one of them when the mail carries two.)
        # (A form sent as OFD in place of its PDF, the seventeenth set's, is read in that set's test.)
        if tags["format"] == "pdf" and "two_up_print" in decos and "ofd_export" not in decos:
            sheets = [PdfReader(io.BytesIO(d)).pages[0].mediabox for d in pdfs]
            assert [b for b in sheets if float(b.width) > float(b.height)]
        if tags["format"] == "pdf" and "no_tounicode" in decos:
            assert [d for d in pdfs if _lost_maps(d, fields["project_name"])]
        if tags["format"] == "scan_pdf" and decos & {"faint_skewed_scan", "bilevel_scan"}:
            images = [PdfReader(io.BytesIO(d)).pages[0].images[0].image for d in pdfs if _image_only(d)]
            if "bilevel_scan" in decos:
                assert [i for i in images if i is not None and i.mode == "1"]
            else:  # low toner: the darkest ink a mid grey
                assert [i for i in images if i is not None and np.percentile(np.asarray(i.convert("L")), 0.2) > 60]
        # (A black-and-white scan keeps no blue: its circles are black; so do the fifteenth set's fax and
        # TIFF. A scan's every page is looked at: with its pages reversed, the circled page is not the
        # first. A searchable scan, the fifteenth set's, has the copier's OCR text over its pictures.)
        # (Nor does a searchable scan, the fifteenth set's: its pen's circles come out black — seen on
        # dev14's seed 340, the only pen_circle scan that seed draws; not looked into further.)
        if tags["checkbox"] == "pen_circle" and tags["format"] in ("scan_pdf", "photo_jpg") \
                and not decos & {"bilevel_scan", "fax_scan", "tiff_scan", "ocr_text_layer"}:
            shots: list[Any] = ([Image.open(io.BytesIO(d)) for d in forms if d[:3] == b"\xff\xd8\xff" or d[8:12] == b"WEBP"]
                                or [p.image for d in pdfs if _image_only(d) or "ocr_text_layer" in decos
                                    for page in PdfReader(io.BytesIO(d)).pages for p in page.images])
            blue = sum(int(np.count_nonzero((a[..., 2].astype(int) - a[..., 0] > 50) & (a[..., 0] < 110)))
                       for a in (np.asarray(s.convert("RGB")) for s in shots))
            assert blue > 200, blue
            seen.add("pen_circle:blue")
        if "keystone_photo" in decos:
            from PIL import ImageOps

            # (Upright as its EXIF orientation says: a photo taken on its side, turned_page, lies so; a
            # photo saved as WebP, the eighteenth set's, is one too.)
            shot = Image.open(io.BytesIO(next(d for d in forms if d[:3] == b"\xff\xd8\xff" or d[8:12] == b"WEBP")))
            first = np.asarray(ImageOps.exif_transpose(shot).convert("L"))
            h = first.shape[0]
            # The sheet's extent across a row near its top and one near its bottom (the paper is light, the desk dark).
            extent = [int(np.ptp(np.nonzero(first[int(h * y)] > 150)[0])) for y in (0.15, 0.85)]
            assert extent[0] < extent[1] * 0.96, extent
        if tags["layout"] == "excel_print" and "ofd_export" not in decos:
            assert [d for d in pdfs if _creator(d) == "Calc"]
            seen.add("excel_print:Calc")
        words = [zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml") for d in forms
                 if d[:2] == b"PK" and b"[Content_Types].xml" in d[:4000] and "scan_in_docx" not in decos]
        words += [zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml") for sha, (name, d) in packed.items()
                  if name.endswith(".docx") and sha in {f["sha256"] for f in row["files"] if f["role"] == "form"}]
        # (The .docx the row's form is, one of the mail's: what it holds of the set; a form in a locked
        # archive is read in the fifteenth set's test, the mail's other .docx another form's.)
        if words and not locked:
            # (An altChunk form's own text, its smart tags with it, is in its chunk, not in document.xml.)
            if "smart_tags" in decos and tags["layout"] != "altchunk_form":
                assert [x for x in words if b"<w:smartTag " in x]
            if tags["checkbox"] == "wingdings2_sym":
                assert [x for x in words if b'w:font="Wingdings 2" w:char="F052"' in x]
            # (A screenshot's or a worksheet's values are no text of the document.)
            if "email_cn_period" in decos and fields["contact_email"] and tags["layout"] not in PICTURE_LAYOUTS | SHEET_LAYOUTS:
                assert [x for x in words if fields["contact_email"].replace(".", "。").encode() in x]
            seen |= {"docx:" + d for d in (decos | {tags["checkbox"]}) & {"smart_tags", "email_cn_period", "wingdings2_sym"}}
    wanted = {"scan_in_docx", "forward_chain", "nested_archive", "reply_to_notice", "raw_8bit_headers", "two_up_print",
              "no_tounicode", "faint_skewed_scan", "bilevel_scan", "keystone_photo", "excel_print:Calc",
              "docx:smart_tags", "docx:wingdings2_sym"}
    # (A pen's circles on a photo or a plain scan: no seed of this fixture draws them with all of the
    # above since the eighteenth set moved to dev; test_a_pens_circles_are_blue has a fixture of its own.)
    assert wanted <= seen, wanted - seen


@pytest.fixture(scope="module")
def dev14_pen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev14pen")
    # Seed 11 draws a pen's circles on a photo or a plain scan among 30 mails (found by a search over
    # plans once the twentieth set moved to dev).
    write_corpus(out, "dev", 30, seed=11)
    return out


def test_a_pens_circles_are_blue_on_a_photo_or_a_plain_scan(dev14_pen: Path) -> None:
    """The fourteenth set's pen_circle: the chosen options circled in blue ink on the printout
    before it was scanned or photographed (a black-and-white scan, a fax, a TIFF or a searchable
    scan keep no blue and are left out)."""
    from pypdf import PdfReader

    msgs = _messages(dev14_pen)
    rows = [r for r in _truth(dev14_pen) if r["electronic"] and r["tags"].get("checkbox") == "pen_circle"
            and r["tags"]["format"] in ("scan_pdf", "photo_jpg")
            and not set(r["tags"].get("decorations", ())) & {"bilevel_scan", "fax_scan", "tiff_scan", "ocr_text_layer"}]
    assert rows
    for row in rows:
        files = list(_attachments(msgs[row["message_id"]]).values())
        shots: list[Any] = ([Image.open(io.BytesIO(d)) for d in files if d[:3] == b"\xff\xd8\xff" or d[8:12] == b"WEBP"]
                            or [p.image for d in files if d[:4] == b"%PDF" and _image_only(d)
                                for page in PdfReader(io.BytesIO(d)).pages for p in page.images])
        blue = sum(int(np.count_nonzero((a[..., 2].astype(int) - a[..., 0] > 50) & (a[..., 0] < 110)))
                   for a in (np.asarray(s.convert("RGB")) for s in shots))
        assert blue > 200, (row["truth_id"], blue)


def _creator(pdf: bytes) -> str | None:
    from pypdf import PdfReader

    meta = PdfReader(io.BytesIO(pdf)).metadata
    return None if meta is None else meta.creator


def _image_only(pdf: bytes) -> bool:
    doc = pdfium.PdfDocument(pdf)
    return not "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc))).strip()


def _lost_maps(pdf: bytes, project: str) -> bool:
    """Whether `pdf` has fonts and none with a ToUnicode map, and its text no longer reads `project`."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    fonts = [f.get_object() for p in reader.pages
             for f in p["/Resources"].get_object()["/Font"].get_object().values()]  # type: ignore[index]
    doc = pdfium.PdfDocument(pdf)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    return bool(fonts) and not [f for f in fonts if "/ToUnicode" in f] and _flat(project) not in _flat(text)


def test_raw_headers_write_the_subject_and_names_as_gbk() -> None:
    """Every client's encoded words and RFC 2231 names become raw GBK bytes; the body is untouched."""
    from shenbao.demo.mail import build_eml

    from benchmarks.gencorpus import holdout_variants_14 as hv14

    name = "湖南省光学学会2024年度科协项目申报书（盖章扫描件）.pdf"
    for style in ("qq", "foxmail", "outlook", "coremail", "apple", "thunderbird"):
        eml = build_eml(sender="a@b.cn", sender_name="张三", subject="湖南省光学学会申报材料", body="您好！附件是申报书。",
                        attachments=[(name, b"%PDF-1.4 x", "application/pdf")], date=datetime(2024, 4, 1, 9, 0),
                        message_id="<q@b.cn>", client_style=style)  # type: ignore[arg-type]
        out = hv14.raw_headers(eml)
        head, body = out.split(b"\r\n\r\n", 1)
        assert b"Subject: " + "湖南省光学学会申报材料".encode("gbk") in head
        assert b"filename=\"" + name.encode("gbk") + b"\"" in body and b"filename*" not in body
        assert b"=?" not in body
        msg = email.message_from_bytes(out, policy=email.policy.compat32)
        files = [p.get_payload(decode=True) for p in msg.walk() if p.get_content_maintype() == "application"]
        assert files == [b"%PDF-1.4 x"], style


def test_scans_and_photos_of_this_set_are_what_they_say(tmp_path: Path) -> None:
    """A photo at a slant keeps its sheet narrower at the far edge; a pen's circle goes round an
    option's words where its box is, not where a project's name holds them; a black-and-white scan
    is 1 bit; a faint scan has no black left."""
    from benchmarks.gencorpus.docmodel import Table, build_docx
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.media import PenTicks, _keystone, option_spans, scan_pdf, soffice_batch

    sheet = Image.new("RGB", (800, 1000), (100, 80, 60))
    sheet.paste(Image.new("RGB", (600, 800), "white"), (100, 100))
    slanted = np.asarray(_keystone(sheet, random.Random(3)).convert("L"))
    widths = [int(np.count_nonzero(slanted[y] > 200)) for y in (150, 850)]
    assert widths[0] < widths[1] * 0.95, widths
    rows = ((DocCell("项目名称"), DocCell("湖南省白茶产业科技创新联盟建设")),
            (DocCell("项目类别"), DocCell("□学术交流  □科技创新联盟建设  □学会服务站建设")))
    pdf = soffice_batch({"f": build_docx((Table((1.0, 3.0), rows),), "x")}, "pdf", tmp_path)["f"]
    spans = option_spans(pdf, PenTicks(("科技创新联盟建设",), ("学术交流", "科技创新联盟建设", "学会服务站建设")), 1)
    assert len(spans[0]) == 1
    doc = pdfium.PdfDocument(pdf)
    textpage = doc[0].get_textpage()
    text = textpage.get_text_range()
    second = text.index("科技创新联盟建设", text.index("项目类别"))
    left, bottom, right, top = textpage.get_charbox(second)
    assert abs(spans[0][0][0] - left) < 1 and abs(spans[0][0][1] - (doc[0].get_height() - top)) < 1
    bilevel = scan_pdf(pdf, random.Random(1), "湖南省测试学会", style="bilevel")
    assert b"/CCITTFaxDecode" in bilevel and b"/DCTDecode" not in bilevel
    faint = scan_pdf(pdf, random.Random(1), "湖南省测试学会", style="faint_skewed")
    plain_scan = scan_pdf(pdf, random.Random(1), "湖南省测试学会")
    darkest = [np.percentile(np.asarray(Image.open(io.BytesIO(d[d.index(b"\xff\xd8\xff"):])).convert("L")), 0.05)
               for d in (faint, plain_scan)]
    assert darkest[0] > 60 > darkest[1], darkest


def test_fourteenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The fourteenth set printed by LibreOffice (the spreadsheet's print is Calc's: read in its own
    test): every value is there to read, in last year's grid, rows cut short, the one long table
    (its heading row again at the top of each page it runs over), the people under a diagonal
    corner or cells turned into paragraphs; each printable mark, amount, period and decoration of
    the set in print."""
    from benchmarks.gencorpus import holdout_variants_14 as hv14

    wanted = ((set(hv14.LAYOUTS) - hv14.PDF_ONLY_LAYOUTS)
              | (set(hv14.CHECKBOXES) - hv14.WORD_ONLY_CHECKBOXES - hv14.SCAN_ONLY_CHECKBOXES)
              | set(hv14.FUNDINGS) | set(hv14.DATES)
              | {"org_abbrev", "email_cn_period", "value_in_label_cell", "project_english", "trailing_punctuation"})
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv14.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text + cells)
        look = f.look
        if look.checkbox == "radio_fisheye":
            assert 1 <= _flat(text).count("◉") <= 2, look.checkbox
        if "org_abbrev" in look.decorations:
            assert _flat(f"简称{hv14.abbreviation(f.app.applicant_org)}") in re.sub("[：:“”]", "", flat)
        if "project_english" in look.decorations:
            assert _flat(str(hv14.project_english(f.app.project_name))) in flat
        if look.layout == "one_big_table":
            doc = pdfium.PdfDocument(pdf_bytes)
            pages = [_flat(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
            first = next(i for i, p in enumerate(pages) if _flat("一、基本情况") in p)
            assert _flat("栏目填写内容一、基本情况") in pages[first]
            assert len(pages) > first + 1 and all(p.startswith(_flat("栏目填写内容")) for p in pages[first + 1:])


# ---------------------------------------------------------------------------- the fifteenth held-out set

def test_fifteenth_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv15._NO_MARK_LAYOUTS | hv15._CELL_LAYOUTS | hv15._POST_LAYOUTS <= set(LAYOUTS)
    assert set(hv15._STAND_INS) <= set(CHECKBOXES)
    assert hv15._SHEET_KEEPS | hv15._SENT_BEFORE | hv15._SCAN_WAYS_BEFORE | hv15._SCANS_KEPT_BY <= set(DECORATIONS)
    assert hv15.PER_FILE | hv15.PER_MAIL | hv15.VALUE_DECORATIONS == set(hv15.DECORATIONS)
    assert hv15.OWN_SCANS <= hv15.PER_FILE


def test_fifteenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V, category_text, type_text, wan_str

    def fund(wan: float, style: str, aid: str = "A-1", item: str = "学术交流") -> str:
        return hv15.funding_text(_app(funding_wan=wan, aid=aid, subcategory=item), style)

    assert {fund(8.0, "daxie_zheng", f"A-{k}") for k in range(12)} == {"人民币捌万元正", "捌万元正"}
    assert fund(7.5, "daxie_zheng").endswith("柒万伍仟元正") and fund(25.0, "daxie_zheng").endswith("贰拾伍万元正")
    assert [hv15.daxie_figure(w) for w in (8, 25, 10, 7.5, 70, 15, 9.5)] == [
        "捌", "贰拾伍", "壹拾", "柒点伍", "柒拾", "壹拾伍", "玖点伍"]
    assert {fund(8.0, "digit_daxie_inline", f"A-{k}") for k in range(12)} == {"8（捌）万元", "人民币8（捌）万元"}
    cap = wan_str(load_guide().items["学术交流"].fmax)
    assert {fund(8.0, "amount_with_cap", f"A-{k}") for k in range(12)} == {
        f"8万元（本类项目限额{cap}万元）", f"8万元（不超过{cap}万元）", f"8万元（限额{cap}万元以内）"}
    fixed = next(n for n, it in load_guide().items.items() if it.fmin == it.fmax)
    amount = load_guide().items[fixed].fmax
    assert fund(amount, "amount_with_cap", item=fixed) == f"{wan_str(amount)}万元（定额{wan_str(amount)}万元）"
    app = _app(start=date(2024, 6, 1), end=date(2024, 11, 30))
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))

    def periods(style: str) -> set[str]:
        return {hv15.period_text(_app(aid=f"A-{k}", start=app.start, end=app.end), style) for k in range(12)}

    assert periods("blank_filled") == {"2024　年　6　月　至　2024　年　11　月", "__2024__年__6__月至__2024__年__11__月"}
    assert periods("month_early_late") == {"2024年6月初至2024年11月末", "2024年6月初—11月末"}
    assert hv15.period_text(late, "month_early_late") == "2024年3月初至2025年6月末"
    assert periods("yi_dash") == {"2024年6月一2024年11月", "2024.6一2024.11", "2024年6月一11月"}
    assert {hv15.period_text(_app(aid=f"A-{k}", start=late.start, end=late.end), "yi_dash") for k in range(12)} == {
        "2024年3月一2025年6月", "2024.3一2025.6"}
    # (一 is the character yi, not a dash; the blanks' spaces are full-width.)
    assert "\u4e00" in hv15.period_text(app, "yi_dash") and "—" not in hv15.period_text(app, "yi_dash")
    assert hv15.option_text(True, "学术交流", "cc_stale_state") == "[ccs:1]学术交流"
    assert plain("[ccs:1]学术交流") == "☑学术交流" and plain("[ccs:0]学术交流") == "☐学术交流"
    assert hv15.option_text(True, "学术交流", "char_shading_chosen") == "[cs]学术交流[/cs]"
    assert hv15.option_text(False, "学术交流", "char_shading_chosen") == "学术交流"
    for style in ("pen_underline", "pen_fill_box"):
        assert hv15.option_text(True, "学术交流", style) == hv15.option_text(False, "学术交流", style) == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    assert category_text(station, "char_shading_chosen").count("[cs]") == 1
    assert "[cs]学会服务站建设[/cs]" in category_text(station, "char_shading_chosen")
    assert type_text(station, "cc_stale_state").count("[ccs:1]") == 1 and "[ccs:1]市州科协" in type_text(
        station, "cc_stale_state")
    # Names as a unit once had them, as a cover shortens them; the sex people write after a name.
    assert hv15.former_name("湖南省光学学会") == "湖南省光学研究会"
    assert hv15.former_name("湖南省乡村发展研究院") == "湖南省乡村发展研究所"
    assert hv15.former_name("长沙市科协") is None and hv15.former_name("中南大学科协") is None
    assert [hv15.gender(n) for n in ("王伟", "李娜", "张秀英", "阿依古丽·艾海提", "买买提江·吐尔逊")] == [
        "男", "女", "女", "女", "男"]
    assert hv15.short_project("2024年湖南省光学学术年会") == "光学学术年会"
    assert hv15.short_project("第5届湖南光学学术论坛") == "光学学术论坛"
    assert hv15.short_project("新化县黑茶产业学会服务站建设") == "新化县黑茶产业学会服务站"
    assert hv15.short_project("服务新化县黑茶产业高质量发展学会服务站") == "服务新化县黑茶产业高质量发展学会服务站项目"
    assert hv15.short_org("湖南省光学学会") == "省光学学会" and hv15.short_org("中南大学科协") == "中南大学科协"
    # Decorations of the values, each on a value typed plainly.
    named = _app(applicant_org="湖南省光学学会")

    def typed(*decos: str) -> Any:
        return _V(named, _look(value_decos=decos, decorations=decos))

    assert typed("project_item_prefix").project in {"【学术交流】测试学术年会", "学术交流类：测试学术年会",
                                                    "（学术交流）测试学术年会"}
    assert typed("org_former_name").org in {"湖南省光学学会（原湖南省光学研究会）", "湖南省光学学会（原名：湖南省光学研究会）",
                                            "湖南省光学学会（更名前为湖南省光学研究会）"}
    assert typed("name_gender").name in {"王伟（男）", "王伟，男", "王伟 男"}
    coloned = typed("value_leading_colon")
    assert (coloned.project, coloned.name, coloned.leader_phone, coloned.email) == (
        "：测试学术年会", "：王伟", "：13800000000", "：a@b.cn")
    padded = typed("padded_values")
    assert padded.name.strip("　") == "王伟" and padded.name.startswith("　") and padded.org.endswith("　")
    coloured = typed("values_coloured")
    assert re.fullmatch(r"\[fc:[0-9A-F]{6}\]王伟\[/fc\]", coloured.name) and plain(coloured.funding) == "8万元"
    assert plain(coloured.period) == "2024年5月—2024年12月"
    # (A name with a post or a tag after it is no plain value: the decoration leaves it.)
    assert _V(named, _look(name_deco="post_paren", value_decos=("name_gender",),
                           decorations=("name_post_paren", "name_gender"))).name == "王伟（理事长）"
    assert hv15.checkbox_for("cc_stale_state", "table_screenshot", "A-1", "docx") in hv15._STAND_INS
    assert hv15.checkbox_for("char_shading_chosen", "header_row", "A-1", "scan_pdf") in hv15._STAND_INS
    assert hv15.checkbox_for("char_shading_chosen", "header_row", "A-1", "pdf") == "char_shading_chosen"
    assert hv15.checkbox_for("pen_underline", "cb_matrix", "A-1", "scan_pdf") in hv15._STAND_INS
    assert hv15.checkbox_for("ballot", "sheet_row_xlsx", "A-1", "docx") == "text_only"


def test_fifteenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever 大写, figure or
    ceiling is written with it, the period's months (月初 and 月末 are their months, 一 a dash, the
    blanks' spaces nothing), names, units and phones without what was typed before or after them;
    each of the set's amount, period and decoration writings is drawn (on both splits, now that dev
    draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            typed = "".join(str(fields[k] or "") for k in ("project_name", "applicant_org", "leader_name",
                                                           "contact_phone", "contact_email"))
            assert not re.search(r"[【】\u3000]|类：|（原|原名|更名|（[男女]）|，[男女]|^：|限额|定额", typed)
            if f.look.dates in hv15.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
            if f.look.funding in hv15.FUNDINGS:
                assert isinstance(fields["funding_wan"], float)
    names = {*hv15.FUNDINGS, *hv15.DATES, *hv15.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_fifteenth_set_variants_are_drawn_where_they_show() -> None:
    """A package's layouts for files sent as .docx only, a workbook's for forms drawn as .docx,
    its options drop-down lists; the stale check box controls in .docx files only; the grey ground
    never on a scan; the pen's marks on scans and photos of printed options only; each decoration
    of a value only where it shows; each way of exporting, scanning or photographing only for its
    format, one a file, in place of the earlier sets' ways of scanning; a file named by its unit
    alone; a locked archive's password in the body; the fields in a body and a link in place of
    a form only in a mail of one form sent plainly; winmail.dat only from Outlook (on both splits,
    now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.build import OOXML_FORMATS
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt != "none"]
        if "cloud_link" in m.quirks:
            (f,) = m.forms
            assert f.fmt == "none" and "cloud_link_only" in f.look.decorations and "http" in m.body
            assert m.scenario in ("single", "joint_roles", "designated_ok") and not m.attachments
            seen[split].add("cloud_link_only")
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            if layout in hv15.OOXML_ONLY_LAYOUTS or box in hv15.OOXML_ONLY_CHECKBOXES:
                assert f.fmt in OOXML_FORMATS and "scan_in_docx" not in decos, (layout, box, f.fmt)
            if layout in hv15.SHEET_LAYOUTS:
                # (The sixteenth, the seventeenth and the eighteenth set's ways of sending a
                # mail are every form's of it, no part of the sheet; the sixteenth set's decorations of
                # a value are typed into the cells too.)
                assert f.fmt == "docx" and box == "text_only" \
                    and set(f.look.value_decos) - hv16.PER_MAIL - hv16.VALUE_DECORATIONS - hv17.PER_MAIL \
                    - hv18.PER_MAIL - hv19.PER_MAIL - hv20.PER_MAIL - hv21.PER_MAIL - hv22.PER_MAIL - hv23.PER_MAIL \
                    <= hv15._SHEET_KEEPS
                assert hv15.sent_as_sheet(f.look)
            if box in hv15.CHECKBOXES:
                assert layout not in hv15._NO_MARK_LAYOUTS
            if box == "char_shading_chosen":
                assert f.fmt not in ("scan_pdf", "photo_jpg")
            if box in hv15.SCAN_ONLY_CHECKBOXES:
                assert f.fmt in ("scan_pdf", "photo_jpg")
            if layout == "paired_grid":
                assert "post_before_name" not in decos
            v = _V(f.app, f.look)
            if "project_item_prefix" in decos:
                assert f.app.subcategory in plain(v.project).replace(f.app.project_name, "")
            if "org_former_name" in decos:
                after = plain(v.org).replace(f.app.applicant_org, "", 1)
                assert str(hv15.former_name(f.app.applicant_org)) in after
            if "name_gender" in decos:
                assert re.search(f"{f.app.leader_name}[（，  ][男女]", plain(v.name)) and f.look.name_deco == "plain"
            if "value_leading_colon" in decos:
                assert layout in hv15._CELL_LAYOUTS
                assert [a for a in ("project", "org", "name", "contact", "leader_phone", "contact_phone", "email")
                        if "：" in plain(getattr(v, a))[:3]]
            if "values_coloured" in decos:
                assert [a for a in ("project", "org", "name", "contact", "leader_phone", "contact_phone", "email")
                        if "[fc:" in getattr(v, a)]
            if decos & {"rtf_as_doc", "wordml_doc"}:
                assert f.fmt == "doc" and not {"rtf_as_doc", "wordml_doc"} <= decos
            if "wordml_doc" in decos:  # (LibreOffice writes no Word 2003 XML of newspaper columns)
                assert layout != "newspaper_columns"
                assert not decos & {"html_doc", "misnamed_ext"}
            if decos & hv15.OWN_SCANS:
                assert len(decos & hv15.OWN_SCANS) == 1 and not decos & (hv15._SCAN_WAYS_BEFORE | hv15._SCANS_KEPT_BY)
            if decos & {"ocr_text_layer", "tiff_scan", "fax_scan"}:
                assert f.fmt == "scan_pdf"
            if decos & {"phone_scanner_pdf", "long_screenshot"}:
                assert f.fmt == "photo_jpg"
            if "long_screenshot" in decos:
                assert box not in ("pen_tick", "pen_circle", *hv15.SCAN_ONLY_CHECKBOXES)
            if "unit_only_name" in decos:
                assert f.filename == f"{f.app.applicant_org}.{f.filename.rsplit('.', 1)[1]}" and len(sent) == 1
            if "archive_password" in decos:
                assert f.fmt in ("7z", "zip_utf8") and m.password and f"压缩包解压密码：{m.password}" in m.body
                assert m.forwarded is None and "nested_archive" not in decos
            if "body_fields_sigpage" in decos:
                assert len(m.forms) == 1 and f.fmt == "scan_pdf" and box == "text_only" and layout not in hv15.LAYOUTS
                assert f"项目名称：{plain(v.project)}" in m.body and f"申请经费：" in m.body
            if "tnef_winmail" in decos:
                assert m.client == "outlook" and m.forwarded is None and all("tnef_winmail" in g.look.decorations
                                                                             for g in sent)
                assert not decos & {"forwarded_eml", "body_html_form", "body_pictures"}
    names = set().union(*_variant_names(hv15).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _fifteenth_doc(layout: str = "header_row", **kw: Any) -> tuple[bytes, Any]:
    """A form of `layout` as it is sent (content controls, a package of its own), and python-docx's
    reading of it when it has one."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = kw.pop("app", _app())
    look = _look(layout=layout, **kw)
    data = hv15.finished(build_docx(form_blocks(app, look), "x"), look)
    return data, None if layout == "altchunk_form" else Document(io.BytesIO(data))


def test_altchunk_form_is_a_package_inside_the_package(tmp_path: Path) -> None:
    """The body holds one w:altChunk and no text; its relationship points at a .docx part whose
    document is the whole form; LibreOffice prints the form from it."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.media import soffice_batch

    data, _ = _fifteenth_doc("altchunk_form", cover=True)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = zf.read("word/document.xml")
        rels = zf.read("word/_rels/document.xml.rels").decode()
        types = zf.read("[Content_Types].xml").decode()
        inner = zf.read("word/afchunk1.docx")
    assert body.count(b"<w:altChunk ") == 1 and b"<w:t>" not in body and b"<w:t " not in body
    assert hv15.AFCHUNK_REL in rels and 'Target="afchunk1.docx"' in rels
    assert 'PartName="/word/afchunk1.docx"' in types and hv15.AFCHUNK_TYPE in types
    text = _docx_all_text(inner)
    _assert_values_in(text, _app(), _look(layout="altchunk_form"))
    assert "填报说明" in text and "四、申报单位意见" in text
    pdf = soffice_batch({"a": data}, "pdf", tmp_path)["a"]
    doc = pdfium.PdfDocument(pdf)
    printed = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert _flat("测试学术年会") in _flat(printed) and "13800000000" in printed


def test_cover_disagrees_names_the_project_and_the_unit_shorter_on_the_cover() -> None:
    from benchmarks.gencorpus import holdout_variants_15 as hv15

    app = _app(project_name="2024年湖南省光学学术年会", applicant_org="湖南省光学学会")
    _, doc = _fifteenth_doc("cover_disagrees", app=app, cover=True)
    texts = _paragraph_texts(doc)
    start = texts.index("一、基本情况")
    cover = texts[:texts.index("填报说明")]
    assert "项目名称：光学学术年会" in cover and "申报单位（盖章）：省光学学会" in cover
    assert not [t for t in cover if "2024年湖南省光学学术年会" in t or "湖南省光学学会" in t]
    rows = _table_rows(doc.tables[0])
    assert ["项目名称", "2024年湖南省光学学术年会"] in rows and ["申报单位", "湖南省光学学会"] in rows
    assert ["项目负责人", "王伟", "手机", "13800000000"] in rows and start < len(texts)
    # (Without a cover, the lines after the title say the same.)
    _, bare = _fifteenth_doc("cover_disagrees", app=app, cover=False)
    assert "项目名称：光学学术年会" in _paragraph_texts(bare)
    assert hv15.short_project(app.project_name) != app.project_name


def test_paired_grid_merges_the_units_and_the_peoples_cells_down() -> None:
    _, doc = _fifteenth_doc("paired_grid", app=_app(leader_post="理事长"))
    trs = list(doc.tables[0]._tbl.iter(qn("w:tr")))

    def cells(tr: Any) -> list[tuple[str, str | None]]:
        out = []
        for tc in tr.iter(qn("w:tc")):
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            out.append((_runs_text(tc), None if merge is None else merge.get(qn("w:val")) or "continue"))
        return out

    rows = [cells(tr) for tr in trs]
    leader = next(k for k, r in enumerate(rows) if r[0][0] == "项目负责人")
    assert rows[leader] == [("项目负责人", "restart"), ("王伟", "restart"), ("职务/职称", None), ("理事长", None)]
    assert rows[leader + 1] == [("", "continue"), ("", "continue"), ("手　　机", None), ("13800000000", None)]
    unit = next(k for k, r in enumerate(rows) if r[0][0] == "申报单位")
    assert rows[unit][1] == ("湖南省测试学会", "restart") and rows[unit + 1][2][0] == "邮政编码"
    contact = next(k for k, r in enumerate(rows) if r[0][0] == "项目联系人")
    assert rows[contact + 1][2:] == [("电子邮箱", None), ("a@b.cn", None)]
    assert [c for c, _ in rows[-1]] == ["申请经费", "8万元", "起止时间", "2024年5月—2024年12月"]


def test_bracket_blanks_fill_the_templates_brackets() -> None:
    _, doc = _fifteenth_doc("bracket_blanks")
    text = "\n".join(_paragraph_texts(doc))
    for label, value in (("我单位", "湖南省测试学会"), ("项目名称为", "测试学术年会"), ("申请省科协资助经费", "8万元"),
                         ("项目负责人", "王伟"), ("手机", "13800000000"), ("联系电话", "0731-84000000"),
                         ("电子邮箱", "a@b.cn"), ("项目实施期限为", "2024年5月—2024年12月")):
        assert re.search(f"{label}（　?{re.escape(value)}　?）", text), label
    assert not doc.tables[0].rows[0].cells[0].text.startswith("项目名称")


def test_sdt_wrapped_puts_the_basic_table_and_its_people_in_content_controls() -> None:
    """The basic table is a locked rich-text control's content, not a child of the body (python-docx
    does not list it); the leader's and the contact's rows are the items of a repeating section."""
    data, doc = _fifteenth_doc("sdt_wrapped")
    assert not [t for t in doc.tables if t.rows[0].cells[0].text == "项目名称"]
    body = doc.element.body
    blocks = [sdt for sdt in body.iterchildren(qn("w:sdt"))
              if sdt.find(f"{qn('w:sdtContent')}/{qn('w:tbl')}") is not None]
    assert len(blocks) == 1
    pr = blocks[0].find(qn("w:sdtPr"))
    assert pr.find(qn("w:lock")).get(qn("w:val")) == "sdtLocked"
    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    section = next(s for s in blocks[0].iter(qn("w:sdt"))
                   if s.find(f"{qn('w:sdtPr')}/{w15}repeatingSection") is not None)
    items = section.findall(f"{qn('w:sdtContent')}/{qn('w:sdt')}")
    assert [i.find(f"{qn('w:sdtPr')}/{w15}repeatingSectionItem") is not None for i in items] == [True, True]
    rows = [[_runs_text(tc) for tc in i.iter(qn("w:tc"))] for i in items]
    assert rows == [["项目负责人", "王伟", "手机", "13800000000"], ["项目联系人", "李娜", "联系电话", "0731-84000000"]]
    assert _flat("测试学术年会") in _flat(_docx_all_text(data))


def test_sheet_row_xlsx_is_a_one_row_workbook_with_drop_down_lists() -> None:
    """The workbook's first sheet: a title, a note, the headers and one row of values; the category,
    the item and the unit's type each a drop-down list's choice; a mobile a number, as Excel keeps
    one typed into a General cell."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.forms import CATEGORY_ITEMS, TYPES

    app = _app(leader_phone="13807312345", subcategory="学会服务站建设", applicant_type="市州科协")
    sheet = load_workbook(io.BytesIO(hv15.sheet_row_xlsx(app, _look(layout="sheet_row_xlsx", checkbox="text_only"))))
    ws = sheet.active
    assert ws is not None and ws.title == "项目信息采集表" and "填表说明" in sheet.sheetnames
    heads = [c.value for c in ws[3]]
    row = dict(zip(heads, (c.value for c in ws[4])))
    assert row["项目名称"] == "测试学术年会" and row["申报单位"] == "湖南省测试学会" and row["项目负责人"] == "王伟"
    assert row["负责人手机"] == 13807312345 and row["联系电话"] == "0731-84000000" and row["电子邮箱"] == "a@b.cn"
    assert row["具体项目"] == "学会服务站建设" and row["项目类别"] == app.category and row["单位类型"] == "市州科协"
    assert row["申请经费"] == "8万元" and row["起止时间"] == "2024年5月—2024年12月"
    lists = {str(d.sqref): d.formula1 for d in ws.data_validations.dataValidation}
    assert set(lists) == {"C4", "D4", "F4"}
    assert all(i in lists["D4"] for its in CATEGORY_ITEMS.values() for i in its)
    assert all(t in lists["F4"] for t in TYPES)
    bare = load_workbook(io.BytesIO(hv15.sheet_row_xlsx(app, _look(layout="sheet_row_xlsx", funding="bare")))).active
    assert bare is not None and [c.value for c in bare[3]][12] == "申请经费（万元）" and bare["M4"].value == 8.0


def test_fifteenth_set_marks_are_where_they_belong() -> None:
    """Every stale check box control says unchecked; the chosen one's content is a typed ☑ (in the
    paragraph's font), the others keep their ☐; 字符底纹 covers the chosen option's runs only."""
    doc = _category_doc("cc_stale_state")
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    sdts = list(doc.element.body.iter(qn("w:sdt")))
    assert len(sdts) == 9 and all(s.find(f".//{w14}checked").get(f"{w14}val") == "0" for s in sdts)
    shown = [_runs_text(s.find(qn("w:sdtContent"))) for s in sdts]
    assert shown.count("☑") == 1 and shown.count("☐") == 8
    chosen = sdts[shown.index("☑")]
    assert chosen.find(f".//{qn('w:rFonts')}") is None
    assert _runs_text(chosen.getnext()).startswith("学会服务站建设")
    shaded = _category_doc("char_shading_chosen")
    runs = [r for r in shaded.element.body.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:shd')}") is not None]
    assert "".join(_runs_text(r) for r in runs) == "学会服务站建设"
    assert {r.find(f"{qn('w:rPr')}/{qn('w:shd')}").get(qn("w:val")) for r in runs} == {"pct15"}


def test_fifteenth_set_decorations_show_in_the_document() -> None:
    """Values typed in colour and 楷体 (the labels not); the item before the project's name, the
    former name after the unit, the sex after the leader; a colon at the start of value cells;
    values padded with full-width spaces."""
    decos = ("values_coloured", "project_item_prefix", "org_former_name")
    app = _app(applicant_org="湖南省光学学会")
    _, doc = _fifteenth_doc("paired_grid", value_decos=decos, decorations=decos, app=app)
    coloured = [r for r in doc.element.body.iter(qn("w:r"))
                if r.find(f"{qn('w:rPr')}/{qn('w:color')}") is not None]
    text = "".join(_runs_text(r) for r in coloured)
    assert "测试学术年会" in text and "湖南省光学学会" in text and "王伟" in text and "13800000000" in text
    assert "项目名称" not in text and "申报单位" not in text
    fonts = {r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) for r in coloured}
    assert fonts == {"楷体"}
    rows = _table_rows(doc.tables[0])
    assert rows[0][1] in ("【学术交流】测试学术年会", "学术交流类：测试学术年会", "（学术交流）测试学术年会")
    assert "（原湖南省光学研究会）" in rows[2][1] or "原名：湖南省光学研究会" in rows[2][1] or "更名前为" in rows[2][1]
    decos = ("name_gender", "value_leading_colon", "padded_values")
    _, doc = _fifteenth_doc("header_row", value_decos=decos, decorations=decos)
    cells = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    people = cells[cells.index(["项目负责人", "负责人手机", "联系人", "联系人电话"]) + 1]
    assert re.fullmatch(r"　{1,2}：王伟(（男）|，男| 男)　{1,2}", people[0]), people[0]
    assert people[1] == "：13800000000" and re.fullmatch(r"　{1,2}：李娜　{1,2}", people[2])


def test_pen_marks_underline_or_fill_the_chosen_options(tmp_path: Path) -> None:
    """A pen's underline runs under the chosen option's words where its □ stands before them (not
    under the project's name holding the same words); a filled box is inked where the option's □ is."""
    from benchmarks.gencorpus.docmodel import Table, build_docx
    from benchmarks.gencorpus.docmodel import Cell as DocCell
    from benchmarks.gencorpus.media import PenMarks, PenTicks, _pages, _pen_marks, pen_places, soffice_batch

    rows = ((DocCell("项目名称"), DocCell("湖南省白茶产业科技创新联盟建设")),
            (DocCell("项目类别"), DocCell("□学术交流  □科技创新联盟建设  □学会服务站建设")))
    pdf = soffice_batch({"f": build_docx((Table((1.0, 3.0), rows),), "x")}, "pdf", tmp_path)["f"]
    ticks = PenTicks(("科技创新联盟建设",), ("学术交流", "科技创新联盟建设", "学会服务站建设"))
    doc = pdfium.PdfDocument(pdf)
    textpage = doc[0].get_textpage()
    text = textpage.get_text_range()
    height = doc[0].get_height()
    word = textpage.get_charbox(text.index("科技创新联盟建设", text.index("项目类别")))
    # (The boxes' glyphs come in another font, apart from the words in the text's order: the box is
    # the one on the word's line that ends nearest before it.)
    boxes = [textpage.get_charbox(k) for k, ch in enumerate(text) if ch == "□"]
    box = max((b for b in boxes if abs(b[1] - word[1]) < 3 and b[2] <= word[0] + 1), key=lambda b: b[2])
    for kind in ("underline", "fill"):
        places = pen_places(pdf, PenMarks(kind, ticks), 1)
        assert len(places[0]) == 1
        page = _pages(pdf, 144, 1)[0]
        _pen_marks(page, random.Random(2), kind, places[0], 144)
        ink = np.asarray(page).astype(int)
        blue = (ink[..., 2] - ink[..., 0] > 40)
        scale = 2.0
        if kind == "underline":
            left, bottom = word[0], word[1]
            y = int((height - bottom) * scale)
            band = blue[y - 2:y + 12, int(left * scale):int((left + 30) * scale)]
            assert band.any(), kind
            # Nothing under the project's name, which holds the same words.
            name = textpage.get_charbox(text.index("科技创新联盟建设"))
            y0 = int((height - name[1]) * scale)
            assert not blue[y0 - 2:y0 + 12, int(name[0] * scale):int((name[0] + 30) * scale)].any()
        else:
            left, bottom, right, top = box
            x0, y0 = int(left * scale), int((height - top) * scale)
            x1, y1 = int(right * scale), int((height - bottom) * scale)
            assert blue[y0:y1, x0:x1].mean() > 0.3, kind


@pytest.fixture(scope="module")
def dev15(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev15")
    # Dev draws the fifteenth set too: seed 12 gives every way this set sends, exports, prints and
    # scans a form (and a link in place of one), a package's form sent as .docx, a workbook and the
    # pen's underlines (200 mails: dev weighs none of them up, and the scans and photos its ways
    # need are few, the fewer with the seventeenth set's pages exported as pictures and the
    # nineteenth set's ways drawn too; no seed up to 1000 found holding them all in 120; and 200
    # with the twentieth set's drawn too: no seed up to 120 holds them all in 160, 12 does in 200).
    write_corpus(out, "dev", 200, seed=12)
    return out


def test_fifteenth_set_ways_of_sending_are_in_their_mails(dev15: Path) -> None:
    """Every file of a row is in its mail (an archive's in the archive, winmail.dat's in it). RTF
    and Word 2003 XML under .doc names; a searchable scan's invisible text read as OCR reads it; a
    multi-page 1-bit TIFF; a fax's pages 1728 dots wide with the machine's header line; a scanner
    app's enhanced pages with its watermark; one long screenshot; a file named by its unit; an
    archive that opens with the body's password only; the fields in the body and only the signed
    page attached; winmail.dat holding the files; a link and no file, the row NO_FORM; a workbook;
    a package whose form is an altChunk."""
    from pypdf import PdfReader
    from tnefparse import TNEF

    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS

    rows = [r for r in _truth(dev15) if r["electronic"]]
    msgs = _messages(dev15)
    seen: set[str] = set()
    for row in rows:
        msg = msgs[row["message_id"]]
        parts = {sha: data for sha, (_, data) in _all_parts(msg).items()}
        tnef = _tnef_files(parts)
        body = _body_text(msg)  # (a body in HTML only, the sixteenth set's: its text)
        password = re.search(r"压缩包解压密码：(\w+)", body)
        packed: dict[str, bytes] = {}
        for data in (*parts.values(), *tnef.values()):
            packed |= _unlocked(data, password.group(1) if password else None)
        # (An archive split into volumes, the eighteenth set's: its volumes joined in their order are the archive.)
        volumes = sorted((part.get_filename() or "", data) for part, data in _all_parts(msg).values()
                         if re.search(r"\.\d{3}$", part.get_filename() or ""))
        if volumes:
            packed |= _unlocked(b"".join(data for _, data in volumes), password.group(1) if password else None)
        if "cloud_link" in row["tags"].get("quirks", []):
            assert [f["code"] for f in row["findings"]] == ["NO_FORM"] and row["fields"]["project_name"] is None
            assert not list(msg.iter_attachments())
            assert re.search(r"https://(mail\.qq\.com|mail\.163\.com|pan\.baidu\.com)/", body)
            seen.add("cloud_link_only")
            continue
        missing = [f["name"] for f in row["files"] if not f.get("in_body") and f["sha256"] not in parts
                   and f["sha256"] not in tnef and f["sha256"] not in packed and not f["name"].endswith(".eml")]
        assert not missing, missing
        if row["kind"] != "application" or row["fields"]["project_name"] is None:
            continue
        fields, tags = row["fields"], row["tags"]
        decos = set(tags["decorations"])
        seen |= decos | {tags["layout"], tags["checkbox"]}
        forms = {f["name"]: parts.get(f["sha256"]) or tnef.get(f["sha256"]) or packed.get(f["sha256"])
                 for f in row["files"] if f["role"] == "form" and not f.get("in_body")}
        forms = {n: d for n, d in forms.items() if d is not None}
        # (Or a name that lost its extension, the sixteenth set's no_extension_name.)
        if "rtf_as_doc" in decos:
            assert [d for n, d in forms.items() if (n.endswith(".doc") or "." not in n) and d.startswith(b"{\\rtf1")]
        if "wordml_doc" in decos:
            assert [d for n, d in forms.items() if (n.endswith(".doc") or "." not in n) and d.startswith(b"<?xml")
                    and b"<?mso-application progid=\"Word.Document\"?>" in d[:200] and b"w:wordDocument" in d[:600]
                    # (the name's text runs, a soft break between them where it was broken with Shift+Enter;
                    # digits typed full-width, the twelfth set's project_fullwidth_digits, read as digits)
                    and _flat(fields["project_name"]) in _flat(re.sub(r"<[^>]+>", "", d.decode("utf-8", "ignore")))]
        if "ocr_text_layer" in decos:
            (scan,) = [d for d in forms.values() if d.startswith(b"%PDF")]
            reader = PdfReader(io.BytesIO(scan))
            contents = reader.pages[0].get_contents()
            assert reader.pages[0].images and contents is not None and b"3 Tr" in contents.get_data()
            doc = pdfium.PdfDocument(scan)
            layer = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
            assert "□" not in layer and not re.search("[：（）]", layer) and ":" in layer
            # (The copier's OCR reads the page's text: a screenshot's or a worksheet's values are none.)
            if tags["layout"] not in PICTURE_LAYOUTS | SHEET_LAYOUTS:
                assert _flat(fields["applicant_org"][:4]) in _flat(layer)
        if "tiff_scan" in decos:
            (tif,) = [d for n, d in forms.items() if n.endswith(".tif")]
            image = Image.open(io.BytesIO(tif))
            assert image.mode == "1" and image.info.get("compression") == "group4" and image.n_frames >= 1
        if "fax_scan" in decos:
            # (The fax machine's file by its name, hv15.fax_name's: a mail of two applications carries the
            # other's PDF too.)
            (fax,) = {d for n, d in forms.items() if d.startswith(b"%PDF") and re.match(r"FAX_|传真_|Fax\d", n)}
            assert _image_only(fax)
            first = PdfReader(io.BytesIO(fax)).pages[0].images[0].image
            assert first is not None and first.mode == "1" and first.width == hv15.FAX_WIDTH
            top = np.asarray(first.convert("L"))[:34]
            assert (top < 128).mean() > 0.01  # the header line
        if "phone_scanner_pdf" in decos:
            # (The row's own PDF among the mail's: a second form's may be a PDF too, the sixteenth set's
            # Word file and its PDF.)
            marked = []
            for app_pdf in (d for d in forms.values() if d.startswith(b"%PDF") and _image_only(d)):
                shot = np.asarray(PdfReader(io.BytesIO(app_pdf)).pages[0].images[0].image.convert("RGB")).astype(int)
                foot = shot[int(shot.shape[0] * 0.9):]
                marked.append(((foot[..., 2] - foot[..., 0]) > 120).sum() > 50  # the app's blue mark
                              and np.percentile(shot[: shot.shape[0] // 2].mean(axis=2), 50) > 245)  # a white ground
            assert any(marked), marked
        if "long_screenshot" in decos:
            (jpg,) = [d for d in forms.values() if d[:3] == b"\xff\xd8\xff"]
            image = Image.open(io.BytesIO(jpg))
            assert image.width == hv15.SCREEN_WIDTH and image.height > image.width
        if "unit_only_name" in decos:
            # (Its extension may be typed twice, the eighteenth set's: 湖南省光学学会.docx.docx.)
            assert [n for n in forms if re.sub(r"(\.[A-Za-z]{3,4})+$", "", n) == fields["applicant_org"]]
        if "archive_password" in decos:
            assert password is not None
            # (A mail's files are every form's: a second form's archive may be an open one.)
            archives = [d for d in (*parts.values(), *tnef.values()) if d[:6] == b"7z\xbc\xaf\x27\x1c"
                        or (d[:2] == b"PK" and b"[Content_Types].xml" not in d[:4000])]
            assert [d for d in archives if _needs_password(d)]
        if "body_fields_sigpage" in decos:
            assert f"项目名称：" in body and _flat(fields["project_name"]) in _flat(body)
            assert fields["leader_phone"] is None or fields["leader_phone"].replace("-", "") in \
                _phone_digits(unicodedata.normalize("NFKC", body)).replace("-", "")
            (page,) = [d for d in forms.values() if d.startswith(b"%PDF")]
            assert _image_only(page) and len(PdfReader(io.BytesIO(page)).pages) == 1
            entry = next(f for f in row["files"] if f.get("in_body"))
            shown = msg.get_body(preferencelist=("plain",)).get_payload(decode=True)  # type: ignore[union-attr]
            assert entry["sha256"] == hashlib.sha256(shown).hexdigest()
        if "tnef_winmail" in decos:
            (dat,) = [p for p in msg.iter_attachments() if p.get_content_type() == "application/ms-tnef"]
            assert dat.get_filename() == "winmail.dat" and msg["X-MS-TNEF-Correlator"]
            inside = TNEF(dat.get_payload(decode=True)).attachments
            names = {a.long_filename() for a in inside}
            assert {f["name"] for f in row["files"] if f.get("in_tnef") and not f.get("in_zip")} <= names
        if tags["layout"] == "sheet_row_xlsx":
            # (Attached twice, the thirteenth set's: the same bytes twice.)
            (xlsx,) = {d for n, d in forms.items() if n.endswith(".xlsx")}
            ws = load_workbook(io.BytesIO(xlsx)).active
            assert ws is not None and fields["project_name"] in str(ws["B4"].value)
        if tags["layout"] == "altchunk_form" and tags["format"] == "docx":
            # (Whatever its name: a .docx may be sent named .doc.)
            packages = [d for d in forms.values() if d[:2] == b"PK" and b"word/afchunk1.docx" in d]
            assert packages
            for package in packages:
                with zipfile.ZipFile(io.BytesIO(package)) as zf:
                    assert _flat(fields["project_name"]) in _flat(_docx_all_text(zf.read("word/afchunk1.docx")))
            seen.add("docx:altchunk_form")
    wanted = set(hv15.PER_FILE | hv15.PER_MAIL) | {"sheet_row_xlsx", "docx:altchunk_form", "pen_underline"}
    assert wanted <= seen, wanted - seen


def _needs_password(data: bytes) -> bool:
    """Whether the archive `data` opens only with a password (every member of a .zip encrypted; a
    .7z's members unreadable without one)."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return all(i.flag_bits & 1 for i in zf.infolist() if not i.is_dir())
    try:
        with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(io.BytesIO(data)) as sz:
            sz.extractall(path=tmp)
    except Exception:
        return True
    return False


def _unlocked(data: bytes, password: str | None) -> dict[str, bytes]:
    """The members of `data` if it is an archive (opened with `password` where locked), those of an
    archive in it too, by their bytes' SHA-256."""
    found: list[bytes] = []
    if data[:6] == b"7z\xbc\xaf\x27\x1c":
        try:
            with tempfile.TemporaryDirectory() as tmp, py7zr.SevenZipFile(io.BytesIO(data), password=password) as sz:
                sz.extractall(path=tmp)
                found = [x.read_bytes() for x in Path(tmp).rglob("*") if x.is_file()]
        except py7zr.exceptions.Bad7zFile:  # (a volume of a split archive, the eighteenth set's: opened only
            found = []  # joined, in that set's test)
    elif data[:2] == b"PK" and b"[Content_Types].xml" not in data[:4000]:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                found = [zf.read(i, pwd=password.encode() if i.flag_bits & 1 and password else None)
                         for i in zf.infolist() if not i.is_dir()]
        except zipfile.BadZipFile:  # (a volume of a split archive, the eighteenth set's: opened only joined)
            found = []
    elif data[:8] == b"Rar!\x1a\x07\x01\x00":  # (a RAR5 archive, the seventeenth set's: never locked)
        found = [content for _, content in _rar_members(data).values()]
    elif data[:2] == b"\x1f\x8b":  # (a .tar.gz, the eighteenth set's: never locked)
        found = [content for _, content in _unpack("a.tar.gz", data).values()]
    out: dict[str, bytes] = {}
    for content in found:
        out[hashlib.sha256(content).hexdigest()] = content
        out |= _unlocked(content, password)
    return out


def test_tnef_holds_the_files_under_their_names() -> None:
    """winmail.dat as tnefparse reads it: each file's long name (UTF-16 in the MAPI properties) and
    bytes; its title attribute the name in GBK; the checksums right."""
    from tnefparse import TNEF

    from benchmarks.gencorpus import holdout_variants_15 as hv15

    files = [("湖南省光学学会2024年度科协项目申报书.docx", b"PK\x03\x04form"), ("附件1：专家团队名单.pdf", b"%PDF-1.4 x")]
    data = hv15.tnef(files, datetime(2024, 4, 20, 10, 0), 0x1234)
    parsed = TNEF(data, do_checksum=True)
    assert all(o.good_checksum for o in parsed.objects)
    assert [(a.long_filename(), a.data) for a in parsed.attachments] == files
    assert parsed.codepage == "cp936"
    assert files[0][0].encode("gbk") + b"\0" in data


def test_fifteenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The fifteenth set printed by LibreOffice: every value is there to read, in the cover and
    table that name things differently, the paired grid, the bracketed blanks; the grey ground
    behind the chosen option; each amount, period and decoration of the set in print."""
    import pdfplumber

    from benchmarks.gencorpus import holdout_variants_15 as hv15

    wanted = ((set(hv15.LAYOUTS) - hv15.OOXML_ONLY_LAYOUTS - hv15.SHEET_LAYOUTS) | {"char_shading_chosen"}
              | set(hv15.FUNDINGS) | set(hv15.DATES) | set(hv15.VALUE_DECORATIONS))
    for f, pdf_bytes in _printed_one_per_variant(wanted, hv15.LAYOUTS, tmp_path):
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat = _flat(text + cells)
        look = f.look
        if look.checkbox == "char_shading_chosen":
            with pdfplumber.open(io.BytesIO(pdf_bytes)) as doc:
                greys = [(p, r) for p in doc.pages for r in p.rects
                         if r.get("non_stroking_color") and len(set(r["non_stroking_color"])) == 1
                         and 0.7 < r["non_stroking_color"][0] < 0.95 and r["height"] < 20]
                under = ["".join(c["text"] for c in p.chars if r["x0"] - 1 <= (c["x0"] + c["x1"]) / 2 <= r["x1"] + 1
                                 and r["top"] - 1 <= (c["top"] + c["bottom"]) / 2 <= r["bottom"] + 1)
                         for p, r in greys]
            # (LibreOffice draws “ ” in a Latin font, and PDF text puts them apart from their words:
            # 科创中国 read without them.)
            bare = [re.sub("[“”]", "", _flat(u)) for u in under]
            assert [u for u in bare if re.sub("[“”]", "", _flat(f.app.subcategory)).startswith(u[:2]) and u], under
        if "project_item_prefix" in look.decorations:
            assert _flat(f.app.subcategory) in flat.replace(_flat(f.app.project_name), "|")
        if "org_former_name" in look.decorations:
            assert _flat(str(hv15.former_name(f.app.applicant_org))) in flat
        if "name_gender" in look.decorations:
            assert re.search(f"{_flat(f.app.leader_name)}[(,]?[男女]", flat)
        if look.layout == "cover_disagrees":
            short = _flat(hv15.short_project(f.app.project_name))
            # (The cover's short name first, the table's full one after it: a name that cannot be
            # shortened has 项目 put after it, and so starts with the full one.)
            assert short in flat and _flat(f.app.project_name) in flat[flat.index(short) + len(short):]


# ---------------------------------------------------------------------------- the sixteenth held-out set

def test_sixteenth_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv16._NO_MARK_LAYOUTS | hv16._EARLIER_CELL_LAYOUTS | hv16.CELL_LAYOUTS <= set(LAYOUTS)
    assert set(hv16._STAND_INS) <= set(CHECKBOXES)
    assert {d for c in hv16._CONFLICTS.values() for d in c} | hv16._NOT_PER_MAIL <= set(DECORATIONS)
    assert hv16.PER_FILE | hv16.PER_MAIL | hv16.VALUE_DECORATIONS == set(hv16.DECORATIONS)
    assert set(hv16.DECORATION_ODDS) | hv16.PER_MAIL == set(hv16.DECORATIONS) == set(hv16._WAY_FORMATS) | \
        hv16.PER_MAIL | hv16.VALUE_DECORATIONS


def test_sixteenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V, budget_lines, category_text, type_text, wan_str

    app = _app(self_raised_wan=5.0)
    parts = "+".join(wan_str(y / 10000) for _, y in budget_lines(app))
    assert eval(parts) == pytest.approx(8.0)  # (the budget's lines add up to the amount)
    assert {hv16.funding_text(_app(aid=f"A-{k}"), "sum_expression") for k in range(12)} == {
        f"{parts}=8万元", f"合计：{parts}=8（万元）"}
    assert {hv16.funding_text(_app(aid=f"A-{k}", self_raised_wan=5.0), "amount_with_share") for k in range(12)} == {
        "8万元（占项目总经费的61.5%）", "8万元（占总经费61.5%）"}
    assert hv16.funding_text(_app(aid="A-3"), "amount_with_share").endswith("100%）")
    short = _app(start=date(2024, 6, 1), end=date(2024, 11, 30))
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert {hv16.period_text(_app(aid=f"A-{k}", start=short.start, end=short.end), "mixed_ends")
            for k in range(12)} == {"2024.6—2024年11月", "2024年6月—2024.11", "2024-06至2024年11月"}
    assert {hv16.period_text(_app(aid=f"A-{k}", start=short.start, end=short.end), "duration_first")
            for k in range(12)} == {"6个月（2024年6月—2024年11月）", "共6个月，即2024年6月至11月"}
    assert hv16.period_text(late, "duration_first") == "16个月（2024年3月—2025年6月）"
    assert hv16.option_text(False, "学术交流", "others_grey") == "[grey]学术交流[/grey]"
    assert plain(hv16.option_text(False, "学术交流", "others_grey")) == "学术交流"
    assert hv16.option_text(True, "学术交流", "others_grey") == "学术交流"
    assert hv16.option_text(True, "学术交流", "pen_tick_after") == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    kept = category_text(station, "prompt_kept")
    assert kept.count("（请在□内打“√”，限选一项）") == 2 and kept.count("√学会服务站建设") == 1
    assert kept.count("√") == 3  # (the two prompts' and the chosen option's)
    assert type_text(station, "prompt_kept").startswith("（请在□内打“√”）") and "√市州科协" in type_text(
        station, "prompt_kept")
    assert category_text(station, "others_grey").count("[grey]") == 8
    # Decorations of the values, each on the clean value where it is typed as text.
    named = _app(applicant_org="湖南省光学学会", contact_phone="13912345678")

    def typed(*decos: str, **kw: Any) -> Any:
        names = tuple(f"org_{kw['org_deco']}" for _ in (1,) if "org_deco" in kw)
        return _V(named, _look(value_decos=decos, decorations=names + decos, **kw))

    assert typed("name_tongzhi").name == "王伟同志"
    assert typed("org_office_paren").org in {"湖南省光学学会（秘书处）", "湖南省光学学会（学会办公室）"}
    assert typed("org_office_paren", org_deco="gongzhang").org in {
        "湖南省光学学会（秘书处）(公章)", "湖南省光学学会（学会办公室）(公章)"}
    dotted = typed("phone_dotted")
    assert (dotted.leader_phone, dotted.contact_phone) == ("138.0000.0000", "139.1234.5678")
    assert typed("email_backup").email.startswith("a@b.cn") and "备用" in typed("email_backup").email
    assert typed("project_in_quotes").project == "“测试学术年会”"
    blank = typed("leading_blank_line")
    assert (blank.project, blank.org) == ("\n测试学术年会", "\n湖南省光学学会")
    assert hv16.spot("[mail:a@b.cn]a@b.cn[/mail]", "a@b.cn") == len("[mail:a@b.cn]")
    assert hv16.spot("[seal:湖南省光学学会]", "湖南省光学学会") is None
    assert hv16.office("长沙市科协") in {"办公室", "组织宣传部"}
    assert hv16.checkbox_for("others_grey", "table_screenshot", "A-1", "docx") in hv16._STAND_INS
    assert hv16.checkbox_for("others_grey", "header_row", "A-1", "scan_pdf") in hv16._STAND_INS
    assert hv16.checkbox_for("others_grey", "header_row", "A-1", "pdf") == "others_grey"
    assert hv16.checkbox_for("prompt_kept", "sheet_row_xlsx", "A-1", "docx") == "text_only"


def test_sixteenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever sum or share is
    written with it, the period's months whatever style each end is in and whatever length is
    written before it, names, units, phones and e-mails without 同志, an office, quotes, a backup
    address, dots or an empty line; each of the set's writings is drawn (on both splits, now that
    dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            typed = "".join(str(fields[k] or "") for k in ("project_name", "applicant_org", "leader_name",
                                                           "leader_phone", "contact_phone", "contact_email"))
            assert not re.search(r"同志|备用|\n|（秘书处）|\d\.\d{4}\.", typed)
            assert not (fields["project_name"].startswith("“") and fields["project_name"].endswith("”"))
            if f.look.dates in hv16.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    names = {*hv16.FUNDINGS, *hv16.DATES, *hv16.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_sixteenth_set_variants_are_drawn_where_they_show() -> None:
    """The grey options never on a scan, the pen's tick on scans and photos only; this set's marks
    only where options are text; each decoration of a value only where the value shows it; each
    way of sending a file only for its format and one a file; Apple Mail's inline files from Apple
    Mail only, a body in HTML only from a phone client, one of them a mail (on both splits, now
    that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    # (A third held-out plan: with the eighteenth set held out, the pen's ticks after an option, for
    # scans and photos only, show in neither of the two.)
    plans = (*_BOTH_SPLITS, ("heldout", 5))
    for split, m in ((split, m) for split, seed in plans for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt != "none"]
        ways = {d for f in m.forms for d in f.look.decorations} & hv16.PER_MAIL
        assert len(ways) <= 1
        if "inline_disposition" in ways:
            assert m.client == "apple"
        if "html_only_body" in ways:
            assert m.client in ("qq", "coremail", "foxmail") and m.pasted is None and not m.inline
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv16.PER_FILE) <= 1, decos
            for way in decos & hv16.PER_FILE:
                assert f.fmt in hv16._WAY_FORMATS[way] and not hv16._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv16.CHECKBOXES:
                assert layout not in hv16._NO_MARK_LAYOUTS
            if box in hv16.NOT_SCAN_CHECKBOXES:
                assert f.fmt not in ("scan_pdf", "photo_jpg")
            if box in hv16.SCAN_ONLY_CHECKBOXES:
                assert f.fmt in ("scan_pdf", "photo_jpg") and "long_screenshot" not in decos
            if layout == "unit_cells":
                assert f.look.funding == "wan"
            v = _V(f.app, f.look)
            if "name_tongzhi" in decos:
                assert f"{f.app.leader_name}同志" in plain(v.name)
            if "org_office_paren" in decos:
                assert f"{f.app.applicant_org}（{hv16.office(f.app.applicant_org)}）" in plain(v.org)
            if "project_in_quotes" in decos:
                assert f"“{f.app.project_name}”" in plain(v.project)
            if "email_backup" in decos:
                assert hv16.backup_email(f.app) in v.email
            if "phone_dotted" in decos:
                assert "." in v.leader_phone + v.contact_phone
            if "leading_blank_line" in decos:
                assert v.project.startswith("\n") or v.org.startswith("\n")
    names = set().union(*_variant_names(hv16).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _sixteenth_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def test_same_as_cover_writes_the_values_on_the_cover_only() -> None:
    data, doc = _sixteenth_doc("same_as_cover", cover=True)
    text = _docx_all_text(data)
    cover, _, rest = text.partition("填报说明")
    for value in ("2024年湖南省光学学术年会", "湖南省光学学会", "王伟", "13800000000"):
        assert value in cover and value not in rest, value
    table = doc.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert cells["项目名称"] in ("同封面", "见封面") and cells["申报单位"] == cells["项目名称"]
    assert cells["项目负责人"] == cells["负责人手机"] == cells["项目名称"]
    assert cells["项目联系人"] == "李娜" and cells["联系电话"] == "0731-84000000"


def test_checklist_comes_before_the_basic_table() -> None:
    data, doc = _sixteenth_doc("checklist_first")
    checks, basic = doc.tables[0], doc.tables[1]
    assert [c.text for c in checks.rows[0].cells] == ["序号", "审查内容", "自查结果"]
    marks = {row.cells[2].text for row in checks.rows[1:]}
    assert len(marks) == 1 and marks <= {"√", "是", "☑"}
    assert basic.rows[0].cells[0].text == "项目名称" and "2024年湖南省光学学术年会" in basic.rows[0].cells[1].text


def test_questionnaire_puts_each_answer_under_its_numbered_question() -> None:
    data, doc = _sixteenth_doc("questionnaire_print")
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]
    paras = [p.text for p in doc.paragraphs]
    k = paras.index("1. 项目名称 *")
    assert paras[k + 1].strip("　") == "2024年湖南省光学学术年会"
    name = next(i for i, p in enumerate(paras) if p.endswith("项目负责人姓名 *"))
    assert paras[name + 1].strip("　") == "王伟" and re.match(r"\d+\. ", paras[name])
    assert any(p.startswith("提交时间：2024-04-") and "填写人：李娜" in p for p in paras)


def test_unit_cells_give_the_amounts_unit_and_the_area_code_cells_of_their_own() -> None:
    data, doc = _sixteenth_doc("unit_cells")
    rows = _table_rows(doc.tables[0])
    phone = next(r for r in rows if r[0] == "联系电话")
    assert phone[1:5] == ["区号", "0731", "号码", "84000000"]
    amount = next(r for r in rows if r[0] == "申请经费")
    assert amount[1:3] == ["8", "万元"] and amount[5] == "万元"


def test_section_rows_cut_the_table_into_bands_with_repeated_labels() -> None:
    data, doc = _sixteenth_doc("section_rows")
    rows = _table_rows(doc.tables[0])
    bands = [r[0] for r in rows if len(set(r)) == 1]
    assert bands == ["项目信息", "申报单位信息", "项目负责人", "项目联系人", "经费及期限"]
    names = [r for r in rows if r[0] == "姓　　名"]
    assert [r[1] for r in names] == ["王伟", "李娜"]
    assert next(r for r in rows if r[0] == "单位名称")[1] == "湖南省光学学会"


def test_grey_options_are_grey_runs_and_the_prompt_is_text() -> None:
    data, doc = _sixteenth_doc("header_row", checkbox="others_grey")
    runs = [r for p in doc.element.body.iter(qn("w:p")) for r in p.iter(qn("w:r"))]
    grey = {"".join(t.text or "" for t in r.iter(qn("w:t"))) for r in runs
            if r.find(f"{qn('w:rPr')}/{qn('w:color')}") is not None}
    assert "学术交流" not in grey and "学会服务站建设" in grey and "省级学会" not in grey and "市州科协" in grey
    assert "☑" not in _docx_all_text(data) and "□" not in _docx_all_text(data)
    text = _docx_all_text(_sixteenth_doc("header_row", checkbox="prompt_kept")[0])
    assert "（请在□内打“√”，限选一项）" in text and "√学术交流" in text


def test_pen_ticks_after_the_chosen_options_words(tmp_path: Path) -> None:
    """A tick after the chosen option's words on the printout: ink right of the words, none in
    their □."""
    from benchmarks.gencorpus import holdout_variants_16 as hv16
    from benchmarks.gencorpus import media
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app()
    look = _look(checkbox="pen_tick_after")
    pdf = media.soffice_batch({"f": build_docx(form_blocks(app, look, compact=True), "李娜")}, "pdf", tmp_path)["f"]
    pen = hv16.pen_marks(app, "pen_tick_after")
    assert pen is not None and pen.kind == "tick_after"
    places = media.pen_places(pdf, pen, 3)
    assert sum(len(v) for v in places.values()) == 2  # the item's and the type's
    page_no, spans = next(iter(places.items()))
    clean = media._pages(pdf, 150, 3)[page_no]
    marked = clean.copy()
    media._pen_marks(marked, random.Random(1), "tick_after", spans, 150)
    left, top, right, bottom = spans[0]
    w, h = (n * 72 / 150 for n in clean.size)  # (the page in points; _ink takes fractions of it)
    after = (right / w, (top - 4) / h, (right + 20) / w, (bottom + 4) / h)
    before = ((left - 14) / w, top / h, (left - 1) / w, bottom / h)
    assert _ink(marked, after) > _ink(clean, after) + 20
    assert _ink(marked, before) == _ink(clean, before)


@pytest.fixture(scope="module")
def dev16(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev16")
    # Dev draws the sixteenth set too: seed 29 gives every way this set sends a file or a mail in 60
    # mails (dev weighs none of them up; a Word file saved as a web page, for .doc forms sent no
    # other way, is rare; reseeded when the twentieth set moved to dev).
    write_corpus(out, "dev", 60, seed=29)
    return out


def _archive_members(name: str, data: bytes) -> dict[str, tuple[str, bytes, Any]]:
    """An archive's members by their bytes' SHA-256: (name as a careful reader decodes it, bytes,
    the zip's entry or None)."""
    out: dict[str, tuple[str, bytes, Any]] = {}
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                shown = _zip_name(info)
                content = zf.read(info)
                out[hashlib.sha256(content).hexdigest()] = (shown, content, info)
                if shown.lower().endswith((".zip", ".7z")):
                    out |= _archive_members(shown, content)
    else:
        out |= {sha: (n, d, None) for sha, (n, d) in _unpack(name if name.endswith(".7z") else "a.7z", data).items()}
    return out


def test_sixteenth_set_ways_of_sending_are_in_their_mails(dev16: Path) -> None:
    """Every file of a row is in its mail (an archive's in the archive). The Word file and its PDF;
    a single-file web page under a .doc name; a Mac's zip (UTF-8 names without the flag, its
    __MACOSX and .DS_Store); the PDF in the archive; Apple Mail's inline files; a body in HTML
    only; a name without its extension."""
    rows = [r for r in _truth(dev16) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(dev16)
    # A mail's files are every form's: an archive locked with the body's password (the fifteenth
    # set's test reads it) may be another form's of the mail.
    # (So may an archive split into volumes, the eighteenth set's: joined in that set's test.)
    locked = {r["message_id"] for r in rows if {"archive_password", "split_volumes"} & set(r["tags"].get("decorations", []))}
    seen: set[str] = set()
    for row in rows:
        msg = msgs[row["message_id"]]
        parts = {sha: data for sha, (_, data) in _all_parts(msg).items()} | _attachments(msg)
        parts |= _tnef_files(parts)
        names = {sha: str(part.get_filename()) for sha, (part, _) in _all_parts(msg).items()}
        decos = set(row["tags"].get("decorations", []))
        if row["message_id"] in locked:
            decos.add("archive_password")
        packed: dict[str, tuple[str, bytes, Any]] = {}
        for sha, data in parts.items():  # (an archive locked with the body's password: the fifteenth set's test)
            # (A RAR5 archive too, the seventeenth set's.)
            # (And a .tar.gz, the eighteenth set's.)
            if (data[:4] == b"PK\x03\x04" or data[:6] == b"7z\xbc\xaf\x27\x1c" or data[:8] == b"Rar!\x1a\x07\x01\x00"
                    or data[:2] == b"\x1f\x8b") and "archive_password" not in decos:
                packed |= _archive_members(names.get(sha, "a.zip"), data)
        # (A forwarded message's own part is read where its files are: test_forwarded_and_program_named_forms_are_in_their_mails.)
        files = [f for f in row["files"] if not f.get("in_body") and not f.get("in_eml") and not f["name"].endswith(".eml")]
        for f in files:
            if f.get("in_zip"):
                if "archive_password" in decos:
                    continue
                assert f["sha256"] in packed, f["name"]
                assert packed[f["sha256"]][0].endswith(f["name"].rsplit("/", 1)[-1]), f["name"]
            else:
                assert f["sha256"] in parts, f["name"]
        if "word_and_pdf" in decos:
            # (The Word file saved as a template or a macro-enabled document, the seventeenth set's, is one
            # too; a mail of two forms carries the other's files, a forwarded message's files are its own.)
            sent = [f for f in row["files"] if not f.get("in_zip") and not f.get("in_body")]
            pairs = [(p, w) for p in sent if p["name"].endswith(".pdf") for w in sent
                     if w["name"].endswith((".docx", ".doc", ".wps", ".dotx", ".docm"))
                     and p["name"].rsplit(".", 1)[0] == w["name"].rsplit(".", 1)[0]]
            assert pairs, [f["name"] for f in sent]
            doc = pdfium.PdfDocument(parts[pairs[0][0]["sha256"]])
            text = "".join(doc[k].get_textpage().get_text_range() for k in range(len(doc)))
            assert _flat(row["fields"]["contact_name"]) in _flat(text)
            seen.add("word_and_pdf")
        if "mht_as_doc" in decos:
            # (Attached twice, the thirteenth set's: the same bytes twice.)
            (sha,) = {f["sha256"] for f in files if f["name"].endswith(".doc")}
            data = parts[sha]
            assert data.startswith(b"MIME-Version: 1.0") and b"multipart/related" in data[:300]
            web = email.message_from_bytes(data, policy=email.policy.default)
            html = next(p for p in web.walk() if p.get_content_type() == "text/html").get_content()
            assert _flat(row["fields"]["contact_name"]) in _flat(re.sub(r"<[^>]+>", "", html))
            seen.add("mht_as_doc")
        if "macos_zip" in decos:
            infos = [info for _, _, info in packed.values() if info is not None]
            assert infos and not any(i.flag_bits & 0x800 for i in infos)
            # (The archive, not a Word package the mail carries beside it: a second form's .docx.)
            archives = [d for d in parts.values() if d[:2] == b"PK"
                        and "[Content_Types].xml" not in zipfile.ZipFile(io.BytesIO(d)).namelist()]
            with zipfile.ZipFile(io.BytesIO(archives[0])) as zf:
                listed = [i.filename for i in zf.infolist()]
            assert any(n.startswith("__MACOSX/") for n in listed) and any(n.endswith(".DS_Store") for n in listed)
            seen.add("macos_zip")
        if "pdf_in_archive" in decos:
            # (An archive in a forwarded message too: the message's files are among the mail's parts.)
            forms = [f for f in row["files"] if f.get("in_zip") and f["role"] == "form" and f["name"].endswith(".pdf")]
            assert forms and ("archive_password" in decos or packed[forms[0]["sha256"]][1][:5] == b"%PDF-")
            seen.add("pdf_in_archive")
        if "inline_disposition" in decos:
            attached = [p for p in msg.walk() if p.get_filename()]
            assert attached and all(p.get_content_disposition() == "inline" for p in attached)
            assert all("x-unix-mode" in str(p["Content-Type"]) for p in attached)
            seen.add("inline_disposition")
        if "html_only_body" in decos:
            assert not [p for p in msg.walk() if p.get_content_type() == "text/plain"]
            assert msg.get_body(preferencelist=("html",)) is not None
            seen.add("html_only_body")
        if "no_extension_name" in decos:
            bare = [f for f in files if "." not in f["name"] and not f.get("in_zip")]
            assert bare and parts[bare[0]["sha256"]][:4] in (b"PK\x03\x04", b"%PDF", _OLE[:4])
            seen.add("no_extension_name")
    from benchmarks.gencorpus import holdout_variants_16 as hv16

    assert seen == hv16.PER_FILE | hv16.PER_MAIL, (hv16.PER_FILE | hv16.PER_MAIL) - seen
    # (Dev's manifest names the set's variants, none of them held-out only.)
    manifest = json.loads((dev16 / "manifest.json").read_text(encoding="utf-8"))
    listed = {k for table in manifest["variants"].values() for k in table}
    assert not [k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]]
    assert set().union(*_variant_names(hv16).values()) <= listed


# ---------------------------------------------------------------------------- the seventeenth set

def test_seventeenth_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv17._NO_MARK_LAYOUTS | hv17._OWN_AMOUNT_LAYOUTS | hv17._PARAGRAPH_LAYOUTS | hv17._POST_LAYOUTS \
        <= set(LAYOUTS)
    assert set(hv17._STAND_INS) <= set(CHECKBOXES) and hv17._PEN_CHECKBOXES <= set(CHECKBOXES)
    assert {d for c in hv17._CONFLICTS.values() for d in c} | hv17._NOT_PER_MAIL | hv17._PHOTO_WAYS \
        | hv17._IN_FIELDS <= set(DECORATIONS)
    assert hv17.PER_FILE | hv17.PER_MAIL | hv17.VALUE_DECORATIONS == set(hv17.DECORATIONS)
    assert set(hv17.DECORATION_ODDS) | hv17.PER_MAIL == set(hv17.DECORATIONS) == set(hv17._WAY_FORMATS) | \
        hv17.PER_MAIL | hv17.VALUE_DECORATIONS
    assert set(hv17.WEIGHTS) <= set(hv17.LAYOUTS) | set(hv17.CHECKBOXES)


def test_seventeenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    many = [_app(aid=f"A-{k}") for k in range(16)]
    assert {hv17.funding_text(a, "per_item_suffix") for a in many} == {"8万元/项", "8万元/个", "8万元／项"}
    assert {hv17.funding_text(a, "unit_note_yuan") for a in many} == {"80000", "80000.00", "80,000"}
    assert hv17.funding_text(_app(funding_wan=7.5, aid="A-2"), "per_item_suffix").startswith("7.5万元")
    short = [_app(aid=f"A-{k}", start=date(2024, 6, 1), end=date(2024, 11, 30)) for k in range(16)]
    assert {hv17.period_text(a, "month_slash_year") for a in short} == {"06/2024—11/2024", "6/2024-11/2024",
                                                                       "06/2024 - 11/2024"}
    assert {hv17.period_text(a, "dao_connector") for a in short} == {"2024年6月到2024年11月", "2024年6月到11月",
                                                                    "从2024年6月到11月"}
    late = _app(start=date(2024, 3, 1), end=date(2025, 6, 30))
    assert hv17.period_text(late, "dao_connector") == "2024年3月到2025年6月"
    assert hv17.option_text(True, "学术交流", "thin_check") == "✓学术交流"
    assert hv17.option_text(False, "学术交流", "thin_check") == "□学术交流"
    assert hv17.option_text(True, "学术交流", "pen_strike_others") == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    assert category_text(station, "cell_boxes") == hv17.CATEGORY_GRID
    assert type_text(station, "cell_boxes") == hv17.TYPE_GRID
    assert category_text(station, "thin_check").count("✓") == 1 and "✓学会服务站建设" in category_text(station,
                                                                                                   "thin_check")
    # The grids: a box cell before each option, √ in the chosen one's only.
    grid = hv17._grid([("", ("省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织", "其他"))], "市州科协", 3)
    cells = [c.text for row in grid.rows for c in row]
    assert cells.count("√") == 1 and cells[cells.index("√") + 1] == "市州科协" and len(grid.rows) == 2
    assert all(sum(c.span for c in row) == 6 for row in grid.rows)
    # The values' decorations, each on the clean value where it is typed.
    named = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")

    def typed(*decos: str) -> Any:
        return _V(named, _look(value_decos=decos, decorations=decos))

    assert re.fullmatch(r"2024年湖南省光学学术年会（(不超过30字|限30字以内|30字以内)）", typed("hint_after").project)
    assert typed("hint_after").org in {f"湖南省光学学会{hint}" for hint in hv17._ORG_HINTS}
    assert typed("project_abbrev").project in {"2024年湖南省光学学术年会（简称“光学学术年会”）",
                                               "2024年湖南省光学学术年会（以下简称“光学学术年会”）",
                                               "2024年湖南省光学学术年会（简称：光学学术年会）"}
    assert hv17.short_name("学术交流") is None
    work = typed("name_workplace").name
    assert work.startswith("王伟") and hv17.workplace(named) in work
    assert typed("signature_picture").name == "王伟[sig:王伟]" and plain("王伟[sig:王伟]") == "王伟"
    assert typed("name_post_below").name == "王伟[br]理事长" and plain(typed("name_post_below").name) == "王伟\n理事长"
    dept = typed("contact_dept_before").contact
    assert dept.endswith("李娜") and hv17.department("湖南省光学学会", "A-1") in dept
    assert hv17.department("长沙市科协", "A-1") in ("办公室", "学会部", "科普部")
    # A decoration goes where nothing stands after (or before) the value; a mark's brackets are no value.
    assert hv17.spot("[mail:a@b.cn]a@b.cn[/mail]", "a@b.cn") == len("[mail:a@b.cn]")
    assert hv17._after_is_empty("[u]王伟[/u]", "王伟") and not hv17._after_is_empty("王伟（男）", "王伟")
    assert hv17._before_is_empty("[dist]李娜", "李娜") and not hv17._before_is_empty("办公室李娜", "李娜")
    # Stand-ins where a mark cannot show; an amount in 元 only where the line above the table shows.
    assert hv17.checkbox_for("thin_check", named, _look(layout="table_screenshot"), "docx") in hv17._STAND_INS
    assert hv17.checkbox_for("cell_boxes", named, _look(layout="sheet_row_xlsx"), "docx") == "text_only"
    assert hv17.checkbox_for("cell_boxes", named, _look(layout="runon_paragraph"), "docx") in hv17._STAND_INS
    assert hv17.checkbox_for("cell_boxes", named, _look(layout="kv_lines"), "docx") in hv17._STAND_INS
    assert hv17.checkbox_for("cell_boxes", named, _look(layout="header_row"), "pdf") == "cell_boxes"
    assert hv17.funding_for("unit_note_yuan", "excel_print", "A-1") in ("wan", "yuan")
    assert hv17.funding_for("unit_note_yuan", "header_row", "A-1") == "unit_note_yuan"
    # Word's owner file: ~$ over the name's first two characters (one of seven, none of fewer).
    assert hv17.owner_file_name("材料/湖南省光学学会申报书.docx") == "材料/~$省光学学会申报书.docx"
    assert hv17.owner_file_name("申报书2024.docx") == "~$报书2024.docx"
    assert hv17.owner_file_name("申报书.docx") == "~$申报书.docx"
    assert len(hv17.owner_file("Administrator")) == 162
    # A long value wrapped as the PDF's cell did: digits and addresses are never cut.
    assert hv17.wrapped("服务江华瑶族自治县黑茶产业高质量发展学会服务站") == ["服务江华瑶族自治县黑茶产业",
                                                                          "高质量发展学会服务站"]
    assert hv17.wrapped("湖南省光学学会（联系电话13807312345）") == ["湖南省光学学会（联系电话", "13807312345）"]
    assert hv17.wrapped("[u]很长很长很长很长很长很长很长很长的名称[/u]") == ["[u]很长很长很长很长很长很长很长很长的名称[/u]"]


def test_seventeenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever unit is written
    after it or above the table, the period's months whatever their order or connector, names,
    units and the project without a note, a workplace, a short name, a post, an office or a
    signature; each of the set's writings is drawn (on both splits, now that dev draws the set
    too)."""
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            typed = "".join(str(fields[k] or "") for k in ("project_name", "applicant_org", "leader_name",
                                                           "contact_name"))
            assert not re.search(r"字以内|不超过30字|公章一致|简称|\[sig|\[br\]|秘书处|办公室", typed)
            assert fields["leader_name"] == f.app.leader_name and fields["contact_name"] == f.app.contact_name
            if f.look.dates in hv17.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
            if f.look.funding in hv17.FUNDINGS:
                assert isinstance(fields["funding_wan"], float) and fields["funding_wan"] < 100
    names = {*hv17.FUNDINGS, *hv17.DATES, *hv17.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)



def test_seventeenth_set_variants_are_drawn_where_they_show() -> None:
    """This set's marks only where options are text, its grid only where each option list stands
    alone in a table cell, the pen's strokes on scans and photos only; an amount in 元 only where
    the line above the table is printed; each decoration of a value only where the value shows it,
    one of the leader's name a form; each way of sending a file only for its format and one a file
    (a lock file goes into whichever archive is made); a phone's share menu for one file from a
    phone client without a password, a signature's logo from Outlook or Foxmail, one of them a mail
    (on both splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V, form_blocks

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        ways = {d for f in m.forms for d in f.look.decorations} & hv17.PER_MAIL
        assert len(ways) <= 1
        if "subject_is_filename" in ways:
            assert m.client in hv17._PHONE_SIGNATURES and len(m.forms) == 1 and not m.password
            assert m.body.strip() in hv17._PHONE_SIGNATURES[m.client]
        if "signature_logo" in ways:
            assert m.client in ("outlook", "foxmail")
        if ways:
            assert not {d for f in m.forms for d in f.look.decorations} & hv17._NOT_PER_MAIL
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv17._ONE_WAY) <= 1, decos
            for way in decos & hv17.PER_FILE:
                assert f.fmt in hv17._WAY_FORMATS[way] and not hv17._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if "pages_png" in decos:
                assert not hv17._PHOTO_WAYS & decos and box not in hv17._PEN_CHECKBOXES
            if box in hv17.CHECKBOXES:
                assert layout not in hv17._NO_MARK_LAYOUTS
            if box in hv17.SCAN_ONLY_CHECKBOXES:
                assert f.fmt in ("scan_pdf", "photo_jpg") and "long_screenshot" not in decos
            if box in hv17.LIST_CHECKBOXES:
                shown = repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                assert layout not in hv17._PARAGRAPH_LAYOUTS and "⟦" not in shown and "nested=Table(" in shown
            if f.look.funding in hv17.YUAN_NOTE_FUNDINGS:
                assert layout not in hv17._OWN_AMOUNT_LAYOUTS
            assert len(decos & hv17._NAME_DECORATIONS) <= 1
            v = _V(f.app, f.look)
            if "hint_after" in decos:
                assert re.search(r"（[^）]*(字|公章|全称)[^）]*）", plain(v.project + v.org))
            if "project_abbrev" in decos:
                assert str(hv17.short_name(f.app.project_name)) in plain(v.project)
            if "name_workplace" in decos:
                assert hv17.workplace(f.app) in plain(v.name)
            if "signature_picture" in decos:
                assert f"[sig:{f.app.leader_name}]" in v.name
            if "name_post_below" in decos:
                assert f"{f.app.leader_name}\n{f.app.leader_post}" in plain(v.name)
            if "contact_dept_before" in decos:
                assert hv17.department(f.app.applicant_org, f.app.aid) in plain(v.contact)
    names = set().union(*_variant_names(hv17).values())
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def _seventeenth_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def _tables_with(doc: Any, text: str) -> list[Any]:
    return [t for t in doc.tables if text in "".join(c.text for r in t.rows for c in r.cells)]


def test_outline_list_numbers_its_items_in_numbering_xml() -> None:
    """Each field an item of a two-level list: its number none of the text, the people's items a
    level below their heading item; numbering.xml holds （%1） in Chinese counting and %2."""
    data, doc = _seventeenth_doc("outline_list")
    assert not _tables_with(doc, "项目名称")
    items = []
    for p in doc.paragraphs:
        num = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num is not None:
            items.append((int(num.find(qn("w:ilvl")).get(qn("w:val"))), p.text))
    assert items[0] == (0, "项目名称：服务江华瑶族自治县黑茶产业高质量发展学会服务站")
    assert (0, "项目负责人") in items and (1, "姓名：王伟") in items and (1, "职务：理事长") in items
    assert (1, "手机：13800000000") in items and (1, "电子邮箱：a@b.cn") in items
    assert items.index((1, "姓名：李娜")) == items.index((0, "项目联系人")) + 1
    assert not [t for _, t in items if re.match(r"[（(]?[一二三四五六七八九十\d]+[）)、.]", t)]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        numbering = zf.read("word/numbering.xml").decode()
    assert 'w:val="chineseCounting"' in numbering and 'w:val="（%1）"' in numbering and 'w:val="%2."' in numbering


def test_slashed_pairs_join_labels_and_values_with_one_slash() -> None:
    data, doc = _seventeenth_doc("slashed_pairs")
    rows = dict(_table_rows(doc.tables[0]))
    people = next(k for k in rows if k.startswith("项目负责人"))
    slash = people[len("项目负责人")]
    assert slash in "／/" and people == slash.join(("项目负责人", "职务", "手机"))
    assert [x.strip() for x in rows[people].split(slash)] == ["王伟", "理事长", "13800000000"]
    contact = slash.join(("项目联系人", "联系电话", "电子邮箱"))
    assert [x.strip() for x in rows[contact].split(slash)] == ["李娜", "0731-84000000", "a@b.cn"]
    # An amount written with a slash of its own: the other slash joins the row.
    for k in range(8):
        _, doc = _seventeenth_doc("slashed_pairs", funding="per_item_suffix", app={"aid": f"A-{k}"})
        rows = dict(_table_rows(doc.tables[0]))
        money = next(k for k in rows if k.startswith("申请经费"))
        amount = rows[money].split(money[4])[0].strip()
        assert amount in ("8万元/项", "8万元/个", "8万元／项") and money[4] not in amount


def test_note_rows_keep_the_templates_notes_in_grey_rows() -> None:
    data, doc = _seventeenth_doc("note_rows")
    rows = _table_rows(doc.tables[0])
    notes = [r[0] for r in rows if len(set(r)) == 1 and r[0].startswith("注：")]
    assert len(notes) == 6 and any("5—10万元/个" in n for n in notes) and any("2024年12月底前" in n for n in notes)
    after = [rows[k + 1][0] for k, r in enumerate(rows[:-1]) if r[0] in ("项目名称", "申报单位", "起止时间")]
    assert all(a.startswith("注：") for a in after)
    grey = [r for r in doc.tables[0]._tbl.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:color')}") is not None]
    assert "".join(t.text for r in grey for t in r.iter(qn("w:t"))).count("注：") == 6


def test_runon_paragraph_runs_the_labelled_values_together() -> None:
    texts = set()
    for k in range(6):
        _, doc = _seventeenth_doc("runon_paragraph", app={"aid": f"A-{k}"})
        paras = [p.text for p in doc.paragraphs if "项目名称：" in p.text or "项目负责人：" in p.text]
        texts.add(len(paras))
        whole = "".join(paras)
        assert "项目名称：服务江华瑶族自治县黑茶产业高质量发展学会服务站；项目类别：" in whole
        assert "项目负责人：王伟，手机：13800000000；项目联系人：李娜，联系电话：0731-84000000" in whole
        assert not _tables_with(doc, "项目名称")
    assert texts == {1, 2}


def test_pdf_text_pasted_continues_long_values_on_their_own_lines() -> None:
    _, doc = _seventeenth_doc("pdf_text_pasted", app={"contact_phone": "13900001111"})
    paras = [p.text for p in doc.paragraphs]
    k = paras.index("项目名称 服务江华瑶族自治县黑茶产业")
    assert paras[k + 1] == "高质量发展学会服务站"
    assert "项目负责人 王伟 负责人手机 13800000000" in paras and "项目联系人 李娜 联系电话 13900001111" in paras
    assert "申请经费 8万元" in paras and not _tables_with(doc, "项目名称")


def test_cell_boxes_give_each_option_a_box_cell_of_its_own() -> None:
    data, doc = _seventeenth_doc("header_row", checkbox="cell_boxes", app={"applicant_type": "民非组织"})
    outer = doc.tables[0]
    grids = [t for row in outer.rows for c in row.cells for t in c.tables]
    assert len({id(g._tbl) for g in grids}) == 2
    category, kind = sorted({g._tbl: g for g in grids}.values(), key=lambda g: -len(g.rows))
    for grid, chosen in ((category, "学会服务站建设"), (kind, "民非组织")):
        cells = [c.text for row in grid.rows for c in row.cells]
        ticked = [k for k, t in enumerate(cells) if t == "√"]
        assert len(ticked) == 1 and cells[ticked[0] + 1] == chosen
    assert "科技创新服务能力建设项目" in [c.text for c in category.rows[0].cells]
    assert "⟦" not in _docx_all_text(data) and "□" not in _docx_all_text(data).split("二、")[0]


def test_thin_check_signature_and_the_amounts_unit_above_the_table() -> None:
    """✓ before the chosen option; a picture of the signature right after the typed name, in its
    paragraph; 金额单位：元 above the basic part and the budget in 元."""
    data, doc = _seventeenth_doc("header_row", checkbox="thin_check", funding="unit_note_yuan",
                                 value_decos=("signature_picture",), decorations=("signature_picture",))
    text = _docx_all_text(data)
    assert "✓学会服务站建设" in text and text.count("✓") == 2
    name = next(p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs if p.text == "王伟")
    runs = list(name._p.iter(qn("w:r")))
    assert "".join(t.text for t in runs[0].iter(qn("w:t"))) == "王伟" and runs[-1].find(f".//{qn('w:drawing')}") \
        is not None
    assert re.search(r"(金额单位|单位)：元\n", text)
    budget = next(t for t in doc.tables if t.rows[0].cells[0].text == "序号")
    assert budget.rows[0].cells[2].text == "金额（元）" and budget.rows[-1].cells[2].text == "80000"
    from benchmarks.gencorpus.holdout_variants_17 import signature_png

    png = Image.open(io.BytesIO(signature_png("王伟")))
    assert png.mode == "RGBA" and png.size[0] > png.size[1] and signature_png("王伟") == signature_png("王伟")


def test_pen_strikes_through_the_options_not_chosen(tmp_path: Path) -> None:
    """A stroke through every option that does not apply on the printout: ink across the middle
    of their words, none on the chosen ones'."""
    from benchmarks.gencorpus import holdout_variants_15 as hv15
    from benchmarks.gencorpus import media
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(subcategory="学会服务站建设", applicant_type="高校科协")
    look = _look(checkbox="pen_strike_others")
    pdf = media.soffice_batch({"f": build_docx(form_blocks(app, look, compact=True), "李娜")}, "pdf", tmp_path)["f"]
    pen = hv15.pen_marks(app, "pen_strike_others")  # (through the earlier sets' chain of pens)
    assert pen is not None and pen.kind == "strike"
    assert app.subcategory not in pen.ticks.labels and "高校科协交流机制建设" in pen.ticks.labels
    places = media.pen_places(pdf, pen, 3)
    assert sum(len(v) for v in places.values()) == 13  # (the eight other items and the five other types)
    chosen = media.pen_places(pdf, media.PenMarks("strike", media.PenTicks(("学会服务站建设", "高校科协"),
                                                                            pen.ticks.options)), 3)
    page_no, spans = next(iter(places.items()))
    clean = media._pages(pdf, 150, 3)[page_no]
    marked = clean.copy()
    media._pen_marks(marked, random.Random(1), "strike", spans, 150)
    w, h = (n * 72 / 150 for n in clean.size)
    for left, top, right, bottom in spans[:3]:
        middle = (left / w, (top + (bottom - top) * 0.2) / h, right / w, (bottom - (bottom - top) * 0.2) / h)
        assert _ink(marked, middle) > _ink(clean, middle) + 20
    for left, top, right, bottom in chosen.get(page_no, []):
        box = (left / w, top / h, right / w, bottom / h)
        assert _ink(marked, box) == _ink(clean, box)


def test_seventeenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The seventeenth set printed by LibreOffice: every value is there to read in its layouts, its
    grids and marks, its amounts (the unit's line above the table), periods and decorations."""
    from benchmarks.gencorpus import holdout_variants_17 as hv17

    wanted = (set(hv17.LAYOUTS) | {"cell_boxes", "thin_check"} | set(hv17.FUNDINGS) | set(hv17.DATES)
              | set(hv17.VALUE_DECORATIONS))
    printed = _printed_one_per_variant(wanted, hv17.LAYOUTS, tmp_path)
    assert wanted <= {x for f, _ in printed for x in (f.look.layout, f.look.checkbox, f.look.funding, f.look.dates,
                                                     *f.look.decorations)}
    for f, pdf_bytes in printed:
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat, look = _flat(text + cells), f.look
        if look.funding == "unit_note_yuan":
            assert re.search(r"(金额单位|单位)：元", text)
        if look.checkbox == "thin_check":
            assert "✓" in text
        if "name_workplace" in look.decorations:
            assert _flat(hv17.workplace(f.app)) in flat
        if "contact_dept_before" in look.decorations:
            assert _flat(hv17.department(f.app.applicant_org, f.app.aid)) in flat
        if "project_abbrev" in look.decorations:
            assert _flat(str(hv17.short_name(f.app.project_name))) in flat
        if "signature_picture" in look.decorations:
            doc = pdfium.PdfDocument(pdf_bytes)
            assert any(o.type == 3 for page in doc for o in page.get_objects())  # (a picture: FPDF_PAGEOBJ_IMAGE)
            doc.close()


@pytest.fixture(scope="module")
def dev17(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev17")
    # Dev draws the seventeenth set too: seed 56 gives every way this set sends a file or a mail in
    # 40 mails (dev weighs none of them up; with the nineteenth set drawn too, no seed up to 150
    # holds them all in 30).
    write_corpus(out, "dev", 40, seed=56)
    return out


def _ofd_text(data: bytes) -> str:
    """An OFD package's text: every page's text codes in their order (its root found from OFD.xml)."""
    from lxml import etree

    ns = {"ofd": "http://www.ofdspec.org/2016"}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("OFD.xml")).findtext(".//ofd:DocRoot", namespaces=ns)
        folder = root.rsplit("/", 1)[0]
        document = etree.fromstring(zf.read(root))
        out = []
        for page in document.findall(".//ofd:Page", ns):
            content = etree.fromstring(zf.read(f"{folder}/{page.get('BaseLoc')}"))
            out += [t.text or "" for t in content.iter("{http://www.ofdspec.org/2016}TextCode")]
    return "\n".join(out)


def _rar_members(data: bytes) -> dict[str, tuple[str, bytes]]:
    """A RAR archive's files by their bytes' SHA-256 (name, bytes), an archive's in it too."""
    import rarfile

    out: dict[str, tuple[str, bytes]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "a.rar"
        path.write_bytes(data)
        with rarfile.RarFile(str(path)) as rf:
            for info in rf.infolist():
                if info.is_dir():
                    continue
                content = rf.read(info)
                out[hashlib.sha256(content).hexdigest()] = (info.filename, content)
                if info.filename.lower().endswith((".zip", ".7z")):
                    out |= _unpack(info.filename, content)
    return out


def test_seventeenth_set_ways_of_sending_are_in_their_mails(dev17: Path) -> None:
    """Every file of a row is in its mail (an archive's in the archive). An OFD whose text objects
    hold the form's values; a RAR5 archive of stored files; a template's or a macro-enabled
    document's package; the pages as PNG pictures; Word's owner file in the archive, in no truth; a
    subject that is the file's name and a body that is the phone's signature; the signature's logo
    shown by its Content-ID and in no truth; dev's manifest names the set, none of it held-out only."""
    from benchmarks.gencorpus import holdout_variants_17 as hv17
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS

    rows = [r for r in _truth(dev17) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(dev17)
    # A mail's files are every form's: an archive locked with the body's password (the fifteenth
    # set's test reads it) may be another form's of the mail.
    # (So may an archive split into volumes, the eighteenth set's: joined in that set's test.)
    locked = {r["message_id"] for r in rows if {"archive_password", "split_volumes"} & set(r["tags"].get("decorations", []))}
    seen: set[str] = set()
    for row in rows:
        msg = msgs[row["message_id"]]
        parts = {sha: data for sha, (_, data) in _all_parts(msg).items()} | _attachments(msg)
        parts |= _tnef_files(parts)
        names = {sha: str(part.get_filename()) for sha, (part, _) in _all_parts(msg).items()}
        decos = set(row["tags"].get("decorations", []))
        if row["message_id"] in locked:
            decos.add("archive_password")
        packed: dict[str, tuple[str, bytes]] = {}
        for sha, data in parts.items():
            if "archive_password" in decos:
                continue
            if data[:8] == b"Rar!\x1a\x07\x01\x00":
                packed |= _rar_members(data)
            # (A file winmail.dat holds has no part's name: a zip by its bytes, no Word package.)
            # (And a .tar.gz, the eighteenth set's.)
            elif data[:4] == b"PK\x03\x04" and (names[sha].lower().endswith(".zip") if sha in names else
                                                 b"[Content_Types].xml" not in data[:4000]) \
                    or data[:6] == b"7z\xbc\xaf\x27\x1c" or data[:2] == b"\x1f\x8b":
                packed |= {k: (n, d) for k, (n, d, _) in _archive_members(names.get(sha, "a.zip"), data).items()}
        files = [f for f in row["files"] if not f.get("in_body") and not f.get("in_eml")
                 and not f["name"].endswith(".eml")]
        for f in files:
            if f.get("in_zip"):
                if "archive_password" not in decos:
                    assert f["sha256"] in packed, f["name"]
            else:
                assert f["sha256"] in parts, f["name"]
        # (A forwarded message's files are read where its own are: in_eml.)
        every = [f for f in row["files"] if not f.get("in_body")]
        if "ofd_export" in decos:
            ofd = next(f for f in every if f["name"].endswith(".ofd"))
            text = _ofd_text(parts[ofd["sha256"]])
            assert _flat(row["fields"]["contact_name"]) in _flat(text)
            assert re.sub("[“”]", "", _flat(row["fields"]["project_name"])) in re.sub("[“”]", "", _flat(text))
            seen.add("ofd_export")
        if "rar_archive" in decos:
            rar = next(f for f in every if f["name"].endswith(".rar"))
            assert parts[rar["sha256"]][:8] == b"Rar!\x1a\x07\x01\x00"
            assert [f for f in every if f.get("in_zip") and f["role"] == "form"]
            seen.add("rar_archive")
        if "template_saved" in decos:
            tpl = next(f for f in every if f["name"].endswith((".dotx", ".docm")))  # (attached twice: the same)
            with zipfile.ZipFile(io.BytesIO(parts[tpl["sha256"]])) as zf:
                types = zf.read("[Content_Types].xml").decode()
                body = zf.read("word/document.xml").decode()
            main = "template.main+xml" if tpl["name"].endswith(".dotx") else "macroEnabled.main+xml"
            assert main in types and "document.main+xml" not in types
            # (A screenshot's or a worksheet's values are no text of the document.)
            if row["tags"]["layout"] not in PICTURE_LAYOUTS | SHEET_LAYOUTS:
                assert _flat(row["fields"]["contact_name"]) in _flat(re.sub(r"<[^>]+>", "", body))
            seen.add("template_saved")
        if "pages_png" in decos:
            pngs = [f for f in every if f["name"].endswith(".png")]
            assert pngs and not [f for f in every if f["name"].endswith(".jpg")]
            for f in pngs:
                picture = Image.open(io.BytesIO(parts[f["sha256"]]))
                assert picture.format == "PNG" and 1200 <= picture.size[0] <= 1280
            seen.add("pages_png")
        if "lock_file_packed" in decos:
            owners = [(n, d) for n, d in packed.values() if n.rsplit("/", 1)[-1].startswith("~$")]
            assert owners and all(len(d) == 162 for _, d in owners)
            assert not [f for f in row["files"] if "~$" in f["name"]]
            seen.add("lock_file_packed")
        if "subject_is_filename" in decos:
            attached = [p.get_filename() for p in msg.iter_attachments()]
            assert str(msg["Subject"]) == row["subject"] == attached[0]
            assert _body_text(msg).strip() in hv17._PHONE_SIGNATURES[row["tags"]["client"]]
            seen.add("subject_is_filename")
        if "signature_logo" in decos:
            related = [p for p in msg.walk() if p.get_content_type() == "multipart/related"]
            assert related
            logo = next(p for p in related[0].walk() if p.get_content_type() == "image/png")
            cid = str(logo["Content-ID"]).strip("<>")
            html = related[0].get_body(preferencelist=("html",))
            assert html is not None and f"cid:{cid}" in str(html.get_content())
            assert row["fields"]["applicant_org"] in _body_text(msg).split("--")[-1]
            logo_bytes = logo.get_payload(decode=True)
            assert hashlib.sha256(logo_bytes).hexdigest() not in {f["sha256"] for f in row["files"]}
            seen.add("signature_logo")
    assert seen == hv17.PER_FILE | hv17.PER_MAIL, (hv17.PER_FILE | hv17.PER_MAIL) - seen
    # (Dev's manifest names the set's variants, none of them held-out only, and counts no held-out set's mails.)
    manifest = json.loads((dev17 / "manifest.json").read_text(encoding="utf-8"))
    listed = {k for table in manifest["variants"].values() for k in table}
    assert not [k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]]
    assert set().union(*_variant_names(hv17).values()) <= listed
    assert "emails_with_holdout_variant" not in manifest["counts"]


def test_rar_archive_is_read_by_the_common_tools(tmp_path: Path) -> None:
    """The RAR5 writer's archive as rarfile, bsdtar and 7-Zip read it: the folders and the stored
    files, their bytes as written."""
    import shutil
    import subprocess

    import rarfile

    from benchmarks.gencorpus import holdout_variants_17 as hv17

    members = [("申报材料/湖南省光学学会申报书.docx", b"PK\x03\x04" + bytes(range(256)) * 40),
               ("申报材料/附件1：专家团队名单.docx", b"PK\x03\x04other"), ("说明.txt", "纸质版已邮寄".encode("gbk"))]
    path = tmp_path / "a.rar"
    path.write_bytes(hv17.rar(members, datetime(2024, 4, 20, 10, 15)))
    with rarfile.RarFile(str(path)) as rf:
        assert {i.filename: rf.read(i) for i in rf.infolist() if not i.is_dir()} == dict(members)
        assert [i.filename for i in rf.infolist() if i.is_dir()] == ["申报材料/"]
    for tool, args in (("bsdtar", ["-tf"]), ("7z", ["l", "-ba"])):
        if shutil.which(tool):
            listed = subprocess.run([tool, *args, str(path)], capture_output=True, text=True, check=True).stdout
            assert all(name in listed for name, _ in members), (tool, listed)


# ---------------------------------------------------------------------------- the eighteenth set

def _eighteenth_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_18 as hv18

    return set().union(*_variant_names(hv18).values())


def test_eighteenth_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv18._NO_MARK_LAYOUTS | hv18._OWN_AMOUNT_LAYOUTS | hv18._PARAGRAPH_LAYOUTS | hv18._PLAIN_LAYOUTS \
        <= set(LAYOUTS)
    assert set(hv18._STAND_INS) <= set(CHECKBOXES)
    ways = {d for c in hv18._CONFLICTS.values() for d in c} | hv18.MAIL_CONFLICTS
    assert ways <= set(DECORATIONS) and not ways & set(hv18.DECORATIONS)
    assert hv18.PER_FILE | hv18.PER_MAIL | hv18.VALUE_DECORATIONS == set(hv18.DECORATIONS)
    assert set(hv18.DECORATION_ODDS) | hv18.PER_MAIL == set(hv18.DECORATIONS) == set(hv18._WAY_FORMATS) | \
        hv18.PER_MAIL | hv18.VALUE_DECORATIONS
    assert set(hv18.WEIGHTS) <= set(hv18.LAYOUTS) | set(hv18.CHECKBOXES)
    assert _EIGHTEENTH_LONGER == hv18.LIST_CHECKBOXES | hv18.VALUE_DECORATIONS


def _gbk_mail(subject: str, filename: str) -> bytes:
    from shenbao.demo.mail import build_eml

    return build_eml(sender="a@b.cn", sender_name="李娜", subject=subject, body="见附件。",
                     attachments=[(filename, b"PK\x03\x04x", "application/octet-stream")],
                     date=datetime(2024, 4, 20, 10, 0), message_id="<m1@b.cn>", client_style="outlook",
                     received_at=datetime(2024, 4, 20, 10, 1))


def _words(raw: bytes) -> list[tuple[str, bytes]]:
    return [(cs.decode(), base64.b64decode(data)) for cs, data in
            re.findall(rb"=\?([^?]+)\?[Bb]\?([A-Za-z0-9+/=]*)\?=", raw)]


def _header_runs(eml: bytes, name: bytes) -> list[bytes]:
    """The raw bytes of every header field called `name` (its folded lines joined)."""
    return [m.group(1) for m in re.finditer(rb"(?m)^" + name + rb"(:(?:[^\r\n]|\r\n[ \t])*)", eml)]


def test_eighteenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    many = [_app(aid=f"A-{k}") for k in range(16)]
    assert {hv18.funding_text(a, "qian_yuan") for a in many} == {"80千元", "80.0千元", "80 千元"}
    assert {hv18.funding_text(a, "wan_yuan_paren") for a in many} == {"8万元（80000元）", "8万元（80,000元）",
                                                                      "8万元（即80000元）"}
    assert hv18.funding_text(_app(funding_wan=7.5, aid="A-3"), "qian_yuan").startswith("75")
    short = [_app(aid=f"A-{k}", start=date(2024, 6, 1), end=date(2024, 11, 30)) for k in range(16)]
    assert {hv18.period_text(a, "two_digit_dotted") for a in short} == {"24.06-24.11", "24.6—24.11", "24.06～24.11"}
    assert {hv18.period_text(a, "double_dash") for a in short} == {"2024年6月——2024年11月", "2024.06——2024.11"}
    assert hv18.period_text(_app(start=date(2024, 3, 1), end=date(2025, 6, 30)), "two_digit_dotted") in (
        "24.03-25.06", "24.3—25.6", "24.03～25.06")
    assert hv18.option_text(True, "学术交流", "diamond") == "◆学术交流"
    assert hv18.option_text(False, "学术交流", "diamond") == "◇学术交流"
    assert hv18.option_text(True, "学术交流", "md_task") == "[x] 学术交流"
    assert hv18.option_text(False, "学术交流", "md_task") == "[ ] 学术交流"
    # The options numbered across the category's two groups; the chosen one's number after them.
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    listed = category_text(station, "numbered_choice")
    assert "⑤学会服务站建设" in listed and "⑥创新工程专业职称评审" in listed
    assert re.search(r"\n(所选序号：⑤|选择：⑤|（填序号）5)$", listed)
    assert "□" not in listed and "√" not in listed
    kinds = type_text(station, "numbered_choice")
    assert "②市州科协" in kinds and re.search(r"(所选序号：②|选择：②|（填序号）2)$", kinds)
    # The values' decorations, each on the clean value where it is typed.
    named = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会", contact_email="ln@hnos.cn")

    def typed(*decos: str, **kw: Any) -> Any:
        return _V(named, _look(value_decos=decos, decorations=decos, **kw))

    assert typed("contact_laoshi").contact == "李娜老师"
    assert typed("project_tentative").project in {f"2024年湖南省光学学术年会{t}" for t in hv18._TENTATIVE}
    both = typed("placeholder_brackets")
    assert (both.project, both.org) == ("【2024年湖南省光学学术年会】", "【湖南省光学学会】")
    assert typed("mailto_typed").email == "mailto:ln@hnos.cn"
    hedged = typed("period_hedge", "amount_hedge")
    assert hedged.period.startswith("2024年5月—2024年12月") and plain(hedged.period)[-1] == "）"
    assert hedged.funding.startswith("8万元（") and "批复" in hedged.funding
    # A decoration goes where nothing stands after (or before) the value.
    assert typed("contact_laoshi", "contact_dept_before").contact.endswith("李娜老师")
    # Stand-ins where a mark cannot show; numbers only where the form writes the lists whole.
    assert hv18.checkbox_for("diamond", named, _look(layout="table_screenshot"), "docx") in hv18._STAND_INS
    assert hv18.checkbox_for("md_task", named, _look(layout="sheet_row_xlsx"), "docx") == "text_only"
    assert hv18.checkbox_for("numbered_choice", named, _look(layout="cb_matrix"), "docx") in hv18._STAND_INS
    assert hv18.checkbox_for("numbered_choice", named, _look(layout="header_row"), "pdf") == "numbered_choice"
    assert hv18.checkbox_for("numbered_choice", named, _look(layout="markdown_table"), "docx") == "numbered_choice"
    assert hv18.funding_for("qian_yuan", "excel_print", "A-1") in ("wan", "yuan")
    assert hv18.funding_for("qian_yuan", "header_row", "A-1") == "qian_yuan"
    # Names: the extension twice or upper-case; a name left as it was otherwise (no extension too).
    assert hv18.sent_name("申报书.docx", (), "docx", "A-1") == "申报书.docx"
    assert hv18.sent_name("申报书", ("no_extension_name",), "docx", "A-1") == "申报书"
    assert hv18.sent_name("申报书.docx", ("double_extension",), "docx", "A-1") == "申报书.docx.docx"
    assert {hv18.sent_name("申报书.pdf", ("double_extension",), "pdf", f"A-{k}") for k in range(12)} == {
        "申报书.pdf.pdf", "申报书.docx.pdf"}
    assert hv18.sent_name("申报书.pdf", ("upper_ext",), "pdf", "A-1") == "申报书.PDF"
    # An Excel cell of several lines goes in double quotes, its quotes doubled.
    assert hv18.excel_cell("a\nb") == '"a\nb"' and hv18.excel_cell('a"b') == '"a""b"' and hv18.excel_cell("ab") == "ab"


def test_archives_of_the_eighteenth_set_open_as_their_tools_make_them(tmp_path: Path) -> None:
    """A .tar.gz of UTF-8 names and its folder; a 7z under a .zip name; volumes that join into the
    archive, each but the last a whole number of KB; an archive sent as it is otherwise."""
    import tarfile

    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus.media import seven_zip

    members = [("申报材料/湖南省光学学会申报书.docx", b"PK\x03\x04" + bytes(range(256)) * 40),
               ("申报材料/附件1：专家团队名单.docx", b"PK\x03\x04other")]
    when = datetime(2024, 4, 20, 10, 15)
    data = hv18.tar_gz(members, when)
    assert data[:2] == b"\x1f\x8b" and data == hv18.tar_gz(members, when)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
        assert {i.name: tf.extractfile(i).read() for i in tf.getmembers() if i.isfile()} == dict(members)  # type: ignore[union-attr]
        assert [i.name for i in tf.getmembers() if i.isdir()] == ["申报材料"]
    packed = seven_zip(members)
    if packed is not None:
        ((name, same, ext),) = hv18.archive_files("单位-项目.7z", packed, "7z", ("archive_ext_mismatch",))
        assert name == "单位-项目.zip" and same[:6] == b"7z\xbc\xaf\x27\x1c" and ext == "zip"
    archive = bytes(range(256)) * 30
    parts = hv18.archive_files("单位-项目.zip", archive, "zip", ("split_volumes",))
    assert [n for n, _, _ in parts] == ["单位-项目.zip.001", "单位-项目.zip.002"]
    assert b"".join(d for _, d, _ in parts) == archive and len(parts[0][1]) % 1024 == 0
    assert hv18.archive_files("单位-项目.zip", archive, "zip", ("archive_ext_mismatch",)) == [
        ("单位-项目.zip", archive, "zip")]


def test_split_encoded_words_cut_characters_the_joined_bytes_keep() -> None:
    """Every run of encoded-words re-cut by bytes: some word ends inside a character (it decodes
    alone to no text), the run's bytes joined are the subject and the file's name; the body stays."""
    from benchmarks.gencorpus import holdout_variants_18 as hv18

    subject, filename = "湖南省光学学会2024年度项目申报书（学术交流）", "湖南省光学学会-2024年湖南省光学学术年会申报书.docx"
    eml = _gbk_mail(subject, filename)
    cut = hv18.split_words(eml)
    assert cut.partition(b"\r\n\r\n")[2].count(b"\r\n\r\n") == eml.partition(b"\r\n\r\n")[2].count(b"\r\n\r\n")
    for field, text in ((b"Subject", subject), (b"Content-Disposition", filename)):
        (run,) = [r for r in _header_runs(cut, field) if b"=?" in r]
        words = _words(run)
        assert len(words) >= 2 and len({cs for cs, _ in words}) == 1
        codec = "gb18030" if words[0][0].lower() in ("gb2312", "gbk", "gb18030") else words[0][0]
        assert b"".join(d for _, d in words).decode(codec) == text
        broken = 0
        for _, d in words:
            try:
                d.decode(codec)
            except UnicodeDecodeError:
                broken += 1
        assert broken, field
    msg = email.message_from_bytes(cut, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and "见附件" in str(body.get_content())
    att = next(iter(msg.iter_attachments()))
    assert att.get_payload(decode=True) == b"PK\x03\x04x"


def test_eighteenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever it is written in,
    the period's months whatever the years' digits or the dash, names, the unit, the project and
    the e-mail without 老师, 暂定名, brackets, a hedge or mailto:; each of the set's writings is drawn
    (on both splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            typed = "".join(str(fields[k] or "") for k in ("project_name", "applicant_org", "contact_name",
                                                           "contact_email"))
            assert not re.search(r"老师|暂定|【|】|批复|mailto", typed)
            if f.look.dates in hv18.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
            if f.look.funding in hv18.FUNDINGS:
                assert isinstance(fields["funding_wan"], float) and fields["funding_wan"] < 100
    names = {*hv18.FUNDINGS, *hv18.DATES, *hv18.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_eighteenth_set_variants_are_drawn_where_they_show() -> None:
    """This set's marks only where options are text, its numbers only where the form writes each
    list whole; its amounts only where the typed amount is printed; each decoration of a value
    only where the value shows it; each way of sending a file only for its format, one a file and
    none with an earlier set's way; words cut by bytes in a mail sent no earlier set's way (on both
    splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_18 as hv18
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        every = {d for f in m.forms for d in f.look.decorations}
        if "split_encoded_words" in every:
            assert m.forwarded is None and m.pasted is None and not m.inline and not every & hv18.MAIL_CONFLICTS
            assert all("split_encoded_words" in f.look.decorations for f in sent)
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv18.PER_FILE) <= 1, decos
            for way in decos & hv18.PER_FILE:
                assert f.fmt in hv18._WAY_FORMATS[way] and not hv18._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv18.CHECKBOXES:
                assert layout not in hv18._NO_MARK_LAYOUTS
            if f.look.funding in hv18.FUNDINGS:
                assert layout not in hv18._OWN_AMOUNT_LAYOUTS
            if not decos & hv18.VALUE_DECORATIONS and box not in hv18.LIST_CHECKBOXES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv18.LIST_CHECKBOXES:
                assert re.search(r"(所选序号：|选择：)[①-⑨]|（填序号）\d", shown), layout
            for d in decos & hv18.VALUE_DECORATIONS:
                assert hv18.marker(d, f.app) in shown, (d, layout)
    for split, drawn in seen.items():
        assert _eighteenth_names() <= drawn, (split, _eighteenth_names() - drawn)


def _eighteenth_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def test_markdown_table_is_pasted_as_pipe_lines() -> None:
    """An AI assistant's Markdown pasted as it was: a header line, its rule, a line a field, a
    cell's lines joined by <br>; no table of the document's."""
    heads = set()
    for k in range(6):
        _, doc = _eighteenth_doc("markdown_table", app={"aid": f"A-{k}"})
        paras = [p.text for p in doc.paragraphs]
        k0 = next(i for i, t in enumerate(paras) if t.startswith("| ") and "项目名称" not in t)
        heads.add(paras[k0])
        assert re.fullmatch(r"\|[-: |]+\|", paras[k0 + 1])
        assert "| 项目名称 | 服务江华瑶族自治县黑茶产业高质量发展学会服务站 |" in paras
        assert "| 项目负责人 | 王伟 |" in paras and "| 负责人手机 | 13800000000 |" in paras
        category = next(t for t in paras if t.startswith("| 项目类别 |"))
        assert "<br>" in category and "学会服务站建设" in category
        assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]
    assert len(heads) > 1


def test_tsv_pasted_separates_cells_with_tabs() -> None:
    _, doc = _eighteenth_doc("tsv_pasted")
    paras = [p.text for p in doc.paragraphs]
    assert "项目负责人\t王伟\t负责人手机\t13800000000" in paras and "项目联系人\t李娜\t联系电话\t0731-84000000" in paras
    assert "项目名称\t服务江华瑶族自治县黑茶产业高质量发展学会服务站" in paras and "申请经费\t8万元\t起止时间\t2024年5月—2024年12月" \
        in paras
    category = next(k for k, t in enumerate(paras) if t.startswith("项目类别\t"))
    assert paras[category].startswith('项目类别\t"') and next(t for t in paras[category + 1:] if t.endswith('"'))
    assert not doc.tables[:1] or "项目名称" not in "".join(c.text for r in doc.tables[0].rows for c in r.cells)


def test_spacer_columns_leave_a_blank_cell_before_each_value() -> None:
    _, doc = _eighteenth_doc("spacer_columns")
    rows = _table_rows(doc.tables[0])
    assert ["项目名称", "", "服务江华瑶族自治县黑茶产业高质量发展学会服务站"] in rows
    assert ["项目负责人", "", "王伟", "手机", "", "13800000000"] in rows
    assert all(len(r) in (3, 6) and r[1] == "" and (len(r) == 3 or r[4] == "") for r in rows)


def test_side_by_side_tables_split_the_basic_part_in_two() -> None:
    _, doc = _eighteenth_doc("side_by_side")
    outer = doc.tables[0]
    assert len(outer.rows) == 1 and len(outer.rows[0].cells) == 2
    left, right = (c.tables[0] for c in outer.rows[0].cells)
    assert dict(_table_rows(left))["项目名称"] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站"
    assert dict(_table_rows(right))["项目负责人"] == "王伟" and dict(_table_rows(right))["起止时间"] == "2024年5月—2024年12月"
    assert "项目负责人" not in dict(_table_rows(left))


def test_bracket_labels_put_each_label_in_brackets() -> None:
    _, doc = _eighteenth_doc("bracket_labels", checkbox="diamond")
    paras = [p.text for p in doc.paragraphs]
    assert "【项目名称】服务江华瑶族自治县黑茶产业高质量发展学会服务站" in paras and "【项目负责人】王伟" in paras
    assert "【电子邮箱】a@b.cn" in paras and any(t.startswith("【项目类别】") for t in paras)
    text = "\n".join(paras)
    assert "◆学会服务站建设" in text and text.count("◆") == 2 and "◇学术交流" in text


def test_numbered_choice_and_task_boxes_in_a_grid() -> None:
    data, _ = _eighteenth_doc("header_row", checkbox="numbered_choice", app={"applicant_type": "民非组织"})
    text = _docx_all_text(data)
    assert len(re.findall(r"所选序号：⑤|选择：⑤|（填序号）5", text)) == 2  # (学会服务站建设 and 民非组织 are both ⑤)
    assert "⑤民非组织" in text and "□" not in text.split("二、")[0]
    data, _ = _eighteenth_doc("spacer_columns", checkbox="md_task")
    text = _docx_all_text(data)
    assert "[x] 学会服务站建设" in text and "[ ] 学术交流" in text and text.count("[x]") == 2


def test_eighteenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The eighteenth set printed by LibreOffice: every value is there to read in its layouts, its
    marks and numbers, its amounts, periods and decorations."""
    from benchmarks.gencorpus import holdout_variants_18 as hv18

    wanted = (set(hv18.LAYOUTS) | set(hv18.CHECKBOXES) | set(hv18.FUNDINGS) | set(hv18.DATES)
              | set(hv18.VALUE_DECORATIONS))
    printed = _printed_one_per_variant(wanted, hv18.LAYOUTS, tmp_path)
    assert wanted <= {x for f, _ in printed for x in (f.look.layout, f.look.checkbox, f.look.funding, f.look.dates,
                                                     *f.look.decorations)}
    for f, pdf_bytes in printed:
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat, look = _flat(text + cells), f.look
        if look.checkbox == "diamond":
            assert "◆" in text
        if look.checkbox == "md_task":
            assert "[x]" in text
        if look.checkbox == "numbered_choice":
            assert re.search(r"(所选序号:|选择:|\(填序号\))\d", flat)  # (NFKC: ⑤ as 5, ： as :)
        if look.layout == "markdown_table":
            assert "|---" in flat or "|:---" in flat
        for d in set(look.decorations) & hv18.VALUE_DECORATIONS:
            assert _flat(hv18.marker(d, f.app)) in flat, d


@pytest.fixture(scope="module")
def dev18(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev18")
    # Dev draws the eighteenth set too: seed 3 gives every way this set sends a file or a mail in 40
    # mails (dev weighs none of them up; few seeds hold all seven in so few).
    write_corpus(out, "dev", DEV18_COUNT, seed=DEV18_SEED)
    return out


DEV18_SEED, DEV18_COUNT = 3, 40


def test_eighteenth_set_ways_of_sending_are_in_their_mails(dev18: Path) -> None:
    """Every file of a row is in its mail (an archive's in the archive, whatever packs it). A
    .tar.gz; volumes that join into the archive; a 7z under a .zip name; WebP photos; a name with
    its extension twice or upper-case; encoded-words cut inside a character whose joined bytes are
    the subject and the files' names; dev's manifest names the set, none of it held-out only."""
    import tarfile

    from benchmarks.gencorpus import holdout_variants_18 as hv18

    rows = [r for r in _truth(dev18) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(dev18)
    raw = {str(msg["Message-ID"]): path.read_bytes() for path in sorted((dev18 / "mail").glob("*.eml"))
           for msg in [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)]}
    # (An archive locked with the body's password, the fifteenth set's, may be another form's of the mail.)
    locked = {r["message_id"] for r in rows if "archive_password" in r["tags"].get("decorations", [])}
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", []))
        if not decos & (hv18.PER_FILE | hv18.PER_MAIL):
            continue
        msg = msgs[row["message_id"]]
        parts = _attachments(msg)
        every = [f for f in row["files"] if not f.get("in_body")]
        # (An archive by the name the truth gives it: a mail's names may be cut inside a character.)
        archives = {f["sha256"]: f["name"] for f in every if not f.get("in_zip")
                    and f["name"].lower().endswith((".zip", ".7z"))}
        packed: dict[str, tuple[str, bytes]] = {}
        volumes = sorted((f for f in every if re.search(r"\.\d{3}$", f["name"])), key=lambda f: f["name"])
        if volumes:
            joined = b"".join(parts[f["sha256"]] for f in volumes)
            packed |= _unpack(volumes[0]["name"][:-4], joined)
        for sha, data in parts.items():
            if data[:2] == b"\x1f\x8b":
                with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tf:
                    for info in tf.getmembers():
                        if info.isfile():
                            content = tf.extractfile(info).read()  # type: ignore[union-attr]
                            packed[hashlib.sha256(content).hexdigest()] = (info.name, content)
                            if info.name.lower().endswith((".zip", ".7z")):  # (the unit's own archive in it)
                                packed |= _unpack(info.name, content)
            elif sha in archives and row["message_id"] not in locked:
                packed |= _unpack("a.7z" if data[:2] == b"7z" else "a.zip", data)
        for f in every:
            if f["name"].endswith(".eml") or f.get("in_zip") and row["message_id"] in locked:
                continue  # (a forwarded message's own files are read: in_eml)
            assert f["sha256"] in (packed if f.get("in_zip") else parts), f["name"]
        if "tar_gz_archive" in decos:
            assert [f for f in every if f["name"].endswith(".tar.gz") and not f.get("in_zip")
                    and parts[f["sha256"]][:2] == b"\x1f\x8b"]
            assert [f for f in every if f.get("in_zip") and f["role"] == "form"]
            seen.add("tar_gz_archive")
        if "split_volumes" in decos:
            assert [f["name"][-4:] for f in volumes] == [".001", ".002"]
            seen.add("split_volumes")
        if "archive_ext_mismatch" in decos:
            assert [f for f in every if f["name"].endswith(".zip") and not f.get("in_zip")
                    and parts[f["sha256"]][:2] == b"7z"]
            seen.add("archive_ext_mismatch")
        if "photos_webp" in decos:
            pictures = [f for f in every if f["name"].endswith(".webp")]
            assert pictures and not [f for f in every if f["name"].endswith(".jpg")]
            assert all(Image.open(io.BytesIO(parts[f["sha256"]])).format == "WEBP" for f in pictures)
            seen.add("photos_webp")
        if "double_extension" in decos:
            assert [f for f in every if re.search(r"\.(docx|pdf)\.(docx|pdf)$", f["name"]) and f["role"] == "form"]
            seen.add("double_extension")
        if "upper_ext" in decos:
            assert [f for f in every if f["name"].endswith((".DOCX", ".PDF")) and f["role"] == "form"]
            seen.add("upper_ext")
        if "split_encoded_words" in decos:
            eml = raw[row["message_id"]]
            (subject,) = _header_runs(eml.partition(b"\r\n\r\n")[0], b"Subject")
            words = _words(subject)
            codec = "gb18030" if words[0][0].lower() in ("gb2312", "gbk", "gb18030") else words[0][0]
            assert b"".join(d for _, d in words).decode(codec) == row["subject"]
            broken = []
            for _, d in words:
                try:
                    d.decode(codec)
                except UnicodeDecodeError:
                    broken.append(d)
            assert broken
            seen.add("split_encoded_words")
    assert seen == hv18.PER_FILE | hv18.PER_MAIL, (hv18.PER_FILE | hv18.PER_MAIL) - seen
    # (Dev's manifest names the set's variants, none of them held-out only, and counts no held-out set's mails.)
    manifest = json.loads((dev18 / "manifest.json").read_text(encoding="utf-8"))
    listed = {k for table in manifest["variants"].values() for k in table}
    assert not [k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]]
    assert _eighteenth_names() <= listed
    assert "emails_with_holdout_variant" not in manifest["counts"]


# ---------------------------------------------------------------------------- the nineteenth set

def _nineteenth_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_19 as hv19

    return set().union(*_variant_names(hv19).values())


def test_nineteenth_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus.forms import CHECKBOXES, DAY_DATES, DECORATIONS, LAYOUTS

    assert hv19._NO_MARK_LAYOUTS | hv19._OWN_AMOUNT_LAYOUTS | hv19._PARAGRAPH_LAYOUTS | hv19._PLAIN_LAYOUTS \
        <= set(LAYOUTS)
    assert set(hv19._STAND_INS) <= set(CHECKBOXES)
    ways = {d for c in hv19._CONFLICTS.values() for d in c} | hv19.MAIL_CONFLICTS
    assert ways <= set(DECORATIONS) and not ways & set(hv19.DECORATIONS)
    assert hv19.PER_FILE | hv19.PER_MAIL | hv19.VALUE_DECORATIONS == set(hv19.DECORATIONS)
    assert set(hv19.DECORATION_ODDS) | hv19.PER_MAIL == set(hv19.DECORATIONS) == set(hv19._WAY_FORMATS) | \
        hv19.PER_MAIL | hv19.VALUE_DECORATIONS
    assert set(hv19.WEIGHTS) <= set(hv19.LAYOUTS) | set(hv19.CHECKBOXES)
    assert hv19.DAY_DATES <= DAY_DATES and hv19.DAY_DATES <= set(hv19.DATES)


def test_nineteenth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    many = [_app(aid=f"A-{k}") for k in range(16)]
    assert {hv19.funding_text(a, "wan_traditional") for a in many} == {"8萬元", "8 萬元", "人民幣8萬元"}
    assert {hv19.funding_text(a, "w_shorthand") for a in many} == {"8w", "8W", "8w元"}
    assert hv19.funding_text(_app(funding_wan=7.5, aid="A-3"), "w_shorthand").startswith("7.5")
    short = [_app(aid=f"A-{k}", start=date(2024, 6, 1), end=date(2024, 11, 30)) for k in range(16)]
    assert {hv19.period_text(a, "datetime_stamps") for a in short} == {
        "2024-06-01 00:00:00 至 2024-11-30 23:59:59", "2024/6/1 0:00—2024/11/30 0:00", "2024-06-01 00:00 ~ 2024-11-30 00:00"}
    assert {hv19.period_text(a, "cn_month_names") for a in short} == {"2024年六月至2024年十一月", "2024年六月—十一月"}
    across = _app(start=date(2024, 3, 1), end=date(2025, 12, 31))
    assert hv19.period_text(across, "cn_month_names") == "2024年三月至2025年十二月"
    assert hv19.option_text(True, "学术交流", "star_chosen") == "★学术交流"
    assert hv19.option_text(False, "学术交流", "star_chosen") == "☆学术交流"
    assert hv19.option_text(True, "学术交流", "pointer_chosen") == "☞学术交流"
    assert hv19.option_text(False, "学术交流", "pointer_chosen") == "□学术交流"
    assert hv19.option_text(True, "学术交流", "squared_times") == "⊠学术交流"
    assert hv19.option_text(False, "学术交流", "squared_times") == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    listed = category_text(station, "star_chosen")
    assert listed.count("★") == 1 and "★学会服务站建设" in listed and "☆学术交流" in listed
    assert type_text(station, "squared_times").count("⊠") == 1 and "⊠市州科协" in type_text(station, "squared_times")
    # Traditional characters: the pools' units and the labels as 简转繁 writes them.
    assert hv19.traditional("湖南省光学学会") == "湖南省光學學會"
    assert hv19.traditional("长沙市科学技术协会") == "長沙市科學技術協會"
    assert hv19.traditional("湖南师范大学") == "湖南師範大學"
    assert hv19.traditional("项目联系人") == "項目聯繫人" and hv19.traditional("王伟") == "王伟"
    # The values' decorations, each on the clean value where it is typed.
    named = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会", contact_email="ln@hnos.cn",
                 contact_phone="13807312345", address="长沙市芙蓉中路123号")

    def typed(*decos: str, **kw: Any) -> Any:
        return _V(named, _look(value_decos=decos, decorations=decos, **kw))

    assert typed("project_corner_quotes").project == "「2024年湖南省光学学术年会」"
    assert typed("org_traditional").org == "湖南省光學學會"
    assert typed("org_address").org == "湖南省光学学会（长沙市芙蓉中路123号）"
    assert re.fullmatch(r"王伟(（|，|　)(土家族|苗族|侗族|瑶族|白族|回族)）?", typed("name_ethnicity").name)
    assert re.fullmatch(r"13807312345(（短号：|/短号|（V网短号)6\d{5}）?", typed("phone_short_code").contact_phone)
    assert typed("email_capitalised").email == "Ln@hnos.cn"
    for d in hv19.VALUE_DECORATIONS:
        shown = typed(d)
        assert hv19.marker(d, named) in "".join((shown.project, shown.org, shown.name, shown.contact_phone, shown.email))
    # Stand-ins where a mark cannot show; a layout printing its own amount keeps its own.
    assert hv19.checkbox_for("star_chosen", named, _look(layout="table_screenshot")) in hv19._STAND_INS
    assert hv19.checkbox_for("squared_times", named, _look(layout="sheet_row_xlsx")) == "text_only"
    assert hv19.checkbox_for("pointer_chosen", named, _look(layout="chat_record")) == "pointer_chosen"
    assert hv19.funding_for("w_shorthand", "excel_print", "A-1") in ("wan", "yuan")
    assert hv19.funding_for("w_shorthand", "header_row", "A-1") == "w_shorthand"


def test_nineteenth_set_files_are_what_their_tools_write(tmp_path: Path) -> None:
    """A Strict Open XML package (no transitional namespace left) that LibreOffice still prints; a
    PDF restricted by an owner password that opens without one; an e-sealed PDF whose first bytes
    are the printed revision and whose stamp is an annotation of its first page; a scan with a
    blank back after every page; a zip of BZip2 or LZMA members (GBK names unflagged); base64 on
    one line that decodes to the same file."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.media import soffice_batch

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    docx = build_docx(form_blocks(app, _look()), app.contact_name)
    strict = hv19.strict_docx(docx)
    with zipfile.ZipFile(io.BytesIO(strict)) as zf:
        body = zf.read("word/document.xml").decode()
        rels = zf.read("word/_rels/document.xml.rels").decode()
        every = "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith((".xml", ".rels")))
    assert 'w:conformance="strict"' in body and "http://purl.oclc.org/ooxml/wordprocessingml/main" in body
    assert "schemas.openxmlformats.org/wordprocessingml/2006/main" not in every
    assert "purl.oclc.org/ooxml/officeDocument/relationships/" in rels
    assert "2024年湖南省光学学术年会" in re.sub(r"<[^>]+>", "", body)
    pdf = soffice_batch({"strict": strict, "plain": docx}, "pdf", tmp_path)
    printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf["strict"])).pages)
    assert _flat("2024年湖南省光学学术年会") in _flat(printed) and _flat("湖南省光学学会") in _flat(printed)
    source = pdf["plain"]
    locked = hv19.copy_locked(source, "A-1")
    reader = PdfReader(io.BytesIO(locked))
    assert reader.is_encrypted and reader.decrypt("") and "/Encrypt" in reader.trailer
    assert not reader.user_access_permissions & 16 and reader.user_access_permissions & 4  # (no copying; printing)
    doc = pdfium.PdfDocument(locked)
    assert _flat("2024年湖南省光学学术年会") in _flat("".join(doc[k].get_textpage().get_text_range() for k in range(len(doc))))
    doc.close()
    sealed = hv19.esigned(source, "湖南省光学学会", datetime(2024, 4, 20, 10, 0))
    assert sealed.startswith(source) and len(sealed) > len(source) and sealed.count(b"%%EOF") == source.count(b"%%EOF") + 1
    first = PdfReader(io.BytesIO(sealed)).pages[0]
    stamps = [a.get_object() for a in first.get("/Annots", []) if a.get_object()["/Subtype"] == "/Stamp"]
    assert len(stamps) == 1 and "湖南省光学学会" in str(stamps[0]["/Contents"]) and "/AP" in stamps[0]
    scan = pdfium.PdfDocument(source)
    pages = len(scan)
    scan.close()
    backs = hv19.duplex(source, "A-1")
    doc = pdfium.PdfDocument(backs)
    assert len(doc) == 2 * pages
    for k in range(1, len(doc), 2):
        grey = np.asarray(doc[k].render(scale=0.5).to_pil().convert("L"))
        assert grey.mean() > 225 and grey.min() < grey.mean() - 5 and not doc[k].get_textpage().get_text_range().strip()
    doc.close()
    members = [("申报材料/湖南省光学学会申报书.docx", docx), ("申报材料/附件1.docx", b"PK\x03\x04other" * 50)]
    for gbk in (False, True):
        methods = set()
        for k in range(8):
            data = hv19.other_method_zip(members, gbk, f"A-{k}")
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = zf.infolist()
                methods |= {i.compress_type for i in infos}
                assert [zf.read(i) for i in infos] == [d for _, d in members]
                if gbk:
                    assert not any(i.flag_bits & 0x800 for i in infos)
                    assert [i.filename.encode("cp437").decode("gbk") for i in infos] == [n for n, _ in members]
                else:
                    assert [i.filename for i in infos] == [n for n, _ in members]
        assert methods == {zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
    eml = _gbk_mail("湖南省光学学会申报书", "申报书.docx")
    encoded = base64.b64encode(docx[:3000])  # (a file long enough to have lines, as mailers fold them)
    eml = eml.replace(b"UEsDBHg=", b"\r\n".join(encoded[k:k + 76] for k in range(0, len(encoded), 76)))
    assert max(len(line) for line in eml.split(b"\r\n")) <= 78
    flat = hv19.one_line_base64(eml)
    longest = max(flat.split(b"\r\n"), key=len)
    assert len(longest) > 3000 and base64.b64decode(longest) == docx[:3000]
    msg = email.message_from_bytes(flat, policy=email.policy.default)
    body = msg.get_body(preferencelist=("plain",))
    assert body is not None and "见附件" in str(body.get_content())
    (att,) = list(msg.iter_attachments())
    assert att.get_payload(decode=True) == docx[:3000] and att.get_filename() == "申报书.docx"


def test_nineteenth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever it is written in,
    the period's months (and days, of date-time stamps) whatever their writing, the unit in
    simplified characters without its address, names without an ethnicity, the phone without its
    short number, the e-mail as planned, the project without 「」; each of the set's writings is drawn
    (on both splits, now that dev draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            assert not re.search(r"「|」|學|會", str(fields["project_name"]) + str(fields["applicant_org"]))
            assert not re.search(r"族|短号", str(fields["leader_name"]) + str(fields["contact_phone"] or ""))
            if f.look.dates == "datetime_stamps":
                assert fields["start_date"] == f.app.start.isoformat() and fields["end_date"] == f.app.end.isoformat()
            elif f.look.dates in hv19.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
            if f.look.funding in hv19.FUNDINGS:
                assert isinstance(fields["funding_wan"], float) and fields["funding_wan"] < 100
            if f.app.contact_email:
                assert fields["contact_email"][:1] == f.app.contact_email[:1]
    names = {*hv19.FUNDINGS, *hv19.DATES, *hv19.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_nineteenth_set_variants_are_drawn_where_they_show() -> None:
    """This set's marks only where options are text; its amounts only where the typed amount is
    printed; each decoration of a value only where the value shows it (one of the unit's a form);
    each way of sending a file only for its format, one a file and none with an earlier set's way;
    base64 on one line in a mail sent no earlier set's way (on both splits, now that dev draws the set
    too)."""
    from benchmarks.gencorpus import holdout_variants_19 as hv19
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        every = {d for f in m.forms for d in f.look.decorations}
        if "base64_one_line" in every:
            assert m.forwarded is None and m.pasted is None and not m.inline and not every & hv19.MAIL_CONFLICTS
            assert all("base64_one_line" in f.look.decorations for f in sent)
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv19.PER_FILE) <= 1, decos
            assert len(decos & {"org_traditional", "org_address"}) <= 1, decos
            for way in decos & hv19.PER_FILE:
                assert f.fmt in hv19._WAY_FORMATS[way] and not hv19._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv19.CHECKBOXES:
                assert layout not in hv19._NO_MARK_LAYOUTS
            if f.look.funding in hv19.FUNDINGS:
                assert layout not in hv19._OWN_AMOUNT_LAYOUTS
            if not decos & hv19.VALUE_DECORATIONS and box not in hv19.CHECKBOXES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv19.CHECKBOXES:
                mark = {"star_chosen": "★", "pointer_chosen": "☞", "squared_times": "⊠"}[box]
                assert mark + f.app.subcategory in shown, layout
            for d in decos & hv19.VALUE_DECORATIONS:
                assert hv19.marker(d, f.app) in shown, (d, layout)
            if "org_traditional" in decos:  # (in the basic part; a cover or an opinion may name it as planned)
                assert hv19.traditional(f.app.applicant_org) != f.app.applicant_org
    for split, drawn in seen.items():
        assert _nineteenth_names() <= drawn, (split, _nineteenth_names() - drawn)


def _nineteenth_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def _cells_text(doc: Any) -> list[list[str]]:
    return [_table_rows(t) for t in doc.tables]


def test_approval_print_frames_the_fields_with_the_approval() -> None:
    _, doc = _nineteenth_doc("approval_print")
    paras = [p.text for p in doc.paragraphs]
    assert "项目申报审批" in paras and any(re.fullmatch(r"审批编号：2024\d{13}", t) for t in paras)
    assert any(t.startswith("创建人：李娜") for t in paras)
    assert any(re.match(r"王伟　已同意　2024-04-18", t) for t in paras)
    assert paras.index("审批记录") > paras.index("一、基本情况")
    rows = dict(r[:2] for r in _table_rows(doc.tables[0]))
    assert rows["项目名称"] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站" and rows["负责人手机"] == "13800000000"


def test_trad_labels_put_traditional_labels_before_simplified_values() -> None:
    _, doc = _nineteenth_doc("trad_labels")
    rows = dict(r[:2] for r in _table_rows(doc.tables[0]))
    assert rows["項目名稱"] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站" and rows["申報單位"] == "湖南省光学学会"
    assert rows["項目負責人"] == "王伟" and rows["聯繫電話"] == "0731-84000000" and rows["申請經費"] == "8万元"
    assert not {"项目名称", "申报单位", "联系电话"} & set(rows)
    assert "一、基本情況" in [p.text for p in doc.paragraphs]


def test_chat_record_puts_fields_under_their_senders() -> None:
    _, doc = _nineteenth_doc("chat_record", checkbox="star_chosen")
    paras = [p.text for p in doc.paragraphs]
    assert "“李娜”和“王伟”的聊天记录" in paras
    senders = [k for k, t in enumerate(paras) if re.fullmatch(r"(李娜|王伟) 4月18日 \d\d:\d\d", t)]
    assert [paras[k].split()[0] for k in senders] == ["李娜", "王伟", "李娜"]
    assert paras[senders[1] + 1] == "项目负责人：王伟" and paras[senders[1] + 2] == "负责人手机：13800000000"
    assert "项目名称：服务江华瑶族自治县黑茶产业高质量发展学会服务站" in paras and "电子邮箱：a@b.cn" in paras
    text = "\n".join(paras)
    assert "★学会服务站建设" in text and text.count("★") == 2 and "☆学术交流" in text
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]


def _cell_lines(table: Any) -> list[list[str]]:
    """Each row's cells' text with their lines (python-docx's: breaks and paragraphs as newlines)."""
    return [[c.text for c in row.cells] for row in table.rows]


def test_stacked_pairs_hold_two_fields_line_for_line() -> None:
    _, doc = _nineteenth_doc("stacked_pairs")
    rows = _cell_lines(doc.tables[0])
    assert ["项目负责人\n负责人手机", "王伟\n13800000000"] in rows
    assert ["项目联系人\n联系电话\n电子邮箱", "李娜\n0731-84000000\na@b.cn"] in rows
    assert ["申请经费\n起止时间", "8万元\n2024年5月—2024年12月"] in rows
    # A value of several lines keeps a row of its own.
    _, doc = _nineteenth_doc("stacked_pairs", decorations=("name_post_below",), value_decos=("name_post_below",))
    rows = _cell_lines(doc.tables[0])
    assert ["项目负责人", "王伟\n理事长"] in rows and ["负责人手机", "13800000000"] in rows


def test_oa_draft_sheet_names_others_before_the_form() -> None:
    _, doc = _nineteenth_doc("oa_draft_sheet")
    sheet, basic = (_table_rows(t) for t in doc.tables[:2])
    fields = {r[k]: r[k + 1] for r in sheet for k in range(0, len(r) - 1, 2)}
    assert fields["拟稿人"] == "李娜" and fields["电话"] == "0731-84000000" and fields["拟稿单位"] == "湖南省光学学会"
    assert fields["签发"] not in ("王伟", "李娜") and fields["核稿"] not in ("王伟", "李娜") and fields["签发"]
    assert fields["主送"] == "湖南省科学技术协会" and re.fullmatch(r"〔2024〕\d{1,2}号", fields["文号"])
    assert dict(r[:2] for r in basic)["项目负责人"] == "王伟"


def test_nineteenth_set_layouts_carry_every_value_as_pdf_text(tmp_path: Path) -> None:
    """The nineteenth set printed by LibreOffice: every value is there to read in its layouts, its
    marks, its amounts, periods and decorations."""
    from benchmarks.gencorpus import holdout_variants_19 as hv19

    wanted = (set(hv19.LAYOUTS) | set(hv19.CHECKBOXES) | set(hv19.FUNDINGS) | set(hv19.DATES)
              | set(hv19.VALUE_DECORATIONS))
    printed = _printed_one_per_variant(wanted, hv19.LAYOUTS, tmp_path)
    assert wanted <= {x for f, _ in printed for x in (f.look.layout, f.look.checkbox, f.look.funding, f.look.dates,
                                                     *f.look.decorations)}
    for f, pdf_bytes in printed:
        text, cells = _pdf_reading(pdf_bytes)
        _assert_values_in(text + "\n" + cells, f.app, f.look)
        flat, look = _flat(text + cells), f.look
        mark = {"star_chosen": "★", "pointer_chosen": "☞", "squared_times": "⊠"}.get(look.checkbox)
        if mark:
            assert mark in text, look.checkbox
        if look.layout == "trad_labels":
            assert "項目名稱" in flat and "聯繫電話" in flat
        if look.layout == "approval_print":
            assert "审批编号" in flat and "已同意" in flat
        for d in set(look.decorations) & hv19.VALUE_DECORATIONS:
            assert _flat(hv19.marker(d, f.app)) in flat, d


@pytest.fixture(scope="module")
def dev19(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev19")
    # Dev draws the nineteenth set too: seed 61 gives every way this set sends a file or a mail in 40
    # mails (dev weighs none of them up; its scan with blank backs is no faint one, whose text the
    # test's dark pixels would miss; reseeded when the twentieth set moved to dev: its zip of BZip2
    # or LZMA members in a mail no zip of which the twentieth set streams instead).
    write_corpus(out, "dev", DEV19_COUNT, seed=DEV19_SEED)
    return out


DEV19_SEED, DEV19_COUNT = 61, 40


def test_nineteenth_set_ways_of_sending_are_in_their_mails(dev19: Path) -> None:
    """Every file of a row is in its mail (an archive's in the archive). A Strict Open XML
    package; a PDF restricted by an owner password that opens without one; an e-sealed PDF (a
    stamp annotation added in an incremental update); a scan with blank backs; a zip of BZip2 or
    LZMA members; attachments in base64 on one line; dev's manifest names the set, none of it held-out only."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    from benchmarks.gencorpus import holdout_variants_19 as hv19

    rows = [r for r in _truth(dev19) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(dev19)
    raw = {str(msg["Message-ID"]): path.read_bytes() for path in sorted((dev19 / "mail").glob("*.eml"))
           for msg in [email.message_from_bytes(path.read_bytes(), policy=email.policy.default)]}
    # (An archive locked with the body's password or split into volumes: the fifteenth and the
    # eighteenth set's tests open them.)
    locked = {r["message_id"] for r in rows if {"archive_password", "split_volumes"} & set(r["tags"].get("decorations", []))}
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", []))
        if not decos & (hv19.PER_FILE | hv19.PER_MAIL):
            continue
        msg = msgs[row["message_id"]]
        parts = _attachments(msg)
        every = [f for f in row["files"] if not f.get("in_body")]
        packed: dict[str, tuple[str, bytes]] = {}
        for sha, data in parts.items():  # (every archive as what it holds: a zip, a 7z, a RAR, a .tar.gz)
            if (data[:4] == b"PK\x03\x04" and b"[Content_Types].xml" not in data[:4000] or data[:6] == b"7z\xbc\xaf\x27\x1c"
                    or data[:8] == b"Rar!\x1a\x07\x01\x00" or data[:2] == b"\x1f\x8b") and row["message_id"] not in locked:
                packed |= _unpack("a.zip", data)
        for f in every:
            if f["name"].endswith(".eml") or f.get("in_zip") and row["message_id"] in locked:
                continue
            assert f["sha256"] in (packed if f.get("in_zip") else parts), f["name"]
        forms = [parts[f["sha256"]] for f in every if f["role"] == "form" and not f.get("in_zip")
                 and f["sha256"] in parts]
        if "strict_ooxml" in decos:
            strict = [d for d in forms if d[:2] == b"PK" and b"[Content_Types].xml" in d[:4000]
                      and 'conformance="strict"' in zipfile.ZipFile(io.BytesIO(d)).read("word/document.xml").decode()]
            assert strict
            seen.add("strict_ooxml")
        pdfs = [d for d in forms if d.startswith(b"%PDF")]
        if "pdf_copy_locked" in decos:
            restricted = [d for d in pdfs if PdfReader(io.BytesIO(d)).is_encrypted]
            assert restricted and all(PdfReader(io.BytesIO(d)).decrypt("") for d in restricted)
            doc = pdfium.PdfDocument(restricted[0])
            text = "".join(doc[k].get_textpage().get_text_range() for k in range(len(doc)))
            doc.close()
            if row["tags"]["layout"] not in ("table_screenshot", "excel_object"):
                assert _flat(row["fields"]["contact_name"]) in _flat(text)
            seen.add("pdf_copy_locked")
        if "pdf_esign_increment" in decos:
            sealed = [d for d in pdfs if d.count(b"%%EOF") >= 2 and b"/Stamp" in d]
            assert sealed
            first = PdfReader(io.BytesIO(sealed[0])).pages[0]
            assert [a for a in first["/Annots"] if a.get_object()["/Subtype"] == "/Stamp"]
            seen.add("pdf_esign_increment")
        if "duplex_blank_backs" in decos:
            doc = pdfium.PdfDocument(pdfs[0])
            assert len(doc) % 2 == 0
            # (A back has no ink: no dark pixel; a page of the form has its text.)
            dark = [(np.asarray(doc[k].render(scale=0.3).to_pil().convert("L")) < 128).mean() for k in range(len(doc))]
            doc.close()
            assert max(dark[1::2]) < 0.0005 < min(dark[0::2]), dark
            seen.add("duplex_blank_backs")
        if "zip_bzip2" in decos:
            zips = [d for d in parts.values() if d[:4] == b"PK\x03\x04" and b"[Content_Types].xml" not in d[:4000]]
            assert zips and any(hv19.zip_method(d) & {zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA} for d in zips)
            assert [f for f in every if f.get("in_zip") and f["role"] == "form"]
            seen.add("zip_bzip2")
        if "base64_one_line" in decos:
            eml = raw[row["message_id"]]
            lines = eml.split(b"\r\n")
            long = [line for line in lines if len(line) > 998]
            assert long and all(re.fullmatch(rb"[A-Za-z0-9+/=]+", line) for line in long)
            assert {hashlib.sha256(base64.b64decode(line)).hexdigest() for line in long} <= set(parts)
            seen.add("base64_one_line")
    assert seen == hv19.PER_FILE | hv19.PER_MAIL, (hv19.PER_FILE | hv19.PER_MAIL) - seen
    # (Dev's manifest names the set's variants, none of them held-out only, and counts no held-out set's mails.)
    manifest = json.loads((dev19 / "manifest.json").read_text(encoding="utf-8"))
    listed = {k for table in manifest["variants"].values() for k in table}
    assert not [k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]]
    assert _nineteenth_names() <= listed
    assert "emails_with_holdout_variant" not in manifest["counts"]


# ---------------------------------------------------------------------------- the twentieth set

def _twentieth_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_20 as hv20

    return set().union(*_variant_names(hv20).values())


def test_twentieth_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus.forms import CHECKBOXES, DAY_DATES, DECORATIONS, LAYOUTS

    assert hv20._NO_MARK_LAYOUTS | hv20._OWN_AMOUNT_LAYOUTS | hv20._PARAGRAPH_LAYOUTS | hv20._PLAIN_LAYOUTS \
        <= set(LAYOUTS)
    assert set(hv20._STAND_INS) <= set(CHECKBOXES)
    ways = {d for c in hv20._CONFLICTS.values() for d in c} | hv20.MAIL_CONFLICTS
    assert ways <= set(DECORATIONS) and not ways & set(hv20.DECORATIONS)
    assert hv20.PER_FILE | hv20.PER_MAIL | hv20.VALUE_DECORATIONS == set(hv20.DECORATIONS)
    assert set(hv20.DECORATION_ODDS) | hv20.PER_MAIL == set(hv20.DECORATIONS) == set(hv20._WAY_FORMATS) | \
        hv20.PER_MAIL | hv20.VALUE_DECORATIONS
    assert set(hv20.WEIGHTS) <= set(hv20.LAYOUTS) | set(hv20.CHECKBOXES)
    assert hv20.DAY_DATES <= DAY_DATES and hv20.DAY_DATES <= set(hv20.DATES)


def test_twentieth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    many = [_app(aid=f"A-{k}") for k in range(16)]
    assert {hv20.funding_text(a, "daxie_bare") for a in many} == {"捌万"}
    assert hv20.funding_text(_app(funding_wan=7.5), "daxie_bare") == "柒万伍仟"
    assert {hv20.funding_text(a, "k_shorthand") for a in many} == {"80k", "80K", "80k元"}
    assert hv20.funding_text(_app(funding_wan=7.5, aid="A-3"), "k_shorthand").startswith("75")
    short = [_app(aid=f"A-{k}", start=date(2024, 5, 1), end=date(2024, 12, 31)) for k in range(16)]
    assert {hv20.period_text(a, "english_months") for a in short} == {
        "May 2024 - Dec 2024", "May 2024 – December 2024", "May–Dec 2024"}
    assert {hv20.period_text(a, "dot_day_short") for a in short} == {"2024.5.1-12.31", "2024.05.01-12.31"}
    across = [_app(aid=f"A-{k}", start=date(2024, 3, 1), end=date(2025, 6, 30)) for k in range(16)]
    assert {hv20.period_text(a, "dot_day_short") for a in across} == {"2024.3.1-2025.6.30", "2024.03.01-2025.06.30"}
    assert {hv20.period_text(a, "english_months") for a in across} == {"Mar 2024 - Jun 2025", "March 2024 – June 2025"}
    assert hv20.option_text(True, "学术交流", "double_circle") == "◎学术交流"
    assert hv20.option_text(False, "学术交流", "double_circle") == "○学术交流"
    assert hv20.option_text(True, "学术交流", "selected_word") == "学术交流（已选）"
    assert hv20.option_text(False, "学术交流", "selected_word") == "学术交流"
    assert hv20.option_text(True, "学术交流", "v_for_box") == "V学术交流"
    assert hv20.option_text(False, "学术交流", "v_for_box") == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    listed = category_text(station, "double_circle")
    assert listed.count("◎") == 1 and "◎学会服务站建设" in listed and "○学术交流" in listed
    assert type_text(station, "selected_word").count("（已选）") == 1 and "市州科协（已选）" in type_text(station, "selected_word")
    named = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会", contact_email="lina2023@163.com",
                 leader_phone="13807312345")

    def typed(*decos: str) -> Any:
        return _V(named, _look(value_decos=decos, decorations=decos))

    assert re.fullmatch(r"2024年湖南省光学学术年会（指南编号：2024-(XS|FW|KP|ZX)-0[1-9]）", typed("project_guide_code").project)
    assert typed("org_preparatory").org == "湖南省光学学会（筹）"
    assert re.fullmatch(r"王伟(（19\d\d\.\d\d）|（19\d\d年\d{1,2}月生）|，19\d\d\.\d{1,2})", typed("name_birth_month").name)
    assert typed("contact_at_mention").contact == "@李娜"
    assert re.fullmatch(r"13807312345(／07\d\d-8\d{7}（办）|，办公室07\d\d-8\d{7}|、07\d\d-8\d{7}（办公室）)",
                        typed("phone_office_after").leader_phone)
    assert typed("email_broken").email == "lina2023@\n163.com"
    for d in hv20.VALUE_DECORATIONS:
        shown = typed(d)
        assert hv20.marker(d, named) in "".join((shown.project, shown.org, shown.name, shown.contact,
                                                 shown.leader_phone, shown.email))
    assert hv20.checkbox_for("double_circle", named, _look(layout="table_screenshot")) in hv20._STAND_INS
    assert hv20.checkbox_for("v_for_box", named, _look(layout="sheet_row_xlsx")) == "text_only"
    assert hv20.checkbox_for("selected_word", named, _look(layout="web_page_copy")) == "selected_word"
    assert hv20.funding_for("k_shorthand", "excel_print", "A-1") in ("wan", "yuan")
    assert hv20.funding_for("k_shorthand", "header_row", "A-1") == "k_shorthand"


def test_twentieth_set_files_are_what_their_tools_write(tmp_path: Path) -> None:
    """A .docx whose editing is restricted (enforced w:documentProtection, the document as it was);
    a PDF of page pictures only (as many pages, no text); a zip streamed with data descriptors
    (bit 3) that reads back, GBK names unflagged; a name cut short with its extension; the
    gateway's subject prefix and banner."""
    import pypdfium2 as pdfium

    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.media import soffice_batch

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    docx = build_docx(form_blocks(app, _look()), app.contact_name)
    edits = set()
    for k in range(8):
        locked = hv20.restricted_docx(docx, f"A-{k}")
        with zipfile.ZipFile(io.BytesIO(locked)) as zf:
            settings = zf.read("word/settings.xml").decode()
        found = re.search(r'<w:documentProtection w:edit="(readOnly|forms)" w:enforcement="1"/>', settings)
        assert found
        edits.add(found.group(1))
        assert _docx_all_text(locked) == _docx_all_text(docx)
    assert edits == {"readOnly", "forms"}
    pdf = soffice_batch({"plain": docx}, "pdf", tmp_path)["plain"]
    pictures = hv20.image_pdf(pdf)
    src, out = pdfium.PdfDocument(pdf), pdfium.PdfDocument(pictures)
    assert len(out) == len(src)
    assert _flat("2024年湖南省光学学术年会") in _flat(src[0].get_textpage().get_text_range())
    assert not "".join(out[k].get_textpage().get_text_range() for k in range(len(out))).strip()
    grey = np.asarray(out[0].render(scale=0.3).to_pil().convert("L"))
    assert (grey < 128).mean() > 0.0005  # (the page's text as pixels)
    src.close()
    out.close()
    members = [("申报材料/湖南省光学学会申报书.docx", docx), ("申报材料/附件1.docx", b"PK\x03\x04other" * 50)]
    for gbk in (False, True):
        data = hv20.streamed_zip(members, gbk)
        assert hv20.descriptor_flags(data) == {True}
        assert data[6] & 0x08 and data[14:26] == b"\x00" * 12  # (the first local header: bit 3, no CRC nor sizes)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            assert [zf.read(i) for i in infos] == [d for _, d in members]
            if gbk:
                assert not any(i.flag_bits & 0x800 for i in infos)
                assert [i.filename.encode("cp437").decode("gbk") for i in infos] == [n for n, _ in members]
            else:
                assert [i.filename for i in infos] == [n for n, _ in members]
    name = "湖南省光学学会-2024年湖南省光学学术年会申报书.docx"
    cut = {hv20.sent_name(name, ("name_cut_short",), f"A-{k}") for k in range(12)}
    assert all(c.endswith(".docx") and name.startswith(c[:-5]) and len(c) < len(name) for c in cut) and len(cut) > 1
    assert hv20.sent_name(name, (), "A-1") == name and hv20.sent_name("短名.pdf", ("name_cut_short",), "A-1") == "短名.pdf"

    class _Mail:
        def __init__(self, k: int) -> None:
            self.message_id, self.subject, self.body = f"<m{k}@x>", "申报书-湖南省光学学会", "您好，见附件。"
            self.forms = [type("F", (), {"look": _look(decorations=("gateway_banner",))})()]

    for k in range(6):
        m = _Mail(k)
        hv20.gateway(m)  # type: ignore[arg-type]
        assert m.subject.endswith("申报书-湖南省光学学会") and m.subject[:-len("申报书-湖南省光学学会")] in hv20._PREFIXES
        banner, _, rest = m.body.partition("\n\n")
        assert banner in hv20._BANNERS and rest == "您好，见附件。"
        hv20.gateway(m)  # type: ignore[arg-type]  # (once only)
        assert m.body.partition("\n\n") == (banner, "\n\n", "您好，见附件。") and m.subject.count("外部") <= 1


def test_twentieth_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 whatever it is written in,
    the period's months (and days, of dotted days) whatever their writing, the unit without （筹）,
    names without @ or a birth month, the phone without the landline, the e-mail in one piece, the
    project without its item code; each of the set's writings is drawn (on both splits, now that dev
    draws the set too)."""
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus.write import _fields

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen[split] |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            assert not re.search(r"指南编号|（筹）", str(fields["project_name"]) + str(fields["applicant_org"]))
            assert not re.search(r"@|\d|办", str(fields["leader_name"]) + str(fields["contact_name"]))
            assert "\n" not in str(fields["contact_email"] or "") and "/" not in str(fields["leader_phone"] or "")
            if f.look.dates == "dot_day_short":
                assert fields["start_date"] == f.app.start.isoformat() and fields["end_date"] == f.app.end.isoformat()
            elif f.look.dates in hv20.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
            if f.look.funding in hv20.FUNDINGS:
                assert isinstance(fields["funding_wan"], float) and fields["funding_wan"] < 100
    names = {*hv20.FUNDINGS, *hv20.DATES, *hv20.DECORATIONS}
    for split, drawn in seen.items():
        assert names <= drawn, (split, names - drawn)


def test_twentieth_set_variants_are_drawn_where_they_show() -> None:
    """This set's marks only where options are text; its amounts only where the typed amount is
    printed; each decoration of a value only where the value shows it; each way of sending a file
    only for its format, one a file and none with an earlier set's way; the gateway's marks on a
    mail no earlier set's way rebuilds, every sent form's (on both splits, now that dev draws the set
    too)."""
    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks

    seen: dict[str, set[str]] = {"heldout": set(), "dev": set()}
    for split, m in ((split, m) for split, seed in _BOTH_SPLITS for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        every = {d for f in m.forms for d in f.look.decorations}
        if "gateway_banner" in every:
            assert m.forwarded is None and m.pasted is None and not m.inline and not every & hv20.MAIL_CONFLICTS
            assert all("gateway_banner" in f.look.decorations for f in sent)
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen[split] |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv20.PER_FILE) <= 1, decos
            for way in decos & hv20.PER_FILE:
                assert f.fmt in hv20._WAY_FORMATS[way] and not hv20._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv20.CHECKBOXES:
                assert layout not in hv20._NO_MARK_LAYOUTS
            if f.look.funding in hv20.FUNDINGS:
                assert layout not in hv20._OWN_AMOUNT_LAYOUTS
            if not decos & hv20.VALUE_DECORATIONS and box not in hv20.CHECKBOXES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv20.CHECKBOXES:
                assert hv20.mark(box, f.app.subcategory) in shown, layout
            for d in decos & hv20.VALUE_DECORATIONS:
                assert hv20.marker(d, f.app) in shown, (d, layout)
    for split, drawn in seen.items():
        assert _twentieth_names() <= drawn, (split, _twentieth_names() - drawn)


def _twentieth_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def test_photo_cell_grid_leaves_the_photo_box_empty() -> None:
    data, doc = _twentieth_doc("photo_cell_grid")
    rows = _table_rows(doc.tables[0])
    assert rows[0][:2] == ["项目名称", "服务江华瑶族自治县黑茶产业高质量发展学会服务站"]
    assert rows[0][-1] in ("负责人近期免冠照片", "贴照片处", "（照片）")
    assert ["项目负责人", "王伟", "负责人手机", "13800000000", ""] in rows
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = zf.read("word/document.xml").decode()
    assert body.count('w:vMerge w:val="restart"') >= 1 and body.count("<w:vMerge/>") + body.count(
        'w:vMerge w:val="continue"') >= 3


def test_web_page_copy_puts_each_value_under_its_starred_label() -> None:
    _, doc = _twentieth_doc("web_page_copy")
    paras = [p.text for p in doc.paragraphs]
    assert "首页 > 项目申报 > 填写申报书" in paras and "保存草稿　　提交申报　　返回" in paras
    k = paras.index("* 项目名称")
    assert paras[k + 1] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站" and paras[k + 2] == "23/50"
    assert paras[paras.index("* 项目负责人") + 1] == "王伟" and paras[paras.index("* 负责人手机") + 1] == "13800000000"
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]


def test_label_cell_hints_carry_the_guides_figures_beside_values() -> None:
    _, doc = _twentieth_doc("label_cell_hints")
    rows = dict((r[0], r[1]) for r in _cell_lines(doc.tables[0]))
    assert rows["项目名称\n（不超过30字）"] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站"
    assert rows["起止时间\n（不超过12个月）"] == "2024年5月—2024年12月"
    assert [v for k, v in rows.items() if "（单项不超过10万元）" in k] == ["8万元"]


def test_office_use_blank_frames_the_form_with_the_associations_fields() -> None:
    _, doc = _twentieth_doc("office_use_blank", checkbox="v_for_box")
    paras = [p.text for p in doc.paragraphs]
    assert any(t.startswith("申报编号：") for t in paras)
    basic, office = (_table_rows(t) for t in doc.tables[:2])
    assert dict(r[:2] for r in basic)["项目负责人"] == "王伟"
    assert ["以下由受理单位填写"] in office and ["受理人", "", "受理日期", "　　年　　月　　日"] in office
    assert ["形式审查", "□合格　□不合格"] in office
    assert "V学会服务站建设" in "".join(r[1] for r in basic)


def test_bilingual_columns_put_english_between_label_and_value() -> None:
    _, doc = _twentieth_doc("bilingual_columns", checkbox="selected_word")
    rows = _table_rows(doc.tables[0])
    assert rows[0] == ["项目", "Item", "填写内容"]
    assert ["项目名称", "Project Title", "服务江华瑶族自治县黑茶产业高质量发展学会服务站"] in rows
    assert ["项目负责人", "Project Leader", "王伟"] in rows
    assert [r for r in rows if r[1].startswith("Funds Requested") and r[2] == "8万元"]
    assert "学会服务站建设（已选）" in "".join(r[2] for r in rows)


@pytest.fixture(scope="module")
def dev20(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dev20")
    write_corpus(out, "dev", DEV20_COUNT, seed=DEV20_SEED)
    return out


# (Dev draws the twentieth set too: seed 18 sends every way of this set's in 50 mails, dev
# weighing none of them up.)
DEV20_SEED, DEV20_COUNT = 18, 50


def test_twentieth_set_variants_show_in_the_written_files(dev20: Path) -> None:
    """A dev corpus: every file of a row is in its mail; a .docx restricted from editing; a PDF of
    pictures only; a zip streamed (bit 3); a name cut short; the gateway's subject and banner; the
    values, marks, amounts and periods of a .docx form as the set writes them; dev's manifest names
    the set, none of it held-out only, and counts no held-out set's mails."""
    import pypdfium2 as pdfium

    from benchmarks.gencorpus import holdout_variants_20 as hv20
    from benchmarks.gencorpus.holdout_variants_6 import PICTURE_LAYOUTS
    from benchmarks.gencorpus.holdout_variants_10 import SHEET_LAYOUTS

    rows = [r for r in _truth(dev20) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(dev20)
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", []))
        tags = {row["tags"].get("layout"), row["tags"].get("checkbox"), row["tags"].get("funding_format"),
                row["tags"].get("date_format"), *decos}
        if not tags & _twentieth_names():
            continue
        msg = msgs[row["message_id"]]
        parts = _attachments(msg)
        every = [f for f in row["files"] if not f.get("in_body")]
        forms = {f["name"]: parts[f["sha256"]] for f in every if f["role"] == "form" and not f.get("in_zip")
                 and f["sha256"] in parts}
        if "docx_edit_restricted" in decos:
            locked = [d for d in forms.values() if d[:2] == b"PK" and b"word/settings.xml" in d
                      and b"w:documentProtection" in zipfile.ZipFile(io.BytesIO(d)).read("word/settings.xml")]
            assert locked
            # (The document as it was: its text where it is text, no picture's nor a sheet's.)
            if row["tags"]["layout"] not in PICTURE_LAYOUTS | SHEET_LAYOUTS and "scan_in_docx" not in decos:
                assert _flat(row["fields"]["contact_name"]) in _flat(_package_text(locked[0]))
            seen.add("docx_edit_restricted")
        if "pdf_image_export" in decos:
            pdfs = [d for d in forms.values() if d.startswith(b"%PDF")]
            assert pdfs
            doc = pdfium.PdfDocument(pdfs[0])
            assert not "".join(doc[k].get_textpage().get_text_range() for k in range(len(doc))).strip()
            doc.close()
            seen.add("pdf_image_export")
        if "zip_streamed" in decos:
            zips = [d for d in parts.values() if d[:4] == b"PK\x03\x04" and b"[Content_Types].xml" not in d[:4000]]
            assert zips and any(hv20.descriptor_flags(d) == {True} for d in zips)
            packed: dict[str, tuple[str, bytes]] = {}
            for d in zips:
                packed |= _unpack("a.zip", d)
            assert [f for f in every if f.get("in_zip") and f["role"] == "form" and f["sha256"] in packed]
            seen.add("zip_streamed")
        if "name_cut_short" in decos:
            full = f"{row['fields']['applicant_org']}"
            assert [n for n in forms if n.rsplit(".", 1)[-1] in ("docx", "pdf") and len(n.rsplit(".", 1)[0]) <= 20], \
                (list(forms), full)
            seen.add("name_cut_short")
        if "gateway_banner" in decos:
            assert str(msg["Subject"]).startswith(hv20._PREFIXES) and row["subject"].startswith(hv20._PREFIXES)
            body = msg.get_body(preferencelist=("plain", "html"))
            assert body is not None and any(b in str(body.get_content()) for b in hv20._BANNERS)
            seen.add("gateway_banner")
        # The form's own writing where it is a .docx as typed.
        docs = [d for d in forms.values() if d[:2] == b"PK" and b"[Content_Types].xml" in d[:4000]]
        # (A scan kept in a Word file carries the form as a picture: the fifteenth set's tests read it.)
        if row["tags"].get("format") == "docx" and docs and row["tags"].get("layout") in hv20.LAYOUTS \
                and not decos & {"scan_in_docx", "html_doc", "merge_fields"}:
            flat = _flat("".join(_package_text(d) for d in docs))
            layout = row["tags"]["layout"]
            assert _flat(row["fields"]["project_name"]) in flat and _flat(row["fields"]["leader_name"]) in flat
            marks = {"photo_cell_grid": "照片", "web_page_copy": "提交申报", "label_cell_hints": "不超过",
                     "office_use_blank": "以下由受理单位填写", "bilingual_columns": "ProjectTitle"}
            assert _flat(marks[layout]) in flat, layout
            seen.add(layout)
    written = {k for k in hv20.PER_FILE | hv20.PER_MAIL if any(k in r["tags"].get("decorations", []) for r in rows)}
    assert written <= seen, written - seen
    assert written == hv20.PER_FILE | hv20.PER_MAIL, written
    # (Dev's manifest names the set's variants, none of them held-out only, and counts no held-out set's mails.)
    manifest = json.loads((dev20 / "manifest.json").read_text(encoding="utf-8"))
    listed = {k for table in manifest["variants"].values() for k in table}
    assert not [k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]]
    assert _twentieth_names() <= listed
    assert "emails_with_holdout_variant" not in manifest["counts"]


# ---------------------------------------------------------------------------- the twenty-first held-out set

def _twenty_first_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_21 as hv21

    return set().union(*_variant_names(hv21).values())


def test_twenty_first_set_is_drawn_by_held_out_only(corpus: Path) -> None:
    """The twenty-first set's variants are held-out only: dev never draws one and its manifest does
    not name them; held-out draws every one of them."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus.forms import (
        HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_DECORATIONS, HOLDOUT_FUNDINGS, HOLDOUT_LAYOUTS,
    )

    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus import holdout_variants_24 as hv24

    new = _variant_names(hv21)
    assert all(new.values())
    # (The held-out split's own variants: this set's and the twenty-second, twenty-third and
    # twenty-fourth sets', held out too.)
    also, more, most = _variant_names(hv22), _variant_names(hv23), _variant_names(hv24)
    assert (HOLDOUT_LAYOUTS, HOLDOUT_CHECKBOXES, HOLDOUT_FUNDINGS, HOLDOUT_DATES, HOLDOUT_DECORATIONS) == (
        frozenset(new["layout"] | also["layout"] | more["layout"] | most["layout"]),
        frozenset(new["checkbox"] | also["checkbox"] | more["checkbox"] | most["checkbox"]),
        frozenset(new["funding"] | also["funding"] | more["funding"] | most["funding"]),
        frozenset(new["dates"] | also["dates"] | more["dates"] | most["dates"]),
        frozenset(new["decoration"] | also["decoration"] | more["decoration"] | most["decoration"]))
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert "emails_with_holdout_variant" not in manifest["counts"]
    for kind, table in _MANIFEST_TABLE.items():
        assert not [k for k, v in manifest["variants"][table].items() if v["holdout_only"]], table
        assert not new[kind] & set(manifest["variants"][table]), table
    held = _drawn([m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)])
    dev = _drawn([m for split, seed in _BOTH_SPLITS if split == "dev" for m in _plan(split, 300, seed)])
    for kind in new:
        assert new[kind] <= held[kind], (kind, new[kind] - held[kind])
        assert not new[kind] & dev[kind], (kind, new[kind] & dev[kind])


def test_most_held_out_mails_show_the_twenty_first_set() -> None:
    from benchmarks.gencorpus import holdout_variants_21 as hv21

    for split, seed in _BOTH_SPLITS:
        mails = _plan(split, 300, seed)
        shown = hv21.holdout_emails(mails)
        if split == "heldout":
            assert 0.4 * len(mails) <= shown <= 0.8 * len(mails), (seed, shown)
        else:
            assert shown == 0, (seed, shown)


def test_twenty_first_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv21._NO_MARK_LAYOUTS | hv21._OWN_AMOUNT_LAYOUTS | hv21._PARAGRAPH_LAYOUTS | hv21._PLAIN_LAYOUTS \
        <= set(LAYOUTS)
    assert set(hv21._STAND_INS) <= set(CHECKBOXES)
    ways = {d for c in hv21._CONFLICTS.values() for d in c}
    assert ways <= set(DECORATIONS) and not ways & set(hv21.DECORATIONS) - hv21.PER_FILE
    assert hv21.PER_FILE | hv21.PER_MAIL | hv21.VALUE_DECORATIONS == set(hv21.DECORATIONS)
    assert set(hv21.DECORATION_ODDS) == set(hv21.DECORATIONS) == set(hv21._WAY_FORMATS) | hv21.VALUE_DECORATIONS
    assert set(hv21.WEIGHTS) <= set(hv21.LAYOUTS) | set(hv21.CHECKBOXES) | set(hv21.FUNDINGS) | set(hv21.DATES)
    assert not hv21.DAY_DATES


def test_twenty_first_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    assert hv21.funding_text(_app(), "wan_zheng") == "8万元整"
    assert hv21.funding_text(_app(funding_wan=7.5), "wan_zheng") == "7.5万元整"
    short = [_app(aid=f"A-{k}", start=date(2024, 5, 1), end=date(2024, 12, 31)) for k in range(16)]
    assert {hv21.period_text(a, "arrow_range") for a in short} == {
        "2024年5月→2024年12月", "2024.05→2024.12", "2024.5 → 2024.12"}
    assert hv21.option_text(True, "学术交流", "yes_no_after") == "学术交流：是"
    assert hv21.option_text(False, "学术交流", "yes_no_after") == "学术交流：否"
    assert hv21.option_text(True, "学术交流", "chosen_in_brackets") == "【学术交流】"
    assert hv21.option_text(False, "学术交流", "chosen_in_brackets") == "学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    listed = category_text(station, "yes_no_after")
    assert listed.count("：是") == 1 and "学会服务站建设：是" in listed and "学术交流：否" in listed
    assert type_text(station, "chosen_in_brackets").count("【") == 1 and "【市州科协】" in type_text(
        station, "chosen_in_brackets")
    named = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会", contact_email="lina2023@163.com",
                 contact_phone="13907312345")

    def typed(*decos: str) -> Any:
        return _V(named, _look(value_decos=decos, decorations=decos))

    assert re.fullmatch(r"湖南省光学学会（(业务)?主管单位：(湖南)?省科(学技术)?协(会)?）", typed("org_supervisor").org)
    assert re.fullmatch(r"王伟(（中共党员）|（九三学社社员）|，民盟盟员|（无党派人士）)", typed("name_party_status").name)
    assert re.fullmatch(r"李娜( |（|　)13907312345）?", typed("contact_with_phone").contact)
    assert typed("email_label_echo").email in ("邮箱：lina2023@163.com", "E-mail: lina2023@163.com",
                                               "Email：lina2023@163.com")
    for d in hv21.VALUE_DECORATIONS:
        shown = typed(d)
        assert hv21.marker(d, named) in "".join((shown.org, shown.name, shown.contact, shown.email))
    assert hv21.checkbox_for("yes_no_after", named, _look(layout="table_screenshot")) in hv21._STAND_INS
    assert hv21.checkbox_for("chosen_in_brackets", named, _look(layout="sheet_row_xlsx")) == "text_only"
    assert hv21.checkbox_for("yes_no_after", named, _look(layout="paired_lines")) == "yes_no_after"
    assert hv21.funding_for("wan_zheng", "excel_print", "A-1") in ("wan", "yuan")
    assert hv21.funding_for("wan_zheng", "header_row", "A-1") == "wan_zheng"


def test_twenty_first_set_files_are_what_their_tools_write() -> None:
    """A .docx whose members are stored (the document as it was); a second download's name, its
    extension kept."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    docx = build_docx(form_blocks(app, _look()), app.contact_name)
    stored = hv21.docx_sent(docx, ("docx_stored",))
    assert hv21.compress_types(stored) == {zipfile.ZIP_STORED} and len(stored) > len(docx)
    assert _docx_all_text(stored) == _docx_all_text(docx)
    with zipfile.ZipFile(io.BytesIO(stored)) as a, zipfile.ZipFile(io.BytesIO(docx)) as b:
        assert a.namelist() == b.namelist()
    assert hv21.docx_sent(docx, ()) == docx
    name = "湖南省光学学会-2024年湖南省光学学术年会申报书.docx"
    copies = {hv21.sent_name(name, ("download_copy_suffix",), f"A-{k}") for k in range(16)}
    assert copies == {"湖南省光学学会-2024年湖南省光学学术年会申报书" + s + ".docx" for s in hv21._COPY_SUFFIXES}
    assert hv21.sent_name(name, (), "A-1") == name


def test_twenty_first_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the amount in 万元 with or without 整, the
    period's months whatever joins them, the unit without its supervising body, names without a
    phone or a political status, the e-mail without its label; each of the set's writings is drawn."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen |= {f.look.funding, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            assert "主管单位" not in str(fields["applicant_org"])
            assert not re.search(r"\d|党|社", str(fields["leader_name"]) + str(fields["contact_name"]))
            assert not re.match(r"邮箱|E-?mail", str(fields["contact_email"] or ""), re.I)
            if f.look.dates in hv21.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
            if f.look.funding in hv21.FUNDINGS:
                assert isinstance(fields["funding_wan"], float) and fields["funding_wan"] < 100
    names = {*hv21.FUNDINGS, *hv21.DATES, *hv21.DECORATIONS}
    assert names <= seen, names - seen


def test_twenty_first_set_variants_are_drawn_where_they_show() -> None:
    """This set's marks only where options are text; its amount only where the typed amount is
    printed; each decoration of a value only where the value shows it; each way of sending a file
    only for its format, one a file and none with an earlier set's way."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks

    seen: set[str] = set()
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            if f not in sent:
                assert not set(f.look.decorations) & hv21.PER_FILE
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv21.PER_FILE) <= 1, decos
            for way in decos & hv21.PER_FILE:
                assert f.fmt in hv21._WAY_FORMATS[way] and not hv21._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv21.CHECKBOXES:
                assert layout not in hv21._NO_MARK_LAYOUTS
            if f.look.funding in hv21.FUNDINGS:
                assert layout not in hv21._OWN_AMOUNT_LAYOUTS
            if not decos & hv21.VALUE_DECORATIONS and box not in hv21.CHECKBOXES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv21.CHECKBOXES:
                assert hv21.mark(box, f.app.subcategory) in shown, layout
            for d in decos & hv21.VALUE_DECORATIONS:
                assert hv21.marker(d, f.app) in shown, (d, layout)
    assert _twenty_first_names() <= seen, _twenty_first_names() - seen


def _twenty_first_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def test_numbered_label_cells_number_each_label() -> None:
    _, doc = _twenty_first_doc("numbered_label_cells", checkbox="yes_no_after")
    rows = _table_rows(doc.tables[0])
    assert re.fullmatch(r"(1、|1\.|（1）)项目名称", rows[0][0])
    assert rows[0][1] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站"
    assert [r for r in rows if r[0].endswith("项目负责人") and r[1] == "王伟"]
    assert "学会服务站建设：是" in "".join(r[1] for r in rows)


def test_paired_lines_put_two_pairs_on_a_line() -> None:
    _, doc = _twenty_first_doc("paired_lines", checkbox="chosen_in_brackets")
    paras = [p.text for p in doc.paragraphs]
    assert "项目名称：服务江华瑶族自治县黑茶产业高质量发展学会服务站" in paras
    assert "项目负责人：王伟　　　　负责人手机：13800000000" in paras
    assert "【学会服务站建设】" in "".join(paras)
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]


def test_form_answer_table_carries_the_submission_above_the_answers() -> None:
    _, doc = _twenty_first_doc("form_answer_table")
    paras = [p.text for p in doc.paragraphs]
    assert [t for t in paras if t.startswith("提交者：")] and [t for t in paras if t.startswith("提交时间：2024-04-")]
    rows = _table_rows(doc.tables[0])
    assert rows[0] == ["序号", "题目", "回答"]
    assert ["1", "项目名称（必填）", "服务江华瑶族自治县黑茶产业高质量发展学会服务站"] in rows
    assert [r for r in rows if r[1] == "项目负责人（必填）" and r[2] == "王伟"]


@pytest.fixture(scope="module")
def heldout21(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heldout21")
    write_corpus(out, "heldout", HELDOUT21_COUNT, seed=HELDOUT21_SEED)
    return out


# (Seed 35 sends both ways of this set's in 50 mails, and one of its layouts as a .docx.)
HELDOUT21_SEED, HELDOUT21_COUNT = 35, 50


def test_twenty_first_set_variants_show_in_the_written_files(heldout21: Path) -> None:
    """A held-out corpus: a .docx of stored members; a second download's name; the values of a
    .docx form of the set's layouts; the manifest flags the set held-out only and counts the mails
    that show it."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21

    rows = [r for r in _truth(heldout21) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(heldout21)
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", []))
        tags = {row["tags"].get("layout"), row["tags"].get("checkbox"), row["tags"].get("funding_format"),
                row["tags"].get("date_format"), *decos}
        if not tags & _twenty_first_names():
            continue
        msg = msgs[row["message_id"]]
        parts = _attachments(msg)
        every = [f for f in row["files"] if not f.get("in_body")]
        forms = {f["name"]: parts[f["sha256"]] for f in every if f["role"] == "form" and not f.get("in_zip")
                 and f["sha256"] in parts}
        if "docx_stored" in decos:
            stored = [d for d in forms.values() if d[:2] == b"PK" and hv21.compress_types(d) == {zipfile.ZIP_STORED}]
            assert stored
            assert _flat(row["fields"]["leader_name"]) in _flat(_package_text(stored[0]))
            seen.add("docx_stored")
        if "download_copy_suffix" in decos:
            assert [n for n in forms if re.search(r"( \(\d\)|\(\d\)|（\d）)\.(docx|pdf)$", n)], list(forms)
            seen.add("download_copy_suffix")
        docs = [d for d in forms.values() if d[:2] == b"PK" and b"[Content_Types].xml" in d]
        if row["tags"].get("format") == "docx" and docs and row["tags"].get("layout") in hv21.LAYOUTS \
                and not decos & {"scan_in_docx", "html_doc", "merge_fields"}:
            flat = _flat("".join(_package_text(d) for d in docs))
            layout = row["tags"]["layout"]
            assert _flat(row["fields"]["project_name"]) in flat and _flat(row["fields"]["leader_name"]) in flat
            marks = {"numbered_label_cells": "项目名称", "paired_lines": "　　　　", "form_answer_table": "提交时间"}
            assert _flat(marks[layout]) in flat, layout
            seen.add(layout)
    written = {k for k in hv21.PER_FILE if any(k in r["tags"].get("decorations", []) for r in rows)}
    assert written <= seen, written - seen
    assert written == hv21.PER_FILE, written
    assert seen & set(hv21.LAYOUTS), seen
    manifest = json.loads((heldout21 / "manifest.json").read_text(encoding="utf-8"))
    flagged = {k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]}
    # (The twenty-second and twenty-third sets are held out too.)
    assert flagged == _twenty_first_names() | _twenty_second_names() | _twenty_third_names() | _twenty_fourth_names()
    shown = manifest["counts"]["emails_with_holdout_variant"]
    assert 0.4 * manifest["counts"]["emails"] <= shown <= 0.8 * manifest["counts"]["emails"]


# ---------------------------------------------------------------------------- the twenty-second held-out set

def _twenty_second_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_22 as hv22

    return set().union(*_variant_names(hv22).values())


def test_twenty_second_set_is_drawn_by_held_out_only(corpus: Path) -> None:
    """The twenty-second set's variants are held-out only: dev never draws one and its manifest does
    not name them; held-out draws every one of them."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus.forms import (
        HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_DECORATIONS, HOLDOUT_FUNDINGS, HOLDOUT_LAYOUTS,
    )

    new = _variant_names(hv22)
    assert new["layout"] and new["checkbox"] and new["dates"] and new["decoration"] and not new["funding"]
    assert hv22.NAMES == _twenty_second_names()
    for kind, held in (("layout", HOLDOUT_LAYOUTS), ("checkbox", HOLDOUT_CHECKBOXES), ("funding", HOLDOUT_FUNDINGS),
                       ("dates", HOLDOUT_DATES), ("decoration", HOLDOUT_DECORATIONS)):
        assert new[kind] <= held, kind
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert "emails_with_holdout_variant" not in manifest["counts"]
    for kind, table in _MANIFEST_TABLE.items():
        assert not [k for k, v in manifest["variants"][table].items() if v["holdout_only"]], table
        assert not new[kind] & set(manifest["variants"][table]), table
    held = _drawn([m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)])
    dev = _drawn([m for split, seed in _BOTH_SPLITS if split == "dev" for m in _plan(split, 300, seed)])
    for kind in new:
        assert new[kind] <= held[kind], (kind, new[kind] - held[kind])
        assert not new[kind] & dev[kind], (kind, new[kind] & dev[kind])


def test_a_good_share_of_held_out_mails_show_the_twenty_second_set() -> None:
    from benchmarks.gencorpus import holdout_variants_22 as hv22

    for split, seed in _BOTH_SPLITS:
        mails = _plan(split, 300, seed)
        shown = hv22.holdout_emails(mails)
        if split == "heldout":
            assert 0.25 * len(mails) <= shown <= 0.6 * len(mails), (seed, shown)
        else:
            assert shown == 0, (seed, shown)


def test_twenty_second_set_leaves_held_out_draws_where_it_does_not_stand() -> None:
    """draw_variant: dev's draws as rng.choice drew them; a held-out draw is the twenty-first set's
    draw (one number of the generator) unless one of the twenty-second set's own takes its place, at
    about that set's share of the weights."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.forms import HOLDOUT_LAYOUTS, LAYOUTS, draw_variant

    # (The held-out layouts as they were before the twenty-third set: its own test reads it on top.)
    layouts = [lay for lay in LAYOUTS if lay not in hv23.LAYOUTS and lay not in hv24.LAYOUTS]
    held = HOLDOUT_LAYOUTS - frozenset(hv23.LAYOUTS) - frozenset(hv24.LAYOUTS)
    dev = [lay for lay in layouts if lay not in HOLDOUT_LAYOUTS]
    a, b = random.Random(7), random.Random(7)
    assert [draw_variant(a, dev, HOLDOUT_LAYOUTS, False) for _ in range(200)] == [b.choice(dev) for _ in range(200)]
    held_21 = frozenset(hv21.LAYOUTS)
    without = [lay for lay in layouts if lay not in hv22.LAYOUTS]
    a, b = random.Random(11), random.Random(11)
    mine = 0
    for _ in range(4000):
        got = draw_variant(a, layouts, held, True)
        was = draw_variant(b, without, held_21, True)
        if got in hv22.LAYOUTS:
            mine += 1
            assert was not in held_21  # (a twenty-first set's draw stays)
        else:
            assert got == was
    rest = len(without) - len(held_21)
    total = rest + sum(hv21.weight(lay) for lay in held_21)
    theirs = sum(hv22.weight(lay) for lay in hv22.LAYOUTS)
    share = rest / total * theirs / (total + theirs)
    assert abs(mine / 4000 - share) < 0.03, (mine, share)


def test_twenty_second_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus.forms import CHECKBOXES, DATES, DECORATIONS, LAYOUTS

    assert hv22._NO_MARK_LAYOUTS | hv22._PARAGRAPH_LAYOUTS | hv22._PLAIN_LAYOUTS | hv22._CELL_PERIOD_LAYOUTS \
        <= set(LAYOUTS)
    assert not hv22._CELL_PERIOD_LAYOUTS & (hv22._PLAIN_LAYOUTS | hv22._PARAGRAPH_LAYOUTS)
    assert set(hv22._STAND_INS) <= set(CHECKBOXES)
    assert {"cn_month", "dot_month"} <= set(DATES)
    ways = {d for c in hv22._CONFLICTS.values() for d in c}
    assert ways <= set(DECORATIONS) and not ways & set(hv22.DECORATIONS) - hv22.PER_FILE
    assert hv22.PER_FILE | hv22.PER_MAIL | hv22.VALUE_DECORATIONS == set(hv22.DECORATIONS)
    assert set(hv22.DECORATION_ODDS) == set(hv22.DECORATIONS) == set(hv22._WAY_FORMATS) | hv22.VALUE_DECORATIONS
    assert set(hv22.WEIGHTS) <= set(hv22.LAYOUTS) | set(hv22.CHECKBOXES) | set(hv22.FUNDINGS) | set(hv22.DATES)
    assert not hv22.DAY_DATES and not hv22.FUNDINGS


def test_twenty_second_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    short = [_app(aid=f"A-{k}", start=date(2024, 5, 1), end=date(2024, 12, 31)) for k in range(16)]
    assert {hv22.period_text(a, "stacked_period") for a in short} == {
        "2024年5月\n至\n2024年12月", "2024.05—\n2024.12", "2024年5月—\n2024年12月"}
    across = _app(aid="A-3", start=date(2024, 9, 1), end=date(2025, 6, 30))
    assert hv22.period_text(across, "stacked_period").replace("\n", "") in (
        "2024年9月至2025年6月", "2024.09—2025.06", "2024年9月—2025年6月")
    assert hv22.dates_for("stacked_period", "spaced_2col", "A-1") == "stacked_period"
    assert hv22.dates_for("stacked_period", "kv_lines", "A-1") in ("cn_month", "dot_month")
    assert hv22.dates_for("cn_day", "kv_lines", "A-1") == "cn_day"
    assert hv22.option_text(True, "学术交流", "tick_on_blank") == "__√__学术交流"
    assert hv22.option_text(False, "学术交流", "tick_on_blank") == "_____学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    listed = category_text(station, "tick_on_blank")
    assert listed.count("√") == 1 and "__√__学会服务站建设" in listed and "_____学术交流" in listed
    assert type_text(station, "tick_on_blank").count("√") == 1 and "__√__市州科协" in type_text(
        station, "tick_on_blank")
    event = _app(project_name="第15届湖南隧道学术交流会", contact_phone="0731-84000000",
                 start=date(2024, 5, 1), end=date(2024, 12, 31))

    def typed(app: App, *decos: str) -> Any:
        return _V(app, _look(value_decos=decos, decorations=decos))

    assert re.fullmatch(r"王伟(（工号：|\(| 工号|（职工号)(199\d|20[012]\d)\d{4}[）)]?",
                        typed(event, "name_staff_id").name)
    cities = "|".join(hv22._CITIES)
    assert re.fullmatch(rf"第15届湖南隧道学术交流会（(拟于)?2024年(8|9)月(在|·|，)({cities})(举办)?）",
                        typed(event, "project_when_where").project)
    assert typed(event, "phone_fax_same").contact_phone in ("0731-84000000（传真同号）", "0731-84000000（兼传真）",
                                                           "0731-84000000（同传真）")
    for d in hv22.VALUE_DECORATIONS:
        shown = typed(event, d)
        assert hv22.marker(d, event) in "".join((shown.project, shown.name, shown.contact_phone))
    # (No event, no event's time and place; a mobile or a landline with an extension has no fax.)
    station_event = typed(station, "project_when_where")
    assert station_event.project == station.project_name
    assert typed(_app(contact_phone="13900000000"), "phone_fax_same").contact_phone == "13900000000"
    assert typed(_app(contact_phone="0731-84000000转8012"), "phone_fax_same").contact_phone == "0731-84000000转8012"
    assert hv22.checkbox_for("tick_on_blank", event, _look(layout="table_screenshot")) in hv22._STAND_INS
    assert hv22.checkbox_for("tick_on_blank", event, _look(layout="sheet_row_xlsx")) == "text_only"
    assert hv22.checkbox_for("tick_on_blank", event, _look(layout="bullet_lines")) == "tick_on_blank"


def test_twenty_second_set_files_are_what_their_tools_write() -> None:
    """A .docx as WPS saves it (its custom properties named in the package; the document as it
    was); the notice's annex number before a file's name, its extension kept."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    docx = build_docx(form_blocks(app, _look()), app.contact_name)
    saved = hv22.docx_sent(docx, ("wps_saved_docx",), app.aid)
    assert hv22.kso_version(saved) == "2052-12.1.0.16729" and hv22.kso_version(docx) is None
    assert _docx_all_text(saved) == _docx_all_text(docx)
    with zipfile.ZipFile(io.BytesIO(saved)) as zf:
        assert set(zf.namelist()) == set(zipfile.ZipFile(io.BytesIO(docx)).namelist()) | {"docProps/custom.xml"}
        assert b'PartName="/docProps/custom.xml"' in zf.read("[Content_Types].xml")
        assert b'Target="docProps/custom.xml"' in zf.read("_rels/.rels")
        assert b"<Application>WPS Office_" in zf.read("docProps/app.xml")
        assert re.search(rb'name="ICV"><vt:lpwstr>[0-9A-F]{32}_13<', zf.read("docProps/custom.xml"))
    Document(io.BytesIO(saved))  # (it opens)
    assert hv22.docx_sent(docx, (), app.aid) == docx
    name = "湖南省光学学会-2024年湖南省光学学术年会申报书.docx"
    names = {hv22.sent_name(name, ("annex_numbered_name",), f"A-{k}") for k in range(24)}
    assert {n[:3] for n in names} <= {"附件1", "附件2", "附件3"} and all(n.endswith(name) for n in names)
    assert {n[3] for n in names} == set(hv22._ANNEX_SEPARATORS)
    assert hv22.sent_name(name, (), "A-1") == name


def test_twenty_second_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the period's months whatever lines it is
    typed over, names without a staff number, the project without its time and place, the phone
    without its fax note; each of the set's writings is drawn."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen |= {f.look.checkbox, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            assert not re.search(r"工号|\d{8}", str(fields["leader_name"]))
            assert not re.search(r"举办|·", str(fields["project_name"]))
            assert "传真" not in str(fields["contact_phone"])
            if f.look.dates in hv22.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    names = {*hv22.CHECKBOXES, *hv22.DATES, *hv22.DECORATIONS}
    assert names <= seen, names - seen


def test_twenty_second_set_variants_are_drawn_where_they_show() -> None:
    """This set's mark only where options are text; its period only in a cell of its own; each
    decoration of a value only where the value shows it; each way of sending a file only for its
    format, one a file and none with an earlier set's way."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks

    seen: set[str] = set()
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            if f not in sent:
                assert not set(f.look.decorations) & hv22.PER_FILE
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv22.PER_FILE) <= 1, decos
            for way in decos & hv22.PER_FILE:
                assert f.fmt in hv22._WAY_FORMATS[way] and not hv22._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv22.CHECKBOXES:
                assert layout not in hv22._NO_MARK_LAYOUTS
            if f.look.dates in hv22.DATES:
                assert layout in hv22._CELL_PERIOD_LAYOUTS, layout
            if not decos & hv22.VALUE_DECORATIONS and box not in hv22.CHECKBOXES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv22.CHECKBOXES:
                assert hv22.mark(box, f.app.subcategory) in shown, layout
            for d in decos & hv22.VALUE_DECORATIONS:
                assert hv22.marker(d, f.app) in shown, (d, layout)
    assert _twenty_second_names() <= seen, _twenty_second_names() - seen


def _twenty_second_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def test_colon_column_holds_only_the_colons() -> None:
    _, doc = _twenty_second_doc("colon_column", checkbox="tick_on_blank", dates="stacked_period",
                                app={"aid": "A-0"})
    table = doc.tables[0]
    rows = _table_rows(table)
    assert all(len(r) == 3 and r[1] == "：" for r in rows)
    assert ["项目名称", "：", "服务江华瑶族自治县黑茶产业高质量发展学会服务站"] in rows
    assert [r for r in rows if r[0] == "项目负责人" and r[2] == "王伟"]
    assert "__√__学会服务站建设" in "".join(r[2] for r in rows)
    cell = next(r.cells[2] for r in table.rows if r.cells[0].text == "起止时间")
    assert len(cell.paragraphs) in (2, 3) and _flat(cell.text) in ("2024年5月至2024年12月", "2024.05—2024.12",
                                                                   "2024年5月—2024年12月")
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and all(e.get(qn("w:val")) in ("nil", "none") for e in borders)


def test_bullet_lines_lead_each_field_with_a_bullet() -> None:
    _, doc = _twenty_second_doc("bullet_lines", checkbox="tick_on_blank")
    paras = [p.text for p in doc.paragraphs]
    named = [t for t in paras if re.fullmatch(r"(➢|▶|➤ )项目名称：服务江华瑶族自治县黑茶产业高质量发展学会服务站", t)]
    assert named
    bullet = named[0][:named[0].index("项目名称")]
    assert bullet + "项目负责人：王伟" in paras and bullet + "负责人手机：13800000000" in paras
    assert [t for t in paras if t.startswith(bullet + "项目类别：")] and [t for t in paras if "__√__学会服务站建设" in t]
    assert not [t for t in doc.tables if "项目名称" in "".join(c.text for r in t.rows for c in r.cells)]


@pytest.fixture(scope="module")
def heldout22(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heldout22")
    write_corpus(out, "heldout", HELDOUT22_COUNT, seed=HELDOUT22_SEED)
    return out


# (Seed 51 sends both ways of this set's in 50 mails, and one of its layouts as a .docx.)
HELDOUT22_SEED, HELDOUT22_COUNT = 51, 50


def test_twenty_second_set_variants_show_in_the_written_files(heldout22: Path) -> None:
    """A held-out corpus: a .docx as WPS saves it; a name with the notice's annex number; the values
    of a .docx form of the set's layouts; the manifest flags the set held-out only and counts the
    mails that show a held-out variant."""
    from benchmarks.gencorpus import holdout_variants_22 as hv22

    rows = [r for r in _truth(heldout22) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(heldout22)
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", []))
        tags = {row["tags"].get("layout"), row["tags"].get("checkbox"), row["tags"].get("funding_format"),
                row["tags"].get("date_format"), *decos}
        if not tags & _twenty_second_names():
            continue
        msg = msgs[row["message_id"]]
        parts = _attachments(msg)
        every = [f for f in row["files"] if not f.get("in_body")]
        forms = {f["name"]: parts[f["sha256"]] for f in every if f["role"] == "form" and not f.get("in_zip")
                 and f["sha256"] in parts}
        if "wps_saved_docx" in decos:
            saved = [d for d in forms.values() if d[:2] == b"PK" and hv22.kso_version(d)]
            assert saved
            if "scan_in_docx" not in decos:  # (a file of the printout's scans holds no text)
                assert _flat(row["fields"]["leader_name"]) in _flat(_package_text(saved[0]))
            seen.add("wps_saved_docx")
        if "annex_numbered_name" in decos:
            assert [n for n in forms if re.match(r"附件[123][：\- 、]", n) and re.search(r"\.(docx|pdf)$", n, re.I)], \
                list(forms)
            seen.add("annex_numbered_name")
        docs = [d for d in forms.values() if d[:2] == b"PK" and b"[Content_Types].xml" in d]
        if row["tags"].get("format") == "docx" and docs and row["tags"].get("layout") in hv22.LAYOUTS \
                and not decos & {"scan_in_docx", "html_doc", "merge_fields"}:
            flat = _flat("".join(_package_text(d) for d in docs))
            layout = row["tags"]["layout"]
            assert _flat(row["fields"]["project_name"]) in flat and _flat(row["fields"]["leader_name"]) in flat
            marks = {"colon_column": "项目名称：", "bullet_lines": "项目名称："}
            assert _flat(marks[layout]) in flat, layout
            seen.add(layout)
    written = {k for k in hv22.PER_FILE if any(k in r["tags"].get("decorations", []) for r in rows)}
    assert written <= seen, written - seen
    assert written == hv22.PER_FILE, written
    assert seen & set(hv22.LAYOUTS), seen
    manifest = json.loads((heldout22 / "manifest.json").read_text(encoding="utf-8"))
    flagged = {k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]}
    assert _twenty_second_names() <= flagged
    assert flagged == _twenty_first_names() | _twenty_second_names() | _twenty_third_names() | _twenty_fourth_names()
    shown = manifest["counts"]["emails_with_holdout_variant"]
    assert 0.4 * manifest["counts"]["emails"] <= shown <= 0.8 * manifest["counts"]["emails"]


# ---------------------------------------------------------------------------- the twenty-third held-out set

def _twenty_third_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_23 as hv23

    return set().union(*_variant_names(hv23).values())


def test_twenty_third_set_is_drawn_by_held_out_only(corpus: Path) -> None:
    """The twenty-third set's variants are held-out only: dev never draws one and its manifest does
    not name them; held-out draws every one of them."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.forms import (
        HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_DECORATIONS, HOLDOUT_FUNDINGS, HOLDOUT_LAYOUTS,
    )

    new = _variant_names(hv23)
    assert new["layout"] and new["checkbox"] and new["dates"] and new["decoration"] and not new["funding"]
    assert hv23.NAMES == _twenty_third_names()
    for kind, held in (("layout", HOLDOUT_LAYOUTS), ("checkbox", HOLDOUT_CHECKBOXES), ("funding", HOLDOUT_FUNDINGS),
                       ("dates", HOLDOUT_DATES), ("decoration", HOLDOUT_DECORATIONS)):
        assert new[kind] <= held, kind
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    assert "emails_with_holdout_variant" not in manifest["counts"]
    for kind, table in _MANIFEST_TABLE.items():
        assert not [k for k, v in manifest["variants"][table].items() if v["holdout_only"]], table
        assert not new[kind] & set(manifest["variants"][table]), table
    held = _drawn([m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)])
    dev = _drawn([m for split, seed in _BOTH_SPLITS if split == "dev" for m in _plan(split, 300, seed)])
    for kind in new:
        assert new[kind] <= held[kind], (kind, new[kind] - held[kind])
        assert not new[kind] & dev[kind], (kind, new[kind] & dev[kind])


def test_a_good_share_of_held_out_mails_show_the_twenty_third_set() -> None:
    from benchmarks.gencorpus import holdout_variants_23 as hv23

    for split, seed in _BOTH_SPLITS:
        mails = _plan(split, 300, seed)
        shown = hv23.holdout_emails(mails)
        if split == "heldout":
            assert 0.25 * len(mails) <= shown <= 0.6 * len(mails), (seed, shown)
        else:
            assert shown == 0, (seed, shown)


def test_twenty_third_set_leaves_held_out_draws_where_it_does_not_stand() -> None:
    """draw_variant: dev's draws as rng.choice drew them; a held-out draw is the one the twenty-first
    and twenty-second sets left (one number of the generator) unless one of the twenty-third set's
    own takes the place of a draw of the options every split draws, at about that set's share."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.forms import HOLDOUT_LAYOUTS, LAYOUTS, draw_variant

    # (The held-out layouts as they were before the twenty-fourth set: its own test reads it on top.)
    layouts = [lay for lay in LAYOUTS if lay not in hv24.LAYOUTS]
    dev = [lay for lay in layouts if lay not in HOLDOUT_LAYOUTS]
    a, b = random.Random(7), random.Random(7)
    assert [draw_variant(a, dev, HOLDOUT_LAYOUTS, False) for _ in range(200)] == [b.choice(dev) for _ in range(200)]
    before = HOLDOUT_LAYOUTS - frozenset(hv23.LAYOUTS) - frozenset(hv24.LAYOUTS)
    assert before == frozenset(hv21.LAYOUTS) | frozenset(hv22.LAYOUTS)
    without = [lay for lay in layouts if lay not in hv23.LAYOUTS]
    a, b = random.Random(13), random.Random(13)
    ours = 0
    for _ in range(4000):
        got = draw_variant(a, layouts, HOLDOUT_LAYOUTS, True)
        was = draw_variant(b, without, before, True)
        if got in hv23.LAYOUTS:
            ours += 1
            assert was not in before  # (the twenty-first and twenty-second sets' draws stay)
        else:
            assert got == was
    rest = len(without) - len(before)
    total = rest + sum(hv21.weight(lay) for lay in hv21.LAYOUTS) + sum(hv22.weight(lay) for lay in hv22.LAYOUTS)
    theirs = sum(hv23.weight(lay) for lay in hv23.LAYOUTS)
    share = rest / total * theirs / (total + theirs)
    assert abs(ours / 4000 - share) < 0.03, (ours, share)


def test_twenty_third_set_stand_ins_are_the_generators() -> None:
    """Every layout, encoding and decoration the set names is one of the generator's."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.forms import CHECKBOXES, DECORATIONS, LAYOUTS

    assert hv23._NO_MARK_LAYOUTS | hv23._PLAIN_LAYOUTS <= set(LAYOUTS)
    assert not set(hv23.LAYOUTS) & (hv23._NO_MARK_LAYOUTS | hv23._PLAIN_LAYOUTS)
    assert set(hv23._STAND_INS) <= set(CHECKBOXES)
    ways = {d for c in hv23._CONFLICTS.values() for d in c}
    assert ways <= set(DECORATIONS) and not ways & set(hv23.DECORATIONS) - hv23.PER_FILE
    assert hv23.PER_FILE | hv23.PER_MAIL | hv23.VALUE_DECORATIONS == set(hv23.DECORATIONS)
    assert set(hv23.DECORATION_ODDS) == set(hv23.DECORATIONS) == set(hv23._WAY_FORMATS) | hv23.VALUE_DECORATIONS
    assert set(hv23.WEIGHTS) <= set(hv23.LAYOUTS) | set(hv23.CHECKBOXES) | set(hv23.FUNDINGS) | set(hv23.DATES)
    assert not hv23.DAY_DATES and not hv23.FUNDINGS


def test_twenty_third_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.forms import _V, category_text, type_text

    short = [_app(aid=f"A-{k}", start=date(2024, 5, 1), end=date(2024, 12, 31)) for k in range(24)]
    assert {hv23.period_text(a, "wave_range") for a in short} == {
        "2024年5月～2024年12月", "2024年5月~2024年12月", "2024.5月～2024.12月", "2024年5月～12月"}
    across = [_app(aid=f"A-{k}", start=date(2024, 9, 1), end=date(2025, 6, 30)) for k in range(24)]
    assert {hv23.period_text(a, "wave_range") for a in across} == {
        "2024年9月～2025年6月", "2024年9月~2025年6月", "2024.9月～2025.6月"}
    assert hv23.option_text(True, "学术交流", "dot_for_box") == "●学术交流"
    assert hv23.option_text(False, "学术交流", "dot_for_box") == "□学术交流"
    station = _app(subcategory="学会服务站建设", applicant_type="市州科协")
    listed = category_text(station, "dot_for_box")
    assert listed.count("●") == 1 and "●学会服务站建设" in listed and "□学术交流" in listed
    assert type_text(station, "dot_for_box").count("●") == 1 and "●市州科协" in type_text(station, "dot_for_box")
    joint = _app(partners=("湖南省物理学会",), contact_email="lina@163.com")

    def typed(app: App, *decos: str, **kw: Any) -> Any:
        return _V(app, _look(value_decos=decos, decorations=decos, **kw))

    assert typed(joint, "name_and_others").name in ("王伟等", "王伟 等", "王伟等人")
    assert typed(joint, "org_lead_note").org in ("湖南省测试学会（牵头单位）", "湖南省测试学会（牵头）",
                                                 "湖南省测试学会（主持单位）")
    assert typed(joint, "email_kind_note").email in ("lina@163.com（工作邮箱）", "lina@163.com（单位邮箱）",
                                                     "lina@163.com（常用）")
    for d in hv23.VALUE_DECORATIONS:
        shown = typed(joint, d)
        assert hv23.marker(d, joint) in "".join((shown.org, shown.name, shown.email))
    # (The lead unit's note goes before the template's （盖章）; none without partners or without an e-mail.)
    sealed = typed(joint, "org_lead_note", org_deco="seal").org
    assert sealed.startswith(hv23.marker("org_lead_note", joint)) and re.search(r"[（(][盖公]章[）)]$", sealed), sealed
    for alone in (_app(), _app(partners=("湖南省物理学会",), roles_stated=False)):
        assert typed(alone, "org_lead_note").org == alone.applicant_org
    assert typed(_app(contact_email=None), "email_kind_note").email in ("", "无", "/")
    assert hv23.checkbox_for("dot_for_box", joint, _look(layout="table_screenshot")) in hv23._STAND_INS
    assert hv23.checkbox_for("dot_for_box", joint, _look(layout="sheet_row_xlsx")) == "text_only"
    assert hv23.checkbox_for("dot_for_box", joint, _look(layout="person_subfields")) == "dot_for_box"


def test_twenty_third_set_files_are_what_their_tools_write() -> None:
    """A .docx saved with its fonts embedded (the fonts named in the package, obfuscated with their
    keys; the document as it was); a version before a file's extension, the extension kept."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    docx = build_docx(form_blocks(app, _look()), app.contact_name)
    saved = hv23.docx_sent(docx, ("fonts_embedded_docx",), app.aid)
    assert hv23.embedded_fonts(saved) == list(hv23._EMBEDDED) and hv23.embedded_fonts(docx) == []
    assert _docx_all_text(saved) == _docx_all_text(docx)
    with zipfile.ZipFile(io.BytesIO(saved)) as zf:
        fonts = {"word/fonts/font1.odttf", "word/fonts/font2.odttf"}
        assert set(zf.namelist()) == set(zipfile.ZipFile(io.BytesIO(docx)).namelist()) | fonts | {
            "word/_rels/fontTable.xml.rels"}
        assert b'Extension="odttf"' in zf.read("[Content_Types].xml")
        rels = zf.read("word/_rels/fontTable.xml.rels")
        assert b'Target="fonts/font1.odttf"' in rels and b'Target="fonts/font2.odttf"' in rels
        assert re.search(rb"<w:zoom[^>]*/><w:embedTrueTypeFonts/><w:saveSubsetFonts/>", zf.read("word/settings.xml"))
        table = zf.read("word/fontTable.xml").decode("utf-8")
        for k in (1, 2):
            key = hv23.font_key(app.aid, k)
            assert f'w:fontKey="{key}"' in table
            raw = bytearray(zf.read(f"word/fonts/font{k}.odttf"))
            guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
            assert bytes(raw[i] ^ guid[i % 16] for i in range(4)) == b"\x00\x01\x00\x00"  # (a TrueType file)
            assert raw[:4] != b"\x00\x01\x00\x00"
    Document(io.BytesIO(saved))  # (it opens)
    assert hv23.docx_sent(docx, (), app.aid) == docx
    name = "湖南省光学学会-2024年湖南省光学学术年会申报书.docx"
    names = {hv23.sent_name(name, ("version_note_name",), f"A-{k}") for k in range(30)}
    stem = name.removesuffix(".docx")
    assert all(n.startswith(stem) and n.endswith(".docx") for n in names)
    assert {n.removeprefix(stem).removesuffix(".docx") for n in names} == set(hv23._VERSIONS)
    assert hv23.sent_name(name, (), "A-1") == name and hv23.sent_name("申报书", ("version_note_name",), "A-1") == "申报书"


def test_twenty_third_set_truth_stays_clean() -> None:
    """The truth of a form is its planned application: the period's months whatever joins them, the
    leader without 等, the unit without its role, the e-mail without its kind; each of the set's
    writings is drawn."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        for f in m.forms:
            fields = _fields(f)
            seen |= {f.look.checkbox, f.look.dates, *f.look.decorations}
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("leader_phone", f.app.leader_phone),
                               ("contact_name", f.app.contact_name), ("contact_phone", f.app.contact_phone),
                               ("contact_email", f.app.contact_email), ("funding_wan", f.app.funding_wan)):
                assert fields[key] == value, key
            assert not re.search(r"等人?$", str(fields["leader_name"]))
            assert not re.search(r"牵头|主持单位", str(fields["applicant_org"]))
            assert not re.search(r"邮箱|常用", str(fields["contact_email"]))
            if f.look.dates in hv23.DATES:
                assert fields["start_date"] == f.app.start.isoformat()[:7]
                assert fields["end_date"] == f.app.end.isoformat()[:7]
    names = {*hv23.CHECKBOXES, *hv23.DATES, *hv23.DECORATIONS}
    assert names <= seen, names - seen


def test_twenty_third_set_variants_are_drawn_where_they_show() -> None:
    """This set's mark only where options are text; each decoration of a value only where the value
    shows it; each way of sending a file only for its format, one a file and none with an earlier
    set's way it is not sent with."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks

    seen: set[str] = set()
    for m in (m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)):
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            if f not in sent:
                assert not set(f.look.decorations) & hv23.PER_FILE
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen |= decos | {box, layout, f.look.funding, f.look.dates}
            assert len(decos & hv23.PER_FILE) <= 1, decos
            for way in decos & hv23.PER_FILE:
                assert f.fmt in hv23._WAY_FORMATS[way] and not hv23._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if box in hv23.CHECKBOXES:
                assert layout not in hv23._NO_MARK_LAYOUTS
            if "org_lead_note" in decos:
                assert f.app.partners and f.app.roles_stated
            if not decos & hv23.VALUE_DECORATIONS and box not in hv23.CHECKBOXES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv23.CHECKBOXES:
                assert hv23.mark(box, f.app.subcategory) in shown, layout
            for d in decos & hv23.VALUE_DECORATIONS:
                assert hv23.marker(d, f.app) in shown, (d, layout)
    assert _twenty_third_names() <= seen, _twenty_third_names() - seen


def _twenty_third_doc(layout: str, **kw: Any) -> tuple[bytes, Any]:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", contact_email="lina@163.com", **kw.pop("app", {}))
    data = build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)
    return data, Document(io.BytesIO(data))


def test_full_width_rows_hold_each_label_and_value_in_one_cell() -> None:
    _, doc = _twenty_third_doc("full_width_rows", checkbox="dot_for_box", dates="wave_range", app={"aid": "A-0"})
    table = doc.tables[0]
    assert len(table.columns) == 1 and all(len(r.cells) == 1 for r in table.rows)
    texts = [r.cells[0].text for r in table.rows]
    assert "项目名称：服务江华瑶族自治县黑茶产业高质量发展学会服务站" in texts
    assert "项目负责人：王伟" in texts and "负责人手机：13800000000" in texts and "电子邮箱：lina@163.com" in texts
    assert [t for t in texts if t.startswith("项目类别：") and "●学会服务站建设" in t and "□学术交流" in t]
    assert [t for t in texts if t.startswith("起止时间：") and ("～" in t or "~" in t)]


def test_person_subfields_hold_the_templates_sub_labels() -> None:
    _, doc = _twenty_third_doc("person_subfields", checkbox="dot_for_box")
    table = doc.tables[0]
    rows = {r.cells[0].text: r.cells[-1] for r in table.rows}
    assert all(len(r.cells) == 2 for r in table.rows)
    assert rows["项目名称"].text == "服务江华瑶族自治县黑茶产业高质量发展学会服务站"
    assert rows["项目负责人"].text == "姓名：王伟　　手机：13800000000"
    assert [p.text for p in rows["项目联系人"].paragraphs] == ["姓名：李娜　　电话：0731-84000000", "邮箱：lina@163.com"]
    assert "●学会服务站建设" in rows["项目类别"].text and "□学术交流" in rows["项目类别"].text
    assert not {"负责人手机", "联系电话", "电子邮箱"} & set(rows)


@pytest.fixture(scope="module")
def heldout23(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heldout23")
    write_corpus(out, "heldout", HELDOUT23_COUNT, seed=HELDOUT23_SEED)
    return out


# (Seed 1 sends both ways of this set's in 60 mails, and one of its layouts as a .docx.)
HELDOUT23_SEED, HELDOUT23_COUNT = 1, 60


def test_twenty_third_set_variants_show_in_the_written_files(heldout23: Path) -> None:
    """A held-out corpus: a .docx saved with its fonts embedded; a name with a version before its
    extension; the values of a .docx form of the set's layouts; the manifest flags the set held-out
    only and counts the mails that show a held-out variant."""
    from benchmarks.gencorpus import holdout_variants_23 as hv23

    rows = [r for r in _truth(heldout23) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(heldout23)
    versions = "|".join(re.escape(v) for v in hv23._VERSIONS)
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", []))
        tags = {row["tags"].get("layout"), row["tags"].get("checkbox"), row["tags"].get("funding_format"),
                row["tags"].get("date_format"), *decos}
        if not tags & _twenty_third_names():
            continue
        msg = msgs[row["message_id"]]
        parts = _attachments(msg)
        every = [f for f in row["files"] if not f.get("in_body")]
        forms = {f["name"]: parts[f["sha256"]] for f in every if f["role"] == "form" and not f.get("in_zip")
                 and f["sha256"] in parts}
        if "fonts_embedded_docx" in decos:
            saved = [d for d in forms.values() if d[:2] == b"PK" and hv23.embedded_fonts(d)]
            assert saved
            if "scan_in_docx" not in decos:  # (a file of the printout's scans holds no text)
                assert _flat(row["fields"]["leader_name"]) in _flat(_package_text(saved[0]))
            seen.add("fonts_embedded_docx")
        if "version_note_name" in decos:
            assert [n for n in forms if re.search(rf"({versions})\.(docx|pdf)$", n, re.I)], list(forms)
            seen.add("version_note_name")
        docs = [d for d in forms.values() if d[:2] == b"PK" and b"[Content_Types].xml" in d]
        if row["tags"].get("format") == "docx" and docs and row["tags"].get("layout") in hv23.LAYOUTS \
                and not decos & {"scan_in_docx", "html_doc", "merge_fields"}:
            flat = _flat("".join(_package_text(d) for d in docs))
            layout = row["tags"]["layout"]
            assert _flat(row["fields"]["project_name"]) in flat and _flat(row["fields"]["leader_name"]) in flat
            marks = {"full_width_rows": "项目名称：", "person_subfields": "姓名："}
            assert _flat(marks[layout]) in flat, layout
            seen.add(layout)
    written = {k for k in hv23.PER_FILE if any(k in r["tags"].get("decorations", []) for r in rows)}
    assert written <= seen, written - seen
    assert written == hv23.PER_FILE, written
    assert seen & set(hv23.LAYOUTS), seen
    manifest = json.loads((heldout23 / "manifest.json").read_text(encoding="utf-8"))
    flagged = {k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]}
    assert _twenty_third_names() <= flagged
    assert flagged == _twenty_first_names() | _twenty_second_names() | _twenty_third_names() | _twenty_fourth_names()
    shown = manifest["counts"]["emails_with_holdout_variant"]
    # (Any held-out set's: the twenty-fourth's raised the share.)
    assert 0.4 * manifest["counts"]["emails"] <= shown <= 0.9 * manifest["counts"]["emails"]


# ---------------------------------------------------------------------------- the twenty-fourth held-out set

def _twenty_fourth_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_24 as hv24

    return set().union(*_variant_names(hv24).values())


def _held_plans() -> list[Any]:
    return [m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)]


def test_twenty_fourth_set_is_drawn_by_held_out_only(corpus: Path) -> None:
    """The twenty-fourth set's variants are held-out only: dev never draws one and its manifest does
    not name them; held-out draws every one of them, in a good share of its mails."""
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.forms import (
        HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_DECORATIONS, HOLDOUT_FUNDINGS, HOLDOUT_LAYOUTS,
    )

    new = _variant_names(hv24)
    assert new["layout"] and new["checkbox"] and new["dates"] and new["decoration"] and not new["funding"]
    assert hv24.NAMES == _twenty_fourth_names()
    for kind, held in (("layout", HOLDOUT_LAYOUTS), ("checkbox", HOLDOUT_CHECKBOXES), ("funding", HOLDOUT_FUNDINGS),
                       ("dates", HOLDOUT_DATES), ("decoration", HOLDOUT_DECORATIONS)):
        assert new[kind] <= held, kind
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    for kind, table in _MANIFEST_TABLE.items():
        assert not new[kind] & set(manifest["variants"][table]), table
    held = _drawn(_held_plans())
    dev = _drawn([m for split, seed in _BOTH_SPLITS if split == "dev" for m in _plan(split, 300, seed)])
    for kind in new:
        assert new[kind] <= held[kind], (kind, new[kind] - held[kind])
        assert not new[kind] & dev[kind], (kind, new[kind] & dev[kind])
    for split, seed in _BOTH_SPLITS:
        mails = _plan(split, 300, seed)
        shown = hv24.holdout_emails(mails)
        assert (0.3 * len(mails) <= shown <= 0.65 * len(mails)) if split == "heldout" else shown == 0, (seed, shown)


def test_twenty_fourth_set_leaves_held_out_draws_where_it_does_not_stand() -> None:
    """draw_variant: a held-out draw is the one the earlier sets left (the same number of the
    generator, the same digits of it) unless one of the twenty-fourth set's own takes the place of a
    draw of an option of no set from the third to the twenty-third, at about that set's share of
    those, by a hash of the key."""
    from benchmarks.gencorpus import holdout_variants_21 as hv21
    from benchmarks.gencorpus import holdout_variants_22 as hv22
    from benchmarks.gencorpus import holdout_variants_23 as hv23
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.forms import HOLDOUT_LAYOUTS, LAYOUTS, draw_variant

    layouts = list(LAYOUTS)
    before = HOLDOUT_LAYOUTS - frozenset(hv24.LAYOUTS)
    without = [lay for lay in layouts if lay not in hv24.LAYOUTS]
    a, b = random.Random(17), random.Random(17)
    ours = 0
    for k in range(4000):
        got = draw_variant(a, layouts, HOLDOUT_LAYOUTS, True, key=f"A-{k}")
        was = draw_variant(b, without, before, True, key=f"A-{k}")
        if got in hv24.LAYOUTS:
            ours += 1
            assert was in hv24.TAKEN_FROM, was  # (no draw of a set from the third to the twenty-third moves)
        else:
            assert got == was
    base = [lay for lay in without if lay in hv24.TAKEN_FROM]
    total = len(without) - len(before) + sum(m.weight(lay) for m in (hv21, hv22, hv23) for lay in m.LAYOUTS)
    theirs = sum(hv24.weight(lay) for lay in hv24.LAYOUTS)
    share = len(base) / total * theirs / (len(base) + theirs)
    assert abs(ours / 4000 - share) < 0.03, (ours, share)


def test_twenty_fourth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import LAYOUTS, _V, category_text

    assert hv24._NO_MARK_LAYOUTS | hv24._PLAIN_LAYOUTS <= set(LAYOUTS)
    assert hv24.PER_FILE | hv24.VALUE_DECORATIONS == set(hv24.DECORATIONS) == set(hv24.DECORATION_ODDS)
    assert set(hv24._WAY_FORMATS) == hv24.PER_FILE and hv24.DAY_DATES == set(hv24.DATES)
    short = [_app(aid=f"A-{k}", start=date(2024, 5, 1), end=date(2024, 12, 31)) for k in range(24)]
    assert {hv24.period_text(a, "to_the_hour") for a in short} == {
        "2024年5月1日0时至2024年12月31日24时", "自2024年5月1日零时起至2024年12月31日24时止",
        "2024年5月1日0时起至2024年12月31日24时止"}
    station = _app(subcategory="学会服务站建设")
    listed = category_text(station, "macrobutton_box")
    assert listed.count("[mb:1]") == 1 and "[mb:1]学会服务站建设" in listed and "[mb:0]学术交流" in listed
    assert plain(listed).count("☑") == 1 and hv24.mark("macrobutton_box", "学会服务站建设") == "☑学会服务站建设"
    assert hv24.checkbox_for("macrobutton_box", station, _look(layout="table_screenshot")) in hv24._STAND_INS
    assert hv24.stacked("申请经费（万元）①") == "申\n请\n经\n费\n（万元）①" and hv24.stacked("项目名称") == "项\n目\n名\n称"
    app = _app(contact_email="lina2023@163.com")

    def typed(a: App, *decos: str, **kw: Any) -> Any:
        return _V(a, _look(value_decos=decos, decorations=decos, **kw))

    assert typed(app, "org_rating").org in {"湖南省测试学会" + r for r in hv24._RATINGS}
    assert typed(app, "project_guide_note").project in ("测试学术年会（高端学术活动）", "测试学术年会（高端学术活动类）")
    assert typed(app, "contact_wechat_id").contact in ("李娜（微信：lina2023）", "李娜 微信号：lina2023",
                                                       "李娜（微信号lina2023）")
    assert hv24.wechat_id(_app(contact_email="123456@qq.com")).startswith("wxid_")
    # (The rating before the template's （盖章）; none for a unit no society; no note for an item without one.)
    sealed = typed(app, "org_rating", org_deco="seal").org
    assert sealed.startswith(hv24.marker("org_rating", app)) and sealed.endswith("（盖章）"), sealed
    city = _app(applicant_type="市州科协", applicant_org="长沙市科协")
    assert typed(city, "org_rating").org == "长沙市科协"
    assert typed(_app(subcategory="科技创新联盟建设"), "project_guide_note").project == "测试学术年会"
    assert typed(_app(subcategory="学会制度机制建设"), "project_guide_note").project == "测试学术年会（定向委托）"


def test_twenty_fourth_set_files_are_what_their_tools_write() -> None:
    """A .docx as Word for the web packages it (the main part renamed, the document as it was); a PDF
    whose signed pages were scanned and merged back (the pages before them text, the rest pictures)."""
    from pypdf import PdfReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas as pdfcanvas

    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="2024年湖南省光学学术年会")
    docx = build_docx(form_blocks(app, _look()), app.contact_name)
    sent = hv24.docx_sent(docx, ("docx_main_part_renamed",))
    assert hv24.main_part(docx) == "word/document.xml" and hv24.main_part(sent) == "word/document2.xml"
    with zipfile.ZipFile(io.BytesIO(sent)) as zf:
        names = set(zf.namelist())
        assert "word/document.xml" not in names and {"word/document2.xml", "word/_rels/document2.xml.rels"} <= names
        assert b'PartName="/word/document2.xml"' in zf.read("[Content_Types].xml")
    assert _docx_all_text(sent) == _docx_all_text(docx)  # (it opens as it was)
    assert hv24.docx_sent(docx, ()) == docx
    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    raw = io.BytesIO()
    c = pdfcanvas.Canvas(raw)
    for text in ("一、基本情况 项目名称：2024年湖南省光学学术年会", "二、项目主要内容", "四、申报单位意见 同意申报。"):
        c.setFont(font, 14)
        c.drawString(72, 700, text)
        c.showPage()
    c.save()
    pdf = raw.getvalue()
    assert hv24.signed_page(pdf) == 2
    merged = PdfReader(io.BytesIO(hv24.pdf_sent(pdf, ("pdf_signed_pages_merged",), app.aid, app.applicant_org)))
    assert len(merged.pages) == 3
    assert "2024年湖南省光学学术年会" in merged.pages[0].extract_text()
    assert not merged.pages[2].extract_text().strip() and merged.pages[2].images
    assert hv24.pdf_sent(pdf, (), app.aid, app.applicant_org) == pdf


def test_twenty_fourth_set_truth_stays_clean_and_is_drawn_where_it_shows() -> None:
    """The truth of a form is its planned application (the period's days whatever hours it names; the
    unit without its rating, the project without the guide's note, the contact without the WeChat
    ID); the set's mark only where options are text, each decoration of a value only where the value
    shows it, each way of sending a file only for its format, one a file, none with a way it is not
    sent with."""
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    for m in _held_plans():
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            fields = _fields(f)
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("contact_name", f.app.contact_name), ("contact_email", f.app.contact_email)):
                assert fields[key] == value, key
            if f.look.dates in hv24.DATES:
                assert (fields["start_date"], fields["end_date"]) == (f.app.start.isoformat(), f.app.end.isoformat())
            if f not in sent:
                assert not set(f.look.decorations) & hv24.PER_FILE
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen |= decos | {box, layout, f.look.dates}
            assert len(decos & hv24.PER_FILE) <= 1, decos
            for way in decos & hv24.PER_FILE:
                assert f.fmt in hv24._WAY_FORMATS[way] and not hv24._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if not decos & hv24.VALUE_DECORATIONS and box not in hv24.CHECKBOXES and layout not in hv24.LAYOUTS:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv24.CHECKBOXES:
                assert layout not in hv24._NO_MARK_LAYOUTS and hv24.mark(box, f.app.subcategory) in shown, layout
            for d in decos & hv24.VALUE_DECORATIONS:
                assert hv24.marker(d, f.app) in shown, (d, layout)
            if layout == "leader_bio":
                assert "项目负责人简介" in shown
    assert _twenty_fourth_names() <= seen, _twenty_fourth_names() - seen


def _twenty_fourth_doc(layout: str, **kw: Any) -> Any:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
               subcategory="学会服务站建设", contact_email="lina@163.com")
    return build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)


def test_stacked_labels_leader_bio_and_macrobutton_boxes() -> None:
    data = _twenty_fourth_doc("stacked_char_labels", checkbox="macrobutton_box", dates="to_the_hour")
    table = Document(io.BytesIO(data)).tables[0]
    rows = {r.cells[0].text: r.cells[1].text for r in table.rows}
    assert rows["项\n目\n名\n称"] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站"
    assert rows["项\n目\n负\n责\n人"] == "王伟" and rows["负\n责\n人\n手\n机"] == "13800000000"
    assert "0时" in rows["起\n止\n时\n间"] and "24时" in rows["起\n止\n时\n间"]
    # (The boxes are fields: their glyphs in the instructions, none in the text.)
    assert "☑" not in rows["项\n目\n类\n别"] and "学会服务站建设" in rows["项\n目\n类\n别"]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert xml.count("MACROBUTTON CheckIt ☑") == 2 and "MACROBUTTON CheckIt ☐" in xml
    doc = Document(io.BytesIO(_twenty_fourth_doc("leader_bio")))
    texts = [p.text for p in doc.paragraphs]
    assert "（二）项目负责人简介" in texts and [t for t in texts if t.startswith("王伟，理事长，") and "手机：13800000000" in t]
    assert [t for t in texts if t.startswith("联系人：李娜") and "电子邮箱：lina@163.com" in t]
    labels = {r.cells[0].text for r in doc.tables[0].rows}
    assert "项目名称" in labels and not {"项目负责人", "负责人手机", "电子邮箱"} & labels


def test_twenty_fourth_set_variants_show_in_the_written_files(heldout23: Path) -> None:
    """The twenty-third set's held-out corpus (seed 1) sends both of this set's ways: a .docx whose
    main part is word/document2.xml, holding the form's values; a PDF whose signed pages are scans."""
    from pypdf import PdfReader

    from benchmarks.gencorpus import holdout_variants_24 as hv24

    rows = [r for r in _truth(heldout23) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(heldout23)
    seen: set[str] = set()
    for row in rows:
        decos = set(row["tags"].get("decorations", [])) & hv24.PER_FILE
        if not decos:
            continue
        parts = _attachments(msgs[row["message_id"]])
        forms = [parts[f["sha256"]] for f in row["files"] if f["role"] == "form" and not f.get("in_zip")
                 and not f.get("in_body") and f["sha256"] in parts]
        if "docx_main_part_renamed" in decos:
            renamed = [d for d in forms if d[:2] == b"PK" and hv24.main_part(d) == "word/document2.xml"]
            assert renamed
            if "scan_in_docx" not in row["tags"]["decorations"]:
                assert _flat(row["fields"]["leader_name"]) in _flat(_package_text(renamed[0]))
        if "pdf_signed_pages_merged" in decos:
            merged = [PdfReader(io.BytesIO(d)) for d in forms if d[:5] == b"%PDF-"]
            assert merged and merged[0].pages[-1].images and not merged[0].pages[-1].extract_text().strip()
        seen |= decos
    assert seen == hv24.PER_FILE, seen

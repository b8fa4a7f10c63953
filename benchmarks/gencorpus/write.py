"""Render a planned corpus and write the sample's folder layout."""

from __future__ import annotations

import hashlib
import io
import json
import random
import tempfile
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from benchmarks.gencorpus import pools
from benchmarks.gencorpus.build import (
    DOCX_MIME, FORMATS, FormPlan, MailPlan, Planner, plan_corpus,
)
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
from benchmarks.gencorpus import holdout_variants_25 as hv25
from benchmarks.gencorpus.docmodel import build_docx
from benchmarks.gencorpus.mailquirks import gbk_rfc2231, name_only
from benchmarks.gencorpus.holdout_variants_7 import pen_ticks
from benchmarks.gencorpus.forms import (
    CHECKBOXES, DATES, DAY_DATES, DECORATIONS, FUNDINGS, HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_DECORATIONS,
    HOLDOUT_FUNDINGS, HOLDOUT_LAYOUTS, LAYOUTS, NO_TYPE_LAYOUTS, form_blocks,
)
from benchmarks.gencorpus.media import (
    encrypt_docx, encrypt_pdf, photos, scan_pdf, seven_zip, soffice_batch, zip_utf8,
)
from benchmarks.gencorpus.rules import form_findings
from shenbao.demo.forms import Attachment as SupportDoc
from shenbao.demo.forms import build_attachment_docx
from shenbao.demo.mail import build_eml
from shenbao.demo.workspace import gbk_zip

FIELD_KEYS = ("project_name", "category", "subcategory", "applicant_org", "applicant_type", "lead_org",
              "partner_orgs", "leader_name", "leader_phone", "contact_name", "contact_phone", "contact_email",
              "funding_wan", "start_date", "end_date")
_MIME = {"pdf": "application/pdf", "docx": DOCX_MIME, "doc": "application/msword", "wps": "application/kswps",
         "jpg": "image/jpeg", "zip": "application/x-zip-compressed", "7z": "application/x-7z-compressed",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "tif": "image/tiff",
         # (the seventeenth set's)
         "ofd": "application/ofd", "rar": "application/x-rar-compressed", "png": "image/png", **hv17.TEMPLATE_MIMES,
         **hv18.MIMES}  # (and the eighteenth set's)
NEED_PDF = frozenset({"pdf", "scan_pdf", "photo_jpg", "enc_pdf_pw"})
NEED_DOC = frozenset({"doc", "wps"})


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stem(form: FormPlan, n: int) -> str:
    return f"f{n:04d}"


def render(planner: Planner, mails: list[MailPlan], work: Path) -> None:
    """Fill every mail's attachments and truth file list (LibreOffice in two batches)."""
    docx: dict[str, bytes] = {}
    htmls: dict[str, bytes] = {}  # forms a 申报系统 exported as HTML
    keyed: list[tuple[MailPlan, FormPlan, str]] = []
    n = 0
    for m in mails:
        for k, f in enumerate(m.forms):
            if f.fmt == "none" or hv13.merged_second(m, k):  # (a second form's pages are in the first's file)
                continue
            n += 1
            stem = _stem(f, n)
            compact = f.fmt in ("scan_pdf", "photo_jpg")
            blocks = form_blocks(f.app, f.look, compact=compact)
            if "body_fields_sigpage" in f.look.decorations:  # (the fields are in the body: the signed page alone)
                blocks = hv15.signature_blocks(f.app)
            looks: tuple[Any, ...] = (f.look,)
            if hv13.merged_second(m, k + 1):
                blocks = hv13.merged_blocks(blocks, form_blocks(m.forms[1].app, m.forms[1].look, compact=compact))
                looks += (m.forms[1].look,)
            if "body_html_form" in f.look.decorations:  # copied into the mail's body, not attached
                m.pasted = hv13.pasted_html(blocks, hv13.PASTE_NOTE)
                m.body = f"{hv13.PASTE_NOTE}\n\n{hv13.pasted_text(blocks)}"
            docx[stem] = hv15.finished(build_docx(blocks, f.app.contact_name), *looks)
            if hv12.as_html(f.look.decorations):
                htmls[stem] = hv12.word_html(blocks, f.app.project_name)
            elif hv16.as_mht(f.look.decorations):  # (the sixteenth set's: Word's single-file web page)
                htmls[stem] = hv16.mht(hv12.word_html(blocks, f.app.project_name))
            keyed.append((m, f, stem))
    # (A Word file sent with the scan of its printout is printed too, and so is one holding only its scans.)
    printed = [(f, s) for m, f, s in keyed if f.fmt in NEED_PDF or hv11.scanned_too(f.look.decorations)
               or "scan_in_docx" in f.look.decorations or hv16.printed_too(f.look.decorations)]
    pdfs = soffice_batch({s: docx[s] for f, s in printed if not hv13.drawn_pdf(f.look) and not hv14.drawn_pdf(f.look)},
                         "pdf", work)
    # (A 申报系统's PDF is its own drawing, not a print of the .docx; a spreadsheet's print is Calc's.)
    pdfs |= {s: hv13.system_pdf(f.app, f.look) for m, f, s in keyed if hv13.drawn_pdf(f.look)}
    pdfs |= hv14.sheet_pdfs({s: (f.app, f.look) for m, f, s in keyed if hv14.drawn_pdf(f.look)}, work)
    for m, f, s in keyed:  # (the Word file that holds only the scans of its stamped printout)
        if "scan_in_docx" in f.look.decorations:
            rng = random.Random(f"{planner.base}-{m.key}-{s}-scanned")
            docx[s] = hv14.scanned_docx(pdfs[s], rng, f.app.applicant_org, f.app.contact_name)
    docs = soffice_batch({s: docx[s] for m, f, s in keyed if f.fmt in NEED_DOC and s not in htmls
                          and not hv15.export_kind(f.look.decorations)}, "doc", work)
    # (The fifteenth set's: a .doc name on RTF or on a Word 2003 XML document.)
    docs |= hv15.exports({s: (docx[s], str(hv15.export_kind(f.look.decorations))) for m, f, s in keyed
                          if f.fmt in NEED_DOC and hv15.export_kind(f.look.decorations)}, work)
    by_mail: dict[str, list[tuple[FormPlan, str]]] = {}
    for m, f, s in keyed:
        by_mail.setdefault(m.key, []).append((f, s))
    for m in mails:
        rng = random.Random(f"{planner.base}-{m.key}-files")
        for f, s in by_mail.get(m.key, []):
            _attach(m, f, docx[s], pdfs.get(s), docs.get(s), rng, htmls.get(s))
        if hv15.tnef_sent(m):  # (Outlook's rich text: the files inside winmail.dat)
            hv15.pack_tnef(m)
        if m.forwarded is not None:
            hv10.forward(m)


def _support(name: str) -> bytes:
    title = name.rsplit(".", 1)[0]
    return build_attachment_docx(SupportDoc(title, ("（略）", "详见纸质材料。")))


def _attach(m: MailPlan, f: FormPlan, docx: bytes, pdf: bytes | None, doc: bytes | None,
            rng: random.Random, html: bytes | None = None) -> None:
    name = f.filename
    named_by_program = "app_default_names" in f.look.decorations
    taken = {str(x["name"]) for x in m.files}
    if named_by_program and f.fmt != "photo_jpg":
        name = hv10.unique(hv10.sent_name(f.fmt, f.app.aid, m.sent_at), taken)
    extras = [(e, _support(e)) for e in f.extra]

    def add(fname: str, data: bytes, ext: str, role: str, **more: Any) -> None:
        m.attachments.append((fname, data, _MIME[ext]))
        m.files.append({"name": fname, "sha256": _sha(data), "role": role, **more})

    fmt = f.fmt
    misnamed = "misnamed_ext" in f.look.decorations
    added_from = len(m.attachments)  # (the form's own files start here)
    if "body_html_form" in f.look.decorations:  # pasted into the body (write_corpus puts it there)
        pass
    elif fmt == "docx" and hv15.sent_as_sheet(f.look):  # the form kept in a workbook, sent as it is
        add(hv15.sheet_name(name), hv15.sheet_row_xlsx(f.app, f.look), "xlsx", "form")
    elif fmt == "docx" and misnamed:  # the name says Word 97; a mail client types it by its name
        add(hv11.misnamed(name), docx, "doc", "form")
    elif fmt == "docx" and "template_saved" in f.look.decorations:  # (the seventeenth set's: a template's name)
        add(*hv17.template(name, docx, f.app.aid), "form")
    elif fmt == "docx":  # (the eighteenth set's: an extension twice or upper-case; the nineteenth set's: Strict OOXML)
        # (The twentieth set's: editing restricted, or the name cut short.)
        # (The held-out sets': members stored, or a second download's name; saved by WPS, or the
        # notice's annex number before the name; saved with its fonts, or a version in the name; packaged by
        # Word for the web; marked final.)
        add(hv22.sent_name(hv23.sent_name(hv21.sent_name(hv20.sent_name(hv18.sent_name(
            name, f.look.decorations, "docx", f.app.aid), f.look.decorations, f.app.aid), f.look.decorations,
            f.app.aid), f.look.decorations, f.app.aid), f.look.decorations, f.app.aid),
            hv24.docx_sent(hv21.docx_sent(hv22.docx_sent(hv23.docx_sent(hv20.docx_sent(
                hv19.docx_sent(hv25.docx_sent(docx, f.look.decorations), f.look.decorations), f.look.decorations,
                f.app.aid), f.look.decorations,
                f.app.aid), f.look.decorations, f.app.aid), f.look.decorations), f.look.decorations), "docx", "form")
    elif fmt == "pdf" and "ofd_export" in f.look.decorations:  # (the seventeenth set's: OFD in place of the PDF)
        assert pdf is not None
        add(hv17.ofd_name(name), hv17.ofd(hv14.printed(pdf, f.look.decorations), f.app.project_name,
                                          f.app.contact_name, m.sent_at), "ofd", "form")
    elif fmt == "pdf":
        assert pdf is not None
        # (The nineteenth set's: restricted by an owner password, or e-sealed in an incremental update.)
        # (The twentieth set's: exported as pictures, or the name cut short; the held-out sets': a
        # second download's name, or the notice's annex number before the name, or a version in it; its
        # signed pages scanned and merged back; its Word file attached in a PDF editor.)
        add(hv22.sent_name(hv23.sent_name(hv21.sent_name(hv20.sent_name(hv18.sent_name(
            name, f.look.decorations, "pdf", f.app.aid), f.look.decorations, f.app.aid), f.look.decorations,
            f.app.aid), f.look.decorations, f.app.aid), f.look.decorations, f.app.aid),
            hv20.pdf_sent(hv19.pdf_sent(hv25.pdf_sent(hv24.pdf_sent(hv14.printed(pdf, f.look.decorations),
                                                                      f.look.decorations, f.app.aid,
                                                                      f.app.applicant_org),
                                                      docx, f.look.decorations, f.app.project_name),
                                        f.look.decorations, f.app.aid, f.app.applicant_org, m.sent_at),
                          f.look.decorations), "pdf", "form")
    elif fmt in ("scan_pdf", "photo_jpg") and hv15.own_scan(f.look.decorations):
        assert pdf is not None  # (the fifteenth set's ways of scanning and photographing)
        for fname, data, ext in hv15.scan_files(f, pdf, rng, name, m.sent_at):
            add(fname, data, ext, "form", accept_roles=["form", "attachment"])
    elif fmt == "scan_pdf":
        assert pdf is not None
        scanned = scan_pdf(hv14.printed(pdf, tuple(d for d in f.look.decorations if d == "two_up_print")), rng,
                           f.app.applicant_org, pen_ticks(f.app, f.look.checkbox), "turned_page" in f.look.decorations,
                           "pages_reversed" in f.look.decorations, style=hv14.scan_style(f.look.decorations),
                           rings=hv14.pen_rings(f.app, f.look.checkbox), pen=hv15.pen_marks(f.app, f.look.checkbox))
        # (The nineteenth set's: scanned duplex, a blank back after every page.)
        add(name, hv19.scan_sent(scanned, f.look.decorations, f.app.aid), "pdf", "form")
    elif fmt == "photo_jpg" and "pages_png" in f.look.decorations:  # (the seventeenth set's: pages as pictures)
        assert pdf is not None
        for k, data in enumerate(hv17.page_pngs(pdf), 1):
            add(hv17.png_name(name, k, f.app.aid), data, "png", "form", accept_roles=["form", "attachment"])
    elif fmt == "photo_jpg":
        assert pdf is not None
        shots = photos(pdf, rng, f.app.applicant_org, pen_ticks(f.app, f.look.checkbox),
                       "turned_page" in f.look.decorations, "pages_reversed" in f.look.decorations,
                       rings=hv14.pen_rings(f.app, f.look.checkbox), keystone="keystone_photo" in f.look.decorations,
                       pen=hv15.pen_marks(f.app, f.look.checkbox))
        stamp = rng.randint(100000, 999999)
        for k, data in enumerate(shots, 1):
            shot = f"IMG_20240{rng.randint(410, 429)}_{stamp + k}.jpg"
            if named_by_program:
                shot = hv10.unique(hv10.sent_name(fmt, f.app.aid, m.sent_at, k), taken)
            if "body_pictures" in f.look.decorations:  # pasted into the body: inline parts, no attachment
                m.inline.append(shot)
                add(shot, data, "jpg", "form", accept_roles=["form", "attachment"], inline=True)
            elif "photos_webp" in f.look.decorations:  # (the eighteenth set's: the photos saved as WebP)
                add(hv18.photo_name(shot), hv18.webp(data), "webp", "form", accept_roles=["form", "attachment"])
            else:
                add(shot, data, "jpg", "form", accept_roles=["form", "attachment"])
    elif fmt == "doc" and html is not None:  # a 申报系统's 导出Word: HTML under the .doc name
        add(name.rsplit(".", 1)[0] + ".doc", html, "doc", "form")
    elif fmt == "doc" and misnamed:
        assert doc is not None
        add(hv11.misnamed(name.rsplit(".", 1)[0] + ".doc"), doc, "docx", "form")
    elif fmt in ("doc", "wps"):
        assert doc is not None
        add(name.rsplit(".", 1)[0] + "." + fmt, doc, fmt, "form")
    elif fmt in ("zip_utf8", "zip_gbk", "7z"):
        folder = rng.choice(("", "申报材料/", f"{f.app.applicant_org}/"))
        # (The sixteenth set's: the form's PDF in the archive in place of the Word file.)
        form_name, form_data = hv16.archived_form(name, docx, pdf, f.look.decorations)
        members = [(folder + form_name, form_data), *((folder + e, d) for e, d in extras)]
        extras = []
        inner: list[tuple[str, bytes]] = []
        if "nested_archive" in f.look.decorations:  # the unit's own .zip inside the archive sent
            inner = [(hv14.inner_archive_name(f.app), gbk_zip(members) if fmt == "zip_gbk" else zip_utf8(members))]
        # (The seventeenth set's: Word's owner file packed with the form, listed in no truth.)
        packed = (inner or members) + hv17.packed_junk(folder, form_name, f)
        ext = "7z" if fmt == "7z" else "zip"
        if "archive_password" in f.look.decorations:  # (locked; the password in the mail's body)
            assert m.password
            archive: bytes | None = hv15.locked_archive(packed, m.password, fmt)
        elif "macos_zip" in f.look.decorations:  # (the sixteenth set's: zipped on a Mac)
            archive = hv16.mac_zip(packed)
        elif "rar_archive" in f.look.decorations:  # (the seventeenth set's: packed with WinRAR)
            archive, ext = hv17.rar(packed, m.sent_at), "rar"
        elif "tar_gz_archive" in f.look.decorations:  # (the eighteenth set's: a 国产 desktop's archive manager)
            archive, ext = hv18.tar_gz(packed, m.sent_at), "tar.gz"
        elif "zip_streamed" in f.look.decorations and fmt != "7z":  # (the twentieth set's: a web drive's stream)
            archive = hv20.streamed_zip(packed, fmt == "zip_gbk")
        elif "zip_bzip2" in f.look.decorations and fmt != "7z":  # (the nineteenth set's: BZip2 or LZMA members)
            archive = hv19.other_method_zip(packed, fmt == "zip_gbk", f.app.aid)
        else:
            archive = (zip_utf8(packed) if fmt == "zip_utf8" else gbk_zip(packed) if fmt == "zip_gbk"
                       else seven_zip(packed))
        if archive is None:  # no 7z tool: send a zip instead
            archive, ext = zip_utf8(packed), "zip"
        aname = f"{f.app.applicant_org}-{f.app.project_name}.{ext}"
        # (The eighteenth set's: a 7z under a .zip name, or the archive in volumes.)
        for vname, vdata, vext in hv18.archive_files(aname, archive, ext, f.look.decorations):
            add(vname, vdata, vext, "form", accept_roles=["form", "attachment"])
        for mname, data in inner:
            m.files.append({"name": mname, "sha256": _sha(data), "role": "form", "accept_roles": ["form", "attachment"],
                            "in_zip": True})
        for mname, data in members:
            m.files.append({"name": mname, "sha256": _sha(data), "role": "form" if mname.endswith(form_name) else
                            "attachment", "in_zip": True})
    elif fmt == "enc_docx_pw":
        assert m.password
        add(name, encrypt_docx(docx, m.password), "docx", "form")
    elif fmt == "enc_pdf_pw":
        assert m.password and pdf is not None
        add(name.rsplit(".", 1)[0] + ".pdf", encrypt_pdf(pdf, m.password), "pdf", "form")
    elif fmt == "enc_docx_nopw":
        add(name, encrypt_docx(docx, str(rng.randint(100000, 999999))), "docx", "unreadable")
    else:
        raise ValueError(fmt)
    if "attached_twice" in f.look.decorations:  # the same file added to the mail a second time
        first, data, mime = m.attachments[-1]
        again = hv13.twice_name(first, f.app.aid)
        m.attachments.append((again, data, mime))
        m.files.append({"name": again, "sha256": _sha(data), "role": "form", "accept_roles": ["form", "attachment"]})
    if hv11.scanned_too(f.look.decorations):  # the stamped printout's scan, beside the Word file
        assert pdf is not None
        scan = (hv10.unique(hv10.sent_name("scan_pdf", f.app.aid, m.sent_at), taken) if named_by_program
                else hv11.scan_name(name, f.app.aid))
        add(scan, scan_pdf(pdf, rng, f.app.applicant_org), "pdf", "form", accept_roles=["form", "attachment"])
    if "word_and_pdf" in f.look.decorations:  # (the sixteenth set's: the Word file's PDF beside it)
        assert pdf is not None
        add(hv16.pdf_name(name), pdf, "pdf", "form", accept_roles=["form", "attachment"])
    if "no_extension_name" in f.look.decorations:  # (the sixteenth set's: a name without its extension)
        hv16.no_extension(m, f, added_from)
    for e, d in extras:
        add(e, d, "docx", "attachment")


# ---------------------------------------------------------------------------- paper and truth

def _ym(d: date, day: bool) -> str:
    return d.isoformat() if day else f"{d.year}-{d.month:02d}"


def _typed_date(rng: random.Random, d: date) -> date | str:
    r = rng.random()
    if r < 0.55:
        return d
    return rng.choice((f"{d.year}.{d.month}.{d.day}", f"{d.month}月{d.day}日", d.isoformat(), f"{d.year}/{d.month}/{d.day}",
                       f"{d.year}年{d.month}月{d.day}日"))


def _typed_org(rng: random.Random, f: FormPlan) -> str:
    app = f.app
    if app.partners and rng.random() < 0.7:
        return "、".join((app.applicant_org, *app.partners))
    r = rng.random()
    if r < 0.2 and app.applicant_org.startswith("湖南省"):
        return app.applicant_org.replace("湖南省", "省", 1)
    if r < 0.3 and app.applicant_org.startswith("湖南省"):
        return app.applicant_org.removeprefix("湖南省")
    if r < 0.35:
        return app.applicant_org + "（盖章）"
    return app.applicant_org


def _typed_project(rng: random.Random, name: str) -> str:
    r = rng.random()
    if r < 0.1:
        return f"《{name}》"
    if r < 0.2:
        return name + "项目"
    return name


class Paper:
    def __init__(self, planner: Planner) -> None:
        self.rng = random.Random(planner.base + 99_991)
        self.rows: list[dict[str, Any]] = []  # with clean and typed values
        self.guide = planner.guide

    def receipt(self, f: FormPlan | None, org: str, project: str, *, prob_late: float) -> dict[str, Any]:
        rng = self.rng
        late = rng.random() < prob_late
        if late:
            post = date(2024, 5, rng.randint(1, 4))
        else:
            post = date(2024, 4, rng.randint(12, 30))
        recv = post + timedelta(days=rng.randint(1, 4))
        postmark: date | None = post if rng.random() > 0.1 else None
        copies = rng.choices((3, 2, 4, 5, 1), (85, 6, 4, 3, 2))[0]
        row = {"aid": f.app.aid if f else None, "copies": copies, "received": recv, "postmark": postmark,
               "org_typed": _typed_org(rng, f) if f else org, "project_typed": _typed_project(rng, project),
               "received_typed": _typed_date(rng, recv), "postmark_typed": _typed_date(rng, postmark) if postmark else None,
               "handler": rng.choice(("刘敏", "周婷", "陈晓")), "note": rng.choice(("", "", "", "顺丰", "EMS", "补交"))}
        self.rows.append(row)
        return row

    def number(self) -> None:
        self.rows.sort(key=lambda r: (r["received"], r["org_typed"]))
        for k, r in enumerate(self.rows, 1):
            r["id"] = f"P-{k:03d}"

    def late(self, r: dict[str, Any]) -> bool:
        day = r["postmark"] or r["received"]
        return bool(day > self.guide.paper_deadline)

    def block(self, r: dict[str, Any] | None) -> dict[str, Any]:
        if r is None:
            return {"copies": 0, "receipt_ids": [], "received_on": None, "postmarked_on": None}
        return {"copies": r["copies"], "receipt_ids": [r["id"]], "received_on": r["received"].isoformat(),
                "postmarked_on": r["postmark"].isoformat() if r["postmark"] else None}


def _fields(f: FormPlan) -> dict[str, Any]:
    app, look = f.app, f.look
    day = look.dates in DAY_DATES or look.layout == "split_dates" and look.dates in DAY_DATES
    return {
        "project_name": app.project_name, "category": app.category, "subcategory": app.subcategory,
        "applicant_org": app.applicant_org, "applicant_type": app.applicant_type,
        "lead_org": app.applicant_org if app.partners and app.roles_stated else None,
        "partner_orgs": list(app.partners), "leader_name": app.leader_name, "leader_phone": app.leader_phone,
        "contact_name": app.contact_name, "contact_phone": app.contact_phone, "contact_email": app.contact_email,
        "funding_wan": float(app.funding_wan), "start_date": _ym(app.start, day), "end_date": _ym(app.end, day),
    }


def _codes(codes: list[str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for c in codes:
        if c.startswith("MISSING_FIELD:"):
            out.append({"code": "MISSING_FIELD", "field": c.split(":", 1)[1]})
        else:
            out.append({"code": c})
    return out


def write_corpus(out: Path, split: str, count: int, seed: int = 0) -> dict[str, Any]:
    planner, mails = plan_corpus(split, count, seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "mail").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gencorpus-") as tmp:
        render(planner, mails, Path(tmp))
    guide = planner.guide
    paper = Paper(planner)
    by_key = {m.key: m for m in mails}
    superseded_by = {m.supersedes: m for m in mails if m.supersedes}
    receipts: dict[str, dict[str, Any]] = {}
    prob_late = 0.08 if split == "dev" else 0.1
    for m in mails:
        for f in m.forms:
            if f.version != "current" or f.fmt in ("none", "enc_docx_nopw"):
                continue
            if paper.rng.random() < 0.88:
                receipts[f.app.aid] = paper.receipt(f, f.app.applicant_org, f.app.project_name, prob_late=prob_late)
    paper_only = []
    for _ in range(max(2, count // 50)):
        rng = paper.rng
        kind = rng.choice(("省级学会", "省级学会", "高校科协"))
        org = planner.org(rng, kind)
        item = rng.choice(("学术交流", "学会服务站建设"))
        project = planner.project(rng, item, org)
        r = paper.receipt(None, org, project, prob_late=0.3)
        paper_only.append((r, org, project))
    paper.number()

    truth: list[dict[str, Any]] = []
    manifest_msgs: list[dict[str, Any]] = []
    for idx, m in enumerate(mails, 1):
        fname = f"mail/{idx:04d}.eml"
        sent = m.sent_at.astimezone(timezone.utc) if "date_utc" in m.quirks else m.sent_at
        hv17.shared_subject(m)  # (the seventeenth set's: a phone's share menu names the mail by its file)
        hv20.gateway(m)  # (the twentieth set's: the recipient's gateway marks the subject and the body)
        eml = build_eml(sender=m.sender, sender_name=m.sender_name, subject=m.subject, body=m.body,
                        attachments=m.attachments, date=sent, message_id=m.message_id, client_style=m.client,
                        received_at=m.received_at,
                        extra_headers=(("Auto-Submitted", "auto-replied"),) if m.scenario == "auto_reply" else m.headers)
        if "name_only" in m.quirks:
            eml = name_only(eml)
        if "gbk_rfc2231" in m.quirks:
            eml = gbk_rfc2231(eml)
        if hv16.mail_decorations(m):  # (the sixteenth set's: Apple Mail's inline files, a body in HTML only)
            eml = hv16.mail_ways(eml, hv16.mail_decorations(m))
        if "signature_logo" in hv17.mail_decorations(m):  # (the seventeenth set's: a signature's logo)
            eml = hv17.with_logo(eml, m)
        if "split_encoded_words" in hv18.mail_decorations(m):  # (the eighteenth set's: words cut by bytes)
            eml = hv18.split_words(eml)
        if "base64_one_line" in hv19.mail_decorations(m):  # (the nineteenth set's: base64 on one line)
            eml = hv19.one_line_base64(eml)
        if m.inline:
            eml = hv12.inline_pictures(eml, m.inline)
        if m.pasted is not None:  # the form in the body's HTML, the plain text part its text
            eml, shown = hv13.paste_body(eml, m.pasted)
            m.files.append({"name": "邮件正文.html", "sha256": _sha(shown), "role": "form", "in_body": True})
        if any("raw_8bit_headers" in f.look.decorations for f in m.forms):  # (the fourteenth set's)
            eml = hv14.raw_headers(eml)
        if any("body_fields_sigpage" in f.look.decorations for f in m.forms):  # (the fifteenth set's)
            m.files.append(hv15.body_file(eml))
        if m.forwarded is not None:
            eml = hv10.rfc822_inline(eml)
        (out / fname).write_bytes(eml)
        rows = _mail_truth(m, planner, paper, receipts, superseded_by, by_key)
        ids = []
        for row in rows:
            row["truth_id"] = f"T-{len(truth) + 1:04d}"
            ids.append(row["truth_id"])
            truth.append(row)
        f0 = m.forms[0] if m.forms else None
        manifest_msgs.append({
            "file": fname, "internaldate": m.received_at.isoformat(), "message_id": m.message_id,
            "client": m.client, "scenario": m.scenario, "quirks": m.quirks,
            "format": f0.fmt if f0 and f0.fmt != "none" else None,
            "layout": f0.look.layout if f0 and f0.fmt not in ("none", "enc_docx_nopw") else None,
            "truth_ids": ids,
            "notes": (f"{f0.app.subcategory} / {f0.app.applicant_org} / {f0.look.layout} / {f0.fmt} / "
                      f"{f0.problem or 'clean'} [client {m.client}]") if f0 else f"other: {m.scenario} [client {m.client}]",
        })
    for r, org, project in paper_only:
        codes = ["ELECTRONIC_MISSING"] + (["LATE_PAPER"] if paper.late(r) else [])
        truth.append({
            "kind": "application", "electronic": False, "message_id": None, "received_at": None, "sender": None,
            "subject": None, "fields": {"project_name": project, "applicant_org": org}, "paper": paper.block(r),
            "findings": _codes(codes), "tolerated": ["MISSING_FIELD:*"], "superseded_by": None,
            "unscored": ["fields", "sender", "subject"],
            "tags": {"scenario": "paper_only", "quirks": [], "format": "paper_only",
                     "paper_status": "late" if paper.late(r) else "ok"},
            "truth_id": f"T-{len(truth) + 1:04d}"})
    (out / "truth.jsonl").write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in truth), encoding="utf-8")
    (out / "receipts.xlsx").write_bytes(_ledger(paper))
    (out / "history.xlsx").write_bytes(_history(planner))
    rules = {"year": 2024, "electronic_deadline": guide.electronic_deadline.isoformat(),
             "electronic_deadline_basis": "IMAP INTERNALDATE (server receipt time), not the Date header",
             "paper_deadline": guide.paper_deadline.isoformat(),
             "paper_deadline_basis": "postmark date (邮戳日期) on or before this day; without a postmark, the received date (收件日期)",
             "paper_copies_required": guide.copies, "end_date_limit": guide.end_limit.isoformat(),
             "repeat_window_years": [2022, 2023],
             "mailbox": {"user": "shenbao", "password": "sample-pass", "folder": "INBOX", "address": "hnkxxhb@126.com"}}
    (out / "rules.json").write_text(json.dumps(rules, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    manifest = _manifest(split, seed, planner, manifest_msgs, truth, paper)
    if split == "heldout":  # (how many mails show a variant of the held-out sets' own)
        manifest["counts"]["emails_with_holdout_variant"] = hv23.holdout_emails(
            mails, HOLDOUT_LAYOUTS | HOLDOUT_CHECKBOXES | HOLDOUT_FUNDINGS | HOLDOUT_DATES | HOLDOUT_DECORATIONS)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def _mail_truth(m: MailPlan, planner: Planner, paper: Paper, receipts: dict[str, dict[str, Any]],
                superseded_by: dict[str, MailPlan], by_key: dict[str, MailPlan]) -> list[dict[str, Any]]:
    guide = planner.guide
    top = {"electronic": True, "message_id": m.message_id, "received_at": m.received_at.isoformat(),
           "sender": m.sender, "subject": m.subject}
    if not m.forms:
        return [{"kind": "other", **top, "fields": None, "paper": None, "findings": [], "tolerated": [],
                 "superseded_by": None, "unscored": ["fields", "paper"], "files": m.files,
                 "tags": {"scenario": m.scenario, "quirks": m.quirks, "client": m.client}}]
    late = m.received_at > guide.electronic_deadline
    rows = []
    for f in m.forms:
        if f.fmt in ("none", "enc_docx_nopw"):
            codes = ["NO_FORM"] + (["UNREADABLE_FILE"] if f.fmt == "enc_docx_nopw" else [])
            rows.append({"kind": "application", **top, "fields": {k: None for k in FIELD_KEYS},
                         "paper": paper.block(None), "findings": _codes(codes),
                         "tolerated": ["PAPER_MISSING", "MISSING_FIELD:*"], "superseded_by": None,
                         "unscored": ["kind", "fields"], "files": m.files,
                         "tags": {"scenario": m.scenario, "quirks": m.quirks, "client": m.client,
                                  "format": None if f.fmt == "none" else f.fmt}})
            continue
        codes, tolerated = form_findings(f.app, guide, f.repeat_of is not None)
        if late:
            codes.insert(0, "LATE_ELECTRONIC")
        r = receipts.get(f.app.aid)
        paper_status = "ok"
        if f.version == "current":
            if r is None:
                codes.append("PAPER_MISSING")
                paper_status = "missing"
            else:
                if r["copies"] < guide.copies:
                    codes.append("PAPER_SHORT")
                    paper_status = "short"
                if paper.late(r):
                    codes.append("LATE_PAPER")
                    paper_status = "late"
        unscored: list[str] = []
        if f.look.layout in NO_TYPE_LAYOUTS:
            unscored.append("applicant_type")
        if f.app.partners and not f.app.roles_stated:
            unscored += ["applicant_org", "partner_orgs"]
        tags: dict[str, Any] = {"layout": f.look.layout, "checkbox": f.look.checkbox, "funding_format": f.look.funding,
                "date_format": "split_cells" if f.look.layout == "split_dates" else f.look.dates,
                "format": f.fmt, "client": m.client, "quirks": m.quirks, "scenario": m.scenario,
                "version": f.version, "problems": sorted({c.split(":")[0] for c in codes}),
                "paper_status": paper_status, "decorations": list(f.look.decorations)}
        if f.repeat_of:
            tags["repeat_of"] = list(f.repeat_of)
        row: dict[str, Any] = {"kind": "application", **top, "fields": _fields(f)}
        if f.version == "superseded":
            later = superseded_by[m.key]
            tol = sorted(set(tolerated) | {c for c in codes} | {"LATE_PAPER", "PAPER_MISSING", "PAPER_SHORT"})
            row.update({"paper": paper.block(None), "findings": [{"code": "SUPERSEDED"}], "tolerated": tol,
                        "superseded_by": later.message_id, "unscored": ["paper", *unscored]})
        else:
            row.update({"paper": paper.block(r), "findings": _codes(codes), "tolerated": tolerated,
                        "superseded_by": None, "unscored": unscored})
        row.update({"files": m.files, "tags": tags, "aid": f.app.aid})
        rows.append(row)
    return rows


def _ledger(paper: Paper) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "纸质件登记"
    ws.append(("登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注"))
    for r in paper.rows:
        ws.append((r["id"], r["received_typed"], r["postmark_typed"], r["org_typed"], r["project_typed"],
                   r["copies"], r["handler"], r["note"] or None))
        for cell in ws[ws.max_row][1:3]:
            if isinstance(cell.value, (date, datetime)):
                cell.number_format = "yyyy-mm-dd"
    raw = io.BytesIO()
    wb.save(raw)
    return raw.getvalue()


def _history(planner: Planner) -> bytes:
    rng = random.Random(planner.base + 77_777)
    rows = list(planner.history)
    # Funded projects of units that are not in this corpus, in wording no application uses.
    for _ in range(25):
        year = rng.choice((2022, 2023))
        org = planner.org(rng, rng.choice(("省级学会", "省级学会", "省级学会", "高校科协")))
        name = rng.choice((f"{org.removeprefix('湖南省')}科学素质提升行动", f"{rng.choice(pools.CITIES)}青少年科技夏令营",
                           f"{rng.choice(pools.INDUSTRIES)}实用技术进村入户培训"))
        rows.append((year, org, name, rng.choice(("学术交流", "学会服务站建设"))))
    # Continuing and designated items funded before are not repeats (the guide exempts them).
    rows.append((2023, "湖南省企业科协联合会", "“科创中国”湖南中心建设与运营（2023年度）", "“科创中国”湖南中心建设与运营"))
    rows.append((2023, "衡阳市科协", "衡阳市“科创中国”试点城市建设", "“科创中国”试点城市建设"))
    rows.sort(key=lambda r: (r[0], r[1]))
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "已立项项目"
    ws.append(("年度", "申报单位", "项目名称", "项目类别"))
    for row in rows:
        ws.append(row)
    raw = io.BytesIO()
    wb.save(raw)
    planner.history = rows
    return raw.getvalue()


def _variants(table: dict[str, str], holdout: frozenset[str], split: str) -> dict[str, dict[str, Any]]:
    """The variants a split can draw: dev's manifest does not name held-out ones (it stays what
    it was, and tuning on dev learns nothing of them)."""
    return {k: {"holdout_only": k in holdout, "desc": v} for k, v in table.items()
            if split == "heldout" or k not in holdout}


def _manifest(split: str, seed: int, planner: Planner, msgs: list[dict[str, Any]], truth: list[dict[str, Any]],
              paper: Paper) -> dict[str, Any]:
    apps = [t for t in truth if t["kind"] == "application" and t["electronic"]]

    def by(key: str) -> dict[str, int]:
        return dict(Counter(str(t["tags"][key]) for t in apps if t["tags"].get(key) is not None))

    findings = Counter(f["code"] for t in truth for f in t["findings"])
    return {
        "count": len(msgs), "split": split, "seed": seed, "seed_range": [planner.base, planner.base + 99_999],
        "deadlines": {"electronic": planner.guide.electronic_deadline.isoformat(),
                      "paper_postmark": planner.guide.paper_deadline.isoformat()},
        "variants": {"format": _variants(FORMATS, frozenset(), split),
                     "layout": _variants(LAYOUTS, HOLDOUT_LAYOUTS, split),
                     "checkbox": _variants(CHECKBOXES, HOLDOUT_CHECKBOXES, split),
                     "funding_format": _variants(FUNDINGS, HOLDOUT_FUNDINGS, split),
                     "date_format": _variants(DATES, HOLDOUT_DATES, split),
                     "decoration": _variants(DECORATIONS, HOLDOUT_DECORATIONS, split)},
        "messages": msgs,
        "receipts": [{"id": r["id"], "aid": r["aid"], "copies": r["copies"], "received": r["received"].isoformat(),
                      "postmark": r["postmark"].isoformat() if r["postmark"] else None} for r in paper.rows],
        "history_rows": [{"year": y, "applicant_org": o, "project_name": n, "subcategory": s}
                         for y, o, n, s in planner.history],
        "counts": {
            "emails": len(msgs), "truth_rows": len(truth), "application_rows": len(apps),
            "other_rows": sum(t["kind"] == "other" for t in truth),
            "paper_only_rows": sum(not t["electronic"] for t in truth), "receipts": len(paper.rows),
            "history_rows": len(planner.history),
            "by_format": by("format"), "by_layout": by("layout"), "by_checkbox": by("checkbox"),
            "by_funding_format": by("funding_format"), "by_date_format": by("date_format"),
            "by_decoration": dict(Counter(d for t in apps for d in t["tags"].get("decorations", []))),
            "by_client": dict(Counter(m["client"] for m in msgs)),
            "by_scenario": dict(Counter(m["scenario"] for m in msgs)),
            "by_finding": dict(findings),
        },
    }

"""The generalisation corpus generator's twenty-fifth held-out set: drawn by held-out only, in the
place of no earlier set's draw, written into the files, the truth left clean."""

from __future__ import annotations

import email
import email.policy
import functools
import hashlib
import importlib
import io
import json
import random
import re
import unicodedata
import zipfile
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.oxml.ns import qn

from benchmarks.gencorpus import holdout_variants_25 as hv25
from benchmarks.gencorpus.build import plan_corpus
from benchmarks.gencorpus.forms import App
from benchmarks.gencorpus.write import write_corpus

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------------------- helpers (as test_gencorpus.py's)

@functools.cache
def _plan(split: str, count: int, seed: int) -> list[Any]:
    return plan_corpus(split, count, seed=seed)[1]


_BOTH_SPLITS = (("heldout", 1), ("heldout", 32), ("dev", 5), ("dev", 9))


def _held_plans() -> list[Any]:
    return [m for split, seed in _BOTH_SPLITS if split == "heldout" for m in _plan(split, 300, seed)]


def _app(**kw: Any) -> App:
    base: dict[str, Any] = dict(
        aid="A-1", project_name="测试学术年会", subcategory="学术交流", applicant_org="湖南省测试学会",
        applicant_type="省级学会", leader_name="王伟", leader_post="理事长", leader_phone="13800000000",
        contact_name="李娜", contact_phone="0731-84000000", contact_email="a@b.cn", funding_wan=8.0,
        start=date(2024, 5, 1), end=date(2024, 12, 1), approval_text="经第五届理事会第二次会议审议通过。",
        city_review_text="")
    base.update(kw)
    return App(**base)


def _look(**kw: Any) -> Any:
    from benchmarks.gencorpus.forms import Look

    base: dict[str, Any] = dict(layout="header_row", checkbox="ballot", funding="wan", dates="cn_month", cover=False)
    base.update(kw)
    return Look(**base)


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


def _docx_all_text(data: bytes) -> str:
    """Every paragraph's text, those of tables nested in cells too, each w:t once in its own paragraph."""
    doc = Document(io.BytesIO(data))
    out = []
    for p in doc.element.body.iter(qn("w:p")):
        out.append("".join(t.text or "" for t in p.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is p))
    return "\n".join(out)


def _flat(text: str) -> str:
    return re.sub(r"[\u200b\u2060\u00ad\ufeff]|\s|\u3000|[\ufe00-\ufe0f]", "", unicodedata.normalize("NFKC", text))


def _pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


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
    out: dict[str, bytes] = {}
    for part in msg.walk():
        if part.get_content_maintype() == "multipart" or part.get_filename() is None:
            continue
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            out[hashlib.sha256(data).hexdigest()] = data
    return out


_APP = dict(applicant_org="湖南省光学学会", project_name="服务江华瑶族自治县黑茶产业高质量发展学会服务站",
            subcategory="学会服务站建设", contact_email="lina@163.com", end=date(2024, 12, 31))


def _doc(layout: str, **kw: Any) -> bytes:
    from benchmarks.gencorpus.docmodel import build_docx
    from benchmarks.gencorpus.forms import form_blocks

    app = _app(**_APP)
    return build_docx(form_blocks(app, _look(layout=layout, **kw)), app.contact_name)


# ---------------------------------------------------------------------------- the draws

def test_twenty_fifth_set_is_drawn_by_held_out_only() -> None:
    """Held-out only: dev never draws one, held-out draws every one, in a fair share of its mails;
    the split's held-out tables name them."""
    from benchmarks.gencorpus.forms import (
        HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_DECORATIONS, HOLDOUT_FUNDINGS, HOLDOUT_LAYOUTS,
    )

    new = _variant_names(hv25)
    assert (len(new["layout"]), len(new["checkbox"]), len(new["funding"]), len(new["dates"])) == (2, 1, 0, 1)
    assert len(hv25.VALUE_DECORATIONS) == 3 and len(hv25.PER_FILE) == 2 and not hv25.PER_MAIL
    assert hv25.NAMES == set().union(*new.values())
    assert not hv25.NAMES & hv25.EARLIER  # (new: no name of an earlier set's)
    for kind, held in (("layout", HOLDOUT_LAYOUTS), ("checkbox", HOLDOUT_CHECKBOXES), ("funding", HOLDOUT_FUNDINGS),
                       ("dates", HOLDOUT_DATES), ("decoration", HOLDOUT_DECORATIONS)):
        assert new[kind] <= held, kind
    drawn = _drawn(_held_plans())
    dev = _drawn([m for split, seed in _BOTH_SPLITS if split == "dev" for m in _plan(split, 300, seed)])
    for kind in new:
        assert new[kind] <= drawn[kind], (kind, new[kind] - drawn[kind])
        assert not new[kind] & dev[kind], (kind, new[kind] & dev[kind])
    for split, seed in _BOTH_SPLITS:
        mails = _plan(split, 300, seed)
        shown = hv25.holdout_emails(mails)
        assert (0.2 * len(mails) <= shown <= 0.5 * len(mails)) if split == "heldout" else shown == 0, (seed, shown)


def test_twenty_fifth_set_leaves_every_earlier_draw_where_it_does_not_stand() -> None:
    """draw_variant: a held-out draw is the one the earlier sets left unless one of the twenty-fifth
    set's own takes the place of a draw of an option of no set from the third to the twenty-fourth,
    at about that set's share of those; the twenty-fourth set's draws all stay."""
    from benchmarks.gencorpus import holdout_variants_24 as hv24
    from benchmarks.gencorpus.forms import CHECKBOXES, DATES, HOLDOUT_CHECKBOXES, HOLDOUT_DATES, HOLDOUT_LAYOUTS, \
        LAYOUTS, draw_variant

    for table, held, mine in ((LAYOUTS, HOLDOUT_LAYOUTS, hv25.LAYOUTS), (CHECKBOXES, HOLDOUT_CHECKBOXES, hv25.CHECKBOXES),
                              (DATES, HOLDOUT_DATES, hv25.DATES)):
        options = list(table)
        before = held - frozenset(mine)
        without = [o for o in options if o not in mine]
        a, b = random.Random(23), random.Random(23)
        ours = theirs24 = 0
        for k in range(4000):
            got = draw_variant(a, options, held, True, key=f"A-{k}")
            was = draw_variant(b, without, before, True, key=f"A-{k}")
            if got in mine:
                ours += 1
                assert was not in hv25.EARLIER, was  # (no draw of a set from the third to the twenty-fourth moves)
            else:
                assert got == was
            theirs24 += got in hv24.NAMES
        base = [o for o in without if o in hv25.TAKEN_FROM and o not in held]
        assert ours > 0 and theirs24 > 0
        if table is LAYOUTS:  # (each option weighs 1: the share is the set's weight among those it stands for)
            sets = [importlib.import_module(f"benchmarks.gencorpus.holdout_variants_{n}") for n in (21, 22, 23, 24)]
            total = len(without) - len(before) + sum(m.weight(o) for m in sets for o in m.LAYOUTS)
            # (the share of draws left to the options of no set, after the twenty-fourth took its own)
            left = len(base) / total * (1 - sum(hv24.weight(o) for o in hv24.LAYOUTS)
                                        / (len(base) + sum(hv24.weight(o) for o in hv24.LAYOUTS)))
            mine_w = sum(hv25.weight(o) for o in mine)
            share = left * mine_w / (len(base) + mine_w)
            assert abs(ours / 4000 - share) < 0.03, (ours, share)
    # Dev never reaches the held-out sets' places: its draw is the generator's choice.
    dev = [o for o in LAYOUTS if o not in HOLDOUT_LAYOUTS]
    a, b = random.Random(7), random.Random(7)
    assert [draw_variant(a, dev, HOLDOUT_LAYOUTS, False) for _ in range(200)] == [b.choice(dev) for _ in range(200)]


def test_twenty_fifth_set_is_deterministic() -> None:
    """The same plan twice: the same looks (each draw of this set a hash of the application's key)."""
    first = [(f.app.aid, f.look) for m in plan_corpus("heldout", 80, seed=61)[1] for f in m.forms]
    again = [(f.app.aid, f.look) for m in plan_corpus("heldout", 80, seed=61)[1] for f in m.forms]
    assert first == again
    assert hv25.draw_numbers("A-1-docx-layout", 0.25) == hv25.draw_numbers("A-1-docx-layout", 0.25)
    assert hv25.draw_numbers("A-1-docx-layout", 0.25) != hv25.draw_numbers("A-2-docx-layout", 0.25)


# ---------------------------------------------------------------------------- the values

def test_twenty_fifth_set_values_as_people_type_them() -> None:
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import LAYOUTS, _V, category_text, type_text

    assert hv25._NO_MARK_LAYOUTS | hv25._PLAIN_LAYOUTS <= set(LAYOUTS)
    assert hv25.PER_FILE | hv25.VALUE_DECORATIONS == set(hv25.DECORATIONS) == set(hv25.DECORATION_ODDS)
    assert set(hv25._WAY_FORMATS) == hv25.PER_FILE and hv25.DAY_DATES == set(hv25.DATES)
    # The period's days in Chinese numerals, the zero as 〇, ○ or 零.
    assert [hv25.cn_number(n) for n in (1, 9, 10, 11, 12, 20, 21, 30, 31)] == [
        "一", "九", "十", "十一", "十二", "二十", "二十一", "三十", "三十一"]
    apps = [_app(aid=f"A-{k}", start=date(2024, 5, 1), end=date(2024, 12, 31)) for k in range(40)]
    texts = {hv25.period_text(a, "cn_numeral_days") for a in apps}
    assert "二〇二四年五月一日至二〇二四年十二月三十一日" in texts
    assert "自二○二四年五月一日起至二○二四年十二月三十一日止" in texts
    assert "二零二四年五月一日—二零二四年十二月三十一日" in texts
    assert all(re.fullmatch(r"自?二[〇○零]二四年五月一日(起至|至|—)二[〇○零]二四年十二月三十一日止?", t) for t in texts)
    across = hv25.period_text(_app(start=date(2024, 3, 15), end=date(2025, 2, 28)), "cn_numeral_days")
    assert re.fullmatch(r"自?二[〇○零]二四年三月十五日(起至|至|—)二[〇○零]二五年二月二十八日止?", across), across
    # Each option answered 是/否 with boxes: a ☑ on every option, under 是 for the chosen one only.
    station = _app(subcategory="学会服务站建设")
    listed = plain(category_text(station, "yes_no_boxes"))
    assert "学会服务站建设（是☑ 否□）" in listed and "学术交流（是□ 否☑）" in listed
    assert listed.count("是☑") == 1 and listed.count("否☑") == listed.count("（是") - 1
    assert plain(type_text(station, "yes_no_boxes")).count("是☑") == 1
    assert "省级学会（是☑ 否□）" in plain(type_text(station, "yes_no_boxes"))
    assert hv25.mark("yes_no_boxes", "学会服务站建设") == "学会服务站建设（是☑ 否□）"
    assert hv25.checkbox_for("yes_no_boxes", station, _look(layout="table_screenshot")) in hv25._STAND_INS
    assert hv25.checkbox_for("yes_no_boxes", station, _look(layout="header_row")) == "yes_no_boxes"

    def typed(a: App, *decos: str, **kw: Any) -> Any:
        return _V(a, _look(value_decos=decos, decorations=decos, **kw))

    app = _app()
    org = typed(app, "org_host_unit").org
    assert org == hv25.marker("org_host_unit", app) and re.fullmatch(
        r"湖南省测试学会（(挂靠单位：|挂靠|业务挂靠：)[^（）]+）", org), org
    sealed = typed(app, "org_host_unit", org_deco="seal").org
    assert sealed.startswith(hv25.marker("org_host_unit", app)) and sealed.endswith("（盖章）"), sealed
    assert typed(_app(applicant_type="市州科协", applicant_org="长沙市科协"), "org_host_unit").org == "长沙市科协"
    assert typed(app, "name_sign_note").name in ("王伟（签字）", "王伟（签名）", "王伟（本人签字）")
    assert typed(app, "name_sign_note", name_deco="post_paren").name == "王伟（理事长）"  # (none after a post)
    assert re.fullmatch(r"测试学术年会（(推荐排序：|排序第|本单位推荐第)[123]项?）", typed(app, "project_rank_note").project)
    # (After the name's quotation marks; none where a footnote follows it.)
    assert hv25.end_of("“测试学术年会”", "测试学术年会") == len("“测试学术年会”")
    assert hv25.end_of("[sq]《测试学术年会》[/sq]", "测试学术年会") == len("[sq]《测试学术年会》[/sq]")
    assert hv25.end_of("测试学术年会[fn:项目名称须与公章一致。]", "测试学术年会") is None
    assert hv25.end_of("测试学术年会（不超过30字）", "测试学术年会") is None


def test_twenty_fifth_set_truth_stays_clean_and_is_drawn_where_it_shows() -> None:
    """The truth of a form is its planned application (the period's days whatever numerals name them;
    the unit without its host, the leader without （签字）, the project without its ranking); the mark
    only where options are text, each decoration of a value only where the value shows it, each way
    of sending a file only for its format, one a file, none with a way it is not sent with."""
    from benchmarks.gencorpus.docmodel import plain
    from benchmarks.gencorpus.forms import form_blocks
    from benchmarks.gencorpus.write import _fields

    seen: set[str] = set()
    for m in _held_plans():
        sent = [f for f in m.forms if f.fmt not in ("none", "enc_docx_nopw")]
        for f in m.forms:
            fields = _fields(f)
            for key, value in (("project_name", f.app.project_name), ("applicant_org", f.app.applicant_org),
                               ("leader_name", f.app.leader_name), ("contact_name", f.app.contact_name)):
                assert fields[key] == value, key
            if f.look.dates in hv25.DATES:
                assert (fields["start_date"], fields["end_date"]) == (f.app.start.isoformat(), f.app.end.isoformat())
            if f not in sent:
                assert not set(f.look.decorations) & hv25.PER_FILE
        for f in sent:
            decos = set(f.look.decorations)
            layout, box = f.look.layout, f.look.checkbox
            seen |= decos | {box, layout, f.look.dates}
            assert len(decos & hv25.PER_FILE) <= 1, decos
            for way in decos & hv25.PER_FILE:
                assert f.fmt in hv25._WAY_FORMATS[way] and not hv25._CONFLICTS[way] & decos, (way, f.fmt, decos)
            if not decos & hv25.VALUE_DECORATIONS and box not in hv25.CHECKBOXES and layout not in hv25.LAYOUTS \
                    and f.look.dates not in hv25.DATES:
                continue
            shown = plain(repr(form_blocks(f.app, f.look, compact=f.fmt in ("scan_pdf", "photo_jpg")))
                          .replace("\\n", "\n"))
            if box in hv25.CHECKBOXES:
                assert layout not in hv25._NO_MARK_LAYOUTS and hv25.mark(box, f.app.subcategory) in shown, layout
            for d in decos & hv25.VALUE_DECORATIONS:
                assert hv25.marker(d, f.app) in shown, (d, layout)
            if f.look.dates in hv25.DATES:
                assert "年" in shown and hv25.cn_number(f.app.end.day) + "日" in shown
    assert set(hv25.NAMES) <= seen, set(hv25.NAMES) - seen


# ---------------------------------------------------------------------------- the forms

def test_nested_value_cells_hold_each_value_in_a_pasted_cell() -> None:
    data = _doc("nested_value_cells", checkbox="yes_no_boxes", dates="cn_numeral_days")
    table = Document(io.BytesIO(data)).tables[0]
    rows = {}
    for r in table.rows:
        label, cell = r.cells[0], r.cells[1]
        nested = cell.tables
        assert len(nested) == 1 and len(nested[0].rows) == 1 and len(nested[0].columns) == 1, label.text
        assert not "".join(p.text for p in cell.paragraphs).strip()  # (the value is in the pasted cell only)
        rows[label.text] = nested[0].cell(0, 0).text
    assert rows["项目名称"] == "服务江华瑶族自治县黑茶产业高质量发展学会服务站"
    assert rows["申报单位"] == "湖南省光学学会" and rows["项目负责人"] == "王伟"
    assert rows["负责人手机"] == "13800000000" and rows["电子邮箱"] == "lina@163.com"
    assert "学会服务站建设（是☑ 否□）" in rows["项目类别"] and "学术交流（是□ 否☑）" in rows["项目类别"]
    assert re.fullmatch(r"自?二[〇○零]二四年五月一日(起至|至|—)二[〇○零]二四年十二月三十一日止?", rows["起止时间"])


def test_merged_value_rows_keep_labels_apart_and_values_one_to_a_line() -> None:
    data = _doc("merged_value_rows")
    doc = Document(io.BytesIO(data))
    table = doc.tables[0]
    labels = [r.cells[0].text for r in table.rows]
    for group in hv25.PEOPLE_GROUPS:
        assert [lab for lab in labels if lab in group] == list(group)
    tcs = table._tbl.tr_lst
    merged = {}
    for tr in tcs:
        tc = tr.tc_lst[1]
        vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        label = "".join(t.text or "" for t in tr.tc_lst[0].iter(qn("w:t")))
        merged[label] = None if vm is None else (vm.get(qn("w:val")) or "continue")
    assert merged["项目负责人"] == "restart" and merged["负责人手机"] == "continue"
    assert merged["项目联系人"] == "restart" and merged["联系电话"] == merged["电子邮箱"] == "continue"
    assert merged["项目名称"] is None and merged["申报单位"] is None
    lead = table.rows[labels.index("项目负责人")].cells[1]
    assert [p.text for p in lead.paragraphs] == ["王伟", "13800000000"]
    contact = table.rows[labels.index("项目联系人")].cells[1]
    assert [p.text for p in contact.paragraphs] == ["李娜", "0731-84000000", "lina@163.com"]


def test_twenty_fifth_set_layouts_print_their_values() -> None:
    """LibreOffice's PDF of each layout holds the values as text (what a careful reader reads)."""
    import tempfile

    from benchmarks.gencorpus.media import soffice_batch

    docs = {lay: _doc(lay, checkbox="yes_no_boxes", dates="cn_numeral_days") for lay in hv25.LAYOUTS}
    with tempfile.TemporaryDirectory() as work:
        pdfs = soffice_batch(docs, "pdf", Path(work))
    for lay, pdf in pdfs.items():
        text = _flat(_pdf_text(pdf))
        for value in ("服务江华瑶族自治县黑茶产业高质量发展学会服务站", "湖南省光学学会", "王伟", "13800000000", "李娜",
                      "0731-84000000", "lina@163.com", "十二月三十一日"):
            assert _flat(value) in text, (lay, value)


def test_twenty_fifth_set_files_are_what_their_tools_write() -> None:
    """A .docx marked final (the document as it was); a PDF with its Word file attached (its pages
    as they were)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas as pdfcanvas

    docx = _doc("header_row")
    final = hv25.docx_sent(docx, ("docx_marked_final",))
    assert hv25.is_marked_final(final) and not hv25.is_marked_final(docx)
    with zipfile.ZipFile(io.BytesIO(final)) as zf:
        assert b"/docProps/custom.xml" in zf.read("[Content_Types].xml")
        assert b"docProps/custom.xml" in zf.read("_rels/.rels")
        assert zf.testzip() is None
    assert _docx_all_text(final) == _docx_all_text(docx)  # (it opens as it was)
    assert hv25.docx_sent(docx, ()) == docx
    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    raw = io.BytesIO()
    c = pdfcanvas.Canvas(raw)
    for text in ("一、基本情况 项目名称：2024年湖南省光学学术年会", "四、申报单位意见 同意申报。"):
        c.setFont(font, 14)
        c.drawString(72, 700, text)
        c.showPage()
    c.save()
    pdf = raw.getvalue()
    sent = hv25.pdf_sent(pdf, docx, ("pdf_source_attached",), "2024年湖南省光学学术年会")
    assert hv25.attachments(sent) == {"2024年湖南省光学学术年会申报书.docx": docx}
    assert _flat(_pdf_text(sent)) == _flat(_pdf_text(pdf))
    assert hv25.pdf_sent(pdf, docx, (), "x") == pdf and not hv25.attachments(pdf)


# ---------------------------------------------------------------------------- a written held-out corpus

# (Seed 8 sends both ways of this set's in 30 mails, and one of its layouts as a PDF.)
HELDOUT25_SEED, HELDOUT25_COUNT = 8, 30


@pytest.fixture(scope="module")
def heldout25(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("heldout25")
    write_corpus(out, "heldout", HELDOUT25_COUNT, seed=HELDOUT25_SEED)
    return out


def test_twenty_fifth_set_variants_show_in_the_written_files(heldout25: Path) -> None:
    """The held-out corpus: a .docx marked final holding the form's values; a PDF carrying the Word
    file; this set's layouts' PDFs holding their values as text; the manifest naming the set's
    variants as held-out only."""
    manifest = json.loads((heldout25 / "manifest.json").read_text(encoding="utf-8"))
    flagged = {k for table in manifest["variants"].values() for k, v in table.items() if v["holdout_only"]}
    assert hv25.NAMES <= flagged
    rows = [r for r in _truth(heldout25) if r["electronic"] and r["kind"] == "application"]
    msgs = _messages(heldout25)
    seen: set[str] = set()
    for row in rows:
        tags = row["tags"]
        decos = set(tags.get("decorations", []))
        parts = _attachments(msgs[row["message_id"]])
        forms = [parts[f["sha256"]] for f in row["files"] if f["role"] == "form" and not f.get("in_zip")
                 and f["sha256"] in parts]
        if "docx_marked_final" in decos:
            final = [d for d in forms if d[:2] == b"PK" and hv25.is_marked_final(d)]
            assert final, row["fields"]["project_name"]
            if "scan_in_docx" not in decos:  # (a .docx of the printout's scans holds no text)
                assert _flat(row["fields"]["leader_name"]) in _flat(_docx_all_text(final[0]))
            seen.add("docx_marked_final")
        if "pdf_source_attached" in decos:
            pdfs = [d for d in forms if d[:5] == b"%PDF-"]
            assert pdfs
            carried = hv25.attachments(pdfs[0])
            assert len(carried) == 1
            name, word = next(iter(carried.items()))
            assert name.endswith(".docx") and _flat(row["fields"]["leader_name"]) in _flat(_docx_all_text(word))
            seen.add("pdf_source_attached")
        if tags.get("layout") in hv25.LAYOUTS and tags.get("format") == "pdf":
            pdfs = [d for d in forms if d[:5] == b"%PDF-"]
            if pdfs and not decos & {"pdf_image_export", "no_tounicode", "two_up_print"}:
                text = _flat(_pdf_text(pdfs[0]))
                for key in ("project_name", "leader_name"):
                    assert _flat(row["fields"][key]) in text, (tags["layout"], key)
                seen.add(tags["layout"])
    assert hv25.PER_FILE <= seen, seen
    assert set(hv25.LAYOUTS) & seen, seen  # (both layouts print their values: test_twenty_fifth_set_layouts_print_their_values)

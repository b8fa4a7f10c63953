"""The corpus generator's twenty-first to twenty-fourth held-out sets. That a written corpus draws
them on held-out only is checked on its corpus, in test_gencorpus_corpus.py."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from benchmarks.gencorpus.forms import App
from benchmarks.gencorpus.write import write_corpus
from tests.benchmarks.gencorpus_helpers import (
    _BOTH_SPLITS, _app, _attachments, _docx_all_text, _flat, _held_plans, _look, _messages, _package_text, _plan,
    _table_rows, _truth, _twenty_fifth_names, _twenty_fourth_names, _twenty_second_names, _twenty_third_names,
    _variant_names,
)

pytestmark = pytest.mark.slow


# ---------------------------------------------------------------------------- the twenty-first held-out set

def _twenty_first_names() -> set[str]:
    from benchmarks.gencorpus import holdout_variants_21 as hv21

    return set().union(*_variant_names(hv21).values())


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
    assert flagged == (_twenty_first_names() | _twenty_second_names() | _twenty_third_names()
                       | _twenty_fourth_names() | _twenty_fifth_names())
    shown = manifest["counts"]["emails_with_holdout_variant"]
    assert 0.4 * manifest["counts"]["emails"] <= shown <= 0.8 * manifest["counts"]["emails"]


# ---------------------------------------------------------------------------- the twenty-second held-out set

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
    from benchmarks.gencorpus import holdout_variants_25 as hv25
    from benchmarks.gencorpus.forms import HOLDOUT_LAYOUTS, LAYOUTS, draw_variant

    # (The held-out layouts as they were before the twenty-third set: its own test reads it on top.)
    later = frozenset(hv23.LAYOUTS) | frozenset(hv24.LAYOUTS) | frozenset(hv25.LAYOUTS)
    layouts = [lay for lay in LAYOUTS if lay not in later]
    held = HOLDOUT_LAYOUTS - later
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
    assert flagged == (_twenty_first_names() | _twenty_second_names() | _twenty_third_names()
                       | _twenty_fourth_names() | _twenty_fifth_names())
    shown = manifest["counts"]["emails_with_holdout_variant"]
    assert 0.4 * manifest["counts"]["emails"] <= shown <= 0.8 * manifest["counts"]["emails"]


# ---------------------------------------------------------------------------- the twenty-third held-out set

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
    from benchmarks.gencorpus import holdout_variants_25 as hv25
    from benchmarks.gencorpus.forms import HOLDOUT_LAYOUTS, LAYOUTS, draw_variant

    # (The held-out layouts as they were before the twenty-fourth set: its own test reads it on top.)
    layouts = [lay for lay in LAYOUTS if lay not in hv24.LAYOUTS and lay not in hv25.LAYOUTS]
    dev = [lay for lay in layouts if lay not in HOLDOUT_LAYOUTS]
    a, b = random.Random(7), random.Random(7)
    assert [draw_variant(a, dev, HOLDOUT_LAYOUTS, False) for _ in range(200)] == [b.choice(dev) for _ in range(200)]
    before = HOLDOUT_LAYOUTS - frozenset(hv23.LAYOUTS) - frozenset(hv24.LAYOUTS) - frozenset(hv25.LAYOUTS)
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
    assert flagged == (_twenty_first_names() | _twenty_second_names() | _twenty_third_names()
                       | _twenty_fourth_names() | _twenty_fifth_names())
    shown = manifest["counts"]["emails_with_holdout_variant"]
    # (Any held-out set's: the twenty-fourth's raised the share.)
    assert 0.4 * manifest["counts"]["emails"] <= shown <= 0.9 * manifest["counts"]["emails"]


# ---------------------------------------------------------------------------- the twenty-fourth held-out set

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

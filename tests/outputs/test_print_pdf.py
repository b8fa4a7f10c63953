"""Acceptance: the 打印 and 形式审查结果汇总表 sheets, printed by LibreOffice, fit A4 landscape with
no text under 9 pt and nothing cut off — checked on the PDF itself."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook

from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Finding, RegisterRow
from tests.outputs.rows import application_row, other_row, paper_only_row

pytestmark = pytest.mark.slow

CST = timezone(timedelta(hours=8))
A4_LANDSCAPE = (842.0, 595.0)
PRINT_HEADER = "编号申报单位项目名称项目类别状态问题纸质件人工备注"
LONG_PROJECT = ("面向湘江流域生态保护与高质量发展的智慧水利关键技术创新、成果转化及多学科交叉融合"
                "高端学术交流大会暨第三届青年科技工作者论坛（2024年度，长沙·株洲·湘潭三地联合举办）")
LONG_NOTE = ("4月30日已电话联系申报单位联系人李四（0731-84567890），对方表示经费超出部分将在5月3日前"
             "重新发送修改后的申报书，并同时补寄纸质版一份；5月2日再次确认，修改稿已在走内部审批流程，"
             "如5月3日仍未收到请直接联系其秘书长王五。")
HUGE_NOTE = "核对记录：" + "，".join(f"第{n}次电话未接通" for n in range(1, 120))


def register_rows() -> list[RegisterRow]:
    base = application_row()
    assert base.fields is not None
    rows = [application_row(fields=base.fields.model_copy(update={"project_name": LONG_PROJECT})),
            other_row(), paper_only_row()]
    many = (
        Finding(code="MISSING_APPROVAL", severity="error", message="缺少本单位党组织或理事会审议意见（申报书第四部分空白）"),
        Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan",
                message="申请经费12万元超出学术交流项目5—10万元/个的范围"),
        Finding(code="PAPER_SHORT", severity="warning", message="纸质版共登记1份（登记号P-031），指南要求一式3份"),
        Finding(code="NEEDS_REVIEW", severity="warning", field="project_name",
                message="项目名称识别置信度低（62%），请对照原件核对"),
    )
    rows += [application_row(f"2024-{n:04d}", findings=many if n % 3 == 0 else base.findings)
             for n in range(10, 34)]
    return rows


def write_with_notes(tmp_path: Path) -> Path:
    """The register written twice, with staff notes typed on 总表 in between (as Excel saves it)."""
    now = datetime(2024, 5, 6, 9, 30, tzinfo=CST)
    path = write_register(register_rows(), tmp_path / "register.xlsx", now=now)
    wb = load_workbook(path)
    ws = wb["总表"]
    header = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        note = {"2024-0007": LONG_NOTE, "2024-0012": HUGE_NOTE}.get(str(ws.cell(r, 1).value))
        if note:
            ws.cell(r, header.index("人工备注") + 1).value = note
            ws.cell(r, header.index("核对状态") + 1).value = "处理中"
    wb.save(path)
    return write_register(register_rows(), path, now=now + timedelta(minutes=10))


def to_pdf(register: Path, tmp_path: Path) -> Path:
    out_dir = tmp_path / "pdf"
    profile = (tmp_path / "profile").as_uri()  # a private profile: a shared one makes soffice exit silently
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), str(register)],
        check=True, capture_output=True, timeout=300,
    )
    pdf = out_dir / f"{register.stem}.pdf"
    if not pdf.exists() and b"could not be loaded" in done.stderr + done.stdout:
        pytest.skip("LibreOffice has no Calc component (package libreoffice-calc-nogui)")
    assert pdf.exists()
    return pdf


def squeeze(text: object) -> str:
    return re.sub(r"\s+", "", str(text))


def boundaries(values: Iterable[float]) -> list[float]:
    """Distinct positions (within 1 pt) in order."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > 1:
            out.append(v)
    return out


def chars_crossing_a_rule(page: Any) -> list[str]:
    """Characters a horizontal cell border runs through: text overflowing its cell (LibreOffice
    draws such text, clipped or over the next row, so it is still in the PDF)."""
    rules = [e for e in page.edges if e["orientation"] == "h"]
    out = []
    for ch in page.chars:
        if not ch["text"].strip():
            continue
        middle = (ch["x0"] + ch["x1"]) / 2
        if any(r["x0"] - 0.5 <= middle <= r["x1"] + 0.5 and ch["top"] + 1 < r["top"] < ch["bottom"] - 1
               for r in rules):
            out.append(ch["text"])
    return out


def overlapping_chars(page: Any) -> list[tuple[str, str]]:
    """Pairs of characters drawn over each other (more than a third of the smaller one)."""
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["top"])
    out = []
    for i, a in enumerate(chars):
        for b in chars[i + 1:]:
            if b["top"] >= a["bottom"]:
                break
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            smaller = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]), (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
            if w > 0 and h > 0 and w * h > smaller / 3:
                out.append((a["text"], b["text"]))
    return out


def column_texts(pages: Sequence[Any]) -> list[str]:
    """The text of each bordered column of the 打印 pages, page after page, squeezed."""
    texts: list[str] = []
    for page in pages:
        xs = boundaries(e["x0"] for e in page.edges if e["orientation"] == "v")
        assert len(xs) == 9, xs  # 8 columns
        for i in range(8):
            crop = page.within_bbox((xs[i] - 0.5, 0, xs[i + 1] + 0.5, page.height))
            if len(texts) <= i:
                texts.append("")
            texts[i] += squeeze(crop.extract_text() or "")
    return texts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_print_sheets_fit_a4_landscape_at_nine_points_or_more_with_nothing_cut_off(tmp_path: Path) -> None:
    register = write_with_notes(tmp_path)
    wb = load_workbook(register)
    printed = [[v for v in row] for row in wb["打印"].iter_rows(min_row=3, values_only=True)]
    signoff = [v for row in wb["形式审查结果汇总表"].iter_rows(values_only=True) for v in row if v is not None]
    note = next(str(row[7]) for row in printed if row[0] == "2024-0007")
    assert LONG_NOTE in note and LONG_PROJECT in [row[2] for row in printed]
    cut = next(str(row[7]) for row in printed if row[0] == "2024-0012")
    assert cut.endswith("……（未完，全文见“总表”）")  # longer than a page: cut, saying so

    with pdfplumber.open(to_pdf(register, tmp_path)) as doc:
        texts = [squeeze(page.extract_text() or "") for page in doc.pages]
        print_pages = [p for p, t in zip(doc.pages, texts) if PRINT_HEADER in t]
        signoff_pages = [p for p, t in zip(doc.pages, texts) if "形式审查结果汇总表" in t and "审核人" in t]
        assert len(print_pages) >= 3  # the header row repeats on every page of 打印
        assert signoff_pages
        for page in [*print_pages, *signoff_pages]:
            assert abs(page.width - A4_LANDSCAPE[0]) <= 2 and abs(page.height - A4_LANDSCAPE[1]) <= 2
            small = {round(c["size"], 1) for c in page.chars if c["size"] < 9}
            assert not small, f"text under 9 pt on page {page.page_number}: {small}"
            assert chars_crossing_a_rule(page) == [], page.page_number
            assert overlapping_chars(page) == [], page.page_number

        columns = column_texts(print_pages)
        for row in printed:
            for index, value in enumerate(row):
                if value is not None:
                    assert squeeze(value) in columns[index], (row[0], index, value)
        drawn = Counter("".join(squeeze(p.extract_text() or "") for p in signoff_pages))
        for value in signoff:
            text = squeeze(value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value)
            assert not Counter(text) - drawn, value

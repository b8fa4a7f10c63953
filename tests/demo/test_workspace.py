"""build_workspace lays out a demo Maildir, ledger, history and settings, idempotently."""

from __future__ import annotations

import email
import io
import tomllib
import zipfile
from email import policy
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from shenbao.demo.workspace import DemoWorkspace, build_workspace, case_to_eml


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    return build_workspace(tmp_path_factory.mktemp("demo"))


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file()}


def parse(path: Path) -> EmailMessage:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def form_text(msg: EmailMessage) -> str:
    """The text of every .docx/.pdf the message carries, zips opened."""
    texts: list[str] = []

    def read(name: str, data: bytes) -> None:
        if name.endswith(".docx"):
            texts.append("\n".join(p.text for p in docx.Document(io.BytesIO(data)).element.body.iter(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")))
        elif name.endswith(".pdf"):
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                texts.append("\n".join(page.extract_text() or "" for page in pdf.pages))
        elif name.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                for info in zf.infolist():
                    read(info.filename, zf.read(info))

    for part in msg.iter_attachments():
        read(part.get_filename() or "", part.get_payload(decode=True))
    return "\n".join(texts)


def test_workspace_holds_twenty_messages_give_or_take_two(workspace: DemoWorkspace) -> None:
    files = sorted((workspace.maildir / "cur").iterdir())
    assert 18 <= len(files) <= 22
    assert len(files) == len(workspace.messages)
    assert not list((workspace.maildir / "new").iterdir()) and not list((workspace.maildir / "tmp").iterdir())


def test_maildir_names_and_mtimes_are_the_server_receipt_times(workspace: DemoWorkspace) -> None:
    for m in workspace.messages:
        stamp = int(m.received_at.timestamp())
        assert m.path.name.startswith(f"{stamp}.") and m.path.name.endswith(":2,S")
        assert int(m.path.stat().st_mtime) == stamp


def test_second_build_leaves_the_same_files_contents_and_mtimes(tmp_path: Path) -> None:
    build_workspace(tmp_path)
    first = snapshot(tmp_path)
    case_to_eml.cache_clear()  # rebuild every form: the bytes themselves must not change
    again = build_workspace(tmp_path)
    assert snapshot(tmp_path) == first
    assert len(again.messages) == len(list((tmp_path / "maildir" / "cur").iterdir()))


def test_stale_demo_messages_go_but_other_files_stay(tmp_path: Path) -> None:
    cur = tmp_path / "maildir" / "cur"
    cur.mkdir(parents=True)
    (cur / "1700000000.OLD.demo:2,S").write_bytes(b"Subject: old\r\n\r\nold\r\n")
    (cur / "1700000001.mine:2,S").write_bytes(b"Subject: kept\r\n\r\nkept\r\n")
    build_workspace(tmp_path)
    names = {p.name for p in cur.iterdir()}
    assert "1700000000.OLD.demo:2,S" not in names and "1700000001.mine:2,S" in names


def test_every_message_parses_and_applications_carry_their_form(workspace: DemoWorkspace) -> None:
    for m in workspace.messages:
        msg = parse(m.path)
        assert msg["Message-ID"] == m.message_id
        text = form_text(msg).replace("\u3000", "").replace(" ", "").replace("\n", "")
        if m.kind == "application":
            assert m.project_name and m.project_name in text, m.key
            assert m.applicant_org and m.applicant_org in text, m.key
        else:
            assert text == "", m.key


def test_gbk_zip_members_have_no_utf8_flag_and_decode_as_gbk(workspace: DemoWorkspace) -> None:
    zipped = [part for m in workspace.messages for part in parse(m.path).iter_attachments()
              if (part.get_filename() or "").endswith(".zip")]
    assert len(zipped) == 1
    with zipfile.ZipFile(io.BytesIO(zipped[0].get_payload(decode=True))) as zf:
        infos = zf.infolist()
        assert all(not info.flag_bits & 0x800 for info in infos)
        names = [info.filename.encode("cp437").decode("gbk") for info in infos]
        assert zf.testzip() is None
    assert "申报材料/湖南省微生物学会-学会服务站建设申报书.docx" in names


def test_lying_date_header_is_earlier_than_the_receipt_time(workspace: DemoWorkspace) -> None:
    late = [m for m in workspace.messages if "LATE_ELECTRONIC" in m.expected_codes]
    assert len(late) == 2
    gaps = [m.received_at - parse(m.path)["Date"].datetime for m in late]
    assert max(g.days for g in gaps) >= 1  # one says 30 April, arrived 2 May
    deadline = "2024-04-30T17:00:00+08:00"
    assert any(parse(m.path)["Date"].datetime.isoformat() < deadline for m in late)


def test_scenarios_cover_the_findings_the_demo_promises(workspace: DemoWorkspace) -> None:
    codes = set().union(*(m.expected_codes for m in workspace.messages))
    assert codes >= {"LATE_ELECTRONIC", "FUNDING_OUT_OF_RANGE", "APPLICANT_NOT_ELIGIBLE", "DESIGNATED_ITEM",
                     "MISSING_APPROVAL", "MISSING_CITY_REVIEW", "MISSING_FIELD", "REPEAT_FUNDED", "SUPERSEDED",
                     "PAPER_MISSING", "PAPER_SHORT"}
    assert {p.expected_codes for p in workspace.paper_only} == {frozenset({"ELECTRONIC_MISSING"})}
    others = [m for m in workspace.messages if m.kind == "other"]
    assert len(others) == 2 and all(not m.expected_codes for m in others)
    superseded = [m for m in workspace.messages if m.superseded_by]
    assert len(superseded) == 1
    assert superseded[0].superseded_by in {m.message_id for m in workspace.messages}
    clean = [m for m in workspace.messages if m.kind == "application" and not m.expected_codes]
    assert len(clean) >= 6
    assert len(workspace.expected_codes_by_message_id()) == len(workspace.messages)


def test_ledger_opens_with_the_clerks_headers_and_one_row_per_receipt(workspace: DemoWorkspace) -> None:
    wb = openpyxl.load_workbook(workspace.receipts)
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0] == ("登记号", "收件日期", "邮戳日期", "申报单位", "项目名称", "份数", "经手人", "备注")
    ids = [r[0] for r in rows[1:]]
    expected = {m.receipt_id for m in workspace.messages if m.receipt_id} | {p.receipt_id for p in workspace.paper_only}
    assert sorted(ids) == sorted(expected) and len(ids) == len(set(ids))
    assert "4月22日" in [r[1] for r in rows[1:]]  # a date typed as text
    assert 2 in [r[5] for r in rows[1:]]  # one receipt short of copies


def test_history_holds_the_project_the_demo_repeats(workspace: DemoWorkspace) -> None:
    wb = openpyxl.load_workbook(workspace.history)
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0] == ("年度", "申报单位", "项目名称", "项目类别")
    assert {r[0] for r in rows[1:]} == {2022, 2023}
    repeat = next(m for m in workspace.messages if "REPEAT_FUNDED" in m.expected_codes)
    assert (2023, repeat.applicant_org, repeat.project_name, repeat.subcategory) in rows


def test_settings_point_at_the_workspace_files(workspace: DemoWorkspace) -> None:
    settings = tomllib.loads(workspace.settings.read_text(encoding="utf-8"))
    assert settings["source"] == {"kind": "maildir", "path": "maildir"}
    paths = settings["paths"]
    assert paths["rules"] == "builtin:guide-2024.toml"
    for key in ("receipts", "history", "data_dir", "output_dir"):
        assert (workspace.settings.parent / paths[key]).exists(), key
    assert settings["deadlines"] == {"electronic": "2024-04-30T17:00:00+08:00", "paper": "2024-04-30",
                                     "paper_grace_days": 3}

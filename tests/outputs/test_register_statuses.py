"""The register says what happens next to every row (可补正, 不予受理, 需人工核对, 正常: the words
of the replies), lists questions as 需答复, and its 待处理 sheet is a to-do list: ordered by what
staff can act on today, with 核对状态 chosen from a list, and emptied by rows staff marked done."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import shenbao.config
from shenbao.intake.classify import other_reason
from shenbao.intake.mime import parse_message
from shenbao.outcome import CASE_STATUS, case_of
from shenbao.outputs.labels_zh import RegisterLabelsError, register_words_from_toml
from shenbao.outputs.register_xlsx import write_register
from shenbao.record import Fields, Finding, PaperMatch, RegisterRow
from tests.outputs.rows import application_row, other_row, paper_only_row

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 29, 17, 0, tzinfo=CST)
DEADLINE = datetime(2024, 4, 30, 17, 0, tzinfo=CST)
AFTER = datetime(2024, 5, 6, 9, 30, tzinfo=CST)

LATE = Finding(code="LATE_ELECTRONIC", severity="error", clause="二、4",
               message="邮件于2024-04-30 17:20到达邮箱服务器，晚于电子版截止时间2024-04-30 17:00（指南二、4）")
NOT_ELIGIBLE = Finding(code="APPLICANT_NOT_ELIGIBLE", severity="error", field="applicant_type",
                       message="申报单位类型为市州科协，不在学术交流项目的申报主体之内")
REPEAT = Finding(code="REPEAT_FUNDED", severity="error", field="project_name",
                 message="与2023年已获支持的项目内容相同，近2年内不得重复申报")
DESIGNATED = Finding(code="DESIGNATED_ITEM", severity="error", field="applicant_org",
                     message="高校科协交流机制建设为定向委托项目")
MISSING_PHONE = Finding(code="MISSING_FIELD", severity="error", field="leader_phone",
                        message="申报书缺少“负责人电话”（或无法识别）")
DOUBT = Finding(code="NEEDS_REVIEW", severity="warning", field="funding_wan", message="“申请经费”识别不确定，请人工核对原件")
PAPER_MISSING = Finding(code="PAPER_MISSING", severity="error", message="纸质件登记簿中没有找到本申报的纸质版")
NO_EMAIL_YET = Finding(code="ELECTRONIC_MISSING", severity="warning", message="收到纸质件，尚未收到电子版申报书")


def at(hour: int) -> datetime:
    """An arrival on 29 April at `hour` o'clock, office time."""
    return datetime(2024, 4, 29, hour, 0, tzinfo=CST)


def app(row_id: str, *findings: Finding, hour: int = 8, **changes: object) -> RegisterRow:
    return application_row(row_id, findings=findings, received_at=at(hour), **changes)


def question_reason() -> str:
    """The reason intake gives a real question mail (a .eml asking where the form is)."""
    msg = EmailMessage()
    msg["From"] = "someone@example.com"
    msg["To"] = "hnkxxhb@126.com"
    msg["Subject"] = "请问申报书模板在哪里下载？"
    msg["Message-ID"] = "<ask-1@example.com>"
    msg.set_content("您好，请问今年学术交流项目的申报书模板在哪里下载？谢谢！")
    reason = other_reason(parse_message(msg.as_bytes()))
    assert reason is not None
    return reason


def question(row_id: str, hour: int) -> RegisterRow:
    return other_row(row_id, other_reason=question_reason(), received_at=at(hour))


def write(tmp_path: Path, rows: Sequence[RegisterRow], **kwargs: object) -> Path:
    options: dict[str, object] = {"now": NOW, "deadline": DEADLINE,
                                  "quotas": {"学术交流": ("2个左右", 2), "学会服务站建设": ("15个左右", 15)}}
    options.update(kwargs)
    return write_register(rows, tmp_path / "register.xlsx", **options)  # type: ignore[arg-type]


def column(ws: Worksheet, title: str) -> int:
    return [c.value for c in ws[1]].index(title) + 1


def ids_on(ws: Worksheet) -> list[str]:
    return [str(ws.cell(r, 1).value) for r in range(2, ws.max_row + 1)]


def statuses(path: Path, sheet: str = "总表") -> dict[str, str]:
    ws = load_workbook(path)[sheet]
    return {str(ws.cell(r, 1).value): str(ws.cell(r, column(ws, "状态")).value) for r in range(2, ws.max_row + 1)}


def type_staff_check(path: Path, sheet: str, values: dict[str, str]) -> None:
    """Staff choose 核对状态 on one sheet and save, as Excel would."""
    wb = load_workbook(path)
    ws = wb[sheet]
    where = column(ws, "核对状态")
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value in values:
            ws.cell(r, where).value = values[str(ws.cell(r, 1).value)]
    wb.save(path)


def test_each_status_comes_from_what_happens_next_to_the_row(tmp_path: Path) -> None:
    rows = [
        app("2024-0001", LATE),
        app("2024-0002", NOT_ELIGIBLE),
        app("2024-0003", REPEAT),
        app("2024-0004", DESIGNATED),
        app("2024-0005", MISSING_PHONE),
        app("2024-0006", DOUBT),
        app("2024-0007", PAPER_MISSING),  # the paper copy is on its way: nothing to do yet
        app("2024-0008", DOUBT, MISSING_PHONE),  # the unit needs the time; the doubt stays with staff
        app("2024-0009", DOUBT, REPEAT),  # a refusal must not rest on a doubtful reading
        question("2024-0010", 9),
        other_row("2024-0011", other_reason="自动回复"),
        paper_only_row("2024-0012", findings=(NO_EMAIL_YET,)),
        paper_only_row("2024-0013"),  # ELECTRONIC_MISSING as an error: the deadline has passed
        app("2024-0014", MISSING_PHONE, superseded_by="2024-0005"),
    ]
    assert statuses(write(tmp_path, rows)) == {
        "2024-0001": "不予受理", "2024-0002": "不予受理", "2024-0003": "不予受理", "2024-0004": "不予受理",
        "2024-0005": "可补正", "2024-0006": "需人工核对", "2024-0007": "正常", "2024-0008": "可补正",
        "2024-0009": "需人工核对", "2024-0010": "需答复", "2024-0011": "其他邮件", "2024-0012": "仅纸质件",
        "2024-0013": "不予受理", "2024-0014": "已被替代",
    }


def test_the_register_says_the_words_the_replies_say(tmp_path: Path) -> None:
    rows = [app("2024-0001", LATE), app("2024-0002", MISSING_PHONE), app("2024-0003", DOUBT), app("2024-0004")]
    shown = statuses(write(tmp_path, rows))
    assert shown == {r.id: CASE_STATUS[case_of(r, now=NOW, deadline=DEADLINE)] for r in rows}


def test_a_missing_field_found_after_the_deadline_is_for_staff_to_decide(tmp_path: Path) -> None:
    rows = [app("2024-0001", MISSING_PHONE), app("2024-0002", DOUBT, hour=10)]
    before = write(tmp_path / "before", rows)
    assert statuses(before)["2024-0001"] == "可补正"
    after = write(tmp_path / "after", rows, now=AFTER)
    assert statuses(after)["2024-0001"] == "需人工核对"
    assert ids_on(load_workbook(after)["待处理"]) == ["2024-0001", "2024-0002"]  # now with the reviews, by arrival


def test_without_a_deadline_a_fixable_row_stays_fixable(tmp_path: Path) -> None:
    assert statuses(write(tmp_path, [app("2024-0001", MISSING_PHONE)], now=AFTER, deadline=None)) == {
        "2024-0001": "可补正"}


def test_pending_lists_what_staff_can_act_on_today_first(tmp_path: Path) -> None:
    rows = [
        app("2024-0001", LATE, hour=7),
        app("2024-0002", MISSING_PHONE, hour=8),
        app("2024-0003", DOUBT, hour=12),
        app("2024-0004", hour=6),
        question("2024-0005", 10),
        app("2024-0006", NOT_ELIGIBLE, hour=5),
        app("2024-0007", MISSING_PHONE, hour=6),
        paper_only_row("2024-0008", findings=(NO_EMAIL_YET,)),
        other_row("2024-0009", other_reason="退信", received_at=at(4)),
        app("2024-0010", MISSING_PHONE, superseded_by="2024-0002", hour=3),
    ]
    path = write(tmp_path, rows)
    # review and questions by arrival, then fixable by arrival, then refused by arrival.
    assert ids_on(load_workbook(path)["待处理"]) == [
        "2024-0005", "2024-0003", "2024-0007", "2024-0002", "2024-0006", "2024-0001"]
    assert statuses(path, "待处理")["2024-0005"] == "需答复"


def test_a_question_mail_is_on_pending_as_needing_an_answer(tmp_path: Path) -> None:
    path = write(tmp_path, [app("2024-0001"), question("2024-0002", 9)])
    ws = load_workbook(path)["待处理"]
    assert ids_on(ws) == ["2024-0002"]
    assert ws.cell(2, column(ws, "状态")).value == "需答复"
    assert ws.cell(2, column(ws, "邮件主题")).value == "请问申报书模板在哪里下载？"


@pytest.mark.parametrize("sheet", ["总表", "待处理"])
def test_a_row_staff_marked_done_leaves_pending_at_the_next_write(tmp_path: Path, sheet: str) -> None:
    rows = [app("2024-0001", MISSING_PHONE), app("2024-0002", DOUBT), question("2024-0003", 9),
            app("2024-0004", LATE)]
    first = write(tmp_path, rows)
    assert sorted(ids_on(load_workbook(first)["待处理"])) == ["2024-0001", "2024-0002", "2024-0003", "2024-0004"]
    type_staff_check(first, sheet, {"2024-0001": "已处理", "2024-0002": "处理中", "2024-0003": "已答复",
                                    "2024-0004": "已核对"})
    second = write(tmp_path, rows)
    assert second == first
    wb = load_workbook(second)
    assert ids_on(wb["待处理"]) == ["2024-0002"]  # 处理中 is not done
    main = wb["总表"]
    kept = {str(main.cell(r, 1).value): main.cell(r, column(main, "核对状态")).value for r in range(2, main.max_row + 1)}
    assert kept == {"2024-0001": "已处理", "2024-0002": "处理中", "2024-0003": "已答复", "2024-0004": "已核对"}
    assert statuses(second)["2024-0001"] == "可补正"  # the row itself still says what happens next


def test_staff_check_is_chosen_from_a_list_on_both_sheets(tmp_path: Path) -> None:
    rows = [app("2024-0001", MISSING_PHONE), app("2024-0002"), app("2024-0003", DOUBT)]
    wb = load_workbook(write(tmp_path, rows))
    for name, count in (("总表", 3), ("待处理", 2)):
        ws = wb[name]
        letter = ws.cell(1, column(ws, "核对状态")).column_letter
        [choice] = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == f"{letter}2:{letter}{count + 1}"]
        assert choice.type == "list"
        assert choice.formula1 == '"未处理,处理中,已核对,已处理,已答复"'
        assert choice.showErrorMessage and choice.allow_blank
        assert "“已核对”、“已处理”、“已答复”" in (choice.prompt or "")
    legend = [str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value]
    assert any("“已核对”、“已处理”、“已答复”" in text and "待处理" in text for text in legend)


def stats_lines(path: Path) -> dict[str, tuple[object, ...]]:
    return {str(r[0]): r for r in load_workbook(path)["统计"].iter_rows(values_only=True) if r and r[0]}


def test_stats_compare_what_can_still_be_accepted_with_the_guide(tmp_path: Path) -> None:
    rows = [
        app("2024-0001"),
        app("2024-0002", MISSING_PHONE),
        app("2024-0003", DOUBT),
        app("2024-0004", LATE),
        app("2024-0005", REPEAT),
        app("2024-0006", superseded_by="2024-0001"),
        paper_only_row("2024-0007", findings=(NO_EMAIL_YET,),
                       fields=Fields(applicant_org="长沙市科协", subcategory="学术交流", funding_wan=8.0)),
        app("2024-0008", fields=Fields(subcategory="学会服务站建设", applicant_type="市州科协", funding_wan=20.0)),
        question("2024-0009", 9),
    ]
    lines = stats_lines(write(tmp_path, rows))
    # 学术交流: five electronic applications, two refused (late, repeat), three acceptable
    # (one fixable, one to review) against the guide's two; 12 万元 each.
    assert lines["学术交流"][1:9] == ("2个左右", 5, 2, 3, 1, 1, 36, 1)
    assert lines["学会服务站建设"][1:9] == ("15个左右", 1, 0, 1, 0, 0, 20, None)
    assert lines["合计"][2:8] == (6, 2, 4, 1, 1, 56)
    assert lines["省级学会"][1:3] == (3, 36)
    assert lines["市州科协"][1:3] == (1, 20)
    assert lines["申报数（电子版，不含已被替代）"][1] == 6
    assert lines["可受理申报数（不含不予受理、已被替代、仅纸质件）"][1] == 4
    assert lines["逾期"][1] == 1
    counted = {word: lines[word][1] for word in ("正常", "可补正", "需人工核对", "不予受理", "需答复", "仅纸质件",
                                                  "已被替代", "其他邮件")}
    assert counted == {"正常": 2, "可补正": 1, "需人工核对": 1, "不予受理": 2, "需答复": 1, "仅纸质件": 1,
                       "已被替代": 1, "其他邮件": 0}


def test_within_the_quota_nothing_is_over(tmp_path: Path) -> None:
    rows = [app("2024-0001"), app("2024-0002", LATE), app("2024-0003", LATE), app("2024-0004", LATE)]
    assert stats_lines(write(tmp_path, rows))["学术交流"][1:9] == ("2个左右", 4, 3, 1, 0, 0, 12, None)


def packaged_text() -> str:
    return (Path(shenbao.config.__file__).parent / "register.toml").read_text(encoding="utf-8")


def test_a_case_word_unlike_the_replies_fails_the_load(tmp_path: Path) -> None:
    text = packaged_text().replace('fixable = "可补正"\n', 'fixable = "待补正"\n', 1)
    broken = tmp_path / "register.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterLabelsError) as info:
        register_words_from_toml(broken)
    assert info.value.problems == ["[status] fixable = “待补正”：应与回执、评审材料一致，为“可补正”"]


def test_a_staff_check_list_excel_cannot_offer_fails_the_load(tmp_path: Path) -> None:
    text = packaged_text().replace('choices = ["未处理", "处理中", "已核对", "已处理", "已答复"]',
                                   'choices = ["未处理", "处理中,待审", "已核对", "已答复"]')
    broken = tmp_path / "register.toml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(RegisterLabelsError) as info:
        register_words_from_toml(broken)
    assert sorted(info.value.problems) == sorted([
        "[staff_check] choices 中的“处理中,待审”含有英文逗号或双引号，不能作为下拉列表选项",
        "[staff_check] handled 中的“已处理”不在 choices 中",
    ])


def test_paper_copies_of_a_paper_only_row_do_not_make_it_an_application(tmp_path: Path) -> None:
    rows = [paper_only_row("2024-0001", findings=(NO_EMAIL_YET,), paper=PaperMatch(copies=3))]
    lines = stats_lines(write(tmp_path, rows))
    assert lines["可受理申报数（不含不予受理、已被替代、仅纸质件）"][1] == 0
    assert ids_on(load_workbook(tmp_path / "register.xlsx")["待处理"]) == []

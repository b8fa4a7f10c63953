"""Replies by case: a clean application gets a 受理回执, a fixable one a 补正通知 (what to fix,
the guide's words, the exact deadline), a refused one a 不予受理告知 that invites nothing, and
one that needs review gets no automatic reply at all."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from shenbao.outcome import CASE_STATUS, case_of
from shenbao.outputs.reply_terms import guide_reply_terms, load_reply_terms
from shenbao.outputs.reply_text import Closing, ReplyTerms, compose_reply, reply_body, reply_subject
from shenbao.record import Finding, MailFacts, RegisterRow
from shenbao.settings import builtin_or_path
from shenbao.validators.guide import load_guide
from tests.outputs.rows import application_row

CST = timezone(timedelta(hours=8))
NOW = datetime(2024, 4, 29, 17, 0, tzinfo=CST)
DEADLINE = datetime(2024, 4, 30, 17, 0, tzinfo=CST)
TERMS = ReplyTerms(deadline=DEADLINE)
CLOSING = Closing("湖南省科协学会部", "张老师\n长沙市芙蓉区八一路", "0731-84567890")

MISSING_PHONE = Finding(code="MISSING_FIELD", severity="error", field="leader_phone", clause="一、3",
                        message="申报书缺少“负责人电话”（或无法识别），指南要求填写时要素齐全（指南一、3）")
FUNDING = Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan", clause="四（一）1（4）",
                  message="申请经费12万元，超出学术交流项目5—10万元/个的范围")
PAPER_MISSING = Finding(code="PAPER_MISSING", severity="error", message="纸质件登记簿中没有找到本申报的纸质版（应寄送一式3份）")
TARGETS = Finding(code="SERVICE_STATION_TARGETS", severity="warning", clause="四（一）5（1）",
                  message="服务乡村振兴的学会服务站专家人数仅8人，少于指南要求的10人（指南四（一）5（1））")
DOUBT = Finding(code="NEEDS_REVIEW", severity="warning", field="funding_wan", message="“申请经费”识别不确定，请人工核对原件")
REFUSALS = {
    "LATE_ELECTRONIC": Finding(code="LATE_ELECTRONIC", severity="error", clause="二、4",
                               message="邮件于2024-04-30 17:20到达邮箱服务器，晚于电子版截止时间2024-04-30 17:00；"
                                       "逾期即视为自动放弃（指南二、4）"),
    "APPLICANT_NOT_ELIGIBLE": Finding(code="APPLICANT_NOT_ELIGIBLE", severity="error", clause="四（一）1（2）",
                                      message="申报单位“长沙市科协”类型为市州科协，不在学术交流项目的申报主体"
                                              "（省级学会、高校科协、企业（园区）科协、民非组织）之内（指南四（一）1（2））"),
    "REPEAT_FUNDED": Finding(code="REPEAT_FUNDED", severity="error", clause="一、2",
                             message="“青年科技工作者学术交流大会”与2023年已获支持的“青年科技工作者学术交流大会”"
                                     "（湖南省某某学会）内容相同，近2年内已获支持的相同内容项目不得重复申报（指南一、2）"),
    "DESIGNATED_ITEM": Finding(code="DESIGNATED_ITEM", severity="error", clause="四（二）4（2）",
                               message="高校科协交流机制建设为定向委托项目，申报主体为中南大学科协，"
                                       "而申报单位是“湖南大学科协”（指南四（二）4（2））"),
    "LATE_PAPER": Finding(code="LATE_PAPER", severity="error", clause="二、4",
                          message="纸质件邮戳日期2024-05-06晚于纸质版截止日期2024-04-30（指南二、4）"),
}
# Any of these in a 不予受理告知 would tell the unit it can still put things right.
INVITATIONS = re.compile("重新发送|重新提交|再次提交|再次发送|补发|补正|补交|补充|重发|修改|改正|更正|截止时间.{0,20}之?前|请.{0,10}寄")


def row_with(*findings: Finding, **changes: Any) -> RegisterRow:
    return application_row(findings=findings, message_sha256="e" * 64,
                           mail=MailFacts(sender="xiehui@example.org", sender_name="谢会"), **changes)


def draft_of(row: RegisterRow, terms: ReplyTerms = TERMS, now: datetime = NOW) -> str:
    msg = compose_reply(row, version="v1", from_address="hnkxxhb@126.com", to="xiehui@example.org", tz=CST,
                        now=now, terms=terms, closing=CLOSING, draft=True)
    return str(msg["Subject"]) + "\n" + str(msg.get_content())


# --------------------------------------------------------------------------- the case

def test_a_row_without_errors_is_ok_whatever_its_warnings_and_paper_reminders() -> None:
    assert case_of(row_with()) == "ok"
    assert case_of(row_with(TARGETS, PAPER_MISSING)) == "ok"


def test_an_error_the_unit_can_fix_is_fixable_until_the_deadline_and_then_for_staff() -> None:
    row = row_with(MISSING_PHONE, PAPER_MISSING)
    assert case_of(row) == "fixable"
    assert case_of(row, now=NOW, deadline=DEADLINE) == "fixable"
    assert case_of(row, now=DEADLINE, deadline=DEADLINE) == "review"


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_late_ineligible_repeat_funded_and_designated_rows_are_refused_even_with_fixable_problems(code: str) -> None:
    assert case_of(row_with(MISSING_PHONE, REFUSALS[code], FUNDING)) == "refused"


def test_a_doubtful_reading_alone_goes_to_staff_before_any_reply() -> None:
    assert case_of(row_with(DOUBT)) == "review"
    assert case_of(row_with(DOUBT, TARGETS, PAPER_MISSING)) == "review"


def test_a_refusal_never_rests_on_a_doubtful_reading_but_lateness_is_never_doubtful() -> None:
    assert case_of(row_with(DOUBT, REFUSALS["APPLICANT_NOT_ELIGIBLE"])) == "review"
    assert case_of(row_with(DOUBT, REFUSALS["REPEAT_FUNDED"], MISSING_PHONE)) == "review"
    assert case_of(row_with(DOUBT, REFUSALS["LATE_ELECTRONIC"])) == "refused"  # the server's clock


def test_a_doubt_beside_a_fixable_error_does_not_hold_the_notice_back() -> None:
    assert case_of(row_with(DOUBT, MISSING_PHONE)) == "fixable"
    text = draft_of(row_with(DOUBT, MISSING_PHONE))
    assert text.startswith("【补正通知】") and "负责人电话" in text and "识别不确定" not in text


def test_every_case_has_its_status_word() -> None:
    assert CASE_STATUS == {"ok": "正常", "fixable": "可补正", "refused": "不予受理", "review": "需人工核对"}


# --------------------------------------------------------------------------- the template

def test_a_clean_application_gets_an_acknowledgement_that_asks_for_nothing() -> None:
    text = draft_of(row_with(TARGETS))
    assert text.startswith("【受理回执】登记编号 2024-0007：")
    assert "暂未发现问题" in text and "服务站专家人数仅8人" in text
    assert "重新发送" not in text and "补正" not in text


def test_a_fixable_application_gets_a_notice_listing_what_to_fix_and_the_exact_deadline() -> None:
    text = draft_of(row_with(FUNDING, MISSING_PHONE, TARGETS, PAPER_MISSING))
    assert text.startswith("【补正通知】登记编号 2024-0007：")
    assert "共 2 项" in text and "负责人电话" in text and "申请经费12万元" in text
    assert "请在电子版截止时间 2024年4月30日 17:00（北京时间） 之前" in text and "重新发送到本邮箱" in text
    assert "另请注意" in text and "服务站专家人数" in text  # a warning is said, not counted
    assert "纸质材料提醒" in text and "一式3份" in text


def test_the_notice_quotes_the_guides_own_words_when_the_rules_have_them() -> None:
    words = ReplyTerms(deadline=DEADLINE, clause_texts={"四（一）1（4）": "每个项目支持5—10万元"})
    text = draft_of(row_with(FUNDING), terms=words)
    assert "指南四（一）1（4）原文：“每个项目支持5—10万元”" in text
    assert "指南要求：四（一）1（4）" in draft_of(row_with(FUNDING))  # no words: the clause is cited


def test_without_a_deadline_the_notice_points_to_the_call_instead_of_inventing_one() -> None:
    text = draft_of(row_with(MISSING_PHONE), terms=ReplyTerms())
    assert "申报通知规定的电子版截止时间之前" in text and "北京时间" not in text


def test_the_real_guide_gives_the_deadline_and_the_settings_override_wins() -> None:
    rules = builtin_or_path("builtin:guide-2024.toml", Path("."))
    terms, problem = load_reply_terms(rules)
    assert problem is None and terms.deadline == DEADLINE
    later = datetime(2024, 5, 6, 12, 0, tzinfo=CST)
    assert load_reply_terms(rules, later)[0].deadline == later
    assert "2024年4月30日 17:00（北京时间）" in draft_of(row_with(MISSING_PHONE), terms=terms)


def test_an_unreadable_rules_file_leaves_the_deadline_out_and_says_so(tmp_path: Path) -> None:
    broken = tmp_path / "guide.toml"
    broken.write_text("year = ", encoding="utf-8")
    terms, problem = load_reply_terms(broken)
    assert terms.deadline is None and problem is not None and "截止时间" in problem


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_a_refused_application_is_told_why_and_never_invited_to_resend_or_correct(code: str) -> None:
    text = draft_of(row_with(MISSING_PHONE, FUNDING, REFUSALS[code], TARGETS, PAPER_MISSING))
    assert text.startswith("【不予受理告知】登记编号 2024-0007：")
    assert "不予受理" in text and REFUSALS[code].message in text
    assert INVITATIONS.search(text) is None, INVITATIONS.search(text)
    assert "负责人电话" not in text and "纸质材料" not in text  # the other problems are not listed


def test_a_late_application_is_not_invited_to_resend_before_the_deadline() -> None:
    # The report: 逾期即视为自动放弃, then "resend before the deadline".
    text = draft_of(row_with(REFUSALS["LATE_ELECTRONIC"]))
    assert "逾期即视为自动放弃" in text and "截止时间前" not in text and "重新发送" not in text


def test_a_row_that_needs_review_cannot_be_answered_automatically() -> None:
    with pytest.raises(ValueError):
        draft_of(row_with(DOUBT))
    with pytest.raises(ValueError):
        reply_subject(row_with(DOUBT))
    late_fix = row_with(MISSING_PHONE)
    with pytest.raises(ValueError):
        draft_of(late_fix, now=DEADLINE + timedelta(minutes=5))


# --------------------------------------------------------------------------- who writes to whom

def test_the_reply_greets_the_unit_and_is_signed_by_the_office_with_its_phone() -> None:
    text = draft_of(row_with())
    body = text.split("\n", 1)[1]
    assert body.startswith("湖南省某某学会：\n")
    assert "湖南省科协学会部\n张老师\n长沙市芙蓉区八一路\n联系电话：0731-84567890\n2024年4月29日" in text


def test_without_a_unit_name_the_sender_is_greeted_and_without_either_a_plain_greeting() -> None:
    unread = row_with(fields=None)
    assert reply_body(unread, CST, case="ok").startswith("谢会：\n")
    nameless = unread.model_copy(update={"mail": MailFacts(sender="xiehui@example.org")})
    assert reply_body(nameless, CST, case="ok").startswith("您好：\n")


def test_a_unit_name_with_a_line_break_is_one_line_of_greeting() -> None:
    fields = application_row().fields.model_copy(update={"applicant_org": "某学会\n抄送：别人"})  # type: ignore[union-attr]
    assert reply_body(row_with(fields=fields), CST, case="ok").startswith("某学会 抄送：别人：\n")


def test_the_refusal_points_to_the_phone_when_there_is_one() -> None:
    text = reply_body(row_with(REFUSALS["REPEAT_FUNDED"]), CST, closing=Closing(phone="0731-84567890"))
    assert "致电 0731-84567890 咨询" in text
    assert "请回复本邮件咨询" in reply_body(row_with(REFUSALS["REPEAT_FUNDED"]), CST)


def test_guide_terms_come_from_a_loaded_guide() -> None:
    guide = load_guide(builtin_or_path("builtin:guide-2024.toml", Path(".")))
    terms = guide_reply_terms(guide)
    assert terms.deadline == DEADLINE
    assert terms.clause_texts["二、4"].startswith("申报单位在规定时间内寄送《项目申报书》纸质版一式3份")

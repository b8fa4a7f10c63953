"""Tell mail that is clearly not a submission from mail that is (or tries to be) one.

Contracts:
- `other_reason(msg)` returns a Chinese reason when the message is clearly not a submission,
  checked in this order: 自动回复, 退信, 疑似广告或垃圾邮件, 咨询或询问, 无附件且无申报内容;
  otherwise None. It is evidence-based keyword scoring, never a guess on one word alone.
- `looks_like_submission(msg)` is True exactly when `other_reason(msg)` is None: the message
  carries document files, a 超大附件 link, or speaks of 申报/申报书/项目 — including a mail that
  says the form is attached when nothing is (the register then flags it, NO_FORM).
"""

from __future__ import annotations

import re

from shenbao.record import BODY_FORM_ORIGIN, CONTAINER_KINDS, READABLE_KINDS, ParsedMessage, Part

REASON_AUTO = "自动回复"
REASON_BOUNCE = "退信"
REASON_SPAM = "疑似广告或垃圾邮件"
REASON_QUESTION = "咨询或询问"
REASON_EMPTY = "无附件且无申报内容"

# Words that advertising and invoice spam use and an application does not.
_SPAM_STRONG = ("代开", "发票", "培训班", "报名回执", "退订", "点数优惠", "微信同号", "加微信", "促销",
                "广告", "招生", "会务费", "中奖", "贷款", "返利", "免费领取", "研修班", "特价", "回复TD",
                "unsubscribe", "教育咨询", "咨询中心", "专业代办", "包过", "优惠")
# Words of the call itself.
_SUBMISSION_WORDS = re.compile(r"申报|申请书|项目|学会服务站|学术交流")
_FORM_NAME = re.compile(r"申报书|申报表|申请书|申报材料|申报")
# A question: asks something and announces no attachment.
_QUESTION = re.compile(r"请问|是否|吗[？?]?|[？?]|咨询|能否|可否|怎么|如何|什么时候|哪里")
_SENT_WORDS = re.compile(r"附件|请查收|见附件|已发送|发送.*申报")
# Kinds that may carry application material: what the readers read and what holds other files,
# plus spreadsheets (budget tables) and other OLE files. Images do not count: in mail they are
# mostly signatures and logos.
# A text file is read (it may be a pasted form) but is no sign of a submission by itself; nor is
# a web page (mail clients attach the body's HTML as ATT00001.htm, and a form saved as a page is
# read as one all the same).
_DOCUMENT_KINDS: frozenset[str] = (READABLE_KINDS | CONTAINER_KINDS | {"xlsx", "xls", "ole"}) - {"image", "text", "html"}


def document_parts(msg: ParsedMessage) -> list[Part]:
    """File parts that could hold application material (signature images do not count)."""
    return [p for p in msg.parts if p.kind in _DOCUMENT_KINDS or (p.kind == "unknown" and p.data)]


def _spam_score(text: str) -> int:
    return sum(1 for word in _SPAM_STRONG if word.lower() in text)


def _is_spam(msg: ParsedMessage, docs: list[Part]) -> bool:
    text = f"{msg.subject}\n{msg.body_text}".lower()
    score = _spam_score(text)
    if score == 0:
        return False
    if any(_FORM_NAME.search(p.name) for p in docs):
        return False  # a file named 申报书 outweighs any advertising word
    if msg.big_attachment_links:
        return False
    # One spam word with no word of the call is enough; with call words (a training course
    # "on project application") it takes two independent spam words.
    return score >= 2 or not _SUBMISSION_WORDS.search(text)


def _is_question(msg: ParsedMessage, docs: list[Part]) -> bool:
    if docs or msg.big_attachment_links:
        return False
    text = f"{msg.subject}\n{msg.body_text}"
    if not _QUESTION.search(text):
        return False
    # "附件为申报材料，请查收" with no file is a failed submission, not a question.
    return not (_SENT_WORDS.search(text) and not _QUESTION.search(msg.subject))


def other_reason(msg: ParsedMessage) -> str | None:
    """Chinese reason why this mail is not a submission, or None (see module contract)."""
    if msg.is_auto:
        return REASON_AUTO
    if msg.is_bounce:
        return REASON_BOUNCE
    docs = document_parts(msg)
    if _is_spam(msg, docs):
        return REASON_SPAM
    if _is_question(msg, docs):
        return REASON_QUESTION
    if not docs and not msg.big_attachment_links and not _SUBMISSION_WORDS.search(
            f"{msg.subject}\n{msg.body_text}"):
        return REASON_EMPTY
    return None


def looks_like_submission(msg: ParsedMessage) -> bool:
    """True when the message is (or tries to be) a submission; see the module contract."""
    return other_reason(msg) is None


# A form copied from Word and pasted into the mail instead of attached: the plain-text body keeps
# its table as lines of tab-separated cells. That many such lines, in a mail with no document
# attached, make the body a file to read (a letter's lines hold no tabs). With documents
# attached (a meeting plan, a resolution), the pasted table must also carry the form's first
# labels: a table of something else beside an attached form stays the body.
BODY_FORM_NAME = "邮件正文.txt"
_BODY_TABLE_LINES = 3
# The form's first labels, each by any of the names templates give it: an older template
# names the unit 承担单位 (a form pasted so, a meeting plan attached, was left unread).
_BODY_FORM_LABELS = (("项目名称",), ("申报单位", "申请单位", "承担单位"))
# A body that gives the form's fields one per line: this many lines opening with one of the
# form's own labels and a colon (an item number before it allowed).
_BODY_FIELD_LINES = 5
_BODY_FIELD_LINE_RE = re.compile(
    r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?"
    r"(?:项目名称|项目类别|申报类别|申报单位|单位类型|联合申报单位|项目负责人|负责人手机|项目联系人|联系电话|"
    r"电子邮箱|申请经费|起止时间|实施期限)\s*[：:]\s*\S")


def with_body_form(msg: ParsedMessage) -> ParsedMessage:
    """`msg` with its plain-text body as one more part (BODY_FORM_NAME, kind text) when the
    body holds a pasted table, and either no document is attached or the table names the
    form's first labels; else `msg` unchanged."""
    if any(p.name == BODY_FORM_NAME for p in msg.parts):
        return msg
    lines = msg.body_text.splitlines()
    table = [line for line in lines if "\t" in line.strip(" \t\u3000")]
    if len(table) < _BODY_TABLE_LINES:
        # Or the form's fields typed as "label：value" lines (申报书基本信息如下：项目名称：…),
        # the signed pages scanned and attached.
        table = [line for line in lines if _BODY_FIELD_LINE_RE.match(line)]
        if len(table) < _BODY_FIELD_LINES:
            return msg
    if document_parts(msg) and not all(any(label in re.sub(r"\s", "", line) for line in table for label in names)
                                       for names in _BODY_FORM_LABELS):
        return msg
    body = Part(name=BODY_FORM_NAME, content_type="text/plain", data=msg.body_text.encode("utf-8"),
                origin=BODY_FORM_ORIGIN, kind="text")
    return msg.model_copy(update={"parts": (*msg.parts, body)})

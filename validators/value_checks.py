"""Values checked against each other and against the rest of the mail: pure, one application
at a time.

`review_values(fields, evidence, sources, guide)` returns the NEEDS_REVIEW findings of the
checks no single cell can make — dates inside the call, the item's category and the unit's type
as the guide lists them, the project and the unit the mail names besides the form — and the
fields a second source confirms (the body repeats the phone, the subject the project name):
those are trusted even when read from a weak scan.

Doubt only where there is doubt: a subject or file name that names no project, or shares
nothing with the form but names nothing else either, is no evidence; only a clearly different
project or unit is flagged, and never when one mail carries several forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from shenbao.record import Evidence, Fields, Finding, Submission
from shenbao.validators.guide import Guide, Item
from shenbao.validators.name_similarity import (
    org_name_similarity, project_key, project_name_similarity, project_to_item,
)
from shenbao.validators.org_names import org_key, same_org

# Below this, a project the mail names is clearly another project than the form's.
DIFFERENT_PROJECT_BELOW = 0.35
# Below this, a unit the mail names (sender, signature) is clearly another unit.
DIFFERENT_ORG_BELOW = 0.5
# Words that make a piece of a subject or file name a project's name (it names an activity).
_PROJECT_WORDS = ("论坛", "研讨会", "年会", "会议", "大会", "交流", "服务站", "联盟", "平台", "评审", "培训",
                  "沙龙", "讲座", "峰会", "试点", "机制", "学术活动")
# What subjects and file names add around the project's name.
_WRAPPING_RE = re.compile(
    r"(?:\.(?:docx?|wps|pdf|jpe?g|png|zip|rar|7z)$|申报书|申请书|申报材料|申报表|申报|材料|附件\d*|盖章扫描件|扫描件|盖章版|"
    r"电子版|终稿|定稿|最终版|修改版|修订版|word版|pdf版|（[^（）]*版）|\([^()]*版\)|回复|转发|答复|fw|re)",
    re.IGNORECASE)
# Words of a cover letter's title around what it is about: the sender before 关于, the year, the
# call, 的函 (某学会关于申报2024年度省科协学术交流项目的函).
_LETTER_RE = re.compile(r"^.*?关于|的(?:函|报告|请示|通知)$|\d{4}年度?|年度|省科协|湖南省科协|项目")
_PIECES_RE = re.compile(r"[\s\-—_–|｜/+＋·，,；;：:]+")
_QUOTED_RE = re.compile(r"[《“「『\"]([^》”」』\"]{4,})[》”」』\"]")
# A unit's name (sender display names, signature lines): what such a name ends with.
_UNIT_END_RE = re.compile(r"(?:学会|协会|研究会|联合会|科协|科学技术协会|大学|学院|公司|集团|中心|研究院|研究所)$")
# A 科协 forwards its members' forms (属地管理): its name as sender says nothing of the applicant.
_FORWARDER_RE = re.compile(r"(?:科协|科学技术协会)$")
_SIGNATURE_LINES = 6


@dataclass(frozen=True)
class MailSources:
    """What the mail says besides the form: the second sources a value can be checked against."""

    subject: str = ""
    sender: str = ""  # address, lower-case
    sender_name: str = ""
    body: str = ""
    form_file: str = ""  # the file the form was read from
    form_files: int = 1  # how many files of the mail were read as forms
    unread_files: tuple[str, ...] = ()  # names of the mail's documents not read as a form


@dataclass(frozen=True)
class ValueReview:
    findings: tuple[Finding, ...] = ()
    confirmed: frozenset[str] = field(default_factory=frozenset)  # fields a second source repeats


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "")


def _review(name: str, message: str, evidence: str) -> Finding:
    return Finding(code="NEEDS_REVIEW", severity="warning", field=name, message=message, evidence=evidence or None)


def _seen(evidence: Mapping[str, Evidence], name: str) -> str:
    ev = evidence.get(name)
    return f"{ev.file} {ev.where}：“{ev.text[:60]}”" if ev else ""


# --------------------------------------------------------------------------- dates and the item

def _month(value: str) -> date:
    return date(int(value[:4]), int(value[5:7]), 1)


def check_dates_in_call(fields: Fields, evidence: Mapping[str, Evidence], guide: Guide) -> list[Finding]:
    """The period inside the call's year: a start before the guide's year or after its
    completion limit, an end before the guide's year. (An end after the limit is the
    completion rule's END_DATE_TOO_LATE, not repeated here.)"""
    item = guide.item_for(fields.subcategory)
    limit = (item.end_date_limit if item and item.end_date_limit else None) or guide.end_date_limit
    year_start = date(guide.year, 1, 1)
    out: list[Finding] = []
    if fields.start_date:
        start = _month(fields.start_date)
        if start < year_start:
            out.append(_review("start_date", f"项目开始时间{fields.start_date}早于{guide.year}年，不在本年度项目的实施期内"
                                             f"（所见：{_seen(evidence, 'start_date')}）", _seen(evidence, "start_date")))
        elif start > limit:
            out.append(_review("start_date", f"项目开始时间{fields.start_date}晚于指南要求的完成期限{limit.isoformat()}"
                                             f"（所见：{_seen(evidence, 'start_date')}）", _seen(evidence, "start_date")))
    if fields.end_date and _month(fields.end_date) < year_start:
        out.append(_review("end_date", f"项目完成时间{fields.end_date}早于{guide.year}年，不在本年度项目的实施期内"
                                       f"（所见：{_seen(evidence, 'end_date')}）", _seen(evidence, "end_date")))
    return out


def _items_named(project_name: str | None, guide: Guide) -> list[tuple[Item, str]]:
    """The items whose name words the project name carries, each with the first word found."""
    name = _nfkc(project_name or "")
    out: list[tuple[Item, str]] = []
    for item in guide.items:
        word = next((w for w in item.name_words if _nfkc(w) in name), None)
        if word is not None:
            out.append((item, word))
    return out


def check_item(fields: Fields, evidence: Mapping[str, Evidence], guide: Guide) -> list[Finding]:
    """The category the form gives the item is the guide's, and the unit's type is one the
    guide lists (an unknown item is the known-item rule's finding)."""
    out: list[Finding] = []
    item = guide.item_for(fields.subcategory)
    if item is not None and fields.category and fields.category != item.category:
        out.append(_review("category", f"申报项目“{item.name}”在指南中属于“{item.category}”，申报书为“{fields.category}”"
                                       f"（所见：{_seen(evidence, 'category')}）", _seen(evidence, "category")))
    named = _items_named(fields.project_name, guide)
    if fields.subcategory and len(named) == 1 and named[0][0].name != fields.subcategory:
        other, word = named[0]
        out.append(_review("subcategory", f"项目名称“{fields.project_name}”含“{word}”，像是“{other.name}”项目，"
                                          f"申报书勾选的却是“{fields.subcategory}”，请按申报书核对勾选"
                                          f"（所见：{_seen(evidence, 'subcategory')}）", _seen(evidence, "subcategory")))
    if fields.applicant_type is None and fields.applicant_org:
        # The type decides who may apply for the item and which body must approve: unread, neither
        # can be checked, and a row without findings would read as "all checked".
        what = f"申报主体（{item.eligible_text}）和" if item is not None and item.eligible_types else ""
        out.append(_review("applicant_type", f"未能读出单位类型，无法核对{what}审议要求（指南二、3），"
                                             f"请按申报书勾选的单位类型核对", _seen(evidence, "applicant_type")))
    if fields.applicant_type and guide.approval and fields.applicant_type not in guide.approval:
        listed = "、".join(guide.approval)
        out.append(_review("applicant_type", f"单位类型“{fields.applicant_type}”不是指南所列类型（{listed}）之一"
                                             f"（所见：{_seen(evidence, 'applicant_type')}）",
                           _seen(evidence, "applicant_type")))
    return out


# --------------------------------------------------------------------------- the rest of the mail

def _balanced(piece: str) -> str:
    """A piece without the brackets a split left unmatched at its ends: "(长沙" → "长沙",
    "会议(长沙)" stays."""
    while piece[:1] in "(（" and piece.count("(") + piece.count("（") > piece.count(")") + piece.count("）"):
        piece = piece[1:]
    while piece[-1:] in ")）" and piece.count(")") + piece.count("）") > piece.count("(") + piece.count("（"):
        piece = piece[:-1]
    return piece


def _names_a_project(piece: str, generic: tuple[str, ...]) -> bool:
    """A piece names a project when, without the guide's item and category names and a
    letter's wording, it still names an activity: "2024年度省科协学术交流项目的函" does not."""
    rest = piece
    for word in generic:
        rest = rest.replace(word, "")
    rest = _LETTER_RE.sub("", rest)
    return len(rest) >= 6 and any(w in rest for w in _PROJECT_WORDS) and not _UNIT_END_RE.search(piece)


def named_projects(text: str, generic: tuple[str, ...] = ()) -> list[str]:
    """The project names a subject or file name carries: a quoted title (《…》, “…”), or a
    piece between separators that names an activity (…论坛, …服务站建设) once the wrapping
    words (申报书, 扫描件, .pdf …) are gone. A piece that is only a unit's name, or only the
    call's item or category (`generic`: "学术交流", "学会服务站建设"…), is not one."""
    s = _nfkc(text)
    quoted = [q.strip() for q in _QUOTED_RE.findall(s) if _names_a_project(q.strip(), generic)]
    if quoted:
        return quoted
    found = []
    for piece in _PIECES_RE.split(_WRAPPING_RE.sub(" ", s)):
        piece = _balanced(piece.strip("[]【】"))
        if _names_a_project(piece, generic):
            found.append(piece)
    return found


def project_named_by_mail(sub: Submission, guide: Guide) -> str | None:
    """The one project a submission's email names (its subject, its files' names, its body's
    start: 附件是衡阳市科协申报的“茶陵县蔬菜产业学会服务站建设”项目申报书), or None when it names
    none or several."""
    generic = _generic_words(guide)
    texts = (sub.subject, *(f.name for f in sub.files), sub.mail.body_snippet if sub.mail else "")
    # A title in quotes is the sender's own word for the project (an item's name in it, as
    # 学会服务站建设 in 茶陵县蔬菜产业学会服务站建设, is no reason to doubt it); a subject's or a
    # file name's piece is one only when it names an activity beside the item (named_projects).
    quoted = [q.strip() for text in texts for q in _QUOTED_RE.findall(_nfkc(text))]
    titles = [q for q in quoted if len(project_key(q)) >= 6 and project_to_item(q) is None and not _UNIT_END_RE.search(q)]
    named = {project_key(n): n for n in titles} or {
        project_key(n): n for text in texts for n in named_projects(text, generic)}
    return next(iter(named.values())) if len(named) == 1 else None


def _contains(haystack: str, needle_key: str) -> bool:
    return bool(needle_key) and needle_key in project_key(haystack)


def _generic_words(guide: Guide) -> tuple[str, ...]:
    """The guide's item and category names: a piece holding only these names no project."""
    return tuple(sorted({*(i.name for i in guide.items), *guide.categories, "科技创新服务能力提升计划"},
                        key=len, reverse=True))


# What is left of an item-only piece once the item's name is out: brackets and wrapping words.
_ITEM_ONLY_RE = re.compile(r"[\s()（）【】\[\]]|类|项目|申报书?|扫描件|盖章")
# A file name that calls the file an application form.
_FORM_FILE_RE = re.compile(r"申报书|申请书|申报表")


def check_project_vs_mail(fields: Fields, evidence: Mapping[str, Evidence], sources: MailSources,
                          guide: Guide) -> list[Finding]:
    """A subject or form file name that clearly names another project than the form's."""
    if not fields.project_name or sources.form_files > 1:
        return []
    generic = _generic_words(guide)
    for where, text in (("邮件主题", sources.subject), ("附件文件名", sources.form_file)):
        if _contains(text, project_key(fields.project_name)):
            continue
        for named in named_projects(text, generic):
            score = project_name_similarity(named, fields.project_name)
            if score is not None and score < DIFFERENT_PROJECT_BELOW:
                return [_review("project_name", f"{where}“{text}”所写项目“{named}”与申报书的项目名称“{fields.project_name}”"
                                                f"明显不同，请确认附件是否发错（所见：{_seen(evidence, 'project_name')}）",
                                _seen(evidence, "project_name"))]
    return []


def check_unread_forms(fields: Fields, sources: MailSources, guide: Guide) -> list[Finding]:
    """A document of the mail whose name calls it the 申报书 of another project, but from which
    no form was read (a scan OCR could not pair, a layout not understood): a second application
    may be hiding in it, and nothing else would say so."""
    if not fields.project_name:
        return []
    generic = _generic_words(guide)
    out: list[Finding] = []
    for name in sources.unread_files:
        if not _FORM_FILE_RE.search(_nfkc(name)) or _contains(name, project_key(fields.project_name)):
            continue
        # Item names are not taken out before the split: a form's file names its project in full
        # (第9届湖南渔业学术交流会), and taking out 学术交流 would leave no activity in it. A piece
        # that is only an item's or a category's name (申报书（学术交流类）) names no project.
        for named in named_projects(name):
            rest = named
            for word in generic:
                rest = rest.replace(word, "")
            if len(_ITEM_ONLY_RE.sub("", rest)) < 4:
                continue
            score = project_name_similarity(named, fields.project_name)
            if score is not None and score < DIFFERENT_PROJECT_BELOW:
                out.append(Finding(code="NEEDS_REVIEW", severity="warning", field=None, evidence=name,
                                   message=f"附件“{name}”的文件名是另一个项目（“{named}”）的申报书，但未能从中读出申报书，"
                                           f"可能是第二份申报，请打开附件核对"))
                break
    return out


def unit_names_in(sources: MailSources) -> list[tuple[str, str]]:
    """(where, unit) the mail names outside the form: the sender's display name and the
    signature lines at the end of the body."""
    out: list[tuple[str, str]] = []
    name = re.sub(r"\s+", "", _nfkc(sources.sender_name))
    if _UNIT_END_RE.search(name):
        out.append(("发件人", name))
    lines = [re.sub(r"\s+", "", ln) for ln in _nfkc(sources.body).splitlines() if ln.strip()]
    for line in lines[-_SIGNATURE_LINES:]:
        line = line.strip("，,。.；;：:")
        # A signature is a name alone: "申报书已定稿，请转报省科协" ends like one but is a sentence.
        if 4 <= len(line) <= 30 and re.fullmatch(r"[\u4e00-\u9fff()（）]+", line) and _UNIT_END_RE.search(line):
            out.append(("邮件落款", line))
    return out


def _same_unit(a: str, b: str) -> bool:
    ka, kb = org_key(a), org_key(b)
    return same_org(a, b) or (bool(ka) and bool(kb) and (ka in kb or kb in ka)) or \
        (org_name_similarity(a, b) or 0.0) >= DIFFERENT_ORG_BELOW


def check_unit_vs_mail(fields: Fields, evidence: Mapping[str, Evidence], sources: MailSources) -> list[Finding]:
    """A sender or signature that clearly names another unit than the form's applicant (or
    its partners). A 科协 sending is no evidence: it forwards its members' forms."""
    if not fields.applicant_org:
        return []
    ours = [fields.applicant_org, *([fields.lead_org] if fields.lead_org else []), *fields.partner_orgs]
    for where, unit in unit_names_in(sources):
        if _FORWARDER_RE.search(unit) and not _FORWARDER_RE.search(fields.applicant_org):
            continue
        if not any(_same_unit(unit, o) for o in ours):
            return [_review("applicant_org", f"{where}为“{unit}”，与申报书的申报单位“{fields.applicant_org}”不一致，"
                                             f"请确认申报单位（所见：{_seen(evidence, 'applicant_org')}）",
                            _seen(evidence, "applicant_org"))]
    return []


# A covering letter's contact line: 联系人：谭湘君  0731-69799701 (电话/手机 between or not).
_BODY_CONTACT_RE = re.compile(r"联系人\s*[:：]?\s*([\u4e00-\u9fff·]{2,8}?)\s*[，,、;；]?\s*"
                              r"(?:联系)?(?:电话|手机|座机|电话号码)?\s*[:：]?\s*(\+?[\d][\d\-—–\s()（）]{6,}\d)")


_OFFICE_END_RE = re.compile(r"(?:办公室|秘书处|办|部|科|处|室|中心|学会|协会|科协)$")
_TITLE_END_RE = re.compile(r"(?:老师|同志|女士|先生|小姐|秘书|主任|部长|处长|科长|经理|会长|书记|理事长|秘书长)$")


def check_people_vs_mail(fields: Fields, evidence: Mapping[str, Evidence], sources: MailSources) -> list[Finding]:
    """A covering letter that names its contact with a phone: where the form gives the same
    phone to somebody else by name, one of the two readings is wrong (the leader's name taken
    for the contact's on a scan), and a person decides."""
    out: list[Finding] = []
    for m in _BODY_CONTACT_RE.finditer(_nfkc(sources.body)):
        named, phone = m.group(1), _digits(m.group(2))
        if _TITLE_END_RE.search(named) or _OFFICE_END_RE.search(named):
            continue  # 王老师, 李秘书, 学会办公室: no person named in full
        if fields.contact_name and (fields.contact_name == named or named in fields.contact_name):
            continue  # the letter's contact is the form's: a phone the leader shares says nothing
        for name_field, phone_field in (("contact_name", "contact_phone"), ("leader_name", "leader_phone")):
            value, number = getattr(fields, name_field), getattr(fields, phone_field)
            number = _digits(number.split("转", 1)[0]) if number else ""
            if value and len(number) >= 7 and number == phone and value != named and named not in value \
                    and not any(f.field == name_field for f in out):
                what = "项目联系人" if name_field == "contact_name" else "项目负责人"
                seen = _seen(evidence, name_field)
                out.append(_review(name_field, f"邮件正文写明联系人为“{named}”（电话{m.group(2).strip()}），申报书中同一电话的"
                                               f"{what}却读作“{value}”，请核对" + (f"（所见：{seen}）" if seen else ""), seen))
    return out


def _digits(text: str) -> str:
    return re.sub(r"\D", "", _nfkc(text))


def _whole_word_in(value: str, text: str) -> bool:
    """`value` occurs in `text` with no Chinese character right after it. Searched by hand: a
    regular expression per name was a compile per application."""
    at = text.find(value)
    while at >= 0:
        after = at + len(value)
        if after == len(text) or not "\u4e00" <= text[after] <= "\u9fff":
            return True
        at = text.find(value, at + 1)
    return False


# The fields `confirmed_fields` can find repeated in the mail.
CONFIRMABLE = frozenset({"leader_phone", "contact_phone", "leader_name", "contact_name", "contact_email",
                         "project_name", "applicant_org"})


def confirmed_fields(fields: Fields, sources: MailSources) -> frozenset[str]:
    """Fields whose value the mail repeats outside the form: a second, independent reading."""
    out: set[str] = set()
    body = _nfkc(sources.body)
    body_digits = _digits(body)
    body_flat = re.sub(r"\s+", "", body)
    for name in ("leader_phone", "contact_phone"):
        value = getattr(fields, name)
        value = value.split("转", 1)[0] if value else value  # an extension a signature may leave out
        if value and len(_digits(value)) >= 7 and _digits(value) in body_digits:
            out.add(name)
    for name in ("leader_name", "contact_name"):
        value = getattr(fields, name)
        # A whole name: 刘 inside the body's 刘勇 repeats nothing.
        if value and len(value) >= 2 and (_whole_word_in(value, body_flat)
                                          or value == re.sub(r"\s+", "", _nfkc(sources.sender_name))):
            out.add(name)
    email = (fields.contact_email or "").lower()
    if email and (email == sources.sender or email in body.lower()):
        out.add("contact_email")
    key = project_key(fields.project_name)
    if key and len(key) >= 4 and any(_contains(t, key) for t in (sources.subject, sources.form_file, body)):
        out.add("project_name")
    org = org_key(fields.applicant_org)
    if org and len(org) >= 4 and any(org in org_key(t) for t in (sources.subject, sources.sender_name, body_flat,
                                                                sources.form_file)):
        out.add("applicant_org")
    return frozenset(out)


def review_values(fields: Fields, evidence: Mapping[str, Evidence], sources: MailSources,
                  guide: Guide) -> ValueReview:
    """Every cross-field and cross-source check on one application (see the module docstring)."""
    findings = (*check_dates_in_call(fields, evidence, guide), *check_item(fields, evidence, guide),
                *check_project_vs_mail(fields, evidence, sources, guide), *check_unit_vs_mail(fields, evidence, sources),
                *check_people_vs_mail(fields, evidence, sources),
                *check_unread_forms(fields, sources, guide))
    return ValueReview(findings=findings, confirmed=confirmed_fields(fields, sources))

"""Plan a corpus from a seed, render its files, and write the sample's folder layout."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

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
from benchmarks.gencorpus import pools
from benchmarks.gencorpus.forms import HOLDOUT_LAYOUTS, LAYOUTS, App, Look, draw_variant, pick_look
from benchmarks.gencorpus.holdout_variants_7 import WORD_ONLY_LAYOUTS
from benchmarks.gencorpus.rules import load_guide
from shenbao.demo.mail import ClientStyle

CST = timezone(timedelta(hours=8))
MAILBOX = "hnkxxhb@126.com"
# Seeds: each split owns a range; email i of a corpus with --seed s uses base + s*100_000 + i.
SPLIT_BASE = {"dev": 1_000_000, "heldout": 100_000_000}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

FORMATS: dict[str, str] = {
    "docx": "Word .docx",
    "pdf": "text PDF printed from the .docx by LibreOffice",
    "scan_pdf": "image-only PDF: pages rendered at 150–200 dpi, turned, grain, blur, JPEG, red seal",
    "photo_jpg": "phone photos (JPG per page) of the printed form on a desk",
    "doc": "legacy Word 97 .doc (LibreOffice)",
    "wps": "Word 97 binary under the .wps name WPS Office gives it",
    "zip_utf8": ".zip of form + 附件, UTF-8 names",
    "zip_gbk": ".zip of form + 附件, CP936 names without the UTF-8 flag",
    "7z": ".7z of form + 附件",
    "enc_docx_pw": "password-protected .docx, the password in the mail body",
    "enc_pdf_pw": "password-protected PDF, the password in the mail body",
    "enc_docx_nopw": "password-protected .docx, no password given (unreadable)",
}
WORD_FORMATS = frozenset({"docx", "doc", "wps", "zip_utf8", "zip_gbk", "7z", "enc_docx_pw"})
# Word formats that carry the .docx itself (the others are LibreOffice's .doc of it).
OOXML_FORMATS = WORD_FORMATS - {"doc", "wps"}
CLIENTS: tuple[ClientStyle, ...] = ("qq", "foxmail", "outlook", "coremail", "apple", "thunderbird")

# Variant weights per split: the held-out part draws the same variants with other odds.
WEIGHTS: dict[str, dict[str, dict[str, float]]] = {
    "dev": {
        "format": {"docx": 5, "pdf": 3.5, "scan_pdf": 1.2, "photo_jpg": 0.5, "doc": 1.5, "wps": 0.5,
                   "zip_utf8": 0.7, "zip_gbk": 0.7, "7z": 0.5},
        "scenario": {"single": 60, "joint_roles": 6, "two_apps": 4, "resend": 5, "password": 5,
                     "encrypted_nopw": 1.5, "form_missing": 1.5, "question": 3, "auto_reply": 2,
                     "designated_ok": 4},
        "checkbox": {},
    },
    "heldout": {
        "format": {"docx": 4, "pdf": 4, "scan_pdf": 1.4, "photo_jpg": 0.7, "doc": 1.2, "wps": 0.8,
                   "zip_utf8": 0.5, "zip_gbk": 0.9, "7z": 0.7},
        "scenario": {"single": 58, "joint_roles": 7, "two_apps": 5, "resend": 5, "password": 6,
                     "encrypted_nopw": 1.5, "form_missing": 1.5, "question": 3, "auto_reply": 2,
                     "designated_ok": 4},
        "checkbox": {"text_only": 0.6, "content_control": 1.4, "wingdings": 1.4},
    },
}
PROBLEMS = ("not_eligible", "designated_wrong", "funding_out", "end_late", "missing_approval",
            "missing_city_review", "missing_field", "repeat_funded", "joint_noroles", "late_electronic")

ACADEMIC_KINDS = ("学术年会", "学术论坛", "学术研讨会", "高峰论坛", "青年科学家论坛", "学术交流会")
DESIGNATED = {
    "“科创中国”湖南中心建设与运营": ("湖南省企业科协联合会", "省级学会", 70.0, "“科创中国”湖南中心建设与运营（2024年度）"),
    "创新工程专业职称评审": ("湖南省企业科协联合会", "省级学会", 30.0, "2024年度创新工程专业职称评审工作"),
    "学会制度机制建设": ("湖南省自然科学学会研究会", "省级学会", 30.0, "省级学会制度机制建设研究与推广"),
    "省级学会网站管理平台": ("湖南科技传媒集团有限责任公司", "其他", 25.0, "省级学会网站管理平台建设与运维"),
    "高校科协交流机制建设": ("中南大学科协", "高校科协", 10.0, "全省高校科协交流合作机制建设"),
    "“科创中国”试点城市建设": ("岳阳市科协", "市州科协", 10.0, "岳阳市“科创中国”试点城市建设"),
}


# ---------------------------------------------------------------------------- plan

@dataclass
class FormPlan:
    app: App
    look: Look
    fmt: str
    filename: str
    repeat_of: tuple[int, str] | None = None
    problem: str | None = None
    version: str = "current"
    extra: tuple[str, ...] = ()  # supporting file names (attachments)


@dataclass
class MailPlan:
    key: str
    scenario: str
    client: ClientStyle
    sender: str
    sender_name: str
    subject: str
    body: str
    received_at: datetime
    sent_at: datetime
    message_id: str
    forms: list[FormPlan] = field(default_factory=list)
    quirks: list[str] = field(default_factory=list)
    password: str | None = None
    supersedes: str | None = None  # key of the earlier mail this one corrects
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    forwarded: dict[str, Any] | None = None  # the applicant's own message, when the mail forwards it
    inline: list[str] = field(default_factory=list)  # names of the files pasted into the body, not attached
    pasted: str | None = None  # the HTML body holding a form pasted into it (the client's own in its place)
    headers: tuple[tuple[str, str], ...] = ()  # more header fields the client writes (a reply's threading)


class Planner:
    def __init__(self, split: str, count: int, seed: int) -> None:
        self.split, self.count = split, count
        self.base = SPLIT_BASE[split] + seed * 100_000
        self.rng = random.Random(self.base)
        self.guide = load_guide()
        self.w = WEIGHTS[split]
        self.used_orgs: set[str] = set()
        self.used_projects: set[str] = set()
        self.history: list[tuple[int, str, str, str]] = []
        self.holdout = split == "heldout"

    # --- units and people
    def org(self, rng: random.Random, kind: str) -> str:
        for _ in range(200):
            if kind == "省级学会":
                name = f"湖南省{rng.choice(pools.DISCIPLINES)}学会"
            elif kind == "市州科协":
                name = rng.choice((f"{rng.choice(pools.CITIES)}市科协", f"{rng.choice(pools.CITIES)}市科学技术协会",
                                   "湘西州科协"))
            elif kind == "高校科协":
                name = rng.choice(pools.UNIVERSITIES) + rng.choice(("科协", "科学技术协会"))
            elif kind == "企业（园区）科协":
                name = (f"湖南{rng.choice(pools.COMPANY_HEADS)}{rng.choice(pools.COMPANY_TRADES)}有限公司科协"
                        if rng.random() < 0.7 else f"{rng.choice(pools.CITIES)}高新技术产业开发区科协")
            else:
                name = f"湖南省{rng.choice(pools.INSTITUTE_TOPICS)}{rng.choice(('研究院', '促进会', '发展研究中心'))}"
            if name not in self.used_orgs:
                self.used_orgs.add(name)
                return name
        return name  # names of this kind are used up: the unit applies once more

    def project(self, rng: random.Random, item: str, org: str) -> str:
        for _ in range(200):
            if item == "学术交流":
                d = org.removeprefix("湖南省").removesuffix("学会") if org.endswith("学会") else rng.choice(pools.DISCIPLINES)
                name = rng.choice((f"2024年湖南省{d}{rng.choice(ACADEMIC_KINDS)}",
                                   f"{rng.choice(pools.THEMES)}与{d}创新发展{rng.choice(ACADEMIC_KINDS)}",
                                   f"长株潭{d}{rng.choice(pools.THEMES)}{rng.choice(ACADEMIC_KINDS)}",
                                   f"第{rng.randint(2, 15)}届湖南{d}{rng.choice(ACADEMIC_KINDS)}"))
            elif item == "学会服务站建设":
                county, ind = rng.choice(pools.COUNTIES), rng.choice(pools.INDUSTRIES)
                name = rng.choice((f"{county}{ind}产业学会服务站建设", f"服务{county}{ind}产业高质量发展学会服务站",
                                   f"{county}{ind}科技服务站建设"))
            elif item == "科技创新联盟建设":
                name = rng.choice((f"湖南省{rng.choice(pools.COMPANY_TRADES)}科技创新联盟建设",
                                   f"湖南省{rng.choice(pools.INDUSTRIES)}产业科技创新联盟建设"))
            else:
                name = DESIGNATED[item][3] if item in DESIGNATED else item
                if name in self.used_projects:
                    name = f"{name}（{org}）"
            if name not in self.used_projects:
                self.used_projects.add(name)
                return name
        k = 2
        while f"{name}（{k}期）" in self.used_projects:
            k += 1
        self.used_projects.add(f"{name}（{k}期）")
        return f"{name}（{k}期）"

    def approval(self, rng: random.Random, kind: str, ok: bool) -> str:
        if not ok:
            return rng.choice(("经理事长办公会议研究，同意申报。", "经秘书处办公会议研究，同意申报。", "同意申报。",
                               "经单位科技处审核，同意申报。", "情况属实，同意推荐。"))
        n = rng.randint(2, 9)
        return {
            "省级学会": rng.choice((f"经学会第{n}届理事会第{rng.randint(1, 6)}次会议审议通过，同意申报。",
                                    f"经第{n}届常务理事会第{rng.randint(1, 9)}次会议审议通过，同意申报。")),
            "市州科协": rng.choice(("经市科协党组会议审议通过，同意申报。", "经市科协常委会议研究，同意申报。")),
            "高校科协": "经校科协常委会审议通过，同意申报。",
            "企业（园区）科协": rng.choice(("经公司管理层会议审议通过，同意申报。", "经企业科协常委会审议通过，同意申报。")),
        }.get(kind, "经单位专题会议研究，同意申报。")

    def app(self, rng: random.Random, aid: str, item: str, kind: str, org: str, *, problem: str | None,
            partners: tuple[str, ...] = (), roles: bool = True) -> App:
        guide_item = self.guide.items[item]
        fund = float(rng.choice(range(int(guide_item.fmin), int(guide_item.fmax) + 1)))
        if guide_item.fmin != guide_item.fmax and rng.random() < 0.2:
            fund = rng.choice((fund - 0.5, fund)) if fund > guide_item.fmin else fund
        if problem == "funding_out":
            fund = rng.choice((guide_item.fmin - rng.choice((1, 2, 0.5)), guide_item.fmax + rng.choice((1, 2, 5))))
        sm = rng.randint(3, 7)
        start = date(2024, sm, 1)
        em = rng.randint(max(sm + 3, 9), 12)
        end = date(2024, em, 30 if em in (9, 11) else 31)
        if problem == "end_late":
            end = rng.choice((date(2025, 6, 30), date(2025, 3, 31), date(2025, 12, 31)))
        leader, contact = pools.person(rng), pools.person(rng)
        needs_city = self.guide.approval[kind][1]
        city = ""
        if needs_city and problem != "missing_city_review":
            city = rng.choice(("同意推荐。", "经审核，情况属实，同意推荐申报。", "同意。"))
        missing = rng.choice(("leader_phone", "contact_email", "contact_phone")) if problem == "missing_field" else ""
        email = pools.email(rng)
        app = App(
            aid=aid, project_name=self.project(rng, item, org), subcategory=item, applicant_org=org,
            applicant_type=kind, leader_name=leader, leader_post=rng.choice(pools.POSTS),
            leader_phone=None if missing == "leader_phone" else pools.mobile(rng), contact_name=contact,
            contact_phone=None if missing == "contact_phone" else rng.choice((pools.mobile, pools.landline))(rng),
            contact_email=None if missing == "contact_email" else email, funding_wan=fund, start=start, end=end,
            approval_text=self.approval(rng, kind, problem != "missing_approval"), city_review_text=city,
            partners=partners, roles_stated=roles, self_raised_wan=float(rng.choice((0, 0, 2, 5, 10))),
            address=f"长沙市{rng.choice(('芙蓉区', '天心区', '岳麓区', '开福区', '雨花区'))}{rng.choice(pools.ROADS)}"
                    f"{rng.randint(1, 400)}号",
            postcode=f"4100{rng.randint(0, 9)}{rng.randint(0, 9)}",
            content=("一、项目背景与必要性。" + rng.choice(pools.THEMES) + "是当前工作重点，本项目围绕该方向组织实施。",
                     "二、主要内容。组织专家开展调研、交流与服务活动，形成成果报告。",
                     "三、组织保障。成立项目工作组，由申报单位本级组织实施。"),
            members=tuple((pools.person(rng), rng.choice(pools.POSTS), pools.mobile(rng))
                          for _ in range(rng.randint(0, 2))),
        )
        # The eleventh set's own names and phones (no draw of the plan's: drawn per application).
        app = hv11.people(app, self.base)
        # The twelfth set's own contacts (no draw of the plan's: drawn per application).
        return hv12.people(app, self.base)

    def look(self, rng: random.Random, fmt: str, app: App) -> Look:
        layouts = [lay for lay in LAYOUTS if (self.holdout or lay not in HOLDOUT_LAYOUTS)
                   and (fmt in WORD_FORMATS or lay not in WORD_ONLY_LAYOUTS)
                   and (fmt == "pdf" or lay not in hv13.PDF_ONLY_LAYOUTS | hv14.PDF_ONLY_LAYOUTS)
                   and (fmt in OOXML_FORMATS or lay not in hv15.OOXML_ONLY_LAYOUTS)
                   and (fmt == "docx" or lay not in hv15.SHEET_LAYOUTS)]
        layout = draw_variant(rng, layouts, HOLDOUT_LAYOUTS, self.holdout, key=f"{app.aid}-{fmt}-layout")
        return pick_look(rng, layout, fmt in WORD_FORMATS, self.w["checkbox"], self.holdout, app,
                         ooxml_ok=fmt in OOXML_FORMATS, fmt=fmt)

    def fmt(self, rng: random.Random) -> str:
        f = self.w["format"]
        return rng.choices(list(f), list(f.values()))[0]

    @staticmethod
    def ext(fmt: str) -> str:
        return {"docx": "docx", "pdf": "pdf", "scan_pdf": "pdf", "doc": "doc", "wps": "wps", "enc_docx_pw": "docx",
                "enc_pdf_pw": "pdf", "enc_docx_nopw": "docx", "photo_jpg": "jpg"}.get(fmt, "docx")

    def filename(self, rng: random.Random, app: App, fmt: str) -> str:
        ext = self.ext(fmt)
        stem = rng.choice((f"{app.applicant_org}2024年度科协项目申报书", "申报书", app.project_name,
                           f"2024年度湖南省科协科技创新服务能力提升计划项目申报书-{app.applicant_org}",
                           f"{app.applicant_org}-{app.project_name}申报书"))
        if fmt == "scan_pdf":
            stem += rng.choice(("（盖章扫描件）", "扫描件", ""))
        return f"{stem}.{ext}"

    # --- mail
    def sender(self, rng: random.Random, client: ClientStyle, app: App | None) -> tuple[str, str]:
        if client == "qq":
            addr = f"{rng.randint(10_000_000, 3_999_999_999)}@qq.com"
        elif client == "foxmail":
            addr = f"{pools.mailbox_name(rng)}@{rng.choice(('foxmail.com', 'qq.com', '163.com'))}"
        elif client == "coremail":
            addr = f"{pools.mailbox_name(rng)}@{rng.choice(('163.com', '126.com', 'yeah.net'))}"
        else:
            addr = pools.email(rng)
        if app is not None and app.contact_email and rng.random() < 0.4:
            addr = app.contact_email
        name = app.contact_name if app is not None and rng.random() < 0.5 else (
            app.applicant_org if app is not None else pools.person(rng))
        return addr, name

    def message_id(self, rng: random.Random, client: ClientStyle, sender: str, when: datetime) -> str:
        h = hashlib.sha1(f"{self.base}-{rng.random()}".encode()).hexdigest()
        domain = sender.rsplit("@", 1)[1]
        if client == "qq":
            return f"<tencent_{h[:40].upper()}@qq.com>"
        if client == "foxmail":
            return f"<{when:%Y%m%d%H%M%S}{int(h[:6], 16) % 10**7:07d}@{domain}>"
        if client == "coremail":
            return f"<{h[:8]}.{h[8:12]}.{h[12:23]}.Coremail.{sender.split('@')[0]}@{domain}>"
        if client == "outlook":
            return f"<000001{h[:6]}${h[6:14]}${h[14:22]}$@{domain}>"
        return f"<{h[:8].upper()}-{h[8:12].upper()}-{h[12:16].upper()}-{h[16:20].upper()}-{h[20:32].upper()}@{domain}>"


def _when(rng: random.Random, late: bool) -> datetime:
    if late:
        return rng.choice((datetime(2024, 4, 30, 17, rng.randint(1, 59), rng.randint(0, 59), tzinfo=CST),
                           datetime(2024, 5, rng.randint(1, 6), rng.randint(8, 22), rng.randint(0, 59), tzinfo=CST)))
    day = min(30, int(rng.triangular(1, 31, 29)))
    hour = rng.randint(8, 23) if day < 30 else rng.randint(8, 16)
    return datetime(2024, 4, day, hour, rng.randint(0, 59), rng.randint(0, 59), tzinfo=CST)


def _body(rng: random.Random, app: App | None, password: str | None) -> str:
    lines = ["您好！"]
    if app is not None:
        lines.append(f"附件是{app.applicant_org}申报的“{app.project_name}”项目申报书，请查收。纸质版已邮寄。")
    if password:
        lines.append(rng.choice((f"附件已加密，打开密码：{password}", f"文件口令：{password}",
                                 f"申报书设置了密码，密码是{password}，谢谢！", f"PDF password: {password}")))
    if app is not None:
        lines.append(f"联系人：{app.contact_name}  {app.contact_phone or ''}")
    lines.append("此致\n敬礼")
    return "\n".join(lines)


def _subject(rng: random.Random, app: App) -> str:
    return rng.choice((f"{app.applicant_org}申报材料", "项目申报书", f"申报书-{app.applicant_org}-{app.project_name}",
                       f"2024年度科技创新服务能力提升计划项目申报（{app.applicant_org}）",
                       f"【项目申报】{app.applicant_org}{app.project_name}",
                       f"{app.applicant_org}关于申报2024年度省科协{app.subcategory}项目的函"))


def plan_corpus(split: str, count: int, seed: int = 0) -> tuple[Planner, list[MailPlan]]:
    p = Planner(split, count, seed)
    mails: list[MailPlan] = []
    scen = p.w["scenario"]
    aid_n = 0
    i = 0
    while len(mails) < count:
        rng = random.Random(p.base + i)
        i += 1
        scenario = rng.choices(list(scen), list(scen.values()))[0]
        if scenario == "resend" and count - len(mails) < 2:
            scenario = "single"
        client = rng.choice(CLIENTS)
        if scenario in ("question", "auto_reply"):
            sender, name = p.sender(rng, client, None)
            when = _when(rng, False)
            if scenario == "question":
                org = p.org(rng, "省级学会")
                subject = rng.choice((f"咨询：{org}能否申报学会服务站项目", "关于项目申报的咨询", f"{org}项目申报书是否收到"))
                body = f"您好，{org}想咨询一下：今年的申报书纸质版需要几份？是否需要市州科协盖章？谢谢。"
                other_quirks = ["question"]
            else:
                subject = "自动回复: 关于组织申报2024年度湖南省科协科技创新服务能力提升计划项目的通知"
                body = "您好，您的来信已收到，我近期休假，返回后尽快回复。"
                other_quirks = ["auto_reply"]
            m = MailPlan(key=f"m{i}", scenario=scenario, client=client, sender=sender, sender_name=name,
                         subject=subject, body=body, received_at=when, sent_at=when - timedelta(seconds=rng.randint(1, 40)),
                         message_id=p.message_id(rng, client, sender, when), quirks=other_quirks)
            mails.append(m)
            continue
        # an application mail
        problem: str | None = None
        partners: tuple[str, ...] = ()
        roles = True
        if scenario == "designated_ok":
            item = rng.choice(list(DESIGNATED))
            org, kind, _, _ = DESIGNATED[item]
            if org in p.used_orgs:
                item, kind, org = "学术交流", "省级学会", p.org(rng, "省级学会")
            else:
                p.used_orgs.add(org)
        else:
            if scenario == "single" and rng.random() < 0.4:
                problem = rng.choice(PROBLEMS)
            kind = rng.choices(("省级学会", "市州科协", "高校科协", "企业（园区）科协", "民非组织"), (10, 2, 2, 2, 2))[0]
            if problem == "missing_city_review" and not p.guide.approval[kind][1]:
                kind = rng.choice(("企业（园区）科协", "民非组织"))
            items = [n for n, it in p.guide.items.items() if not it.designated and
                     (not it.eligible_types or kind in it.eligible_types) and
                     (n != "科技创新联盟建设" or kind == "省级学会")]
            item = rng.choice(items)
            if problem == "not_eligible":
                kind = rng.choice(("市州科协",)) if item == "学术交流" else rng.choice(("高校科协", "企业（园区）科协",
                                                                                     "民非组织"))
                if item == "科技创新联盟建设":
                    item, kind = "学术交流", "市州科协"
            if problem == "designated_wrong":
                item = rng.choice(list(DESIGNATED))
                kind = "省级学会"
            org = p.org(rng, kind)
            if problem == "joint_noroles" or scenario == "joint_roles":
                partners = tuple(p.org(rng, "省级学会") for _ in range(rng.randint(1, 3)))
                roles = problem != "joint_noroles"
        aid_n += 1
        app = p.app(rng, f"A-{aid_n:04d}", item, kind, org, problem=problem, partners=partners, roles=roles)
        if scenario == "designated_ok":
            app = replace(app, funding_wan=p.guide.items[item].fmin)
        fmt = p.fmt(rng)
        password = None
        if scenario == "password":
            fmt = rng.choice(("enc_docx_pw", "enc_pdf_pw"))
            password = rng.choice((str(rng.randint(1000, 999999)), f"hn{rng.randint(100, 9999)}", "123456", "kx2024"))
        elif scenario == "encrypted_nopw":
            fmt = "enc_docx_nopw"
        look = p.look(rng, fmt, app)
        form = FormPlan(app=app, look=look, fmt=fmt, filename=p.filename(rng, app, fmt), problem=problem)
        if problem == "repeat_funded":
            year = rng.choice((2022, 2023))
            hist_org = app.applicant_org.replace("湖南省", "省", 1) if rng.random() < 0.4 else app.applicant_org
            p.history.append((year, hist_org, app.project_name, app.subcategory))
            form.repeat_of = (year, hist_org)
        if rng.random() < 0.15 and fmt not in ("enc_docx_nopw",):
            form.extra = (rng.choice(("附件1：专家团队名单.docx", "附件：会议方案.docx", "附件2：理事会决议.docx")),)
        sender, name = p.sender(rng, client, app)
        late = problem == "late_electronic"
        when = _when(rng, late)
        quirks: list[str] = []
        sent = when - timedelta(seconds=rng.randint(2, 90))
        if late and rng.random() < 0.5:
            sent = datetime(2024, 4, 30, 16, rng.randint(10, 58), tzinfo=CST)
            quirks.append("late_lying_date")
        header_habit = rng.random()
        if client in ("qq", "foxmail") and header_habit < 0.25:
            quirks.append("name_only")
        elif client in ("apple", "thunderbird") and header_habit < 0.35:
            quirks.append("gbk_rfc2231")
        if rng.random() < 0.08:
            quirks.append("date_utc")
        m = MailPlan(key=f"m{i}", scenario=scenario, client=client, sender=sender, sender_name=name,
                     subject=_subject(rng, app), body=_body(rng, app, password), received_at=when, sent_at=sent,
                     message_id=p.message_id(rng, client, sender, when), forms=[form], quirks=quirks,
                     password=password)
        if scenario == "form_missing":
            m.forms[0].fmt = "none"
            m.quirks.append("form_missing")
        if scenario == "two_apps":
            aid_n += 1
            item2 = "学会服务站建设" if app.subcategory != "学会服务站建设" and kind in ("省级学会", "市州科协") else "学术交流"
            if kind not in p.guide.items[item2].eligible_types:
                item2 = app.subcategory
            app2 = p.app(rng, f"A-{aid_n:04d}", item2, kind, org, problem=None)
            fmt2 = p.fmt(rng)
            m.forms.append(FormPlan(app=app2, look=p.look(rng, fmt2, app2), fmt=fmt2, filename=p.filename(rng, app2, fmt2)))
            if m.forms[1].filename == m.forms[0].filename or m.forms[1].filename.rsplit(".", 1)[0] == \
                    m.forms[0].filename.rsplit(".", 1)[0]:
                m.forms[1].filename = f"申报书2-{app2.project_name}.{m.forms[1].filename.rsplit('.', 1)[1]}"
            m.quirks.append("two_apps")
            m.subject = f"{org}2024年度项目申报书（2项）"
        mails.append(m)
        if scenario == "resend":
            # The first version carries a mistake; the second, hours later, corrects it.
            flaw = rng.choice(("missing_field", "funding_out"))
            bad = replace(app, leader_phone=None) if flaw == "missing_field" else replace(
                app, funding_wan=p.guide.items[item].fmax + 2)
            m.forms[0] = replace(form, app=bad, version="superseded", problem=flaw)
            m.quirks.append("resend_corrected")
            when2 = min(when + timedelta(hours=rng.randint(1, 40)), datetime(2024, 4, 30, 16, 50, tzinfo=CST))
            if when2 <= when:
                when2 = when + timedelta(minutes=20)
            fmt2 = fmt if rng.random() < 0.6 else p.fmt(rng)
            m2 = MailPlan(key=f"m{i}b", scenario=scenario, client=client, sender=sender, sender_name=name,
                          subject="【更正版】" + m.subject, body="更正：上一封邮件中的申报书有误，以本邮件为准。\n" + m.body,
                          received_at=when2, sent_at=when2 - timedelta(seconds=5),
                          message_id=p.message_id(rng, client, sender, when2),
                          forms=[replace(form, fmt=fmt2, look=p.look(rng, fmt2, app),
                                         filename=form.filename.rsplit(".", 1)[0] + "." + p.ext(fmt2))],
                          quirks=["resend_corrected"],
                          supersedes=m.key)
            mails.append(m2)
    mails.sort(key=lambda m: m.received_at)
    from benchmarks.gencorpus import holdout_variants_10 as hv10

    hv10.settle(mails)  # the tenth set's ways of sending (no draw of its own)
    hv12.settle(mails)  # the twelfth set's (no draw of its own either)
    hv13.settle(mails)  # the thirteenth set's (no draw of its own either)
    hv14.settle(mails)  # the fourteenth set's (no draw of its own either)
    hv15.settle(mails)  # the fifteenth set's (no draw of its own either)
    hv16.settle(mails)  # the sixteenth set's (no draw of its own either)
    hv17.settle(mails)  # the seventeenth set's (no draw of its own either)
    hv18.settle(mails)  # the eighteenth set's (no draw of its own either)
    hv19.settle(mails)  # the nineteenth set's (no draw of its own either)
    hv20.settle(mails)  # the twentieth set's (no draw of its own either)
    if p.holdout:
        hv21.settle(mails)  # the held-out sets' (no draw of the plan's: dev's mails stay what they were)
        hv22.settle(mails)
        hv23.settle(mails)
        hv24.settle(mails)
        hv25.settle(mails)
    return p, mails[:count] if len(mails) > count else mails

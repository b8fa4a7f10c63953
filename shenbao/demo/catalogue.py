"""The demo's submissions as data: about twenty invented units sending their 申报书 by
mail, the paper receipts staff logged, and the projects funded in 2022 and 2023.

Every unit, project and person here is invented. Each case states what the pipeline is
expected to find (`expected_codes`, the contract's finding codes) and what a careful
reader could also raise without being wrong (`tolerated_codes`), so that an end-to-end
test can check the whole intake against it.

Deadlines assumed: electronic 2024-04-30 17:00 (+08:00, by server receipt time), paper
postmarked by 2024-04-30.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Literal

from shenbao.demo.forms import Attachment, BudgetLine, FormSpec
from shenbao.demo.mail import ClientStyle

CST = timezone(timedelta(hours=8))
MAILBOX = "hnkxxhb@126.com"


def at(month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, second, tzinfo=CST)


@dataclass(frozen=True)
class DemoReceipt:
    """One ledger row, with its cells exactly as the clerk typed them."""

    receipt_id: str
    received_on: date | str
    postmarked_on: date | str | None
    applicant_org: str
    project_name: str
    copies: int
    handler: str
    note: str = ""


@dataclass(frozen=True)
class DemoCase:
    """One demo message and what it should produce.

    `form_format`: how the form travels — "docx", "pdf", or "zip_gbk" (a zip made on
    Chinese Windows: the form .docx and the supporting files, CP936 member names without
    the UTF-8 flag). `superseded_by` names the key of a later corrected version."""

    key: str
    kind: Literal["application", "other"]
    message_id: str
    client: ClientStyle
    sender: str
    sender_name: str
    subject: str
    body: str
    sent_at: datetime  # what the Date header says
    received_at: datetime  # what the server recorded (INTERNALDATE / Maildir mtime)
    scenario: str  # short English description
    form: FormSpec | None = None
    form_format: Literal["docx", "pdf", "zip_gbk"] | None = None
    form_filename: str = ""
    zip_filename: str = ""
    supporting: tuple[tuple[str, Attachment], ...] = ()  # (filename, document)
    extra_headers: tuple[tuple[str, str], ...] = ()
    receipt: DemoReceipt | None = None
    expected_codes: frozenset[str] = frozenset()
    tolerated_codes: frozenset[str] = frozenset()
    superseded_by: str | None = None


@dataclass(frozen=True)
class FundedProject:
    year: int
    applicant_org: str
    project_name: str
    subcategory: str


# --------------------------------------------------------------------------- form builders

_ACADEMIC_BUDGET = (("会场及设备租赁费", 0.2, "会场2天"), ("专家咨询费", 0.25, "院士及专家报告"),
                    ("差旅费", 0.2, "外地专家交通住宿"), ("资料印刷费", 0.15, "论文集及会议资料"),
                    ("宣传费", 0.1, "媒体宣传"), ("劳务费", 0.1, "会务人员"))
_STATION_BUDGET = (("专家服务费", 0.3, "专家现场服务"), ("差旅费", 0.25, "下乡服务交通"),
                   ("培训费", 0.2, "技术培训"), ("资料费", 0.1, "技术手册"), ("宣传费", 0.15, "宣传推广"))
_PROGRAMME_BUDGET = (("人员费", 0.3, "项目人员"), ("业务费", 0.3, "会议、培训"),
                     ("平台运维费", 0.2, "系统运行维护"), ("专家咨询费", 0.1, "评审论证"), ("宣传费", 0.1, "宣传推广"))


def budget(funding_wan: float, unit: Literal["万元", "元"], template: tuple[tuple[str, float, str], ...]
           ) -> tuple[tuple[BudgetLine, ...], str]:
    """Budget lines that add up exactly to the requested amount, typed in `unit`."""
    total_yuan = round(funding_wan * 10000)
    amounts = [round(total_yuan * share / 1000) * 1000 for _, share, _ in template]
    amounts[-1] = total_yuan - sum(amounts[:-1])

    def fmt(yuan: int) -> str:
        if unit == "元":
            return str(yuan)
        wan = yuan / 10000
        return f"{wan:g}" if wan == int(wan) else f"{wan:.1f}"

    lines = tuple(BudgetLine(item, fmt(a), basis) for (item, _, basis), a in zip(template, amounts))
    return lines, fmt(total_yuan)


def academic_form(*, theme: str, city: str, month: int, attendees: int, funding_wan: float,
                  unit: Literal["万元", "元"] = "万元", **kw: object) -> FormSpec:
    lines, total = budget(funding_wan, unit, _ACADEMIC_BUDGET)
    content = (
        f"一、项目背景。围绕湖南“4×4”现代化产业体系，聚焦{theme}领域关键核心技术突破，推动学术交流嵌入产业链创新链。",
        f"二、主要内容。拟于2024年{month}月在{city}举办，邀请院士及知名专家作主旨报告，设置3个分论坛，预计参会代表{attendees}人。",
        "三、组织实施。成立组委会和学术委员会，由申报单位本级组织实施，不转包。",
    )
    goals = ("1.举办高端学术活动1次，参会人数不少于200人；", "2.形成会议论文集或决策咨询报告1份；",
             "3.在省级以上媒体宣传报道不少于3次。")
    return FormSpec(subcategory="学术交流", budget_lines=lines, budget_total=total, budget_unit=unit,
                    content=content, goals=goals, **kw)  # type: ignore[arg-type]


def station_form(*, theme: str, online: int, offline: int, funding_wan: float,
                 unit: Literal["万元", "元"] = "万元", **kw: object) -> FormSpec:
    lines, total = budget(funding_wan, unit, _STATION_BUDGET)
    content = (
        f"一、建设目标。以服务{theme}发展为目标，建立10人以上专家团队，开展线上线下科技服务活动。",
        f"二、主要任务。开展线上服务不少于{online}次、线下活动不少于{offline}次，开展技术培训、咨询论证和成果转化对接。",
        "三、保障措施。明确专人负责，建立工作台账，定期报送工作进展。",
    )
    goals = ("1.建成学会服务站1个，专家团队10人以上；", f"2.线上服务不少于{online}次、线下活动不少于{offline}次；",
             "3.解决企业或农户技术难题5项以上。")
    return FormSpec(subcategory="学会服务站建设", budget_lines=lines, budget_total=total, budget_unit=unit,
                    content=content, goals=goals, **kw)  # type: ignore[arg-type]


def programme_form(*, subcategory: str, funding_wan: float, aim: str, **kw: object) -> FormSpec:
    lines, total = budget(funding_wan, "万元", _PROGRAMME_BUDGET)
    content = (f"一、项目内容。{aim}", "二、实施计划。上半年完成方案制定与组织动员，下半年完成主要任务并总结验收。",
               "三、保障措施。成立项目工作组，落实专人负责，严格经费管理。")
    goals = ("1.按期完成指南规定的各项目标任务；", "2.形成年度工作总结报告1份；", "3.服务对象满意度不低于90%。")
    return FormSpec(subcategory=subcategory, budget_lines=lines, budget_total=total, content=content,
                    goals=goals, **kw)  # type: ignore[arg-type]


def covering_letter(org: str, project: str, person: str, phone: str, item: str = "") -> str:
    what = f"“{item}”项目" if item else "项目"
    return (f"杨老师：\n    您好！附件是{org}申报的2024年度湖南省科协科技创新服务能力提升计划{what}"
            f"《{project}》申报书电子版，纸质版一式三份已寄出，请查收。\n    联系人：{person}，电话：{phone}\n\n{org}")


EXPERTS = Attachment("附件1：专家团队名单", ("1. 唐明远  教授  湖南农业大学", "2. 易春华  研究员  湖南省农业科学院",
                                             "3. 龙海波  高级工程师  省林业科学院"))
PLAN = Attachment("附件2：服务站建设方案", ("一、建设目标", "二、专家团队组成：建立10人以上专家团队。",
                                          "三、服务内容：线上服务不少于10次，线下活动不少于3次。"))
AGENDA = Attachment("会议日程（初稿）", ("第一天上午：开幕式、主旨报告", "第一天下午：分论坛", "第二天上午：圆桌讨论、闭幕"))


# --------------------------------------------------------------------------- the cases

_SUPPORT_TOLERATED = frozenset({"NEEDS_REVIEW"})

CASES: tuple[DemoCase, ...] = (
    DemoCase(
        key="D01", kind="other", message_id="<tencent_3F1C0A9B7D2E45F6A8B9C0D1E2F3A4B5C6D7E8F9@qq.com>",
        client="qq", sender="2875513306@qq.com", sender_name="",
        subject="自动回复: 关于组织申报2024年度湖南省科协科技创新服务能力提升计划项目的通知",
        body="这是来自QQ邮箱的假期自动回复邮件。\n您好，我最近正在休假中，无法亲自回复您的邮件。我将在假期结束后，尽快给您回复。",
        sent_at=at(4, 2, 9, 12, 40), received_at=at(4, 2, 9, 12, 43), scenario="auto-reply to the call notice",
        extra_headers=(("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")),
    ),
    DemoCase(
        key="D02", kind="application", message_id="<tencent_8A41C2D39E7F0B6A5C4D3E2F1A0B9C8D7E6F5A41@qq.com>",
        client="qq", sender="3390217764@qq.com", sender_name="湖南省声学学会",
        subject="湖南省声学学会关于申报2024年度省科协学术交流项目的函",
        body=covering_letter("湖南省声学学会", "第二届洞庭湖生态声学前沿学术研讨会", "贺晓琳", "0731-88762210", "学术交流"),
        sent_at=at(4, 9, 10, 21, 5), received_at=at(4, 9, 10, 21, 19), scenario="clean docx, grid4, ballot ☑",
        form=academic_form(
            theme="生态声学", city="岳阳", month=9, attendees=260, funding_wan=8,
            project_name="第二届洞庭湖生态声学前沿学术研讨会", applicant_org="湖南省声学学会",
            applicant_type="省级学会", leader_name="欧阳立新", leader_title="理事长", leader_phone="13907318826",
            contact_name="贺晓琳", contact_phone="0731-88762210", contact_email="3390217764@qq.com",
            funding="8万元", period="2024年5月—2024年11月", address="长沙市开福区湘雅路52号", postcode="410008",
            approval_text="经湖南省声学学会第五届常务理事会第三次会议审议通过，同意申报。",
            layout="grid4", checkbox="ballot", signed_on="2024年4月8日"),
        form_format="docx", form_filename="2024年度湖南省科协科技创新服务能力提升计划项目申报书-湖南省声学学会.docx",
        receipt=DemoReceipt("P-001", date(2024, 4, 15), date(2024, 4, 11), "湖南省声学学会",
                            "第二届洞庭湖生态声学前沿学术研讨会", 3, "杨青", "邮政挂号"),
    ),
    DemoCase(
        key="D03", kind="application", message_id="<202404111532086625417@foxmail.com>",
        client="foxmail", sender="hnzbxh@foxmail.com", sender_name="湖南省植物保护学会",
        subject="湖南省植物保护学会-学会服务站建设项目申报",
        body=covering_letter("湖南省植物保护学会", "服务油茶产业乡村振兴学会服务站建设（平江）", "彭玉兰", "13786153029"),
        sent_at=at(4, 11, 15, 32, 8), received_at=at(4, 11, 15, 32, 51), scenario="clean pdf, two_col_spaced, square ■",
        form=station_form(
            theme="油茶产业", online=12, offline=4, funding_wan=8, unit="元",
            project_name="服务油茶产业乡村振兴学会服务站建设（平江）", applicant_org="湖南省植物保护学会",
            applicant_type="省级学会", leader_name="谭振国", leader_title="副理事长", leader_phone="13974861120",
            contact_name="彭玉兰", contact_phone="13786153029", contact_email="hnzbxh@foxmail.com",
            funding="80000元", period="2024年4月—2024年12月", address="长沙市芙蓉区远大二路892号", postcode="410125",
            approval_text="经学会七届四次常务理事会审议，同意申报该项目，并保证按期完成项目任务。",
            layout="two_col_spaced", checkbox="square", signed_on="2024年4月10日"),
        form_format="pdf", form_filename="服务油茶产业乡村振兴学会服务站建设（平江）申报书.pdf",
        supporting=(("附件1：专家团队名单.docx", EXPERTS),),
        receipt=DemoReceipt("P-002", "2024/4/16", "2024/4/12", "省植保学会", "服务油茶产业乡村振兴学会服务站",
                            3, "周敏"),
        tolerated_codes=_SUPPORT_TOLERATED,
    ),
    DemoCase(
        key="D04", kind="application", message_id="<000001da8c2e$4b7a19f0$e26e4dd0$@hnuas.edu.cn>",
        client="outlook", sender="kx@hnuas.edu.cn", sender_name="湖南文理学院科协",
        subject="湖南文理学院科协申报材料（学术交流）",
        body=("省科协科技创新部：\n    现将我单位《沅澧流域智能制造与绿色材料学术论坛》项目申报书报送贵部，请审核。\n\n"
              "    此致\n敬礼！\n\n龚立军\n0736-7186325"),
        sent_at=at(4, 12, 16, 5, 31), received_at=at(4, 12, 16, 6, 2), scenario="clean docx, vertical, 捌万元整（￥80,000.00）",
        form=academic_form(
            theme="智能制造与绿色材料", city="常德", month=10, attendees=300, funding_wan=8, unit="元",
            project_name="沅澧流域智能制造与绿色材料学术论坛", applicant_org="湖南文理学院科学技术协会",
            applicant_type="高校科协", leader_name="曾宪斌", leader_title="科协主席", leader_phone="13807362215",
            contact_name="龚立军", contact_phone="0736-7186325", contact_email="kx@hnuas.edu.cn",
            funding="捌万元整（￥80,000.00）", period="2024年5月1日至2024年11月30日",
            address="常德市武陵区洞庭大道3150号", postcode="415000",
            approval_text="经湖南文理学院科协常委会议审议通过，同意申报。",
            layout="vertical", checkbox="tick", signed_on="2024年4月12日"),
        form_format="docx", form_filename="申报书.docx",
        receipt=DemoReceipt("P-003", "2024年4月18日", date(2024, 4, 15), "湖南文理学院科协",
                            "沅澧流域智能制造与绿色材料学术论坛", 3, "杨青", "EMS"),
        tolerated_codes=_SUPPORT_TOLERATED,
    ),
    DemoCase(
        key="D05", kind="application", message_id="<5c1e7a20.4f1b.18ed7c2a9b3.Coremail.syskx2020@163.com>",
        client="coremail", sender="syskx2020@163.com", sender_name="邵阳市科协",
        subject="邵阳市科协2024年度学会服务站建设项目申报",
        body="老师您好：\n附件为邵阳市科协2024年度科技创新服务能力提升计划项目申报材料，请查收。如有问题请联系刘思远（15973907741）。",
        sent_at=at(4, 15, 9, 40, 12), received_at=at(4, 15, 9, 40, 30), scenario="clean pdf, vertical, paren （√）",
        form=station_form(
            theme="中药材产业", online=10, offline=5, funding_wan=6,
            project_name="邵阳市服务中药材产业学会服务站建设", applicant_org="邵阳市科学技术协会",
            applicant_type="市州科协", leader_name="罗建华", leader_title="党组成员、副主席", leader_phone="13907396638",
            contact_name="刘思远", contact_phone="15973907741", contact_email="syskx2020@163.com",
            funding="6万元", period="2024年5月—2024年12月", address="邵阳市双清区宝庆东路3号", postcode="422000",
            approval_text="经邵阳市科协党组会议研究审议通过，同意申报。",
            layout="vertical", checkbox="paren", signed_on="2024年4月14日"),
        form_format="pdf", form_filename="邵阳市科协-学会服务站建设项目申报书.pdf",
        receipt=DemoReceipt("P-004", date(2024, 4, 19), date(2024, 4, 16), "邵阳市科协", "服务中药材产业学会服务站", 3, "周敏"),
        tolerated_codes=_SUPPORT_TOLERATED,
    ),
    DemoCase(
        key="D06", kind="application", message_id="<6a0f3e91.2b7c.18ee0d4f1a2.Coremail.hyskx_kjb@126.com>",
        client="coremail", sender="hyskx_kjb@126.com", sender_name="衡阳市科协科技部",
        subject="衡阳市科协“科创中国”试点城市建设项目申报书",
        body="杨老师：\n    您好！附件为衡阳市科协“科创中国”试点城市建设项目申报书，纸质版已寄出。\n衡阳市科协 王海燕",
        sent_at=at(4, 16, 14, 18, 2), received_at=at(4, 16, 14, 18, 40),
        scenario="clean docx, inline_colon without a type field; continuing item funded in 2023 (not a repeat)",
        form=programme_form(
            subcategory="“科创中国”试点城市建设", funding_wan=10,
            aim="继续推进衡阳市“科创中国”试点城市建设，引入全国学会科技资源，服务核技术应用、输变电装备等重点产业。",
            project_name="衡阳市“科创中国”试点城市深化建设", applicant_org="衡阳市科学技术协会",
            applicant_type=None, leader_name="陈永红", leader_title="党组书记、主席", leader_phone="13807341905",
            contact_name="王海燕", contact_phone="0734-8226617", contact_email="hyskx_kjb@126.com",
            funding="10", period="2024年3月—2024年12月", address="衡阳市蒸湘区船山大道16号", postcode="421001",
            approval_text="经衡阳市科协党组会议审议通过，同意申报。",
            layout="inline_colon", checkbox="ballot", signed_on="2024年4月16日"),
        form_format="docx", form_filename="衡阳市科协“科创中国”试点城市建设项目申报书.docx",
        receipt=DemoReceipt("P-005", "4月22日", None, "衡阳市科学技术协会", "“科创中国”试点城市深化建设", 3, "杨青"),
        tolerated_codes=_SUPPORT_TOLERATED,
    ),
    DemoCase(
        key="D07", kind="application", message_id="<tencent_1B2C3D4E5F60718293A4B5C6D7E8F9012A3B4C5D@qq.com>",
        client="qq", sender="1572809931@qq.com", sender_name="九华经济区科协",
        subject="湘潭九华经济区科协学术交流项目申报",
        body=covering_letter("湘潭九华经济区科协", "九华新能源汽车零部件产学研对接交流会", "石晓峰", "0731-58612270", "学术交流"),
        sent_at=at(4, 17, 11, 2, 44), received_at=at(4, 17, 11, 3, 9),
        scenario="clean pdf, grid4, tick √; park association with 市州科协 review",
        form=academic_form(
            theme="新能源汽车零部件", city="湘潭", month=8, attendees=220, funding_wan=6,
            project_name="九华新能源汽车零部件产学研对接交流会", applicant_org="湘潭九华经济区科学技术协会",
            applicant_type="企业（园区）科协", leader_name="黎国强", leader_title="科协主席", leader_phone="13875236619",
            contact_name="石晓峰", contact_phone="0731-58612270", contact_email="1572809931@qq.com",
            funding="6.0万元", period="2024-05～2024-10", address="湘潭市岳塘区九华大道9号", postcode="411100",
            approval_text="经九华经济区企业科协常委会议审议通过，同意申报。",
            city_review_text="经审核，该单位申报材料真实，同意推荐申报。湘潭市科协",
            layout="grid4", checkbox="tick", signed_on="2024年4月16日"),
        form_format="pdf", form_filename="九华经济区科协申报书.pdf",
        receipt=DemoReceipt("P-006", date(2024, 4, 22), date(2024, 4, 18), "湘潭九华经济区科协",
                            "九华新能源汽车零部件产学研对接交流会", 3, "周敏", "顺丰"),
    ),
    DemoCase(
        key="D08", kind="application", message_id="<A7C3F2E1-5B9D-4C8A-9E6F-1D2B3C4A5E6F@hnxsxc.org.cn>",
        client="apple", sender="office@hnxsxc.org.cn", sender_name="湖南省新型显示产业促进会",
        subject="新型显示技术湖南青年学者论坛-申报书",
        body=covering_letter("湖南省新型显示产业促进会", "新型显示技术湖南青年学者论坛", "谢婉清", "18073166254", "学术交流"),
        sent_at=at(4, 18, 20, 15, 0), received_at=at(4, 18, 20, 15, 22),
        scenario="clean docx, two_col_spaced, ballot; 民非组织 with review; only 2 paper copies",
        form=academic_form(
            theme="新型显示", city="长沙", month=9, attendees=200, funding_wan=7,
            project_name="新型显示技术湖南青年学者论坛", applicant_org="湖南省新型显示产业促进会",
            applicant_type="民非组织", leader_name="万国栋", leader_title="会长", leader_phone="13908453371",
            contact_name="谢婉清", contact_phone="18073166254", contact_email="office@hnxsxc.org.cn",
            funding="7", period="2024年6月—2024年10月", address="长沙市岳麓区尖山路39号", postcode="410205",
            approval_text="经促进会单位专题会议研究，同意申报。",
            city_review_text="经审核，同意推荐。长沙市科学技术协会",
            layout="two_col_spaced", checkbox="ballot", signed_on="2024年4月18日"),
        form_format="docx", form_filename="新型显示技术湖南青年学者论坛申报书.docx",
        supporting=(("会议日程（初稿）.docx", AGENDA),),
        receipt=DemoReceipt("P-007", date(2024, 4, 23), date(2024, 4, 20), "省新型显示产业促进会",
                            "新型显示技术湖南青年学者论坛", 2, "杨青", "少一份"),
        expected_codes=frozenset({"PAPER_SHORT"}), tolerated_codes=_SUPPORT_TOLERATED,
    ),
    DemoCase(
        key="D09", kind="application", message_id="<3d2f9b8e.71a4.18ef1a2b3c4.Coremail.hnwswxh@163.com>",
        client="coremail", sender="hnwswxh@163.com", sender_name="湖南省微生物学会",
        subject="湖南省微生物学会申报材料（压缩包）",
        body="杨老师您好：\n附件压缩包内为湖南省微生物学会服务站项目申报书及附件，请查收。\n联系人：贺文静 13548671290",
        sent_at=at(4, 19, 17, 45, 10), received_at=at(4, 19, 17, 45, 31),
        scenario="zip made on Chinese Windows (GBK member names), grid4 docx inside",
        form=station_form(
            theme="酱香型白酒企业科技创新", online=10, offline=4, funding_wan=7.5,
            project_name="服务酱香型白酒企业科技创新学会服务站建设", applicant_org="湖南省微生物学会",
            applicant_type="省级学会", leader_name="邹启明", leader_title="常务副理事长", leader_phone="13607488810",
            contact_name="贺文静", contact_phone="13548671290", contact_email="hnwswxh@163.com",
            funding="7.5万元", period="2024年5月—2024年12月", address="长沙市开福区洪山路98号", postcode="410013",
            approval_text="经学会第八届理事会第二次会议审议通过，同意申报。",
            layout="grid4", checkbox="ballot", signed_on="2024年4月19日"),
        form_format="zip_gbk", form_filename="申报材料/湖南省微生物学会-学会服务站建设申报书.docx",
        zip_filename="湖南省微生物学会申报材料.zip",
        supporting=(("申报材料/附件1：专家团队名单.docx", EXPERTS), ("申报材料/附件2：服务站建设方案.docx", PLAN)),
        receipt=DemoReceipt("P-008", date(2024, 4, 24), date(2024, 4, 22), "湖南省微生物学会",
                            "服务酱香型白酒企业科技创新学会服务站建设", 3, "周敏"),
    ),
    DemoCase(
        key="D10", kind="application", message_id="<tencent_5E6F7A8B9C0D1E2F3A4B5C6D7E8F9A0B1C2D3E4F@qq.com>",
        client="qq", sender="2209153387@qq.com", sender_name="湖南省蜂业学会",
        subject="湖南省蜂业学会服务站项目申报书",
        body=covering_letter("湖南省蜂业学会", "服务蜂产业乡村振兴学会服务站建设（浏阳）", "胡小梅", "13574826603"),
        sent_at=at(4, 20, 10, 30, 0), received_at=at(4, 20, 10, 30, 18),
        scenario="repeat of a project funded in 2023",
        form=station_form(
            theme="蜂产业", online=10, offline=3, funding_wan=5,
            project_name="服务蜂产业乡村振兴学会服务站建设（浏阳）", applicant_org="湖南省蜂业学会",
            applicant_type="省级学会", leader_name="卢家旺", leader_title="理事长", leader_phone="13973188402",
            contact_name="胡小梅", contact_phone="13574826603", contact_email="2209153387@qq.com",
            funding="5万元", period="2024年5月—2024年12月", address="长沙市芙蓉区农大路1号", postcode="410128",
            approval_text="经学会常务理事会研究审议通过，同意申报。",
            layout="inline_colon", checkbox="ballot", signed_on="2024年4月19日"),
        form_format="docx", form_filename="湖南省蜂业学会-服务站申报书.docx",
        receipt=DemoReceipt("P-009", date(2024, 4, 25), date(2024, 4, 22), "湖南省蜂业学会",
                            "服务蜂产业乡村振兴学会服务站建设（浏阳）", 3, "杨青"),
        expected_codes=frozenset({"REPEAT_FUNDED"}),
    ),
    DemoCase(
        key="D11", kind="application", message_id="<202404220918302215831@sina.com>",
        client="foxmail", sender="hnkfyxh@sina.com", sender_name="湖南省康复医学会",
        subject="湖南省康复医学会学术交流项目申报书",
        body=covering_letter("湖南省康复医学会", "2024湖南康复医学与智能康复装备高峰论坛", "田丽娟", "0731-84327719", "学术交流"),
        sent_at=at(4, 22, 9, 18, 30), received_at=at(4, 22, 9, 19, 2), scenario="funding 12万 above 学术交流's 5—10万",
        form=academic_form(
            theme="智能康复装备", city="长沙", month=11, attendees=600, funding_wan=12,
            project_name="2024湖南康复医学与智能康复装备高峰论坛", applicant_org="湖南省康复医学会",
            applicant_type="省级学会", leader_name="范志坚", leader_title="会长", leader_phone="13808468873",
            contact_name="田丽娟", contact_phone="0731-84327719", contact_email="hnkfyxh@sina.com",
            funding="12万元", period="2024年6月—2024年12月", address="长沙市开福区湘春路61号", postcode="410005",
            approval_text="经学会第四届常务理事会第六次会议审议通过，同意申报。",
            layout="two_col_spaced", checkbox="ballot", signed_on="2024年4月21日"),
        form_format="docx", form_filename="康复医学会申报书.docx",
        receipt=DemoReceipt("P-010", date(2024, 4, 26), date(2024, 4, 23), "湖南省康复医学会",
                            "湖南康复医学与智能康复装备高峰论坛", 3, "周敏", "邮政挂号"),
        expected_codes=frozenset({"FUNDING_OUT_OF_RANGE"}),
    ),
    DemoCase(
        key="D12", kind="application", message_id="<1e9a7c3b.5d2f.18ef6b7c8d9.Coremail.cdskxxs@163.com>",
        client="coremail", sender="cdskxxs@163.com", sender_name="常德市科协学会部",
        subject="常德市科协学术交流项目申报",
        body="老师您好：\n附件为常德市科协学术交流项目申报书，请审核。\n谭立新",
        sent_at=at(4, 23, 15, 0, 41), received_at=at(4, 23, 15, 1, 3), scenario="市州科协 applying for 学术交流 (not eligible)",
        form=academic_form(
            theme="现代农机装备", city="常德", month=9, attendees=200, funding_wan=8,
            project_name="洞庭湖区现代农机装备创新发展学术论坛", applicant_org="常德市科学技术协会",
            applicant_type="市州科协", leader_name="周德胜", leader_title="副主席", leader_phone="13973627704",
            contact_name="谭立新", contact_phone="0736-7712836", contact_email="cdskxxs@163.com",
            funding="8万元", period="2024年5月—2024年12月", address="常德市武陵区朗州路1号", postcode="415000",
            approval_text="经常德市科协党组会议审议通过，同意申报。",
            layout="grid4", checkbox="square", signed_on="2024年4月23日"),
        form_format="pdf", form_filename="常德市科协学术交流项目申报书.pdf",
        receipt=DemoReceipt("P-012", date(2024, 4, 27), date(2024, 4, 24), "常德市科协",
                            "洞庭湖区现代农机装备创新发展学术论坛", 3, "杨青"),
        expected_codes=frozenset({"APPLICANT_NOT_ELIGIBLE"}),
    ),
    DemoCase(
        key="D13", kind="application", message_id="<202404241036557810246@foxmail.com>",
        client="foxmail", sender="hnjsjxh@foxmail.com", sender_name="湖南省计算机学会",
        subject="湖南省计算机学会-省级学会网站管理平台项目申报",
        body=covering_letter("湖南省计算机学会", "省级学会网站集约化管理平台建设", "孔令辉", "13787190023"),
        sent_at=at(4, 24, 10, 36, 55), received_at=at(4, 24, 10, 37, 20),
        scenario="designated item (省级学会网站管理平台) applied for by another unit",
        form=programme_form(
            subcategory="省级学会网站管理平台", funding_wan=25,
            aim="为省级学会网站提供集约化托管、安全监测和内容审查服务，提升网站信息安全等级。",
            project_name="省级学会网站集约化管理平台建设", applicant_org="湖南省计算机学会",
            applicant_type="省级学会", leader_name="雷鸣远", leader_title="秘书长", leader_phone="13874925561",
            contact_name="孔令辉", contact_phone="13787190023", contact_email="hnjsjxh@foxmail.com",
            funding="25万元", period="2024年5月—2024年12月", address="长沙市岳麓区麓山南路932号", postcode="410083",
            approval_text="经学会第九届常务理事会第二次会议审议通过，同意申报。",
            layout="grid4", checkbox="ballot", signed_on="2024年4月23日"),
        form_format="docx", form_filename="湖南省计算机学会申报书.docx",
        receipt=DemoReceipt("P-013", date(2024, 4, 28), date(2024, 4, 25), "湖南省计算机学会",
                            "省级学会网站集约化管理平台建设", 3, "周敏"),
        expected_codes=frozenset({"DESIGNATED_ITEM"}),
        tolerated_codes=frozenset({"APPLICANT_NOT_ELIGIBLE", "REPEAT_FUNDED"}),
    ),
    DemoCase(
        key="D14", kind="application", message_id="<000001da9641$1f2e3d4c$5b6a7980$@hnda.org.cn>",
        client="outlook", sender="xuehui@hnda.org.cn", sender_name="湖南省档案学会",
        subject="湖南省档案学会申报书",
        body=("省科协科技创新部：\n    现将我单位《数字档案与智慧政务学术研讨会》项目申报书报送贵部，请审核。\n\n"
              "    此致\n敬礼！\n\n柳珺瑶\n0731-82218835"),
        sent_at=at(4, 25, 11, 48, 2), received_at=at(4, 25, 11, 48, 47), scenario="approval only by 理事长办公会议",
        form=academic_form(
            theme="数字档案", city="长沙", month=10, attendees=200, funding_wan=5,
            project_name="数字档案与智慧政务学术研讨会", applicant_org="湖南省档案学会",
            applicant_type="省级学会", leader_name="邓静怡", leader_title="副理事长", leader_phone="13517488230",
            contact_name="柳珺瑶", contact_phone="0731-82218835", contact_email="xuehui@hnda.org.cn",
            funding="5万元", period="2024年6月—2024年11月", address="长沙市开福区三一大道461号", postcode="410003",
            approval_text="经学会理事长办公会议研究，同意申报。",
            layout="inline_colon", checkbox="tick", signed_on="2024年4月24日"),
        form_format="docx", form_filename="数字档案与智慧政务学术研讨会申报书.docx",
        receipt=DemoReceipt("P-014", date(2024, 4, 28), date(2024, 4, 26), "湖南省档案学会",
                            "数字档案与智慧政务学术研讨会", 3, "杨青"),
        expected_codes=frozenset({"MISSING_APPROVAL"}),
    ),
    DemoCase(
        key="D15", kind="application", message_id="<tencent_9D8C7B6A5F4E3D2C1B0A9F8E7D6C5B4A3F2E1D0C@qq.com>",
        client="qq", sender="3061847725@qq.com", sender_name="株洲智轨装备科协",
        subject="株洲智轨装备有限公司科协申报学术交流项目",
        body=covering_letter("株洲智轨装备有限公司科协", "智能轨道交通装备产学研协同创新交流会", "钟雨桐", "0731-28835146", "学术交流"),
        sent_at=at(4, 26, 16, 20, 7), received_at=at(4, 26, 16, 20, 39),
        scenario="enterprise association without 市州科协 review",
        form=academic_form(
            theme="智能轨道交通装备", city="株洲", month=9, attendees=200, funding_wan=6,
            project_name="智能轨道交通装备产学研协同创新交流会", applicant_org="株洲智轨装备有限公司科学技术协会",
            applicant_type="企业（园区）科协", leader_name="伍建军", leader_title="科协主席", leader_phone="13973318652",
            contact_name="钟雨桐", contact_phone="0731-28835146", contact_email="3061847725@qq.com",
            funding="60000元", period="2024年5月—2024年10月", address="株洲市石峰区田心大道1号", postcode="412001",
            approval_text="经公司管理层会议研究，同意申报。",
            layout="vertical", checkbox="ballot", signed_on="2024年4月25日"),
        form_format="pdf", form_filename="株洲智轨装备有限公司科协申报书.pdf",
        receipt=DemoReceipt("P-015", date(2024, 4, 29), date(2024, 4, 27), "株洲智轨装备公司科协",
                            "智能轨道交通装备产学研协同创新交流会", 3, "周敏"),
        expected_codes=frozenset({"MISSING_CITY_REVIEW"}), tolerated_codes=_SUPPORT_TOLERATED,
    ),
    DemoCase(
        key="D16", kind="application", message_id="<4b7d2e19.6c3a.18f01c2d3e4.Coremail.hntsgxh@126.com>",
        client="coremail", sender="hntsgxh@126.com", sender_name="湖南省图书馆学会",
        subject="湖南省图书馆学会学术交流项目申报材料",
        body="老师您好：\n附件为湖南省图书馆学会2024年度项目申报材料，请查收。",
        sent_at=at(4, 27, 10, 2, 13), received_at=at(4, 27, 10, 2, 40), scenario="leader's phone left empty",
        form=academic_form(
            theme="智慧图书馆", city="长沙", month=10, attendees=250, funding_wan=6,
            project_name="智慧图书馆与全民阅读推广学术年会", applicant_org="湖南省图书馆学会",
            applicant_type="省级学会", leader_name="沈慧敏", leader_title="理事长", leader_phone="",
            contact_name="白晓东", contact_phone="0731-84174425", contact_email="hntsgxh@126.com",
            funding="6万元", period="2024.06-2024.11", address="长沙市芙蓉区韶山北路169号", postcode="410011",
            approval_text="经学会第七届理事会第三次会议审议通过，同意申报。",
            layout="grid4", checkbox="square", signed_on="2024年4月26日"),
        form_format="docx", form_filename="湖南省图书馆学会申报书.docx",
        receipt=DemoReceipt("P-016", date(2024, 4, 30), date(2024, 4, 27), "湖南省图书馆学会",
                            "智慧图书馆与全民阅读推广学术年会", 3, "杨青"),
        expected_codes=frozenset({"MISSING_FIELD"}),
    ),
    DemoCase(
        key="D17", kind="application", message_id="<8F3A6B21-0C4D-4E7F-9A1B-2C3D4E5F6A7B@hnygxh.org.cn>",
        client="apple", sender="hnygxh@hnygxh.org.cn", sender_name="湖南省遥感学会",
        subject="湖南省遥感学会-学术交流项目申报书",
        body=covering_letter("湖南省遥感学会", "北斗遥感与智慧国土学术研讨会", "魏书琪", "13875910026", "学术交流"),
        sent_at=at(4, 27, 21, 3, 0), received_at=at(4, 27, 21, 3, 26),
        scenario="first version, superseded by D18 (contact phone typo)",
        form=academic_form(
            theme="北斗遥感", city="长沙", month=10, attendees=280, funding_wan=9,
            project_name="北斗遥感与智慧国土学术研讨会", applicant_org="湖南省遥感学会",
            applicant_type="省级学会", leader_name="柏立群", leader_title="理事长", leader_phone="13907315567",
            contact_name="魏书琪", contact_phone="1387591002", contact_email="hnygxh@hnygxh.org.cn",
            funding="9万元", period="2024年5月—2024年12月", address="长沙市天心区城南西路3号", postcode="410004",
            approval_text="经学会第三届常务理事会第五次会议审议通过，同意申报。",
            layout="vertical", checkbox="tick", signed_on="2024年4月27日"),
        form_format="docx", form_filename="北斗遥感与智慧国土学术研讨会申报书.docx",
        expected_codes=frozenset({"SUPERSEDED"}),
        tolerated_codes=frozenset({"PAPER_MISSING", "PAPER_SHORT", "LATE_PAPER", "MISSING_FIELD", "NEEDS_REVIEW"}),
        superseded_by="D18",
    ),
    DemoCase(
        key="D18", kind="application", message_id="<2E7B9C40-3D1F-4A6B-8C5E-7F9A0B1C2D3E@hnygxh.org.cn>",
        client="apple", sender="hnygxh@hnygxh.org.cn", sender_name="湖南省遥感学会",
        subject="【更正版】湖南省遥感学会-学术交流项目申报书",
        body="杨老师：\n    您好！之前发送的申报书中联系人电话有误，现发送更正版，请以此版本为准。给您添麻烦了！\n魏书琪",
        sent_at=at(4, 28, 9, 12, 5), received_at=at(4, 28, 9, 12, 31), scenario="corrected resend of D17",
        form=academic_form(
            theme="北斗遥感", city="长沙", month=10, attendees=280, funding_wan=9,
            project_name="北斗遥感与智慧国土学术研讨会", applicant_org="湖南省遥感学会",
            applicant_type="省级学会", leader_name="柏立群", leader_title="理事长", leader_phone="13907315567",
            contact_name="魏书琪", contact_phone="13875910026", contact_email="hnygxh@hnygxh.org.cn",
            funding="9万元", period="2024年5月—2024年12月", address="长沙市天心区城南西路3号", postcode="410004",
            approval_text="经学会第三届常务理事会第五次会议审议通过，同意申报。",
            layout="vertical", checkbox="tick", signed_on="2024年4月27日"),
        form_format="docx", form_filename="北斗遥感与智慧国土学术研讨会申报书（更正版）.docx",
        receipt=DemoReceipt("P-017", date(2024, 4, 30), date(2024, 4, 28), "湖南省遥感学会",
                            "北斗遥感与智慧国土学术研讨会", 3, "周敏"),
    ),
    DemoCase(
        key="D19", kind="application", message_id="<tencent_0A1B2C3D4E5F6071829304A5B6C7D8E9F0A1B2C3@qq.com>",
        client="qq", sender="1846620375@qq.com", sender_name="湖南省湿地保护学会",
        subject="湖南省湿地保护学会学会服务站建设项目申报",
        body=covering_letter("湖南省湿地保护学会", "洞庭湖湿地生态修复学会服务站建设", "黄梓涵", "15116287734"),
        sent_at=at(4, 29, 14, 40, 12), received_at=at(4, 29, 14, 40, 58), scenario="no paper copy ever logged",
        form=station_form(
            theme="湿地生态修复", online=10, offline=3, funding_wan=6,
            project_name="洞庭湖湿地生态修复学会服务站建设", applicant_org="湖南省湿地保护学会",
            applicant_type="省级学会", leader_name="聂长青", leader_title="副理事长", leader_phone="13787303391",
            contact_name="黄梓涵", contact_phone="15116287734", contact_email="1846620375@qq.com",
            funding="6万元", period="2024年5月—2024年12月", address="岳阳市岳阳楼区洞庭北路8号", postcode="414000",
            approval_text="经学会常务理事会研究审议通过，同意申报。",
            layout="two_col_spaced", checkbox="ballot", signed_on="2024年4月29日"),
        form_format="docx", form_filename="湿地保护学会服务站申报书.docx",
        expected_codes=frozenset({"PAPER_MISSING"}),
    ),
    DemoCase(
        key="D20", kind="other", message_id="<202404291006111937065@foxmail.com>",
        client="foxmail", sender="hnspxh@foxmail.com", sender_name="湖南省食品学会 何老师",
        subject="请问学会服务站项目可以两个学会联合申报吗",
        body="杨老师您好：\n请问学会服务站建设项目可以两个学会联合申报吗？联合申报的话申报书由谁盖章？谢谢！\n何嘉欣",
        sent_at=at(4, 29, 10, 6, 11), received_at=at(4, 29, 10, 6, 40), scenario="a question, not a submission",
    ),
    DemoCase(
        key="D21", kind="application", message_id="<c91e55a2-7b3d-4f08-a2c6-58d1e0f93b47@hnzdhxh.org.cn>",
        client="thunderbird", sender="xh@hnzdhxh.org.cn", sender_name="湖南省振动工程学会",
        subject="湖南省振动工程学会学术交流项目申报书",
        body=covering_letter("湖南省振动工程学会", "桥梁与高铁振动控制技术学术研讨会", "冯嘉豪", "13548715520", "学术交流"),
        sent_at=at(4, 30, 17, 41, 30), received_at=at(4, 30, 17, 42, 8), scenario="late by 42 minutes (honest Date header)",
        form=academic_form(
            theme="桥梁与高铁振动控制", city="长沙", month=11, attendees=200, funding_wan=8,
            project_name="桥梁与高铁振动控制技术学术研讨会", applicant_org="湖南省振动工程学会",
            applicant_type="省级学会", leader_name="严志刚", leader_title="理事长", leader_phone="13974935528",
            contact_name="冯嘉豪", contact_phone="13548715520", contact_email="xh@hnzdhxh.org.cn",
            funding="8", period="2024年6月—2024年12月", address="长沙市天心区万家丽南路二段960号", postcode="410114",
            approval_text="经学会第四届理事会第五次会议审议通过，同意申报。",
            layout="inline_colon", checkbox="square", signed_on="2024年4月30日"),
        form_format="pdf", form_filename="振动工程学会申报书.pdf",
        receipt=DemoReceipt("P-019", date(2024, 5, 4), date(2024, 4, 30), "湖南省振动工程学会",
                            "桥梁与高铁振动控制技术学术研讨会", 3, "杨青"),
        expected_codes=frozenset({"LATE_ELECTRONIC"}),
    ),
    DemoCase(
        key="D22", kind="application", message_id="<tencent_7C6B5A49382716051F2E3D4C5B6A79887766554A@qq.com>",
        client="qq", sender="2947730158@qq.com", sender_name="湖南省海洋与湖沼学会",
        subject="湖南省海洋与湖沼学会学会服务站项目申报书",
        body=covering_letter("湖南省海洋与湖沼学会", "服务大水面生态渔业学会服务站建设", "易嘉琪", "13787062214"),
        sent_at=at(4, 30, 16, 52, 0), received_at=at(5, 2, 9, 13, 27),
        scenario="late: received 2 May though its Date header claims 30 April 16:52",
        form=station_form(
            theme="大水面生态渔业", online=12, offline=4, funding_wan=8,
            project_name="服务大水面生态渔业学会服务站建设", applicant_org="湖南省海洋与湖沼学会",
            applicant_type="省级学会", leader_name="戴永胜", leader_title="秘书长", leader_phone="13907409916",
            contact_name="易嘉琪", contact_phone="13787062214", contact_email="2947730158@qq.com",
            funding="8万元", period="2024年5月—2024年12月", address="常德市鼎城区善卷路2号", postcode="415101",
            approval_text="经学会常务理事会审议通过，同意申报。",
            layout="grid4", checkbox="ballot", signed_on="2024年4月30日"),
        form_format="docx", form_filename="海洋与湖沼学会申报书.docx",
        receipt=DemoReceipt("P-018", "2024-05-03", "4月29日", "湖南省海洋与湖沼学会",
                            "服务大水面生态渔业学会服务站建设", 3, "周敏"),
        expected_codes=frozenset({"LATE_ELECTRONIC"}), tolerated_codes=_SUPPORT_TOLERATED,
    ),
)

# A paper copy that arrived with no e-mail behind it.
PAPER_ONLY: tuple[tuple[DemoReceipt, frozenset[str]], ...] = (
    (DemoReceipt("P-011", date(2024, 4, 26), date(2024, 4, 24), "湖南省针灸学会",
                 "针灸适宜技术推广学术交流活动", 3, "杨青", "未见电子版"),
     frozenset({"ELECTRONIC_MISSING"})),
)

HISTORY: tuple[FundedProject, ...] = (
    FundedProject(2022, "湖南省企业科协联合会", "“科创中国·湖南中心”建设与运营", "“科创中国”湖南中心建设与运营"),
    FundedProject(2022, "湖南省声学学会", "湖南声学与噪声控制青年学者论坛", "学术交流"),
    FundedProject(2022, "湖南省植物保护学会", "服务柑橘产业乡村振兴学会服务站建设（石门）", "学会服务站建设"),
    FundedProject(2022, "衡阳市科协", "衡阳市“科创中国”试点城市建设", "“科创中国”试点城市建设"),
    FundedProject(2022, "湖南省自然科学学会研究会", "学会制度机制建设", "学会制度机制建设"),
    FundedProject(2023, "湖南省蜂业学会", "服务蜂产业乡村振兴学会服务站建设（浏阳）", "学会服务站建设"),
    FundedProject(2023, "衡阳市科学技术协会", "衡阳市“科创中国”试点城市建设", "“科创中国”试点城市建设"),
    FundedProject(2023, "湖南科技传媒集团有限责任公司", "省级学会网站管理平台", "省级学会网站管理平台"),
    FundedProject(2023, "湖南省康复医学会", "湖南省康复医学学术年会", "学术交流"),
    FundedProject(2023, "湖南省档案学会", "湖南省档案学会2023年学术年会", "学术交流"),
)

"""Hand-built DocText objects in the shapes the readers produce for each form layout.

`doc(...)` takes rows: a str is a paragraph, a tuple of str a table row (one cell per visual
cell), a `Row` passes through. The layouts follow the six the office receives (L01–L06)."""

from __future__ import annotations

from shenbao.record import Cell, DocText, Row

COVER = (
    "2024年度湖南省科协科技创新服务能力",
    "提升计划项目申报书",
)
NOTES = (
    "填 报 说 明",
    "4.申请经费以万元为单位，精确到小数点后一位。",
    "5.两个以上单位联合申报的，须注明牵头单位和参与单位。",
)
ITEMS_GLYPH = (
    "科技创新服务能力建设项目：\n{a}学术交流  {b}科技创新联盟建设  ☐“科创中国”试点城市建设  "
    "☐“科创中国”湖南中心建设与运营  {c}学会服务站建设\n学会自身能力建设项目：\n☐创新工程专业职称评审  "
    "☐学会制度机制建设  ☐省级学会网站管理平台  ☐高校科协交流机制建设"
)
TYPES_GLYPH = "{a}省级学会  {b}市州科协  {c}高校科协  ☐企业（园区）科协  ☐民非组织  ☐其他"
TAIL = (
    "二、项目内容",
    ("一、项目背景。围绕湖南产业体系开展学术交流。\n二、主要内容。拟于2024年11月在岳阳举办。",),
    "三、预期目标与考核指标",
    ("1.举办高端学术活动1次，参会人数不少于200人；",),
)
APPROVAL = (
    "五、申报单位意见",
    ("经本会第七届理事会第二次会议审议通过，同意申报。\n\n\n单位负责人（签字）：\n\n申报单位（盖章）\n2024年4月25日",),
    "六、市州科协审核意见",
    ("（企业（园区）科协、其他单位须经所在市州科协审核）\n\n\n\n市州科协（盖章）\n年　　月　　日",),
)


def budget(unit: str = "万元", rows: tuple[tuple[str, str], ...] = (("会场费", "3"), ("专家咨询费", "2")),
           total: str = "5") -> tuple:
    out: list = ["四、经费预算", ("序号", "支出科目", f"金额（{unit}）", "测算依据及说明")]
    for i, (name, amount) in enumerate(rows, 1):
        out.append((str(i), name, amount, "说明"))
    out.append(("合　计", total, ""))  # 序号 and 支出科目 merged: one cell fewer
    return tuple(out)


def doc(*rows: object, file: str = "申报书.docx", ocr: bool = False, source: str = "table") -> DocText:
    built: list[Row] = []
    for n, row in enumerate(rows, 1):
        if isinstance(row, Row):
            built.append(row)
        elif isinstance(row, str):
            built.append(Row(cells=(Cell(text=row, where=f"段落{n}"),), source="paragraph"))
        else:
            cells = tuple(Cell(text=t, where=f"第{n}行第{k}列") for k, t in enumerate(row, 1))
            built.append(Row(cells=cells, source=source))  # type: ignore[arg-type]
    return DocText(file=file, sha256="0" * 64, kind="scan" if ocr else "docx", rows=tuple(built), ocr=ocr)


def lines(*texts: str, source: str = "line") -> tuple[Row, ...]:
    """PDF text lines or OCR lines (one cell per text)."""
    return tuple(Row(cells=(Cell(text=t, where=f"第1页 第{n}行"),), source=source)  # type: ignore[arg-type]
                 for n, t in enumerate(texts, 1))


def l01_grid4() -> DocText:
    return doc(
        *COVER,
        "项目名称：第3届湘江机器人技术高端学术论坛　　",
        "申报单位（盖章）：湖南省自动化学会　　",
        "项目负责人：覃湘宁　　",
        "联系电话：19904908035　　",
        "申报日期：二〇二四年四月　　",
        *NOTES,
        "一、基本情况",
        ("项目名称", "第3届湘江机器人技术高端学术论坛"),
        ("项目类别", ITEMS_GLYPH.format(a="■", b="□", c="□")),
        ("申报单位", "湖南省自动化学会"),
        ("单位类型", TYPES_GLYPH.format(a="■", b="□", c="□")),
        ("通讯地址", "长沙市天心区人民中路641号", "邮政编码", "410068"),
        ("项目负责人", "覃湘宁", "职务/职称", "常务副理事长"),
        ("负责人手机", "19904908035", "联 系 人", "李四"),
        ("联系电话", "0731-85821051", "电子邮箱", "hnyzfgn@foxmail.com"),
        ("申请经费（万元）", "5", "起止时间", "2024-04～2024-11"),
        ("备　　注", ""),
        *TAIL,
        *budget(),
        *APPROVAL,
    )


def l02_spaced() -> DocText:
    return doc(
        *COVER,
        ("项目名称：", "风电装备前沿交叉高端学术论坛"),
        ("申报单位（盖章）：", "湖南工程学院科学技术协会"),
        ("项目负责人：", "蔡桂英"),
        ("联系电话：", "13575492473"),
        *NOTES,
        ("一、项目基本情况",),
        ("项　目　名　称", "风电装备前沿交叉高端学术论坛"),
        ("项　目　类　别", ITEMS_GLYPH.format(a="☑", b="☐", c="☐")),
        ("申　报　单　位", "湖南工程学院科学技术协会（盖章）"),
        ("单　位　性　质", TYPES_GLYPH.format(a="☐", b="☐", c="☑")),
        ("项 目 负 责 人", "蔡　桂　英"),
        ("职　务　职　称", "科协主席"),
        ("手　机", "13575492473"),
        ("联　系　人", "卢刚"),
        ("联　系　电　话", "0731-44772434"),
        ("电　子　邮　箱", "hnihnwe@hnast.org.cn"),
        ("申 请 金 额 （ 万 元 ）", "8.0"),
        ("实　施　期　限", "2024年5月—2024年12月"),
        *TAIL,
        *budget(total="8", rows=(("会场费", "5"), ("宣传费", "3"))),
        *APPROVAL,
    )


def l03_inline(funding: str = "申请经费（万元）：25") -> DocText:
    return doc(
        *COVER,
        ("项目名称：", "湖南省检验检测科技创新联盟建设"),
        ("申报单位（盖章）：", "湖南省检验检测学会"),
        *NOTES,
        "一、项目基本信息",
        ("项目名称：湖南省检验检测科技创新联盟建设",),
        ("项目类别：☐学术交流  ☑科技创新联盟建设  ☐学会服务站建设  ☐创新工程专业职称评审",),
        ("申报单位：湖南省检验检测学会",),
        ("项目负责人：赵宇", "职务/职称：秘书长"),
        ("手机：18788182977", "通讯地址：长沙市开福区五一大道142号"),
        ("联系人：钟平", "联系电话：0731-74531471"),
        ("电子邮箱：2701772604@qq.com", "邮编：410092"),
        (funding, "项目周期：2024年5月20日至2024年10月31日"),
        *TAIL,
        *budget(total="25", rows=(("人员费", "20"), ("宣传费", "5"))),
        *APPROVAL,
    )


def l04_vertical(category: str, unit_type: str, funding: str = "捌万元整（￥80,000.00）") -> DocText:
    return doc(
        *COVER,
        *NOTES,
        "一、基本情况",
        ("项目名称",), ("第3届湘江智慧公路高端学术论坛",),
        ("项目类别",), (category,),
        ("申报单位",), ("湖南省公路学会",),
        ("单位类型",), (unit_type,),
        ("项目负责人",), ("姓名：崔　湘宁　　职务/职称：理事长　　手机：18607529085",),
        ("项目联系人",), ("姓名：王五　　电话：0731-43962335　　邮箱：1740390375@qq.com",),
        ("申请经费",), (funding,),
        ("项目实施时间",), ("2024年5月—2024年12月",),
        *TAIL,
        *budget(unit="元", total="80000", rows=(("会场费", "50000"), ("宣传费", "30000"))),
        *APPROVAL,
    )


def l05_grid6() -> DocText:
    return doc(
        *COVER,
        ("项目名称：", "智慧公路技术创新与产业发展高端论坛"),
        ("申报单位（盖章）：", "湖南省公路学会"),
        "一、基本情况",
        ("项目名称", "智慧公路技术创新与产业发展高端论坛"),
        ("申报单位", "湖南省公路学会", "单位类型", "省级学会"),
        ("项目类别", "科技创新服务能力建设项目：\n学术交流（√）  科技创新联盟建设（  ）  学会服务站建设（  ）"),
        ("负责人", "梁永红", "职务", "秘书长", "手机", "18626463939"),
        ("联系人", "卢文博", "电话", "17348287371", "邮箱", "hnprq@hnast.org.cn"),
        ("项目总经费（万元）", "11", "申请资助（万元）", "8", "自筹（万元）", "3"),
        ("起止时间", "2024/5/1至2024/12/31"),
        ("通讯地址", "长沙市岳麓区麓山南路693号", "邮编", "410074"),
        *TAIL,
        "四、经费预算",
        ("序号", "支出科目", "申请资助（万元）", "自筹（万元）", "测算依据"),
        ("1", "会场费", "5", "3", "会场2天"),
        ("2", "宣传费", "3", "", "媒体"),
        ("合计", "8", "3", ""),
        *APPROVAL,
    )


def l06_nested(joint: bool = True) -> DocText:
    rows: list = [
        *COVER,
        "一、基本情况",
        ("项目名称", "服务“4×4”现代化产业体系辐射防护学术交流活动"),
        ("项目类别", ITEMS_GLYPH.format(a="√", b="□", c="□")),
        ("申报单位", "湖南省核学会"),
        ("单位类型", TYPES_GLYPH.format(a="√", b="□", c="□")),
        ("人员信息", ""),
        ("", "姓名", "职务/职称", "电话", "电子邮箱"),
        ("项目负责人", "汪春生", "秘书长", "13923834246", ""),
        ("联系人", "蔡建湘", "", "0731-53217868", "1942064260@qq.com"),
        ("申请经费", "8万元"),
        ("起止时间", "2024年4月—2024年10月"),
    ]
    if joint:
        rows += [
            ("联合申报单位", ""),
            ("序号", "单位名称", "承担角色", "主要分工"),
            ("1", "湖南省核学会", "牵头单位", "项目总体组织实施与经费管理"),
            ("2", "湖南省岩石力学与工程学会", "参与单位", "协助组织专家"),
            ("3", "湖南省机械工程学会", "参与单位", "协助组织专家"),
        ]
    rows += [*TAIL, "四、经费预算", ("经费预算明细（单位见表头）",), *budget(total="8")[1:], *APPROVAL]
    return doc(*rows)

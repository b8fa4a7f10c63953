"""The thirteenth set of held-out variants: layouts, checkbox encodings, amount and period formats,
value decorations and ways a form is sent, written blind (without reading the extraction code).
Their held-out score has been seen (run of 2026-12-06 at 2f8ea8d), so both splits now draw them and dev
tunes on them; the held-out split has none of its own until a new set is written.

They follow how offices fill, convert and send a Word 申报书 template: the basic table read across
in bands, each band a row of labels over a row of values, the people's band under two tiers of
headers (项目负责人 over 姓名 | 职务 | 手机); the template's page frame, an outer table whose cell
holds the basic table nested in it; the basic table boxed in a text box placed as a character; no
table but label and value boxes combined into one group shape (组合); the table copied from an
Excel sheet and pasted keeping the sheet's formatting; a 申报系统's own PDF, drawn by its
generator with a non-embedded font, the template's labels first and the values after. Boxes as
an Excel sheet carries them (þ and ¨ typed in the Wingdings font); the options in 【】 with a √ in
the chosen one's; ▣ for the chosen option; 是 written in the chosen option's brackets. The amount
in 元 beside a label that says 万元 (80,000.00元 under 申请经费（万元）), in 万元 with its 大写 in
brackets, or in 元 grouped by four digits (8,0000元); the period's end year written 当年, 同年 or
次年, year and month with a slash (2024/05-2024/12), or the days written 号. The contact's phone
followed by when it is answered; the unit's English name after it; the e-mail typed in
full-width mode; invisible characters pasted between a mobile's digit groups; the leader's name
followed by its pinyin, or by slashed titles (教授/博导). Sent forwarded inline by someone else
(the original's header block quoted in the body, the form re-attached); pasted into the mail's
body instead of attached; two applications in one file; the form attached twice.

Each table maps a variant's name to what it looks like; forms.py merges them into its own
tables. Every variant keeps the clean value recoverable by a careful reader, and none changes
the truth: the truth is the planned `App` (a note after a phone is no part of the number, an
English name or a pinyin no part of the unit's or the leader's name, 当年 is the start's year,
次年 the next one, a day written 号 is that day).

This module imports nothing from forms.py at run time (forms.py imports it); `_V`, `App`, `Look`
and `MailPlan` appear in annotations only.
"""

from __future__ import annotations

import base64
import hashlib
import io
import random
import re
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from benchmarks.gencorpus.docmodel import (
    Block, Box, Cell, Columns, Group, Leaders, Mono, RuledRows, SheetPaste, Table, TableBox, plain,
)
from benchmarks.gencorpus.holdout_variants_12 import cells as text_cells
from benchmarks.gencorpus.holdout_variants_12 import exported, without
from shenbao.demo.forms import PageBreak, Para

if TYPE_CHECKING:
    from benchmarks.gencorpus.build import MailPlan
    from benchmarks.gencorpus.forms import App, Look, _V

LAYOUTS: dict[str, str] = {
    "tiered_header": "6-column grid read across: each band a row of labels over a row of values (项目名称 | 单位类型, "
                     "项目类别, 申报单位), the people's band under two tiers of headers (项目负责人 | 项目联系人, each "
                     "spanning 姓名 | 职务/职称 | 手机 and 姓名 | 电话 | 电子邮箱), the amount and the period last",
    "outer_frame": "the template's page frame: a 1-column outer table whose first row is the part's shaded title "
                   "and whose second row's cell holds the template's note and the 2-column basic table nested in it",
    "table_in_textbox": "the basic table inside a bordered text box (DrawingML wps:txbx holding a w:tbl) placed as a "
                        "character (嵌入型, wp:inline), the table's caption on the box's first line",
    "grouped_boxes": "no table: a shaded label box and a value box per field (the leader and his mobile, the "
                     "contact and the phone two pairs to a row), every box a member of one group shape (组合: "
                     "wpg:wgp) placed as a character",
    "sheet_paste": "the basic table copied from an Excel sheet and pasted keeping its formatting (保留源格式): 8 equal "
                   "columns, the sheet's title in the first row, labels over two columns, values merged over the "
                   "rest, a fixed layout, rows of a minimum height, cells centred vertically, 等线 11 pt, figures "
                   "right-aligned, the fill-in date in the last row",
    "system_pdf": "a 申报系统's own PDF (forms sent as PDF only): drawn by the system's generator in a non-embedded "
                  "font (STSong-Light, UniGB-UCS2-H), the template first on each page (title, rules, every label) "
                  "and the values after, each line of a cell a separately positioned string, so the file's text "
                  "lists a page's labels before any of its values; 申报编号 and 打印时间 above, 本表由系统生成 below",
}
# Layouts drawn for forms sent as PDF only (the system's PDF is the file itself).
PDF_ONLY_LAYOUTS = frozenset({"system_pdf"})

CHECKBOXES: dict[str, str] = {
    "wingdings_latin": "the boxes as Excel sheets and old templates carry them: þ (☑) before the chosen option, ¨ "
                       "(□) before the others, typed as text in runs set in the Wingdings font (no w:sym, no "
                       "private-use code): Word shows boxes, a machine without the font the letters (Word formats "
                       "only)",
    "lenticular_tick": "【√】学会服务站建设　【　】学术交流: each option after 【】 brackets, a √ in the chosen one's",
    "boxed_square": "▣ (U+25A3, from an input method's symbol panel) before the chosen option, □ before the others",
    "shi_marker": "学会服务站建设（是）  学术交流（　）: brackets after every option, 是 written in the chosen one's",
}
WORD_ONLY_CHECKBOXES = frozenset({"wingdings_latin"})

FUNDINGS: dict[str, str] = {
    "yuan_beside_wan_label": "80,000.00元 under the label 申请经费（万元）: the figure carries its own unit, 元, "
                             "against the label's",
    "wan_daxie_paren": "8万元（大写：捌万元整）, 7.5万元（柒万伍仟元整） (the 万元 figure, its 大写 in brackets)",
    "wan_grouping": "8,0000元, 7,5000元, 25,0000元 (the 元 figure grouped by four digits, by 万)",
}
# Amounts whose label says 万元 whatever the value's own unit.
WAN_LABEL_FUNDINGS = frozenset({"yuan_beside_wan_label"})
DATES: dict[str, str] = {
    "relative_year": "自2024年6月起至当年11月止, 2024年5月至同年12月 (the end's year as 当年 or 同年; across years as "
                     "次年: 2024年3月至次年6月)",
    "slash_month": "2024/05-2024/12, 2024/5—2024/12, 2024/5～2024/12 (year and month with a slash, no day)",
    "hao_days": "2024年5月1号至12月31号 (the days written 号; the end's year implied when it is the start's, across "
                "years 2024年3月1号至2025年6月30号)",
}
DAY_DATES = frozenset({"hao_days"})

DECORATIONS: dict[str, str] = {
    "phone_hours": "the contact's phone followed by when it is answered: 0731-84000000（工作日9:00-17:30）, "
                   "13807312345（工作时间）, …（8:30-12:00，14:30-17:30） (the truth is the number)",
    "org_english": "the unit's English name after it in brackets: 湖南省光学学会（Hunan Society of Optics）, "
                   "长沙市科协（Changsha Association for Science and Technology）",
    "email_fullwidth_all": "the e-mail typed with the input method left in full-width mode, every character: "
                           "ｌｉｎａ２０２３＠１６３．ｃｏｍ",
    "phone_invisibles": "mobiles pasted from a web page or a chat with invisible characters between the digit "
                        "groups (U+200B zero-width space, U+2060 word joiner or U+00AD soft hyphen): 138​0731​2345",
    "name_pinyin": "the leader's name followed by its pinyin: 王伟（Wang Wei）, 欧阳晓东（OUYANG Xiaodong）",
    "name_titles_slash": "the leader's titles after the name, slashed: 王伟（教授/博导）, 王伟 研究员/硕导",
    "inline_forward": "forwarded inline (转发, not as an attachment) by someone else: the forwarder's note above the "
                      "quoted original's header block (原始邮件, 发件人, 发送时间, 收件人, 主题) and body, the form "
                      "attached again; the forwarder is the mail's sender",
    "body_html_form": "no attachment: the whole form copied from Word and pasted into the mail's body (the HTML part "
                      "holds its tables, the plain-text part its text with the cells apart by tabs) (.docx forms "
                      "that HTML shows)",
    "one_file_two_forms": "a unit's two applications in one file: the second form's pages after the first's in the "
                          "same .docx or PDF (both truth rows name the one file)",
    "attached_twice": "the form attached twice to one mail: the same bytes under the same name or with (1) added",
}
# Held-out odds while the set was held-out only (draw_variant weighs up only what HOLDOUT_* name,
# none now): new variants weighed up so that each showed often enough to count; the system's PDF,
# drawn for PDF forms only, and the encoding of Word files only more again.
WEIGHT = 4.0
WEIGHTS: dict[str, float] = {**{name: 5.0 for name in LAYOUTS}, "system_pdf": 14.0, "wingdings_latin": 8.0,
                             "lenticular_tick": 5.0, "boxed_square": 5.0, "shi_marker": 5.0}
DECORATION_ODDS: dict[str, float] = {"phone_hours": 0.2, "org_english": 0.35, "email_fullwidth_all": 0.2,
                                     "phone_invisibles": 0.3, "name_pinyin": 0.35, "name_titles_slash": 0.35,
                                     "attached_twice": 0.12}
# The mails' own odds (`settle`): among the mails each way fits.
MERGE_ODDS, PASTE_ODDS, FORWARD_ODDS = 0.8, 0.45, 0.08

# Formats sending one file (not an archive, a scan or photos) that a second copy could be of.
_SINGLE_FILES = frozenset({"docx", "pdf", "doc", "wps"})
# Encodings a text box or a group's box cannot hold (a floating shape or picture, a control, a
# legacy form field or an EQ field): the same application gets one of the stand-ins there.
_NOT_IN_BOXES = frozenset({"ring_shape", "floating_tick", "tick_picture", "freeform_tick", "activex_checkbox",
                           "form_field", "form_dropdown", "eq_enclosed"})
_BOX_STAND_INS = ("ballot", "lenticular_tick", "boxed_square")
# What an Excel sheet's cells hold of the encodings: characters and the cells' text formatting.
_SHEET_CHECKBOXES = frozenset({"ballot", "square", "tick_replace", "tick_paren", "v_letter", "text_only", "circle",
                               "tick_after", "wingdings2_text", "spaced_marks", "ballot_x", "paren_before",
                               "box_then_tick", "letter_code", "kou_boxes", "choice_written_below", "pen_tick",
                               "lost_symbol_font", "tick_cross", "box_after", "heavy_check", "emoji_tick",
                               "others_removed", "bold_chosen", "underline_chosen", "red_chosen", "strike_others",
                               "wingdings_pua", *CHECKBOXES})
_SHEET_STAND_INS = ("ballot", "square", "lenticular_tick")
# What a system's PDF draws in its non-embedded GB font: □ and ■, √, or the choice alone.
_SYSTEM_CHECKBOXES = ("square", "tick_replace", "text_only")
# Layouts that draw in text boxes (no footnote, no floating box or seal, no comment there).
_BOX_LAYOUTS = frozenset({"table_in_textbox", "grouped_boxes"})
_NOT_IN_BOX_DECORATIONS = frozenset({"footnote_marks", "seal_image", "value_textbox", "comments_left"})
# What an Excel sheet does not carry into Word (a note, a field, a revision, hidden text, Word's
# character scaling).
_NOT_IN_SHEET_DECORATIONS = frozenset({"footnote_marks", "merge_fields", "tracked_fill", "hidden_example",
                                       "squeezed_text", "funding_revised", "comments_left"})
# Layouts with a cell of their own for the leader's post: no post typed before the name.
_POST_LAYOUTS = frozenset({"tiered_header"})
# What a person types into a system's fields and its PDF shows (no Word formatting, object or
# revision): the other decorations a system's PDF does not have.
_SYSTEM_DECORATIONS = frozenset({"org_credit_code", "phone_marked", "phone_spaced", "email_fullwidth", "phone_wechat",
                                 "contact_role", "project_quoted", "phone_country_code", "email_with_name",
                                 "inner_labels", "name_middle_dot", "phone_extension", "email_at_word", "wu_for_empty",
                                 "contact_ditto", "post_before_name", "name_title", "phone_fullwidth",
                                 "project_fullwidth_digits", "forwarded_eml", "app_default_names", "phone_hours",
                                 "org_english", "email_fullwidth_all", "name_pinyin", "name_titles_slash",
                                 "attached_twice", "inline_forward"})
# Decorations that write the leader's phone (or leave it as the typed number no longer).
_PHONE_DECORATIONS = frozenset({"phone_marked", "phone_spaced", "phone_fullwidth", "phone_wechat",
                                "phone_country_code", "inner_labels", "hint_left_in", "value_textbox"})
# Decorations that write the e-mail so that its address is no longer typed as it is.
_EMAIL_DECORATIONS = frozenset({"email_fullwidth", "email_hyperlink", "email_at_word"})
# Decorations that write the unit's name (a code, a break, a seal, a revision, a field, a prompt,
# spread letters).
_ORG_DECORATIONS = frozenset({"org_credit_code", "org_linebreak", "seal_image", "tracked_fill", "merge_fields",
                              "hint_left_in", "distributed_names"})
# Decorations that write the leader's name so that more after it would pile up or not read (a
# title run on, a mail-merge field, padded letters, a post before it).
_NAME_DECORATIONS = frozenset({"name_title", "merge_fields", "name_gap", "post_before_name"})
# Ways of sending one file the others would not follow.
_SENDING = frozenset({"forwarded_eml", "app_default_names", "word_and_scan", "misnamed_ext", "html_doc",
                      "body_pictures", "attached_twice", "inline_forward", "body_html_form", "one_file_two_forms"})

_PHONE_NOTES = ("（工作日9:00-17:30）", "（工作时间）", "（上班时间）", "（8:30-12:00，14:30-17:30）")
_INVISIBLES = ("\u200b", "\u2060", "\u00ad")
_TITLES = ("（教授/博导）", " 研究员/硕导", "（教授/硕导）", " 正高级工程师/硕导", "（研究员/博士生导师）")
_RELATIVE = ("自{s.year}年{s.month}月起至当年{e.month}月止", "{s.year}年{s.month}月至同年{e.month}月",
             "{s.year}年{s.month}月—当年{e.month}月")
_RELATIVE_NEXT = ("{s.year}年{s.month}月至次年{e.month}月", "自{s.year}年{s.month}月起至次年{e.month}月止")
_SLASH = ("{s.year}/{s.month:02d}-{e.year}/{e.month:02d}", "{s.year}/{s.month}—{e.year}/{e.month}",
          "{s.year}/{s.month}～{e.year}/{e.month}")
_WEEKDAYS = "一二三四五六日"

SURNAME_PINYIN = {
    "欧阳": "Ouyang", "司马": "Sima", "王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang",
    "黄": "Huang", "赵": "Zhao", "吴": "Wu", "周": "Zhou", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu", "胡": "Hu",
    "郭": "Guo", "何": "He", "罗": "Luo", "高": "Gao", "林": "Lin", "梁": "Liang", "谢": "Xie", "宋": "Song",
    "唐": "Tang", "许": "Xu", "韩": "Han", "冯": "Feng", "邓": "Deng", "曹": "Cao", "彭": "Peng", "曾": "Zeng",
    "肖": "Xiao", "田": "Tian", "董": "Dong", "潘": "Pan", "袁": "Yuan", "蒋": "Jiang", "蔡": "Cai", "余": "Yu",
    "杜": "Du", "叶": "Ye", "程": "Cheng", "魏": "Wei", "苏": "Su", "吕": "Lyu", "丁": "Ding", "任": "Ren", "卢": "Lu",
    "姚": "Yao", "沈": "Shen", "钟": "Zhong", "姜": "Jiang", "崔": "Cui", "谭": "Tan", "陆": "Lu", "范": "Fan",
    "汪": "Wang", "廖": "Liao", "石": "Shi", "金": "Jin", "贺": "He", "龚": "Gong", "文": "Wen", "易": "Yi",
    "向": "Xiang", "尹": "Yin", "伍": "Wu", "雷": "Lei", "颜": "Yan", "邹": "Zou", "毛": "Mao", "戴": "Dai",
}
GIVEN_PINYIN = {
    "伟": "Wei", "芳": "Fang", "娜": "Na", "敏": "Min", "静": "Jing", "丽": "Li", "强": "Qiang", "磊": "Lei",
    "军": "Jun", "洋": "Yang", "勇": "Yong", "艳": "Yan", "杰": "Jie", "娟": "Juan", "涛": "Tao", "明": "Ming",
    "超": "Chao", "秀英": "Xiuying", "霞": "Xia", "平": "Ping", "刚": "Gang", "桂英": "Guiying", "建华": "Jianhua",
    "志强": "Zhiqiang", "晓东": "Xiaodong", "海燕": "Haiyan", "红梅": "Hongmei", "建国": "Jianguo", "丹": "Dan",
    "玲": "Ling", "慧": "Hui", "文博": "Wenbo", "子轩": "Zixuan", "思琪": "Siqi", "雨欣": "Yuxin", "国庆": "Guoqing",
    "春生": "Chunsheng", "立新": "Lixin", "爱华": "Aihua", "卫东": "Weidong", "海波": "Haibo", "晓燕": "Xiaoyan",
    "德明": "Deming", "湘君": "Xiangjun", "楚雄": "Chuxiong", "振宇": "Zhenyu", "一鸣": "Yiming", "亚军": "Yajun",
    "新民": "Xinmin", "少华": "Shaohua", "云峰": "Yunfeng", "翠兰": "Cuilan", "嘉怡": "Jiayi", "宏伟": "Hongwei",
    "志远": "Zhiyuan",
}
DISCIPLINE_ENGLISH = {
    "光学": "Optics", "声学": "Acoustics", "力学": "Mechanics", "植物病理": "Plant Pathology", "微生物": "Microbiology",
    "遗传": "Genetics", "作物": "Crop Science", "园艺": "Horticulture",
    "畜牧兽医": "Animal Husbandry and Veterinary Medicine", "水利": "Hydraulic Engineering",
    "农业工程": "Agricultural Engineering", "林业经济": "Forestry Economics", "土壤肥料": "Soil and Fertilizer Science",
    "植物保护": "Plant Protection", "草学": "Grassland Science", "蚕桑": "Sericulture",
    "食品科学技术": "Food Science and Technology", "中医药": "Traditional Chinese Medicine",
    "针灸": "Acupuncture and Moxibustion", "药理": "Pharmacology", "康复医学": "Rehabilitation Medicine",
    "预防医学": "Preventive Medicine", "麻醉": "Anesthesiology", "口腔医学": "Stomatology", "心理卫生": "Mental Health",
    "电机工程": "Electrical Engineering", "自动化": "Automation", "计算机": "Computer Science",
    "人工智能": "Artificial Intelligence", "仪器仪表": "Instruments and Meters",
    "测绘地理信息": "Surveying, Mapping and Geoinformation", "海洋": "Oceanography", "湖泊": "Limnology",
    "岩土工程": "Geotechnical Engineering", "隧道": "Tunnelling", "桥梁": "Bridge Engineering", "铁道": "Railways",
    "公路": "Highways", "航空": "Aeronautics", "材料研究": "Materials Research", "金属": "Metals", "稀土": "Rare Earths",
    "化工": "Chemical Industry", "硅酸盐": "Silicates", "腐蚀与防护": "Corrosion and Protection",
    "能源研究": "Energy Research", "储能": "Energy Storage", "风能": "Wind Energy", "太阳能": "Solar Energy",
    "环境诱变": "Environmental Mutagens", "生态经济": "Ecological Economics", "科普作家": "Science Writers",
    "科技史": "History of Science and Technology", "自然辩证法": "Dialectics of Nature", "未来研究": "Futures Studies",
    "标准化": "Standardization", "质量管理": "Quality Management", "图象图形": "Image and Graphics",
    "数学": "Mathematics", "统计": "Statistics", "物理": "Physics", "化学": "Chemistry", "天文": "Astronomy",
    "地球物理": "Geophysics", "气象": "Meteorology", "茶叶": "Tea Science", "烟草": "Tobacco Science",
    "柑橘": "Citrus Science", "油茶": "Camellia Oleifera", "竹产业": "Bamboo Industry", "渔业": "Fisheries",
    "蜂业": "Apiculture", "药用植物": "Medicinal Plants", "营养与健康": "Nutrition and Health", "老年医学": "Geriatrics",
    "护理管理": "Nursing Management", "体育科学": "Sport Science",
}
CITY_PINYIN = {"长沙": "Changsha", "株洲": "Zhuzhou", "湘潭": "Xiangtan", "衡阳": "Hengyang", "邵阳": "Shaoyang",
               "岳阳": "Yueyang", "常德": "Changde", "张家界": "Zhangjiajie", "益阳": "Yiyang", "郴州": "Chenzhou",
               "永州": "Yongzhou", "怀化": "Huaihua", "娄底": "Loudi"}
UNIVERSITY_ENGLISH = {
    "湖南大学": "Hunan University", "湖南师范大学": "Hunan Normal University", "湘潭大学": "Xiangtan University",
    "长沙理工大学": "Changsha University of Science and Technology",
    "中南林业科技大学": "Central South University of Forestry and Technology",
    "湖南农业大学": "Hunan Agricultural University", "南华大学": "University of South China",
    "吉首大学": "Jishou University", "湖南工业大学": "Hunan University of Technology",
    "湖南中医药大学": "Hunan University of Chinese Medicine", "湖南理工学院": "Hunan Institute of Science and Technology",
    "湖南工程学院": "Hunan Institute of Engineering", "湖南城市学院": "Hunan City University",
    "湖南工商大学": "Hunan University of Technology and Business", "长沙学院": "Changsha University",
    "衡阳师范学院": "Hengyang Normal University", "邵阳学院": "Shaoyang University", "怀化学院": "Huaihua University",
    "湖南文理学院": "Hunan University of Arts and Science",
    "湖南人文科技学院": "Hunan University of Humanities, Science and Technology",
}
_AST = "Association for Science and Technology"


def weight(variant: str) -> float:
    return WEIGHTS.get(variant, WEIGHT)


def _pick(key: str, options: tuple[str, ...]) -> str:
    return options[int(hashlib.sha1(key.encode()).hexdigest(), 16) % len(options)]


def _odds(key: str, odds: float) -> bool:
    """A draw of its own for `key` (no draw of a plan's generator moves)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < odds


# ---------------------------------------------------------------------------- names in other scripts

def pinyin(name: str) -> str | None:
    """The name's pinyin as a passport spells it (Wang Wei, Ouyang Xiaodong), or None for a name
    whose characters the tables do not hold."""
    for surname in sorted(SURNAME_PINYIN, key=len, reverse=True):
        if name.startswith(surname) and name[len(surname):] in GIVEN_PINYIN:
            return f"{SURNAME_PINYIN[surname]} {GIVEN_PINYIN[name[len(surname):]]}"
    return None


def english(org: str) -> str | None:
    """The unit's English name as its website or its letterhead gives it, or None for a unit
    whose name the tables cannot put into English."""
    m = re.fullmatch(r"湖南省(.+)学会", org)
    if m and m.group(1) in DISCIPLINE_ENGLISH:
        return f"Hunan Society of {DISCIPLINE_ENGLISH[m.group(1)]}"
    m = re.fullmatch(r"(.+)市(?:科协|科学技术协会)", org)
    if m and m.group(1) in CITY_PINYIN:
        return f"{CITY_PINYIN[m.group(1)]} {_AST}"
    m = re.fullmatch(r"(.+?)(?:科协|科学技术协会)", org)
    if m and m.group(1) in UNIVERSITY_ENGLISH:
        return f"{_AST} of {UNIVERSITY_ENGLISH[m.group(1)]}"
    return None


# ---------------------------------------------------------------------------- values as typed

def option_text(chosen: bool, label: str, style: str) -> str:
    if style == "wingdings_latin":
        return f"[pua:{'00FE' if chosen else '00A8'}]{label}"
    if style == "lenticular_tick":
        return f"【{'√' if chosen else '　'}】{label}"
    if style == "boxed_square":
        return f"{'▣' if chosen else '□'}{label}"
    if style == "shi_marker":
        return f"{label}（{'是' if chosen else '　'}）"
    raise ValueError(style)


def by_four(yuan: int) -> str:
    """A 元 figure grouped by four digits from the right, as 万 groups it: 8,0000, 25,0000."""
    digits = str(yuan)
    groups: list[str] = []
    while digits:
        groups.insert(0, digits[-4:])
        digits = digits[:-4]
    return ",".join(groups)


def funding_text(app: App, style: str) -> str:
    # forms imports this module; by the time a form is drawn forms is loaded.
    from benchmarks.gencorpus.forms import daxie, wan_str

    yuan = round(app.funding_wan * 10000)
    if style == "yuan_beside_wan_label":
        return f"{yuan:,.2f}元"
    if style == "wan_daxie_paren":
        sep = _pick(app.aid + "-daxie", ("大写：", ""))
        return f"{wan_str(app.funding_wan)}万元（{sep}{daxie(app.funding_wan)}）"
    if style == "wan_grouping":
        return f"{by_four(yuan)}元"
    raise ValueError(style)


def period_text(app: App, style: str) -> str:
    s, e = app.start, app.end
    if style == "relative_year":
        if e.year == s.year:
            return _pick(app.aid + "-rel", _RELATIVE).format(s=s, e=e)
        if e.year == s.year + 1:
            return _pick(app.aid + "-rel", _RELATIVE_NEXT).format(s=s, e=e)
        return f"{s.year}年{s.month}月至{e.year}年{e.month}月"
    if style == "slash_month":
        return _pick(app.aid + "-slash", _SLASH).format(s=s, e=e)
    if style == "hao_days":
        end = f"{e.month}月{e.day}号" if e.year == s.year else f"{e.year}年{e.month}月{e.day}号"
        return f"{s.year}年{s.month}月{s.day}号至{end}"
    raise ValueError(style)


def _mobile(phone: str | None) -> bool:
    return bool(phone and re.fullmatch(r"1\d{10}", phone))


def phone_text(phone: str | None, typed: str, decorations: tuple[str, ...], key: str, contact: bool) -> str:
    """`typed` (the phone as the other decorations left it) with this set's: invisible characters
    pasted between an undecorated mobile's groups (3-4-4); when it is answered after the contact's."""
    if not phone or not typed:
        return typed
    if "phone_invisibles" in decorations and typed == phone and _mobile(phone):
        gap = _pick(key + "-gap", _INVISIBLES)
        typed = f"{phone[:3]}{gap}{phone[3:7]}{gap}{phone[7:]}"
    if contact and "phone_hours" in decorations:
        typed += _pick(key + "-hours", _PHONE_NOTES)
    return typed


def fullwidth(text: str) -> str:
    """`text`'s ASCII characters as the full-width forms a Chinese input method types in 全角 mode."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def email_text(email: str | None, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` (the e-mail as the other decorations left it) with its address typed full-width."""
    if not email or "email_fullwidth_all" not in decorations or email not in typed or "[" in typed:
        return typed
    return typed.replace(email, fullwidth(email))


def org_text(org: str, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` (the unit as the other decorations left it) with its English name after the name."""
    name = english(org)
    if "org_english" not in decorations or name is None or org not in typed:
        return typed
    return typed.replace(org, f"{org}（{name}）", 1)


def name_text(app: App, typed: str, decorations: tuple[str, ...]) -> str:
    """`typed` (the leader's name as the other decorations left it) followed by its pinyin or by
    his slashed titles."""
    leader = app.leader_name
    if leader not in typed:
        return typed
    if "name_pinyin" in decorations and (spelled := pinyin(leader)) is not None:
        style = _pick(app.aid + "-pinyin", ("plain", "upper", "space"))
        surname, given = spelled.split(" ")
        if style == "upper":
            return typed.replace(leader, f"{leader}（{surname.upper()} {given}）", 1)
        if style == "space":
            return typed.replace(leader, f"{leader} {spelled}", 1)
        return typed.replace(leader, f"{leader}（{spelled}）", 1)
    if "name_titles_slash" in decorations:
        return typed.replace(leader, leader + _pick(app.aid + "-titles", _TITLES), 1)
    return typed


def checkbox_for(checkbox: str, layout: str, aid: str) -> str:
    """The encoding a form of `layout` shows: a text box or a group's box takes no floating mark,
    control or legacy field; a sheet's cells hold characters and their formatting only; a
    system's PDF draws □ and ■, √ or the choice alone (the same stand-in for the same application)."""
    if layout in _BOX_LAYOUTS and checkbox in _NOT_IN_BOXES:
        return _pick(aid + "-box", _BOX_STAND_INS)
    if layout == "sheet_paste" and checkbox not in _SHEET_CHECKBOXES:
        return _pick(aid + "-sheet", _SHEET_STAND_INS)
    if layout == "system_pdf" and checkbox not in _SYSTEM_CHECKBOXES:
        return _pick(aid + "-system", _SYSTEM_CHECKBOXES)
    return checkbox


def shown(decorations: tuple[str, ...], layout: str) -> tuple[str, ...]:
    """The decorations drawn earlier less those a form of `layout` cannot show: none of Word's
    objects in a text box, none of Word's own in a pasted sheet, nothing but typed text in a
    system's PDF, no post before a name that has a post cell beside it."""
    if layout in _BOX_LAYOUTS:
        return tuple(d for d in decorations if d not in _NOT_IN_BOX_DECORATIONS)
    if layout == "sheet_paste":
        return tuple(d for d in decorations if d not in _NOT_IN_SHEET_DECORATIONS)
    if layout == "system_pdf":
        return tuple(d for d in decorations if d in _SYSTEM_DECORATIONS)
    if layout in _POST_LAYOUTS:
        return tuple(d for d in decorations if d != "post_before_name")
    return decorations


# Layouts that take no other writing of the unit's name: type_in_org and prose_letter write it
# their own way, and cover_table's cover fills it in as it is (its table has no unit row).
_NO_ORG_LAYOUTS = frozenset({"type_in_org", "prose_letter", "cover_table"})


def pick_decorations(rng: random.Random, app: App | None, layout: str, fmt: str, drawn_before: tuple[str, ...],
                     name_deco: str, org_deco: str) -> tuple[str, ...]:
    """This set's value decorations for one form, those that would show on it only."""
    from benchmarks.gencorpus.holdout_variants_12 import is_ditto

    drawn = tuple(d for d, odds in DECORATION_ODDS.items() if rng.random() < odds)
    if app is None:
        return ()
    before = set(drawn_before)
    plain_name = name_deco == "plain" and not _NAME_DECORATIONS & before
    shows = {
        # (A contact who is the leader writes 同负责人手机; one digit to a cell leaves no room.)
        "phone_hours": bool(app.contact_phone) and not is_ditto(app) and layout != "digit_cells",
        "org_english": english(app.applicant_org) is not None and org_deco == "plain"
                       and not _ORG_DECORATIONS & before and layout not in _NO_ORG_LAYOUTS,
        "email_fullwidth_all": bool(app.contact_email) and not _EMAIL_DECORATIONS & before,
        "phone_invisibles": _mobile(app.leader_phone) and not _PHONE_DECORATIONS & before
                            and layout not in ("digit_cells", "system_pdf"),
        "name_pinyin": plain_name and pinyin(app.leader_name) is not None,
        "name_titles_slash": plain_name and "name_pinyin" not in drawn,
        "attached_twice": fmt in _SINGLE_FILES and "word_and_scan" not in before,
    }
    return tuple(d for d in drawn if shows[d])


# ---------------------------------------------------------------------------- layouts

def basic_blocks(v: _V) -> tuple[Block, ...]:
    """The 基本信息 part of the form in one of this module's layouts."""
    layout = v.look.layout
    if layout == "tiered_header":
        return _tiered_header(v)
    if layout == "outer_frame":
        return _outer_frame(v)
    if layout == "table_in_textbox":
        return _table_in_textbox(v)
    if layout == "grouped_boxes":
        return _grouped_boxes(v)
    if layout == "sheet_paste":
        return _sheet_paste(v)
    if layout == "system_pdf":
        return _system_table(v)
    raise ValueError(layout)


def _head(v: _V) -> list[tuple[str, str]]:
    pairs = [("项目名称", v.project), ("项目类别", v.category), ("申报单位", v.org), ("单位类型", v.type)]
    if v.joint:
        pairs.append((v.joint_label, v.joint))
    return pairs


def pairs(v: _V) -> list[tuple[str, str]]:
    """The basic part's (label, value) rows, as typed."""
    return _head(v) + [("项目负责人", v.name), ("负责人手机", v.leader_phone), ("项目联系人", v.contact),
                       ("联系电话", v.contact_phone), ("电子邮箱", v.email), (v.funding_label, v.funding),
                       ("起止时间", v.period)]


def _tiered_header(v: _V) -> tuple[Block, ...]:
    app = v.app
    rows: list[tuple[Cell, ...]] = [
        (Cell("项目名称", 4, shade=True), Cell("单位类型", 2, shade=True)), (Cell(v.project, 4), Cell(v.type, 2)),
        (Cell("项目类别", 6, shade=True),), (Cell(v.category, 6),),
        (Cell("申报单位", 6, shade=True),), (Cell(v.org, 6),),
    ]
    if v.joint:
        rows += [(Cell(v.joint_label, 6, shade=True),), (Cell(v.joint, 6),)]
    rows += [
        (Cell("项目负责人", 3, shade=True), Cell("项目联系人", 3, shade=True)),
        tuple(Cell(h, shade=True) for h in ("姓名", "职务/职称", "手机", "姓名", "电话", "电子邮箱")),
        (Cell(v.name), Cell(app.leader_post), Cell(v.leader_phone), Cell(v.contact), Cell(v.contact_phone),
         Cell(v.email)),
        (Cell(v.funding_label, 2, shade=True), Cell("起止时间", 4, shade=True)),
        (Cell(v.funding, 2), Cell(v.period, 4)),
    ]
    return (Para("一、基本情况", "heading"), Table((0.9, 0.9, 1.35, 0.9, 1.4, 1.6), tuple(rows)))


FRAME_NOTE = "（以下各栏均须填写，无内容的填“无”）"


def _outer_frame(v: _V) -> tuple[Block, ...]:
    inner = Table((1.2, 4.0), tuple((Cell(label), Cell(value)) for label, value in pairs(v)))
    return (Table((1.0,), ((Cell("一、项目基本情况", shade=True),), (Cell(FRAME_NOTE, nested=inner),))),)


BOX_CAPTION = "表1　项目基本情况"
_LINE_CM = 0.56  # a line of 10.5 pt text with Word's single spacing
_VALUE_CELLS = 66  # half-width cells to a line in the table's value column (12.4 cm)


def _lines(text: str, width: int) -> int:
    """How many lines `text` takes in a column `width` half-width cells wide."""
    return sum(max(1, -(-text_cells(plain(line)) // width)) for line in text.replace("[br]", "\n").split("\n"))


def _table_in_textbox(v: _V) -> tuple[Block, ...]:
    rows = pairs(v)
    table = Table((1.2, 4.0), tuple((Cell(label), Cell(value)) for label, value in rows))
    height = 0.9 + sum(_lines(value, _VALUE_CELLS) * _LINE_CM + 0.05 for _, value in rows)
    return (Para("一、基本情况", "heading"), TableBox(table, 16.4, round(height, 2), (BOX_CAPTION,)))


_GROUP_CM = (3.0, 13.4)  # a label box's and a value box's width
_PAIR_CM = (3.0, 4.6, 2.6, 6.2)  # a person's row: label, name, the phone's label, the phone
_BOX_PAD_CM = 0.45


def _box_height(*texts: str, width: int) -> float:
    return round(max(_lines(t, width) for t in texts) * _LINE_CM + _BOX_PAD_CM, 2)


def _grouped_boxes(v: _V) -> tuple[Block, ...]:
    boxes: list[Box] = []
    y = 0.0
    people = {"项目负责人": "负责人手机", "项目联系人": "联系电话"}
    values = dict(pairs(v))
    for label, value in pairs(v):
        if label in people.values():
            continue
        if label in people:
            phone_label = people[label]
            h = _box_height(value, values[phone_label], width=22)
            x = 0.0
            for width, text, shade in zip(_PAIR_CM, (label, value, phone_label, values[phone_label]),
                                          (True, False, True, False)):
                boxes.append(Box(x, y, width, h, tuple(text.split("\n")), shade=shade))
                x += width
        else:
            h = _box_height(value, width=68)
            boxes += [Box(0.0, y, _GROUP_CM[0], h, (label,), shade=True),
                      Box(_GROUP_CM[0], y, _GROUP_CM[1], h, tuple(value.split("\n")))]
        y += h
    return (Para("一、基本情况", "heading"), Group(tuple(boxes)))


SHEET_TITLE = "2024年度科技创新服务能力提升计划项目申报信息表"


def _sheet_paste(v: _V) -> tuple[Block, ...]:
    rows: list[tuple[Cell, ...]] = [(Cell(SHEET_TITLE, 8),)]
    rows += [(Cell(label, 2), Cell(value, 6)) for label, value in _head(v)]
    rows += [(Cell("项目负责人", 2), Cell(v.name, 2), Cell("手机"), Cell(v.leader_phone, 3)),
             (Cell("项目联系人", 2), Cell(v.contact, 2), Cell("电话"), Cell(v.contact_phone, 3)),
             (Cell("电子邮箱", 2), Cell(v.email, 6)), (Cell(v.funding_label, 2), Cell(v.funding, 6)),
             (Cell("起止时间", 2), Cell(v.period, 6)), (Cell("填表日期", 2), Cell("2024年4月　日", 6))]
    return (Para("一、基本情况", "heading"), SheetPaste(Table((1.0,) * 8, tuple(rows))))


def _system_table(v: _V) -> tuple[Block, ...]:
    """What the system's 导出Word would give: its labels and values in a 2-column table."""
    return (Para("一、基本情况", "heading"), Table((1.2, 4.0), tuple((Cell(k), Cell(val)) for k, val in pairs(v))))


# ---------------------------------------------------------------------------- a system's own PDF

_PAGE = (595.28, 841.89)
_MARGIN = (62.0, 56.0)  # across, down
_SIZE = 10.5
_LEADING = 15.0
_LABEL_PT = 118.0


def drawn_pdf(look: Look) -> bool:
    """Whether the form's PDF is a system's own, not LibreOffice's print of the .docx."""
    return look.layout == "system_pdf"


class _Pages:
    """A system's PDF as its generator draws it: each page's template (rules and labels) first,
    then that page's values, every line a string placed on its own."""

    def __init__(self) -> None:
        self.pages: list[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(([], []))
        self.y = _PAGE[1] - _MARGIN[1]

    def room(self, height: float) -> None:
        if self.y - height < _MARGIN[1] + 20:
            self.new_page()

    def text(self, x: float, y: float, text: str, size: float = _SIZE, data: bool = True) -> None:
        self.pages[-1][1 if data else 0].append(("text", x, y, text, size))

    def rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.pages[-1][0].append(("line", x0, y0, x1, y1))


def _wrap(text: str, width: float, size: float = _SIZE) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and stringWidth(line + ch, "STSong-Light", size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def _grid(pages: _Pages, rows: list[tuple[str, ...]], widths: tuple[float, ...], header: bool = False) -> None:
    """A ruled table of `rows` (one text per column, the first the template's label unless
    `header` makes the first row the template's), a row at a time, a new page when one is full."""
    left = _MARGIN[0]
    for k, row in enumerate(rows):
        texts = [_wrap(cell, w - 8) for cell, w in zip(row, widths)]
        height = max(len(t) for t in texts) * _LEADING + 8
        pages.room(height)
        top = pages.y
        x = left
        pages.rule(left, top, left + sum(widths), top)
        for col, (lines, w) in enumerate(zip(texts, widths)):
            pages.rule(x, top, x, top - height)
            template = (header and k == 0) or (not header and col == 0)
            for i, line in enumerate(lines):
                pages.text(x + 4, top - 4 - _SIZE - i * _LEADING, line, data=not template)
            x += w
        pages.rule(x, top, x, top - height)
        pages.rule(left, top - height, left + sum(widths), top - height)
        pages.y = top - height
    pages.y -= 10


def _heading(pages: _Pages, text: str) -> None:
    pages.room(40)
    pages.text(_MARGIN[0], pages.y - 14, text, 12.0, data=False)
    pages.y -= 24


def _prose(pages: _Pages, lines: list[str], data: bool = True) -> None:
    for line in lines:
        for piece in _wrap(line, _PAGE[0] - 2 * _MARGIN[0]):
            pages.room(_LEADING)
            pages.text(_MARGIN[0], pages.y - _SIZE, piece, data=data)
            pages.y -= _LEADING


def system_pdf(app: App, look: Look) -> bytes:
    """The form as a 申报系统 prints it to PDF (see LAYOUTS["system_pdf"]): the same values the
    form's other pages would carry, as typed, in STSong-Light, not embedded."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    from benchmarks.gencorpus.forms import _V, budget_lines, wan_str

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    v = _V(app, look)
    pages = _Pages()
    title_x = _PAGE[0] / 2
    pages.text(title_x, pages.y - 16, "2024年度湖南省科协科技创新服务能力提升计划", 16.0, data=False)
    pages.text(title_x, pages.y - 40, "项目申报书", 16.0, data=False)
    number = int(hashlib.sha1(app.aid.encode()).hexdigest()[:6], 16) % 9000 + 1000
    day = 10 + number % 19
    pages.text(_MARGIN[0], pages.y - 66, f"申报编号：HNKX2024{number}　　打印时间：2024-04-{day:02d} "
               f"{8 + number % 10:02d}:{number % 60:02d}", 9.0)
    pages.y -= 80
    _heading(pages, "一、基本情况")
    width = _PAGE[0] - 2 * _MARGIN[0]
    _grid(pages, [(label, plain(value)) for label, value in pairs(v)], (_LABEL_PT, width - _LABEL_PT))
    _heading(pages, "二、项目主要内容")
    _prose(pages, list(app.content))
    _heading(pages, "三、经费预算")
    budget: list[tuple[str, ...]] = [("序号", "支出科目", "金额（万元）", "测算依据")]
    budget += [(str(i), name, wan_str(yuan / 10000), "按实际需要") for i, (name, yuan) in enumerate(budget_lines(app), 1)]
    budget.append(("", "合计", wan_str(app.funding_wan), ""))
    _grid(pages, budget, (50.0, 150.0, 110.0, width - 310.0), header=True)
    _heading(pages, "四、申报单位意见")
    _prose(pages, [app.approval_text])
    _prose(pages, ["负责人（签字）：", "（单位盖章）", "2024年4月　日"], data=False)
    _heading(pages, "五、市州科协审核意见")
    _prose(pages, [app.city_review_text or " "])
    _prose(pages, ["（市州科协盖章）", "年　月　日"], data=False)
    raw = io.BytesIO()
    canvas = Canvas(raw, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle("项目申报书")
    canvas.setCreator("HNKX Declaration System")
    total = len(pages.pages)
    for n, (template, data) in enumerate(pages.pages, 1):
        for op in (*template, ("text", _PAGE[0] / 2, 30.0, f"第 {n} 页 共 {total} 页　本表由系统生成", 9.0), *data):
            if op[0] == "line":
                canvas.setLineWidth(0.6)
                canvas.line(*op[1:])
                continue
            _, x, y, text, size = op
            canvas.setFont("STSong-Light", size)
            if size >= 16.0 or text.startswith("第 "):
                canvas.drawCentredString(x, y, text)
            else:
                canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()
    return raw.getvalue()


# ---------------------------------------------------------------------------- how the mail is sent

def _with(look: Look, decoration: str) -> Look:
    if decoration in look.decorations:
        return look
    return replace(look, decorations=(*look.decorations, decoration), value_decos=(*look.value_decos, decoration))


def _sends_plainly(look: Look) -> bool:
    return not _SENDING & set(look.decorations)


def settle(mails: list[MailPlan]) -> None:
    """The mails' ways of sending (no draw of a plan's generator: each mail draws by its
    message id): a unit's two forms in one file; a form pasted into the body; a mail forwarded
    inline by someone else."""
    for m in mails:
        sent = [f for f in m.forms if f.fmt != "none"]
        if not sent or m.forwarded is not None:
            continue
        if _mergeable(m) and _odds(m.message_id + "-merge", MERGE_ODDS):
            _merge(m)
        elif _pasteable(m) and _odds(m.message_id + "-paste", PASTE_ODDS):
            m.forms[0].look = _with(exported(m.forms[0].look), "body_html_form")
        pasted = {d for f in sent for d in f.look.decorations} & {"body_html_form", "body_pictures"}
        if m.scenario != "resend" and not pasted and _odds(m.message_id + "-forward", FORWARD_ODDS):
            _forward_inline(m)


# Formats the two forms of one file may have been drawn for (a Word file or a print of one).
_MERGE_FORMATS = frozenset({"docx", "pdf", "doc", "wps"})


# Ways of sending one form that the merged file is sent without (it is sent as one plain file).
_PER_FILE = frozenset({"app_default_names", "misnamed_ext", "word_and_scan", "attached_twice"})


def _mergeable(m: MailPlan) -> bool:
    from benchmarks.gencorpus.holdout_variants_14 import drawn_pdf as sheet_print
    from benchmarks.gencorpus.holdout_variants_15 import SHEET_LAYOUTS as WORKBOOKS

    if "two_apps" not in m.quirks or len(m.forms) != 2:
        return False
    # (Nor is a spreadsheet's print, the fourteenth set's, a print of the .docx that could hold two
    # forms; nor a workbook sent as it is, the fifteenth set's.)
    return all(f.fmt in _MERGE_FORMATS and not (_SENDING - _PER_FILE) & set(f.look.decorations)
               and not drawn_pdf(f.look) and not sheet_print(f.look) and f.look.layout not in WORKBOOKS
               for f in m.forms)


def _merge(m: MailPlan) -> None:
    """Both forms in one file: a PDF when both were prints, else a .docx (the looks drawn for a
    Word 97 file or a print show in a .docx as they are)."""
    from benchmarks.gencorpus.forms import OOXML_ONLY_CHECKBOXES, WORD_ONLY_CHECKBOXES
    from benchmarks.gencorpus.holdout_variants_7 import WORD_ONLY_LAYOUTS

    prints = all(f.look.checkbox not in WORD_ONLY_CHECKBOXES | OOXML_ONLY_CHECKBOXES
                 and f.look.layout not in WORD_ONLY_LAYOUTS for f in m.forms)
    fmt = "pdf" if prints and all(f.fmt == "pdf" for f in m.forms) else "docx"
    org = m.forms[0].app.applicant_org
    stem = _pick(m.message_id + "-name", (f"{org}2024年度项目申报书（2项）", f"{org}申报书（两个项目）",
                                          "2024年度项目申报书（合并）"))
    for f in m.forms:
        f.fmt = fmt
        for decoration in _PER_FILE & set(f.look.decorations):
            f.look = without(f.look, decoration)
        f.look = _with(f.look, "one_file_two_forms")
    m.forms[0].filename = f"{stem}.{fmt}"
    m.forms[1].filename = m.forms[0].filename


def merged_second(m: MailPlan, k: int) -> bool:
    """Whether the mail's form `k` is the second of a two-form file (its pages are the first's)."""
    return k == 1 and len(m.forms) == 2 and "one_file_two_forms" in m.forms[1].look.decorations


def merged_blocks(first: tuple[Block, ...], second: tuple[Block, ...]) -> tuple[Block, ...]:
    """The two forms one after the other in one file, the second from a new page."""
    return (*first, PageBreak(), *second)


def _pasteable(m: MailPlan) -> bool:
    """A single form typed in .docx that HTML shows once it has none of what a pasted copy loses
    (a revision, a note, a box: hv12.exported): one people can copy into a mail's body."""
    from benchmarks.gencorpus.forms import form_blocks

    if len(m.forms) != 1 or m.forms[0].fmt != "docx" or m.scenario == "resend" or m.password:
        return False
    f = m.forms[0]
    return _sends_plainly(f.look) and body_ok(form_blocks(f.app, exported(f.look)))


def body_ok(blocks: tuple[Block, ...]) -> bool:
    """Whether a mail's HTML body shows the form as Word does (hv12.html_ok; a pasted sheet is
    its table)."""
    from benchmarks.gencorpus.holdout_variants_12 import html_ok

    return html_ok(tuple(b.table if isinstance(b, SheetPaste) else b for b in blocks))


def pasted_html(blocks: tuple[Block, ...], note: str) -> str:
    """The mail's HTML body: the sender's note, then the form as Word puts it on the clipboard
    (its paragraphs and tables; a page break an empty paragraph)."""
    from benchmarks.gencorpus import holdout_variants_12 as hv12

    body = [f"<div>{line}</div>" for line in note.split("\n")] + ["<div><br></div>"]
    for block in blocks:
        if isinstance(block, SheetPaste):
            block = block.table
        if isinstance(block, Para):
            body += [hv12._para_html(line, block.style) for line in block.text.split("\n")]
        elif isinstance(block, Table):
            body.append(hv12._table_html(block, hv12._TEXT_WIDTH_PT))
        elif isinstance(block, PageBreak):
            body.append("<p class=MsoNormal>&nbsp;</p>")
        elif isinstance(block, (Leaders, RuledRows)):
            body += [hv12._para_html(f"{label}：{value.replace(chr(10), '[br]')}", "body")
                     for label, value in block.rows]
        elif isinstance(block, (Columns, Mono)):
            body += [hv12._para_html(line, "body") for line in block.lines]
    return ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\"></head>"
            "<body><div style=\"font-family:微软雅黑;font-size:14px\">" + "\n".join(body) + "</div></body></html>")


def pasted_text(blocks: tuple[Block, ...]) -> str:
    """The plain-text part a mail client writes for the pasted form: paragraphs as lines, a
    table's rows as lines with the cells apart by tabs (a nested table's rows after its row)."""
    out: list[str] = []

    def table(t: Table) -> None:
        for row in t.rows:
            out.append("\t".join(plain(c.text).replace("\n", " ") for c in row if c.vmerge != "continue"))
            for c in row:
                if c.nested is not None:
                    table(c.nested)

    for block in blocks:
        if isinstance(block, SheetPaste):
            block = block.table
        if isinstance(block, Para):
            out += [plain(line) for line in block.text.split("\n")]
        elif isinstance(block, Table):
            table(block)
        elif isinstance(block, (Leaders, RuledRows)):
            out += [f"{label}\t{plain(value).replace(chr(10), ' ')}" for label, value in block.rows]
        elif isinstance(block, (Columns, Mono)):
            out += [plain(line) for line in block.lines]
    return "\n".join(out)


PASTE_NOTE = "您好！附件上传不了，申报书内容直接粘贴在下面，请查收。纸质版已邮寄。"


def paste_body(eml: bytes, html: str) -> tuple[bytes, bytes]:
    """`eml` with its HTML part's content replaced by `html` ({charset} filled with the part's
    own charset, characters it has no code for as references), base64 as the clients send it:
    the new message and the part's decoded bytes."""
    found = re.search(rb"Content-Type: text/html;\r\n\tcharset=\"([^\"]+)\"\r\nContent-Transfer-Encoding: [^\r]+"
                      rb"\r\n\r\n", eml)
    if found is None:  # a plain-text message (Thunderbird's): a pasted table makes it HTML too
        eml = _with_html_part(eml)
        found = re.search(rb"Content-Type: text/html;\r\n\tcharset=\"([^\"]+)\"\r\nContent-Transfer-Encoding: [^\r]+"
                          rb"\r\n\r\n", eml)
    assert found is not None
    charset = found.group(1).decode()
    end = eml.index(b"\r\n--", found.end())
    data = html.replace("{charset}", charset).encode(charset, errors="xmlcharrefreplace")
    encoded = base64.encodebytes(data).replace(b"\n", b"\r\n").rstrip(b"\r\n")
    head = eml[:found.start()] + (f"Content-Type: text/html;\r\n\tcharset=\"{charset}\"\r\n"
                                  "Content-Transfer-Encoding: base64\r\n\r\n").encode()
    return head + encoded + eml[end:], data


def _with_html_part(eml: bytes) -> bytes:
    """A single-part text/plain message as a multipart/alternative of that text and an (empty)
    HTML part in its charset, as a client writes a message whose body holds a table."""
    head, _, body = eml.partition(b"\r\n\r\n")
    found = re.search(rb"Content-Type: text/plain;[^\r]*charset=([\w-]+)[^\r]*\r\nContent-Transfer-Encoding: [^\r]+",
                      head)
    assert found is not None, head
    boundary = "------------" + hashlib.sha1(eml).hexdigest()[:24].upper()
    alternative = f"Content-Type: multipart/alternative;\r\n\tboundary=\"{boundary}\"".encode()
    html = (f"Content-Type: text/html;\r\n\tcharset=\"{found.group(1).decode()}\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n").encode()
    parts = (b"This is a multi-part message in MIME format.\r\n--" + boundary.encode() + b"\r\n" + found.group(0)
             + b"\r\n\r\n" + body.rstrip(b"\r\n") + b"\r\n--" + boundary.encode() + b"\r\n" + html
             + b"\r\n--" + boundary.encode() + b"--\r\n")
    return head[:found.start()] + alternative + head[found.end():] + b"\r\n\r\n" + parts


_QQ_RULE = "------------------ 原始邮件 ------------------"
_QUOTE_RULES = {"qq": _QQ_RULE, "foxmail": _QQ_RULE,
                "outlook": "-----邮件原件-----", "coremail": "----- 原始邮件 -----", "apple": "开始转发的邮件：",
                "thunderbird": "-------- 转发的消息 --------"}
_FORWARD_PREFIX = {"qq": "转发：", "foxmail": "转发：", "outlook": "转发: ", "coremail": "Fw:", "apple": "转发：",
                   "thunderbird": "Fwd: "}


def _forward_inline(m: MailPlan) -> None:
    """The mail as someone else forwards it inline: a colleague, or the city's 科协 for a unit it
    reviews, writes a note above the original's header block and body; the attachments go with
    it; the mail is theirs (sender, name, message id)."""
    from benchmarks.gencorpus import pools

    app = next(f.app for f in m.forms if f.fmt != "none")
    rng = random.Random(f"inline-forward-{m.message_id}")
    city = app.applicant_type in ("企业（园区）科协", "民非组织", "其他")
    forwarder = pools.person(rng)
    address = pools.email(rng)
    note = (f"您好！{rng.choice(pools.CITIES)}市科协转报{app.applicant_org}的项目申报材料，已审核，请查收。"
            if city else f"您好！受{app.applicant_org}委托，转发其项目申报邮件，请查收。")
    when = m.sent_at - timedelta(hours=rng.randint(1, 30), minutes=rng.randint(0, 59))
    if when.hour < 8:  # (an office's mail, sent in working hours)
        when = when.replace(hour=8 + when.hour % 4)
    weekday = f"星期{_WEEKDAYS[when.weekday()]}"
    if m.client in ("qq", "foxmail"):
        header = [f"发件人: \"{m.sender_name}\"<{m.sender}>;",
                  f"发送时间: {when.year}年{when.month}月{when.day}日({weekday}) "
                  f"{'上午' if when.hour < 12 else '下午'}{(when.hour - 1) % 12 + 1}:{when.minute:02d}",
                  f"收件人: \"{forwarder}\"<{address}>;", f"主题: {m.subject}"]
    elif m.client == "apple":
        header = [f"发件人: {m.sender_name} <{m.sender}>", f"主题: {m.subject}",
                  f"日期: {when.year}年{when.month}月{when.day}日 GMT+8 {when:%H:%M}",
                  f"收件人: {forwarder} <{address}>"]
    else:
        header = [f"发件人: {m.sender_name} <{m.sender}>", f"发送时间: {when.year}年{when.month}月{when.day}日 {when:%H:%M}",
                  f"收件人: {forwarder} <{address}>", f"主题: {m.subject}"]
    m.body = "\n".join((note, "", "", _QUOTE_RULES[m.client], *header, "", m.body))
    m.subject = _FORWARD_PREFIX[m.client] + m.subject
    m.sender, m.sender_name = address, forwarder
    h = hashlib.sha1(f"inline-{m.message_id}".encode()).hexdigest()
    m.message_id = f"<{h[:16]}.{h[16:28]}@{address.rsplit('@', 1)[1]}>"
    for f in m.forms:
        f.look = _with(f.look, "inline_forward")


def twice_name(name: str, key: str) -> str:
    """The second copy's name: the same, or with (1) before the extension as a client numbers a
    second file of one name."""
    if _pick(key + "-twice", ("same", "numbered")) == "same":
        return name
    stem, dot, ext = name.rpartition(".")
    return f"{stem}(1){dot}{ext}"

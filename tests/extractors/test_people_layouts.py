"""Where forms put their people: one part a line under a label naming the parts, or in an
annexed table the basic part refers to (详见附表1)."""

from __future__ import annotations

import hashlib

import pytest
from docx.document import Document as DocumentObject

from shenbao.extractors.fields import score_and_form
from shenbao.extractors.pairs import stacked_person
from shenbao.extractors.readers import read_document
from shenbao.record import ExtractedForm
from tests.builders.docx_quirks import docx_from

BASIC = (("项目名称", "湘江流域生态修复学术研讨会"), ("申报单位", "湖南省生态学学会"), ("单位类型", "☑省级学会"),
         ("申请经费", "6万元"), ("起止时间", "2024年5月—2024年11月"))


def _table(doc: DocumentObject, rows: tuple[tuple[str, ...], ...]) -> None:
    table = doc.add_table(rows=0, cols=len(rows[0]))
    for texts in rows:
        for cell, text in zip(table.add_row().cells, texts):
            cell.text = text


def _read(build: object) -> ExtractedForm:
    data = docx_from(build)  # type: ignore[arg-type]
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    return form


def _people(form: ExtractedForm) -> tuple[str | None, ...]:
    f = form.fields
    return f.leader_name, f.leader_phone, f.contact_name, f.contact_phone, f.contact_email


def test_a_persons_parts_one_a_line_go_to_their_fields() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人\n（姓名、职务、手机）", "李军\n主任\n153-7694-4575"),
                     ("项目联系人\n（姓名、电话、邮箱）", "丁建华\n0730-51936450（办）\njtbdone@yeah.net")))

    form = _read(build)
    assert _people(form) == ("李军", "15376944575", "丁建华", "0730-51936450", "jtbdone@yeah.net")
    assert any("主任" in n for n in form.notes)


def test_a_persons_parts_parted_by_commas_go_to_their_fields() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人\n（姓名、职务、手机）", "邓 洋，办公室主任，+86 196-1544-9868"),
                     ("项目联系人\n（姓名、电话、邮箱）", "任 丽（秘书处），+86 197-3905-2689（上班时间），csi@aliyun.com（常用）")))

    form = _read(build)
    assert _people(form) == ("邓洋", "19615449868", "任丽", "19739052689", "csi@aliyun.com")
    # Two names before a phone are two people, never one name (王伟李娜).
    def pair(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人\n（姓名、职务、手机）", "王伟，李娜，13907311234"),))

    assert _read(pair).fields.leader_name != "王伟李娜" and "leader_name" in _read(pair).low_confidence
    # Two names and no phone are no person's parts: the value stays the name's (and is doubted).
    def two(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人", "王伟，李娜"),))

    assert "leader_name" in _read(two).low_confidence


def test_lines_that_are_no_phone_or_email_stay_the_persons_name() -> None:
    assert stacked_person("欧阳\n秀英") is None  # a name wrapped in a narrow cell
    assert stacked_person("李军 13907311234") is None  # one line: the usual readers split it
    assert stacked_person("李军\n主任\n153-7694-4575") == ("李军主任", "153-7694-4575", "")


def test_the_people_of_an_annexed_table_the_form_refers_to_are_read() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        doc.add_paragraph("一、基本情况")
        _table(doc, (*BASIC, ("项目负责人及联系人", "详见附表1")))
        doc.add_paragraph("四、申报单位意见")
        _table(doc, (("经理事会审议通过，同意申报。\n（单位盖章）",),))
        doc.add_paragraph("附表1")
        doc.add_paragraph("项目负责人及联系人信息表")
        _table(doc, (("角 色", "姓 名", "职务/职称", "手机/电话", "电子邮箱"),
                     ("项目负责人", "谭新民", "副秘书长", "152-5284-4542", ""),
                     ("项目联系人", "陈 军", "联络员", "0731-72299228（办）", "lcnjri6773@yeah.net")))

    form = _read(build)
    assert _people(form) == ("谭新民", "15252844542", "陈军", "0731-72299228", "lcnjri6773@yeah.net")
    assert "谭新民" not in (form.facts.approval_text or "")  # the box ends where the annex starts


def test_values_typed_in_text_boxes_over_empty_cells_fill_those_cells() -> None:
    from tests.builders.docx_quirks import cell, docx_with_body, para, row, run, table, text_box

    body = (para(run("项目申报书"))
            + table(*(row(cell(para(run(label))), cell(para(run(value))), cell(para()), cell(para()))
                      for label, value in BASIC),
                    row(cell(para(run("项目负责人"))), cell(para(text_box("肖海波 副理事长"))),
                        cell(para(run("手机"))), cell(para(text_box("195-5916-1479（微信同号）"))))))
    data = docx_with_body(body)
    _, form = score_and_form(read_document(data, "申报书.docx", "docx", hashlib.sha256(data).hexdigest()))
    assert form is not None
    assert (form.fields.leader_name, form.fields.leader_phone) == ("肖海波", "19559161479")


def test_a_bare_attachments_line_in_a_box_opens_no_annex() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人", "谭新民"), ("项目联系人", "陈军")))
        doc.add_paragraph("四、申报单位意见")
        doc.add_paragraph("同意申报。")
        doc.add_paragraph("附件：")
        doc.add_paragraph("项目联系人：王五（合作协议经办人）")

    form = _read(build)
    assert form.fields.contact_name == "陈军" and "王五" not in str(form.doubts)


def _diagonal_people(leader_cell: str, leader_name: str) -> ExtractedForm:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("2024年度湖南省科协科技创新服务能力提升计划项目申报书")
        doc.add_paragraph("一、基本情况")
        doc.add_paragraph("项目名称：湘江流域生态修复学术研讨会")
        doc.add_paragraph("项目类别：☑学术交流 ☐科技创新联盟建设")
        # The people under a corner cell split by a diagonal rule (斜线表头: 信息 over 人员).
        _table(doc, (("信息\n人员", "姓名", "职称", "职务", "联系电话", "电子邮箱"),
                     (leader_cell, leader_name, "正高级工程师", "秘书长", "182-7945-2455", ""),
                     ("项目联系人", "朱思琪", "/", "办公室", "0733-43406746转2599（办）", "ike@foxmail.com")))
        for label, value in BASIC[1:]:
            doc.add_paragraph(f"{label}：{value}")
    return _read(build)


@pytest.mark.parametrize("role_cell", ["项目负责人\n程晓燕", "项目负责人\n程晓燕（Cheng Xiaoyan）",
                                       "项目负责人 程晓燕 Cheng Xiaoyan"])
def test_the_leaders_name_typed_into_the_role_cell_is_the_leaders_name(role_cell: str) -> None:
    # With its pinyin after it too, in brackets or not: the name check takes that to the notes.
    form = _diagonal_people(role_cell, "")
    assert _people(form) == ("程晓燕", "18279452455", "朱思琪", "0733-43406746转2599", "ike@foxmail.com")


def test_a_name_in_its_own_cell_wins_over_text_after_the_role() -> None:
    form = _diagonal_people("项目负责人\n（签名）", "程晓燕")
    assert form.fields.leader_name == "程晓燕" and form.fields.leader_phone == "18279452455"


def test_a_compound_label_over_a_slashed_value_gives_each_part_its_field() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (("项目名称", "湘江流域生态修复学术研讨会"), ("申报单位", "湖南省生态学学会"),
                     ("项目负责人／职务／手机", "谭雨欣同志（副主席）／副主席／１７２ ８７５１ ４８８９"),
                     ("项目联系人／联系电话／电子邮箱", "蔡军／134 9937 9572／dnmi6123@sohu.com"),
                     ("申请经费（万元）／起止时间", "7／2024-03-01至2024-11-30")))

    form = _read(build)
    assert _people(form) == ("谭雨欣", "17287514889", "蔡军", "13499379572", "dnmi6123@sohu.com")
    assert (form.fields.funding_wan, form.fields.start_date, form.fields.end_date) == (7.0, "2024-03-01", "2024-11-30")
    assert not {"leader_phone", "contact_phone", "funding_wan", "start_date"} & set(form.low_confidence)


def test_a_compound_label_whose_value_has_another_count_of_parts_is_not_split() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC[:3], ("联系电话/手机", "0731-84567890"),
                     ("申请经费（万元）／起止时间", "7（2024/3/1至2024/11/30）")))

    form = _read(build)
    assert form.fields.funding_wan is None and "funding_wan" in form.low_confidence
    assert form.fields.start_date is None


def test_a_persons_parts_joined_by_slashes_under_a_label_that_lost_them() -> None:
    # A scan read 项目联系人／联系电话／电子邮箱 as 项目联系人联系电话; the value kept its slashes.
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人", "李军"), ("项目联系人联系电话", "蔡军/13499379572/dnmi6123@sohu.com")))

    assert _people(_read(build))[2:] == ("蔡军", "13499379572", "dnmi6123@sohu.com")


def test_a_slashed_value_missing_a_part_is_not_dealt_out_to_the_wrong_labels() -> None:
    # The post left out: 13907311234 is no 职务, and the phone is not lost.
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人／职务／手机", "李军／13907311234")))

    assert _people(_read(build))[:2] == ("李军", "13907311234")


def test_a_phone_with_a_remark_after_a_slash_names_nobody() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("联系电话", "13907311234／微信同号"), ("项目联系人", "蔡军")))

    assert _people(_read(build))[2] == "蔡军"


def test_a_compound_label_naming_its_person_gives_that_persons_parts() -> None:
    # 项目联系人手机/邮箱 after the leader's row: the contact's phone, not the leader's.
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("项目申报书")
        _table(doc, (*BASIC, ("项目负责人", "张三"), ("项目联系人手机/邮箱", "13907311234/lisi@b.com"), ("项目联系人", "李四")))

    assert _people(_read(build)) == ("张三", None, "李四", "13907311234", "lisi@b.com")


@pytest.mark.parametrize(("heading", "bio", "leader"), [
    ("（二）项目负责人简介", "邓超（男），办公室主任，教授，长期从事本领域科技服务与学术交流工作。手机：137-4539-3702。", "邓超"),
    ("项目负责人基本情况", "艾尔肯·吐拉洪，男，1975年生，理事长，研究员。手机：13745393702", "艾尔肯·吐拉洪"),
    ("负责人简介：", "努尔兰·哈力木同志，处长，教授，长期从事本领域科技服务工作。手机：+86 137-4539-3702。", "努尔兰·哈力木"),
])
def test_the_leaders_bio_paragraph_names_the_leader(heading: str, bio: str, leader: str) -> None:
    """The template's 项目负责人简介 paragraph under the table, the table naming no leader: the
    bio opens with the leader's name, its 手机 is the leader's; the contact's line says the
    contact is the leader (同负责人), and its phone label is no spaced-out 负责人联系电话."""
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("一、基本情况")
        _table(doc, BASIC)
        doc.add_paragraph(heading)
        doc.add_paragraph(bio)
        doc.add_paragraph("（三）项目联系方式")
        doc.add_paragraph("联系人：同负责人 联系电话：0731-84561234 电子邮箱：hnst@163.com")

    form = _read(build)
    assert _people(form) == (leader, "13745393702", leader, "0731-84561234", "hnst@163.com")
    assert "leader_name" not in form.low_confidence


def test_a_bio_that_opens_with_no_name_leaves_the_leader_missing() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("一、基本情况")
        _table(doc, BASIC)
        doc.add_paragraph("项目负责人简介")
        doc.add_paragraph("该同志长期从事本领域科技服务工作，熟悉项目组织实施。手机：13745393702。")

    form = _read(build)
    assert form.fields.leader_name is None and form.fields.leader_phone == "13745393702"


def test_a_table_naming_the_leader_wins_over_the_bio() -> None:
    def build(doc: DocumentObject) -> None:
        doc.add_paragraph("一、基本情况")
        _table(doc, (*BASIC, ("项目负责人", "王伟"), ("负责人手机", "13745393702")))
        doc.add_paragraph("项目负责人简介")
        doc.add_paragraph("王伟，男，理事长，研究员，长期从事本领域科技服务工作。")

    assert _read(build).fields.leader_name == "王伟"

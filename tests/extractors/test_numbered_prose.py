"""A prose letter printed with 行号 and scanned: each text line's number a box of its own (Word
numbers no line of a table, so the example page's table rows carry none), the example page's
heading after its line's number, phones with their country code glued to their labels, office
hours in brackets after a phone, a clause's label ending its line with its value on the next,
and footnotes at the page's foot after their line's numbers."""

from __future__ import annotations

from shenbao.extractors.fields import doctext_to_form
from shenbao.record import Cell, DocText, Row


def _row(page: int, y: float, *pieces: tuple[str, float]) -> Row:
    return Row(cells=tuple(Cell(text=t, where=f"第{page}页", page=page, box=(x, y, min(0.95, x + 0.02 * len(t)), y + 0.015),
                                score=0.99) for t, x in pieces), source="ocr")


def _numbered(page: int, n: int, y: float, text: str) -> Row:
    return _row(page, y, (str(n), 0.07), (text, 0.1))


EXAMPLE = (
    _numbered(1, 1, 0.07, "填写示例"), _numbered(1, 2, 0.1, "(正式填报时请删除本页)"),
    _row(1, 0.13, ("项目名称", 0.11), ("2024年湖南省××学会学术年会", 0.29)),
    _row(1, 0.16, ("申报单位", 0.11), ("湖南省××学会", 0.29)),
    _row(1, 0.19, ("项目负责人", 0.11), ("张××", 0.29)),
    _row(1, 0.22, ("项目联系人", 0.11), ("李××", 0.29)),
    _row(1, 0.25, ("申请经费", 0.11), ("10万元", 0.29)),
    _numbered(1, 3, 0.3, "注：以上内容仅为填写示例。"),
)
LETTER = (
    _numbered(2, 1, 0.07, "2024年度湖南省科协科技创新服务能力提升计划项目申报书"),
    _numbered(2, 2, 0.1, "一、基本情况"),
    _numbered(2, 3, 0.13, "湖南文理学院科学技术协会申报“标准体系建设与食品科学技术创新发展青年科学"),
    _numbered(2, 4, 0.15, "家论坛1”项目。申报单位类型为高校科协，项目类别为科技创新服务能力建设项目中的“学术交流”。"),
    _numbered(2, 5, 0.21, "项目负责人为司马新民，男，手机+86170-5209-9802；项目联系"),
    _numbered(2, 6, 0.23, "人为余思琪，联系电话+86193-2852-6145(8:30-12:00，14:30-17:30)，电子邮箱"),
    _numbered(2, 7, 0.25, "anm1059@hnast.org.cn"),
    _numbered(2, 8, 0.28, "申请经费：壹拾万元整2；项目实施期限：2024年6月—2024年11月。"),
    _numbered(2, 9, 0.32, "二、项目主要内容"),
    # The content's box: a table's cell, its lines unnumbered (more of them than numbered ones).
    *(_row(2, 0.35 + 0.02 * k, (f"{k + 1}）组织专家开展调研、交流与服务活动，形成第{k + 1}份成果报告。", 0.11)) for k in range(14)),
    _numbered(2, 10, 0.89, "1项目名称须与申报单位公章、正文及预算表一致。"),
    _numbered(2, 11, 0.92, "2指申请省科协资助的经费，不含单位自筹经费。"),
)


def _form(*rows: Row) -> DocText:
    return DocText(file="申报书.pdf", sha256="s", kind="pdf", pages=2, ocr=True, rows=rows)


def test_the_example_page_after_its_line_numbers_gives_no_value() -> None:
    form = doctext_to_form(_form(*EXAMPLE, *LETTER))
    assert form is not None
    f = form.fields
    assert f.project_name == "标准体系建设与食品科学技术创新发展青年科学家论坛"
    assert f.contact_name == "余思琪" and "××" not in (f.applicant_org or "")


def test_the_letters_people_are_read_through_line_numbers_and_wrapped_clauses() -> None:
    form = doctext_to_form(_form(*EXAMPLE, *LETTER))
    assert form is not None
    f = form.fields
    assert (f.leader_name, f.leader_phone) == ("司马新民", "17052099802")
    assert (f.contact_name, f.contact_phone, f.contact_email) == ("余思琪", "19328526145", "anm1059@hnast.org.cn")
    assert f.funding_wan == 10.0 and "funding_wan" not in form.doubts

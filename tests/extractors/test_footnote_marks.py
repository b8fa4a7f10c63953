"""A footnote's number printed after a value (…学术年会¹, which a PDF's text gives as 学术年会1)
comes off when the page's foot holds that footnote; otherwise the value is kept as read."""

from __future__ import annotations

from shenbao.extractors.fields import score_and_form
from shenbao.record import Box, Cell, DocText, Row

VALUES = (("项目名称", "产学研融合与渔业创新发展学术年会1"), ("申报单位", "湖南省水产学会"), ("项目负责人", "钟海波"),
          ("负责人手机", "13907311234"), ("申请经费", "6万元"), ("起止时间", "2024年5月—2024年11月"))


def _read(foot: str | None, foot_top: float = 0.9, name: str | None = None) -> tuple[str | None, tuple[str, ...]]:
    def line(text: str, n: int, top: float) -> Row:
        box: Box = (0.1, top, 0.8, top + 0.02)
        return Row(cells=(Cell(text=text, where=f"第1页 第{n}行", page=1, box=box),), source="line")

    rows = [line("项目申报书", 1, 0.05)]
    values = ((VALUES[0][0], name or VALUES[0][1]), *VALUES[1:])
    rows += [line(f"{label}：{value}", n, 0.1 + 0.03 * n) for n, (label, value) in enumerate(values, 2)]
    if foot is not None:
        rows.append(line(foot, 40, foot_top))
    _, form = score_and_form(DocText(file="申报书.pdf", sha256="0" * 64, kind="pdf", rows=tuple(rows)))
    assert form is not None
    return form.fields.project_name, form.notes


def test_the_number_of_a_footnote_at_the_pages_foot_comes_off_the_name_with_a_note() -> None:
    name, notes = _read("1 项目名称须与申报单位公章、正文及预算表一致。")
    assert name == "产学研融合与渔业创新发展学术年会"
    assert any("脚注" in n and "项目名称须与" in n for n in notes)


def test_without_such_a_footnote_the_name_is_kept_as_read() -> None:
    assert _read(None)[0] == "产学研融合与渔业创新发展学术年会1"
    assert _read("2 指申请省科协资助的经费。")[0] == "产学研融合与渔业创新发展学术年会1"  # another number
    # a numbered line high on the page is the form's text, not a footnote
    assert _read("1 项目名称须与申报单位公章一致。", foot_top=0.3)[0] == "产学研融合与渔业创新发展学术年会1"


def test_a_numbered_paragraph_of_a_word_file_is_no_footnote() -> None:
    """Word lines have no place on a page: 1 项目背景… is the form's own numbering."""
    rows = [Row(cells=(Cell(text=text, where=f"段落{n}"),), source="paragraph")
            for n, text in enumerate(["项目申报书", *(f"{label}：{value}" for label, value in VALUES),
                                      "1 项目背景与必要性说明"], 1)]
    _, form = score_and_form(DocText(file="申报书.docx", sha256="0" * 64, kind="docx", rows=tuple(rows)))
    assert form is not None
    assert form.fields.project_name == "产学研融合与渔业创新发展学术年会1" and "project_name" in form.low_confidence


def test_a_footnote_number_after_the_templates_brackets_comes_off_and_so_do_the_brackets() -> None:
    # The name typed into the template's 【】 placeholder, the label's footnote mark after it.
    name, notes = _read("1 项目名称须与申报单位公章、正文及预算表一致。", name="【汝城县槟榔科技服务站建设】1")
    assert name == "汝城县槟榔科技服务站建设" and any("脚注" in n for n in notes)
    # Without the footnote the number may be a page's or a cut name's: kept and doubted.
    rows_name, _ = _read(None, name="【汝城县槟榔科技服务站建设】1")
    assert rows_name == "【汝城县槟榔科技服务站建设】1"


def test_a_footnote_whose_number_is_joined_to_its_text_in_a_pdf_line_is_found() -> None:
    # A searchable scan's text layer (and a PDF's raised mark) joins the number to the text.
    name, notes = _read("1项目名称须与申报单位公章、正文及预算表一致。")
    assert name == "产学研融合与渔业创新发展学术年会" and any("脚注" in n for n in notes)
    # the same number after the name's closing title mark, a space between (OCR's)
    name, _ = _read("1项目名称须与申报单位公章、正文及预算表一致。", name="《产学研融合与渔业创新发展学术年会》 1")
    assert name == "产学研融合与渔业创新发展学术年会"
    # a date at the foot is no footnote: its year's digits run on
    assert _read("2024年4月25日")[0] == "产学研融合与渔业创新发展学术年会1"


def _picture_read(last_lines: list[str]) -> str | None:
    """The form as a page scanned into a Word file reads it: OCR lines with no box on a page,
    placed only by their picture and line (pasted_pictures)."""
    def line(texts: tuple[str, ...], n: int, picture: str = "image1.jpg") -> Row:
        where = f"Word文件中的图片（{picture}） 第1页 第{n}行"
        return Row(cells=tuple(Cell(text=t, where=f"{where}第{k}块") for k, t in enumerate(texts, 1)), source="ocr")

    rows = [line(("项目申报书",), 1)]
    rows += [line((label, value), n) for n, (label, value) in enumerate(VALUES, 2)]
    rows += [line(tuple(t.split(" | ")), n) for n, t in enumerate(last_lines, 20)]
    rows.append(line(("二、项目主要内容",), 1, picture="image2.jpg"))
    _, form = score_and_form(DocText(file="申报书.docx", sha256="0" * 64, kind="docx", rows=tuple(rows), ocr=True))
    assert form is not None
    return form.fields.project_name


def test_a_footnote_on_the_last_lines_of_a_page_scanned_into_word_is_found() -> None:
    assert _picture_read(["四、申报单位意见", "1项目名称须与申报单位公章、正文及预算表一致。"]) == \
        "产学研融合与渔业创新发展学术年会"
    # Higher on the picture, a numbered line is the form's own; a table's row is no footnote.
    assert _picture_read(["1 项目名称须与申报单位公章一致。", "四、申报单位意见", "（单位盖章）", "2024年4月日"]) == \
        "产学研融合与渔业创新发展学术年会1"
    assert _picture_read(["序号 | 支出科目 | 金额（万元）", "1 | 专家咨询费用测算 | 2.4"]) == "产学研融合与渔业创新发展学术年会1"

"""Register rows for the output tests: an application, an `other` mail and a paper-only row."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from shenbao.record import Evidence, FileRef, Fields, Finding, PaperMatch, RegisterRow

CST = timezone(timedelta(hours=8))
FORM_SHA = "a" * 64
ATTACHMENT_SHA = "b" * 64


def application_row(row_id: str = "2024-0007", **changes: object) -> RegisterRow:
    row = RegisterRow(
        id=row_id,
        key=f"{'c' * 64}#{row_id[-1]}",
        kind="application",
        electronic=True,
        message_id="<abc@mail.example>",
        received_at=datetime(2024, 4, 29, 8, 2, 11, tzinfo=timezone.utc),
        sender="xiehui@example.org",
        subject="湖南省某某学会-学术交流项目申报",
        files=(
            FileRef(name="申报书.docx", sha256=FORM_SHA, role="form", origin="附件"),
            FileRef(name="预算.xlsx", sha256=ATTACHMENT_SHA, role="attachment", origin="附件"),
        ),
        fields=Fields(
            project_name="2024年湖南省青年科技工作者学术交流大会",
            category="科技创新服务能力建设项目",
            subcategory="学术交流",
            applicant_org="湖南省某某学会",
            applicant_type="省级学会",
            partner_orgs=("湖南省另一学会",),
            leader_name="张三",
            leader_phone="13800138000",
            contact_name="李四",
            contact_phone="07318456789",
            contact_email="lisi@example.org",
            funding_wan=12.0,
            start_date="2024-03",
            end_date="2024-12",
        ),
        evidence={"funding_wan": Evidence(file="申报书.docx", where="表1 第9行第2列", text="拾贰万元", confidence=0.9)},
        paper=PaperMatch(copies=3, receipt_ids=("P-031",), received_on=date(2024, 4, 30),
                         postmarked_on=date(2024, 4, 28), score=0.95, explanation="单位名称一致；项目名称相似度0.93"),
        findings=(
            Finding(code="FUNDING_OUT_OF_RANGE", severity="error", field="funding_wan",
                    message="申请经费12万元超出学术交流项目5—10万元/个的范围"),
        ),
    )
    return row.model_copy(update=changes)


def other_row(row_id: str = "2024-0008", **changes: object) -> RegisterRow:
    row = RegisterRow(
        id=row_id,
        key=f"{'d' * 64}#0",
        kind="other",
        electronic=True,
        message_id="<ask@mail.example>",
        received_at=datetime(2024, 4, 20, 10, 0, tzinfo=CST),
        sender="someone@example.com",
        subject="请问申报书模板在哪里下载？",
        other_reason="咨询邮件，没有申报材料",
    )
    return row.model_copy(update=changes)


def paper_only_row(row_id: str = "2024-0009", **changes: object) -> RegisterRow:
    row = RegisterRow(
        id=row_id,
        key="paper:P-040",
        kind="application",
        electronic=False,
        fields=Fields(applicant_org="长沙市科协", project_name="长沙学会服务站建设"),
        paper=PaperMatch(copies=3, receipt_ids=("P-040",), received_on=date(2024, 4, 29)),
        findings=(
            Finding(code="ELECTRONIC_MISSING", severity="error", message="收到纸质件但未收到电子版申报书"),
        ),
    )
    return row.model_copy(update=changes)

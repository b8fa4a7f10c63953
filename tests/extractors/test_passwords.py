"""Passwords written in the mail open protected files: the candidates a body offers, and the
readers opening a real protected PDF and Word file with them (or saying that none did)."""

from __future__ import annotations

import hashlib

import pytest

from shenbao.demo.forms import build_docx, build_pdf, example_spec
from shenbao.extractors.errors import UnreadableFile
from shenbao.extractors.fields import score_and_form
from shenbao.extractors.passwords import MAX_CANDIDATES, password_candidates, unlock_office, unlock_pdf
from shenbao.extractors.readers import read_document
from shenbao.record import DocText
from tests.builders.docx_quirks import encrypted_docx
from tests.builders.locked_files import encrypted_doc, encrypted_pdf

SPEC = example_spec()
OPENED_1234 = "已用邮件正文中提供的密码“1234”打开"


# --------------------------------------------------------------------------- the candidates

@pytest.mark.parametrize(("body", "expected"), [
    ("老师好，附件为申报书，密码：1234，请查收。", ("1234",)),
    ("申报书PDF打开密码为 Hn2024", ("Hn2024",)),
    ("解压密码是「xk-77」", ("xk-77",)),
    ("文件口令：“abc123”", ("abc123",)),
    ("附件密码均为１２３４５６。", ("123456",)),  # typed with a full-width IME
    ("Password: S3cret", ("S3cret",)),
    ("pwd=qwe9", ("qwe9",)),
    ("PIN码：8888", ("8888",)),
    ("附件密码（2468）", ("2468",)),
    ("密码学会于2024年成立", ()),  # a keyword in prose, with no colon or brackets: not offered
    ("输错密码3次将锁定", ()),
    ("密码：(2468)", ("2468",)),
])
def test_a_password_after_its_keyword_is_a_candidate(body: str, expected: tuple[str, ...]) -> None:
    assert password_candidates(body, "") == expected


def test_a_bare_password_ending_a_sentence_is_offered_without_the_full_stop_first() -> None:
    assert password_candidates("文件的密码为abc123.", "") == ("abc123", "abc123.")


def test_candidates_come_subject_first_in_the_order_written_each_once() -> None:
    body = "PDF密码：1111\n压缩包解压密码：2222\n再说一遍，PDF密码：1111"
    assert password_candidates(body, "申报书（密码3333）") == ("3333", "1111", "2222")


def test_a_long_thread_offers_at_most_the_cap() -> None:
    body = "\n".join(f"密码：{n:04d}" for n in range(20))
    assert password_candidates(body, "") == tuple(f"{n:04d}" for n in range(MAX_CANDIDATES))


def test_an_ordinary_mail_with_phone_numbers_and_dates_offers_nothing() -> None:
    body = ("您好！我单位申报的项目材料见附件。\n联系人：贺晓琳，联系电话：0731-88762210，手机：13907318826，"
            "邮箱：hnsxxh@163.com\n报送日期：2024年4月1日，编号：2024-0012\n"
            "如忘记密码请致电：13800138000。密码已另行短信发送。\n密码：见短信\n湖南省示例声学学会")
    assert password_candidates(body, "关于报送2024年度学术交流项目申报书的函") == ()


# --------------------------------------------------------------------------- protected files

def read(data: bytes, name: str, kind: str, passwords: tuple[str, ...]) -> DocText:
    return read_document(data, name, kind, hashlib.sha256(data).hexdigest(), passwords=passwords)


def assert_is_the_example_form(doc: DocText) -> None:
    _, form = score_and_form(doc)
    assert form is not None
    assert form.fields.project_name == SPEC.project_name
    assert form.fields.leader_name == SPEC.leader_name
    assert form.fields.contact_phone == SPEC.contact_phone
    assert OPENED_1234 in form.notes


@pytest.fixture(scope="module")
def locked_pdf() -> bytes:
    return encrypted_pdf(build_pdf(SPEC), "1234")


@pytest.fixture(scope="module")
def locked_docx() -> bytes:
    return encrypted_docx(build_docx(SPEC), password="1234")


def test_a_pdf_opens_with_the_password_from_the_mail_and_says_so(locked_pdf: bytes) -> None:
    doc = read(locked_pdf, "申报书.pdf", "pdf", ("0000", "1234"))

    assert doc.notes[0] == OPENED_1234
    assert_is_the_example_form(doc)


def test_a_pdf_no_candidate_opens_is_unreadable_naming_what_was_tried(locked_pdf: bytes) -> None:
    with pytest.raises(UnreadableFile) as err:
        read(locked_pdf, "申报书.pdf", "pdf", ("0000", "12345"))

    assert err.value.reason == "PDF文件已加密（需要密码），邮件正文中提供的密码均无法打开（已试：0000、12345）"


def test_a_pdf_without_candidates_is_refused_as_before(locked_pdf: bytes) -> None:
    with pytest.raises(UnreadableFile) as err:
        read(locked_pdf, "申报书.pdf", "pdf", ())

    assert err.value.reason == "PDF文件已加密（需要密码）"


def test_a_pdf_needing_no_password_is_read_without_a_note() -> None:
    doc = read(build_pdf(SPEC), "申报书.pdf", "pdf", ("1234",))

    assert not any("密码" in note for note in doc.notes)
    assert score_and_form(doc)[1] is not None


def test_an_encrypted_word_file_opens_with_the_password_from_the_mail(locked_docx: bytes) -> None:
    doc = read(locked_docx, "申报书.docx", "encrypted_ooxml", ("1234",))

    assert doc.notes[0] == OPENED_1234
    assert_is_the_example_form(doc)


def test_an_encrypted_word_file_no_candidate_opens_is_unreadable(locked_docx: bytes) -> None:
    with pytest.raises(UnreadableFile) as err:
        read(locked_docx, "申报书.docx", "encrypted_ooxml", ("4321",))

    assert err.value.reason == "文件已加密（需要密码），邮件正文中提供的密码均无法打开（已试：4321）"


def test_an_encrypted_word_file_without_candidates_is_refused_as_before(locked_docx: bytes) -> None:
    with pytest.raises(UnreadableFile) as err:
        read(locked_docx, "申报书.docx", "encrypted_ooxml", ())

    assert err.value.reason == "文件已加密（需要密码），无法打开"


@pytest.mark.parametrize("kind", ["pdf", "encrypted_ooxml"])
def test_unlocking_with_no_candidates_gives_the_plain_locked_reason(kind: str, locked_pdf: bytes,
                                                                    locked_docx: bytes) -> None:
    with pytest.raises(UnreadableFile) as err:
        if kind == "pdf":
            unlock_pdf(locked_pdf, ())
        else:
            unlock_office(locked_docx, ())

    assert err.value.reason == {"pdf": "PDF文件已加密（需要密码）", "encrypted_ooxml": "文件已加密（需要密码）"}[kind]


@pytest.fixture(scope="module")
def locked_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return encrypted_doc(build_docx(SPEC), "1234", tmp_path_factory.mktemp("locked-doc"))


@pytest.mark.slow
def test_an_encrypted_word_97_file_is_decrypted_then_converted_and_read(locked_doc: bytes) -> None:
    doc = read(locked_doc, "申报书.doc", "doc", ("1234",))

    assert doc.kind == "doc" and doc.notes[0] == OPENED_1234
    assert_is_the_example_form(doc)


@pytest.mark.slow
@pytest.mark.parametrize(("passwords", "reason"), [
    ((), "文件已加密（需要密码），无法打开"),
    (("4321",), "文件已加密（需要密码），邮件正文中提供的密码均无法打开（已试：4321）"),
])
def test_an_encrypted_word_97_file_not_opened_says_it_is_encrypted(locked_doc: bytes, passwords: tuple[str, ...],
                                                                    reason: str) -> None:
    with pytest.raises(UnreadableFile) as err:
        read(locked_doc, "申报书.doc", "doc", passwords)

    assert err.value.reason == reason

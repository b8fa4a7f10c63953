"""`shenbao check-config` says in Chinese exactly what is wrong, against a real Dovecot and the
NetEase-like proxy in front of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.intake.imap_source import explain_login_failure
from tests.support.dovecot import Dovecot
from tests.support.netease_proxy import NeteaseProxy

CHINESE_FOLDER = "申报材料2024"


def write_config(root: Path, port: int, **mailbox: object) -> str:
    values = {"host": "127.0.0.1", "port": port, "tls": "none", "username": "shenbao",
              "password_env": "SHENBAO_CHECK_PASSWORD", "folder": CHINESE_FOLDER, "timeout_seconds": 30, **mailbox}
    lines = "\n".join(f"{k} = {v if isinstance(v, (int, float)) and not isinstance(v, bool) else _toml(v)}"
                      for k, v in values.items())
    path = root / "shenbao.toml"
    path.write_text(f"[mailbox]\n{lines}\n", encoding="utf-8")
    return str(path)


def _toml(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else f'"{v}"'


@pytest.fixture
def mailbox(dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> Dovecot:
    dovecot.reset(CHINESE_FOLDER)  # a folder with a Chinese name: modified UTF-7 on the wire
    monkeypatch.setenv("SHENBAO_CHECK_PASSWORD", dovecot.password)
    return dovecot


def check(config: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check-config", "-c", config])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_good_configuration_logs_in_sends_id_and_lists_decoded_folders(
        mailbox: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    proxy = NeteaseProxy(mailbox.port)  # NetEase refuses SELECT without ID: this proves ID went first
    try:
        code, said = check(write_config(tmp_path, proxy.port), capsys)
    finally:
        proxy.close()
    assert code == 0, said
    assert "检查通过" in said and "已发送 IMAP ID" in said
    assert CHINESE_FOLDER in said and "垃圾邮件" in said
    assert f"文件夹“{CHINESE_FOLDER}”中有 0 封邮件" in said


def test_a_wrong_password_is_called_a_wrong_authorisation_code(
        mailbox: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHENBAO_CHECK_PASSWORD", "not-the-code")
    code, said = check(write_config(tmp_path, mailbox.port), capsys)
    assert code == 3
    assert "授权码" in said and "网页登录密码" in said
    assert "not-the-code" not in said


def test_a_wrong_folder_lists_the_real_folders_decoded_from_modified_utf7(
        mailbox: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = check(write_config(tmp_path, mailbox.port, folder="收件箱"), capsys)
    assert code == 3
    assert "无法打开邮箱文件夹“收件箱”" in said
    listed = said.split("现有的文件夹：", 1)[1]
    assert CHINESE_FOLDER in listed and "INBOX" in listed and "垃圾邮件" in listed
    assert "&" not in listed  # nothing left in modified UTF-7


def test_tls_spoken_to_the_plain_port_is_a_tls_failure(mailbox: Dovecot, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, said = check(write_config(tmp_path, mailbox.port, tls="ssl"), capsys)
    assert code == 3
    assert "TLS 加密连接失败" in said and "mailbox.tls" in said


def test_a_self_signed_certificate_is_a_certificate_failure_when_verified(
        mailbox: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, said = check(write_config(tmp_path, mailbox.ssl_port, tls="ssl", verify_tls=True), capsys)
    assert code == 3
    assert "证书校验失败" in said and "verify_tls" in said
    code, said = check(write_config(tmp_path, mailbox.ssl_port, tls="ssl", verify_tls=False), capsys)
    assert code == 0, said


def test_netease_unsafe_login_says_to_send_id(mailbox: Dovecot, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    proxy = NeteaseProxy(mailbox.port)
    try:
        code, said = check(write_config(tmp_path, proxy.port, send_id=False), capsys)
    finally:
        proxy.close()
    assert code == 3
    assert "Unsafe Login" in said and "send_id" in said


@pytest.mark.parametrize("server_says, expected", [
    (b"NO LOGIN Login error or password error", "账号或授权码错误"),
    (b"NO LOGIN IMAP service is disabled", "未开启 IMAP 服务"),
])
def test_netease_login_refusals_are_told_apart(mailbox: Dovecot, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               server_says: bytes, expected: str) -> None:
    proxy = NeteaseProxy(mailbox.port, login_error=server_says)
    try:
        code, said = check(write_config(tmp_path, proxy.port), capsys)
    finally:
        proxy.close()
    assert code == 3 and expected in said


@pytest.mark.parametrize("text", ["NO LOGIN IMAP service is disabled", "NO [ALERT] IMAP not open for this user",
                                  "NO 您的邮箱未开启IMAP服务"])
def test_imap_disabled_wordings_are_recognised(text: str) -> None:
    assert "未开启 IMAP 服务" in explain_login_failure(text)


def test_a_missing_authorisation_code_and_every_file_problem_are_listed_at_once(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SHENBAO_CHECK_PASSWORD", raising=False)
    config = write_config(tmp_path, 993)
    code, said = check(config, capsys)
    assert code == 2 and "环境变量 SHENBAO_CHECK_PASSWORD 未设置" in said
    Path(config).write_text('[mailbox]\nport = "abc"\ntls = "tls"\n', encoding="utf-8")
    code, said = check(config, capsys)
    assert code == 2
    assert "mailbox.port" in said and "mailbox.tls" in said and "mailbox.username" in said

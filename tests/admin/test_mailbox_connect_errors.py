"""A mailbox that cannot be reached is explained in Chinese the admin can act on — the name
does not resolve, the port refuses, the server hangs up — never with a Python class name
(issue 17: "无法连接邮箱服务器 imap.126.com:993：gaierror")."""

from __future__ import annotations

import errno
import re
import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shenbao.cli import main
from shenbao.intake.imap_source import explain_network_failure
from tests.support.dovecot import free_port

PYTHON_WORDS = re.compile(r"[A-Za-z]*(Error|error|Exception)\b|gaierror|\babort\b")


def settings_file(root: Path, host: str, port: int, tls: str = "ssl") -> str:
    path = root / "shenbao.toml"
    path.write_text(f"""\
[mailbox]
host = "{host}"
port = {port}
tls = "{tls}"
username = "hnkxxhb@126.com"
password_env = "SHENBAO_TEST_CONNECT_PASSWORD"
timeout_seconds = 20

[paths]
data_dir = "data"
output_dir = "output"
""", encoding="utf-8")
    return str(path)


def poll_said(settings: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["poll", "-c", settings]) == 4  # transient: the next poll tries again
    return capsys.readouterr().err


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHENBAO_TEST_CONNECT_PASSWORD", "授权码")


@pytest.fixture
def hangs_up() -> Iterator[int]:
    """A port where a server accepts each connection and closes it before the IMAP greeting."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    server.shutdown(socket.SHUT_RDWR)  # wakes the accept() (close alone does not, on Linux)
    server.close()
    thread.join(10)


def test_a_host_name_that_does_not_resolve_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said = poll_said(settings_file(tmp_path, "nonexistent.invalid", 993), capsys)
    assert "无法连接邮箱服务器 nonexistent.invalid:993：域名" in said and "无法解析" in said
    assert "服务器地址" in said
    assert not PYTHON_WORDS.search(said), said


def test_a_closed_port_says_the_connection_was_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    port = free_port()  # nothing listens there
    said = poll_said(settings_file(tmp_path, "127.0.0.1", port, tls="none"), capsys)
    assert f"无法连接邮箱服务器 127.0.0.1:{port}：连接被拒绝" in said and "端口" in said and "防火墙" in said
    assert not PYTHON_WORDS.search(said), said


def test_a_server_that_hangs_up_at_once_is_named_as_such(tmp_path: Path, hangs_up: int,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    said = poll_said(settings_file(tmp_path, "127.0.0.1", hangs_up, tls="none"), capsys)
    assert f"无法连接邮箱服务器 127.0.0.1:{hangs_up}：服务器断开了连接。" in said
    assert not PYTHON_WORDS.search(said), said


def test_the_failure_status_shows_is_the_same_chinese_reason(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    settings = settings_file(tmp_path, "nonexistent.invalid", 993)
    poll_said(settings, capsys)
    assert main(["status", "-c", settings]) == 0
    status = capsys.readouterr().out
    assert "近24小时收信错误：1 次" in status and "域名无法解析" in status
    assert not PYTHON_WORDS.search(status), status


@pytest.mark.parametrize(("error", "words"), [
    (TimeoutError("timed out"), "连接超时"),
    (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"), "连接被重置"),
    (OSError(errno.ENETUNREACH, "Network is unreachable"), "网络不可达"),
    (OSError(errno.EHOSTUNREACH, "No route to host"), "无法到达服务器"),
    (socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"), "域名暂时无法解析"),
    (ssl.SSLEOFError(8, "EOF occurred in violation of protocol"), "TLS 加密连接出错"),
])
def test_every_kind_of_network_failure_has_its_own_chinese_reason(error: OSError, words: str) -> None:
    said = explain_network_failure(error)
    assert said.startswith(words) and type(error).__name__ not in said

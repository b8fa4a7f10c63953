"""`shenbao status` counts every failed poll, manual ones as well as the service's (issue 19:
after polls that all exited 4, status still said 0 errors in 24 h)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenbao.cli import main
from tests.support.dovecot import Dovecot, free_port, imap_settings_toml
from tests.support.netease_proxy import NeteaseProxy


def write_settings(root: Path, server: Dovecot, port: int) -> Path:
    path = root / "shenbao.toml"
    path.write_text(imap_settings_toml(server, "SHENBAO_STATUS_PASSWORD", port=port, timeout_seconds=10),
                    encoding="utf-8")
    return path


def test_failed_manual_polls_are_counted_by_status_whatever_stopped_them(
        dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SHENBAO_STATUS_PASSWORD", dovecot.password)
    nowhere = write_settings(tmp_path, dovecot, free_port())  # nothing listens there
    assert main(["poll", "-c", str(nowhere)]) == 4
    assert "无法连接邮箱服务器" in capsys.readouterr().err

    proxy = NeteaseProxy(dovecot.port, login_error=b"NO LOGIN Login error or password error")
    try:
        refused = write_settings(tmp_path, dovecot, proxy.port)  # the same data directory
        assert main(["poll", "-c", str(refused)]) == 3
    finally:
        proxy.close()
    capsys.readouterr()

    assert main(["status", "-c", str(refused)]) == 0
    out = capsys.readouterr().out
    assert "近24小时收信错误：2 次" in out
    assert "无法连接邮箱服务器" in out and "授权码" in out

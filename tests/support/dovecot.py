"""A private Dovecot IMAP server for the tests, on 127.0.0.1, everything inside one folder.

Started once per test session (see conftest.py). Missing Dovecot is a failure in CI, never a
skip: the README's test command installs it.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

USER = "shenbao"
PASSWORD = "test-pass-授权码".encode("utf-8").hex()[:16]  # ASCII, but not a real secret


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Dovecot:
    root: Path
    port: int
    ssl_port: int
    user: str = USER
    password: str = PASSWORD
    proc_pid: int = 0

    # ------------------------------------------------------------------ lifecycle
    @classmethod
    def start(cls) -> Dovecot:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        if not Path(binary).exists():
            raise RuntimeError("Dovecot is not installed: run ./dev test (it installs dovecot-imapd)")
        root = Path(tempfile.mkdtemp(prefix="dc-", dir="/tmp"))
        os.chmod(root, 0o755)
        d = cls(root=root, port=free_port(), ssl_port=free_port())
        d._write_config()
        subprocess.run([binary, "-c", str(root / "dovecot.conf")], check=True,
                       env={**os.environ, "TZ": "Asia/Shanghai"})
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", d.port), timeout=0.2).close()
                pid_file = root / "run" / "master.pid"
                if pid_file.exists() and pid_file.read_text().strip():  # written after the listener
                    break
            except OSError:
                pass
            time.sleep(0.05)
        else:
            raise RuntimeError("dovecot did not start: " + (root / "dovecot.log").read_text(errors="replace")[-2000:])
        d.proc_pid = int((root / "run" / "master.pid").read_text().strip())
        return d

    def stop(self) -> None:
        try:
            os.kill(self.proc_pid, 15)
        except OSError:
            pass
        for _ in range(50):
            try:
                os.kill(self.proc_pid, 0)
                time.sleep(0.05)
            except OSError:
                break
        shutil.rmtree(self.root, ignore_errors=True)

    def _write_config(self) -> None:
        r = self.root
        for sub in ("run", "state", "mail", "ssl"):
            (r / sub).mkdir()
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                        "-subj", "/CN=localhost", "-keyout", str(r / "ssl/key.pem"), "-out", str(r / "ssl/cert.pem")],
                       check=True, capture_output=True)
        os.chmod(r / "ssl/key.pem", 0o600)
        root_user = os.getuid() == 0
        if root_user:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
            login_user = "dovenull" if _has_user("dovenull") else "nobody"
            internal_user = "dovecot" if _has_user("dovecot") else "nobody"
            os.chown(r / "mail", uid, gid)
        else:
            uid, gid = os.getuid(), os.getgid()
            login_user = internal_user = pwd.getpwuid(uid).pw_name
        (r / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{r}/mail/{self.user}::\n")
        os.chmod(r / "passwd", 0o644)
        chroot = "" if root_user else "  chroot =\n"
        (r / "dovecot.conf").write_text(f"""
instance_name = shenbao-test-{self.port}
base_dir = {r}/run
state_dir = {r}/state
protocols = imap
listen = 127.0.0.1
log_path = {r}/dovecot.log
info_log_path = {r}/dovecot.log
import_environment = TZ=Asia/Shanghai
default_login_user = {login_user}
default_internal_user = {internal_user}
first_valid_uid = 1
ssl = yes
ssl_cert = <{r}/ssl/cert.pem
ssl_key = <{r}/ssl/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{r}/mail/%u/Maildir
mail_uid = {uid}
mail_gid = {gid}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox 垃圾邮件 {{
    auto = create
    special_use = \\Junk
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {r}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.ssl_port}
    ssl = yes
  }}
{chroot}}}
service anvil {{
{chroot}}}
protocol imap {{
  mail_max_userip_connections = 100
}}
""")

    # ------------------------------------------------------------------ mailbox helpers
    def imap(self) -> imaplib.IMAP4:
        m = imaplib.IMAP4("127.0.0.1", self.port)
        m.login(self.user, self.password)
        return m

    def reset(self, folder: str = "INBOX") -> None:
        """Delete every folder's content; recreate a fresh folder (new UIDVALIDITY)."""
        m = self.imap()
        try:
            if folder.upper() != "INBOX":
                m.delete(_q(folder))
                m.create(_q(folder))
            else:
                typ, data = m.select("INBOX")
                if int(data[0] or 0):
                    m.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                    m.expunge()
                m.close()
        finally:
            m.logout()

    def recreate_inbox(self) -> None:
        """Simulate a server UIDVALIDITY change: wipe the Maildir's uid list."""
        path = self.root / "mail" / self.user / "Maildir" / "dovecot-uidlist"
        if path.exists():
            text = path.read_text().splitlines()
            header = text[0].split()
            # The next UIDVALIDITY: one more than now, so that two changes in one second differ too.
            header = [f"V{int(p[1:]) + 1}" if p.startswith("V") else p for p in header]
            path.write_text(" ".join(header) + "\n" + "\n".join(text[1:]) + "\n")
            # Dovecot only rereads the list when its index is gone.
            for f in (self.root / "mail" / self.user / "Maildir").glob("dovecot.index*"):
                f.unlink()

    def append(self, raw: bytes, when: datetime, folder: str = "INBOX") -> None:
        m = self.imap()
        try:
            typ, data = m.append(_q(folder), "", imaplib.Time2Internaldate(when), raw)
            if typ != "OK":
                raise RuntimeError(f"APPEND failed: {data}")
        finally:
            m.logout()

    def append_many(self, items: list[tuple[bytes, datetime]], folder: str = "INBOX") -> None:
        m = self.imap()
        try:
            for raw, when in items:
                typ, data = m.append(_q(folder), "", imaplib.Time2Internaldate(when), raw)
                if typ != "OK":
                    raise RuntimeError(f"APPEND failed: {data}")
        finally:
            m.logout()

    def flags(self, folder: str = "INBOX") -> list[bytes]:
        m = self.imap()
        try:
            m.select(_q(folder), readonly=True)
            typ, data = m.fetch("1:*", "(FLAGS)")
            return [d for d in data if isinstance(d, bytes)]
        finally:
            m.logout()


def _q(name: str) -> str:
    from imapclient.imap_utf7 import encode

    return '"' + encode(name).decode("ascii") + '"'


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False



def imap_settings_toml(server: Dovecot, password_env: str, *, folder: str = "INBOX", receipts: object = None,
                       history: object = None, paper_grace_days: int = 0, extra: str = "",
                       port: int | None = None, timeout_seconds: float | None = None) -> str:
    """A settings file that points shenbao at this server (plain IMAP on loopback), with the
    2024 sample deadlines; `extra` is appended as further TOML sections. `port` points it at a
    proxy or relay in front of the server instead."""
    paths = "".join(f'{key} = "{value}"\n' for key, value in (("receipts", receipts), ("history", history)) if value)
    return f"""
[mailbox]
host = "127.0.0.1"
port = {server.port if port is None else port}
tls = "none"
username = "{server.user}"
password_env = "{password_env}"
folder = "{folder}"
{"" if timeout_seconds is None else f"timeout_seconds = {timeout_seconds}"}
[paths]
data_dir = "data"
output_dir = "output"
{paths}[deadlines]
electronic = "2024-04-30T17:00:00+08:00"
paper = "2024-04-30"
paper_grace_days = {paper_grace_days}
{extra}"""

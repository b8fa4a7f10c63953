"""A real SMTP server on 127.0.0.1 for the reply tests (aiosmtpd), recording what it received."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.support.dovecot import free_port


@dataclass
class Received:
    envelope_to: list[str]
    message: EmailMessage


@dataclass
class Inbox:
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[attr-defined]
        self.messages.append(Received(list(envelope.rcpt_tos), msg))  # type: ignore[attr-defined, arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.messages if address in r.envelope_to]


class SmtpServer:
    """Start/stop a server on a fixed port, so a test can take it down and bring it back."""

    def __init__(self, *, user: str | None = None, password: str | None = None, port: int | None = None) -> None:
        self.port = port or free_port()
        self.inbox = Inbox()
        self.user, self.password = user, password
        self.controller: Controller | None = None

    def _auth(self, server: object, session: object, envelope: object, mechanism: str, data: object) -> AuthResult:
        if isinstance(data, LoginPassword):
            login, pw = data.login.decode(), data.password.decode()
            self.inbox.logins.append((login, pw))
            ok = (login, pw) == (self.user, self.password)
            return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 235/535
        return AuthResult(success=False, handled=False)

    def start(self) -> SmtpServer:
        kwargs: dict[str, object] = {}
        if self.user is not None:
            kwargs = {"authenticator": self._auth, "auth_require_tls": False}
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

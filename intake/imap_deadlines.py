"""Deadlines on an IMAP connection that a trickling server cannot stretch.

A socket timeout bounds one recv(): a server that sends one byte every few seconds resets it
for ever (issue 19: `poll` and `check-config` still ran at 150 s with timeout_seconds = 10, and
the service ignored SIGTERM for ten minutes). A `Watchdog` bounds whole steps instead: while a
step runs under `limit()`, a thread compares the clock with its deadline and looks at the poll's
cancel event, and when either says stop it shuts the connection down. shutdown(2) ends any
recv(), send() or connect() blocked on the socket, whatever the server does, and the step fails
with the watchdog's reason.

The watchdog holds a duplicate of the socket's descriptor, taken before connect() (so a connect
to a dead network and a TLS handshake are covered too) and kept while TLS wraps the socket.
`WatchedClient` is imapclient's client with the socket made that way.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import imapclient

STOPPED = "收信已停止"  # the reason when the cancel event ended the connection
TICK = 0.1  # seconds between two looks at the clock and the cancel event


class Watchdog:
    """Shuts one connection down when a step overruns its limit or the cancel event is set.

    Limits nest (a whole phase, and each command in it); the earliest deadline wins. `fired`
    is None until the watchdog acted, then the Chinese reason."""

    def __init__(self, cancel: threading.Event | None = None) -> None:
        self.cancel = cancel
        self.fired: str | None = None
        self._lock = threading.Lock()
        self._limits: list[tuple[float, str, float]] = []  # (deadline, what, seconds)
        self._sock: socket.socket | None = None
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def stopped(self) -> bool:
        return self.fired == STOPPED or (self.cancel is not None and self.cancel.is_set())

    def attach(self, sock: socket.socket) -> None:
        """Watch `sock` (before it connects). Raises OSError when the watchdog already fired:
        nothing new is started after a stop or an overrun."""
        with self._lock:
            reason = self.fired or self._expired()
            if reason:
                self.fired = reason
                raise OSError(reason)
            if self._sock is not None:
                self._sock.close()
            self._sock = sock.dup()
        self._start()

    @contextmanager
    def limit(self, seconds: float, what: str) -> Iterator[None]:
        """Run the block with a deadline `seconds` from now; `what` names the step (Chinese)."""
        entry = (time.monotonic() + seconds, what, seconds)
        with self._lock:
            self._limits.append(entry)
        self._start()
        try:
            yield
        finally:
            with self._lock:
                self._limits.remove(entry)

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        with self._lock:
            if self._sock is not None:
                self._sock.close()
                self._sock = None

    def _start(self) -> None:
        if self._thread is None and not self._closed.is_set():
            self._thread = threading.Thread(target=self._run, name="imap-watchdog", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._closed.wait(TICK):
            with self._lock:
                reason = self._expired()
                if reason is None:
                    continue
                self.fired = reason
                if self._sock is not None:
                    try:
                        self._sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass  # not connected yet, or already closed by the server
                return

    def _expired(self) -> str | None:
        if self.cancel is not None and self.cancel.is_set():
            return STOPPED
        now = time.monotonic()
        for deadline, what, seconds in sorted(self._limits):
            if now >= deadline:
                return f"{what}：超过 {seconds:.0f} 秒仍未完成（邮箱服务器响应过慢或连接不稳定）"
        return None


def open_socket(host: str, port: int, timeout: float | None, watch: Watchdog) -> socket.socket:
    """socket.create_connection, with the watchdog holding each socket before connect()."""
    error: OSError | None = None
    for family, kind, proto, _name, address in socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM):
        sock = socket.socket(family, kind, proto)
        try:
            watch.attach(sock)
            sock.settimeout(timeout)
            sock.connect(address)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
            if watch.fired:
                break
    raise error or OSError(f"no address for {host}")


class _WatchedIMAP4(imaplib.IMAP4):
    def __init__(self, host: str, port: int, timeout: float | None, watch: Watchdog) -> None:
        self._watch = watch
        super().__init__(host, port, timeout)

    def _create_socket(self, timeout: float | None = None) -> socket.socket:
        return open_socket(self.host, self.port, timeout, self._watch)


class _WatchedIMAP4SSL(imaplib.IMAP4_SSL):
    def __init__(self, host: str, port: int, context: ssl.SSLContext, timeout: float | None,
                 watch: Watchdog) -> None:
        self._watch = watch
        super().__init__(host, port, ssl_context=context, timeout=timeout)

    def _create_socket(self, timeout: float | None = None) -> socket.socket:
        sock = open_socket(self.host, self.port, timeout, self._watch)
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host)


class WatchedClient(imapclient.IMAPClient):  # type: ignore[misc]  # imapclient ships no types
    """imapclient's client on a socket the watchdog holds from before connect().

    imapclient builds its imaplib object in `_create_IMAP4` (in every version since 2.x); this
    builds the stdlib's plain or SSL one, whose socket comes from `open_socket`. STARTTLS wraps
    the same descriptor, which the watchdog's duplicate still reaches."""

    def __init__(self, watch: Watchdog, host: str, **kw: Any) -> None:
        self._watch = watch
        super().__init__(host, **kw)

    def _create_IMAP4(self) -> imaplib.IMAP4:  # noqa: N802 - imapclient's name
        timeout = getattr(self._timeout, "connect", None)
        if self.ssl:
            return _WatchedIMAP4SSL(self.host, self.port, self.ssl_context, timeout, self._watch)
        return _WatchedIMAP4(self.host, self.port, timeout, self._watch)

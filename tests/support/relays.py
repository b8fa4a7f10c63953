"""A TCP relay on 127.0.0.1 whose answers from the server reach the client at a set pace.

One byte a second is a trickling server (issue 19: each byte resets a socket timeout, so only
a deadline ends the wait); 1 MB/s is a slow link; `math.inf` relays at full speed and only
counts connections. Requests from the client pass unchanged.
"""

from __future__ import annotations

import socket
import threading
import time


class SlowRelay:
    """Relays to `upstream_port`, passing the server's bytes on at `rate` bytes per second in
    pieces of at most `piece` bytes. `alarm` is set as soon as one connection has passed
    `alarm_bytes` bytes to its client (a test can act at a point of the transfer, not of the
    clock)."""

    def __init__(self, upstream_port: int, *, rate: float, piece: int = 16384,
                 alarm_bytes: int | None = None) -> None:
        self.upstream_port = upstream_port
        self.rate = rate
        self.piece = piece
        self.alarm_bytes = alarm_bytes
        self.alarm = threading.Event()
        self.connections = 0
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.sock.getsockname()[1])
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.sock.close()
        with self.lock:
            for s in self.open:
                _shut(s)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += 1
                self.open.extend((client, upstream))
            threading.Thread(target=self._up, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._down, args=(upstream, client), daemon=True).start()

    @staticmethod
    def _up(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            _shut(src)
            _shut(dst)

    def _down(self, src: socket.socket, dst: socket.socket) -> None:
        started, sent = time.monotonic(), 0
        try:
            while data := src.recv(65536):
                for start in range(0, len(data), self.piece):
                    piece = data[start:start + self.piece]
                    dst.sendall(piece)
                    sent += len(piece)
                    if self.alarm_bytes is not None and sent >= self.alarm_bytes:
                        self.alarm.set()
                    wait = started + sent / self.rate - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
        except OSError:
            pass
        finally:
            _shut(src)
            _shut(dst)


def _shut(s: socket.socket) -> None:
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    s.close()

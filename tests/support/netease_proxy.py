"""A proxy in front of the test Dovecot that behaves like NetEase's Coremail where it matters:
SELECT/EXAMINE answer "NO ... Unsafe Login" until the client
has sent ID on that connection; IDLE, MOVE and UIDNEXT are hidden; LOGIN can be made to fail
the way 126.com fails; a connection can be cut after N bytes of a FETCH response, or whenever
one message's body is sent.

It is the only stand-in in the suite: NetEase's own server cannot run here.
"""

from __future__ import annotations

import re
import socket
import threading
from dataclasses import dataclass, field

LITERAL = re.compile(rb"\{(\d+)\+?\}\r\n$")


@dataclass
class ProxyLog:
    commands: list[tuple[int, bytes]] = field(default_factory=list)  # (connection no, verb)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, conn: int, verb: bytes) -> None:
        with self.lock:
            self.commands.append((conn, verb))

    def verbs(self) -> list[bytes]:
        with self.lock:
            return [v for _, v in self.commands]


class NeteaseProxy:
    def __init__(self, upstream_port: int, *, login_error: bytes | None = None) -> None:
        self.upstream_port = upstream_port
        self.login_error = login_error  # e.g. b"NO LOGIN Login error or password error"
        self.drop_on_login = False  # the connection dies as LOGIN is sent (not a refusal)
        self.cut_fetch_after: int | None = None  # bytes of a FETCH response before the cut
        self.cuts_left = 0
        # A message that always breaks the connection: whenever a FETCH answer's literal holds
        # these bytes, half of it is sent and the connection cut (issue 19, "one message blocks
        # all processing"). Answers without the body (RFC822.SIZE, INTERNALDATE) pass.
        self.poison: bytes | None = None
        self.poison_cuts = 0
        self.log = ProxyLog()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.conn_no = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.running = False
        try:
            self.sock.close()
        except OSError:
            pass

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            self.conn_no += 1
            threading.Thread(target=self._serve, args=(client, self.conn_no), daemon=True).start()

    def _serve(self, client: socket.socket, no: int) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return
        state = {"id": False, "cut": False}
        cfile = client.makefile("rb")
        ufile = upstream.makefile("rb")
        t = threading.Thread(target=self._down, args=(ufile, client, state), daemon=True)
        t.start()
        try:
            while True:
                line = cfile.readline()
                if not line:
                    break
                parts = line.split(b" ", 2)
                verb = parts[1].upper() if len(parts) > 1 else b""
                if verb == b"UID" and len(parts) > 2:
                    verb = b"UID " + parts[2].split(b" ", 1)[0].upper()
                verb = verb.strip()
                self.log.add(no, verb)
                tag = parts[0]
                if verb == b"ID":
                    state["id"] = True
                if verb == b"LOGIN" and self.drop_on_login:
                    break
                if verb == b"LOGIN" and self.login_error is not None:
                    client.sendall(tag + b" " + self.login_error + b"\r\n")
                    continue
                if verb in (b"SELECT", b"EXAMINE") and not state["id"]:
                    client.sendall(tag + b" NO " + verb + b" Unsafe Login. Please contact kefu@188.com for help\r\n")
                    continue
                if verb in (b"IDLE", b"MOVE", b"UID MOVE"):
                    client.sendall(tag + b" BAD Unsupported command\r\n")
                    continue
                if verb in (b"FETCH", b"UID FETCH") and self.cuts_left > 0 and self.cut_fetch_after is not None:
                    state["cut"] = True
                upstream.sendall(line)
                m = LITERAL.search(line)
                while m:
                    data = cfile.read(int(m.group(1)))
                    upstream.sendall(data)
                    rest = cfile.readline()
                    upstream.sendall(rest)
                    m = LITERAL.search(rest)
        except OSError:
            pass
        finally:
            for s in (client, upstream):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def _down(self, ufile: object, client: socket.socket, state: dict[str, bool]) -> None:
        sent_in_fetch = 0
        try:
            while True:
                line = ufile.readline()  # type: ignore[attr-defined]
                if not line:
                    break
                if b"CAPABILITY" in line.upper():
                    line = re.sub(rb" (IDLE|MOVE)(?= |\]|\r)", b"", line)
                line = re.sub(rb"\* OK \[UIDNEXT \d+\][^\r\n]*\r\n", b"", line)
                if line.startswith(b"* STATUS"):
                    line = re.sub(rb"UIDNEXT \d+ ?", b"", line)
                chunks = [line]
                m = LITERAL.search(line)
                if m:
                    chunks.append(ufile.read(int(m.group(1))))  # type: ignore[attr-defined]
                    if self.poison is not None and self.poison in chunks[1]:
                        self.poison_cuts += 1
                        client.sendall(line + chunks[1][: len(chunks[1]) // 2])
                        client.shutdown(socket.SHUT_RDWR)
                        client.close()
                        return
                for chunk in chunks:
                    if state["cut"] and self.cut_fetch_after is not None:
                        sent_in_fetch += len(chunk)
                        if sent_in_fetch > self.cut_fetch_after:
                            self.cuts_left -= 1
                            client.sendall(chunk[: max(0, len(chunk) // 2)])
                            client.shutdown(socket.SHUT_RDWR)
                            client.close()
                            return
                    if chunk:
                        client.sendall(chunk)
        except OSError:
            pass

"""A real SMTP server on loopback (aiosmtpd) whose replies a test can script."""
import asyncio
import socket
from collections import Counter
from email import message_from_bytes

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ScriptedHandler:
    def __init__(self):
        self.delivered: list[tuple[str, list[str]]] = []  # (Message-ID, recipients) accepted with 250
        self.attempts: Counter = Counter()  # Message-ID -> DATA commands seen
        self.refuse: dict[str, str] = {}  # recipient -> reply
        self.temporary_failures = 0  # answer this many DATA commands with 451 first
        self.hang_seconds = 0.0  # sleep this long before answering DATA, once
        self.delay_seconds = 0.0  # sleep before every answer, to slow a worker down

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message_id = message_from_bytes(envelope.content)["Message-ID"]
        self.attempts[message_id] += 1
        if self.hang_seconds:
            hang, self.hang_seconds = self.hang_seconds, 0.0
            await asyncio.sleep(hang)
            return "451 4.4.2 Timed out"  # the client has long given up by now
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)
        if self.temporary_failures:
            self.temporary_failures -= 1
            return "451 4.3.0 Try again later"
        self.delivered.append((message_id, list(envelope.rcpt_tos)))
        return "250 OK"


class SMTPServer:
    def __init__(self, port: int):
        self.port = port
        self.handler = ScriptedHandler()
        self._controller: Controller | None = None

    def start(self) -> "SMTPServer":
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller:
            self._controller.stop()
            self._controller = None

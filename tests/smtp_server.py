"""A real SMTP server for the tests: aiosmtpd on a free 127.0.0.1 port, in a thread of the test process.

The `smtp_server` fixture starts it, points Django's mail settings at it (the SMTP backend, host, port,
no TLS, no login) and gives the test the server: `messages` (each an `email.message.EmailMessage`,
as the server received it over SMTP), `wait_for(count)`, `stop()` and `start()` again on the same
port (a mail server that is down, then back), and `url` / `env()` for a worker process started by
the test, which reads its mail settings from the environment (EMAIL_URL).
"""

import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collector:
    """aiosmtpd's handler: keeps each message the server accepts, parsed as the receiver would."""

    def __init__(self, server):
        self.server = server

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.server._received(message, envelope)
        return "250 Message accepted for delivery"


class SMTPServer:
    host = "127.0.0.1"

    def __init__(self, port=None):
        self.port = port or free_port()
        self.messages = []  # email.message.EmailMessage, in the order received
        self.envelopes = []  # (mail_from, rcpt_tos) of each message, in the same order
        self._lock = threading.Condition()
        self._controller = None

    @property
    def running(self):
        return self._controller is not None

    @property
    def url(self):
        return f"smtp://{self.host}:{self.port}"

    def env(self):
        """The environment variables that point a worker process's mail settings at this server."""
        return {"EMAIL_URL": self.url}

    def start(self):
        if self._controller is not None:
            return
        controller = Controller(_Collector(self), hostname=self.host, port=self.port, ready_timeout=10)
        # The port was free a moment ago; a socket left in TIME_WAIT by the previous start may hold it briefly.
        deadline = time.monotonic() + 10
        while True:
            try:
                controller.start()
                break
            except (OSError, RuntimeError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self._controller = controller

    def stop(self):
        """The server goes away: connections to its port are refused until start() again."""
        if self._controller is None:
            return
        self._controller.stop()
        self._controller = None

    def _received(self, message, envelope):
        with self._lock:
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
            self._lock.notify_all()

    def wait_for(self, count=1, timeout=30):
        """Waits until at least `count` messages have arrived; returns them all (fails the test if not)."""
        with self._lock:
            if not self._lock.wait_for(lambda: len(self.messages) >= count, timeout=timeout):
                pytest.fail(f"{count} message(s) expected by the SMTP server in {timeout}s, {len(self.messages)} came")
            return list(self.messages)

    def to(self, address):
        """The messages addressed to `address` (in To, Cc or the envelope)."""
        with self._lock:
            return [
                message
                for message, (_sender, recipients) in zip(self.messages, self.envelopes, strict=True)
                if address in recipients
            ]

    def clear(self):
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()


def point_settings_at(settings, server):
    """Django's SMTP backend, in this process, talks to `server` with no TLS and no login."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server that Django's mail settings point at; stopped after the test."""
    server = SMTPServer()
    server.start()
    point_settings_at(settings, server)
    yield server
    server.stop()

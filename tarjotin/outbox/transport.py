"""Where the worker hands messages over: an SMTP server, or a folder of .eml files for development."""
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

Refusals = dict[str, tuple[int, bytes]]


class Transport(Protocol):
    def send(self, message: EmailMessage, sender: str, recipients: list[str]) -> Refusals: ...


class SMTPTransport:
    """One connection per batch. Raises OSError (smtplib's errors included) on connection trouble."""

    def __init__(self, connection: smtplib.SMTP):
        self.connection = connection

    def send(self, message: EmailMessage, sender: str, recipients: list[str]) -> Refusals:
        return self.connection.send_message(message, from_addr=sender, to_addrs=recipients)


class FolderTransport:
    """Writes each message to <folder>/<Message-ID>.eml so a newcomer can open the mails."""

    def __init__(self, folder: Path):
        self.folder = folder

    def send(self, message: EmailMessage, sender: str, recipients: list[str]) -> Refusals:
        name = message["Message-ID"].strip("<>").replace("/", "_")
        target = self.folder / f"{name}.eml"
        partial = target.with_suffix(".part")
        partial.write_bytes(message.as_bytes())
        partial.replace(target)  # a reader never sees half a message
        return {}


@contextmanager
def open_transport(config) -> Iterator[Transport]:
    if config["MAIL_TRANSPORT"] == "folder":
        folder = Path(config["MAIL_OUTBOX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        yield FolderTransport(folder)
        return
    if config["MAIL_TRANSPORT"] != "smtp":
        raise ValueError(f"unknown MAIL_TRANSPORT {config['MAIL_TRANSPORT']!r}")
    factory = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    connection = factory(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT_SECONDS"])
    try:
        if config["MAIL_USE_TLS"]:
            connection.starttls()
        if config["MAIL_USERNAME"]:
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        yield SMTPTransport(connection)
    except BaseException:
        connection.close()  # after a timeout the session state is unknown; QUIT could hang again
        raise
    else:
        try:
            connection.quit()
        except (OSError, smtplib.SMTPException):
            connection.close()

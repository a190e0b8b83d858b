"""Putting messages into the outbox and turning rows into RFC 5322 messages.

Callers add rows to the current session; the request or command that owns the session commits
them together with the change that caused them, so a rolled-back request sends nothing.
Messages are EmailMessage, not Flask-Mail's Message: why is in docs/production.md ("The outbox worker").
"""
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from tarjotin.extensions import db
from tarjotin.outbox.models import OutboxMessage


class HeaderInjectionError(ValueError):
    """A header value carries CR or LF, which would let it add headers of its own."""


def check_header(value: str) -> str:
    if "\r" in value or "\n" in value:
        raise HeaderInjectionError("CR or LF in a header value")
    return value


def check_address(address: str) -> str:
    check_header(address)
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in address):
        raise ValueError("not an e-mail address")
    return address


def enqueue(*, kind: str, recipients: list[str], subject: str, body_text: str, body_html: str | None = None,
            sender: str | None = None) -> OutboxMessage:
    sender = check_address(sender or current_app.config["MAIL_DEFAULT_SENDER"])
    recipients = list(dict.fromkeys(check_address(r) for r in recipients))
    if not recipients:
        raise ValueError("a message needs a recipient")
    message = OutboxMessage(
        kind=kind,
        message_id=make_msgid(domain=sender.rpartition("@")[2]),
        sender=sender,
        recipients=recipients,
        subject=check_header(subject),
        body_text=body_text,
        body_html=body_html,
    )
    db.session.add(message)
    return message


def render(template: str, lang: str, context: dict) -> tuple[str, str, str]:
    """Subject, text and HTML of `emails/<template>`: each file holds one block per language."""
    env = current_app.jinja_env
    text = env.get_template(f"emails/{template}.txt")
    html = env.get_template(f"emails/{template}.html")
    subject = " ".join(_block(text, f"subject_{lang}", context).split())
    body_text = _block(text, f"body_{lang}", context).strip() + "\n"
    content = Markup(_block(html, f"body_{lang}", context).strip())
    body_html = env.get_template("emails/_layout.html").render(lang=lang, subject=subject, content=content)
    return subject, body_text, body_html


def _block(template, name: str, context: dict) -> str:
    return "".join(template.blocks[name](template.new_context(context)))


def enqueue_template(template: str, lang: str, recipients: list[str], **context) -> OutboxMessage:
    subject, body_text, body_html = render(template, lang, context)
    return enqueue(kind=template, recipients=recipients, subject=subject, body_text=body_text, body_html=body_html)


def build_message(row: OutboxMessage) -> EmailMessage:
    """The message as sent; headers are checked again because rows may have been edited since."""
    message = EmailMessage()
    message["Message-ID"] = check_header(row.message_id)
    message["Date"] = format_datetime(row.created_at)
    message["From"] = check_address(row.sender)
    message["To"] = ", ".join(check_address(r) for r in row.recipients)
    message["Subject"] = check_header(row.subject)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    return message


def dead_letters() -> list[OutboxMessage]:
    return db.session.scalars(
        sa.select(OutboxMessage).where(OutboxMessage.status == "dead").order_by(OutboxMessage.id)
    ).all()


def retry(message_id: int, now: datetime) -> OutboxMessage | None:
    """Give a dead letter a fresh set of attempts (the moderators' retry action)."""
    row = db.session.get(OutboxMessage, message_id)
    if row is None or row.status != "dead":
        return None
    row.status, row.attempts, row.next_attempt_at, row.refused = "pending", 0, now, {}
    return row


def purge_finished(before: datetime) -> int:
    """Delete delivered and dead rows created before `before`: they hold addresses and texts."""
    result = db.session.execute(
        sa.delete(OutboxMessage).where(OutboxMessage.status.in_(("sent", "dead")), OutboxMessage.created_at < before)
    )
    return result.rowcount

"""`contact remind`: unopened contact requests (daily cron)."""
import click
from flask.cli import AppGroup

from tarjotin.contact.lifecycle import send_reminders
from tarjotin.db import utcnow
from tarjotin.extensions import db

command = AppGroup("contact", help="Contact requests: reminders and escalation.")


@command.command("remind")
def remind() -> None:
    """Remind organisations of unopened requests and tell the county of long-unopened ones (daily cron)."""
    reminded, escalated = send_reminders(utcnow())
    db.session.commit()
    click.echo(f"reminded {reminded}, escalated {escalated}")

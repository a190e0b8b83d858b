"""`reviews send-due`: the yearly review of listings (daily cron)."""
import click
from flask.cli import AppGroup

from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.manage.reviews import send_due as send_review_mails

command = AppGroup("reviews", help="The yearly review of listings.")


@command.command("send-due")
def send_due() -> None:
    """Send the review mails due today (at 11 months, reminders at 12 and 13); run daily from cron."""
    sent = send_review_mails(utcnow())
    db.session.commit()
    click.echo(f"sent {sent} review mail(s)")

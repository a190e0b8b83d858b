"""`purge`: every domain's personal data past its retention period, in one command and one commit."""
from datetime import timedelta

import click
from flask import current_app

from tarjotin.accounts import retention as accounts
from tarjotin.contact import lifecycle as contact
from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.outbox.service import purge_finished
from tarjotin.participation import lifecycle as participation
from tarjotin.referrals import lifecycle as referrals


@click.command("purge")
def command() -> None:
    """Remove personal data past its retention period (contact requests, sign-ups, ideas, referrals, claims,
    invitations, e-mail)."""
    now = utcnow()
    requests = contact.purge(now)
    click.echo("participation: purged {} sign-up(s) and {} idea(s)".format(*participation.purge(now)))
    click.echo(f"referrals: purged client data of {referrals.purge(now)} referral(s)")
    click.echo("accounts: deleted {} claim(s) and {} invitation(s)".format(*accounts.purge(now)))
    messages = purge_finished(now - timedelta(days=current_app.config["OUTBOX_RETENTION_DAYS"]))
    db.session.commit()
    click.echo(f"purged {requests} contact request(s) and {messages} e-mail(s)")

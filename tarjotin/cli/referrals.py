"""`referrals seed-pathways|remind|purge`: care pathways and referrals."""
import click
from flask.cli import AppGroup

from tarjotin.db import utcnow
from tarjotin.extensions import db
from tarjotin.referrals import lifecycle
from tarjotin.referrals.seed import seed_pathways as load_pathways

command = AppGroup("referrals", help="Care pathways and referrals: seed, reminders, purge.")


@command.command("seed-pathways")
def seed_pathways() -> None:
    """Load the demo care pathways from seed_data/pathways.json, hand-picking demo offerings."""
    pathways, picks = load_pathways()
    db.session.commit()
    click.echo(f"seeded {pathways} care pathways with {picks} hand-picked offerings")


@command.command("remind")
def remind() -> None:
    """Tell advisors of referrals unopened after REFERRAL_UNOPENED_WORKING_DAYS (daily cron)."""
    told = lifecycle.notify_unopened(utcnow())
    db.session.commit()
    click.echo(f"told advisors of {told} unopened referral(s)")


@command.command("purge")
def purge() -> None:
    """Empty client data of referrals closed REFERRAL_RETENTION_DAYS ago, or idle REFERRAL_MAX_RETENTION_DAYS (daily cron)."""
    purged = lifecycle.purge(utcnow())
    db.session.commit()
    click.echo(f"purged client data of {purged} referral(s)")

"""`flask --app tarjotin ...`: thin click commands over the domain services, one module per
domain. Each command calls its service, commits once, and prints what happened."""
from flask import Flask

from tarjotin.cli import contact, doctor, hsds, outbox, purge, referrals, reviews, search, seed, taxonomy, users


def init_app(app: Flask) -> None:
    for module in (seed, hsds, search, taxonomy, users, reviews, referrals, outbox, contact, purge, doctor):
        app.cli.add_command(module.command)

"""Thin click commands over the domain services; each command commits once."""
import click
from flask.cli import AppGroup

seed = AppGroup("seed", help="Load demo data.")
hsds = AppGroup("hsds", help="Open Referral HSDS 3 import and export.")
search = AppGroup("search", help="The full-text and geo index.")


def init_app(app) -> None:
    for group in (seed, hsds, search):
        app.cli.add_command(group)

"""`seed demo`: deterministic demo organisations, then the index and the demo care pathways."""
import time

import click
from flask.cli import AppGroup

from tarjotin.cli.referrals import seed_pathways
from tarjotin.cli.search import rebuild
from tarjotin.directory.demo import has_organizations, seed_demo
from tarjotin.extensions import db

command = AppGroup("seed", help="Load demo data.")


@command.command("demo")
@click.option("--organizations", default=5000, show_default=True, help="How many demo organisations.")
@click.option("--seed", "seed_value", default=1, show_default=True, help="Random seed; same seed, same data.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has organisations.")
@click.pass_context
def demo(ctx: click.Context, organizations: int, seed_value: int, if_empty: bool) -> None:
    """Replace the demo organisations, offerings and places with a fresh deterministic set."""
    if if_empty and has_organizations():
        click.echo("The database has organisations already; no demo data added.")
        return
    started = time.perf_counter()
    summary = seed_demo(organizations=organizations, seed=seed_value, progress=True)
    db.session.commit()
    click.echo(
        f"Seeded {summary.organizations} organisations, {summary.offerings} offerings, {summary.places} places, "
        f"{summary.schedules} schedules on the {summary.terms} thesaurus terms in {time.perf_counter() - started:.1f} s."
    )
    click.echo(f"Distinct Finnish description sentences: {summary.distinct_sentences}.")
    # The seed writes in bulk, past the after-commit index hooks: the index follows in one go.
    ctx.invoke(rebuild)
    ctx.invoke(seed_pathways)

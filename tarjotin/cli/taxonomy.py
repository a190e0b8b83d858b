"""`taxonomy sync`: this release's thesaurus and municipalities into a running database."""
import click
from flask.cli import AppGroup

from tarjotin.cli.search import rebuild
from tarjotin.directory.reference import sync_reference_data
from tarjotin.extensions import db

command = AppGroup("taxonomy", help="The thesaurus (themes, target groups, synonyms) and the municipalities.")


@command.command("sync")
@click.pass_context
def sync(ctx: click.Context) -> None:
    """Add this release's themes, target groups, synonyms and municipalities; keeps what the county changed.

    `db upgrade` loads them into a new database; run this after an upgrade to bring in lists a
    later release extended. Safe to re-run.
    """
    summary = sync_reference_data(db.session.connection())
    db.session.commit()
    click.echo(
        f"thesaurus: {summary.terms} terms ({summary.terms_added} added, {summary.synonyms_added} synonyms added); "
        f"{summary.municipalities} municipalities"
    )
    if summary.terms_added or summary.synonyms_added:
        # Written past the ORM's after-commit hooks: the offerings carrying these terms follow in one go.
        ctx.invoke(rebuild)

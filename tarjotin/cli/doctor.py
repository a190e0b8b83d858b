"""`doctor`: what is configured, missing and unsafe (tarjotin/doctor.py does the checking)."""
import click
from flask import current_app
from flask.cli import with_appcontext

from tarjotin.doctor import diagnose, fails, render


@click.command("doctor")
@with_appcontext
@click.pass_context
def command(ctx: click.Context) -> None:
    """Show what is configured, missing and unsafe; exits 1 when anything is unsafe in production."""
    findings = diagnose(current_app)
    click.echo(render(current_app, findings))
    ctx.exit(1 if fails(current_app, findings) else 0)

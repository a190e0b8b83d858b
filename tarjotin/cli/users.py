"""`users create-admin`: the first admin account."""
import click
from flask.cli import AppGroup

from tarjotin.accounts.services import MIN_PASSWORD_LENGTH, create_user, find_user
from tarjotin.extensions import db

command = AppGroup("users", help="Accounts.")


@command.command("create-admin")
@click.option("--email", prompt=True, help="The admin's e-mail address (the login name).")
@click.option("--name", prompt=True, help="The admin's name.")
def create_admin(email: str, name: str) -> None:
    """Create the first admin account. The password is asked for, or read from stdin; never an argument,
    as arguments show in the process list and shell history."""
    if find_user(email) is not None:
        raise click.ClickException(f"an account for {email} exists already")
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.ClickException(f"the password needs at least {MIN_PASSWORD_LENGTH} characters")
    create_user(email, name, "admin", password)
    db.session.commit()
    click.echo(f"created admin {email.strip().lower()}")

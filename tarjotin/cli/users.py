"""`users`: the first admin account, and a lost second factor."""
import click
from flask.cli import AppGroup

from tarjotin.accounts import second_factor
from tarjotin.accounts.passwords import WeakPassword
from tarjotin.accounts.services import create_user, find_user
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
    try:
        create_user(email, name, "admin", password)
    except WeakPassword:
        raise click.ClickException("the password is too short or too easy to guess: try a long sentence") from None
    db.session.commit()
    click.echo(f"created admin {email.strip().lower()}")


@command.command("reset-second-factor")
@click.option("--email", required=True, help="The account whose phone and recovery codes are lost.")
def reset_second_factor(email: str) -> None:
    """Remove an account's second factor after checking who asks, outside Tarjotin; the owner is told by mail."""
    user = find_user(email)
    if user is None or not user.has_second_factor:
        raise click.ClickException(f"{email} has no account with a second factor")
    second_factor.remove(user, user.locale)
    db.session.commit()
    click.echo(f"removed the second factor of {user.email}; they enrol again at their next sign-in")

"""Thin click commands over the domain services; each command commits once."""
import click
from flask.cli import AppGroup, with_appcontext

seed = AppGroup("seed", help="Load demo data.")
hsds = AppGroup("hsds", help="Open Referral HSDS 3 import and export.")
search = AppGroup("search", help="The full-text and geo index.")


@seed.command("demo")
@click.option("--organizations", default=5000, show_default=True, help="How many demo organisations.")
@click.option("--seed", "seed_value", default=1, show_default=True, help="Random seed; same seed, same data.")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has organisations.")
@click.pass_context
def seed_demo(ctx: click.Context, organizations: int, seed_value: int, if_empty: bool) -> None:
    """Replace the demo organisations, offerings and places with a fresh deterministic set."""
    import time

    import sqlalchemy as sa

    from tarjotin.directory.demo import seed_demo as run
    from tarjotin.directory.models import Organization
    from tarjotin.extensions import db

    if if_empty and db.session.scalar(sa.select(Organization.id).limit(1)) is not None:
        click.echo("The database has organisations already; no demo data added.")
        return
    started = time.perf_counter()
    summary = run(organizations=organizations, seed=seed_value, progress=True)
    db.session.commit()
    click.echo(
        f"Seeded {summary.organizations} organisations, {summary.offerings} offerings, {summary.places} places, "
        f"{summary.schedules} schedules and {summary.terms} taxonomy terms in {time.perf_counter() - started:.1f} s."
    )
    click.echo(f"Distinct Finnish description sentences: {summary.distinct_sentences}.")
    # The seed writes in bulk, past the after-commit index hooks: the index follows in one go.
    ctx.invoke(search_rebuild)
    ctx.invoke(referrals_seed_pathways)


@search.command("rebuild")
@click.option("--if-missing", is_flag=True, help="Do nothing when a readable index exists.")
def search_rebuild(if_missing: bool = False) -> None:
    """Rebuild the index from the database into a new generation and switch to it."""
    import time

    from tqdm import tqdm

    from tarjotin.search import get_index, hooks
    from tarjotin.search.index import IndexUnavailable

    if if_missing:
        try:
            get_index().status()
        except IndexUnavailable:
            pass
        else:
            click.echo("The search index exists; not rebuilt.")
            return

    bars: list[tqdm] = []

    def progress_factory(total: int):
        bars.append(tqdm(total=total, unit="offering", desc="Indexing"))
        return bars[0].update

    started = time.perf_counter()
    try:
        count = hooks.rebuild(get_index(), progress_factory)
    except OSError as error:  # a full disk, a read-only mount: the rebuild left the old index serving
        raise click.ClickException(
            f"The search index was not rebuilt: {error.strerror or error}. The previous index keeps serving."
        ) from error
    finally:
        for bar in bars:
            bar.close()
    click.echo(f"Indexed {count} offerings in {time.perf_counter() - started:.1f} s.")


@search.command("status")
def search_status() -> None:
    """Show the live index generation, its analysis (voikko or snowball) and size."""
    from tarjotin.search import get_index
    from tarjotin.search.index import IndexUnavailable

    try:
        status = get_index().status()
    except IndexUnavailable as error:
        raise click.ClickException(str(error)) from error
    for key, value in status.items():
        click.echo(f"{key}: {value}")


@hsds.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option(
    "--all", "include_unpublished", is_flag=True, help="Include offerings of draft and archived organisations."
)
def hsds_export(file: str, include_unpublished: bool) -> None:
    """Write the offerings of published organisations to FILE as a JSON array of HSDS 3 services."""
    from tarjotin.hsds import dumps, export_services

    records = export_services(include_unpublished=include_unpublished)
    with open(file, "w", encoding="utf-8") as out:
        out.write(dumps(records))
    click.echo(f"exported {len(records)} services to {file}")


@hsds.command("csv")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def hsds_csv(file: str) -> None:
    """Write the visible offerings to FILE as CSV, one row per offering and place (as /avoin-data offers)."""
    from tarjotin.hsds.tabular import iter_csv

    with open(file, "w", encoding="utf-8", newline="") as out:
        for chunk in iter_csv():
            out.write(chunk)
    click.echo(f"wrote {file}")


@hsds.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def hsds_import(ctx: click.Context, file: str) -> None:
    """Upsert the HSDS 3 services in FILE by id; exits 1 if any record was rejected, 2 if FILE is unusable."""
    from tqdm import tqdm

    from tarjotin.extensions import db
    from tarjotin.hsds import HSDSFileError, import_services, read_records

    try:
        with open(file, "rb") as data:
            records = read_records(data.read())
    except HSDSFileError as exc:
        click.echo(f"Error: {file}: {exc}", err=True)
        ctx.exit(2)
    with tqdm(total=len(records), unit="record", desc="Importing", disable=None) as bar:
        result = import_services(records, progress=bar.update)
    db.session.commit()
    for message in result.messages:
        click.echo(message, err=True)
    click.echo(
        f"created {result.created}, updated {result.updated}, unchanged {result.unchanged}, rejected {result.rejected}"
    )
    ctx.exit(1 if result.rejected else 0)


users = AppGroup("users", help="Accounts.")
reviews = AppGroup("reviews", help="The yearly review of listings.")


@users.command("create-admin")
@click.option("--email", prompt=True, help="The admin's e-mail address (the login name).")
@click.option("--name", prompt=True, help="The admin's name.")
def users_create_admin(email: str, name: str) -> None:
    """Create the first admin account. The password is asked for, or read from stdin; never an argument,
    as arguments show in the process list and shell history."""
    from tarjotin.accounts.passwords import WeakPassword
    from tarjotin.accounts.services import create_user, find_user
    from tarjotin.extensions import db

    if find_user(email) is not None:
        raise click.ClickException(f"an account for {email} exists already")
    password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        create_user(email, name, "admin", password)
    except WeakPassword:
        raise click.ClickException("the password is too short or too easy to guess: try a long sentence") from None
    db.session.commit()
    click.echo(f"created admin {email.strip().lower()}")


@users.command("reset-second-factor")
@click.option("--email", required=True, help="The account whose phone and recovery codes are lost.")
def users_reset_second_factor(email: str) -> None:
    """Remove an account's second factor after checking who asks, outside Tarjotin; the owner is told by mail."""
    from tarjotin.accounts import second_factor
    from tarjotin.accounts.services import find_user
    from tarjotin.extensions import db

    user = find_user(email)
    if user is None or not user.has_second_factor:
        raise click.ClickException(f"{email} has no account with a second factor")
    second_factor.remove(user, user.locale)
    db.session.commit()
    click.echo(f"removed the second factor of {user.email}; they enrol again at their next sign-in")


@reviews.command("send-due")
def reviews_send_due() -> None:
    """Send the review mails due today (at 11 months, reminders at 12 and 13); run daily from cron."""
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.manage.reviews import send_due

    sent = send_due(utcnow())
    db.session.commit()
    click.echo(f"sent {sent} review mail(s)")


outbox = AppGroup("outbox", help="Deliver queued e-mail.")
contact = AppGroup("contact", help="Contact requests: reminders and escalation.")


@outbox.command("send-due")
def outbox_send_due() -> None:
    """Deliver what is due now, once (for cron)."""
    from tarjotin.outbox import worker

    total = 0
    while claimed := worker.send_due():
        total += claimed
    click.echo(f"handled {total} message(s)")


@outbox.command("work")
def outbox_work() -> None:
    """Deliver continuously until SIGTERM or Ctrl-C; several workers may run at once."""
    import signal
    import threading

    from tarjotin.outbox import worker

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        worker.run(stop)
    except KeyboardInterrupt:
        pass


@outbox.command("dead")
def outbox_dead() -> None:
    """List dead letters (no addresses or content)."""
    from tarjotin.outbox.service import dead_letters

    for row in dead_letters():
        click.echo(f"{row.id}\t{row.created_at:%Y-%m-%d %H:%M}\t{row.kind}\t{row.attempts}\t{row.last_error}")


@outbox.command("retry")
@click.argument("message_id", type=int)
def outbox_retry(message_id: int) -> None:
    """Queue dead letter MESSAGE_ID again."""
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.outbox.service import retry

    if retry(message_id, utcnow()) is None:
        raise click.ClickException(f"no dead letter {message_id}")
    db.session.commit()
    click.echo(f"queued {message_id} again")


@contact.command("remind")
def contact_remind() -> None:
    """Remind organisations of unopened requests and tell the county of long-unopened ones (daily cron)."""
    from tarjotin.contact.lifecycle import send_reminders
    from tarjotin.db import utcnow
    from tarjotin.extensions import db

    reminded, escalated = send_reminders(utcnow())
    db.session.commit()
    click.echo(f"reminded {reminded}, escalated {escalated}")


@click.command("purge")
def purge() -> None:
    """Remove personal data past its retention period (contact requests, sign-ups, ideas, referrals, e-mail)."""
    from datetime import timedelta

    from flask import current_app

    from tarjotin.contact.lifecycle import purge as purge_requests
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.outbox.service import purge_finished
    from tarjotin.participation.lifecycle import purge as purge_participation
    from tarjotin.referrals.lifecycle import purge as purge_referrals

    now = utcnow()
    requests = purge_requests(now)
    click.echo("participation: purged {} sign-up(s) and {} idea(s)".format(*purge_participation(now)))
    click.echo(f"referrals: purged client data of {purge_referrals(now)} referral(s)")
    messages = purge_finished(now - timedelta(days=current_app.config["OUTBOX_RETENTION_DAYS"]))
    db.session.commit()
    click.echo(f"purged {requests} contact request(s) and {messages} e-mail(s)")


referrals = AppGroup("referrals", help="Care pathways and referrals: seed, reminders, purge.")


@referrals.command("seed-pathways")
def referrals_seed_pathways() -> None:
    """Load the demo care pathways from seed_data/pathways.json, hand-picking demo offerings."""
    from tarjotin.extensions import db
    from tarjotin.referrals.seed import seed_pathways

    pathways, picks = seed_pathways()
    db.session.commit()
    click.echo(f"seeded {pathways} care pathways with {picks} hand-picked offerings")


@referrals.command("remind")
def referrals_remind() -> None:
    """Tell advisors of referrals unopened after REFERRAL_UNOPENED_WORKING_DAYS (daily cron)."""
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.referrals.lifecycle import notify_unopened

    told = notify_unopened(utcnow())
    db.session.commit()
    click.echo(f"told advisors of {told} unopened referral(s)")


@referrals.command("purge")
def referrals_purge() -> None:
    """Empty client data of referrals closed more than REFERRAL_RETENTION_DAYS ago (daily cron)."""
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.referrals.lifecycle import purge as purge_referrals

    purged = purge_referrals(utcnow())
    db.session.commit()
    click.echo(f"purged client data of {purged} referral(s)")


@click.command("doctor")
@with_appcontext
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Show what is configured, missing and unsafe; exits 1 when anything is unsafe in production."""
    from flask import current_app

    from tarjotin.doctor import diagnose, fails, render

    findings = diagnose(current_app)
    click.echo(render(current_app, findings))
    ctx.exit(1 if fails(current_app, findings) else 0)


def init_app(app) -> None:
    for group in (seed, hsds, search, users, reviews, referrals):
        app.cli.add_command(group)
    for command in (outbox, contact, purge, doctor):
        app.cli.add_command(command)

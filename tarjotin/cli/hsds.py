"""`hsds export|csv|import`: Open Referral HSDS 3 in and out (docs/hsds.md)."""
import click
from flask.cli import AppGroup
from tqdm import tqdm

from tarjotin.extensions import db
from tarjotin.hsds import HSDSFileError, dumps, export_services, import_services, read_records
from tarjotin.hsds.tabular import iter_csv

command = AppGroup("hsds", help="Open Referral HSDS 3 import and export.")


@command.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option(
    "--all", "include_unpublished", is_flag=True, help="Include offerings of draft and archived organisations."
)
def export(file: str, include_unpublished: bool) -> None:
    """Write the offerings of published organisations to FILE as a JSON array of HSDS 3 services."""
    records = export_services(include_unpublished=include_unpublished)
    with open(file, "w", encoding="utf-8") as out:
        out.write(dumps(records))
    click.echo(f"exported {len(records)} services to {file}")


@command.command("csv")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
def export_csv(file: str) -> None:
    """Write the visible offerings to FILE as CSV, one row per offering and place (as /avoin-data offers)."""
    with open(file, "w", encoding="utf-8", newline="") as out:
        for chunk in iter_csv():
            out.write(chunk)
    click.echo(f"wrote {file}")


@command.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_context
def import_file(ctx: click.Context, file: str) -> None:
    """Upsert the HSDS 3 services in FILE by id; exits 1 if any record was rejected, 2 if FILE is unusable."""
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
    if result.unmapped_terms:
        click.echo(f"{len(result.unmapped_terms)} term(s) not in the thesaurus, kept under their taxonomy:")
        for (taxonomy, name), count in sorted(result.unmapped_terms.items()):
            click.echo(f"  {taxonomy}: {name} ({count} offering(s))")
    if result.geocoded:
        hows = ", ".join(f"{count} from the {how}" for how, count in sorted(result.geocoded.items()))
        click.echo(f"placed {sum(result.geocoded.values())} address(es) without coordinates offline: {hows}")
    ctx.exit(1 if result.rejected else 0)

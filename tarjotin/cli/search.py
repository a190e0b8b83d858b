"""`search rebuild` and `search status`: the derived full-text and geo index."""
import time

import click
from flask.cli import AppGroup
from tqdm import tqdm

from tarjotin.search import get_index, hooks
from tarjotin.search.engine import IndexUnavailable

command = AppGroup("search", help="The full-text and geo index.")


@command.command("rebuild")
@click.option("--if-missing", is_flag=True, help="Do nothing when a readable index exists.")
def rebuild(if_missing: bool = False) -> None:
    """Rebuild the index from the database into a new generation and switch to it."""
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


@command.command("status")
def status() -> None:
    """Show the live index generation, its analysis (voikko or snowball) and size."""
    try:
        report = get_index().status()
    except IndexUnavailable as error:
        raise click.ClickException(str(error)) from error
    for key, value in report.items():
        click.echo(f"{key}: {value}")

"""``rskg demo``: load the bundled real samples (a ROR extract and list extracts, see samples/) into the
embedded database and screen a few partners, so a new user sees the whole job with one command."""

from __future__ import annotations

from pathlib import Path

import click

from graph import open_store
from ingest.samples import load_samples, sample_settings
from queries.resolver import ResolverIndex
from queries.screen.render import render
from queries.screen.report import screen
from rskg.commands.ingest import echo_report
from rskg.settings import get_settings

EXAMPLES = (
    "Harbin Engineering University",
    "State Key Laboratory of Robotics and Systems",
    "University of Amsterdam",
)


@click.command(name="demo")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the demo database (default: RSKG_DATA_DIR or the user data folder).",
)
@click.option("--screen/--no-screen", "show", default=True, help="Screen the example partners afterwards.")
def command(data_dir: Path | None, show: bool) -> None:
    """Load the bundled samples (real ROR and list extracts) and screen example partners."""
    base = get_settings()
    settings = sample_settings(base, data_dir=data_dir or base.data_dir, backend="ladybug")
    click.echo(f"Demo database: {settings.db_path}")
    with open_store(settings) as store:
        for report in load_samples(store, settings):
            echo_report(report)
    if not show:
        return
    index = ResolverIndex.load(settings.index_dir)
    with open_store(settings, read_only=True) as store:
        for name in EXAMPLES:
            click.echo("\n" + "=" * 100 + f"\n$ rskg screen {name!r}\n")
            click.echo(render(screen(store, index, name)))
    click.echo(
        f'\nNext: RSKG_DATA_DIR={settings.data_dir} rskg screen "NAME" | rskg org QUERY | '
        'rskg resolve "STRING" | rskg areas "TEXT" | rskg serve'
    )

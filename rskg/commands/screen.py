"""``rskg screen NAME``: who is it, is it listed, how is it connected, what each policy concludes."""

from __future__ import annotations

import datetime as dt

import click

from graph import open_store
from queries.resolver import ResolverIndex
from queries.screen.render import render
from queries.screen.report import screen
from rskg.errors import NotFoundError
from rskg.settings import get_settings


def load_index() -> ResolverIndex:
    settings = get_settings()
    if not ResolverIndex.exists(settings.index_dir):
        raise NotFoundError("no resolver index: run `rskg ingest ror` (and `rskg ingest lists`) first")
    return ResolverIndex.load(settings.index_dir)


@click.command(name="screen")
@click.argument("name")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Screen as of this date (default: today).",
)
@click.option(
    "--hops",
    default=3,
    show_default=True,
    type=click.IntRange(1, 4),
    help="Connections within this many relations.",
)
@click.option("--country", default=None, help="Country context for the name (ISO2).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def command(name: str, as_of: dt.datetime | None, hops: int, country: str | None, as_json: bool) -> None:
    """Screen a partner by name, acronym, affiliation string, ROR id or IRI."""
    index = load_index()
    with open_store(get_settings(), read_only=True) as store:
        report = screen(store, index, name, as_of=as_of.date() if as_of else None, hops=hops, country=country)
    click.echo(report.model_dump_json(indent=2) if as_json else render(report))

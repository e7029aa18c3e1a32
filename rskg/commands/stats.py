"""``rskg stats``: counts per label and relationship type, the last runs, and the content checksum."""

from __future__ import annotations

import click

from graph import open_store
from queries.stats import stats
from rskg.settings import get_settings


@click.command(name="stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--runs", default=5, show_default=True, help="How many recent runs to show.")
def command(as_json: bool, runs: int) -> None:
    """What the graph holds, and a checksum of its content."""
    with open_store(get_settings(), read_only=True) as store:
        result = stats(store, runs)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        return
    click.echo("nodes:")
    for label, count in result.nodes.items():
        click.echo(f"  {label:<16} {count:>9,}")
    click.echo("relationships:")
    for rtype, count in result.relationships.items():
        if count:
            click.echo(f"  {rtype:<20} {count:>9,}")
    click.echo("last runs:")
    for run in result.runs:
        click.echo(
            f"  {run['started']}  {run['source']:<28} read {run['records_read']:>7,}  loaded "
            f"{run['records_loaded']:>7,}  quarantined {run['records_quarantined']:>5,}  ({run['seconds']} s)"
        )
    click.echo(f"content checksum: sha256:{result.checksum}")

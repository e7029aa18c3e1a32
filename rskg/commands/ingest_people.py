"""``rskg ingest team FILE`` and ``rskg ingest openalex FILE...``: researchers into the graph.

Attached to the ``rskg ingest`` group (this module has no ``command`` of its own)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from graph import open_store
from ingest.people.openalex import SOURCE as OPENALEX
from ingest.people.team_source import team_source
from ingest.pipeline import RunReport, run_ingest
from ingest.run import derive, ingest
from queries.resolver.index import ResolverIndex
from rskg.commands.ingest import command as ingest_group
from rskg.commands.ingest import echo_report
from rskg.settings import get_settings


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD") from exc


def _echo_quarantine(report: RunReport) -> None:
    """Each quarantined row with its reason (row and column named; candidates for unresolved names)."""
    if not report.quarantine_file:
        return
    for line in Path(report.quarantine_file).read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        for reason in entry["reasons"]:
            click.echo(f"  {entry['record']}: {reason}")


@ingest_group.command(name="team")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--as-of", "as_of", callback=_iso_date, default=None, metavar="YYYY-MM-DD",
              help="Application date: recorded as the date the team declared these facts (default: today).")
def team(path: Path, as_of: str | None) -> None:
    """Load a team file (CSV: researcher,relation,organisation,role,start,end) into the graph.

    Organisations are resolved with the resolver index (run `rskg ingest ror` first); rows whose
    organisation does not resolve with confidence are quarantined with the candidates."""
    settings = get_settings()
    index = ResolverIndex.load(settings.index_dir)
    source = team_source(index, as_of=as_of or date.today().isoformat())
    with open_store(settings) as store:
        report = run_ingest(source, [path], store, settings.quarantine_dir, workers=1, progress=False)
        echo_report(report)
        _echo_quarantine(report)
    # No derivation is refreshed: persons and their facts feed neither the resolver index nor list linking.


@ingest_group.command(name="openalex")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
def openalex(paths: tuple[Path, ...], progress: bool) -> None:
    """Load OpenAlex author (A…) and work (W…) records: one object, an array, JSON lines or an API page.
    Default: the shared samples."""
    settings = get_settings()
    with open_store(settings) as store:
        echo_report(ingest(OPENALEX, store, settings, list(paths) or None, progress=progress))
        for name in derive(store, settings):
            click.echo(f"  refreshed: {name}")

"""``rskg screen-team team.csv --project TEXT``: every researcher's affiliations, funding and in-kind support,
screened per person and per policy rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from graph import open_store
from ingest.people.team import parse_team
from queries.screen.render import render_team
from queries.screen.team import screen_team
from rskg.commands.screen import load_index
from rskg.errors import InputError
from rskg.settings import get_settings


@click.command(name="screen-team")
@click.argument("team_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--project", default=None, help="Project description or its areas (classified in every scheme).")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The application date (default: today).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
def command(team_file: Path, project: str | None, as_of: dt.datetime | None, as_json: bool) -> None:
    """Screen a project team from a CSV: researcher,relation,organisation,role,start,end."""
    parsed = parse_team(team_file)
    if parsed.errors:
        lines = [
            f"row {e.row}" + (f", column {e.column}" if e.column else "") + f": {e.message}" for e in parsed.errors
        ]
        raise InputError(
            f"{team_file.name} has {len(lines)} bad row(s); nothing was screened:\n  " + "\n  ".join(lines)
        )
    index = load_index()
    with open_store(get_settings(), read_only=True) as store:
        report = screen_team(store, index, parsed.facts, project=project, as_of=as_of.date() if as_of else None)
    click.echo(report.model_dump_json(indent=2) if as_json else render_team(report))

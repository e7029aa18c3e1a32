"""``rskg screen-batch partners.csv``: one row per partner with its strongest finding (CSV or JSON lines)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click
from defusedcsv import csv  # a cell opening like a formula ("=HYPERLINK(…)") gets a leading apostrophe: text

from graph import open_store
from queries.screen.batch import COLUMNS, names_from_csv, screen_many
from rskg import textfiles
from rskg.commands._output import output_option, output_to, progress
from rskg.commands.screen import load_index
from rskg.settings import get_settings


@click.command(name="screen-batch")
@click.argument("partners", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--column", default="name", show_default=True, help="CSV column holding the partner names.")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None)
@click.option("--hops", default=3, show_default=True, type=click.IntRange(1, 4))
@output_option
def command(partners: Path, column: str, fmt: str, as_of: dt.datetime | None, hops: int, output: Path | None) -> None:
    """Screen every partner in a CSV (or a plain list, one name per line)."""
    text = textfiles.read_text(partners)
    first = text.splitlines()[0] if text else ""
    names = (
        names_from_csv(text, column)
        if "," in first or column.lower() in first.lower()
        else [line.strip() for line in text.splitlines() if line.strip()]
    )
    index = load_index()
    with output_to(output) as handle, open_store(get_settings(), read_only=True) as store:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS) if fmt == "csv" else None
        if writer:
            writer.writeheader()
        rows = screen_many(store, index, names, as_of=as_of.date() if as_of else None, hops=hops)
        for row in progress(rows, output, "screen", "partner", total=len(names)):
            if writer:
                writer.writerow(row)
            else:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")

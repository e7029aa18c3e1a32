"""``rskg areas "TEXT"``: sensitive technology areas and end-uses of a text, per scheme, with matched terms;
``rskg areas --mappings``: the cross-scheme mapping table."""

from __future__ import annotations

import json

import click

from queries.areas import classify, mappings_table
from queries.areas.render import render_mappings, render_report
from rskg.errors import InputError


@click.command(name="areas")
@click.argument("text", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--mappings", is_flag=True, help="Print the cross-scheme mapping table (relation, justification).")
@click.option("--no-propagate", is_flag=True, help="Report only concepts whose own labels match the text.")
@click.option("-v", "--verbose", is_flag=True, help="Add the justification of each mapping used.")
def command(text: str | None, as_json: bool, mappings: bool, no_propagate: bool, verbose: bool) -> None:
    """Map TEXT (a project description, keywords or research topics) to the EU, Canadian, US and dual-use
    technology areas and to end-uses, each hit explained by the labels that matched."""
    if mappings:
        rows = mappings_table()
        if as_json:
            click.echo(json.dumps({"mappings": [row.to_dict() for row in rows]}, ensure_ascii=False))
        else:
            click.echo(render_mappings(rows))
        return
    if text is None:
        raise InputError('give a TEXT to classify (rskg areas "quantum sensing"), or --mappings')
    report = classify(text, propagate=not no_propagate)
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        click.echo(render_report(report, verbose=verbose))

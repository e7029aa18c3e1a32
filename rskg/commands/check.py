"""``rskg check``: does every relationship read the same from its source node, from its target node and by a
scan? A database that rskg ingested into again before 2026-11-22 may not (docs/performance.md, "Loading again")."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from graph import open_store
from graph.check import check_reads
from rskg.errors import GraphError
from rskg.settings import get_settings


@click.command(name="check")
@click.option("--sample", default=1000, show_default=True, type=click.IntRange(min=1),
              help="Nodes looked up per table and direction.")
@click.option("--all", "every", is_flag=True, help="Look up every node (slow on a whole registry).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def command(sample: int, every: bool, as_json: bool) -> None:
    """Check that relationships read the same whichever way they are looked up; exits 1 if any does not."""
    with open_store(get_settings(), read_only=True) as store:
        checks = check_reads(store, None if every else sample)
    wrong = [c for c in checks if not c.ok]
    if as_json:
        click.echo(json.dumps({"ok": not wrong, "tables": [asdict(c) | {"ok": c.ok} for c in checks]}, indent=2))
    else:
        for c in checks:
            click.echo(f"  {'ok   ' if c.ok else 'WRONG'} {c.table:<48} {c.relationships:>9,} relationships; "
                       f"read otherwise: {c.sources_wrong} of {c.sources} sources, {c.targets_wrong} of {c.targets} "
                       "targets")
    if wrong:
        raise GraphError(
            f"{len(wrong)} of {len(checks)} relationship tables read otherwise when looked up from a node; "
            "rebuild the database (docs/performance.md, 'Loading again')"
        )
    if not as_json:
        click.echo(f"every relationship table reads the same from either end ({len(checks)} tables)")

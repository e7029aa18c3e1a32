"""``rskg ingest ror-bulk``: the bulk path for large registry loads (rows → Parquet → ``COPY`` on a fresh
embedded database; batched upserts otherwise). Same graph and the same counts as ``rskg ingest ror``; the checks
are the shapes' literal constraints run in Python instead of SHACL (ingest/bulk.py)."""

from __future__ import annotations

from pathlib import Path

import click

from graph import open_store
from ingest.bulk import run_bulk
from ingest.run import derive_fresh, resolve_paths
from ingest.sources.ror import SOURCE as ROR
from rskg.commands.ingest import command as ingest_group
from rskg.commands.ingest import echo_report
from rskg.settings import get_settings

# No module-level `command`: this module attaches `ror-bulk` to the `rskg ingest` group when the CLI imports it.


@ingest_group.command(name="ror-bulk")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--derive/--no-derive", "run_derivations", default=True, help="Refresh the derived data after.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
def ror_bulk(paths: tuple[Path, ...], run_derivations: bool, progress: bool) -> None:
    """Bulk-load ROR records (v2 or v1 JSON lines, .gz, or the Zenodo .zip); fastest into a new database."""
    settings = get_settings()
    files = resolve_paths(ROR, settings, list(paths) or None)
    with open_store(settings) as store:
        echo_report(run_bulk(ROR, files, store, settings.quarantine_dir, workdir=settings.data_dir,
                             progress=progress))
    if run_derivations:  # on a store opened afresh: the engine lets go of what the load used only when closed
        for name in derive_fresh(settings):
            click.echo(f"  refreshed: {name}")

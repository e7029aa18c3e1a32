"""``rskg ingest lists``: load lists of concern (all, or some by dataset name or list key), then refresh what
is derived from the graph (resolver index, links from list entries to registry organisations)."""

from __future__ import annotations

from pathlib import Path

import click

from graph import open_store
from ingest.lists.registry import list_keys, list_sources, select
from ingest.run import derive_fresh, ingest
from rskg.commands.ingest import command as ingest_group
from rskg.commands.ingest import echo_report
from rskg.errors import InputError
from rskg.settings import get_settings


@ingest_group.command(name="lists")
@click.argument("names", nargs=-1)
@click.option("--path", "paths", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="File(s) to read instead of the default ones (one source only; repeat for several files).")
@click.option("--list", "show", is_flag=True, help="Show the list sources and their list keys, then exit.")
@click.option("--derive/--no-derive", "derive_after", default=True,
              help="Refresh the resolver index and the links afterwards.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
def lists(names: tuple[str, ...], paths: tuple[Path, ...], show: bool, derive_after: bool,
          progress: bool) -> None:
    """Load lists of concern: all sources, or NAMEs (dataset names or list keys)."""
    if show:
        for key, source in list_sources().items():
            click.echo(f"{key}  ({', '.join(list_keys(key))})")
            for rel in source.default_paths:
                click.echo(f"    {rel}")
        return
    sources = select(names)
    if paths and len(sources) != 1:
        raise InputError("--path needs exactly one source (name it)")
    settings = get_settings()
    with open_store(settings) as store:
        for source in sources:
            echo_report(ingest(source, store, settings, list(paths) or None, progress=progress))
    if derive_after:  # on a store opened afresh: the engine lets go of what the load used only when closed
        for name in derive_fresh(settings):
            click.echo(f"  refreshed: {name}")

"""``rskg ingest``: load public sources into the graph (parse → RDF → SHACL → load, with quarantine)."""

from __future__ import annotations

from pathlib import Path

import click

from graph import open_store
from ingest.derivations import ORDER, steps_from
from ingest.lock import ingest_lock
from ingest.pipeline import RunReport
from ingest.run import derive_fresh, ingest
from ingest.sources.ror import SOURCE as ROR
from rskg.errors import NotFoundError
from rskg.settings import get_settings


def echo_report(report: RunReport) -> None:
    click.echo(
        f"{report.source}: records read {report.records_read} = loaded {report.records_loaded} + "
        f"quarantined {report.records_quarantined}; relations read {report.relations_read} = loaded "
        f"{report.relations_loaded} + quarantined {report.relations_quarantined}  ({report.seconds:.1f} s)"
    )
    if report.release:
        click.echo(f"  source release: {report.release}")
    for reason, count in sorted(report.reasons.items(), key=lambda kv: -kv[1]):
        click.echo(f"  quarantined {count}× {reason}")
    if report.quarantine_file:
        click.echo(f"  quarantine file: {report.quarantine_file}")
    if not report.reconciles:
        raise click.ClickException("counts do not reconcile: this is a bug, please report it")


class _LockedCommand(click.Command):
    """A subcommand of ``rskg ingest``: runs holding the data directory's ingest lock (after its arguments are
    parsed, so ``--help`` never waits), so two ingests can never interleave."""

    def invoke(self, ctx: click.Context) -> object:
        with ingest_lock(get_settings().data_dir):
            return super().invoke(ctx)


class _IngestGroup(click.Group):
    command_class = _LockedCommand


@click.group(name="ingest", cls=_IngestGroup)
def command() -> None:
    """Load public sources into the graph."""


@command.command(name="ror")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
def ror(paths: tuple[Path, ...], progress: bool) -> None:
    """Load ROR records (v2 or v1 JSON lines, .gz, or the Zenodo dump .zip). Default: the shared v2 file."""
    settings = get_settings()
    with open_store(settings) as store:
        echo_report(ingest(ROR, store, settings, list(paths) or None, progress=progress))
    for name in derive_fresh(settings):  # on a store opened afresh: the engine frees what the load used on close
        click.echo(f"  refreshed: {name}")


@command.command(name="refresh")
@click.argument("steps", nargs=-1, type=click.Choice(ORDER))
def refresh(steps: tuple[str, ...]) -> None:
    """Rebuild what is derived from the graph, loading nothing: the resolver index, the links from list entries
    to registry organisations, the exposure paths. Default: every step, in order; with STEPS, from the first of
    them on, as the later steps read what it makes. Run it after an upgrade that changes the resolver index's
    format, instead of loading the sources again."""
    settings = get_settings()
    if not settings.db_path.exists():
        raise NotFoundError(f"no graph in {settings.data_dir}: load a source first (`rskg ingest ror`)")
    for name in derive_fresh(settings, steps_from(steps)):
        click.echo(f"  refreshed: {name}")


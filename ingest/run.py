"""High-level ingest entry points used by the CLI and the API: pick the files, open the store, run the
pipeline, then refresh what is derived from the data (the resolver index, precomputed exposure)."""

from __future__ import annotations

import ctypes
import ctypes.util
import dataclasses
import functools
import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from graph import GraphStore
from ingest.lock import ingest_lock
from ingest.pipeline import RunReport, run_ingest
from ingest.source import Bad, Raw, Source
from rskg.errors import InputError
from rskg.settings import Settings

log = logging.getLogger(__name__)


# Steps that derive data from the whole graph after a load; each takes (store, settings). Registered by the
# modules that own them (resolver index, entity linking, exposure), run in this order.
DERIVATIONS: dict[str, Callable[[GraphStore, Settings], None]] = {}


def register_derivation(
    name: str,
) -> Callable[[Callable[[GraphStore, Settings], None]], Callable[[GraphStore, Settings], None]]:
    def wrap(func: Callable[[GraphStore, Settings], None]) -> Callable[[GraphStore, Settings], None]:
        DERIVATIONS[name] = func
        return func

    return wrap


def resolve_paths(source: Source, settings: Settings, paths: Sequence[Path] | None) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    found = [settings.shared_data / rel for rel in source.default_paths]
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise InputError(
            f"no file given and the default is missing: {', '.join(missing)} "
            "(pass the file path, or set RSKG_SHARED_DATA)"
        )
    return found


@dataclasses.dataclass(frozen=True)
class _Read:
    """``parse`` of a source whose file(s) were read in full before the run: replays the items."""

    items: tuple[Raw | Bad, ...]

    def __call__(self, _paths: Sequence[Path]) -> Iterator[Raw | Bad]:
        return iter(self.items)

    def __reduce__(self) -> tuple[type[_Read], tuple[tuple[Raw | Bad, ...]]]:
        return _Read, ((),)  # workers only map: never ship the items with every batch


def ingest(
    source: Source,
    store: GraphStore,
    settings: Settings,
    paths: Sequence[Path] | None = None,
    *,
    progress: bool = True,
) -> RunReport:
    files = resolve_paths(source, settings, paths)
    if source.static_rdf is not None:
        # List readers read whole files anyway; read before run_ingest loads the list declarations, so that a
        # file the reader refuses (SourceError) leaves the graph as it was.
        source = dataclasses.replace(source, parse=_Read(tuple(source.parse(files))))
    with ingest_lock(settings.data_dir):  # re-entrant: the CLI command usually holds it already
        return run_ingest(source, files, store, settings.quarantine_dir, workers=settings.workers, progress=progress)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to trim
        return None


def release_memory() -> None:
    """Collect garbage and hand the freed heap back to the operating system (glibc ``malloc_trim``). CPython
    returns little on its own: after a bulk load of a million organisations the process kept ~6 GiB it no
    longer used, and every derivation after it started from there. Elsewhere than glibc this only collects."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def derive(store: GraphStore, settings: Settings, only: Sequence[str] | None = None) -> list[str]:
    """Run the registered derivations (all, or ``only`` these) and return their names."""
    from ingest.derivations import ORDER  # importing it registers the steps
    from queries.screen.tables import forget

    done = []
    with ingest_lock(settings.data_dir):
        for name in ORDER:
            if only is None or name in only:
                release_memory()  # what the load (or the step before) freed, before this step grows the heap
                log.info("derive %s", name)
                DERIVATIONS[name](store, settings)
                done.append(name)
    release_memory()
    forget(store)  # a process that screens after it ingests must not use tables read before
    return done


def derive_fresh(settings: Settings, only: Sequence[str] | None = None) -> list[str]:
    """:func:`derive` on a store opened for it; call it after closing the store a load used. The embedded engine
    keeps the memory a load or a large read took (its buffer pool) until the database is closed: at a million
    organisations ~1.3 GiB after a bulk load and ~2.4 GiB after loading a list, held through every derivation."""
    from graph import open_store

    with open_store(settings) as store:
        return derive(store, settings, only)
